/*
 * fuzz_check: libFuzzer target for the pre-publish checks, the
 * sensitive-word list (wordlist) and personal data (pii).
 *
 * The input up to its first NUL byte is a word list, the rest the text
 * to check; an input with no NUL is both, so that words do occur.  The
 * list must parse or be refused with a message naming the line, and
 * every word kept must be non-empty UTF-8 that finds itself, whole.
 * Every hit of either scan must lie inside the text, start before it
 * ends and begin and end on character boundaries (as utf8_decode reads
 * the text: a bad byte is one character).  Word hits come in order of
 * start, the longer first, never twice, name a word of the list, and are
 * found again in their own bytes alone: a hit depends on nothing outside
 * it.  PII hits come in order without overlapping, have a known kind and
 * are found again, alone and whole, in their own bytes.  Scanning twice
 * gives the same hits.  Any violation aborts.
 *
 *   make fuzz && build/fuzz/fuzz_check -max_total_time=60 \
 *       fuzz/corpus/check
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "pii.h"
#include "utf8.h"
#include "wordlist.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(why) do { \
	fprintf(stderr, "fuzz_check: %s\n", why); \
	abort(); \
} while (0)

/* Hits kept for comparing runs; more are checked but not kept. */
#define KEEP 256

struct run {
	const char *text;
	size_t n;
	const unsigned char *boundary; /* boundary[i]: a character starts */
	size_t count;                  /* words in the list */
	size_t nhits;
	struct wordlist_hit w[KEEP];
	struct pii_hit p[KEEP];
	size_t last_start, last_end;
};

/* Where characters start in text[0..n), as utf8_decode reads them; the
 * end counts as a boundary. */
static unsigned char *
boundaries(const char *text, size_t n)
{
	unsigned char *b = calloc(n + 1, 1);
	size_t i = 0;
	uint32_t cp;

	if (b == NULL)
		abort();
	while (i < n) {
		b[i] = 1;
		i += utf8_decode(text + i, n - i, &cp);
	}
	b[n] = 1;
	return b;
}

static void
check_span(const struct run *r, size_t start, size_t end)
{
	if (start >= end || end > r->n)
		fail("hit outside the text or empty");
	if (!r->boundary[start] || !r->boundary[end])
		fail("hit not on character boundaries");
}

static int
word_hit(const struct wordlist_hit *h, void *arg)
{
	struct run *r = arg;

	check_span(r, h->start, h->end);
	if (h->word >= r->count)
		fail("hit names no word");
	if (r->nhits > 0) {
		if (h->start < r->last_start)
			fail("word hits out of order");
		if (h->start == r->last_start && h->end >= r->last_end)
			fail("tied word hits not longer first");
	}
	r->last_start = h->start;
	r->last_end = h->end;
	if (r->nhits < KEEP)
		r->w[r->nhits] = *h;
	r->nhits++;
	return 0;
}

static int
pii_hit(const struct pii_hit *h, void *arg)
{
	struct run *r = arg;

	check_span(r, h->start, h->end);
	if (h->kind != PII_ID_CARD && h->kind != PII_MOBILE &&
	    h->kind != PII_EMAIL && h->kind != PII_BANK_CARD)
		fail("unknown kind");
	if (strcmp(pii_kind_name(h->kind), "unknown") == 0)
		fail("kind without a name");
	if (r->nhits > 0 && h->start < r->last_end)
		fail("pii hits overlap or out of order");
	r->last_start = h->start;
	r->last_end = h->end;
	if (r->nhits < KEEP)
		r->p[r->nhits] = *h;
	r->nhits++;
	return 0;
}

static void
run_words(struct wordlist *w, const char *text, size_t n,
    const unsigned char *boundary, struct run *r)
{
	memset(r, 0, sizeof *r);
	r->text = text;
	r->n = n;
	r->boundary = boundary;
	r->count = wordlist_count(w);
	if (wordlist_scan(w, text, n, word_hit, r) != GZ_OK)
		fail("wordlist_scan failed");
}

static void
run_pii(const char *text, size_t n, const unsigned char *boundary,
    struct run *r)
{
	memset(r, 0, sizeof *r);
	r->text = text;
	r->n = n;
	r->boundary = boundary;
	if (pii_scan(text, n, pii_hit, r) != GZ_OK)
		fail("pii_scan failed");
}

/* Whether scanning text[0..n) alone finds word covering all of it. */
static int
finds_whole(struct wordlist *w, const char *text, size_t n, size_t word)
{
	unsigned char *b = boundaries(text, n);
	struct run *r = malloc(sizeof *r);
	size_t i;
	int found = 0;

	if (r == NULL)
		abort();
	run_words(w, text, n, b, r);
	for (i = 0; i < r->nhits && i < KEEP; i++)
		if (r->w[i].start == 0 && r->w[i].end == n &&
		    r->w[i].word == word)
			found = 1;
	free(r);
	free(b);
	return found;
}

static void
check_words(struct wordlist *w, const char *text, size_t n,
    const unsigned char *boundary)
{
	struct run *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	size_t i;

	if (a == NULL || b == NULL)
		abort();
	for (i = 0; i < wordlist_count(w) && i < 32; i++) {
		const char *word = wordlist_word(w, i);
		size_t len;

		if (word == NULL || (len = strlen(word)) == 0 ||
		    !utf8_valid(word, len, NULL))
			fail("a word kept is empty or not UTF-8");
		if (!finds_whole(w, word, len, i))
			fail("a word does not find itself");
	}
	if (wordlist_word(w, wordlist_count(w)) != NULL)
		fail("a word past the end");
	run_words(w, text, n, boundary, a);
	run_words(w, text, n, boundary, b);
	if (a->nhits != b->nhits || memcmp(a->w, b->w,
	    (a->nhits < KEEP ? a->nhits : KEEP) * sizeof a->w[0]) != 0)
		fail("word scan not deterministic");
	for (i = 0; i < a->nhits && i < 64; i++) {
		const struct wordlist_hit *h = &a->w[i];

		if (!finds_whole(w, text + h->start, h->end - h->start,
		    h->word))
			fail("a word hit is not found in its own bytes");
	}
	free(a);
	free(b);
}

static void
check_pii(const char *text, size_t n, const unsigned char *boundary)
{
	struct run *a = malloc(sizeof *a), *b = malloc(sizeof *b);
	size_t i;

	if (a == NULL || b == NULL)
		abort();
	run_pii(text, n, boundary, a);
	run_pii(text, n, boundary, b);
	if (a->nhits != b->nhits)
		fail("pii scan not deterministic");
	for (i = 0; i < a->nhits && i < KEEP; i++)
		if (a->p[i].kind != b->p[i].kind ||
		    a->p[i].start != b->p[i].start ||
		    a->p[i].end != b->p[i].end)
			fail("pii scan not deterministic");
	for (i = 0; i < a->nhits && i < 64; i++) {
		const struct pii_hit *h = &a->p[i];
		unsigned char *bb;

		bb = boundaries(text + h->start, h->end - h->start);
		run_pii(text + h->start, h->end - h->start, bb, b);
		free(bb);
		if (b->nhits != 1 || b->p[0].kind != h->kind ||
		    b->p[0].start != 0 || b->p[0].end != h->end - h->start)
			fail("a pii hit is not found alone in its own bytes");
	}
	free(a);
	free(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data, *text, *nul;
	size_t listlen, n;
	struct wordlist *w;
	struct buf why = BUF_INIT;
	unsigned char *boundary;
	int rc;

	if (size > 1 << 16)
		return 0;
	if ((nul = memchr(in, '\0', size)) != NULL) {
		listlen = (size_t)(nul - in);
		text = nul + 1;
		n = size - listlen - 1;
	} else {
		listlen = n = size;
		text = in;
	}
	if (wordlist_new(&w) != GZ_OK)
		return 0;
	rc = wordlist_parse(w, in, listlen, &why);
	if (rc == GZ_EINVAL) {
		if (strncmp(buf_cstr(&why), "line ", 5) != 0)
			fail("refused without naming the line");
	} else if (rc == GZ_OK) {
		if (why.len != 0)
			fail("a message for a good list");
	} else if (rc != GZ_ENOMEM) {
		fail("wordlist_parse failed");
	}
	boundary = boundaries(text, n);
	if (rc != GZ_ENOMEM)
		check_words(w, text, n, boundary);
	check_pii(text, n, boundary);
	free(boundary);
	buf_free(&why);
	wordlist_free(w);
	return 0;
}
