/*
 * Unit tests for image: what a well-formed upload becomes.  Sizes from
 * the header, the widths published, variants never enlarged, EXIF
 * orientation applied, every metadata block gone (looked for both in the
 * bytes and with libvips), the format each kind of picture is written
 * as, colours in sRGB, animations published as uploaded less their
 * metadata, and several threads at once.  Hostile uploads are in
 * test_image_hostile.c.
 */
#include <pthread.h>

#include "image_test.h"

/* A white picture with a red square in its top-left corner. */
static void
px_marker(int x, int y, unsigned char *px)
{
	int red = x < 40 && y < 40;

	px[0] = 255;
	px[1] = red ? 0 : 255;
	px[2] = red ? 0 : 255;
	px[3] = 255;
}

/* One flat colour, (200, 30, 30). */
static void
px_flat(int x, int y, unsigned char *px)
{
	px[0] = 200;
	px[1] = 30;
	px[2] = 30;
	px[3] = 255;
}

/*
 * Exactly 256 colours, in blocks: the most a palette holds, so that one
 * colour counted twice would change the file written.
 */
static void
px_256(int x, int y, unsigned char *px)
{
	int i = (x / 8 + y / 8 * 50) % 256;

	px[0] = (unsigned char)i;
	px[1] = (unsigned char)(255 - i);
	px[2] = (unsigned char)(i * 7);
	px[3] = 255;
}

static int
setup(void **state)
{
	struct buf why = BUF_INIT;
	int rc = image_init("test_image", &why);

	if (rc != GZ_OK)
		fprintf(stderr, "image_init: %s\n", buf_cstr(&why));
	buf_free(&why);
	return rc;
}

static int
teardown(void **state)
{
	image_shutdown();
	return 0;
}

/* image_probe() of b must give w x h, format, alpha and animated. */
static void
probe_is(const struct buf *b, int w, int h, const char *format, int alpha,
    int animated)
{
	struct image_info info;
	struct buf why = BUF_INIT;
	int rc = image_probe(b->data, b->len, &info, &why);

	if (rc != GZ_OK)
		fail_msg("probe of %s: %d (%s)", format, rc, buf_cstr(&why));
	if (info.width != w || info.height != h)
		fail_msg("probe of %s: %d x %d, want %d x %d", format,
		    info.width, info.height, w, h);
	assert_string_equal(info.format, format);
	assert_int_equal(info.has_alpha, alpha);
	assert_int_equal(info.animated, animated);
	assert_string_equal(buf_cstr(&why), "");
	buf_free(&why);
}

static void
test_probe(void **state)
{
	struct buf b = BUF_INIT;

	img_file(300, 200, 3, px_photo, "jpeg", &b);
	probe_is(&b, 300, 200, "jpeg", 0, 0);
	img_file(120, 80, 4, px_cutout, "png", &b);
	probe_is(&b, 120, 80, "png", 1, 0);
	img_file(120, 80, 1, px_photo, "png", &b);
	probe_is(&b, 120, 80, "png", 0, 0);
	img_file(64, 48, 3, px_drawing, "gif", &b);
	probe_is(&b, 64, 48, "gif", 1, 0);
	img_file(50, 40, 3, px_photo, "webp", &b);
	probe_is(&b, 50, 40, "webp", 0, 0);
	img_animation(40, 30, 3, 3, "gif", &b);
	probe_is(&b, 40, 30, "gif", 1, 1);
	img_animation(40, 30, 4, 3, "webp", &b);
	probe_is(&b, 40, 30, "webp", 1, 1);
	/* As shown: orientation 6 turns it a quarter. */
	img_file(200, 100, 3, px_marker, "jpeg", &b);
	jpeg_add_meta(&b, 6, NULL);
	probe_is(&b, 100, 200, "jpeg", 0, 0);
	img_file(200, 100, 3, px_marker, "png", &b);
	png_add_meta(&b, 8, NULL, 0);
	probe_is(&b, 100, 200, "png", 0, 0);
	buf_free(&b);
}

/* image_widths(w) with room for max gives the n widths want. */
static void
widths_are(int w, size_t max, const int *want, size_t n)
{
	int got[IMAGE_WIDTHS_MAX + 2];
	size_t k = image_widths(w, got, max), i;

	if (k != n)
		fail_msg("image_widths(%d): %zu widths, want %zu", w, k, n);
	for (i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("image_widths(%d)[%zu] = %d, want %d", w, i,
			    got[i], want[i]);
}

static void
test_widths(void **state)
{
	static const int w1[] = {1}, w479[] = {479}, w480[] = {480},
	                 w481[] = {480, 481}, w1000[] = {480, 960, 1000},
	                 w1600[] = {480, 960, 1600},
	                 w2000[] = {480, 960, 1600, 2000},
	                 w9000[] = {480, 960, 1600, IMAGE_FULL_MAX};
	const size_t room = IMAGE_WIDTHS_MAX + 2;

	widths_are(0, room, NULL, 0);
	widths_are(-5, room, NULL, 0);
	widths_are(1, room, w1, 1);
	widths_are(479, room, w479, 1);
	widths_are(480, room, w480, 1);
	widths_are(481, room, w481, 2);
	widths_are(1000, room, w1000, 3);
	widths_are(1600, room, w1600, 3);
	widths_are(2000, room, w2000, 4);
	widths_are(IMAGE_FULL_MAX, room, w9000, 4);
	widths_are(9000, room, w9000, 4);
	widths_are(IMAGE_MAX_SIDE, IMAGE_WIDTHS_MAX, w9000, 4);
	/* Never past max. */
	widths_are(9000, 2, w9000, 2);
	widths_are(9000, 0, NULL, 0);
}

/* The variant of b at width is want_w x want_h. */
static void
variant_size(
    const struct buf *b, int width, const char *ext, int want_w, int want_h)
{
	struct buf out = BUF_INIT;
	int w, h;

	variant_ok(b, width, GZ_OK, ext, &out);
	img_size(&out, &w, &h);
	if (w != want_w || h != want_h)
		fail_msg("variant at %d: %d x %d, want %d x %d", width, w, h,
		    want_w, want_h);
	buf_free(&out);
}

static void
test_variant_widths(void **state)
{
	struct buf b = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
	const char *ext = "x";

	img_file(1000, 500, 3, px_photo, "jpeg", &b);
	variant_size(&b, 480, "jpg", 480, 240);
	variant_size(&b, 960, "jpg", 960, 480);
	variant_size(&b, 333, "jpg", 333, 167);
	variant_size(&b, 1, "jpg", 1, 1);
	/* Never enlarged. */
	variant_size(&b, 1000, "jpg", 1000, 500);
	variant_size(&b, 1600, "jpg", 1000, 500);
	variant_size(&b, 2000000000, "jpg", 1000, 500);
	/* A tall one: the width alone decides. */
	img_file(100, 1000, 3, px_photo, "png", &b);
	variant_size(&b, 50, "jpg", 50, 500);
	variant_size(&b, 480, "jpg", 100, 1000);
	img_file(100, 60, 4, px_cutout, "png", &b);
	variant_size(&b, 480, "png", 100, 60);
	variant_size(&b, 50, "png", 50, 30);
	img_file(100, 60, 3, px_photo, "webp", &b);
	variant_size(&b, 480, "webp", 100, 60);
	variant_size(&b, 25, "webp", 25, 15);
	img_file(100, 60, 3, px_drawing, "gif", &b);
	variant_size(&b, 480, "png", 100, 60);
	variant_size(&b, 10, "png", 10, 6);

	assert_int_equal(
	    image_variant(b.data, b.len, 0, &out, &ext, &why), GZ_EINVAL);
	assert_null(ext);
	assert_int_equal(out.len, 0);
	assert_non_null(strstr(buf_cstr(&why), "at least 1 pixel wide"));
	buf_free(&b);
	buf_free(&out);
	buf_free(&why);
}

/* The variant of b at 480 must have its red corner at (x, y) only. */
static void
red_corner(const struct buf *b, const char *ext, int w, int h, int x, int y)
{
	static const int corner[4][2] = {{0, 0}, {1, 0}, {0, 1}, {1, 1}};
	struct buf out = BUF_INIT;
	int i, px[4], cx, cy, red;

	variant_ok(b, 480, GZ_OK, ext, &out);
	img_size(&out, &cx, &cy);
	if (cx != w || cy != h)
		fail_msg("upright: %d x %d, want %d x %d", cx, cy, w, h);
	for (i = 0; i < 4; i++) {
		cx = corner[i][0] ? w - 10 : 10;
		cy = corner[i][1] ? h - 10 : 10;
		img_pixel(&out, cx, cy, px);
		red = px[0] > 200 && px[1] < 60 && px[2] < 60;
		if (red != (corner[i][0] == x && corner[i][1] == y))
			fail_msg("pixel (%d, %d) is (%d, %d, %d)", cx, cy,
			    px[0], px[1], px[2]);
	}
	expect_no_meta_fields(&out, "an upright variant");
	buf_free(&out);
}

static void
test_orientation(void **state)
{
	struct buf b = BUF_INIT;

	/* Without orientation: the red square stays top left. */
	img_file(200, 100, 3, px_marker, "jpeg", &b);
	red_corner(&b, "jpg", 200, 100, 0, 0);
	/* 6: turn a quarter clockwise, top left goes top right. */
	jpeg_add_meta(&b, 6, NULL);
	red_corner(&b, "jpg", 100, 200, 1, 0);
	img_file(200, 100, 3, px_marker, "jpeg", &b);
	jpeg_add_meta(&b, 3, NULL);
	red_corner(&b, "jpg", 200, 100, 1, 1);
	img_file(200, 100, 3, px_marker, "jpeg", &b);
	jpeg_add_meta(&b, 8, NULL);
	red_corner(&b, "jpg", 100, 200, 0, 1);
	/* PNG's eXIf chunk is obeyed as well. */
	img_file(200, 100, 3, px_marker, "png", &b);
	png_add_meta(&b, 6, NULL, 0);
	red_corner(&b, "png", 100, 200, 1, 0);
	buf_free(&b);
}

/* The variants of b at 480 and 50 carry no metadata. */
static void
clean_variants(const struct buf *b, const char *ext, const char *what)
{
	static const int widths[] = {480, 50};
	struct buf out = BUF_INIT;
	size_t i;

	for (i = 0; i < sizeof widths / sizeof widths[0]; i++) {
		variant_ok(b, widths[i], GZ_OK, ext, &out);
		expect_no_meta_bytes(&out, what);
		expect_no_meta_fields(&out, what);
	}
	buf_free(&out);
}

/* Fail unless b loads with each of the libvips fields in want. */
static void
expect_fields(const struct buf *b, const char *const want[], size_t n)
{
	VipsImage *im = img_load(b);
	size_t i;

	assert_non_null(im);
	for (i = 0; i < n; i++)
		if (!vips_image_get_typeof(im, want[i]))
			fail_msg("test input lacks the field %s", want[i]);
	g_object_unref(im);
}

static void
test_metadata_jpeg(void **state)
{
	static const char *const marks[] = {"Exif", "GPS", SECRET "-EXIF",
	    SECRET "-XMP", SECRET "-IPTC", SECRET "-COMMENT",
	    "http://ns.adobe.com/xap", "Photoshop 3.0", "ICC_PROFILE"};
	static const char *const fields[] = {"exif-data", "xmp-data",
	    "iptc-data", "icc-profile-data", "exif-ifd3-GPSLatitude",
	    "orientation"};
	struct buf b = BUF_INIT;

	img_file(600, 400, 3, px_photo, "jpeg", &b);
	jpeg_add_meta(&b, 1, "srgb");
	expect_meta_bytes(&b, marks, sizeof marks / sizeof marks[0]);
	expect_fields(&b, fields, sizeof fields / sizeof fields[0]);
	clean_variants(&b, "jpg", "JPEG variant");
	buf_free(&b);
}

static void
test_metadata_png(void **state)
{
	static const char *const marks[] = {"eXIf", "tEXt", "zTXt", "iTXt",
	    "iCCP", "GPS", SECRET "-EXIF", SECRET "-TEXT", SECRET "-XMP"};
	static const char *const fields[] = {"exif-data", "xmp-data",
	    "icc-profile-data", "exif-ifd3-GPSLatitude"};
	struct buf b = BUF_INIT;

	/* A photo becomes JPEG, a drawing stays PNG: both clean. */
	img_file(300, 200, 3, px_photo, "png", &b);
	png_add_meta(&b, 1, "srgb", 0);
	expect_meta_bytes(&b, marks, sizeof marks / sizeof marks[0]);
	expect_fields(&b, fields, sizeof fields / sizeof fields[0]);
	clean_variants(&b, "jpg", "PNG photo variant");
	img_file(300, 200, 3, px_drawing, "png", &b);
	png_add_meta(&b, 1, "srgb", 0);
	expect_meta_bytes(&b, marks, sizeof marks / sizeof marks[0]);
	clean_variants(&b, "png", "PNG drawing variant");
	img_file(300, 200, 4, px_cutout, "png", &b);
	png_add_meta(&b, 1, "srgb", 0);
	clean_variants(&b, "png", "PNG cut-out variant");
	buf_free(&b);
}

/*
 * A still or animated WebP with EXIF, XMP and ICC chunks: libvips'
 * saver writes them from the image's fields.
 */
static void
webp_with_meta(VipsImage *im, int orientation, struct buf *out)
{
	struct buf exif = BUF_INIT, icc = BUF_INIT, t = BUF_INIT;
	void *p = NULL;
	size_t n = 0;

	exif_make(&t, orientation, 0);
	buf_put(&exif, "Exif\0\0", 6);
	buf_put(&exif, t.data, t.len);
	icc_make(&icc, "p3");
	vips_image_set_blob_copy(im, VIPS_META_EXIF_NAME, exif.data, exif.len);
	vips_image_set_blob_copy(
	    im, VIPS_META_XMP_NAME, XMP_PACKET, sizeof XMP_PACKET - 1);
	vips_image_set_blob_copy(im, VIPS_META_ICC_NAME, icc.data, icc.len);
	assert_int_equal(vips_webpsave_buffer(im, &p, &n, "strip", FALSE,
	                     "lossless", TRUE, NULL),
	    0);
	buf_reset(out);
	buf_put(out, p, n);
	g_free(p);
	buf_free(&exif);
	buf_free(&icc);
	buf_free(&t);
}

static void
test_metadata_webp_gif(void **state)
{
	static const char *const webp_marks[] = {
	    "EXIF", "XMP ", "ICCP", "GPS", SECRET "-EXIF", SECRET "-XMP"};
	static const char *const gif_marks[] = {
	    SECRET "-COMMENT", SECRET "-XMP", "XMP Data", "ICCRGBG1"};
	struct buf b = BUF_INIT;
	VipsImage *im = img_new(300, 200, 3, px_photo);

	webp_with_meta(im, 1, &b);
	g_object_unref(im);
	expect_meta_bytes(&b, webp_marks, 6);
	clean_variants(&b, "webp", "WebP variant");
	img_file(300, 200, 3, px_drawing, "gif", &b);
	gif_add_meta(&b);
	expect_meta_bytes(&b, gif_marks, 4);
	clean_variants(&b, "png", "still GIF variant");
	buf_free(&b);
}

/* The variant of b at width: ext, and bands bands of 8 bits. */
static void
variant_is(const struct buf *b, int width, const char *ext, int bands)
{
	struct buf out = BUF_INIT;
	VipsImage *im;

	variant_ok(b, width, GZ_OK, ext, &out);
	im = img_load(&out);
	assert_non_null(im);
	if (vips_image_get_bands(im) != bands)
		fail_msg("%s variant has %d bands, want %d", ext,
		    vips_image_get_bands(im), bands);
	assert_int_equal(vips_image_get_format(im), VIPS_FORMAT_UCHAR);
	g_object_unref(im);
	buf_free(&out);
}

/* Every width published for b (w wide) is written as ext. */
static void
every_width_is(const struct buf *b, int w, const char *ext, int bands)
{
	int widths[IMAGE_WIDTHS_MAX];
	size_t k = image_widths(w, widths, IMAGE_WIDTHS_MAX), i;

	for (i = 0; i < k; i++)
		variant_is(b, widths[i], ext, bands);
}

static void
test_formats(void **state)
{
	struct buf b = BUF_INIT, out = BUF_INIT;
	VipsImage *im, *wide;

	img_file(1000, 700, 3, px_photo, "jpeg", &b);
	every_width_is(&b, 1000, "jpg", 3);
	img_file(1000, 700, 3, px_photo, "webp", &b);
	every_width_is(&b, 1000, "webp", 3);
	img_file(1000, 700, 4, px_cutout, "webp", &b);
	every_width_is(&b, 1000, "webp", 4);
	/* Transparency stays PNG, whatever the colours. */
	img_file(1000, 700, 4, px_cutout, "png", &b);
	every_width_is(&b, 1000, "png", 4);
	img_file(1000, 700, 2, px_cutout, "png", &b);
	every_width_is(&b, 1000, "png", 2);
	/* An opaque photo becomes JPEG, alpha band or not. */
	img_file(1000, 700, 3, px_photo, "png", &b);
	every_width_is(&b, 1000, "jpg", 3);
	/* (px_photo's fourth band is 255 throughout.) */
	img_file(1000, 700, 4, px_photo, "png", &b);
	every_width_is(&b, 1000, "jpg", 3);
	/* Grey has 256 colours at most: PNG with a palette. */
	img_file(1000, 700, 1, px_photo, "png", &b);
	every_width_is(&b, 1000, "png", 1);
	/* A drawing stays PNG at every width, resampled edges and all. */
	img_file(1000, 700, 3, px_drawing, "png", &b);
	every_width_is(&b, 1000, "png", 3);
	img_file(1000, 700, 4, px_drawing, "png", &b);
	every_width_is(&b, 1000, "png", 3);
	/* A palette when the variant has 256 colours or fewer: exact. */
	img_file(400, 300, 3, px_256, "png", &b);
	variant_ok(&b, 400, GZ_OK, "png", &out);
	assert_true(has_text(&out, "PLTE"));
	img_file(400, 300, 3, px_drawing, "png", &b);
	variant_ok(&b, 400, GZ_OK, "png", &out);
	assert_true(has_text(&out, "PLTE"));
	/* Resampled, the same has more: still PNG, without a palette. */
	variant_ok(&b, 150, GZ_OK, "png", &out);
	assert_false(has_text(&out, "PLTE"));
	/* 16 bits a band become 8. */
	im = img_new(300, 200, 3, px_photo);
	assert_int_equal(vips_linear1(im, &wide, 257, 0, NULL), 0);
	g_object_unref(im);
	assert_int_equal(vips_cast(wide, &im, VIPS_FORMAT_USHORT, NULL), 0);
	g_object_unref(wide);
	wide = im;
	assert_int_equal(vips_copy(wide, &im, "interpretation",
	                     VIPS_INTERPRETATION_RGB16, NULL),
	    0);
	g_object_unref(wide);
	img_encode(im, "png", &b);
	g_object_unref(im);
	every_width_is(&b, 300, "jpg", 3);
	/* A still GIF is published as PNG. */
	img_file(600, 400, 3, px_drawing, "gif", &b);
	every_width_is(&b, 600, "png", 3);
	buf_free(&b);
	buf_free(&out);
}

/* The pixel (10, 10) of b's variant is within 4 of want. */
static void
colour_is(const struct buf *b, const char *ext, const int want[3])
{
	struct buf out = BUF_INIT;
	int px[4], i;

	variant_ok(b, 480, GZ_OK, ext, &out);
	img_pixel(&out, 10, 10, px);
	for (i = 0; i < 3; i++)
		if (abs(px[i] - want[i]) > 4)
			fail_msg("colour (%d, %d, %d), want (%d, %d, %d)",
			    px[0], px[1], px[2], want[0], want[1], want[2]);
	expect_no_meta_fields(&out, "a colour variant");
	buf_free(&out);
}

/* What libvips makes of b's pixel (10, 10) from its profile, in sRGB. */
static void
srgb_of(const struct buf *b, int want[3])
{
	VipsImage *im = img_load(b), *srgb;
	double *v = NULL;
	int n = 0, i;

	assert_non_null(im);
	assert_int_equal(
	    vips_icc_transform(im, &srgb, "srgb", "embedded", TRUE, NULL), 0);
	assert_int_equal(vips_getpoint(srgb, &v, &n, 10, 10, NULL), 0);
	for (i = 0; i < 3; i++)
		want[i] = (int)(v[i] + 0.5);
	g_free(v);
	g_object_unref(srgb);
	g_object_unref(im);
}

/* A CMYK JPEG of px_flat into b, with its profile or without. */
static void
cmyk_jpeg(struct buf *b, int with_profile)
{
	VipsImage *im = img_new(64, 64, 3, px_flat), *cmyk;
	void *p = NULL;
	size_t n = 0;

	assert_int_equal(
	    vips_icc_export(im, &cmyk, "output_profile", "cmyk", NULL), 0);
	g_object_unref(im);
	assert_int_equal(vips_image_get_bands(cmyk), 4);
	assert_int_equal(
	    vips_jpegsave_buffer(cmyk, &p, &n, "strip", !with_profile, NULL),
	    0);
	g_object_unref(cmyk);
	buf_reset(b);
	buf_put(b, p, n);
	g_free(p);
	assert_int_equal(has_text(b, "ICC_PROFILE"), with_profile);
}

static void
test_colour(void **state)
{
	static const int flat[3] = {200, 30, 30};
	struct buf b = BUF_INIT;
	int want[3];

	/* Without a profile the colours are sRGB already: unchanged. */
	img_file(64, 64, 3, px_flat, "png", &b);
	colour_is(&b, "png", flat);
	img_file(64, 64, 3, px_flat, "jpeg", &b);
	colour_is(&b, "jpg", flat);
	img_file(64, 64, 3, px_flat, "webp", &b);
	colour_is(&b, "webp", flat);
	/* Display P3: turned into sRGB, then the profile dropped. */
	img_file(64, 64, 3, px_flat, "png", &b);
	png_add_meta(&b, 1, "p3", 0);
	srgb_of(&b, want);
	assert_true(abs(want[0] - flat[0]) + abs(want[1] - flat[1]) > 10);
	colour_is(&b, "png", want);
	img_file(64, 64, 3, px_flat, "jpeg", &b);
	jpeg_add_meta(&b, 1, "p3");
	srgb_of(&b, want);
	colour_is(&b, "jpg", want);
	/* CMYK, as printers' files are: sRGB, whether the profile is
	 * in the file or not. */
	cmyk_jpeg(&b, 1);
	srgb_of(&b, want);
	colour_is(&b, "jpg", want);
	variant_is(&b, 480, "jpg", 3);
	cmyk_jpeg(&b, 0);
	colour_is(&b, "jpg", want);
	variant_is(&b, 480, "jpg", 3);
	buf_free(&b);
}

/* The RIFF chunks of a WebP file, listed into the array c. */
struct chunk {
	const char *p;
	size_t n;
};

static size_t
webp_chunks(const struct buf *b, struct chunk *c, size_t max)
{
	const unsigned char *p = (const unsigned char *)b->data;
	size_t i = 12, k = 0, size;

	assert_true(b->len >= 12);
	assert_int_equal(
	    p[4] | p[5] << 8 | p[6] << 16 | (size_t)p[7] << 24, b->len - 8);
	while (i + 8 <= b->len && k < max) {
		size = p[i + 4] | p[i + 5] << 8 | p[i + 6] << 16 |
		    (size_t)p[i + 7] << 24;
		size += 8 + (size & 1);
		assert_true(size <= b->len - i);
		c[k].p = b->data + i;
		c[k++].n = size;
		i += size;
	}
	assert_int_equal(i, b->len);
	return k;
}

static void
test_animated_webp(void **state)
{
	struct buf plain = BUF_INIT, b = BUF_INIT, out = BUF_INIT;
	struct chunk in[32], got[32];
	size_t nin, ngot, i, k;
	VipsImage *im;

	img_animation(60, 40, 4, 3, "webp", &plain);
	im = img_load(&plain);
	assert_non_null(im);
	webp_with_meta(im, 6, &b);
	g_object_unref(im);
	buf_free(&plain);
	/* Published as it is: the orientation is not applied, so the
	 * size told is the frames' own. */
	probe_is(&b, 60, 40, "webp", 1, 1);
	assert_true(has_text(&b, "EXIF") && has_text(&b, "XMP ") &&
	    has_text(&b, "ICCP") && has_text(&b, "ANMF"));
	variant_ok(&b, 480, IMAGE_AS_IS, "webp", &out);
	expect_no_meta_bytes(&out, "animated WebP");
	expect_no_meta_fields(&out, "animated WebP");
	/* The same chunks less EXIF, XMP and ICCP, byte for byte (VP8X
	 * less its flags for them). */
	nin = webp_chunks(&b, in, 32);
	ngot = webp_chunks(&out, got, 32);
	for (i = k = 0; i < nin; i++) {
		if (memcmp(in[i].p, "EXIF", 4) == 0 ||
		    memcmp(in[i].p, "XMP ", 4) == 0 ||
		    memcmp(in[i].p, "ICCP", 4) == 0)
			continue;
		assert_true(k < ngot);
		assert_int_equal(in[i].n, got[k].n);
		if (memcmp(in[i].p, "VP8X", 4) == 0) {
			assert_int_equal(in[i].p[8] & 0x2c, 0x2c);
			assert_int_equal(got[k].p[8], in[i].p[8] & ~0x2c);
			assert_memory_equal(
			    in[i].p + 9, got[k].p + 9, in[i].n - 9);
		} else {
			assert_memory_equal(in[i].p, got[k].p, in[i].n);
		}
		k++;
	}
	assert_int_equal(k, ngot);
	/* Every width gets the same file. */
	buf_reset(&b);
	buf_put(&b, out.data, out.len);
	variant_ok(&b, 20, IMAGE_AS_IS, "webp", &out);
	assert_true(buf_eq(&b, &out));
	im = img_load(&out);
	assert_non_null(im);
	assert_int_equal(vips_image_get_n_pages(im), 3);
	g_object_unref(im);
	buf_free(&b);
	buf_free(&out);
}

static void
test_animated_gif(void **state)
{
	struct buf pristine = BUF_INIT, b = BUF_INIT, out = BUF_INIT;
	VipsImage *im;

	img_animation(60, 40, 3, 3, "gif", &pristine);
	assert_true(has_text(&pristine, "NETSCAPE2.0"));
	buf_put(&b, pristine.data, pristine.len);
	gif_add_meta(&b);
	buf_puts(&b, "trailing " SECRET);
	im = img_load(&b);
	assert_non_null(im);
	assert_int_equal(vips_image_get_n_pages(im), 3);
	g_object_unref(im);
	/* The frames and the loop count, byte for byte: what the saver
	 * wrote before the metadata went in. */
	variant_ok(&b, 480, IMAGE_AS_IS, "gif", &out);
	assert_int_equal(out.len, pristine.len);
	assert_memory_equal(out.data, pristine.data, pristine.len);
	expect_no_meta_fields(&out, "animated GIF");
	variant_ok(&b, 10, IMAGE_AS_IS, "gif", &out);
	assert_true(buf_eq(&out, &pristine));
	buf_free(&pristine);
	buf_free(&b);
	buf_free(&out);
}

/* Several threads make the same variants at once. */
#define THREADS 4
#define ROUNDS  3
#define INPUTS  6

struct job {
	const struct buf *in;   /* INPUTS uploads */
	const struct buf *want; /* their variants made on one thread */
	int width, bad;
};

static void *
job_run(void *arg)
{
	struct job *j = arg;
	struct buf out = BUF_INIT, why = BUF_INIT;
	const char *ext;
	int r, i, rc;

	for (r = 0; r < ROUNDS; r++)
		for (i = 0; i < INPUTS; i++) {
			rc = image_variant(j->in[i].data, j->in[i].len,
			    j->width, &out, &ext, &why);
			if ((rc != GZ_OK && rc != IMAGE_AS_IS) ||
			    !buf_eq(&out, &j->want[i]))
				j->bad++;
		}
	/* Like a server thread: no vips_thread_shutdown() of its own. */
	buf_free(&out);
	buf_free(&why);
	return NULL;
}

static void
test_threads(void **state)
{
	struct buf in[INPUTS], want[INPUTS];
	struct job jobs[THREADS];
	pthread_t t[THREADS];
	const char *ext;
	int i;

	for (i = 0; i < INPUTS; i++) {
		buf_init(&in[i]);
		buf_init(&want[i]);
	}
	img_file(400, 300, 3, px_photo, "jpeg", &in[0]);
	jpeg_add_meta(&in[0], 6, "p3");
	img_file(400, 300, 4, px_cutout, "png", &in[1]);
	img_file(400, 300, 3, px_photo, "webp", &in[2]);
	img_animation(40, 30, 3, 3, "gif", &in[3]);
	img_file(400, 300, 3, px_256, "png", &in[4]);
	img_file(400, 300, 4, px_photo, "png", &in[5]);
	for (i = 0; i < INPUTS; i++) {
		int rc = image_variant(
		    in[i].data, in[i].len, 400, &want[i], &ext, NULL);
		assert_true(rc == GZ_OK || rc == IMAGE_AS_IS);
	}
	for (i = 0; i < THREADS; i++) {
		jobs[i] = (struct job){in, want, 400, 0};
		assert_int_equal(
		    pthread_create(&t[i], NULL, job_run, &jobs[i]), 0);
	}
	for (i = 0; i < THREADS; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(jobs[i].bad, 0);
	}
	for (i = 0; i < INPUTS; i++) {
		buf_free(&in[i]);
		buf_free(&want[i]);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    image_test(test_probe),
	    image_test(test_widths),
	    image_test(test_variant_widths),
	    image_test(test_orientation),
	    image_test(test_metadata_jpeg),
	    image_test(test_metadata_png),
	    image_test(test_metadata_webp_gif),
	    image_test(test_formats),
	    image_test(test_colour),
	    image_test(test_animated_webp),
	    image_test(test_animated_gif),
	    image_test(test_threads),
	};
	return cmocka_run_group_tests_name("image", tests, setup, teardown);
}
