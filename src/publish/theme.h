/*
 * theme: a theme folder loaded for a build — its templates (parsed once,
 * shared by every rendering thread), its interface strings per language,
 * and its static files.  docs/theme.md describes the folder.
 */
#ifndef GZ_THEME_H
#define GZ_THEME_H

#include <jansson.h>

#include "buf.h"
#include "store.h"
#include "tmpl.h"

struct theme {
	char *dir;
	struct tmpl_set *templates;  /* page templates and partials */
	json_t *i18n;                /* {"zh": {...}, "en": {...}} */
	char *css_version;           /* hash of the stylesheet, for ?v= */
};

/*
 * Find the theme called name: SITE_DIR/themes/NAME, then the installed
 * data folder, then the source tree beside the program.  Load it into
 * *out.  why names the file and line of any template error.
 */
int theme_load(const char *site_dir, const char *name, const char *argv0,
    struct theme **out, struct buf *why);
void theme_free(struct theme *t);
/* The theme a site asks for (setting "theme"), default "default";
 * malloc'd, NULL when out of memory. */
char *theme_site_name(const struct site *site);
/* The page template for a kind ("article", ...), or NULL. */
const struct tmpl *theme_template(const struct theme *t, const char *kind);
/* The interface strings of lang (English ones for a language the theme
 * does not know); borrowed. */
json_t *theme_strings(const struct theme *t, const char *lang);
/* Copy the theme's static/ folder to out_dir/assets/. */
int theme_copy_static(const struct theme *t, const char *out_dir,
    struct buf *why);

#endif
