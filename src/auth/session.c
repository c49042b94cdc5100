/*
 * session: admin sessions, CSRF tokens and login throttling.  See
 * session.h.
 */
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "password.h"
#include "session.h"

/* 32 random bytes as base64url without padding: 43 characters. */
static int
random_token(char out[SESSION_TOKEN_LEN + 1])
{
	unsigned char raw[32];

	_Static_assert(sizeof raw * 4 / 3 + 1 == SESSION_TOKEN_LEN,
	    "token length");
	if (sodium_init() < 0)
		return GZ_ENOMEM;
	randombytes_buf(raw, sizeof raw);
	sodium_bin2base64(out, SESSION_TOKEN_LEN + 1, raw, sizeof raw,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(raw, sizeof raw);
	return GZ_OK;
}

/* The store's key of a token: BLAKE2b-256 in hex. */
static void
token_id(const char *token, char id[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof h, (const unsigned char *)token,
	    strlen(token), NULL, 0);
	sodium_bin2hex(id, 65, h, sizeof h);
}

static int
token_valid(const char *token)
{
	size_t i;

	if (token == NULL || strlen(token) != SESSION_TOKEN_LEN)
		return 0;
	for (i = 0; i < SESSION_TOKEN_LEN; i++) {
		char c = token[i];
		if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
		    (c >= '0' && c <= '9') || c == '-' || c == '_'))
			return 0;
	}
	return 1;
}

/* A hash to check passwords of unknown accounts against, so that they
 * take as long as known ones. */
static char dummy_hash[PASSWORD_HASH_MAX];
static pthread_once_t dummy_once = PTHREAD_ONCE_INIT;

static void
dummy_init(void)
{
	if (password_hash("not a password of anybody", dummy_hash) != GZ_OK)
		dummy_hash[0] = '\0';
}

/* Whether key has had its fill of failures; *retry_after if so. */
static int
throttled(struct store *st, const char *key, long max, int64_t now,
    int64_t *retry_after, int *rc)
{
	long n;
	int64_t first;

	if ((*rc = store_login_fail_count(st, key, now - LOGIN_WINDOW, &n,
	    &first)))
		return 0;
	if (n < max)
		return 0;
	*retry_after = first + LOGIN_WINDOW - now;
	if (*retry_after < 1)
		*retry_after = 1;
	return 1;
}

int
login_check(struct store *st, const char *name, const char *password,
    const char *addr, int64_t now, struct user *out, int64_t *retry_after)
{
	char ukey[300], akey[80];
	struct user u = {0};
	int rc, found, ok;

	*retry_after = 0;
	if (name == NULL || password == NULL)
		return GZ_EPERM;
	/* A name too long to be anyone's is a failure like any other. */
	snprintf(ukey, sizeof ukey, "user:%.200s", name);
	snprintf(akey, sizeof akey, "addr:%s", addr ? addr : "-");
	if (throttled(st, ukey, LOGIN_USER_MAX, now, retry_after, &rc) ||
	    (rc == GZ_OK &&
	    throttled(st, akey, LOGIN_ADDR_MAX, now, retry_after, &rc)))
		return GZ_EBUSY;
	if (rc)
		return rc;
	rc = strlen(name) > 200 ? GZ_ENOTFOUND : store_user_get(st, name, &u);
	if (rc && rc != GZ_ENOTFOUND)
		return rc;
	found = rc == GZ_OK;
	if (found) {
		ok = password_verify(u.password, password) && !u.disabled;
	} else {
		pthread_once(&dummy_once, dummy_init);
		if (dummy_hash[0])
			(void)password_verify(dummy_hash, password);
		ok = 0;
	}
	if (!ok) {
		user_clear(&u);
		if ((rc = store_login_fail_add(st, ukey, now)) ||
		    (rc = store_login_fail_add(st, akey, now)))
			return rc;
		return GZ_EPERM;
	}
	if ((rc = store_login_fail_clear(st, ukey))) {
		user_clear(&u);
		return rc;
	}
	/* Now and then, forget what no window looks at any more. */
	if ((now & 63) == 0) {
		(void)store_login_fail_purge(st, now - LOGIN_WINDOW);
		(void)store_session_purge(st, now - SESSION_MAX,
		    now - SESSION_IDLE);
	}
	*out = u;
	return GZ_OK;
}

int
session_start(struct store *st, int64_t user_id, const char *addr,
    const char *agent, int64_t now, char token[SESSION_TOKEN_LEN + 1],
    struct session *out)
{
	char agent_short[256];
	int rc;

	memset(out, 0, sizeof *out);
	if ((rc = random_token(token)) || (rc = random_token(out->csrf)))
		return rc;
	token_id(token, out->id);
	out->user_id = user_id;
	out->created = out->seen = now;
	snprintf(agent_short, sizeof agent_short, "%s", agent ? agent : "");
	return store_session_add(st, out->id, user_id, out->csrf, now, addr,
	    agent_short);
}

int
session_find(struct store *st, const char *token, int64_t now,
    struct session *out)
{
	struct session_row r;
	int rc;

	memset(out, 0, sizeof *out);
	if (!token_valid(token) || sodium_init() < 0)
		return GZ_ENOTFOUND;
	token_id(token, out->id);
	if ((rc = store_session_get(st, out->id, &r)))
		return rc;
	if (r.created + SESSION_MAX <= now || r.seen + SESSION_IDLE <= now) {
		(void)store_session_del(st, out->id);
		return GZ_ENOTFOUND;
	}
	out->user_id = r.user_id;
	if (strlen(r.csrf) != SESSION_TOKEN_LEN)
		return GZ_ENOTFOUND;
	memcpy(out->csrf, r.csrf, SESSION_TOKEN_LEN + 1);
	out->created = r.created;
	out->seen = r.seen;
	if (now - r.seen >= SESSION_TOUCH) {
		if ((rc = store_session_touch(st, out->id, now)))
			return rc;
		out->seen = now;
	}
	return GZ_OK;
}

int
session_end(struct store *st, const char *token)
{
	char id[65];

	if (!token_valid(token) || sodium_init() < 0)
		return GZ_OK;
	token_id(token, id);
	return store_session_del(st, id);
}

int
session_csrf_ok(const struct session *s, const char *given)
{
	size_t n = strlen(s->csrf);

	if (given == NULL || n != SESSION_TOKEN_LEN || strlen(given) != n)
		return 0;
	return sodium_memcmp(s->csrf, given, n) == 0;
}

void
session_cookie(struct buf *out, const char *token, int secure)
{
	if (token)
		buf_printf(out, SESSION_COOKIE "=%s; Path=/; HttpOnly; "
		    "SameSite=Strict; Max-Age=%d%s", token, SESSION_MAX,
		    secure ? "; Secure" : "");
	else
		buf_printf(out, SESSION_COOKIE "=; Path=/; HttpOnly; "
		    "SameSite=Strict; Max-Age=0%s", secure ? "; Secure" : "");
}
