/*
 * cmd_build: gazette build, and gazette publish ID...
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "publish.h"

static const char build_usage[] =
    "usage: gazette build [--out DIR] [--jobs N] [--gzip-level 1-12] [--fresh]\n"
    "                     [--site NAME]\n"
    "Publish the whole site as static HTML into SITE_DIR/public (or DIR):\n"
    "pages, feeds, sitemaps and their .gz copies.  The new site is built\n"
    "beside the old one and replaces it in one step, so a failed or\n"
    "interrupted build leaves the old site serving.  A page whose bytes\n"
    "did not change is linked to the old site's file, not written again;\n"
    "--fresh writes every file anew.\n";

static const char publish_usage[] =
    "usage: gazette publish ARTICLE... [--site NAME]\n"
    "Republish only what depends on the given articles (ids or\n"
    "LANG/CHANNEL/SLUG): their pages, their neighbours, the channel pages\n"
    "that list them, the home page, feeds and sitemap.  Changes made with\n"
    "`gazette article` do this by themselves once the site is built.\n";

int
cmd_build(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"out", required_argument, NULL, 'o'},
		{"jobs", required_argument, NULL, 'j'},
		{"gzip-level", required_argument, NULL, 'z'},
		{"fresh", no_argument, NULL, 'f'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct publish_opts o = {0};
	struct publish_stats s;
	struct buf why = BUF_INIT;
	long jobs = 0, level = 0;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "ho:j:", opts, NULL)) != -1) {
		switch (opt) {
		case 'o': o.out = optarg; break;
		case 'j':
			if ((rc = cli_parse_int("--jobs", optarg, 1, 64, &jobs)))
				return rc;
			break;
		case 'z':
			if ((rc = cli_parse_int("--gzip-level", optarg, 1, 12,
			    &level)))
				return rc;
			break;
		case 'f': o.fresh = 1; break;
		case 'S': c->site_name = optarg; break;
		case 'J': break;
		case 'h': return cli_usage(build_usage, 1);
		default: return cli_usage(build_usage, 0);
		}
	}
	if (optind != argc)
		return cli_usage(build_usage, 0);
	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	o.site_dir = c->dir;
	o.jobs = (int)jobs;
	o.gzip_level = (int)level;
	o.argv0 = c->argv0;
	if ((rc = publish_build(c->st, &c->site, &o, &s, &why))) {
		rc = cli_fail(rc, &why, "build");
		cli_err("the site that was published before is unchanged");
		buf_free(&why);
		return rc;
	}
	printf("build: %ld pages, %ld files written, %ld unchanged in %.2f s "
	    "(%.0f pages/s) into %s\n", s.pages, s.files, s.unchanged,
	    s.seconds, s.seconds > 0 ? (double)s.pages / s.seconds : 0.0,
	    o.out ? o.out : "public");
	buf_free(&why);
	return store_audit(c->st, cli_actor(), "build", "site", c->site.id,
	    NULL) ? EXIT_FAIL : EXIT_OK;
}

int
cmd_publish(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct publish_opts o = {0};
	struct publish_stats s;
	struct buf why = BUF_INIT;
	struct article a;
	int64_t *ids;
	int opt, rc, i, n;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'S': c->site_name = optarg; break;
		case 'J': break;
		case 'h': return cli_usage(publish_usage, 1);
		default: return cli_usage(publish_usage, 0);
		}
	}
	if (optind >= argc)
		return cli_usage(publish_usage, 0);
	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	n = argc - optind;
	if ((ids = calloc((size_t)n, sizeof *ids)) == NULL)
		return EXIT_FAIL;
	article_init(&a);
	for (i = 0; i < n; i++) {
		const char *ref = argv[optind + i];
		const char *p = ref;
		while (*p >= '0' && *p <= '9')
			p++;
		if (*ref && *p == '\0') {
			/* An id may name an article that no longer exists:
			 * publishing it removes its page. */
			ids[i] = strtoll(ref, NULL, 10);
		} else if ((rc = cli_article(c, ref, &a))) {
			free(ids);
			article_clear(&a);
			return rc;
		} else {
			ids[i] = a.id;
		}
	}
	article_clear(&a);
	o.site_dir = c->dir;
	o.argv0 = c->argv0;
	rc = publish_articles(c->st, &c->site, ids, (size_t)n, &o, &s, &why);
	free(ids);
	if (rc) {
		rc = cli_fail(rc, &why, "publish");
		buf_free(&why);
		return rc;
	}
	printf("publish: %ld pages, %ld files written, %ld unchanged, %ld "
	    "removed (%.0f ms)\n", s.pages, s.files, s.unchanged, s.removed,
	    s.seconds * 1000);
	buf_free(&why);
	return EXIT_OK;
}
