/*
 * admin_view: what each admin page shows, made from the JSON API's
 * answers: dates, states and roles in words, links, the options of its
 * forms (docs/admin-pages.md).  admin_page.c renders and routes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_int.h"
#include "err.h"
#include "escape.h"
#include "theme.h"

static int
site_offset(const struct admin_req *r)
{
	return site_utc_offset(&r->site);
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
		json_object_set_new(it, "state_text", page_state_text(r, page_str(it,
		    "state"), page_str(it, "status"), (int)json_integer_value(
		    json_object_get(it, "level")), (int)json_integer_value(
		    json_object_get(it, "levels"))));
		json_object_set_new(it, "updated_text", page_time_text(
		    json_integer_value(json_object_get(it, "updated")),
		    site_offset(r)));
		json_object_set_new(it, "date_text", page_time_text(
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
			page_tr_fill(&b, page_tr(r, "queue_level"), "level",
			    k + (strncmp(k, "level ", 6) == 0 ? 6 : 0));
		} else {
			snprintf(key, sizeof key, "state_%s", k);
			buf_puts(&b, page_tr(r, key));
		}
		json_array_append_new(arr, json_pack("{ss sI}", "label",
		    buf_cstr(&b), "n", json_integer_value(v)));
		buf_free(&b);
	}
	return arr;
}

/* GET /admin/ */
int
view_dashboard(struct admin_req *r)
{
	json_t *page = json_object(), *o, *it;
	size_t i;
	int rc;

	if ((rc = admin_worklist(r, 1)) || r->status >= 400)
		goto fail;
	o = page_take(r);
	decorate_items(r, json_object_get(o, "items"));
	json_object_set_new(o, "count_list", count_list(r,
	    json_object_get(o, "counts"), 0));
	json_object_set_new(page, "mine", o);
	if ((rc = admin_worklist(r, 0)) || r->status >= 400)
		goto fail;
	o = page_take(r);
	decorate_items(r, json_object_get(o, "items"));
	json_object_set_new(o, "count_list", count_list(r,
	    json_object_get(o, "counts"), 1));
	json_object_set_new(page, "queue", o);
	if ((rc = admin_dashboard(r)) || r->status >= 400)
		goto fail;
	o = page_take(r);
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
		json_object_set_new(it, "date_text", page_time_text(
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
	return page_render(r, "dashboard", "title_dashboard", page, 200);
fail:
	json_decref(page);
	return rc ? rc : page_error(r);
}

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
		buf_printf(&v, "%s/%s", page_str(c, "lang"), page_str(c, "path"));
		buf_printf(&label, "%s · ", page_str(c, "lang"));
		for (k = 0; k < json_integer_value(json_object_get(c,
		    "depth")); k++)
			buf_puts(&label, "— ");
		buf_puts(&label, page_str(c, "name"));
		json_array_append_new(arr, json_pack("{ss ss ss ss ss sb}",
		    "value", buf_cstr(&v), "lang", page_str(c, "lang"), "path",
		    page_str(c, "path"), "name", page_str(c, "name"), "label",
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
	o = page_take(r);
	ch = json_incref(json_object_get(o, "channels"));
	json_decref(o);
	return ch;
}

/* GET /admin/articles */
int
view_articles(struct admin_req *r)
{
	static const char *const states[] = {"draft", "review", "returned",
	    "published", "offline", NULL};
	json_t *page, *channels, *f, *arr;
	const char *v, *st = http_request_arg(r->req, "status");
	const char *lang = http_request_arg(r->req, "lang");
	const char *ch = http_request_arg(r->req, "channel");
	struct buf sel = BUF_INIT;
	char k[40];
	int i, rc;

	if ((rc = admin_articles(r, "")) || r->status >= 400)
		return rc ? rc : page_error(r);
	page = page_take(r);
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
		return page_error(r);
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
		    states[i], "label", page_tr(r, k), "selected", st &&
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
			    "code", tok, "name", page_tr(r, k), "selected", lang &&
			    strcmp(lang, tok) == 0));
		}
		free(langs);
	}
	json_object_set_new(page, "langs", arr);
	{
		static const char *const keys[] = {"lang", "channel", "status",
		    "author", "q", "from", "to", "per_page", NULL};
		if ((v = http_request_arg(r->req, "per_page")) != NULL)
			json_object_set_new(json_object_get(page, "filters"),
			    "per_page", json_string(v));
		page_pagination(page, "/admin/articles", keys);
	}
	json_object_set_new(page, "can_create", json_boolean(
	    admin_is_admin(r, r->site.id) || r->can_write));
	return page_render(r, "articles", "title_articles", page, 200);
}

/* GET /admin/articles/new */
int
view_article_new(struct admin_req *r)
{
	json_t *channels = site_channels(r);

	if (channels == NULL)
		return page_error(r);
	json_t *page = json_pack("{so}", "channels", channel_options(r,
	    channels, NULL, 1));
	json_decref(channels);
	return page_render(r, "article_new", "title_article_new", page, 200);
}

/* GET /admin/articles/ID */
int
view_article(struct admin_req *r, const char *id)
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
		return rc ? rc : page_error(r);
	page = page_take(r);
	a = json_object_get(page, "article");
	src = json_object_get(page, "pending");
	if (src == NULL || json_is_null(src))
		src = a;
	offset = (int)json_integer_value(json_object_get(a, "date_offset"));
	form = json_object();
	for (i = 0; i < 6; i++) {
		static const char *const keys[] = {"title", "subtitle",
		    "author", "source", "summary", "body"};
		json_object_set_new(form, keys[i], json_string(page_str(src,
		    keys[i])));
	}
	fmt = page_str(src, "format");
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
	json_object_set_new(form, "date", page_time_input(json_integer_value(
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
	json_object_set_new(page, "state_text", page_state_text(r, page_str(
	    json_object_get(page, "work"), "state"), page_str(a, "status"),
	    (int)json_integer_value(json_object_get(json_object_get(page,
	    "work"), "level")), (int)json_integer_value(json_object_get(
	    json_object_get(page, "work"), "levels"))));
	if (json_object_get(a, "url"))
		json_object_set(page, "public_url", json_object_get(a, "url"));
	json_object_set_new(page, "has_pending", json_boolean(src != a &&
	    strcmp(page_str(a, "status"), "published") == 0));
	json_array_foreach(json_object_get(page, "history"), k, h) {
		char key[40];
		snprintf(key, sizeof key, "act_%s", page_str(h, "action"));
		json_object_set_new(h, "at_text", page_time_text(json_integer_value(
		    json_object_get(h, "at")), site_offset(r)));
		json_object_set_new(h, "action_text", json_string(page_tr(r, key)));
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
	if ((rc = view_article_extra(r, id, page))) {
		json_decref(page);
		return rc;
	}
	return page_render(r, "article", "title_article", page, 200);
}

/* GET /admin/channels */
int
view_channels(struct admin_req *r)
{
	json_t *channels, *langs = json_array(), *c, *l = NULL;
	const char *cur = NULL;
	char k[40];
	size_t i, j;

	if ((channels = site_channels(r)) == NULL) {
		json_decref(langs);
		return page_error(r);
	}
	json_array_foreach(channels, i, c) {
		if (cur == NULL || strcmp(cur, page_str(c, "lang")) != 0) {
			cur = page_str(c, "lang");
			snprintf(k, sizeof k, "lang_%s", cur);
			l = json_pack("{ss ss s[]}", "code", cur, "name",
			    page_tr(r, k), "channels");
			json_array_append_new(langs, l);
		}
		/* Whether a sibling comes before or after it. */
		int up = 0, down = 0;
		json_t *o;
		json_array_foreach(channels, j, o) {
			if (j == i || strcmp(page_str(o, "lang"), cur) ||
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
			const char *p = page_str(c, "path"), *slash = strrchr(p,
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
	return page_render(r, "channels", "title_channels", json_pack("{so}",
	    "langs", langs), 200);
}

/* GET /admin/users, /admin/users/NAME */
int
view_users(struct admin_req *r, const char *name)
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
		return rc ? rc : page_error(r);
	page = page_take(r);
	if (name == NULL) {
		json_array_foreach(json_object_get(page, "users"), i, u) {
			snprintf(url, sizeof url, "/admin/users/%s",
			    page_str(u, "name"));
			json_object_set_new(u, "url", json_string(url));
			snprintf(k, sizeof k, "role_%s", page_str(u, "role"));
			json_object_set_new(u, "role_text",
			    json_string(page_tr(r, k)));
		}
		arr = json_array();
		for (i = 0; roles[i]; i++) {
			snprintf(k, sizeof k, "role_%s", roles[i]);
			json_array_append_new(arr, json_pack("{ss ss sb}",
			    "value", roles[i], "label", page_tr(r, k), "selected",
			    i == 0));
		}
		json_object_set_new(page, "roles", arr);
		return page_render(r, "users", "title_users", page, 200);
	}
	u = json_object_get(page, "user");
	snprintf(k, sizeof k, "role_%s", page_str(u, "role"));
	json_object_set_new(u, "role_text", json_string(page_tr(r, k)));
	arr = json_array();
	for (i = 0; roles[i]; i++) {
		snprintf(k, sizeof k, "role_%s", roles[i]);
		json_array_append_new(arr, json_pack("{ss ss sb}", "value",
		    roles[i], "label", page_tr(r, k), "selected", strcmp(roles[i],
		    page_str(u, "role")) == 0));
	}
	json_object_set_new(page, "roles", arr);
	json_array_foreach(json_object_get(page, "permissions"), i, p) {
		snprintf(url, sizeof url, "/admin/users/%s/revoke", name);
		json_object_set_new(p, "revoke_url", json_string(url));
		snprintf(k, sizeof k, "can_%s", page_str(p, "can"));
		json_object_set_new(p, "can_text", json_string(page_tr(r, k)));
		json_object_set_new(p, "value", json_sprintf("%s/%s",
		    page_str(p, "lang"), page_str(p, "channel")));
	}
	if ((channels = site_channels(r)) == NULL) {
		json_decref(page);
		return page_error(r);
	}
	json_object_set_new(page, "channels", channel_options(r, channels,
	    NULL, 0));
	json_decref(channels);
	return page_render(r, "user", "title_user", page, 200);
}

/* GET /admin/audit */
int
view_audit(struct admin_req *r)
{
	json_t *page, *e, *f;
	size_t i;
	int rc;

	if ((rc = admin_audit_list(r)) || r->status >= 400)
		return rc ? rc : page_error(r);
	page = page_take(r);
	json_array_foreach(json_object_get(page, "entries"), i, e)
		json_object_set_new(e, "at_text", page_time_text(json_integer_value(
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
		static const char *const keys[] = {"actor", "action", "from",
		    "to", NULL};
		page_pagination(page, "/admin/audit", keys);
	}
	return page_render(r, "audit", "title_audit", page, 200);
}

