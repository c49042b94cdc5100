/*
 * fuzz_image: libFuzzer target for what reads an uploaded image
 * (src/media/image.c through libvips' JPEG, PNG, GIF and WebP loaders,
 * and image_strip.c, which walks GIF blocks and WebP chunks itself).
 *
 * The input is the upload.  It is probed, and a variant at most
 * FUZZ_WIDTH pixels wide is made of it.  A probe that accepts gives a
 * size within the limits of image.h and one of the four formats; one
 * that refuses says why, and the variant is refused too.  A variant is
 * no wider than asked nor than the image, decodes again with libvips,
 * and carries no metadata; an animation published as it is (IMAGE_AS_IS)
 * is no longer than the upload and the same when made again from
 * itself.  An error leaves no output and says why.  No libvips object
 * (image, region...) outlives a call: one left alive is a missing
 * g_object_unref(), which LeakSanitizer cannot see, as libvips lists
 * every object it makes.  Any violation aborts.
 *
 *	make fuzz && build/fuzz/fuzz_image fuzz/corpus/image
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <vips/vips.h>

#include "buf.h"
#include "image.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_WIDTH 64

#define fail(why)                                                              \
	do {                                                                   \
		fprintf(stderr, "fuzz_image: %s\n", why);                      \
		abort();                                                       \
	} while (0)

/* libvips' metadata fields that no variant may carry. */
static const char *const meta[] = {"exif-", "xmp-", "iptc-", "icc-",
    "png-comment", "jpeg-comment", "gif-comment", "orientation"};

/* The variant out of an image info.width wide: decodes, fits, is clean. */
static void
check_variant(const struct buf *out, const struct image_info *info)
{
	VipsImage *im;
	gchar **fields;
	int w, i;
	size_t k;

	im = vips_image_new_from_buffer(out->data, out->len, "", NULL);
	if (im == NULL)
		fail("a variant does not decode");
	w = vips_image_get_width(im);
	if (w < 1 || w > FUZZ_WIDTH || w > info->width)
		fail("a variant wider than asked or than the image");
	fields = vips_image_get_fields(im);
	for (i = 0; fields[i] != NULL; i++)
		for (k = 0; k < sizeof meta / sizeof meta[0]; k++)
			if (strncmp(fields[i], meta[k], strlen(meta[k])) == 0)
				fail("a variant has metadata");
	g_strfreev(fields);
	g_object_unref(im);
}

/* Count one libvips object. */
static void *
live_one(void *object, void *a, void *b)
{
	(*(int *)a)++;
	return NULL;
}

/* How many libvips objects are alive. */
static int
live_objects(void)
{
	int n = 0;

	vips_object_map(live_one, &n, NULL);
	return n;
}

/* Probe data[0..size) and make a variant of it, checking the answers. */
static void
run(const uint8_t *data, size_t size)
{
	struct image_info info;
	struct buf why = BUF_INIT, out = BUF_INIT, again = BUF_INIT;
	const char *ext = "unset", *ext2;
	int rc, vrc;

	rc = image_probe(data, size, &info, &why);
	if (rc == GZ_OK) {
		if (info.width < 1 || info.height < 1 ||
		    info.width > IMAGE_MAX_SIDE ||
		    info.height > IMAGE_MAX_SIDE ||
		    (int64_t)info.width * info.height > IMAGE_MAX_PIXELS)
			fail("accepted a size past the limits");
		if (info.format == NULL || why.len != 0)
			fail("accepted without a format, or with a message");
	} else if (rc != GZ_EINVAL || why.len == 0) {
		fail("refused without GZ_EINVAL and a message");
	}
	buf_reset(&why);
	vrc = image_variant(data, size, FUZZ_WIDTH, &out, &ext, &why);
	switch (vrc) {
	case GZ_OK:
		if (rc != GZ_OK || info.animated || ext == NULL ||
		    out.len == 0 || why.len != 0)
			fail("a variant of what probe refused, or no variant");
		if (strcmp(ext, "jpg") != 0 && strcmp(ext, "png") != 0 &&
		    strcmp(ext, "webp") != 0)
			fail("a variant of an unknown format");
		check_variant(&out, &info);
		break;
	case IMAGE_AS_IS:
		if (rc != GZ_OK || !info.animated || ext == NULL ||
		    out.len == 0 || out.len > size)
			fail("published as is what is not an animation");
		if (strcmp(ext, info.format) != 0)
			fail("published as is under another format");
		/* Stripping what is stripped changes nothing. */
		if (image_variant(out.data, out.len, FUZZ_WIDTH, &again, &ext2,
		        NULL) != IMAGE_AS_IS ||
		    !buf_eq(&out, &again))
			fail("an animation published as is changes again");
		break;
	case GZ_EINVAL:
	case GZ_ENOMEM:
		if (out.len != 0 || ext != NULL || why.len == 0)
			fail("an error with output or without a message");
		if (rc == GZ_EINVAL && vrc != GZ_EINVAL)
			fail("probe and variant disagree");
		break;
	default: fail("unexpected return code");
	}
	buf_free(&why);
	buf_free(&out);
	buf_free(&again);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int before, after;

	before = live_objects();
	run(data, size);
	/* libvips may make an object once and keep it: only one that
	 * comes back with each call is a leak. */
	if ((after = live_objects()) != before) {
		run(data, size);
		if (live_objects() != after)
			fail("a libvips object outlives the call");
	}
	return 0;
}
