/*
 * output: writing the files of a published tree, each with a gzip copy
 * beside it (NAME.gz) for HTML, XML, CSS and JS when that copy is smaller.
 *
 * Two ways to write, chosen by the tree:
 *  - a new generation, not yet served (a full build): files are written
 *    directly, which is several times faster than a temporary and a
 *    rename each; the whole tree becomes live at once when it is done.
 *    A page whose bytes the live tree (prev) already holds is not
 *    written: it and its copy become hard links to the live files, which
 *    costs a fraction of creating them, keeps their times (and so the
 *    validators a server or CDN sends), and leaves nothing for ext4 to
 *    free when the old generation is pruned.  The live tree's files are
 *    never written through: incremental publishing replaces them by
 *    rename, and a full build creates its files anew (O_EXCL);
 *  - the live tree (incremental publishing): each file is written to a
 *    temporary and renamed, and a file whose bytes would not change is
 *    not touched at all.
 */
#ifndef GZ_OUTPUT_H
#define GZ_OUTPUT_H

#include <stddef.h>

#include "buf.h"

#define OUTPUT_LIVE 0x1  /* the tree is being served: atomic, skip same */

struct output {
	const char *root;
	const char *prev; /* a new generation: the live tree, or NULL */
	int flags;
	int level;       /* gzip level, 1-12 (libdeflate) */
};

/* Per-thread state: a compressor and scratch buffers. */
struct output_writer;

struct output_writer *output_writer_new(int level);
void output_writer_free(struct output_writer *w);
/*
 * Write n bytes to root/rel (creating folders as needed) and its .gz
 * copy.  Returns GZ_OK or an error described in why.  *written (if not
 * NULL) is set to 0 when the file already held exactly these bytes, or
 * was linked to the same file of prev.
 */
int output_write(const struct output *o, struct output_writer *w,
    const char *rel, const void *data, size_t n, int *written,
    struct buf *why);
/* Remove root/rel and its .gz copy; a missing file is not an error. */
int output_remove(const struct output *o, const char *rel, struct buf *why);
/* Whether rel is of a type that gets a .gz copy. */
int output_compressible(const char *rel);

#endif
