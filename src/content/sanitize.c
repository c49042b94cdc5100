/*
 * sanitize: allowlist HTML cleaning on top of gumbo.  See sanitize.h.
 *
 * Gumbo builds the tree a browser would build, so what we check is what a
 * reader's browser will see; we then write the tree out ourselves, so the
 * output is well-formed whatever the input was.  Nothing from the input
 * reaches the output except text and attribute values, and those only
 * through escape_html().  Element and attribute names are our own
 * constants.
 *
 * Three things gumbo does not do for us:
 *
 *  - It does not check its allocations (it would crash on a NULL from
 *    malloc).  We give it an allocator that keeps every block on a list
 *    and longjmp()s out of the parse when malloc fails; the list is then
 *    freed in one go.  The same list frees a finished tree without
 *    gumbo_destroy_output(), which recurses once per level of nesting.
 *
 *  - Its strings are not always valid UTF-8: in 0.10.1 a numeric
 *    character reference past INT_MAX ("&#x9999999999;") overflows and
 *    comes out as a stray byte such as 0x99.  A lax decoder can take
 *    such a byte and the quote after it as one character, so every
 *    string we write is repaired first (put_html).
 *
 *  - Its tree can be as deep as the input is long.  We walk it with an
 *    explicit stack, not recursion, and unwrap elements below
 *    SANITIZE_MAX_DEPTH.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "htmltree.h"

#include "escape.h"
#include "sanitize.h"
#include "utf8.h"

/* ---- gumbo's memory ------------------------------------------------- */


/* ---- elements -------------------------------------------------------- */

enum action {
	ACT_UNWRAP = 0,   /* write the children, not the element */
	ACT_KEEP,         /* write the element and its children */
	ACT_DROP,         /* write nothing at all */
};

/* What to do with each HTML element gumbo knows; unlisted ones unwrap. */
static const unsigned char tag_action[GUMBO_TAG_LAST] = {
	[GUMBO_TAG_P] = ACT_KEEP, [GUMBO_TAG_BR] = ACT_KEEP,
	[GUMBO_TAG_HR] = ACT_KEEP, [GUMBO_TAG_WBR] = ACT_KEEP,
	[GUMBO_TAG_H1] = ACT_KEEP, [GUMBO_TAG_H2] = ACT_KEEP,
	[GUMBO_TAG_H3] = ACT_KEEP, [GUMBO_TAG_H4] = ACT_KEEP,
	[GUMBO_TAG_H5] = ACT_KEEP, [GUMBO_TAG_H6] = ACT_KEEP,
	[GUMBO_TAG_STRONG] = ACT_KEEP, [GUMBO_TAG_B] = ACT_KEEP,
	[GUMBO_TAG_EM] = ACT_KEEP, [GUMBO_TAG_I] = ACT_KEEP,
	[GUMBO_TAG_U] = ACT_KEEP, [GUMBO_TAG_S] = ACT_KEEP,
	[GUMBO_TAG_DEL] = ACT_KEEP, [GUMBO_TAG_INS] = ACT_KEEP,
	[GUMBO_TAG_SUB] = ACT_KEEP, [GUMBO_TAG_SUP] = ACT_KEEP,
	[GUMBO_TAG_SMALL] = ACT_KEEP, [GUMBO_TAG_MARK] = ACT_KEEP,
	[GUMBO_TAG_ABBR] = ACT_KEEP, [GUMBO_TAG_CITE] = ACT_KEEP,
	[GUMBO_TAG_Q] = ACT_KEEP, [GUMBO_TAG_CODE] = ACT_KEEP,
	[GUMBO_TAG_PRE] = ACT_KEEP, [GUMBO_TAG_KBD] = ACT_KEEP,
	[GUMBO_TAG_SAMP] = ACT_KEEP, [GUMBO_TAG_BLOCKQUOTE] = ACT_KEEP,
	[GUMBO_TAG_UL] = ACT_KEEP, [GUMBO_TAG_OL] = ACT_KEEP,
	[GUMBO_TAG_LI] = ACT_KEEP, [GUMBO_TAG_DL] = ACT_KEEP,
	[GUMBO_TAG_DT] = ACT_KEEP, [GUMBO_TAG_DD] = ACT_KEEP,
	[GUMBO_TAG_A] = ACT_KEEP, [GUMBO_TAG_IMG] = ACT_KEEP,
	[GUMBO_TAG_FIGURE] = ACT_KEEP, [GUMBO_TAG_FIGCAPTION] = ACT_KEEP,
	[GUMBO_TAG_TABLE] = ACT_KEEP, [GUMBO_TAG_CAPTION] = ACT_KEEP,
	[GUMBO_TAG_THEAD] = ACT_KEEP, [GUMBO_TAG_TBODY] = ACT_KEEP,
	[GUMBO_TAG_TFOOT] = ACT_KEEP, [GUMBO_TAG_TR] = ACT_KEEP,
	[GUMBO_TAG_TH] = ACT_KEEP, [GUMBO_TAG_TD] = ACT_KEEP,
	[GUMBO_TAG_COLGROUP] = ACT_KEEP, [GUMBO_TAG_COL] = ACT_KEEP,
	[GUMBO_TAG_SPAN] = ACT_KEEP, [GUMBO_TAG_DIV] = ACT_KEEP,
	[GUMBO_TAG_SECTION] = ACT_KEEP, [GUMBO_TAG_ARTICLE] = ACT_KEEP,
	[GUMBO_TAG_ASIDE] = ACT_KEEP, [GUMBO_TAG_HEADER] = ACT_KEEP,
	[GUMBO_TAG_FOOTER] = ACT_KEEP, [GUMBO_TAG_TIME] = ACT_KEEP,
	[GUMBO_TAG_DETAILS] = ACT_KEEP, [GUMBO_TAG_SUMMARY] = ACT_KEEP,

	/* Code, other documents, forms, and what only matters in <head>. */
	[GUMBO_TAG_SCRIPT] = ACT_DROP, [GUMBO_TAG_STYLE] = ACT_DROP,
	[GUMBO_TAG_IFRAME] = ACT_DROP, [GUMBO_TAG_FRAME] = ACT_DROP,
	[GUMBO_TAG_FRAMESET] = ACT_DROP, [GUMBO_TAG_OBJECT] = ACT_DROP,
	[GUMBO_TAG_EMBED] = ACT_DROP, [GUMBO_TAG_APPLET] = ACT_DROP,
	[GUMBO_TAG_PARAM] = ACT_DROP, [GUMBO_TAG_FORM] = ACT_DROP,
	[GUMBO_TAG_INPUT] = ACT_DROP, [GUMBO_TAG_BUTTON] = ACT_DROP,
	[GUMBO_TAG_TEXTAREA] = ACT_DROP, [GUMBO_TAG_SELECT] = ACT_DROP,
	[GUMBO_TAG_OPTION] = ACT_DROP, [GUMBO_TAG_OPTGROUP] = ACT_DROP,
	[GUMBO_TAG_DATALIST] = ACT_DROP, [GUMBO_TAG_KEYGEN] = ACT_DROP,
	[GUMBO_TAG_ISINDEX] = ACT_DROP, [GUMBO_TAG_NOSCRIPT] = ACT_DROP,
	[GUMBO_TAG_NOEMBED] = ACT_DROP, [GUMBO_TAG_NOFRAMES] = ACT_DROP,
	[GUMBO_TAG_TEMPLATE] = ACT_DROP, [GUMBO_TAG_SVG] = ACT_DROP,
	[GUMBO_TAG_MATH] = ACT_DROP, [GUMBO_TAG_META] = ACT_DROP,
	[GUMBO_TAG_LINK] = ACT_DROP, [GUMBO_TAG_BASE] = ACT_DROP,
	[GUMBO_TAG_TITLE] = ACT_DROP, [GUMBO_TAG_HEAD] = ACT_DROP,
	[GUMBO_TAG_BGSOUND] = ACT_DROP,
};

static int
is_void(GumboTag tag)
{
	return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR ||
	    tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_COL ||
	    tag == GUMBO_TAG_WBR;
}

static int
ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

/* Whether s[0..n) equals the lowercase word w, ignoring ASCII case. */
static int
word_eq(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (w[i] == '\0' || ascii_lower((unsigned char)s[i]) != w[i])
			return 0;
	return w[n] == '\0';
}

/* The word of the NULL-terminated lowercase list that s equals ignoring
 * ASCII case, or NULL. */
static const char *
keyword(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (word_eq(s, strlen(s), *words))
			return *words;
	return NULL;
}

/*
 * Whether an element gumbo does not know (o:p, st1:place) has the name w.
 * The name is read from the source text of its start tag ourselves:
 * gumbo_tag_from_original_text() asserts on anything unexpected.
 */
static int
unknown_is(const GumboElement *e, const char *w)
{
	const char *s = e->original_tag.data;
	size_t n = e->original_tag.length, i;

	if (s == NULL || n < 2 || s[0] != '<')
		return 0;
	s++, n--;
	if (n && s[0] == '/')
		s++, n--;
	for (i = 0; i < n; i++)
		if (s[i] == '>' || s[i] == '/' || s[i] == ' ' ||
		    s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '\f')
			break;
	return word_eq(s, i, w);
}

/* Whether s is nothing but ASCII white space and U+00A0. */
static int
blank(const char *s)
{
	for (; *s; s++) {
		if ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] == 0xa0)
			s++;
		else if (strchr(" \t\n\r\f", *s) == NULL)
			return 0;
	}
	return 1;
}

/* Whether Word's <o:p> marker holds no more than white space. */
static int
empty_marker(const GumboElement *e)
{
	unsigned int i;

	for (i = 0; i < e->children.length; i++) {
		const GumboNode *c = e->children.data[i];
		if (c->type == GUMBO_NODE_COMMENT)
			continue;
		if (c->type != GUMBO_NODE_TEXT &&
		    c->type != GUMBO_NODE_WHITESPACE)
			return 0;
		if (!blank(c->v.text.text))
			return 0;
	}
	return 1;
}

static enum action
element_action(const GumboElement *e)
{
	if (e->tag_namespace != GUMBO_NAMESPACE_HTML)
		return ACT_DROP;   /* svg, math and all inside them */
	if (e->tag == GUMBO_TAG_UNKNOWN) {
		if (unknown_is(e, "xml"))
			return ACT_DROP;   /* Word's document properties */
		if (unknown_is(e, "o:p") && empty_marker(e))
			return ACT_DROP;
		return ACT_UNWRAP;
	}
	if ((unsigned int)e->tag >= GUMBO_TAG_LAST)
		return ACT_DROP;
	return (enum action)tag_action[e->tag];
}

/* ---- attributes ------------------------------------------------------ */

enum attr_kind {
	AK_NONE = 0,  /* not allowed */
	AK_TEXT,      /* any text */
	AK_LANG,      /* a language tag: letters, digits, '-' */
	AK_DIR,       /* ltr, rtl or auto */
	AK_ALIGN,     /* left, right, center or justify */
	AK_DIGITS,    /* a small non-negative integer */
	AK_HREF,      /* a URL that url_is_safe() accepts */
	AK_SRC,       /* the same, or a data: raster image */
	AK_TARGET,    /* _blank only */
	AK_SCOPE,     /* th scope keyword */
	AK_OLTYPE,    /* 1 a A i I */
	AK_BOOL,      /* present or not */
	AK_ID,        /* heading anchor, rewritten */
	AK_STYLE,     /* rebuilt from the allowed properties */
};

struct attr_rule {
	GumboTag tag;        /* GUMBO_TAG_LAST: every element */
	const char *name;
	enum attr_kind kind;
};

static const struct attr_rule attr_rules[] = {
	{GUMBO_TAG_LAST, "title", AK_TEXT},
	{GUMBO_TAG_LAST, "lang", AK_LANG},
	{GUMBO_TAG_LAST, "dir", AK_DIR},
	{GUMBO_TAG_LAST, "style", AK_STYLE},
	{GUMBO_TAG_A, "href", AK_HREF},
	{GUMBO_TAG_A, "target", AK_TARGET},
	{GUMBO_TAG_IMG, "src", AK_SRC},
	{GUMBO_TAG_IMG, "alt", AK_TEXT},
	{GUMBO_TAG_IMG, "width", AK_DIGITS},
	{GUMBO_TAG_IMG, "height", AK_DIGITS},
	{GUMBO_TAG_TD, "colspan", AK_DIGITS},
	{GUMBO_TAG_TD, "rowspan", AK_DIGITS},
	{GUMBO_TAG_TH, "colspan", AK_DIGITS},
	{GUMBO_TAG_TH, "rowspan", AK_DIGITS},
	{GUMBO_TAG_TH, "scope", AK_SCOPE},
	{GUMBO_TAG_OL, "start", AK_DIGITS},
	{GUMBO_TAG_OL, "reversed", AK_BOOL},
	{GUMBO_TAG_OL, "type", AK_OLTYPE},
	{GUMBO_TAG_LI, "value", AK_DIGITS},
	{GUMBO_TAG_TIME, "datetime", AK_TEXT},
	{GUMBO_TAG_COL, "span", AK_DIGITS},
	{GUMBO_TAG_COLGROUP, "span", AK_DIGITS},
	/* Obsolete, but how old CMSes and Word center titles and tables. */
	{GUMBO_TAG_P, "align", AK_ALIGN},
	{GUMBO_TAG_DIV, "align", AK_ALIGN},
	{GUMBO_TAG_H1, "align", AK_ALIGN},
	{GUMBO_TAG_H2, "align", AK_ALIGN},
	{GUMBO_TAG_H3, "align", AK_ALIGN},
	{GUMBO_TAG_H4, "align", AK_ALIGN},
	{GUMBO_TAG_H5, "align", AK_ALIGN},
	{GUMBO_TAG_H6, "align", AK_ALIGN},
	{GUMBO_TAG_TABLE, "align", AK_ALIGN},
	{GUMBO_TAG_CAPTION, "align", AK_ALIGN},
	{GUMBO_TAG_TR, "align", AK_ALIGN},
	{GUMBO_TAG_TD, "align", AK_ALIGN},
	{GUMBO_TAG_TH, "align", AK_ALIGN},
	{GUMBO_TAG_H1, "id", AK_ID},
	{GUMBO_TAG_H2, "id", AK_ID},
	{GUMBO_TAG_H3, "id", AK_ID},
	{GUMBO_TAG_H4, "id", AK_ID},
	{GUMBO_TAG_H5, "id", AK_ID},
	{GUMBO_TAG_H6, "id", AK_ID},
};

static enum attr_kind
attr_kind(GumboTag tag, const GumboAttribute *a)
{
	size_t i;

	if (a->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE)
		return AK_NONE;
	for (i = 0; i < sizeof attr_rules / sizeof attr_rules[0]; i++)
		if ((attr_rules[i].tag == tag ||
		    attr_rules[i].tag == GUMBO_TAG_LAST) &&
		    strcmp(attr_rules[i].name, a->name) == 0)
			return attr_rules[i].kind;
	return AK_NONE;
}

/* 1 to 9 ASCII digits: enough for any width or span, no overflow. */
static int
is_digits(const char *s)
{
	size_t i;

	for (i = 0; s[i] >= '0' && s[i] <= '9'; i++)
		;
	return i > 0 && i <= 9 && s[i] == '\0';
}

static int
is_lang(const char *s)
{
	size_t i;

	for (i = 0; s[i]; i++)
		if (!(ascii_lower((unsigned char)s[i]) >= 'a' &&
		    ascii_lower((unsigned char)s[i]) <= 'z') &&
		    !(s[i] >= '0' && s[i] <= '9') && s[i] != '-')
			return 0;
	return i > 0 && i <= 35;
}

/* escape_html() of s[0..n), each byte of bad UTF-8 written as U+FFFD. */
static void
put_html(struct buf *out, const char *s, size_t n)
{
	size_t bad, k;
	uint32_t cp;

	while (!utf8_valid(s, n, &bad)) {
		escape_html(out, s, bad);
		buf_puts(out, "\xef\xbf\xbd");
		k = bad + utf8_decode(s + bad, n - bad, &cp);
		s += k;
		n -= k;
	}
	escape_html(out, s, n);
}

/* Append name="value" with value escaped. */
static void
put_attr(struct buf *out, const char *name, const char *value)
{
	buf_putc(out, ' ');
	buf_puts(out, name);
	buf_puts(out, "=\"");
	put_html(out, value, strlen(value));
	buf_putc(out, '"');
}

/*
 * A heading id becomes "u-" and its letters, digits, '_' and '-', so a
 * pasted id can never clobber one of the page's own ids or a DOM global.
 */
static void
put_id(struct buf *out, const char *v)
{
	size_t mark = out->len, kept = 0;

	buf_puts(out, " id=\"u-");
	for (; *v; v++) {
		int c = (unsigned char)*v;
		if ((ascii_lower(c) >= 'a' && ascii_lower(c) <= 'z') ||
		    (c >= '0' && c <= '9') || c == '_' || c == '-') {
			escape_html(out, v, 1);
			kept++;
		}
	}
	if (kept)
		buf_putc(out, '"');
	else
		buf_truncate(out, mark);
}

/* ---- style ----------------------------------------------------------- */

static int
css_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Whether v is one of the words in the NULL-terminated list. */
static int
one_of(const char *v, const char *const *words)
{
	for (; *words; words++)
		if (strcmp(v, *words) == 0)
			return 1;
	return 0;
}

static int
css_align(const char *v)
{
	static const char *const w[] = {"left", "right", "center", "justify",
	    NULL};

	return one_of(v, w);
}

/*
 * A non-negative length: 2em, 24pt, 21.0pt, .5in, 0.  Negative indents
 * only make sense with the margins we drop, and would push text out of
 * its box.
 */
static int
css_length(const char *v)
{
	static const char *const units[] = {"px", "pt", "pc", "em", "rem",
	    "ex", "ch", "cm", "mm", "in", "%", NULL};
	size_t digits = 0;

	if (strcmp(v, "0") == 0)
		return 1;
	for (; *v >= '0' && *v <= '9'; v++)
		digits++;
	if (*v == '.')
		for (v++; *v >= '0' && *v <= '9'; v++)
			digits++;
	return digits > 0 && one_of(v, units);
}

static int
css_weight(const char *v)
{
	static const char *const w[] = {"normal", "bold", "bolder", "lighter",
	    NULL};
	size_t i;

	if (one_of(v, w))
		return 1;
	for (i = 0; v[i] >= '0' && v[i] <= '9'; i++)
		;
	return i > 0 && i <= 4 && v[i] == '\0' && atoi(v) >= 1 &&
	    atoi(v) <= 1000;
}

static int
css_fontstyle(const char *v)
{
	static const char *const w[] = {"normal", "italic", NULL};

	return one_of(v, w);
}

static int
css_decoration(const char *v)
{
	static const char *const w[] = {"none", "underline", "line-through",
	    NULL};

	return one_of(v, w);
}

static const struct {
	const char *name;
	int (*ok)(const char *);
} css_props[] = {
	{"text-align", css_align},
	{"text-indent", css_length},
	{"font-weight", css_weight},
	{"font-style", css_fontstyle},
	{"text-decoration", css_decoration},
};

/*
 * Lowercase s[0..n), trimmed of white space, into dst (size cap).
 * Returns 0 if it does not fit: no allowed value is long.
 */
static int
css_word(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i;

	while (n && css_space((unsigned char)s[0]))
		s++, n--;
	while (n && css_space((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= cap)
		return 0;
	for (i = 0; i < n; i++)
		dst[i] = (char)ascii_lower((unsigned char)s[i]);
	dst[n] = '\0';
	return 1;
}

/*
 * Append a style attribute holding only the allowed declarations of v,
 * rebuilt from our own parse ("prop:value;prop:value"), or nothing if
 * none is left.  A value with a backslash or a comment is refused whole:
 * those are how filters are dodged, and Word never writes them.
 */
static void
put_style(struct buf *out, const char *v)
{
	size_t mark = out->len, kept = 0, i;
	const char *decl, *end, *colon;
	char prop[32], val[32];

	if (strchr(v, '\\') || strstr(v, "/*"))
		return;
	buf_puts(out, " style=\"");
	for (decl = v; *decl; decl = *end ? end + 1 : end) {
		end = decl + strcspn(decl, ";");
		colon = memchr(decl, ':', (size_t)(end - decl));
		if (colon == NULL ||
		    !css_word(prop, sizeof prop, decl, (size_t)(colon - decl)) ||
		    !css_word(val, sizeof val, colon + 1,
		    (size_t)(end - colon - 1)))
			continue;
		for (i = 0; i < sizeof css_props / sizeof css_props[0]; i++)
			if (strcmp(prop, css_props[i].name) == 0)
				break;
		if (i == sizeof css_props / sizeof css_props[0] ||
		    !css_props[i].ok(val))
			continue;
		if (kept++)
			buf_putc(out, ';');
		escape_html_str(out, prop);
		buf_putc(out, ':');
		escape_html_str(out, val);
	}
	if (kept)
		buf_putc(out, '"');
	else
		buf_truncate(out, mark);
}

/* ---- writing --------------------------------------------------------- */

/* One element being walked: the next child to visit, its end tag. */
struct frame {
	const GumboNode *node;
	unsigned int next;
	const char *close;    /* end tag name to write when done, or NULL */
};

struct walk {
	struct buf *out;
	struct frame *stack;
	size_t sp, cap;
	size_t depth;         /* elements open in the output */
	int pre_start;        /* <pre> just written (see put_text) */
};

static int
walk_push(struct walk *w, const GumboNode *node, const char *close)
{
	struct frame *f;

	if (w->sp == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		if (cap > SIZE_MAX / sizeof *f ||
		    (f = realloc(w->stack, cap * sizeof *f)) == NULL)
			return GZ_ENOMEM;
		w->stack = f;
		w->cap = cap;
	}
	f = &w->stack[w->sp++];
	f->node = node;
	f->next = 0;
	f->close = close;
	return GZ_OK;
}

/*
 * A browser drops one newline right after <pre>, so a text that starts
 * with one gets a second, as the HTML serializing algorithm says;
 * otherwise the newline would be lost when the output is parsed again.
 */
static void
put_text(struct walk *w, const char *s)
{
	size_t n = strlen(s);

	if (n == 0)
		return;
	if (w->pre_start && s[0] == '\n')
		buf_putc(w->out, '\n');
	w->pre_start = 0;
	put_html(w->out, s, n);
}

/*
 * The src of an img if it is safe, else NULL (and the img is dropped).
 * An empty src is refused too: the browser would fetch the page itself.
 */
static const char *
img_src(const GumboElement *e)
{
	const GumboAttribute *a;
	const char *v;

	a = gumbo_get_attribute(&e->attributes, "src");
	if (a == NULL || a->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE ||
	    !url_is_safe(a->value, strlen(a->value), 1))
		return NULL;
	for (v = a->value; *v && (unsigned char)*v <= 0x20; v++)
		;
	return *v ? a->value : NULL;
}

/*
 * Write the start tag of an allowed element with its allowed attributes.
 * Returns 0, having written nothing, when the element must go after all
 * (an img without a safe src).
 */
static int
put_start(struct walk *w, const GumboElement *e, const char *name)
{
	static const char *const dirs[] = {"ltr", "rtl", "auto", NULL};
	static const char *const aligns[] = {"left", "right", "center",
	    "justify", NULL};
	static const char *const scopes[] = {"row", "col", "rowgroup",
	    "colgroup", NULL};
	static const char *const targets[] = {"_blank", NULL};
	struct buf *out = w->out;
	const char *kw;
	unsigned int i;

	if (e->tag == GUMBO_TAG_IMG && img_src(e) == NULL)
		return 0;
	buf_putc(out, '<');
	buf_puts(out, name);
	for (i = 0; i < e->attributes.length; i++) {
		const GumboAttribute *a = e->attributes.data[i];
		const char *v = a->value;

		switch (attr_kind(e->tag, a)) {
		case AK_NONE:
			break;
		case AK_TEXT:
			put_attr(out, a->name, v);
			break;
		case AK_LANG:
			if (is_lang(v))
				put_attr(out, a->name, v);
			break;
		case AK_DIR:
			if ((kw = keyword(v, dirs)) != NULL)
				put_attr(out, a->name, kw);
			break;
		case AK_ALIGN:
			if ((kw = keyword(v, aligns)) != NULL)
				put_attr(out, a->name, kw);
			break;
		case AK_DIGITS:
			if (is_digits(v))
				put_attr(out, a->name, v);
			break;
		case AK_HREF:
			if (url_is_safe(v, strlen(v), 0))
				put_attr(out, a->name, v);
			break;
		case AK_SRC:
			put_attr(out, a->name, v);   /* checked by img_src() */
			break;
		case AK_TARGET:
			if (keyword(v, targets) != NULL) {
				put_attr(out, "target", "_blank");
				put_attr(out, "rel", "noopener noreferrer");
			}
			break;
		case AK_SCOPE:
			if ((kw = keyword(v, scopes)) != NULL)
				put_attr(out, a->name, kw);
			break;
		case AK_OLTYPE:
			if (strlen(v) == 1 && strchr("1aAiI", v[0]))
				put_attr(out, a->name, v);
			break;
		case AK_BOOL:
			buf_putc(out, ' ');
			buf_puts(out, a->name);
			break;
		case AK_ID:
			put_id(out, v);
			break;
		case AK_STYLE:
			put_style(out, v);
			break;
		}
	}
	buf_putc(out, '>');
	w->pre_start = e->tag == GUMBO_TAG_PRE;
	return 1;
}

static void
put_end(struct walk *w, const char *name)
{
	buf_puts(w->out, "</");
	buf_puts(w->out, name);
	buf_putc(w->out, '>');
	w->pre_start = 0;
}

/* Write the children of root, cleaned, without recursion. */
static int
walk_tree(struct walk *w, const GumboNode *root)
{
	const GumboNode *node, *child;
	const GumboElement *e;
	const char *name;
	struct frame *f;
	int rc;

	if ((rc = walk_push(w, root, NULL)) != GZ_OK)
		return rc;
	while (w->sp > 0 && buf_error(w->out) == GZ_OK) {
		f = &w->stack[w->sp - 1];
		node = f->node;
		if (f->next >= node->v.element.children.length) {
			if (f->close) {
				put_end(w, f->close);
				w->depth--;
			}
			w->sp--;
			continue;
		}
		child = node->v.element.children.data[f->next++];
		switch (child->type) {
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_WHITESPACE:
		case GUMBO_NODE_CDATA:
			put_text(w, child->v.text.text);
			continue;
		case GUMBO_NODE_ELEMENT:
			break;
		default:
			continue;   /* comments, templates */
		}
		e = &child->v.element;
		switch (element_action(e)) {
		case ACT_DROP:
			continue;
		case ACT_UNWRAP:
			name = NULL;
			break;
		case ACT_KEEP:
			name = gumbo_normalized_tagname(e->tag);
			if (w->depth >= SANITIZE_MAX_DEPTH)
				name = NULL;
			break;
		default:
			continue;
		}
		if (name) {
			if (!put_start(w, e, name) || is_void(e->tag))
				continue;
			w->depth++;
		}
		if ((rc = walk_push(w, child, name)) != GZ_OK)
			return rc;
	}
	return buf_error(w->out);
}

int
sanitize_html(struct buf *out, const char *html, size_t n)
{
	struct htmltree_pool pool = HTMLTREE_POOL_INIT;
	struct walk w = {out, NULL, 0, 0, 0, 0};
	GumboOutput *tree = NULL;
	size_t mark = out->len;
	int rc;

	if (buf_error(out))
		return buf_error(out);
	if (n == 0)
		return GZ_OK;
	if (html == NULL)
		return GZ_EINVAL;
	if (n >= UINT_MAX)
		return GZ_ETOOBIG;
	if ((rc = htmltree_parse(&pool, html, n, 1, &tree)) == GZ_OK)
		rc = walk_tree(&w, tree->root);
	free(w.stack);
	htmltree_free(&pool);
	if (rc != GZ_OK)
		buf_truncate(out, mark);   /* no half-written, unclosed tags */
	return rc;
}
