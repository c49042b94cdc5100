/*
 * clock: elapsed time, for the durations commands report.
 */
#ifndef GZ_CLOCK_H
#define GZ_CLOCK_H

/* Seconds on the monotonic clock (only differences mean anything). */
double clock_seconds(void);

#endif
