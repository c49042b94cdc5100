/*
 * http_cache: sharded LRU map of reference-counted items.  See
 * http_cache.h.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <xxhash.h>

#include "http_cache.h"

#define SHARDS  16
#define BUCKETS 1024 /* per shard, a power of two */

struct shard {
	pthread_mutex_t lock;
	struct http_cache_item *bucket[BUCKETS];
	struct http_cache_item lru; /* sentinel: next is the newest */
	size_t bytes;
};

struct http_cache {
	size_t budget; /* per shard */
	struct shard shard[SHARDS];
};

uint64_t
http_cache_hash(const char *key, size_t n)
{
	return XXH3_64bits(key, n);
}

struct http_cache *
http_cache_new(size_t max_bytes)
{
	struct http_cache *c = calloc(1, sizeof *c);
	int i;

	if (c == NULL)
		return NULL;
	c->budget = max_bytes / SHARDS;
	for (i = 0; i < SHARDS; i++) {
		pthread_mutex_init(&c->shard[i].lock, NULL);
		c->shard[i].lru.next = c->shard[i].lru.prev = &c->shard[i].lru;
	}
	return c;
}

void
http_cache_item_init(struct http_cache_item *it)
{
	atomic_init(&it->refs, 1);
	it->hash = 0;
	it->chain = it->prev = it->next = NULL;
}

void
http_cache_release(struct http_cache_item *it)
{
	if (it != NULL && atomic_fetch_sub(&it->refs, 1) == 1)
		it->destroy(it);
}

static struct shard *
shard_of(struct http_cache *c, uint64_t h)
{
	return &c->shard[h >> 60 & (SHARDS - 1)];
}

/* Take it out of its bucket and the LRU list; lock held.  Returns 1 if
 * it was there (and the cache's reference is now the caller's). */
static int
shard_unlink(struct shard *s, struct http_cache_item *it)
{
	struct http_cache_item **pp = &s->bucket[it->hash & (BUCKETS - 1)];

	while (*pp && *pp != it)
		pp = &(*pp)->chain;
	if (*pp == NULL)
		return 0;
	*pp = it->chain;
	it->prev->next = it->next;
	it->next->prev = it->prev;
	it->chain = it->prev = it->next = NULL;
	s->bytes -= it->bytes;
	return 1;
}

static void
lru_front(struct shard *s, struct http_cache_item *it)
{
	it->next = s->lru.next;
	it->prev = &s->lru;
	s->lru.next->prev = it;
	s->lru.next = it;
}

struct http_cache_item *
http_cache_get(struct http_cache *c, const char *key, size_t n)
{
	uint64_t h = http_cache_hash(key, n);
	struct shard *s = shard_of(c, h);
	struct http_cache_item *it;

	pthread_mutex_lock(&s->lock);
	for (it = s->bucket[h & (BUCKETS - 1)]; it; it = it->chain)
		if (it->hash == h && it->keylen == n &&
		    memcmp(it->key, key, n) == 0)
			break;
	if (it != NULL) {
		atomic_fetch_add(&it->refs, 1);
		if (s->lru.next != it) {
			it->prev->next = it->next;
			it->next->prev = it->prev;
			lru_front(s, it);
		}
	}
	pthread_mutex_unlock(&s->lock);
	return it;
}

void
http_cache_put(struct http_cache *c, struct http_cache_item *it)
{
	uint64_t h = http_cache_hash(it->key, it->keylen);
	struct shard *s = shard_of(c, h);
	struct http_cache_item **pp, *old = NULL, *gone = NULL, *v;

	if (it->bytes > c->budget)
		return;
	it->hash = h;
	pthread_mutex_lock(&s->lock);
	for (pp = &s->bucket[h & (BUCKETS - 1)]; *pp; pp = &(*pp)->chain)
		if ((*pp)->hash == h && (*pp)->keylen == it->keylen &&
		    memcmp((*pp)->key, it->key, it->keylen) == 0) {
			old = *pp;
			break;
		}
	if (old != NULL)
		shard_unlink(s, old);
	atomic_fetch_add(&it->refs, 1);
	it->chain = s->bucket[h & (BUCKETS - 1)];
	s->bucket[h & (BUCKETS - 1)] = it;
	lru_front(s, it);
	s->bytes += it->bytes;
	/* Evict from the old end; collect them to release unlocked. */
	while (s->bytes > c->budget && s->lru.prev != it) {
		v = s->lru.prev;
		shard_unlink(s, v);
		v->chain = gone;
		gone = v;
	}
	pthread_mutex_unlock(&s->lock);
	http_cache_release(old);
	while (gone != NULL) {
		v = gone;
		gone = v->chain;
		v->chain = NULL;
		http_cache_release(v);
	}
}

void
http_cache_remove(struct http_cache *c, struct http_cache_item *it)
{
	struct shard *s = shard_of(c, it->hash);
	int was;

	pthread_mutex_lock(&s->lock);
	was = it->next != NULL && shard_unlink(s, it);
	pthread_mutex_unlock(&s->lock);
	if (was)
		http_cache_release(it);
}

void
http_cache_free(struct http_cache *c)
{
	struct http_cache_item *it;
	int i;

	if (c == NULL)
		return;
	for (i = 0; i < SHARDS; i++) {
		struct shard *s = &c->shard[i];
		while ((it = s->lru.next) != &s->lru) {
			shard_unlink(s, it);
			http_cache_release(it);
		}
		pthread_mutex_destroy(&s->lock);
	}
	free(c);
}
