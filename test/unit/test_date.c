/*
 * Unit tests for date: every accepted form, the range checks, leap years,
 * offsets east and west, dates before 1970, and formatting.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "date.h"
#include "unit.h"

/* Parse s with default offset def; fail the test unless it gives t, off. */
static void
expect(const char *s, int def, int64_t t, int off)
{
	int64_t got = 12345;
	int goff = 12345;

	if (date_parse(s, def, &got, &goff) != GZ_OK)
		fail_msg("date_parse(\"%s\") refused", s);
	if (got != t || goff != off)
		fail_msg("date_parse(\"%s\") = %lld %d, want %lld %d", s,
		    (long long)got, goff, (long long)t, off);
}

static void
refuse(const char *s)
{
	int64_t t = 777;
	int off = 777;

	if (date_parse(s, 480, &t, &off) != GZ_EINVAL)
		fail_msg("date_parse(\"%s\") accepted", s);
	/* Nothing is written on failure. */
	assert_int_equal(t, 777);
	assert_int_equal(off, 777);
}

static void
expect_format(int64_t t, int off, const char *want)
{
	struct buf b = BUF_INIT;

	date_format(&b, t, off);
	assert_string_equal(buf_cstr(&b), want);
	buf_free(&b);
}

static void
test_rfc3339(void **state)
{
	/* 2021-06-07T01:04:42Z = 1623027882 */
	expect("2021-06-07T09:04:42+08:00", 0, 1623027882, 480);
	expect("2021-06-07T01:04:42Z", 480, 1623027882, 0);
	expect("2021-06-07t01:04:42z", 480, 1623027882, 0);
	expect("2021-06-06T20:04:42-05:00", 0, 1623027882, -300);
	expect("2021-06-07T06:34:42+05:30", 0, 1623027882, 330);
	expect("2021-06-07T09:04:42+0800", 0, 1623027882, 480);
	expect("2021-06-07T09:04:42+08", 0, 1623027882, 480);
	expect("2021-06-07T01:04:42+00:00", 480, 1623027882, 0);
	expect("2021-06-07T01:04:42-00:00", 480, 1623027882, 0);
	expect("1970-01-01T00:00:00Z", 480, 0, 0);
	/* 09:04:42 local is 01:04:42Z at +08:00; 15:59 earlier at +23:59 */
	expect("2021-06-07T09:04:42+23:59", 0, 1623027882 - 15 * 3600 - 59 * 60,
	    23 * 60 + 59);
	expect("2021-06-07T09:04:42-23:59", 0, 1623027882 + 31 * 3600 + 59 * 60,
	    -(23 * 60 + 59));
}

static void
test_default_offset(void **state)
{
	expect("2021-06-07T09:04:42", 480, 1623027882, 480);
	expect("2021-06-07 09:04:42", 480, 1623027882, 480);
	expect("2021-06-07T01:04:42", 0, 1623027882, 0);
	expect("2021-06-06T20:04:42", -300, 1623027882, -300);
	expect("2021-06-07 09:04", 480, 1623027882 - 42, 480);
	expect("2021-06-07", 0, 1623024000, 0);
	expect("2021-06-07", 480, 1623024000 - 8 * 3600, 480);
	/* A zone in the text wins over the default. */
	expect("2021-06-07T01:04:42Z", -300, 1623027882, 0);
}

static void
test_fraction(void **state)
{
	expect("2021-06-07T09:04:42.123+08:00", 0, 1623027882, 480);
	expect("2021-06-07T09:04:42.999999999Z", 0, 1623027882 + 8 * 3600, 0);
	expect("2021-06-07 09:04:42,5", 480, 1623027882, 480);
	refuse("2021-06-07T09:04:42.Z");
	refuse("2021-06-07T09:04:42.");
	refuse("2021-06-07T09:04.5");
}

static void
test_before_1970(void **state)
{
	expect("1969-12-31T23:59:59Z", 0, -1, 0);
	expect("1969-12-31T23:59:59+00:00", 0, -1, 0);
	expect("1900-01-01T00:00:00Z", 0, -2208988800LL, 0);
	expect("0000-01-01T00:00:00Z", 0, -62167219200LL, 0);
	expect("0001-01-01", 0, -62135596800LL, 0);
	expect("1600-02-29T12:00:00Z", 0, -11670955200LL, 0);
	expect_format(-1, 0, "1969-12-31T23:59:59+00:00");
	expect_format(-2208988800LL, 480, "1900-01-01T08:00:00+08:00");
	expect_format(-62167219200LL, 0, "0000-01-01T00:00:00+00:00");
	expect_format(-11670955200LL, -720, "1600-02-29T00:00:00-12:00");
}

static void
test_upper_bound(void **state)
{
	expect("9999-12-31T23:59:59Z", 0, 253402300799LL, 0);
	expect_format(253402300799LL, 0, "9999-12-31T23:59:59+00:00");
	refuse("10000-01-01T00:00:00Z");
	refuse("999-01-01");
}

static void
test_leap_years(void **state)
{
	int64_t t;
	int off;

	expect("2024-02-29", 0, 1709164800, 0);
	expect("2000-02-29", 0, 951782400, 0);
	refuse("2023-02-29");
	refuse("1900-02-29"); /* divisible by 100, not by 400 */
	refuse("2100-02-29");
	assert_int_equal(date_parse("2400-02-29", 0, &t, &off), GZ_OK);
	/* Day 365 of a leap year, then the next day. */
	expect("2024-12-31T00:00:00Z", 0, 1735603200, 0);
	expect("2025-01-01T00:00:00Z", 0, 1735689600, 0);
}

static void
test_range_checks(void **state)
{
	refuse("2021-00-07");
	refuse("2021-13-07");
	refuse("2021-06-00");
	refuse("2021-06-31"); /* June has 30 days */
	refuse("2021-04-31");
	refuse("2021-01-32");
	refuse("2021-06-07T24:00:00Z");
	refuse("2021-06-07T23:60:00Z");
	refuse("2021-06-07T23:59:60Z"); /* no leap seconds */
	refuse("2021-06-07T09:04:42+24:00");
	refuse("2021-06-07T09:04:42+08:60");
	refuse("2021-06-07T09:04:42-99:00");
}

static void
test_syntax(void **state)
{
	refuse("");
	refuse("2021");
	refuse("2021-6-7");
	refuse("2021/06/07");
	refuse("21-06-07");
	refuse("2021-06-07T");
	refuse("2021-06-07T9:04:42");
	refuse("2021-06-07T09:04:42 ");
	refuse(" 2021-06-07");
	refuse("2021-06-07x");
	refuse("2021-06-07T09:04:42+8:00");
	refuse("2021-06-07T09:04:42+08:");
	refuse("2021-06-07T09:04:42+08:0");
	refuse("2021-06-07T09:04:42+08:0012");
	refuse("2021-06-07T09:04:42+080");
	refuse("2021-06-07T09:04:42ZZ");
	refuse("2021-06-07T09:04:42 +08:00");
	refuse("yesterday");
	refuse("２０２１-06-07"); /* fullwidth digits */
	/* A date alone takes no zone. */
	refuse("2021-06-07Z");
	assert_int_equal(date_parse(NULL, 0, NULL, NULL), GZ_EINVAL);
}

static void
test_format(void **state)
{
	expect_format(1623027882, 480, "2021-06-07T09:04:42+08:00");
	expect_format(1623027882, 0, "2021-06-07T01:04:42+00:00");
	expect_format(1623027882, -300, "2021-06-06T20:04:42-05:00");
	expect_format(1623027882, 330, "2021-06-07T06:34:42+05:30");
	expect_format(1623027882, -90, "2021-06-06T23:34:42-01:30");
	expect_format(0, 0, "1970-01-01T00:00:00+00:00");
	expect_format(0, -1, "1969-12-31T23:59:00-00:01");
	/* The offset carries across a year boundary. */
	expect_format(1735689599, 480, "2025-01-01T07:59:59+08:00");
	expect_format(1735689600, -480, "2024-12-31T16:00:00-08:00");
}

/* Whatever date_format writes, date_parse reads back. */
static void
test_round_trip(void **state)
{
	static const int offs[] = {0, 480, -300, 330, -720, 840, 1439, -1439};
	int64_t t, got;
	size_t i;
	int off;
	struct buf b = BUF_INIT;

	for (t = -62135596800LL; t < 253402214400LL;
	     t += 86400LL * 397 + 3607) {
		for (i = 0; i < sizeof offs / sizeof offs[0]; i++) {
			buf_reset(&b);
			date_format(&b, t, offs[i]);
			assert_int_equal(
			    date_parse(buf_cstr(&b), 0, &got, &off), GZ_OK);
			assert_int_equal(got, t);
			assert_int_equal(off, offs[i]);
		}
	}
	buf_free(&b);
}

/* days_from_civil and civil_from_days agree day by day over 2000 years. */
static void
test_civil(void **state)
{
	int64_t days, y;
	int m, d, pm = 12, pd = 31;
	int64_t py = 1199;

	assert_int_equal(date_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(date_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(date_days_from_civil(1969, 12, 31), -1);
	for (days = date_days_from_civil(1200, 1, 1);
	     days < date_days_from_civil(3200, 1, 1); days++) {
		date_civil_from_days(days, &y, &m, &d);
		assert_int_equal(date_days_from_civil(y, m, d), days);
		/* Each day follows the one before. */
		if (d == 1)
			assert_true((m == 1 && y == py + 1 && pm == 12) ||
			    (m == pm + 1 && y == py));
		else
			assert_true(d == pd + 1 && m == pm && y == py);
		py = y, pm = m, pd = d;
	}
}

/* Extreme times neither crash nor overflow. */
static void
test_format_extremes(void **state)
{
	struct buf b = BUF_INIT;

	date_format(&b, INT64_MAX, 1439);
	date_format(&b, INT64_MIN, -1439);
	date_format(&b, 0, 1 << 30);
	assert_int_equal(buf_error(&b), GZ_OK);
	assert_true(b.len > 0);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_rfc3339),
	    cmocka_unit_test(test_default_offset),
	    cmocka_unit_test(test_fraction),
	    cmocka_unit_test(test_before_1970),
	    cmocka_unit_test(test_upper_bound),
	    cmocka_unit_test(test_leap_years),
	    cmocka_unit_test(test_range_checks),
	    cmocka_unit_test(test_syntax),
	    cmocka_unit_test(test_format),
	    cmocka_unit_test(test_round_trip),
	    cmocka_unit_test(test_civil),
	    cmocka_unit_test(test_format_extremes),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
