/*
 * cmd_audit: gazette audit — who changed what, newest first.
 */
#include <string.h>

#include "cli.h"
#include "date.h"

static const char usage[] =
    "usage: gazette audit [--limit N] [--json]\n"
    "Show the audit log, newest first (default: the last 50 entries).\n";

static int
print_entry(const struct audit_entry *e, void *arg)
{
	json_t *arr = arg, *o;
	struct buf d = BUF_INIT;

	if (arr) {
		o = json_pack("{sI sI ss ss ss sI ss*}", "id", (json_int_t)e->id,
		    "at", (json_int_t)e->at, "actor", e->actor, "action",
		    e->action, "object", e->object, "object_id",
		    (json_int_t)e->object_id, "detail", e->detail);
		return o == NULL || json_array_append_new(arr, o) ? GZ_ENOMEM :
		    GZ_OK;
	}
	date_format(&d, e->at, 0);
	printf("%s  %-14s %-8s %s %lld  %s\n", buf_cstr(&d), e->actor,
	    e->action, e->object, (long long)e->object_id,
	    e->detail ? e->detail : "");
	buf_free(&d);
	return GZ_OK;
}

int
cmd_audit(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"limit", required_argument, NULL, 'L'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	json_t *arr = NULL;
	long limit = 50;
	int opt, rc;

	while ((opt = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		switch (opt) {
		case 'L':
			if ((rc = cli_parse_int("--limit", optarg, 1,
			    1000000000, &limit)))
				return rc;
			break;
		case 'J': c->json = 1; break;
		case 'S': break;
		case 'h': return cli_usage(usage, 1);
		default: return cli_usage(usage, 0);
		}
	}
	if (optind != argc)
		return cli_usage(usage, 0);
	if ((rc = cli_open(c, 0)))
		return rc;
	if (c->json && (arr = json_array()) == NULL)
		return EXIT_FAIL;
	if ((rc = store_audit_list(c->st, limit, print_entry, arr))) {
		json_decref(arr);
		cli_err("cannot read the audit log: %s", store_errmsg(c->st));
		return cli_exit_code(rc);
	}
	return arr ? cli_json_print(arr) : EXIT_OK;
}
