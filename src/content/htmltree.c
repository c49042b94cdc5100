/*
 * htmltree: gumbo on a pool.  See htmltree.h.
 */
#include <stdint.h>
#include <stdlib.h>

#include "err.h"
#include "htmltree.h"

/* The header in front of every block handed to gumbo. */
struct htmltree_block {
	_Alignas(max_align_t) struct htmltree_block *prev;
	struct htmltree_block *next;
};

static void *
pool_alloc(void *userdata, size_t size)
{
	struct htmltree_pool *pool = userdata;
	struct htmltree_block *b;

	/* Zeroed: gumbo 0.10.1 reads memory it never wrote on some inputs
	 * (valgrind, "<math><mtext><table><mglyph>"); zeros keep that read
	 * the same every time, and so our output. */
	if (size > SIZE_MAX - sizeof *b ||
	    (b = calloc(1, sizeof *b + size)) == NULL)
		longjmp(pool->fail, 1);
	b->prev = NULL;
	b->next = pool->first;
	if (pool->first)
		pool->first->prev = b;
	pool->first = b;
	return b + 1;
}

static void
pool_dealloc(void *userdata, void *ptr)
{
	struct htmltree_pool *pool = userdata;
	struct htmltree_block *b;

	if (ptr == NULL)
		return;
	b = (struct htmltree_block *)ptr - 1;
	if (b->prev)
		b->prev->next = b->next;
	else
		pool->first = b->next;
	if (b->next)
		b->next->prev = b->prev;
	free(b);
}

void
htmltree_free(struct htmltree_pool *pool)
{
	struct htmltree_block *b, *next;

	for (b = pool->first; b; b = next) {
		next = b->next;
		free(b);
	}
	pool->first = NULL;
}

int
htmltree_parse(struct htmltree_pool *pool, const char *html, size_t n,
    int fragment, GumboOutput **tree)
{
	GumboOptions opt = kGumboDefaultOptions;

	opt.allocator = pool_alloc;
	opt.deallocator = pool_dealloc;
	opt.userdata = pool;
	opt.max_errors = 0; /* never read */
	if (fragment) {
		opt.fragment_context = GUMBO_TAG_DIV;
		opt.fragment_namespace = GUMBO_NAMESPACE_HTML;
	}
	/* No local of this function is used after a longjmp() back here. */
	if (setjmp(pool->fail))
		return GZ_ENOMEM;
	*tree = gumbo_parse_with_options(&opt, html, n);
	if (*tree == NULL)
		return GZ_EINVAL;
	return (fragment ? (*tree)->root : (*tree)->document) ? GZ_OK :
	    GZ_EINVAL;
}
