/*
 * admin_user: users and their permissions, for administrators.  An
 * administrator of the group manages everyone; a site's administrator
 * the users of that site, and permissions on that site's channels.
 */
#include <stdlib.h>
#include <string.h>

#include "admin_int.h"
#include "article.h"
#include "err.h"
#include "password.h"

/* Whether the user may manage u (NULL: may add users at all). */
static int
may_manage(const struct admin_req *r, const struct user *u)
{
	if (r->user.role != ROLE_ADMIN)
		return 0;
	if (r->user.site_id == 0)
		return 1;
	return u == NULL || u->site_id == r->user.site_id;
}

struct user_list {
	struct admin_req *r;
	json_t *arr;
};

static int
user_row(const struct user *u, void *arg)
{
	struct user_list *l = arg;

	if (!may_manage(l->r, u))
		return GZ_OK;
	return json_array_append_new(l->arr, admin_user_json(u)) ?
	    GZ_ENOMEM : GZ_OK;
}

/* Parse a role name of the API: site_admin is an admin of one site. */
static int
role_parse(const char *s, int *site_admin)
{
	*site_admin = s && strcmp(s, "site_admin") == 0;
	if (*site_admin)
		return ROLE_ADMIN;
	return s ? user_role_parse(s) : -1;
}

/* Apply role, display_name, email, disabled of the request to u; answer
 * 400/403 on a bad value. */
static int
user_fields(struct admin_req *r, struct user *u, int is_new)
{
	const char *role = admin_arg(r, "role"), *v;
	int k, site_admin;

	if (role || is_new) {
		if ((k = role_parse(role, &site_admin)) < 0)
			return admin_fail(r, 400, "role: editor, reviewer, "
			    "site_admin or admin"), GZ_EINVAL;
		/* A site's administrator makes no group administrators. */
		if (k == ROLE_ADMIN && !site_admin && r->user.site_id)
			return admin_fail(r, 403, "only an administrator of "
			    "every site may make one"), GZ_EPERM;
		u->role = (enum user_role)k;
		if (site_admin) {
			struct site s;
			if (admin_site(r, &s))
				return GZ_EINVAL;
			/* Of a site the maker administers, and no other. */
			if (!admin_is_admin(r, s.id)) {
				site_clear(&s);
				return admin_fail(r, 403, "you do not administer "
				    "that site"), GZ_EPERM;
			}
			u->site_id = s.id;
			site_clear(&s);
		} else if (k == ROLE_ADMIN) {
			u->site_id = 0;
		} else if (r->user.site_id) {
			u->site_id = r->user.site_id;
		}
	}
	if ((v = admin_arg(r, "display_name")) != NULL) {
		free(u->display_name);
		u->display_name = *v ? strdup(v) : NULL;
	}
	if ((v = admin_arg(r, "email")) != NULL) {
		free(u->email);
		u->email = *v ? strdup(v) : NULL;
	}
	if ((v = admin_arg(r, "disabled")) != NULL)
		u->disabled = strcmp(v, "true") == 0 || strcmp(v, "1") == 0 ||
		    strcmp(v, "on") == 0;
	return GZ_OK;
}

static int
users_list(struct admin_req *r)
{
	struct user_list l = {r, json_array()};
	int rc;

	if (l.arr == NULL)
		return GZ_ENOMEM;
	if ((rc = store_user_list(r->st, user_row, &l))) {
		json_decref(l.arr);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	return admin_json(r, 200, json_pack("{so}", "users", l.arr));
}

static int
users_add(struct admin_req *r)
{
	const char *name = admin_arg(r, "name"), *pw = admin_arg(r, "password");
	char hash[PASSWORD_HASH_MAX];
	struct user u = {0};
	int rc;

	if (name == NULL || !slug_valid(name) || strchr(name, ':'))
		return admin_fail(r, 400, "name: letters, digits, . - _ "
		    "(no spaces)");
	if (pw == NULL || (rc = password_hash(pw, hash)) == GZ_EINVAL)
		return admin_fail(r, 400, "password: %d to %d characters",
		    PASSWORD_MIN, PASSWORD_MAX);
	if (rc)
		return rc;
	if (user_fields(r, &u, 1)) {
		user_clear(&u);
		return GZ_OK;
	}
	u.name = strdup(name);
	u.password = strdup(hash);
	if (u.name == NULL || u.password == NULL) {
		user_clear(&u);
		return GZ_ENOMEM;
	}
	rc = store_user_add(r->st, &u);
	if (rc == GZ_EEXIST)
		admin_fail(r, 409, "a user named \"%s\" exists", name);
	else if (rc)
		admin_fail(r, 500, "%s", store_errmsg(r->st));
	else {
		admin_audit(r, "create", "user", u.id, name);
		admin_json(r, 201, json_pack("{so so}", "user",
		    admin_user_json(&u), "permissions", json_array()));
	}
	user_clear(&u);
	return GZ_OK;
}

static int
perm_row(const struct permission *p, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI ss ss ss si}",
	    "site_id", (json_int_t)p->site_id, "lang", p->lang, "channel",
	    p->path, "can", p->can, "level", p->level)) ? GZ_ENOMEM : GZ_OK;
}

static int
user_answer(struct admin_req *r, const struct user *u)
{
	json_t *perms = json_array();
	int rc;

	if (perms == NULL)
		return GZ_ENOMEM;
	if ((rc = store_permission_list(r->st, u->id, perm_row, perms))) {
		json_decref(perms);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	return admin_json(r, 200, json_pack("{so so}", "user",
	    admin_user_json(u), "permissions", perms));
}

/* The channel of a grant or revoke: "LANG/PATH", or channel and lang. */
static int
grant_channel(struct admin_req *r, struct channel *ch)
{
	const char *c = admin_arg(r, "channel"), *lang = admin_arg(r, "lang");
	char l[16];
	const char *slash;
	struct site s;
	int rc;

	if (c == NULL || *c == '\0')
		return admin_fail(r, 400, "channel: give LANG/PATH"), GZ_EINVAL;
	if ((slash = strchr(c, '/')) != NULL && (size_t)(slash - c) < sizeof l &&
	    (lang == NULL || *lang == '\0')) {
		memcpy(l, c, (size_t)(slash - c));
		l[slash - c] = '\0';
		lang = l;
		c = slash + 1;
	}
	if (admin_site(r, &s))
		return GZ_EINVAL;
	if (!admin_is_admin(r, s.id)) {
		site_clear(&s);
		return admin_fail(r, 403, "only an administrator of this site "
		    "grants its channels"), GZ_EPERM;
	}
	rc = store_channel_find(r->st, s.id, lang ? lang : s.default_lang, c,
	    ch);
	site_clear(&s);
	if (rc == GZ_ENOTFOUND)
		return admin_fail(r, 404, "channel: no channel \"%s\"", c),
		    rc;
	if (rc)
		return admin_fail(r, 500, "%s", store_errmsg(r->st)), rc;
	return GZ_OK;
}

static int
user_grant(struct admin_req *r, struct user *u, int grant)
{
	const char *can = admin_arg(r, "can");
	struct channel ch = {0};
	int64_t level = grant ? 1 : 0;
	int rc;

	if (can == NULL || (strcmp(can, "edit") && strcmp(can, "review") &&
	    strcmp(can, "manage")))
		return admin_fail(r, 400, "can: edit, review or manage");
	if (admin_arg_int(r, "level", grant ? 1 : 0, 3, &level))
		return GZ_OK;
	if (grant_channel(r, &ch))
		return GZ_OK;
	rc = grant ? store_permission_grant(r->st, u->id, ch.id, can,
	    (int)level) : store_permission_revoke(r->st, u->id, ch.id, can,
	    (int)level);
	if (rc == GZ_ENOTFOUND)
		admin_fail(r, 404, "%s holds no such permission", u->name);
	else if (rc)
		admin_fail(r, 500, "%s", store_errmsg(r->st));
	else {
		admin_audit(r, grant ? "grant" : "revoke", "user", u->id,
		    can);
		rc = user_answer(r, u);
	}
	channel_clear(&ch);
	return rc == GZ_ENOMEM ? rc : GZ_OK; /* answered */
}

/* /api/users/NAME[/ACTION] */
static int
user_one(struct admin_req *r, const char *name, const char *action)
{
	struct user u = {0};
	int rc;

	if ((rc = store_user_get(r->st, name, &u)) == GZ_ENOTFOUND ||
	    (rc == GZ_OK && !may_manage(r, &u))) {
		user_clear(&u);
		return admin_fail(r, 404, "no user \"%s\" that you manage",
		    name);
	}
	if (rc)
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	if (action == NULL && strcmp(r->req->method, "POST") != 0) {
		rc = user_answer(r, &u);
	} else if (strcmp(r->req->method, "POST") != 0) {
		http_reply_header(r->rep, "Allow", "POST");
		rc = admin_fail(r, 405, "take POST");
	} else if (action == NULL) {
		/* Nobody demotes or disables themselves by mistake. */
		if (u.id == r->user.id && (admin_arg(r, "role") ||
		    admin_arg(r, "disabled")))
			rc = admin_fail(r, 409, "you cannot change your own "
			    "role or disable yourself");
		else if ((rc = user_fields(r, &u, 0)) == GZ_OK) {
			if ((rc = store_user_update(r->st, &u)) == GZ_OK) {
				if (u.disabled)
					store_session_del_user(r->st, u.id,
					    NULL);
				admin_audit(r, "edit", "user", u.id, name);
				rc = user_answer(r, &u);
			} else
				rc = admin_fail(r, 500, "%s",
				    store_errmsg(r->st));
		} else
			rc = GZ_OK;
	} else if (strcmp(action, "grant") == 0) {
		rc = user_grant(r, &u, 1);
	} else if (strcmp(action, "revoke") == 0) {
		rc = user_grant(r, &u, 0);
	} else if (strcmp(action, "password") == 0) {
		rc = admin_password_reset(r, name);
	} else {
		rc = admin_fail(r, 404, "no action \"%s\" on users", action);
	}
	user_clear(&u);
	return rc;
}

int
admin_users(struct admin_req *r, const char *path)
{
	const char *slash;
	char *name;
	int rc;

	if (!may_manage(r, NULL))
		return admin_fail(r, 403, "only administrators manage users");
	if (*path == '\0') {
		if (strcmp(r->req->method, "POST") == 0)
			return users_add(r);
		return users_list(r);
	}
	path++; /* the slash */
	slash = strchr(path, '/');
	if ((name = strndup(path, slash ? (size_t)(slash - path) :
	    strlen(path))) == NULL)
		return GZ_ENOMEM;
	rc = user_one(r, name, slash ? slash + 1 : NULL);
	free(name);
	return rc;
}
