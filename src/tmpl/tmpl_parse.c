/*
 * tmpl_parse: Mustache text to the node array of tmpl_int.h.
 *
 * Three passes over a list of tokens, because whether a tag is
 * "standalone" (alone on its line, so that the line disappears) depends
 * on what follows it:
 *
 *   1. tokenize: split the text into text and tags, following set
 *      delimiter tags, and check that sections nest;
 *   2. standalone: for each line made of whitespace and tags that print
 *      nothing ({{#}} {{^}} {{/}} {{!}} {{=}} {{>}} {{<}} {{$}}), cut the
 *      whitespace and the line ending, and remember the indentation that
 *      partials, parents and blocks pass on;
 *   3. build: the nodes, with text copied (comments gone, neighbours
 *      merged) and dotted names split once, here rather than per render.
 *
 * A line may hold several such tags when all but one are parent tags:
 * "{{<parent}}{{$block}}" and "{{/block}}{{/parent}}" stand alone, as
 * the spec's inheritance tests want, while "{{$a}}{{/a}}" and
 * "{{#a}}{{/a}}" print in place.
 */
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "tmpl_int.h"
#include "utf8.h"

#define TK_TEXT 0
/* Longest dotted name, in parts. */
#define MAX_SEGS 256

struct tok {
	int type;         /* TK_TEXT or the tag's sigil; 'v' for {{name}} */
	size_t s, n;      /* text: its bytes; tag: its trimmed name */
	size_t ts;        /* tag: offset of its opening delimiter */
	size_t cf, cb;    /* text: bytes cut at the front and the back */
	size_t ind, indn; /* indentation passed on (range of the source) */
	int dyn;          /* name began with '*' */
	int closes;       /* '/': the sigil of the tag it closes */
	int standalone;
};

struct parser {
	const char *name; /* for messages */
	const char *src;
	size_t n;
	struct tok *toks;
	size_t ntok, cap;
	struct buf *why;
};

static int perr(struct parser *p, size_t off, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Append "NAME:LINE:COL: message" to why; returns GZ_EINVAL. */
static int
perr(struct parser *p, size_t off, const char *fmt, ...)
{
	va_list ap;
	size_t line, col;

	utf8_position(p->src, off, &line, &col);
	if (p->why) {
		buf_printf(p->why, "%s:%zu:%zu: ", p->name, line, col);
		va_start(ap, fmt);
		buf_vprintf(p->why, fmt, ap);
		va_end(ap);
	}
	return GZ_EINVAL;
}

static int
is_ws(int c)
{
	return c == ' ' || c == '\t';
}

/* Add a token; returns it, or NULL when out of memory. */
static struct tok *
tok_add(struct parser *p, int type, size_t s, size_t n)
{
	struct tok *t;

	if (p->ntok == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 64;
		t = realloc(p->toks, cap * sizeof *t);
		if (t == NULL)
			return NULL;
		p->toks = t;
		p->cap = cap;
	}
	t = &p->toks[p->ntok++];
	memset(t, 0, sizeof *t);
	t->type = type;
	t->s = s;
	t->n = n;
	return t;
}

/*
 * Find the end of a tag whose content starts at from: the close
 * delimiter, preceded by extra (a '}' or '=') when extra is not 0.
 * Returns the offset of the content's end (before extra), or -1.
 */
static long long
tag_close(const struct parser *p, size_t from, const char *ctag, size_t clen,
    int extra, size_t *after)
{
	size_t q = from;
	const char *f;

	while (q <= p->n && (f = memmem(p->src + q, p->n - q, ctag, clen))) {
		size_t e = (size_t)(f - p->src);
		if (!extra) {
			*after = e + clen;
			return (long long)e;
		}
		if (e > from && p->src[e - 1] == extra) {
			*after = e + clen;
			return (long long)(e - 1);
		}
		q = e + 1;
	}
	return -1;
}

/* Parse the inside of {{=<% %>=}}; returns 0 when it is not two delimiters. */
static int
delims_parse(const char *s, size_t n, const char **o, size_t *on,
    const char **c, size_t *cn)
{
	size_t i = 0, a;

	while (i < n && is_ws(s[i]))
		i++;
	for (a = i; i < n && !is_ws(s[i]) && s[i] != '='; i++)
		;
	*o = s + a;
	*on = i - a;
	if (*on == 0 || i >= n || !is_ws(s[i]))
		return 0;
	while (i < n && is_ws(s[i]))
		i++;
	for (a = i; i < n && !is_ws(s[i]) && s[i] != '='; i++)
		;
	*c = s + a;
	*cn = i - a;
	while (i < n && is_ws(s[i]))
		i++;
	return *cn > 0 && i == n;
}

/* A short, printable form of a name for messages. */
static int
name_shown(size_t n)
{
	return n > 60 ? 60 : (int)n;
}

/* Pass 1: text and tags. */
static int
tokenize(struct parser *p)
{
	const char *otag = "{{", *ctag = "}}";
	size_t olen = 2, clen = 2, pos = 0, after, *open = NULL, nopen = 0;
	size_t capopen = 0;
	int rc = GZ_OK;

	while (pos < p->n) {
		const char *f = memmem(p->src + pos, p->n - pos, otag, olen);
		size_t ts, cs, ce, i;
		long long end;
		int type, extra = 0;
		struct tok *t;

		if (f == NULL) {
			if (!tok_add(p, TK_TEXT, pos, p->n - pos))
				goto nomem;
			break;
		}
		ts = (size_t)(f - p->src);
		if (ts > pos && !tok_add(p, TK_TEXT, pos, ts - pos))
			goto nomem;
		cs = ts + olen;
		type = cs < p->n ? (unsigned char)p->src[cs] : 0;
		if (type && strchr("#^/!>&<$={", type))
			cs++;
		else
			type = 'v';
		if (type == '{')
			extra = '}';
		else if (type == '=')
			extra = '=';
		end = tag_close(p, cs, ctag, clen, extra, &after);
		if (end < 0) {
			rc = perr(p, ts,
			    "unclosed tag: no \"%s%.*s\" after "
			    "this \"%.*s\"",
			    extra == '}'       ? "}"
			        : extra == '=' ? "="
			                       : "",
			    (int)clen, ctag, (int)olen, otag);
			goto out;
		}
		ce = (size_t)end;
		pos = after;
		if (type == '=') {
			const char *o, *c;
			size_t on, cn;
			if (!delims_parse(
			        p->src + cs, ce - cs, &o, &on, &c, &cn)) {
				rc = perr(p, ts,
				    "bad delimiters: write two "
				    "delimiters without spaces or = inside, "
				    "as in {{=<%% %%>=}}");
				goto out;
			}
			otag = o, olen = on, ctag = c, clen = cn;
		}
		while (cs < ce && is_ws(p->src[cs]))
			cs++;
		while (ce > cs && is_ws(p->src[ce - 1]))
			ce--;
		if (!(t = tok_add(p, type, cs, ce - cs)))
			goto nomem;
		t->ts = ts;
		if (type == '!' || type == '=')
			continue;
		/* {{<*name}} closes with {{/name}}, or the same with a star. */
		if ((type == '>' || type == '<' || type == '/') && t->n &&
		    p->src[t->s] == '*') {
			t->dyn = 1;
			t->s++, t->n--;
			while (t->n && is_ws(p->src[t->s]))
				t->s++, t->n--;
		}
		if (t->n == 0) {
			rc = perr(p, ts, "empty tag name");
			goto out;
		}
		for (i = 0; i < t->n; i++) {
			unsigned char ch = (unsigned char)p->src[t->s + i];
			if (ch <= ' ' || ch == 0x7f) {
				rc = perr(p, ts,
				    "tag name \"%.*s\" contains a "
				    "space or control character",
				    name_shown(t->n), p->src + t->s);
				goto out;
			}
		}
		if (strchr("#^$<", type)) {
			if (nopen == capopen) {
				size_t c2 = capopen ? capopen * 2 : 16;
				size_t *o2 = realloc(open, c2 * sizeof *o2);
				if (o2 == NULL)
					goto nomem;
				open = o2;
				capopen = c2;
			}
			open[nopen++] = p->ntok - 1;
		} else if (type == '/') {
			struct tok *o;
			size_t line, col;
			if (nopen == 0) {
				rc = perr(p, ts,
				    "{{/%.*s}} closes nothing: no "
				    "section is open",
				    name_shown(t->n), p->src + t->s);
				goto out;
			}
			o = &p->toks[open[--nopen]];
			if (o->n != t->n ||
			    memcmp(p->src + o->s, p->src + t->s, t->n) != 0) {
				utf8_position(p->src, o->ts, &line, &col);
				rc = perr(p, ts,
				    "{{/%.*s}} does not close "
				    "{{%c%s%.*s}} (line %zu, column %zu); "
				    "close "
				    "that first",
				    name_shown(t->n), p->src + t->s, o->type,
				    o->dyn ? "*" : "", name_shown(o->n),
				    p->src + o->s, line, col);
				goto out;
			}
			t->closes = o->type;
		}
	}
	if (nopen) {
		struct tok *o = &p->toks[open[nopen - 1]];
		rc = perr(p, o->ts,
		    "{{%c%s%.*s}} is never closed; add "
		    "{{/%.*s}}",
		    o->type, o->dyn ? "*" : "", name_shown(o->n), p->src + o->s,
		    name_shown(o->n), p->src + o->s);
	}
out:
	free(open);
	return rc;
nomem:
	free(open);
	return GZ_ENOMEM;
}

/* Whether s[0..n) is only spaces and tabs. */
static int
all_ws(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!is_ws(s[i]))
			return 0;
	return 1;
}

/* Offset of the first c in s[0..n), or n. */
static size_t
find_first(const char *s, size_t n, int c)
{
	const char *f = memchr(s, c, n);

	return f ? (size_t)(f - s) : n;
}

/* Offset just after the last '\n' in s[0..n), or 0 when there is none. */
static size_t
after_last_nl(const char *s, size_t n, int *found)
{
	size_t i = n;

	while (i > 0 && s[i - 1] != '\n')
		i--;
	*found = i > 0;
	return i;
}

/* The spaces and tabs starting at off. */
static size_t
ws_run(const struct parser *p, size_t off)
{
	size_t i = off;

	while (i < p->n && is_ws(p->src[i]))
		i++;
	return i - off;
}

/* Whether a tag prints nothing where it stands (may stand alone). */
static int
tag_silent(int type)
{
	return type && strchr("#^/!=><$", type) != NULL;
}

/* Pass 2: find the standalone lines and cut them out. */
static void
standalone(struct parser *p)
{
	size_t i = 0, j, k, lead, leadn, nl;
	int found, ok, others;

	while (i < p->ntok) {
		struct tok *t = &p->toks[i], *prev, *next;

		if (t->type == TK_TEXT) {
			i++;
			continue;
		}
		/* Is the tag the first thing on its line after whitespace? */
		if (i == 0) {
			lead = t->ts, leadn = 0;
		} else {
			prev = &p->toks[i - 1];
			if (prev->type != TK_TEXT) {
				i++;
				continue;
			}
			lead = after_last_nl(p->src + prev->s, prev->n, &found);
			leadn = prev->n - lead;
			lead += prev->s;
			if ((!found && i != 1) ||
			    !all_ws(p->src + lead, leadn)) {
				i++;
				continue;
			}
		}
		/* The run of tags and blanks on this line. */
		for (j = k = i; j < p->ntok; j++) {
			struct tok *u = &p->toks[j];
			if (u->type != TK_TEXT)
				k = j;
			else if (memchr(p->src + u->s, '\n', u->n) ||
			    !all_ws(p->src + u->s, u->n))
				break;
		}
		ok = 1;
		nl = 0;
		next = j < p->ntok ? &p->toks[j] : NULL;
		if (next) {
			nl = find_first(p->src + next->s, next->n, '\n');
			if (nl == next->n)
				ok = 0;
			else if (!all_ws(p->src + next->s, nl) &&
			    !(nl > 0 && p->src[next->s + nl - 1] == '\r' &&
			        all_ws(p->src + next->s, nl - 1)))
				ok = 0;
		}
		others = 0;
		for (j = i; j <= k && ok; j++) {
			struct tok *u = &p->toks[j];
			if (u->type == TK_TEXT)
				continue;
			if (!tag_silent(u->type))
				ok = 0;
			else if (u->type != '<' && u->closes != '<')
				others++;
		}
		if (others > 1)
			ok = 0;
		if (!ok) {
			/* An inline block keeps the indentation before it. */
			if (t->type == '$')
				t->ind = lead, t->indn = leadn;
			i = k + 1;
			continue;
		}
		if (i > 0)
			p->toks[i - 1].cb = leadn;
		for (j = i; j <= k; j++) {
			struct tok *u = &p->toks[j];
			if (u->type == TK_TEXT) {
				u->cf = u->n;
				continue;
			}
			u->standalone = 1;
			if (u->type == '>' || u->type == '<') {
				u->ind = lead, u->indn = leadn;
			} else if (u->type == '$') {
				/* Its indentation is that of the next line. */
				size_t at = next ? next->s + nl + 1 : p->n;
				u->ind = at, u->indn = ws_run(p, at);
			}
		}
		if (next)
			next->cf = nl + 1;
		else /* the last line: blanks after the tags go too */
			for (j = k + 1; j < p->ntok; j++)
				p->toks[j].cf = p->toks[j].n;
		i = k + 1;
	}
}

/* Parse-time state of pass 3. */
struct builder {
	struct node *nodes;
	size_t n, cap;
	struct buf text, pool;
	size_t at, line, col; /* a cursor for line and column numbers */
};

/* Move the cursor to off (never backwards) and give its line/column. */
static void
where(struct builder *b, const struct parser *p, size_t off)
{
	for (; b->at < off && b->at < p->n; b->at++) {
		unsigned char ch = (unsigned char)p->src[b->at];
		if (ch == '\n')
			b->line++, b->col = 1;
		else if ((ch & 0xc0) != 0x80)
			b->col++;
	}
}

static struct node *
node_add(struct builder *b, int type)
{
	struct node *nd;

	if (b->n == b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 32;
		nd = realloc(b->nodes, cap * sizeof *nd);
		if (nd == NULL)
			return NULL;
		b->nodes = nd;
		b->cap = cap;
	}
	nd = &b->nodes[b->n];
	memset(nd, 0, sizeof *nd);
	nd->type = (uint8_t)type;
	nd->end = (uint32_t)++b->n;
	return nd;
}

/* Store a tag's name, its dotted parts and its indentation. */
static int
node_name(struct builder *b, const struct parser *p, struct node *nd,
    const struct tok *t)
{
	const char *s = p->src + t->s;
	size_t i, nseg = 1;

	nd->str = (uint32_t)b->pool.len;
	nd->len = (uint32_t)t->n;
	buf_put(&b->pool, s, t->n);
	buf_putc(&b->pool, 0);
	nd->seg = nd->str;
	if (t->n == 1 && s[0] == '.') {
		nd->nseg = 0;
	} else {
		for (i = 0; i < t->n; i++)
			nseg += s[i] == '.';
		if (nseg > MAX_SEGS)
			return perr((struct parser *)p, t->ts,
			    "the name "
			    "\"%.*s\" has more than %d parts",
			    name_shown(t->n), s, MAX_SEGS);
		nd->nseg = (uint16_t)nseg;
		if (nseg > 1) {
			nd->seg = (uint32_t)b->pool.len;
			for (i = 0; i < t->n; i++)
				buf_putc(&b->pool, s[i] == '.' ? 0 : s[i]);
			buf_putc(&b->pool, 0);
		}
	}
	nd->ind = (uint32_t)b->pool.len;
	nd->indlen = (uint32_t)t->indn;
	buf_put(&b->pool, p->src + t->ind, t->indn);
	buf_putc(&b->pool, 0);
	if (t->standalone)
		nd->flags |= NF_STANDALONE;
	if (t->dyn)
		nd->flags |= NF_DYNAMIC;
	where(b, p, t->ts);
	nd->line = (uint32_t)(b->line > UINT32_MAX ? UINT32_MAX : b->line);
	nd->col = (uint32_t)(b->col > UINT32_MAX ? UINT32_MAX : b->col);
	return buf_error(&b->pool);
}

/* Pass 3: the nodes. */
static int
build(struct parser *p, struct builder *b)
{
	size_t i, *open = NULL, nopen = 0;
	int merge = 0, rc = GZ_OK;
	struct node *nd;

	/* Sections nest no deeper than there are tokens. */
	if (p->ntok && !(open = malloc(p->ntok * sizeof *open)))
		return GZ_ENOMEM;
	for (i = 0; i < p->ntok; i++) {
		struct tok *t = &p->toks[i];
		size_t s, n;
		int type = -1;

		switch (t->type) {
		case TK_TEXT:
			n = t->n - t->cf - t->cb;
			s = t->s + t->cf;
			if (t->cf + t->cb >= t->n)
				continue;
			/* Text directly inside a parent is ignored. */
			if (nopen && b->nodes[open[nopen - 1]].type == N_PARENT)
				continue;
			if (merge) {
				buf_put(&b->text, p->src + s, n);
				b->nodes[b->n - 1].len += (uint32_t)n;
				continue;
			}
			if (!(nd = node_add(b, N_TEXT)))
				goto nomem;
			nd->str = (uint32_t)b->text.len;
			nd->len = (uint32_t)n;
			buf_put(&b->text, p->src + s, n);
			merge = 1;
			continue;
		case '!':
		case '=': continue;
		case '/':
			b->nodes[open[--nopen]].end = (uint32_t)b->n;
			merge = 0;
			continue;
		case 'v': type = N_VAR; break;
		case '&':
		case '{': type = N_RAW; break;
		case '#': type = N_SECTION; break;
		case '^': type = N_INVERTED; break;
		case '>': type = N_PARTIAL; break;
		case '<': type = N_PARENT; break;
		case '$': type = N_BLOCK; break;
		}
		merge = 0;
		if (!(nd = node_add(b, type)))
			goto nomem;
		if ((rc = node_name(b, p, nd, t)))
			break;
		if (type == N_SECTION || type == N_INVERTED ||
		    type == N_PARENT || type == N_BLOCK)
			open[nopen++] = b->n - 1;
	}
	free(open);
	if (rc == GZ_OK)
		rc = buf_error(&b->text);
	return rc;
nomem:
	free(open);
	return GZ_ENOMEM;
}

int
tmpl_parse(const char *name, const char *text, size_t n, struct tmpl **out,
    struct buf *why)
{
	struct parser p;
	struct builder b;
	struct tmpl *t;
	int rc;

	*out = NULL;
	if (name == NULL)
		name = "template";
	if (n > TMPL_MAX_SIZE) {
		if (why)
			buf_printf(why,
			    "%s: a template of %zu bytes is larger "
			    "than the %u allowed",
			    name, n, TMPL_MAX_SIZE);
		return GZ_ETOOBIG;
	}
	memset(&p, 0, sizeof p);
	memset(&b, 0, sizeof b);
	buf_init(&b.text);
	buf_init(&b.pool);
	b.line = b.col = 1;
	p.name = name;
	p.src = text ? text : "";
	p.n = text ? n : 0;
	p.why = why;
	if ((rc = tokenize(&p)) == GZ_OK) {
		standalone(&p);
		rc = build(&p, &b);
	}
	free(p.toks);
	if (rc == GZ_OK && !(t = calloc(1, sizeof *t)))
		rc = GZ_ENOMEM;
	if (rc) {
		free(b.nodes);
		buf_free(&b.text);
		buf_free(&b.pool);
		return rc;
	}
	t->nodes = b.nodes;
	t->nnodes = (uint32_t)b.n;
	t->name = strdup(name);
	t->text = buf_detach(&b.text, NULL);
	t->pool = buf_detach(&b.pool, NULL);
	if (!t->name || !t->text || !t->pool) {
		tmpl_free(t);
		return GZ_ENOMEM;
	}
	*out = t;
	return GZ_OK;
}

void
tmpl_free(struct tmpl *t)
{
	if (t == NULL)
		return;
	free(t->name);
	free(t->nodes);
	free(t->text);
	free(t->pool);
	free(t);
}

const char *
tmpl_name(const struct tmpl *t)
{
	return t->name;
}
