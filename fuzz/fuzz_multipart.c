/*
 * fuzz_multipart: libFuzzer target for the multipart/form-data parser
 * (src/http/multipart.c), which reads what anyone can post to the admin.
 *
 * The input's first line is the request's Content-Type value; the rest
 * is the body.  The body is parsed three times: whole, in pieces whose
 * sizes come from a generator seeded by the input, and (when short) one
 * byte at a time.  The three must see the same parts, the same data and
 * the same answer and message: chunking is the client's choice, never
 * the parser's business.  Besides, a part's name is never NULL, a file
 * name is one path component of valid UTF-8 without control bytes, no
 * more than MAX_PARTS parts begin, and no part's data holds a whole
 * delimiter line.  Any violation aborts.
 *
 *	make fuzz && build/fuzz/fuzz_multipart fuzz/corpus/multipart
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "multipart.h"
#include "multipart_int.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_PARTS 8

#define fail(why)                                                              \
	do {                                                                   \
		fprintf(stderr, "fuzz_multipart: %s\n", why);                  \
		abort();                                                       \
	} while (0)

/* One run's events: "B" fields, "D" length ":" data (merged), "E". */
struct run {
	struct buf log;
	struct buf data; /* the current part's data, not yet logged */
	size_t parts;
	const char *delim; /* "\r\n--" boundary */
	size_t dlen;
};

static void
field(struct buf *log, const char *s)
{
	if (s == NULL) {
		buf_putc(log, 1);
		return;
	}
	buf_puts(log, s);
	buf_putc(log, 0);
}

static void
check_filename(const char *f)
{
	size_t i, n = strlen(f);

	if (!utf8_valid(f, n, NULL))
		fail("file name not UTF-8");
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)f[i];
		if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
			fail("file name has a separator or control byte");
	}
	if (strcmp(f, ".") == 0 || strcmp(f, "..") == 0)
		fail("file name is a dot name");
}

/* No whole delimiter line inside a part's data. */
static void
check_data(const struct run *r)
{
	const char *p = r->data.data, *end = p + r->data.len, *q;

	if (r->dlen == 0)
		return;
	for (; p && (q = memmem(p, (size_t)(end - p), r->delim, r->dlen));
	     p = q + 1) {
		const char *after = q + r->dlen;
		if (after == end)
			fail("data ends with a delimiter");
		if (*after != '\0' && strchr("\r\n \t", *after) != NULL)
			fail("data holds a delimiter line");
		/* A '-' last in the data was followed by something else. */
		if (*after == '-' && after + 1 < end && after[1] == '-')
			fail("data holds a closing delimiter");
	}
}

static void
flush(struct run *r)
{
	if (r->data.len == 0)
		return;
	check_data(r);
	buf_printf(&r->log, "D%zu:", r->data.len);
	buf_put(&r->log, r->data.data, r->data.len);
	buf_reset(&r->data);
}

static int
on_begin(const struct multipart_part *p, void *arg)
{
	struct run *r = arg;

	if (p->name == NULL)
		fail("part without a name");
	if (++r->parts > MAX_PARTS)
		fail("more parts than allowed");
	if (p->filename != NULL)
		check_filename(p->filename);
	if (p->content_type != NULL && strpbrk(p->content_type, "\r\n"))
		fail("content type with a line break");
	buf_putc(&r->log, 'B');
	field(&r->log, p->name);
	field(&r->log, p->filename);
	field(&r->log, p->content_type);
	return 0;
}

static int
on_data(const char *d, size_t n, void *arg)
{
	struct run *r = arg;

	if (n == 0)
		fail("part_data with no bytes");
	buf_put(&r->data, d, n);
	return 0;
}

static int
on_end(void *arg)
{
	struct run *r = arg;

	flush(r);
	buf_putc(&r->log, 'E');
	return 0;
}

/* The next piece size: xorshift, mostly small, sometimes large. */
static size_t
piece(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return (*s & 0x300) ? 1 + (*s % 16) : 1 + (*s % 4096);
}

/*
 * Parse body[0..n) in pieces: seed 0 whole, 1 byte by byte, else sizes
 * from the generator.  The answer and message are logged too.
 */
static void
run_parse(
    const char *ct, const char *body, size_t n, uint32_t seed, struct run *r)
{
	struct multipart_cb cb = {on_begin, on_data, on_end, r};
	struct buf why = BUF_INIT;
	struct multipart *m;
	size_t i, k;
	int rc;

	if ((rc = multipart_new(ct, &cb, MAX_PARTS, &m, &why)) != GZ_OK) {
		buf_printf(&r->log, "new %d %s", rc, buf_cstr(&why));
		buf_free(&why);
		return;
	}
	for (i = 0, rc = GZ_OK; i < n && rc == GZ_OK; i += k) {
		k = seed == 0 ? n : seed == 1 ? 1 : piece(&seed);
		if (k > n - i)
			k = n - i;
		rc = multipart_feed(m, body + i, k, &why);
	}
	if (rc == GZ_OK)
		rc = multipart_finish(m, &why);
	flush(r);
	if (rc != GZ_OK && why.len == 0 && rc != GZ_ENOMEM)
		fail("refused without a message");
	buf_printf(&r->log, "rc %d %s", rc, buf_cstr(&why));
	multipart_free(m);
	buf_free(&why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct run runs[3];
	struct buf boundary = BUF_INIT, why = BUF_INIT, delim = BUF_INIT;
	const char *nl = memchr(data, '\n', size), *body;
	char *ct;
	size_t ctlen, n, i;
	uint32_t seed = 2166136261u;

	ctlen = nl ? (size_t)(nl - (const char *)data) : size;
	if ((ct = malloc(ctlen + 1)) == NULL)
		return 0;
	memcpy(ct, data, ctlen);
	ct[ctlen] = '\0';
	body = nl ? nl + 1 : "";
	n = nl ? size - ctlen - 1 : 0;
	for (i = 0; i < size; i++)
		seed = (seed ^ data[i]) * 16777619u;
	seed |= 2; /* never 0 or 1, which mean whole and byte by byte */
	if (multipart_boundary_parse(ct, &boundary, &why) == GZ_OK) {
		buf_puts(&delim, "\r\n--");
		buf_put(&delim, boundary.data, boundary.len);
	}
	for (i = 0; i < 3; i++) {
		memset(&runs[i], 0, sizeof runs[i]);
		runs[i].delim = buf_cstr(&delim);
		runs[i].dlen = delim.len;
	}
	run_parse(ct, body, n, 0, &runs[0]);
	run_parse(ct, body, n, seed, &runs[1]);
	if (buf_error(&runs[0].log) || buf_error(&runs[1].log))
		goto out;
	if (!buf_eq(&runs[0].log, &runs[1].log))
		fail("pieces and whole differ");
	if (n <= 4096) {
		run_parse(ct, body, n, 1, &runs[2]);
		if (!buf_error(&runs[2].log) &&
		    !buf_eq(&runs[0].log, &runs[2].log))
			fail("byte by byte and whole differ");
	}
out:
	for (i = 0; i < 3; i++) {
		buf_free(&runs[i].log);
		buf_free(&runs[i].data);
	}
	buf_free(&boundary);
	buf_free(&why);
	buf_free(&delim);
	free(ct);
	return 0;
}
