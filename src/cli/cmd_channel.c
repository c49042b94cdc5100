/*
 * cmd_channel: gazette channel add|list|edit|move|rm.
 */
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char usage[] =
    "usage: gazette channel add SLUG --name NAME [--lang L] [--parent PATH]\n"
    "                       [--order N] [--page-size N] [--review-levels N]\n"
    "       gazette channel list [--lang L] [--json]\n"
    "       gazette channel edit PATH [--lang L] [--name NAME] [--order N]\n"
    "                       [--page-size N] [--review-levels N]\n"
    "       gazette channel move PATH (--to PARENT | --top) [--lang L]\n"
    "       gazette channel rm PATH [--lang L]\n"
    "Channels form a tree per site and language; PATH is the slugs from\n"
    "the top joined by /, e.g. news/local.  --lang defaults to the site's\n"
    "default language.  A channel is removed only when empty.\n";

static int
print_channel(const struct channel *ch, void *arg)
{
	json_t *arr = arg, *o;
	const char *p;
	int depth = 0;

	if (arr) {
		o = json_pack("{sI ss ss ss ss sI si si si}", "id",
		    (json_int_t)ch->id, "lang", ch->lang, "path", ch->path,
		    "slug", ch->slug, "name", ch->name, "parent_id",
		    (json_int_t)ch->parent_id, "sort_order", ch->sort_order,
		    "page_size", ch->page_size, "review_levels",
		    ch->review_levels);
		return o == NULL || json_array_append_new(arr, o) ?
		    GZ_ENOMEM : GZ_OK;
	}
	for (p = ch->path; *p; p++)
		depth += *p == '/';
	printf("%-4s %*s", ch->lang, depth * 2, "");
	cli_pad(ch->path, 24 - (size_t)(depth * 2 < 24 ? depth * 2 : 0));
	fputc(' ', stdout);
	cli_pad(ch->name, 24);
	printf(" order %d, %d per page, %d review level%s\n", ch->sort_order,
	    ch->page_size, ch->review_levels, ch->review_levels == 1 ? "" : "s");
	return GZ_OK;
}

static int
audit(struct cli *c, const char *action, int64_t id, const char *detail)
{
	return store_audit(c->st, cli_actor(), action, "channel", id, detail);
}

int
cmd_channel(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"name", required_argument, NULL, 'n'},
		{"lang", required_argument, NULL, 'l'},
		{"parent", required_argument, NULL, 'p'},
		{"to", required_argument, NULL, 'p'},
		{"top", no_argument, NULL, 'T'},
		{"order", required_argument, NULL, 'o'},
		{"page-size", required_argument, NULL, 'z'},
		{"review-levels", required_argument, NULL, 'r'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	const char *sub = argc > 1 ? argv[1] : "";
	const char *name = NULL, *lang = NULL, *parent = NULL;
	long order = 0, page_size = 20, levels = 1;
	int set_order = 0, set_size = 0, set_levels = 0, top = 0;
	struct channel ch = {0}, par = {0};
	struct buf why = BUF_INIT;
	json_t *arr = NULL;
	int opt, rc, lang_given;

	if (strcmp(sub, "add") && strcmp(sub, "list") && strcmp(sub, "edit") &&
	    strcmp(sub, "move") && strcmp(sub, "rm"))
		return cli_usage(usage, strcmp(sub, "--help") == 0 ||
		    strcmp(sub, "-h") == 0);
	optind = 2;
	while ((opt = getopt_long(argc, argv, "hn:l:p:o:", opts, NULL)) != -1) {
		switch (opt) {
		case 'n': name = optarg; break;
		case 'l': lang = optarg; break;
		case 'p': parent = optarg; break;
		case 'T': top = 1; break;
		case 'o':
			if ((rc = cli_parse_int("--order", optarg, -1000000,
			    1000000, &order)))
				return rc;
			set_order = 1;
			break;
		case 'z':
			if ((rc = cli_parse_int("--page-size", optarg, 1, 1000,
			    &page_size)))
				return rc;
			set_size = 1;
			break;
		case 'r':
			if ((rc = cli_parse_int("--review-levels", optarg, 0, 3,
			    &levels)))
				return rc;
			set_levels = 1;
			break;
		case 'J': c->json = 1; break;
		case 'S': c->site_name = optarg; break;
		case 'h': return cli_usage(usage, 1);
		default: return cli_usage(usage, 0);
		}
	}
	if ((strcmp(sub, "list") == 0) != (optind == argc) ||
	    (strcmp(sub, "list") != 0 && optind + 1 != argc))
		return cli_usage(usage, 0);
	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	lang_given = lang != NULL;
	if (lang == NULL)
		lang = c->site.default_lang;
	if (!site_has_lang(&c->site, lang)) {
		cli_err("--lang: %s is not a language of site %s (%s); add it "
		    "with `gazette site edit %s --lang %s,%s`", lang,
		    c->site.name, c->site.languages, c->site.name,
		    c->site.languages, lang);
		return EXIT_USAGE;
	}

	if (strcmp(sub, "list") == 0) {
		if (c->json && (arr = json_array()) == NULL)
			return EXIT_FAIL;
		rc = store_channel_list(c->st, c->site.id, lang_given ?
		    lang : NULL, print_channel, arr);
		if (rc) {
			json_decref(arr);
			cli_err("cannot list channels: %s",
			    store_errmsg(c->st));
			return cli_exit_code(rc);
		}
		return arr ? cli_json_print(arr) : EXIT_OK;
	}

	if (strcmp(sub, "add") == 0) {
		ch.site_id = c->site.id;
		ch.lang = (char *)lang;
		ch.slug = argv[optind];
		ch.name = (char *)(name ? name : argv[optind]);
		ch.sort_order = (int)order;
		ch.page_size = (int)page_size;
		ch.review_levels = (int)levels;
		if (!slug_valid(ch.slug)) {
			cli_err("\"%s\" cannot be a channel slug: use letters, "
			    "digits, - and _, no / or spaces", ch.slug);
			return EXIT_USAGE;
		}
		if (parent) {
			if ((rc = cli_channel(c, lang, parent, &par)))
				return rc;
			ch.parent_id = par.id;
			channel_clear(&par);
		}
		if ((rc = store_begin(c->st)) == GZ_OK) {
			if ((rc = store_channel_add(c->st, &ch)) == GZ_OK)
				rc = audit(c, "create", ch.id, ch.path);
			rc = rc ? (store_rollback(c->st), rc) :
			    store_commit(c->st);
		}
		if (rc == GZ_EEXIST) {
			cli_err("channel %s%s%s already exists in %s",
			    parent ? parent : "", parent ? "/" : "", ch.slug,
			    lang);
			return EXIT_CONFLICT;
		}
		if (rc) {
			cli_err("cannot add channel %s: %s", ch.slug,
			    store_errmsg(c->st));
			return cli_exit_code(rc);
		}
		printf("added channel %s/%s (id %lld)\n", lang, ch.path,
		    (long long)ch.id);
		free(ch.path);
		return cli_republish(c, NULL, 0);
	}

	if ((rc = cli_channel(c, lang, argv[optind], &ch)))
		return rc;
	if (strcmp(sub, "edit") == 0) {
		if (name && article_set(&ch.name, name))
			rc = GZ_ENOMEM;
		if (set_order)
			ch.sort_order = (int)order;
		if (set_size)
			ch.page_size = (int)page_size;
		if (set_levels)
			ch.review_levels = (int)levels;
		if (!rc && (rc = store_begin(c->st)) == GZ_OK) {
			if ((rc = store_channel_update(c->st, &ch)) == GZ_OK)
				rc = audit(c, "edit", ch.id, ch.path);
			rc = rc ? (store_rollback(c->st), rc) :
			    store_commit(c->st);
		}
		if (rc)
			buf_printf(&why, "cannot change channel %s: %s",
			    ch.path, store_errmsg(c->st));
	} else if (strcmp(sub, "move") == 0) {
		if ((parent == NULL) == (top == 0)) {
			channel_clear(&ch);
			cli_err("move: give either --to PARENT or --top");
			return EXIT_USAGE;
		}
		if (parent && (rc = cli_channel(c, lang, parent, &par))) {
			channel_clear(&ch);
			return rc;
		}
		if ((rc = store_begin(c->st)) == GZ_OK) {
			if ((rc = store_channel_move(c->st, ch.id, par.id,
			    &why)) == GZ_OK)
				rc = audit(c, "move", ch.id,
				    parent ? parent : "(top)");
			rc = rc ? (store_rollback(c->st), rc) :
			    store_commit(c->st);
		}
	} else {
		if ((rc = store_begin(c->st)) == GZ_OK) {
			if ((rc = store_channel_rm(c->st, ch.id, &why)) ==
			    GZ_OK)
				rc = audit(c, "delete", ch.id, ch.path);
			rc = rc ? (store_rollback(c->st), rc) :
			    store_commit(c->st);
		}
	}
	if (rc)
		rc = cli_fail(rc, &why, ch.path);
	else
		rc = cli_republish(c, NULL, 0); /* navigation is on every page */
	channel_clear(&ch);
	channel_clear(&par);
	buf_free(&why);
	return rc;
}
