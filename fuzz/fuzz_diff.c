/*
 * fuzz_diff: libFuzzer target for the revision diff.
 *
 * The first byte gives the fold context (0..7), the second where the
 * rest is cut into the two texts a and b (at its value / 255 of the
 * way).  diff_texts() must succeed, and its rows must be sound: each
 * kind with the sides it should have, line numbers counting up from 1
 * on each side, html that is UTF-8 without a line break, escaped (no
 * raw < > " ', & only in the five entities), with <del> only on the
 * left and <ins> only on the right of DIFF_CHANGE rows, unnested and
 * closed.  Unmarked and unescaped, the left sides must read as a and
 * the right as b (with "\r\n" as "\n", no final newline, bad bytes and
 * NUL as U+FFFD).  Compared the other way round, as many lines change.
 * diff_fold() must then keep every change and account for every
 * unchanged line in a marker or a row.  Any violation aborts.
 *
 *   make fuzz && build/fuzz/fuzz_diff -max_total_time=60 fuzz/corpus/diff
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "err.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(why) do { \
	fprintf(stderr, "fuzz_diff: %s\n", why); \
	abort(); \
} while (0)

/* Append the text of html to out, checking its marks are only <tag>. */
static void
unmark(const char *html, const char *tag, int may_mark, struct buf *out)
{
	static const char *const ent[][2] = {
		{"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"},
		{"&quot;", "\""}, {"&#39;", "'"},
	};
	char open[8], close[8];
	size_t i, k, tl;
	int in = 0;

	snprintf(open, sizeof open, "<%s>", tag);
	snprintf(close, sizeof close, "</%s>", tag);
	tl = strlen(open);
	if (!utf8_valid(html, strlen(html), NULL))
		fail("html not UTF-8");
	for (i = 0; html[i];) {
		if (strncmp(html + i, open, tl) == 0) {
			if (in || !may_mark)
				fail("mark nested or where none belongs");
			in = 1;
			i += tl;
			if (strncmp(html + i, close, tl + 1) == 0)
				fail("empty mark");
		} else if (strncmp(html + i, close, tl + 1) == 0) {
			if (!in)
				fail("mark closed but not open");
			in = 0;
			i += tl + 1;
		} else if (html[i] == '&') {
			for (k = 0; k < sizeof ent / sizeof ent[0]; k++)
				if (strncmp(html + i, ent[k][0],
				    strlen(ent[k][0])) == 0)
					break;
			if (k == sizeof ent / sizeof ent[0])
				fail("stray &");
			buf_puts(out, ent[k][1]);
			i += strlen(ent[k][0]);
		} else if (strchr("<>\"'\n", html[i])) {
			fail("raw < > \" ' or line break in html");
		} else {
			buf_putc(out, html[i++]);
		}
	}
	if (in)
		fail("mark not closed");
}

/* What a side should read as. */
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

static void
check_rows(const struct diff *d, const char *a, size_t na, const char *b,
    size_t nb)
{
	struct buf l = BUF_INIT, r = BUF_INIT, want = BUF_INIT;
	size_t i, nl = 0, nr = 0, added = 0, removed = 0;

	if (d->steps > DIFF_BUDGET)
		fail("over budget");
	for (i = 0; i < d->n; i++) {
		const struct diff_row *w = &d->rows[i];
		int has_l = w->kind != DIFF_ADD, has_r = w->kind != DIFF_DEL;

		if ((unsigned)w->kind > DIFF_ADD || w->folded != 0)
			fail("bad kind or folded before folding");
		if ((w->left_html != NULL) != has_l ||
		    (w->right_html != NULL) != has_r)
			fail("html on the wrong side");
		if (w->left_line != (has_l ? nl + 1 : 0) ||
		    w->right_line != (has_r ? nr + 1 : 0))
			fail("line numbers out of order");
		if (has_l) {
			if (nl++ > 0)
				buf_putc(&l, '\n');
			unmark(w->left_html, "del", w->kind == DIFF_CHANGE, &l);
			removed += w->kind != DIFF_SAME;
		}
		if (has_r) {
			if (nr++ > 0)
				buf_putc(&r, '\n');
			unmark(w->right_html, "ins", w->kind == DIFF_CHANGE, &r);
			added += w->kind != DIFF_SAME;
		}
		if (w->kind == DIFF_SAME &&
		    strcmp(w->left_html, w->right_html) != 0)
			fail("unchanged row differs");
	}
	if (added != d->added || removed != d->removed)
		fail("counts differ from the rows");
	norm(a, na, &want);
	if (!buf_eq(&l, &want))
		fail("left side is not a");
	buf_reset(&want);
	norm(b, nb, &want);
	if (!buf_eq(&r, &want))
		fail("right side is not b");
	buf_free(&l);
	buf_free(&r);
	buf_free(&want);
}

/* f is d folded: every change kept in order, every unchanged line in a
 * row or a marker, markers only where more than one line hides. */
static void
check_fold(const struct diff *f, const struct diff *d, size_t context)
{
	size_t i, j = 0, k;

	for (i = 0; i < f->n; i++) {
		const struct diff_row *w = &f->rows[i];

		if (j >= d->n)
			fail("folded diff longer than the diff");
		if (w->folded == 0) {
			const struct diff_row *o = &d->rows[j++];

			if (w->kind != o->kind || w->left_line != o->left_line ||
			    w->right_line != o->right_line)
				fail("fold changed a row");
			continue;
		}
		if (w->kind != DIFF_SAME || w->left_html || w->right_html ||
		    w->folded < 2)
			fail("bad marker");
		for (k = 0; k < w->folded; k++, j++)
			if (j >= d->n || d->rows[j].kind != DIFF_SAME ||
			    d->rows[j].left_line != w->left_line + k ||
			    d->rows[j].right_line != w->right_line + k)
				fail("marker hides what is not unchanged");
		/* Context rows next to a change stayed. */
		if (context > 0 && i > 0 && f->rows[i - 1].kind != DIFF_SAME)
			fail("no context after a change");
		if (context > 0 && i + 1 < f->n &&
		    f->rows[i + 1].kind != DIFF_SAME)
			fail("no context before a change");
	}
	if (j != d->n)
		fail("fold lost rows");
}

/* Copy of d's row kinds and line numbers, to compare after folding. */
static int
copy_shape(const struct diff *d, struct diff *c)
{
	memset(c, 0, sizeof *c);
	if (d->n == 0)
		return 1;
	if ((c->rows = calloc(d->n, sizeof *c->rows)) == NULL)
		return 0;
	for (c->n = 0; c->n < d->n; c->n++) {
		c->rows[c->n] = d->rows[c->n];
		c->rows[c->n].left_html = c->rows[c->n].right_html = NULL;
	}
	return 1;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diff d, back, shape;
	const char *a, *b;
	size_t na, nb, context;

	if (size < 2 || size > 1 << 16)
		return 0;
	context = data[0] % 8;
	a = (const char *)data + 2;
	na = (size - 2) * data[1] / 255;
	b = a + na;
	nb = size - 2 - na;

	if (diff_texts(a, na, b, nb, &d) != GZ_OK)
		return 0; /* only out of memory */
	check_rows(&d, a, na, b, nb);
	if (diff_texts(b, nb, a, na, &back) == GZ_OK) {
		check_rows(&back, b, nb, a, na);
		if (!d.approximate && !back.approximate &&
		    (d.added != back.removed || d.removed != back.added))
			fail("not as many changes the other way round");
		diff_free(&back);
	}
	if (copy_shape(&d, &shape)) {
		if (diff_fold(&d, context) != GZ_OK)
			fail("diff_fold failed");
		check_fold(&d, &shape, context);
		free(shape.rows);
	}
	diff_free(&d);
	return 0;
}
