/*
 * Unit tests for workflow: the review rules.
 *
 *  - a table of explicit cases, allowed and refused, for every action,
 *    state, number of levels and kind of refusal;
 *  - a sweep over every well-formed item, actor kind, action and comment,
 *    checking invariants (a refusal writes nothing, results are
 *    well-formed, effects come only from their actions, the buttons agree
 *    with the rules) and comparing every answer with model(), a second
 *    statement of the rules written here, so that a rule changed in
 *    workflow.c and not here fails;
 *  - malformed items, and the names and sentences.
 */
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

/* The expected outcome: allowed with the new state, level, effect, owner
 * and live; or refused. */
#define OK(st, k, eff, own, live) WF_OK, (st), (k), (eff), (own), (live)
#define NO(r)                     (r), WF_NONE, 0, E0, 0, 0

struct row {
	const char *name;
	struct wf_item cur;
	struct wf_actor actor;
	int act;
	const char *comment;
	enum wf_refusal want;
	enum wf_state state;
	int level;
	enum wf_effect effect;
	int64_t owner;
	int live;
};

static const char fix[] = "the headline is wrong";

static const struct row rows[] = {
	/* edit */
	{"edit: none opens a draft", NONE(1, 0), EDITOR, WF_EDIT, NULL,
	    OK(WF_DRAFT, 0, E0, ED, 0)},
	{"edit: live article, new version, stays live", NONE(2, 1), EDITOR,
	    WF_EDIT, NULL, OK(WF_DRAFT, 0, E0, ED, 1)},
	{"edit: no review levels", NONE(0, 0), OWNER, WF_EDIT, NULL,
	    OK(WF_DRAFT, 0, E0, OWN, 0)},
	{"edit: another editor's draft keeps its owner", DRAFT(1, 0, OWN),
	    EDITOR, WF_EDIT, NULL, OK(WF_DRAFT, 0, E0, OWN, 0)},
	{"edit: a draft without owner gets one", DRAFT(3, 1, 0), EDITOR,
	    WF_EDIT, NULL, OK(WF_DRAFT, 0, E0, ED, 1)},
	{"edit: returned stays returned", RETD(2, 0, OWN), OWNER, WF_EDIT,
	    NULL, OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"edit: returned, by another editor", RETD(3, 1, OWN), EDITOR,
	    WF_EDIT, NULL, OK(WF_RETURNED, 0, E0, OWN, 1)},
	{"edit: admin without edit permission", NONE(3, 0), ADMIN, WF_EDIT,
	    NULL, OK(WF_DRAFT, 0, E0, ADM, 0)},
	{"edit: in review: withdraw first", REVIEW(1, 1, 0, OWN, 0, 0),
	    OWNER, WF_EDIT, NULL, NO(WF_ESTATE)},
	{"edit: in review, admin too", REVIEW(2, 3, 1, OWN, R1, 0), ADMIN,
	    WF_EDIT, NULL, NO(WF_ESTATE)},
	{"edit: state is checked before rights", REVIEW(1, 2, 0, OWN, 0, 0),
	    NOBODY, WF_EDIT, NULL, NO(WF_ESTATE)},
	{"edit: no rights", DRAFT(1, 0, OWN), NOBODY, WF_EDIT, NULL,
	    NO(WF_EPERM)},
	{"edit: a reviewer is not an editor", NONE(2, 1), REVALL, WF_EDIT,
	    NULL, NO(WF_EPERM)},
	{"edit: review bits of no level", NONE(0, 0), BADBIT, WF_EDIT, NULL,
	    NO(WF_EPERM)},

	/* submit */
	{"submit: 0 levels publishes", DRAFT(0, 0, OWN), OWNER, WF_SUBMIT,
	    NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"submit: 0 levels, live article's new version", DRAFT(0, 1, OWN),
	    EDITOR, WF_SUBMIT, NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"submit: 0 levels, returned", RETD(0, 0, OWN), OWNER, WF_SUBMIT,
	    NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"submit: 0 levels, offline article as it is", NONE(0, 0), EDITOR,
	    WF_SUBMIT, NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"submit: 1 level goes to level 1", DRAFT(1, 0, OWN), OWNER,
	    WF_SUBMIT, NULL, OK(WF_REVIEW, 1, E0, OWN, 0)},
	{"submit: 2 levels, submitter becomes owner", DRAFT(2, 0, OWN),
	    EDITOR, WF_SUBMIT, NULL, OK(WF_REVIEW, 1, E0, ED, 0)},
	{"submit: 3 levels, live stays live", DRAFT(3, 1, OWN), OWNER,
	    WF_SUBMIT, NULL, OK(WF_REVIEW, 1, E0, OWN, 1)},
	{"submit: returned, resubmitted", RETD(2, 0, OWN), OWNER, WF_SUBMIT,
	    NULL, OK(WF_REVIEW, 1, E0, OWN, 0)},
	{"submit: never published, as it is", NONE(3, 0), EDITOR, WF_SUBMIT,
	    NULL, OK(WF_REVIEW, 1, E0, ED, 0)},
	{"submit: admin without edit permission", DRAFT(1, 0, OWN), ADMIN,
	    WF_SUBMIT, NULL, OK(WF_REVIEW, 1, E0, ADM, 0)},
	{"submit: live, nothing pending", NONE(1, 1), OWNER, WF_SUBMIT, NULL,
	    NO(WF_ESTATE)},
	{"submit: live, nothing pending, 0 levels", NONE(0, 1), ADMIN,
	    WF_SUBMIT, NULL, NO(WF_ESTATE)},
	{"submit: already in review", REVIEW(1, 2, 0, OWN, 0, 0), OWNER,
	    WF_SUBMIT, NULL, NO(WF_ESTATE)},
	{"submit: state is checked before rights", REVIEW(2, 2, 0, OWN, R1,
	    0), NOBODY, WF_SUBMIT, NULL, NO(WF_ESTATE)},
	{"submit: no rights", DRAFT(1, 0, OWN), NOBODY, WF_SUBMIT, NULL,
	    NO(WF_EPERM)},
	{"submit: a reviewer is not an editor", DRAFT(0, 0, R1), REV1,
	    WF_SUBMIT, NULL, NO(WF_EPERM)},

	/* withdraw */
	{"withdraw: by the submitter", REVIEW(1, 1, 0, OWN, 0, 0), OWNER,
	    WF_WITHDRAW, NULL, OK(WF_DRAFT, 0, E0, OWN, 0)},
	{"withdraw: after approvals, at the last level",
	    REVIEW(3, 3, 1, OWN, R1, R2), OWNER, WF_WITHDRAW, NULL,
	    OK(WF_DRAFT, 0, E0, OWN, 1)},
	{"withdraw: by an admin", REVIEW(2, 2, 0, OWN, R1, 0), ADMIN,
	    WF_WITHDRAW, NULL, OK(WF_DRAFT, 0, E0, OWN, 0)},
	{"withdraw: another editor", REVIEW(1, 2, 0, OWN, 0, 0), EDITOR,
	    WF_WITHDRAW, NULL, NO(WF_EPERM)},
	{"withdraw: a reviewer", REVIEW(1, 1, 0, OWN, 0, 0), REV1,
	    WF_WITHDRAW, NULL, NO(WF_EPERM)},
	{"withdraw: nobody does not own ownerless work",
	    REVIEW(1, 1, 0, 0, 0, 0), {0, 0, 1, 0}, WF_WITHDRAW, NULL,
	    NO(WF_EPERM)},
	{"withdraw: a draft", DRAFT(1, 0, OWN), OWNER, WF_WITHDRAW, NULL,
	    NO(WF_ESTATE)},
	{"withdraw: returned", RETD(1, 0, OWN), OWNER, WF_WITHDRAW, NULL,
	    NO(WF_ESTATE)},
	{"withdraw: nothing pending", NONE(2, 1), ADMIN, WF_WITHDRAW, NULL,
	    NO(WF_ESTATE)},

	/* approve */
	{"approve: 1 of 1 publishes", REVIEW(1, 1, 0, OWN, 0, 0), REV1,
	    WF_APPROVE, NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"approve: 1 of 1, new version of a live article",
	    REVIEW(1, 1, 1, OWN, 0, 0), REV1, WF_APPROVE, NULL,
	    OK(WF_NONE, 0, PUB, 0, 1)},
	{"approve: 1 of 2 goes on", REVIEW(1, 2, 0, OWN, 0, 0), REV1,
	    WF_APPROVE, NULL, OK(WF_REVIEW, 2, E0, OWN, 0)},
	{"approve: 2 of 2 publishes", REVIEW(2, 2, 0, OWN, R1, 0), REV2,
	    WF_APPROVE, NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"approve: 1 of 3", REVIEW(1, 3, 0, OWN, 0, 0), REV1, WF_APPROVE,
	    NULL, OK(WF_REVIEW, 2, E0, OWN, 0)},
	{"approve: 2 of 3", REVIEW(2, 3, 1, OWN, R1, 0), REV2, WF_APPROVE,
	    NULL, OK(WF_REVIEW, 3, E0, OWN, 1)},
	{"approve: 3 of 3 publishes", REVIEW(3, 3, 0, OWN, R1, R2), REV3,
	    WF_APPROVE, NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"approve: reviewer of every level, one level",
	    REVIEW(2, 3, 0, OWN, R1, 0), REVALL, WF_APPROVE, NULL,
	    OK(WF_REVIEW, 3, E0, OWN, 0)},
	{"approve: admin without review bits", REVIEW(1, 3, 0, OWN, 0, 0),
	    ADMIN, WF_APPROVE, NULL, OK(WF_REVIEW, 2, E0, OWN, 0)},
	{"approve: admin is exempt: own submission", REVIEW(1, 1, 0, OWN, 0,
	    0), ADMOWN, WF_APPROVE, NULL, OK(WF_NONE, 0, PUB, 0, 1)},
	{"approve: admin is exempt: second level",
	    REVIEW(2, 2, 0, OWN, ADM, 0), ADMIN, WF_APPROVE, NULL,
	    OK(WF_NONE, 0, PUB, 0, 1)},
	{"approve: reviewer of another level", REVIEW(1, 2, 0, OWN, 0, 0),
	    REV2, WF_APPROVE, NULL, NO(WF_EPERM)},
	{"approve: reviewer of level 3 at level 2",
	    REVIEW(2, 3, 0, OWN, R1, 0), REV3, WF_APPROVE, NULL,
	    NO(WF_EPERM)},
	{"approve: an editor", REVIEW(1, 1, 0, OWN, 0, 0), EDITOR,
	    WF_APPROVE, NULL, NO(WF_EPERM)},
	{"approve: no rights", REVIEW(1, 1, 0, OWN, 0, 0), NOBODY,
	    WF_APPROVE, NULL, NO(WF_EPERM)},
	{"approve: review bits of no level", REVIEW(3, 3, 0, OWN, R1, R2),
	    BADBIT, WF_APPROVE, NULL, NO(WF_EPERM)},
	{"approve: rights before self: submitter without review bit",
	    REVIEW(1, 1, 0, OWN, 0, 0), OWNER, WF_APPROVE, NULL,
	    NO(WF_EPERM)},
	{"approve: own submission", REVIEW(1, 1, 0, OWN, 0, 0), OWNREV,
	    WF_APPROVE, NULL, NO(WF_ESELF)},
	{"approve: own submission, last of 3", REVIEW(3, 3, 0, OWN, R1, R2),
	    OWNREV, WF_APPROVE, NULL, NO(WF_ESELF)},
	{"approve: second level by the same person",
	    REVIEW(2, 2, 0, OWN, RALL, 0), REVALL, WF_APPROVE, NULL,
	    NO(WF_ESELF)},
	{"approve: third level after the first",
	    REVIEW(3, 3, 0, OWN, RALL, R2), REVALL, WF_APPROVE, NULL,
	    NO(WF_ESELF)},
	{"approve: third level after the second",
	    REVIEW(3, 3, 0, OWN, R1, RALL), REVALL, WF_APPROVE, NULL,
	    NO(WF_ESELF)},
	{"approve: a draft", DRAFT(1, 0, OWN), REV1, WF_APPROVE, NULL,
	    NO(WF_ESTATE)},
	{"approve: returned", RETD(2, 0, OWN), ADMIN, WF_APPROVE, NULL,
	    NO(WF_ESTATE)},
	{"approve: nothing pending", NONE(1, 1), REV1, WF_APPROVE, NULL,
	    NO(WF_ESTATE)},
	{"approve: state before rights", DRAFT(1, 0, OWN), NOBODY,
	    WF_APPROVE, NULL, NO(WF_ESTATE)},

	/* return */
	{"return: level 1 of 1", REVIEW(1, 1, 0, OWN, 0, 0), REV1, WF_RETURN,
	    fix, OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"return: level 2 of 3, live stays live",
	    REVIEW(2, 3, 1, OWN, R1, 0), REV2, WF_RETURN, fix,
	    OK(WF_RETURNED, 0, E0, OWN, 1)},
	{"return: last level of 3", REVIEW(3, 3, 0, OWN, R1, R2), REV3,
	    WF_RETURN, fix, OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"return: by an admin", REVIEW(2, 2, 0, OWN, R1, 0), ADMIN,
	    WF_RETURN, fix, OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"return: admin is exempt: own submission",
	    REVIEW(1, 2, 0, OWN, 0, 0), ADMOWN, WF_RETURN, fix,
	    OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"return: after approving an earlier level",
	    REVIEW(2, 2, 0, OWN, RALL, 0), REVALL, WF_RETURN, fix,
	    OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"return: text after an ideographic space",
	    REVIEW(1, 1, 0, OWN, 0, 0), REV1, WF_RETURN,
	    "\xe3\x80\x80\xe6\xa0\x87\xe9\xa2\x98", /* "　标题" */
	    OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"return: one letter is a comment", REVIEW(1, 1, 0, OWN, 0, 0), REV1,
	    WF_RETURN, " \tx\n", OK(WF_RETURNED, 0, E0, OWN, 0)},
	{"return: no comment", REVIEW(1, 1, 0, OWN, 0, 0), REV1, WF_RETURN,
	    NULL, NO(WF_ECOMMENT)},
	{"return: empty comment", REVIEW(1, 2, 0, OWN, 0, 0), REV1,
	    WF_RETURN, "", NO(WF_ECOMMENT)},
	{"return: ASCII blanks only", REVIEW(2, 2, 0, OWN, R1, 0), REV2,
	    WF_RETURN, " \t\r\n \r\n", NO(WF_ECOMMENT)},
	{"return: ideographic space only", REVIEW(1, 1, 0, OWN, 0, 0), REV1,
	    WF_RETURN, "\xe3\x80\x80", NO(WF_ECOMMENT)},
	{"return: mixed blanks only", REVIEW(3, 3, 0, OWN, R1, R2), REV3,
	    WF_RETURN, " \xe3\x80\x80\t\xe3\x80\x80\r\n", NO(WF_ECOMMENT)},
	{"return: admin needs a comment too", REVIEW(1, 1, 0, OWN, 0, 0),
	    ADMIN, WF_RETURN, "  ", NO(WF_ECOMMENT)},
	{"return: comment before self", REVIEW(1, 1, 0, OWN, 0, 0), OWNREV,
	    WF_RETURN, NULL, NO(WF_ECOMMENT)},
	{"return: own submission", REVIEW(1, 1, 0, OWN, 0, 0), OWNREV,
	    WF_RETURN, fix, NO(WF_ESELF)},
	{"return: own submission, level 2", REVIEW(2, 2, 0, OWN, R1, 0),
	    OWNREV, WF_RETURN, fix, NO(WF_ESELF)},
	{"return: reviewer of another level", REVIEW(2, 2, 0, OWN, R1, 0),
	    REV1, WF_RETURN, fix, NO(WF_EPERM)},
	{"return: an editor", REVIEW(1, 1, 0, OWN, 0, 0), EDITOR, WF_RETURN,
	    fix, NO(WF_EPERM)},
	{"return: rights before comment", REVIEW(1, 1, 0, OWN, 0, 0), NOBODY,
	    WF_RETURN, NULL, NO(WF_EPERM)},
	{"return: a draft", DRAFT(1, 0, OWN), REV1, WF_RETURN, fix,
	    NO(WF_ESTATE)},
	{"return: already returned", RETD(1, 0, OWN), REV1, WF_RETURN, fix,
	    NO(WF_ESTATE)},
	{"return: nothing pending", NONE(2, 1), ADMIN, WF_RETURN, fix,
	    NO(WF_ESTATE)},
	{"return: state before rights and comment", NONE(1, 0), NOBODY,
	    WF_RETURN, NULL, NO(WF_ESTATE)},

	/* offline */
	{"offline: reviewer, nothing pending", NONE(1, 1), REV1, WF_OFFLINE,
	    NULL, OK(WF_NONE, 0, UNPUB, 0, 0)},
	{"offline: reviewer of level 3, draft pending", DRAFT(3, 1, OWN),
	    REV3, WF_OFFLINE, NULL, OK(WF_DRAFT, 0, UNPUB, OWN, 0)},
	{"offline: any level's reviewer will do", NONE(1, 1), REV2,
	    WF_OFFLINE, NULL, OK(WF_NONE, 0, UNPUB, 0, 0)},
	{"offline: review goes on", REVIEW(2, 3, 1, OWN, R1, 0), REVALL,
	    WF_OFFLINE, NULL, OK(WF_REVIEW, 2, UNPUB, OWN, 0)},
	{"offline: returned stays returned", RETD(2, 1, OWN), REV1,
	    WF_OFFLINE, NULL, OK(WF_RETURNED, 0, UNPUB, OWN, 0)},
	{"offline: editor, 0 levels", NONE(0, 1), EDITOR, WF_OFFLINE, NULL,
	    OK(WF_NONE, 0, UNPUB, 0, 0)},
	{"offline: admin, 3 levels", DRAFT(3, 1, OWN), ADMIN, WF_OFFLINE,
	    NULL, OK(WF_DRAFT, 0, UNPUB, OWN, 0)},
	{"offline: the submitter who reviews may", REVIEW(1, 1, 1, OWN, 0,
	    0), OWNREV, WF_OFFLINE, NULL, OK(WF_REVIEW, 1, UNPUB, OWN, 0)},
	{"offline: editor, 1 level", NONE(1, 1), EDITOR, WF_OFFLINE, NULL,
	    NO(WF_EPERM)},
	{"offline: owner editor, 2 levels", DRAFT(2, 1, OWN), OWNER,
	    WF_OFFLINE, NULL, NO(WF_EPERM)},
	{"offline: no rights", NONE(0, 1), NOBODY, WF_OFFLINE, NULL,
	    NO(WF_EPERM)},
	{"offline: review bits of no level", NONE(3, 1), BADBIT, WF_OFFLINE,
	    NULL, NO(WF_EPERM)},
	{"offline: not on the site", NONE(1, 0), ADMIN, WF_OFFLINE, NULL,
	    NO(WF_ESTATE)},
	{"offline: not on the site, in review", REVIEW(1, 1, 0, OWN, 0, 0),
	    REV1, WF_OFFLINE, NULL, NO(WF_ESTATE)},
	{"offline: state before rights", DRAFT(0, 0, OWN), NOBODY,
	    WF_OFFLINE, NULL, NO(WF_ESTATE)},

	/* discard */
	{"discard: owner drops a draft", DRAFT(1, 1, OWN), OWNER, WF_DISCARD,
	    NULL, OK(WF_NONE, 0, E0, 0, 1)},
	{"discard: owner drops returned work", RETD(3, 1, OWN), OWNER,
	    WF_DISCARD, NULL, OK(WF_NONE, 0, E0, 0, 1)},
	{"discard: 0 levels", DRAFT(0, 1, OWN), OWNER, WF_DISCARD, NULL,
	    OK(WF_NONE, 0, E0, 0, 1)},
	{"discard: admin", DRAFT(2, 1, OWN), ADMIN, WF_DISCARD, NULL,
	    OK(WF_NONE, 0, E0, 0, 1)},
	{"discard: admin, ownerless draft", DRAFT(2, 1, 0), ADMIN,
	    WF_DISCARD, NULL, OK(WF_NONE, 0, E0, 0, 1)},
	{"discard: another editor", DRAFT(1, 1, OWN), EDITOR, WF_DISCARD,
	    NULL, NO(WF_EPERM)},
	{"discard: ownerless draft, editor", DRAFT(1, 1, 0), EDITOR,
	    WF_DISCARD, NULL, NO(WF_EPERM)},
	{"discard: a reviewer", RETD(1, 1, OWN), REVALL, WF_DISCARD, NULL,
	    NO(WF_EPERM)},
	{"discard: not on the site: delete instead", DRAFT(1, 0, OWN), OWNER,
	    WF_DISCARD, NULL, NO(WF_ESTATE)},
	{"discard: returned, not on the site", RETD(1, 0, OWN), ADMIN,
	    WF_DISCARD, NULL, NO(WF_ESTATE)},
	{"discard: nothing pending", NONE(1, 1), ADMIN, WF_DISCARD, NULL,
	    NO(WF_ESTATE)},
	{"discard: in review: withdraw first", REVIEW(1, 1, 1, OWN, 0, 0),
	    OWNER, WF_DISCARD, NULL, NO(WF_ESTATE)},

	/* malformed input */
	{"invalid: levels 4", NONE(4, 0), ADMIN, WF_EDIT, NULL,
	    NO(WF_ESTATE)},
	{"invalid: levels -1", DRAFT(-1, 0, OWN), ADMIN, WF_SUBMIT, NULL,
	    NO(WF_ESTATE)},
	{"invalid: review at level 0", REVIEW(0, 2, 0, OWN, 0, 0), ADMIN,
	    WF_WITHDRAW, NULL, NO(WF_ESTATE)},
	{"invalid: review past the last level", REVIEW(3, 2, 0, OWN, R1, R2),
	    ADMIN, WF_APPROVE, NULL, NO(WF_ESTATE)},
	{"invalid: review with 0 levels", REVIEW(1, 0, 0, OWN, 0, 0), ADMIN,
	    WF_RETURN, fix, NO(WF_ESTATE)},
	{"invalid: draft with a level", ITEM(WF_DRAFT, 1, 1, 1, OWN, 0, 0),
	    ADMIN, WF_OFFLINE, NULL, NO(WF_ESTATE)},
	{"invalid: unknown state", ITEM((enum wf_state)4, 0, 1, 1, OWN, 0,
	    0), ADMIN, WF_DISCARD, NULL, NO(WF_ESTATE)},
	{"invalid: action past the last", NONE(1, 0), ADMIN,
	    WF_ACTION__COUNT, NULL, NO(WF_ESTATE)},
	{"invalid: action -1", DRAFT(1, 0, OWN), ADMIN, -1, NULL,
	    NO(WF_ESTATE)},
};
/* clang-format on */

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

static void
test_table(void **state)
{
	const struct row *w;
	struct wf_item next;
	enum wf_effect eff;
	enum wf_refusal r;
	const char *text;
	size_t i;

	(void)state;
	for (i = 0; i < sizeof rows / sizeof rows[0]; i++) {
		w = &rows[i];
		r = apply_checked(w->name, &w->cur, &w->actor, w->act,
		    w->comment, &next, &eff);
		if (r != w->want)
			fail_msg("%s: got refusal %d, want %d", w->name, (int)r,
			    (int)w->want);
		text = workflow_refusal_text(r, (enum wf_action)w->act);
		if (text == NULL || *text == '\0')
			fail_msg("%s: no refusal text", w->name);
		if (r != WF_OK)
			continue;
		if (next.state != w->state || next.level != w->level ||
		    eff != w->effect || next.owner != w->owner ||
		    next.live != w->live)
			fail_msg(
			    "%s: got %s level %d effect %d owner %lld "
			    "live %d, want %s level %d effect %d owner %lld "
			    "live %d",
			    w->name, workflow_state_name(next.state),
			    next.level, (int)eff, (long long)next.owner,
			    next.live, workflow_state_name(w->state), w->level,
			    (int)w->effect, (long long)w->owner, w->live);
	}
	print_message("%zu table rows\n", i);
}

/* The actor kinds of the sweep. */
static const struct wf_actor actors[] = {
    ADMIN,
    ADMOWN,
    EDITOR,
    OWNER,
    OWNREV,
    REV1,
    REV2,
    REV3,
    REVALL,
    NOBODY,
    BADBIT,
};
#define N_ACTORS (sizeof actors / sizeof actors[0])

/* Who approved the earlier levels of a round, one pattern each. */
static const int64_t approvers[][WF_LEVELS_MAX - 1] = {
    {R1, R2},               /* a reviewer per level */
    {RALL, RALL},           /* one reviewer of every level */
    {RALL, R2}, {ADM, ADM}, /* an admin, twice */
};
#define N_APPROVERS (sizeof approvers / sizeof approvers[0])

static const char *const comments[] = {
    NULL,
    "",
    " \t\r\n\xe3\x80\x80 ",
    fix,
};
#define N_COMMENTS (sizeof comments / sizeof comments[0])

/* Check one allowed result against the invariants of every result. */
static void
well_formed(const struct wf_item *cur, const struct wf_actor *a, int act,
    const struct wf_item *n, enum wf_effect e)
{
	int last = cur->state == WF_REVIEW && cur->level == cur->levels;
	int publishes = (act == WF_APPROVE && last) ||
	    (act == WF_SUBMIT && cur->levels == 0);
	int i;

	assert_true((unsigned)n->state <= WF_RETURNED);
	assert_int_equal(n->levels, cur->levels);
	if (n->state == WF_REVIEW) {
		assert_true(n->level >= 1 && n->level <= n->levels);
	} else {
		assert_int_equal(n->level, 0);
		for (i = 0; i < WF_LEVELS_MAX; i++)
			assert_int_equal(n->approved_by[i], 0);
	}
	assert_true(n->live == 0 || n->live == 1);
	/* Effects come from their actions only, and always from them. */
	assert_int_equal(e == WF_EFFECT_PUBLISH, publishes);
	assert_int_equal(e == WF_EFFECT_UNPUBLISH, act == WF_OFFLINE);
	if (e == WF_EFFECT_PUBLISH) {
		assert_int_equal(n->live, 1);
		assert_int_equal(n->state, WF_NONE);
		assert_int_equal(n->owner, 0);
	} else if (e == WF_EFFECT_UNPUBLISH)
		assert_int_equal(n->live, 0);
	else
		assert_int_equal(n->live, cur->live);
	/* Someone without rights is allowed nothing. */
	assert_true(a->admin || a->can_edit || (a->review & 0xe) ||
	    a->user_id == cur->owner);
}

/* How the sweep went: cases by refusal, and allowed cases by action. */
struct tally {
	size_t cases;
	size_t refused[WF_ESELF + 1];
	size_t allowed[WF_ACTION__COUNT];
};

#define SWEEP_ITEMS                                                            \
	(4 * (WF_LEVELS_MAX + 1) * (WF_LEVELS_MAX + 1) * 2 * 2 * N_APPROVERS)

/*
 * The i-th item of the sweep, counting through state, levels, level, live,
 * owner (0 or OWN) and approvers; 0 when that one is not well-formed or
 * repeats another (approvers where there are none), so that each
 * well-formed item comes up once.
 */
static int
sweep_item(size_t i, struct wf_item *it)
{
	size_t pattern = i % N_APPROVERS;
	int own, live, k, n, st;

	i /= N_APPROVERS;
	own = (int)(i % 2), i /= 2;
	live = (int)(i % 2), i /= 2;
	k = (int)(i % (WF_LEVELS_MAX + 1)), i /= WF_LEVELS_MAX + 1;
	n = (int)(i % (WF_LEVELS_MAX + 1)), i /= WF_LEVELS_MAX + 1;
	st = (int)i;
	if (st == WF_REVIEW ? k < 1 || k > n : k != 0)
		return 0;
	if (pattern != 0 && k < 2)
		return 0;
	memset(it, 0, sizeof *it);
	it->state = (enum wf_state)st;
	it->level = k;
	it->levels = n;
	it->live = live;
	it->owner = own ? OWN : 0;
	if (k >= 2)
		it->approved_by[0] = approvers[pattern][0];
	if (k >= 3)
		it->approved_by[1] = approvers[pattern][1];
	return 1;
}

/* Every action and comment of actor a on cur. */
static void
sweep_actor(
    const struct wf_item *cur, const struct wf_actor *a, struct tally *t)
{
	struct wf_item next;
	enum wf_effect eff;
	enum wf_refusal r;
	unsigned allowed = workflow_allowed(cur, a);
	size_t ci;
	int act;

	assert_int_equal(allowed >> WF_ACTION__COUNT, 0);
	for (act = 0; act < WF_ACTION__COUNT; act++)
		for (ci = 0; ci < N_COMMENTS; ci++) {
			r = apply_checked(
			    "sweep", cur, a, act, comments[ci], &next, &eff);
			t->cases++;
			t->refused[r]++;
			if (r == WF_OK) {
				well_formed(cur, a, act, &next, eff);
				t->allowed[act]++;
			}
			/* The buttons say what a press with a comment
			 * does. */
			if (comments[ci] == fix)
				assert_int_equal(
				    r == WF_OK, allowed >> act & 1);
		}
}

static void
test_sweep(void **state)
{
	struct wf_item cur;
	struct tally t;
	size_t i, j, items = 0;

	(void)state;
	memset(&t, 0, sizeof t);
	for (i = 0; i < SWEEP_ITEMS; i++) {
		if (!sweep_item(i, &cur))
			continue;
		items++;
		for (j = 0; j < N_ACTORS; j++)
			sweep_actor(&cur, &actors[j], &t);
	}
	/* 18 (state, levels, level) x live x owner, and the approvers of
	 * the 3 review items at level 2 or 3. */
	assert_int_equal(items, (18 + 3 * (N_APPROVERS - 1)) * 2 * 2);
	/* Every action was allowed somewhere, every refusal was seen. */
	for (i = 0; i < WF_ACTION__COUNT; i++)
		assert_true(t.allowed[i] > 0);
	for (i = 0; i <= WF_ESELF; i++)
		assert_true(t.refused[i] > 0);
	print_message("%zu sweep cases (%zu items x %zu actors x %d actions "
	              "x %zu comments): %zu allowed, %zu EPERM, %zu ESTATE, "
	              "%zu ECOMMENT, %zu ESELF\n",
	    t.cases, items, N_ACTORS, WF_ACTION__COUNT, N_COMMENTS,
	    t.refused[WF_OK], t.refused[WF_EPERM], t.refused[WF_ESTATE],
	    t.refused[WF_ECOMMENT], t.refused[WF_ESELF]);
}

/* Malformed items and actions: refused, nothing written, no buttons. */
static void
test_malformed(void **state)
{
	static const struct wf_item bad[] = {
	    ITEM(WF_NONE, 0, -1, 1, 0, 0, 0),
	    ITEM(WF_NONE, 0, 4, 1, 0, 0, 0),
	    ITEM(WF_DRAFT, 0, 100, 1, OWN, 0, 0),
	    ITEM(WF_DRAFT, 0, -2147483647 - 1, 1, OWN, 0, 0),
	    ITEM(WF_NONE, 1, 1, 1, 0, 0, 0),
	    ITEM(WF_DRAFT, -1, 2, 1, OWN, 0, 0),
	    ITEM(WF_RETURNED, 2, 3, 1, OWN, 0, 0),
	    ITEM(WF_REVIEW, 0, 1, 1, OWN, 0, 0),
	    ITEM(WF_REVIEW, -1, 3, 1, OWN, 0, 0),
	    ITEM(WF_REVIEW, 2, 1, 1, OWN, R1, 0),
	    ITEM(WF_REVIEW, 4, 3, 1, OWN, R1, R2),
	    ITEM(WF_REVIEW, 1, 0, 1, OWN, 0, 0),
	    ITEM(WF_REVIEW, 4, 4, 1, OWN, R1, R2),
	    ITEM((enum wf_state)4, 0, 1, 1, OWN, 0, 0),
	    ITEM((enum wf_state) - 1, 0, 1, 1, OWN, 0, 0),
	};
	static const struct wf_item good = NONE(1, 1);
	static const int bad_acts[] = {-1, WF_ACTION__COUNT, 1000};
	struct wf_item next;
	enum wf_effect eff;
	size_t i, j, ci, cases = 0;
	int act;

	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++)
		for (j = 0; j < N_ACTORS; j++) {
			assert_int_equal(
			    workflow_allowed(&bad[i], &actors[j]), 0);
			for (act = -1; act <= WF_ACTION__COUNT; act++)
				for (ci = 0; ci < N_COMMENTS; ci++) {
					assert_int_equal(
					    apply_checked("malformed", &bad[i],
					        &actors[j], act, comments[ci],
					        &next, &eff),
					    WF_ESTATE);
					cases++;
				}
		}
	for (i = 0; i < sizeof bad_acts / sizeof bad_acts[0]; i++)
		for (j = 0; j < N_ACTORS; j++) {
			assert_int_equal(
			    apply_checked("bad action", &good, &actors[j],
			        bad_acts[i], fix, &next, &eff),
			    WF_ESTATE);
			cases++;
		}
	print_message("%zu malformed cases\n", cases);
}

/* A few buttons spelled out, so the sweep's agreement is not vacuous. */
static void
test_allowed(void **state)
{
	static const struct wf_item review1 = REVIEW(1, 2, 1, OWN, 0, 0);
	static const struct wf_item draft = DRAFT(2, 1, OWN);
	static const struct wf_item none = NONE(0, 0);
	static const struct wf_actor rev1 = REV1;
	static const struct wf_actor owner = OWNER;
	static const struct wf_actor editor = EDITOR;
	static const struct wf_actor admin = ADMIN;
	static const struct wf_actor nobody = NOBODY;
	static const struct wf_actor ownrev = OWNREV;
#define B(x) (1u << (x))

	(void)state;
	assert_int_equal(workflow_allowed(&review1, &rev1),
	    B(WF_APPROVE) | B(WF_RETURN) | B(WF_OFFLINE));
	assert_int_equal(workflow_allowed(&review1, &owner), B(WF_WITHDRAW));
	assert_int_equal(workflow_allowed(&review1, &ownrev),
	    B(WF_WITHDRAW) | B(WF_OFFLINE));
	assert_int_equal(workflow_allowed(&review1, &admin),
	    B(WF_WITHDRAW) | B(WF_APPROVE) | B(WF_RETURN) | B(WF_OFFLINE));
	assert_int_equal(workflow_allowed(&draft, &owner),
	    B(WF_EDIT) | B(WF_SUBMIT) | B(WF_DISCARD));
	assert_int_equal(
	    workflow_allowed(&draft, &editor), B(WF_EDIT) | B(WF_SUBMIT));
	assert_int_equal(
	    workflow_allowed(&none, &editor), B(WF_EDIT) | B(WF_SUBMIT));
	assert_int_equal(workflow_allowed(&none, &nobody), 0);
#undef B
}

/* Apply act in place (next is cur), which must be allowed. */
static enum wf_effect
step(struct wf_item *it, struct wf_actor a, enum wf_action act,
    const char *comment)
{
	enum wf_effect eff;
	enum wf_refusal r;

	r = workflow_apply(it, &a, act, comment, it, &eff);
	if (r != WF_OK)
		fail_msg("%s: %s", workflow_action_name(act),
		    workflow_refusal_text(r, act));
	return eff;
}

/* One article's life in a channel with 3 levels, updated in place. */
static void
test_story(void **state)
{
	struct wf_item it = NONE(3, 0);
	struct wf_actor owner = OWNER, rev1 = REV1, rev3 = REV3;
	struct wf_actor revall = REVALL;
	enum wf_effect eff;

	(void)state;
	assert_int_equal(step(&it, owner, WF_EDIT, NULL), E0);
	assert_int_equal(step(&it, owner, WF_SUBMIT, NULL), E0);
	assert_int_equal(step(&it, rev1, WF_APPROVE, NULL), E0);
	assert_int_equal(it.level, 2);
	assert_int_equal(it.approved_by[0], R1);
	/* The reviewer of every level takes level 2, and may not take 3. */
	assert_int_equal(step(&it, revall, WF_APPROVE, NULL), E0);
	assert_int_equal(
	    workflow_apply(&it, &revall, WF_APPROVE, NULL, &it, &eff),
	    WF_ESELF);
	assert_int_equal(it.level, 3);
	assert_int_equal(step(&it, rev3, WF_APPROVE, NULL), PUB);
	assert_int_equal(it.state, WF_NONE);
	assert_int_equal(it.live, 1);

	/* A new version while the old one is live: returned, fixed,
	 * withdrawn, dropped. */
	assert_int_equal(step(&it, owner, WF_EDIT, NULL), E0);
	assert_int_equal(step(&it, owner, WF_SUBMIT, NULL), E0);
	assert_int_equal(step(&it, rev1, WF_RETURN, fix), E0);
	assert_int_equal(it.state, WF_RETURNED);
	assert_int_equal(it.owner, OWN);
	assert_int_equal(step(&it, owner, WF_EDIT, NULL), E0);
	assert_int_equal(step(&it, owner, WF_SUBMIT, NULL), E0);
	assert_int_equal(step(&it, owner, WF_WITHDRAW, NULL), E0);
	assert_int_equal(it.state, WF_DRAFT);
	assert_int_equal(step(&it, owner, WF_DISCARD, NULL), E0);
	assert_int_equal(it.state, WF_NONE);
	assert_int_equal(it.live, 1);

	/* Taken down, and sent up again as it is. */
	assert_int_equal(step(&it, revall, WF_OFFLINE, NULL), UNPUB);
	assert_int_equal(it.live, 0);
	assert_int_equal(step(&it, owner, WF_SUBMIT, NULL), E0);
	assert_int_equal(it.state, WF_REVIEW);
}

static void
test_names(void **state)
{
	static const char *const snames[] = {
	    "none", "draft", "review", "returned"};
	static const char *const anames[WF_ACTION__COUNT] = {"edit", "submit",
	    "withdraw", "approve", "return", "offline", "discard"};
	static const char *const unknown[] = {"", "unknown", "Edit", "edit ",
	    " edit", "EDIT", "approved", "none", "draft", "editx", "ed"};
	const char *s;
	int i, r;

	(void)state;
	for (i = 0; i < 4; i++)
		assert_string_equal(
		    workflow_state_name((enum wf_state)i), snames[i]);
	assert_non_null(workflow_state_name((enum wf_state)4));
	assert_non_null(workflow_state_name((enum wf_state) - 1));
	for (i = 0; i < WF_ACTION__COUNT; i++) {
		assert_string_equal(
		    workflow_action_name((enum wf_action)i), anames[i]);
		assert_int_equal(workflow_action_parse(
		                     workflow_action_name((enum wf_action)i)),
		    i);
	}
	assert_non_null(workflow_action_name(WF_ACTION__COUNT));
	assert_non_null(workflow_action_name((enum wf_action) - 1));
	assert_int_equal(
	    workflow_action_parse(workflow_action_name(WF_ACTION__COUNT)), -1);
	for (i = 0; i < (int)(sizeof unknown / sizeof unknown[0]); i++)
		assert_int_equal(workflow_action_parse(unknown[i]), -1);
	assert_int_equal(workflow_action_parse(NULL), -1);

	/* Every refusal has a sentence for every action, and more. */
	for (r = 0; r <= WF_ESELF + 1; r++)
		for (i = -1; i <= WF_ACTION__COUNT; i++) {
			s = workflow_refusal_text(
			    (enum wf_refusal)r, (enum wf_action)i);
			assert_non_null(s);
			assert_true(strlen(s) > 0);
		}
	assert_non_null(
	    strstr(workflow_refusal_text(WF_ECOMMENT, WF_RETURN), "comment"));
	assert_non_null(strstr(workflow_refusal_text(WF_ESTATE, WF_DISCARD),
	    "delete the article instead"));
	assert_non_null(
	    strstr(workflow_refusal_text(WF_ESTATE, WF_EDIT), "withdraw"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table),
	    cmocka_unit_test(test_sweep),
	    cmocka_unit_test(test_malformed),
	    cmocka_unit_test(test_allowed),
	    cmocka_unit_test(test_story),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests_name("workflow", tests, NULL, NULL);
}
