/*
 * permalink: where each page of a site lives.  Paths are stable: they
 * come from language, channel path and slug, never from a title.
 *
 *   /                    home of the default language; /en/ for others
 *   /news/               page 1 of a channel; /news/page/2/ and so on
 *   /news/SLUG.html      an article
 *   /rss.xml /atom.xml   feeds of a language; /news/rss.xml of a channel
 *
 * Each function appends a root-relative URL ("/en/news/x.html") to out;
 * permalink_file() turns such a URL into the file that holds it.
 */
#ifndef GZ_PERMALINK_H
#define GZ_PERMALINK_H

#include "buf.h"

/* "/" for the default language, "/LANG/" for the others. */
void permalink_home(struct buf *out, const char *lang, const char *default_lang);
/* A channel's page (1-based); page 1 is the channel's folder. */
void permalink_channel(struct buf *out, const char *lang,
    const char *default_lang, const char *path, int page);
/* An article. */
void permalink_article(struct buf *out, const char *lang,
    const char *default_lang, const char *path, const char *slug);
/* A feed ("rss.xml" or "atom.xml") of a language (path NULL) or channel. */
void permalink_feed(struct buf *out, const char *lang,
    const char *default_lang, const char *path, const char *file);
/* The file, relative to the output root, of a URL made above:
 * "/news/" -> "news/index.html", "/a.html" -> "a.html". */
void permalink_file(struct buf *out, const char *url);
/* base_url (with or without its trailing slash) joined with url. */
void permalink_absolute(struct buf *out, const char *base_url,
    const char *url);

#endif
