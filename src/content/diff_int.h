/*
 * diff_int: what diff.c and diff_seq.c share, not part of the API.
 *
 * diff_seq.c holds the sequence machinery: ids for byte strings, the
 * tokenizer and Myers' comparison under a step budget.  diff.c builds
 * the rows from them.
 */
#ifndef GZ_DIFF_INT_H
#define GZ_DIFF_INT_H

#include <stddef.h>
#include <stdint.h>

/* A step budget shared by the comparisons of one diff_texts() call. */
struct work {
	size_t steps, limit;
	int gave_up; /* some part was taken as replaced wholesale */
};

/*
 * Ids for byte strings: equal strings get equal ids.  Open addressing
 * with linear probing; slots hold id + 1 so that 0 is empty.
 */
struct slot {
	const char *p;
	size_t len, id1;
	uint64_t h;
};

struct intern {
	struct slot *slot;
	size_t cap, n;
};

/* One line cut into tokens: token i is s[off[i]..off[i+1]). */
struct toks {
	const char *s;
	size_t n, *off, *id;
	size_t nbag, *bag; /* the ids of the tokens that are not space */
};

enum tclass { T_OTHER, T_WORD, T_SPACE, T_CJK, T_BAD };

/* Free the table; it is empty and usable again. */
void diff_intern_free(struct intern *t);
/* The id of p[0..len) (p must outlive t); GZ_OK or GZ_ENOMEM. */
int diff_intern_id(struct intern *t, const char *p, size_t len, size_t *id);
/*
 * Compare the id sequences a[0..n1) and b[0..n2) with Myers' algorithm
 * within w's budget.  ca[] and cb[] come zeroed; afterwards ca[i] is set
 * for each removed a[i] and cb[j] for each added b[j], a minimal set
 * unless the budget ran out (then w->gave_up is set).  GZ_OK or
 * GZ_ENOMEM.
 */
int diff_myers_run(const size_t *a, size_t n1, const size_t *b, size_t n2,
    unsigned char *ca, unsigned char *cb, struct work *w);
/* The length of the token at s[0..n), n >= 1; its tclass in *cls. */
size_t diff_token_len(const char *s, size_t n, int *cls);
/* Cut s[0..len) into tokens with ids from tab.  GZ_OK or GZ_ENOMEM;
 * t is to be freed with diff_toks_free() either way. */
int diff_toks_split(struct toks *t, const char *s, size_t len,
    struct intern *tab);
void diff_toks_free(struct toks *t);
/*
 * How alike two lines are, in per mille: 1000 when equal, else the share
 * of their non-space tokens that both have (Dice's coefficient on
 * multisets).  Both were split with one table; count[] holds a zero for
 * each of its ids and is left so.
 */
size_t diff_toks_similarity(const struct toks *x, const struct toks *y,
    size_t *count);

#endif
