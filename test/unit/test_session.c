/*
 * Unit tests for session: logins and their throttling (per account and
 * per address, same answer for a wrong name, a wrong password and a
 * disabled account), sessions and their idle and absolute expiry, CSRF
 * tokens, the cookie.  Each test has its own database under /tmp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"
#include "password.h"
#include "session.h"
#include "store.h"

static char dir[64];
static char dbpath[128];
static const int64_t T0 = 1800000000;

static int
setup(void **state)
{
	struct store *st = NULL;
	struct buf why = BUF_INIT;
	struct user u = {0};
	char hash[PASSWORD_HASH_MAX];

	strcpy(dir, "/tmp/gz-session-XXXXXX");
	if (mkdtemp(dir) == NULL)
		return -1;
	snprintf(dbpath, sizeof dbpath, "%s/gazette.db", dir);
	if (store_open(dbpath, STORE_CREATE, &st, &why) != GZ_OK)
		return -1;
	if (password_hash("correct horse", hash) != GZ_OK)
		return -1;
	u.name = "ed";
	u.password = hash;
	u.role = ROLE_EDITOR;
	if (store_user_add(st, &u) != GZ_OK)
		return -1;
	u.name = "off";
	u.disabled = 1;
	if (store_user_add(st, &u) != GZ_OK)
		return -1;
	buf_free(&why);
	*state = st;
	return 0;
}

static int
teardown(void **state)
{
	char cmd[160];

	store_close(*state);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

static int
login(struct store *st, const char *name, const char *pw, const char *addr,
    int64_t now, int64_t *retry)
{
	struct user u = {0};
	int rc = login_check(st, name, pw, addr, now, &u, retry);

	if (rc == GZ_OK)
		assert_string_equal(u.name, name);
	user_clear(&u);
	return rc;
}

static void
test_login(void **state)
{
	struct store *st = *state;
	int64_t retry;

	assert_int_equal(login(st, "ed", "correct horse", "10.0.0.1", T0,
	    &retry), GZ_OK);
	/* Wrong password, unknown name, disabled account: one answer. */
	assert_int_equal(login(st, "ed", "wrong horse", "10.0.0.1", T0,
	    &retry), GZ_EPERM);
	assert_int_equal(login(st, "nobody", "correct horse", "10.0.0.1",
	    T0, &retry), GZ_EPERM);
	assert_int_equal(login(st, "off", "correct horse", "10.0.0.1", T0,
	    &retry), GZ_EPERM);
	assert_int_equal(login(st, NULL, "x", "10.0.0.1", T0, &retry),
	    GZ_EPERM);
}

static void
test_throttle_account(void **state)
{
	struct store *st = *state;
	int64_t retry = 0;
	int i;

	for (i = 0; i < LOGIN_USER_MAX; i++)
		assert_int_equal(login(st, "ed", "wrong", "10.0.0.1", T0 + i,
		    &retry), GZ_EPERM);
	/* Locked: even the right password, even from elsewhere. */
	assert_int_equal(login(st, "ed", "correct horse", "10.0.0.2",
	    T0 + 10, &retry), GZ_EBUSY);
	assert_int_equal(retry, LOGIN_WINDOW - 10);
	/* Until the first failure is LOGIN_WINDOW old. */
	assert_int_equal(login(st, "ed", "correct horse", "10.0.0.2",
	    T0 + LOGIN_WINDOW - 1, &retry), GZ_EBUSY);
	assert_int_equal(login(st, "ed", "correct horse", "10.0.0.2",
	    T0 + LOGIN_WINDOW + LOGIN_USER_MAX, &retry), GZ_OK);
	/* A success forgets the account's failures. */
	for (i = 0; i < LOGIN_USER_MAX - 1; i++)
		assert_int_equal(login(st, "ed", "wrong", "10.0.0.3",
		    T0 + 2 * LOGIN_WINDOW, &retry), GZ_EPERM);
	assert_int_equal(login(st, "ed", "correct horse", "10.0.0.3",
	    T0 + 2 * LOGIN_WINDOW, &retry), GZ_OK);
	assert_int_equal(login(st, "ed", "wrong", "10.0.0.3",
	    T0 + 2 * LOGIN_WINDOW, &retry), GZ_EPERM);
	assert_int_equal(login(st, "ed", "correct horse", "10.0.0.3",
	    T0 + 2 * LOGIN_WINDOW, &retry), GZ_OK);
}

static void
test_throttle_address(void **state)
{
	struct store *st = *state;
	char name[32];
	int64_t retry = 0;
	int i;

	/* Many accounts tried from one address: the address is locked. */
	for (i = 0; i < LOGIN_ADDR_MAX; i++) {
		snprintf(name, sizeof name, "guess%d", i);
		assert_int_equal(login(st, name, "x", "10.9.9.9", T0, &retry),
		    GZ_EPERM);
	}
	assert_int_equal(login(st, "ed", "correct horse", "10.9.9.9", T0 + 1,
	    &retry), GZ_EBUSY);
	assert_true(retry > 0 && retry <= LOGIN_WINDOW);
	/* Other addresses are not. */
	assert_int_equal(login(st, "ed", "correct horse", "10.9.9.8", T0 + 1,
	    &retry), GZ_OK);
}

static void
test_session_life(void **state)
{
	struct store *st = *state;
	char token[SESSION_TOKEN_LEN + 1], other[SESSION_TOKEN_LEN + 1];
	struct session s, f;

	assert_int_equal(session_start(st, 1, "10.0.0.1", "test", T0, token,
	    &s), GZ_OK);
	assert_int_equal(strlen(token), SESSION_TOKEN_LEN);
	assert_int_equal(strlen(s.csrf), SESSION_TOKEN_LEN);
	assert_string_not_equal(token, s.csrf);
	assert_int_equal(session_find(st, token, T0 + 5, &f), GZ_OK);
	assert_int_equal(f.user_id, 1);
	assert_string_equal(f.csrf, s.csrf);
	/* The store never holds the token. */
	assert_string_not_equal(s.id, token);
	/* Kept alive by use... */
	assert_int_equal(session_find(st, token, T0 + SESSION_IDLE - 1, &f),
	    GZ_OK);
	assert_int_equal(session_find(st, token, T0 + 2 * SESSION_IDLE - 2,
	    &f), GZ_OK);
	/* ...but not past the absolute limit. */
	assert_int_equal(session_find(st, token, T0 + SESSION_MAX, &f),
	    GZ_ENOTFOUND);
	/* Idle expiry, and a session once expired stays gone. */
	assert_int_equal(session_start(st, 1, NULL, NULL, T0, other, &s),
	    GZ_OK);
	assert_int_equal(session_find(st, other, T0 + SESSION_IDLE, &f),
	    GZ_ENOTFOUND);
	assert_int_equal(session_find(st, other, T0 + 1, &f), GZ_ENOTFOUND);
	/* Logout. */
	assert_int_equal(session_start(st, 1, NULL, NULL, T0, token, &s),
	    GZ_OK);
	assert_int_equal(session_end(st, token), GZ_OK);
	assert_int_equal(session_find(st, token, T0 + 1, &f), GZ_ENOTFOUND);
	/* Malformed tokens are nobody's. */
	assert_int_equal(session_find(st, "", T0, &f), GZ_ENOTFOUND);
	assert_int_equal(session_find(st, "x' OR 1=1 --", T0, &f),
	    GZ_ENOTFOUND);
	assert_int_equal(session_find(st, NULL, T0, &f), GZ_ENOTFOUND);
}

static void
test_csrf_and_cookie(void **state)
{
	struct store *st = *state;
	char token[SESSION_TOKEN_LEN + 1];
	struct session s;
	struct buf b = BUF_INIT;
	char bad[SESSION_TOKEN_LEN + 1];

	assert_int_equal(session_start(st, 1, NULL, NULL, T0, token, &s),
	    GZ_OK);
	assert_true(session_csrf_ok(&s, s.csrf));
	strcpy(bad, s.csrf);
	bad[5] ^= 1;
	assert_false(session_csrf_ok(&s, bad));
	assert_false(session_csrf_ok(&s, ""));
	assert_false(session_csrf_ok(&s, NULL));
	assert_false(session_csrf_ok(&s, token));
	session_cookie(&b, token, 0);
	assert_non_null(strstr(b.data, "HttpOnly"));
	assert_non_null(strstr(b.data, "SameSite=Strict"));
	assert_null(strstr(b.data, "Secure"));
	assert_non_null(strstr(b.data, token));
	buf_reset(&b);
	session_cookie(&b, token, 1);
	assert_non_null(strstr(b.data, "; Secure"));
	buf_reset(&b);
	session_cookie(&b, NULL, 0);
	assert_non_null(strstr(b.data, "Max-Age=0"));
	buf_free(&b);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_login, setup, teardown),
		cmocka_unit_test_setup_teardown(test_throttle_account, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_throttle_address, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_session_life, setup,
		    teardown),
		cmocka_unit_test_setup_teardown(test_csrf_and_cookie, setup,
		    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
