/*
 * DOC: lispr's entry point
 *
 * Option parsing follows the FRR daemons' conventions: -f the startup
 * configuration (replayed at boot, written by 'write memory'), -d to run as
 * a daemon, -A/-P for the telnet vty listener (loopback, port 2650 by
 * default; -P 0 turns it off), -i a pid file.  In the foreground on a
 * terminal the console runs the shell; --batch runs commands from standard
 * input instead and exits.  --decode is the offline pcap decoder.
 */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "console.h"
#include "decode.h"
#include "log.h"
#include "shell.h"
#include "vty.h"

#define LOG_RING_LINES	1000

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: lispr [OPTION]...\n"
		"A LISP router (ITR, ETR, PITR, PETR, Map-Server, Map-Resolver) with an IOS-style shell.\n"
		"\n"
		"  -f, --config_file FILE  startup configuration: replayed at boot, saved by 'write memory'\n"
		"  -d, --daemon            run as a daemon, without a console\n"
		"  -A, --vty_addr ADDR     address of the telnet vty listener (default 127.0.0.1)\n"
		"  -P, --vty_port PORT     port of the telnet vty listener (default %d, 0: no listener)\n"
		"  -i, --pid_file FILE     write the process id to FILE\n"
		"      --batch             run the commands read from standard input, print a\n"
		"                          transcript and exit (status 1 if a command failed)\n"
		"      --decode FILE       print one line per LISP packet of a pcap capture and exit\n"
		"  -h, --help              show this help and exit\n"
		"  -v, --version           show the version and exit\n"
		"\n"
		"See lispr(8) and lispr.conf(5).\n", SHELL_VTY_PORT);
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
	enum { OPT_DECODE = 256, OPT_BATCH };
	static const struct option longopts[] = {
		{ "config_file", required_argument, NULL, 'f' },
		{ "daemon",      no_argument,       NULL, 'd' },
		{ "vty_addr",    required_argument, NULL, 'A' },
		{ "vty_port",    required_argument, NULL, 'P' },
		{ "pid_file",    required_argument, NULL, 'i' },
		{ "batch",       no_argument,       NULL, OPT_BATCH },
		{ "decode",      required_argument, NULL, OPT_DECODE },
		{ "help",        no_argument,       NULL, 'h' },
		{ "version",     no_argument,       NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const char *decode_file = NULL, *config = NULL, *vty_addr = "127.0.0.1", *pidfile = NULL;
	bool daemonize = false, batch = false;
	struct vty_server *vty = NULL;
	struct shell *sh;
	int port = SHELL_VTY_PORT, c, rc = 0, sig = 0;
	char err[256], *end;
	sigset_t sigs;

	while ((c = getopt_long(argc, argv, "f:dA:P:i:hv", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			config = optarg;
			break;
		case 'd':
			daemonize = true;
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
			pidfile = optarg;
			break;
		case OPT_BATCH:
			batch = true;
			break;
		case OPT_DECODE:
			decode_file = optarg;
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
	if (daemonize && batch) {
		fprintf(stderr, "lispr: -d and --batch exclude each other\n");
		return 2;
	}

	/* A telnet client that disappears must not kill the router. */
	signal(SIGPIPE, SIG_IGN);
	log_init(LOG_RING_LINES, !daemonize);
	if (!(sh = shell_new())) {
		fprintf(stderr, "lispr: out of memory\n");
		return 1;
	}
	if (config) {
		int bad;

		sh->config_path = strdup(config);
		bad = shell_load(sh, config, stderr);
		if (bad < 0 && errno != ENOENT) {
			fprintf(stderr, "lispr: %s: %s\n", config, strerror(errno));
			shell_free(sh);
			log_shutdown();
			return 1;
		}
		if (bad < 0)
			log_msg(LOG_NOTICE, "%s does not exist yet: starting with the default configuration", config);
		else if (bad > 0)
			log_msg(LOG_WARNING, "%s: %d line%s rejected", config, bad, bad == 1 ? "" : "s");
	}
	if (daemonize && daemon(0, 0) == -1) {
		fprintf(stderr, "lispr: daemon: %s\n", strerror(errno));
		rc = 1;
		goto out;
	}
	if (pidfile && write_pidfile(pidfile) == -1) {
		log_msg(LOG_ERR, "cannot write the pid file %s: %s", pidfile, strerror(errno));
		rc = 1;
		goto out;
	}

	/* Threads inherit this mask; the main thread takes the signals. */
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &sigs, NULL);
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
		/* SIGTERM still ends the program; Ctrl-C does not. */
		signal(SIGINT, SIG_IGN);
		sigdelset(&sigs, SIGINT);
		pthread_sigmask(SIG_UNBLOCK, &sigs, NULL);
		console_run(sh);
	} else {
		while (sigwait(&sigs, &sig) == 0 && sig == SIGHUP)
			;
		log_msg(LOG_NOTICE, "terminating on signal %d", sig);
	}
out:
	vty_stop(vty);
	if (pidfile)
		unlink(pidfile);
	shell_free(sh);
	log_shutdown();
	return rc;
}
