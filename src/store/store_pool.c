/*
 * store_pool: connections for threads that come and go (the server's
 * workers).  A connection is used by one thread at a time; the pool
 * keeps the ones handed back for the next request, so each is opened
 * once, not per request.
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "store.h"

struct store_pool {
	char *path;
	int flags;
	pthread_mutex_t lock;
	struct store **free;
	size_t nfree, cap;
};

struct store_pool *
store_pool_new(const char *path, int flags)
{
	struct store_pool *p = calloc(1, sizeof *p);

	if (p == NULL || (p->path = strdup(path)) == NULL) {
		free(p);
		return NULL;
	}
	p->flags = flags;
	pthread_mutex_init(&p->lock, NULL);
	return p;
}

void
store_pool_free(struct store_pool *p)
{
	size_t i;

	if (p == NULL)
		return;
	for (i = 0; i < p->nfree; i++)
		store_close(p->free[i]);
	free(p->free);
	pthread_mutex_destroy(&p->lock);
	free(p->path);
	free(p);
}

int
store_pool_get(struct store_pool *p, struct store **out, struct buf *why)
{
	pthread_mutex_lock(&p->lock);
	if (p->nfree > 0) {
		*out = p->free[--p->nfree];
		pthread_mutex_unlock(&p->lock);
		return GZ_OK;
	}
	pthread_mutex_unlock(&p->lock);
	return store_open(p->path, p->flags, out, why);
}

void
store_pool_put(struct store_pool *p, struct store *st)
{
	struct store **nv;

	if (st == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->nfree == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 8;
		if ((nv = realloc(p->free, cap * sizeof *nv)) == NULL) {
			pthread_mutex_unlock(&p->lock);
			store_close(st);
			return;
		}
		p->free = nv;
		p->cap = cap;
	}
	p->free[p->nfree++] = st;
	pthread_mutex_unlock(&p->lock);
}
