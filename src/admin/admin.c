/*
 * admin: the admin's routes, and what every request goes through
 * first: its session, its CSRF token, its arguments.  See admin.h.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "admin_int.h"
#include "date.h"
#include "publish.h"
#include "err.h"

int
admin_new(const struct admin_opts *o, struct admin **out, struct buf *why)
{
	struct admin *a;
	int rc;

	*out = NULL;
	if ((a = calloc(1, sizeof *a)) == NULL)
		return GZ_ENOMEM;
	a->o = *o;
	pthread_mutex_init(&a->lock, NULL);
	if (asprintf(&a->db_path, "%s/gazette.db", o->site_dir) < 0) {
		a->db_path = NULL;
		admin_free(a);
		return GZ_ENOMEM;
	}
	if ((rc = store_open(a->db_path, 0, &a->st, why))) {
		admin_free(a);
		return rc;
	}
	/* The pages need their theme; the API does not. */
	{
		struct buf tw = BUF_INIT;
		if (theme_load(o->site_dir, "admin", o->argv0, &a->theme,
		    &tw))
			fprintf(stderr, "gazette: serve: the admin pages are "
			    "off: %s\n", buf_cstr(&tw));
		buf_free(&tw);
	}
	*out = a;
	return GZ_OK;
}

void
admin_free(struct admin *a)
{
	if (a == NULL)
		return;
	store_close(a->st);
	theme_free(a->theme);
	pthread_mutex_destroy(&a->lock);
	free(a->db_path);
	free(a);
}

int
admin_json(struct admin_req *r, int status, json_t *o)
{
	if (o == NULL)
		return GZ_ENOMEM;
	json_decref(r->out);
	r->out = o;
	r->status = status;
	return GZ_OK;
}

/* Write the answer of an API request. */
static int
answer_json(struct admin_req *r)
{
	char *t;

	if (r->out == NULL)
		return GZ_OK;
	t = json_dumps(r->out, JSON_COMPACT | JSON_PRESERVE_ORDER);
	if (t == NULL)
		return GZ_ENOMEM;
	r->rep->status = r->status;
	r->rep->content_type = "application/json";
	buf_reset(&r->rep->body);
	buf_puts(&r->rep->body, t);
	buf_putc(&r->rep->body, '\n');
	free(t);
	return buf_error(&r->rep->body);
}

int
admin_fail(struct admin_req *r, int status, const char *fmt, ...)
{
	struct buf msg = BUF_INIT;
	va_list ap;
	int rc;

	va_start(ap, fmt);
	buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	rc = admin_json(r, status, json_pack("{ss}", "error",
	    buf_cstr(&msg)));
	buf_free(&msg);
	return rc;
}

const char *
admin_arg(struct admin_req *r, const char *name)
{
	json_t *v;

	if (r->body && (v = json_object_get(r->body, name)) != NULL) {
		if (json_is_string(v))
			return json_string_value(v);
		if (json_is_integer(v) || json_is_boolean(v)) {
			/* Kept with the body, so that it lives as long. */
			char k[80], t[32];
			snprintf(k, sizeof k, "\x01%s", name);
			if (json_is_boolean(v))
				snprintf(t, sizeof t, "%s",
				    json_is_true(v) ? "true" : "false");
			else
				snprintf(t, sizeof t, "%lld",
				    (long long)json_integer_value(v));
			json_object_set_new(r->body, k, json_string(t));
			return json_string_value(json_object_get(r->body, k));
		}
		return NULL;
	}
	return http_request_arg(r->req, name);
}

int
admin_arg_int(struct admin_req *r, const char *name, int64_t lo, int64_t hi,
    int64_t *v)
{
	const char *s = admin_arg(r, name);
	char *end;
	long long n;

	if (s == NULL || *s == '\0')
		return GZ_OK;
	n = strtoll(s, &end, 10);
	if (*end != '\0' || n < lo || n > hi) {
		admin_fail(r, 400, "%s: \"%s\" is not a whole number from "
		    "%lld to %lld", name, s, (long long)lo, (long long)hi);
		return GZ_EINVAL;
	}
	*v = n;
	return GZ_OK;
}

int
admin_arg_time(struct admin_req *r, const char *name, int offset, int end,
    int64_t *v)
{
	const char *s = admin_arg(r, name);
	int64_t t;
	int off;

	if (s == NULL || *s == '\0')
		return GZ_OK;
	if (strchr(s, '-') == NULL)
		return admin_arg_int(r, name, 0, INT64_MAX, v);
	if (date_parse(s, offset, &t, &off)) {
		admin_fail(r, 400, "%s: \"%s\" is not a date (2026-03-14) nor "
		    "a time (2026-03-14T09:30)", name, s);
		return GZ_EINVAL;
	}
	/* A day given as the end: up to the end of that day. */
	*v = end && strlen(s) == 10 ? t + 86400 : t;
	return GZ_OK;
}

int
admin_is_admin(const struct admin_req *r, int64_t site_id)
{
	return r->logged_in && r->user.role == ROLE_ADMIN &&
	    (r->user.site_id == 0 || r->user.site_id == site_id);
}

static int
first_site(const struct site *s, void *arg)
{
	struct site *out = arg;

	if (out->id)
		return GZ_OK;
	out->id = s->id;
	return GZ_OK;
}

int
admin_site(struct admin_req *r, struct site *out)
{
	const char *name = admin_arg(r, "site");
	const char *kept = http_request_cookie(r->req, "gz_site");
	struct site first = {0};
	int rc;

	memset(out, 0, sizeof *out);
	/* The site chosen in the pages (a cookie), when it still exists. */
	if ((name == NULL || *name == '\0') && kept && *kept &&
	    store_site_get(r->st, kept, out) == GZ_OK)
		return GZ_OK;
	site_clear(out);
	if (name && *name)
		rc = store_site_get(r->st, name, out);
	else if (r->user.site_id)
		rc = store_site_get_id(r->st, r->user.site_id, out);
	else if ((rc = store_site_list(r->st, first_site, &first)) == GZ_OK)
		rc = first.id ? store_site_get_id(r->st, first.id, out) :
		    GZ_ENOTFOUND;
	if (rc == GZ_ENOTFOUND)
		admin_fail(r, 404, "no site \"%s\"; GET /api/me lists yours",
		    name ? name : "");
	else if (rc)
		admin_fail(r, 500, "cannot read the site: %s",
		    store_errmsg(r->st));
	return rc;
}

void
admin_audit(struct admin_req *r, const char *action, const char *object,
    int64_t id, const char *detail)
{
	if (store_audit_from(r->st, r->logged_in ? r->user.name : "anonymous",
	    r->req->client_addr, action, object, id, detail))
		fprintf(stderr, "gazette: admin: cannot write the audit log: "
		    "%s\n", store_errmsg(r->st));
}

void
admin_republish(struct admin_req *r, int64_t site_id, const int64_t *ids,
    size_t n)
{
	struct publish_opts po = {0};
	struct publish_stats ps;
	struct buf why = BUF_INIT;
	struct site site = {0};
	int built;

	po.site_dir = r->a->o.site_dir;
	po.argv0 = r->a->o.argv0;
	if (store_site_get_id(r->st, site_id, &site) ||
	    publish_changes(r->st, &site, ids, n, &po, &ps, &built, &why))
		fprintf(stderr, "gazette: admin: publishing site %lld: %s "
		    "(the change is saved; `gazette build` publishes it)\n",
		    (long long)site_id, why.len ? buf_cstr(&why) :
		    store_errmsg(r->st));
	site_clear(&site);
	buf_free(&why);
}

json_t *
admin_user_json(const struct user *u)
{
	return json_pack("{sI ss ss* ss* ss sI sb}", "id", (json_int_t)u->id,
	    "name", u->name, "display_name", u->display_name, "email",
	    u->email, "role", u->role == ROLE_ADMIN && u->site_id ?
	    "site_admin" : user_role_name(u->role), "site_id",
	    (json_int_t)u->site_id, "disabled", u->disabled);
}

/* Whether the request comes from a page of this server: an Origin, when
 * the browser sends one, must name the Host asked. */
static int
same_origin(const struct http_request *req)
{
	const char *origin = http_request_header(req, "Origin");
	const char *host = http_request_header(req, "Host");
	const char *p;

	if (origin == NULL)
		return 1;
	if (host == NULL)
		return 0;
	if ((p = strstr(origin, "://")) == NULL)
		return 0;
	return strcmp(p + 3, host) == 0;
}

static int
method_is(const struct http_request *req, const char *m)
{
	return strcmp(req->method, m) == 0;
}

static int
only(struct admin_req *r, const char *method)
{
	if (method_is(r->req, method) ||
	    (strcmp(method, "GET") == 0 && method_is(r->req, "HEAD")))
		return 1;
	http_reply_header(r->rep, "Allow", method);
	admin_fail(r, 405, "%s takes %s only", r->req->path, method);
	return 0;
}

/* Find the session of the request's cookie, and its user. */
static int
authenticate(struct admin_req *r)
{
	int rc;

	r->token = http_request_cookie(r->req, SESSION_COOKIE);
	if (r->token == NULL)
		return GZ_OK;
	rc = session_find(r->st, r->token, store_now(), &r->sess);
	if (rc == GZ_ENOTFOUND)
		return GZ_OK;
	if (rc)
		return rc;
	rc = store_user_get_id(r->st, r->sess.user_id, &r->user);
	if (rc == GZ_ENOTFOUND || (rc == GZ_OK && r->user.disabled)) {
		user_clear(&r->user);
		return GZ_OK;
	}
	if (rc == GZ_OK)
		r->logged_in = 1;
	return rc;
}

static int
dispatch(struct admin_req *r)
{
	const char *p = r->req->path;
	int changing = !method_is(r->req, "GET") && !method_is(r->req, "HEAD");
	const char *csrf;

	if (changing && !same_origin(r->req))
		return admin_fail(r, 403, "this request comes from another "
		    "site's page; it was refused");
	if (strcmp(p, "/api/login") == 0)
		return only(r, "POST") ? admin_login(r) : GZ_OK;
	if (!r->logged_in) {
		http_reply_header(r->rep, "WWW-Authenticate",
		    "Session realm=\"gazette\"");
		return admin_fail(r, 401, "log in first (POST /api/login, or "
		    "the page /admin/login); sessions end after %d minutes "
		    "without use", SESSION_IDLE / 60);
	}
	if (changing) {
		csrf = http_request_header(r->req, "X-CSRF-Token");
		if (csrf == NULL)
			csrf = admin_arg(r, "csrf");
		if (!session_csrf_ok(&r->sess, csrf))
			return admin_fail(r, 403, "the request lacks the CSRF "
			    "token of your session (header X-CSRF-Token or "
			    "field csrf; GET /api/me gives it); reload the "
			    "page and try again");
	}
	if (strcmp(p, "/api/logout") == 0)
		return only(r, "POST") ? admin_logout(r) : GZ_OK;
	if (strcmp(p, "/api/me") == 0)
		return only(r, "GET") ? admin_me(r) : GZ_OK;
	if (strcmp(p, "/api/password") == 0)
		return only(r, "POST") ? admin_password(r) : GZ_OK;
	if (strcmp(p, "/api/users") == 0 || strncmp(p, "/api/users/", 11) == 0)
		return admin_users(r, p + 10);
	if (strcmp(p, "/api/channels") == 0 ||
	    strncmp(p, "/api/channels/", 14) == 0)
		return admin_channels(r, p + 13);
	if (strcmp(p, "/api/site") == 0)
		return admin_site_settings(r);
	if (strcmp(p, "/api/wordlist") == 0)
		return admin_wordlist(r);
	if (strcmp(p, "/api/media") == 0 || strncmp(p, "/api/media/", 11) == 0)
		return admin_media(r, p + 10);
	if (strcmp(p, "/api/convert") == 0)
		return only(r, "POST") ? admin_convert(r) : GZ_OK;
	if (strcmp(p, "/api/audit") == 0)
		return only(r, "GET") ? admin_audit_list(r) : GZ_OK;
	if (strcmp(p, "/api/dashboard") == 0)
		return only(r, "GET") ? admin_dashboard(r) : GZ_OK;
	if (strcmp(p, "/api/articles") == 0 ||
	    strncmp(p, "/api/articles/", 14) == 0)
		return admin_articles(r, p + 13);
	if (strcmp(p, "/api/queue") == 0)
		return only(r, "GET") ? admin_worklist(r, 0) : GZ_OK;
	if (strcmp(p, "/api/mine") == 0)
		return only(r, "GET") ? admin_worklist(r, 1) : GZ_OK;
	return admin_fail(r, 404, "no such API: %s (docs/api.md lists them)",
	    p);
}

static int
admin_route(void *arg, const struct http_request *req,
    struct http_reply *rep)
{
	struct admin *a = arg;
	struct admin_req r;
	const char *ct;
	json_error_t jerr;
	int rc, page = 0;

	/* A library file the tree lacks, asked without a session: not
	 * found, at once (no slow-work thread, no lock). */
	if (strncmp(req->path, "/media/", 7) == 0 &&
	    http_request_cookie(req, SESSION_COOKIE) == NULL) {
		http_reply_not_found(rep);
		return GZ_OK;
	}
	if (!req->slow)
		return GZ_EAGAIN; /* argon2id, publishing: not on a
		                     connection thread */
	memset(&r, 0, sizeof r);
	r.a = a;
	r.req = req;
	r.rep = rep;
	rep->cache_control = "no-store";
	ct = http_request_header(req, "Content-Type");
	if (ct && strncasecmp(ct, "application/json", 16) == 0 &&
	    req->body_len > 0) {
		r.body = json_loadb(req->body, req->body_len, 0, &jerr);
		if (r.body == NULL || !json_is_object(r.body)) {
			r.st = a->st;
			rc = admin_fail(&r, 400, "the body is not a JSON object "
			    "(line %d: %s)", jerr.line, jerr.text);
			if (rc == GZ_OK)
				rc = answer_json(&r);
			json_decref(r.out);
			json_decref(r.body);
			return rc;
		}
	}
	if (!http_request_args_utf8(req)) {
		rep->status = 400;
		rep->content_type = "text/plain; charset=utf-8";
		buf_puts(&rep->body, "The request is not UTF-8 text; send UTF-8 "
		    "(a page of this admin always does).\n");
		json_decref(r.body);
		return GZ_OK;
	}
	pthread_mutex_lock(&a->lock);
	r.st = a->st;
	rc = authenticate(&r);
	if (rc == GZ_OK && strncmp(req->path, "/media/", 7) == 0) {
		rc = admin_media_file(&r);
		page = 1;
	} else if (rc == GZ_OK && strncmp(req->path, "/admin", 6) == 0) {
		if (a->theme == NULL) {
			rep->status = 503;
			buf_puts(&rep->body, "The admin pages are off: their "
			    "theme (themes/admin) was not found when the "
			    "server started.\n");
		} else if (strcmp(req->method, "POST") == 0 &&
		    !same_origin(req)) {
			rep->status = 403;
			buf_puts(&rep->body, "This form was sent from another "
			    "site's page; it was refused.\n");
		} else
			rc = admin_page(&r);
		page = 1;
	} else if (rc == GZ_OK)
		rc = dispatch(&r);
	pthread_mutex_unlock(&a->lock);
	if (rc == GZ_OK && !page)
		rc = answer_json(&r);
	user_clear(&r.user);
	site_clear(&r.site);
	json_decref(r.sites);
	json_decref(r.out);
	json_decref(r.body);
	return rc;
}

int
admin_add(struct admin *a, struct http_server *s)
{
	int rc;

	if ((rc = http_server_route(s, "/api/media", HTTP_ROUTE_PREFIX |
	    HTTP_ROUTE_UPLOAD, admin_route, a)) ||
	    (rc = http_server_route(s, "/admin/media", HTTP_ROUTE_PREFIX |
	    HTTP_ROUTE_UPLOAD, admin_route, a)) ||
	    (rc = http_server_route(s, "/media/", HTTP_ROUTE_PREFIX |
	    HTTP_ROUTE_FALLBACK, admin_route, a)) ||
	    (rc = http_server_route(s, "/api/", HTTP_ROUTE_PREFIX, admin_route,
	    a)) || (rc = http_server_route(s, "/admin", HTTP_ROUTE_PREFIX,
	    admin_route, a)))
		return rc;
	return GZ_OK;
}
