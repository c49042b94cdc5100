/*
 * permalink: the URL scheme of a published site.  See permalink.h.
 *
 * Slugs and channel paths are already safe in a URL path (slug_valid()
 * refuses the characters that would need escaping, bar non-ASCII letters,
 * which browsers send as UTF-8), so they are written as they are.
 */
#include <string.h>

#include "permalink.h"

static void
lang_prefix(struct buf *out, const char *lang, const char *default_lang)
{
	buf_putc(out, '/');
	if (strcmp(lang, default_lang) != 0) {
		buf_puts(out, lang);
		buf_putc(out, '/');
	}
}

void
permalink_home(struct buf *out, const char *lang, const char *default_lang)
{
	lang_prefix(out, lang, default_lang);
}

void
permalink_channel(struct buf *out, const char *lang, const char *default_lang,
    const char *path, int page)
{
	lang_prefix(out, lang, default_lang);
	buf_puts(out, path);
	buf_putc(out, '/');
	if (page > 1)
		buf_printf(out, "page/%d/", page);
}

void
permalink_article(struct buf *out, const char *lang, const char *default_lang,
    const char *path, const char *slug)
{
	lang_prefix(out, lang, default_lang);
	buf_printf(out, "%s/%s.html", path, slug);
}

void
permalink_feed(struct buf *out, const char *lang, const char *default_lang,
    const char *path, const char *file)
{
	lang_prefix(out, lang, default_lang);
	if (path)
		buf_printf(out, "%s/", path);
	buf_puts(out, file);
}

void
permalink_file(struct buf *out, const char *url)
{
	size_t n = strlen(url);

	while (*url == '/')
		url++, n--;
	buf_put(out, url, n);
	if (n == 0 || url[n - 1] == '/')
		buf_puts(out, "index.html");
}

void
permalink_absolute(struct buf *out, const char *base_url, const char *url)
{
	size_t n = strlen(base_url);

	while (n > 0 && base_url[n - 1] == '/')
		n--;
	buf_put(out, base_url, n);
	buf_puts(out, url);
}
