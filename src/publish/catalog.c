/*
 * catalog: the live site in memory for a build.  See catalog.h.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "catalog.h"
#include "clock.h"
#include "permalink.h"


struct loader {
	struct catalog *c;
	size_t cap;
	int32_t chan;         /* the channel being loaded, or -1: look it up */
	int extra;            /* skip what is loaded (kept in set) */
	int64_t skip;         /* an article not to load: it is previewed */
	int64_t *set;         /* open-addressing set of loaded ids (0: empty) */
	size_t setcap, setn;
};

/* Add id to the loaded set; 0 if it was there, -1 on ENOMEM. */
static int
set_add(struct loader *l, int64_t id)
{
	size_t i;

	if (2 * (l->setn + 1) > l->setcap) {
		size_t cap = l->setcap ? l->setcap * 2 : 1024, k;
		int64_t *nv = calloc(cap, sizeof *nv), *old = l->set;
		if (nv == NULL)
			return -1;
		for (k = 0; k < l->setcap; k++) {
			if (old[k] == 0)
				continue;
			for (i = (size_t)old[k] * 0x9E3779B97F4A7C15ull &
			    (cap - 1); nv[i]; i = (i + 1) & (cap - 1))
				;
			nv[i] = old[k];
		}
		free(old);
		l->set = nv;
		l->setcap = cap;
	}
	for (i = (size_t)id * 0x9E3779B97F4A7C15ull & (l->setcap - 1);
	    l->set[i]; i = (i + 1) & (l->setcap - 1))
		if (l->set[i] == id)
			return 0;
	l->set[i] = id;
	l->setn++;
	return 1;
}

static char *
dup(const char *s)
{
	return s ? strdup(s) : NULL;
}

static int
add_channel(const struct channel *ch, void *arg)
{
	struct loader *l = arg;
	struct catalog *c = l->c;
	struct cat_channel *cc, *nv;
	struct buf url = BUF_INIT;
	size_t i;

	/* A language taken off the site's list: its channels and their
	 * articles stay stored but are not on the site. */
	if (!site_has_lang(&c->site, ch->lang))
		return GZ_OK;
	if (c->nchannels == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 32;
		if ((nv = realloc(c->channels, l->cap * sizeof *nv)) == NULL)
			return GZ_ENOMEM;
		c->channels = nv;
	}
	cc = &c->channels[c->nchannels];
	memset(cc, 0, sizeof *cc);
	cc->id = ch->id;
	cc->parent = -1;
	for (i = 0; ch->parent_id && i < c->nchannels; i++)
		if (c->channels[i].id == ch->parent_id)
			cc->parent = (int32_t)i;
	cc->page_size = ch->page_size > 0 ? ch->page_size : 20;
	cc->sort_order = ch->sort_order;
	cc->first = 0;
	cc->pages = 1;
	permalink_channel(&url, ch->lang, c->site.default_lang, ch->path, 1);
	cc->lang = dup(ch->lang);
	cc->path = dup(ch->path);
	cc->slug = dup(ch->slug);
	cc->name = dup(ch->name);
	cc->url = buf_detach(&url, NULL);
	c->nchannels++;
	if (!cc->lang || !cc->path || !cc->slug || !cc->name || !cc->url)
		return GZ_ENOMEM;
	return GZ_OK;
}

static int
add_article(const struct live_article *a, void *arg)
{
	struct loader *l = arg;
	struct catalog *c = l->c;
	struct cat_article *ca, *nv;
	struct cat_channel *ch;
	struct buf url = BUF_INIT;
	int32_t chi;

	if (l->skip && a->id == l->skip)
		return GZ_OK;
	if (l->extra) {
		int k = set_add(l, a->id);
		if (k < 0)
			return GZ_ENOMEM;
		if (k == 0)
			return GZ_OK; /* loaded already */
	}
	/* Rows come grouped by channel id; the channel is usually the last
	 * one met, so look there first. */
	if (l->chan >= 0 && c->channels[l->chan].id == a->channel_id)
		chi = l->chan;
	else if (c->narticles > 0 &&
	    c->channels[c->articles[c->narticles - 1].channel].id ==
	    a->channel_id)
		chi = c->articles[c->narticles - 1].channel;
	else if ((chi = catalog_channel(c, a->channel_id)) < 0)
		return GZ_OK; /* of a language not on the site */
	ch = &c->channels[chi];
	if (c->narticles == l->cap) {
		l->cap = l->cap ? l->cap * 2 : 1024;
		if ((nv = realloc(c->articles, l->cap * sizeof *nv)) == NULL)
			return GZ_ENOMEM;
		c->articles = nv;
	}
	ca = &c->articles[c->narticles];
	memset(ca, 0, sizeof *ca);
	ca->id = a->id;
	ca->channel = chi;
	ca->older = ca->newer = ca->translation = -1;
	ca->date = a->date;
	ca->updated = a->updated;
	ca->offset = a->offset;
	ca->weight = a->weight;
	permalink_article(&url, ch->lang, c->site.default_lang, ch->path,
	    a->slug);
	ca->slug = dup(a->slug);
	ca->title = dup(a->title);
	ca->summary = dup(a->summary);
	ca->author = dup(a->author);
	ca->source = dup(a->source);
	ca->tkey = dup(a->tkey);
	ca->url = buf_detach(&url, NULL);
	c->narticles++;
	if (!ca->slug || (a->title && !ca->title) || !ca->url ||
	    (a->summary && !ca->summary) || (a->author && !ca->author) ||
	    (a->source && !ca->source) || (a->tkey && !ca->tkey))
		return GZ_ENOMEM;
	return GZ_OK;
}

/* Newest first; the id breaks ties so the order is total. */
static int
by_date(const void *x, const void *y, void *arg)
{
	const struct catalog *c = arg;
	const struct cat_article *a = &c->articles[*(const int32_t *)x];
	const struct cat_article *b = &c->articles[*(const int32_t *)y];

	if (a->date != b->date)
		return a->date > b->date ? -1 : 1;
	return a->id > b->id ? -1 : a->id < b->id;
}

/* Translation keys grouped, then by id. */
static int
by_tkey(const void *x, const void *y, void *arg)
{
	const struct catalog *c = arg;
	const struct cat_article *a = &c->articles[*(const int32_t *)x];
	const struct cat_article *b = &c->articles[*(const int32_t *)y];
	int r = strcmp(a->tkey, b->tkey);

	if (r)
		return r;
	return a->id > b->id ? 1 : a->id < b->id ? -1 : 0;
}

/* Link translations: each article of a translation key's group links to
 * the first of the group (by id) in another language. */
static int
link_translations(struct catalog *c)
{
	int32_t *idx;
	size_t i, k, n;

	if ((idx = malloc((c->narticles + 1) * sizeof *idx)) == NULL)
		return GZ_ENOMEM;
	for (n = 0, i = 0; i < c->narticles; i++) {
		c->articles[i].translation = -1;
		if (c->articles[i].tkey)
			idx[n++] = (int32_t)i;
	}
	qsort_r(idx, n, sizeof *idx, by_tkey, c);
	for (i = 0; i < n; i = k) {
		for (k = i + 1; k < n && strcmp(c->articles[idx[k]].tkey,
		    c->articles[idx[i]].tkey) == 0; k++)
			;
		for (size_t a = i; a < k; a++) {
			struct cat_article *x = &c->articles[idx[a]];
			for (size_t b = i; b < k; b++) {
				struct cat_article *y = &c->articles[idx[b]];
				if (strcmp(c->channels[x->channel].lang,
				    c->channels[y->channel].lang) != 0) {
					x->translation = idx[b];
					break;
				}
			}
		}
	}
	free(idx);
	return GZ_OK;
}

/* Link neighbours: chronological, pins ignored. */
static int
link_neighbours(struct catalog *c)
{
	int32_t *idx;
	size_t i, k;

	if ((idx = malloc((c->narticles + 1) * sizeof *idx)) == NULL)
		return GZ_ENOMEM;
	for (i = 0; i < c->nchannels; i++) {
		struct cat_channel *ch = &c->channels[i];
		for (k = 0; k < (size_t)ch->count; k++)
			idx[k] = ch->first + (int32_t)k;
		qsort_r(idx, (size_t)ch->count, sizeof *idx, by_date, c);
		for (k = 0; k < (size_t)ch->count; k++) {
			struct cat_article *a = &c->articles[idx[k]];
			a->newer = k > 0 ? idx[k - 1] : -1;
			a->older = k + 1 < (size_t)ch->count ? idx[k + 1] : -1;
		}
	}
	free(idx);
	return GZ_OK;
}

static int
split_langs(struct catalog *c)
{
	const char *p = c->site.languages;
	size_t n = 1, i;

	for (i = 0; p[i]; i++)
		n += p[i] == ',';
	if ((c->langs = calloc(n, sizeof *c->langs)) == NULL)
		return GZ_ENOMEM;
	while (*p) {
		size_t k = strcspn(p, ",");
		if (k && (c->langs[c->nlangs++] = strndup(p, k)) == NULL)
			return GZ_ENOMEM;
		p += k + (p[k] == ',');
	}
	/* The default language first. */
	for (i = 1; i < c->nlangs; i++)
		if (strcmp(c->langs[i], c->site.default_lang) == 0) {
			char *t = c->langs[0];
			c->langs[0] = c->langs[i];
			c->langs[i] = t;
		}
	return GZ_OK;
}

/* A catalog with the site, its languages and its channels, and l set to
 * load its articles; NULL with *rc set on failure. */
static struct catalog *
catalog_new(struct store *st, int64_t site_id, int64_t now,
    struct loader *l, int *rc)
{
	struct catalog *c;

	if ((c = calloc(1, sizeof *c)) == NULL) {
		*rc = GZ_ENOMEM;
		return NULL;
	}
	c->now = now;
	l->c = c;
	l->chan = -1;
	if ((*rc = store_site_get_id(st, site_id, &c->site)) ||
	    (*rc = split_langs(c)) ||
	    (*rc = store_channel_list(st, site_id, NULL, add_channel, l))) {
		catalog_free(c);
		return NULL;
	}
	c->sitemap_piece = (int)site_setting_int(&c->site, "sitemap_urls",
	    CATALOG_SITEMAP_URLS);
	if (c->sitemap_piece < 1 || c->sitemap_piece > 50000)
		c->sitemap_piece = CATALOG_SITEMAP_URLS;
	return c;
}

/* Page counts from the totals, then neighbours, and translations if
 * every article that has one is loaded (not in a scoped catalog: see
 * catalog_load_partners()). */
static int
catalog_finish(struct catalog *c, int translations)
{
	int rc;

	size_t i;

	for (i = 0; i < c->nchannels; i++) {
		struct cat_channel *ch = &c->channels[i];
		ch->pages = ch->total ? (int)((ch->total + ch->page_size - 1) /
		    ch->page_size) : 1;
	}
	if ((rc = link_neighbours(c)) == GZ_OK && translations)
		rc = link_translations(c);
	return rc;
}

struct scope {
	struct catalog *c;
	uint8_t *complete;     /* per channel */
	struct strv tkeys;
};

static int
scope_channel(struct scope *sc, int64_t channel_id)
{
	int32_t k = catalog_channel(sc->c, channel_id);

	if (k >= 0)
		sc->complete[k] = 1;
	return GZ_OK;
}

static int
scope_live(const struct live_article *a, void *arg)
{
	struct scope *sc = arg;

	scope_channel(sc, a->channel_id);
	if (a->tkey && strv_push(&sc->tkeys, a->tkey))
		return GZ_ENOMEM;
	return GZ_OK;
}

/* A translation's channel (its own key is already being followed). */
static int
scope_partner(const struct live_article *a, void *arg)
{
	return scope_channel(arg, a->channel_id);
}

static int
scope_total(int64_t channel_id, long count, void *arg)
{
	struct catalog *c = arg;
	int32_t k = catalog_channel(c, channel_id);

	if (k >= 0 && !c->channels[k].complete)
		c->channels[k].total = count;
	return GZ_OK;
}

/* catalog_load_scope(), and with pre, catalog_load_preview(). */
static int
load_scope(struct store *st, int64_t site_id, int64_t now,
    const int64_t *ids, size_t n, const struct live_article *pre,
    struct catalog **out, struct buf *why)
{
	struct catalog *c;
	struct loader l = {0};
	struct scope sc = {0};
	struct live_query q = {0};
	struct published before = {0};
	size_t i;
	int rc;

	*out = NULL;
	clock_trace("scope: start");
	if ((c = catalog_new(st, site_id, now, &l, &rc)) == NULL)
		goto fail;
	clock_trace("scope: channels");
	sc.c = c;
	if ((sc.complete = calloc(c->nchannels + 1, 1)) == NULL) {
		rc = GZ_ENOMEM;
		goto fail;
	}
	/* Which channels to load whole: where each article is and was,
	 * and where its translations are. */
	q.site_id = site_id;
	q.now = now;
	for (i = 0; i < n && rc == GZ_OK; i++) {
		rc = store_published_get(st, ids[i], &before);
		if (rc == GZ_OK) {
			scope_channel(&sc, before.channel_id);
			if (before.tkey)
				rc = strv_push(&sc.tkeys, before.tkey);
		} else if (rc == GZ_ENOTFOUND) {
			rc = GZ_OK;
		}
		q.part = LIVE_ID;
		q.id = ids[i];
		if (rc == GZ_OK)
			rc = store_live_part(st, &q, scope_live, &sc);
	}
	/* The previewed article's channel is shown whole, and its
	 * translations' channels as they are. */
	if (pre && rc == GZ_OK) {
		scope_channel(&sc, pre->channel_id);
		if (pre->tkey)
			rc = strv_push(&sc.tkeys, pre->tkey);
	}
	for (i = 0; i < sc.tkeys.n && rc == GZ_OK; i++) {
		q.part = LIVE_TKEY;
		q.tkey = sc.tkeys.v[i];
		rc = store_live_part(st, &q, scope_partner, &sc);
	}
	if (rc)
		goto fail;
	for (i = 0; i < c->nchannels; i++)
		c->channels[i].complete = sc.complete[i];
	clock_trace("scope: which channels");
	if ((rc = store_published_counts(st, site_id, scope_total, c)))
		goto fail;
	clock_trace("scope: counts");
	/* Each channel in turn: whole, or its head. */
	l.cap = 0;
	for (i = 0; i < c->nchannels && rc == GZ_OK; i++) {
		struct cat_channel *ch = &c->channels[i];
		q.channel_id = ch->id;
		q.lang = ch->lang;
		l.chan = (int32_t)i;
		ch->first = (int32_t)c->narticles;
		if (ch->complete) {
			q.part = LIVE_CHANNEL;
			/* A previewed article in place of its live version. */
			l.skip = pre ? pre->id : 0;
			rc = store_live_part(st, &q, add_article, &l);
			l.skip = 0;
			if (rc == GZ_OK && pre && pre->channel_id == ch->id)
				rc = add_article(pre, &l);
		} else {
			/* The first pinned ones (home pages show no more),
			 * then the latest, pinned or not, that are not in
			 * yet: feeds pick from these by date. */
			q.part = LIVE_PINNED;
			q.limit = CATALOG_HEAD;
			l.extra = 1;
			rc = store_live_part(st, &q, add_article, &l);
			q.part = LIVE_LATEST;
			if (rc == GZ_OK)
				rc = store_live_part(st, &q, add_article, &l);
			l.extra = 0;
		}
		ch->count = (int32_t)c->narticles - ch->first;
		if (ch->complete)
			ch->total = ch->count;
	}
	if (rc)
		goto fail;
	c->nlisted = c->narticles;
	clock_trace("scope: lists");
	/* Translations: catalog_load_partners(), for what is shown. */
	if ((rc = catalog_finish(c, 0)))
		goto fail;
	clock_trace("scope: finish");
	*out = c;
	goto out;
fail:
	if (why && why->len == 0)
		buf_printf(why, "cannot read the site: %s", rc == GZ_ESTORE ?
		    store_errmsg(st) : gz_strerror(rc));
	catalog_free(c);
out:
	free(l.set);
	free(sc.complete);
	strv_clear(&sc.tkeys);
	published_clear(&before);
	return rc;
}

int
catalog_load_scope(struct store *st, int64_t site_id, int64_t now,
    const int64_t *ids, size_t n, struct catalog **out, struct buf *why)
{
	return load_scope(st, site_id, now, ids, n, NULL, out, why);
}

int
catalog_load_preview(struct store *st, int64_t site_id, int64_t now,
    const struct live_article *a, struct catalog **out, struct buf *why)
{
	return load_scope(st, site_id, now, &a->id, 1, a, out, why);
}

int
catalog_load_partners(struct catalog *c, struct store *st,
    const uint8_t *need, struct buf *why)
{
	struct loader l = {0};
	struct live_query q = {0};
	json_t *keys;
	char *text = NULL;
	size_t i, n = c->narticles;
	int rc = GZ_OK;

	l.c = c;
	l.cap = c->narticles;
	l.chan = -1;
	l.extra = 1;
	for (i = 0; i < n && rc == GZ_OK; i++)
		if (set_add(&l, c->articles[i].id) < 0)
			rc = GZ_ENOMEM;
	q.site_id = c->site.id;
	q.now = c->now;
	q.part = LIVE_TKEYS;
	if ((keys = json_array()) == NULL)
		rc = GZ_ENOMEM;
	for (i = 0; i < n && rc == GZ_OK; i++)
		if (need[i] && c->articles[i].tkey &&
		    json_array_append_new(keys,
		    json_string(c->articles[i].tkey)) < 0)
			rc = GZ_ENOMEM;
	if (rc == GZ_OK && json_array_size(keys) > 0) {
		if ((text = json_dumps(keys, JSON_COMPACT)) == NULL)
			rc = GZ_ENOMEM;
		q.tkey = text;
		if (rc == GZ_OK)
			rc = store_live_part(st, &q, add_article, &l);
	}
	free(text);
	json_decref(keys);
	free(l.set);
	if (rc == GZ_OK)
		rc = link_translations(c);
	if (rc && why && why->len == 0)
		buf_printf(why, "cannot read the site: %s", rc == GZ_ESTORE ?
		    store_errmsg(st) : gz_strerror(rc));
	return rc;
}

void
catalog_chain(const struct catalog *c, int32_t ch, int32_t *out)
{
	const struct cat_channel *chan = &c->channels[ch];
	int32_t k, n = 0;

	for (k = chan->first; k < chan->first + chan->count; k++)
		if (c->articles[k].older < 0)
			break;
	for (; k >= 0 && k < chan->first + chan->count && n < chan->count;
	    k = c->articles[k].newer)
		out[n++] = k;
}

int
catalog_position(const struct catalog *c, int32_t k)
{
	int n = 0;

	while ((k = c->articles[k].older) >= 0)
		n++;
	return n;
}

/* LIVE_ID's row: the texts of the article being filled. */
static int
add_texts(const struct live_article *a, void *arg)
{
	struct cat_article *ca = arg;

	if (a->id != ca->id || a->title == NULL)
		return GZ_OK;
	ca->title = strdup(a->title);
	ca->summary = dup(a->summary);
	ca->author = dup(a->author);
	ca->source = dup(a->source);
	if (!ca->title || (a->summary && !ca->summary) ||
	    (a->author && !ca->author) || (a->source && !ca->source))
		return GZ_ENOMEM;
	return GZ_OK;
}

int
catalog_load_texts(struct catalog *c, struct store *st, const uint8_t *need,
    struct buf *why)
{
	struct live_query q = {0};
	size_t i;
	int rc = GZ_OK;

	q.site_id = c->site.id;
	q.now = c->now;
	q.part = LIVE_ID;
	for (i = 0; i < c->narticles && rc == GZ_OK; i++) {
		struct cat_article *a = &c->articles[i];
		if (!need[i] || a->title)
			continue;
		q.id = a->id;
		if ((rc = store_live_part(st, &q, add_texts, a)) == GZ_OK &&
		    a->title == NULL) {
			buf_printf(why, "article %lld was changed while it was "
			    "being published: publish it again",
			    (long long)a->id);
			rc = GZ_EAGAIN;
		}
	}
	if (rc && why && why->len == 0)
		buf_printf(why, "cannot read the site: %s", rc == GZ_ESTORE ?
		    store_errmsg(st) : gz_strerror(rc));
	return rc;
}

int
catalog_load(struct store *st, int64_t site_id, int64_t now,
    struct catalog **out, struct buf *why)
{
	struct catalog *c;
	struct loader l = {0};
	size_t i;
	int rc;

	*out = NULL;
	if ((c = catalog_new(st, site_id, now, &l, &rc)) == NULL)
		goto fail;
	l.cap = 0;
	if ((rc = store_article_live(st, site_id, now, add_article, &l)))
		goto fail;
	/* Rows came grouped by channel: record each channel's range. */
	for (i = 0; i < c->narticles; i++) {
		struct cat_channel *ch = &c->channels[c->articles[i].channel];
		if (ch->count == 0)
			ch->first = (int32_t)i;
		ch->count++;
	}
	for (i = 0; i < c->nchannels; i++) {
		c->channels[i].complete = 1;
		c->channels[i].total = c->channels[i].count;
	}
	c->nlisted = c->narticles;
	if ((rc = catalog_finish(c, 1)))
		goto fail;
	*out = c;
	return GZ_OK;
fail:
	if (why && why->len == 0)
		buf_printf(why, "cannot read the site: %s", rc == GZ_ESTORE ?
		    store_errmsg(st) : gz_strerror(rc));
	catalog_free(c);
	return rc;
}

void
catalog_free(struct catalog *c)
{
	size_t i;

	if (c == NULL)
		return;
	for (i = 0; i < c->narticles; i++) {
		struct cat_article *a = &c->articles[i];
		free(a->slug);
		free(a->title);
		free(a->summary);
		free(a->author);
		free(a->source);
		free(a->tkey);
		free(a->url);
	}
	for (i = 0; i < c->nchannels; i++) {
		struct cat_channel *ch = &c->channels[i];
		free(ch->lang);
		free(ch->path);
		free(ch->slug);
		free(ch->name);
		free(ch->url);
	}
	for (i = 0; i < c->nlangs; i++)
		free(c->langs[i]);
	free(c->langs);
	free(c->articles);
	free(c->channels);
	site_clear(&c->site);
	free(c);
}

int32_t
catalog_channel(const struct catalog *c, int64_t id)
{
	size_t i;

	for (i = 0; i < c->nchannels; i++)
		if (c->channels[i].id == id)
			return (int32_t)i;
	return -1;
}

int32_t
catalog_article(const struct catalog *c, int64_t id)
{
	size_t i;

	for (i = 0; i < c->narticles; i++)
		if (c->articles[i].id == id)
			return (int32_t)i;
	return -1;
}

int
catalog_load_channels(struct store *st, int64_t site_id, int64_t now,
    struct catalog **out, struct buf *why)
{
	struct catalog *c;
	struct loader l = {0};
	int rc;

	*out = NULL;
	if ((c = catalog_new(st, site_id, now, &l, &rc)) == NULL ||
	    (rc = catalog_finish(c, 1))) {
		if (why && why->len == 0)
			buf_printf(why, "cannot read the site: %s",
			    rc == GZ_ESTORE ? store_errmsg(st) : gz_strerror(rc));
		catalog_free(c);
		return rc;
	}
	*out = c;
	return GZ_OK;
}
