/*
 * export: write a site as a content tree ROOT/<lang>/<channel>/<slug>.md
 * with an _index.md per channel: the format import reads, so that
 * export -> import -> export gives identical files.
 */
#ifndef GZ_EXPORT_H
#define GZ_EXPORT_H

#include "store.h"

struct export_stats {
	long channels;
	long written;    /* files written */
	long same;       /* files already identical, left untouched */
};

/*
 * Export every channel and every article (not the trash) of site into
 * root.  Each file is written to a temporary and renamed, and a file
 * whose content is already right is not touched.  The first failure
 * stops the export (files already written stay complete) and why names
 * the path and what to do.
 */
int export_tree(struct store *st, const struct site *site, const char *root,
    struct export_stats *stats, struct buf *why);

#endif
