/*
 * http_path: taking a request-target apart and decoding its path and
 * query, with nothing else to know: no files, no sockets, no state.  The
 * server decodes every path here before it looks at a file or a route,
 * so that there is one place that says which paths exist at all; the fuzz
 * target fuzz/fuzz_http_path.c feeds it whatever comes.
 */
#ifndef GZ_HTTP_PATH_H
#define GZ_HTTP_PATH_H

#include <stddef.h>

#include "buf.h"

/* The longest decoded path accepted (longer ones: GZ_ETOOBIG, 414). */
#define HTTP_PATH_MAX 4096

/*
 * Split the request-target t[0..n) into its path and query.  The origin
 * form ("/a/b?q") and the absolute form ("http://host/a/b?q") are taken;
 * the authority of the absolute form is skipped (the server has one
 * site).  *path and *query point into t; *query is NULL when there is no
 * '?'.  A fragment ('#') ends the target.  Returns GZ_OK, or GZ_EINVAL
 * (with a static *reason) for "*", an empty target or one that does not
 * start with '/' or "http(s)://".
 */
int http_target_split(const char *t, size_t n, const char **path,
    size_t *pathlen, const char **query, size_t *querylen, const char **reason);

/*
 * Decode the path raw[0..n) (from http_target_split()) into out, which
 * is replaced: percent-escapes decoded, runs of '/' merged into one.  The
 * result starts with '/' and is NUL-terminated; a trailing '/' is kept.
 *
 * Refused, with a static message in *reason:
 *   GZ_EINVAL  not starting with '/'; a '%' not followed by two hex
 *              digits; an encoded '/' (%2F) or backslash (%5C); a raw
 *              backslash; a NUL or other control byte, raw or encoded;
 *              a raw space or '#'; a "." or ".." segment, raw or encoded
 *              (%2e%2e), so that nothing decoded here can climb out of
 *              the folder it is looked up in;
 *   GZ_EUTF8   the decoded bytes are not UTF-8 (overlong forms such as
 *              %C0%AE, surrogates and stray bytes included);
 *   GZ_ETOOBIG longer than HTTP_PATH_MAX;
 *   GZ_ENOMEM.
 * Segments that start with a dot (".git") are valid paths: whether to
 * serve them is the caller's choice (the static server does not).
 */
int http_path_decode(
    const char *raw, size_t n, struct buf *out, const char **reason);

/* Whether the decoded path p has a segment starting with '.'. */
int http_path_hidden(const char *p, size_t n);

/*
 * Decode an application/x-www-form-urlencoded string q[0..n) (a query
 * or a form body) and append each pair to out as "name\0value\0":
 * '+' is a space, %XX a byte (a '%' without two hex digits stays as it
 * is).  Pairs whose name or value would hold a NUL byte, and pairs with
 * an empty name, are skipped.  Returns the number of pairs appended;
 * check buf_error(out) for GZ_ENOMEM.
 */
size_t http_form_decode(const char *q, size_t n, struct buf *out);

/*
 * The value of name in pairs[0..n) as written by http_form_decode(),
 * or NULL: the first pair of that name.  Points into pairs.
 */
const char *http_form_get(const char *pairs, size_t n, const char *name);

#endif
