/*
 * article_json: an article as a JSON object, for revisions and --json.
 */
#ifndef GZ_ARTICLE_JSON_H
#define GZ_ARTICLE_JSON_H

#include <jansson.h>

#include "article.h"

#define ARTICLE_JSON_BODY 0x1  /* include the body */
#define ARTICLE_JSON_IDS 0x2   /* include ids, times and revision */

/* A new JSON object with a's fields (NULL on ENOMEM); caller decrefs. */
json_t *article_to_json(const struct article *a, int flags);
/*
 * Fill a's content fields from an object made by article_to_json();
 * fields absent from o are left as they are, so an old revision lacking
 * newer fields restores onto today's defaults.  GZ_OK, GZ_EINVAL, ENOMEM.
 */
int article_from_json(const json_t *o, struct article *a);
/* A JSON array of the strings in v (NULL on ENOMEM). */
json_t *strv_to_json(const struct strv *v);
/* Replace v with the strings of a JSON array. */
int strv_from_json(const json_t *arr, struct strv *v);

#endif
