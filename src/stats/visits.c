/*
 * visits: buffered visit counts.  See visits.h.
 *
 * Entries live in STRIPES hash tables, each with its own mutex, chosen by
 * the article id: hits on different articles rarely wait for each other.
 * An entry holds the stored total as last read or written (base), the
 * visits counted since the last flush (pending) and when it was last
 * checked against the store, so that an article taken offline stops
 * counting within RECHECK seconds.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "err.h"
#include "store.h"
#include "visits.h"

#define STRIPES 64
/* Seconds before an entry is checked against the store again. */
#define RECHECK 30

struct entry {
	int64_t id;
	long base;        /* stored total */
	long pending;     /* counted, not written */
	int published;
	time_t checked;
	struct entry *next;
};

struct stripe {
	pthread_mutex_t lock;
	struct entry **slot;
	size_t nslot, n;
};

struct visits {
	struct store *st;
	int64_t site_id;
	int offset;                /* the site's time zone, minutes east */
	pthread_mutex_t db_lock;   /* the connection is not shared */
	pthread_mutex_t flush_lock;
	struct stripe stripes[STRIPES];
	atomic_long pending;
};

static size_t
hash(int64_t id)
{
	return (size_t)((uint64_t)id * 0x9E3779B97F4A7C15ull >> 20);
}

/* The slot of id in a stripe of n slots.  The stripe is hash % STRIPES;
 * the slot takes the bits above those, or the entries of a stripe would
 * use only 1 slot in STRIPES. */
static size_t
slot_of(int64_t id, size_t n)
{
	return hash(id) / STRIPES & (n - 1);
}

int
visits_open(const char *db_path, int64_t site_id, struct visits **out,
    struct buf *why)
{
	struct visits *v;
	int rc, i;

	*out = NULL;
	if ((v = calloc(1, sizeof *v)) == NULL)
		return GZ_ENOMEM;
	if ((rc = store_open(db_path, 0, &v->st, why))) {
		free(v);
		return rc;
	}
	v->site_id = site_id;
	{
		struct site s = {0};
		v->offset = store_site_get_id(v->st, site_id, &s) == GZ_OK ?
		    site_utc_offset(&s) : 480;
		site_clear(&s);
	}
	pthread_mutex_init(&v->db_lock, NULL);
	pthread_mutex_init(&v->flush_lock, NULL);
	for (i = 0; i < STRIPES; i++)
		pthread_mutex_init(&v->stripes[i].lock, NULL);
	atomic_init(&v->pending, 0);
	*out = v;
	return GZ_OK;
}

int
visits_close(struct visits *v, struct buf *why)
{
	struct entry *e, *next;
	size_t k;
	int rc, i;

	if (v == NULL)
		return GZ_OK;
	rc = visits_flush(v, NULL, why);
	for (i = 0; i < STRIPES; i++) {
		struct stripe *s = &v->stripes[i];
		for (k = 0; k < s->nslot; k++)
			for (e = s->slot[k]; e; e = next) {
				next = e->next;
				free(e);
			}
		free(s->slot);
		pthread_mutex_destroy(&s->lock);
	}
	pthread_mutex_destroy(&v->db_lock);
	pthread_mutex_destroy(&v->flush_lock);
	store_close(v->st);
	free(v);
	return rc;
}

/* Double a stripe's table. */
static int
stripe_grow(struct stripe *s)
{
	size_t n = s->nslot ? s->nslot * 2 : 64, k;
	struct entry **slot = calloc(n, sizeof *slot), *e, *next;

	if (slot == NULL)
		return GZ_ENOMEM;
	for (k = 0; k < s->nslot; k++)
		for (e = s->slot[k]; e; e = next) {
			next = e->next;
			e->next = slot[slot_of(e->id, n)];
			slot[slot_of(e->id, n)] = e;
		}
	free(s->slot);
	s->slot = slot;
	s->nslot = n;
	return GZ_OK;
}

static struct entry *
stripe_find(struct stripe *s, int64_t id)
{
	struct entry *e;

	if (s->nslot == 0)
		return NULL;
	for (e = s->slot[slot_of(id, s->nslot)]; e; e = e->next)
		if (e->id == id)
			return e;
	return NULL;
}

/* Read an article's stored count and whether it is published. */
static int
lookup(struct visits *v, int64_t id, long *count, int *published)
{
	int rc;

	pthread_mutex_lock(&v->db_lock);
	rc = store_visit_get(v->st, id, v->site_id, count, published);
	pthread_mutex_unlock(&v->db_lock);
	return rc;
}

int
visits_hit(struct visits *v, int64_t id, int count, long *total)
{
	struct stripe *s = &v->stripes[hash(id) % STRIPES];
	struct entry *e;
	time_t now = time(NULL);
	long base;
	int published, rc;

	*total = 0;
	if (id <= 0)
		return GZ_ENOTFOUND;
	pthread_mutex_lock(&s->lock);
	e = stripe_find(s, id);
	if (e && now - e->checked < RECHECK) {
		if (!e->published) {
			pthread_mutex_unlock(&s->lock);
			return GZ_ENOTFOUND;
		}
		if (count) {
			e->pending++;
			atomic_fetch_add(&v->pending, 1);
		}
		*total = e->base + e->pending;
		pthread_mutex_unlock(&s->lock);
		return GZ_OK;
	}
	pthread_mutex_unlock(&s->lock);

	/* Not known, or not checked lately: ask the store (unlocked, so
	 * that other articles' hits go on meanwhile). */
	if ((rc = lookup(v, id, &base, &published)))
		return rc;
	pthread_mutex_lock(&s->lock);
	if ((e = stripe_find(s, id)) == NULL) {
		if ((2 * (s->n + 1) > s->nslot && stripe_grow(s)) ||
		    (e = calloc(1, sizeof *e)) == NULL) {
			pthread_mutex_unlock(&s->lock);
			return GZ_ENOMEM;
		}
		e->id = id;
		e->next = s->slot[slot_of(id, s->nslot)];
		s->slot[slot_of(id, s->nslot)] = e;
		s->n++;
	}
	/* A flush may have written pending visits since the lookup: the
	 * store's total then includes them, and base must not count them
	 * twice.  Flushes move pending into base under this lock, so base
	 * >= the looked-up value means base is the newer. */
	if (base > e->base)
		e->base = base;
	e->published = published;
	e->checked = now;
	if (published && count) {
		e->pending++;
		atomic_fetch_add(&v->pending, 1);
	}
	*total = e->base + e->pending;
	pthread_mutex_unlock(&s->lock);
	return published ? GZ_OK : GZ_ENOTFOUND;
}

long
visits_pending(struct visits *v)
{
	return atomic_load(&v->pending);
}

struct batch {
	int64_t id;
	long n;
};

/* Today as YYYYMMDD, in the site's time zone (as the admin counts). */
static int
today(const struct visits *v)
{
	time_t t = (time_t)(store_now() + (int64_t)v->offset * 60);
	struct tm tm;

	gmtime_r(&t, &tm);
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 +
	    tm.tm_mday;
}

/* Give back what a failed flush took. */
static void
restore(struct visits *v, const struct batch *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct stripe *s = &v->stripes[hash(b[i].id) % STRIPES];
		struct entry *e;
		pthread_mutex_lock(&s->lock);
		if ((e = stripe_find(s, b[i].id)) != NULL) {
			e->base -= b[i].n;
			e->pending += b[i].n;
		}
		pthread_mutex_unlock(&s->lock);
		atomic_fetch_add(&v->pending, b[i].n);
	}
}

int
visits_flush(struct visits *v, long *written, struct buf *why)
{
	struct batch *b = NULL, *nb;
	size_t n = 0, cap = 0, k, i;
	long sum = 0;
	int rc = GZ_OK, day, j;

	if (written)
		*written = 0;
	pthread_mutex_lock(&v->flush_lock);
	/* Take what is pending, stripe by stripe; readers see no change
	 * (base + pending stays the same). */
	for (j = 0; j < STRIPES && rc == GZ_OK; j++) {
		struct stripe *s = &v->stripes[j];
		struct entry *e;
		pthread_mutex_lock(&s->lock);
		for (k = 0; k < s->nslot && rc == GZ_OK; k++)
			for (e = s->slot[k]; e && rc == GZ_OK; e = e->next) {
				if (e->pending == 0)
					continue;
				if (n == cap) {
					cap = cap ? cap * 2 : 256;
					if ((nb = realloc(b, cap * sizeof *b))
					    == NULL) {
						rc = GZ_ENOMEM;
						break;
					}
					b = nb;
				}
				b[n].id = e->id;
				b[n].n = e->pending;
				e->base += e->pending;
				e->pending = 0;
				sum += b[n].n;
				n++;
			}
		pthread_mutex_unlock(&s->lock);
	}
	atomic_fetch_sub(&v->pending, sum);
	if (rc == GZ_OK && n > 0) {
		day = today(v);
		pthread_mutex_lock(&v->db_lock);
		if ((rc = store_begin(v->st)) == GZ_OK) {
			for (i = 0; i < n && rc == GZ_OK; i++)
				rc = store_visit_add(v->st, b[i].id, day, b[i].n);
			rc = rc ? (store_rollback(v->st), rc) :
			    store_commit(v->st);
		}
		if (rc && why)
			buf_printf(why, "cannot write %ld visits: %s", sum,
			    store_errmsg(v->st));
		pthread_mutex_unlock(&v->db_lock);
	}
	if (rc)
		restore(v, b, n);
	else if (written)
		*written = sum;
	pthread_mutex_unlock(&v->flush_lock);
	free(b);
	return rc;
}

int
visits_is_bot(const char *ua)
{
	static const char *const marks[] = {
		"bot", "crawl", "spider", "slurp", "curl/", "wget/",
		"python", "java/", "go-http", "libwww", "httpclient",
		"headless", "scrapy", "okhttp", "facebookexternalhit",
		"preview", "monitor", "uptime", "pingdom", "feedfetcher",
		"http_request", "axios/", "node-fetch", "lighthouse",
		"phantomjs", "selenium", "wrk", "apachebench", "siege",
	};
	size_t i;

	if (ua == NULL)
		return 1;
	while (isspace((unsigned char)*ua))
		ua++;
	if (*ua == '\0')
		return 1;
	for (i = 0; i < sizeof marks / sizeof marks[0]; i++)
		if (strcasestr(ua, marks[i]))
			return 1;
	return 0;
}
