/*
 * cli: what the command files (cmd_*.c) share.  One file per command,
 * one table of commands in main.c, as in cgit.
 */
#ifndef GZ_CLI_H
#define GZ_CLI_H

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "buf.h"
#include "store.h"

/* Exit codes; gazette.1 lists them too. */
enum {
	EXIT_OK = 0,       /* done */
	EXIT_FAIL = 1,     /* the database or the file system failed */
	EXIT_USAGE = 2,    /* the command line is wrong */
	EXIT_INPUT = 3,    /* some input was invalid and was skipped */
	EXIT_NOTFOUND = 4, /* no such site, channel, article or user */
	EXIT_CONFLICT = 5, /* already exists, or not empty */
};

struct cli {
	const char *dir;        /* -C SITE_DIR, default "." */
	const char *site_name;  /* --site NAME, default: the first site */
	struct store *st;
	struct site site;       /* filled by cli_site() */
	int json;               /* --json */
	const char *argv0;      /* to find themes beside the program */
};

/* One command of the table in main.c. */
struct command {
	const char *name;
	int (*fn)(struct cli *c, int argc, char **argv);
	const char *summary;
};

extern const struct command commands[];

/* Print "gazette: MESSAGE" on standard error. */
void cli_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Print a why-buffer (or a fallback) as an error; returns exit code. */
int cli_fail(int rc, const struct buf *why, const char *fallback);
/* The exit code for a gz_err. */
int cli_exit_code(int rc);
/* Print usage to stdout (ok) or stderr (not ok); returns the exit code. */
int cli_usage(const char *usage, int ok);
/* Open SITE_DIR/gazette.db (creating it with create); prints errors. */
int cli_open(struct cli *c, int create);
/* Resolve --site into c->site; prints errors; returns an exit code. */
int cli_site(struct cli *c);
/* Who the audit log and revisions name for CLI changes: "cli:USER". */
const char *cli_actor(void);
/* Read a whole file, or standard input for "-", into out. */
int cli_read_input(const char *path, size_t max, struct buf *out);
/* Print a JSON value on stdout (pretty, key order kept) and free it. */
int cli_json_print(json_t *j);
/* Parse a non-negative integer option; prints an error on failure. */
int cli_parse_int(const char *opt, const char *s, long min, long max,
    long *out);
/* Resolve "PATH" in lang (or "lang:PATH") to a channel; prints errors. */
int cli_channel(struct cli *c, const char *lang, const char *path,
    struct channel *out);
/* Resolve an article by id or by LANG/CHANNEL/SLUG; prints errors. */
int cli_article(struct cli *c, const char *ref, struct article *out);
/* Print s padded with spaces to width terminal columns (CJK aware). */
void cli_pad(const char *s, size_t width);
/*
 * After articles changed: republish what depends on them when the site
 * has a published tree (nothing otherwise).  ids NULL: the whole site
 * (for changes that every page shows, like channels or settings).
 * Prints errors; returns an exit code.
 */
int cli_republish(struct cli *c, const int64_t *ids, size_t n);

/* The common long options every command accepts. */
#define CLI_COMMON_OPTS \
	{"help", no_argument, NULL, 'h'}, \
	{"site", required_argument, NULL, 'S'}, \
	{"json", no_argument, NULL, 'J'}

int cmd_init(struct cli *c, int argc, char **argv);
int cmd_site(struct cli *c, int argc, char **argv);
int cmd_channel(struct cli *c, int argc, char **argv);
int cmd_article(struct cli *c, int argc, char **argv);
int cmd_user(struct cli *c, int argc, char **argv);
int cmd_import(struct cli *c, int argc, char **argv);
int cmd_export(struct cli *c, int argc, char **argv);
int cmd_convert(struct cli *c, int argc, char **argv);
int cmd_render(struct cli *c, int argc, char **argv);
int cmd_build(struct cli *c, int argc, char **argv);
int cmd_check_links(struct cli *c, int argc, char **argv);
int cmd_publish(struct cli *c, int argc, char **argv);
int cmd_audit(struct cli *c, int argc, char **argv);
int cmd_serve(struct cli *c, int argc, char **argv);
int cmd_search(struct cli *c, int argc, char **argv);

#endif
