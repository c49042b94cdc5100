/*
 * http_log: the buffered access log.  See http_log.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "escape.h"
#include "file.h"
#include "http_log.h"

#define LOG_BLOCK 65536

/*
 * Each thread that logs gathers its lines in a shard of its own, so
 * that threads never wait for each other's lines: the shard's mutex is
 * taken by its thread for every line and by http_log_flush() (the
 * server's tick) now and then, and is otherwise uncontended.  Every
 * write(2) holds whole lines and the file is opened O_APPEND, so lines
 * of different threads never mix; their order across threads is that of
 * the flushes.
 */
struct shard {
	pthread_mutex_t lock;
	struct shard *next;
	size_t len;
	char data[LOG_BLOCK];
};

struct http_log {
	pthread_mutex_t lock; /* the list of shards; the descriptor */
	unsigned long id;     /* tells logs apart in threads' caches */
	char *path;           /* NULL: standard output */
	atomic_int fd;
	atomic_int failed; /* a write failed and was reported */
	struct shard *shards;
};

static atomic_ulong log_ids = 1;
/* The calling thread's shard, and the log it belongs to. */
static _Thread_local unsigned long my_log;
static _Thread_local struct shard *my_shard;

static int
log_fd_open(const char *path, struct buf *why)
{
	int fd;

	if (path == NULL)
		return STDOUT_FILENO;
	fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		file_explain(why, "open the access log", path, errno);
	return fd;
}

int
http_log_open(const char *path, struct http_log **out, struct buf *why)
{
	struct http_log *l;
	int fd;

	*out = NULL;
	if ((l = calloc(1, sizeof *l)) == NULL)
		return GZ_ENOMEM;
	if (strcmp(path, "-") != 0 && (l->path = strdup(path)) == NULL) {
		free(l);
		return GZ_ENOMEM;
	}
	if ((fd = log_fd_open(l->path, why)) < 0) {
		int rc = gz_from_errno(errno);
		free(l->path);
		free(l);
		return rc;
	}
	atomic_init(&l->fd, fd);
	atomic_init(&l->failed, 0);
	l->id = atomic_fetch_add(&log_ids, 1);
	pthread_mutex_init(&l->lock, NULL);
	*out = l;
	return GZ_OK;
}

/* Write a shard out; called with the shard's lock held. */
static int
shard_drain(struct http_log *l, struct shard *sh)
{
	const char *p = sh->data;
	size_t n = sh->len;
	ssize_t k;

	sh->len = 0;
	while (n > 0) {
		k = write(atomic_load(&l->fd), p, n);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			/* Say it once; requests go on without their lines. */
			if (!atomic_exchange(&l->failed, 1))
				fprintf(stderr,
				    "gazette: cannot write the access log %s: "
				    "%s; lines are lost until it is reopened "
				    "(SIGHUP)\n",
				    l->path ? l->path : "(stdout)",
				    strerror(errno));
			return GZ_EIO;
		}
		p += k;
		n -= (size_t)k;
	}
	return GZ_OK;
}

/* The calling thread's shard of l, made on its first line. */
static struct shard *
shard_mine(struct http_log *l)
{
	struct shard *sh;

	if (my_log == l->id)
		return my_shard;
	if ((sh = malloc(sizeof *sh)) == NULL)
		return NULL;
	pthread_mutex_init(&sh->lock, NULL);
	sh->len = 0;
	pthread_mutex_lock(&l->lock);
	sh->next = l->shards;
	l->shards = sh;
	pthread_mutex_unlock(&l->lock);
	my_log = l->id;
	my_shard = sh;
	return sh;
}

void
http_log_write(struct http_log *l, const char *line, size_t n)
{
	struct shard *sh;

	if (l == NULL || n > LOG_BLOCK || (sh = shard_mine(l)) == NULL)
		return;
	pthread_mutex_lock(&sh->lock);
	if (sh->len + n > LOG_BLOCK)
		shard_drain(l, sh);
	memcpy(sh->data + sh->len, line, n);
	sh->len += n;
	pthread_mutex_unlock(&sh->lock);
}

int
http_log_flush(struct http_log *l)
{
	struct shard *sh;
	int rc = GZ_OK;

	if (l == NULL)
		return GZ_OK;
	pthread_mutex_lock(&l->lock);
	for (sh = l->shards; sh != NULL; sh = sh->next) {
		pthread_mutex_lock(&sh->lock);
		if (sh->len && shard_drain(l, sh))
			rc = GZ_EIO;
		pthread_mutex_unlock(&sh->lock);
	}
	pthread_mutex_unlock(&l->lock);
	return rc;
}

int
http_log_reopen(struct http_log *l, struct buf *why)
{
	struct shard *sh;
	int fd, old;

	if (l == NULL || l->path == NULL)
		return GZ_OK;
	http_log_flush(l);
	/* Keep the old file when the new one cannot be opened. */
	if ((fd = log_fd_open(l->path, why)) < 0)
		return gz_from_errno(errno);
	/* No shard may be writing to the old descriptor when it closes. */
	pthread_mutex_lock(&l->lock);
	for (sh = l->shards; sh != NULL; sh = sh->next)
		pthread_mutex_lock(&sh->lock);
	old = atomic_exchange(&l->fd, fd);
	atomic_store(&l->failed, 0);
	for (sh = l->shards; sh != NULL; sh = sh->next)
		pthread_mutex_unlock(&sh->lock);
	pthread_mutex_unlock(&l->lock);
	close(old);
	return GZ_OK;
}

void
http_log_close(struct http_log *l)
{
	struct shard *sh;

	if (l == NULL)
		return;
	http_log_flush(l);
	if (l->path != NULL)
		close(atomic_load(&l->fd));
	while ((sh = l->shards) != NULL) {
		l->shards = sh->next;
		pthread_mutex_destroy(&sh->lock);
		free(sh);
	}
	pthread_mutex_destroy(&l->lock);
	free(l->path);
	free(l);
}

/* "[10/Oct/2026:13:55:36 +0000]", remade once a second per thread. */
static const char *
log_time(time_t t)
{
	static const char mon[][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	    "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	static _Thread_local time_t last = -1;
	static _Thread_local char text[64];
	struct tm tm;

	if (t != last) {
		gmtime_r(&t, &tm);
		snprintf(text, sizeof text,
		    "[%02d/%s/%04d:%02d:%02d:%02d +0000]", tm.tm_mday,
		    mon[tm.tm_mon % 12], tm.tm_year + 1900, tm.tm_hour,
		    tm.tm_min, tm.tm_sec);
		last = t;
	}
	return text;
}

/* Append n in decimal. */
static void
number(struct buf *b, uint64_t n)
{
	char d[24];
	size_t i = sizeof d;

	do {
		d[--i] = (char)('0' + n % 10);
		n /= 10;
	} while (n > 0);
	buf_put(b, d + i, sizeof d - i);
}

void
http_log_format(struct buf *b, const char *host, time_t t, const char *method,
    const char *target, size_t tlen, const char *version, unsigned status,
    uint64_t bytes)
{
	buf_reset(b);
	buf_puts(b, host && *host ? host : "-");
	buf_puts(b, " - - ");
	buf_puts(b, log_time(t));
	buf_puts(b, " \"");
	escape_json(b, method, strlen(method));
	buf_putc(b, ' ');
	escape_json(b, target, tlen);
	if (version && *version) {
		buf_putc(b, ' ');
		escape_json(b, version, strlen(version));
	}
	/* By hand: printf would be a tenth of a request's own time. */
	buf_puts(b, "\" ");
	number(b, status % 1000);
	buf_putc(b, ' ');
	if (bytes)
		number(b, bytes);
	else
		buf_putc(b, '-');
	buf_putc(b, '\n');
}
