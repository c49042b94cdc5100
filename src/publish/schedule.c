/*
 * schedule: what comes due, published.  See schedule.h.
 */
#include <stdlib.h>

#include "buf.h"
#include "err.h"
#include "schedule.h"

struct due {
	int64_t *v;
	size_t n, cap;
};

static int
due_add(int64_t id, void *arg)
{
	struct due *d = arg;

	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 16;
		int64_t *nv = realloc(d->v, cap * sizeof *nv);
		if (nv == NULL)
			return GZ_ENOMEM;
		d->v = nv;
		d->cap = cap;
	}
	d->v[d->n++] = id;
	return GZ_OK;
}

int
schedule_run(struct store *st, const struct site *site,
    const struct publish_opts *o, int64_t *since, int64_t now, long *count,
    struct buf *why)
{
	struct due d = {0};
	struct publish_stats stats;
	struct buf out = BUF_INIT;
	char *live;
	int rc;

	*count = 0;
	if (o->out)
		buf_puts(&out, o->out);
	else
		buf_printf(&out, "%s/public", o->site_dir);
	live = publish_live_dir(buf_cstr(&out));
	buf_free(&out);
	if (live == NULL) {
		*since = now; /* nothing published: nothing to keep in step */
		return GZ_OK;
	}
	free(live);
	if ((rc = store_schedule_due(st, site->id, *since, now, due_add, &d))) {
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
	free(d.v);
	return rc;
}
