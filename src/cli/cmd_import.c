/*
 * cmd_import: gazette import PATH and gazette export PATH.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "clock.h"
#include "cli.h"
#include "export.h"
#include "import.h"

static const char import_usage[] =
    "usage: gazette import PATH [--max-size MB] [--quiet] [--site NAME]\n"
    "Import the content tree PATH/<lang>/<channel>/<slug>.md (Hugo's\n"
    "format; _index.md names and orders a channel).  Articles are matched\n"
    "by language, channel and slug: importing again updates them in\n"
    "place.  A bad file is reported as path:line: problem and skipped;\n"
    "the exit code is then 3.  Files larger than --max-size (default 8)\n"
    "megabytes are refused.\n";

static const char export_usage[] =
    "usage: gazette export PATH [--site NAME]\n"
    "Write every channel and article of the site as a content tree under\n"
    "PATH, in the format import reads.  Files already identical are left\n"
    "untouched; each file is replaced atomically.\n";

int
cmd_import(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"max-size", required_argument, NULL, 'm'},
		{"quiet", no_argument, NULL, 'q'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct import_opts o = {0};
	struct import_stats s;
	struct buf why = BUF_INIT;
	long mb = 8;
	int opt, rc, quiet = 0;
	double t0, el;

	while ((opt = getopt_long(argc, argv, "hqm:", opts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			if ((rc = cli_parse_int("--max-size", optarg, 1, 1024,
			    &mb)))
				return rc;
			break;
		case 'q': quiet = 1; break;
		case 'S': c->site_name = optarg; break;
		case 'J': break;
		case 'h': return cli_usage(import_usage, 1);
		default: return cli_usage(import_usage, 0);
		}
	}
	if (optind + 1 != argc)
		return cli_usage(import_usage, 0);
	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	o.max_size = (size_t)mb << 20;
	o.progress = !quiet && isatty(STDERR_FILENO);
	o.actor = cli_actor();
	t0 = clock_seconds();
	rc = import_tree(c->st, &c->site, argv[optind], &o, &s, &why);
	el = clock_seconds() - t0;
	if (rc) {
		rc = cli_fail(rc, &why, argv[optind]);
		buf_free(&why);
		return rc;
	}
	printf("import: %ld files: %ld new, %ld updated, %ld unchanged, "
	    "%ld skipped; channels: %ld new, %ld changed; %.1f s "
	    "(%.0f files/s)\n", s.files, s.created, s.updated, s.unchanged,
	    s.skipped, s.channels_created, s.channels_updated, el,
	    el > 0 ? (double)s.files / el : 0.0);
	buf_free(&why);
	if ((s.created || s.updated || s.channels_created ||
	    s.channels_updated) && (rc = cli_republish(c, NULL, 0)))
		return rc;
	return s.skipped ? EXIT_INPUT : EXIT_OK;
}

int
cmd_export(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct export_stats s;
	struct buf why = BUF_INIT;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'S': c->site_name = optarg; break;
		case 'J': break;
		case 'h': return cli_usage(export_usage, 1);
		default: return cli_usage(export_usage, 0);
		}
	}
	if (optind + 1 != argc)
		return cli_usage(export_usage, 0);
	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	rc = export_tree(c->st, &c->site, argv[optind], &s, &why);
	if (rc) {
		rc = cli_fail(rc, &why, argv[optind]);
		buf_free(&why);
		return rc;
	}
	printf("export: %ld channels; %ld files written, %ld already up to "
	    "date\n", s.channels, s.written, s.same);
	buf_free(&why);
	return EXIT_OK;
}
