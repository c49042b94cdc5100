/*
 * fuzz_tokenize: libFuzzer target for the search tokenizer.
 *
 * The input is tokenized in document and in query mode.  Either way every
 * token must be 1..TOKENIZE_MAX bytes of valid UTF-8 with offsets inside
 * the input, the first token must not be colocated, a colocated token
 * must start where the one before it does, the others strictly later (and
 * in document mode after the previous one ended), and a second run must
 * give the same stream.  Query mode must take the same positions as
 * document mode with each query token among the document's tokens at its
 * position: a text always matches itself.
 *
 * tokenize_query() must then return GZ_OK or GZ_EINVAL, and its output
 * must be valid UTF-8 made of at most TOKENIZE_QUERY_TERMS double-quoted
 * strings joined by " AND ".  Last, end to end in SQLite: with the input
 * as the only row of an FTS5 table using the tokenizer, the expression
 * must parse and find that row, and highlight() must only add markers
 * around the text.  Any violation aborts.
 *
 *   make fuzz && build/fuzz/fuzz_tokenize -max_total_time=60 \
 *       fuzz/corpus/tokenize
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "buf.h"
#include "tokenize.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(why) do { \
	fprintf(stderr, "fuzz_tokenize: %s\n", why); \
	abort(); \
} while (0)

struct token {
	int flags, start, end, len, pos;
	char tok[TOKENIZE_MAX];
};

struct stream {
	struct token *t;
	size_t n, cap;
	size_t text_len;
	int pos;        /* positions so far */
	int last_start; /* of the last token not colocated */
	int last_end;
	int document;
};

static int
record(void *arg, int flags, const char *tok, int len, int start, int end)
{
	struct stream *s = arg;
	struct token *t;

	if (len < 1 || len > TOKENIZE_MAX)
		fail("token length");
	if (!utf8_valid(tok, (size_t)len, NULL))
		fail("token not UTF-8");
	if (start < 0 || start >= end || (size_t)end > s->text_len)
		fail("offsets outside the text");
	if (flags & ~TOKENIZE_COLOCATED)
		fail("unknown flag");
	if (flags & TOKENIZE_COLOCATED) {
		if (s->n == 0)
			fail("first token colocated");
		if (start != s->last_start)
			fail("colocated token elsewhere");
	} else {
		if (s->n > 0 && start <= s->last_start)
			fail("offsets not increasing");
		if (s->document && s->n > 0 && start < s->last_end)
			fail("document tokens overlap");
		s->last_start = start;
		s->last_end = end;
		s->pos++;
	}
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 64;
		if ((s->t = realloc(s->t, s->cap * sizeof *s->t)) == NULL)
			abort();
	}
	t = &s->t[s->n++];
	t->flags = flags;
	t->start = start;
	t->end = end;
	t->len = len;
	t->pos = s->pos - 1;
	memcpy(t->tok, tok, (size_t)len);
	return 0;
}

static void
run(const char *text, size_t n, int query, struct stream *s)
{
	memset(s, 0, sizeof *s);
	s->text_len = n;
	s->document = !query;
	if (tokenize_text(text, n, query, record, s) != GZ_OK)
		fail("tokenize_text failed");
}

static int
same(const struct stream *a, const struct stream *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++) {
		const struct token *x = &a->t[i], *y = &b->t[i];
		if (x->flags != y->flags || x->start != y->start ||
		    x->end != y->end || x->len != y->len ||
		    memcmp(x->tok, y->tok, (size_t)x->len) != 0)
			return 0;
	}
	return 1;
}

/* Every query token is among the document's tokens at its position. */
static void
check_self_match(const struct stream *d, const struct stream *q)
{
	size_t i, j = 0;

	if (d->pos != q->pos)
		fail("query and document positions differ");
	for (i = 0; i < q->n; i++) {
		const struct token *t = &q->t[i];
		int found = 0;

		if (t->flags)
			fail("colocated token in query mode");
		while (j < d->n && d->t[j].pos < t->pos)
			j++;
		for (size_t k = j; k < d->n && d->t[k].pos == t->pos; k++)
			if (d->t[k].len == t->len &&
			    memcmp(d->t[k].tok, t->tok, (size_t)t->len) == 0)
				found = 1;
		if (!found)
			fail("query token not in the document");
	}
}

/* "..." AND "..." with "" inside; returns the number of terms. */
static int
check_expression(const char *e, size_t n)
{
	size_t i = 0;
	int terms = 0;

	if (!utf8_valid(e, n, NULL) || memchr(e, '\0', n))
		fail("expression not UTF-8");
	while (i < n) {
		if (terms > 0) {
			if (n - i < 5 || memcmp(e + i, " AND ", 5) != 0)
				fail("terms not joined by AND");
			i += 5;
		}
		if (i >= n || e[i++] != '"')
			fail("term not quoted");
		for (;;) {
			if (i >= n)
				fail("unbalanced quote");
			if (e[i] == '"') {
				if (i + 1 < n && e[i + 1] == '"') {
					i += 2;
					continue;
				}
				i++;
				break;
			}
			i++;
		}
		terms++;
	}
	if (terms < 1 || terms > TOKENIZE_QUERY_TERMS)
		fail("number of terms");
	return terms;
}

static sqlite3 *db;

static void
db_close(void)
{
	sqlite3_close(db);
}

static void
db_check(const char *text, size_t n, const struct buf *expr)
{
	sqlite3_stmt *st;
	const unsigned char *h;
	size_t i, k = 0;
	int depth = 0;

	if (db == NULL) {
		if (sqlite3_open(":memory:", &db) != SQLITE_OK ||
		    tokenize_register(db) != GZ_OK ||
		    sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING fts5(x, "
		    "tokenize='gazette')", NULL, NULL, NULL) != SQLITE_OK)
			fail("cannot set up SQLite");
		atexit(db_close);
	}
	if (sqlite3_exec(db, "DELETE FROM t", NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO t(rowid, x) VALUES (1, ?)", -1,
	    &st, NULL) != SQLITE_OK)
		fail("cannot reset the table");
	sqlite3_bind_text(st, 1, text, (int)n, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_DONE)
		fail("insert failed");
	sqlite3_finalize(st);
	if (sqlite3_prepare_v2(db, "SELECT highlight(t, 0, char(1), char(2)) "
	    "FROM t WHERE t MATCH ?", -1, &st, NULL) != SQLITE_OK)
		fail("cannot prepare the query");
	sqlite3_bind_text(st, 1, expr->data, (int)expr->len, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		fprintf(stderr, "MATCH %s: %s\n", buf_cstr(expr),
		    sqlite3_errmsg(db));
		fail("the text does not match itself");
	}
	/* highlight() stops at a NUL; markers only where none are. */
	h = sqlite3_column_text(st, 0);
	if (h != NULL && memchr(text, '\0', n) == NULL &&
	    memchr(text, 1, n) == NULL && memchr(text, 2, n) == NULL) {
		for (i = 0; h[i]; i++) {
			if (h[i] == 1 || h[i] == 2) {
				if ((h[i] == 1) != (depth == 0))
					fail("highlight markers unbalanced");
				depth = h[i] == 1;
				continue;
			}
			if (k >= n || (unsigned char)text[k++] != h[i])
				fail("highlight changed the text");
		}
		if (k != n || depth != 0)
			fail("highlight lost text");
	}
	if (sqlite3_step(st) != SQLITE_DONE)
		fail("more than one row");
	sqlite3_finalize(st);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	struct stream d, d2, q, q2;
	struct buf expr = BUF_INIT;
	char *cstr;
	int rc;

	if (size > 1 << 16)
		return 0;
	run(text, size, 0, &d);
	run(text, size, 0, &d2);
	run(text, size, 1, &q);
	run(text, size, 1, &q2);
	if (!same(&d, &d2) || !same(&q, &q2))
		fail("not deterministic");
	check_self_match(&d, &q);

	if ((cstr = malloc(size + 1)) == NULL)
		abort();
	memcpy(cstr, data, size);
	cstr[size] = '\0';
	rc = tokenize_query(cstr, &expr);
	if (rc == GZ_OK) {
		check_expression(expr.data, expr.len);
		db_check(text, size, &expr);
	} else if (rc != GZ_EINVAL || expr.len != 0) {
		fail("tokenize_query failed");
	}
	free(cstr);
	buf_free(&expr);
	free(d.t);
	free(d2.t);
	free(q.t);
	free(q2.t);
	return 0;
}
