/*
 * tmpl_render: the node array of a parsed template, with JSON data, to
 * text.
 *
 * Everything a rendering needs that changes as it goes lives in one
 * struct render on the caller's stack: the context stack (borrowed
 * json_t pointers), the chain of parent tags whose blocks override
 * (struct scope, on the C stack), and the line state of the current
 * "frame".  Nothing is written outside it and out, so any number of
 * threads may render the same templates at once.
 *
 * Indentation.  The spec indents every line of a standalone partial or
 * parent by the whitespace before its tag, and moves block overrides
 * from the indentation where they were written to the indentation of the
 * block they replace.  Both are line transforms on the template's own
 * text (never on interpolated values): at the start of each line of a
 * frame, strip `in` (the override's own indentation) and write `out` (a
 * chain of indentations, outermost first).  A frame starts with each
 * partial, parent or block override; `pending` says the next output
 * starts a line.  Lines left empty get no indentation, so standalone
 * partials add no trailing blanks to the page.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "tmpl_int.h"

/* The deepest context stack (sections within sections). */
#define CTX_MAX 512
/* The deepest nesting of sections, blocks and partials while rendering. */
#define NEST_MAX 1000

struct indent {
	const char *s;
	size_t n;
	const struct indent *up;
};

/* A parent tag being rendered: its blocks override the parent's. */
struct scope {
	const struct tmpl *t;
	uint32_t parent; /* index of the N_PARENT node in t */
	const struct scope *up;
};

struct frame {
	const struct indent *out; /* written at line starts (NULL: none) */
	const char *in;           /* stripped at line starts */
	size_t inlen;
	int active;  /* out or in is set */
	int pending; /* the next output starts a line */
	int strip;   /* the next text starts a line of the override */
};

struct render {
	const struct tmpl_set *set;
	struct buf *out, *why;
	size_t start, max_output;
	unsigned long steps, max_steps;
	int depth, max_depth, nest;
	const json_t *ctx[CTX_MAX];
	int sp;
	struct frame f;
	const struct scope *scopes;
};

static int render_nodes(
    struct render *r, const struct tmpl *t, uint32_t i, uint32_t end);

static int rerr(struct render *r, const struct tmpl *t, const struct node *nd,
    int rc, const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Append "NAME:LINE:COL: message" for nd to why; returns rc. */
static int
rerr(struct render *r, const struct tmpl *t, const struct node *nd, int rc,
    const char *fmt, ...)
{
	va_list ap;

	if (r->why) {
		buf_printf(r->why, "%s:%u:%u: ", t->name, nd->line, nd->col);
		va_start(ap, fmt);
		buf_vprintf(r->why, fmt, ap);
		va_end(ap);
	}
	return rc;
}

/* items.0: an element of an array by its decimal index (an extension,
 * as in JavaScript engines: themes show "the first of" a list). */
static const json_t *
array_get(const json_t *a, const char *k)
{
	size_t i = 0, n = json_array_size(a);

	if (*k == '\0' || (k[0] == '0' && k[1] != '\0'))
		return NULL;
	for (; *k; k++) {
		if (*k < '0' || *k > '9' || i >= n)
			return NULL;
		i = i * 10 + (size_t)(*k - '0');
	}
	return i < n ? json_array_get(a, i) : NULL;
}

/* Look a (dotted) name up in the context stack; NULL when missing. */
static const json_t *
lookup(const struct render *r, const struct tmpl *t, const struct node *nd)
{
	const char *k = t->pool + nd->seg;
	const json_t *v = NULL;
	int i, s;

	if (r->sp == 0)
		return NULL;
	if (nd->nseg == 0)
		return r->ctx[r->sp - 1];
	for (i = r->sp - 1; i >= 0; i--)
		if (json_is_object(r->ctx[i]) &&
		    (v = json_object_get(r->ctx[i], k)))
			break;
	for (s = 1; v && s < nd->nseg; s++) {
		k += strlen(k) + 1;
		if (json_is_object(v))
			v = json_object_get(v, k);
		else if (json_is_array(v))
			v = array_get(v, k);
		else
			v = NULL;
	}
	return v;
}

/* Whether a section shows: false, null, [] and "" do not. */
static int
truthy(const json_t *v)
{
	if (v == NULL)
		return 0;
	switch (json_typeof(v)) {
	case JSON_FALSE:
	case JSON_NULL: return 0;
	case JSON_ARRAY: return json_array_size(v) > 0;
	case JSON_STRING: return json_string_length(v) > 0;
	default: return 1;
	}
}

/* Write the indentation chain, outermost first. */
static void
indent_put(struct buf *b, const struct indent *in)
{
	if (in == NULL)
		return;
	indent_put(b, in->up);
	buf_put(b, in->s, in->n);
}

/* Before output that is not template text: start the line if due. */
static void
line_start(struct render *r)
{
	if (!r->f.active)
		return;
	r->f.strip = 0;
	if (r->f.pending) {
		indent_put(r->out, r->f.out);
		r->f.pending = 0;
	}
}

/* Template text: indent and strip at each line start of the frame. */
static void
text_put(struct render *r, const char *s, size_t n)
{
	const char *nl;
	size_t k;

	if (!r->f.active) {
		buf_put(r->out, s, n);
		return;
	}
	while (n) {
		if (r->f.strip) {
			for (k = 0;
			     k < n && k < r->f.inlen && s[k] == r->f.in[k]; k++)
				;
			s += k, n -= k;
			r->f.strip = 0;
			if (n == 0)
				return;
		}
		if (r->f.pending) {
			if (s[0] != '\n' &&
			    !(s[0] == '\r' && n > 1 && s[1] == '\n'))
				indent_put(r->out, r->f.out);
			r->f.pending = 0;
		}
		if ((nl = memchr(s, '\n', n)) == NULL) {
			buf_put(r->out, s, n);
			return;
		}
		k = (size_t)(nl - s) + 1;
		buf_put(r->out, s, k);
		s += k, n -= k;
		r->f.pending = 1;
		r->f.strip = r->f.inlen > 0;
		/* Deep indentation can make one text node huge: stop early;
		 * render_nodes() reports it at the next node. */
		if (r->out->len - r->start > r->max_output)
			return;
	}
}

/* An integer in decimal, without printf. */
static void
int_put(struct buf *b, json_int_t v)
{
	char d[24], *p = d + sizeof d;
	unsigned long long u =
	    v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;

	do
		*--p = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		*--p = '-';
	buf_put(b, p, (size_t)(d + sizeof d - p));
}

/* A real in the shortest form that reads back as the same double. */
static void
real_put(struct buf *b, double v)
{
	char d[40];
	int prec;

	for (prec = 1; prec < 17; prec++) {
		snprintf(d, sizeof d, "%.*g", prec, v);
		if (strtod(d, NULL) == v)
			break;
	}
	if (prec == 17)
		snprintf(d, sizeof d, "%.17g", v);
	buf_puts(b, d);
}

/* An interpolated value; objects, arrays and null print nothing. */
static void
value_put(struct render *r, const json_t *v, int escape)
{
	line_start(r);
	if (v == NULL)
		return;
	switch (json_typeof(v)) {
	case JSON_STRING:
		if (escape)
			escape_html(r->out, json_string_value(v),
			    json_string_length(v));
		else
			buf_put(r->out, json_string_value(v),
			    json_string_length(v));
		break;
	case JSON_INTEGER: int_put(r->out, json_integer_value(v)); break;
	case JSON_REAL: real_put(r->out, json_real_value(v)); break;
	case JSON_TRUE: buf_puts(r->out, "true"); break;
	case JSON_FALSE: buf_puts(r->out, "false"); break;
	default: break;
	}
}

/* Render the children of a section with v on top of the context. */
static int
section_push(
    struct render *r, const struct tmpl *t, uint32_t i, const json_t *v)
{
	const struct node *nd = &t->nodes[i];
	int rc;

	if (r->sp == CTX_MAX)
		return rerr(r, t, nd, GZ_ETOOBIG,
		    "sections nested more than "
		    "%d deep",
		    CTX_MAX);
	r->ctx[r->sp++] = v;
	rc = render_nodes(r, t, i + 1, nd->end);
	r->sp--;
	return rc;
}

static int
section(struct render *r, const struct tmpl *t, uint32_t i)
{
	const struct node *nd = &t->nodes[i];
	const json_t *v = lookup(r, t, nd);
	size_t k, n;
	int rc;

	if (!truthy(v))
		return GZ_OK;
	if (!json_is_array(v))
		return section_push(r, t, i, v);
	n = json_array_size(v);
	for (k = 0; k < n; k++)
		if ((rc = section_push(r, t, i, json_array_get(v, k))))
			return rc;
	return GZ_OK;
}

/*
 * The template a partial or parent tag names: its own name, or for
 * {{>*name}} the string the name looks up.  NULL renders as nothing.
 */
static const struct tmpl *
named(const struct render *r, const struct tmpl *t, const struct node *nd,
    const char **name)
{
	const json_t *v;

	*name = t->pool + nd->str;
	if (nd->flags & NF_DYNAMIC) {
		v = lookup(r, t, nd);
		if (!json_is_string(v))
			return NULL;
		*name = json_string_value(v);
	}
	return tmpl_set_get(r->set, *name);
}

/* The indentation s[0..n) as written inside the current frame. */
static void
indent_in_frame(const struct render *r, const char **s, size_t *n)
{
	size_t k = 0;

	while (k < *n && k < r->f.inlen && (*s)[k] == r->f.in[k])
		k++;
	*s += k, *n -= k;
}

/*
 * Render pt (a partial, or a parent with its scope already pushed) in a
 * new frame: indented like a standalone tag, or not at all.
 */
static int
include(struct render *r, const struct tmpl *t, const struct node *nd,
    const struct tmpl *pt, const char *name)
{
	struct frame saved = r->f;
	struct indent ind;
	const char *s = t->pool + nd->ind;
	size_t n = nd->indlen;
	int rc;

	if (r->depth >= r->max_depth)
		return rerr(r, t, nd, GZ_EINVAL,
		    "partial \"%s\" nested more "
		    "than %d deep; does it include itself with no end?",
		    name, r->max_depth);
	if (nd->flags & NF_STANDALONE) {
		indent_in_frame(r, &s, &n);
		if (n) {
			ind.s = s, ind.n = n, ind.up = r->f.out;
			r->f.out = &ind;
		}
		r->f.pending = 1;
	} else {
		line_start(r);
		r->f.out = NULL;
		r->f.pending = 0;
	}
	r->f.in = NULL;
	r->f.inlen = 0;
	r->f.strip = 0;
	r->f.active = r->f.out != NULL;
	r->depth++;
	rc = render_nodes(r, pt, 0, pt->nnodes);
	r->depth--;
	r->f = saved;
	return rc;
}

static int
partial(struct render *r, const struct tmpl *t, uint32_t i)
{
	const struct node *nd = &t->nodes[i];
	const struct tmpl *pt;
	const char *name;

	if ((pt = named(r, t, nd, &name)) == NULL)
		return GZ_OK;
	return include(r, t, nd, pt, name);
}

static int
parent(struct render *r, const struct tmpl *t, uint32_t i)
{
	const struct node *nd = &t->nodes[i];
	const struct tmpl *pt;
	const char *name;
	struct scope sc;
	int rc;

	if ((pt = named(r, t, nd, &name)) == NULL)
		return GZ_OK;
	sc.t = t, sc.parent = i, sc.up = r->scopes;
	r->scopes = &sc;
	rc = include(r, t, nd, pt, name);
	r->scopes = sc.up;
	return rc;
}

/*
 * A block: the override given by the outermost parent tag that has one
 * (the most derived template wins), else its own content.
 */
static int
block(struct render *r, const struct tmpl *t, uint32_t i)
{
	const struct node *nd = &t->nodes[i], *on = NULL, *c;
	const struct tmpl *ot = NULL;
	const struct scope *sc;
	struct frame saved;
	struct indent ind;
	const char *s;
	size_t n;
	uint32_t k, found = 0;
	int rc;

	for (sc = r->scopes; sc; sc = sc->up) {
		const struct node *pn = &sc->t->nodes[sc->parent];
		for (k = sc->parent + 1; k < pn->end; k = c->end) {
			c = &sc->t->nodes[k];
			if (c->type == N_BLOCK && c->len == nd->len &&
			    memcmp(sc->t->pool + c->str, t->pool + nd->str,
			        nd->len) == 0) {
				ot = sc->t, on = c, found = k;
				break;
			}
		}
	}
	if (on == NULL)
		return render_nodes(r, t, i + 1, nd->end);
	if (r->nest >= NEST_MAX)
		return rerr(r, t, nd, GZ_ETOOBIG,
		    "block \"%s\" nested more "
		    "than %d deep",
		    t->pool + nd->str, NEST_MAX);
	saved = r->f;
	s = t->pool + nd->ind;
	n = nd->indlen;
	indent_in_frame(r, &s, &n);
	if (!(nd->flags & NF_STANDALONE))
		line_start(r);
	if (n) {
		ind.s = s, ind.n = n, ind.up = r->f.out;
		r->f.out = &ind;
	}
	r->f.pending = (nd->flags & NF_STANDALONE) != 0;
	r->f.in = ot->pool + on->ind;
	r->f.inlen = on->indlen;
	r->f.strip = (on->flags & NF_STANDALONE) && on->indlen;
	r->f.active = r->f.out != NULL || r->f.inlen > 0;
	rc = render_nodes(r, ot, found + 1, on->end);
	r->f = saved;
	return rc;
}

/* Render the siblings [i, end) of t. */
static int
render_nodes(struct render *r, const struct tmpl *t, uint32_t i, uint32_t end)
{
	const struct node *nd;
	int rc = GZ_OK;

	if (++r->nest > NEST_MAX) {
		r->nest--;
		return rerr(r, t, &t->nodes[i > 0 ? i - 1 : 0], GZ_ETOOBIG,
		    "sections, blocks and partials nested more than %d deep",
		    NEST_MAX);
	}
	for (; i < end && rc == GZ_OK; i = nd->end) {
		nd = &t->nodes[i];
		if (++r->steps > r->max_steps) {
			rc = rerr(r, t, nd, GZ_ETOOBIG,
			    "rendering takes more "
			    "than %lu steps; does a partial repeat itself?",
			    r->max_steps);
			break;
		}
		if (r->out->len - r->start > r->max_output) {
			rc = rerr(r, t, nd, GZ_ETOOBIG,
			    "the page is larger "
			    "than the %zu bytes allowed",
			    r->max_output);
			break;
		}
		switch (nd->type) {
		case N_TEXT: text_put(r, t->text + nd->str, nd->len); break;
		case N_VAR: value_put(r, lookup(r, t, nd), 1); break;
		case N_RAW: value_put(r, lookup(r, t, nd), 0); break;
		case N_SECTION: rc = section(r, t, i); break;
		case N_INVERTED:
			if (!truthy(lookup(r, t, nd)))
				rc = render_nodes(r, t, i + 1, nd->end);
			break;
		case N_PARTIAL: rc = partial(r, t, i); break;
		case N_PARENT: rc = parent(r, t, i); break;
		case N_BLOCK: rc = block(r, t, i); break;
		}
	}
	r->nest--;
	return rc;
}

int
tmpl_render_limited(const struct tmpl *t, const struct tmpl_set *partials,
    const json_t *data, struct buf *out, struct buf *why,
    const struct tmpl_limits *lim)
{
	struct render *r;
	json_t *empty = NULL;
	int rc;

	/* The context stack is 4 kB: off the caller's (maybe small) stack. */
	if ((r = calloc(1, sizeof *r)) == NULL)
		return GZ_ENOMEM;
	r->set = partials;
	r->out = out;
	r->why = why;
	r->start = out->len;
	r->max_output = lim && lim->max_output ? lim->max_output : 256u << 20;
	r->max_steps = lim && lim->max_steps ? lim->max_steps : 100000000ul;
	r->max_depth = lim && lim->max_depth ? lim->max_depth : TMPL_MAX_DEPTH;
	if (data == NULL && (data = empty = json_object()) == NULL) {
		free(r);
		return GZ_ENOMEM;
	}
	r->ctx[r->sp++] = data;
	rc = render_nodes(r, t, 0, t->nnodes);
	if (rc == GZ_OK && (rc = buf_error(out)) != GZ_OK && why)
		buf_printf(why, "%s: %s", t->name, gz_strerror(rc));
	json_decref(empty);
	free(r);
	return rc;
}

int
tmpl_render(const struct tmpl *t, const struct tmpl_set *partials,
    const json_t *data, struct buf *out, struct buf *why)
{
	return tmpl_render_limited(t, partials, data, out, why, NULL);
}
