/*
 * store_search: the search index's rows (FTS5 table `search` and its
 * bookkeeping `search_doc`), the visit counts and the scheduler's query.
 * What the server reads and writes besides the published tree.
 */
#include <string.h>

#include "store_int.h"

struct id_each {
	int (*fn)(int64_t, void *);
	void *arg;
};

static int
id_each(sqlite3_stmt *s, void *p)
{
	struct id_each *e = p;

	return e->fn(sqlite3_column_int64(s, 0), e->arg);
}

static int
each_id(struct store *st, enum stmt_id id, int64_t site_id,
    int (*fn)(int64_t, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, id);
	struct id_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	return store_each_row(st, s, id_each, &e);
}

int
store_search_stale(struct store *st, int64_t site_id,
    int (*fn)(int64_t, void *), void *arg)
{
	return each_id(st, STMT_SEARCH_STALE, site_id, fn, arg);
}

int
store_search_orphans(struct store *st, int64_t site_id,
    int (*fn)(int64_t, void *), void *arg)
{
	return each_id(st, STMT_SEARCH_ORPHANS, site_id, fn, arg);
}

static int
int64_row(sqlite3_stmt *s, void *out)
{
	*(int64_t *)out = sqlite3_column_int64(s, 0);
	return GZ_OK;
}

int
store_search_indexed(struct store *st, int64_t article_id, int64_t *updated)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SEARCH_DOC_GET);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	return store_one_row(st, s, int64_row, updated);
}

int
store_search_del(struct store *st, int64_t article_id)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, STMT_SEARCH_DEL)) == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	if ((rc = store_step_done(st, s)))
		return rc;
	if ((s = store_stmt(st, STMT_SEARCH_DOC_DEL)) == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	return store_step_done(st, s);
}

int
store_search_put(struct store *st, int64_t article_id, int64_t site_id,
    int64_t updated, const char *title, const char *text)
{
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_begin(st)))
		return rc;
	if ((s = store_stmt(st, STMT_SEARCH_DEL)) == NULL) {
		rc = GZ_ESTORE;
		goto out;
	}
	sqlite3_bind_int64(s, 1, article_id);
	if ((rc = store_step_done(st, s)))
		goto out;
	if ((s = store_stmt(st, STMT_SEARCH_INSERT)) == NULL) {
		rc = GZ_ESTORE;
		goto out;
	}
	sqlite3_bind_int64(s, 1, article_id);
	store_bind_text(s, 2, title);
	store_bind_text(s, 3, text);
	if ((rc = store_step_done(st, s)))
		goto out;
	if ((s = store_stmt(st, STMT_SEARCH_DOC_PUT)) == NULL) {
		rc = GZ_ESTORE;
		goto out;
	}
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, site_id);
	sqlite3_bind_int64(s, 3, updated);
	rc = store_step_done(st, s);
out:
	return rc ? (store_rollback(st), rc) : store_commit(st);
}

int
store_search_bump(struct store *st, int64_t site_id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SEARCH_VERSION_BUMP);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	return store_step_done(st, s);
}

int
store_search_version(struct store *st, int64_t site_id, int64_t *version)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SEARCH_VERSION_GET);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	rc = store_one_row(st, s, int64_row, version);
	if (rc == GZ_ENOTFOUND) {
		*version = 0;
		rc = GZ_OK;
	}
	return rc;
}

static void
bind_query(sqlite3_stmt *s, const struct search_query *q)
{
	store_bind_text(s, 1, q->match);
	sqlite3_bind_int64(s, 2, q->site_id);
	store_bind_text(s, 3, q->lang);
	store_bind_text(s, 4, q->channel);
	sqlite3_bind_int64(s, 5, q->from);
	sqlite3_bind_int64(s, 6, q->to);
}

struct hit_each {
	int (*fn)(const struct search_hit *, void *);
	void *arg;
};

static int
hit_each(sqlite3_stmt *s, void *p)
{
	struct hit_each *e = p;
	struct search_hit h;

	h.article_id = sqlite3_column_int64(s, 0);
	h.url = (const char *)sqlite3_column_text(s, 1);
	h.date = sqlite3_column_int64(s, 2);
	h.lang = (const char *)sqlite3_column_text(s, 3);
	h.channel_name = (const char *)sqlite3_column_text(s, 4);
	h.offset = sqlite3_column_int(s, 5);
	h.title = (const char *)sqlite3_column_text(s, 6);
	h.snippet = (const char *)sqlite3_column_text(s, 7);
	if (!h.url || !h.lang || !h.channel_name || !h.title)
		return GZ_ENOMEM;
	if (h.snippet == NULL)
		h.snippet = "";
	return e->fn(&h, e->arg);
}

int
store_search_query(struct store *st, const struct search_query *q,
    int (*fn)(const struct search_hit *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SEARCH_QUERY);
	struct hit_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	bind_query(s, q);
	sqlite3_bind_int64(s, 7, q->now);
	sqlite3_bind_int64(s, 8, q->limit);
	sqlite3_bind_int64(s, 9, q->offset);
	sqlite3_bind_int64(s, 10, q->floor);
	return store_each_row(st, s, hit_each, &e);
}

int
store_search_count(struct store *st, const struct search_query *q,
    long cap, long window, long *count, int64_t *floor)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SEARCH_COUNT);
	int rc;

	*count = 0;
	*floor = 0;
	if (s == NULL)
		return GZ_ESTORE;
	bind_query(s, q);
	sqlite3_bind_int64(s, 7, cap);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		if (++*count == window)
			*floor = sqlite3_column_int64(s, 0);
	if (rc != SQLITE_DONE)
		return store_rc(st, rc);
	if (*count <= window)
		*floor = 0; /* no more than the window: rank them all */
	sqlite3_reset(s);
	return GZ_OK;
}

int
store_visit_add(struct store *st, int64_t article_id, int day, long n)
{
	sqlite3_stmt *s;
	int rc;

	if ((s = store_stmt(st, STMT_VISIT_ADD)) == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, n);
	if ((rc = store_step_done(st, s)))
		return rc;
	if ((s = store_stmt(st, STMT_VISIT_DAY_ADD)) == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, n);
	sqlite3_bind_int(s, 3, day);
	return store_step_done(st, s);
}

struct visit_row {
	long count;
	int published;
};

static int
visit_row(sqlite3_stmt *s, void *out)
{
	struct visit_row *v = out;

	v->count = (long)sqlite3_column_int64(s, 0);
	v->published = sqlite3_column_int(s, 1);
	return GZ_OK;
}

int
store_visit_get(struct store *st, int64_t article_id, int64_t site_id,
    long *count, int *published)
{
	sqlite3_stmt *s = store_stmt(st, STMT_VISIT_GET);
	struct visit_row v = {0, 0};
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	sqlite3_bind_int64(s, 2, site_id);
	rc = store_one_row(st, s, visit_row, &v);
	*count = v.count;
	*published = v.published;
	return rc;
}

int
store_schedule_due(struct store *st, int64_t site_id, int64_t since,
    int64_t now, int (*fn)(int64_t, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SCHEDULE_DUE);
	struct id_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_int64(s, 2, now);
	sqlite3_bind_int64(s, 3, since);
	return store_each_row(st, s, id_each, &e);
}

static int
day_total_row(sqlite3_stmt *s, void *out)
{
	*(long *)out = (long)sqlite3_column_int64(s, 0);
	return GZ_OK;
}

int
store_visit_day_total(struct store *st, int64_t site_id, int64_t day,
    long *n)
{
	sqlite3_stmt *s = store_stmt(st, STMT_VISIT_DAY_TOTAL);

	*n = 0;
	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_int64(s, 2, day);
	return store_one_row(st, s, day_total_row, n);
}

struct top_each {
	int (*fn)(const struct visit_top *, void *);
	void *arg;
};

static int
top_each(sqlite3_stmt *s, void *p)
{
	struct top_each *e = p;
	struct visit_top v;

	v.article_id = sqlite3_column_int64(s, 0);
	v.title = (const char *)sqlite3_column_text(s, 1);
	v.lang = (const char *)sqlite3_column_text(s, 2);
	v.path = (const char *)sqlite3_column_text(s, 3);
	v.n = sqlite3_column_int64(s, 4);
	if (!v.title || !v.lang || !v.path)
		return GZ_ENOMEM;
	return e->fn(&v, e->arg);
}

int
store_visit_day_top(struct store *st, int64_t site_id, int64_t day,
    int limit, int (*fn)(const struct visit_top *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_VISIT_DAY_TOP);
	struct top_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_int64(s, 2, day);
	sqlite3_bind_int(s, 3, limit);
	return store_each_row(st, s, top_each, &e);
}
