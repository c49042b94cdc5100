/*
 * sanitize_word: what Microsoft Word and WPS Office say in the style and
 * class attributes of the HTML they copy, read so that the sanitizer
 * keeps what the editor saw (bold, a centred title, a heading) and drops
 * the rest; and their table cells, where every cell's text is in a
 * <p class=MsoNormal>.  See sanitize_int.h for how it fits the walk.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "sanitize_int.h"
#include "utf8.h"

/* ---- style and class ----------------------------------------------------- */

/*
 * Lowercase s[0..n), trimmed of white space, into dst (size cap).
 * Returns 0 if it does not fit: no value we read is long.
 */
static int
css_word(char *dst, size_t cap, const char *s, size_t n)
{
	size_t i;

	while (n && is_space((unsigned char)s[0]))
		s++, n--;
	while (n && is_space((unsigned char)s[n - 1]))
		n--;
	if (n == 0 || n >= cap)
		return 0;
	for (i = 0; i < n; i++)
		dst[i] = (char)ascii_lower((unsigned char)s[i]);
	dst[n] = '\0';
	return 1;
}

/* The number after prefix in v ("lfo12" after "lfo"), or -1. */
static long
number_after(const char *v, size_t n, const char *prefix)
{
	size_t k = strlen(prefix), i;
	long x = 0;

	if (n <= k || strncmp(v, prefix, k) != 0)
		return -1;
	for (i = k; i < n; i++) {
		if (v[i] < '0' || v[i] > '9' || x > 99999999)
			return -1;
		x = x * 10 + (v[i] - '0');
	}
	return x;
}

/* Word's mso-list: "l0 level1 lfo1", in any order. */
static void
style_list(struct facts *fa, const char *v)
{
	long id = -1, lfo = -1, level = -1, x;
	size_t n;

	if (strcmp(v, "ignore") == 0) {
		fa->ignore = 1;
		return;
	}
	for (; *v; v += n) {
		v += strspn(v, " \t\n\r\f");
		n = strcspn(v, " \t\n\r\f");
		if ((x = number_after(v, n, "lfo")) >= 0)
			lfo = x;
		else if ((x = number_after(v, n, "level")) >= 0)
			level = x;
		else if ((x = number_after(v, n, "l")) >= 0)
			id = x;
	}
	if (level < 1 || (id < 0 && lfo < 0))
		return;   /* mso-list:none, skip, normal */
	fa->level = (unsigned char)(level > LIST_LEVELS ? LIST_LEVELS : level);
	fa->list_id = (unsigned long)(id + 1);
	fa->list_lfo = (unsigned long)(lfo + 1);
}

static void
style_decl(struct facts *fa, const char *p, const char *v)
{
	long x;

	if (strcmp(p, "font-weight") == 0) {
		x = atol(v);
		if (!strcmp(v, "bold") || !strcmp(v, "bolder") || x >= 600)
			fa->bold = 1;
		else if (!strcmp(v, "normal") || !strcmp(v, "lighter") || x)
			fa->bold = -1;
	} else if (strcmp(p, "font-style") == 0) {
		if (!strncmp(v, "italic", 6) || !strncmp(v, "oblique", 7))
			fa->italic = 1;
		else if (!strcmp(v, "normal"))
			fa->italic = -1;
	} else if (!strcmp(p, "text-decoration") ||
	    !strcmp(p, "text-decoration-line")) {
		if (strstr(v, "underline"))
			fa->underline = 1;
		else if (!strcmp(v, "none"))
			fa->underline = -1;
		if (strstr(v, "line-through"))
			fa->strike = 1;
	} else if (strcmp(p, "vertical-align") == 0) {
		fa->super = !strcmp(v, "super");
		fa->sub = !strcmp(v, "sub");
	} else if (strcmp(p, "text-align") == 0) {
		fa->align = !strcmp(v, "center") ? ALIGN_CENTER :
		    !strcmp(v, "right") ? ALIGN_RIGHT : ALIGN_NONE;
	} else if (strcmp(p, "display") == 0) {
		fa->hidden |= !strcmp(v, "none");
	} else if (strcmp(p, "mso-element") == 0) {
		/* Word's comments on the text, not the text. */
		fa->hidden |= !strcmp(v, "comment-list") ||
		    !strcmp(v, "comment");
	} else if (!strcmp(p, "page-break-before") ||
	    !strcmp(p, "page-break-after")) {
		fa->page_break |= !strcmp(v, "always");
	} else if (strcmp(p, "mso-ignore") == 0) {
		/* The <br clear=all> after a floating picture. */
		fa->layout |= !strncmp(v, "vglayout", 8);
	} else if (strcmp(p, "mso-list") == 0) {
		style_list(fa, v);
	} else if (strcmp(p, "mso-outline-level") == 0) {
		x = atol(v);
		fa->outline = x >= 1 && x <= 9 ? (unsigned char)x : 0;
	}
}

/*
 * Read a style attribute declaration by declaration.  A value with a
 * backslash or a comment is ignored whole: a browser would read it
 * differently from us, and Word never writes one.
 */
static void
style_read(struct facts *fa, const char *v)
{
	const char *decl, *end, *colon;
	char prop[32], val[64], *bang;

	if (strchr(v, '\\') || strstr(v, "/*"))
		return;
	for (decl = v; *decl; decl = *end ? end + 1 : end) {
		end = decl + strcspn(decl, ";");
		colon = memchr(decl, ':', (size_t)(end - decl));
		if (colon &&
		    css_word(prop, sizeof prop, decl, (size_t)(colon - decl)) &&
		    css_word(val, sizeof val, colon + 1,
		    (size_t)(end - colon - 1))) {
			if ((bang = strstr(val, "!important")) != NULL)
				while (bang > val && is_space((unsigned char)bang[-1]))
					bang--;
			if (bang)
				*bang = '\0';
			style_decl(fa, prop, val);
		}
	}
}

/* Whether the class name s[0..n) starts with the lowercase prefix. */
static int
class_prefix(const char *s, size_t n, const char *prefix)
{
	size_t k = strlen(prefix);

	return n >= k && word_eq(s, k, prefix);
}

static void
class_read(struct facts *fa, const char *v)
{
	size_t n, k;
	long x;
	char c[48];

	for (; *v; v += n) {
		v += strspn(v, " \t\n\r\f");
		n = strcspn(v, " \t\n\r\f");
		if (n == 0 || !css_word(c, sizeof c, v, n))
			continue;
		k = strlen(c);
		if (!strcmp(c, "msotitle"))
			fa->heading = 1;
		else if (!strcmp(c, "msosubtitle"))
			fa->heading = 2;
		else if ((x = number_after(c, k, "msoheading")) >= 1 ||
		    (x = number_after(c, k, "heading")) >= 1)
			fa->heading = x > 6 ? 6 : (unsigned char)x;
		else if (class_prefix(c, k, "msolistparagraph"))
			fa->list_class = 1;
		else if (!strcmp(c, "msofootnotereference") ||
		    !strcmp(c, "msoendnotereference"))
			fa->note = 1;
		else if (number_after(c, k, "wordsection") >= 0 ||
		    number_after(c, k, "section") >= 0)
			fa->section = 1;
		else if (!strcmp(c, "msocommentreference") ||
		    !strcmp(c, "msocomanchor"))
			fa->hidden = 1;   /* Word's comment marks: [U1] */
	}
}

void
facts_read(const GumboElement *e, struct facts *fa)
{
	const GumboAttribute *a;
	const char *v;

	a = gumbo_get_attribute(&e->attributes, "align");
	if (a && a->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE) {
		v = a->value;
		fa->align = word_eq(v, strlen(v), "center") ? ALIGN_CENTER :
		    word_eq(v, strlen(v), "right") ? ALIGN_RIGHT : ALIGN_NONE;
	}
	a = gumbo_get_attribute(&e->attributes, "style");
	if (a && a->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE)
		style_read(fa, a->value);
	a = gumbo_get_attribute(&e->attributes, "class");
	if (a && a->attr_namespace == GUMBO_ATTR_NAMESPACE_NONE)
		class_read(fa, a->value);
}

/* Whether s contains the lowercase w, ignoring ASCII case. */
int
has_word(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; *s; s++)
		if (word_eq(s, n, w))   /* stops at the NUL of s */
			return 1;
	return 0;
}

int
comment_opens(const char *text, int marker)
{
	if (!word_eq(text, 3, "[if"))
		return 0;
	/* The list marker, in a list paragraph; the empty row Word adds
	 * under merged cells; the marks of Word's comments; the &nbsp;
	 * that stands for a text box where neither it nor VML is drawn. */
	return (marker && has_word(text, "supportlists")) ||
	    has_word(text, "supportmisalignedcolumns") ||
	    has_word(text, "supportannotations") ||
	    has_word(text, "!mso & !vml");
}

int
comment_closes(const char *text)
{
	return word_eq(text, 7, "[endif]");
}

int
comment_fallback(const char *text)
{
	/* <![if !vml]>, <![if !mso]>, <![if !mso & !vml]> */
	return word_eq(text, 8, "[if !vml") || word_eq(text, 8, "[if !mso");
}

/* ---- table cells --------------------------------------------------------- */

/* Word and WPS put each cell's text in a <p class=MsoNormal>; a cell
 * with one paragraph is written as a cell with its text.  Only the
 * cell's first child is remembered: the only one that can be alone. */

static struct cell *
cell_top(struct walk *w)
{
	return w->ncell ? &w->cells[w->ncell - 1] : NULL;
}

int
cell_open(struct walk *w, unsigned char align)
{
	struct cell *c;

	if (walk_grow((void **)&w->cells, &w->ccap, w->ncell, sizeof *c))
		return GZ_ENOMEM;
	c = &w->cells[w->ncell++];
	memset(c, 0, sizeof *c);
	c->depth = w->depth;
	c->tag_end = w->out->len;
	c->align = align;
	return GZ_OK;
}

void
cell_kid(struct walk *w, size_t mark)
{
	struct cell *c = cell_top(w);

	if (++c->kids == 1) {
		c->kid_start = mark;
		c->kid_p = c->kid_done = 0;
	}
}

void
cell_p_started(struct walk *w, size_t mark, unsigned char align)
{
	static const char *const tags[] = {"<p>",
	    "<p style=\"text-align:center\">", "<p style=\"text-align:right\">"};
	struct cell *c = cell_top(w);
	struct buf *out = w->out;
	const char *t = tags[align <= ALIGN_RIGHT ? align : 0];

	if (c == NULL || w->depth != c->depth + 1 || c->kids != 1 ||
	    c->kid_start != mark)
		return;
	/* A <p> with a title or dir says more than its text. */
	if (out->len - mark == strlen(t) && !memcmp(out->data + mark, t,
	    strlen(t))) {
		c->kid_p = 1;
		c->kid_align = align;
		c->kid_inner = out->len;
	}
}

void
cell_kid_dropped(struct walk *w, size_t mark)
{
	struct cell *c = cell_top(w);

	/* Only the last child is ever dropped: the first if kids is 1. */
	(void)mark;
	if (c == NULL || w->depth != c->depth || c->kids == 0)
		return;
	if (--c->kids == 0)
		c->kid_p = c->kid_done = 0;
}

void
cell_p_closing(struct walk *w, size_t mark)
{
	struct cell *c = cell_top(w);

	if (c && c->kid_p && c->kid_start == mark &&
	    w->depth == c->depth + 1)
		c->kid_inner_end = w->out->len;
}

void
cell_p_closed(struct walk *w, size_t mark)
{
	struct cell *c = cell_top(w);

	if (c && c->kid_p && c->kid_start == mark && w->depth == c->depth)
		c->kid_end = w->out->len, c->kid_done = 1;
}

void
cell_text(struct walk *w)
{
	w->cells[w->ncell - 1].text = 1;
}

void
cell_close(struct walk *w)
{
	static const char *const styles[] = {"",
	    " style=\"text-align:center\"", " style=\"text-align:right\""};
	struct cell *c = cell_top(w);
	struct buf *out = w->out;
	const char *ins = "";
	size_t len, dst;

	if (c->kids == 1 && c->kid_p && c->kid_done && !c->text &&
	    (!c->kid_align || !c->align || c->kid_align == c->align)) {
		/* <td><p style="text-align:center">x</p></td> becomes
		 * <td style="text-align:center">x</td>: never longer, so
		 * the bytes move left within the buffer. */
		if (c->kid_align && !c->align)
			ins = styles[c->kid_align];
		len = c->kid_inner_end - c->kid_inner;
		dst = c->tag_end + strlen(ins) + 1;
		memmove(out->data + dst, out->data + c->kid_inner, len);
		memcpy(out->data + c->tag_end, ins, strlen(ins));
		out->data[dst - 1] = '>';
		out->len = dst + len;
		out->data[out->len] = '\0';
	}
	w->ncell--;
}
