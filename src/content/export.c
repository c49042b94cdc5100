/*
 * export: store -> content tree.  See export.h.
 */
#include <string.h>
#include <sys/stat.h>

#include "escape.h"
#include "export.h"
#include "file.h"
#include "frontmatter.h"

struct export {
	struct store *st;
	const char *root;
	struct export_stats *stats;
	struct buf *why;
	struct buf path, out, old;
};

/* Write out to path unless the file already holds exactly that. */
static int
export_write(struct export *ex)
{
	struct stat st;

	if (stat(ex->path.data, &st) == 0 && S_ISREG(st.st_mode) &&
	    (size_t)st.st_size == ex->out.len &&
	    file_read(ex->path.data, 0, &ex->old, NULL) == GZ_OK &&
	    buf_eq(&ex->old, &ex->out)) {
		ex->stats->same++;
		return GZ_OK;
	}
	ex->stats->written++;
	return file_write_atomic(ex->path.data, ex->out.data, ex->out.len, 0,
	    ex->why);
}

static int
export_channel(const struct channel *c, void *arg)
{
	struct export *ex = arg;
	int rc;

	buf_reset(&ex->path);
	buf_printf(&ex->path, "%s/%s/%s", ex->root, c->lang, c->path);
	if (buf_error(&ex->path))
		return GZ_ENOMEM;
	if ((rc = file_mkdirs(ex->path.data, ex->why)))
		return rc;
	buf_puts(&ex->path, "/_index.md");
	buf_reset(&ex->out);
	buf_puts(&ex->out, "---\ntitle: ");
	escape_yaml(&ex->out, c->name, strlen(c->name));
	buf_printf(&ex->out, "\nweight: %d\n---\n", c->sort_order);
	if (buf_error(&ex->path) || buf_error(&ex->out))
		return GZ_ENOMEM;
	ex->stats->channels++;
	return export_write(ex);
}

static int
export_article(const struct article *a, void *arg)
{
	struct export *ex = arg;
	int rc;

	buf_reset(&ex->path);
	buf_printf(&ex->path, "%s/%s/%s/%s.md", ex->root, a->lang, a->channel,
	    a->slug);
	buf_reset(&ex->out);
	if ((rc = frontmatter_write(&ex->out, a)))
		return rc;
	if (buf_error(&ex->path) || buf_error(&ex->out))
		return GZ_ENOMEM;
	return export_write(ex);
}

int
export_tree(struct store *st, const struct site *site, const char *root,
    struct export_stats *stats, struct buf *why)
{
	struct export ex = {st, root, stats, why, BUF_INIT, BUF_INIT, BUF_INIT};
	struct article_filter f = {0};
	int rc;

	memset(stats, 0, sizeof *stats);
	if ((rc = file_mkdirs(root, why)))
		return rc;
	f.site_id = site->id;
	f.status = -1;
	f.with_body = 1;
	rc = store_channel_list(st, site->id, NULL, export_channel, &ex);
	if (rc == GZ_OK)
		rc = store_article_list(st, &f, export_article, &ex);
	if (rc && why->len == 0)
		buf_printf(why, "%s: the export stopped: %s (%s)", root,
		    gz_strerror(rc), store_errmsg(st));
	buf_free(&ex.path);
	buf_free(&ex.out);
	buf_free(&ex.old);
	return rc;
}
