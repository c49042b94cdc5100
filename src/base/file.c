/*
 * file: whole-file reads, atomic writes, mkdir -p.  See file.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "file.h"

void
file_explain(struct buf *why, const char *what, const char *path, int errnum)
{
	const char *hint = "";

	if (why == NULL)
		return;
	switch (errnum) {
	case ENOSPC:
	case EDQUOT:
		hint = "; free some space or choose another folder";
		break;
	case EROFS:
		hint = "; the file system is read-only, choose another folder";
		break;
	case EACCES:
	case EPERM:
		hint = "; check its permissions or choose another folder";
		break;
	case ENOENT:
		hint = "; check the path";
		break;
	}
	buf_printf(why, "%s: cannot %s: %s%s", path, what, strerror(errnum),
	    hint);
}

int
file_read(const char *path, size_t max, struct buf *out, struct buf *why)
{
	struct stat st;
	size_t off = 0;
	int fd, e;

	buf_reset(out);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		e = errno;
		file_explain(why, "open", path, e);
		return gz_from_errno(e);
	}
	if (fstat(fd, &st) < 0) {
		e = errno;
		file_explain(why, "stat", path, e);
		close(fd);
		return gz_from_errno(e);
	}
	if (!S_ISREG(st.st_mode)) {
		if (why)
			buf_printf(why, "%s: not a regular file", path);
		close(fd);
		return GZ_EINVAL;
	}
	if (max && (size_t)st.st_size > max) {
		if (why)
			buf_printf(why, "%s: file is %.1f MB, more than the "
			    "%.1f MB allowed; split it or raise the limit",
			    path, (double)st.st_size / 1e6, (double)max / 1e6);
		close(fd);
		return GZ_ETOOBIG;
	}
	if (buf_grow(out, (size_t)st.st_size)) {
		close(fd);
		return GZ_ENOMEM;
	}
	for (;;) {
		ssize_t n;
		if (out->cap - out->len - 1 == 0) {
			if (max && out->len >= max) {
				if (why)
					buf_printf(why, "%s: file grew past "
					    "the %.1f MB allowed while being "
					    "read", path, (double)max / 1e6);
				close(fd);
				return GZ_ETOOBIG;
			}
			if (buf_grow(out, 4096)) {
				close(fd);
				return GZ_ENOMEM;
			}
		}
		n = read(fd, out->data + off, out->cap - off - 1);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			file_explain(why, "read", path, e);
			close(fd);
			return gz_from_errno(e);
		}
		if (n == 0)
			break;
		off += (size_t)n;
		out->len = off;
	}
	out->data[out->len] = '\0';
	close(fd);
	return GZ_OK;
}

int
file_write_atomic(const char *path, const void *data, size_t len, int flags,
    struct buf *why)
{
	struct buf tmp = BUF_INIT;
	const char *p = data;
	int fd, e = 0, rc;

	buf_printf(&tmp, "%s.tmp.XXXXXX", path);
	if (buf_error(&tmp))
		return GZ_ENOMEM;
	if ((fd = mkstemp(tmp.data)) < 0) {
		e = errno;
		file_explain(why, "create a file beside", path, e);
		buf_free(&tmp);
		return gz_from_errno(e);
	}
	while (len > 0) {
		ssize_t n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			e = errno;
			break;
		}
		p += n;
		len -= (size_t)n;
	}
	if (e == 0 && fchmod(fd, 0644) < 0)
		e = errno;
	if (e == 0 && (flags & FILE_SYNC) && fsync(fd) < 0)
		e = errno;
	if (close(fd) < 0 && e == 0)
		e = errno;
	if (e == 0 && rename(tmp.data, path) < 0)
		e = errno;
	if (e) {
		unlink(tmp.data);
		file_explain(why, "write", path, e);
		buf_free(&tmp);
		return gz_from_errno(e);
	}
	rc = GZ_OK;
	if (flags & FILE_SYNC) {
		char *slash = strrchr(tmp.data, '/');
		int dfd;
		if (slash == tmp.data)
			slash[1] = '\0';
		else if (slash)
			*slash = '\0';
		else
			strcpy(tmp.data, ".");
		if ((dfd = open(tmp.data, O_RDONLY | O_DIRECTORY)) >= 0) {
			fsync(dfd);
			close(dfd);
		}
	}
	buf_free(&tmp);
	return rc;
}

int
file_mkdirs(const char *path, struct buf *why)
{
	struct buf p = BUF_INIT;
	size_t i;
	int e = 0;

	buf_puts(&p, path);
	if (buf_error(&p))
		return GZ_ENOMEM;
	for (i = 1; i <= p.len && e == 0; i++) {
		if (i < p.len && p.data[i] != '/')
			continue;
		p.data[i] = '\0';
		if (mkdir(p.data, 0755) < 0 && errno != EEXIST)
			e = errno;
		if (i < p.len)
			p.data[i] = '/';
	}
	if (e == 0) {
		struct stat st;
		if (stat(path, &st) < 0)
			e = errno;
		else if (!S_ISDIR(st.st_mode))
			e = ENOTDIR;
	}
	buf_free(&p);
	if (e) {
		file_explain(why, "create folder", path, e);
		return gz_from_errno(e);
	}
	return GZ_OK;
}

int
file_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}
