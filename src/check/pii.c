/*
 * pii: ID cards, mobile numbers, e-mail addresses and bank cards in
 * text.  See pii.h for the rules.
 *
 * One pass with no allocation.  Addresses are found first, from each @:
 * an address may hold digits ("13812345678@qq.com") and those are not a
 * phone number, so numbers are only looked for in the text between
 * addresses.  There, digit groups are read into a small window as they
 * come; the window never holds more than one chain's next few groups,
 * which is all any rule needs to look at.
 */
#include <string.h>

#include "err.h"
#include "pii.h"

/* Digits kept per group: enough for the longest thing looked for. */
#define KEEP 20
/* Groups a rule may look at: 86, then 3-4-4; or 4-4-4-4 and one more. */
#define WINDOW 6

struct group {
	size_t start, end; /* the digits */
	size_t xend;       /* after an X following 17 digits, else 0 */
	size_t ndig;       /* digits, however many */
	char dig[KEEP];    /* the first KEEP of them, as ASCII */
	int joined;        /* a space or hyphen, then the next group */
};

struct scan {
	const char *s;
	size_t n;
	pii_fn fn;
	void *arg;
	size_t from, lim; /* the text between addresses being read */
	struct group g[WINDOW];
	int ng;
	int after4; /* the group before g[0] had 4 digits and
	             * was joined to it */
};

const char *
pii_kind_name(enum pii_kind k)
{
	switch (k) {
	case PII_ID_CARD: return "id_card";
	case PII_MOBILE: return "mobile";
	case PII_EMAIL: return "email";
	case PII_BANK_CARD: return "bank_card";
	}
	return "unknown";
}

/* The value of the digit at s[i] (ASCII or fullwidth) and its length,
 * or -1. */
static int
digit_at(const char *str, size_t n, size_t i, size_t *len)
{
	const unsigned char *s = (const unsigned char *)str;

	if (i < n && s[i] >= '0' && s[i] <= '9') {
		*len = 1;
		return s[i] - '0';
	}
	if (i + 2 < n && s[i] == 0xef && s[i + 1] == 0xbc && s[i + 2] >= 0x90 &&
	    s[i + 2] <= 0x99) {
		*len = 3;
		return s[i + 2] - 0x90;
	}
	return -1;
}

/* The length of X, x, Ｘ or ｘ at s[i], or 0. */
static size_t
x_at(const char *str, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;

	if (i < n && (s[i] == 'X' || s[i] == 'x'))
		return 1;
	if (i + 2 < n && s[i] == 0xef &&
	    ((s[i + 1] == 0xbc && s[i + 2] == 0xb8) ||
	        (s[i + 1] == 0xbd && s[i + 2] == 0x98)))
		return 3;
	return 0;
}

static int
ascii_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') ||
	    ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
}

/* A letter or digit at s[i], ASCII or fullwidth (Ａ-Ｚ, ａ-ｚ, ０-９). */
static int
alnum_at(const char *str, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t len;

	if (i < n && ascii_alnum(s[i]))
		return 1;
	if (digit_at(str, n, i, &len) >= 0)
		return 1;
	return i + 2 < n && s[i] == 0xef &&
	    ((s[i + 1] == 0xbc && s[i + 2] >= 0xa1 && s[i + 2] <= 0xba) ||
	        (s[i + 1] == 0xbd && s[i + 2] >= 0x81 && s[i + 2] <= 0x9a));
}

/* Read the group whose first digit is at i. */
static void
group_read(const struct scan *sc, size_t i, struct group *g)
{
	size_t len, x;
	int d;

	memset(g, 0, sizeof *g);
	g->start = i;
	while ((d = digit_at(sc->s, sc->lim, i, &len)) >= 0) {
		if (g->ndig < KEEP)
			g->dig[g->ndig] = (char)('0' + d);
		g->ndig++;
		i += len;
	}
	g->end = i;
	if (g->ndig == 17 && (x = x_at(sc->s, sc->lim, i)) != 0 &&
	    !alnum_at(sc->s, sc->lim, i + x)) {
		g->xend = i + x;
		return;
	}
	if (i + 1 < sc->lim && (sc->s[i] == ' ' || sc->s[i] == '-') &&
	    digit_at(sc->s, sc->lim, i + 1, &len) >= 0)
		g->joined = 1;
}

/* Make g[0..k] present if the chain goes on that far; whether it does. */
static int
need(struct scan *sc, int k)
{
	while (sc->ng <= k) {
		struct group *last = &sc->g[sc->ng - 1];

		if (!last->joined)
			return 0;
		group_read(sc, last->end + 1, &sc->g[sc->ng]);
		sc->ng++;
	}
	return 1;
}

static int
emit(struct scan *sc, enum pii_kind kind, size_t start, size_t end)
{
	struct pii_hit h;

	h.kind = kind;
	h.start = start;
	h.end = end;
	return sc->fn(&h, sc->arg);
}

static int
num(const char *d, int len)
{
	int v = 0;

	while (len-- > 0)
		v = v * 10 + (*d++ - '0');
	return v;
}

static int
province_ok(int p)
{
	return (p >= 11 && p <= 15) || (p >= 21 && p <= 23) ||
	    (p >= 31 && p <= 37) || (p >= 41 && p <= 46) ||
	    (p >= 50 && p <= 54) || (p >= 61 && p <= 65) || p == 71 ||
	    p == 81 || p == 82;
}

static int
date_ok(int y, int m, int d)
{
	static const int days[] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	if (y < 1900 || y > 2100 || m < 1 || m > 12 || d < 1)
		return 0;
	return d <= days[m - 1] + (m == 2 && leap);
}

/* An ID card in g: 18 characters with a good check character, or the
 * old 15 digits. */
static int
id_ok(const struct group *g)
{
	static const int weight[17] = {
	    7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	const char *d = g->dig;
	int i, sum = 0;

	if (g->ndig == 15)
		return province_ok(num(d, 2)) &&
		    date_ok(
		        1900 + num(d + 6, 2), num(d + 8, 2), num(d + 10, 2));
	if (g->ndig != 18 && !(g->ndig == 17 && g->xend))
		return 0;
	if (!province_ok(num(d, 2)) ||
	    !date_ok(num(d + 6, 4), num(d + 10, 2), num(d + 12, 2)))
		return 0;
	for (i = 0; i < 17; i++)
		sum += (d[i] - '0') * weight[i];
	return check[sum % 11] == (g->ndig == 18 ? d[17] : 'X');
}

static int
luhn_ok(const char *d, size_t n)
{
	size_t i;
	int sum = 0;

	for (i = 0; i < n; i++) {
		int v = d[n - 1 - i] - '0';

		if (i % 2 == 1 && (v *= 2) > 9)
			v -= 9;
		sum += v;
	}
	return sum % 10 == 0;
}

/* A bank card starting at g[0]: the number of groups, or 0. */
static int
bank_card(struct scan *sc)
{
	char d[KEEP];
	size_t nd = 0;
	int k;

	if (sc->g[0].xend)
		return 0; /* an ID with a bad check, not a card */
	if (sc->g[0].ndig >= 16 && sc->g[0].ndig <= 19)
		return luhn_ok(sc->g[0].dig, sc->g[0].ndig) ? 1 : 0;
	if (sc->g[0].ndig != 4 || sc->after4)
		return 0;
	for (k = 0; k < 4; k++) {
		if (!need(sc, k) || sc->g[k].ndig != 4)
			return 0;
		memcpy(d + nd, sc->g[k].dig, 4);
		nd += 4;
	}
	if (need(sc, 4)) {
		if (sc->g[4].ndig == 4)
			return 0; /* five or more groups of four */
		if (sc->g[4].ndig < 4) {
			memcpy(d + nd, sc->g[4].dig, sc->g[4].ndig);
			nd += sc->g[4].ndig;
			k++;
		}
	}
	return luhn_ok(d, nd) ? k : 0;
}

static int
mobile_digits(const char *d)
{
	return d[0] == '1' && d[1] >= '3' && d[1] <= '9';
}

/* A mobile number without country code starting at g[k]: the number of
 * groups, or 0. */
static int
mobile_body(struct scan *sc, int k)
{
	const struct group *g = sc->g;

	if (g[k].ndig == 11)
		return mobile_digits(g[k].dig) ? 1 : 0;
	if (g[k].ndig != 3 || !mobile_digits(g[k].dig) || !need(sc, k + 1))
		return 0;
	if (g[k + 1].ndig == 8)
		return 2;
	if (g[k + 1].ndig == 4 && need(sc, k + 2) && g[k + 2].ndig == 4)
		return 3;
	return 0;
}

/* Where a country code at g[0] starts: at a + before it if any. */
static size_t
plus_before(const struct scan *sc)
{
	const unsigned char *s = (const unsigned char *)sc->s;
	size_t i = sc->g[0].start;

	if (i >= sc->from + 1 && s[i - 1] == '+')
		return i - 1;
	if (i >= sc->from + 3 && s[i - 3] == 0xef && s[i - 2] == 0xbc &&
	    s[i - 1] == 0x8b)
		return i - 3; /* fullwidth ＋ */
	return i;
}

/* A mobile number starting at g[0]: the number of groups, or 0. */
static int
mobile(struct scan *sc, size_t *start)
{
	const struct group *g = sc->g;
	int k;

	*start = g[0].start;
	if ((g[0].ndig == 2 && memcmp(g[0].dig, "86", 2) == 0) ||
	    (g[0].ndig == 4 && memcmp(g[0].dig, "0086", 4) == 0)) {
		if (need(sc, 1) && (k = mobile_body(sc, 1)) > 0) {
			*start = plus_before(sc);
			return 1 + k;
		}
		return 0;
	}
	if ((g[0].ndig == 13 && memcmp(g[0].dig, "86", 2) == 0 &&
	        mobile_digits(g[0].dig + 2)) ||
	    (g[0].ndig == 15 && memcmp(g[0].dig, "0086", 4) == 0 &&
	        mobile_digits(g[0].dig + 4))) {
		*start = plus_before(sc);
		return 1;
	}
	return mobile_body(sc, 0);
}

/* Try every rule at g[0]; *took is the number of groups a hit took (0
 * for none).  Returns what the callback returned. */
static int
match(struct scan *sc, int *took)
{
	const struct group *g = sc->g;
	size_t start;
	int k;

	*took = 0;
	if (id_ok(&g[0])) {
		*took = 1;
		return emit(sc, PII_ID_CARD, g[0].start,
		    g[0].xend ? g[0].xend : g[0].end);
	}
	if ((k = bank_card(sc)) > 0) {
		*took = k;
		return emit(sc, PII_BANK_CARD, g[0].start, g[k - 1].end);
	}
	if ((k = mobile(sc, &start)) > 0) {
		*took = k;
		return emit(sc, PII_MOBILE, start, g[k - 1].end);
	}
	return 0;
}

/* Numbers in s[from..lim), the text between two addresses. */
static int
numbers(struct scan *sc, size_t from, size_t lim)
{
	struct group last;
	size_t i = from, len;
	int took, rc;

	sc->from = from;
	sc->lim = lim;
	sc->ng = 0;
	for (;;) {
		if (sc->ng == 0) {
			while (i < lim && digit_at(sc->s, lim, i, &len) < 0)
				i++;
			if (i >= lim)
				return 0;
			group_read(sc, i, &sc->g[0]);
			sc->ng = 1;
			sc->after4 = 0;
		}
		if ((rc = match(sc, &took)) != 0)
			return rc;
		if (took == 0)
			took = 1;
		/* Drop the groups looked at; the chain may go on. */
		last = sc->g[took - 1];
		i = last.xend ? last.xend : last.end;
		sc->ng -= took;
		memmove(sc->g, sc->g + took, (size_t)sc->ng * sizeof sc->g[0]);
		if (sc->ng == 0 && last.joined) {
			group_read(sc, last.end + 1, &sc->g[0]);
			sc->ng = 1;
		}
		sc->after4 = last.ndig == 4 && last.joined;
	}
}

static int
local_char(unsigned char c)
{
	return ascii_alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' ||
	    c == '-';
}

/*
 * The domain after an @, from s[i]: where the address ends, or 0 when
 * there is no domain.  Labels are letters and digits with hyphens only
 * inside; the end is after the last label that is letters only, at
 * least two long and not the first.
 */
static size_t
domain_end(const char *str, size_t n, size_t i)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t good = 0;
	int labels = 0;

	while (i < n && ascii_alnum(s[i])) {
		size_t start = i;
		int letters = 1;

		for (;;) {
			if (i < n && ascii_alnum(s[i])) {
				if (s[i] <= '9')
					letters = 0;
				i++;
			} else if (i < n && s[i] == '-') {
				size_t h = i;

				while (h < n && s[h] == '-')
					h++;
				if (h == n || !ascii_alnum(s[h]))
					break;
				letters = 0;
				i = h;
			} else {
				break;
			}
		}
		if (++labels >= 2 && letters && i - start >= 2)
			good = i;
		if (i + 1 < n && s[i] == '.' && ascii_alnum(s[i + 1]))
			i++;
		else
			break;
	}
	return good;
}

/*
 * The first address whose local part starts at or after from, in
 * s[*start..*end); 0 if there is none.  Each @ looks back only as far as
 * the previous one (which is no local character) and forward only to
 * the next, so a whole scan stays linear.
 */
static int
email_next(const char *str, size_t n, size_t from, size_t *start, size_t *end)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t at, a, e, alen;

	for (at = from; at < n; at++) {
		if (s[at] == '@')
			alen = 1;
		else if (s[at] == 0xef && at + 2 < n && s[at + 1] == 0xbc &&
		    s[at + 2] == 0xa0)
			alen = 3; /* fullwidth ＠ */
		else
			continue;
		for (a = at; a > from && local_char(s[a - 1]); a--)
			;
		/* Two dots in a row cannot be in an address: they end an
		 * ellipsis before it ("see...li@x.cn"), as a leading dot
		 * ends a sentence. */
		for (e = at; e > a + 1; e--)
			if (s[e - 1] == '.' && s[e - 2] == '.') {
				a = e;
				break;
			}
		while (a < at && s[a] == '.')
			a++;
		if (a == at || s[at - 1] == '.')
			continue;
		if ((e = domain_end(str, n, at + alen)) == 0)
			continue;
		*start = a;
		*end = e;
		return 1;
	}
	return 0;
}

int
pii_scan(const char *text, size_t n, pii_fn fn, void *arg)
{
	struct scan sc;
	size_t from = 0, start, end;
	int rc, found;

	memset(&sc, 0, sizeof sc);
	sc.s = text;
	sc.n = n;
	sc.fn = fn;
	sc.arg = arg;
	do {
		found = email_next(text, n, from, &start, &end);
		if ((rc = numbers(&sc, from, found ? start : n)) != 0)
			return rc;
		if (found) {
			if ((rc = emit(&sc, PII_EMAIL, start, end)) != 0)
				return rc;
			from = end;
		}
	} while (found);
	return GZ_OK;
}
