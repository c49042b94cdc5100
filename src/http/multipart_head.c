/*
 * multipart_head: the header values of multipart/form-data: the
 * request's Content-Type (for its boundary) and each part's
 * Content-Disposition and Content-Type.  The rules taken are listed in
 * multipart.h; this file only applies them.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "multipart.h"
#include "multipart_int.h"
#include "url.h"
#include "utf8.h"

/* How much of a bad value a message quotes. */
#define QUOTE_MAX 60

static int
is_ws(int c)
{
	return c == ' ' || c == '\t';
}

/* RFC 9110 tchar: what a header name, type or parameter name is made of. */
static int
is_tchar(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') ||
	    (c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL);
}

static const char *
skip_ws(const char *s)
{
	while (is_ws(*s))
		s++;
	return s;
}

/*
 * The next parameter of a header value at *sp: ";" name "=" value, the
 * value a token or a quoted string, unquoted into val.  Returns 1, 0 at
 * the end of the value, or -1 with a static message in *err.  An
 * unquoted value runs to the next ';' (trailing white space dropped), so
 * that a client's unquoted "filename=my photo.jpg" still reads whole.
 */
static int
param_next(const char **sp, struct buf *key, struct buf *val, const char **err)
{
	const char *s = skip_ws(*sp), *start, *end;

	if (*s == '\0')
		return 0;
	if (*s != ';') {
		*err = "expected ';' before a parameter";
		return -1;
	}
	s = skip_ws(s + 1);
	if (*s == '\0') { /* a trailing ';' */
		*sp = s;
		return 0;
	}
	for (start = s; is_tchar((unsigned char)*s); s++)
		;
	if (s == start) {
		*err = "a parameter has no name";
		return -1;
	}
	buf_reset(key);
	buf_put(key, start, (size_t)(s - start));
	s = skip_ws(s);
	if (*s != '=') {
		*err = "a parameter has no '='";
		return -1;
	}
	s = skip_ws(s + 1);
	buf_reset(val);
	buf_put(val, "", 0);
	if (*s == '"') {
		for (s++; *s != '"'; s++) {
			if (*s == '\0') {
				*err = "a quoted value is not closed";
				return -1;
			}
			/* Only '"' and '\' are escaped: see multipart.h. */
			if (*s == '\\' && (s[1] == '"' || s[1] == '\\'))
				s++;
			buf_putc(val, *s);
		}
		s++;
	} else {
		for (start = s; *s != '\0' && *s != ';'; s++)
			;
		for (end = s; end > start && is_ws(end[-1]); end--)
			;
		buf_put(val, start, (size_t)(end - start));
	}
	*sp = s;
	return 1;
}

/* The type at the start of value v ("form-data", "multipart/form-data"). */
static const char *
type_end(const char *v)
{
	while (is_tchar((unsigned char)*v) || *v == '/')
		v++;
	return v;
}

int
multipart_boundary_parse(const char *ct, struct buf *boundary, struct buf *why)
{
	static const char want[] = "multipart/form-data";
	struct buf key = BUF_INIT, val = BUF_INIT;
	const char *s, *e, *err = NULL;
	size_t i;
	int rc = GZ_OK, seen = 0, r;

	buf_reset(boundary);
	if (ct == NULL) {
		buf_puts(why,
		    "the request has no Content-Type header; "
		    "send the form as multipart/form-data");
		return GZ_EINVAL;
	}
	s = skip_ws(ct);
	e = type_end(s);
	if ((size_t)(e - s) != sizeof want - 1 ||
	    strncasecmp(s, want, sizeof want - 1) != 0) {
		buf_printf(why,
		    "the Content-Type is \"%.*s\", not "
		    "multipart/form-data",
		    (int)strnlen(s, QUOTE_MAX), s);
		return GZ_EINVAL;
	}
	s = e;
	while ((r = param_next(&s, &key, &val, &err)) == 1) {
		if (strcasecmp(buf_cstr(&key), "boundary") != 0)
			continue;
		if (seen++) {
			err = "it gives the boundary twice";
			r = -1;
			break;
		}
		buf_reset(boundary);
		buf_put(boundary, val.data, val.len);
	}
	if (buf_error(&key) || buf_error(&val) || buf_error(boundary)) {
		rc = GZ_ENOMEM;
		goto out;
	}
	rc = GZ_EINVAL;
	if (r < 0) {
		buf_printf(why, "the Content-Type cannot be read: %s", err);
		goto out;
	}
	if (!seen) {
		buf_puts(why, "the Content-Type has no boundary parameter");
		goto out;
	}
	if (boundary->len == 0) {
		buf_puts(why, "the Content-Type's boundary is empty");
		goto out;
	}
	if (boundary->len > MULTIPART_BOUNDARY_MAX) {
		buf_printf(why,
		    "the Content-Type's boundary is %zu characters "
		    "long; RFC 2046 allows at most %d",
		    boundary->len, MULTIPART_BOUNDARY_MAX);
		goto out;
	}
	/* Printable ASCII keeps CR out of it, which the matcher relies on. */
	for (i = 0; i < boundary->len; i++) {
		unsigned char c = (unsigned char)boundary->data[i];
		if (c < 0x20 || c > 0x7e) {
			buf_printf(why,
			    "the Content-Type's boundary has a "
			    "control or non-ASCII byte (0x%02x)",
			    c);
			goto out;
		}
	}
	if (boundary->data[boundary->len - 1] == ' ') {
		buf_puts(why,
		    "the Content-Type's boundary ends with a space, "
		    "which RFC 2046 does not allow");
		goto out;
	}
	rc = GZ_OK;
out:
	buf_free(&key);
	buf_free(&val);
	return rc;
}

/* Whether code point cp is dropped from file names (see multipart.h). */
static int
filename_drops(uint32_t cp)
{
	return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0x200e ||
	    cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) ||
	    (cp >= 0x2066 && cp <= 0x2069);
}

void
multipart_filename_clean(struct buf *out, const char *raw, size_t n)
{
	size_t i, start = 0, len, from = out->len;
	uint32_t cp;
	char enc[4];

	for (i = 0; i < n; i++)
		if (raw[i] == '/' || raw[i] == '\\')
			start = i + 1;
	buf_put(out, "", 0);
	for (i = start; i < n; i += len) {
		len = utf8_decode(raw + i, n - i, &cp);
		if (!filename_drops(cp))
			buf_put(out, enc, utf8_encode(cp, enc));
	}
	if (buf_error(out))
		return;
	if (strcmp(out->data + from, ".") == 0 ||
	    strcmp(out->data + from, "..") == 0)
		buf_truncate(out, from);
}

/*
 * Decode filename's value: the HTML form encoding writes '"', CR and LF
 * as %22, %0D and %0A and escapes nothing else, so only those are read.
 */
static void
filename_plain(struct buf *out, const struct buf *v)
{
	struct buf d = BUF_INIT;
	size_t i;

	for (i = 0; i < v->len; i++) {
		if (v->data[i] == '%' && i + 2 < v->len &&
		    v->data[i + 1] == '2' && v->data[i + 2] == '2') {
			buf_putc(&d, '"');
			i += 2;
		} else if (v->data[i] == '%' && i + 2 < v->len &&
		    v->data[i + 1] == '0' &&
		    (v->data[i + 2] == 'A' || v->data[i + 2] == 'a' ||
		        v->data[i + 2] == 'D' || v->data[i + 2] == 'd')) {
			i += 2; /* CR and LF would be removed anyway */
		} else {
			buf_putc(&d, v->data[i]);
		}
	}
	buf_reset(out);
	multipart_filename_clean(out, d.data ? d.data : "", d.len);
	if (buf_error(&d))
		out->err = GZ_ENOMEM;
	buf_free(&d);
}

/*
 * Decode filename*'s value, charset'language'percent-encoded (RFC 8187),
 * into out.  UTF-8 and ISO-8859-1 are read.  Returns 0, or -1 when the
 * value is not of that form.
 */
static int
filename_ext(struct buf *out, const struct buf *v)
{
	struct buf d = BUF_INIT;
	const char *s = buf_cstr(v), *q1, *q2;
	int latin1, hi, lo;
	char enc[4];

	if ((q1 = strchr(s, '\'')) == NULL ||
	    (q2 = strchr(q1 + 1, '\'')) == NULL)
		return -1;
	if ((size_t)(q1 - s) == 5 && strncasecmp(s, "UTF-8", 5) == 0)
		latin1 = 0;
	else if ((size_t)(q1 - s) == 10 &&
	    strncasecmp(s, "ISO-8859-1", 10) == 0)
		latin1 = 1;
	else
		return -1;
	for (s = q2 + 1; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '%') {
			if ((hi = url_hex_digit(s[1])) < 0 ||
			    (lo = url_hex_digit(s[2])) < 0) {
				buf_free(&d);
				return -1;
			}
			c = (unsigned char)(hi * 16 + lo);
			s += 2;
		}
		if (latin1)
			buf_put(&d, enc, utf8_encode(c, enc));
		else
			buf_putc(&d, c);
	}
	buf_reset(out);
	multipart_filename_clean(out, d.data ? d.data : "", d.len);
	if (buf_error(&d))
		out->err = GZ_ENOMEM;
	buf_free(&d);
	return 0;
}

/* Trim white space from both ends of b. */
static void
trim(struct buf *b)
{
	size_t i = 0;

	while (b->len > 0 && is_ws(b->data[b->len - 1]))
		b->len--;
	while (i < b->len && is_ws(b->data[i]))
		i++;
	if (b->data == NULL)
		return;
	memmove(b->data, b->data + i, b->len - i);
	b->len -= i;
	b->data[b->len] = '\0';
}

/* Read the Content-Disposition value cd of part partno into h. */
static int
disposition_parse(
    const char *cd, size_t partno, struct multipart_head *h, struct buf *why)
{
	struct buf key = BUF_INIT, val = BUF_INIT, ext = BUF_INIT;
	const char *s = skip_ws(cd), *e = type_end(s), *err = NULL;
	int rc = GZ_EINVAL, r, name = 0, plain = 0, star = 0;

	if ((size_t)(e - s) != 9 || strncasecmp(s, "form-data", 9) != 0) {
		buf_printf(why,
		    "part %zu: its Content-Disposition is \"%.*s\", "
		    "not form-data",
		    partno, (int)strnlen(s, QUOTE_MAX), s);
		return GZ_EINVAL;
	}
	s = e;
	while ((r = param_next(&s, &key, &val, &err)) == 1) {
		const char *k = buf_cstr(&key);
		int *seen = strcasecmp(k, "name") == 0 ? &name
		    : strcasecmp(k, "filename") == 0   ? &plain
		    : strcasecmp(k, "filename*") == 0  ? &star
		                                       : NULL;
		if (seen == NULL)
			continue;
		if ((*seen)++) {
			buf_printf(why,
			    "part %zu: its Content-Disposition "
			    "gives %s twice",
			    partno, k);
			goto out;
		}
		if (seen == &name)
			buf_put(&h->name, val.data, val.len);
		else if (seen == &plain)
			filename_plain(&h->filename, &val);
		else if (filename_ext(&ext, &val) < 0) {
			buf_printf(why,
			    "part %zu: its filename* is not of the "
			    "form UTF-8''name (RFC 8187)",
			    partno);
			goto out;
		}
	}
	if (r < 0) {
		buf_printf(why,
		    "part %zu: its Content-Disposition cannot be "
		    "read: %s",
		    partno, err);
		goto out;
	}
	if (!name) {
		buf_printf(why, "part %zu: its Content-Disposition has no name",
		    partno);
		goto out;
	}
	if (star) { /* preferred: it can say what filename cannot */
		buf_reset(&h->filename);
		buf_put(&h->filename, ext.data, ext.len);
	}
	buf_put(&h->filename, "", 0);
	h->has_filename = plain || star;
	rc = GZ_OK;
out:
	if (buf_error(&key) || buf_error(&val) || buf_error(&ext) ||
	    buf_error(&h->filename) || buf_error(&h->name))
		rc = GZ_ENOMEM;
	buf_free(&key);
	buf_free(&val);
	buf_free(&ext);
	return rc;
}

int
multipart_head_parse(const char *block, size_t n, size_t partno,
    struct multipart_head *h, struct buf *why)
{
	struct buf cd = BUF_INIT, other = BUF_INIT, *cur = NULL;
	const char *line, *end = block + n, *eol, *colon, *p;
	int rc = GZ_EINVAL, has_cd = 0;

	buf_reset(&h->name);
	buf_reset(&h->filename);
	buf_reset(&h->ctype);
	buf_put(&h->name, "", 0);
	h->has_filename = h->has_ctype = 0;
	for (line = block; line < end; line = eol + 2) {
		/* The caller checked that every line ends in CRLF. */
		eol = memchr(line, '\r', (size_t)(end - line));
		if (eol == NULL)
			eol = end;
		if (is_ws(*line)) { /* obsolete folding: join */
			if (cur == NULL) {
				buf_printf(why,
				    "part %zu: its first header "
				    "line starts with white space",
				    partno);
				goto out;
			}
			buf_putc(cur, ' ');
			buf_put(cur, line, (size_t)(eol - line));
			continue;
		}
		colon = memchr(line, ':', (size_t)(eol - line));
		for (p = line; p < eol && is_tchar((unsigned char)*p); p++)
			;
		if (colon == NULL || p != colon || p == line) {
			buf_printf(why,
			    "part %zu: the header line \"%.*s\" is "
			    "not of the form Name: value",
			    partno,
			    (int)(eol - line < QUOTE_MAX ? eol - line
			                                 : QUOTE_MAX),
			    line);
			goto out;
		}
		if ((size_t)(colon - line) == 19 &&
		    strncasecmp(line, "Content-Disposition", 19) == 0) {
			if (has_cd++) {
				buf_printf(why,
				    "part %zu: it has two "
				    "Content-Disposition headers",
				    partno);
				goto out;
			}
			cur = &cd;
		} else if ((size_t)(colon - line) == 12 &&
		    strncasecmp(line, "Content-Type", 12) == 0) {
			if (h->has_ctype++) {
				buf_printf(why,
				    "part %zu: it has two "
				    "Content-Type headers",
				    partno);
				goto out;
			}
			cur = &h->ctype;
		} else {
			buf_reset(&other);
			cur = &other;
		}
		buf_put(cur, colon + 1, (size_t)(eol - colon - 1));
	}
	if (buf_error(&cd) || buf_error(&h->ctype)) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if (!has_cd) {
		buf_printf(
		    why, "part %zu: no Content-Disposition header", partno);
		goto out;
	}
	trim(&cd);
	trim(&h->ctype);
	if (h->ctype.len == 0) /* "Content-Type:" with nothing: absent */
		h->has_ctype = 0;
	rc = disposition_parse(buf_cstr(&cd), partno, h, why);
out:
	buf_free(&cd);
	buf_free(&other);
	return rc;
}
