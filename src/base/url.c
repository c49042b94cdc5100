/*
 * url: taking URLs apart — scheme, origin, percent-decoding.  See url.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "url.h"

static int
lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/*
 * Parse the authority at s (after "//") and the path after it, for
 * scheme; the port defaults to the scheme's.  Returns 0, or -1 when the
 * port is not a number.
 */
int
url_origin_parse(struct url_origin *o, const char *scheme, const char *s)
{
	const char *end = s + strcspn(s, "/?#"), *at, *host, *colon = NULL;
	const char *p;

	snprintf(o->scheme, sizeof o->scheme, "%s", scheme);
	/* user:password@ goes */
	for (host = s, at = s; at < end; at++)
		if (*at == '@')
			host = at + 1;
	if (*host == '[') {
		p = memchr(host, ']', (size_t)(end - host));
		if (p && p + 1 < end && p[1] == ':')
			colon = p + 1;
	} else {
		p = memchr(host, ':', (size_t)(end - host));
		colon = p;
	}
	o->host = host;
	o->hostlen = (size_t)((colon ? colon : end) - host);
	o->port = strcmp(scheme, "https") == 0 ? 443 : 80;
	if (colon && colon + 1 < end) {
		o->port = 0;
		for (p = colon + 1; p < end; p++) {
			if (*p < '0' || *p > '9' || o->port > 65535)
				return -1;
			o->port = o->port * 10 + (*p - '0');
		}
	}
	o->path = end;
	o->pathlen = strcspn(end, "?#");
	return 0;
}

/* The scheme of u in lower case into sch (size 8); its length, or 0. */
size_t
url_scheme(const char *u, char *sch)
{
	size_t i;

	if (!isalpha((unsigned char)u[0]))
		return 0;
	for (i = 0; u[i] &&
	     (isalnum((unsigned char)u[i]) || u[i] == '+' || u[i] == '-' ||
	         u[i] == '.');
	     i++)
		if (i < 7)
			sch[i] = (char)lower(u[i]);
	if (u[i] != ':')
		return 0;
	sch[i < 7 ? i : 7] = '\0';
	return i;
}

/* Whether a and b are one origin: scheme, host (any case) and port. */
int
url_origin_same(const struct url_origin *a, const struct url_origin *b)
{
	size_t i;

	if (strcmp(a->scheme, b->scheme) != 0 || a->port != b->port ||
	    a->hostlen != b->hostlen)
		return 0;
	for (i = 0; i < a->hostlen; i++)
		if (lower(a->host[i]) != lower(b->host[i]))
			return 0;
	return 1;
}

int
url_hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = lower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* Append s[0..n) percent-decoded; a % not followed by two hex digits
 * stays as it is.  Returns 1 if a NUL was decoded. */
int
url_decode(struct buf *out, const char *s, size_t n)
{
	size_t i;
	int nul = 0;

	for (i = 0; i < n; i++) {
		int h, l;

		if (s[i] == '%' && i + 2 < n &&
		    (h = url_hex_digit((unsigned char)s[i + 1])) >= 0 &&
		    (l = url_hex_digit((unsigned char)s[i + 2])) >= 0) {
			buf_putc(out, h * 16 + l);
			nul |= h == 0 && l == 0;
			i += 2;
		} else {
			buf_putc(out, s[i]);
		}
	}
	return nul;
}

