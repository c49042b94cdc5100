/*
 * store_int.h: what the store's own files share.  Not for other modules.
 */
#ifndef GZ_STORE_INT_H
#define GZ_STORE_INT_H

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>

#include "store.h"

/* Every statement the program runs; texts in store_sql.c. */
enum stmt_id {
	STMT_SITE_INSERT,
	STMT_SITE_BY_NAME,
	STMT_SITE_FIRST,
	STMT_SITE_BY_ID,
	STMT_SITE_UPDATE,
	STMT_SITE_LIST,
	STMT_CHANNEL_INSERT,
	STMT_CHANNEL_BY_ID,
	STMT_CHANNEL_BY_PATH,
	STMT_CHANNEL_UPDATE,
	STMT_CHANNEL_LIST,
	STMT_CHANNEL_SET_PARENT,
	STMT_CHANNEL_REPATH,
	STMT_CHANNEL_COUNT_CHILDREN,
	STMT_CHANNEL_COUNT_ARTICLES,
	STMT_CHANNEL_DELETE,
	STMT_ARTICLE_INSERT,
	STMT_ARTICLE_UPDATE,
	STMT_BODY_PUT,
	STMT_ARTICLE_BY_ID,
	STMT_ARTICLE_BY_SLUG,
	STMT_ARTICLE_LIST,
	STMT_ARTICLE_LIVE,
	STMT_LIVE_CHANNEL,
	STMT_LIVE_PINNED,
	STMT_LIVE_LATEST,
	STMT_LIVE_TKEY,
	STMT_LIVE_ID,
	STMT_LIVE_TKEYS,
	STMT_ARTICLE_COUNT,
	STMT_ARTICLE_TRASH,
	STMT_ARTICLE_PURGE,
	STMT_REVISION_ARCHIVE,
	STMT_REVISION_LIST,
	STMT_REVISION_PENDING,
	STMT_REVISION_GET,
	STMT_USER_INSERT,
	STMT_USER_BY_NAME,
	STMT_USER_BY_ID,
	STMT_USER_UPDATE,
	STMT_USER_SET_PASSWORD,
	STMT_USER_LIST,
	STMT_PERMISSION_GRANT,
	STMT_PERMISSION_REVOKE,
	STMT_PERMISSION_LIST,
	STMT_PERMISSION_OF,
	STMT_SESSION_INSERT,
	STMT_SESSION_GET,
	STMT_SESSION_TOUCH,
	STMT_SESSION_DEL,
	STMT_SESSION_DEL_USER,
	STMT_SESSION_PURGE,
	STMT_LOGIN_FAIL_ADD,
	STMT_LOGIN_FAIL_COUNT,
	STMT_LOGIN_FAIL_CLEAR,
	STMT_LOGIN_FAIL_PURGE,
	STMT_WORK_GET,
	STMT_WORK_PUT,
	STMT_WORK_DEL,
	STMT_REVIEW_ADD,
	STMT_REVIEW_LIST,
	STMT_WORK_LIST,
	STMT_ARTICLE_ADMIN_LIST,
	STMT_AUDIT_INSERT,
	STMT_AUDIT_LIST,
	STMT_AUDIT_QUERY,
	STMT_VISIT_DAY_TOTAL,
	STMT_VISIT_DAY_TOP,
	STMT_SEEN_INSERT,
	STMT_PUBLISHED_KEEP,
	STMT_PUBLISHED_PUT,
	STMT_PUBLISHED_GET,
	STMT_PUBLISHED_DEL,
	STMT_PUBLISHED_COUNTS,
	STMT_SEEN_GET,
	STMT_SEARCH_STALE,
	STMT_SEARCH_ORPHANS,
	STMT_SEARCH_DOC_GET,
	STMT_SEARCH_DOC_PUT,
	STMT_SEARCH_DOC_DEL,
	STMT_SEARCH_DEL,
	STMT_SEARCH_INSERT,
	STMT_SEARCH_VERSION_BUMP,
	STMT_SEARCH_VERSION_GET,
	STMT_SEARCH_QUERY,
	STMT_SEARCH_COUNT,
	STMT_VISIT_ADD,
	STMT_VISIT_DAY_ADD,
	STMT_VISIT_GET,
	STMT_SCHEDULE_DUE,
	STMT_MEDIA_ADD,
	STMT_MEDIA_BY_HASH,
	STMT_MEDIA_BY_ID,
	STMT_MEDIA_LIST,
	STMT_MEDIA_DEL,
	STMT_ARTICLE_MEDIA_CLEAR,
	STMT_ARTICLE_MEDIA_ADD,
	STMT_ARTICLE_MEDIA_LIST,
	STMT_WORDLIST_GET,
	STMT_WORDLIST_PUT,
	STMT_TITLE_RECENT,
	STMT__COUNT
};

extern const char *const store_sql[STMT__COUNT];
/* Schema migrations: store_migrations[v] upgrades version v to v+1. */
extern const char *const store_migrations[STORE_SCHEMA_VERSION];
extern const char store_seen_schema[];

struct store {
	sqlite3 *db;
	sqlite3_stmt *stmt[STMT__COUNT];
	int depth;          /* transaction nesting */
	int bulk;           /* nested levels are not savepoints */
	int failed;         /* bulk: an inner level rolled back */
	/* bulk: a thread with its own connection that checkpoints the WAL,
	 * so the fsyncs overlap the writer's work instead of stalling it. */
	pthread_t ckpt_thread;
	sqlite3 *ckpt_db;
	atomic_int ckpt_stop;
	char *path;
};

/* The prepared statement id, reset and with no bindings; NULL on error. */
sqlite3_stmt *store_stmt(struct store *st, enum stmt_id id);
/* Map a SQLite result code to a gz_err. */
int store_rc(struct store *st, int rc);
/* Step a statement that returns no rows and reset it. */
int store_step_done(struct store *st, sqlite3_stmt *s);
/* Step s through its rows, calling each(s, arg) on every one until it
 * returns non-zero; returns that, or the error of the step; resets s. */
int store_each_row(struct store *st, sqlite3_stmt *s,
    int (*each)(sqlite3_stmt *, void *), void *arg);
/* Step s once: row(s, out) fills out from the row; GZ_ENOTFOUND if there
 * is none; resets s. */
int store_one_row(struct store *st, sqlite3_stmt *s,
    int (*row)(sqlite3_stmt *, void *), void *out);
/* Bind a string or NULL. */
int store_bind_text(sqlite3_stmt *s, int i, const char *v);
/* A malloc'd copy of column i (NULL stays NULL); *rc set on ENOMEM. */
char *store_col_text(sqlite3_stmt *s, int i, int *rc);

#endif
