/*
 * import: content tree -> store.  See import.h.
 */
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "file.h"
#include "frontmatter.h"
#include "import.h"
#include "sanitize.h"

#define DEFAULT_MAX (8u << 20)
#define BATCH 1000           /* files per transaction */

struct import {
	struct store *st;
	const struct site *site;
	const struct import_opts *o;
	struct import_stats *stats;
	FILE *log;
	struct buf text;      /* the current file, reused */
	struct buf why;       /* the current message, reused */
	struct buf clean;     /* sanitized HTML, reused */
	struct article a, old;
	long total;           /* files to do, for the progress bar */
	long in_batch;
	double start, last_draw;
	int offset;           /* the site's default UTC offset, minutes */
};

static int
name_cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The sorted names in dir (no dot files); caller frees with names_free. */
static int
names_read(const char *dir, char ***out, size_t *n, struct buf *why)
{
	DIR *d;
	struct dirent *e;
	char **v = NULL, **nv;
	size_t len = 0, cap = 0;

	*out = NULL;
	*n = 0;
	if ((d = opendir(dir)) == NULL) {
		int err = errno;
		file_explain(why, "read folder", dir, err);
		return gz_from_errno(err);
	}
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		if (len == cap) {
			cap = cap ? cap * 2 : 64;
			if ((nv = realloc(v, cap * sizeof *v)) == NULL)
				goto nomem;
			v = nv;
		}
		if ((v[len] = strdup(e->d_name)) == NULL)
			goto nomem;
		len++;
	}
	closedir(d);
	qsort(v, len, sizeof *v, name_cmp);
	*out = v;
	*n = len;
	return GZ_OK;
nomem:
	closedir(d);
	while (len)
		free(v[--len]);
	free(v);
	return GZ_ENOMEM;
}

static void
names_free(char **v, size_t n)
{
	while (n)
		free(v[--n]);
	free(v);
}

static int
ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);

	return n > k && strcmp(s + n - k, suffix) == 0;
}

/* Count the article files under dir, for the progress bar. */
static long
count_files(const char *dir, int depth)
{
	char **names;
	size_t n, i;
	long total = 0;
	struct buf p = BUF_INIT, why = BUF_INIT;

	if (depth > 32 || names_read(dir, &names, &n, &why)) {
		buf_free(&why);
		return 0;
	}
	for (i = 0; i < n; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, names[i]);
		if (ends_with(names[i], ".md") &&
		    strcmp(names[i], "_index.md") != 0)
			total++;
		else if (file_is_dir(p.data))
			total += count_files(p.data, depth + 1);
	}
	names_free(names, n);
	buf_free(&p);
	return total;
}

static void
progress_draw(struct import *im, int final)
{
	long done = im->stats->files;
	double t = clock_seconds(), el = t - im->start;
	int width = 30, fill, i;

	if (!im->o->progress || (!final && t - im->last_draw < 0.1))
		return;
	im->last_draw = t;
	fill = im->total > 0 ? (int)((double)width * (double)done /
	    (double)im->total) : width;
	if (fill > width)
		fill = width;
	fputs("\r[", stderr);
	for (i = 0; i < width; i++)
		fputc(i < fill ? '#' : '.', stderr);
	fprintf(stderr, "] %3d%% %ld/%ld files %6.0f/s",
	    im->total > 0 ? (int)(100 * done / im->total) : 100, done,
	    im->total, el > 0 ? (double)done / el : 0.0);
	if (final)
		fputs("\r\033[K", stderr);
	fflush(stderr);
}

/* Report a problem with one file (message in im->why) and count it. */
static void
report(struct import *im)
{
	if (im->o->progress)
		fputs("\r\033[K", stderr);
	fprintf(im->log, "%s\n", buf_cstr(&im->why));
	im->stats->skipped++;
	buf_reset(&im->why);
}

static int
batch_step(struct import *im)
{
	int rc;

	if (++im->in_batch < BATCH)
		return GZ_OK;
	im->in_batch = 0;
	if ((rc = store_commit(im->st)) == GZ_OK)
		rc = store_begin(im->st);
	return rc;
}

/*
 * Read one _index.md: the channel's title and weight.  A missing file
 * gives the slug as the name; a broken one is reported and ignored.
 */
static void
read_index(struct import *im, const char *dir, const char *slug,
    char **name, int *order)
{
	struct buf path = BUF_INIT;
	struct article a;
	struct stat st;

	*name = NULL;
	*order = 0;
	buf_printf(&path, "%s/_index.md", dir);
	if (buf_error(&path) || stat(path.data, &st) != 0) {
		buf_free(&path);
		return;
	}
	article_init(&a);
	if (file_read(path.data, im->o->max_size, &im->text, &im->why) ||
	    frontmatter_parse(path.data, im->text.data, im->text.len, &a,
	    &im->why)) {
		fprintf(im->log, "%s (the channel is named \"%s\")\n",
		    buf_cstr(&im->why), slug);
		buf_reset(&im->why);
	} else {
		*name = a.title;
		a.title = NULL;
		*order = a.weight;
	}
	article_clear(&a);
	buf_free(&path);
}

/* Find or create the channel for dir; *id is 0 if it cannot be had. */
static int
channel_ensure(struct import *im, const char *dir, const char *lang,
    const char *path, const char *slug, int64_t parent, int64_t *id)
{
	struct channel c = {0};
	char *name;
	int order, rc;

	*id = 0;
	read_index(im, dir, slug, &name, &order);
	rc = store_channel_find(im->st, im->site->id, lang, path, &c);
	if (rc == GZ_OK) {
		if (name && (strcmp(name, c.name) != 0 ||
		    c.sort_order != order)) {
			free(c.name);
			c.name = name;
			name = NULL;
			c.sort_order = order;
			if ((rc = store_channel_update(im->st, &c)) == GZ_OK)
				im->stats->channels_updated++;
		}
	} else if (rc == GZ_ENOTFOUND) {
		c.site_id = im->site->id;
		c.parent_id = parent;
		c.lang = strdup(lang);
		c.slug = strdup(slug);
		c.name = name ? name : strdup(slug);
		name = NULL;
		c.sort_order = order;
		c.page_size = 20;
		c.review_levels = 1;
		if (c.lang == NULL || c.slug == NULL || c.name == NULL)
			rc = GZ_ENOMEM;
		else if ((rc = store_channel_add(im->st, &c)) == GZ_OK)
			im->stats->channels_created++;
		else if (rc == GZ_EINVAL) {
			buf_printf(&im->why, "%s: \"%s\" cannot be a channel "
			    "slug (no spaces, ?, #, %%, &, quotes or <>); "
			    "rename the folder", dir, slug);
			rc = GZ_OK;
		}
	}
	if (rc == GZ_OK)
		*id = c.id;
	free(name);
	channel_clear(&c);
	return rc;
}

/*
 * Import one article file.  Problems with the file are reported and
 * return GZ_OK; only a failure of the store stops the run.
 */
static int
import_file(struct import *im, const char *path, const char *fname,
    const char *lang, const char *chpath, int64_t channel_id)
{
	struct article *a = &im->a, *old = &im->old;
	struct stat st;
	char *other = NULL;
	int rc, exists;

	im->stats->files++;
	article_clear(a);
	a->site_id = im->site->id;
	a->channel_id = channel_id;
	a->date_offset = im->offset;
	a->date = INT64_MIN;
	if (file_read(path, im->o->max_size, &im->text, &im->why)) {
		report(im);
		return GZ_OK;
	}
	if (article_set(&a->lang, lang) || article_set(&a->channel, chpath) ||
	    article_setn(&a->slug, fname, strlen(fname) - 3))
		return GZ_ENOMEM;
	rc = frontmatter_parse(path, im->text.data, im->text.len, a, &im->why);
	if (rc == GZ_ENOMEM)
		return rc;
	if (rc) {
		report(im);
		return GZ_OK;
	}
	/* The folders decide where an article lives. */
	if (strcmp(a->lang, lang) != 0) {
		buf_printf(&im->why, "%s: lang: the file says \"%s\" but is in "
		    "the %s folder; move the file or fix the field", path,
		    a->lang, lang);
		report(im);
		return GZ_OK;
	}
	if (article_set(&a->channel, chpath))
		return GZ_ENOMEM;
	if (!slug_valid(a->slug)) {
		buf_printf(&im->why, "%s: slug: \"%s\" cannot be a slug (no "
		    "spaces, /, ?, #, %%, &, quotes or <>, at most 200 bytes); "
		    "rename the file or set `slug:`", path, a->slug);
		report(im);
		return GZ_OK;
	}
	if (a->date == INT64_MIN) {
		/* No date: the file's time, stable across re-imports. */
		a->date = stat(path, &st) == 0 ? (int64_t)st.st_mtime : 0;
	}
	if (a->format == BODY_HTML && a->body) {
		buf_reset(&im->clean);
		if ((rc = sanitize_html(&im->clean, a->body, strlen(a->body))))
			return rc;
		if (article_setn(&a->body, buf_cstr(&im->clean),
		    im->clean.len))
			return GZ_ENOMEM;
	}
	if (a->body == NULL && article_set(&a->body, ""))
		return GZ_ENOMEM;

	rc = store_article_find(im->st, channel_id, a->slug, old);
	if (rc && rc != GZ_ENOTFOUND)
		return rc;
	exists = rc == GZ_OK;
	if (exists) {
		rc = store_seen_add(im->st, old->id, path, &other);
		if (rc == GZ_EEXIST) {
			buf_printf(&im->why, "%s: slug \"%s\" in %s/%s is "
			    "already used by %s in this import; rename one of "
			    "the two files (or its `slug:`)", path, a->slug,
			    lang, chpath, other ? other : "another file");
			free(other);
			report(im);
			return GZ_OK;
		}
		if (rc)
			return rc;
		a->id = old->id;
		if (article_same_content(a, old) && !old->deleted) {
			im->stats->unchanged++;
			return batch_step(im);
		}
		rc = store_article_update(im->st, a, im->o->actor, "import");
		if (rc == GZ_OK)
			im->stats->updated++;
	} else {
		rc = store_article_insert(im->st, a, im->o->actor, "import");
		if (rc == GZ_OK) {
			im->stats->created++;
			rc = store_seen_add(im->st, a->id, path, &other);
			free(other);
		}
	}
	if (rc)
		return rc;
	return batch_step(im);
}

/* Import the channel folder dir (path chpath) and the folders below. */
static int
import_dir(struct import *im, const char *dir, const char *lang,
    const char *chpath, const char *slug, int64_t parent, int depth)
{
	char **names;
	size_t n, i;
	struct buf p = BUF_INIT, sub = BUF_INIT;
	int64_t id = 0;
	int rc;

	if (depth > 32) {
		buf_printf(&im->why, "%s: channels nested deeper than 32 "
		    "levels; skipped", dir);
		report(im);
		return GZ_OK;
	}
	if ((rc = names_read(dir, &names, &n, &im->why))) {
		if (rc == GZ_ENOMEM)
			return rc;
		report(im);
		return GZ_OK;
	}
	if (*chpath && (rc = channel_ensure(im, dir, lang, chpath, slug,
	    parent, &id)))
		goto out;
	if (*chpath && id == 0)
		report(im); /* the folder name cannot be a slug */
	for (i = 0; i < n && rc == GZ_OK; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", dir, names[i]);
		if (buf_error(&p)) {
			rc = GZ_ENOMEM;
			break;
		}
		if (strcmp(names[i], "_index.md") == 0)
			continue;
		if (ends_with(names[i], ".md") && !file_is_dir(p.data)) {
			if (*chpath == '\0') {
				im->stats->files++;
				buf_printf(&im->why, "%s: articles belong in a "
				    "channel folder, like %s/news/%s; move it "
				    "into one", p.data, lang, names[i]);
				report(im);
			} else if (id == 0) {
				im->stats->files++;
				im->stats->skipped++;
			} else {
				rc = import_file(im, p.data, names[i], lang,
				    chpath, id);
				progress_draw(im, 0);
			}
		} else if (file_is_dir(p.data)) {
			buf_reset(&sub);
			if (*chpath)
				buf_printf(&sub, "%s/", chpath);
			buf_puts(&sub, names[i]);
			if (buf_error(&sub))
				rc = GZ_ENOMEM;
			else
				rc = import_dir(im, p.data, lang, sub.data,
				    names[i], id, depth + 1);
		} else {
			im->stats->ignored++;
		}
	}
out:
	names_free(names, n);
	buf_free(&p);
	buf_free(&sub);
	return rc;
}

int
import_tree(struct store *st, const struct site *site, const char *root,
    const struct import_opts *o, struct import_stats *stats,
    struct buf *why)
{
	struct import im;
	struct import_opts defaults = {0};
	char **langs = NULL;
	size_t n = 0, i;
	struct buf p = BUF_INIT;
	int rc;

	memset(stats, 0, sizeof *stats);
	memset(&im, 0, sizeof im);
	if (o == NULL)
		o = &defaults;
	defaults = *o;
	if (defaults.max_size == 0)
		defaults.max_size = DEFAULT_MAX;
	im.st = st;
	im.site = site;
	im.o = &defaults;
	im.stats = stats;
	im.log = o->log ? o->log : stderr;
	im.offset = site_utc_offset(site);
	im.start = clock_seconds();
	article_init(&im.a);
	article_init(&im.old);
	if (!file_is_dir(root)) {
		file_explain(why, "import", root, errno ? errno : ENOTDIR);
		return GZ_ENOTFOUND;
	}
	if ((rc = names_read(root, &langs, &n, why)))
		return rc;
	if (defaults.progress)
		im.total = count_files(root, 0);
	/* Savepoints per article would double the writes; a failure of the
	 * store stops the run anyway. */
	store_set_bulk(st, 1);
	if ((rc = store_seen_reset(st)) || (rc = store_begin(st))) {
		buf_printf(why, "cannot start the import: %s",
		    store_errmsg(st));
		goto out;
	}
	for (i = 0; i < n && rc == GZ_OK; i++) {
		buf_reset(&p);
		buf_printf(&p, "%s/%s", root, langs[i]);
		if (buf_error(&p)) {
			rc = GZ_ENOMEM;
			break;
		}
		if (!file_is_dir(p.data)) {
			im.stats->ignored++;
			continue;
		}
		if (!site_has_lang(site, langs[i])) {
			long k = count_files(p.data, 0);
			buf_printf(&im.why, "%s: language \"%s\" is not one of "
			    "site %s's languages (%s); add it with `gazette "
			    "site edit %s --lang %s,%s` or remove the folder; "
			    "its %ld files were skipped", p.data, langs[i],
			    site->name, site->languages, site->name,
			    site->languages, langs[i], k);
			report(&im);
			stats->files += k;
			stats->skipped += k - 1;
			continue;
		}
		rc = import_dir(&im, p.data, langs[i], "", "", 0, 0);
	}
	if (rc == GZ_OK) {
		char detail[160];
		snprintf(detail, sizeof detail, "%ld files: %ld new, %ld "
		    "updated, %ld unchanged, %ld skipped", stats->files,
		    stats->created, stats->updated, stats->unchanged,
		    stats->skipped);
		rc = store_audit(st, defaults.actor, "import", "site",
		    site->id, detail);
	}
	if (rc == GZ_OK)
		rc = store_commit(st);
	else
		store_rollback(st);
	if (rc && why->len == 0)
		buf_printf(why, "the import stopped: %s (%s); what was "
		    "committed before is kept, run the import again when "
		    "fixed", gz_strerror(rc), store_errmsg(st));
	progress_draw(&im, 1);
out:
	store_set_bulk(st, 0);
	names_free(langs, n);
	buf_free(&p);
	buf_free(&im.text);
	buf_free(&im.why);
	buf_free(&im.clean);
	article_clear(&im.a);
	article_clear(&im.old);
	return rc;
}
