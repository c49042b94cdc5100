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
 * attributes each (href and src only when url_is_safe(), and without
 * control characters, which would be written as U+FFFD).  Of style and
 * align only text-align center or right on paragraphs, headings, divs
 * and cells is kept, written as style="text-align:center".  Dropped with
 * everything inside: script, style, forms, embedded content, svg and
 * math, comments (Word's <!--[if ...]> blocks too; between <![if ...]>
 * and <![endif]> the content stays, as browsers show it), Word's <xml>
 * islands, VML (v:*) and Office (o:*) elements (but one written as
 * <v:x/> is only itself: the parser put what follows inside it), empty
 * <o:p> markers, hidden text (display:none) and Word's comments.  Any
 * other element (span, font, center, st1:*, w:*) is unwrapped: its
 * children stay.
 *
 * What Word and WPS mean is kept in plain HTML:
 *  - b, strong, and bold in a style become <strong>; i, em and italic
 *    <em>; u and underline <u>; s, strike and line-through <s>;
 *    vertical-align super and sub <sup> and <sub>; never one inside
 *    itself, nor <strong> inside a heading or <u> inside a link; runs of
 *    one side by side are joined ("2023" and "年" of two languages);
 *  - paragraphs with mso-list in their style become <ul> or <ol> of
 *    <li>, nested by level, a list per run of paragraphs of one list;
 *    the marker (1., 一、, a bullet) goes, deciding ol or ul and start;
 *  - p.MsoTitle is h1, p.MsoSubtitle h2, p.MsoHeadingN and p.HeadingN
 *    hN, a p with mso-outline-level:N hN (N past 6: h6);
 *  - a <p> that is the only child of a td or th is unwrapped;
 *  - the tables Word writes in <![if !vml]> and <![if !mso]> to place
 *    floating pictures and text boxes are unwrapped (what is in their
 *    cells stays), and the <br clear=all> after them (mso-ignore:
 *    vglayout) and page and section breaks go;
 *  - paragraphs and headings with nothing to see (&nbsp;, <o:p>, <br>)
 *    go, and so does white space at the start of a paragraph;
 *  - <a> without a safe href, and Word's bookmarks (name="_Toc...",
 *    href="#_Toc..."), are unwrapped: their text stays.
 * Sanitizing the output again gives the same output.
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

/* Options of sanitize_html_opt(); all may be 0. */
struct sanitize_opt {
	/*
	 * Called for every <img> src (decoded: data:, file:, http(s):,
	 * relative), so the admin can relink pasted images.  Set *keep to
	 * 1 to keep the image, with its new src written to out (out left
	 * empty: the src as it is); leave *keep 0 to drop the img.  A src
	 * kept must still pass url_is_safe(), or the img is dropped.
	 * Returning anything but GZ_OK stops sanitizing with that error.
	 *
	 * Without a hook an img is kept only when url_is_safe(src).  Word
	 * copies its images as file:///C:/Users/.../clip_image001.png and
	 * in <v:imagedata>: the server cannot fetch those, so without a
	 * hook that relinks them they are dropped (v:imagedata always).
	 */
	int (*image)(const char *src, size_t n, struct buf *out, int *keep,
	    void *arg);
	void *arg;   /* handed to image */
};

/* sanitize_html() with options; o may be NULL. */
int sanitize_html_opt(struct buf *out, const char *html, size_t n,
    const struct sanitize_opt *o);

#endif
