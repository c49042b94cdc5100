/*
 * sniff: what an uploaded file really is, from its bytes.  The name and
 * the browser's Content-Type are never trusted; the name only tells
 * apart formats whose bytes are the same.
 *
 * Two judges must agree before a file is accepted: libmagic (file(1)'s
 * library, well kept and broad) and Gazette's own rules on the magic
 * bytes and container structure (sniff.c, sniff_container.c), which are
 * narrow and strict.  libmagic alone would accept what it guesses from
 * a few bytes; our rules alone would know nothing of what a refused file
 * is, which the message to the person needs.
 *
 * What is accepted, and the choices made:
 *
 *   - Images: JPEG, PNG, GIF, WebP.  An image whose first KiB holds HTML
 *     (<script, <html, <svg ...: a GIF+HTML polyglot) is refused: a
 *     browser that sniffs content could run it as a page.
 *   - PDF ("%PDF-" at the very start; leading junk is refused).
 *   - Word, Excel, PowerPoint 2007+ (OOXML: a ZIP with [Content_Types].xml
 *     and word/, xl/ or ppt/ parts).  One with macros (vbaProject.bin)
 *     is refused.  An OOXML file is what its parts say whatever its
 *     name, so a new WPS file saved as .wps in OOXML is a .docx: every
 *     Office and WPS opens it under that name.
 *   - Word, Excel, PowerPoint 97-2003 (OLE2 with a WordDocument,
 *     Workbook/Book or "PowerPoint Document" stream at its root), and
 *     WPS's .wps, .et and .dps, which are those same OLE2 formats: the
 *     name's extension decides only between .doc and .wps, .xls and .et,
 *     .ppt and .dps.  Encrypted ones are refused.
 *   - OFD (GB/T 33190, China's fixed-layout format: a ZIP with OFD.xml).
 *   - ZIP, when it is not one of the above nor a Java or Android
 *     program, OpenDocument or EPUB file, and has no encrypted entry.
 *   - Everything else is refused: HTML, SVG, XML, scripts, programs,
 *     other archives, other image formats, text, empty files.
 *
 * A file whose content is a valid type other than its name says (a PDF
 * named a.jpg) is accepted as what it is: kind->ext gives the extension
 * to store it under, and a caller may tell the person about the change.
 * Refusing it would only make them rename the file; trusting the name
 * would serve a PDF as an image.
 */
#ifndef GZ_SNIFF_H
#define GZ_SNIFF_H

#include <stddef.h>

#include "buf.h"

/*
 * How much to give sniff_file(): the whole file if it can (mapping it
 * costs nothing), else at least its first SNIFF_NEED bytes.  A file
 * shorter than SNIFF_NEED must be given whole, and is then known to be
 * whole: a ZIP's central directory and a PDF's %%EOF are checked too, so
 * a file cut short is refused.  Office 97-2003 (OLE2) files keep their
 * directory anywhere, often at the end: when it lies past the bytes
 * given, sniff_file() returns GZ_EAGAIN, and the caller should call
 * again with the whole file.
 */
#define SNIFF_NEED 65536

enum media_type {
	MEDIA_UNKNOWN = 0,
	MEDIA_JPEG,
	MEDIA_PNG,
	MEDIA_GIF,
	MEDIA_WEBP,
	MEDIA_PDF,
	MEDIA_DOCX,
	MEDIA_XLSX,
	MEDIA_PPTX,
	MEDIA_DOC,
	MEDIA_XLS,
	MEDIA_PPT,
	MEDIA_WPS, /* WPS Writer: OLE2 .doc content named .wps */
	MEDIA_ET,  /* WPS Spreadsheets: OLE2 .xls content named .et */
	MEDIA_DPS, /* WPS Presentation: OLE2 .ppt content named .dps */
	MEDIA_OFD,
	MEDIA_ZIP,
	MEDIA__COUNT
};

/*
 * A kind of file.  mime is what the server sends for it (the same as
 * src/http/http_mime.c gives for ext); ext has no dot.
 */
struct media_kind {
	enum media_type type;
	const char *mime;
	const char *ext;
	int is_image;
	const char *label_en;
	const char *label_zh;
};

/*
 * Sniff data[0..n), the file's first n bytes (see SNIFF_NEED), uploaded
 * under the name filename (may be NULL).  Returns:
 *   GZ_OK      *kind filled;
 *   GZ_EINVAL  refused, with a message in why naming the file, saying
 *              what it is and what is accepted ("photo.jpg is an HTML
 *              page, not an image; upload JPEG, PNG, GIF or WebP images,
 *              or PDF, Word, Excel, PowerPoint, WPS, OFD or ZIP files");
 *   GZ_EAGAIN  more bytes are needed: call again with the whole file;
 *   GZ_EIO     libmagic's database cannot be loaded (why says so);
 *   GZ_ENOMEM.
 * On any answer but GZ_OK, *kind is MEDIA_UNKNOWN's.  Safe to call from
 * several threads at once.
 */
int sniff_file(const char *data, size_t n, const char *filename,
    struct media_kind *kind, struct buf *why);
/* The kind of type t (MEDIA_UNKNOWN's for a value out of range). */
const struct media_kind *sniff_kind(enum media_type t);

#endif
