/*
 * render: one page of each kind, from the catalog through the theme's
 * template into the output tree.  Used by full builds (from many
 * threads, each with its own render_worker) and by incremental ones.
 */
#ifndef GZ_RENDER_H
#define GZ_RENDER_H

#include <jansson.h>

#include "catalog.h"
#include "output.h"
#include "pagemedia.h"
#include "theme.h"

struct render {
	const struct catalog *cat;
	const struct theme *theme;
	json_t **common;            /* page_common() per catalog language */
	const struct output *out;
	int trusted;                /* the site trusts its authors' HTML */
	const char *site_dir;       /* its media library is media/ there */
};

/* What one thread needs: its own database connection (for bodies), a
 * compressor and scratch space. */
struct render_worker {
	struct store *st;
	struct output_writer *w;
	struct buf html, body, path;
	struct buf figured;         /* the body with its images' sizes */
	struct pagemedia media;     /* the library files of the article */
	struct article a;
	long pages, files, unchanged;
};

int render_init(struct render *r, const struct catalog *cat,
    const struct theme *theme, const struct output *out);
void render_done(struct render *r);
/* Open a worker's connection to db_path (read-only). */
int render_worker_init(struct render_worker *w, const char *db_path,
    int gzip_level, struct buf *why);
void render_worker_done(struct render_worker *w);

int render_article(const struct render *r, struct render_worker *w,
    int32_t article, struct buf *why);
/* The page of article ai with the content of as (the version being
 * written: a preview) into w->html; nothing is written, r->out may be
 * NULL. */
int render_preview(const struct render *r, struct render_worker *w,
    int32_t ai, const struct article *as, struct buf *why);
int render_channel(const struct render *r, struct render_worker *w,
    int32_t channel, int page, struct buf *why);
int render_home(const struct render *r, struct render_worker *w,
    size_t lang, struct buf *why);
int render_404(const struct render *r, struct render_worker *w, size_t lang,
    struct buf *why);
/* Write w->html to the file of url (and its .gz copy); counts it as a
 * page when page is set. */
int render_write(const struct render *r, struct render_worker *w,
    const char *url, int page, struct buf *why);
/* The language index of code in the catalog, or 0. */
size_t render_lang(const struct render *r, const char *code);
/*
 * The search page of lang (the site's default language when it has no
 * such language) for a search_run() result, into out.  Needs no output:
 * the server renders it per request.
 */
int render_search(const struct render *r, const char *lang, json_t *result,
    struct buf *out, struct buf *why);

#endif
