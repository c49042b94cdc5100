/*
 * Unit tests for tmpl: the official Mustache spec (every case of every
 * file in ../shared/testdata/mustache-spec, or $GAZETTE_SHARED/testdata/
 * mustache-spec), then what the spec leaves open or does not test:
 * errors with their places, numbers, escaping, falsy values, limits on
 * recursion, loading a folder, and rendering from several threads.
 *
 * TMPL_BENCH=1 also times a news article page (printed, not checked).
 */
#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "buf.h"
#include "tmpl.h"
#include "unit.h"

/* The spec files that must be there and pass. */
static const char *const spec_required[] = {"comments.json", "delimiters.json",
    "interpolation.json", "inverted.json", "partials.json", "sections.json",
    "~dynamic-names.json", "~inheritance.json", NULL};

/* Parse and render text with data (JSON text) and partials (JSON object
 * text, or NULL); returns the rc and leaves the output in out. */
static int
render_str(const char *text, const char *data, const char *partials,
    struct buf *out, struct buf *why)
{
	struct tmpl *t = NULL;
	struct tmpl_set *set = NULL;
	json_t *d = NULL, *p = NULL, *v;
	const char *k;
	int rc;

	buf_reset(out);
	d = json_loads(data ? data : "{}", JSON_DECODE_ANY, NULL);
	assert_non_null(d);
	assert_int_equal(tmpl_set_new(&set), GZ_OK);
	if (partials) {
		p = json_loads(partials, 0, NULL);
		assert_non_null(p);
		json_object_foreach(p, k, v)
		    assert_int_equal(tmpl_set_add(set, k, json_string_value(v),
		                         json_string_length(v), why),
		        GZ_OK);
	}
	rc = tmpl_parse("test.mustache", text, strlen(text), &t, why);
	if (rc == GZ_OK)
		rc = tmpl_render(t, set, d, out, why);
	tmpl_free(t);
	tmpl_set_free(set);
	json_decref(d);
	json_decref(p);
	return rc;
}

/* Render and compare with want. */
static void
check(
    const char *text, const char *data, const char *partials, const char *want)
{
	struct buf out = BUF_INIT, why = BUF_INIT;
	int rc = render_str(text, data, partials, &out, &why);

	if (rc != GZ_OK)
		fprintf(stderr, "%s\n", buf_cstr(&why));
	assert_int_equal(rc, GZ_OK);
	assert_string_equal(buf_cstr(&out), want);
	buf_free(&out);
	buf_free(&why);
}

/* Parse text, expect a syntax error whose message contains want. */
static void
check_error(const char *text, const char *want)
{
	struct buf why = BUF_INIT;
	struct tmpl *t = (struct tmpl *)1;

	assert_int_equal(
	    tmpl_parse("page.mustache", text, strlen(text), &t, &why),
	    GZ_EINVAL);
	assert_null(t);
	if (strstr(buf_cstr(&why), want) == NULL)
		fail_msg("\"%s\" not in \"%s\"", want, buf_cstr(&why));
	buf_free(&why);
}

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Run every case of one spec file; returns the number that failed. */
static int
spec_file(const char *dir, const char *file, int *passed)
{
	struct buf path = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
	json_error_t jerr;
	json_t *root, *tests, *tc;
	size_t i;
	int failed = 0, ok = 0;

	buf_printf(&path, "%s/%s", dir, file);
	root = json_load_file(path.data, 0, &jerr);
	if (root == NULL)
		fail_msg("%s:%d: %s", path.data, jerr.line, jerr.text);
	tests = json_object_get(root, "tests");
	json_array_foreach(tests, i, tc)
	{
		const char *name =
		    json_string_value(json_object_get(tc, "name"));
		json_t *tv = json_object_get(tc, "template");
		json_t *want = json_object_get(tc, "expected");
		json_t *parts = json_object_get(tc, "partials"), *v;
		struct tmpl *t = NULL;
		struct tmpl_set *set = NULL;
		const char *k;
		int rc;

		buf_reset(&out);
		buf_reset(&why);
		assert_int_equal(tmpl_set_new(&set), GZ_OK);
		rc = GZ_OK;
		json_object_foreach(parts, k, v) if (rc == GZ_OK) rc =
		    tmpl_set_add(set, k, json_string_value(v),
		        json_string_length(v), &why);
		if (rc == GZ_OK)
			rc = tmpl_parse(name, json_string_value(tv),
			    json_string_length(tv), &t, &why);
		if (rc == GZ_OK)
			rc = tmpl_render(
			    t, set, json_object_get(tc, "data"), &out, &why);
		if (rc == GZ_OK && out.len == json_string_length(want) &&
		    memcmp(buf_cstr(&out), json_string_value(want), out.len) ==
		        0) {
			ok++;
		} else {
			failed++;
			printf("  FAIL %s: %s\n    template %s\n    want     "
			       "\"%s\"\n    got      \"%s\" %s\n",
			    file, name, json_dumps(tv, JSON_ENCODE_ANY),
			    json_string_value(want), buf_cstr(&out),
			    buf_cstr(&why));
		}
		tmpl_free(t);
		tmpl_set_free(set);
	}
	printf("# spec %s: %d passed, %d failed\n", file, ok, failed);
	*passed += ok;
	json_decref(root);
	buf_free(&path);
	buf_free(&out);
	buf_free(&why);
	return failed;
}

static void
test_spec(void **state)
{
	struct buf dir = BUF_INIT, path = BUF_INIT;
	const char *shared = getenv("GAZETTE_SHARED");
	char *names[64];
	struct dirent *de;
	struct stat st;
	size_t n = 0, i;
	int failed = 0, passed = 0;
	DIR *d;

	buf_puts(&dir, "../shared/testdata/mustache-spec");
	if (stat(dir.data, &st) != 0 && shared) {
		buf_reset(&dir);
		buf_printf(&dir, "%s/testdata/mustache-spec", shared);
	}
	d = opendir(dir.data);
	if (d == NULL)
		fail_msg("%s: cannot open the Mustache spec; set "
		         "GAZETTE_SHARED",
		    dir.data);
	while ((de = readdir(d)) != NULL && n < 64) {
		size_t len = strlen(de->d_name);
		if (len > 5 && strcmp(de->d_name + len - 5, ".json") == 0)
			names[n++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, n, sizeof *names, name_cmp);
	for (i = 0; spec_required[i]; i++) {
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir.data, spec_required[i]);
		if (stat(path.data, &st) != 0)
			fail_msg("%s: missing from the spec", path.data);
	}
	for (i = 0; i < n; i++) {
		failed += spec_file(dir.data, names[i], &passed);
		free(names[i]);
	}
	printf("# spec: %d passed, %d failed\n", passed, failed);
	assert_int_equal(failed, 0);
	buf_free(&dir);
	buf_free(&path);
}

static void
test_escape_and_values(void **state)
{
	check("{{x}}|{{{x}}}|{{&x}}", "{\"x\":\"<a href='/'>&\\\"</a>\"}", NULL,
	    "&lt;a href=&#39;/&#39;&gt;&amp;&quot;&lt;/a&gt;|"
	    "<a href='/'>&\"</a>|<a href='/'>&\"</a>");
	check("{{a}} {{b}} {{c}} {{d}} {{e}} {{f}} {{g}}",
	    "{\"a\":1.21,\"b\":-7,\"c\":0.1,\"d\":1e300,\"e\":true,"
	    "\"f\":null,\"g\":9007199254740993}",
	    NULL, "1.21 -7 0.1 1e+300 true  9007199254740993");
	check("[{{obj}}][{{list}}]", "{\"obj\":{\"a\":1},\"list\":[1]}", NULL,
	    "[][]");
	check("{{.}}", "\"top\"", NULL, "top");
	check("{{l.0}}{{l.1.a}}{{l.2}}{{l.01}}{{l.x}}{{#l.0}}!{{/l.0}}",
	    "{\"l\":[\"z\",{\"a\":\"b\"}]}", NULL, "zb!");
	check("中文{{x}}", "{\"x\":\"标题\"}", NULL, "中文标题");
}

static void
test_truthiness(void **state)
{
	check("{{#s}}yes{{/s}}{{^s}}no{{/s}}", "{\"s\":\"\"}", NULL, "no");
	check("{{#s}}[{{s}}]{{/s}}", "{\"s\":\"x\"}", NULL, "[x]");
	check("{{#n}}{{.}}{{/n}}", "{\"n\":0}", NULL, "0");
	check(
	    "{{#l}}{{.}},{{/l}}{{^l}}empty{{/l}}", "{\"l\":[]}", NULL, "empty");
	check(
	    "{{#o}}{{a}}{{/o}}", "{\"o\":{}, \"a\":\"outer\"}", NULL, "outer");
	check("{{^missing}}none{{/missing}}", NULL, NULL, "none");
}

static void
test_errors(void **state)
{
	check_error("a\n{{#list}}\nx",
	    "page.mustache:2:1: {{#list}} is "
	    "never closed; add {{/list}}");
	check_error("{{#a}}\n  {{/b}}",
	    "page.mustache:2:3: {{/b}} does not "
	    "close {{#a}} (line 1, column 1)");
	check_error("x {{/a}}", "page.mustache:1:3: {{/a}} closes nothing");
	check_error("中文 {{name", "page.mustache:1:4: unclosed tag");
	check_error("{{{name}}", "page.mustache:1:1: unclosed tag: no \"}}}\"");
	check_error("\n\n {{= | =}}", "page.mustache:3:2: bad delimiters");
	check_error("{{=a=}}", "bad delimiters");
	check_error("{{  }}", "page.mustache:1:1: empty tag name");
	check_error("{{#}}{{/}}", "empty tag name");
	check_error("{{>*}}", "empty tag name");
	check_error("{{a b}}", "tag name \"a b\" contains a space");
	check_error("{{=<% %>=}}\n<%#a%>{{/a}}",
	    "page.mustache:2:1: {{#a}} "
	    "is never closed");
}

static void
test_recursion_limit(void **state)
{
	struct buf out = BUF_INIT, why = BUF_INIT;
	struct tmpl_limits lim = {0, 100000, 0};
	struct tmpl_set *set;
	struct tmpl *t;
	json_t *d = json_object();
	int i, rc;

	rc = render_str(
	    "{{>loop}}", NULL, "{\"loop\": \"x\\n{{>loop}}\"}", &out, &why);
	assert_int_equal(rc, GZ_EINVAL);
	assert_non_null(strstr(buf_cstr(&why),
	    "loop:2:1: partial \"loop\" "
	    "nested more than 100 deep"));
	/* Exponential without output: stopped by the step limit. */
	buf_reset(&why);
	assert_int_equal(tmpl_set_new(&set), GZ_OK);
	for (i = 0; i < 40; i++) {
		char name[16], text[48];
		snprintf(name, sizeof name, "l%d", i);
		snprintf(text, sizeof text, "{{>l%d}}{{>l%d}}", i + 1, i + 1);
		assert_int_equal(
		    tmpl_set_add(set, name, text, strlen(text), &why), GZ_OK);
	}
	assert_int_equal(tmpl_parse("t", "{{>l0}}", 7, &t, &why), GZ_OK);
	rc = tmpl_render_limited(t, set, d, &out, &why, &lim);
	assert_int_equal(rc, GZ_ETOOBIG);
	assert_non_null(strstr(buf_cstr(&why), "more than 100000 steps"));
	/* A block overriding itself inside its own override. */
	buf_reset(&why);
	rc = render_str("{{<p}}{{$a}}x{{$a}}y{{/a}}{{/a}}{{/p}}", NULL,
	    "{\"p\": \"{{$a}}{{/a}}\"}", &out, &why);
	assert_int_equal(rc, GZ_ETOOBIG);
	tmpl_free(t);
	tmpl_set_free(set);
	json_decref(d);
	buf_free(&out);
	buf_free(&why);
}

static void
test_partials_and_blocks(void **state)
{
	/* A missing partial renders as nothing, as the spec says. */
	check("[{{>nope}}][{{<nope}}{{/nope}}]", NULL, NULL, "[][]");
	/* Indentation of nested standalone partials adds up; blank lines
	 * stay blank. */
	check("<body>\n  {{>a}}\n</body>\n", NULL,
	    "{\"a\": \"<div>\\n\\n  {{>b}}\\n</div>\\n\", \"b\": \"<p>\\n\"}",
	    "<body>\n  <div>\n\n    <p>\n  </div>\n</body>\n");
	/* A page layout with blocks, as themes use them. */
	check("{{<base}}\n{{$title}}Home{{/title}}\n{{$main}}\n  <p>hi</p>\n"
	      "{{/main}}\n{{/base}}\n",
	    NULL,
	    "{\"base\": \"<title>{{$title}}Site{{/title}}</title>\\n<main>\\n"
	    "  {{$main}}\\n  {{/main}}\\n</main>\\n\"}",
	    "<title>Home</title>\n<main>\n  <p>hi</p>\n</main>\n");
	/* Dynamic names, for a template chosen by the data. */
	check("{{#items}}{{>*kind}}{{/items}}",
	    "{\"items\":[{\"kind\":\"a\",\"v\":1},{\"kind\":\"b\",\"v\":2}]}",
	    "{\"a\":\"A{{v}};\",\"b\":\"B{{v}};\"}", "A1;B2;");
	/* A standalone tag on the last line takes its blanks with it. */
	check("a\n  {{>p}}  ", NULL, "{\"p\": \"x\\ny\"}", "a\n  x\n  y");
	check("a\n{{! c }}  \t", NULL, NULL, "a\n");
	/* Two tags that print nothing do not make a line standalone. */
	check("{{#a}}{{/a}}\nx", NULL, NULL, "\nx");
	/* A dynamic parent closes with or without the star. */
	check("{{<*layout}}{{$a}}x{{/a}}{{/*layout}}|"
	      "{{< * layout }}{{/layout}}",
	    "{\"layout\":\"l\"}", "{\"l\":\"<{{$a}}d{{/a}}>\"}", "<x>|<d>");
}

static void
test_load_dir(void **state)
{
	char dir[] = "/tmp/gz-tmpl.XXXXXX";
	struct buf path = BUF_INIT, why = BUF_INIT, out = BUF_INIT;
	struct tmpl_set *set;
	struct tmpl *t;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	buf_printf(&path, "%s/sub", dir);
	assert_int_equal(mkdir(path.data, 0755), 0);
	buf_reset(&path);
	buf_printf(&path, "%s/header.mustache", dir);
	f = fopen(path.data, "w");
	fputs("<h1>{{title}}</h1>", f);
	fclose(f);
	buf_reset(&path);
	buf_printf(&path, "%s/sub/item.mustache", dir);
	f = fopen(path.data, "w");
	fputs("<li>{{.}}</li>", f);
	fclose(f);
	buf_reset(&path);
	buf_printf(&path, "%s/notes.txt", dir);
	f = fopen(path.data, "w");
	fputs("{{#broken", f);
	fclose(f);

	assert_int_equal(tmpl_set_new(&set), GZ_OK);
	assert_int_equal(tmpl_set_load_dir(set, dir, &why), GZ_OK);
	assert_int_equal(tmpl_set_count(set), 2);
	assert_non_null(tmpl_set_get(set, "header"));
	assert_non_null(tmpl_set_get(set, "sub/item"));
	assert_null(tmpl_set_get(set, "notes"));
	assert_int_equal(tmpl_parse("t", "{{>header}}{{#l}}{{>sub/item}}{{/l}}",
	                     36, &t, &why),
	    GZ_OK);
	{
		json_t *d =
		    json_loads("{\"title\":\"T\",\"l\":[1,2]}", 0, NULL);
		assert_int_equal(tmpl_render(t, set, d, &out, &why), GZ_OK);
		assert_string_equal(
		    buf_cstr(&out), "<h1>T</h1><li>1</li><li>2</li>");
		json_decref(d);
	}
	tmpl_free(t);

	/* A broken file: the message names its path, line and column. */
	buf_reset(&path);
	buf_printf(&path, "%s/sub/bad.mustache", dir);
	f = fopen(path.data, "w");
	fputs("ok\n  {{#x}}", f);
	fclose(f);
	buf_reset(&why);
	assert_int_equal(tmpl_set_load_dir(set, dir, &why), GZ_EINVAL);
	assert_non_null(strstr(buf_cstr(&why), "/sub/bad.mustache:2:3: "));
	unlink(path.data);
	tmpl_set_free(set);

	buf_reset(&why);
	assert_int_equal(tmpl_set_new(&set), GZ_OK);
	buf_reset(&path);
	buf_printf(&path, "%s/none", dir);
	assert_int_equal(tmpl_set_load_dir(set, path.data, &why), GZ_ENOTFOUND);
	assert_non_null(strstr(buf_cstr(&why), "/none"));
	tmpl_set_free(set);

	buf_reset(&path);
	buf_printf(&path, "rm -rf '%s'", dir);
	assert_int_equal(system(path.data), 0);
	buf_free(&path);
	buf_free(&why);
	buf_free(&out);
}

/* A news article page: about 60 tags and a list of 20 items. */
static const char article_tmpl[] =
    "<!DOCTYPE html>\n"
    "<html lang=\"{{site.html_lang}}\"{{#site.mourning}} class=\"mourning\""
    "{{/site.mourning}}>\n"
    "<head>\n"
    "  <meta charset=\"utf-8\">\n"
    "  <title>{{page.title}} - {{site.title}}</title>\n"
    "  <meta name=\"description\" content=\"{{page.description}}\">\n"
    "  <link rel=\"canonical\" href=\"{{page.canonical}}\">\n"
    "  <link rel=\"stylesheet\" href=\"{{assets.css}}\">\n"
    "  {{#page.alternates}}\n"
    "  <link rel=\"alternate\" hreflang=\"{{html_lang}}\" href=\"{{url}}\">\n"
    "  {{/page.alternates}}\n"
    "</head>\n"
    "<body>\n"
    "  {{>header}}\n"
    "  <nav>\n"
    "    {{#nav}}\n"
    "    <a href=\"{{url}}\"{{#current}} class=\"current\"{{/current}}>"
    "{{name}}</a>\n"
    "    {{/nav}}\n"
    "  </nav>\n"
    "  <ol class=\"breadcrumb\">{{#breadcrumb}}<li><a href=\"{{url}}\">"
    "{{name}}</a></li>{{/breadcrumb}}</ol>\n"
    "  <article>\n"
    "    <h1>{{article.title}}</h1>\n"
    "    {{#article.subtitle}}<h2>{{.}}</h2>{{/article.subtitle}}\n"
    "    <p class=\"meta\"><time datetime=\"{{article.date_iso}}\">"
    "{{article.date}}</time> {{article.author}} {{article.source}}</p>\n"
    "    <div class=\"body\">{{{article.body}}}</div>\n"
    "    {{#article.tags.0}}<ul class=\"tags\">{{#article.tags}}<li>"
    "{{name}}</li>{{/article.tags}}</ul>{{/article.tags.0}}\n"
    "  </article>\n"
    "  <aside>\n"
    "    <ul>\n"
    "      {{#related}}\n"
    "      <li><a href=\"{{url}}\">{{title}}</a> <time>{{date}}</time>"
    "{{#pinned}} *{{/pinned}}</li>\n"
    "      {{/related}}\n"
    "    </ul>\n"
    "  </aside>\n"
    "  {{#prev}}<a rel=\"prev\" href=\"{{url}}\">{{title}}</a>{{/prev}}\n"
    "  {{#next}}<a rel=\"next\" href=\"{{url}}\">{{title}}</a>{{/next}}\n"
    "  {{>footer}}\n"
    "</body>\n"
    "</html>\n";

static const char article_partials[] =
    "{\"header\": \"<header>\\n  <a href=\\\"{{site.home_url}}\\\">"
    "{{site.title}}</a>\\n  {{#site.languages}}<a href=\\\"{{url}}\\\">"
    "{{name}}</a>{{/site.languages}}\\n</header>\\n\","
    " \"footer\": \"<footer>\\n  <p>{{site.org.name}} {{site.org.address}}"
    "</p>\\n  <p>{{site.org.icp}} &copy; {{site.year}}</p>\\n</footer>\\n\"}";

/* The data of one article page. */
static json_t *
article_data(void)
{
	json_t *d = json_pack(
	    "{s:{s:s,s:s,s:s,s:b,s:s,s:i,s:[{s:s,s:s},"
	    "{s:s,s:s}],s:{s:s,s:s,s:s}},s:{s:s,s:s,s:s,s:[{s:s,s:s}]},"
	    "s:{s:s},s:[],s:[{s:s,s:s},{s:s,s:s}],s:{s:s,s:s,s:s,s:s,s:s,s:s,"
	    "s:s,s:s,s:[{s:s},{s:s}]},s:[],s:{s:s,s:s},s:{s:s,s:s}}",
	    "site", "title", "滨江市科学技术协会", "html_lang", "zh-CN",
	    "home_url", "/", "mourning", 0, "lang", "zh", "year", 2026,
	    "languages", "name", "中文", "url", "/", "name", "English", "url",
	    "/en/", "org", "name", "滨江市科协", "address", "滨江路 1 号",
	    "icp", "浙ICP备00000000号", "page", "title", "第十届代表大会开幕",
	    "description", "大会 <开幕> & 选举", "canonical",
	    "https://www.example.org/news/20260314-congress.html", "alternates",
	    "html_lang", "en", "url", "/en/news/congress.html", "assets", "css",
	    "/assets/gazette.css?v=abc123", "nav", "breadcrumb", "name", "首页",
	    "url", "/", "name", "新闻动态", "url", "/news/", "article", "title",
	    "第十届代表大会开幕", "subtitle", "", "date", "2026-03-14",
	    "date_iso", "2026-03-14T09:00:00+08:00", "author", "记者 王明",
	    "source", "本站", "body",
	    "<p>三月十四日，滨江市科学技术协会第十届代表大会在市会议中心开幕。"
	    "</p><p>Delegates elected the council.</p>",
	    "channel_name", "新闻动态", "tags", "name", "大会", "name", "科协",
	    "related", "prev", "title", "上一篇 & 旧闻", "url",
	    "/news/prev.html", "next", "title", "下一篇", "url",
	    "/news/next.html");
	json_t *nav = json_object_get(d, "nav");
	json_t *rel = json_object_get(d, "related");
	int i;
	char s[64];

	for (i = 0; i < 8; i++) {
		snprintf(s, sizeof s, "/c%d/", i);
		json_array_append_new(nav,
		    json_pack("{s:s,s:s,s:b}", "name", "栏目名称", "url", s,
		        "current", i == 1));
	}
	for (i = 0; i < 20; i++) {
		snprintf(
		    s, sizeof s, "/news/2026031%d-item-%d.html", i % 10, i);
		json_array_append_new(rel,
		    json_pack("{s:s,s:s,s:s,s:b}", "title",
		        "关于开展 2026 年科普活动月的通知 <第二批>", "url", s,
		        "date", "2026-03-14", "pinned", i < 2));
	}
	return d;
}

struct thread_arg {
	const struct tmpl *t;
	const struct tmpl_set *set;
	const json_t *data;
	const struct buf *want;
	int bad;
};

static void *
thread_main(void *p)
{
	struct thread_arg *a = p;
	struct buf out = BUF_INIT, why = BUF_INIT;
	int i;

	for (i = 0; i < 1000; i++) {
		buf_reset(&out);
		if (tmpl_render(a->t, a->set, a->data, &out, &why) != GZ_OK ||
		    !buf_eq(&out, a->want))
			a->bad++;
	}
	buf_free(&out);
	buf_free(&why);
	return NULL;
}

/* Load the article page and its partials. */
static void
article_load(struct tmpl **t, struct tmpl_set **set, json_t **data)
{
	struct buf why = BUF_INIT;
	json_t *p = json_loads(article_partials, 0, NULL), *v;
	const char *k;

	assert_non_null(p);
	assert_int_equal(tmpl_set_new(set), GZ_OK);
	json_object_foreach(p, k, v)
	    assert_int_equal(tmpl_set_add(*set, k, json_string_value(v),
	                         json_string_length(v), &why),
	        GZ_OK);
	assert_int_equal(tmpl_parse("article.mustache", article_tmpl,
	                     strlen(article_tmpl), t, &why),
	    GZ_OK);
	*data = article_data();
	assert_non_null(*data);
	json_decref(p);
	buf_free(&why);
}

static void
test_threads(void **state)
{
	struct buf want = BUF_INIT, why = BUF_INIT;
	struct thread_arg args[4];
	pthread_t th[4];
	struct tmpl_set *set;
	struct tmpl *t;
	json_t *data;
	int i;

	article_load(&t, &set, &data);
	assert_int_equal(tmpl_render(t, set, data, &want, &why), GZ_OK);
	assert_non_null(strstr(buf_cstr(&want), "\n  <header>\n    <a href"));
	assert_non_null(strstr(buf_cstr(&want), "&lt;第二批&gt;"));
	assert_null(strstr(buf_cstr(&want), "<h2>"));
	for (i = 0; i < 4; i++) {
		args[i] = (struct thread_arg){t, set, data, &want, 0};
		assert_int_equal(
		    pthread_create(&th[i], NULL, thread_main, &args[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(args[i].bad, 0);
	}
	if (getenv("TMPL_BENCH")) {
		struct timespec a, b;
		struct buf out = BUF_INIT;
		double s;
		int n = 100000;
		clock_gettime(CLOCK_MONOTONIC, &a);
		for (i = 0; i < n; i++) {
			buf_reset(&out);
			tmpl_render(t, set, data, &out, &why);
		}
		clock_gettime(CLOCK_MONOTONIC, &b);
		s = (double)(b.tv_sec - a.tv_sec) +
		    (double)(b.tv_nsec - a.tv_nsec) / 1e9;
		printf("# bench: %d renders of a %zu-byte article page in "
		       "%.3f s: %.0f renders/s, %.2f us each\n",
		    n, out.len, s, n / s, s * 1e6 / n);
		buf_free(&out);
	}
	tmpl_free(t);
	tmpl_set_free(set);
	json_decref(data);
	buf_free(&want);
	buf_free(&why);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_spec),
	    cmocka_unit_test(test_escape_and_values),
	    cmocka_unit_test(test_truthiness),
	    cmocka_unit_test(test_errors),
	    cmocka_unit_test(test_recursion_limit),
	    cmocka_unit_test(test_partials_and_blocks),
	    cmocka_unit_test(test_load_dir),
	    cmocka_unit_test(test_threads),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
