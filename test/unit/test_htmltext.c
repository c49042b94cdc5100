/*
 * Unit tests for htmltext: the text the search index holds for a body.
 * Tags go, character references are decoded, blocks stay apart and
 * inline elements join their text; script and comments are not text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "htmltext.h"

static void
expect(const char *html, const char *want)
{
	struct buf b = BUF_INIT;

	assert_int_equal(htmltext_extract(html, strlen(html), &b), GZ_OK);
	if (strcmp(buf_cstr(&b), want) != 0)
		fail_msg("htmltext(\"%s\") = \"%s\", want \"%s\"", html,
		    buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_inline_joins(void **state)
{
	(void)state;
	expect("<p>广泛<strong>实现</strong>临床</p>", "广泛实现临床");
	expect("<p><a href=\"/x\">科技</a>创新</p>", "科技创新");
	expect("<p>a<em>b</em>c</p>", "abc");
}

static void
test_blocks_separate(void **state)
{
	(void)state;
	expect("<p>会议</p><p>开幕</p>", "会议\n开幕");
	expect("<h2>标题</h2>\n<ul>\n<li>一</li><li>二</li></ul>",
	    "标题\n一\n二");
	/* Line breaks inside a paragraph show as a space. */
	expect("<p>first line\n  second   line </p>", "first line second line");
	expect("a<br>b<br/>c", "a\nb\nc");
	expect("<td>x</td><td>y</td>", "x\ny");
}

static void
test_references(void **state)
{
	(void)state;
	expect("a&amp;b &lt;i&gt; &quot;q&quot;", "a&b <i> \"q\"");
	expect("&#x4e2d;&#25991;", "中文");
	expect("&trade; &hellip;", "\xe2\x84\xa2 \xe2\x80\xa6");
	/* Unknown names and lone ampersands stay text. */
	expect("&bogus; x&y &", "&bogus; x&y &");
	expect("&#0; &#xd800;", "\xef\xbf\xbd \xef\xbf\xbd");
}

static void
test_not_text(void **state)
{
	(void)state;
	expect("a<script>var x = '<p>';</script>b", "ab");
	expect("a<STYLE>p{}</STYLE>b", "ab");
	expect("a<!-- 注释 -->b", "ab");
	expect("<img alt=\"x > y\" src=\"a.png\">z", "z");
	expect("1 < 2", "1 < 2");
	expect("<p>x", "x");
	expect("<p>unclosed <a href=\"", "unclosed");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline_joins),
		cmocka_unit_test(test_blocks_separate),
		cmocka_unit_test(test_references),
		cmocka_unit_test(test_not_text),
	};
	return cmocka_run_group_tests_name("htmltext", tests, NULL, NULL);
}
