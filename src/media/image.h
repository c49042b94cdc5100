/*
 * image: the published sizes of an uploaded image.
 *
 * The media library keeps each upload once, as sent.  The site never
 * links that file: it publishes variants made here, each at most a given
 * width (never enlarged), turned upright by its EXIF orientation, in
 * sRGB, and with ALL metadata gone (EXIF with the GPS position, XMP,
 * IPTC, ICC, comments), because a staff photo must not tell where it was
 * taken.  Pages list them in srcset so that phones download less.
 *
 * Only JPEG, PNG, GIF and WebP are read, recognised by their first bytes;
 * libvips' other loaders (SVG, PDF, TIFF, ImageMagick...) never see an
 * upload.  Sizes are checked from the header before any pixel is decoded,
 * so a small file that claims to be 50000 x 50000 pixels costs nothing.
 *
 * Thread-safe: several server threads may make variants at once.
 */
#ifndef GZ_IMAGE_H
#define GZ_IMAGE_H

#include <stddef.h>

#include "buf.h"

/* Images larger than this are refused before decoding (decompression
 * bombs): at most IMAGE_MAX_PIXELS in all, at most IMAGE_MAX_SIDE a side. */
#define IMAGE_MAX_PIXELS (40 * 1000 * 1000)
#define IMAGE_MAX_SIDE   20000
/* The widest variant published ("full"); wider uploads are scaled down. */
#define IMAGE_FULL_MAX 2560
/* The smaller widths published below the full one, ascending. */
#define IMAGE_WIDTHS                                                           \
	{                                                                      \
		480, 960, 1600                                                 \
	}
/* The most widths image_widths() gives: those above plus the full one. */
#define IMAGE_WIDTHS_MAX 4

/*
 * image_variant()'s answer for an animated image: out holds the upload's
 * own frames, byte for byte, without its metadata blocks, because
 * resizing every frame is not worth its cost and its risk.  Publish that
 * one file for every width.  Not an error (errors are the positive
 * gz_err values); a caller must test for it.
 */
#define IMAGE_AS_IS (-1)

struct image_info {
	int width, height;  /* as shown: upright, one frame */
	int has_alpha;      /* decodes with an alpha band (GIF always does) */
	int animated;       /* more than one frame (GIF, WebP) */
	const char *format; /* "jpeg" "png" "gif" "webp" (static) */
};

/*
 * Start libvips once, with a single worker thread (the server has its
 * own threads), no operation cache (each upload is processed once, and a
 * cache keyed on buffer addresses could answer for a freed one), and
 * every loader but the JPEG, PNG, GIF and WebP ones blocked.  Safe to
 * call from any thread and many times; the other functions call it
 * themselves, so calling it at start-up only makes a failure show early
 * and lets argv0 (may be NULL) help libvips find its files.  Call it
 * before starting threads if you can: libvips sets an environment
 * variable on start.  GZ_EIO with a message in why when libvips cannot
 * start, or after image_shutdown().
 */
int image_init(const char *argv0, struct buf *why);

/*
 * Stop libvips (optional, at exit, once no thread uses images any more):
 * frees its caches and threads so leak checkers see a clean exit.  It
 * cannot be started again afterwards.
 */
void image_shutdown(void);

/*
 * Read only the header of the image in data[0..n) (no pixel is decoded)
 * into *out.  GZ_EINVAL with a message in why when it is not a JPEG, PNG,
 * GIF or WebP image libvips can read, or when it is larger than
 * IMAGE_MAX_PIXELS or IMAGE_MAX_SIDE (*out then still tells its size);
 * GZ_EIO when libvips cannot start.
 */
int image_probe(
    const void *data, size_t n, struct image_info *out, struct buf *why);

/*
 * Make one published variant of the image in data[0..n): at most width
 * pixels wide (an image narrower than width keeps its size), upright,
 * sRGB, no metadata, replacing the contents of out.  *ext is set to the
 * file name extension of what out holds (a static string, no dot):
 *
 *   JPEG                       "jpg" (quality 82, progressive, optimised)
 *   WebP                       "webp" (quality 82, alpha kept)
 *   PNG with transparency      "png"
 *   opaque PNG, few colours    "png" (drawings, charts, screenshots;
 *                              with a palette when 256 colours or fewer)
 *   opaque PNG, many colours   "jpg" (photos)
 *   still GIF                  "png"
 *   animated GIF or WebP       the upload less its comment, XMP, EXIF
 *                              and ICC blocks: returns IMAGE_AS_IS
 *
 * The format depends on the upload only, never on width: every variant
 * of one upload has the same *ext (the media library names them all
 * with one extension).
 *
 * Returns GZ_OK, IMAGE_AS_IS, GZ_EINVAL (not an image, too large,
 * truncated or damaged; why says which and what to do), GZ_ENOMEM or
 * GZ_EIO.  On error out is empty and *ext NULL.
 */
int image_variant(const void *data, size_t n, int width, struct buf *out,
    const char **ext, struct buf *why);

/*
 * The widths to publish for an image w pixels wide, ascending, into
 * out[0..max): those of IMAGE_WIDTHS below w, then w itself capped at
 * IMAGE_FULL_MAX (the "full" variant: the upload is never published as
 * is).  Returns how many were stored: at most IMAGE_WIDTHS_MAX, 0 when
 * w < 1.
 */
size_t image_widths(int w, int out[], size_t max);

#endif
