/*
 * store_article: articles and their revisions.
 *
 * Every saved version is kept in `revision` as a JSON object of every
 * field (article_json.c), so any of them can be read back and restored,
 * also after later migrations add fields.
 */
#include <stdlib.h>
#include <string.h>

#include "article_json.h"
#include "store_int.h"

/* The JSON text of a string list; caller frees. */
static char *
strv_text(const struct strv *v)
{
	json_t *j = strv_to_json(v);
	char *s;

	if (j == NULL)
		return NULL;
	s = json_dumps(j, JSON_COMPACT);
	json_decref(j);
	return s;
}

static int
article_row(sqlite3_stmt *s, void *p)
{
	struct article *a = p;
	int rc = GZ_OK;
	json_t *j;
	const char *t;

	article_clear(a);
	a->id = sqlite3_column_int64(s, 0);
	a->site_id = sqlite3_column_int64(s, 1);
	a->channel_id = sqlite3_column_int64(s, 2);
	a->lang = store_col_text(s, 3, &rc);
	a->channel = store_col_text(s, 4, &rc);
	a->slug = store_col_text(s, 5, &rc);
	a->title = store_col_text(s, 6, &rc);
	a->subtitle = store_col_text(s, 7, &rc);
	a->author = store_col_text(s, 8, &rc);
	a->source = store_col_text(s, 9, &rc);
	a->summary = store_col_text(s, 10, &rc);
	a->translation_key = store_col_text(s, 11, &rc);
	a->extra = store_col_text(s, 12, &rc);
	a->body = store_col_text(s, 13, &rc);
	if (rc)
		return rc;
	if ((t = (const char *)sqlite3_column_text(s, 14)) &&
	    strcmp(t, "[]") != 0) {
		if ((j = json_loads(t, 0, NULL)) == NULL)
			return GZ_ESTORE;
		rc = strv_from_json(j, &a->tags);
		json_decref(j);
	}
	if (!rc && (t = (const char *)sqlite3_column_text(s, 15)) &&
	    strcmp(t, "[]") != 0) {
		if ((j = json_loads(t, 0, NULL)) == NULL)
			return GZ_ESTORE;
		rc = strv_from_json(j, &a->categories);
		json_decref(j);
	}
	t = (const char *)sqlite3_column_text(s, 16);
	a->format = t && strcmp(t, "html") == 0 ? BODY_HTML : BODY_MARKDOWN;
	t = (const char *)sqlite3_column_text(s, 17);
	a->status = (enum article_status)(t ? article_status_parse(t) : 0);
	a->weight = sqlite3_column_int(s, 18);
	a->date = sqlite3_column_int64(s, 19);
	a->date_offset = sqlite3_column_int(s, 20);
	a->expire = sqlite3_column_int64(s, 21);
	a->created = sqlite3_column_int64(s, 22);
	a->updated = sqlite3_column_int64(s, 23);
	a->revision = sqlite3_column_int(s, 24);
	a->deleted = sqlite3_column_int(s, 25);
	return rc;
}

/* Bind ?1..?20 (the content) and ?21 (now) of INSERT and UPDATE.
 * *tags and *cats receive JSON texts that must outlive the step. */
static int
article_bind(sqlite3_stmt *s, const struct article *a, int64_t now,
    char **tags, char **cats)
{
	if ((*tags = strv_text(&a->tags)) == NULL ||
	    (*cats = strv_text(&a->categories)) == NULL)
		return GZ_ENOMEM;
	sqlite3_bind_int64(s, 1, a->site_id);
	sqlite3_bind_int64(s, 2, a->channel_id);
	store_bind_text(s, 3, a->lang);
	store_bind_text(s, 4, a->slug);
	store_bind_text(s, 5, a->title);
	store_bind_text(s, 6, a->subtitle);
	store_bind_text(s, 7, a->author);
	store_bind_text(s, 8, a->source);
	store_bind_text(s, 9, a->summary);
	store_bind_text(s, 10, a->translation_key);
	store_bind_text(s, 11, a->extra);
	store_bind_text(s, 12, a->body ? a->body : "");
	store_bind_text(s, 13, *tags);
	store_bind_text(s, 14, *cats);
	store_bind_text(s, 15, body_format_name(a->format));
	store_bind_text(s, 16, article_status_name(a->status));
	sqlite3_bind_int(s, 17, a->weight);
	sqlite3_bind_int64(s, 18, a->date);
	sqlite3_bind_int(s, 19, a->date_offset);
	sqlite3_bind_int64(s, 20, a->expire);
	sqlite3_bind_int64(s, 21, now);
	return GZ_OK;
}

/* Store the body of article id. */
static int
body_put(struct store *st, int64_t id, const char *body)
{
	sqlite3_stmt *s = store_stmt(st, STMT_BODY_PUT);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, body ? body : "");
	return store_step_done(st, s);
}

/* Copy the current version of article id into the revisions. */
static int
revision_archive(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_REVISION_ARCHIVE);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_step_done(st, s)) == GZ_OK &&
	    sqlite3_changes(st->db) == 0)
		rc = GZ_ENOTFOUND;
	return rc;
}

static int
article_validate(const struct article *a)
{
	if (a->title == NULL || a->title[0] == '\0' || a->lang == NULL ||
	    a->slug == NULL || !slug_valid(a->slug) || a->channel_id == 0 ||
	    a->site_id == 0 || (unsigned)a->status >= ARTICLE_STATUS__COUNT)
		return GZ_EINVAL;
	return GZ_OK;
}

int
store_article_insert(struct store *st, struct article *a, const char *actor,
    const char *note)
{
	sqlite3_stmt *s;
	char *tags = NULL, *cats = NULL;
	int64_t now = store_now();
	int rc;

	if ((rc = article_validate(a)))
		return rc;
	if ((s = store_stmt(st, STMT_ARTICLE_INSERT)) == NULL)
		return GZ_ESTORE;
	if ((rc = store_begin(st)))
		return rc;
	if ((rc = article_bind(s, a, now, &tags, &cats)) == GZ_OK) {
		store_bind_text(s, 22, actor ? actor : "unknown");
		store_bind_text(s, 23, note);
		rc = store_step_done(st, s);
	}
	free(tags);
	free(cats);
	if (rc == GZ_ECONSTRAINT) {
		/* Nothing was written: the statement undid itself. */
		store_commit(st);
		return GZ_EEXIST;
	}
	if (rc == GZ_OK) {
		a->id = sqlite3_last_insert_rowid(st->db);
		rc = body_put(st, a->id, a->body);
	}
	if (rc) {
		store_rollback(st);
		return rc;
	}
	a->created = a->updated = now;
	a->revision = 1;
	a->deleted = 0;
	return store_commit(st);
}

int
store_article_update(struct store *st, struct article *a, const char *actor,
    const char *note)
{
	sqlite3_stmt *s;
	char *tags = NULL, *cats = NULL;
	int64_t now = store_now();
	int rc, r;

	if ((rc = article_validate(a)))
		return rc;
	if ((s = store_stmt(st, STMT_ARTICLE_UPDATE)) == NULL)
		return GZ_ESTORE;
	if ((rc = store_begin(st)))
		return rc;
	if ((rc = revision_archive(st, a->id)) == GZ_OK &&
	    (rc = article_bind(s, a, now, &tags, &cats)) == GZ_OK) {
		store_bind_text(s, 22, actor ? actor : "unknown");
		store_bind_text(s, 23, note);
		sqlite3_bind_int64(s, 24, a->id);
		r = sqlite3_step(s);
		if (r == SQLITE_ROW)
			a->revision = sqlite3_column_int(s, 0);
		else
			rc = r == SQLITE_DONE ? GZ_ENOTFOUND : store_rc(st, r);
		sqlite3_reset(s);
	}
	free(tags);
	free(cats);
	if (rc == GZ_ECONSTRAINT)
		rc = GZ_EEXIST;
	if (rc == GZ_OK)
		rc = body_put(st, a->id, a->body);
	if (rc == GZ_OK) {
		a->updated = now;
		a->deleted = 0;
	}
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

int
store_article_get(struct store *st, int64_t id, struct article *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_BY_ID);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int(s, 1, 1);
	sqlite3_bind_int64(s, 2, id);
	return store_one_row(st, s, article_row, out);
}

int
store_article_find(struct store *st, int64_t channel_id, const char *slug,
    struct article *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_BY_SLUG);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int(s, 1, 1);
	sqlite3_bind_int64(s, 2, channel_id);
	store_bind_text(s, 3, slug);
	return store_one_row(st, s, article_row, out);
}

static int
article_by_id_stmt(struct store *st, enum stmt_id id, int64_t article_id,
    const char *actor, const char *action)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	if ((rc = store_begin(st)))
		return rc;
	sqlite3_bind_int64(s, 1, article_id);
	if (id == STMT_ARTICLE_TRASH)
		sqlite3_bind_int64(s, 2, store_now());
	if ((rc = store_step_done(st, s)) == GZ_OK &&
	    sqlite3_changes(st->db) == 0)
		rc = GZ_ENOTFOUND;
	if (rc == GZ_OK)
		rc = store_audit(st, actor, action, "article", article_id,
		    NULL);
	if (rc) {
		store_rollback(st);
		return rc;
	}
	return store_commit(st);
}

int
store_article_delete(struct store *st, int64_t id, const char *actor)
{
	return article_by_id_stmt(st, STMT_ARTICLE_TRASH, id, actor, "trash");
}

int
store_article_purge(struct store *st, int64_t id, const char *actor)
{
	return article_by_id_stmt(st, STMT_ARTICLE_PURGE, id, actor, "purge");
}

static void
filter_bind(sqlite3_stmt *s, const struct article_filter *f)
{
	sqlite3_bind_int(s, 1, f->with_body);
	sqlite3_bind_int64(s, 2, f->site_id);
	store_bind_text(s, 3, f->lang);
	sqlite3_bind_int64(s, 4, f->channel_id);
	if (f->status >= 0)
		store_bind_text(s, 5,
		    article_status_name((enum article_status)f->status));
}

struct article_each {
	struct article a;
	int (*fn)(const struct article *, void *);
	void *arg;
};

static int
article_each(sqlite3_stmt *s, void *p)
{
	struct article_each *e = p;
	int rc = article_row(s, &e->a);

	return rc ? rc : e->fn(&e->a, e->arg);
}

int
store_article_list(struct store *st, const struct article_filter *f,
    int (*fn)(const struct article *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_LIST);
	struct article_each e;
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	article_init(&e.a);
	e.fn = fn;
	e.arg = arg;
	filter_bind(s, f);
	sqlite3_bind_int64(s, 6, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(s, 7, f->offset);
	rc = store_each_row(st, s, article_each, &e);
	article_clear(&e.a);
	return rc;
}

struct live_each {
	int (*fn)(const struct live_article *, void *);
	void *arg;
};

static int
live_each(sqlite3_stmt *s, void *p)
{
	struct live_each *e = p;
	struct live_article a;

	a.id = sqlite3_column_int64(s, 0);
	a.channel_id = sqlite3_column_int64(s, 1);
	a.slug = (const char *)sqlite3_column_text(s, 2);
	a.title = (const char *)sqlite3_column_text(s, 3);
	a.summary = (const char *)sqlite3_column_text(s, 4);
	a.author = (const char *)sqlite3_column_text(s, 5);
	a.source = (const char *)sqlite3_column_text(s, 6);
	a.tkey = (const char *)sqlite3_column_text(s, 7);
	a.date = sqlite3_column_int64(s, 8);
	a.offset = sqlite3_column_int(s, 9);
	a.weight = sqlite3_column_int(s, 10);
	a.updated = sqlite3_column_int64(s, 11);
	if (a.slug == NULL || (a.title == NULL &&
	    sqlite3_column_type(s, 3) != SQLITE_NULL))
		return GZ_ENOMEM;
	return e->fn(&a, e->arg);
}

int
store_article_live(struct store *st, int64_t site_id, int64_t now,
    int (*fn)(const struct live_article *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_LIVE);
	struct live_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_int64(s, 2, now);
	return store_each_row(st, s, live_each, &e);
}

int
store_live_part(struct store *st, const struct live_query *q,
    int (*fn)(const struct live_article *, void *), void *arg)
{
	static const enum stmt_id ids[] = {
		[LIVE_CHANNEL] = STMT_LIVE_CHANNEL,
		[LIVE_PINNED] = STMT_LIVE_PINNED,
		[LIVE_LATEST] = STMT_LIVE_LATEST,
		[LIVE_TKEY] = STMT_LIVE_TKEY,
		[LIVE_ID] = STMT_LIVE_ID,
		[LIVE_TKEYS] = STMT_LIVE_TKEYS,
	};
	sqlite3_stmt *s = store_stmt(st, ids[q->part]);
	struct live_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, q->site_id);
	sqlite3_bind_int64(s, 2, q->now);
	if (q->part == LIVE_TKEY || q->part == LIVE_TKEYS)
		store_bind_text(s, 3, q->tkey);
	else if (q->part == LIVE_ID)
		sqlite3_bind_int64(s, 3, q->id);
	else
		sqlite3_bind_int64(s, 3, q->channel_id);
	if (q->part <= LIVE_LATEST)
		store_bind_text(s, 4, q->lang);
	if (q->part == LIVE_LATEST || q->part == LIVE_PINNED)
		sqlite3_bind_int(s, 5, q->limit);
	return store_each_row(st, s, live_each, &e);
}

int
store_article_count(struct store *st, const struct article_filter *f,
    int64_t *n)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_COUNT);
	int r;

	if (s == NULL)
		return GZ_ESTORE;
	filter_bind(s, f);
	r = sqlite3_step(s);
	*n = r == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return r == SQLITE_ROW ? GZ_OK : store_rc(st, r);
}

void
revision_clear(struct revision *r)
{
	free(r->actor);
	free(r->note);
	free(r->data);
	memset(r, 0, sizeof *r);
}

static int
revision_row(sqlite3_stmt *s, void *p)
{
	struct revision *r = p;
	int rc = GZ_OK;

	revision_clear(r);
	r->id = sqlite3_column_int64(s, 0);
	r->article_id = sqlite3_column_int64(s, 1);
	r->number = sqlite3_column_int(s, 2);
	r->created = sqlite3_column_int64(s, 3);
	r->actor = store_col_text(s, 4, &rc);
	r->note = store_col_text(s, 5, &rc);
	r->data = store_col_text(s, 6, &rc);
	return rc;
}

struct revision_each {
	struct revision r;
	int (*fn)(const struct revision *, void *);
	void *arg;
};

static int
revision_each(sqlite3_stmt *s, void *p)
{
	struct revision_each *e = p;
	int rc = revision_row(s, &e->r);

	return rc ? rc : e->fn(&e->r, e->arg);
}

int
store_revision_list(struct store *st, int64_t article_id,
    int (*fn)(const struct revision *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_REVISION_LIST);
	struct revision_each e = {{0}, fn, arg};
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	rc = store_each_row(st, s, revision_each, &e);
	revision_clear(&e.r);
	return rc;
}

static int
number_row(sqlite3_stmt *s, void *p)
{
	*(int *)p = sqlite3_column_int(s, 0);
	return GZ_OK;
}

int
store_revision_pending(struct store *st, int64_t article_id,
    const char *actor, const char *note, const char *data, int *number)
{
	sqlite3_stmt *s = store_stmt(st, STMT_REVISION_PENDING);
	int n = 0, rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, store_now());
	store_bind_text(s, 3, actor ? actor : "unknown");
	store_bind_text(s, 4, note);
	store_bind_text(s, 5, data);
	rc = store_one_row(st, s, number_row, &n);
	if (number)
		*number = n;
	return rc;
}

int
store_revision_load(struct store *st, int64_t article_id, int number,
    struct article *out)
{
	sqlite3_stmt *s;
	struct revision r = {0};
	json_t *j;
	int rc;

	if ((rc = store_article_get(st, article_id, out)))
		return rc;
	if (number == out->revision)
		return GZ_OK; /* the current version is the article itself */
	if ((s = store_stmt(st, STMT_REVISION_GET)) == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int(s, 2, number);
	if ((rc = store_one_row(st, s, revision_row, &r)))
		goto out;
	if ((j = json_loads(r.data, 0, NULL)) == NULL) {
		rc = GZ_ESTORE;
		goto out;
	}
	/* The article's place (site, channel) is today's; the content is
	 * the revision's. */
	rc = article_from_json(j, out);
	json_decref(j);
out:
	revision_clear(&r);
	return rc;
}

int
store_article_restore(struct store *st, int64_t article_id, int number,
    const char *actor)
{
	struct article a;
	struct buf note = BUF_INIT;
	int rc;

	article_init(&a);
	if ((rc = store_revision_load(st, article_id, number, &a)) == GZ_OK) {
		buf_printf(&note, "restored revision %d", number);
		rc = buf_error(&note) ? GZ_ENOMEM :
		    store_article_update(st, &a, actor, note.data);
	}
	buf_free(&note);
	article_clear(&a);
	return rc;
}

struct admin_each {
	int (*fn)(const struct admin_row *, void *);
	void *arg;
	long *total;
};

static int
admin_each(sqlite3_stmt *s, void *p)
{
	struct admin_each *e = p;
	struct admin_row r;

	r.id = sqlite3_column_int64(s, 0);
	r.title = (const char *)sqlite3_column_text(s, 1);
	r.lang = (const char *)sqlite3_column_text(s, 2);
	r.path = (const char *)sqlite3_column_text(s, 3);
	r.status = (const char *)sqlite3_column_text(s, 4);
	r.author = (const char *)sqlite3_column_text(s, 5);
	r.actor = (const char *)sqlite3_column_text(s, 6);
	r.publish_at = sqlite3_column_int64(s, 7);
	r.updated = sqlite3_column_int64(s, 8);
	r.work = (const char *)sqlite3_column_text(s, 9);
	r.level = sqlite3_column_int(s, 10);
	r.levels = sqlite3_column_int(s, 11);
	*e->total = (long)sqlite3_column_int64(s, 12);
	if (!r.title || !r.lang || !r.path || !r.status || !r.author ||
	    !r.actor || !r.work)
		return GZ_ENOMEM;
	return e->fn(&r, e->arg);
}

int
store_article_admin_list(struct store *st, const struct admin_filter *f,
    int (*fn)(const struct admin_row *, void *), void *arg, long *total)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_ADMIN_LIST);
	struct admin_each e = {fn, arg, total};

	*total = 0;
	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, f->site_id);
	store_bind_text(s, 2, f->lang);
	store_bind_text(s, 3, f->channel);
	store_bind_text(s, 4, f->state);
	store_bind_text(s, 5, f->author);
	store_bind_text(s, 6, f->text);
	sqlite3_bind_int64(s, 7, f->from);
	sqlite3_bind_int64(s, 8, f->to > 0 ? f->to : INT64_MAX);
	sqlite3_bind_int64(s, 9, f->user_id);
	sqlite3_bind_int(s, 10, f->all);
	sqlite3_bind_int64(s, 11, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(s, 12, f->offset);
	return store_each_row(st, s, admin_each, &e);
}
