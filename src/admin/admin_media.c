/*
 * admin_media: the media library through the admin, and the cleaning of
 * pasted bodies.
 *
 *   POST /api/media             multipart/form-data, field "file" (one
 *                               or more): kept in the site's library
 *   GET  /api/media             list: q (in the name), kind (image,
 *                               file), unused (1), page, per_page
 *   GET  /api/media/ID          one file, with the articles using it
 *   POST /api/media/ID/delete   remove a file no article uses
 *   POST /api/convert           from (html, markdown), body: the HTML a
 *                               save would keep, pasted images (data:
 *                               URLs) kept in the library
 *
 * Who writes (editors of a channel of the site, its administrators)
 * uploads; who administers the site removes.  A file's type comes from
 * its bytes (sniff.c), never from its name or the browser.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <sodium.h>

#include "admin_int.h"
#include "article_json.h"
#include "err.h"
#include "library.h"
#include "markdown.h"
#include "multipart.h"
#include "sanitize.h"
#include "sniff.h"

/* Whether r's user may add files to site s: its administrators, and who
 * may edit or manage one of its channels. */
struct may {
	int64_t site_id;
	int yes;
};

static int
may_row(const struct permission *p, void *arg)
{
	struct may *m = arg;

	if (p->site_id == m->site_id && (strcmp(p->can, "edit") == 0 ||
	    strcmp(p->can, "manage") == 0))
		m->yes = 1;
	return GZ_OK;
}

static int
may_upload(struct admin_req *r, const struct site *s)
{
	struct may m = {s->id, 0};

	if (admin_is_admin(r, s->id))
		return 1;
	if (store_permission_list(r->st, r->user.id, may_row, &m))
		return 0;
	return m.yes;
}

static json_t *
media_json(const struct media *m)
{
	struct buf url = BUF_INIT, set = BUF_INIT, size = BUF_INIT;
	json_t *o;

	library_url(&url, m, 0);
	library_srcset(&set, m);
	library_size_text(&size, m->size);
	o = json_pack("{sI ss ss ss ss sI ss ss ss ss si si sI ss sb sb}",
	    "id", (json_int_t)m->id, "hash", m->hash, "name", m->name, "type",
	    m->mime, "ext", m->ext, "size", (json_int_t)m->size, "size_text",
	    buf_cstr(&size), "label_en", library_type_label(m->ext, "en"),
	    "label_zh", library_type_label(m->ext, "zh"), "url",
	    buf_cstr(&url), "width", m->width, "height", m->height, "created",
	    (json_int_t)m->created, "uploader", m->uploader ? m->uploader : "",
	    "image", strncmp(m->mime, "image/", 6) == 0, "used", m->used);
	if (o && set.len)
		json_object_set_new(o, "srcset", json_string(buf_cstr(&set)));
	buf_free(&url);
	buf_free(&set);
	buf_free(&size);
	return o;
}

/* --- upload ---------------------------------------------------------------- */

struct upload {
	struct admin_req *r;
	const struct site *s;
	struct buf data;
	char *name;
	int in_file;        /* the part is a file of field "file" */
	json_t *files;      /* what was kept */
	int failed;         /* answered with an error */
};

static int
up_begin(const struct multipart_part *p, void *arg)
{
	struct upload *u = arg;

	buf_reset(&u->data);
	free(u->name);
	u->name = NULL;
	u->in_file = p->name && strcmp(p->name, "file") == 0 && p->filename;
	if (u->in_file && (u->name = strdup(*p->filename ? p->filename :
	    "file")) == NULL)
		return GZ_ENOMEM;
	return GZ_OK;
}

static int
up_data(const char *data, size_t n, void *arg)
{
	struct upload *u = arg;

	if (!u->in_file)
		return GZ_OK;
	if (u->data.len + n > LIBRARY_FILE_MAX + 1)
		return GZ_OK; /* library_add() says it is too big */
	buf_put(&u->data, data, n);
	return buf_error(&u->data) ? GZ_ENOMEM : GZ_OK;
}

static int
up_end(void *arg)
{
	struct upload *u = arg;
	struct buf why = BUF_INIT;
	struct media m = {0};
	int existed = 0, rc;

	if (!u->in_file || u->failed)
		return GZ_OK;
	rc = library_add(u->r->st, u->r->a->o.site_dir, u->s->id, u->data.data,
	    u->data.len, u->name, u->r->user.name, &m, &existed, &why);
	if (rc == GZ_OK) {
		json_t *j = media_json(&m);
		if (j)
			json_object_set_new(j, "existed", json_boolean(existed));
		rc = j == NULL || json_array_append_new(u->files, j) ?
		    GZ_ENOMEM : GZ_OK;
		if (rc == GZ_OK && !existed)
			admin_audit(u->r, "upload", "media", m.id, m.name);
	} else if (rc != GZ_ENOMEM) {
		admin_fail(u->r, rc == GZ_ETOOBIG ? 413 : rc == GZ_EINVAL ?
		    415 : 500, "%s", buf_cstr(&why));
		u->failed = 1;
		rc = GZ_OK;
	}
	media_clear(&m);
	buf_free(&why);
	return rc;
}

static int
media_upload(struct admin_req *r, const struct site *s)
{
	const char *ct = http_request_header(r->req, "Content-Type");
	struct upload u = {r, s, BUF_INIT, NULL, 0, json_array(), 0};
	struct multipart_cb cb = {up_begin, up_data, up_end, &u};
	struct multipart *mp = NULL;
	struct buf why = BUF_INIT;
	int rc;

	if (u.files == NULL)
		return GZ_ENOMEM;
	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0) {
		rc = admin_fail(r, 415, "send the files as multipart/form-data "
		    "in a field named file");
		goto out;
	}
	if ((rc = multipart_new(ct, &cb, 64, &mp, &why)) ||
	    (rc = multipart_feed(mp, r->req->body, r->req->body_len, &why)) ||
	    (rc = multipart_finish(mp, &why))) {
		rc = rc == GZ_ENOMEM ? rc : admin_fail(r, 400, "%s",
		    buf_cstr(&why));
		goto out;
	}
	if (u.failed)
		goto out; /* answered */
	if (json_array_size(u.files) == 0) {
		rc = admin_fail(r, 400, "file: no file was sent; choose one");
		goto out;
	}
	rc = admin_json(r, 201, json_pack("{sO sO}", "media",
	    json_array_get(u.files, 0), "files", u.files));
out:
	multipart_free(mp);
	json_decref(u.files);
	buf_free(&u.data);
	buf_free(&why);
	free(u.name);
	return rc;
}

/* --- list, show, delete --------------------------------------------------- */

static int
list_row(const struct media *m, void *arg)
{
	json_t *j = media_json(m);

	return j == NULL || json_array_append_new(arg, j) ? GZ_ENOMEM : GZ_OK;
}

static int
media_list(struct admin_req *r, const struct site *s)
{
	struct media_filter f = {0};
	const char *kind = admin_arg(r, "kind"), *unused = admin_arg(r,
	    "unused");
	int64_t page = 1, per = 50;
	long total = 0;
	json_t *arr;
	int rc;

	if (admin_arg_int(r, "page", 1, 100000, &page) ||
	    admin_arg_int(r, "per_page", 1, 500, &per))
		return GZ_OK;
	f.site_id = s->id;
	f.q = admin_arg(r, "q");
	f.kind = kind && strcmp(kind, "image") == 0 ? 1 : kind &&
	    strcmp(kind, "file") == 0 ? 2 : 0;
	f.unused = unused && strcmp(unused, "1") == 0;
	f.limit = per;
	f.offset = (page - 1) * per;
	if ((arr = json_array()) == NULL)
		return GZ_ENOMEM;
	if ((rc = store_media_list(r->st, &f, list_row, arr, &total))) {
		json_decref(arr);
		return rc == GZ_ENOMEM ? rc : admin_fail(r, 500, "%s",
		    store_errmsg(r->st));
	}
	return admin_json(r, 200, json_pack("{ss sI sI sI so}", "site",
	    s->name, "total", (json_int_t)total, "page", (json_int_t)page,
	    "per_page", (json_int_t)per, "media", arr));
}

static int
media_one(struct admin_req *r, const struct site *s, const char *rest)
{
	struct media m = {0};
	char *end;
	long long id = strtoll(rest, &end, 10);
	int rc;

	if (id <= 0 || (*end && strcmp(end, "/delete") != 0))
		return admin_fail(r, 404, "no media file \"%s\"", rest);
	if (store_media_get_id(r->st, id, &m) || m.site_id != s->id) {
		media_clear(&m);
		return admin_fail(r, 404, "no media file %lld in site %s", id,
		    s->name);
	}
	if (*end == '\0') {
		rc = admin_json(r, 200, json_pack("{so}", "media",
		    media_json(&m)));
	} else if (strcmp(r->req->method, "POST") != 0) {
		rc = admin_fail(r, 405, "deleting takes POST");
	} else if (!admin_is_admin(r, s->id)) {
		rc = admin_fail(r, 403, "only an administrator of site %s "
		    "removes files", s->name);
	} else if ((rc = store_media_del(r->st, m.id)) == GZ_EBUSY) {
		rc = admin_fail(r, 409, "%s is used by an article; take it "
		    "out of the article first", m.name);
	} else if (rc) {
		rc = admin_fail(r, 500, "%s", store_errmsg(r->st));
	} else {
		library_remove(r->a->o.site_dir, &m);
		admin_audit(r, "delete", "media", m.id, m.name);
		rc = admin_json(r, 200, json_pack("{sb}", "deleted", 1));
	}
	media_clear(&m);
	return rc;
}

int
admin_media(struct admin_req *r, const char *rest)
{
	struct site s = {0};
	int rc;

	if (admin_site(r, &s))
		return GZ_OK;
	if (!may_upload(r, &s)) {
		rc = admin_fail(r, 403, "only who writes in site %s uses its "
		    "media library", s.name);
	} else if (*rest == '\0' && strcmp(r->req->method, "POST") == 0) {
		rc = media_upload(r, &s);
	} else if (*rest == '\0') {
		rc = media_list(r, &s);
	} else {
		rc = media_one(r, &s, rest + 1);
	}
	site_clear(&s);
	return rc;
}

/* --- cleaning a body as a save would --------------------------------------- */

struct relink {
	struct admin_req *r;
	const struct site *s;
	int dropped;
	int kept;
};

/* data: URLs become files of the library; file: and other addresses the
 * server cannot read are dropped (and counted, to say so). */
static int
relink_image(const char *src, size_t n, struct buf *out, int *keep,
    void *arg)
{
	struct relink *k = arg;
	struct buf raw = BUF_INIT, why = BUF_INIT;
	struct media m = {0};
	const char *comma;
	size_t len;
	int existed, rc = GZ_OK;

	*keep = 0;
	if (n > 5 && strncmp(src, "data:", 5) == 0 &&
	    (comma = memchr(src, ',', n)) != NULL &&
	    memmem(src, (size_t)(comma - src), ";base64", 7) != NULL) {
		len = n - (size_t)(comma + 1 - src);
		if (buf_grow(&raw, len) == GZ_OK &&
		    sodium_base642bin((unsigned char *)raw.data, len,
		    comma + 1, len, " \n\r\t", &raw.len, NULL,
		    sodium_base64_VARIANT_ORIGINAL) == 0 &&
		    library_add(k->r->st, k->r->a->o.site_dir, k->s->id,
		    raw.data, raw.len, "pasted", k->r->user.name, &m,
		    &existed, &why) == GZ_OK) {
			library_url(out, &m, 0);
			*keep = 1;
			k->kept++;
		}
	} else if ((n >= 1 && src[0] == '/') || (n > 8 &&
	    strncmp(src, "https://", 8) == 0) || (n > 7 &&
	    strncmp(src, "http://", 7) == 0)) {
		*keep = 1; /* as it is */
	}
	if (!*keep)
		k->dropped++;
	media_clear(&m);
	buf_free(&raw);
	buf_free(&why);
	return rc;
}

int
admin_convert(struct admin_req *r)
{
	const char *from = admin_arg(r, "from"), *body = admin_arg(r, "body");
	struct relink k = {r, NULL, 0, 0};
	struct sanitize_opt opt = {relink_image, &k};
	struct buf md = BUF_INIT, out = BUF_INIT;
	struct site s = {0};
	int rc;

	if (body == NULL)
		return admin_fail(r, 400, "body: give the text to convert");
	if (from == NULL || (strcmp(from, "html") && strcmp(from, "markdown")))
		return admin_fail(r, 400, "from: html or markdown");
	if (admin_site(r, &s))
		return GZ_OK;
	k.s = &s;
	if (!may_upload(r, &s)) {
		rc = admin_fail(r, 403, "only who writes in site %s converts "
		    "bodies", s.name);
		goto out;
	}
	if (strcmp(from, "markdown") == 0) {
		if ((rc = markdown_to_html(&md, body, strlen(body), 0)))
			goto fail;
		body = buf_cstr(&md);
	}
	if ((rc = sanitize_html_opt(&out, body, strlen(body), &opt)) ||
	    (rc = buf_error(&out)))
		goto fail;
	rc = admin_json(r, 200, json_pack("{ss si si}", "html",
	    buf_cstr(&out), "images_kept", k.kept, "images_dropped",
	    k.dropped));
	goto out;
fail:
	rc = rc == GZ_ENOMEM ? rc : admin_fail(r, 400, "body: cannot be "
	    "converted (%s)", gz_strerror(rc));
out:
	site_clear(&s);
	buf_free(&md);
	buf_free(&out);
	return rc;
}

/* --- which files an article uses ------------------------------------------- */

struct refs {
	struct admin_req *r;
	int64_t site_id;
	int64_t *ids;
	int *attached;
	size_t n, cap;
	const char *base_url;
};

static int
refs_add(struct refs *f, const char *hash, int attached)
{
	struct media m = {0};
	size_t i;

	if (store_media_get(f->r->st, f->site_id, hash, &m)) {
		media_clear(&m);
		return GZ_OK; /* not in the library: the checks say so */
	}
	for (i = 0; i < f->n; i++)
		if (f->ids[i] == m.id) {
			f->attached[i] |= attached;
			media_clear(&m);
			return GZ_OK;
		}
	if (f->n == f->cap) {
		size_t cap = f->cap ? 2 * f->cap : 8;
		int64_t *ni = realloc(f->ids, cap * sizeof *ni);
		int *na;
		if (ni == NULL)
			return GZ_ENOMEM;
		f->ids = ni;
		if ((na = realloc(f->attached, cap * sizeof *na)) == NULL)
			return GZ_ENOMEM;
		f->attached = na;
		f->cap = cap;
	}
	f->ids[f->n] = m.id;
	f->attached[f->n++] = attached;
	media_clear(&m);
	return GZ_OK;
}

/* Every library URL in a body (Markdown or HTML alike: the URL is what
 * is looked for), and the attachments of the fields. */
static int
refs_of(struct refs *f, const struct article *a)
{
	const char *p = a->body;
	char hash[65];
	json_t *x, *v;
	size_t i;
	int rc = GZ_OK;

	while (p && (p = strstr(p, "/media/")) != NULL && rc == GZ_OK) {
		if (library_url_hash(p, NULL, hash))
			rc = refs_add(f, hash, 0);
		p += 7;
	}
	if (rc == GZ_OK && a->extra &&
	    (x = json_loads(a->extra, 0, NULL)) != NULL) {
		json_array_foreach(json_object_get(x, "attachments"), i, v)
			if (rc == GZ_OK && json_is_string(v) &&
			    strlen(json_string_value(v)) == 64)
				rc = refs_add(f, json_string_value(v), 1);
		json_decref(x);
	}
	return rc;
}

int
art_media_refs(struct admin_req *r, struct art *x)
{
	struct refs f = {r, x->a.site_id, NULL, NULL, 0, 0, NULL};
	struct article pend;
	json_t *pj;
	int rc;

	rc = refs_of(&f, &x->a);
	/* A pending version's files are in use too. */
	if (rc == GZ_OK && x->has_work && x->w.data &&
	    (pj = json_loads(x->w.data, 0, NULL)) != NULL) {
		article_init(&pend);
		if ((rc = article_copy(&pend, &x->a)) == GZ_OK &&
		    (rc = article_from_json(pj, &pend)) == GZ_OK)
			rc = refs_of(&f, &pend);
		article_clear(&pend);
		json_decref(pj);
	}
	if (rc == GZ_OK)
		rc = store_article_media_set(r->st, x->a.id, f.ids, f.attached,
		    f.n);
	free(f.ids);
	free(f.attached);
	return rc;
}

int
admin_sanitize(struct admin_req *r, int64_t site_id, struct buf *out,
    const char *html, size_t n)
{
	struct site s = {0};
	struct relink k = {r, &s, 0, 0};
	struct sanitize_opt opt = {relink_image, &k};

	s.id = site_id;
	return sanitize_html_opt(out, html, n, &opt);
}

/* For the article page: the site's files that may be attached (in
 * files, {hash, name, type, size_text, selected}) and those attached
 * (sel: their hashes) in attached. */
struct files_of {
	const char *lang;
	const json_t *sel;
	json_t *files, *attached;
};

static int
files_row(const struct media *m, void *arg)
{
	struct files_of *f = arg;
	struct buf size = BUF_INIT, url = BUF_INIT;
	json_t *v;
	size_t i;
	int on = 0, rc = GZ_OK;

	json_array_foreach(f->sel, i, v)
		on |= json_is_string(v) && strcmp(json_string_value(v),
		    m->hash) == 0;
	library_size_text(&size, m->size);
	library_url(&url, m, 0);
	if (json_array_append_new(f->files, json_pack("{ss ss ss ss sb}",
	    "hash", m->hash, "name", m->name, "type", library_type_label(
	    m->ext, f->lang), "size_text", buf_cstr(&size), "selected", on)))
		rc = GZ_ENOMEM;
	if (rc == GZ_OK && on && json_array_append_new(f->attached, json_pack(
	    "{ss ss ss ss}", "name", m->name, "type", library_type_label(m->ext,
	    f->lang), "size_text", buf_cstr(&size), "url", buf_cstr(&url))))
		rc = GZ_ENOMEM;
	buf_free(&size);
	buf_free(&url);
	return rc;
}

int
admin_media_files(struct admin_req *r, const struct media_filter *mf,
    const json_t *sel, json_t *files, json_t *attached)
{
	struct files_of f = {r->lang, sel, files, attached};

	return store_media_list(r->st, mf, files_row, &f, NULL);
}
