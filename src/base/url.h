/*
 * url: taking URLs apart, for the link checker and (later) the server:
 * the scheme, the origin (scheme, host, port) and path of an absolute
 * URL, percent-decoding.  Building URLs is escape_url() (escape.h).
 */
#ifndef GZ_URL_H
#define GZ_URL_H

#include <stddef.h>

#include "buf.h"

struct url_origin {
	char scheme[8]; /* "http" or "https" */
	const char *host;
	size_t hostlen;
	long port;
	const char *path; /* the path, up to ? or # */
	size_t pathlen;
};

/*
 * Parse the authority at s (after "//") and the path after it, for
 * scheme; the port defaults to the scheme's.  o points into s.  Returns
 * 0, or -1 when the port is not a number.
 */
int url_origin_parse(struct url_origin *o, const char *scheme, const char *s);
/* Whether a and b are one origin: scheme, host (any case) and port. */
int url_origin_same(const struct url_origin *a, const struct url_origin *b);
/* The scheme of u in lower case into sch (size 8); its length, or 0. */
size_t url_scheme(const char *u, char *sch);
/* The value of the hex digit c (either case), or -1. */
int url_hex_digit(int c);
/* Append s[0..n) percent-decoded; a % not followed by two hex digits
 * stays as it is.  Returns 1 if a NUL was decoded. */
int url_decode(struct buf *out, const char *s, size_t n);

#endif
