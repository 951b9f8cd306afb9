/*
 * DOC: the router on live ports, for the namespace smoke test
 *
 * Usage: test_port_live [-t SECONDS] [-p DST [-s SRCIF]] IF A/LEN [IF A/LEN]...
 * Binds each named Linux interface (libpcap in, libnet out), gives it the
 * address, brings it up, optionally pings DST from the router once the
 * loop runs, and runs until SIGTERM or SIGINT (the test stops it when it
 * has seen what it waits for), or at the latest after SECONDS (default
 * 120: a bound for a test that went wrong, not a schedule).  Prints
 * "ready" once the ports are open and the loop is about to run, the ping
 * marks when the ping ends, and the counters at exit, each line flushed
 * at once so a script can wait for it.  tests/test_port_live.sh runs it
 * inside a network namespace.
 */
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "event.h"
#include "fib.h"
#include "iface.h"
#include "ping.h"
#include "port.h"
#include "router.h"
#include "stats.h"

struct run {
	struct router *r;
	struct ping_params pp;
	bool ping;
	int ping_rc;
	struct iface *ifs[8];	/* the interfaces named on the command line */
	unsigned nifs;
	unsigned seconds;
	struct evtimer *t_ready, *t_ping;
};

static struct port *live_factory(void *arg, const char *name, char *err, size_t errlen)
{
	return port_live_open(name, err, errlen);
}

static void on_done(void *arg, const struct ping_result *res)
{
	struct run *run = arg;

	printf("ping: %s %u/%u", res->marks, res->received, res->sent);
	if (res->received)
		printf(" rtt min/avg/max = %llu/%llu/%llu us",
		       (unsigned long long)res->rtt_min_us,
		       (unsigned long long)(res->rtt_sum_us / res->received),
		       (unsigned long long)res->rtt_max_us);
	printf("\n");
	fflush(stdout);
	run->ping_rc = res->received == res->sent ? 0 : 1;
}

static void start_ping(void *arg)
{
	struct run *run = arg;
	char err[160];

	if (!ping_start(run->r, &run->pp, NULL, on_done, run, err, sizeof(err))) {
		printf("ping: %s\n", err);
		fflush(stdout);
		run->ping_rc = 1;
	}
}

/* 'ready' once every interface is up, line protocol included: a veth's
 * carrier comes up some time after 'ip link set up', and the router learns
 * of it from rtnetlink (router_track_links) as the daemon does. */
static void check_ready(void *arg)
{
	struct run *run = arg;

	for (unsigned i = 0; i < run->nifs; i++)
		if (!iface_is_up(run->ifs[i])) {
			ev_timer_arm(run->t_ready, 10 * NS_PER_MS);
			return;
		}
	printf("ready: router running, for %u s at most\n", run->seconds);
	fflush(stdout);
	if (run->ping)
		ev_timer_arm(run->t_ping, 500 * NS_PER_MS);
}

static void stop(void *arg)
{
	router_stop(arg);
}

/* SIGTERM/SIGINT arrive on a signalfd in the loop, so the router stops
 * between two dispatches rather than inside a signal handler. */
static void on_signal(void *arg, int fd)
{
	struct signalfd_siginfo si;

	if (read(fd, &si, sizeof(si)) == (ssize_t)sizeof(si))
		router_stop(arg);
}

int main(int argc, char **argv)
{
	struct run run;
	struct evtimer *t_stop, *t_ping;
	const struct rt_stats *st;
	unsigned seconds = 120, i;
	char err[256];
	int c, rc = 0, sfd;
	sigset_t sigs;

	memset(&run, 0, sizeof(run));
	run.ping_rc = -1;
	while ((c = getopt(argc, argv, "t:p:s:")) != -1) {
		switch (c) {
		case 't':
			seconds = (unsigned)atoi(optarg);
			break;
		case 'p':
			run.ping = addr_parse(optarg, &run.pp.dst, err, sizeof(err)) == 0;
			break;
		case 's':
			snprintf(run.pp.src_ifname, sizeof(run.pp.src_ifname), "%s", optarg);
			break;
		default:
			return 2;
		}
	}
	if (optind >= argc || (argc - optind) % 2) {
		fprintf(stderr, "usage: test_port_live [-t S] [-p DST [-s IF]] IF A/LEN...\n");
		return 2;
	}
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	if (sigprocmask(SIG_BLOCK, &sigs, NULL) == -1 ||
	    (sfd = signalfd(-1, &sigs, SFD_CLOEXEC | SFD_NONBLOCK)) == -1) {
		perror("signalfd");
		return 1;
	}
	run.r = router_new(EV_CLOCK_MONOTONIC);
	if (!run.r)
		return 1;
	if (ev_fd_add(router_loop(run.r), sfd, on_signal, run.r) == -1) {
		router_free(run.r);
		return 1;
	}
	router_set_port_factory(run.r, live_factory, NULL);
	if (router_track_links(run.r, err, sizeof(err)) == -1) {
		fprintf(stderr, "link state not tracked: %s\n", err);
		router_free(run.r);
		return 1;
	}
	for (; optind < argc; optind += 2) {
		struct iface *ifp = iface_get(run.r, argv[optind], err, sizeof(err));
		struct addr a;
		char *slash = strchr(argv[optind + 1], '/');

		if (!ifp || !slash) {
			fprintf(stderr, "%s\n", ifp ? "address must be A/LEN" : err);
			router_free(run.r);
			return 1;
		}
		*slash = '\0';
		if (addr_parse(argv[optind + 1], &a, err, sizeof(err)) == -1 ||
		    iface_set_addr(run.r, ifp, &a, (unsigned)atoi(slash + 1), err, sizeof(err)) == -1) {
			fprintf(stderr, "%s\n", err);
			router_free(run.r);
			return 1;
		}
		iface_set_shutdown(run.r, ifp, false);
		if (run.nifs < sizeof(run.ifs) / sizeof(run.ifs[0]))
			run.ifs[run.nifs++] = ifp;
	}
	t_stop = ev_timer_new(router_loop(run.r), stop, run.r);
	t_ping = ev_timer_new(router_loop(run.r), start_ping, &run);
	run.t_ping = t_ping;
	run.seconds = seconds;
	run.t_ready = ev_timer_new(router_loop(run.r), check_ready, &run);
	ev_timer_arm(t_stop, (uint64_t)seconds * NS_PER_SEC);
	ev_timer_arm(run.t_ready, 0);
	if (router_run(run.r) == -1)
		rc = 1;
	st = router_stats(run.r);
	printf("frames %llu forwarded %llu local %llu echo-replies %llu time-exceeded %llu "
	       "arp-replies %llu\n",
	       (unsigned long long)st->rx_frames, (unsigned long long)st->ip_forwarded,
	       (unsigned long long)st->ip_local, (unsigned long long)st->icmp_tx_echo_reply,
	       (unsigned long long)st->icmp_tx_time_exceeded,
	       (unsigned long long)st->arp_tx_reply);
	for (i = 0; i < RT_DROP__COUNT; i++)
		if (st->drops[i])
			printf("drop %s: %llu\n", rt_drop_name((enum rt_drop)i),
			       (unsigned long long)st->drops[i]);
	ev_timer_free(t_stop);
	ev_timer_free(t_ping);
	ev_timer_free(run.t_ready);
	ev_fd_del(router_loop(run.r), sfd);
	router_free(run.r);
	close(sfd);
	if (run.ping && run.ping_rc != 0)
		rc = 1;
	return rc;
}
