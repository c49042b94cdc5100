/*
 * Unit tests for markdown: the HTML of each element, heading ids, URL
 * safety, entities, errors, deep nesting, and the regress/markdown and
 * regress/markdown-trusted pairs (input .md, expected .html).
 *
 * The regress pairs are found under $GAZETTE_REGRESS, else ./regress (the
 * Makefile runs tests from the top of the tree); if neither exists that
 * test is skipped.
 */
#include <dirent.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "markdown.h"
#include "unit.h"

static struct buf md_out = BUF_INIT;

/* Render s with flags and return the HTML (in md_out, reused). */
static const char *
md(const char *s, int flags)
{
	buf_reset(&md_out);
	assert_int_equal(markdown_to_html(&md_out, s, strlen(s), flags), GZ_OK);
	return buf_cstr(&md_out);
}

static void
expect(const char *in, const char *html)
{
	assert_string_equal(md(in, 0), html);
}

static void
test_blocks(void **state)
{
	expect("", "");
	expect("hello", "<p>hello</p>\n");
	expect("a\nb\n\nc", "<p>a\nb</p>\n<p>c</p>\n");
	expect("a  \nb", "<p>a<br>\nb</p>\n");
	expect("> q", "<blockquote>\n<p>q</p>\n</blockquote>\n");
	expect("- a\n- b", "<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n");
	expect(
	    "3. a\n4. b", "<ol start=\"3\">\n<li>a</li>\n<li>b</li>\n</ol>\n");
	expect("1. a", "<ol>\n<li>a</li>\n</ol>\n");
	expect("---", "<hr>\n");
	expect("```c\nx<y\n```",
	    "<pre><code class=\"language-c\">x&lt;y\n"
	    "</code></pre>\n");
	expect("```\nx\n```", "<pre><code>x\n</code></pre>\n");
	expect("    x", "<pre><code>x\n</code></pre>\n");
	expect("- [ ] a\n- [x] b",
	    "<ul>\n"
	    "<li class=\"task-list-item\"><input type=\"checkbox\" disabled> "
	    "a</li>\n"
	    "<li class=\"task-list-item\"><input type=\"checkbox\" disabled "
	    "checked> b</li>\n"
	    "</ul>\n");
	expect("|a|b|c|d|\n|:--|:-:|--:|---|\n|1|2|3|4|",
	    "<table>\n<thead>\n<tr>\n"
	    "<th style=\"text-align: left\">a</th>\n"
	    "<th style=\"text-align: center\">b</th>\n"
	    "<th style=\"text-align: right\">c</th>\n"
	    "<th>d</th>\n"
	    "</tr>\n</thead>\n<tbody>\n<tr>\n"
	    "<td style=\"text-align: left\">1</td>\n"
	    "<td style=\"text-align: center\">2</td>\n"
	    "<td style=\"text-align: right\">3</td>\n"
	    "<td>4</td>\n"
	    "</tr>\n</tbody>\n</table>\n");
}

static void
test_spans(void **state)
{
	expect("*a* **b** ~~c~~ `d`",
	    "<p><em>a</em> <strong>b</strong> <del>c</del> "
	    "<code>d</code></p>\n");
	expect("a < b & \"c\" 'd'",
	    "<p>a &lt; b &amp; &quot;c&quot; &#39;d&#39;</p>\n");
	expect("[a](/x \"T&amp;'\")",
	    "<p><a href=\"/x\" title=\"T&amp;&#39;\">a</a></p>\n");
	expect("[a](<https://e.org/a b>)",
	    "<p><a href=\"https://e.org/a%20b\">a</a></p>\n");
	expect("[a](https://e.org/?a=1&b=\"2\")",
	    "<p><a href=\"https://e.org/?a=1&amp;b=%222%22\">a</a></p>\n");
	expect("[a](/新闻)", "<p><a href=\"/%E6%96%B0%E9%97%BB\">a</a></p>\n");
	expect("![a *b*](/i.png \"t\")",
	    "<p><img src=\"/i.png\" alt=\"a b\" title=\"t\" "
	    "loading=\"lazy\"></p>\n");
	expect("![a\nb](/i.png)",
	    "<p><img src=\"/i.png\" alt=\"a b\" loading=\"lazy\"></p>\n");
	expect("<https://e.org/>",
	    "<p><a href=\"https://e.org/\">https://e.org/</a></p>\n");
	expect(
	    "www.e.org", "<p><a href=\"http://www.e.org\">www.e.org</a></p>\n");
	expect("a@e.org", "<p><a href=\"mailto:a@e.org\">a@e.org</a></p>\n");
	/* md4c 0.4.8 leaves a <del> it never entered (found by fuzzing);
	 * the output stays balanced. */
	expect("[a](x~y) b~", "<p><a href=\"x~y\">a</a> b</p>\n");
	/* md4c 0.4.8 reads past the end of this without a final newline. */
	expect("[x](", "<p>[x](</p>\n");
	expect("a\n![](", "<p>a\n![](</p>\n");
}

static void
test_headings(void **state)
{
	expect(
	    "# Hello, World!", "<h1 id=\"hello-world\">Hello, World!</h1>\n");
	expect("## 学会简介", "<h2 id=\"学会简介\">学会简介</h2>\n");
	expect("# a\n# a\n# a-2\n# a",
	    "<h1 id=\"a\">a</h1>\n"
	    "<h1 id=\"a-2\">a</h1>\n"
	    "<h1 id=\"a-2-2\">a-2</h1>\n"
	    "<h1 id=\"a-3\">a</h1>\n");
	expect("# a-2\n# a\n# a",
	    "<h1 id=\"a-2\">a-2</h1>\n"
	    "<h1 id=\"a\">a</h1>\n"
	    "<h1 id=\"a-3\">a</h1>\n");
	expect("#\n# !!!",
	    "<h1 id=\"section\"></h1>\n<h1 id=\"section-2\">!!!</h1>\n");
	expect("### `x` *y* [z](/)",
	    "<h3 id=\"x-y-z\"><code>x</code> <em>y</em> <a "
	    "href=\"/\">z</a></h3>\n");
	expect("# A &amp; B", "<h1 id=\"a-b\">A &amp; B</h1>\n");
	expect("# ![Logo](/l.png) News",
	    "<h1 id=\"logo-news\"><img src=\"/l.png\" alt=\"Logo\" "
	    "loading=\"lazy\"> News</h1>\n");
	/* Ids are per document. */
	expect("# a", "<h1 id=\"a\">a</h1>\n");
}

static void
test_many_headings(void **state)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	int i;

	for (i = 0; i < 3000; i++)
		buf_puts(&in, "## Same\n");
	assert_int_equal(markdown_to_html(&out, in.data, in.len, 0), GZ_OK);
	assert_non_null(strstr(buf_cstr(&out), "<h2 id=\"same\">"));
	assert_non_null(strstr(buf_cstr(&out), "<h2 id=\"same-3000\">"));
	assert_null(strstr(buf_cstr(&out), "<h2 id=\"same-3001\">"));
	buf_free(&in);
	buf_free(&out);
}

static void
test_slug(void **state)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
	    {"Hello, World!", "hello-world"},
	    {"  Work Plan  for 2024 ", "work-plan-for-2024"},
	    {"C++ & Rust", "c-rust"},
	    {"会议通知（第一号）", "会议通知-第一号"},
	    {"“引号”、《书名》。", "引号-书名"},
	    {"2024年工作计划", "2024年工作计划"},
	    {"Café résumé", "café-résumé"},
	    {"📢 Notice ★", "notice"},
	    {"a\xc2\xa0"
	     "b",
	        "a-b"}, /* no-break space */
	    {"a\xe3\x80\x80"
	     "b",
	        "a-b"}, /* ideographic space */
	    {"a\xff"
	     "b",
	        "a-b"},              /* invalid UTF-8 */
	    {"\xe4\xb8", "section"}, /* truncated UTF-8 */
	    {"---", "section"},
	    {"", "section"},
	    {"under_score", "under-score"},
	};
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&b);
		markdown_slug(&b, cases[i].in, strlen(cases[i].in));
		assert_string_equal(buf_cstr(&b), cases[i].out);
	}
	buf_free(&b);
}

static void
test_unsafe_links(void **state)
{
	static const char *const urls[] = {
	    "javascript:alert(1)",
	    "JavaScript:alert(1)",
	    "vbscript:msgbox(1)",
	    "data:text/html,<script>alert(1)</script>",
	    "data:image/png;base64,AAAA", /* images only */
	    "jav&#x61;script:alert(1)",
	    "&#106;avascript:alert(1)",
	    "javascript&#58;alert(1)",
	    "javascript&#x3A;alert(1)",
	    "java&#9;script:alert(1)",
	    "java&#10;script:alert(1)",
	    "&#32;javascript:alert(1)",
	    "&#1;javascript:alert(1)",
	    "<java\tscript:alert(1)>",
	    "< javascript:alert(1)>",
	    "file:///etc/passwd",
	    "foo:bar",
	};
	struct buf in = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof urls / sizeof urls[0]; i++) {
		const char *html;

		buf_reset(&in);
		buf_printf(&in, "[text *em*](%s)", urls[i]);
		html = md(buf_cstr(&in), 0);
		assert_null(strstr(html, "<a"));
		assert_non_null(strstr(html, "text <em>em</em>"));
		buf_reset(&in);
		buf_printf(&in, "![alt](%s)", urls[i]);
		html = md(buf_cstr(&in), 0);
		if (strncmp(urls[i], "data:image/", 11) == 0)
			continue;
		assert_string_equal(html, "<p>alt</p>\n");
	}
	buf_free(&in);
	expect("<javascript:alert(1)>", "<p>javascript:alert(1)</p>\n");
	expect("[a][r]\n\n[r]: javascript:x", "<p>a</p>\n");
	/* Published as the browser reads it: trimmed, no tabs or newlines. */
	expect("[a](< http://e.org/x >)",
	    "<p><a href=\"http://e.org/x\">a</a></p>\n");
	expect("[a](&#32;http://e.org/&#9;x&#10;y&#32;)",
	    "<p><a href=\"http://e.org/xy\">a</a></p>\n");
	expect("< mailto:x@e.org>",
	    "<p><a href=\"mailto:x@e.org\"> mailto:x@e.org</a></p>\n");
	/* Long relative names are relative, not long schemes. */
	expect("[a](20190504-000001.html)",
	    "<p><a href=\"20190504-000001.html\">a</a></p>\n");
	/* Trusted authors still get their URLs checked. */
	assert_string_equal(
	    md("[a](javascript:x)", MARKDOWN_TRUSTED), "<p>a</p>\n");
}

static void
test_images(void **state)
{
	expect("![p](data:image/png;base64,iVBO)",
	    "<p><img src=\"data:image/png;base64,iVBO\" alt=\"p\" "
	    "loading=\"lazy\"></p>\n");
	expect("![s](data:image/svg+xml;base64,PHN2Zz4=)", "<p>s</p>\n");
	expect("![a ![b](/b.png) c](/a.png)",
	    "<p><img src=\"/a.png\" alt=\"a b c\" loading=\"lazy\"></p>\n");
	/* A refused outer image shows its description as text. */
	expect("![a *b*](javascript:x)", "<p>a b</p>\n");
	expect("[![t](/t.png)](/f.png)",
	    "<p><a href=\"/f.png\"><img src=\"/t.png\" alt=\"t\" "
	    "loading=\"lazy\"></a></p>\n");
}

static void
test_entities(void **state)
{
	expect("&amp; &lt; &gt; &quot; &apos;",
	    "<p>&amp; &lt; &gt; &quot; &#39;</p>\n");
	expect("&copy;&reg;&mdash;&ndash;&hellip;&middot;&times;",
	    "<p>\xc2\xa9\xc2\xae\xe2\x80\x94\xe2\x80\x93\xe2\x80\xa6"
	    "\xc2\xb7\xc3\x97</p>\n");
	expect("&ldquo;&rdquo;&lsquo;&rsquo;&nbsp;",
	    "<p>\xe2\x80\x9c\xe2\x80\x9d\xe2\x80\x98\xe2\x80\x99"
	    "\xc2\xa0</p>\n");
	expect("&foo; &Tab;", "<p>&amp;foo; &amp;Tab;</p>\n");
	expect("&#35;&#x4E2D;&#X41;&#x1F600;",
	    "<p>#\xe4\xb8\xad"
	    "A\xf0\x9f\x98\x80</p>\n");
	expect("&#0;&#xD800;&#xDFFF;&#x110000;&#9999999;",
	    "<p>\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
	    "\xef\xbf\xbd</p>\n");
	expect("&#60;script&#62;", "<p>&lt;script&gt;</p>\n");
	expect("`&amp;`", "<p><code>&amp;amp;</code></p>\n");
	expect("[a](/?x=1&amp;y=&#50;)",
	    "<p><a href=\"/?x=1&amp;y=2\">a</a></p>\n");
}

static void
test_nul_and_bom(void **state)
{
	struct buf out = BUF_INIT;

	assert_int_equal(markdown_to_html(&out, "a\0b", 3, 0), GZ_OK);
	assert_string_equal(buf_cstr(&out),
	    "<p>a\xef\xbf\xbd"
	    "b</p>\n");
	buf_reset(&out);
	assert_int_equal(markdown_to_html(&out, "[x](</a\0b>)", 11, 0), GZ_OK);
	assert_string_equal(
	    buf_cstr(&out), "<p><a href=\"/a%EF%BF%BDb\">x</a></p>\n");
	buf_reset(&out);
	assert_int_equal(
	    markdown_to_html(&out, "\xef\xbb\xbf# T", 6, 0), GZ_OK);
	assert_string_equal(buf_cstr(&out), "<h1 id=\"t\">T</h1>\n");
	buf_free(&out);
}

static void
test_raw_html(void **state)
{
	expect("<script>alert(1)</script>",
	    "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
	expect("a <b onclick=\"x\">b</b>",
	    "<p>a &lt;b onclick=&quot;x&quot;&gt;b&lt;/b&gt;</p>\n");
	assert_string_equal(
	    md("<div>\n*x*\n</div>", MARKDOWN_TRUSTED), "<div>\n*x*\n</div>\n");
	assert_string_equal(
	    md("a <b>b</b>", MARKDOWN_TRUSTED), "<p>a <b>b</b></p>\n");
	/* Never raw inside alt="...", even when trusted. */
	assert_string_equal(md("![a <b>](/i.png)", MARKDOWN_TRUSTED),
	    "<p><img src=\"/i.png\" alt=\"a &lt;b&gt;\" "
	    "loading=\"lazy\"></p>\n");
}

static void
test_errors(void **state)
{
	struct buf out = BUF_INIT;

	/* Appends; keeps what was there. */
	buf_puts(&out, "<main>");
	assert_int_equal(markdown_to_html(&out, "x", 1, 0), GZ_OK);
	assert_string_equal(buf_cstr(&out), "<main><p>x</p>\n");
	assert_int_equal(markdown_to_html(&out, "x", 1, 0x80), GZ_EINVAL);
	assert_int_equal(markdown_to_html(&out, NULL, 1, 0), GZ_EINVAL);
	assert_string_equal(buf_cstr(&out), "<main><p>x</p>\n");
	assert_int_equal(markdown_to_html(&out, NULL, 0, 0), GZ_OK);
#if SIZE_MAX > UINT_MAX
	/* md4c counts in unsigned; md is not read. */
	assert_int_equal(
	    markdown_to_html(&out, "x", (size_t)UINT_MAX + 1, 0), GZ_EINVAL);
#endif
	/* A buffer already in error is left alone. */
	assert_int_equal(buf_grow(&out, (size_t)-1 / 2 + 10), GZ_ENOMEM);
	assert_int_equal(markdown_to_html(&out, "x", 1, 0), GZ_ENOMEM);
	assert_string_equal(buf_cstr(&out), "<main><p>x</p>\n");
	buf_free(&out);
}

/* Count non-overlapping occurrences of needle in hay. */
static size_t
count(const char *hay, const char *needle)
{
	size_t n = 0, len = strlen(needle);

	while ((hay = strstr(hay, needle)) != NULL)
		n++, hay += len;
	return n;
}

static void
test_deep_nesting(void **state)
{
	struct buf in = BUF_INIT, out = BUF_INIT;
	int i;

	for (i = 0; i < 100000; i++)
		buf_putc(&in, '>');
	buf_puts(&in, " x\n");
	assert_int_equal(markdown_to_html(&out, in.data, in.len, 0), GZ_OK);
	assert_int_equal(count(buf_cstr(&out), "<blockquote>"), 100000);
	assert_int_equal(count(buf_cstr(&out), "</blockquote>"), 100000);

	buf_reset(&in);
	buf_reset(&out);
	for (i = 0; i < 20000; i++)
		buf_puts(&in, "- ");
	buf_puts(&in, "x\n");
	assert_int_equal(markdown_to_html(&out, in.data, in.len, 0), GZ_OK);
	assert_int_equal(count(buf_cstr(&out), "<li>"), 20000);
	assert_int_equal(count(buf_cstr(&out), "</li>"), 20000);

	buf_reset(&in);
	buf_reset(&out);
	for (i = 0; i < 50000; i++)
		buf_puts(&in, "[");
	buf_puts(&in, "x");
	for (i = 0; i < 50000; i++)
		buf_puts(&in, "](/u)");
	assert_int_equal(markdown_to_html(&out, in.data, in.len, 0), GZ_OK);
	assert_int_equal(
	    count(buf_cstr(&out), "<a "), count(buf_cstr(&out), "</a>"));

	buf_reset(&in);
	buf_reset(&out);
	for (i = 0; i < 20000; i++)
		buf_puts(&in, "![");
	buf_puts(&in, "x");
	for (i = 0; i < 20000; i++)
		buf_puts(&in, "](/u)");
	assert_int_equal(markdown_to_html(&out, in.data, in.len, 0), GZ_OK);
	assert_string_equal(buf_cstr(&out),
	    "<p><img src=\"/u\" alt=\"x\" loading=\"lazy\"></p>\n");
	buf_free(&in);
	buf_free(&out);
}

/* Compare every NAME.md in dir with NAME.html; returns the failures. */
static int
regress_dir(const char *dir, int flags)
{
	struct buf path = BUF_INIT, in = BUF_INIT, want = BUF_INIT,
	           got = BUF_INIT;
	struct dirent *d;
	DIR *dp;
	int fails = 0, n = 0;

	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((d = readdir(dp)) != NULL) {
		size_t len = strlen(d->d_name);
		FILE *f;
		char chunk[4096];
		size_t k;

		if (len < 4 || strcmp(d->d_name + len - 3, ".md") != 0)
			continue;
		buf_reset(&in);
		buf_reset(&want);
		buf_reset(&got);
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, d->d_name);
		assert_non_null(f = fopen(buf_cstr(&path), "rb"));
		while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_put(&in, chunk, k);
		fclose(f);
		buf_truncate(&path, path.len - 3);
		buf_puts(&path, ".html");
		assert_non_null(f = fopen(buf_cstr(&path), "rb"));
		while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
			buf_put(&want, chunk, k);
		fclose(f);
		assert_int_equal(
		    markdown_to_html(&got, buf_cstr(&in), in.len, flags),
		    GZ_OK);
		n++;
		if (!buf_eq(&got, &want)) {
			fprintf(stderr, "regress: %s differs; got:\n%s\n",
			    buf_cstr(&path), buf_cstr(&got));
			fails++;
		}
	}
	closedir(dp);
	buf_free(&path);
	buf_free(&in);
	buf_free(&want);
	buf_free(&got);
	return n == 0 ? -1 : fails;
}

static void
test_regress(void **state)
{
	const char *top = getenv("GAZETTE_REGRESS");
	struct buf dir = BUF_INIT;
	int a, b;

	if (top == NULL)
		top = "regress";
	buf_printf(&dir, "%s/markdown", top);
	a = regress_dir(buf_cstr(&dir), 0);
	buf_reset(&dir);
	buf_printf(&dir, "%s/markdown-trusted", top);
	b = regress_dir(buf_cstr(&dir), MARKDOWN_TRUSTED);
	buf_free(&dir);
	if (a < 0 && b < 0)
		skip();
	assert_int_equal(a, 0);
	assert_int_equal(b, 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_blocks),
	    cmocka_unit_test(test_spans),
	    cmocka_unit_test(test_headings),
	    cmocka_unit_test(test_many_headings),
	    cmocka_unit_test(test_slug),
	    cmocka_unit_test(test_unsafe_links),
	    cmocka_unit_test(test_images),
	    cmocka_unit_test(test_entities),
	    cmocka_unit_test(test_nul_and_bom),
	    cmocka_unit_test(test_raw_html),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_deep_nesting),
	    cmocka_unit_test(test_regress),
	};
	int rc = cmocka_run_group_tests_name("markdown", tests, NULL, NULL);

	buf_free(&md_out);
	return rc;
}
