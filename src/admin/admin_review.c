/*
 * admin_review: an article's way through review, as the API and the
 * pages drive it: the workflow's decision (workflow.c), then its effects
 * (the pending version joins the article, publishing), the record of the
 * decision (review table) and the audit log; and the work lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_int.h"
#include "article_json.h"
#include "err.h"
#include "workflow.h"

/* Write the work of x as item says (none: removed). */
int
art_work_save(struct admin_req *r, struct art *x, const struct wf_item *it,
    const char *data)
{
	struct work_row w = {0};
	struct buf ab = BUF_INIT;
	int i, rc;

	if (it->state == WF_NONE)
		return store_work_del(r->st, x->a.id);
	snprintf(w.state, sizeof w.state, "%s", workflow_state_name(it->state));
	w.level = it->level;
	w.levels = it->state == WF_REVIEW ? it->levels : x->item.levels;
	w.owner = it->owner;
	buf_putc(&ab, '[');
	for (i = 0; i < WF_LEVELS_MAX && it->approved_by[i]; i++)
		buf_printf(&ab, "%s%lld", i ? "," : "",
		    (long long)it->approved_by[i]);
	buf_putc(&ab, ']');
	w.approved_by = (char *)buf_cstr(&ab);
	w.data = (char *)data;
	/* Findings of the checks describe what was submitted: an edit
	 * makes them stale. */
	w.findings = it->state == WF_DRAFT ? NULL : x->w.findings;
	w.updated = store_now();
	rc = buf_error(&ab) ? GZ_ENOMEM : store_work_put(r->st, x->a.id, &w);
	buf_free(&ab);
	return rc;
}

static int
review_note(struct admin_req *r, struct art *x, enum wf_action act,
    int level, const char *comment)
{
	struct review_entry e = {0};

	e.article_id = x->a.id;
	e.actor_id = r->user.id;
	e.actor = r->user.name;
	e.action = workflow_action_name(act);
	e.level = level;
	e.comment = comment;
	e.addr = r->req->client_addr;
	return store_review_add(r->st, &e);
}

/* Refuse with the workflow's reason. */
int
art_refuse(struct admin_req *r, enum wf_refusal why, enum wf_action act)
{
	return admin_fail(r, why == WF_EPERM || why == WF_ESELF ? 403 :
	    why == WF_ECOMMENT ? 400 : 409, "%s",
	    workflow_refusal_text(why, act));
}

int
art_submitted(struct art *x, struct article *out)
{
	json_t *pj;
	int rc;

	if ((rc = article_copy(out, &x->a)))
		return rc;
	if (x->has_work && x->w.data &&
	    (pj = json_loads(x->w.data, 0, NULL)) != NULL) {
		rc = article_from_json(pj, out);
		json_decref(pj);
	}
	return rc;
}

static int
is_yes(const char *v)
{
	return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 ||
	    strcmp(v, "on") == 0 || strcmp(v, "yes") == 0);
}

/*
 * The pre-publish checks around an action: a submit runs them and, when
 * they find something, goes on only when the request confirms it
 * (confirm=1), else answers 409 with the findings; the action that
 * publishes goes on over findings only with a reason, which is kept with
 * the decision and in the audit log.  *reason is set to it.  GZ_OK to go
 * on; GZ_EINVAL when answered.
 */
static int
art_checks(struct admin_req *r, struct art *x, enum wf_action act,
    enum wf_effect eff, const char **reason)
{
	struct article sub;
	json_t *found = NULL;
	const char *why = admin_arg(r, "reason");
	size_t n = 0;
	int rc = GZ_OK;

	*reason = NULL;
	if (act == WF_SUBMIT) {
		article_init(&sub);
		if ((rc = art_submitted(x, &sub)) == GZ_OK)
			rc = admin_check_article(r, &sub, &x->ch, &found);
		article_clear(&sub);
		if (rc)
			return rc == GZ_ENOMEM ? rc : (admin_fail(r, 500,
			    "cannot check the article: %s", store_errmsg(r->st)),
			    GZ_EINVAL);
		n = json_array_size(found);
		if (n && !is_yes(admin_arg(r, "confirm"))) {
			rc = admin_json(r, 409, json_pack("{ss so}", "error",
			    "the checks found something to look at before "
			    "review: fix it, or submit again with confirm=1 to "
			    "send it as it is", "findings", found));
			return rc ? rc : GZ_EINVAL;
		}
		free(x->w.findings);
		x->w.findings = json_dumps(found, JSON_COMPACT);
		json_decref(found);
		if (x->w.findings == NULL)
			return GZ_ENOMEM;
	} else if (eff == WF_EFFECT_PUBLISH && x->w.findings) {
		found = json_loads(x->w.findings, 0, NULL);
		n = json_array_size(found);
		json_decref(found);
	}
	if (eff == WF_EFFECT_PUBLISH && n > 0) {
		while (why && (*why == ' ' || *why == '\n'))
			why++;
		if (why == NULL || *why == '\0') {
			admin_fail(r, 400, "reason: the checks found %zu "
			    "thing(s); publishing over them needs a reason, "
			    "which goes into the audit log", n);
			return GZ_EINVAL;
		}
		*reason = why;
	}
	return GZ_OK;
}

/* POST /api/articles/ID/ACTION. */
int
art_act(struct admin_req *r, struct art *x, const char *name)
{
	int act = workflow_action_parse(name);
	const char *comment = admin_arg(r, "comment");
	const char *reason = NULL;
	struct wf_item next;
	enum wf_effect eff;
	enum wf_refusal why;
	json_t *pj;
	int rc, level = x->item.level;

	if (act < 0 || act == WF_EDIT)
		return admin_fail(r, 404, "no action \"%s\": submit, "
		    "withdraw, approve, return, offline or discard", name);
	if ((why = workflow_apply(&x->item, &x->actor, (enum wf_action)act,
	    comment, &next, &eff)))
		return art_refuse(r, why, (enum wf_action)act);
	if ((rc = art_checks(r, x, (enum wf_action)act, eff, &reason)))
		return rc == GZ_EINVAL ? GZ_OK : rc;
	if (reason && (comment == NULL || *comment == '\0'))
		comment = reason;
	if ((rc = store_begin(r->st)))
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	/* A pending version joins the row when the row is no longer the
	 * live one: published, or taken offline (then the row is the
	 * draft, as for an article never published). */
	if (eff != WF_EFFECT_NONE && x->has_work && x->w.data &&
	    (pj = json_loads(x->w.data, 0, NULL)) != NULL) {
		rc = article_from_json(pj, &x->a);
		json_decref(pj);
	}
	if (eff == WF_EFFECT_PUBLISH)
		x->a.status = ARTICLE_PUBLISHED;
	else if (eff == WF_EFFECT_UNPUBLISH)
		x->a.status = ARTICLE_OFFLINE;
	if (rc == GZ_OK && eff != WF_EFFECT_NONE)
		rc = store_article_update(r->st, &x->a, r->user.name,
		    workflow_action_name((enum wf_action)act));
	if (rc == GZ_OK)
		rc = art_work_save(r, x, &next, act == WF_DISCARD ||
		    eff != WF_EFFECT_NONE || !x->has_work ? NULL :
		    x->w.data);
	if (rc == GZ_OK)
		rc = review_note(r, x, (enum wf_action)act, level,
		    comment && *comment ? comment : NULL);
	rc = rc ? (store_rollback(r->st), rc) : store_commit(r->st);
	if (rc)
		return admin_fail(r, 500, "cannot record the decision: %s",
		    store_errmsg(r->st));
	if (reason) {
		struct buf d = BUF_INIT;
		buf_printf(&d, "published over the checks' findings: %s",
		    reason);
		admin_audit(r, name, "article", x->a.id, buf_error(&d) ?
		    reason : buf_cstr(&d));
		buf_free(&d);
	} else
		admin_audit(r, name, "article", x->a.id, comment);
	if (eff != WF_EFFECT_NONE)
		admin_republish(r, x->a.site_id, &x->a.id, 1);
	/* Answer with what is stored now. */
	{
		int64_t id = x->a.id;
		art_clear(x);
		if (art_load(r, id, x))
			return GZ_OK;
	}
	if (act == WF_DISCARD && art_media_refs(r, x) == GZ_ENOMEM)
		return GZ_ENOMEM;
	return art_answer(r, x, 200);
}

static int
work_row_json(const struct work_item *w, void *arg)
{
	json_t *arr = arg;

	return json_array_append_new(arr, json_pack("{sI ss ss ss ss si si"
	    " sI ss ss}", "id", (json_int_t)w->article_id, "title", w->title,
	    "lang", w->lang, "channel", w->path, "state", w->state, "level",
	    w->level, "levels", w->levels, "updated", (json_int_t)w->updated,
	    "owner", w->owner, "status", w->status)) ? GZ_ENOMEM : GZ_OK;
}

/* GET /api/queue (mine 0) and /api/mine. */
int
admin_worklist(struct admin_req *r, int mine)
{
	struct site site = {0};
	json_t *arr, *counts, *it;
	size_t i;
	int rc;

	if (admin_site(r, &site))
		return GZ_OK;
	if ((arr = json_array()) == NULL || (counts = json_object()) == NULL) {
		json_decref(arr);
		site_clear(&site);
		return GZ_ENOMEM;
	}
	rc = store_work_list(r->st, r->user.id, site.id, mine,
	    admin_is_admin(r, site.id), work_row_json, arr);
	if (rc) {
		json_decref(arr);
		json_decref(counts);
		site_clear(&site);
		return admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	/* Counts: by level for a queue, by state for one's own items. */
	json_array_foreach(arr, i, it) {
		char k[24];
		if (mine)
			snprintf(k, sizeof k, "%s", json_string_value(
			    json_object_get(it, "state")));
		else
			snprintf(k, sizeof k, "level %lld", (long long)
			    json_integer_value(json_object_get(it, "level")));
		json_object_set_new(counts, k, json_integer(1 +
		    json_integer_value(json_object_get(counts, k))));
	}
	rc = admin_json(r, 200, json_pack("{ss sI so so}", "site", site.name,
	    "count", (json_int_t)json_array_size(arr), "counts", counts,
	    "items", arr));
	site_clear(&site);
	return rc;
}
