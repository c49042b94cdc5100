/*
 * sniff: libmagic's answer and our own rules, which must agree.  See
 * sniff.h for what is accepted and why; sniff_container.c reads inside
 * ZIP and OLE2 files.
 *
 * libmagic's answers were measured with file 5.44 (Debian 12) on files
 * made for the purpose; the ones it gives for a format we accept are in
 * magic_ok[] below.  It names an OOXML file by its type only when
 * [Content_Types].xml is the first entry (else "application/zip"), and an
 * OLE2 file by its type only when it can read the directory and a
 * SummaryInformation stream or a stream name it knows ("WordDocument",
 * "Workbook", but not "PowerPoint Document": "application/x-ole-storage"
 * for a PowerPoint file without SummaryInformation).  Those generic
 * answers are accepted when our own reader found the stream.
 */
#include <errno.h>
#include <magic.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sniff.h"
#include "sniff_int.h"

/* libmagic reads at most this much: it needs far less for any type. */
#define MAGIC_BYTES_MAX (8u << 20)
/* How far into an image HTML is looked for (browsers sniff less). */
#define HTML_SNIFF 1024

#define DOCX_MIME                                                              \
	"application/vnd.openxmlformats-officedocument."                       \
	"wordprocessingml.document"
#define XLSX_MIME                                                              \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#define PPTX_MIME                                                              \
	"application/vnd.openxmlformats-officedocument."                       \
	"presentationml.presentation"

static const struct media_kind kinds[MEDIA__COUNT] = {
    {MEDIA_UNKNOWN, "application/octet-stream", "bin", 0, "unknown file",
        "未知文件"},
    {MEDIA_JPEG, "image/jpeg", "jpg", 1, "JPEG image", "JPEG 图片"},
    {MEDIA_PNG, "image/png", "png", 1, "PNG image", "PNG 图片"},
    {MEDIA_GIF, "image/gif", "gif", 1, "GIF image", "GIF 图片"},
    {MEDIA_WEBP, "image/webp", "webp", 1, "WebP image", "WebP 图片"},
    {MEDIA_PDF, "application/pdf", "pdf", 0, "PDF document", "PDF 文档"},
    {MEDIA_DOCX, DOCX_MIME, "docx", 0, "Word document", "Word 文档"},
    {MEDIA_XLSX, XLSX_MIME, "xlsx", 0, "Excel workbook", "Excel 工作簿"},
    {MEDIA_PPTX, PPTX_MIME, "pptx", 0, "PowerPoint presentation",
        "PowerPoint 演示文稿"},
    {MEDIA_DOC, "application/msword", "doc", 0, "Word 97-2003 document",
        "Word 97-2003 文档"},
    {MEDIA_XLS, "application/vnd.ms-excel", "xls", 0, "Excel 97-2003 workbook",
        "Excel 97-2003 工作簿"},
    {MEDIA_PPT, "application/vnd.ms-powerpoint", "ppt", 0,
        "PowerPoint 97-2003 presentation", "PowerPoint 97-2003 演示文稿"},
    /* As http_mime.c serves them, so a stored file's type and the
     * header it is sent with agree. */
    {MEDIA_WPS, "application/vnd.ms-works", "wps", 0, "WPS Writer document",
        "WPS 文字文档"},
    {MEDIA_ET, "application/vnd.ms-excel", "et", 0, "WPS Spreadsheets file",
        "WPS 表格"},
    {MEDIA_DPS, "application/vnd.ms-powerpoint", "dps", 0,
        "WPS Presentation file", "WPS 演示文稿"},
    {MEDIA_OFD, "application/ofd", "ofd", 0, "OFD document", "OFD 版式文档"},
    {MEDIA_ZIP, "application/zip", "zip", 0, "ZIP archive", "ZIP 压缩包"},
};

/* The same kinds with an article, for sentences. */
static const char *const phrases[MEDIA__COUNT] = {
    [MEDIA_UNKNOWN] = "a file of an unknown kind",
    [MEDIA_JPEG] = "a JPEG image",
    [MEDIA_PNG] = "a PNG image",
    [MEDIA_GIF] = "a GIF image",
    [MEDIA_WEBP] = "a WebP image",
    [MEDIA_PDF] = "a PDF document",
    [MEDIA_DOCX] = "a Word document",
    [MEDIA_XLSX] = "an Excel workbook",
    [MEDIA_PPTX] = "a PowerPoint presentation",
    [MEDIA_DOC] = "a Word 97-2003 document",
    [MEDIA_XLS] = "an Excel 97-2003 workbook",
    [MEDIA_PPT] = "a PowerPoint 97-2003 presentation",
    [MEDIA_WPS] = "a WPS Writer document",
    [MEDIA_ET] = "a WPS Spreadsheets file",
    [MEDIA_DPS] = "a WPS Presentation file",
    [MEDIA_OFD] = "an OFD document",
    [MEDIA_ZIP] = "a ZIP archive",
};

#define OLE_GENERIC                                                            \
	"application/vnd.ms-office", "application/x-ole-storage",              \
	    "application/CDFV2", "application/CDFV2-corrupt"

/* libmagic's answers that agree with each of our types. */
static const char *const magic_ok[MEDIA__COUNT][8] = {
    [MEDIA_JPEG] = {"image/jpeg"},
    [MEDIA_PNG] = {"image/png", "image/apng"},
    [MEDIA_GIF] = {"image/gif"},
    [MEDIA_WEBP] = {"image/webp"},
    [MEDIA_PDF] = {"application/pdf"},
    [MEDIA_DOCX] = {DOCX_MIME, "application/zip"},
    [MEDIA_XLSX] = {XLSX_MIME, "application/zip"},
    [MEDIA_PPTX] = {PPTX_MIME, "application/zip"},
    [MEDIA_DOC] = {"application/msword", OLE_GENERIC},
    [MEDIA_XLS] = {"application/vnd.ms-excel", OLE_GENERIC},
    [MEDIA_PPT] = {"application/vnd.ms-powerpoint", OLE_GENERIC},
    [MEDIA_WPS] = {"application/msword", OLE_GENERIC},
    [MEDIA_ET] = {"application/vnd.ms-excel", OLE_GENERIC},
    [MEDIA_DPS] = {"application/vnd.ms-powerpoint", OLE_GENERIC},
    [MEDIA_OFD] = {"application/zip", "application/ofd"},
    [MEDIA_ZIP] = {"application/zip"},
};

static const char accepted[] = "upload JPEG, PNG, GIF or WebP images, or PDF, "
                               "Word, Excel, PowerPoint, WPS, OFD or ZIP files";

/* What libmagic's answer means to a person, for a refusal. */
static const struct {
	const char *mime; /* exact, or a prefix ending in '/' */
	const char *what;
	const char *hint; /* NULL: the accepted list */
	int is_image;
} described[] = {
    {"text/html", "an HTML page", NULL, 0},
    {"image/svg+xml", "an SVG drawing, which can carry scripts",
        "convert it to PNG first", 1},
    {"text/xml", "an XML document", NULL, 0},
    {"application/xml", "an XML document", NULL, 0},
    {"text/x-shellscript", "a shell script", NULL, 0},
    {"text/x-php", "a PHP script", NULL, 0},
    {"text/x-script.python", "a Python script", NULL, 0},
    {"text/x-python", "a Python script", NULL, 0},
    {"text/x-perl", "a Perl script", NULL, 0},
    {"text/x-ruby", "a Ruby script", NULL, 0},
    {"text/x-msdos-batch", "a Windows batch script", NULL, 0},
    {"application/javascript", "a JavaScript file", NULL, 0},
    {"text/javascript", "a JavaScript file", NULL, 0},
    {"application/x-dosexec", "a Windows program", NULL, 0},
    {"application/vnd.microsoft.portable-executable", "a Windows program", NULL,
        0},
    {"application/x-msi", "a Windows installer", NULL, 0},
    {"application/vnd.ms-msi", "a Windows installer", NULL, 0},
    {"application/x-executable", "a program", NULL, 0},
    {"application/x-pie-executable", "a program", NULL, 0},
    {"application/x-sharedlib", "a program", NULL, 0},
    {"application/x-mach-binary", "a program", NULL, 0},
    {"application/java-archive", "a Java program", NULL, 0},
    {"application/x-java-applet", "a Java program", NULL, 0},
    {"application/vnd.android.package-archive", "an Android app", NULL, 0},
    {"application/x-rar", "a RAR archive", "pack the files as ZIP instead", 0},
    {"application/vnd.rar", "a RAR archive", "pack the files as ZIP instead",
        0},
    {"application/x-7z-compressed", "a 7-Zip archive",
        "pack the files as ZIP instead", 0},
    {"application/gzip", "a gzip archive", "pack the files as ZIP instead", 0},
    {"application/x-bzip2", "a bzip2 archive", "pack the files as ZIP instead",
        0},
    {"application/x-xz", "an xz archive", "pack the files as ZIP instead", 0},
    {"application/x-tar", "a tar archive", "pack the files as ZIP instead", 0},
    {"application/encrypted", "a password-protected Office document",
        "remove the password and upload it again", 0},
    {"application/vnd.ms-outlook", "an Outlook message", NULL, 0},
    {"application/x-ole-storage",
        "an OLE2 compound file of a kind not "
        "accepted",
        NULL, 0},
    {"application/CDFV2", "an OLE2 compound file of a kind not accepted", NULL,
        0},
    {"application/CDFV2-corrupt", "a damaged OLE2 compound file", NULL, 0},
    {"application/vnd.ms-office",
        "an Office 97-2003 file of a kind not "
        "accepted",
        NULL, 0},
    {"application/vnd.oasis.opendocument.", "an OpenDocument file",
        "save it as Word, Excel or PDF", 0},
    {"application/epub+zip", "an e-book (EPUB)", NULL, 0},
    {"application/rtf", "an RTF document", "save it as Word or PDF", 0},
    {"text/rtf", "an RTF document", "save it as Word or PDF", 0},
    {"image/heic", "a HEIC photo", "convert it to JPEG first", 1},
    {"image/heif", "a HEIF photo", "convert it to JPEG first", 1},
    {"image/", "an image of a kind not accepted",
        "convert it to JPEG or PNG first", 1},
    {"video/", "a video", NULL, 0},
    {"audio/", "a sound file", NULL, 0},
    {"text/plain", "a plain text file", NULL, 0},
    {"text/", "a text file", NULL, 0},
    {"application/x-empty", "empty", "choose the file again", 0},
    {"application/octet-stream", "of a kind that cannot be recognised", NULL,
        0},
};

/* What a name's extension claims, for "x.jpg is ..., not an image". */
static const struct {
	const char *ext;
	const char *claim;
} claims[] = {
    {"jpg", "an image"},
    {"jpeg", "an image"},
    {"jpe", "an image"},
    {"jfif", "an image"},
    {"png", "an image"},
    {"gif", "an image"},
    {"webp", "an image"},
    {"bmp", "an image"},
    {"tif", "an image"},
    {"tiff", "an image"},
    {"heic", "an image"},
    {"avif", "an image"},
    {"svg", "an image"},
    {"pdf", "a PDF document"},
    {"doc", "a Word document"},
    {"docx", "a Word document"},
    {"xls", "an Excel workbook"},
    {"xlsx", "an Excel workbook"},
    {"ppt", "a PowerPoint presentation"},
    {"pptx", "a PowerPoint presentation"},
    {"wps", "a WPS document"},
    {"et", "a WPS document"},
    {"dps", "a WPS document"},
    {"ofd", "an OFD document"},
    {"zip", "a ZIP archive"},
};

/* Our rules' verdict. */
enum verdict_code {
	V_OK,     /* type */
	V_NONE,   /* not a format we know: libmagic describes it */
	V_CUT,    /* what, cut short */
	V_REFUSE, /* what, refused for a reason: hint */
	V_HTML,   /* an image (type) with HTML in it */
	V_AGAIN,  /* the answer lies past the bytes given */
};

struct verdict {
	enum verdict_code code;
	enum media_type type;
	const char *what;
	const char *hint;
};

static pthread_once_t magic_once = PTHREAD_ONCE_INIT;
static pthread_mutex_t magic_lock = PTHREAD_MUTEX_INITIALIZER;
static magic_t magic_cookie;    /* guarded by magic_lock once loaded */
static char magic_failure[256]; /* why it could not be loaded */

/* Open and load libmagic once for the process (pthread_once). */
static void
magic_start(void)
{
	magic_t m = magic_open(MAGIC_MIME_TYPE);

	if (m == NULL) {
		snprintf(
		    magic_failure, sizeof magic_failure, "%s", strerror(errno));
		return;
	}
	if (magic_load(m, NULL) != 0) {
		snprintf(magic_failure, sizeof magic_failure, "%s",
		    magic_error(m) ? magic_error(m) : "unknown error");
		magic_close(m);
		return;
	}
	magic_cookie = m;
}

/*
 * libmagic's MIME type for d[0..n) into out (size bytes).  A magic_t
 * may not be used by two threads at once, and loading one per call
 * costs milliseconds: one is shared under a mutex.
 */
static int
magic_ask(const char *d, size_t n, char *out, size_t size, struct buf *why)
{
	const char *r;

	pthread_once(&magic_once, magic_start);
	if (magic_cookie == NULL) {
		buf_printf(why,
		    "cannot load libmagic's database (%s); install "
		    "the libmagic-mgc package, or set MAGIC to the path of "
		    "magic.mgc",
		    magic_failure);
		return GZ_EIO;
	}
	pthread_mutex_lock(&magic_lock);
	r = magic_buffer(
	    magic_cookie, d, n < MAGIC_BYTES_MAX ? n : MAGIC_BYTES_MAX);
	snprintf(out, size, "%s", r ? r : "application/octet-stream");
	pthread_mutex_unlock(&magic_lock);
	return GZ_OK;
}

/* The extension of name (after the last '.'), or "". */
static const char *
name_ext(const char *name)
{
	const char *dot = name ? strrchr(name, '.') : NULL;

	return dot && !strpbrk(dot, "/\\") ? dot + 1 : "";
}

/*
 * Whether d[0..n) starts with sig[0..k), or (setting *cut) is at least 3
 * bytes of it cut short: the branch for the type then says so.
 */
static int
starts(const unsigned char *d, size_t n, const char *sig, size_t k, int *cut)
{
	if (n >= k)
		return memcmp(d, sig, k) == 0;
	*cut = n >= 3 && memcmp(d, sig, n) == 0;
	return *cut;
}

/* Whether the head of an image holds HTML a browser could run. */
static int
image_has_html(const unsigned char *d, size_t n)
{
	static const char *const tags[] = {"<script", "<html", "<body",
	    "<iframe", "<svg", "<object", "<embed", "<!doctype html", "<?php"};
	size_t i, k, t;

	if (n > HTML_SNIFF)
		n = HTML_SNIFF;
	for (i = 0; i < n; i++) {
		if (d[i] != '<')
			continue;
		for (t = 0; t < sizeof tags / sizeof tags[0]; t++) {
			k = strlen(tags[t]);
			if (n - i >= k &&
			    strncasecmp((const char *)d + i, tags[t], k) == 0)
				return 1;
		}
	}
	return 0;
}

/* An image: reject HTML inside, else accept as t. */
static void
image(const unsigned char *d, size_t n, enum media_type t, struct verdict *v)
{
	v->type = t;
	v->code = image_has_html(d, n) ? V_HTML : V_OK;
}

static void
cut(struct verdict *v, enum media_type t)
{
	v->code = V_CUT;
	v->type = t;
	v->what = phrases[t];
}

static void
refuse(struct verdict *v, const char *what, const char *hint)
{
	v->code = V_REFUSE;
	v->what = what;
	v->hint = hint;
}

/* Which type a ZIP is, from its entry names. */
static void
zip_rules(const unsigned char *d, size_t n, struct verdict *v)
{
	struct sniff_zip z;
	int whole = n < SNIFF_NEED;

	sniff_zip_scan(d, n, &z);
	if (z.entries == 0)
		return cut(v, MEDIA_ZIP);
	/* A whole file without its central directory was cut short. */
	if (whole && !z.complete) {
		cut(v, z.content_types ? MEDIA_DOCX : MEDIA_ZIP);
		if (z.content_types && !z.word)
			v->what = z.xl ? phrases[MEDIA_XLSX]
			    : z.ppt    ? phrases[MEDIA_PPTX]
			               : "an Office document";
		return;
	}
	if (z.encrypted)
		return refuse(v, "a password-protected ZIP archive",
		    "remove the password and upload it again");
	if (z.java)
		return refuse(v, "a Java program", NULL);
	if (z.android)
		return refuse(v, "an Android app", NULL);
	if (z.mimetype)
		return refuse(v, "an OpenDocument or EPUB file",
		    "save it as Word, Excel or PDF");
	v->code = V_OK;
	if (z.content_types) {
		if (z.macros)
			return refuse(v, "an Office document with macros",
			    "save it as .docx, .xlsx or .pptx, which hold no "
			    "macros");
		v->type = z.word ? MEDIA_DOCX
		    : z.xl       ? MEDIA_XLSX
		    : z.ppt      ? MEDIA_PPTX
		                 : MEDIA_UNKNOWN;
		if (v->type == MEDIA_UNKNOWN) {
			if (!whole && !z.complete) {
				v->code = V_AGAIN;
				return;
			}
			return refuse(v,
			    "a damaged Office document: it has no "
			    "word/, xl/ or ppt/ part",
			    "save it again from Word, Excel or WPS");
		}
	} else {
		v->type = z.ofd ? MEDIA_OFD : MEDIA_ZIP;
	}
}

/* Which type an OLE2 file is, from its root streams and its name. */
static int
ole_rules(const unsigned char *d, size_t n, const char *ext, struct verdict *v)
{
	struct sniff_ole o;
	int rc;

	if ((rc = sniff_ole_scan(d, n, &o)))
		return rc;
	v->what = "an Office 97-2003 file";
	if (o.state < 0) {
		refuse(v, "a damaged Office 97-2003 file",
		    "save it again from Word, Excel or WPS");
	} else if (o.state == 0) {
		v->code = n >= SNIFF_NEED ? V_AGAIN : V_CUT;
	} else if (o.encrypted) {
		refuse(v, "a password-protected Office document",
		    "remove the password and upload it again");
	} else if (o.word || o.excel || o.powerpoint) {
		v->code = V_OK;
		if (o.word)
			v->type =
			    strcasecmp(ext, "wps") ? MEDIA_DOC : MEDIA_WPS;
		else if (o.excel)
			v->type = strcasecmp(ext, "et") ? MEDIA_XLS : MEDIA_ET;
		else
			v->type =
			    strcasecmp(ext, "dps") ? MEDIA_PPT : MEDIA_DPS;
	}
	return GZ_OK;
}

/* Whether a whole PDF ends with %%EOF (in its last KiB, as readers look). */
static int
pdf_ends(const unsigned char *d, size_t n)
{
	size_t from = n > 1024 ? n - 1024 : 0;

	return memmem(d + from, n - from, "%%EOF", 5) != NULL;
}

/* Our own rules: magic bytes, then structure. */
static int
own_rules(const unsigned char *d, size_t n, const char *ext, struct verdict *v)
{
	int c = 0;

	v->code = V_NONE;
	v->type = MEDIA_UNKNOWN;
	v->what = v->hint = NULL;
	if (starts(d, n, "\xff\xd8\xff", 3, &c)) {
		/* The byte after FF names the first segment's marker. */
		if (n < 4)
			cut(v, MEDIA_JPEG);
		else if (d[3] >= 0xc0 && d[3] != 0xff)
			image(d, n, MEDIA_JPEG, v);
	} else if (starts(d, n, "\x89PNG\r\n\x1a\n", 8, &c)) {
		if (n < 33)
			cut(v, MEDIA_PNG);
		else if (memcmp(d + 12, "IHDR", 4) == 0)
			image(d, n, MEDIA_PNG, v);
	} else if (starts(d, n, "GIF87a", 6, &c) ||
	    starts(d, n, "GIF89a", 6, &c)) {
		if (n < 13) /* the logical screen descriptor */
			cut(v, MEDIA_GIF);
		else
			image(d, n, MEDIA_GIF, v);
	} else if (starts(d, n, "RIFF", 4, &c) && n >= 12 &&
	    memcmp(d + 8, "WEBP", 4) == 0) {
		if (n < 20)
			cut(v, MEDIA_WEBP);
		else if (memcmp(d + 12, "VP8 ", 4) == 0 ||
		    memcmp(d + 12, "VP8L", 4) == 0 ||
		    memcmp(d + 12, "VP8X", 4) == 0)
			image(d, n, MEDIA_WEBP, v);
	} else if (starts(d, n, "%PDF-", 5, &c)) {
		if (n < 8 || (n < SNIFF_NEED && !pdf_ends(d, n)))
			cut(v, MEDIA_PDF);
		else if (d[5] >= '1' && d[5] <= '9' && d[6] == '.' &&
		    d[7] >= '0' && d[7] <= '9')
			v->code = V_OK, v->type = MEDIA_PDF;
	} else if (starts(d, n, "PK\3\4", 4, &c)) {
		if (n < 30)
			cut(v, MEDIA_ZIP);
		else
			zip_rules(d, n, v);
	} else if (n >= 4 && memcmp(d, "PK\5\6", 4) == 0) {
		refuse(v, "an empty ZIP archive", "put the files in it first");
	} else if (starts(d, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8, &c)) {
		return ole_rules(d, n, ext, v);
	}
	return GZ_OK;
}

/* Whether libmagic's answer agrees with our type t. */
static int
magic_agrees(enum media_type t, const char *mime)
{
	size_t i;

	for (i = 0; i < 8 && magic_ok[t][i] != NULL; i++)
		if (strcmp(magic_ok[t][i], mime) == 0)
			return 1;
	return 0;
}

/* The index in described[] for a MIME type, or -1. */
static int
describe(const char *mime)
{
	size_t i, k;

	for (i = 0; i < sizeof described / sizeof described[0]; i++) {
		k = strlen(described[i].mime);
		if (described[i].mime[k - 1] == '/' ||
		            described[i].mime[k - 1] == '.'
		        ? strncmp(mime, described[i].mime, k) == 0
		        : strcmp(mime, described[i].mime) == 0)
			return (int)i;
	}
	return -1;
}

/* The type whose own MIME libmagic answered, for "looks like". */
static enum media_type
magic_type(const char *mime)
{
	int t;

	for (t = MEDIA_JPEG; t < MEDIA__COUNT; t++)
		if (strcmp(kinds[t].mime, mime) == 0)
			return (enum media_type)t;
	return MEDIA_UNKNOWN;
}

/*
 * "NAME is WHAT[, not CLAIM]; HINT" for a refused file.  The claim is
 * left out when ext is NULL: what our rules refuse is what the name
 * says, only not acceptable ("a password-protected Office document").
 */
static void
say_is(struct buf *why, const char *name, const char *ext, const char *what,
    int is_image, const char *hint)
{
	size_t i;

	buf_printf(why, "%s is %s", name, what);
	for (i = 0; ext && i < sizeof claims / sizeof claims[0]; i++) {
		if (strcasecmp(ext, claims[i].ext) != 0)
			continue;
		/* "a.jpg is a HEIC photo, not an image" would be wrong. */
		if (!(is_image && strcmp(claims[i].claim, "an image") == 0))
			buf_printf(why, ", not %s", claims[i].claim);
		break;
	}
	buf_printf(why, "; %s", hint ? hint : accepted);
}

/* The refusal for a file our rules do not know, from libmagic's answer. */
static void
say_magic(struct buf *why, const char *name, const char *ext, const char *mime)
{
	enum media_type t = magic_type(mime);
	int i;

	if (t != MEDIA_UNKNOWN) {
		buf_printf(why,
		    "%s looks like %s but is damaged or cut short; "
		    "upload it again",
		    name, phrases[t]);
		return;
	}
	if ((i = describe(mime)) >= 0) {
		if (strcmp(described[i].mime, "application/x-empty") == 0)
			buf_printf(
			    why, "%s is empty; choose the file again", name);
		else
			say_is(why, name, ext, described[i].what,
			    described[i].is_image, described[i].hint);
		return;
	}
	buf_printf(why, "%s is a file of type %s; %s", name, mime, accepted);
}

int
sniff_file(const char *data, size_t n, const char *filename,
    struct media_kind *kind, struct buf *why)
{
	const unsigned char *d = (const unsigned char *)data;
	const char *name = filename && *filename ? filename : "the file";
	const char *ext = name_ext(filename);
	struct verdict v;
	char mime[128];
	int rc;

	*kind = kinds[MEDIA_UNKNOWN];
	if (n == 0) {
		buf_printf(why, "%s is empty; choose the file again", name);
		return GZ_EINVAL;
	}
	if ((rc = own_rules(d, n, ext, &v)))
		return rc;
	if (v.code == V_AGAIN) {
		buf_printf(why,
		    "%s: the first %zu bytes do not tell what it "
		    "is; give the whole file",
		    name, n);
		return GZ_EAGAIN;
	}
	if ((rc = magic_ask(data, n, mime, sizeof mime, why)))
		return rc;
	switch (v.code) {
	case V_OK:
		if (magic_agrees(v.type, mime)) {
			*kind = kinds[v.type];
			return GZ_OK;
		}
		buf_printf(why,
		    "%s starts like %s but is not one (it reads as "
		    "%s); %s",
		    name, phrases[v.type],
		    magic_type(mime) != MEDIA_UNKNOWN
		        ? phrases[magic_type(mime)]
		        : describe(mime) >= 0 ? described[describe(mime)].what
		                              : mime,
		    accepted);
		break;
	case V_HTML:
		buf_printf(why,
		    "%s is %s with HTML hidden in it, which a "
		    "browser could run as a web page; save it again from an "
		    "image editor",
		    name, phrases[v.type]);
		break;
	case V_CUT:
		buf_printf(why,
		    "%s is %s that is cut short (the file is "
		    "incomplete); upload it again",
		    name, v.what);
		break;
	case V_REFUSE: say_is(why, name, NULL, v.what, 0, v.hint); break;
	case V_NONE:
	case V_AGAIN: say_magic(why, name, ext, mime); break;
	}
	return GZ_EINVAL;
}

const struct media_kind *
sniff_kind(enum media_type t)
{
	if ((int)t < 0 || t >= MEDIA__COUNT)
		return &kinds[MEDIA_UNKNOWN];
	return &kinds[t];
}
