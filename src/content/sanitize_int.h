/*
 * sanitize_int.h: what the sanitizer's files share.  Not for other
 * modules: the API is sanitize.h.
 *
 *   sanitize.c        the allowlist (elements, attributes, URLs, images)
 *                     and the entry points
 *   sanitize_walk.c   writing gumbo's tree out, element by element
 *   sanitize_word.c   what Word's and WPS's style and class attributes
 *                     say; table cells with one <p>
 *   sanitize_list.c   Word's list paragraphs made lists
 */
#ifndef GZ_SANITIZE_INT_H
#define GZ_SANITIZE_INT_H

#include <stddef.h>

#include <gumbo.h>

#include "buf.h"
#include "sanitize.h"

enum action {
	ACT_UNWRAP = 0,   /* write the children, not the element */
	ACT_KEEP,         /* write the element and its children */
	ACT_DROP,         /* write nothing at all */
};

/*
 * Inline formatting.  A role is written as one element (strong, em, u,
 * s, sup, sub) and never inside itself, so <b><span
 * style="font-weight:bold"> gives one <strong>.  A heading holds
 * ROLE_STRONG and a link ROLE_U without writing them: both already look
 * that way.  ROLE_A only marks "inside a link".
 */
enum role {
	ROLE_STRONG,
	ROLE_EM,
	ROLE_U,
	ROLE_S,
	ROLE_SUP,
	ROLE_SUB,
	ROLE_A,
	ROLE__COUNT
};
#define ROLE_BIT(r) (1u << (r))

enum align {
	ALIGN_NONE,
	ALIGN_CENTER,
	ALIGN_RIGHT,
};

/* What an element's style and class attributes say, read once. */
struct facts {
	signed char bold;      /* 1 bold, -1 explicitly not, 0 not said */
	signed char italic;    /* the same for italic */
	signed char underline; /* the same for underline */
	unsigned char strike;
	unsigned char super, sub;
	unsigned char align;      /* enum align */
	unsigned char hidden;     /* display:none, or one of Word's comments */
	unsigned char page_break; /* page-break-before/after (on a <br>) */
	unsigned char layout;     /* mso-ignore:vglayout (on a <br>) */
	unsigned char ignore;     /* mso-list:Ignore: Word's list marker */
	unsigned char outline;    /* mso-outline-level 1-9, or 0 */
	unsigned char level;      /* mso-list level 1-9, or 0: not a list */
	unsigned long list_id;    /* the N of mso-list:lN */
	unsigned long list_lfo;   /* the M of mso-list:lfoM */
	unsigned char heading;    /* 1-6 from the class (MsoTitle...), or 0 */
	unsigned char list_class; /* class MsoListParagraph* */
	unsigned char note;       /* class MsoFootnoteReference... */
	unsigned char section;    /* class WordSection1, Section0 */
};

/* A list paragraph's marker ("1.", "一、", a bullet), as found. */
enum marker_kind {
	MARKER_NONE,
	MARKER_MARKED,  /* Word marked it: <![if !supportLists]>, Ignore */
	MARKER_LEADING, /* the first text of the paragraph looks like one */
};
struct marker {
	enum marker_kind kind;
	int ordered;         /* a number, letter or numeral: <ol> */
	unsigned long start; /* its value (1 for "1." and "a."), 0 unknown */
	char type;           /* <ol type>: 'a', 'A', 'i', 'I' or 0 */
	size_t skip;         /* MARKER_LEADING: bytes of text it takes */
	char text[64];       /* MARKER_MARKED: the marker, trimmed */
	size_t len;
};

/* What to do with a frame when its children are done. */
enum kind {
	K_PLAIN,  /* write the end tag, if any */
	K_BLOCK,  /* p or heading: gone if nothing visible was written */
	K_INLINE, /* formatting: gone if nothing at all was written */
	K_CELL,   /* td or th: a lone <p> inside is unwrapped */
	K_ITEM,   /* a list paragraph: its <li> stays open (struct list) */
};

/* One element being walked. */
struct frame {
	const GumboNode *node;
	unsigned int next;    /* the next child to visit */
	const char *close;    /* end tag name to write when done, or NULL */
	size_t mark;          /* out->len before the start tag */
	size_t wrap_at;       /* out->len after the start tag */
	size_t inner;         /* out->len after the start tag and wrappers */
	size_t visible;       /* walk.visible at the start */
	unsigned char kind;   /* enum kind */
	unsigned char roles;  /* ROLE_BITs this frame holds */
	unsigned char wraps;  /* ROLE_BITs written as wrapper elements */
	unsigned char skip;   /* inside <![if ...]> ... <![endif]> to drop */
	unsigned char marker; /* inside an element whose list marker goes */
	unsigned char pre;    /* a <pre> written */
	unsigned char heading; /* an <h1>...<h6> written */
	unsigned char was_start; /* walk.at_start before it, for a cut */
	unsigned char no_table; /* a table not written (Word's layout, no
	                         * room), or a row or cell of one */
};

#define LIST_LEVELS 9

/* Word list paragraphs of one parent being written as <ol>/<ul>. */
struct list {
	size_t owner;            /* index of the parent's frame */
	unsigned long id, lfo;   /* which Word list */
	int open;                /* 0: closed, but may go on (list_break) */
	size_t closed_at;        /* out->len before the end tags */
	size_t closed_end;       /* out->len when nothing had followed */
	int at_start;            /* walk.at_start when closed */
	const char *ws;          /* white space between items, held back */
	int n;                   /* levels open */
	unsigned char level[LIST_LEVELS];
	char tag[LIST_LEVELS];   /* 'o' or 'u' */
};

/* A td or th being written, to unwrap a <p> that is its only child. */
struct cell {
	size_t depth;            /* walk.depth of the cell's children */
	size_t tag_end;          /* offset of the '>' of its start tag */
	unsigned char align;     /* its own text-align */
	unsigned char kid_align; /* the text-align of the <p> */
	int kids;                /* elements written as its children */
	int text;                /* text written as its children */
	int kid_p;               /* the last child is a <p> without attributes */
	int kid_done;            /* ... and it is closed */
	size_t kid_start, kid_inner, kid_inner_end, kid_end;
};

struct walk {
	struct buf *out;
	const struct sanitize_opt *opt;
	struct buf src;        /* the image hook's answer */
	struct frame *stack;
	size_t sp, cap;
	struct list *lists;
	size_t nlist, lcap;
	struct cell *cells;
	size_t ncell, ccap;
	size_t start;          /* out->len when we began */
	size_t depth;          /* elements open in the output */
	size_t visible;        /* texts and images written so far */
	size_t skip;           /* bytes of text still to drop (a marker) */
	int at_start;          /* nothing visible yet in this block */
	unsigned int pre;      /* <pre> elements open */
	int pre_start;         /* <pre> just written (see walk_text) */
	int vml;               /* in <![if !vml]> or <![if !mso]> (layout) */
	unsigned int open[ROLE__COUNT];
};

/* sanitize.c */
int ascii_lower(int c);
/* Whether s[0..n) equals the lowercase word w, ignoring ASCII case (s
 * may be a shorter NUL-terminated string). */
int word_eq(const char *s, size_t n, const char *w);
/* What the allowlist says of e: keep, unwrap or drop (with all inside). */
enum action element_action(const GumboElement *e);
int element_dropped(const GumboElement *e);
/* escape_html() of s[0..n), each byte of bad UTF-8 written as U+FFFD. */
void put_html(struct buf *out, const char *s, size_t n);
/* Write the allowed attributes of e; src is img_src()'s answer. */
void put_attrs(struct buf *out, const GumboElement *e, const char *src);
/* The only style we write: style="text-align:center" or right. */
void put_align(struct buf *out, unsigned char align);
/* Whether an <a> has an href that makes it a link. */
int a_href(const GumboElement *e);
/* The src to write for an img, or NULL to drop it (*rc: the hook's
 * error). */
const char *img_src(struct walk *w, const GumboElement *e, int *rc);

/* sanitize_walk.c */
int is_space(int c);
/* Write the children of root, cleaned. */
int walk_tree(struct walk *w, const GumboNode *root);
/* Make room for one more element in *p (an array of *cap of size). */
int walk_grow(void **p, size_t *cap, size_t n, size_t size);
/* Write "<name" (then the caller adds attributes and '>'), or nothing
 * and return 0 when the output is already SANITIZE_MAX_DEPTH deep. */
int walk_open(struct walk *w, const char *name);
/* "<name>", the same way. */
int walk_open_tag(struct walk *w, const char *name);
void walk_close(struct walk *w, const char *name);
/* Text, with the bookkeeping of paragraph starts and markers. */
void walk_text(struct walk *w, const char *s, size_t n);
/* White space between elements (one space or newline at most). */
void walk_space(struct walk *w, const char *s);

/* sanitize_word.c */
/* Read the align, style and class attributes of e into *fa. */
void facts_read(const GumboElement *e, struct facts *fa);
/* Whether s contains the lowercase w, ignoring ASCII case. */
int has_word(const char *s, const char *w);
/* Whether a comment opens a part to drop (<![if !supportLists]> in a
 * list paragraph, when marker is set), or closes it (<![endif]>). */
int comment_opens(const char *text, int marker);
int comment_closes(const char *text);
/* Whether a comment opens what Word writes for browsers in place of a
 * drawing (<![if !vml]>, <![if !mso]>): its tables are for layout. */
int comment_fallback(const char *text);
/* A td or th start tag was written (without its '>'). */
int cell_open(struct walk *w, unsigned char align);
/* A child element of the cell starts at mark (walk_open). */
void cell_kid(struct walk *w, size_t mark);
/* The child element starting at mark is a <p>: note whether it is a
 * plain one, or it was dropped (empty), or it is closed. */
void cell_p_started(struct walk *w, size_t mark, unsigned char align);
void cell_kid_dropped(struct walk *w, size_t mark);
void cell_p_closing(struct walk *w, size_t mark);
void cell_p_closed(struct walk *w, size_t mark);
/* Text was written at the cell's own level. */
void cell_text(struct walk *w);
/* Before the cell's end tag: unwrap its lone <p>; pop the cell. */
void cell_close(struct walk *w);

/* sanitize_list.c */
/* Find the list marker of a Word list paragraph or heading. */
void marker_find(const GumboNode *p, struct marker *m);
/* Whether a marker ends in its own space: full-width punctuation
 * ("一、", "（一）"). */
int marker_spaced(const struct marker *m);
/* Start the <li> of a list paragraph (fa->level set), child of frame
 * fi; 0 if there is no room left and it stays a paragraph. */
int list_item(struct walk *w, size_t fi, const struct facts *fa,
    const struct marker *m);
/* Continue the open list with a paragraph of its last item; 0 if there
 * is no list to continue. */
int list_continue(struct walk *w, size_t fi);
/* Something else came in frame fi: end its list (for now). */
void list_break(struct walk *w, size_t fi);
/* White space in frame fi: held back if a list is open. Returns 1 if
 * it was. */
int list_space(struct walk *w, size_t fi, const char *s);
/* Frame fi is done: end its list for good. */
void list_finish(struct walk *w, size_t fi);

#endif
