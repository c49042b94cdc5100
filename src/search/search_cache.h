/*
 * search_cache: answers to searches kept in memory, so a query many
 * readers ask costs one search, not one each.
 *
 * An answer is kept under its key (the normalised query and what it is
 * rendered for) with the search index version it was made from
 * (store_search_version): an answer made from another version is never
 * given, so a publish makes every kept answer out of date at once.  An
 * answer is also given only while younger than the cache's time to live
 * (ranking favours recent articles, and that moves with the clock).
 * The least recently used answers go first when the cache holds too
 * many or too many bytes.  Thread-safe: one lock, held for a lookup
 * and a copy.
 */
#ifndef GZ_SEARCH_CACHE_H
#define GZ_SEARCH_CACHE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

struct search_cache;

/* NULL when out of memory. */
struct search_cache *search_cache_new(size_t max_entries, size_t max_bytes,
    int64_t ttl_seconds);
void search_cache_free(struct search_cache *c);

/*
 * The answer kept for key at version, appended to out: 1 if there is
 * one younger than the time to live at now (seconds), 0 if not (or out
 * of memory; out is then as it was).
 */
int search_cache_get(struct search_cache *c, const char *key, size_t klen,
    int64_t version, int64_t now, struct buf *out);

/* Keep body as the answer for key at version, made at now.  Nothing is
 * kept when it is larger than the whole cache or memory runs out. */
void search_cache_put(struct search_cache *c, const char *key, size_t klen,
    int64_t version, int64_t now, const void *body, size_t len);

/* What was asked and found so far, and what is held. */
struct search_cache_stats {
	uint64_t hits, misses;
	size_t entries, bytes;
};
void search_cache_stats(struct search_cache *c, struct search_cache_stats *s);

#endif
