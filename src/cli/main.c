/*
 * main: gazette [-C SITE_DIR] [--site NAME] COMMAND [ARGS]
 *
 * The one table of commands is here; each command lives in cmd_NAME.c.
 * Only this layer may exit the process.
 */
#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#ifndef GAZETTE_VERSION
#define GAZETTE_VERSION "0.1.0"
#endif

const struct command commands[] = {
	{"init", cmd_init, "create a new site (and its database) in SITE_DIR"},
	{"site", cmd_site, "add, list or change the sites of this database"},
	{"channel", cmd_channel, "add, list, change, move or remove channels"},
	{"article", cmd_article, "add, edit, show, list, remove or restore articles"},
	{"user", cmd_user, "add or list users, set passwords and permissions"},
	{"build", cmd_build, "publish the whole site as static HTML"},
	{"publish", cmd_publish, "republish what depends on some articles"},
	{"check-links", cmd_check_links, "find broken links in the published site"},
	{"serve", cmd_serve, "serve the published site over HTTP"},
	{"import", cmd_import, "import a content tree (Hugo format)"},
	{"export", cmd_export, "export the site as a content tree"},
	{"convert", cmd_convert, "print the safe HTML of a Markdown or HTML body"},
	{"render", cmd_render, "render a Mustache template with JSON data"},
	{"audit", cmd_audit, "show the audit log"},
	{"search", cmd_search, "search the published articles"},
	{NULL, NULL, NULL},
};

static void
usage(FILE *f)
{
	const struct command *cmd;

	fputs("usage: gazette [-C SITE_DIR] [--site NAME] COMMAND [ARGS]\n"
	    "       gazette COMMAND --help\n\ncommands:\n", f);
	for (cmd = commands; cmd->name; cmd++)
		fprintf(f, "  %-9s %s\n", cmd->name, cmd->summary);
	fputs("\nSITE_DIR (default: the current folder) holds gazette.db.\n"
	    "See gazette(1) for exit codes and details.\n", f);
}

int
main(int argc, char **argv)
{
	struct cli c = {0};
	const struct command *cmd;
	int i, rc;

	setlocale(LC_CTYPE, "");
	c.argv0 = argv[0];
	c.dir = getenv("GAZETTE_DIR") ? getenv("GAZETTE_DIR") : ".";
	for (i = 1; i < argc && argv[i][0] == '-'; i++) {
		const char *a = argv[i];
		if (strcmp(a, "-C") == 0 || strcmp(a, "--directory") == 0) {
			if (++i >= argc) {
				cli_err("%s needs a folder", a);
				return EXIT_USAGE;
			}
			c.dir = argv[i];
		} else if (strncmp(a, "-C", 2) == 0) {
			c.dir = a + 2;
		} else if (strncmp(a, "--directory=", 12) == 0) {
			c.dir = a + 12;
		} else if (strcmp(a, "--site") == 0) {
			if (++i >= argc) {
				cli_err("--site needs a site name");
				return EXIT_USAGE;
			}
			c.site_name = argv[i];
		} else if (strncmp(a, "--site=", 7) == 0) {
			c.site_name = a + 7;
		} else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			usage(stdout);
			return EXIT_OK;
		} else if (strcmp(a, "--version") == 0) {
			printf("gazette %s\n", GAZETTE_VERSION);
			return EXIT_OK;
		} else {
			cli_err("unknown option %s; see gazette --help", a);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	if (strcmp(argv[i], "help") == 0) {
		usage(stdout);
		return EXIT_OK;
	}
	for (cmd = commands; cmd->name; cmd++)
		if (strcmp(cmd->name, argv[i]) == 0)
			break;
	if (cmd->name == NULL) {
		cli_err("unknown command \"%s\"; see gazette --help", argv[i]);
		return EXIT_USAGE;
	}
	optind = 0; /* GNU getopt: start afresh for the command */
	rc = cmd->fn(&c, argc - i, argv + i);
	site_clear(&c.site);
	store_close(c.st);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		cli_err("cannot write the output: %s", "write error");
		return EXIT_FAIL;
	}
	return rc;
}
