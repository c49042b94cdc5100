/*
 * Unit tests for workflow: the review rules (2 of 2).
 *
 *  - a sweep over every well-formed item, actor kind, action and comment,
 *    checking invariants (a refusal writes nothing, results are
 *    well-formed, effects come only from their actions, the buttons agree
 *    with the rules) and comparing every answer with model()
 *    (workflow_model.h), so that a rule changed in workflow.c and not
 *    there fails;
 *  - malformed items and actions.
 */
#include "workflow_model.h"

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

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_sweep),
	    cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests_name("workflow sweep", tests, NULL,
	    NULL);
}
