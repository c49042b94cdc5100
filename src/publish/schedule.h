/*
 * schedule: publishing what comes due while nobody acts.
 *
 * An article with a publish time in the future goes live when that time
 * comes, and one with a takedown time goes offline, through the same
 * incremental publish as any change.  The server calls schedule_run()
 * every few seconds; the first call of a process looks at all time
 * (since = SCHEDULE_START), so what came due while no server ran is
 * published at start.
 */
#ifndef GZ_SCHEDULE_H
#define GZ_SCHEDULE_H

#include <stdint.h>

#include "publish.h"

#define SCHEDULE_START INT64_MIN

/*
 * Republish the articles of site whose publish or takedown time came in
 * (*since, now] and that the published tree does not show as it should;
 * then *since = now.  On failure *since is kept, so the next call tries
 * again.  *count gets the number of articles republished.  Does nothing
 * when the site has no published tree.
 */
int schedule_run(struct store *st, const struct site *site,
    const struct publish_opts *o, int64_t *since, int64_t now, long *count,
    struct buf *why);

#endif
