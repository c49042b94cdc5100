/*
 * Unit tests for sniff: real minimal files of each accepted kind, made
 * here (images from their bytes, ZIP, OOXML and OLE2 files by small
 * writers below), and disguised, damaged, cut-short and hostile ones,
 * each with the message a person would read.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sniff.h"
#include "unit.h"

/* A 1x1 PNG, as libvips writes it. */
static const char png[] =
    "\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR\x00\x00\x00\x01\x00\x00\x00\x01"
    "\x08\x02\x00\x00\x00\x90\x77\x53\xde\x00\x00\x00\x0cIDAT\x08\x99\x63"
    "\x60\x60\x60\x00\x00\x00\x04\x00\x01\xa3\x0a\x15\xe3\x00\x00\x00\x00"
    "IEND\xae\x42\x60\x82";
/* A JFIF header, as every camera and editor starts a JPEG. */
static const char jpeg[] =
    "\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    "\xff\xdb\x00\x43\x00\x50\x37\x3c\x46\x3c\x32\x50\x46\x41\x46\x5a\x55"
    "\xff\xd9";
/* A 1x1 GIF, as libvips writes it. */
static const char gif[] =
    "GIF89a\x01\x00\x01\x00\x80\x00\x00\x47\x70\x4c\x00\x00\x00\x21\xf9\x04"
    "\x05\x00\x00\x00\x00\x2c\x00\x00\x00\x00\x01\x00\x01\x00\x00\x02\x02"
    "\x4c\x01\x00\x3b";
/* A 1x1 lossless WebP (VP8L), from libvips's output. */
static const char webp[] =
    "RIFF\x1a\x00\x00\x00WEBPVP8L\x0e\x00\x00\x00\x2f\x00\x00\x00\x00\x07"
    "\x10\x11\xfd\x0f\x44\x44\xff\x03";
static const char pdf[] =
    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    "trailer<</Root 1 0 R>>\n%%EOF\n";

#define LEN(a) (sizeof(a) - 1)

static const char accepted[] = "upload JPEG, PNG, GIF or WebP images, or PDF, "
                               "Word, Excel, PowerPoint, WPS, OFD or ZIP files";

/* Expect d[0..n) named name to be accepted as type t. */
static void
accepts(const char *d, size_t n, const char *name, enum media_type t)
{
	struct media_kind k;
	struct buf why = BUF_INIT;
	int rc = sniff_file(d, n, name, &k, &why);

	if (rc != GZ_OK)
		fail_msg("%s refused (%d): %s", name, rc, buf_cstr(&why));
	if (k.type != t)
		fail_msg("%s is %s, want %s", name, k.label_en,
		    sniff_kind(t)->label_en);
	assert_string_equal(buf_cstr(&why), "");
	buf_free(&why);
}

/* Expect d[0..n) named name to be refused with exactly msg. */
static void
refuses(const char *d, size_t n, const char *name, const char *msg)
{
	struct media_kind k;
	struct buf why = BUF_INIT;
	int rc = sniff_file(d, n, name, &k, &why);

	if (rc != GZ_EINVAL)
		fail_msg("%s: %d (%s), not refused", name, rc, k.label_en);
	if (strcmp(buf_cstr(&why), msg) != 0)
		fail_msg("%s: message\n  \"%s\"\nwant\n  \"%s\"", name,
		    buf_cstr(&why), msg);
	assert_int_equal(k.type, MEDIA_UNKNOWN);
	buf_free(&why);
}

static void
put16(struct buf *b, uint32_t v)
{
	buf_putc(b, (int)(v & 0xff));
	buf_putc(b, (int)(v >> 8 & 0xff));
}

static void
put32(struct buf *b, uint32_t v)
{
	put16(b, v & 0xffff);
	put16(b, v >> 16);
}

static uint32_t
crc32(const char *p, size_t n)
{
	uint32_t c = 0xffffffff;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= (unsigned char)p[i];
		for (k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320 & (0u - (c & 1)));
	}
	return ~c;
}

/* A ZIP writer: stored entries, then the central directory. */
struct zip {
	struct buf body, central;
	uint32_t count;
};

static void
zip_add(struct zip *z, const char *name, const char *data, uint32_t flags)
{
	uint32_t off = (uint32_t)z->body.len, n = (uint32_t)strlen(data);
	uint32_t crc = crc32(data, n), nl = (uint32_t)strlen(name);

	buf_put(&z->body, "PK\3\4", 4);
	put16(&z->body, 20);
	put16(&z->body, flags);
	put16(&z->body, 0); /* stored */
	put32(&z->body, 0); /* time, date */
	put32(&z->body, crc);
	put32(&z->body, n);
	put32(&z->body, n);
	put16(&z->body, nl);
	put16(&z->body, 0);
	buf_puts(&z->body, name);
	buf_put(&z->body, data, n);
	buf_put(&z->central, "PK\1\2", 4);
	put16(&z->central, 20);
	put16(&z->central, 20);
	put16(&z->central, flags);
	put16(&z->central, 0);
	put32(&z->central, 0);
	put32(&z->central, crc);
	put32(&z->central, n);
	put32(&z->central, n);
	put16(&z->central, nl);
	put32(&z->central, 0); /* extra, comment lengths */
	put32(&z->central, 0); /* disk, internal attributes */
	put32(&z->central, 0); /* external attributes */
	put32(&z->central, off);
	buf_puts(&z->central, name);
	z->count++;
}

/* Finish z into out (replaced) and free it. */
static void
zip_end(struct zip *z, struct buf *out)
{
	uint32_t off = (uint32_t)z->body.len;

	buf_reset(out);
	buf_put(out, z->body.data, z->body.len);
	buf_put(out, z->central.data, z->central.len);
	buf_put(out, "PK\5\6", 4);
	put32(out, 0);
	put16(out, z->count);
	put16(out, z->count);
	put32(out, (uint32_t)z->central.len);
	put32(out, off);
	put16(out, 0);
	assert_int_equal(buf_error(out), GZ_OK);
	buf_free(&z->body);
	buf_free(&z->central);
	z->count = 0;
}

#define CT_XML                                                                 \
	"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats." \
	"org/package/2006/content-types\"/>"
#define RELS_XML "<?xml version=\"1.0\"?><Relationships/>"

/* An OOXML skeleton with main part part ("word/document.xml"). */
static void
ooxml(struct buf *out, const char *part, int rels_first)
{
	struct zip z = {BUF_INIT, BUF_INIT, 0};

	if (rels_first) /* as some libraries write it */
		zip_add(&z, "_rels/.rels", RELS_XML, 0);
	zip_add(&z, "[Content_Types].xml", CT_XML, 0);
	if (!rels_first)
		zip_add(&z, "_rels/.rels", RELS_XML, 0);
	if (part)
		zip_add(&z, part, "<x/>", 0);
	zip_end(&z, out);
}

/*
 * An OLE2 (CFB v3) writer: 512-byte sectors, the FAT first, each stream
 * 4096 bytes (so in regular sectors), up to 3 streams, pad unused
 * sectors, the directory before or after the streams.
 */
#define SS   512
#define END  0xfffffffeu
#define FREE 0xffffffffu

struct ole_opts {
	const char *names[3];
	int dir_at_end;
	uint32_t pad;
	uint32_t word_flags; /* the FIB's flags for a WordDocument */
	uint32_t dir_start;  /* 0: the real one */
};

static void
ole_entry(struct buf *b, const char *name, int type, uint32_t right,
    uint32_t child, uint32_t start, uint32_t size)
{
	size_t i, k = name ? strlen(name) : 0;

	for (i = 0; i < 32; i++)
		put16(b, i < k ? (unsigned char)name[i] : 0);
	put16(b, name ? (uint32_t)(2 * (k + 1)) : 0);
	buf_putc(b, type);
	buf_putc(b, 1);
	put32(b, FREE);  /* left */
	put32(b, right); /* right */
	put32(b, child);
	for (i = 0; i < 36; i++) /* CLSID, state, times */
		buf_putc(b, 0);
	put32(b, start);
	put32(b, size);
	put32(b, 0);
}

static void
ole(struct buf *out, const struct ole_opts *o)
{
	uint32_t ns = 0, nfat = 1, total, dir, s, i, k, first, start[3];
	uint32_t *fat;

	while (ns < 3 && o->names[ns])
		ns++;
	for (;;) { /* FAT sectors to cover all sectors, themselves too */
		total = nfat + 1 + o->pad + 8 * ns;
		if (nfat * (SS / 4) >= total)
			break;
		nfat++;
	}
	fat = calloc(nfat * (SS / 4), sizeof *fat);
	assert_non_null(fat);
	for (i = 0; i < nfat * (SS / 4); i++)
		fat[i] = FREE;
	for (i = 0; i < nfat; i++)
		fat[i] = 0xfffffffd; /* FAT sector */
	s = nfat;
	dir = o->dir_at_end ? total - 1 : s++;
	fat[dir] = END;
	s += o->pad;
	for (k = 0; k < ns; k++) {
		start[k] = s;
		for (i = 0; i < 8; i++, s++)
			fat[s] = i < 7 ? s + 1 : END;
	}
	buf_reset(out);
	buf_put(out, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8);
	for (i = 0; i < 16; i++)
		buf_putc(out, 0);
	put16(out, 0x3e);
	put16(out, 3);
	put16(out, 0xfffe);
	put16(out, 9);
	put16(out, 6);
	for (i = 0; i < 6; i++)
		buf_putc(out, 0);
	put32(out, 0);
	put32(out, nfat);
	put32(out, o->dir_start ? o->dir_start : dir);
	put32(out, 0);
	put32(out, 4096);
	put32(out, END);
	put32(out, 0);
	put32(out, END);
	put32(out, 0);
	for (i = 0; i < 109; i++)
		put32(out, i < nfat ? i : FREE);
	for (i = 0; i < nfat * (SS / 4); i++)
		put32(out, fat[i]);
	for (s = nfat; s < total; s++) {
		size_t at = out->len;
		if (s == dir) {
			first = ns ? 1 : FREE;
			ole_entry(out, "Root Entry", 5, FREE, first, END, 0);
			for (k = 0; k < 3; k++)
				ole_entry(out, k < ns ? o->names[k] : NULL,
				    k < ns ? 2 : 0, k + 1 < ns ? k + 2 : FREE,
				    FREE, k < ns ? start[k] : 0,
				    k < ns ? 4096 : 0);
			continue;
		}
		for (k = 0; k < ns; k++)
			if (s >= start[k] && s < start[k] + 8)
				break;
		if (k < ns && s == start[k] &&
		    strcmp(o->names[k], "WordDocument") == 0) {
			put16(out, 0xa5ec); /* the FIB: wIdent ... flags */
			for (i = 0; i < 4; i++)
				put16(out, 0);
			put16(out, o->word_flags);
		}
		while (out->len < at + SS)
			buf_putc(out, k < ns ? 'x' : 0);
	}
	assert_int_equal(out->len, (size_t)(total + 1) * SS);
	free(fat);
}

static void
test_images(void **state)
{
	struct media_kind k;
	struct buf why = BUF_INIT;

	accepts(png, LEN(png), "a.png", MEDIA_PNG);
	accepts(jpeg, LEN(jpeg), "a.jpg", MEDIA_JPEG);
	accepts(gif, LEN(gif), "a.gif", MEDIA_GIF);
	accepts(webp, LEN(webp), "a.webp", MEDIA_WEBP);
	/* The name does not matter, nor its case. */
	accepts(png, LEN(png), "PHOTO.JPG", MEDIA_PNG);
	accepts(jpeg, LEN(jpeg), NULL, MEDIA_JPEG);
	assert_int_equal(sniff_file(png, LEN(png), "x", &k, &why), GZ_OK);
	assert_string_equal(k.mime, "image/png");
	assert_string_equal(k.ext, "png");
	assert_true(k.is_image);
	assert_string_equal(k.label_zh, "PNG 图片");
	buf_free(&why);
}

static void
test_pdf(void **state)
{
	struct media_kind k;
	struct buf why = BUF_INIT;

	accepts(pdf, LEN(pdf), "report.pdf", MEDIA_PDF);
	/* A PDF named .jpg is a PDF, stored as .pdf (see sniff.h). */
	assert_int_equal(
	    sniff_file(pdf, LEN(pdf), "photo.jpg", &k, &why), GZ_OK);
	assert_int_equal(k.type, MEDIA_PDF);
	assert_string_equal(k.ext, "pdf");
	assert_false(k.is_image);
	/* Junk before %PDF- is refused, though readers allow it. */
	refuses(" %PDF-1.4\n%%EOF\n", 16, "a.pdf",
	    "a.pdf looks like a PDF document but is damaged or cut short; "
	    "upload it again");
	buf_free(&why);
}

static void
test_zip_and_ooxml(void **state)
{
	struct zip z = {BUF_INIT, BUF_INIT, 0};
	struct buf b = BUF_INIT;

	zip_add(&z, "a.txt", "hello", 0);
	zip_add(&z, "dir/b.txt", "world", 0);
	zip_end(&z, &b);
	accepts(b.data, b.len, "files.zip", MEDIA_ZIP);
	/* A plain ZIP named .docx is a ZIP: stored as .zip. */
	accepts(b.data, b.len, "report.docx", MEDIA_ZIP);
	ooxml(&b, "word/document.xml", 0);
	accepts(b.data, b.len, "a.docx", MEDIA_DOCX);
	/* New WPS saves OOXML under .wps: it is a .docx. */
	accepts(b.data, b.len, "a.wps", MEDIA_DOCX);
	/* libmagic says application/zip for this order; still a .docx. */
	ooxml(&b, "word/document.xml", 1);
	accepts(b.data, b.len, "a.docx", MEDIA_DOCX);
	ooxml(&b, "xl/workbook.xml", 0);
	accepts(b.data, b.len, "a.xlsx", MEDIA_XLSX);
	ooxml(&b, "ppt/presentation.xml", 0);
	accepts(b.data, b.len, "a.pptx", MEDIA_PPTX);
	zip_add(&z, "OFD.xml", "<ofd:OFD/>", 0);
	zip_add(&z, "Doc_0/Document.xml", "<d/>", 0);
	zip_end(&z, &b);
	accepts(b.data, b.len, "notice.ofd", MEDIA_OFD);
	assert_string_equal(sniff_kind(MEDIA_OFD)->ext, "ofd");
	buf_free(&b);
}

static void
test_disguised(void **state)
{
	static const char html[] = "<!DOCTYPE html><html><body><script>"
	                           "alert(1)</script></body></html>\n";
	static const char svg[] = "<svg xmlns=\"http://www.w3.org/2000/svg\">"
	                          "<script>alert(1)</script></svg>\n";
	static const char sh[] = "#!/bin/sh\nrm -rf /\n";
	char exe[512] = "MZ\x90\x00";
	struct buf want = BUF_INIT;

	buf_printf(
	    &want, "photo.jpg is an HTML page, not an image; %s", accepted);
	refuses(html, LEN(html), "photo.jpg", buf_cstr(&want));
	refuses(svg, LEN(svg), "image.png",
	    "image.png is an SVG drawing, which can carry scripts; convert it "
	    "to PNG first");
	/* An MZ header with a PE header after it. */
	memcpy(exe + 0x3c, "\x40\x00\x00\x00", 4);
	memcpy(exe + 0x40, "PE\0\0\x4c\x01", 6);
	buf_reset(&want);
	buf_printf(&want,
	    "report.pdf is a Windows program, not a PDF "
	    "document; %s",
	    accepted);
	refuses(exe, sizeof exe, "report.pdf", buf_cstr(&want));
	buf_reset(&want);
	buf_printf(&want, "run.txt is a shell script; %s", accepted);
	refuses(sh, LEN(sh), "run.txt", buf_cstr(&want));
	buf_reset(&want);
	buf_printf(&want,
	    "notes.doc is a plain text file, not a Word "
	    "document; %s",
	    accepted);
	refuses("just some words\n", 16, "notes.doc", buf_cstr(&want));
	refuses("Rar!\x1a\x07\x01\x00xxxxxxxxxxxxxxxx", 24, "a.zip",
	    "a.zip is a RAR archive, not a ZIP archive; pack the files as ZIP "
	    "instead");
	refuses("\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03", 10, "a.gz",
	    "a.gz is a gzip archive; pack the files as ZIP instead");
	buf_free(&want);
}

static void
test_zip_refused(void **state)
{
	struct zip z = {BUF_INIT, BUF_INIT, 0};
	struct buf b = BUF_INIT;

	/* Claims .docx: [Content_Types].xml but no word/. */
	ooxml(&b, NULL, 0);
	refuses(b.data, b.len, "report.docx",
	    "report.docx is a damaged Office document: it has no word/, xl/ "
	    "or ppt/ part; save it again from Word, Excel or WPS");
	zip_add(&z, "[Content_Types].xml", CT_XML, 0);
	zip_add(&z, "word/document.xml", "<x/>", 0);
	zip_add(&z, "word/vbaProject.bin", "macro", 0);
	zip_end(&z, &b);
	refuses(b.data, b.len, "a.docx",
	    "a.docx is an Office document with macros; save it as .docx, "
	    ".xlsx or .pptx, which hold no macros");
	zip_add(&z, "secret.txt", "xxxx", 1);
	zip_end(&z, &b);
	refuses(b.data, b.len, "a.zip",
	    "a.zip is a password-protected ZIP archive; remove the password "
	    "and upload it again");
	zip_add(&z, "META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n", 0);
	zip_add(&z, "a/B.class", "\xca\xfe\xba\xbe", 0);
	zip_end(&z, &b);
	refuses(b.data, b.len, "a.zip",
	    "a.zip is a Java program; upload JPEG, PNG, GIF or WebP images, or "
	    "PDF, Word, Excel, PowerPoint, WPS, OFD or ZIP files");
	zip_add(&z, "mimetype", "application/vnd.oasis.opendocument.text", 0);
	zip_add(&z, "content.xml", "<x/>", 0);
	zip_end(&z, &b);
	refuses(b.data, b.len, "a.odt",
	    "a.odt is an OpenDocument or EPUB file; save it as Word, Excel or "
	    "PDF");
	refuses("PK\5\6\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0\0", 22, "a.zip",
	    "a.zip is an empty ZIP archive; put the files in it first");
	buf_free(&b);
}

static void
test_truncated(void **state)
{
	struct buf b = BUF_INIT;

	refuses(png, 20, "a.png",
	    "a.png is a PNG image that is cut short (the "
	    "file is incomplete); upload it again");
	refuses(png, 5, "a.png",
	    "a.png is a PNG image that is cut short (the "
	    "file is incomplete); upload it again");
	refuses(jpeg, 3, "a.jpg",
	    "a.jpg is a JPEG image that is cut short "
	    "(the file is incomplete); upload it again");
	refuses(gif, 8, "a.gif",
	    "a.gif is a GIF image that is cut short (the "
	    "file is incomplete); upload it again");
	refuses(webp, 14, "a.webp",
	    "a.webp is a WebP image that is cut short "
	    "(the file is incomplete); upload it again");
	/* A whole PDF (shorter than SNIFF_NEED) must end with %%EOF. */
	refuses(pdf, LEN(pdf) - 7, "a.pdf",
	    "a.pdf is a PDF document that is cut short (the file is "
	    "incomplete); upload it again");
	/* A ZIP without its central directory. */
	ooxml(&b, "word/document.xml", 0);
	refuses(b.data, b.len - 60, "a.docx",
	    "a.docx is a Word document that is cut short (the file is "
	    "incomplete); upload it again");
	refuses(b.data, 60, "a.docx",
	    "a.docx is an Office document that is cut short (the file is "
	    "incomplete); upload it again");
	refuses(b.data, 10, "a.zip",
	    "a.zip is a ZIP archive that is cut short (the file is "
	    "incomplete); upload it again");
	buf_free(&b);
}

static void
test_empty(void **state)
{
	refuses("", 0, "a.jpg", "a.jpg is empty; choose the file again");
	refuses("", 0, NULL, "the file is empty; choose the file again");
	refuses("\x00\xfe\x01\xfd\x02", 5, "",
	    "the file is of a kind that cannot be "
	    "recognised; upload JPEG, PNG, GIF or WebP "
	    "images, or PDF, Word, Excel, PowerPoint, "
	    "WPS, OFD or ZIP files");
}

static void
test_polyglot(void **state)
{
	/* GIF header, then a page: libmagic says image/gif; refused. */
	static const char poly[] = "GIF89a\x01\x00\x01\x00\x00\x00\x00"
	                           "<html><script>alert(1)</script></html>";
	char big[2048];

	refuses(poly, LEN(poly), "cat.gif",
	    "cat.gif is a GIF image with HTML hidden in it, which a browser "
	    "could run as a web page; save it again from an image editor");
	/* Past the first KiB it is left alone (compressed data would match
	 * by chance), and libvips re-encodes images anyway. */
	memset(big, 0, sizeof big);
	memcpy(big, gif, LEN(gif));
	memcpy(big + 1500, "<script>", 8);
	memcpy(big + sizeof big - 1, ";", 1);
	accepts(big, sizeof big, "cat.gif", MEDIA_GIF);
}

static void
test_ole(void **state)
{
	struct ole_opts o = {{"WordDocument"}, 0, 0, 0, 0};
	struct buf b = BUF_INIT;

	ole(&b, &o);
	accepts(b.data, b.len, "a.doc", MEDIA_DOC);
	accepts(b.data, b.len, "a.wps", MEDIA_WPS);
	accepts(b.data, b.len, "a.WPS", MEDIA_WPS);
	/* The name tells .doc from .wps only: an .et of Word is a .doc. */
	accepts(b.data, b.len, "a.et", MEDIA_DOC);
	accepts(b.data, b.len, "a.xls", MEDIA_DOC);
	o.names[0] = "Workbook";
	ole(&b, &o);
	accepts(b.data, b.len, "a.xls", MEDIA_XLS);
	accepts(b.data, b.len, "a.et", MEDIA_ET);
	o.names[0] = "Book";
	ole(&b, &o);
	accepts(b.data, b.len, "a.xls", MEDIA_XLS);
	/* libmagic says application/x-ole-storage here: ours finds it. */
	o.names[0] = "PowerPoint Document";
	o.names[1] = "Current User";
	ole(&b, &o);
	accepts(b.data, b.len, "a.ppt", MEDIA_PPT);
	accepts(b.data, b.len, "a.dps", MEDIA_DPS);
	assert_string_equal(sniff_kind(MEDIA_DPS)->ext, "dps");
	o.names[0] = "EncryptedPackage";
	o.names[1] = "EncryptionInfo";
	ole(&b, &o);
	refuses(b.data, b.len, "a.docx",
	    "a.docx is a password-protected Office document; remove the "
	    "password and upload it again");
	/* A Word file whose FIB says fEncrypted. */
	o.names[0] = "WordDocument";
	o.names[1] = NULL;
	o.word_flags = 0x0100;
	ole(&b, &o);
	refuses(b.data, b.len, "a.doc",
	    "a.doc is a password-protected Office document; remove the "
	    "password and upload it again");
	o.word_flags = 0;
	o.names[0] = "Other";
	ole(&b, &o);
	refuses(b.data, b.len, "a.doc",
	    "a.doc is an OLE2 compound file of a kind not accepted, not a "
	    "Word document; upload JPEG, PNG, GIF or WebP images, or PDF, "
	    "Word, Excel, PowerPoint, WPS, OFD or ZIP files");
	/* Both Word and Excel streams: ours says Word, libmagic (looking
	 * for Excel's names first) Excel.  They disagree: refused. */
	o.names[0] = "WordDocument";
	o.names[1] = "Workbook";
	ole(&b, &o);
	refuses(b.data, b.len, "a.doc",
	    "a.doc starts like a Word 97-2003 document but is not one (it "
	    "reads as an Excel 97-2003 workbook); upload JPEG, PNG, GIF or "
	    "WebP images, or PDF, Word, Excel, PowerPoint, WPS, OFD or ZIP "
	    "files");
	o.names[1] = NULL;
	/* The directory sector is "free": damaged. */
	o.names[0] = "WordDocument";
	o.dir_start = FREE;
	ole(&b, &o);
	refuses(b.data, b.len, "a.doc",
	    "a.doc is a damaged Office 97-2003 file; save it again from Word, "
	    "Excel or WPS");
	o.dir_start = 0;
	refuses(b.data, 300, "a.doc",
	    "a.doc is an Office 97-2003 file that is cut short (the file is "
	    "incomplete); upload it again");
	buf_free(&b);
}

static void
test_ole_needs_whole(void **state)
{
	struct ole_opts o = {{"WordDocument"}, 1, 200, 0, 0};
	struct media_kind k;
	struct buf b = BUF_INIT, why = BUF_INIT;

	/* The directory past the first SNIFF_NEED bytes, as Word and Excel
	 * often leave it: give more. */
	ole(&b, &o);
	assert_true(b.len > SNIFF_NEED);
	assert_int_equal(
	    sniff_file(b.data, SNIFF_NEED, "big.doc", &k, &why), GZ_EAGAIN);
	assert_string_equal(buf_cstr(&why),
	    "big.doc: the first 65536 bytes "
	    "do not tell what it is; give the "
	    "whole file");
	accepts(b.data, b.len, "big.doc", MEDIA_DOC);
	/* Shorter than SNIFF_NEED is whole: cut short, not "give more". */
	refuses(b.data, SNIFF_NEED - 1, "big.doc",
	    "big.doc is an Office 97-2003 file that is cut short (the file "
	    "is incomplete); upload it again");
	buf_free(&b);
	buf_free(&why);
}

static void
test_kind(void **state)
{
	int t;

	for (t = 0; t < MEDIA__COUNT; t++) {
		const struct media_kind *k = sniff_kind((enum media_type)t);
		assert_int_equal(k->type, t);
		assert_non_null(k->mime);
		assert_non_null(k->ext);
		assert_non_null(k->label_en);
		assert_non_null(k->label_zh);
		assert_int_equal(
		    k->is_image, t >= MEDIA_JPEG && t <= MEDIA_WEBP);
	}
	assert_int_equal(sniff_kind(MEDIA__COUNT)->type, MEDIA_UNKNOWN);
	assert_int_equal(
	    sniff_kind((enum media_type) - 1)->type, MEDIA_UNKNOWN);
	assert_string_equal(sniff_kind(MEDIA_DOCX)->mime,
	    "application/vnd.openxmlformats-officedocument.wordprocessingml."
	    "document");
}

/* Without libmagic's database: GZ_EIO and what to do.  In a child, as
 * the database is loaded once per process, forked before any other test
 * has loaded it. */
static void
test_no_database(void **state)
{
	struct media_kind k;
	struct buf why = BUF_INIT;
	pid_t pid;
	int status;

	if ((pid = fork()) == 0) {
		int rc;

		setenv("MAGIC", "/nonexistent/magic.mgc", 1);
		rc = sniff_file(png, LEN(png), "a.png", &k, &why);
		_exit(rc == GZ_EIO &&
		            strstr(buf_cstr(&why),
		                "cannot load libmagic's "
		                "database") != NULL &&
		            strstr(buf_cstr(&why), "libmagic-mgc") != NULL
		        ? 0
		        : 1);
	}
	assert_true(pid > 0);
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
}

static void *
sniff_many(void *arg)
{
	struct media_kind k;
	struct buf why = BUF_INIT;
	int i, *bad = arg;

	for (i = 0; i < 200; i++) {
		if (sniff_file(png, LEN(png), "a.png", &k, &why) != GZ_OK ||
		    k.type != MEDIA_PNG ||
		    sniff_file(pdf, LEN(pdf), "a.pdf", &k, &why) != GZ_OK ||
		    k.type != MEDIA_PDF)
			(*bad)++;
	}
	buf_free(&why);
	return NULL;
}

static void
test_threads(void **state)
{
	pthread_t th[4];
	int bad[4] = {0}, i;

	for (i = 0; i < 4; i++)
		assert_int_equal(
		    pthread_create(&th[i], NULL, sniff_many, &bad[i]), 0);
	for (i = 0; i < 4; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(bad[i], 0);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    /* First: the child must start with nothing loaded. */
	    cmocka_unit_test(test_no_database),
	    cmocka_unit_test(test_images),
	    cmocka_unit_test(test_pdf),
	    cmocka_unit_test(test_zip_and_ooxml),
	    cmocka_unit_test(test_disguised),
	    cmocka_unit_test(test_zip_refused),
	    cmocka_unit_test(test_truncated),
	    cmocka_unit_test(test_empty),
	    cmocka_unit_test(test_polyglot),
	    cmocka_unit_test(test_ole),
	    cmocka_unit_test(test_ole_needs_whole),
	    cmocka_unit_test(test_kind),
	    cmocka_unit_test(test_threads),
	};
	return cmocka_run_group_tests_name("sniff", tests, NULL, NULL);
}
