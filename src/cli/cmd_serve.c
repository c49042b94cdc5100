/*
 * cmd_serve: gazette serve, the HTTP server for the published site.
 *
 * The signals are handled here, in the main thread, with sigtimedwait():
 * they are blocked before the server starts its threads (which inherit
 * the mask), so no handler ever runs on a worker, and the wait's
 * timeout is the server's ~200 ms tick (new generations, log flush).
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "admin.h"
#include "cli.h"
#include "clock.h"
#include "file.h"
#include "http.h"
#include "image.h"
#include "publish.h"
#include "routes.h"
#include "schedule.h"

#define STOP_TIMEOUT 10.0 /* seconds to finish requests in flight */

static const char serve_usage[] =
    "usage: gazette serve [--listen ADDR:PORT] [--threads N]\n"
    "                     [--access-log FILE|-]\n"
    "Serve SITE_DIR/public over HTTP (default 127.0.0.1:8080; port 0\n"
    "picks a free one) with the site's search and visit counters.  A new\n"
    "build is picked up without a restart.  The access log goes to\n"
    "SITE_DIR/log/access.log (\"-\": standard output); SIGHUP reopens it.\n"
    "SIGTERM or SIGINT: finish the requests in flight, then exit.\n";

/*
 * ------------------------------------------------------------------
 * The routes of the dynamic parts: /search, /api/search, /api/visit
 * (and later the admin) are registered here, before the server starts.
 * Open what they need from c (cli_open(c, 0), cli_site(c)), register
 * with http_server_route(), and close it with http_server_on_stop().
 * Return an exit code (EXIT_OK to go on).
 * ------------------------------------------------------------------
 */
/*
 * The dynamic parts' background work, on a thread of its own so that a
 * long publish never delays the signal loop: about every second the
 * routes' housekeeping (visit counts written, the search page reloaded
 * after a publish), and every GAZETTE_SCHEDULE_SECONDS (default 10) the
 * scheduler, which publishes what came due.  Stopped by the server's
 * stop hook, after the last request: then the last visits are written.
 */
struct jobs {
	struct cli *c;
	struct routes *routes;
	struct admin *admin;
	pthread_t thread;
	pthread_mutex_t lock;
	pthread_cond_t wake;
	int stop, started;
	double every;          /* seconds between scheduler runs */
	int64_t since;         /* the scheduler's last run */
};

static void
jobs_schedule(struct jobs *j)
{
	struct publish_opts po = {0};
	struct buf why = BUF_INIT;
	long n = 0;

	po.site_dir = j->c->dir;
	po.argv0 = j->c->argv0;
	if (schedule_run(j->c->st, &j->c->site, &po, &j->since, store_now(),
	    &n, &why))
		cli_err("scheduled publishing: %s (will retry)",
		    buf_cstr(&why));
	else if (n > 0)
		fprintf(stderr, "gazette: serve: published %ld scheduled "
		    "article%s\n", n, n == 1 ? "" : "s");
	buf_free(&why);
}

static void *
jobs_main(void *arg)
{
	struct jobs *j = arg;
	struct timespec until;
	double next = 0, now;

	pthread_mutex_lock(&j->lock);
	while (!j->stop) {
		pthread_mutex_unlock(&j->lock);
		now = clock_seconds();
		if (now >= next) {
			jobs_schedule(j);
			next = now + j->every;
		}
		routes_tick(j->routes);
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 1;
		pthread_mutex_lock(&j->lock);
		if (!j->stop)
			pthread_cond_timedwait(&j->wake, &j->lock, &until);
	}
	pthread_mutex_unlock(&j->lock);
	return NULL;
}

/* The stop hook: end the thread, write the last visits. */
static void
jobs_stop(void *arg)
{
	struct jobs *j = arg;
	struct buf why = BUF_INIT;

	pthread_mutex_lock(&j->lock);
	j->stop = 1;
	pthread_cond_signal(&j->wake);
	pthread_mutex_unlock(&j->lock);
	if (j->started)
		pthread_join(j->thread, NULL);
	if (routes_free(j->routes, &why))
		cli_err("%s", buf_cstr(&why));
	j->routes = NULL;
	admin_free(j->admin);
	j->admin = NULL;
	buf_free(&why);
}

static struct jobs serve_jobs;

static int
serve_routes_add(struct cli *c, struct http_server *s)
{
	struct jobs *j = &serve_jobs;
	struct routes_opts ro = {0};
	struct admin_opts ao = {0};
	struct buf why = BUF_INIT;
	const char *every = getenv("GAZETTE_SCHEDULE_SECONDS");
	int rc;

	if ((rc = cli_open(c, 0)) || (rc = cli_site(c)))
		return rc;
	/* libvips sets an environment variable as it starts: before any
	 * thread.  Without it the server still serves; uploads of images
	 * are refused with the same message. */
	if (image_init(c->argv0, &why)) {
		cli_err("warning: %s; images cannot be uploaded",
		    buf_cstr(&why));
		buf_reset(&why);
	}
	memset(j, 0, sizeof *j);
	j->c = c;
	j->every = every && atof(every) > 0 ? atof(every) : 10;
	j->since = SCHEDULE_START;
	ro.site_dir = c->dir;
	ro.argv0 = c->argv0;
	ro.site_id = c->site.id;
	if ((rc = routes_new(&ro, &j->routes, &why)))
		return cli_fail(rc, &why, "serve");
	ao.site_dir = c->dir;
	ao.argv0 = c->argv0;
	if ((rc = admin_new(&ao, &j->admin, &why))) {
		routes_free(j->routes, NULL);
		return cli_fail(rc, &why, "serve: the admin");
	}
	buf_free(&why);
	pthread_mutex_init(&j->lock, NULL);
	pthread_cond_init(&j->wake, NULL);
	if (routes_add(j->routes, s) || admin_add(j->admin, s) ||
	    http_server_on_stop(s, jobs_stop, j)) {
		cli_err("cannot set up the server's routes");
		routes_free(j->routes, NULL);
		admin_free(j->admin);
		return EXIT_FAIL;
	}
	if (pthread_create(&j->thread, NULL, jobs_main, j) != 0) {
		cli_err("cannot start the scheduler's thread");
		return EXIT_FAIL;
	}
	j->started = 1;
	return EXIT_OK;
}

/* Wait for signals, ticking the server every ~200 ms, until asked to
 * stop. */
static void
serve_wait(struct http_server *s, const sigset_t *set)
{
	struct timespec tick = {0, 200 * 1000 * 1000};
	struct buf why = BUF_INIT;
	int sig;

	for (;;) {
		sig = sigtimedwait(set, NULL, &tick);
		if (sig == SIGHUP) {
			buf_reset(&why);
			if (http_server_reopen_log(s, &why))
				cli_err("%s", buf_cstr(&why));
		} else if (sig == SIGTERM || sig == SIGINT) {
			break;
		}
		http_server_tick(s);
	}
	buf_free(&why);
}

int
cmd_serve(struct cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
		{"listen", required_argument, NULL, 'l'},
		{"threads", required_argument, NULL, 't'},
		{"access-log", required_argument, NULL, 'a'},
		CLI_COMMON_OPTS, {NULL, 0, NULL, 0},
	};
	struct http_server_opts o;
	struct http_server *s = NULL;
	struct buf root = BUF_INIT, log = BUF_INIT, why = BUF_INIT;
	struct stat sb;
	sigset_t set;
	long threads = 0;
	int opt, rc = EXIT_OK;

	memset(&o, 0, sizeof o);
	while ((opt = getopt_long(argc, argv, "hl:t:a:", opts, NULL)) != -1) {
		switch (opt) {
		case 'l': o.listen = optarg; break;
		case 't':
			if ((rc = cli_parse_int("--threads", optarg, 1, 256,
			    &threads)))
				return rc;
			break;
		case 'a': o.access_log = optarg; break;
		case 'S': c->site_name = optarg; break;
		case 'J': break;
		case 'h': return cli_usage(serve_usage, 1);
		default: return cli_usage(serve_usage, 0);
		}
	}
	if (optind != argc)
		return cli_usage(serve_usage, 0);
	o.threads = (int)threads;
	buf_printf(&root, "%s/public", c->dir);
	buf_printf(&log, "%s/gazette.db", c->dir);
	if (buf_error(&root) || buf_error(&log)) {
		rc = EXIT_FAIL;
		goto out;
	}
	if (stat(root.data, &sb) < 0 && stat(log.data, &sb) < 0) {
		cli_err("no site in %s (no public/ and no gazette.db): create "
		    "one with `gazette -C %s init`, or give the site folder "
		    "with -C", c->dir, c->dir);
		rc = EXIT_NOTFOUND;
		goto out;
	}
	if (!file_is_dir(root.data))
		cli_err("%s is not published yet: every page is 404 until "
		    "`gazette -C %s build` publishes it", root.data, c->dir);
	o.root = root.data;
	if (o.access_log == NULL) {
		buf_reset(&log);
		buf_printf(&log, "%s/log", c->dir);
		if (buf_error(&log) || file_mkdirs(log.data, &why)) {
			rc = cli_fail(GZ_EIO, &why, "access log");
			goto out;
		}
		buf_puts(&log, "/access.log");
		o.access_log = log.data;
	}
	/* Tests may force the walk that replaces openat2(2). */
	o.no_openat2 = getenv("GAZETTE_SERVE_NO_OPENAT2") != NULL;
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	if ((s = http_server_new(&o, &why)) == NULL) {
		rc = cli_fail(GZ_EINVAL, &why, "serve");
		goto out;
	}
	if ((rc = serve_routes_add(c, s)) != EXIT_OK)
		goto out;
	if (http_server_start(s, &why)) {
		rc = cli_fail(GZ_EIO, &why, "serve");
		goto out;
	}
	printf("gazette: serving %s on http://%s/\n", root.data,
	    http_server_address(s));
	fflush(stdout);
	serve_wait(s, &set);
	if (http_server_stop(s, STOP_TIMEOUT) == GZ_EBUSY)
		cli_err("stopped with requests still running after %.0f s",
		    STOP_TIMEOUT);
out:
	http_server_free(s);
	image_shutdown();
	buf_free(&root);
	buf_free(&log);
	buf_free(&why);
	return rc;
}
