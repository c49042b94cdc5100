/*
 * escape: every byte of text that leaves Gazette for HTML, XML, URLs, JSON
 * or YAML goes through one of these, one function per context.  They
 * append to a buf; the unescaped way is buf_put(), which says "raw" by
 * being a different module.
 */
#ifndef GZ_ESCAPE_H
#define GZ_ESCAPE_H

#include <stddef.h>

#include "buf.h"

/* HTML or XML text and double- or single-quoted attribute values:
 * & < > " ' become entities. */
void escape_html(struct buf *b, const char *s, size_t n);
/* escape_html() of a NUL-terminated string (NULL appends nothing). */
void escape_html_str(struct buf *b, const char *s);
/* One URL component (a path segment or query value): everything but
 * RFC 3986 unreserved characters is percent-encoded. */
void escape_url(struct buf *b, const char *s, size_t n);
/*
 * Decode the character reference s[0..n), all of "&...;", into out (at
 * least 4 bytes): its UTF-8 length, or 0 for a name we do not know
 * (which stays text).  Invalid code points become U+FFFD.
 */
size_t escape_entity_decode(const char *s, size_t n, char *out);
/* The inside of a JSON string (no quotes added). */
void escape_json(struct buf *b, const char *s, size_t n);
/* A whole YAML double-quoted scalar, quotes included; characters a YAML
 * reader refuses or reads as line breaks (controls, C1, U+2028/2029,
 * U+FEFF, U+FFFE/FFFF) are escaped. */
void escape_yaml(struct buf *b, const char *s, size_t n);

/*
 * Whether a URL may appear in an href or src of a published page.
 * Relative URLs and http, https, mailto, tel and ftp are allowed;
 * javascript:, vbscript: and every other scheme are refused, including
 * when disguised with case, whitespace or control characters.  data: is
 * allowed only when for_image is set and the type is a raster image.
 */
int url_is_safe(const char *url, size_t n, int for_image);

#endif
