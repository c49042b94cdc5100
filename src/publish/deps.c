/*
 * deps: the dependency rules of incremental publishing.
 *
 * When article A changes — edited, moved, pinned, published, taken
 * offline, deleted — these outputs depend on it, both where it was
 * (as last published: B) and where it is now (A):
 *
 *   rule  output                              why
 *   R1    A's page                            its own content
 *   R2    B's page is removed                 A is offline, or its URL moved
 *   R3    A's older and newer neighbours      their prev/next link to A
 *   R4    the neighbours around B's place     they linked to A; now to each other
 *   R5    A's translations, and B's, and      their language link names A,
 *         their sitemap pieces                as do the sitemap's alternates
 *   R6    every list page of A's and B's      A's row, and the rows after it
 *         channel (and their feeds and        shift; the page count may change
 *         sitemap pieces)
 *   R6'   ...but when A stays in its channel, only the pages from its old
 *         place to its new one: no count changes, so the rows outside that
 *         span and the page links stay as they were; so too the sitemap
 *         pieces (oldest first) from its old date's place to its new one
 *   R7    the home page and feeds of A's      latest items and pinned items
 *         and B's language
 *   R8    the sitemap index and pages.xml     piece counts and dates
 *
 * Nothing else shows an article: channel pages of other channels list
 * only their own articles, and the navigation shows channels, whose
 * changes rebuild the whole site.
 *
 * And the other way round, whose texts (title, summary, author, source)
 * each output shows, so that a scoped catalog reads only those:
 *
 *   T1    an article page                     itself, its older and newer
 *                                             neighbours, its translation
 *   T2    a channel's list page               the articles it lists
 *   T3    home pages and feeds                the channel heads: pinned
 *                                             articles and the latest
 *                                             CATALOG_HEAD
 *   T4    sitemaps                            none (URLs and dates)
 *
 * and whose translations (for the language link and the sitemap's
 * alternates):
 *
 *   L1    an article page                     its own
 *   L2    a sitemap piece                     those of every article in it
 */
#include <stdlib.h>
#include <string.h>

#include "clock.h"
#include "deps.h"

int
deps_init(struct deps *d, const struct catalog *c)
{
	memset(d, 0, sizeof *d);
	d->articles = calloc(c->narticles + 1, 1);
	d->channels = calloc(c->nchannels + 1, 1);
	d->langs = calloc(c->nlangs + 1, 1);
	d->piece_lo = calloc(c->nchannels + 1, sizeof *d->piece_lo);
	d->piece_hi = calloc(c->nchannels + 1, sizeof *d->piece_hi);
	d->page_lo = calloc(c->nchannels + 1, sizeof *d->page_lo);
	d->page_hi = calloc(c->nchannels + 1, sizeof *d->page_hi);
	if (!d->articles || !d->channels || !d->langs || !d->piece_lo ||
	    !d->piece_hi ||
	    !d->page_lo || !d->page_hi) {
		deps_free(d);
		return GZ_ENOMEM;
	}
	return GZ_OK;
}

void
deps_free(struct deps *d)
{
	free(d->articles);
	free(d->channels);
	free(d->langs);
	free(d->piece_lo);
	free(d->piece_hi);
	free(d->page_lo);
	free(d->page_hi);
	strv_clear(&d->remove);
	memset(d, 0, sizeof *d);
}

static void
mark_lang(struct deps *d, const struct catalog *c, const char *lang)
{
	size_t i;

	for (i = 0; i < c->nlangs; i++)
		if (strcmp(c->langs[i], lang) == 0)
			d->langs[i] = 1;
}

/* Sitemap pieces of channel ch holding oldest-first places p to q. */
static void
mark_pieces(struct deps *d, const struct catalog *c, int32_t ch, int p, int q)
{
	int lo, hi;

	if (p > q) {
		int t = p;
		p = q;
		q = t;
	}
	lo = p / c->sitemap_piece + 1;
	hi = q / c->sitemap_piece + 1;
	if (d->piece_lo[ch] == 0 || lo < d->piece_lo[ch])
		d->piece_lo[ch] = lo;
	if (hi > d->piece_hi[ch])
		d->piece_hi[ch] = hi;
}

/* R5: every live article sharing tkey (except skip). */
static void
mark_translations(struct deps *d, const struct catalog *c, const char *tkey,
    int32_t skip)
{
	size_t i;

	if (tkey == NULL)
		return;
	for (i = 0; i < c->nlisted; i++)
		if ((int32_t)i != skip && c->articles[i].tkey &&
		    strcmp(c->articles[i].tkey, tkey) == 0) {
			int at = catalog_position(c, (int32_t)i);
			d->articles[i] = 1;
			mark_pieces(d, c, c->articles[i].channel, at, at);
		}
}

/* Whether a comes before (date, id) in time; the id breaks ties. */
static int
older_than(const struct cat_article *a, int64_t date, int64_t id)
{
	return a->date < date || (a->date == date && a->id < id);
}

/* R4: in channel ch, the articles just older and just newer than the
 * place (date, id) — excluding id itself. */
static void
mark_around(struct deps *d, const struct catalog *c, int32_t ch,
    int64_t date, int64_t id)
{
	const struct cat_channel *chan = &c->channels[ch];
	int32_t older = -1, newer = -1, k;

	for (k = chan->first; k < chan->first + chan->count; k++) {
		const struct cat_article *a = &c->articles[k];
		if (a->id == id)
			continue;
		if (older_than(a, date, id)) {
			if (older < 0 || older_than(&c->articles[older],
			    a->date, a->id))
				older = k;
		} else if (newer < 0 || older_than(a, c->articles[newer].date,
		    c->articles[newer].id)) {
			newer = k;
		}
	}
	if (older >= 0)
		d->articles[older] = 1;
	if (newer >= 0)
		d->articles[newer] = 1;
}

/* Whether list order puts (wa, da, ia) before (wb, db, ib): pinned first
 * by weight, then newest first; ids break ties. */
static int
ranks_before(int wa, int64_t da, int64_t ia, int wb, int64_t db, int64_t ib)
{
	if ((wa > 0) != (wb > 0))
		return wa > 0;
	if (wa > 0 && wa != wb)
		return wa < wb;
	if (da != db)
		return da > db;
	return ia > ib;
}

/* R6': the pages of channel ch from position p to q. */
static void
mark_span(struct deps *d, const struct catalog *c, int32_t ch, int p, int q)
{
	int size = c->channels[ch].page_size, lo, hi;

	if (p > q) {
		int t = p;
		p = q;
		q = t;
	}
	lo = p / size + 1;
	hi = q / size + 1;
	if (d->page_lo[ch] == 0 || lo < d->page_lo[ch])
		d->page_lo[ch] = lo;
	if (hi > d->page_hi[ch])
		d->page_hi[ch] = hi;
}

int
deps_article(struct deps *d, const struct catalog *c,
    const struct published *before, int32_t now)
{
	const struct cat_article *a = now >= 0 ? &c->articles[now] : NULL;
	int32_t bch = before ? catalog_channel(c, before->channel_id) : -1;

	int same_channel = a && before && bch == a->channel;

	if (a) {
		d->articles[now] = 1;                              /* R1 */
		if (a->older >= 0)                                 /* R3 */
			d->articles[a->older] = 1;
		if (a->newer >= 0)
			d->articles[a->newer] = 1;
		mark_translations(d, c, a->tkey, now);             /* R5 */
		mark_lang(d, c, c->channels[a->channel].lang);     /* R7 */
	}
	if (same_channel) {                                        /* R6' */
		const struct cat_channel *ch = &c->channels[bch];
		int32_t k;
		int old = 0;
		for (k = ch->first; k < ch->first + ch->count; k++)
			if (k != now && ranks_before(c->articles[k].weight,
			    c->articles[k].date, c->articles[k].id,
			    before->weight, before->date, before->article_id))
				old++;
		mark_span(d, c, bch, old, now - ch->first);
		for (old = 0, k = ch->first; k < ch->first + ch->count; k++)
			if (k != now && older_than(&c->articles[k],
			    before->date, before->article_id))
				old++;
		mark_pieces(d, c, bch, old, catalog_position(c, now));
	} else if (a) {
		d->channels[a->channel] = 1;                       /* R6 */
	}
	if (before) {
		if ((a == NULL || strcmp(a->url, before->url) != 0) &&
		    strv_push(&d->remove, before->url))            /* R2 */
			return GZ_ENOMEM;
		if (bch >= 0) {
			mark_around(d, c, bch, before->date,       /* R4 */
			    before->article_id);
			if (!same_channel)
				d->channels[bch] = 1;              /* R6 */
		}
		mark_translations(d, c, before->tkey, now);        /* R5 */
		mark_lang(d, c, before->lang);                     /* R7 */
	}
	d->index = 1;                                              /* R8 */
	return GZ_OK;
}

static void
need_one(uint8_t *need, int32_t k)
{
	if (k >= 0)
		need[k] = 1;
}

void
deps_texts(const struct deps *d, const struct catalog *c, uint8_t *need)
{
	size_t i;
	int32_t k;

	for (i = 0; i < c->nlisted; i++) {
		const struct cat_article *a = &c->articles[i];
		if (!d->articles[i])
			continue;
		need_one(need, (int32_t)i);                        /* T1 */
		need_one(need, a->older);
		need_one(need, a->newer);
		need_one(need, a->translation);
	}
	for (i = 0; i < c->nchannels; i++) {
		const struct cat_channel *ch = &c->channels[i];
		int32_t from = 0, to = ch->count, pinned = 0;
		if (!d->channels[i]) {                             /* T2 */
			from = to = 0;
			if (d->page_lo[i] > 0) {
				from = (d->page_lo[i] - 1) * ch->page_size;
				to = d->page_hi[i] * ch->page_size;
			}
		}
		for (k = from; k < to && k < ch->count; k++)
			need[ch->first + k] = 1;
		while (pinned < ch->count &&                       /* T3 */
		    c->articles[ch->first + pinned].weight > 0)
			pinned++;
		for (k = 0; k < pinned + CATALOG_HEAD && k < ch->count; k++)
			need[ch->first + k] = 1;
	}
}

void
deps_translations(const struct deps *d, const struct catalog *c,
    uint8_t *need)
{
	size_t i, size = (size_t)c->sitemap_piece;
	int32_t *chain, k;

	for (i = 0; i < c->nlisted; i++)                           /* L1 */
		if (d->articles[i])
			need[i] = 1;
	for (i = 0; i < c->nchannels; i++) {                       /* L2 */
		const struct cat_channel *ch = &c->channels[i];
		size_t from, to;
		if (d->channels[i]) {
			for (k = 0; k < ch->count; k++)
				need[ch->first + k] = 1;
			continue;
		}
		if (d->piece_lo[i] == 0 || ch->count == 0)
			continue;
		if ((chain = malloc((size_t)ch->count * sizeof *chain)) == NULL) {
			/* Without memory, ask for all: slower, still right. */
			for (k = 0; k < ch->count; k++)
				need[ch->first + k] = 1;
			continue;
		}
		catalog_chain(c, (int32_t)i, chain);
		from = (size_t)(d->piece_lo[i] - 1) * size;
		to = (size_t)d->piece_hi[i] * size;
		for (; from < to && from < (size_t)ch->count; from++)
			need[chain[from]] = 1;
		free(chain);
	}
}

int
deps_load_shown(const struct deps *d, struct catalog *cat, struct store *st,
    struct buf *why)
{
	uint8_t *need = calloc(cat->narticles + 1, 1);
	int rc;

	if (need == NULL)
		return GZ_ENOMEM;
	deps_translations(d, cat, need);
	rc = catalog_load_partners(cat, st, need, why);
	clock_trace("publish: translations shown");
	free(need);
	if (rc)
		return rc;
	if ((need = calloc(cat->narticles + 1, 1)) == NULL)
		return GZ_ENOMEM;
	deps_texts(d, cat, need);
	rc = catalog_load_texts(cat, st, need, why);
	free(need);
	return rc;
}
