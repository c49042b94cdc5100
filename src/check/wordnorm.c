/*
 * wordnorm: characters classed and folded for the sensitive-word
 * matcher, and the stream of units both the list and the text become.
 * See wordnorm.h and, for the rules, wordlist.h.
 *
 * The one subtle part is dropping separators between CJK characters:
 * whether "、" in "法、轮" is dropped depends on the character after it.
 * Separators after a CJK character are therefore held back (as the
 * offset where they start, not copied) until the next character shows
 * whether they sit between two CJK characters; if not, they are decoded
 * again and passed on.  Each byte is decoded at most twice, so the run
 * stays linear and allocates nothing.
 */
#include <stddef.h>
#include <stdint.h>

#include "utf8.h"
#include "wordnorm.h"

/* Ranges of code points above U+024F with a class; sorted, disjoint.
 * Whatever is not here is WORDNORM_OTHER. */
/* clang-format off */
static const struct range {
	uint32_t lo, hi;
	int cls;
} ranges[] = {
	{0x0300, 0x034e, WORDNORM_ALNUM}, /* combining marks: in the word */
	{0x034f, 0x034f, WORDNORM_IGNORE},
	{0x0350, 0x036f, WORDNORM_ALNUM},
	{0x061c, 0x061c, WORDNORM_IGNORE},
	{0x1100, 0x115e, WORDNORM_CJK},
	{0x115f, 0x1160, WORDNORM_IGNORE}, /* Hangul fillers */
	{0x1161, 0x11ff, WORDNORM_CJK},
	{0x1680, 0x1680, WORDNORM_SPACE},
	{0x17b4, 0x17b5, WORDNORM_IGNORE},
	{0x180b, 0x180f, WORDNORM_IGNORE},
	{0x1e00, 0x1eff, WORDNORM_ALNUM}, /* Latin Extended Additional */
	{0x2000, 0x200a, WORDNORM_SPACE},
	{0x200b, 0x200f, WORDNORM_IGNORE}, /* zero-width, LRM, RLM */
	{0x2010, 0x2027, WORDNORM_PUNCT},  /* dashes, quotes, … ‧ */
	{0x2028, 0x2029, WORDNORM_SPACE},
	{0x202a, 0x202e, WORDNORM_IGNORE}, /* bidi embeddings */
	{0x202f, 0x202f, WORDNORM_SPACE},
	{0x2030, 0x205e, WORDNORM_PUNCT},
	{0x205f, 0x205f, WORDNORM_SPACE},
	{0x2060, 0x206f, WORDNORM_IGNORE}, /* word joiner, bidi isolates */
	{0x2e00, 0x2e7f, WORDNORM_PUNCT},
	{0x2e80, 0x2fdf, WORDNORM_CJK},    /* radicals */
	{0x2ff0, 0x2fff, WORDNORM_CJK},
	{0x3000, 0x3000, WORDNORM_SPACE},  /* ideographic space */
	{0x3001, 0x3004, WORDNORM_PUNCT},  /* 、。〃 */
	{0x3005, 0x3007, WORDNORM_CJK},    /* 々〆〇 are characters */
	{0x3008, 0x3020, WORDNORM_PUNCT},  /* 《》「」【】〜 */
	{0x3021, 0x3029, WORDNORM_CJK},    /* Hangzhou numerals */
	{0x302a, 0x3037, WORDNORM_PUNCT},
	{0x3038, 0x303b, WORDNORM_CJK},
	{0x303c, 0x303f, WORDNORM_PUNCT},
	{0x3040, 0x30fa, WORDNORM_CJK},    /* kana */
	{0x30fb, 0x30fb, WORDNORM_PUNCT},  /* katakana middle dot */
	{0x30fc, 0x3163, WORDNORM_CJK},    /* bopomofo, Hangul jamo */
	{0x3164, 0x3164, WORDNORM_IGNORE}, /* Hangul filler */
	{0x3165, 0x31ff, WORDNORM_CJK},
	{0x3400, 0x4dbf, WORDNORM_CJK},
	{0x4e00, 0x9fff, WORDNORM_CJK},
	{0xa960, 0xa97f, WORDNORM_CJK},
	{0xac00, 0xd7ff, WORDNORM_CJK},    /* Hangul syllables */
	{0xf900, 0xfaff, WORDNORM_CJK},
	{0xfe00, 0xfe0f, WORDNORM_IGNORE}, /* variation selectors */
	{0xfe10, 0xfe19, WORDNORM_PUNCT},  /* vertical forms */
	{0xfe30, 0xfe4f, WORDNORM_PUNCT},
	{0xfe50, 0xfe6b, WORDNORM_PUNCT},  /* small forms */
	{0xfeff, 0xfeff, WORDNORM_IGNORE}, /* BOM, zero-width no-break */
	{0xff5f, 0xff65, WORDNORM_PUNCT},  /* halfwidth 。「」、･ */
	{0xff66, 0xff9f, WORDNORM_CJK},
	{0xffa0, 0xffa0, WORDNORM_IGNORE},
	{0xffa1, 0xffdc, WORDNORM_CJK},
	{0xfff0, 0xfff8, WORDNORM_IGNORE},
	{0x1bca0, 0x1bca3, WORDNORM_IGNORE},
	{0x1d173, 0x1d17a, WORDNORM_IGNORE},
	{0x20000, 0x3ffff, WORDNORM_CJK},
	{0xe0000, 0xe0fff, WORDNORM_IGNORE}, /* tags, more selectors */
};
/* clang-format on */

/* The lower case of a Latin letter; anything else unchanged. */
static uint32_t
fold_latin(uint32_t c)
{
	if (c < 0x80)
		return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
	if (c >= 0xc0 && c <= 0xde && c != 0xd7)
		return c + 0x20;
	if (c >= 0x100 && c <= 0x17f) {
		/* Pairs, upper case first: even upper below U+0138 and from
		 * U+014A, odd upper in U+0139..0148 and U+0179..017E. */
		if (c == 0x130)
			return 'i';
		if (c == 0x178)
			return 0xff;
		if (c == 0x17f)
			return 's';
		if (c == 0x131 || c == 0x138 || c == 0x149)
			return c;
		if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17e))
			return c & 1 ? c + 1 : c;
		return c & 1 ? c : c + 1;
	}
	if (c >= 0x1e00 && c <= 0x1eff) {
		if (c == 0x1e9e)
			return 0xdf;
		if (c >= 0x1e96 && c <= 0x1e9f)
			return c;
		return c & 1 ? c : c + 1;
	}
	return c;
}

/* The class of a folded code point. */
static int
class_of(uint32_t c)
{
	size_t lo, hi;

	if (c < 0x80) {
		if (c == ' ' || (c >= '\t' && c <= '\r'))
			return WORDNORM_SPACE;
		if (c < 0x20 || c == 0x7f)
			return WORDNORM_IGNORE;
		if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
			return WORDNORM_ALNUM;
		return WORDNORM_PUNCT; /* upper case was folded away */
	}
	if (c < 0x100) {
		if (c == 0x85 || c == 0xa0)
			return WORDNORM_SPACE;
		if (c < 0xa0 || c == 0xad)
			return WORDNORM_IGNORE; /* C1 controls, soft hyphen */
		if (c == 0xaa || c == 0xb5 || c == 0xba ||
		    (c >= 0xc0 && c != 0xd7 && c != 0xf7))
			return WORDNORM_ALNUM;
		if (c == 0xa1 || c == 0xa7 || c == 0xab || c == 0xb6 ||
		    c == 0xb7 || c == 0xbb || c == 0xbf)
			return WORDNORM_PUNCT; /* ¡ § « ¶ · » ¿ */
		return WORDNORM_OTHER;
	}
	if (c <= 0x24f)
		return WORDNORM_ALNUM;
	lo = 0;
	hi = sizeof ranges / sizeof ranges[0];
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (c < ranges[mid].lo)
			hi = mid;
		else if (c > ranges[mid].hi)
			lo = mid + 1;
		else
			return ranges[mid].cls;
	}
	return WORDNORM_OTHER;
}

size_t
wordnorm_char(const char *s, size_t n, uint32_t *unit, int *cls)
{
	uint32_t c;
	size_t len;

	len = utf8_decode(s, n, &c);
	if (c == 0xfffd && len == 1 && (unsigned char)s[0] >= 0x80) {
		/* Not a character: it can match nothing in any list. */
		*unit = WORDNORM_INVALID;
		*cls = WORDNORM_OTHER;
		return 1;
	}
	if (c >= 0xff01 && c <= 0xff5e)
		c -= 0xfee0; /* fullwidth ASCII */
	c = fold_latin(c);
	*unit = c;
	*cls = class_of(c);
	return len;
}

struct run {
	const char *text;
	size_t n;
	wordnorm_sink sink;
	void *ctx;
	int prev;        /* class of the last character passed on, or -1 */
	size_t prev_end; /* and where it ended */
	int held;        /* separators after a CJK character wait... */
	size_t hold;     /* ...from here */
};

/* Pass one visible character on, with the word frame around it. */
static int
run_put(struct run *r, uint32_t u, int cls, size_t s, size_t e)
{
	int rc, prev = r->prev;

	if (prev == WORDNORM_ALNUM && cls != WORDNORM_ALNUM &&
	    (rc = r->sink(r->ctx, WORDNORM_END, r->prev_end, r->prev_end)))
		return rc;
	if (cls == WORDNORM_ALNUM && prev != WORDNORM_ALNUM &&
	    (rc = r->sink(r->ctx, WORDNORM_BEGIN, s, s)))
		return rc;
	r->prev = cls;
	r->prev_end = e;
	if (cls == WORDNORM_SPACE) {
		if (prev == WORDNORM_SPACE)
			return 0;
		u = ' ';
	}
	return r->sink(r->ctx, u, s, e);
}

/* The held separators in text[from..to) were not between two CJK
 * characters after all: pass them on. */
static int
run_release(struct run *r, size_t from, size_t to)
{
	uint32_t u;
	size_t len;
	int cls, rc;

	r->held = 0;
	for (; from < to; from += len) {
		len = wordnorm_char(r->text + from, r->n - from, &u, &cls);
		if (cls != WORDNORM_IGNORE &&
		    (rc = run_put(r, u, cls, from, from + len)))
			return rc;
	}
	return 0;
}

int
wordnorm_run(const char *text, size_t n, wordnorm_sink sink, void *ctx)
{
	struct run r = {text, n, sink, ctx, -1, 0, 0, 0};
	uint32_t u;
	size_t i, len;
	int cls, rc;

	for (i = 0; i < n; i += len) {
		len = wordnorm_char(text + i, n - i, &u, &cls);
		if (cls == WORDNORM_IGNORE)
			continue;
		if (r.prev == WORDNORM_CJK &&
		    (cls == WORDNORM_SPACE || cls == WORDNORM_PUNCT)) {
			if (!r.held) {
				r.held = 1;
				r.hold = i;
			}
			continue;
		}
		if (r.held) {
			if (cls == WORDNORM_CJK)
				r.held = 0; /* between two CJK: dropped */
			else if ((rc = run_release(&r, r.hold, i)))
				return rc;
		}
		if ((rc = run_put(&r, u, cls, i, i + len)))
			return rc;
	}
	if (r.held && (rc = run_release(&r, r.hold, n)))
		return rc;
	if (r.prev == WORDNORM_ALNUM)
		return sink(ctx, WORDNORM_END, r.prev_end, r.prev_end);
	return 0;
}
