/*
 * diff: side-by-side comparison of two revisions.  See diff.h; the
 * comparison itself (ids, tokens, Myers) is in diff_seq.c.
 *
 * Lines are compared first; each run of changed lines is then split into
 * pairs of a removed and an added line, weighed by similarity when the
 * run is small enough (the pairing with the most similarity that keeps
 * the order, as a dynamic program over the run), else in order; each pair
 * is compared by tokens.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "diff.h"
#include "diff_int.h"
#include "err.h"
#include "escape.h"
#include "utf8.h"

/* Lines alike below this (per mille of their non-space tokens) are shown
 * as one removed and one added line rather than as one changed line. */
#define SIM_MIN 400
/* Pairs of lines weighed against each other in one run of changes: more
 * than SIM_CELLS, or more work (tokens merged and cells) than is left of
 * SIM_WORK for the whole call, and the removed and added lines of the run
 * are paired in order instead, which is linear. */
#define SIM_CELLS 40000
#define SIM_WORK  8000000

static const char replacement[] = "\xef\xbf\xbd"; /* U+FFFD */

/* Escaped text; bytes that are not UTF-8, and NUL, become U+FFFD. */
static void
put_text(struct buf *b, const char *s, size_t n)
{
	size_t i = 0, start = 0, len;
	uint32_t cp;

	while (i < n) {
		unsigned char c = (unsigned char)s[i];

		if (c != 0 && c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0x80 && (len = utf8_decode(s + i, n - i, &cp)) > 1) {
			i += len;
			continue;
		}
		escape_html(b, s + start, i - start);
		escape_html(b, replacement, 3);
		start = ++i;
	}
	escape_html(b, s + start, n - start);
}

/* A line: its content without the line break. */
struct line {
	size_t off, len;
};

struct side {
	const char *s;
	struct line *line;
	size_t n;
};

struct ctx {
	struct side a, b;
	struct diff *d;
	size_t cap;
	struct work w;
	size_t sim_left; /* of SIM_WORK */
	struct buf html; /* where each row's html is made, then copied */
	int err;
};

/* A copy of c->html, sized to fit: a row of a few bytes should not hold
 * the 64 a buf starts with (500,000 one-character lines add up). */
static char *
html_of(struct ctx *c)
{
	char *s = NULL;

	if (c->html.err != GZ_OK || (s = malloc(c->html.len + 1)) == NULL) {
		c->err = GZ_ENOMEM;
		buf_reset(&c->html);
		return NULL;
	}
	memcpy(s, buf_cstr(&c->html), c->html.len + 1);
	buf_reset(&c->html);
	return s;
}

/* Append a row; x and y are 0-based line numbers or SIZE_MAX for none,
 * hx and hy its html (taken over, may be NULL). */
static void
row_add(struct ctx *c, enum diff_kind kind, size_t x, size_t y, char *hx,
    char *hy)
{
	struct diff *d = c->d;
	struct diff_row *r;

	if (c->err == GZ_OK && d->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;

		if ((r = realloc(d->rows, cap * sizeof *r)) == NULL) {
			c->err = GZ_ENOMEM;
		} else {
			d->rows = r;
			c->cap = cap;
		}
	}
	if (c->err != GZ_OK) {
		free(hx);
		free(hy);
		return;
	}
	r = &d->rows[d->n++];
	r->kind = kind;
	r->left_line = x == SIZE_MAX ? 0 : x + 1;
	r->right_line = y == SIZE_MAX ? 0 : y + 1;
	r->left_html = hx;
	r->right_html = hy;
	r->folded = 0;
	if (kind == DIFF_CHANGE || kind == DIFF_DEL)
		d->removed++;
	if (kind == DIFF_CHANGE || kind == DIFF_ADD)
		d->added++;
}

static char *
line_html(struct ctx *c, const struct side *sd, size_t i)
{
	put_text(&c->html, sd->s + sd->line[i].off, sd->line[i].len);
	return html_of(c);
}

static void
row_same(struct ctx *c, size_t x, size_t y)
{
	char *hx = line_html(c, &c->a, x), *hy = line_html(c, &c->b, y);

	row_add(c, DIFF_SAME, x, y, hx, hy);
}

static void
rows_del(struct ctx *c, size_t from, size_t to)
{
	for (; from < to && c->err == GZ_OK; from++)
		row_add(c, DIFF_DEL, from, SIZE_MAX, line_html(c, &c->a, from),
		    NULL);
}

static void
rows_add(struct ctx *c, size_t from, size_t to)
{
	for (; from < to && c->err == GZ_OK; from++)
		row_add(c, DIFF_ADD, SIZE_MAX, from, NULL,
		    line_html(c, &c->b, from));
}

static int
is_space(const struct toks *t, size_t i)
{
	int cls;

	diff_token_len(t->s + t->off[i], t->off[i + 1] - t->off[i], &cls);
	return cls == T_SPACE;
}

/* The line with its changed tokens between open and close.  Space that
 * did not change between two changes is taken into the mark, so that a
 * rewritten phrase reads as one change rather than word by word. */
static char *
marked_html(struct ctx *c, const struct toks *t, unsigned char *chg,
    const char *open, const char *close)
{
	struct buf *b = &c->html;
	size_t i, j;

	for (i = 1; i + 1 < t->n; i++)
		if (!chg[i] && chg[i - 1] && chg[i + 1] && is_space(t, i))
			chg[i] = 1;
	for (i = 0; i < t->n; i = j) {
		for (j = i; j < t->n && chg[j] == chg[i]; j++)
			;
		if (chg[i])
			buf_puts(b, open);
		put_text(b, t->s + t->off[i], t->off[j] - t->off[i]);
		if (chg[i])
			buf_puts(b, close);
	}
	return html_of(c);
}

/* Line x of a beside line y of b, compared by the tokens tx and ty
 * (split with one table). */
static void
row_change(struct ctx *c, size_t x, size_t y, const struct toks *tx,
    const struct toks *ty)
{
	const struct line *lx = &c->a.line[x], *ly = &c->b.line[y];
	unsigned char *cx, *cy;
	char *hx, *hy;

	if (lx->len == ly->len && memcmp(c->a.s + lx->off, c->b.s + ly->off,
	    lx->len) == 0) {
		/* Only where the budget ran out is a line equal to its pair. */
		row_same(c, x, y);
		return;
	}
	cx = calloc(tx->n + 1, 1);
	cy = calloc(ty->n + 1, 1);
	if (cx == NULL || cy == NULL ||
	    diff_myers_run(tx->id, tx->n, ty->id, ty->n, cx, cy, &c->w) !=
	    GZ_OK) {
		c->err = GZ_ENOMEM;
	} else {
		hx = marked_html(c, tx, cx, "<del>", "</del>");
		hy = marked_html(c, ty, cy, "<ins>", "</ins>");
		row_add(c, DIFF_CHANGE, x, y, hx, hy);
	}
	free(cx);
	free(cy);
}

/* The rows of a pair: first the unpaired lines before it, removed then
 * added, a[*i0..x) and b[*j0..y); then the pair itself, unless x is the
 * end of the run. */
static void
rows_pair(struct ctx *c, size_t *i0, size_t x, size_t *j0, size_t y,
    const struct toks *tx, const struct toks *ty)
{
	rows_del(c, *i0, x);
	rows_add(c, *j0, y);
	if (tx != NULL && c->err == GZ_OK)
		row_change(c, x, y, tx, ty);
	*i0 = x + 1;
	*j0 = y + 1;
}

/*
 * A run small enough to weigh every pair: pair removed lines a[i0..i1)
 * with added lines b[j0..j1) so that the pairs' similarity sums to the
 * most, keeping their order; pairs less alike than SIM_MIN are not made.
 */
static void
block_weigh(struct ctx *c, size_t i0, size_t i1, size_t j0, size_t j1)
{
	size_t k = i1 - i0, m = j1 - j0, i, j, n = 0, *px = NULL, *py;
	size_t x = i0, y = j0;
	struct intern tab = {0};
	struct toks *t = calloc(k + m, sizeof *t);
	uint16_t *sim = malloc(k * m * sizeof *sim);
	uint32_t *best = malloc((k + 1) * (m + 1) * sizeof *best);
	size_t *count = NULL;

	if (t == NULL || sim == NULL || best == NULL)
		goto fail;
	for (i = 0; i < k + m; i++) {
		const struct side *sd = i < k ? &c->a : &c->b;
		const struct line *l = &sd->line[i < k ? i0 + i : j0 + i - k];

		if (diff_toks_split(&t[i], sd->s + l->off, l->len, &tab) !=
		    GZ_OK)
			goto fail;
	}
	if ((count = calloc(tab.n + 1, sizeof *count)) == NULL ||
	    (px = malloc(2 * (k < m ? k : m) * sizeof *px)) == NULL)
		goto fail;
	py = px + (k < m ? k : m);
	for (i = 0; i < k; i++)
		for (j = 0; j < m; j++)
			sim[i * m + j] = (uint16_t)diff_toks_similarity(&t[i],
			    &t[k + j], count);
	/* best[i][j]: the most similarity that pairs among the first i
	 * removed and the first j added lines can have. */
#define BEST(i, j) best[(i) * (m + 1) + (j)]
	for (i = 0; i <= k; i++) {
		for (j = 0; j <= m; j++) {
			uint32_t v = 0, s;

			if (i > 0 && BEST(i - 1, j) > v)
				v = BEST(i - 1, j);
			if (j > 0 && BEST(i, j - 1) > v)
				v = BEST(i, j - 1);
			if (i > 0 && j > 0 &&
			    (s = sim[(i - 1) * m + j - 1]) >= SIM_MIN &&
			    BEST(i - 1, j - 1) + s > v)
				v = BEST(i - 1, j - 1) + s;
			BEST(i, j) = v;
		}
	}
	/* Walk back from the end; the pairs come out last first. */
	for (i = k, j = m; i > 0 && j > 0;) {
		uint32_t s = sim[(i - 1) * m + j - 1];

		if (s >= SIM_MIN && BEST(i, j) == BEST(i - 1, j - 1) + s) {
			px[n] = --i;
			py[n++] = --j;
		} else if (BEST(i, j) == BEST(i - 1, j)) {
			i--;
		} else {
			j--;
		}
	}
#undef BEST
	while (n-- > 0)
		rows_pair(c, &x, i0 + px[n], &y, j0 + py[n], &t[px[n]],
		    &t[k + py[n]]);
	rows_pair(c, &x, i1, &y, j1, NULL, NULL);
	goto out;
fail:
	c->err = GZ_ENOMEM;
out:
	if (t != NULL)
		for (i = 0; i < k + m; i++)
			diff_toks_free(&t[i]);
	free(t);
	free(sim);
	free(best);
	free(count);
	free(px);
	diff_intern_free(&tab);
}

/* Too many lines to weigh every pair: pair them in order, each pair only
 * if alike enough.  Linear in the size of the lines. */
static void
block_in_order(struct ctx *c, size_t i0, size_t i1, size_t j0, size_t j1)
{
	size_t x, y, *count;

	for (x = i0, y = j0; x < i1 && y < j1 && c->err == GZ_OK; x++, y++) {
		const struct line *lx = &c->a.line[x], *ly = &c->b.line[y];
		struct intern tab = {0};
		struct toks tx, ty;

		memset(&ty, 0, sizeof ty);
		count = NULL;
		if (diff_toks_split(&tx, c->a.s + lx->off, lx->len, &tab) !=
		    GZ_OK ||
		    diff_toks_split(&ty, c->b.s + ly->off, ly->len, &tab) !=
		    GZ_OK ||
		    (count = calloc(tab.n + 1, sizeof *count)) == NULL)
			c->err = GZ_ENOMEM;
		else if (diff_toks_similarity(&tx, &ty, count) >= SIM_MIN)
			rows_pair(c, &i0, x, &j0, y, &tx, &ty);
		free(count);
		diff_toks_free(&tx);
		diff_toks_free(&ty);
		diff_intern_free(&tab);
	}
	rows_pair(c, &i0, i1, &j0, j1, NULL, NULL);
}

/* The rows of one run of changes: a[i0..i1) removed, b[j0..j1) added. */
static void
block_rows(struct ctx *c, size_t i0, size_t i1, size_t j0, size_t j1)
{
	size_t k = i1 - i0, m = j1 - j0, p, bytes_a = 0, bytes_b = 0, cost;

	if (k == 0 || m == 0) {
		rows_pair(c, &i0, i1, &j0, j1, NULL, NULL);
		return;
	}
	for (p = i0; p < i1; p++)
		bytes_a += c->a.line[p].len;
	for (p = j0; p < j1; p++)
		bytes_b += c->b.line[p].len;
	/* k * m <= SIM_CELLS keeps the products from overflowing. */
	if (k * m <= SIM_CELLS &&
	    (cost = k * m + m * bytes_a + k * bytes_b) <= c->sim_left) {
		c->sim_left -= cost;
		block_weigh(c, i0, i1, j0, j1);
	} else {
		block_in_order(c, i0, i1, j0, j1);
	}
}

static int
lines_split(struct side *sd, const char *s, size_t n)
{
	size_t i, count = 0;
	const char *nl;

	sd->s = s;
	sd->n = 0;
	for (i = 0; i < n && (nl = memchr(s + i, '\n', n - i)) != NULL;
	    i = (size_t)(nl - s) + 1)
		count++;
	if (i < n)
		count++;
	if ((sd->line = malloc((count + 1) * sizeof *sd->line)) == NULL)
		return GZ_ENOMEM;
	for (i = 0; i < n;) {
		struct line *l = &sd->line[sd->n++];

		l->off = i;
		if ((nl = memchr(s + i, '\n', n - i)) == NULL) {
			l->len = n - i;
			i = n;
		} else {
			l->len = (size_t)(nl - s) - i;
			if (l->len > 0 && s[i + l->len - 1] == '\r')
				l->len--;
			i = (size_t)(nl - s) + 1;
		}
	}
	return GZ_OK;
}

static int
lines_ids(struct side *sd, struct intern *tab, size_t **ids)
{
	size_t i;

	if ((*ids = malloc((sd->n + 1) * sizeof **ids)) == NULL)
		return GZ_ENOMEM;
	for (i = 0; i < sd->n; i++)
		if (diff_intern_id(tab, sd->s + sd->line[i].off, sd->line[i].len,
		    &(*ids)[i]) != GZ_OK)
			return GZ_ENOMEM;
	return GZ_OK;
}

int
diff_texts(const char *a, size_t na, const char *b, size_t nb,
    struct diff *out)
{
	struct ctx c;
	struct intern tab = {0};
	size_t *ida = NULL, *idb = NULL, i = 0, j = 0, i0, j0;
	unsigned char *ca = NULL, *cb = NULL;

	memset(out, 0, sizeof *out);
	memset(&c, 0, sizeof c);
	c.d = out;
	c.w.limit = DIFF_LINE_BUDGET;
	c.sim_left = SIM_WORK;
	if (lines_split(&c.a, a, na) != GZ_OK ||
	    lines_split(&c.b, b, nb) != GZ_OK ||
	    lines_ids(&c.a, &tab, &ida) != GZ_OK ||
	    lines_ids(&c.b, &tab, &idb) != GZ_OK ||
	    (ca = calloc(c.a.n + 1, 1)) == NULL ||
	    (cb = calloc(c.b.n + 1, 1)) == NULL ||
	    diff_myers_run(ida, c.a.n, idb, c.b.n, ca, cb, &c.w) != GZ_OK) {
		c.err = GZ_ENOMEM;
		goto out;
	}
	diff_intern_free(&tab);
	/* The token comparisons get their own budget, so that a line
	 * comparison that ran out still leaves the changes marked. */
	c.w.limit = c.w.steps + DIFF_TOKEN_BUDGET;
	while ((i < c.a.n || j < c.b.n) && c.err == GZ_OK) {
		if (i < c.a.n && j < c.b.n && !ca[i] && !cb[j]) {
			row_same(&c, i++, j++);
			continue;
		}
		for (i0 = i; i < c.a.n && ca[i]; i++)
			;
		for (j0 = j; j < c.b.n && cb[j]; j++)
			;
		block_rows(&c, i0, i, j0, j);
	}
out:
	out->steps = c.w.steps;
	out->approximate = c.w.gave_up;
	diff_intern_free(&tab);
	free(ida);
	free(idb);
	free(ca);
	free(cb);
	free(c.a.line);
	free(c.b.line);
	buf_free(&c.html);
	if (c.err != GZ_OK) {
		diff_free(out);
		return c.err;
	}
	return GZ_OK;
}

void
diff_free(struct diff *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->rows[i].left_html);
		free(d->rows[i].right_html);
	}
	free(d->rows);
	memset(d, 0, sizeof *d);
}

/* An unchanged line shown in full (not a change, not a marker). */
static int
row_plain(const struct diff_row *r)
{
	return r->kind == DIFF_SAME && r->folded == 0;
}

int
diff_fold(struct diff *d, size_t context)
{
	size_t i = 0, o = 0, n = d->n, s, e, head, tail, hide, k;

	while (i < n) {
		if (!row_plain(&d->rows[i])) {
			d->rows[o++] = d->rows[i++];
			continue;
		}
		for (s = i; i < n && row_plain(&d->rows[i]); i++)
			;
		e = i;
		head = s > 0 ? context : 0; /* kept after a change above */
		tail = e < n ? context : 0; /* kept before a change below */
		if (e - s < 2 || head > e - s - 2 || tail > e - s - 2 - head) {
			while (s < e)
				d->rows[o++] = d->rows[s++];
			continue;
		}
		hide = e - s - head - tail;
		for (k = 0; k < head; k++)
			d->rows[o++] = d->rows[s + k];
		for (k = s + head; k < s + head + hide; k++) {
			free(d->rows[k].left_html);
			free(d->rows[k].right_html);
		}
		d->rows[s + head].left_html = NULL;
		d->rows[s + head].right_html = NULL;
		d->rows[s + head].folded = hide;
		d->rows[o++] = d->rows[s + head];
		for (k = e - tail; k < e; k++)
			d->rows[o++] = d->rows[k];
	}
	d->n = o;
	return GZ_OK;
}
