/*
 * http_static: answering requests from the published tree (http_tree.c
 * opens its files).  See http_int.h.
 *
 * Small files are answered from ready MHD responses kept in a cache per
 * root (the identity and the gzip copy, all headers added).  Before a
 * cached response is used, one fstatat() of the file compares device,
 * inode, size and modification time, so a file replaced in the live
 * tree by an incremental publish (a rename over it) is seen at once.
 * Files above FILE_CACHE_MAX go out with sendfile() from a descriptor.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "escape.h"
#include "http_cache.h"
#include "http_header.h"
#include "http_int.h"
#include "http_mime.h"
#include "http_path.h"
#include "output.h"

#define FILE_CACHE_MAX (256 * 1024) /* larger files: sendfile */
#define PAGE_404_MAX   (1024 * 1024)

enum { COPY_NONE, COPY_FRESH, COPY_STALE };

/* A file ready to answer: its identity and gzip responses. */
struct entry {
	struct http_cache_item item; /* key: the decoded request path */
	char *rel;                   /* the file, relative to the root */
	dev_t dev;
	ino_t ino;
	off_t size;
	struct timespec mtim;
	int copy; /* the .gz beside it: COPY_* */
	int vary; /* compressible: Vary: Accept-Encoding */
	const char *type, *cache_control;
	struct MHD_Response *resp[2]; /* identity, gzip (NULL: none) */
	uint64_t len[2];
	char etag[2][64];
	char lastmod[HTTP_DATE_SIZE];
};

/* Read up to size bytes of fd into a malloc'd block. */
static int
read_all(int fd, size_t size, char **data, size_t *len)
{
	size_t got = 0;
	ssize_t k;
	char *p;

	if ((p = malloc(size ? size : 1)) == NULL)
		return GZ_ENOMEM;
	while (got < size) {
		k = read(fd, p + got, size - got);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			free(p);
			return GZ_EIO;
		}
		if (k == 0)
			break;
		got += (size_t)k;
	}
	*data = p;
	*len = got;
	return GZ_OK;
}

static int
same_time(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec == b->tv_sec && a->tv_nsec == b->tv_nsec;
}

static int
older(const struct timespec *a, const struct timespec *b)
{
	return a->tv_sec < b->tv_sec ||
	    (a->tv_sec == b->tv_sec && a->tv_nsec < b->tv_nsec);
}

static void
entry_destroy(struct http_cache_item *it)
{
	struct entry *e = (struct entry *)it;

	if (e->resp[0])
		MHD_destroy_response(e->resp[0]);
	if (e->resp[1])
		MHD_destroy_response(e->resp[1]);
	free(e->item.key);
	free(e->rel);
	free(e);
}

/*
 * A response for the file open at fd (size bytes): read into memory
 * when small (fd closed), else sent from the descriptor (which the
 * response then owns).  Sets *len to the body size.
 */
static struct MHD_Response *
file_response(int fd, off_t size, int big, uint64_t *len)
{
	struct MHD_Response *r;
	char *data;
	size_t n;

	if (big) {
		/* MHD wants a blocking descriptor for sendfile(). */
		if (fcntl(fd, F_SETFL, 0) < 0 ||
		    (r = MHD_create_response_from_fd64((uint64_t)size, fd)) ==
		        NULL) {
			close(fd);
			return NULL;
		}
		*len = (uint64_t)size;
		return r;
	}
	if (read_all(fd, (size_t)size, &data, &n)) {
		close(fd);
		return NULL;
	}
	close(fd);
	if ((r = MHD_create_response_from_buffer(
	         n, data, MHD_RESPMEM_MUST_FREE)) == NULL) {
		free(data);
		return NULL;
	}
	*len = n;
	return r;
}

/* The headers of a representation of e; gz for the gzip copy. */
static int
entry_headers(struct entry *e, struct MHD_Response *r, int gz)
{
	if (MHD_add_response_header(r, "Content-Type", e->type) != MHD_YES ||
	    MHD_add_response_header(r, "Cache-Control", e->cache_control) !=
	        MHD_YES ||
	    MHD_add_response_header(r, "ETag", e->etag[gz]) != MHD_YES ||
	    MHD_add_response_header(r, "Last-Modified", e->lastmod) !=
	        MHD_YES ||
	    MHD_add_response_header(r, "Accept-Ranges", "bytes") != MHD_YES ||
	    (e->vary &&
	        MHD_add_response_header(r, "Vary", "Accept-Encoding") !=
	            MHD_YES) ||
	    (gz &&
	        MHD_add_response_header(r, "Content-Encoding", "gzip") !=
	            MHD_YES))
		return GZ_ENOMEM;
	return http_headers_common(r);
}

static void
etag_format(char *out, size_t n, const struct stat *sb)
{
	snprintf(out, n, "\"%llx-%lx-%llx\"", (long long)sb->st_mtim.tv_sec,
	    (long)sb->st_mtim.tv_nsec, (long long)sb->st_size);
}

/* Whether the gzip copy at fd (sb) holds e's current bytes. */
static int
gz_matches(int fd, const struct stat *sb, const struct entry *e)
{
	unsigned char head[2], tail[4];
	uint32_t isize;

	/*
	 * The publisher writes the file, then its copy, each by a rename:
	 * a copy older than the file is the previous version.  The size
	 * in the gzip trailer must be the file's too.
	 */
	if (older(&sb->st_mtim, &e->mtim) || sb->st_size < 18 ||
	    pread(fd, head, 2, 0) != 2 ||
	    pread(fd, tail, 4, sb->st_size - 4) != 4)
		return 0;
	isize = (uint32_t)tail[0] | (uint32_t)tail[1] << 8 |
	    (uint32_t)tail[2] << 16 | (uint32_t)tail[3] << 24;
	return head[0] == 0x1f && head[1] == 0x8b && isize == (uint32_t)e->size;
}

/* Add the gzip copy of e (rel.gz) when there is a good one. */
static int
entry_add_gz(
    struct http_tree *st, struct http_root *root, struct entry *e, int big)
{
	struct buf name = BUF_INIT;
	struct stat sb;
	int fd, rc = GZ_OK;

	buf_puts(&name, e->rel);
	buf_puts(&name, ".gz");
	if (buf_error(&name))
		return GZ_ENOMEM;
	fd = http_tree_open(st, root, name.data, O_RDONLY | O_NONBLOCK);
	buf_free(&name);
	if (fd < 0)
		return GZ_OK;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size >= e->size) {
		close(fd);
		return GZ_OK;
	}
	if (!gz_matches(fd, &sb, e)) {
		e->copy = COPY_STALE;
		close(fd);
		return GZ_OK;
	}
	etag_format(e->etag[1], sizeof e->etag[1], &sb);
	if ((e->resp[1] = file_response(fd, sb.st_size, big, &e->len[1])) ==
	    NULL)
		return GZ_ENOMEM;
	if ((rc = entry_headers(e, e->resp[1], 1)) == GZ_OK)
		e->copy = COPY_FRESH;
	return rc;
}

/*
 * Open rel and make its entry, keyed by the request path.  GZ_ENOTFOUND
 * when there is no such regular file below the root.  big: the
 * responses send from descriptors (the entry is not for the cache).
 */
static int
entry_build(struct http_tree *st, struct http_root *root,
    const struct http_exchange *x, const char *rel, int big, struct entry **out)
{
	struct entry *e;
	struct stat sb;
	int fd, rc;

	*out = NULL;
	if ((fd = http_tree_open(st, root, rel, O_RDONLY | O_NONBLOCK)) < 0)
		return errno == ENOMEM                   ? GZ_ENOMEM
		    : errno == EMFILE || errno == ENFILE ? GZ_EIO
		                                         : GZ_ENOTFOUND;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode)) {
		close(fd);
		return GZ_ENOTFOUND;
	}
	if ((e = calloc(1, sizeof *e)) == NULL) {
		close(fd);
		return GZ_ENOMEM;
	}
	http_cache_item_init(&e->item);
	e->item.destroy = entry_destroy;
	e->item.keylen = x->pathlen;
	if ((e->item.key = strdup(x->path)) == NULL ||
	    (e->rel = strdup(rel)) == NULL) {
		close(fd);
		entry_destroy(&e->item);
		return GZ_ENOMEM;
	}
	e->dev = sb.st_dev;
	e->ino = sb.st_ino;
	e->size = sb.st_size;
	e->mtim = sb.st_mtim;
	e->type = http_mime_type(rel, strlen(rel));
	e->cache_control =
	    http_mime_cache_control(x->path, x->pathlen, e->type);
	e->vary = output_compressible(rel);
	etag_format(e->etag[0], sizeof e->etag[0], &sb);
	http_date_format(sb.st_mtim.tv_sec, e->lastmod);
	if ((e->resp[0] = file_response(fd, sb.st_size, big, &e->len[0])) ==
	        NULL ||
	    (rc = entry_headers(e, e->resp[0], 0)) != GZ_OK ||
	    (e->vary && (rc = entry_add_gz(st, root, e, big)) != GZ_OK)) {
		entry_destroy(&e->item);
		return GZ_ENOMEM;
	}
	e->item.bytes =
	    sizeof *e + e->len[0] + e->len[1] + x->pathlen + strlen(rel) + 1024;
	*out = e;
	return GZ_OK;
}

/* Whether e still describes the file (sb: fstatat of it just now). */
static int
entry_fresh(
    const struct http_root *root, const struct entry *e, const struct stat *sb)
{
	struct buf name = BUF_INIT;
	struct stat gz;
	int fresh;

	if (e->dev != sb->st_dev || e->ino != sb->st_ino ||
	    e->size != sb->st_size || !same_time(&e->mtim, &sb->st_mtim))
		return 0;
	if (e->copy != COPY_STALE)
		return 1;
	/*
	 * The file was newer than its copy: is the new copy there yet?
	 * (Its own buffer: the caller's scratch holds the file's name.)
	 */
	buf_puts(&name, e->rel);
	buf_puts(&name, ".gz");
	fresh = buf_error(&name) == GZ_OK &&
	    (fstatat(root->dirfd, name.data, &gz, 0) < 0 ||
	        older(&gz.st_mtim, &e->mtim));
	buf_free(&name);
	return fresh;
}

static const char *
header(const struct http_exchange *x, const char *name)
{
	return MHD_lookup_connection_value(x->mc, MHD_HEADER_KIND, name);
}

/* If-Range: whether the Range header may be honoured. */
static int
if_range_ok(const struct http_exchange *x, const struct entry *e)
{
	const char *v = header(x, "If-Range");
	time_t t;

	if (v == NULL)
		return 1;
	if (v[0] == '"')
		return strcmp(v, e->etag[0]) == 0;
	return http_date_parse(v, &t) == 0 && t == e->mtim.tv_sec;
}

/* 206 for bytes first..first+len-1 of the identity file. */
static enum MHD_Result
serve_range(struct http_tree *st, struct http_root *root,
    struct http_exchange *x, const struct entry *e, uint64_t first,
    uint64_t len)
{
	struct MHD_Response *r;
	enum MHD_Result rc;
	struct stat sb;
	char cr[96];
	int fd;

	fd = http_tree_open(st, root, e->rel, O_RDONLY | O_NONBLOCK);
	if (fd < 0)
		return http_static_not_found(st, x);
	if (fstat(fd, &sb) < 0 || sb.st_ino != e->ino ||
	    sb.st_size != e->size || fcntl(fd, F_SETFL, 0) < 0) {
		/* Replaced just now: the whole new file is the answer. */
		close(fd);
		return http_queue(x, 200, e->resp[0], e->len[0]);
	}
	if ((r = MHD_create_response_from_fd_at_offset64(len, fd, first)) ==
	    NULL) {
		close(fd);
		return MHD_NO;
	}
	snprintf(cr, sizeof cr, "bytes %llu-%llu/%llu",
	    (unsigned long long)first, (unsigned long long)(first + len - 1),
	    (unsigned long long)e->size);
	if (MHD_add_response_header(r, "Content-Range", cr) != MHD_YES ||
	    entry_headers((struct entry *)e, r, 0) != GZ_OK) {
		MHD_destroy_response(r);
		return MHD_NO;
	}
	rc = http_queue(x, 206, r, len);
	MHD_destroy_response(r);
	return rc;
}

/* 416 with the size the client should have asked within. */
static enum MHD_Result
serve_unsatisfiable(struct http_exchange *x, const struct entry *e)
{
	struct MHD_Response *r;
	enum MHD_Result rc;
	char cr[48];

	snprintf(cr, sizeof cr, "bytes */%llu", (unsigned long long)e->size);
	r = MHD_create_response_from_buffer(
	    0, (void *)"", MHD_RESPMEM_PERSISTENT);
	if (r == NULL)
		return MHD_NO;
	if (MHD_add_response_header(r, "Content-Range", cr) != MHD_YES ||
	    MHD_add_response_header(r, "Cache-Control", "no-store") !=
	        MHD_YES ||
	    http_headers_common(r)) {
		MHD_destroy_response(r);
		return MHD_NO;
	}
	rc = http_queue(x, 416, r, 0);
	MHD_destroy_response(r);
	return rc;
}

/* Answer x from the entry: 304, 206, 416 or 200, identity or gzip. */
static enum MHD_Result
entry_answer(struct http_tree *st, struct http_root *root,
    struct http_exchange *x, const struct entry *e)
{
	const char *inm, *ims, *range;
	uint64_t first, len;
	time_t t;
	int v;

	v = e->resp[1] != NULL &&
	    http_accepts_gzip(header(x, "Accept-Encoding"));
	/* A 304 reuses the 200 response: MHD sends its headers, with the
	 * Content-Length a 200 would have, and no body. */
	if ((inm = header(x, "If-None-Match")) != NULL) {
		if (http_etag_match(inm, e->etag[v]))
			return http_queue(x, 304, e->resp[v], 0);
	} else if ((ims = header(x, "If-Modified-Since")) != NULL &&
	    http_date_parse(ims, &t) == 0 && e->mtim.tv_sec <= t) {
		return http_queue(x, 304, e->resp[v], 0);
	}
	/* Ranges are of the identity: the copy is not seekable content. */
	if (!x->head && (range = header(x, "Range")) != NULL &&
	    if_range_ok(x, e)) {
		switch (
		    http_range_parse(range, (uint64_t)e->size, &first, &len)) {
		case HTTP_RANGE_OK:
			return serve_range(st, root, x, e, first, len);
		case HTTP_RANGE_UNSATISFIABLE: return serve_unsatisfiable(x, e);
		case HTTP_RANGE_NONE: break;
		}
	}
	return http_queue(x, 200, e->resp[v], e->len[v]);
}

/* 301 from /dir to /dir/ (the query kept when it is plain ASCII). */
static enum MHD_Result
serve_redirect(struct http_tree *st, struct http_root *root,
    struct http_exchange *x, const char *rel)
{
	struct buf loc = BUF_INIT;
	const char *p, *seg;
	enum MHD_Result rc;
	size_t i;
	int fd;

	/* Only a folder below the root: not a link out of it. */
	if ((fd = http_tree_open(st, root, rel, O_PATH | O_DIRECTORY)) < 0)
		return http_static_not_found(st, x);
	close(fd);
	for (p = x->path; *p == '/';) {
		seg = ++p;
		while (*p && *p != '/')
			p++;
		buf_putc(&loc, '/');
		escape_url(&loc, seg, (size_t)(p - seg));
	}
	buf_putc(&loc, '/');
	if (x->query != NULL && x->querylen > 0) {
		for (i = 0; i < x->querylen; i++)
			if (x->query[i] <= 0x20 || x->query[i] >= 0x7f)
				break;
		if (i == x->querylen) {
			buf_putc(&loc, '?');
			buf_put(&loc, x->query, x->querylen);
		}
	}
	if (buf_error(&loc)) {
		buf_free(&loc);
		return MHD_NO;
	}
	rc = http_respond_text(
	    x, 301, "Moved Permanently\n", "Location", loc.data);
	buf_free(&loc);
	return rc;
}

/* Serve the regular file rel (sb: its fstatat()) for x. */
static enum MHD_Result
serve_file(struct http_tree *st, struct http_root *root,
    struct http_exchange *x, const char *rel, const struct stat *sb)
{
	struct http_cache_item *it;
	struct entry *e = NULL;
	enum MHD_Result mr;
	int big = sb->st_size > FILE_CACHE_MAX, rc;

	if (!big &&
	    (it = http_cache_get(root->cache, x->path, x->pathlen)) != NULL) {
		e = (struct entry *)it;
		if (!entry_fresh(root, e, sb)) {
			http_cache_remove(root->cache, it);
			http_cache_release(it);
			e = NULL;
		}
	}
	if (e == NULL) {
		if ((rc = entry_build(st, root, x, rel, big, &e)) ==
		    GZ_ENOTFOUND)
			return http_static_not_found(st, x);
		if (rc)
			return http_respond_text(x, 503,
			    "The server is busy; try again in a moment.\n",
			    "Retry-After", "1");
		if (!big)
			http_cache_put(root->cache, &e->item);
	}
	mr = entry_answer(st, root, x, e);
	http_cache_release(&e->item);
	return mr;
}

/* What x->path names in root, into x->scratch (relative) and *sb: 1 a
 * file to serve, or a folder to redirect to with its slash; 0 nothing
 * to serve; -1 out of memory. */
static int
lookup(struct http_root *root, struct http_exchange *x, struct stat *sb)
{
	struct buf *rel = x->scratch;

	buf_reset(rel);
	buf_put(rel, x->path + 1, x->pathlen - 1);
	if (x->path[x->pathlen - 1] == '/')
		buf_puts(rel, "index.html");
	if (buf_error(rel))
		return -1;
	return fstatat(root->dirfd, rel->data, sb, 0) == 0 &&
	    (S_ISREG(sb->st_mode) || (S_ISDIR(sb->st_mode) &&
	    x->path[x->pathlen - 1] != '/'));
}

int
http_static_exists(struct http_tree *st, struct http_exchange *x)
{
	struct http_root *root;
	struct stat sb;
	int k;

	if (http_path_hidden(x->path, x->pathlen) ||
	    (root = http_tree_acquire(st)) == NULL)
		return 0;
	k = lookup(root, x, &sb);
	http_root_release(root);
	return k == 1;
}

enum MHD_Result
http_static_serve(struct http_tree *st, struct http_exchange *x)
{
	struct http_root *root;
	enum MHD_Result rc;
	struct stat sb;
	int k;

	if (http_path_hidden(x->path, x->pathlen) ||
	    (root = http_tree_acquire(st)) == NULL)
		return http_static_not_found(st, x);
	if ((k = lookup(root, x, &sb)) != 1) {
		http_root_release(root);
		return k < 0 ? MHD_NO : http_static_not_found(st, x);
	}
	if (S_ISDIR(sb.st_mode))
		rc = serve_redirect(st, root, x, x->scratch->data);
	else
		rc = serve_file(st, root, x, x->scratch->data, &sb);
	http_root_release(root);
	return rc;
}

/* The 404 page at rel, or NULL. */
static struct MHD_Response *
page_404(struct http_tree *st, struct http_root *root, const char *rel,
    uint64_t *len)
{
	struct MHD_Response *r;
	struct stat sb;
	int fd;

	if ((fd = http_tree_open(st, root, rel, O_RDONLY | O_NONBLOCK)) < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) ||
	    sb.st_size > PAGE_404_MAX) {
		close(fd);
		return NULL;
	}
	if ((r = file_response(fd, sb.st_size, 0, len)) == NULL)
		return NULL;
	if (MHD_add_response_header(
	        r, "Content-Type", "text/html; charset=utf-8") != MHD_YES ||
	    MHD_add_response_header(r, "Cache-Control", "no-cache") !=
	        MHD_YES ||
	    http_headers_common(r)) {
		MHD_destroy_response(r);
		return NULL;
	}
	return r;
}

enum MHD_Result
http_static_not_found(struct http_tree *st, struct http_exchange *x)
{
	struct MHD_Response *r = NULL;
	struct http_root *root;
	struct buf rel = BUF_INIT;
	enum MHD_Result rc;
	uint64_t len = 0;
	size_t n;

	if ((root = http_tree_acquire(st)) != NULL) {
		/* The folder of the path, then each one above it. */
		for (n = x->pathlen; n > 0 && x->path[n - 1] != '/'; n--)
			;
		while (n > 0 && r == NULL) {
			if (!http_path_hidden(x->path, n)) {
				buf_reset(&rel);
				buf_put(&rel, x->path + 1, n - 1);
				buf_puts(&rel, "404.html");
				if (buf_error(&rel))
					break;
				r = page_404(st, root, rel.data, &len);
			}
			for (n--; n > 0 && x->path[n - 1] != '/'; n--)
				;
		}
		http_root_release(root);
	}
	buf_free(&rel);
	if (r == NULL)
		return http_respond_text(x, 404, "404 Not Found\n", NULL, NULL);
	rc = http_queue(x, 404, r, len);
	MHD_destroy_response(r);
	return rc;
}
