/*
 * Unit tests for utf8: validation with the offset of the first bad
 * sequence (also across the eight-byte ASCII fast path), decoding and
 * encoding round trips, and line/column positions in characters.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "utf8.h"

/* Fail unless s[0..n) is valid UTF-8. */
static void
valid_n(const char *s, size_t n)
{
	size_t bad = 12345;

	if (!utf8_valid(s, n, &bad))
		fail_msg("utf8_valid(\"%.*s\") refused at %zu", (int)n, s, bad);
	assert_int_equal(bad, 12345); /* untouched on success */
	assert_true(utf8_valid(s, n, NULL));
}

static void
valid(const char *s)
{
	valid_n(s, strlen(s));
}

/* Fail unless s[0..n) is refused with the bad sequence starting at at. */
static void
invalid_n(const char *s, size_t n, size_t at)
{
	size_t bad = 12345;

	if (utf8_valid(s, n, &bad))
		fail_msg("utf8_valid() accepted %zu bytes that are bad at %zu",
		    n, at);
	if (bad != at)
		fail_msg("utf8_valid() reported offset %zu, want %zu", bad, at);
	assert_false(utf8_valid(s, n, NULL));
}

static void
invalid(const char *s, size_t at)
{
	invalid_n(s, strlen(s), at);
}

static void
test_valid(void **state)
{
	static const char nul[] = {'a', '\0', 'b'};

	valid("");
	valid("hello, world");
	valid("\x7f");
	valid("caf\xc3\xa9");                 /* 2 bytes: é */
	valid("\xc2\x80\xdf\xbf");            /* U+0080, U+07FF */
	valid("\xe0\xa0\x80\xef\xbf\xbf");    /* U+0800, U+FFFF */
	valid("\xe2\x82\xac");                /* € */
	valid("\xed\x9f\xbf\xee\x80\x80");    /* U+D7FF, U+E000 around surrogates */
	valid("\xef\xbf\xbd");                /* U+FFFD itself is valid */
	valid("\xf0\x90\x80\x80");            /* U+10000 */
	valid("\xf0\x9f\x98\x80");            /* 😀 */
	valid("\xf4\x8f\xbf\xbf");            /* U+10FFFF */
	/* 中文字符和标点，。 */
	valid("\xe4\xb8\xad\xe6\x96\x87\xe5\xad\x97\xe7\xac\xa6\xe5\x92\x8c"
	    "\xe6\xa0\x87\xe7\x82\xb9\xef\xbc\x8c\xe3\x80\x82");
	/* Mixed, long enough to go in and out of the fast path. */
	valid("The word \xe4\xb8\xad\xe6\x96\x87 means Chinese; caf\xc3\xa9 "
	    "is French; \xf0\x9f\x98\x80 is a smile.  0123456789abcdef");
	valid_n(nul, sizeof nul);
}

static void
test_invalid(void **state)
{
	/* A lone continuation byte. */
	invalid("\x80", 0);
	invalid("ab\xbf", 2);
	invalid("caf\xc3\xa9\xa9", 5);
	/* A sequence cut short at the end. */
	invalid("ab\xc3", 2);
	invalid("ab\xe4\xb8", 2);
	invalid("ab\xf0\x9f\x98", 2);
	/* A lead byte followed by something that is not a continuation. */
	invalid("ab\xe4x\xad", 2);
	invalid("\xc3(", 0);
	/* Overlong forms. */
	invalid("\xc0\xaf", 0);
	invalid("x\xc1\xbf", 1);
	invalid("\xe0\x80\xaf", 0);
	invalid("\xe0\x9f\xbf", 0);
	invalid("\xf0\x80\x80\xaf", 0);
	invalid("\xf0\x8f\xbf\xbf", 0);
	/* UTF-16 surrogates. */
	invalid("\xed\xa0\x80", 0);
	invalid("ok\xed\xbf\xbf", 2);
	/* Above U+10FFFF. */
	invalid("\xf4\x90\x80\x80", 0);
	/* Lead bytes that can never appear. */
	invalid("\xf5\x80\x80\x80", 0);
	invalid("ab\xf8\x88\x80\x80\x80", 2);
	invalid("\xfe", 0);
	invalid("\xff", 0);
	/* The first bad sequence is the one reported. */
	invalid("\xe4\xb8\xad\x80\xff", 3);
}

/* A bad byte at each offset around the eight-byte boundaries. */
static void
test_fast_path(void **state)
{
	static const size_t offs[] = {0, 1, 7, 8, 9, 15, 16, 17, 31, 63};
	char s[80];
	size_t i, k;

	memset(s, 'a', sizeof s);
	valid_n(s, sizeof s);
	for (k = 0; k < sizeof offs / sizeof offs[0]; k++) {
		size_t at = offs[k];
		/* A lone continuation byte inside a long ASCII run. */
		memset(s, 'a', sizeof s);
		s[at] = (char)0x80;
		invalid_n(s, sizeof s, at);
		/* The same as the last byte of the input. */
		invalid_n(s, at + 1, at);
		/* A 3-byte lead cut short by the end of the input. */
		s[at] = (char)0xe4;
		invalid_n(s, at + 1, at);
		/* A good sequence there is fine, and so is the rest. */
		if (at + 3 <= sizeof s) {
			memcpy(s + at, "\xe4\xb8\xad", 3);
			valid_n(s, sizeof s);
			/* And a bad byte right after it. */
			if (at + 4 <= sizeof s) {
				s[at + 3] = (char)0xff;
				invalid_n(s, sizeof s, at + 3);
			}
		}
	}
	/* Lengths that are not multiples of eight, all ASCII. */
	memset(s, 'a', sizeof s);
	for (i = 0; i <= 17; i++)
		valid_n(s + 60, i);
}

static void
test_decode(void **state)
{
	uint32_t cp = 0;

	assert_int_equal(utf8_decode("A", 1, &cp), 1);
	assert_int_equal(cp, 0x41);
	assert_int_equal(utf8_decode("\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(utf8_decode("\xe4\xb8\xad", 3, &cp), 3);
	assert_int_equal(cp, 0x4e2d);
	assert_int_equal(utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
	assert_int_equal(cp, 0x1f600);
	/* Only the first code point is decoded. */
	assert_int_equal(utf8_decode("\xc3\xa9xyz", 5, &cp), 2);
	assert_int_equal(cp, 0xe9);
	/* Invalid or short: one byte of U+FFFD. */
	assert_int_equal(utf8_decode("\xe4\xb8\xad", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(utf8_decode("\x80", 1, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(utf8_decode("\xc0\xaf", 2, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(utf8_decode("\xed\xa0\x80", 3, &cp), 1);
	assert_int_equal(cp, 0xfffd);
	assert_int_equal(utf8_decode("\xf4\x90\x80\x80", 4, &cp), 1);
	assert_int_equal(cp, 0xfffd);
}

static void
test_round_trip(void **state)
{
	static const struct {
		uint32_t cp;
		const char *utf8;
	} cases[] = {
		{0x41, "A"},
		{0x7f, "\x7f"},
		{0x80, "\xc2\x80"},
		{0xe9, "\xc3\xa9"},
		{0x7ff, "\xdf\xbf"},
		{0x800, "\xe0\xa0\x80"},
		{0x4e2d, "\xe4\xb8\xad"},
		{0xfffd, "\xef\xbf\xbd"},
		{0xffff, "\xef\xbf\xbf"},
		{0x10000, "\xf0\x90\x80\x80"},
		{0x1f600, "\xf0\x9f\x98\x80"},
		{0x10ffff, "\xf4\x8f\xbf\xbf"},
	};
	size_t i;

	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char out[4] = {0};
		size_t n = utf8_encode(cases[i].cp, out), m;
		uint32_t back = 0;

		assert_int_equal(n, strlen(cases[i].utf8));
		assert_memory_equal(out, cases[i].utf8, n);
		assert_true(utf8_valid(out, n, NULL));
		m = utf8_decode(out, n, &back);
		assert_int_equal(m, n);
		assert_int_equal(back, cases[i].cp);
	}
}

static void
expect_pos(const char *s, size_t off, size_t line, size_t col)
{
	size_t l = 0, c = 0;

	utf8_position(s, off, &l, &c);
	if (l != line || c != col)
		fail_msg("utf8_position(\"%s\", %zu) = %zu:%zu, want %zu:%zu",
		    s, off, l, c, line, col);
}

static void
test_position(void **state)
{
	/* "中文 x\n第二行: y\n\nz" */
	static const char s[] = "\xe4\xb8\xad\xe6\x96\x87 x\n"
	    "\xe7\xac\xac\xe4\xba\x8c\xe8\xa1\x8c: y\n\nz";

	expect_pos("", 0, 1, 1);
	expect_pos("abc", 0, 1, 1);
	expect_pos("abc", 2, 1, 3);
	expect_pos("abc", 3, 1, 4);
	/* After two Chinese characters (six bytes) we are at column 3. */
	expect_pos(s, 3, 1, 2);
	expect_pos(s, 6, 1, 3);
	expect_pos(s, 7, 1, 4); /* the x */
	expect_pos(s, 8, 1, 5); /* the newline itself */
	expect_pos(s, 9, 2, 1); /* 第 */
	expect_pos(s, 18, 2, 4); /* : after three characters */
	expect_pos(s, 20, 2, 6); /* y */
	expect_pos(s, 22, 3, 1); /* the empty line */
	expect_pos(s, 23, 4, 1); /* z */
	expect_pos(s, 24, 4, 2); /* the end */
	/* Other multi-byte lengths count as one character each. */
	expect_pos("caf\xc3\xa9!", 5, 1, 5);
	expect_pos("\xf0\x9f\x98\x80x", 4, 1, 2);
	expect_pos("a\r\nb", 3, 2, 1);
}

static void
test_encode_invalid(void **state)
{
	char out[4];

	/* Not characters: each becomes U+FFFD (EF BF BD). */
	assert_int_equal(utf8_encode(0xd800, out), 3);
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
	assert_int_equal(utf8_encode(0x110000, out), 3);
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
	assert_int_equal(utf8_encode(0xffffffff, out), 3);
	assert_memory_equal(out, "\xef\xbf\xbd", 3);
}

static void
test_width(void **state)
{
	assert_int_equal(utf8_width(""), 0);
	assert_int_equal(utf8_width("news"), 4);
	assert_int_equal(utf8_width("新闻动态"), 8);
	assert_int_equal(utf8_width("A新"), 3);
	assert_int_equal(utf8_width("\xef\xbc\xa1"), 2); /* fullwidth A */
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_encode_invalid),
		cmocka_unit_test(test_width),
		cmocka_unit_test(test_valid),
		cmocka_unit_test(test_invalid),
		cmocka_unit_test(test_fast_path),
		cmocka_unit_test(test_decode),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_position),
	};
	return cmocka_run_group_tests_name("utf8", tests, NULL, NULL);
}
