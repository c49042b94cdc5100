/*
 * store_user: users, per-channel permissions and the audit log.
 */
#include <stdlib.h>
#include <string.h>

#include "store_int.h"

static const char *const role_names[ROLE__COUNT] = {
	"admin", "editor", "reviewer",
};

const char *
user_role_name(enum user_role r)
{
	return (unsigned)r < ROLE__COUNT ? role_names[r] : "unknown";
}

int
user_role_parse(const char *name)
{
	int i;

	for (i = 0; i < ROLE__COUNT; i++)
		if (strcmp(name, role_names[i]) == 0)
			return i;
	return -1;
}

void
user_clear(struct user *u)
{
	free(u->name);
	free(u->display_name);
	free(u->email);
	free(u->password);
	memset(u, 0, sizeof *u);
}

static int
user_row(sqlite3_stmt *s, void *p)
{
	struct user *u = p;
	int rc = GZ_OK, role;
	const char *t;

	user_clear(u);
	u->id = sqlite3_column_int64(s, 0);
	u->name = store_col_text(s, 1, &rc);
	u->display_name = store_col_text(s, 2, &rc);
	u->email = store_col_text(s, 3, &rc);
	u->password = store_col_text(s, 4, &rc);
	t = (const char *)sqlite3_column_text(s, 5);
	role = t ? user_role_parse(t) : -1;
	u->role = role < 0 ? ROLE_EDITOR : (enum user_role)role;
	u->disabled = sqlite3_column_int(s, 6);
	u->created = sqlite3_column_int64(s, 7);
	u->updated = sqlite3_column_int64(s, 8);
	u->site_id = sqlite3_column_int64(s, 9);
	return rc;
}

int
store_user_add(struct store *st, struct user *u)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_INSERT);
	int64_t now = store_now();
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, u->name);
	store_bind_text(s, 2, u->display_name);
	store_bind_text(s, 3, u->email);
	store_bind_text(s, 4, u->password);
	store_bind_text(s, 5, user_role_name(u->role));
	sqlite3_bind_int(s, 6, u->disabled);
	sqlite3_bind_int64(s, 7, now);
	sqlite3_bind_int64(s, 8, u->site_id);
	if ((rc = store_step_done(st, s)) == GZ_ECONSTRAINT)
		return GZ_EEXIST;
	if (rc == GZ_OK) {
		u->id = sqlite3_last_insert_rowid(st->db);
		u->created = u->updated = now;
	}
	return rc;
}

int
store_user_get(struct store *st, const char *name, struct user *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_BY_NAME);

	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, name);
	return store_one_row(st, s, user_row, out);
}

int
store_user_set_password(struct store *st, const char *name, const char *hash)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_SET_PASSWORD);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, name);
	store_bind_text(s, 2, hash);
	sqlite3_bind_int64(s, 3, store_now());
	if ((rc = store_step_done(st, s)) == GZ_OK &&
	    sqlite3_changes(st->db) == 0)
		rc = GZ_ENOTFOUND;
	return rc;
}

struct user_each {
	struct user u;
	int (*fn)(const struct user *, void *);
	void *arg;
};

static int
user_each(sqlite3_stmt *s, void *p)
{
	struct user_each *e = p;
	int rc = user_row(s, &e->u);

	return rc ? rc : e->fn(&e->u, e->arg);
}

int
store_user_list(struct store *st, int (*fn)(const struct user *, void *),
    void *arg)
{
	struct user_each e = {{0}, fn, arg};
	int rc;

	rc = store_each_row(st, store_stmt(st, STMT_USER_LIST), user_each, &e);
	user_clear(&e.u);
	return rc;
}

int
store_permission_grant(struct store *st, int64_t user_id, int64_t channel_id,
    const char *can, int level)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PERMISSION_GRANT);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, channel_id);
	store_bind_text(s, 3, can);
	sqlite3_bind_int(s, 4, level);
	rc = store_step_done(st, s);
	return rc == GZ_ECONSTRAINT ? GZ_EINVAL : rc;
}

int
store_audit(struct store *st, const char *actor, const char *action,
    const char *object, int64_t object_id, const char *detail)
{
	return store_audit_from(st, actor, NULL, action, object, object_id,
	    detail);
}

int
store_audit_from(struct store *st, const char *actor, const char *addr,
    const char *action, const char *object, int64_t object_id,
    const char *detail)
{
	sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_INSERT);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, store_now());
	store_bind_text(s, 2, actor ? actor : "unknown");
	store_bind_text(s, 3, action);
	store_bind_text(s, 4, object);
	sqlite3_bind_int64(s, 5, object_id);
	store_bind_text(s, 6, detail);
	store_bind_text(s, 7, addr);
	return store_step_done(st, s);
}

struct audit_each {
	int (*fn)(const struct audit_entry *, void *);
	void *arg;
	long *total;        /* the query's count column, when it has one */
};

static int
audit_each(sqlite3_stmt *s, void *p)
{
	struct audit_each *e = p;
	struct audit_entry a = {0};
	int rc = GZ_OK;

	a.id = sqlite3_column_int64(s, 0);
	a.at = sqlite3_column_int64(s, 1);
	a.actor = store_col_text(s, 2, &rc);
	a.action = store_col_text(s, 3, &rc);
	a.object = store_col_text(s, 4, &rc);
	a.object_id = sqlite3_column_int64(s, 5);
	a.detail = store_col_text(s, 6, &rc);
	if (e->total) {
		a.addr = store_col_text(s, 7, &rc);
		*e->total = (long)sqlite3_column_int64(s, 8);
	}
	if (rc == GZ_OK)
		rc = e->fn(&a, e->arg);
	free(a.actor);
	free(a.action);
	free(a.object);
	free(a.detail);
	free(a.addr);
	return rc;
}

int
store_audit_list(struct store *st, int64_t limit,
    int (*fn)(const struct audit_entry *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_LIST);
	struct audit_each e = {fn, arg, NULL};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, limit > 0 ? limit : -1);
	return store_each_row(st, s, audit_each, &e);
}

int
store_user_get_id(struct store *st, int64_t id, struct user *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_BY_ID);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	return store_one_row(st, s, user_row, out);
}

int
store_user_update(struct store *st, const struct user *u)
{
	sqlite3_stmt *s = store_stmt(st, STMT_USER_UPDATE);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, u->id);
	store_bind_text(s, 2, u->display_name);
	store_bind_text(s, 3, u->email);
	store_bind_text(s, 4, user_role_name(u->role));
	sqlite3_bind_int(s, 5, u->disabled);
	sqlite3_bind_int64(s, 6, u->site_id);
	sqlite3_bind_int64(s, 7, store_now());
	if ((rc = store_step_done(st, s)) == GZ_OK &&
	    sqlite3_changes(st->db) == 0)
		rc = GZ_ENOTFOUND;
	return rc == GZ_ECONSTRAINT ? GZ_EINVAL : rc;
}

int
store_permission_revoke(struct store *st, int64_t user_id,
    int64_t channel_id, const char *can, int level)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PERMISSION_REVOKE);
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, channel_id);
	store_bind_text(s, 3, can);
	sqlite3_bind_int(s, 4, level);
	if ((rc = store_step_done(st, s)) == GZ_OK &&
	    sqlite3_changes(st->db) == 0)
		rc = GZ_ENOTFOUND;
	return rc;
}

struct permission_each {
	int (*fn)(const struct permission *, void *);
	void *arg;
};

static int
permission_each(sqlite3_stmt *s, void *p)
{
	struct permission_each *e = p;
	struct permission pm;

	pm.channel_id = sqlite3_column_int64(s, 0);
	pm.site_id = sqlite3_column_int64(s, 1);
	pm.lang = (const char *)sqlite3_column_text(s, 2);
	pm.path = (const char *)sqlite3_column_text(s, 3);
	pm.can = (const char *)sqlite3_column_text(s, 4);
	pm.level = sqlite3_column_int(s, 5);
	if (pm.lang == NULL || pm.path == NULL || pm.can == NULL)
		return GZ_ENOMEM;
	return e->fn(&pm, e->arg);
}

int
store_permission_list(struct store *st, int64_t user_id,
    int (*fn)(const struct permission *, void *), void *arg)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PERMISSION_LIST);
	struct permission_each e = {fn, arg};

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, user_id);
	return store_each_row(st, s, permission_each, &e);
}

struct permission_of {
	int *edit, *manage;
	unsigned *review;
};

static int
permission_of_row(sqlite3_stmt *s, void *p)
{
	struct permission_of *o = p;
	const char *can = (const char *)sqlite3_column_text(s, 0);
	int level = sqlite3_column_int(s, 1);

	if (can == NULL)
		return GZ_OK;
	if (strcmp(can, "edit") == 0)
		*o->edit = 1;
	else if (strcmp(can, "manage") == 0)
		*o->manage = 1;
	else if (strcmp(can, "review") == 0 && level >= 1 && level <= 30)
		*o->review |= 1u << level;
	return GZ_OK;
}

int
store_permission_of(struct store *st, int64_t user_id, int64_t channel_id,
    int *edit, unsigned *review, int *manage)
{
	sqlite3_stmt *s = store_stmt(st, STMT_PERMISSION_OF);
	struct permission_of o = {edit, manage, review};

	*edit = *manage = 0;
	*review = 0;
	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, user_id);
	sqlite3_bind_int64(s, 2, channel_id);
	return store_each_row(st, s, permission_of_row, &o);
}

int
store_audit_query(struct store *st, const struct audit_filter *f,
    int (*fn)(const struct audit_entry *, void *), void *arg, long *total)
{
	sqlite3_stmt *s = store_stmt(st, STMT_AUDIT_QUERY);
	struct audit_each e = {fn, arg, total};

	*total = 0;
	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, f->actor);
	store_bind_text(s, 2, f->action);
	sqlite3_bind_int64(s, 3, f->from);
	sqlite3_bind_int64(s, 4, f->to > 0 ? f->to : INT64_MAX);
	sqlite3_bind_int64(s, 5, f->limit > 0 ? f->limit : -1);
	sqlite3_bind_int64(s, 6, f->offset);
	return store_each_row(st, s, audit_each, &e);
}
