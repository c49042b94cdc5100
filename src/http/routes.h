/*
 * routes: the parts of a published site that cannot be static, as
 * routes of the HTTP server:
 *
 *   GET /search?q=&lang=&channel=&from=&to=&page=    results page (theme)
 *   GET /api/search?q=&lang=&channel=&from=&to=&page=&per_page=   JSON
 *   POST /api/visit?id=N       count a visit; {"count": N}
 *   GET  /api/visit?id=N       the count, not counted; {"count": N}
 *   GET  /api/visit?id=N&nojs=1   count (the <noscript> pixel); a GIF
 *
 * docs/api.md describes the answers.  The search page is rendered with
 * the theme and the site as last published; routes_tick() notices a new
 * publish and reloads them.
 *
 * Answers to searches are kept (search_cache.h) until the search index
 * changes, for at most ROUTES_CACHE_TTL seconds: a query asked by many
 * readers at once is searched once.
 */
#ifndef GZ_ROUTES_H
#define GZ_ROUTES_H

#include <stdint.h>

#include "buf.h"
#include "http.h"

struct routes;

/* Search answers kept: how many, how many bytes in all, how long. */
#define ROUTES_CACHE_ENTRIES 4096
#define ROUTES_CACHE_BYTES (64u << 20)
#define ROUTES_CACHE_TTL 60

struct routes_opts {
	const char *site_dir;  /* holds gazette.db and public/ */
	const char *argv0;     /* to find the themes beside the program */
	int64_t site_id;
};

int routes_new(const struct routes_opts *o, struct routes **out,
    struct buf *why);
/* Register the routes on s (before it starts). */
int routes_add(struct routes *r, struct http_server *s);
/*
 * Housekeeping, about every second, from one thread: write the visits
 * counted since the last call, and reload the site and theme after a
 * publish.  Errors are reported on standard error and retried.
 */
void routes_tick(struct routes *r);
/* Write what is pending and free; NULL is fine.  After the server
 * stopped (no handler may run). */
int routes_free(struct routes *r, struct buf *why);

#endif
