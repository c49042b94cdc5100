/*
 * http_server_int: the server, its routes and its connections, as
 * http_server.c (the daemon and the life of a request) and http_route.c
 * (routes and their answers) share them.
 */
#ifndef GZ_HTTP_SERVER_INT_H
#define GZ_HTTP_SERVER_INT_H

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdatomic.h>
#include <sys/socket.h>

#include "http_int.h"

/* Slow requests waiting for a slow-work thread; more are answered 503. */
#define SLOW_QUEUE_MAX 256

struct route {
	char *path;
	size_t len;
	int flags; /* HTTP_ROUTE_* */
	http_handler fn;
	void *arg;
};

struct hook {
	void (*fn)(void *);
	void *arg;
};

struct http_server {
	struct http_server_opts o;
	struct MHD_Daemon *d;
	struct http_work *work; /* runs the slow routes */
	struct http_tree *tree;
	struct http_log *log;
	struct route *routes;
	size_t nroutes;
	struct hook *hooks; /* on stop */
	size_t nhooks;
	struct hook *ticks; /* on tick */
	size_t nticks;
	struct sockaddr_storage addr;
	int v6;
	int started;
	char address[INET6_ADDRSTRLEN + 16];
	atomic_int inflight; /* requests between request line and sent */
};

enum conn_state {
	REQ_IDLE,    /* between requests */
	REQ_LINE,    /* the request line is read (uri_log) */
	REQ_BODY,    /* headers seen: reading the body, if any */
	REQ_SLOW,    /* suspended, a slow-work thread has it */
	REQ_READY,   /* resumed, the reply is in rep */
	REQ_ANSWERED /* a response is queued */
};

/* One TCP connection and the request on it. */
struct http_conn {
	struct http_server *s;
	char addr[INET6_ADDRSTRLEN];
	enum conn_state state;
	struct buf target;  /* the raw request-target */
	struct buf path;    /* decoded */
	struct buf scratch; /* file names */
	struct buf body;
	struct buf args; /* decoded arguments, http_form_decode() */
	struct buf line; /* the log line */
	char method[16];
	char version[16];
	const struct route *route;
	int body_too_big;
	struct http_exchange x;
	struct http_reply rep; /* a slow route's, until it is queued */
	int rc;                /* its handler's result */
};

/* The route for a decoded path: exact first, else the longest prefix. */
const struct route *route_find(const struct http_server *s, const char *p,
    size_t n, int fallback);
/* Answer c's request with its route (the last access call). */
enum MHD_Result route_call(struct http_conn *c);
/* Queue what a handler answered (rc, rep) and clear rep. */
enum MHD_Result route_answer(struct http_conn *c, int rc,
    struct http_reply *rep);
/* Run a suspended connection's handler (a slow-work job). */
void route_slow_run(void *job);

#endif
