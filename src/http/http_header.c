/*
 * http_header: Accept-Encoding, Range, If-None-Match and dates.  See
 * http_header.h.  These parse text from the network: every loop is
 * bounded by the NUL, nothing is written outside the caller's out
 * arguments, and a value that makes no sense is ignored, never trusted.
 */
#include <string.h>
#include <strings.h>

#include "date.h"
#include "http_header.h"

static const char *
skip_ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/*
 * Parse a q-value at s ("0", "0.5", "1", "1.000"); returns it in
 * thousandths, or -1 when malformed.
 */
static int
qvalue(const char *s, const char **end)
{
	int v, k;

	if (*s == '0')
		v = 0;
	else if (*s == '1')
		v = 1000;
	else
		return -1;
	s++;
	if (*s == '.') {
		s++;
		for (k = 100; k >= 1 && *s >= '0' && *s <= '9'; k /= 10, s++)
			v += (*s - '0') * k;
	}
	*end = s;
	return v > 1000 ? 1000 : v;
}

int
http_accepts_gzip(const char *ae)
{
	const char *s = ae, *tok, *p;
	size_t toklen;
	int q, gzip = -1, star = -1;

	if (ae == NULL)
		return 0;
	while (*s) {
		s = skip_ows(s);
		tok = s;
		while (*s && *s != ',' && *s != ';' && *s != ' ' && *s != '\t')
			s++;
		toklen = (size_t)(s - tok);
		q = 1000;
		/* Parameters: only q matters. */
		for (;;) {
			s = skip_ows(s);
			if (*s != ';')
				break;
			s = skip_ows(s + 1);
			if ((*s == 'q' || *s == 'Q') &&
			    *skip_ows(s + 1) == '=') {
				int v;
				p = skip_ows(skip_ows(s + 1) + 1);
				if ((v = qvalue(p, &p)) >= 0) {
					q = v;
					s = p;
				}
			}
			while (*s && *s != ',' && *s != ';')
				s++;
		}
		while (*s && *s != ',')
			s++;
		if (*s == ',')
			s++;
		if ((toklen == 4 && strncasecmp(tok, "gzip", 4) == 0) ||
		    (toklen == 6 && strncasecmp(tok, "x-gzip", 6) == 0))
			gzip = gzip > q ? gzip : q;
		else if (toklen == 1 && *tok == '*')
			star = q;
	}
	if (gzip >= 0)
		return gzip > 0;
	return star > 0;
}

/* Parse decimal digits at *s into *v; -1 when none or too large. */
static int
number(const char **s, uint64_t *v)
{
	const char *p = *s;
	uint64_t n = 0;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (UINT64_MAX - 9) / 10)
			return -1;
		n = n * 10 + (uint64_t)(*p - '0');
	}
	*s = p;
	*v = n;
	return 0;
}

enum http_range
http_range_parse(const char *h, uint64_t size, uint64_t *first, uint64_t *len)
{
	const char *s;
	uint64_t a, b;

	if (h == NULL)
		return HTTP_RANGE_NONE;
	s = skip_ows(h);
	if (strncasecmp(s, "bytes", 5) != 0)
		return HTTP_RANGE_NONE;
	s = skip_ows(s + 5);
	if (*s != '=')
		return HTTP_RANGE_NONE;
	s = skip_ows(s + 1);
	if (*s == '-') {
		s++;
		if (number(&s, &b) < 0 || *skip_ows(s) != '\0')
			return HTTP_RANGE_NONE;
		if (b == 0 || size == 0)
			return HTTP_RANGE_UNSATISFIABLE;
		if (b > size)
			b = size;
		*first = size - b;
		*len = b;
		return HTTP_RANGE_OK;
	}
	if (number(&s, &a) < 0 || *s != '-')
		return HTTP_RANGE_NONE;
	s++;
	if (*skip_ows(s) == '\0') {
		b = UINT64_MAX;
	} else if (number(&s, &b) < 0 || *skip_ows(s) != '\0' || b < a) {
		return HTTP_RANGE_NONE;
	}
	if (a >= size)
		return HTTP_RANGE_UNSATISFIABLE;
	if (b >= size)
		b = size - 1;
	*first = a;
	*len = b - a + 1;
	return HTTP_RANGE_OK;
}

int
http_etag_match(const char *inm, const char *etag)
{
	const char *s = inm, *tag;
	size_t n;

	if (inm == NULL || etag == NULL)
		return 0;
	if (etag[0] == 'W' && etag[1] == '/')
		etag += 2;
	n = strlen(etag);
	while (*s) {
		s = skip_ows(s);
		if (*s == '*')
			return 1;
		if (s[0] == 'W' && s[1] == '/')
			s += 2;
		tag = s;
		if (*s == '"') {
			s++;
			while (*s && *s != '"')
				s++;
			if (*s == '"')
				s++;
		}
		if ((size_t)(s - tag) == n && n > 0 &&
		    memcmp(tag, etag, n) == 0)
			return 1;
		while (*s && *s != ',')
			s++;
		if (*s == ',')
			s++;
	}
	return 0;
}

static const char months[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
static const char days[] = "SunMonTueWedThuFriSat";

/* Read exactly k digits at *s. */
static int
digits(const char **s, int k, int *v)
{
	int n = 0;

	while (k-- > 0) {
		if (**s < '0' || **s > '9')
			return -1;
		n = n * 10 + (*(*s)++ - '0');
	}
	*v = n;
	return 0;
}

static int
month(const char *s)
{
	int i;

	for (i = 0; i < 12; i++)
		if (strncmp(s, months + 3 * i, 3) == 0)
			return i;
	return -1;
}

/* "HH:MM:SS" */
static int
clock_part(const char **s, int *h, int *mi, int *sec)
{
	if (digits(s, 2, h) || *(*s)++ != ':' || digits(s, 2, mi) ||
	    *(*s)++ != ':' || digits(s, 2, sec))
		return -1;
	return *h < 24 && *mi < 60 && *sec < 61 ? 0 : -1;
}

int
http_date_parse(const char *s, time_t *t)
{
	int d, m, y, h, mi, sec;
	const char *comma;

	if (s == NULL)
		return -1;
	s = skip_ows(s);
	comma = strchr(s, ',');
	if (comma != NULL && comma - s == 3) {
		/* IMF-fixdate: "Sun, 06 Nov 1994 08:49:37 GMT" */
		s += 4;
		if (*s++ != ' ' || digits(&s, 2, &d) || *s++ != ' ' ||
		    (m = month(s)) < 0)
			return -1;
		s += 3;
		if (*s++ != ' ' || digits(&s, 4, &y) || *s++ != ' ')
			return -1;
	} else if (comma != NULL && comma - s >= 6 && comma - s <= 9) {
		/* RFC 850: "Sunday, 06-Nov-94 08:49:37 GMT" */
		s = comma + 1;
		if (*s++ != ' ' || digits(&s, 2, &d) || *s++ != '-' ||
		    (m = month(s)) < 0)
			return -1;
		s += 3;
		if (*s++ != '-' || digits(&s, 2, &y) || *s++ != ' ')
			return -1;
		y += y < 70 ? 2000 : 1900;
	} else {
		/* asctime: "Sun Nov  6 08:49:37 1994" */
		if (strlen(s) < 24 || s[3] != ' ' || (m = month(s + 4)) < 0)
			return -1;
		s += 8;
		if (s[-1] != ' ')
			return -1;
		if (*s == ' ')
			s++;
		if (digits(&s,
		        *s >= '0' && *s <= '9' && s[1] >= '0' && s[1] <= '9'
		            ? 2
		            : 1,
		        &d) ||
		    *s++ != ' ' || clock_part(&s, &h, &mi, &sec) ||
		    *s++ != ' ' || digits(&s, 4, &y))
			return -1;
		goto done;
	}
	if (clock_part(&s, &h, &mi, &sec) || strncmp(s, " GMT", 4) != 0)
		return -1;
done:
	if (d < 1 || d > 31)
		return -1;
	*t = (time_t)(date_days_from_civil(y, m + 1, d) * 86400 + h * 3600 +
	    mi * 60 + sec);
	return 0;
}

void
http_date_format(time_t t, char *out)
{
	struct tm tm;
	int wd;

	gmtime_r(&t, &tm);
	wd = tm.tm_wday >= 0 && tm.tm_wday < 7 ? tm.tm_wday : 0;
	/* By hand, not strftime: the names must not follow the locale. */
	out[0] = days[3 * wd];
	out[1] = days[3 * wd + 1];
	out[2] = days[3 * wd + 2];
	out[3] = ',';
	out[4] = ' ';
	out[5] = (char)('0' + tm.tm_mday / 10);
	out[6] = (char)('0' + tm.tm_mday % 10);
	out[7] = ' ';
	memcpy(out + 8, months + 3 * (tm.tm_mon % 12), 3);
	out[11] = ' ';
	out[12] = (char)('0' + (tm.tm_year + 1900) / 1000 % 10);
	out[13] = (char)('0' + (tm.tm_year + 1900) / 100 % 10);
	out[14] = (char)('0' + (tm.tm_year + 1900) / 10 % 10);
	out[15] = (char)('0' + (tm.tm_year + 1900) % 10);
	out[16] = ' ';
	out[17] = (char)('0' + tm.tm_hour / 10);
	out[18] = (char)('0' + tm.tm_hour % 10);
	out[19] = ':';
	out[20] = (char)('0' + tm.tm_min / 10);
	out[21] = (char)('0' + tm.tm_min % 10);
	out[22] = ':';
	out[23] = (char)('0' + tm.tm_sec / 10);
	out[24] = (char)('0' + tm.tm_sec % 10);
	memcpy(out + 25, " GMT", 5);
}
