/*
 * Unit tests for feed: the exact RSS, Atom, sitemap and robots.txt of
 * small inputs, escaping and the characters XML forbids, RFC 822 dates
 * east and west of UTC, empty feeds, refused inputs, and a large feed
 * of hostile text checked by xmllint.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "buf.h"
#include "feed.h"
#include "unit.h"

/* 2026-03-14T09:00:00+08:00 */
#define T_CONGRESS 1773450000

static const struct feed_info info = {
    .title = "滨江科协 & Co",
    .link = "https://www.example.org/",
    .self = "https://www.example.org/rss.xml",
    .lang = "zh-CN",
    .description = "新闻",
    .updated = T_CONGRESS,
    .offset = 480,
    .generator = "Gazette 0.1.0",
};

static const struct feed_item item = {
    .title = "第十次代表大会",
    .url = "https://www.example.org/news/20260314-congress.html",
    .summary = "大会 <开幕>",
    .author = "王 & 李",
    .guid = NULL,
    .date = T_CONGRESS,
    .offset = 480,
};

static void
test_rss_exact(void **state)
{
	struct buf b = BUF_INIT;

	assert_int_equal(feed_rss(&b, &info, &item, 1), GZ_OK);
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "  <channel>\n"
	    "    <title>滨江科协 &amp; Co</title>\n"
	    "    <link>https://www.example.org/</link>\n"
	    "    <description>新闻</description>\n"
	    "    <language>zh-CN</language>\n"
	    "    <generator>Gazette 0.1.0</generator>\n"
	    "    <lastBuildDate>Sat, 14 Mar 2026 09:00:00 +0800"
	    "</lastBuildDate>\n"
	    "    <atom:link href=\"https://www.example.org/rss.xml\" "
	    "rel=\"self\" type=\"application/rss+xml\"/>\n"
	    "    <item>\n"
	    "      <title>第十次代表大会</title>\n"
	    "      <link>https://www.example.org/news/20260314-congress.html"
	    "</link>\n"
	    "      <description>大会 &lt;开幕&gt;</description>\n"
	    "      <dc:creator>王 &amp; 李</dc:creator>\n"
	    "      <guid isPermaLink=\"true\">"
	    "https://www.example.org/news/20260314-congress.html</guid>\n"
	    "      <pubDate>Sat, 14 Mar 2026 09:00:00 +0800</pubDate>\n"
	    "    </item>\n"
	    "  </channel>\n"
	    "</rss>\n");
	buf_free(&b);
}

static void
test_atom_exact(void **state)
{
	struct buf b = BUF_INIT;

	assert_int_equal(feed_atom(&b, &info, &item, 1), GZ_OK);
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"zh-CN\">\n"
	    "  <id>https://www.example.org/rss.xml</id>\n"
	    "  <title>滨江科协 &amp; Co</title>\n"
	    "  <subtitle>新闻</subtitle>\n"
	    "  <updated>2026-03-14T09:00:00+08:00</updated>\n"
	    "  <link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://www.example.org/\"/>\n"
	    "  <link rel=\"self\" type=\"application/atom+xml\" "
	    "href=\"https://www.example.org/rss.xml\"/>\n"
	    "  <author>\n"
	    "    <name>滨江科协 &amp; Co</name>\n"
	    "  </author>\n"
	    "  <generator>Gazette 0.1.0</generator>\n"
	    "  <entry>\n"
	    "    <id>https://www.example.org/news/20260314-congress.html</id>\n"
	    "    <title>第十次代表大会</title>\n"
	    "    <updated>2026-03-14T09:00:00+08:00</updated>\n"
	    "    <published>2026-03-14T09:00:00+08:00</published>\n"
	    "    <link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://www.example.org/news/20260314-congress.html\"/>\n"
	    "    <summary>大会 &lt;开幕&gt;</summary>\n"
	    "    <author>\n"
	    "      <name>王 &amp; 李</name>\n"
	    "    </author>\n"
	    "  </entry>\n"
	    "</feed>\n");
	buf_free(&b);
}

static void
test_sitemap_exact(void **state)
{
	static const struct sitemap_alt alts[] = {
	    {"zh-CN", "https://www.example.org/news/a.html"},
	    {"en", "https://www.example.org/en/news/a.html?x=1&y=2"},
	};
	const struct sitemap_url urls[] = {
	    {"https://www.example.org/news/a.html", T_CONGRESS, 480, alts, 2},
	    {"https://www.example.org/", 0, 0, NULL, 0},
	};
	struct buf b = BUF_INIT;

	assert_int_equal(sitemap_urlset(&b, urls, 2), GZ_OK);
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
	    "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
	    "  <url>\n"
	    "    <loc>https://www.example.org/news/a.html</loc>\n"
	    "    <lastmod>2026-03-14T09:00:00+08:00</lastmod>\n"
	    "    <xhtml:link rel=\"alternate\" hreflang=\"zh-CN\" "
	    "href=\"https://www.example.org/news/a.html\"/>\n"
	    "    <xhtml:link rel=\"alternate\" hreflang=\"en\" "
	    "href=\"https://www.example.org/en/news/a.html?x=1&amp;y=2\"/>\n"
	    "  </url>\n"
	    "  <url>\n"
	    "    <loc>https://www.example.org/</loc>\n"
	    "  </url>\n"
	    "</urlset>\n");
	buf_free(&b);
}

static void
test_sitemap_index_exact(void **state)
{
	const char *const locs[] = {"https://www.example.org/sitemap-1.xml",
	    "https://www.example.org/sitemap-2.xml"};
	const int64_t lastmods[] = {T_CONGRESS, 0};
	struct buf b = BUF_INIT;

	assert_int_equal(sitemap_index(&b, locs, lastmods, 2), GZ_OK);
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<sitemapindex "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
	    "  <sitemap>\n"
	    "    <loc>https://www.example.org/sitemap-1.xml</loc>\n"
	    "    <lastmod>2026-03-14T01:00:00+00:00</lastmod>\n"
	    "  </sitemap>\n"
	    "  <sitemap>\n"
	    "    <loc>https://www.example.org/sitemap-2.xml</loc>\n"
	    "  </sitemap>\n"
	    "</sitemapindex>\n");
	buf_free(&b);
}

static void
test_robots(void **state)
{
	struct buf b = BUF_INIT;

	robots_txt(&b, "https://www.example.org/sitemap.xml\nDisallow: /");
	assert_string_equal(buf_cstr(&b),
	    "User-agent: *\n"
	    "Disallow: /api/\n"
	    "Disallow: /admin/\n"
	    "Allow: /\n"
	    "\n"
	    "Sitemap: https://www.example.org/sitemap.xmlDisallow: /\n");
	buf_reset(&b);
	robots_txt(&b, NULL);
	assert_null(strstr(buf_cstr(&b), "Sitemap"));
	buf_free(&b);
}

/* Markup characters become entities; what XML forbids is dropped. */
static void
test_escaping(void **state)
{
	struct feed_item it = item;
	struct buf b = BUF_INIT;

	/* Controls, U+FFFE and U+FFFF go; a stray byte and each byte of a
	 * cut-off sequence become U+FFFD. */
	it.title = "a&b <i>\"q\" 'x'\x01\x0b\x1f\tz\xef\xbf\xbe\xef\xbf\xbf"
	           "\xff中文\xe4\xb8";
	it.guid = "tag:example.org,2026:1&2";
	assert_int_equal(feed_rss(&b, &info, &it, 1), GZ_OK);
	assert_non_null(strstr(buf_cstr(&b),
	    "<title>a&amp;b &lt;i&gt;"
	    "&quot;q&quot; &#39;x&#39;\tz\xef\xbf\xbd中文"
	    "\xef\xbf\xbd\xef\xbf\xbd</title>"));
	assert_non_null(strstr(buf_cstr(&b),
	    "<guid isPermaLink=\"false\">"
	    "tag:example.org,2026:1&amp;2</guid>"));
	buf_reset(&b);
	assert_int_equal(feed_atom(&b, &info, &it, 1), GZ_OK);
	assert_non_null(strstr(buf_cstr(&b),
	    "<id>tag:example.org,2026:1&amp;2"
	    "</id>"));
	assert_null(strchr(buf_cstr(&b), '\x01'));
	buf_free(&b);
}

static void
expect_pubdate(int64_t t, int offset, const char *want)
{
	struct feed_item it = item;
	struct buf b = BUF_INIT, w = BUF_INIT;

	it.date = t;
	it.offset = offset;
	assert_int_equal(feed_rss(&b, &info, &it, 1), GZ_OK);
	buf_printf(&w, "<pubDate>%s</pubDate>", want);
	if (strstr(buf_cstr(&b), buf_cstr(&w)) == NULL)
		fail_msg("t=%lld offset=%d: want %s in\n%s", (long long)t,
		    offset, want, buf_cstr(&b));
	buf_free(&b);
	buf_free(&w);
}

static void
test_dates(void **state)
{
	expect_pubdate(T_CONGRESS, 480, "Sat, 14 Mar 2026 09:00:00 +0800");
	expect_pubdate(T_CONGRESS, -300, "Fri, 13 Mar 2026 20:00:00 -0500");
	expect_pubdate(T_CONGRESS, 0, "Sat, 14 Mar 2026 01:00:00 +0000");
	expect_pubdate(1767225600, 0, "Thu, 01 Jan 2026 00:00:00 +0000");
	expect_pubdate(-1, 0, "Wed, 31 Dec 1969 23:59:59 +0000");
	expect_pubdate(-2203891200LL, 0, "Thu, 01 Mar 1900 00:00:00 +0000");
	expect_pubdate(13574586600LL, 330, "Tue, 29 Feb 2400 12:00:00 +0530");
	expect_pubdate(951901200, -570, "Tue, 29 Feb 2000 23:30:00 -0930");
	/* An offset no zone has is shown as UTC. */
	expect_pubdate(T_CONGRESS, 100000, "Sat, 14 Mar 2026 01:00:00 +0000");
}

static void
test_empty(void **state)
{
	struct feed_info f = {.title = "T", .link = "https://e.org/"};
	struct buf b = BUF_INIT;

	assert_int_equal(feed_rss(&b, &f, NULL, 0), GZ_OK);
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<rss version=\"2.0\" xmlns:atom=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "  <channel>\n"
	    "    <title>T</title>\n"
	    "    <link>https://e.org/</link>\n"
	    "    <description>T</description>\n"
	    "  </channel>\n"
	    "</rss>\n");
	buf_reset(&b);
	assert_int_equal(feed_atom(&b, &f, NULL, 0), GZ_OK);
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
	    "  <id>https://e.org/</id>\n"
	    "  <title>T</title>\n"
	    "  <updated>1970-01-01T00:00:00+00:00</updated>\n"
	    "  <link rel=\"alternate\" type=\"text/html\" "
	    "href=\"https://e.org/\"/>\n"
	    "  <author>\n"
	    "    <name>T</name>\n"
	    "  </author>\n"
	    "</feed>\n");
	buf_reset(&b);
	assert_int_equal(sitemap_urlset(&b, NULL, 0), GZ_OK);
	assert_string_equal(buf_cstr(&b),
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
	    "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n"
	    "</urlset>\n");
	buf_free(&b);
}

/* Refused input leaves out as it was. */
static void
test_refused(void **state)
{
	struct feed_info f = info;
	struct feed_item it = item;
	struct sitemap_url u = {NULL, 0, 0, NULL, 0};
	struct buf b = BUF_INIT;

	buf_puts(&b, "keep");
	f.title = NULL;
	assert_int_equal(feed_rss(&b, &f, &item, 1), GZ_EINVAL);
	it.url = NULL;
	assert_int_equal(feed_atom(&b, &info, &it, 1), GZ_EINVAL);
	assert_int_equal(sitemap_urlset(&b, &u, 1), GZ_EINVAL);
	assert_int_equal(
	    sitemap_urlset(&b, &u, SITEMAP_MAX_URLS + 1), GZ_ETOOBIG);
	assert_int_equal(sitemap_index(&b, NULL, NULL, 1), GZ_EINVAL);
	assert_string_equal(buf_cstr(&b), "keep");
	buf_free(&b);
}

/* Text of every byte value, UTF-8 or not. */
static void
random_text(struct buf *b, unsigned *seed, size_t n)
{
	static const char *const bits[] = {"中文", "&", "<", ">", "\"", "'",
	    "]]>", "\xef\xbf\xbe", "\xed\xa0\x80", "\xf4\x90\x80\x80", "&amp;",
	    "\xc2\x85", "\xe2\x80\xa8"};
	size_t i;

	buf_reset(b);
	for (i = 0; i < n; i++) {
		*seed = *seed * 1103515245 + 12345;
		if ((*seed >> 16) % 3 == 0)
			buf_puts(b, bits[(*seed >> 8) % 13]);
		else
			buf_putc(b, (int)((*seed >> 16) & 0xff) | 1);
	}
}

static void
check_xmllint(const struct buf *doc, const char *name)
{
	char path[] = "/tmp/gz-feed-XXXXXX";
	struct buf cmd = BUF_INIT;
	FILE *f;
	int fd;

	assert_true((fd = mkstemp(path)) >= 0);
	assert_non_null(f = fdopen(fd, "w"));
	assert_int_equal(fwrite(doc->data, 1, doc->len, f), doc->len);
	assert_int_equal(fclose(f), 0);
	buf_printf(&cmd, "xmllint --noout '%s'", path);
	if (system(buf_cstr(&cmd)) != 0)
		fail_msg("%s (%s) is not well-formed XML", name, path);
	unlink(path);
	buf_free(&cmd);
}

static void
test_wellformed(void **state)
{
	enum { N = 500 };
	struct buf text[N * 4], b = BUF_INIT;
	struct feed_item items[N];
	struct sitemap_url urls[N];
	struct sitemap_alt alts[N];
	unsigned seed = 7;
	size_t i;

	if (system("command -v xmllint >/dev/null 2>&1") != 0)
		skip(); /* scripts/deps installs libxml2-utils */
	for (i = 0; i < N * 4; i++) {
		buf_init(&text[i]);
		random_text(&text[i], &seed, 1 + i % 200);
	}
	for (i = 0; i < N; i++) {
		items[i] = (struct feed_item){buf_cstr(&text[4 * i]),
		    buf_cstr(&text[4 * i + 1]),
		    i % 3 ? buf_cstr(&text[4 * i + 2]) : NULL,
		    i % 5 ? buf_cstr(&text[4 * i + 3]) : NULL, NULL,
		    (int64_t)i * 86399 - 1000000, (int)(i % 48) * 60 - 1439};
		alts[i] = (struct sitemap_alt){
		    buf_cstr(&text[4 * i + 2]), buf_cstr(&text[4 * i + 3])};
		urls[i] = (struct sitemap_url){buf_cstr(&text[4 * i + 1]),
		    items[i].date, items[i].offset, &alts[i], 1};
	}
	assert_int_equal(feed_rss(&b, &info, items, N), GZ_OK);
	check_xmllint(&b, "RSS");
	buf_reset(&b);
	assert_int_equal(feed_atom(&b, &info, items, N), GZ_OK);
	check_xmllint(&b, "Atom");
	buf_reset(&b);
	assert_int_equal(sitemap_urlset(&b, urls, N), GZ_OK);
	check_xmllint(&b, "sitemap");
	for (i = 0; i < N * 4; i++)
		buf_free(&text[i]);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rss_exact),
	    cmocka_unit_test(test_atom_exact),
	    cmocka_unit_test(test_sitemap_exact),
	    cmocka_unit_test(test_sitemap_index_exact),
	    cmocka_unit_test(test_robots),
	    cmocka_unit_test(test_escaping),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_wellformed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
