/*
 * workflow: the review rules of an article's pending work.  See
 * workflow.h.
 *
 * Each action has one function that makes the checks in the documented
 * order (state, right, comment, self) and builds the new item in a local
 * copy; workflow_apply() writes the caller's outputs only on success, so a
 * refusal leaves them as they were.
 */
#include <stddef.h>
#include <string.h>

#include "workflow.h"

/* The review bits that name a level (1..WF_LEVELS_MAX); bit 0 is none. */
#define REVIEW_BITS (((1u << (WF_LEVELS_MAX + 1)) - 1) & ~1u)

static const char *const state_names[] = {
    [WF_NONE] = "none",
    [WF_DRAFT] = "draft",
    [WF_REVIEW] = "review",
    [WF_RETURNED] = "returned",
};

static const char *const action_names[WF_ACTION__COUNT] = {
    [WF_EDIT] = "edit",
    [WF_SUBMIT] = "submit",
    [WF_WITHDRAW] = "withdraw",
    [WF_APPROVE] = "approve",
    [WF_RETURN] = "return",
    [WF_OFFLINE] = "offline",
    [WF_DISCARD] = "discard",
};

/* Whether a and b are the same person; 0 is nobody and matches no one. */
static int
same_user(int64_t a, int64_t b)
{
	return a != 0 && a == b;
}

static int
item_valid(const struct wf_item *it)
{
	if (it->levels < 0 || it->levels > WF_LEVELS_MAX)
		return 0;
	switch (it->state) {
	case WF_NONE:
	case WF_DRAFT:
	case WF_RETURNED: return it->level == 0;
	case WF_REVIEW: return it->level >= 1 && it->level <= it->levels;
	}
	/* A state read from a newer or damaged store. */
	return 0;
}

/*
 * Whether the comment says something.  Blanks are the ASCII ones a text
 * field lets through and U+3000, which Chinese and Japanese input methods
 * type for a space: "　" alone is as empty as " ".
 */
static int
comment_given(const char *s)
{
	if (s == NULL)
		return 0;
	while (*s != '\0') {
		if (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 1;
	}
	return 0;
}

/* The work is over: what is stored is what is (or will be) published. */
static void
item_settle(struct wf_item *it)
{
	it->state = WF_NONE;
	it->level = 0;
	it->owner = 0;
	memset(it->approved_by, 0, sizeof it->approved_by);
}

/* Start a review round at level 1, submitted by who. */
static void
item_round(struct wf_item *it, int64_t who)
{
	it->state = WF_REVIEW;
	it->level = 1;
	it->owner = who;
	memset(it->approved_by, 0, sizeof it->approved_by);
}

static int
may_edit(const struct wf_actor *a)
{
	return a->admin || a->can_edit;
}

static int
may_review(const struct wf_actor *a, int k)
{
	return a->admin ||
	    (k >= 1 && k <= WF_LEVELS_MAX && (a->review & (1u << k)) != 0);
}

/*
 * Taking a live article down is a reviewer's call where the channel has
 * review, since it changes what readers see as much as publishing does;
 * without review, the editors who publish may also unpublish.
 */
static int
may_offline(const struct wf_actor *a, int levels)
{
	return a->admin || (a->review & REVIEW_BITS) != 0 ||
	    (levels == 0 && a->can_edit);
}

/*
 * One person signs one step: a reviewer may not decide on what they
 * submitted, and (for approvals) may not approve a second level of the
 * same round, or two levels would rest on one judgment.  Returning after
 * approving an earlier level is allowed: it is a second look, not a
 * second signature.  Administrators are exempt; they are the way out
 * when a channel has too few reviewers.
 */
static enum wf_refusal
check_self(const struct wf_item *cur, const struct wf_actor *a, int approving)
{
	int i;

	if (a->admin)
		return WF_OK;
	if (same_user(a->user_id, cur->owner))
		return WF_ESELF;
	if (approving)
		for (i = 0; i < cur->level - 1; i++)
			if (same_user(a->user_id, cur->approved_by[i]))
				return WF_ESELF;
	return WF_OK;
}

static enum wf_refusal
do_edit(const struct wf_item *cur, const struct wf_actor *a, struct wf_item *n)
{
	/* Edits to a version under review would go unreviewed. */
	if (cur->state == WF_REVIEW)
		return WF_ESTATE;
	if (!may_edit(a))
		return WF_EPERM;
	if (cur->state == WF_NONE) {
		n->state = WF_DRAFT;
		n->owner = a->user_id;
	} else if (cur->state == WF_DRAFT && cur->owner == 0)
		n->owner = a->user_id;
	return WF_OK;
}

static enum wf_refusal
do_submit(const struct wf_item *cur, const struct wf_actor *a,
    struct wf_item *n, enum wf_effect *e)
{
	/*
	 * With no pending work, what is stored is what is live; only an
	 * article that is not on the site has something to submit then.
	 */
	if (cur->state == WF_REVIEW || (cur->state == WF_NONE && cur->live))
		return WF_ESTATE;
	if (!may_edit(a))
		return WF_EPERM;
	if (cur->levels == 0) {
		item_settle(n);
		n->live = 1;
		*e = WF_EFFECT_PUBLISH;
	} else
		item_round(n, a->user_id);
	return WF_OK;
}

static enum wf_refusal
do_withdraw(
    const struct wf_item *cur, const struct wf_actor *a, struct wf_item *n)
{
	if (cur->state != WF_REVIEW)
		return WF_ESTATE;
	if (!a->admin && !same_user(a->user_id, cur->owner))
		return WF_EPERM;
	/* Approvals were of the version withdrawn; the next round starts
	 * afresh. */
	n->state = WF_DRAFT;
	n->level = 0;
	return WF_OK;
}

static enum wf_refusal
do_approve(const struct wf_item *cur, const struct wf_actor *a,
    struct wf_item *n, enum wf_effect *e)
{
	enum wf_refusal r;
	int k = cur->level;

	if (cur->state != WF_REVIEW)
		return WF_ESTATE;
	if (!may_review(a, k))
		return WF_EPERM;
	if ((r = check_self(cur, a, 1)) != WF_OK)
		return r;
	if (k < cur->levels) {
		n->level = k + 1;
		n->approved_by[k - 1] = a->user_id;
	} else {
		item_settle(n);
		n->live = 1;
		*e = WF_EFFECT_PUBLISH;
	}
	return WF_OK;
}

static enum wf_refusal
do_return(const struct wf_item *cur, const struct wf_actor *a,
    const char *comment, struct wf_item *n)
{
	enum wf_refusal r;

	if (cur->state != WF_REVIEW)
		return WF_ESTATE;
	if (!may_review(a, cur->level))
		return WF_EPERM;
	/* The editor has to know what to change. */
	if (!comment_given(comment))
		return WF_ECOMMENT;
	if ((r = check_self(cur, a, 0)) != WF_OK)
		return r;
	/* The owner stays the submitter: it is their work to fix. */
	n->state = WF_RETURNED;
	n->level = 0;
	return WF_OK;
}

static enum wf_refusal
do_offline(const struct wf_item *cur, const struct wf_actor *a,
    struct wf_item *n, enum wf_effect *e)
{
	if (!cur->live)
		return WF_ESTATE;
	if (!may_offline(a, cur->levels))
		return WF_EPERM;
	/* Pending work is kept: it may yet be approved and go back up. */
	n->live = 0;
	*e = WF_EFFECT_UNPUBLISH;
	return WF_OK;
}

static enum wf_refusal
do_discard(
    const struct wf_item *cur, const struct wf_actor *a, struct wf_item *n)
{
	/*
	 * Without a live version there is nothing to fall back to: the
	 * pending version is the article, and dropping it is deleting it.
	 */
	if ((cur->state != WF_DRAFT && cur->state != WF_RETURNED) || !cur->live)
		return WF_ESTATE;
	if (!a->admin && !same_user(a->user_id, cur->owner))
		return WF_EPERM;
	item_settle(n);
	return WF_OK;
}

enum wf_refusal
workflow_apply(const struct wf_item *cur, const struct wf_actor *a,
    enum wf_action act, const char *comment, struct wf_item *next,
    enum wf_effect *effect)
{
	struct wf_item n;
	enum wf_effect e = WF_EFFECT_NONE;
	enum wf_refusal r = WF_ESTATE;

	if (!item_valid(cur))
		return WF_ESTATE;
	n = *cur;
	n.live = cur->live != 0;
	switch (act) {
	case WF_EDIT: r = do_edit(cur, a, &n); break;
	case WF_SUBMIT: r = do_submit(cur, a, &n, &e); break;
	case WF_WITHDRAW: r = do_withdraw(cur, a, &n); break;
	case WF_APPROVE: r = do_approve(cur, a, &n, &e); break;
	case WF_RETURN: r = do_return(cur, a, comment, &n); break;
	case WF_OFFLINE: r = do_offline(cur, a, &n, &e); break;
	case WF_DISCARD: r = do_discard(cur, a, &n); break;
	case WF_ACTION__COUNT: break;
	}
	if (r != WF_OK)
		return r;
	/* Approvals belong to a round; outside review there is none. */
	if (n.state != WF_REVIEW)
		memset(n.approved_by, 0, sizeof n.approved_by);
	*next = n;
	*effect = e;
	return WF_OK;
}

const char *
workflow_refusal_text(enum wf_refusal r, enum wf_action act)
{
	switch (r) {
	case WF_OK: return "allowed";
	case WF_EPERM:
		switch (act) {
		case WF_EDIT:
		case WF_SUBMIT:
			return "editing and submitting articles needs the edit "
			       "permission on this channel";
		case WF_WITHDRAW:
			return "only the person who submitted an article, or "
			       "an administrator, can withdraw it";
		case WF_APPROVE:
		case WF_RETURN:
			return "you are not a reviewer of this review level "
			       "in this channel";
		case WF_OFFLINE:
			return "taking an article offline needs a reviewer of "
			       "this channel (or an editor, where the channel "
			       "has no review) or an administrator";
		case WF_DISCARD:
			return "only the person who started the changes, or "
			       "an administrator, can discard them";
		case WF_ACTION__COUNT: break;
		}
		return "you do not have the permission for this";
	case WF_ESTATE:
		switch (act) {
		case WF_EDIT:
			return "the article is in review: withdraw it first "
			       "to edit it";
		case WF_SUBMIT:
			return "there is nothing to submit: the article is "
			       "already in review or has no pending changes";
		case WF_WITHDRAW:
			return "only an article in review can be withdrawn";
		case WF_APPROVE:
			return "only an article in review can be approved";
		case WF_RETURN:
			return "only an article in review can be returned";
		case WF_OFFLINE: return "the article is not on the site";
		case WF_DISCARD:
			return "only pending changes of a published article "
			       "can be discarded; to drop an article that is "
			       "not on the site, delete the article instead";
		case WF_ACTION__COUNT: break;
		}
		return "this is not possible in the article's current state";
	case WF_ECOMMENT:
		return "returning an article needs a comment saying what to "
		       "change";
	case WF_ESELF:
		if (act == WF_APPROVE)
			return "one person signs one step: you cannot approve "
			       "an article you submitted, or approve it at a "
			       "second level";
		if (act == WF_RETURN)
			return "you cannot return an article you submitted "
			       "yourself; withdraw it instead";
		return "one person signs one step: someone else has to do "
		       "this";
	}
	return "the action was refused";
}

const char *
workflow_state_name(enum wf_state s)
{
	if ((unsigned)s >= sizeof state_names / sizeof state_names[0])
		return "unknown";
	return state_names[s];
}

const char *
workflow_action_name(enum wf_action act)
{
	if ((unsigned)act >= WF_ACTION__COUNT)
		return "unknown";
	return action_names[act];
}

int
workflow_action_parse(const char *name)
{
	int i;

	if (name == NULL)
		return -1;
	for (i = 0; i < WF_ACTION__COUNT; i++)
		if (strcmp(name, action_names[i]) == 0)
			return i;
	return -1;
}

unsigned
workflow_allowed(const struct wf_item *cur, const struct wf_actor *a)
{
	struct wf_item n;
	enum wf_effect e;
	unsigned bits = 0;
	int i;

	/* Asking the one set of rules keeps the buttons honest. */
	for (i = 0; i < WF_ACTION__COUNT; i++)
		if (workflow_apply(cur, a, (enum wf_action)i, "(comment)", &n,
		        &e) == WF_OK)
			bits |= 1u << i;
	return bits;
}
