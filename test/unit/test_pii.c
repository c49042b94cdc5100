/*
 * Unit tests for pii: resident ID cards (checksums computed here with
 * weights derived independently, dates, provinces, the old 15 digits),
 * mobile numbers with country codes and separators, e-mail addresses
 * with fullwidth ＠ and trailing punctuation, bank cards by Luhn, what
 * must not be found (landlines, numbers inside longer ones, one digit
 * off), and the order and offsets of hits.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "pii.h"

/* Hits as text: "kind=matched text | kind=matched text". */
struct found {
	const char *text;
	struct buf out;
	size_t last_end;
};

static int
collect(const struct pii_hit *h, void *arg)
{
	struct found *f = arg;

	assert_true(h->start < h->end);
	assert_true(h->start >= f->last_end); /* in order, no overlap */
	f->last_end = h->end;
	if (f->out.len > 0)
		buf_puts(&f->out, " | ");
	buf_printf(&f->out, "%s=%.*s", pii_kind_name(h->kind),
	    (int)(h->end - h->start), f->text + h->start);
	return 0;
}

static void
expect_n(const char *text, size_t n, const char *want)
{
	struct found f = {text, BUF_INIT, 0};

	assert_int_equal(pii_scan(text, n, collect, &f), GZ_OK);
	if (strcmp(buf_cstr(&f.out), want) != 0)
		fail_msg("pii_scan(\"%.*s\"): got \"%s\", want \"%s\"", (int)n,
		    text, buf_cstr(&f.out), want);
	buf_free(&f.out);
}

static void
expect(const char *text, const char *want)
{
	expect_n(text, strlen(text), want);
}

/* The check character of an ID's first 17 digits, computed the way ISO
 * 7064 MOD 11-2 is defined: weights 2^(17-i) mod 11, and the character
 * that makes the weighted sum 1 mod 11 (X for 10). */
static char
id_check(const char *d17)
{
	int i, sum = 0, w = 1, c;

	for (i = 16; i >= 0; i--) {
		w = w * 2 % 11;
		sum += (d17[i] - '0') * w;
	}
	for (c = 0; c < 11; c++)
		if ((sum + c) % 11 == 1)
			break;
	return c == 10 ? 'X' : (char)('0' + c);
}

/* An ID from its parts with a correct check character. */
static const char *
make_id(char *out, const char *area, const char *date, const char *seq)
{
	snprintf(out, 19, "%s%s%s", area, date, seq);
	out[17] = id_check(out);
	out[18] = '\0';
	return out;
}

/* Whether text holds an ID card hit. */
static int
has_id(const char *text)
{
	struct found f = {text, BUF_INIT, 0};
	int found;

	assert_int_equal(pii_scan(text, strlen(text), collect, &f), GZ_OK);
	found = strstr(buf_cstr(&f.out), "id_card=") != NULL;
	buf_free(&f.out);
	return found;
}

static void
test_id_valid(void **state)
{
	char id[19], want[64];

	/* The check helper agrees with a known number. */
	assert_int_equal(id_check("11010519491231002"), 'X');
	expect("11010519491231002X", "id_card=11010519491231002X");
	expect("\xe8\xba\xab\xe4\xbb\xbd\xe8\xaf\x81\xef\xbc\x9a"
	    "11010519491231002x\xe3\x80\x82",
	    "id_card=11010519491231002x");
	/* fullwidth, with a fullwidth Ｘ */
	expect("\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc\x90"
	    "\xef\xbc\x95\xef\xbc\x91\xef\xbc\x99\xef\xbc\x94\xef\xbc\x99"
	    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x91\xef\xbc\x90"
	    "\xef\xbc\x90\xef\xbc\x92\xef\xbc\xb8",
	    "id_card=\xef\xbc\x91\xef\xbc\x91\xef\xbc\x90\xef\xbc\x91\xef\xbc"
	    "\x90\xef\xbc\x95\xef\xbc\x91\xef\xbc\x99\xef\xbc\x94\xef\xbc\x99"
	    "\xef\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x91\xef\xbc\x90"
	    "\xef\xbc\x90\xef\xbc\x92\xef\xbc\xb8");
	/* Letters around it do not matter, only digits. */
	expect("ID110105200002291235abc", "id_card=110105200002291235");
	/* Leap days, and the ends of the year range. */
	assert_true(has_id(make_id(id, "440301", "20000229", "123")));
	assert_true(has_id(make_id(id, "440301", "20040229", "123")));
	assert_true(has_id(make_id(id, "440301", "19000101", "123")));
	assert_true(has_id(make_id(id, "440301", "21001231", "123")));
	/* Every province code at the ends of its range. */
	{
		static const char *const prov[] = {"11", "15", "21", "23",
		    "31", "37", "41", "46", "50", "54", "61", "65", "71",
		    "81", "82"};
		size_t i;
		char area[7];

		for (i = 0; i < sizeof prov / sizeof prov[0]; i++) {
			snprintf(area, sizeof area, "%s0101", prov[i]);
			make_id(id, area, "19800101", "001");
			snprintf(want, sizeof want, "id_card=%s", id);
			expect(id, want);
		}
	}
	/* An ID that also passes Luhn is reported once, as an ID. */
	expect("440301199003070350", "id_card=440301199003070350");
}

static void
test_id_invalid(void **state)
{
	static const char *const bad_dates[] = {"19000229", "19990229",
	    "20010229", "19800230", "19800431", "19801301", "19800001",
	    "19800100", "19800132", "18991231", "21010101"};
	static const char *const bad_prov[] = {"00", "10", "16", "20", "24",
	    "30", "38", "40", "47", "49", "55", "60", "66", "70", "72", "80",
	    "83", "99"};
	char id[19], area[7];
	size_t i;

	/* One digit changed: the check character no longer fits. */
	expect("11010519491231003X", "");
	expect("11010519491231002Y", "");
	expect("110105200002291245", "");
	/* Its 17 digits pass Luhn, but 17 digits and an X are an ID with a
	 * bad check character, not a bank card. */
	expect("11010519491231001X", "");
	expect("11010519491231001", "bank_card=11010519491231001");
	for (i = 0; i < sizeof bad_dates / sizeof bad_dates[0]; i++)
		if (has_id(make_id(id, "110105", bad_dates[i], "002")))
			fail_msg("%s has a bad date but was found", id);
	for (i = 0; i < sizeof bad_prov / sizeof bad_prov[0]; i++) {
		snprintf(area, sizeof area, "%s0105", bad_prov[i]);
		if (has_id(make_id(id, area, "19491231", "002")))
			fail_msg("%s has a bad province but was found", id);
	}
	/* Part of a longer number, before or after, in either width. */
	expect("211010519491231002X", "");
	expect("1234110105200002291235", "");
	expect("1101052000022912356", "");
	expect("110105200002291235\xef\xbc\x97", "");
	/* An X followed by a letter or digit is not the end of an ID. */
	expect("11010519491231002X7", "");
	expect("11010519491231002Xyz", "");
	/* Spaces inside are not an ID (IDs are written whole). */
	expect("110105 19491231 002X", "");
}

static void
test_id_old(void **state)
{
	expect("110105491231002", "id_card=110105491231002");
	expect("old 440301800229123.", "id_card=440301800229123");
	expect("110105491331002", "");  /* month 13 */
	expect("110105490230002", "");  /* 1949-02-30 */
	expect("990105491231002", "");  /* province 99 */
	expect("1101054912310021", ""); /* 16 digits, fails Luhn */
}

static void
test_mobile(void **state)
{
	expect("13812345678", "mobile=13812345678");
	expect("\xe7\x94\xb5\xe8\xaf\x9d\xef\xbc\x9a" "13812345678\xe3\x80\x82",
	    "mobile=13812345678");
	expect("call +86 138 1234 5678 now", "mobile=+86 138 1234 5678");
	expect("+86-138-1234-5678", "mobile=+86-138-1234-5678");
	expect("0086 13812345678", "mobile=0086 13812345678");
	expect("8613812345678", "mobile=8613812345678");
	expect("+8613812345678", "mobile=+8613812345678");
	expect("\xef\xbc\x8b" "86 19912345678", "mobile=\xef\xbc\x8b" "86 "
	    "19912345678");
	expect("138-1234-5678", "mobile=138-1234-5678");
	expect("138 12345678", "mobile=138 12345678");
	expect("\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef\xbc\x91\xef\xbc\x92"
	    "\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95\xef\xbc\x96\xef\xbc\x97"
	    "\xef\xbc\x98", "mobile=\xef\xbc\x91\xef\xbc\x93\xef\xbc\x98\xef"
	    "\xbc\x91\xef\xbc\x92\xef\xbc\x93\xef\xbc\x94\xef\xbc\x95\xef\xbc"
	    "\x96\xef\xbc\x97\xef\xbc\x98");
	/* Two in a list; one next to another number. */
	expect("13812345678 13912345678",
	    "mobile=13812345678 | mobile=13912345678");
	expect("age 35 13812345678", "mobile=13812345678");
	/* Not mobiles. */
	expect("12812345678", "");           /* 12 is no mobile prefix */
	expect("138123456789", "");          /* 12 digits */
	expect("1381234567", "");            /* 10 digits */
	expect("913812345678", "");
	expect("010-12345678", "");          /* a Beijing landline */
	expect("(010) 1234 5678", "");
	expect("138 1234 567", "");
	expect("138  1234 5678", "");        /* two spaces: two numbers */
	expect("138_1234_5678", "");
	expect("85 13812345678", "mobile=13812345678");
}

static void
test_email(void **state)
{
	expect("a.b-c_d+tag@mail.example.com", "email=a.b-c_d+tag@mail."
	    "example.com");
	expect("\xe8\x81\x94\xe7\xb3\xbb\xef\xbc\x9a" "zhang.san\xef\xbc\xa0"
	    "example.cn\xe3\x80\x82",
	    "email=zhang.san\xef\xbc\xa0" "example.cn");
	expect("write to li@x.cn.", "email=li@x.cn");
	expect("(li@x.cn)", "email=li@x.cn");
	expect("li@x.cn, wang@y.org; zhao@z.com.cn!",
	    "email=li@x.cn | email=wang@y.org | email=zhao@z.com.cn");
	expect("li@x.cn-", "email=li@x.cn");
	expect("li@my-host.example.org", "email=li@my-host.example.org");
	expect("see...li@x.cn", "email=li@x.cn");
	expect(".li@x.cn", "email=li@x.cn");
	expect("a@163.com", "email=a@163.com");
	expect("a@b.com.123", "email=a@b.com");
	/* Digits in the address are not a phone. */
	expect("13812345678@qq.com", "email=13812345678@qq.com");
	expect("1234 13812345678@qq.com", "email=13812345678@qq.com");
	/* Not addresses. */
	expect("li@x.c", "");
	expect("li@localhost", "");
	expect("li.@x.cn", "");
	expect("li@-x.cn", "");
	expect("li@x..cn", "");
	expect("@x.cn", "");
	expect("li@", "");
	expect("li@x.c0m", "");
	expect("\xe6\x9d\x8e@x.cn", ""); /* 李@x.cn: ASCII local parts */
	expect("a@b@c.cn", "email=b@c.cn");
}

static void
test_bank_card(void **state)
{
	expect("6222020012345678903", "bank_card=6222020012345678903");
	expect("card 6222 0200 1234 5678 903.",
	    "bank_card=6222 0200 1234 5678 903");
	expect("6228480012345671", "bank_card=6228480012345671");
	expect("4111-1111-1111-1111", "bank_card=4111-1111-1111-1111");
	/* One digit off: Luhn fails, no card. */
	expect("6222020012345678904", "");
	expect("6222030012345678903", "");
	expect("6228480012345672", "");
	/* 6222020012345671 is a card, but with three more digits the
	 * number is 19 long and fails: no shorter card inside it. */
	expect("6222020012345671", "bank_card=6222020012345671");
	expect("6222 0200 1234 5671 000", "");
	expect("6222020012345671000", "");
	/* Inside longer digit runs, or a longer grouping of fours. */
	expect("16228480012345671", "");
	expect("62284800123456719", "");
	expect("12345678901234567898", "");    /* 20 digits */
	expect("1234 5678 9012 3456 7898", ""); /* last 16 pass Luhn */
	expect("1234 5678 9012 3452 7890", ""); /* first 16 pass Luhn */
	/* Other groupings are not cards. */
	expect("622848 0012345671", "");
	expect("62 2848 0012 3456 71", "");
	/* 15 digits (Luhn-valid, no ID date) are too few. */
	expect("378282246310005", "");
	/* A card, then a mobile after a single space. */
	expect("6228 4800 1234 5671 13812345678",
	    "bank_card=6228 4800 1234 5671 | mobile=13812345678");
}

static void
test_mixed(void **state)
{
	/* 张三，身份证11010519491231002X，手机+86 138-1234-5678，
	 * 邮箱zs@example.com，卡号6222 0200 1234 5678 903。 */
	static const char text[] =
	    "\xe5\xbc\xa0\xe4\xb8\x89\xef\xbc\x8c\xe8\xba\xab\xe4\xbb\xbd"
	    "\xe8\xaf\x81" "11010519491231002X" "\xef\xbc\x8c\xe6\x89\x8b"
	    "\xe6\x9c\xba" "+86 138-1234-5678" "\xef\xbc\x8c\xe9\x82\xae"
	    "\xe7\xae\xb1" "zs@example.com" "\xef\xbc\x8c\xe5\x8d\xa1\xe5\x8f"
	    "\xb7" "6222 0200 1234 5678 903" "\xe3\x80\x82";
	static const struct pii_hit want[] = {
		{PII_ID_CARD, 18, 36},
		{PII_MOBILE, 45, 62},
		{PII_EMAIL, 71, 85},
		{PII_BANK_CARD, 94, 117},
	};
	struct found f = {text, BUF_INIT, 0};
	size_t i;

	assert_int_equal(pii_scan(text, sizeof text - 1, collect, &f), GZ_OK);
	assert_string_equal(buf_cstr(&f.out), "id_card=11010519491231002X | "
	    "mobile=+86 138-1234-5678 | email=zs@example.com | "
	    "bank_card=6222 0200 1234 5678 903");
	buf_free(&f.out);
	for (i = 0; i < sizeof want / sizeof want[0]; i++) {
		assert_int_equal(want[i].end - want[i].start,
		    i == 0 ? 18 : i == 1 ? 17 : i == 2 ? 14 : 23);
		assert_memory_equal(text + want[i].start,
		    i == 0 ? "11010519491231002X" : i == 1 ?
		    "+86 138-1234-5678" : i == 2 ? "zs@example.com" :
		    "6222 0200 1234 5678 903", want[i].end - want[i].start);
	}
}

static int
stop_first(const struct pii_hit *h, void *arg)
{
	int *n = arg;

	++*n;
	return -5;
}

static void
test_stop_and_names(void **state)
{
	int n = 0;

	assert_int_equal(pii_scan("13812345678 a@b.cn", 18, stop_first, &n),
	    -5);
	assert_int_equal(n, 1);
	n = 0;
	assert_int_equal(pii_scan("a@b.cn 13812345678", 18, stop_first, &n),
	    -5);
	assert_int_equal(n, 1);
	assert_string_equal(pii_kind_name(PII_ID_CARD), "id_card");
	assert_string_equal(pii_kind_name(PII_MOBILE), "mobile");
	assert_string_equal(pii_kind_name(PII_EMAIL), "email");
	assert_string_equal(pii_kind_name(PII_BANK_CARD), "bank_card");
	assert_string_equal(pii_kind_name((enum pii_kind)99), "unknown");
}

static void
test_invalid_utf8(void **state)
{
	expect("\xff" "13812345678\xff", "mobile=13812345678");
	expect("13812345678\xef\xbc", "mobile=13812345678"); /* cut short */
	expect("1381234567\xef\xbc", "");
	expect("\xef\xbc\x91\xef\xbc", "");
	expect_n("li@x.cn\0" "13812345678", 19,
	    "email=li@x.cn | mobile=13812345678");
	expect("", "");
	expect("@", "");
	expect("+", "");
	expect("86", "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_id_valid),
		cmocka_unit_test(test_id_invalid),
		cmocka_unit_test(test_id_old),
		cmocka_unit_test(test_mobile),
		cmocka_unit_test(test_email),
		cmocka_unit_test(test_bank_card),
		cmocka_unit_test(test_mixed),
		cmocka_unit_test(test_stop_and_names),
		cmocka_unit_test(test_invalid_utf8),
	};
	return cmocka_run_group_tests_name("pii", tests, NULL, NULL);
}
