/*
 * Unit tests for wordlist: word boundaries in English, case and
 * fullwidth folding, separators skipped between CJK characters only,
 * zero-width characters, overlapping words, exact offsets, lists with
 * errors naming the line, and a randomized cross-check against a naive
 * matcher written here from the rules in wordlist.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "wordlist.h"

/* Hits as text: "start-end=word start-end=word". */
static int
collect(const struct wordlist_hit *h, void *arg)
{
	struct buf *b = arg;

	if (b->len > 0)
		buf_putc(b, ' ');
	buf_printf(b, "%zu-%zu=%zu", h->start, h->end, h->word);
	return 0;
}

/* A list from lines of text; fails the test if it does not parse. */
static struct wordlist *
list(const char *text)
{
	struct wordlist *w;
	struct buf why = BUF_INIT;
	int rc;

	assert_int_equal(wordlist_new(&w), GZ_OK);
	rc = wordlist_parse(w, text, strlen(text), &why);
	if (rc != GZ_OK)
		fail_msg("wordlist_parse: %d %s", rc, buf_cstr(&why));
	buf_free(&why);
	return w;
}

/* Fail unless scanning text[0..n) gives exactly the hits want, written
 * "start-end=word" with word the word's number. */
static void
expect_n(struct wordlist *w, const char *text, size_t n, const char *want)
{
	struct buf got = BUF_INIT;

	assert_int_equal(wordlist_scan(w, text, n, collect, &got), GZ_OK);
	if (strcmp(buf_cstr(&got), want) != 0)
		fail_msg("scan \"%.*s\": got \"%s\", want \"%s\"", (int)n, text,
		    buf_cstr(&got), want);
	buf_free(&got);
}

static void
expect(struct wordlist *w, const char *text, const char *want)
{
	expect_n(w, text, strlen(text), want);
}

static void
test_boundary(void **state)
{
	struct wordlist *w = list("ass\nfree tibet\n");

	expect(w, "ass", "0-3=0");
	expect(w, "class", "");
	expect(w, "assess", "");
	expect(w, "bass ass", "5-8=0");
	expect(w, "an ass.", "3-6=0");
	expect(w, "(ass)", "1-4=0");
	expect(w, "_ass_", "1-4=0");
	expect(w, "ass1", "");
	expect(w, "1ass", "");
	expect(w, "\xc3\xa9" "ass", "");       /* éass: é is a letter */
	expect(w, "ass\xc3\xa9", "");
	expect(w, "\xe4\xb8\xad" "ass" "\xe4\xb8\xad", "3-6=0"); /* 中ass中 */
	expect(w, "\xef\xbc\xa3lass", "");     /* Ｃlass */
	/* Separators between Latin letters are kept... */
	expect(w, "a.s.s", "");
	expect(w, "free.tibet", "");
	expect(w, "freetibet", "");
	/* ...but white space of any kind and length is one space. */
	expect(w, "free tibet", "0-10=1");
	expect(w, "free  tibet!", "0-11=1");
	expect(w, "free\n\ttibet", "0-11=1");
	expect(w, "free\xe3\x80\x80tibet", "0-12=1"); /* ideographic space */
	expect(w, "free tibets", "");
	wordlist_free(w);
}

static void
test_fold(void **state)
{
	struct wordlist *w = list("Ass\n\xef\xbc\xb4\xef\xbc\xa5\xef\xbc\xb3"
	    "\xef\xbc\xb4\n\xc3\x89" "COLE\n" "g8\n");

	/* ASS, ａｓｓ (fullwidth), Ａss */
	expect(w, "ASS", "0-3=0");
	expect(w, "aSs", "0-3=0");
	expect(w, "\xef\xbd\x81\xef\xbd\x93\xef\xbd\x93", "0-9=0");
	expect(w, "\xef\xbc\xa1ss!", "0-5=0");
	/* The list's ＴＥＳＴ matches test in any width and case. */
	expect(w, "a test", "2-6=1");
	expect(w, "TeSt", "0-4=1");
	expect(w, "\xef\xbd\x94" "est", "0-6=1");
	/* Latin-1 letters fold: ÉCOLE, école; diacritics stay. */
	expect(w, "\xc3\xa9" "cole", "0-6=2");
	expect(w, "ecole", "");
	/* Fullwidth digits: ｇ８ */
	expect(w, "\xef\xbd\x87\xef\xbc\x98 summit", "0-6=3");
	expect(w, "g88", "");
	/* Latin Extended-A: ŁÓDŹ and łódź */
	wordlist_free(w);
	w = list("\xc5\x81\xc3\x93\x44\xc5\xb9");
	expect(w, "\xc5\x82\xc3\xb3\x64\xc5\xba", "0-7=0");
	expect(w, "lodz", "");
	wordlist_free(w);
}

static void
test_cjk_separators(void **state)
{
	/* 法轮功 */
	struct wordlist *w = list("\xe6\xb3\x95\xe8\xbd\xae\xe5\x8a\x9f\n");

	expect(w, "\xe6\xb3\x95\xe8\xbd\xae\xe5\x8a\x9f", "0-9=0");
	expect(w, "\xe6\xb3\x95 \xe8\xbd\xae \xe5\x8a\x9f", "0-11=0");
	expect(w, "\xe6\xb3\x95.\xe8\xbd\xae.\xe5\x8a\x9f", "0-11=0");
	expect(w, "\xe6\xb3\x95\n\xe8\xbd\xae\xe5\x8a\x9f", "0-10=0");
	/* 、 and ， (CJK and fullwidth punctuation), · and ・, ideographic
	 * space, “” and —— */
	expect(w, "\xe6\xb3\x95\xe3\x80\x81\xe8\xbd\xae\xef\xbc\x8c"
	    "\xe5\x8a\x9f", "0-15=0");
	expect(w, "\xe6\xb3\x95\xc2\xb7\xe8\xbd\xae\xe3\x83\xbb\xe5\x8a\x9f",
	    "0-14=0");
	expect(w, "\xe6\xb3\x95\xe3\x80\x80\xe8\xbd\xae\xe5\x8a\x9f", "0-12=0");
	expect(w, "\xe6\xb3\x95\xe2\x80\x9c\xe8\xbd\xae\xe2\x80\x9d\xe2\x80"
	    "\x94\xe2\x80\x94\xe5\x8a\x9f", "0-21=0");
	/* Many separators, around the word too (not in the hit). */
	expect(w, "x \xe6\xb3\x95 , . ! \xe8\xbd\xae  \xe5\x8a\x9f .",
	    "2-20=0");
	/* A letter or digit between is not a separator. */
	expect(w, "\xe6\xb3\x95" "a" "\xe8\xbd\xae\xe5\x8a\x9f", "");
	expect(w, "\xe6\xb3\x95" "1" "\xe8\xbd\xae\xe5\x8a\x9f", "");
	expect(w, "\xe6\xb3\x95 a \xe8\xbd\xae\xe5\x8a\x9f", "");
	/* No spaces in Chinese: the word matches inside a longer run. */
	expect(w, "\xe5\xad\xa6\xe6\xb3\x95\xe8\xbd\xae\xe5\x8a\x9f"
	    "\xe5\xad\xa6", "3-12=0");
	wordlist_free(w);

	/* A list word with separators is the same word. */
	w = list("\xe6\xb3\x95 \xe8\xbd\xae \xe5\x8a\x9f\n");
	expect(w, "\xe6\xb3\x95\xe8\xbd\xae\xe5\x8a\x9f", "0-9=0");
	wordlist_free(w);

	/* 〇 is a character, not punctuation: 二〇二四 holds 二〇. */
	w = list("\xe4\xba\x8c\xe3\x80\x87\n");
	expect(w, "\xe4\xba\x8c\xe3\x80\x87\xe4\xba\x8c\xe5\x9b\x9b", "0-6=0");
	wordlist_free(w);
}

static void
test_zero_width(void **state)
{
	struct wordlist *w = list("ass\n\xe6\xb3\x95\xe8\xbd\xae\xe5\x8a\x9f");

	expect(w, "a\xe2\x80\x8bss", "0-6=0");             /* ZWSP */
	expect(w, "a\xe2\x80\x8c" "s\xe2\x80\x8ds", "0-9=0"); /* ZWNJ ZWJ */
	expect(w, "a\xe2\x81\xa0ss", "0-6=0");             /* word joiner */
	expect(w, "as\xef\xbb\xbfs", "0-6=0");             /* BOM */
	expect(w, "a\xc2\xads", "");                       /* as: no */
	expect(w, "a\xc2\xadss", "0-5=0");                 /* soft hyphen */
	/* Not part of the hit when outside the word. */
	expect(w, "\xe2\x80\x8b" "ass\xe2\x80\x8b", "3-6=0");
	/* Cannot join a word to its neighbour either: cl·ass stays class. */
	expect(w, "cl\xe2\x80\x8b" "ass", "");
	expect(w, "\xe6\xb3\x95\xe2\x80\x8b\xe8\xbd\xae \xe2\x80\x8b"
	    "\xe5\x8a\x9f", "0-16=1");
	wordlist_free(w);
}

static void
test_overlap(void **state)
{
	/* 中国 国人 中国人 人民 中国人民 */
	struct wordlist *w = list("\xe4\xb8\xad\xe5\x9b\xbd\n"
	    "\xe5\x9b\xbd\xe4\xba\xba\n"
	    "\xe4\xb8\xad\xe5\x9b\xbd\xe4\xba\xba\n"
	    "\xe4\xba\xba\xe6\xb0\x91\n"
	    "\xe4\xb8\xad\xe5\x9b\xbd\xe4\xba\xba\xe6\xb0\x91\n");

	expect(w, "\xe4\xb8\xad\xe5\x9b\xbd\xe4\xba\xba\xe6\xb0\x91",
	    "0-12=4 0-9=2 0-6=0 3-9=1 6-12=3");
	expect(w, "x\xe4\xb8\xad\xe5\x9b\xbd\xe4\xba\xba",
	    "1-10=2 1-7=0 4-10=1");
	wordlist_free(w);

	w = list("new york\nyork times\nnew york times\nyork\n");
	expect(w, "the new york times", "4-18=2 4-12=0 8-18=1 8-12=3");
	expect(w, "new yorker", "");
	wordlist_free(w);

	/* The same word many times in a row, and words that nest. */
	w = list("\xe4\xb8\xad\xe4\xb8\xad\n");
	expect(w, "\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad\xe4\xb8\xad",
	    "0-6=0 3-9=0 6-12=0");
	wordlist_free(w);
}

static int
count_hits(const struct wordlist_hit *h, void *arg)
{
	size_t *n = arg;

	(*n)++;
	return 0;
}

/* Long texts: hits wait in order far past the ring's first lap. */
static void
test_long(void **state)
{
	struct wordlist *w = list("\xe4\xb8\xad\xe4\xb8\xad\na a\n");
	struct buf text = BUF_INIT;
	size_t i, n = 0;

	for (i = 0; i < 10000; i++)
		buf_puts(&text, "\xe4\xb8\xad");
	assert_int_equal(wordlist_scan(w, text.data, text.len, count_hits,
	    &n), GZ_OK);
	assert_int_equal(n, 9999);
	buf_reset(&text);
	for (i = 0; i < 10000; i++)
		buf_puts(&text, "a ");
	n = 0;
	assert_int_equal(wordlist_scan(w, text.data, text.len, count_hits,
	    &n), GZ_OK);
	assert_int_equal(n, 9999);
	buf_free(&text);
	wordlist_free(w);
}

static void
test_invalid_text(void **state)
{
	struct wordlist *w = list("ass\n\xef\xbf\xbd\n");

	expect(w, "a\xffss", "");
	expect(w, "\xff" "ass\xc3", "1-4=0");
	expect(w, "\xe4\xb8", "");              /* cut short */
	expect(w, "\xef\xbf\xbd", "0-3=1");     /* U+FFFD itself */
	expect(w, "\xed\xa0\x80" "ass", "3-6=0"); /* a surrogate */
	/* Control characters are invisible too: this is "assass". */
	expect_n(w, "ass\0ass", 7, "");
	expect_n(w, "ass\0 ass", 8, "0-3=0 5-8=0");
	expect(w, "", "");
	wordlist_free(w);
}

static int
stop_at_second(const struct wordlist_hit *h, void *arg)
{
	int *n = arg;

	return ++*n == 2 ? 42 : 0;
}

static void
test_stop(void **state)
{
	struct wordlist *w = list("a\nb\n");
	int n = 0;

	assert_int_equal(wordlist_scan(w, "a b a b", 7, stop_at_second, &n),
	    42);
	assert_int_equal(n, 2);
	wordlist_free(w);
}

static void
test_empty(void **state)
{
	struct wordlist *w;

	assert_int_equal(wordlist_new(&w), GZ_OK);
	assert_int_equal(wordlist_count(w), 0);
	assert_null(wordlist_word(w, 0));
	expect(w, "anything at all", "");
	wordlist_free(w);
	w = list("");
	expect(w, "x", "");
	wordlist_free(w);
	w = list("# only comments\n\n   \n\t\r\n#ass\n");
	assert_int_equal(wordlist_count(w), 0);
	expect(w, "ass #ass", "");
	wordlist_free(w);
	wordlist_free(NULL);
}

static void
test_parse(void **state)
{
	/* A BOM, CRLF, spaces around, comments, duplicates in two
	 * spellings. */
	struct wordlist *w = list("\xef\xbb\xbf" "first\r\n"
	    "  second word \t\r\n"
	    "# a comment\n"
	    "\n"
	    "FIRST\n"
	    "\xe3\x80\x80\xe4\xb8\xad \xe6\x96\x87\xe3\x80\x80\n"
	    "\xe4\xb8\xad\xe6\x96\x87\n"
	    "last");

	assert_int_equal(wordlist_count(w), 4);
	assert_string_equal(wordlist_word(w, 0), "first");
	assert_string_equal(wordlist_word(w, 1), "second word");
	assert_string_equal(wordlist_word(w, 2), "\xe4\xb8\xad \xe6\x96\x87");
	assert_string_equal(wordlist_word(w, 3), "last");
	assert_null(wordlist_word(w, 4));
	expect(w, "last first second word \xe4\xb8\xad\xe6\x96\x87",
	    "0-4=3 5-10=0 11-22=1 23-29=2");
	wordlist_free(w);
}

/* Fail unless text is refused with a message holding each of want. */
static void
parse_fails(const char *text, size_t n, const char *want1,
    const char *want2)
{
	struct wordlist *w;
	struct buf why = BUF_INIT;

	assert_int_equal(wordlist_new(&w), GZ_OK);
	assert_int_equal(wordlist_parse(w, text, n, &why), GZ_EINVAL);
	if (strstr(buf_cstr(&why), want1) == NULL ||
	    strstr(buf_cstr(&why), want2) == NULL)
		fail_msg("message \"%s\" lacks \"%s\" or \"%s\"",
		    buf_cstr(&why), want1, want2);
	buf_free(&why);
	wordlist_free(w);
}

static void
test_parse_errors(void **state)
{
	struct buf text = BUF_INIT;
	size_t i;

	/* 中文 in GBK, a common mistake */
	parse_fails("ok\n\xd6\xd0\xce\xc4\n", 8, "line 2:", "UTF-8");
	parse_fails("# \xff comment\n", 12, "line 1:", "UTF-8");
	buf_puts(&text, "a\nb\n");
	for (i = 0; i < 101; i++)
		buf_puts(&text, "\xe5\xad\x97"); /* 字 */
	parse_fails(text.data, text.len, "line 3:", "101 characters");
	buf_reset(&text);
	for (i = 0; i < WORDLIST_WORDS_MAX + 1; i++)
		buf_printf(&text, "w%zu\n", i);
	parse_fails(text.data, text.len, "line 100001:", "100000 words");
	buf_free(&text);
}

static void
test_add(void **state)
{
	struct wordlist *w;
	char word[4 * WORDLIST_WORD_MAX + 1];
	size_t i;

	assert_int_equal(wordlist_new(&w), GZ_OK);
	assert_int_equal(wordlist_add(w, "\xff", 1), GZ_EUTF8);
	assert_int_equal(wordlist_add(w, " \t\xe2\x80\x8b ", 6), GZ_EINVAL);
	for (i = 0; i < WORDLIST_WORD_MAX; i++)
		memcpy(word + 3 * i, "\xe5\xad\x97", 3);
	assert_int_equal(wordlist_add(w, word, 3 * WORDLIST_WORD_MAX), GZ_OK);
	memcpy(word + 3 * i, "x", 1);
	assert_int_equal(wordlist_add(w, word, 3 * WORDLIST_WORD_MAX + 1),
	    GZ_ETOOBIG);
	/* The longest word in units: 50 one-letter words. */
	for (i = 0; i < WORDLIST_WORD_MAX; i++)
		word[i] = i % 2 ? '.' : 'a';
	assert_int_equal(wordlist_add(w, word, WORDLIST_WORD_MAX - 1), GZ_OK);
	assert_int_equal(wordlist_add(w, "ass", 3), GZ_OK);
	assert_int_equal(wordlist_count(w), 3);
	expect(w, "ass", "0-3=2");
	/* Added after a scan: the automaton is rebuilt. */
	assert_int_equal(wordlist_add(w, " ASS", 4), GZ_OK); /* the same */
	assert_int_equal(wordlist_add(w, "as", 2), GZ_OK);
	assert_int_equal(wordlist_count(w), 4);
	expect(w, "as ass", "0-2=3 3-6=2");
	word[WORDLIST_WORD_MAX - 1] = '\0';
	expect_n(w, word, WORDLIST_WORD_MAX - 1, "0-99=1");
	wordlist_free(w);
}

/*
 * The randomized cross-check.  Texts and words are strings of symbols
 * from a small alphabet; the naive matcher is told what each symbol is
 * (from the rules in wordlist.h, not from the library) and applies the
 * rules the simplest way: normalize the whole sequence in separate
 * passes, then try every word at every position, then sort.
 */
enum { IGN, SPC, PUN, ALN, CJK, OTH };

static const struct sym {
	const char *s;
	unsigned fold; /* what it compares as */
	int cls;
} syms[] = {
	/* The first CORE are the likeliest, so that words do occur. */
	{"a", 'a', ALN},
	{"A", 'a', ALN},
	{"b", 'b', ALN},
	{"1", '1', ALN},
	{" ", ' ', SPC},
	{".", '.', PUN},
	{"\xe4\xb8\xad", 0x4e2d, CJK},   /* 中 */
	{"\xe6\x96\x87", 0x6587, CJK},   /* 文 */
	{"\xef\xbd\x81", 'a', ALN},      /* ａ */
	{"\xef\xbc\xa2", 'b', ALN},      /* Ｂ */
	{"\xef\xbc\x91", '1', ALN},      /* １ */
	{"\xc3\xa9", 0xe9, ALN},         /* é */
	{"\xc3\x89", 0xe9, ALN},         /* É */
	{"\n", ' ', SPC},
	{"\xe3\x80\x80", ' ', SPC},      /* ideographic space */
	{"\xc2\xa0", ' ', SPC},          /* no-break space */
	{",", ',', PUN},
	{"\xef\xbc\x8c", ',', PUN},      /* ， */
	{"\xe3\x80\x81", 0x3001, PUN},   /* 、 */
	{"\xc2\xb7", 0xb7, PUN},         /* · */
	{"\xe2\x80\x94", 0x2014, PUN},   /* — */
	{"\xe2\x80\x8b", 0, IGN},        /* zero-width space */
	{"\xc2\xad", 0, IGN},            /* soft hyphen */
	{"\xef\xbb\xbf", 0, IGN},        /* BOM */
	{"\xe2\x82\xac", 0x20ac, OTH},   /* € */
	{"\xe3\x80\x87", 0x3007, CJK},   /* 〇 */
	{"\xff", 0x110000, OTH},         /* not UTF-8 */
};

#define CORE 8
#define NSYMS (sizeof syms / sizeof syms[0])
#define MAXSYM 48

struct unit {
	unsigned fold;
	int cls;
	size_t start, end;
};

struct seq {
	int sym[MAXSYM];
	size_t off[MAXSYM + 1]; /* byte offset of each symbol, and the end */
	size_t n;
	char text[4 * MAXSYM + 1];
};

static uint64_t rnd_state = 0x2545f4914f6cdd1dull;

static unsigned
rnd(unsigned n)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return (unsigned)(rnd_state % n);
}

static void
seq_make(struct seq *q, size_t n, unsigned core_pct)
{
	size_t i;

	q->n = n;
	q->off[0] = 0;
	for (i = 0; i < n; i++) {
		int k = rnd(100) < core_pct ? (int)rnd(CORE) : (int)rnd(NSYMS);
		size_t len = strlen(syms[k].s);

		q->sym[i] = k;
		memcpy(q->text + q->off[i], syms[k].s, len);
		q->off[i + 1] = q->off[i] + len;
	}
	q->text[q->off[n]] = '\0';
}

/* The units of symbols a..b of q. */
static size_t
naive_norm(const struct seq *q, size_t a, size_t b, struct unit *u)
{
	struct unit vis[MAXSYM];
	size_t i, j, t, k = 0, m = 0;

	for (i = a; i < b; i++) {
		const struct sym *y = &syms[q->sym[i]];

		if (y->cls != IGN)
			vis[k++] = (struct unit){y->fold, y->cls, q->off[i],
			    q->off[i + 1]};
	}
	for (i = 0; i < k; i = j) {
		if (vis[i].cls != SPC && vis[i].cls != PUN) {
			u[m++] = vis[i];
			j = i + 1;
			continue;
		}
		for (j = i; j < k && (vis[j].cls == SPC || vis[j].cls == PUN);
		    j++)
			;
		if (i > 0 && j < k && vis[i - 1].cls == CJK &&
		    vis[j].cls == CJK)
			continue; /* between two CJK */
		for (t = i; t < j; t++)
			if (vis[t].cls != SPC || m == 0 || u[m - 1].cls != SPC)
				u[m++] = vis[t];
	}
	return m;
}

struct nword {
	struct unit u[MAXSYM];
	size_t n;
};

static int
hit_cmp(const void *pa, const void *pb)
{
	const struct wordlist_hit *a = pa, *b = pb;

	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	if (a->end != b->end)
		return a->end > b->end ? -1 : 1;
	return 0;
}

struct hits {
	struct wordlist_hit h[4096];
	size_t n;
};

static int
hits_add(const struct wordlist_hit *h, void *arg)
{
	struct hits *hs = arg;

	if (hs->n == sizeof hs->h / sizeof hs->h[0])
		return 99;
	hs->h[hs->n++] = *h;
	return 0;
}

/* One random list and text; returns the number of hits. */
static size_t
random_round(int round)
{
	static struct nword words[8];
	static struct hits want, got;
	struct seq q, text;
	struct unit t[MAXSYM];
	struct wordlist *w;
	size_t nw = 0, nwords = 1 + rnd(6), tn, i, j, k, a, b;

	assert_int_equal(wordlist_new(&w), GZ_OK);
	for (i = 0; i < nwords; i++) {
		int bad = 0, rc;

		seq_make(&q, 1 + rnd(4), 85);
		for (k = 0; k < q.n; k++)
			bad |= q.sym[k] == (int)NSYMS - 1;
		rc = wordlist_add(w, q.text, q.off[q.n]);
		if (bad) {
			assert_int_equal(rc, GZ_EUTF8);
			continue;
		}
		for (a = 0; a < q.n && (syms[q.sym[a]].cls == SPC ||
		    syms[q.sym[a]].cls == IGN); a++)
			;
		for (b = q.n; b > a && (syms[q.sym[b - 1]].cls == SPC ||
		    syms[q.sym[b - 1]].cls == IGN); b--)
			;
		if (a == b) {
			assert_int_equal(rc, GZ_EINVAL);
			continue;
		}
		assert_int_equal(rc, GZ_OK);
		words[nw].n = naive_norm(&q, a, b, words[nw].u);
		for (k = 0; k < nw; k++) {
			if (words[k].n != words[nw].n)
				continue;
			for (j = 0; j < words[k].n; j++)
				if (words[k].u[j].fold != words[nw].u[j].fold)
					break;
			if (j == words[k].n)
				break;
		}
		if (k < nw)
			continue; /* the same word again */
		assert_int_equal(wordlist_count(w), nw + 1);
		if (strlen(wordlist_word(w, nw)) != q.off[b] - q.off[a] ||
		    memcmp(wordlist_word(w, nw), q.text + q.off[a],
		    q.off[b] - q.off[a]) != 0)
			fail_msg("round %d: word %zu kept as \"%s\"", round, nw,
			    wordlist_word(w, nw));
		nw++;
	}
	assert_int_equal(wordlist_count(w), nw);

	seq_make(&text, rnd(MAXSYM + 1), 75);
	tn = naive_norm(&text, 0, text.n, t);
	want.n = 0;
	for (i = 0; i < tn; i++) {
		for (k = 0; k < nw; k++) {
			const struct nword *wd = &words[k];
			size_t len = wd->n;

			if (i + len > tn)
				continue;
			for (j = 0; j < len; j++)
				if (t[i + j].fold != wd->u[j].fold)
					break;
			if (j < len)
				continue;
			if (wd->u[0].cls == ALN && i > 0 &&
			    t[i - 1].cls == ALN)
				continue;
			if (wd->u[len - 1].cls == ALN && i + len < tn &&
			    t[i + len].cls == ALN)
				continue;
			want.h[want.n++] = (struct wordlist_hit){t[i].start,
			    t[i + len - 1].end, k};
		}
	}
	qsort(want.h, want.n, sizeof want.h[0], hit_cmp);

	got.n = 0;
	assert_int_equal(wordlist_scan(w, text.text, text.off[text.n],
	    hits_add, &got), GZ_OK);
	for (i = 0; i < want.n || i < got.n; i++) {
		if (i < want.n && i < got.n && want.h[i].start == got.h[i].start
		    && want.h[i].end == got.h[i].end &&
		    want.h[i].word == got.h[i].word)
			continue;
		fail_msg("round %d, text \"%s\": hit %zu is %zu-%zu=%zu, the "
		    "naive matcher says %zu-%zu=%zu (of %zu, %zu)", round,
		    text.text, i,
		    i < got.n ? got.h[i].start : 0,
		    i < got.n ? got.h[i].end : 0,
		    i < got.n ? got.h[i].word : 0,
		    i < want.n ? want.h[i].start : 0,
		    i < want.n ? want.h[i].end : 0,
		    i < want.n ? want.h[i].word : 0, got.n, want.n);
	}
	wordlist_free(w);
	return want.n;
}

static void
test_random(void **state)
{
	size_t total = 0;
	int round;

	for (round = 0; round < 20000; round++)
		total += random_round(round);
	/* Not a vacuous test: the words did occur, and often. */
	if (total < 20000)
		fail_msg("only %zu hits in all rounds", total);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_boundary),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_cjk_separators),
		cmocka_unit_test(test_zero_width),
		cmocka_unit_test(test_overlap),
		cmocka_unit_test(test_long),
		cmocka_unit_test(test_invalid_text),
		cmocka_unit_test(test_stop),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_parse_errors),
		cmocka_unit_test(test_add),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests_name("wordlist", tests, NULL, NULL);
}
