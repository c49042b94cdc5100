/*
 * store_publish: what the publisher last put in the static tree.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

void
published_clear(struct published *p)
{
	free(p->lang);
	free(p->url);
	free(p->tkey);
	memset(p, 0, sizeof *p);
}

int
store_published_keep(struct store *st, int64_t site_id, const char *ids_json)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PUBLISHED_KEEP);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_text(s, 2, ids_json, -1, SQLITE_TRANSIENT);
	return store_step_done(st, s);
}

int
store_published_put(struct store *st, const struct published *p)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PUBLISHED_PUT);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, p->article_id);
	sqlite3_bind_int64(s, 2, p->site_id);
	sqlite3_bind_int64(s, 3, p->channel_id);
	store_bind_text(s, 4, p->lang);
	store_bind_text(s, 5, p->url);
	sqlite3_bind_int64(s, 6, p->date);
	store_bind_text(s, 7, p->tkey);
	sqlite3_bind_int(s, 8, p->weight);
	return store_step_done(st, s);
}

static int
published_row(sqlite3_stmt *s, void *arg)
{
	struct published *p = arg;
	int rc = GZ_OK;

	published_clear(p);
	p->article_id = sqlite3_column_int64(s, 0);
	p->site_id = sqlite3_column_int64(s, 1);
	p->channel_id = sqlite3_column_int64(s, 2);
	p->lang = store_col_text(s, 3, &rc);
	p->url = store_col_text(s, 4, &rc);
	p->date = sqlite3_column_int64(s, 5);
	p->tkey = store_col_text(s, 6, &rc);
	p->weight = sqlite3_column_int(s, 7);
	return rc;
}

int
store_published_get(struct store *st, int64_t article_id,
    struct published *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PUBLISHED_GET);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	return store_one_row(st, s, published_row, out);
}

int
store_published_del(struct store *st, int64_t article_id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PUBLISHED_DEL);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	return store_step_done(st, s);
}

struct counts_each {
	int (*fn)(int64_t, long, void *);
	void *arg;
};

static int
counts_each(sqlite3_stmt *s, void *p)
{
	struct counts_each *e = p;

	return e->fn(sqlite3_column_int64(s, 0),
	    (long)sqlite3_column_int64(s, 1), e->arg);
}

int
store_published_counts(struct store *st, int64_t site_id,
    int (*fn)(int64_t channel_id, long count, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PUBLISHED_COUNTS);
	struct counts_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	return store_each_row(st, s, counts_each, &e);
}
