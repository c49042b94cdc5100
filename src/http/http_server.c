/*
 * http_server: the daemon, the life of a request, routes and stopping.
 * See http.h.
 *
 * A request meets libmicrohttpd (MHD) in four callbacks:
 *
 *   conn_notify  a TCP connection opens or closes: its struct http_conn,
 *                reused by every request on it, so that a keep-alive
 *                connection serves requests without allocating;
 *   uri_log      the request line is read: the raw target is copied
 *                here, before MHD decodes it in place (the server
 *                decodes it itself, http_path_decode());
 *   access       called once when the headers are in, then for each
 *                piece of the body, then once more with none: the
 *                answer is queued in that last call, because MHD 0.9.75
 *                closes connections whose answer is queued in the first;
 *   completed    the answer is sent (or the connection died): one line
 *                in the access log, and the request is no longer in
 *                flight.
 *
 * Routes and their answers are in http_route.c.  A handler that would
 * be slow (a search that misses the answer cache)
 * returns GZ_EAGAIN: the connection is suspended and queued for the
 * slow-work threads (http_work.h); the handler runs again there, its
 * reply is kept in the connection, the connection is resumed, and MHD
 * calls access once more, which queues the reply.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "http_int.h"
#include "http_log.h"
#include "http_path.h"
#include "http_server_int.h"
#include "http_work.h"

#define CONN_TIMEOUT 30 /* seconds a connection may stay idle */
#define CONN_LIMIT   10000
#define KEEP_MAX     65536 /* per-connection buffers above this are freed */
/*
 * MHD's memory per connection: the request line and headers must fit
 * (larger ones get 431), with the response's headers.  MHD clears it
 * for every request, so it is kept small: 16 KiB, twice nginx's 8 KiB
 * header line limit.
 */
#define CONN_MEMORY (24 * 1024)
/* MHD's messages matter before the server runs (a port in use); after,
 * they are about clients' mistakes, which the access log shows. */
static void
server_mhd_log(void *cls, const char *fmt, va_list ap)
{
	struct http_server *s = cls;

	if (s->started)
		return;
	fputs("gazette: libmicrohttpd: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/* Parse "ADDR:PORT" or "[ADDR6]:PORT" into s->addr. */
static int
listen_parse(struct http_server *s, const char *spec, struct buf *why)
{
	struct addrinfo hints, *res = NULL;
	char host[256];
	const char *colon, *h = spec, *port;
	size_t hn;
	long p;
	char *end;

	if (spec[0] == '[') {
		const char *close = strchr(spec, ']');
		if (close == NULL || close[1] != ':')
			goto bad;
		h = spec + 1;
		hn = (size_t)(close - h);
		port = close + 2;
	} else {
		if ((colon = strrchr(spec, ':')) == NULL)
			goto bad;
		hn = (size_t)(colon - spec);
		port = colon + 1;
	}
	p = strtol(port, &end, 10);
	if (*port == '\0' || *end != '\0' || p < 0 || p > 65535 ||
	    hn >= sizeof host)
		goto bad;
	memcpy(host, h, hn);
	host[hn] = '\0';
	memset(&hints, 0, sizeof hints);
	hints.ai_family = AF_UNSPEC;
	hints.ai_socktype = SOCK_STREAM;
	hints.ai_flags = AI_PASSIVE;
	if (getaddrinfo(hn ? host : NULL, "0", &hints, &res) != 0 ||
	    res == NULL) {
		buf_printf(why,
		    "cannot listen on %s: no such address; give ADDR:PORT, "
		    "e.g. 127.0.0.1:8080 or [::1]:8080",
		    spec);
		if (res)
			freeaddrinfo(res);
		return GZ_EINVAL;
	}
	memcpy(&s->addr, res->ai_addr, res->ai_addrlen);
	s->v6 = res->ai_family == AF_INET6;
	if (s->v6)
		((struct sockaddr_in6 *)&s->addr)->sin6_port =
		    htons((uint16_t)p);
	else
		((struct sockaddr_in *)&s->addr)->sin_port = htons((uint16_t)p);
	freeaddrinfo(res);
	return GZ_OK;
bad:
	buf_printf(why,
	    "cannot listen on \"%s\": give ADDR:PORT, e.g. 127.0.0.1:8080, "
	    "[::1]:8080 or 0.0.0.0:80 (port 0 picks a free one)",
	    spec);
	return GZ_EINVAL;
}

struct http_server *
http_server_new(const struct http_server_opts *o, struct buf *why)
{
	struct http_server *s;

	if (o->root == NULL) {
		buf_puts(why, "no folder to serve");
		return NULL;
	}
	if ((s = calloc(1, sizeof *s)) == NULL) {
		buf_puts(why, "out of memory");
		return NULL;
	}
	s->o = *o;
	if (s->o.listen == NULL)
		s->o.listen = HTTP_LISTEN_DEFAULT;
	if (s->o.body_max == 0)
		s->o.body_max = HTTP_BODY_MAX_DEFAULT;
	if (s->o.upload_max == 0)
		s->o.upload_max = HTTP_UPLOAD_MAX_DEFAULT;
	if (s->o.cache_max == 0)
		s->o.cache_max = HTTP_CACHE_MAX_DEFAULT;
	atomic_init(&s->inflight, 0);
	if (listen_parse(s, s->o.listen, why)) {
		free(s);
		return NULL;
	}
	if (s->o.access_log != NULL &&
	    http_log_open(s->o.access_log, &s->log, why)) {
		free(s);
		return NULL;
	}
	if ((s->tree = http_tree_new(o->root, s->o.cache_max, o->no_openat2)) ==
	    NULL) {
		http_log_close(s->log);
		free(s);
		buf_puts(why, "out of memory");
		return NULL;
	}
	return s;
}

static int
hook_add(const struct http_server *s, struct hook **list, size_t *n,
    void (*fn)(void *), void *arg)
{
	struct hook *h;

	if (s->started || fn == NULL)
		return GZ_EINVAL;
	if ((h = realloc(*list, (*n + 1) * sizeof *h)) == NULL)
		return GZ_ENOMEM;
	*list = h;
	h[*n].fn = fn;
	h[*n].arg = arg;
	(*n)++;
	return GZ_OK;
}

int
http_server_on_stop(struct http_server *s, void (*fn)(void *), void *arg)
{
	return hook_add(s, &s->hooks, &s->nhooks, fn, arg);
}

int
http_server_on_tick(struct http_server *s, void (*fn)(void *), void *arg)
{
	return hook_add(s, &s->ticks, &s->nticks, fn, arg);
}

/* The server decodes targets itself (http_path_decode()); MHD's own
 * decoding of the URL and GET arguments would be wasted work. */
static size_t
unescape_none(void *cls, struct MHD_Connection *mc, char *s)
{
	(void)cls;
	(void)mc;
	return strlen(s);
}

static void
conn_notify(void *cls, struct MHD_Connection *mc, void **socket_context,
    enum MHD_ConnectionNotificationCode toe)
{
	struct http_conn *c = *socket_context;
	const union MHD_ConnectionInfo *info;
	const struct sockaddr *sa;

	if (toe == MHD_CONNECTION_NOTIFY_CLOSED) {
		if (c != NULL) {
			buf_free(&c->target);
			buf_free(&c->path);
			buf_free(&c->scratch);
			buf_free(&c->body);
			buf_free(&c->args);
			buf_free(&c->line);
			http_reply_clear(&c->rep);
			free(c);
		}
		*socket_context = NULL;
		return;
	}
	/* Without memory the connection gets no state: closed at once. */
	if ((c = calloc(1, sizeof *c)) == NULL)
		return;
	c->s = cls;
	strcpy(c->addr, "-");
	info = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (info != NULL && (sa = info->client_addr) != NULL) {
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET,
			    &((const struct sockaddr_in *)(const void *)sa)
			         ->sin_addr,
			    c->addr, sizeof c->addr);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6,
			    &((const struct sockaddr_in6 *)(const void *)sa)
			         ->sin6_addr,
			    c->addr, sizeof c->addr);
	}
	*socket_context = c;
}

static void *
uri_log(void *cls, const char *uri, struct MHD_Connection *mc)
{
	struct http_server *s = cls;
	const union MHD_ConnectionInfo *info;
	struct http_conn *c;

	info = MHD_get_connection_info(mc, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	if (info == NULL || (c = info->socket_context) == NULL)
		return NULL;
	buf_reset(&c->target);
	buf_puts(&c->target, uri);
	c->state = REQ_LINE;
	c->route = NULL;
	c->body_too_big = 0;
	c->method[0] = c->version[0] = '\0';
	memset(&c->x, 0, sizeof c->x);
	atomic_fetch_add(&s->inflight, 1);
	return c;
}

static void
copy_word(char *dst, size_t n, const char *src)
{
	size_t k = src ? strlen(src) : 0;

	if (k >= n)
		k = n - 1;
	memcpy(dst, src ? src : "", k);
	dst[k] = '\0';
}

static size_t
body_limit(const struct http_server *s, const struct route *r)
{
	return r->flags & HTTP_ROUTE_UPLOAD ? s->o.upload_max : s->o.body_max;
}

/* Send a route's reply. */
/*
 * The headers are in: decode the target and choose the route.  Returns
 * MHD_YES to go on to the last call, or queues an error at once (which
 * closes the connection: right for requests this bad).
 */
static enum MHD_Result
request_begin(struct http_conn *c, const char *method, const char *version)
{
	const char *path, *query, *reason = NULL, *cl;
	size_t pathlen, querylen;
	int rc;

	copy_word(c->method, sizeof c->method, method);
	copy_word(c->version, sizeof c->version, version);
	c->x.head = strcmp(method, "HEAD") == 0;
	c->x.scratch = &c->scratch;
	if ((rc = http_target_split(c->target.data ? c->target.data : "",
	         c->target.len, &path, &pathlen, &query, &querylen, &reason)) ||
	    (rc = http_path_decode(path, pathlen, &c->path, &reason))) {
		if (rc == GZ_ENOMEM)
			return MHD_NO;
		c->state = REQ_ANSWERED;
		/* Malformed paths are refused before anything is looked up:
		 * none of them names a file.  The reason is a literal. */
		buf_reset(&c->scratch);
		buf_printf(&c->scratch, "%s: %s\n",
		    rc == GZ_ETOOBIG ? "414 URI Too Long" : "400 Bad Request",
		    reason ? reason : "malformed request-target");
		if (buf_error(&c->scratch))
			return MHD_NO;
		return http_respond_text(&c->x, rc == GZ_ETOOBIG ? 414 : 400,
		    c->scratch.data, NULL, NULL);
	}
	c->x.path = c->path.data;
	c->x.pathlen = c->path.len;
	c->x.query = query;
	c->x.querylen = querylen;
	c->route = route_find(c->s, c->x.path, c->x.pathlen, 0);
	if (c->route != NULL) {
		cl = MHD_lookup_connection_value(
		    c->x.mc, MHD_HEADER_KIND, "Content-Length");
		if (cl != NULL && strtoull(cl, NULL, 10) >
		    body_limit(c->s, c->route)) {
			c->state = REQ_ANSWERED;
			return http_respond_text(
			    &c->x, 413, "413 Content Too Large\n", NULL, NULL);
		}
		return MHD_YES;
	}
	if (strcmp(method, "GET") != 0 && !c->x.head) {
		c->state = REQ_ANSWERED;
		return http_respond_text(&c->x, 405, "405 Method Not Allowed\n",
		    "Allow", "GET, HEAD");
	}
	return MHD_YES;
}

static enum MHD_Result
access_cb(void *cls, struct MHD_Connection *mc, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **req_cls)
{
	struct http_conn *c = *req_cls;
	struct http_server *s = cls;

	(void)url;
	if (c == NULL)
		return MHD_NO;
	c->x.mc = mc;
	if (c->state == REQ_READY) {
		/* Resumed: a slow handler's reply. */
		c->state = REQ_ANSWERED;
		return route_answer(c, c->rc, &c->rep);
	}
	if (c->state == REQ_LINE) {
		c->state = REQ_BODY;
		return request_begin(c, method, version);
	}
	if (*upload_size > 0) {
		/* Only routes take bodies; a body over the limit is read
		 * and dropped, and answered 413 at the end. */
		if (c->route != NULL && !c->body_too_big) {
			if (c->body.len + *upload_size >
			    body_limit(s, c->route)) {
				c->body_too_big = 1;
				buf_free(&c->body);
			} else {
				buf_put(&c->body, upload, *upload_size);
			}
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (c->state != REQ_BODY)
		return MHD_YES;
	c->state = REQ_ANSWERED;
	if (c->body_too_big)
		return http_respond_text(
		    &c->x, 413, "413 Content Too Large\n", NULL, NULL);
	if (c->route != NULL) {
		if (buf_error(&c->body))
			return http_respond_text(&c->x, 500,
			    "500 Internal Server Error\n", NULL, NULL);
		return route_call(c);
	}
	if ((c->route = route_find(s, c->x.path, c->x.pathlen, 1)) != NULL &&
	    !http_static_exists(s->tree, &c->x))
		return route_call(c);
	c->route = NULL;
	return http_static_serve(s->tree, &c->x);
}

static void
completed(void *cls, struct MHD_Connection *mc, void **req_cls,
    enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct http_conn *c = *req_cls;
	const union MHD_ConnectionInfo *info;
	unsigned status;

	(void)toe;
	if (c == NULL)
		return;
	status = c->x.status;
	if (status == 0 &&
	    (info = MHD_get_connection_info(
	         mc, MHD_CONNECTION_INFO_HTTP_STATUS)) != NULL)
		status = info->http_status; /* MHD answered by itself */
	/* No status: the client left before any answer; nothing to log. */
	if (s->log != NULL && status != 0) {
		http_log_format(&c->line, c->addr, time(NULL),
		    c->method[0] ? c->method : "-", buf_cstr(&c->target),
		    c->target.len, c->version, status, c->x.bytes);
		if (buf_error(&c->line) == GZ_OK)
			http_log_write(s->log, c->line.data, c->line.len);
	}
	c->state = REQ_IDLE;
	c->route = NULL;
	if (c->body.cap > KEEP_MAX)
		buf_free(&c->body);
	else
		buf_reset(&c->body);
	if (c->args.cap > KEEP_MAX)
		buf_free(&c->args);
	if (c->target.cap > KEEP_MAX)
		buf_free(&c->target);
	*req_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

static unsigned
cpu_count(void)
{
	cpu_set_t set;
	int n;

	if (sched_getaffinity(0, sizeof set, &set) == 0 &&
	    (n = CPU_COUNT(&set)) > 0)
		return (unsigned)n;
	n = (int)sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

/*
 * Start MHD: epoll with a pool of threads, each with its own event loop;
 * TURBO reads and writes before asking epoll, which saves a system call
 * per request on busy keep-alive connections.  ITC is what
 * MHD_quiesce_daemon() needs with a pool; suspending is what slow routes
 * need.
 */
static struct MHD_Daemon *
daemon_start(struct http_server *s, unsigned threads, unsigned limit)
{
	unsigned int flags = MHD_USE_EPOLL_INTERNAL_THREAD | MHD_USE_ITC |
	    MHD_ALLOW_SUSPEND_RESUME | MHD_USE_TURBO | MHD_USE_ERROR_LOG | (s->v6 ? MHD_USE_IPv6 : 0);
	/* Only for MHD's messages: the address (and port) is s->addr. */
	uint16_t port =
	    ntohs(s->v6 ? ((struct sockaddr_in6 *)&s->addr)->sin6_port
	                : ((struct sockaddr_in *)&s->addr)->sin_port);
	/* The plain values in a table, the callbacks in the call. */
	struct MHD_OptionItem values[] = {
	    {MHD_OPTION_SOCK_ADDR, 0, &s->addr},
	    {MHD_OPTION_CONNECTION_LIMIT, limit, NULL},
	    {MHD_OPTION_CONNECTION_TIMEOUT, CONN_TIMEOUT, NULL},
	    {MHD_OPTION_CONNECTION_MEMORY_LIMIT, CONN_MEMORY, NULL},
	    {MHD_OPTION_LISTEN_BACKLOG_SIZE, 1024, NULL},
	    /* Last: one thread is no pool (MHD warns about a pool of 1). */
	    {threads > 1 ? MHD_OPTION_THREAD_POOL_SIZE : MHD_OPTION_END,
	        threads, NULL},
	    {MHD_OPTION_END, 0, NULL},
	};

	return MHD_start_daemon(flags, port, NULL, NULL, access_cb, s,
	    MHD_OPTION_EXTERNAL_LOGGER, server_mhd_log, s,
	    MHD_OPTION_UNESCAPE_CALLBACK, unescape_none, NULL,
	    MHD_OPTION_NOTIFY_CONNECTION, conn_notify, s,
	    MHD_OPTION_URI_LOG_CALLBACK, uri_log, s,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, s, MHD_OPTION_ARRAY, values,
	    MHD_OPTION_END);
}

int
http_server_start(struct http_server *s, struct buf *why)
{
	const union MHD_DaemonInfo *info;
	unsigned threads, limit = CONN_LIMIT;
	struct rlimit rl;
	char host[INET6_ADDRSTRLEN];

	if (s->d != NULL)
		return GZ_EINVAL;
	threads = s->o.threads > 0 ? (unsigned)s->o.threads : cpu_count();
	if ((s->work = http_work_new(s->o.slow_threads > 0 ?
	    (unsigned)s->o.slow_threads : cpu_count(), SLOW_QUEUE_MAX,
	    route_slow_run)) == NULL) {
		buf_puts(why, "cannot start the slow-work threads");
		return GZ_ENOMEM;
	}

	/* Every connection is a descriptor; leave room for files. */
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY &&
	    rl.rlim_cur < (rlim_t)limit * 2 + 64)
		limit =
		    rl.rlim_cur > 128 ? (unsigned)(rl.rlim_cur - 64) / 2 : 32;
	s->d = daemon_start(s, threads, limit);
	if (s->d == NULL) {
		http_work_free(s->work);
		s->work = NULL;
		buf_printf(why,
		    "cannot listen on %s (in use, or not an address of this "
		    "machine?); choose another with --listen",
		    s->o.listen);
		return GZ_EIO;
	}
	s->started = 1;
	info = MHD_get_daemon_info(s->d, MHD_DAEMON_INFO_BIND_PORT);
	if (s->v6) {
		inet_ntop(AF_INET6,
		    &((struct sockaddr_in6 *)&s->addr)->sin6_addr, host,
		    sizeof host);
		snprintf(s->address, sizeof s->address, "[%s]:%u", host,
		    info ? (unsigned)info->port : 0);
	} else {
		inet_ntop(AF_INET, &((struct sockaddr_in *)&s->addr)->sin_addr,
		    host, sizeof host);
		snprintf(s->address, sizeof s->address, "%s:%u", host,
		    info ? (unsigned)info->port : 0);
	}
	return GZ_OK;
}

const char *
http_server_address(const struct http_server *s)
{
	return s->address;
}

void
http_server_tick(struct http_server *s)
{
	size_t i;

	http_tree_refresh(s->tree);
	http_log_flush(s->log);
	for (i = 0; i < s->nticks; i++)
		s->ticks[i].fn(s->ticks[i].arg);
}

int
http_server_reopen_log(struct http_server *s, struct buf *why)
{
	return http_log_reopen(s->log, why);
}

int
http_server_stop(struct http_server *s, double timeout)
{
	const union MHD_DaemonInfo *info;
	MHD_socket fd = MHD_INVALID_SOCKET;
	double deadline = clock_seconds() + timeout;
	int rc = GZ_OK;
	size_t i;

	if (s->d != NULL) {
		fd = MHD_quiesce_daemon(s->d);
		/*
		 * Wait until no connection is left, or none has a request
		 * in flight: idle keep-alive connections are closed by
		 * MHD_stop_daemon(), as any server closes them.
		 */
		while (clock_seconds() < deadline) {
			info = MHD_get_daemon_info(
			    s->d, MHD_DAEMON_INFO_CURRENT_CONNECTIONS);
			if (info == NULL || info->num_connections == 0 ||
			    atomic_load(&s->inflight) == 0)
				break;
			usleep(10000);
		}
		if (atomic_load(&s->inflight) > 0)
			rc = GZ_EBUSY;
		/* Every slow request finished and resumed: MHD must not be
		 * stopped with a connection suspended. */
		http_work_free(s->work);
		s->work = NULL;
		MHD_stop_daemon(s->d);
		s->d = NULL;
		if (fd != MHD_INVALID_SOCKET)
			close(fd);
	}
	for (i = s->nhooks; i > 0; i--)
		s->hooks[i - 1].fn(s->hooks[i - 1].arg);
	s->nhooks = 0;
	http_log_flush(s->log);
	return rc;
}

void
http_server_free(struct http_server *s)
{
	size_t i;

	if (s == NULL)
		return;
	/* Stop hooks run once, also for a server that never started:
	 * what they close was opened for it. */
	if (s->d != NULL || s->nhooks > 0)
		http_server_stop(s, 0);
	http_tree_free(s->tree);
	http_log_close(s->log);
	for (i = 0; i < s->nroutes; i++)
		free(s->routes[i].path);
	free(s->routes);
	free(s->hooks);
	free(s->ticks);
	free(s);
}
