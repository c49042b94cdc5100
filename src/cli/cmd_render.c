/*
 * cmd_render: gazette render — one Mustache template with JSON data, the
 * way a theme author tries a template without publishing a site.
 */
#include <string.h>

#include "cli.h"
#include "file.h"
#include "tmpl.h"
#include "utf8.h"

static const char usage[] =
    "usage: gazette render [--partials DIR] TEMPLATE.mustache [DATA.json|-]\n"
    "Render a Mustache template with JSON data and write the result to\n"
    "standard output exactly as rendered.  DATA is read from standard\n"
    "input when given as -, and is {} when missing.  Partials and parent\n"
    "templates ({{> name}}, {{< name}}) are the NAME.mustache files of\n"
    "DIR and its subfolders (\"sub/name\").\n";

/* Read and parse the JSON data; prints errors; returns an exit code. */
static int
render_data(const char *path, json_t **out)
{
	struct buf in = BUF_INIT;
	json_error_t jerr;
	const char *shown = strcmp(path, "-") ? path : "standard input";
	int rc;

	if ((rc = cli_read_input(path, 64u << 20, &in))) {
		buf_free(&in);
		return cli_exit_code(rc);
	}
	*out = json_loadb(in.data ? in.data : "", in.len,
	    JSON_DECODE_ANY | JSON_ALLOW_NUL, &jerr);
	buf_free(&in);
	if (*out == NULL) {
		cli_err("%s:%d:%d: not valid JSON: %s", shown, jerr.line,
		    jerr.column, jerr.text);
		return EXIT_INPUT;
	}
	return EXIT_OK;
}

/* Read and parse the template; prints errors; returns an exit code. */
static int
render_template(const char *path, struct tmpl **out)
{
	struct buf in = BUF_INIT, why = BUF_INIT;
	size_t bad, line, col;
	int rc;

	if ((rc = cli_read_input(path, TMPL_MAX_SIZE, &in))) {
		buf_free(&in);
		return cli_exit_code(rc);
	}
	if (!utf8_valid(in.data ? in.data : "", in.len, &bad)) {
		utf8_position(in.data, bad, &line, &col);
		cli_err("%s:%zu:%zu: invalid UTF-8; save the file as UTF-8",
		    strcmp(path, "-") ? path : "standard input", line, col);
		buf_free(&in);
		return EXIT_INPUT;
	}
	rc = tmpl_parse(strcmp(path, "-") ? path : "standard input",
	    buf_cstr(&in), in.len, out, &why);
	if (rc)
		rc = cli_fail(rc, &why, path);
	buf_free(&in);
	buf_free(&why);
	return rc;
}

int
cmd_render(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"partials", required_argument, NULL, 'p'},
	    CLI_COMMON_OPTS,
	    {NULL, 0, NULL, 0},
	};
	struct buf out = BUF_INIT, why = BUF_INIT;
	struct tmpl *t = NULL;
	struct tmpl_set *set = NULL;
	const char *partials = NULL, *tpath, *dpath = NULL;
	json_t *data = NULL;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "hp:", opts, NULL)) != -1) {
		switch (opt) {
		case 'p': partials = optarg; break;
		case 'h': return cli_usage(usage, 1);
		case 'S':
		case 'J': break;
		default: return cli_usage(usage, 0);
		}
	}
	if (argc - optind < 1 || argc - optind > 2)
		return cli_usage(usage, 0);
	tpath = argv[optind];
	if (argc - optind == 2)
		dpath = argv[optind + 1];
	if (strcmp(tpath, "-") == 0 && dpath && strcmp(dpath, "-") == 0) {
		cli_err("the template and the data cannot both be standard "
		        "input");
		return EXIT_USAGE;
	}

	if ((rc = render_template(tpath, &t)))
		goto done;
	if (dpath) {
		if ((rc = render_data(dpath, &data)))
			goto done;
	} else if ((data = json_object()) == NULL) {
		rc = EXIT_FAIL;
		goto done;
	}
	if (partials) {
		if ((rc = tmpl_set_new(&set)) == GZ_OK)
			rc = tmpl_set_load_dir(set, partials, &why);
		if (rc) {
			rc = cli_fail(rc, &why, partials);
			goto done;
		}
	}
	rc = tmpl_render(t, set, data, &out, &why);
	if (rc) {
		rc = cli_fail(rc, &why, tpath);
		goto done;
	}
	if (out.len && fwrite(out.data, 1, out.len, stdout) != out.len) {
		cli_err("standard output: cannot write the rendering");
		rc = EXIT_FAIL;
	}
	if (fflush(stdout) != 0 && rc == EXIT_OK) {
		cli_err("standard output: cannot write the rendering");
		rc = EXIT_FAIL;
	}
done:
	json_decref(data);
	tmpl_free(t);
	tmpl_set_free(set);
	buf_free(&out);
	buf_free(&why);
	return rc;
}
