/*
 * linkcheck: broken internal links of a published tree.  See linkcheck.h.
 *
 * The work is in three steps, so that memory stays small for 100,000
 * pages with twenty links each:
 *
 *  1. Walk the tree once and keep the sorted list of every file (one
 *     arena of paths), so most links are checked by a binary search, not
 *     a stat().
 *  2. Parse each page once (two threads take pages from a shared
 *     counter).  A page's links are checked at once against the file
 *     list; a #fragment into the same page against its ids.  A #fragment
 *     into another page cannot be checked yet, since that page may not
 *     be parsed, so it waits in a per-thread list.  Of each page only its
 *     ids are kept, as a sorted array of 64-bit hashes (8 bytes an id).
 *  3. Check the waiting fragments against those hashes, sort what was
 *     found, and report each (page, link) once.
 *
 * What grows with the site is the file list (its paths), 8 bytes per id,
 * and the links into other pages' fragments, which news sites have few
 * of.  Broken links cost their message until they are reported.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <gumbo.h>

#include "htmltree.h"
#include "url.h"

#include "file.h"
#include "linkcheck.h"
#include "linkcheck_int.h"

#define LINKCHECK_THREADS 2

/* ---- gumbo's memory ------------------------------------------------- */

/*
 * The same allocator as sanitize.c uses, for the same reasons: gumbo
 * does not check malloc's result, and freeing a deep tree with
 * gumbo_destroy_output() recurses once per level.  Every block is on a
 * list; a failed malloc longjmp()s out of the parse, and the list frees
 * the whole tree in one loop.  (Two copies now: worth a module of its
 * own if a third parser of HTML appears.)
 */

/* Make room for one more element in *v (n used, *cap allocated). */
int
vec_grow(void *v, size_t n, size_t *cap, size_t size)
{
	void **p = v, *np;
	size_t ncap;

	if (n < *cap)
		return GZ_OK;
	ncap = *cap ? *cap * 2 : 64;
	if (ncap > SIZE_MAX / size || (np = realloc(*p, ncap * size)) == NULL)
		return GZ_ENOMEM;
	*p = np;
	*cap = ncap;
	return GZ_OK;
}

int
str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* FNV-1a with a final mix (splitmix64), so that close ids spread. */
uint64_t
id_hash(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 0x100000001b3ULL;
	h ^= h >> 30;
	h *= 0xbf58476d1ce4e5b9ULL;
	h ^= h >> 27;
	h *= 0x94d049bb133111ebULL;
	return h ^ (h >> 31);
}

int
u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* ---- step 1: the files ----------------------------------------------- */

static int
is_page(const char *path)
{
	size_t n = strlen(path);

	return (n > 5 && strcmp(path + n - 5, ".html") == 0) ||
	    (n > 4 && strcmp(path + n - 4, ".htm") == 0);
}

/*
 * Read every folder under ck->root, breadth first with a queue of
 * folders in a buf (no recursion), and fill ck->files and ck->pages.
 * Symbolic links to files count as files; those to folders are not
 * followed (they could loop), but a link into one is still found by
 * the stat() that backs every miss of the list.
 */
static int
tree_walk(struct check *ck, struct buf *why)
{
	struct buf dirs = BUF_INIT, abs = BUF_INIT;
	size_t *offs = NULL, noffs = 0, capoffs = 0, head = 0, i, k;
	int rc = GZ_OK;

	buf_putc(&dirs, '\0'); /* the root: "" */
	while (rc == GZ_OK && head < dirs.len) {
		char *dir;
		DIR *d;
		struct dirent *de;

		if ((dir = strdup(dirs.data + head)) == NULL) {
			rc = GZ_ENOMEM;
			break;
		}
		head += strlen(dir) + 1;
		buf_reset(&abs);
		buf_printf(&abs, "%s/%s", ck->root, dir);
		if (buf_error(&abs) || (d = opendir(abs.data)) == NULL) {
			rc = buf_error(&abs) ? GZ_ENOMEM : gz_from_errno(errno);
			if (rc != GZ_ENOMEM)
				file_explain(
				    why, "read the folder", abs.data, errno);
			free(dir);
			break;
		}
		while ((de = readdir(d)) != NULL) {
			struct stat st;
			int isdir = de->d_type == DT_DIR;
			int isreg = de->d_type == DT_REG;

			if (strcmp(de->d_name, ".") == 0 ||
			    strcmp(de->d_name, "..") == 0)
				continue;
			if (de->d_type == DT_UNKNOWN || de->d_type == DT_LNK) {
				if (fstatat(dirfd(d), de->d_name, &st, 0) != 0)
					continue;
				isreg = S_ISREG(st.st_mode);
				isdir = S_ISDIR(st.st_mode) &&
				    de->d_type == DT_UNKNOWN &&
				    fstatat(dirfd(d), de->d_name, &st,
				        AT_SYMLINK_NOFOLLOW) == 0 &&
				    S_ISDIR(st.st_mode);
			}
			if (isdir) {
				buf_printf(&dirs, "%s%s%s", dir,
				    *dir ? "/" : "", de->d_name);
				buf_putc(&dirs, '\0');
			} else if (isreg) {
				if (vec_grow(
				        &offs, noffs, &capoffs, sizeof *offs)) {
					rc = GZ_ENOMEM;
					break;
				}
				offs[noffs++] = ck->arena.len;
				buf_printf(&ck->arena, "%s%s%s", dir,
				    *dir ? "/" : "", de->d_name);
				buf_putc(&ck->arena, '\0');
			}
		}
		closedir(d);
		free(dir);
		if (rc == GZ_OK && (buf_error(&dirs) || buf_error(&ck->arena)))
			rc = GZ_ENOMEM;
	}
	/* The arena has stopped moving: its offsets become pointers. */
	if (rc == GZ_OK && noffs > 0 &&
	    ((ck->files = malloc(noffs * sizeof *ck->files)) == NULL))
		rc = GZ_ENOMEM;
	for (i = 0; rc == GZ_OK && i < noffs; i++)
		ck->files[i] = ck->arena.data + offs[i];
	if (rc == GZ_OK) {
		ck->nfiles = noffs;
		if (noffs > 0)
			qsort(ck->files, noffs, sizeof *ck->files, str_cmp);
		for (i = 0; i < noffs; i++)
			ck->npages += is_page(ck->files[i]);
		if (ck->npages > 0 &&
		    (ck->pages = calloc(ck->npages, sizeof *ck->pages)) == NULL)
			rc = GZ_ENOMEM;
		for (i = k = 0; rc == GZ_OK && i < noffs; i++)
			if (is_page(ck->files[i]))
				ck->pages[k++].path = ck->files[i];
	}
	free(offs);
	buf_free(&dirs);
	buf_free(&abs);
	return rc;
}

int
file_known(const struct check *ck, const char *path)
{
	return ck->nfiles > 0 &&
	    bsearch(&path, ck->files, ck->nfiles, sizeof *ck->files, str_cmp) !=
	    NULL;
}

/* The index of the page at path, or -1. */
long
page_find(const struct check *ck, const char *path)
{
	size_t lo = 0, hi = ck->npages;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(path, ck->pages[mid].path);

		if (c == 0)
			return (long)mid;
		if (c < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return -1;
}

/* ---- step 2: the pages ------------------------------------------------ */

/* The attributes that hold URLs, per element. */
static const struct {
	GumboTag tag;
	const char *attr;
	int srcset;
} link_attrs[] = {
    {GUMBO_TAG_A, "href", 0},
    {GUMBO_TAG_AREA, "href", 0},
    {GUMBO_TAG_LINK, "href", 0},
    {GUMBO_TAG_IMG, "src", 0},
    {GUMBO_TAG_IMG, "srcset", 1},
    {GUMBO_TAG_SCRIPT, "src", 0},
    {GUMBO_TAG_SOURCE, "src", 0},
    {GUMBO_TAG_SOURCE, "srcset", 1},
    {GUMBO_TAG_IFRAME, "src", 0},
    {GUMBO_TAG_AUDIO, "src", 0},
    {GUMBO_TAG_VIDEO, "src", 0},
    {GUMBO_TAG_VIDEO, "poster", 0},
    {GUMBO_TAG_TRACK, "src", 0},
};

static void
id_add(struct worker *w, const GumboElement *e, const char *name)
{
	const GumboAttribute *a = gumbo_get_attribute(&e->attributes, name);

	if (a == NULL || a->value[0] == '\0' || w->rc)
		return;
	if ((w->rc = vec_grow(&w->ids, w->nids, &w->capids, sizeof *w->ids)))
		return;
	w->ids[w->nids++] = a->value;
}

/* Gather the ids and the URLs of one element. */
static void
element_scan(struct worker *w, const GumboElement *e)
{
	const GumboAttribute *a;
	size_t i;

	id_add(w, e, "id");
	if (e->tag == GUMBO_TAG_A)
		id_add(w, e, "name");
	for (i = 0; i < sizeof link_attrs / sizeof link_attrs[0]; i++) {
		if (link_attrs[i].tag != e->tag || w->rc ||
		    (a = gumbo_get_attribute(
		         &e->attributes, link_attrs[i].attr)) == NULL)
			continue;
		if ((w->rc = vec_grow(
		         &w->links, w->nlinks, &w->caplinks, sizeof *w->links)))
			return;
		w->links[w->nlinks].v = a->value;
		w->links[w->nlinks++].srcset = link_attrs[i].srcset;
	}
}

/* Walk the tree with an explicit stack: it can be as deep as the page
 * is long. */
static void
tree_scan(struct worker *w, const GumboNode *root)
{
	w->nstack = 0;
	if ((w->rc = vec_grow(&w->stack, 0, &w->capstack, sizeof *w->stack)))
		return;
	w->stack[w->nstack++] = root;
	while (w->nstack > 0 && w->rc == GZ_OK) {
		const GumboNode *n = w->stack[--w->nstack];
		const GumboVector *kids;
		size_t i;

		if (n->type == GUMBO_NODE_ELEMENT ||
		    n->type == GUMBO_NODE_TEMPLATE) {
			element_scan(w, &n->v.element);
			kids = &n->v.element.children;
		} else if (n->type == GUMBO_NODE_DOCUMENT) {
			kids = &n->v.document.children;
		} else {
			continue;
		}
		for (i = kids->length; i-- > 0 && w->rc == GZ_OK;) {
			if ((w->rc = vec_grow(&w->stack, w->nstack,
			         &w->capstack, sizeof *w->stack)))
				return;
			w->stack[w->nstack++] = kids->data[i];
		}
	}
}

/* Keep the page's ids as a sorted array of distinct hashes. */
static void
ids_keep(struct worker *w, struct page *p)
{
	size_t i, k;

	if (w->nids == 0)
		return;
	if ((p->ids = malloc(w->nids * sizeof *p->ids)) == NULL) {
		w->rc = GZ_ENOMEM;
		return;
	}
	for (i = 0; i < w->nids; i++)
		p->ids[i] = id_hash(w->ids[i], strlen(w->ids[i]));
	qsort(p->ids, w->nids, sizeof *p->ids, u64_cmp);
	for (i = k = 1; i < w->nids; i++)
		if (p->ids[i] != p->ids[k - 1])
			p->ids[k++] = p->ids[i];
	p->nids = (uint32_t)k;
}

/* Read, parse and check page pi. */
static void
page_check(struct worker *w, size_t pi)
{
	struct page *pg = &w->ck->pages[pi];
	struct buf why = BUF_INIT;
	GumboOutput *tree = NULL;
	size_t i;
	int rc;

	buf_reset(&w->abs);
	buf_printf(&w->abs, "%s/%s", w->ck->root, pg->path);
	if (buf_error(&w->abs)) {
		w->rc = GZ_ENOMEM;
		return;
	}
	rc = file_read(w->abs.data, LINKCHECK_MAX_PAGE, &w->html, NULL);
	if (rc == GZ_OK && w->html.len > 0) {
		rc = htmltree_parse(&w->pool, w->html.data, w->html.len, 0, &tree);
	} else if (rc == GZ_OK) {
		tree = NULL; /* an empty file: no ids, no links */
	}
	if (rc == GZ_ENOMEM) {
		w->rc = rc;
	} else if (rc) {
		pg->failed = 1;
		if (rc == GZ_ETOOBIG)
			buf_printf(&why, "larger than %u MB; not checked",
			    LINKCHECK_MAX_PAGE >> 20);
		else
			buf_printf(&why, "cannot be read: %s", gz_strerror(rc));
		if (buf_error(&why))
			w->rc = GZ_ENOMEM;
		else
			finding_add(w, pg->path, NULL, 0, why.data);
	} else if (tree) {
		w->nids = w->nlinks = 0;
		tree_scan(w, tree->document);
		if (w->nids > 0)
			qsort(w->ids, w->nids, sizeof *w->ids, str_cmp);
		for (i = 0; i < w->nlinks && w->rc == GZ_OK; i++) {
			if (w->links[i].srcset)
				srcset_check(w, pi, w->links[i].v);
			else
				link_check(w, pi, w->links[i].v,
				    strlen(w->links[i].v));
		}
		if (w->rc == GZ_OK)
			ids_keep(w, pg);
	}
	w->nids = w->nlinks = 0;
	htmltree_free(&w->pool);
	buf_free(&why);
}

static void *
worker_run(void *arg)
{
	struct worker *w = arg;
	size_t i;

	while (w->rc == GZ_OK && !atomic_load(&w->ck->stop)) {
		i = atomic_fetch_add(&w->ck->next, 1);
		if (i >= w->ck->npages)
			break;
		page_check(w, i);
	}
	if (w->rc)
		atomic_store(&w->ck->stop, 1);
	return NULL;
}

/* ---- step 3: fragments into other pages, and the report -------------- */

static void
pending_check(struct worker *w)
{
	struct check *ck = w->ck;
	struct buf msg = BUF_INIT;
	size_t i;

	for (i = 0; i < w->npend && w->rc == GZ_OK; i++) {
		const struct pending *pd = &w->pend[i];
		const struct page *dst = &ck->pages[pd->dst];
		const char *frag = pd->text + pd->linklen + 1;

		if (dst->failed || page_has(dst, frag, strlen(frag)))
			continue;
		buf_reset(&w->dec);
		url_decode(&w->dec, frag, strlen(frag));
		buf_puts(&w->dec, "");
		if (buf_error(&w->dec)) {
			w->rc = GZ_ENOMEM;
			break;
		}
		if (page_has(dst, w->dec.data, w->dec.len))
			continue;
		buf_reset(&msg);
		buf_printf(&msg, "no element with id \"%s\" in %s", w->dec.data,
		    dst->path);
		if (buf_error(&msg))
			w->rc = GZ_ENOMEM;
		else
			finding_add(w, ck->pages[pd->src].path, pd->text,
			    pd->linklen, msg.data);
	}
	buf_free(&msg);
}

static int
finding_cmp(const void *a, const void *b)
{
	const struct finding *x = a, *y = b;
	int c;

	if ((c = strcmp(x->page, y->page)) != 0)
		return c;
	if (x->haslink != y->haslink)
		return x->haslink - y->haslink;
	if ((c = strcmp(x->text, y->text)) != 0)
		return c;
	return strcmp(x->text + x->linklen + 1, y->text + y->linklen + 1);
}

static void
worker_free(struct worker *w)
{
	size_t i;

	for (i = 0; i < w->nfound; i++)
		free(w->found[i].text);
	for (i = 0; i < w->npend; i++)
		free(w->pend[i].text);
	free(w->found);
	free(w->pend);
	free(w->ids);
	free(w->links);
	free(w->stack);
	htmltree_free(&w->pool);
	buf_free(&w->html);
	buf_free(&w->url);
	buf_free(&w->path);
	buf_free(&w->frag);
	buf_free(&w->dec);
	buf_free(&w->abs);
}

/* Sort every finding of the workers and report each (page, link) once. */
static int
findings_report(struct worker *ws, size_t nw, linkcheck_report_fn report,
    void *arg, struct linkcheck_stats *st)
{
	struct finding *all;
	size_t i, k, n = 0;
	int rc = GZ_OK;

	for (i = 0; i < nw; i++)
		n += ws[i].nfound;
	if (n == 0)
		return GZ_OK;
	if ((all = malloc(n * sizeof *all)) == NULL)
		return GZ_ENOMEM;
	for (i = n = 0; i < nw; i++)
		for (k = 0; k < ws[i].nfound; k++)
			all[n++] = ws[i].found[k];
	qsort(all, n, sizeof *all, finding_cmp);
	for (i = 0; i < n && rc == 0; i++) {
		const struct finding *f = &all[i];

		if (i > 0 && strcmp(f->page, all[i - 1].page) == 0 &&
		    f->haslink == all[i - 1].haslink &&
		    strcmp(f->text, all[i - 1].text) == 0)
			continue;
		st->broken++;
		if (report)
			rc = report(f->page, f->haslink ? f->text : NULL,
			    f->text + f->linklen + 1, arg);
	}
	free(all);
	return rc;
}

/* Take base_url apart; GZ_EINVAL unless it is http(s)://host[:port]/. */
static int
check_base(struct check *ck, const char *base_url, struct buf *why)
{
	const char *u, *slash;
	char sch[8];
	size_t n;

	if (base_url == NULL || *base_url == '\0')
		return GZ_OK;
	buf_puts(&ck->base_url, base_url);
	if (buf_error(&ck->base_url))
		return GZ_ENOMEM;
	u = ck->base_url.data;
	n = url_scheme(u, sch);
	if (n == 0 || (strcmp(sch, "http") != 0 && strcmp(sch, "https") != 0) ||
	    strncmp(u + n, "://", 3) != 0 ||
	    url_origin_parse(&ck->base, sch, u + n + 3) != 0 ||
	    ck->base.hostlen == 0) {
		buf_printf(why,
		    "the base URL \"%s\" is not an http:// or "
		    "https:// URL; set it with `gazette site edit "
		    "--base-url`",
		    base_url);
		return GZ_EINVAL;
	}
	/* The site's folder: the base path up to its last slash. */
	ck->prefix = "/";
	ck->prefixlen = 1;
	if (ck->base.pathlen > 0) {
		slash = ck->base.path + ck->base.pathlen;
		while (slash > ck->base.path && slash[-1] != '/')
			slash--;
		ck->prefix = ck->base.path;
		ck->prefixlen = (size_t)(slash - ck->base.path);
	}
	ck->has_base = 1;
	return GZ_OK;
}

int
linkcheck_tree(const char *root, const char *base_url,
    linkcheck_report_fn report, void *arg, struct linkcheck_stats *st,
    struct buf *why)
{
	struct check ck = {0};
	struct worker ws[LINKCHECK_THREADS];
	pthread_t th[LINKCHECK_THREADS];
	int started[LINKCHECK_THREADS] = {0};
	struct stat sb;
	size_t i;
	int rc, e;

	memset(st, 0, sizeof *st);
	memset(ws, 0, sizeof ws);
	ck.root = root;
	buf_init(&ck.arena);
	buf_init(&ck.base_url);
	atomic_init(&ck.next, 0);
	atomic_init(&ck.stop, 0);
	if ((rc = check_base(&ck, base_url, why)))
		goto out;
	e = stat(root, &sb) != 0 ? errno : 0;
	if (e != 0 && e != ENOENT) {
		rc = gz_from_errno(e);
		file_explain(why, "read the folder", root, e);
		goto out;
	}
	if (e == ENOENT || !S_ISDIR(sb.st_mode)) {
		rc = GZ_ENOTFOUND;
		buf_printf(why,
		    "%s: no such folder; publish the site first, "
		    "or name the folder to check",
		    root);
		goto out;
	}
	if ((rc = tree_walk(&ck, why)))
		goto out;
	for (i = 0; i < LINKCHECK_THREADS; i++)
		ws[i].ck = &ck;
	/* The calling thread is worker 0; the others only when there is
	 * enough to share (and if a thread cannot start, 0 does it all). */
	for (i = 1; i < LINKCHECK_THREADS && ck.npages >= 16; i++)
		started[i] =
		    pthread_create(&th[i], NULL, worker_run, &ws[i]) == 0;
	worker_run(&ws[0]);
	for (i = 1; i < LINKCHECK_THREADS; i++)
		if (started[i])
			pthread_join(th[i], NULL);
	for (i = 0; i < LINKCHECK_THREADS && rc == GZ_OK; i++) {
		rc = ws[i].rc;
		if (rc == GZ_OK) {
			pending_check(&ws[i]);
			rc = ws[i].rc;
		}
	}
	st->pages = (long)ck.npages;
	for (i = 0; i < LINKCHECK_THREADS; i++) {
		st->links += ws[i].links_checked;
		st->ignored += ws[i].ignored;
	}
	if (rc == GZ_OK)
		rc = findings_report(ws, LINKCHECK_THREADS, report, arg, st);
	if (rc == GZ_ENOMEM)
		buf_printf(why, "%s: out of memory while checking links", root);
out:
	for (i = 0; i < LINKCHECK_THREADS; i++)
		worker_free(&ws[i]);
	for (i = 0; i < ck.npages; i++)
		free(ck.pages[i].ids);
	free(ck.pages);
	free(ck.files);
	buf_free(&ck.arena);
	buf_free(&ck.base_url);
	return rc;
}
