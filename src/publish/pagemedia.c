/*
 * pagemedia: the media library's files on an article's page.  See
 * pagemedia.h.
 */
#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "escape.h"
#include "library.h"
#include "pagemedia.h"

void
pagemedia_clear(struct pagemedia *pm)
{
	size_t i;

	for (i = 0; i < pm->n; i++)
		media_clear(&pm->v[i]);
	free(pm->v);
	memset(pm, 0, sizeof *pm);
}

static int
pm_row(const struct media *m, void *arg)
{
	struct pagemedia *pm = arg;
	struct media *nv, *d;

	if (pm->n == pm->cap) {
		size_t cap = pm->cap ? pm->cap * 2 : 8;
		if ((nv = realloc(pm->v, cap * sizeof *nv)) == NULL)
			return GZ_ENOMEM;
		pm->v = nv;
		pm->cap = cap;
	}
	d = &pm->v[pm->n];
	memset(d, 0, sizeof *d);
	*d = *m;
	d->hash = strdup(m->hash);
	d->mime = strdup(m->mime);
	d->ext = strdup(m->ext);
	d->name = strdup(m->name);
	d->uploader = strdup(m->uploader ? m->uploader : "");
	pm->n++;
	return d->hash && d->mime && d->ext && d->name && d->uploader ?
	    GZ_OK : GZ_ENOMEM;
}

int
pagemedia_load(struct store *st, int64_t article_id, struct pagemedia *pm)
{
	pagemedia_clear(pm);
	return store_article_media(st, article_id, pm_row, pm);
}

static const struct media *
find(const struct pagemedia *pm, const char *hash)
{
	size_t i;

	for (i = 0; i < pm->n; i++)
		if (strcmp(pm->v[i].hash, hash) == 0)
			return &pm->v[i];
	return NULL;
}

/* Whether the tag tag[0..n) has attribute name (` name="`). */
static int
has_attr(const char *tag, size_t n, const char *name)
{
	size_t k = strlen(name);
	const char *p = tag, *e = tag + n;

	while ((p = memchr(p, ' ', (size_t)(e - p))) != NULL) {
		p++;
		if ((size_t)(e - p) > k && memcmp(p, name, k) == 0 &&
		    p[k] == '=')
			return 1;
	}
	return 0;
}

int
pagemedia_body(struct buf *out, const char *html,
    const struct pagemedia *pm)
{
	const char *p = html, *img, *end, *src;
	struct buf set = BUF_INIT;
	char hash[65];

	while ((img = strstr(p, "<img ")) != NULL) {
		const struct media *m;
		size_t n;
		end = strchr(img, '>');
		if (end == NULL)
			break;
		n = (size_t)(end - img);
		buf_put(out, p, (size_t)(img - p) + 4); /* "<img" */
		src = memmem(img, n, " src=\"", 6);
		if (src && library_url_hash(src + 6, NULL, hash) &&
		    (m = find(pm, hash)) != NULL &&
		    strncmp(m->mime, "image/", 6) == 0 && m->width > 0) {
			buf_reset(&set);
			library_srcset(&set, m);
			if (set.len && !has_attr(img, n, "srcset")) {
				buf_puts(out, " srcset=\"");
				escape_html(out, set.data, set.len);
				buf_puts(out, "\" sizes=\"(max-width: 48rem) "
				    "100vw, 48rem\"");
			}
			if (!has_attr(img, n, "width") &&
			    !has_attr(img, n, "height"))
				buf_printf(out, " width=\"%d\" height=\"%d\"",
				    m->width, m->height);
			if (!has_attr(img, n, "loading"))
				buf_puts(out, " loading=\"lazy\"");
		}
		p = img + 4;
	}
	buf_puts(out, p);
	buf_free(&set);
	return buf_error(out) ? GZ_ENOMEM : GZ_OK;
}

json_t *
pagemedia_attachments(const struct pagemedia *pm, const char *lang)
{
	json_t *arr = json_array(), *o;
	struct buf url = BUF_INIT, size = BUF_INIT;
	size_t i;

	for (i = 0; arr && i < pm->n; i++) {
		const struct media *m = &pm->v[i];
		if (!m->attached)
			continue;
		buf_reset(&url);
		buf_reset(&size);
		library_url(&url, m, 0);
		library_size_text(&size, m->size);
		o = json_pack("{ss ss ss ss ss}", "name", m->name, "url",
		    buf_cstr(&url), "ext", m->ext, "type", library_type_label(
		    m->ext, lang), "size", buf_cstr(&size));
		if (o == NULL || json_array_append_new(arr, o)) {
			json_decref(arr);
			arr = NULL;
		}
	}
	buf_free(&url);
	buf_free(&size);
	return arr;
}

int
pagemedia_publish(const struct pagemedia *pm, const char *site_dir,
    const char *root, struct buf *why)
{
	size_t i;
	int rc;

	for (i = 0; i < pm->n; i++)
		if ((rc = library_publish(site_dir, &pm->v[i], root, why)))
			return rc;
	return GZ_OK;
}
