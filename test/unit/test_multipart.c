/*
 * Unit tests for multipart: bodies as browsers send them, fed whole and
 * in every chunk size, data that looks like a boundary but is not, the
 * header values (quoted, escaped, filename*, Windows paths), and every
 * refusal with its message.
 */
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "unit.h"

#define CT "multipart/form-data; boundary=XyZ"

/* What the callbacks saw: "[name|filename|type]data{end}" per part. */
struct rec {
	struct buf log;
	int stop_at_data; /* return this from part_data() */
	size_t data_calls;
};

static void
put_field(struct buf *b, const char *s)
{
	buf_puts(b, s ? s : "(null)");
}

static int
rec_begin(const struct multipart_part *p, void *arg)
{
	struct rec *r = arg;

	buf_putc(&r->log, '[');
	put_field(&r->log, p->name);
	buf_putc(&r->log, '|');
	put_field(&r->log, p->filename);
	buf_putc(&r->log, '|');
	put_field(&r->log, p->content_type);
	buf_putc(&r->log, ']');
	return 0;
}

static int
rec_data(const char *data, size_t n, void *arg)
{
	struct rec *r = arg;

	assert_true(n > 0);
	r->data_calls++;
	buf_put(&r->log, data, n);
	return r->stop_at_data;
}

static int
rec_end(void *arg)
{
	struct rec *r = arg;

	buf_puts(&r->log, "{end}");
	return 0;
}

/*
 * Parse body[0..n) with content type ct, fed in chunks of chunk bytes
 * (0: whole), into r->log; the message goes to why.  Returns the first
 * error, or finish's answer.
 */
static int
parse(const char *ct, const char *body, size_t n, size_t chunk,
    size_t max_parts, struct rec *r, struct buf *why)
{
	struct multipart_cb cb = {rec_begin, rec_data, rec_end, r};
	struct multipart *m;
	size_t i, k;
	int rc;

	buf_reset(&r->log);
	buf_put(&r->log, "", 0);
	buf_reset(why);
	if ((rc = multipart_new(ct, &cb, max_parts, &m, why)))
		return rc;
	if (chunk == 0)
		chunk = n ? n : 1;
	for (i = 0; i < n; i += k) {
		k = n - i < chunk ? n - i : chunk;
		if ((rc = multipart_feed(m, body + i, k, why))) {
			multipart_free(m);
			return rc;
		}
	}
	rc = multipart_finish(m, why);
	multipart_free(m);
	return rc;
}

/* Parse body[0..n) whole and expect success with log want[0..wn). */
static void
ok_n(const char *ct, const char *body, size_t n, const char *want, size_t wn)
{
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT;
	int rc = parse(ct, body, n, 0, 16, &r, &why);

	if (rc != GZ_OK)
		fail_msg("refused (%d): %s", rc, buf_cstr(&why));
	if (r.log.len != wn || memcmp(r.log.data, want, wn) != 0)
		fail_msg("log \"%s\", want \"%s\"", buf_cstr(&r.log), want);
	buf_free(&r.log);
	buf_free(&why);
}

static void
ok(const char *ct, const char *body, const char *want)
{
	ok_n(ct, body, strlen(body), want, strlen(want));
}

/* Parse body whole and in every chunk size; expect rc and message. */
static void
bad(const char *ct, const char *body, size_t max_parts, const char *msg)
{
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT;
	size_t n = strlen(body), c;
	int rc;

	for (c = 0; c <= n; c++) {
		rc = parse(ct, body, n, c, max_parts, &r, &why);
		if (rc != GZ_EINVAL)
			fail_msg("chunk %zu: accepted (%d); log %s", c, rc,
			    buf_cstr(&r.log));
		if (strstr(buf_cstr(&why), msg) == NULL)
			fail_msg("chunk %zu: message \"%s\" lacks \"%s\"", c,
			    buf_cstr(&why), msg);
	}
	buf_free(&r.log);
	buf_free(&why);
}

/* Every chunk size from 1 to n gives the same log and answer as whole. */
static void
same_in_chunks(const char *ct, const char *body, size_t n)
{
	struct rec whole = {BUF_INIT, 0, 0}, part = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT, why2 = BUF_INIT;
	size_t c;
	int rc, rc2;

	rc = parse(ct, body, n, 0, 16, &whole, &why);
	for (c = 1; c <= n; c++) {
		rc2 = parse(ct, body, n, c, 16, &part, &why2);
		if (rc2 != rc || !buf_eq(&whole.log, &part.log) ||
		    strcmp(buf_cstr(&why), buf_cstr(&why2)) != 0)
			fail_msg("chunk %zu differs: %d/%d, %s / %s", c, rc,
			    rc2, buf_cstr(&why), buf_cstr(&why2));
	}
	buf_free(&whole.log);
	buf_free(&part.log);
	buf_free(&why);
	buf_free(&why2);
}

/* What Chrome sends for a text field and a file. */
static const char chrome_body[] =
    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
    "Content-Disposition: form-data; name=\"title\"\r\n"
    "\r\n"
    "\xe6\x96\xb0\xe9\x97\xbb headline\r\n"
    "------WebKitFormBoundary7MA4YWxkTrZu0gW\r\n"
    "Content-Disposition: form-data; name=\"file\"; "
    "filename=\"photo.jpg\"\r\n"
    "Content-Type: image/jpeg\r\n"
    "\r\n"
    "\xff\xd8\xff\xe0\x00\x10JFIF\x00\r\n\r\n--\r\n-\xff\xd9\r\n"
    "------WebKitFormBoundary7MA4YWxkTrZu0gW--\r\n";
static const char chrome_ct[] =
    "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW";

static void
test_two_parts(void **state)
{
	static const char want[] =
	    "[title|(null)|(null)]\xe6\x96\xb0\xe9\x97\xbb headline{end}"
	    "[file|photo.jpg|image/jpeg]"
	    "\xff\xd8\xff\xe0\x00\x10JFIF\x00\r\n\r\n--\r\n-\xff\xd9{end}";

	ok_n(chrome_ct, chrome_body, sizeof chrome_body - 1, want,
	    sizeof want - 1);
	/* curl's style: no preamble, lower-case header names. */
	ok(CT,
	    "--XyZ\r\ncontent-disposition: FORM-DATA; NAME=a\r\n"
	    "CONTENT-TYPE: text/plain; charset=utf-8\r\n\r\n1\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n"
	    "2\r\n--XyZ--\r\n",
	    "[a|(null)|text/plain; "
	    "charset=utf-8]1{end}[b|(null)|(null)]2{end}");
}

static void
test_every_chunk_size(void **state)
{
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT;

	same_in_chunks(chrome_ct, chrome_body, sizeof chrome_body - 1);
	/* Chunked feeding does not call part_data() byte by byte when a
	 * chunk has room: one call per chunk of plain data. */
	assert_int_equal(parse(chrome_ct, chrome_body, sizeof chrome_body - 1,
	                     0, 16, &r, &why),
	    GZ_OK);
	assert_true(r.data_calls <= 6);
	buf_free(&r.log);
	buf_free(&why);
}

static void
test_almost_boundary(void **state)
{
	/* Each line of data starts like the delimiter and is not one. */
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=f; filename=a.bin"
	    "\r\n\r\n"
	    "\r\n--\r\n--X\r\n--Xy\r\r\n--XyZz\r\n--XyZ-x\r\n--XyZ-\r\n-X"
	    "\r\n\r\n--X\r\r\r\n--XyZ\x00--XyZ--"
	    "\r\n--XyZ\r\nContent-Disposition: form-data; name=g\r\n\r\n"
	    "\r\n--XyZ--";
	static const char want[] =
	    "[f|a.bin|(null)]"
	    "\r\n--\r\n--X\r\n--Xy\r\r\n--XyZz\r\n--XyZ-x\r\n--XyZ-\r\n-X"
	    "\r\n\r\n--X\r\r\r\n--XyZ\x00--XyZ--{end}"
	    "[g|(null)|(null)]{end}";
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT;
	size_t c, n = sizeof body - 1;

	for (c = 0; c <= n; c++) {
		assert_int_equal(parse(CT, body, n, c, 16, &r, &why), GZ_OK);
		assert_int_equal(r.log.len, sizeof want - 1);
		assert_memory_equal(r.log.data, want, sizeof want - 1);
	}
	buf_free(&r.log);
	buf_free(&why);
}

static void
test_binary(void **state)
{
	static const char head[] = "--XyZ\r\nContent-Disposition: form-data; "
	                           "name=f; filename=b\r\n\r\n";
	static const char tail[] = "\r\n--XyZ--\r\n";
	char body[sizeof head + 512 + sizeof tail];
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT;
	size_t n = 0, i;

	memcpy(body, head, sizeof head - 1);
	n = sizeof head - 1;
	for (i = 0; i < 512; i++) /* every byte, CRs and NULs among them */
		body[n++] = (char)(i % 7 == 0 ? '\r' : i);
	memcpy(body + n, tail, sizeof tail - 1);
	n += sizeof tail - 1;
	same_in_chunks(CT, body, n);
	assert_int_equal(parse(CT, body, n, 3, 16, &r, &why), GZ_OK);
	assert_int_equal(r.log.len, strlen("[f|b|(null)]") + 512 + 5);
	assert_memory_equal(
	    r.log.data + strlen("[f|b|(null)]"), body + sizeof head - 1, 512);
	buf_free(&r.log);
	buf_free(&why);
}

static void
test_quoted_boundary(void **state)
{
	static const char body[] =
	    "preamble\r\n--a b:c?\r\n"
	    "Content-Disposition: form-data; name=\"x\"\r\n\r\nv\r\n--a b:c?--";

	ok("multipart/form-data; boundary=\"a b:c?\"", body,
	    "[x|(null)|(null)]v{end}");
	ok("Multipart/Form-Data ; charset=utf-8 ;boundary = \"a b:c?\";", body,
	    "[x|(null)|(null)]v{end}");
	ok("multipart/form-data; boundary=\"a\\\"q\"",
	    "--a\"q\r\nContent-Disposition: form-data; name=x\r\n\r\n\r\n"
	    "--a\"q--",
	    "[x|(null)|(null)]{end}");
}

static void
test_boundary_errors(void **state)
{
	static const char *const cases[][2] = {
	    {"multipart/form-data", "has no boundary"},
	    {"multipart/form-data; boundary=", "boundary is empty"},
	    {"multipart/form-data; boundary=\"\"", "boundary is empty"},
	    {"multipart/form-data; boundary=\"x \"", "ends with a space"},
	    {"multipart/form-data; boundary=a; boundary=b", "twice"},
	    {"multipart/form-data; boundary=\"abc", "not closed"},
	    {"multipart/form-data; boundary=\"a\tb\"", "control"},
	    {"multipart/mixed; boundary=x", "not multipart/form-data"},
	    {"application/x-www-form-urlencoded", "not multipart/form-data"},
	    {"multipart/form-data x; boundary=y", "expected ';'"},
	};
	struct multipart_cb cb = {0};
	struct multipart *m;
	struct buf why = BUF_INIT, ct = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&why);
		assert_int_equal(
		    multipart_new(cases[i][0], &cb, 4, &m, &why), GZ_EINVAL);
		assert_null(m);
		if (strstr(buf_cstr(&why), cases[i][1]) == NULL)
			fail_msg("%s: \"%s\"", cases[i][0], buf_cstr(&why));
	}
	buf_reset(&why);
	assert_int_equal(multipart_new(NULL, &cb, 4, &m, &why), GZ_EINVAL);
	assert_non_null(strstr(buf_cstr(&why), "no Content-Type"));
	/* 70 characters are allowed, 71 are not. */
	buf_puts(&ct, "multipart/form-data; boundary=");
	for (i = 0; i < 70; i++)
		buf_putc(&ct, 'a' + (int)(i % 26));
	assert_int_equal(multipart_new(buf_cstr(&ct), &cb, 4, &m, &why), GZ_OK);
	multipart_free(m);
	buf_putc(&ct, 'z');
	buf_reset(&why);
	assert_int_equal(
	    multipart_new(buf_cstr(&ct), &cb, 4, &m, &why), GZ_EINVAL);
	assert_non_null(strstr(buf_cstr(&why), "71 characters"));
	buf_free(&why);
	buf_free(&ct);
}

static void
test_filename_star(void **state)
{
	/* 中文.pdf, preferred over filename, wherever it comes. */
	ok(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename=\"fallback.pdf\"; "
	    "filename*=UTF-8''%E4%B8%AD%E6%96%87.pdf\r\n\r\n\r\n--XyZ--",
	    "[f|\xe4\xb8\xad\xe6\x96\x87.pdf|(null)]{end}");
	ok(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename*=utf-8'zh-CN'a%20b.pdf; filename=\"x.pdf\"\r\n\r\n"
	    "\r\n--XyZ--",
	    "[f|a b.pdf|(null)]{end}");
	/* ISO-8859-1: é is E9, written again as UTF-8. */
	ok(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename*=ISO-8859-1''caf%E9.txt\r\n\r\n\r\n--XyZ--",
	    "[f|caf\xc3\xa9.txt|(null)]{end}");
	/* A path and control characters in it are removed too. */
	ok(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename*=UTF-8''..%2F..%2Fa%01%0Ab%7F.txt\r\n\r\n\r\n--XyZ--",
	    "[f|ab.txt|(null)]{end}");
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename*=a.txt\r\n\r\n\r\n--XyZ--",
	    16, "part 1: its filename* is not of the form");
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename*=UTF-8''a%zz\r\n\r\n\r\n--XyZ--",
	    16, "filename* is not of the form");
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename*=KOI8-R''a\r\n\r\n\r\n--XyZ--",
	    16, "filename* is not of the form");
}

/* The filename a Content-Disposition's filename parameter fn yields. */
static void
filename_is(const char *fn, const char *want)
{
	struct buf body = BUF_INIT, log = BUF_INIT;

	buf_printf(&body,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename=%s\r\n\r\n\r\n--XyZ--",
	    fn);
	buf_printf(&log, "[f|%s|(null)]{end}", want);
	ok(CT, buf_cstr(&body), buf_cstr(&log));
	buf_free(&body);
	buf_free(&log);
}

static void
test_windows_paths(void **state)
{
	filename_is("\"C:\\Users\\me\\Desktop\\a.jpg\"", "a.jpg");
	filename_is("\"C:\\\\Users\\\\me\\\\b.jpg\"", "b.jpg");
	filename_is("\"\\\\server\\share\\c.png\"", "c.png");
	filename_is("\"/home/me/d.png\"", "d.png");
	filename_is("\"..\\..\\evil.sh\"", "evil.sh");
	filename_is("\"..\"", "");
	filename_is("\".\"", "");
	filename_is("\"a\\\"b.txt\"", "a\"b.txt");
	filename_is("\"say %22hi%22.txt\"", "say \"hi\".txt");
	filename_is("\"x%0D%0Ay.txt\"", "xy.txt");
	filename_is("\"100%25.txt\"", "100%25.txt");
	filename_is("\"\"", "");
	filename_is("my photo.jpg", "my photo.jpg"); /* unquoted, lenient */
	/* Right-to-left override: "\u202Egpj.exe" shows as "exe.jpg". */
	filename_is("\"\xe2\x80\xaegpj.exe\"", "gpj.exe");
	/* Invalid UTF-8 (a GBK name) becomes U+FFFD, not refused. */
	filename_is("\"\xd6\xd0.txt\"", "\xef\xbf\xbd\xef\xbf\xbd.txt");
	/* \" is an escape even after a path: this quote is not closed. */
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=f; "
	    "filename=\"C:\\dir\\\"\r\n\r\n\r\n--XyZ--",
	    16, "a quoted value is not closed");
	/* C1 controls (U+0085) go too. */
	filename_is("\"a\xc2\x85z\"", "az");
}

static void
test_missing_close(void **state)
{
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "1\r\n--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n"
	    "2\r\n",
	    16, "the body ends before the closing boundary, in part 2's data");
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "1\r\n--XyZ",
	    16, "closing boundary, in part 1's data");
	bad(CT, "--XyZ\r\nContent-Disposition: form-dat", 16,
	    "closing boundary, in part 1's headers");
	bad(CT, "--XyZ \t", 16, "on the boundary line before part 1");
	bad(CT, "", 16, "no boundary was found");
	bad(CT, "no boundary here\r\n--XyZZ\r\n", 16, "no boundary was found");
}

static void
test_too_many_parts(void **state)
{
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n1\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=b\r\n\r\n2\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=c\r\n\r\n3\r\n"
	    "--XyZ--\r\n";
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT;

	bad(CT, body, 2, "the form has more than 2 parts");
	bad(CT, body, 0, "the form has more than 0 parts");
	assert_int_equal(
	    parse(CT, body, sizeof body - 1, 0, 2, &r, &why), GZ_EINVAL);
	/* The two allowed were given, the third never began. */
	assert_string_equal(
	    buf_cstr(&r.log), "[a|(null)|(null)]1{end}[b|(null)|(null)]2{end}");
	assert_int_equal(
	    parse(CT, body, sizeof body - 1, 0, 3, &r, &why), GZ_OK);
	buf_free(&r.log);
	buf_free(&why);
}

/* A part whose header block is exactly size bytes, blank line included. */
static void
header_block(struct buf *body, size_t size)
{
	static const char cd[] = "Content-Disposition: form-data; name=a\r\n";
	size_t pad = size - (sizeof cd - 1) - 2 - strlen("X-Pad: \r\n");

	buf_reset(body);
	buf_printf(body, "--XyZ\r\n%sX-Pad: ", cd);
	while (pad--)
		buf_putc(body, 'p');
	buf_puts(body, "\r\n\r\nv\r\n--XyZ--");
}

static void
test_header_too_long(void **state)
{
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT, body = BUF_INIT;

	header_block(&body, MULTIPART_HEADER_MAX);
	assert_int_equal(parse(CT, body.data, body.len, 0, 4, &r, &why), GZ_OK);
	assert_string_equal(buf_cstr(&r.log), "[a|(null)|(null)]v{end}");
	assert_int_equal(parse(CT, body.data, body.len, 7, 4, &r, &why), GZ_OK);
	header_block(&body, MULTIPART_HEADER_MAX + 1);
	assert_int_equal(
	    parse(CT, body.data, body.len, 0, 4, &r, &why), GZ_EINVAL);
	assert_string_equal(
	    buf_cstr(&why), "part 1: its headers are longer than 8192 bytes");
	assert_int_equal(
	    parse(CT, body.data, body.len, 1, 4, &r, &why), GZ_EINVAL);
	buf_free(&r.log);
	buf_free(&why);
	buf_free(&body);
}

static void
test_empty_parts(void **state)
{
	/* No part at all: a form with nothing in it. */
	ok(CT, "--XyZ--", "");
	ok(CT, "--XyZ--\r\nepilogue\r\n--XyZ\r\n", "");
	/* A part with empty data: begin and end, no part_data(). */
	ok(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=e; filename=\"\""
	    "\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
	    "--XyZ--",
	    "[e||application/octet-stream]{end}");
	/* A part with no headers at all. */
	bad(CT, "--XyZ\r\n\r\ndata\r\n--XyZ--", 16,
	    "part 1: no Content-Disposition header");
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n\r\n"
	    "--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--",
	    16, "part 2: no Content-Disposition header");
}

static void
test_headers_only(void **state)
{
	/* Headers, then the next boundary without the blank line. */
	bad(CT, "--XyZ\r\nContent-Disposition: form-data; name=a\r\n--XyZ--",
	    16, "part 1: its headers end without the blank line");
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n"
	    "--XyZ\r\n",
	    16, "its headers end without the blank line");
	/* Headers and the blank line, then straight to the end. */
	ok(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "\r\n--XyZ--",
	    "[a|(null)|(null)]{end}");
}

static void
test_preamble_epilogue(void **state)
{
	ok(CT,
	    "This is a preamble.\r\n--XyZZ not it\r\n--Xy\r\n"
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "x\r\n--XyZ--  \r\nThe epilogue, with\r\n--XyZ\r\nin it.",
	    "[a|(null)|(null)]x{end}");
	/* Transport padding after a boundary is allowed. */
	ok(CT,
	    "--XyZ \t\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "x\r\n--XyZ\t\r\nContent-Disposition: form-data; name=b\r\n"
	    "\r\ny\r\n--XyZ--",
	    "[a|(null)|(null)]x{end}[b|(null)|(null)]y{end}");
}

static void
test_header_errors(void **state)
{
	static const char *const cases[][2] = {
	    {"Content-Disposition: form-data; name=a\n\n", "bare LF"},
	    {"Content-Disposition: form-data; name=a\r\rx\r\n\r\n",
	        "CR in its headers is not followed by LF"},
	    {"Content-Disposition form-data\r\n\r\n", "not of the form Name"},
	    {": x\r\n\r\n", "not of the form Name"},
	    {"Content-Disposition: form-data; name=a\r\n"
	     "Content-Disposition: form-data; name=b\r\n\r\n",
	        "two Content-Disposition headers"},
	    {"Content-Disposition: form-data; name=a\r\nContent-Type: a/b\r\n"
	     "content-type: c/d\r\n\r\n",
	        "two Content-Type headers"},
	    {"Content-Disposition: attachment; name=a\r\n\r\n",
	        "its Content-Disposition is \"attachment; name=a\", not"},
	    {"Content-Disposition: form-data; filename=a\r\n\r\n",
	        "has no name"},
	    {"Content-Disposition: form-data; name=a; name=b\r\n\r\n",
	        "gives name twice"},
	    {"Content-Disposition: form-data; name=a; filename=b; "
	     "FILENAME=c\r\n\r\n",
	        "gives FILENAME twice"},
	    {"Content-Disposition: form-data; name=\"a\r\n\r\n", "not closed"},
	    {"Content-Disposition: form-data; name=a\x01\r\n\r\n",
	        "control character (0x01)"},
	    {" Content-Disposition: form-data; name=a\r\n\r\n",
	        "first header line starts with white space"},
	    {"Content-Disposition: form-data; name\r\n\r\n", "has no '='"},
	};
	struct rec r = {BUF_INIT, 0, 0};
	struct buf why = BUF_INIT, body = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&body);
		buf_printf(&body, "--XyZ\r\n%sx\r\n--XyZ--", cases[i][0]);
		assert_int_equal(
		    parse(CT, body.data, body.len, 0, 4, &r, &why), GZ_EINVAL);
		if (strstr(buf_cstr(&why), cases[i][1]) == NULL)
			fail_msg("case %zu: \"%s\" lacks \"%s\"", i,
			    buf_cstr(&why), cases[i][1]);
		assert_string_equal(buf_cstr(&r.log), "");
	}
	/* A NUL in the headers, which a C string could not carry. */
	{
		static const char nul[] =
		    "--XyZ\r\nContent-Disposition: "
		    "form-data; name=a\0\r\n\r\nx\r\n--XyZ--";
		assert_int_equal(
		    parse(CT, nul, sizeof nul - 1, 1, 4, &r, &why), GZ_EINVAL);
		assert_non_null(strstr(buf_cstr(&why), "(0x00)"));
	}
	/* Folded headers are joined; unknown headers ignored. */
	ok(CT,
	    "--XyZ\r\nX-Other: 1\r\n  2\r\nContent-Disposition: form-data;"
	    "\r\n\tname=\"a\";\r\n filename=\"b.txt\"\r\n\r\nz\r\n--XyZ--",
	    "[a|b.txt|(null)]z{end}");
	bad(CT, "--XyZ\nContent-Disposition: form-data; name=a\n\nx\n--XyZ--",
	    4, "the boundary line before part 1 ends with a bare LF");
	bad(CT,
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\nx"
	    "\r\n--XyZ junk\r\n",
	    4, "the boundary line before part 2 has other text");
	bad(CT, "--XyZ\rx", 4, "has a CR not followed by LF");
	buf_free(&r.log);
	buf_free(&why);
	buf_free(&body);
}

static void
test_callback_stop(void **state)
{
	struct rec r = {BUF_INIT, 42, 0};
	struct multipart_cb cb = {rec_begin, rec_data, rec_end, &r};
	struct multipart *m;
	struct buf why = BUF_INIT;
	static const char body[] =
	    "--XyZ\r\nContent-Disposition: form-data; name=a\r\n\r\n"
	    "data\r\n--XyZ--";

	assert_int_equal(multipart_new(CT, &cb, 4, &m, &why), GZ_OK);
	assert_int_equal(multipart_feed(m, body, sizeof body - 1, &why), 42);
	assert_string_equal(buf_cstr(&why), ""); /* the callback's to say */
	assert_int_equal(multipart_feed(m, "x", 1, &why), 42);
	assert_int_equal(multipart_finish(m, &why), 42);
	assert_string_equal(buf_cstr(&r.log), "[a|(null)|(null)]data");
	multipart_free(m);
	multipart_free(NULL);
	/* No callbacks at all is allowed. */
	assert_int_equal(multipart_new(CT, NULL, 4, &m, &why), GZ_OK);
	assert_int_equal(multipart_feed(m, body, sizeof body - 1, &why), GZ_OK);
	assert_int_equal(multipart_finish(m, &why), GZ_OK);
	multipart_free(m);
	buf_free(&r.log);
	buf_free(&why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_two_parts),
	    cmocka_unit_test(test_every_chunk_size),
	    cmocka_unit_test(test_almost_boundary),
	    cmocka_unit_test(test_binary),
	    cmocka_unit_test(test_quoted_boundary),
	    cmocka_unit_test(test_boundary_errors),
	    cmocka_unit_test(test_filename_star),
	    cmocka_unit_test(test_windows_paths),
	    cmocka_unit_test(test_missing_close),
	    cmocka_unit_test(test_too_many_parts),
	    cmocka_unit_test(test_header_too_long),
	    cmocka_unit_test(test_empty_parts),
	    cmocka_unit_test(test_headers_only),
	    cmocka_unit_test(test_preamble_epilogue),
	    cmocka_unit_test(test_header_errors),
	    cmocka_unit_test(test_callback_stop),
	};
	return cmocka_run_group_tests_name("multipart", tests, NULL, NULL);
}
