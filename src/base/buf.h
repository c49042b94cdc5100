/*
 * buf: the one growable byte buffer used for all string building.
 *
 * A buffer carries a sticky error: once an allocation fails, every later
 * append is a no-op and buf_error() reports GZ_ENOMEM.  Callers append
 * freely and check once at the end, as SQLite's StrAccum does.
 *
 * The contents are always NUL-terminated once anything was appended, so
 * buf_cstr() is safe to hand to C string functions.
 */
#ifndef GZ_BUF_H
#define GZ_BUF_H

#include <stdarg.h>
#include <stddef.h>

#include "err.h"

struct buf {
	char *data;   /* NULL until the first append */
	size_t len;   /* bytes used, not counting the terminating NUL */
	size_t cap;   /* bytes allocated */
	int err;      /* sticky: GZ_OK, GZ_ENOMEM, or GZ_EINVAL (bad format) */
};

#define BUF_INIT {NULL, 0, 0, GZ_OK}

/* Prepare an empty buffer (same as BUF_INIT). */
void buf_init(struct buf *b);
/* Release the memory; the buffer is empty and usable again afterwards. */
void buf_free(struct buf *b);
/* Forget the contents but keep the memory and clear the sticky error. */
void buf_reset(struct buf *b);
/* Make room for at least n more bytes; returns GZ_OK or GZ_ENOMEM. */
int buf_grow(struct buf *b, size_t n);
/* Append n bytes of p. */
void buf_put(struct buf *b, const void *p, size_t n);
/* Append a NUL-terminated string (NULL appends nothing). */
void buf_puts(struct buf *b, const char *s);
/* Append one byte. */
void buf_putc(struct buf *b, int c);
/* Append formatted text. */
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append formatted text from a va_list. */
void buf_vprintf(struct buf *b, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
/* Shorten to n bytes (no-op if already shorter). */
void buf_truncate(struct buf *b, size_t n);
/* The contents as a C string; never NULL ("" when empty).  Owned by b. */
const char *buf_cstr(const struct buf *b);
/*
 * Hand the contents to the caller as a malloc'd NUL-terminated string and
 * leave b empty.  Returns NULL if the buffer is in error (and frees it).
 * An empty buffer yields an allocated "".
 */
char *buf_detach(struct buf *b, size_t *len);
/* GZ_OK, or the error of the first append that failed. */
int buf_error(const struct buf *b);
/* True when both buffers hold the same bytes. */
int buf_eq(const struct buf *a, const struct buf *b);

#endif
