/*
 * fuzz_http_path: libFuzzer target for what the server reads from the
 * network before it touches a file: the request-target (http_path.c)
 * and the header parsers (http_header.c).  The input is one request-
 * target (or header value); every parser gets it.
 *
 * A decoded path must be one the server can look up without leaving
 * its folder: it starts with '/', has no empty, "." or ".." segment, no
 * backslash, no control byte, is UTF-8 and not longer than
 * HTTP_PATH_MAX; encoding it again segment by segment and decoding gives
 * it back.  A range must lie inside the file; a parsed date must format
 * and parse back to the same second.  Any violation aborts.
 *
 *	make fuzz && build/fuzz/fuzz_http_path fuzz/corpus/http_path
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "escape.h"
#include "http_header.h"
#include "http_mime.h"
#include "http_path.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(why)                                                              \
	do {                                                                   \
		fprintf(stderr, "fuzz_http_path: %s\n", why);                  \
		abort();                                                       \
	} while (0)

static void
check_path(const char *p, size_t n)
{
	struct buf out = BUF_INIT, again = BUF_INIT, enc = BUF_INIT;
	const char *reason, *seg, *s;
	size_t i, k;
	int rc, hidden = 0;

	rc = http_path_decode(p, n, &out, &reason);
	if (rc != GZ_OK) {
		if (reason == NULL && rc != GZ_ENOMEM)
			fail("refused without a reason");
		buf_free(&out);
		return;
	}
	if (out.len == 0 || out.data[0] != '/' || out.len > HTTP_PATH_MAX ||
	    strlen(out.data) != out.len)
		fail("bad shape");
	if (!utf8_valid(out.data, out.len, NULL))
		fail("not UTF-8");
	for (i = 0; i < out.len; i++) {
		unsigned char c = (unsigned char)out.data[i];
		if (c < 0x20 || c == 0x7f || c == '\\')
			fail("control byte or backslash");
	}
	/* Segments: none empty (but a trailing one), none "." or "..". */
	for (s = out.data + 1; s <= out.data + out.len; s = seg + k + 1) {
		seg = s;
		k = strcspn(seg, "/");
		if (k == 0 && seg + k != out.data + out.len)
			fail("empty segment");
		if ((k == 1 && seg[0] == '.') ||
		    (k == 2 && seg[0] == '.' && seg[1] == '.'))
			fail("dot segment");
		if (k > 0 && seg[0] == '.')
			hidden = 1;
	}
	if (http_path_hidden(out.data, out.len) != hidden)
		fail("http_path_hidden disagrees");
	/* Encode each segment again: decoding gives the same path. */
	for (s = out.data; *s == '/';) {
		seg = ++s;
		while (*s && *s != '/')
			s++;
		buf_putc(&enc, '/');
		escape_url(&enc, seg, (size_t)(s - seg));
	}
	if (buf_error(&enc) == GZ_OK) {
		if (http_path_decode(enc.data, enc.len, &again, &reason) !=
		        GZ_OK ||
		    !buf_eq(&out, &again))
			fail("encode and decode changed the path");
	}
	(void)http_mime_type(out.data, out.len);
	buf_free(&out);
	buf_free(&again);
	buf_free(&enc);
}

static void
check_form(const char *q, size_t n)
{
	struct buf pairs = BUF_INIT;
	size_t count, seen = 0;
	const char *p, *end;

	count = http_form_decode(q, n, &pairs);
	if (buf_error(&pairs)) {
		buf_free(&pairs);
		return;
	}
	p = pairs.data;
	end = p ? p + pairs.len : p;
	while (p < end) {
		const char *v = p + strlen(p) + 1;
		if (*p == '\0' || v >= end)
			fail("bad pair");
		if (seen == 0 && http_form_get(pairs.data, pairs.len, p) != v)
			fail("http_form_get missed the first pair");
		p = v + strlen(v) + 1;
		seen++;
	}
	if (seen != count)
		fail("pair count");
	buf_free(&pairs);
}

static void
check_headers(const char *s)
{
	static const uint64_t sizes[] = {0, 1, 10, 1000, UINT64_MAX};
	uint64_t first, len;
	size_t i;
	time_t t, t2;
	char date[HTTP_DATE_SIZE];

	(void)http_accepts_gzip(s);
	(void)http_etag_match(s, "\"5f-1a\"");
	for (i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
		if (http_range_parse(s, sizes[i], &first, &len) ==
		        HTTP_RANGE_OK &&
		    (len == 0 || first >= sizes[i] || len > sizes[i] - first))
			fail("range outside the file");
	}
	if (http_date_parse(s, &t) == 0) {
		http_date_format(t, date);
		if (http_date_parse(date, &t2) != 0 || t2 != t)
			fail("date does not round-trip");
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path, *query, *reason;
	size_t pathlen, querylen;
	char *s;

	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (http_target_split(s, size, &path, &pathlen, &query, &querylen,
	        &reason) == GZ_OK) {
		if (path == NULL ||
		    (!(pathlen == 1 && path[0] == '/') &&
		        (path < s || path + pathlen > s + size)))
			fail("path outside the target");
		if (query != NULL && (query < s || query + querylen > s + size))
			fail("query outside the target");
		check_path(path, pathlen);
		if (query != NULL)
			check_form(query, querylen);
	}
	check_path(s, size);
	check_form(s, size);
	check_headers(s);
	free(s);
	return 0;
}
