/*
 * wordlist_int.h: the inside of a word list, shared by wordlist.c (the
 * list and its automaton) and wordlist_scan.c (the scan).
 *
 * The automaton is a trie of normalized units (wordnorm.h) with failure
 * and dictionary links.  A trie with a code point alphabet is too sparse
 * for arrays of children, so the edges live in one open-addressing hash
 * table keyed by (parent, unit); the table holds only node numbers and
 * compares keys against the nodes themselves, which keeps the whole
 * automaton near 30 bytes per character of the list.
 */
#ifndef GZ_WORDLIST_INT_H
#define GZ_WORDLIST_INT_H

#include <stddef.h>
#include <stdint.h>

#include "wordlist.h"

struct wordlist_node {
	uint32_t parent; /* node 0 is the root */
	uint32_t unit;   /* on the edge from the parent */
	uint32_t fail;   /* longest proper suffix that is in the trie */
	uint32_t dict;   /* nearest node along fail that ends a word, or 0 */
	uint32_t word;   /* number + 1 of the word ending here, or 0 */
	uint32_t depth;  /* in units */
};

struct wordlist {
	char **words; /* as added, trimmed */
	size_t nwords, capwords;
	struct wordlist_node *node;
	size_t nnodes, capnodes;
	uint32_t *slot; /* edge table: node numbers, 0 empty */
	size_t nslots;  /* a power of two, at least twice nnodes */
	size_t depth;   /* the longest word, in units */
	int built;      /* fail and dict are up to date */
};

static inline size_t
wordlist_slot(uint32_t parent, uint32_t unit)
{
	uint64_t h = ((uint64_t)parent << 21 | unit) * 0x9e3779b97f4a7c15ull;

	return (size_t)(h >> 32);
}

/* The child of node parent along unit, or 0. */
static inline uint32_t
wordlist_child(const struct wordlist *w, uint32_t parent, uint32_t unit)
{
	size_t mask = w->nslots - 1, i = wordlist_slot(parent, unit) & mask;
	uint32_t id;

	while ((id = w->slot[i]) != 0) {
		if (w->node[id].parent == parent && w->node[id].unit == unit)
			return id;
		i = (i + 1) & mask;
	}
	return 0;
}

#endif
