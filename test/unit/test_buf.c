/*
 * Unit tests for buf: appends, printf, detach, and the sticky error.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"

static void
test_append(void **state)
{
	struct buf b = BUF_INIT;

	assert_string_equal(buf_cstr(&b), "");
	buf_puts(&b, "abc");
	buf_putc(&b, '-');
	buf_put(&b, "xyz", 2);
	buf_printf(&b, "%d:%s", 42, "q");
	assert_int_equal(buf_error(&b), GZ_OK);
	assert_string_equal(buf_cstr(&b), "abc-xy42:q");
	assert_int_equal(b.len, 10);
	buf_truncate(&b, 3);
	assert_string_equal(buf_cstr(&b), "abc");
	buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(buf_cstr(&b), "");
	buf_free(&b);
}

static void
test_grow_large(void **state)
{
	struct buf b = BUF_INIT;
	size_t i;

	for (i = 0; i < 100000; i++)
		buf_printf(&b, "%zu,", i % 10);
	assert_int_equal(b.len, 200000);
	assert_int_equal(buf_error(&b), GZ_OK);
	assert_int_equal(b.data[b.len], '\0');
	buf_free(&b);
}

static void
test_detach(void **state)
{
	struct buf b = BUF_INIT;
	size_t n = 99;
	char *s;

	s = buf_detach(&b, &n);
	assert_non_null(s);
	assert_string_equal(s, "");
	assert_int_equal(n, 0);
	free(s);
	buf_puts(&b, "hello");
	s = buf_detach(&b, &n);
	assert_string_equal(s, "hello");
	assert_int_equal(n, 5);
	assert_null(b.data);
	free(s);
}

static void
test_sticky_error(void **state)
{
	struct buf b = BUF_INIT;

	buf_puts(&b, "ok");
	/* A request no allocator can meet sets the sticky error... */
	assert_int_equal(buf_grow(&b, (size_t)-1 / 2 + 10), GZ_ENOMEM);
	/* ...after which appends do nothing and the error stays. */
	buf_puts(&b, "more");
	buf_printf(&b, "%s", "x");
	assert_int_equal(buf_error(&b), GZ_ENOMEM);
	assert_string_equal(buf_cstr(&b), "ok");
	assert_null(buf_detach(&b, NULL));
	/* buf_reset clears the error. */
	buf_reset(&b);
	buf_puts(&b, "again");
	assert_int_equal(buf_error(&b), GZ_OK);
	assert_string_equal(buf_cstr(&b), "again");
	buf_free(&b);
}

static void
test_eq(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;

	assert_true(buf_eq(&a, &b));
	buf_puts(&a, "x");
	assert_false(buf_eq(&a, &b));
	buf_puts(&b, "x");
	assert_true(buf_eq(&a, &b));
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_grow_large),
		cmocka_unit_test(test_detach),
		cmocka_unit_test(test_sticky_error),
		cmocka_unit_test(test_eq),
	};
	return cmocka_run_group_tests_name("buf", tests, NULL, NULL);
}
