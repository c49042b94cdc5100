/*
 * import: read a content tree ROOT/<lang>/<channel>/<slug>.md (the format
 * Hugo reads and ../shared/bench/gen-corpus writes) into a site.
 *
 * Channels are created as met, named and ordered by their _index.md.
 * Articles are matched by language, channel and slug: a re-import updates
 * them in place (a new revision only when something changed) and never
 * duplicates.  Files are read one at a time, so memory stays bounded
 * whatever the size of the tree.  A bad file is reported as
 * "path:line: what is wrong; what to do" and skipped; the rest import.
 */
#ifndef GZ_IMPORT_H
#define GZ_IMPORT_H

#include <stdio.h>

#include "store.h"

struct import_opts {
	size_t max_size;     /* largest file accepted, bytes (0: 8 MB) */
	int progress;        /* draw a progress bar on stderr */
	const char *actor;   /* named by revisions and the audit log */
	FILE *log;           /* where per-file messages go (NULL: stderr) */
};

struct import_stats {
	long files;          /* article files met */
	long created, updated, unchanged, skipped;
	long channels_created, channels_updated;
	long ignored;        /* files that are not articles */
};

/*
 * Import the tree at root into site.  Per-file problems are logged and
 * counted in stats->skipped; the return value is GZ_OK unless the whole
 * run had to stop (root missing, database failure), in which case why
 * says what happened.  Work committed before a failure is kept.
 */
int import_tree(struct store *st, const struct site *site, const char *root,
    const struct import_opts *o, struct import_stats *stats,
    struct buf *why);

#endif
