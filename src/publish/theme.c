/*
 * theme: loading a theme folder.  See theme.h.
 */
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>

#include <jansson.h>

#include "file.h"
#include "theme.h"

#ifndef GAZETTE_DATADIR
#define GAZETTE_DATADIR "/usr/local/share/gazette"
#endif

/* The folder of the running program, from /proc or argv[0]. */
static void
program_dir(struct buf *out, const char *argv0)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	char *slash;

	if (n > 0) {
		exe[n] = '\0';
	} else if (argv0 && strchr(argv0, '/')) {
		snprintf(exe, sizeof exe, "%s", argv0);
	} else {
		buf_puts(out, ".");
		return;
	}
	if ((slash = strrchr(exe, '/')) != NULL)
		*slash = '\0';
	buf_puts(out, exe);
}

static int
theme_find(const char *site_dir, const char *name, const char *argv0,
    struct buf *dir, struct buf *why)
{
	struct buf prog = BUF_INIT;
	int up;

	buf_reset(dir);
	buf_printf(dir, "%s/themes/%s", site_dir, name);
	if (file_is_dir(dir->data))
		return GZ_OK;
	buf_reset(dir);
	buf_printf(dir, "%s/themes/%s", GAZETTE_DATADIR, name);
	if (file_is_dir(dir->data))
		return GZ_OK;
	/* Running from the source tree: build/gazette (or a sanitizer's
	 * build/asan/gazette) with themes/ beside build/. */
	program_dir(&prog, argv0);
	for (up = 1; up <= 2; up++) {
		buf_reset(dir);
		buf_printf(dir, "%s/%sthemes/%s", buf_cstr(&prog),
		    up == 1 ? "../" : "../../", name);
		if (file_is_dir(dir->data)) {
			buf_free(&prog);
			return GZ_OK;
		}
	}
	buf_free(&prog);
	buf_printf(why, "no theme \"%s\": looked in %s/themes/%s and %s/themes/%s;"
	    " install Gazette or copy the theme there", name, site_dir, name,
	    GAZETTE_DATADIR, name);
	return GZ_ENOTFOUND;
}

static int
load_i18n(struct theme *t, struct buf *why)
{
	struct buf p = BUF_INIT;
	DIR *d;
	struct dirent *e;
	json_error_t jerr;
	int rc = GZ_OK;

	if ((t->i18n = json_object()) == NULL)
		return GZ_ENOMEM;
	buf_printf(&p, "%s/i18n", t->dir);
	if ((d = opendir(p.data)) == NULL) {
		buf_free(&p);
		return GZ_OK; /* a theme without strings */
	}
	while (rc == GZ_OK && (e = readdir(d)) != NULL) {
		size_t n = strlen(e->d_name);
		json_t *j;
		if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0)
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/i18n/%s", t->dir, e->d_name);
		if ((j = json_load_file(p.data, 0, &jerr)) == NULL ||
		    !json_is_object(j)) {
			buf_printf(why, "%s:%d:%d: %s", p.data, jerr.line,
			    jerr.column, j ? "not a JSON object" : jerr.text);
			json_decref(j);
			rc = GZ_EINVAL;
			break;
		}
		e->d_name[n - 5] = '\0';
		json_object_set_new(t->i18n, e->d_name, j);
	}
	closedir(d);
	buf_free(&p);
	return rc;
}

static int
css_version(struct theme *t)
{
	struct buf p = BUF_INIT, css = BUF_INIT;
	char hex[17];

	buf_printf(&p, "%s/static/gazette.css", t->dir);
	if (file_read(p.data, 0, &css, NULL) == GZ_OK)
		snprintf(hex, sizeof hex, "%016llx",
		    (unsigned long long)XXH3_64bits(css.data, css.len));
	else
		strcpy(hex, "0");
	buf_free(&p);
	buf_free(&css);
	hex[8] = '\0';
	return (t->css_version = strdup(hex)) ? GZ_OK : GZ_ENOMEM;
}

int
theme_load(const char *site_dir, const char *name, const char *argv0,
    struct theme **out, struct buf *why)
{
	struct theme *t;
	struct buf dir = BUF_INIT, p = BUF_INIT;
	int rc;

	*out = NULL;
	if ((t = calloc(1, sizeof *t)) == NULL)
		return GZ_ENOMEM;
	if ((rc = theme_find(site_dir, name, argv0, &dir, why)))
		goto fail;
	t->dir = buf_detach(&dir, NULL);
	if ((rc = tmpl_set_new(&t->templates)))
		goto fail;
	buf_printf(&p, "%s/templates", t->dir);
	if ((rc = tmpl_set_load_dir(t->templates, p.data, why)))
		goto fail;
	/* Partials are also found by their bare names: {{> header}}. */
	buf_puts(&p, "/partials");
	if (file_is_dir(p.data) &&
	    (rc = tmpl_set_load_dir(t->templates, p.data, why)))
		goto fail;
	if ((rc = load_i18n(t, why)) || (rc = css_version(t)))
		goto fail;
	buf_free(&p);
	*out = t;
	return GZ_OK;
fail:
	buf_free(&dir);
	buf_free(&p);
	theme_free(t);
	return rc;
}

void
theme_free(struct theme *t)
{
	if (t == NULL)
		return;
	tmpl_set_free(t->templates);
	json_decref(t->i18n);
	free(t->css_version);
	free(t->dir);
	free(t);
}

const struct tmpl *
theme_template(const struct theme *t, const char *kind)
{
	return tmpl_set_get(t->templates, kind);
}

json_t *
theme_strings(const struct theme *t, const char *lang)
{
	json_t *s = json_object_get(t->i18n, lang);

	if (s == NULL)
		s = json_object_get(t->i18n, "en");
	return s;
}

/* Copy the files of src into dst, recursively. */
static int
copy_tree(const char *src, const char *dst, struct buf *why, int depth)
{
	DIR *d;
	struct dirent *e;
	struct buf s = BUF_INIT, t = BUF_INIT, data = BUF_INIT;
	int rc = GZ_OK;

	if (depth > 16)
		return GZ_OK;
	if ((rc = file_mkdirs(dst, why)))
		return rc;
	if ((d = opendir(src)) == NULL)
		return GZ_OK;
	while (rc == GZ_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		buf_reset(&s);
		buf_reset(&t);
		buf_printf(&s, "%s/%s", src, e->d_name);
		buf_printf(&t, "%s/%s", dst, e->d_name);
		if (file_is_dir(s.data))
			rc = copy_tree(s.data, t.data, why, depth + 1);
		else if ((rc = file_read(s.data, 0, &data, why)) == GZ_OK)
			rc = file_write_atomic(t.data, data.data, data.len, 0,
			    why);
	}
	closedir(d);
	buf_free(&s);
	buf_free(&t);
	buf_free(&data);
	return rc;
}

int
theme_copy_static(const struct theme *t, const char *out_dir,
    struct buf *why)
{
	struct buf s = BUF_INIT, d = BUF_INIT;
	int rc;

	buf_printf(&s, "%s/static", t->dir);
	buf_printf(&d, "%s/assets", out_dir);
	rc = file_is_dir(s.data) ? copy_tree(s.data, d.data, why, 0) : GZ_OK;
	buf_free(&s);
	buf_free(&d);
	return rc;
}

char *
theme_site_name(const struct site *site)
{
	json_t *o = json_loads(site->settings ? site->settings : "{}", 0, NULL);
	const char *v = json_string_value(json_object_get(o, "theme"));
	char *name = strdup(v && *v && !strchr(v, '/') ? v : "default");

	json_decref(o);
	return name;
}
