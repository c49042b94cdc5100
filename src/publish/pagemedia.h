/*
 * pagemedia: the media library's files on an article's page: its images
 * get their smaller sizes (srcset), width and height (no layout shift)
 * and lazy loading; its attachments are listed with type and size; and
 * the files it uses are put into the published tree under /media/.
 */
#ifndef GZ_PAGEMEDIA_H
#define GZ_PAGEMEDIA_H

#include <jansson.h>

#include "buf.h"
#include "store.h"

struct pagemedia {
	struct media *v;
	size_t n, cap;
};

void pagemedia_clear(struct pagemedia *pm);
/* The files article_id uses (store_article_media()). */
int pagemedia_load(struct store *st, int64_t article_id, struct pagemedia *pm);
/* Append html to out with each <img> of a library image of pm given
 * srcset, sizes, width, height and loading="lazy" (those it lacks).  html
 * is HTML Gazette wrote (sanitized or rendered): attributes are quoted
 * with ". */
int pagemedia_body(struct buf *out, const char *html,
    const struct pagemedia *pm);
/* The attachments to list: [{name, url, ext, type, size}], type in lang
 * ("zh" or another: English). */
json_t *pagemedia_attachments(const struct pagemedia *pm, const char *lang);
/* Link the published files of pm into root/media/. */
int pagemedia_publish(const struct pagemedia *pm, const char *site_dir,
    const char *root, struct buf *why);

#endif
