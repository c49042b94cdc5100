/*
 * Unit tests for diff: rows for equal, added, removed, moved and
 * changed lines; marks around exactly the changed Chinese character or
 * English word; escaping, bad UTF-8, CRLF and the final newline;
 * folding.  A property test compares random texts against a plain LCS
 * and rebuilds both texts from the rows; a guard runs two unrelated
 * 500 KB texts and checks that the step budget held.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "buf.h"
#include "diff.h"
#include "err.h"
#include "utf8.h"

/*
 * Append the text of html to out: tags removed, entities decoded.  Only
 * <tag> and </tag> may appear, unnested and closed; no raw < > " ' or
 * stray &.  Fails the test otherwise.  Returns the number of marks.
 */
static size_t
unmark(const char *html, const char *tag, struct buf *out)
{
	static const char *const ent[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
		{"&quot;", "\""}, {"&#39;", "'"},
	};
	char open[16], close[16];
	size_t i, k, marks = 0, tl;
	int in = 0;

	snprintf(open, sizeof open, "<%s>", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	tl = strlen(open);
	for (i = 0; html[i];) {
		if (strncmp(html + i, open, tl) == 0) {
			if (in)
				fail_msg("nested %s in \"%s\"", open, html);
			in = 1;
			marks++;
			i += tl;
			if (strncmp(html + i, close, tl + 1) == 0)
				fail_msg("empty mark in \"%s\"", html);
		} else if (strncmp(html + i, close, tl + 1) == 0) {
			if (!in)
				fail_msg("unopened %s in \"%s\"", close, html);
			in = 0;
			i += tl + 1;
		} else if (html[i] == '&') {
			for (k = 0; k < sizeof ent / sizeof ent[0]; k++)
				if (strncmp(html + i, ent[k][0],
				    strlen(ent[k][0])) == 0)
					break;
			if (k == sizeof ent / sizeof ent[0])
				fail_msg("stray & in \"%s\"", html);
			buf_puts(out, ent[k][1]);
			i += strlen(ent[k][0]);
		} else if (strchr("<>\"'\n", html[i])) {
			fail_msg("raw %c in \"%s\"", html[i], html);
		} else {
			buf_putc(out, html[i++]);
		}
	}
	if (in)
		fail_msg("unclosed %s in \"%s\"", open, html);
	if (!utf8_valid(html, strlen(html), NULL))
		fail_msg("html not UTF-8");
	return marks;
}

/* What a side should read as: "\r\n" as "\n", no final newline, bytes
 * that are not UTF-8 and NUL as U+FFFD. */
static void
norm(const char *s, size_t n, struct buf *out)
{
	size_t i, len;
	uint32_t cp;

	for (i = 0; i < n; i += len) {
		len = utf8_decode(s + i, n - i, &cp);
		if (s[i] == '\r' && i + 1 < n && s[i + 1] == '\n')
			continue;
		if (s[i] == '\0' || (len == 1 && (unsigned char)s[i] >= 0x80))
			buf_puts(out, "\xef\xbf\xbd");
		else
			buf_put(out, s + i, len);
	}
	if (out->len > 0 && out->data[out->len - 1] == '\n')
		buf_truncate(out, out->len - 1);
}

/* Lines as the diff sees them. */
struct tline {
	const char *p;
	size_t len;
};

static size_t
tlines(const char *s, size_t n, struct tline **out)
{
	size_t i = 0, k = 0, j;

	*out = calloc(n + 1, sizeof **out);
	assert_non_null(*out);
	while (i < n) {
		for (j = i; j < n && s[j] != '\n'; j++)
			;
		(*out)[k].p = s + i;
		(*out)[k].len = j - i;
		if (j < n && j > i && s[j - 1] == '\r')
			(*out)[k].len--;
		k++;
		i = j + 1;
	}
	return k;
}

/* The length of a longest common subsequence of lines, O(N*M). */
static size_t
lcs(const struct tline *x, size_t n, const struct tline *y, size_t m)
{
	size_t *row = calloc((n + 1) * (m + 1), sizeof *row), i, j, r;

	assert_non_null(row);
	for (i = 1; i <= n; i++)
		for (j = 1; j <= m; j++) {
			size_t up = row[(i - 1) * (m + 1) + j];
			size_t left = row[i * (m + 1) + j - 1];

			if (x[i - 1].len == y[j - 1].len &&
			    memcmp(x[i - 1].p, y[j - 1].p, x[i - 1].len) == 0)
				row[i * (m + 1) + j] =
				    row[(i - 1) * (m + 1) + j - 1] + 1;
			else
				row[i * (m + 1) + j] = up > left ? up : left;
		}
	r = row[n * (m + 1) + m];
	free(row);
	return r;
}

/*
 * Check every row of an unfolded diff of a against b: kinds, line
 * numbers in order, tags, counts, and both texts rebuilt from the rows.
 */
static void
check_diff(const struct diff *d, const char *a, size_t na, const char *b,
    size_t nb)
{
	struct buf l = BUF_INIT, r = BUF_INIT, want = BUF_INIT;
	size_t i, nl = 0, nr = 0, added = 0, removed = 0;

	for (i = 0; i < d->n; i++) {
		const struct diff_row *w = &d->rows[i];
		int has_l = w->kind != DIFF_ADD, has_r = w->kind != DIFF_DEL;

		assert_int_equal(w->folded, 0);
		assert_int_equal(w->left_html != NULL, has_l);
		assert_int_equal(w->right_html != NULL, has_r);
		assert_int_equal(w->left_line, has_l ? nl + 1 : 0);
		assert_int_equal(w->right_line, has_r ? nr + 1 : 0);
		if (has_l) {
			if (nl++ > 0)
				buf_putc(&l, '\n');
			if (unmark(w->left_html, "del", &l) > 0)
				assert_int_equal(w->kind, DIFF_CHANGE);
			removed += w->kind != DIFF_SAME;
		}
		if (has_r) {
			if (nr++ > 0)
				buf_putc(&r, '\n');
			if (unmark(w->right_html, "ins", &r) > 0)
				assert_int_equal(w->kind, DIFF_CHANGE);
			added += w->kind != DIFF_SAME;
		}
		if (w->kind == DIFF_SAME)
			assert_string_equal(w->left_html, w->right_html);
	}
	assert_int_equal(d->added, added);
	assert_int_equal(d->removed, removed);
	assert_true(d->steps <= DIFF_BUDGET);
	norm(a, na, &want);
	if (!buf_eq(&l, &want))
		fail_msg("left side reads \"%s\", want \"%s\"", buf_cstr(&l),
		    buf_cstr(&want));
	buf_reset(&want);
	norm(b, nb, &want);
	if (!buf_eq(&r, &want))
		fail_msg("right side reads \"%s\", want \"%s\"", buf_cstr(&r),
		    buf_cstr(&want));
	buf_free(&l);
	buf_free(&r);
	buf_free(&want);
}

static void
run_n(const char *a, size_t na, const char *b, size_t nb, struct diff *d)
{
	assert_int_equal(diff_texts(a, na, b, nb, d), GZ_OK);
	check_diff(d, a, na, b, nb);
}

static void
run(const char *a, const char *b, struct diff *d)
{
	run_n(a, strlen(a), b, strlen(b), d);
}

/* Fail unless row i is of kind k at lines x and y. */
static void
row_is(const struct diff *d, size_t i, enum diff_kind k, size_t x, size_t y)
{
	if (i >= d->n)
		fail_msg("no row %zu of %zu", i, d->n);
	if (d->rows[i].kind != k || d->rows[i].left_line != x ||
	    d->rows[i].right_line != y)
		fail_msg("row %zu is kind %d at %zu/%zu, want %d at %zu/%zu",
		    i, d->rows[i].kind, d->rows[i].left_line,
		    d->rows[i].right_line, k, x, y);
}

static void
test_equal(void **state)
{
	const char *t = "# 标题\n\n第一段，中文。\nThe second paragraph.\n";
	struct diff d;
	size_t i;

	run(t, t, &d);
	assert_int_equal(d.n, 4);
	for (i = 0; i < d.n; i++) {
		row_is(&d, i, DIFF_SAME, i + 1, i + 1);
		assert_null(strchr(d.rows[i].left_html, '<'));
	}
	assert_string_equal(d.rows[2].left_html, "第一段，中文。");
	assert_int_equal(d.added + d.removed, 0);
	assert_false(d.approximate);
	diff_free(&d);
	run("", "", &d);
	assert_int_equal(d.n, 0);
	diff_free(&d);
}

static void
test_empty_vs_text(void **state)
{
	struct diff d;

	run("", "一\ntwo\n\n", &d);
	assert_int_equal(d.n, 3);
	row_is(&d, 0, DIFF_ADD, 0, 1);
	row_is(&d, 1, DIFF_ADD, 0, 2);
	row_is(&d, 2, DIFF_ADD, 0, 3);
	assert_string_equal(d.rows[0].right_html, "一");
	assert_string_equal(d.rows[2].right_html, "");
	assert_int_equal(d.added, 3);
	assert_int_equal(d.removed, 0);
	diff_free(&d);
}

static void
test_text_vs_empty(void **state)
{
	struct diff d;

	run("one\n二", "", &d);
	assert_int_equal(d.n, 2);
	row_is(&d, 0, DIFF_DEL, 1, 0);
	row_is(&d, 1, DIFF_DEL, 2, 0);
	assert_string_equal(d.rows[1].left_html, "二");
	assert_int_equal(d.removed, 2);
	assert_int_equal(d.added, 0);
	diff_free(&d);
}

static void
test_cjk_char(void **state)
{
	const char *head = "河畔协会今天在市中心召开二〇二六年年会，来自全国各地的"
	    "三百多名会员出席了会议。会长在开幕式上回顾了过去一年的工作，";
	const char *tail = "并宣布了新的社区计划。与会者就环境保护、文化传承和青年"
	    "教育等议题进行了深入讨论，会议持续了整整两天。";
	char a[1024], b[1024], la[1024], rb[1024];
	struct diff d;

	snprintf(a, sizeof a, "标题\n%s%s%s\n结尾\n", head, "特别", tail);
	snprintf(b, sizeof b, "标题\n%s%s%s\n结尾\n", head, "特殊", tail);
	snprintf(la, sizeof la, "%s特<del>别</del>%s", head, tail);
	snprintf(rb, sizeof rb, "%s特<ins>殊</ins>%s", head, tail);
	run(a, b, &d);
	assert_int_equal(d.n, 3);
	row_is(&d, 0, DIFF_SAME, 1, 1);
	row_is(&d, 1, DIFF_CHANGE, 2, 2);
	row_is(&d, 2, DIFF_SAME, 3, 3);
	assert_string_equal(d.rows[1].left_html, la);
	assert_string_equal(d.rows[1].right_html, rb);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.removed, 1);
	diff_free(&d);

	/* Full-width punctuation and kana are tokens of their own too. */
	run("カタカナ，ひらがな。", "カタカナ、ひらかな。", &d);
	assert_string_equal(d.rows[0].left_html,
	    "カタカナ<del>，</del>ひら<del>が</del>な。");
	assert_string_equal(d.rows[0].right_html,
	    "カタカナ<ins>、</ins>ひら<ins>か</ins>な。");
	diff_free(&d);
}

static void
test_english_word(void **state)
{
	struct diff d;

	run("The quick brown fox jumps over the lazy dog.\n",
	    "The quick red fox jumps over the lazy dog.\n", &d);
	assert_int_equal(d.n, 1);
	row_is(&d, 0, DIFF_CHANGE, 1, 1);
	assert_string_equal(d.rows[0].left_html,
	    "The quick <del>brown</del> fox jumps over the lazy dog.");
	assert_string_equal(d.rows[0].right_html,
	    "The quick <ins>red</ins> fox jumps over the lazy dog.");
	diff_free(&d);

	/* An accented word is one token; digits join letters. */
	run("a naïve café in 2025 opened", "a naive café in 2026 opened", &d);
	assert_string_equal(d.rows[0].left_html,
	    "a <del>naïve</del> café in <del>2025</del> opened");
	assert_string_equal(d.rows[0].right_html,
	    "a <ins>naive</ins> café in <ins>2026</ins> opened");
	diff_free(&d);

	/* Space between two changed words joins them into one mark. */
	run("one two three four", "one 2 3 four", &d);
	assert_string_equal(d.rows[0].left_html, "one <del>two three</del> four");
	assert_string_equal(d.rows[0].right_html, "one <ins>2 3</ins> four");
	diff_free(&d);
}

static void
test_insert_middle(void **state)
{
	struct diff d;
	size_t i;

	run("L1\nL2\nL3\nL4\nL5\n", "L1\nL2\nL3\n新的一段\nL4\nL5\n", &d);
	assert_int_equal(d.n, 6);
	for (i = 0; i < 3; i++)
		row_is(&d, i, DIFF_SAME, i + 1, i + 1);
	row_is(&d, 3, DIFF_ADD, 0, 4);
	assert_string_equal(d.rows[3].right_html, "新的一段");
	row_is(&d, 4, DIFF_SAME, 4, 5);
	row_is(&d, 5, DIFF_SAME, 5, 6);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.removed, 0);
	diff_free(&d);
}

static void
test_moved(void **state)
{
	struct diff d;

	run("A\nB\nC\nD\nE\n", "A\nC\nD\nE\nB\n", &d);
	assert_int_equal(d.n, 6);
	row_is(&d, 0, DIFF_SAME, 1, 1);
	row_is(&d, 1, DIFF_DEL, 2, 0);
	row_is(&d, 2, DIFF_SAME, 3, 2);
	row_is(&d, 3, DIFF_SAME, 4, 3);
	row_is(&d, 4, DIFF_SAME, 5, 4);
	row_is(&d, 5, DIFF_ADD, 0, 5);
	diff_free(&d);
}

/* Removed and added lines pair up by likeness, not by position. */
static void
test_pairing(void **state)
{
	struct diff d;

	run("intro\nThe council met on Monday to vote.\nend\n",
	    "intro\nA wholly unrelated sentence here.\n"
	    "The council met on Tuesday to vote.\nend\n", &d);
	assert_int_equal(d.n, 4);
	row_is(&d, 1, DIFF_ADD, 0, 2);
	row_is(&d, 2, DIFF_CHANGE, 2, 3);
	assert_string_equal(d.rows[2].left_html,
	    "The council met on <del>Monday</del> to vote.");
	diff_free(&d);

	/* A run too long to weigh every pair is paired in order. */
	{
		struct buf x = BUF_INIT, y = BUF_INIT;
		size_t i;

		for (i = 0; i < 201; i++) {
			buf_printf(&x, "row %zu says alpha and beta\n", i);
			buf_printf(&y, "row %zu says alpha and gamma\n", i);
		}
		run_n(x.data, x.len, y.data, y.len, &d);
		assert_int_equal(d.n, 201);
		for (i = 0; i < 201; i++) {
			row_is(&d, i, DIFF_CHANGE, i + 1, i + 1);
			assert_non_null(strstr(d.rows[i].left_html,
			    "and <del>beta</del>"));
		}
		diff_free(&d);
		buf_free(&x);
		buf_free(&y);
	}

	/* Lines with nothing in common are not shown as one change. */
	run("甲乙丙丁\n", "hello world\n", &d);
	assert_int_equal(d.n, 2);
	row_is(&d, 0, DIFF_DEL, 1, 0);
	row_is(&d, 1, DIFF_ADD, 0, 1);
	diff_free(&d);
}

static void
test_escape(void **state)
{
	struct diff d;

	run("<script>alert('x')</script>\nA & B \"q\"\n",
	    "<script>alert('y')</script>\nA & B \"q\"\n<b>new</b>\n", &d);
	assert_int_equal(d.n, 3);
	assert_string_equal(d.rows[0].left_html,
	    "&lt;script&gt;alert(&#39;<del>x</del>&#39;)&lt;/script&gt;");
	assert_string_equal(d.rows[0].right_html,
	    "&lt;script&gt;alert(&#39;<ins>y</ins>&#39;)&lt;/script&gt;");
	assert_string_equal(d.rows[1].left_html, "A &amp; B &quot;q&quot;");
	assert_string_equal(d.rows[2].right_html, "&lt;b&gt;new&lt;/b&gt;");
	diff_free(&d);
}

static void
test_bad_utf8(void **state)
{
	static const char a[] = "ab\xff\xfe cd\n\xe4\xb8\nx\0y\n";
	static const char b[] = "ab\xff cd\n\xe4\xb8\xad\nx\0y\n";
	struct diff d;

	run_n(a, sizeof a - 1, b, sizeof b - 1, &d);
	assert_int_equal(d.n, 4);
	row_is(&d, 0, DIFF_CHANGE, 1, 1);
	/* Each bad byte is a token: only the second one changed. */
	assert_string_equal(d.rows[0].left_html,
	    "ab\xef\xbf\xbd<del>\xef\xbf\xbd</del> cd");
	assert_string_equal(d.rows[0].right_html, "ab\xef\xbf\xbd cd");
	/* Two bad bytes have nothing in common with 中. */
	row_is(&d, 1, DIFF_DEL, 2, 0);
	assert_string_equal(d.rows[1].left_html, "\xef\xbf\xbd\xef\xbf\xbd");
	row_is(&d, 2, DIFF_ADD, 0, 2);
	row_is(&d, 3, DIFF_SAME, 3, 3);
	assert_string_equal(d.rows[3].left_html, "x\xef\xbf\xbdy");
	diff_free(&d);

	/* Truncated and overlong sequences, lone continuation bytes. */
	run("\xc0\xaf\x80\xe4\n\xf0\x9f\x98", "\xed\xa0\x80\n\xf0\x9f\x98\x80",
	    &d);
	diff_free(&d);
}

static void
test_newlines(void **state)
{
	struct diff d;

	/* CRLF against LF, and no final newline, show no change. */
	run("a\r\nb\r\n", "a\nb", &d);
	assert_int_equal(d.n, 2);
	row_is(&d, 0, DIFF_SAME, 1, 1);
	row_is(&d, 1, DIFF_SAME, 2, 2);
	assert_string_equal(d.rows[1].left_html, "b");
	diff_free(&d);
	run("a\r\nb\r\n", "a\nc\n", &d);
	row_is(&d, 0, DIFF_SAME, 1, 1);
	row_is(&d, 1, DIFF_DEL, 2, 0);
	diff_free(&d);
	/* A blank last line is a line. */
	run("a\n", "a\n\n", &d);
	assert_int_equal(d.n, 2);
	row_is(&d, 1, DIFF_ADD, 0, 2);
	diff_free(&d);
	/* A lone CR is text. */
	run("a\rb\n", "a\rc\n", &d);
	assert_string_equal(d.rows[0].left_html, "a\r<del>b</del>");
	diff_free(&d);
}

static void
test_fold(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct diff d;
	size_t i;

	for (i = 1; i <= 30; i++) {
		buf_printf(&a, "line %zu\n", i);
		buf_printf(&b, i == 15 ? "line fifteen\n" : "line %zu\n", i);
	}
	run(a.data, b.data, &d);
	assert_int_equal(d.n, 30);
	assert_int_equal(diff_fold(&d, 3), GZ_OK);
	assert_int_equal(d.n, 9);
	row_is(&d, 0, DIFF_SAME, 1, 1);
	assert_int_equal(d.rows[0].folded, 11);
	assert_null(d.rows[0].left_html);
	assert_null(d.rows[0].right_html);
	for (i = 1; i <= 3; i++) {
		row_is(&d, i, DIFF_SAME, 11 + i, 11 + i);
		assert_int_equal(d.rows[i].folded, 0);
		assert_non_null(d.rows[i].left_html);
	}
	row_is(&d, 4, DIFF_CHANGE, 15, 15);
	row_is(&d, 7, DIFF_SAME, 18, 18);
	row_is(&d, 8, DIFF_SAME, 19, 19);
	assert_int_equal(d.rows[8].folded, 12);
	/* Again: markers stay, nothing more to fold. */
	assert_int_equal(diff_fold(&d, 3), GZ_OK);
	assert_int_equal(d.n, 9);
	diff_free(&d);

	/* No context: only the change and two markers. */
	run(a.data, b.data, &d);
	diff_fold(&d, 0);
	assert_int_equal(d.n, 3);
	assert_int_equal(d.rows[0].folded, 14);
	assert_int_equal(d.rows[2].folded, 15);
	diff_free(&d);

	/* A run that would hide one line only is shown. */
	run(a.data, b.data, &d);
	diff_fold(&d, 13);
	assert_int_equal(d.n, 29);
	assert_int_equal(d.rows[0].folded, 0);
	row_is(&d, 28, DIFF_SAME, 29, 29);
	assert_int_equal(d.rows[28].folded, 2);
	diff_free(&d);

	/* Much context: nothing folds. */
	run(a.data, b.data, &d);
	diff_fold(&d, (size_t)-1);
	assert_int_equal(d.n, 30);
	diff_free(&d);

	/* No change at all: one marker. */
	run(a.data, a.data, &d);
	diff_fold(&d, 3);
	assert_int_equal(d.n, 1);
	assert_int_equal(d.rows[0].folded, 30);
	row_is(&d, 0, DIFF_SAME, 1, 1);
	diff_free(&d);
	buf_free(&a);
	buf_free(&b);
}

static uint64_t rng = 88172645463325252ULL;

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng % n);
}

static void
random_text(struct buf *t, size_t max)
{
	static const char *const piece[] = {
		"a", "b", "ab", " ", "中", "文", "，", "\n", "\n", "\n",
		"\r\n", "<", "&",
	};
	size_t i, n = rnd((uint32_t)max + 1);

	buf_reset(t);
	for (i = 0; i < n; i++)
		buf_puts(t, piece[rnd(sizeof piece / sizeof piece[0])]);
	if (rnd(4) == 0)
		buf_putc(t, '\xff');
}

/* Random pairs: both texts come back from the rows and the number of
 * changed lines is that of a longest common subsequence. */
static void
test_property(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct tline *la, *lb;
	size_t round, n1, n2, common, same, i;
	struct diff d;

	for (round = 0; round < 4000; round++) {
		random_text(&a, 24);
		/* Often an edit of a, so that the texts share lines. */
		if (rnd(2)) {
			random_text(&b, 24);
		} else {
			buf_reset(&b);
			buf_put(&b, a.data, a.len / 2);
			buf_puts(&b, rnd(2) ? "中\n" : "b");
			buf_put(&b, a.data + a.len / 2, a.len - a.len / 2);
		}
		run_n(a.data, a.len, b.data, b.len, &d);
		n1 = tlines(a.data, a.len, &la);
		n2 = tlines(b.data, b.len, &lb);
		common = lcs(la, n1, lb, n2);
		for (i = same = 0; i < d.n; i++)
			same += d.rows[i].kind == DIFF_SAME;
		if (d.removed != n1 - common || d.added != n2 - common ||
		    same != common)
			fail_msg("round %zu: -%zu +%zu =%zu, want -%zu +%zu",
			    round, d.removed, d.added, same, n1 - common,
			    n2 - common);
		assert_false(d.approximate);
		free(la);
		free(lb);
		diff_fold(&d, rnd(3));
		diff_free(&d);
	}
	buf_free(&a);
	buf_free(&b);
}

/* Text of random words from a large vocabulary, a line every dozen or
 * so: two such texts share next to no lines, the worst case for Myers. */
static void
random_words(struct buf *t, size_t bytes, int cjk)
{
	char c[4];

	buf_reset(t);
	while (t->len < bytes) {
		if (cjk)
			buf_put(t, c, utf8_encode(0x4e00 + rnd(3000), c));
		else
			buf_printf(t, "w%u ", rnd(3000));
		if (rnd(cjk ? 40 : 12) == 0)
			buf_putc(t, '\n');
	}
}

/*
 * Unrelated 500 KB texts finish within the step budget (the runner's
 * timeout is the only clock); a single change in 500 KB stays exact.
 */
static void
test_budget(void **state)
{
	struct buf a = BUF_INIT, b = BUF_INIT;
	struct diff d;
	size_t i;
	int cjk;

	for (cjk = 0; cjk < 2; cjk++) {
		random_words(&a, 500000, cjk);
		random_words(&b, 500000, cjk);
		run_n(a.data, a.len, b.data, b.len, &d);
		assert_true(d.approximate);
		assert_true(d.steps <= DIFF_BUDGET);
		diff_free(&d);
	}
	/* One line each: all the work is in the tokens. */
	buf_reset(&a);
	buf_reset(&b);
	while (a.len < 500000) {
		buf_printf(&a, "w%u ", rnd(5000));
		buf_printf(&b, "w%u ", rnd(5000));
	}
	run_n(a.data, a.len, b.data, b.len, &d);
	assert_true(d.steps <= DIFF_BUDGET);
	diff_free(&d);

	random_words(&a, 500000, 1);
	buf_reset(&b);
	buf_put(&b, a.data, a.len);
	for (i = 250000; (unsigned char)b.data[i] < 0xe0; i++)
		; /* the start of a character */
	memcpy(b.data + i, "变", 3);
	run_n(a.data, a.len, b.data, b.len, &d);
	assert_false(d.approximate);
	assert_int_equal(d.added, 1);
	assert_int_equal(d.removed, 1);
	assert_true(d.steps < 1000);
	diff_free(&d);
	buf_free(&a);
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_equal),
		cmocka_unit_test(test_empty_vs_text),
		cmocka_unit_test(test_text_vs_empty),
		cmocka_unit_test(test_cjk_char),
		cmocka_unit_test(test_english_word),
		cmocka_unit_test(test_insert_middle),
		cmocka_unit_test(test_moved),
		cmocka_unit_test(test_pairing),
		cmocka_unit_test(test_escape),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_newlines),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_property),
		cmocka_unit_test(test_budget),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
