/*
 * http_mime: one table of extensions, as in cgit's ui-plain.c.  See
 * http_mime.h.
 */
#include <string.h>
#include <strings.h>

#include "http_mime.h"

#define UTF8 "; charset=utf-8"

static const struct {
	const char *ext;
	const char *type;
} mime_types[] = {
    {"html", "text/html" UTF8},
    {"htm", "text/html" UTF8},
    {"css", "text/css" UTF8},
    {"js", "text/javascript" UTF8},
    {"mjs", "text/javascript" UTF8},
    {"json", "application/json" UTF8},
    {"xml", "application/xml" UTF8},
    /* Feeds are served as XML so that browsers show them. */
    {"rss", "application/xml" UTF8},
    {"atom", "application/xml" UTF8},
    {"txt", "text/plain" UTF8},
    {"csv", "text/csv" UTF8},
    {"md", "text/markdown" UTF8},
    {"svg", "image/svg+xml" UTF8},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"avif", "image/avif"},
    {"ico", "image/x-icon"},
    {"bmp", "image/bmp"},
    {"pdf", "application/pdf"},
    {"doc", "application/msword"},
    {"docx",
        "application/vnd.openxmlformats-officedocument."
        "wordprocessingml.document"},
    {"xls", "application/vnd.ms-excel"},
    {"xlsx",
        "application/vnd.openxmlformats-officedocument."
        "spreadsheetml.sheet"},
    {"ppt", "application/vnd.ms-powerpoint"},
    {"pptx",
        "application/vnd.openxmlformats-officedocument."
        "presentationml.presentation"},
    /* WPS Office (Kingsoft) documents, common on Chinese sites. */
    {"wps", "application/vnd.ms-works"},
    {"et", "application/vnd.ms-excel"},
    {"dps", "application/vnd.ms-powerpoint"},
    /* China's open fixed-layout document format (GB/T 33190). */
    {"ofd", "application/ofd"},
    {"odt", "application/vnd.oasis.opendocument.text"},
    {"ods", "application/vnd.oasis.opendocument.spreadsheet"},
    {"rtf", "application/rtf"},
    {"zip", "application/zip"},
    {"rar", "application/vnd.rar"},
    {"7z", "application/x-7z-compressed"},
    {"gz", "application/gzip"},
    {"woff2", "font/woff2"},
    {"woff", "font/woff"},
    {"ttf", "font/ttf"},
    {"mp4", "video/mp4"},
    {"webm", "video/webm"},
    {"mp3", "audio/mpeg"},
    {"webmanifest", "application/manifest+json" UTF8},
};

const char *
http_mime_type(const char *name, size_t n)
{
	size_t i, k;

	for (i = n; i > 0 && name[i - 1] != '.' && name[i - 1] != '/'; i--)
		;
	if (i == 0 || name[i - 1] != '.')
		return "application/octet-stream";
	k = n - i;
	for (size_t j = 0; j < sizeof mime_types / sizeof mime_types[0]; j++)
		if (strlen(mime_types[j].ext) == k &&
		    strncasecmp(name + i, mime_types[j].ext, k) == 0)
			return mime_types[j].type;
	return "application/octet-stream";
}

const char *
http_mime_cache_control(const char *p, size_t n, const char *type)
{
	/*
	 * The theme's files change only with a build; pages link them
	 * with ?v=HASH, but not all of them yet (counter.js), so a day
	 * rather than a year with "immutable".
	 */
	if (n >= 8 && strncmp(p, "/assets/", 8) == 0)
		return "public, max-age=86400";
	if (strncmp(type, "text/", 5) == 0 ||
	    strncmp(type, "application/xml", 15) == 0 ||
	    strncmp(type, "application/json", 16) == 0)
		return "public, max-age=60";
	return "public, max-age=3600";
}
