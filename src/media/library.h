/*
 * library: the media library of a site, on disk and in the store.
 *
 * An upload is sniffed (sniff.c: its type comes from its bytes, never
 * from its name or the browser), hashed (BLAKE2b-256), and kept once per
 * site by that hash:
 *
 *   SITE_DIR/media/orig/HH/HASH.EXT   the upload as it came, never
 *                                     published (an image's metadata,
 *                                     GPS position included, stays here)
 *   SITE_DIR/media/pub/HASH.EXT       what the site shows: an image
 *                                     re-encoded without metadata (at most
 *                                     2560 pixels wide), or the attachment
 *   SITE_DIR/media/pub/HASH-W.EXT     an image's smaller sizes (480, 960,
 *                                     1600 wide, those below its own), for
 *                                     srcset
 *
 * Every file is written atomically, the published ones before the row is
 * added, so a row always has its files.  Publishing links the pub files
 * an article uses into the tree as /media/... (library_publish()).
 */
#ifndef GZ_LIBRARY_H
#define GZ_LIBRARY_H

#include <stddef.h>

#include "buf.h"
#include "store.h"

/* Limits of one upload; a site's settings may lower them. */
#define LIBRARY_IMAGE_MAX (20u << 20)
#define LIBRARY_FILE_MAX  (50u << 20)

/*
 * Add the n bytes of an upload named filename to site's library under
 * site_dir; *out is the file kept (the one already there when the same
 * bytes were uploaded before: *existed set to 1).  GZ_EINVAL with why
 * naming the file and what is accepted, GZ_ETOOBIG over the limit, or an
 * I/O or store error.
 */
int library_add(struct store *st, const char *site_dir, int64_t site_id,
    const void *data, size_t n, const char *filename, const char *uploader,
    struct media *out, int *existed, struct buf *why);
/* The address of a library file on the site: "/media/HASH.EXT", or
 * "/media/HASH-W.EXT" for size w (0: the full one). */
void library_url(struct buf *out, const struct media *m, int w);
/* The srcset of an image ("/media/H-480.jpg 480w, ..."), empty for a
 * file that is not an image. */
void library_srcset(struct buf *out, const struct media *m);
/* The hash in a library URL ("/media/HASH.EXT" or "/media/HASH-W.EXT",
 * optionally with the site's base URL before it) into hash[65]; 0 if
 * url is not one. */
int library_url_hash(const char *url, const char *base_url, char hash[65]);
/* Read the published file name ("HASH-W.EXT", as in its URL after
 * /media/) into out: what the admin shows staff before it is published.
 * GZ_ENOTFOUND when name is not one the library publishes, or it has no
 * such file. */
int library_pub_read(const char *site_dir, const char *name,
    struct buf *out, struct buf *why);
/* Link (or copy) every published file of m into root/media/, skipping
 * those already there. */
int library_publish(const char *site_dir, const struct media *m,
    const char *root, struct buf *why);
/* Remove m's files (after store_media_del()). */
void library_remove(const char *site_dir, const struct media *m);
/* A short file type for people, from the extension: "PDF", "Word",
 * "WPS 文字" (lang "zh") or "WPS Writer". */
const char *library_type_label(const char *ext, const char *lang);
/* "1.2 MB", "340 KB", "512 B". */
void library_size_text(struct buf *out, int64_t bytes);

#endif
