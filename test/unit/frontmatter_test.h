/*
 * frontmatter_test.h: helpers shared by test_frontmatter.c and
 * test_frontmatter_errors.c.
 */
#ifndef GZ_FRONTMATTER_TEST_H
#define GZ_FRONTMATTER_TEST_H

#include <string.h>

#include "article.h"
#include "buf.h"
#include "frontmatter.h"
#include "unit.h"

/* Parse text with default offset +08:00; return the result code. */
static inline int
parse(const char *text, struct article *a, struct buf *why)
{
	article_init(a);
	a->date_offset = 480;
	buf_reset(why);
	return frontmatter_parse("a.md", text, strlen(text), a, why);
}

/* Parsing text fails with rc and exactly the message want. */
static inline void
expect_error(const char *text, int rc, const char *want)
{
	struct article a;
	struct buf why = BUF_INIT;

	assert_int_equal(parse(text, &a, &why), rc);
	assert_string_equal(buf_cstr(&why), want);
	article_clear(&a);
	buf_free(&why);
}

/* text parses, and writing it gives want (NULL: text itself). */
static inline void
expect_write(const char *text, const char *want)
{
	struct article a, b;
	struct buf why = BUF_INIT, out = BUF_INIT, out2 = BUF_INIT;

	if (parse(text, &a, &why) != GZ_OK)
		fail_msg("%s", buf_cstr(&why));
	assert_int_equal(frontmatter_write(&out, &a), GZ_OK);
	assert_string_equal(buf_cstr(&out), want ? want : text);
	/* And the written file reads back as the same article, given the
	 * slug, which comes from the file name. */
	article_init(&b);
	b.date_offset = 480;
	assert_int_equal(article_set(&b.slug, a.slug), GZ_OK);
	if (frontmatter_parse("b.md", out.data, out.len, &b, &why) != GZ_OK)
		fail_msg("%s", buf_cstr(&why));
	assert_true(article_same_content(&a, &b));
	assert_int_equal(frontmatter_write(&out2, &b), GZ_OK);
	assert_true(buf_eq(&out, &out2));
	article_clear(&a);
	article_clear(&b);
	buf_free(&why);
	buf_free(&out);
	buf_free(&out2);
}

#endif
