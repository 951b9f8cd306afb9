/*
 * DOC: the router under test in the live LISP benchmarks
 *
 *   bench_lisp_live ms IF A/LEN PREFIXES KEY [24|32]
 *   bench_lisp_live itr IF_IN A/LEN IF_OUT A/LEN EID-PREFIX REMOTE-PREFIX RLOC
 *   bench_lisp_live xtr IF_IN A/LEN IF_OUT A/LEN EID-PREFIX REMOTE-PREFIX RLOC GW
 *
 * Builds the router through the C API on live ports (as bench_forward_live
 * does) and runs its event loop until SIGTERM or SIGINT.
 *
 * ms: Map-Server and Map-Resolver on IF with one site holding PREFIXES
 * configured /24 EID prefixes from 100.0.0.0 (with 32: consecutive /32s
 * from 100.0.0.0; the numbering of bench_forward_live_traffic's
 * Map-Register and Map-Request payloads, its -L) and
 * authentication key KEY.  Nothing is registered here: registrations
 * arrive as Map-Registers over the wire and go through the engine's
 * registration path.
 *
 * itr: an ITR whose database holds EID-PREFIX (locator: IF_OUT's address)
 * and whose static map-cache sends REMOTE-PREFIX to RLOC.
 *
 * xtr: the same as an ITR and an ETR at once (it decapsulates what arrives
 * for EID-PREFIX), with a default route through GW on IF_OUT's subnet: one
 * of the two xTRs across a routed core in bench/bench_xtr_live.sh.
 *
 * SIGUSR1 prints one line of figures since the previous SIGUSR1: frames
 * received, the LISP counters the benchmarks read, LISP and router drops,
 * capture-ring drops, the process's user and system CPU time and how long
 * it waited for its core (/proc/self/schedstat).  Signals arrive through a
 * signalfd watched by the loop.
 */
#include <arpa/inet.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "event.h"
#include "fib.h"
#include "iface.h"
#include "lisp.h"
#include "port.h"
#include "router.h"
#include "stats.h"
#include "live_util.h"

#define SITE		"bench"
#define FIGURES		11

struct bench {
	struct router *r;
	struct lisp *l;
	struct port *ports[2];
	int sfd;
	uint64_t last[FIGURES], wait_ns;
	double user, sys;
};

static void report(struct bench *b)
{
	static const char *names[FIGURES] = {
		"rx", "mreq", "replies", "negative", "reg", "reg_records", "notify",
		"encap", "lisp_drops", "ring_drops", "decap"
	};
	const struct rt_stats *st = router_stats(b->r);
	const struct lisp_stats *ls = lisp_stats(b->l);
	uint64_t v[FIGURES], wait = sched_wait_ns();
	struct rusage ru;
	double user, sys;
	unsigned i;

	memset(v, 0, sizeof(v));
	v[0] = st->rx_frames;
	v[1] = ls->mreq_in;
	v[2] = ls->mrep_out;
	v[3] = ls->mrep_out_neg;
	v[4] = ls->reg_in;
	v[5] = ls->reg_accepted_records;
	v[6] = ls->notify_out;
	v[7] = ls->encap_pkts;
	for (i = 0; i < LISP_DROP__COUNT; i++)
		v[8] += ls->drops[i];
	for (i = 0; i < LISP_ERR__COUNT; i++)
		v[8] += ls->malformed[i];
	for (i = 0; i < 2; i++)
		if (b->ports[i])
			v[9] += port_live_rx_drops(b->ports[i]);
	v[10] = ls->decap_pkts;
	getrusage(RUSAGE_SELF, &ru);
	user = tv_secs(&ru.ru_utime);
	sys = tv_secs(&ru.ru_stime);
	for (i = 0; i < FIGURES; i++)
		printf("%s=%llu ", names[i], (unsigned long long)(v[i] - b->last[i]));
	printf("user=%.3f sys=%.3f runq_wait=%.3f\n", user - b->user, sys - b->sys,
	       (double)(wait - b->wait_ns) / 1e9);
	for (i = 0; i < RT_DROP__COUNT; i++)
		if (st->drops[i])
			printf("  total router drop %s: %llu\n", rt_drop_name((enum rt_drop)i),
			       (unsigned long long)st->drops[i]);
	for (i = 0; i < LISP_DROP__COUNT; i++)
		if (ls->drops[i])
			printf("  total LISP drop %s: %llu\n", lisp_drop_name((enum lisp_drop)i),
			       (unsigned long long)ls->drops[i]);
	for (i = 1; i < LISP_ERR__COUNT; i++)
		if (ls->malformed[i])
			printf("  total LISP malformed %s: %llu\n", lisp_err_str((enum lisp_err)i),
			       (unsigned long long)ls->malformed[i]);
	fflush(stdout);
	memcpy(b->last, v, sizeof(v));
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

static int fail(const char *what, const char *err)
{
	fprintf(stderr, "bench_lisp_live: %s: %s\n", what, err);
	return -1;
}

/* Interface ifname with address "A/LEN", up; its port in *port. */
static int setup_iface(struct bench *b, const char *ifname, char *alen, struct port **port)
{
	struct iface *ifp;
	struct addr a;
	const char *e;
	char err[256], *slash = strchr(alen, '/');

	if (!(ifp = iface_get(b->r, ifname, err, sizeof(err))))
		return fail(ifname, err);
	if (!slash)
		return fail(alen, "address must be A/LEN");
	*slash = '\0';
	if (addr_parse(alen, &a, err, sizeof(err)) == -1 ||
	    iface_set_addr(b->r, ifp, &a, (unsigned)atoi(slash + 1), err, sizeof(err)) == -1)
		return fail(alen, err);
	/* bench/bench_xtr_live.sh -M: a MAC of its own per interface
	 * ('mac-address'), lan 0200.5e10.0001 and wan 0200.5e10.0002. */
	if ((e = getenv("LISPR_BENCH_MAC")) && atoi(e)) {
		uint8_t mac[6] = { 0x02, 0x00, 0x5e, 0x10, 0x00, 0x01 };

		mac[5] += strcmp(ifname, "lan") != 0;
		if (iface_set_mac(b->r, ifp, mac, err, sizeof(err)) == -1)
			return fail(ifname, err);
	}
	iface_set_shutdown(b->r, ifp, false);
	*port = iface_port(ifp);
	return 0;
}

static int setup_ms(struct bench *b, char **argv)
{
	long i, n = atol(argv[4]);
	unsigned plen = argv[6] ? (unsigned)atoi(argv[6]) : 24;
	struct prefix p;
	struct addr a;
	char err[256];

	if (n <= 0 || n > 65536L * 256)
		return fail("PREFIXES", "out of range");
	if (plen != 24 && plen != 32)
		return fail("prefix length", "24 or 32");
	if (setup_iface(b, argv[2], argv[3], &b->ports[0]) == -1)
		return -1;
	if (lisp_set_role(b->l, LISP_ROLE_MS | LISP_ROLE_MR, true, err, sizeof(err)) == -1 ||
	    lisp_site_add(b->l, SITE, err, sizeof(err)) == -1 ||
	    lisp_site_set_key(b->l, SITE, argv[5], err, sizeof(err)) == -1)
		return fail("site", err);
	for (i = 0; i < n; i++) {
		addr_set_v4(&a, htonl(0x64000000u + ((uint32_t)i << (32 - plen))));
		prefix_make(&p, &a, plen);
		if (lisp_site_eid_add(b->l, SITE, &p, false, err, sizeof(err)) == -1)
			return fail("eid-prefix", err);
	}
	return 0;
}

static int setup_itr(struct bench *b, char **argv)
{
	struct lisp_loc_cfg loc;
	struct prefix db, rem;
	char err[256], *slash;

	if (setup_iface(b, argv[2], argv[3], &b->ports[0]) == -1 ||
	    setup_iface(b, argv[4], argv[5], &b->ports[1]) == -1)
		return -1;
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	/* setup_iface cut argv[5] at its slash: it is IF_OUT's address. */
	if ((slash = strchr(argv[5], '/')))
		*slash = '\0';
	if (addr_parse(argv[5], &loc.addr, err, sizeof(err)) == -1 ||
	    prefix_parse(argv[6], &db, err, sizeof(err)) == -1 ||
	    lisp_db_add(b->l, &db, &loc, err, sizeof(err)) == -1)
		return fail("database-mapping", err);
	if (addr_parse(argv[8], &loc.addr, err, sizeof(err)) == -1 ||
	    prefix_parse(argv[7], &rem, err, sizeof(err)) == -1 ||
	    lisp_map_cache_static_add(b->l, &rem, LISP_ACT_NO_ACTION, &loc, err,
				      sizeof(err)) == -1)
		return fail("map-cache", err);
	if (lisp_set_role(b->l, LISP_ROLE_ITR, true, err, sizeof(err)) == -1)
		return fail("itr", err);
	return 0;
}

static int setup_xtr(struct bench *b, char **argv)
{
	struct prefix dflt;
	struct addr gw;
	char err[256];

	if (setup_itr(b, argv) == -1)
		return -1;
	if (lisp_set_role(b->l, LISP_ROLE_ETR, true, err, sizeof(err)) == -1)
		return fail("etr", err);
	if (prefix_parse("0.0.0.0/0", &dflt, err, sizeof(err)) == -1 ||
	    addr_parse(argv[9], &gw, err, sizeof(err)) == -1 ||
	    fib_static_add(b->r, &dflt, &gw, NULL, 1, err, sizeof(err)) == -1)
		return fail("ip route", err);
	return 0;
}

int main(int argc, char **argv)
{
	struct bench b;
	sigset_t set;
	int rc = 0;

	if (!((argc == 6 || argc == 7) && strcmp(argv[1], "ms") == 0) &&
	    !(argc == 9 && strcmp(argv[1], "itr") == 0) &&
	    !(argc == 10 && strcmp(argv[1], "xtr") == 0)) {
		fprintf(stderr, "usage: bench_lisp_live ms IF A/LEN PREFIXES KEY [24|32]\n"
			"       bench_lisp_live itr IF_IN A/LEN IF_OUT A/LEN EID-PREFIX"
			" REMOTE-PREFIX RLOC\n"
			"       bench_lisp_live xtr IF_IN A/LEN IF_OUT A/LEN EID-PREFIX"
			" REMOTE-PREFIX RLOC GW\n");
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
	if (!(b.r = router_new(EV_CLOCK_MONOTONIC)) || !(b.l = lisp_new(b.r))) {
		rc = 1;
		goto out;
	}
	router_set_port_factory(b.r, live_factory, NULL);
	/* Packet I/O settings ('platform packet-io'), for
	 * bench/bench_xtr_live.sh -B, -Q, -r and -W: busy polling, qdisc
	 * bypass, the ring's size in KB, the receive workers. */
	{
		struct router_pktio pc;
		const char *e;
		unsigned reopened;

		router_get_pktio(b.r, &pc);
		if ((e = getenv("LISPR_BENCH_BUSY_POLL")))
			pc.busy_poll_us = (unsigned)atoi(e);
		if ((e = getenv("LISPR_BENCH_QDISC_BYPASS")))
			pc.qdisc_bypass = atoi(e) != 0;
		if ((e = getenv("LISPR_BENCH_RING_KB")) && atoi(e) > 0)
			pc.ring_bytes = (size_t)atoi(e) << 10;
		if ((e = getenv("LISPR_BENCH_WORKERS")) && atoi(e) > 0)
			pc.workers = (unsigned)atoi(e);
		if (router_set_pktio(b.r, &pc, &reopened) != 0) {
			fprintf(stderr, "bench_lisp_live: packet I/O settings out of range\n");
			rc = 1;
			goto out;
		}
	}
	if ((argv[1][0] == 'm' ? setup_ms(&b, argv) :
	     argv[1][0] == 'x' ? setup_xtr(&b, argv) : setup_itr(&b, argv)) == -1) {
		rc = 1;
		goto out;
	}
	/* A veth whose carrier comes up after the port opened (the script
	 * starts the xTRs right after building the links) would stay down
	 * for the whole run without the link monitor. */
	{
		char err[256];

		if (router_track_links(b.r, err, sizeof(err)) == -1)
			fprintf(stderr, "bench_lisp_live: %s (link changes not followed)\n", err);
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
	if (b.l)
		lisp_free(b.l);
	router_free(b.r);
	close(b.sfd);
	return rc;
}
