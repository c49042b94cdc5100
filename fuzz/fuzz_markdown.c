/*
 * fuzz_markdown: libFuzzer target for markdown_to_html().
 *
 * The first input byte chooses the flags, as md4c's own fuzzer does:
 *   bit 0  MARKDOWN_TRUSTED
 *   bit 1  render after text already in the buffer (it must survive)
 * and the rest is the Markdown.  Beyond what the sanitizers catch, the
 * untrusted output is checked with a small HTML reader written for this
 * purpose, sharing no code with the renderer, and abort() is called if:
 *
 *   - a tag or attribute is not one the renderer writes (so no <script>,
 *     no on*= handlers, ever), or a tag is unterminated or malformed;
 *   - elements are unbalanced or misnested;
 *   - an & outside the five entities escape_html() writes appears, or a
 *     raw > outside a tag (text must be escaped);
 *   - an href or src has a scheme other than http, https, mailto, tel and
 *     ftp (or data:image/... in src, never svg), or holds a byte a URL
 *     attribute should not (whitespace, controls, quotes, non-ASCII);
 *   - two headings share an id;
 *   - valid UTF-8 in gives invalid UTF-8 out.
 *
 * And md4c itself is run on the copy markdown_to_html() gives it (the
 * input plus a newline) placed just before an unreadable page, so that
 * a read past the end, which ASan cannot see in the uninstrumented
 * library, crashes (md4c 0.4.8 does this for input ending in "[a](").
 *
 * Build and run (from the top of the tree):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Isrc/base \
 *       -Isrc/content fuzz/fuzz_markdown.c src/content/markdown.c \
 *       src/base/buf.c src/base/err.c src/base/escape.c src/base/utf8.c \
 *       $(pkg-config --cflags --libs md4c) -o build/fuzz_markdown
 *   build/fuzz_markdown -max_total_time=60 fuzz/corpus/markdown
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <unistd.h>

#include <md4c.h>

#include "buf.h"
#include "markdown.h"
#include "utf8.h"

#define PREFIX "<main>"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

struct span {
	const char *s;
	size_t n;
};

static int
span_is(struct span sp, const char *lit)
{
	return sp.n == strlen(lit) && memcmp(sp.s, lit, sp.n) == 0;
}

static int
in_list(struct span sp, const char *const *list)
{
	for (; *list; list++)
		if (span_is(sp, *list))
			return 1;
	return 0;
}

static const char *const void_tags[] = {"hr", "br", "img", "input", NULL};
static const char *const tags[] = {"p", "h1", "h2", "h3", "h4", "h5", "h6",
    "ul", "ol", "li", "blockquote", "pre", "code", "table", "thead", "tbody",
    "tr", "th", "td", "em", "strong", "del", "a", "hr", "br", "img", "input",
    NULL};
static const char *const attrs[] = {"href", "src", "alt", "title", "loading",
    "id", "class", "style", "start", "type", "disabled", "checked", NULL};

static int
lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Whether a URL attribute value (still HTML-escaped) is publishable. */
static int
url_ok(struct span v, int is_src)
{
	char scheme[32];
	size_t i, k = 0;

	for (i = 0; i < v.n; i++) {
		unsigned char c = (unsigned char)v.s[i];
		if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\'' ||
		    c == '<' || c == '>' || c == '\\')
			return 0;
	}
	for (i = 0; i < v.n; i++) {
		char c = v.s[i];
		if (c == '/' || c == '?' || c == '#')
			return 1; /* relative */
		if (c == ':')
			break;
		if (k + 1 < sizeof scheme)
			scheme[k++] = (char)lc(c);
	}
	if (i == v.n)
		return 1; /* relative */
	scheme[k] = '\0';
	if (!strcmp(scheme, "http") || !strcmp(scheme, "https") ||
	    !strcmp(scheme, "mailto") || !strcmp(scheme, "tel") ||
	    !strcmp(scheme, "ftp"))
		return 1;
	if (!is_src || strcmp(scheme, "data") != 0)
		return 0;
	/* data:image/..., not svg, up to ; or , */
	i++;
	if (v.n - i < 6 || strncasecmp(v.s + i, "image/", 6) != 0)
		return 0;
	for (k = i; k < v.n && v.s[k] != ';' && v.s[k] != ','; k++)
		if (k + 3 <= v.n && strncasecmp(v.s + k, "svg", 3) == 0)
			return 0;
	return 1;
}

static int
span_cmp(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	size_t n = x->n < y->n ? x->n : y->n;
	int c = memcmp(x->s, y->s, n);

	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Check untrusted output s[0..n); abort() on any violation. */
static void
check_html(const char *s, size_t n)
{
	struct span *stack, *ids;
	size_t depth = 0, nids = 0, i = 0, cap = n / 2 + 1;

	if ((stack = malloc(cap * sizeof *stack)) == NULL ||
	    (ids = malloc(cap * sizeof *ids)) == NULL)
		abort();
	while (i < n) {
		if (s[i] == '&') {
			static const char *const ents[] = {
			    "&amp;", "&lt;", "&gt;", "&quot;", "&#39;", NULL};
			const char *const *e;
			for (e = ents; *e; e++)
				if (n - i >= strlen(*e) &&
				    memcmp(s + i, *e, strlen(*e)) == 0)
					break;
			if (*e == NULL)
				abort();
			i += strlen(*e);
			continue;
		}
		if (s[i] == '>' || s[i] == '"')
			abort(); /* raw outside a tag */
		if (s[i] != '<') {
			i++;
			continue;
		}
		/* A tag: <name( attr(="value")?)*> or </name> */
		{
			int closing = 0;
			struct span name;

			i++;
			if (i < n && s[i] == '/')
				closing = 1, i++;
			name.s = s + i;
			while (i < n &&
			    ((s[i] >= 'a' && s[i] <= 'z') ||
			        (s[i] >= '0' && s[i] <= '9')))
				i++;
			name.n = (size_t)(s + i - name.s);
			if (!in_list(name, tags))
				abort();
			if (closing) {
				if (i >= n || s[i] != '>' || depth == 0 ||
				    span_cmp(&stack[depth - 1], &name) != 0)
					abort();
				depth--;
				i++;
				continue;
			}
			while (i < n && s[i] == ' ') {
				struct span an, av = {NULL, 0};
				i++;
				an.s = s + i;
				while (i < n && s[i] >= 'a' && s[i] <= 'z')
					i++;
				an.n = (size_t)(s + i - an.s);
				if (!in_list(an, attrs))
					abort();
				if (i < n && s[i] == '=') {
					if (++i >= n || s[i] != '"')
						abort();
					av.s = s + ++i;
					while (i < n && s[i] != '"' &&
					    s[i] != '<' && s[i] != '>')
						i++;
					if (i >= n || s[i] != '"')
						abort();
					av.n = (size_t)(s + i - av.s);
					i++;
				}
				if (span_is(an, "href") && !url_ok(av, 0))
					abort();
				if (span_is(an, "src") && !url_ok(av, 1))
					abort();
				if (span_is(an, "id")) {
					if (av.n == 0)
						abort();
					ids[nids++] = av;
				}
			}
			if (i >= n || s[i] != '>')
				abort();
			i++;
			if (!in_list(name, void_tags))
				stack[depth++] = name;
		}
	}
	if (depth != 0)
		abort();
	qsort(ids, nids, sizeof *ids, span_cmp);
	for (i = 1; i < nids; i++)
		if (span_cmp(&ids[i - 1], &ids[i]) == 0)
			abort();
	free(stack);
	free(ids);
}

static int
raw_block(MD_BLOCKTYPE type, void *detail, void *u)
{
	return 0;
}

static int
raw_span(MD_SPANTYPE type, void *detail, void *u)
{
	return 0;
}

static volatile unsigned raw_sum;

static int
raw_text(MD_TEXTTYPE type, const MD_CHAR *text, MD_SIZE size, void *u)
{
	MD_SIZE i;

	for (i = 0; i < size; i++)
		raw_sum += (unsigned char)text[i]; /* faults past the end */
	return 0;
}

/* md_parse() on md + "\n" ending right before a PROT_NONE page. */
static void
check_md4c_bounds(const char *md, size_t n, unsigned flags)
{
	static char *region;
	static size_t room;
	MD_PARSER p;
	char *s;

	if (region == NULL) {
		size_t pg = (size_t)sysconf(_SC_PAGESIZE);
		room = 256 * pg;
		region = mmap(NULL, room + pg, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (region == MAP_FAILED ||
		    mprotect(region + room, pg, PROT_NONE) != 0)
			abort();
	}
	if (n + 1 > room)
		return;
	s = region + room - (n + 1);
	memcpy(s, md, n);
	s[n] = '\n';
	memset(&p, 0, sizeof p);
	p.flags = flags;
	p.enter_block = p.leave_block = raw_block;
	p.enter_span = p.leave_span = raw_span;
	p.text = raw_text;
	md_parse(s, (MD_SIZE)(n + 1), &p, NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf out = BUF_INIT;
	const char *md;
	size_t start = 0;
	int mode, flags;

	if (size < 1)
		return 0;
	mode = data[0];
	md = (const char *)data + 1;
	size--;
	flags = (mode & 1) ? MARKDOWN_TRUSTED : 0;
	if (mode & 2) {
		buf_puts(&out, PREFIX);
		start = out.len;
	}
	if (markdown_to_html(&out, md, size, flags) != GZ_OK)
		abort();
	if (start && memcmp(out.data, PREFIX, start) != 0)
		abort();
	if (!(flags & MARKDOWN_TRUSTED))
		check_html(buf_cstr(&out) + start, out.len - start);
	if (size == 0 || md[size - 1] != '\n')
		check_md4c_bounds(md, size,
		    MD_DIALECT_GITHUB |
		        ((flags & MARKDOWN_TRUSTED) ? 0 : MD_FLAG_NOHTML));
	if (utf8_valid(md, size, NULL) &&
	    !utf8_valid(buf_cstr(&out), out.len, NULL))
		abort();
	buf_free(&out);
	return 0;
}
