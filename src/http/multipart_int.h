/*
 * multipart_int: what multipart.c (the state machine) and
 * multipart_head.c (the header values) share.  Not a public API.
 */
#ifndef GZ_MULTIPART_INT_H
#define GZ_MULTIPART_INT_H

#include <stddef.h>

#include "buf.h"

/* One part's headers, as far as a form cares. */
struct multipart_head {
	struct buf name;     /* Content-Disposition's name */
	struct buf filename; /* cleaned, when has_filename */
	struct buf ctype;    /* Content-Type, trimmed, when has_ctype */
	int has_filename;
	int has_ctype;
};

/*
 * The boundary of a request's Content-Type value ct, into boundary
 * (replaced).  GZ_OK, GZ_EINVAL with a message in why, or GZ_ENOMEM.
 */
int multipart_boundary_parse(
    const char *ct, struct buf *boundary, struct buf *why);
/*
 * Parse the header block block[0..n) of part number partno: lines ending
 * in CRLF, without the blank line.  Fills h (its buffers are reset
 * first).  GZ_OK, GZ_EINVAL with "part N: ..." in why, or GZ_ENOMEM.
 */
int multipart_head_parse(const char *block, size_t n, size_t partno,
    struct multipart_head *h, struct buf *why);
/*
 * Append the file name raw[0..n) to out as it may be shown and stored:
 * its last path component, invalid UTF-8 replaced, control and
 * bidirectional characters removed, "." and ".." emptied.
 */
void multipart_filename_clean(struct buf *out, const char *raw, size_t n);

#endif
