/*
 * schedule: what comes due, published.  See schedule.h.
 */
#include <stdlib.h>

#include "buf.h"
#include "err.h"
#include "schedule.h"

int
schedule_run(struct store *st, const struct site *site,
    const struct publish_opts *o, int64_t *since, int64_t now, long *count,
    struct buf *why)
{
	struct store_ids d = {0};
	struct publish_stats stats;
	char *live;
	int rc;

	*count = 0;
	if ((live = publish_live(o)) == NULL) {
		*since = now; /* nothing published: nothing to keep in step */
		return GZ_OK;
	}
	free(live);
	if ((rc = store_schedule_due(st, site->id, *since, now,
	    store_ids_add, &d))) {
		buf_printf(why, "cannot read what is due: %s",
		    store_errmsg(st));
		goto out;
	}
	if (d.n > 0 && (rc = publish_articles(st, site, d.v, d.n, o, &stats,
	    why)))
		goto out;
	*count = (long)d.n;
	*since = now;
out:
	store_ids_clear(&d);
	return rc;
}
