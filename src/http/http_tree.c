/*
 * http_tree: the published tree and its generations.  See http_int.h.
 *
 * The tree is a generation folder that SITE_DIR/public points to.  The
 * server holds a folder descriptor of the live generation (struct
 * http_root) and opens every file relative to it with openat2(2) and
 * RESOLVE_BENEATH, so that no path and no symbolic link can lead out of
 * it.  A new generation gets a new root; requests that started on the
 * old one finish on it (roots are reference counted), and the responses
 * cached for it go with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/openat2.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "http_cache.h"
#include "http_int.h"

struct http_tree {
	char *path;
	size_t cache_max;
	atomic_int walk; /* no openat2(2): walk with O_NOFOLLOW */
	pthread_mutex_t lock;
	struct http_root *root; /* NULL while there is no tree */
};

static struct http_root *
root_open(const char *path, size_t cache_max)
{
	struct http_root *r;
	struct stat sb;
	int fd;

	if ((fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)) < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || (r = calloc(1, sizeof *r)) == NULL) {
		close(fd);
		return NULL;
	}
	if ((r->cache = http_cache_new(cache_max)) == NULL) {
		free(r);
		close(fd);
		return NULL;
	}
	atomic_init(&r->refs, 1);
	r->dirfd = fd;
	r->dev = sb.st_dev;
	r->ino = sb.st_ino;
	return r;
}

void
http_root_release(struct http_root *r)
{
	if (r != NULL && atomic_fetch_sub(&r->refs, 1) == 1) {
		http_cache_free(r->cache);
		close(r->dirfd);
		free(r);
	}
}

struct http_root *
http_tree_acquire(struct http_tree *t)
{
	struct http_root *r;

	pthread_mutex_lock(&t->lock);
	if ((r = t->root) != NULL)
		atomic_fetch_add(&r->refs, 1);
	pthread_mutex_unlock(&t->lock);
	return r;
}

struct http_tree *
http_tree_new(const char *root, size_t cache_max, int no_openat2)
{
	struct http_tree *t = calloc(1, sizeof *t);

	if (t == NULL || (t->path = strdup(root)) == NULL) {
		free(t);
		return NULL;
	}
	t->cache_max = cache_max;
	atomic_init(&t->walk, no_openat2 != 0);
	pthread_mutex_init(&t->lock, NULL);
	http_tree_refresh(t);
	return t;
}

void
http_tree_free(struct http_tree *t)
{
	if (t == NULL)
		return;
	http_root_release(t->root);
	pthread_mutex_destroy(&t->lock);
	free(t->path);
	free(t);
}

int
http_tree_refresh(struct http_tree *t)
{
	struct http_root *r, *old;
	struct stat sb;

	/*
	 * stat() follows the link: a new generation is a new folder, so
	 * its inode differs.  This also sees a folder renamed over the
	 * root, for trees published by other means.  When the root is
	 * gone for a moment, the old generation goes on serving.
	 */
	if (stat(t->path, &sb) < 0 || !S_ISDIR(sb.st_mode))
		return 0;
	if (t->root != NULL && t->root->dev == sb.st_dev &&
	    t->root->ino == sb.st_ino)
		return 0;
	if ((r = root_open(t->path, t->cache_max)) == NULL)
		return 0;
	pthread_mutex_lock(&t->lock);
	old = t->root;
	t->root = r;
	pthread_mutex_unlock(&t->lock);
	http_root_release(old);
	return 1;
}

/*
 * The careful walk for kernels without openat2(2): one segment at a
 * time, refusing every symbolic link (O_NOFOLLOW), so it is stricter
 * than RESOLVE_BENEATH (links that stay inside the tree are refused
 * too).  rel comes from http_path_decode(): no "." or ".." segments,
 * no empty ones, but they are refused here again.
 */
static int
walk_open(int dirfd, const char *rel, int flags)
{
	char seg[NAME_MAX + 1];
	const char *p = rel, *slash;
	int cur = dirfd, fd = -1, e;
	size_t n;

	for (;;) {
		slash = strchr(p, '/');
		n = slash ? (size_t)(slash - p) : strlen(p);
		if (n == 0 || n > NAME_MAX ||
		    (p[0] == '.' && (n == 1 || (n == 2 && p[1] == '.')))) {
			errno = EXDEV;
			break;
		}
		memcpy(seg, p, n);
		seg[n] = '\0';
		if (slash == NULL) {
			fd = openat(cur, seg,
			    flags | O_NOFOLLOW | O_CLOEXEC |
			        (flags & O_PATH ? 0 : O_NOCTTY));
			break;
		}
		fd = openat(
		    cur, seg, O_PATH | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
		if (cur != dirfd)
			close(cur);
		cur = dirfd;
		if (fd < 0)
			return -1;
		cur = fd;
		fd = -1;
		p = slash + 1;
	}
	e = errno;
	if (cur != dirfd)
		close(cur);
	errno = e;
	return fd;
}

int
http_tree_open(
    struct http_tree *t, const struct http_root *r, const char *rel, int flags)
{
	struct open_how how;
	int fd;

	if (!atomic_load_explicit(&t->walk, memory_order_relaxed)) {
		memset(&how, 0, sizeof how);
		/* openat2() refuses O_PATH with anything but these. */
		how.flags = (uint64_t)(flags | O_CLOEXEC |
		    (flags & O_PATH ? 0 : O_NOCTTY));
		how.resolve = RESOLVE_BENEATH | RESOLVE_NO_MAGICLINKS;
		fd = (int)syscall(SYS_openat2, r->dirfd, rel, &how, sizeof how);
		/* EPERM: some container sandboxes refuse new calls so. */
		if (fd >= 0 || (errno != ENOSYS && errno != EPERM))
			return fd;
		atomic_store(&t->walk, 1);
	}
	return walk_open(r->dirfd, rel, flags);
}
