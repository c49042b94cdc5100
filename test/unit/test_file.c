/*
 * Unit tests for file: whole-file reads and their limits, atomic writes
 * that leave no temporary behind and never a half-written file, and
 * mkdir -p.  Each test works in its own mkdtemp() folder under /tmp,
 * removed afterwards.
 */
#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"
#include "buf.h"
#include "file.h"

/* The per-test folder, and paths inside it. */
struct tmp {
	char dir[64];
	char path[256];
};

static int
setup(void **state)
{
	struct tmp *t = calloc(1, sizeof *t);

	if (t == NULL)
		return -1;
	strcpy(t->dir, "/tmp/gz-test-file-XXXXXX");
	if (mkdtemp(t->dir) == NULL) {
		free(t);
		return -1;
	}
	*state = t;
	return 0;
}

static int
rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	if (flag == FTW_DP || flag == FTW_D)
		return rmdir(path);
	return unlink(path);
}

static int
teardown(void **state)
{
	struct tmp *t = *state;
	int rc;

	/* A test may have left its folder read-only. */
	chmod(t->dir, 0755);
	rc = nftw(t->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
	return rc == 0 ? 0 : -1;
}

/* t->path = t->dir "/" name; returns it. */
static const char *
in(struct tmp *t, const char *name)
{
	snprintf(t->path, sizeof t->path, "%s/%s", t->dir, name);
	return t->path;
}

/* Create path with n bytes of data, with plain stdio. */
static void
put(const char *path, const char *data, size_t n)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Fail unless path holds exactly data[0..n). */
static void
holds(const char *path, const char *data, size_t n)
{
	struct buf b = BUF_INIT, why = BUF_INIT;

	assert_int_equal(file_read(path, 0, &b, &why), GZ_OK);
	assert_int_equal(b.len, n);
	if (n)
		assert_memory_equal(b.data, data, n);
	assert_int_equal(why.len, 0);
	buf_free(&b);
	buf_free(&why);
}

/* The number of entries in folder dir; fails if a temporary is there. */
static int
entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	assert_non_null(d);
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (strstr(e->d_name, ".tmp.") != NULL)
			fail_msg("temporary file left behind: %s/%s", dir,
			    e->d_name);
		n++;
	}
	closedir(d);
	return n;
}

/* Fail unless why mentions needle. */
static void
mentions(const struct buf *why, const char *needle)
{
	if (strstr(buf_cstr(why), needle) == NULL)
		fail_msg("message \"%s\" does not mention \"%s\"",
		    buf_cstr(why), needle);
}

static void
test_read(void **state)
{
	struct tmp *t = *state;
	struct buf b = BUF_INIT, why = BUF_INIT;
	static const char bin[] = {'a', '\0', 'b', '\n', (char)0xff};

	put(in(t, "hello.txt"), "hello\nworld\n", 12);
	assert_int_equal(file_read(t->path, 0, &b, &why), GZ_OK);
	assert_int_equal(b.len, 12);
	assert_string_equal(buf_cstr(&b), "hello\nworld\n");
	assert_int_equal(why.len, 0);
	/* A limit equal to the size is enough. */
	assert_int_equal(file_read(t->path, 12, &b, &why), GZ_OK);
	assert_string_equal(buf_cstr(&b), "hello\nworld\n");
	/* The contents are replaced, not appended to. */
	put(in(t, "bin"), bin, sizeof bin);
	assert_int_equal(file_read(t->path, 0, &b, &why), GZ_OK);
	assert_int_equal(b.len, sizeof bin);
	assert_memory_equal(b.data, bin, sizeof bin);
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);
	buf_free(&why);
}

/* Larger than any first guess, so the read loop goes round. */
static void
test_read_large(void **state)
{
	struct tmp *t = *state;
	struct buf b = BUF_INIT, why = BUF_INIT;
	size_t n = 300001, i;
	char *data = malloc(n);

	assert_non_null(data);
	for (i = 0; i < n; i++)
		data[i] = (char)('a' + i % 26);
	put(in(t, "large"), data, n);
	assert_int_equal(file_read(t->path, 0, &b, &why), GZ_OK);
	assert_int_equal(b.len, n);
	assert_memory_equal(b.data, data, n);
	assert_int_equal(b.data[n], '\0');
	free(data);
	buf_free(&b);
	buf_free(&why);
}

static void
test_read_empty(void **state)
{
	struct tmp *t = *state;
	struct buf b = BUF_INIT, why = BUF_INIT;

	put(in(t, "empty"), "", 0);
	assert_int_equal(file_read(t->path, 0, &b, &why), GZ_OK);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	/* Also into a buffer that held something. */
	buf_puts(&b, "old");
	assert_int_equal(file_read(t->path, 10, &b, &why), GZ_OK);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	assert_int_equal(why.len, 0);
	buf_free(&b);
	buf_free(&why);
}

static void
test_read_missing(void **state)
{
	struct tmp *t = *state;
	struct buf b = BUF_INIT, why = BUF_INIT;

	buf_puts(&b, "old");
	assert_int_equal(file_read(in(t, "no-such-file"), 0, &b, &why),
	    GZ_ENOTFOUND);
	mentions(&why, t->path);
	assert_int_equal(b.len, 0);
	/* A missing folder on the way is not found either. */
	buf_reset(&why);
	assert_int_equal(file_read(in(t, "no-dir/file"), 0, &b, &why),
	    GZ_ENOTFOUND);
	mentions(&why, t->path);
	buf_free(&b);
	buf_free(&why);
}

static void
test_read_folder(void **state)
{
	struct tmp *t = *state;
	struct buf b = BUF_INIT, why = BUF_INIT;

	assert_int_equal(file_read(t->dir, 0, &b, &why), GZ_EINVAL);
	mentions(&why, t->dir);
	assert_int_equal(b.len, 0);
	buf_free(&b);
	buf_free(&why);
}

static void
test_read_too_big(void **state)
{
	struct tmp *t = *state;
	struct buf b = BUF_INIT, why = BUF_INIT;

	/* A sparse 3 MB file costs no disk. */
	put(in(t, "big"), "", 0);
	assert_int_equal(truncate(t->path, 3000000), 0);
	buf_puts(&b, "old");
	assert_int_equal(file_read(t->path, 1000000, &b, &why), GZ_ETOOBIG);
	mentions(&why, t->path);
	mentions(&why, "MB");
	mentions(&why, "3.0");
	mentions(&why, "1.0");
	assert_int_equal(b.len, 0);
	/* One byte over the limit is over. */
	buf_reset(&why);
	put(t->path, "0123456789", 10);
	assert_int_equal(file_read(t->path, 9, &b, &why), GZ_ETOOBIG);
	mentions(&why, t->path);
	mentions(&why, "MB");
	/* Without a why, the same answer and no message to write. */
	assert_int_equal(file_read(t->path, 9, &b, NULL), GZ_ETOOBIG);
	assert_int_equal(file_read(t->dir, 0, &b, NULL), GZ_EINVAL);
	/* No limit reads it all. */
	assert_int_equal(file_read(t->path, 0, &b, &why), GZ_OK);
	assert_int_equal(b.len, 10);
	buf_free(&b);
	buf_free(&why);
}

static void
test_write_creates(void **state)
{
	struct tmp *t = *state;
	struct buf why = BUF_INIT;
	struct stat st;

	assert_int_equal(file_write_atomic(in(t, "new.html"), "<p>hi</p>\n", 10,
	    0, &why), GZ_OK);
	assert_int_equal(why.len, 0);
	holds(t->path, "<p>hi</p>\n", 10);
	assert_int_equal(stat(t->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0644);
	assert_int_equal(entries(t->dir), 1);
	/* An empty file, and with FILE_SYNC. */
	assert_int_equal(file_write_atomic(in(t, "empty"), "", 0, FILE_SYNC,
	    &why), GZ_OK);
	holds(t->path, "", 0);
	assert_int_equal(entries(t->dir), 2);
	buf_free(&why);
}

static void
test_write_replaces(void **state)
{
	struct tmp *t = *state;
	struct buf why = BUF_INIT;
	static const char bin[] = {'x', '\0', 'y'};

	put(in(t, "page.html"), "a long old version of the page\n", 31);
	assert_int_equal(file_write_atomic(t->path, "new\n", 4, 0, &why),
	    GZ_OK);
	holds(t->path, "new\n", 4);
	assert_int_equal(entries(t->dir), 1);
	assert_int_equal(file_write_atomic(t->path, bin, sizeof bin,
	    FILE_SYNC, &why), GZ_OK);
	holds(t->path, bin, sizeof bin);
	assert_int_equal(entries(t->dir), 1);
	assert_int_equal(why.len, 0);
	/* A relative path (no slash) works too. */
	assert_int_equal(chdir(t->dir), 0);
	assert_int_equal(file_write_atomic("rel.txt", "r", 1, FILE_SYNC,
	    &why), GZ_OK);
	holds(in(t, "rel.txt"), "r", 1);
	assert_int_equal(entries(t->dir), 2);
	assert_int_equal(chdir("/"), 0);
	buf_free(&why);
}

static void
test_write_missing_folder(void **state)
{
	struct tmp *t = *state;
	struct buf why = BUF_INIT;
	struct stat st;

	assert_int_not_equal(file_write_atomic(in(t, "nope/x.html"), "x", 1,
	    0, &why), GZ_OK);
	mentions(&why, t->path);
	assert_int_not_equal(stat(in(t, "nope"), &st), 0);
	assert_int_equal(entries(t->dir), 0);
	buf_free(&why);
}

static void
test_write_read_only(void **state)
{
	struct tmp *t = *state;
	struct buf why = BUF_INIT;

	/* Root ignores folder permissions, so there is nothing to see. */
	if (geteuid() == 0)
		skip();
	put(in(t, "keep.html"), "old\n", 4);
	assert_int_equal(chmod(t->dir, 0555), 0);
	assert_int_equal(file_write_atomic(t->path, "new\n", 4, FILE_SYNC,
	    &why), GZ_EPERM);
	mentions(&why, t->path);
	holds(t->path, "old\n", 4);
	assert_int_equal(entries(t->dir), 1);
	assert_int_equal(chmod(t->dir, 0755), 0);
	buf_free(&why);
}

static void
is_dir(const char *path)
{
	struct stat st;

	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
		fail_msg("%s is not a folder", path);
}

static void
test_mkdirs_nested(void **state)
{
	struct tmp *t = *state;
	struct buf why = BUF_INIT;

	assert_int_equal(file_mkdirs(in(t, "a/b/c"), &why), GZ_OK);
	is_dir(in(t, "a"));
	is_dir(in(t, "a/b"));
	is_dir(in(t, "a/b/c"));
	/* A trailing slash and a doubled one. */
	assert_int_equal(file_mkdirs(in(t, "x/y/"), &why), GZ_OK);
	is_dir(in(t, "x/y"));
	assert_int_equal(file_mkdirs(in(t, "p//q"), &why), GZ_OK);
	is_dir(in(t, "p/q"));
	assert_int_equal(why.len, 0);
	buf_free(&why);
}

static void
test_mkdirs_existing(void **state)
{
	struct tmp *t = *state;
	struct buf why = BUF_INIT;

	assert_int_equal(file_mkdirs(t->dir, &why), GZ_OK);
	assert_int_equal(file_mkdirs(in(t, "a/b"), &why), GZ_OK);
	assert_int_equal(file_mkdirs(in(t, "a/b"), &why), GZ_OK);
	assert_int_equal(file_mkdirs(in(t, "a"), &why), GZ_OK);
	assert_int_equal(file_mkdirs("/", &why), GZ_OK);
	is_dir(in(t, "a/b"));
	assert_int_equal(why.len, 0);
	buf_free(&why);
}

static void
test_mkdirs_through_file(void **state)
{
	struct tmp *t = *state;
	struct buf why = BUF_INIT;
	struct stat st;

	put(in(t, "file"), "x", 1);
	assert_int_not_equal(file_mkdirs(in(t, "file/sub/deeper"), &why),
	    GZ_OK);
	mentions(&why, t->path);
	/* The file itself is not a folder either. */
	buf_reset(&why);
	assert_int_not_equal(file_mkdirs(in(t, "file"), &why), GZ_OK);
	mentions(&why, t->path);
	/* And the file is untouched. */
	holds(t->path, "x", 1);
	assert_int_equal(stat(t->path, &st), 0);
	assert_true(S_ISREG(st.st_mode));
	buf_free(&why);
}

int
main(void)
{
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
	const struct CMUnitTest tests[] = {
		T(test_read),
		T(test_read_large),
		T(test_read_empty),
		T(test_read_missing),
		T(test_read_folder),
		T(test_read_too_big),
		T(test_write_creates),
		T(test_write_replaces),
		T(test_write_missing_folder),
		T(test_write_read_only),
		T(test_mkdirs_nested),
		T(test_mkdirs_existing),
		T(test_mkdirs_through_file),
	};
#undef T
	return cmocka_run_group_tests_name("file", tests, NULL, NULL);
}
