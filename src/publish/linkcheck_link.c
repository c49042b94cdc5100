/*
 * linkcheck_link: one link of a page, resolved against the tree and
 * checked: the file it names, and its #fragment (at once on the same
 * page, later for another page).  Part of the link checker.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "linkcheck.h"
#include "linkcheck_int.h"
#include "url.h"

/*
 * Percent-decode dir + p into w->dec and resolve its "." and ".."
 * segments into w->path, relative to the root, without a leading or
 * trailing slash.  *isdir is set when the URL names a folder (ends in
 * "/", ".", "..", or is the root).  Returns NULL, or why the path is
 * refused.
 */
static const char *
path_normalize(struct worker *w, const char *dir, size_t dirlen, const char *p,
    size_t pl, int *isdir)
{
	const char *s, *end, *seg;
	size_t n;

	buf_reset(&w->dec);
	buf_put(&w->dec, dir, dirlen);
	if (url_decode(&w->dec, p, pl))
		return "%00 in the path";
	buf_reset(&w->path);
	buf_puts(&w->path, ""); /* never NULL data */
	s = buf_cstr(&w->dec);
	end = s + w->dec.len;
	*isdir = 1;
	for (seg = s; seg <= end; seg += n + 1) {
		n = strcspn(seg, "/");
		*isdir = n == 0 || (n == 1 && seg[0] == '.') ||
		    (n == 2 && seg[0] == '.' && seg[1] == '.');
		if (n == 0 || (n == 1 && seg[0] == '.'))
			continue;
		if (n == 2 && seg[0] == '.' && seg[1] == '.') {
			char *slash;

			if (w->path.len == 0)
				return "goes above the site root";
			slash = strrchr(w->path.data, '/');
			buf_truncate(&w->path,
			    slash ? (size_t)(slash - w->path.data) : 0);
			continue;
		}
		if (w->path.len > 0)
			buf_putc(&w->path, '/');
		buf_put(&w->path, seg, n);
	}
	return NULL;
}

/* stat() root/rel. */
static int
path_stat(struct worker *w, const char *rel, struct stat *st)
{
	buf_reset(&w->abs);
	buf_printf(&w->abs, "%s/%s", w->ck->root, rel);
	return buf_error(&w->abs) ? -1 : stat(w->abs.data, st);
}

/* Whether the file rel exists: the list first, stat() when it misses. */
static int
path_is_file(struct worker *w, const char *rel)
{
	struct stat st;

	return file_known(w->ck, rel) ||
	    (path_stat(w, rel, &st) == 0 && S_ISREG(st.st_mode));
}

/*
 * Find the file w->path names (a folder stands for its index.html) and
 * leave its path in w->path.  Returns 0, or 1 with the reason in why.
 */
static int
target_find(struct worker *w, int isdir, struct buf *why)
{
	struct stat st;
	size_t len = w->path.len;

	if (!isdir) {
		if (path_is_file(w, w->path.data))
			return 0;
		if (path_stat(w, w->path.data, &st) != 0 ||
		    !S_ISDIR(st.st_mode)) {
			buf_printf(why, "no such file %s", w->path.data);
			return 1;
		}
	}
	buf_printf(&w->path, "%sindex.html", len ? "/" : "");
	if (buf_error(&w->path) == GZ_OK && path_is_file(w, w->path.data))
		return 0;
	buf_truncate(&w->path, len);
	if (len == 0)
		buf_puts(why, "the site root has no index.html");
	else if (path_stat(w, w->path.data, &st) == 0 && S_ISDIR(st.st_mode))
		buf_printf(why, "folder %s/ has no index.html", w->path.data);
	else
		buf_printf(why, "no such folder %s/", w->path.data);
	return 1;
}

/* Record a finding: page, link (n bytes; NULL for the page itself), why. */
void
finding_add(struct worker *w, const char *page, const char *link, size_t n,
    const char *why)
{
	struct finding *f;
	size_t wn = strlen(why);

	if (w->rc ||
	    (w->rc = vec_grow(
	         &w->found, w->nfound, &w->capfound, sizeof *w->found)))
		return;
	f = &w->found[w->nfound];
	if ((f->text = malloc(n + wn + 2)) == NULL) {
		w->rc = GZ_ENOMEM;
		return;
	}
	if (n)
		memcpy(f->text, link, n);
	f->text[n] = '\0';
	memcpy(f->text + n + 1, why, wn + 1);
	f->page = page;
	f->linklen = n;
	f->haslink = link != NULL;
	w->nfound++;
}

/* Whether a #fragment needs no element: empty, or "top" (HTML). */
static int
frag_free(const char *f, size_t n)
{
	return n == 0 || (n == 3 && strncasecmp(f, "top", 3) == 0);
}

/* Whether id is one of the current page's ids (sorted strings). */
static int
ids_have(const struct worker *w, const char *id)
{
	return w->nids > 0 &&
	    bsearch(&id, w->ids, w->nids, sizeof *w->ids, str_cmp) != NULL;
}

/* Whether id is among the hashed ids of page p. */
int
page_has(const struct page *p, const char *id, size_t n)
{
	uint64_t h = id_hash(id, n);

	return p->nids > 0 &&
	    bsearch(&h, p->ids, p->nids, sizeof *p->ids, u64_cmp) != NULL;
}

/* Paths the site's server answers itself (gazette serve: the visit
 * counter and search), which are no files in the tree. */
static int
path_dynamic(const char *path)
{
	return strncmp(path, "api/", 4) == 0 || strcmp(path, "api") == 0 ||
	    strcmp(path, "search") == 0 || strncmp(path, "search/", 7) == 0;
}

/*
 * Resolve the URL v[0..vn) written on page pi and check it.  What is
 * found goes to w->found; a fragment into another page to w->pend.
 */
void
link_check(struct worker *w, size_t pi, const char *v, size_t vn)
{
	struct check *ck = w->ck;
	const char *page = ck->pages[pi].path, *u, *rest, *p, *why;
	struct buf msg = BUF_INIT;
	char sch[8];
	size_t i, n, pl, dirlen = 0;
	int rooted = 0, isdir = 0;
	long ti;

	/* Browsers drop spaces at the ends, tabs and newlines anywhere. */
	while (vn > 0 && (unsigned char)v[vn - 1] <= 0x20)
		vn--;
	while (vn > 0 && (unsigned char)v[0] <= 0x20)
		v++, vn--;
	buf_reset(&w->url);
	buf_puts(&w->url, "");
	for (i = 0; i < vn; i++)
		if (v[i] != '\t' && v[i] != '\n' && v[i] != '\r')
			buf_putc(&w->url, v[i]);
	if (buf_error(&w->url)) {
		w->rc = GZ_ENOMEM;
		return;
	}
	u = buf_cstr(&w->url);
	rest = u;
	if (url_scheme(u, sch) || (u[0] == '/' && u[1] == '/')) {
		struct url_origin o;
		const char *auth = u[0] == '/' ? u + 2 : strchr(u, ':') + 1;

		if (u[0] != '/' && strcmp(sch, "http") != 0 &&
		    strcmp(sch, "https") != 0)
			goto ignore; /* mailto:, tel:, javascript:, data: ... */
		if (u[0] != '/' && (auth[0] != '/' || auth[1] != '/'))
			goto ignore; /* http:foo: nothing a site links to */
		if (u[0] != '/')
			auth += 2;
		if (!ck->has_base ||
		    url_origin_parse(
		        &o, u[0] == '/' ? ck->base.scheme : sch, auth) != 0 ||
		    !url_origin_same(&o, &ck->base))
			goto ignore;
		/* The same origin: is it inside the site's folder? */
		if (o.pathlen == 0 ||
		    (o.pathlen + 1 == ck->prefixlen &&
		        memcmp(o.path, ck->prefix, o.pathlen) == 0))
			rest = o.path + o.pathlen; /* the site's root */
		else if (o.pathlen >= ck->prefixlen &&
		    memcmp(o.path, ck->prefix, ck->prefixlen) == 0)
			rest = o.path + ck->prefixlen;
		else
			goto ignore;
		rooted = 1;
	} else if (u[0] == '/') {
		rest = u + 1;
		rooted = 1;
	}
	w->links_checked++;

	/* rest: path?query#fragment, relative to the root or the page. */
	pl = strcspn(rest, "?#");
	p = strchr(rest, '#');
	buf_reset(&w->frag);
	if (p)
		buf_puts(&w->frag, p + 1);
	if (!rooted && pl == 0) {
		/* "", "?q", "#f": this page */
		buf_reset(&w->path);
		buf_puts(&w->path, page);
		why = NULL;
	} else {
		if (!rooted && (p = strrchr(page, '/')) != NULL)
			dirlen = (size_t)(p - page) + 1;
		why = path_normalize(w, page, dirlen, rest, pl, &isdir);
	}
	if (buf_error(&w->path) || buf_error(&w->dec) || buf_error(&w->frag)) {
		w->rc = GZ_ENOMEM;
		return;
	}
	if (why) {
		finding_add(w, page, v, vn, why);
		return;
	}
	if (path_dynamic(buf_cstr(&w->path))) {
		w->links_checked--;
		goto ignore;
	}
	if (target_find(w, isdir, &msg)) {
		if (buf_error(&msg))
			w->rc = GZ_ENOMEM;
		else
			finding_add(w, page, v, vn, msg.data);
		buf_free(&msg);
		return;
	}
	n = w->frag.len;
	if (frag_free(w->frag.data, n) ||
	    (ti = page_find(ck, w->path.data)) < 0)
		return; /* no fragment, or not a page: nothing to look up */
	if ((size_t)ti == pi) {
		/* This page: its ids are at hand, exactly. */
		buf_reset(&w->dec);
		url_decode(&w->dec, w->frag.data, n);
		if (buf_error(&w->dec)) {
			w->rc = GZ_ENOMEM;
			return;
		}
		if (ids_have(w, w->frag.data) || ids_have(w, w->dec.data))
			return;
		buf_printf(
		    &msg, "no element with id \"%s\" in %s", w->dec.data, page);
		if (buf_error(&msg))
			w->rc = GZ_ENOMEM;
		else
			finding_add(w, page, v, vn, msg.data);
		buf_free(&msg);
		return;
	}
	if ((w->rc =
	            vec_grow(&w->pend, w->npend, &w->cappend, sizeof *w->pend)))
		return;
	if ((w->pend[w->npend].text = malloc(vn + n + 2)) == NULL) {
		w->rc = GZ_ENOMEM;
		return;
	}
	memcpy(w->pend[w->npend].text, v, vn);
	w->pend[w->npend].text[vn] = '\0';
	memcpy(w->pend[w->npend].text + vn + 1, w->frag.data, n + 1);
	w->pend[w->npend].linklen = vn;
	w->pend[w->npend].src = (uint32_t)pi;
	w->pend[w->npend].dst = (uint32_t)ti;
	w->npend++;
	return;
ignore:
	w->ignored++;
}

/* Each URL of a srcset ("a.jpg 1x, b.jpg 2x"), as HTML splits it. */
void
srcset_check(struct worker *w, size_t pi, const char *s)
{
	while (*s && w->rc == GZ_OK) {
		const char *u;
		size_t n;
		int paren = 0;

		while (*s == ',' || (unsigned char)*s <= 0x20) {
			if (*s == '\0')
				return;
			s++;
		}
		u = s;
		while (*s && (unsigned char)*s > 0x20)
			s++;
		n = (size_t)(s - u);
		if (n > 0 && u[n - 1] == ',') {
			while (n > 0 && u[n - 1] == ',')
				n--;
		} else {
			/* descriptors, up to a comma outside parentheses */
			for (; *s && (paren || *s != ','); s++)
				paren += (*s == '(') - (*s == ')' && paren);
		}
		if (n > 0)
			link_check(w, pi, u, n);
	}
}

