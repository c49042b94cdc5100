/*
 * clock: elapsed time.  See clock.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "clock.h"

double
clock_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void
clock_trace(const char *what)
{
	static int on = -1;
	static double last;
	double now;

	if (on < 0)
		on = getenv("GAZETTE_TRACE") != NULL;
	if (!on)
		return;
	now = clock_seconds();
	if (last == 0)
		last = now;
	fprintf(stderr, "trace: %-28s %8.2f ms\n", what, (now - last) * 1e3);
	last = now;
}
