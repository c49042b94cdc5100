/*
 * render: pages into files.  See render.h.
 */
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "page.h"
#include "permalink.h"
#include "render.h"

int
render_init(struct render *r, const struct catalog *cat,
    const struct theme *theme, const struct output *out)
{
	size_t i;

	memset(r, 0, sizeof *r);
	r->cat = cat;
	r->theme = theme;
	r->out = out;
	r->trusted = site_setting_int(&cat->site, "trusted_authors", 0) != 0;
	if ((r->common = calloc(cat->nlangs, sizeof *r->common)) == NULL)
		return GZ_ENOMEM;
	for (i = 0; i < cat->nlangs; i++)
		if ((r->common[i] = page_common(cat, theme,
		    cat->langs[i])) == NULL)
			return GZ_ENOMEM;
	return GZ_OK;
}

void
render_done(struct render *r)
{
	size_t i;

	for (i = 0; r->common && i < r->cat->nlangs; i++)
		json_decref(r->common[i]);
	free(r->common);
	r->common = NULL;
}

int
render_worker_init(struct render_worker *w, const char *db_path,
    int gzip_level, struct buf *why)
{
	int rc;

	memset(w, 0, sizeof *w);
	article_init(&w->a);
	if ((w->w = output_writer_new(gzip_level)) == NULL)
		return GZ_ENOMEM;
	if (db_path && (rc = store_open(db_path, STORE_READONLY, &w->st,
	    why)))
		return rc;
	return GZ_OK;
}

void
render_worker_done(struct render_worker *w)
{
	store_close(w->st);
	output_writer_free(w->w);
	buf_free(&w->html);
	buf_free(&w->body);
	buf_free(&w->path);
	buf_free(&w->figured);
	pagemedia_clear(&w->media);
	article_clear(&w->a);
}

size_t
render_lang(const struct render *r, const char *code)
{
	size_t i;

	for (i = 0; i < r->cat->nlangs; i++)
		if (strcmp(r->cat->langs[i], code) == 0)
			return i;
	return 0;
}

/* Render template kind with data (stolen) into w->html. */
static int
page_render(const struct render *r, struct render_worker *w, const char *kind,
    json_t *data, struct buf *why)
{
	const struct tmpl *t = theme_template(r->theme, kind);
	int rc;

	if (data == NULL)
		return GZ_ENOMEM;
	if (t == NULL) {
		buf_printf(why, "%s: the theme has no template %s.mustache",
		    r->theme->dir, kind);
		json_decref(data);
		return GZ_ENOTFOUND;
	}
	buf_reset(&w->html);
	rc = tmpl_render(t, r->theme->templates, data, &w->html, why);
	json_decref(data);
	return rc;
}

static int
emit(const struct render *r, struct render_worker *w, const char *kind,
    json_t *data, const char *url, struct buf *why)
{
	int rc = page_render(r, w, kind, data, why);

	return rc ? rc : render_write(r, w, url, 1, why);
}

int
render_write(const struct render *r, struct render_worker *w, const char *url,
    int page, struct buf *why)
{
	int rc, written;

	if (buf_error(&w->html))
		return buf_error(&w->html);
	buf_reset(&w->path);
	permalink_file(&w->path, url);
	rc = output_write(r->out, w->w, buf_cstr(&w->path),
	    buf_cstr(&w->html), w->html.len, &written, why);
	if (rc == GZ_OK) {
		w->pages += page;
		if (written)
			w->files++;
		else
			w->unchanged++;
	}
	return rc;
}

/* The page of article ai into w->html; its content is as's when as is
 * not NULL (a preview), else the stored article's. */
static int
article_page(const struct render *r, struct render_worker *w, int32_t ai,
    const struct article *as, struct buf *why)
{
	const struct cat_article *a = &r->cat->articles[ai];
	const struct cat_channel *ch = &r->cat->channels[a->channel];
	struct page_body body = {0};
	int rc;

	if (as)
		rc = article_copy(&w->a, as);
	else
		rc = store_article_get(w->st, a->id, &w->a);
	if (rc) {
		buf_printf(why, "cannot read article %lld: %s",
		    (long long)a->id, store_errmsg(w->st));
		return rc;
	}
	buf_reset(&w->body);
	if (w->a.format == BODY_HTML) {
		/* Sanitized when it was stored. */
		buf_puts(&w->body, w->a.body);
	} else if ((rc = markdown_to_html(&w->body, w->a.body,
	    strlen(w->a.body), r->trusted ? MARKDOWN_TRUSTED : 0))) {
		buf_printf(why, "%s: cannot render the body of article %lld",
		    a->url, (long long)a->id);
		return rc;
	}
	/* The media library's files it uses: sizes for its images, the
	 * list of its attachments, and the files into the tree. */
	if ((rc = pagemedia_load(w->st, a->id, &w->media))) {
		buf_printf(why, "cannot read the media of article %lld: %s",
		    (long long)a->id, store_errmsg(w->st));
		return rc;
	}
	if (w->media.n > 0) {
		buf_reset(&w->figured);
		if ((rc = pagemedia_body(&w->figured, buf_cstr(&w->body),
		    &w->media)) || (rc = r->site_dir && r->out ?
		    pagemedia_publish(
		    &w->media, r->site_dir, r->out->root, why) : GZ_OK))
			return rc;
		body.html = buf_cstr(&w->figured);
		body.attachments = pagemedia_attachments(&w->media, ch->lang);
	} else {
		body.html = buf_cstr(&w->body);
	}
	body.subtitle = w->a.subtitle;
	body.tags = &w->a.tags;
	return page_render(r, w, "article", page_article(r->cat,
	    r->common[render_lang(r, ch->lang)], ai, &body), why);
}

int
render_article(const struct render *r, struct render_worker *w, int32_t ai,
    struct buf *why)
{
	int rc = article_page(r, w, ai, NULL, why);

	return rc ? rc : render_write(r, w, r->cat->articles[ai].url, 1, why);
}

int
render_preview(const struct render *r, struct render_worker *w, int32_t ai,
    const struct article *as, struct buf *why)
{
	return article_page(r, w, ai, as, why);
}

int
render_channel(const struct render *r, struct render_worker *w, int32_t chi,
    int page, struct buf *why)
{
	const struct cat_channel *ch = &r->cat->channels[chi];
	struct buf url = BUF_INIT;
	int rc;

	permalink_channel(&url, ch->lang, r->cat->site.default_lang, ch->path,
	    page);
	rc = emit(r, w, "channel", page_channel(r->cat,
	    r->common[render_lang(r, ch->lang)], chi, page), buf_cstr(&url),
	    why);
	buf_free(&url);
	return rc;
}

int
render_home(const struct render *r, struct render_worker *w, size_t lang,
    struct buf *why)
{
	struct buf url = BUF_INIT;
	int rc;

	permalink_home(&url, r->cat->langs[lang], r->cat->site.default_lang);
	rc = emit(r, w, "home", page_home(r->cat, r->common[lang],
	    r->cat->langs[lang]), buf_cstr(&url), why);
	buf_free(&url);
	return rc;
}

int
render_404(const struct render *r, struct render_worker *w, size_t lang,
    struct buf *why)
{
	struct buf url = BUF_INIT;
	int rc;

	permalink_home(&url, r->cat->langs[lang], r->cat->site.default_lang);
	buf_puts(&url, "404.html");
	rc = emit(r, w, "404", page_404(r->cat, r->common[lang],
	    r->cat->langs[lang]), buf_cstr(&url), why);
	buf_free(&url);
	return rc;
}

int
render_search(const struct render *r, const char *lang, json_t *result,
    struct buf *out, struct buf *why)
{
	const struct tmpl *t = theme_template(r->theme, "search");
	size_t k = render_lang(r, lang);
	json_t *data;
	int rc;

	if (t == NULL) {
		buf_printf(why, "%s: the theme has no template search.mustache",
		    r->theme->dir);
		return GZ_ENOTFOUND;
	}
	if ((data = page_search(r->cat, r->common[k], r->cat->langs[k],
	    result)) == NULL)
		return GZ_ENOMEM;
	rc = tmpl_render(t, r->theme->templates, data, out, why);
	json_decref(data);
	return rc ? rc : buf_error(out);
}
