/*
 * image_int.h: what image.c shares with image_strip.c; not part of the
 * public API.
 */
#ifndef GZ_IMAGE_INT_H
#define GZ_IMAGE_INT_H

#include "buf.h"

/*
 * Remove the metadata chunks (EXIF, XMP, ICC) from the WebP file in b, in
 * place, and their flags from its VP8X chunk; bytes after the RIFF file
 * go too.  Frames are untouched.  GZ_EINVAL if b is not a well-formed
 * RIFF/WEBP file (b is then unchanged).
 */
int webp_strip(struct buf *b);

/*
 * Remove the comment and application blocks (XMP, ICC, IPTC...) from the
 * GIF file in b, in place, keeping the NETSCAPE2.0/ANIMEXTS1.0 loop count;
 * bytes after the trailer go too.  Frames are untouched.  GZ_EINVAL if b
 * is not a complete, well-formed GIF file (b is then unchanged).
 */
int gif_strip(struct buf *b);

#endif
