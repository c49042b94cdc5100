/*
 * admin_site: the channel tree, the site's settings, the audit log and
 * the dashboard's figures.  Changes to channels and settings show on
 * every page, so they republish the whole site (when it has been built).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "admin_int.h"
#include "article.h"
#include "err.h"

/* --- channels -------------------------------------------------------- */

struct chan_list {
	json_t *arr;
	const char *lang;
};

static int
chan_row(const struct channel *c, void *arg)
{
	struct chan_list *l = arg;
	const char *p;
	int depth = 0;

	for (p = c->path; *p; p++)
		depth += *p == '/';
	return json_array_append_new(l->arr, json_pack("{sI ss ss ss ss sI"
	    " si si si si}", "id", (json_int_t)c->id, "lang", c->lang, "path",
	    c->path, "slug", c->slug, "name", c->name, "parent_id",
	    (json_int_t)c->parent_id, "depth", depth, "sort_order",
	    c->sort_order, "page_size", c->page_size, "review_levels",
	    c->review_levels)) ? GZ_ENOMEM : GZ_OK;
}

static int
channels_answer(struct admin_req *r, const struct site *s, int status)
{
	struct chan_list l = {json_array(), NULL};
	const char *lang = admin_arg(r, "lang");
	int rc;

	if (l.arr == NULL)
		return GZ_ENOMEM;
	if ((rc = store_channel_list(r->st, s->id, lang && *lang ? lang :
	    NULL, chan_row, &l))) {
		json_decref(l.arr);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	return admin_json(r, status, json_pack("{ss so}", "site", s->name,
	    "channels", l.arr));
}

/* The channel of /api/channels/ID, in site s. */
static int
chan_get(struct admin_req *r, const struct site *s, const char *ids,
    struct channel *ch)
{
	char *end;
	long long id = strtoll(ids, &end, 10);
	int rc;

	if (id <= 0 || (*end && *end != '/') ||
	    (rc = store_channel_get(r->st, id, ch)) == GZ_ENOTFOUND ||
	    (rc == GZ_OK && ch->site_id != s->id)) {
		channel_clear(ch);
		admin_fail(r, 404, "no channel %s in site %s", ids, s->name);
		return GZ_ENOTFOUND;
	}
	if (rc)
		admin_fail(r, 500, "%s", store_errmsg(r->st));
	return rc;
}

/* A parent given by path ("" or absent: the top). */
static int
chan_parent(struct admin_req *r, const struct site *s, const char *lang,
    int64_t *parent)
{
	const char *p = admin_arg(r, "parent");
	struct channel par = {0};
	int rc;

	*parent = 0;
	if (p == NULL || *p == '\0')
		return GZ_OK;
	if ((rc = store_channel_find(r->st, s->id, lang, p, &par)) ==
	    GZ_ENOTFOUND)
		return admin_fail(r, 404, "parent: no channel \"%s\" in %s",
		    p, lang), rc;
	if (rc)
		return admin_fail(r, 500, "%s", store_errmsg(r->st)), rc;
	*parent = par.id;
	channel_clear(&par);
	return GZ_OK;
}

/* The sort order after every sibling's, for a new channel. */
struct last_order {
	int64_t parent;
	const char *lang;
	int order;
};

static int
last_order_row(const struct channel *c, void *arg)
{
	struct last_order *l = arg;

	if (c->parent_id == l->parent && strcmp(c->lang, l->lang) == 0 &&
	    c->sort_order >= l->order)
		l->order = c->sort_order + 1;
	return GZ_OK;
}

/* Swap ch's place with its sibling before (dir < 0) or after it. */
struct sibling {
	const struct channel *ch;
	int dir;
	int64_t id;
	int order;
	int found, done;
};

static int
sibling_row(const struct channel *c, void *arg)
{
	struct sibling *s = arg;

	if (c->parent_id != s->ch->parent_id || strcmp(c->lang, s->ch->lang))
		return GZ_OK;
	if (c->id == s->ch->id) {
		s->found = 1;
		return s->dir > 0 ? GZ_OK : (s->done = 1, GZ_OK);
	}
	if (s->done)
		return GZ_OK;
	if (s->dir < 0 || (s->found && !s->id)) {
		s->id = c->id;
		s->order = c->sort_order;
		if (s->dir > 0)
			s->done = 1;
	}
	return GZ_OK;
}

static int
chan_reorder(struct admin_req *r, const struct site *s, struct channel *ch,
    int dir)
{
	struct sibling sb = {ch, dir, 0, 0, 0, 0};
	struct channel other = {0};
	int rc, mine = ch->sort_order;

	if ((rc = store_channel_list(r->st, s->id, ch->lang, sibling_row,
	    &sb)))
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	if (sb.id == 0)
		return admin_fail(r, 409, "%s is already the %s of its level",
		    ch->path, dir < 0 ? "first" : "last");
	if ((rc = store_channel_get(r->st, sb.id, &other)))
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	/* Equal orders (the default) sort by name: make them distinct. */
	if (other.sort_order == mine)
		mine = other.sort_order + (dir < 0 ? 1 : -1);
	ch->sort_order = other.sort_order;
	other.sort_order = mine;
	if ((rc = store_begin(r->st)) == GZ_OK) {
		if ((rc = store_channel_update(r->st, ch)) == GZ_OK)
			rc = store_channel_update(r->st, &other);
		rc = rc ? (store_rollback(r->st), rc) : store_commit(r->st);
	}
	channel_clear(&other);
	return rc ? admin_fail(r, 500, "%s", store_errmsg(r->st)) : GZ_OK;
}

int
admin_channels(struct admin_req *r, const char *path)
{
	struct site s = {0};
	struct channel ch = {0};
	struct buf why = BUF_INIT;
	const char *action = NULL, *v;
	int64_t n, parent;
	int rc = GZ_OK, changed = 0;

	if (admin_site(r, &s))
		return GZ_OK;
	if (strcmp(r->req->method, "POST") != 0) {
		rc = channels_answer(r, &s, 200);
		goto out;
	}
	if (!admin_is_admin(r, s.id)) {
		rc = admin_fail(r, 403, "only an administrator of site %s "
		    "changes its channels", s.name);
		goto out;
	}
	if (*path == '\0') {
		/* Add: nc borrows its strings, and is never cleared. */
		struct channel nc = {0};
		const char *lang = admin_arg(r, "lang"), *slug;
		nc.site_id = s.id;
		nc.lang = (char *)(lang && *lang ? lang : s.default_lang);
		slug = admin_arg(r, "slug");
		v = admin_arg(r, "name");
		nc.page_size = 20;
		nc.review_levels = 1;
		n = 1;
		if (!site_has_lang(&s, nc.lang)) {
			rc = admin_fail(r, 400, "lang: one of %s", s.languages);
			goto out;
		}
		if (slug == NULL || !slug_valid(slug)) {
			rc = admin_fail(r, 400, "slug: letters, digits, - and "
			    "_; no / or spaces");
			goto out;
		}
		if (admin_arg_int(r, "review_levels", 0, 3, &n))
			goto out;
		nc.review_levels = (int)n;
		n = 20;
		if (admin_arg_int(r, "page_size", 1, 1000, &n))
			goto out;
		nc.page_size = (int)n;
		nc.slug = (char *)slug;
		nc.name = (char *)(v && *v ? v : slug);
		if (chan_parent(r, &s, nc.lang, &parent))
			goto out;
		nc.parent_id = parent;
		{
			struct last_order lo = {parent, nc.lang, 1};
			if ((rc = store_channel_list(r->st, s.id, nc.lang,
			    last_order_row, &lo)) == GZ_OK)
				nc.sort_order = lo.order;
		}
		if (rc == GZ_OK)
			rc = store_channel_add(r->st, &nc);
		if (rc == GZ_EEXIST) {
			rc = admin_fail(r, 409, "channel %s exists in %s",
			    slug, nc.lang);
		} else if (rc) {
			rc = admin_fail(r, 500, "%s", store_errmsg(r->st));
		} else {
			admin_audit(r, "create", "channel", nc.id, nc.path);
			changed = 1;
		}
		free(nc.path);
		goto done;
	}
	if (chan_get(r, &s, path + 1, &ch))
		goto out;
	if ((action = strchr(path + 1, '/')) != NULL)
		action++;
	if (action == NULL) {
		if ((v = admin_arg(r, "name")) != NULL && *v &&
		    article_set(&ch.name, v)) {
			rc = GZ_ENOMEM;
			goto out;
		}
		n = ch.page_size;
		if (admin_arg_int(r, "page_size", 1, 1000, &n))
			goto out;
		ch.page_size = (int)n;
		n = ch.review_levels;
		if (admin_arg_int(r, "review_levels", 0, 3, &n))
			goto out;
		ch.review_levels = (int)n;
		n = ch.sort_order;
		if (admin_arg_int(r, "sort_order", -1000000, 1000000, &n))
			goto out;
		ch.sort_order = (int)n;
		if ((rc = store_channel_update(r->st, &ch)))
			rc = admin_fail(r, 500, "%s", store_errmsg(r->st));
		else
			changed = 1;
	} else if (strcmp(action, "move") == 0) {
		if (chan_parent(r, &s, ch.lang, &parent))
			goto out;
		if ((rc = store_channel_move(r->st, ch.id, parent, &why)))
			rc = admin_fail(r, rc == GZ_EINVAL ? 409 : 500, "%s",
			    buf_cstr(&why));
		else
			changed = 1;
	} else if (strcmp(action, "up") == 0 || strcmp(action, "down") == 0) {
		rc = chan_reorder(r, &s, &ch, strcmp(action, "up") == 0 ? -1 :
		    1);
		changed = rc == GZ_OK && r->status < 400;
	} else {
		rc = admin_fail(r, 404, "no action \"%s\" on channels", action);
	}
	if (changed)
		admin_audit(r, action ? action : "edit", "channel", ch.id,
		    ch.path);
done:
	if (changed) {
		admin_republish(r, s.id, NULL, 0);
		rc = channels_answer(r, &s, 200);
	}
out:
	channel_clear(&ch);
	site_clear(&s);
	buf_free(&why);
	return rc == GZ_EINVAL || rc == GZ_ENOTFOUND ? GZ_OK : rc;
}

/* --- the site's settings ------------------------------------------------ */

/* Settings the admin edits: the API's name and the site setting's. */
static const char *const settings[][2] = {
	{"org_name", "org_name"}, {"address", "org_address"},
	{"phone", "org_phone"}, {"email", "org_email"}, {"icp", "icp"},
	{"psb", "psb"}, {"psb_url", "psb_url"}, {NULL, NULL},
};

static int
site_answer(struct admin_req *r, const struct site *s)
{
	json_t *o = json_pack("{sI ss ss ss ss ss}", "id", (json_int_t)s->id,
	    "name", s->name, "title", s->title, "base_url", s->base_url,
	    "languages", s->languages, "default_lang", s->default_lang);
	json_t *set = json_loads(s->settings ? s->settings : "{}", 0, NULL);
	int i;

	if (o == NULL) {
		json_decref(set);
		return GZ_ENOMEM;
	}
	for (i = 0; settings[i][0]; i++) {
		json_t *v = json_object_get(set, settings[i][1]);
		json_object_set_new(o, settings[i][0], json_string(
		    json_is_string(v) ? json_string_value(v) : ""));
	}
	json_object_set_new(o, "elder_mode", json_boolean(json_is_true(
	    json_object_get(set, "elder_mode"))));
	json_object_set_new(o, "mourning", json_boolean(json_is_true(
	    json_object_get(set, "mourning"))));
	json_decref(set);
	return admin_json(r, 200, json_pack("{so}", "site", o));
}

static int
is_on(const char *v)
{
	return v && (strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
	    strcmp(v, "on") == 0);
}

/*
 * The site's languages ("zh,en", the default first) or its default alone
 * (default_lang, one of them).  Articles in a language taken off the list
 * stay stored; their pages are no longer built.
 */
static int
settings_languages(struct admin_req *r, struct site *s)
{
	const char *langs = admin_arg(r, "languages");
	const char *def = admin_arg(r, "default_lang");
	struct buf why = BUF_INIT;
	char *first = NULL;
	int rc = GZ_OK;

	if (langs && *langs == '\0' && r->body == NULL)
		langs = NULL; /* a form left empty: unchanged */
	if (def && *def == '\0')
		def = NULL;
	if (langs && def == NULL && (first = strndup(langs,
	    strcspn(langs, ","))) == NULL)
		return GZ_ENOMEM;
	if (langs == NULL && def == NULL)
		goto out;
	if (langs && (rc = site_languages_check(langs, NULL, &why))) {
		rc = rc == GZ_EINVAL ? (admin_fail(r, 400, "languages: %s",
		    buf_cstr(&why)) ? GZ_ENOMEM : GZ_EINVAL) : rc;
		goto out;
	}
	if ((rc = site_languages_check(langs ? langs : s->languages,
	    def ? def : first, &why))) {
		rc = rc == GZ_EINVAL ? (admin_fail(r, 400, "default_lang: %s",
		    buf_cstr(&why)) ? GZ_ENOMEM : GZ_EINVAL) : rc;
		goto out;
	}
	if ((langs && article_set(&s->languages, langs)) ||
	    article_set(&s->default_lang, def ? def : first))
		rc = GZ_ENOMEM;
out:
	free(first);
	buf_free(&why);
	return rc;
}

int
admin_site_settings(struct admin_req *r)
{
	struct site s = {0};
	const char *v;
	int rc = GZ_OK, i;

	if (admin_site(r, &s))
		return GZ_OK;
	if (!admin_is_admin(r, s.id)) {
		rc = admin_fail(r, 403, "only an administrator of site %s sees "
		    "its settings", s.name);
		goto out;
	}
	if (strcmp(r->req->method, "POST") == 0) {
		if ((v = admin_arg(r, "title")) != NULL && *v &&
		    article_set(&s.title, v))
			rc = GZ_ENOMEM;
		if ((v = admin_arg(r, "base_url")) != NULL &&
		    article_set(&s.base_url, v))
			rc = GZ_ENOMEM;
		if (rc == GZ_OK)
			rc = settings_languages(r, &s);
		for (i = 0; rc == GZ_OK && settings[i][0]; i++) {
			json_t *js;
			char *text;
			if ((v = admin_arg(r, settings[i][0])) == NULL)
				continue;
			/* Always a string, even "110" or "true". */
			js = json_string(v);
			text = js ? json_dumps(js, JSON_ENCODE_ANY) : NULL;
			rc = text ? site_setting_set(&s, settings[i][1], text) :
			    GZ_EINVAL;
			json_decref(js);
			free(text);
			if (rc == GZ_EINVAL)
				rc = admin_fail(r, 400, "%s: not UTF-8 text",
				    settings[i][0]) ? GZ_ENOMEM : GZ_EINVAL;
		}
		/* Checkboxes: absent means off in a form; in JSON, absent
		 * means unchanged. */
		for (i = 0; rc == GZ_OK && i < 2; i++) {
			const char *k = i ? "mourning" : "elder_mode";
			v = admin_arg(r, k);
			if (v == NULL && r->body)
				continue;
			rc = site_setting_set(&s, k, is_on(v) ? "true" :
			    "false");
		}
		if (rc == GZ_OK && (rc = store_site_update(r->st, &s)))
			rc = admin_fail(r, 500, "%s", store_errmsg(r->st));
		else if (rc == GZ_OK) {
			admin_audit(r, "edit", "site", s.id, s.settings);
			admin_republish(r, s.id, NULL, 0);
		}
	}
	if (rc == GZ_OK && r->status < 400)
		rc = site_answer(r, &s);
out:
	site_clear(&s);
	return rc == GZ_EINVAL ? GZ_OK : rc;
}

/* --- the audit log ---------------------------------------------------- */

static int
audit_row(const struct audit_entry *e, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI sI ss ss ss sI ss*"
	    " ss*}", "id", (json_int_t)e->id, "at", (json_int_t)e->at, "actor",
	    e->actor, "action", e->action, "object", e->object, "object_id",
	    (json_int_t)e->object_id, "detail", e->detail, "addr", e->addr)) ?
	    GZ_ENOMEM : GZ_OK;
}

int
admin_audit_list(struct admin_req *r)
{
	struct audit_filter f = {0};
	struct site s = {0};
	json_t *arr;
	int64_t page = 1, per = 50;
	long total = 0;
	int rc, off;

	/* The log covers every site: a site's administrator would read
	 * the others' logins and settings. */
	if (r->user.role != ROLE_ADMIN || r->user.site_id != 0)
		return admin_fail(r, 403, "only administrators of every site "
		    "read the audit log");
	f.actor = admin_arg(r, "actor");
	f.action = admin_arg(r, "action");
	if (f.actor && !*f.actor)
		f.actor = NULL;
	if (f.action && !*f.action)
		f.action = NULL;
	/* Dates are days in the current site's time zone, as shown. */
	if (admin_site(r, &s))
		return GZ_OK;
	off = site_utc_offset(&s);
	site_clear(&s);
	if (admin_arg_time(r, "from", off, 0, &f.from) ||
	    admin_arg_time(r, "to", off, 1, &f.to) ||
	    admin_arg_int(r, "page", 1, 100000, &page) ||
	    admin_arg_int(r, "per_page", 1, 500, &per))
		return GZ_OK;
	f.limit = per;
	f.offset = (page - 1) * per;
	if ((arr = json_array()) == NULL)
		return GZ_ENOMEM;
	if ((rc = store_audit_query(r->st, &f, audit_row, arr, &total))) {
		json_decref(arr);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	return admin_json(r, 200, json_pack("{sI sI sI so}", "total",
	    (json_int_t)total, "page", (json_int_t)page, "per_page",
	    (json_int_t)per, "entries", arr));
}

/* --- the dashboard's figures ---------------------------------------------- */

static int
top_row(const struct visit_top *v, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI ss ss ss sI}", "id",
	    (json_int_t)v->article_id, "title", v->title, "lang", v->lang,
	    "channel", v->path, "n", (json_int_t)v->n)) ? GZ_ENOMEM : GZ_OK;
}

static int
recent_row(const struct admin_row *a, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI ss ss ss sI sI}",
	    "id", (json_int_t)a->id, "title", a->title, "lang", a->lang,
	    "channel", a->path, "date", (json_int_t)a->publish_at, "updated",
	    (json_int_t)a->updated)) ? GZ_ENOMEM : GZ_OK;
}

int
admin_dashboard(struct admin_req *r)
{
	struct site s = {0};
	struct admin_filter f = {0};
	json_t *top = json_array(), *recent = json_array();
	int64_t now = store_now(), day;
	long total, today = 0;
	time_t t;
	struct tm tm;
	int rc;

	if (top == NULL || recent == NULL || admin_site(r, &s)) {
		json_decref(top);
		json_decref(recent);
		return top && recent ? GZ_OK : GZ_ENOMEM;
	}
	/* Today in the site's time zone, as visit_day counts days. */
	t = (time_t)(now + site_utc_offset(&s) * 60);
	gmtime_r(&t, &tm);
	day = (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
	f.site_id = s.id;
	f.state = "published";
	f.user_id = r->user.id;
	f.all = admin_is_admin(r, s.id);
	f.limit = 10;
	if ((rc = store_visit_day_total(r->st, s.id, day, &today)) ||
	    (rc = store_visit_day_top(r->st, s.id, day, 5, top_row, top)) ||
	    (rc = store_article_admin_list(r->st, &f, recent_row, recent,
	    &total))) {
		json_decref(top);
		json_decref(recent);
		site_clear(&s);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	rc = admin_json(r, 200, json_pack("{ss sI sI so so}", "site", s.name,
	    "day", (json_int_t)day, "visits_today", (json_int_t)today,
	    "top_today", top, "recent", recent));
	site_clear(&s);
	return rc;
}
