/*
 * store_schema: the schema, as the migrations that build it.  Values are
 * never formatted in; the statements that use the schema are store_sql.c.
 */
#include "store_int.h"

/*
 * Migrations.  Entry v upgrades a database at version v to v+1; each runs
 * in its own transaction and then sets PRAGMA user_version.  Never edit a
 * released entry: add a new one.
 */
const char *const store_migrations[STORE_SCHEMA_VERSION] = {
	/* 0 -> 1: sites, channels, articles, revisions, users, audit. */
	"CREATE TABLE site("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  title TEXT NOT NULL,"
	"  base_url TEXT NOT NULL DEFAULT '',"
	"  languages TEXT NOT NULL DEFAULT 'zh,en',"
	"  default_lang TEXT NOT NULL DEFAULT 'zh',"
	"  settings TEXT NOT NULL DEFAULT '{}',"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL);"
	"CREATE TABLE channel("
	"  id INTEGER PRIMARY KEY,"
	"  site_id INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,"
	"  lang TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES channel(id),"
	"  slug TEXT NOT NULL,"
	"  path TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  sort_order INTEGER NOT NULL DEFAULT 0,"
	"  page_size INTEGER NOT NULL DEFAULT 20 CHECK(page_size > 0),"
	"  review_levels INTEGER NOT NULL DEFAULT 1"
	"    CHECK(review_levels BETWEEN 0 AND 9),"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  UNIQUE(site_id, lang, path));"
	"CREATE INDEX channel_parent ON channel(parent_id);"
	"CREATE TABLE article("
	"  id INTEGER PRIMARY KEY,"
	"  site_id INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,"
	"  channel_id INTEGER NOT NULL REFERENCES channel(id),"
	"  lang TEXT NOT NULL,"
	"  slug TEXT NOT NULL,"
	"  title TEXT NOT NULL,"
	"  subtitle TEXT,"
	"  author TEXT,"
	"  source TEXT,"
	"  summary TEXT,"
	"  translation_key TEXT,"
	"  body TEXT NOT NULL DEFAULT '',"
	"  tags TEXT NOT NULL DEFAULT '[]',"
	"  format TEXT NOT NULL DEFAULT 'markdown'"
	"    CHECK(format IN ('markdown','html')),"
	"  status TEXT NOT NULL DEFAULT 'draft' CHECK(status IN"
	"    ('draft','review','approved','published','offline')),"
	"  weight INTEGER NOT NULL DEFAULT 0,"
	"  publish_at INTEGER NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  revision INTEGER NOT NULL DEFAULT 1,"
	"  UNIQUE(channel_id, slug));"
	"CREATE INDEX article_list"
	"  ON article(site_id, lang, channel_id, status, publish_at);"
	"CREATE INDEX article_translation ON article(site_id, translation_key);"
	"CREATE TABLE user("
	"  id INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  display_name TEXT,"
	"  email TEXT,"
	"  password TEXT NOT NULL,"
	"  role TEXT NOT NULL CHECK(role IN ('admin','editor','reviewer')),"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL);"
	"CREATE TABLE revision("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  number INTEGER NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  note TEXT,"
	"  data TEXT NOT NULL,"
	"  UNIQUE(article_id, number));"
	"CREATE TABLE permission("
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	"  channel_id INTEGER NOT NULL REFERENCES channel(id) ON DELETE CASCADE,"
	"  can TEXT NOT NULL CHECK(can IN ('edit','review','manage')),"
	"  level INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY(user_id, channel_id, can));"
	"CREATE TABLE audit("
	"  id INTEGER PRIMARY KEY,"
	"  at INTEGER NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  object TEXT NOT NULL,"
	"  object_id INTEGER,"
	"  detail TEXT);",

	/* 1 -> 2: categories, other front matter fields, the time zone a date
	 * was written in, takedown time and the trash.  The current version
	 * now lives only in the article row (with who saved it): revisions
	 * keep the versions before it, so an article is not stored twice. */
	"ALTER TABLE article ADD COLUMN categories TEXT NOT NULL DEFAULT '[]';"
	"ALTER TABLE article ADD COLUMN extra TEXT;"
	"ALTER TABLE article ADD COLUMN date_offset INTEGER NOT NULL DEFAULT 480;"
	"ALTER TABLE article ADD COLUMN expire_at INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE article ADD COLUMN deleted INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE article ADD COLUMN actor TEXT;"
	"ALTER TABLE article ADD COLUMN note TEXT;"
	"UPDATE article SET (actor, note) = (SELECT r.actor, r.note"
	"  FROM revision r WHERE r.article_id = article.id"
	"  AND r.number = article.revision);"
	"DELETE FROM revision WHERE number ="
	"  (SELECT a.revision FROM article a WHERE a.id = revision.article_id);"
	"CREATE INDEX article_expire ON article(expire_at) WHERE expire_at > 0;",

	/* 2 -> 3: bodies in a table of their own, so that listing articles
	 * (every build does) reads small rows instead of walking each body's
	 * overflow pages to reach the columns after it.  And what the
	 * publisher last put in the static tree, so that an incremental
	 * publish knows where an article was and can undo it (no foreign
	 * key: a purged article must still be unpublished). */
	"CREATE TABLE article_body("
	"  article_id INTEGER PRIMARY KEY"
	"    REFERENCES article(id) ON DELETE CASCADE,"
	"  body TEXT NOT NULL DEFAULT '');"
	"INSERT INTO article_body(article_id, body) SELECT id, body FROM article;"
	"ALTER TABLE article DROP COLUMN body;"
	"CREATE TABLE published("
	"  article_id INTEGER PRIMARY KEY,"
	"  site_id INTEGER NOT NULL,"
	"  channel_id INTEGER NOT NULL,"
	"  lang TEXT NOT NULL,"
	"  url TEXT NOT NULL,"
	"  date INTEGER NOT NULL,"
	"  weight INTEGER NOT NULL DEFAULT 0,"
	"  tkey TEXT);"
	"CREATE INDEX published_site ON published(site_id, channel_id);",

	/* 3 -> 4: what lets one edit in a big site be republished without
	 * reading whole tables.  A channel's pinned articles by an index of
	 * their own (few rows, instead of walking the channel); its
	 * translation keys from an index alone; and how many articles each
	 * channel shows, kept by triggers instead of counted. */
	"CREATE INDEX article_pinned ON article(site_id, lang, channel_id)"
	"  WHERE weight > 0;"
	"CREATE INDEX article_channel_tkey ON article(channel_id,"
	"  translation_key) WHERE translation_key IS NOT NULL;"
	"CREATE TABLE published_count("
	"  channel_id INTEGER PRIMARY KEY,"
	"  site_id INTEGER NOT NULL,"
	"  n INTEGER NOT NULL);"
	"INSERT INTO published_count(channel_id, site_id, n)"
	"  SELECT channel_id, site_id, count(*) FROM published"
	"  GROUP BY channel_id;"
	"CREATE TRIGGER published_count_add AFTER INSERT ON published BEGIN"
	"  INSERT INTO published_count(channel_id, site_id, n)"
	"  VALUES(new.channel_id, new.site_id, 1)"
	"  ON CONFLICT(channel_id) DO UPDATE SET n = n + 1;"
	" END;"
	"CREATE TRIGGER published_count_del AFTER DELETE ON published BEGIN"
	"  UPDATE published_count SET n = n - 1"
	"  WHERE channel_id = old.channel_id;"
	" END;"
	"CREATE TRIGGER published_count_move AFTER UPDATE OF channel_id"
	"  ON published WHEN old.channel_id != new.channel_id BEGIN"
	"  UPDATE published_count SET n = n - 1"
	"  WHERE channel_id = old.channel_id;"
	"  INSERT INTO published_count(channel_id, site_id, n)"
	"  VALUES(new.channel_id, new.site_id, 1)"
	"  ON CONFLICT(channel_id) DO UPDATE SET n = n + 1;"
	" END;",

	/* 4 -> 5: the server's tables.  The search index (FTS5 with our
	 * tokenizer, see src/search/tokenize.h) holds the text of published
	 * articles only, rowid = article id; search_doc says which version
	 * of each it holds.  Visit counts, in all and per day (YYYYMMDD).
	 * Published articles by publish time, for the scheduler. */
	"CREATE VIRTUAL TABLE search USING fts5(title, body,"
	"  tokenize = 'gazette');"
	"CREATE TABLE search_doc("
	"  article_id INTEGER PRIMARY KEY,"
	"  site_id INTEGER NOT NULL,"
	"  updated INTEGER NOT NULL);"
	"CREATE INDEX search_doc_site ON search_doc(site_id);"
	"CREATE TABLE visit("
	"  article_id INTEGER PRIMARY KEY,"
	"  n INTEGER NOT NULL);"
	"CREATE TABLE visit_day("
	"  article_id INTEGER NOT NULL,"
	"  day INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY(article_id, day)) WITHOUT ROWID;"
	"CREATE INDEX visit_day_day ON visit_day(day);"
	"CREATE INDEX article_publish_at ON article(publish_at)"
	"  WHERE status = 'published' AND deleted = 0;",

	/* 5 -> 6: a number that each search index update raises, so the
	 * server knows when the results it keeps are out of date. */
	"CREATE TABLE search_state("
	"  site_id INTEGER PRIMARY KEY,"
	"  version INTEGER NOT NULL);",

	/* 6 -> 7: publishing a few articles reads whole channels and their
	 * translations without touching the rows: a channel's live
	 * articles in list order, and articles by translation key, each
	 * with what a list, a sitemap and neighbour links need (titles are
	 * read one by one, only for what is shown); pinned ones in order. */
	"CREATE INDEX article_live ON article(site_id, channel_id, lang,"
	"  status, deleted, (weight > 0) DESC, weight, publish_at DESC,"
	"  id DESC, expire_at, slug, translation_key, date_offset, updated);"
	"DROP INDEX article_translation;"
	"CREATE INDEX article_translation ON article(site_id,"
	"  translation_key, status, deleted, publish_at, expire_at,"
	"  channel_id, slug, date_offset, weight, updated);"
	"CREATE INDEX article_pinned_order ON article(site_id, lang,"
	"  channel_id, weight, publish_at DESC, id DESC) WHERE weight > 0;"
	/* What these replace, and what nothing reads any more. */
	"DROP INDEX article_pinned;"
	"DROP INDEX article_channel_tkey;",

	/* 7 -> 8: the admin.  An administrator with a site administers that
	 * site only.  Sessions are found by a hash of the cookie's token
	 * (the token itself is never stored).  Failed logins, by account
	 * and by address, for throttling.  A reviewer may hold several
	 * levels of one channel: the level joins the permission's key.
	 * Work: an article's pending version on its way through review
	 * (data: the fields of that version while another is live), and
	 * review: every decision on it.  The audit log says from where. */
	"ALTER TABLE user ADD COLUMN site_id INTEGER"
	"  REFERENCES site(id) ON DELETE CASCADE;"
	"CREATE TABLE session("
	"  id TEXT PRIMARY KEY,"
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	"  csrf TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  seen INTEGER NOT NULL,"
	"  addr TEXT,"
	"  agent TEXT) WITHOUT ROWID;"
	"CREATE INDEX session_user ON session(user_id);"
	"CREATE TABLE login_fail("
	"  key TEXT NOT NULL,"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX login_fail_key ON login_fail(key, at);"
	"CREATE TABLE permission_new("
	"  user_id INTEGER NOT NULL REFERENCES user(id) ON DELETE CASCADE,"
	"  channel_id INTEGER NOT NULL REFERENCES channel(id) ON DELETE CASCADE,"
	"  can TEXT NOT NULL CHECK(can IN ('edit','review','manage')),"
	"  level INTEGER NOT NULL DEFAULT 1,"
	"  PRIMARY KEY(user_id, channel_id, can, level));"
	"INSERT INTO permission_new SELECT user_id, channel_id, can, level"
	"  FROM permission;"
	"DROP TABLE permission;"
	"ALTER TABLE permission_new RENAME TO permission;"
	"CREATE TABLE work("
	"  article_id INTEGER PRIMARY KEY"
	"    REFERENCES article(id) ON DELETE CASCADE,"
	"  state TEXT NOT NULL CHECK(state IN ('draft','review','returned')),"
	"  level INTEGER NOT NULL DEFAULT 0,"
	"  levels INTEGER NOT NULL DEFAULT 0,"
	"  owner INTEGER REFERENCES user(id) ON DELETE SET NULL,"
	"  approved_by TEXT NOT NULL DEFAULT '[]',"
	"  data TEXT,"
	"  updated INTEGER NOT NULL);"
	"CREATE INDEX work_queue ON work(state, level);"
	"CREATE TABLE review("
	"  id INTEGER PRIMARY KEY,"
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  at INTEGER NOT NULL,"
	"  actor_id INTEGER,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  level INTEGER NOT NULL DEFAULT 0,"
	"  comment TEXT,"
	"  addr TEXT);"
	"CREATE INDEX review_article ON review(article_id, id);"
	"ALTER TABLE audit ADD COLUMN addr TEXT;",

	/* 8 -> 9: the media library (files stored once per site by content
	 * hash, and which articles use them), the pre-publish checks'
	 * findings on a work item and each site's sensitive-word list. */
	"CREATE TABLE media("
	"  id INTEGER PRIMARY KEY,"
	"  site_id INTEGER NOT NULL REFERENCES site(id) ON DELETE CASCADE,"
	"  hash TEXT NOT NULL,"
	"  mime TEXT NOT NULL,"
	"  ext TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  name TEXT NOT NULL,"
	"  width INTEGER NOT NULL DEFAULT 0,"
	"  height INTEGER NOT NULL DEFAULT 0,"
	"  created INTEGER NOT NULL,"
	"  uploader TEXT NOT NULL DEFAULT '',"
	"  UNIQUE(site_id, hash));"
	"CREATE TABLE article_media("
	"  article_id INTEGER NOT NULL REFERENCES article(id) ON DELETE CASCADE,"
	"  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,"
	"  attached INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY(article_id, media_id)) WITHOUT ROWID;"
	"CREATE INDEX article_media_media ON article_media(media_id);"
	"ALTER TABLE work ADD COLUMN findings TEXT;"
	"CREATE TABLE wordlist("
	"  site_id INTEGER PRIMARY KEY REFERENCES site(id) ON DELETE CASCADE,"
	"  words TEXT NOT NULL,"
	"  updated INTEGER NOT NULL,"
	"  actor TEXT NOT NULL DEFAULT '');",
};
