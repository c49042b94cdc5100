/*
 * page: the data each kind of page is rendered with, as documented in
 * docs/theme.md — built from the catalog as jansson objects.
 *
 * page_common() is built once per language and shared (read-only, so
 * any thread may use it); the page functions return a new object that
 * holds a reference to it.  Callers json_decref() what they get.
 */
#ifndef GZ_PAGE_H
#define GZ_PAGE_H

#include <jansson.h>

#include "catalog.h"
#include "theme.h"

/* What the article page needs beyond the catalog (loaded per article). */
struct page_body {
	const char *html;      /* the rendered body */
	const char *subtitle;
	const struct strv *tags;
	json_t *attachments;   /* [{name, url, type, size}] or NULL; stolen
	                          by page_article() */
};

/* The keys every page of lang shares: site, i18n, nav, assets. */
json_t *page_common(const struct catalog *c, const struct theme *t,
    const char *lang);
json_t *page_home(const struct catalog *c, json_t *common, const char *lang);
/* Page `page` (1-based) of channel ch. */
json_t *page_channel(const struct catalog *c, json_t *common, int32_t ch,
    int page);
json_t *page_article(const struct catalog *c, json_t *common, int32_t a,
    const struct page_body *body);
json_t *page_404(const struct catalog *c, json_t *common, const char *lang);
/* The search page of lang for a search_run() result (not stolen). */
json_t *page_search(const struct catalog *c, json_t *common, const char *lang,
    json_t *result);

#endif
