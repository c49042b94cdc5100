/*
 * admin_preview: what the admin shows of the site before it is published.
 *
 *   GET /admin/articles/ID/preview   the article's page in the site's own
 *                                    theme, with the version being
 *                                    written: preview.c renders it as
 *                                    publishing would
 *   GET /media/NAME                  a media library file not published
 *                                    yet, for signed-in staff: what the
 *                                    editor, the media page and previews
 *                                    show (published files are served
 *                                    from the public tree, before this)
 */
#include <stdlib.h>
#include <string.h>

#include "admin_int.h"
#include "err.h"
#include "http_mime.h"
#include "library.h"
#include "preview.h"

int
view_preview(struct admin_req *r, const char *id)
{
	struct art x;
	struct article a;
	struct site site = {0};
	struct publish_opts po = {0};
	struct buf why = BUF_INIT;
	char *end;
	long long n = strtoll(id, &end, 10);
	int rc;

	if (n <= 0 || *end) {
		admin_fail(r, 404, "no article \"%s\"", id);
		return page_error(r);
	}
	if (art_load(r, n, &x))
		return page_error(r);
	article_init(&a);
	po.site_dir = r->a->o.site_dir;
	po.argv0 = r->a->o.argv0;
	if ((rc = art_submitted(&x, &a)) == GZ_OK &&
	    (rc = store_site_get_id(r->st, x.a.site_id, &site)) == GZ_OK)
		rc = preview_article(r->st, &site, &po, &a, &r->rep->body,
		    &why);
	if (rc == GZ_OK) {
		r->rep->status = 200;
		r->rep->content_type = "text/html; charset=utf-8";
		http_reply_header(r->rep, "X-Robots-Tag", "noindex");
	} else if (rc != GZ_ENOMEM) {
		buf_reset(&r->rep->body);
		admin_fail(r, rc == GZ_ENOTFOUND ? 409 : 500, "%s",
		    why.len ? buf_cstr(&why) : rc == GZ_ESTORE ?
		    store_errmsg(r->st) : gz_strerror(rc));
		rc = page_error(r);
	}
	buf_free(&why);
	site_clear(&site);
	article_clear(&a);
	art_clear(&x);
	return rc;
}

int
admin_media_file(struct admin_req *r)
{
	const char *name = r->req->path + strlen("/media/");
	struct buf why = BUF_INIT;
	int rc = GZ_ENOTFOUND;

	r->rep->content_type = "text/plain; charset=utf-8";
	if (strcmp(r->req->method, "GET") && strcmp(r->req->method, "HEAD")) {
		r->rep->status = 405;
		http_reply_header(r->rep, "Allow", "GET, HEAD");
		return GZ_OK;
	}
	/* Not published, and not staff's to see: as if it were not there. */
	if (r->logged_in)
		rc = library_pub_read(r->a->o.site_dir, name, &r->rep->body,
		    &why);
	buf_free(&why);
	if (rc == GZ_ENOTFOUND) {
		buf_reset(&r->rep->body);
		http_reply_not_found(r->rep);
		return GZ_OK;
	}
	if (rc == GZ_OK) {
		r->rep->status = 200;
		r->rep->content_type = http_mime_type(name, strlen(name));
		r->rep->cache_control = "private, max-age=3600";
	}
	return rc;
}
