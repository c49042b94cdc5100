/*
 * fuzz_sanitize: libFuzzer target for sanitize_html() and
 * sanitize_html_opt().
 *
 * Whatever the input, the output must read back, with a tokenizer much
 * simpler than a browser's, as nothing but allowed tags, allowed
 * attributes with double-quoted values, and escaped text; tags must
 * balance and nest no deeper than SANITIZE_MAX_DEPTH; href and src must
 * pass a URL check written here independently of url_is_safe(); style
 * must be plain "property:value" pairs; the output must be valid UTF-8
 * and the same on a second run; and sanitizing it again must give it
 * back byte for byte.
 *
 * Then the same with an image hook that relinks one image, drops the
 * next and keeps the third as it is, the way the admin relinks pasted
 * pictures: its output is checked the same way and must be its own
 * output too (without the hook: what the hook kept is safe as it is).
 * Last, a hook that fails at one call: sanitize_html_opt() must return
 * its error and leave out as it was.  Any violation aborts.
 *
 *   make fuzz && build/fuzz/fuzz_sanitize -max_total_time=60 \
 *       fuzz/corpus/sanitize
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sanitize.h"
#include "utf8.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char *const elements[] = {
	"p", "br", "hr", "wbr", "h1", "h2", "h3", "h4", "h5", "h6", "strong",
	"b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small", "mark",
	"abbr", "cite", "q", "code", "pre", "kbd", "samp", "blockquote", "ul",
	"ol", "li", "dl", "dt", "dd", "a", "img", "figure", "figcaption",
	"table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
	"colgroup", "col", "span", "div", "section", "article", "aside",
	"header", "footer", "time", "details", "summary", NULL,
};

static const char *const voids[] = {"br", "hr", "img", "col", "wbr", NULL};

/* Attributes allowed anywhere, then "element attribute" pairs. */
static const char *const global_attrs[] = {"title", "lang", "dir", "style",
	NULL};
static const char *const local_attrs[] = {
	"a href", "a target", "a rel", "img src", "img alt", "img width",
	"img height", "td colspan", "td rowspan", "th colspan", "th rowspan",
	"th scope", "ol start", "ol reversed", "ol type", "li value",
	"time datetime", "col span", "colgroup span", "h1 id", "h2 id",
	"h3 id", "h4 id", "h5 id", "h6 id", "p align", "div align",
	"h1 align", "h2 align", "h3 align", "h4 align", "h5 align",
	"h6 align", "table align", "caption align", "tr align", "td align",
	"th align", NULL,
};

static const char *const css_props[] = {"text-align", "text-indent",
	"font-weight", "font-style", "text-decoration", NULL};

#define fail(why) do { \
	fprintf(stderr, "fuzz_sanitize: %s at offset %zu\n", why, \
	    (size_t)(p - start)); \
	abort(); \
} while (0)

/* The entry of list equal to s[0..n), or NULL. */
static const char *
find(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return *list;
	return NULL;
}

static int
in_list(const char *const *list, const char *s, size_t n)
{
	return find(list, s, n) != NULL;
}

static int
attr_ok(const char *el, const char *name, size_t n)
{
	char pair[64];

	if (in_list(global_attrs, name, n))
		return 1;
	if (strlen(el) + 1 + n >= sizeof pair)
		return 0;
	snprintf(pair, sizeof pair, "%s %.*s", el, (int)n, name);
	return in_list(local_attrs, pair, strlen(pair));
}

/*
 * Skip one entity at p (p[0] == '&'); only the five escape_html() writes
 * may occur, since gumbo decoded every other one.  Returns the character
 * it stands for.
 */
static int
entity(const char **pp, const char *start)
{
	static const struct { const char *s; int c; } ents[] = {
		{"&amp;", '&'}, {"&lt;", '<'}, {"&gt;", '>'},
		{"&quot;", '"'}, {"&#39;", '\''},
	};
	const char *p = *pp;
	size_t i;

	for (i = 0; i < sizeof ents / sizeof ents[0]; i++)
		if (strncmp(p, ents[i].s, strlen(ents[i].s)) == 0) {
			*pp = p + strlen(ents[i].s);
			return ents[i].c;
		}
	fail("bare '&'");
}

/*
 * A URL a browser could run as script?  Written apart from url_is_safe()
 * on purpose: strip every control and space (browsers strip tabs and
 * newlines anywhere), lowercase, then look at the scheme.
 */
static int
url_ok(const char *u, int image)
{
	char s[64];
	size_t k = 0;

	for (; *u && k + 1 < sizeof s; u++)
		if ((unsigned char)*u > 0x20)
			s[k++] = (char)((*u >= 'A' && *u <= 'Z') ? *u + 32 : *u);
	s[k] = '\0';
	k = strcspn(s, ":/?#");
	if (s[k] != ':')
		return 1;
	if (!strncmp(s, "http:", 5) || !strncmp(s, "https:", 6) ||
	    !strncmp(s, "mailto:", 7) || !strncmp(s, "tel:", 4) ||
	    !strncmp(s, "ftp:", 4))
		return 1;
	return image && (!strncmp(s, "data:image/png", 14) ||
	    !strncmp(s, "data:image/jpeg", 15) ||
	    !strncmp(s, "data:image/gif", 14) ||
	    !strncmp(s, "data:image/webp", 15) ||
	    !strncmp(s, "data:image/avif", 15));
}

/* "prop:value;prop:value" with allowed properties and plain values. */
static int
style_ok(const char *v)
{
	while (*v) {
		size_t n = strcspn(v, ":");
		if (!in_list(css_props, v, n) || v[n] != ':')
			return 0;
		v += n + 1;
		n = strspn(v, "abcdefghijklmnopqrstuvwxyz0123456789.%-");
		if (n == 0 || (v[n] != ';' && v[n] != '\0'))
			return 0;
		v += n;
		if (*v == ';' && *++v == '\0')
			return 0;
	}
	return 1;
}

/* Check the output s[0..n) as described at the top; abort if wrong. */
static void
check_output(const char *s, size_t n)
{
	const char *start = s, *p = s, *end = s + n;
	const char *stack[SANITIZE_MAX_DEPTH + 1];
	size_t sp = 0;
	char value[4096];

	if (!utf8_valid(s, n, NULL))
		fail("invalid UTF-8");
	if (memchr(s, '\0', n))
		fail("NUL byte");
	while (p < end) {
		const char *name, *el;
		size_t nl;
		int close, has_target = 0, has_rel = 0;

		if (*p == '&') {
			entity(&p, start);
			continue;
		}
		if (*p == '>' || *p == '"' || *p == '\'')
			fail("unescaped character in text");
		if (*p != '<') {
			p++;
			continue;
		}
		close = p[1] == '/';
		name = p + 1 + close;
		nl = strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789");
		if ((el = find(elements, name, nl)) == NULL)
			fail("element not allowed");
		p = name + nl;
		if (close) {
			if (*p != '>')
				fail("junk in end tag");
			if (sp == 0 || stack[sp - 1] != el)
				fail("end tag does not match");
			sp--;
			p++;
			continue;
		}
		while (*p == ' ') {
			const char *an = ++p;
			size_t al = strspn(an, "abcdefghijklmnopqrstuvwxyz");
			size_t vl = 0;

			if (al == 0 || !attr_ok(el, an, al))
				fail("attribute not allowed");
			if (al >= 2 && an[0] == 'o' && an[1] == 'n')
				fail("event handler");
			p = an + al;
			if (*p != '=') {
				if (al != 8 || memcmp(an, "reversed", 8))
					fail("attribute without value");
				continue;
			}
			if (p[1] != '"')
				fail("unquoted attribute");
			for (p += 2; *p != '"'; ) {
				int c;
				if (p >= end)
					fail("unterminated attribute");
				if (*p == '<' || *p == '>' || *p == '\'')
					fail("unescaped character in attribute");
				c = *p == '&' ? entity(&p, start) : *p++;
				if (vl + 1 < sizeof value)
					value[vl++] = (char)c;
			}
			p++;
			value[vl] = '\0';
			if (al == 4 && !memcmp(an, "href", 4) && !url_ok(value, 0))
				fail("unsafe href");
			if (al == 3 && !memcmp(an, "src", 3) && !url_ok(value, 1))
				fail("unsafe src");
			if (al == 5 && !memcmp(an, "style", 5) && !style_ok(value))
				fail("bad style");
			if (al == 6 && !memcmp(an, "target", 6)) {
				if (strcmp(value, "_blank"))
					fail("bad target");
				has_target = 1;
			}
			if (al == 3 && !memcmp(an, "rel", 3)) {
				if (!has_target ||
				    strcmp(value, "noopener noreferrer"))
					fail("bad rel");
				has_rel = 1;
			}
			if (al == 2 && !memcmp(an, "id", 2) &&
			    (strncmp(value, "u-", 2) || value[2] == '\0' ||
			    strspn(value, "abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") !=
			    strlen(value)))
				fail("bad id");
		}
		if (*p != '>')
			fail("junk in start tag");
		if (has_target != has_rel)
			fail("target without rel");
		p++;
		if (in_list(voids, el, nl))
			continue;
		if (sp == SANITIZE_MAX_DEPTH)
			fail("too deep");
		stack[sp++] = el;
	}
	if (sp != 0)
		fail("element left open");
}

/* What the image hook does, call by call. */
struct relink {
	unsigned int calls;
	unsigned int fail_at;   /* the call that fails (0: none) */
};

/* Relink, drop, keep as it is, in turn; fail at call fail_at. */
static int
relink(const char *src, size_t n, struct buf *out, int *keep, void *arg)
{
	struct relink *r = arg;
	unsigned int i = r->calls++;

	(void)src;
	(void)n;
	if (r->fail_at && r->calls == r->fail_at) {
		buf_puts(out, "/media/half.png");
		*keep = 1;   /* the error wins */
		return GZ_EIO;
	}
	switch (i % 3) {
	case 0:
		buf_printf(out, "/media/%u.png?v=1&s=\"q\"", i);
		*keep = 1;
		break;
	case 1:
		break;   /* *keep stays 0: dropped */
	default:
		*keep = 1;   /* out left empty: the src as it is */
		break;
	}
	return GZ_OK;
}

/* Abort unless sanitizing s[0..n) gives s[0..n) back. */
static void
check_fixed(const char *s, size_t n)
{
	struct buf again = BUF_INIT;

	if (sanitize_html(&again, s, n) != GZ_OK)
		abort();
	check_output(again.data ? again.data : "", again.len);
	if (again.len != n || (n && memcmp(again.data, s, n) != 0)) {
		fprintf(stderr, "fuzz_sanitize: not idempotent:\n%.*s\n"
		    "---\n%.*s\n", (int)n, s, (int)again.len,
		    again.data ? again.data : "");
		abort();
	}
	buf_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf a = BUF_INIT, b = BUF_INIT, h = BUF_INIT;
	struct relink r = {0, 0};
	struct sanitize_opt o = {relink, &r};
	const char *in = (const char *)data;
	unsigned int images;
	int rc;

	if (sanitize_html(&a, in, size) != GZ_OK)
		abort();
	check_output(a.data ? a.data : "", a.len);
	if (sanitize_html(&b, in, size) != GZ_OK || !buf_eq(&a, &b))
		abort();   /* not deterministic */
	check_fixed(a.data, a.len);

	/* With the image hook. */
	if (sanitize_html_opt(&h, in, size, &o) != GZ_OK)
		abort();
	check_output(h.data ? h.data : "", h.len);
	check_fixed(h.data, h.len);
	images = r.calls;

	/* A hook that fails: its error, and out as it was. */
	if (images > 0) {
		r.calls = 0;
		r.fail_at = 1 + (unsigned int)(size % images);
		buf_reset(&h);
		buf_puts(&h, "kept");
		rc = sanitize_html_opt(&h, in, size, &o);
		if (rc != GZ_EIO || r.calls != r.fail_at ||
		    strcmp(buf_cstr(&h), "kept") != 0)
			abort();
	}
	buf_free(&a);
	buf_free(&b);
	buf_free(&h);
	return 0;
}
