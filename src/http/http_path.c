/*
 * http_path: request-targets, paths and forms.  See http_path.h.
 *
 * The path is judged after decoding, segment by segment, because every
 * trick to climb out of a folder ("..", "%2e%2e", ".%2E", "%2f", "\")
 * looks harmless in one form or the other; the only safe order is
 * decode first, then refuse what the decoded form could mean.
 */
#include <string.h>
#include <strings.h>

#include "http_path.h"
#include "url.h"
#include "utf8.h"

int
http_target_split(const char *t, size_t n, const char **path, size_t *pathlen,
    const char **query, size_t *querylen, const char **reason)
{
	const char *end = t + n, *p = t, *q, *hash;

	*path = NULL;
	*pathlen = 0;
	*query = NULL;
	*querylen = 0;
	if ((hash = memchr(t, '#', n)) != NULL)
		end = hash;
	if (p < end && *p != '/') {
		size_t k = 0;
		/* Absolute form: scheme "://" authority, then the path. */
		if (end - p > 7 && strncasecmp(p, "http://", 7) == 0)
			k = 7;
		else if (end - p > 8 && strncasecmp(p, "https://", 8) == 0)
			k = 8;
		if (k == 0) {
			*reason = "the request-target is not a path";
			return GZ_EINVAL;
		}
		p += k;
		while (p < end && *p != '/' && *p != '?')
			p++;
		if (p == end || *p != '/') {
			/* "http://host" and "http://host?q" mean "/". */
			*path = "/";
			*pathlen = 1;
			if (p < end) {
				*query = p + 1;
				*querylen = (size_t)(end - p - 1);
			}
			return GZ_OK;
		}
	}
	if (p == end) {
		*reason = "the request-target is empty";
		return GZ_EINVAL;
	}
	if ((q = memchr(p, '?', (size_t)(end - p))) != NULL) {
		*query = q + 1;
		*querylen = (size_t)(end - q - 1);
		end = q;
	}
	*path = p;
	*pathlen = (size_t)(end - p);
	return GZ_OK;
}

/* Whether out[seg..len) is "." or "..". */
static int
dot_segment(const struct buf *out, size_t seg)
{
	size_t k = out->len - seg;
	const char *s = out->data + seg;

	return (k == 1 && s[0] == '.') ||
	    (k == 2 && s[0] == '.' && s[1] == '.');
}

/* Leave out NUL-terminated (room is reserved) and say why. */
static int
refuse(struct buf *out, const char **reason, const char *why, int rc)
{
	out->data[out->len] = '\0';
	*reason = why;
	return rc;
}

int
http_path_decode(
    const char *raw, size_t n, struct buf *out, const char **reason)
{
	size_t i, seg;
	int c, hi, lo;

	buf_reset(out);
	*reason = NULL;
	if (n == 0 || raw[0] != '/') {
		*reason = "the path does not start with /";
		return GZ_EINVAL;
	}
	if (n > 3 * HTTP_PATH_MAX) {
		*reason = "the path is too long";
		return GZ_ETOOBIG;
	}
	/* The decoded path is never longer than raw: reserve it all. */
	if (buf_grow(out, n + 1))
		return GZ_ENOMEM;
	seg = 0;
	for (i = 0; i < n; i++) {
		c = (unsigned char)raw[i];
		if (c == '%') {
			if (i + 2 >= n ||
			    (hi = url_hex_digit((unsigned char)raw[i + 1])) < 0 ||
			    (lo = url_hex_digit((unsigned char)raw[i + 2])) < 0)
				return refuse(out, reason,
				    "a % is not followed by two hex digits",
				    GZ_EINVAL);
			c = hi * 16 + lo;
			i += 2;
			if (c == '/' || c == '\\')
				return refuse(out, reason,
				    "the path has an encoded / or \\",
				    GZ_EINVAL);
		} else if (c == '\\') {
			return refuse(
			    out, reason, "the path has a backslash", GZ_EINVAL);
		} else if (c == ' ' || c == '#') {
			return refuse(out, reason, "the path has a space or #",
			    GZ_EINVAL);
		} else if (c == '/') {
			/* The end of a segment: judge it, merge slashes. */
			if (out->len > 0 && dot_segment(out, seg))
				return refuse(out, reason,
				    "the path has a . or .. segment",
				    GZ_EINVAL);
			if (out->len > 0 && out->data[out->len - 1] == '/')
				continue;
			out->data[out->len++] = '/';
			seg = out->len;
			continue;
		}
		if (c < 0x20 || c == 0x7f)
			return refuse(out, reason,
			    "the path has a NUL or control character",
			    GZ_EINVAL);
		out->data[out->len++] = (char)c;
	}
	if (dot_segment(out, seg))
		return refuse(
		    out, reason, "the path has a . or .. segment", GZ_EINVAL);
	out->data[out->len] = '\0';
	if (out->len > HTTP_PATH_MAX) {
		*reason = "the path is too long";
		return GZ_ETOOBIG;
	}
	if (!utf8_valid(out->data, out->len, NULL)) {
		*reason = "the path is not UTF-8";
		return GZ_EUTF8;
	}
	return GZ_OK;
}

int
http_path_hidden(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i++)
		if (p[i] == '/' && p[i + 1] == '.')
			return 1;
	return n > 0 && p[0] == '.';
}

/* Append the decoded q[0..n) to out; returns -1 if it holds a NUL. */
static int
form_part(const char *q, size_t n, struct buf *out)
{
	size_t i, start = 0;
	int hi, lo, c;

	for (i = 0; i < n; i++) {
		if (q[i] == '+') {
			buf_put(out, q + start, i - start);
			buf_putc(out, ' ');
			start = i + 1;
		} else if (q[i] == '%' && i + 2 < n &&
		    (hi = url_hex_digit((unsigned char)q[i + 1])) >= 0 &&
		    (lo = url_hex_digit((unsigned char)q[i + 2])) >= 0) {
			c = hi * 16 + lo;
			if (c == 0)
				return -1;
			buf_put(out, q + start, i - start);
			buf_putc(out, c);
			i += 2;
			start = i + 1;
		} else if (q[i] == '\0') {
			return -1;
		}
	}
	buf_put(out, q + start, n - start);
	return 0;
}

size_t
http_form_decode(const char *q, size_t n, struct buf *out)
{
	const char *end = q + n, *amp, *eq;
	size_t count = 0, mark;

	while (q < end) {
		if ((amp = memchr(q, '&', (size_t)(end - q))) == NULL)
			amp = end;
		if ((eq = memchr(q, '=', (size_t)(amp - q))) == NULL)
			eq = amp;
		mark = out->len;
		if (eq > q && form_part(q, (size_t)(eq - q), out) == 0) {
			buf_putc(out, '\0');
			if (form_part(eq < amp ? eq + 1 : amp,
			        eq < amp ? (size_t)(amp - eq - 1) : 0,
			        out) == 0) {
				buf_putc(out, '\0');
				count++;
			} else {
				buf_truncate(out, mark);
			}
		} else {
			buf_truncate(out, mark);
		}
		q = amp < end ? amp + 1 : end;
	}
	return count;
}

const char *
http_form_get(const char *pairs, size_t n, const char *name)
{
	const char *p = pairs, *end = pairs + n, *v;

	while (p < end) {
		v = p + strlen(p) + 1;
		if (v >= end)
			break;
		if (strcmp(p, name) == 0)
			return v;
		p = v + strlen(v) + 1;
	}
	return NULL;
}
