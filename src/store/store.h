/*
 * store: Gazette's database.  One SQLite file (WAL mode, foreign keys on)
 * holds a group of sites with their channels, articles, revisions, users,
 * permissions and audit log.  Every SQL statement of the program is in
 * store_sql.c and every value is bound, never formatted into SQL.
 *
 * Functions return a gz_err; GZ_ESTORE means SQLite failed and
 * store_errmsg() says why.  Strings in the structs filled by the store are
 * malloc'd and owned by the struct: free them with the *_clear() function.
 */
#ifndef GZ_STORE_H
#define GZ_STORE_H

#include <stdint.h>

#include "article.h"
#include "buf.h"

struct store;

#define STORE_CREATE 0x1   /* create the database if missing */
#define STORE_READONLY 0x2 /* open for reading only */
#define STORE_MMAP 0x4     /* map the file (long-lived readers: the server);
                              a mapping counts in the resident size */

/* The schema version this program writes (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 9

struct site {
	int64_t id;
	char *name;         /* short identifier, e.g. "main" */
	char *title;        /* shown in pages */
	char *base_url;     /* e.g. https://www.example.org/ */
	char *languages;    /* comma-separated codes, default first, "zh,en" */
	char *default_lang;
	char *settings;     /* JSON object */
	int64_t created, updated;
};

struct channel {
	int64_t id;
	int64_t site_id;
	int64_t parent_id;  /* 0 for a top-level channel */
	char *lang;
	char *slug;         /* last part of the path */
	char *path;         /* slugs from the top joined by '/', e.g. "news/local" */
	char *name;         /* display name, e.g. 新闻动态 */
	int sort_order;
	int page_size;
	int review_levels;  /* 0: publish without review; up to 3 levels */
	int64_t created, updated;
};

enum user_role { ROLE_ADMIN = 0, ROLE_EDITOR, ROLE_REVIEWER, ROLE__COUNT };

struct user {
	int64_t id;
	char *name;
	char *display_name;
	char *email;
	char *password;     /* the argon2id hash string */
	enum user_role role;
	int disabled;
	int64_t created, updated;
	int64_t site_id;    /* an admin of this site only; 0: of every site */
};

/* One permission of a user (store_permission_list()). */
struct permission {
	int64_t channel_id, site_id;
	const char *lang, *path;
	const char *can;    /* "edit", "review", "manage" */
	int level;          /* review: the level, 1..3 */
};

/* A session (store_session_get()); the token's hash is its key. */
struct session_row {
	int64_t user_id;
	char csrf[64];
	int64_t created, seen;
};

/* An article's pending version on its way through review (work table). */
struct work_row {
	char state[16];     /* "draft", "review", "returned" */
	int level, levels;
	int64_t owner;
	char *approved_by;  /* JSON array of user ids */
	char *data;         /* the pending fields (JSON) while a version is
	                       live; NULL: they are the article's own */
	int64_t updated;
	char *findings;     /* the pre-publish checks' findings at submit
	                       (JSON array); NULL: none were run */
};

/* One decision on an article (review table). */
struct review_entry {
	int64_t id, article_id, at, actor_id;
	const char *actor, *action, *comment, *addr;
	int level;
};

/* One saved version of an article. */
struct revision {
	int64_t id;
	int64_t article_id;
	int number;
	int64_t created;
	char *actor;        /* who saved it */
	char *note;
	char *data;         /* every field as a JSON object */
};

/* What store_article_list() returns. */
struct article_filter {
	int64_t site_id;        /* 0: every site */
	const char *lang;       /* NULL: every language */
	int64_t channel_id;     /* 0: every channel */
	int status;             /* -1: every status */
	int with_body;          /* also load the body */
	int64_t limit, offset;  /* limit 0: no limit */
};

/* One entry of the audit log. */
struct audit_entry {
	int64_t id;
	int64_t at;
	char *actor;
	char *action;
	char *object;
	int64_t object_id;
	char *detail;
	char *addr;         /* from where; NULL: the command line */
};

/* What store_audit_query() looks for (NULL, 0: anything). */
struct audit_filter {
	const char *actor, *action;
	int64_t from, to;   /* at in [from, to); to 0: no end */
	int64_t limit, offset;
};

/* The most read articles of a day (store_visit_day_top()). */
struct visit_top {
	int64_t article_id, n;
	const char *title, *lang, *path;
};

/*
 * Open (or with STORE_CREATE create) the database at path and upgrade its
 * schema to STORE_SCHEMA_VERSION.  On failure *out is NULL and why says
 * what to do.
 */
int store_open(const char *path, int flags, struct store **out,
    struct buf *why);
/*
 * Open without upgrading beyond version `target` (tests build older
 * databases this way).  target 0 creates nothing.
 */
int store_open_at(const char *path, int flags, int target, struct store **out,
    struct buf *why);
/* Upgrade the schema to version target, each step in its own transaction. */
int store_migrate(struct store *st, int target, struct buf *why);
/* The database's schema version. */
int store_version(struct store *st);
/* Finalize every statement and close the database. */
void store_close(struct store *st);
/* The last SQLite error message; owned by the store. */
const char *store_errmsg(struct store *st);
/* Run raw SQL from a trusted source (tests, migrations). */
int store_exec(struct store *st, const char *sql);

/* Transactions nest: only the outermost begin/commit reach SQLite,
 * inner ones are savepoints.  Rollback undoes to the matching begin. */
int store_begin(struct store *st);
int store_commit(struct store *st);
int store_rollback(struct store *st);

/*
 * Bulk mode, for imports: nested begin/commit cost nothing (no savepoint
 * and so no statement journal, which for a batch of articles would copy
 * every page it touches once more).  An inner rollback cannot undo only
 * its part, so it dooms the whole outer transaction: its commit rolls
 * back and returns GZ_ESTORE.  Set before the outer begin.
 */
void store_set_bulk(struct store *st, int on);

/*
 * A pool of connections to one database for threads that come and go:
 * store_pool_get() hands out a free one (opening a new one when none
 * is free; flags as store_open()), store_pool_put() takes it back for
 * the next caller.  Each connection is used by one thread at a time.
 */
struct store_pool;
struct store_pool *store_pool_new(const char *path, int flags);
int store_pool_get(struct store_pool *p, struct store **out,
    struct buf *why);
void store_pool_put(struct store_pool *p, struct store *st);
void store_pool_free(struct store_pool *p);

/* Current time in Unix seconds.  Tests set GAZETTE_NOW to a fixed time,
 * or to @FILE for a clock they move (the time is read from FILE). */
int64_t store_now(void);

/* sites */
int store_site_add(struct store *st, struct site *s);
int store_site_get(struct store *st, const char *name, struct site *out);
int store_site_get_id(struct store *st, int64_t id, struct site *out);
int store_site_update(struct store *st, const struct site *s);
int store_site_list(struct store *st,
    int (*fn)(const struct site *, void *), void *arg);
/* Whether lang is one of the site's languages. */
int site_has_lang(const struct site *s, const char *lang);
/* Whether s looks like a language code: "zh", "en", "zh-Hans". */
int lang_valid(const char *s);
/*
 * Check a language list "zh,en": valid codes, no repeats, at least one;
 * def, unless NULL, must be one of them.  GZ_EINVAL with a sentence in
 * *why (which the caller prefixes with the field's name).
 */
int site_languages_check(const char *langs, const char *def,
    struct buf *why);
/* The site's time zone: minutes east of UTC (setting utc_offset;
 * default 480, China). */
int site_utc_offset(const struct site *s);
/* An integer or boolean from the site's settings, or def. */
long site_setting_int(const struct site *s, const char *key, long def);
/* Set settings[key] to value: JSON if it parses as JSON, else a string. */
int site_setting_set(struct site *s, const char *key, const char *value);
void site_clear(struct site *s);

/* channels */
int store_channel_add(struct store *st, struct channel *c);
int store_channel_get(struct store *st, int64_t id, struct channel *out);
int store_channel_find(struct store *st, int64_t site_id, const char *lang,
    const char *path, struct channel *out);
int store_channel_update(struct store *st, const struct channel *c);
/* Move c under new_parent (0: to the top); paths below it follow. */
int store_channel_move(struct store *st, int64_t id, int64_t new_parent,
    struct buf *why);
/* Remove an empty channel (no articles, no children). */
int store_channel_rm(struct store *st, int64_t id, struct buf *why);
/* Channels of a site (lang NULL: all) in tree order. */
int store_channel_list(struct store *st, int64_t site_id, const char *lang,
    int (*fn)(const struct channel *, void *), void *arg);
void channel_clear(struct channel *c);

/* articles */
/* Insert a (id, created, updated, revision are set); saves revision 1. */
int store_article_insert(struct store *st, struct article *a,
    const char *actor, const char *note);
/* Save a new version of a->id (taking it out of the trash) and a
 * revision of it; a->revision and a->updated are set. */
int store_article_update(struct store *st, struct article *a,
    const char *actor, const char *note);
int store_article_get(struct store *st, int64_t id, struct article *out);
int store_article_find(struct store *st, int64_t channel_id,
    const char *slug, struct article *out);
/* Move to the trash (kept with its revisions; excluded from lists). */
int store_article_delete(struct store *st, int64_t id, const char *actor);
/* Delete for good, with its revisions. */
int store_article_purge(struct store *st, int64_t id, const char *actor);
int store_article_list(struct store *st, const struct article_filter *f,
    int (*fn)(const struct article *, void *), void *arg);
/* The admin's article list (store_article_admin_list()). */
struct admin_filter {
	int64_t site_id;
	const char *lang, *channel, *state, *author, *text; /* NULL: any */
	int64_t from, to;          /* publish time in [from, to); to 0: any */
	int64_t user_id;           /* what this user holds permissions on */
	int all;                   /* ...or everything (an administrator) */
	int64_t limit, offset;
};
struct admin_row {
	int64_t id, publish_at, updated;
	const char *title, *lang, *path, *status, *author, *actor;
	const char *work;          /* "" when there is no work */
	int level, levels;
};
/* Call fn for each match; *total: how many match in all. */
int store_article_admin_list(struct store *st, const struct admin_filter *f,
    int (*fn)(const struct admin_row *, void *), void *arg, long *total);
/* A live article as the publisher lists it (no body); strings borrowed
 * for the callback's duration. */
struct live_article {
	int64_t id, channel_id, date, updated;
	int offset, weight;
	const char *slug, *title, *summary, *author, *source, *tkey;
};
/*
 * The articles site shows at time now (published, not trashed, publish
 * time reached, takedown time not), ordered by channel id and then as a
 * channel lists them: pinned by weight, then newest first.
 */
int store_article_live(struct store *st, int64_t site_id, int64_t now,
    int (*fn)(const struct live_article *, void *), void *arg);

/* Parts of the same, for publishing a few articles without reading the
 * whole site; each in the same order as above.  All but LIVE_ID,
 * LIVE_PINNED and LIVE_LATEST come without title, summary, author and
 * source (NULL), read from an index alone: fetch those by LIVE_ID for
 * what is shown. */
enum live_part {
	LIVE_CHANNEL,   /* every live article of channel (in lang) */
	LIVE_PINNED,    /* its first `limit` pinned ones */
	LIVE_LATEST,    /* its latest `limit`, by date */
	LIVE_TKEY,      /* those with translation key tkey (any channel) */
	LIVE_ID,        /* the article id, if live */
	LIVE_TKEYS,     /* those with any key of tkey, a JSON array */
};
struct live_query {
	enum live_part part;
	int64_t site_id, now, channel_id, id;
	const char *lang, *tkey;
	int limit;
};
int store_live_part(struct store *st, const struct live_query *q,
    int (*fn)(const struct live_article *, void *), void *arg);
/* The number of articles published in each channel of a site. */
int store_published_counts(struct store *st, int64_t site_id,
    int (*fn)(int64_t channel_id, long count, void *), void *arg);
/* Count articles matching f (limit and offset ignored). */
int store_article_count(struct store *st, const struct article_filter *f,
    int64_t *n);

/* revisions */
int store_revision_list(struct store *st, int64_t article_id,
    int (*fn)(const struct revision *, void *), void *arg);
/* One file of a site's media library, stored once by content hash. */
struct media {
	int64_t id, site_id;
	char *hash;      /* BLAKE2b-256, 64 hex digits */
	char *mime;      /* sniffed from the content: "image/jpeg" */
	char *ext;       /* from the type: "jpg" */
	int64_t size;    /* bytes of the upload */
	char *name;      /* the file's name as uploaded, for people */
	int width, height; /* images: pixels; 0 otherwise */
	int64_t created;
	char *uploader;
	int attached;    /* store_article_media(): listed as an attachment */
	int used;        /* store_media_list(): an article uses it */
};
void media_clear(struct media *m);
/* Add m (id and created are set); an upload already in the library is
 * not added again: GZ_EEXIST, with m->id set to the one kept. */
int store_media_add(struct store *st, struct media *m);
int store_media_get(struct store *st, int64_t site_id, const char *hash,
    struct media *out);
int store_media_get_id(struct store *st, int64_t id, struct media *out);
struct media_filter {
	int64_t site_id;
	const char *q;   /* in the name; NULL: any */
	int kind;        /* 0 all, 1 images, 2 other files */
	int unused;      /* only files no article uses */
	int64_t limit, offset;
};
/* The files f selects, newest first; *total: how many in all. */
int store_media_list(struct store *st, const struct media_filter *f,
    int (*fn)(const struct media *, void *), void *arg, long *total);
/* Remove a file no article uses: GZ_EBUSY when one does. */
int store_media_del(struct store *st, int64_t id);
/* Which files article uses: ids[i], attached[i] (an attachment, listed
 * on its page, or only in its body); replaces what was recorded. */
int store_article_media_set(struct store *st, int64_t article_id,
    const int64_t *ids, const int *attached, size_t n);
int store_article_media(struct store *st, int64_t article_id,
    int (*fn)(const struct media *, void *), void *arg);
/* A site's sensitive-word list (one a line): *words malloc'd, "" if none
 * was kept. */
int store_wordlist_get(struct store *st, int64_t site_id, char **words);
int store_wordlist_put(struct store *st, int64_t site_id, const char *words,
    const char *actor);
/* Articles of site other than article_id with title key (the title
 * without spaces) changed since `since`: id, title, channel path. */
int store_title_recent(struct store *st, int64_t site_id, int64_t article_id,
    const char *key, int64_t since,
    int (*fn)(int64_t id, const char *title, const char *path, void *),
    void *arg);

/* Keep a saved pending version of a live article (data: its fields as
 * article_to_json() writes them) as a new revision; *number (may be NULL)
 * is set to its number, above the article's own. */
int store_revision_pending(struct store *st, int64_t article_id,
    const char *actor, const char *note, const char *data, int *number);
/* Load revision `number` of an article into out (as that version was). */
int store_revision_load(struct store *st, int64_t article_id, int number,
    struct article *out);
/* Make revision `number` the current version (as a new revision). */
int store_article_restore(struct store *st, int64_t article_id, int number,
    const char *actor);
void revision_clear(struct revision *r);

/* users */
int store_user_add(struct store *st, struct user *u);
int store_user_get(struct store *st, const char *name, struct user *out);
int store_user_set_password(struct store *st, const char *name,
    const char *hash);
int store_user_list(struct store *st,
    int (*fn)(const struct user *, void *), void *arg);
int store_user_get_id(struct store *st, int64_t id, struct user *out);
/* Write display name, email, role, disabled and site of u (by id). */
int store_user_update(struct store *st, const struct user *u);
/* Allow user to do `can` ("edit", "review", "manage") in a channel (and
 * the channels below it); review at a level, 1..3. */
int store_permission_grant(struct store *st, int64_t user_id,
    int64_t channel_id, const char *can, int level);
/* Take it back; level 0: every level. */
int store_permission_revoke(struct store *st, int64_t user_id,
    int64_t channel_id, const char *can, int level);
int store_permission_list(struct store *st, int64_t user_id,
    int (*fn)(const struct permission *, void *), void *arg);
/* What user may do in channel, from its permissions there and above:
 * *edit and *manage 0 or 1, *review a bit (1 << level) per level. */
int store_permission_of(struct store *st, int64_t user_id,
    int64_t channel_id, int *edit, unsigned *review, int *manage);

/* sessions, by the hash of their token (session.h makes both) */
int store_session_add(struct store *st, const char *id, int64_t user_id,
    const char *csrf, int64_t now, const char *addr, const char *agent);
int store_session_get(struct store *st, const char *id,
    struct session_row *out);
int store_session_touch(struct store *st, const char *id, int64_t now);
int store_session_del(struct store *st, const char *id);
/* End every session of a user but keep (NULL: all of them). */
int store_session_del_user(struct store *st, int64_t user_id,
    const char *keep);
/* Forget sessions created at or before created_before, or last seen at
 * or before seen_before. */
int store_session_purge(struct store *st, int64_t created_before,
    int64_t seen_before);
/* failed logins, by key ("user:NAME", "addr:ADDR") */
int store_login_fail_add(struct store *st, const char *key, int64_t at);
/* How many since `since`, and the time of the first of them. */
int store_login_fail_count(struct store *st, const char *key,
    int64_t since, long *n, int64_t *first);
int store_login_fail_clear(struct store *st, const char *key);
int store_login_fail_purge(struct store *st, int64_t before);

/* review work */
int store_work_get(struct store *st, int64_t article_id,
    struct work_row *out);
int store_work_put(struct store *st, int64_t article_id,
    const struct work_row *w);
int store_work_del(struct store *st, int64_t article_id);
void work_row_clear(struct work_row *w);
/* One line of a work list (strings borrowed for the callback). */
struct work_item {
	int64_t article_id, updated;
	const char *title, *lang, *path, *state, *owner, *status;
	int level, levels;
};
/* The review queue of user (admin: every level), or (mine) what user
 * works on, in site, oldest first. */
int store_work_list(struct store *st, int64_t user_id, int64_t site_id,
    int mine, int admin, int (*fn)(const struct work_item *, void *),
    void *arg);
int store_review_add(struct store *st, const struct review_entry *e);
int store_review_list(struct store *st, int64_t article_id,
    int (*fn)(const struct review_entry *, void *), void *arg);
void user_clear(struct user *u);
const char *user_role_name(enum user_role r);
int user_role_parse(const char *name);

/*
 * The set of articles met in one run of an import: store_seen_reset()
 * empties it; store_seen_add() records id as coming from path, or returns
 * GZ_EEXIST and sets *other (malloc'd) to the path that had it first.
 */
int store_seen_reset(struct store *st);
int store_seen_add(struct store *st, int64_t id, const char *path,
    char **other);

/* An article as it was last published: what the publisher must undo or
 * update when it changes. */
struct published {
	int64_t article_id, site_id, channel_id, date;
	int weight;
	char *lang, *url, *tkey;
};
/* Forget what was published for a site but the articles whose ids are in
 * ids_json, a JSON array (recording a full build). */
int store_published_keep(struct store *st, int64_t site_id,
    const char *ids_json);
/* Record (or replace) one published article. */
int store_published_put(struct store *st, const struct published *p);
/* What was published for an article: GZ_ENOTFOUND if nothing. */
int store_published_get(struct store *st, int64_t article_id,
    struct published *out);
int store_published_del(struct store *st, int64_t article_id);
void published_clear(struct published *p);

/* A list of ids that grows as a store_*() id callback fills it:
 *   struct store_ids l = {0};  store_search_stale(st, site, store_ids_add, &l);
 */
struct store_ids {
	int64_t *v;
	size_t n, cap;
};
int store_ids_add(int64_t id, void *ids);
void store_ids_clear(struct store_ids *l);

/* The search index (see src/search/search.h for what uses it). */
/* Call fn with each published article of the site whose text the index
 * lacks or holds in an older version, in id order. */
int store_search_stale(struct store *st, int64_t site_id,
    int (*fn)(int64_t article_id, void *), void *arg);
/* Call fn with each indexed article that is no longer published. */
int store_search_orphans(struct store *st, int64_t site_id,
    int (*fn)(int64_t article_id, void *), void *arg);
/* The `updated` time of the version indexed; GZ_ENOTFOUND if none. */
int store_search_indexed(struct store *st, int64_t article_id,
    int64_t *updated);
/* Put (replacing) or remove an article's text in the index. */
int store_search_put(struct store *st, int64_t article_id, int64_t site_id,
    int64_t updated, const char *title, const char *text);
int store_search_del(struct store *st, int64_t article_id);
/* The index's version for site_id: raised by each update
 * (store_search_bump), 0 before the first. */
int store_search_bump(struct store *st, int64_t site_id);
int store_search_version(struct store *st, int64_t site_id,
    int64_t *version);

/* One search: MATCH expression, site, filters, ranking time, a page. */
struct search_query {
	const char *match;     /* an FTS5 expression (tokenize_query()) */
	int64_t site_id;
	const char *lang;      /* NULL: every language */
	const char *channel;   /* channel path, with its subchannels; NULL: all */
	int64_t from, to;      /* dates in [from, to) */
	int64_t now;           /* for the boost of recent articles */
	int64_t floor;         /* rank only ids from this on (0: all) */
	long limit, offset;
};
/* One hit; title and snippet have \x01 and \x02 around matched text. */
struct search_hit {
	int64_t article_id, date;
	int offset;            /* the time zone of date, minutes east of UTC */
	const char *url, *lang, *channel_name, *title, *snippet;
};
/* Call fn for each hit of a page of results, best first. */
int store_search_query(struct store *st, const struct search_query *q,
    int (*fn)(const struct search_hit *, void *), void *arg);
/* How many hits in all, counting no further than cap; and the lowest
 * id among the window newest hits (0 if there are no more than window):
 * the floor that keeps ranking a broad query cheap.  One pass. */
int store_search_count(struct store *st, const struct search_query *q,
    long cap, long window, long *count, int64_t *floor);

/* Visit counts. */
/* Add n visits to an article, in all and on day (YYYYMMDD). */
int store_visit_add(struct store *st, int64_t article_id, int day, long n);
/* An article's stored count, and whether site_id publishes it. */
int store_visit_get(struct store *st, int64_t article_id, int64_t site_id,
    long *count, int *published);

/* The scheduler: articles whose publish time or takedown time came in
 * (since, now] and that the published tree does not reflect yet. */
int store_schedule_due(struct store *st, int64_t site_id, int64_t since,
    int64_t now, int (*fn)(int64_t article_id, void *), void *arg);

/* audit log */
int store_audit(struct store *st, const char *actor, const char *action,
    const char *object, int64_t object_id, const char *detail);
/* The same, saying from which address (NULL: the command line). */
int store_audit_from(struct store *st, const char *actor, const char *addr,
    const char *action, const char *object, int64_t object_id,
    const char *detail);
int store_audit_list(struct store *st, int64_t limit,
    int (*fn)(const struct audit_entry *, void *), void *arg);
/* Entries newest first; *total: how many match. */
int store_audit_query(struct store *st, const struct audit_filter *f,
    int (*fn)(const struct audit_entry *, void *), void *arg, long *total);
/* Visits to site's articles on day (YYYYMMDD), and the most read. */
int store_visit_day_total(struct store *st, int64_t site_id, int64_t day,
    long *n);
int store_visit_day_top(struct store *st, int64_t site_id, int64_t day,
    int limit, int (*fn)(const struct visit_top *, void *), void *arg);

#endif
