/*
 * sitefiles: the files beside the pages — RSS 2.0 and Atom feeds of each
 * language and channel, the sitemaps, robots.txt.
 *
 * Sitemaps come in pieces so that an edit rewrites little and no piece
 * passes the protocol's 50,000 URLs:
 *   /sitemap.xml                      the index of the pieces
 *   /sitemaps/pages.xml               home and channel pages
 *   /sitemaps/LANG/CHANNEL/N.xml      a channel's articles, oldest first,
 *                                     1,000 a piece (site setting
 *                                     sitemap_urls): an edit rewrites one
 *                                     piece, a new article the last
 */
#ifndef GZ_SITEFILES_H
#define GZ_SITEFILES_H

#include "render.h"

#define FEED_ITEMS 20

/* The RSS and Atom feeds of a language (channel < 0) or a channel. */
int sitefiles_feeds(const struct render *r, struct render_worker *w,
    size_t lang, int32_t channel, struct buf *why);
/* A channel's sitemap pieces lo..hi (1-based); hi 0: through the last
 * one, and none past it. */
int sitefiles_sitemap_channel(const struct render *r, struct render_worker *w,
    int32_t channel, int lo, int hi, struct buf *why);
/* sitemaps/pages.xml, /sitemap.xml and /robots.txt. */
int sitefiles_sitemap_index(const struct render *r, struct render_worker *w,
    struct buf *why);

#endif
