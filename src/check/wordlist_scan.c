/*
 * wordlist_scan: one pass of the Aho-Corasick automaton over a text.
 * See wordlist.h for what is reported and wordlist_int.h for the
 * automaton.
 *
 * The automaton finds a word where it ends, but hits are promised in
 * order of where they start.  A hit can only start within the last
 * `depth` units (the longest word), so hits wait in buckets by start
 * unit, a ring of WORDNORM_UNITS_MAX of them, and a bucket is handed out
 * once the scan is far enough past its start that no later hit can
 * start there.  Within a bucket the hits arrive shortest first (they end
 * at increasing units) and are pushed on a list, so walking the list
 * hands them out longest first.  The ring also remembers where each of
 * the recent units came from in the text, which turns unit positions
 * back into byte offsets.
 */
#include <stdlib.h>
#include <string.h>

#include "wordlist_int.h"
#include "wordnorm.h"

#define RING WORDNORM_UNITS_MAX
#define MASK (RING - 1)

_Static_assert((RING & MASK) == 0, "the ring is a power of two");

/* A hit waiting for its turn; `next` links a bucket, 0 ends it. */
struct pending {
	struct wordlist_hit hit;
	uint32_t next;
};

struct scan {
	const struct wordlist *w;
	wordlist_fn fn;
	void *arg;
	uint32_t state;     /* the automaton's node */
	size_t unit;        /* units seen so far */
	size_t span;        /* the longest word, in units */
	size_t start[RING]; /* text offsets of the recent units */
	size_t end[RING];
	uint32_t bucket[RING]; /* hits by start unit, newest first */
	struct pending *pend;  /* pend[0] is unused: 0 means none */
	size_t npend, cap;
	uint32_t freed; /* a list of free entries of pend */
};

/* Queue a hit that starts at unit s. */
static int
scan_queue(struct scan *sc, size_t s, size_t start, size_t end, size_t word)
{
	struct pending *p;
	uint32_t id;

	if (sc->freed != 0) {
		id = sc->freed;
		sc->freed = sc->pend[id].next;
	} else {
		if (sc->npend == sc->cap) {
			size_t cap = sc->cap ? 2 * sc->cap : 64;

			if (cap > UINT32_MAX ||
			    (p = realloc(sc->pend, cap * sizeof *p)) == NULL)
				return GZ_ENOMEM;
			sc->pend = p;
			sc->cap = cap;
			if (sc->npend == 0)
				sc->npend = 1;
		}
		id = (uint32_t)sc->npend++;
	}
	p = &sc->pend[id];
	p->hit.start = start;
	p->hit.end = end;
	p->hit.word = word;
	p->next = sc->bucket[s & MASK];
	sc->bucket[s & MASK] = id;
	return 0;
}

/* Hand out the hits that start at unit s, longest first. */
static int
scan_flush(struct scan *sc, size_t s)
{
	uint32_t id = sc->bucket[s & MASK], next;
	int rc = 0;

	sc->bucket[s & MASK] = 0;
	for (; id != 0; id = next) {
		next = sc->pend[id].next;
		if (rc == 0)
			rc = sc->fn(&sc->pend[id].hit, sc->arg);
		sc->pend[id].next = sc->freed;
		sc->freed = id;
	}
	return rc;
}

/* The wordnorm sink: one step of the automaton per unit. */
static int
scan_unit(void *ctx, uint32_t unit, size_t start, size_t end)
{
	struct scan *sc = ctx;
	const struct wordlist *w = sc->w;
	const struct wordlist_node *node = w->node;
	size_t p = sc->unit++;
	uint32_t st = sc->state, c, x;
	int rc;

	sc->start[p & MASK] = start;
	sc->end[p & MASK] = end;
	while ((c = wordlist_child(w, st, unit)) == 0 && st != 0)
		st = node[st].fail;
	sc->state = c;
	for (x = node[c].word ? c : node[c].dict; x != 0; x = node[x].dict) {
		size_t s = p + 1 - node[x].depth;

		if ((rc = scan_queue(sc, s, sc->start[s & MASK], end,
		         node[x].word - 1)) != 0)
			return rc;
	}
	/* No hit found later can start at or before p + 1 - span. */
	if (p + 1 >= sc->span)
		return scan_flush(sc, p + 1 - sc->span);
	return 0;
}

int
wordlist_scan(
    struct wordlist *w, const char *text, size_t n, wordlist_fn fn, void *arg)
{
	struct scan *sc;
	size_t s;
	int rc;

	if (w->nwords == 0)
		return GZ_OK;
	if ((rc = wordlist_build(w)) != GZ_OK)
		return rc;
	/* Some 5 KB of offsets and buckets: too much for a server
	 * thread's stack, so on the heap. */
	if ((sc = calloc(1, sizeof *sc)) == NULL)
		return GZ_ENOMEM;
	sc->w = w;
	sc->fn = fn;
	sc->arg = arg;
	sc->span = w->depth;
	rc = wordnorm_run(text, n, scan_unit, sc);
	/* The text ended: what waits is final, in order of start. */
	s = sc->unit >= sc->span ? sc->unit - sc->span + 1 : 0;
	for (; rc == 0 && s < sc->unit; s++)
		rc = scan_flush(sc, s);
	free(sc->pend);
	free(sc);
	return rc;
}
