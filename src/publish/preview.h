/*
 * preview: an article's page as it will be published, before it is.
 *
 * The page is rendered by the site's own theme from a catalog of the site
 * as it is now, with the article in it as if it were live: its
 * neighbours, its translations, its channel's navigation, its images'
 * sizes and its attachments are those publishing it would give.  Nothing
 * is written: the library's files it shows are served to staff by the
 * admin until they are published.
 */
#ifndef GZ_PREVIEW_H
#define GZ_PREVIEW_H

#include "article.h"
#include "buf.h"
#include "publish.h"
#include "store.h"

/*
 * Render a (its version being written, stored or not; a->id and
 * a->channel_id set) as a page of site into html (appended).  An
 * article without a date is shown dated now.  GZ_ENOTFOUND with a
 * message in why when its channel is not on the site (its language was
 * taken off it) or the theme has no article template; other errors as
 * publishing has them.
 */
int preview_article(struct store *st, const struct site *site,
    const struct publish_opts *o, const struct article *a, struct buf *html,
    struct buf *why);

#endif
