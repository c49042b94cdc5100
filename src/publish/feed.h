/*
 * feed: the XML a published site carries besides its pages (RSS 2.0,
 * Atom 1.0, sitemaps) and robots.txt, each appended to a struct buf.
 *
 * Every text and URL goes through escape_html(), which is also right for
 * XML text and attribute values, after the characters XML 1.0 forbids
 * (C0 controls other than tab, LF and CR; U+FFFE, U+FFFF) have been
 * dropped and bytes that are not UTF-8 replaced by U+FFFD, so the output
 * is well-formed whatever the titles held.
 *
 * Dates are formatted here, not with strftime(), so that a Chinese
 * locale cannot turn "Sat" into "六": RFC 822 in RSS, RFC 3339 (from
 * date_format()) in Atom and sitemaps.  Offsets are minutes east of UTC;
 * one outside +-23:59 is taken as UTC.
 */
#ifndef GZ_FEED_H
#define GZ_FEED_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"

/* The most URLs one sitemap may list (sitemaps.org). */
#define SITEMAP_MAX_URLS 50000

struct feed_item {
	const char *title;
	const char *url;     /* absolute */
	const char *summary; /* may be NULL */
	const char *author;  /* may be NULL */
	const char *guid;    /* stable id, e.g. the url; NULL: the url */
	int64_t date;        /* Unix seconds */
	int offset;          /* minutes east of UTC, for showing date */
};

struct feed_info {
	const char *title;
	const char *link;        /* absolute URL of the home or channel page */
	const char *self;        /* absolute URL of this feed */
	const char *lang;        /* zh-CN, en */
	const char *description; /* may be NULL: the title is used */
	int64_t updated;         /* 0: the newest item's date */
	int offset;
	const char *generator; /* may be NULL */
};

struct sitemap_alt {
	const char *hreflang; /* zh-CN, en, x-default */
	const char *href;     /* absolute */
};

struct sitemap_url {
	const char *loc; /* absolute */
	int64_t lastmod; /* 0: unknown, no <lastmod> */
	int offset;
	const struct sitemap_alt *alts; /* every language version, itself too */
	size_t nalts;
};

/*
 * Append an RSS 2.0 document: the channel of f with an atom:link
 * rel="self", then items[0..n) in the order given (callers sort them,
 * newest first).  pubDate is RFC 822 in the item's own offset; guid is
 * isPermaLink="true" when it is the item's url.  The author goes in
 * dc:creator, because RSS's <author> must be an e-mail address.
 * Returns GZ_OK, GZ_EINVAL when a required field (f->title, f->link,
 * an item's title or url) is NULL, or GZ_ENOMEM; on error out is cut
 * back to its earlier length (its sticky error stays).
 */
int feed_rss(struct buf *out, const struct feed_info *f,
    const struct feed_item *items, size_t n);
/*
 * Append an Atom 1.0 feed: id (f->self, or f->link), title, subtitle,
 * updated (RFC 3339), link rel="alternate" and rel="self", an author
 * named after the feed (Atom wants one unless every entry has its own),
 * then one entry per item with id, title, updated and published (both
 * the item's date), link, summary and author when given.  Errors as for
 * feed_rss().
 */
int feed_atom(struct buf *out, const struct feed_info *f,
    const struct feed_item *items, size_t n);
/*
 * Append a sitemap <urlset> with the xhtml namespace: one <url> per
 * entry with loc, lastmod (RFC 3339, unless 0) and an
 * <xhtml:link rel="alternate" hreflang=... href=...> per alternate.
 * Returns GZ_OK, GZ_ETOOBIG when n > SITEMAP_MAX_URLS (nothing is
 * written: split into several sitemaps and a sitemap_index()), GZ_EINVAL
 * when a loc is NULL, or GZ_ENOMEM; on error out is cut back.
 */
int sitemap_urlset(struct buf *out, const struct sitemap_url *urls, size_t n);
/*
 * Append a <sitemapindex> of the sitemaps at locs[0..n), with
 * lastmods[i] as RFC 3339 UTC unless lastmods is NULL or lastmods[i] is
 * 0.  Errors as for sitemap_urlset().
 */
int sitemap_index(struct buf *out, const char *const *locs,
    const int64_t *lastmods, size_t n);
/*
 * Append robots.txt: every robot may fetch everything but /api/ and
 * /admin/, and the sitemap is at sitemap_url (no Sitemap line when
 * NULL).  Control characters in sitemap_url are dropped so that it
 * cannot add lines.  Check out's sticky error afterwards.
 */
void robots_txt(struct buf *out, const char *sitemap_url);

#endif
