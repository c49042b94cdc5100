/*
 * catalog: what a site shows, in memory for one build — its languages,
 * channels and live articles (without bodies), ordered as the pages list
 * them, with each article's neighbours and translation worked out once.
 *
 * A full catalog has every live article; a scoped one (for publishing a
 * few) has all of some channels and a head of the others.
 *
 * Indices (int32_t) link the arrays; -1 means none.  Everything is owned
 * by the catalog and freed by catalog_free().
 */
#ifndef GZ_CATALOG_H
#define GZ_CATALOG_H

#include <stdint.h>

#include "store.h"

/* A channel's head: its pinned articles and the latest CATALOG_HEAD,
 * what home pages and feeds show. */
#define CATALOG_HEAD 20
/* URLs per sitemap piece, unless the site setting sitemap_urls says. */
#define CATALOG_SITEMAP_URLS 1000

struct cat_article {
	int64_t id;
	int32_t channel;      /* index in channels[] */
	int32_t older, newer; /* chronological neighbours in the channel */
	int32_t translation;  /* the same story in another language */
	int64_t date, updated;
	int offset;           /* minutes east of UTC the date is shown in */
	int weight;           /* > 0: pinned */
	char *slug, *tkey;
	char *title, *summary, *author, *source; /* the texts: title NULL if
	                      not loaded (see catalog_load_texts) */
	char *url;            /* permalink */
};

struct cat_channel {
	int64_t id;
	int32_t parent;       /* index in channels[] */
	char *lang, *path, *slug, *name;
	int page_size, sort_order;
	int32_t first, count; /* its articles: articles[first .. first+count) */
	int complete;         /* all its articles are loaded, not only a head */
	long total;           /* its live articles, loaded or not */
	int pages;            /* list pages: at least 1 */
	char *url;            /* page 1 */
};

struct catalog {
	struct site site;
	int sitemap_piece;             /* URLs per sitemap piece */
	int64_t now;                   /* the time the catalog shows */
	char **langs;                  /* site languages, default first */
	size_t nlangs;
	struct cat_channel *channels;  /* tree order, per language */
	size_t nchannels;
	struct cat_article *articles;  /* grouped by channel, list order */
	size_t narticles;
	size_t nlisted;                /* articles[nlisted..]: translations
	                                  only, in no channel's range */
};

/* Load site (by id) as shown at time now.  *out must be freed. */
int catalog_load(struct store *st, int64_t site_id, int64_t now,
    struct catalog **out, struct buf *why);
/*
 * Load only what publishing the articles ids needs: every article of the
 * channels they are in and were in (as last published) and of their
 * translations' channels; of every other channel, its head (pinned and
 * latest articles, enough for home pages and feeds) and its total from
 * what was last published.
 */
int catalog_load_scope(struct store *st, int64_t site_id, int64_t now,
    const int64_t *ids, size_t n, struct catalog **out, struct buf *why);
/*
 * The scoped catalog of publishing article a->id, with a shown as if it
 * were live (whatever its state) in place of its live version: what a
 * preview renders.  a's strings are copied.
 */
int catalog_load_preview(struct store *st, int64_t site_id, int64_t now,
    const struct live_article *a, struct catalog **out, struct buf *why);
/*
 * A scoped catalog reads whole channels without their articles' texts;
 * read the texts of those need[i] marks (catalog indices; see
 * deps_texts()).  Those of channel heads are always there.
 */
int catalog_load_texts(struct catalog *c, struct store *st,
    const uint8_t *need, struct buf *why);
/*
 * A scoped catalog links no translations: load every live article sharing
 * a translation key with those need[i] marks (as translations only) and
 * link them as a full catalog would.
 */
int catalog_load_partners(struct catalog *c, struct store *st,
    const uint8_t *need, struct buf *why);
/* Channel ch's articles oldest first (the order of its sitemap) into
 * out[0 .. count). */
void catalog_chain(const struct catalog *c, int32_t ch, int32_t *out);
/* The place of article k in that order. */
int catalog_position(const struct catalog *c, int32_t k);
/* The site, its languages and channels, without articles: what pages
 * that list none (the search page) need. */
int catalog_load_channels(struct store *st, int64_t site_id, int64_t now,
    struct catalog **out, struct buf *why);
void catalog_free(struct catalog *c);
/* The index of the channel with this id, or -1. */
int32_t catalog_channel(const struct catalog *c, int64_t id);
/* The index of the article with this id, or -1. */
int32_t catalog_article(const struct catalog *c, int64_t id);

#endif
