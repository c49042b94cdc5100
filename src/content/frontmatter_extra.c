/*
 * frontmatter_extra: the front matter fields Gazette has no column for,
 * kept as one JSON object (article.extra) in file order, so that a file
 * is written back as it came.  Part of the reader (frontmatter.c).
 */
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>
#include <yaml.h>

#include "frontmatter.h"
#include "frontmatter_int.h"

/*
 * A plain scalar that is plainly a number, bool or null becomes one;
 * everything else (quoted, tagged !!str, dates, "007") a string.
 */
static json_t *
json_from_scalar(const yaml_event_t *ev)
{
	const char *s = scalar_text(ev), *p;
	size_t n = ev->data.scalar.length;
	long long v;
	int frac = 0;

	if (ev->data.scalar.style != YAML_PLAIN_SCALAR_STYLE ||
	    ev->data.scalar.tag != NULL)
		return json_stringn(s, n);
	if (scalar_is_null(ev))
		return json_null();
	if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE"))
		return json_true();
	if (!strcmp(s, "false") || !strcmp(s, "False") || !strcmp(s, "FALSE"))
		return json_false();
	/* -?digits(.digits)?([eE][-+]?digits)? */
	p = s + (*s == '-');
	if (!isdigit((unsigned char)*p))
		return json_stringn(s, n);
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.') {
		frac = 1;
		if (!isdigit((unsigned char)*++p))
			return json_stringn(s, n);
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p == 'e' || *p == 'E') {
		frac = 1;
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!isdigit((unsigned char)*p))
			return json_stringn(s, n);
		while (isdigit((unsigned char)*p))
			p++;
	}
	if (*p != '\0')
		return json_stringn(s, n);
	if (frac) {
		double d = strtod(s, NULL);

		return isfinite(d) ? json_real(d) : json_stringn(s, n);
	}
	/* Integers: only canonical ones ("007" and "-0" stay text). */
	p = s + (*s == '-');
	if (*p == '0' && (p[1] != '\0' || *s == '-'))
		return json_stringn(s, n);
	errno = 0;
	v = strtoll(s, NULL, 10);
	if (errno == ERANGE)
		return json_stringn(s, n);
	return json_integer((json_int_t)v);
}

/* Remember where key was; refuse a key seen before in the mapping. */
int
fm_note_key(struct fm *fm, json_t *lines, const char *key, const yaml_mark_t *m,
    const char *where)
{
	json_t *first;
	size_t line, col;

	if ((first = json_object_get(lines, key)) != NULL) {
		index_where(fm, (size_t)json_integer_value(first), &line, &col);
		return fm_fail(fm, mark_line(fm, m),
		    "key `%s` appears "
		    "twice%s (lines %zu and %zu); keep one",
		    key, where, line, mark_line(fm, m));
	}
	if (json_object_set_new(lines, key, json_integer((json_int_t)m->index)))
		return GZ_ENOMEM;
	return GZ_OK;
}

/* Build the JSON value whose first event is ev. */
int
fm_value(struct fm *fm, yaml_event_t *ev, int depth, json_t **out)
{
	yaml_event_t sub, val;
	json_t *lines = NULL, *v;
	int rc = GZ_OK;

	*out = NULL;
	if (depth > FM_MAX_DEPTH)
		return fm_fail(fm, ev_line(fm, ev),
		    "values are "
		    "nested more than %d deep; flatten them",
		    FM_MAX_DEPTH);
	switch (ev->type) {
	case YAML_ALIAS_EVENT: return fm_alias(fm, ev);
	case YAML_SCALAR_EVENT:
		if ((rc = scalar_check(fm, ev)))
			return rc;
		return (*out = json_from_scalar(ev)) ? GZ_OK : GZ_ENOMEM;
	case YAML_SEQUENCE_START_EVENT:
		if ((*out = json_array()) == NULL)
			return GZ_ENOMEM;
		for (;;) {
			if ((rc = fm_next(fm, &sub)))
				break;
			if (sub.type == YAML_SEQUENCE_END_EVENT) {
				yaml_event_delete(&sub);
				break;
			}
			rc = fm_value(fm, &sub, depth + 1, &v);
			yaml_event_delete(&sub);
			if (rc == GZ_OK && json_array_append_new(*out, v))
				rc = GZ_ENOMEM;
			if (rc)
				break;
		}
		break;
	case YAML_MAPPING_START_EVENT:
		if ((*out = json_object()) == NULL ||
		    (lines = json_object()) == NULL) {
			rc = GZ_ENOMEM;
			break;
		}
		for (;;) {
			if ((rc = fm_next(fm, &sub)))
				break;
			if (sub.type == YAML_MAPPING_END_EVENT) {
				yaml_event_delete(&sub);
				break;
			}
			if (sub.type != YAML_SCALAR_EVENT)
				rc = fm_fail(fm, ev_line(fm, &sub),
				    "mapping keys must be single words or "
				    "quoted text");
			else if ((rc = scalar_check(fm, &sub)) == GZ_OK)
				rc = fm_note_key(fm, lines, scalar_text(&sub),
				    &sub.start_mark, " in one mapping");
			if (rc == GZ_OK && (rc = fm_next(fm, &val)) == GZ_OK) {
				rc = fm_value(fm, &val, depth + 1, &v);
				yaml_event_delete(&val);
				if (rc == GZ_OK &&
				    json_object_set_new(
				        *out, scalar_text(&sub), v))
					rc = GZ_ENOMEM;
			}
			yaml_event_delete(&sub);
			if (rc)
				break;
		}
		break;
	default:
		/* The parser gives no other event where a value belongs. */
		rc = fm_fail(fm, ev_line(fm, ev),
		    "unexpected YAML "
		    "here; check the indentation");
		break;
	}
	json_decref(lines);
	if (rc) {
		json_decref(*out);
		*out = NULL;
	}
	return rc;
}

