/*
 * file: reading whole files, atomic writes and folder creation, with
 * messages that name the path and say what to do.
 */
#ifndef GZ_FILE_H
#define GZ_FILE_H

#include <stddef.h>

#include "buf.h"

/* file_write_atomic() flags */
#define FILE_SYNC 0x1 /* fsync the file and its folder before returning */

/*
 * Read the file at path into out (replacing its contents).  Files larger
 * than max bytes are refused with GZ_ETOOBIG and nothing is read (max 0
 * means no limit).  On error a message naming path is appended to why
 * (when why is not NULL).
 */
int file_read(const char *path, size_t max, struct buf *out, struct buf *why);
/*
 * Replace path with exactly len bytes of data: write a temporary file in
 * the same folder, then rename it over path, so that readers see either
 * the old or the new file, never a part.  On error the temporary is
 * removed, path is untouched and a message is appended to why.
 */
int file_write_atomic(const char *path, const void *data, size_t len,
    int flags, struct buf *why);
/* Create path and its missing parents (mode 0755), like mkdir -p. */
int file_mkdirs(const char *path, struct buf *why);
/* Whether path is a folder (following links). */
int file_is_dir(const char *path);
/* Describe errno for a person: what failed on path, and what to do. */
void file_explain(struct buf *why, const char *what, const char *path,
    int errnum);

#endif
