/*
 * http_route: routes, and answering a request with one: the handler
 * called on the connection's thread, or again on a slow-work thread
 * when it answers GZ_EAGAIN (the connection suspended meanwhile), and
 * its reply turned into an MHD response.  See http.h for the contract.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "http_int.h"
#include "http_server_int.h"
#include "http_work.h"

int
http_server_route(struct http_server *s, const char *path, int flags,
    http_handler fn, void *arg)
{
	struct route *r;

	if (s->started || path == NULL || path[0] != '/' || fn == NULL)
		return GZ_EINVAL;
	r = realloc(s->routes, (s->nroutes + 1) * sizeof *r);
	if (r == NULL)
		return GZ_ENOMEM;
	s->routes = r;
	r += s->nroutes;
	if ((r->path = strdup(path)) == NULL)
		return GZ_ENOMEM;
	r->len = strlen(path);
	r->flags = flags;
	r->fn = fn;
	r->arg = arg;
	s->nroutes++;
	return GZ_OK;
}

/* The route for a decoded path: exact first, else the longest prefix;
 * of the fallback routes when fallback is set, else of the others. */
const struct route *
route_find(const struct http_server *s, const char *p, size_t n,
    int fallback)
{
	const struct route *best = NULL, *r;
	size_t i;

	for (i = 0; i < s->nroutes; i++) {
		r = &s->routes[i];
		if (!(r->flags & HTTP_ROUTE_FALLBACK) != !fallback)
			continue;
		if (!(r->flags & HTTP_ROUTE_PREFIX)) {
			if (n == r->len && memcmp(p, r->path, n) == 0)
				return r;
		} else if (n >= r->len && memcmp(p, r->path, r->len) == 0 &&
		    (best == NULL || r->len > best->len)) {
			best = r;
		}
	}
	return best;
}

static enum MHD_Result
reply_send(struct http_conn *c, struct http_reply *rep)
{
	struct MHD_Response *r;
	enum MHD_Result rc;
	size_t n, i;
	char *data;

	if (rep->not_found_page)
		return http_static_not_found(c->s->tree, &c->x);
	if (rep->status < 100 || rep->status > 999 || buf_error(&rep->body) ||
	    (data = buf_detach(&rep->body, &n)) == NULL)
		return http_respond_text(
		    &c->x, 500, "500 Internal Server Error\n", NULL, NULL);
	if ((r = MHD_create_response_from_buffer(
	         n, data, MHD_RESPMEM_MUST_FREE)) == NULL) {
		free(data);
		return MHD_NO;
	}
	if (MHD_add_response_header(r, "Content-Type",
	        rep->content_type ? rep->content_type
	                          : "text/plain; charset=utf-8") != MHD_YES ||
	    MHD_add_response_header(r, "Cache-Control",
	        rep->cache_control ? rep->cache_control : "no-store") !=
	        MHD_YES ||
	    http_headers_common(r)) {
		MHD_destroy_response(r);
		return MHD_NO;
	}
	for (i = 0; i < rep->nheaders; i++)
		if (MHD_add_response_header(r, rep->headers[i].name,
		        rep->headers[i].value) != MHD_YES) {
			MHD_destroy_response(r);
			return MHD_NO;
		}
	rc = http_queue(&c->x, (unsigned)rep->status, r, n);
	MHD_destroy_response(r);
	return rc;
}

/* Run c's handler into rep (slow: on a slow-work thread); its result. */
static int
route_run(struct http_conn *c, struct http_reply *rep, int slow)
{
	struct http_request_priv priv = {&c->args, 0};
	struct http_request req;

	memset(&req, 0, sizeof req);
	req.method = c->method;
	req.path = c->x.path;
	req.path_len = c->x.pathlen;
	req.query = c->x.query ? c->x.query : "";
	req.query_len = c->x.querylen;
	req.client_addr = c->addr;
	req.body = c->body.data ? c->body.data : "";
	req.body_len = c->body.len;
	req.conn = c->x.mc;
	req.priv = &priv;
	req.slow = slow;
	memset(rep, 0, sizeof *rep);
	rep->status = 200;
	return c->route->fn(c->route->arg, &req, rep);
}

/* Queue what the handler answered (rc, rep) and clear rep. */
enum MHD_Result
route_answer(struct http_conn *c, int rc, struct http_reply *rep)
{
	enum MHD_Result mr;

	if (rc != GZ_OK) {
		fprintf(stderr, "gazette: %s %s: the handler failed: %s\n",
		    c->method, c->x.path, gz_strerror(rc));
		mr = http_respond_text(
		    &c->x, 500, "500 Internal Server Error\n", NULL, NULL);
	} else {
		mr = reply_send(c, rep);
	}
	http_reply_clear(rep);
	return mr;
}

/* On a slow-work thread: run the handler of a suspended connection. */
void
route_slow_run(void *job)
{
	struct http_conn *c = job;

	c->rc = route_run(c, &c->rep, 1);
	c->state = REQ_READY;
	MHD_resume_connection(c->x.mc);
}

enum MHD_Result
route_call(struct http_conn *c)
{
	struct http_reply rep;
	int rc = route_run(c, &rep, 0);

	if (rc == GZ_EAGAIN) {
		/* Suspended before it is queued: the thread that runs it
		 * resumes it. */
		http_reply_clear(&rep);
		c->state = REQ_SLOW;
		MHD_suspend_connection(c->x.mc);
		if (http_work_push(c->s->work, c) == GZ_OK)
			return MHD_YES;
		MHD_resume_connection(c->x.mc);
		c->state = REQ_ANSWERED;
		return http_respond_text(&c->x, 503,
		    "503 Service Unavailable: too many slow requests at "
		    "once; try again\n", "Retry-After", "1");
	}
	return route_answer(c, rc, &rep);
}
