/*
 * cmd_user: gazette user add|list|passwd|grant.
 */
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "password.h"

static const char usage[] =
    "usage: gazette user add NAME --role admin|site_admin|editor|reviewer\n"
    "                        [--site NAME] [--email E] [--display-name N]\n"
    "       gazette user list [--json]\n"
    "       gazette user passwd NAME\n"
    "       gazette user grant NAME --channel PATH --can edit|review|manage\n"
    "                        [--level N] [--lang L]\n"
    "The password is read from standard input (first line), or asked\n"
    "twice on a terminal; it must have at least 8 characters.  A\n"
    "site_admin administers the site given with --site only (an admin\n"
    "with --site is the same); others added with --site belong to it.\n";

/* Read one line from f into out; returns its length or -1. */
static int
read_line(FILE *f, char *out, size_t size)
{
	size_t n;

	if (fgets(out, (int)size, f) == NULL)
		return -1;
	n = strlen(out);
	if (n && out[n - 1] == '\n')
		out[--n] = '\0';
	if (n && out[n - 1] == '\r')
		out[--n] = '\0';
	return (int)n;
}

static int
ask(const char *prompt, char *out, size_t size)
{
	struct termios old, quiet;
	int n, tty = isatty(STDIN_FILENO);

	if (tty) {
		fputs(prompt, stderr);
		tcgetattr(STDIN_FILENO, &old);
		quiet = old;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	}
	n = read_line(stdin, out, size);
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
		fputc('\n', stderr);
	}
	return n;
}

/* Read and hash a new password; prints errors; returns an exit code. */
static int
new_password(char hash[PASSWORD_HASH_MAX])
{
	char pw[PASSWORD_MAX + 2], again[PASSWORD_MAX + 2];
	int n, rc;

	if ((n = ask("New password: ", pw, sizeof pw)) < 0) {
		cli_err("no password on standard input; pipe it in, e.g. "
		    "echo 'secret-pass' | gazette user add ...");
		return EXIT_USAGE;
	}
	if (isatty(STDIN_FILENO) &&
	    (ask("Again: ", again, sizeof again) < 0 || strcmp(pw, again))) {
		cli_err("the two passwords differ; nothing was changed");
		return EXIT_USAGE;
	}
	rc = password_hash(pw, hash);
	memset(pw, 0, sizeof pw);
	memset(again, 0, sizeof again);
	if (rc == GZ_EINVAL) {
		cli_err("the password must have %d to %d characters",
		    PASSWORD_MIN, PASSWORD_MAX);
		return EXIT_USAGE;
	}
	return rc ? EXIT_FAIL : EXIT_OK;
}

static int
print_user(const struct user *u, void *arg)
{
	json_t *arr = arg, *o;

	if (arr) {
		o = json_pack("{sI ss ss* ss* ss sb sI}", "id",
		    (json_int_t)u->id, "name", u->name, "display_name",
		    u->display_name, "email", u->email, "role",
		    user_role_name(u->role), "disabled", u->disabled,
		    "created", (json_int_t)u->created);
		return o == NULL || json_array_append_new(arr, o) ? GZ_ENOMEM :
		    GZ_OK;
	}
	printf("%-16s %-9s %-24s %s%s\n", u->name, user_role_name(u->role),
	    u->display_name ? u->display_name : "", u->email ? u->email : "",
	    u->disabled ? " (disabled)" : "");
	return GZ_OK;
}

int
cmd_user(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"role", required_argument, NULL, 'r'},
		{"email", required_argument, NULL, 'e'},
		{"display-name", required_argument, NULL, 'n'},
		{"channel", required_argument, NULL, 'c'},
		{"can", required_argument, NULL, 'k'},
		{"level", required_argument, NULL, 'v'},
		{"lang", required_argument, NULL, 'l'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	const char *sub = argc > 1 ? argv[1] : "";
	const char *role = NULL, *chpath = NULL, *can = NULL, *lang = NULL;
	char hash[PASSWORD_HASH_MAX];
	struct user u = {0}, found = {0};
	struct channel ch = {0};
	json_t *arr = NULL;
	long level = 1;
	int opt, rc, k;

	if (strcmp(sub, "add") && strcmp(sub, "list") &&
	    strcmp(sub, "passwd") && strcmp(sub, "grant"))
		return cli_usage(usage, strcmp(sub, "--help") == 0 ||
		    strcmp(sub, "-h") == 0);
	optind = 2;
	while ((opt = getopt_long(argc, argv, "hr:e:n:c:l:", opts, NULL)) != -1) {
		switch (opt) {
		case 'r': role = optarg; break;
		case 'e': u.email = optarg; break;
		case 'n': u.display_name = optarg; break;
		case 'c': chpath = optarg; break;
		case 'k': can = optarg; break;
		case 'l': lang = optarg; break;
		case 'v':
			if ((rc = cli_parse_int("--level", optarg, 1, 3,
			    &level)))
				return rc;
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
	if ((rc = cli_open(c, 0)))
		return rc;

	if (strcmp(sub, "list") == 0) {
		if (c->json && (arr = json_array()) == NULL)
			return EXIT_FAIL;
		if ((rc = store_user_list(c->st, print_user, arr))) {
			json_decref(arr);
			cli_err("cannot list users: %s", store_errmsg(c->st));
			return cli_exit_code(rc);
		}
		return arr ? cli_json_print(arr) : EXIT_OK;
	}
	u.name = argv[optind];
	if (strcmp(sub, "add") == 0) {
		if (role && strcmp(role, "site_admin") == 0) {
			if (c->site_name == NULL) {
				cli_err("user add: a site_admin needs --site "
				    "NAME, the site they administer");
				return EXIT_USAGE;
			}
			k = ROLE_ADMIN;
		} else if (role == NULL || (k = user_role_parse(role)) < 0) {
			cli_err("user add: give --role admin, site_admin, "
			    "editor or reviewer");
			return EXIT_USAGE;
		}
		if (c->site_name) {
			if ((rc = cli_site(c)))
				return rc;
			u.site_id = c->site.id;
		}
		if (!slug_valid(u.name) || strchr(u.name, ':')) {
			cli_err("\"%s\" cannot be a user name; use letters, "
			    "digits, . - _", u.name);
			return EXIT_USAGE;
		}
		u.role = (enum user_role)k;
		if ((rc = new_password(hash)))
			return rc;
		u.password = hash;
		if ((rc = store_begin(c->st)) == GZ_OK) {
			if ((rc = store_user_add(c->st, &u)) == GZ_OK)
				rc = store_audit(c->st, cli_actor(), "create",
				    "user", u.id, role);
			rc = rc ? (store_rollback(c->st), rc) :
			    store_commit(c->st);
		}
		if (rc == GZ_EEXIST) {
			cli_err("a user named \"%s\" already exists; use "
			    "`gazette user passwd %s` to change the password",
			    u.name, u.name);
			return EXIT_CONFLICT;
		}
		if (rc) {
			cli_err("cannot add user: %s", store_errmsg(c->st));
			return cli_exit_code(rc);
		}
		printf("added user %s (%s)\n", u.name, role);
		return EXIT_OK;
	}
	if (strcmp(sub, "passwd") == 0) {
		if ((rc = new_password(hash)))
			return rc;
		if ((rc = store_begin(c->st)) == GZ_OK) {
			if ((rc = store_user_set_password(c->st, u.name,
			    hash)) == GZ_OK)
				rc = store_audit(c->st, cli_actor(), "passwd",
				    "user", 0, u.name);
			rc = rc ? (store_rollback(c->st), rc) :
			    store_commit(c->st);
		}
		if (rc == GZ_ENOTFOUND)
			cli_err("no user named \"%s\"", u.name);
		else if (rc)
			cli_err("cannot set the password: %s",
			    store_errmsg(c->st));
		return cli_exit_code(rc);
	}
	/* grant */
	if (chpath == NULL || can == NULL || (strcmp(can, "edit") &&
	    strcmp(can, "review") && strcmp(can, "manage"))) {
		cli_err("user grant: give --channel PATH and --can edit, "
		    "review or manage");
		return EXIT_USAGE;
	}
	if ((rc = cli_site(c)))
		return rc;
	if ((rc = store_user_get(c->st, u.name, &found)) == GZ_ENOTFOUND) {
		cli_err("no user named \"%s\"", argv[optind]);
		return EXIT_NOTFOUND;
	}
	if (rc == GZ_OK && (rc = cli_channel(c, lang, chpath, &ch)) == 0 &&
	    (rc = store_begin(c->st)) == GZ_OK) {
		if ((rc = store_permission_grant(c->st, found.id, ch.id, can,
		    (int)level)) == GZ_OK)
			rc = store_audit(c->st, cli_actor(), "grant", "user",
			    found.id, can);
		rc = rc ? (store_rollback(c->st), rc) : store_commit(c->st);
		if (rc)
			cli_err("cannot grant: %s", store_errmsg(c->st));
		rc = cli_exit_code(rc);
	}
	user_clear(&found);
	channel_clear(&ch);
	return rc;
}
