/*
 * password: argon2id password hashes (libsodium).
 */
#ifndef GZ_PASSWORD_H
#define GZ_PASSWORD_H

#include <stddef.h>

#define PASSWORD_MIN 8     /* shortest password accepted, in bytes */
#define PASSWORD_MAX 1024  /* longest */
#define PASSWORD_HASH_MAX 128

/* Hash pw into out (NUL-terminated, at most PASSWORD_HASH_MAX bytes).
 * GZ_OK, GZ_EINVAL (too short or long), or GZ_ENOMEM. */
int password_hash(const char *pw, char out[PASSWORD_HASH_MAX]);
/* Whether pw matches hash, in constant time. */
int password_verify(const char *hash, const char *pw);

#endif
