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

static const char *
str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));

	return s ? s : "";
}

/* The interface string k of the page's language, or k itself. */
static const char *
tr(const struct admin_req *r, const char *k)
{
	const char *s = json_string_value(json_object_get(r->i18n, k));

	return s ? s : k;
}

/* Replace {name} in a string of the interface by v. */
static void
tr_fill(struct buf *out, const char *text, const char *name, const char *v)
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
static json_t *
time_text(int64_t t, int offset)
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
static json_t *
time_input(int64_t t, int offset)
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
static json_t *
state_text(const struct admin_req *r, const char *work, const char *status,
    int level, int levels)
{
	struct buf b = BUF_INIT;
	char k[40], n[16], m[16];
	json_t *j;

	if (strcmp(work, "review") == 0) {
		snprintf(n, sizeof n, "%d", level);
		snprintf(m, sizeof m, "%d", levels);
		struct buf t = BUF_INIT;
		tr_fill(&t, tr(r, "state_review_level"), "level", n);
		tr_fill(&b, buf_cstr(&t), "levels", m);
		buf_free(&t);
	} else if (*work && strcmp(work, "none") != 0) {
		snprintf(k, sizeof k, "state_%s", work);
		buf_puts(&b, tr(r, k));
		if (strcmp(status, "published") == 0) {
			buf_puts(&b, tr(r, "state_sep"));
			buf_puts(&b, tr(r, "state_published"));
		}
	} else {
		snprintf(k, sizeof k, "state_%s", status);
		buf_puts(&b, tr(r, k));
	}
	j = json_string(buf_cstr(&b));
	buf_free(&b);
	return j;
}

/* The public address of an article of the site. */
static json_t *
public_url(const char *lang, const char *default_lang, const char *path,
    const char *slug)
{
	struct buf b = BUF_INIT;
	json_t *j;

	if (strcmp(lang, default_lang) != 0)
		buf_printf(&b, "/%s", lang);
	buf_printf(&b, "/%s/%s.html", path, slug);
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
	const char *err = r->status >= 400 ? str(r->out, "error") : NULL;
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
	json_array_append_new(nav, json_pack("{ss ss sb}", "name", tr(r, key),
	    "url", url, "current", strcmp(url, current) == 0));
}

/* Render template kind with page (stolen) and what every page has. */
static int
render(struct admin_req *r, const char *kind, const char *title_key,
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
	json_object_set_new(d, "title", json_string(tr(r, title_key)));
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
			buf_printf(&url, "/admin/?site=%s", str(s, "name"));
			json_array_append_new(sites, json_pack("{ss ss ss sb}",
			    "name", str(s, "name"), "title", str(s, "title"),
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
		nav_add(nav, r, "nav_dashboard", "/admin/", cur);
		nav_add(nav, r, "nav_articles", "/admin/articles", cur);
		if (admin) {
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
		    json_object_get(r->i18n, k) ? tr(r, k) : tr(r, "done")));
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
static int
render_error(struct admin_req *r)
{
	int status = r->status >= 400 ? r->status : 500;

	return render(r, "error", "title_error", json_pack("{si ss}",
	    "status", status, "message", r->out ? str(r->out, "error") :
	    tr(r, "error_unknown")), status);
}

/* Take the API's answer (r->out) as a page's data. */
static json_t *
take(struct admin_req *r)
{
	json_t *o = r->out;

	r->out = NULL;
	return o;
}

/* --- decorations: what a person reads -------------------------------------- */

static int
site_offset(const struct admin_req *r)
{
	return (int)site_setting_int(&r->site, "utc_offset", 480);
}

static void
decorate_items(struct admin_req *r, json_t *items)
{
	json_t *it;
	size_t i;
	char url[64];

	json_array_foreach(items, i, it) {
		snprintf(url, sizeof url, "/admin/articles/%lld", (long long)
		    json_integer_value(json_object_get(it, "id")));
		json_object_set_new(it, "url", json_string(url));
		json_object_set_new(it, "state_text", state_text(r, str(it,
		    "state"), str(it, "status"), (int)json_integer_value(
		    json_object_get(it, "level")), (int)json_integer_value(
		    json_object_get(it, "levels"))));
		json_object_set_new(it, "updated_text", time_text(
		    json_integer_value(json_object_get(it, "updated")),
		    site_offset(r)));
		json_object_set_new(it, "date_text", time_text(
		    json_integer_value(json_object_get(it, "date")),
		    site_offset(r)));
	}
}

/* Counts {"level 1": 3} as a list to show. */
static json_t *
count_list(struct admin_req *r, json_t *counts, int by_level)
{
	json_t *arr = json_array(), *v;
	const char *k;
	char key[40];

	json_object_foreach(counts, k, v) {
		struct buf b = BUF_INIT;
		if (by_level) {
			tr_fill(&b, tr(r, "queue_level"), "level",
			    k + (strncmp(k, "level ", 6) == 0 ? 6 : 0));
		} else {
			snprintf(key, sizeof key, "state_%s", k);
			buf_puts(&b, tr(r, key));
		}
		json_array_append_new(arr, json_pack("{ss sI}", "label",
		    buf_cstr(&b), "n", json_integer_value(v)));
		buf_free(&b);
	}
	return arr;
}

/* GET /admin/ */
static int
page_dashboard(struct admin_req *r)
{
	json_t *page = json_object(), *o, *it;
	size_t i;
	int rc;

	if ((rc = admin_worklist(r, 1)) || r->status >= 400)
		goto fail;
	o = take(r);
	decorate_items(r, json_object_get(o, "items"));
	json_object_set_new(o, "count_list", count_list(r,
	    json_object_get(o, "counts"), 0));
	json_object_set_new(page, "mine", o);
	if ((rc = admin_worklist(r, 0)) || r->status >= 400)
		goto fail;
	o = take(r);
	decorate_items(r, json_object_get(o, "items"));
	json_object_set_new(o, "count_list", count_list(r,
	    json_object_get(o, "counts"), 1));
	json_object_set_new(page, "queue", o);
	if ((rc = admin_dashboard(r)) || r->status >= 400)
		goto fail;
	o = take(r);
	json_array_foreach(json_object_get(o, "top_today"), i, it) {
		char url[64];
		snprintf(url, sizeof url, "/admin/articles/%lld", (long long)
		    json_integer_value(json_object_get(it, "id")));
		json_object_set_new(it, "url", json_string(url));
	}
	json_array_foreach(json_object_get(o, "recent"), i, it) {
		char url[64];
		snprintf(url, sizeof url, "/admin/articles/%lld", (long long)
		    json_integer_value(json_object_get(it, "id")));
		json_object_set_new(it, "url", json_string(url));
		json_object_set_new(it, "date_text", time_text(
		    json_integer_value(json_object_get(it, "date")),
		    site_offset(r)));
	}
	json_object_set(page, "recent", json_object_get(o, "recent"));
	json_object_set(page, "visits_today", json_object_get(o,
	    "visits_today"));
	json_object_set(page, "top_today", json_object_get(o, "top_today"));
	json_object_set_new(page, "can_create", json_boolean(
	    admin_is_admin(r, r->site.id) || r->can_write));
	json_decref(o);
	return render(r, "dashboard", "title_dashboard", page, 200);
fail:
	json_decref(page);
	return rc ? rc : render_error(r);
}

struct chan_opts {
	struct admin_req *r;
	json_t *arr;
	const char *selected;   /* "LANG/PATH" */
	int editable_only;
};

/* The channels as options of a <select>: "LANG/PATH", indented. */
static json_t *
channel_options(struct admin_req *r, json_t *channels, const char *selected,
    int editable_only)
{
	json_t *arr = json_array(), *c;
	size_t i;
	int k;

	json_array_foreach(channels, i, c) {
		struct buf v = BUF_INIT, label = BUF_INIT;
		if (editable_only && !admin_is_admin(r, r->site.id)) {
			int e, m;
			unsigned rv;
			if (store_permission_of(r->st, r->user.id,
			    json_integer_value(json_object_get(c, "id")), &e,
			    &rv, &m) || (!e && !m)) {
				buf_free(&v);
				continue;
			}
		}
		buf_printf(&v, "%s/%s", str(c, "lang"), str(c, "path"));
		buf_printf(&label, "%s · ", str(c, "lang"));
		for (k = 0; k < json_integer_value(json_object_get(c,
		    "depth")); k++)
			buf_puts(&label, "— ");
		buf_puts(&label, str(c, "name"));
		json_array_append_new(arr, json_pack("{ss ss ss ss ss sb}",
		    "value", buf_cstr(&v), "lang", str(c, "lang"), "path",
		    str(c, "path"), "name", str(c, "name"), "label",
		    buf_cstr(&label), "selected", selected &&
		    strcmp(selected, buf_cstr(&v)) == 0));
		buf_free(&v);
		buf_free(&label);
	}
	return arr;
}

/* The site's channels (the API's list), or NULL after answering. */
static json_t *
site_channels(struct admin_req *r)
{
	json_t *o, *ch;

	if (admin_channels(r, "") || r->status >= 400)
		return NULL;
	o = take(r);
	ch = json_incref(json_object_get(o, "channels"));
	json_decref(o);
	return ch;
}

/* GET /admin/articles */
static int
page_articles(struct admin_req *r)
{
	static const char *const states[] = {"draft", "review", "returned",
	    "published", "offline", NULL};
	json_t *page, *channels, *f, *arr;
	const char *v, *st = http_request_arg(r->req, "status");
	const char *lang = http_request_arg(r->req, "lang");
	const char *ch = http_request_arg(r->req, "channel");
	struct buf sel = BUF_INIT;
	char k[40];
	int64_t pg, pages, per, total;
	int i, rc;

	if ((rc = admin_articles(r, "")) || r->status >= 400)
		return rc ? rc : render_error(r);
	page = take(r);
	decorate_items(r, json_object_get(page, "articles"));
	f = json_object();
	for (i = 0; i < 7; i++) {
		static const char *const keys[] = {"lang", "channel", "status",
		    "author", "q", "from", "to"};
		v = http_request_arg(r->req, keys[i]);
		json_object_set_new(f, keys[i], json_string(v ? v : ""));
	}
	json_object_set_new(page, "filters", f);
	if ((channels = site_channels(r)) == NULL) {
		json_decref(page);
		return render_error(r);
	}
	if (lang && ch && *ch)
		buf_printf(&sel, "%s/%s", lang, ch);
	json_object_set_new(page, "channels", channel_options(r, channels,
	    buf_cstr(&sel), 0));
	json_decref(channels);
	buf_free(&sel);
	arr = json_array();
	for (i = 0; states[i]; i++) {
		snprintf(k, sizeof k, "state_%s", states[i]);
		json_array_append_new(arr, json_pack("{ss ss sb}", "value",
		    states[i], "label", tr(r, k), "selected", st &&
		    strcmp(st, states[i]) == 0));
	}
	json_object_set_new(page, "statuses", arr);
	arr = json_array();
	{
		char *langs = strdup(r->site.languages ? r->site.languages :
		    ""), *tok, *save = NULL;
		for (tok = langs ? strtok_r(langs, ",", &save) : NULL; tok;
		    tok = strtok_r(NULL, ",", &save)) {
			snprintf(k, sizeof k, "lang_%s", tok);
			json_array_append_new(arr, json_pack("{ss ss sb}",
			    "code", tok, "name", tr(r, k), "selected", lang &&
			    strcmp(lang, tok) == 0));
		}
		free(langs);
	}
	json_object_set_new(page, "langs", arr);
	pg = json_integer_value(json_object_get(page, "page"));
	per = json_integer_value(json_object_get(page, "per_page"));
	total = json_integer_value(json_object_get(page, "total"));
	pages = per > 0 ? (total + per - 1) / per : 1;
	if (pages > 1) {
		struct buf q = BUF_INIT;
		const char *query = r->req->query;
		json_t *p = json_pack("{sI sI}", "page", (json_int_t)pg,
		    "pages", (json_int_t)pages);
		/* The same filters, another page. */
		for (i = 0; i < 2; i++) {
			int64_t to = i == 0 ? pg - 1 : pg + 1;
			char num[40];
			if (to < 1 || to > pages)
				continue;
			buf_reset(&q);
			buf_puts(&q, "/admin/articles?");
			{
				json_t *fv;
				const char *fk;
				json_object_foreach(json_object_get(page,
				    "filters"), fk, fv) {
					if (!*json_string_value(fv))
						continue;
					buf_printf(&q, "%s=", fk);
					escape_url(&q,
					    json_string_value(fv),
					    json_string_length(fv));
					buf_putc(&q, '&');
				}
			}
			snprintf(num, sizeof num, "page=%lld", (long long)to);
			buf_puts(&q, num);
			json_object_set_new(p, i == 0 ? "prev_url" : "next_url",
			    json_string(buf_cstr(&q)));
		}
		(void)query;
		buf_free(&q);
		json_object_set_new(page, "pagination", p);
	}
	json_object_set_new(page, "can_create", json_boolean(
	    admin_is_admin(r, r->site.id) || r->can_write));
	return render(r, "articles", "title_articles", page, 200);
}

/* GET /admin/articles/new */
static int
page_article_new(struct admin_req *r)
{
	json_t *channels = site_channels(r);

	if (channels == NULL)
		return render_error(r);
	json_t *page = json_pack("{so}", "channels", channel_options(r,
	    channels, NULL, 1));
	json_decref(channels);
	return render(r, "article_new", "title_article_new", page, 200);
}

/* GET /admin/articles/ID */
static int
page_article(struct admin_req *r, const char *id)
{
	static const char *const acts[] = {"edit", "submit", "withdraw",
	    "approve", "return", "offline", "discard", NULL};
	json_t *page, *a, *src, *form, *can, *h;
	struct buf path = BUF_INIT, tags = BUF_INIT;
	int offset, rc, i;
	size_t k;
	const char *fmt;

	buf_printf(&path, "/%s", id);
	rc = admin_articles(r, buf_cstr(&path));
	buf_free(&path);
	if (rc || r->status >= 400)
		return rc ? rc : render_error(r);
	page = take(r);
	a = json_object_get(page, "article");
	src = json_object_get(page, "pending");
	if (src == NULL || json_is_null(src))
		src = a;
	offset = (int)json_integer_value(json_object_get(a, "date_offset"));
	form = json_object();
	for (i = 0; i < 6; i++) {
		static const char *const keys[] = {"title", "subtitle",
		    "author", "source", "summary", "body"};
		json_object_set_new(form, keys[i], json_string(str(src,
		    keys[i])));
	}
	fmt = str(src, "format");
	json_object_set_new(form, "format_markdown", json_boolean(
	    strcmp(fmt, "html") != 0));
	json_object_set_new(form, "format_html", json_boolean(
	    strcmp(fmt, "html") == 0));
	json_array_foreach(json_object_get(src, "tags"), k, h) {
		if (k)
			buf_puts(&tags, ", ");
		buf_puts(&tags, json_string_value(h) ? json_string_value(h) :
		    "");
	}
	json_object_set_new(form, "tags", json_string(buf_cstr(&tags)));
	buf_free(&tags);
	json_object_set_new(form, "date", time_input(json_integer_value(
	    json_object_get(src, "date")), offset));
	json_object_set(form, "weight", json_object_get(src, "weight"));
	json_object_set_new(page, "form", form);
	can = json_object();
	for (i = 0; acts[i]; i++) {
		json_t *x;
		int yes = 0;
		json_array_foreach(json_object_get(page, "actions"), k, x)
			yes |= strcmp(json_string_value(x), acts[i]) == 0;
		json_object_set_new(can, acts[i], json_boolean(yes));
	}
	json_object_set_new(page, "can", can);
	json_object_set_new(page, "state_text", state_text(r, str(
	    json_object_get(page, "work"), "state"), str(a, "status"),
	    (int)json_integer_value(json_object_get(json_object_get(page,
	    "work"), "level")), (int)json_integer_value(json_object_get(
	    json_object_get(page, "work"), "levels"))));
	if (strcmp(str(a, "status"), "published") == 0)
		json_object_set_new(page, "public_url", public_url(str(a,
		    "lang"), r->site.default_lang ? r->site.default_lang : "",
		    str(a, "channel"), str(a, "slug")));
	json_object_set_new(page, "has_pending", json_boolean(src != a &&
	    strcmp(str(a, "status"), "published") == 0));
	json_array_foreach(json_object_get(page, "history"), k, h) {
		char key[40];
		snprintf(key, sizeof key, "act_%s", str(h, "action"));
		json_object_set_new(h, "at_text", time_text(json_integer_value(
		    json_object_get(h, "at")), site_offset(r)));
		json_object_set_new(h, "action_text", json_string(tr(r, key)));
	}
	{
		struct channel ch = {0};
		if (store_channel_get(r->st, json_integer_value(
		    json_object_get(a, "channel_id")), &ch) == GZ_OK)
			json_object_set_new(page, "channel", json_pack(
			    "{ss ss ss si}", "name", ch.name, "path", ch.path,
			    "lang", ch.lang, "levels", ch.review_levels));
		channel_clear(&ch);
	}
	return render(r, "article", "title_article", page, 200);
}

/* GET /admin/channels */
static int
page_channels(struct admin_req *r)
{
	json_t *channels, *langs = json_array(), *c, *l = NULL;
	const char *cur = NULL;
	char k[40];
	size_t i, j;

	if ((channels = site_channels(r)) == NULL) {
		json_decref(langs);
		return render_error(r);
	}
	json_array_foreach(channels, i, c) {
		if (cur == NULL || strcmp(cur, str(c, "lang")) != 0) {
			cur = str(c, "lang");
			snprintf(k, sizeof k, "lang_%s", cur);
			l = json_pack("{ss ss s[]}", "code", cur, "name",
			    tr(r, k), "channels");
			json_array_append_new(langs, l);
		}
		/* Whether a sibling comes before or after it. */
		int up = 0, down = 0;
		json_t *o;
		json_array_foreach(channels, j, o) {
			if (j == i || strcmp(str(o, "lang"), cur) ||
			    json_integer_value(json_object_get(o,
			    "parent_id")) != json_integer_value(
			    json_object_get(c, "parent_id")))
				continue;
			if (j < i)
				up = 1;
			else
				down = 1;
		}
		json_object_set_new(c, "can_up", json_boolean(up));
		json_object_set_new(c, "can_down", json_boolean(down));
		{
			const char *p = str(c, "path"), *slash = strrchr(p,
			    '/');
			json_object_set_new(c, "parent_path", slash ?
			    json_stringn(p, (size_t)(slash - p)) :
			    json_string(""));
		}
		json_object_set_new(c, "indent", json_integer(
		    json_integer_value(json_object_get(c, "depth"))));
		json_array_append(json_object_get(l, "channels"), c);
	}
	json_decref(channels);
	return render(r, "channels", "title_channels", json_pack("{so}",
	    "langs", langs), 200);
}

/* GET /admin/users, /admin/users/NAME */
static int
page_users(struct admin_req *r, const char *name)
{
	static const char *const roles[] = {"editor", "reviewer", "site_admin",
	    "admin", NULL};
	json_t *page, *u, *arr, *p, *channels;
	struct buf path = BUF_INIT;
	char k[40], url[300];
	size_t i;
	int rc;

	if (name)
		buf_printf(&path, "/%s", name);
	rc = admin_users(r, buf_cstr(&path));
	buf_free(&path);
	if (rc || r->status >= 400)
		return rc ? rc : render_error(r);
	page = take(r);
	if (name == NULL) {
		json_array_foreach(json_object_get(page, "users"), i, u) {
			snprintf(url, sizeof url, "/admin/users/%s",
			    str(u, "name"));
			json_object_set_new(u, "url", json_string(url));
			snprintf(k, sizeof k, "role_%s", str(u, "role"));
			json_object_set_new(u, "role_text",
			    json_string(tr(r, k)));
		}
		arr = json_array();
		for (i = 0; roles[i]; i++) {
			snprintf(k, sizeof k, "role_%s", roles[i]);
			json_array_append_new(arr, json_pack("{ss ss sb}",
			    "value", roles[i], "label", tr(r, k), "selected",
			    i == 0));
		}
		json_object_set_new(page, "roles", arr);
		return render(r, "users", "title_users", page, 200);
	}
	u = json_object_get(page, "user");
	snprintf(k, sizeof k, "role_%s", str(u, "role"));
	json_object_set_new(u, "role_text", json_string(tr(r, k)));
	arr = json_array();
	for (i = 0; roles[i]; i++) {
		snprintf(k, sizeof k, "role_%s", roles[i]);
		json_array_append_new(arr, json_pack("{ss ss sb}", "value",
		    roles[i], "label", tr(r, k), "selected", strcmp(roles[i],
		    str(u, "role")) == 0));
	}
	json_object_set_new(page, "roles", arr);
	json_array_foreach(json_object_get(page, "permissions"), i, p) {
		snprintf(url, sizeof url, "/admin/users/%s/revoke", name);
		json_object_set_new(p, "revoke_url", json_string(url));
		snprintf(k, sizeof k, "can_%s", str(p, "can"));
		json_object_set_new(p, "can_text", json_string(tr(r, k)));
		json_object_set_new(p, "value", json_sprintf("%s/%s",
		    str(p, "lang"), str(p, "channel")));
	}
	if ((channels = site_channels(r)) == NULL) {
		json_decref(page);
		return render_error(r);
	}
	json_object_set_new(page, "channels", channel_options(r, channels,
	    NULL, 0));
	json_decref(channels);
	return render(r, "user", "title_user", page, 200);
}

/* GET /admin/audit */
static int
page_audit(struct admin_req *r)
{
	json_t *page, *e, *f;
	size_t i;
	int rc;

	if ((rc = admin_audit_list(r)) || r->status >= 400)
		return rc ? rc : render_error(r);
	page = take(r);
	json_array_foreach(json_object_get(page, "entries"), i, e)
		json_object_set_new(e, "at_text", time_text(json_integer_value(
		    json_object_get(e, "at")), site_offset(r)));
	f = json_object();
	for (i = 0; i < 4; i++) {
		static const char *const keys[] = {"actor", "action", "from",
		    "to"};
		const char *v = http_request_arg(r->req, keys[i]);
		json_object_set_new(f, keys[i], json_string(v ? v : ""));
	}
	json_object_set_new(page, "filters", f);
	{
		int64_t pg = json_integer_value(json_object_get(page, "page"));
		int64_t per = json_integer_value(json_object_get(page,
		    "per_page"));
		int64_t total = json_integer_value(json_object_get(page,
		    "total"));
		int64_t pages = per > 0 ? (total + per - 1) / per : 1;
		if (pages > 1) {
			char prev[64], next[64];
			snprintf(prev, sizeof prev, "/admin/audit?page=%lld",
			    (long long)pg - 1);
			snprintf(next, sizeof next, "/admin/audit?page=%lld",
			    (long long)pg + 1);
			json_object_set_new(page, "pagination", json_pack(
			    "{sI sI so* so*}", "page", (json_int_t)pg, "pages",
			    (json_int_t)pages, "prev_url", pg > 1 ?
			    json_string(prev) : NULL, "next_url", pg < pages ?
			    json_string(next) : NULL));
		}
	}
	return render(r, "audit", "title_audit", page, 200);
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
	r->rep->cache_control = "no-cache";
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
		r->flash_error = str(r->out, "error");
		rc = render(r, "login", "title_login", json_pack("{ss}",
		    "next", next), r->status);
		return rc;
	}
	if (r->logged_in)
		return redirect(r, next);
	return render(r, "login", "title_login", json_pack("{ss}", "next",
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
		return redirect_done(r, to, slash ? slash + 1 : "saved");
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
		snprintf(to, sizeof to, "/admin/users/%s", str(json_object_get(
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
	r->out = json_pack("{ss}", "error", tr(r, "error_not_found"));
	return render_error(r);
}

static int
page_get(struct admin_req *r, const char *p)
{
	if (strcmp(p, "/admin") == 0 || strcmp(p, "/admin/") == 0)
		return page_dashboard(r);
	if (strcmp(p, "/admin/articles") == 0)
		return page_articles(r);
	if (strcmp(p, "/admin/articles/new") == 0)
		return page_article_new(r);
	if (strncmp(p, "/admin/articles/", 16) == 0 && !strchr(p + 16, '/'))
		return page_article(r, p + 16);
	if (strcmp(p, "/admin/channels") == 0) {
		if (!admin_is_admin(r, r->site.id)) {
			admin_fail(r, 403, "%s", tr(r, "error_admin_only"));
			return render_error(r);
		}
		return page_channels(r);
	}
	if (strcmp(p, "/admin/users") == 0)
		return page_users(r, NULL);
	if (strncmp(p, "/admin/users/", 13) == 0 && !strchr(p + 13, '/'))
		return page_users(r, p + 13);
	if (strcmp(p, "/admin/site") == 0) {
		int rc = admin_site_settings(r);
		if (rc || r->status >= 400)
			return rc ? rc : render_error(r);
		json_t *o = take(r);
		json_t *page = json_pack("{sO}", "site", json_object_get(o,
		    "site"));
		json_decref(o);
		return render(r, "site", "title_site", page, 200);
	}
	if (strcmp(p, "/admin/audit") == 0)
		return page_audit(r);
	r->status = 404;
	json_decref(r->out);
	r->out = json_pack("{ss}", "error", tr(r, "error_not_found"));
	return render_error(r);
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

	if ((rc = admin_me_data(r, &o)))
		return rc;
	r->sites = json_incref(json_object_get(o, "sites"));
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

/* Whether the user may write in some channel (the "New" button). */
static void
can_write(struct admin_req *r)
{
	json_t *o, *p;
	size_t i;

	if (admin_me_data(r, &o))
		return;
	json_array_foreach(json_object_get(o, "permissions"), i, p)
		if (strcmp(str(p, "can"), "review") != 0)
			r->can_write = 1;
	json_decref(o);
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
		return r->status >= 400 ? render_error(r) : GZ_ENOMEM;
	can_write(r);
	if (post) {
		csrf = http_request_arg(r->req, "csrf");
		if (!session_csrf_ok(&r->sess, csrf)) {
			json_decref(r->out);
			r->out = json_pack("{ss}", "error",
			    tr(r, "error_csrf"));
			r->status = 403;
			return render_error(r);
		}
		return page_post(r, p);
	}
	return page_get(r, p);
}
