/*
 * store_sql: every SQL statement of Gazette (the schema is
 * store_schema.c).
 * Values are always bound (?N), never formatted in.
 */
#include "store_int.h"

#define SITE_COLS \
	"id, name, title, base_url, languages, default_lang, settings, " \
	"created, updated"
#define CHANNEL_COLS \
	"id, site_id, coalesce(parent_id, 0), lang, slug, path, name, " \
	"sort_order, page_size, review_levels, created, updated"
/* ?1 says whether to load the body. */
#define ARTICLE_COLS \
	"a.id, a.site_id, a.channel_id, a.lang, c.path, a.slug, a.title, " \
	"a.subtitle, a.author, a.source, a.summary, a.translation_key, " \
	"a.extra, CASE WHEN ?1 THEN (SELECT body FROM article_body " \
	"WHERE article_id = a.id) END, a.tags, a.categories, " \
	"a.format, a.status, a.weight, a.publish_at, a.date_offset, " \
	"a.expire_at, a.created, a.updated, a.revision, a.deleted " \
	"FROM article a JOIN channel c ON c.id = a.channel_id "
#define ARTICLE_FILTER \
	"WHERE a.deleted = 0 AND (?2 = 0 OR a.site_id = ?2) " \
	"AND (?3 IS NULL OR a.lang = ?3) AND (?4 = 0 OR a.channel_id = ?4) " \
	"AND (?5 IS NULL OR a.status = ?5) "
#define LIVE_COLS \
	"id, channel_id, slug, title, summary, author, source, " \
	"translation_key, publish_at, date_offset, weight, updated "
/* The same without the texts (title, summary, author, source): what a
 * covering index holds. */
#define LIVE_KEY_COLS \
	"id, channel_id, slug, NULL, NULL, NULL, NULL, " \
	"translation_key, publish_at, date_offset, weight, updated "
#define LIVE_WHERE \
	"site_id = ?1 AND deleted = 0 AND status = 'published' " \
	"AND publish_at <= ?2 AND (expire_at = 0 OR expire_at > ?2) "
/* How a channel lists its articles: pinned first by weight, then the
 * newest first. */
#define MEDIA_COLS \
	"m.id, m.site_id, m.hash, m.mime, m.ext, m.size, m.name, m.width, " \
	"m.height, m.created, m.uploader"
#define LIST_ORDER "(weight > 0) DESC, weight, publish_at DESC, id DESC"
#define USER_COLS \
	"id, name, display_name, email, password, role, disabled, created, " \
	"updated, coalesce(site_id, 0)"

const char *const store_sql[STMT__COUNT] = {
	[STMT_SITE_INSERT] =
	    "INSERT INTO site(name, title, base_url, languages, default_lang,"
	    " settings, created, updated) VALUES(?1,?2,?3,?4,?5,?6,?7,?7)",
	[STMT_SITE_BY_NAME] = "SELECT " SITE_COLS " FROM site WHERE name = ?1",
	[STMT_SITE_FIRST] = "SELECT " SITE_COLS " FROM site ORDER BY id LIMIT 1",
	[STMT_SITE_BY_ID] = "SELECT " SITE_COLS " FROM site WHERE id = ?1",
	[STMT_SITE_UPDATE] =
	    "UPDATE site SET title = ?2, base_url = ?3, languages = ?4,"
	    " default_lang = ?5, settings = ?6, updated = ?7 WHERE id = ?1",
	[STMT_SITE_LIST] = "SELECT " SITE_COLS " FROM site ORDER BY id",

	[STMT_CHANNEL_INSERT] =
	    "INSERT INTO channel(site_id, lang, parent_id, slug, path, name,"
	    " sort_order, page_size, review_levels, created, updated)"
	    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?10)",
	[STMT_CHANNEL_BY_ID] =
	    "SELECT " CHANNEL_COLS " FROM channel WHERE id = ?1",
	[STMT_CHANNEL_BY_PATH] = "SELECT " CHANNEL_COLS " FROM channel"
	    " WHERE site_id = ?1 AND lang = ?2 AND path = ?3",
	[STMT_CHANNEL_UPDATE] =
	    "UPDATE channel SET name = ?2, sort_order = ?3, page_size = ?4,"
	    " review_levels = ?5, updated = ?6 WHERE id = ?1",
	/* Tree order: siblings by sort order, each followed by its subtree;
	 * the path of sort keys orders the whole tree. */
	[STMT_CHANNEL_LIST] =
	    "WITH RECURSIVE t(id, k) AS ("
	    "  SELECT id, printf('%010d/%s', sort_order + 1000000000, slug)"
	    "  FROM channel WHERE parent_id IS NULL AND site_id = ?1"
	    "  AND (?2 IS NULL OR lang = ?2)"
	    "  UNION ALL SELECT c.id, t.k || '|' ||"
	    "  printf('%010d/%s', c.sort_order + 1000000000, c.slug)"
	    "  FROM channel c JOIN t ON c.parent_id = t.id)"
	    " SELECT " CHANNEL_COLS " FROM channel JOIN t USING(id)"
	    " ORDER BY lang, t.k",
	[STMT_CHANNEL_SET_PARENT] =
	    "UPDATE channel SET parent_id = nullif(?2, 0), updated = ?3"
	    " WHERE id = ?1",
	/* Replace the path prefix ?2 by ?3 on a channel and its subtree. */
	[STMT_CHANNEL_REPATH] =
	    "UPDATE channel SET path = ?3 || substr(path, length(?2) + 1)"
	    " WHERE site_id = ?1 AND lang = ?4 AND"
	    " (path = ?2 OR substr(path, 1, length(?2) + 1) = ?2 || '/')",
	[STMT_CHANNEL_COUNT_CHILDREN] =
	    "SELECT count(*) FROM channel WHERE parent_id = ?1",
	[STMT_CHANNEL_COUNT_ARTICLES] =
	    "SELECT count(*) FROM article WHERE channel_id = ?1",
	[STMT_CHANNEL_DELETE] = "DELETE FROM channel WHERE id = ?1",

	/* ?12 (the body) goes to article_body: STMT_BODY_PUT. */
	[STMT_ARTICLE_INSERT] =
	    "INSERT INTO article(site_id, channel_id, lang, slug, title,"
	    " subtitle, author, source, summary, translation_key, extra,"
	    " tags, categories, format, status, weight, publish_at,"
	    " date_offset, expire_at, created, updated, revision, deleted,"
	    " actor, note)"
	    " VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?13,?14,?15,?16,"
	    "?17,?18,?19,?20,?21,?21,1,0,?22,?23)",
	[STMT_BODY_PUT] =
	    "INSERT OR REPLACE INTO article_body(article_id, body)"
	    " VALUES(?1, ?2)",
	[STMT_ARTICLE_UPDATE] =
	    "UPDATE article SET site_id = ?1, channel_id = ?2, lang = ?3,"
	    " slug = ?4, title = ?5, subtitle = ?6, author = ?7, source = ?8,"
	    " summary = ?9, translation_key = ?10, extra = ?11,"
	    " tags = ?13, categories = ?14, format = ?15, status = ?16,"
	    " weight = ?17, publish_at = ?18, date_offset = ?19,"
	    " expire_at = ?20, updated = ?21, revision = 1 + max(revision,"
	    " coalesce((SELECT max(number) FROM revision"
	    " WHERE article_id = ?24), 0)),"
	    " deleted = 0, actor = ?22, note = ?23 WHERE id = ?24"
	    " RETURNING revision",
	[STMT_ARTICLE_BY_ID] = "SELECT " ARTICLE_COLS "WHERE a.id = ?2",
	[STMT_ARTICLE_BY_SLUG] =
	    "SELECT " ARTICLE_COLS "WHERE a.channel_id = ?2 AND a.slug = ?3",
	[STMT_ARTICLE_LIST] = "SELECT " ARTICLE_COLS ARTICLE_FILTER
	    "ORDER BY a.site_id, a.lang, c.path, a.publish_at DESC, a.id DESC"
	    " LIMIT ?6 OFFSET ?7",
	/* What a site shows at time ?2: published, not in the trash, its
	 * time come and its takedown time not yet; in publishing order.
	 * Only what the publisher's catalog keeps: no body, no join. */
	[STMT_ARTICLE_LIVE] = "SELECT " LIVE_COLS "FROM article WHERE "
	    LIVE_WHERE "ORDER BY channel_id, " LIST_ORDER,
	/* The same for one channel (?3, in language ?4, for the index). */
	[STMT_LIVE_CHANNEL] = "SELECT " LIVE_KEY_COLS "FROM article WHERE "
	    LIVE_WHERE "AND lang = ?4 AND channel_id = ?3 ORDER BY "
	    LIST_ORDER,
	/* A channel's first ?5 pinned articles, and its latest ?5 by date. */
	[STMT_LIVE_PINNED] = "SELECT " LIVE_COLS "FROM article"
	    " INDEXED BY article_pinned_order WHERE "
	    LIVE_WHERE "AND lang = ?4 AND channel_id = ?3 AND weight > 0"
	    " ORDER BY weight, publish_at DESC, id DESC LIMIT ?5",
	[STMT_LIVE_LATEST] = "SELECT " LIVE_COLS "FROM article WHERE "
	    LIVE_WHERE "AND lang = ?4 AND channel_id = ?3"
	    " ORDER BY publish_at DESC, id DESC LIMIT ?5",
	/* Live articles with translation key ?3, or with id ?3. */
	[STMT_LIVE_TKEY] = "SELECT " LIVE_KEY_COLS "FROM article WHERE "
	    LIVE_WHERE "AND translation_key = ?3",
	[STMT_LIVE_ID] = "SELECT " LIVE_COLS "FROM article WHERE "
	    LIVE_WHERE "AND id = ?3",
	/* Live articles with any of the translation keys in ?3, a JSON
	 * array: one statement seeks them all in key order. */
	[STMT_LIVE_TKEYS] = "SELECT " LIVE_KEY_COLS "FROM article WHERE "
	    LIVE_WHERE "AND translation_key IN"
	    " (SELECT value FROM json_each(?3))",
	[STMT_ARTICLE_COUNT] =
	    "SELECT count(*) FROM article a WHERE"
	    " a.deleted = 0 AND (?2 = 0 OR a.site_id = ?2)"
	    " AND (?3 IS NULL OR a.lang = ?3) AND (?4 = 0 OR a.channel_id = ?4)"
	    " AND (?5 IS NULL OR a.status = ?5)",
	[STMT_ARTICLE_TRASH] =
	    "UPDATE article SET deleted = 1, updated = ?2 WHERE id = ?1",
	[STMT_ARTICLE_PURGE] = "DELETE FROM article WHERE id = ?1",

	/* Archive the current version of article ?1 before it changes; the
	 * keys are those article_from_json() reads. */
	[STMT_REVISION_ARCHIVE] =
	    "INSERT INTO revision(article_id, number, created, actor, note,"
	    " data) SELECT id, revision, updated, coalesce(actor, 'unknown'),"
	    " note, json_object('lang', lang, 'slug', slug, 'title', title,"
	    " 'subtitle', subtitle, 'author', author, 'source', source,"
	    " 'summary', summary, 'translation_key', translation_key,"
	    " 'status', status, 'format', format, 'weight', weight,"
	    " 'date', publish_at, 'date_offset', date_offset,"
	    " 'expire', expire_at, 'tags', json(tags),"
	    " 'categories', json(categories), 'extra', json(extra),"
	    " 'body', (SELECT body FROM article_body WHERE article_id = id))"
	    " FROM article WHERE id = ?1",
	/* The archived versions and the current one. */
	[STMT_REVISION_LIST] =
	    "SELECT id, article_id, number, created, actor, note, NULL"
	    " FROM revision WHERE article_id = ?1 UNION ALL"
	    " SELECT 0, id, revision, updated, coalesce(actor, 'unknown'),"
	    " note, NULL FROM article WHERE id = ?1 ORDER BY 3",
	/* A saved pending version of live article ?1: numbered after every
	 * other, so numbers above the article's own are versions that have
	 * not (yet) been on the site. */
	[STMT_REVISION_PENDING] =
	    "INSERT INTO revision(article_id, number, created, actor, note,"
	    " data) SELECT id, 1 + max(revision, coalesce((SELECT max(number)"
	    " FROM revision WHERE article_id = ?1), 0)), ?2, ?3, ?4, ?5"
	    " FROM article WHERE id = ?1 RETURNING number",
	[STMT_REVISION_GET] =
	    "SELECT id, article_id, number, created, actor, note, data"
	    " FROM revision WHERE article_id = ?1 AND number = ?2",

	[STMT_USER_INSERT] =
	    "INSERT INTO user(name, display_name, email, password, role,"
	    " disabled, created, updated, site_id)"
	    " VALUES(?1,?2,?3,?4,?5,?6,?7,?7,nullif(?8, 0))",
	[STMT_USER_BY_NAME] = "SELECT " USER_COLS " FROM user WHERE name = ?1",
	[STMT_USER_BY_ID] = "SELECT " USER_COLS " FROM user WHERE id = ?1",
	[STMT_USER_UPDATE] =
	    "UPDATE user SET display_name = ?2, email = ?3, role = ?4,"
	    " disabled = ?5, site_id = nullif(?6, 0), updated = ?7"
	    " WHERE id = ?1",
	[STMT_USER_SET_PASSWORD] =
	    "UPDATE user SET password = ?2, updated = ?3 WHERE name = ?1",
	[STMT_USER_LIST] = "SELECT " USER_COLS " FROM user ORDER BY name",
	[STMT_PERMISSION_GRANT] =
	    "INSERT INTO permission(user_id, channel_id, can, level)"
	    " VALUES(?1,?2,?3,?4) ON CONFLICT DO NOTHING",
	[STMT_PERMISSION_REVOKE] =
	    "DELETE FROM permission WHERE user_id = ?1 AND channel_id = ?2"
	    " AND can = ?3 AND (?4 = 0 OR level = ?4)",
	[STMT_PERMISSION_LIST] =
	    "SELECT p.channel_id, c.site_id, c.lang, c.path, p.can, p.level"
	    " FROM permission p JOIN channel c ON c.id = p.channel_id"
	    " WHERE p.user_id = ?1 ORDER BY c.site_id, c.lang, c.path,"
	    " p.can, p.level",
	/* What user ?1 may do in channel ?2: permissions on it and on the
	 * channels above it. */
	[STMT_PERMISSION_OF] =
	    "SELECT p.can, p.level FROM permission p"
	    " JOIN channel pc ON pc.id = p.channel_id"
	    " JOIN channel c ON c.id = ?2"
	    " WHERE p.user_id = ?1 AND pc.site_id = c.site_id"
	    " AND pc.lang = c.lang AND (pc.path = c.path OR"
	    " substr(c.path, 1, length(pc.path) + 1) = pc.path || '/')",

	[STMT_SESSION_INSERT] =
	    "INSERT INTO session(id, user_id, csrf, created, seen, addr, agent)"
	    " VALUES(?1,?2,?3,?4,?4,?5,?6)",
	[STMT_SESSION_GET] =
	    "SELECT user_id, csrf, created, seen FROM session WHERE id = ?1",
	[STMT_SESSION_TOUCH] = "UPDATE session SET seen = ?2 WHERE id = ?1",
	[STMT_SESSION_DEL] = "DELETE FROM session WHERE id = ?1",
	[STMT_SESSION_DEL_USER] =
	    "DELETE FROM session WHERE user_id = ?1 AND id IS NOT ?2",
	[STMT_SESSION_PURGE] =
	    "DELETE FROM session WHERE created <= ?1 OR seen <= ?2",
	[STMT_LOGIN_FAIL_ADD] = "INSERT INTO login_fail(key, at) VALUES(?1,?2)",
	[STMT_LOGIN_FAIL_COUNT] =
	    "SELECT count(*), coalesce(min(at), 0) FROM login_fail"
	    " WHERE key = ?1 AND at > ?2",
	[STMT_LOGIN_FAIL_CLEAR] = "DELETE FROM login_fail WHERE key = ?1",
	[STMT_LOGIN_FAIL_PURGE] = "DELETE FROM login_fail WHERE at <= ?1",

	[STMT_WORK_GET] =
	    "SELECT state, level, levels, coalesce(owner, 0), approved_by,"
	    " data, updated, findings FROM work WHERE article_id = ?1",
	[STMT_WORK_PUT] =
	    "INSERT INTO work(article_id, state, level, levels, owner,"
	    " approved_by, data, updated, findings)"
	    " VALUES(?1,?2,?3,?4,nullif(?5, 0),?6,?7,?8,?9)"
	    " ON CONFLICT(article_id) DO UPDATE SET state = ?2, level = ?3,"
	    " levels = ?4, owner = nullif(?5, 0), approved_by = ?6,"
	    " data = ?7, updated = ?8, findings = ?9",
	[STMT_WORK_DEL] = "DELETE FROM work WHERE article_id = ?1",
	[STMT_REVIEW_ADD] =
	    "INSERT INTO review(article_id, at, actor_id, actor, action,"
	    " level, comment, addr) VALUES(?1,?2,nullif(?3, 0),?4,?5,?6,?7,?8)",
	/* A work list: articles of site ?2 with their work, those on
	 * review that user ?1 may sign now (?3 = 'queue'): any level for
	 * an admin (?4) or one who manages the channel, as the workflow
	 * lets them; a level they review, but not their own submission nor
	 * one they approved this round; or those user ?1 works on
	 * (?3 = 'mine'). */
	[STMT_WORK_LIST] =
	    "SELECT a.id, a.title, a.lang, c.path, w.state, w.level,"
	    " w.levels, w.updated, coalesce(u.name, ''), a.status"
	    " FROM work w JOIN article a ON a.id = w.article_id"
	    " JOIN channel c ON c.id = a.channel_id"
	    " LEFT JOIN user u ON u.id = w.owner"
	    " WHERE a.deleted = 0 AND a.site_id = ?2 AND CASE ?3"
	    " WHEN 'mine' THEN w.owner = ?1"
	    " ELSE w.state = 'review' AND (?4 OR EXISTS (SELECT 1"
	    " FROM permission p JOIN channel pc ON pc.id = p.channel_id"
	    " WHERE p.user_id = ?1 AND (p.can = 'manage' OR p.can = 'review'"
	    " AND p.level = w.level AND coalesce(w.owner, 0) <> ?1"
	    " AND NOT EXISTS (SELECT 1 FROM json_each(w.approved_by) j"
	    " WHERE j.value = ?1)) AND pc.site_id = c.site_id"
	    " AND pc.lang = c.lang AND (pc.path = c.path OR substr(c.path,"
	    " 1, length(pc.path) + 1) = pc.path || '/'))) END"
	    " ORDER BY w.updated, a.id",
	/* The admin's article list: site ?1, language ?2, channel ?3 and
	 * below, state ?4 (draft, review, returned: of the work; published,
	 * offline: of the article), author or saver ?5, text ?6 in the
	 * title or summary, publish time in [?7, ?8), what user ?9 holds a
	 * permission on (?10: an administrator sees all); newest change
	 * first, with the number of matches. */
	[STMT_ARTICLE_ADMIN_LIST] =
	    "SELECT a.id, a.title, a.lang, c.path, a.status,"
	    " coalesce(a.author, ''), coalesce(a.actor, ''), a.publish_at,"
	    " a.updated, coalesce(w.state, ''), coalesce(w.level, 0),"
	    " coalesce(w.levels, 0), count(*) OVER ()"
	    " FROM article a JOIN channel c ON c.id = a.channel_id"
	    " LEFT JOIN work w ON w.article_id = a.id"
	    " WHERE a.deleted = 0 AND a.site_id = ?1"
	    " AND (?2 IS NULL OR a.lang = ?2)"
	    " AND (?3 IS NULL OR c.path = ?3"
	    " OR substr(c.path, 1, length(?3) + 1) = ?3 || '/')"
	    " AND (?4 IS NULL OR CASE ?4"
	    " WHEN 'draft' THEN w.state = 'draft'"
	    " OR (w.state IS NULL AND a.status = 'draft')"
	    " WHEN 'review' THEN w.state = 'review'"
	    " WHEN 'returned' THEN w.state = 'returned'"
	    " ELSE a.status = ?4 END)"
	    " AND (?5 IS NULL OR instr(a.author, ?5) > 0 OR a.actor = ?5)"
	    " AND (?6 IS NULL OR instr(a.title, ?6) > 0"
	    " OR instr(a.summary, ?6) > 0)"
	    " AND a.publish_at >= ?7 AND a.publish_at < ?8"
	    " AND (?10 OR EXISTS (SELECT 1 FROM permission p"
	    " JOIN channel pc ON pc.id = p.channel_id"
	    " WHERE p.user_id = ?9 AND pc.site_id = c.site_id"
	    " AND pc.lang = c.lang AND (pc.path = c.path OR substr(c.path,"
	    " 1, length(pc.path) + 1) = pc.path || '/')))"
	    " ORDER BY a.updated DESC, a.id DESC LIMIT ?11 OFFSET ?12",
	[STMT_REVIEW_LIST] =
	    "SELECT id, article_id, at, coalesce(actor_id, 0), actor, action,"
	    " level, comment, addr FROM review WHERE article_id = ?1"
	    " ORDER BY id",

	[STMT_AUDIT_INSERT] =
	    "INSERT INTO audit(at, actor, action, object, object_id, detail,"
	    " addr) VALUES(?1,?2,?3,?4,nullif(?5, 0),?6,?7)",
	[STMT_AUDIT_QUERY] =
	    "SELECT id, at, actor, action, object, coalesce(object_id, 0),"
	    " detail, addr, count(*) OVER () FROM audit"
	    " WHERE (?1 IS NULL OR actor = ?1) AND (?2 IS NULL OR action = ?2)"
	    " AND at >= ?3 AND at < ?4 ORDER BY id DESC LIMIT ?5 OFFSET ?6",
	/* Visits on day ?2 to the articles of site ?1: in all, and the
	 * most read (?3 of them). */
	[STMT_VISIT_DAY_TOTAL] =
	    "SELECT coalesce(sum(v.n), 0) FROM visit_day v"
	    " JOIN article a ON a.id = v.article_id"
	    " WHERE v.day = ?2 AND a.site_id = ?1",
	[STMT_VISIT_DAY_TOP] =
	    "SELECT v.article_id, a.title, a.lang, c.path, v.n FROM visit_day v"
	    " JOIN article a ON a.id = v.article_id"
	    " JOIN channel c ON c.id = a.channel_id"
	    " WHERE v.day = ?2 AND a.site_id = ?1"
	    " ORDER BY v.n DESC, v.article_id LIMIT ?3",
	[STMT_AUDIT_LIST] =
	    "SELECT id, at, actor, action, object, coalesce(object_id, 0),"
	    " detail FROM audit ORDER BY id DESC LIMIT ?1",

	[STMT_PUBLISHED_KEEP] = "DELETE FROM published WHERE site_id = ?1"
	    " AND article_id NOT IN (SELECT value FROM json_each(?2))",
	/* A row that already says the same is not written (nor are the
	 * count triggers run): a full build rewrites few. */
	[STMT_PUBLISHED_PUT] =
	    "INSERT INTO published(article_id, site_id, channel_id,"
	    " lang, url, date, tkey, weight) VALUES(?1,?2,?3,?4,?5,?6,?7,?8)"
	    " ON CONFLICT(article_id) DO UPDATE SET site_id = ?2,"
	    " channel_id = ?3, lang = ?4, url = ?5, date = ?6, tkey = ?7,"
	    " weight = ?8 WHERE site_id IS NOT ?2 OR channel_id IS NOT ?3"
	    " OR lang IS NOT ?4 OR url IS NOT ?5 OR date IS NOT ?6"
	    " OR tkey IS NOT ?7 OR weight IS NOT ?8",
	[STMT_PUBLISHED_GET] =
	    "SELECT article_id, site_id, channel_id, lang, url, date, tkey,"
	    " weight FROM published WHERE article_id = ?1",
	[STMT_PUBLISHED_DEL] = "DELETE FROM published WHERE article_id = ?1",
	[STMT_PUBLISHED_COUNTS] =
	    "SELECT channel_id, n FROM published_count WHERE site_id = ?1"
	    " AND n > 0",

	/* Published articles whose text the search index lacks or holds in
	 * an older version; indexed articles no longer published. */
	[STMT_SEARCH_STALE] =
	    "SELECT p.article_id FROM published p"
	    " JOIN article a ON a.id = p.article_id"
	    " LEFT JOIN search_doc d ON d.article_id = p.article_id"
	    " WHERE p.site_id = ?1 AND (d.updated IS NULL"
	    " OR d.updated != a.updated) ORDER BY p.article_id",
	[STMT_SEARCH_ORPHANS] =
	    "SELECT d.article_id FROM search_doc d WHERE d.site_id = ?1"
	    " AND NOT EXISTS (SELECT 1 FROM published p"
	    " WHERE p.article_id = d.article_id) ORDER BY d.article_id",
	[STMT_SEARCH_DOC_GET] =
	    "SELECT updated FROM search_doc WHERE article_id = ?1",
	[STMT_SEARCH_DOC_PUT] =
	    "INSERT INTO search_doc(article_id, site_id, updated)"
	    " VALUES(?1, ?2, ?3) ON CONFLICT(article_id) DO UPDATE SET"
	    " site_id = ?2, updated = ?3",
	[STMT_SEARCH_DOC_DEL] = "DELETE FROM search_doc WHERE article_id = ?1",
	[STMT_SEARCH_DEL] = "DELETE FROM search WHERE rowid = ?1",
	[STMT_SEARCH_INSERT] =
	    "INSERT INTO search(rowid, title, body) VALUES(?1, ?2, ?3)",
	[STMT_SEARCH_VERSION_BUMP] =
	    "INSERT INTO search_state(site_id, version) VALUES(?1, 1)"
	    " ON CONFLICT(site_id) DO UPDATE SET version = version + 1",
	[STMT_SEARCH_VERSION_GET] =
	    "SELECT version FROM search_state WHERE site_id = ?1",
	/* Hits for MATCH ?1 in site ?2, language ?3 (or any), channel path
	 * ?4 and below (or any), dated in [?5, ?6), with ids from ?10 on
	 * (STMT_SEARCH_COUNT); ranked by BM25 with the
	 * title weighing 4 times the body, and up to 1.5 times for what is
	 * new (?7: now; the boost halves after 180 days).  Marks: \x01 and
	 * \x02 around matches.  Ranks first, then highlights only the page
	 * of hits shown (SQLite would compute them for every match).  CROSS
	 * JOIN: the matches drive, not every published article. */
	[STMT_SEARCH_QUERY] =
	    "WITH top(id, r) AS (SELECT search.rowid, gazette_bm25(search, 4.0, 1.0)"
	    " * (1.0 + 0.5 / (1.0 + max(?7 - p.date, 0) / 15552000.0))"
	    " FROM search CROSS JOIN published p ON p.article_id = search.rowid"
	    " JOIN channel c ON c.id = p.channel_id"
	    " WHERE search MATCH ?1 AND p.site_id = ?2"
	    " AND (?3 IS NULL OR p.lang = ?3)"
	    " AND (?4 IS NULL OR c.path = ?4 OR substr(c.path, 1,"
	    " length(?4) + 1) = ?4 || '/') AND p.date >= ?5 AND p.date < ?6"
	    " AND search.rowid >= ?10 ORDER BY 2, 1 DESC LIMIT ?8 OFFSET ?9)"
	    " SELECT top.id, p.url, p.date, p.lang, c.name, a.date_offset,"
	    " highlight(search, 0, char(1), char(2)),"
	    " snippet(search, 1, char(1), char(2), '\xe2\x80\xa6', 40)"
	    " FROM top JOIN search ON search.rowid = top.id"
	    " JOIN published p ON p.article_id = top.id"
	    " JOIN channel c ON c.id = p.channel_id"
	    " JOIN article a ON a.id = top.id"
	    " WHERE search MATCH ?1 ORDER BY top.r, top.id DESC",
	/* The hits' ids, newest (highest) first, no more than ?7: how many
	 * there are, and the floor below which ranking does not look (so
	 * that a query matching half the site costs what one matching
	 * SEARCH_RANK_WINDOW articles does).  FTS5 gives rowids in
	 * descending order without sorting. */
	[STMT_SEARCH_COUNT] =
	    "SELECT search.rowid FROM search CROSS JOIN published p"
	    " ON p.article_id = search.rowid"
	    " JOIN channel c ON c.id = p.channel_id"
	    " WHERE search MATCH ?1 AND p.site_id = ?2"
	    " AND (?3 IS NULL OR p.lang = ?3)"
	    " AND (?4 IS NULL OR c.path = ?4 OR substr(c.path, 1,"
	    " length(?4) + 1) = ?4 || '/') AND p.date >= ?5 AND p.date < ?6"
	    " ORDER BY search.rowid DESC LIMIT ?7",

	/* Visits: ?2 more for article ?1, in all and on day ?3. */
	[STMT_VISIT_ADD] =
	    "INSERT INTO visit(article_id, n) VALUES(?1, ?2)"
	    " ON CONFLICT(article_id) DO UPDATE SET n = n + ?2",
	[STMT_VISIT_DAY_ADD] =
	    "INSERT INTO visit_day(article_id, day, n) VALUES(?1, ?3, ?2)"
	    " ON CONFLICT(article_id, day) DO UPDATE SET n = n + ?2",
	/* An article's count, and whether site ?2 publishes it. */
	[STMT_VISIT_GET] =
	    "SELECT coalesce((SELECT n FROM visit WHERE article_id = ?1), 0),"
	    " EXISTS(SELECT 1 FROM published WHERE article_id = ?1"
	    " AND site_id = ?2)",

	/* What the scheduler must republish at time ?2: articles whose
	 * publish time came in (?3, ?2] and are not published yet, and
	 * published ones whose takedown time came in (?3, ?2]. */
	[STMT_SCHEDULE_DUE] =
	    "SELECT id FROM article INDEXED BY article_publish_at"
	    " WHERE status = 'published' AND deleted = 0 AND site_id = ?1"
	    " AND publish_at > ?3 AND publish_at <= ?2"
	    " AND (expire_at = 0 OR expire_at > ?2)"
	    " AND NOT EXISTS (SELECT 1 FROM published p"
	    " WHERE p.article_id = article.id)"
	    " UNION SELECT a.id FROM article a"
	    " JOIN published p ON p.article_id = a.id"
	    " WHERE a.site_id = ?1 AND a.expire_at > 0 AND a.expire_at > ?3"
	    " AND a.expire_at <= ?2 ORDER BY 1",

	/* Articles met so far in one import run (see store_seen_*). */
	[STMT_SEEN_INSERT] =
	    "INSERT INTO temp.import_seen(article_id, path) VALUES(?1, ?2)",
	[STMT_SEEN_GET] =
	    "SELECT path FROM temp.import_seen WHERE article_id = ?1",
	/* The media library of a site: one row per file (by content hash). */
	[STMT_MEDIA_ADD] =
	    "INSERT INTO media(site_id, hash, mime, ext, size, name, width,"
	    " height, created, uploader) VALUES(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)"
	    " ON CONFLICT(site_id, hash) DO NOTHING",
	[STMT_MEDIA_BY_HASH] =
	    "SELECT " MEDIA_COLS " FROM media m WHERE site_id = ?1 AND hash = ?2",
	[STMT_MEDIA_BY_ID] = "SELECT " MEDIA_COLS " FROM media m WHERE id = ?1",
	/* Site ?1, name containing ?2, images (?3 = 1) or other files
	 * (?3 = 2) or all, only unused (?4); newest first, with the total. */
	[STMT_MEDIA_LIST] =
	    "SELECT " MEDIA_COLS ", EXISTS (SELECT 1 FROM article_media u"
	    " WHERE u.media_id = m.id), count(*) OVER () FROM media m"
	    " WHERE site_id = ?1 AND (?2 IS NULL OR instr(lower(name),"
	    " lower(?2)) > 0) AND (?3 = 0 OR (?3 = 1) = (mime LIKE 'image/%'))"
	    " AND (?4 = 0 OR NOT EXISTS (SELECT 1 FROM article_media u"
	    " WHERE u.media_id = m.id)) ORDER BY id DESC LIMIT ?5 OFFSET ?6",
	/* Only a file no article uses. */
	[STMT_MEDIA_DEL] =
	    "DELETE FROM media WHERE id = ?1 AND NOT EXISTS (SELECT 1"
	    " FROM article_media WHERE media_id = ?1)",
	[STMT_ARTICLE_MEDIA_CLEAR] =
	    "DELETE FROM article_media WHERE article_id = ?1",
	[STMT_ARTICLE_MEDIA_ADD] =
	    "INSERT INTO article_media(article_id, media_id, attached)"
	    " VALUES(?1, ?2, ?3) ON CONFLICT DO UPDATE SET"
	    " attached = max(attached, ?3)",
	[STMT_ARTICLE_MEDIA_LIST] =
	    "SELECT " MEDIA_COLS ", u.attached FROM article_media u"
	    " JOIN media m ON m.id = u.media_id WHERE u.article_id = ?1"
	    " ORDER BY m.name, m.id",
	[STMT_WORDLIST_GET] =
	    "SELECT words, updated, actor FROM wordlist WHERE site_id = ?1",
	[STMT_WORDLIST_PUT] =
	    "INSERT INTO wordlist(site_id, words, updated, actor)"
	    " VALUES(?1,?2,?3,?4) ON CONFLICT(site_id) DO UPDATE SET"
	    " words = ?2, updated = ?3, actor = ?4",
	/* Articles of site ?1 other than ?2 whose title, without spaces,
	 * is ?3, changed since ?4: newest first. */
	[STMT_TITLE_RECENT] =
	    "SELECT a.id, a.title, c.path, a.status, a.updated"
	    " FROM article a JOIN channel c ON c.id = a.channel_id"
	    " WHERE a.site_id = ?1 AND a.id <> ?2 AND a.deleted = 0"
	    " AND a.updated >= ?4 AND replace(replace(a.title, ' ', ''),"
	    " '\xe3\x80\x80' /* U+3000 */ "
	    ", '') = ?3 ORDER BY a.updated DESC LIMIT 5",
};

/* The temporary table behind STMT_SEEN_*: on disk, so that a run over
 * any number of files keeps its memory bounded. */
const char store_seen_schema[] =
    "DROP TABLE IF EXISTS temp.import_seen;"
    "CREATE TEMP TABLE import_seen(article_id INTEGER PRIMARY KEY,"
    " path TEXT NOT NULL);";
