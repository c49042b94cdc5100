/*
 * tmpl_int: what tmpl_parse.c, tmpl_render.c and tmpl_set.c share: the
 * parsed form of a template.  Not part of the public API.
 */
#ifndef GZ_TMPL_INT_H
#define GZ_TMPL_INT_H

#include <stdint.h>

#include "tmpl.h"

enum node_type {
	N_TEXT,     /* text[str .. str+len) */
	N_VAR,      /* {{name}}: escaped */
	N_RAW,      /* {{{name}}} or {{&name}} */
	N_SECTION,  /* {{#name}} children {{/name}} */
	N_INVERTED, /* {{^name}} children {{/name}} */
	N_PARTIAL,  /* {{>name}} */
	N_PARENT,   /* {{<name}} blocks {{/name}} */
	N_BLOCK,    /* {{$name}} default or override {{/name}} */
};

/* Node flags. */
#define NF_STANDALONE 0x1 /* the tag stood alone on its line (removed) */
#define NF_DYNAMIC    0x2 /* {{>*name}}, {{<*name}}: the name is looked up */

/*
 * One node.  Children of a section, block or parent are the nodes
 * [i + 1, end); every other node has end = i + 1, so a renderer walks
 * siblings with i = nodes[i].end.
 *
 * Names: pool + name is the whole name, NUL-terminated (partials,
 * parents and blocks go by it); pool + seg holds the nseg parts of a
 * dotted name one after another, each NUL-terminated, as looked up in
 * the context (nseg 0 is the implicit iterator ".").
 *
 * ind/indlen: for a standalone partial or parent, the whitespace that
 * preceded it on its line; for a block, its own indentation (the
 * whitespace opening the line after a standalone {{$name}}, or before
 * an inline one).
 */
struct node {
	uint8_t type;
	uint8_t flags;
	uint16_t nseg;
	uint32_t end;
	uint32_t str; /* N_TEXT: offset in text; else: name offset in pool */
	uint32_t len; /* N_TEXT: length; else: length of the whole name */
	uint32_t seg; /* offset of the dotted parts in pool */
	uint32_t ind; /* offset of the indentation in pool */
	uint32_t indlen;
	uint32_t line; /* where the tag is, for messages */
	uint32_t col;
};

struct tmpl {
	char *name; /* as given to tmpl_parse() */
	struct node *nodes;
	uint32_t nnodes;
	char *text; /* the bytes of every N_TEXT */
	char *pool; /* names and indentation */
};

#endif
