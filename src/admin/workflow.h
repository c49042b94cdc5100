/*
 * workflow: the review rules of an article's pending work.
 *
 * Pure logic, no I/O and no database: given an article's work item, an
 * actor's rights in the article's channel and an action, say whether the
 * action is allowed, what the new work item is, and what the publisher
 * must do.  Whether the article is on the site (live) is the publisher's
 * state; here it is an input, and an output only where an action changes
 * it (the last approval publishes, taking offline unpublishes).
 *
 * The round: an editor edits (WF_DRAFT) and submits; each review level in
 * turn approves or returns with a comment (WF_RETURNED, editable and
 * resubmittable); the last approval publishes.  A channel without review
 * levels publishes on submit.  A live article can be edited into a new
 * pending version while the old one stays on the site.
 *
 * Checks are made in a fixed order, and the first that fails is the
 * refusal, so that it names the most basic problem:
 *   1. the input is well-formed and the action possible in this state
 *      (WF_ESTATE; there is no point in asking who may do the impossible),
 *   2. the actor holds the right (WF_EPERM),
 *   3. a return carries a comment (WF_ECOMMENT),
 *   4. one person signs one step (WF_ESELF).
 * A reviewer who would otherwise be refused both for a missing comment and
 * for returning their own submission thus hears about the comment first:
 * fixing that is something they can do, the other is not.
 */
#ifndef GZ_WORKFLOW_H
#define GZ_WORKFLOW_H

#include <stdint.h>

#define WF_LEVELS_MAX 3

enum wf_state {
	WF_NONE = 0, /* no pending work: what is stored is what is (or
	                would be) published */
	WF_DRAFT,    /* pending changes being written */
	WF_REVIEW,   /* submitted: level `level` decides next */
	WF_RETURNED  /* sent back with a comment; editable, resubmittable */
};

enum wf_action {
	WF_EDIT,     /* save changes (opens a draft) */
	WF_SUBMIT,   /* send for review (or publish, with 0 levels) */
	WF_WITHDRAW, /* take back from review into draft */
	WF_APPROVE,  /* approve at the current level */
	WF_RETURN,   /* return to the editor, with a comment */
	WF_OFFLINE,  /* take the live version off the site */
	WF_DISCARD,  /* drop pending changes of a live article */
	WF_ACTION__COUNT
};

enum wf_effect {
	WF_EFFECT_NONE = 0,
	WF_EFFECT_PUBLISH,  /* apply the pending version and publish it */
	WF_EFFECT_UNPUBLISH /* take the article off the site */
};

enum wf_refusal {
	WF_OK = 0,
	WF_EPERM,    /* the actor has no right to this, here */
	WF_ESTATE,   /* not possible in this state (or a malformed item) */
	WF_ECOMMENT, /* returning needs a comment */
	WF_ESELF     /* one person signs one step: not the submitter, not
	                twice */
};

/*
 * An article's work item.  User id 0 is nobody: it owns nothing and
 * matches no actor.  Well-formed means: levels in 0..WF_LEVELS_MAX, a
 * known state, level in 1..levels in WF_REVIEW and 0 otherwise; anything
 * else is refused with WF_ESTATE.  Outside WF_REVIEW a result's
 * approved_by is all zero.
 */
struct wf_item {
	enum wf_state state;
	int level;     /* WF_REVIEW: 1..levels; otherwise 0 */
	int levels;    /* the channel's review levels, 0..WF_LEVELS_MAX */
	int live;      /* a version of the article is on the site */
	int64_t owner; /* who opened the work or submitted it; 0 if none */
	/* Who approved levels 1..level-1 this round. */
	int64_t approved_by[WF_LEVELS_MAX];
};

/* The actor's rights, as they apply to the article's channel. */
struct wf_actor {
	int64_t user_id;
	int admin;       /* administrator, or site administrator of the
	                    article's site */
	int can_edit;    /* holds the edit permission on the channel */
	unsigned review; /* bit (1u << k) set: may review level k (1..3)
	                    in this channel; other bits mean nothing */
};

/*
 * Whether actor a may do act on item cur (comment: for WF_RETURN; may be
 * NULL for other actions, where it is ignored).  On WF_OK, *next is the
 * new item and *effect what the publisher must do; on a refusal neither is
 * written.  next may be cur.
 */
enum wf_refusal workflow_apply(const struct wf_item *cur,
    const struct wf_actor *a, enum wf_action act, const char *comment,
    struct wf_item *next, enum wf_effect *effect);

/*
 * A sentence for people saying why act was refused (English), e.g.
 * "returning an article needs a comment saying what to change".  Never
 * NULL nor empty, also for WF_OK and for values out of range.
 */
const char *workflow_refusal_text(enum wf_refusal r, enum wf_action act);
/*
 * Names for the API and the audit log: "none", "draft", "review",
 * "returned"; "edit", "submit", "withdraw", "approve", "return",
 * "offline", "discard".  Out of range: "unknown" (never NULL).
 */
const char *workflow_state_name(enum wf_state s);
const char *workflow_action_name(enum wf_action act);
/* Parse an action name (exact, lower case); -1 if unknown or NULL. */
int workflow_action_parse(const char *name);
/*
 * Which actions a may take on cur now (bit 1u << act), for showing
 * buttons.  WF_RETURN is counted as allowed when only its comment is
 * missing: the comment is asked for after the button is pressed.
 */
unsigned workflow_allowed(const struct wf_item *cur, const struct wf_actor *a);

#endif
