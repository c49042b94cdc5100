/*
 * escape: per-context escaping, driven by tables.  See escape.h.
 */
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "utf8.h"

/* Replacement for each byte in HTML text and attributes, or NULL. */
static const char *const html_repl[256] = {
	['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;",
	['"'] = "&quot;", ['\''] = "&#39;",
};

void
escape_html(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;
	const char *r;

	for (i = 0; i < n; i++) {
		if ((r = html_repl[(unsigned char)s[i]]) == NULL)
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, r);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}

void
escape_html_str(struct buf *b, const char *s)
{
	if (s)
		escape_html(b, s, strlen(s));
}

static int
url_unreserved(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' ||
	    c == '~';
}

void
escape_url(struct buf *b, const char *s, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t i;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (url_unreserved(c)) {
			buf_putc(b, c);
		} else {
			char e[3] = {'%', hex[c >> 4], hex[c & 15]};
			buf_put(b, e, 3);
		}
	}
}

void
escape_json(struct buf *b, const char *s, size_t n)
{
	size_t i, start = 0;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		const char *r = NULL;
		char u[8];

		switch (c) {
		case '"': r = "\\\""; break;
		case '\\': r = "\\\\"; break;
		case '\n': r = "\\n"; break;
		case '\r': r = "\\r"; break;
		case '\t': r = "\\t"; break;
		default:
			if (c < 0x20 || c == 0x7f) {
				snprintf(u, sizeof u, "\\u%04x", c);
				r = u;
			}
		}
		if (r == NULL)
			continue;
		buf_put(b, s + start, i - start);
		buf_puts(b, r);
		start = i + 1;
	}
	buf_put(b, s + start, n - start);
}


/*
 * A YAML double-quoted scalar.  Beyond the C escapes, libyaml refuses
 * raw C1 controls, U+FFFE and U+FFFF, and reads U+0085, U+2028
 * and U+2029 as line breaks (folded to spaces inside quotes), so those are
 * escaped here too, and U+FEFF, which some readers drop.
 */
void
escape_yaml(struct buf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i, start = 0;

	buf_putc(b, '"');
	for (i = 0; i < n; i++) {
		char e[16];
		size_t skip = 1;

		e[0] = '\0';
		if (s[i] == '"' || s[i] == '\\' || s[i] < 0x20 ||
		    s[i] == 0x7f) {
			switch (s[i]) {
			case '"': strcpy(e, "\\\""); break;
			case '\\': strcpy(e, "\\\\"); break;
			case '\n': strcpy(e, "\\n"); break;
			case '\r': strcpy(e, "\\r"); break;
			case '\t': strcpy(e, "\\t"); break;
			default: snprintf(e, sizeof e, "\\x%02x", s[i]);
			}
		} else if (s[i] == 0xc2 && i + 1 < n && s[i + 1] >= 0x80 &&
		    s[i + 1] <= 0x9f) {
			snprintf(e, sizeof e, "\\x%02x", s[i + 1]);
			skip = 2;
		} else if (i + 2 < n &&
		    ((s[i] == 0xe2 && s[i + 1] == 0x80 &&
		         (s[i + 2] == 0xa8 || s[i + 2] == 0xa9)) ||
		        (s[i] == 0xef && s[i + 1] == 0xbb &&
		            s[i + 2] == 0xbf) ||
		        (s[i] == 0xef && s[i + 1] == 0xbf &&
		            s[i + 2] >= 0xbe))) {
			uint32_t cp;

			utf8_decode(str + i, 3, &cp);
			snprintf(e, sizeof e, "\\u%04X", (unsigned)cp);
			skip = 3;
		}
		if (e[0] == '\0')
			continue;
		buf_put(b, str + start, i - start);
		buf_puts(b, e);
		i += skip - 1;
		start = i + 1;
	}
	buf_put(b, str + start, n - start);
	buf_putc(b, '"');
}

static int
lower(int c)
{
	return (c >= 'A' && c <= 'Z') ? c + 32 : c;
}

int
url_is_safe(const char *url, size_t n, int for_image)
{
	static const char *const allowed[] = {"http", "https", "mailto",
	    "tel", "ftp", NULL};
	static const char *const images[] = {"image/png", "image/jpeg",
	    "image/gif", "image/webp", "image/avif", NULL};
	char scheme[16], rest[16];
	size_t i = 0, k = 0, r = 0;

	/* Browsers skip leading spaces and controls and drop tabs and
	 * newlines anywhere, so "\x01 java\tscript:" is javascript:. */
	while (i < n && (unsigned char)url[i] <= 0x20)
		i++;
	for (; i < n; i++) {
		int c = (unsigned char)url[i];
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == ':')
			break;
		if (c == '/' || c == '?' || c == '#')
			return 1; /* no scheme: a relative URL */
		if (c < 0x20 || c == 0x7f)
			return 0; /* a NUL or control inside a scheme */
		/* Past the longest scheme we allow, keep looking for the
		 * colon without storing: "a-long-page-name.html" is relative. */
		if (k + 1 < sizeof scheme)
			scheme[k] = (char)lower(c);
		k++;
	}
	if (i >= n)
		return 1; /* no colon at all: relative */
	if (k + 1 > sizeof scheme)
		return 0; /* a scheme longer than any we allow */
	scheme[k] = '\0';
	for (k = 0; allowed[k]; k++)
		if (strcmp(scheme, allowed[k]) == 0)
			return 1;
	if (!for_image || strcmp(scheme, "data") != 0)
		return 0;
	/* data:image/png;base64,... only. */
	for (i++; i < n && r + 1 < sizeof rest; i++) {
		int c = (unsigned char)url[i];
		if (c == ';' || c == ',')
			break;
		if (c == '\t' || c == '\n' || c == '\r' || c == ' ')
			continue;
		rest[r++] = (char)lower(c);
	}
	rest[r] = '\0';
	for (k = 0; images[k]; k++)
		if (strcmp(rest, images[k]) == 0)
			return 1;
	return 0;
}

/*
 * Character references, decoded: numeric ones, and of the two thousand
 * names HTML knows the handful our authors and editors use.  Unknown
 * names stay as text.
 */
/* clang-format off */
static const struct {
	const char *name;
	const char *utf8;
} entities[] = {
	{"amp", "&"}, {"lt", "<"}, {"gt", ">"}, {"quot", "\""},
	{"apos", "'"}, {"nbsp", "\xc2\xa0"}, {"copy", "\xc2\xa9"},
	{"reg", "\xc2\xae"}, {"mdash", "\xe2\x80\x94"},
	{"ndash", "\xe2\x80\x93"}, {"hellip", "\xe2\x80\xa6"},
	{"ldquo", "\xe2\x80\x9c"}, {"rdquo", "\xe2\x80\x9d"},
	{"lsquo", "\xe2\x80\x98"}, {"rsquo", "\xe2\x80\x99"},
	{"middot", "\xc2\xb7"}, {"times", "\xc3\x97"},
	{"AMP", "&"}, {"LT", "<"}, {"GT", ">"}, {"QUOT", "\""},
	{"COPY", "\xc2\xa9"}, {"REG", "\xc2\xae"},
	{"trade", "\xe2\x84\xa2"}, {"laquo", "\xc2\xab"},
	{"raquo", "\xc2\xbb"}, {"deg", "\xc2\xb0"}, {"yen", "\xc2\xa5"},
	{"euro", "\xe2\x82\xac"}, {"shy", "\xc2\xad"},
	{"ensp", "\xe2\x80\x82"}, {"emsp", "\xe2\x80\x83"},
	{"thinsp", "\xe2\x80\x89"},
};
/* clang-format on */

size_t
escape_entity_decode(const char *s, size_t n, char *out)
{
	uint32_t cp = 0;
	size_t i, k;

	if (n < 3 || s[0] != '&' || s[n - 1] != ';')
		return 0;
	if (s[1] == '#') {
		int hex = n > 3 && (s[2] == 'x' || s[2] == 'X');
		for (i = hex ? 3 : 2; i < n - 1; i++) {
			int c = (unsigned char)s[i], d;
			if (c >= '0' && c <= '9')
				d = c - '0';
			else if (hex && c >= 'a' && c <= 'f')
				d = c - 'a' + 10;
			else if (hex && c >= 'A' && c <= 'F')
				d = c - 'A' + 10;
			else
				return 0;
			cp = cp * (hex ? 16 : 10) + (uint32_t)d;
			if (cp > 0x10ffff)
				/* Stays invalid and cannot overflow. */
				cp = 0x110000;
		}
		if (i == (hex ? 3u : 2u))
			return 0; /* "&#;" or "&#x;" */
		if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			cp = 0xfffd;
		return utf8_encode(cp, out);
	}
	for (k = 0; k < sizeof entities / sizeof entities[0]; k++) {
		const char *name = entities[k].name;
		if (strlen(name) == n - 2 && memcmp(name, s + 1, n - 2) == 0) {
			memcpy(out, entities[k].utf8, strlen(entities[k].utf8));
			return strlen(entities[k].utf8);
		}
	}
	return 0;
}
