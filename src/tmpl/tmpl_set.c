/*
 * tmpl_set: templates by name, for partials and parents.  An open
 * addressing hash table (FNV-1a, linear probing) that only loading
 * writes; lookups while rendering read it and nothing else.
 */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "file.h"
#include "tmpl_int.h"
#include "utf8.h"

/* How deep tmpl_set_load_dir() goes into subfolders. */
#define DIR_DEPTH_MAX 16

struct slot {
	char *name; /* NULL: empty */
	struct tmpl *t;
	uint64_t hash;
};

struct tmpl_set {
	struct slot *slots;
	size_t cap; /* a power of two, or 0 */
	size_t n;
};

static uint64_t
hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ull;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

int
tmpl_set_new(struct tmpl_set **out)
{
	*out = calloc(1, sizeof **out);
	return *out ? GZ_OK : GZ_ENOMEM;
}

/* The slot holding name, or the empty slot where it would go. */
static struct slot *
slot_find(const struct tmpl_set *set, const char *name, uint64_t h)
{
	size_t i = (size_t)h & (set->cap - 1);

	for (;; i = (i + 1) & (set->cap - 1)) {
		struct slot *s = &set->slots[i];
		if (s->name == NULL ||
		    (s->hash == h && strcmp(s->name, name) == 0))
			return s;
	}
}

static int
set_grow(struct tmpl_set *set)
{
	struct slot *old = set->slots, *s;
	size_t oldcap = set->cap, i;

	set->cap = oldcap ? oldcap * 2 : 16;
	if ((set->slots = calloc(set->cap, sizeof *set->slots)) == NULL) {
		set->slots = old;
		set->cap = oldcap;
		return GZ_ENOMEM;
	}
	for (i = 0; i < oldcap; i++)
		if (old[i].name) {
			s = slot_find(set, old[i].name, old[i].hash);
			*s = old[i];
		}
	free(old);
	return GZ_OK;
}

/* Put t into set as name (t is the set's from now on, even on error). */
static int
set_put(struct tmpl_set *set, const char *name, struct tmpl *t)
{
	uint64_t h = hash_str(name);
	struct slot *s;

	if ((set->n + 1) * 4 > set->cap * 3 && set_grow(set)) {
		tmpl_free(t);
		return GZ_ENOMEM;
	}
	s = slot_find(set, name, h);
	if (s->name) {
		tmpl_free(s->t);
		s->t = t;
		return GZ_OK;
	}
	if ((s->name = strdup(name)) == NULL) {
		tmpl_free(t);
		return GZ_ENOMEM;
	}
	s->t = t;
	s->hash = h;
	set->n++;
	return GZ_OK;
}

int
tmpl_set_add(struct tmpl_set *set, const char *name, const char *text, size_t n,
    struct buf *why)
{
	struct tmpl *t;
	int rc;

	if ((rc = tmpl_parse(name, text, n, &t, why)))
		return rc;
	return set_put(set, name, t);
}

const struct tmpl *
tmpl_set_get(const struct tmpl_set *set, const char *name)
{
	const struct slot *s;

	if (set == NULL || set->n == 0 || name == NULL)
		return NULL;
	s = slot_find(set, name, hash_str(name));
	return s->name ? s->t : NULL;
}

size_t
tmpl_set_count(const struct tmpl_set *set)
{
	return set ? set->n : 0;
}

void
tmpl_set_free(struct tmpl_set *set)
{
	size_t i;

	if (set == NULL)
		return;
	for (i = 0; i < set->cap; i++)
		if (set->slots[i].name) {
			free(set->slots[i].name);
			tmpl_free(set->slots[i].t);
		}
	free(set->slots);
	free(set);
}

/* Load one file as name; messages name its path. */
static int
load_file(
    struct tmpl_set *set, const char *path, const char *name, struct buf *why)
{
	struct buf text = BUF_INIT;
	struct tmpl *t;
	size_t bad, line, col;
	int rc;

	if ((rc = file_read(path, TMPL_MAX_SIZE, &text, why)))
		goto done;
	if (!utf8_valid(buf_cstr(&text), text.len, &bad)) {
		utf8_position(text.data, bad, &line, &col);
		buf_printf(why,
		    "%s:%zu:%zu: invalid UTF-8; save the file as "
		    "UTF-8",
		    path, line, col);
		rc = GZ_EUTF8;
		goto done;
	}
	if ((rc = tmpl_parse(path, buf_cstr(&text), text.len, &t, why)))
		goto done;
	rc = set_put(set, name, t);
done:
	buf_free(&text);
	return rc;
}

static int
load_dir(struct tmpl_set *set, const char *dir, const char *prefix, int depth,
    struct buf *why)
{
	struct buf path = BUF_INIT, name = BUF_INIT;
	static const char ext[] = ".mustache";
	struct dirent *de;
	struct stat st;
	DIR *d;
	int rc = GZ_OK;

	if ((d = opendir(dir)) == NULL) {
		rc = gz_from_errno(errno);
		file_explain(
		    why, "cannot read the templates folder", dir, errno);
		return rc;
	}
	while (rc == GZ_OK && (errno = 0, de = readdir(d)) != NULL) {
		size_t len = strlen(de->d_name);
		if (de->d_name[0] == '.')
			continue;
		buf_reset(&path);
		buf_printf(&path, "%s/%s", dir, de->d_name);
		if ((rc = buf_error(&path)))
			break;
		if (stat(path.data, &st) != 0)
			continue; /* a dangling link */
		buf_reset(&name);
		if (S_ISDIR(st.st_mode)) {
			if (depth >= DIR_DEPTH_MAX) {
				buf_printf(why,
				    "%s: folders nested more than "
				    "%d deep",
				    path.data, DIR_DEPTH_MAX);
				rc = GZ_EINVAL;
				break;
			}
			buf_printf(&name, "%s%s/", prefix, de->d_name);
			if (!(rc = buf_error(&name)))
				rc = load_dir(
				    set, path.data, name.data, depth + 1, why);
		} else if (S_ISREG(st.st_mode) && len > sizeof ext - 1 &&
		    strcmp(de->d_name + len - (sizeof ext - 1), ext) == 0) {
			buf_printf(&name, "%s%.*s", prefix,
			    (int)(len - (sizeof ext - 1)), de->d_name);
			if (!(rc = buf_error(&name)))
				rc = load_file(set, path.data, name.data, why);
		}
	}
	if (rc == GZ_OK && errno) {
		rc = gz_from_errno(errno);
		file_explain(
		    why, "cannot read the templates folder", dir, errno);
	}
	closedir(d);
	buf_free(&path);
	buf_free(&name);
	return rc;
}

int
tmpl_set_load_dir(struct tmpl_set *set, const char *dir, struct buf *why)
{
	return load_dir(set, dir, "", 0, why);
}
