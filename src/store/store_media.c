/*
 * store_media: the media library (files by content hash), which articles
 * use which files, and the lists the pre-publish checks read: each
 * site's sensitive words and recent titles.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

void
media_clear(struct media *m)
{
	free(m->hash);
	free(m->mime);
	free(m->ext);
	free(m->name);
	free(m->uploader);
	memset(m, 0, sizeof *m);
}

/* MEDIA_COLS into out, and column 11 (attached) when asked. */
static int
media_cols(sqlite3_stmt *s, struct media *out, int attached)
{
	int rc = GZ_OK;

	media_clear(out);
	out->id = sqlite3_column_int64(s, 0);
	out->site_id = sqlite3_column_int64(s, 1);
	out->hash = store_col_text(s, 2, &rc);
	out->mime = store_col_text(s, 3, &rc);
	out->ext = store_col_text(s, 4, &rc);
	out->size = sqlite3_column_int64(s, 5);
	out->name = store_col_text(s, 6, &rc);
	out->width = sqlite3_column_int(s, 7);
	out->height = sqlite3_column_int(s, 8);
	out->created = sqlite3_column_int64(s, 9);
	out->uploader = store_col_text(s, 10, &rc);
	if (attached)
		out->attached = sqlite3_column_int(s, 11);
	return rc;
}

static int
media_row(sqlite3_stmt *s, void *p)
{
	return media_cols(s, p, 0);
}

int
store_media_get(struct store *st, int64_t site_id, const char *hash,
    struct media *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_MEDIA_BY_HASH);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	store_bind_text(s, 2, hash);
	return store_one_row(st, s, media_row, out);
}

int
store_media_get_id(struct store *st, int64_t id, struct media *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_MEDIA_BY_ID);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	return store_one_row(st, s, media_row, out);
}

int
store_media_add(struct store *st, struct media *m)
{
	sqlite3_stmt *s = store_stmt(st, STMT_MEDIA_ADD);
	struct media old = {0};
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	m->created = store_now();
	sqlite3_bind_int64(s, 1, m->site_id);
	store_bind_text(s, 2, m->hash);
	store_bind_text(s, 3, m->mime);
	store_bind_text(s, 4, m->ext);
	sqlite3_bind_int64(s, 5, m->size);
	store_bind_text(s, 6, m->name);
	sqlite3_bind_int(s, 7, m->width);
	sqlite3_bind_int(s, 8, m->height);
	sqlite3_bind_int64(s, 9, m->created);
	store_bind_text(s, 10, m->uploader ? m->uploader : "");
	if ((rc = store_step_done(st, s)))
		return rc;
	if (sqlite3_changes(st->db) > 0) {
		m->id = sqlite3_last_insert_rowid(st->db);
		return GZ_OK;
	}
	if ((rc = store_media_get(st, m->site_id, m->hash, &old)) == GZ_OK) {
		m->id = old.id;
		rc = GZ_EEXIST;
	}
	media_clear(&old);
	return rc;
}

struct media_each {
	struct media m;
	int (*fn)(const struct media *, void *);
	void *arg;
	long *total;
	int attached;
};

static int
media_each(sqlite3_stmt *s, void *p)
{
	struct media_each *e = p;
	int rc = media_cols(s, &e->m, e->attached);

	if (e->total) {
		e->m.used = sqlite3_column_int(s, 11);
		*e->total = sqlite3_column_int64(s, 12);
	}
	return rc ? rc : e->fn(&e->m, e->arg);
}

int
store_media_list(struct store *st, const struct media_filter *f,
    int (*fn)(const struct media *, void *), void *arg, long *total)
{
	sqlite3_stmt *s = store_stmt(st, STMT_MEDIA_LIST);
	struct media_each e = {{0}, fn, arg, total, 0};
	int rc;

	if (total)
		*total = 0;
	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, f->site_id);
	store_bind_text(s, 2, f->q && *f->q ? f->q : NULL);
	sqlite3_bind_int(s, 3, f->kind);
	sqlite3_bind_int(s, 4, f->unused);
	sqlite3_bind_int64(s, 5, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(s, 6, f->offset);
	rc = store_each_row(st, s, media_each, &e);
	media_clear(&e.m);
	return rc;
}

int
store_media_del(struct store *st, int64_t id)
{
	sqlite3_stmt *s = store_stmt(st, STMT_MEDIA_DEL);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	if ((rc = store_step_done(st, s)))
		return rc;
	return sqlite3_changes(st->db) > 0 ? GZ_OK : GZ_EBUSY;
}

int
store_article_media_set(struct store *st, int64_t article_id,
    const int64_t *ids, const int *attached, size_t n)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_MEDIA_CLEAR);
	size_t i;
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	if ((rc = store_step_done(st, s)))
		return rc;
	for (i = 0; i < n; i++) {
		if ((s = store_stmt(st, STMT_ARTICLE_MEDIA_ADD)) == NULL)
			return GZ_ESTORE;
		sqlite3_bind_int64(s, 1, article_id);
		sqlite3_bind_int64(s, 2, ids[i]);
		sqlite3_bind_int(s, 3, attached ? attached[i] : 0);
		if ((rc = store_step_done(st, s)))
			return rc;
	}
	return GZ_OK;
}

int
store_article_media(struct store *st, int64_t article_id,
    int (*fn)(const struct media *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_ARTICLE_MEDIA_LIST);
	struct media_each e = {{0}, fn, arg, NULL, 1};
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, article_id);
	rc = store_each_row(st, s, media_each, &e);
	media_clear(&e.m);
	return rc;
}

static int
words_row(sqlite3_stmt *s, void *p)
{
	int rc = GZ_OK;

	*(char **)p = store_col_text(s, 0, &rc);
	return rc;
}

int
store_wordlist_get(struct store *st, int64_t site_id, char **words)
{
	sqlite3_stmt *s = store_stmt(st, STMT_WORDLIST_GET);
	int rc;

	*words = NULL;
	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	rc = store_one_row(st, s, words_row, words);
	if (rc == GZ_ENOTFOUND || (rc == GZ_OK && *words == NULL)) {
		free(*words);
		*words = strdup("");
		rc = *words ? GZ_OK : GZ_ENOMEM;
	}
	return rc;
}

int
store_wordlist_put(struct store *st, int64_t site_id, const char *words,
    const char *actor)
{
	sqlite3_stmt *s = store_stmt(st, STMT_WORDLIST_PUT);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	store_bind_text(s, 2, words);
	sqlite3_bind_int64(s, 3, store_now());
	store_bind_text(s, 4, actor ? actor : "");
	return store_step_done(st, s);
}

struct title_each {
	int (*fn)(int64_t, const char *, const char *, void *);
	void *arg;
};

static int
title_each(sqlite3_stmt *s, void *p)
{
	struct title_each *e = p;

	return e->fn(sqlite3_column_int64(s, 0),
	    (const char *)sqlite3_column_text(s, 1),
	    (const char *)sqlite3_column_text(s, 2), e->arg);
}

int
store_title_recent(struct store *st, int64_t site_id, int64_t article_id,
    const char *key, int64_t since,
    int (*fn)(int64_t id, const char *title, const char *path, void *),
    void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_TITLE_RECENT);
	struct title_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_int64(s, 2, article_id);
	store_bind_text(s, 3, key);
	sqlite3_bind_int64(s, 4, since);
	return store_each_row(st, s, title_each, &e);
}
