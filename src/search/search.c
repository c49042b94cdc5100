/*
 * search: index upkeep and queries.  See search.h.
 */
#include <stdlib.h>
#include <string.h>

#include "article.h"
#include "clock.h"
#include "date.h"
#include "err.h"
#include "escape.h"
#include "htmltext.h"
#include "markdown.h"
#include "search.h"
#include "tokenize.h"

/* Articles per transaction when indexing many. */
#define SYNC_BATCH 500

/* The visible text of an article's body. */
static int
body_text(const struct article *a, struct buf *html, struct buf *text)
{
	int rc;

	buf_reset(html);
	buf_reset(text);
	if (a->format == BODY_HTML)
		return htmltext_extract(a->body, strlen(a->body), text);
	if ((rc = markdown_to_html(html, a->body, strlen(a->body), 0)))
		return rc;
	return htmltext_extract(html->data ? html->data : "", html->len, text);
}

/* Index article id if it is published and its indexed version is not
 * current; drop it from the index if it is not published. */
static int
sync_one(struct store *st, int64_t site_id, int64_t id, struct article *a,
    struct buf *html, struct buf *text, struct buf *why)
{
	struct published p = {0};
	int64_t have = 0;
	int rc, got;

	rc = store_published_get(st, id, &p);
	published_clear(&p);
	if (rc == GZ_ENOTFOUND) {
		if ((rc = store_search_indexed(st, id, &have)) == GZ_ENOTFOUND)
			return GZ_OK;
		return rc ? rc : store_search_del(st, id);
	}
	if (rc)
		return rc;
	article_clear(a);
	if ((rc = store_article_get(st, id, a)))
		return rc == GZ_ENOTFOUND ? store_search_del(st, id) : rc;
	got = store_search_indexed(st, id, &have);
	if (got == GZ_OK && have == a->updated)
		return GZ_OK;
	if (got && got != GZ_ENOTFOUND)
		return got;
	if ((rc = body_text(a, html, text))) {
		buf_printf(why, "article %lld: cannot read its text for the "
		    "search index", (long long)id);
		return rc;
	}
	return store_search_put(st, id, site_id, a->updated, a->title,
	    buf_cstr(text));
}

int
search_sync(struct store *st, int64_t site_id, const int64_t *ids,
    size_t n, struct buf *why)
{
	struct store_ids all = {0};
	struct article a;
	struct buf html = BUF_INIT, text = BUF_INIT;
	size_t i;
	int rc = GZ_OK, open = 0;

	article_init(&a);
	if (ids == NULL) {
		/* The whole site: what left it, and what changed. */
		if ((rc = store_search_orphans(st, site_id, store_ids_add,
		    &all)) || (rc = store_search_stale(st, site_id,
		    store_ids_add, &all)))
			goto out;
		ids = all.v;
		n = all.n;
	}
	for (i = 0; i < n && rc == GZ_OK; i++) {
		if (!open && (rc = store_begin(st)))
			break;
		open = 1;
		rc = sync_one(st, site_id, ids[i], &a, &html, &text, why);
		if (rc == GZ_OK && (i + 1) % SYNC_BATCH == 0) {
			rc = store_commit(st);
			open = 0;
		}
	}
	/* Whatever was published may show in results (a channel's new
	 * name, say), so each sync makes results kept before out of date. */
	if (rc == GZ_OK && !open && (rc = store_begin(st)) == GZ_OK)
		open = 1;
	if (rc == GZ_OK)
		rc = store_search_bump(st, site_id);
	if (open)
		rc = rc ? (store_rollback(st), rc) : store_commit(st);
out:
	if (rc && why->len == 0)
		buf_printf(why, "cannot update the search index: %s",
		    rc == GZ_ESTORE ? store_errmsg(st) : gz_strerror(rc));
	article_clear(&a);
	buf_free(&html);
	buf_free(&text);
	store_ids_clear(&all);
	return rc;
}

/* s with the \x01 \x02 marks as <mark> (escaped), and without them;
 * white space collapsed. */
static void
marked(const char *s, struct buf *html, struct buf *plain)
{
	const char *p = s;

	buf_reset(html);
	buf_reset(plain);
	while (*p) {
		size_t k = strcspn(p, "\x01\x02 \t\r\n");
		escape_html(html, p, k);
		buf_put(plain, p, k);
		p += k;
		if (*p && strchr(" \t\r\n", *p)) {
			/* Runs of white space (line breaks of the text
			 * between blocks) show as one space. */
			p += strspn(p, " \t\r\n");
			if (plain->len > 0 && *p) {
				buf_putc(html, ' ');
				buf_putc(plain, ' ');
			}
			continue;
		}
		if (*p == '\x01')
			buf_puts(html, "<mark>");
		else if (*p == '\x02')
			buf_puts(html, "</mark>");
		if (*p)
			p++;
	}
}

struct collect {
	json_t *results;
	struct buf html, plain, date, iso, curl;
	int rc;
};

static int
collect_hit(const struct search_hit *h, void *arg)
{
	struct collect *c = arg;
	json_t *o;
	char *title_html, *title;

	marked(h->title, &c->html, &c->plain);
	title_html = buf_detach(&c->html, NULL);
	title = buf_detach(&c->plain, NULL);
	marked(h->snippet, &c->html, &c->plain);
	buf_reset(&c->date);
	date_display(&c->date, h->date, h->offset, h->lang);
	buf_reset(&c->iso);
	date_format(&c->iso, h->date, h->offset);
	/* A channel's first page is the folder of its articles. */
	buf_reset(&c->curl);
	buf_put(&c->curl, h->url, (size_t)(strrchr(h->url, '/') - h->url) + 1);
	o = json_pack("{sI ss ss ss ss ss ss ss ss ss ss ss ss sb}",
	    "id", (json_int_t)h->article_id,
	    "title", title ? title : "", "title_html",
	    title_html ? title_html : "", "url", h->url,
	    "date", buf_cstr(&c->date), "date_iso", buf_cstr(&c->iso),
	    "lang", h->lang, "channel_name", h->channel_name,
	    "channel_url", buf_cstr(&c->curl),
	    "snippet", buf_cstr(&c->html), "snippet_text",
	    buf_cstr(&c->plain), "summary", "", "author", "",
	    "pinned", 0);
	free(title_html);
	free(title);
	if (o == NULL || json_array_append_new(c->results, o))
		return GZ_ENOMEM;
	return GZ_OK;
}

int
search_run(struct store *st, int64_t site_id, const struct search_params *p,
    int64_t now, json_t **out, struct buf *why)
{
	struct buf match = BUF_INIT;
	struct search_query q = {0};
	struct collect c = {0};
	long total = 0, per = p->per_page, page = p->page, pages, cap = 0;
	long window;
	int more = 0;
	int rc = GZ_OK;
	json_t *o;

	*out = NULL;
	if (per <= 0)
		per = 10;
	if (per > SEARCH_PER_PAGE_MAX)
		per = SEARCH_PER_PAGE_MAX;
	if (page < 1)
		page = 1;
	if (page > SEARCH_PAGE_MAX)
		page = SEARCH_PAGE_MAX;
	if ((c.results = json_array()) == NULL)
		return GZ_ENOMEM;
	rc = tokenize_query(p->q ? p->q : "", &match);
	if (rc == GZ_EINVAL) {
		rc = GZ_OK; /* nothing searchable: no results */
	} else if (rc == GZ_OK) {
		q.match = buf_cstr(&match);
		q.site_id = site_id;
		q.lang = p->lang && *p->lang ? p->lang : NULL;
		q.channel = p->channel && *p->channel ? p->channel : NULL;
		q.from = p->from;
		q.to = p->to > 0 ? p->to : INT64_MAX;
		q.now = now;
		q.limit = per;
		q.offset = (page - 1) * per;
		clock_trace("search: start");
		/* Count what the pages offered can show, and one more; rank
		 * the newest window of them (the page asked for among them). */
		cap = SEARCH_PAGE_MAX * per + 1;
		window = SEARCH_RANK_WINDOW;
		if (window < q.offset + q.limit)
			window = q.offset + q.limit;
		rc = store_search_count(st, &q, cap < SEARCH_COUNT_MAX ? cap :
		    SEARCH_COUNT_MAX, window, &total, &q.floor);
		clock_trace("search: count");
		if (total >= cap) {
			total = cap - 1; /* and more */
			more = 1;
		}
		if (rc == GZ_OK && total > q.offset) {
			rc = store_search_query(st, &q, collect_hit, &c);
			clock_trace("search: ranked");
		}
	}
	pages = (total + per - 1) / per;
	if (pages > SEARCH_PAGE_MAX)
		pages = SEARCH_PAGE_MAX;
	if (rc == GZ_OK) {
		o = json_pack("{ss sI sb sI sI sI sb so}", "query",
		    p->q ? p->q : "", "total", (json_int_t)total,
		    "total_exact", !more,
		    "page", (json_int_t)page,
		    "pages", (json_int_t)pages, "per_page", (json_int_t)per,
		    "has_results", json_array_size(c.results) > 0,
		    "results", c.results);
		c.results = NULL;
		if (o == NULL)
			rc = GZ_ENOMEM;
		*out = o;
	}
	if (rc && why->len == 0)
		buf_printf(why, "search failed: %s", rc == GZ_ESTORE ?
		    store_errmsg(st) : gz_strerror(rc));
	json_decref(c.results);
	buf_free(&c.html);
	buf_free(&c.plain);
	buf_free(&c.date);
	buf_free(&c.iso);
	buf_free(&c.curl);
	buf_free(&match);
	return rc;
}
