/*
 * article: the article model.  See article.h.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article.h"
#include "buf.h"
#include "err.h"

static const char *const status_names[ARTICLE_STATUS__COUNT] = {
	"draft", "review", "approved", "published", "offline",
};

void
article_init(struct article *a)
{
	memset(a, 0, sizeof *a);
}

void
article_clear(struct article *a)
{
	free(a->lang);
	free(a->channel);
	free(a->slug);
	free(a->title);
	free(a->subtitle);
	free(a->author);
	free(a->source);
	free(a->summary);
	free(a->translation_key);
	free(a->extra);
	free(a->body);
	strv_clear(&a->tags);
	strv_clear(&a->categories);
	article_init(a);
}

int
article_setn(char **field, const char *s, size_t n)
{
	char *p = NULL;

	if (s) {
		if ((p = malloc(n + 1)) == NULL)
			return GZ_ENOMEM;
		memcpy(p, s, n);
		p[n] = '\0';
	}
	free(*field);
	*field = p;
	return GZ_OK;
}

int
article_set(char **field, const char *s)
{
	return article_setn(field, s, s ? strlen(s) : 0);
}

static int
strv_copy(struct strv *dst, const struct strv *src)
{
	size_t i;

	strv_clear(dst);
	for (i = 0; i < src->n; i++)
		if (strv_push(dst, src->v[i]))
			return GZ_ENOMEM;
	return GZ_OK;
}

int
article_copy(struct article *dst, const struct article *src)
{
	int rc = GZ_OK;

	article_clear(dst);
	*dst = *src;
	/* Drop the borrowed pointers before copying each. */
	dst->lang = dst->channel = dst->slug = dst->title = NULL;
	dst->subtitle = dst->author = dst->source = dst->summary = NULL;
	dst->translation_key = dst->extra = dst->body = NULL;
	memset(&dst->tags, 0, sizeof dst->tags);
	memset(&dst->categories, 0, sizeof dst->categories);
	rc |= article_set(&dst->lang, src->lang);
	rc |= article_set(&dst->channel, src->channel);
	rc |= article_set(&dst->slug, src->slug);
	rc |= article_set(&dst->title, src->title);
	rc |= article_set(&dst->subtitle, src->subtitle);
	rc |= article_set(&dst->author, src->author);
	rc |= article_set(&dst->source, src->source);
	rc |= article_set(&dst->summary, src->summary);
	rc |= article_set(&dst->translation_key, src->translation_key);
	rc |= article_set(&dst->extra, src->extra);
	rc |= article_set(&dst->body, src->body);
	rc |= strv_copy(&dst->tags, &src->tags);
	rc |= strv_copy(&dst->categories, &src->categories);
	return rc ? GZ_ENOMEM : GZ_OK;
}

static int
str_eq(const char *a, const char *b)
{
	if (a == NULL || b == NULL)
		return a == b;
	return strcmp(a, b) == 0;
}

int
article_same_content(const struct article *a, const struct article *b)
{
	return str_eq(a->lang, b->lang) && str_eq(a->slug, b->slug) &&
	    a->channel_id == b->channel_id && str_eq(a->channel, b->channel) && str_eq(a->title, b->title) &&
	    str_eq(a->subtitle, b->subtitle) && str_eq(a->author, b->author) &&
	    str_eq(a->source, b->source) && str_eq(a->summary, b->summary) &&
	    str_eq(a->translation_key, b->translation_key) &&
	    str_eq(a->extra, b->extra) && str_eq(a->body, b->body) &&
	    strv_eq(&a->tags, &b->tags) &&
	    strv_eq(&a->categories, &b->categories) &&
	    a->format == b->format && a->status == b->status &&
	    a->weight == b->weight && a->date == b->date &&
	    a->date_offset == b->date_offset && a->expire == b->expire;
}

const char *
article_status_name(enum article_status s)
{
	if ((unsigned)s >= ARTICLE_STATUS__COUNT)
		return "unknown";
	return status_names[s];
}

int
article_status_parse(const char *name)
{
	int i;

	for (i = 0; i < ARTICLE_STATUS__COUNT; i++)
		if (strcmp(name, status_names[i]) == 0)
			return i;
	if (strcmp(name, "in-review") == 0 || strcmp(name, "in review") == 0)
		return ARTICLE_REVIEW;
	return -1;
}

const char *
body_format_name(enum body_format f)
{
	return f == BODY_HTML ? "html" : "markdown";
}

int
body_format_parse(const char *name)
{
	if (strcmp(name, "markdown") == 0 || strcmp(name, "md") == 0)
		return BODY_MARKDOWN;
	if (strcmp(name, "html") == 0)
		return BODY_HTML;
	return -1;
}

int
strv_push(struct strv *v, const char *s)
{
	char **nv, *c;

	if ((c = strdup(s)) == NULL)
		return GZ_ENOMEM;
	if ((nv = realloc(v->v, (v->n + 1) * sizeof *nv)) == NULL) {
		free(c);
		return GZ_ENOMEM;
	}
	v->v = nv;
	v->v[v->n++] = c;
	return GZ_OK;
}

void
strv_clear(struct strv *v)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		free(v->v[i]);
	free(v->v);
	v->v = NULL;
	v->n = 0;
}

int
strv_eq(const struct strv *a, const struct strv *b)
{
	size_t i;

	if (a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (strcmp(a->v[i], b->v[i]) != 0)
			return 0;
	return 1;
}

int
slug_valid(const char *s)
{
	size_t n = strlen(s), i;

	if (n == 0 || n > 200 || s[0] == '.')
		return 0;
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c <= 0x20 || c == 0x7f || strchr("/\\?#%&\"'<>", c))
			return 0;
	}
	return 1;
}

void
article_normalize_body(struct article *a)
{
	char *r, *w;

	if (a->body == NULL || strchr(a->body, '\r') == NULL)
		return;
	for (r = w = a->body; *r; r++) {
		if (*r == '\r') {
			*w++ = '\n';
			if (r[1] == '\n')
				r++;
		} else {
			*w++ = *r;
		}
	}
	*w = '\0';
}

/* A slug for a new article: the ASCII words of the title, or the date
 * and a number when the title has too few (Chinese titles). */
char *
article_make_slug(const struct article *a)
{
	struct buf b = BUF_INIT;
	const unsigned char *p;
	int words = 0, dash = 0;
	time_t t = (time_t)(a->date + a->date_offset * 60);
	struct tm tm;

	for (p = (const unsigned char *)a->title; *p && b.len < 60; p++) {
		if (isalnum(*p) && *p < 0x80) {
			if (dash && b.len)
				buf_putc(&b, '-');
			dash = 0;
			if (b.len == 0 || b.data[b.len - 1] == '-')
				words++;
			buf_putc(&b, tolower(*p));
		} else {
			dash = 1;
		}
	}
	if (words < 2) {
		buf_reset(&b);
		gmtime_r(&t, &tm);
		buf_printf(&b, "%04d%02d%02d-%06ld", tm.tm_year + 1900,
		    tm.tm_mon + 1, tm.tm_mday, (long)(a->date % 1000000));
	}
	return buf_detach(&b, NULL);
}
