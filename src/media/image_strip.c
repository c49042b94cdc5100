/*
 * image_strip: metadata removed from WebP and GIF files at the level of
 * their containers, without decoding.  See image_int.h.
 *
 * Why not libvips: its WebP saver (8.14.1) writes EXIF even when asked
 * to strip, and animated images are published as uploaded (IMAGE_AS_IS)
 * rather than re-encoded, so their comment, XMP or EXIF blocks must be
 * cut out of the bytes.  Each function walks the file twice: once to
 * check every length against the end, once to move the kept blocks
 * down, so a malformed file is refused before anything is changed.
 */
#include <stdint.h>
#include <string.h>

#include "image_int.h"

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static void
le32_put(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
}

/* The WebP chunks that are metadata, not pictures. */
static int
webp_is_meta(const unsigned char *chunk)
{
	return memcmp(chunk, "EXIF", 4) == 0 || memcmp(chunk, "XMP ", 4) == 0 ||
	    memcmp(chunk, "ICCP", 4) == 0;
}

/*
 * Walk the chunks of the RIFF file p[0..end); when write, move the kept
 * ones down and return the new length, else return end.  0 if a chunk
 * runs past the end.
 */
static size_t
webp_walk(unsigned char *p, size_t end, int write)
{
	size_t i = 12, keep = 12, size;

	while (i < end) {
		if (end - i < 8)
			return 0;
		size = le32(p + i + 4);
		if (size > end - i - 8)
			return 0;
		size += 8 + (size & 1);
		/* The pad byte of the last chunk may be missing. */
		if (size > end - i)
			size = end - i;
		if (!webp_is_meta(p + i)) {
			if (write) {
				memmove(p + keep, p + i, size);
				/* VP8X flags: ICC 0x20, EXIF 0x08, XMP 0x04. */
				if (memcmp(p + keep, "VP8X", 4) == 0 &&
				    size >= 9)
					p[keep + 8] &= (unsigned char)~0x2c;
			}
			keep += size;
		}
		i += size;
	}
	return write ? keep : end;
}

int
webp_strip(struct buf *b)
{
	unsigned char *p = (unsigned char *)b->data;
	size_t end, keep;

	if (b->len < 12 || memcmp(p, "RIFF", 4) != 0 ||
	    memcmp(p + 8, "WEBP", 4) != 0)
		return GZ_EINVAL;
	/* The RIFF size says where the file ends; anything after is not
	 * part of it. */
	end = (size_t)le32(p + 4);
	end = end > b->len - 8 ? b->len : end + 8;
	if (end < 12 || webp_walk(p, end, 0) == 0)
		return GZ_EINVAL;
	keep = webp_walk(p, end, 1);
	le32_put(p + 4, (uint32_t)(keep - 8));
	buf_truncate(b, keep);
	return GZ_OK;
}

/*
 * The end of the data sub-blocks starting at p[i] (each a length byte
 * and that many bytes, closed by a zero length), or 0 past n.
 */
static size_t
gif_blocks_end(const unsigned char *p, size_t n, size_t i)
{
	while (i < n) {
		if (p[i] == 0)
			return i + 1;
		i += 1 + (size_t)p[i];
	}
	return 0;
}

/* Whether the extension at p[i] (0x21, label, blocks) is kept. */
static int
gif_keep_extension(const unsigned char *p, size_t n, size_t i)
{
	/* Graphic control (frame delay, transparency) and plain text
	 * are the picture; an application block is only kept for the
	 * loop count. */
	if (p[i + 1] == 0xf9 || p[i + 1] == 0x01)
		return 1;
	if (p[i + 1] != 0xff || n - i < 14 || p[i + 2] != 11)
		return 0;
	return memcmp(p + i + 3, "NETSCAPE2.0", 11) == 0 ||
	    memcmp(p + i + 3, "ANIMEXTS1.0", 11) == 0;
}

/* As webp_walk(), for the blocks of a GIF file p[0..n). */
static size_t
gif_walk(unsigned char *p, size_t n, int write)
{
	size_t i = 13, keep, end;
	int type;

	if (p[10] & 0x80)
		i += 3 * ((size_t)2 << (p[10] & 7));
	keep = i;
	if (i > n)
		return 0;
	for (;;) {
		if (i >= n)
			return 0;
		/* Read before the move below, which may overwrite p[i]. */
		type = p[i];
		if (type == 0x3b) {
			end = i + 1;
		} else if (type == 0x21) {
			if (n - i < 2 ||
			    (end = gif_blocks_end(p, n, i + 2)) == 0)
				return 0;
		} else if (type == 0x2c) {
			/* Descriptor, local colour table, LZW code size. */
			if (n - i < 11)
				return 0;
			end = i + 10;
			if (p[i + 9] & 0x80)
				end += 3 * ((size_t)2 << (p[i + 9] & 7));
			if (end >= n ||
			    (end = gif_blocks_end(p, n, end + 1)) == 0)
				return 0;
		} else {
			return 0;
		}
		if (type != 0x21 || gif_keep_extension(p, n, i)) {
			if (write)
				memmove(p + keep, p + i, end - i);
			keep += end - i;
		}
		if (type == 0x3b)
			return write ? keep : n;
		i = end;
	}
}

int
gif_strip(struct buf *b)
{
	unsigned char *p = (unsigned char *)b->data;
	size_t keep;

	if (b->len < 13 ||
	    (memcmp(p, "GIF87a", 6) != 0 && memcmp(p, "GIF89a", 6) != 0))
		return GZ_EINVAL;
	if (gif_walk(p, b->len, 0) == 0)
		return GZ_EINVAL;
	keep = gif_walk(p, b->len, 1);
	buf_truncate(b, keep);
	return GZ_OK;
}
