/*
 * article_json: conversions between struct article and JSON.
 */
#include <stdlib.h>
#include <string.h>

#include "article_json.h"
#include "err.h"

/* The string fields, by name, in output order. */
#define STR_FIELDS(X) \
	X(lang) X(channel) X(slug) X(title) X(subtitle) X(author) X(source) \
	X(summary) X(translation_key)

json_t *
strv_to_json(const struct strv *v)
{
	json_t *arr = json_array();
	size_t i;

	if (arr == NULL)
		return NULL;
	for (i = 0; i < v->n; i++)
		if (json_array_append_new(arr, json_string(v->v[i]))) {
			json_decref(arr);
			return NULL;
		}
	return arr;
}

int
strv_from_json(const json_t *arr, struct strv *v)
{
	size_t i;
	json_t *e;

	if (!json_is_array(arr))
		return GZ_EINVAL;
	strv_clear(v);
	json_array_foreach(arr, i, e) {
		if (!json_is_string(e))
			return GZ_EINVAL;
		if (strv_push(v, json_string_value(e)))
			return GZ_ENOMEM;
	}
	return GZ_OK;
}

static int
set_str(json_t *o, const char *k, const char *v)
{
	return v ? json_object_set_new(o, k, json_string(v)) : 0;
}

json_t *
article_to_json(const struct article *a, int flags)
{
	json_t *o = json_object(), *extra = NULL;
	int bad = 0;

	if (o == NULL)
		return NULL;
	if (flags & ARTICLE_JSON_IDS) {
		bad |= json_object_set_new(o, "id", json_integer(a->id));
		bad |= json_object_set_new(o, "site_id",
		    json_integer(a->site_id));
		bad |= json_object_set_new(o, "channel_id",
		    json_integer(a->channel_id));
	}
#define X(f) bad |= set_str(o, #f, a->f);
	STR_FIELDS(X)
#undef X
	bad |= json_object_set_new(o, "status",
	    json_string(article_status_name(a->status)));
	bad |= json_object_set_new(o, "format",
	    json_string(body_format_name(a->format)));
	bad |= json_object_set_new(o, "weight", json_integer(a->weight));
	bad |= json_object_set_new(o, "date", json_integer(a->date));
	bad |= json_object_set_new(o, "date_offset",
	    json_integer(a->date_offset));
	bad |= json_object_set_new(o, "expire", json_integer(a->expire));
	bad |= json_object_set_new(o, "tags", strv_to_json(&a->tags));
	bad |= json_object_set_new(o, "categories",
	    strv_to_json(&a->categories));
	if (a->extra) {
		if ((extra = json_loads(a->extra, 0, NULL)) == NULL)
			extra = json_string(a->extra);
		bad |= json_object_set_new(o, "extra", extra);
	}
	if (flags & ARTICLE_JSON_IDS) {
		bad |= json_object_set_new(o, "created",
		    json_integer(a->created));
		bad |= json_object_set_new(o, "updated",
		    json_integer(a->updated));
		bad |= json_object_set_new(o, "revision",
		    json_integer(a->revision));
	}
	if (flags & ARTICLE_JSON_BODY)
		bad |= set_str(o, "body", a->body);
	if (bad) {
		json_decref(o);
		return NULL;
	}
	return o;
}

static int
get_str(const json_t *o, const char *k, char **field)
{
	json_t *v = json_object_get(o, k);

	if (v == NULL)
		return GZ_OK;
	if (json_is_null(v))
		return article_set(field, NULL);
	if (!json_is_string(v))
		return GZ_EINVAL;
	return article_set(field, json_string_value(v));
}

static int
get_int(const json_t *o, const char *k, int64_t *out)
{
	json_t *v = json_object_get(o, k);

	if (v == NULL)
		return GZ_OK;
	if (!json_is_integer(v))
		return GZ_EINVAL;
	*out = json_integer_value(v);
	return GZ_OK;
}

int
article_from_json(const json_t *o, struct article *a)
{
	json_t *v;
	int64_t n;
	int rc = GZ_OK, k;

	if (!json_is_object(o))
		return GZ_EINVAL;
#define X(f) if (!rc) rc = get_str(o, #f, &a->f);
	STR_FIELDS(X)
#undef X
	if (!rc) rc = get_str(o, "body", &a->body);
	if (rc)
		return rc;
	if ((v = json_object_get(o, "status"))) {
		if (!json_is_string(v) ||
		    (k = article_status_parse(json_string_value(v))) < 0)
			return GZ_EINVAL;
		a->status = (enum article_status)k;
	}
	if ((v = json_object_get(o, "format"))) {
		if (!json_is_string(v) ||
		    (k = body_format_parse(json_string_value(v))) < 0)
			return GZ_EINVAL;
		a->format = (enum body_format)k;
	}
	n = a->weight;
	if ((rc = get_int(o, "weight", &n)))
		return rc;
	a->weight = (int)n;
	if ((rc = get_int(o, "date", &a->date)))
		return rc;
	n = a->date_offset;
	if ((rc = get_int(o, "date_offset", &n)))
		return rc;
	a->date_offset = (int)n;
	if ((rc = get_int(o, "expire", &a->expire)))
		return rc;
	if ((v = json_object_get(o, "tags")) &&
	    (rc = strv_from_json(v, &a->tags)))
		return rc;
	if ((v = json_object_get(o, "categories")) &&
	    (rc = strv_from_json(v, &a->categories)))
		return rc;
	if ((v = json_object_get(o, "extra"))) {
		char *s = json_is_string(v) ? NULL :
		    json_dumps(v, JSON_COMPACT | JSON_PRESERVE_ORDER);
		rc = article_set(&a->extra, s ? s : json_string_value(v));
		free(s);
	}
	return rc;
}
