/*
 * frontmatter: the exchange format's reader.  See frontmatter.h.
 *
 * The reader finds the two `---` lines itself and hands only the lines
 * between them to libyaml's event parser, so the body (most of the file)
 * is never scanned by libyaml, and libyaml's line numbers are file lines
 * minus one.  Events are consumed as they come: known keys go straight
 * into the article, others into a jansson object that exists only when a
 * file has such keys (the generated corpus never does).
 *
 * The writer is in frontmatter_write.c.
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <yaml.h>

#include "date.h"
#include "escape.h"
#include "frontmatter.h"
#include "frontmatter_int.h"
#include "utf8.h"



/* The known keys, as written; matched without regard to case. */
static const char *const field_keys[F__COUNT] = {
    [F_TITLE] = "title",
    [F_SUBTITLE] = "subtitle",
    [F_AUTHOR] = "author",
    [F_SOURCE] = "source",
    [F_SUMMARY] = "summary",
    [F_TKEY] = "translationKey",
    [F_SLUG] = "slug",
    [F_LANG] = "lang",
    [F_CHANNEL] = "channel",
    [F_TAGS] = "tags",
    [F_CATEGORIES] = "categories",
    [F_WEIGHT] = "weight",
    [F_DRAFT] = "draft",
    [F_STATUS] = "status",
    [F_DATE] = "date",
    [F_EXPIRY] = "expiryDate",
    [F_FORMAT] = "format",
};

/* One parse in progress. */

static int
field_lookup(const char *key)
{
	int i;

	for (i = 0; i < F__COUNT; i++)
		if (strcasecmp(key, field_keys[i]) == 0)
			return i;
	return -1;
}

/*
 * Line and column in the file of the character index (libyaml's
 * mark.index counts characters from the start of the YAML).  libyaml's
 * own line numbers would also count CR, U+0085, U+2028 and U+2029 as line
 * breaks, which editors do not; this walk counts \n only.  Slow, but only
 * for messages.
 */
void
index_where(const struct fm *fm, size_t index, size_t *line, size_t *col)
{
	const char *s = fm->text + fm->yoff;
	size_t off = 0, i;

	for (i = 0; i < index && off < fm->ylen; i++)
		while (
		    ++off < fm->ylen && ((unsigned char)s[off] & 0xc0) == 0x80)
			;
	utf8_position(fm->text, fm->yoff + off, line, col);
}

static void
mark_where(const struct fm *fm, const yaml_mark_t *m, size_t *line, size_t *col)
{
	index_where(fm, m->index, line, col);
}

/* File line of a libyaml mark. */
size_t
mark_line(const struct fm *fm, const yaml_mark_t *m)
{
	size_t line, col;

	mark_where(fm, m, &line, &col);
	return line;
}

/* File line where the event starts. */
size_t
ev_line(const struct fm *fm, const yaml_event_t *ev)
{
	return mark_line(fm, &ev->start_mark);
}

int fm_fail(struct fm *fm, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Append "PATH:LINE: " and the message to why; returns GZ_EINVAL. */
int
fm_fail(struct fm *fm, size_t line, const char *fmt, ...)
{
	va_list ap;

	buf_printf(fm->why, "%s:%zu: ", fm->path, line);
	va_start(ap, fmt);
	buf_vprintf(fm->why, fmt, ap);
	va_end(ap);
	return GZ_EINVAL;
}

/*
 * Quote a value for a message: at most about 60 bytes, cut on a character
 * boundary.  Returns a pointer into q, which the caller frees.
 */
static const char *
msg_quote(struct buf *q, const char *s, size_t n)
{
	size_t max = 60;

	if (n > max) {
		while (max > 0 && ((unsigned char)s[max] & 0xc0) == 0x80)
			max--;
		escape_yaml(q, s, max);
		buf_truncate(q, q->len - 1);
		buf_puts(q, "...\"");
	} else {
		escape_yaml(q, s, n);
	}
	return buf_cstr(q);
}

static int
fm_yaml_error(struct fm *fm)
{
	yaml_parser_t *p = &fm->yp;
	size_t line, col;

	if (p->error == YAML_MEMORY_ERROR)
		return GZ_ENOMEM;
	if (p->error == YAML_READER_ERROR) {
		/* The reader reports a byte offset, not a mark. */
		utf8_position(
		    fm->text, fm->yoff + p->problem_offset, &line, &col);
		buf_printf(fm->why,
		    "%s:%zu:%zu: YAML error: %s; remove that "
		    "character",
		    fm->path, line, col,
		    p->problem ? p->problem : "unreadable character");
		return GZ_EINVAL;
	}
	mark_where(fm, &p->problem_mark, &line, &col);
	buf_printf(fm->why, "%s:%zu:%zu: YAML error: %s", fm->path, line, col,
	    p->problem ? p->problem : "syntax error");
	if (p->context) {
		buf_printf(fm->why, " %s", p->context);
		if (mark_line(fm, &p->context_mark) != line)
			buf_printf(fm->why, " that starts on line %zu",
			    mark_line(fm, &p->context_mark));
	}
	buf_puts(fm->why, "; check quoting on that line");
	return GZ_EINVAL;
}

int
fm_next(struct fm *fm, yaml_event_t *ev)
{
	if (!yaml_parser_parse(&fm->yp, ev))
		return fm_yaml_error(fm);
	return GZ_OK;
}

int
fm_alias(struct fm *fm, const yaml_event_t *ev)
{
	size_t line, col;

	mark_where(fm, &ev->start_mark, &line, &col);
	buf_printf(fm->why,
	    "%s:%zu:%zu: YAML aliases (*%s) are not "
	    "supported; write the value out in full",
	    fm->path, line, col, (const char *)ev->data.alias.anchor);
	return GZ_EINVAL;
}

const char *
scalar_text(const yaml_event_t *ev)
{
	return (const char *)ev->data.scalar.value;
}

/* A plain, untagged empty, ~ or null: "no value". */
int
scalar_is_null(const yaml_event_t *ev)
{
	const char *s = scalar_text(ev);

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    ev->data.scalar.tag != NULL)
		return 0;
	return s[0] == '\0' || strcmp(s, "~") == 0 || strcmp(s, "null") == 0 ||
	    strcmp(s, "Null") == 0 || strcmp(s, "NULL") == 0;
}

/* Refuse a scalar with a \0 escape in it: C strings cannot hold it. */
int
scalar_check(struct fm *fm, const yaml_event_t *ev)
{
	if (strlen(scalar_text(ev)) == ev->data.scalar.length)
		return GZ_OK;
	return fm_fail(fm, ev_line(fm, ev),
	    "a NUL character "
	    "(\\0) in a key or value; remove it");
}

/* The value of a known key that must be one scalar. */
static int
fm_want_scalar(struct fm *fm, const yaml_event_t *ev, int f)
{
	if (ev->type == YAML_ALIAS_EVENT)
		return fm_alias(fm, ev);
	if (ev->type != YAML_SCALAR_EVENT)
		return fm_fail(fm, ev_line(fm, ev),
		    "`%s` must be "
		    "a single value, not a list or mapping; write it as "
		    "`%s: \"...\"`",
		    field_keys[f], field_keys[f]);
	return GZ_OK;
}

int
frontmatter_known_key(const char *key)
{
	return field_lookup(key) >= 0;
}

int
frontmatter_reserved_word(const char *s)
{
	static const char *const words[] = {
	    "y", "n", "yes", "no", "on", "off", "true", "false", "null", NULL};
	size_t i;

	for (i = 0; words[i]; i++)
		if (strcasecmp(s, words[i]) == 0)
			return 1;
	return 0;
}

static int
parse_bool(const char *s, int *v)
{
	if (strcasecmp(s, "true") == 0 || strcasecmp(s, "yes") == 0 ||
	    strcasecmp(s, "on") == 0)
		*v = 1;
	else if (strcasecmp(s, "false") == 0 || strcasecmp(s, "no") == 0 ||
	    strcasecmp(s, "off") == 0)
		*v = 0;
	else
		return -1;
	return 0;
}

/* tags and categories: a sequence of scalars, or one scalar. */
static int
fm_list(struct fm *fm, yaml_event_t *ev, struct strv *v, int f)
{
	yaml_event_t item;
	int rc;

	if (ev->type == YAML_ALIAS_EVENT)
		return fm_alias(fm, ev);
	if (ev->type == YAML_SCALAR_EVENT && scalar_is_null(ev))
		return GZ_OK; /* absent: keep what the caller had */
	strv_clear(v);
	if (ev->type == YAML_SCALAR_EVENT) {
		if ((rc = scalar_check(fm, ev)))
			return rc;
		return strv_push(v, scalar_text(ev));
	}
	if (ev->type != YAML_SEQUENCE_START_EVENT)
		return fm_fail(fm, ev_line(fm, ev),
		    "`%s` must be "
		    "a list like [\"a\", \"b\"], not a mapping",
		    field_keys[f]);
	for (;;) {
		if ((rc = fm_next(fm, &item)))
			return rc;
		if (item.type == YAML_SEQUENCE_END_EVENT) {
			yaml_event_delete(&item);
			return GZ_OK;
		}
		if (item.type == YAML_ALIAS_EVENT)
			rc = fm_alias(fm, &item);
		else if (item.type != YAML_SCALAR_EVENT)
			rc = fm_fail(fm, ev_line(fm, &item),
			    "`%s` "
			    "must be a list of single values like [\"a\", "
			    "\"b\"], not of lists or mappings",
			    field_keys[f]);
		else if (!scalar_is_null(&item) &&
		    !(rc = scalar_check(fm, &item)))
			rc = strv_push(v, scalar_text(&item));
		yaml_event_delete(&item);
		if (rc)
			return rc;
	}
}

/* Years 0001-9999 in UTC, so the date prints within 0000-9999 in any
 * offset (the writer shows expiryDate in the offset of date). */
static int
date_in_range(int64_t t)
{
	static const int64_t lo = -62135510400; /* 0001-01-02T00:00:00Z */
	static const int64_t hi = 253402128000; /* 9999-12-30T00:00:00Z */

	return t >= lo && t < hi;
}

static int
fm_date(struct fm *fm, const yaml_event_t *ev, int f, int64_t *t, int *offset)
{
	struct buf q = BUF_INIT;
	int rc, off;
	int64_t v;

	if (scalar_is_null(ev))
		return GZ_OK;
	if ((rc = scalar_check(fm, ev)))
		return rc;
	if (date_parse(scalar_text(ev), fm->default_offset, &v, &off)) {
		rc = fm_fail(fm, ev_line(fm, ev),
		    "`%s` is not a date: %s; "
		    "write it like 2021-06-07T09:04:42+08:00, "
		    "2021-06-07 09:04:42 or 2021-06-07",
		    field_keys[f],
		    msg_quote(&q, scalar_text(ev), ev->data.scalar.length));
		buf_free(&q);
		return rc;
	}
	if (v != 0 && !date_in_range(v))
		return fm_fail(fm, ev_line(fm, ev),
		    "`%s` is out of range; "
		    "use a year from 0001 to 9999",
		    field_keys[f]);
	*t = v;
	if (offset)
		*offset = v == 0 ? fm->default_offset : off;
	return GZ_OK;
}

/* A bad scalar value of a known key: say which and what would do. */
static int
fm_bad_value(struct fm *fm, const yaml_event_t *ev, const char *fmt)
{
	struct buf q = BUF_INIT;
	int rc;

	msg_quote(&q, scalar_text(ev), ev->data.scalar.length);
	rc = fm_fail(fm, ev_line(fm, ev), fmt, buf_cstr(&q));
	buf_free(&q);
	return rc;
}

/* The value of a known key; ev is its first event. */
static int
fm_known(struct fm *fm, yaml_event_t *ev, int f)
{
	struct article *a = fm->a;
	char **str = NULL;
	int rc, v;

	switch (f) {
	case F_TITLE: str = &a->title; break;
	case F_SUBTITLE: str = &a->subtitle; break;
	case F_AUTHOR: str = &a->author; break;
	case F_SOURCE: str = &a->source; break;
	case F_SUMMARY: str = &a->summary; break;
	case F_TKEY: str = &a->translation_key; break;
	case F_SLUG: str = &a->slug; break;
	case F_LANG: str = &a->lang; break;
	case F_CHANNEL: str = &a->channel; break;
	case F_TAGS: return fm_list(fm, ev, &a->tags, f);
	case F_CATEGORIES: return fm_list(fm, ev, &a->categories, f);
	default: break;
	}
	if ((rc = fm_want_scalar(fm, ev, f)))
		return rc;
	if (str) {
		if (scalar_is_null(ev))
			return GZ_OK;
		if ((rc = scalar_check(fm, ev)))
			return rc;
		return article_setn(
		    str, scalar_text(ev), ev->data.scalar.length);
	}
	switch (f) {
	case F_WEIGHT: {
		const char *p = scalar_text(ev);
		long long w = 0;

		if (scalar_is_null(ev))
			return GZ_OK;
		if (*p == '+')
			p++;
		if (*p == '\0')
			w = -1;
		for (; *p != '\0' && w >= 0; p++) {
			if (*p < '0' || *p > '9')
				w = -1;
			else if ((w = w * 10 + (*p - '0')) > INT_MAX)
				w = -1;
		}
		if (w < 0)
			return fm_bad_value(fm, ev,
			    "`weight` must be a whole "
			    "number from 0 up, not %s; write e.g. "
			    "`weight: 1`");
		a->weight = (int)w;
		return GZ_OK;
	}
	case F_DRAFT:
		if (scalar_is_null(ev)) {
			fm->draft = 0;
			return GZ_OK;
		}
		if (parse_bool(scalar_text(ev), &fm->draft))
			return fm_bad_value(fm, ev,
			    "`draft` must be true or "
			    "false, not %s");
		return GZ_OK;
	case F_STATUS: {
		char low[16];
		size_t i;

		for (i = 0; i + 1 < sizeof low && scalar_text(ev)[i]; i++)
			low[i] =
			    (char)tolower((unsigned char)scalar_text(ev)[i]);
		low[i] = '\0';
		if (scalar_is_null(ev))
			return GZ_OK;
		if (ev->data.scalar.length >= sizeof low ||
		    (v = article_status_parse(low)) < 0)
			return fm_bad_value(fm, ev,
			    "unknown `status` %s; use "
			    "draft, review, approved, published or offline");
		fm->status = v;
		return GZ_OK;
	}
	case F_DATE: return fm_date(fm, ev, f, &a->date, &a->date_offset);
	case F_EXPIRY: return fm_date(fm, ev, f, &a->expire, NULL);
	case F_FORMAT:
		if (scalar_is_null(ev))
			return GZ_OK;
		if ((v = body_format_parse(scalar_text(ev))) < 0)
			return fm_bad_value(fm, ev,
			    "unknown `format` %s; use "
			    "markdown or html");
		a->format = (enum body_format)v;
		return GZ_OK;
	}
	return GZ_OK;
}

/* One top-level key (ev) and its value. */
static int
fm_pair(struct fm *fm, yaml_event_t *ev)
{
	yaml_event_t val;
	const char *key;
	json_t *v;
	int f, rc;

	if (ev->type == YAML_ALIAS_EVENT)
		return fm_alias(fm, ev);
	if (ev->type != YAML_SCALAR_EVENT)
		return fm_fail(fm, ev_line(fm, ev),
		    "front matter keys must "
		    "be single words like `title`, not lists or mappings");
	if ((rc = scalar_check(fm, ev)))
		return rc;
	key = scalar_text(ev);
	if ((f = field_lookup(key)) >= 0) {
		if (fm->seen[f]) {
			size_t first, col;

			index_where(fm, fm->seen[f] - 1, &first, &col);
			return fm_fail(fm, ev_line(fm, ev),
			    "key `%s` appears "
			    "twice (lines %zu and %zu); keep one",
			    key, first, ev_line(fm, ev));
		}
		fm->seen[f] = ev->start_mark.index + 1;
		if ((rc = fm_next(fm, &val)))
			return rc;
		rc = fm_known(fm, &val, f);
		yaml_event_delete(&val);
		return rc;
	}
	if (fm->extra == NULL) {
		if ((fm->extra = json_object()) == NULL ||
		    (fm->extra_lines = json_object()) == NULL)
			return GZ_ENOMEM;
	}
	if ((rc = fm_note_key(fm, fm->extra_lines, key, &ev->start_mark, "")))
		return rc;
	if ((rc = fm_next(fm, &val)))
		return rc;
	rc = fm_value(fm, &val, 1, &v);
	yaml_event_delete(&val);
	if (rc == GZ_OK && json_object_set_new(fm->extra, key, v))
		rc = GZ_ENOMEM;
	return rc;
}

/* Run libyaml over the front matter lines and fill fm->a. */
static int
fm_yaml(struct fm *fm, const char *y, size_t yn)
{
	yaml_event_t ev;
	int rc;

	if (!yaml_parser_initialize(&fm->yp))
		return GZ_ENOMEM;
	yaml_parser_set_input_string(&fm->yp, (const unsigned char *)y, yn);
	yaml_parser_set_encoding(&fm->yp, YAML_UTF8_ENCODING);
	if ((rc = fm_next(fm, &ev))) /* STREAM-START */
		goto out;
	yaml_event_delete(&ev);
	if ((rc = fm_next(fm, &ev)))
		goto out;
	if (ev.type == YAML_STREAM_END_EVENT) {
		/* Only comments or nothing: no title, reported later. */
		yaml_event_delete(&ev);
		goto out;
	}
	yaml_event_delete(&ev); /* DOCUMENT-START */
	if ((rc = fm_next(fm, &ev)))
		goto out;
	if (ev.type == YAML_SCALAR_EVENT && scalar_is_null(&ev)) {
		yaml_event_delete(&ev); /* an empty document */
	} else if (ev.type != YAML_MAPPING_START_EVENT) {
		rc = fm_fail(fm, ev_line(fm, &ev),
		    "the front "
		    "matter must be `key: value` lines, like `title: "
		    "\"...\"`");
		yaml_event_delete(&ev);
		goto out;
	} else {
		yaml_event_delete(&ev);
		for (;;) {
			if ((rc = fm_next(fm, &ev)))
				goto out;
			if (ev.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&ev);
				break;
			}
			rc = fm_pair(fm, &ev);
			yaml_event_delete(&ev);
			if (rc)
				goto out;
		}
	}
	if ((rc = fm_next(fm, &ev))) /* DOCUMENT-END */
		goto out;
	yaml_event_delete(&ev);
	if ((rc = fm_next(fm, &ev)))
		goto out;
	if (ev.type != YAML_STREAM_END_EVENT)
		rc = fm_fail(fm, ev_line(fm, &ev),
		    "the front "
		    "matter holds a second YAML document; remove the `...` "
		    "or `---` line before it");
	yaml_event_delete(&ev);
out:
	yaml_parser_delete(&fm->yp);
	return rc;
}

/*
 * Whether the line [s, e) (without its \n) is the fence: the three
 * characters, then only spaces, tabs or a CR.
 */
static int
is_fence(const char *s, const char *e, const char *fence)
{
	if (e - s < 3 || memcmp(s, fence, 3) != 0)
		return 0;
	for (s += 3; s < e; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r')
			return 0;
	return 1;
}

int
frontmatter_parse(const char *path, const char *text, size_t n,
    struct article *a, struct buf *why)
{
	struct fm fm;
	const char *p, *end = text + n, *eol, *y, *body;
	size_t bad, line, col;
	int rc;

	memset(&fm, 0, sizeof fm);
	fm.path = path;
	fm.text = text;
	fm.a = a;
	fm.why = why;
	fm.default_offset = a->date_offset;
	fm.status = -1;

	if (!utf8_valid(text, n, &bad)) {
		utf8_position(text, bad, &line, &col);
		buf_printf(why,
		    "%s:%zu:%zu: invalid UTF-8; save the file as "
		    "UTF-8",
		    path, line, col);
		return GZ_EUTF8;
	}
	if ((p = memchr(text, '\0', n)) != NULL) {
		utf8_position(text, (size_t)(p - text), &line, &col);
		buf_printf(why,
		    "%s:%zu:%zu: NUL byte in the file; save the "
		    "file as UTF-8 text",
		    path, line, col);
		return GZ_EINVAL;
	}
	p = text;
	if (n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0)
		p += 3;
	if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
		eol = end;
	if (is_fence(p, eol, "+++")) {
		fm_fail(&fm, 1,
		    "TOML front matter (+++) is not supported; "
		    "the file must start with YAML front matter between --- "
		    "lines");
		return GZ_EINVAL;
	}
	if (!is_fence(p, eol, "---")) {
		fm_fail(&fm, 1,
		    "no front matter; the file must start with "
		    "YAML front matter between --- lines");
		return GZ_EINVAL;
	}
	/* Find the closing fence. */
	y = p = eol < end ? eol + 1 : end;
	for (;;) {
		if (p >= end) {
			fm_fail(&fm, 1,
			    "the front matter is never closed; "
			    "add a line --- after its last line");
			return GZ_EINVAL;
		}
		if ((eol = memchr(p, '\n', (size_t)(end - p))) == NULL)
			eol = end;
		if (is_fence(p, eol, "---"))
			break;
		p = eol < end ? eol + 1 : end;
	}
	body = eol < end ? eol + 1 : end;
	/* One blank line after the fence belongs to the format. */
	if (end - body >= 2 && body[0] == '\r' && body[1] == '\n')
		body += 2;
	else if (body < end && body[0] == '\n')
		body++;

	fm.yoff = (size_t)(y - text);
	fm.ylen = (size_t)(p - y);
	rc = fm_yaml(&fm, y, (size_t)(p - y));
	if (rc == GZ_OK && (a->title == NULL || a->title[0] == '\0'))
		rc = fm_fail(&fm, 1,
		    "no title in the front matter; add a "
		    "line `title: \"...\"`");
	if (rc == GZ_OK) {
		if (fm.status >= 0)
			a->status = (enum article_status)fm.status;
		else
			a->status =
			    fm.draft ? ARTICLE_DRAFT : ARTICLE_PUBLISHED;
		rc = article_setn(&a->body, body, (size_t)(end - body));
		if (rc == GZ_OK)
			article_normalize_body(a);
	}
	if (rc == GZ_OK) {
		char *s = NULL;

		if (fm.extra && json_object_size(fm.extra) > 0 &&
		    (s = json_dumps(fm.extra,
		         JSON_COMPACT | JSON_PRESERVE_ORDER |
		             JSON_REAL_PRECISION(17))) == NULL)
			rc = GZ_ENOMEM;
		else
			rc = article_set(&a->extra, s);
		free(s);
	}
	json_decref(fm.extra);
	json_decref(fm.extra_lines);
	return rc;
}

