/*
 * store_import: the bookkeeping of an import run.
 */
#include "store_int.h"

int
store_seen_reset(struct store *st)
{
	/* The statements on the old table are no longer valid. */
	sqlite3_finalize(st->stmt[STMT_SEEN_INSERT]);
	sqlite3_finalize(st->stmt[STMT_SEEN_GET]);
	st->stmt[STMT_SEEN_INSERT] = st->stmt[STMT_SEEN_GET] = NULL;
	return store_exec(st, store_seen_schema);
}

int
store_seen_add(struct store *st, int64_t id, const char *path, char **other)
{
	sqlite3_stmt *s = store_stmt(st, STMT_SEEN_GET);
	int rc;

	*other = NULL;
	if (s == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		rc = GZ_OK;
		*other = store_col_text(s, 0, &rc);
		sqlite3_reset(s);
		return rc ? rc : GZ_EEXIST;
	}
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return store_rc(st, rc);
	if ((s = store_stmt(st, STMT_SEEN_INSERT)) == NULL)
		return GZ_ESTORE;
	sqlite3_bind_int64(s, 1, id);
	store_bind_text(s, 2, path);
	return store_step_done(st, s);
}
