/*
 * frontmatter: reading and writing article files in the exchange format,
 * the one Hugo reads: YAML front matter between two `---` lines, then the
 * Markdown (or HTML) body.
 *
 *	---
 *	title: "关于启动2021年度院士政策的通知"
 *	date: 2021-06-07T09:04:42+08:00
 *	author: "何敏"
 *	channel: news
 *	categories: ["新闻动态"]
 *	tags: ["党支部", "代表大会"]
 *	lang: zh
 *	translationKey: a000013
 *	---
 *
 *	Body...
 *
 * Known keys map to fields of struct article (matched without regard to
 * case, as Hugo does); every other key is kept, in file order, in
 * article.extra as a JSON object and written back after the known ones,
 * so files round-trip.
 */
#ifndef GZ_FRONTMATTER_H
#define GZ_FRONTMATTER_H

#include <stddef.h>

#include "article.h"
#include "buf.h"

/*
 * Parse a whole article file (text[0..n), NUL-terminated at n) into a.
 *
 * The caller has set a->date_offset to the site's default offset (used for
 * dates written without one) and may have set lang, channel and slug from
 * the path; fields found in the file replace them.  Fields the file does
 * not mention are left alone, except status, which becomes
 * ARTICLE_PUBLISHED unless `draft: true` or `status:` say otherwise;
 * extra, which becomes the file's other keys as compact JSON (NULL if
 * none); and body, which is always set (possibly to "").  A key whose
 * value is null (`summary:` or `~`) counts as absent, and so does a date
 * of exactly the Unix epoch.  Strings set in a are owned by a, as always.
 *
 * On error appends "PATH:LINE: what is wrong; what to do" to why (PATH is
 * path, LINE 1-based in the file, and a column where one is known) and
 * returns GZ_EINVAL, GZ_EUTF8 for invalid UTF-8, or GZ_ENOMEM; a may then
 * hold some of the fields and should be cleared by the caller.
 */
int frontmatter_parse(const char *path, const char *text, size_t n,
    struct article *a, struct buf *why);
/*
 * Append the canonical file for a to out: "---\n", the front matter in the
 * canonical key order (title, subtitle, date, author, channel, categories,
 * tags, lang, translationKey, source, summary, weight, draft, status,
 * expiryDate, format, then the extra keys in their order), "---\n\n" and
 * the body.  Empty or default fields are left out; slug is never written
 * (the file name is the slug).  A file written by the generator in
 * bench/gen-corpus comes out byte for byte as it went in.
 *
 * Returns GZ_OK, GZ_EINVAL if a->extra is not a JSON object (nothing is
 * appended then), or GZ_ENOMEM.
 */
int frontmatter_write(struct buf *out, const struct article *a);

/* Whether key is one of the fields the reader maps to the article
 * (any case); the writer never writes such a key from `extra`. */
int frontmatter_known_key(const char *key);
/* Whether a YAML 1.1 reader (Hugo's) would take s as a bool or null
 * (y, n, yes, no, on, off, true, false, null, in any case). */
int frontmatter_reserved_word(const char *s);

#endif
