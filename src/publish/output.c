/*
 * output: files of a published tree and their gzip copies.  See output.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "output.h"

struct output_writer {
	struct libdeflate_compressor *z;
	struct buf path, gz, old, prev;
};

struct output_writer *
output_writer_new(int level)
{
	struct output_writer *w = calloc(1, sizeof *w);

	if (w == NULL)
		return NULL;
	if ((w->z = libdeflate_alloc_compressor(level)) == NULL) {
		free(w);
		return NULL;
	}
	return w;
}

void
output_writer_free(struct output_writer *w)
{
	if (w == NULL)
		return;
	libdeflate_free_compressor(w->z);
	buf_free(&w->path);
	buf_free(&w->gz);
	buf_free(&w->old);
	buf_free(&w->prev);
	free(w);
}

int
output_compressible(const char *rel)
{
	static const char *const ext[] = {".html", ".xml", ".css", ".js",
	    ".svg", ".json", ".txt", NULL};
	size_t n = strlen(rel), k, i;

	for (i = 0; ext[i]; i++) {
		k = strlen(ext[i]);
		if (n > k && strcmp(rel + n - k, ext[i]) == 0)
			return 1;
	}
	return 0;
}

/* Create the folder that will hold path. */
static int
parent_mkdirs(const char *path, struct buf *why)
{
	char *copy = strdup(path), *slash;
	int rc = GZ_OK;

	if (copy == NULL)
		return GZ_ENOMEM;
	if ((slash = strrchr(copy, '/')) != NULL && slash != copy) {
		*slash = '\0';
		rc = file_mkdirs(copy, why);
	}
	free(copy);
	return rc;
}

/*
 * Write a file that nobody reads yet: no temporary needed.  Always a new
 * file (O_EXCL): a name already there may be a link to a file of the
 * live tree (output_write), which must not be written through.
 */
static int
write_direct(const char *path, const void *data, size_t n, struct buf *why)
{
	const char *p = data;
	int fd, e = 0, tries;

	for (tries = 0; tries < 3; tries++) {
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
		if (fd >= 0)
			break;
		if (errno == EEXIST) {
			if (unlink(path) == 0)
				continue;
			break;
		}
		if (errno != ENOENT)
			break;
		if (parent_mkdirs(path, why))
			return GZ_EIO;
	}
	if (fd < 0) {
		e = errno;
		file_explain(why, "create", path, e);
		return gz_from_errno(e);
	}
	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		p += k;
		n -= (size_t)k;
	}
	if (close(fd) < 0 && e == 0)
		e = errno;
	if (e) {
		file_explain(why, "write", path, e);
		return gz_from_errno(e);
	}
	return GZ_OK;
}

/* Whether the file at path holds exactly data[0..n). */
static int
holds(struct output_writer *w, const char *path, const void *data, size_t n)
{
	/* max n: a longer file is refused before it is read */
	return file_read(path, n ? n : 1, &w->old, NULL) == GZ_OK &&
	    w->old.len == n && memcmp(w->old.data, data, n) == 0;
}

static int
write_one(const struct output *o, const char *path, const void *data,
    size_t n, struct buf *why)
{
	int rc;

	if (!(o->flags & OUTPUT_LIVE))
		return write_direct(path, data, n, why);
	rc = file_write_atomic(path, data, n, 0, NULL);
	if (rc == GZ_ENOTFOUND && (rc = parent_mkdirs(path, why)) == GZ_OK)
		rc = file_write_atomic(path, data, n, 0, why);
	else if (rc)
		rc = file_write_atomic(path, data, n, 0, why);
	return rc;
}

/* Link dst to the file src: 0 done, 1 there is no src, -1 cannot link
 * (another filesystem, say): write dst instead. */
static int
link_from(const char *src, const char *dst)
{
	int tries;

	for (tries = 0; tries < 3; tries++) {
		if (link(src, dst) == 0)
			return 0;
		if (errno == EEXIST) {
			if (unlink(dst) == 0)
				continue;
			return -1;
		}
		if (errno != ENOENT)
			return -1;
		if (access(src, F_OK) != 0)
			return 1;
		if (parent_mkdirs(dst, NULL))
			return -1;
	}
	return -1;
}

/*
 * Whether the .gz copy beside page is older than the page: the copy of an
 * earlier version, left by a publish that stopped between the two
 * writes.  The server does not serve such a copy (http_static.c), so it
 * must be written again.  No copy is not stale.
 */
static int
copy_stale(struct buf *page)
{
	struct stat p, g;
	size_t n = page->len;
	int r;

	if (stat(page->data, &p) < 0)
		return 0;
	buf_puts(page, ".gz");
	r = !buf_error(page) && stat(page->data, &g) == 0 &&
	    (g.st_mtim.tv_sec < p.st_mtim.tv_sec ||
	    (g.st_mtim.tv_sec == p.st_mtim.tv_sec &&
	    g.st_mtim.tv_nsec < p.st_mtim.tv_nsec));
	buf_truncate(page, n);
	return r;
}

/* Take root/rel (w->path) and its .gz copy from the earlier tree, whose
 * page is known to hold the same bytes.  0 when done. */
static int
take_from_prev(struct output_writer *w, int gz)
{
	size_t pn = w->prev.len, n = w->path.len;
	int rc;

	if (gz && copy_stale(&w->prev))
		return -1; /* write both anew */
	if (link_from(w->prev.data, w->path.data) != 0)
		return -1;
	if (!gz)
		return 0;
	buf_puts(&w->prev, ".gz");
	buf_puts(&w->path, ".gz");
	if (buf_error(&w->prev) || buf_error(&w->path))
		rc = -1;
	else if ((rc = link_from(w->prev.data, w->path.data)) == 1)
		/* the same page had no smaller copy then, nor has it now */
		rc = unlink(w->path.data) < 0 && errno != ENOENT ? -1 : 0;
	buf_truncate(&w->prev, pn);
	buf_truncate(&w->path, n);
	return rc;
}

/* Write the .gz copy of data beside w->path, or remove it when it would
 * not be smaller. */
static int
write_copy(const struct output *o, struct output_writer *w,
    const void *data, size_t n, struct buf *why)
{
	size_t bound, zn, pn = w->path.len;
	int rc = GZ_OK;

	bound = libdeflate_gzip_compress_bound(w->z, n);
	buf_reset(&w->gz);
	if (buf_grow(&w->gz, bound))
		return GZ_ENOMEM;
	buf_puts(&w->path, ".gz");
	if (buf_error(&w->path))
		return GZ_ENOMEM;
	zn = libdeflate_gzip_compress(w->z, data, n, w->gz.data, bound);
	if (zn == 0 || zn >= n) {
		/* Not smaller: no copy (and none left from before). */
		if (unlink(w->path.data) < 0 && errno != ENOENT) {
			file_explain(why, "remove", w->path.data, errno);
			rc = gz_from_errno(errno);
		}
	} else
		rc = write_one(o, w->path.data, w->gz.data, zn, why);
	buf_truncate(&w->path, pn);
	return rc;
}

int
output_write(const struct output *o, struct output_writer *w,
    const char *rel, const void *data, size_t n, int *written,
    struct buf *why)
{
	int gz = output_compressible(rel), rc;

	if (written)
		*written = 0;
	buf_reset(&w->path);
	buf_printf(&w->path, "%s/%s", o->root, rel);
	if (buf_error(&w->path))
		return GZ_ENOMEM;
	if (o->flags & OUTPUT_LIVE) {
		/* A page that already holds these bytes is left alone, and so
		 * is its copy, unless the copy is an older version's. */
		if (holds(w, w->path.data, data, n)) {
			if (!gz || !copy_stale(&w->path))
				return GZ_OK;
			if (written)
				*written = 1;
			return write_copy(o, w, data, n, why);
		}
	} else if (o->prev) {
		buf_reset(&w->prev);
		buf_printf(&w->prev, "%s/%s", o->prev, rel);
		if (!buf_error(&w->prev) && holds(w, w->prev.data, data, n) &&
		    take_from_prev(w, gz) == 0)
			return GZ_OK;
	}
	if (written)
		*written = 1;
	/* The page, then its copy: a copy is never older than its page
	 * (the server's test of a copy's freshness, http_static.c). */
	if ((rc = write_one(o, w->path.data, data, n, why)))
		return rc;
	return gz ? write_copy(o, w, data, n, why) : GZ_OK;
}

int
output_remove(const struct output *o, const char *rel, struct buf *why)
{
	struct buf p = BUF_INIT;
	int rc = GZ_OK, i;

	for (i = 0; i < 2 && rc == GZ_OK; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s%s", o->root, rel, i ? ".gz" : "");
		if (buf_error(&p))
			rc = GZ_ENOMEM;
		else if (unlink(p.data) < 0 && errno != ENOENT) {
			file_explain(why, "remove", p.data, errno);
			rc = gz_from_errno(errno);
		}
	}
	buf_free(&p);
	return rc;
}
