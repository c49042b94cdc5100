/*
 * admin_int.h: what the admin's files share.  Not for other modules.
 */
#ifndef GZ_ADMIN_INT_H
#define GZ_ADMIN_INT_H

#include <pthread.h>
#include <stdint.h>

#include <jansson.h>

#include "admin.h"
#include "session.h"
#include "store.h"
#include "theme.h"

struct admin {
	struct admin_opts o;
	char *db_path;
	struct theme *theme;     /* themes/admin: the pages; NULL: none */
	struct store *st;        /* writable; under lock */
	pthread_mutex_t lock;
};

/* One request on its way through the admin. */
struct admin_req {
	struct admin *a;
	struct store *st;
	const struct http_request *req;
	struct http_reply *rep;
	json_t *body;            /* a JSON request body, or NULL */
	int logged_in;
	struct session sess;
	struct user user;
	const char *token;       /* the session cookie */
	json_t *out;             /* the answer (admin_json()), and */
	int status;              /* its status */
	/* The pages only: */
	const char *lang;        /* of the interface, "zh" or "en" */
	json_t *i18n;            /* its strings (borrowed) */
	struct site site;        /* the site the pages are about */
	json_t *sites;           /* the sites the user may switch to */
	const char *flash_error; /* what went wrong, to show */
	int can_write;           /* may write in some channel */
};

/* Answer o (stolen) with status: as JSON for the API, as the data of a
 * page for the pages. */
int admin_json(struct admin_req *r, int status, json_t *o);
/* Answer {"error": "..."} with status. */
int admin_fail(struct admin_req *r, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* An argument: from a JSON body (strings, numbers as text), else the
 * query or a form body.  NULL when absent. */
const char *admin_arg(struct admin_req *r, const char *name);
/* A whole-number argument in [lo, hi]; *v untouched when absent.  GZ_OK,
 * or GZ_EINVAL after answering 400. */
int admin_arg_int(struct admin_req *r, const char *name, int64_t lo,
    int64_t hi, int64_t *v);
/* A time argument: Unix seconds, or a date or time in offset (minutes
 * east of UTC); end: a date means the end of that day.  GZ_OK, or
 * GZ_EINVAL after answering 400. */
int admin_arg_time(struct admin_req *r, const char *name, int offset,
    int end, int64_t *v);
/* Whether the user administers site_id (administrator, or that site's). */
int admin_is_admin(const struct admin_req *r, int64_t site_id);
/* The site a request is about: the "site" argument (a name), else the
 * user's own site, else the first.  Answers 404 itself on failure. */
int admin_site(struct admin_req *r, struct site *out);
/* Record in the audit log who did it, and from where. */
void admin_audit(struct admin_req *r, const char *action,
    const char *object, int64_t id, const char *detail);
/* The user as the API shows one (new reference). */
json_t *admin_user_json(const struct user *u);

/* admin_auth.c */
int admin_login(struct admin_req *r);
int admin_logout(struct admin_req *r);
int admin_me(struct admin_req *r);
/* What /api/me answers, as a new object. */
int admin_me_data(struct admin_req *r, json_t **out);
int admin_password(struct admin_req *r);
int admin_password_reset(struct admin_req *r, const char *name);

/* admin_article.c: path is what follows /api/articles ("" or "/ID..."). */
int admin_articles(struct admin_req *r, const char *path);
int admin_worklist(struct admin_req *r, int mine);

/* admin_user.c: path follows /api/users ("" or "/NAME..."). */
int admin_users(struct admin_req *r, const char *path);
/* admin_site.c */
int admin_channels(struct admin_req *r, const char *path);
int admin_site_settings(struct admin_req *r);
int admin_audit_list(struct admin_req *r);
int admin_dashboard(struct admin_req *r);
/* admin_page.c: everything under /admin. */
int admin_page(struct admin_req *r);

#endif
