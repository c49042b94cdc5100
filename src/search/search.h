/*
 * search: the site's search index, kept in step with publishing, and
 * queries on it.
 *
 * The index (FTS5 table `search`, tokenizer in tokenize.h) holds the
 * title and the visible text of every published article, and nothing
 * else: the publisher calls search_sync() after each full or incremental
 * publish, so what search finds is what the static tree shows.
 */
#ifndef GZ_SEARCH_H
#define GZ_SEARCH_H

#include <jansson.h>
#include <stdint.h>

#include "buf.h"
#include "store.h"

/*
 * Bring the index in step with what is published for site_id: the
 * articles ids[0..n) (ids NULL: the whole site; articles whose indexed
 * version is current are skipped, so this is cheap when little
 * changed).  Unpublished articles leave the index.  On failure why says
 * what; the next sync retries.
 */
int search_sync(struct store *st, int64_t site_id, const int64_t *ids,
    size_t n, struct buf *why);

/* What a reader asked for. */
struct search_params {
	const char *q;         /* as typed */
	const char *lang;      /* NULL: every language */
	const char *channel;   /* channel path (and below); NULL: all */
	int64_t from, to;      /* dates in [from, to); 0: open */
	long page;             /* from 1 */
	long per_page;         /* 1..50 (10 when 0) */
};

/* Most results on a page. */
#define SEARCH_PER_PAGE_MAX 50
/* Deepest page offered: past it nobody reads, and it costs. */
#define SEARCH_PAGE_MAX 100
/* Hits counted at most: what the pages offered can show (and never
 * more than this); beyond, "total" stops there and "total_exact" is
 * false. */
#define SEARCH_COUNT_MAX 10000
/* A query matching more articles than this ranks only the most recently
 * added this many (by id): what a broad query costs stays bounded. */
#define SEARCH_RANK_WINDOW 1000

/*
 * Run a search; *out is an object for the theme and the JSON API:
 *   {"query", "total", "total_exact", "page", "pages", "per_page",
 *    "has_results",
 *    "results": [{"id", "title", "title_html", "url", "date",
 *    "date_iso", "lang", "channel_name", "channel_url", "snippet",
 *    "snippet_text", "summary", "author", "pinned"}]}
 * (the summary shape of docs/theme.md): "title" and "snippet_text" are
 * plain text, "title_html" and "snippet" escaped HTML with <mark> around
 * what matched.  Nothing searchable typed gives zero results, not
 * an error.  Returns GZ_OK, GZ_ENOMEM or GZ_ESTORE (why says what).
 */
int search_run(struct store *st, int64_t site_id,
    const struct search_params *p, int64_t now, json_t **out,
    struct buf *why);

#endif
