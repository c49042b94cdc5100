/*
 * page: per-page data for the templates.  See page.h and docs/theme.md.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"
#include "escape.h"
#include "page.h"
#include "permalink.h"

#define HOME_PER_CHANNEL 8  /* latest articles per channel on the home page */
#define HOME_PINNED 10      /* pinned articles on the home page */
_Static_assert(HOME_PER_CHANNEL <= CATALOG_HEAD,
    "home pages show only what a scoped catalog has the texts of");

static const struct {
	const char *code, *name, *html_lang;
} lang_names[] = {
	{"zh", "中文", "zh-CN"}, {"en", "English", "en"},
	{"zh-tw", "繁體中文", "zh-TW"}, {"fr", "Français", "fr"},
	{"de", "Deutsch", "de"}, {"ja", "日本語", "ja"}, {"ko", "한국어", "ko"},
	{"ru", "Русский", "ru"}, {"es", "Español", "es"},
};

static const char *
lang_name(const char *code, int html)
{
	size_t i;

	for (i = 0; i < sizeof lang_names / sizeof lang_names[0]; i++)
		if (strcmp(lang_names[i].code, code) == 0)
			return html ? lang_names[i].html_lang : lang_names[i].name;
	return code;
}

/* A string from the site settings, or def. */
static const char *
setting(json_t *settings, const char *key, const char *def)
{
	json_t *v = json_object_get(settings, key);

	return json_is_string(v) ? json_string_value(v) : def;
}

static json_t *
str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

/* Take a buf's contents as a JSON string (the buf is emptied). */
static json_t *
buf_json(struct buf *b)
{
	json_t *j = json_stringn(buf_cstr(b), b->len);

	buf_reset(b);
	return j;
}

json_t *
page_common(const struct catalog *c, const struct theme *t, const char *lang)
{
	json_t *o = json_object(), *site, *langs, *nav, *org, *settings;
	struct buf b = BUF_INIT;
	const char *dl = c->site.default_lang;
	size_t i;

	if (o == NULL)
		return NULL;
	settings = json_loads(c->site.settings ? c->site.settings : "{}", 0,
	    NULL);
	if (settings == NULL)
		settings = json_object();
	site = json_object();
	json_object_set_new(site, "title", json_string(c->site.title));
	json_object_set_new(site, "name", json_string(c->site.name));
	json_object_set_new(site, "base_url", json_string(c->site.base_url));
	json_object_set_new(site, "lang", json_string(lang));
	json_object_set_new(site, "html_lang", json_string(lang_name(lang, 1)));
	permalink_home(&b, lang, dl);
	json_object_set_new(site, "home_url", buf_json(&b));
	langs = json_array();
	for (i = 0; i < c->nlangs; i++) {
		permalink_home(&b, c->langs[i], dl);
		json_array_append_new(langs, json_pack("{ss ss ss sb}", "code",
		    c->langs[i], "name", lang_name(c->langs[i], 0), "url",
		    buf_cstr(&b), "current", strcmp(c->langs[i], lang) == 0));
		buf_reset(&b);
	}
	json_object_set_new(site, "languages", langs);
	org = json_object();
	json_object_set_new(org, "name", json_string(setting(settings,
	    "org_name", c->site.title)));
	json_object_set_new(org, "address",
	    str_or_null(setting(settings, "org_address", NULL)));
	json_object_set_new(org, "phone",
	    str_or_null(setting(settings, "org_phone", NULL)));
	json_object_set_new(org, "email",
	    str_or_null(setting(settings, "org_email", NULL)));
	json_object_set_new(org, "icp",
	    str_or_null(setting(settings, "icp", NULL)));
	json_object_set_new(org, "psb",
	    str_or_null(setting(settings, "psb", NULL)));
	json_object_set_new(org, "psb_url",
	    str_or_null(setting(settings, "psb_url", NULL)));
	json_object_set_new(site, "org", org);
	json_object_set_new(site, "elder_mode",
	    json_boolean(json_is_true(json_object_get(settings, "elder_mode"))));
	json_object_set_new(site, "mourning",
	    json_boolean(json_is_true(json_object_get(settings, "mourning"))));
	{
		struct buf y = BUF_INIT;
		date_display(&y, c->now, 480, "zh");
		json_object_set_new(site, "year", json_stringn(buf_cstr(&y),
		    y.len >= 4 ? 4 : y.len));
		buf_free(&y);
	}
	json_object_set_new(site, "generator", json_string("Gazette"));
	json_object_set_new(o, "site", site);

	buf_printf(&b, "/assets/gazette.css?v=%s", t->css_version);
	json_object_set_new(o, "assets", json_pack("{so ss}", "css",
	    buf_json(&b), "counter_js", "/assets/counter.js"));
	json_object_set(o, "i18n", theme_strings(t, lang) ? theme_strings(t,
	    lang) : json_object());

	nav = json_array();
	for (i = 0; i < c->nchannels; i++) {
		const struct cat_channel *ch = &c->channels[i];
		if (ch->parent >= 0 || strcmp(ch->lang, lang) != 0)
			continue;
		json_array_append_new(nav, json_pack("{ss ss sb si}", "name",
		    ch->name, "url", ch->url, "current", 0, "index", (int)i));
	}
	json_object_set_new(o, "nav", nav);
	json_decref(settings);
	buf_free(&b);
	return o;
}

/* A copy of common with page-specific keys to come; nav marks current. */
static json_t *
page_new(json_t *common, const char *kind, int32_t current_top)
{
	json_t *o = json_object(), *nav, *item, *n2;
	size_t i;

	if (o == NULL)
		return NULL;
	json_object_update(o, common); /* shallow: shares site, i18n */
	nav = json_object_get(common, "nav");
	if (current_top >= 0) {
		n2 = json_array();
		json_array_foreach(nav, i, item) {
			json_t *copy = json_copy(item);
			json_object_set_new(copy, "current", json_boolean(
			    json_integer_value(json_object_get(item,
			    "index")) == current_top));
			json_array_append_new(n2, copy);
		}
		json_object_set_new(o, "nav", n2);
	}
	/* Mustache cannot compare: page.is_home, page.is_article... */
	{
		json_t *page = json_pack("{ss}", "kind", kind);
		char key[32];
		snprintf(key, sizeof key, "is_%s", kind);
		json_object_set_new(page, key, json_true());
		json_object_set_new(o, "page", page);
	}
	return o;
}

static void
page_meta(const struct catalog *c, json_t *o, const char *title,
    const char *url, const char *description, const char *feed)
{
	json_t *page = json_object_get(o, "page");
	struct buf b = BUF_INIT;

	json_object_set_new(page, "title", json_string(title));
	json_object_set_new(page, "url", json_string(url));
	permalink_absolute(&b, c->site.base_url, url);
	json_object_set_new(page, "canonical", buf_json(&b));
	json_object_set_new(page, "description", str_or_null(description));
	json_object_set_new(page, "feed_url", str_or_null(feed));
	json_object_set_new(page, "alternates", json_array());
	buf_free(&b);
}

/* hreflang alternates must be absolute URLs. */
static void
add_alternate(const struct catalog *c, json_t *o, const char *lang,
    const char *url)
{
	json_t *alts = json_object_get(json_object_get(o, "page"),
	    "alternates");
	struct buf abs = BUF_INIT;

	permalink_absolute(&abs, c->site.base_url, url);
	json_array_append_new(alts, json_pack("{ss ss ss}", "lang", lang,
	    "html_lang", lang_name(lang, 1), "url", buf_cstr(&abs)));
	buf_free(&abs);
}

static json_t *
summary(const struct catalog *c, const struct cat_article *a)
{
	const struct cat_channel *ch = &c->channels[a->channel];
	struct buf d = BUF_INIT, iso = BUF_INIT;
	json_t *o;

	date_display(&d, a->date, a->offset, ch->lang);
	date_format(&iso, a->date, a->offset);
	o = json_pack("{ss ss ss ss so so sb ss ss}", "title", a->title, "url",
	    a->url, "date", buf_cstr(&d), "date_iso", buf_cstr(&iso),
	    "summary", str_or_null(a->summary), "author",
	    str_or_null(a->author), "pinned", a->weight > 0, "channel_name",
	    ch->name, "channel_url", ch->url);
	buf_free(&d);
	buf_free(&iso);
	return o;
}

/* The top-level channel above ch. */
static int32_t
top_of(const struct catalog *c, int32_t ch)
{
	while (ch >= 0 && c->channels[ch].parent >= 0)
		ch = c->channels[ch].parent;
	return ch;
}

/* Home, then each channel from the top down to ch (ch itself included
 * when include_self). */
static json_t *
breadcrumb(const struct catalog *c, json_t *common, int32_t ch,
    int include_self)
{
	json_t *arr = json_array(), *site = json_object_get(common, "site");
	json_t *i18n = json_object_get(common, "i18n");
	int32_t chain[64];
	int n = 0, k;
	const char *home = json_string_value(json_object_get(i18n, "home"));

	json_array_append_new(arr, json_pack("{ss so sb}", "name",
	    home ? home : "Home", "url", json_object_get(site, "home_url") ?
	    json_copy(json_object_get(site, "home_url")) : json_string("/"),
	    "last", 0));
	for (; ch >= 0 && n < 64; ch = c->channels[ch].parent)
		chain[n++] = ch;
	for (k = n - 1; k >= (include_self ? 0 : 1); k--)
		json_array_append_new(arr, json_pack("{ss ss sb}", "name",
		    c->channels[chain[k]].name, "url",
		    c->channels[chain[k]].url, "last", 0));
	if (json_array_size(arr) > 0)
		json_object_set_new(json_array_get(arr, json_array_size(arr) -
		    1), "last", json_true());
	return arr;
}

json_t *
page_home(const struct catalog *c, json_t *common, const char *lang)
{
	json_t *o = page_new(common, "home", -1), *pinned, *chans;
	struct buf url = BUF_INIT, feed = BUF_INIT;
	size_t i, n;

	if (o == NULL)
		return NULL;
	permalink_home(&url, lang, c->site.default_lang);
	permalink_feed(&feed, lang, c->site.default_lang, NULL, "rss.xml");
	page_meta(c, o, c->site.title, buf_cstr(&url), NULL, buf_cstr(&feed));
	for (i = 0; i < c->nlangs; i++) {
		buf_reset(&url);
		permalink_home(&url, c->langs[i], c->site.default_lang);
		add_alternate(c, o, c->langs[i], buf_cstr(&url));
	}
	pinned = json_array();
	chans = json_array();
	for (i = 0; i < c->nchannels; i++) {
		const struct cat_channel *ch = &c->channels[i];
		json_t *list;
		if (strcmp(ch->lang, lang) != 0)
			continue;
		/* Pinned items of every channel of this language. */
		for (n = 0; n < (size_t)ch->count; n++) {
			const struct cat_article *a = &c->articles[ch->first + n];
			if (a->weight <= 0)
				break;
			if (json_array_size(pinned) < HOME_PINNED)
				json_array_append_new(pinned, summary(c, a));
		}
		if (ch->parent >= 0)
			continue;
		list = json_array();
		for (n = 0; n < (size_t)ch->count &&
		    json_array_size(list) < HOME_PER_CHANNEL; n++)
			json_array_append_new(list, summary(c,
			    &c->articles[ch->first + n]));
		json_array_append_new(chans, json_pack("{ss ss so}", "name",
		    ch->name, "url", ch->url, "articles", list));
	}
	json_object_set_new(o, "has_pinned",
	    json_boolean(json_array_size(pinned) > 0));
	json_object_set_new(o, "pinned", pinned);
	json_object_set_new(o, "channels", chans);
	json_object_set_new(o, "breadcrumb", json_array());
	buf_free(&url);
	buf_free(&feed);
	return o;
}

json_t *
page_channel(const struct catalog *c, json_t *common, int32_t chi, int page)
{
	const struct cat_channel *ch = &c->channels[chi];
	json_t *o = page_new(common, "channel", top_of(c, chi));
	json_t *list, *kids, *pag, *pl;
	struct buf url = BUF_INIT, feed = BUF_INIT, title = BUF_INIT;
	size_t i;
	int from, to, p;

	if (o == NULL)
		return NULL;
	permalink_channel(&url, ch->lang, c->site.default_lang, ch->path, page);
	permalink_feed(&feed, ch->lang, c->site.default_lang, ch->path,
	    "rss.xml");
	buf_puts(&title, ch->name);
	if (page > 1)
		buf_printf(&title, " (%d/%d)", page, ch->pages);
	page_meta(c, o, buf_cstr(&title), buf_cstr(&url), NULL,
	    buf_cstr(&feed));
	json_object_set_new(o, "channel", json_pack("{ss ss ss}", "name",
	    ch->name, "url", ch->url, "path", ch->path));
	json_object_set_new(o, "breadcrumb", breadcrumb(c, common, chi, 0));
	kids = json_array();
	for (i = 0; i < c->nchannels; i++)
		if (c->channels[i].parent == chi)
			json_array_append_new(kids, json_pack("{ss ss}", "name",
			    c->channels[i].name, "url", c->channels[i].url));
	json_object_set_new(o, "has_children",
	    json_boolean(json_array_size(kids) > 0));
	json_object_set_new(o, "children", kids);
	list = json_array();
	from = (page - 1) * ch->page_size;
	to = from + ch->page_size < ch->count ? from + ch->page_size :
	    ch->count;
	for (p = from; p < to; p++)
		json_array_append_new(list, summary(c,
		    &c->articles[ch->first + p]));
	json_object_set_new(o, "articles", list);
	if (ch->pages > 1) {
		pl = json_array();
		for (p = 1; p <= ch->pages; p++) {
			buf_reset(&url);
			permalink_channel(&url, ch->lang, c->site.default_lang,
			    ch->path, p);
			json_array_append_new(pl, json_pack("{si ss sb}", "n", p,
			    "url", buf_cstr(&url), "current", p == page));
		}
		pag = json_pack("{si si so}", "page", page, "pages", ch->pages,
		    "list", pl);
		if (page > 1) {
			buf_reset(&url);
			permalink_channel(&url, ch->lang,
			    c->site.default_lang, ch->path, page - 1);
			json_object_set_new(pag, "prev_url", buf_json(&url));
		}
		if (page < ch->pages) {
			buf_reset(&url);
			permalink_channel(&url, ch->lang,
			    c->site.default_lang, ch->path, page + 1);
			json_object_set_new(pag, "next_url", buf_json(&url));
		}
		json_object_set_new(o, "pagination", pag);
	}
	buf_free(&url);
	buf_free(&feed);
	buf_free(&title);
	return o;
}

static json_t *
link_to(const struct catalog *c, int32_t i)
{
	if (i < 0)
		return json_null();
	return json_pack("{ss ss}", "title", c->articles[i].title, "url",
	    c->articles[i].url);
}

json_t *
page_article(const struct catalog *c, json_t *common, int32_t ai,
    const struct page_body *body)
{
	const struct cat_article *a = &c->articles[ai];
	const struct cat_channel *ch = &c->channels[a->channel];
	json_t *o = page_new(common, "article", top_of(c, a->channel));
	json_t *art, *tags;
	struct buf d = BUF_INIT, iso = BUF_INIT, feed = BUF_INIT, b = BUF_INIT;
	size_t i;

	if (o == NULL)
		return NULL;
	permalink_feed(&feed, ch->lang, c->site.default_lang, ch->path,
	    "rss.xml");
	page_meta(c, o, a->title, a->url, a->summary, buf_cstr(&feed));
	add_alternate(c, o, ch->lang, a->url);
	date_display(&d, a->date, a->offset, ch->lang);
	date_format(&iso, a->date, a->offset);
	tags = json_array();
	for (i = 0; body && body->tags && i < body->tags->n; i++)
		json_array_append_new(tags, json_pack("{ss}", "name",
		    body->tags->v[i]));
	art = json_pack("{ss so so so ss ss so ss so sI ss ss so}", "title",
	    a->title, "subtitle", str_or_null(body ? body->subtitle : NULL),
	    "author", str_or_null(a->author), "source", str_or_null(a->source),
	    "date", buf_cstr(&d), "date_iso", buf_cstr(&iso), "summary",
	    str_or_null(a->summary), "body", body && body->html ? body->html :
	    "", "tags", tags, "id", (json_int_t)a->id, "channel_name", ch->name,
	    "channel_url", ch->url, "attachments", body && body->attachments ?
	    body->attachments : json_array());
	json_object_set_new(art, "has_tags",
	    json_boolean(json_array_size(tags) > 0));
	json_object_set_new(art, "has_attachments", json_boolean(
	    json_array_size(json_object_get(art, "attachments")) > 0));
	if (a->translation >= 0) {
		const struct cat_article *t = &c->articles[a->translation];
		const char *tl = c->channels[t->channel].lang;
		json_object_set_new(art, "translation", json_pack(
		    "{ss ss ss ss}", "lang", tl, "lang_name", lang_name(tl, 0),
		    "url", t->url, "title", t->title));
		add_alternate(c, o, tl, t->url);
		/* The language switch leads to the translation. */
		json_t *langs = json_deep_copy(json_object_get(
		    json_object_get(common, "site"), "languages"));
		json_t *site = json_copy(json_object_get(common, "site")), *l;
		json_array_foreach(langs, i, l)
			if (strcmp(json_string_value(json_object_get(l, "code")),
			    tl) == 0)
				json_object_set_new(l, "url",
				    json_string(t->url));
		json_object_set_new(site, "languages", langs);
		json_object_set_new(o, "site", site);
	}
	json_object_set_new(o, "article", art);
	json_object_set_new(o, "breadcrumb", breadcrumb(c, common, a->channel,
	    1));
	json_object_set_new(o, "prev", link_to(c, a->older));
	json_object_set_new(o, "next", link_to(c, a->newer));
	buf_printf(&b, "/api/visit?id=%lld", (long long)a->id);
	json_object_set_new(o, "counter_url", buf_json(&b));
	buf_free(&d);
	buf_free(&iso);
	buf_free(&feed);
	buf_free(&b);
	return o;
}

json_t *
page_404(const struct catalog *c, json_t *common, const char *lang)
{
	json_t *o = page_new(common, "404", -1);
	json_t *i18n = json_object_get(common, "i18n");
	const char *t = json_string_value(json_object_get(i18n,
	    "not_found_title"));
	struct buf url = BUF_INIT;

	if (o == NULL)
		return NULL;
	permalink_home(&url, lang, c->site.default_lang);
	buf_puts(&url, "404.html");
	page_meta(c, o, t ? t : "Not found", buf_cstr(&url), NULL, NULL);
	json_object_set_new(o, "breadcrumb", json_array());
	buf_free(&url);
	return o;
}

/* The address of page n of the results for query q in lang. */
static void
search_url(struct buf *url, const char *q, const char *lang, long n)
{
	buf_puts(url, "/search?q=");
	escape_url(url, q, strlen(q));
	buf_puts(url, "&lang=");
	escape_url(url, lang, strlen(lang));
	if (n > 1)
		buf_printf(url, "&page=%ld", n);
}

json_t *
page_search(const struct catalog *c, json_t *common, const char *lang,
    json_t *result)
{
	json_t *o = page_new(common, "search", -1), *pl, *pag;
	json_t *i18n = json_object_get(common, "i18n");
	const char *t = json_string_value(json_object_get(i18n,
	    "search_results"));
	const char *q = json_string_value(json_object_get(result, "query"));
	long page = (long)json_integer_value(json_object_get(result, "page"));
	long pages = (long)json_integer_value(json_object_get(result,
	    "pages"));
	long n, lo, hi;
	struct buf url = BUF_INIT;

	if (o == NULL || q == NULL)
		return json_decref(o), NULL;
	search_url(&url, q, lang, page);
	page_meta(c, o, t ? t : "Search", buf_cstr(&url), NULL, NULL);
	json_object_set_new(o, "breadcrumb", json_array());
	json_object_set(o, "query", json_object_get(result, "query"));
	json_object_set(o, "total", json_object_get(result, "total"));
	json_object_set(o, "results", json_object_get(result, "results"));
	if (pages > 1) {
		/* Ten pages around this one. */
		lo = page - 4 > 1 ? page - 4 : 1;
		hi = lo + 9 < pages ? lo + 9 : pages;
		pl = json_array();
		for (n = lo; n <= hi; n++) {
			buf_reset(&url);
			search_url(&url, q, lang, n);
			json_array_append_new(pl, json_pack("{sI ss sb}", "n",
			    (json_int_t)n, "url", buf_cstr(&url), "current",
			    n == page));
		}
		pag = json_pack("{sI sI so}", "page", (json_int_t)page,
		    "pages", (json_int_t)pages, "list", pl);
		if (page > 1) {
			buf_reset(&url);
			search_url(&url, q, lang, page - 1);
			json_object_set_new(pag, "prev_url", buf_json(&url));
		}
		if (page < pages) {
			buf_reset(&url);
			search_url(&url, q, lang, page + 1);
			json_object_set_new(pag, "next_url", buf_json(&url));
		}
		json_object_set_new(o, "pagination", pag);
	}
	buf_free(&url);
	return o;
}
