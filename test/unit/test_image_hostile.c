/*
 * Unit tests for image: hostile and broken uploads.  Headers that claim
 * a huge picture are refused from the header, quickly; cut-short,
 * damaged, empty and garbage files are refused with a message saying
 * what to do; other formats (SVG, PDF, TIFF, BMP) never reach a libvips
 * loader; metadata blocks that are huge or malformed change nothing.
 */
#include <time.h>

#include "image_test.h"

static int
setup(void **state)
{
	struct buf why = BUF_INIT;
	int rc = image_init(NULL, &why);

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

static double
now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

/* A small deterministic generator of garbage. */
static uint32_t
rnd(uint32_t *s)
{
	*s = *s * 1103515245u + 12345u;
	return *s >> 16;
}

/*
 * A PNG whose header says w x h, with a first row of pixels and no
 * more: decoding it would fail, so only the header can accept it.
 */
static void
png_claiming(uint32_t w, uint32_t h, struct buf *out)
{
	struct buf ihdr = BUF_INIT, idat = BUF_INIT;

	put_be(&ihdr, w, 4);
	put_be(&ihdr, h, 4);
	buf_put(&ihdr, "\x08\x02\x00\x00\x00", 5);
	zlib_stored(&idat, "\0\0\0\0", 4);
	buf_reset(out);
	buf_put(out, "\x89PNG\r\n\x1a\n", 8);
	png_add(out, 8, "IEND", "", 0);
	png_add(out, 8, "IDAT", idat.data, idat.len);
	png_add(out, 8, "IHDR", ihdr.data, ihdr.len);
	buf_free(&ihdr);
	buf_free(&idat);
}

/* A small real JPEG whose SOF0 header is made to say w x h. */
static void
jpeg_claiming(int w, int h, struct buf *out)
{
	unsigned char *p;
	size_t i;

	img_file(64, 48, 3, px_photo, "jpeg", out);
	p = (unsigned char *)out->data;
	for (i = 2; i + 9 < out->len; i++)
		if (p[i] == 0xff && (p[i + 1] == 0xc0 || p[i + 1] == 0xc2))
			break;
	assert_true(i + 9 < out->len);
	p[i + 5] = (unsigned char)(h >> 8);
	p[i + 6] = (unsigned char)h;
	p[i + 7] = (unsigned char)(w >> 8);
	p[i + 8] = (unsigned char)w;
}

/*
 * A small real lossless WebP whose VP8L header (and VP8X canvas, when
 * there is one) says w x h.
 */
static void
webp_claiming(uint32_t w, uint32_t h, struct buf *out)
{
	unsigned char *p;
	uint32_t v;
	size_t i, size;
	int found = 0;

	img_file(64, 48, 3, px_photo, "webp", out);
	p = (unsigned char *)out->data;
	for (i = 12; i + 8 <= out->len; i += 8 + size + (size & 1)) {
		size = p[i + 4] | p[i + 5] << 8 | p[i + 6] << 16;
		if (memcmp(p + i, "VP8X", 4) == 0) {
			p[i + 12] = (unsigned char)(w - 1);
			p[i + 13] = (unsigned char)((w - 1) >> 8);
			p[i + 14] = (unsigned char)((w - 1) >> 16);
			p[i + 15] = (unsigned char)(h - 1);
			p[i + 16] = (unsigned char)((h - 1) >> 8);
			p[i + 17] = (unsigned char)((h - 1) >> 16);
		}
		if (memcmp(p + i, "VP8L", 4) != 0)
			continue;
		v = (uint32_t)p[i + 9] | (uint32_t)p[i + 10] << 8 |
		    (uint32_t)p[i + 11] << 16 | (uint32_t)p[i + 12] << 24;
		v = (v & 0xf0000000u) | (w - 1) | (h - 1) << 14;
		p[i + 9] = (unsigned char)v;
		p[i + 10] = (unsigned char)(v >> 8);
		p[i + 11] = (unsigned char)(v >> 16);
		p[i + 12] = (unsigned char)(v >> 24);
		found = 1;
	}
	assert_true(found);
}

/*
 * b claims w x h, which is too large: probe tells that size and refuses
 * it, and so does image_variant, both in well under a second.
 */
static void
bomb(const struct buf *b, int w, int h, const char *what)
{
	struct image_info info;
	struct buf why = BUF_INIT;
	char size[64];
	double t = now();
	int rc = image_probe(b->data, b->len, &info, &why);

	if (rc != GZ_EINVAL)
		fail_msg("%s: probe gave %d (%s)", what, rc, buf_cstr(&why));
	/* As shown: the size it claims, so the person knows. */
	if (info.width != w || info.height != h)
		fail_msg(
		    "%s: probe says %d x %d", what, info.width, info.height);
	snprintf(size, sizeof size, "is %d x %d pixels", w, h);
	if (strstr(buf_cstr(&why), size) == NULL ||
	    strstr(buf_cstr(&why), "scale it down") == NULL)
		fail_msg("%s: message \"%s\"", what, buf_cstr(&why));
	refused(b, size, what);
	if (now() - t > 1.0)
		fail_msg("%s took %.1f s: decoded?", what, now() - t);
	buf_free(&why);
}

/* b's header is accepted by image_probe() as w x h. */
static void
header_ok(const struct buf *b, int w, int h)
{
	struct image_info info;
	struct buf why = BUF_INIT;
	int rc = image_probe(b->data, b->len, &info, &why);

	if (rc != GZ_OK)
		fail_msg("%d x %d: refused (%s)", w, h, buf_cstr(&why));
	assert_int_equal(info.width, w);
	assert_int_equal(info.height, h);
	buf_free(&why);
}

static void
test_bombs(void **state)
{
	struct buf b = BUF_INIT;

	png_claiming(50000, 50000, &b);
	bomb(&b, 50000, 50000, "PNG 50000 x 50000");
	png_claiming(100000, 1, &b);
	bomb(&b, 100000, 1, "PNG 100000 x 1");
	png_claiming(1, 100000, &b);
	bomb(&b, 1, 100000, "PNG 1 x 100000");
	png_claiming(IMAGE_MAX_SIDE + 1, 1, &b);
	bomb(&b, IMAGE_MAX_SIDE + 1, 1, "PNG one pixel too wide");
	/* Sides within bounds, too many pixels in all. */
	png_claiming(6400, 6400, &b);
	bomb(&b, 6400, 6400, "PNG 6400 x 6400");
	/* The bounds themselves are accepted, from the header. */
	png_claiming(IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS / IMAGE_MAX_SIDE, &b);
	header_ok(&b, IMAGE_MAX_SIDE, IMAGE_MAX_PIXELS / IMAGE_MAX_SIDE);
	png_claiming(1, IMAGE_MAX_SIDE, &b);
	header_ok(&b, 1, IMAGE_MAX_SIDE);
	/* ...and refused as truncated when it comes to the pixels. */
	refused(&b, "truncated or damaged", "a PNG with one row");

	jpeg_claiming(50000, 50000, &b);
	bomb(&b, 50000, 50000, "JPEG 50000 x 50000");
	jpeg_claiming(65500, 1, &b);
	bomb(&b, 65500, 1, "JPEG 65500 x 1");
	/* As shown: 6 turns it, and the size it tells turns too. */
	jpeg_claiming(30000, 100, &b);
	jpeg_add_meta(&b, 6, NULL);
	bomb(&b, 100, 30000, "JPEG 100 x 30000 upright");
	webp_claiming(16383, 16383, &b);
	bomb(&b, 16383, 16383, "WebP 16383 x 16383");
	webp_claiming(16383, 1, &b);
	header_ok(&b, 16383, 1);
	buf_free(&b);
}

/* The offset of the first image descriptor of a GIF. */
static size_t
gif_first_frame(const struct buf *b)
{
	const unsigned char *p = (const unsigned char *)b->data;
	size_t at = gif_body(b);

	while (at < b->len && p[at] == 0x21) {
		for (at += 2; at < b->len && p[at] != 0; at += 1 + p[at])
			;
		at++;
	}
	assert_true(at + 10 < b->len);
	assert_int_equal(p[at], 0x2c);
	return at;
}

static void
test_gif_bomb(void **state)
{
	struct buf b = BUF_INIT, out = BUF_INIT;
	size_t at;
	double t;

	/* A GIF's picture is its frames: a logical screen of 65535 x
	 * 65535 around a small frame is that frame. */
	img_file(40, 30, 3, px_drawing, "gif", &b);
	memset(b.data + 6, 0xff, 4);
	header_ok(&b, 40, 30);
	t = now();
	variant_ok(&b, 480, GZ_OK, "png", &out);
	assert_true(now() - t < 1.0);
	/* A frame that claims 65535 x 65535. */
	img_file(40, 30, 3, px_drawing, "gif", &b);
	at = gif_first_frame(&b);
	memset(b.data + at + 5, 0xff, 4);
	bomb(&b, 65535, 65535, "GIF frame 65535 x 65535");
	img_animation(40, 30, 3, 3, "gif", &b);
	at = gif_first_frame(&b);
	memset(b.data + at + 5, 0xff, 2);
	bomb(&b, 65535, 30, "animated GIF frame 65535 x 30");
	buf_free(&b);
	buf_free(&out);
}

/*
 * b cut to each of a few lengths that lose pixels is refused with a
 * message; cut after its last pixel, accepted or refused, never more.
 */
static void
cut_short(const struct buf *b, const char *what)
{
	const size_t cuts[] = {1, 7, 12, 20, 40, b->len / 4, b->len / 2,
	    b->len * 3 / 4, b->len - 60};
	struct buf c = BUF_INIT, why = BUF_INIT, out = BUF_INIT;
	const char *ext;
	char name[80];
	size_t i;
	int rc;

	for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
		buf_reset(&c);
		buf_put(&c, b->data, cuts[i]);
		snprintf(name, sizeof name, "%s cut to %zu of %zu", what,
		    cuts[i], b->len);
		refused(&c, "upload", name);
	}
	for (i = b->len - 2; i < b->len; i++) {
		buf_reset(&c);
		buf_put(&c, b->data, i);
		buf_reset(&why);
		rc = image_variant(c.data, c.len, 100, &out, &ext, &why);
		if (rc != GZ_OK && rc != IMAGE_AS_IS &&
		    (rc != GZ_EINVAL || why.len == 0))
			fail_msg("%s cut to %zu: %d (%s)", what, i, rc,
			    buf_cstr(&why));
	}
	buf_free(&c);
	buf_free(&why);
	buf_free(&out);
}

static void
test_truncated(void **state)
{
	struct buf b = BUF_INIT;

	img_file(300, 200, 3, px_photo, "jpeg", &b);
	cut_short(&b, "JPEG");
	img_file(300, 200, 3, px_photo, "png", &b);
	cut_short(&b, "PNG");
	img_file(300, 200, 3, px_drawing, "gif", &b);
	cut_short(&b, "GIF");
	img_file(300, 200, 3, px_photo, "webp", &b);
	cut_short(&b, "WebP");
	img_animation(100, 80, 3, 4, "gif", &b);
	cut_short(&b, "animated GIF");
	img_animation(100, 80, 4, 4, "webp", &b);
	cut_short(&b, "animated WebP");
	buf_free(&b);
}

static void
test_garbage(void **state)
{
	static const char *const magic[] = {"", "\xff\xd8\xff",
	    "\x89PNG\r\n\x1a\n", "GIF89a", "RIFF\0\0\0\0WEBP"};
	static const size_t magic_len[] = {0, 3, 8, 6, 12};
	struct buf b = BUF_INIT;
	uint32_t seed = 42;
	size_t m, n, i;
	char name[64];

	for (m = 0; m < sizeof magic / sizeof magic[0]; m++)
		for (n = 1; n <= 4096; n *= 4) {
			buf_reset(&b);
			buf_put(&b, magic[m], magic_len[m]);
			for (i = 0; i < n; i++)
				buf_putc(&b, (int)(rnd(&seed) & 0xff));
			snprintf(
			    name, sizeof name, "garbage %zu after %zu", n, m);
			refused(&b,
			    m == 0 ? "not a JPEG, PNG, GIF or WebP"
			           : "upload it",
			    name);
		}
	buf_free(&b);
}

/* A 2 x 2 BMP, 24 bits a pixel. */
static void
bmp_make(struct buf *b)
{
	buf_reset(b);
	buf_put(b, "BM", 2);
	put_le(b, 70, 4);
	put_le(b, 0, 4);
	put_le(b, 54, 4);
	put_le(b, 40, 4);
	put_le(b, 2, 4);
	put_le(b, 2, 4);
	put_le(b, 1, 2);
	put_le(b, 24, 2);
	put_le(b, 0, 4);
	put_le(b, 16, 4);
	put_le(b, 2835, 4);
	put_le(b, 2835, 4);
	put_le(b, 0, 4);
	put_le(b, 0, 4);
	buf_put(b, "\0\0\xff\xff\xff\xff\0\0\xff\0\0\xff\0\0\0\0", 16);
}

static void
test_other_formats(void **state)
{
	static const char *const texts[] = {
	    "<svg xmlns='http://www.w3.org/2000/svg' width='10' "
	    "height='10'><rect width='10' height='10'/></svg>",
	    "<?xml version='1.0'?>\n<svg xmlns='http://www.w3.org/2000/"
	    "svg' width='10' height='10'/>",
	    "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
	    "2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
	    "trailer<</Root 1 0 R>>\n%%EOF\n",
	    "P3\n2 2\n255\n255 0 0 0 255 0 0 0 255 255 255 255\n",
	    "#?RADIANCE\nFORMAT=32-bit_rle_rgbe\n\n-Y 1 +X 1\n\x80\x80\x80\x80",
	};
	const char *const not_ours = "not a JPEG, PNG, GIF or WebP image";
	struct buf b = BUF_INIT;
	VipsImage *im = NULL;
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		buf_reset(&b);
		buf_puts(&b, texts[i]);
		refused(&b, not_ours, texts[i]);
	}
	buf_reset(&b);
	buf_put(&b,
	    "RIFF\x24\0\0\0WAVEfmt \x10\0\0\0\1\0\1\0"
	    "\x44\xac\0\0\x88\x58\x01\0\2\0\x10\0data\0\0\0\0",
	    44);
	refused(&b, not_ours, "RIFF but WAVE");
	img_file(40, 30, 3, px_photo, "tiff", &b);
	refused(&b, not_ours, "TIFF");
	bmp_make(&b);
	refused(&b, not_ours, "BMP");

	/* Not even asked: image_init() blocked every other loader, so a
	 * file that sniffs as ours is read by our loader or by none. */
	img_file(40, 30, 3, px_photo, "tiff", &b);
	assert_int_not_equal(vips_tiffload_buffer(b.data, b.len, &im, NULL), 0);
	assert_null(vips_image_new_from_buffer(b.data, b.len, "", NULL));
	buf_reset(&b);
	buf_puts(&b, texts[0]);
	assert_int_not_equal(vips_svgload_buffer(b.data, b.len, &im, NULL), 0);
	vips_error_clear();
	/* Our own are not blocked. */
	img_file(40, 30, 3, px_photo, "jpeg", &b);
	assert_int_equal(vips_jpegload_buffer(b.data, b.len, &im, NULL), 0);
	g_object_unref(im);
	buf_free(&b);
}

static void
test_empty(void **state)
{
	struct buf why = BUF_INIT, out = BUF_INIT, b = BUF_INIT;
	struct image_info info;
	const char *ext = "x";

	assert_int_equal(image_probe("", 0, &info, &why), GZ_EINVAL);
	assert_string_equal(
	    buf_cstr(&why), "the file is empty; upload the image again");
	assert_int_equal(info.width, 0);
	assert_null(info.format);
	buf_reset(&why);
	assert_int_equal(image_probe(NULL, 0, &info, &why), GZ_EINVAL);
	assert_int_equal(
	    image_variant(NULL, 0, 100, &out, &ext, &why), GZ_EINVAL);
	assert_null(ext);
	assert_int_equal(out.len, 0);
	/* Less than the magic bytes of any kind. */
	buf_put(&b, "\xff\xd8", 2);
	refused(&b,
	    "not a JPEG, PNG, GIF or WebP image; save it in one "
	    "of these formats and upload it again",
	    "2 bytes");
	buf_free(&why);
	buf_free(&out);
	buf_free(&b);
}

/* b, with its huge metadata, makes a clean variant as ext. */
static void
clean_despite(const struct buf *b, const char *ext, const char *what)
{
	struct buf out = BUF_INIT;
	double t = now();

	variant_ok(b, 200, GZ_OK, ext, &out);
	expect_no_meta_bytes(&out, what);
	expect_no_meta_fields(&out, what);
	if (out.len * 10 > b->len)
		fail_msg("%s: %zu bytes out of %zu", what, out.len, b->len);
	if (now() - t > 5.0)
		fail_msg("%s took %.1f s", what, now() - t);
	buf_free(&out);
}

static void
test_huge_metadata(void **state)
{
	struct buf b = BUF_INIT, t = BUF_INIT, x = BUF_INIT;
	int i;

	/* The largest EXIF a JPEG segment holds. */
	img_file(300, 200, 3, px_photo, "jpeg", &b);
	exif_make(&t, 6, 65000);
	buf_put(&x, "Exif\0\0", 6);
	buf_put(&x, t.data, t.len);
	jpeg_add(&b, 0xe1, x.data, x.len);
	jpeg_add_meta(&b, 6, "p3");
	/* ...and 40 more segments of extended XMP. */
	buf_reset(&x);
	buf_put(&x, "http://ns.adobe.com/xmp/extension/", 35);
	while (x.len < 60000)
		buf_puts(&x, SECRET " ");
	for (i = 0; i < 40; i++)
		jpeg_add(&b, 0xe1, x.data, x.len);
	clean_despite(&b, "jpg", "JPEG with 2.5 MB of metadata");
	/* PNG chunks have no such bound: 8 MB of EXIF. */
	img_file(300, 200, 3, px_drawing, "png", &b);
	png_add_meta(&b, 1, "p3", 8u << 20);
	clean_despite(&b, "png", "PNG with 8 MB of EXIF");
	buf_free(&b);
	buf_free(&t);
	buf_free(&x);
}

static void
test_broken_metadata(void **state)
{
	struct buf b = BUF_INIT, x = BUF_INIT, out = BUF_INIT;
	uint32_t seed = 7;
	int i;

	/* An ICC profile of garbage, and an EXIF block of garbage. */
	img_file(300, 200, 3, px_photo, "jpeg", &b);
	buf_put(&x, "ICC_PROFILE\0\x01\x01", 14);
	for (i = 0; i < 600; i++)
		buf_putc(&x, (int)(rnd(&seed) & 0xff));
	jpeg_add(&b, 0xe2, x.data, x.len);
	buf_reset(&x);
	buf_put(&x, "Exif\0\0II*\0\x08\0\0\0\xff\xff", 16);
	for (i = 0; i < 600; i++)
		buf_putc(&x, (int)(rnd(&seed) & 0xff));
	jpeg_add(&b, 0xe1, x.data, x.len);
	variant_ok(&b, 200, GZ_OK, "jpg", &out);
	expect_no_meta_bytes(&out, "JPEG with broken metadata");
	expect_no_meta_fields(&out, "JPEG with broken metadata");
	buf_free(&b);
	buf_free(&x);
	buf_free(&out);
}

/*
 * n bytes of b, from skip bytes after the first occurrence of name (a
 * chunk's or segment's), become 0xff: the header is intact, the pixels
 * are not.
 */
static void
spoil(struct buf *b, const char *name, size_t skip, size_t n)
{
	char *p = memmem(b->data, b->len, name, strlen(name));

	assert_non_null(p);
	assert_true((size_t)(p - b->data) + skip + n <= b->len);
	memset(p + skip, 0xff, n);
}

static void
test_damaged_pixels(void **state)
{
	struct buf b = BUF_INIT, out = BUF_INIT, why = BUF_INIT;
	VipsImage *im;
	const char *ext;
	unsigned char *vp8;
	void *p = NULL;
	size_t n = 0;
	int rc;

	/* A lossy WebP whose VP8 data after its frame header is 0xff:
	 * libwebp reads the header, then fails on the pixels. */
	im = img_new(64, 48, 4, px_cutout);
	assert_int_equal(vips_webpsave_buffer(im, &p, &n, "Q", 50, NULL), 0);
	g_object_unref(im);
	buf_put(&b, p, n);
	g_free(p);
	vp8 = memmem(b.data, b.len, "VP8 ", 4);
	assert_non_null(vp8);
	spoil(&b, "VP8 ", 18, (size_t)(vp8[4] | vp8[5] << 8) - 10);
	header_ok(&b, 64, 48);
	refused(&b, "truncated or damaged", "WebP with damaged pixels");
	/* The others may decode garbage, or refuse it; no more. */
	img_file(64, 48, 3, px_photo, "jpeg", &b);
	spoil(&b, "\xff\xda", 14, b.len / 3);
	rc = image_variant(b.data, b.len, 32, &out, &ext, &why);
	assert_true(rc == GZ_OK || (rc == GZ_EINVAL && why.len > 0));
	img_file(64, 48, 3, px_photo, "png", &b);
	spoil(&b, "IDAT", 6, b.len / 3);
	refused(&b, "truncated or damaged", "PNG with damaged pixels");
	img_file(64, 48, 3, px_drawing, "gif", &b);
	spoil(&b, "\x2c\0\0\0\0", 12, b.len / 3);
	buf_reset(&why);
	rc = image_variant(b.data, b.len, 32, &out, &ext, &why);
	assert_true(rc == GZ_OK || (rc == GZ_EINVAL && why.len > 0));
	buf_free(&b);
	buf_free(&out);
	buf_free(&why);
}

/* An animation whose blocks run past the end or are unknown. */
static void
test_damaged_animation(void **state)
{
	struct buf b = BUF_INIT, c = BUF_INIT, out = BUF_INIT;
	size_t at;

	/* A comment block claiming more than the file holds. */
	img_animation(60, 40, 3, 3, "gif", &b);
	at = gif_body(&b);
	buf_insert(&b, at, "\x21\xfe\xff" SECRET, 3 + sizeof SECRET - 1);
	refused(&b, "damaged", "GIF comment past the end");
	/* No trailer: the frames may be complete, but not known to be. */
	img_animation(60, 40, 3, 3, "gif", &b);
	buf_truncate(&b, b.len - 1);
	refused(&b, "damaged", "animated GIF without its trailer");
	/* A block of an unknown kind. */
	img_animation(60, 40, 3, 3, "gif", &b);
	buf_insert(&b, gif_body(&b), "\x99", 1);
	refused(&b, "upload it", "GIF with an unknown block");
	/* A WebP chunk longer than the file. */
	img_animation(60, 40, 4, 3, "webp", &b);
	buf_put(&c, b.data, b.len);
	buf_put(&b, "XMP \xff\xff\x00\x00" SECRET, 8 + sizeof SECRET - 1);
	b.data[4] = (char)((b.len - 8) & 0xff);
	b.data[5] = (char)((b.len - 8) >> 8 & 0xff);
	b.data[6] = (char)((b.len - 8) >> 16 & 0xff);
	refused(&b, "damaged", "WebP chunk past the end");
	/* Bytes after the RIFF file are not part of it, and go. */
	variant_ok(&c, 100, IMAGE_AS_IS, "webp", &out);
	buf_reset(&b);
	buf_put(&b, c.data, c.len);
	buf_puts(&b, "XMP " SECRET);
	variant_ok(&b, 100, IMAGE_AS_IS, "webp", &c);
	assert_true(buf_eq(&c, &out));
	expect_no_meta_bytes(&c, "WebP with bytes after its end");
	buf_free(&b);
	buf_free(&c);
	buf_free(&out);
}

/* Last: nothing works after image_shutdown(), and says so. */
static void
test_after_shutdown(void **state)
{
	struct buf b = BUF_INIT, why = BUF_INIT, out = BUF_INIT;
	struct image_info info;
	const char *ext;

	img_file(40, 30, 3, px_photo, "png", &b);
	image_shutdown();
	image_shutdown();
	assert_int_equal(image_init(NULL, &why), GZ_EIO);
	assert_non_null(strstr(buf_cstr(&why), "image_shutdown()"));
	buf_reset(&why);
	assert_int_equal(image_probe(b.data, b.len, &info, &why), GZ_EIO);
	assert_int_equal(
	    image_variant(b.data, b.len, 10, &out, &ext, &why), GZ_EIO);
	assert_int_equal(out.len, 0);
	assert_non_null(strstr(buf_cstr(&why), "bug in the caller"));
	buf_free(&b);
	buf_free(&why);
	buf_free(&out);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
	    image_test(test_bombs),
	    image_test(test_gif_bomb),
	    image_test(test_truncated),
	    image_test(test_garbage),
	    image_test(test_other_formats),
	    image_test(test_empty),
	    image_test(test_huge_metadata),
	    image_test(test_broken_metadata),
	    image_test(test_damaged_pixels),
	    image_test(test_damaged_animation),
	    image_test(test_after_shutdown),
	};
	return cmocka_run_group_tests_name(
	    "image_hostile", tests, setup, teardown);
}
