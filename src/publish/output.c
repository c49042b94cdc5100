/*
 * output: files of a published tree and their gzip copies.  See output.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <libdeflate.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file.h"
#include "output.h"

struct output_writer {
	struct libdeflate_compressor *z;
	struct buf path, gz, old;
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

/* Write a file that nobody reads yet: no temporary needed. */
static int
write_direct(const char *path, const void *data, size_t n, struct buf *why)
{
	const char *p = data;
	int fd, e = 0, tries;

	for (tries = 0; tries < 2; tries++) {
		fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
		if (fd >= 0 || errno != ENOENT || tries)
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

static int
write_one(const struct output *o, struct output_writer *w, const char *path,
    const void *data, size_t n, int *written, struct buf *why)
{
	int rc;

	if (written)
		*written = 1;
	if (!(o->flags & OUTPUT_LIVE))
		return write_direct(path, data, n, why);
	/* Live: leave a file that already holds these bytes alone. */
	if (file_read(path, 0, &w->old, NULL) == GZ_OK && w->old.len == n &&
	    memcmp(w->old.data, data, n) == 0) {
		if (written)
			*written = 0;
		return GZ_OK;
	}
	rc = file_write_atomic(path, data, n, 0, NULL);
	if (rc == GZ_ENOTFOUND && (rc = parent_mkdirs(path, why)) == GZ_OK)
		rc = file_write_atomic(path, data, n, 0, why);
	else if (rc)
		rc = file_write_atomic(path, data, n, 0, why);
	return rc;
}

int
output_write(const struct output *o, struct output_writer *w,
    const char *rel, const void *data, size_t n, int *written,
    struct buf *why)
{
	size_t bound, zn;
	int rc, same = 1;

	buf_reset(&w->path);
	buf_printf(&w->path, "%s/%s", o->root, rel);
	if (buf_error(&w->path))
		return GZ_ENOMEM;
	if ((rc = write_one(o, w, w->path.data, data, n, &same, why)))
		return rc;
	if (written)
		*written = same;
	if (!output_compressible(rel))
		return GZ_OK;
	buf_puts(&w->path, ".gz");
	if (!same && (o->flags & OUTPUT_LIVE))
		return GZ_OK; /* the page did not change: nor does its copy */
	bound = libdeflate_gzip_compress_bound(w->z, n);
	buf_reset(&w->gz);
	if (buf_grow(&w->gz, bound))
		return GZ_ENOMEM;
	zn = libdeflate_gzip_compress(w->z, data, n, w->gz.data, bound);
	if (zn == 0 || zn >= n) {
		/* Not smaller: no copy (and none left from before). */
		if (unlink(w->path.data) < 0 && errno != ENOENT) {
			file_explain(why, "remove", w->path.data, errno);
			return gz_from_errno(errno);
		}
		return GZ_OK;
	}
	return write_one(o, w, w->path.data, w->gz.data, zn, NULL, why);
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
