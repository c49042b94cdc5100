/*
 * http_log: the access log, one Common Log Format line per request:
 *
 *	127.0.0.1 - - [10/Oct/2026:13:55:36 +0000] "GET /x HTTP/1.1" 200 2326
 *
 * Lines are gathered in memory and written in blocks of about 64 KiB (or
 * when http_log_flush() is called, which the server does every ~200 ms),
 * so that logging costs a copy under a lock per request, not a write.
 * Opened with O_APPEND; http_log_reopen() starts a new file of the same
 * name after logrotate moved the old one.
 */
#ifndef GZ_HTTP_LOG_H
#define GZ_HTTP_LOG_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "buf.h"

struct http_log;

/*
 * Open the log at path (created 0644, appended to), or standard output
 * for "-".  The caller owns *out (http_log_close()).  On error a message
 * naming path is appended to why.
 */
int http_log_open(const char *path, struct http_log **out, struct buf *why);
/* Append one formatted line (http_log_format()); thread-safe. */
void http_log_write(struct http_log *l, const char *line, size_t n);
/* Write what is gathered; thread-safe.  GZ_OK or GZ_EIO. */
int http_log_flush(struct http_log *l);
/* Flush, close and open the same path again (SIGHUP); thread-safe. */
int http_log_reopen(struct http_log *l, struct buf *why);
/* Flush and close; NULL is ignored. */
void http_log_close(struct http_log *l);

/*
 * Format one line into b (replacing it): host, the time t, the request
 * line (method, raw target, version: escaped as the inside of a JSON
 * string, so that quotes and control bytes sent by a client cannot
 * forge fields or lines), the status, and the body bytes sent ("-" for
 * none).
 */
void http_log_format(struct buf *b, const char *host, time_t t,
    const char *method, const char *target, size_t tlen, const char *version,
    unsigned status, uint64_t bytes);

#endif
