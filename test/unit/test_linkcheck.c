/*
 * Unit tests for linkcheck, on small trees in a temporary folder: a base
 * URL with a folder, srcset splitting, ids in deep trees and templates,
 * odd paths, a bad base URL, and a report callback that stops early.
 * test/shell/check-links.sh covers the common cases through the CLI.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "linkcheck.h"
#include "unit.h"

struct tree {
	char root[64];
	struct buf got; /* "page: link: why\n" per report */
	int stop_after; /* stop with -7 after this many reports (0: never) */
	int n;
};

/* Write text to root/rel, making its folders. */
static void
put(struct tree *t, const char *rel, const char *text)
{
	struct buf path = BUF_INIT, cmd = BUF_INIT;
	FILE *f;

	buf_printf(&path, "%s/%s", t->root, rel);
	buf_printf(&cmd, "mkdir -p \"$(dirname '%s')\"", path.data);
	assert_int_equal(system(cmd.data), 0);
	assert_non_null(f = fopen(path.data, "w"));
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
	buf_free(&path);
	buf_free(&cmd);
}

static int
collect(const char *page, const char *link, const char *why, void *arg)
{
	struct tree *t = arg;

	buf_printf(&t->got, "%s: %s: %s\n", page, link ? link : "-", why);
	if (t->stop_after && ++t->n >= t->stop_after)
		return -7;
	return 0;
}

static int
setup(void **state)
{
	struct tree *t = calloc(1, sizeof *t);

	strcpy(t->root, "/tmp/gz-linkcheck-XXXXXX");
	if (t == NULL || mkdtemp(t->root) == NULL)
		return -1;
	*state = t;
	return 0;
}

static int
teardown(void **state)
{
	struct tree *t = *state;
	struct buf cmd = BUF_INIT;

	buf_printf(&cmd, "rm -rf '%s'", t->root);
	if (system(cmd.data) != 0)
		return -1;
	buf_free(&cmd);
	buf_free(&t->got);
	free(t);
	return 0;
}

static void
test_base_folder(void **state)
{
	struct tree *t = *state;
	struct linkcheck_stats st;
	struct buf why = BUF_INIT;

	put(t, "index.html",
	    "<a href=\"https://Example.org/site/a.html\">in</a>"
	    "<a href=\"https://example.org/site\">root</a>"
	    "<a href=\"https://example.org/site/\">root</a>"
	    "<a href=\"https://example.org/site/gone.html\">gone</a>"
	    "<a href=\"https://example.org/other/x.html\">same origin, "
	    "not the site</a>"
	    "<a href=\"https://example.org:8443/site/x.html\">port</a>"
	    "<a href=\"http://example.org/site/x.html\">scheme</a>"
	    "<a href=\"https://user@example.org/site/y.html\">user</a>");
	put(t, "a.html", "<p>a</p>");
	assert_int_equal(linkcheck_tree(t->root, "https://example.org/site/",
	                     collect, t, &st, &why),
	    GZ_OK);
	assert_string_equal(buf_cstr(&t->got),
	    "index.html: https://example.org/site/gone.html: "
	    "no such file gone.html\n"
	    "index.html: https://user@example.org/site/y.html: "
	    "no such file y.html\n");
	assert_int_equal(st.pages, 2);
	assert_int_equal(st.links, 5);
	assert_int_equal(st.ignored, 3);
	assert_int_equal(st.broken, 2);
	buf_free(&why);
}

static void
test_srcset_and_paths(void **state)
{
	struct tree *t = *state;
	struct linkcheck_stats st;
	struct buf why = BUF_INIT;

	put(t, "d/p.html",
	    "<img srcset=\"a.png 1x,b.png 2x, c,d.png 3x,, "
	    "e.png (max-width: 1px, 2px) 4x, f.png,g.png\">"
	    "<a href=\"x%00.html\">nul</a>"
	    "<a href=\"%2e%2e/%2e%2e/etc/passwd\">dots</a>"
	    "<a href=\".\">here</a><a href=\"..\">up</a>"
	    "<a href=\"?only=query\">self</a><a href=\"#50%\">pct</a>"
	    "<template><a href=\"t.html\">in a template</a></template>"
	    "<a href=\"p.html#%E4%B8%AD\">encoded id</a><i id=\"中\"></i>"
	    "<a href=\"p.html#%zz\">bad escape</a><b id=\"%zz\"></b>"
	    "<a href=\"\n/d/p.html\t\">tab and newline</a>");
	put(t, "d/a.png", "");
	put(t, "d/index.html", "");
	put(t, "index.html", "");
	assert_int_equal(
	    linkcheck_tree(t->root, NULL, collect, t, &st, &why), GZ_OK);
	assert_string_equal(buf_cstr(&t->got),
	    "d/p.html: #50%: no element with id \"50%\" in d/p.html\n"
	    "d/p.html: %2e%2e/%2e%2e/etc/passwd: goes above the site root\n"
	    "d/p.html: b.png: no such file d/b.png\n"
	    "d/p.html: c,d.png: no such file d/c,d.png\n"
	    "d/p.html: e.png: no such file d/e.png\n"
	    "d/p.html: f.png,g.png: no such file d/f.png,g.png\n"
	    "d/p.html: t.html: no such file d/t.html\n"
	    "d/p.html: x%00.html: %00 in the path\n");
	assert_int_equal(st.pages, 3);
	buf_free(&why);
}

/* Ids and links deep inside a tree are found without recursion. */
static void
test_deep(void **state)
{
	struct tree *t = *state;
	struct linkcheck_stats st;
	struct buf why = BUF_INIT, html = BUF_INIT;
	int i;

	for (i = 0; i < 3000; i++)
		buf_puts(&html, "<div>");
	buf_puts(&html, "<span id=\"deep\"></span><a href=\"gone.html\">x</a>");
	put(t, "deep.html", buf_cstr(&html));
	put(t, "index.html",
	    "<a href=\"deep.html#deep\">deep</a>"
	    "<a href=\"deep.html#shallow\">no</a>");
	assert_int_equal(
	    linkcheck_tree(t->root, "", collect, t, &st, &why), GZ_OK);
	assert_string_equal(buf_cstr(&t->got),
	    "deep.html: gone.html: no such file gone.html\n"
	    "index.html: deep.html#shallow: no element with id \"shallow\" "
	    "in deep.html\n");
	buf_free(&why);
	buf_free(&html);
}

static void
test_errors(void **state)
{
	struct tree *t = *state;
	struct linkcheck_stats st;
	struct buf why = BUF_INIT, path = BUF_INIT;

	assert_int_equal(linkcheck_tree(t->root, "ftp://example.org/", collect,
	                     t, &st, &why),
	    GZ_EINVAL);
	assert_non_null(strstr(buf_cstr(&why), "ftp://example.org/"));
	buf_reset(&why);
	buf_printf(&path, "%s/none", t->root);
	assert_int_equal(linkcheck_tree(path.data, NULL, collect, t, &st, &why),
	    GZ_ENOTFOUND);
	assert_non_null(strstr(buf_cstr(&why), "no such folder"));
	/* The callback stops the reports, and its value comes back. */
	put(t, "a.html", "<a href=\"1\"></a><a href=\"2\"></a><a href=\"3\">");
	t->stop_after = 2;
	buf_reset(&why);
	assert_int_equal(
	    linkcheck_tree(t->root, NULL, collect, t, &st, &why), -7);
	assert_string_equal(buf_cstr(&t->got),
	    "a.html: 1: no such file 1\na.html: 2: no such file 2\n");
	buf_free(&why);
	buf_free(&path);
}

/* Many pages, so that both threads work; each finding comes once. */
static void
test_many(void **state)
{
	struct tree *t = *state;
	struct linkcheck_stats st;
	struct buf why = BUF_INIT, name = BUF_INIT, html = BUF_INIT;
	int i;

	for (i = 0; i < 200; i++) {
		buf_reset(&name);
		buf_reset(&html);
		buf_printf(&name, "p/%03d.html", i);
		buf_printf(&html,
		    "<h1 id=\"h%d\"></h1>"
		    "<a href=\"%03d.html#h%d\"></a>"
		    "<a href=\"/p/%03d.html#h%d\"></a>",
		    i, (i + 1) % 200, (i + 1) % 200, (i + 7) % 200,
		    i % 50 == 0 ? -1 : (i + 7) % 200);
		put(t, name.data, html.data);
	}
	assert_int_equal(
	    linkcheck_tree(t->root, NULL, collect, t, &st, &why), GZ_OK);
	assert_string_equal(buf_cstr(&t->got),
	    "p/000.html: /p/007.html#h-1: no element with id \"h-1\" in "
	    "p/007.html\n"
	    "p/050.html: /p/057.html#h-1: no element with id \"h-1\" in "
	    "p/057.html\n"
	    "p/100.html: /p/107.html#h-1: no element with id \"h-1\" in "
	    "p/107.html\n"
	    "p/150.html: /p/157.html#h-1: no element with id \"h-1\" in "
	    "p/157.html\n");
	assert_int_equal(st.pages, 200);
	assert_int_equal(st.links, 400);
	assert_int_equal(st.broken, 4);
	buf_free(&why);
	buf_free(&name);
	buf_free(&html);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_base_folder, setup, teardown),
	    cmocka_unit_test_setup_teardown(
	        test_srcset_and_paths, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_deep, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_many, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
