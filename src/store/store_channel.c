/*
 * store_channel: the channel tree of each site and language.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

void
channel_clear(struct channel *c)
{
	free(c->lang);
	free(c->slug);
	free(c->path);
	free(c->name);
	memset(c, 0, sizeof *c);
}

static int
channel_row(sqlite3_stmt *s, void *p)
{
	struct channel *c = p;
	int rc = GZ_OK;

	channel_clear(c);
	c->id = sqlite3_column_int64(s, 0);
	c->site_id = sqlite3_column_int64(s, 1);
	c->parent_id = sqlite3_column_int64(s, 2);
	c->lang = store_col_text(s, 3, &rc);
	c->slug = store_col_text(s, 4, &rc);
	c->path = store_col_text(s, 5, &rc);
	c->name = store_col_text(s, 6, &rc);
	c->sort_order = sqlite3_column_int(s, 7);
	c->page_size = sqlite3_column_int(s, 8);
	c->review_levels = sqlite3_column_int(s, 9);
	c->created = sqlite3_column_int64(s, 10);
	c->updated = sqlite3_column_int64(s, 11);
	return rc;
}

int
store_channel_get(struct store *st, int64_t id, struct channel *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_CHANNEL_BY_ID);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	return store_one_row(st, s, channel_row, out);
}

int
store_channel_find(struct store *st, int64_t site_id, const char *lang,
    const char *path, struct channel *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_CHANNEL_BY_PATH);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	store_bind_text(s, 2, lang);
	store_bind_text(s, 3, path);
	return store_one_row(st, s, channel_row, out);
}

int
store_channel_add(struct store *st, struct channel *c)
{
	struct channel parent = {0};
	struct buf path = BUF_INIT;
	sqlite3_stmt *s;
	int64_t now = store_now();
	int rc;

	if (!slug_valid(c->slug))
		return GZ_EINVAL;
	if (c->parent_id) {
		if ((rc = store_channel_get(st, c->parent_id, &parent)))
			return rc;
		if (parent.site_id != c->site_id ||
		    strcmp(parent.lang, c->lang) != 0) {
			channel_clear(&parent);
			return GZ_EINVAL;
		}
		buf_printf(&path, "%s/", parent.path);
		channel_clear(&parent);
	}
	buf_puts(&path, c->slug);
	if (buf_error(&path))
		return GZ_ENOMEM;
	if ((s = store_stmt(st, STMT_CHANNEL_INSERT)) == NULL) {
		buf_free(&path);
		return GZ_ESTORE;
	}
	sqlite3_bind_int64(s, 1, c->site_id);
	store_bind_text(s, 2, c->lang);
	if (c->parent_id)
		sqlite3_bind_int64(s, 3, c->parent_id);
	store_bind_text(s, 4, c->slug);
	store_bind_text(s, 5, path.data);
	store_bind_text(s, 6, c->name ? c->name : c->slug);
	sqlite3_bind_int(s, 7, c->sort_order);
	sqlite3_bind_int(s, 8, c->page_size > 0 ? c->page_size : 20);
	sqlite3_bind_int(s, 9, c->review_levels);
	sqlite3_bind_int64(s, 10, now);
	rc = store_step_done(st, s);
	if (rc == GZ_ECONSTRAINT)
		rc = GZ_EEXIST;
	if (rc == GZ_OK) {
		c->id = sqlite3_last_insert_rowid(st->db);
		free(c->path);
		c->path = buf_detach(&path, NULL);
		c->created = c->updated = now;
		if (c->page_size <= 0)
			c->page_size = 20;
	}
	buf_free(&path);
	return rc;
}

int
store_channel_update(struct store *st, const struct channel *c)
{
	sqlite3_stmt *s = store_stmt(st, STMT_CHANNEL_UPDATE);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, c->id);
	store_bind_text(s, 2, c->name);
	sqlite3_bind_int(s, 3, c->sort_order);
	sqlite3_bind_int(s, 4, c->page_size);
	sqlite3_bind_int(s, 5, c->review_levels);
	sqlite3_bind_int64(s, 6, store_now());
	return store_step_done(st, s);
}

int
store_channel_move(struct store *st, int64_t id, int64_t new_parent,
    struct buf *why)
{
	struct channel c = {0}, p = {0};
	struct buf np = BUF_INIT;
	sqlite3_stmt *s;
	size_t plen;
	int rc;

	if ((rc = store_channel_get(st, id, &c))) {
		buf_printf(why, "no channel with id %lld", (long long)id);
		return rc;
	}
	if (new_parent) {
		if ((rc = store_channel_get(st, new_parent, &p))) {
			buf_printf(why, "no channel with id %lld",
			    (long long)new_parent);
			goto out;
		}
		plen = strlen(c.path);
		if (p.site_id != c.site_id || strcmp(p.lang, c.lang) != 0) {
			buf_printf(why, "%s/%s and %s/%s are in different sites "
			    "or languages; a channel moves only within its own "
			    "tree", c.lang, c.path, p.lang, p.path);
			rc = GZ_EINVAL;
			goto out;
		}
		if (strcmp(p.path, c.path) == 0 ||
		    (strncmp(p.path, c.path, plen) == 0 &&
		    p.path[plen] == '/')) {
			buf_printf(why, "cannot move %s/%s under itself (%s)",
			    c.lang, c.path, p.path);
			rc = GZ_EINVAL;
			goto out;
		}
		buf_printf(&np, "%s/", p.path);
	}
	buf_puts(&np, c.slug);
	if (buf_error(&np)) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if ((rc = store_begin(st)))
		goto out;
	if ((s = store_stmt(st, STMT_CHANNEL_SET_PARENT)) == NULL) {
		rc = GZ_ESTORE;
		goto rollback;
	}
	sqlite3_bind_int64(s, 1, id);
	sqlite3_bind_int64(s, 2, new_parent);
	sqlite3_bind_int64(s, 3, store_now());
	if ((rc = store_step_done(st, s)))
		goto rollback;
	if ((s = store_stmt(st, STMT_CHANNEL_REPATH)) == NULL) {
		rc = GZ_ESTORE;
		goto rollback;
	}
	sqlite3_bind_int64(s, 1, c.site_id);
	store_bind_text(s, 2, c.path);
	store_bind_text(s, 3, np.data);
	store_bind_text(s, 4, c.lang);
	if ((rc = store_step_done(st, s))) {
		if (rc == GZ_ECONSTRAINT) {
			buf_printf(why, "%s/%s already exists; rename one of "
			    "the two channels first", c.lang, np.data);
			rc = GZ_EEXIST;
		}
		goto rollback;
	}
	rc = store_commit(st);
	goto out;
rollback:
	store_rollback(st);
out:
	if (rc && why && why->len == 0)
		buf_printf(why, "cannot move %s/%s: %s", c.lang ? c.lang : "",
		    c.path ? c.path : "", store_errmsg(st));
	buf_free(&np);
	channel_clear(&c);
	channel_clear(&p);
	return rc;
}

static int
count_of(struct store *st, enum stmt_id id, int64_t arg, int64_t *n)
{
	sqlite3_stmt *s = store_stmt(st, id);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, arg);
	rc = sqlite3_step(s);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	return rc == SQLITE_ROW ? GZ_OK : store_rc(st, rc);
}

int
store_channel_rm(struct store *st, int64_t id, struct buf *why)
{
	struct channel c = {0};
	sqlite3_stmt *s;
	int64_t kids, articles;
	int rc;

	if ((rc = store_channel_get(st, id, &c)))
		return rc;
	if ((rc = count_of(st, STMT_CHANNEL_COUNT_CHILDREN, id, &kids)) ||
	    (rc = count_of(st, STMT_CHANNEL_COUNT_ARTICLES, id, &articles)))
		goto out;
	if (kids || articles) {
		buf_printf(why, "channel %s/%s still has %lld channels and "
		    "%lld articles (trash included); move or delete them first",
		    c.lang, c.path, (long long)kids, (long long)articles);
		rc = GZ_ECONSTRAINT;
		goto out;
	}
	if ((s = store_stmt(st, STMT_CHANNEL_DELETE)) == NULL) {
		rc = GZ_ESTORE;
		goto out;
	}
	sqlite3_bind_int64(s, 1, id);
	rc = store_step_done(st, s);
out:
	channel_clear(&c);
	return rc;
}

struct channel_each {
	struct channel c;
	int (*fn)(const struct channel *, void *);
	void *arg;
};

static int
channel_each(sqlite3_stmt *s, void *p)
{
	struct channel_each *e = p;
	int rc = channel_row(s, &e->c);

	return rc ? rc : e->fn(&e->c, e->arg);
}

int
store_channel_list(struct store *st, int64_t site_id, const char *lang,
    int (*fn)(const struct channel *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_CHANNEL_LIST);
	struct channel_each e = {{0}, fn, arg};
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site_id);
	store_bind_text(s, 2, lang);
	rc = store_each_row(st, s, channel_each, &e);
	channel_clear(&e.c);
	return rc;
}
