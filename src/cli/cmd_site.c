/*
 * cmd_site: gazette init, and gazette site add|list|edit.
 */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "file.h"

/* Settings a new site starts with; `gazette site edit --set` changes them. */
static const char default_settings[] =
    "{\"elder_mode\":false,\"mourning\":false,\"trusted_authors\":false,"
    "\"utc_offset\":480}";

/* Check "zh,en": codes valid, no repeats; default_lang must be in it. */
static int
check_languages(const char *langs, const char *def)
{
	struct buf why = BUF_INIT;
	int rc = EXIT_OK;

	if (site_languages_check(langs, NULL, &why)) {
		cli_err("--lang: %s", buf_cstr(&why));
		rc = EXIT_USAGE;
	} else if (def && site_languages_check(langs, def, &why)) {
		cli_err("--default-lang: %s", buf_cstr(&why));
		rc = EXIT_USAGE;
	}
	buf_free(&why);
	return rc;
}

/* The first code of "zh,en" as a new string. */
static char *
first_lang(const char *langs)
{
	size_t n = strcspn(langs, ",");

	return strndup(langs, n);
}

static int
site_create(struct cli *c, const char *name, const char *title,
    const char *langs, const char *base_url)
{
	struct site s = {0};
	int rc;

	if ((rc = check_languages(langs, NULL)))
		return rc;
	if (base_url && *base_url && strncmp(base_url, "http://", 7) != 0 &&
	    strncmp(base_url, "https://", 8) != 0) {
		cli_err("--base-url: \"%s\" must start with http:// or "
		    "https://", base_url);
		return EXIT_USAGE;
	}
	s.name = (char *)name;
	s.title = (char *)title;
	s.languages = (char *)langs;
	s.default_lang = first_lang(langs);
	s.base_url = (char *)(base_url ? base_url : "");
	s.settings = (char *)default_settings;
	if (s.default_lang == NULL)
		return EXIT_FAIL;
	if ((rc = store_begin(c->st)) == GZ_OK) {
		rc = store_site_add(c->st, &s);
		if (rc == GZ_OK)
			rc = store_audit(c->st, cli_actor(), "create", "site",
			    s.id, name);
		rc = rc ? (store_rollback(c->st), rc) : store_commit(c->st);
	}
	free(s.default_lang);
	if (rc == GZ_EEXIST) {
		cli_err("a site named \"%s\" already exists; choose another "
		    "name", name);
		return EXIT_CONFLICT;
	}
	if (rc) {
		cli_err("cannot create site %s: %s", name,
		    store_errmsg(c->st));
		return cli_exit_code(rc);
	}
	printf("created site %s (%s) with languages %s\n", name, title,
	    langs);
	return EXIT_OK;
}

static const char init_usage[] =
    "usage: gazette [-C SITE_DIR] init [--title T] [--lang zh,en] "
    "[--base-url URL] [--name NAME]\n"
    "Create SITE_DIR (default: the current folder) and the database\n"
    "SITE_DIR/gazette.db holding one site.  The first language is the\n"
    "default one.  NAME (default \"main\") names the site in commands.\n";

int
cmd_init(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, 't'},
		{"lang", required_argument, NULL, 'l'},
		{"base-url", required_argument, NULL, 'u'},
		{"name", required_argument, NULL, 'n'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	const char *title = "Gazette", *langs = "zh,en", *url = "";
	const char *name = c->site_name ? c->site_name : "main";
	struct buf why = BUF_INIT, db = BUF_INIT;
	struct site existing = {0};
	int ch, rc;

	while ((ch = getopt_long(argc, argv, "ht:l:u:n:", opts, NULL)) != -1) {
		switch (ch) {
		case 't': title = optarg; break;
		case 'l': langs = optarg; break;
		case 'u': url = optarg; break;
		case 'n': name = optarg; break;
		case 'h': return cli_usage(init_usage, 1);
		case 'S': name = optarg; break;
		case 'J': break;
		default: return cli_usage(init_usage, 0);
		}
	}
	if (optind != argc)
		return cli_usage(init_usage, 0);
	if (!slug_valid(name)) {
		cli_err("--name: \"%s\" cannot name a site; use letters, "
		    "digits and -", name);
		return EXIT_USAGE;
	}
	if ((rc = check_languages(langs, NULL)))
		return rc;
	if ((rc = file_mkdirs(c->dir, &why))) {
		rc = cli_fail(rc, &why, c->dir);
		buf_free(&why);
		return rc;
	}
	buf_printf(&db, "%s/gazette.db", c->dir);
	if (access(db.data, F_OK) == 0) {
		if ((rc = cli_open(c, 0)) == EXIT_OK &&
		    store_site_get(c->st, NULL, &existing) == GZ_OK) {
			cli_err("%s is already a Gazette site (site \"%s\"); "
			    "add another site with `gazette site add NAME`",
			    c->dir, existing.name);
			rc = EXIT_CONFLICT;
		}
		site_clear(&existing);
		buf_free(&db);
		if (rc)
			return rc;
	} else {
		buf_free(&db);
		if ((rc = cli_open(c, 1)))
			return rc;
	}
	return site_create(c, name, title, langs, url);
}

static const char site_usage[] =
    "usage: gazette site add NAME [--title T] [--lang zh,en] [--base-url URL]\n"
    "       gazette site list [--json]\n"
    "       gazette site edit NAME [--title T] [--lang L,...] "
    "[--default-lang L]\n"
    "                         [--base-url URL] [--set KEY=VALUE]...\n"
    "One database holds a group of sites; each has its own channels and\n"
    "articles.  Settings: elder_mode, mourning (true/false),\n"
    "trusted_authors (true: raw HTML in Markdown is kept), utc_offset\n"
    "(minutes east of UTC for dates written without one), sitemap_urls\n"
    "(URLs per sitemap piece, 1 to 50000; default 1000).\n";

static int
print_site(const struct site *s, void *arg)
{
	json_t *arr = arg, *o;

	if (arr) {
		o = json_pack("{sI ss ss ss ss ss so sI sI}", "id",
		    (json_int_t)s->id, "name", s->name, "title", s->title,
		    "base_url", s->base_url, "languages", s->languages,
		    "default_lang", s->default_lang, "settings",
		    json_loads(s->settings, 0, NULL), "created",
		    (json_int_t)s->created, "updated", (json_int_t)s->updated);
		return o ? json_array_append_new(arr, o) ? GZ_ENOMEM : GZ_OK :
		    GZ_ENOMEM;
	}
	printf("%-12s %-8s ", s->name, s->languages);
	cli_pad(s->title, 30);
	printf(" %s\n", s->base_url);
	return GZ_OK;
}

static int
site_edit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, 't'},
		{"lang", required_argument, NULL, 'l'},
		{"default-lang", required_argument, NULL, 'd'},
		{"base-url", required_argument, NULL, 'u'},
		{"set", required_argument, NULL, 's'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct site *s = &c->site;
	char *eq;
	int ch, rc, new_default = 0;

	if (argc < 2 || argv[1][0] == '-')
		return cli_usage(site_usage, argc >= 2 &&
		    strcmp(argv[1], "--help") == 0);
	c->site_name = argv[1];
	if ((rc = cli_site(c)))
		return rc;
	optind = 2;
	while ((ch = getopt_long(argc, argv, "ht:l:d:u:s:", opts, NULL)) != -1) {
		switch (ch) {
		case 't': rc = article_set(&s->title, optarg); break;
		case 'l': rc = article_set(&s->languages, optarg); break;
		case 'd':
			rc = article_set(&s->default_lang, optarg);
			new_default = 1;
			break;
		case 'u': rc = article_set(&s->base_url, optarg); break;
		case 's':
			if ((eq = strchr(optarg, '=')) == NULL || eq == optarg) {
				cli_err("--set: write KEY=VALUE, e.g. "
				    "--set mourning=true");
				return EXIT_USAGE;
			}
			*eq = '\0';
			rc = site_setting_set(s, optarg, eq + 1);
			break;
		case 'h': return cli_usage(site_usage, 1);
		case 'J': break;
		default: return cli_usage(site_usage, 0);
		}
		if (rc)
			return EXIT_FAIL;
	}
	if (!new_default && !site_has_lang(s, s->default_lang)) {
		/* A new --lang list without the old default: its first. */
		char *d = first_lang(s->languages);
		if (d == NULL)
			return EXIT_FAIL;
		free(s->default_lang);
		s->default_lang = d;
	}
	if ((rc = check_languages(s->languages, s->default_lang)))
		return rc;
	if ((rc = store_begin(c->st)) == GZ_OK) {
		if ((rc = store_site_update(c->st, s)) == GZ_OK)
			rc = store_audit(c->st, cli_actor(), "edit", "site",
			    s->id, s->settings);
		rc = rc ? (store_rollback(c->st), rc) : store_commit(c->st);
	}
	if (rc) {
		cli_err("cannot change site %s: %s", s->name,
		    store_errmsg(c->st));
		return cli_exit_code(rc);
	}
	/* Settings (modes, footer, languages) show on every page. */
	return cli_republish(c, NULL, 0);
}

int
cmd_site(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"title", required_argument, NULL, 't'},
		{"lang", required_argument, NULL, 'l'},
		{"base-url", required_argument, NULL, 'u'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	const char *title = NULL, *langs = "zh,en", *url = "";
	const char *sub = argc > 1 ? argv[1] : "";
	json_t *arr = NULL;
	int ch, rc;

	if (strcmp(sub, "edit") == 0) {
		if ((rc = cli_open(c, 0)))
			return rc;
		return site_edit(c, argc - 1, argv + 1);
	}
	if (strcmp(sub, "add") != 0 && strcmp(sub, "list") != 0)
		return cli_usage(site_usage, strcmp(sub, "--help") == 0 ||
		    strcmp(sub, "-h") == 0);
	optind = 2;
	while ((ch = getopt_long(argc, argv, "ht:l:u:", opts, NULL)) != -1) {
		switch (ch) {
		case 't': title = optarg; break;
		case 'l': langs = optarg; break;
		case 'u': url = optarg; break;
		case 'J': c->json = 1; break;
		case 'S': break;
		case 'h': return cli_usage(site_usage, 1);
		default: return cli_usage(site_usage, 0);
		}
	}
	if ((rc = cli_open(c, 0)))
		return rc;
	if (strcmp(sub, "add") == 0) {
		if (optind + 1 != argc)
			return cli_usage(site_usage, 0);
		if (!slug_valid(argv[optind])) {
			cli_err("\"%s\" cannot name a site; use letters, "
			    "digits and -", argv[optind]);
			return EXIT_USAGE;
		}
		return site_create(c, argv[optind],
		    title ? title : argv[optind], langs, url);
	}
	if (optind != argc)
		return cli_usage(site_usage, 0);
	if (c->json && (arr = json_array()) == NULL)
		return EXIT_FAIL;
	rc = store_site_list(c->st, print_site, arr);
	if (rc) {
		json_decref(arr);
		cli_err("cannot list sites: %s", store_errmsg(c->st));
		return cli_exit_code(rc);
	}
	return arr ? cli_json_print(arr) : EXIT_OK;
}
