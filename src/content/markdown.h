/*
 * markdown: article bodies from Markdown to HTML.
 *
 * Our own renderer on md4c's callback parser, so that we decide which URLs
 * may appear in href and src, and how headings get their anchors.  Every
 * byte of text and every attribute leaves through escape_html(); the only
 * raw output is our own markup and, on trusted sites, the authors' HTML.
 */
#ifndef GZ_MARKDOWN_H
#define GZ_MARKDOWN_H

#include <stddef.h>

#include "buf.h"

#define MARKDOWN_TRUSTED                                                       \
	0x1 /* the site trusts its authors: raw HTML passes through */

/*
 * Render Markdown (CommonMark + GitHub tables, strikethrough, task lists,
 * autolinks) to HTML appended to out. Returns GZ_OK, GZ_ENOMEM, or GZ_EINVAL.
 *
 * GZ_EINVAL: md is NULL with n > 0, n does not fit md4c's 32-bit sizes, or
 * flags has bits other than MARKDOWN_TRUSTED.  On any error out is cut
 * back to its length on entry (or keeps its sticky error), so a caller
 * never publishes half a body.  A UTF-8 byte order mark at the start of md
 * is skipped.  Links whose URL url_is_safe() refuses render as their text
 * alone; images whose src it refuses render as their alt text.
 */
int markdown_to_html(struct buf *out, const char *md, size_t n, int flags);

/*
 * Append to out the anchor id for a heading whose plain text is
 * text[0..n): ASCII letters lowercased, ASCII digits and non-ASCII letters
 * (CJK and others, as UTF-8) kept, every run of anything else (spaces,
 * ASCII and CJK punctuation, symbols, invalid UTF-8) one '-', no '-' at
 * either end; "section" when nothing is left.  markdown_to_html() adds
 * "-2", "-3"... to repeats within one document.  The publisher's link
 * checker uses this to resolve "#anchor" links.
 */
void markdown_slug(struct buf *out, const char *text, size_t n);

#endif
