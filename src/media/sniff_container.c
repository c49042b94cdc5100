/*
 * sniff_container: the names inside ZIP and OLE2 (Compound File Binary)
 * files, for sniff.c.  See sniff_int.h.
 *
 * Both readers take hostile bytes: every offset is checked against n in
 * 64 bits before it is read, every walk is bounded, and OLE2's sector
 * chains and directory tree are checked for cycles.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "err.h"
#include "sniff_int.h"

/* More entries than any real upload has: the walk stops there. */
#define ZIP_ENTRIES_MAX 100000
/* Directory sectors followed at most (4 entries each at 512 bytes). */
#define OLE_DIR_SECTORS_MAX 65536

static uint32_t
le16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static int
name_is(const unsigned char *s, size_t n, const char *want)
{
	return n == strlen(want) && memcmp(s, want, n) == 0;
}

static int
name_starts(const unsigned char *s, size_t n, const char *want)
{
	size_t k = strlen(want);

	return n >= k && memcmp(s, want, k) == 0;
}

static int
name_ends(const unsigned char *s, size_t n, const char *want)
{
	size_t k = strlen(want);

	return n >= k && strncasecmp((const char *)s + n - k, want, k) == 0;
}

/* Note one entry's name s[0..n) and its general-purpose flags. */
static void
zip_entry(struct sniff_zip *z, const unsigned char *s, size_t n, uint32_t flags)
{
	if (z->entries++ == 0 && name_is(s, n, "mimetype"))
		z->mimetype = 1;
	if (flags & 1)
		z->encrypted = 1;
	if (name_is(s, n, "[Content_Types].xml"))
		z->content_types = 1;
	else if (name_starts(s, n, "word/"))
		z->word = 1;
	else if (name_starts(s, n, "xl/"))
		z->xl = 1;
	else if (name_starts(s, n, "ppt/"))
		z->ppt = 1;
	else if (name_is(s, n, "OFD.xml"))
		z->ofd = 1;
	if (name_ends(s, n, "vbaProject.bin"))
		z->macros = 1;
	if (name_is(s, n, "META-INF/MANIFEST.MF") || name_ends(s, n, ".class"))
		z->java = 1;
	if (name_is(s, n, "AndroidManifest.xml") ||
	    name_is(s, n, "classes.dex"))
		z->android = 1;
}

/*
 * The central directory, when the end record and the whole directory
 * lie within d.  Returns 1 when every entry was read into z.
 */
static int
zip_central(const unsigned char *d, size_t n, struct sniff_zip *z)
{
	size_t i, stop, count, k;
	uint64_t p, size, off;

	if (n < 22)
		return 0;
	/* The end record: 22 bytes and a comment of up to 65535. */
	stop = n - 22 > 65535 ? n - 22 - 65535 : 0;
	for (i = n - 22;; i--) {
		if (memcmp(d + i, "PK\5\6", 4) == 0 &&
		    le16(d + i + 20) <= n - i - 22)
			break;
		if (i == stop)
			return 0;
	}
	count = le16(d + i + 10);
	size = le32(d + i + 12);
	off = le32(d + i + 16);
	/* ZIP64 keeps the real values elsewhere: leave it to the local
	 * headers.  So does a ZIP with something before it. */
	if (off == 0xffffffff || off + size > i)
		return 0;
	for (p = off, k = 0; k < count; k++) {
		uint64_t nlen, xlen, clen;

		if (p + 46 > i || memcmp(d + p, "PK\1\2", 4) != 0)
			return 0;
		nlen = le16(d + p + 28);
		xlen = le16(d + p + 30);
		clen = le16(d + p + 32);
		if (p + 46 + nlen > i)
			return 0;
		zip_entry(z, d + p + 46, (size_t)nlen, le16(d + p + 8));
		p += 46 + nlen + xlen + clen;
	}
	return 1;
}

void
sniff_zip_scan(const unsigned char *d, size_t n, struct sniff_zip *z)
{
	const unsigned char *next;
	uint64_t p = 0, nlen, xlen, csize;
	uint32_t flags;

	memset(z, 0, sizeof *z);
	if (zip_central(d, n, z)) {
		z->complete = 1;
		return;
	}
	memset(z, 0, sizeof *z);
	while (p + 30 <= n && memcmp(d + p, "PK\3\4", 4) == 0 &&
	    z->entries < ZIP_ENTRIES_MAX) {
		flags = le16(d + p + 6);
		csize = le32(d + p + 18);
		nlen = le16(d + p + 26);
		xlen = le16(d + p + 28);
		if (p + 30 + nlen > n)
			break;
		zip_entry(z, d + p + 30, (size_t)nlen, flags);
		if ((flags & 8) == 0 && csize != 0xffffffff) {
			p += 30 + nlen + xlen + csize;
			continue;
		}
		/* The size follows the data: find the next header instead.
		 * (A ZIP stored whole inside may be read as entries too;
		 * with the central directory that cannot happen.) */
		p += 30 + nlen;
		if (p >= n)
			break;
		next = memmem(d + p, (size_t)(n - p), "PK\3\4", 4);
		if (next == NULL)
			break;
		p = (uint64_t)(next - d);
	}
}

/* An OLE2 file being read. */
struct ole {
	const unsigned char *d;
	size_t n;
	uint32_t ss; /* sector size: 512 or 4096 */
	int past;    /* something needed lies past n */
	int bad;     /* the structure is inconsistent */
};

#define OLE_END          0xfffffffeu
#define OLE_FREE         0xffffffffu
#define OLE_LAST_REGULAR 0xfffffffau

/* The offset of sector s, or 0 (with past set) if it is not within d. */
static uint64_t
ole_sector(struct ole *o, uint32_t s, uint64_t len)
{
	uint64_t off = ((uint64_t)s + 1) * o->ss;

	if (s >= OLE_LAST_REGULAR) {
		o->bad = 1;
		return 0;
	}
	if (off + len > o->n) {
		o->past = 1;
		return 0;
	}
	return off;
}

/* The sector after s in its chain, from the FAT; OLE_END on failure. */
static uint32_t
ole_next(struct ole *o, uint32_t s)
{
	uint32_t per = o->ss / 4, idx = s / per, fat, ds, k;
	uint64_t off;
	size_t steps = 0;

	if (idx < 109) {
		fat = le32(o->d + 76 + 4 * idx);
	} else {
		/* Past the header's 109: the DIFAT sectors, each ending in
		 * the number of the next. */
		ds = le32(o->d + 68);
		for (k = idx - 109; k >= per - 1; k -= per - 1) {
			if (++steps > OLE_DIR_SECTORS_MAX ||
			    (off = ole_sector(o, ds, o->ss)) == 0)
				return o->bad = 1, OLE_END;
			ds = le32(o->d + off + o->ss - 4);
		}
		if ((off = ole_sector(o, ds, o->ss)) == 0)
			return OLE_END;
		fat = le32(o->d + off + 4 * k);
	}
	if ((off = ole_sector(o, fat, o->ss)) == 0)
		return OLE_END;
	return le32(o->d + off + 4 * (s % per));
}

/* Whether the directory entry at e is named want (ASCII, any case). */
static int
ole_named(const unsigned char *e, const char *want)
{
	uint32_t len = le16(e + 64), i, k = (uint32_t)strlen(want);

	/* The length counts the UTF-16 terminator. */
	if (len != 2 * (k + 1))
		return 0;
	for (i = 0; i < k; i++) {
		uint32_t c = le16(e + 2 * i);
		if (c > 0x7f || (c | 0x20) != ((unsigned char)want[i] | 0x20))
			return 0;
	}
	return 1;
}

/* The WordDocument stream at entry e: whether its FIB says encrypted. */
static int
ole_word_encrypted(struct ole *o, const unsigned char *e)
{
	int past = o->past, bad = o->bad;
	uint64_t off;

	/* Streams under 4096 bytes live in the mini stream; a Word FIB
	 * alone is bigger, so a real one is in regular sectors. */
	if (le32(e + 120) < 4096)
		return 0;
	if ((off = ole_sector(o, le32(e + 116), 12)) == 0) {
		/* Not needed to say what the file is: no harm done. */
		o->past = past;
		o->bad = bad;
		return 0;
	}
	/* wIdent 0xA5EC, then fEncrypted in the flags at offset 10. */
	return le16(o->d + off) == 0xa5ec && (le16(o->d + off + 10) & 0x0100);
}

/*
 * Walk the root storage's children (a red-black tree through the left,
 * right and child fields) over the directory entries at offsets dir[],
 * noting the streams sniff.c asks about.
 */
static int
ole_root(struct ole *o, const uint64_t *dir, size_t nsect, struct sniff_ole *r)
{
	size_t per = o->ss / 128, count = nsect * per, top = 0;
	uint32_t *stack, id;
	unsigned char *seen;
	const unsigned char *e;

	if (o->d[dir[0] + 66] != 5) {
		o->bad = 1; /* the first entry must be the root */
		return GZ_OK;
	}
	stack = malloc(count * sizeof *stack);
	seen = calloc(count, 1);
	if (stack == NULL || seen == NULL) {
		free(stack);
		free(seen);
		return GZ_ENOMEM;
	}
	id = le32(o->d + dir[0] + 76);
	if (id != OLE_FREE)
		stack[top++] = id;
	while (top > 0) {
		id = stack[--top];
		if (id >= count || seen[id]) {
			o->bad = 1;
			break;
		}
		seen[id] = 1;
		e = o->d + dir[id / per] + (id % per) * 128;
		if (e[66] == 2) { /* a stream */
			if (ole_named(e, "WordDocument")) {
				r->word = 1;
				if (ole_word_encrypted(o, e))
					r->encrypted = 1;
			} else if (ole_named(e, "Workbook") ||
			    ole_named(e, "Book")) {
				r->excel = 1;
			} else if (ole_named(e, "PowerPoint Document")) {
				r->powerpoint = 1;
			} else if (ole_named(e, "EncryptedPackage")) {
				r->encrypted = 1;
			}
		}
		/* Each entry is pushed once at most (seen[]), so two
		 * pushes per pop cannot overflow count. */
		if (le32(e + 68) != OLE_FREE && top < count)
			stack[top++] = le32(e + 68);
		if (le32(e + 72) != OLE_FREE && top < count)
			stack[top++] = le32(e + 72);
	}
	free(stack);
	free(seen);
	return GZ_OK;
}

int
sniff_ole_scan(const unsigned char *d, size_t n, struct sniff_ole *r)
{
	struct ole o = {d, n, 0, 0, 0};
	uint64_t *dir = NULL, *grown, off;
	size_t nsect = 0, cap = 0;
	uint32_t s, shift;
	int rc = GZ_OK;

	memset(r, 0, sizeof *r);
	if (n < 512) {
		r->state = 0;
		return GZ_OK;
	}
	shift = le16(d + 30);
	if (le16(d + 28) != 0xfffe || (shift != 9 && shift != 12)) {
		r->state = -1;
		return GZ_OK;
	}
	o.ss = 1u << shift;
	for (s = le32(d + 48); s != OLE_END; s = ole_next(&o, s)) {
		if (nsect == OLE_DIR_SECTORS_MAX) {
			o.bad = 1;
			break;
		}
		if ((off = ole_sector(&o, s, o.ss)) == 0)
			break;
		if (nsect == cap) {
			cap = cap ? 2 * cap : 16;
			if ((grown = realloc(dir, cap * sizeof *dir)) == NULL) {
				free(dir);
				return GZ_ENOMEM;
			}
			dir = grown;
		}
		dir[nsect++] = off;
	}
	if (!o.past && !o.bad && nsect > 0)
		rc = ole_root(&o, dir, nsect, r);
	else if (nsect == 0 && !o.past)
		o.bad = 1;
	free(dir);
	r->state = o.bad ? -1 : o.past ? 0 : 1;
	return rc;
}
