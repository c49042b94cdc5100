/*
 * admin_check: the pre-publish checks of an article, run when it is
 * submitted (and on demand beside the editor), before a reviewer sees it:
 *
 *   sensitive_word   a word of the site's list (wordlist.c)
 *   id_card, mobile, email, bank_card
 *                    personal data that must not be published (pii.c)
 *   broken_link      a link into the site to a page that is not there
 *   missing_image    an image of the site (or its media library) that is
 *                    not there
 *   required         an empty title or body
 *   duplicate_title  another article of the site with the same title,
 *                    changed in the last 90 days
 *
 * Each finding says where it is: the field, the line of the field's text
 * and an excerpt around it.  The text of a body is what readers see (the
 * rendered Markdown or the sanitized HTML without its tags), so a finding
 * inside a tag's attribute is not reported, and one in the text is.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin_int.h"
#include "article_json.h"
#include "err.h"
#include "htmltext.h"
#include "htmltree.h"
#include "library.h"
#include "markdown.h"
#include "permalink.h"
#include "pii.h"
#include "utf8.h"
#include "wordlist.h"

#define EXCERPT_CHARS 20
#define DUPLICATE_DAYS 90

struct checker {
	struct admin_req *r;
	const struct article *a;
	const struct channel *ch;
	struct site site;
	struct wordlist *words;
	json_t *out;
	const char *field;   /* of the text being scanned */
	const char *text;
	size_t len;
};

/* Back (dir < 0) or on (dir > 0) from byte i by up to n characters. */
static size_t
step_chars(const char *s, size_t len, size_t i, int dir, int n)
{
	while (n-- > 0) {
		if (dir < 0) {
			if (i == 0)
				break;
			i--;
			while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
				i--;
		} else {
			if (i >= len)
				break;
			i++;
			while (i < len && ((unsigned char)s[i] & 0xc0) == 0x80)
				i++;
		}
	}
	return i;
}

/* "…before [hit] after…" on one line, and the hit's line number. */
static int
finding_add(struct checker *c, const char *check, size_t start, size_t end,
    const char *message)
{
	size_t a = step_chars(c->text, c->len, start, -1, EXCERPT_CHARS);
	size_t b = step_chars(c->text, c->len, end, 1, EXCERPT_CHARS);
	struct buf ex = BUF_INIT, hit = BUF_INIT;
	long line = 1;
	size_t i;
	json_t *f;

	for (i = 0; i < start; i++)
		line += c->text[i] == '\n';
	if (a > 0)
		buf_puts(&ex, "…");
	for (i = a; i < b; i++)
		buf_putc(&ex, c->text[i] == '\n' || c->text[i] == '\r' ||
		    c->text[i] == '\t' ? ' ' : c->text[i]);
	if (b < c->len)
		buf_puts(&ex, "…");
	buf_put(&hit, c->text + start, end - start);
	if (buf_error(&ex) || buf_error(&hit)) {
		buf_free(&ex);
		buf_free(&hit);
		return GZ_ENOMEM;
	}
	f = json_pack("{ss ss ss ss sI ss}", "check", check, "field", c->field,
	    "text", utf8_valid(buf_cstr(&hit), hit.len, NULL) ?
	    buf_cstr(&hit) : "", "excerpt", utf8_valid(buf_cstr(&ex), ex.len,
	    NULL) ? buf_cstr(&ex) : "", "line", (json_int_t)line, "message",
	    message);
	buf_free(&ex);
	buf_free(&hit);
	return f == NULL || json_array_append_new(c->out, f) ? GZ_ENOMEM :
	    GZ_OK;
}

static int
word_hit(const struct wordlist_hit *h, void *arg)
{
	struct checker *c = arg;

	return finding_add(c, "sensitive_word", h->start, h->end,
	    "a word of the site's sensitive-word list");
}

static int
pii_hit(const struct pii_hit *h, void *arg)
{
	static const char *const says[] = {
		[PII_ID_CARD] = "a resident ID card number",
		[PII_MOBILE] = "a mobile phone number",
		[PII_EMAIL] = "an e-mail address",
		[PII_BANK_CARD] = "a bank card number",
	};
	struct checker *c = arg;

	return finding_add(c, pii_kind_name(h->kind), h->start, h->end,
	    says[h->kind]);
}

/* The word and personal-data checks on one field's text. */
static int
check_text(struct checker *c, const char *field, const char *text,
    size_t len)
{
	int rc;

	if (text == NULL || len == 0)
		return GZ_OK;
	c->field = field;
	c->text = text;
	c->len = len;
	if (c->words && (rc = wordlist_scan(c->words, text, len, word_hit, c)))
		return rc;
	return pii_scan(text, len, pii_hit, c);
}

/* --- links and images --------------------------------------------------- */

/* Whether the published site (its live tree) has the page of url. */
static int
site_has(struct checker *c, const char *url)
{
	struct buf rel = BUF_INIT, p = BUF_INIT;
	const char *q;
	int yes;

	/* Without ?query or #fragment. */
	q = url + strcspn(url, "?#");
	buf_put(&rel, url, (size_t)(q - url));
	if (rel.len == 0 || buf_cstr(&rel)[rel.len - 1] == '/')
		buf_puts(&rel, "index.html");
	buf_printf(&p, "%s/public%s", c->r->a->o.site_dir, buf_cstr(&rel));
	yes = !buf_error(&p) && strstr(buf_cstr(&rel), "/../") == NULL &&
	    access(buf_cstr(&p), F_OK) == 0;
	buf_free(&rel);
	buf_free(&p);
	return yes;
}

/* Check one URL of the body (an <a href> or an <img src>). */
static int
check_url(struct checker *c, const char *url, int image)
{
	char hash[65];
	struct media m = {0};
	struct buf abs = BUF_INIT, self = BUF_INIT;
	const char *base = c->site.base_url;
	size_t bl = base ? strlen(base) : 0;
	int rc = GZ_OK, ok;

	if (*url == '#' || *url == '\0')
		return GZ_OK;
	if (library_url_hash(url, base, hash)) {
		ok = store_media_get(c->r->st, c->site.id, hash, &m) == GZ_OK;
		media_clear(&m);
	} else if (bl && strncmp(url, base, bl) == 0) {
		buf_printf(&abs, "/%s", url + bl);
		ok = site_has(c, buf_cstr(&abs));
	} else if (*url == '/' && url[1] != '/') {
		ok = site_has(c, url);
	} else if (strchr(url, ':') || strncmp(url, "//", 2) == 0) {
		return GZ_OK; /* another site, mailto:, tel: */
	} else {
		/* Relative to the article's own folder. */
		permalink_article(&self, c->ch->lang, c->site.default_lang,
		    c->ch->path, "x");
		buf_put(&abs, self.data, strrchr(buf_cstr(&self), '/') + 1 -
		    buf_cstr(&self));
		buf_puts(&abs, url);
		ok = site_has(c, buf_cstr(&abs));
	}
	buf_free(&abs);
	buf_free(&self);
	if (!ok) {
		c->text = url;
		c->len = strlen(url);
		c->field = "body";
		rc = finding_add(c, image ? "missing_image" : "broken_link", 0,
		    c->len, image ? "an image that is not on the site or in "
		    "the media library" : "a link to a page that is not on "
		    "the site");
	}
	return rc;
}

/* Whether s is NULL or only white space. */
static int
blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ' && *s != '\n' && *s != '\r' && *s != '\t')
			return 0;
	return 1;
}

/* An image without a text for those who cannot see it (WCAG 1.1.1). */
static int
check_alt(struct checker *c, const GumboElement *e, const char *src)
{
	GumboAttribute *alt = gumbo_get_attribute(&e->attributes, "alt");

	if (alt && !blank(alt->value))
		return GZ_OK;
	c->text = src;
	c->len = strlen(src);
	c->field = "body";
	return finding_add(c, "image_alt", 0, c->len, "an image without a "
	    "description (alt text) for readers who cannot see it");
}

static int
walk_links(struct checker *c, GumboNode *n)
{
	GumboAttribute *at;
	size_t i;
	int rc;

	if (n->type != GUMBO_NODE_ELEMENT)
		return GZ_OK;
	if (n->v.element.tag == GUMBO_TAG_A &&
	    (at = gumbo_get_attribute(&n->v.element.attributes, "href")))
		if ((rc = check_url(c, at->value, 0)))
			return rc;
	if (n->v.element.tag == GUMBO_TAG_IMG &&
	    (at = gumbo_get_attribute(&n->v.element.attributes, "src"))) {
		if ((rc = check_url(c, at->value, 1)))
			return rc;
		if ((rc = check_alt(c, &n->v.element, at->value)))
			return rc;
	}
	for (i = 0; i < n->v.element.children.length; i++)
		if ((rc = walk_links(c, n->v.element.children.data[i])))
			return rc;
	return GZ_OK;
}

/* --- the article ----------------------------------------------------------- */

static int
title_hit(int64_t id, const char *title, const char *path, void *arg)
{
	struct checker *c = arg;
	char msg[160];
	json_t *f;
	int rc;

	snprintf(msg, sizeof msg, "article %lld (%s) has the same title",
	    (long long)id, path ? path : "");
	c->field = "title";
	c->text = c->a->title;
	c->len = strlen(c->a->title);
	(void)title;
	if ((rc = finding_add(c, "duplicate_title", 0, c->len, msg)))
		return rc;
	/* Which article, for the page to name it in its language. */
	f = json_array_get(c->out, json_array_size(c->out) - 1);
	return json_object_set_new(f, "other_id", json_integer(id)) ||
	    json_object_set_new(f, "other_path", json_string(path ? path :
	    "")) ? GZ_ENOMEM : GZ_OK;
}

/* The title without spaces (ASCII and U+3000), as the store compares. */
static char *
title_key(const char *t)
{
	char *k = malloc(strlen(t) + 1), *o = k;

	if (k == NULL)
		return NULL;
	while (*t) {
		if (*t == ' ')
			t++;
		else if (strncmp(t, "\xe3\x80\x80", 3) == 0)
			t += 3;
		else
			*o++ = *t++;
	}
	*o = '\0';
	return k;
}

int
admin_check_article(struct admin_req *r, const struct article *a,
    const struct channel *ch, json_t **findings)
{
	struct checker c = {0};
	struct buf html = BUF_INIT, text = BUF_INIT, why = BUF_INIT;
	struct htmltree_pool pool = HTMLTREE_POOL_INIT;
	GumboOutput *tree = NULL;
	char *words = NULL, *key = NULL;
	int rc;

	*findings = NULL;
	c.r = r;
	c.a = a;
	c.ch = ch;
	if ((c.out = json_array()) == NULL)
		return GZ_ENOMEM;
	if ((rc = store_site_get_id(r->st, a->site_id, &c.site)))
		goto out;
	if ((rc = store_wordlist_get(r->st, a->site_id, &words)))
		goto out;
	if (*words && ((rc = wordlist_new(&c.words)) ||
	    (rc = wordlist_parse(c.words, words, strlen(words), &why)))) {
		/* A list that no longer parses checks nothing, and says so
		 * where administrators look. */
		wordlist_free(c.words);
		c.words = NULL;
		if (rc == GZ_ENOMEM)
			goto out;
	}
	c.field = "title";
	c.text = "";
	if (blank(a->title) && (rc = finding_add(&c, "required", 0, 0,
	    "the title is empty")))
		goto out;
	c.field = "body";
	if (blank(a->body) && (rc = finding_add(&c, "required", 0, 0,
	    "the body is empty")))
		goto out;
	if ((rc = check_text(&c, "title", a->title, a->title ?
	    strlen(a->title) : 0)) ||
	    (rc = check_text(&c, "subtitle", a->subtitle, a->subtitle ?
	    strlen(a->subtitle) : 0)) ||
	    (rc = check_text(&c, "summary", a->summary, a->summary ?
	    strlen(a->summary) : 0)) ||
	    (rc = check_text(&c, "author", a->author, a->author ?
	    strlen(a->author) : 0)) ||
	    (rc = check_text(&c, "source", a->source, a->source ?
	    strlen(a->source) : 0)))
		goto out;
	if (a->body && *a->body) {
		if (a->format == BODY_MARKDOWN)
			rc = markdown_to_html(&html, a->body, strlen(a->body), 0);
		else
			buf_puts(&html, a->body);
		if (rc == GZ_OK && buf_error(&html))
			rc = GZ_ENOMEM;
		if (rc == GZ_OK)
			rc = htmltext_extract(html.data, html.len, &text);
		if (rc == GZ_OK)
			rc = check_text(&c, "body", text.data, text.len);
		if (rc == GZ_OK && htmltree_parse(&pool, html.data, html.len, 1,
		    &tree) == GZ_OK)
			rc = walk_links(&c, tree->root);
		if (rc)
			goto out;
	}
	if (a->title && !blank(a->title)) {
		if ((key = title_key(a->title)) == NULL) {
			rc = GZ_ENOMEM;
			goto out;
		}
		rc = store_title_recent(r->st, a->site_id, a->id, key,
		    store_now() - DUPLICATE_DAYS * 86400LL, title_hit, &c);
	}
out:
	htmltree_free(&pool);
	if (rc == GZ_OK)
		*findings = c.out;
	else
		json_decref(c.out);
	wordlist_free(c.words);
	site_clear(&c.site);
	free(words);
	free(key);
	buf_free(&html);
	buf_free(&text);
	buf_free(&why);
	return rc;
}

/* --- the sensitive-word list ------------------------------------------ */

/* GET and POST /api/wordlist?site=: a site's list, one word a line;
 * administrators of the site only. */
int
admin_wordlist(struct admin_req *r)
{
	struct site s = {0};
	struct wordlist *w = NULL;
	struct buf why = BUF_INIT;
	const char *words;
	char *kept = NULL;
	int rc = GZ_OK;

	if (admin_site(r, &s))
		return GZ_OK;
	if (!admin_is_admin(r, s.id)) {
		rc = admin_fail(r, 403, "only an administrator of site %s "
		    "keeps its sensitive words", s.name);
		goto out;
	}
	if (strcmp(r->req->method, "POST") == 0) {
		if ((words = admin_arg(r, "words")) == NULL) {
			rc = admin_fail(r, 400, "words: give the list, one "
			    "word a line");
			goto out;
		}
		if ((rc = wordlist_new(&w)))
			goto out;
		if ((rc = wordlist_parse(w, words, strlen(words), &why))) {
			rc = rc == GZ_ENOMEM ? rc : admin_fail(r, 400,
			    "words: %s", buf_cstr(&why));
			goto out;
		}
		if ((rc = store_wordlist_put(r->st, s.id, words,
		    r->user.name))) {
			rc = admin_fail(r, 500, "%s", store_errmsg(r->st));
			goto out;
		}
		buf_reset(&why);
		buf_printf(&why, "%zu words", wordlist_count(w));
		admin_audit(r, "edit", "wordlist", s.id, buf_cstr(&why));
	} else if (strcmp(r->req->method, "GET") != 0 &&
	    strcmp(r->req->method, "HEAD") != 0) {
		rc = admin_fail(r, 405, "the word list takes GET or POST");
		goto out;
	}
	if ((rc = store_wordlist_get(r->st, s.id, &kept)))
		goto out;
	if (w == NULL && (rc = wordlist_new(&w)) == GZ_OK)
		rc = wordlist_parse(w, kept, strlen(kept), NULL);
	rc = admin_json(r, 200, json_pack("{ss ss sI}", "site", s.name,
	    "words", kept, "count", (json_int_t)(w ? wordlist_count(w) : 0)));
out:
	wordlist_free(w);
	free(kept);
	buf_free(&why);
	site_clear(&s);
	return rc;
}
