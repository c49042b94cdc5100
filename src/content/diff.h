/*
 * diff: a side-by-side comparison of two revisions of an article, as
 * reviewers see it (like MediaWiki's or WordPress's revision compare).
 *
 * Two levels.  The texts are first aligned by lines (a paragraph of
 * Markdown or HTML is a line); then, in each run of changed lines, the
 * removed and the added lines are paired by similarity and each pair is
 * compared by tokens to mark what changed inside it.  A token is one CJK
 * character (Han, kana, hangul, CJK punctuation, full-width forms), a run
 * of letters and digits (Latin with accents, Greek, Cyrillic), a run of
 * white space, or any other single character; a byte that is not UTF-8 is
 * a token of its own.
 *
 * Lines are compared without their line break, and "\r\n" counts as
 * "\n": a last line with or without a final newline, or a text saved with
 * CRLF (as browsers submit a textarea) against one with LF, shows no
 * change.  Bytes that are not UTF-8, and NUL, are shown as U+FFFD (they
 * still compare as the bytes they are), so the HTML is always UTF-8.
 *
 * The work is bounded: the line and the token comparisons together take
 * at most DIFF_BUDGET steps, after which what is left is shown as
 * replaced wholesale (and `approximate` is set); weighing which removed
 * line goes with which added one has a fixed budget of its own, past
 * which lines are paired in order.  Time is O(N + M) plus the budgets,
 * memory O(N + M), for texts of N and M bytes (1 MB against an unrelated
 * 1 MB: about 0.1 s and 10 MB).
 */
#ifndef GZ_DIFF_H
#define GZ_DIFF_H

#include <stddef.h>

/* Steps of the Myers comparisons for the lines, then for the tokens. */
#define DIFF_LINE_BUDGET  4000000
#define DIFF_TOKEN_BUDGET 8000000
#define DIFF_BUDGET       (DIFF_LINE_BUDGET + DIFF_TOKEN_BUDGET)

enum diff_kind {
	DIFF_SAME,   /* the line is in both (or a fold marker, see diff_fold) */
	DIFF_CHANGE, /* a removed line beside the added line most like it */
	DIFF_DEL,    /* only on the left */
	DIFF_ADD     /* only on the right */
};

/*
 * One row of the two-column table.  The html is the escaped text of the
 * line without its line break.  Only in DIFF_CHANGE rows are changed
 * tokens wrapped: in <del>...</del> on the left, <ins>...</ins> on the
 * right (never nested, never across rows); no other tag appears.  In
 * DIFF_DEL and DIFF_ADD rows the whole line is the change, so it is not
 * marked again.
 */
struct diff_row {
	enum diff_kind kind;
	size_t left_line, right_line; /* 1-based; 0 where that side has none */
	char *left_html, *right_html; /* NULL where that side has none */
	size_t folded; /* > 0: a marker for this many unchanged lines */
};

struct diff {
	struct diff_row *rows;
	size_t n;
	size_t added, removed; /* lines only on the right, only on the left */
	size_t steps;          /* comparison steps spent, <= DIFF_BUDGET */
	int approximate;       /* the budget ran out: not a minimal diff */
};

/*
 * Compare a[0..na) (the older revision, left) with b[0..nb) (right) and
 * fill *out, which the caller frees with diff_free().  Neither text needs
 * a NUL or valid UTF-8.  Returns GZ_OK or GZ_ENOMEM; on error *out is
 * empty.
 */
int diff_texts(const char *a, size_t na, const char *b, size_t nb,
    struct diff *out);

/* Free what diff_texts() allocated; d is empty and reusable afterwards. */
void diff_free(struct diff *d);

/*
 * Fold unchanged text far from any change: keep `context` DIFF_SAME rows
 * next to each change and replace each longer run by one marker row
 * (kind DIFF_SAME, both html NULL, `folded` = lines hidden, line numbers
 * of the first hidden line).  A run is folded only when that hides at
 * least two lines, since a marker in place of one line saves nothing.
 * With no change at all, everything folds into one marker.  Meant to be
 * called once; markers already present are kept and end runs as a
 * change does.  Returns GZ_OK.
 */
int diff_fold(struct diff *d, size_t context);

#endif
