/*
 * Unit tests for search_cache: an answer is given back only for its key,
 * its index version and within its time to live; the least recently used
 * go first when entries or bytes run out; and threads may share it.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "search_cache.h"

static void
put(struct search_cache *c, const char *k, int64_t v, int64_t now,
    const char *body)
{
	search_cache_put(c, k, strlen(k), v, now, body, strlen(body));
}

/* The answer for k, or NULL; *b holds it. */
static const char *
get(struct search_cache *c, const char *k, int64_t v, int64_t now,
    struct buf *b)
{
	buf_reset(b);
	if (!search_cache_get(c, k, strlen(k), v, now, b))
		return b->len == 0 ? NULL : "(not found, yet out changed)";
	return buf_cstr(b);
}

static void
test_key_and_version(void **state)
{
	struct search_cache *c = search_cache_new(16, 1 << 20, 60);
	struct buf b = BUF_INIT;

	(void)state;
	assert_non_null(c);
	assert_null(get(c, "q\x1f" "协会", 1, 100, &b));
	put(c, "q\x1f" "协会", 1, 100, "{\"total\": 3}");
	put(c, "q\x1f" "会议", 1, 100, "{\"total\": 5}");
	assert_string_equal(get(c, "q\x1f" "协会", 1, 101, &b),
	    "{\"total\": 3}");
	assert_string_equal(get(c, "q\x1f" "会议", 1, 101, &b),
	    "{\"total\": 5}");
	/* A key that is a prefix of another is another key. */
	assert_null(get(c, "q\x1f" "协", 1, 101, &b));
	/* The index changed: nothing kept is given. */
	assert_null(get(c, "q\x1f" "协会", 2, 101, &b));
	/* Putting a newer version clears the older answers. */
	put(c, "q\x1f" "x", 2, 101, "x");
	assert_null(get(c, "q\x1f" "会议", 1, 101, &b));
	/* An answer made from an older index than the newest is not kept. */
	put(c, "q\x1f" "y", 1, 101, "y");
	assert_null(get(c, "q\x1f" "y", 1, 101, &b));
	/* A key put again holds the new answer. */
	put(c, "q\x1f" "x", 2, 102, "xx");
	assert_string_equal(get(c, "q\x1f" "x", 2, 102, &b), "xx");
	buf_reset(&b);
	buf_puts(&b, "kept: ");
	assert_true(search_cache_get(c, "q\x1f" "x", 3, 2, 102, &b));
	assert_string_equal(buf_cstr(&b), "kept: xx"); /* appended */
	search_cache_free(c);
	buf_free(&b);
}

static void
test_time_to_live(void **state)
{
	struct search_cache *c = search_cache_new(16, 1 << 20, 60);
	struct buf b = BUF_INIT;

	(void)state;
	put(c, "k", 1, 1000, "v");
	assert_non_null(get(c, "k", 1, 1059, &b));
	assert_null(get(c, "k", 1, 1060, &b));
	put(c, "k", 1, 1000, "v");
	assert_null(get(c, "k", 1, 999, &b)); /* a clock gone back */
	search_cache_free(c);
	buf_free(&b);
}

static void
test_least_recent_go_first(void **state)
{
	struct search_cache *c = search_cache_new(3, 1 << 20, 60);
	struct search_cache_stats st;
	struct buf b = BUF_INIT;
	char body[2000];

	(void)state;
	put(c, "a", 1, 0, "A");
	put(c, "b", 1, 0, "B");
	put(c, "c", 1, 0, "C");
	assert_non_null(get(c, "a", 1, 0, &b)); /* a is now the newest */
	put(c, "d", 1, 0, "D");                 /* b goes */
	assert_null(get(c, "b", 1, 0, &b));
	assert_non_null(get(c, "a", 1, 0, &b));
	assert_non_null(get(c, "c", 1, 0, &b));
	assert_non_null(get(c, "d", 1, 0, &b));
	search_cache_stats(c, &st);
	assert_int_equal(st.entries, 3);
	search_cache_free(c);

	/* By bytes: each answer takes about a third of the cache. */
	c = search_cache_new(100, 7000, 60);
	memset(body, 'x', sizeof body - 1);
	body[sizeof body - 1] = '\0';
	put(c, "a", 1, 0, body);
	put(c, "b", 1, 0, body);
	put(c, "c", 1, 0, body);
	put(c, "d", 1, 0, body);
	search_cache_stats(c, &st);
	assert_true(st.bytes <= 7000);
	assert_int_equal(st.entries, 3);
	assert_null(get(c, "a", 1, 0, &b));
	assert_non_null(get(c, "d", 1, 0, &b));
	/* Larger than the whole cache: not kept, nothing lost. */
	{
		char *big = malloc(8000);
		memset(big, 'y', 7999);
		big[7999] = '\0';
		put(c, "big", 1, 0, big);
		free(big);
	}
	assert_null(get(c, "big", 1, 0, &b));
	assert_non_null(get(c, "d", 1, 0, &b));
	search_cache_stats(c, &st);
	assert_int_equal(st.hits, 2);
	assert_int_equal(st.misses, 2);
	search_cache_free(c);
	buf_free(&b);
}

struct worker {
	struct search_cache *c;
	int id, bad;
};

static void *
work(void *p)
{
	struct worker *w = p;
	struct buf b = BUF_INIT;
	char key[32], want[32];
	int i;

	for (i = 0; i < 20000; i++) {
		int k = (i * 7 + w->id) % 97;
		snprintf(key, sizeof key, "key %d", k);
		snprintf(want, sizeof want, "answer %d", k);
		buf_reset(&b);
		if (search_cache_get(w->c, key, strlen(key), 1, 0, &b)) {
			if (strcmp(buf_cstr(&b), want) != 0)
				w->bad++;
		} else {
			search_cache_put(w->c, key, strlen(key), 1, 0, want,
			    strlen(want));
		}
	}
	buf_free(&b);
	return NULL;
}

static void
test_threads(void **state)
{
	struct search_cache *c = search_cache_new(50, 1 << 20, 60);
	struct worker w[4];
	pthread_t t[4];
	struct search_cache_stats st;
	int i;

	(void)state;
	for (i = 0; i < 4; i++) {
		w[i] = (struct worker){c, i, 0};
		assert_int_equal(pthread_create(&t[i], NULL, work, &w[i]), 0);
	}
	for (i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].bad, 0);
	}
	search_cache_stats(c, &st);
	assert_int_equal(st.hits + st.misses, 80000);
	assert_true(st.entries <= 50);
	search_cache_free(c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_key_and_version),
		cmocka_unit_test(test_time_to_live),
		cmocka_unit_test(test_least_recent_go_first),
		cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests_name("search_cache", tests, NULL, NULL);
}
