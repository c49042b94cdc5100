/*
 * sanitize: turn untrusted HTML (from the web editor, pasted from Microsoft
 * Word or WPS, or imported) into HTML that is safe to publish.
 *
 * The input is parsed with gumbo as the HTML5 parser of a browser would
 * parse it inside a <div>, and the tree is written out again from an
 * allowlist of elements, attributes and style properties.  The output is
 * always well-formed: every element is closed, nothing is deeper than
 * SANITIZE_MAX_DEPTH, and every text and attribute byte went through
 * escape_html().  The same input always yields the same bytes.
 */
#ifndef GZ_SANITIZE_H
#define GZ_SANITIZE_H

#include <stddef.h>

#include "buf.h"

/* Elements nested deeper than this are unwrapped (their children kept). */
#define SANITIZE_MAX_DEPTH 256

/*
 * Clean untrusted HTML (a fragment, as inside <body>) and append the safe
 * HTML to out.  html need not be NUL-terminated or valid UTF-8 (bad bytes
 * become U+FFFD); the output is valid UTF-8.
 *
 * Kept: an allowlist of structural and inline elements, with a few
 * attributes each (href and src only when url_is_safe()), and in style
 * only text-align, text-indent, font-weight, font-style and
 * text-decoration with plain values.  Dropped with everything inside:
 * script, style, forms, embedded content, svg and math, comments
 * (Word's <!--[if ...]> blocks too; between <![if ...]> and <![endif]>
 * the content stays, as browsers show it), Word's <xml> islands and
 * empty <o:p> markers.  Any other element (font, center, o:p, st1:*) is
 * unwrapped: its children stay.
 *
 * Returns GZ_OK, GZ_ENOMEM, GZ_ETOOBIG when n is 4 GiB or more (gumbo's
 * limit), or GZ_EINVAL if gumbo failed or html is NULL with n > 0.  On
 * error out is cut back to its earlier length, so it never ends in half
 * an element (a sticky error of out stays set).  The caller owns out as
 * before; nothing else is left allocated.
 *
 * Gumbo's time grows with the square of the nesting depth of the input
 * (100,000 nested <div> take half a minute), so callers that take HTML
 * from the network should limit its size.
 */
int sanitize_html(struct buf *out, const char *html, size_t n);

#endif
