/*
 * admin: the admin's JSON API on the server (docs/api.md), later its
 * pages.  Every request is checked here, on the server: who is logged in
 * (session.h), the CSRF token of anything that changes something, and
 * what the user may do (roles, channel permissions, workflow.h).
 *
 *   POST /api/login            name, password: a session cookie
 *   POST /api/logout
 *   GET  /api/me               the user, their sites and CSRF token
 *   POST /api/password         old, new: change one's own password
 *   POST /api/users/NAME/password   new: an administrator's reset
 *   GET  /api/articles         filters: site lang channel status author
 *                              q from to page per_page
 *   POST /api/articles         a new draft
 *   GET  /api/articles/ID      the article, its pending version, its
 *                              work, the actions allowed, its history
 *   POST /api/articles/ID      save changes (a draft)
 *   POST /api/articles/ID/ACTION   submit withdraw approve return
 *                              offline discard (return needs comment)
 *   GET  /api/queue            what waits for my review, with counts
 *   GET  /api/mine             where my items stand
 *
 * Requests run on the server's slow-work threads, one at a time on the
 * admin's own writable connection: admin traffic is light, and argon2id
 * and publishing take milliseconds.
 */
#ifndef GZ_ADMIN_H
#define GZ_ADMIN_H

#include "buf.h"
#include "http.h"

struct admin;

struct admin_opts {
	const char *site_dir;  /* holds gazette.db and public/ */
	const char *argv0;     /* to find the themes beside the program */
};

int admin_new(const struct admin_opts *o, struct admin **out,
    struct buf *why);
/* Register the routes on s (before it starts). */
int admin_add(struct admin *a, struct http_server *s);
/* After the server stopped; NULL is fine. */
void admin_free(struct admin *a);

#endif
