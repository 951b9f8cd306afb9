/*
 * DOC: the router under test in the live forwarding benchmark
 *
 * Usage: bench_forward_live IF_IN A/LEN IF_OUT A/LEN
 * Builds a router through the C API (router_new, live ports from
 * port_live_open, iface_set_addr) on two Linux interfaces and runs its event
 * loop until SIGTERM or SIGINT.  SIGUSR1 prints one line of figures since
 * the previous SIGUSR1: frames received, packets forwarded, drops, and the
 * process's user and system CPU time, which is what the router's core spent
 * (system time includes the kernel's transmit path run on its behalf),
 * frames the kernel dropped at the ports' capture rings, and how long the
 * router was runnable but waiting for its core (/proc/self/schedstat).
 * Signals arrive through a signalfd watched by the loop, so nothing runs in
 * a signal handler.  bench/bench_forward_live.sh runs it in a namespace,
 * pinned to one core with taskset.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "event.h"
#include "iface.h"
#include "port.h"
#include "router.h"
#include "stats.h"
#include "live_util.h"

struct bench {
	struct router *r;
	struct port *ports[2];
	int sfd;
	uint64_t rx, fwd, drops, ring_drops, wait_ns;
	double user, sys;
};

static void report(struct bench *b)
{
	const struct rt_stats *st = router_stats(b->r);
	struct rusage ru;
	uint64_t drops = 0, ring_drops = 0, wait = sched_wait_ns();
	double user, sys;
	unsigned i;

	for (i = 0; i < RT_DROP__COUNT; i++)
		drops += st->drops[i];
	for (i = 0; i < 2; i++)
		if (b->ports[i])
			ring_drops += port_live_rx_drops(b->ports[i]);
	getrusage(RUSAGE_SELF, &ru);
	user = tv_secs(&ru.ru_utime);
	sys = tv_secs(&ru.ru_stime);
	printf("rx=%llu forwarded=%llu drops=%llu ring_drops=%llu user=%.3f sys=%.3f "
	       "runq_wait=%.3f\n",
	       (unsigned long long)(st->rx_frames - b->rx),
	       (unsigned long long)(st->ip_forwarded - b->fwd),
	       (unsigned long long)(drops - b->drops),
	       (unsigned long long)(ring_drops - b->ring_drops), user - b->user,
	       sys - b->sys, (double)(wait - b->wait_ns) / 1e9);
	for (i = 0; i < RT_DROP__COUNT; i++)
		if (st->drops[i])
			printf("  total drop %s: %llu\n", rt_drop_name((enum rt_drop)i),
			       (unsigned long long)st->drops[i]);
	fflush(stdout);
	b->rx = st->rx_frames;
	b->fwd = st->ip_forwarded;
	b->drops = drops;
	b->ring_drops = ring_drops;
	b->wait_ns = wait;
	b->user = user;
	b->sys = sys;
}

static void on_signal(void *arg, int fd)
{
	struct bench *b = arg;
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == sizeof(si)) {
		if (si.ssi_signo == SIGUSR1)
			report(b);
		else
			router_stop(b->r);
	}
}

int main(int argc, char **argv)
{
	struct bench b;
	sigset_t set;
	char err[256];
	int i, rc = 0;

	if (argc != 5) {
		fprintf(stderr, "usage: bench_forward_live IF_IN A/LEN IF_OUT A/LEN\n");
		return 2;
	}
	memset(&b, 0, sizeof(b));
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGUSR1);
	if (sigprocmask(SIG_BLOCK, &set, NULL) == -1 ||
	    (b.sfd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC)) == -1) {
		perror("signalfd");
		return 1;
	}
	if (!(b.r = router_new(EV_CLOCK_MONOTONIC)))
		return 1;
	router_set_port_factory(b.r, live_factory, NULL);
	for (i = 1; i < argc; i += 2) {
		struct iface *ifp = iface_get(b.r, argv[i], err, sizeof(err));
		char *slash = strchr(argv[i + 1], '/');
		struct addr a;

		if (!ifp || !slash) {
			fprintf(stderr, "%s\n", ifp ? "address must be A/LEN" : err);
			rc = 1;
			goto out;
		}
		*slash = '\0';
		if (addr_parse(argv[i + 1], &a, err, sizeof(err)) == -1 ||
		    iface_set_addr(b.r, ifp, &a, (unsigned)atoi(slash + 1), err,
				   sizeof(err)) == -1) {
			fprintf(stderr, "%s\n", err);
			rc = 1;
			goto out;
		}
		iface_set_shutdown(b.r, ifp, false);
		b.ports[i / 2] = iface_port(ifp);
	}
	if (ev_fd_add(router_loop(b.r), b.sfd, on_signal, &b) == -1) {
		perror("ev_fd_add");
		rc = 1;
		goto out;
	}
	printf("ready\n");
	fflush(stdout);
	if (router_run(b.r) == -1)
		rc = 1;
	report(&b);
out:
	router_free(b.r);
	close(b.sfd);
	return rc;
}
