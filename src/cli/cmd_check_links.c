/*
 * cmd_check_links: gazette check-links [DIR] — broken internal links of
 * a published site.
 */
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "linkcheck.h"

static const char usage[] =
    "usage: gazette check-links [DIR] [--base-url URL] [--site NAME] "
    "[--json]\n"
    "Check every internal link of the published site in DIR (default:\n"
    "SITE_DIR/public): that each page, image, stylesheet or script a page\n"
    "links to exists (a folder means its index.html), and that each\n"
    "#fragment names an element id of its page.  Absolute links are\n"
    "internal when they have the origin of the site's base URL, read from\n"
    "SITE_DIR/gazette.db or given with --base-url.  Each broken link is\n"
    "printed as PAGE: LINK: PROBLEM, sorted; the exit code is then 3.\n";

struct report {
	json_t *list; /* --json: the findings; NULL otherwise */
};

static int
report_one(const char *page, const char *link, const char *why, void *arg)
{
	struct report *r = arg;
	json_t *o;

	if (r->list == NULL) {
		if (link)
			printf("%s: %s: %s\n", page, link, why);
		else
			printf("%s: %s\n", page, why);
		return 0;
	}
	o = json_pack(
	    "{s:s, s:s?, s:s}", "page", page, "link", link, "why", why);
	if (o == NULL || json_array_append_new(r->list, o) != 0)
		return GZ_ENOMEM;
	return 0;
}

int
cmd_check_links(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"base-url", required_argument, NULL, 'b'},
	    CLI_COMMON_OPTS,
	    {NULL, 0, NULL, 0},
	};
	struct linkcheck_stats st;
	struct report r = {NULL};
	struct buf dir = BUF_INIT, db = BUF_INIT, why = BUF_INIT;
	const char *base = NULL;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "hb:", opts, NULL)) != -1) {
		switch (opt) {
		case 'b': base = optarg; break;
		case 'S': c->site_name = optarg; break;
		case 'J': c->json = 1; break;
		case 'h': return cli_usage(usage, 1);
		default: return cli_usage(usage, 0);
		}
	}
	if (argc - optind > 1)
		return cli_usage(usage, 0);
	if (optind < argc)
		buf_puts(&dir, argv[optind]);
	else
		buf_printf(&dir, "%s/public", c->dir);
	/* Without a database here, no absolute link counts as internal. */
	buf_printf(&db, "%s/gazette.db", c->dir);
	if (buf_error(&dir) || buf_error(&db)) {
		rc = cli_fail(GZ_ENOMEM, NULL, "check-links");
		goto out;
	}
	if (base == NULL && access(db.data, F_OK) == 0) {
		if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
			goto out;
		base = c->site.base_url;
	}
	if (c->json && (r.list = json_array()) == NULL) {
		rc = cli_fail(GZ_ENOMEM, NULL, "check-links");
		goto out;
	}
	rc = linkcheck_tree(dir.data, base, report_one, &r, &st, &why);
	if (rc) {
		rc = cli_fail(rc, &why, dir.data);
		goto out;
	}
	if (r.list) {
		rc = cli_json_print(r.list);
		r.list = NULL;
		if (rc)
			goto out;
	}
	fflush(stdout); /* the findings before the summary, on a terminal */
	fprintf(stderr, "check-links: %ld pages, %ld links, %ld broken\n",
	    st.pages, st.links, st.broken);
	rc = st.broken ? EXIT_INPUT : EXIT_OK;
out:
	json_decref(r.list);
	buf_free(&dir);
	buf_free(&db);
	buf_free(&why);
	return rc;
}
