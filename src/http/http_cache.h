/*
 * http_cache: a bounded, thread-safe map from a key to a reference-counted
 * item, evicting the least recently used when over its byte budget.  The
 * static server keeps ready responses of small files in it (one cache per
 * published generation, dropped whole when the generation changes).
 *
 * Items are intrusive: embed struct http_cache_item first in your own
 * struct, set key, keylen, bytes and destroy, and put it.  The cache holds
 * one reference while an item is in it; http_cache_get() hands out
 * another, given back with http_cache_release(), so an item evicted while
 * a request still uses it lives until that request is done.
 *
 * Locking: the map is split into shards, each with its own mutex, so
 * that threads serving different files rarely wait for each other.
 */
#ifndef GZ_HTTP_CACHE_H
#define GZ_HTTP_CACHE_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

struct http_cache_item {
	/* Set by the owner before http_cache_put(): */
	char *key; /* owned by the item; freed by destroy */
	size_t keylen;
	size_t bytes; /* memory charged against the budget */
	void (*destroy)(struct http_cache_item *it); /* frees the item */
	/* The cache's own: */
	uint64_t hash;
	atomic_int refs;
	struct http_cache_item *chain, *prev, *next;
};

struct http_cache;

/* A cache of at most max_bytes; NULL when out of memory. */
struct http_cache *http_cache_new(size_t max_bytes);
/* Drop every item (each destroyed when its last user releases it). */
void http_cache_free(struct http_cache *c);
/*
 * The item for key[0..n), with a reference the caller gives back with
 * http_cache_release(); NULL when absent.  Marks it recently used.
 */
struct http_cache_item *http_cache_get(
    struct http_cache *c, const char *key, size_t n);
/*
 * Put it in, replacing an item of the same key, and evict the least
 * recently used items of its shard while over budget.  The caller keeps
 * the reference it had (refs starts at 1 for the creator: set it with
 * http_cache_item_init()).  An item larger than a shard's budget is not
 * kept.
 */
void http_cache_put(struct http_cache *c, struct http_cache_item *it);
/* Remove it if it is still in the cache (it went stale). */
void http_cache_remove(struct http_cache *c, struct http_cache_item *it);
/* Give back a reference; the last one destroys the item. */
void http_cache_release(struct http_cache_item *it);
/* Set refs to 1 (the creator's) and clear the cache's fields. */
void http_cache_item_init(struct http_cache_item *it);
/* The hash of key[0..n) (exposed for tests). */
uint64_t http_cache_hash(const char *key, size_t n);

#endif
