/*
 * deps: what must be republished when an article changes.  All the
 * dependency rules of incremental publishing are in deps.c, in one table
 * a reader can check against the templates.
 */
#ifndef GZ_DEPS_H
#define GZ_DEPS_H

#include <stdint.h>

#include "article.h"
#include "catalog.h"
#include "store.h"

struct deps {
	uint8_t *articles;     /* article pages to render, by catalog index */
	uint8_t *channels;     /* channels: every list page, feeds, sitemap */
	int *page_lo, *page_hi; /* or only these list pages (1-based; 0: none),
	                          and the channel's feeds and sitemap */
	uint8_t *langs;        /* languages: home page and feeds */
	int *piece_lo, *piece_hi; /* sitemap pieces to rewrite (1-based;
	                          0: none), besides every piece of channels[] */
	struct strv remove;    /* URLs of pages to remove */
	int index;             /* the sitemap index and pages.xml */
};

int deps_init(struct deps *d, const struct catalog *c);
void deps_free(struct deps *d);
/*
 * Mark what depends on one article that was `before` (as last published;
 * NULL if it was not) and is `now` (its catalog index; -1 if it is not
 * live any more).
 */
int deps_article(struct deps *d, const struct catalog *c,
    const struct published *before, int32_t now);

/*
 * Mark in need (by catalog index) every article whose texts (title,
 * summary, author, source) the outputs d republishes show.
 */
void deps_texts(const struct deps *d, const struct catalog *c,
    uint8_t *need);
/* Mark in need every article whose translation those outputs link to. */
void deps_translations(const struct deps *d, const struct catalog *c,
    uint8_t *need);
/* Load into a scoped catalog what the outputs of d show that it left
 * out: the translations they link to, then the texts. */
int deps_load_shown(const struct deps *d, struct catalog *cat,
    struct store *st, struct buf *why);

#endif
