/*
 * workflow_model.h: what the workflow tests share: the users, actors
 * and items they write cases with, model() (the rules stated a second
 * time, apart from workflow.c), and apply_checked(), which calls
 * workflow_apply() and compares it with the model.  Included by
 * test_workflow.c and test_workflow_sweep.c only.
 */
#ifndef GZ_WORKFLOW_MODEL_H
#define GZ_WORKFLOW_MODEL_H

#include <stdio.h>
#include <string.h>

#include "unit.h"
#include "workflow.h"


/* clang-format off */
/* Users. */
#define ADM  1   /* an administrator */
#define ED   10  /* an editor of the channel */
#define OWN  11  /* the editor who opened or submitted the work */
#define R1   21  /* reviewers of level 1, 2, 3 and of every level */
#define R2   22
#define R3   23
#define RALL 24
#define NOB  99  /* someone with no rights in the channel */

#define LV(k) (1u << (k))

/* Actors: {user_id, admin, can_edit, review}. */
#define ADMIN  {ADM, 1, 0, 0}
#define ADMOWN {OWN, 1, 1, 0}             /* an admin who submitted */
#define EDITOR {ED, 0, 1, 0}
#define OWNER  {OWN, 0, 1, 0}
#define OWNREV {OWN, 0, 1, LV(1) | LV(2) | LV(3)} /* submitter, reviews */
#define REV1   {R1, 0, 0, LV(1)}
#define REV2   {R2, 0, 0, LV(2)}
#define REV3   {R3, 0, 0, LV(3)}
#define REVALL {RALL, 0, 0, LV(1) | LV(2) | LV(3)}
#define NOBODY {NOB, 0, 0, 0}
#define BADBIT {NOB, 0, 0, LV(0) | LV(4) | LV(31)} /* no level's bit */

/* An item: state, level, levels, live, owner, approvers of 1 and 2. */
#define ITEM(st, k, n, live, own, a1, a2) \
	{(st), (k), (n), (live), (own), {(a1), (a2), 0}}
#define NONE(n, live)         ITEM(WF_NONE, 0, n, live, 0, 0, 0)
#define DRAFT(n, live, own)   ITEM(WF_DRAFT, 0, n, live, own, 0, 0)
#define RETD(n, live, own)    ITEM(WF_RETURNED, 0, n, live, own, 0, 0)
#define REVIEW(k, n, live, own, a1, a2) \
	ITEM(WF_REVIEW, k, n, live, own, a1, a2)

#define E0    WF_EFFECT_NONE
#define PUB   WF_EFFECT_PUBLISH
#define UNPUB WF_EFFECT_UNPUBLISH

/* clang-format on */

/* A comment that says what to change. */
static const char fix[] = "the headline is wrong";

/*
 * The rules again, stated plainly and apart from workflow.c.  Returns the
 * refusal; on WF_OK, *out and *eff are what workflow_apply() must give.
 */
static enum wf_refusal
model(const struct wf_item *c, const struct wf_actor *a, int act,
    const char *comment, struct wf_item *out, enum wf_effect *eff)
{
	int k = c->level, in_review = c->state == WF_REVIEW;
	int pending = c->state == WF_DRAFT || c->state == WF_RETURNED;
	int editor = a->admin || a->can_edit;
	int reviewer = a->admin || (k >= 1 && k <= 3 && (a->review >> k & 1));
	int is_owner = c->owner != 0 && c->owner == a->user_id;
	int signed_before = 0, said = 0, i;
	const unsigned char *p;

	if ((unsigned)c->state > WF_RETURNED || c->levels < 0 || c->levels > 3)
		return WF_ESTATE;
	if (in_review ? k < 1 || k > c->levels : k != 0)
		return WF_ESTATE;
	if (act < 0 || act > WF_DISCARD)
		return WF_ESTATE;
	for (i = 0; i < k - 1; i++)
		if (a->user_id != 0 && c->approved_by[i] == a->user_id)
			signed_before = 1;
	for (p = (const unsigned char *)comment; p && *p && !said; p++)
		if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80)
			p += 2;
		else if (*p != ' ' && *p != '\t' && *p != '\r' && *p != '\n')
			said = 1;

	*out = *c;
	out->live = c->live != 0;
	*eff = WF_EFFECT_NONE;
	switch (act) {
	case WF_EDIT:
		if (in_review)
			return WF_ESTATE;
		if (!editor)
			return WF_EPERM;
		if (c->state == WF_NONE ||
		    (c->state == WF_DRAFT && c->owner == 0))
			out->owner = a->user_id;
		if (c->state == WF_NONE)
			out->state = WF_DRAFT;
		break;
	case WF_SUBMIT:
		if (!pending && !(c->state == WF_NONE && !c->live))
			return WF_ESTATE;
		if (!editor)
			return WF_EPERM;
		if (c->levels == 0) {
			out->state = WF_NONE;
			out->owner = 0;
			out->live = 1;
			*eff = WF_EFFECT_PUBLISH;
		} else {
			out->state = WF_REVIEW;
			out->level = 1;
			out->owner = a->user_id;
			memset(out->approved_by, 0, sizeof out->approved_by);
		}
		break;
	case WF_WITHDRAW:
		if (!in_review)
			return WF_ESTATE;
		if (!a->admin && !is_owner)
			return WF_EPERM;
		out->state = WF_DRAFT;
		out->level = 0;
		break;
	case WF_APPROVE:
		if (!in_review)
			return WF_ESTATE;
		if (!reviewer)
			return WF_EPERM;
		if (!a->admin && (is_owner || signed_before))
			return WF_ESELF;
		if (k == c->levels) {
			out->state = WF_NONE;
			out->level = 0;
			out->owner = 0;
			out->live = 1;
			*eff = WF_EFFECT_PUBLISH;
		} else {
			out->level = k + 1;
			out->approved_by[k - 1] = a->user_id;
		}
		break;
	case WF_RETURN:
		if (!in_review)
			return WF_ESTATE;
		if (!reviewer)
			return WF_EPERM;
		if (!said)
			return WF_ECOMMENT;
		if (!a->admin && is_owner)
			return WF_ESELF;
		out->state = WF_RETURNED;
		out->level = 0;
		break;
	case WF_OFFLINE:
		if (!c->live)
			return WF_ESTATE;
		if (!a->admin && !(a->review & (LV(1) | LV(2) | LV(3))) &&
		    !(c->levels == 0 && a->can_edit))
			return WF_EPERM;
		out->live = 0;
		*eff = WF_EFFECT_UNPUBLISH;
		break;
	case WF_DISCARD:
		if (!pending || !c->live)
			return WF_ESTATE;
		if (!a->admin && !is_owner)
			return WF_EPERM;
		out->state = WF_NONE;
		out->owner = 0;
		break;
	}
	if (out->state != WF_REVIEW)
		memset(out->approved_by, 0, sizeof out->approved_by);
	return WF_OK;
}

static int
item_eq(const struct wf_item *x, const struct wf_item *y)
{
	return x->state == y->state && x->level == y->level &&
	    x->levels == y->levels && x->live == y->live &&
	    x->owner == y->owner &&
	    memcmp(x->approved_by, y->approved_by, sizeof x->approved_by) == 0;
}

static void
item_show(char *s, size_t n, const struct wf_item *it)
{
	snprintf(s, n,
	    "{%s level %d of %d live %d owner %lld by %lld,%lld,"
	    "%lld}",
	    workflow_state_name(it->state), it->level, it->levels, it->live,
	    (long long)it->owner, (long long)it->approved_by[0],
	    (long long)it->approved_by[1], (long long)it->approved_by[2]);
}

/* What a refusal must leave: the outputs as they were. */
#define SENTINEL 0xa5

/*
 * Call workflow_apply() on outputs filled with SENTINEL; fail unless a
 * refusal left them alone, and unless the answer is the model's.  what
 * names the case in failure messages.
 */
static enum wf_refusal
apply_checked(const char *what, const struct wf_item *cur,
    const struct wf_actor *a, int act, const char *comment,
    struct wf_item *next, enum wf_effect *effect)
{
	struct wf_item want, blank_item;
	enum wf_effect want_eff, blank_eff;
	enum wf_refusal r, m;
	char s1[160], s2[160], s3[160];

	memset(&blank_item, SENTINEL, sizeof blank_item);
	memset(&blank_eff, SENTINEL, sizeof blank_eff);
	memcpy(next, &blank_item, sizeof *next);
	memcpy(effect, &blank_eff, sizeof *effect);
	r = workflow_apply(cur, a, (enum wf_action)act, comment, next, effect);
	if ((unsigned)r > WF_ESELF)
		fail_msg("%s: refusal %d out of range", what, (int)r);
	if (r != WF_OK &&
	    (memcmp(next, &blank_item, sizeof *next) != 0 ||
	        memcmp(effect, &blank_eff, sizeof *effect) != 0))
		fail_msg("%s: refusal %d wrote its outputs", what, (int)r);
	m = model(cur, a, act, comment, &want, &want_eff);
	item_show(s1, sizeof s1, cur);
	if (r != m)
		fail_msg("%s: %s %s by user %lld: got refusal %d, the model "
		         "says %d",
		    what, workflow_action_name((enum wf_action)act), s1,
		    (long long)a->user_id, (int)r, (int)m);
	if (r == WF_OK && (!item_eq(next, &want) || *effect != want_eff)) {
		item_show(s2, sizeof s2, next);
		item_show(s3, sizeof s3, &want);
		fail_msg("%s: %s %s by user %lld: got %s effect %d, the model "
		         "says %s effect %d",
		    what, workflow_action_name((enum wf_action)act), s1,
		    (long long)a->user_id, s2, (int)*effect, s3, (int)want_eff);
	}
	return r;
}

#endif
