/*
 * wordlist: the list of sensitive words and its Aho-Corasick automaton.
 * See wordlist.h for the rules, wordlist_int.h for the layout and
 * wordlist_scan.c for the scan.
 *
 * Words go into the trie as they are added; the failure and dictionary
 * links are computed for all nodes at once, in order of depth, by
 * wordlist_build().  Adding a word after that only marks the links
 * stale, so a list read line by line costs one build, not one per word.
 */
#include <stdlib.h>
#include <string.h>

#include "utf8.h"
#include "wordlist_int.h"
#include "wordnorm.h"

int
wordlist_new(struct wordlist **out)
{
	struct wordlist *w;

	*out = NULL;
	if ((w = calloc(1, sizeof *w)) == NULL)
		return GZ_ENOMEM;
	w->capnodes = 64;
	w->nslots = 128;
	w->node = calloc(w->capnodes, sizeof *w->node);
	w->slot = calloc(w->nslots, sizeof *w->slot);
	if (w->node == NULL || w->slot == NULL) {
		wordlist_free(w);
		return GZ_ENOMEM;
	}
	w->nnodes = 1; /* the root, all zero */
	w->built = 1;
	*out = w;
	return GZ_OK;
}

void
wordlist_free(struct wordlist *w)
{
	size_t i;

	if (w == NULL)
		return;
	for (i = 0; i < w->nwords; i++)
		free(w->words[i]);
	free(w->words);
	free(w->node);
	free(w->slot);
	free(w);
}

size_t
wordlist_count(const struct wordlist *w)
{
	return w->nwords;
}

const char *
wordlist_word(const struct wordlist *w, size_t i)
{
	return i < w->nwords ? w->words[i] : NULL;
}

/*
 * Narrow s[*a..*b) to leave out white space and invisible characters at
 * either end (a byte-order mark on the first line among them).  s must
 * be valid UTF-8.
 */
static void
trim(const char *s, size_t *a, size_t *b)
{
	size_t i, len, first = *b, last = *b;
	uint32_t u;
	int cls;

	for (i = *a; i < *b; i += len) {
		len = wordnorm_char(s + i, *b - i, &u, &cls);
		if (cls == WORDNORM_SPACE || cls == WORDNORM_IGNORE)
			continue;
		if (first == *b)
			first = i;
		last = i + len;
	}
	if (first == *b)
		last = first;
	*a = first;
	*b = last;
}

/* Characters (code points) in valid UTF-8. */
static size_t
count_chars(const char *s, size_t n)
{
	size_t i, c = 0;

	for (i = 0; i < n; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			c++;
	return c;
}

struct units {
	uint32_t u[WORDNORM_UNITS_MAX];
	size_t n;
};

static int
units_put(void *ctx, uint32_t unit, size_t start, size_t end)
{
	struct units *us = ctx;

	if (us->n == WORDNORM_UNITS_MAX)
		return GZ_ETOOBIG; /* cannot happen: see WORDNORM_UNITS_MAX */
	us->u[us->n++] = unit;
	return 0;
}

/* Make room for `more` nodes: the node array and an edge table kept at
 * most half full.  Nothing changes on failure. */
static int
reserve_nodes(struct wordlist *w, size_t more)
{
	size_t need = w->nnodes + more, nslots, i;
	struct wordlist_node *node;
	uint32_t *slot;

	if (need > UINT32_MAX / 2)
		return GZ_ENOMEM;
	if (need > w->capnodes) {
		size_t cap = w->capnodes;

		while (cap < need)
			cap *= 2;
		if ((node = realloc(w->node, cap * sizeof *node)) == NULL)
			return GZ_ENOMEM;
		w->node = node;
		w->capnodes = cap;
	}
	if (2 * need <= w->nslots)
		return GZ_OK;
	for (nslots = w->nslots; 2 * need > nslots;)
		nslots *= 2;
	if ((slot = calloc(nslots, sizeof *slot)) == NULL)
		return GZ_ENOMEM;
	for (i = 1; i < w->nnodes; i++) {
		size_t j = wordlist_slot(w->node[i].parent, w->node[i].unit);

		while (slot[j & (nslots - 1)] != 0)
			j++;
		slot[j & (nslots - 1)] = (uint32_t)i;
	}
	free(w->slot);
	w->slot = slot;
	w->nslots = nslots;
	return GZ_OK;
}

/* A new node below parent along unit; room was reserved. */
static uint32_t
node_add(struct wordlist *w, uint32_t parent, uint32_t unit)
{
	uint32_t id = (uint32_t)w->nnodes++;
	size_t mask = w->nslots - 1, i = wordlist_slot(parent, unit) & mask;
	struct wordlist_node *nd = &w->node[id];

	memset(nd, 0, sizeof *nd);
	nd->parent = parent;
	nd->unit = unit;
	nd->depth = w->node[parent].depth + 1;
	while (w->slot[i] != 0)
		i = (i + 1) & mask;
	w->slot[i] = id;
	return id;
}

int
wordlist_add(struct wordlist *w, const char *word, size_t n)
{
	struct units us;
	size_t a = 0, b = n, i, depth;
	uint32_t node, next;
	char *copy;
	int rc;

	if (!utf8_valid(word, n, NULL))
		return GZ_EUTF8;
	trim(word, &a, &b);
	if (a == b)
		return GZ_EINVAL;
	if (count_chars(word + a, b - a) > WORDLIST_WORD_MAX)
		return GZ_ETOOBIG;
	us.n = 0;
	if ((rc = wordnorm_run(word + a, b - a, units_put, &us)) != 0)
		return rc;

	/* Already there, as this or another spelling? */
	for (node = 0, depth = 0; depth < us.n; depth++, node = next)
		if ((next = wordlist_child(w, node, us.u[depth])) == 0)
			break;
	if (depth == us.n && w->node[node].word != 0)
		return GZ_OK;
	if (w->nwords == WORDLIST_WORDS_MAX)
		return GZ_ETOOBIG;

	/* Reserve everything first, so that a failure changes nothing. */
	if (w->nwords == w->capwords) {
		size_t cap = w->capwords ? 2 * w->capwords : 64;
		char **words = realloc(w->words, cap * sizeof *words);

		if (words == NULL)
			return GZ_ENOMEM;
		w->words = words;
		w->capwords = cap;
	}
	if ((rc = reserve_nodes(w, us.n - depth)) != GZ_OK)
		return rc;
	if ((copy = malloc(b - a + 1)) == NULL)
		return GZ_ENOMEM;
	memcpy(copy, word + a, b - a);
	copy[b - a] = '\0';

	for (i = depth; i < us.n; i++)
		node = node_add(w, node, us.u[i]);
	w->node[node].word = (uint32_t)w->nwords + 1;
	w->words[w->nwords++] = copy;
	if (us.n > w->depth)
		w->depth = us.n;
	w->built = 0;
	return GZ_OK;
}

int
wordlist_build(struct wordlist *w)
{
	uint32_t *order, *count;
	size_t i, d;

	if (w->built)
		return GZ_OK;
	/* Nodes in order of depth (a counting sort), so each node's
	 * parent and fail target are done before it. */
	order = malloc(w->nnodes * sizeof *order);
	count = calloc(w->depth + 2, sizeof *count);
	if (order == NULL || count == NULL) {
		free(order);
		free(count);
		return GZ_ENOMEM;
	}
	for (i = 0; i < w->nnodes; i++)
		count[w->node[i].depth + 1]++;
	for (d = 1; d <= w->depth + 1; d++)
		count[d] += count[d - 1];
	for (i = 0; i < w->nnodes; i++)
		order[count[w->node[i].depth]++] = (uint32_t)i;

	for (i = 1; i < w->nnodes; i++) {
		struct wordlist_node *nd = &w->node[order[i]];
		uint32_t f = 0, c = 0;

		if (nd->parent != 0) {
			/* The longest suffix of the parent's string that
			 * goes on with the same unit. */
			f = w->node[nd->parent].fail;
			while (
			    (c = wordlist_child(w, f, nd->unit)) == 0 && f != 0)
				f = w->node[f].fail;
		}
		nd->fail = c;
		nd->dict = w->node[c].word ? c : w->node[c].dict;
	}
	free(order);
	free(count);
	w->built = 1;
	return GZ_OK;
}

/* One line of a list: GZ_OK, or GZ_EINVAL with a message in why. */
static int
parse_line(
    struct wordlist *w, const char *s, size_t n, size_t line, struct buf *why)
{
	size_t a = 0, b = n, bad = 0, chars;
	int rc;

	if (!utf8_valid(s, n, &bad)) {
		if (why)
			buf_printf(why,
			    "line %zu: not valid UTF-8 at byte %zu "
			    "of the line: save the list as UTF-8 (not GBK or "
			    "Big5) and upload it again",
			    line, bad + 1);
		return GZ_EINVAL;
	}
	trim(s, &a, &b);
	if (a == b || s[a] == '#')
		return GZ_OK;
	if ((chars = count_chars(s + a, b - a)) > WORDLIST_WORD_MAX) {
		if (why)
			buf_printf(why,
			    "line %zu: the word is %zu characters "
			    "long, more than the %d allowed: shorten it or put "
			    "each word on its own line",
			    line, chars, WORDLIST_WORD_MAX);
		return GZ_EINVAL;
	}
	rc = wordlist_add(w, s + a, b - a);
	if (rc == GZ_ETOOBIG) {
		if (why)
			buf_printf(why,
			    "line %zu: the list has more than %d "
			    "words: remove words that are no longer needed",
			    line, WORDLIST_WORDS_MAX);
		return GZ_EINVAL;
	}
	return rc;
}

int
wordlist_parse(struct wordlist *w, const char *text, size_t n, struct buf *why)
{
	size_t p = 0, line = 1;
	int rc;

	while (p < n) {
		const char *nl = memchr(text + p, '\n', n - p);
		size_t end = nl ? (size_t)(nl - text) : n;

		if ((rc = parse_line(w, text + p, end - p, line, why)) != GZ_OK)
			return rc;
		p = end + 1;
		line++;
	}
	return wordlist_build(w);
}
