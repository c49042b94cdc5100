/*
 * sanitize_list: Word's and WPS's list paragraphs written as lists.
 *
 * Word writes a list as paragraphs, one per item:
 *
 *   <p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;
 *   mso-list:l0 level1 lfo1'><![if !supportLists]><span><span
 *   style='mso-list:Ignore'>1.<span style='font:7.0pt "Times New
 *   Roman"'>&nbsp;&nbsp; </span></span></span><![endif]>Item</p>
 *
 * WPS writes the same, with class=MsoNormal or a number (class=21) and
 * style='mso-list:Ignore;'.  lN names the list, levelK its level, lfoM
 * Word's override of it; the marker between <![if !supportLists]> and
 * <![endif]> is the text Word shows, and the only place that says
 * whether the list is numbered.  Pasted through an editor, the
 * conditional comments and the Ignore span may be gone and the marker
 * be plain text at the start of the paragraph ("1)"); that is read too.
 *
 * Consecutive items of one list (same lN and lfoM) under one parent make
 * one <ol> or <ul>, a deeper level nested in the <li> before it.  The
 * walk tells us what comes between (list_break, list_space): anything
 * that writes something ends the list, white space and empty paragraphs
 * (Word's spacing) do not.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "sanitize_int.h"
#include "utf8.h"

/* ---- list markers -------------------------------------------------------- */

/* A Chinese numeral's value (一 1, 十 10, 百 100), or -1. */
static int
cn_digit(uint32_t c)
{
	static const struct {
		uint32_t c;
		int v;
	} t[] = {
		{0x3007, 0}, {0x96f6, 0}, {0x4e00, 1}, {0x58f9, 1},
		{0x4e8c, 2}, {0x4e24, 2}, {0x8d30, 2}, {0x8cb3, 2},
		{0x4e09, 3}, {0x53c1, 3}, {0x56db, 4}, {0x8086, 4},
		{0x4e94, 5}, {0x4f0d, 5}, {0x516d, 6}, {0x9646, 6},
		{0x9678, 6}, {0x4e03, 7}, {0x67d2, 7}, {0x516b, 8},
		{0x634c, 8}, {0x4e5d, 9}, {0x7396, 9}, {0x5341, 10},
		{0x62fe, 10}, {0x767e, 100}, {0x4f70, 100}, {0x5343, 1000},
		{0x4edf, 1000},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].c == c)
			return t[i].v;
	return -1;
}

/* The number an enclosed or circled numeral stands for (① 1, ⑴ 1,
 * ⒈ 1, ❶ 1, Ⅳ 4, ㈠ 1), or 0. */
static int
circled(uint32_t c)
{
	static const struct {
		uint32_t first, last;
		int base;
	} t[] = {
		{0x2460, 0x2473, 1}, {0x2474, 0x2487, 1}, {0x2488, 0x249b, 1},
		{0x24f5, 0x24fe, 1}, {0x2776, 0x277f, 1}, {0x2780, 0x2789, 1},
		{0x278a, 0x2793, 1}, {0x3251, 0x325f, 21}, {0x32b1, 0x32bf, 36},
		{0x2160, 0x216b, 1}, {0x2170, 0x217b, 1}, {0x3220, 0x3229, 1},
		{0x3280, 0x3289, 1},
	};
	size_t i;

	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (c >= t[i].first && c <= t[i].last)
			return (int)(c - t[i].first) + t[i].base;
	return 0;
}

/* A bullet glyph: the usual ones, and Word's Symbol and Wingdings
 * glyphs in the private use area (U+F0B7, U+F0A7, U+F0D8...). */
static int
is_bullet(uint32_t c)
{
	static const uint32_t t[] = {0x2022, 0xb7, 0xa7, 0x25cf, 0x25cb,
	    0x25a0, 0x25a1, 0x25aa, 0x25ab, 0x25c6, 0x25c7, 0x2605, 0x2606,
	    0x27a2, 0x27a4, 0x25ba, 0x25b6, 0x2713, 0x2714, 0x203b, 0x2666,
	    0x2756, 0x2043, 0x2219, 0x30fb, '-', '*', '+', 0x2013, 0x2014};
	size_t i;

	if (c >= 0xf000 && c <= 0xf0ff)
		return 1;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i] == c)
			return 1;
	return 0;
}

/* The value of an ASCII or full-width digit, or -1. */
static int
digit(uint32_t c)
{
	if (c >= '0' && c <= '9')
		return (int)(c - '0');
	if (c >= 0xff10 && c <= 0xff19)
		return (int)(c - 0xff10);
	return -1;
}

/* The code point at s[i] (U+0000 past the end) and its length in *k. */
static uint32_t
cp_at(const char *s, size_t n, size_t i, size_t *k)
{
	uint32_t c = 0;

	*k = i < n ? utf8_decode(s + i, n - i, &c) : 0;
	return c;
}

/* Skip white space, U+00A0 and U+3000 from s[i]. */
static size_t
spaces(const char *s, size_t n, size_t i)
{
	size_t k;
	uint32_t c;

	for (;;) {
		c = cp_at(s, n, i, &k);
		if (k == 0 || !(is_space((int)c) || c == 0xa0 || c == 0x3000))
			return i;
		i += k;
	}
}

/* A roman numeral's value, or 0. */
static unsigned long
roman(const char *s, size_t n)
{
	static const char *const r = "ivxlcdm";
	static const unsigned long v[] = {1, 5, 10, 50, 100, 500, 1000};
	unsigned long sum = 0, a, b;
	size_t i;

	for (i = 0; i < n; i++) {
		a = v[strchr(r, s[i]) - r];
		b = i + 1 < n ? v[strchr(r, s[i + 1]) - r] : 0;
		sum = a < b ? sum - a : sum + a;
	}
	return sum > 4999 ? 0 : sum;
}

/* A run of letters "a", "iv", "AA": Word's alphabetic (a, b, ... aa)
 * or roman numbering.  Returns 0 if it is neither. */
static int
letters(const char *s, size_t n, struct marker *m)
{
	char l[5];
	size_t i, same = 1, rom = 1;
	int upper = s[0] >= 'A' && s[0] <= 'Z';

	if (n == 0 || n > 4)
		return 0;
	for (i = 0; i < n; i++) {
		if ((s[i] >= 'A' && s[i] <= 'Z') != upper)
			return 0;
		l[i] = (char)ascii_lower((unsigned char)s[i]);
		same &= l[i] == l[0];
		rom &= strchr("ivxlcdm", l[i]) != NULL;
	}
	if (rom && (n > 1 || l[0] == 'i')) {
		m->start = roman(l, n);
		m->type = upper ? 'I' : 'i';
	} else if (same) {
		m->start = (unsigned long)(n - 1) * 26 + (unsigned long)(l[0] - 'a' + 1);
		m->type = upper ? 'A' : 'a';
	} else {
		return 0;
	}
	return 1;
}

/*
 * The value of the numerals at s[*i]: Chinese ones (一百二十 120, 十二
 * 12) or digits (12, １２), moving *i past them.  A long run stays below
 * 100,000 for digits; the marker being read is at most 63 bytes.
 */
static unsigned long
numerals(const char *s, size_t n, size_t *i)
{
	unsigned long val = 0, unit = 0;
	uint32_t c;
	size_t k;
	int v;

	if (digit(cp_at(s, n, *i, &k)) >= 0) {
		for (; (c = cp_at(s, n, *i, &k)), k && (v = digit(c)) >= 0;
		    *i += k)
			val = val > 99999 ? val : val * 10 + (unsigned long)v;
		return val;
	}
	for (; (c = cp_at(s, n, *i, &k)), k && (v = cn_digit(c)) >= 0;
	    *i += k) {
		if (v >= 10) {
			val += (unit ? unit : 1) * (unsigned long)v;
			unit = 0;
		} else {
			unit = (unsigned long)v;
		}
	}
	return val + unit;
}

/*
 * Read a list marker at the start of s[0..n): "1.", "1.2", "(3)", "a)",
 * "iv.", "一、", "（二）", "第三条", "①", a bullet.  ended says s is all
 * the text there is.  Sets m->ordered, start and type; returns the bytes
 * it takes with the white space after it, or 0 if s does not start with
 * a marker.  A number needs something after it that makes it one ("1."
 * or "1 "): "2024年" is text.
 */
static size_t
marker_read(const char *s, size_t n, int ended, struct marker *m)
{
	size_t i, k, j, first = 0;
	uint32_t c;
	unsigned long val = 0, first_val = 0;
	int open = 0, close = 0, sep = 0, v, num = 0, lat = 0;

	m->start = 0;
	m->type = 0;
	i = spaces(s, n, 0);
	c = cp_at(s, n, i, &k);
	if (c == '(' || c == 0xff08 || c == '[' || c == 0x3010) {
		open = 1;
		i += k;
		c = cp_at(s, n, i, &k);
	}
	if (k == 0)
		return 0;
	if (c == 0x7b2c) {   /* 第 ... 章, 第 ... 条 */
		i += k;
		val = numerals(s, n, &i);
		c = cp_at(s, n, i, &k);
		if (!k || !(c == 0x7ae0 || c == 0x8282 || c == 0x6761 ||
		    c == 0x6b3e || c == 0x9879 || c == 0x7bc7 ||
		    c == 0x90e8 || c == 0x7f16))
			return 0;
		i += k;
		sep = 1;
	} else if (digit(c) >= 0) {
		num = 1;   /* 1, 1.2, 1.2.3: the last number counts */
		for (; (c = cp_at(s, n, i, &k)), k; i += k) {
			if ((v = digit(c)) >= 0) {
				val = val > 99999 ? val : val * 10 + (unsigned long)v;
			} else if (c == '.' && digit(cp_at(s, n, i + 1, &j)) >= 0) {
				if (first == 0)
					first = i, first_val = val;
				val = 0;
			} else {
				break;
			}
		}
	} else if (cn_digit(c) >= 0) {
		val = numerals(s, n, &i);
	} else if ((v = circled(c)) > 0) {
		val = (unsigned long)v;
		i += k;
		sep = 1;
	} else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) {
		for (j = i; j < n && ((s[j] >= 'a' && s[j] <= 'z') ||
		    (s[j] >= 'A' && s[j] <= 'Z')); j++)
			;
		if (!letters(s + i, j - i, m))
			return 0;
		i = j;
		lat = 1;
	} else if (is_bullet(c) && !open) {
		i += k;
		if ((c == '-' || c == '*' || c == '+' || c == 0x2013 ||
		    c == 0x2014) && spaces(s, n, i) == i && !(ended && i == n))
			return 0;   /* "-5" or "*note" */
		m->ordered = 0;
		return spaces(s, n, i);
	} else {
		return 0;
	}
	c = cp_at(s, n, i, &k);
	if (open && (c == ')' || c == 0xff09 || c == ']' || c == 0x3011)) {
		close = 1;
		i += k;
		c = cp_at(s, n, i, &k);
	}
	if (open && !close)
		return 0;
	if (k && (c == '.' || c == 0xff0e || c == 0x3001 || c == ':' ||
	    c == 0xff1a || (!open && (c == ')' || c == 0xff09)))) {
		sep = 1;
		i += k;
	}
	if (!close && !sep && num && first &&
	    !(spaces(s, n, i) > i || (ended && i == n))) {
		/* "3.2024年起": the marker is "3.", not a number 3.2024 */
		i = first + 1;
		val = first_val;
		sep = 1;
	}
	if (!close && !sep) {
		/* "1 " and a number that is all the marker, as Word's
		 * numbered headings have it; never a bare letter ("o" is
		 * Word's second-level bullet) or numeral. */
		if (!num || !(spaces(s, n, i) > i || (ended && i == n)))
			return 0;
	}
	m->ordered = 1;
	if (!lat)
		m->start = val <= 99999 ? val : 0;
	return spaces(s, n, i);
}

/* Whether a marker Word marked as one is a number of some kind. */
static int
has_numeral(const char *s, size_t n)
{
	size_t i, k;
	uint32_t c;

	for (i = 0; i < n; i += k) {
		c = cp_at(s, n, i, &k);
		if (digit(c) >= 0 || cn_digit(c) > 0 || circled(c))
			return 1;
	}
	return 0;
}

/* What the walk of a paragraph for its marker has seen. */
struct scan {
	char region[64];   /* between <![if !supportLists]> and <![endif]> */
	char ign[64];      /* in the first mso-list:Ignore element */
	char lead[64];     /* the first text */
	size_t nregion, nign, nlead;
	int full;          /* the first text went on past lead */
};

static void
scan_add(char *dst, size_t *n, const char *s, int *full)
{
	size_t k = strlen(s);

	if (*n + k > 63) {
		k = 63 - *n;
		if (full)
			*full = 1;
	}
	memcpy(dst + *n, s, k);
	*n += k;
	dst[*n] = '\0';
}

/* Trim white space, U+00A0 and U+3000 from both ends of s[0..*n). */
static const char *
trim(const char *s, size_t *n)
{
	size_t i = spaces(s, *n, 0), j = i, end = i, t, k;

	while (j < *n) {
		if ((t = spaces(s, *n, j)) > j) {
			j = t;
			continue;
		}
		cp_at(s, *n, j, &k);
		end = j += k;
	}
	*n = end - i;
	return s + i;
}

/*
 * Walk the start of paragraph p (at most 512 nodes, 24 deep: a marker
 * comes first) for what the marker is.
 */
static int
scan_walk(const GumboNode *p, struct scan *sc)
{
	struct {
		const GumboNode *node;
		unsigned int next;
		int ignore;
	} st[24];
	size_t sp = 0, visits = 0;
	int state = 0, in_ign = 0, ign_done = 0;
	const GumboNode *c;
	struct facts fa;

	st[sp].node = p, st[sp].next = 0, st[sp++].ignore = 0;
	while (sp > 0) {
		const GumboVector *kids = &st[sp - 1].node->v.element.children;
		if (st[sp - 1].next >= kids->length) {
			if (st[sp - 1].ignore)
				in_ign = 0, ign_done = 1;
			sp--;
			continue;
		}
		if (++visits > 512)
			return 0;
		c = kids->data[st[sp - 1].next++];
		switch (c->type) {
		case GUMBO_NODE_COMMENT:
			if (state == 0 && word_eq(c->v.text.text, 3, "[if") &&
			    has_word(c->v.text.text, "supportlists"))
				state = 1;
			else if (state == 1 && comment_closes(c->v.text.text))
				state = 2;
			break;
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			if (state == 1)
				scan_add(sc->region, &sc->nregion, c->v.text.text,
				    NULL);
			else if (in_ign)
				scan_add(sc->ign, &sc->nign, c->v.text.text,
				    NULL);
			else if (!sc->full)
				scan_add(sc->lead, &sc->nlead, c->v.text.text,
				    &sc->full);
			break;
		case GUMBO_NODE_ELEMENT:
			if (element_dropped(&c->v.element) || sp == 24)
				break;
			memset(&fa, 0, sizeof fa);
			facts_read(&c->v.element, &fa);
			if (fa.hidden)
				break;
			st[sp].node = c;
			st[sp].next = 0;
			st[sp].ignore = fa.ignore && !in_ign && !ign_done &&
			    state != 1;
			in_ign |= st[sp++].ignore;
			break;
		default:
			break;
		}
	}
	return 1;
}

void
marker_find(const GumboNode *p, struct marker *m)
{
	struct scan sc;
	const char *t;
	size_t n, k;
	int ended;

	memset(&sc, 0, sizeof sc);
	memset(m, 0, sizeof *m);
	ended = scan_walk(p, &sc) && !sc.full;
	n = sc.nregion;
	t = trim(sc.region, &n);
	if (n == 0) {
		n = sc.nign;
		t = trim(sc.ign, &n);
	}
	if (n > 0) {
		m->kind = MARKER_MARKED;
		memcpy(m->text, t, n);
		m->text[n] = '\0';
		m->len = n;
		/* Whatever Word marked is the marker; a bullet unless it
		 * reads as a number ("o" and "l" are Wingdings bullets). */
		if (marker_read(m->text, n, 1, m) == 0) {
			m->ordered = has_numeral(m->text, n);
			m->start = 0;
			m->type = 0;
		}
	} else if ((k = marker_read(sc.lead, sc.nlead, ended, m)) > 0) {
		m->kind = MARKER_LEADING;
		m->skip = k;
	} else {
		memset(m, 0, sizeof *m);
	}
}

int
marker_spaced(const struct marker *m)
{
	static const char *const ends[] = {"\xe3\x80\x81", "\xef\xbc\x89",
	    "\xef\xbc\x8e", "\xef\xbc\x9a", "\xe3\x80\x91", "\xef\xbc\x8c"};
	size_t i;

	for (i = 0; i < sizeof ends / sizeof ends[0]; i++)
		if (m->len >= 3 && !memcmp(m->text + m->len - 3, ends[i], 3))
			return 1;
	return 0;
}

/* ---- lists --------------------------------------------------------------- */

/* The list of frame fi's children, if any. */
static struct list *
list_of(struct walk *w, size_t fi)
{
	if (w->nlist && w->lists[w->nlist - 1].owner == fi)
		return &w->lists[w->nlist - 1];
	return NULL;
}

static void
list_ws(struct walk *w, struct list *l)
{
	if (l->ws)
		walk_space(w, l->ws);
	l->ws = NULL;
}

/* Write the end tags of levels down to keep. */
static void
list_end_tags(struct walk *w, struct list *l, int keep)
{
	while (l->n > keep) {
		walk_close(w, "li");
		walk_close(w, l->tag[l->n - 1] == 'o' ? "ol" : "ul");
		l->n--;
		w->at_start = 0;   /* as after any end tag of a block */
	}
}

/* Close l for now: it may go on if nothing but white space and empty
 * paragraphs come before its next item (Word's spacing paragraphs). */
static void
list_close(struct walk *w, struct list *l)
{
	int n = l->n;

	l->closed_at = w->out->len;
	l->at_start = w->at_start;
	list_end_tags(w, l, 0);
	l->n = n;   /* kept for list_reopen() */
	l->open = 0;
	list_ws(w, l);
	l->closed_end = w->out->len;
}

/* Whether l can go on: then its end tags are taken back. */
static int
list_reopen(struct walk *w, struct list *l)
{
	if (l->open)
		return 1;
	if (w->out->len != l->closed_end || l->n == 0)
		return 0;
	buf_truncate(w->out, l->closed_at);
	w->depth += 2 * (size_t)l->n;
	w->at_start = l->at_start;
	l->open = 1;
	return 1;
}

static void
list_pop(struct walk *w, struct list *l)
{
	if (l->open)
		list_close(w, l);
	list_ws(w, l);
	w->nlist--;
}

/* Open a new level for the item m, inside the open <li> if any. */
static void
list_level(struct walk *w, struct list *l, unsigned char level,
    const struct marker *m)
{
	const char *name = m->ordered ? "ol" : "ul";

	if (!walk_open(w, name))
		return;
	if (m->ordered && m->start != 1 && m->start > 0)
		buf_printf(w->out, " start=\"%lu\"", m->start);
	if (m->ordered && m->type)
		buf_printf(w->out, " type=\"%c\"", m->type);
	buf_putc(w->out, '>');
	walk_open_tag(w, "li");
	l->level[l->n] = level;
	l->tag[l->n++] = m->ordered ? 'o' : 'u';
}

int
list_item(struct walk *w, size_t fi, const struct facts *fa,
    const struct marker *m)
{
	struct list *l = list_of(w, fi);

	if (l && (l->id != fa->list_id || l->lfo != fa->list_lfo ||
	    !list_reopen(w, l))) {
		list_pop(w, l);
		l = NULL;
	}
	/* Room for <ol><li>, and a little inside. */
	if (w->depth + 4 > SANITIZE_MAX_DEPTH && (l == NULL || l->n == 0))
		return 0;
	if (l == NULL) {
		if (walk_grow((void **)&w->lists, &w->lcap, w->nlist,
		    sizeof *l)) {
			w->out->err = GZ_ENOMEM;   /* ends the walk */
			return 0;
		}
		l = &w->lists[w->nlist++];
		memset(l, 0, sizeof *l);
		l->owner = fi;
		l->id = fa->list_id;
		l->lfo = fa->list_lfo;
		l->open = 1;
	}
	while (l->n > 0 && l->level[l->n - 1] > fa->level)
		list_end_tags(w, l, l->n - 1);
	if (l->n > 0 && (l->level[l->n - 1] == fa->level ||
	    l->n == LIST_LEVELS || w->depth + 4 > SANITIZE_MAX_DEPTH)) {
		walk_close(w, "li");
		w->at_start = 0;
		list_ws(w, l);
		walk_open_tag(w, "li");
	} else {
		list_ws(w, l);
		list_level(w, l, fa->level, m);
	}
	w->at_start = 1;
	w->skip = m->kind == MARKER_LEADING ? m->skip : 0;
	return 1;
}

int
list_continue(struct walk *w, size_t fi)
{
	struct list *l = list_of(w, fi);

	if (l == NULL || !list_reopen(w, l))
		return 0;
	list_ws(w, l);
	return 1;
}

void
list_break(struct walk *w, size_t fi)
{
	struct list *l = list_of(w, fi);

	if (l == NULL)
		return;
	if (l->open)
		list_close(w, l);
	else if (w->out->len != l->closed_end)
		list_pop(w, l);   /* something came after it: it is over */
	else
		list_ws(w, l), l->closed_end = w->out->len;
}

int
list_space(struct walk *w, size_t fi, const char *s)
{
	struct list *l = list_of(w, fi);

	if (l == NULL)
		return 0;
	if (!l->open && w->out->len != l->closed_end) {
		list_pop(w, l);
		return 0;
	}
	l->ws = s;
	return 1;
}

void
list_finish(struct walk *w, size_t fi)
{
	struct list *l = list_of(w, fi);

	if (l)
		list_pop(w, l);
}

