/*
 * Unit tests for output: the files of a published tree and their .gz
 * copies.  A new generation takes the live tree's files (hard links) for
 * pages whose bytes did not change, and never writes through such a link;
 * the live tree leaves a page with the same bytes alone.  Each test works
 * in its own mkdtemp() folder under /tmp, removed afterwards.
 */
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "buf.h"
#include "err.h"
#include "file.h"
#include "output.h"

struct tmp {
	char dir[64];
	char live[96], gen[96];
	char a[160], b[160];
};

static int
setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);

	if (t == NULL)
		return -1;
	strcpy(t->dir, "/tmp/gz-test-output-XXXXXX");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return -1;
	}
	snprintf(t->live, sizeof t->live, "%s/live", t->dir);
	snprintf(t->gen, sizeof t->gen, "%s/gen", t->dir);
	if (mkdir(t->live, 0755) < 0 || mkdir(t->gen, 0755) < 0)
		return -1;
	*state = t;
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

static int
teardown(void **state)
{
	struct tmp *t = *state;
	int rc = nftw(t->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);

	free(t);
	return rc == 0 ? 0 : -1;
}

/* A page long and repetitive enough that its .gz copy is smaller. */
static void
page(struct buf *b, const char *word)
{
	int i;

	buf_reset(b);
	buf_puts(b, "<!doctype html><title>t</title>\n");
	for (i = 0; i < 200; i++)
		buf_printf(b, "<p>%s %d</p>\n", word, i % 7);
}

static ino_t
inode_of(const char *root, const char *rel)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof p, "%s/%s", root, rel);
	return stat(p, &st) == 0 ? st.st_ino : 0;
}

static void
read_rel(const char *root, const char *rel, struct buf *out)
{
	char p[256];

	snprintf(p, sizeof p, "%s/%s", root, rel);
	buf_reset(out);
	assert_int_equal(file_read(p, 0, out, NULL), GZ_OK);
}

static void
write_rel(const struct output *o, const char *rel, const struct buf *b,
    int want_written)
{
	struct output_writer *w = output_writer_new(6);
	struct buf why = BUF_INIT;
	int written = -1;

	assert_non_null(w);
	assert_int_equal(output_write(o, w, rel, b->data, b->len, &written,
	    &why), GZ_OK);
	assert_int_equal(written, want_written);
	output_writer_free(w);
	buf_free(&why);
}

/* Same bytes: the new generation's page and copy are the live files. */
static void
test_unchanged_page_is_linked(void **state)
{
	struct tmp *t = *state;
	struct output live = {t->live, NULL, 0, 6};
	struct output gen = {t->gen, t->live, 0, 6};
	struct buf b = BUF_INIT;

	page(&b, "same");
	write_rel(&live, "news/a/index.html", &b, 1);
	assert_int_not_equal(inode_of(t->live, "news/a/index.html.gz"), 0);
	write_rel(&gen, "news/a/index.html", &b, 0);
	assert_int_equal(inode_of(t->gen, "news/a/index.html"),
	    inode_of(t->live, "news/a/index.html"));
	assert_int_equal(inode_of(t->gen, "news/a/index.html.gz"),
	    inode_of(t->live, "news/a/index.html.gz"));
	buf_free(&b);
}

/* Other bytes: a new file, and the live one keeps its bytes. */
static void
test_changed_page_is_written(void **state)
{
	struct tmp *t = *state;
	struct output live = {t->live, NULL, 0, 6};
	struct output gen = {t->gen, t->live, 0, 6};
	struct buf b = BUF_INIT, old = BUF_INIT, got = BUF_INIT;

	page(&old, "old");
	write_rel(&live, "a.html", &old, 1);
	page(&b, "new");
	write_rel(&gen, "a.html", &b, 1);
	assert_int_not_equal(inode_of(t->gen, "a.html"),
	    inode_of(t->live, "a.html"));
	read_rel(t->live, "a.html", &got);
	assert_true(buf_eq(&got, &old));
	read_rel(t->gen, "a.html", &got);
	assert_true(buf_eq(&got, &b));
	assert_int_not_equal(inode_of(t->gen, "a.html.gz"),
	    inode_of(t->live, "a.html.gz"));
	/* Shorter and longer than the live page, in both kinds of tree. */
	buf_truncate(&b, b.len / 2);
	write_rel(&gen, "a.html", &b, 1);
	read_rel(t->gen, "a.html", &got);
	assert_true(buf_eq(&got, &b));
	live.flags = OUTPUT_LIVE;
	write_rel(&live, "a.html", &b, 1);
	page(&b, "a longer page");
	write_rel(&live, "a.html", &b, 1);
	read_rel(t->live, "a.html", &got);
	assert_true(buf_eq(&got, &b));
	buf_free(&b);
	buf_free(&old);
	buf_free(&got);
}

/* A name in the new generation that links to a live file (a page written
 * twice, or a build resumed) is replaced, never written through. */
static void
test_no_write_through_link(void **state)
{
	struct tmp *t = *state;
	struct output live = {t->live, NULL, 0, 6};
	struct output gen = {t->gen, t->live, 0, 6};
	struct buf b = BUF_INIT, old = BUF_INIT, got = BUF_INIT;

	page(&old, "old");
	write_rel(&live, "a.html", &old, 1);
	write_rel(&gen, "a.html", &old, 0); /* linked */
	page(&b, "new");
	write_rel(&gen, "a.html", &b, 1);
	read_rel(t->live, "a.html", &got);
	assert_true(buf_eq(&got, &old));
	read_rel(t->live, "a.html.gz", &got);
	assert_true(got.len > 0 && got.len < old.len);
	read_rel(t->gen, "a.html", &got);
	assert_true(buf_eq(&got, &b));
	buf_free(&b);
	buf_free(&old);
	buf_free(&got);
}

/* A page too small to compress has no copy, before or after a link. */
static void
test_small_page_has_no_copy(void **state)
{
	struct tmp *t = *state;
	struct output live = {t->live, NULL, 0, 6};
	struct output gen = {t->gen, t->live, 0, 6};
	struct buf b = BUF_INIT;

	buf_puts(&b, "<p>x</p>");
	write_rel(&live, "s.html", &b, 1);
	assert_int_equal(inode_of(t->live, "s.html.gz"), 0);
	write_rel(&gen, "s.html", &b, 0);
	assert_int_equal(inode_of(t->gen, "s.html.gz"), 0);
	buf_free(&b);
}

/* The live tree: same bytes leave the file alone; others replace it (a
 * new inode: readers of the old one, and other generations, keep it). */
static void
test_live_same_and_changed(void **state)
{
	struct tmp *t = *state;
	struct output live = {t->live, NULL, OUTPUT_LIVE, 6};
	struct buf b = BUF_INIT, got = BUF_INIT;
	ino_t before;

	page(&b, "one");
	write_rel(&live, "x/a.html", &b, 1);
	before = inode_of(t->live, "x/a.html");
	write_rel(&live, "x/a.html", &b, 0);
	assert_int_equal(inode_of(t->live, "x/a.html"), before);
	page(&b, "two");
	write_rel(&live, "x/a.html", &b, 1);
	assert_int_not_equal(inode_of(t->live, "x/a.html"), before);
	read_rel(t->live, "x/a.html", &got);
	assert_true(buf_eq(&got, &b));
	buf_free(&b);
	buf_free(&got);
}

/* Make root/rel older by a minute. */
static void
age(const char *root, const char *rel)
{
	char p[256];
	struct stat st;
	struct timespec ts[2];

	snprintf(p, sizeof p, "%s/%s", root, rel);
	assert_int_equal(stat(p, &st), 0);
	ts[0] = ts[1] = st.st_mtim;
	ts[0].tv_sec -= 60;
	ts[1].tv_sec -= 60;
	assert_int_equal(utimensat(AT_FDCWD, p, ts, 0), 0);
}

static int
older_than(const char *root, const char *a, const char *b)
{
	char pa[256], pb[256];
	struct stat sa, sb;

	snprintf(pa, sizeof pa, "%s/%s", root, a);
	snprintf(pb, sizeof pb, "%s/%s", root, b);
	assert_int_equal(stat(pa, &sa), 0);
	assert_int_equal(stat(pb, &sb), 0);
	return sa.st_mtim.tv_sec < sb.st_mtim.tv_sec ||
	    (sa.st_mtim.tv_sec == sb.st_mtim.tv_sec &&
	    sa.st_mtim.tv_nsec < sb.st_mtim.tv_nsec);
}

/* A copy older than its page (a publish stopped between the two writes)
 * is written again, never linked; and a page is written before its copy,
 * so a copy is never older than its page (what the server checks). */
static void
test_stale_copy(void **state)
{
	struct tmp *t = *state;
	struct output live = {t->live, NULL, OUTPUT_LIVE, 6};
	struct output gen = {t->gen, t->live, 0, 6};
	struct buf b = BUF_INIT;
	ino_t before;

	page(&b, "same");
	write_rel(&live, "a.html", &b, 1);
	assert_false(older_than(t->live, "a.html.gz", "a.html"));
	age(t->live, "a.html.gz");
	assert_true(older_than(t->live, "a.html.gz", "a.html"));
	/* A full build does not link the stale copy. */
	write_rel(&gen, "a.html", &b, 1);
	assert_int_not_equal(inode_of(t->gen, "a.html.gz"),
	    inode_of(t->live, "a.html.gz"));
	assert_false(older_than(t->gen, "a.html.gz", "a.html"));
	/* Publishing the same page mends it. */
	before = inode_of(t->live, "a.html");
	write_rel(&live, "a.html", &b, 1);
	assert_int_equal(inode_of(t->live, "a.html"), before);
	assert_false(older_than(t->live, "a.html.gz", "a.html"));
	write_rel(&live, "a.html", &b, 0);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_unchanged_page_is_linked,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_changed_page_is_written,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_write_through_link,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_page_has_no_copy,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_live_same_and_changed,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_copy, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
