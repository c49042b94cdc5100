/*
 * tmpl: Mustache templates, the whole official spec (comments, set
 * delimiters, interpolation, sections, inverted sections, partials,
 * inheritance with blocks, dynamic names; no lambdas, since the data is
 * JSON).
 *
 * A template is parsed once into a flat array of nodes (sections know
 * where they end; dotted names are split at parse time) and is immutable
 * afterwards: any number of threads may render the same template, and the
 * same set of partials, at once.  Rendering allocates nothing but the
 * output; the context stack, the indentation of partials and the chain
 * of block overrides live on the C stack.
 *
 * Data is a jansson value, read exactly as the spec's JSON: objects are
 * contexts, arrays are iterated, and a section is skipped for false,
 * null, an empty array and an empty string (as in JavaScript, so
 * {{#subtitle}}<h2>{{subtitle}}</h2>{{/subtitle}} works for an empty
 * field); numbers, including 0, are truthy.  {{x}} is HTML-escaped by
 * escape_html(); {{{x}}} and {{&x}} are not.  Integers print plainly,
 * reals in the shortest form that reads back (1.21 prints "1.21").
 *
 * Where the spec leaves a choice: a partial or parent that is not in the
 * set renders as nothing; lines left empty inside an indented partial
 * get no indentation (no trailing blanks); {{<*name}} closes with
 * {{/name}}, with or without the star; a tag name may not hold spaces.  One
 * extension: a dotted part that is a decimal number indexes an array
 * ({{items.0.title}}, {{#tags.0}}...{{/tags.0}}).
 *
 * Errors name the template and the place: "NAME:LINE:COLUMN: what is
 * wrong" (columns count characters), appended to a `why` buffer, with
 * GZ_EINVAL returned.
 */
#ifndef GZ_TMPL_H
#define GZ_TMPL_H

#include <stddef.h>

#include <jansson.h>

#include "buf.h"

/* One parsed template: immutable after parsing, shareable by threads. */
struct tmpl;
/* Named templates (partials and parents), immutable once loaded. */
struct tmpl_set;

/* The largest template accepted, in bytes. */
#define TMPL_MAX_SIZE (16u << 20)
/* How deeply partials and parents may nest while rendering. */
#define TMPL_MAX_DEPTH 100

/*
 * Limits on one rendering, so that a template that includes itself, or
 * repeats itself exponentially, fails instead of running for ever.
 * Zero in a field means the default.
 */
struct tmpl_limits {
	size_t max_output;       /* bytes appended to out; default 256 MB */
	unsigned long max_steps; /* nodes visited; default 100 million */
	int max_depth;           /* partials/parents; default TMPL_MAX_DEPTH */
};

/*
 * Parse text[0..n) as a Mustache template called name (the file name
 * theme authors will see in messages).  On success *out is a new
 * template the caller frees with tmpl_free().  On a syntax error (an
 * unclosed or mismatched section, an unclosed tag, bad delimiters, an
 * empty tag name) returns GZ_EINVAL, appends "NAME:LINE:COLUMN: what"
 * to why and sets *out to NULL; GZ_ENOMEM and GZ_ETOOBIG likewise.
 */
int tmpl_parse(const char *name, const char *text, size_t n, struct tmpl **out,
    struct buf *why);
/* Free a template (NULL is allowed). */
void tmpl_free(struct tmpl *t);
/* The name a template was parsed with; owned by t. */
const char *tmpl_name(const struct tmpl *t);

/* Make an empty set; the caller frees it with tmpl_set_free(). */
int tmpl_set_new(struct tmpl_set **out);
/*
 * Parse text[0..n) and add it to set as name, replacing a template of
 * that name.  The message on a syntax error names the template name.
 */
int tmpl_set_add(struct tmpl_set *set, const char *name, const char *text,
    size_t n, struct buf *why);
/*
 * Add every NAME.mustache in dir, and in its subfolders as "sub/NAME".
 * Hidden files and folders are skipped.  Messages name the file path.
 * A missing or unreadable dir returns GZ_ENOTFOUND or GZ_EIO.
 */
int tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct buf *why);
/* The template called name, or NULL; owned by set. */
const struct tmpl *tmpl_set_get(const struct tmpl_set *set, const char *name);
/* How many templates set holds. */
size_t tmpl_set_count(const struct tmpl_set *set);
/* Free a set and its templates (NULL is allowed). */
void tmpl_set_free(struct tmpl_set *set);

/*
 * Render t with data (any JSON value; NULL counts as {}) and append the
 * result to out.  Partials and parents are looked up in partials (may be
 * NULL); one that is not there renders as nothing, as the spec says.
 * Returns GZ_OK; GZ_EINVAL with "NAME:LINE:COLUMN: partial \"p\" ..."
 * in why when partials nest more than TMPL_MAX_DEPTH deep; GZ_ETOOBIG
 * when a limit is passed; GZ_ENOMEM.  After an error, out holds part of
 * the page and should be thrown away.  Safe to call from many threads on
 * the same t, partials and data at once.
 */
int tmpl_render(const struct tmpl *t, const struct tmpl_set *partials,
    const json_t *data, struct buf *out, struct buf *why);
/* tmpl_render() with limits other than the defaults (lim may be NULL). */
int tmpl_render_limited(const struct tmpl *t, const struct tmpl_set *partials,
    const json_t *data, struct buf *out, struct buf *why,
    const struct tmpl_limits *lim);

#endif
