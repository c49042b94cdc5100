/*
 * frontmatter_write: the exchange format's writer.  See frontmatter.h.
 *
 * Every value goes on one line: strings double-quoted (escape_yaml),
 * lists and mappings in flow style.  Nothing it writes can be read back
 * differently, which the fuzz target checks: parse, write, parse again
 * gives the same article and the same bytes.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "date.h"
#include "escape.h"
#include "frontmatter.h"

/* Quoted keys longer than this are written as explicit `? key` keys:
 * libyaml gives up on an implicit key after 1024 characters. */
#define FM_LONG_KEY 512

/* Whether s can be written unquoted and reads back as the same text,
 * both here and in a YAML 1.1 reader like Hugo's. */
static int
plain_safe(const char *s, int key)
{
	const char *p;

	if (!(isalpha((unsigned char)*s) || (key && *s == '_')))
		return 0;
	for (p = s + 1; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '_' && *p != '-' &&
		    *p != '.')
			return 0;
	return !frontmatter_reserved_word(s);
}

static void
put_str(struct buf *out, const char *key, const char *s)
{
	if (s == NULL)
		return;
	buf_puts(out, key);
	buf_puts(out, ": ");
	escape_yaml(out, s, strlen(s));
	buf_putc(out, '\n');
}

/* channel, lang, translationKey: bare when that is safe, as Hugo's
 * generator writes them. */
static void
put_word(struct buf *out, const char *key, const char *s)
{
	if (s == NULL)
		return;
	if (!plain_safe(s, 0)) {
		put_str(out, key, s);
		return;
	}
	buf_printf(out, "%s: %s\n", key, s);
}

static void
put_list(struct buf *out, const char *key, const struct strv *v)
{
	size_t i;

	if (v->n == 0)
		return;
	buf_printf(out, "%s: [", key);
	for (i = 0; i < v->n; i++) {
		if (i)
			buf_puts(out, ", ");
		escape_yaml(out, v->v[i], strlen(v->v[i]));
	}
	buf_puts(out, "]\n");
}

/*
 * A mapping key and its colon: bare or quoted, and explicit ("? KEY" then
 * ": ") when long, since libyaml gives up looking for the colon of an
 * implicit key after 1024 characters.
 */
static void
put_key(struct buf *out, const char *key, int block)
{
	size_t start = out->len;

	buf_puts(out, "? ");
	if (plain_safe(key, 1))
		buf_puts(out, key);
	else
		escape_yaml(out, key, strlen(key));
	if (out->len - start - 2 > FM_LONG_KEY) {
		buf_puts(out, block ? "\n: " : " : ");
		return;
	}
	/* Short: drop the "? " again. */
	if (out->err == GZ_OK) {
		memmove(out->data + start, out->data + start + 2,
		    out->len - start - 2);
		buf_truncate(out, out->len - 2);
	}
	buf_puts(out, ": ");
}

/* A JSON value as flow-style YAML on one line. */
static void
put_json(struct buf *out, json_t *v)
{
	const char *k;
	json_t *x;
	size_t i;
	char num[64];

	switch (json_typeof(v)) {
	case JSON_OBJECT:
		buf_putc(out, '{');
		i = 0;
		json_object_foreach(v, k, x)
		{
			if (i++)
				buf_puts(out, ", ");
			put_key(out, k, 0);
			put_json(out, x);
		}
		buf_putc(out, '}');
		break;
	case JSON_ARRAY:
		buf_putc(out, '[');
		json_array_foreach(v, i, x)
		{
			if (i)
				buf_puts(out, ", ");
			put_json(out, x);
		}
		buf_putc(out, ']');
		break;
	case JSON_STRING:
		escape_yaml(out, json_string_value(v), json_string_length(v));
		break;
	case JSON_INTEGER:
		buf_printf(out, "%" JSON_INTEGER_FORMAT, json_integer_value(v));
		break;
	case JSON_REAL: {
		/* The shortest text that reads back as the same double:
		 * 0.1, not jansson's 0.10000000000000001. */
		double d = json_real_value(v);
		int prec;

		for (prec = 15; prec < 17; prec++) {
			snprintf(num, sizeof num, "%.*g", prec, d);
			if (strtod(num, NULL) == d)
				break;
		}
		if (prec == 17)
			snprintf(num, sizeof num, "%.17g", d);
		buf_puts(out, num);
		if (strpbrk(num, ".eE") == NULL)
			buf_puts(out, ".0");
		break;
	}
	case JSON_TRUE: buf_puts(out, "true"); break;
	case JSON_FALSE: buf_puts(out, "false"); break;
	case JSON_NULL: buf_puts(out, "null"); break;
	}
}

int
frontmatter_write(struct buf *out, const struct article *a)
{
	json_t *extra = NULL, *v;
	const char *k;
	int off = a->date_offset;

	/* An offset date_parse() would refuse: show the time in UTC. */
	if (off < -DATE_OFFSET_MAX || off > DATE_OFFSET_MAX)
		off = 0;
	if (a->extra && a->extra[0]) {
		extra = json_loads(a->extra, 0, NULL);
		if (extra == NULL || !json_is_object(extra)) {
			json_decref(extra);
			return GZ_EINVAL;
		}
	}
	buf_puts(out, "---\n");
	put_str(out, "title", a->title ? a->title : "");
	put_str(out, "subtitle", a->subtitle);
	if (a->date != 0) {
		buf_puts(out, "date: ");
		date_format(out, a->date, off);
		buf_putc(out, '\n');
	}
	put_str(out, "author", a->author);
	put_word(out, "channel", a->channel);
	put_list(out, "categories", &a->categories);
	put_list(out, "tags", &a->tags);
	put_word(out, "lang", a->lang);
	put_word(out, "translationKey", a->translation_key);
	put_str(out, "source", a->source);
	put_str(out, "summary", a->summary);
	if (a->weight != 0)
		buf_printf(out, "weight: %d\n", a->weight);
	if (a->status == ARTICLE_DRAFT)
		buf_puts(out, "draft: true\n");
	else if (a->status != ARTICLE_PUBLISHED)
		buf_printf(out, "status: %s\n", article_status_name(a->status));
	if (a->expire != 0) {
		buf_puts(out, "expiryDate: ");
		date_format(out, a->expire, off);
		buf_putc(out, '\n');
	}
	if (a->format == BODY_HTML)
		buf_puts(out, "format: html\n");
	if (extra) {
		json_object_foreach(extra, k, v)
		{
			if (frontmatter_known_key(k))
				continue; /* would shadow a known key */
			put_key(out, k, 1);
			put_json(out, v);
			buf_putc(out, '\n');
		}
	}
	buf_puts(out, "---\n\n");
	buf_puts(out, a->body);
	json_decref(extra);
	return buf_error(out);
}
