/*
 * sanitize_walk: writing gumbo's tree out as the allowlist (sanitize.c)
 * and Word's meaning (sanitize_word.c, sanitize_list.c) say.
 *
 * Its tree can be as deep as the input is long: we walk it with an
 * explicit stack, not recursion, and unwrap elements below
 * SANITIZE_MAX_DEPTH.  The walk writes as it goes and mends what it
 * wrote when an element ends: an empty paragraph or bold run is cut off
 * again, a cell's lone <p> unwrapped.  Word's list paragraphs are
 * grouped into lists by struct list, which lives beside the frames.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <gumbo.h>

#include "sanitize.h"
#include "sanitize_int.h"

/* The element written for each role (sanitize_int.h). */
static const char *const role_tag[ROLE__COUNT] = {
	[ROLE_STRONG] = "strong", [ROLE_EM] = "em", [ROLE_U] = "u",
	[ROLE_S] = "s", [ROLE_SUP] = "sup", [ROLE_SUB] = "sub",
};

static int
is_void(GumboTag tag)
{
	return tag == GUMBO_TAG_BR || tag == GUMBO_TAG_HR ||
	    tag == GUMBO_TAG_IMG || tag == GUMBO_TAG_COL ||
	    tag == GUMBO_TAG_WBR;
}

/* Elements inside a line of text: their start does not end the white
 * space at the start of a paragraph (walk.at_start). */
static int
is_inline(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_B: case GUMBO_TAG_STRONG: case GUMBO_TAG_I:
	case GUMBO_TAG_EM: case GUMBO_TAG_U: case GUMBO_TAG_S:
	case GUMBO_TAG_STRIKE: case GUMBO_TAG_SUB: case GUMBO_TAG_SUP:
	case GUMBO_TAG_A: case GUMBO_TAG_SMALL: case GUMBO_TAG_MARK:
	case GUMBO_TAG_DEL: case GUMBO_TAG_INS: case GUMBO_TAG_ABBR:
	case GUMBO_TAG_CITE: case GUMBO_TAG_Q: case GUMBO_TAG_CODE:
	case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP: case GUMBO_TAG_TIME:
	case GUMBO_TAG_BR: case GUMBO_TAG_WBR:
		return 1;
	default:
		return 0;
	}
}

/* Elements that may hold text: others get no <strong> inside (in a
 * table or list it would be moved out when read). */
static int
holds_text(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_TABLE: case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY:
	case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_COLGROUP:
	case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_DL:
		return 0;
	default:
		return !is_void(tag);
	}
}

/* Elements whose first text is a paragraph's first text. */
static int
is_block_start(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2:
	case GUMBO_TAG_H3: case GUMBO_TAG_H4: case GUMBO_TAG_H5:
	case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_TD:
	case GUMBO_TAG_TH: case GUMBO_TAG_DT: case GUMBO_TAG_DD:
	case GUMBO_TAG_CAPTION: case GUMBO_TAG_FIGCAPTION:
		return 1;
	default:
		return 0;
	}
}

/* The parts of a table: unwrapped with a table not written. */
static int
is_table_part(GumboTag tag)
{
	switch (tag) {
	case GUMBO_TAG_CAPTION: case GUMBO_TAG_COLGROUP: case GUMBO_TAG_COL:
	case GUMBO_TAG_THEAD: case GUMBO_TAG_TBODY: case GUMBO_TAG_TFOOT:
	case GUMBO_TAG_TR: case GUMBO_TAG_TD: case GUMBO_TAG_TH:
		return 1;
	default:
		return 0;
	}
}

/* ---- writing --------------------------------------------------------- */

int
walk_grow(void **p, size_t *cap, size_t n, size_t size)
{
	size_t c;
	void *q;

	if (n < *cap)
		return GZ_OK;
	c = *cap ? *cap * 2 : 16;
	if (c > SIZE_MAX / size || (q = realloc(*p, c * size)) == NULL)
		return GZ_ENOMEM;
	*p = q;
	*cap = c;
	return GZ_OK;
}

int
walk_open(struct walk *w, const char *name)
{
	if (w->depth >= SANITIZE_MAX_DEPTH)
		return 0;
	if (w->ncell && w->depth == w->cells[w->ncell - 1].depth)
		cell_kid(w, w->out->len);
	buf_putc(w->out, '<');
	buf_puts(w->out, name);
	w->depth++;
	w->pre_start = 0;
	return 1;
}

int
walk_open_tag(struct walk *w, const char *name)
{
	if (!walk_open(w, name))
		return 0;
	buf_putc(w->out, '>');
	return 1;
}

void
walk_close(struct walk *w, const char *name)
{
	buf_puts(w->out, "</");
	buf_puts(w->out, name);
	buf_putc(w->out, '>');
	w->depth--;
	w->pre_start = 0;
}

int
is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* Bytes of white space (ASCII or U+00A0) at s, 0 if none. */
static size_t
space_len(const char *s, size_t n)
{
	if (n && is_space((unsigned char)s[0]))
		return 1;
	if (n >= 2 && (unsigned char)s[0] == 0xc2 &&
	    (unsigned char)s[1] == 0xa0)
		return 2;
	return 0;
}

/* Whether s[0..n) shows anything: more than white space, U+00A0 and
 * U+3000 (the ideographic space). */
static int
text_visible(const char *s, size_t n)
{
	size_t k;

	while (n) {
		if ((k = space_len(s, n)) == 0 && n >= 3 &&
		    !memcmp(s, "\xe3\x80\x80", 3))
			k = 3;
		if (k == 0)
			return 1;
		s += k, n -= k;
	}
	return 0;
}

void
walk_text(struct walk *w, const char *s, size_t n)
{
	size_t k;

	if (w->skip) {   /* a list marker that is plain text (list_item) */
		k = w->skip < n ? w->skip : n;
		while (k < n && ((unsigned char)s[k] & 0xc0) == 0x80)
			k++;
		w->skip = w->skip > k ? w->skip - k : 0;
		s += k, n -= k;
	}
	/* Word indents with &nbsp; runs; the theme indents paragraphs. */
	while (w->at_start && (k = space_len(s, n)) > 0)
		s += k, n -= k;
	if (n == 0)
		return;
	/* A browser drops one newline right after <pre>, so a text that
	 * starts with one gets a second, as the HTML serializing algorithm
	 * says; otherwise it would be lost when the output is read again. */
	if (w->pre_start && s[0] == '\n')
		buf_putc(w->out, '\n');
	w->pre_start = 0;
	if (text_visible(s, n)) {
		w->visible++;
		w->at_start = 0;
	}
	if (w->ncell && w->depth == w->cells[w->ncell - 1].depth) {
		for (k = 0; k < n && is_space((unsigned char)s[k]); k++)
			;
		if (k < n)
			cell_text(w);
	}
	put_html(w->out, s, n);
}

/*
 * White space between elements: outside <pre> a browser shows a run of
 * it as one space, or none at the start of a paragraph, so one is
 * written, and none after another (Word's line breaks and blank lines
 * between paragraphs).
 */
void
walk_space(struct walk *w, const char *s)
{
	struct buf *out = w->out;

	if (w->pre) {
		walk_text(w, s, strlen(s));
		return;
	}
	if (w->at_start || out->len == w->start ||
	    is_space((unsigned char)out->data[out->len - 1]))
		return;
	buf_putc(out, strchr(s, '\n') ? '\n' : ' ');
}

static int
walk_push(struct walk *w, const struct frame *f)
{
	if (walk_grow((void **)&w->stack, &w->cap, w->sp, sizeof *f))
		return GZ_ENOMEM;
	w->stack[w->sp++] = *f;
	return GZ_OK;
}

/* What an element becomes. */
struct decision {
	const char *name;      /* the element to write, NULL: unwrap */
	unsigned char kind;    /* enum kind */
	unsigned char own;     /* its own role (ROLE_BIT), or 0 */
	unsigned char implied; /* roles it holds without writing them */
	unsigned char wraps;   /* roles to write inside it */
	unsigned char align;   /* text-align to write */
	unsigned char item;    /* a Word list paragraph: an <li> */
	unsigned char more;    /* a paragraph that may go on a list item */
	unsigned char marker;  /* its Word list marker is to be found */
	unsigned char no_table; /* a table not written, or a part of one */
};

/*
 * Whether the element last opened in the output is a heading: a heading
 * start tag right inside one closes it when read, so we write none there.
 */
static int
in_heading(const struct walk *w)
{
	size_t i;

	for (i = w->sp; i-- > 0;) {
		const struct frame *f = &w->stack[i];
		if (f->wraps || f->kind == K_ITEM)
			return 0;
		if (f->close)
			return f->heading;
	}
	return 0;
}

/*
 * Whether an <li> (item "li") or a <dd> or <dt> ("d") written now would
 * close one the output has open: a browser reading it closes the open
 * one unless an element other than div, p and those of a line lies
 * between them.  The parser's foster parenting builds such trees
 * ("<li><table><li>"); we unwrap the inner one.
 */
static int
closes_item(const struct walk *w, const char *item)
{
	size_t i;

	for (i = w->sp; i-- > 0;) {
		const struct frame *f = &w->stack[i];
		if (f->kind == K_ITEM)   /* its <li> is open */
			return item[0] == 'l';
		if (f->close == NULL || f->kind == K_INLINE ||
		    !strcmp(f->close, "div") || !strcmp(f->close, "p") ||
		    !strcmp(f->close, "q"))
			continue;
		if (item[0] == 'l')
			return !strcmp(f->close, "li");
		return !strcmp(f->close, "dd") || !strcmp(f->close, "dt");
	}
	return 0;
}

/* An element that is a role (b, em...): itself, or unwrapped when the
 * role is already open or its style says otherwise. */
static void
decide_role(const struct walk *w, struct decision *d, enum role r, int not)
{
	if (not || w->open[r])
		return;
	d->name = role_tag[r];
	d->own = ROLE_BIT(r);
	d->kind = K_INLINE;
}

static void
decide(const struct walk *w, const GumboElement *e, enum action act,
    const struct facts *fa, struct decision *d)
{
	static const char *const h[] = {"h1", "h2", "h3", "h4", "h5", "h6"};
	unsigned int r, heading = 0;
	unsigned char wish[ROLE__COUNT];

	memset(d, 0, sizeof *d);
	memset(wish, 0, sizeof wish);
	wish[ROLE_STRONG] = fa->bold > 0;
	wish[ROLE_EM] = fa->italic > 0;
	wish[ROLE_U] = fa->underline > 0;
	wish[ROLE_S] = fa->strike;
	wish[ROLE_SUP] = fa->super || fa->note;
	wish[ROLE_SUB] = fa->sub;
	if (act == ACT_KEEP)
		switch (e->tag) {
		case GUMBO_TAG_B: case GUMBO_TAG_STRONG:
			decide_role(w, d, ROLE_STRONG, fa->bold < 0);
			break;
		case GUMBO_TAG_I: case GUMBO_TAG_EM:
			decide_role(w, d, ROLE_EM, fa->italic < 0);
			break;
		case GUMBO_TAG_U:
			decide_role(w, d, ROLE_U, fa->underline < 0);
			break;
		case GUMBO_TAG_S: case GUMBO_TAG_STRIKE:
			decide_role(w, d, ROLE_S, 0);
			break;
		case GUMBO_TAG_SUP:
			decide_role(w, d, ROLE_SUP, 0);
			break;
		case GUMBO_TAG_SUB:
			decide_role(w, d, ROLE_SUB, 0);
			break;
		case GUMBO_TAG_A:
			/* A link in a link: the parser's limits leave some,
			 * which read back otherwise; the inner one goes. */
			if (a_href(e) && !w->open[ROLE_A]) {
				d->name = "a";
				d->kind = K_INLINE;
				d->implied = ROLE_BIT(ROLE_A) | ROLE_BIT(ROLE_U);
			}
			break;
		case GUMBO_TAG_P:
			/* Word's Title and Heading styles and WPS's outline
			 * levels are headings; list paragraphs are items. */
			heading = fa->heading;
			if (heading == 0 && fa->outline)
				heading = fa->outline > 6 ? 6 : fa->outline;
			if (in_heading(w))
				heading = 0;   /* <h1> right in <h5> reads as two */
			if (heading == 0 && fa->level) {
				d->item = 1;
				break;
			}
			d->more = heading == 0 && fa->list_class;
			d->name = heading ? h[heading - 1] : "p";
			d->kind = K_BLOCK;
			d->align = fa->align;
			break;
		case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
		case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6:
			if (in_heading(w))
				break;   /* <h2><a><h2>, the <a> unwrapped */
			heading = 1;
			d->name = gumbo_normalized_tagname(e->tag);
			d->kind = K_BLOCK;
			d->align = fa->align;
			break;
		case GUMBO_TAG_DIV:
			if (!fa->section) {
				d->name = "div";
				d->align = fa->align;
			}
			break;
		case GUMBO_TAG_TD: case GUMBO_TAG_TH:
			d->name = gumbo_normalized_tagname(e->tag);
			d->kind = K_CELL;
			d->align = fa->align;
			break;
		case GUMBO_TAG_LI:
			if (!closes_item(w, "li"))
				d->name = "li";
			break;
		case GUMBO_TAG_DD: case GUMBO_TAG_DT:
			if (!closes_item(w, "d"))
				d->name = gumbo_normalized_tagname(e->tag);
			break;
		case GUMBO_TAG_SMALL: case GUMBO_TAG_MARK: case GUMBO_TAG_DEL:
		case GUMBO_TAG_INS: case GUMBO_TAG_ABBR: case GUMBO_TAG_CITE:
		case GUMBO_TAG_CODE: case GUMBO_TAG_KBD: case GUMBO_TAG_SAMP:
		case GUMBO_TAG_TIME:
			d->name = gumbo_normalized_tagname(e->tag);
			d->kind = K_INLINE;
			break;
		default:
			d->name = gumbo_normalized_tagname(e->tag);
			break;
		}
	if (heading) {
		d->implied |= ROLE_BIT(ROLE_STRONG);
		d->marker = fa->level != 0;   /* numbered headings */
	}
	if (!holds_text(e->tag) || d->item)
		return;   /* an item's wrappers go inside its <li> (below) */
	for (r = 0; r < ROLE_A; r++)
		if (wish[r] && !w->open[r] &&
		    !((d->own | d->implied) & ROLE_BIT(r)))
			d->wraps |= ROLE_BIT(r);
}

/* Open the roles of d for frame f: write the wrappers, count the rest. */
static void
roles_open(struct walk *w, struct frame *f, const struct decision *d,
    unsigned int wraps)
{
	unsigned int r;

	for (r = 0; r < ROLE__COUNT; r++) {
		unsigned int bit = ROLE_BIT(r);
		if ((wraps & bit) && !w->open[r] &&
		    walk_open_tag(w, role_tag[r]))
			f->wraps |= bit;
		if ((f->wraps | d->own | d->implied) & bit) {
			f->roles |= bit;
			w->open[r]++;
		}
	}
}

/*
 * Write the start of element child of frame fi as d says and push its
 * frame.  An img is written whole (the image hook is asked here).
 */
static int
walk_enter(struct walk *w, size_t fi, const GumboNode *child,
    struct decision *d, const struct facts *fa, const struct marker *m)
{
	const GumboElement *e = &child->v.element;
	struct frame nf;
	const char *src = NULL;
	int rc;

	memset(&nf, 0, sizeof nf);
	nf.node = child;
	nf.marker = w->stack[fi].marker || d->marker || d->item;
	nf.kind = d->item ? K_ITEM : d->kind;
	nf.no_table = d->no_table;
	if (e->tag == GUMBO_TAG_IMG && d->name) {
		if ((src = img_src(w, e, &rc)) == NULL)
			return rc;
	}
	nf.mark = w->out->len;
	nf.visible = w->visible;
	nf.was_start = (unsigned char)w->at_start;
	if (d->name && walk_open(w, d->name)) {
		put_attrs(w->out, e, src);
		put_align(w->out, d->align);
		if (nf.kind == K_CELL && (rc = cell_open(w, d->align)))
			return rc;
		buf_putc(w->out, '>');
		if (is_void(e->tag)) {
			w->depth--;
			if (e->tag == GUMBO_TAG_IMG) {
				w->visible++;
				w->at_start = 0;
			}
			return GZ_OK;
		}
		nf.close = d->name;
		if (strcmp(d->name, "p") == 0)
			cell_p_started(w, nf.mark, d->align);
		if (is_block_start(e->tag))
			w->at_start = 1;
		else if (!is_inline(e->tag))
			w->at_start = 0;
		w->pre_start = e->tag == GUMBO_TAG_PRE;
		nf.pre = w->pre_start;
		w->pre += nf.pre;
		nf.heading = d->name[0] == 'h' && d->name[1] >= '1' &&
		    d->name[1] <= '6';
	} else if (!d->item) {
		if (is_void(e->tag))
			return GZ_OK;
		if (nf.kind != K_INLINE)
			nf.kind = K_PLAIN;   /* unwrapped, or too deep */
	}
	if (d->marker && m->kind == MARKER_MARKED && nf.close) {
		/* "1.2 Scope", "第一章 总则", "一、总则" */
		walk_text(w, m->text, m->len);
		if (!marker_spaced(m))
			walk_text(w, " ", 1);
		w->at_start = 1;   /* and not Word's spacing after it */
	}
	nf.wrap_at = w->out->len;
	if (d->item) {
		struct decision wd;
		/* The paragraph's own bold or italic, inside the <li>. */
		memset(&wd, 0, sizeof wd);
		decide(w, e, ACT_UNWRAP, fa, &wd);
		nf.mark = nf.wrap_at;
		roles_open(w, &nf, &wd, wd.wraps);
	} else {
		roles_open(w, &nf, d, d->wraps);
	}
	nf.inner = w->out->len;
	return walk_push(w, &nf);
}

/* Frame sp-1 is done: close what it opened, or cut it off if empty. */
static void
walk_leave(struct walk *w)
{
	struct frame *f = &w->stack[w->sp - 1];
	struct buf *out = w->out;
	unsigned int r;
	int empty = 0, is_p;

	list_finish(w, w->sp - 1);
	if (f->wraps && out->len == f->inner) {
		/* <strong></strong>: the wrappers go, the element may stay. */
		buf_truncate(out, f->wrap_at);
		for (r = 0; r < ROLE__COUNT; r++)
			w->depth -= (f->wraps >> r) & 1;
		f->wraps = 0;
		if (!f->close)
			cell_kid_dropped(w, f->mark);
	}
	if (f->close && f->kind == K_BLOCK)
		empty = w->visible == f->visible;
	else if (f->close && f->kind == K_INLINE)
		empty = out->len == f->wrap_at;
	if (empty) {
		buf_truncate(out, f->mark);
		w->depth--;
		for (r = 0; r < ROLE__COUNT; r++)
			w->depth -= (f->wraps >> r) & 1;
		cell_kid_dropped(w, f->mark);
	} else {
		for (r = ROLE__COUNT; r-- > 0;)
			if (f->wraps & ROLE_BIT(r))
				walk_close(w, role_tag[r]);
		if (f->close) {
			is_p = strcmp(f->close, "p") == 0;
			if (f->kind == K_CELL)
				cell_close(w);
			if (is_p)
				cell_p_closing(w, f->mark);
			walk_close(w, f->close);
			if (is_p)
				cell_p_closed(w, f->mark);
		}
	}
	/* An item's <li> is still open: its end tag ends the paragraph. */
	if (empty)
		w->at_start = f->was_start;   /* as if it had not been */
	else if (f->close && f->kind != K_INLINE)
		w->at_start = 0;
	for (r = 0; r < ROLE__COUNT; r++)
		if (f->roles & ROLE_BIT(r))
			w->open[r]--;
	w->pre -= f->pre;
	w->sp--;
}

/* Without recursion: one frame per open element on w->stack. */
int
walk_tree(struct walk *w, const GumboNode *root)
{
	const GumboNode *node, *child;
	const GumboElement *e;
	struct frame rf;
	struct frame *f;
	struct facts fa;
	struct marker m;
	struct decision d;
	enum action act;
	size_t fi;
	int rc;

	memset(&rf, 0, sizeof rf);
	rf.node = root;
	if ((rc = walk_push(w, &rf)) != GZ_OK)
		return rc;
	while (w->sp > 0 && buf_error(w->out) == GZ_OK) {
		fi = w->sp - 1;
		f = &w->stack[fi];
		node = f->node;
		if (f->next >= node->v.element.children.length) {
			walk_leave(w);
			continue;
		}
		child = node->v.element.children.data[f->next++];
		switch (child->type) {
		case GUMBO_NODE_WHITESPACE:
			if (!f->skip && !list_space(w, fi, child->v.text.text))
				walk_space(w, child->v.text.text);
			continue;
		case GUMBO_NODE_TEXT:
		case GUMBO_NODE_CDATA:
			if (f->skip)
				continue;
			list_break(w, fi);
			walk_text(w, child->v.text.text,
			    strlen(child->v.text.text));
			continue;
		case GUMBO_NODE_COMMENT:
			/* Word's <![if !supportLists]>: gumbo reads it as a
			 * comment, and what follows up to <![endif]> as what
			 * a browser shows.  Some of it we do not want. */
			if (comment_opens(child->v.text.text, f->marker))
				f->skip = 1;
			else if (comment_closes(child->v.text.text))
				f->skip = 0, w->vml = 0;
			else if (comment_fallback(child->v.text.text))
				w->vml = 1;
			continue;
		case GUMBO_NODE_ELEMENT:
			break;
		default:
			continue;   /* templates */
		}
		e = &child->v.element;
		if (f->skip || (act = element_action(e)) == ACT_DROP)
			continue;
		memset(&fa, 0, sizeof fa);
		if (e->attributes.length)
			facts_read(e, &fa);
		if (fa.hidden || (fa.ignore && f->marker) ||
		    ((fa.page_break || fa.layout) && e->tag == GUMBO_TAG_BR))
			continue;
		decide(w, e, act, &fa, &d);
		/* Word places floating pictures and text boxes with tables
		 * it writes for other browsers only: what is in them stays,
		 * the table goes.  Its start tag is in the <![if !vml]>; a
		 * table of the text in a text box is not.  A table without
		 * room for its cells goes too: text right in a <tr> would
		 * be moved out of the table when read. */
		d.no_table = e->tag == GUMBO_TAG_TABLE ? w->vml != 0 ||
		    w->depth + 4 > SANITIZE_MAX_DEPTH :
		    f->no_table && is_table_part(e->tag);
		if (d.no_table) {
			d.name = NULL;
			d.kind = K_PLAIN;
		}
		memset(&m, 0, sizeof m);
		if (d.item || d.marker)
			marker_find(child, &m);
		if (d.item && !list_item(w, fi, &fa, &m)) {
			d.item = 0;   /* no room: a paragraph after all */
			d.name = "p";
			d.kind = K_BLOCK;
		} else if (!d.item && !(d.more && list_continue(w, fi))) {
			list_break(w, fi);
		}
		if ((rc = walk_enter(w, fi, child, &d, &fa, &m)) != GZ_OK)
			return rc;
	}
	return buf_error(w->out);
}

