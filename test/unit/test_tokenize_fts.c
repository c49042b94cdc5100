/*
 * Unit tests for the tokenizer inside SQLite's FTS5, the promise of site
 * search: over a few hundred generated mixed documents, the rows FTS5
 * finds for a query are exactly those a plain scan finds (Chinese:
 * substring of the title or body; Latin: whole word after folding), and
 * highlight() marks exactly the matched characters.  Token streams are
 * tested in test_tokenize.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "unit.h"
#include "buf.h"
#include "tokenize.h"

/* An in-memory database with the tokenizer and t(title, body). */
static sqlite3 *
db_open(void)
{
	sqlite3 *db;

	assert_int_equal(sqlite3_open(":memory:", &db), SQLITE_OK);
	assert_int_equal(tokenize_register(db), GZ_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE t USING "
	    "fts5(title, body, tokenize='gazette')", NULL, NULL, NULL),
	    SQLITE_OK);
	return db;
}

static void
db_insert(sqlite3 *db, int64_t rowid, const char *title, const char *body)
{
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_prepare_v2(db, "INSERT INTO t(rowid, title, "
	    "body) VALUES (?, ?, ?)", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_int64(st, 1, rowid);
	sqlite3_bind_text(st, 2, title, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, body, -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
}

/* The rowids (below 64) t MATCH tokenize_query(q) finds, as bits. */
static uint64_t
db_match(sqlite3 *db, const char *q)
{
	struct buf e = BUF_INIT;
	sqlite3_stmt *st;
	uint64_t found = 0;
	int rc;

	assert_int_equal(tokenize_query(q, &e), GZ_OK);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t "
	    "MATCH ?", -1, &st, NULL), SQLITE_OK);
	sqlite3_bind_text(st, 1, buf_cstr(&e), -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		found |= 1ull << sqlite3_column_int64(st, 0);
	if (rc != SQLITE_DONE)
		fail_msg("MATCH %s: %s", buf_cstr(&e), sqlite3_errmsg(db));
	sqlite3_finalize(st);
	buf_free(&e);
	return found;
}

static void
test_register(void **state)
{
	sqlite3 *db = db_open();
	char *err = NULL;

	/* The tokenizer takes no options. */
	assert_int_not_equal(sqlite3_exec(db, "CREATE VIRTUAL TABLE u USING "
	    "fts5(x, tokenize='gazette extra')", NULL, NULL, &err), SQLITE_OK);
	sqlite3_free(err);
	db_insert(db, 1, "标题", "全文");
	assert_int_equal(db_match(db, "标题"), 1u << 1);
	/* Every hostile query is a valid expression. */
	assert_int_equal(db_match(db, "NEAR(a b) \"x title:y *^ -z"), 0);
	assert_int_equal(db_match(db, "{title}: OR NOT 全文"), 0);
	assert_int_equal(db_match(db, "全文"), 1u << 1);
	sqlite3_close(db);
}

/* Terms with separators inside are phrases of their pieces. */
static void
test_phrases(void **state)
{
	sqlite3 *db = db_open();

	db_insert(db, 1, "", "经济增长GDP数据");
	db_insert(db, 2, "", "增长 GDP");
	db_insert(db, 3, "", "增长了GDP");
	db_insert(db, 4, "", "中国，人民");
	db_insert(db, 5, "", "中国人民");
	db_insert(db, 6, "", "甲乙，乙丙");  /* has 甲乙 and 乙丙, not 甲乙丙 */
	db_insert(db, 7, "", "e-mail and email");
	assert_int_equal(db_match(db, "增长GDP"), 1u << 1 | 1u << 2);
	assert_int_equal(db_match(db, "中国，人民"), 1u << 4 | 1u << 5);
	assert_int_equal(db_match(db, "甲乙丙"), 0);
	assert_int_equal(db_match(db, "甲乙，乙丙"), 1u << 6);
	assert_int_equal(db_match(db, "乙丙"), 1u << 6);
	assert_int_equal(db_match(db, "e-mail"), 1u << 7);
	assert_int_equal(db_match(db, "mail"), 1u << 7);
	sqlite3_close(db);
}

/* The value of a one-row, one-column SELECT with ?1 = q's expression. */
static char *
db_text(sqlite3 *db, const char *sql, const char *q)
{
	struct buf e = BUF_INIT;
	sqlite3_stmt *st;
	char *s;

	assert_int_equal(tokenize_query(q, &e), GZ_OK);
	assert_int_equal(sqlite3_prepare_v2(db, sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_bind_text(st, 1, buf_cstr(&e), -1, SQLITE_STATIC);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	s = strdup((const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	buf_free(&e);
	return s;
}

static void
highlight_is(sqlite3 *db, const char *q, const char *want)
{
	char *got = db_text(db, "SELECT highlight(t, 1, '[', ']') FROM t "
	    "WHERE t MATCH ?1", q);

	if (strcmp(got, want) != 0)
		fail_msg("highlight for %s:\n got  %s\n want %s", q, got, want);
	free(got);
}

static void
test_highlight(void **state)
{
	sqlite3 *db = db_open();
	char *s;

	db_insert(db, 1, "科协年会", "2024年中国科协年会在北京召开。"
	    "Café Society met at the CAFE, not the cafeteria.");
	highlight_is(db, "科协年",
	    "2024年中国[科协年]会在北京召开。Café Society met at the CAFE, "
	    "not the cafeteria.");
	highlight_is(db, "中", "2024年[中]国科协年会在北京召开。Café Society "
	    "met at the CAFE, not the cafeteria.");
	highlight_is(db, "会在北京召开", "2024年中国科协年[会在北京召开]。"
	    "Café Society met at the CAFE, not the cafeteria.");
	highlight_is(db, "cafe", "2024年中国科协年会在北京召开。[Café] Society "
	    "met at the [CAFE], not the cafeteria.");
	highlight_is(db, "年会 society", "2024年中国科协[年会]在北京召开。Café "
	    "[Society] met at the CAFE, not the cafeteria.");
	s = db_text(db, "SELECT snippet(t, 1, '[', ']', '...', 6) FROM t "
	    "WHERE t MATCH ?1", "北京");
	if (strstr(s, "[北京]") == NULL || strstr(s, "[北京]召") == NULL)
		fail_msg("snippet: %s", s);
	free(s);
	s = db_text(db, "SELECT snippet(t, 0, '<', '>', '...', 4) FROM t "
	    "WHERE t MATCH ?1", "协年");
	assert_string_equal(s, "科<协年>会");
	free(s);
	sqlite3_close(db);
}

/* ---- The property test. ---- */

#define NDOCS 300

/* A small alphabet, so that substrings repeat across documents. */
static const char *const han[] = {
	"的", "一", "是", "在", "不", "了", "有", "和", "人", "这",
	"中", "大", "为", "上", "个", "国", "我", "以", "要", "他",
	"会", "年", "科", "协", "学", "技", "新", "闻", "动", "态",
	"京", "北", "开", "发", "展", "工", "作", "议", "市", "区",
};
#define NHAN (int)(sizeof han / sizeof han[0])

/* English words: spellings of each folded form. */
static const char *const words[][5] = {
	{"cafe", "café", "Café", "CAFÉ", "Cafe"},
	{"resume", "résumé", "Résumé", "RESUME", "resume"},
	{"naive", "naïve", "NAÏVE", "Naive", "naive"},
	{"strasse", "Straße", "STRASSE", "straße", "Strasse"},
	{"oresund", "Øresund", "øresund", "ORESUND", "Oresund"},
	{"lodz", "Łódź", "łódź", "LODZ", "Lodz"},
	{"angstrom", "Ångström", "ångström", "ANGSTRÖM", "Angstrom"},
	{"uber", "über", "Über", "UBER", "Uber"},
	{"senor", "señor", "Señor", "SEÑOR", "senor"},
	{"science", "Science", "SCIENCE", "science", "sCience"},
	{"meeting", "Meeting", "meeting", "MEETING", "meeting"},
	{"branch", "Branch", "branch", "BRANCH", "branch"},
	{"news", "News", "NEWS", "news", "news"},
	{"annual", "Annual", "annual", "ANNUAL", "annual"},
	{"gdp", "GDP", "gdp", "Gdp", "ＧＤＰ"},
	{"2024", "2024", "２０２４", "2024", "2024"},
	{"москва", "Москва", "МОСКВА", "москва", "Москва"},
	{"σοφοσ", "σοφός", "ΣΟΦΟΣ", "Σοφός", "σοφος"},
	{"cafes", "cafés", "Cafés", "CAFES", "cafes"},
	{"art", "Art", "ART", "art", "art"},
};
#define NWORDS (int)(sizeof words / sizeof words[0])

static const char *const seps[] = {
	"", " ", " ", "，", "。", ", ", ". ", "、", "“", "”", "(", ")", "-",
	"'", "：", "\n", "! ", "・", "\xe3\x80\x80",
};
#define NSEPS (int)(sizeof seps / sizeof seps[0])

/* The test's own folding, written apart from the tokenizer's, for the
 * letters the generator uses. */
static const char *const fold_pairs[][2] = {
	{"é", "e"}, {"É", "e"}, {"ï", "i"}, {"Ï", "i"}, {"ß", "ss"},
	{"Ø", "o"}, {"ø", "o"}, {"Ł", "l"}, {"ł", "l"}, {"ó", "o"},
	{"ź", "z"}, {"Å", "a"}, {"å", "a"}, {"ö", "o"}, {"Ö", "o"},
	{"ü", "u"}, {"Ü", "u"}, {"ñ", "n"}, {"Ñ", "n"},
	{"Ｇ", "g"}, {"Ｄ", "d"}, {"Ｐ", "p"}, {"０", "0"}, {"２", "2"},
	{"４", "4"}, {"М", "м"}, {"О", "о"}, {"С", "с"}, {"К", "к"},
	{"В", "в"}, {"А", "а"}, {"м", "м"}, {"о", "о"}, {"с", "с"},
	{"к", "к"}, {"в", "в"}, {"а", "а"}, {"Σ", "σ"}, {"σ", "σ"},
	{"ς", "σ"}, {"Ο", "ο"}, {"ο", "ο"}, {"Φ", "φ"}, {"φ", "φ"},
	{"ό", "ο"},
};

/* Fold s for the plain scan: words lowercased and stripped, everything
 * else one space, and a space at each end. */
static void
scan_fold(const char *s, struct buf *out)
{
	size_t i, k;

	buf_reset(out);
	buf_putc(out, ' ');
	while (*s) {
		unsigned char c = (unsigned char)*s;

		if (c < 0x80) {
			if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z'))
				buf_putc(out, c);
			else if (c >= 'A' && c <= 'Z')
				buf_putc(out, c + 32);
			else
				buf_putc(out, ' ');
			s++;
			continue;
		}
		for (k = 0; k < sizeof fold_pairs / sizeof fold_pairs[0]; k++) {
			size_t n = strlen(fold_pairs[k][0]);
			if (strncmp(s, fold_pairs[k][0], n) == 0) {
				buf_puts(out, fold_pairs[k][1]);
				s += n;
				break;
			}
		}
		if (k < sizeof fold_pairs / sizeof fold_pairs[0])
			continue;
		buf_putc(out, ' '); /* Han, punctuation */
		for (i = 1; (s[i] & 0xc0) == 0x80; i++)
			;
		s += i;
	}
	buf_putc(out, ' ');
}

struct doc {
	struct buf title, body;     /* as stored */
	struct buf ftitle, fbody;   /* scan_fold()ed */
};

/* xorshift64*: fixed seed, the same documents every run. */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

static unsigned
rnd(unsigned n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (unsigned)((rng_state * 0x2545f4914f6cdd1dull) >> 33) % n;
}

static void
gen_text(struct buf *b, int pieces)
{
	int i, j;

	for (i = 0; i < pieces; i++) {
		if (i > 0)
			buf_puts(b, seps[rnd(NSEPS)]);
		if (rnd(100) < 55) {
			int n = 1 + (int)rnd(8);
			for (j = 0; j < n; j++)
				buf_puts(b, han[rnd(NHAN)]);
		} else {
			buf_puts(b, words[rnd(NWORDS)][rnd(5)]);
		}
	}
}

/* A Han substring of 1..4 characters cut from a random document. */
static void
gen_cut(struct doc *docs, struct buf *q)
{
	for (;;) {
		const struct buf *b = rnd(4) ? &docs[rnd(NDOCS)].body :
		    &docs[rnd(NDOCS)].title;
		size_t at = rnd((unsigned)b->len), end;
		int want = 1 + (int)rnd(4), n = 0;

		/* Back to a character start; need a Han character. */
		while (at > 0 && (b->data[at] & 0xc0) == 0x80)
			at--;
		if ((unsigned char)b->data[at] < 0xe4 ||
		    (unsigned char)b->data[at] > 0xe9)
			continue;
		for (end = at; n < want && end + 3 <= b->len &&
		    (unsigned char)b->data[end] >= 0xe4 &&
		    (unsigned char)b->data[end] <= 0xe9; end += 3)
			n++;
		buf_reset(q);
		buf_put(q, b->data + at, end - at);
		return;
	}
}

/* One query (terms joined with a space) and its expected rows. */
static void
gen_query(struct doc *docs, struct buf *q, unsigned char *want)
{
	struct buf term = BUF_INIT, pat = BUF_INIT;
	int t, nterms = rnd(5) == 0 ? 2 : 1, d, i;
	unsigned r;

	memset(want, 1, NDOCS);
	buf_reset(q);
	for (t = 0; t < nterms; t++) {
		buf_reset(&term);
		r = rnd(100);
		if (r < 45) {
			gen_cut(docs, &term);
		} else if (r < 60) {
			int n = 1 + (int)rnd(4);
			for (i = 0; i < n; i++)
				buf_puts(&term,
				    rnd(30) ? han[rnd(NHAN)] : "龘");
		} else if (r < 92) {
			/* A spelling, with some ASCII letters' case flipped. */
			buf_puts(&term, words[rnd(NWORDS)][rnd(5)]);
			for (i = 0; i < (int)term.len; i++)
				if (((term.data[i] | 32) >= 'a' &&
				    (term.data[i] | 32) <= 'z') && rnd(3) == 0)
					term.data[i] ^= 32;
		} else {
			static const char *const non[] = {"caf", "scien",
			    "meetings", "xyzzy", "ar", "2", "moskva", "new"};
			buf_puts(&term, non[rnd(8)]);
		}
		if (t > 0)
			buf_putc(q, ' ');
		buf_puts(q, buf_cstr(&term));
		/* The plain scan. */
		if (r < 60) {
			for (d = 0; d < NDOCS; d++)
				want[d] &= strstr(buf_cstr(&docs[d].title),
				    buf_cstr(&term)) != NULL ||
				    strstr(buf_cstr(&docs[d].body),
				    buf_cstr(&term)) != NULL;
		} else {
			scan_fold(buf_cstr(&term), &pat);
			for (d = 0; d < NDOCS; d++)
				want[d] &= strstr(buf_cstr(&docs[d].ftitle),
				    buf_cstr(&pat)) != NULL ||
				    strstr(buf_cstr(&docs[d].fbody),
				    buf_cstr(&pat)) != NULL;
		}
	}
	buf_free(&term);
	buf_free(&pat);
}

static void
test_property(void **state)
{
	static struct doc docs[NDOCS];
	struct buf q = BUF_INIT, e = BUF_INIT;
	unsigned char want[NDOCS], got[NDOCS];
	int d, i, hits = 0, empty = 0, partial = 0;
	sqlite3 *db = db_open();
	sqlite3_stmt *st;

	assert_int_equal(sqlite3_exec(db, "BEGIN", NULL, NULL, NULL), 0);
	for (d = 0; d < NDOCS; d++) {
		struct doc *dc = &docs[d];
		memset(dc, 0, sizeof *dc);
		gen_text(&dc->title, 1 + (int)rnd(4));
		gen_text(&dc->body, 10 + (int)rnd(50));
		scan_fold(buf_cstr(&dc->title), &dc->ftitle);
		scan_fold(buf_cstr(&dc->body), &dc->fbody);
		db_insert(db, d, buf_cstr(&dc->title), buf_cstr(&dc->body));
	}
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), 0);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT rowid FROM t WHERE t "
	    "MATCH ?", -1, &st, NULL), SQLITE_OK);
	for (i = 0; i < 3000; i++) {
		int n = 0, rc;

		gen_query(docs, &q, want);
		buf_reset(&e);
		assert_int_equal(tokenize_query(buf_cstr(&q), &e), GZ_OK);
		memset(got, 0, sizeof got);
		sqlite3_bind_text(st, 1, buf_cstr(&e), -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			got[sqlite3_column_int(st, 0)] = 1;
		assert_int_equal(rc, SQLITE_DONE);
		sqlite3_reset(st);
		for (d = 0; d < NDOCS; d++) {
			if (got[d] != want[d])
				fail_msg("query \"%s\" (%s): document %d %s\n"
				    "title: %s\nbody: %s", buf_cstr(&q),
				    buf_cstr(&e), d, want[d] ? "missed" :
				    "found but does not contain it",
				    buf_cstr(&docs[d].title),
				    buf_cstr(&docs[d].body));
			n += want[d];
		}
		hits += n > 0;
		empty += n == 0;
		partial += n > 0 && n < NDOCS / 2;
	}
	/* The queries must have tested something both ways. */
	assert_true(hits > 1000);
	assert_true(empty > 300);
	assert_true(partial > 500);
	sqlite3_finalize(st);
	sqlite3_close(db);
	for (d = 0; d < NDOCS; d++) {
		buf_free(&docs[d].title);
		buf_free(&docs[d].body);
		buf_free(&docs[d].ftitle);
		buf_free(&docs[d].fbody);
	}
	buf_free(&q);
	buf_free(&e);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_register),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_highlight),
		cmocka_unit_test(test_property),
	};
	return cmocka_run_group_tests_name("tokenize_fts", tests, NULL, NULL);
}
