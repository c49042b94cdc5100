/*
 * clock: elapsed time, for the durations commands report, and a phase
 * trace for finding where time goes (GAZETTE_TRACE=1).
 */
#ifndef GZ_CLOCK_H
#define GZ_CLOCK_H

/* Seconds on the monotonic clock (only differences mean anything). */
double clock_seconds(void);

/*
 * When the environment has GAZETTE_TRACE set, print on standard error
 * "trace: WHAT N.NN ms" with the time since the previous call (or the
 * first call); otherwise do nothing, cheaply.
 */
void clock_trace(const char *what);

#endif
