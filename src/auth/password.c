/*
 * password: argon2id hashes with libsodium's interactive limits.
 */
#include <sodium.h>
#include <string.h>

#include "err.h"
#include "password.h"

static int
password_init(void)
{
	return sodium_init() < 0 ? GZ_ENOMEM : GZ_OK;
}

int
password_hash(const char *pw, char out[PASSWORD_HASH_MAX])
{
	size_t n = strlen(pw);

	_Static_assert(crypto_pwhash_STRBYTES <= PASSWORD_HASH_MAX,
	    "hash buffer too small");
	if (n < PASSWORD_MIN || n > PASSWORD_MAX)
		return GZ_EINVAL;
	if (password_init())
		return GZ_ENOMEM;
	if (crypto_pwhash_str(out, pw, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return GZ_ENOMEM;
	return GZ_OK;
}

int
password_verify(const char *hash, const char *pw)
{
	if (password_init())
		return 0;
	return crypto_pwhash_str_verify(hash, pw, strlen(pw)) == 0;
}
