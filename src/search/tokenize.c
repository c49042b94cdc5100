/*
 * tokenize: the search tokenizer.  See tokenize.h for what it produces
 * and why.
 *
 * One pass over the bytes with a small state: the word being folded (a
 * fixed buffer, never allocated) and the previous character of the CJK
 * run, whose tokens can only be written once the next character is seen.
 * ASCII takes a table lookup per byte; everything else is decoded here
 * (inline, for speed) and classed by a few range checks and the generated
 * tables of tokenize_fold.h.
 */
#include <limits.h>
#include <stdint.h>
#include <string.h>

#include <sqlite3.h> /* Debian's has fts5.h inside; there is no fts5.h */

#include "rank.h"
#include "tokenize.h"
#include "tokenize_fold.h"

_Static_assert(TOKENIZE_COLOCATED == FTS5_TOKEN_COLOCATED,
    "tokenize_fn flags are FTS5's");

/* What one character is to the tokenizer. */
enum kind {
	K_SEP,  /* separates tokens */
	K_MARK, /* part of the word or CJK run around it, adds nothing */
	K_WORD, /* a letter or digit: out[0..outlen) is its folded form */
	K_CJK   /* Han, kana or Hangul: cp is its folded code point */
};

struct tok {
	tokenize_fn fn;
	void *arg;
	int query;
	/* The word being read: folded bytes and source extent. */
	int in_word, wfull, wlen, wstart, wend;
	char word[TOKENIZE_MAX];
	/* The CJK run: its last character so far, UTF-8, and extent. */
	int in_run, plen, pstart, pend;
	char prev[4];
};

/*
 * ASCII: the folded byte of a letter or digit, 0 for a separator.
 */
static const unsigned char ascii_fold[128] = {
	['0'] = '0', ['1'] = '1', ['2'] = '2', ['3'] = '3', ['4'] = '4',
	['5'] = '5', ['6'] = '6', ['7'] = '7', ['8'] = '8', ['9'] = '9',
	['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd', ['E'] = 'e',
	['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o',
	['P'] = 'p', ['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't',
	['U'] = 'u', ['V'] = 'v', ['W'] = 'w', ['X'] = 'x', ['Y'] = 'y',
	['Z'] = 'z',
	['a'] = 'a', ['b'] = 'b', ['c'] = 'c', ['d'] = 'd', ['e'] = 'e',
	['f'] = 'f', ['g'] = 'g', ['h'] = 'h', ['i'] = 'i', ['j'] = 'j',
	['k'] = 'k', ['l'] = 'l', ['m'] = 'm', ['n'] = 'n', ['o'] = 'o',
	['p'] = 'p', ['q'] = 'q', ['r'] = 'r', ['s'] = 's', ['t'] = 't',
	['u'] = 'u', ['v'] = 'v', ['w'] = 'w', ['x'] = 'x', ['y'] = 'y',
	['z'] = 'z',
};

/*
 * Decode the non-ASCII sequence at s[0..n) (n >= 1) into *cp and return
 * its length; an invalid one (overlong, surrogate, past U+10FFFF, cut
 * short) is one byte long with *cp 0, which no class claims.  The same
 * rules as utf8_decode(), inline because most of a Chinese text comes
 * through here.
 */
static inline int
decode(const unsigned char *s, size_t n, uint32_t *cp)
{
	uint32_t c = s[0];

	if (c >= 0xe0 && c <= 0xef) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			goto bad;
		c = (c & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 |
		    (s[2] & 0x3f);
		if (c < 0x800 || (c >= 0xd800 && c <= 0xdfff))
			goto bad;
		*cp = c;
		return 3;
	}
	if (c >= 0xc2 && c <= 0xdf) {
		if (n < 2 || (s[1] & 0xc0) != 0x80)
			goto bad;
		*cp = (c & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if (c >= 0xf0 && c <= 0xf4) {
		if (n < 4 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 ||
		    (s[3] & 0xc0) != 0x80)
			goto bad;
		c = (c & 0x07) << 18 | (uint32_t)(s[1] & 0x3f) << 12 |
		    (uint32_t)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
		if (c < 0x10000 || c > 0x10ffff)
			goto bad;
		*cp = c;
		return 4;
	}
bad:
	*cp = 0;
	return 1;
}

/* Write the UTF-8 of cp (a character decode() accepted) to o; returns
 * its length. */
static inline int
encode(uint32_t cp, char *o)
{
	if (cp < 0x800) {
		o[0] = (char)(0xc0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3f));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xe0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		o[2] = (char)(0x80 | (cp & 0x3f));
		return 3;
	}
	o[0] = (char)(0xf0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
	o[3] = (char)(0x80 | (cp & 0x3f));
	return 4;
}

/* The character fold_cjk maps cp to, or cp. */
static uint32_t
fold_cjk_char(uint32_t cp)
{
	size_t lo = 0, hi = sizeof fold_cjk / sizeof fold_cjk[0];

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (fold_cjk[mid].from == cp)
			return fold_cjk[mid].to;
		if (fold_cjk[mid].from < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	return cp;
}

/* A fold table entry as a kind. */
static inline enum kind
from_table(const unsigned char *e, const unsigned char **out, int *outlen)
{
	if (e[0] == 0)
		return K_SEP;
	if (e[0] == FOLD_MARK)
		return K_MARK;
	*out = e + 1;
	*outlen = e[0];
	return K_WORD;
}

/*
 * Non-ASCII characters outside the fold tables that are not separators,
 * sorted.  R_FOLD ranges are CJK once folded by fold_cjk; R_RADICAL ones
 * only where fold_cjk has them (a radical standing for a character, as
 * text copied out of PDFs has); R_FULLWIDTH ones are ASCII letters and
 * digits.
 */
enum { R_FOLD = K_CJK + 1, R_RADICAL, R_FULLWIDTH };

static const struct range {
	uint32_t lo, hi;
	int kind;
} ranges[] = {
	{0x1100, 0x11ff, K_CJK},        /* Hangul Jamo */
	{0x180b, 0x180f, K_MARK},       /* Mongolian variation selectors */
	{0x1ab0, 0x1aff, K_MARK},       /* combining marks extended */
	{0x1dc0, 0x1dff, K_MARK},       /* combining marks supplement */
	{0x200b, 0x200d, K_MARK},       /* zero width space, (non-)joiner */
	{0x2060, 0x2060, K_MARK},       /* word joiner */
	{0x20d0, 0x20ff, K_MARK},       /* combining marks for symbols */
	{0x2e80, 0x2fdf, R_RADICAL},    /* CJK and Kangxi radicals */
	{0x3005, 0x3007, K_CJK},        /* 々 〆 〇 */
	{0x3021, 0x3029, K_CJK},        /* Hangzhou numerals */
	{0x303b, 0x303b, K_CJK},        /* 〻 */
	{0x3041, 0x3096, K_CJK},        /* hiragana */
	{0x3099, 0x309a, K_MARK},       /* combining (semi-)voiced marks */
	{0x309d, 0x309f, K_CJK},        /* ゝ ゞ ゟ */
	{0x30a1, 0x30fa, K_CJK},        /* katakana, without ゠ */
	{0x30fc, 0x30ff, K_CJK},        /* ー ヽ ヾ ヿ, without ・ */
	{0x3105, 0x312f, K_CJK},        /* Bopomofo */
	{0x3131, 0x318e, K_CJK},        /* Hangul compatibility jamo */
	{0x31a0, 0x31bf, K_CJK},        /* Bopomofo extended */
	{0x31f0, 0x31ff, K_CJK},        /* katakana phonetic extensions */
	{0x3400, 0x4dbf, K_CJK},        /* CJK Extension A */
	{0x4e00, 0x9fff, K_CJK},        /* CJK Unified Ideographs */
	{0xa960, 0xa97f, K_CJK},        /* Hangul Jamo Extended-A */
	{0xac00, 0xd7a3, K_CJK},        /* Hangul syllables */
	{0xd7b0, 0xd7ff, K_CJK},        /* Hangul Jamo Extended-B */
	{0xf900, 0xfaff, R_FOLD},       /* CJK compatibility ideographs */
	{0xfe00, 0xfe0f, K_MARK},       /* variation selectors */
	{0xfe20, 0xfe2f, K_MARK},       /* combining half marks */
	{0xfeff, 0xfeff, K_MARK},       /* zero width no-break space */
	{0xff10, 0xff19, R_FULLWIDTH},  /* fullwidth digits */
	{0xff21, 0xff3a, R_FULLWIDTH},  /* fullwidth capitals */
	{0xff41, 0xff5a, R_FULLWIDTH},  /* fullwidth small letters */
	{0xff66, 0xff9d, R_FOLD},       /* halfwidth katakana */
	{0xff9e, 0xff9f, K_MARK},       /* halfwidth (semi-)voiced marks */
	{0xffa1, 0xffdc, K_CJK},        /* halfwidth Hangul */
	{0x20000, 0x2f7ff, K_CJK},      /* CJK Extensions B to F */
	{0x2f800, 0x2fa1f, R_FOLD},     /* compatibility supplement */
	{0x2fa20, 0x3ffff, K_CJK},      /* Extensions G, H and beyond */
	{0xe0100, 0xe01ef, K_MARK},     /* variation selectors supplement */
};

/*
 * Class the non-ASCII code point *cp.  For K_WORD, *out and *outlen
 * receive the folded bytes; for K_CJK, *cp becomes the folded character.
 */
static enum kind
classify(uint32_t *cp, const unsigned char **out, int *outlen)
{
	/* What fullwidth digits and letters fold to. */
	static const unsigned char digits[] = "0123456789";
	static const unsigned char letters[] = "abcdefghijklmnopqrstuvwxyz";
	uint32_t c = *cp;
	size_t lo = 0, hi = sizeof ranges / sizeof ranges[0];

	if (c < 0x530)
		return from_table(fold_lo[c - 0x80], out, outlen);
	if (c >= 0x1e00 && c < 0x2000)
		return from_table(fold_hi[c - 0x1e00], out, outlen);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct range *r = &ranges[mid];

		if (c < r->lo) {
			hi = mid;
		} else if (c > r->hi) {
			lo = mid + 1;
		} else {
			switch (r->kind) {
			case R_FOLD:
				*cp = fold_cjk_char(c);
				return K_CJK;
			case R_RADICAL:
				*cp = fold_cjk_char(c);
				return *cp != c ? K_CJK : K_SEP;
			case R_FULLWIDTH:
				/* FF10..FF19, FF21..FF3A, FF41..FF5A */
				*out = c <= 0xff19 ? digits + (c - 0xff10) :
				    letters + ((c - 0xff21) & 0x1f);
				*outlen = 1;
				return K_WORD;
			default:
				return (enum kind)r->kind;
			}
		}
	}
	return K_SEP;
}

/* Hand the word read so far to the callback. */
static int
word_end(struct tok *t)
{
	t->in_word = 0;
	return t->fn(t->arg, 0, t->word, t->wlen, t->wstart, t->wend);
}

/* Hand the last character of the CJK run to the callback as a unigram,
 * at its own position, in both modes. */
static int
run_end(struct tok *t)
{
	t->in_run = 0;
	return t->fn(t->arg, 0, t->prev, t->plen, t->pstart, t->pend);
}

/*
 * The CJK character cp at text[start..end): the tokens of the previous
 * character of the run can now be written.
 */
static int
run_add(struct tok *t, uint32_t cp, int start, int end)
{
	char bi[8];
	int rc, n;

	if (t->in_word && (rc = word_end(t)) != 0)
		return rc;
	if (t->in_run) {
		memcpy(bi, t->prev, (size_t)t->plen);
		n = encode(cp, bi + t->plen);
		if (t->query) {
			rc = t->fn(t->arg, 0, bi, t->plen + n, t->pstart, end);
		} else {
			rc = t->fn(t->arg, 0, t->prev, t->plen, t->pstart,
			    t->pend);
			if (rc == 0)
				rc = t->fn(t->arg, TOKENIZE_COLOCATED, bi,
				    t->plen + n, t->pstart, end);
		}
		if (rc != 0)
			return rc;
		memcpy(t->prev, bi + t->plen, (size_t)n);
		t->plen = n;
	} else {
		t->plen = encode(cp, t->prev);
		t->in_run = 1;
	}
	t->pstart = start;
	t->pend = end;
	return 0;
}

/* A letter or digit at text[start]: end the CJK run, start a word unless
 * one is open. */
static inline int
word_begin(struct tok *t, int start)
{
	int rc;

	if (t->in_run && (rc = run_end(t)) != 0)
		return rc;
	if (!t->in_word) {
		t->in_word = 1;
		t->wfull = 0;
		t->wlen = 0;
		t->wstart = start;
	}
	return 0;
}

/* Append the folded bytes out[0..n) of one character to the word. */
static inline void
word_put(struct tok *t, const unsigned char *out, int n)
{
	if (t->wfull)
		return;
	if (t->wlen + n > TOKENIZE_MAX) {
		t->wfull = 1; /* cut here, at a character boundary */
		return;
	}
	memcpy(t->word + t->wlen, out, (size_t)n);
	t->wlen += n;
}

int
tokenize_text(const char *text, size_t n, int query, tokenize_fn fn,
    void *arg)
{
	const unsigned char *s = (const unsigned char *)text;
	struct tok t;
	size_t i = 0;
	int rc;

	if (n > INT_MAX)
		return GZ_ETOOBIG;
	t.fn = fn;
	t.arg = arg;
	t.query = query != 0;
	t.in_word = t.in_run = 0;
	while (i < n) {
		const unsigned char *out = NULL;
		uint32_t cp;
		int len, outlen = 0;
		enum kind k;

		if (s[i] < 0x80) {
			unsigned char f = ascii_fold[s[i]];

			if (f == 0) {
				if (t.in_word && (rc = word_end(&t)) != 0)
					return rc;
				if (t.in_run && (rc = run_end(&t)) != 0)
					return rc;
				for (i++; i < n && s[i] < 0x80 &&
				    ascii_fold[s[i]] == 0; i++)
					;
				continue;
			}
			if ((rc = word_begin(&t, (int)i)) != 0)
				return rc;
			/* The ASCII fast path: the rest of this ASCII word. */
			do {
				if (t.wlen < TOKENIZE_MAX && !t.wfull)
					t.word[t.wlen++] = (char)f;
				else
					t.wfull = 1;
				i++;
			} while (i < n && s[i] < 0x80 &&
			    (f = ascii_fold[s[i]]) != 0);
			t.wend = (int)i;
			continue;
		}
		len = decode(s + i, n - i, &cp);
		if (cp >= 0x4e00 && cp <= 0x9fff)
			k = K_CJK; /* most of a Chinese text */
		else if (cp == 0)
			k = K_SEP; /* invalid UTF-8 */
		else
			k = classify(&cp, &out, &outlen);
		switch (k) {
		case K_CJK:
			rc = run_add(&t, cp, (int)i, (int)i + len);
			if (rc != 0)
				return rc;
			break;
		case K_WORD:
			if ((rc = word_begin(&t, (int)i)) != 0)
				return rc;
			word_put(&t, out, outlen);
			t.wend = (int)i + len;
			break;
		case K_MARK:
			if (t.in_word)
				t.wend = (int)i + len;
			else if (t.in_run)
				t.pend = (int)i + len;
			break;
		case K_SEP:
			if (t.in_word && (rc = word_end(&t)) != 0)
				return rc;
			if (t.in_run && (rc = run_end(&t)) != 0)
				return rc;
			break;
		}
		i += (size_t)len;
	}
	if (t.in_word)
		return word_end(&t);
	if (t.in_run)
		return run_end(&t);
	return GZ_OK;
}

/*
 * The FTS5 tokenizer.  It keeps no state, so every instance is the same
 * static byte.
 */
static char tokenizer_instance;

static int
fts5_create(void *ctx, const char **argv, int argc, Fts5Tokenizer **out)
{
	if (argc > 0)
		return SQLITE_ERROR; /* "gazette" takes no options */
	*out = (Fts5Tokenizer *)&tokenizer_instance;
	return SQLITE_OK;
}

static void
fts5_delete(Fts5Tokenizer *tok)
{
}

static int
fts5_tokenize(Fts5Tokenizer *tok, void *ctx, int flags, const char *text,
    int n, int (*xtoken)(void *, int, const char *, int, int, int))
{
	if (n <= 0)
		return SQLITE_OK;
	/* FTS5_TOKENIZE_AUX (highlight, snippet) must see what
	 * FTS5_TOKENIZE_DOCUMENT saw, so anything but a query is a document. */
	return tokenize_text(text, (size_t)n, flags & FTS5_TOKENIZE_QUERY,
	    xtoken, ctx);
}

int
tokenize_register(sqlite3 *db)
{
	static fts5_tokenizer tokenizer = {fts5_create, fts5_delete,
	    fts5_tokenize};
	fts5_api *api = NULL;
	sqlite3_stmt *st = NULL;

	if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &st, NULL) !=
	    SQLITE_OK)
		return GZ_ESTORE;
	sqlite3_bind_pointer(st, 1, (void *)&api, "fts5_api_ptr", NULL);
	sqlite3_step(st);
	sqlite3_finalize(st);
	if (api == NULL || api->iVersion < 2)
		return GZ_ESTORE;
	if (api->xCreateTokenizer(api, "gazette", &tokenizer_instance,
	    &tokenizer, NULL) != SQLITE_OK || rank_register(api) != SQLITE_OK)
		return GZ_ESTORE;
	return GZ_OK;
}

/* A callback that stops at the first token: does a term have any? */
static int
query_any(void *arg, int flags, const char *tok, int len, int start, int end)
{
	return 1;
}

/* The length of the whitespace (space, ASCII controls, U+3000) at
 * q[0..n), n >= 1; 0 if none. */
static size_t
query_space(const unsigned char *q, size_t n)
{
	if (*q <= ' ' || *q == 0x7f)
		return 1;
	if (n >= 3 && q[0] == 0xe3 && q[1] == 0x80 && q[2] == 0x80)
		return 3;
	return 0;
}

int
tokenize_query(const char *user_query, struct buf *out)
{
	const unsigned char *q = (const unsigned char *)user_query;
	char term[TOKENIZE_QUERY_BYTES];
	size_t i = 0, n, sp, start = out->len;
	int nterms = 0;

	if (q == NULL)
		return GZ_EINVAL;
	/* Enough to see whether a term ends at the limit. */
	n = strnlen(user_query, TOKENIZE_QUERY_BYTES + 3);
	while (nterms < TOKENIZE_QUERY_TERMS) {
		size_t end, tl = 0;

		while (i < n && (sp = query_space(q + i, n - i)) != 0)
			i += sp;
		for (end = i; end < n && query_space(q + end, n - end) == 0;
		    end++)
			;
		if (end == i || end > TOKENIZE_QUERY_BYTES)
			break; /* no more terms, or past the limit */
		/* Invalid UTF-8 becomes a space: it separates tokens
		 * either way, and the expression must be valid UTF-8. */
		while (i < end) {
			uint32_t cp = 1;
			int len = 1;

			if (q[i] >= 0x80)
				len = decode(q + i, end - i, &cp);
			if (cp == 0)
				term[tl++] = ' ';
			else
				memcpy(term + tl, q + i, (size_t)len),
				    tl += (size_t)len;
			i += (size_t)len;
		}
		if (tokenize_text(term, tl, 1, query_any, NULL) == 0)
			continue; /* nothing searchable in it */
		if (nterms++ > 0)
			buf_puts(out, " AND ");
		buf_putc(out, '"');
		for (size_t k = 0; k < tl; k++) {
			if (term[k] == '"')
				buf_putc(out, '"');
			buf_putc(out, term[k]);
		}
		buf_putc(out, '"');
	}
	if (buf_error(out))
		return buf_error(out);
	if (nterms == 0) {
		buf_truncate(out, start);
		return GZ_EINVAL;
	}
	return GZ_OK;
}
