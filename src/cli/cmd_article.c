/*
 * cmd_article: gazette article add|edit|show|list|rm|revisions|restore.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "article_json.h"
#include "cli.h"
#include "date.h"
#include "sanitize.h"
#include "utf8.h"

#define BODY_MAX (8u << 20) /* the largest body accepted: 8 MB */

static const char usage[] =
    "usage: gazette article add --channel PATH --title T [FIELDS] [--body FILE|-]\n"
    "       gazette article edit ARTICLE [FIELDS] [--body FILE|-]\n"
    "       gazette article show ARTICLE [--json]\n"
    "       gazette article list [--lang L] [--channel PATH] [--status S]\n"
    "                            [--limit N] [--offset N] [--json]\n"
    "       gazette article rm ARTICLE [--purge]\n"
    "       gazette article revisions ARTICLE [--json]\n"
    "       gazette article restore ARTICLE REVISION\n"
    "ARTICLE is an id or LANG/CHANNEL/SLUG.  FIELDS:\n"
    "  --lang L --slug S --subtitle T --author A --source S --summary S\n"
    "  --tags a,b --date 2026-01-02T09:00:00+08:00 --weight N (pin)\n"
    "  --status draft|review|approved|published|offline\n"
    "  --format markdown|html --translation-key K --expire DATE\n"
    "The body is read from FILE, or from standard input with --body -.\n"
    "HTML bodies are sanitized before they are stored.  rm moves an\n"
    "article to the trash (kept with its revisions); --purge deletes it.\n";

/* Field options as given on the command line (NULL: not given). */
struct fields {
	const char *lang, *channel, *slug, *title, *subtitle, *author;
	const char *source, *summary, *tags, *date, *weight, *status;
	const char *format, *tkey, *body, *expire;
	int purge;
};

static int
text_ok(const char *opt, const char *s)
{
	if (!utf8_valid(s, strlen(s), NULL)) {
		cli_err("%s: not valid UTF-8", opt);
		return 0;
	}
	return 1;
}

/* Split "a, b,c" into v. */
static int
split_tags(const char *s, struct strv *v)
{
	char *copy = strdup(s), *tok, *save = NULL, *e;
	int rc = GZ_OK;

	if (copy == NULL)
		return GZ_ENOMEM;
	strv_clear(v);
	for (tok = strtok_r(copy, ",", &save); tok && !rc;
	    tok = strtok_r(NULL, ",", &save)) {
		while (*tok == ' ')
			tok++;
		for (e = tok + strlen(tok); e > tok && e[-1] == ' '; e--)
			*--e = '\0';
		if (*tok)
			rc = strv_push(v, tok);
	}
	free(copy);
	return rc;
}

/* Apply the given fields to a; prints errors; returns an exit code. */
static int
apply_fields(struct cli *c, const struct fields *f, struct article *a)
{
	struct channel ch = {0};
	struct buf body = BUF_INIT, clean = BUF_INIT;
	long n;
	int rc = EXIT_OK, k;
	size_t bad;

#define SET(opt, field) \
	if (f->field && (!text_ok(opt, f->field) || \
	    article_set(&a->field, *f->field ? f->field : NULL))) \
		return EXIT_USAGE;
	SET("--title", title)
	SET("--subtitle", subtitle)
	SET("--author", author)
	SET("--source", source)
	SET("--summary", summary)
#undef SET
	if (f->tkey && article_set(&a->translation_key, *f->tkey ? f->tkey :
	    NULL))
		return EXIT_FAIL;
	if (f->lang) {
		if (!site_has_lang(&c->site, f->lang)) {
			cli_err("--lang: %s is not a language of site %s (%s)",
			    f->lang, c->site.name, c->site.languages);
			return EXIT_USAGE;
		}
		if (article_set(&a->lang, f->lang))
			return EXIT_FAIL;
	}
	if (f->channel || f->lang) {
		const char *path = f->channel ? f->channel : a->channel;
		if ((rc = cli_channel(c, a->lang, path, &ch)))
			return rc;
		a->channel_id = ch.id;
		rc = article_set(&a->channel, ch.path) ? EXIT_FAIL : EXIT_OK;
		channel_clear(&ch);
		if (rc)
			return rc;
	}
	if (f->slug) {
		if (!slug_valid(f->slug)) {
			cli_err("--slug: \"%s\" cannot be a slug: no /, spaces "
			    "or ?#%%&\"'<>, at most 200 bytes", f->slug);
			return EXIT_USAGE;
		}
		if (article_set(&a->slug, f->slug))
			return EXIT_FAIL;
	}
	if (f->tags && split_tags(f->tags, &a->tags))
		return EXIT_FAIL;
	if (f->date && date_parse(f->date, a->date_offset, &a->date,
	    &a->date_offset)) {
		cli_err("--date: \"%s\" is not a date; write "
		    "2026-01-02T09:00:00+08:00 or 2026-01-02", f->date);
		return EXIT_USAGE;
	}
	if (f->expire) {
		int off;
		if (*f->expire == '\0')
			a->expire = 0;
		else if (date_parse(f->expire, a->date_offset, &a->expire,
		    &off)) {
			cli_err("--expire: \"%s\" is not a date", f->expire);
			return EXIT_USAGE;
		}
	}
	if (f->weight) {
		if ((rc = cli_parse_int("--weight", f->weight, 0, 1000000, &n)))
			return rc;
		a->weight = (int)n;
	}
	if (f->status) {
		if ((k = article_status_parse(f->status)) < 0) {
			cli_err("--status: \"%s\" is not one of draft, review, "
			    "approved, published, offline", f->status);
			return EXIT_USAGE;
		}
		a->status = (enum article_status)k;
	}
	if (f->format) {
		if ((k = body_format_parse(f->format)) < 0) {
			cli_err("--format: \"%s\" is neither markdown nor html",
			    f->format);
			return EXIT_USAGE;
		}
		a->format = (enum body_format)k;
	}
	if (f->body) {
		if ((rc = cli_read_input(f->body, BODY_MAX, &body)))
			return cli_exit_code(rc);
		if (!utf8_valid(body.data, body.len, &bad)) {
			size_t line, col;
			utf8_position(body.data, bad, &line, &col);
			cli_err("%s:%zu:%zu: invalid UTF-8; save the body as "
			    "UTF-8", strcmp(f->body, "-") ? f->body :
			    "standard input", line, col);
			buf_free(&body);
			return EXIT_INPUT;
		}
		if (article_setn(&a->body, buf_cstr(&body), body.len))
			rc = EXIT_FAIL;
		else
			article_normalize_body(a);
		buf_free(&body);
	}
	if (rc == EXIT_OK && a->format == BODY_HTML && a->body &&
	    (f->body || f->format)) {
		if ((rc = sanitize_html(&clean, a->body, strlen(a->body))) ||
		    buf_error(&clean) ||
		    article_setn(&a->body, buf_cstr(&clean), clean.len))
			rc = EXIT_FAIL;
		buf_free(&clean);
	}
	return rc;
}

static int
article_save(struct cli *c, struct article *a, int is_new)
{
	const char *what = is_new ? "add" : "edit";
	int rc;

	if (a->title == NULL) {
		cli_err("%s: an article needs a title; give --title", what);
		return EXIT_USAGE;
	}
	if ((rc = store_begin(c->st)) == GZ_OK) {
		rc = is_new ? store_article_insert(c->st, a, cli_actor(), NULL) :
		    store_article_update(c->st, a, cli_actor(), NULL);
		if (rc == GZ_OK)
			rc = store_audit(c->st, cli_actor(),
			    is_new ? "create" : "edit", "article", a->id,
			    a->title);
		rc = rc ? (store_rollback(c->st), rc) : store_commit(c->st);
	}
	if (rc == GZ_EEXIST) {
		cli_err("%s/%s/%s already exists; choose another --slug",
		    a->lang, a->channel, a->slug);
		return EXIT_CONFLICT;
	}
	if (rc) {
		cli_err("cannot save the article: %s", rc == GZ_EINVAL ?
		    "a required field is missing or invalid" :
		    store_errmsg(c->st));
		return cli_exit_code(rc);
	}
	printf("%s article %lld %s/%s/%s, revision %d\n",
	    is_new ? "added" : "saved", (long long)a->id, a->lang, a->channel,
	    a->slug, a->revision);
	return EXIT_OK;
}

static int
list_one(const struct article *a, void *arg)
{
	struct buf d = BUF_INIT;
	json_t *o;

	if (arg) {
		/* Stream the array: one element at a time. */
		int *first = arg;
		if ((o = article_to_json(a, ARTICLE_JSON_IDS)) == NULL)
			return GZ_ENOMEM;
		fputs(*first ? "\n" : ",\n", stdout);
		*first = 0;
		json_dumpf(o, stdout, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
		json_decref(o);
		return GZ_OK;
	}
	date_format(&d, a->date, a->date_offset);
	printf("%-7lld %-4s ", (long long)a->id, a->lang);
	cli_pad(a->channel, 16);
	printf(" %-10s %.10s  %s%s\n", article_status_name(a->status),
	    buf_cstr(&d), a->weight ? "[pinned] " : "", a->title);
	buf_free(&d);
	return GZ_OK;
}

static int
show(struct cli *c, const struct article *a)
{
	struct buf d = BUF_INIT;
	size_t i;

	if (c->json)
		return cli_json_print(article_to_json(a,
		    ARTICLE_JSON_IDS | ARTICLE_JSON_BODY));
	date_format(&d, a->date, a->date_offset);
	printf("id:        %lld\nsite:      %s\npath:      %s/%s/%s\n"
	    "title:     %s\n", (long long)a->id, c->site.name, a->lang,
	    a->channel, a->slug, a->title);
#define LINE(label, v) if (v) printf("%-10s %s\n", label, v);
	LINE("subtitle:", a->subtitle)
	LINE("author:", a->author)
	LINE("source:", a->source)
	LINE("summary:", a->summary)
	LINE("translation:", a->translation_key)
#undef LINE
	printf("date:      %s\nstatus:    %s%s\nformat:    %s\n",
	    buf_cstr(&d), article_status_name(a->status),
	    a->deleted ? " (in the trash)" : "", body_format_name(a->format));
	if (a->weight)
		printf("weight:    %d (pinned)\n", a->weight);
	if (a->tags.n) {
		fputs("tags:     ", stdout);
		for (i = 0; i < a->tags.n; i++)
			printf(" %s", a->tags.v[i]);
		fputc('\n', stdout);
	}
	printf("revision:  %d\n\n%s", a->revision, a->body ? a->body : "");
	if (a->body && *a->body && a->body[strlen(a->body) - 1] != '\n')
		fputc('\n', stdout);
	buf_free(&d);
	return EXIT_OK;
}

static int
print_revision(const struct revision *r, void *arg)
{
	struct buf d = BUF_INIT;
	json_t *arr = arg;

	if (arr) {
		json_t *o = json_pack("{si sI ss ss*}", "number", r->number,
		    "created", (json_int_t)r->created, "actor", r->actor,
		    "note", r->note);
		return o == NULL || json_array_append_new(arr, o) ? GZ_ENOMEM :
		    GZ_OK;
	}
	date_format(&d, r->created, 0);
	printf("%4d  %s  %-16s %s\n", r->number, buf_cstr(&d), r->actor,
	    r->note ? r->note : "");
	buf_free(&d);
	return GZ_OK;
}

int
cmd_article(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"lang", required_argument, NULL, 'l'},
		{"channel", required_argument, NULL, 'c'},
		{"slug", required_argument, NULL, 's'},
		{"title", required_argument, NULL, 't'},
		{"subtitle", required_argument, NULL, 'u'},
		{"author", required_argument, NULL, 'a'},
		{"source", required_argument, NULL, 'o'},
		{"summary", required_argument, NULL, 'm'},
		{"tags", required_argument, NULL, 'g'},
		{"date", required_argument, NULL, 'd'},
		{"weight", required_argument, NULL, 'w'},
		{"status", required_argument, NULL, 'x'},
		{"format", required_argument, NULL, 'f'},
		{"translation-key", required_argument, NULL, 'k'},
		{"body", required_argument, NULL, 'b'},
		{"expire", required_argument, NULL, 'e'},
		{"limit", required_argument, NULL, 'L'},
		{"offset", required_argument, NULL, 'O'},
		{"purge", no_argument, NULL, 'P'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	const char *sub = argc > 1 ? argv[1] : "";
	struct fields f = {0};
	struct article a;
	struct article_filter filt = {0};
	struct channel ch = {0};
	long limit = 0, offset = 0, num;
	json_t *arr = NULL;
	int opt, rc, nargs, first = 1;

	static const char *const subs[] = {"add", "edit", "show", "list", "rm",
	    "revisions", "restore", NULL};
	for (nargs = 0; subs[nargs] && strcmp(subs[nargs], sub); nargs++)
		;
	if (subs[nargs] == NULL)
		return cli_usage(usage, strcmp(sub, "--help") == 0 ||
		    strcmp(sub, "-h") == 0);
	optind = 2;
	while ((opt = getopt_long(argc, argv, "hl:c:s:t:a:b:", opts,
	    NULL)) != -1) {
		switch (opt) {
		case 'l': f.lang = optarg; break;
		case 'c': f.channel = optarg; break;
		case 's': f.slug = optarg; break;
		case 't': f.title = optarg; break;
		case 'u': f.subtitle = optarg; break;
		case 'a': f.author = optarg; break;
		case 'o': f.source = optarg; break;
		case 'm': f.summary = optarg; break;
		case 'g': f.tags = optarg; break;
		case 'd': f.date = optarg; break;
		case 'w': f.weight = optarg; break;
		case 'x': f.status = optarg; break;
		case 'f': f.format = optarg; break;
		case 'k': f.tkey = optarg; break;
		case 'b': f.body = optarg; break;
		case 'e': f.expire = optarg; break;
		case 'P': f.purge = 1; break;
		case 'L':
			if ((rc = cli_parse_int("--limit", optarg, 0,
			    1000000000, &limit)))
				return rc;
			break;
		case 'O':
			if ((rc = cli_parse_int("--offset", optarg, 0,
			    1000000000, &offset)))
				return rc;
			break;
		case 'J': c->json = 1; break;
		case 'S': c->site_name = optarg; break;
		case 'h': return cli_usage(usage, 1);
		default: return cli_usage(usage, 0);
		}
	}
	nargs = argc - optind;
	if ((strcmp(sub, "add") == 0 || strcmp(sub, "list") == 0) ?
	    nargs != 0 : strcmp(sub, "restore") == 0 ? nargs != 2 :
	    nargs != 1)
		return cli_usage(usage, 0);
	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	article_init(&a);

	if (strcmp(sub, "list") == 0) {
		filt.site_id = c->site.id;
		filt.lang = f.lang;
		filt.status = -1;
		filt.limit = limit;
		filt.offset = offset;
		if (f.status && (filt.status = article_status_parse(f.status)) < 0) {
			cli_err("--status: \"%s\" is not one of draft, review, "
			    "approved, published, offline", f.status);
			return EXIT_USAGE;
		}
		if (f.channel) {
			if ((rc = cli_channel(c, f.lang, f.channel, &ch)))
				return rc;
			filt.channel_id = ch.id;
			channel_clear(&ch);
		}
		if (c->json)
			fputs("[", stdout);
		rc = store_article_list(c->st, &filt, list_one,
		    c->json ? &first : NULL);
		if (c->json)
			fputs(first ? "]\n" : "\n]\n", stdout);
		if (rc) {
			cli_err("cannot list articles: %s",
			    store_errmsg(c->st));
			return cli_exit_code(rc);
		}
		return EXIT_OK;
	}

	if (strcmp(sub, "add") == 0) {
		if (f.channel == NULL || f.title == NULL) {
			cli_err("article add: give --channel and --title");
			return EXIT_USAGE;
		}
		a.site_id = c->site.id;
		a.status = ARTICLE_DRAFT;
		a.date_offset = site_utc_offset(&c->site);
		a.date = store_now();
		if (article_set(&a.lang, f.lang ? f.lang :
		    c->site.default_lang))
			rc = EXIT_FAIL;
		if (!rc && f.lang == NULL)
			f.lang = a.lang;
		if (!rc)
			rc = apply_fields(c, &f, &a);
		if (!rc && a.slug == NULL && (a.slug = article_make_slug(&a)) == NULL)
			rc = EXIT_FAIL;
		if (!rc && a.body == NULL && article_set(&a.body, ""))
			rc = EXIT_FAIL;
		if (!rc)
			rc = article_save(c, &a, 1);
		if (!rc)
			rc = cli_republish(c, &a.id, 1);
		article_clear(&a);
		return rc;
	}

	if ((rc = cli_article(c, argv[optind], &a)))
		return rc;
	if (strcmp(sub, "edit") == 0) {
		if ((rc = apply_fields(c, &f, &a)) == EXIT_OK &&
		    (rc = article_save(c, &a, 0)) == EXIT_OK)
			rc = cli_republish(c, &a.id, 1);
	} else if (strcmp(sub, "show") == 0) {
		rc = show(c, &a);
	} else if (strcmp(sub, "rm") == 0) {
		rc = f.purge ? store_article_purge(c->st, a.id, cli_actor()) :
		    store_article_delete(c->st, a.id, cli_actor());
		if (rc)
			cli_err("cannot remove article %lld: %s",
			    (long long)a.id, store_errmsg(c->st));
		else
			printf("%s article %lld %s/%s/%s\n", f.purge ?
			    "deleted" : "moved to the trash:", (long long)a.id,
			    a.lang, a.channel, a.slug);
		rc = cli_exit_code(rc);
		if (rc == EXIT_OK)
			rc = cli_republish(c, &a.id, 1);
	} else if (strcmp(sub, "revisions") == 0) {
		if (c->json && (arr = json_array()) == NULL)
			rc = GZ_ENOMEM;
		if (!rc)
			rc = store_revision_list(c->st, a.id, print_revision,
			    arr);
		if (rc) {
			json_decref(arr);
			cli_err("cannot list revisions: %s",
			    store_errmsg(c->st));
			rc = cli_exit_code(rc);
		} else if (arr) {
			rc = cli_json_print(arr);
		}
	} else {
		if ((rc = cli_parse_int("REVISION", argv[optind + 1], 1,
		    1000000000, &num)) == EXIT_OK) {
			rc = store_article_restore(c->st, a.id, (int)num,
			    cli_actor());
			if (rc == GZ_ENOTFOUND)
				cli_err("article %lld has no revision %ld; "
				    "`gazette article revisions %lld` lists "
				    "them", (long long)a.id, num,
				    (long long)a.id);
			else if (rc)
				cli_err("cannot restore: %s",
				    store_errmsg(c->st));
			else
				printf("restored revision %ld of article %lld "
				    "as a new revision\n", num,
				    (long long)a.id);
			rc = cli_exit_code(rc);
			if (rc == EXIT_OK)
				rc = cli_republish(c, &a.id, 1);
		}
	}
	article_clear(&a);
	return rc;
}
