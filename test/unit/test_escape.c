/*
 * Unit tests for escape: one escaper per context (HTML, URL component,
 * JSON, YAML) checked byte by byte, and url_is_safe() against the usual
 * disguises of javascript: and friends.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "escape.h"

typedef void (*escaper)(struct buf *, const char *, size_t);

/* Run f over in[0..n) and fail unless the output is exactly want[0..wn). */
static void
expect_n(escaper f, const char *name, const char *in, size_t n,
    const char *want, size_t wn)
{
	struct buf b = BUF_INIT;

	f(&b, in, n);
	assert_int_equal(buf_error(&b), GZ_OK);
	if (b.len != wn || (wn && memcmp(b.data, want, wn) != 0))
		fail_msg("%s(\"%.*s\") = \"%.*s\" (%zu bytes), want \"%.*s\" "
		    "(%zu bytes)", name, (int)n, in, (int)b.len,
		    buf_cstr(&b), b.len, (int)wn, want, wn);
	buf_free(&b);
}

/* The same for NUL-terminated input and expected output. */
static void
expect(escaper f, const char *name, const char *in, const char *want)
{
	expect_n(f, name, in, strlen(in), want, strlen(want));
}

#define HTML(in, want) expect(escape_html, "escape_html", in, want)
#define URL(in, want) expect(escape_url, "escape_url", in, want)
#define JSON(in, want) expect(escape_json, "escape_json", in, want)
#define YAML(in, want) expect(escape_yaml, "escape_yaml", in, want)

static void
test_html_specials(void **state)
{
	HTML("&", "&amp;");
	HTML("<", "&lt;");
	HTML(">", "&gt;");
	HTML("\"", "&quot;");
	HTML("'", "&#39;");
	HTML("<a href=\"x\" title='y'>Tom & Jerry</a>",
	    "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;Tom &amp; "
	    "Jerry&lt;/a&gt;");
	/* Already-escaped text is escaped again: no guessing. */
	HTML("&amp;", "&amp;amp;");
	/* Specials at both ends and back to back. */
	HTML("<<>>", "&lt;&lt;&gt;&gt;");
	HTML("plain text, no specials", "plain text, no specials");
}

/* Every byte other than the five specials passes through unchanged. */
static void
test_html_all_bytes(void **state)
{
	int c;

	for (c = 0; c < 256; c++) {
		char in = (char)c;
		const char *want;
		switch (c) {
		case '&': want = "&amp;"; break;
		case '<': want = "&lt;"; break;
		case '>': want = "&gt;"; break;
		case '"': want = "&quot;"; break;
		case '\'': want = "&#39;"; break;
		default: want = NULL;
		}
		if (want)
			expect_n(escape_html, "escape_html", &in, 1, want,
			    strlen(want));
		else
			expect_n(escape_html, "escape_html", &in, 1, &in, 1);
	}
}

static void
test_html_utf8(void **state)
{
	/* 中文 café 😀 */
	HTML("\xe4\xb8\xad\xe6\x96\x87 caf\xc3\xa9 \xf0\x9f\x98\x80",
	    "\xe4\xb8\xad\xe6\x96\x87 caf\xc3\xa9 \xf0\x9f\x98\x80");
	HTML("\xe4\xb8\xad<\xe6\x96\x87>", "\xe4\xb8\xad&lt;\xe6\x96\x87&gt;");
}

static void
test_html_empty_and_nul(void **state)
{
	struct buf b = BUF_INIT;
	static const char in[] = {'a', '\0', '<', '\0', 'b'};
	static const char want[] = {'a', '\0', '&', 'l', 't', ';', '\0', 'b'};

	HTML("", "");
	escape_html(&b, "", 0);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	/* A length shorter than the string stops there. */
	escape_html(&b, "ab<cd", 2);
	assert_string_equal(buf_cstr(&b), "ab");
	buf_free(&b);
	/* An explicit length goes past embedded NULs. */
	expect_n(escape_html, "escape_html", in, sizeof in, want, sizeof want);
}

static void
test_html_str(void **state)
{
	struct buf b = BUF_INIT;

	escape_html_str(&b, NULL);
	assert_int_equal(b.len, 0);
	assert_int_equal(buf_error(&b), GZ_OK);
	assert_string_equal(buf_cstr(&b), "");
	escape_html_str(&b, "");
	assert_int_equal(b.len, 0);
	escape_html_str(&b, "a<b>&'\"");
	assert_string_equal(buf_cstr(&b), "a&lt;b&gt;&amp;&#39;&quot;");
	/* It appends to what is there. */
	escape_html_str(&b, NULL);
	escape_html_str(&b, "!");
	assert_string_equal(buf_cstr(&b), "a&lt;b&gt;&amp;&#39;&quot;!");
	buf_free(&b);
}

static void
test_url_unreserved(void **state)
{
	URL("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~",
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~");
	URL("", "");
}

static void
test_url_encoded(void **state)
{
	static const char in[] = {'a', '\0', 'b'};

	URL("a b", "a%20b");
	URL("/", "%2F");
	URL("a/b/c", "a%2Fb%2Fc");
	URL("\xe4\xb8\xad\xe6\x96\x87", "%E4%B8%AD%E6%96%87");
	URL("caf\xc3\xa9", "caf%C3%A9");
	URL("\xf0\x9f\x98\x80", "%F0%9F%98%80");
	URL("?&=#+%:@!$'()*,;[]", "%3F%26%3D%23%2B%25%3A%40%21%24%27%28%29%2A"
	    "%2C%3B%5B%5D");
	URL("<\"'>", "%3C%22%27%3E");
	URL("\x7f\xff", "%7F%FF");
	expect_n(escape_url, "escape_url", in, 3, "a%00b", 5);
}

/* Every byte: unreserved ones as they are, the rest as %XX upper case. */
static void
test_url_all_bytes(void **state)
{
	int c;

	for (c = 0; c < 256; c++) {
		char in = (char)c, want[4];
		int keep = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '.' ||
		    c == '_' || c == '~';
		if (keep)
			expect_n(escape_url, "escape_url", &in, 1, &in, 1);
		else {
			snprintf(want, sizeof want, "%%%02X", c);
			expect_n(escape_url, "escape_url", &in, 1, want, 3);
		}
	}
}

static void
test_json(void **state)
{
	static const char nul[] = {'a', '\0', 'b'};

	JSON("", "");
	JSON("plain", "plain");
	JSON("say \"hi\"", "say \\\"hi\\\"");
	JSON("C:\\dir\\", "C:\\\\dir\\\\");
	JSON("a\nb\rc\td", "a\\nb\\rc\\td");
	JSON("\x01", "\\u0001");
	JSON("\x08\x0c", "\\u0008\\u000c");
	JSON("\x1f", "\\u001f");
	JSON("\x7f", "\\u007f");
	JSON("x\x1by", "x\\u001by");
	/* Not escaped: slash, apostrophe, angle brackets, UTF-8. */
	JSON("/'<>", "/'<>");
	JSON("\xe4\xb8\xad\xc3\xa9", "\xe4\xb8\xad\xc3\xa9");
	expect_n(escape_json, "escape_json", nul, 3, "a\\u0000b", 8);
}

/* Every control character comes out as a valid JSON escape. */
static void
test_json_all_controls(void **state)
{
	int c;

	for (c = 0; c < 0x20; c++) {
		char in = (char)c, want[8];
		switch (c) {
		case '\n': strcpy(want, "\\n"); break;
		case '\r': strcpy(want, "\\r"); break;
		case '\t': strcpy(want, "\\t"); break;
		default: snprintf(want, sizeof want, "\\u%04x", c);
		}
		expect_n(escape_json, "escape_json", &in, 1, want,
		    strlen(want));
	}
	for (c = 0x20; c < 0x100; c++) {
		char in = (char)c;
		if (c == '"' || c == '\\' || c == 0x7f)
			continue;
		expect_n(escape_json, "escape_json", &in, 1, &in, 1);
	}
}

static void
test_yaml(void **state)
{
	static const char nul[] = {'a', '\0'};

	YAML("", "\"\"");
	YAML("plain", "\"plain\"");
	/* Things that would mean something unquoted stay text. */
	YAML("key: value # not a comment", "\"key: value # not a comment\"");
	YAML("- [x] {y}", "\"- [x] {y}\"");
	YAML("yes", "\"yes\"");
	YAML("say \"hi\" \\o/", "\"say \\\"hi\\\" \\\\o/\"");
	YAML("a\nb\rc\td", "\"a\\nb\\rc\\td\"");
	YAML("\x01", "\"\\x01\"");
	YAML("\x1f\x7f", "\"\\x1f\\x7f\"");
	YAML("\xe4\xb8\xad\xe6\x96\x87", "\"\xe4\xb8\xad\xe6\x96\x87\"");
	expect_n(escape_yaml, "escape_yaml", nul, 2, "\"a\\x00\"", 7);
}

/* url_is_safe() of a NUL-terminated URL. */
static void
expect_url(const char *url, int for_image, int want)
{
	int got = url_is_safe(url, strlen(url), for_image);

	if ((got != 0) != (want != 0))
		fail_msg("url_is_safe(\"%s\", for_image=%d) = %d, want %s",
		    url, for_image, got, want ? "allowed" : "refused");
}

/* Allowed (or refused) both for links and for images. */
static void
allow(const char *url)
{
	expect_url(url, 0, 1);
	expect_url(url, 1, 1);
}

static void
refuse(const char *url)
{
	expect_url(url, 0, 0);
	expect_url(url, 1, 0);
}

static void
test_safe_schemes(void **state)
{
	allow("http://example.com/");
	allow("https://example.com/a?b=c#d");
	allow("HTTPS://EXAMPLE.COM/");
	allow("mailto:someone@example.com");
	allow("tel:+1-555-0100");
	allow("ftp://ftp.example.com/pub/");
	/* Leading whitespace before an allowed scheme is harmless. */
	allow("  https://example.com/");
}

static void
test_safe_relative(void **state)
{
	allow("/a");
	allow("a/b");
	allow("#x");
	allow("?q");
	allow("page.html");
	allow("");
	allow("../up/one.html");
	allow("//example.com/protocol-relative");
	allow("/search?q=a:b");
	allow("page.html?t=10:30");
	allow("a/b:c");
	/* A relative URL whose first segment is longer than any scheme is
	 * still relative: there is no colon to make it a scheme. */
	allow("a-rather-long-article-title.html");
	allow("a-rather-long-folder-name/page.html");
}

static void
test_unsafe_schemes(void **state)
{
	refuse("javascript:alert(1)");
	refuse("JavaScript:alert(1)");
	refuse("JAVASCRIPT:alert(1)");
	refuse(" javascript:alert(1)");
	refuse("\x01javascript:alert(1)");
	refuse("\x01 \x1f\tjavascript:alert(1)");
	refuse("java\tscript:alert(1)");
	refuse("java\nscript:alert(1)");
	refuse("java\rscript:alert(1)");
	refuse("j\ta\nv\ra\tscript:alert(1)");
	refuse("vbscript:msgbox(1)");
	refuse("VBScript:msgbox(1)");
	refuse("data:text/html,<script>alert(1)</script>");
	refuse("data:text/html;base64,PHNjcmlwdD4=");
	refuse("file:///etc/passwd");
	refuse("file:");
	refuse("livescript:alert(1)");
	refuse("unknown:thing");
	refuse(":");
	/* Too long for any allowed scheme. */
	refuse("averyveryveryverylongscheme:payload");
	refuse("javascriptjavascriptjavascript:alert(1)");
}

static void
test_unsafe_explicit_length(void **state)
{
	static const char nul[] = "\0javascript:alert(1)";

	/* A leading NUL is a control character: skipped, then refused. */
	assert_false(url_is_safe(nul, sizeof nul - 1, 0));
	/* Only n bytes count: "javascript" without its colon is relative. */
	assert_true(url_is_safe("javascript:alert(1)", 10, 0));
	assert_false(url_is_safe("javascript:alert(1)", 11, 0));
	/* A NUL inside the scheme must not end the comparison early. */
	static const char hidden[] = "http\0javascript:alert(1)";
	assert_false(url_is_safe(hidden, sizeof hidden - 1, 0));
	static const char hidden2[] = "https\x01:x";
	assert_false(url_is_safe(hidden2, sizeof hidden2 - 1, 0));
}

static void
test_data_images(void **state)
{
	static const char *const png = "data:image/png;base64,iVBORw0KGgo=";

	expect_url(png, 1, 1);
	expect_url(png, 0, 0);
	expect_url("DATA:Image/PNG;base64,iVBORw0KGgo=", 1, 1);
	expect_url("data:image/jpeg;base64,/9j/4AAQ", 1, 1);
	expect_url("data:image/gif;base64,R0lGODlh", 1, 1);
	expect_url("data:image/webp;base64,UklGR", 1, 1);
	expect_url("data:image/avif;base64,AAAA", 1, 1);
	expect_url("data:image/jpeg;base64,/9j/4AAQ", 0, 0);
	/* SVG can carry script: refused even for images. */
	refuse("data:image/svg+xml;base64,PHN2Zz4=");
	refuse("data:image/svg+xml,<svg onload=alert(1)>");
	refuse("data:text/html;base64,PHNjcmlwdD4=");
	/* A raster type as a prefix of something longer is not that type. */
	refuse("data:image/pngx;base64,AAAA");
	refuse("data:image/png-but-actually-very-long-type;base64,AAAA");
	refuse("data:image;base64,AAAA");
	refuse("data:,hello");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_html_specials),
		cmocka_unit_test(test_html_all_bytes),
		cmocka_unit_test(test_html_utf8),
		cmocka_unit_test(test_html_empty_and_nul),
		cmocka_unit_test(test_html_str),
		cmocka_unit_test(test_url_unreserved),
		cmocka_unit_test(test_url_encoded),
		cmocka_unit_test(test_url_all_bytes),
		cmocka_unit_test(test_json),
		cmocka_unit_test(test_json_all_controls),
		cmocka_unit_test(test_yaml),
		cmocka_unit_test(test_safe_schemes),
		cmocka_unit_test(test_safe_relative),
		cmocka_unit_test(test_unsafe_schemes),
		cmocka_unit_test(test_unsafe_explicit_length),
		cmocka_unit_test(test_data_images),
	};
	return cmocka_run_group_tests_name("escape", tests, NULL, NULL);
}
