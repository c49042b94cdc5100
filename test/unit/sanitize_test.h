/*
 * sanitize_test.h: what the sanitizer's tests (test_sanitize.c,
 * test_sanitize_word.c, test_sanitize_lists.c) share: sanitize an input
 * and compare the whole output, so that a change in any byte fails.
 */
#ifndef GZ_SANITIZE_TEST_H
#define GZ_SANITIZE_TEST_H

#include <string.h>

#include "buf.h"
#include "sanitize.h"
#include "unit.h"

/* Sanitize in[0..n) and compare the whole output with want. */
static inline void
check_len(const char *in, size_t n, const char *want)
{
	struct buf out = BUF_INIT;

	assert_int_equal(sanitize_html(&out, in, n), GZ_OK);
	assert_string_equal(buf_cstr(&out), want);
	assert_int_equal(out.len, strlen(want));
	buf_free(&out);
}

static inline void
check(const char *in, const char *want)
{
	check_len(in, strlen(in), want);
}

#endif
