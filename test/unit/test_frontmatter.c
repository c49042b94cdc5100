/*
 * Unit tests for frontmatter: every field, CRLF and BOM, extra fields,
 * and byte-for-byte round trips of files from bench/gen-corpus.  The
 * error messages are in test_frontmatter_errors.c.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "buf.h"
#include "file.h"
#include "frontmatter.h"
#include "unit.h"
#include "frontmatter_test.h"

/* Where the seed corpus of the fuzz target lives, from the repo root. */
#define SEED_DIR "fuzz/corpus/frontmatter"

/* A zh article from gen-corpus, body cut to its first paragraph. */
static const char zh_file[] =
    "---\n"
    "title: \"第22届部门成果论坛在成都举行\"\n"
    "date: 2017-04-21T20:20:56+08:00\n"
    "author: \"黄杰超\"\n"
    "channel: academic\n"
    "categories: [\"学术交流\"]\n"
    "tags: [\"机制\"]\n"
    "lang: zh\n"
    "translationKey: a005488\n"
    "source: \"科普部\"\n"
    "summary: \"热烈学习航天和专业委员会。\"\n"
    "weight: 1\n"
    "---\n"
    "\n"
    "科研诚信关注专题报告的知识，在天文方面评审优秀的服务。\n"
    "\n"
    "## 优秀的决策咨询\n";

static const char en_draft_file[] =
    "---\n"
    "title: \"International: Basic Chemistry Drives Paper\"\n"
    "date: 2018-11-01T23:48:29+08:00\n"
    "author: \"Linda Wang\"\n"
    "channel: international\n"
    "categories: [\"International\"]\n"
    "tags: [\"intelligence\", \"secretary\", \"symposium\", \"imaging\"]\n"
    "lang: en\n"
    "translationKey: a000024\n"
    "source: \"Xinhua\"\n"
    "draft: true\n"
    "---\n"
    "\n"
    "Committee releases young public on the pediatrics. [a link]"
    "(https://www.example.org/en/media/99715.html) **Bold.**\n"
    "\n"
    "- a list item\n";


static void
test_corpus_fields(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;

	assert_int_equal(parse(zh_file, &a, &why), GZ_OK);
	assert_string_equal(buf_cstr(&why), "");
	assert_string_equal(a.title, "第22届部门成果论坛在成都举行");
	assert_null(a.subtitle);
	assert_int_equal(a.date, 1492777256); /* 2017-04-21T12:20:56Z */
	assert_int_equal(a.date_offset, 480);
	assert_string_equal(a.author, "黄杰超");
	assert_string_equal(a.channel, "academic");
	assert_int_equal(a.categories.n, 1);
	assert_string_equal(a.categories.v[0], "学术交流");
	assert_int_equal(a.tags.n, 1);
	assert_string_equal(a.tags.v[0], "机制");
	assert_string_equal(a.lang, "zh");
	assert_string_equal(a.translation_key, "a005488");
	assert_string_equal(a.source, "科普部");
	assert_string_equal(a.summary, "热烈学习航天和专业委员会。");
	assert_int_equal(a.weight, 1);
	assert_int_equal(a.status, ARTICLE_PUBLISHED);
	assert_int_equal(a.format, BODY_MARKDOWN);
	assert_int_equal(a.expire, 0);
	assert_null(a.slug);
	assert_null(a.extra);
	assert_string_equal(a.body,
	    "科研诚信关注专题报告的知识，在天文方面评审优"
	    "秀的服务。\n\n## 优秀的决策咨询\n");
	article_clear(&a);

	assert_int_equal(parse(en_draft_file, &a, &why), GZ_OK);
	assert_int_equal(a.status, ARTICLE_DRAFT);
	assert_int_equal(a.tags.n, 4);
	assert_string_equal(a.tags.v[3], "imaging");
	assert_null(a.summary);
	assert_int_equal(a.weight, 0);
	article_clear(&a);
	buf_free(&why);
}

static void
test_corpus_round_trip(void **state)
{
	expect_write(zh_file, NULL);
	expect_write(en_draft_file, NULL);
}

/* The real files kept as fuzz seeds (run from the repo root). */
static void
test_corpus_files(void **state)
{
	struct buf path = BUF_INIT, text = BUF_INIT, why = BUF_INIT;
	struct dirent *de;
	DIR *d;
	int n = 0;

	if ((d = opendir(SEED_DIR)) == NULL)
		skip();
	while ((de = readdir(d)) != NULL) {
		if (strncmp(de->d_name, "corpus-", 7) != 0 ||
		    strstr(de->d_name, "index"))
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", SEED_DIR, de->d_name);
		assert_int_equal(
		    file_read(buf_cstr(&path), 0, &text, &why), GZ_OK);
		expect_write(buf_cstr(&text), NULL);
		n++;
	}
	closedir(d);
	assert_true(n >= 3);
	buf_free(&path);
	buf_free(&text);
	buf_free(&why);
}

static void
test_all_fields(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;
	const char *text = "---\n"
	                   "Title: 'It''s here'\n"
	                   "subtitle: 副标题\n"
	                   "author: 何敏\n"
	                   "source: 新华社\n"
	                   "summary: >\n"
	                   "  One\n"
	                   "  sentence.\n"
	                   "translationkey: k1\n"
	                   "slug: my-slug\n"
	                   "lang: en\n"
	                   "channel: news\n"
	                   "tags:\n"
	                   "  - a\n"
	                   "  - \"b c\"\n"
	                   "  - 2021\n"
	                   "categories: 新闻动态\n"
	                   "weight: 12\n"
	                   "draft: no\n"
	                   "status: review\n"
	                   "date: 2021-06-07 09:04:42\n"
	                   "expiryDate: 2030-01-01T00:00:00Z\n"
	                   "format: html\n"
	                   "---\n"
	                   "<p>Hi</p>\n";

	assert_int_equal(parse(text, &a, &why), GZ_OK);
	assert_string_equal(a.title, "It's here");
	assert_string_equal(a.subtitle, "副标题");
	assert_string_equal(a.author, "何敏");
	assert_string_equal(a.source, "新华社");
	assert_string_equal(a.summary, "One sentence.\n");
	assert_string_equal(a.translation_key, "k1");
	assert_string_equal(a.slug, "my-slug");
	assert_string_equal(a.lang, "en");
	assert_string_equal(a.channel, "news");
	assert_int_equal(a.tags.n, 3);
	assert_string_equal(a.tags.v[0], "a");
	assert_string_equal(a.tags.v[1], "b c");
	assert_string_equal(a.tags.v[2], "2021");
	assert_int_equal(a.categories.n, 1);
	assert_string_equal(a.categories.v[0], "新闻动态");
	assert_int_equal(a.weight, 12);
	assert_int_equal(a.status, ARTICLE_REVIEW);
	assert_int_equal(a.date, 1623027882);
	assert_int_equal(a.date_offset, 480);
	assert_int_equal(a.expire, 1893456000);
	assert_int_equal(a.format, BODY_HTML);
	assert_string_equal(a.body, "<p>Hi</p>\n");
	article_clear(&a);
	buf_free(&why);

	/* The canonical order; the slug is left to the file name. */
	expect_write(text,
	    "---\n"
	    "title: \"It's here\"\n"
	    "subtitle: \"副标题\"\n"
	    "date: 2021-06-07T09:04:42+08:00\n"
	    "author: \"何敏\"\n"
	    "channel: news\n"
	    "categories: [\"新闻动态\"]\n"
	    "tags: [\"a\", \"b c\", \"2021\"]\n"
	    "lang: en\n"
	    "translationKey: k1\n"
	    "source: \"新华社\"\n"
	    "summary: \"One sentence.\\n\"\n"
	    "weight: 12\n"
	    "status: review\n"
	    "expiryDate: 2030-01-01T08:00:00+08:00\n"
	    "format: html\n"
	    "---\n"
	    "\n"
	    "<p>Hi</p>\n");
}

/* What the caller set from the path stays unless the file says more. */
static void
test_path_fields(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;
	const char *t1 = "---\ntitle: x\n---\n";
	const char *t2 = "---\ntitle: x\nlang: en\nchannel: ~\ntags:\n"
	                 "weight: ~\n---\n";

	article_init(&a);
	a.date_offset = -300;
	assert_int_equal(article_set(&a.lang, "zh"), GZ_OK);
	assert_int_equal(article_set(&a.channel, "news"), GZ_OK);
	assert_int_equal(article_set(&a.slug, "20210607-000001"), GZ_OK);
	assert_int_equal(
	    frontmatter_parse("p.md", t1, strlen(t1), &a, &why), GZ_OK);
	assert_string_equal(a.lang, "zh");
	assert_string_equal(a.channel, "news");
	assert_string_equal(a.slug, "20210607-000001");
	assert_int_equal(a.date, 0);
	assert_int_equal(a.date_offset, -300);
	assert_int_equal(a.status, ARTICLE_PUBLISHED);
	assert_string_equal(a.body, "");
	assert_int_equal(
	    frontmatter_parse("p.md", t2, strlen(t2), &a, &why), GZ_OK);
	assert_string_equal(a.lang, "en");
	/* A null value is no value: what the caller had stays. */
	assert_string_equal(a.channel, "news");
	assert_int_equal(a.tags.n, 0);
	assert_int_equal(strv_push(&a.tags, "kept"), GZ_OK);
	a.weight = 4;
	assert_int_equal(
	    frontmatter_parse("p.md", t2, strlen(t2), &a, &why), GZ_OK);
	assert_int_equal(a.tags.n, 1);
	assert_int_equal(a.weight, 4);
	article_clear(&a);
	buf_free(&why);
}

static void
test_dates(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;

	/* No offset in the file: the site's (here +08:00). */
	assert_int_equal(
	    parse("---\ntitle: x\ndate: 2021-06-07\n---\n", &a, &why), GZ_OK);
	assert_int_equal(a.date, 1622995200);
	assert_int_equal(a.date_offset, 480);
	article_clear(&a);
	/* An offset in the file is kept for display. */
	assert_int_equal(parse("---\ntitle: x\ndate: 2021-06-06T20:04:42-05:00"
	                       "\n---\n",
	                     &a, &why),
	    GZ_OK);
	assert_int_equal(a.date, 1623027882);
	assert_int_equal(a.date_offset, -300);
	article_clear(&a);
	/* expiryDate without an offset is in the site's, not date's. */
	assert_int_equal(parse("---\ntitle: x\ndate: 2021-06-07T00:00:00Z\n"
	                       "expiryDate: 2021-06-08\n---\n",
	                     &a, &why),
	    GZ_OK);
	assert_int_equal(a.date_offset, 0);
	assert_int_equal(a.expire, 1623110400 - 8 * 3600);
	article_clear(&a);
	/* Quoted dates are fine too; a null date is no date. */
	assert_int_equal(parse("---\ntitle: x\ndate: \"1969-07-20T20:17:00Z\"\n"
	                       "expiryDate: ~\n---\n",
	                     &a, &why),
	    GZ_OK);
	assert_int_equal(a.date, -14182980);
	assert_int_equal(a.expire, 0);
	article_clear(&a);
	/* The epoch counts as no date: the offset stays the site's. */
	assert_int_equal(parse("---\ntitle: x\ndate: 1970-01-01T08:00:00+08:00"
	                       "\n---\n",
	                     &a, &why),
	    GZ_OK);
	assert_int_equal(a.date, 0);
	assert_int_equal(a.date_offset, 480);
	article_clear(&a);
	expect_write("---\ntitle: x\ndate: 1969-12-31T23:59:59-00:30\n---\n",
	    "---\ntitle: \"x\"\ndate: 1969-12-31T23:59:59-00:30\n---\n\n");
	buf_free(&why);
}

static void
test_lists(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;

	assert_int_equal(
	    parse("---\ntitle: x\ntags: one\ncategories: []\n---\n", &a, &why),
	    GZ_OK);
	assert_int_equal(a.tags.n, 1);
	assert_string_equal(a.tags.v[0], "one");
	assert_int_equal(a.categories.n, 0);
	article_clear(&a);
	assert_int_equal(parse("---\ntitle: x\ntags:\ncategories: [a, ~, '']\n"
	                       "---\n",
	                     &a, &why),
	    GZ_OK);
	assert_int_equal(a.tags.n, 0);
	assert_int_equal(a.categories.n, 2);
	assert_string_equal(a.categories.v[0], "a");
	assert_string_equal(a.categories.v[1], "");
	article_clear(&a);
	expect_write(
	    "---\ntitle: \"x\"\ntags: [\"a\", \"\\\"q\\\"\", \"\"]\n---\n\n",
	    NULL);
	expect_error("---\ntitle: x\ntags: [a, [b]]\n---\n", GZ_EINVAL,
	    "a.md:3: `tags` must be a list of single values like [\"a\", "
	    "\"b\"], not of lists or mappings");
	expect_error("---\ntitle: x\ncategories: {a: b}\n---\n", GZ_EINVAL,
	    "a.md:3: `categories` must be a list like [\"a\", \"b\"], not a "
	    "mapping");
	buf_free(&why);
}

static void
test_draft_status(void **state)
{
	static const struct {
		const char *fm;
		int status;
	} cases[] = {
	    {"draft: true", ARTICLE_DRAFT},
	    {"draft: True", ARTICLE_DRAFT},
	    {"draft: yes", ARTICLE_DRAFT},
	    {"draft: \"true\"", ARTICLE_DRAFT},
	    {"draft: false", ARTICLE_PUBLISHED},
	    {"draft: no", ARTICLE_PUBLISHED},
	    {"draft:", ARTICLE_PUBLISHED},
	    {"status: offline", ARTICLE_OFFLINE},
	    {"status: Approved", ARTICLE_APPROVED},
	    {"status: in-review", ARTICLE_REVIEW},
	    {"status: published\ndraft: true", ARTICLE_PUBLISHED},
	    {"draft: true\nstatus: review", ARTICLE_REVIEW},
	    {"status: draft", ARTICLE_DRAFT},
	};
	struct article a;
	struct buf why = BUF_INIT, text = BUF_INIT, want = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		buf_reset(&text);
		buf_printf(&text, "---\ntitle: x\n%s\n---\n", cases[i].fm);
		if (parse(buf_cstr(&text), &a, &why) != GZ_OK)
			fail_msg("%s: %s", cases[i].fm, buf_cstr(&why));
		assert_int_equal(a.status, cases[i].status);
		article_clear(&a);
		/* Written back as draft: true, nothing, or status: */
		buf_reset(&want);
		buf_puts(&want, "---\ntitle: \"x\"\n");
		if (cases[i].status == ARTICLE_DRAFT)
			buf_puts(&want, "draft: true\n");
		else if (cases[i].status != ARTICLE_PUBLISHED)
			buf_printf(&want, "status: %s\n",
			    article_status_name(cases[i].status));
		buf_puts(&want, "---\n\n");
		expect_write(buf_cstr(&text), buf_cstr(&want));
	}
	buf_free(&why);
	buf_free(&text);
	buf_free(&want);
}

static void
test_extra(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;
	const char *text =
	    "---\n"
	    "title: x\n"
	    "layout: post\n"
	    "aliases:\n"
	    "  - /old/1.html\n"
	    "  - /old/2.html\n"
	    "count: 12\n"
	    "neg: -3\n"
	    "ratio: 0.1\n"
	    "big: 1e300\n"
	    "zip: 007\n"
	    "huge: 123456789012345678901234\n"
	    "toc: true\n"
	    "nothing: ~\n"
	    "quoted: \"12\"\n"
	    "stamp: 2021-06-07\n"
	    "params: {color: red, sizes: [1, 2], deep: {x: null}}\n"
	    "\"odd key\": v\n"
	    "n: no\n"
	    "publishDate: 2021-06-07T09:04:42+08:00\n"
	    "---\n"
	    "Body\n";

	assert_int_equal(parse(text, &a, &why), GZ_OK);
	assert_string_equal(a.extra,
	    "{\"layout\":\"post\",\"aliases\":[\"/old/1.html\",\"/old/"
	    "2.html\"],"
	    "\"count\":12,\"neg\":-3,\"ratio\":0.10000000000000001,"
	    "\"big\":1.0000000000000001e300,\"zip\":\"007\","
	    "\"huge\":\"123456789012345678901234\",\"toc\":true,"
	    "\"nothing\":null,\"quoted\":\"12\",\"stamp\":\"2021-06-07\","
	    "\"params\":{\"color\":\"red\",\"sizes\":[1,2],"
	    "\"deep\":{\"x\":null}},\"odd key\":\"v\",\"n\":\"no\","
	    "\"publishDate\":\"2021-06-07T09:04:42+08:00\"}");
	article_clear(&a);
	expect_write(text,
	    "---\n"
	    "title: \"x\"\n"
	    "layout: \"post\"\n"
	    "aliases: [\"/old/1.html\", \"/old/2.html\"]\n"
	    "count: 12\n"
	    "neg: -3\n"
	    "ratio: 0.1\n"
	    "big: 1e+300\n"
	    "zip: \"007\"\n"
	    "huge: \"123456789012345678901234\"\n"
	    "toc: true\n"
	    "nothing: null\n"
	    "quoted: \"12\"\n"
	    "stamp: \"2021-06-07\"\n"
	    "params: {color: \"red\", sizes: [1, 2], deep: {x: null}}\n"
	    "\"odd key\": \"v\"\n"
	    "\"n\": \"no\"\n"
	    "publishDate: \"2021-06-07T09:04:42+08:00\"\n"
	    "---\n"
	    "\n"
	    "Body\n");
	buf_free(&why);
}

/* The writer skips extra keys that would shadow known ones, and refuses
 * an extra that is not a JSON object. */
static void
test_write_extra_checks(void **state)
{
	struct article a;
	struct buf out = BUF_INIT;

	article_init(&a);
	a.status = ARTICLE_PUBLISHED;
	assert_int_equal(article_set(&a.title, "t"), GZ_OK);
	assert_int_equal(
	    article_set(&a.extra, "{\"Title\":\"no\",\"k\":[]}"), GZ_OK);
	assert_int_equal(frontmatter_write(&out, &a), GZ_OK);
	assert_string_equal(
	    buf_cstr(&out), "---\ntitle: \"t\"\nk: []\n---\n\n");
	buf_reset(&out);
	assert_int_equal(article_set(&a.extra, "[1]"), GZ_OK);
	assert_int_equal(frontmatter_write(&out, &a), GZ_EINVAL);
	assert_int_equal(out.len, 0);
	assert_int_equal(article_set(&a.extra, "{bad"), GZ_OK);
	assert_int_equal(frontmatter_write(&out, &a), GZ_EINVAL);
	/* An offset no reader accepts: the time is written in UTC. */
	assert_int_equal(article_set(&a.extra, NULL), GZ_OK);
	a.date = 1623027882;
	a.date_offset = 100 * 60;
	a.weight = 3;
	assert_int_equal(frontmatter_write(&out, &a), GZ_OK);
	assert_string_equal(buf_cstr(&out),
	    "---\ntitle: \"t\"\n"
	    "date: 2021-06-07T01:04:42+00:00\nweight: 3\n---\n\n");
	article_clear(&a);
	buf_free(&out);
}

/* Values libyaml would refuse or fold if written raw are escaped. */
static void
test_write_escapes(void **state)
{
	struct article a, b;
	struct buf out = BUF_INIT, why = BUF_INIT;

	article_init(&a);
	assert_int_equal(
	    article_set(&a.title,
	        "say \"hi\"\\ \t\n\r\x01\x7f"
	        "\xc2\x80\xc2\x85\xc2\x9f\xe2\x80\xa8\xe2\x80\xa9\xef\xbb\xbf"
	        "\xef\xbf\xbe\xef\xbf\xbf\xc2\xa0ok"),
	    GZ_OK);
	assert_int_equal(article_set(&a.channel, "true"), GZ_OK);
	assert_int_equal(article_set(&a.lang, "zh-Hans"), GZ_OK);
	assert_int_equal(article_set(&a.translation_key, "123"), GZ_OK);
	assert_int_equal(article_set(&a.body, ""), GZ_OK);
	a.date_offset = 480;
	a.status = ARTICLE_PUBLISHED;
	assert_int_equal(frontmatter_write(&out, &a), GZ_OK);
	assert_string_equal(buf_cstr(&out),
	    "---\n"
	    "title: \"say \\\"hi\\\"\\\\ \\t\\n\\r\\x01\\x7f\\x80\\x85\\x9f"
	    "\\u2028\\u2029\\uFEFF\\uFFFE\\uFFFF\xc2\xa0ok\"\n"
	    "channel: \"true\"\n"
	    "lang: zh-Hans\n"
	    "translationKey: \"123\"\n"
	    "---\n\n");
	assert_int_equal(parse(buf_cstr(&out), &b, &why), GZ_OK);
	assert_true(article_same_content(&a, &b));
	article_clear(&a);
	article_clear(&b);
	buf_free(&out);
	buf_free(&why);
}

static void
test_crlf(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;

	assert_int_equal(parse("---\r\ntitle: \"CRLF\"\r\ntags:\r\n  - a\r\n"
	                       "---\r\n\r\nline 1\r\nline 2\r\n",
	                     &a, &why),
	    GZ_OK);
	assert_string_equal(a.title, "CRLF");
	assert_int_equal(a.tags.n, 1);
	/* The body is stored with \n line ends, less the one blank line. */
	assert_string_equal(a.body, "line 1\nline 2\n");
	article_clear(&a);
	expect_error("---\r\ntitle: x\r\ndate: 2021-13-01\r\n---\r\n",
	    GZ_EINVAL,
	    "a.md:3: `date` is not a date: \"2021-13-01\"; write "
	    "it like 2021-06-07T09:04:42+08:00, 2021-06-07 09:04:42 or "
	    "2021-06-07");
	buf_free(&why);
}

static void
test_bom(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;

	assert_int_equal(
	    parse("\xef\xbb\xbf---\ntitle: BOM\n---\n\nbody", &a, &why), GZ_OK);
	assert_string_equal(a.title, "BOM");
	assert_string_equal(a.body, "body");
	article_clear(&a);
	/* The writer leaves the BOM out. */
	expect_write("\xef\xbb\xbf---\ntitle: \"BOM\"\n---\n\nbody",
	    "---\ntitle: \"BOM\"\n---\n\nbody");
	buf_free(&why);
}

static void
test_body(void **state)
{
	static const struct {
		const char *file, *body;
	} cases[] = {
	    {"---\ntitle: x\n---\nbody\n", "body\n"},
	    {"---\ntitle: x\n---\n\nbody\n", "body\n"},
	    {"---\ntitle: x\n---\n\n\nbody\n", "\nbody\n"},
	    {"---\ntitle: x\n---\n", ""},
	    {"---\ntitle: x\n---", ""},
	    {"---\ntitle: x\n---\n\n", ""},
	    {"---\ntitle: x\n--- \t\n\nb", "b"},
	    {"---  \ntitle: x\n---\n\nb", "b"},
	    {"---\ntitle: x\n---\n\n---\nmore\n---\n", "---\nmore\n---\n"},
	    {"---\ntitle: x\n---\n \nb", " \nb"},
	    {"---\n---\ntitle: x\n---\n", NULL},
	};
	struct article a;
	struct buf why = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		if (cases[i].body == NULL) {
			assert_int_equal(
			    parse(cases[i].file, &a, &why), GZ_EINVAL);
		} else {
			if (parse(cases[i].file, &a, &why) != GZ_OK)
				fail_msg("%s", buf_cstr(&why));
			assert_string_equal(a.body, cases[i].body);
		}
		article_clear(&a);
	}
	buf_free(&why);
}

/* Extra keys too long for an implicit YAML key are written explicitly. */
static void
test_long_key(void **state)
{
	struct buf text = BUF_INIT, want = BUF_INIT, k1 = BUF_INIT,
	           k2 = BUF_INIT;
	int i;

	for (i = 0; i < 1100; i++)
		buf_putc(&k1, 'k');
	for (i = 0; i < 600; i++)
		buf_puts(&k2, "\xe5\xad\x97");
	buf_printf(&text, "---\ntitle: x\n? %s\n: {? %s : 1}\n---\n",
	    buf_cstr(&k1), buf_cstr(&k2));
	buf_printf(&want,
	    "---\ntitle: \"x\"\n? %s\n: {? \"%s\" : 1}\n"
	    "---\n\n",
	    buf_cstr(&k1), buf_cstr(&k2));
	expect_write(buf_cstr(&text), buf_cstr(&want));
	/* Short keys stay implicit. */
	expect_write("---\ntitle: x\n\"k k\": {\"a b\": 1}\n---\n",
	    "---\ntitle: \"x\"\n\"k k\": {\"a b\": 1}\n---\n\n");
	buf_free(&text);
	buf_free(&want);
	buf_free(&k1);
	buf_free(&k2);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_corpus_fields),
	    cmocka_unit_test(test_corpus_round_trip),
	    cmocka_unit_test(test_corpus_files),
	    cmocka_unit_test(test_all_fields),
	    cmocka_unit_test(test_path_fields),
	    cmocka_unit_test(test_dates),
	    cmocka_unit_test(test_lists),
	    cmocka_unit_test(test_draft_status),
	    cmocka_unit_test(test_extra),
	    cmocka_unit_test(test_write_extra_checks),
	    cmocka_unit_test(test_write_escapes),
	    cmocka_unit_test(test_crlf),
	    cmocka_unit_test(test_bom),
	    cmocka_unit_test(test_body),
	    cmocka_unit_test(test_long_key),
	};
	return cmocka_run_group_tests_name("frontmatter", tests, NULL, NULL);
}
