/*
 * cmd_search: gazette search — query the site's search index as a
 * reader would, or bring the index up to date.
 */
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "date.h"
#include "search.h"

static const char usage[] =
    "usage: gazette search [--lang L] [--channel PATH] [--from DATE]\n"
    "           [--to DATE] [--page N] [--per-page N] [--json] QUERY...\n"
    "       gazette search --sync\n"
    "Search the published articles as the site's search page does:\n"
    "Chinese by any run of characters, other languages by whole words\n"
    "(case and accents ignored); all words must occur.  --sync brings\n"
    "the index in step with what is published (publishing does this).\n";

static int
parse_date(const char *opt, const char *s, int64_t *t)
{
	int off;

	if (date_parse(s, 480, t, &off) != GZ_OK) {
		cli_err("%s: '%s' is not a date; write it as 2026-03-14 or "
		    "2026-03-14T09:30:00+08:00", opt, s);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static void
print_text(json_t *res)
{
	json_t *hit;
	size_t i;

	printf("%lld results (page %lld of %lld)\n",
	    (long long)json_integer_value(json_object_get(res, "total")),
	    (long long)json_integer_value(json_object_get(res, "page")),
	    (long long)json_integer_value(json_object_get(res, "pages")));
	json_array_foreach(json_object_get(res, "results"), i, hit) {
		printf("%lld  %s  %s\n    %s\n    %s\n",
		    (long long)json_integer_value(json_object_get(hit, "id")),
		    json_string_value(json_object_get(hit, "date")),
		    json_string_value(json_object_get(hit, "title")),
		    json_string_value(json_object_get(hit, "url")),
		    json_string_value(json_object_get(hit, "snippet")));
	}
}

int
cmd_search(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"lang", required_argument, NULL, 'l'},
		{"channel", required_argument, NULL, 'c'},
		{"from", required_argument, NULL, 'f'},
		{"to", required_argument, NULL, 't'},
		{"page", required_argument, NULL, 'p'},
		{"per-page", required_argument, NULL, 'n'},
		{"sync", no_argument, NULL, 's'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct search_params p = {0};
	struct buf q = BUF_INIT, why = BUF_INIT;
	json_t *res = NULL;
	int opt, rc, sync = 0, i;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'l': p.lang = optarg; break;
		case 'c': p.channel = optarg; break;
		case 'f':
			if ((rc = parse_date("--from", optarg, &p.from)))
				return rc;
			break;
		case 't':
			if ((rc = parse_date("--to", optarg, &p.to)))
				return rc;
			break;
		case 'p':
			if ((rc = cli_parse_int("--page", optarg, 1,
			    SEARCH_PAGE_MAX, &p.page)))
				return rc;
			break;
		case 'n':
			if ((rc = cli_parse_int("--per-page", optarg, 1,
			    SEARCH_PER_PAGE_MAX, &p.per_page)))
				return rc;
			break;
		case 's': sync = 1; break;
		case 'J': c->json = 1; break;
		case 'S': c->site_name = optarg; break;
		case 'h': return cli_usage(usage, 1);
		default: return cli_usage(usage, 0);
		}
	}
	if (sync ? optind != argc : optind == argc)
		return cli_usage(usage, 0);
	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	if (sync) {
		if ((rc = search_sync(c->st, c->site.id, NULL, 0, &why)))
			return cli_fail(rc, &why, "search --sync");
		buf_free(&why);
		return EXIT_OK;
	}
	for (i = optind; i < argc; i++)
		buf_printf(&q, "%s%s", i > optind ? " " : "", argv[i]);
	p.q = buf_cstr(&q);
	rc = search_run(c->st, c->site.id, &p, store_now(), &res, &why);
	buf_free(&q);
	if (rc)
		return cli_fail(rc, &why, "search");
	buf_free(&why);
	if (c->json)
		return cli_json_print(res);
	print_text(res);
	json_decref(res);
	return EXIT_OK;
}
