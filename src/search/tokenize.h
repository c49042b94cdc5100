/*
 * tokenize: the search tokenizer for mixed Chinese and Latin text, and the
 * FTS5 tokenizer "gazette" built on it.
 *
 * The promise of site search: the articles found for a query are exactly
 * those whose title or body contains it.  For Chinese that means any run
 * of one or more Han characters; for Latin, Greek and Cyrillic it means
 * whole words, folded for case and diacritics.
 *
 * Han characters (also kana and Hangul: "CJK" below) are indexed as
 * overlapping bigrams with unigrams colocated.  A run c0 c1 .. c(n-1)
 * takes n positions; in document mode position i holds the unigram ci
 * and, colocated, the bigram ci c(i+1) (for i < n-1).  In query mode
 * position i holds the bigram ci c(i+1) for i < n-1 and the last
 * position the unigram c(n-1), so a query run also takes n positions:
 * the phrase "ABC" is AB, BC, C at consecutive positions.  That trailing
 * unigram costs one more posting-list lookup but is what makes
 * snippet()/highlight() mark exactly the matched characters and keeps a
 * term such as "增长GDP" or "中国，人民" aligned with the text it was
 * copied from.  CJK runs end at anything that is not CJK.
 *
 * Letters (Latin with its Supplement and Extended-A/B and Additional
 * blocks, IPA, Greek, Cyrillic) and digits form words: maximal runs, case
 * folded; Latin and Greek lose diacritics (é->e, ß->ss, æ->ae, ø->o,
 * Vietnamese ờ->o, ά->α), Cyrillic only loses case; combining marks and
 * invisible characters (soft hyphen, zero-width joiners, variation
 * selectors) inside a word or CJK run are skipped; fullwidth letters and
 * digits fold to ASCII; CJK compatibility ideographs, Kangxi radicals and
 * halfwidth katakana fold to the characters they are equivalent to.
 * Everything else (spaces, punctuation, symbols, emoji, invalid UTF-8)
 * separates tokens.  Words longer than TOKENIZE_MAX bytes once folded are
 * cut there, at a character boundary.
 *
 * Offsets handed to the callback are byte offsets into the text given,
 * so snippet() and highlight() mark the original characters.
 */
#ifndef GZ_TOKENIZE_H
#define GZ_TOKENIZE_H

#include <stddef.h>

#include <sqlite3.h>

#include "buf.h"

/* The longest token handed to a callback, in bytes. */
#define TOKENIZE_MAX 64
/* The flag of a token at the same position as the one before it; the
 * same value as FTS5_TOKEN_COLOCATED. */
#define TOKENIZE_COLOCATED 0x0001
/* tokenize_query() reads at most this many bytes of what was typed... */
#define TOKENIZE_QUERY_BYTES 256
/* ...and keeps at most this many terms. */
#define TOKENIZE_QUERY_TERMS 16

/*
 * Called once per token, in order: tok[0..len) is the folded token (not
 * NUL-terminated, valid only during the call), text[start..end) the bytes
 * it came from, flags 0 or TOKENIZE_COLOCATED.  A nonzero return stops
 * the tokenizer, which returns that value.  The same type as FTS5's
 * xToken callback.
 */
typedef int (*tokenize_fn)(void *arg, int flags, const char *tok, int len,
    int start, int end);

/*
 * Tokenize text[0..n): document mode when query is 0, query mode when
 * not (see above).  Pure: no allocation, no state kept.  Returns GZ_OK,
 * GZ_ETOOBIG when n does not fit an int (FTS5 offsets are ints), or the
 * first nonzero value fn returned, unchanged.
 */
int tokenize_text(const char *text, size_t n, int query, tokenize_fn fn,
    void *arg);

/*
 * Register the FTS5 tokenizer "gazette" on db, for
 *   CREATE VIRTUAL TABLE t USING fts5(..., tokenize='gazette')
 * and the ranking function gazette_bm25 (rank.h).
 * It takes no arguments.  Needed once per connection, before the table
 * is used.  Returns GZ_OK, or GZ_ESTORE when db has no FTS5.
 */
int tokenize_register(sqlite3 *db);

/*
 * Append to out an FTS5 MATCH expression for what a reader typed: the
 * text is split at whitespace (space, ASCII controls, U+3000), each term
 * with at least one token becomes a double-quoted FTS5 string ('"'
 * doubled) and the terms are joined with AND.  Nothing typed is ever FTS5
 * syntax: AND, OR, NOT, NEAR, *, ^, :, +, -, parentheses and column names
 * are plain text inside the quotes.  Invalid UTF-8 (which only ever
 * separates tokens) becomes a space, so the expression is valid UTF-8.
 * Only terms that end within the first TOKENIZE_QUERY_BYTES bytes are
 * read, and at most TOKENIZE_QUERY_TERMS of them kept.  A term with
 * separators inside ("GDP增长", "中国，人民", "e-mail") is one phrase:
 * its pieces in order with nothing but separators between them.
 *
 * Returns GZ_OK; GZ_EINVAL, appending nothing, when nothing typed is
 * searchable (empty, only spaces or punctuation); or GZ_ENOMEM.
 */
int tokenize_query(const char *user_query, struct buf *out);

#endif
