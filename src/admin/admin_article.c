/*
 * admin_article: articles in the admin, and their way through review.
 *
 * Where a version is kept while it is being written and reviewed: an
 * article that has never been on the site is its own draft (the article
 * row); an article with a version on the site keeps that version in its
 * row, untouched and served, and the one under way in work.data, which
 * replaces it when the last level approves.  The rules of who may do
 * what, when, are workflow.c's; this file applies them and records every
 * decision (review table) and every change (audit log).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_int.h"
#include "article_json.h"
#include "date.h"
#include "err.h"
#include "permalink.h"
#include "sanitize.h"
#include "utf8.h"
#include "workflow.h"

#define ADMIN_PER_PAGE 20
#define ADMIN_PER_PAGE_MAX 200


void
art_clear(struct art *x)
{
	article_clear(&x->a);
	channel_clear(&x->ch);
	work_row_clear(&x->w);
	memset(x, 0, sizeof *x);
}

static enum wf_state
state_parse(const char *s)
{
	if (strcmp(s, "draft") == 0)
		return WF_DRAFT;
	if (strcmp(s, "review") == 0)
		return WF_REVIEW;
	if (strcmp(s, "returned") == 0)
		return WF_RETURNED;
	return WF_NONE;
}

/* The channel's review levels, as the workflow counts them. */
static int
channel_levels(const struct channel *ch)
{
	return ch->review_levels < 0 ? 0 : ch->review_levels > WF_LEVELS_MAX ?
	    WF_LEVELS_MAX : ch->review_levels;
}

/* The rights of the request's user on x's channel. */
static int
actor_load(struct admin_req *r, struct art *x)
{
	int edit, manage, rc;
	unsigned review;

	memset(&x->actor, 0, sizeof x->actor);
	x->actor.user_id = r->user.id;
	x->actor.admin = admin_is_admin(r, x->a.site_id);
	if ((rc = store_permission_of(r->st, r->user.id, x->a.channel_id,
	    &edit, &review, &manage)))
		return rc;
	/* Who manages a channel administers its articles too. */
	if (manage)
		x->actor.admin = 1;
	x->actor.can_edit = edit;
	x->actor.review = review & 0xe; /* levels 1..3 */
	return GZ_OK;
}

/* Whether the user may see x at all. */
static int
visible(const struct art *x)
{
	return x->actor.admin || x->actor.can_edit || x->actor.review;
}

/* Load article id, its channel, its work and the user's rights; answer
 * 404 when it is not there or not the user's to see. */
int
art_load(struct admin_req *r, int64_t id, struct art *x)
{
	json_t *ab;
	size_t i;
	int rc;

	memset(x, 0, sizeof *x);
	article_init(&x->a);
	rc = store_article_get(r->st, id, &x->a);
	if (rc == GZ_OK && x->a.deleted)
		rc = GZ_ENOTFOUND;
	if (rc == GZ_OK)
		rc = store_channel_get(r->st, x->a.channel_id, &x->ch);
	if (rc == GZ_OK && (rc = store_work_get(r->st, id, &x->w)) == GZ_OK)
		x->has_work = 1;
	else if (rc == GZ_ENOTFOUND && x->a.id)
		rc = GZ_OK;
	if (rc == GZ_OK)
		rc = actor_load(r, x);
	if (rc == GZ_OK && !visible(x))
		rc = GZ_ENOTFOUND;
	if (rc == GZ_ENOTFOUND) {
		art_clear(x);
		admin_fail(r, 404, "no article %lld that you may see",
		    (long long)id);
		return rc;
	}
	if (rc) {
		admin_fail(r, 500, "cannot read article %lld: %s",
		    (long long)id, store_errmsg(r->st));
		art_clear(x);
		return rc;
	}
	x->item.live = x->a.status == ARTICLE_PUBLISHED;
	x->item.levels = channel_levels(&x->ch);
	if (x->has_work) {
		x->item.state = state_parse(x->w.state);
		x->item.level = x->w.level;
		if (x->item.state == WF_REVIEW)
			x->item.levels = x->w.levels;
		x->item.owner = x->w.owner;
		ab = json_loads(x->w.approved_by ? x->w.approved_by : "[]", 0,
		    NULL);
		for (i = 0; i < WF_LEVELS_MAX && i < json_array_size(ab); i++)
			x->item.approved_by[i] = json_integer_value(
			    json_array_get(ab, i));
		json_decref(ab);
	}
	return GZ_OK;
}

static json_t *
actions_json(const struct art *x)
{
	unsigned allowed = workflow_allowed(&x->item, &x->actor);
	json_t *arr = json_array();
	int k;

	for (k = 0; arr && k < WF_ACTION__COUNT; k++)
		if (allowed & (1u << k))
			json_array_append_new(arr,
			    json_string(workflow_action_name(k)));
	return arr;
}

static int
history_row(const struct review_entry *e, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI ss ss si ss* ss*}",
	    "at", (json_int_t)e->at, "actor", e->actor, "action", e->action,
	    "level", e->level, "comment", e->comment, "addr", e->addr)) ?
	    GZ_ENOMEM : GZ_OK;
}

/* The article as the admin shows it: what is stored (and live, when it
 * is), the version under way, where it stands, what the user may do. */
/* Where a published article is on its own site: absolute when the site
 * has an address, else from the site's root. */
static json_t *
public_url(struct admin_req *r, const struct art *x)
{
	struct site s = {0};
	struct buf rel = BUF_INIT, abs = BUF_INIT;
	json_t *j = NULL;

	if (store_site_get_id(r->st, x->a.site_id, &s) == GZ_OK) {
		permalink_article(&rel, x->ch.lang, s.default_lang, x->ch.path,
		    x->a.slug);
		if (s.base_url && *s.base_url)
			permalink_absolute(&abs, s.base_url, buf_cstr(&rel));
		j = json_string(buf_cstr(abs.len ? &abs : &rel));
	}
	site_clear(&s);
	buf_free(&rel);
	buf_free(&abs);
	return j;
}

int
art_answer(struct admin_req *r, struct art *x, int status)
{
	json_t *o, *hist = json_array(), *pending = NULL;
	int rc;

	if (hist == NULL)
		return GZ_ENOMEM;
	if ((rc = store_review_list(r->st, x->a.id, history_row, hist))) {
		json_decref(hist);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	if (x->has_work && x->w.data)
		pending = json_loads(x->w.data, 0, NULL);
	o = article_to_json(&x->a, ARTICLE_JSON_BODY | ARTICLE_JSON_IDS);
	if (o && x->a.status == ARTICLE_PUBLISHED)
		json_object_set_new(o, "url", public_url(r, x));
	return admin_json(r, status, json_pack("{so so* s{ss si si sI sb so*}"
	    " so so}", "article", o, "pending", pending, "work", "state",
	    workflow_state_name(x->item.state), "level", x->item.level,
	    "levels", x->item.levels, "owner", (json_int_t)x->item.owner,
	    "live", x->item.live, "findings", x->has_work && x->w.findings ?
	    json_loads(x->w.findings, 0, NULL) : NULL, "actions",
	    actions_json(x), "history", hist));
}

/* The fields a request may set, as article_to_json() names them. */
static const char *const editable[] = {
	"title", "subtitle", "author", "source", "summary", "body",
	"format", "weight", "date", "expire", "tags", "translation_key",
	"slug", "attachments", NULL,
};

json_t *
art_fields(const json_t *src, int with_slug)
{
	json_t *o = json_object(), *v;
	int i;

	for (i = 0; o && editable[i]; i++)
		if ((with_slug || strcmp(editable[i], "slug") != 0) &&
		    (v = json_object_get(src, editable[i])) != NULL &&
		    !json_is_null(v))
			json_object_set(o, editable[i], v);
	/* An article's attachments are kept with its other fields. */
	if (o && (v = json_object_get(json_object_get(src, "extra"),
	    "attachments")) != NULL)
		json_object_set(o, "attachments", v);
	else if (o)
		json_object_set_new(o, "attachments", json_array());
	return o;
}

/* The request's fields as an object article_from_json() takes; form
 * dates may be written as dates (2026-03-14T09:30), in offset. */
static json_t *
fields_json(struct admin_req *r, int offset)
{
	json_t *o = json_object(), *v;
	const char *s;
	int i;

	for (i = 0; o && editable[i]; i++) {
		if (r->body) {
			if ((v = json_object_get(r->body, editable[i])))
				json_object_set(o, editable[i], v);
			continue;
		}
		if ((s = http_request_arg(r->req, editable[i])) == NULL)
			continue;
		/* An empty date in a form: leave the date as it is. */
		if (*s == '\0' && (strcmp(editable[i], "date") == 0 ||
		    strcmp(editable[i], "weight") == 0))
			continue;
		if ((strcmp(editable[i], "date") == 0 ||
		    strcmp(editable[i], "expire") == 0) && strchr(s, '-')) {
			int64_t t;
			int off;
			if (date_parse(s, offset, &t, &off) == GZ_OK)
				json_object_set_new(o, editable[i],
				    json_integer(t));
			else /* a string: fields_apply() refuses it */
				json_object_set_new(o, editable[i],
				    json_string(s));
		} else if (strcmp(editable[i], "expire") == 0 && *s == '\0') {
			json_object_set_new(o, editable[i], json_integer(0));
		} else if (strcmp(editable[i], "weight") == 0 ||
		    strcmp(editable[i], "date") == 0 ||
		    strcmp(editable[i], "expire") == 0)
			json_object_set_new(o, editable[i],
			    json_integer(strtoll(s, NULL, 10)));
		else if (strcmp(editable[i], "attachments") == 0) {
			/* A <select multiple>: one argument per file; the
			 * empty one says the field was on the form. */
			json_t *arr = json_array();
			for (; s; s = http_request_arg_next(r->req,
			    "attachments", s))
				if (*s)
					json_array_append_new(arr,
					    json_string(s));
			json_object_set_new(o, "attachments", arr);
		} else if (strcmp(editable[i], "tags") == 0) {
			json_t *arr = json_array();
			char *copy = strdup(s), *tok, *save = NULL;
			for (tok = copy ? strtok_r(copy, ",", &save) : NULL;
			    tok; tok = strtok_r(NULL, ",", &save)) {
				while (*tok == ' ')
					tok++;
				if (*tok)
					json_array_append_new(arr,
					    json_string(tok));
			}
			free(copy);
			json_object_set_new(o, editable[i], arr);
		} else
			json_object_set_new(o, editable[i], json_string(s));
	}
	return o;
}

/* Check what a person typed; answer 400 naming the field. */
static int
fields_check(struct admin_req *r, const json_t *f)
{
	const char *k;
	json_t *v;
	size_t bad;

	json_object_foreach((json_t *)f, k, v) {
		if (json_is_string(v) && !utf8_valid(json_string_value(v),
		    json_string_length(v), &bad))
			return admin_fail(r, 400, "%s: not UTF-8 at byte %zu",
			    k, bad), GZ_EINVAL;
		if (strcmp(k, "title") == 0 && (!json_is_string(v) ||
		    json_string_length(v) == 0 ||
		    json_string_length(v) > 1000))
			return admin_fail(r, 400, "title: give a title of 1 "
			    "to 1000 bytes"), GZ_EINVAL;
		if (strcmp(k, "slug") == 0 && (!json_is_string(v) ||
		    !slug_valid(json_string_value(v))))
			return admin_fail(r, 400, "slug: no /, spaces or "
			    "?#%%&\"'<>, at most 200 bytes"), GZ_EINVAL;
		if (strcmp(k, "format") == 0 && (!json_is_string(v) ||
		    body_format_parse(json_string_value(v)) < 0))
			return admin_fail(r, 400, "format: markdown or html"),
			    GZ_EINVAL;
		if (strcmp(k, "body") == 0 && (!json_is_string(v) ||
		    json_string_length(v) > 8u << 20))
			return admin_fail(r, 400, "body: text of at most "
			    "8 MB"), GZ_EINVAL;
	}
	return GZ_OK;
}

/* The media library files listed on the article's page (their hashes,
 * in order) are kept in its extra fields. */
static int
attachments_apply(struct admin_req *r, const json_t *list, struct article *a)
{
	json_t *x, *v;
	char *s;
	size_t i;
	int rc;

	json_array_foreach(list, i, v)
		if (!json_is_string(v) || strlen(json_string_value(v)) != 64 ||
		    strspn(json_string_value(v), "0123456789abcdef") != 64)
			return admin_fail(r, 400, "attachments: a list of the "
			    "hashes of media library files"), GZ_EINVAL;
	x = a->extra ? json_loads(a->extra, 0, NULL) : NULL;
	if (!json_is_object(x)) {
		json_decref(x);
		x = json_object();
	}
	if (json_array_size(list))
		json_object_set(x, "attachments", (json_t *)list);
	else
		json_object_del(x, "attachments");
	s = json_object_size(x) ? json_dumps(x, JSON_COMPACT |
	    JSON_PRESERVE_ORDER) : NULL;
	rc = json_object_size(x) && s == NULL ? GZ_ENOMEM :
	    article_set(&a->extra, s);
	free(s);
	json_decref(x);
	return rc;
}

/* Apply fields f to a; HTML bodies are sanitized, their pasted images
 * kept in the media library. */
static int
fields_apply(struct admin_req *r, const json_t *f, struct article *a)
{
	struct buf clean = BUF_INIT;
	const json_t *att = json_object_get(f, "attachments");
	int rc;

	if ((rc = article_from_json(f, a)))
		return admin_fail(r, 400, "a field has the wrong type "
		    "(numbers for weight, date, expire; a list for tags)"),
		    rc;
	if (json_is_array(att) && (rc = attachments_apply(r, att, a)))
		return rc;
	if (att && !json_is_array(att))
		return admin_fail(r, 400, "attachments: a list of the hashes "
		    "of media library files"), GZ_EINVAL;
	if (a->body)
		article_normalize_body(a);
	if (a->format == BODY_HTML && a->body) {
		if ((rc = admin_sanitize(r, a->site_id, &clean, a->body,
		    strlen(a->body))) ||
		    (rc = buf_error(&clean)) ||
		    (rc = article_setn(&a->body, buf_cstr(&clean),
		    clean.len))) {
			buf_free(&clean);
			return admin_fail(r, 500, "cannot clean the HTML "
			    "body"), rc;
		}
	}
	buf_free(&clean);
	return GZ_OK;
}

/* POST /api/articles/ID: save the fields the request gives. */
static int
art_edit(struct admin_req *r, struct art *x)
{
	const char *note = admin_arg(r, "note");
	struct wf_item next;
	enum wf_effect eff;
	enum wf_refusal why;
	json_t *f;
	int rc;

	/* Refused before the fields are read, so the refusal names the
	 * state, not a field. */
	if ((why = workflow_apply(&x->item, &x->actor, WF_EDIT, NULL, &next,
	    &eff)))
		return art_refuse(r, why, WF_EDIT);
	if ((f = fields_json(r, x->a.date_offset)) == NULL)
		return GZ_ENOMEM;
	if (fields_check(r, f)) {
		json_decref(f);
		return GZ_OK;
	}
	rc = art_save(r, x, f, note && *note ? note : "saved");
	json_decref(f);
	return rc;
}

/*
 * Save fields f (as fields_json() makes them) into x as a new revision:
 * the article itself, or its pending version while it is live.  Answers
 * the request (the article, or why not).
 */
int
art_save(struct admin_req *r, struct art *x, json_t *f, const char *note)
{
	struct wf_item next;
	enum wf_effect eff;
	enum wf_refusal why;
	struct article pend;
	json_t *pj = NULL, *old;
	char *data = NULL;
	int rc;

	if ((why = workflow_apply(&x->item, &x->actor, WF_EDIT, NULL, &next,
	    &eff)))
		return art_refuse(r, why, WF_EDIT);
	json_incref(f);
	/* A permalink is for good once it has been on the site. */
	if (json_object_get(f, "slug") && x->a.status != ARTICLE_DRAFT &&
	    strcmp(json_string_value(json_object_get(f, "slug")),
	    x->a.slug) != 0) {
		json_decref(f);
		return admin_fail(r, 409, "slug: the article has been on the "
		    "site, so its address stays");
	}
	article_init(&pend);
	if (x->item.live) {
		/* The live version stays; the new one goes to work.data. */
		rc = article_copy(&pend, &x->a);
		if (rc == GZ_OK && x->has_work && x->w.data &&
		    (old = json_loads(x->w.data, 0, NULL)) != NULL) {
			rc = article_from_json(old, &pend);
			json_decref(old);
		}
		if (rc == GZ_OK && (rc = fields_apply(r, f, &pend)))
			goto out;
		if (rc == GZ_OK && (pj = article_to_json(&pend,
		    ARTICLE_JSON_BODY)) != NULL)
			data = json_dumps(pj, JSON_COMPACT |
			    JSON_PRESERVE_ORDER);
		if (rc == GZ_OK && data == NULL)
			rc = GZ_ENOMEM;
	} else if ((rc = fields_apply(r, f, &x->a))) {
		goto out;
	}
	if (rc == GZ_OK && (rc = store_begin(r->st)) == GZ_OK) {
		if (!x->item.live)
			rc = store_article_update(r->st, &x->a, r->user.name,
			    note);
		else
			rc = store_revision_pending(r->st, x->a.id,
			    r->user.name, note, data, NULL);
		if (rc == GZ_OK)
			rc = art_work_save(r, x, &next, data);
		rc = rc ? (store_rollback(r->st), rc) : store_commit(r->st);
	}
	if (rc == GZ_EEXIST || rc == GZ_ECONSTRAINT) {
		admin_fail(r, 409, "slug: another article of the channel has "
		    "it; choose another");
		goto out;
	}
	if (rc) {
		admin_fail(r, 500, "cannot save: %s", store_errmsg(r->st));
		goto out;
	}
	admin_audit(r, "edit", "article", x->a.id, x->item.live ?
	    "a new version, pending" : NULL);
	x->item = next;
	x->has_work = next.state != WF_NONE;
	free(x->w.data);
	x->w.data = data;
	data = NULL;
	/* Which library files are in use: kept apart from the save, as
	 * a list that can be made again from what is stored. */
	if ((rc = art_media_refs(r, x)) == GZ_ENOMEM)
		goto out;
	rc = art_answer(r, x, 200);
out:
	article_clear(&pend);
	json_decref(f);
	json_decref(pj);
	free(data);
	return rc == GZ_ENOMEM ? rc : GZ_OK; /* every other error answered */
}

/* POST /api/articles: a new draft in a channel the user may write in. */
static int
art_create(struct admin_req *r)
{
	const char *path = admin_arg(r, "channel");
	const char *lang = admin_arg(r, "lang");
	struct site site = {0};
	struct art x;
	json_t *f = NULL;
	char *base, lbuf[16];
	int rc, tries;

	memset(&x, 0, sizeof x);
	article_init(&x.a);
	if (admin_site(r, &site))
		return GZ_OK;
	/* "zh/news": a channel with its language in front. */
	if ((lang == NULL || *lang == '\0') && path && strchr(path, '/')) {
		size_t n = (size_t)(strchr(path, '/') - path);
		if (n < sizeof lbuf) {
			memcpy(lbuf, path, n);
			lbuf[n] = '\0';
			if (site_has_lang(&site, lbuf)) {
				lang = lbuf;
				path += n + 1;
			}
		}
	}
	if (lang == NULL || *lang == '\0')
		lang = site.default_lang;
	if (path == NULL || !site_has_lang(&site, lang)) {
		site_clear(&site);
		return admin_fail(r, 400, "give channel (its path, e.g. news) "
		    "and lang (one of %s)", site.languages ? site.languages :
		    "the site's");
	}
	rc = store_channel_find(r->st, site.id, lang, path, &x.ch);
	if (rc == GZ_ENOTFOUND) {
		admin_fail(r, 404, "channel: no channel \"%s\" in %s", path,
		    lang);
		goto out;
	}
	x.a.site_id = site.id;
	x.a.channel_id = x.ch.id;
	if (rc || (rc = actor_load(r, &x)))
		goto fail;
	if (!x.actor.admin && !x.actor.can_edit) {
		admin_fail(r, 403, "you may not write in %s/%s; ask an "
		    "administrator for the edit permission", lang, path);
		goto out;
	}
	if ((f = fields_json(r, site_utc_offset(&site))) == NULL) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if (json_object_get(f, "title") == NULL) {
		admin_fail(r, 400, "title: an article needs a title");
		goto out;
	}
	if (fields_check(r, f))
		goto out;
	x.a.status = ARTICLE_DRAFT;
	x.a.date_offset = site_utc_offset(&site);
	x.a.date = store_now();
	if (article_set(&x.a.lang, lang) || article_set(&x.a.channel, path) ||
	    article_set(&x.a.body, "")) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if (fields_apply(r, f, &x.a))
		goto out;
	if (x.a.slug == NULL && (x.a.slug = article_make_slug(&x.a)) == NULL) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if ((rc = store_begin(r->st)))
		goto fail;
	/* A made-up slug may be taken: number it. */
	base = strdup(x.a.slug);
	for (tries = 2; base && (rc = store_article_insert(r->st, &x.a,
	    r->user.name, "admin")) == GZ_EEXIST &&
	    !json_object_get(f, "slug") && tries < 100; tries++) {
		char s[260];
		snprintf(s, sizeof s, "%.200s-%d", base, tries);
		if (article_set(&x.a.slug, s)) {
			rc = GZ_ENOMEM;
			break;
		}
	}
	if (base == NULL)
		rc = GZ_ENOMEM;
	free(base);
	x.item.levels = channel_levels(&x.ch);
	x.item.state = WF_DRAFT;
	x.item.owner = r->user.id;
	if (rc == GZ_OK)
		rc = art_work_save(r, &x, &x.item, NULL);
	rc = rc ? (store_rollback(r->st), rc) : store_commit(r->st);
	if (rc == GZ_EEXIST) {
		admin_fail(r, 409, "slug: %s/%s/%s exists; choose another",
		    lang, path, x.a.slug);
		goto out;
	}
	if (rc)
		goto fail;
	admin_audit(r, "create", "article", x.a.id, x.a.title);
	x.has_work = 1;
	snprintf(x.w.state, sizeof x.w.state, "draft");
	if ((rc = art_media_refs(r, &x)) == GZ_ENOMEM)
		goto out;
	rc = art_answer(r, &x, 201);
	goto out;
fail:
	admin_fail(r, 500, "cannot create the article: %s",
	    rc == GZ_ESTORE ? store_errmsg(r->st) : gz_strerror(rc));
out:
	json_decref(f);
	site_clear(&site);
	art_clear(&x);
	return rc == GZ_ENOMEM ? rc : GZ_OK;
}

static int
list_row(const struct admin_row *a, void *arg)
{
	json_t *arr = arg;
	const char *state = *a->work ? a->work : a->status;

	return json_array_append_new(arr, json_pack("{sI ss ss ss ss ss ss"
	    " ss sI sI si si}", "id", (json_int_t)a->id, "title", a->title,
	    "lang", a->lang, "channel", a->path, "status", a->status,
	    "state", state, "author", a->author, "saved_by", a->actor,
	    "date", (json_int_t)a->publish_at, "updated",
	    (json_int_t)a->updated, "level", a->level, "levels",
	    a->levels)) ? GZ_ENOMEM : GZ_OK;
}

static const char *
nonempty(const char *s)
{
	return s && *s ? s : NULL;
}

/* GET /api/articles */
static int
art_list(struct admin_req *r)
{
	struct admin_filter f = {0};
	struct site site = {0};
	json_t *arr;
	int64_t page = 1, per = ADMIN_PER_PAGE;
	long total = 0;
	int rc;

	if (admin_site(r, &site))
		return GZ_OK;
	f.site_id = site.id;
	f.lang = nonempty(admin_arg(r, "lang"));
	f.channel = nonempty(admin_arg(r, "channel"));
	f.state = nonempty(admin_arg(r, "status"));
	f.author = nonempty(admin_arg(r, "author"));
	f.text = nonempty(admin_arg(r, "q"));
	f.user_id = r->user.id;
	f.all = admin_is_admin(r, site.id);
	if (admin_arg_int(r, "page", 1, 100000, &page) ||
	    admin_arg_int(r, "per_page", 1, ADMIN_PER_PAGE_MAX, &per) ||
	    admin_arg_time(r, "from", site_utc_offset(&site), 0, &f.from) ||
	    admin_arg_time(r, "to", site_utc_offset(&site), 1, &f.to)) {
		site_clear(&site);
		return GZ_OK;
	}
	f.limit = per;
	f.offset = (page - 1) * per;
	if ((arr = json_array()) == NULL) {
		site_clear(&site);
		return GZ_ENOMEM;
	}
	rc = store_article_admin_list(r->st, &f, list_row, arr, &total);
	if (rc) {
		json_decref(arr);
		site_clear(&site);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	rc = admin_json(r, 200, json_pack("{ss sI sI sI so}", "site",
	    site.name, "total", (json_int_t)total, "page", (json_int_t)page,
	    "per_page", (json_int_t)per, "articles", arr));
	site_clear(&site);
	return rc;
}

/* GET /api/articles/ID/checks: the checks on what would be submitted
 * now, as the editor shows them beside the article. */
static int
art_checks_now(struct admin_req *r, struct art *x)
{
	struct article a;
	json_t *found = NULL;
	int rc;

	article_init(&a);
	if ((rc = art_submitted(x, &a)) == GZ_OK)
		rc = admin_check_article(r, &a, &x->ch, &found);
	article_clear(&a);
	if (rc)
		return rc == GZ_ENOMEM ? rc : admin_fail(r, 500, "cannot "
		    "check the article: %s", store_errmsg(r->st));
	return admin_json(r, 200, json_pack("{sI so}", "article",
	    (json_int_t)x->a.id, "findings", found));
}

int
admin_articles(struct admin_req *r, const char *path)
{
	struct art x;
	char *end;
	long long id;
	int rc;

	if (*path == '\0') {
		if (strcmp(r->req->method, "POST") == 0)
			return art_create(r);
		if (strcmp(r->req->method, "GET") == 0 ||
		    strcmp(r->req->method, "HEAD") == 0)
			return art_list(r);
		http_reply_header(r->rep, "Allow", "GET, POST");
		return admin_fail(r, 405, "/api/articles takes GET or POST");
	}
	id = strtoll(path + 1, &end, 10);
	if (id <= 0 || (*end != '\0' && *end != '/'))
		return admin_fail(r, 404, "no article \"%s\"", path + 1);
	if (art_load(r, id, &x))
		return GZ_OK;
	if (strncmp(end, "/revisions", 10) == 0 ||
	    strncmp(end, "/diff", 5) == 0) {
		rc = admin_revisions(r, &x, end);
	} else if (strcmp(end, "/checks") == 0) {
		rc = art_checks_now(r, &x);
	} else if (*end == '/') {
		if (strcmp(r->req->method, "POST") != 0) {
			http_reply_header(r->rep, "Allow", "POST");
			rc = admin_fail(r, 405, "actions take POST");
		} else
			rc = art_act(r, &x, end + 1);
	} else if (strcmp(r->req->method, "POST") == 0) {
		rc = art_edit(r, &x);
	} else if (strcmp(r->req->method, "GET") == 0 ||
	    strcmp(r->req->method, "HEAD") == 0) {
		rc = art_answer(r, &x, 200);
	} else {
		http_reply_header(r->rep, "Allow", "GET, POST");
		rc = admin_fail(r, 405, "an article takes GET or POST");
	}
	art_clear(&x);
	return rc;
}

