/*
 * Unit tests for the store: schema and migrations from an older database,
 * transactions and savepoints, articles and revisions, the channel tree.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "store.h"

static char dir[64];
static char dbpath[128];

static int
setup(void **state)
{
	strcpy(dir, "/tmp/gz-store-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/gazette.db", dir);
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static struct store *
open_new(void)
{
	struct store *st = NULL;
	struct buf why = BUF_INIT;

	assert_int_equal(store_open(dbpath, STORE_CREATE, &st, &why), GZ_OK);
	buf_free(&why);
	return st;
}

/* A site "main" (zh,en) with channel zh/news; returns the channel id. */
static int64_t
seed(struct store *st, int64_t *site_id)
{
	struct site s = {0};
	struct channel c = {0};

	s.name = "main";
	s.title = "Main";
	s.languages = "zh,en";
	s.default_lang = "zh";
	assert_int_equal(store_site_add(st, &s), GZ_OK);
	c.site_id = s.id;
	c.lang = "zh";
	c.slug = "news";
	c.name = "新闻动态";
	c.review_levels = 1;
	assert_int_equal(store_channel_add(st, &c), GZ_OK);
	assert_string_equal(c.path, "news");
	free(c.path);
	*site_id = s.id;
	return c.id;
}

static void
make_article(struct article *a, int64_t site, int64_t ch, const char *slug,
    const char *title)
{
	article_init(a);
	a->site_id = site;
	a->channel_id = ch;
	assert_int_equal(article_set(&a->lang, "zh"), GZ_OK);
	assert_int_equal(article_set(&a->slug, slug), GZ_OK);
	assert_int_equal(article_set(&a->title, title), GZ_OK);
	assert_int_equal(article_set(&a->body, "正文 body"), GZ_OK);
	assert_int_equal(strv_push(&a->tags, "科技"), GZ_OK);
	a->status = ARTICLE_PUBLISHED;
	a->date = 1700000000;
	a->date_offset = 480;
}

static void
test_new_database(void **state)
{
	struct store *st = open_new();

	assert_int_equal(store_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	/* Opening again is a no-op upgrade. */
	st = open_new();
	assert_int_equal(store_version(st), STORE_SCHEMA_VERSION);
	store_close(st);
	/* WAL mode leaves its marks beside the database. */
	assert_int_equal(access(dbpath, F_OK), 0);
}

static void
test_missing_database(void **state)
{
	struct store *st = NULL;
	struct buf why = BUF_INIT;
	char p[160];

	snprintf(p, sizeof p, "%s/none/gazette.db", dir);
	assert_int_not_equal(store_open(p, 0, &st, &why), GZ_OK);
	assert_null(st);
	assert_non_null(strstr(buf_cstr(&why), "gazette init"));
	buf_free(&why);
}

static void
test_migrate_from_v1(void **state)
{
	struct store *st = NULL;
	struct buf why = BUF_INIT;
	struct article a;
	int rc;

	/* Build a version-1 database as an older Gazette wrote it. */
	assert_int_equal(store_open_at(dbpath, STORE_CREATE, 1, &st, &why),
	    GZ_OK);
	assert_int_equal(store_version(st), 1);
	rc = store_exec(st,
	    "INSERT INTO site(id, name, title, created, updated)"
	    " VALUES(1, 'old', 'Old site', 1, 1);"
	    "INSERT INTO channel(id, site_id, lang, slug, path, name,"
	    " created, updated) VALUES(1, 1, 'zh', 'news', 'news', '新闻', 1, 1);"
	    "INSERT INTO article(id, site_id, channel_id, lang, slug, title,"
	    " body, status, publish_at, created, updated)"
	    " VALUES(1, 1, 1, 'zh', 'a1', '旧文章', 'old body', 'published',"
	    " 1600000000, 1, 1);"
	    "INSERT INTO revision(article_id, number, created, actor, data)"
	    " VALUES(1, 1, 1, 'old', '{\"title\":\"旧文章\",\"body\":\"old body\"}');");
	assert_int_equal(rc, GZ_OK);
	store_close(st);

	/* Opening with today's program upgrades it in place. */
	st = open_new();
	assert_int_equal(store_version(st), STORE_SCHEMA_VERSION);
	article_init(&a);
	assert_int_equal(store_article_get(st, 1, &a), GZ_OK);
	assert_string_equal(a.title, "旧文章");
	assert_string_equal(a.body, "old body");
	assert_int_equal(a.date, 1600000000);
	assert_int_equal(a.date_offset, 480);   /* new column's default */
	assert_int_equal(a.categories.n, 0);
	assert_int_equal(a.expire, 0);
	assert_int_equal(a.deleted, 0);
	/* Its old revision is still readable and restorable. */
	assert_int_equal(store_article_restore(st, 1, 1, "test"), GZ_OK);
	assert_int_equal(store_article_get(st, 1, &a), GZ_OK);
	assert_int_equal(a.revision, 2);
	assert_string_equal(a.title, "旧文章");
	article_clear(&a);
	store_close(st);
	buf_free(&why);
}

static void
test_newer_database_refused(void **state)
{
	struct store *st = open_new();
	struct buf why = BUF_INIT;

	assert_int_equal(store_exec(st, "PRAGMA user_version = 99"), GZ_OK);
	store_close(st);
	st = NULL;
	assert_int_equal(store_open(dbpath, 0, &st, &why), GZ_EVERSION);
	assert_non_null(strstr(buf_cstr(&why), "upgrade Gazette"));
	buf_free(&why);
}

static void
test_transactions(void **state)
{
	struct store *st = open_new();
	struct article a, b;
	int64_t site, ch, n;
	struct article_filter f = {0};

	ch = seed(st, &site);
	f.status = -1;
	/* Rolled back: nothing stays. */
	assert_int_equal(store_begin(st), GZ_OK);
	make_article(&a, site, ch, "one", "One");
	assert_int_equal(store_article_insert(st, &a, "t", NULL), GZ_OK);
	assert_int_equal(store_rollback(st), GZ_OK);
	assert_int_equal(store_article_count(st, &f, &n), GZ_OK);
	assert_int_equal(n, 0);
	article_clear(&a);

	/* Nested: the inner rollback undoes only the inner part. */
	assert_int_equal(store_begin(st), GZ_OK);
	make_article(&a, site, ch, "outer", "Outer");
	assert_int_equal(store_article_insert(st, &a, "t", NULL), GZ_OK);
	assert_int_equal(store_begin(st), GZ_OK);
	make_article(&b, site, ch, "inner", "Inner");
	assert_int_equal(store_article_insert(st, &b, "t", NULL), GZ_OK);
	assert_int_equal(store_rollback(st), GZ_OK);
	assert_int_equal(store_commit(st), GZ_OK);
	assert_int_equal(store_article_count(st, &f, &n), GZ_OK);
	assert_int_equal(n, 1);
	article_clear(&b);
	article_init(&b);
	assert_int_equal(store_article_find(st, ch, "inner", &b), GZ_ENOTFOUND);
	assert_int_equal(store_article_find(st, ch, "outer", &b), GZ_OK);
	/* Unbalanced commit is refused, not ignored. */
	assert_int_equal(store_commit(st), GZ_EINVAL);

	/* A duplicate slug in a channel is refused and changes nothing. */
	article_clear(&a);
	make_article(&a, site, ch, "outer", "Again");
	assert_int_equal(store_article_insert(st, &a, "t", NULL), GZ_EEXIST);
	assert_int_equal(store_article_count(st, &f, &n), GZ_OK);
	assert_int_equal(n, 1);
	article_clear(&a);
	article_clear(&b);
	store_close(st);
}

static void
test_bulk_mode(void **state)
{
	struct store *st = open_new();
	struct article a, b;
	int64_t site, ch, n;
	struct article_filter f = {0};

	ch = seed(st, &site);
	f.status = -1;
	store_set_bulk(st, 1);
	/* Nested levels commit with the outer one... */
	assert_int_equal(store_begin(st), GZ_OK);
	make_article(&a, site, ch, "b1", "B1");
	assert_int_equal(store_article_insert(st, &a, "t", NULL), GZ_OK);
	assert_int_equal(store_commit(st), GZ_OK);
	assert_int_equal(store_article_count(st, &f, &n), GZ_OK);
	assert_int_equal(n, 1);
	/* ...and an inner rollback dooms the whole outer transaction. */
	assert_int_equal(store_begin(st), GZ_OK);
	make_article(&b, site, ch, "b2", "B2");
	assert_int_equal(store_article_insert(st, &b, "t", NULL), GZ_OK);
	assert_int_equal(store_begin(st), GZ_OK);
	assert_int_equal(store_rollback(st), GZ_OK);
	assert_int_equal(store_commit(st), GZ_ESTORE);
	store_set_bulk(st, 0);
	assert_int_equal(store_article_count(st, &f, &n), GZ_OK);
	assert_int_equal(n, 1);
	/* The store is usable afterwards. */
	assert_int_equal(store_begin(st), GZ_OK);
	assert_int_equal(store_commit(st), GZ_OK);
	article_clear(&a);
	article_clear(&b);
	store_close(st);
}

static int
count_rev(const struct revision *r, void *arg)
{
	(*(int *)arg)++;
	assert_int_equal(r->number, *(int *)arg);
	return GZ_OK;
}

static void
test_revisions(void **state)
{
	struct store *st = open_new();
	struct article a, r;
	int64_t site, ch;
	int n = 0;

	ch = seed(st, &site);
	make_article(&a, site, ch, "rev", "First title");
	assert_int_equal(store_article_insert(st, &a, "alice", "new"), GZ_OK);
	assert_int_equal(a.revision, 1);
	assert_int_equal(article_set(&a.title, "Second title"), GZ_OK);
	assert_int_equal(store_article_update(st, &a, "bob", NULL), GZ_OK);
	assert_int_equal(a.revision, 2);
	assert_int_equal(article_set(&a.body, "changed body"), GZ_OK);
	a.weight = 3;
	assert_int_equal(store_article_update(st, &a, "bob", NULL), GZ_OK);
	assert_int_equal(a.revision, 3);
	assert_int_equal(store_revision_list(st, a.id, count_rev, &n), GZ_OK);
	assert_int_equal(n, 3);

	/* Each revision reads back as it was. */
	article_init(&r);
	assert_int_equal(store_revision_load(st, a.id, 1, &r), GZ_OK);
	assert_string_equal(r.title, "First title");
	assert_string_equal(r.body, "正文 body");
	assert_int_equal(r.weight, 0);
	assert_int_equal(r.tags.n, 1);
	assert_string_equal(r.tags.v[0], "科技");
	assert_int_equal(store_revision_load(st, a.id, 9, &r), GZ_ENOTFOUND);

	/* Restoring makes a new revision with the old content. */
	assert_int_equal(store_article_restore(st, a.id, 1, "carol"), GZ_OK);
	assert_int_equal(store_article_get(st, a.id, &r), GZ_OK);
	assert_int_equal(r.revision, 4);
	assert_string_equal(r.title, "First title");
	assert_string_equal(r.body, "正文 body");
	assert_int_equal(r.weight, 0);

	/* The trash keeps the article and its revisions... */
	assert_int_equal(store_article_delete(st, a.id, "dave"), GZ_OK);
	assert_int_equal(store_article_get(st, a.id, &r), GZ_OK);
	assert_int_equal(r.deleted, 1);
	n = 0;
	assert_int_equal(store_revision_list(st, a.id, count_rev, &n), GZ_OK);
	assert_int_equal(n, 4);
	/* ...purge removes both. */
	assert_int_equal(store_article_purge(st, a.id, "dave"), GZ_OK);
	assert_int_equal(store_article_get(st, a.id, &r), GZ_ENOTFOUND);
	n = 0;
	assert_int_equal(store_revision_list(st, a.id, count_rev, &n), GZ_OK);
	assert_int_equal(n, 0);
	assert_int_equal(store_article_purge(st, a.id, "dave"), GZ_ENOTFOUND);
	article_clear(&a);
	article_clear(&r);
	store_close(st);
}

static int
collect_paths(const struct channel *c, void *arg)
{
	struct buf *b = arg;

	buf_printf(b, "%s;", c->path);
	return GZ_OK;
}

static void
test_channel_tree(void **state)
{
	struct store *st = open_new();
	struct channel c = {0}, d = {0}, e = {0};
	struct buf why = BUF_INIT, paths = BUF_INIT;
	struct article a;
	int64_t site, news;

	news = seed(st, &site);
	c.site_id = site;
	c.lang = "zh";
	c.slug = "local";
	c.name = "本地";
	c.parent_id = news;
	assert_int_equal(store_channel_add(st, &c), GZ_OK);
	assert_string_equal(c.path, "news/local");
	free(c.path);
	d.site_id = site;
	d.lang = "zh";
	d.slug = "about";
	d.name = "关于";
	d.sort_order = -1;
	assert_int_equal(store_channel_add(st, &d), GZ_OK);
	free(d.path);
	/* A slug with a slash cannot be a channel. */
	e.site_id = site;
	e.lang = "zh";
	e.slug = "a/b";
	e.name = "x";
	assert_int_equal(store_channel_add(st, &e), GZ_EINVAL);

	assert_int_equal(store_channel_list(st, site, "zh", collect_paths,
	    &paths), GZ_OK);
	assert_string_equal(buf_cstr(&paths), "about;news;news/local;");

	/* Moving a channel carries its subtree. */
	assert_int_equal(store_channel_move(st, news, d.id, &why), GZ_OK);
	buf_reset(&paths);
	assert_int_equal(store_channel_list(st, site, NULL, collect_paths,
	    &paths), GZ_OK);
	assert_string_equal(buf_cstr(&paths),
	    "about;about/news;about/news/local;");
	/* Not under itself. */
	assert_int_equal(store_channel_move(st, d.id, c.id, &why), GZ_EINVAL);
	assert_non_null(strstr(buf_cstr(&why), "under itself"));

	/* Removing refuses a channel with children or articles. */
	buf_reset(&why);
	assert_int_equal(store_channel_rm(st, news, &why), GZ_ECONSTRAINT);
	assert_non_null(strstr(buf_cstr(&why), "1 channels"));
	make_article(&a, site, c.id, "x", "X");
	assert_int_equal(store_article_insert(st, &a, "t", NULL), GZ_OK);
	buf_reset(&why);
	assert_int_equal(store_channel_rm(st, c.id, &why), GZ_ECONSTRAINT);
	assert_non_null(strstr(buf_cstr(&why), "1 articles"));
	assert_int_equal(store_article_purge(st, a.id, "t"), GZ_OK);
	assert_int_equal(store_channel_rm(st, c.id, &why), GZ_OK);
	assert_int_equal(store_channel_get(st, c.id, &e), GZ_ENOTFOUND);
	article_clear(&a);
	buf_free(&why);
	buf_free(&paths);
	store_close(st);
}

static void
test_site_settings(void **state)
{
	struct store *st = open_new();
	struct site s = {0};
	int64_t site;

	seed(st, &site);
	assert_int_equal(store_site_get(st, NULL, &s), GZ_OK);
	assert_string_equal(s.name, "main");
	assert_true(site_has_lang(&s, "en"));
	assert_false(site_has_lang(&s, "e"));
	assert_false(site_has_lang(&s, "fr"));
	assert_int_equal(site_setting_int(&s, "mourning", 0), 0);
	assert_int_equal(site_setting_set(&s, "mourning", "true"), GZ_OK);
	assert_int_equal(site_setting_set(&s, "utc_offset", "-300"), GZ_OK);
	assert_int_equal(store_site_update(st, &s), GZ_OK);
	site_clear(&s);
	assert_int_equal(store_site_get(st, "main", &s), GZ_OK);
	assert_int_equal(site_setting_int(&s, "mourning", 0), 1);
	assert_int_equal(site_setting_int(&s, "utc_offset", 480), -300);
	assert_int_equal(store_site_get(st, "nope", &s), GZ_ENOTFOUND);
	site_clear(&s);
	store_close(st);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_new_database, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_missing_database, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_migrate_from_v1, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_newer_database_refused,
		    setup, teardown),
		cmocka_unit_test_setup_teardown(test_transactions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_bulk_mode, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_revisions, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_channel_tree, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_site_settings, setup,
		    teardown),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
