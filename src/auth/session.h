/*
 * session: who is logged in to the admin, and the rules for it.
 *
 * A login gives the browser a random token in a cookie (HttpOnly,
 * SameSite=Strict, Secure over TLS).  The store keeps only a hash of the
 * token, so a copy of the database logs nobody in.  A session ends after
 * SESSION_IDLE seconds without a request, or SESSION_MAX seconds after
 * the login, whichever comes first.  Each session has a CSRF token that
 * every request changing anything must send back (a header or a form
 * field), compared in constant time.
 *
 * Logins are throttled: after LOGIN_USER_MAX failures for one account,
 * or LOGIN_ADDR_MAX from one address, within LOGIN_WINDOW seconds,
 * further attempts are refused until the oldest of them is that old.
 * Wrong name, wrong password and a disabled account get the same answer,
 * in about the same time.
 */
#ifndef GZ_SESSION_H
#define GZ_SESSION_H

#include <stdint.h>

#include "buf.h"
#include "store.h"

#define SESSION_IDLE    (30 * 60)
#define SESSION_MAX     (12 * 3600)
#define SESSION_TOUCH   60         /* seconds between writes of `seen` */
#define SESSION_COOKIE  "gz_session"
#define SESSION_TOKEN_LEN 43       /* 32 random bytes, base64url */
#define LOGIN_WINDOW    (15 * 60)
#define LOGIN_USER_MAX  5
#define LOGIN_ADDR_MAX  20

struct session {
	char id[65];          /* hex hash of the token: the store's key */
	int64_t user_id;
	char csrf[SESSION_TOKEN_LEN + 1];
	int64_t created, seen;
};

/*
 * Check name and password from addr at time now.  GZ_OK with the user in
 * *out; GZ_EPERM for a wrong name or password or a disabled account
 * (recorded as a failure); GZ_EBUSY when throttled, with the seconds to
 * wait in *retry_after.
 */
int login_check(struct store *st, const char *name, const char *password,
    const char *addr, int64_t now, struct user *out, int64_t *retry_after);

/* Start a session for user: token (for the cookie) and *out. */
int session_start(struct store *st, int64_t user_id, const char *addr,
    const char *agent, int64_t now, char token[SESSION_TOKEN_LEN + 1],
    struct session *out);
/* The session of token at time now; GZ_ENOTFOUND when there is none or
 * it has expired (then it is removed). */
int session_find(struct store *st, const char *token, int64_t now,
    struct session *out);
/* End the session of token (logout); no session is not an error. */
int session_end(struct store *st, const char *token);
/* Whether given is the session's CSRF token. */
int session_csrf_ok(const struct session *s, const char *given);
/* The Set-Cookie value for token (NULL: one that removes the cookie). */
void session_cookie(struct buf *out, const char *token, int secure);

#endif
