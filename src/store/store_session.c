/*
 * store_session: admin sessions and failed logins.  The policies (how
 * long a session lives, how many failures lock what) are in
 * src/auth/session.c; this file only stores.
 */
#include <string.h>

#include "store_int.h"

int
store_session_add(struct store *st, const char *id, int64_t user_id,
    const char *csrf, int64_t now, const char *addr, const char *agent)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SESSION_INSERT);

	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, id);
	sqlite3_bind_int64(s, 2, user_id);
	store_bind_text(s, 3, csrf);
	sqlite3_bind_int64(s, 4, now);
	store_bind_text(s, 5, addr);
	store_bind_text(s, 6, agent);
	return store_step_done(st, s);
}

static int
session_row(sqlite3_stmt *s, void *p)
{
	struct session_row *r = p;
	const char *csrf = (const char *)sqlite3_column_text(s, 1);

	r->user_id = sqlite3_column_int64(s, 0);
	if (csrf == NULL || strlen(csrf) >= sizeof r->csrf)
		return GZ_EINVAL;
	strcpy(r->csrf, csrf);
	r->created = sqlite3_column_int64(s, 2);
	r->seen = sqlite3_column_int64(s, 3);
	return GZ_OK;
}

int
store_session_get(struct store *st, const char *id, struct session_row *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SESSION_GET);

	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, id);
	return store_one_row(st, s, session_row, out);
}

/* Run a statement bound to one text and an optional number. */
static int
run_text_int(struct store *st, enum stmt_id id, const char *t, int64_t n,
    int with_n)
{
	sqlite3_stmt *s = store_stmt(st, id);

	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, t);
	if (with_n)
		sqlite3_bind_int64(s, 2, n);
	return store_step_done(st, s);
}

int
store_session_touch(struct store *st, const char *id, int64_t now)
{
	return run_text_int(st, STMT_SESSION_TOUCH, id, now, 1);
}

int
store_session_del(struct store *st, const char *id)
{
	return run_text_int(st, STMT_SESSION_DEL, id, 0, 0);
}

int
store_session_del_user(struct store *st, int64_t user_id, const char *keep)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SESSION_DEL_USER);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, user_id);
	store_bind_text(s, 2, keep);
	return store_step_done(st, s);
}

int
store_session_purge(struct store *st, int64_t created_before,
    int64_t seen_before)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SESSION_PURGE);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, created_before);
	sqlite3_bind_int64(s, 2, seen_before);
	return store_step_done(st, s);
}

int
store_login_fail_add(struct store *st, const char *key, int64_t at)
{
	return run_text_int(st, STMT_LOGIN_FAIL_ADD, key, at, 1);
}

struct fail_count {
	long *n;
	int64_t *first;
};

static int
fail_count_row(sqlite3_stmt *s, void *p)
{
	struct fail_count *c = p;

	*c->n = (long)sqlite3_column_int64(s, 0);
	*c->first = sqlite3_column_int64(s, 1);
	return GZ_OK;
}

int
store_login_fail_count(struct store *st, const char *key, int64_t since,
    long *n, int64_t *first)
{
	sqlite3_stmt *s = store_stmt(st, STMT_LOGIN_FAIL_COUNT);
	struct fail_count c = {n, first};

	*n = 0;
	*first = 0;
	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, key);
	sqlite3_bind_int64(s, 2, since);
	return store_one_row(st, s, fail_count_row, &c);
}

int
store_login_fail_clear(struct store *st, const char *key)
{
	return run_text_int(st, STMT_LOGIN_FAIL_CLEAR, key, 0, 0);
}

int
store_login_fail_purge(struct store *st, int64_t before)
{
	sqlite3_stmt *s = store_stmt(st, STMT_LOGIN_FAIL_PURGE);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, before);
	return store_step_done(st, s);
}
