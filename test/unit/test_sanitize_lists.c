/*
 * Unit tests for what sanitize makes of Word's and WPS's list
 * paragraphs (sanitize_list.c): <ol> or <ul> by the marker, start and
 * type, nesting by level, one list per run of one list's paragraphs,
 * and the forms the marker comes in, on small inputs written the way
 * Word 2016 and WPS 2019 write them, compared whole.  The rest of Word
 * and WPS is in test_sanitize_word.c.
 */
#include <string.h>

#include "sanitize_test.h"

/* The same for input built in a buf, which is reset afterwards. */
static void
check_buf(struct buf *in, const char *want)
{
	assert_int_equal(buf_error(in), GZ_OK);
	check_len(buf_cstr(in), in->len, want);
	buf_reset(in);
}

/*
 * Append one of Word's list paragraphs: list lN at level, override
 * lfoM, with the marker as Word writes it between <![if
 * !supportLists]> and <![endif]>, and a blank line after it as Word
 * leaves between paragraphs.
 */
static void
item(struct buf *b, int l, int level, int lfo, const char *marker,
    const char *text)
{
	buf_printf(b, "<p class=MsoListParagraphCxSpMiddle "
	    "style='margin-left:%d.0pt;mso-add-space:\r\nauto;"
	    "text-indent:-18.0pt;mso-list:l%d level%d lfo%d'>"
	    "<![if !supportLists]><span lang=EN-US style='mso-bidi-font-"
	    "family:Calibri;mso-bidi-theme-font:minor-latin'><span "
	    "style='mso-list:Ignore'>%s<span style='font:7.0pt \"Times New"
	    "\r\nRoman\"'>&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
	    "<span lang=EN-US>%s<o:p></o:p></span></p>\r\n\r\n",
	    18 * level, l, level, lfo, marker, text);
}

/* The same as WPS writes it: class MsoNormal, its own quoting. */
static void
wps_item(struct buf *b, int l, int level, int lfo, const char *marker,
    const char *text)
{
	buf_printf(b, "<p class=MsoNormal  style=\"margin-left:%d.0000pt;"
	    "text-indent:-18.0000pt;mso-list:l%d level%d lfo%d;\" >"
	    "<![if !supportLists]><span style=\"font-family:'Times New "
	    "Roman';mso-fareast-font-family:仿宋_GB2312;font-size:16.0000pt;"
	    "\" ><span style='mso-list:Ignore;' >%s<span>&nbsp;</span>"
	    "</span></span><![endif]><span style=\"mso-spacerun:'yes';"
	    "font-family:仿宋_GB2312;font-size:16.0000pt;\" ><font "
	    "face=\"仿宋_GB2312\" >%s</font></span><span style=\"mso-"
	    "spacerun:'yes';font-size:16.0000pt;\" ><o:p></o:p></span></p>",
	    18 * level, l, level, lfo, marker, text);
}

/* Word's empty paragraph, which Word leaves for spacing. */
static void
empty_p(struct buf *b)
{
	buf_puts(b, "<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p>"
	    "</span></p>\r\n\r\n");
}

static void
test_lists(void **state)
{
	struct buf b = BUF_INIT;

	/* Numbers: an <ol>; the marker goes. */
	item(&b, 0, 1, 1, "1.", "one");
	item(&b, 0, 1, 1, "2.", "two");
	check_buf(&b, "<ol><li>one</li>\n<li>two</li></ol>\n");
	/* Bullets: Symbol, Wingdings and Courier New glyphs. */
	item(&b, 0, 1, 1, "\xc2\xb7", "Symbol");
	item(&b, 0, 1, 1, "l", "Wingdings l");
	item(&b, 0, 1, 1, "\xc2\xa7", "Wingdings section");
	item(&b, 0, 1, 1, "o", "Courier o");
	item(&b, 0, 1, 1, "&#61623;", "private use");
	item(&b, 0, 1, 1, "\xe2\x97\x8f", "black circle");
	check_buf(&b, "<ul><li>Symbol</li>\n<li>Wingdings l</li>\n"
	    "<li>Wingdings section</li>\n<li>Courier o</li>\n"
	    "<li>private use</li>\n<li>black circle</li></ul>\n");
	/* The first marker gives start and type. */
	item(&b, 0, 1, 1, "3.", "three");
	item(&b, 0, 1, 1, "4.", "four");
	check_buf(&b, "<ol start=\"3\"><li>three</li>\n<li>four</li></ol>\n");
	item(&b, 0, 1, 1, "a)", "a");
	check_buf(&b, "<ol type=\"a\"><li>a</li></ol>\n");
	item(&b, 0, 1, 1, "C.", "C");
	check_buf(&b, "<ol start=\"3\" type=\"A\"><li>C</li></ol>\n");
	item(&b, 0, 1, 1, "iv.", "iv");
	check_buf(&b, "<ol start=\"4\" type=\"i\"><li>iv</li></ol>\n");
	item(&b, 0, 1, 1, "II.", "II");
	check_buf(&b, "<ol start=\"2\" type=\"I\"><li>II</li></ol>\n");
	item(&b, 0, 1, 1, "(10)", "ten");
	check_buf(&b, "<ol start=\"10\"><li>ten</li></ol>\n");
	/* Chinese numbering: 一、 （二） 第三章 ④ 1． */
	item(&b, 0, 1, 1, "一、", "一");
	check_buf(&b, "<ol><li>一</li></ol>\n");
	item(&b, 0, 1, 1, "（二）", "二");
	check_buf(&b, "<ol start=\"2\"><li>二</li></ol>\n");
	item(&b, 0, 1, 1, "第三章", "三");
	check_buf(&b, "<ol start=\"3\"><li>三</li></ol>\n");
	item(&b, 0, 1, 1, "④", "四");
	check_buf(&b, "<ol start=\"4\"><li>四</li></ol>\n");
	item(&b, 0, 1, 1, "十二、", "十二");
	check_buf(&b, "<ol start=\"12\"><li>十二</li></ol>\n");
	item(&b, 0, 1, 1, "１．", "全角");
	check_buf(&b, "<ol><li>全角</li></ol>\n");
	/* Outline numbers: the last one counts. */
	item(&b, 0, 1, 1, "2.3.", "x");
	check_buf(&b, "<ol start=\"3\"><li>x</li></ol>\n");
	/* The item keeps its bold, links and the like. */
	item(&b, 0, 1, 1, "1.", "<b>bold</b> and <a "
	    "href=\"https://example.org/\">a link</a>");
	check_buf(&b, "<ol><li><strong>bold</strong> and <a "
	    "href=\"https://example.org/\">a link</a></li></ol>\n");
	/* A paragraph that is a list item and bold all through. */
	buf_puts(&b, "<p class=MsoListParagraph style='mso-list:l0 level1 "
	    "lfo1;font-weight:bold'><![if !supportLists]><span "
	    "style='mso-list:Ignore'>1.</span><![endif]>all bold</p>");
	check_buf(&b, "<ol><li><strong>all bold</strong></li></ol>");
	buf_free(&b);
}

static void
test_list_nesting(void **state)
{
	struct buf b = BUF_INIT;

	/* Levels nest in the item before them, and come back. */
	item(&b, 0, 1, 1, "1.", "a");
	item(&b, 0, 2, 1, "a.", "a.a");
	item(&b, 0, 3, 1, "i.", "a.a.i");
	item(&b, 0, 3, 1, "ii.", "a.a.ii");
	item(&b, 0, 2, 1, "b.", "a.b");
	item(&b, 0, 1, 1, "2.", "b");
	item(&b, 0, 2, 1, "\xc2\xb7", "b bullet");
	item(&b, 0, 1, 1, "3.", "c");
	check_buf(&b, "<ol><li>a\n<ol type=\"a\"><li>a.a\n<ol type=\"i\">"
	    "<li>a.a.i</li>\n<li>a.a.ii</li></ol></li>\n<li>a.b</li></ol>"
	    "</li>\n"
	    "<li>b\n<ul><li>b bullet</li></ul></li>\n<li>c</li></ol>\n");
	/* A level skipped nests once; going back closes what is open. */
	item(&b, 0, 1, 1, "1.", "one");
	item(&b, 0, 3, 1, "i.", "three");
	item(&b, 0, 1, 1, "2.", "two");
	check_buf(&b, "<ol><li>one\n<ol type=\"i\"><li>three</li></ol></li>\n"
	    "<li>two</li></ol>\n");
	/* A list that starts deeper than level 1. */
	item(&b, 0, 2, 1, "a.", "deep");
	item(&b, 0, 1, 1, "1.", "top");
	check_buf(&b, "<ol type=\"a\"><li>deep</li></ol>\n"
	    "<ol><li>top</li></ol>\n");
	/* Empty paragraphs between items: one list. */
	item(&b, 0, 1, 1, "1.", "x");
	empty_p(&b);
	empty_p(&b);
	item(&b, 0, 1, 1, "2.", "y");
	check_buf(&b, "<ol><li>x</li>\n<li>y</li></ol>\n");
	/* A paragraph of the List Paragraph style without a number
	 * continues the item before it. */
	item(&b, 0, 1, 1, "1.", "x");
	buf_puts(&b, "<p class=MsoListParagraphCxSpMiddle style='margin-left:"
	    "18.0pt;mso-add-space:auto'><span lang=EN-US>more of x<o:p></o:p>"
	    "</span></p>\r\n\r\n");
	item(&b, 0, 1, 1, "2.", "y");
	check_buf(&b, "<ol><li>x\n<p>more of x</p></li>\n<li>y</li></ol>\n");
	/* Text between ends the list; the rest of it is a new one. */
	item(&b, 0, 1, 1, "1.", "x");
	buf_puts(&b, "<p class=MsoNormal>between</p>\r\n\r\n");
	item(&b, 0, 1, 1, "2.", "y");
	check_buf(&b, "<ol><li>x</li></ol>\n<p>between</p>\n"
	    "<ol start=\"2\"><li>y</li></ol>\n");
	/* Another list (lN) or another override of it (lfoM): another
	 * list, even right after. */
	item(&b, 0, 1, 1, "1.", "x");
	item(&b, 1, 1, 2, "1.", "y");
	item(&b, 1, 1, 3, "\xc2\xb7", "z");
	check_buf(&b, "<ol><li>x</li></ol>\n<ol><li>y</li></ol>\n"
	    "<ul><li>z</li></ul>\n");
	/* Chinese numbering on three levels. */
	item(&b, 5, 1, 6, "一、", "总体要求");
	item(&b, 5, 2, 6, "（一）", "指导思想");
	item(&b, 5, 3, 6, "1.", "需求导向");
	item(&b, 5, 2, 6, "（二）", "主要目标");
	item(&b, 5, 1, 6, "二、", "重点任务");
	check_buf(&b, "<ol><li>总体要求\n<ol><li>指导思想\n<ol><li>需求导向"
	    "</li></ol></li>\n<li>主要目标</li></ol></li>\n<li>重点任务</li>"
	    "</ol>\n");
	/* A list in a table cell stays in the cell. */
	buf_puts(&b, "<table class=MsoTableGrid border=1 cellspacing=0 "
	    "cellpadding=0>\r\n <tr>\r\n  <td width=277 valign=top>\r\n");
	item(&b, 7, 1, 8, "\xc2\xb7", "in a cell");
	item(&b, 7, 1, 8, "\xc2\xb7", "second");
	buf_puts(&b, "  </td>\r\n </tr>\r\n</table>");
	check_buf(&b, "<table>\n<tbody><tr>\n<td><ul><li>in a cell</li>\n"
	    "<li>second</li></ul>\n</td>\n</tr>\n</tbody></table>");
	buf_free(&b);
}

static void
test_list_forms(void **state)
{
	struct buf b = BUF_INIT;

	/* WPS: class MsoNormal, style='mso-list:Ignore;', no tab span. */
	wps_item(&b, 1, 1, 2, "1.", "主场活动");
	wps_item(&b, 1, 2, 2, "(1)", "开幕式");
	wps_item(&b, 1, 2, 2, "(2)", "科普展览");
	wps_item(&b, 1, 1, 2, "2.", "区级活动");
	check_buf(&b, "<ol><li>主场活动<ol><li>开幕式</li><li>科普展览</li>"
	    "</ol></li><li>区级活动</li></ol>");
	wps_item(&b, 2, 1, 3, "l", "市级补助");
	wps_item(&b, 2, 1, 3, "\xe2\x97\x86", "区级配套");
	check_buf(&b, "<ul><li>市级补助</li><li>区级配套</li></ul>");
	/* Word 2003 and earlier: no Ignore span, the marker in the
	 * <![if !supportLists]> alone. */
	check("<p class=MsoNormal style='margin-left:21.0pt;text-indent:"
	    "-21.0pt;mso-list:l0 level1 lfo1;tab-stops:list 21.0pt'>"
	    "<![if !supportLists]><span lang=EN-US>1.<span style='font:7.0pt "
	    "\"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span>"
	    "<![endif]>old Word</p>",
	    "<ol><li>old Word</li></ol>");
	/* Through an editor that dropped the conditional comments: the
	 * Ignore span is the marker. */
	check("<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>"
	    "<span style='mso-list:Ignore'>3)<span style='font:7.0pt "
	    "\"Times New Roman\"'>&nbsp; </span></span>no comments</p>",
	    "<ol start=\"3\"><li>no comments</li></ol>");
	check("<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>"
	    "<span style='font-family:Wingdings'><span style='mso-list:"
	    "Ignore'>Ø<span style='font:7.0pt \"Times New Roman\"'>"
	    "&nbsp; </span></span></span>arrow</p><p class=MsoNormal "
	    "style=\"mso-list:l1 level1 lfo2;\" ><span style='mso-list:"
	    "Ignore;' >ü<span>&nbsp;</span></span>check</p>",
	    "<ul><li>arrow</li></ul><ul><li>check</li></ul>");
	/* ... or the Ignore span too: the leading text is the marker. */
	check("<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>"
	    "1)&nbsp;&nbsp;plain marker</p><p class=MsoListParagraph "
	    "style='mso-list:l0 level1 lfo1'>2) second</p>",
	    "<ol><li>plain marker</li><li>second</li></ol>");
	check("<p class=MsoListParagraph style='mso-list:l3 level1 lfo4'>"
	    "\xe2\x80\xa2 bullet</p>",
	    "<ul><li>bullet</li></ul>");
	/* Not a marker: the text stays. */
	check("<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'>"
	    "2024年起施行</p>",
	    "<ul><li>2024年起施行</li></ul>");
	/* mso-list without a level, or none: a paragraph. */
	check("<p class=MsoNormal style='mso-list:none'>none</p>"
	    "<p style='mso-list:skip'>skip</p>",
	    "<p>none</p><p>skip</p>");
	/* Numbering written as text, as WPS and typists do, is text. */
	check("<p class=MsoNormal><span>一、</span><span>总体要求</span></p>"
	    "<p class=MsoNormal>（一）指导思想</p><p class=MsoNormal>1.坚持"
	    "</p><p class=MsoNormal>●&nbsp;展教面积</p>",
	    "<p>一、总体要求</p><p>（一）指导思想</p><p>1.坚持</p>"
	    "<p>●\xc2\xa0展教面积</p>");
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lists),
		cmocka_unit_test(test_list_nesting),
		cmocka_unit_test(test_list_forms),
	};
	return cmocka_run_group_tests_name("sanitize_lists", tests, NULL,
	    NULL);
}
