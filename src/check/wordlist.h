/*
 * wordlist: the list of sensitive words that must not appear in what an
 * editor submits for review, and the matcher that finds them.
 *
 * Administrators keep one list of words, Chinese and English.  The
 * matcher is an Aho-Corasick automaton over normalized characters: it
 * finds every word in one pass over the text, O(text + hits), however
 * long the list.
 *
 * Matching rules.  The text and every word are normalized the same way
 * before they are compared:
 *
 *  - Case: ASCII and Latin letters (Latin-1, Latin Extended-A, Latin
 *    Extended Additional) fold to lower case.  Fullwidth forms
 *    U+FF01..U+FF5E (Ａ, ａ, ０, ！...) fold to their ASCII twins first.
 *    Diacritics are kept: "café" is not "cafe".
 *  - Invisible characters are dropped wherever they are, so a word
 *    cannot be hidden by inserting them: zero-width space, joiners,
 *    word joiner, BOM, soft hyphen, bidirectional controls, variation
 *    selectors (Unicode's Default_Ignorable_Code_Point) and control
 *    characters other than line breaks and tabs.
 *  - A run of white space (space, tab, line break, no-break space,
 *    ideographic space...) counts as one space, so "free  tibet" and a
 *    "free tibet" broken across two lines match "free tibet".
 *  - Between two CJK characters (Han, kana, Hangul), white space and
 *    punctuation (ASCII, fullwidth, CJK U+3000..U+303F, general
 *    punctuation such as “” — …, middle dots) are dropped: "法 轮 功",
 *    "法.轮.功" and "法\n轮功" all match 法轮功.  Between Latin letters
 *    they are kept.  (〇, 々 and the Hangzhou numerals in U+3000..U+303F
 *    are characters, not punctuation.)
 *  - A word whose first character is a Latin letter or digit matches
 *    only where the character before it in the text is not a Latin
 *    letter or digit (after the rules above), and likewise at its end:
 *    "ass" is not in "class" or "assess" but is in "ass." and "中ass".
 *    Chinese has no spaces, so a CJK end of a word matches anywhere.
 *  - Invalid UTF-8 in the text never matches anything and never crashes.
 *
 * A hit reports byte offsets into the original text, [start, end): from
 * the first byte of the first matched character to the last byte of the
 * last, so it covers the invisible characters and dropped separators
 * inside the match but none around it.  Overlapping hits of different
 * words are all reported, ordered by start, the longer first on a tie.
 *
 * Words that normalize to the same thing ("ASS", "ass", "法 轮 功" and
 * 法轮功) are one word: the first spelling added is kept and later ones
 * are accepted and ignored.
 *
 * Memory: about 30 bytes per normalized character of the list.
 * Threads: a built list is only read by wordlist_scan(); build it
 * (wordlist_parse() does) before sharing it between threads.
 */
#ifndef GZ_WORDLIST_H
#define GZ_WORDLIST_H

#include <stddef.h>

#include "buf.h"

/* The longest word, in characters. */
#define WORDLIST_WORD_MAX 100
/* The most (distinct) words in one list. */
#define WORDLIST_WORDS_MAX 100000

struct wordlist;

/* One hit: text[start..end) matched word number `word`. */
struct wordlist_hit {
	size_t start, end;
	size_t word;
};

/*
 * Called once per hit, in order of start (the longer first on a tie).
 * The hit is valid only during the call.  A nonzero return stops the
 * scan, which returns that value.
 */
typedef int (*wordlist_fn)(const struct wordlist_hit *hit, void *arg);

/* A new empty list in *out (GZ_OK) or GZ_ENOMEM.  Free with
 * wordlist_free(). */
int wordlist_new(struct wordlist **out);
/* Free w and everything in it (NULL is fine). */
void wordlist_free(struct wordlist *w);

/*
 * Add the words of an administrator's list: UTF-8, one word a line;
 * white space around a word is trimmed, blank lines and lines starting
 * with # are ignored (so no word can start with #), a duplicate is
 * fine.  Builds the automaton.
 * On bad input (not UTF-8, a word over WORDLIST_WORD_MAX characters,
 * more than WORDLIST_WORDS_MAX words) returns GZ_EINVAL and appends to
 * why (if not NULL) a message naming the line and what to do; w then
 * holds the words of the lines before and is best discarded.  Also
 * GZ_ENOMEM.
 */
int wordlist_parse(
    struct wordlist *w, const char *text, size_t n, struct buf *why);

/*
 * Add one word (UTF-8, n bytes, white space around it trimmed).  Its
 * number is the count of words before it; a duplicate adds nothing and
 * returns GZ_OK.  Returns GZ_EUTF8 if it is not UTF-8, GZ_EINVAL if it
 * is empty once trimmed, GZ_ETOOBIG if it is longer than
 * WORDLIST_WORD_MAX characters or the list is full, or GZ_ENOMEM.
 * The automaton is rebuilt by the next wordlist_build() or scan.
 */
int wordlist_add(struct wordlist *w, const char *word, size_t n);

/* Build the automaton now rather than at the next scan: GZ_OK or
 * GZ_ENOMEM. */
int wordlist_build(struct wordlist *w);

/* The number of distinct words. */
size_t wordlist_count(const struct wordlist *w);
/* Word number i as added (trimmed), NUL-terminated and owned by w; NULL
 * when i is out of range. */
const char *wordlist_word(const struct wordlist *w, size_t i);

/*
 * Find every word of w in text[0..n) and call fn for each hit (see
 * wordlist_fn).  Builds the automaton first if words were added since
 * it was last built, which is why w is not const; a built list is only
 * read.  Returns GZ_OK, GZ_ENOMEM, or what fn returned.
 */
int wordlist_scan(
    struct wordlist *w, const char *text, size_t n, wordlist_fn fn, void *arg);

#endif
