/*
 * image_test.h: helpers shared by test_image.c and test_image_hostile.c.
 *
 * Every test image is made here: pixels from a formula, encoded with
 * libvips' savers, and metadata (EXIF with a GPS position, XMP, IPTC,
 * ICC, comments) put into the encoded bytes by hand, so that the tests
 * know exactly what each file carries and do not depend on what a saver
 * chooses to write.
 */
#ifndef GZ_IMAGE_TEST_H
#define GZ_IMAGE_TEST_H

#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "buf.h"
#include "image.h"
#include "unit.h"

/* Written into every metadata block; must never reach an output. */
#define SECRET "GZ-SECRET"
#define XMP_NS "http://ns.adobe.com/xap/1.0/"
#define XMP_PACKET                                                             \
	"<x:xmpmeta xmlns:x='adobe:ns:meta/'><rdf:RDF xmlns:rdf="              \
	"'http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description "      \
	"xmlns:xmp='" XMP_NS "' xmp:Label='" SECRET "-XMP'/></rdf:RDF>"        \
	"</x:xmpmeta>"

/* What no output may contain: a metadata block's name or its contents. */
static const char *const meta_marks[] = {"Exif", "GPS", SECRET,
    "http://ns.adobe.com/xap", "Photoshop 3.0", "ICC_PROFILE", "eXIf", "tEXt",
    "iTXt", "zTXt", "iCCP", "EXIF", "XMP ", "ICCP", "XMP Data", "ICCRGBG1"};

/* libvips' metadata fields that no output may carry. */
static const char *const meta_fields[] = {"exif-", "xmp-", "iptc-", "icc-",
    "png-comment", "jpeg-comment", "gif-comment", "orientation"};

/* A pixel of a test image: bands values at (x, y). */
typedef void (*pixel_fn)(int x, int y, unsigned char *px);

/* Many colours, smooth enough to compress: a photo. */
static inline void
px_photo(int x, int y, unsigned char *px)
{
	px[0] = (unsigned char)(x * 3 + y);
	px[1] = (unsigned char)(y * 5 + (x * y) / 16);
	px[2] = (unsigned char)(x ^ y);
	px[3] = 255;
}

/* A few flat colours with sharp edges: a chart or a screenshot. */
static inline void
px_drawing(int x, int y, unsigned char *px)
{
	static const unsigned char ink[4][3] = {
	    {255, 255, 255}, {20, 20, 20}, {200, 40, 40}, {40, 90, 200}};
	int i = (x / 10 + y / 7) % 4;

	memcpy(px, ink[i], 3);
	px[3] = 255;
}

/* A photo whose left half is transparent. */
static inline void
px_cutout(int x, int y, unsigned char *px)
{
	px_photo(x, y, px);
	px[3] = x < 20 ? 0 : 255;
}

/*
 * A new w x h image of bands 8-bit bands (1 or 2: grey, 3 or 4: sRGB),
 * made by fn.  The caller unrefs it.
 */
static inline VipsImage *
img_new(int w, int h, int bands, pixel_fn fn)
{
	unsigned char *p = malloc((size_t)w * h * bands), px[4];
	VipsImage *raw, *im;
	int x, y, b;

	assert_non_null(p);
	for (y = 0; y < h; y++)
		for (x = 0; x < w; x++) {
			fn(x, y, px);
			if (bands <= 2)
				px[1] = px[3];
			for (b = 0; b < bands; b++)
				p[((size_t)y * w + x) * bands + b] = px[b];
		}
	raw = vips_image_new_from_memory_copy(
	    p, (size_t)w * h * bands, w, h, bands, VIPS_FORMAT_UCHAR);
	free(p);
	assert_non_null(raw);
	assert_int_equal(
	    vips_copy(raw, &im, "interpretation",
	        bands <= 2 ? VIPS_INTERPRETATION_B_W : VIPS_INTERPRETATION_sRGB,
	        NULL),
	    0);
	g_object_unref(raw);
	return im;
}

/*
 * Encode im as format ("jpeg" "png" "gif" "webp" "tiff") into out,
 * replacing it.  libvips writes no metadata of its own here.
 */
static inline void
img_encode(VipsImage *im, const char *format, struct buf *out)
{
	void *p = NULL;
	size_t n = 0;
	int bad = -1;

	if (strcmp(format, "jpeg") == 0)
		bad = vips_jpegsave_buffer(im, &p, &n, "strip", TRUE, NULL);
	else if (strcmp(format, "png") == 0)
		bad = vips_pngsave_buffer(im, &p, &n, "strip", TRUE, NULL);
	else if (strcmp(format, "gif") == 0)
		bad = vips_gifsave_buffer(im, &p, &n, "strip", TRUE, NULL);
	else if (strcmp(format, "webp") == 0)
		bad = vips_webpsave_buffer(
		    im, &p, &n, "strip", TRUE, "lossless", TRUE, NULL);
	else if (strcmp(format, "tiff") == 0)
		bad = vips_tiffsave_buffer(im, &p, &n, "strip", TRUE, NULL);
	if (bad)
		fail_msg("cannot encode %s: %s", format, vips_error_buffer());
	buf_reset(out);
	buf_put(out, p, n);
	g_free(p);
	assert_int_equal(buf_error(out), GZ_OK);
}

/* A w x h image made by fn, encoded as format, into out. */
static inline void
img_file(
    int w, int h, int bands, pixel_fn fn, const char *format, struct buf *out)
{
	VipsImage *im = img_new(w, h, bands, fn);

	img_encode(im, format, out);
	g_object_unref(im);
}

/*
 * An animated image of frames frames, each w x h and bands bands,
 * encoded as format ("gif" or "webp") into out.
 */
static inline void
img_animation(
    int w, int h, int bands, int frames, const char *format, struct buf *out)
{
	VipsImage *one, *all[8], *strip, *im;
	int i, delays[8];

	assert_true(frames <= 8);
	one = img_new(w, h, bands, px_drawing);
	for (i = 0; i < frames; i++) {
		/* Each frame a different picture: the first one moved. */
		assert_int_equal(
		    vips_wrap(one, &all[i], "x", i * 7, "y", i * 3, NULL), 0);
		delays[i] = 100;
	}
	assert_int_equal(
	    vips_arrayjoin(all, &strip, frames, "across", 1, NULL), 0);
	for (i = 0; i < frames; i++)
		g_object_unref(all[i]);
	g_object_unref(one);
	assert_int_equal(vips_copy(strip, &im, NULL), 0);
	g_object_unref(strip);
	vips_image_set_int(im, VIPS_META_PAGE_HEIGHT, h);
	vips_image_set_int(im, VIPS_META_N_PAGES, frames);
	vips_image_set_int(im, "loop", 0);
	vips_image_set_array_int(im, "delay", delays, frames);
	img_encode(im, format, out);
	g_object_unref(im);
}

/* Insert n bytes of p into b at offset at. */
static inline void
buf_insert(struct buf *b, size_t at, const void *p, size_t n)
{
	struct buf t = BUF_INIT;

	assert_true(at <= b->len);
	buf_put(&t, b->data, at);
	buf_put(&t, p, n);
	buf_put(&t, b->data + at, b->len - at);
	assert_int_equal(buf_error(&t), GZ_OK);
	buf_free(b);
	*b = t;
}

/* Append v as 2 or 4 bytes, little or big endian. */
static inline void
put_le(struct buf *b, uint32_t v, int bytes)
{
	int i;

	for (i = 0; i < bytes; i++)
		buf_putc(b, (int)(v >> 8 * i & 0xff));
}

static inline void
put_be(struct buf *b, uint32_t v, int bytes)
{
	int i;

	for (i = bytes - 1; i >= 0; i--)
		buf_putc(b, (int)(v >> 8 * i & 0xff));
}

/* One 12-byte TIFF directory entry, little endian. */
static inline void
tiff_entry(struct buf *b, int tag, int type, uint32_t count, uint32_t value)
{
	put_le(b, (uint32_t)tag, 2);
	put_le(b, (uint32_t)type, 2);
	put_le(b, count, 4);
	put_le(b, value, 4);
}

/*
 * An EXIF block (a little-endian TIFF structure, without the "Exif\0\0"
 * of JPEG) into out: IFD0 with a description (SECRET and pad more
 * bytes), the orientation and a GPS directory (position, datum).
 */
static inline void
exif_make(struct buf *out, int orientation, size_t pad)
{
	/* Header 8, IFD0 at 8 (42 bytes), GPS IFD at 50 (54 bytes), then
	 * the values: latitude at 104, datum at 128, description at 140. */
	static const char datum[] = "GPS-WGS-84";
	uint32_t desc = (uint32_t)(sizeof SECRET + 5 + pad);
	int i;

	buf_reset(out);
	buf_put(out, "II*\0\x08\0\0\0", 8);
	put_le(out, 3, 2);
	tiff_entry(out, 0x010e, 2, desc, 140);
	tiff_entry(out, 0x0112, 3, 1, (uint32_t)orientation);
	tiff_entry(out, 0x8825, 4, 1, 50);
	put_le(out, 0, 4);
	put_le(out, 4, 2);
	tiff_entry(out, 0x0000, 1, 4, 0x00000202);
	tiff_entry(out, 0x0001, 2, 2, 'N');
	tiff_entry(out, 0x0002, 5, 3, 104);
	tiff_entry(out, 0x0012, 2, sizeof datum, 128);
	put_le(out, 0, 4);
	for (i = 0; i < 3; i++) {
		put_le(out, (uint32_t)(31 + i), 4);
		put_le(out, 1, 4);
	}
	buf_put(out, datum, sizeof datum);
	buf_putc(out, 0);
	buf_puts(out, SECRET "-EXIF");
	for (i = 0; (size_t)i < pad; i++)
		buf_putc(out, 'x');
	buf_putc(out, 0);
	assert_int_equal(buf_error(out), GZ_OK);
}

/* An ICC profile libvips knows (name: "srgb", "p3", "cmyk") into out. */
static inline void
icc_make(struct buf *out, const char *name)
{
	VipsBlob *blob = NULL;
	size_t n;
	const void *p;

	assert_int_equal(vips_profile_load(name, &blob, NULL), 0);
	assert_non_null(blob);
	p = vips_blob_get(blob, &n);
	buf_reset(out);
	buf_put(out, p, n);
	vips_area_unref((VipsArea *)blob);
}

/* Insert a JPEG marker segment (0xff, marker, length, payload) after SOI. */
static inline void
jpeg_add(struct buf *jpeg, int marker, const void *p, size_t n)
{
	struct buf seg = BUF_INIT;

	assert_true(n + 2 <= 65535);
	buf_putc(&seg, 0xff);
	buf_putc(&seg, marker);
	put_be(&seg, (uint32_t)(n + 2), 2);
	buf_put(&seg, p, n);
	buf_insert(jpeg, 2, seg.data, seg.len);
	buf_free(&seg);
}

/*
 * Every metadata block a camera or an editor may put into a JPEG: EXIF
 * (orientation, GPS), XMP, IPTC, ICC (profile icc, NULL for none) and a
 * comment.
 */
static inline void
jpeg_add_meta(struct buf *jpeg, int orientation, const char *icc)
{
	static const char iptc[] = "\x1c\x02\x78\x00\x0e" SECRET "-IPTC";
	struct buf b = BUF_INIT, t = BUF_INIT;

	buf_puts(&b, SECRET "-COMMENT");
	jpeg_add(jpeg, 0xfe, b.data, b.len);
	buf_reset(&b);
	buf_put(&b,
	    "Photoshop 3.0\0"
	    "8BIM\x04\x04\0\0",
	    22);
	put_be(&b, sizeof iptc - 1, 4);
	buf_put(&b, iptc, sizeof iptc); /* with a pad byte: even length */
	jpeg_add(jpeg, 0xed, b.data, b.len);
	buf_reset(&b);
	buf_put(&b, XMP_NS, sizeof XMP_NS);
	buf_puts(&b, XMP_PACKET);
	jpeg_add(jpeg, 0xe1, b.data, b.len);
	if (icc != NULL) {
		icc_make(&t, icc);
		buf_reset(&b);
		buf_put(&b, "ICC_PROFILE\0\x01\x01", 14);
		buf_put(&b, t.data, t.len);
		jpeg_add(jpeg, 0xe2, b.data, b.len);
	}
	exif_make(&t, orientation, 0);
	buf_reset(&b);
	buf_put(&b, "Exif\0\0", 6);
	buf_put(&b, t.data, t.len);
	jpeg_add(jpeg, 0xe1, b.data, b.len);
	assert_int_equal(buf_error(jpeg), GZ_OK);
	buf_free(&b);
	buf_free(&t);
}

/* The PNG and zlib CRC-32. */
static inline uint32_t
crc32_of(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint32_t c = 0xffffffff;
	size_t i;
	int k;

	for (i = 0; i < n; i++) {
		c ^= p[i];
		for (k = 0; k < 8; k++)
			c = c >> 1 ^ (0xedb88320 & (0u - (c & 1)));
	}
	return ~c;
}

/* Append p[0..n) as a zlib stream of stored (uncompressed) blocks. */
static inline void
zlib_stored(struct buf *b, const void *data, size_t n)
{
	const unsigned char *p = data;
	uint32_t a = 1, s = 0;
	size_t i, k;

	buf_put(b, "\x78\x01", 2);
	i = 0;
	do {
		k = n - i > 65535 ? 65535 : n - i;
		buf_putc(b, i + k == n ? 1 : 0);
		put_le(b, (uint32_t)k, 2);
		put_le(b, (uint32_t)~k & 0xffff, 2);
		buf_put(b, p + i, k);
		i += k;
	} while (i < n);
	for (i = 0; i < n; i++) {
		a = (a + p[i]) % 65521;
		s = (s + a) % 65521;
	}
	put_be(b, s << 16 | a, 4);
}

/* A PNG chunk into b at offset at (at: after IHDR is 33). */
static inline void
png_add(struct buf *png, size_t at, const char *type, const void *p, size_t n)
{
	struct buf c = BUF_INIT;

	put_be(&c, (uint32_t)n, 4);
	buf_put(&c, type, 4);
	buf_put(&c, p, n);
	put_be(&c, crc32_of(c.data + 4, n + 4), 4);
	assert_int_equal(buf_error(&c), GZ_OK);
	buf_insert(png, at, c.data, c.len);
	buf_free(&c);
}

/*
 * Every metadata chunk of a PNG, after its IHDR: eXIf (orientation, GPS
 * and a pad-byte description), iCCP (profile icc, NULL for none), tEXt,
 * zTXt and iTXt (XMP).
 */
static inline void
png_add_meta(struct buf *png, int orientation, const char *icc, size_t pad)
{
	struct buf b = BUF_INIT, t = BUF_INIT;

	buf_puts(&b, "XML:com.adobe.xmp");
	buf_put(&b, "\0\0\0\0\0", 5);
	buf_puts(&b, XMP_PACKET);
	png_add(png, 33, "iTXt", b.data, b.len);
	buf_reset(&b);
	buf_put(&b, "Comment\0\0", 9);
	zlib_stored(&b, SECRET "-ZTXT", sizeof SECRET + 4);
	png_add(png, 33, "zTXt", b.data, b.len);
	png_add(png, 33, "tEXt", "Comment\0" SECRET "-TEXT",
	    sizeof "Comment" + sizeof SECRET + 4);
	exif_make(&t, orientation, pad);
	png_add(png, 33, "eXIf", t.data, t.len);
	if (icc != NULL) {
		icc_make(&t, icc);
		buf_reset(&b);
		buf_put(&b, "ICC profile\0\0", 13);
		zlib_stored(&b, t.data, t.len);
		png_add(png, 33, "iCCP", b.data, b.len);
	}
	buf_free(&b);
	buf_free(&t);
}

/* The offset of the first block after a GIF's header and colour table. */
static inline size_t
gif_body(const struct buf *gif)
{
	const unsigned char *p = (const unsigned char *)gif->data;
	size_t at = 13;

	if (p[10] & 0x80)
		at += 3 * ((size_t)2 << (p[10] & 7));
	return at;
}

/*
 * A GIF's metadata blocks, after its colour table: a comment, XMP (the
 * packet raw, closed by XMP's "magic trailer") and ICC application
 * extensions.
 */
static inline void
gif_add_meta(struct buf *gif)
{
	struct buf b = BUF_INIT, icc = BUF_INIT;
	size_t i, k;
	int c;

	buf_put(&b, "\x21\xfe", 2);
	buf_putc(&b, sizeof SECRET + 7);
	buf_puts(&b, SECRET "-COMMENT");
	buf_putc(&b, 0);
	buf_put(&b, "\x21\xff\x0bXMP DataXMP", 14);
	buf_puts(&b, XMP_PACKET);
	buf_putc(&b, 1);
	for (c = 255; c >= 0; c--)
		buf_putc(&b, c);
	buf_putc(&b, 0);
	buf_put(&b, "\x21\xff\x0bICCRGBG1012", 14);
	icc_make(&icc, "p3");
	for (i = 0; i < icc.len; i += k) {
		k = icc.len - i > 255 ? 255 : icc.len - i;
		buf_putc(&b, (int)k);
		buf_put(&b, icc.data + i, k);
	}
	buf_putc(&b, 0);
	assert_int_equal(buf_error(&b), GZ_OK);
	buf_insert(gif, gif_body(gif), b.data, b.len);
	buf_free(&b);
	buf_free(&icc);
}

/* Whether the n bytes of needle occur in b. */
static inline int
has_bytes(const struct buf *b, const void *needle, size_t n)
{
	return b->len >= n && memmem(b->data, b->len, needle, n) != NULL;
}

/* Whether the string s occurs in b. */
static inline int
has_text(const struct buf *b, const char *s)
{
	return has_bytes(b, s, strlen(s));
}

/* Fail unless b carries none of meta_marks; what names b. */
static inline void
expect_no_meta_bytes(const struct buf *b, const char *what)
{
	size_t i;

	for (i = 0; i < sizeof meta_marks / sizeof meta_marks[0]; i++)
		if (has_text(b, meta_marks[i]))
			fail_msg("%s still holds \"%s\"", what, meta_marks[i]);
}

/*
 * Load b with libvips (all frames).  The image reads b's bytes, which
 * must outlive it.  NULL when libvips cannot.
 */
static inline VipsImage *
img_load(const struct buf *b)
{
	/* Only the GIF and WebP loaders know "n" (pages). */
	int pages = has_text(b, "GIF8") || has_text(b, "WEBP");
	VipsImage *im = vips_image_new_from_buffer(
	    b->data, b->len, pages ? "[n=-1]" : "", NULL);

	if (im == NULL)
		vips_error_clear();
	return im;
}

/* Fail unless b loads with libvips and has none of meta_fields. */
static inline void
expect_no_meta_fields(const struct buf *b, const char *what)
{
	VipsImage *im = img_load(b);
	gchar **fields;
	size_t i, k;

	if (im == NULL)
		fail_msg("%s cannot be loaded", what);
	fields = vips_image_get_fields(im);
	for (i = 0; fields[i] != NULL; i++)
		for (k = 0; k < sizeof meta_fields / sizeof meta_fields[0]; k++)
			if (strncmp(fields[i], meta_fields[k],
			        strlen(meta_fields[k])) == 0)
				fail_msg("%s still has the field %s", what,
				    fields[i]);
	g_strfreev(fields);
	g_object_unref(im);
}

/* Fail unless b carries metadata of every kind (a test's premise). */
static inline void
expect_meta_bytes(const struct buf *b, const char *const marks[], size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (!has_text(b, marks[i]))
			fail_msg("test input lacks \"%s\"", marks[i]);
}

/* The width and height of the image in b (one frame). */
static inline void
img_size(const struct buf *b, int *w, int *h)
{
	VipsImage *im = img_load(b);

	assert_non_null(im);
	*w = vips_image_get_width(im);
	*h = vips_image_get_page_height(im);
	g_object_unref(im);
}

/* The bands of the pixel at (x, y) of the image in b, as 0..255. */
static inline void
img_pixel(const struct buf *b, int x, int y, int px[4])
{
	VipsImage *im = img_load(b);
	double *v = NULL;
	int n = 0, i;

	assert_non_null(im);
	assert_int_equal(vips_getpoint(im, &v, &n, x, y, NULL), 0);
	for (i = 0; i < 4; i++)
		px[i] = i < n ? (int)(v[i] + 0.5) : -1;
	g_free(v);
	g_object_unref(im);
}

/* Count one libvips object. */
static inline void *
live_one(void *object, void *a, void *b)
{
	(*(int *)a)++;
	return NULL;
}

/*
 * How many libvips objects (images, regions, operations...) are alive.
 * libvips lists every one it makes, so one left behind is reachable and
 * LeakSanitizer cannot see it: tests count them instead.
 */
static inline int
live_objects(void)
{
	int n = 0;

	vips_object_map(live_one, &n, NULL);
	return n;
}

/*
 * A cmocka teardown for every test: no libvips object made during the
 * test is still alive (a missing g_object_unref()).  *state holds the
 * count from before the test (see live_mark()).
 */
static inline int
live_check(void **state)
{
	int before = (int)(intptr_t)*state, now = live_objects();

	if (now != before) {
		fprintf(stderr, "%d libvips objects left alive:\n",
		    now - before);
		vips_object_print_all();
		return -1;
	}
	return 0;
}

/* A cmocka setup for every test: remember the objects alive. */
static inline int
live_mark(void **state)
{
	*state = (void *)(intptr_t)live_objects();
	return 0;
}

#define image_test(f) cmocka_unit_test_setup_teardown(f, live_mark, live_check)

/* image_variant() of b at width, which must give want (rc) and ext. */
static inline void
variant_ok(
    const struct buf *b, int width, int want, const char *ext, struct buf *out)
{
	struct buf why = BUF_INIT;
	const char *got = NULL;
	int rc = image_variant(b->data, b->len, width, out, &got, &why);

	if (rc != want)
		fail_msg("image_variant: %d, want %d (%s)", rc, want,
		    buf_cstr(&why));
	assert_string_equal(buf_cstr(&why), "");
	if (got == NULL || strcmp(got, ext) != 0)
		fail_msg("image_variant at %d: written as %s, want %s", width,
		    got ? got : "(null)", ext);
	assert_true(out->len > 0);
	buf_free(&why);
}

/* image_variant() and image_probe() refuse b with GZ_EINVAL and a
 * message containing say (what names b in a failure). */
static inline void
refused(const struct buf *b, const char *say, const char *what)
{
	struct buf why = BUF_INIT, out = BUF_INIT;
	const char *ext = "x";
	int rc = image_variant(b->data, b->len, 480, &out, &ext, &why);

	if (rc != GZ_EINVAL)
		fail_msg("%s: image_variant gave %d, not GZ_EINVAL", what, rc);
	if (strstr(buf_cstr(&why), say) == NULL)
		fail_msg("%s: message \"%s\" lacks \"%s\"", what,
		    buf_cstr(&why), say);
	if (out.len != 0 || ext != NULL)
		fail_msg("%s: output left after an error", what);
	buf_free(&why);
	buf_free(&out);
}

#endif
