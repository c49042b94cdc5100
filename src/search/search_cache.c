/*
 * search_cache: a bounded LRU of search answers.  See search_cache.h.
 *
 * A chained hash table finds an entry; a doubly linked list orders the
 * entries from most to least recently used.  Key and answer live in the
 * entry's own allocation.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "search_cache.h"

struct entry {
	struct entry *chain;       /* next in the bucket */
	struct entry *newer, *older;
	uint64_t hash;
	int64_t version, born;
	size_t klen, vlen;
	char data[];               /* key, then answer */
};

struct search_cache {
	pthread_mutex_t lock;
	struct entry **bucket;
	size_t nbucket;            /* a power of two */
	struct entry *newest, *oldest;
	size_t entries, bytes;
	size_t max_entries, max_bytes;
	int64_t ttl;
	int64_t version;           /* the newest put */
	uint64_t hits, misses;
};

/* FNV-1a. */
static uint64_t
hash_key(const char *k, size_t n)
{
	uint64_t h = 0xcbf29ce484222325u;

	while (n--) {
		h ^= (unsigned char)*k++;
		h *= 0x100000001b3u;
	}
	return h;
}

static size_t
entry_size(const struct entry *e)
{
	return sizeof *e + e->klen + e->vlen;
}

struct search_cache *
search_cache_new(size_t max_entries, size_t max_bytes, int64_t ttl_seconds)
{
	struct search_cache *c;

	if ((c = calloc(1, sizeof *c)) == NULL)
		return NULL;
	if (max_entries == 0)
		max_entries = 1;
	c->nbucket = 16;
	while (c->nbucket < max_entries * 2)
		c->nbucket *= 2;
	if ((c->bucket = calloc(c->nbucket, sizeof *c->bucket)) == NULL) {
		free(c);
		return NULL;
	}
	pthread_mutex_init(&c->lock, NULL);
	c->max_entries = max_entries;
	c->max_bytes = max_bytes;
	c->ttl = ttl_seconds;
	return c;
}

/* Out of the list and of its bucket, and freed. */
static void
entry_drop(struct search_cache *c, struct entry *e)
{
	struct entry **p = &c->bucket[e->hash & (c->nbucket - 1)];

	while (*p != e)
		p = &(*p)->chain;
	*p = e->chain;
	if (e->newer)
		e->newer->older = e->older;
	else
		c->newest = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	c->entries--;
	c->bytes -= entry_size(e);
	free(e);
}

/* First in the list. */
static void
entry_front(struct search_cache *c, struct entry *e)
{
	if (c->newest == e)
		return;
	if (e->newer)
		e->newer->older = e->older;
	if (e->older)
		e->older->newer = e->newer;
	else
		c->oldest = e->newer;
	e->newer = NULL;
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (c->oldest == NULL)
		c->oldest = e;
}

static struct entry *
entry_find(struct search_cache *c, const char *key, size_t klen, uint64_t h)
{
	struct entry *e;

	for (e = c->bucket[h & (c->nbucket - 1)]; e; e = e->chain)
		if (e->hash == h && e->klen == klen &&
		    memcmp(e->data, key, klen) == 0)
			return e;
	return NULL;
}

void
search_cache_free(struct search_cache *c)
{
	if (c == NULL)
		return;
	while (c->oldest)
		entry_drop(c, c->oldest);
	pthread_mutex_destroy(&c->lock);
	free(c->bucket);
	free(c);
}

int
search_cache_get(struct search_cache *c, const char *key, size_t klen,
    int64_t version, int64_t now, struct buf *out)
{
	uint64_t h = hash_key(key, klen);
	struct entry *e;
	size_t was = out->len;
	int found = 0;

	pthread_mutex_lock(&c->lock);
	if ((e = entry_find(c, key, klen, h)) != NULL) {
		if (e->version != version || now - e->born >= c->ttl ||
		    now < e->born) {
			entry_drop(c, e);
		} else {
			buf_put(out, e->data + klen, e->vlen);
			if (buf_error(out) == 0) {
				entry_front(c, e);
				found = 1;
			}
		}
	}
	if (found)
		c->hits++;
	else
		c->misses++;
	pthread_mutex_unlock(&c->lock);
	if (!found)
		out->len = was;
	return found;
}

void
search_cache_put(struct search_cache *c, const char *key, size_t klen,
    int64_t version, int64_t now, const void *body, size_t len)
{
	uint64_t h = hash_key(key, klen);
	struct entry *e, *old;

	if (sizeof *e + klen + len > c->max_bytes ||
	    (e = malloc(sizeof *e + klen + len)) == NULL)
		return;
	e->hash = h;
	e->version = version;
	e->born = now;
	e->klen = klen;
	e->vlen = len;
	memcpy(e->data, key, klen);
	memcpy(e->data + klen, body, len);
	pthread_mutex_lock(&c->lock);
	if (version < c->version) {
		/* Made while the index changed: out of date already. */
		pthread_mutex_unlock(&c->lock);
		free(e);
		return;
	}
	if (version > c->version) {
		/* Nothing kept can be given any more. */
		while (c->oldest)
			entry_drop(c, c->oldest);
		c->version = version;
	}
	if ((old = entry_find(c, key, klen, h)) != NULL)
		entry_drop(c, old);
	while (c->oldest && (c->entries + 1 > c->max_entries ||
	    c->bytes + entry_size(e) > c->max_bytes))
		entry_drop(c, c->oldest);
	e->chain = c->bucket[h & (c->nbucket - 1)];
	c->bucket[h & (c->nbucket - 1)] = e;
	e->newer = NULL;
	e->older = c->newest;
	if (c->newest)
		c->newest->newer = e;
	c->newest = e;
	if (c->oldest == NULL)
		c->oldest = e;
	c->entries++;
	c->bytes += entry_size(e);
	pthread_mutex_unlock(&c->lock);
}

void
search_cache_stats(struct search_cache *c, struct search_cache_stats *s)
{
	pthread_mutex_lock(&c->lock);
	s->hits = c->hits;
	s->misses = c->misses;
	s->entries = c->entries;
	s->bytes = c->bytes;
	pthread_mutex_unlock(&c->lock);
}
