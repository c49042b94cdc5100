/*
 * admin_view_content: what the pages of writing show beyond the article
 * form (admin_view.c): the checks and versions beside an article, its
 * revisions and their comparison, the media library and the sensitive
 * words.  Each takes the answer of the JSON API for the same thing and
 * adds what the template needs (docs/admin-pages.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "admin_int.h"
#include "err.h"
#include "escape.h"
#include "library.h"

static int
site_offset(const struct admin_req *r)
{
	return site_utc_offset(&r->site);
}

/* r->out of the API call on path under /api/articles (taken), or NULL
 * when it failed (r->status says how). */
static json_t *
api_article(struct admin_req *r, const char *id, const char *rest)
{
	struct buf p = BUF_INIT;
	int rc;

	buf_printf(&p, "/%s%s", id, rest);
	rc = buf_error(&p) ? GZ_ENOMEM : admin_articles(r, buf_cstr(&p));
	buf_free(&p);
	if (rc || r->status >= 400)
		return NULL;
	return page_take(r);
}

static void
label(struct admin_req *r, json_t *o, const char *prefix, const char *k,
    const char *to)
{
	char key[64];

	snprintf(key, sizeof key, "%s%s", prefix, page_str(o, k));
	json_object_set_new(o, to, json_string(page_tr(r, key)));
}

/* Revisions newest first, with their time in words. */
static json_t *
revisions_of(struct admin_req *r, json_t *answer, const char *id)
{
	json_t *in = json_object_get(answer, "revisions"), *out = json_array();
	json_t *v;
	size_t i, n = json_array_size(in);
	char url[160];

	for (i = n; out && i-- > 0;) {
		v = json_deep_copy(json_array_get(in, i));
		json_object_set_new(v, "at_text", page_time_text(
		    json_integer_value(json_object_get(v, "at")),
		    site_offset(r)));
		snprintf(url, sizeof url, "/admin/articles/%s/revisions/%lld/"
		    "restore", id, (long long)json_integer_value(
		    json_object_get(v, "number")));
		json_object_set_new(v, "restore_url", json_string(url));
		snprintf(url, sizeof url, "/admin/articles/%s/revisions#rev-%lld",
		    id, (long long)json_integer_value(json_object_get(v,
		    "number")));
		json_object_set_new(v, "url", json_string(url));
		json_object_set_new(v, "from_default", json_boolean(i + 2 == n));
		json_object_set_new(v, "to_default", json_boolean(i + 1 == n));
		json_array_append_new(out, v);
	}
	return out;
}

int
view_article_extra(struct admin_req *r, const char *id, json_t *page)
{
	json_t *ans, *f, *revs, *work = json_object_get(page, "work");
	struct media_filter mf = {0};
	json_t *sel, *files, *v;
	const char *st = page_str(work, "state");
	int levels = (int)json_integer_value(json_object_get(work, "levels"));
	int level = (int)json_integer_value(json_object_get(work, "level"));
	char url[120];
	size_t i;

	/* The checks, on what a submit would send now. */
	if ((ans = api_article(r, id, "/checks")) != NULL) {
		f = json_object_get(ans, "findings");
		json_array_foreach(f, i, v) {
			const char *c = page_str(v, "check");
			label(r, v, "check_", "check", "check_text");
			label(r, v, "field_", "field", "field_text");
			/* What it means, in the page's language. */
			if (strcmp(c, "duplicate_title") == 0) {
				char m[400];
				snprintf(m, sizeof m, "%s%lld (%s)%s",
				    page_tr(r, "check_msg_duplicate_title_prefix"),
				    (long long)json_integer_value(json_object_get(v,
				    "other_id")), page_str(v, "other_path"),
				    page_tr(r, "check_msg_duplicate_title_suffix"));
				json_object_set_new(v, "message", json_string(m));
			} else {
				label(r, v, "check_msg_", "check", "message");
			}
			/* Not on a line of the text: the whole field. */
			if (strcmp(c, "required") == 0 ||
			    strcmp(c, "duplicate_title") == 0)
				json_object_del(v, "line");
		}
		json_object_set(page, "checks", f);
		json_object_set_new(page, "has_checks",
		    json_boolean(json_array_size(f) > 0));
		json_object_set_new(page, "submit_needs_confirm",
		    json_boolean(json_array_size(f) > 0));
		/* The action that publishes now: the last level's approval,
		 * or a submit without review. */
		json_object_set_new(page, "publish_needs_reason", json_boolean(
		    json_array_size(f) > 0 && ((strcmp(st, "review") == 0 &&
		    level == levels) || (strcmp(st, "review") != 0 &&
		    levels == 0))));
		json_decref(ans);
	} else {
		json_object_set_new(page, "checks_failed", json_true());
	}
	r->status = 200;
	/* The last versions. */
	if ((ans = api_article(r, id, "/revisions")) != NULL) {
		revs = revisions_of(r, ans, id);
		json_object_set_new(page, "revisions_count", json_integer(
		    (json_int_t)json_array_size(revs)));
		while (json_array_size(revs) > 5)
			json_array_remove(revs, 5);
		json_object_set_new(page, "revisions", revs);
		json_decref(ans);
	}
	r->status = 200;
	snprintf(url, sizeof url, "/admin/articles/%s/revisions", id);
	json_object_set_new(page, "revisions_url", json_string(url));
	snprintf(url, sizeof url, "/admin/articles/%s/preview", id);
	json_object_set_new(page, "preview_url", json_string(url));
	json_object_set_new(page, "media_url", json_string("/admin/media"));
	/* The files that may be attached, the attached ones selected. */
	sel = json_object_get(json_object_get(json_object_get(page,
	    "pending") && !json_is_null(json_object_get(page, "pending")) ?
	    json_object_get(page, "pending") : json_object_get(page,
	    "article"), "extra"), "attachments");
	files = json_array();
	json_object_set_new(page, "attachments", json_array());
	mf.site_id = r->site.id;
	mf.kind = 2;
	mf.limit = 300;
	json_object_set_new(page, "files", files);
	return admin_media_files(r, &mf, sel, files, json_object_get(page,
	    "attachments"));
}

/* GET /admin/articles/ID/revisions */
int
view_revisions(struct admin_req *r, const char *id)
{
	json_t *ans = api_article(r, id, "/revisions"), *art, *page;
	char url[120];

	if (ans == NULL)
		return page_error(r);
	r->status = 200;
	if ((art = api_article(r, id, "")) == NULL) {
		json_decref(ans);
		return page_error(r);
	}
	snprintf(url, sizeof url, "/admin/articles/%s", id);
	page = json_pack("{s{sO ss ss} so sb ss}", "article", "id",
	    json_object_get(json_object_get(art, "article"), "id"), "title",
	    page_str(json_object_get(art, "article"), "title"), "url", url,
	    "revisions", revisions_of(r, ans, id), "can_edit", 0, "diff_url",
	    "");
	{
		json_t *x;
		size_t i;
		json_array_foreach(json_object_get(art, "actions"), i, x)
			if (strcmp(json_string_value(x), "edit") == 0)
				json_object_set_new(page, "can_edit",
				    json_true());
	}
	snprintf(url, sizeof url, "/admin/articles/%s/diff", id);
	json_object_set_new(page, "diff_url", json_string(url));
	json_decref(ans);
	json_decref(art);
	return page_render(r, "revisions", "title_revisions", page, 200);
}

/* GET /admin/articles/ID/diff?from=N&to=M */
int
view_diff(struct admin_req *r, const char *id)
{
	json_t *ans = api_article(r, id, "/diff"), *revs, *art, *page, *fl, *v;
	json_t *row;
	size_t i, k;
	char url[120];

	if (ans == NULL)
		return page_error(r);
	r->status = 200;
	if ((revs = api_article(r, id, "/revisions")) == NULL ||
	    (art = api_article(r, id, "")) == NULL) {
		json_decref(ans);
		json_decref(revs);
		return page_error(r);
	}
	snprintf(url, sizeof url, "/admin/articles/%s", id);
	page = json_pack("{s{sO ss ss} so}", "article", "id", json_object_get(
	    json_object_get(art, "article"), "id"), "title", page_str(
	    json_object_get(art, "article"), "title"), "url", url, "fields",
	    json_incref(json_object_get(ans, "fields")));
	snprintf(url, sizeof url, "/admin/articles/%s/revisions", id);
	json_object_set_new(page, "revisions_url", json_string(url));
	json_array_foreach(json_object_get(revs, "revisions"), i, v) {
		json_int_t n = json_integer_value(json_object_get(v, "number"));
		const char *side = n == json_integer_value(json_object_get(ans,
		    "from")) ? "from" : n == json_integer_value(
		    json_object_get(ans, "to")) ? "to" : NULL;
		if (side)
			json_object_set_new(page, side, json_pack("{sI so ss}",
			    "number", n, "at_text", page_time_text(
			    json_integer_value(json_object_get(v, "at")),
			    site_offset(r)), "actor", page_str(v, "actor")));
	}
	fl = json_object_get(page, "fields");
	json_object_set_new(page, "no_changes",
	    json_boolean(json_array_size(fl) == 0));
	json_array_foreach(fl, i, v) {
		label(r, v, "field_", "field", "field_text");
		json_array_foreach(json_object_get(v, "rows"), k, row) {
			const char *kind = page_str(row, "kind");
			json_object_set_new(row, kind, json_true());
			/* Absent, not 0: Mustache would find an outer key. */
			if (json_integer_value(json_object_get(row, "folded")) == 0)
				json_object_del(row, "folded");
			if (json_integer_value(json_object_get(row, "left_line")) == 0)
				json_object_del(row, "left_line");
			if (json_integer_value(json_object_get(row, "right_line")) == 0)
				json_object_del(row, "right_line");
		}
	}
	json_decref(ans);
	json_decref(revs);
	json_decref(art);
	return page_render(r, "diff", "title_diff", page, 200);
}

/* GET /admin/media */
int
view_media(struct admin_req *r)
{
	json_t *page, *v, *f;
	const char *q = http_request_arg(r->req, "q"), *kind =
	    http_request_arg(r->req, "kind"), *unused = http_request_arg(
	    r->req, "unused");
	struct buf url = BUF_INIT;
	size_t i;
	int rc;

	if ((rc = admin_media(r, "")))
		return rc;
	if (r->status >= 400)
		return page_error(r);
	page = page_take(r);
	json_array_foreach(json_object_get(page, "media"), i, v) {
		int w = (int)json_integer_value(json_object_get(v, "width"));
		char del[80];
		if (json_is_true(json_object_get(v, "image"))) {
			/* The smallest size there is, for the thumbnail. */
			struct media m = {0};
			m.hash = (char *)page_str(v, "hash");
			m.ext = (char *)page_str(v, "ext");
			buf_reset(&url);
			library_url(&url, &m, w > 480 ? 480 : 0);
			json_object_set_new(v, "thumb_url",
			    json_string(buf_cstr(&url)));
		}
		json_object_set_new(v, "created_text", page_time_text(
		    json_integer_value(json_object_get(v, "created")),
		    site_offset(r)));
		json_object_set_new(v, "type", json_string(page_str(v,
		    strcmp(r->lang, "zh") == 0 ? "label_zh" : "label_en")));
		json_object_set_new(v, "can_delete", json_boolean(
		    admin_is_admin(r, r->site.id) &&
		    !json_is_true(json_object_get(v, "used"))));
		snprintf(del, sizeof del, "/admin/media/%lld/delete", (long long)
		    json_integer_value(json_object_get(v, "id")));
		json_object_set_new(v, "delete_url", json_string(del));
	}
	f = json_pack("{ss ss sb sb sb}", "q", q ? q : "", "kind", kind ? kind :
	    "", "unused", unused && strcmp(unused, "1") == 0, "kind_image",
	    kind && strcmp(kind, "image") == 0, "kind_file", kind &&
	    strcmp(kind, "file") == 0);
	if (http_request_arg(r->req, "per_page"))
		json_object_set_new(f, "per_page", json_string(
		    http_request_arg(r->req, "per_page")));
	json_object_set_new(page, "filters", f);
	{
		static const char *const keys[] = {"q", "kind", "unused",
		    "per_page", NULL};
		page_pagination(page, "/admin/media", keys);
	}
	buf_reset(&url);
	buf_puts(&url, "/admin/media?csrf=");
	escape_url(&url, r->sess.csrf, strlen(r->sess.csrf));
	json_object_set_new(page, "upload_url", json_string(buf_cstr(&url)));
	{
		struct buf one = BUF_INIT;
		char n[16];
		snprintf(n, sizeof n, "%u", LIBRARY_IMAGE_MAX >> 20);
		page_tr_fill(&one, page_tr(r, "media_limits"), "image", n);
		snprintf(n, sizeof n, "%u", LIBRARY_FILE_MAX >> 20);
		buf_reset(&url);
		page_tr_fill(&url, buf_cstr(&one), "file", n);
		buf_free(&one);
	}
	json_object_set_new(page, "limits_text", json_string(buf_cstr(&url)));
	buf_free(&url);
	return page_render(r, "media", "title_media", page, 200);
}

/* GET /admin/wordlist */
int
view_wordlist(struct admin_req *r)
{
	json_t *page;
	int rc;

	if ((rc = admin_wordlist(r)))
		return rc;
	if (r->status >= 400)
		return page_error(r);
	page = page_take(r);
	json_object_set_new(page, "site_name", json_string(r->site.name));
	return page_render(r, "wordlist", "title_wordlist", page, 200);
}
