/*
 * err: the one error enum of Gazette.
 *
 * Library functions return one of these (GZ_OK is 0).  Where a person needs
 * to know what was wrong and what to do, the function also takes a
 * `struct buf *why` and appends a message naming the file, line or field.
 *
 * Memory-failure policy: every module below src/cli returns GZ_ENOMEM and
 * leaves its outputs in a state that can be freed; only main() and start-up
 * code may exit on allocation failure.
 */
#ifndef GZ_ERR_H
#define GZ_ERR_H

enum gz_err {
	GZ_OK = 0,
	GZ_ENOMEM,    /* out of memory */
	GZ_EIO,       /* a read or write failed */
	GZ_EINVAL,    /* bad input: syntax, a missing or wrong field */
	GZ_ENOTFOUND, /* no such site, channel, article, user or file */
	GZ_EEXIST,    /* already exists */
	GZ_ESTORE,    /* the database reported an error */
	GZ_EUTF8,     /* text is not valid UTF-8 */
	GZ_ETOOBIG,   /* input larger than the limit */
	GZ_EPERM,     /* not allowed: permissions, read-only folder */
	GZ_ENOSPC,    /* the disk or folder is full */
	GZ_EBUSY,     /* busy: the database is locked, a queue is full */
	GZ_EVERSION,  /* the database is newer than this program */
	GZ_ECONSTRAINT, /* the change would break a rule of the store */
	GZ_EAGAIN,    /* not here or not now: do it again elsewhere or later */
	GZ_ERR__COUNT
};

/* A short English description of e; never NULL. */
const char *gz_strerror(int e);
/* Map an errno value to the closest gz_err. */
int gz_from_errno(int errnum);

#endif
