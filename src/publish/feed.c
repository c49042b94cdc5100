/*
 * feed: RSS, Atom, sitemaps and robots.txt.  See feed.h.
 *
 * The documents are small and flat, so they are written line by line
 * with fixed element names; only text and attribute values come from the
 * caller, and those only through xml_text().
 */
#include <string.h>

#include "date.h"
#include "escape.h"
#include "feed.h"
#include "utf8.h"

/*
 * Append s escaped for XML text or a quoted attribute.  XML 1.0 has no
 * way at all to write most C0 controls, U+FFFE or U+FFFF (not even as
 * &#1;), so they are dropped; a byte that is not UTF-8 becomes U+FFFD,
 * since a document with one is not well-formed either.
 */
static void
xml_text(struct buf *out, const char *s)
{
	size_t i, n, start = 0, len;
	uint32_t cp;

	if (s == NULL)
		return;
	n = strlen(s);
	for (i = 0; i < n; i += len) {
		unsigned char c = (unsigned char)s[i];

		len = 1;
		if (c < 0x80) {
			if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r')
				continue;
			escape_html(out, s + start, i - start);
			start = i + 1;
			continue;
		}
		len = utf8_decode(s + i, n - i, &cp);
		if (len > 1 && cp != 0xfffe && cp != 0xffff)
			continue;
		escape_html(out, s + start, i - start);
		if (len == 1)
			buf_puts(out, "\xef\xbf\xbd"); /* U+FFFD */
		start = i + len;
	}
	escape_html(out, s + start, n - start);
}

/* Offsets past +-23:59 cannot be written in either date form. */
static int
offset_valid(int offset)
{
	return offset >= -DATE_OFFSET_MAX && offset <= DATE_OFFSET_MAX ? offset
	                                                               : 0;
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/*
 * RFC 822 (with RFC 1123's four-digit year), as RSS wants it:
 * "Sat, 14 Mar 2026 09:00:00 +0800".  The names are English by the
 * RFC, whatever the locale.
 */
static void
date_rfc822(struct buf *out, int64_t t, int offset)
{
	static const char wday[7][4] = {"Thu", "Fri", "Sat", "Sun", "Mon",
	    "Tue", "Wed"}; /* from 1970-01-01 */
	static const char mon[12][4] = {"Jan", "Feb", "Mar", "Apr", "May",
	    "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	int64_t days, secs, y;
	int m, d, aoff;

	offset = offset_valid(offset);
	aoff = offset < 0 ? -offset : offset;
	/* Split before adding the offset, as date_format() does, so no t
	 * can overflow. */
	days = floor_div(t, 86400);
	secs = t - days * 86400 + (int64_t)offset * 60;
	days += floor_div(secs, 86400);
	secs -= floor_div(secs, 86400) * 86400;
	date_civil_from_days(days, &y, &m, &d);
	buf_printf(out, "%s, %02d %s %04lld %02d:%02d:%02d %c%02d%02d",
	    wday[days - floor_div(days, 7) * 7], d, mon[m - 1], (long long)y,
	    (int)(secs / 3600), (int)(secs / 60 % 60), (int)(secs % 60),
	    offset < 0 ? '-' : '+', aoff / 60, aoff % 60);
}

static void
date_rfc3339(struct buf *out, int64_t t, int offset)
{
	date_format(out, t, offset_valid(offset));
}

/* <name>text</name> on a line of its own, indented by ind spaces. */
static void
xml_elem(struct buf *out, int ind, const char *name, const char *text)
{
	buf_printf(out, "%*s<%s>", ind, "", name);
	xml_text(out, text);
	buf_printf(out, "</%s>\n", name);
}

/* On error, cut out back to len so it never ends inside a document. */
static int
xml_end(struct buf *out, size_t len, int rc)
{
	if (rc == GZ_OK)
		rc = buf_error(out);
	if (rc)
		buf_truncate(out, len);
	return rc;
}

static const char xml_decl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

static int
feed_check(const struct feed_info *f, const struct feed_item *items, size_t n)
{
	size_t i;

	if (f == NULL || f->title == NULL || f->link == NULL ||
	    (n > 0 && items == NULL))
		return GZ_EINVAL;
	for (i = 0; i < n; i++)
		if (items[i].title == NULL || items[i].url == NULL)
			return GZ_EINVAL;
	return GZ_OK;
}

/* The feed's own date: f->updated, or the newest item's. */
static void
feed_updated(const struct feed_info *f, const struct feed_item *items, size_t n,
    int64_t *t, int *offset)
{
	size_t i;

	*t = f->updated;
	*offset = f->offset;
	for (i = 0; f->updated == 0 && i < n; i++) {
		if (i == 0 || items[i].date > *t) {
			*t = items[i].date;
			*offset = items[i].offset;
		}
	}
}

int
feed_rss(struct buf *out, const struct feed_info *f,
    const struct feed_item *items, size_t n)
{
	size_t i, len = out->len;
	int64_t updated;
	int rc, offset;

	if ((rc = feed_check(f, items, n)))
		return rc;
	feed_updated(f, items, n, &updated, &offset);
	buf_puts(out, xml_decl);
	buf_puts(out,
	    "<rss version=\"2.0\" "
	    "xmlns:atom=\"http://www.w3.org/2005/Atom\" "
	    "xmlns:dc=\"http://purl.org/dc/elements/1.1/\">\n"
	    "  <channel>\n");
	xml_elem(out, 4, "title", f->title);
	xml_elem(out, 4, "link", f->link);
	xml_elem(
	    out, 4, "description", f->description ? f->description : f->title);
	if (f->lang)
		xml_elem(out, 4, "language", f->lang);
	if (f->generator)
		xml_elem(out, 4, "generator", f->generator);
	if (f->updated || n > 0) {
		buf_puts(out, "    <lastBuildDate>");
		date_rfc822(out, updated, offset);
		buf_puts(out, "</lastBuildDate>\n");
	}
	if (f->self) {
		buf_puts(out, "    <atom:link href=\"");
		xml_text(out, f->self);
		buf_puts(
		    out, "\" rel=\"self\" type=\"application/rss+xml\"/>\n");
	}
	for (i = 0; i < n; i++) {
		const struct feed_item *it = &items[i];
		const char *guid = it->guid ? it->guid : it->url;

		buf_puts(out, "    <item>\n");
		xml_elem(out, 6, "title", it->title);
		xml_elem(out, 6, "link", it->url);
		if (it->summary)
			xml_elem(out, 6, "description", it->summary);
		if (it->author)
			xml_elem(out, 6, "dc:creator", it->author);
		buf_printf(out, "      <guid isPermaLink=\"%s\">",
		    strcmp(guid, it->url) == 0 ? "true" : "false");
		xml_text(out, guid);
		buf_puts(out, "</guid>\n      <pubDate>");
		date_rfc822(out, it->date, it->offset);
		buf_puts(out, "</pubDate>\n    </item>\n");
	}
	buf_puts(out, "  </channel>\n</rss>\n");
	return xml_end(out, len, GZ_OK);
}

/* <link rel="REL" type="TYPE" href="HREF"/> */
static void
atom_link(struct buf *out, int ind, const char *rel, const char *type,
    const char *href)
{
	buf_printf(
	    out, "%*s<link rel=\"%s\" type=\"%s\" href=\"", ind, "", rel, type);
	xml_text(out, href);
	buf_puts(out, "\"/>\n");
}

int
feed_atom(struct buf *out, const struct feed_info *f,
    const struct feed_item *items, size_t n)
{
	size_t i, len = out->len;
	int64_t updated;
	int rc, offset;

	if ((rc = feed_check(f, items, n)))
		return rc;
	feed_updated(f, items, n, &updated, &offset);
	buf_puts(out, xml_decl);
	buf_puts(out, "<feed xmlns=\"http://www.w3.org/2005/Atom\"");
	if (f->lang) {
		buf_puts(out, " xml:lang=\"");
		xml_text(out, f->lang);
		buf_putc(out, '"');
	}
	buf_puts(out, ">\n");
	xml_elem(out, 2, "id", f->self ? f->self : f->link);
	xml_elem(out, 2, "title", f->title);
	if (f->description)
		xml_elem(out, 2, "subtitle", f->description);
	buf_puts(out, "  <updated>");
	date_rfc3339(out, updated, offset);
	buf_puts(out, "</updated>\n");
	atom_link(out, 2, "alternate", "text/html", f->link);
	if (f->self)
		atom_link(out, 2, "self", "application/atom+xml", f->self);
	buf_puts(out, "  <author>\n");
	xml_elem(out, 4, "name", f->title);
	buf_puts(out, "  </author>\n");
	if (f->generator)
		xml_elem(out, 2, "generator", f->generator);
	for (i = 0; i < n; i++) {
		const struct feed_item *it = &items[i];

		buf_puts(out, "  <entry>\n");
		xml_elem(out, 4, "id", it->guid ? it->guid : it->url);
		xml_elem(out, 4, "title", it->title);
		buf_puts(out, "    <updated>");
		date_rfc3339(out, it->date, it->offset);
		buf_puts(out, "</updated>\n    <published>");
		date_rfc3339(out, it->date, it->offset);
		buf_puts(out, "</published>\n");
		atom_link(out, 4, "alternate", "text/html", it->url);
		if (it->summary)
			xml_elem(out, 4, "summary", it->summary);
		if (it->author) {
			buf_puts(out, "    <author>\n");
			xml_elem(out, 6, "name", it->author);
			buf_puts(out, "    </author>\n");
		}
		buf_puts(out, "  </entry>\n");
	}
	buf_puts(out, "</feed>\n");
	return xml_end(out, len, GZ_OK);
}

int
sitemap_urlset(struct buf *out, const struct sitemap_url *urls, size_t n)
{
	size_t i, k, len = out->len;

	if (n > SITEMAP_MAX_URLS)
		return GZ_ETOOBIG;
	if (n > 0 && urls == NULL)
		return GZ_EINVAL;
	for (i = 0; i < n; i++)
		if (urls[i].loc == NULL || (urls[i].nalts && !urls[i].alts))
			return GZ_EINVAL;
	buf_puts(out, xml_decl);
	buf_puts(out,
	    "<urlset "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" "
	    "xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n");
	for (i = 0; i < n; i++) {
		const struct sitemap_url *u = &urls[i];

		buf_puts(out, "  <url>\n");
		xml_elem(out, 4, "loc", u->loc);
		if (u->lastmod) {
			buf_puts(out, "    <lastmod>");
			date_rfc3339(out, u->lastmod, u->offset);
			buf_puts(out, "</lastmod>\n");
		}
		for (k = 0; k < u->nalts; k++) {
			buf_puts(out,
			    "    <xhtml:link rel=\"alternate\" "
			    "hreflang=\"");
			xml_text(out, u->alts[k].hreflang);
			buf_puts(out, "\" href=\"");
			xml_text(out, u->alts[k].href);
			buf_puts(out, "\"/>\n");
		}
		buf_puts(out, "  </url>\n");
	}
	buf_puts(out, "</urlset>\n");
	return xml_end(out, len, GZ_OK);
}

int
sitemap_index(
    struct buf *out, const char *const *locs, const int64_t *lastmods, size_t n)
{
	size_t i, len = out->len;

	if (n > SITEMAP_MAX_URLS)
		return GZ_ETOOBIG;
	if (n > 0 && locs == NULL)
		return GZ_EINVAL;
	for (i = 0; i < n; i++)
		if (locs[i] == NULL)
			return GZ_EINVAL;
	buf_puts(out, xml_decl);
	buf_puts(out,
	    "<sitemapindex "
	    "xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
	for (i = 0; i < n; i++) {
		buf_puts(out, "  <sitemap>\n");
		xml_elem(out, 4, "loc", locs[i]);
		if (lastmods && lastmods[i]) {
			buf_puts(out, "    <lastmod>");
			date_rfc3339(out, lastmods[i], 0);
			buf_puts(out, "</lastmod>\n");
		}
		buf_puts(out, "  </sitemap>\n");
	}
	buf_puts(out, "</sitemapindex>\n");
	return xml_end(out, len, GZ_OK);
}

void
robots_txt(struct buf *out, const char *sitemap_url)
{
	const char *p;

	/* Disallow first: robots that take the first matching line, not
	 * the longest as RFC 9309 says, would stop at "Allow: /". */
	buf_puts(out,
	    "User-agent: *\n"
	    "Disallow: /api/\n"
	    "Disallow: /admin/\n"
	    "Allow: /\n");
	if (sitemap_url == NULL)
		return;
	buf_puts(out, "\nSitemap: ");
	for (p = sitemap_url; *p; p++)
		if ((unsigned char)*p >= 0x20 && *p != 0x7f)
			buf_putc(out, *p);
	buf_putc(out, '\n');
}
