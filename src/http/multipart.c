/*
 * multipart: the state machine that finds the boundaries.  See
 * multipart.h for what is taken and refused; multipart_head.c reads the
 * header values.
 *
 * Part data is never copied: bytes that cannot start a delimiter go to
 * part_data() straight from the caller's chunk.  The only bytes held
 * back across chunks are a partial delimiter, and since those are equal
 * to a prefix of the delimiter itself they need no buffer: when the
 * match fails, the prefix is given from the delimiter string.  A failed
 * match can restart only at a CR (the boundary has none), so no
 * Knuth-Morris-Pratt table is needed either.
 */
#include <stdlib.h>
#include <string.h>

#include "multipart.h"
#include "multipart_int.h"

enum mp_state {
	MP_PREAMBLE, /* before the first delimiter: ignored */
	MP_PAD,      /* after a delimiter: white space, then CR */
	MP_LF,       /* the LF that ends a delimiter line */
	MP_HEADERS,  /* a part's header block */
	MP_DATA,     /* a part's data */
	MP_EPILOGUE, /* after the closing delimiter: ignored */
	MP_DEAD,     /* stopped by an error */
};

enum mp_found {
	FOUND_NONE,  /* the chunk ended first */
	FOUND_DELIM, /* a delimiter, what follows on its line not read */
	FOUND_CLOSE, /* the closing delimiter, its "--" read */
};

struct multipart {
	struct multipart_cb cb;
	size_t max_parts;
	size_t nparts;                              /* parts begun */
	char delim[4 + MULTIPART_BOUNDARY_MAX + 1]; /* "\r\n--" boundary */
	size_t dlen;
	size_t match; /* bytes of delim matched and held back */
	int dash;     /* one '-' seen after a whole delim */
	size_t line;  /* where the header line being read starts */
	enum mp_state state;
	int err;         /* the error that stopped it, in MP_DEAD */
	struct buf head; /* the header block being read */
	struct multipart_head h;
	struct multipart_part part;
};

int
multipart_new(const char *content_type, const struct multipart_cb *cb,
    size_t max_parts, struct multipart **out, struct buf *why)
{
	struct buf boundary = BUF_INIT;
	struct multipart *m;
	int rc;

	*out = NULL;
	if ((rc = multipart_boundary_parse(content_type, &boundary, why))) {
		buf_free(&boundary);
		return rc;
	}
	if ((m = calloc(1, sizeof *m)) == NULL) {
		buf_free(&boundary);
		return GZ_ENOMEM;
	}
	if (cb != NULL)
		m->cb = *cb;
	m->max_parts = max_parts;
	memcpy(m->delim, "\r\n--", 4);
	memcpy(m->delim + 4, boundary.data, boundary.len);
	m->dlen = 4 + boundary.len;
	/* The first delimiter may open the body: act as if a CRLF came. */
	m->match = 2;
	m->state = MP_PREAMBLE;
	buf_free(&boundary);
	*out = m;
	return GZ_OK;
}

void
multipart_free(struct multipart *m)
{
	if (m == NULL)
		return;
	buf_free(&m->head);
	buf_free(&m->h.name);
	buf_free(&m->h.filename);
	buf_free(&m->h.ctype);
	free(m);
}

/* Stop with rc; returns rc. */
static int
mp_die(struct multipart *m, int rc)
{
	m->state = MP_DEAD;
	m->err = rc;
	return rc;
}

/* Give p[0..n) to part_data() when it is part data (not preamble). */
static int
mp_emit(struct multipart *m, const char *p, size_t n)
{
	if (n == 0 || m->state != MP_DATA || m->cb.part_data == NULL)
		return 0;
	return m->cb.part_data(p, n, m->cb.arg);
}

/*
 * Look for a delimiter in d[0..n), going on from m->match and m->dash,
 * giving the bytes known not to be one to mp_emit().  *used is how many
 * bytes were consumed and *found what ended the scan.  Returns 0 or a
 * callback's return.
 */
static int
mp_scan(struct multipart *m, const char *d, size_t n, size_t *used,
    enum mp_found *found)
{
	size_t i = 0, run = 0; /* d[run..i) is data not yet given */
	const char *cr;
	int rc = 0;

	*found = FOUND_NONE;
	while (i < n) {
		char c = d[i];

		if (m->match == 0) {
			if ((cr = memchr(d + i, '\r', n - i)) == NULL) {
				i = n;
				break;
			}
			i = (size_t)(cr - d);
			if ((rc = mp_emit(m, d + run, i - run)))
				return rc;
			m->match = 1;
			run = ++i;
		} else if (m->match < m->dlen) {
			if (c == m->delim[m->match]) {
				m->match++;
				run = ++i;
				continue;
			}
			/* Not a delimiter: what was held back is data. */
			rc = mp_emit(m, m->delim, m->match);
			m->match = 0;
			run = i; /* and c again */
			if (rc)
				return rc;
		} else if (m->dash) {
			if (c == '-') {
				m->match = 0;
				m->dash = 0;
				*used = i + 1;
				*found = FOUND_CLOSE;
				return 0;
			}
			/* "\r\n--boundary-x": data, as multipart.h says. */
			if ((rc = mp_emit(m, m->delim, m->dlen)) == 0)
				rc = mp_emit(m, "-", 1);
			m->match = 0;
			m->dash = 0;
			run = i;
			if (rc)
				return rc;
		} else if (c == '-') {
			m->dash = 1;
			run = ++i;
		} else if (c == '\r' || c == '\n' || c == ' ' || c == '\t') {
			/* A bare LF is taken too, so that MP_PAD can say what
			 * is wrong instead of reading on to the end. */
			m->match = 0;
			*used = i;
			*found = FOUND_DELIM;
			return 0;
		} else {
			rc = mp_emit(m, m->delim, m->dlen);
			m->match = 0;
			run = i;
			if (rc)
				return rc;
		}
	}
	if (m->match == 0)
		rc = mp_emit(m, d + run, n - run);
	*used = n;
	return rc;
}

/* The header block in m->head is complete: start the part. */
static int
mp_part_begin(struct multipart *m, struct buf *why)
{
	size_t partno = m->nparts + 1;
	int rc;

	if (m->nparts >= m->max_parts) {
		buf_printf(why, "the form has more than %zu part%s",
		    m->max_parts, m->max_parts == 1 ? "" : "s");
		return GZ_EINVAL;
	}
	/* Without the blank line's CRLF. */
	rc = multipart_head_parse(
	    m->head.data, m->head.len - 2, partno, &m->h, why);
	if (rc)
		return rc;
	m->nparts++;
	m->part.name = buf_cstr(&m->h.name);
	m->part.filename = m->h.has_filename ? buf_cstr(&m->h.filename) : NULL;
	m->part.content_type = m->h.has_ctype ? buf_cstr(&m->h.ctype) : NULL;
	m->state = MP_DATA;
	m->match = 0;
	if (m->cb.part_begin != NULL)
		return m->cb.part_begin(&m->part, m->cb.arg);
	return 0;
}

/*
 * Take header bytes from d[0..n) until the blank line; *used is how many
 * were taken.
 */
static int
mp_headers(
    struct multipart *m, const char *d, size_t n, size_t *used, struct buf *why)
{
	size_t i, partno = m->nparts + 1, len;
	const char *line;

	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)d[i];
		char prev = m->head.len ? m->head.data[m->head.len - 1] : '\0';

		if ((c < 0x20 && c != '\t' && c != '\r' && c != '\n') ||
		    c == 0x7f) {
			buf_printf(why,
			    "part %zu: its headers hold a control "
			    "character (0x%02x)",
			    partno, c);
			return GZ_EINVAL;
		}
		if (prev == '\r' && c != '\n') {
			buf_printf(why,
			    "part %zu: a CR in its headers is not "
			    "followed by LF",
			    partno);
			return GZ_EINVAL;
		}
		if (c == '\n' && prev != '\r') {
			buf_printf(why,
			    "part %zu: a header line ends with a "
			    "bare LF; lines must end with CRLF",
			    partno);
			return GZ_EINVAL;
		}
		if (m->head.len >= MULTIPART_HEADER_MAX) {
			buf_printf(why,
			    "part %zu: its headers are longer than "
			    "%d bytes",
			    partno, MULTIPART_HEADER_MAX);
			return GZ_EINVAL;
		}
		buf_putc(&m->head, c);
		if (buf_error(&m->head))
			return GZ_ENOMEM;
		if (c != '\n')
			continue;
		line = m->head.data + m->line;
		len = m->head.len - m->line - 2;
		if (len == 0) {
			*used = i + 1;
			return mp_part_begin(m, why);
		}
		/* A delimiter here means the blank line never came. */
		if (len >= m->dlen - 2 &&
		    memcmp(line, m->delim + 2, m->dlen - 2) == 0) {
			buf_printf(why,
			    "part %zu: its headers end without "
			    "the blank line that must follow them",
			    partno);
			return GZ_EINVAL;
		}
		m->line = m->head.len;
	}
	*used = n;
	return 0;
}

/* After a delimiter, whether what ended the scan ends the part. */
static int
mp_found(struct multipart *m, enum mp_found found)
{
	int in_part = m->state == MP_DATA;

	m->state = found == FOUND_CLOSE ? MP_EPILOGUE : MP_PAD;
	if (in_part && m->cb.part_end != NULL)
		return m->cb.part_end(m->cb.arg);
	return 0;
}

int
multipart_feed(struct multipart *m, const char *data, size_t n, struct buf *why)
{
	enum mp_found found;
	size_t i = 0, used = 0;
	int rc = 0;

	if (m->state == MP_DEAD) {
		buf_puts(why, "the form was refused at an earlier error");
		return m->err;
	}
	while (i < n && rc == 0) {
		switch (m->state) {
		case MP_PREAMBLE:
		case MP_DATA:
			rc = mp_scan(m, data + i, n - i, &used, &found);
			i += used;
			if (rc == 0 && found != FOUND_NONE)
				rc = mp_found(m, found);
			break;
		case MP_PAD:
			if (data[i] == '\r')
				m->state = MP_LF;
			else if (data[i] != ' ' && data[i] != '\t') {
				buf_printf(why,
				    "the boundary line before "
				    "part %zu %s",
				    m->nparts + 1,
				    data[i] == '\n'
				        ? "ends with a bare LF; lines must end "
				          "with CRLF"
				        : "has other text after the boundary");
				rc = GZ_EINVAL;
			}
			i++;
			break;
		case MP_LF:
			if (data[i++] != '\n') {
				buf_printf(why,
				    "the boundary line before part "
				    "%zu has a CR not followed by LF",
				    m->nparts + 1);
				rc = GZ_EINVAL;
				break;
			}
			buf_reset(&m->head);
			m->line = 0;
			m->state = MP_HEADERS;
			break;
		case MP_HEADERS:
			rc = mp_headers(m, data + i, n - i, &used, why);
			i += used;
			break;
		case MP_EPILOGUE: return GZ_OK;
		case MP_DEAD: return m->err;
		}
	}
	return rc ? mp_die(m, rc) : GZ_OK;
}

int
multipart_finish(struct multipart *m, struct buf *why)
{
	static const char ends[] = "the body ends before the closing boundary";

	switch (m->state) {
	case MP_EPILOGUE: return GZ_OK;
	case MP_DEAD:
		buf_puts(why, "the form was refused at an earlier error");
		return m->err;
	case MP_PREAMBLE:
		buf_printf(why, "%s; no boundary was found at all", ends);
		break;
	case MP_PAD:
	case MP_LF:
		buf_printf(why, "%s, on the boundary line before part %zu",
		    ends, m->nparts + 1);
		break;
	case MP_HEADERS:
		/* "--b--" as the last header line: say what went wrong. */
		if (m->head.len - m->line >= m->dlen - 2 &&
		    memcmp(m->head.data + m->line, m->delim + 2, m->dlen - 2) ==
		        0)
			buf_printf(why,
			    "part %zu: its headers end without "
			    "the blank line that must follow them",
			    m->nparts + 1);
		else
			buf_printf(why, "%s, in part %zu's headers", ends,
			    m->nparts + 1);
		break;
	case MP_DATA:
		buf_printf(why, "%s, in part %zu's data", ends, m->nparts);
		break;
	}
	return mp_die(m, GZ_EINVAL);
}
