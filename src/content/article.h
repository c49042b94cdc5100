/*
 * article: the content model of one article, as the store, the front
 * matter reader and writer, the CLI and (later) the publisher see it.
 *
 * Every string field is either NULL (absent) or a malloc'd NUL-terminated
 * UTF-8 string owned by the struct; article_clear() frees them all.
 */
#ifndef GZ_ARTICLE_H
#define GZ_ARTICLE_H

#include <stddef.h>
#include <stdint.h>

enum article_status {
	ARTICLE_DRAFT = 0,
	ARTICLE_REVIEW,    /* submitted, waiting for a reviewer */
	ARTICLE_APPROVED,  /* every review level approved, not yet live */
	ARTICLE_PUBLISHED, /* live (or goes live at its publish time) */
	ARTICLE_OFFLINE,   /* taken down */
	ARTICLE_STATUS__COUNT
};

enum body_format {
	BODY_MARKDOWN = 0,
	BODY_HTML,         /* sanitized HTML, e.g. from the admin editor */
};

/* A list of strings (tags, categories). */
struct strv {
	char **v;
	size_t n;
};

struct article {
	int64_t id;              /* 0 until stored */
	int64_t site_id;
	int64_t channel_id;
	char *lang;              /* language code, e.g. "zh" */
	char *channel;           /* channel path within the language, e.g. "news" */
	char *slug;              /* last part of the permalink; stable */
	char *title;
	char *subtitle;
	char *author;
	char *source;
	char *summary;
	char *translation_key;   /* shared by the translations of one article */
	char *extra;             /* other front matter fields as a JSON object */
	char *body;              /* Markdown or sanitized HTML, see format */
	struct strv tags;
	struct strv categories;
	enum body_format format;
	enum article_status status;
	int weight;              /* 0: not pinned; pinned items sort by weight */
	int64_t date;            /* publish time, Unix seconds */
	int date_offset;         /* minutes east of UTC that date is shown in */
	int64_t expire;          /* takedown time, Unix seconds; 0 = none */
	int64_t created;         /* Unix seconds; set by the store */
	int64_t updated;
	int revision;            /* number of the current revision */
	int deleted;             /* in the trash */
};

/* Zero every field. */
void article_init(struct article *a);
/* Free every field and zero the struct. */
void article_clear(struct article *a);
/* Replace *field with a copy of s (NULL clears).  GZ_OK or GZ_ENOMEM. */
int article_set(char **field, const char *s);
/* Replace *field with a copy of n bytes of s. */
int article_setn(char **field, const char *s, size_t n);
/* Deep copy src into dst (dst is cleared first). */
int article_copy(struct article *dst, const struct article *src);
/* Whether two articles have the same content (ids and times ignored). */
int article_same_content(const struct article *a, const struct article *b);

/* Store the body with \n line ends: \r\n and lone \r become \n
 * (Word, WPS and Windows editors write \r\n). */
void article_normalize_body(struct article *a);

/* "draft", "review", "approved", "published", "offline". */
const char *article_status_name(enum article_status s);
/* Parse a status name; returns -1 if unknown. */
int article_status_parse(const char *name);
/* "markdown" or "html". */
const char *body_format_name(enum body_format f);
/* Parse a format name ("markdown", "md", "html"); -1 if unknown. */
int body_format_parse(const char *name);

/*
 * Whether s may be a slug (of an article or channel): 1 to 200 bytes, no
 * slash, backslash, whitespace, control character or URL-special character
 * (? # % & " ' < >), not "." or "..", not starting with a dot.  Letters
 * outside ASCII (Chinese slugs) are allowed.
 */
int slug_valid(const char *s);
/* A slug for a new article (malloc'd; NULL on ENOMEM): the ASCII words
 * of its title, or its date and a number when the title has too few
 * (Chinese titles). */
char *article_make_slug(const struct article *a);

/* Append a copy of s to v.  GZ_OK or GZ_ENOMEM. */
int strv_push(struct strv *v, const char *s);
/* Free every string and the array. */
void strv_clear(struct strv *v);
/* Whether two lists hold the same strings in the same order. */
int strv_eq(const struct strv *a, const struct strv *b);

#endif
