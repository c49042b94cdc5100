/*
 * publish: full and incremental builds.  See publish.h.
 * A full build writes a new generation and swaps it in (generation.c).
 */
#define _XOPEN_SOURCE 700
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "clock.h"
#include "deps.h"
#include "file.h"
#include "generation.h"
#include "permalink.h"
#include "publish.h"
#include "render.h"
#include "search.h"
#include "sitefiles.h"

#define GZIP_LEVEL 4 /* as small as 6 on HTML, and faster */

enum task_kind { T_HOME, T_404, T_CHANNEL, T_ARTICLE, T_FEED_LANG,
    T_FEED_CHANNEL, T_SITEMAP };

struct task {
	uint8_t kind;
	int32_t a;       /* language, channel or article index */
	int32_t b;       /* page */
};

struct build {
	const struct render *r;
	const char *db_path;
	struct task *tasks;
	size_t ntasks;
	atomic_size_t next;
	atomic_int failed;
	pthread_mutex_t lock;
	struct buf why;           /* the first error */
	int rc;
	long pages, files, unchanged;
	int level;
};

static int
run_task(const struct render *r, struct render_worker *w,
    const struct task *t, struct buf *why)
{
	switch (t->kind) {
	case T_HOME:
		return render_home(r, w, (size_t)t->a, why);
	case T_404:
		return render_404(r, w, (size_t)t->a, why);
	case T_CHANNEL:
		return render_channel(r, w, t->a, t->b, why);
	case T_ARTICLE:
		return render_article(r, w, t->a, why);
	case T_FEED_LANG:
		return sitefiles_feeds(r, w, (size_t)t->a, -1, why);
	case T_FEED_CHANNEL:
		return sitefiles_feeds(r, w, 0, t->a, why);
	case T_SITEMAP:
		return sitefiles_sitemap_channel(r, w, t->a, 1, 0, why);
	}
	return GZ_EINVAL;
}

static void *
build_worker(void *arg)
{
	struct build *b = arg;
	struct render_worker w;
	struct buf why = BUF_INIT;
	size_t i;
	int rc;

	rc = render_worker_init(&w, b->db_path, b->level, &why);
	while (rc == GZ_OK && !atomic_load(&b->failed) &&
	    (i = atomic_fetch_add(&b->next, 1)) < b->ntasks)
		rc = run_task(b->r, &w, &b->tasks[i], &why);
	pthread_mutex_lock(&b->lock);
	if (rc && !b->rc) {
		b->rc = rc;
		buf_puts(&b->why, buf_cstr(&why));
		atomic_store(&b->failed, 1);
	}
	b->pages += w.pages;
	b->files += w.files;
	b->unchanged += w.unchanged;
	pthread_mutex_unlock(&b->lock);
	render_worker_done(&w);
	buf_free(&why);
	return NULL;
}

static int
push(struct task **v, size_t *n, size_t *cap, int kind, int32_t a, int32_t b)
{
	if (*n == *cap) {
		struct task *nv;
		*cap = *cap ? *cap * 2 : 1024;
		if ((nv = realloc(*v, *cap * sizeof *nv)) == NULL)
			return GZ_ENOMEM;
		*v = nv;
	}
	(*v)[*n].kind = (uint8_t)kind;
	(*v)[*n].a = a;
	(*v)[*n].b = b;
	(*n)++;
	return GZ_OK;
}

/* Every output of a full build, largest kinds last so threads finish
 * together. */
static int
plan_all(const struct catalog *c, struct task **v, size_t *n)
{
	size_t cap = 0, i;
	int p, rc = GZ_OK;

	*v = NULL;
	*n = 0;
	for (i = 0; i < c->nlangs && !rc; i++) {
		rc |= push(v, n, &cap, T_HOME, (int32_t)i, 0);
		rc |= push(v, n, &cap, T_404, (int32_t)i, 0);
		rc |= push(v, n, &cap, T_FEED_LANG, (int32_t)i, 0);
	}
	for (i = 0; i < c->nchannels && !rc; i++) {
		rc |= push(v, n, &cap, T_FEED_CHANNEL, (int32_t)i, 0);
		rc |= push(v, n, &cap, T_SITEMAP, (int32_t)i, 0);
		for (p = 1; p <= c->channels[i].pages && !rc; p++)
			rc |= push(v, n, &cap, T_CHANNEL, (int32_t)i, p);
	}
	for (i = 0; i < c->narticles && !rc; i++)
		rc |= push(v, n, &cap, T_ARTICLE, (int32_t)i, 0);
	return rc ? GZ_ENOMEM : GZ_OK;
}

static int
jobs_default(int jobs)
{
	long n;

	if (jobs > 0)
		return jobs;
	n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (int)(n > 64 ? 64 : n) : 1;
}

/* Record what is now published (for incremental publishing). */
static int
record_all(struct store *st, const struct catalog *c)
{
	struct published p = {0};
	struct buf ids = BUF_INIT;
	size_t i;
	int rc;

	buf_putc(&ids, '[');
	for (i = 0; i < c->narticles; i++)
		buf_printf(&ids, "%s%lld", i ? "," : "",
		    (long long)c->articles[i].id);
	buf_putc(&ids, ']');
	if (buf_error(&ids)) {
		buf_free(&ids);
		return GZ_ENOMEM;
	}
	if ((rc = store_begin(st))) {
		buf_free(&ids);
		return rc;
	}
	rc = store_published_keep(st, c->site.id, ids.data);
	buf_free(&ids);
	for (i = 0; i < c->narticles && rc == GZ_OK; i++) {
		const struct cat_article *a = &c->articles[i];
		p.article_id = a->id;
		p.site_id = c->site.id;
		p.channel_id = c->channels[a->channel].id;
		p.lang = c->channels[a->channel].lang;
		p.url = a->url;
		p.date = a->date;
		p.weight = a->weight;
		p.tkey = a->tkey;
		rc = store_published_put(st, &p);
	}
	return rc ? (store_rollback(st), rc) : store_commit(st);
}

/* The served path and the database of a publish. */
static void
paths(const struct publish_opts *o, struct buf *out, struct buf *db)
{
	if (o->out)
		buf_puts(out, o->out);
	else
		buf_printf(out, "%s/public", o->site_dir);
	buf_printf(db, "%s/gazette.db", o->site_dir);
}

char *
publish_live(const struct publish_opts *o)
{
	struct buf out = BUF_INIT, db = BUF_INIT;
	char *live;

	paths(o, &out, &db);
	live = buf_error(&out) ? NULL : publish_live_dir(out.data);
	buf_free(&out);
	buf_free(&db);
	return live;
}

/* The static files, with .gz copies of stylesheets and scripts. */
static int
copy_assets(const struct theme *t, const struct output *o, int level,
    struct buf *why)
{
	struct output_writer *w;
	struct buf p = BUF_INIT, data = BUF_INIT;
	DIR *d;
	struct dirent *e;
	int rc;

	if ((rc = theme_copy_static(t, o->root, why)))
		return rc;
	buf_printf(&p, "%s/assets", o->root);
	if ((d = opendir(p.data)) == NULL) {
		buf_free(&p);
		return GZ_OK;
	}
	if ((w = output_writer_new(level)) == NULL) {
		closedir(d);
		buf_free(&p);
		return GZ_ENOMEM;
	}
	while (rc == GZ_OK && (e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.' || !output_compressible(e->d_name))
			continue;
		buf_reset(&p);
		buf_printf(&p, "%s/assets/%s", o->root, e->d_name);
		if ((rc = file_read(p.data, 0, &data, why)) == GZ_OK) {
			buf_reset(&p);
			buf_printf(&p, "assets/%s", e->d_name);
			rc = output_write(o, w, p.data, data.data, data.len,
			    NULL, why);
		}
	}
	closedir(d);
	output_writer_free(w);
	buf_free(&p);
	buf_free(&data);
	return rc;
}

/* What every publish starts from: the site as shown now (all of it, or
 * with ids what publishing them needs), and its theme. */
static int
prepare(struct store *st, const struct site *site,
    const struct publish_opts *o, const int64_t *ids, size_t nids,
    struct catalog **cat, struct theme **theme, struct buf *why)
{
	char *tname = theme_site_name(site);
	int rc;

	*cat = NULL;
	*theme = NULL;
	if (tname == NULL)
		return GZ_ENOMEM;
	rc = ids ? catalog_load_scope(st, site->id, store_now(), ids, nids,
	    cat, why) : catalog_load(st, site->id, store_now(), cat, why);
	if (rc == GZ_OK)
		rc = theme_load(o->site_dir, tname, o->argv0, theme, why);
	free(tname);
	return rc;
}

static int
build_locked(struct store *st, const struct site *site,
    const struct publish_opts *o, struct publish_stats *stats,
    struct buf *why)
{
	struct catalog *cat = NULL;
	struct theme *theme = NULL;
	struct render r;
	struct build b;
	struct output out = {0};
	struct buf outp = BUF_INIT, db = BUF_INIT, gens = BUF_INIT;
	struct buf gen = BUF_INIT;
	char *prev = NULL;
	pthread_t *th = NULL;
	double t0 = clock_seconds();
	long live, n;
	int jobs = jobs_default(o->jobs), i, started = 0, rc;

	memset(stats, 0, sizeof *stats);
	memset(&r, 0, sizeof r);
	memset(&b, 0, sizeof b);
	json_object_seed(0); /* before any thread touches jansson */
	paths(o, &outp, &db);
	generation_dir(&gens, outp.data);
	clock_trace("build: start");
	if ((rc = prepare(st, site, o, NULL, 0, &cat, &theme, why)) ||
	    (rc = file_mkdirs(gens.data, why)))
		goto out;
	live = generation_live(outp.data);
	n = generation_highest(gens.data) + 1;
	buf_printf(&gen, "%s/%ld", gens.data, n);
	if (mkdir(gen.data, 0755) < 0) {
		file_explain(why, "create", gen.data, errno);
		rc = gz_from_errno(errno);
		goto out;
	}
	out.root = gen.data;
	out.level = o->gzip_level ? o->gzip_level : GZIP_LEVEL;
	/* Unchanged pages are linked from the live tree (output.h). */
	if (!o->fresh && live > 0 &&
	    (prev = publish_live_dir(outp.data)) != NULL &&
	    file_is_dir(prev))
		out.prev = prev;
	if ((rc = render_init(&r, cat, theme, &out)) ||
	    (rc = plan_all(cat, &b.tasks, &b.ntasks)))
		goto out;
	r.site_dir = o->site_dir;
	clock_trace("build: catalog and theme");
	b.r = &r;
	b.db_path = db.data;
	b.level = out.level;
	atomic_init(&b.next, 0);
	atomic_init(&b.failed, 0);
	pthread_mutex_init(&b.lock, NULL);
	if ((th = calloc((size_t)jobs, sizeof *th)) == NULL) {
		rc = GZ_ENOMEM;
		goto out;
	}
	for (i = 0; i < jobs; i++, started++)
		if (pthread_create(&th[i], NULL, build_worker, &b) != 0)
			break;
	if (started == 0)
		build_worker(&b);
	for (i = 0; i < started; i++)
		pthread_join(th[i], NULL);
	clock_trace("build: pages");
	if ((rc = b.rc)) {
		buf_puts(why, buf_cstr(&b.why));
		goto out;
	}
	{
		struct render_worker w;
		if ((rc = render_worker_init(&w, NULL, out.level, why)) == GZ_OK)
			rc = sitefiles_sitemap_index(&r, &w, why);
		b.files += w.files;
		b.unchanged += w.unchanged;
		render_worker_done(&w);
	}
	if (rc || (rc = copy_assets(theme, &out, out.level, why)))
		goto out;
	clock_trace("build: sitemap index, assets");
	/* Everything is written: make it the site. */
	if ((rc = generation_swap(outp.data, n, why)))
		goto out;
	if ((rc = record_all(st, cat))) {
		buf_printf(why, "the site was published, but recording it "
		    "failed: %s; the next build will fix it",
		    store_errmsg(st));
		goto out;
	}
	clock_trace("build: swapped, recorded");
	generation_prune(gens.data, n, live);
	clock_trace("build: old generations pruned");
	if ((rc = search_sync(st, site->id, NULL, 0, &b.why))) {
		buf_printf(why, "the site was published, but %s; the next "
		    "publish will retry", buf_cstr(&b.why));
		goto out;
	}
	clock_trace("build: search index");
	stats->pages = b.pages;
	stats->files = b.files;
	stats->unchanged = b.unchanged;
out:
	if (b.tasks)
		pthread_mutex_destroy(&b.lock);
	free(b.tasks);
	free(th);
	buf_free(&b.why);
	render_done(&r);
	theme_free(theme);
	catalog_free(cat);
	buf_free(&outp);
	buf_free(&db);
	buf_free(&gens);
	buf_free(&gen);
	free(prev);
	stats->seconds = clock_seconds() - t0;
	return rc;
}

/* Remove list pages of channel ch beyond its last page. */
static int
remove_extra_pages(const struct render *r, int32_t ch, long *removed,
    struct buf *why)
{
	const struct cat_channel *c = &r->cat->channels[ch];
	struct buf url = BUF_INIT, file = BUF_INIT, full = BUF_INIT;
	int page, rc = GZ_OK;

	for (page = c->pages + 1; rc == GZ_OK; page++) {
		buf_reset(&url);
		buf_reset(&file);
		buf_reset(&full);
		permalink_channel(&url, c->lang, r->cat->site.default_lang,
		    c->path, page);
		permalink_file(&file, buf_cstr(&url));
		buf_printf(&full, "%s/%s", r->out->root, buf_cstr(&file));
		if (access(full.data, F_OK) != 0)
			break;
		rc = output_remove(r->out, buf_cstr(&file), why);
		(*removed)++;
		/* .../page/N/ is empty now; so may .../page/ be. */
		buf_truncate(&full, full.len - strlen("/index.html"));
		rmdir(full.data);
		buf_truncate(&full, (size_t)(strrchr(full.data, '/') - full.data));
		rmdir(full.data);
	}
	buf_free(&url);
	buf_free(&file);
	buf_free(&full);
	return rc;
}

static int
articles_locked(struct store *st, const struct site *site,
    const int64_t *ids, size_t nids, const struct publish_opts *o,
    struct publish_stats *stats, struct buf *why)
{
	struct catalog *cat = NULL;
	struct theme *theme = NULL;
	struct render r;
	struct render_worker w;
	struct deps d;
	struct output out = {0};
	struct published before = {0};
	struct buf outp = BUF_INIT, db = BUF_INIT, file = BUF_INIT;
	struct buf sync_why = BUF_INIT;
	char *live = NULL;
	double t0 = clock_seconds();
	size_t i;
	int32_t k;
	int rc, p;

	clock_trace("publish: start");
	memset(stats, 0, sizeof *stats);
	memset(&r, 0, sizeof r);
	memset(&d, 0, sizeof d);
	memset(&w, 0, sizeof w);
	paths(o, &outp, &db);
	if ((live = publish_live_dir(outp.data)) == NULL) {
		buf_free(&outp);
		buf_free(&db);
		return build_locked(st, site, o, stats, why);
	}
	if ((rc = prepare(st, site, o, ids, nids, &cat, &theme, why)))
		goto out;
	clock_trace("publish: theme");
	out.root = live;
	out.flags = OUTPUT_LIVE;
	out.level = o->gzip_level ? o->gzip_level : GZIP_LEVEL;
	if ((rc = render_init(&r, cat, theme, &out)) ||
	    (rc = render_worker_init(&w, NULL, out.level, why)) ||
	    (rc = deps_init(&d, cat)))
		goto out;
	r.site_dir = o->site_dir;
	w.st = st; /* this connection; not closed by the worker */
	for (i = 0; i < nids && rc == GZ_OK; i++) {
		int had = store_published_get(st, ids[i], &before);
		if (had && had != GZ_ENOTFOUND) {
			rc = had;
			break;
		}
		rc = deps_article(&d, cat, had ? NULL : &before,
		    catalog_article(cat, ids[i]));
	}
	clock_trace("publish: deps");
	if (rc == GZ_OK)
		rc = deps_load_shown(&d, cat, st, why);
	clock_trace("publish: texts shown");
	/* R2: pages that are gone. */
	for (i = 0; i < d.remove.n && rc == GZ_OK; i++) {
		buf_reset(&file);
		permalink_file(&file, d.remove.v[i]);
		if ((rc = output_remove(&out, buf_cstr(&file), why)) == GZ_OK)
			stats->removed++;
	}
	for (k = 0; rc == GZ_OK && (size_t)k < cat->nlisted; k++)
		if (d.articles[k])
			rc = render_article(&r, &w, k, why);
	clock_trace("publish: articles");
	for (k = 0; rc == GZ_OK && (size_t)k < cat->nchannels; k++) {
		int lo = 1, hi = cat->channels[k].pages;
		if (!d.channels[k]) {
			if (d.page_lo[k] == 0)
				continue;
			lo = d.page_lo[k];
			hi = d.page_hi[k] < hi ? d.page_hi[k] : hi;
		}
		for (p = lo; rc == GZ_OK && p <= hi; p++)
			rc = render_channel(&r, &w, k, p, why);
		if (rc == GZ_OK && d.channels[k])
			rc = remove_extra_pages(&r, k, &stats->removed, why);
		if (rc == GZ_OK)
			rc = sitefiles_feeds(&r, &w, 0, k, why);
	}
	for (k = 0; rc == GZ_OK && (size_t)k < cat->nchannels; k++)
		if (d.channels[k])
			rc = sitefiles_sitemap_channel(&r, &w, k, 1, 0, why);
		else if (d.piece_lo[k])
			rc = sitefiles_sitemap_channel(&r, &w, k, d.piece_lo[k],
			    d.piece_hi[k], why);
	for (i = 0; rc == GZ_OK && i < cat->nlangs; i++) {
		if (!d.langs[i])
			continue;
		if ((rc = render_home(&r, &w, i, why)) == GZ_OK)
			rc = sitefiles_feeds(&r, &w, i, -1, why);
	}
	if (rc == GZ_OK && d.index)
		rc = sitefiles_sitemap_index(&r, &w, why);
	clock_trace("publish: channels, home, feeds");
	/* Remember what is published now. */
	if (rc == GZ_OK && (rc = store_begin(st)) == GZ_OK) {
		for (i = 0; i < nids && rc == GZ_OK; i++) {
			int32_t a = catalog_article(cat, ids[i]);
			struct published now = {0};
			if (a < 0) {
				rc = store_published_del(st, ids[i]);
				continue;
			}
			now.article_id = ids[i];
			now.site_id = site->id;
			now.channel_id = cat->channels[cat->articles[a].channel].id;
			now.lang = cat->channels[cat->articles[a].channel].lang;
			now.url = cat->articles[a].url;
			now.date = cat->articles[a].date;
			now.weight = cat->articles[a].weight;
			now.tkey = cat->articles[a].tkey;
			rc = store_published_put(st, &now);
		}
		rc = rc ? (store_rollback(st), rc) : store_commit(st);
	}
	clock_trace("publish: recorded");
	if (rc == GZ_OK && (rc = search_sync(st, site->id, ids, nids,
	    &sync_why))) {
		buf_printf(why, "the site was published, but %s; the next "
		    "publish will retry", buf_cstr(&sync_why));
		goto out;
	}
	clock_trace("publish: search index");
	stats->pages = w.pages;
	stats->files = w.files;
	stats->unchanged = w.unchanged;
out:
	w.st = NULL;
	render_worker_done(&w);
	deps_free(&d);
	render_done(&r);
	theme_free(theme);
	catalog_free(cat);
	published_clear(&before);
	buf_free(&outp);
	buf_free(&db);
	buf_free(&file);
	buf_free(&sync_why);
	free(live);
	stats->seconds = clock_seconds() - t0;
	clock_trace("publish: freed");
	return rc;
}

/*
 * One publisher at a time per site folder (the CLI, the server's
 * scheduler, the admin): each waits for the one before it, so that an
 * incremental publish never writes into a generation a full build is
 * about to replace, and each starts from what the last one recorded.
 * The lock is an flock(2) on SITE_DIR/.publish.lock, released by the
 * kernel if the holder dies.
 */
static int
lock_take(const struct publish_opts *o, int *fd, struct buf *why)
{
	struct buf path = BUF_INIT;
	int rc = GZ_OK;

	buf_printf(&path, "%s/.publish.lock", o->site_dir ? o->site_dir : ".");
	if (buf_error(&path)) {
		buf_free(&path);
		return GZ_ENOMEM;
	}
	*fd = open(path.data, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	if (*fd < 0) {
		file_explain(why, "create", path.data, errno);
		rc = gz_from_errno(errno);
	} else {
		while (flock(*fd, LOCK_EX) < 0 && errno == EINTR)
			;
	}
	buf_free(&path);
	return rc;
}

int
publish_build(struct store *st, const struct site *site,
    const struct publish_opts *o, struct publish_stats *stats,
    struct buf *why)
{
	int fd, rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = lock_take(o, &fd, why)))
		return rc;
	rc = build_locked(st, site, o, stats, why);
	close(fd);
	return rc;
}

int
publish_articles(struct store *st, const struct site *site,
    const int64_t *ids, size_t nids, const struct publish_opts *o,
    struct publish_stats *stats, struct buf *why)
{
	int fd, rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = lock_take(o, &fd, why)))
		return rc;
	rc = articles_locked(st, site, ids, nids, o, stats, why);
	close(fd);
	return rc;
}

int
publish_changes(struct store *st, const struct site *site,
    const int64_t *ids, size_t n, const struct publish_opts *o,
    struct publish_stats *stats, int *built, struct buf *why)
{
	char *live = publish_live(o);

	memset(stats, 0, sizeof *stats);
	*built = live != NULL;
	free(live);
	if (!*built)
		return GZ_OK;
	return ids ? publish_articles(st, site, ids, n, o, stats, why) :
	    publish_build(st, site, o, stats, why);
}
