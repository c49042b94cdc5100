/*
 * Unit tests for tokenize: token streams for Chinese, English, mixed
 * text, diacritics, fullwidth forms, Greek and Cyrillic, punctuation,
 * invalid UTF-8 and 4-byte Han; byte offsets; tokenize_query() on hostile
 * input; and, at the SQLite level, the promise of site search: over a few
 * hundred generated mixed documents, the rows FTS5 finds for a query are
 * exactly those a plain scan finds (Chinese: substring of the title or
 * body; Latin: whole word after folding), and highlight() marks exactly
 * the matched characters.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "unit.h"
#include "buf.h"
#include "tokenize.h"
#include "utf8.h"

/* Tokens as text: "tok tok +colocated tok". */
static int
collect(void *arg, int flags, const char *tok, int len, int start, int end)
{
	struct buf *b = arg;

	if (b->len > 0)
		buf_putc(b, ' ');
	if (flags & TOKENIZE_COLOCATED)
		buf_putc(b, '+');
	buf_put(b, tok, (size_t)len);
	return 0;
}

/* One token with its flags and source extent. */
struct token {
	int flags, start, end, len;
	char tok[TOKENIZE_MAX];
};

struct stream {
	struct token t[512];
	int n;
};

static int
record(void *arg, int flags, const char *tok, int len, int start, int end)
{
	struct stream *s = arg;
	struct token *t;

	if (s->n == (int)(sizeof s->t / sizeof s->t[0]))
		return 99;
	t = &s->t[s->n++];
	assert_true(len >= 1 && len <= TOKENIZE_MAX);
	t->flags = flags;
	t->start = start;
	t->end = end;
	t->len = len;
	memcpy(t->tok, tok, (size_t)len);
	return 0;
}

/*
 * Check what every stream must be: offsets inside the text and in order
 * (a colocated token starts where the one before it does, the others
 * strictly later), tokens valid UTF-8, and each token among the tokens of
 * its own source bytes, which pins the offsets to the right characters.
 */
static void
check_stream(const char *text, size_t n, int query, const struct stream *s)
{
	int i, j, last = -1;

	for (i = 0; i < s->n; i++) {
		const struct token *t = &s->t[i];
		struct stream sub;

		assert_true(t->start >= 0 && t->start < t->end &&
		    (size_t)t->end <= n);
		assert_true(utf8_valid(t->tok, (size_t)t->len, NULL));
		if (t->flags & TOKENIZE_COLOCATED) {
			assert_int_not_equal(i, 0);
			assert_int_equal(t->start, s->t[i - 1].start);
		} else {
			assert_true(t->start > last);
			last = t->start;
		}
		sub.n = 0;
		assert_int_equal(tokenize_text(text + t->start,
		    (size_t)(t->end - t->start), 0, record, &sub), 0);
		for (j = 0; j < sub.n; j++)
			if (sub.t[j].len == t->len &&
			    memcmp(sub.t[j].tok, t->tok, (size_t)t->len) == 0)
				break;
		if (j == sub.n)
			fail_msg("token \"%.*s\" is not in its source \"%.*s\"",
			    t->len, t->tok, t->end - t->start, text + t->start);
	}
	(void)query;
}

/* Fail unless text tokenizes (query or document mode) to want. */
static void
expect_n(const char *text, size_t n, int query, const char *want)
{
	struct buf b = BUF_INIT;
	struct stream s = {.n = 0};

	assert_int_equal(tokenize_text(text, n, query, collect, &b), 0);
	if (strcmp(buf_cstr(&b), want) != 0)
		fail_msg("%s of \"%.*s\":\n got  \"%s\"\n want \"%s\"",
		    query ? "query" : "document", (int)n, text, buf_cstr(&b),
		    want);
	buf_free(&b);
	assert_int_equal(tokenize_text(text, n, query, record, &s), 0);
	check_stream(text, n, query, &s);
}

static void
doc(const char *text, const char *want)
{
	expect_n(text, strlen(text), 0, want);
}

static void
qry(const char *text, const char *want)
{
	expect_n(text, strlen(text), 1, want);
}

static void
test_chinese(void **state)
{
	doc("", "");
	doc("中", "中");
	doc("中国", "中 +中国 国");
	doc("中国科协", "中 +中国 国 +国科 科 +科协 协");
	qry("中", "中");
	qry("中国", "中国 国");
	qry("中国科协", "中国 国科 科协 协");
	/* Runs end at punctuation, spaces, Latin and digits. */
	doc("新闻，动态", "新 +新闻 闻 动 +动态 态");
	doc("新闻 动态", "新 +新闻 闻 动 +动态 态");
	doc("年会2024年", "年 +年会 会 2024 年");
	qry("中国，人民", "中国 国 人民 民");
	/* Ideographic number zero and iteration mark are part of the run. */
	doc("二〇二四", "二 +二〇 〇 +〇二 二 +二四 四");
	doc("人々", "人 +人々 々");
}

static void
test_english(void **state)
{
	doc("Hello, World!", "hello world");
	doc("It's the 2024 Annual-Meeting.", "it s the 2024 annual meeting");
	doc("  a  ", "a");
	doc("COVID19 3.14 x_y", "covid19 3 14 x y");
	qry("Hello World", "hello world");
}

static void
test_mixed(void **state)
{
	doc("GDP增长3%，中国Café",
	    "gdp 增 +增长 长 3 中 +中国 国 cafe");
	qry("增长GDP", "增长 长 gdp");
	qry("GDP增长", "gdp 增长 长");
	doc("科协Science周", "科 +科协 协 science 周");
}

static void
test_diacritics(void **state)
{
	doc("Café résumé naïve Ångström Øresund Łódź señor über",
	    "cafe resume naive angstrom oresund lodz senor uber");
	doc("Straße STRASSE Æsir Œuvre Þór ðe đi Ħal ıi ĳ",
	    "strasse strasse aesir oeuvre thor de di hal ii ij");
	/* Vietnamese. */
	doc("Việt Nam Đà Nẵng Thừa Thiên Huế phở ưu ơn",
	    "viet nam da nang thua thien hue pho uu on");
	/* Combining marks inside a word vanish; a lone one separates. */
	doc("Cafe\xcc\x81 e\xcc\x88\xcc\x81x", "cafe ex");
	doc("a \xcc\x81 b", "a b");
	/* Soft hyphen and zero-width characters inside a word. */
	doc("infor\xc2\xadmation zero\xe2\x80\x8bwidth",
	    "information zerowidth");
	/* Modifier letters and symbols are not letters. */
	doc("a\xca\xbc" "b a\xc3\x97" "b", "a b a b");
}

static void
test_fullwidth(void **state)
{
	doc("ＧＤＰ２０２４ ｈｅｌｌｏ", "gdp2024 hello");
	doc("中国ＧＤＰ增长", "中 +中国 国 gdp 增 +增长 长");
	/* Fullwidth punctuation separates. */
	doc("ａ！ｂ（ｃ）", "a b c");
}

static void
test_greek_cyrillic(void **state)
{
	doc("ΣΟΦΟΣ σοφός Ωμέγα ἀλήθεια", "σοφοσ σοφοσ ωμεγα αληθεια");
	doc("Москва МОСКВА Ёлка Йод йод", "москва москва ёлка йод йод");
	doc("Αθήνα-Київ", "αθηνα київ");
}

static void
test_punctuation(void **state)
{
	doc("「新闻」——动态。", "新 +新闻 闻 动 +动态 态");
	doc("(test)[x]{y} a.b,c;d:e!f?g", "test x y a b c d e f g");
	doc("\xf0\x9f\x98\x80中\xf0\x9f\x98\x80" "a\xe2\x82\xac", "中 a");
	doc("东京・大阪", "东 +东京 京 大 +大阪 阪");
	doc("\"AND\" OR NEAR(a*, ^b) title:x", "and or near a b title x");
	doc(" \t\r\n", "");
}

static void
test_kana_hangul(void **state)
{
	doc("東京タワー", "東 +東京 京 +京タ タ +タワ ワ +ワー ー");
	doc("한국어", "한 +한국 국 +국어 어");
	/* Decomposed が: the combining mark joins the character. */
	doc("か\xe3\x82\x99き", "か +かき き");
}

static void
test_invalid_utf8(void **state)
{
	static const char bad[] = "\xff中\xe4\xb8文\xc0\x80" "abc\xed\xa0\x80"
	    "def\xf4\x90\x80\x80g\xe4\xb8";
	static const char nul[] = {'a', '\0', 'b', '\xe4', '\xb8', '\xad'};

	doc(bad, "中 文 abc def g");
	expect_n(nul, sizeof nul, 0, "a b 中");
	doc("\x80\x80\x80", "");
	doc("\xe4", "");
	/* Overlong forms of ASCII letters are not letters. */
	doc("x\xc1\x81y\xe0\x81\x81z\xf0\x80\x81\x81w", "x y z w");
}

static void
test_ext_b(void **state)
{
	struct stream s = {.n = 0};

	/* U+20000 U+20001: 4-byte Han. */
	doc("\xf0\xa0\x80\x80\xf0\xa0\x80\x81",
	    "\xf0\xa0\x80\x80 +\xf0\xa0\x80\x80\xf0\xa0\x80\x81 "
	    "\xf0\xa0\x80\x81");
	assert_int_equal(tokenize_text("a\xf0\xa0\x80\x80\xe4\xb8\xad", 8, 0,
	    record, &s), 0);
	assert_int_equal(s.n, 4);
	assert_int_equal(s.t[1].start, 1);
	assert_int_equal(s.t[1].end, 5);
	assert_int_equal(s.t[2].end, 8);
	/* Compatibility ideographs and Kangxi radicals fold. */
	doc("\xef\xa4\x80", "\xe8\xb1\x88"); /* U+F900 -> U+8C48 */
	doc("\xe2\xbd\x87\xe6\x9c\xac", "日 +日本 本"); /* Kangxi ⽇ */
	/* A variation selector stays with its character. */
	doc("葛\xf3\xa0\x84\x80城", "葛 +葛城 城");
}

static void
test_offsets(void **state)
{
	static const char text[] = "Ab 中国é\xcc\x81x 科";
	struct stream s = {.n = 0};

	assert_int_equal(tokenize_text(text, strlen(text), 0, record, &s), 0);
	assert_int_equal(s.n, 6);
	assert_int_equal(s.t[0].start, 0); /* ab */
	assert_int_equal(s.t[0].end, 2);
	assert_int_equal(s.t[1].start, 3); /* 中 */
	assert_int_equal(s.t[1].end, 6);
	assert_int_equal(s.t[2].flags, TOKENIZE_COLOCATED); /* 中国 */
	assert_int_equal(s.t[2].start, 3);
	assert_int_equal(s.t[2].end, 9);
	assert_int_equal(s.t[3].start, 6); /* 国 */
	assert_int_equal(s.t[3].end, 9);
	assert_int_equal(s.t[4].start, 9); /* e + mark + x: "ex" */
	assert_int_equal(s.t[4].end, 14);
	assert_memory_equal(s.t[4].tok, "ex", 2);
	/* A mark at the end of a word or run belongs to it. */
	s.n = 0;
	assert_int_equal(tokenize_text("Cafe\xcc\x81!", 7, 0, record, &s), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.t[0].end, 6);
	s.n = 0;
	assert_int_equal(tokenize_text("中\xef\xb8\x80!", 7, 0, record, &s),
	    0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.t[0].end, 6);
	s.n = 0;
	assert_int_equal(tokenize_text(text, strlen(text), 1, record, &s), 0);
	assert_int_equal(s.n, 5);
	assert_int_equal(s.t[1].flags, 0); /* 中国 */
	assert_int_equal(s.t[1].start, 3);
	assert_int_equal(s.t[1].end, 9);
	assert_int_equal(s.t[2].start, 6); /* 国 */
	assert_int_equal(s.t[4].start, 15); /* 科 */
	assert_int_equal(s.t[4].end, 18);
}

static void
test_long_token(void **state)
{
	char text[400];
	struct stream s = {.n = 0};
	size_t i, k = 0;

	memset(text, 'A', 100);
	assert_int_equal(tokenize_text(text, 100, 0, record, &s), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.t[0].len, TOKENIZE_MAX);
	assert_int_equal(s.t[0].end, 100);
	/* Cut at a character boundary: 'a' and then 2-byte letters. */
	text[k++] = 'a';
	for (i = 0; i < 40; i++) {
		memcpy(text + k, "\xd0\x94", 2); /* Д */
		k += 2;
	}
	s.n = 0;
	assert_int_equal(tokenize_text(text, k, 0, record, &s), 0);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.t[0].len, 63);
	assert_true(utf8_valid(s.t[0].tok, 63, NULL));
	assert_int_equal(s.t[0].end, (int)k);
	/* ...and the same cut in query mode. */
	s.n = 0;
	assert_int_equal(tokenize_text(text, k, 1, record, &s), 0);
	assert_int_equal(s.t[0].len, 63);
}

static int
stop_second(void *arg, int flags, const char *tok, int len, int start,
    int end)
{
	int *calls = arg;

	return ++*calls == 2 ? 42 : 0;
}

static void
test_callback_stops(void **state)
{
	int calls = 0;

	assert_int_equal(tokenize_text("a b c d", 7, 0, stop_second, &calls),
	    42);
	assert_int_equal(calls, 2);
	calls = 0;
	assert_int_equal(tokenize_text("中国人", 9, 0, stop_second, &calls),
	    42);
	assert_int_equal(calls, 2);
}

/* Fail unless tokenize_query(in) gives rc and, for GZ_OK, want. */
static void
query_is(const char *in, int rc, const char *want)
{
	struct buf b = BUF_INIT;
	int got = tokenize_query(in, &b);

	if (got != rc)
		fail_msg("tokenize_query(\"%s\") returned %d, want %d (\"%s\")",
		    in, got, rc, buf_cstr(&b));
	if (rc == GZ_OK && strcmp(buf_cstr(&b), want) != 0)
		fail_msg("tokenize_query(\"%s\"):\n got  %s\n want %s", in,
		    buf_cstr(&b), want);
	if (rc != GZ_OK)
		assert_int_equal(b.len, 0);
	buf_free(&b);
}

static void
test_query(void **state)
{
	char in[600];
	struct buf b = BUF_INIT;
	int i;

	query_is("中国 科协", GZ_OK, "\"中国\" AND \"科协\"");
	query_is("  Café  ", GZ_OK, "\"Café\"");
	query_is("中国\xe3\x80\x80科协", GZ_OK, "\"中国\" AND \"科协\"");
	query_is("a\"b", GZ_OK, "\"a\"\"b\"");
	query_is("\"", GZ_EINVAL, NULL);
	query_is("\"\"\"", GZ_EINVAL, NULL);
	query_is("AND OR NOT", GZ_OK, "\"AND\" AND \"OR\" AND \"NOT\"");
	query_is("NEAR(a b, 5)", GZ_OK, "\"NEAR(a\" AND \"b,\" AND \"5)\"");
	query_is("foo* ^bar title:x", GZ_OK,
	    "\"foo*\" AND \"^bar\" AND \"title:x\"");
	query_is("{title body}: - + x", GZ_OK,
	    "\"{title\" AND \"body}:\" AND \"x\"");
	query_is("(((", GZ_EINVAL, NULL);
	query_is("，。！", GZ_EINVAL, NULL);
	query_is("", GZ_EINVAL, NULL);
	query_is(" \t\r\n\xe3\x80\x80", GZ_EINVAL, NULL);
	query_is("a\xff" "b", GZ_OK, "\"a b\"");
	query_is("\xe4\xb8", GZ_EINVAL, NULL);
	query_is("a\x01" "b", GZ_OK, "\"a\" AND \"b\"");
	/* At most 16 terms. */
	query_is("1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18", GZ_OK,
	    "\"1\" AND \"2\" AND \"3\" AND \"4\" AND \"5\" AND \"6\" AND "
	    "\"7\" AND \"8\" AND \"9\" AND \"10\" AND \"11\" AND \"12\" AND "
	    "\"13\" AND \"14\" AND \"15\" AND \"16\"");
	/* Only terms that end within 256 bytes. */
	memset(in, 'a', 300);
	in[300] = '\0';
	query_is(in, GZ_EINVAL, NULL);
	memcpy(in, "x ", 2);
	query_is(in, GZ_OK, "\"x\"");
	in[256] = ' ';
	assert_int_equal(tokenize_query(in, &b), GZ_OK);
	assert_int_equal(b.len, 3 + 5 + 2 + 254);
	buf_free(&b);
	/* Appends, and leaves what was there when nothing is searchable. */
	buf_puts(&b, "x=");
	assert_int_equal(tokenize_query("y", &b), GZ_OK);
	assert_string_equal(buf_cstr(&b), "x=\"y\"");
	assert_int_equal(tokenize_query("!!", &b), GZ_EINVAL);
	assert_string_equal(buf_cstr(&b), "x=\"y\"");
	buf_free(&b);
	/* Many quotes: still balanced and short. */
	for (i = 0; i < 599; i++)
		in[i] = i % 5 == 4 ? ' ' : i % 2 ? '"' : 'q';
	in[599] = '\0';
	assert_int_equal(tokenize_query(in, &b), GZ_OK);
	assert_true(b.len < 2 * TOKENIZE_QUERY_BYTES + 2);
	buf_free(&b);
}

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
		cmocka_unit_test(test_chinese),
		cmocka_unit_test(test_english),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_diacritics),
		cmocka_unit_test(test_fullwidth),
		cmocka_unit_test(test_greek_cyrillic),
		cmocka_unit_test(test_punctuation),
		cmocka_unit_test(test_kana_hangul),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_ext_b),
		cmocka_unit_test(test_offsets),
		cmocka_unit_test(test_long_token),
		cmocka_unit_test(test_callback_stops),
		cmocka_unit_test(test_query),
		cmocka_unit_test(test_register),
		cmocka_unit_test(test_phrases),
		cmocka_unit_test(test_highlight),
		cmocka_unit_test(test_property),
	};
	return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
