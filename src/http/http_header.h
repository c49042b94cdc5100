/*
 * http_header: the request headers a static server must understand, each
 * a pure function over the header's text: Accept-Encoding, Range,
 * If-None-Match, and HTTP dates.  Fuzzed with the paths
 * (fuzz/fuzz_http_path.c).
 */
#ifndef GZ_HTTP_HEADER_H
#define GZ_HTTP_HEADER_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

/* Room for an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37 GMT") and NUL. */
#define HTTP_DATE_SIZE 30

/*
 * Whether an Accept-Encoding value allows gzip: "gzip" (or "x-gzip")
 * listed with a q-value above 0, or "*" above 0 when gzip is not listed.
 * "gzip;q=0" and "gzip;q=0.000" refuse it.  NULL (no header) is no.
 */
int http_accepts_gzip(const char *ae);

enum http_range {
	HTTP_RANGE_NONE,          /* no usable Range: send the whole file */
	HTTP_RANGE_OK,            /* one satisfiable range: 206 */
	HTTP_RANGE_UNSATISFIABLE, /* a valid range past the end: 416 */
};

/*
 * Parse a Range value for a representation of size bytes: "bytes=a-b",
 * "bytes=a-" or "bytes=-n".  On HTTP_RANGE_OK, *first and *len describe
 * the bytes to send (len >= 1).  A syntax error, another unit or several
 * ranges give HTTP_RANGE_NONE (the header is ignored, as RFC 9110
 * allows); a first byte at or past the end, or a suffix of 0 bytes,
 * gives HTTP_RANGE_UNSATISFIABLE.
 */
enum http_range http_range_parse(
    const char *h, uint64_t size, uint64_t *first, uint64_t *len);

/*
 * Whether an If-None-Match value matches etag (a quoted entity tag):
 * "*", or etag in the comma-separated list, compared weakly (a "W/"
 * prefix on either side is ignored).
 */
int http_etag_match(const char *inm, const char *etag);

/*
 * Parse an HTTP date: the IMF-fixdate form ("Sun, 06 Nov 1994 08:49:37
 * GMT"), and the obsolete RFC 850 and asctime forms.  Returns 0 and
 * sets *t, or -1.
 */
int http_date_parse(const char *s, time_t *t);
/* Format t as an IMF-fixdate into out (HTTP_DATE_SIZE bytes). */
void http_date_format(time_t t, char *out);

#endif
