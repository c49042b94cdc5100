/*
 * date: RFC 3339 dates as the front matter writes them, and the looser
 * forms people type ("2021-06-07 09:04", "2021-06-07").
 *
 * Times are Unix seconds (int64_t) plus the offset, in minutes east of
 * UTC, in which the date is shown.  The calendar arithmetic is done here
 * (proleptic Gregorian, days from civil), so nothing depends on the TZ
 * environment, timegm() or the C library's idea of time_t.
 */
#ifndef GZ_DATE_H
#define GZ_DATE_H

#include <stdint.h>

#include "buf.h"

/* Offsets from -23:59 to +23:59, in minutes. */
#define DATE_OFFSET_MAX (23 * 60 + 59)

/*
 * Parse s, one of
 *	2021-06-07T09:04:42+08:00   (also -05:00, +0800, +08, Z)
 *	2021-06-07T09:04:42         (T, t or a space between date and time)
 *	2021-06-07T09:04            (seconds are optional)
 *	2021-06-07                  (midnight)
 * Fractional seconds are accepted and dropped.  Forms without a zone are
 * taken to be in default_offset (minutes east of UTC).  Years 0000-9999;
 * every field is range-checked (Feb 29 only in leap years, no second 60).
 * Sets *t to Unix seconds and *offset to the offset used; returns GZ_OK,
 * or GZ_EINVAL leaving *t and *offset untouched.
 */
int date_parse(const char *s, int default_offset, int64_t *t, int *offset);
/*
 * Append t as RFC 3339 in the given offset, e.g. 2021-06-07T09:04:42+08:00.
 * UTC is written +00:00, never Z.  Any t is accepted; years outside
 * 0000-9999 come out with more digits or a sign, which date_parse()
 * refuses.
 */
void date_format(struct buf *out, int64_t t, int offset);
/* Append t as a reader of lang sees a date: "7 June 2021" in English,
 * 2021-06-07 otherwise. */
void date_display(struct buf *out, int64_t t, int offset, const char *lang);
/* Days since 1970-01-01 of a proleptic Gregorian date (m 1-12, d 1-31). */
int64_t date_days_from_civil(int64_t y, int m, int d);
/* The date of a day number from date_days_from_civil(). */
void date_civil_from_days(int64_t days, int64_t *y, int *m, int *d);

#endif
