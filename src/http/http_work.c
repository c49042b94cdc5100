/*
 * http_work: a bounded job queue and its threads.  See http_work.h.
 */
#include <pthread.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "err.h"
#include "http_work.h"

struct http_work {
	pthread_mutex_t lock;
	pthread_cond_t ready;
	void (*run)(void *);
	void **ring;
	size_t cap, head, n;
	int stopping;
	pthread_t *threads;
	unsigned nthreads;
};

static void *
worker(void *p)
{
	struct http_work *w = p;
	void *job;

	/* Linux keeps a nice value per thread: this one yields to the
	 * connection threads. */
	(void)setpriority(PRIO_PROCESS, (id_t)gettid(),
	    getpriority(PRIO_PROCESS, (id_t)gettid()) + HTTP_WORK_NICE);
	pthread_mutex_lock(&w->lock);
	for (;;) {
		while (w->n == 0 && !w->stopping)
			pthread_cond_wait(&w->ready, &w->lock);
		if (w->n == 0)
			break; /* stopping, and nothing is left */
		job = w->ring[w->head];
		w->head = (w->head + 1) % w->cap;
		w->n--;
		pthread_mutex_unlock(&w->lock);
		w->run(job);
		pthread_mutex_lock(&w->lock);
	}
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

struct http_work *
http_work_new(unsigned threads, size_t queue_max, void (*run)(void *job))
{
	struct http_work *w;

	if (threads == 0 || queue_max == 0 ||
	    (w = calloc(1, sizeof *w)) == NULL)
		return NULL;
	pthread_mutex_init(&w->lock, NULL);
	pthread_cond_init(&w->ready, NULL);
	w->run = run;
	w->cap = queue_max;
	if ((w->ring = calloc(queue_max, sizeof *w->ring)) == NULL ||
	    (w->threads = calloc(threads, sizeof *w->threads)) == NULL) {
		http_work_free(w);
		return NULL;
	}
	for (; w->nthreads < threads; w->nthreads++)
		if (pthread_create(&w->threads[w->nthreads], NULL, worker, w)) {
			http_work_free(w);
			return NULL;
		}
	return w;
}

int
http_work_push(struct http_work *w, void *job)
{
	pthread_mutex_lock(&w->lock);
	if (w->n == w->cap || w->stopping) {
		pthread_mutex_unlock(&w->lock);
		return GZ_EBUSY;
	}
	w->ring[(w->head + w->n) % w->cap] = job;
	w->n++;
	pthread_cond_signal(&w->ready);
	pthread_mutex_unlock(&w->lock);
	return GZ_OK;
}

void
http_work_free(struct http_work *w)
{
	unsigned i;

	if (w == NULL)
		return;
	pthread_mutex_lock(&w->lock);
	w->stopping = 1;
	pthread_cond_broadcast(&w->ready);
	pthread_mutex_unlock(&w->lock);
	for (i = 0; i < w->nthreads; i++)
		pthread_join(w->threads[i], NULL);
	pthread_cond_destroy(&w->ready);
	pthread_mutex_destroy(&w->lock);
	free(w->threads);
	free(w->ring);
	free(w);
}
