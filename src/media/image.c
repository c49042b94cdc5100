/*
 * image: published variants of uploaded images, made with libvips.
 * See image.h.
 *
 * libvips' errors.  Its error text is one buffer for the whole process:
 * when two threads fail at once, either may read the other's text.  We
 * never let that text decide anything.  What went wrong is known from
 * which of our steps failed on this thread, and the message to the
 * person is ours; libvips' first line is only appended as a detail,
 * taken with vips_error_buffer_copy(), which copies and empties the
 * buffer under libvips' own lock (no torn text, and the buffer does not
 * fill up with old failures in a long-running server).  The rare mix-up
 * can only swap that detail.  vips_error_freeze() is no answer: it is
 * process-wide too, and would hide the errors of every other thread.
 *
 * libvips' per-thread state.  libvips keeps a cache of pixel buffers for
 * each thread that evaluates images.  Our callers are server threads
 * that libvips did not create; each public function ends with
 * vips_thread_shutdown(), which frees that cache, so a thread that ends
 * without telling libvips leaks nothing (libvips allows using it again
 * afterwards; the cost is a few small allocations per image).
 *
 * Warnings.  libvips logs a warning per damaged row ("not enough data",
 * hundreds for one truncated PNG).  We load with fail_on=error, so damage
 * fails the call and reaches the person through why; the warnings would
 * only flood the server's log, so image_init() drops the "VIPS" log
 * domain's warnings.  Gazette has no other user of libvips.
 *
 * libvips 8.14.1 quirks met here (tests in test_image_hostile.c and
 * test_image.c):
 *   - webpsave ignores "strip": it writes EXIF, XMP and ICC, and when
 *     they are gone from the image it still writes an EXIF block of its
 *     own making, so every metadata field is removed from the image
 *     before any save and webp_strip() (image_strip.c) removes the
 *     chunks afterwards;
 *   - thumbnail's own "fail_on" is not passed to the loader, so it goes
 *     through "option_string" instead;
 *   - when reading its input's pixels fails (a damaged WebP upload),
 *     webpsave keeps the whole pipeline alive, a leak for every such
 *     upload (found by fuzz_image, which counts libvips' objects), so
 *     it is given pixels already in memory: then the failure is
 *     vips_image_copy_memory()'s, which leaks nothing.
 */
#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "image.h"
#include "image_int.h"

/* What we read, recognised by the first bytes. */
enum kind { KIND_NONE, KIND_JPEG, KIND_PNG, KIND_GIF, KIND_WEBP };

static const char *const kind_format[] = {
    [KIND_JPEG] = "jpeg",
    [KIND_PNG] = "png",
    [KIND_GIF] = "gif",
    [KIND_WEBP] = "webp",
};
static const char *const kind_label[] = {
    [KIND_JPEG] = "JPEG",
    [KIND_PNG] = "PNG",
    [KIND_GIF] = "GIF",
    [KIND_WEBP] = "WebP",
};

/* What a variant is written as. */
enum save { SAVE_JPEG, SAVE_PNG, SAVE_PNG_PALETTE, SAVE_WEBP };

#define JPEG_QUALITY 82
#define WEBP_QUALITY 82

/*
 * An opaque PNG with few colours is a drawing, a chart or a screenshot:
 * JPEG would smear its edges and text, so it stays PNG.  A photo has a
 * new colour every few pixels.  Counting stops at COLOURS_MANY.  With
 * COLOURS_FEW or fewer the PNG is written with a palette, which is then
 * exact and several times smaller.
 */
#define COLOURS_FEW       256
#define COLOURS_MANY      4096
#define COLOURS_SLOTS     8192 /* a power of two, twice COLOURS_MANY */
#define PIXELS_PER_COLOUR 8

/* Damage fails a load instead of giving a grey or half image. */
#define LOAD_OPTIONS "fail_on=error"

enum { STATE_NEW, STATE_UP, STATE_FAILED, STATE_DOWN };
static pthread_mutex_t state_lock = PTHREAD_MUTEX_INITIALIZER;
static int state = STATE_NEW;
static char state_why[256];

static void say(struct buf *why, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Append a message to why, which may be NULL. */
static void
say(struct buf *why, const char *fmt, ...)
{
	va_list ap;

	if (why == NULL)
		return;
	va_start(ap, fmt);
	buf_vprintf(why, fmt, ap);
	va_end(ap);
}

/*
 * Append libvips' reason (its first line, printable ASCII only, as it
 * may quote the file) to why, and empty libvips' error buffer either way.
 */
static void
say_vips(struct buf *why)
{
	char *text = vips_error_buffer_copy();
	size_t i, len;

	if (text == NULL)
		return;
	len = strcspn(text, "\n");
	if (len > 200)
		len = 200;
	for (i = 0; i < len; i++)
		if (text[i] < 0x20 || text[i] > 0x7e)
			text[i] = '?';
	if (len > 0)
		say(why, " (libvips: %.*s)", (int)len, text);
	g_free(text);
}

/* Drops libvips' warnings; see the top of this file. */
static void
log_drop(const gchar *domain, GLogLevelFlags level, const gchar *message,
    gpointer arg)
{
}

/* Start libvips; called with state_lock held. */
static void
start(const char *argv0)
{
	char *text;

	/* libvips guesses its prefix from argv0 and warns about a NULL. */
	if (vips_init(argv0 != NULL && argv0[0] != '\0' ? argv0 : "gazette")) {
		text = vips_error_buffer_copy();
		snprintf(state_why, sizeof state_why, "%.*s",
		    (int)strcspn(text ? text : "", "\n"), text ? text : "");
		g_free(text);
		state = STATE_FAILED;
		return;
	}
	vips_concurrency_set(1);
	vips_cache_set_max(0);
	vips_block_untrusted_set(TRUE);
	/*
	 * Every loader but our four, not only the untrusted ones: TIFF
	 * and HEIF are not "untrusted" to libvips, and the thumbnail in
	 * convert() picks its loader by the bytes again, by priority.
	 * The sniffing in probe() already keeps other formats out; this
	 * keeps them out even if a file sniffs as one of ours but some
	 * other loader claims it.  A class is blocked with its
	 * subclasses; the buffer loaders are unblocked by name.
	 */
	vips_operation_block_set("VipsForeignLoad", TRUE);
	vips_operation_block_set("VipsForeignLoadJpegBuffer", FALSE);
	vips_operation_block_set("VipsForeignLoadPngBuffer", FALSE);
	vips_operation_block_set("VipsForeignLoadNsgifBuffer", FALSE);
	vips_operation_block_set("VipsForeignLoadWebpBuffer", FALSE);
	g_log_set_handler("VIPS", G_LOG_LEVEL_WARNING, log_drop, NULL);
	state = STATE_UP;
}

int
image_init(const char *argv0, struct buf *why)
{
	int rc = GZ_OK;

	pthread_mutex_lock(&state_lock);
	if (state == STATE_NEW)
		start(argv0);
	if (state == STATE_FAILED) {
		say(why,
		    "cannot start libvips, which Gazette uses for images: "
		    "%s; check that libvips and its modules are installed",
		    state_why[0] ? state_why : "no reason given");
		rc = GZ_EIO;
	} else if (state == STATE_DOWN) {
		say(why,
		    "images cannot be processed after image_shutdown(); "
		    "this is a bug in the caller");
		rc = GZ_EIO;
	}
	pthread_mutex_unlock(&state_lock);
	return rc;
}

void
image_shutdown(void)
{
	pthread_mutex_lock(&state_lock);
	if (state == STATE_UP) {
		vips_shutdown();
		state = STATE_DOWN;
	}
	pthread_mutex_unlock(&state_lock);
}

/* The kind of image data starts as, or KIND_NONE. */
static enum kind
kind_sniff(const unsigned char *p, size_t n)
{
	if (n >= 3 && p[0] == 0xff && p[1] == 0xd8 && p[2] == 0xff)
		return KIND_JPEG;
	if (n >= 8 && memcmp(p, "\x89PNG\r\n\x1a\n", 8) == 0)
		return KIND_PNG;
	if (n >= 6 &&
	    (memcmp(p, "GIF87a", 6) == 0 || memcmp(p, "GIF89a", 6) == 0))
		return KIND_GIF;
	if (n >= 12 && memcmp(p, "RIFF", 4) == 0 &&
	    memcmp(p + 8, "WEBP", 4) == 0)
		return KIND_WEBP;
	return KIND_NONE;
}

/*
 * Open the image lazily with the loader of its kind (libvips reads the
 * header only).  The loaders take a non-const pointer but never write.
 */
static int
header_load(const void *data, size_t n, enum kind kind, VipsImage **out)
{
	void *p = (void *)data;

	switch (kind) {
	case KIND_JPEG:
		return vips_jpegload_buffer(p, n, out, "access",
		    VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
		    NULL);
	case KIND_PNG:
		return vips_pngload_buffer(p, n, out, "access",
		    VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
		    NULL);
	case KIND_GIF:
		return vips_gifload_buffer(p, n, out, "access",
		    VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
		    NULL);
	case KIND_WEBP:
		return vips_webpload_buffer(p, n, out, "access",
		    VIPS_ACCESS_SEQUENTIAL, "fail_on", VIPS_FAIL_ON_ERROR,
		    NULL);
	default: return -1;
	}
}

/*
 * image_probe() without starting libvips or vips_thread_shutdown(); also
 * gives the kind, and whether the image embeds an ICC profile.
 */
static int
probe(const void *data, size_t n, struct image_info *info, enum kind *kind,
    int *has_icc, struct buf *why)
{
	VipsImage *im = NULL;
	int64_t pixels;
	int orientation = 1, w, h;

	memset(info, 0, sizeof *info);
	*has_icc = 0;
	if (data == NULL || n == 0) {
		say(why, "the file is empty; upload the image again");
		return GZ_EINVAL;
	}
	if ((*kind = kind_sniff(data, n)) == KIND_NONE) {
		say(why,
		    "the file is not a JPEG, PNG, GIF or WebP image; "
		    "save it in one of these formats and upload it again");
		return GZ_EINVAL;
	}
	if (header_load(data, n, *kind, &im) != 0) {
		say(why,
		    "the file starts like a %s image but its header "
		    "cannot be read: it is damaged or truncated; export it "
		    "again from the original and upload it",
		    kind_label[*kind]);
		say_vips(why);
		return GZ_EINVAL;
	}
	w = vips_image_get_width(im);
	/* A frame's height: the image height, or less for animations. */
	h = vips_image_get_page_height(im);
	info->animated = vips_image_get_n_pages(im) > 1;
	/* Orientations 5 to 8 turn the picture a quarter: pages show it
	 * h wide, and variants are made from the upright picture.  Not
	 * an animation's: it is published as it is, less its EXIF. */
	if (!info->animated &&
	    vips_image_get_typeof(im, VIPS_META_ORIENTATION) &&
	    vips_image_get_int(im, VIPS_META_ORIENTATION, &orientation) == 0 &&
	    orientation >= 5 && orientation <= 8) {
		info->width = h;
		info->height = w;
	} else {
		info->width = w;
		info->height = h;
	}
	info->has_alpha = vips_image_hasalpha(im) ? 1 : 0;
	info->format = kind_format[*kind];
	*has_icc = vips_image_get_typeof(im, VIPS_META_ICC_NAME) != 0;
	g_object_unref(im);
	vips_error_clear();

	pixels = (int64_t)w * h;
	if (w < 1 || h < 1 || w > IMAGE_MAX_SIDE || h > IMAGE_MAX_SIDE ||
	    pixels > IMAGE_MAX_PIXELS) {
		say(why,
		    "the image is %d x %d pixels; images up to %d "
		    "megapixels and %d pixels a side are accepted: scale it "
		    "down and upload it again",
		    info->width, info->height, IMAGE_MAX_PIXELS / 1000000,
		    IMAGE_MAX_SIDE);
		return GZ_EINVAL;
	}
	return GZ_OK;
}

int
image_probe(const void *data, size_t n, struct image_info *out, struct buf *why)
{
	enum kind kind;
	int rc, has_icc;

	memset(out, 0, sizeof *out);
	if ((rc = image_init(NULL, why)) != GZ_OK)
		return rc;
	rc = probe(data, n, out, &kind, &has_icc, why);
	vips_thread_shutdown();
	return rc;
}

/* Replace *im by next (which holds its own reference to what it needs). */
static void
image_swap(VipsImage **im, VipsImage *next)
{
	g_object_unref(*im);
	*im = next;
}

/*
 * 8-bit sRGB (or 8-bit grey, which browsers read as sRGB), keeping any
 * alpha: what the encoders are given.  The thumbnail has already turned
 * an embedded ICC profile and CMYK into sRGB.
 */
static int
image_to_srgb(VipsImage **im)
{
	VipsInterpretation want = VIPS_INTERPRETATION_sRGB;
	VipsInterpretation is = vips_image_guess_interpretation(*im);
	VipsImage *next;

	if (is == VIPS_INTERPRETATION_B_W || is == VIPS_INTERPRETATION_GREY16)
		want = VIPS_INTERPRETATION_B_W;
	if (is == want && vips_image_get_format(*im) == VIPS_FORMAT_UCHAR)
		return 0;
	if (vips_colourspace(*im, &next, want, NULL))
		return -1;
	image_swap(im, next);
	if (vips_image_get_format(*im) != VIPS_FORMAT_UCHAR) {
		if (vips_cast_uchar(*im, &next, NULL))
			return -1;
		image_swap(im, next);
	}
	return 0;
}

/* What the pixels of an 8-bit image are like. */
struct look {
	int opaque;     /* no alpha band, or every pixel fully opaque */
	size_t colours; /* distinct colours, counted up to limit + 1 */
	size_t limit;   /* at most COLOURS_MANY */
	double pixels;  /* width x height */
};

/* The rows of an image read at a time. */
#define LOOK_ROWS 16

/*
 * Take n pixels at p (bands 8-bit bands each) into l; set is a small
 * open-addressed set of 0xRRGGBB + 1 (0 is empty).
 */
static void
look_row(
    struct look *l, uint32_t *set, const unsigned char *p, int n, int bands)
{
	int x, alpha = bands == 2 || bands == 4;

	for (x = 0; x < n; x++, p += bands) {
		uint32_t key, i;

		if (alpha && p[bands - 1] != 255) {
			l->opaque = 0;
			return;
		}
		if (l->colours > l->limit)
			continue;
		key = bands >= 3
		    ? (uint32_t)p[0] << 16 | (uint32_t)p[1] << 8 | p[2]
		    : p[0] * 0x010101u;
		key++;
		i = (key * 2654435761u) & (COLOURS_SLOTS - 1);
		while (set[i] != 0 && set[i] != key)
			i = (i + 1) & (COLOURS_SLOTS - 1);
		if (set[i] == 0) {
			set[i] = key;
			l->colours++;
		}
	}
}

/*
 * Look at the pixels of im (8-bit, 1 to 4 bands), LOOK_ROWS rows at a
 * time from the top, so that an image read sequentially from its file
 * is never all in memory.  Stops at the first transparent pixel, and
 * once more than limit colours are seen when there is no alpha band.
 * GZ_EINVAL when the pixels cannot be decoded.
 */
static int
image_look(VipsImage *im, size_t limit, struct look *l)
{
	int bands = vips_image_get_bands(im), w = vips_image_get_width(im);
	int h = vips_image_get_height(im), alpha = bands == 2 || bands == 4;
	uint32_t *set;
	VipsRegion *region;
	VipsRect r;
	int y, rc = GZ_OK;

	l->opaque = 1;
	l->colours = 0;
	l->limit = limit;
	l->pixels = (double)w * h;
	if (bands < 1 || bands > 4 ||
	    vips_image_get_format(im) != VIPS_FORMAT_UCHAR)
		return GZ_EINVAL;
	if ((set = calloc(COLOURS_SLOTS, sizeof *set)) == NULL)
		return GZ_ENOMEM;
	if ((region = vips_region_new(im)) == NULL) {
		free(set);
		return GZ_EINVAL;
	}
	for (r.top = 0; r.top < h; r.top += LOOK_ROWS) {
		r.left = 0;
		r.width = w;
		r.height = h - r.top < LOOK_ROWS ? h - r.top : LOOK_ROWS;
		if (vips_region_prepare(region, &r)) {
			rc = GZ_EINVAL;
			break;
		}
		for (y = r.top; y < r.top + r.height && l->opaque; y++)
			look_row(l, set,
			    (const unsigned char *)VIPS_REGION_ADDR(
			        region, 0, y),
			    w, bands);
		if (!l->opaque || (!alpha && l->colours > limit))
			break;
	}
	g_object_unref(region);
	free(set);
	return rc;
}

/*
 * Look at the upload itself (one frame), read from its file a few rows
 * at a time.  Its size was checked by probe().
 */
static int
upload_look(const void *data, size_t n, enum kind kind, struct look *l)
{
	VipsImage *im = NULL;
	int rc = GZ_EINVAL;

	if (header_load(data, n, kind, &im) == 0 && image_to_srgb(&im) == 0)
		rc = image_look(im, COLOURS_MANY, l);
	if (im != NULL)
		g_object_unref(im);
	return rc;
}

/*
 * Choose the encoding of the variant *im of a PNG or still GIF, and drop
 * an alpha band that hides nothing.  PNG or JPEG is decided from the
 * upload, not from the variant: every width of one upload must have the
 * same format, as the media library names them all with one extension,
 * and a variant's resampled edges would make a drawing's few colours
 * thousands at one width and not at another.  That costs one more
 * decoding of the upload.  The palette is decided from the variant
 * itself (it stays PNG either way), so that it is exact when chosen.
 */
static int
choose_lossless(
    const void *data, size_t n, enum kind kind, VipsImage **im, enum save *save)
{
	VipsImage *next;
	struct look up, variant;
	int rc, bands;

	if ((rc = upload_look(data, n, kind, &up)) != GZ_OK)
		return rc;
	*save = SAVE_PNG;
	if (!up.opaque)
		return GZ_OK;
	bands = vips_image_get_bands(*im);
	if (bands == 2 || bands == 4) {
		if (vips_extract_band(*im, &next, 0, "n", bands - 1, NULL))
			return GZ_EINVAL;
		image_swap(im, next);
	}
	if (kind == KIND_PNG && up.colours > COLOURS_FEW &&
	    (up.colours > COLOURS_MANY ||
	        up.colours * PIXELS_PER_COLOUR > up.pixels)) {
		*save = SAVE_JPEG;
		return GZ_OK;
	}
	/* In memory (at most the variant's size): read twice. */
	if ((next = vips_image_copy_memory(*im)) == NULL)
		return GZ_EINVAL;
	image_swap(im, next);
	if ((rc = image_look(*im, COLOURS_FEW, &variant)) != GZ_OK)
		return rc;
	/* Grey is written as it is: one byte a pixel, exact already. */
	if (variant.colours <= COLOURS_FEW && bands >= 3)
		*save = SAVE_PNG_PALETTE;
	return GZ_OK;
}

/*
 * A copy of *im without any metadata field: EXIF (and its GPS position),
 * XMP, IPTC, ICC, comments, orientation.  The savers' "strip" is asked
 * for too, and with libvips 8.14.1 it is what keeps JPEG and PNG clean;
 * this is for a saver that ignores "strip", as webpsave does: all it can
 * then write is the little EXIF libvips makes up (size, resolution),
 * never what came with the upload.
 */
static int
image_strip(VipsImage **im)
{
	VipsImage *next;
	gchar **fields;
	int i;

	if (vips_copy(*im, &next, NULL))
		return -1;
	image_swap(im, next);
	fields = vips_image_get_fields(*im);
	/* Width, format and the like are not metadata: remove() skips
	 * them. */
	for (i = 0; fields[i] != NULL; i++)
		(void)vips_image_remove(*im, fields[i]);
	g_strfreev(fields);
	return 0;
}

/* Encode im into out; *ext names the format. */
static int
image_save(VipsImage *im, enum save save, struct buf *out, const char **ext)
{
	void *p = NULL;
	size_t len = 0;
	int bad;

	switch (save) {
	case SAVE_JPEG:
		bad = vips_jpegsave_buffer(im, &p, &len, "Q", JPEG_QUALITY,
		    "interlace", TRUE, "optimize_coding", TRUE, "strip", TRUE,
		    NULL);
		*ext = "jpg";
		break;
	case SAVE_PNG:
		/* libvips' zlib level and row filter: level 9 and adaptive
		 * filters were slower and bigger on screenshots. */
		bad = vips_pngsave_buffer(im, &p, &len, "strip", TRUE, NULL);
		*ext = "png";
		break;
	case SAVE_PNG_PALETTE:
		bad = vips_pngsave_buffer(
		    im, &p, &len, "palette", TRUE, "strip", TRUE, NULL);
		*ext = "png";
		break;
	case SAVE_WEBP:
	default:
		bad = vips_webpsave_buffer(
		    im, &p, &len, "Q", WEBP_QUALITY, "strip", TRUE, NULL);
		*ext = "webp";
		break;
	}
	if (bad)
		return GZ_EINVAL;
	buf_put(out, p, len);
	g_free(p);
	if (buf_error(out))
		return buf_error(out);
	if (save == SAVE_WEBP && webp_strip(out) != GZ_OK)
		return GZ_EIO;
	return GZ_OK;
}

/* Make the variant of a still image whose header probe() accepted. */
static int
convert(const void *data, size_t n, int width, enum kind kind, int has_icc,
    struct buf *out, const char **ext, struct buf *why)
{
	VipsImage *im = NULL, *next;
	enum save save = SAVE_JPEG;
	int rc = GZ_EINVAL;

	/*
	 * thumbnail shrinks while decoding where the format allows (JPEG
	 * by 2, 4 or 8), reads sequentially, and turns the picture upright.
	 * The height bound is "none": the width alone decides.  An
	 * embedded profile (Display P3, Adobe RGB...) is turned into sRGB,
	 * as browsers take a file without one for sRGB.  sRGB is asked for
	 * only when there is a profile: from an image without one, libvips
	 * 8.14 shifts the colours ((200, 30, 30) comes out (196, 14, 23)).
	 */
	if (vips_thumbnail_buffer((void *)data, n, &im, width, "height",
	        VIPS_MAX_COORD, "size", VIPS_SIZE_DOWN, "export_profile",
	        has_icc ? "srgb" : NULL, "option_string", LOAD_OPTIONS, NULL))
		goto damaged;
	if (image_to_srgb(&im))
		goto damaged;
	/* Rounding must never make a variant wider than asked. */
	if (vips_image_get_width(im) > width) {
		if (vips_crop(im, &next, 0, 0, width, vips_image_get_height(im),
		        NULL))
			goto damaged;
		image_swap(&im, next);
	}
	if (kind == KIND_WEBP) {
		save = SAVE_WEBP;
	} else if (kind == KIND_PNG || kind == KIND_GIF) {
		rc = choose_lossless(data, n, kind, &im, &save);
		if (rc == GZ_ENOMEM)
			goto nomem;
		if (rc != GZ_OK)
			goto damaged;
	}
	if (image_strip(&im))
		goto damaged;
	/* See the top of this file: webpsave is given pixels in memory. */
	if (save == SAVE_WEBP) {
		if ((next = vips_image_copy_memory(im)) == NULL)
			goto damaged;
		image_swap(&im, next);
	}
	/* The pixels are decoded here, while saving (PNG and GIF in
	 * choose_lossless() too): a decoding error surfaces here too. */
	rc = image_save(im, save, out, ext);
	if (rc == GZ_EINVAL)
		goto damaged;
	if (rc == GZ_ENOMEM)
		goto nomem;
	if (rc == GZ_EIO)
		say(why,
		    "libwebp wrote a WebP file that Gazette cannot read "
		    "back; this is a bug, please report it with the image");
	goto done;

nomem:
	say(why,
	    "out of memory while converting the %s image; try again "
	    "later, or scale the image down and upload it again",
	    kind_label[kind]);
	goto done;
damaged:
	rc = GZ_EINVAL;
	say(why,
	    "the %s image cannot be converted: it is probably "
	    "truncated or damaged; export it again from the original and "
	    "upload it",
	    kind_label[kind]);
	say_vips(why);
done:
	if (im != NULL)
		g_object_unref(im);
	vips_error_clear();
	return rc;
}

/*
 * An animated upload as published: its own frames, byte for byte, less
 * its metadata blocks.
 */
static int
as_is(const void *data, size_t n, enum kind kind, struct buf *out,
    const char **ext, struct buf *why)
{
	int rc;

	buf_put(out, data, n);
	if ((rc = buf_error(out)) != GZ_OK) {
		say(why,
		    "out of memory while copying the animated %s image; "
		    "try again later",
		    kind_label[kind]);
		return rc;
	}
	rc = kind == KIND_GIF ? gif_strip(out) : webp_strip(out);
	if (rc != GZ_OK) {
		say(why,
		    "the animated %s image is damaged: its blocks run past "
		    "its end; export it again from the original and upload it",
		    kind_label[kind]);
		return rc;
	}
	*ext = kind_format[kind];
	return IMAGE_AS_IS;
}

int
image_variant(const void *data, size_t n, int width, struct buf *out,
    const char **ext, struct buf *why)
{
	struct image_info info;
	enum kind kind;
	int rc, has_icc;

	buf_reset(out);
	*ext = NULL;
	if (width < 1) {
		say(why,
		    "an image variant must be at least 1 pixel wide, not %d",
		    width);
		return GZ_EINVAL;
	}
	/* No image is wider, and libvips refuses widths over 10 million. */
	if (width > IMAGE_MAX_SIDE)
		width = IMAGE_MAX_SIDE;
	if ((rc = image_init(NULL, why)) != GZ_OK)
		return rc;
	if ((rc = probe(data, n, &info, &kind, &has_icc, why)) == GZ_OK) {
		if (info.animated && (kind == KIND_GIF || kind == KIND_WEBP)) {
			rc = as_is(data, n, kind, out, ext, why);
		} else {
			rc = convert(
			    data, n, width, kind, has_icc, out, ext, why);
		}
	}
	vips_thread_shutdown();
	if (rc != GZ_OK && rc != IMAGE_AS_IS) {
		buf_reset(out);
		*ext = NULL;
	}
	return rc;
}

size_t
image_widths(int w, int out[], size_t max)
{
	static const int widths[] = IMAGE_WIDTHS;
	size_t i, k = 0;

	if (w < 1)
		return 0;
	for (i = 0; i < sizeof widths / sizeof widths[0]; i++)
		if (widths[i] < w && widths[i] < IMAGE_FULL_MAX && k < max)
			out[k++] = widths[i];
	if (k < max)
		out[k++] = w < IMAGE_FULL_MAX ? w : IMAGE_FULL_MAX;
	return k;
}
