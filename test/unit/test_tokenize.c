/*
 * Unit tests for tokenize: token streams for Chinese, English, mixed
 * text, diacritics, fullwidth forms, Greek and Cyrillic, punctuation,
 * invalid UTF-8 and 4-byte Han; byte offsets; tokenize_query() on hostile
 * input.  The tokenizer inside FTS5 is tested in test_tokenize_fts.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	};
	return cmocka_run_group_tests_name("tokenize", tests, NULL, NULL);
}
