/*
 * htmltext: the visible text of HTML.  See htmltext.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "htmltext.h"
#include "utf8.h"

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

static const struct {
	const char *name;
	unsigned cp;
} entities[] = {
	{"amp", '&'}, {"lt", '<'}, {"gt", '>'}, {"quot", '"'},
	{"apos", '\''}, {"nbsp", 0xA0}, {"copy", 0xA9}, {"reg", 0xAE},
	{"trade", 0x2122}, {"mdash", 0x2014}, {"ndash", 0x2013},
	{"hellip", 0x2026}, {"lsquo", 0x2018}, {"rsquo", 0x2019},
	{"ldquo", 0x201C}, {"rdquo", 0x201D}, {"middot", 0xB7},
	{"times", 0xD7}, {"laquo", 0xAB}, {"raquo", 0xBB}, {"deg", 0xB0},
	{"yen", 0xA5}, {"euro", 0x20AC}, {"shy", 0xAD}, {"ensp", 0x2002},
	{"emsp", 0x2003}, {"thinsp", 0x2009},
};

static int
in_list(const char *const *list, size_t n, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && strncasecmp(list[i], name, len) == 0)
			return 1;
	return 0;
}

/* Decode the character reference at s[0] == '&'; the bytes it takes, or
 * 0 if it is not one (then '&' is text). */
static size_t
entity(const char *s, size_t n, unsigned *cp)
{
	size_t i, k;
	unsigned long v = 0;

	if (n >= 3 && s[1] == '#') {
		int hex = s[2] == 'x' || s[2] == 'X';
		for (i = hex ? 3 : 2; i < n && i < 12; i++) {
			int c = (unsigned char)s[i];
			if (hex && isxdigit(c))
				v = v * 16 + (unsigned long)(isdigit(c) ? c - '0' :
				    (c | 0x20) - 'a' + 10);
			else if (!hex && isdigit(c))
				v = v * 10 + (unsigned long)(c - '0');
			else
				break;
		}
		if (i < n && s[i] == ';' && i > (size_t)(hex ? 3 : 2)) {
			*cp = v == 0 || v > 0x10FFFF ||
			    (v >= 0xD800 && v <= 0xDFFF) ? 0xFFFD : (unsigned)v;
			return i + 1;
		}
		return 0;
	}
	for (i = 1; i < n && i < 10 && isalnum((unsigned char)s[i]); i++)
		;
	if (i >= n || s[i] != ';')
		return 0;
	for (k = 0; k < sizeof entities / sizeof entities[0]; k++)
		if (strlen(entities[k].name) == i - 1 &&
		    memcmp(entities[k].name, s + 1, i - 1) == 0) {
			*cp = entities[k].cp;
			return i + 1;
		}
	return 0;
}

/* Make sure text before and after a block boundary stays apart. */
static void
separate(struct buf *out)
{
	if (out->len > 0 && out->data[out->len - 1] != '\n')
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
				unsigned cp;
				size_t k;

				buf_put(out, html + i, stop - i);
				i = stop;
				if (i >= end)
					break;
				if ((k = entity(html + i, end - i, &cp)) == 0) {
					buf_putc(out, '&');
					i++;
					continue;
				}
				{
					char u[4];
					buf_put(out, u, utf8_encode(cp, u));
				}
				i += k;
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
				separate(out);
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
	while (out->len > start && out->data[out->len - 1] == '\n')
		buf_truncate(out, out->len - 1);
	return buf_error(out) ? GZ_ENOMEM : GZ_OK;
}
