/*
 * admin_revision: an article's saved versions, through the admin.
 *
 *   GET  /api/articles/ID/revisions             every saved version
 *   GET  /api/articles/ID/revisions/N           one, with its fields
 *   POST /api/articles/ID/revisions/N/restore   save it again, as new
 *   GET  /api/articles/ID/diff?from=N&to=M      two, side by side
 *
 * Every save is a revision (store_article_update() archives the version
 * it replaces; a live article's pending saves are kept by
 * store_revision_pending()).  Numbers above the article's own are pending
 * versions that have not been on the site.  Restoring goes through the
 * same save as an edit, so the workflow decides whether it may happen
 * and a live article's restored version waits for review like any edit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_int.h"
#include "article_json.h"
#include "diff.h"
#include "err.h"

struct rev_list {
	json_t *arr;
	int current;
};

static int
rev_row(const struct revision *v, void *arg)
{
	struct rev_list *l = arg;

	return json_array_append_new(l->arr, json_pack("{si sI ss ss? sb sb}",
	    "number", v->number, "at", (json_int_t)v->created, "actor",
	    v->actor ? v->actor : "", "note", v->note, "current",
	    v->number == l->current, "pending", v->number > l->current)) ?
	    GZ_ENOMEM : GZ_OK;
}

static int
rev_list(struct admin_req *r, struct art *x)
{
	struct rev_list l = {json_array(), x->a.revision};
	int rc;

	if (l.arr == NULL)
		return GZ_ENOMEM;
	if ((rc = store_revision_list(r->st, x->a.id, rev_row, &l))) {
		json_decref(l.arr);
		return rc == GZ_ENOMEM ? rc : admin_fail(r, 500, "%s",
		    store_errmsg(r->st));
	}
	return admin_json(r, 200, json_pack("{sI si so}", "article",
	    (json_int_t)x->a.id, "current", x->a.revision, "revisions",
	    l.arr));
}

/* Revision n of x as article JSON (with its body); NULL, answered, when
 * there is no such revision. */
static json_t *
rev_json(struct admin_req *r, struct art *x, long n, int *rc)
{
	struct article a;
	json_t *j = NULL;

	*rc = GZ_OK;
	article_init(&a);
	if (n < 1 || n > 1000000000L) {
		*rc = admin_fail(r, 404, "article %lld has no revision %ld",
		    (long long)x->a.id, n);
		return NULL;
	}
	switch (store_revision_load(r->st, x->a.id, (int)n, &a)) {
	case GZ_OK:
		if ((j = article_to_json(&a, ARTICLE_JSON_BODY)) == NULL)
			*rc = GZ_ENOMEM;
		break;
	case GZ_ENOTFOUND:
		*rc = admin_fail(r, 404, "article %lld has no revision %ld",
		    (long long)x->a.id, n);
		break;
	case GZ_ENOMEM:
		*rc = GZ_ENOMEM;
		break;
	default:
		*rc = admin_fail(r, 500, "%s", store_errmsg(r->st));
	}
	article_clear(&a);
	return j;
}

static int
rev_restore(struct admin_req *r, struct art *x, long n)
{
	json_t *j, *f;
	char note[48];
	int rc;

	if ((j = rev_json(r, x, n, &rc)) == NULL)
		return rc;
	/* The address of an article that has been on the site stays. */
	f = art_fields(j, x->a.status == ARTICLE_DRAFT);
	json_decref(j);
	if (f == NULL)
		return GZ_ENOMEM;
	snprintf(note, sizeof note, "restored revision %ld", n);
	rc = art_save(r, x, f, note);
	json_decref(f);
	if (rc == GZ_OK && r->status < 400)
		admin_audit(r, "restore", "article", x->a.id, note);
	return rc;
}

/* The fields compared, in the order shown. */
static const char *const compared[] = {
	"title", "subtitle", "author", "source", "summary", "tags", "body",
	NULL,
};

static const char *
diff_kind_name(enum diff_kind k)
{
	switch (k) {
	case DIFF_SAME: return "same";
	case DIFF_CHANGE: return "change";
	case DIFF_DEL: return "del";
	case DIFF_ADD: return "add";
	}
	return "same";
}

/* A field's value as text to compare: strings as they are, tags one a
 * line. */
static char *
field_text(const json_t *a, const char *k)
{
	json_t *v = json_object_get(a, k), *t;
	struct buf b = BUF_INIT;
	size_t i;

	if (json_is_string(v))
		buf_puts(&b, json_string_value(v));
	else if (json_is_array(v))
		json_array_foreach(v, i, t)
			if (json_is_string(t))
				buf_printf(&b, "%s\n", json_string_value(t));
	buf_putc(&b, '\0');
	if (buf_error(&b)) {
		buf_free(&b);
		return NULL;
	}
	return buf_detach(&b, NULL);
}

static json_t *
field_diff(const json_t *a, const json_t *b, const char *k, int *rc)
{
	char *ta = field_text(a, k), *tb = field_text(b, k);
	struct diff d = {0};
	json_t *rows = NULL, *o = NULL;
	size_t i;

	*rc = GZ_ENOMEM;
	if (ta == NULL || tb == NULL)
		goto out;
	*rc = GZ_OK;
	if (strcmp(ta, tb) == 0)
		goto out; /* unchanged fields are not listed */
	if ((*rc = diff_texts(ta, strlen(ta), tb, strlen(tb), &d)) ||
	    (*rc = diff_fold(&d, 3)))
		goto out;
	if ((rows = json_array()) == NULL) {
		*rc = GZ_ENOMEM;
		goto out;
	}
	for (i = 0; i < d.n; i++) {
		const struct diff_row *w = &d.rows[i];
		json_t *row = json_pack("{ss sI sI ss? ss? sI}", "kind",
		    diff_kind_name(w->kind), "left_line",
		    (json_int_t)w->left_line, "right_line",
		    (json_int_t)w->right_line, "left_html", w->left_html,
		    "right_html", w->right_html, "folded",
		    (json_int_t)w->folded);
		if (row == NULL || json_array_append_new(rows, row)) {
			*rc = GZ_ENOMEM;
			goto out;
		}
	}
	o = json_pack("{ss sO sI sI}", "field", k, "rows", rows, "added",
	    (json_int_t)d.added, "removed", (json_int_t)d.removed);
	if (o == NULL)
		*rc = GZ_ENOMEM;
out:
	json_decref(rows);
	diff_free(&d);
	free(ta);
	free(tb);
	return o;
}

static int
rev_diff(struct admin_req *r, struct art *x)
{
	int64_t from = 0, to = 0;
	json_t *a = NULL, *b = NULL, *fields = NULL, *f;
	int rc = GZ_OK, i;

	if (admin_arg_int(r, "from", 1, 1000000000, &from) ||
	    admin_arg_int(r, "to", 1, 1000000000, &to))
		return GZ_OK;
	if (from == 0 || to == 0)
		return admin_fail(r, 400, "from, to: give the numbers of the "
		    "two revisions to compare");
	if ((a = rev_json(r, x, (long)from, &rc)) == NULL ||
	    (b = rev_json(r, x, (long)to, &rc)) == NULL)
		goto out;
	if ((fields = json_array()) == NULL) {
		rc = GZ_ENOMEM;
		goto out;
	}
	for (i = 0; compared[i]; i++) {
		if ((f = field_diff(a, b, compared[i], &rc)) != NULL)
			json_array_append_new(fields, f);
		if (rc)
			goto out;
	}
	rc = admin_json(r, 200, json_pack("{sI sI sI sO}", "article",
	    (json_int_t)x->a.id, "from", (json_int_t)from, "to",
	    (json_int_t)to, "fields", fields));
out:
	json_decref(a);
	json_decref(b);
	json_decref(fields);
	return rc;
}

int
admin_revisions(struct admin_req *r, struct art *x, const char *rest)
{
	const char *m = r->req->method;
	int get = strcmp(m, "GET") == 0 || strcmp(m, "HEAD") == 0;
	char *end;
	long n;
	json_t *j;
	int rc;

	if (strcmp(rest, "/diff") == 0) {
		if (!get)
			return admin_fail(r, 405, "a diff takes GET");
		return rev_diff(r, x);
	}
	if (strcmp(rest, "/revisions") == 0) {
		if (!get)
			return admin_fail(r, 405, "revisions take GET");
		return rev_list(r, x);
	}
	if (strncmp(rest, "/revisions/", 11) != 0)
		return admin_fail(r, 404, "no such page of an article");
	n = strtol(rest + 11, &end, 10);
	if (end == rest + 11)
		return admin_fail(r, 404, "no revision \"%s\"", rest + 11);
	if (strcmp(end, "/restore") == 0) {
		if (strcmp(m, "POST") != 0)
			return admin_fail(r, 405, "restoring takes POST");
		return rev_restore(r, x, n);
	}
	if (*end != '\0')
		return admin_fail(r, 404, "no such page of a revision");
	if (!get)
		return admin_fail(r, 405, "a revision takes GET");
	if ((j = rev_json(r, x, n, &rc)) == NULL)
		return rc;
	return admin_json(r, 200, json_pack("{si sb so}", "number", (int)n,
	    "pending", n > x->a.revision, "article", j));
}
