/*
 * multipart: a streaming multipart/form-data parser (RFC 7578 on top of
 * RFC 2046), as md4c parses Markdown: fed the body in chunks of any size
 * (one byte at a time works), it calls back for each part's start, data
 * and end, and never holds a part's data: only a part's header block
 * (at most MULTIPART_HEADER_MAX bytes) is buffered.  Fuzzed by
 * fuzz/fuzz_multipart.c.
 *
 * What it takes and refuses, decided here once:
 *
 *   - The preamble before the first boundary and the epilogue after the
 *     closing one are ignored.
 *   - Lines end with CRLF, as RFC 2046 and 7578 require and every browser
 *     and curl send.  A bare LF is refused (with a message saying so) in
 *     header lines and after a boundary, and a LF not preceded by CR
 *     before "--boundary" is part data: a file's own bytes may end in
 *     "\n", so taking "\n--boundary" as a delimiter could cut a byte off
 *     a file that is otherwise well formed.
 *   - "\r\n--boundary" counts as a delimiter only when followed by "--",
 *     white space, CR or LF (the bare LF then refused); anything else
 *     ("\r\n--boundaryX", "\r\n--boundary-x", or a partial
 *     "\r\n--bound") is part data, delivered exactly.
 *   - Header names are compared without case; a header continued on a
 *     line starting with white space (obsolete folding) is joined to the
 *     previous one.  NUL and other control bytes (but tab) in a header
 *     block are refused.  Headers other than Content-Disposition and
 *     Content-Type are ignored.
 *   - Content-Disposition must be "form-data" with a name parameter; a
 *     second Content-Disposition or Content-Type header, or a parameter
 *     given twice, is refused rather than guessed at.
 *   - Quoted strings: a backslash escapes only '"' and '\'; before any
 *     other character it is kept, because Internet Explorer sent Windows
 *     paths ("C:\Users\a.jpg") unescaped.
 *   - filename*=UTF-8''... (RFC 8187; ISO-8859-1 too) is preferred over
 *     filename.  In filename the HTML form encoding's %22, %0D and %0A
 *     (how browsers write '"', CR and LF) are decoded, nothing else.
 *   - The file name is reduced to its last path component ('/' and '\'
 *     both separate), invalid UTF-8 becomes U+FFFD, and control
 *     characters (C0, DEL, C1) and the bidirectional controls that can
 *     make "gpj.exe" display as "exe.jpg" are removed; "." and ".."
 *     become "".  filename="" (a file input left empty) is "", not NULL.
 *   - A body with no part at all ("--b--") is accepted.
 */
#ifndef GZ_MULTIPART_H
#define GZ_MULTIPART_H

#include <stddef.h>

#include "buf.h"

/* The longest boundary RFC 2046 allows. */
#define MULTIPART_BOUNDARY_MAX 70
/* The largest header block of one part, blank line included. */
#define MULTIPART_HEADER_MAX 8192

struct multipart;

/*
 * One part, as part_begin() sees it.  filename and content_type are NULL
 * when absent.  The strings are owned by the parser and valid until that
 * part's part_end() returns.
 */
struct multipart_part {
	const char *name;
	const char *filename;
	const char *content_type;
};

/*
 * Callbacks (any may be NULL).  A non-zero return stops the parser, and
 * multipart_feed() returns that value as is.  part_data() is never called
 * with n == 0.  When the body is bad or cut short, part_end() is not
 * called for the unfinished part: the caller cleans up on the error.
 */
struct multipart_cb {
	int (*part_begin)(const struct multipart_part *p, void *arg);
	int (*part_data)(const char *data, size_t n, void *arg);
	int (*part_end)(void *arg);
	void *arg;
};

/*
 * Start parsing a body whose Content-Type header value is content_type
 * ("multipart/form-data; boundary=...", the boundary quoted or not).
 * cb is copied.  A part beyond max_parts is an error.  Returns GZ_OK and
 * *out (free it with multipart_free()), GZ_EINVAL with *why saying what
 * is wrong with the header, or GZ_ENOMEM.
 */
int multipart_new(const char *content_type, const struct multipart_cb *cb,
    size_t max_parts, struct multipart **out, struct buf *why);
/*
 * Parse the next n bytes of the body.  Returns GZ_OK; GZ_EINVAL with a
 * message in why naming the part ("part 2: no Content-Disposition
 * header"); GZ_ENOMEM; or a callback's non-zero return.  After an error
 * every later call fails with the same code.
 */
int multipart_feed(
    struct multipart *m, const char *data, size_t n, struct buf *why);
/*
 * The body has ended: GZ_OK when the closing boundary was seen, else
 * GZ_EINVAL ("the body ends before the closing boundary, in part 2's
 * data").
 */
int multipart_finish(struct multipart *m, struct buf *why);
/* Free the parser (NULL is allowed). */
void multipart_free(struct multipart *m);

#endif
