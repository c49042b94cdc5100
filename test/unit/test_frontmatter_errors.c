/*
 * Unit tests for frontmatter's error messages: each bad file gives the
 * exact message, with its file, line (and column) and what to do.
 */
#include <stdlib.h>
#include <string.h>

#include "frontmatter_test.h"

static void
test_err_missing_title(void **state)
{
	const char *want = "a.md:1: no title in the front matter; add a line "
	                   "`title: \"...\"`";

	expect_error("---\nauthor: x\n---\n", GZ_EINVAL, want);
	expect_error("---\ntitle: \"\"\n---\n", GZ_EINVAL, want);
	expect_error("---\ntitle:\n---\n", GZ_EINVAL, want);
	expect_error("---\n---\n", GZ_EINVAL, want);
	expect_error("---\n# only a comment\n---\nbody\n", GZ_EINVAL, want);
}

static void
test_err_yaml(void **state)
{
	expect_error("---\ntitle: \"unclosed\nauthor: b\n---\nbody\n",
	    GZ_EINVAL,
	    "a.md:4:1: YAML error: found unexpected end of stream "
	    "while scanning a quoted scalar that starts on line 2; check "
	    "quoting on that line");
	expect_error("---\ntitle: a: b\n---\n", GZ_EINVAL,
	    "a.md:2:9: YAML error: mapping values are not allowed in this "
	    "context; check quoting on that line");
	expect_error("---\ntitle: x\nauthor: y\n  bad: 1\n---\n", GZ_EINVAL,
	    "a.md:4:6: YAML error: mapping values are not allowed in this "
	    "context; check quoting on that line");
	/* The column counts characters, not bytes. */
	expect_error("---\ntitle: \"标题\" x\n---\n", GZ_EINVAL,
	    "a.md:2:13: YAML error: did not find expected key while parsing "
	    "a block mapping; check quoting on that line");
	expect_error("---\ntitle: x\nlist:\n  - a\n b: 1\n---\n", GZ_EINVAL,
	    "a.md:5:2: YAML error: did not find expected key while parsing "
	    "a block mapping that starts on line 2; check quoting on that "
	    "line");
	expect_error("---\ntitle: x\nm: [a, b\nc: 1\n---\n", GZ_EINVAL,
	    "a.md:4:2: YAML error: did not find expected ',' or ']' while "
	    "parsing a flow sequence that starts on line 3; check quoting on "
	    "that line");
	expect_error("---\ntitle: x\n\ty: 1\n---\n", GZ_EINVAL,
	    "a.md:3:1: YAML error: found a tab character that violates "
	    "indentation while scanning a plain scalar that starts on line 2; "
	    "check quoting on that line");
	/* Lines are \n lines, as editors count them, though libyaml also
	 * breaks lines at a lone CR. */
	expect_error("---\ntitle: x\rauthor: y\n  bad: 1\n---\n", GZ_EINVAL,
	    "a.md:3:6: YAML error: mapping values are not allowed in this "
	    "context; check quoting on that line");
	/* libyaml's reader refuses C1 controls and reports an offset. */
	expect_error("---\ntitle: x\nfoo: ab\xc2\x81\n---\n", GZ_EINVAL,
	    "a.md:3:8: YAML error: control characters are not allowed; "
	    "remove that character");
	expect_error("---\ntitle: x\nfoo: *anchor\n---\n", GZ_EINVAL,
	    "a.md:3:6: YAML aliases (*anchor) are not supported; write the "
	    "value out in full");
	expect_error("---\njust text\n---\n", GZ_EINVAL,
	    "a.md:2: the front matter must be `key: value` lines, like "
	    "`title: \"...\"`");
	expect_error("---\n- a\n- b\n---\n", GZ_EINVAL,
	    "a.md:2: the front matter must be `key: value` lines, like "
	    "`title: \"...\"`");
	expect_error("---\ntitle: x\n...\nmore: 1\n---\n", GZ_EINVAL,
	    "a.md:4:1: YAML error: did not find expected <document start>; "
	    "check quoting on that line");
	expect_error("---\ntitle: x\n--- b: 1\n---\n", GZ_EINVAL,
	    "a.md:3: the front matter holds a second YAML document; remove "
	    "the `...` or `---` line before it");
	expect_error("---\ntitle: [a]\n---\n", GZ_EINVAL,
	    "a.md:2: `title` must be a single value, not a list or mapping; "
	    "write it as `title: \"...\"`");
	expect_error("---\ntitle: x\n[a]: 1\n---\n", GZ_EINVAL,
	    "a.md:3: front matter keys must be single words like `title`, "
	    "not lists or mappings");
	expect_error("---\ntitle: \"a\\0b\"\n---\n", GZ_EINVAL,
	    "a.md:2: a NUL character (\\0) in a key or value; remove it");
	expect_error("---\ntitle: x\nk: {a: 1, a: 2}\n---\n", GZ_EINVAL,
	    "a.md:3: key `a` appears twice in one mapping (lines 3 and 3); "
	    "keep one");
}

static void
test_err_utf8(void **state)
{
	/* Line 3, column 9: 标题 are two characters of three bytes. */
	expect_error("---\ntitle: x\nauthor: 标题\xe6\x9c\n---\n", GZ_EUTF8,
	    "a.md:3:11: invalid UTF-8; save the file as UTF-8");
	/* In the body too, and GBK text is the usual culprit. */
	expect_error("---\ntitle: x\n---\n\nok\n\xd6\xd0\xce\xc4\n", GZ_EUTF8,
	    "a.md:6:1: invalid UTF-8; save the file as UTF-8");
	/* Overlong and surrogate encodings are invalid too. */
	expect_error("---\ntitle: \xc0\xaf\n---\n", GZ_EUTF8,
	    "a.md:2:8: invalid UTF-8; save the file as UTF-8");
	expect_error("---\ntitle: \xed\xa0\x80\n---\n", GZ_EUTF8,
	    "a.md:2:8: invalid UTF-8; save the file as UTF-8");
}

static void
test_err_nul(void **state)
{
	struct article a;
	struct buf why = BUF_INIT;
	static const char text[] = "---\ntitle: x\n---\n\nab\0cd\n";

	article_init(&a);
	assert_int_equal(
	    frontmatter_parse("a.md", text, sizeof text - 1, &a, &why),
	    GZ_EINVAL);
	assert_string_equal(buf_cstr(&why),
	    "a.md:5:3: NUL byte in the file; "
	    "save the file as UTF-8 text");
	article_clear(&a);
	buf_free(&why);
}

static void
test_err_values(void **state)
{
	const char *dates = "; write it like 2021-06-07T09:04:42+08:00, "
	                    "2021-06-07 09:04:42 or 2021-06-07";
	struct buf want = BUF_INIT;

	buf_printf(&want, "a.md:3: `date` is not a date: \"June 7\"%s", dates);
	expect_error(
	    "---\ntitle: x\ndate: June 7\n---\n", GZ_EINVAL, buf_cstr(&want));
	buf_reset(&want);
	buf_printf(&want,
	    "a.md:4: `expiryDate` is not a date: "
	    "\"2023-02-29\"%s",
	    dates);
	expect_error("---\ntitle: x\ndate: 2023-02-28\nexpiryDate: 2023-02-29"
	             "\n---\n",
	    GZ_EINVAL, buf_cstr(&want));
	buf_reset(&want);
	/* Long values are cut in the message. */
	buf_printf(&want, "a.md:2: `date` is not a date: \"%s...\"%s",
	    "0123456789012345678901234567890123456789012345678901234567"
	    "89",
	    dates);
	expect_error("---\ndate: 0123456789012345678901234567890123456789012"
	             "3456789012345678901234567890\ntitle: x\n---\n",
	    GZ_EINVAL, buf_cstr(&want));
	expect_error("---\ntitle: x\ndate: 0000-01-01T00:00:00Z\n---\n",
	    GZ_EINVAL,
	    "a.md:3: `date` is out of range; use a year from "
	    "0001 to 9999");
	expect_write("---\ntitle: x\nweight: +3\n---\n",
	    "---\ntitle: \"x\"\nweight: 3\n---\n\n");
	expect_write("---\ntitle: x\nweight: \"0\"\n---\n",
	    "---\ntitle: \"x\"\n---\n\n");
	expect_error("---\ntitle: x\nweight: abc\n---\n", GZ_EINVAL,
	    "a.md:3: `weight` must be a whole number from 0 up, not \"abc\"; "
	    "write e.g. `weight: 1`");
	expect_error("---\ntitle: x\nweight: -1\n---\n", GZ_EINVAL,
	    "a.md:3: `weight` must be a whole number from 0 up, not \"-1\"; "
	    "write e.g. `weight: 1`");
	expect_error("---\ntitle: x\nweight: 1.5\n---\n", GZ_EINVAL,
	    "a.md:3: `weight` must be a whole number from 0 up, not \"1.5\"; "
	    "write e.g. `weight: 1`");
	expect_error("---\ntitle: x\nweight: 2147483648\n---\n", GZ_EINVAL,
	    "a.md:3: `weight` must be a whole number from 0 up, not "
	    "\"2147483648\"; write e.g. `weight: 1`");
	expect_error("---\ntitle: x\nweight: [1]\n---\n", GZ_EINVAL,
	    "a.md:3: `weight` must be a single value, not a list or mapping; "
	    "write it as `weight: \"...\"`");
	expect_error("---\ntitle: x\ndraft: maybe\n---\n", GZ_EINVAL,
	    "a.md:3: `draft` must be true or false, not \"maybe\"");
	expect_error("---\ntitle: x\nstatus: gone\n---\n", GZ_EINVAL,
	    "a.md:3: unknown `status` \"gone\"; use draft, review, approved, "
	    "published or offline");
	expect_error("---\ntitle: x\nformat: rst\n---\n", GZ_EINVAL,
	    "a.md:3: unknown `format` \"rst\"; use markdown or html");
	buf_free(&want);
}

static void
test_err_duplicate(void **state)
{
	expect_error("---\ntitle: a\nauthor: b\ntitle: c\n---\n", GZ_EINVAL,
	    "a.md:4: key `title` appears twice (lines 2 and 4); keep one");
	/* Keys are matched as Hugo does, without regard to case. */
	expect_error("---\ntitle: a\nTranslationKey: b\ntranslationkey: c\n"
	             "---\n",
	    GZ_EINVAL,
	    "a.md:4: key `translationkey` appears twice "
	    "(lines 3 and 4); keep one");
	expect_error("---\r\ntitle: a\r\nauthor: y\r\nauthor: z\r\n---\r\n",
	    GZ_EINVAL,
	    "a.md:4: key `author` appears twice (lines 3 and 4); "
	    "keep one");
	expect_error("---\ntitle: a\nlayout: b\n\nlayout: c\n---\n", GZ_EINVAL,
	    "a.md:5: key `layout` appears twice (lines 3 and 5); keep one");
}

static void
test_err_fences(void **state)
{
	const char *none = "a.md:1: no front matter; the file must start with "
	                   "YAML front matter between --- lines";

	expect_error("+++\ntitle = \"x\"\n+++\nbody\n", GZ_EINVAL,
	    "a.md:1: TOML front matter (+++) is not supported; the file must "
	    "start with YAML front matter between --- lines");
	expect_error("# Just Markdown\n", GZ_EINVAL, none);
	expect_error("", GZ_EINVAL, none);
	expect_error("\n---\ntitle: x\n---\n", GZ_EINVAL, none);
	expect_error("{\"title\": \"json\"}\n", GZ_EINVAL, none);
	expect_error("----\ntitle: x\n----\n", GZ_EINVAL, none);
	expect_error("---\ntitle: x\n", GZ_EINVAL,
	    "a.md:1: the front matter "
	    "is never closed; add a line --- after its last line");
	expect_error("---", GZ_EINVAL,
	    "a.md:1: the front matter is never "
	    "closed; add a line --- after its last line");
	expect_error("---\ntitle: x\n ---\n", GZ_EINVAL,
	    "a.md:1: the front "
	    "matter is never closed; add a line --- after its last line");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_err_missing_title),
	    cmocka_unit_test(test_err_yaml),
	    cmocka_unit_test(test_err_utf8),
	    cmocka_unit_test(test_err_nul),
	    cmocka_unit_test(test_err_values),
	    cmocka_unit_test(test_err_duplicate),
	    cmocka_unit_test(test_err_fences),
	};
	return cmocka_run_group_tests_name("frontmatter errors", tests, NULL,
	    NULL);
}
