/*
 * publish: turning a site into its static tree.
 *
 * The tree served is SITE_DIR/public (or --out), a symbolic link to one
 * generation folder in SITE_DIR/.public.gen/N.  A full build renders a
 * new generation beside the live one, on every core, and then swaps the
 * link in one rename(): a build that fails or is killed at any moment
 * leaves the previous site untouched and serving.  Publishing a few
 * articles rewrites, in the live generation, only the files that depend
 * on them (deps.c), each through a temporary and a rename.
 */
#ifndef GZ_PUBLISH_H
#define GZ_PUBLISH_H

#include <stdint.h>

#include "store.h"

struct publish_opts {
	const char *site_dir;  /* holds gazette.db; themes/ may be here */
	const char *out;       /* the served path; default SITE_DIR/public */
	int jobs;              /* threads; 0: one per core */
	const char *argv0;     /* to find the themes beside the program */
	int gzip_level;        /* 0: the default */
	int fresh;             /* build: write every file, link none */
};

struct publish_stats {
	long pages;            /* HTML pages rendered */
	long files;            /* files written, .gz copies included */
	long unchanged;        /* same bytes: left alone, or linked */
	long removed;          /* files removed */
	double seconds;
};

/* Build the whole site into a new generation and make it live. */
int publish_build(struct store *st, const struct site *site,
    const struct publish_opts *o, struct publish_stats *stats,
    struct buf *why);
/*
 * Republish what depends on the given articles (after they changed, were
 * taken offline or deleted), in the live tree.  With no live tree yet,
 * does a full build.
 */
int publish_articles(struct store *st, const struct site *site,
    const int64_t *ids, size_t n, const struct publish_opts *o,
    struct publish_stats *stats, struct buf *why);
/*
 * Keep a published site up to date after a change: republish what
 * depends on ids (ids NULL: the whole site, for changes every page
 * shows).  A site never built is left alone (*built 0, GZ_OK): building
 * it is `gazette build`'s decision.
 */
int publish_changes(struct store *st, const struct site *site,
    const int64_t *ids, size_t n, const struct publish_opts *o,
    struct publish_stats *stats, int *built, struct buf *why);
/* The generation folder the served path points to (malloc'd), or NULL. */
char *publish_live_dir(const char *out);
/* The same for the served path of o (--out, or SITE_DIR/public). */
char *publish_live(const struct publish_opts *o);

#endif
