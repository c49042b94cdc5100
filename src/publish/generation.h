/*
 * generation: the folders a full build writes (SITE_DIR/.public.gen/N)
 * and the link SITE_DIR/public that makes one of them the site.
 * publish_live_dir() (publish.h) resolves the link.
 */
#ifndef GZ_GENERATION_H
#define GZ_GENERATION_H

#include "buf.h"

/* SITE_DIR/.public.gen for SITE_DIR/public (out). */
void generation_dir(struct buf *gens, const char *out);
/* The number of the generation out points to, or 0. */
long generation_live(const char *out);
/* The highest generation number in gens, or 0. */
long generation_highest(const char *gens);
/* Remove every generation in gens but keep_a and keep_b. */
void generation_prune(const char *gens, long keep_a, long keep_b);
/* Point out at generation n, atomically (rename of a new link). */
int generation_swap(const char *out, long n, struct buf *why);

#endif
