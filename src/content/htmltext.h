/*
 * htmltext: the text a reader sees in a piece of HTML, for the search
 * index.  Meant for the HTML Gazette itself makes (rendered Markdown,
 * sanitized bodies), not for arbitrary pages: tags are dropped,
 * character references decoded, and every block boundary (p, li, h1,
 * br, td, ...) becomes a newline so that words of different blocks do
 * not run together; inline tags (strong, a, em, ...) join their text
 * with what is around it, as a browser shows it.
 */
#ifndef GZ_HTMLTEXT_H
#define GZ_HTMLTEXT_H

#include <stddef.h>

#include "buf.h"

/* Append the text of html[0..n) to out; returns GZ_OK or GZ_ENOMEM. */
int htmltext_extract(const char *html, size_t n, struct buf *out);

#endif
