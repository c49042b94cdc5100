/*
 * http_request: what a route handler asks of its request: arguments,
 * headers, cookies.  See http.h.
 */
#include <string.h>
#include <strings.h>

#include "http_int.h"
#include "http_path.h"
#include "utf8.h"

const char *
http_request_arg(const struct http_request *req, const char *name)
{
	struct http_request_priv *p = req->priv;
	struct buf *args = p->args;
	const char *ct;

	/* Decoded all at once, the first time: the values then stay put. */
	if (!p->args_parsed) {
		p->args_parsed = 1;
		buf_reset(args);
		http_form_decode(req->query, req->query_len, args);
		ct = http_request_header(req, "Content-Type");
		if (ct != NULL && req->body_len > 0 &&
		    strncasecmp(ct, "application/x-www-form-urlencoded", 33) ==
		        0)
			http_form_decode(req->body, req->body_len, args);
	}
	if (buf_error(args) || args->data == NULL)
		return NULL;
	return http_form_get(args->data, args->len, name);
}

const char *
http_request_arg_next(const struct http_request *req, const char *name,
    const char *prev)
{
	struct buf *args = req->priv->args;
	const char *p, *end;

	if (prev == NULL || args->data == NULL || prev < args->data ||
	    prev >= args->data + args->len)
		return NULL;
	p = prev + strlen(prev) + 1;
	end = args->data + args->len;
	return p < end ? http_form_get(p, (size_t)(end - p), name) : NULL;
}

int
http_request_args_utf8(const struct http_request *req)
{
	struct buf *args = req->priv->args;

	(void)http_request_arg(req, ""); /* decode them, once */
	if (buf_error(args) || args->data == NULL)
		return 1;
	return utf8_valid(args->data, args->len, NULL);
}

const char *
http_request_header(const struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *
http_request_cookie(const struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}
