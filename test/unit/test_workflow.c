/*
 * Unit tests for workflow: the review rules (1 of 2).
 *
 *  - a table of explicit cases, allowed and refused, for every action,
 *    state, number of levels and kind of refusal, each also compared
 *    with model() (workflow_model.h), a second statement of the rules;
 *  - which buttons show, one article's story, the names and sentences.
 *
 * test_workflow_sweep.c sweeps every well-formed and malformed item.
 */
#include "workflow_model.h"

/* clang-format off */
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
	    cmocka_unit_test(test_allowed),
	    cmocka_unit_test(test_story),
	    cmocka_unit_test(test_names),
	};
	return cmocka_run_group_tests_name("workflow", tests, NULL, NULL);
}
