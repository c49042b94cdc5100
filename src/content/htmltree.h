/*
 * htmltree: parsing HTML with gumbo, every allocation on a pool of our
 * own.  gumbo aborts when malloc fails and frees its tree by recursion
 * (a stack overflow on deep input); with the pool, a failed allocation
 * returns GZ_ENOMEM and the whole tree is freed in one loop.
 */
#ifndef GZ_HTMLTREE_H
#define GZ_HTMLTREE_H

#include <gumbo.h>
#include <setjmp.h>
#include <stddef.h>

struct htmltree_block;

struct htmltree_pool {
	struct htmltree_block *first;
	jmp_buf fail;   /* where the allocator goes when malloc fails */
};

#define HTMLTREE_POOL_INIT {.first = NULL}

/*
 * Parse html: as the inside of a <div> with fragment, else as a whole
 * document.  *tree lives on pool until htmltree_free().  GZ_OK,
 * GZ_ENOMEM, or GZ_EINVAL when gumbo gives no tree.
 */
int htmltree_parse(struct htmltree_pool *pool, const char *html, size_t n,
    int fragment, GumboOutput **tree);
/* Free every block of the pool (the tree with it). */
void htmltree_free(struct htmltree_pool *pool);

#endif
