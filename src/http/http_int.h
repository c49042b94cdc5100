/*
 * http_int: what the files of src/http share and nobody else needs: one
 * exchange (a request and its answer) as the server and the static file
 * code see it, and the helpers that build and queue responses.
 */
#ifndef GZ_HTTP_INT_H
#define GZ_HTTP_INT_H

#include <microhttpd.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "buf.h"
#include "http.h"

/* One request being answered. */
struct http_exchange {
	struct MHD_Connection *mc;
	const char *path; /* decoded (http_path_decode()), NUL-terminated */
	size_t pathlen;
	const char *query; /* raw, NULL when the target had no '?' */
	size_t querylen;
	int head;            /* HEAD: MHD sends the headers only */
	struct buf *scratch; /* the connection's, for file names */
	unsigned status;     /* what was queued, for the access log */
	uint64_t bytes;      /* body bytes queued (0 for HEAD, 304) */
};

/* The server's part of a struct http_request. */
struct http_request_priv {
	struct buf *args; /* the connection's, for http_form_decode() */
	int args_parsed;
};

/* Add the headers every response carries (CSP, nosniff, ...). */
int http_headers_common(struct MHD_Response *r);

/*
 * Queue r with status on x's connection and note status and body size
 * for the log.  The caller still owns its reference to r.
 */
enum MHD_Result http_queue(struct http_exchange *x, unsigned status,
    struct MHD_Response *r, uint64_t body);

/*
 * Answer status with a short plain text body (copied), the common
 * headers, Cache-Control: no-store, and one more header when name is
 * not NULL (Allow for 405, Location for redirects, ...).
 */
enum MHD_Result http_respond_text(struct http_exchange *x, unsigned status,
    const char *text, const char *name, const char *value);

/* Free what a handler left in rep and make it empty again. */
void http_reply_clear(struct http_reply *rep);

/* One generation of the published tree (http_tree.c). */
struct http_root {
	atomic_int refs;
	int dirfd; /* the generation's folder */
	dev_t dev;
	ino_t ino;
	struct http_cache *cache; /* ready responses of its files */
};

/* The published tree: the folder whose generations are served. */
struct http_tree;

/*
 * Serve the tree at root (a folder or a symbolic link to one), keeping
 * up to cache_max bytes of ready responses per generation.  NULL when
 * out of memory.  The tree need not exist yet: until it does there is
 * no root and every file is 404.
 */
struct http_tree *http_tree_new(
    const char *root, size_t cache_max, int no_openat2);
void http_tree_free(struct http_tree *t);
/*
 * Open root again if it now names another folder (a new generation);
 * returns 1 when it did.  Called by one thread (the server's tick).
 */
int http_tree_refresh(struct http_tree *t);
/* The live generation with a reference (http_root_release()), or NULL. */
struct http_root *http_tree_acquire(struct http_tree *t);
/* Give back a reference; the last one closes the generation. */
void http_root_release(struct http_root *r);
/*
 * Open rel (relative, from http_path_decode()) below r's folder with
 * open(2) flags, never outside it: openat2(2) with RESOLVE_BENEATH, or
 * where that is missing a walk that follows no symbolic link at all.
 * A descriptor, or -1 with errno set.
 */
int http_tree_open(
    struct http_tree *t, const struct http_root *r, const char *rel, int flags);

/* Answer a GET or HEAD of x->path from the tree (http_static.c). */
enum MHD_Result http_static_serve(struct http_tree *t, struct http_exchange *x);
/* Whether the served tree has what http_static_serve() would answer at
 * x->path with a file or a redirect. */
int http_static_exists(struct http_tree *t, struct http_exchange *x);
/* Answer 404 with the theme's 404 page nearest x->path. */
enum MHD_Result http_static_not_found(
    struct http_tree *t, struct http_exchange *x);

#endif
