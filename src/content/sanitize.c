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
 * This file is the allowlist and the entry points; the writing is in
 * sanitize_walk.c, what Word and WPS mean in sanitize_word.c and
 * sanitize_list.c (see sanitize_int.h).
 *
 * Gumbo's strings are not always valid UTF-8: in 0.10.1 a numeric
 * character reference past INT_MAX ("&#x9999999999;") overflows and comes
 * out as a stray byte such as 0x99.  A lax decoder can take such a byte
 * and the quote after it as one character, so every string we write is
 * repaired first (put_html).
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "escape.h"
#include "htmltree.h"
#include "sanitize.h"
#include "sanitize_int.h"
#include "utf8.h"

/* ---- elements -------------------------------------------------------- */

/*
 * What to do with each HTML element gumbo knows; unlisted ones unwrap
 * (span, font, center: what they say is style, which we drop).
 */
static const unsigned char tag_action[GUMBO_TAG_LAST] = {
	[GUMBO_TAG_P] = ACT_KEEP, [GUMBO_TAG_BR] = ACT_KEEP,
	[GUMBO_TAG_HR] = ACT_KEEP, [GUMBO_TAG_WBR] = ACT_KEEP,
	[GUMBO_TAG_H1] = ACT_KEEP, [GUMBO_TAG_H2] = ACT_KEEP,
	[GUMBO_TAG_H3] = ACT_KEEP, [GUMBO_TAG_H4] = ACT_KEEP,
	[GUMBO_TAG_H5] = ACT_KEEP, [GUMBO_TAG_H6] = ACT_KEEP,
	[GUMBO_TAG_STRONG] = ACT_KEEP, [GUMBO_TAG_B] = ACT_KEEP,
	[GUMBO_TAG_EM] = ACT_KEEP, [GUMBO_TAG_I] = ACT_KEEP,
	[GUMBO_TAG_U] = ACT_KEEP, [GUMBO_TAG_S] = ACT_KEEP,
	[GUMBO_TAG_STRIKE] = ACT_KEEP,
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
	[GUMBO_TAG_DIV] = ACT_KEEP,
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
	/* Obsolete, and it lets a <p> hold a <p>: unwrapped, that would
	 * read back as something else. */
	[GUMBO_TAG_MARQUEE] = ACT_DROP,
};

int
ascii_lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int
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
 * The name of an element gumbo does not know (o:p, st1:place), read from
 * the source text of its start tag ourselves:
 * gumbo_tag_from_original_text() asserts on anything unexpected.
 */
static const char *
unknown_name(const GumboElement *e, size_t *n)
{
	const char *s = e->original_tag.data;
	size_t len = e->original_tag.length, i;

	*n = 0;
	if (s == NULL || len < 2 || s[0] != '<')
		return "";
	s++, len--;
	if (len && s[0] == '/')
		s++, len--;
	for (i = 0; i < len; i++)
		if (s[i] == '>' || s[i] == '/' || s[i] == ' ' ||
		    s[i] == '\t' || s[i] == '\n' || s[i] == '\r' ||
		    s[i] == '\f')
			break;
	*n = i;
	return s;
}

/* Whether the start tag of e ends in "/>", which the parser ignores
 * but for void and foreign elements. */
static int
self_closed(const GumboElement *e)
{
	const char *s = e->original_tag.data;
	size_t n = e->original_tag.length;

	return s != NULL && n >= 3 && s[n - 2] == '/' && s[n - 1] == '>';
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

enum action
element_action(const GumboElement *e)
{
	const char *name;
	size_t n;

	if (e->tag_namespace != GUMBO_NAMESPACE_HTML)
		return ACT_DROP;   /* svg, math and all inside them */
	if (e->tag == GUMBO_TAG_UNKNOWN) {
		name = unknown_name(e, &n);
		if (word_eq(name, n, "xml"))
			return ACT_DROP;   /* Word's document properties */
		if (word_eq(name, n, "o:p"))
			return empty_marker(e) ? ACT_DROP : ACT_UNWRAP;
		/* VML drawings (their <img> fallback stays) and Office
		 * properties.  w:Sdt and the like wrap text Word shows.
		 * Written as <v:imagedata/>, what the parser put in one
		 * follows it: a browser shows that, and so do we. */
		if (n > 2 && (word_eq(name, 2, "v:") || word_eq(name, 2, "o:")))
			return self_closed(e) ? ACT_UNWRAP : ACT_DROP;
		return ACT_UNWRAP;
	}
	if ((unsigned int)e->tag >= GUMBO_TAG_LAST)
		return ACT_DROP;
	return (enum action)tag_action[e->tag];
}

int
element_dropped(const GumboElement *e)
{
	return element_action(e) == ACT_DROP;
}

/* ---- attributes ------------------------------------------------------ */

enum attr_kind {
	AK_NONE = 0,  /* not allowed */
	AK_TEXT,      /* any text */
	AK_DIR,       /* ltr, rtl or auto */
	AK_DIGITS,    /* a small non-negative integer */
	AK_HREF,      /* a URL that url_ok() accepts */
	AK_SRC,       /* checked by img_src() */
	AK_TARGET,    /* _blank only */
	AK_SCOPE,     /* th scope keyword */
	AK_OLTYPE,    /* 1 a A i I */
	AK_BOOL,      /* present or not */
	AK_ID,        /* heading anchor, rewritten */
};

struct attr_rule {
	GumboTag tag;        /* GUMBO_TAG_LAST: every element */
	const char *name;
	enum attr_kind kind;
};

/*
 * Style, class, lang and align are not here: what style and align say
 * that we keep (text-align center or right, bold, italic...) is written
 * by us (facts_read), and Word's lang="EN-US" on every Latin run says
 * nothing a reader needs.
 */
static const struct attr_rule attr_rules[] = {
	{GUMBO_TAG_LAST, "title", AK_TEXT},
	{GUMBO_TAG_LAST, "dir", AK_DIR},
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

/*
 * A code point gumbo reads as U+FFFD (controls, C1, noncharacters), or
 * CR, which it reads as LF.  Written as such, so that what we write reads
 * back as itself: character references (&#4;) bring them in.
 */
static int
cp_changes(uint32_t c)
{
	return (c >= 0x1 && c <= 0x8) || c == 0xb || c == '\r' ||
	    (c >= 0xe && c <= 0x1f) || (c >= 0x7f && c <= 0x9f) ||
	    (c >= 0xfdd0 && c <= 0xfdef) || (c & 0xfffe) == 0xfffe;
}

void
put_html(struct buf *out, const char *s, size_t n)
{
	size_t i = 0, run = 0, k;
	uint32_t c;

	while (i < n) {
		k = utf8_decode(s + i, n - i, &c);
		if (c != 0xfffd && !cp_changes(c)) {
			i += k;
			continue;
		}
		escape_html(out, s + run, i - run);
		buf_puts(out, c == '\r' ? "\n" : "\xef\xbf\xbd");
		i += k;
		run = i;
	}
	escape_html(out, s + run, n - run);
}

/*
 * Whether a URL is safe as put_html() writes it.  It writes controls as
 * U+FFFD, so "&#1;mailto:" (a mailto: link: a browser skips leading
 * controls) would come out as a relative URL, and a different one on a
 * second pass.  No real URL has them: a URL with any is refused.
 */
static int
url_ok(const char *v, int for_image)
{
	size_t i = 0, n = strlen(v), k;
	uint32_t c;

	for (; i < n; i += k) {
		k = utf8_decode(v + i, n - i, &c);
		if (c == 0xfffd && (k != 3 || memcmp(v + i, "\xef\xbf\xbd", 3)))
			return 0;   /* bad UTF-8, not U+FFFD itself */
		if (cp_changes(c) && c != '\r')
			return 0;   /* CR is LF to a browser and to us */
	}
	return url_is_safe(v, n, for_image);
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
	if (v[0] == 'u' && v[1] == '-')
		v += 2;   /* ours already: the same id on a second pass */
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

void
put_align(struct buf *out, unsigned char align)
{
	if (align == ALIGN_CENTER)
		buf_puts(out, " style=\"text-align:center\"");
	else if (align == ALIGN_RIGHT)
		buf_puts(out, " style=\"text-align:right\"");
}

void
put_attrs(struct buf *out, const GumboElement *e, const char *src)
{
	static const char *const dirs[] = {"ltr", "rtl", "auto", NULL};
	static const char *const scopes[] = {"row", "col", "rowgroup",
	    "colgroup", NULL};
	static const char *const targets[] = {"_blank", NULL};
	const char *kw;
	unsigned int i;

	for (i = 0; i < e->attributes.length; i++) {
		const GumboAttribute *a = e->attributes.data[i];
		const char *v = a->value;

		switch (attr_kind(e->tag, a)) {
		case AK_NONE:
			break;
		case AK_TEXT:
			put_attr(out, a->name, v);
			break;
		case AK_DIR:
			if ((kw = keyword(v, dirs)) != NULL)
				put_attr(out, a->name, kw);
			break;
		case AK_DIGITS:
			if (is_digits(v))
				put_attr(out, a->name, v);
			break;
		case AK_HREF:
			if (url_ok(v, 0))
				put_attr(out, a->name, v);
			break;
		case AK_SRC:
			put_attr(out, a->name, src);
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
		}
	}
}

/*
 * A link's href if it makes a link: safe, and not one of Word's own
 * bookmarks ("#_Toc123", "#_ftn1"), whose targets we drop.  An <a>
 * without one (a bookmark, a refused URL) is unwrapped.
 */
int
a_href(const GumboElement *e)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, "href");

	return a && a->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE &&
	    url_ok(a->value, 0) &&
	    strncmp(a->value, "#_", 2) != 0;
}

/*
 * The src to write for an img, or NULL to drop it.  With a hook, the
 * hook says whether and what (*rc is its error); its answer is checked
 * like any src.  An empty src is refused: the browser would fetch the
 * page itself.
 */
const char *
img_src(struct walk *w, const GumboElement *e, int *rc)
{
	const GumboAttribute *a;
	const char *v, *p;
	int keep = 0;

	*rc = GZ_OK;
	a = gumbo_get_attribute(&e->attributes, "src");
	if (a == NULL || a->attr_namespace != GUMBO_ATTR_NAMESPACE_NONE)
		return NULL;
	v = a->value;
	if (w->opt && w->opt->image) {
		buf_reset(&w->src);
		*rc = w->opt->image(v, strlen(v), &w->src, &keep, w->opt->arg);
		if (*rc == GZ_OK)
			*rc = buf_error(&w->src);
		if (*rc != GZ_OK || !keep)
			return NULL;
		if (w->src.len) {
			v = buf_cstr(&w->src);
			if (strlen(v) != w->src.len)
				return NULL;   /* a NUL inside */
		}
	}
	if (!url_ok(v, 1))
		return NULL;
	for (p = v; *p && (unsigned char)*p <= 0x20; p++)
		;
	return *p ? v : NULL;
}

/*
 * Join runs of one formatting that Word splits (a change of language or
 * of font between "2024" and "年" makes two): "</strong><strong>" is
 * dropped, and again for what it uncovers ("</em></strong><strong><em>").
 * Safe on our own output only: every "<" of a text or an attribute is
 * written as "&lt;", so each of these strings is a tag, and the two are
 * siblings.
 */
static void
runs_join(struct buf *out, size_t from)
{
	static const char *const tags[] = {"strong", "em", "u", "s", "sup",
	    "sub"};
	char *p = out->data;
	size_t r = from, w = from, i, k;

	while (r < out->len) {
		for (i = 0; i < sizeof tags / sizeof tags[0]; i++) {
			k = strlen(tags[i]);
			if (r + k + 2 <= out->len && p[r] == '<' &&
			    memcmp(p + r + 1, tags[i], k) == 0 &&
			    p[r + k + 1] == '>' && w >= from + k + 3 &&
			    memcmp(p + w - k - 3, "</", 2) == 0 &&
			    memcmp(p + w - k - 1, tags[i], k) == 0 &&
			    p[w - 1] == '>')
				break;
		}
		if (i < sizeof tags / sizeof tags[0]) {
			w -= k + 3;
			r += k + 2;
			continue;
		}
		p[w++] = p[r++];
	}
	buf_truncate(out, w);
}

int
sanitize_html_opt(struct buf *out, const char *html, size_t n,
    const struct sanitize_opt *o)
{
	struct htmltree_pool pool = HTMLTREE_POOL_INIT;
	struct walk w;
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
	memset(&w, 0, sizeof w);
	w.out = out;
	w.opt = o;
	w.start = mark;
	buf_init(&w.src);
	if ((rc = htmltree_parse(&pool, html, n, 1, &tree)) == GZ_OK)
		rc = walk_tree(&w, tree->root);
	free(w.stack);
	free(w.lists);
	free(w.cells);
	buf_free(&w.src);
	htmltree_free(&pool);
	if (rc != GZ_OK)
		buf_truncate(out, mark);   /* no half-written, unclosed tags */
	else
		runs_join(out, mark);
	return rc;
}

int
sanitize_html(struct buf *out, const char *html, size_t n)
{
	return sanitize_html_opt(out, html, n, NULL);
}
