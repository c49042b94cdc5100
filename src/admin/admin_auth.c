/*
 * admin_auth: logging in and out, who am I, passwords.  See admin.h.
 */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "admin_int.h"
#include "err.h"
#include "password.h"

/* Cookies are Secure when the browser reached us over TLS, through a
 * proxy that says so. */
static int
secure(const struct admin_req *r)
{
	const char *p = http_request_header(r->req, "X-Forwarded-Proto");

	return p && strcasecmp(p, "https") == 0;
}

static int
site_json(const struct site *s, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI ss ss ss}", "id",
	    (json_int_t)s->id, "name", s->name, "title", s->title,
	    "languages", s->languages)) ? GZ_ENOMEM : GZ_OK;
}

static int
permission_json(const struct permission *p, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI ss ss ss si}",
	    "site_id", (json_int_t)p->site_id, "lang", p->lang, "channel",
	    p->path, "can", p->can, "level", p->level)) ? GZ_ENOMEM : GZ_OK;
}

/* The user, their sites and permissions, and the CSRF token. */
int
admin_me_data(struct admin_req *r, json_t **out)
{
	json_t *sites = json_array(), *perms = json_array(), *all;
	struct site one = {0};
	int rc = GZ_OK;
	size_t i;

	if (sites == NULL || perms == NULL) {
		json_decref(sites);
		json_decref(perms);
		return GZ_ENOMEM;
	}
	if (r->user.site_id) {
		if ((rc = store_site_get_id(r->st, r->user.site_id, &one)) ==
		    GZ_OK)
			rc = site_json(&one, sites);
		site_clear(&one);
	} else if (r->user.role == ROLE_ADMIN) {
		rc = store_site_list(r->st, site_json, sites);
	} else if ((all = json_array()) == NULL) {
		rc = GZ_ENOMEM;
	} else if ((rc = store_site_list(r->st, site_json, all)) != GZ_OK) {
		json_decref(all);
	} else {
		/* The sites where the user holds a permission. */
		rc = store_permission_list(r->st, r->user.id, permission_json,
		    perms);
		for (i = 0; rc == GZ_OK && i < json_array_size(all); i++) {
			json_t *s = json_array_get(all, i), *p;
			size_t k;
			json_int_t id = json_integer_value(
			    json_object_get(s, "id"));
			json_array_foreach(perms, k, p) {
				if (json_integer_value(json_object_get(p,
				    "site_id")) == id) {
					json_array_append(sites, s);
					break;
				}
			}
		}
		json_decref(all);
		json_array_clear(perms);
	}
	if (rc == GZ_OK)
		rc = store_permission_list(r->st, r->user.id, permission_json,
		    perms);
	if (rc) {
		json_decref(sites);
		json_decref(perms);
		*out = NULL;
		return rc;
	}
	*out = json_pack("{so ss so so si si}", "user",
	    admin_user_json(&r->user), "csrf", r->sess.csrf, "sites", sites,
	    "permissions", perms, "session_idle", SESSION_IDLE,
	    "session_max", SESSION_MAX);
	return *out ? GZ_OK : GZ_ENOMEM;
}

static int
me_answer(struct admin_req *r, int status)
{
	json_t *o;
	int rc;

	if ((rc = admin_me_data(r, &o)) == GZ_ENOMEM)
		return rc;
	if (rc)
		return admin_fail(r, 500, "cannot read your account: %s",
		    store_errmsg(r->st));
	return admin_json(r, status, o);
}

int
admin_login(struct admin_req *r)
{
	const char *name = admin_arg(r, "name");
	const char *pw = admin_arg(r, "password");
	char token[SESSION_TOKEN_LEN + 1], retry[32];
	struct buf cookie = BUF_INIT;
	int64_t wait = 0, now = store_now();
	int rc;

	if (name == NULL || pw == NULL || *name == '\0')
		return admin_fail(r, 400, "give name and password");
	rc = login_check(r->st, name, pw, r->req->client_addr, now, &r->user,
	    &wait);
	if (rc == GZ_EBUSY) {
		snprintf(retry, sizeof retry, "%lld", (long long)wait);
		http_reply_header(r->rep, "Retry-After", retry);
		return admin_fail(r, 429, "too many failed logins; try again "
		    "in %lld minutes, or ask an administrator",
		    (long long)(wait + 59) / 60);
	}
	if (rc == GZ_EPERM) {
		char shown[204];
		snprintf(shown, sizeof shown, "%.200s", name);
		admin_audit(r, "login-failed", "user", 0, shown);
		return admin_fail(r, 403, "wrong name or password");
	}
	if (rc)
		return admin_fail(r, 500, "cannot log in: %s",
		    rc == GZ_ESTORE ? store_errmsg(r->st) : gz_strerror(rc));
	/* A new session each login: a token set before it is worth
	 * nothing (no session fixation). */
	if (r->token)
		(void)session_end(r->st, r->token);
	if ((rc = session_start(r->st, r->user.id, r->req->client_addr,
	    http_request_header(r->req, "User-Agent"), now, token,
	    &r->sess)))
		return admin_fail(r, 500, "cannot start a session: %s",
		    store_errmsg(r->st));
	r->logged_in = 1;
	session_cookie(&cookie, token, secure(r));
	rc = http_reply_header(r->rep, "Set-Cookie", buf_cstr(&cookie));
	buf_free(&cookie);
	admin_audit(r, "login", "user", r->user.id, NULL);
	return rc ? rc : me_answer(r, 200);
}

int
admin_logout(struct admin_req *r)
{
	struct buf cookie = BUF_INIT;
	int rc;

	if ((rc = session_end(r->st, r->token)))
		return admin_fail(r, 500, "cannot end the session: %s",
		    store_errmsg(r->st));
	admin_audit(r, "logout", "user", r->user.id, NULL);
	session_cookie(&cookie, NULL, secure(r));
	rc = http_reply_header(r->rep, "Set-Cookie", buf_cstr(&cookie));
	buf_free(&cookie);
	return rc ? rc : admin_json(r, 200, json_pack("{sb}", "ok", 1));
}

int
admin_me(struct admin_req *r)
{
	return me_answer(r, 200);
}

/* Hash pw into hash, or answer 400. */
static int
new_hash(struct admin_req *r, const char *pw, char hash[PASSWORD_HASH_MAX])
{
	int rc;

	if (pw == NULL)
		return admin_fail(r, 400, "give the new password (new)"),
		    GZ_EINVAL;
	if ((rc = password_hash(pw, hash)) == GZ_EINVAL)
		return admin_fail(r, 400, "the new password must have %d to "
		    "%d characters", PASSWORD_MIN, PASSWORD_MAX), GZ_EINVAL;
	if (rc)
		return admin_fail(r, 500, "cannot hash the password"), rc;
	return GZ_OK;
}

int
admin_password(struct admin_req *r)
{
	const char *old = admin_arg(r, "old");
	char hash[PASSWORD_HASH_MAX], retry[32];
	struct user again = {0};
	int64_t wait = 0;
	int rc;

	/* Checked as a login is: a stolen session cannot guess it. */
	rc = old ? login_check(r->st, r->user.name, old, r->req->client_addr,
	    store_now(), &again, &wait) : GZ_EPERM;
	user_clear(&again);
	if (rc == GZ_EBUSY) {
		snprintf(retry, sizeof retry, "%lld", (long long)wait);
		http_reply_header(r->rep, "Retry-After", retry);
		return admin_fail(r, 429, "too many wrong passwords; try again "
		    "in %lld minutes", (long long)(wait + 59) / 60);
	}
	if (rc == GZ_EPERM)
		return admin_fail(r, 403, "the current password (old) is "
		    "wrong");
	if (rc)
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	if (new_hash(r, admin_arg(r, "new"), hash))
		return GZ_OK;
	if ((rc = store_user_set_password(r->st, r->user.name, hash)) ||
	    (rc = store_session_del_user(r->st, r->user.id, r->sess.id)))
		return admin_fail(r, 500, "cannot save the password: %s",
		    store_errmsg(r->st));
	admin_audit(r, "password", "user", r->user.id, NULL);
	return admin_json(r, 200, json_pack("{sb ss}", "ok", 1, "note",
	    "your other sessions were ended"));
}

int
admin_password_reset(struct admin_req *r, const char *name)
{
	struct user u = {0};
	char hash[PASSWORD_HASH_MAX];
	int rc;

	if ((rc = store_user_get(r->st, name, &u)) == GZ_ENOTFOUND)
		return admin_fail(r, 404, "no user \"%s\"", name);
	if (rc)
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	if (u.id == r->user.id) {
		user_clear(&u);
		return admin_fail(r, 409, "change your own password with your "
		    "current one (POST /api/password)");
	}
	/* An administrator of every site resets anyone; a site's
	 * administrator the users of that site who are not
	 * administrators of every site. */
	if (r->user.role != ROLE_ADMIN || (r->user.site_id &&
	    (u.site_id != r->user.site_id))) {
		user_clear(&u);
		return admin_fail(r, 403, "only an administrator may reset "
		    "the password of %s", name);
	}
	if (new_hash(r, admin_arg(r, "new"), hash) == GZ_OK) {
		if ((rc = store_user_set_password(r->st, name, hash)) ||
		    (rc = store_session_del_user(r->st, u.id, NULL)))
			admin_fail(r, 500, "cannot save the password: %s",
			    store_errmsg(r->st));
		else {
			admin_audit(r, "password-reset", "user", u.id, name);
			admin_json(r, 200, json_pack("{sb ss}", "ok", 1,
			    "note", "the user's sessions were ended"));
		}
	}
	user_clear(&u);
	return GZ_OK;
}
