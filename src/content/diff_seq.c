/*
 * diff_seq: ids, tokens and Myers' comparison for diff.c.  See diff.h
 * and diff_int.h.
 *
 * Myers' O((N+M)D) algorithm in its linear-space form (find the middle
 * snake, divide, recurse), laid out as in git's xdiff.  Myers rather
 * than patience or histogram diff: revisions of an article are mostly
 * alike, so D is small and Myers is fastest there; it is minimal, which
 * reviewers expect of "what changed" and the tests check against a plain
 * LCS; and the cases where patience reads better (code with many equal
 * lines such as "}") are rare in prose.  Lines and tokens are first
 * turned into integer ids by a hash table, so the inner loop compares
 * integers.
 *
 * Bounds: before any comparison the common head and tail are cut off
 * (one changed character in 1 MB costs one linear pass), and each
 * comparison counts its steps (a diagonal visited or a snake extended)
 * against a budget shared by the whole call.  When the budget runs out,
 * the part being compared and every later part is taken as removed and
 * added wholesale: the output stays correct, only not minimal.  Memory
 * is two arrays of N+M+3 diagonals besides the ids and flags.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "diff_int.h"
#include "err.h"
#include "utf8.h"

static uint64_t
hash_bytes(const char *p, size_t n)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	while (n--) {
		h ^= (unsigned char)*p++;
		h *= 1099511628211ULL;
	}
	return h ^ (h >> 29);
}

void
diff_intern_free(struct intern *t)
{
	free(t->slot);
	memset(t, 0, sizeof *t);
}

static void
intern_place(struct slot *tab, size_t cap, const struct slot *s)
{
	size_t i = (size_t)s->h & (cap - 1);

	while (tab[i].id1 != 0)
		i = (i + 1) & (cap - 1);
	tab[i] = *s;
}

int
diff_intern_id(struct intern *t, const char *p, size_t len, size_t *id)
{
	uint64_t h = hash_bytes(p, len);
	struct slot *s;
	size_t i;

	if (2 * (t->n + 1) > t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		struct slot *tab = calloc(cap, sizeof *tab);

		if (tab == NULL)
			return GZ_ENOMEM;
		for (i = 0; i < t->cap; i++)
			if (t->slot[i].id1 != 0)
				intern_place(tab, cap, &t->slot[i]);
		free(t->slot);
		t->slot = tab;
		t->cap = cap;
	}
	for (i = (size_t)h & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		s = &t->slot[i];
		if (s->id1 == 0)
			break;
		if (s->h == h && s->len == len && memcmp(s->p, p, len) == 0) {
			*id = s->id1 - 1;
			return GZ_OK;
		}
	}
	s->p = p;
	s->len = len;
	s->h = h;
	s->id1 = ++t->n;
	*id = s->id1 - 1;
	return GZ_OK;
}

/*
 * Myers' comparison of a[0..n1) with b[0..n2); sets ca[i] for each
 * removed a[i] and cb[j] for each added b[j].
 */
struct myers {
	const size_t *a, *b;
	unsigned char *ca, *cb;
	ptrdiff_t *vf, *vb; /* furthest x per diagonal x - y, forward, back */
	struct work *w;
};

/* Whether the budget allows one more step; counts it. */
static int
work_step(struct work *w)
{
	if (w->steps >= w->limit)
		return 0;
	w->steps++;
	return 1;
}

/*
 * Find where a shortest edit path of the box [off1, lim1) x [off2, lim2)
 * crosses its middle, searching from both corners at once (xdiff's
 * xdl_split() without its heuristics, so the result stays minimal).
 * Returns 0 with the point in *s1, *s2, or -1 when the budget ran out.
 */
static int
myers_split(struct myers *m, ptrdiff_t off1, ptrdiff_t lim1, ptrdiff_t off2,
    ptrdiff_t lim2, ptrdiff_t *s1, ptrdiff_t *s2)
{
	const size_t *a = m->a, *b = m->b;
	ptrdiff_t *vf = m->vf, *vb = m->vb;
	ptrdiff_t dmin = off1 - lim2, dmax = lim1 - off2;
	ptrdiff_t fmid = off1 - off2, bmid = lim1 - lim2;
	ptrdiff_t fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
	ptrdiff_t d, i1, i2;
	int odd = (fmid - bmid) & 1;

	if (m->w->steps >= m->w->limit)
		return -1;
	vf[fmid] = off1;
	vb[bmid] = lim1;
	for (;;) {
		if (fmin > dmin)
			vf[--fmin - 1] = -1;
		else
			++fmin;
		if (fmax < dmax)
			vf[++fmax + 1] = -1;
		else
			--fmax;
		for (d = fmax; d >= fmin; d -= 2) {
			if (!work_step(m->w))
				return -1;
			i1 = vf[d - 1] >= vf[d + 1] ? vf[d - 1] + 1 : vf[d + 1];
			i2 = i1 - d;
			while (i1 < lim1 && i2 < lim2 && a[i1] == b[i2]) {
				if (!work_step(m->w))
					return -1;
				i1++, i2++;
			}
			vf[d] = i1;
			if (odd && bmin <= d && d <= bmax && vb[d] <= i1) {
				*s1 = i1;
				*s2 = i2;
				return 0;
			}
		}
		if (bmin > dmin)
			vb[--bmin - 1] = PTRDIFF_MAX;
		else
			++bmin;
		if (bmax < dmax)
			vb[++bmax + 1] = PTRDIFF_MAX;
		else
			--bmax;
		for (d = bmax; d >= bmin; d -= 2) {
			if (!work_step(m->w))
				return -1;
			i1 = vb[d - 1] < vb[d + 1] ? vb[d - 1] : vb[d + 1] - 1;
			i2 = i1 - d;
			while (i1 > off1 && i2 > off2 && a[i1 - 1] == b[i2 - 1]) {
				if (!work_step(m->w))
					return -1;
				i1--, i2--;
			}
			vb[d] = i1;
			if (!odd && fmin <= d && d <= fmax && i1 <= vf[d]) {
				*s1 = i1;
				*s2 = i2;
				return 0;
			}
		}
	}
}

static void
myers_compare(struct myers *m, ptrdiff_t off1, ptrdiff_t lim1,
    ptrdiff_t off2, ptrdiff_t lim2)
{
	ptrdiff_t s1, s2;

	while (off1 < lim1 && off2 < lim2 && m->a[off1] == m->b[off2])
		off1++, off2++;
	while (off1 < lim1 && off2 < lim2 && m->a[lim1 - 1] == m->b[lim2 - 1])
		lim1--, lim2--;
	if (off1 == lim1 || off2 == lim2 ||
	    myers_split(m, off1, lim1, off2, lim2, &s1, &s2) != 0) {
		if (off1 < lim1 && off2 < lim2)
			m->w->gave_up = 1;
		memset(m->ca + off1, 1, (size_t)(lim1 - off1));
		memset(m->cb + off2, 1, (size_t)(lim2 - off2));
		return;
	}
	myers_compare(m, off1, s1, off2, s2);
	myers_compare(m, s1, lim1, s2, lim2);
}

/* ca and cb come zeroed; returns GZ_OK or GZ_ENOMEM. */
int
diff_myers_run(const size_t *a, size_t n1, const size_t *b, size_t n2,
    unsigned char *ca, unsigned char *cb, struct work *w)
{
	struct myers m;
	ptrdiff_t *v;
	size_t head = 0, ndiag;

	/* Cut the common head and tail first so that the diagonals are
	 * allocated for what differs only. */
	while (head < n1 && head < n2 && a[head] == b[head])
		head++;
	while (n1 > head && n2 > head && a[n1 - 1] == b[n2 - 1])
		n1--, n2--;
	n1 -= head, n2 -= head;
	m.a = a + head, m.b = b + head;
	m.ca = ca + head, m.cb = cb + head;
	m.w = w;
	m.vf = m.vb = NULL; /* myers_split() refuses before it needs them */
	if (n1 == 0 || n2 == 0 || w->steps >= w->limit) {
		myers_compare(&m, 0, (ptrdiff_t)n1, 0, (ptrdiff_t)n2);
		return GZ_OK;
	}
	ndiag = n1 + n2 + 3;
	if ((v = malloc(2 * ndiag * sizeof *v)) == NULL)
		return GZ_ENOMEM;
	m.vf = v + n2 + 1;
	m.vb = m.vf + ndiag;
	myers_compare(&m, 0, (ptrdiff_t)n1, 0, (ptrdiff_t)n2);
	free(v);
	return GZ_OK;
}

/*
 * Tokens.
 */
static int
in_ranges(uint32_t c, const uint32_t (*r)[2], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (c >= r[i][0] && c <= r[i][1])
			return 1;
	return 0;
}

/* Han, kana, hangul, bopomofo, CJK punctuation, full-width forms. */
static const uint32_t cjk[][2] = {
	{0x1100, 0x11ff}, {0x2e80, 0x9fff}, {0xa960, 0xa97f},
	{0xac00, 0xd7ff}, {0xf900, 0xfaff}, {0xfe10, 0xfe1f},
	{0xfe30, 0xfe6f}, {0xff00, 0xffef}, {0x1b000, 0x1b2ff},
	{0x20000, 0x3ffff},
};

/* Letters and combining marks of scripts that put spaces between words. */
static const uint32_t word[][2] = {
	{0x00c0, 0x00d6}, {0x00d8, 0x00f6}, {0x00f8, 0x036f},
	{0x0370, 0x037d}, {0x037f, 0x0386}, {0x0388, 0x052f},
	{0x1dc0, 0x1fff}, {0x2c60, 0x2c7f}, {0xa720, 0xa7ff},
	{0xfb00, 0xfb06},
};

static const uint32_t space[][2] = {
	{0x00a0, 0x00a0}, {0x2000, 0x200a}, {0x202f, 0x202f},
	{0x205f, 0x205f},
};

/* The class of the character at s (n >= 1 bytes); its length in *len. */
static int
char_class(const char *s, size_t n, size_t *len)
{
	unsigned char c = (unsigned char)s[0];
	uint32_t cp;

	if (c < 0x80) {
		*len = 1;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		    (c >= '0' && c <= '9'))
			return T_WORD;
		if (c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v')
			return T_SPACE;
		return T_OTHER;
	}
	if ((*len = utf8_decode(s, n, &cp)) == 1)
		return T_BAD;
	if (in_ranges(cp, cjk, sizeof cjk / sizeof cjk[0]))
		return T_CJK;
	if (in_ranges(cp, word, sizeof word / sizeof word[0]))
		return T_WORD;
	if (in_ranges(cp, space, sizeof space / sizeof space[0]))
		return T_SPACE;
	return T_OTHER;
}

/* The length of the token at s[0..n), n >= 1; its class in *cls. */
size_t
diff_token_len(const char *s, size_t n, int *cls)
{
	size_t i, len;
	int c = char_class(s, n, &i);

	*cls = c;
	if (c == T_WORD || c == T_SPACE)
		while (i < n && char_class(s + i, n - i, &len) == c)
			i += len;
	return i;
}

void
diff_toks_free(struct toks *t)
{
	free(t->off);
	free(t->id);
	free(t->bag);
	memset(t, 0, sizeof *t);
}

int
diff_toks_split(struct toks *t, const char *s, size_t len,
    struct intern *tab)
{
	size_t i, k, n = 0;
	int cls;

	memset(t, 0, sizeof *t);
	t->s = s;
	for (i = 0; i < len; i += diff_token_len(s + i, len - i, &cls))
		n++;
	t->off = malloc((n + 1) * sizeof *t->off);
	t->id = malloc((n + 1) * sizeof *t->id);
	t->bag = malloc((n + 1) * sizeof *t->bag);
	if (t->off == NULL || t->id == NULL || t->bag == NULL)
		return GZ_ENOMEM;
	for (i = 0, k = 0; i < len; k++) {
		size_t tl = diff_token_len(s + i, len - i, &cls);

		t->off[k] = i;
		if (diff_intern_id(tab, s + i, tl, &t->id[k]) != GZ_OK)
			return GZ_ENOMEM;
		if (cls != T_SPACE)
			t->bag[t->nbag++] = t->id[k];
		i += tl;
	}
	t->off[n] = len;
	t->n = n;
	return GZ_OK;
}

/* Counting rather than sorting the bags keeps this linear. */
size_t
diff_toks_similarity(const struct toks *x, const struct toks *y,
    size_t *count)
{
	size_t i, common = 0;

	if (x->n == y->n && memcmp(x->id, y->id, x->n * sizeof *x->id) == 0)
		return 1000;
	if (x->nbag + y->nbag == 0)
		return 0;
	for (i = 0; i < x->nbag; i++)
		count[x->bag[i]]++;
	for (i = 0; i < y->nbag; i++)
		if (count[y->bag[i]] > 0) {
			count[y->bag[i]]--;
			common++;
		}
	for (i = 0; i < x->nbag; i++)
		count[x->bag[i]] = 0;
	return 2000 * common / (x->nbag + y->nbag);
}
