/*
 * http_mime: what a file is, from its name: the Content-Type to send and
 * how long browsers may keep it.
 */
#ifndef GZ_HTTP_MIME_H
#define GZ_HTTP_MIME_H

#include <stddef.h>

/*
 * The Content-Type of a file named name[0..n) by its extension (any
 * case), text types with "; charset=utf-8"; application/octet-stream
 * when unknown.  A static string.
 */
const char *http_mime_type(const char *name, size_t n);

/*
 * The Cache-Control value for the file at the decoded request path p:
 * long for the theme's /assets/, short for pages and feeds (HTML, XML,
 * JSON, text), an hour for the rest (images and attachments).
 */
const char *http_mime_cache_control(const char *p, size_t n, const char *type);

#endif
