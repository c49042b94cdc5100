/*
 * fuzz_tmpl: libFuzzer target for tmpl_parse() and tmpl_render().
 *
 * The input is split at NUL bytes: the first part is the template, the
 * next (up to four) become partials named "a", "b", "c" and "d", beside
 * two fixed ones ("fixed", which includes "a" inside a loop, and "base",
 * a parent with blocks).  Every part that parses is rendered against a
 * fixed JSON object with nested objects, lists and every JSON type,
 * with small limits.  Beyond what the sanitizers catch, abort() is
 * called if:
 *
 *   - parsing fails without a "NAME:LINE:COLUMN: " message, or
 *     succeeds with a message;
 *   - rendering fails with an error other than the limits' and without a
 *     message, or the output passes the limit by more than one line can;
 *   - rendering the same template twice gives different bytes (state
 *     left behind);
 *   - text with no "{{" in it does not render as itself.
 *
 * Build and run: make fuzz && build/fuzz/fuzz_tmpl fuzz/corpus/tmpl
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define MAX_OUTPUT (1u << 20)

static const char data_json[] =
    "{\"name\":\"<b>&'\\\"\",\"n\":42,\"neg\":-7,\"r\":1.21,\"t\":true,"
    "\"f\":false,\"z\":null,\"e\":\"\",\"nl\":\"line\\nline\","
    "\"list\":[{\"name\":\"a\",\"list\":[1,2.5,\"x\"]},{\"name\":\"b\","
    "\"sub\":{\"x\":\"y\"},\"list\":[]},\"str\",3,null,[[1],[2]]],"
    "\"obj\":{\"name\":\"o\",\"list\":[],\"deep\":{\"deeper\":{\"name\":"
    "\"d\",\"list\":[{\"name\":\"d1\"}]}}},\"dyn\":\"a\",\"parent\":"
    "\"base\",\"self\":\"fixed\",\"names\":[\"a\",\"b\",\"c\",\"d\"]}";

static const char fixed_partial[] = "{{#list}}[{{name}}{{>a}}]{{/list}}";
static const char base_partial[] =
    "<{{$title}}T{{/title}}>\n  {{$body}}\n  default {{name}}\n"
    "  {{/body}}\n{{#obj}}{{$inner}}in{{/inner}}{{/obj}}\n";

/* A parse failure must say where: "NAME:LINE:COLUMN: ". */
static void
check_parse(int rc, const struct buf *why, const char *name)
{
	const char *w = buf_cstr(why);
	size_t n = strlen(name);
	unsigned line, col;

	if (rc == GZ_OK) {
		if (why->len)
			abort();
		return;
	}
	if (rc != GZ_EINVAL && rc != GZ_ENOMEM && rc != GZ_ETOOBIG)
		abort();
	if (rc == GZ_EINVAL &&
	    (strncmp(w, name, n) != 0 || w[n] != ':' ||
	        sscanf(w + n, ":%u:%u: ", &line, &col) != 2 || line == 0 ||
	        col == 0))
		abort();
}

/* Render t twice and check the invariants. */
static void
check_render(const struct tmpl *t, const struct tmpl_set *set, const json_t *d,
    size_t size)
{
	static const struct tmpl_limits lim = {MAX_OUTPUT, 200000, 0};
	struct buf out = BUF_INIT, again = BUF_INIT, why = BUF_INIT;
	int rc, rc2;

	rc = tmpl_render_limited(t, set, d, &out, &why, &lim);
	if (rc != GZ_OK &&
	    (why.len == 0 ||
	        (rc != GZ_EINVAL && rc != GZ_ETOOBIG && rc != GZ_ENOMEM)))
		abort();
	/* One node can pass the limit by a line and its indentation. */
	if (out.len > MAX_OUTPUT + (size + 64) * 1200 + 4096)
		abort();
	buf_reset(&why);
	rc2 = tmpl_render_limited(t, set, d, &again, &why, &lim);
	if (rc != rc2 || (rc == GZ_OK && !buf_eq(&out, &again)))
		abort();
	buf_free(&out);
	buf_free(&again);
	buf_free(&why);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const names[] = {"a", "b", "c", "d"};
	const char *text = (const char *)data, *end = text + size, *p;
	struct buf why = BUF_INIT, out = BUF_INIT;
	struct tmpl_set *set;
	struct tmpl *t = NULL;
	json_t *d;
	size_t n, i;
	int rc;

	if (size > 64 * 1024)
		return 0;
	d = json_loads(data_json, 0, NULL);
	if (d == NULL || tmpl_set_new(&set) != GZ_OK)
		abort();
	if (tmpl_set_add(
	        set, "fixed", fixed_partial, strlen(fixed_partial), &why) ||
	    tmpl_set_add(set, "base", base_partial, strlen(base_partial), &why))
		abort();

	p = memchr(text, 0, size);
	n = p ? (size_t)(p - text) : size;
	for (i = 0; p && i < 4; i++) {
		const char *s = p + 1, *q = memchr(s, 0, (size_t)(end - s));
		size_t m = q ? (size_t)(q - s) : (size_t)(end - s);
		buf_reset(&why);
		rc = tmpl_set_add(set, names[i], s, m, &why);
		check_parse(rc, &why, names[i]);
		p = q;
	}

	buf_reset(&why);
	rc = tmpl_parse("fuzz.mustache", text, n, &t, &why);
	check_parse(rc, &why, "fuzz.mustache");
	if (rc == GZ_OK) {
		check_render(t, set, d, size);
		if (memmem(text, n, "{{", 2) == NULL) {
			if (tmpl_render(t, set, d, &out, &why) != GZ_OK ||
			    out.len != n || memcmp(buf_cstr(&out), text, n))
				abort();
		}
		/* Each partial as a page of its own, too. */
		for (i = 0; i < 4; i++) {
			const struct tmpl *pt = tmpl_set_get(set, names[i]);
			if (pt)
				check_render(pt, set, d, size);
		}
	}
	tmpl_free(t);
	tmpl_set_free(set);
	json_decref(d);
	buf_free(&why);
	buf_free(&out);
	return 0;
}
