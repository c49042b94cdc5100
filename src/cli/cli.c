/*
 * cli: helpers shared by the commands.
 */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <pwd.h>

#include "cli.h"
#include "file.h"
#include "publish.h"
#include "utf8.h"

void
cli_err(const char *fmt, ...)
{
	va_list ap;

	fputs("gazette: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

int
cli_exit_code(int rc)
{
	switch (rc) {
	case GZ_OK:
		return EXIT_OK;
	case GZ_EINVAL:
	case GZ_EUTF8:
	case GZ_ETOOBIG:
		return EXIT_INPUT;
	case GZ_ENOTFOUND:
		return EXIT_NOTFOUND;
	case GZ_EEXIST:
	case GZ_ECONSTRAINT:
		return EXIT_CONFLICT;
	default:
		return EXIT_FAIL;
	}
}

int
cli_fail(int rc, const struct buf *why, const char *fallback)
{
	if (why && why->len)
		cli_err("%s", buf_cstr(why));
	else
		cli_err("%s: %s", fallback, gz_strerror(rc));
	return cli_exit_code(rc);
}

int
cli_usage(const char *usage, int ok)
{
	fputs(usage, ok ? stdout : stderr);
	return ok ? EXIT_OK : EXIT_USAGE;
}

int
cli_open(struct cli *c, int create)
{
	struct buf path = BUF_INIT, why = BUF_INIT;
	int rc;

	buf_printf(&path, "%s/gazette.db", c->dir);
	if (buf_error(&path))
		return EXIT_FAIL;
	if (!create && access(path.data, F_OK) != 0) {
		cli_err("%s: no Gazette site here; run `gazette init` first, "
		    "or name the site folder with -C DIR", c->dir);
		buf_free(&path);
		return EXIT_NOTFOUND;
	}
	rc = store_open(path.data, create ? STORE_CREATE : 0, &c->st, &why);
	if (rc)
		rc = cli_fail(rc, &why, path.data);
	buf_free(&path);
	buf_free(&why);
	return rc;
}

int
cli_site(struct cli *c)
{
	int rc = store_site_get(c->st, c->site_name, &c->site);

	if (rc == GZ_ENOTFOUND) {
		if (c->site_name)
			cli_err("no site named \"%s\"; `gazette site list` "
			    "shows the sites", c->site_name);
		else
			cli_err("this database has no site yet; add one with "
			    "`gazette site add NAME`");
	} else if (rc) {
		cli_err("cannot read the site: %s", store_errmsg(c->st));
	}
	return cli_exit_code(rc);
}

const char *
cli_actor(void)
{
	static char actor[96];
	const char *u = getenv("USER");
	struct passwd *pw;

	if (actor[0])
		return actor;
	if ((u == NULL || *u == '\0') && (pw = getpwuid(getuid())))
		u = pw->pw_name;
	snprintf(actor, sizeof actor, "cli:%s", u && *u ? u : "unknown");
	return actor;
}

int
cli_read_input(const char *path, size_t max, struct buf *out)
{
	struct buf why = BUF_INIT;
	char chunk[65536];
	size_t n;
	int rc;

	if (strcmp(path, "-") != 0) {
		rc = file_read(path, max, out, &why);
		if (rc)
			cli_err("%s", buf_cstr(&why));
		buf_free(&why);
		return rc;
	}
	buf_reset(out);
	while ((n = fread(chunk, 1, sizeof chunk, stdin)) > 0) {
		buf_put(out, chunk, n);
		if (max && out->len > max) {
			cli_err("standard input: more than the %.1f MB allowed",
			    (double)max / 1e6);
			return GZ_ETOOBIG;
		}
	}
	if (ferror(stdin)) {
		cli_err("standard input: %s", strerror(errno));
		return GZ_EIO;
	}
	if (buf_grow(out, 0))
		return GZ_ENOMEM;
	return buf_error(out);
}

int
cli_json_print(json_t *j)
{
	int rc;

	if (j == NULL)
		return EXIT_FAIL;
	rc = json_dumpf(j, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	fputc('\n', stdout);
	json_decref(j);
	return rc ? EXIT_FAIL : EXIT_OK;
}

int
cli_parse_int(const char *opt, const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		cli_err("%s: \"%s\" is not a whole number from %ld to %ld",
		    opt, s, min, max);
		return EXIT_USAGE;
	}
	*out = v;
	return EXIT_OK;
}

int
cli_channel(struct cli *c, const char *lang, const char *path,
    struct channel *out)
{
	int rc;

	if (lang == NULL)
		lang = c->site.default_lang;
	while (*path == '/')
		path++;
	rc = store_channel_find(c->st, c->site.id, lang, path, out);
	if (rc == GZ_ENOTFOUND)
		cli_err("no channel \"%s\" in language %s of site %s; "
		    "`gazette channel list` shows them", path, lang,
		    c->site.name);
	else if (rc)
		cli_err("cannot read channel %s: %s", path,
		    store_errmsg(c->st));
	return cli_exit_code(rc);
}

int
cli_article(struct cli *c, const char *ref, struct article *out)
{
	struct channel ch = {0};
	char *copy, *slash, *last;
	const char *p;
	int rc;

	for (p = ref; *p >= '0' && *p <= '9'; p++)
		;
	if (*ref && *p == '\0') {
		rc = store_article_get(c->st, strtoll(ref, NULL, 10), out);
		if (rc == GZ_ENOTFOUND)
			cli_err("no article with id %s", ref);
		else if (rc)
			cli_err("cannot read article %s: %s", ref,
			    store_errmsg(c->st));
		return cli_exit_code(rc);
	}
	/* LANG/CHANNEL/.../SLUG */
	if ((copy = strdup(ref)) == NULL)
		return EXIT_FAIL;
	slash = strchr(copy, '/');
	last = strrchr(copy, '/');
	if (slash == NULL || slash == last) {
		cli_err("\"%s\" is neither an article id nor LANG/CHANNEL/SLUG",
		    ref);
		free(copy);
		return EXIT_USAGE;
	}
	*slash = *last = '\0';
	if ((rc = cli_channel(c, copy, slash + 1, &ch)) == EXIT_OK) {
		rc = store_article_find(c->st, ch.id, last + 1, out);
		if (rc == GZ_ENOTFOUND)
			cli_err("no article \"%s\" in %s/%s", last + 1, copy,
			    slash + 1);
		rc = cli_exit_code(rc);
	}
	channel_clear(&ch);
	free(copy);
	return rc;
}

void
cli_pad(const char *s, size_t width)
{
	size_t w = utf8_width(s);

	fputs(s, stdout);
	while (w++ < width)
		fputc(' ', stdout);
}

int
cli_republish(struct cli *c, const int64_t *ids, size_t n)
{
	struct publish_opts o = {0};
	struct publish_stats s;
	struct buf why = BUF_INIT;
	int rc, built;

	o.site_dir = c->dir;
	o.argv0 = c->argv0;
	rc = publish_changes(c->st, &c->site, ids, n, &o, &s, &built, &why);
	if (rc == GZ_OK && !built) {
		buf_free(&why);
		return EXIT_OK; /* never built: nothing to keep up to date */
	}
	if (rc) {
		rc = cli_fail(rc, &why, "publish");
		cli_err("the change is saved; run `gazette build` once the "
		    "problem is fixed");
	} else {
		printf("published: %ld pages, %ld files written, %ld removed "
		    "(%.0f ms)\n", s.pages, s.files, s.removed,
		    s.seconds * 1000);
	}
	buf_free(&why);
	return rc;
}
