/*
 * library: the media library of a site.  See library.h.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sodium.h>

#include "err.h"
#include "file.h"
#include "image.h"
#include "library.h"
#include "sniff.h"

static void
hash_hex(const void *data, size_t n, char hex[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, data, n, NULL, 0);
	sodium_bin2hex(hex, 65, h, sizeof h);
}

static void
pub_path(struct buf *p, const char *site_dir, const char *hash, int w,
    const char *ext)
{
	buf_reset(p);
	if (w > 0)
		buf_printf(p, "%s/media/pub/%s-%d.%s", site_dir, hash, w, ext);
	else
		buf_printf(p, "%s/media/pub/%s.%s", site_dir, hash, ext);
}

static int
write_file(const char *path, const void *data, size_t n, int flags,
    struct buf *why)
{
	struct buf dir = BUF_INIT;
	const char *slash = strrchr(path, '/');
	int rc;

	buf_put(&dir, path, (size_t)(slash - path));
	rc = buf_error(&dir) ? GZ_ENOMEM : file_mkdirs(buf_cstr(&dir), why);
	buf_free(&dir);
	return rc ? rc : file_write_atomic(path, data, n, flags, why);
}

/* The published files of an image: its sizes, then the full one; m->ext
 * becomes the extension they have (a still GIF is published as PNG). */
static int
image_files(const char *site_dir, const void *data, size_t n,
    struct media *m, struct buf *why)
{
	int widths[8];
	size_t k, i;
	struct buf out = BUF_INIT, p = BUF_INIT;
	const char *ext = NULL;
	int rc = GZ_OK;

	k = image_widths(m->width, widths, 8);
	for (i = 0; rc == GZ_OK && i < k; i++) {
		buf_reset(&out);
		rc = image_variant(data, n, widths[i], &out, &ext, why);
		if (rc == IMAGE_AS_IS)
			rc = GZ_OK; /* animated: the upload for every width */
		if (rc)
			break;
		if (i == 0 && ext && strcmp(ext, m->ext) != 0) {
			char *e = strdup(ext);
			if (e == NULL) {
				rc = GZ_ENOMEM;
				break;
			}
			free(m->ext);
			m->ext = e;
		}
		/* The last width is the full one: HASH.EXT. */
		pub_path(&p, site_dir, m->hash, i + 1 < k ? widths[i] : 0,
		    m->ext);
		rc = buf_error(&p) ? GZ_ENOMEM : write_file(buf_cstr(&p),
		    out.data, out.len, 0, why);
	}
	buf_free(&out);
	buf_free(&p);
	return rc;
}

int
library_add(struct store *st, const char *site_dir, int64_t site_id,
    const void *data, size_t n, const char *filename, const char *uploader,
    struct media *out, int *existed, struct buf *why)
{
	struct media_kind kind;
	struct image_info info;
	struct buf p = BUF_INIT;
	char hex[65];
	int rc;

	*existed = 0;
	media_clear(out);
	if (n == 0) {
		buf_printf(why, "%s is empty; choose the file again", filename);
		return GZ_EINVAL;
	}
	if ((rc = sniff_file(data, n, filename, &kind, why)))
		return rc;
	if (n > (kind.is_image ? LIBRARY_IMAGE_MAX : LIBRARY_FILE_MAX)) {
		buf_printf(why, "%s is %.1f MB; %s up to %u MB are accepted",
		    filename, n / 1048576.0, kind.is_image ? "images" :
		    "files", (kind.is_image ? LIBRARY_IMAGE_MAX :
		    LIBRARY_FILE_MAX) >> 20);
		return GZ_ETOOBIG;
	}
	hash_hex(data, n, hex);
	if (store_media_get(st, site_id, hex, out) == GZ_OK) {
		*existed = 1;
		return GZ_OK;
	}
	media_clear(out);
	out->site_id = site_id;
	out->size = (int64_t)n;
	if ((out->hash = strdup(hex)) == NULL ||
	    (out->mime = strdup(kind.mime)) == NULL ||
	    (out->ext = strdup(kind.ext)) == NULL ||
	    (out->name = strdup(filename)) == NULL ||
	    (out->uploader = strdup(uploader ? uploader : "")) == NULL) {
		rc = GZ_ENOMEM;
		goto out;
	}
	if (kind.is_image) {
		if ((rc = image_init(NULL, why)) ||
		    (rc = image_probe(data, n, &info, why)))
			goto out;
		out->width = info.width;
		out->height = info.height;
	}
	buf_printf(&p, "%s/media/orig/%.2s/%s.%s", site_dir, hex, hex,
	    kind.ext);
	/* The upload itself cannot be made again: on disk before the
	 * row says it is there. */
	if ((rc = buf_error(&p) ? GZ_ENOMEM : write_file(buf_cstr(&p), data,
	    n, FILE_SYNC, why)))
		goto out;
	if (kind.is_image)
		rc = image_files(site_dir, data, n, out, why);
	else {
		pub_path(&p, site_dir, hex, 0, kind.ext);
		rc = buf_error(&p) ? GZ_ENOMEM : write_file(buf_cstr(&p),
		    data, n, 0, why);
	}
	if (rc == GZ_OK && (rc = store_media_add(st, out)) == GZ_EEXIST) {
		/* Added by another request meanwhile: the same bytes. */
		*existed = 1;
		rc = GZ_OK;
	}
	if (rc && rc != GZ_EINVAL && rc != GZ_ETOOBIG && why->len == 0)
		buf_printf(why, "cannot keep %s: %s", filename,
		    rc == GZ_ESTORE ? store_errmsg(st) : gz_strerror(rc));
out:
	buf_free(&p);
	return rc;
}

void
library_url(struct buf *out, const struct media *m, int w)
{
	if (w > 0)
		buf_printf(out, "/media/%s-%d.%s", m->hash, w, m->ext);
	else
		buf_printf(out, "/media/%s.%s", m->hash, m->ext);
}

void
library_srcset(struct buf *out, const struct media *m)
{
	int widths[8];
	size_t k, i;

	if (strncmp(m->mime, "image/", 6) != 0 || m->width <= 0)
		return;
	k = image_widths(m->width, widths, 8);
	for (i = 0; i < k; i++) {
		if (i)
			buf_puts(out, ", ");
		library_url(out, m, i + 1 < k ? widths[i] : 0);
		buf_printf(out, " %dw", widths[i]);
	}
}

/* Whether name is one the library publishes: HASH[-W].EXT, EXT of
 * lowercase letters and digits. */
static int
pub_name(const char *name)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (!((name[i] >= '0' && name[i] <= '9') ||
		    (name[i] >= 'a' && name[i] <= 'f')))
			return 0;
	name += 64;
	if (*name == '-') {
		if (!(*++name >= '1' && *name <= '9'))
			return 0;
		while (*name >= '0' && *name <= '9')
			name++;
	}
	if (*name++ != '.' || *name == '\0')
		return 0;
	for (; *name; name++)
		if (!((*name >= 'a' && *name <= 'z') ||
		    (*name >= '0' && *name <= '9')))
			return 0;
	return 1;
}

int
library_pub_read(const char *site_dir, const char *name, struct buf *out,
    struct buf *why)
{
	struct buf p = BUF_INIT;
	int rc;

	if (!pub_name(name))
		return GZ_ENOTFOUND;
	buf_printf(&p, "%s/media/pub/%s", site_dir, name);
	rc = buf_error(&p) ? GZ_ENOMEM : file_read(buf_cstr(&p),
	    LIBRARY_FILE_MAX, out, why);
	buf_free(&p);
	return rc;
}

int
library_url_hash(const char *url, const char *base_url, char hash[65])
{
	size_t i, bl = base_url ? strlen(base_url) : 0;

	if (bl && strncmp(url, base_url, bl) == 0) {
		url += bl;
		if (base_url[bl - 1] == '/')
			url--; /* keep the slash */
	}
	if (strncmp(url, "/media/", 7) != 0)
		return 0;
	url += 7;
	for (i = 0; i < 64; i++)
		if (!((url[i] >= '0' && url[i] <= '9') ||
		    (url[i] >= 'a' && url[i] <= 'f')))
			return 0;
	if (url[64] != '.' && url[64] != '-')
		return 0;
	memcpy(hash, url, 64);
	hash[64] = '\0';
	return 1;
}

/* Hard-link from to `to` (a copy across file systems); an existing `to`
 * is left alone. */
static int
link_or_copy(const char *from, const char *to, struct buf *why)
{
	struct buf data = BUF_INIT;
	int rc;

	if (link(from, to) == 0 || errno == EEXIST)
		return GZ_OK;
	if (errno != EXDEV && errno != EPERM && errno != EMLINK) {
		rc = gz_from_errno(errno);
		file_explain(why, "cannot link", to, errno);
		return rc;
	}
	if ((rc = file_read(from, LIBRARY_FILE_MAX, &data, why)) == GZ_OK)
		rc = file_write_atomic(to, data.data, data.len, 0, why);
	buf_free(&data);
	return rc;
}

int
library_publish(const char *site_dir, const struct media *m,
    const char *root, struct buf *why)
{
	int widths[8];
	size_t k = 1, i;
	struct buf from = BUF_INIT, to = BUF_INIT;
	int rc;

	buf_printf(&to, "%s/media", root);
	if ((rc = buf_error(&to) ? GZ_ENOMEM : file_mkdirs(buf_cstr(&to),
	    why))) {
		buf_free(&to);
		return rc;
	}
	widths[0] = 0;
	if (strncmp(m->mime, "image/", 6) == 0 && m->width > 0)
		k = image_widths(m->width, widths, 8);
	for (i = 0; rc == GZ_OK && i < k; i++) {
		int w = i + 1 < k ? widths[i] : 0;
		pub_path(&from, site_dir, m->hash, w, m->ext);
		buf_reset(&to);
		buf_printf(&to, "%s", root);
		library_url(&to, m, w);
		rc = buf_error(&from) || buf_error(&to) ? GZ_ENOMEM :
		    link_or_copy(buf_cstr(&from), buf_cstr(&to), why);
	}
	buf_free(&from);
	buf_free(&to);
	return rc;
}

void
library_remove(const char *site_dir, const struct media *m)
{
	int widths[8];
	size_t k = 1, i;
	struct buf p = BUF_INIT;

	widths[0] = 0;
	if (strncmp(m->mime, "image/", 6) == 0 && m->width > 0)
		k = image_widths(m->width, widths, 8);
	for (i = 0; i < k; i++) {
		pub_path(&p, site_dir, m->hash, i + 1 < k ? widths[i] : 0,
		    m->ext);
		unlink(buf_cstr(&p));
	}
	buf_reset(&p);
	buf_printf(&p, "%s/media/orig/%.2s/", site_dir, m->hash);
	/* The original keeps the upload's own extension, which the row
	 * does not hold for an image published in another format. */
	{
		const struct media_kind *k2;
		int t;
		for (t = 1; t < MEDIA__COUNT; t++)
			if (strcmp((k2 = sniff_kind((enum media_type)t))->mime,
			    m->mime) == 0) {
				struct buf q = BUF_INIT;
				buf_printf(&q, "%s%s.%s", buf_cstr(&p), m->hash,
				    k2->ext);
				unlink(buf_cstr(&q));
				buf_free(&q);
			}
	}
	buf_free(&p);
}

const char *
library_type_label(const char *ext, const char *lang)
{
	static const char *const labels[][3] = {
		{"pdf", "PDF", "PDF"}, {"doc", "Word", "Word"},
		{"docx", "Word", "Word"}, {"xls", "Excel", "Excel"},
		{"xlsx", "Excel", "Excel"}, {"ppt", "PowerPoint", "PowerPoint"},
		{"pptx", "PowerPoint", "PowerPoint"},
		{"wps", "WPS Writer", "WPS 文字"},
		{"et", "WPS Spreadsheets", "WPS 表格"},
		{"dps", "WPS Presentation", "WPS 演示"},
		{"ofd", "OFD", "OFD"}, {"zip", "ZIP", "ZIP"},
		{"jpg", "JPEG", "JPEG"}, {"png", "PNG", "PNG"},
		{"gif", "GIF", "GIF"}, {"webp", "WebP", "WebP"},
	};
	size_t i;
	int zh = lang && strcmp(lang, "zh") == 0;

	for (i = 0; i < sizeof labels / sizeof labels[0]; i++)
		if (strcmp(labels[i][0], ext) == 0)
			return labels[i][zh ? 2 : 1];
	return ext;
}

void
library_size_text(struct buf *out, int64_t bytes)
{
	if (bytes >= 1048576)
		buf_printf(out, "%.1f MB", bytes / 1048576.0);
	else if (bytes >= 1024)
		buf_printf(out, "%lld KB", (long long)((bytes + 512) / 1024));
	else
		buf_printf(out, "%lld B", (long long)bytes);
}
