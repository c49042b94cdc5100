/*
 * http_work: the server's slow-work threads.  A handler that may take
 * long (a search that misses the answer cache) runs here, so the
 * connection threads go on serving files and quick routes meanwhile:
 * a burst of slow requests delays the slow requests, not the site.
 *
 * A bounded queue of jobs and a few threads running them, at a lower
 * scheduling priority (nice + HTTP_WORK_NICE) than the connection
 * threads, so that when both want the CPU, pages win.
 */
#ifndef GZ_HTTP_WORK_H
#define GZ_HTTP_WORK_H

#include <stddef.h>

#define HTTP_WORK_NICE 5

struct http_work;

/* threads running run(job) for each job pushed, at most queue_max
 * waiting.  NULL when threads or memory are lacking. */
struct http_work *http_work_new(unsigned threads, size_t queue_max,
    void (*run)(void *job));
/* Queue job: GZ_OK, or GZ_EBUSY when queue_max jobs already wait (the
 * caller answers "busy" at once). */
int http_work_push(struct http_work *w, void *job);
/* Run what is queued, then stop and join the threads; NULL is fine. */
void http_work_free(struct http_work *w);

#endif
