/*
 * http: Gazette's HTTP server (libmicrohttpd underneath): the published
 * tree as static files, and routes for what cannot be static (search,
 * visit counts, later the admin).
 *
 * Life of a server:
 *
 *	struct http_server_opts o = {.root = "site/public", ...};
 *	s = http_server_new(&o, &why);
 *	http_server_route(s, "/api/search", 0, search_fn, search_state);
 *	http_server_on_stop(s, close_index, index);
 *	http_server_start(s, &why);     (threads run from here on)
 *	... every ~200 ms: http_server_tick(s); on SIGHUP:
 *	    http_server_reopen_log(s, &why) ...
 *	http_server_stop(s, 10.0);      (drain, hooks, flush)
 *	http_server_free(s);
 *
 * Routes and hooks are registered before http_server_start() and never
 * change afterwards, so handlers read them without locks.
 *
 * Every request is decoded by http_path_decode() first (http_path.h):
 * a handler never sees "..", an encoded slash, a NUL or bad UTF-8 in
 * req->path.  Routes are matched before static files.  Every answer,
 * routed or static, carries the security headers (Content-Security-
 * Policy and friends) and gets one line in the access log.
 *
 * Threads: handlers run on the server's connection threads, several at
 * once.  A handler that finds its work would be slow (milliseconds: a
 * search that misses the answer cache) returns GZ_EAGAIN, and is called
 * again on one of the slow-work threads (http_work.h), so that it never
 * holds up the other connections of its thread; when too many slow
 * requests wait, one more is answered 503 with Retry-After.
 */
#ifndef GZ_HTTP_H
#define GZ_HTTP_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct MHD_Connection;
struct http_server;
struct http_request_priv;

/* Defaults of struct http_server_opts. */
#define HTTP_LISTEN_DEFAULT    "127.0.0.1:8080"
#define HTTP_BODY_MAX_DEFAULT  (1024 * 1024)
#define HTTP_UPLOAD_MAX_DEFAULT (64 * 1024 * 1024)
#define HTTP_CACHE_MAX_DEFAULT (64 * 1024 * 1024)

struct http_server_opts {
	const char *root;       /* folder to serve, e.g. SITE_DIR/public;
	                           when it is a symbolic link, a new target
	                           is picked up by http_server_tick() */
	const char *listen;     /* "ADDR:PORT", "[ADDR6]:PORT"; NULL for
	                           HTTP_LISTEN_DEFAULT; port 0 picks one */
	int threads;            /* connection threads; 0: one per CPU */
	int slow_threads;       /* slow-work threads; 0: one per CPU */
	const char *access_log; /* file, "-" for standard output, NULL for
	                           none */
	size_t body_max;        /* largest request body; 0: default */
	size_t upload_max;      /* largest body of an HTTP_ROUTE_UPLOAD
	                           route; 0: HTTP_UPLOAD_MAX_DEFAULT */
	size_t cache_max;       /* bytes of ready responses kept in memory;
	                           0: default */
	int no_openat2;         /* resolve paths by the O_NOFOLLOW walk even
	                           where openat2(2) exists (tests) */
};

/*
 * One request as a handler sees it.  Every pointer is valid until the
 * handler returns, not after.
 */
struct http_request {
	const char *method; /* "GET", "POST", ... */
	const char *path;   /* decoded, starts with '/', never has
	                       "." or ".." segments (http_path.h) */
	size_t path_len;
	const char *query; /* raw, after '?', not decoded; "" if none */
	size_t query_len;
	const char *client_addr; /* "127.0.0.1", "::1" */
	const char *body;        /* the request body, NUL-terminated (the
	                            NUL is not counted); "" when none */
	size_t body_len;
	struct MHD_Connection *conn;    /* for what this API does not cover
	                                   (MHD's GET arguments are NOT
	                                   decoded: use http_request_arg()) */
	struct http_request_priv *priv; /* the server's */
	int slow; /* on a slow-work thread: answer, never GZ_EAGAIN */
};

/* Headers a handler may add; more than this is refused. */
#define HTTP_REPLY_HEADERS 8

/*
 * What a handler answers.  The server sets status 200, body empty,
 * content_type NULL and no headers before calling the handler.
 */
struct http_reply {
	int status;                /* HTTP status */
	const char *content_type;  /* NULL: "text/plain; charset=utf-8";
	                              must outlive the handler (a literal) */
	const char *cache_control; /* NULL: "no-store"; a literal */
	struct buf body;           /* the body; the server frees it */
	int not_found_page;        /* set by http_reply_not_found() */
	size_t nheaders;
	struct {
		char *name, *value;
	} headers[HTTP_REPLY_HEADERS]; /* copies, freed by the server */
};

/*
 * A route handler.  Return GZ_OK to send *rep; GZ_EAGAIN (when
 * !req->slow) to be called again on a slow-work thread, rep discarded;
 * any other gz_err answers 500 (and is reported on standard error with the path), whatever rep
 * holds.  arg is the pointer given to http_server_route().
 */
typedef int (*http_handler)(
    void *arg, const struct http_request *req, struct http_reply *rep);

/*
 * A new server for o (copied; the strings must outlive the server).
 * Nothing listens until http_server_start().  The caller owns the
 * server (http_server_free()).  NULL on error, with a message in why.
 */
struct http_server *http_server_new(
    const struct http_server_opts *o, struct buf *why);

/*
 * Answer requests for path with fn(arg, ...): exactly that path, or,
 * with HTTP_ROUTE_PREFIX in flags, every path that starts with it
 * ("/api/" matches "/api/visit").  The longest matching route wins; routes win over
 * static files.  Any method reaches the handler, which answers 405
 * itself for the ones it does not take.  Bodies (POST, PUT, ...) are
 * read whole before the handler is called; a body larger than
 * body_max (upload_max for HTTP_ROUTE_UPLOAD) is answered 413 without
 * calling it.  Before
 * http_server_start() only; path is copied.  GZ_OK, GZ_EINVAL (not
 * starting with '/', or the server started) or GZ_ENOMEM.
 */
int http_server_route(struct http_server *s, const char *path, int flags,
    http_handler fn, void *arg);
#define HTTP_ROUTE_PREFIX 1
/* The route takes uploads: bodies up to upload_max, not body_max. */
#define HTTP_ROUTE_UPLOAD 2
/* The route answers GET and HEAD requests for files the served tree
 * does not have (instead of the 404 page): the tree is looked in
 * first. */
#define HTTP_ROUTE_FALLBACK 4

/*
 * Call fn(arg) when the server stops, after the requests in flight are
 * finished and no handler can run any more; hooks run in the reverse
 * order of registration (the last registered first), before the access
 * log is flushed.  Run by http_server_stop(), or by http_server_free()
 * for a server that was never started or stopped (a failed start).
 * Before http_server_start() only.
 */
int http_server_on_stop(struct http_server *s, void (*fn)(void *), void *arg);

/*
 * Call fn(arg) from http_server_tick() (every ~200 ms, on the thread
 * that ticks, never on a worker): periodic work of the routes, such as
 * writing counted visits; fn keeps its own slower pace if it needs one.
 * Before http_server_start() only.
 */
int http_server_on_tick(struct http_server *s, void (*fn)(void *), void *arg);

/*
 * Listen and start the worker threads.  Block the signals the caller
 * wants to sigwait() for before this: the threads inherit the mask.
 * GZ_OK, or an error with a message in why (address in use, ...).
 */
int http_server_start(struct http_server *s, struct buf *why);

/* The address listened on, "ADDR:PORT" with the real port ("[::1]:80"
 * for IPv6), once started; owned by s. */
const char *http_server_address(const struct http_server *s);

/*
 * Housekeeping, to be called every ~200 ms from the thread that owns
 * the server: picks up a new generation of the published tree (the
 * root symbolic link points elsewhere: later requests use it and the
 * cached responses of the old one are dropped) and writes out the
 * gathered access log lines; then runs the tick hooks.
 */
void http_server_tick(struct http_server *s);

/* Reopen the access log (SIGHUP, after logrotate moved it). */
int http_server_reopen_log(struct http_server *s, struct buf *why);

/*
 * Stop: accept no new connections, wait up to timeout seconds for the
 * requests in flight to finish, close every connection, run the stop
 * hooks, flush the access log.  Returns GZ_OK, or GZ_EBUSY when some
 * requests were still running at the timeout (they were cut).
 */
int http_server_stop(struct http_server *s, double timeout);

/* Free the server, stopping it first if it runs (and running the stop
 * hooks that have not run); NULL is ignored. */
void http_server_free(struct http_server *s);

/*
 * The decoded value of the argument name: from the query, then from the
 * body when it is application/x-www-form-urlencoded; the first of that
 * name.  NULL when absent.  Valid until the handler returns.
 */
const char *http_request_arg(const struct http_request *req, const char *name);
/* The value of name after prev (a value http_request_arg() or this gave),
 * for arguments given more than once (a <select multiple>); NULL after
 * the last. */
const char *http_request_arg_next(const struct http_request *req,
    const char *name, const char *prev);

/* Whether every argument (query and form body, decoded) is valid UTF-8:
 * a handler that stores text refuses the request otherwise. */
int http_request_args_utf8(const struct http_request *req);

/* The value of the request header name (any case), or NULL. */
const char *http_request_header(
    const struct http_request *req, const char *name);

/* The value of the cookie name, or NULL. */
const char *http_request_cookie(
    const struct http_request *req, const char *name);

/*
 * Add a header to the reply (copied).  Content-Type and Cache-Control
 * have their own fields; the security headers are always there.
 * GZ_EINVAL for a name or value with CR, LF or NUL, an empty name, or
 * more than HTTP_REPLY_HEADERS; GZ_ENOMEM.
 */
int http_reply_header(
    struct http_reply *rep, const char *name, const char *value);

/*
 * Answer 404 with the theme's 404 page, the one nearest the request's
 * path (as for a missing file), instead of the reply's body.
 */
void http_reply_not_found(struct http_reply *rep);

#endif
