/*
 * DOC: benchmark: what a shell session costs to open, and a command to run
 *
 * Every vty login, console session and startup-config replay builds the
 * session's own command tree (761 commands and their grammars) before its
 * first prompt.  Prints the wall and CPU time per session opened and
 * closed, and per 'show running-config' on a router configured from
 * tests/shell/full.conf when given (argument 1), with the load average.
 * Each further argument is a command run once more, printed with its wall
 * time and the longest time it held the router lock at once (what a
 * forwarding thread waits for): a big table must print in slices, the
 * lock let go while lines are formatted.
 *
 *	bench/bench_shell [CONFIG] [SESSIONS] [COMMAND...]	(default 200 sessions)
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define BENCH_NAME "bench_shell"
#include "bench_util.h"
#include "shell.h"

/* The router lock as the shell takes it, timed. */
static pthread_mutex_t bench_lock = PTHREAD_MUTEX_INITIALIZER;
static double held_since, held_max;

static void timed_lock(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&bench_lock);
	held_since = now();
}

static void timed_unlock(void *arg)
{
	double h = now() - held_since;

	(void)arg;
	if (h > held_max)
		held_max = h;
	pthread_mutex_unlock(&bench_lock);
}

static unsigned long lines_out;

static void count_lines(void *arg, const char *line)
{
	(void)arg;
	(void)line;
	lines_out++;
}

static void discard(void *arg, const char *line)
{
	(void)arg;
	(void)line;
}

int main(int argc, char **argv)
{
	const char *conf = argc > 1 ? argv[1] : NULL;
	int n = argc > 2 ? atoi(argv[2]) : 200;
	struct shell *sh = shell_new();
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct shell_sess *s;
	double w0, c0, w, c;
	char la[128];

	if (!sh || !r || n < 1)
		die("setup", "cannot create the shell");
	shell_set_router(sh, r);
	if (conf && shell_load(sh, conf, stderr) < 0)
		die(conf, "cannot be read");
	w0 = now();
	c0 = cpu_now();
	for (int i = 0; i < n; i++) {
		if (!(s = shell_sess_new(sh, SHELL_BATCH, discard, NULL)))
			die("session", "cannot be opened");
		shell_sess_free(s);
	}
	w = (now() - w0) / n;
	c = (cpu_now() - c0) / n;
	loadavg(la, sizeof(la));
	printf("session open+close: %.3f ms wall, %.3f ms CPU (%d sessions; load %s)\n", w * 1e3, c * 1e3,
	       n, la);
	if (!(s = shell_sess_new(sh, SHELL_BATCH, discard, NULL)))
		die("session", "cannot be opened");
	shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
	w0 = now();
	c0 = cpu_now();
	for (int i = 0; i < n; i++)
		shell_exec(s, "show running-config");
	printf("show running-config: %.3f ms wall, %.3f ms CPU\n", (now() - w0) / n * 1e3,
	       (cpu_now() - c0) / n * 1e3);
	shell_sess_free(s);
	if (argc > 3) {
		shell_set_lock(sh, timed_lock, timed_unlock, NULL);
		if (!(s = shell_sess_new(sh, SHELL_BATCH, count_lines, NULL)))
			die("session", "cannot be opened");
		shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
	}
	for (int i = 3; i < argc; i++) {
		lines_out = 0;
		held_max = 0;
		w0 = now();
		shell_exec(s, argv[i]);
		w = now() - w0;
		printf("%s: %lu lines, %.1f ms wall, router lock held %.2f ms at most\n", argv[i], lines_out,
		       w * 1e3, held_max * 1e3);
	}
	if (argc > 3)
		shell_sess_free(s);
	shell_free(sh);
	router_free(r);
	return 0;
}
