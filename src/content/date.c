/*
 * date: parsing and formatting RFC 3339 dates.  See date.h.
 *
 * The day arithmetic is Howard Hinnant's days_from_civil and
 * civil_from_days, which work for every year in 400-year eras without
 * tables or loops.
 */
#include <stddef.h>

#include <string.h>

#include "date.h"

static int
is_leap(int64_t y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
days_in_month(int64_t y, int m)
{
	static const int mdays[12] = {
	    31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : mdays[m - 1];
}

/* Floor division, for days and eras before 1970 and year 0. */
static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t
date_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = floor_div(y, 400);
	yoe = y - era * 400;                                  /* [0, 399] */
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;          /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

void
date_civil_from_days(int64_t days, int64_t *y, int *m, int *d)
{
	int64_t z, era, doe, yoe, doy, mp;

	z = days + 719468;
	era = floor_div(z, 146097);
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Read exactly n digits at *p; -1 if they are not all digits. */
static int
digits(const char **p, int n)
{
	int v = 0;

	while (n-- > 0) {
		if (**p < '0' || **p > '9')
			return -1;
		v = v * 10 + (*(*p)++ - '0');
	}
	return v;
}

int
date_parse(const char *s, int default_offset, int64_t *t, int *offset)
{
	const char *p = s;
	int y, mo, d, h = 0, mi = 0, sec = 0, off = default_offset;

	if (s == NULL)
		return GZ_EINVAL;
	if ((y = digits(&p, 4)) < 0 || *p++ != '-' ||
	    (mo = digits(&p, 2)) < 0 || *p++ != '-' || (d = digits(&p, 2)) < 0)
		return GZ_EINVAL;
	if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo))
		return GZ_EINVAL;
	if (*p == 'T' || *p == 't' || *p == ' ') {
		p++;
		if ((h = digits(&p, 2)) < 0 || *p++ != ':' ||
		    (mi = digits(&p, 2)) < 0)
			return GZ_EINVAL;
		if (*p == ':') {
			p++;
			if ((sec = digits(&p, 2)) < 0)
				return GZ_EINVAL;
			if (*p == '.' || *p == ',') {
				p++;
				if (*p < '0' || *p > '9')
					return GZ_EINVAL;
				while (*p >= '0' && *p <= '9')
					p++;
			}
		}
		if (h > 23 || mi > 59 || sec > 59)
			return GZ_EINVAL;
		if (*p == 'Z' || *p == 'z') {
			p++;
			off = 0;
		} else if (*p == '+' || *p == '-') {
			int sign = *p++ == '-' ? -1 : 1, oh, om = 0;

			if ((oh = digits(&p, 2)) < 0)
				return GZ_EINVAL;
			/* +08:00, +0800 or +08 */
			if (*p == ':') {
				p++;
				if ((om = digits(&p, 2)) < 0)
					return GZ_EINVAL;
			} else if (*p != '\0') {
				if ((om = digits(&p, 2)) < 0)
					return GZ_EINVAL;
			}
			if (oh > 23 || om > 59)
				return GZ_EINVAL;
			off = sign * (oh * 60 + om);
		}
	}
	if (*p != '\0')
		return GZ_EINVAL;
	if (off < -DATE_OFFSET_MAX || off > DATE_OFFSET_MAX)
		return GZ_EINVAL;
	*t = date_days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec -
	    (int64_t)off * 60;
	*offset = off;
	return GZ_OK;
}

void
date_format(struct buf *out, int64_t t, int offset)
{
	int64_t days, secs, y;
	long long aoff = offset < 0 ? -(long long)offset : offset;
	int m, d;

	/* Split before adding the offset, so no t can overflow. */
	days = t / 86400;
	secs = t % 86400;
	if (secs < 0)
		secs += 86400, days--;
	secs += (int64_t)offset * 60;
	days += floor_div(secs, 86400);
	secs -= floor_div(secs, 86400) * 86400;
	date_civil_from_days(days, &y, &m, &d);
	buf_printf(out, "%04lld-%02d-%02dT%02d:%02d:%02d%c%02lld:%02lld",
	    (long long)y, m, d, (int)(secs / 3600), (int)(secs / 60 % 60),
	    (int)(secs % 60), offset < 0 ? '-' : '+', aoff / 60, aoff % 60);
}

void
date_display(struct buf *out, int64_t t, int offset, const char *lang)
{
	static const char *const months[] = {"January", "February", "March",
	    "April", "May", "June", "July", "August", "September", "October",
	    "November", "December"};
	int64_t local = t + (int64_t)offset * 60, days, y;
	int m, d;

	days = local >= 0 ? local / 86400 : -((-local + 86399) / 86400);
	date_civil_from_days(days, &y, &m, &d);
	if (strncmp(lang, "en", 2) == 0)
		buf_printf(out, "%d %s %lld", d, months[m - 1], (long long)y);
	else
		buf_printf(out, "%04lld-%02d-%02d", (long long)y, m, d);
}
