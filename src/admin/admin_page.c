/*
 * admin_page: the admin's pages, /admin/..., rendered on the server with
 * the admin theme (themes/admin, docs/admin-pages.md).
 *
 * A page is the JSON API's answer for the same thing, decorated with
 * what a person reads (dates, states in words, links) and rendered.  A
 * form posts to the page's address; the API's function does the work,
 * with the same checks, and the browser is sent back (303) to the page,
 * which says what happened.  Nothing needs JavaScript.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "admin_int.h"
#include "err.h"
#include "file.h"
#include "http_mime.h"
#include "theme.h"
#include "escape.h"

/* --- small helpers --------------------------------------------------- */

const char *
page_str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* The interface string k of the page's language, or k itself. */
const char *
page_tr(const struct admin_req *r, const char *k)
{
	const char *s = json_string_value(json_object_get(r->i18n, k));

	return s ? s : k;
}

/* Replace {name} in a string of the interface by v. */
void
page_tr_fill(struct buf *out, const char *text, const char *name, const char *v)
{
	char key[32];
	const char *p;
	size_t n;

	snprintf(key, sizeof key, "{%s}", name);
	n = strlen(key);
	while ((p = strstr(text, key)) != NULL) {
		buf_put(out, text, (size_t)(p - text));
		buf_puts(out, v);
		text = p + n;
	}
	buf_puts(out, text);
}

/* "2026-03-14 16:20" in the site's time zone (minutes east of UTC). */
json_t *
page_time_text(int64_t t, int offset)
{
	time_t s = (time_t)(t + (int64_t)offset * 60);
	struct tm tm;
	char b[64];

	if (t <= 0)
		return json_string("");
	gmtime_r(&s, &tm);
	snprintf(b, sizeof b, "%04d-%02d-%02d %02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
	return json_string(b);
}

/* The value of an <input type="datetime-local">. */
json_t *
page_time_input(int64_t t, int offset)
{
	time_t s = (time_t)(t + (int64_t)offset * 60);
	struct tm tm;
	char b[64];

	gmtime_r(&s, &tm);
	snprintf(b, sizeof b, "%04d-%02d-%02dT%02d:%02d", tm.tm_year + 1900,
	    tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min);
	return json_string(b);
}

/* Where an item stands, in words. */
json_t *
page_state_text(const struct admin_req *r, const char *work, const char *status,
    int level, int levels)
{
	struct buf b = BUF_INIT;
	char k[40], n[16], m[16];
	json_t *j;

	if (strcmp(work, "review") == 0) {
		snprintf(n, sizeof n, "%d", level);
		snprintf(m, sizeof m, "%d", levels);
		struct buf t = BUF_INIT;
		page_tr_fill(&t, page_tr(r, "state_review_level"), "level", n);
		page_tr_fill(&b, buf_cstr(&t), "levels", m);
		buf_free(&t);
	} else if (*work && strcmp(work, "none") != 0) {
		snprintf(k, sizeof k, "state_%s", work);
		buf_puts(&b, page_tr(r, k));
		if (strcmp(status, "published") == 0) {
			buf_puts(&b, page_tr(r, "state_sep"));
			buf_puts(&b, page_tr(r, "state_published"));
		}
	} else {
		snprintf(k, sizeof k, "state_%s", status);
		buf_puts(&b, page_tr(r, k));
	}
	j = json_string(buf_cstr(&b));
	buf_free(&b);
	return j;
}

/* --- the answer ------------------------------------------------------------- */

static int
redirect(struct admin_req *r, const char *to)
{
	r->rep->status = 303;
	buf_reset(&r->rep->body);
	return http_reply_header(r->rep, "Location", to);
}

/* Back to `to` saying what happened: ok=KEY, or the error's text. */
static int
redirect_done(struct admin_req *r, const char *to, const char *ok_key)
{
	struct buf b = BUF_INIT;
	const char *err = r->status >= 400 ? page_str(r->out, "error") : NULL;
	int rc;

	buf_puts(&b, to);
	buf_putc(&b, strchr(to, '?') ? '&' : '?');
	if (err) {
		buf_puts(&b, "error=");
		escape_url(&b, err, strlen(err));
	} else {
		buf_puts(&b, "ok=");
		escape_url(&b, ok_key, strlen(ok_key));
	}
	rc = buf_error(&b) ? GZ_ENOMEM : redirect(r, buf_cstr(&b));
	buf_free(&b);
	return rc;
}

static void
nav_add(json_t *nav, const struct admin_req *r, const char *key,
    const char *url, const char *current)
{
	json_array_append_new(nav, json_pack("{ss ss sb}", "name", page_tr(r, key),
	    "url", url, "current", strcmp(url, current) == 0));
}

/* Render template kind with page (stolen) and what every page has. */
int
page_render(struct admin_req *r, const char *kind, const char *title_key,
    json_t *page, int status)
{
	const struct tmpl *t = theme_template(r->a->theme, kind);
	json_t *d = json_object(), *nav = json_array(), *sites, *me;
	struct buf why = BUF_INIT, url = BUF_INIT;
	const char *other = strcmp(r->lang, "zh") == 0 ? "en" : "zh";
	const char *ok, *err, *cur;
	char k[40];
	size_t i;
	int rc, admin;

	if (t == NULL || d == NULL || nav == NULL || page == NULL) {
		json_decref(d);
		json_decref(nav);
		json_decref(page);
		return t ? GZ_ENOMEM : GZ_ENOTFOUND;
	}
	json_object_set_new(d, "lang", json_string(r->lang));
	json_object_set_new(d, "html_lang", json_string(strcmp(r->lang,
	    "zh") == 0 ? "zh-CN" : "en"));
	buf_printf(&url, "%s?lang=%s", r->req->path, other);
	/* A language is offered in its own name. */
	json_object_set_new(d, "other_lang", json_pack("{ss ss ss}", "code",
	    other, "name", strcmp(other, "zh") == 0 ? "中文" : "English",
	    "url", buf_cstr(&url)));
	json_object_set(d, "i18n", r->i18n);
	json_object_set_new(d, "static", json_string("/admin/static"));
	json_object_set_new(d, "title", json_string(page_tr(r, title_key)));
	/* The pages that edit an article load the editor (editor.js). */
	if (strcmp(kind, "article") == 0 || strcmp(kind, "article_new") == 0) {
		const char *sec = getenv("GAZETTE_AUTOSAVE_SECONDS");
		json_object_set_new(d, "editor", json_true());
		json_object_set_new(d, "autosave_seconds", json_integer(
		    sec && atoi(sec) > 0 ? atoi(sec) : 30));
	}
	if (r->logged_in) {
		me = json_pack("{so ss}", "user", admin_user_json(&r->user),
		    "csrf", r->sess.csrf);
		json_object_set_new(d, "me", me);
		json_object_set_new(d, "csrf", json_string(r->sess.csrf));
		admin = admin_is_admin(r, r->site.id);
		json_object_set_new(d, "is_admin", json_boolean(admin));
		json_object_set_new(d, "site", json_pack("{sI ss ss ss}", "id",
		    (json_int_t)r->site.id, "name", r->site.name ?
		    r->site.name : "", "title", r->site.title ? r->site.title :
		    "", "languages", r->site.languages ? r->site.languages :
		    ""));
		sites = json_array();
		for (i = 0; i < json_array_size(r->sites); i++) {
			json_t *s = json_array_get(r->sites, i);
			buf_reset(&url);
			buf_printf(&url, "/admin/?site=%s", page_str(s, "name"));
			json_array_append_new(sites, json_pack("{ss ss ss sb}",
			    "name", page_str(s, "name"), "title", page_str(s, "title"),
			    "url", buf_cstr(&url), "current", json_integer_value(
			    json_object_get(s, "id")) == r->site.id));
		}
		json_object_set_new(d, "sites", sites);
		json_object_set_new(d, "has_sites",
		    json_boolean(json_array_size(sites) > 1));
		cur = r->req->path;
		if (strncmp(cur, "/admin/articles", 15) == 0)
			cur = "/admin/articles";
		else if (strncmp(cur, "/admin/users", 12) == 0)
			cur = "/admin/users";
		else if (strcmp(cur, "/admin") == 0)
			cur = "/admin/";
		else if (strncmp(cur, "/admin/media", 12) == 0)
			cur = "/admin/media";
		nav_add(nav, r, "nav_dashboard", "/admin/", cur);
		nav_add(nav, r, "nav_articles", "/admin/articles", cur);
		nav_add(nav, r, "nav_media", "/admin/media", cur);
		if (admin) {
			nav_add(nav, r, "nav_wordlist", "/admin/wordlist", cur);
			nav_add(nav, r, "nav_channels", "/admin/channels", cur);
			nav_add(nav, r, "nav_users", "/admin/users", cur);
			nav_add(nav, r, "nav_site", "/admin/site", cur);
			nav_add(nav, r, "nav_audit", "/admin/audit", cur);
		}
	}
	json_object_set_new(d, "nav", nav);
	ok = http_request_arg(r->req, "ok");
	err = http_request_arg(r->req, "error");
	if (r->flash_error)
		err = r->flash_error;
	if (err && *err)
		json_object_set_new(d, "flash", json_pack("{ss}", "error",
		    err));
	else if (ok && *ok) {
		snprintf(k, sizeof k, "done_%s", ok);
		json_object_set_new(d, "flash", json_pack("{ss}", "ok",
		    json_object_get(r->i18n, k) ? page_tr(r, k) : page_tr(r, "done")));
	}
	json_object_set_new(d, "page", page);
	buf_reset(&r->rep->body);
	rc = tmpl_render(t, r->a->theme->templates, d, &r->rep->body, &why);
	json_decref(d);
	if (rc)
		fprintf(stderr, "gazette: admin: page %s: %s\n", kind,
		    buf_cstr(&why));
	buf_free(&why);
	buf_free(&url);
	r->rep->status = status;
	r->rep->content_type = "text/html; charset=utf-8";
	return rc;
}

/* A page that says what went wrong (403, 404, ...). */
void
page_pagination(json_t *page, const char *path, const char *const keys[])
{
	int64_t pg = json_integer_value(json_object_get(page, "page"));
	int64_t per = json_integer_value(json_object_get(page, "per_page"));
	int64_t total = json_integer_value(json_object_get(page, "total"));
	int64_t pages = per > 0 ? (total + per - 1) / per : 1, to;
	json_t *f = json_object_get(page, "filters"), *v, *p;
	struct buf q = BUF_INIT;
	size_t i, k;

	if (pages <= 1)
		return;
	p = json_pack("{sI sI}", "page", (json_int_t)pg, "pages",
	    (json_int_t)pages);
	for (i = 0; p && i < 2; i++) {
		to = i == 0 ? pg - 1 : pg + 1;
		if (to < 1 || to > pages)
			continue;
		buf_reset(&q);
		buf_printf(&q, "%s?", path);
		for (k = 0; keys && keys[k]; k++) {
			v = json_object_get(f, keys[k]);
			if (json_is_true(v)) {
				buf_printf(&q, "%s=1&", keys[k]);
			} else if (json_string_length(v) > 0) {
				buf_printf(&q, "%s=", keys[k]);
				escape_url(&q, json_string_value(v),
				    json_string_length(v));
				buf_putc(&q, '&');
			}
		}
		buf_printf(&q, "page=%lld", (long long)to);
		json_object_set_new(p, i == 0 ? "prev_url" : "next_url",
		    json_string(buf_cstr(&q)));
	}
	buf_free(&q);
	json_object_set_new(page, "pagination", p);
}

int
page_error(struct admin_req *r)
{
	int status = r->status >= 400 ? r->status : 500;

	return page_render(r, "error", "title_error", json_pack("{si ss}",
	    "status", status, "message", r->out ? page_str(r->out, "error") :
	    page_tr(r, "error_unknown")), status);
}

/* Take the API's answer (r->out) as a page's data. */
json_t *
page_take(struct admin_req *r)
{
	json_t *o = r->out;

	r->out = NULL;
	return o;
}

/* --- the routes -------------------------------------------------------------- */

/* /admin/static/NAME: the admin theme's own files. */
static int
page_static(struct admin_req *r, const char *name)
{
	struct buf p = BUF_INIT, why = BUF_INIT;
	const char *type;
	int rc;

	if (strchr(name, '/') || *name == '.' || *name == '\0') {
		http_reply_not_found(r->rep);
		return GZ_OK;
	}
	buf_printf(&p, "%s/static/%s", r->a->theme->dir, name);
	rc = file_read(buf_cstr(&p), 4u << 20, &r->rep->body, &why);
	buf_free(&p);
	buf_free(&why);
	if (rc) {
		buf_reset(&r->rep->body);
		http_reply_not_found(r->rep);
		return GZ_OK;
	}
	type = http_mime_type(name, strlen(name));
	r->rep->content_type = type;
	/* The editor's files (vendor-*) change only with its version. */
	r->rep->cache_control = strncmp(name, "vendor-", 7) == 0 ?
	    "private, max-age=86400" : "no-cache";
	return GZ_OK;
}

/* Where to go after logging in: an admin page, nothing else. */
static const char *
safe_next(const char *next)
{
	if (next && strncmp(next, "/admin", 6) == 0 &&
	    (next[6] == '\0' || next[6] == '/' || next[6] == '?') &&
	    !strchr(next, '\\') && !strstr(next, "//"))
		return next;
	return "/admin/";
}

static int
page_login(struct admin_req *r)
{
	const char *next = safe_next(http_request_arg(r->req, "next"));
	int rc;

	if (strcmp(r->req->method, "POST") == 0) {
		if ((rc = admin_login(r)))
			return rc;
		if (r->status == 200) {
			/* The session cookie is set: on to the page. */
			return redirect(r, next);
		}
		r->flash_error = page_str(r->out, "error");
		rc = page_render(r, "login", "title_login", json_pack("{ss}",
		    "next", next), r->status);
		return rc;
	}
	if (r->logged_in)
		return redirect(r, next);
	return page_render(r, "login", "title_login", json_pack("{ss}", "next",
	    next), 200);
}

/* A form's work: run the API's function, then back to a page. */
static int
page_post(struct admin_req *r, const char *p)
{
	char to[300], id[32];
	const char *rest, *slash;
	int rc = GZ_OK;

	if (strcmp(p, "/admin/logout") == 0) {
		if ((rc = admin_logout(r)))
			return rc;
		return redirect(r, "/admin/login?ok=logged_out");
	}
	if (strcmp(p, "/admin/articles") == 0) {
		if ((rc = admin_articles(r, "")))
			return rc;
		if (r->status >= 400)
			return redirect_done(r, "/admin/articles/new", "");
		snprintf(to, sizeof to, "/admin/articles/%lld", (long long)
		    json_integer_value(json_object_get(json_object_get(r->out,
		    "article"), "id")));
		return redirect_done(r, to, "created");
	}
	if (strncmp(p, "/admin/articles/", 16) == 0) {
		rest = p + 16;
		slash = strchr(rest, '/');
		snprintf(id, sizeof id, "%.*s", slash ? (int)(slash - rest) :
		    (int)strlen(rest), rest);
		if ((rc = admin_articles(r, p + 15)))
			return rc;
		snprintf(to, sizeof to, "/admin/articles/%s", id);
		return redirect_done(r, to, slash == NULL ? "saved" :
		    strstr(slash, "/restore") ? "restored" : slash + 1);
	}
	if (strcmp(p, "/admin/media") == 0 ||
	    strncmp(p, "/admin/media/", 13) == 0) {
		if ((rc = admin_media(r, p + 12)))
			return rc;
		return redirect_done(r, "/admin/media", p[12] ? "deleted" :
		    "uploaded");
	}
	if (strcmp(p, "/admin/wordlist") == 0) {
		if ((rc = admin_wordlist(r)))
			return rc;
		return redirect_done(r, "/admin/wordlist", "saved");
	}
	if (strcmp(p, "/admin/channels") == 0 ||
	    strncmp(p, "/admin/channels/", 16) == 0) {
		if ((rc = admin_channels(r, p + 15)))
			return rc;
		return redirect_done(r, "/admin/channels", "saved");
	}
	if (strcmp(p, "/admin/users") == 0) {
		if ((rc = admin_users(r, "")))
			return rc;
		if (r->status >= 400)
			return redirect_done(r, "/admin/users", "");
		snprintf(to, sizeof to, "/admin/users/%s", page_str(json_object_get(
		    r->out, "user"), "name"));
		return redirect_done(r, to, "created");
	}
	if (strncmp(p, "/admin/users/", 13) == 0) {
		rest = p + 13;
		slash = strchr(rest, '/');
		if ((rc = admin_users(r, p + 12)))
			return rc;
		snprintf(to, sizeof to, "/admin/users/%.*s", slash ?
		    (int)(slash - rest) : (int)strlen(rest), rest);
		return redirect_done(r, to, slash ? slash + 1 : "saved");
	}
	if (strcmp(p, "/admin/site") == 0) {
		if ((rc = admin_site_settings(r)))
			return rc;
		return redirect_done(r, "/admin/site", "saved");
	}
	r->status = 404;
	json_decref(r->out);
	r->out = json_pack("{ss}", "error", page_tr(r, "error_not_found"));
	return page_error(r);
}

static int
page_get(struct admin_req *r, const char *p)
{
	if (strcmp(p, "/admin") == 0 || strcmp(p, "/admin/") == 0)
		return view_dashboard(r);
	if (strcmp(p, "/admin/articles") == 0)
		return view_articles(r);
	if (strcmp(p, "/admin/articles/new") == 0)
		return view_article_new(r);
	if (strncmp(p, "/admin/articles/", 16) == 0 && !strchr(p + 16, '/'))
		return view_article(r, p + 16);
	if (strncmp(p, "/admin/articles/", 16) == 0) {
		const char *id = p + 16, *rest = strchr(id, '/');
		char num[24];
		snprintf(num, sizeof num, "%.*s", (int)(rest - id), id);
		if (strcmp(rest, "/revisions") == 0)
			return view_revisions(r, num);
		if (strcmp(rest, "/diff") == 0)
			return view_diff(r, num);
		if (strcmp(rest, "/preview") == 0)
			return view_preview(r, num);
	}
	if (strcmp(p, "/admin/media") == 0)
		return view_media(r);
	if (strcmp(p, "/admin/wordlist") == 0)
		return view_wordlist(r);
	if (strcmp(p, "/admin/channels") == 0) {
		if (!admin_is_admin(r, r->site.id)) {
			admin_fail(r, 403, "%s", page_tr(r, "error_admin_only"));
			return page_error(r);
		}
		return view_channels(r);
	}
	if (strcmp(p, "/admin/users") == 0)
		return view_users(r, NULL);
	if (strncmp(p, "/admin/users/", 13) == 0 && !strchr(p + 13, '/'))
		return view_users(r, p + 13);
	if (strcmp(p, "/admin/site") == 0) {
		int rc = admin_site_settings(r);
		if (rc || r->status >= 400)
			return rc ? rc : page_error(r);
		json_t *o = page_take(r);
		json_t *page = json_pack("{sO}", "site", json_object_get(o,
		    "site"));
		json_decref(o);
		return page_render(r, "site", "title_site", page, 200);
	}
	if (strcmp(p, "/admin/audit") == 0)
		return view_audit(r);
	r->status = 404;
	json_decref(r->out);
	r->out = json_pack("{ss}", "error", page_tr(r, "error_not_found"));
	return page_error(r);
}

/* The language of the interface: ?lang= (kept in a cookie), the cookie,
 * or the browser's first choice. */
static void
choose_lang(struct admin_req *r)
{
	const char *q = http_request_arg(r->req, "lang");
	const char *c = http_request_cookie(r->req, "gz_lang");
	const char *al = http_request_header(r->req, "Accept-Language");

	if (q && (strcmp(q, "zh") == 0 || strcmp(q, "en") == 0)) {
		char cookie[80];
		r->lang = strcmp(q, "zh") == 0 ? "zh" : "en";
		snprintf(cookie, sizeof cookie, "gz_lang=%s; Path=/admin; "
		    "SameSite=Strict; Max-Age=31536000", r->lang);
		http_reply_header(r->rep, "Set-Cookie", cookie);
	} else if (c && (strcmp(c, "zh") == 0 || strcmp(c, "en") == 0)) {
		r->lang = strcmp(c, "zh") == 0 ? "zh" : "en";
	} else if (al && strncasecmp(al, "en", 2) == 0) {
		r->lang = "en";
	} else {
		r->lang = "zh";
	}
	r->i18n = theme_strings(r->a->theme, r->lang);
}

/* The site the pages are about, and the sites the user may switch to. */
static int
choose_site(struct admin_req *r)
{
	json_t *o;
	int rc;

	json_t *p;
	size_t i;

	if ((rc = admin_me_data(r, &o)))
		return rc;
	r->sites = json_incref(json_object_get(o, "sites"));
	/* Whether the user may write somewhere (the "New" button). */
	json_array_foreach(json_object_get(o, "permissions"), i, p)
		if (strcmp(page_str(p, "can"), "review") != 0)
			r->can_write = 1;
	json_decref(o);
	if (admin_site(r, &r->site) || r->status >= 400)
		return GZ_ENOTFOUND;
	/* ?site=NAME switches site: forms and later pages follow it. */
	if (http_request_arg(r->req, "site") && r->site.name) {
		struct buf c = BUF_INIT;
		buf_puts(&c, "gz_site=");
		escape_url(&c, r->site.name, strlen(r->site.name));
		buf_puts(&c, "; Path=/; HttpOnly; SameSite=Strict");
		rc = buf_error(&c) ? GZ_ENOMEM : http_reply_header(r->rep,
		    "Set-Cookie", buf_cstr(&c));
		buf_free(&c);
	}
	return rc;
}

int
admin_page(struct admin_req *r)
{
	const char *p = r->req->path;
	int post = strcmp(r->req->method, "POST") == 0, rc;
	const char *csrf;
	struct buf to = BUF_INIT;

	if (strncmp(p, "/admin/static/", 14) == 0)
		return page_static(r, p + 14);
	choose_lang(r);
	if (r->i18n == NULL)
		return GZ_ENOMEM;
	if (!post && strcmp(r->req->method, "GET") &&
	    strcmp(r->req->method, "HEAD")) {
		http_reply_header(r->rep, "Allow", "GET, POST");
		r->rep->status = 405;
		return GZ_OK;
	}
	if (strcmp(p, "/admin/login") == 0)
		return page_login(r);
	if (!r->logged_in) {
		/* Back here after logging in. */
		buf_puts(&to, "/admin/login?next=");
		escape_url(&to, p, strlen(p));
		rc = buf_error(&to) ? GZ_ENOMEM : redirect(r, buf_cstr(&to));
		buf_free(&to);
		return rc;
	}
	if (choose_site(r))
		return r->status >= 400 ? page_error(r) : GZ_ENOMEM;
	if (post) {
		csrf = http_request_arg(r->req, "csrf");
		if (!session_csrf_ok(&r->sess, csrf)) {
			json_decref(r->out);
			r->out = json_pack("{ss}", "error",
			    page_tr(r, "error_csrf"));
			r->status = 403;
			return page_error(r);
		}
		return page_post(r, p);
	}
	return page_get(r, p);
}
