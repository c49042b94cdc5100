/*
 * sitefiles: feeds, sitemaps, robots.txt.  See sitefiles.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "feed.h"
#include "permalink.h"
#include "sitefiles.h"

_Static_assert(FEED_ITEMS <= CATALOG_HEAD,
    "feeds show only what a scoped catalog has the texts of");

/* Insert article i into the newest-first top list of at most n. */
static void
top_insert(const struct catalog *c, int32_t *top, size_t *len, size_t n,
    int32_t i)
{
	const struct cat_article *a = &c->articles[i];
	size_t k = *len;

	while (k > 0) {
		const struct cat_article *b = &c->articles[top[k - 1]];
		if (b->date > a->date || (b->date == a->date && b->id > a->id))
			break;
		if (k < n)
			top[k] = top[k - 1];
		k--;
	}
	if (k < n) {
		top[k] = i;
		if (*len < n)
			(*len)++;
	}
}

int
sitefiles_feeds(const struct render *r, struct render_worker *w, size_t lang,
    int32_t chi, struct buf *why)
{
	const struct catalog *c = r->cat;
	const char *code = c->langs[lang], *path = NULL, *title = c->site.title;
	struct feed_item items[FEED_ITEMS];
	struct feed_info info = {0};
	struct buf link = BUF_INIT, self = BUF_INIT, url = BUF_INIT;
	struct buf abs[FEED_ITEMS];
	int32_t top[FEED_ITEMS];
	size_t n = 0, i, k;
	int rc = GZ_OK, pass;

	if (chi >= 0) {
		const struct cat_channel *ch = &c->channels[chi];
		for (k = 0; k < (size_t)ch->count; k++)
			top_insert(c, top, &n, FEED_ITEMS,
			    ch->first + (int32_t)k);
		path = ch->path;
		title = ch->name;
		code = ch->lang;
	} else {
		for (k = 0; k < c->nlisted; k++)
			if (strcmp(c->channels[c->articles[k].channel].lang,
			    code) == 0)
				top_insert(c, top, &n, FEED_ITEMS, (int32_t)k);
	}
	for (i = 0; i < n; i++) {
		const struct cat_article *a = &c->articles[top[i]];
		buf_init(&abs[i]);
		permalink_absolute(&abs[i], c->site.base_url, a->url);
		items[i].title = a->title;
		items[i].url = buf_cstr(&abs[i]);
		items[i].guid = items[i].url;
		items[i].summary = a->summary;
		items[i].author = a->author;
		items[i].date = a->date;
		items[i].offset = a->offset;
	}
	if (chi >= 0)
		permalink_channel(&url, code, c->site.default_lang, path, 1);
	else
		permalink_home(&url, code, c->site.default_lang);
	permalink_absolute(&link, c->site.base_url, buf_cstr(&url));
	info.title = title;
	info.link = buf_cstr(&link);
	info.lang = code;
	info.description = title;
	info.generator = "Gazette";
	info.updated = n ? c->articles[top[0]].date : c->now;
	info.offset = n ? c->articles[top[0]].offset : 0;
	for (pass = 0; pass < 2 && rc == GZ_OK; pass++) {
		const char *file = pass ? "atom.xml" : "rss.xml";
		buf_reset(&url);
		buf_reset(&self);
		permalink_feed(&url, code, c->site.default_lang, path, file);
		permalink_absolute(&self, c->site.base_url, buf_cstr(&url));
		info.self = buf_cstr(&self);
		buf_reset(&w->html);
		rc = pass ? feed_atom(&w->html, &info, items, n) :
		    feed_rss(&w->html, &info, items, n);
		if (rc == GZ_OK)
			rc = render_write(r, w, buf_cstr(&url), 0, why);
	}
	for (i = 0; i < n; i++)
		buf_free(&abs[i]);
	buf_free(&link);
	buf_free(&self);
	buf_free(&url);
	return rc;
}

/* The newest date among ch's loaded articles (a head holds the latest),
 * or 0. */
static int64_t
channel_newest(const struct catalog *c, const struct cat_channel *ch)
{
	int64_t newest = 0;
	int32_t k;

	for (k = ch->first; k < ch->first + ch->count; k++)
		if (c->articles[k].date > newest)
			newest = c->articles[k].date;
	return newest;
}

/* The sitemap piece `piece` (1-based) of channel ch: its URL. */
static void
piece_url(struct buf *out, const struct cat_channel *ch, int piece)
{
	buf_printf(out, "/sitemaps/%s/%s/%d.xml", ch->lang, ch->path, piece);
}

int
sitefiles_sitemap_channel(const struct render *r, struct render_worker *w,
    int32_t chi, int lo, int hi, struct buf *why)
{
	const struct catalog *c = r->cat;
	const struct cat_channel *ch = &c->channels[chi];
	size_t size = (size_t)c->sitemap_piece;
	struct sitemap_url *urls;
	struct sitemap_alt *alts;
	struct buf *abs, url = BUF_INIT;
	int32_t *chain;
	int pieces = ch->count ? (int)((ch->count + size - 1) / size) : 1;
	int p, rc = GZ_OK;
	size_t i, n;

	urls = calloc(size, sizeof *urls);
	alts = calloc(2 * size, sizeof *alts);
	abs = calloc(2 * size, sizeof *abs);
	chain = calloc((size_t)ch->count + 1, sizeof *chain);
	if (!urls || !alts || !abs || !chain) {
		rc = GZ_ENOMEM;
		goto out;
	}
	catalog_chain(c, chi, chain);
	for (p = lo < 1 ? 1 : lo; p <= pieces && (hi <= 0 || p <= hi) &&
	    rc == GZ_OK; p++) {
		size_t from = (size_t)(p - 1) * size;
		n = 0;
		for (i = from; i < (size_t)ch->count && n < size; i++, n++) {
			const struct cat_article *a = &c->articles[chain[i]];
			struct sitemap_url *u = &urls[n];
			buf_reset(&abs[2 * n]);
			permalink_absolute(&abs[2 * n], c->site.base_url,
			    a->url);
			u->loc = buf_cstr(&abs[2 * n]);
			u->lastmod = a->updated > a->date ? a->updated :
			    a->date;
			u->offset = a->offset;
			u->alts = NULL;
			u->nalts = 0;
			if (a->translation >= 0) {
				const struct cat_article *t =
				    &c->articles[a->translation];
				buf_reset(&abs[2 * n + 1]);
				permalink_absolute(&abs[2 * n + 1],
				    c->site.base_url, t->url);
				alts[2 * n].hreflang = ch->lang;
				alts[2 * n].href = u->loc;
				alts[2 * n + 1].hreflang =
				    c->channels[t->channel].lang;
				alts[2 * n + 1].href = buf_cstr(&abs[2 * n + 1]);
				u->alts = &alts[2 * n];
				u->nalts = 2;
			}
		}
		buf_reset(&w->html);
		if ((rc = sitemap_urlset(&w->html, urls, n)) == GZ_OK) {
			buf_reset(&url);
			piece_url(&url, ch, p);
			rc = render_write(r, w, buf_cstr(&url), 0, why);
		}
	}
	/* Pieces left over from when the channel was longer. */
	for (p = pieces + 1; hi <= 0 && rc == GZ_OK; p++) {
		struct buf f = BUF_INIT;
		int gone;
		buf_reset(&url);
		piece_url(&url, ch, p);
		buf_printf(&f, "%s%s", r->out->root, buf_cstr(&url));
		gone = access(buf_cstr(&f), F_OK) < 0;
		buf_free(&f);
		if (gone)
			break;
		rc = output_remove(r->out, buf_cstr(&url) + 1, why);
	}
out:
	if (abs)
		for (i = 0; i < 2 * size; i++)
			buf_free(&abs[i]);
	free(abs);
	free(alts);
	free(urls);
	free(chain);
	buf_free(&url);
	return rc;
}

int
sitefiles_sitemap_index(const struct render *r, struct render_worker *w,
    struct buf *why)
{
	const struct catalog *c = r->cat;
	size_t nurls = c->nlangs + c->nchannels, i, n = 0, nlocs = 0;
	struct sitemap_url *urls = calloc(nurls, sizeof *urls);
	struct sitemap_alt *alts = calloc(c->nlangs, sizeof *alts);
	struct buf *abs = calloc(nurls, sizeof *abs), url = BUF_INIT;
	struct buf *locbufs = NULL;
	const char **locs = NULL;
	int64_t *mods = NULL, newest = 0;
	int rc = GZ_OK, p;

	if (!urls || !alts || !abs) {
		rc = GZ_ENOMEM;
		goto out;
	}
	for (i = 0; i < c->nlisted; i++)
		if (c->articles[i].date > newest)
			newest = c->articles[i].date;
	for (i = 0; i < c->nlangs; i++) {
		buf_reset(&url);
		permalink_home(&url, c->langs[i], c->site.default_lang);
		permalink_absolute(&abs[n], c->site.base_url, buf_cstr(&url));
		alts[i].hreflang = c->langs[i];
		alts[i].href = buf_cstr(&abs[n]);
		urls[n].loc = buf_cstr(&abs[n]);
		urls[n].lastmod = newest;
		n++;
	}
	for (i = 0; i < c->nlangs && c->nlangs > 1; i++) {
		urls[i].alts = alts;
		urls[i].nalts = c->nlangs;
	}
	for (i = 0; i < c->nchannels; i++) {
		permalink_absolute(&abs[n], c->site.base_url,
		    c->channels[i].url);
		urls[n].loc = buf_cstr(&abs[n]);
		urls[n].lastmod = channel_newest(c, &c->channels[i]);
		n++;
	}
	buf_reset(&w->html);
	if ((rc = sitemap_urlset(&w->html, urls, n)) ||
	    (rc = render_write(r, w, "/sitemaps/pages.xml", 0, why)))
		goto out;

	/* The index: pages.xml and every channel's pieces. */
	for (i = 0; i < c->nchannels; i++)
		nlocs += c->channels[i].total ? (size_t)((c->channels[i].total +
		    c->sitemap_piece - 1) / c->sitemap_piece) : 1;
	nlocs++;
	locbufs = calloc(nlocs, sizeof *locbufs);
	locs = calloc(nlocs, sizeof *locs);
	mods = calloc(nlocs, sizeof *mods);
	if (!locbufs || !locs || !mods) {
		rc = GZ_ENOMEM;
		goto out;
	}
	n = 0;
	permalink_absolute(&locbufs[n], c->site.base_url, "/sitemaps/pages.xml");
	mods[n++] = newest;
	for (i = 0; i < c->nchannels; i++) {
		const struct cat_channel *ch = &c->channels[i];
		int pieces = ch->total ? (int)((ch->total + c->sitemap_piece -
		    1) / c->sitemap_piece) : 1;
		for (p = 1; p <= pieces; p++) {
			buf_reset(&url);
			piece_url(&url, ch, p);
			permalink_absolute(&locbufs[n], c->site.base_url,
			    buf_cstr(&url));
			mods[n++] = channel_newest(c, ch);
		}
	}
	for (i = 0; i < n; i++)
		locs[i] = buf_cstr(&locbufs[i]);
	buf_reset(&w->html);
	if ((rc = sitemap_index(&w->html, locs, mods, n)) ||
	    (rc = render_write(r, w, "/sitemap.xml", 0, why)))
		goto out;
	buf_reset(&url);
	permalink_absolute(&url, c->site.base_url, "/sitemap.xml");
	buf_reset(&w->html);
	robots_txt(&w->html, buf_cstr(&url));
	rc = render_write(r, w, "/robots.txt", 0, why);
out:
	for (i = 0; abs && i < nurls; i++)
		buf_free(&abs[i]);
	for (i = 0; locbufs && i < nlocs; i++)
		buf_free(&locbufs[i]);
	free(abs);
	free(alts);
	free(urls);
	free(locbufs);
	free(locs);
	free(mods);
	buf_free(&url);
	return rc;
}
