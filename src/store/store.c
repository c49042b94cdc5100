/*
 * store: opening, migrating, transactions and the statement cache.
 * The tables are reached through store_site.c, store_channel.c,
 * store_article.c and store_user.c; the SQL itself is in store_sql.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store_int.h"
#include "tokenize.h"

int64_t
store_now(void)
{
	const char *fake = getenv("GAZETTE_NOW");

	if (fake && *fake == '@') {
		/* A clock tests can move: the time is read from a file. */
		char b[32] = "";
		FILE *f = fopen(fake + 1, "r");
		if (f) {
			if (fgets(b, sizeof b, f) == NULL)
				b[0] = '\0';
			fclose(f);
		}
		if (b[0])
			return strtoll(b, NULL, 10);
	} else if (fake && *fake) {
		return strtoll(fake, NULL, 10);
	}
	return (int64_t)time(NULL);
}

int
store_rc(struct store *st, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return GZ_OK;
	case SQLITE_NOMEM:
		return GZ_ENOMEM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return GZ_EBUSY;
	case SQLITE_FULL:
		return GZ_ENOSPC;
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_AUTH:
	case SQLITE_CANTOPEN:
		return GZ_EPERM;
	case SQLITE_CONSTRAINT:
		return GZ_ECONSTRAINT;
	case SQLITE_IOERR:
		return GZ_EIO;
	default:
		return GZ_ESTORE;
	}
}

const char *
store_errmsg(struct store *st)
{
	return st && st->db ? sqlite3_errmsg(st->db) : "no database";
}

sqlite3_stmt *
store_stmt(struct store *st, enum stmt_id id)
{
	sqlite3_stmt *s = st->stmt[id];

	if (s == NULL) {
		if (sqlite3_prepare_v3(st->db, store_sql[id], -1,
		    SQLITE_PREPARE_PERSISTENT, &st->stmt[id], NULL) != SQLITE_OK)
			return NULL;
		return st->stmt[id];
	}
	sqlite3_reset(s);
	sqlite3_clear_bindings(s);
	return s;
}

int
store_step_done(struct store *st, sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? GZ_OK : store_rc(st, rc);
}

int
store_each_row(struct store *st, sqlite3_stmt *s,
    int (*each)(sqlite3_stmt *, void *), void *arg)
{
	int r, rc = GZ_OK;

	if (s == NULL)
		return GZ_ESTORE;
	while (rc == GZ_OK && (r = sqlite3_step(s)) != SQLITE_DONE)
		rc = r == SQLITE_ROW ? each(s, arg) : store_rc(st, r);
	sqlite3_reset(s);
	return rc;
}

int
store_one_row(struct store *st, sqlite3_stmt *s,
    int (*row)(sqlite3_stmt *, void *), void *out)
{
	int r, rc;

	if (s == NULL)
		return GZ_ESTORE;
	r = sqlite3_step(s);
	if (r == SQLITE_ROW)
		rc = row(s, out);
	else
		rc = r == SQLITE_DONE ? GZ_ENOTFOUND : store_rc(st, r);
	sqlite3_reset(s);
	return rc;
}

int
store_bind_text(sqlite3_stmt *s, int i, const char *v)
{
	if (v == NULL)
		return sqlite3_bind_null(s, i);
	return sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
}

char *
store_col_text(sqlite3_stmt *s, int i, int *rc)
{
	const unsigned char *t = sqlite3_column_text(s, i);
	char *p;
	int n;

	if (t == NULL)
		return NULL;
	n = sqlite3_column_bytes(s, i);
	if ((p = malloc((size_t)n + 1)) == NULL) {
		*rc = GZ_ENOMEM;
		return NULL;
	}
	memcpy(p, t, (size_t)n);
	p[n] = '\0';
	return p;
}

int
store_exec(struct store *st, const char *sql)
{
	return store_rc(st, sqlite3_exec(st->db, sql, NULL, NULL, NULL));
}

int
store_version(struct store *st)
{
	sqlite3_stmt *s;
	int v = -1;

	if (sqlite3_prepare_v2(st->db, "PRAGMA user_version", -1, &s,
	    NULL) != SQLITE_OK)
		return -1;
	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int(s, 0);
	sqlite3_finalize(s);
	return v;
}

int
store_migrate(struct store *st, int target, struct buf *why)
{
	int v, rc;
	char pragma[64];

	if ((v = store_version(st)) < 0) {
		buf_printf(why, "%s: cannot read the schema version: %s; is it "
		    "a Gazette database?", st->path, store_errmsg(st));
		return GZ_ESTORE;
	}
	if (v > STORE_SCHEMA_VERSION) {
		buf_printf(why, "%s: schema version %d is newer than this "
		    "program's %d; upgrade Gazette", st->path, v,
		    STORE_SCHEMA_VERSION);
		return GZ_EVERSION;
	}
	for (; v < target; v++) {
		if ((rc = store_begin(st)))
			goto fail;
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d",
		    v + 1);
		if ((rc = store_exec(st, store_migrations[v])) ||
		    (rc = store_exec(st, pragma))) {
			store_rollback(st);
			goto fail;
		}
		if ((rc = store_commit(st)))
			goto fail;
	}
	return GZ_OK;
fail:
	buf_printf(why, "%s: cannot upgrade the schema from version %d: %s; "
	    "the database was left at version %d", st->path, v,
	    store_errmsg(st), v);
	return rc;
}

int
store_open_at(const char *path, int flags, int target, struct store **out,
    struct buf *why)
{
	struct store *st;
	int oflags, rc;

	*out = NULL;
	if ((st = calloc(1, sizeof *st)) == NULL ||
	    (st->path = strdup(path)) == NULL) {
		free(st);
		return GZ_ENOMEM;
	}
	oflags = (flags & STORE_READONLY) ? SQLITE_OPEN_READONLY :
	    SQLITE_OPEN_READWRITE | ((flags & STORE_CREATE) ?
	    SQLITE_OPEN_CREATE : 0);
	rc = sqlite3_open_v2(path, &st->db, oflags | SQLITE_OPEN_NOMUTEX,
	    NULL);
	if (rc != SQLITE_OK) {
		if (flags & STORE_CREATE)
			buf_printf(why, "%s: cannot create the database: %s",
			    path, st->db ? sqlite3_errmsg(st->db) : "no memory");
		else
			buf_printf(why, "%s: no Gazette database here (%s); "
			    "run `gazette init` or give the site folder with -C",
			    path, st->db ? sqlite3_errmsg(st->db) : "no memory");
		rc = store_rc(st, rc);
		goto fail;
	}
	sqlite3_extended_result_codes(st->db, 1);
	sqlite3_busy_timeout(st->db, 5000);
	/* The search index's tokenizer: before anything touches the table
	 * (migration 5 creates it). */
	if ((rc = tokenize_register(st->db)) != GZ_OK) {
		buf_printf(why, "%s: this SQLite has no FTS5, which search "
		    "needs: install a SQLite built with it", path);
		goto fail;
	}
	/* WAL: readers (the server) never block the writer (publishing).
	 * synchronous=NORMAL is durable across process crashes in WAL mode
	 * and loses at most the last transactions on power loss. */
	if (!(flags & STORE_READONLY) &&
	    (rc = store_exec(st, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL;")) != GZ_OK) {
		buf_printf(why, "%s: cannot open the database: %s", path,
		    store_errmsg(st));
		goto fail;
	}
	/* Every connection keeps a 32 MB cache; the server's readers map the
	 * file instead of copying pages through read(2).  A build does not:
	 * it reads every body once, and a mapping would count the whole
	 * file in its resident size. */
	if ((rc = store_exec(st, "PRAGMA foreign_keys = ON;"
	    "PRAGMA temp_store = FILE;"
	    "PRAGMA cache_size = -32768;")) != GZ_OK ||
	    ((flags & STORE_MMAP) &&
	    (rc = store_exec(st, "PRAGMA mmap_size = 1073741824;")) != GZ_OK)) {
		buf_printf(why, "%s: %s", path, store_errmsg(st));
		goto fail;
	}
	if (!(flags & STORE_READONLY) &&
	    (rc = store_migrate(st, target, why)) != GZ_OK)
		goto fail;
	*out = st;
	return GZ_OK;
fail:
	store_close(st);
	return rc ? rc : GZ_ESTORE;
}

int
store_open(const char *path, int flags, struct store **out, struct buf *why)
{
	return store_open_at(path, flags, STORE_SCHEMA_VERSION, out, why);
}

void
store_close(struct store *st)
{
	int i;

	if (st == NULL)
		return;
	store_set_bulk(st, 0);
	for (i = 0; i < STMT__COUNT; i++)
		sqlite3_finalize(st->stmt[i]);
	if (st->db) {
		/* Leave no -wal file behind when we are the last one. */
		sqlite3_close(st->db);
	}
	free(st->path);
	free(st);
}

static int
store_tx(struct store *st, const char *outer, const char *inner_fmt)
{
	char sql[64];

	if (st->depth == 0)
		return store_exec(st, outer);
	snprintf(sql, sizeof sql, inner_fmt, st->depth, st->depth);
	return store_exec(st, sql);
}

static void *
checkpoint_loop(void *arg)
{
	struct store *st = arg;
	struct timespec pause = {0, 50 * 1000 * 1000};

	while (!atomic_load(&st->ckpt_stop)) {
		sqlite3_wal_checkpoint_v2(st->ckpt_db, NULL,
		    SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
		nanosleep(&pause, NULL);
	}
	return NULL;
}

void
store_set_bulk(struct store *st, int on)
{
	if (on == st->bulk)
		return;
	st->bulk = on;
	if (on) {
		/* Without the thread, checkpoints simply stay inline. */
		if (sqlite3_open_v2(st->path, &st->ckpt_db,
		    SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
		    SQLITE_OK) {
			sqlite3_close(st->ckpt_db);
			st->ckpt_db = NULL;
			return;
		}
		sqlite3_busy_timeout(st->ckpt_db, 1000);
		atomic_store(&st->ckpt_stop, 0);
		if (pthread_create(&st->ckpt_thread, NULL, checkpoint_loop,
		    st) != 0) {
			sqlite3_close(st->ckpt_db);
			st->ckpt_db = NULL;
			return;
		}
		store_exec(st, "PRAGMA wal_autocheckpoint = 0");
	} else if (st->ckpt_db) {
		atomic_store(&st->ckpt_stop, 1);
		pthread_join(st->ckpt_thread, NULL);
		sqlite3_close(st->ckpt_db);
		st->ckpt_db = NULL;
		store_exec(st, "PRAGMA wal_autocheckpoint = 1000");
	}
}

int
store_begin(struct store *st)
{
	int rc;

	if (st->bulk && st->depth > 0) {
		st->depth++;
		return GZ_OK;
	}
	if ((rc = store_tx(st, "BEGIN IMMEDIATE", "SAVEPOINT s%d")) == GZ_OK)
		st->depth++;
	return rc;
}

int
store_commit(struct store *st)
{
	int rc;

	if (st->depth == 0)
		return GZ_EINVAL;
	st->depth--;
	if (st->bulk && st->depth > 0)
		return GZ_OK;
	if (st->depth == 0 && st->failed) {
		st->failed = 0;
		store_exec(st, "ROLLBACK");
		return GZ_ESTORE;
	}
	rc = store_tx(st, "COMMIT", "RELEASE s%d");
	if (rc != GZ_OK) {
		/* A failed COMMIT leaves the transaction open: end it. */
		if (st->depth == 0 && !sqlite3_get_autocommit(st->db))
			sqlite3_exec(st->db, "ROLLBACK", NULL, NULL, NULL);
	}
	return rc;
}

int
store_rollback(struct store *st)
{
	if (st->depth == 0)
		return GZ_EINVAL;
	st->depth--;
	if (st->depth == 0) {
		st->failed = 0;
		return store_exec(st, "ROLLBACK");
	}
	if (st->bulk) {
		st->failed = 1;
		return GZ_OK;
	}
	return store_tx(st, "", "ROLLBACK TO s%d; RELEASE s%d");
}

int
store_ids_add(int64_t id, void *arg)
{
	struct store_ids *l = arg;

	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		int64_t *nv = realloc(l->v, cap * sizeof *nv);
		if (nv == NULL)
			return GZ_ENOMEM;
		l->v = nv;
		l->cap = cap;
	}
	l->v[l->n++] = id;
	return GZ_OK;
}

void
store_ids_clear(struct store_ids *l)
{
	free(l->v);
	memset(l, 0, sizeof *l);
}
