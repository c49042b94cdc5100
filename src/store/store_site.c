/*
 * store_site: the site table.
 */
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "store_int.h"

void
site_clear(struct site *s)
{
	free(s->name);
	free(s->title);
	free(s->base_url);
	free(s->languages);
	free(s->default_lang);
	free(s->settings);
	memset(s, 0, sizeof *s);
}

int
site_has_lang(const struct site *s, const char *lang)
{
	size_t n = strlen(lang);
	const char *p = s->languages;

	while (p && *p) {
		const char *e = strchr(p, ',');
		size_t k = e ? (size_t)(e - p) : strlen(p);
		if (k == n && memcmp(p, lang, n) == 0)
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

int
lang_valid(const char *s)
{
	size_t i, n = strlen(s);

	if (n < 2 || n > 12)
		return 0;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') ||
		    (s[i] >= 'A' && s[i] <= 'Z') ||
		    (i > 1 && (s[i] == '-' || (s[i] >= '0' && s[i] <= '9')))))
			return 0;
	return 1;
}

int
site_languages_check(const char *langs, const char *def, struct buf *why)
{
	const char *p = langs, *e;
	char code[16];
	struct site tmp = {0};

	buf_reset(why);
	if (langs == NULL || *langs == '\0') {
		buf_printf(why, "give one or more language codes separated by "
		    "commas, like zh,en");
		return GZ_EINVAL;
	}
	for (; p; p = e ? e + 1 : NULL) {
		size_t k;
		e = strchr(p, ',');
		k = e ? (size_t)(e - p) : strlen(p);
		if (k == 0) {
			buf_printf(why, "an empty code in \"%s\"; give codes "
			    "separated by single commas, like zh,en", langs);
			return GZ_EINVAL;
		}
		if (k >= sizeof code) {
			buf_printf(why, "\"%.*s\" is not a language code; use "
			    "codes like zh,en", (int)k, p);
			return GZ_EINVAL;
		}
		memcpy(code, p, k);
		code[k] = '\0';
		if (!lang_valid(code)) {
			buf_printf(why, "\"%s\" is not a language code; use "
			    "codes like zh,en", code);
			return GZ_EINVAL;
		}
		/* A repeat: the code already in the part before p. */
		tmp.languages = strndup(langs, (size_t)(p - langs));
		if (tmp.languages == NULL)
			return GZ_ENOMEM;
		if (site_has_lang(&tmp, code)) {
			free(tmp.languages);
			buf_printf(why, "%s is listed twice", code);
			return GZ_EINVAL;
		}
		free(tmp.languages);
	}
	tmp.languages = (char *)langs;
	if (def && !site_has_lang(&tmp, def)) {
		buf_printf(why, "the default language %s is not one of %s",
		    def, langs);
		return GZ_EINVAL;
	}
	return GZ_OK;
}

int
site_utc_offset(const struct site *s)
{
	long v = site_setting_int(s, "utc_offset", 480);

	return v >= -720 && v <= 840 ? (int)v : 480;
}

static int
site_row(sqlite3_stmt *s, void *p)
{
	struct site *out = p;
	int rc = GZ_OK;

	site_clear(out);
	out->id = sqlite3_column_int64(s, 0);
	out->name = store_col_text(s, 1, &rc);
	out->title = store_col_text(s, 2, &rc);
	out->base_url = store_col_text(s, 3, &rc);
	out->languages = store_col_text(s, 4, &rc);
	out->default_lang = store_col_text(s, 5, &rc);
	out->settings = store_col_text(s, 6, &rc);
	out->created = sqlite3_column_int64(s, 7);
	out->updated = sqlite3_column_int64(s, 8);
	return rc;
}

int
store_site_add(struct store *st, struct site *site)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SITE_INSERT);
	int64_t now = store_now();
	int rc;

	if (s == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, site->name);
	store_bind_text(s, 2, site->title ? site->title : site->name);
	store_bind_text(s, 3, site->base_url ? site->base_url : "");
	store_bind_text(s, 4, site->languages ? site->languages : "zh,en");
	store_bind_text(s, 5, site->default_lang ? site->default_lang : "zh");
	store_bind_text(s, 6, site->settings ? site->settings : "{}");
	sqlite3_bind_int64(s, 7, now);
	if ((rc = store_step_done(st, s)) == GZ_ECONSTRAINT)
		return GZ_EEXIST;
	if (rc == GZ_OK) {
		site->id = sqlite3_last_insert_rowid(st->db);
		site->created = site->updated = now;
	}
	return rc;
}

int
store_site_get(struct store *st, const char *name, struct site *out)
{
	sqlite3_stmt *s;

	if (name == NULL)
		return store_one_row(st, store_stmt(st, STMT_SITE_FIRST), site_row,
		    out);
	if ((s = store_stmt(st, STMT_SITE_BY_NAME)) == NULL)
		return GZ_ESTORE;
	store_bind_text(s, 1, name);
	return store_one_row(st, s, site_row, out);
}

int
store_site_get_id(struct store *st, int64_t id, struct site *out)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SITE_BY_ID);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	return store_one_row(st, s, site_row, out);
}

int
store_site_update(struct store *st, const struct site *site)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SITE_UPDATE);

	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, site->id);
	store_bind_text(s, 2, site->title);
	store_bind_text(s, 3, site->base_url);
	store_bind_text(s, 4, site->languages);
	store_bind_text(s, 5, site->default_lang);
	store_bind_text(s, 6, site->settings ? site->settings : "{}");
	sqlite3_bind_int64(s, 7, store_now());
	return store_step_done(st, s);
}

struct site_each {
	struct site site;
	int (*fn)(const struct site *, void *);
	void *arg;
};

static int
site_each(sqlite3_stmt *s, void *p)
{
	struct site_each *e = p;
	int rc = site_row(s, &e->site);

	return rc ? rc : e->fn(&e->site, e->arg);
}

int
store_site_list(struct store *st, int (*fn)(const struct site *, void *),
    void *arg)
{
	struct site_each e = {{0}, fn, arg};
	int rc;

	rc = store_each_row(st, store_stmt(st, STMT_SITE_LIST), site_each, &e);
	site_clear(&e.site);
	return rc;
}

long
site_setting_int(const struct site *s, const char *key, long def)
{
	json_t *o, *v;
	long r = def;

	if (s->settings == NULL || (o = json_loads(s->settings, 0, NULL)) == NULL)
		return def;
	v = json_object_get(o, key);
	if (json_is_integer(v))
		r = (long)json_integer_value(v);
	else if (json_is_boolean(v))
		r = json_is_true(v);
	json_decref(o);
	return r;
}

int
site_setting_set(struct site *s, const char *key, const char *value)
{
	json_t *o, *v;
	char *text;

	o = s->settings ? json_loads(s->settings, 0, NULL) : NULL;
	if (o == NULL && (o = json_object()) == NULL)
		return GZ_ENOMEM;
	if ((v = json_loads(value, JSON_DECODE_ANY, NULL)) == NULL)
		v = json_string(value);
	if (v == NULL || json_object_set_new(o, key, v) ||
	    (text = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER |
	    JSON_SORT_KEYS)) == NULL) {
		json_decref(o);
		return GZ_ENOMEM;
	}
	json_decref(o);
	free(s->settings);
	s->settings = text;
	return GZ_OK;
}
