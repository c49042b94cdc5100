/*
 * linkcheck_int.h: what the link checker's files share.  Not for other
 * modules.
 */
#ifndef GZ_LINKCHECK_INT_H
#define GZ_LINKCHECK_INT_H

#include <gumbo.h>
#include <stdatomic.h>
#include <stdint.h>

#include "buf.h"
#include "htmltree.h"
#include "url.h"

struct page {
	const char *path; /* relative to the root, in check.arena */
	uint64_t *ids;    /* sorted hashes of its ids; malloc'd */
	uint32_t nids;
	unsigned char failed; /* could not be read: its ids are unknown */
};

/* A broken link, or a page that could not be read (haslink 0). */
struct finding {
	const char *page;
	char *text; /* "link\0why\0", malloc'd */
	size_t linklen;
	int haslink;
};

/* A #fragment into another page, checked once every page is parsed. */
struct pending {
	uint32_t src, dst; /* page indexes */
	char *text;        /* "link\0fragment\0", malloc'd */
	size_t linklen;
};

/* An origin and the folder of the site under it. */

struct check {
	const char *root;
	int has_base;
	struct url_origin base;
	struct buf base_url; /* base.host and base.path point into it */
	const char *prefix;  /* base's folder, "/" or "/site/" */
	size_t prefixlen;
	struct buf arena;   /* every file path, NUL-separated */
	const char **files; /* sorted, into arena */
	size_t nfiles;
	struct page *pages; /* the .html files, sorted */
	size_t npages;
	atomic_size_t next; /* the next page to parse */
	atomic_int stop;    /* a worker failed: the others stop too */
};

struct link {
	const char *v; /* attribute value, in the gumbo tree */
	int srcset;
};

struct worker {
	struct check *ck;
	struct htmltree_pool pool;
	struct buf html, url, path, frag, dec, abs;
	const char **ids; /* the current page's ids, into its tree */
	size_t nids, capids;
	struct link *links;
	size_t nlinks, caplinks;
	const GumboNode **stack;
	size_t nstack, capstack;
	struct finding *found;
	size_t nfound, capfound;
	struct pending *pend;
	size_t npend, cappend;
	long links_checked, ignored;
	int rc;
};

/* Make room for one more element in *v (n used, *cap allocated). */
int vec_grow(void *v, size_t n, size_t *cap, size_t size);
/* qsort/bsearch comparators of C strings (by pointer) and of uint64_t. */
int str_cmp(const void *a, const void *b);
int u64_cmp(const void *a, const void *b);
/* The hash under which an id is kept. */
uint64_t id_hash(const char *s, size_t n);
/* Whether path (relative to the root) is a file of the tree. */
int file_known(const struct check *ck, const char *path);
/* The index of the page path, or -1. */
long page_find(const struct check *ck, const char *path);

/* linkcheck_link.c */
/* Record a broken link (n bytes of link) on page, with why. */
void finding_add(struct worker *w, const char *page, const char *link,
    size_t n, const char *why);
/* Whether page p has the id (n bytes). */
int page_has(const struct page *p, const char *id, size_t n);
/* Resolve and check the URL v[0..vn) written on page pi. */
void link_check(struct worker *w, size_t pi, const char *v, size_t vn);
/* Each URL of a srcset value. */
void srcset_check(struct worker *w, size_t pi, const char *s);

#endif
