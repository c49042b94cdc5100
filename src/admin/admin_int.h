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
#include "workflow.h"

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
/* Republish what a change touched: articles ids of site_id, or (ids
 * NULL) the whole site; failures are reported on standard error (the
 * change is saved and the next build publishes it). */
void admin_republish(struct admin_req *r, int64_t site_id,
    const int64_t *ids, size_t n);
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

/* What the admin knows of one article while handling a request. */
struct art {
	struct article a;
	struct channel ch;
	struct work_row w;
	int has_work;
	struct wf_item item;
	struct wf_actor actor;
};

/* admin_article.c: path is what follows /api/articles ("" or "/ID..."). */
int admin_articles(struct admin_req *r, const char *path);
int admin_worklist(struct admin_req *r, int mine);
void art_clear(struct art *x);
/* Load article id, its channel, its work and the user's rights; answer
 * 404 when it is not there or not the user's to see. */
int art_load(struct admin_req *r, int64_t id, struct art *x);
/* The fields of src (an article as article_to_json() writes it) that an
 * edit may set, without the slug unless with_slug. */
json_t *art_fields(const json_t *src, int with_slug);
/* admin_revision.c: GET .../revisions[/N], POST .../revisions/N/restore,
 * GET .../diff?from=N&to=M; rest is what follows the article's id. */
int admin_revisions(struct admin_req *r, struct art *x, const char *rest);
/* The version of x a submit sends: its pending one while it is live. */
int art_submitted(struct art *x, struct article *out);
/* admin_check.c: the pre-publish checks of version a of an article in
 * channel ch; *findings a JSON array (empty when all is well). */
int admin_check_article(struct admin_req *r, const struct article *a,
    const struct channel *ch, json_t **findings);
/* GET, POST /api/wordlist: a site's sensitive words (admin_check.c). */
int admin_wordlist(struct admin_req *r);
/* admin_media.c: /api/media[/ID]; rest follows /api/media. */
int admin_media(struct admin_req *r, const char *rest);
/* POST /api/convert: a body cleaned (html) or rendered (markdown) as it
 * would be saved, its pasted images kept in the media library. */
int admin_convert(struct admin_req *r);
/* Sanitize an HTML body for site_id as a save keeps it: pasted images
 * (data: URLs) go to the media library (admin_media.c). */
int admin_sanitize(struct admin_req *r, int64_t site_id, struct buf *out,
    const char *html, size_t n);
/* The site's files mf selects for the article page: files[] =
 * {hash, name, type, size_text, selected (in sel)}, attached[] the
 * selected ones with their url. */
int admin_media_files(struct admin_req *r, const struct media_filter *mf,
    const json_t *sel, json_t *files, json_t *attached);
/* Record which library files x uses (its body, pending version and
 * attachments). */
int art_media_refs(struct admin_req *r, struct art *x);
/* Save fields f into x as a new revision (note: why, for the history)
 * and answer, with the article or why it may not be saved. */
int art_save(struct admin_req *r, struct art *x, json_t *f,
    const char *note);
/* Answer the article as the admin shows it. */
int art_answer(struct admin_req *r, struct art *x, int status);
/* admin_review.c */
/* Write the work of x as item says (none: removed). */
int art_work_save(struct admin_req *r, struct art *x,
    const struct wf_item *it, const char *data);
/* Refuse with the workflow's reason. */
int art_refuse(struct admin_req *r, enum wf_refusal why,
    enum wf_action act);
/* POST /api/articles/ID/ACTION. */
int art_act(struct admin_req *r, struct art *x, const char *name);

/* admin_user.c: path follows /api/users ("" or "/NAME..."). */
int admin_users(struct admin_req *r, const char *path);
/* admin_site.c */
int admin_channels(struct admin_req *r, const char *path);
int admin_site_settings(struct admin_req *r);
int admin_audit_list(struct admin_req *r);
int admin_dashboard(struct admin_req *r);
/* admin_page.c: everything under /admin, and what its views share. */
int admin_page(struct admin_req *r);
/* The string k of o, or "". */
const char *page_str(const json_t *o, const char *k);
/* The interface string k of the page's language, or k itself. */
const char *page_tr(const struct admin_req *r, const char *k);
/* Append text with {name} replaced by v. */
void page_tr_fill(struct buf *out, const char *text, const char *name,
    const char *v);
/* "2026-03-14 16:20", and the value of a datetime-local input, in offset
 * (minutes east of UTC). */
json_t *page_time_text(int64_t t, int offset);
json_t *page_time_input(int64_t t, int offset);
/* Where an item stands, in words. */
json_t *page_state_text(const struct admin_req *r, const char *work,
    const char *status, int level, int levels);
/* Render template kind (title: an interface string) with page (stolen). */
int page_render(struct admin_req *r, const char *kind, const char *title_key,
    json_t *page, int status);
/* The error page for r->out and r->status. */
int page_error(struct admin_req *r);
/* page.pagination {page, pages, prev_url, next_url} from page's page,
 * per_page and total, when there is more than one page: path with the
 * filters of page.filters named in keys (NULL-terminated; a string, or
 * true as 1). */
void page_pagination(json_t *page, const char *path,
    const char *const keys[]);
/* The API's answer (r->out), taken. */
json_t *page_take(struct admin_req *r);
/* admin_view.c: each page's data, rendered. */
int view_dashboard(struct admin_req *r);
int view_articles(struct admin_req *r);
int view_article_new(struct admin_req *r);
int view_article(struct admin_req *r, const char *id);
int view_channels(struct admin_req *r);
int view_users(struct admin_req *r, const char *name);
int view_audit(struct admin_req *r);
/* admin_view_content.c */
/* What the article page shows beside the form: checks, versions, files
 * to attach (into page). */
int view_article_extra(struct admin_req *r, const char *id, json_t *page);
int view_revisions(struct admin_req *r, const char *id);
int view_diff(struct admin_req *r, const char *id);
int view_media(struct admin_req *r);
int view_wordlist(struct admin_req *r);
/* admin_preview.c: GET /admin/articles/ID/preview; GET /media/NAME (a
 * library file not published yet, for staff). */
int view_preview(struct admin_req *r, const char *id);
int admin_media_file(struct admin_req *r);

#endif
