/*
 * Unit tests for what sanitize makes of HTML from Microsoft Word and WPS
 * Office: each rule sanitize.h gives for them, on small inputs written
 * the way Word 2016 and WPS 2019 write them, compared whole (lists are
 * in test_sanitize_lists.c); the image hook of sanitize_html_opt(); and
 * that the output of every regress sample (regress/sanitize/NAME.html)
 * and every fuzz input kept (fuzz/corpus/sanitize) is its own output.
 *
 * The regress samples are found under $GAZETTE_REGRESS, else ./regress
 * (the Makefile runs tests from the top of the tree), the fuzz inputs
 * in ../fuzz/corpus/sanitize from there; without the samples that test
 * is skipped.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sanitize_test.h"

static void
test_inline(void **state)
{
	/* b, strong and bold in a style are one <strong>; runs of it
	 * side by side are joined. */
	check("<p class=MsoNormal><b><span lang=EN-US>b</span></b><strong>s"
	    "</strong><span style='font-weight:bold'>w</span><span "
	    "style='font-weight:700'>7</span><span style='font-weight:600'>"
	    "6</span></p>",
	    "<p><strong>bsw76</strong></p>");
	/* Word splits a run where the language changes ("2023" and "年"):
	 * joined again, nested formatting too; runs apart stay apart. */
	check("<p><b><i><span lang=EN-US>2023</span></i></b><b><i>"
	    "<span lang=ZH-CN>年</span></i></b> <b>x</b><i>y</i><i>z</i>"
	    "<sup>1</sup><sup>2</sup><s>a</s><sup>b</sup></p>",
	    "<p><strong><em>2023年</em></strong> <strong>x</strong>"
	    "<em>yz</em><sup>12</sup><s>a</s><sup>b</sup></p>");
	/* Never one inside itself: WPS writes <b><span font-weight:bold>. */
	check("<b><span style=\"font-family:宋体;font-weight:bold;\" ><font "
	    "face=\"宋体\" >粗</font></span></b>",
	    "<strong>粗</strong>");
	check("<b><i><b><strong><span style='font-weight:bold'>x</span>"
	    "</strong></b></i></b>",
	    "<strong><em>x</em></strong>");
	/* i, em and italic (or oblique) are <em>. */
	check("<i>i</i><em>e</em><span style='font-style:italic'>s</span>"
	    "<span style='font-style:oblique 10deg'>o</span>",
	    "<em>ieso</em>");
	/* Word's mso-bidi-* say nothing of what is shown. */
	check("<b style='mso-bidi-font-weight:normal'><i "
	    "style='mso-bidi-font-style:normal'>bi</i></b>",
	    "<strong><em>bi</em></strong>");
	/* A b or i whose own style says otherwise is unwrapped. */
	check("<b style='font-weight:normal'>n</b><i style='font-style:"
	    "normal'>n</i><u style='text-decoration:none'>n</u>",
	    "nnn");
	/* u and underline; s, strike and line-through. */
	check("<u>u</u><span style='text-decoration:underline;text-"
	    "underline:single'>w</span><s>s</s><strike>k</strike><span "
	    "style='text-decoration:line-through'>l</span>",
	    "<u>uw</u><s>skl</s>");
	/* vertical-align super and sub; sup and sub. */
	check("m<span style='vertical-align:super'>2</span> H<span "
	    "style='vertical-align:sub'>2</span>O x<sup>3</sup>y<sub>1</sub>",
	    "m<sup>2</sup> H<sub>2</sub>O x<sup>3</sup>y<sub>1</sub>");
	/* All of them on one span, in a fixed order. */
	check("<span style='font-weight:bold;font-style:italic;text-"
	    "decoration:underline line-through;vertical-align:super'>all"
	    "</span>",
	    "<strong><em><u><s><sup>all</sup></s></u></em></strong>");
	/* No <strong> in a heading, no <u> in a link: they look so. */
	check("<h2><b>粗</b>体</h2><a href=\"https://example.org/\"><u>u</u>"
	    "</a><a href=\"/x\"><span style='text-decoration:underline'>s"
	    "</span></a>",
	    "<h2>粗体</h2><a href=\"https://example.org/\">u</a>"
	    "<a href=\"/x\">s</a>");
	/* Formatting with nothing in it goes. */
	check("<p>a<b><span lang=EN-US><o:p></o:p></span></b>b<i></i></p>",
	    "<p>ab</p>");
}

static void
test_unwrapped(void **state)
{
	/* span, font, center, smart tags, w:Sdt: their text stays. */
	check("<p class=MsoNormal><span lang=EN-US style='font-size:12.0pt;"
	    "font-family:\"Times New Roman\",serif;color:red;background:"
	    "yellow;mso-highlight:yellow'>span</span> <font face=\"仿宋_GB2312\""
	    " size=4 color=blue>font</font> <st1:chsdate Year=\"2024\" "
	    "Month=\"5\" Day=\"18\" IsLunarDate=\"False\" IsROCDate=\"False\" "
	    "w:st=\"on\">5月18日</st1:chsdate> <st1:City w:st=\"on\"><st1:place "
	    "w:st=\"on\">Beijing</st1:place></st1:City> <w:Sdt "
	    "DocPart=\"x\">sdt</w:Sdt></p><center>c</center>",
	    "<p>span font 5月18日 Beijing sdt</p>c");
	/* <o:p> with text in it is unwrapped too. */
	check("<p class=MsoNormal><o:p>text</o:p></p>", "<p>text</p>");
	/* Word's spell-check marks and bookmark spans. */
	check("<p class=MsoNormal><span class=SpellE>Gazete</span> <span "
	    "class=GramE>is</span><span style='mso-bookmark:_Toc1'>!</span>"
	    "</p>",
	    "<p>Gazete is!</p>");
	/* WordSection and WPS's Section0 divs go, other divs stay. */
	check("<div class=WordSection1 style='layout-grid:15.6pt'><p>a</p>"
	    "</div><div class=\"Section0\"  style=\"layout-grid:15.6000pt;\""
	    " ><p>b</p></div><div class=other><p>c</p></div>",
	    "<p>a</p><p>b</p><div><p>c</p></div>");
}

static void
test_dropped(void **state)
{
	/* The head, its style, meta, link, title and xml islands. */
	check("<html xmlns:v=\"urn:schemas-microsoft-com:vml\"\r\n"
	    "xmlns:o=\"urn:schemas-microsoft-com:office:office\">\r\n\r\n"
	    "<head>\r\n<meta http-equiv=Content-Type content=\"text/html; "
	    "charset=utf-8\">\r\n<meta name=ProgId content=Word.Document>\r\n"
	    "<link rel=File-List\r\nhref=\"file:///C:/Users/a/AppData/Local/"
	    "Temp/msohtmlclip1/01/clip_filelist.xml\">\r\n<title>t</title>\r\n"
	    "<!--[if gte mso 9]><xml>\r\n <o:OfficeDocumentSettings>\r\n  "
	    "<o:AllowPNG/>\r\n </o:OfficeDocumentSettings>\r\n</xml>"
	    "<![endif]-->\r\n<style>\r\n<!--\r\n p.MsoNormal\r\n\t{margin:0cm;}"
	    "\r\n-->\r\n</style>\r\n</head>\r\n\r\n<body lang=ZH-CN style='tab-"
	    "interval:21.0pt'>\r\n<!--StartFragment-->\r\n\r\n<p "
	    "class=MsoNormal>正文</p>\r\n\r\n<!--EndFragment-->\r\n</body>"
	    "\r\n\r\n</html>",
	    "<p>正文</p>\n");
	/* An xml island in the body, and WPS's document properties. */
	check("a<xml><w:WordDocument><w:View>Normal</w:View></w:WordDocument>"
	    "</xml>b<!--[if gte mso 9]><xml><o:CustomDocumentProperties>"
	    "<o:KSOProductBuildVer dt:dt=\"string\" >2052-11.1.0.12980"
	    "</o:KSOProductBuildVer></o:CustomDocumentProperties></xml>"
	    "<![endif]-->c",
	    "abc");
	/* VML and Office elements with all in them; empty <o:p>. */
	check("<p>x<v:shape id=\"i1\"><v:textbox>in a shape</v:textbox>"
	    "</v:shape><o:lock v:ext=\"edit\">lock</o:lock><o:p></o:p>"
	    "<o:p>&nbsp;</o:p>y</p>",
	    "<p>xy</p>");
	/* Written as <v:x/>, what the parser put inside it follows it. */
	check("<p>a<v:imagedata src=\"file:///C:/a.png\"/>b<o:p/>c"
	    "<o:AllowPNG/><b>d</b></p>e",
	    "<p>abc<strong>d</strong></p>e");
	/* Conditional comments go; what <![if ...]> holds stays. */
	check("<p>a<!--[if gte vml 1]><v:shape><v:imagedata "
	    "src=\"x.png\"/></v:shape><![endif]--><![if !vml]>b<![endif]>"
	    "<!--[if supportFields]>TOC \\o<![endif]-->c</p>",
	    "<p>abc</p>");
	/* Script, as Word saves it for its comments. */
	check("<script language=JavaScript>\r\n<!--\r\nfunction "
	    "msoCommentShow(a, c) {}\r\n// -->\r\n</script>ok",
	    "ok");
	/* A page break and a section break are not line breaks. */
	check("<p>a</p><span lang=EN-US style='font-size:10.5pt'><br "
	    "clear=all style='page-break-before:always;mso-break-type:"
	    "section-break'>\r\n</span><p>b<br style='page-break-before:"
	    "always'>c<br>d</p>",
	    "<p>a</p>\n<p>bc<br>d</p>");
}

static void
test_hidden(void **state)
{
	/* Hidden text. */
	check("<p class=MsoNormal>shown<span style='display:none;mso-hide:"
	    "all'>hidden</span><span style=\"mso-spacerun:'yes';display:"
	    "none;\" >wps</span><span style='DISPLAY: NONE !important'>x"
	    "</span>.</p>",
	    "<p>shown.</p>");
	/* Word's comments: the mark in the text and the list of them. */
	check("<p class=MsoNormal>原创<span class=MsoCommentReference><span "
	    "lang=EN-US style='font-size:10.5pt'>&nbsp;<![if "
	    "!supportAnnotations]><a class=msocomanchor id=\"_anchor_1\"\r\n"
	    "onmouseover=\"msoCommentShow('_anchor_1','_com_1')\"\r\n"
	    "onmouseout=\"msoCommentHide('_com_1')\" href=\"#_msocom_1\" "
	    "language=JavaScript\r\nname=\"_msoanchor_1\">[ZW1]</a><![endif]>"
	    "<span style='mso-special-character:\r\ncomment'>&nbsp;</span>"
	    "</span></span>。</p>\r\n\r\n<div style='mso-element:comment-list'>"
	    "<![if !supportAnnotations]>\r\n\r\n<hr class=msocomoff align=left "
	    "size=1 width=\"33%\">\r\n\r\n<![endif]>\r\n\r\n<div "
	    "style='mso-element:comment'><![if !supportAnnotations]>\r\n\r\n"
	    "<div id=\"_com_1\" class=msocomtxt language=JavaScript><![endif]>"
	    "\r\n\r\n<p class=MsoCommentText>请核实</p>\r\n\r\n</div>\r\n\r\n"
	    "<![if !supportAnnotations]></div>\r\n\r\n<![endif]></div>\r\n\r\n"
	    "</div>",
	    "<p>原创。</p>\n");
	/* What Word writes for browsers that do not show comments. */
	check("<p>a<![if !supportAnnotations]><a name=\"_msocom_1\"></a>"
	    "[LN1]<![endif]>b</p>",
	    "<p>ab</p>");
	/* The anchor alone, as an editor may have left it. */
	check("<p>a<a class=msocomanchor href=\"#_msocom_1\">[A1]</a>b</p>",
	    "<p>ab</p>");
}

static void
test_headings(void **state)
{
	/* Word's Title and Subtitle, and its heading classes. */
	check("<p class=MsoTitle><span style='font-family:宋体'>标题</span>"
	    "</p><p class=MsoSubtitle>副标题</p><p class=MsoHeading1>h1</p>"
	    "<p class=MsoHeading6>h6</p><p class=MsoHeading7>h7</p>"
	    "<p class=MsoHeading9>h9</p>",
	    "<h1>标题</h1><h2>副标题</h2><h1>h1</h1><h6>h6</h6><h6>h7</h6>"
	    "<h6>h9</h6>");
	/* WPS's heading classes, and the case of class names. */
	check("<p class=Heading2>w</p><p class=\"heading3 other\">x</p>"
	    "<p class=MSOTITLE>y</p>",
	    "<h2>w</h2><h3>x</h3><h1>y</h1>");
	/* A paragraph's outline level; past 6 it is h6. */
	check("<p class=MsoNormal style=\"text-indent:32.0000pt;"
	    "mso-outline-level:1;\" ><span style=\"font-family:黑体;\" >"
	    "<font face=\"黑体\" >一、总体要求</font></span></p>"
	    "<p class=MsoNormal style='mso-outline-level:3'><b>三级</b></p>"
	    "<p style='mso-outline-level:7'>七</p>"
	    "<p style='mso-outline-level:0'>zero</p>"
	    "<p style='mso-outline-level:10'>ten</p>",
	    "<h1>一、总体要求</h1><h3>三级</h3><h6>七</h6><p>zero</p>"
	    "<p>ten</p>");
	/* A heading stays a heading, centred, with its bookmark gone. */
	check("<h1 align=center style='text-align:center'><a "
	    "name=\"_Toc167890123\"><span style='font-family:黑体'>总则</span>"
	    "</a><span lang=EN-US><o:p></o:p></span></h1>",
	    "<h1 style=\"text-align:center\">总则</h1>");
	/* Numbered headings keep their number as text. */
	check("<h2 style='margin-left:0cm;text-indent:0cm;mso-list:l1 level2 "
	    "lfo1'><a name=\"_Toc155870002\"><![if !supportLists]><span "
	    "lang=EN-US><span style='mso-list:Ignore'>1.1<span style='font:"
	    "7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp; </span>"
	    "</span></span><![endif]><span style='font-family:宋体'>会员发展"
	    "</span></a></h2><h1 style='mso-list:l2 level1 lfo3'>"
	    "<![if !supportLists]><span style='font-family:黑体'><span "
	    "style='mso-list:Ignore'>一、</span></span><![endif]><span "
	    "style='font-family:黑体'>参赛对象</span></h1><p class=MsoHeading3 "
	    "style='mso-list:l1 level3 lfo1'><![if !supportLists]><span "
	    "style='mso-list:Ignore'>第三条</span><![endif]>细则</p>",
	    "<h2>1.1 会员发展</h2><h1>一、参赛对象</h1><h3>第三条 细则</h3>");
	/* Empty headings go. */
	check("<h1><a name=\"_Toc1\"></a><span lang=EN-US><o:p>&nbsp;</o:p>"
	    "</span></h1><h2>\xe3\x80\x80<br></h2><p class=MsoTitle>"
	    "<o:p></o:p></p>",
	    "");
	/* A heading class inside a heading is not a second heading (the
	 * parser reads <h1> right in <h2> as two). */
	check("<h2><p class=MsoTitle>t</p></h2>", "<h2><p>t</p></h2>");
}

static void
test_tables(void **state)
{
	/* A cell's lone <p> is unwrapped, its alignment moved to the
	 * cell; colspan and rowspan stay, Word's widths and borders go. */
	check("<table class=MsoTableGrid border=1 cellspacing=0 cellpadding=0"
	    "\r\n style='border-collapse:collapse;border:none;mso-yfti-"
	    "tbllook:1184'>\r\n <tr style='mso-yfti-irow:0;mso-yfti-firstrow:"
	    "yes'>\r\n  <td width=92 rowspan=2 valign=top style='width:69.15pt;"
	    "\r\n  border:solid windowtext 1.0pt'>\r\n  <p class=MsoNormal "
	    "align=center style='text-align:center'><b><span style='font-"
	    "family:宋体'>组别<span lang=EN-US><o:p></o:p></span></span></b>"
	    "</p>\r\n  </td>\r\n  <td width=184 colspan=2 valign=top>\r\n  <p "
	    "class=MsoNormal align=right style='text-align:right'><span "
	    "lang=EN-US>10<o:p></o:p></span></p>\r\n  </td>\r\n </tr>\r\n "
	    "<tr>\r\n  <td width=92>\r\n  <p class=MsoNormal>a</p>\r\n  <p "
	    "class=MsoNormal>b</p>\r\n  </td>\r\n  <td width=92>\r\n  <p "
	    "class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span></p>\r\n"
	    "  </td>\r\n </tr>\r\n</table>",
	    "<table>\n<tbody><tr>\n<td rowspan=\"2\" "
	    "style=\"text-align:center\">"
	    "<strong>组别</strong></td>\n<td colspan=\"2\" "
	    "style=\"text-align:right\">10</td>\n</tr>\n<tr>\n<td><p>a</p>\n"
	    "<p>b</p>\n</td>\n<td></td>\n</tr>\n</tbody></table>");
	/* A cell's own alignment wins; a <p> that says otherwise stays. */
	check("<table><tr><td align=center><p align=right>r</p></td>"
	    "<td align=center><p align=center>c</p></td><th><p>h</p></th>"
	    "</tr></table>",
	    "<table><tbody><tr><td style=\"text-align:center\"><p "
	    "style=\"text-align:right\">r</p></td><td "
	    "style=\"text-align:center\">c</td><th>h</th></tr></tbody>"
	    "</table>");
	/* Text beside the <p> keeps it. */
	check("<table><tr><td>t<p>p</p></td></tr></table>",
	    "<table><tbody><tr><td>t<p>p</p></td></tr></tbody></table>");
	/* The empty row Word adds under merged cells goes. */
	check("<table class=MsoTableGrid><tr><td colspan=2>x</td></tr>\r\n "
	    "<![if !supportMisalignedColumns]>\r\n <tr height=0>\r\n  <td "
	    "width=92 style='border:none'></td>\r\n  <td width=92 "
	    "style='border:none'></td>\r\n </tr>\r\n <![endif]>\r\n</table>",
	    "<table><tbody><tr><td colspan=\"2\">x</td></tr>\n</tbody>"
	    "</table>");
	/* Spans that are not numbers go. */
	check("<table><tr><td colspan=\"2x\" rowspan=-1>x</td><td "
	    "colspan=1234567890>y</td></tr></table>",
	    "<table><tbody><tr><td>x</td><td>y</td></tr></tbody></table>");
}

static void
test_layout(void **state)
{
	/* A floating picture: Word places it with a table written for
	 * other browsers, then clears the float; only the picture stays. */
	check("<p class=MsoNormal>前<![if !vml]><span "
	    "style='mso-ignore:vglayout'>\r\n\r\n<table cellpadding=0 "
	    "cellspacing=0 align=left>\r\n <tr>\r\n  <td width=0 height=4>"
	    "</td>\r\n </tr>\r\n <tr>\r\n  <td></td>\r\n  <td><img width=150 "
	    "height=113\r\n  src=\"a.files/image004.jpg\"\r\n  "
	    "v:shapes=\"图片_x0020_2\"></td>\r\n </tr>\r\n</table>\r\n\r\n"
	    "</span><![endif]>后</p>\r\n\r\n<br style='mso-ignore:vglayout' "
	    "clear=ALL>\r\n\r\n<p>next</p>",
	    "<p>前\n</p>\n<img width=\"150\" height=\"113\" "
	    "src=\"a.files/image004.jpg\">\n后\n<p>next</p>");
	/* A text box: two layout tables, the &nbsp; for browsers that
	 * draw neither; its text stays. */
	check("<![if !vml]><span style='mso-ignore:vglayout;position:absolute"
	    "'><table cellpadding=0 cellspacing=0><tr><td width=189 "
	    "height=82 style='vertical-align:top'><![endif]><![if !mso]><span "
	    "style='position:absolute;mso-ignore:vglayout'><table "
	    "cellpadding=0 cellspacing=0 width=\"100%\"><tr><td><![endif]>"
	    "<div v:shape=\"文本框_x0020_2\" class=shape><p class=MsoNormal>"
	    "资料来源</p></div><![if !mso]></td></tr></table></span><![endif]>"
	    "<![if !mso & !vml]>&nbsp;<![endif]><![if !vml]></td></tr></table>"
	    "</span><![endif]>",
	    "<div><p>资料来源</p></div>");
	/* A real table in a text box stays; one after <![endif]> too. */
	check("<![if !mso]><table><tr><td><![endif]><table "
	    "class=MsoTableGrid><tr><td>in</td></tr></table><![if !mso]>"
	    "</td></tr></table><![endif]><table><tr><td>after</td></tr>"
	    "</table>",
	    "<table><tbody><tr><td>in</td></tr></tbody></table><table><tbody>"
	    "<tr><td>after</td></tr></tbody></table>");
}

static void
test_links(void **state)
{
	/* Links stay, with their title; Word's span around them goes. */
	check("<span class=MsoHyperlink><a href=\"https://www.example.org.cn/"
	    "kjds/\" title=\"大赛\"><span style='font-family:\"Times New "
	    "Roman\"'>官网</span></a></span> <a href=\"mailto:kjds@example.org"
	    ".cn\">mail</a> <a href=\"年度报告.files/附件1.xlsx\">附件</a> <a "
	    "href=\"https://x.example/\" target=\"_blank\">new</a>",
	    "<a href=\"https://www.example.org.cn/kjds/\" title=\"大赛\">官网"
	    "</a> <a href=\"mailto:kjds@example.org.cn\">mail</a> <a "
	    "href=\"年度报告.files/附件1.xlsx\">附件</a> <a "
	    "href=\"https://x.example/\" target=\"_blank\" "
	    "rel=\"noopener noreferrer\">new</a>");
	/* Bookmarks and links to them: their text stays. */
	check("<a name=\"_Toc166483802\">toc</a> <a name=\"_Hlk166483710\">"
	    "hlk</a> <a name=\"OLE_LINK1\">ole</a> <a href=\"#_Toc12\">entry"
	    "</a> <a href=\"#_Ref155870111\">表 1</a> <a href=\"#top\">top</a>",
	    "toc hlk ole entry 表 1 <a href=\"#top\">top</a>");
	/* A footnote mark: superscript, not a link; its text at the end. */
	check("<p class=MsoNormal>终评<a style='mso-footnote-id:ftn1' "
	    "href=\"#_ftn1\" name=\"_ftnref1\" title=\"\"><span "
	    "class=MsoFootnoteReference><span lang=EN-US><span "
	    "style='mso-special-character:footnote'><![if !supportFootnotes]>"
	    "<span class=MsoFootnoteReference><span lang=EN-US "
	    "style='font-size:10.5pt'>[1]</span></span><![endif]></span>"
	    "</span></span></a>。</p><div style='mso-element:footnote' "
	    "id=ftn1><p class=MsoFootnoteText><a style='mso-footnote-id:ftn1'"
	    " href=\"#_ftnref1\" name=\"_ftn1\" title=\"\"><span "
	    "class=MsoFootnoteReference><span lang=EN-US>[1]</span></span>"
	    "</a> 顺延。</p></div>",
	    "<p>终评<sup>[1]</sup>。</p><div><p><sup>[1]</sup> 顺延。</p>"
	    "</div>");
	/* Links that are not safe are unwrapped. */
	check("<a href=\"javascript:alert(1)\">js</a><a href=\"file:///C:/x."
	    "docx\">file</a>",
	    "jsfile");
}

static void
test_empty(void **state)
{
	/* Paragraphs with nothing to see. */
	check("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span>"
	    "</p>\r\n\r\n<p class=MsoNormal><o:p></o:p></p><p><br></p>"
	    "<p>\xe3\x80\x80&nbsp; </p><p class=MsoNormal "
	    "style=\"text-indent:32.0000pt;\" ><span style=\"font-family:"
	    "仿宋_GB2312;\" ><o:p>&nbsp;</o:p></span></p><p><b><span><o:p>"
	    "&nbsp;</o:p></span></b></p>",
	    "");
	/* White space at the start of a paragraph goes, within stays. */
	check("<p class=MsoNormal><span style='mso-spacerun:yes'>&nbsp;&nbsp;"
	    " </span>正文&nbsp;&nbsp;继续</p>",
	    "<p>正文\xc2\xa0\xc2\xa0继续</p>");
	/* An image is something to see. */
	check("<p><img src=\"/a.png\"></p>", "<p><img src=\"/a.png\"></p>");
	/* Alignment: center and right stay, the rest goes. */
	check("<p align=center>c</p><p style='text-align:right'>r</p>"
	    "<p style='text-align:justify;text-justify:inter-ideograph'>j</p>"
	    "<div align=center>d</div><h3 style='text-align:center'>h</h3>",
	    "<p style=\"text-align:center\">c</p><p "
	    "style=\"text-align:right\">r</p><p>j</p><div "
	    "style=\"text-align:center\">d</div><h3 "
	    "style=\"text-align:center\">h</h3>");
}

/* ---- the image hook ------------------------------------------------------ */

/* sanitize_html_opt() of a string. */
static int
sanitize_str(struct buf *out, const char *in, const struct sanitize_opt *o)
{
	return sanitize_html_opt(out, in, strlen(in), o);
}

struct hook {
	int calls;
	int fail_at;      /* the call that returns err (0: none) */
	int err;
	char seen[8][128]; /* the srcs asked about */
};

/*
 * Relink as the admin does: file: and data: images are "uploaded" and
 * get /media/N.ext, https images stay as they are, "evil" ones answer
 * a script URL, anything else is dropped.
 */
static int
relink(const char *src, size_t n, struct buf *out, int *keep, void *arg)
{
	struct hook *h = arg;
	int i = h->calls++;

	if (i < 8)
		snprintf(h->seen[i], sizeof h->seen[i], "%.*s", (int)n, src);
	if (h->calls == h->fail_at) {
		buf_puts(out, "/media/half-done.png");
		*keep = 1;   /* the error wins */
		return h->err;
	}
	if (n > 8 && strncmp(src, "file:///", 8) == 0) {
		buf_printf(out, "/media/%d.jpg", h->calls);
		*keep = 1;
	} else if (n > 5 && strncmp(src, "data:", 5) == 0) {
		buf_printf(out, "/media/%d.png", h->calls);
		*keep = 1;
	} else if (n > 8 && strncmp(src, "https://", 8) == 0) {
		*keep = 1;   /* out left empty: the src as it is */
	} else if (n >= 4 && strncmp(src, "evil", 4) == 0) {
		buf_puts(out, "javascript:alert(1)");
		*keep = 1;
	}
	return GZ_OK;
}

/* What Word copies for an inline picture, then other images. */
static const char word_images[] =
    "<p class=MsoNormal><span lang=EN-US style='mso-no-proof:yes'>"
    "<!--[if gte vml 1]><v:shape id=\"图片_x0020_1\" o:spid=\"_x0000_i1025\""
    " type=\"#_x0000_t75\" style='width:276.75pt;height:155.25pt'>\r\n "
    "<v:imagedata src=\"file:///C:/Users/zhangwei/AppData/Local/Temp/"
    "msohtmlclip1/01/clip_image001.png\"\r\n  o:title=\"\"/>\r\n"
    "</v:shape><![endif]--><![if !vml]><img width=369 height=207\r\n"
    "src=\"file:///C:/Users/zhangwei/AppData/Local/Temp/msohtmlclip1/01/"
    "clip_image002.jpg\"\r\nalt=\"现场\" v:shapes=\"图片_x0020_1\">"
    "<![endif]></span></p>"
    "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=d>"
    "<img src=\"https://cdn.example.org/a.gif\">"
    "<img src=\"a.files/image003.png\">"
    "<img src=\"evil.png\"></p>";

static void
test_image_hook(void **state)
{
	struct hook h;
	struct sanitize_opt o = {relink, &h};
	struct buf out = BUF_INIT;

	/* Relinked, kept as it is, dropped, and dropped when the new
	 * src is not safe; v:imagedata never asked about. */
	memset(&h, 0, sizeof h);
	assert_int_equal(sanitize_html_opt(&out, word_images,
	    sizeof word_images - 1, &o), GZ_OK);
	assert_string_equal(buf_cstr(&out),
	    "<p><img width=\"369\" height=\"207\" src=\"/media/1.jpg\" "
	    "alt=\"现场\"></p><p><img src=\"/media/2.png\" alt=\"d\">"
	    "<img src=\"https://cdn.example.org/a.gif\"></p>");
	assert_int_equal(h.calls, 5);
	assert_string_equal(h.seen[0], "file:///C:/Users/zhangwei/AppData/"
	    "Local/Temp/msohtmlclip1/01/clip_image002.jpg");
	assert_string_equal(h.seen[1], "data:image/png;base64,iVBORw0KGgo=");
	assert_string_equal(h.seen[3], "a.files/image003.png");
	buf_free(&out);

	/* The hook sees the src decoded. */
	memset(&h, 0, sizeof h);
	assert_int_equal(sanitize_str(&out, "<img src=\"https://x.org/"
	    "a?b=1&amp;c=&#x4E2D;\">", &o), GZ_OK);
	assert_string_equal(h.seen[0], "https://x.org/a?b=1&c=中");
	assert_string_equal(buf_cstr(&out),
	    "<img src=\"https://x.org/a?b=1&amp;c=中\">");
	buf_free(&out);

	/* Dropped, the paragraph with it goes. */
	memset(&h, 0, sizeof h);
	assert_int_equal(sanitize_str(&out, "<p><img src=\"x.png\"></p>"
	    "<p>t</p>", &o), GZ_OK);
	assert_string_equal(buf_cstr(&out), "<p>t</p>");
	buf_free(&out);

	/* An error stops sanitizing with it; out is cut back. */
	memset(&h, 0, sizeof h);
	h.fail_at = 2;
	h.err = GZ_EIO;
	buf_puts(&out, "before:");
	assert_int_equal(sanitize_html_opt(&out, word_images,
	    sizeof word_images - 1, &o), GZ_EIO);
	assert_string_equal(buf_cstr(&out), "before:");
	assert_int_equal(out.len, 7);
	assert_int_equal(buf_error(&out), GZ_OK);
	assert_int_equal(h.calls, 2);   /* and the hook is asked no more */
	h.calls = 0;
	h.fail_at = 1;
	h.err = GZ_ENOSPC;
	assert_int_equal(sanitize_html_opt(&out, word_images,
	    sizeof word_images - 1, &o), GZ_ENOSPC);
	assert_string_equal(buf_cstr(&out), "before:");
	buf_free(&out);

	/* Without a hook Word's file: pictures go, data: and https stay. */
	assert_int_equal(sanitize_html(&out, word_images,
	    sizeof word_images - 1), GZ_OK);
	assert_string_equal(buf_cstr(&out),
	    "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"d\">"
	    "<img src=\"https://cdn.example.org/a.gif\">"
	    "<img src=\"a.files/image003.png\"><img src=\"evil.png\"></p>");
	buf_free(&out);

	/* No options, or no hook in them: the same as sanitize_html(). */
	o.image = NULL;
	assert_int_equal(sanitize_str(&out, "<img src=\"file:///C:/a.png\">"
	    "<img src=/b.png>", &o), GZ_OK);
	assert_int_equal(sanitize_str(&out, "<b>x</b>", NULL), GZ_OK);
	assert_string_equal(buf_cstr(&out),
	    "<img src=\"/b.png\"><strong>x</strong>");
	buf_free(&out);
}

/* ---- idempotence --------------------------------------------------------- */

static int
read_file(const char *path, struct buf *b)
{
	char chunk[4096];
	size_t k;
	FILE *f;

	if ((f = fopen(path, "rb")) == NULL)
		return GZ_EIO;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		buf_put(b, chunk, k);
	fclose(f);
	return buf_error(b);
}

/*
 * Whether the output of every NAME.html in dir is its own output.
 * Returns the number of files that are not, or -1 if dir cannot be read;
 * *n is the number of files.
 */
static int
idempotent_dir(const char *dir, int *n)
{
	struct buf path = BUF_INIT, in = BUF_INIT, a = BUF_INIT, b = BUF_INIT;
	struct dirent *d;
	DIR *dp;
	int fails = 0;

	*n = 0;
	if ((dp = opendir(dir)) == NULL)
		return -1;
	while ((d = readdir(dp)) != NULL) {
		size_t len = strlen(d->d_name);

		if (len < 6 || strcmp(d->d_name + len - 5, ".html") != 0)
			continue;
		buf_reset(&path);
		buf_reset(&in);
		buf_reset(&a);
		buf_reset(&b);
		buf_printf(&path, "%s/%s", dir, d->d_name);
		assert_int_equal(read_file(buf_cstr(&path), &in), GZ_OK);
		assert_int_equal(sanitize_html(&a, in.data, in.len), GZ_OK);
		assert_int_equal(sanitize_html(&b, a.data, a.len), GZ_OK);
		(*n)++;
		if (!buf_eq(&a, &b)) {
			fprintf(stderr, "%s: sanitized again it changes:\n"
			    "--- once\n%s\n--- twice\n%s\n", buf_cstr(&path),
			    buf_cstr(&a), buf_cstr(&b));
			fails++;
		}
	}
	closedir(dp);
	buf_free(&path);
	buf_free(&in);
	buf_free(&a);
	buf_free(&b);
	return fails;
}

static void
test_idempotent(void **state)
{
	const char *top = getenv("GAZETTE_REGRESS");
	struct buf dir = BUF_INIT;
	int fails, more, n, m;

	buf_printf(&dir, "%s/sanitize", top ? top : "regress");
	fails = idempotent_dir(buf_cstr(&dir), &n);
	buf_reset(&dir);
	/* And the fuzz inputs kept, beside it, which are nastier. */
	buf_printf(&dir, "%s/../fuzz/corpus/sanitize", top ? top : "regress");
	more = idempotent_dir(buf_cstr(&dir), &m);
	buf_free(&dir);
	if (fails < 0)
		skip();
	assert_true(n >= 5);   /* the samples are there */
	assert_int_equal(fails, 0);
	assert_true(more <= 0);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_unwrapped),
		cmocka_unit_test(test_dropped),
		cmocka_unit_test(test_hidden),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_layout),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_image_hook),
		cmocka_unit_test(test_idempotent),
	};
	return cmocka_run_group_tests_name("sanitize_word", tests, NULL,
	    NULL);
}
