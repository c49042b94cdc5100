/*
 * fuzz_sniff: libFuzzer target for what decides an upload's type
 * (src/media/sniff.c), above all the ZIP and OLE2 readers in
 * sniff_container.c, which walk offsets, chains and trees that anyone
 * can forge.
 *
 * The input's first byte picks the file name (its extension is what
 * tells .doc from .wps); the rest is the file.  An accepted file must be
 * a kind sniff_kind() knows, begin with that kind's magic bytes, and be
 * accepted again the same way; a refused one must say why.  Any
 * violation aborts.
 *
 *	make fuzz && build/fuzz/fuzz_sniff fuzz/corpus/sniff
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "sniff.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define fail(why)                                                              \
	do {                                                                   \
		fprintf(stderr, "fuzz_sniff: %s\n", why);                      \
		abort();                                                       \
	} while (0)

static const char *const names[] = {NULL, "a.jpg", "a.doc", "a.wps", "a.xls",
    "a.et", "a.ppt", "a.dps", "a.docx", "a.pdf", "a.zip", "C:\\x\\a.WPS", "",
    "noext"};

/* The magic bytes every file of type t starts with. */
static const char *
magic_of(enum media_type t, size_t *len)
{
	switch (t) {
	case MEDIA_JPEG: *len = 3; return "\xff\xd8\xff";
	case MEDIA_PNG: *len = 8; return "\x89PNG\r\n\x1a\n";
	case MEDIA_GIF: *len = 4; return "GIF8";
	case MEDIA_WEBP: *len = 4; return "RIFF";
	case MEDIA_PDF: *len = 5; return "%PDF-";
	case MEDIA_DOCX:
	case MEDIA_XLSX:
	case MEDIA_PPTX:
	case MEDIA_OFD:
	case MEDIA_ZIP: *len = 4; return "PK\3\4";
	case MEDIA_DOC:
	case MEDIA_XLS:
	case MEDIA_PPT:
	case MEDIA_WPS:
	case MEDIA_ET:
	case MEDIA_DPS: *len = 8; return "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1";
	default: *len = 0; return NULL;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct media_kind k, k2;
	struct buf why = BUF_INIT, why2 = BUF_INIT;
	const char *name, *file, *sig;
	size_t n, siglen;
	int rc, rc2;

	if (size == 0)
		return 0;
	name = names[data[0] % (sizeof names / sizeof names[0])];
	file = (const char *)data + 1;
	n = size - 1;
	rc = sniff_file(file, n, name, &k, &why);
	switch (rc) {
	case GZ_OK:
		if (k.type <= MEDIA_UNKNOWN || k.type >= MEDIA__COUNT ||
		    sniff_kind(k.type)->mime != k.mime || why.len != 0)
			fail("accepted as no kind");
		sig = magic_of(k.type, &siglen);
		if (sig == NULL || n < siglen || memcmp(file, sig, siglen) != 0)
			fail("accepted without its magic bytes");
		if (k.is_image !=
		    (k.type >= MEDIA_JPEG && k.type <= MEDIA_WEBP))
			fail("is_image wrong");
		break;
	case GZ_EINVAL:
	case GZ_EAGAIN:
		if (why.len == 0 || k.type != MEDIA_UNKNOWN)
			fail("refused without a message");
		if (rc == GZ_EAGAIN && n < SNIFF_NEED)
			fail("asked for more of a whole file");
		break;
	case GZ_ENOMEM: break;
	default: fail("unexpected return code");
	}
	rc2 = sniff_file(file, n, name, &k2, &why2);
	if (rc2 != rc || k2.type != k.type || !buf_eq(&why, &why2))
		fail("not the same answer twice");
	buf_free(&why);
	buf_free(&why2);
	return 0;
}
