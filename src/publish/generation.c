/*
 * generation: the folders a full build writes, and the link that makes
 * one of them the site.  See generation.h.
 *
 * SITE_DIR/public -> .public.gen/N (a relative link, so the site folder
 * can move).  A full build writes generation N+1 while N is served, then
 * replaces the link with rename(), which is atomic.  The previous
 * generation is kept (a quick way back); older ones are removed after
 * the swap.
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "file.h"
#include "generation.h"
#include "publish.h"

/* out's folder and name: "/a/b/public" -> "/a/b", "public". */
static void
split_path(const char *out, struct buf *dir, struct buf *base)
{
	const char *slash = strrchr(out, '/');

	if (slash == NULL) {
		buf_puts(dir, ".");
		buf_puts(base, out);
	} else {
		buf_put(dir, out, slash == out ? 1 : (size_t)(slash - out));
		buf_puts(base, slash + 1);
	}
}

/* SITE_DIR/.public.gen for SITE_DIR/public. */
void
generation_dir(struct buf *gens, const char *out)
{
	struct buf dir = BUF_INIT, base = BUF_INIT;

	split_path(out, &dir, &base);
	buf_printf(gens, "%s/.%s.gen", buf_cstr(&dir), buf_cstr(&base));
	buf_free(&dir);
	buf_free(&base);
}

char *
publish_live_dir(const char *out)
{
	char target[PATH_MAX];
	struct buf dir = BUF_INIT, base = BUF_INIT, full = BUF_INIT;
	ssize_t n = readlink(out, target, sizeof target - 1);

	if (n <= 0)
		return NULL;
	target[n] = '\0';
	if (target[0] == '/') {
		buf_puts(&full, target);
	} else {
		split_path(out, &dir, &base);
		buf_printf(&full, "%s/%s", buf_cstr(&dir), target);
	}
	buf_free(&dir);
	buf_free(&base);
	return buf_detach(&full, NULL);
}

/* The number of the generation out points to, or 0. */
long
generation_live(const char *out)
{
	char *live = publish_live_dir(out), *slash;
	long n = 0;

	if (live && (slash = strrchr(live, '/')) != NULL)
		n = strtol(slash + 1, NULL, 10);
	free(live);
	return n;
}

long
generation_highest(const char *gens)
{
	DIR *d = opendir(gens);
	struct dirent *e;
	long n = 0, k;

	if (d == NULL)
		return 0;
	while ((e = readdir(d)) != NULL)
		if ((k = strtol(e->d_name, NULL, 10)) > n)
			n = k;
	closedir(d);
	return n;
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *f)
{
	(void)st;
	(void)f;
	return flag == FTW_DP ? rmdir(path) : unlink(path);
}

/* Remove every generation but keep_a and keep_b. */
void
generation_prune(const char *gens, long keep_a, long keep_b)
{
	DIR *d = opendir(gens);
	struct dirent *e;
	struct buf p = BUF_INIT;
	long k;

	if (d == NULL)
		return;
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		k = strtol(e->d_name, NULL, 10);
		if (k == keep_a || k == keep_b)
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/%s", gens, e->d_name);
		nftw(p.data, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
	}
	closedir(d);
	buf_free(&p);
}

/* Point out at generation n, atomically. */
int
generation_swap(const char *out, long n, struct buf *why)
{
	struct buf dir = BUF_INIT, base = BUF_INIT, target = BUF_INIT;
	struct buf tmp = BUF_INIT, old = BUF_INIT;
	struct stat st;
	int rc = GZ_OK;

	split_path(out, &dir, &base);
	buf_printf(&target, ".%s.gen/%ld", buf_cstr(&base), n);
	buf_printf(&tmp, "%s.new-link", out);
	/* A real folder from before Gazette managed it: keep it as an old
	 * generation rather than lose it. */
	if (lstat(out, &st) == 0 && S_ISDIR(st.st_mode)) {
		buf_printf(&old, "%s/.%s.gen/0-before-%ld", buf_cstr(&dir),
		    buf_cstr(&base), (long)time(NULL));
		if (rename(out, old.data) < 0) {
			file_explain(why, "move aside", out, errno);
			rc = GZ_EIO;
			goto out;
		}
	}
	unlink(tmp.data);
	if (symlink(target.data, tmp.data) < 0 || rename(tmp.data, out) < 0) {
		file_explain(why, "point the site at the new build:", out,
		    errno);
		unlink(tmp.data);
		rc = GZ_EIO;
	}
out:
	buf_free(&dir);
	buf_free(&base);
	buf_free(&target);
	buf_free(&tmp);
	buf_free(&old);
	return rc;
}

