/*
 * Unit tests for sanitize: every class of XSS vector we know, malformed
 * and deep HTML, Word and WPS paste, Chinese text byte for byte.  Each
 * test compares the whole output, so a change in any byte fails it.
 */
#include <stdlib.h>
#include <string.h>

#include "sanitize_test.h"

/* Whether s contains needle, ignoring ASCII case. */
static int
has(const char *s, const char *needle)
{
	return strcasestr(s, needle) != NULL;
}

static void
test_plain(void **state)
{
	check("", "");
	check("hello", "hello");
	check("<p>a &amp; b &lt; c</p>", "<p>a &amp; b &lt; c</p>");
	check("'\"", "&#39;&quot;");
	check("<p>one</p>\n<p>two</p>", "<p>one</p>\n<p>two</p>");
	/* A check that cannot pass: proves the comparison is strict. */
	{
		struct buf out = BUF_INIT;
		assert_int_equal(sanitize_html(&out, "<b>x</b>", 8), GZ_OK);
		assert_string_not_equal(buf_cstr(&out), "<b>x</b> ");
		assert_string_not_equal(buf_cstr(&out), "<B>x</B>");
		buf_free(&out);
	}
}

static void
test_script(void **state)
{
	check("a<script>alert(1)</script>b", "ab");
	check("<SCRIPT SRC=//evil.example/x.js></SCRIPT>ok", "ok");
	check("<scr<script>ipt>alert(1)</script>", "ipt&gt;alert(1)");
	check("<p>x<script>document.write('<b>y</b>')</script></p>",
	    "<p>x</p>");
	check("<script>unclosed <p>never markup", "");
	check("<style>p{color:red}</style>ok", "ok");
	check("<template><img src=x onerror=alert(1)></template>ok", "ok");
	check("&lt;script&gt;alert(1)&lt;/script&gt;",
	    "&lt;script&gt;alert(1)&lt;/script&gt;");
}

static void
test_event_handlers(void **state)
{
	check("<img src=x onerror=alert(1)>", "<img src=\"x\">");
	check("<img src=\"/a.png\" ONERROR=\"alert(1)\" onload='x' alt=a>",
	    "<img src=\"/a.png\" alt=\"a\">");
	check("<p onclick=\"alert(1)\" onmouseover=alert(2)>t</p>",
	    "<p>t</p>");
	check("<body onload=alert(1)>x", "x");
	check("<details open ontoggle=alert(1)><summary>s</summary></details>",
	    "<details><summary>s</summary></details>");
	check("<a href=\"/x\" onfocus=alert(1) autofocus>t</a>",
	    "<a href=\"/x\">t</a>");
	check("<p/onclick=alert(1)>t</p>", "<p>t</p>");
	check("<span title='x\" onmouseover=\"alert(1)'>t</span>",
	    "t");
	check("<div data-x=1 aria-label=l class=c id=i tabindex=1>t</div>",
	    "<div>t</div>");
}

static void
test_js_urls(void **state)
{
	static const char *const bad[] = {
		"javascript:alert(1)",
		"JaVaScRiPt:alert(1)",
		"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;:x",
		"&#x6A;avascript&#x3A;alert(1)",
		"&#0000106avascript:x",
		"jav&#x09;ascript:alert(1)",
		"jav&#x0A;ascript:alert(1)",
		"jav&#x0D;ascript:alert(1)",
		"jav\tascript:alert(1)",
		"jav\nascript:alert(1)",
		"java&NewLine;script&colon;alert(1)",
		"java&Tab;script:alert(1)",
		" javascript:alert(1)",
		"&#1; &#14;javascript:alert(1)",
		"\x01javascript:alert(1)",
		"vbscript:msgbox(1)",
		"VBScript:msgbox(1)",
		"livescript:x",
		"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
		"data:text/html,<script>alert(1)</script>",
		"data:image/png;base64,iVBORw0KGgo=", /* never in a link */
		"DATA:image/svg+xml,<svg onload=alert(1)>",
		"file:///etc/passwd",
		"jar:http://x!/",
	};
	struct buf in = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		buf_reset(&in);
		buf_printf(&in, "<a href=\"%s\">t</a>", bad[i]);
		check(buf_cstr(&in), "t");
		buf_reset(&in);
		buf_printf(&in, "<a href='%s' target=_blank>t</a>", bad[i]);
		check(buf_cstr(&in), "t");
	}
	buf_free(&in);
	/* What must still work. */
	check("<a href=\"https://example.org/a?b=1&amp;c=2\">t</a>",
	    "<a href=\"https://example.org/a?b=1&amp;c=2\">t</a>");
	check("<a href=\"/n/1.html#x\">t</a>", "<a href=\"/n/1.html#x\">t</a>");
	check("<a href=\"mailto:a@example.org\">t</a>",
	    "<a href=\"mailto:a@example.org\">t</a>");
	check("<a href=\"news.html?u=javascript:1\">t</a>",
	    "<a href=\"news.html?u=javascript:1\">t</a>");
	check("<a href=HTTP://EXAMPLE.ORG/>t</a>",
	    "<a href=\"HTTP://EXAMPLE.ORG/\">t</a>");
}

static void
test_img_src(void **state)
{
	check("<img src=\"javascript:alert(1)\">", "");
	check("<img src=\" JAVA\tSCRIPT:alert(1)\">", "");
	check("<img src=\"data:image/svg+xml;base64,PHN2Zz4=\">", "");
	check("<img src=\"data:text/html,x\">", "");
	check("<img src=\"file:///C:/x/clip_image002.jpg\" width=5>", "");
	check("<img alt=\"no src\">", "");
	check("<img src=\"\" alt=e>", "");
	check("<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=p>",
	    "<img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"p\">");
	check("<img src=\"data:image/jpeg;base64,/9j/\">",
	    "<img src=\"data:image/jpeg;base64,/9j/\">");
	check("<img src=/a.jpg width=600 height=\"400\" border=0 "
	    "style=\"float:left\" srcset=\"x 2x\" usemap=#m id=i>",
	    "<img src=\"/a.jpg\" width=\"600\" height=\"400\">");
	check("<img src=a.png width=\"100%\" height=auto>",
	    "<img src=\"a.png\">");
	check("<image src=/i.png>", "<img src=\"/i.png\">");
}

static void
test_svg_math(void **state)
{
	check("<svg onload=alert(1)><circle r=1 /></svg>ok", "ok");
	check("<svg><a xlink:href=\"javascript:alert(1)\"><text>t</text></a>"
	    "</svg>", "");
	check("<svg><script>alert(1)</script></svg>", "");
	check("<svg><foreignObject><p>p</p><img src=x onerror=alert(1)>"
	    "</foreignObject></svg>ok", "ok");
	check("<svg><style><img src=x onerror=alert(1)></style></svg>", "");
	check("<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
	    "");
	check("<math><mtext><table><mglyph><style><img src=x "
	    "onerror=alert(1)></style></mglyph></table></mtext></math>ok",
	    "ok");
	/* Gumbo follows the older spec here: in a fragment, <p> does not
	 * break out of svg, so it goes with the svg.  (A browser would show
	 * "b"; dropping too much is the safe way to be wrong.) */
	check("<p>a<svg><p>b</p></svg>c</p>", "<p>ac</p>");
}

static void
test_style(void **state)
{
	check("<p style=\"width:expression(alert(1));text-align:center\">x</p>",
	    "<p style=\"text-align:center\">x</p>");
	check("<p style=\"background:url(javascript:alert(1))\">x</p>",
	    "<p>x</p>");
	check("<p style=\"behavior:url(x.htc);-moz-binding:url(x)\">x</p>",
	    "<p>x</p>");
	check("<p style=\"te\\78t-align:center\">x</p>", "<p>x</p>");
	check("<p style=\"text-align:\\63 enter\">x</p>", "<p>x</p>");
	check("<p style=\"text-align:/**/center\">x</p>", "<p>x</p>");
	/* A browser reads these as one comment and one declaration of an
	 * unknown property; splitting at ';' alone would find text-align. */
	check("<p style=\"/*;text-align:center;*/\">x</p>", "<p>x</p>");
	check("<p style=\"x:\\;text-align:center\">x</p>", "<p>x</p>");
	check("<p style=\"text-align:center;x:expression(alert(1))\">x</p>",
	    "<p style=\"text-align:center\">x</p>");
	check("<p style=\"font-weight:expression(1)\">x</p>", "<p>x</p>");
	check("<p style=\"position:fixed;top:0;z-index:9999\">x</p>",
	    "<p>x</p>");
	check("<p style=\"mso-list:l0 level1 lfo1;mso-char-indent-count:2\">"
	    "x</p>",
	    "<ul><li>x</li></ul>");
	check("<p style=\"TEXT-ALIGN: Justify ; Text-Indent:2em;"
	    "FONT-WEIGHT:700;text-decoration:underline\">x</p>",
	    "<p><strong><u>x</u></strong></p>");
	check("<p style=\"text-indent:-18.0pt;font-weight:bold !important;"
	    "font-style:oblique;text-indent:1e3pt;text-indent:.5in\">x</p>",
	    "<p><strong><em>x</em></strong></p>");
	check("<span style=\"font-style:italic;text-decoration:line-through;"
	    "font-weight:1001;font-weight:normal\">x</span>",
	    "<em><s>x</s></em>");
	check("<p style=\"text-align:center&#x3b;color:red\">x</p>",
	    "<p style=\"text-align:center\">x</p>");
	check("<p style=\";;:;text-align:left:x;text-align;text-align:left\">"
	    "x</p>",
	    "<p>x</p>");
	check("<p style=\"\">x</p>", "<p>x</p>");
}

static void
test_dangerous_elements(void **state)
{
	check("<iframe src=\"javascript:alert(1)\">x</iframe>ok", "ok");
	check("<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>ok", "ok");
	check("<object data=x><param name=a value=b>fallback</object>ok",
	    "ok");
	check("<embed src=x>ok", "ok");
	check("<applet code=x>fallback</applet>ok", "ok");
	check("<form action=/x><p>in form</p><input name=a></form>ok", "ok");
	check("<form><form><input></form>x</form>y", "xy");
	check("<button onclick=alert(1)>b</button><textarea>t</textarea>ok",
	    "ok");
	check("<select><option>a<option>b</select>ok", "ok");
	check("<link rel=stylesheet href=x><meta http-equiv=refresh "
	    "content=\"0;url=javascript:alert(1)\"><base href=//evil/>ok",
	    "ok");
	check("<title>t</title><head><title>t</title></head>ok", "ok");
	check("<frameset><frame src=x></frameset>ok", "ok");
	check("<noembed>n</noembed><noframes>f</noframes>ok", "ok");
	check("<xml><w:x>1</w:x></xml>ok", "ok");
	check("<xmp><script>x</script></xmp>",
	    "&lt;script&gt;x&lt;/script&gt;");
}

static void
test_mxss(void **state)
{
	/* Gumbo parses noscript with scripting off, a browser with it on:
	 * whichever is right, nothing of the noscript may come out. */
	check("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">"
	    "</noscript>", "");
	check("<noscript><img src=x onerror=alert(1)></noscript>ok", "ok");
	check("<p title=\"</p><img src=x onerror=alert(1)>\">t</p>",
	    "<p title=\"&lt;/p&gt;&lt;img src=x onerror=alert(1)&gt;\">"
	    "t</p>");
	check("<img alt=\"&lt;img src=x onerror=alert(1)&gt;\" src=/i>",
	    "<img alt=\"&lt;img src=x onerror=alert(1)&gt;\" src=\"/i\">");
	check("<textarea><img src=x onerror=alert(1)></textarea>", "");
	check("<title><img src=x onerror=alert(1)></title>", "");
	check("<a title=\"`x`\" href=/>`y`</a>",
	    "<a title=\"`x`\" href=\"/\">`y`</a>");
	check("<!--><img src=x onerror=alert(1)>-->",
	    "<img src=\"x\">--&gt;");
	check("<!-- <img src=x onerror=alert(1)> -->ok", "ok");
	/* Outside svg, CDATA is a bogus comment up to the first '>'. */
	check("<![CDATA[<img src=x onerror=alert(1)>]]>", "]]&gt;");
}

static void
test_attributes(void **state)
{
	check("<a href=/a target=_BLANK rel=opener>t</a>",
	    "<a href=\"/a\" target=\"_blank\" rel=\"noopener noreferrer\">t</a>");
	check("<a href=/a target=_self rel=nofollow>t</a>",
	    "<a href=\"/a\">t</a>");
	check("<a name=_Toc1>t</a>",
	    "t");
	check("<h2 id=\"第一节 intro!\">h</h2>", "<h2 id=\"u-intro\">h</h2>");
	check("<h3 id=\"&lt;&gt;\">h</h3>", "<h3>h</h3>");
	check("<h1 id=location>h</h1>", "<h1 id=\"u-location\">h</h1>");
	check("<p id=p name=n>p</p>", "<p>p</p>");
	check("<ol start=3 reversed type=i><li value=10>a<li value=-1>b</ol>",
	    "<ol start=\"3\" reversed type=\"i\"><li value=\"10\">a</li>"
	    "<li>b</li></ol>");
	check("<ol type=disc start=x><li>a</ol>", "<ol><li>a</li></ol>");
	check("<table><tr><th scope=ROW colspan=2 rowspan=1x>h<td "
	    "colspan=9999999999 rowspan=3 width=5 nowrap>d</table>",
	    "<table><tbody><tr><th scope=\"row\" colspan=\"2\">h</th>"
	    "<td rowspan=\"3\">d</td></tr></tbody></table>");
	check("<p dir=RTL lang=ZH-CN align=Center title=t>x</p>",
	    "<p dir=\"rtl\" title=\"t\" style=\"text-align:center\">x</p>");
	check("<p dir=sideways lang=\"en_US!\" align=middle>x</p>",
	    "<p>x</p>");
	check("<time datetime=\"2024-05-30T10:00+08:00\">t</time>",
	    "<time datetime=\"2024-05-30T10:00+08:00\">t</time>");
	check("<colgroup span=2><col span=1>", "");
	check("<table><colgroup span=2><col span=x></colgroup></table>",
	    "<table><colgroup span=\"2\"><col></colgroup></table>");
	check("<p xml:lang=en xmlns:o=urn:x>x</p>", "<p>x</p>");
}

static void
test_malformed(void **state)
{
	check("<p>a<p>b", "<p>a</p><p>b</p>");
	check("<b>1<i>2</b>3</i>4",
	    "<strong>1<em>2</em></strong><em>3</em>4");
	check("<ul><li>a<li>b<ul><li>c</ul><li>d</ul>",
	    "<ul><li>a</li><li>b<ul><li>c</li></ul></li><li>d</li></ul>");
	check("<table><tr><td>a<td>b<tr><td>c</table>",
	    "<table><tbody><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr>"
	    "</tbody></table>");
	check("<table>text<tr><td>1</table>",
	    "text<table><tbody><tr><td>1</td></tr></tbody></table>");
	check("</b></i></div>x", "x");
	check("</p>x",
	    "x");
	check("<a href=/1>one <a href=/2>two</a>",
	    "<a href=\"/1\">one </a><a href=\"/2\">two</a>");
	check("<a href=x", "");
	check("<p title=\"unterminated>x", "");
	check("<em>open", "<em>open</em>");
	check("<h1>a<h2>b</h1>", "<h1>a</h1><h2>b</h2>");
	check("<dl><dt>t<dd>d<dt>u</dl>",
	    "<dl><dt>t</dt><dd>d</dd><dt>u</dt></dl>");
	/* Foster parenting puts an <li> right in an <li>, which would
	 * read back as two (found by fuzz_sanitize): the inner one goes. */
	check("<li><table><li>x", "<li>x<table></table></li>");
	check("<dl><dt><table><dd>y</table></dl>",
	    "<dl><dt>y<table></table></dt></dl>");
	check("line<br>break</br>x<hr>", "line<br>break<br>x<hr>");
	check("<center>c</center><font color=red>f</font><o:p>o</o:p>"
	    "<st1:place>s</st1:place><blink>b</blink>", "cfosb");
	check("<html><head></head><body><p>x</p></body></html>",
	    "<p>x</p>");
}

static void
test_pre(void **state)
{
	check("<pre>\nx</pre>", "<pre>x</pre>");
	check("<pre>\n\nx</pre>", "<pre>\n\nx</pre>");
	check("<pre><b>\nx</b></pre>",
	    "<pre><strong>\nx</strong></pre>");
	check("<pre>a\n  b</pre>", "<pre>a\n  b</pre>");
}

static void
test_deep_nesting(void **state)
{
	struct buf in = BUF_INIT, out = BUF_INIT, want = BUF_INIT;
	size_t i;

	for (i = 0; i < 1000; i++)
		buf_puts(&in, "<div>");
	buf_puts(&in, "x");
	for (i = 0; i < SANITIZE_MAX_DEPTH; i++)
		buf_puts(&want, "<div>");
	buf_puts(&want, "x");
	for (i = 0; i < SANITIZE_MAX_DEPTH; i++)
		buf_puts(&want, "</div>");
	assert_int_equal(sanitize_html(&out, in.data, in.len), GZ_OK);
	assert_true(buf_eq(&out, &want));

	/* Unwrapped elements still lose their dangerous children. */
	buf_reset(&in);
	for (i = 0; i < 600; i++)
		buf_puts(&in, "<span>");
	buf_puts(&in, "<script>alert(1)</script><img src=x onerror=alert(1)>y");
	buf_reset(&out);
	assert_int_equal(sanitize_html(&out, in.data, in.len), GZ_OK);
	assert_false(has(buf_cstr(&out), "script"));
	assert_false(has(buf_cstr(&out), "onerror"));
	assert_string_equal(buf_cstr(&out), "<img src=\"x\">y");

	/* A table without room for its cells goes, its text stays: text
	 * right in a <tr> would be moved out of it when read (found by
	 * fuzz_sanitize); with room it stays. */
	for (i = 3; i <= 4; i++) {
		size_t k, divs = SANITIZE_MAX_DEPTH - i;
		buf_reset(&in);
		buf_reset(&want);
		buf_reset(&out);
		for (k = 0; k < divs; k++)
			buf_puts(&in, "<div>");
		buf_puts(&in, "<table><tr><td>a</td><td>b</td></tr></table>");
		for (k = 0; k < divs; k++)
			buf_puts(&want, "<div>");
		buf_puts(&want, i == 3 ? "ab" : "<table><tbody><tr><td>a</td>"
		    "<td>b</td></tr></tbody></table>");
		for (k = 0; k < divs; k++)
			buf_puts(&want, "</div>");
		assert_int_equal(sanitize_html(&out, in.data, in.len), GZ_OK);
		assert_string_equal(buf_cstr(&out), buf_cstr(&want));
	}

	/* Long enough to overflow any recursive walker's stack. */
	buf_reset(&in);
	for (i = 0; i < 20000; i++)
		buf_puts(&in, "<b><i><u><s>");
	buf_reset(&out);
	assert_int_equal(sanitize_html(&out, in.data, in.len), GZ_OK);
	buf_free(&in);
	buf_free(&out);
	buf_free(&want);
}

static void
test_word(void **state)
{
	check("<!--[if gte mso 9]><xml><o:OfficeDocumentSettings>"
	    "<o:AllowPNG/></o:OfficeDocumentSettings></xml><![endif]-->"
	    "<p class=MsoNormal align=center style='text-align:center'><b>"
	    "<span lang=EN-US style='font-size:16.0pt;font-family:\"Times New "
	    "Roman\";mso-fareast-font-family:宋体'>Title<o:p></o:p></span>"
	    "</b></p>",
	    "<p style=\"text-align:center\"><strong>Title</strong></p>");
	check("<p class=MsoNormal><span lang=EN-US><o:p>&nbsp;</o:p></span>"
	    "</p>",
	    "");
	check("<p class=MsoNormal><o:p> \xc2\xa0 </o:p></p>",
	    "");
	check("<p class=MsoListParagraph style='margin-left:18.0pt;"
	    "text-indent:-18.0pt;mso-list:l0 level1 lfo1'>"
	    "<![if !supportLists]><span lang=EN-US><span "
	    "style='mso-list:Ignore'>1.<span style='font:7.0pt \"Times New "
	    "Roman\"'>&nbsp;&nbsp; </span></span></span><![endif]>"
	    "<span style='font-family:宋体'>会议时间</span></p>",
	    "<ol><li>会议时间</li></ol>");
	check("<p class=MsoNormal style='text-indent:24.0pt;"
	    "mso-char-indent-count:2.0'>定于<st1:chsdate Year=\"2024\" "
	    "w:st=\"on\"><span lang=EN-US>5</span>月18日</st1:chsdate>报到</p>",
	    "<p>定于5月18日报到</p>");
	check("<span><!--[if gte vml 1]><v:shape id=\"i1\"><v:imagedata "
	    "src=\"file:///C:/x/clip_image001.png\"/></v:shape><![endif]-->"
	    "<![if !vml]><img width=553 height=311 src=\"a.files/i.jpg\" "
	    "v:shapes=\"i1\"><![endif]></span>",
	    "<img width=\"553\" height=\"311\" src=\"a.files/i.jpg\">");
	check("<html xmlns:o=\"urn:schemas-microsoft-com:office:office\">"
	    "<head><meta name=ProgId content=Word.Document><style><!-- "
	    "p.MsoNormal {margin:0cm} --></style></head><body lang=ZH-CN>"
	    "<!--StartFragment--><div class=WordSection1><p>正文</p></div>"
	    "<!--EndFragment--></body></html>",
	    "<p>正文</p>");
	check("<b style='mso-bidi-font-weight:normal'>b</b><i "
	    "style='mso-bidi-font-style:normal'>i</i>",
	    "<strong>b</strong><em>i</em>");
	check("<span style='mso-spacerun:yes'>&nbsp; </span>",
	    "\xc2\xa0 ");
}

static void
test_wps(void **state)
{
	check("<p class=MsoNormal align=center style=\"text-align:center;\">"
	    "<b><span style=\"mso-spacerun:'yes';font-family:方正小标宋简体;"
	    "font-size:22.0000pt;mso-font-kerning:1.0000pt;\"><font "
	    "face=\"方正小标宋简体\">市科协召开</font>2024<font "
	    "face=\"方正小标宋简体\">年度工作会议</font></span></b><span "
	    "style=\"mso-spacerun:'yes';font-size:22.0000pt;\"><o:p></o:p>"
	    "</span></p>",
	    "<p style=\"text-align:center\"><strong>市科协召开2024年度工作会议</stro"
	    "ng></p>");
	check("<p class=MsoNormal style=\"text-indent:32.0000pt;"
	    "mso-char-indent-count:2.0000;\"><span style=\"font-family:"
	    "仿宋_GB2312;\">正文</span></p>",
	    "<p>正文</p>");
	check("<table class=MsoTableGrid border=1 cellspacing=0 style=\""
	    "border-collapse:collapse;mso-padding-alt:0.0000pt 5.4000pt ;\">"
	    "<tr><td width=142 valign=top style=\"width:142.0000pt;\"><p "
	    "class=MsoNormal><span><font face=\"宋体\">单位</font></span></p>"
	    "</td></tr></table>",
	    "<table><tbody><tr><td>单位</td></tr></tbody></table>");
}

static void
test_chinese(void **state)
{
	static const char text[] =
	    "　　新华社北京5月30日电——“科技强国”，‘创新’；【】《》……～"
	    "繁體：臺灣。かな。한국어。🔬 𠀀𪚥 nbsp:[\xc2\xa0] "
	    "\xef\xbf\xbd";
	struct buf in = BUF_INIT, want = BUF_INIT;

	buf_printf(&in, "<p>%s</p>", text);
	buf_printf(&want, "<p>%s</p>", text);
	check(buf_cstr(&in), buf_cstr(&want));
	check("<p title=\"标题\" lang=zh-Hans>中文</p>",
	    "<p title=\"标题\">中文</p>");
	check("&#20013;&#x6587;&nbsp;&copy;", "中文\xc2\xa0©");
	check("<h2 id=\"中文\">中</h2>", "<h2>中</h2>");
	buf_free(&in);
	buf_free(&want);
}

static void
test_bad_bytes(void **state)
{
	/* Invalid UTF-8 becomes U+FFFD; NUL is dropped or replaced. */
	check("a\xff" "b", "a\xef\xbf\xbd" "b");
	check_len("a\0b", 3, "ab");
	check_len("<p title=\"a\0b\">c</p>", 20,
	    "<p title=\"a\xef\xbf\xbd" "b\">c</p>");
	check("\xe4\xb8", "\xef\xbf\xbd");
	/* Gumbo 0.10.1 turns references past INT_MAX into stray bytes; the
	 * output must stay valid UTF-8 (found by fuzz_sanitize). */
	check("a&#x9999999999;b", "a\xef\xbf\xbd" "b");
	check("&#x99999999;", "\xef\xbf\xbd");
	check("<p title=\"&#x9999999999;\">x</p>",
	    "<p title=\"\xef\xbf\xbd\">x</p>");
	/* A control in a URL would be written as U+FFFD, making another
	 * URL: the link or image goes (found by fuzz_sanitize). */
	check("<a href=&#1mailto:>k</a><a href=\"/a&#x1f;b\">l</a>"
	    "<img src=\"&#x7f;/a.png\">", "kl");
	check("<a href=\"https://x/&#xfffd;\">r</a>",
	    "<a href=\"https://x/\xef\xbf\xbd\">r</a>");
	/* INT_MIN comes out as a NUL that ends gumbo's string: the rest of
	 * that text is lost, which is harmless. */
	check("a&#2147483648;b<p title=\"x&#x80000000;y\">z</p>",
	    "a<p title=\"x\">z</p>");
}

static void
test_api(void **state)
{
	struct buf out = BUF_INIT;

	/* Output is appended. */
	buf_puts(&out, "head:");
	assert_int_equal(sanitize_html(&out, "<b>x</b>", 8), GZ_OK);
	assert_string_equal(buf_cstr(&out), "head:<strong>x</strong>");
	/* Only n bytes are read. */
	assert_int_equal(sanitize_html(&out, "<i>y</i>trailing", 8), GZ_OK);
	assert_string_equal(buf_cstr(&out), "head:<strong>x</strong><em>y</em>");
	/* Nothing to do. */
	assert_int_equal(sanitize_html(&out, NULL, 0), GZ_OK);
	assert_int_equal(sanitize_html(&out, NULL, 1), GZ_EINVAL);
	assert_string_equal(buf_cstr(&out), "head:<strong>x</strong><em>y</em>");
	buf_free(&out);

	/* A buffer already in error is reported, not written. */
	assert_int_equal(buf_grow(&out, (size_t)-1 / 2 + 10), GZ_ENOMEM);
	assert_int_equal(sanitize_html(&out, "<p>x</p>", 8), GZ_ENOMEM);
	assert_int_equal(out.len, 0);
	buf_free(&out);

	/* The same input always gives the same bytes. */
	{
		static const char in[] = "<p style='text-align:center'>a"
		    "<img src=/x onerror=y>b</p>";
		struct buf a = BUF_INIT, b = BUF_INIT;
		assert_int_equal(sanitize_html(&a, in, sizeof in - 1), GZ_OK);
		assert_int_equal(sanitize_html(&b, in, sizeof in - 1), GZ_OK);
		assert_true(buf_eq(&a, &b));
		buf_free(&a);
		buf_free(&b);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_script),
		cmocka_unit_test(test_event_handlers),
		cmocka_unit_test(test_js_urls),
		cmocka_unit_test(test_img_src),
		cmocka_unit_test(test_svg_math),
		cmocka_unit_test(test_style),
		cmocka_unit_test(test_dangerous_elements),
		cmocka_unit_test(test_mxss),
		cmocka_unit_test(test_attributes),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_pre),
		cmocka_unit_test(test_deep_nesting),
		cmocka_unit_test(test_word),
		cmocka_unit_test(test_wps),
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_bad_bytes),
		cmocka_unit_test(test_api),
	};
	return cmocka_run_group_tests_name("sanitize", tests, NULL, NULL);
}
