/*
 * utf8: validation and decoding of UTF-8 text.
 */
#ifndef GZ_UTF8_H
#define GZ_UTF8_H

#include <stddef.h>
#include <stdint.h>

/*
 * Whether s[0..n) is well-formed UTF-8 (no overlongs, surrogates or code
 * points above U+10FFFF).  On failure, *bad (if not NULL) is the offset of
 * the first byte of the offending sequence.
 */
int utf8_valid(const char *s, size_t n, size_t *bad);
/*
 * Decode one code point at s (at most n bytes).  Returns its length in
 * bytes and stores it in *cp; an invalid sequence yields length 1 and
 * U+FFFD.  n must be at least 1.
 */
size_t utf8_decode(const char *s, size_t n, uint32_t *cp);
/* Write the UTF-8 encoding of cp to out (4 bytes room); returns its
 * length.  Surrogates and values past U+10FFFF become U+FFFD. */
size_t utf8_encode(uint32_t cp, char *out);
/* Line (1-based) and column in characters (1-based) of byte offset off. */
void utf8_position(const char *s, size_t off, size_t *line, size_t *col);

/* Columns s takes on a terminal: East Asian wide characters count 2. */
size_t utf8_width(const char *s);

#endif
