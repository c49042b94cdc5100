/*
 * wordnorm: the normalization that the sensitive-word matcher applies to
 * the words of a list and to the text it scans, so that both are
 * compared as the same stream of units.  The rules are those listed in
 * wordlist.h; only wordlist*.c use this.
 *
 * A unit is a folded code point, or one of the values past U+10FFFF
 * below.  A Latin word (letters and digits) is framed by WORDNORM_BEGIN
 * and WORDNORM_END, so the rule "a word starting with a letter matches
 * only at a word boundary" becomes plain substring matching: the list's
 * "ass" is BEGIN a s s END, and "class" holds no BEGIN before its "a".
 */
#ifndef GZ_WORDNORM_H
#define GZ_WORDNORM_H

#include <stddef.h>
#include <stdint.h>

/* What a character is to the matcher. */
enum wordnorm_class {
	WORDNORM_IGNORE, /* invisible: dropped everywhere */
	WORDNORM_SPACE,  /* white space: a run is one space */
	WORDNORM_PUNCT,  /* punctuation: dropped between two CJK */
	WORDNORM_ALNUM,  /* Latin letter or digit: words have boundaries */
	WORDNORM_CJK,    /* Han, kana, Hangul */
	WORDNORM_OTHER   /* anything else, and invalid UTF-8 */
};

#define WORDNORM_INVALID 0x110000u /* one byte of invalid UTF-8 */
#define WORDNORM_BEGIN   0x110001u /* a Latin word begins here */
#define WORDNORM_END     0x110002u /* a Latin word ended here */

/*
 * The most units a word of WORDLIST_WORD_MAX characters can become: a
 * BEGIN and an END around each of 50 one-letter words between 50
 * punctuation marks is 200.
 */
#define WORDNORM_UNITS_MAX 256

/*
 * Called for each unit with the bytes it came from, text[start..end)
 * (empty for BEGIN and END: where the word starts or ended).  A nonzero
 * return stops wordnorm_run(), which returns it.
 */
typedef int (*wordnorm_sink)(
    void *ctx, uint32_t unit, size_t start, size_t end);

/*
 * Decode the character at s (n >= 1 bytes): its length, its folded code
 * point in *unit (WORDNORM_INVALID for a bad byte) and its class.
 */
size_t wordnorm_char(const char *s, size_t n, uint32_t *unit, int *cls);

/* Normalize text[0..n) into units handed to sink, in order. */
int wordnorm_run(const char *text, size_t n, wordnorm_sink sink, void *ctx);

#endif
