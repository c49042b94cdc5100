/*
 * markdown: Markdown to HTML on md4c's md_parse().  See markdown.h.
 *
 * md4c builds no tree: it calls us on entering and leaving each block and
 * span and for each run of text, and we append HTML as we go.  Two things
 * cannot be written as they stream past:
 *
 *   - a heading's id depends on its whole text, so while inside a heading
 *     the markup goes to r->head and its plain text to r->htext, and the
 *     <hN id="..."> is written when the heading closes;
 *   - whether an <a> or <img> was written (its URL may be refused) must
 *     be known when it closes, so open spans keep one byte each on
 *     r->spans (which also keeps the output balanced: see span_pop).
 *
 * Everything else is a counter or a flag, so our state stays bounded by
 * the input no matter how deeply it nests, and md4c itself is iterative.
 * The markup matches md4c-html's (same tags, same newlines) except where
 * we chose otherwise: heading ids, img loading="lazy", table alignment as
 * style, the task-list checkbox, and ' escaped as &#39; by escape_html().
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <md4c.h>

#include "escape.h"
#include "markdown.h"
#include "utf8.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */
#define SRC_PAD     16 /* zero bytes after the copy of the input md4c reads */

/* One id already used in this document. */
struct idslot {
	size_t off;         /* where its bytes start in idset.keys */
	size_t len;         /* 0: an empty slot (ids are never empty) */
	unsigned long next; /* the suffix to try first for its next repeat */
};

/* The heading ids of one document: open addressing, linear probing. */
struct idset {
	struct buf keys;     /* every id's bytes, one after another */
	struct idslot *slot; /* cap slots; cap is 0 or a power of two */
	size_t cap;
	size_t used;
	int err;
};

struct render {
	struct buf *doc;      /* the caller's buffer */
	struct buf *out;      /* where markup goes now: doc, or &head */
	struct buf head;      /* the open heading's inner HTML */
	struct buf htext;     /* the open heading's plain text */
	struct buf spans;     /* the open spans, one byte each (see span_pop) */
	struct buf img_title; /* the open <img>'s title, escaped */
	struct buf tmp;       /* a decoded attribute */
	struct buf url;       /* a URL, percent-encoded */
	struct buf cand;      /* a candidate heading id */
	struct idset ids;
	unsigned hlevel; /* 1-6 inside a heading, else 0 */
	int img_depth;   /* >0 inside an image description: text is alt */
	int trusted;
};

/* Append an attribute's text to b unescaped, its entities decoded. */
static void
attr_decode(struct buf *b, const MD_ATTRIBUTE *a)
{
	unsigned i;

	for (i = 0; a->substr_offsets[i] < a->size; i++) {
		const char *s = a->text + a->substr_offsets[i];
		size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
		char u[4];
		size_t un;

		switch (a->substr_types[i]) {
		case MD_TEXT_NULLCHAR: buf_puts(b, REPLACEMENT); break;
		case MD_TEXT_ENTITY:
			if ((un = escape_entity_decode(s, n, u)) > 0)
				buf_put(b, u, un);
			else
				buf_put(b, s, n);
			break;
		default: buf_put(b, s, n); break;
		}
	}
}

/*
 * Bytes that stay as they are in a URL attribute; the rest are
 * percent-encoded.  The same set as md4c-html and cmark, so "%20" stays
 * and a space becomes one.  '&' stays and escape_html() makes it &amp;.
 */
/* clang-format off */
static const char url_keep[256] = {
	['~'] = 1, ['-'] = 1, ['_'] = 1, ['.'] = 1, ['+'] = 1, ['!'] = 1,
	['*'] = 1, ['('] = 1, [')'] = 1, [','] = 1, ['%'] = 1, ['#'] = 1,
	['@'] = 1, ['?'] = 1, ['='] = 1, [';'] = 1, [':'] = 1, ['/'] = 1,
	['$'] = 1, ['&'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1,
	['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1,
	['G'] = 1, ['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1,
	['M'] = 1, ['N'] = 1, ['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1,
	['S'] = 1, ['T'] = 1, ['U'] = 1, ['V'] = 1, ['W'] = 1, ['X'] = 1,
	['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
	['g'] = 1, ['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1,
	['m'] = 1, ['n'] = 1, ['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1,
	['s'] = 1, ['t'] = 1, ['u'] = 1, ['v'] = 1, ['w'] = 1, ['x'] = 1,
	['y'] = 1, ['z'] = 1,
};
/* clang-format on */

/*
 * Decode the URL a and decide whether it may be published.  If so, leave
 * it percent-encoded in r->url (still to go through escape_html) and
 * return 1; else return 0.  The check sees the URL as a browser will:
 * entities decoded ("jav&#x61;script:" is javascript:), tabs and newlines
 * removed and spaces and controls trimmed from both ends, as the WHATWG
 * URL parser does.  We publish that same form, so what url_is_safe()
 * passed is what the reader's browser follows.
 */
static int
render_url(struct render *r, const MD_ATTRIBUTE *a, int for_image)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i, j, b, e, start;
	char *s;

	buf_truncate(&r->tmp, 0);
	buf_truncate(&r->url, 0);
	attr_decode(&r->tmp, a);
	if (buf_error(&r->tmp) || r->tmp.len == 0)
		return url_is_safe("", 0, for_image);
	s = r->tmp.data;
	for (i = j = 0; i < r->tmp.len; i++)
		if (s[i] != '\t' && s[i] != '\n' && s[i] != '\r')
			s[j++] = s[i];
	for (b = 0; b < j && (unsigned char)s[b] <= 0x20; b++)
		;
	for (e = j; e > b && (unsigned char)s[e - 1] <= 0x20; e--)
		;
	if (!url_is_safe(s + b, e - b, for_image))
		return 0;
	for (i = start = b; i < e; i++) {
		unsigned char c = (unsigned char)s[i];
		char pct[3];
		if (url_keep[c])
			continue;
		buf_put(&r->url, s + start, i - start);
		pct[0] = '%', pct[1] = hex[c >> 4], pct[2] = hex[c & 15];
		buf_put(&r->url, pct, 3);
		start = i + 1;
	}
	buf_put(&r->url, s + start, e - start);
	return 1;
}

/* Append attribute a to b, entities decoded, escaped for HTML. */
static void
render_attr(struct render *r, struct buf *b, const MD_ATTRIBUTE *a)
{
	buf_truncate(&r->tmp, 0);
	attr_decode(&r->tmp, a);
	escape_html(b, buf_cstr(&r->tmp), r->tmp.len);
}

/* Text of the document: escaped into the output, and kept as plain text
 * for the id when inside a heading. */
static void
render_text(struct render *r, const char *s, size_t n)
{
	escape_html(r->out, s, n);
	if (r->hlevel)
		buf_put(&r->htext, s, n);
}

/*
 * Heading ids.
 */

/* Non-ASCII code points that separate words in an id as ASCII punctuation
 * does: Latin-1 signs, general and CJK punctuation, fullwidth ASCII
 * punctuation, symbols, private use, emoji.  Sorted. */
/* clang-format off */
static const struct {
	uint32_t lo, hi;
} slug_sep[] = {
	{0x0080, 0x00a9}, {0x00ab, 0x00b4}, {0x00b6, 0x00b9},
	{0x00bb, 0x00bf}, {0x00d7, 0x00d7}, {0x00f7, 0x00f7},
	{0x2000, 0x206f}, {0x20a0, 0x20cf}, {0x2190, 0x245f},
	{0x2500, 0x2bff}, {0x2e00, 0x2e7f}, {0x3000, 0x3004},
	{0x3008, 0x3020}, {0x3030, 0x3030}, {0x303d, 0x303d},
	{0x30fb, 0x30fb}, {0xe000, 0xf8ff}, {0xfe00, 0xfe1f},
	{0xfe30, 0xfe6f}, {0xfeff, 0xfeff}, {0xff01, 0xff0f},
	{0xff1a, 0xff20}, {0xff3b, 0xff40}, {0xff5b, 0xff65},
	{0xffe0, 0xffee}, {0xfff0, 0xffff}, {0x1f000, 0x1faff},
	{0xe0000, 0xe007f},
};
/* clang-format on */

static int
slug_is_sep(uint32_t cp)
{
	size_t lo = 0, hi = sizeof slug_sep / sizeof slug_sep[0];

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < slug_sep[mid].lo)
			hi = mid;
		else if (cp > slug_sep[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

void
markdown_slug(struct buf *out, const char *text, size_t n)
{
	size_t i = 0, start = out->len;
	int dash = 0; /* a separator is pending */

	while (i < n) {
		unsigned char c = (unsigned char)text[i];
		uint32_t cp;
		size_t len;

		if (c < 0x80) {
			i++;
			if (c >= 'A' && c <= 'Z')
				c = (unsigned char)(c + 32);
			else if (!(c >= 'a' && c <= 'z') &&
			    !(c >= '0' && c <= '9')) {
				dash = 1;
				continue;
			}
			if (dash && out->len > start)
				buf_putc(out, '-');
			dash = 0;
			buf_putc(out, c);
			continue;
		}
		len = utf8_decode(text + i, n - i, &cp);
		if (cp == 0xfffd || slug_is_sep(cp)) {
			dash = 1; /* invalid UTF-8 decodes as U+FFFD */
		} else {
			if (dash && out->len > start)
				buf_putc(out, '-');
			dash = 0;
			buf_put(out, text + i, len);
		}
		i += len;
	}
	if (out->len == start)
		buf_puts(out, "section");
}

static size_t
idset_hash(const char *s, size_t n)
{
	size_t h = 2166136261u, i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* The slot holding id s[0..n), or NULL. */
static struct idslot *
idset_find(struct idset *set, const char *s, size_t n)
{
	size_t i;

	if (set->cap == 0)
		return NULL;
	for (i = idset_hash(s, n) & (set->cap - 1); set->slot[i].len;
	     i = (i + 1) & (set->cap - 1)) {
		struct idslot *e = &set->slot[i];
		if (e->len == n && memcmp(set->keys.data + e->off, s, n) == 0)
			return e;
	}
	return NULL;
}

/* Add id s[0..n) (not yet present, n > 0); returns GZ_OK or GZ_ENOMEM. */
static int
idset_add(struct idset *set, const char *s, size_t n)
{
	size_t i;

	if ((set->used + 1) * 2 > set->cap) {
		size_t cap = set->cap ? set->cap * 2 : 16, k;
		struct idslot *slot;

		if ((slot = calloc(cap, sizeof *slot)) == NULL)
			return set->err = GZ_ENOMEM;
		for (k = 0; k < set->cap; k++) {
			struct idslot *e = &set->slot[k];
			if (e->len == 0)
				continue;
			i = idset_hash(set->keys.data + e->off, e->len) &
			    (cap - 1);
			while (slot[i].len)
				i = (i + 1) & (cap - 1);
			slot[i] = *e;
		}
		free(set->slot);
		set->slot = slot;
		set->cap = cap;
	}
	for (i = idset_hash(s, n) & (set->cap - 1); set->slot[i].len;
	     i = (i + 1) & (set->cap - 1))
		;
	set->slot[i].off = set->keys.len;
	set->slot[i].len = n;
	set->slot[i].next = 2;
	buf_put(&set->keys, s, n);
	set->used++;
	return set->err = buf_error(&set->keys);
}

/*
 * Write the open heading: <hN id="...">, its buffered markup, </hN>.  The
 * id is the slug of its text, with "-2", "-3"... if already used (and if
 * "a-2" was itself a heading, the next "a" is "a-3").
 */
static void
render_heading(struct render *r)
{
	struct buf *id = &r->tmp;
	struct idslot *e;
	unsigned long k;

	buf_truncate(id, 0);
	markdown_slug(id, buf_cstr(&r->htext), r->htext.len);
	if (buf_error(id))
		return;
	if ((e = idset_find(&r->ids, id->data, id->len)) != NULL) {
		for (k = e->next;; k++) {
			buf_truncate(&r->cand, 0);
			buf_put(&r->cand, id->data, id->len);
			buf_printf(&r->cand, "-%lu", k);
			if (buf_error(&r->cand) ||
			    idset_find(&r->ids, r->cand.data, r->cand.len) ==
			        NULL)
				break;
		}
		e->next = k + 1; /* before idset_add moves the slots */
		id = &r->cand;
	}
	if (buf_error(id) || idset_add(&r->ids, id->data, id->len))
		return;
	r->out = r->doc;
	buf_printf(r->out, "<h%u id=\"", r->hlevel);
	escape_html(r->out, id->data, id->len);
	buf_puts(r->out, "\">");
	buf_put(r->out, buf_cstr(&r->head), r->head.len);
	buf_printf(r->out, "</h%u>\n", r->hlevel);
	r->hlevel = 0;
}

/*
 * Spans.  md4c 0.4.8 does not always pair its span callbacks: a '~' in a
 * link destination can end a strikethrough that was never entered
 * ("[a](x~y) b~" leaves MD_SPAN_DEL without entering it), found by
 * fuzz_markdown.  So we keep the open spans ourselves, one byte each on
 * r->spans: the type, and SPAN_WROTE when its opening tag was written and
 * so its closing tag must be.  A leave that matches no open span is
 * dropped; one that matches a lower span closes the spans above it too;
 * spans still open at a block boundary are closed there.  The output is
 * balanced whatever order the callbacks come in.
 */
#define SPAN_TYPE  0x0f
#define SPAN_WROTE 0x10

/* Close the top open span. */
static void
span_pop(struct render *r)
{
	unsigned char e = (unsigned char)r->spans.data[--r->spans.len];

	if ((e & SPAN_TYPE) == MD_SPAN_IMG)
		r->img_depth--;
	if (!(e & SPAN_WROTE))
		return;
	switch (e & SPAN_TYPE) {
	case MD_SPAN_EM: buf_puts(r->out, "</em>"); break;
	case MD_SPAN_STRONG: buf_puts(r->out, "</strong>"); break;
	case MD_SPAN_CODE: buf_puts(r->out, "</code>"); break;
	case MD_SPAN_DEL: buf_puts(r->out, "</del>"); break;
	case MD_SPAN_A: buf_puts(r->out, "</a>"); break;
	case MD_SPAN_IMG:
		buf_putc(r->out, '"');
		if (r->img_title.len > 0) {
			buf_puts(r->out, " title=\"");
			buf_put(r->out, r->img_title.data, r->img_title.len);
			buf_putc(r->out, '"');
		}
		buf_puts(r->out, " loading=\"lazy\">");
		break;
	}
}

/* Close every open span (at a block boundary). */
static void
span_close_all(struct render *r)
{
	while (r->spans.len > 0)
		span_pop(r);
}

/*
 * md4c callbacks.  Each returns nonzero, which stops md_parse(), once any
 * buffer has failed.
 */

static int
render_failed(const struct render *r)
{
	return r->doc->err || r->head.err || r->htext.err || r->spans.err ||
	    r->img_title.err || r->tmp.err || r->url.err || r->cand.err ||
	    r->ids.err;
}

static int
md_enter_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	struct render *r = u;
	const MD_BLOCK_OL_DETAIL *ol;
	const MD_BLOCK_LI_DETAIL *li;
	const MD_BLOCK_CODE_DETAIL *code;
	const MD_BLOCK_TD_DETAIL *td;

	span_close_all(r);
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HTML: break;
	case MD_BLOCK_QUOTE: buf_puts(r->out, "<blockquote>\n"); break;
	case MD_BLOCK_UL: buf_puts(r->out, "<ul>\n"); break;
	case MD_BLOCK_OL:
		ol = detail;
		if (ol->start == 1)
			buf_puts(r->out, "<ol>\n");
		else
			buf_printf(r->out, "<ol start=\"%u\">\n", ol->start);
		break;
	case MD_BLOCK_LI:
		li = detail;
		if (!li->is_task)
			buf_puts(r->out, "<li>");
		else if (li->task_mark == ' ')
			buf_puts(r->out,
			    "<li class=\"task-list-item\">"
			    "<input type=\"checkbox\" disabled> ");
		else
			buf_puts(r->out,
			    "<li class=\"task-list-item\">"
			    "<input type=\"checkbox\" disabled checked> ");
		break;
	case MD_BLOCK_HR: buf_puts(r->out, "<hr>\n"); break;
	case MD_BLOCK_H:
		r->hlevel = ((const MD_BLOCK_H_DETAIL *)detail)->level;
		if (r->hlevel < 1 || r->hlevel > 6)
			r->hlevel = 6;
		buf_truncate(&r->head, 0);
		buf_truncate(&r->htext, 0);
		r->out = &r->head;
		break;
	case MD_BLOCK_CODE:
		code = detail;
		buf_puts(r->out, "<pre><code");
		if (code->lang.text != NULL && code->lang.size > 0) {
			buf_puts(r->out, " class=\"");
			if (code->lang.size < 9 ||
			    strncmp(code->lang.text, "language-", 9) != 0)
				buf_puts(r->out, "language-");
			render_attr(r, r->out, &code->lang);
			buf_putc(r->out, '"');
		}
		buf_putc(r->out, '>');
		break;
	case MD_BLOCK_P: buf_puts(r->out, "<p>"); break;
	case MD_BLOCK_TABLE: buf_puts(r->out, "<table>\n"); break;
	case MD_BLOCK_THEAD: buf_puts(r->out, "<thead>\n"); break;
	case MD_BLOCK_TBODY: buf_puts(r->out, "<tbody>\n"); break;
	case MD_BLOCK_TR: buf_puts(r->out, "<tr>\n"); break;
	case MD_BLOCK_TH:
	case MD_BLOCK_TD:
		td = detail;
		buf_puts(r->out, type == MD_BLOCK_TH ? "<th" : "<td");
		switch (td->align) {
		case MD_ALIGN_LEFT:
			buf_puts(r->out, " style=\"text-align: left\">");
			break;
		case MD_ALIGN_CENTER:
			buf_puts(r->out, " style=\"text-align: center\">");
			break;
		case MD_ALIGN_RIGHT:
			buf_puts(r->out, " style=\"text-align: right\">");
			break;
		default: buf_putc(r->out, '>'); break;
		}
		break;
	}
	return render_failed(r);
}

static int
md_leave_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	struct render *r = u;

	span_close_all(r);
	switch (type) {
	case MD_BLOCK_DOC:
	case MD_BLOCK_HTML:
	case MD_BLOCK_HR: break;
	case MD_BLOCK_QUOTE: buf_puts(r->out, "</blockquote>\n"); break;
	case MD_BLOCK_UL: buf_puts(r->out, "</ul>\n"); break;
	case MD_BLOCK_OL: buf_puts(r->out, "</ol>\n"); break;
	case MD_BLOCK_LI: buf_puts(r->out, "</li>\n"); break;
	case MD_BLOCK_H: render_heading(r); break;
	case MD_BLOCK_CODE: buf_puts(r->out, "</code></pre>\n"); break;
	case MD_BLOCK_P: buf_puts(r->out, "</p>\n"); break;
	case MD_BLOCK_TABLE: buf_puts(r->out, "</table>\n"); break;
	case MD_BLOCK_THEAD: buf_puts(r->out, "</thead>\n"); break;
	case MD_BLOCK_TBODY: buf_puts(r->out, "</tbody>\n"); break;
	case MD_BLOCK_TR: buf_puts(r->out, "</tr>\n"); break;
	case MD_BLOCK_TH: buf_puts(r->out, "</th>\n"); break;
	case MD_BLOCK_TD: buf_puts(r->out, "</td>\n"); break;
	}
	return render_failed(r);
}

static int
md_enter_span(MD_SPANTYPE type, void *detail, void *u)
{
	struct render *r = u;
	const MD_SPAN_A_DETAIL *a;
	const MD_SPAN_IMG_DETAIL *img;
	int wrote = 1;

	/* Inside an image description only text counts: it is the alt. */
	if (r->img_depth > 0) {
		wrote = 0;
		goto push;
	}
	switch (type) {
	case MD_SPAN_EM: buf_puts(r->out, "<em>"); break;
	case MD_SPAN_STRONG: buf_puts(r->out, "<strong>"); break;
	case MD_SPAN_CODE: buf_puts(r->out, "<code>"); break;
	case MD_SPAN_DEL: buf_puts(r->out, "<del>"); break;
	case MD_SPAN_A:
		a = detail;
		if ((wrote = render_url(r, &a->href, 0)) == 0)
			break;
		buf_puts(r->out, "<a href=\"");
		escape_html(r->out, buf_cstr(&r->url), r->url.len);
		if (a->title.text != NULL && a->title.size > 0) {
			buf_puts(r->out, "\" title=\"");
			render_attr(r, r->out, &a->title);
		}
		buf_puts(r->out, "\">");
		break;
	case MD_SPAN_IMG:
		img = detail;
		if ((wrote = render_url(r, &img->src, 1)) == 0)
			break;
		buf_puts(r->out, "<img src=\"");
		escape_html(r->out, buf_cstr(&r->url), r->url.len);
		buf_puts(r->out, "\" alt=\"");
		buf_truncate(&r->img_title, 0);
		if (img->title.text != NULL && img->title.size > 0)
			render_attr(r, &r->img_title, &img->title);
		break;
	default:
		wrote = 0; /* extensions we do not enable */
		break;
	}
push:
	if (type == MD_SPAN_IMG)
		r->img_depth++;
	buf_putc(&r->spans, (type & SPAN_TYPE) | (wrote ? SPAN_WROTE : 0));
	return render_failed(r);
}

static int
md_leave_span(MD_SPANTYPE type, void *detail, void *u)
{
	struct render *r = u;
	size_t i = r->spans.len;

	while (i > 0 && (r->spans.data[i - 1] & SPAN_TYPE) != (int)type)
		i--;
	if (i == 0)
		return 0; /* never entered */
	while (r->spans.len >= i)
		span_pop(r);
	return render_failed(r);
}

static int
md_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *u)
{
	struct render *r = u;
	char e[4];
	size_t en;

	switch (type) {
	case MD_TEXT_NULLCHAR: render_text(r, REPLACEMENT, 3); break;
	case MD_TEXT_BR:
		if (r->img_depth == 0)
			buf_puts(r->out, "<br>\n");
		else
			buf_putc(r->out, ' ');
		if (r->hlevel)
			buf_putc(&r->htext, ' ');
		break;
	case MD_TEXT_SOFTBR:
		buf_putc(r->out, r->img_depth == 0 ? '\n' : ' ');
		if (r->hlevel)
			buf_putc(&r->htext, ' ');
		break;
	case MD_TEXT_ENTITY:
		if ((en = escape_entity_decode(text, size, e)) > 0)
			render_text(r, e, en);
		else
			render_text(r, text, size);
		break;
	case MD_TEXT_HTML:
		/* md4c sends HTML only when we did not pass MD_FLAG_NOHTML;
		 * escape it anyway if that ever changes, and always inside an
		 * alt="...", where markup cannot go. */
		if (r->trusted && r->img_depth == 0)
			buf_put(r->out, text, size);
		else
			escape_html(r->out, text, size);
		break;
	default: render_text(r, text, size); break;
	}
	return render_failed(r);
}

int
markdown_to_html(struct buf *out, const char *md, size_t n, int flags)
{
	struct render r;
	struct buf src;
	MD_PARSER parser;
	size_t start = out->len;
	int ret, err;

	if (out->err)
		return out->err;
	if ((md == NULL && n > 0) || n > UINT_MAX ||
	    (flags & ~MARKDOWN_TRUSTED) != 0)
		return GZ_EINVAL;
	if (n >= 3 && memcmp(md, "\xef\xbb\xbf", 3) == 0)
		md += 3, n -= 3;
	/* md4c 0.4.8 reads past the end of a document that ends inside a
	 * link destination: "[a](" with nothing after it (fuzz_markdown found
	 * it; md4c fixed reads past "[](" at the end upstream after 0.4.8,
	 * PR #167).  So md4c gets a copy that ends with a newline, which
	 * changes nothing in CommonMark, and then zero bytes of padding. */
	buf_init(&src);
	buf_put(&src, md, n);
	if (n == 0 || md[n - 1] != '\n')
		buf_putc(&src, '\n');
	if (src.len > UINT_MAX || buf_grow(&src, SRC_PAD) != GZ_OK) {
		err = src.len > UINT_MAX ? GZ_EINVAL : GZ_ENOMEM;
		buf_free(&src);
		return err;
	}
	memset(src.data + src.len, 0, SRC_PAD + 1);

	memset(&r, 0, sizeof r);
	r.doc = r.out = out;
	buf_init(&r.head);
	buf_init(&r.htext);
	buf_init(&r.spans);
	buf_init(&r.img_title);
	buf_init(&r.tmp);
	buf_init(&r.url);
	buf_init(&r.cand);
	buf_init(&r.ids.keys);
	r.trusted = (flags & MARKDOWN_TRUSTED) != 0;

	memset(&parser, 0, sizeof parser);
	/* PERMISSIVEAUTOLINKS (in the GitHub dialect) turns bare
	 * http://, https://, ftp://, www. and e-mail addresses into links;
	 * md4c writes the scheme (http:, mailto:) into their href, and they
	 * pass through render_url() and url_is_safe() like any other link. */
	parser.flags = MD_DIALECT_GITHUB;
	if (!r.trusted)
		parser.flags |= MD_FLAG_NOHTML;
	parser.enter_block = md_enter_block;
	parser.leave_block = md_leave_block;
	parser.enter_span = md_enter_span;
	parser.leave_span = md_leave_span;
	parser.text = md_text;
	ret = md_parse(src.data, (MD_SIZE)src.len, &parser, &r);
	if (ret == 0 && r.hlevel != 0) {
		/* Never seen: md4c did not close a heading.  Do it. */
		span_close_all(&r);
		render_heading(&r);
		ret = render_failed(&r);
	}

	if ((err = out->err) == GZ_OK && ret != 0)
		err = GZ_ENOMEM; /* ours failed, or md4c's own malloc did */
	if (err)
		buf_truncate(out, start);
	buf_free(&r.head);
	buf_free(&r.htext);
	buf_free(&r.spans);
	buf_free(&r.img_title);
	buf_free(&r.tmp);
	buf_free(&r.url);
	buf_free(&r.cand);
	buf_free(&r.ids.keys);
	free(r.ids.slot);
	buf_free(&src);
	return err;
}
