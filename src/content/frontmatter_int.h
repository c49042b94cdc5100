/*
 * frontmatter_int.h: what the reader's two files (frontmatter.c and
 * frontmatter_extra.c) share.  Not for other modules.
 */
#ifndef GZ_FRONTMATTER_INT_H
#define GZ_FRONTMATTER_INT_H

#include <jansson.h>
#include <yaml.h>

#include "article.h"
#include "buf.h"

/* Deeper lists and mappings in an extra field are refused. */
#define FM_MAX_DEPTH 64

enum field {
	F_TITLE,
	F_SUBTITLE,
	F_AUTHOR,
	F_SOURCE,
	F_SUMMARY,
	F_TKEY,
	F_SLUG,
	F_LANG,
	F_CHANNEL,
	F_TAGS,
	F_CATEGORIES,
	F_WEIGHT,
	F_DRAFT,
	F_STATUS,
	F_DATE,
	F_EXPIRY,
	F_FORMAT,
	F__COUNT
};

/* The state of reading one file. */
struct fm {
	const char *path;
	const char *text; /* the whole file */
	size_t yoff;      /* where the YAML lines start in text */
	size_t ylen;      /* and their length in bytes */
	struct article *a;
	struct buf *why;
	yaml_parser_t yp;
	int default_offset;
	size_t seen[F__COUNT]; /* 1 + mark index of each known key, or 0 */
	int draft;
	int status;          /* -1 until a status: key */
	json_t *extra;       /* the other keys, created on the first */
	json_t *extra_lines; /* key -> its mark index, for duplicates */
};

/* Line and column in the file of libyaml's character index. */
void index_where(const struct fm *fm, size_t index, size_t *line,
    size_t *col);
/* The file line of a mark, and of an event's start. */
size_t mark_line(const struct fm *fm, const yaml_mark_t *m);
size_t ev_line(const struct fm *fm, const yaml_event_t *ev);
/* Append "PATH:LINE: " and the message to why; returns GZ_EINVAL. */
int fm_fail(struct fm *fm, size_t line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* The next event (GZ_OK), or a YAML error reported (GZ_EINVAL). */
int fm_next(struct fm *fm, yaml_event_t *ev);
/* Refuse an alias event (*anchor): GZ_EINVAL with its line. */
int fm_alias(struct fm *fm, const yaml_event_t *ev);
/* A scalar's text; whether it means null; whether it may be text. */
const char *scalar_text(const yaml_event_t *ev);
int scalar_is_null(const yaml_event_t *ev);
int scalar_check(struct fm *fm, const yaml_event_t *ev);

/* Record key at mark m in lines; a second time is an error (duplicate
 * key, naming both lines); prefix names the enclosing mapping. */
int fm_note_key(struct fm *fm, json_t *lines, const char *key,
    const yaml_mark_t *m, const char *prefix);
/* The value starting at ev (a scalar, sequence or mapping) as JSON. */
int fm_value(struct fm *fm, yaml_event_t *ev, int depth, json_t **out);

#endif
