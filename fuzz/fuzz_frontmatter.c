/*
 * fuzz_frontmatter: libFuzzer target for the front matter reader and
 * writer.  Whatever parses must survive a round trip: write it, parse the
 * result, and get the same article; write that, and get the same bytes.
 * And any UTF-8 text put into every string field (and an extra field)
 * must come back from write and parse unchanged, which tests the
 * writer's quoting on strings no YAML file would hold.
 *
 *	clang -fsanitize=fuzzer,address,undefined ... fuzz/fuzz_frontmatter.c
 *	./fuzz_frontmatter fuzz/corpus/frontmatter
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "article.h"
#include "buf.h"
#include "frontmatter.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Print what differs, then abort, so the crash report says why. */
static void
fail(const char *what, const struct buf *w1, const struct buf *w2)
{
	fprintf(stderr,
	    "fuzz_frontmatter: %s\n--- first write:\n%s\n"
	    "--- second write:\n%s\n",
	    what, buf_cstr(w1), buf_cstr(w2));
	abort();
}

/* Put s into every string of an article; write, parse, compare. */
static void
check_writer(const char *s, size_t n)
{
	struct buf w1 = BUF_INIT, w2 = BUF_INIT, why = BUF_INIT, key = BUF_INIT;
	struct article a, b;
	json_t *obj;
	char *extra;

	if (!utf8_valid(s, n, NULL) || memchr(s, '\0', n) != NULL)
		return;
	article_init(&a);
	article_init(&b);
	a.date_offset = b.date_offset = 480;
	a.status = ARTICLE_PUBLISHED;
	buf_puts(&key, "x-");
	buf_put(&key, s, n);
	if ((obj = json_object()) == NULL ||
	    json_object_set_new(obj, buf_cstr(&key), json_stringn(s, n)) ||
	    json_object_set_new(obj, "k", json_pack("[s#]", s, n)) ||
	    (extra = json_dumps(obj,
	         JSON_COMPACT | JSON_PRESERVE_ORDER |
	             JSON_REAL_PRECISION(17))) == NULL)
		abort();
	json_decref(obj);
	if (article_set(&a.title, n ? s : "t") || article_set(&a.subtitle, s) ||
	    article_set(&a.author, s) || article_set(&a.source, s) ||
	    article_set(&a.summary, s) || article_set(&a.translation_key, s) ||
	    article_set(&a.lang, s) || article_set(&a.channel, s) ||
	    article_set(&a.body, s) || strv_push(&a.tags, s) ||
	    strv_push(&a.categories, s))
		abort();
	/* Bodies are stored with \n line ends, as the reader leaves them. */
	article_normalize_body(&a);
	a.extra = extra;
	if (frontmatter_write(&w1, &a) != GZ_OK)
		fail("writer: write failed", &w1, &w2);
	if (frontmatter_parse("w.md", w1.data, w1.len, &b, &why) != GZ_OK) {
		fprintf(stderr, "%s\n", buf_cstr(&why));
		fail("writer: the written file does not parse", &w1, &w2);
	}
	if (!article_same_content(&a, &b)) {
		frontmatter_write(&w2, &b);
		fail("writer: the round trip changed the article", &w1, &w2);
	}
	article_clear(&a);
	article_clear(&b);
	buf_free(&w1);
	buf_free(&w2);
	buf_free(&why);
	buf_free(&key);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf text = BUF_INIT, why = BUF_INIT, w1 = BUF_INIT,
	           w2 = BUF_INIT;
	struct article a1, a2;
	int rc;

	/* The reader wants a NUL at text[n], as file_read() leaves it. */
	buf_put(&text, data, size);
	if (buf_error(&text))
		return 0;
	article_init(&a1);
	article_init(&a2);
	a1.date_offset = a2.date_offset = 480;
	rc = frontmatter_parse("fuzz.md", buf_cstr(&text), size, &a1, &why);
	if (rc == GZ_OK) {
		if (frontmatter_write(&w1, &a1) != GZ_OK)
			fail("write failed", &w1, &w2);
		/* The slug comes from the file name, which the writer
		 * leaves out; the caller sets it as the importer would. */
		if (article_set(&a2.slug, a1.slug))
			abort();
		buf_reset(&why);
		rc = frontmatter_parse("fuzz.md", w1.data, w1.len, &a2, &why);
		if (rc != GZ_OK) {
			fprintf(stderr, "%s\n", buf_cstr(&why));
			fail("the written file does not parse", &w1, &w2);
		}
		if (!article_same_content(&a1, &a2)) {
			frontmatter_write(&w2, &a2);
			fail("the round trip changed the article", &w1, &w2);
		}
		if (frontmatter_write(&w2, &a2) != GZ_OK || !buf_eq(&w1, &w2))
			fail("the second write differs from the first", &w1,
			    &w2);
	} else if (rc != GZ_EINVAL && rc != GZ_EUTF8) {
		abort(); /* GZ_ENOMEM is not expected here */
	} else if (why.len == 0) {
		fail("an error without a message", &w1, &w2);
	}
	article_clear(&a1);
	article_clear(&a2);
	check_writer(buf_cstr(&text), size);
	buf_free(&text);
	buf_free(&why);
	buf_free(&w1);
	buf_free(&w2);
	return 0;
}
