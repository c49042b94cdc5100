/*
 * preview: an article's page as it will be published.  See preview.h.
 */
#include <stdlib.h>
#include <string.h>

#include "catalog.h"
#include "deps.h"
#include "preview.h"
#include "render.h"
#include "theme.h"

int
preview_article(struct store *st, const struct site *site,
    const struct publish_opts *o, const struct article *a, struct buf *html,
    struct buf *why)
{
	struct live_article la = {0};
	struct catalog *cat = NULL;
	struct theme *theme = NULL;
	struct render r;
	struct render_worker w;
	struct deps d;
	struct article shown;
	char *tname = NULL;
	int64_t now = store_now();
	int32_t k;
	int rc;

	memset(&r, 0, sizeof r);
	memset(&w, 0, sizeof w);
	memset(&d, 0, sizeof d);
	article_init(&shown);
	if ((rc = article_copy(&shown, a)))
		return rc;
	if (shown.date == 0)
		shown.date = now;
	la.id = shown.id;
	la.channel_id = shown.channel_id;
	la.date = shown.date;
	la.updated = shown.updated ? shown.updated : now;
	la.offset = shown.date_offset;
	la.weight = shown.weight;
	la.slug = shown.slug;
	la.title = shown.title ? shown.title : "";
	la.summary = shown.summary;
	la.author = shown.author;
	la.source = shown.source;
	la.tkey = shown.translation_key;
	if ((rc = catalog_load_preview(st, site->id, now, &la, &cat, why)))
		goto out;
	if ((k = catalog_article(cat, shown.id)) < 0) {
		buf_printf(why, "article %lld is in a channel the site does not "
		    "show (is its language still one of the site's?)",
		    (long long)shown.id);
		rc = GZ_ENOTFOUND;
		goto out;
	}
	if ((tname = theme_site_name(site)) == NULL) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if ((rc = theme_load(o->site_dir, tname, o->argv0, &theme, why)) ||
	    (rc = render_init(&r, cat, theme, NULL)) ||
	    (rc = render_worker_init(&w, NULL, 1, why)) ||
	    (rc = deps_init(&d, cat)))
		goto out;
	r.site_dir = o->site_dir;
	w.st = st; /* the caller's connection: not closed by the worker */
	if ((rc = deps_article(&d, cat, NULL, k)) ||
	    (rc = deps_load_shown(&d, cat, st, why)) ||
	    (rc = render_preview(&r, &w, k, &shown, why)))
		goto out;
	buf_put(html, w.html.data, w.html.len);
	rc = buf_error(html) ? GZ_ENOMEM : GZ_OK;
out:
	w.st = NULL;
	if (r.cat)
		render_done(&r);
	if (w.w)
		render_worker_done(&w);
	deps_free(&d);
	theme_free(theme);
	catalog_free(cat);
	free(tname);
	article_clear(&shown);
	return rc;
}
