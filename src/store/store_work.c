/*
 * store_work: articles on their way through review (work) and the
 * decisions taken on them (review).  The rules are src/admin/workflow.c.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

void
work_row_clear(struct work_row *w)
{
	free(w->approved_by);
	free(w->data);
	free(w->findings);
	memset(w, 0, sizeof *w);
}

static int
work_row(sqlite3_stmt *s, void *p)
{
	struct work_row *w = p;
	const char *state = (const char *)sqlite3_column_text(s, 0);
	int rc = GZ_OK;

	work_row_clear(w);
	if (state == NULL || strlen(state) >= sizeof w->state)
		return GZ_EINVAL;
	strcpy(w->state, state);
	w->level = sqlite3_column_int(s, 1);
	w->levels = sqlite3_column_int(s, 2);
	w->owner = sqlite3_column_int64(s, 3);
	w->approved_by = store_col_text(s, 4, &rc);
	w->data = store_col_text(s, 5, &rc);
	w->updated = sqlite3_column_int64(s, 6);
	w->findings = store_col_text(s, 7, &rc);
	return rc;
}

int
store_work_get(struct store *st, int64_t article_id, struct work_row *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_WORK_GET);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	return store_one_row(st, s, work_row, out);
}

int
store_work_put(struct store *st, int64_t article_id, const struct work_row *w)
{
	sqlite3_stmt *s = store_stmt(st, STMT_WORK_PUT);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	store_bind_text(s, 2, w->state);
	sqlite3_bind_int(s, 3, w->level);
	sqlite3_bind_int(s, 4, w->levels);
	sqlite3_bind_int64(s, 5, w->owner);
	store_bind_text(s, 6, w->approved_by ? w->approved_by : "[]");
	store_bind_text(s, 7, w->data);
	sqlite3_bind_int64(s, 8, w->updated ? w->updated : store_now());
	store_bind_text(s, 9, w->findings);
	return store_step_done(st, s);
}

int
store_work_del(struct store *st, int64_t article_id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_WORK_DEL);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	return store_step_done(st, s);
}

int
store_review_add(struct store *st, const struct review_entry *e)
{
	sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_ADD);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, e->article_id);
	sqlite3_bind_int64(s, 2, e->at ? e->at : store_now());
	sqlite3_bind_int64(s, 3, e->actor_id);
	store_bind_text(s, 4, e->actor ? e->actor : "unknown");
	store_bind_text(s, 5, e->action);
	sqlite3_bind_int(s, 6, e->level);
	store_bind_text(s, 7, e->comment);
	store_bind_text(s, 8, e->addr);
	return store_step_done(st, s);
}

struct review_each {
	int (*fn)(const struct review_entry *, void *);
	void *arg;
};

static int
review_each(sqlite3_stmt *s, void *p)
{
	struct review_each *r = p;
	struct review_entry e;

	e.id = sqlite3_column_int64(s, 0);
	e.article_id = sqlite3_column_int64(s, 1);
	e.at = sqlite3_column_int64(s, 2);
	e.actor_id = sqlite3_column_int64(s, 3);
	e.actor = (const char *)sqlite3_column_text(s, 4);
	e.action = (const char *)sqlite3_column_text(s, 5);
	e.level = sqlite3_column_int(s, 6);
	e.comment = (const char *)sqlite3_column_text(s, 7);
	e.addr = (const char *)sqlite3_column_text(s, 8);
	if (e.actor == NULL || e.action == NULL)
		return GZ_ENOMEM;
	return r->fn(&e, r->arg);
}

int
store_review_list(struct store *st, int64_t article_id,
    int (*fn)(const struct review_entry *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_REVIEW_LIST);
	struct review_each r = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	return store_each_row(st, s, review_each, &r);
}

struct work_each {
	int (*fn)(const struct work_item *, void *);
	void *arg;
};

static int
work_each(sqlite3_stmt *s, void *p)
{
	struct work_each *e = p;
	struct work_item w;

	w.article_id = sqlite3_column_int64(s, 0);
	w.title = (const char *)sqlite3_column_text(s, 1);
	w.lang = (const char *)sqlite3_column_text(s, 2);
	w.path = (const char *)sqlite3_column_text(s, 3);
	w.state = (const char *)sqlite3_column_text(s, 4);
	w.level = sqlite3_column_int(s, 5);
	w.levels = sqlite3_column_int(s, 6);
	w.updated = sqlite3_column_int64(s, 7);
	w.owner = (const char *)sqlite3_column_text(s, 8);
	w.status = (const char *)sqlite3_column_text(s, 9);
	if (!w.title || !w.lang || !w.path || !w.state || !w.owner ||
	    !w.status)
		return GZ_ENOMEM;
	return e->fn(&w, e->arg);
}

int
store_work_list(struct store *st, int64_t user_id, int64_t site_id,
    int mine, int admin, int (*fn)(const struct work_item *, void *),
    void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_WORK_LIST);
	struct work_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, site_id);
	store_bind_text(s, 3, mine ? "mine" : "queue");
	sqlite3_bind_int(s, 4, admin);
	return store_each_row(st, s, work_each, &e);
}
