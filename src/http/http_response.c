/*
 * http_response: the headers every answer carries, queuing, short text
 * answers, and the reply a route handler fills.  See http_int.h and
 * http.h.
 */
#include <stdlib.h>
#include <string.h>

#include "http_int.h"

/*
 * The security headers.  The theme has no inline scripts or styles
 * (counter.js is a file, the CSS is a file), so the policy needs no
 * 'unsafe-inline' and no nonces; images may be data: URLs because
 * pasted Word documents bring them.
 */
static const char *const common_headers[][2] = {
    {"Content-Security-Policy",
        "default-src 'self'; img-src 'self' data:; style-src 'self'; "
        "script-src 'self'; object-src 'none'; base-uri 'self'; form-action "
        "'self'; frame-ancestors 'self'"},
    {"X-Content-Type-Options", "nosniff"},
    {"Referrer-Policy", "strict-origin-when-cross-origin"},
    {"X-Frame-Options", "SAMEORIGIN"},
};

int
http_headers_common(struct MHD_Response *r)
{
	size_t i;

	for (i = 0; i < sizeof common_headers / sizeof common_headers[0]; i++)
		if (MHD_add_response_header(r, common_headers[i][0],
		        common_headers[i][1]) != MHD_YES)
			return GZ_ENOMEM;
	return GZ_OK;
}

enum MHD_Result
http_queue(struct http_exchange *x, unsigned status, struct MHD_Response *r,
    uint64_t body)
{
	x->status = status;
	x->bytes = x->head || status == 304 ? 0 : body;
	return MHD_queue_response(x->mc, status, r);
}

enum MHD_Result
http_respond_text(struct http_exchange *x, unsigned status, const char *text,
    const char *name, const char *value)
{
	struct MHD_Response *r;
	enum MHD_Result rc;
	size_t n = strlen(text);

	r = MHD_create_response_from_buffer(
	    n, (void *)text, MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return MHD_NO;
	if (http_headers_common(r) ||
	    MHD_add_response_header(
	        r, "Content-Type", "text/plain; charset=utf-8") != MHD_YES ||
	    MHD_add_response_header(r, "Cache-Control", "no-store") !=
	        MHD_YES ||
	    (name != NULL &&
	        MHD_add_response_header(r, name, value) != MHD_YES)) {
		MHD_destroy_response(r);
		return MHD_NO;
	}
	rc = http_queue(x, status, r, n);
	MHD_destroy_response(r);
	return rc;
}

/* Whether s may go into a header line as it is. */
static int
header_safe(const char *s)
{
	for (; *s; s++)
		if (*s == '\r' || *s == '\n')
			return 0;
	return 1;
}

int
http_reply_header(struct http_reply *rep, const char *name, const char *value)
{
	char *n, *v;

	if (name == NULL || value == NULL || *name == '\0' ||
	    strchr(name, ':') != NULL || !header_safe(name) ||
	    !header_safe(value) || rep->nheaders >= HTTP_REPLY_HEADERS)
		return GZ_EINVAL;
	if ((n = strdup(name)) == NULL || (v = strdup(value)) == NULL) {
		free(n);
		return GZ_ENOMEM;
	}
	rep->headers[rep->nheaders].name = n;
	rep->headers[rep->nheaders].value = v;
	rep->nheaders++;
	return GZ_OK;
}

void
http_reply_not_found(struct http_reply *rep)
{
	rep->status = 404;
	rep->not_found_page = 1;
}

void
http_reply_clear(struct http_reply *rep)
{
	size_t i;

	for (i = 0; i < rep->nheaders; i++) {
		free(rep->headers[i].name);
		free(rep->headers[i].value);
	}
	buf_free(&rep->body);
	memset(rep, 0, sizeof *rep);
	rep->status = 200;
}
