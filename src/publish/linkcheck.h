/*
 * linkcheck: find the broken internal links of a published site.
 *
 * Every .html file under a folder is parsed with gumbo, as a browser
 * would; the ids of its elements (and <a name>) are kept, and every
 * internal link is checked: href of <a>, <area> and <link>, src of
 * <img>, <script>, <source>, <iframe>, <audio>, <video> and <track>,
 * <video poster>, and each URL of srcset.  Internal means relative,
 * root-relative (/news/), or absolute with the origin of the site's base
 * URL; mailto:, tel:, javascript:, data:, other schemes and other
 * origins are not checked.
 *
 * A link is broken when its file does not exist (a folder stands for
 * its index.html; ?query is ignored; the path is percent-decoded; a path
 * that climbs above the folder with .. is refused), or when its #fragment
 * names no element id of the target page (# and #top always work).
 */
#ifndef GZ_LINKCHECK_H
#define GZ_LINKCHECK_H

#include <stddef.h>

#include "buf.h"

/* Pages larger than this are reported, not parsed. */
#define LINKCHECK_MAX_PAGE (64u << 20)

struct linkcheck_stats {
	long pages;   /* .html files parsed */
	long links;   /* internal links checked */
	long ignored; /* external, mailto: and such: not checked */
	long broken;  /* broken links, and pages that could not be read */
};

/*
 * The callback for each broken link: page is the path of the page
 * relative to root ("news/a.html"), link the URL as the page wrote it
 * (NULL when the page itself could not be read or parsed), why what is
 * wrong ("no element with id \"x\" in news/b.html").  The strings live
 * until the callback returns.  A non-zero return stops the reports and
 * is returned by linkcheck_tree().
 */
typedef int (*linkcheck_report_fn)(
    const char *page, const char *link, const char *why, void *arg);

/*
 * Check every link of every .html file under root and call report for
 * each broken one, sorted by page and then link, each (page, link) once.
 * base_url ("https://www.example.org/") says which absolute URLs are
 * internal; NULL or "" means none are.  Two threads parse the pages;
 * every page is parsed once, and what is kept of it is its list of ids
 * as 64-bit hashes, so 100,000 pages fit in a few tens of megabytes.
 * (A hash collision could hide a broken #fragment with a chance of about
 * one in 10^17 per link.)
 *
 * Fills *st (always); returns GZ_OK when the check ran, whatever it
 * found, or GZ_ENOTFOUND / GZ_EIO / GZ_ENOMEM with a message in why when
 * root cannot be read or memory ran out.  Nothing stays allocated.
 */
int linkcheck_tree(const char *root, const char *base_url,
    linkcheck_report_fn report, void *arg, struct linkcheck_stats *st,
    struct buf *why);

#endif
