/*
 * routes: search and visit counts over HTTP.  See routes.h.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalog.h"
#include "clock.h"
#include "date.h"
#include "err.h"
#include "publish.h"
#include "render.h"
#include "routes.h"
#include "search.h"
#include "search_cache.h"
#include "store.h"
#include "theme.h"
#include "utf8.h"
#include "visits.h"

/* What the search page is rendered with: the site as last published. */
struct view {
	char *live;            /* the generation it was loaded for */
	struct site site;
	struct catalog *cat;
	struct theme *theme;
	struct render r;
	int ready;
};

struct routes {
	struct routes_opts o;
	char *db_path, *public_path;
	struct store_pool *pool;
	struct visits *visits;
	struct search_cache *cache;
	pthread_rwlock_t view_lock;
	struct view view;
};

static void
view_clear(struct view *v)
{
	if (v->ready)
		render_done(&v->r);
	theme_free(v->theme);
	catalog_free(v->cat);
	site_clear(&v->site);
	free(v->live);
	memset(v, 0, sizeof *v);
}

/* Load the site, its channels and its theme for the search page. */
static int
view_load(struct routes *r, struct view *v, char *live, struct buf *why)
{
	struct store *st = NULL;
	char *tname = NULL;
	int rc;

	memset(v, 0, sizeof *v);
	v->live = live;
	if ((rc = store_pool_get(r->pool, &st, why)))
		return rc;
	if ((rc = store_site_get_id(st, r->o.site_id, &v->site)) ||
	    (rc = catalog_load_channels(st, r->o.site_id, store_now(),
	    &v->cat, why)))
		goto out;
	if ((tname = theme_site_name(&v->site)) == NULL) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if ((rc = theme_load(r->o.site_dir, tname, r->o.argv0, &v->theme,
	    why)) || (rc = render_init(&v->r, v->cat, v->theme, NULL)))
		goto out;
	v->ready = 1;
out:
	if (rc && why->len == 0)
		buf_printf(why, "cannot load the site: %s", rc == GZ_ESTORE ?
		    store_errmsg(st) : gz_strerror(rc));
	free(tname);
	store_pool_put(r->pool, st);
	return rc;
}

int
routes_new(const struct routes_opts *o, struct routes **out,
    struct buf *why)
{
	struct routes *r;
	int rc = GZ_ENOMEM;

	*out = NULL;
	if ((r = calloc(1, sizeof *r)) == NULL)
		return GZ_ENOMEM;
	r->o = *o;
	pthread_rwlock_init(&r->view_lock, NULL);
	if (asprintf(&r->db_path, "%s/gazette.db", o->site_dir) < 0 ||
	    asprintf(&r->public_path, "%s/public", o->site_dir) < 0) {
		r->db_path = r->public_path = NULL;
		goto fail;
	}
	if ((r->pool = store_pool_new(r->db_path, STORE_READONLY | STORE_MMAP)) == NULL)
		goto fail;
	if ((rc = visits_open(r->db_path, o->site_id, &r->visits, why)))
		goto fail;
	rc = GZ_ENOMEM;
	if ((r->cache = search_cache_new(ROUTES_CACHE_ENTRIES,
	    ROUTES_CACHE_BYTES, ROUTES_CACHE_TTL)) == NULL)
		goto fail;
	*out = r;
	routes_tick(r); /* the view, if the site is published */
	return GZ_OK;
fail:
	routes_free(r, NULL);
	return rc;
}

int
routes_free(struct routes *r, struct buf *why)
{
	int rc;

	if (r == NULL)
		return GZ_OK;
	rc = visits_close(r->visits, why);
	view_clear(&r->view);
	search_cache_free(r->cache);
	pthread_rwlock_destroy(&r->view_lock);
	store_pool_free(r->pool);
	free(r->db_path);
	free(r->public_path);
	free(r);
	return rc;
}

void
routes_tick(struct routes *r)
{
	struct buf why = BUF_INIT;
	struct view v, old;
	char *live;
	long n;

	if (visits_flush(r->visits, &n, &why))
		fprintf(stderr, "gazette: serve: %s (kept; will retry)\n",
		    buf_cstr(&why));
	buf_reset(&why);
	live = publish_live_dir(r->public_path);
	if (live == NULL || (r->view.live && strcmp(live, r->view.live) == 0)) {
		free(live);
		buf_free(&why);
		return;
	}
	if (view_load(r, &v, live, &why)) {
		fprintf(stderr, "gazette: serve: the search page: %s\n",
		    buf_cstr(&why));
		/* Keep the old view; try again next time. */
		v.live = NULL;
		view_clear(&v);
		buf_free(&why);
		return;
	}
	pthread_rwlock_wrlock(&r->view_lock);
	old = r->view;
	r->view = v;
	pthread_rwlock_unlock(&r->view_lock);
	view_clear(&old);
	buf_free(&why);
}

static int
json_answer(struct http_reply *rep, json_t *o)
{
	char *t = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);

	if (t == NULL)
		return GZ_ENOMEM;
	rep->content_type = "application/json";
	buf_puts(&rep->body, t);
	buf_putc(&rep->body, '\n');
	free(t);
	return buf_error(&rep->body);
}

/* An answer {"error": msg} with status. */
static int
json_error(struct http_reply *rep, int status, const char *msg)
{
	json_t *o = json_pack("{ss}", "error", msg);
	int rc = o ? json_answer(rep, o) : GZ_ENOMEM;

	json_decref(o);
	rep->status = status;
	return rc;
}

static int
method_get(const struct http_request *req, struct http_reply *rep,
    const char *allow)
{
	if (strcmp(req->method, "GET") == 0 ||
	    strcmp(req->method, "HEAD") == 0)
		return 1;
	rep->status = 405;
	http_reply_header(rep, "Allow", allow);
	buf_puts(&rep->body, "method not allowed\n");
	return 0;
}

/* A date argument: YYYY-MM-DD (the start of that day, in China's time
 * zone unless the value says otherwise) or a full RFC 3339 time. */
static int
date_arg(const struct http_request *req, const char *name, int64_t *t,
    int end, struct buf *err)
{
	const char *v = http_request_arg(req, name);
	int off;

	*t = 0;
	if (v == NULL || *v == '\0')
		return GZ_OK;
	if (date_parse(v, 480, t, &off)) {
		buf_printf(err, "%s: not a date (write 2026-03-14)", name);
		return GZ_EINVAL;
	}
	if (end && strlen(v) == 10)
		*t += 86400; /* "to" a day: that whole day */
	return GZ_OK;
}

static int
long_arg(const struct http_request *req, const char *name, long def,
    long max, long *out, struct buf *err)
{
	const char *v = http_request_arg(req, name);
	char *end;
	long n;

	*out = def;
	if (v == NULL || *v == '\0')
		return GZ_OK;
	n = strtol(v, &end, 10);
	if (*end || n < 1 || n > max) {
		buf_printf(err, "%s: a number from 1 to %ld", name, max);
		return GZ_EINVAL;
	}
	*out = n;
	return GZ_OK;
}

/* The arguments of a search; GZ_EINVAL with err set when one is bad. */
static int
search_args(const struct http_request *req, struct search_params *p,
    struct buf *err)
{
	static const char *const texts[] = {"q", "lang", "channel"};
	size_t i;
	int rc;

	memset(p, 0, sizeof *p);
	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *v = http_request_arg(req, texts[i]);
		if (v && !utf8_valid(v, strlen(v), NULL)) {
			buf_printf(err, "%s: not valid UTF-8", texts[i]);
			return GZ_EINVAL;
		}
	}
	p->q = http_request_arg(req, "q");
	p->lang = http_request_arg(req, "lang");
	p->channel = http_request_arg(req, "channel");
	if ((rc = date_arg(req, "from", &p->from, 0, err)) ||
	    (rc = date_arg(req, "to", &p->to, 1, err)) ||
	    (rc = long_arg(req, "page", 1, SEARCH_PAGE_MAX, &p->page, err)) ||
	    (rc = long_arg(req, "per_page", 10, SEARCH_PER_PAGE_MAX,
	    &p->per_page, err)))
		return rc;
	return GZ_OK;
}

/* The search index's version, which answers are kept for. */
static int
index_version(struct routes *r, int64_t *version, struct buf *why)
{
	struct store *st = NULL;
	int rc;

	if ((rc = store_pool_get(r->pool, &st, why)))
		return rc;
	if ((rc = store_search_version(st, r->o.site_id, version)))
		buf_printf(why, "the search index: %s", store_errmsg(st));
	store_pool_put(r->pool, st);
	return rc;
}

/* The key an answer is kept under: what it is (kind), for which
 * rendering of the site (live, or ""), and the search's parameters. */
static void
answer_key(struct buf *key, char kind, const char *live,
    const struct search_params *p)
{
	buf_printf(key, "%c\x1f%s\x1f%s\x1f%s\x1f%s\x1f%lld\x1f%lld\x1f%ld\x1f%ld",
	    kind, live, p->q ? p->q : "", p->lang ? p->lang : "",
	    p->channel ? p->channel : "", (long long)p->from,
	    (long long)p->to, p->page, p->per_page);
}

/* The answer of a search: kept (*version then says from which index),
 * or 0 with *version set for search_cache_put. */
static int
answer_kept(struct routes *r, const struct buf *key, int64_t *version,
    struct buf *body, struct buf *why)
{
	int rc;

	if ((rc = index_version(r, version, why)))
		return rc;
	return search_cache_get(r->cache, key->data, key->len, *version,
	    (int64_t)clock_seconds(), body) ? GZ_OK : GZ_ENOTFOUND;
}

static int
run(struct routes *r, const struct search_params *p, json_t **res,
    struct buf *why)
{
	struct store *st = NULL;
	int rc;

	if ((rc = store_pool_get(r->pool, &st, why)))
		return rc;
	rc = search_run(st, r->o.site_id, p, store_now(), res, why);
	store_pool_put(r->pool, st);
	return rc;
}

static int
api_search(void *arg, const struct http_request *req, struct http_reply *rep)
{
	struct routes *r = arg;
	struct search_params p;
	struct buf why = BUF_INIT, key = BUF_INIT;
	json_t *res = NULL;
	int64_t version = 0;
	int rc;

	if (!method_get(req, rep, "GET, HEAD"))
		return GZ_OK;
	if (search_args(req, &p, &why)) {
		rc = json_error(rep, 400, buf_cstr(&why));
		buf_free(&why);
		return rc;
	}
	rep->cache_control = "no-cache";
	answer_key(&key, 'a', "", &p);
	if ((rc = buf_error(&key)) == GZ_OK &&
	    (rc = answer_kept(r, &key, &version, &rep->body, &why)) ==
	    GZ_ENOTFOUND && (rc = req->slow ? GZ_OK : GZ_EAGAIN) == GZ_OK &&
	    (rc = run(r, &p, &res, &why)) == GZ_OK &&
	    (rc = json_answer(rep, res)) == GZ_OK)
		search_cache_put(r->cache, key.data, key.len, version,
		    (int64_t)clock_seconds(), rep->body.data, rep->body.len);
	if (rc == GZ_OK) {
		rep->content_type = "application/json";
	} else if (rc == GZ_EAGAIN) {
		/* Not kept: searched on a slow-work thread. */
	} else {
		fprintf(stderr, "gazette: serve: %s\n", buf_cstr(&why));
		buf_reset(&rep->body);
		rc = json_error(rep, 503, "search is not available now");
	}
	json_decref(res);
	buf_free(&key);
	buf_free(&why);
	return rc;
}

static int
page_search_route(void *arg, const struct http_request *req,
    struct http_reply *rep)
{
	struct routes *r = arg;
	struct search_params p;
	struct buf why = BUF_INIT, key = BUF_INIT;
	json_t *res = NULL;
	int64_t version = 0;
	const char *lang;
	int rc;

	if (!method_get(req, rep, "GET, HEAD"))
		return GZ_OK;
	if (search_args(req, &p, &why)) {
		rep->status = 400;
		buf_printf(&rep->body, "%s\n", buf_cstr(&why));
		buf_free(&why);
		return GZ_OK;
	}
	pthread_rwlock_rdlock(&r->view_lock);
	if (!r->view.ready) {
		pthread_rwlock_unlock(&r->view_lock);
		http_reply_not_found(rep); /* nothing published yet */
		return GZ_OK;
	}
	/* The page speaks the language asked for (the search box sends its
	 * page's), and lists that language's articles. */
	lang = p.lang && site_has_lang(&r->view.site, p.lang) ? p.lang :
	    r->view.site.default_lang;
	p.lang = lang;
	answer_key(&key, 'p', r->view.live, &p);
	if ((rc = buf_error(&key)) == GZ_OK &&
	    (rc = answer_kept(r, &key, &version, &rep->body, &why)) ==
	    GZ_ENOTFOUND && (rc = req->slow ? GZ_OK : GZ_EAGAIN) == GZ_OK &&
	    (rc = run(r, &p, &res, &why)) == GZ_OK &&
	    (rc = render_search(&r->view.r, lang, res, &rep->body,
	    &why)) == GZ_OK)
		search_cache_put(r->cache, key.data, key.len, version,
		    (int64_t)clock_seconds(), rep->body.data, rep->body.len);
	pthread_rwlock_unlock(&r->view_lock);
	if (rc == GZ_OK) {
		rep->content_type = "text/html; charset=utf-8";
		rep->cache_control = "no-cache";
	} else if (rc == GZ_EAGAIN) {
		/* Not kept: searched on a slow-work thread. */
	} else {
		fprintf(stderr, "gazette: serve: /search: %s\n",
		    buf_cstr(&why));
		buf_reset(&rep->body);
		rep->status = 503;
		buf_puts(&rep->body, "search is not available now\n");
		rc = GZ_OK;
	}
	json_decref(res);
	buf_free(&key);
	buf_free(&why);
	return rc;
}

/* A transparent 1x1 GIF, for the <noscript> counter image. */
static const unsigned char pixel[] = {
	0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80,
	0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0x21, 0xf9, 0x04,
	0x01, 0x00, 0x00, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x00, 0x00, 0x01,
	0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3b,
};

/* Requests that are not a reader looking at the page. */
static int
not_a_visit(const struct http_request *req)
{
	const char *purpose = http_request_header(req, "Sec-Purpose");

	if (purpose == NULL)
		purpose = http_request_header(req, "Purpose");
	if (purpose && strstr(purpose, "prefetch"))
		return 1;
	return visits_is_bot(http_request_header(req, "User-Agent"));
}

static int
api_visit(void *arg, const struct http_request *req, struct http_reply *rep)
{
	struct routes *r = arg;
	const char *v = http_request_arg(req, "id");
	const char *nojs = http_request_arg(req, "nojs");
	int post = strcmp(req->method, "POST") == 0, image, rc;
	char *end;
	long long id;
	long total;

	if (!post && !method_get(req, rep, "GET, HEAD, POST"))
		return GZ_OK;
	image = !post && nojs && strcmp(nojs, "1") == 0;
	rep->cache_control = "no-store";
	id = v ? strtoll(v, &end, 10) : 0;
	if (v == NULL || *v == '\0' || *end || id <= 0)
		return json_error(rep, 400, "id: the number of an article");
	rc = visits_hit(r->visits, (int64_t)id, (post || image) &&
	    !not_a_visit(req), &total);
	if (rc == GZ_ENOTFOUND)
		return json_error(rep, 404, "no such published article");
	if (rc) {
		fprintf(stderr, "gazette: serve: visits: %s\n", gz_strerror(rc));
		return json_error(rep, 503, "counting is not available now");
	}
	if (image) {
		rep->content_type = "image/gif";
		buf_put(&rep->body, pixel, sizeof pixel);
		return buf_error(&rep->body);
	}
	rep->content_type = "application/json";
	buf_printf(&rep->body, "{\"count\": %ld}\n", total);
	return buf_error(&rep->body);
}

int
routes_add(struct routes *r, struct http_server *s)
{
	int rc;

	if ((rc = http_server_route(s, "/search", 0, page_search_route, r)) ||
	    (rc = http_server_route(s, "/api/search", 0, api_search, r)) ||
	    (rc = http_server_route(s, "/api/visit", 0, api_visit, r)))
		return rc;
	return GZ_OK;
}
