/*
 * cmd_convert: gazette convert — the safe HTML publishing makes of a body.
 */
#include <string.h>

#include "cli.h"
#include "markdown.h"
#include "sanitize.h"
#include "utf8.h"

static const char usage[] =
    "usage: gazette convert [--from markdown|html] [--trusted] [FILE|-]\n"
    "Print the HTML that publishing makes of an article body: Markdown\n"
    "rendered (raw HTML kept only with --trusted), or HTML sanitized.\n"
    "Reads standard input when FILE is - or missing.\n";

int
cmd_convert(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"from", required_argument, NULL, 'f'},
		{"trusted", no_argument, NULL, 't'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct buf in = BUF_INIT, out = BUF_INIT;
	const char *from = "markdown", *path = "-";
	int opt, rc, trusted = 0;
	size_t bad, line, col;

	while ((opt = getopt_long(argc, argv, "hf:t", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': from = optarg; break;
		case 't': trusted = 1; break;
		case 'h': return cli_usage(usage, 1);
		case 'S': case 'J': break;
		default: return cli_usage(usage, 0);
		}
	}
	if (argc - optind > 1)
		return cli_usage(usage, 0);
	if (optind < argc)
		path = argv[optind];
	if (strcmp(from, "markdown") && strcmp(from, "md") &&
	    strcmp(from, "html")) {
		cli_err("--from: \"%s\" is neither markdown nor html", from);
		return EXIT_USAGE;
	}
	if ((rc = cli_read_input(path, 64u << 20, &in)))
		return cli_exit_code(rc);
	if (!utf8_valid(in.data, in.len, &bad)) {
		utf8_position(in.data, bad, &line, &col);
		cli_err("%s:%zu:%zu: invalid UTF-8; save the file as UTF-8",
		    strcmp(path, "-") ? path : "standard input", line, col);
		buf_free(&in);
		return EXIT_INPUT;
	}
	if (strcmp(from, "html") == 0)
		rc = sanitize_html(&out, buf_cstr(&in), in.len);
	else
		rc = markdown_to_html(&out, buf_cstr(&in), in.len,
		    trusted ? MARKDOWN_TRUSTED : 0);
	if (rc == GZ_OK && buf_error(&out) == GZ_OK)
		fwrite(out.data ? out.data : "", 1, out.len, stdout);
	else
		cli_err("%s: cannot convert: %s", path, gz_strerror(rc ? rc :
		    buf_error(&out)));
	buf_free(&in);
	buf_free(&out);
	return rc ? cli_exit_code(rc) : EXIT_OK;
}
