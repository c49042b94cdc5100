/*
 * htmltext: the visible text of HTML.  See htmltext.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "escape.h"
#include "htmltext.h"

/* Elements whose boundaries separate text. */
static const char *const blocks[] = {
	"address", "article", "aside", "blockquote", "br", "caption", "dd",
	"details", "div", "dl", "dt", "figcaption", "figure", "footer",
	"h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "img", "li",
	"main", "nav", "ol", "p", "pre", "section", "summary", "table",
	"tbody", "td", "tfoot", "th", "thead", "tr", "ul",
};

/* Elements whose content is not text. */
static const char *const hidden[] = {"script", "style", "template"};

static int
in_list(const char *const *list, size_t n, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(list[i], name, len) == 0)
			return 1;
	return 0;
}

/* Whether out (from start) ends a line: nothing written, or '\n'. */
static int
at_line_start(const struct buf *out, size_t start)
{
	return out->len == start || out->data[out->len - 1] == '\n';
}

/* Append text s[0..n) with each run of white space (line breaks of the
 * source included) as one space, as a browser shows it; none at the
 * start of a line. */
static void
text(struct buf *out, size_t start, const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		for (k = i; k < n && !strchr(" \t\r\n\f", s[k]); k++)
			;
		buf_put(out, s + i, k - i);
		if (k == n)
			break;
		while (k < n && strchr(" \t\r\n\f", s[k]))
			k++;
		if (!at_line_start(out, start) && out->data[out->len - 1] != ' ')
			buf_putc(out, ' ');
		i = k;
	}
}

/* A block boundary: what is before and after it stays apart. */
static void
separate(struct buf *out, size_t start)
{
	if (out->len > start && out->data[out->len - 1] == ' ')
		buf_truncate(out, out->len - 1);
	if (!at_line_start(out, start))
		buf_putc(out, '\n');
}

int
htmltext_extract(const char *html, size_t n, struct buf *out)
{
	size_t i = 0, start = out->len;
	char skip_until[16] = "";

	while (i < n) {
		const char *lt = memchr(html + i, '<', n - i);
		size_t end = lt ? (size_t)(lt - html) : n;

		/* Text up to the next tag. */
		if (skip_until[0] == '\0') {
			while (i < end) {
				const char *amp = memchr(html + i, '&', end - i);
				size_t stop = amp ? (size_t)(amp - html) : end;
				const char *semi;
				char u[4];
				size_t k;

				text(out, start, html + i, stop - i);
				i = stop;
				if (i >= end)
					break;
				/* A reference ends at ';' within a few bytes. */
				semi = memchr(html + i, ';', end - i < 34 ?
				    end - i : 34);
				if (semi == NULL || (k = escape_entity_decode(
				    html + i, (size_t)(semi - html) + 1 - i,
				    u)) == 0) {
					buf_putc(out, '&');
					i++;
					continue;
				}
				buf_put(out, u, k);
				i = (size_t)(semi - html) + 1;
			}
		}
		i = end;
		if (i >= n)
			break;
		/* A tag, comment or declaration. */
		if (n - i >= 4 && memcmp(html + i, "<!--", 4) == 0) {
			const char *e = memmem(html + i + 4, n - i - 4, "-->", 3);
			i = e ? (size_t)(e - html) + 3 : n;
			continue;
		}
		{
			size_t j = i + 1, name;
			int closing = 0;
			const char *gt;

			if (j < n && html[j] == '/') {
				closing = 1;
				j++;
			}
			name = j;
			while (j < n && (isalnum((unsigned char)html[j])))
				j++;
			if (j == name && !closing && (j >= n || html[j] != '!')) {
				/* "<" that starts no tag is text. */
				if (skip_until[0] == '\0')
					buf_putc(out, '<');
				i++;
				continue;
			}
			if (skip_until[0] != '\0') {
				if (closing && strlen(skip_until) == j - name &&
				    strncasecmp(skip_until, html + name,
				    j - name) == 0)
					skip_until[0] = '\0';
			} else if (!closing && in_list(hidden, sizeof hidden /
			    sizeof hidden[0], html + name, j - name)) {
				memcpy(skip_until, html + name, j - name);
				skip_until[j - name] = '\0';
			} else if (in_list(blocks, sizeof blocks /
			    sizeof blocks[0], html + name, j - name)) {
				separate(out, start);
			}
			/* Attribute values may hold '>' inside quotes. */
			{
				char q = 0;
				for (; j < n; j++) {
					if (q) {
						if (html[j] == q)
							q = 0;
					} else if (html[j] == '"' || html[j] == '\'') {
						q = html[j];
					} else if (html[j] == '>') {
						break;
					}
				}
				gt = j < n ? html + j : NULL;
			}
			i = gt ? (size_t)(gt - html) + 1 : n;
		}
	}
	/* No trailing separator. */
	while (out->len > start && (out->data[out->len - 1] == '\n' ||
	    out->data[out->len - 1] == ' '))
		buf_truncate(out, out->len - 1);
	return buf_error(out) ? GZ_ENOMEM : GZ_OK;
}
