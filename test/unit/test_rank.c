/*
 * Unit tests for gazette_bm25 (rank.h), against FTS5's own bm25():
 * with fewer articles per phrase than RANK_DF_EXACT the scores are
 * bm25()'s exactly; a query of one phrase ranks in bm25()'s order; and
 * where a phrase's count is estimated, the scores stay within 20%.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "unit.h"
#include "buf.h"
#include "rank.h"
#include "tokenize.h"

static const char *const words[] = {
	"alpha", "beta", "gamma", "delta", "会议", "科技", "协会", "开幕",
	"report", "health",
};
#define NWORDS (sizeof words / sizeof words[0])

/* A table t of n documents; word w is in a document with a chance that
 * falls with w, several times in some; always the same ones. */
static sqlite3 *
corpus(int n)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct buf title = BUF_INIT, body = BUF_INIT;
	unsigned seed = 12345;
	int i, k;
	size_t w;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(tokenize_register(db), GZ_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING "
	    "fts5(title, body, tokenize='gazette'); BEGIN", NULL, NULL, NULL),
	    SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, "
	    "body) VALUES (?, ?, ?)", -1, &st, NULL), SQLITE_OK);
	for (i = 1; i <= n; i++) {
		buf_reset(&title);
		buf_reset(&body);
		for (w = 0; w < NWORDS; w++) {
			seed = seed * 1103515245u + 12345u;
			if ((seed >> 16) % (w + 2) != 0)
				continue;
			for (k = 0; k <= (int)((seed >> 8) % 3); k++)
				buf_printf(&body, "%s filler text ", words[w]);
			if ((seed >> 4) % 5 == 0)
				buf_printf(&title, "%s ", words[w]);
		}
		buf_puts(&title, "title");
		buf_puts(&body, "end");
		sqlite3_bind_int64(st, 1, i);
		sqlite3_bind_text(st, 2, buf_cstr(&title), -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(st, 3, buf_cstr(&body), -1, SQLITE_TRANSIENT);
		assert_int_equal(sqlite3_step(st), SQLITE_DONE);
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL),
	    SQLITE_OK);
	buf_free(&title);
	buf_free(&body);
	return db;
}

struct scored {
	int64_t rowid;
	double ours, theirs;
};

/* Every match of q with both scores, in rowid order; the count. */
static int
score_all(sqlite3 *db, const char *q, struct scored *out, int max)
{
	struct buf e = BUF_INIT;
	sqlite3_stmt *st;
	int n = 0, rc;

	assert_int_equal(tokenize_query(q, &e), GZ_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid, "
	    "gazette_bm25(t, 4.0, 1.0), bm25(t, 4.0, 1.0) FROM t WHERE t "
	    "MATCH ? ORDER BY rowid", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, buf_cstr(&e), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		assert_true(n < max);
		out[n].rowid = sqlite3_column_int64(st, 0);
		out[n].ours = sqlite3_column_double(st, 1);
		out[n].theirs = sqlite3_column_double(st, 2);
		n++;
	}
	assert_int_equal(rc, SQLITE_DONE);
	sqlite3_finalize(st);
	buf_free(&e);
	return n;
}

/* Every pair of rows is ordered alike by both scores (ties aside). */
static void
same_order(const struct scored *s, int n, const char *q)
{
	int i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			double a = s[i].ours - s[j].ours;
			double b = s[i].theirs - s[j].theirs;
			if (fabs(a) < 1e-12 || fabs(b) < 1e-12)
				continue;
			if ((a < 0) != (b < 0))
				fail_msg("%s: rows %lld and %lld ordered "
				    "differently", q, (long long)s[i].rowid,
				    (long long)s[j].rowid);
		}
}

static void
test_exact_when_counted(void **state)
{
	static const char *const qs[] = {"alpha beta", "会议 gamma",
	    "科技 report health", "协会 delta"};
	struct scored *s = calloc(400, sizeof *s);
	sqlite3 *db = corpus(400);
	size_t k;
	int i, n;

	(void)state;
	for (k = 0; k < sizeof qs / sizeof qs[0]; k++) {
		n = score_all(db, qs[k], s, 400);
		if (n == 0)
			fail_msg("%s: nothing found", qs[k]);
		for (i = 0; i < n; i++)
			if (fabs(s[i].ours - s[i].theirs) >
			    1e-9 * fabs(s[i].theirs))
				fail_msg("%s: row %lld: %.12g, bm25 %.12g",
				    qs[k], (long long)s[i].rowid, s[i].ours,
				    s[i].theirs);
	}
	sqlite3_close(db);
	free(s);
}

static void
test_one_phrase_same_order(void **state)
{
	static const char *const qs[] = {"alpha", "会议", "health",
	    "科技"};
	struct scored *s = calloc(400, sizeof *s);
	sqlite3 *db = corpus(400);
	size_t k;
	int n;

	(void)state;
	for (k = 0; k < sizeof qs / sizeof qs[0]; k++) {
		n = score_all(db, qs[k], s, 400);
		if (n < 2)
			fail_msg("%s: %d found", qs[k], n);
		same_order(s, n, qs[k]);
	}
	sqlite3_close(db);
	free(s);
}

static void
test_estimated_close(void **state)
{
	static const char *const qs[] = {"alpha beta", "alpha delta",
	    "beta report"};
	struct scored *s = calloc(3000, sizeof *s);
	sqlite3 *db = corpus(3000);
	size_t k;
	int i, n;

	(void)state;
	for (k = 0; k < sizeof qs / sizeof qs[0]; k++) {
		/* "alpha" is in about half of the documents, "beta" in a
		 * third: their counts stop at RANK_DF_EXACT and are
		 * estimated, which changes a score by up to a fifth (without the
		 * estimate, by more than twice). */
		n = score_all(db, qs[k], s, 3000);
		if (n == 0)
			fail_msg("%s: nothing found", qs[k]);
		for (i = 0; i < n; i++)
			if (fabs(s[i].ours - s[i].theirs) >
			    0.2 * fabs(s[i].theirs))
				fail_msg("%s: row %lld: %.6g, bm25 %.6g",
				    qs[k], (long long)s[i].rowid, s[i].ours,
				    s[i].theirs);
	}
	sqlite3_close(db);
	free(s);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exact_when_counted),
		cmocka_unit_test(test_one_phrase_same_order),
		cmocka_unit_test(test_estimated_close),
	};
	return cmocka_run_group_tests_name("rank", tests, NULL, NULL);
}
