/*
 * DOC: lispr's entry point
 *
 * Option parsing follows the FRR daemons' conventions: -f the startup
 * configuration (replayed at boot, written by 'write memory'), -d to run as
 * a daemon (-n: a daemon that does not fork, for systemd's Type=notify:
 * readiness through sd_notify(), logs to syslog(3) either way), -A/-P for the telnet vty listener (loopback, port 2650 by
 * default; -P 0 turns it off), -i a pid file.  In the foreground on a
 * terminal the console runs the shell; --batch runs commands from standard
 * input instead and exits.  --decode is the offline pcap decoder.
 *
 * Live, the router runs on the monotonic clock with its event loop in a
 * thread of its own; the console and vty threads run commands under the
 * loop's lock.  --offline DIR puts every interface on pcap files in DIR and
 * the router on the capture's clock: the configuration is replayed, the
 * input files are run through to the end, then the --batch commands (if
 * any) run, and lispr exits; no root, no vty, same result every time.
 *
 * 'reload' (a shell command) sends the process SIGTERM after noting the
 * wish: the router stops as for SIGTERM, then lispr executes itself again
 * with the arguments it was started with (reexec()).
 */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifdef HAVE_LIBSYSTEMD
#include <systemd/sd-daemon.h>
#endif

#include "console.h"
#include "decode.h"
#include "log.h"
#include "logsend.h"
#include "port.h"
#include "router.h"
#include "shell.h"
#include "vty.h"

#define LOG_RING_LINES	100000	/* and 'logging buffered SIZE' bytes */

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: lispr [OPTION]...\n"
		"A LISP router (ITR, ETR, PITR, PETR, Map-Server, Map-Resolver) with an IOS-style shell.\n"
		"\n"
		"  -f, --config_file FILE  startup configuration: replayed at boot, saved by 'write memory'\n"
		"  -d, --daemon            run as a daemon, without a console\n"
		"  -n, --no-fork           run as a daemon without forking (systemd Type=notify)\n"
		"  -A, --vty_addr ADDR     address of the telnet vty listener (default 127.0.0.1)\n"
		"  -P, --vty_port PORT     port of the telnet vty listener (default %d, 0: no listener)\n"
		"  -i, --pid_file FILE     write the process id to FILE\n"
		"      --batch             run the commands read from standard input, print a\n"
		"                          transcript and exit (status 1 if a command failed)\n"
		"      --offline DIR       run the configuration against pcap files: interface\n"
		"                          NAME reads DIR/NAME.in.pcap and writes DIR/NAME.out.pcap;\n"
		"                          then run the --batch commands, if any, and exit\n"
		"      --decode FILE       print one line per LISP packet of a pcap capture and exit\n"
		"  -h, --help              show this help and exit\n"
		"  -v, --version           show the version and exit\n"
		"\n"
		"See lispr(8) and lispr.conf(5).\n", SHELL_VTY_PORT);
}

/* The live port factory: 'interface NAME' captures on the Linux NAME. */
static struct port *live_factory(void *arg, const char *name, char *err, size_t errlen)
{
	return port_live_open(name, err, errlen);
}

static void *loop_thread(void *arg)
{
	/* Its name in 'show processes cpu' (and top -H). */
	pthread_setname_np(pthread_self(), "router loop");
	router_run(arg);
	return NULL;
}

/* The pid file, removed by every way out of a started lispr (atexit). */
static const char *pidfile_path;
static pid_t pidfile_owner;

static void remove_pidfile(void)
{
	if (pidfile_path && getpid() == pidfile_owner)
		unlink(pidfile_path);
}

/* Signals that would end the process by default and mean nothing to a
 * router: logged and ignored once the signal mask is in place. */
static bool signal_ignored(int sig)
{
	if (sig != SIGHUP && sig != SIGUSR1 && sig != SIGUSR2 && sig != SIGALRM)
		return false;
	log_msg(LOG_NOTICE, "signal %d (%s) ignored", sig, strsignal(sig));
	return true;
}

/* 'reload' asked (shell command): the SIGTERM that follows starts lispr
 * again instead of ending it. */
static atomic_bool reload_asked;
static char **start_args;	/* argv as given, before getopt permutes it */
static char *start_cwd;		/* where it was started: -d moves to / */

static void ask_reload(void *arg)
{
	(void)arg;
	atomic_store(&reload_asked, true);
	kill(getpid(), SIGTERM);
}

/* Readiness and state for systemd, below. */
static void notify(const char *state);

/* The program again, as it was started: every descriptor but the
 * standard ones is closed on the way (ours ask for it when opened; a
 * library's might not), the signals are as a new process has them.  Returns only when the
 * program could not be executed. */
static void reexec(void)
{
	DIR *d = opendir("/proc/self/fd");
	struct dirent *de;
	sigset_t none;

	if (d) {
		while ((de = readdir(d))) {
			int fd = atoi(de->d_name);

			if (fd > 2 && fd != dirfd(d))
				fcntl(fd, F_SETFD, FD_CLOEXEC);
		}
		closedir(d);
	}
	notify("RELOADING=1");
	if (start_cwd && chdir(start_cwd) == -1)	/* relative -f, -i */
		fprintf(stderr, "lispr: reload: %s: %s\n", start_cwd, strerror(errno));
	signal(SIGINT, SIG_DFL);
	signal(SIGPIPE, SIG_DFL);
	sigemptyset(&none);
	pthread_sigmask(SIG_SETMASK, &none, NULL);
	execv("/proc/self/exe", start_args);
	fprintf(stderr, "lispr: reload: cannot execute lispr again: %s\n", strerror(errno));
}

struct sigctx {
	sigset_t sigs;
	struct router *r;
	struct vty_server **vty;
};

/* With the console in the foreground: SIGTERM stops the router cleanly,
 * gives the terminal back and exits (readline cannot be interrupted). */
static void *signal_thread(void *arg)
{
	struct sigctx *c = arg;
	int sig = 0;

	pthread_setname_np(pthread_self(), "signals");
	while (sigwait(&c->sigs, &sig) == 0 && signal_ignored(sig))
		;
	if (atomic_load(&reload_asked))
		log_msg(LOG_NOTICE, "reloading");
	else
		log_msg(LOG_NOTICE, "terminating on signal %d", sig);
	vty_stop(*c->vty);
	*c->vty = NULL;
	router_stop(c->r);
	console_abort();
	if (atomic_load(&reload_asked)) {
		log_shutdown();
		reexec();
		exit(1);
	}
	exit(0);	/* remove_pidfile() runs */
	return NULL;
}

/* Readiness and state for systemd (a no-op outside a Type=notify unit). */
static void notify(const char *state)
{
#ifdef HAVE_LIBSYSTEMD
	sd_notify(0, state);
#else
	(void)state;
#endif
}

/* SIGHUP: the startup configuration is read again and merged into the
 * running one, as IOS's 'copy startup-config running-config' (lines the
 * file no longer has are not undone); rejected lines are logged. */
static void reload(struct shell *sh)
{
	char *text = NULL, *line, *save = NULL;
	size_t len = 0;
	FILE *errs;
	int bad;

	if (!sh->config_path) {
		log_msg(LOG_NOTICE, "SIGHUP: no startup configuration (-f) to read again");
		return;
	}
	notify("RELOADING=1");
	if (!(errs = open_memstream(&text, &len)))
		errs = stderr;
	bad = shell_load(sh, sh->config_path, errs);
	if (errs != stderr)
		fclose(errs);
	for (line = text ? strtok_r(text, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save))
		log_msg(LOG_WARNING, "%s", line);
	free(text);
	if (bad < 0)
		log_msg(LOG_ERR, "SIGHUP: cannot read %s", sh->config_path);
	else
		log_event("SYS", LOG_NOTICE, "CONFIG_I", "Configured from %s by SIGHUP (%d line%s rejected)",
			  sh->config_path, bad, bad == 1 ? "" : "s");
	notify("READY=1");
}

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "w");

	if (!f)
		return -1;
	fprintf(f, "%ld\n", (long)getpid());
	return fclose(f);
}

int main(int argc, char **argv)
{
	enum { OPT_DECODE = 256, OPT_BATCH, OPT_OFFLINE };
	static const struct option longopts[] = {
		{ "config_file", required_argument, NULL, 'f' },
		{ "daemon",      no_argument,       NULL, 'd' },
		{ "no-fork",     no_argument,       NULL, 'n' },
		{ "vty_addr",    required_argument, NULL, 'A' },
		{ "vty_port",    required_argument, NULL, 'P' },
		{ "pid_file",    required_argument, NULL, 'i' },
		{ "batch",       no_argument,       NULL, OPT_BATCH },
		{ "offline",     required_argument, NULL, OPT_OFFLINE },
		{ "decode",      required_argument, NULL, OPT_DECODE },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const char *decode_file = NULL, *config = NULL, *vty_addr = "127.0.0.1";
	static char *pidfile;	/* kept for remove_pidfile() at exit */
	char *offline = NULL;
	bool daemonize = false, nofork = false, batch = false, looping = false;
	struct logsend *ls = NULL;
	struct vty_server *vty = NULL;
	struct router *r = NULL;
	struct shell *sh;
	pthread_t loop;
	int port = SHELL_VTY_PORT, c, rc = 0, sig = 0;
	char err[256], *end;
	sigset_t sigs;

	if (!(start_args = calloc((size_t)argc + 1, sizeof(*start_args)))) {
		fprintf(stderr, "lispr: out of memory\n");
		return 1;
	}
	memcpy(start_args, argv, (size_t)argc * sizeof(*argv));
	start_cwd = getcwd(NULL, 0);
	while ((c = getopt_long(argc, argv, "f:dnA:P:i:hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			config = optarg;
			break;
		case 'd':
			daemonize = true;
			break;
		case 'n':
			nofork = true;
			break;
		case 'A':
			vty_addr = optarg;
			break;
		case 'P':
			errno = 0;
			port = strtol(optarg, &end, 10);
			if (errno || *end || port < 0 || port > 65535) {
				fprintf(stderr, "lispr: bad port '%s'\n", optarg);
				return 2;
			}
			break;
		case 'i':
			/* Absolute: written after -d has moved to /. */
			free(pidfile);
			if (optarg[0] != '/' && start_cwd ? asprintf(&pidfile, "%s/%s", start_cwd, optarg) < 0
							  : !(pidfile = strdup(optarg))) {
				fprintf(stderr, "lispr: out of memory\n");
				return 2;
			}
			break;
		case OPT_BATCH:
			batch = true;
			break;
		case OPT_DECODE:
			decode_file = optarg;
			break;
		case OPT_OFFLINE:
			offline = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'v':
			printf("lispr %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "lispr: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (decode_file) {
		if (decode_pcap_file(decode_file, stdout, err, sizeof(err)) == -1) {
			fprintf(stderr, "lispr: %s: %s\n", decode_file, err);
			return 1;
		}
		return 0;
	}
	if ((daemonize || nofork) && (batch || offline)) {
		fprintf(stderr, "lispr: -d and -n exclude --batch and --offline\n");
		return 2;
	}

	/* A telnet client that disappears must not kill the router; until
	 * the signal mask is set, the signals we ignore later are ignored. */
	signal(SIGPIPE, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	signal(SIGUSR2, SIG_IGN);
	signal(SIGALRM, SIG_IGN);
	log_init(LOG_RING_LINES, !daemonize && !nofork);
	if (daemonize || nofork)
		log_set_syslog("lispr");
	if (!(sh = shell_new()) || !(r = router_new(offline ? EV_CLOCK_MANUAL : EV_CLOCK_MONOTONIC))) {
		fprintf(stderr, "lispr: out of memory\n");
		shell_free(sh);
		return 1;
	}
	if (offline)
		router_set_port_factory(r, port_file_factory, offline);
	else {
		router_set_port_factory(r, live_factory, NULL);
		/* Interfaces that go away and come back (src/router/netlink.c). */
		if (router_track_links(r, err, sizeof(err)) == -1)
			log_msg(LOG_WARNING, "link state not tracked: %s", err);
	}
	shell_set_router(sh, r);
	/* 'logging host': sent by the router itself, from its loop. */
	if (!offline && !(ls = logsend_new(r)))
		log_msg(LOG_ERR, "cannot start the syslog sender: logging host will not send");
	/* Receive workers are threads: a daemon that forks starts them in
	 * the child, after the fork. */
	if (daemonize)
		router_defer_workers(r);
	if (config) {
		int bad;

		/* Absolute: 'write memory' still finds it once -d has
		 * moved to /. */
		if (config[0] != '/' && start_cwd) {
			if (asprintf(&sh->config_path, "%s/%s", start_cwd, config) < 0)
				sh->config_path = NULL;
		} else {
			sh->config_path = strdup(config);
		}
		bad = shell_load(sh, config, stderr);
		if (bad < 0 && errno != ENOENT) {
			fprintf(stderr, "lispr: %s: %s\n", config, strerror(errno));
			logsend_free(ls);
			shell_free(sh);
			router_free(r);
			log_shutdown();
			return 1;
		}
		/* Temporary files a killed 'write memory' left behind. */
		if (!offline)
			shell_config_clean(config);
		if (bad < 0)
			log_msg(LOG_NOTICE, "%s does not exist yet: starting with the default configuration", config);
		else if (bad > 0)
			log_msg(LOG_WARNING, "%s: %d line%s rejected", config, bad, bad == 1 ? "" : "s");
	}
	if (offline) {
		uint64_t n = router_run_offline(r);

		log_msg(LOG_INFO, "offline: %llu frames read", (unsigned long long)n);
		if (batch)
			rc = console_batch(sh, stdin, stdout) > 0;
		goto out;
	}
	if (daemonize && daemon(0, 0) == -1) {
		fprintf(stderr, "lispr: daemon: %s\n", strerror(errno));
		rc = 1;
		goto out;
	}
	if (daemonize) {
		router_lock(r);
		router_start_workers(r);
		router_unlock(r);
	}

	/* Threads inherit this mask; the main thread (or the console's
	 * signal thread) takes the signals, before the pid file exists. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGUSR2);
	sigaddset(&sigs, SIGALRM);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
	/* Blocked now: sigwait() sees them (an ignored signal is discarded). */
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
	signal(SIGALRM, SIG_DFL);
	if (pidfile && write_pidfile(pidfile) == -1) {
		log_msg(LOG_ERR, "cannot write the pid file %s: %s", pidfile, strerror(errno));
		rc = 1;
		goto out;
	}
	if (pidfile) {
		pidfile_path = pidfile;
		pidfile_owner = getpid();
		atexit(remove_pidfile);
	}
	if (pthread_create(&loop, NULL, loop_thread, r) != 0) {
		log_msg(LOG_ERR, "cannot start the event loop thread");
		rc = 1;
		goto out;
	}
	looping = true;
	/* 'reload' where a signal is waited for: the console's signal
	 * thread or the loop below (not a batch). */
	if (!batch)
		sh->reload_fn = ask_reload;
	if (port > 0) {
		if (!(vty = vty_start(sh, vty_addr, port, err, sizeof(err)))) {
			log_msg(LOG_ERR, "vty listener: %s", err);
			rc = 1;
			goto out;
		}
		log_msg(LOG_NOTICE, "vty listening on %s port %d", vty_addr, vty_port(vty));
	}
	if (batch) {
		rc = console_batch(sh, stdin, stdout) > 0;
	} else if (!daemonize && isatty(STDIN_FILENO)) {
		/* SIGTERM ends the program cleanly; Ctrl-C does not.  A
		 * console 'logout' only ends the console session, as on IOS;
		 * end of input (Ctrl-D at the prompt) stops lispr. */
		struct sigctx sc = { .sigs = sigs, .r = r, .vty = &vty };
		pthread_t st;
		bool sigthread;

		signal(SIGINT, SIG_IGN);
		sigdelset(&sc.sigs, SIGINT);
		sigthread = pthread_create(&st, NULL, signal_thread, &sc) == 0;
		console_run(sh);
		if (sigthread) {
			/* sigwait() is a cancellation point. */
			pthread_cancel(st);
			pthread_join(st, NULL);
		}
	} else {
		notify("READY=1");
		while (sigwait(&sigs, &sig) == 0) {
			if (sig == SIGHUP)
				reload(sh);
			else if (!signal_ignored(sig))
				break;
		}
		if (atomic_load(&reload_asked)) {
			log_msg(LOG_NOTICE, "reloading");
		} else {
			notify("STOPPING=1");
			log_msg(LOG_NOTICE, "terminating on signal %d", sig);
		}
	}
out:
	vty_stop(vty);
	if (looping) {
		router_stop(r);
		pthread_join(loop, NULL);
	}
	remove_pidfile();
	logsend_free(ls);
	shell_free(sh);
	router_free(r);
	log_shutdown();
	if (atomic_load(&reload_asked)) {
		reexec();
		rc = 1;
	}
	free(start_args);
	free(start_cwd);
	return rc;
}
