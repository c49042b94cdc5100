/*
 * visits: the article visit counter.
 *
 * A hit is counted in memory at once and written to the store in
 * batches (visits_flush(), which the server calls about every second
 * and once more when it stops), so thousands of hits a second cost a
 * handful of writes.  Each batch adds to the total of each article and
 * to its count for the day (table visit_day).  A batch that cannot be
 * written stays pending and is retried: nothing counted is dropped while
 * the process lives, and a clean shutdown writes everything.
 *
 * Only published articles of the site are counted; what readers see is
 * the stored total plus what is pending.  Thread-safe: hits take one of
 * many locks, by article.
 */
#ifndef GZ_VISITS_H
#define GZ_VISITS_H

#include <stdint.h>

#include "buf.h"

struct visits;

/* Open the counter of site_id, with its own connection to db_path. */
int visits_open(const char *db_path, int64_t site_id, struct visits **out,
    struct buf *why);
/* Flush what is pending and close; NULL is fine. */
int visits_close(struct visits *v, struct buf *why);

/*
 * A visit to article_id: counted when count is nonzero, only looked up
 * when not.  *total gets the article's count, this visit included.
 * GZ_ENOTFOUND when the site does not publish that article (not
 * counted); GZ_ESTORE if it could not be looked up.
 */
int visits_hit(struct visits *v, int64_t article_id, int count,
    long *total);

/* Write what is pending in one transaction.  *written (may be NULL)
 * gets the number of visits written. */
int visits_flush(struct visits *v, long *written, struct buf *why);

/* Visits counted and not yet written. */
long visits_pending(struct visits *v);

/*
 * Whether a request with this User-Agent is an obvious robot (crawlers,
 * link checkers, monitoring, command-line clients, an empty agent), whose
 * visits are not counted.
 */
int visits_is_bot(const char *user_agent);

#endif
