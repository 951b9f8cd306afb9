/*
 * DOC: 'platform packet-io ...' and 'show platform packet-io': how the
 * live ports move frames
 *
 * lispr's own global configuration (IOS has no such commands; the word
 * 'platform' is where IOS-XE keeps hardware settings).  The settings live
 * in the router (router_set_pktio): the capture ring of the live ports
 * (size, block size, block timeout), PACKET_QDISC_BYPASS on their sending
 * sockets, the event loop's busy polling, the drain budget per round and
 * the receive workers (threads reading receive queues of their own, the
 * ports' frames spread over the queues by flow).  A new ring, bypass or
 * workers setting reopens the attached live ports at once
 * (the frames still in their old rings are lost, as when a link
 * flaps); ports opened later get it too.  Each line is printed by the
 * running-config only when it differs from the default.  The reopen's
 * rings are made before, without the router lock (rings_ahead()), and the
 * old ones freed after it, without it too (old_rings_free()); a bypass
 * change alone binds the rings the ports have again.
 */
#include "config.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iface.h"
#include "json.h"
#include "log.h"
#include "port.h"
#include "router.h"
#include "shell.h"

#define KB 1024u

/* The live ports a reopen concerns, by name, and the rings made for each. */
struct ahead {
	struct {
		char name[IFACE_NAMELEN];
		struct port_live_rings *rg;
	} *v;
	unsigned n, cap;
};

static int ahead_collect(struct iface *ifp, void *arg)
{
	struct ahead *a = arg;
	struct port *p = iface_port(ifp);

	if (!p || !port_is_live(p) || p->detached)
		return 0;
	if (a->n == a->cap) {
		unsigned cap = a->cap ? 2 * a->cap : 8;
		void *v = realloc(a->v, cap * sizeof(*a->v));

		if (!v)
			return 1;	/* the rest open under the lock, as before */
		a->v = v;
		a->cap = cap;
	}
	snprintf(a->v[a->n].name, sizeof(a->v[a->n].name), "%s", iface_name(ifp));
	a->v[a->n++].rg = NULL;
	return 0;
}

/*
 * A setting that reopens the live ports: the rings each will open are made
 * first, with the router lock let go (a large ring takes the kernel
 * seconds, and the loop would stop forwarding for every port meanwhile),
 * then handed to the ports that are still there, still live, for the
 * reopen (port_live_give_rings()).  What another session changed in
 * between makes them not fit, and the reopen makes its own.
 */
static void rings_ahead(struct cli_def *cli, struct router *r, const struct router_pktio *c)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct ahead a = { 0 };
	char err[160];

	/* A bypass change alone binds the rings the ports have again
	 * (port_live_rings_kept()): nothing to make. */
	if (!router_pktio_new_rings(r, c))
		return;
	iface_foreach(r, ahead_collect, &a);
	if (!a.n) {
		free(a.v);
		return;
	}
	shell_unlock(sh);
	for (unsigned i = 0; i < a.n; i++)
		a.v[i].rg = port_live_rings_new(a.v[i].name, c->ring_bytes, c->block_bytes, c->block_ms,
						c->workers, err, sizeof(err));
	shell_lock(sh);
	for (unsigned i = 0; i < a.n; i++) {
		struct iface *ifp = iface_find(r, a.v[i].name);
		struct port *p = ifp ? iface_port(ifp) : NULL;

		if (p && port_is_live(p))
			port_live_give_rings(p, a.v[i].rg);
		else
			port_live_rings_free(a.v[i].rg);
	}
	free(a.v);
}

/* The rings the reopen let go (port_live_take_old()), freed with the
 * router lock let go: unmapping a large ring takes time too. */
struct old_rings {
	struct port_live_rings **v;
	unsigned n, cap;
};

static int old_collect(struct iface *ifp, void *arg)
{
	struct old_rings *o = arg;
	struct port *p = iface_port(ifp);
	struct port_live_rings *rg = p && port_is_live(p) ? port_live_take_old(p) : NULL;

	if (!rg)
		return 0;
	if (o->n == o->cap) {
		unsigned cap = o->cap ? 2 * o->cap : 8;
		void *v = realloc(o->v, cap * sizeof(*o->v));

		if (!v) {
			port_live_rings_free(rg);	/* now, as before */
			return 0;
		}
		o->v = v;
		o->cap = cap;
	}
	o->v[o->n++] = rg;
	return 0;
}

static void old_rings_free(struct cli_def *cli, struct router *r)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct old_rings o = { 0 };

	iface_foreach(r, old_collect, &o);
	if (o.n) {
		shell_unlock(sh);
		for (unsigned i = 0; i < o.n; i++)
			port_live_rings_free(o.v[i]);
		shell_lock(sh);
	}
	free(o.v);
}

static int apply(struct cli_def *cli, struct router *r, const struct router_pktio *c)
{
	unsigned reopened;
	int rc;

	rings_ahead(cli, r, c);
	rc = router_set_pktio(r, c, &reopened);
	old_rings_free(cli, r);

	if (rc == -1)
		return shell_err(cli, "%% Packet I/O setting out of range");
	if (reopened)
		log_msg(LOG_INFO, "%%PKTIO-6-REOPEN: %u live port%s reopened: ring %zu KB of %u KB blocks, "
			"timeout %u ms, qdisc bypass %s, %u receive queue%s", reopened,
			reopened == 1 ? "" : "s", c->ring_bytes / KB, c->block_bytes / KB, c->block_ms,
			c->qdisc_bypass ? "on" : "off", c->workers, c->workers == 1 ? "" : "s");
	if (rc == -2)
		return shell_err(cli, "%% Cannot start the receive workers (see the log)");
	return CLI_OK;
}

/* platform packet-io ring-size KB [block KB] [timeout MS] */
static int cmd_ring(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r = shell_router(cli);
	struct router_pktio c, d;
	long ring, block, tmo;
	int i = 1;

	if (!r)
		return CLI_ERROR;
	router_get_pktio(r, &c);
	router_pktio_defaults(&d);
	if (argc < 1)
		return shell_err_incomplete(cli);
	if ((ring = shell_arg_uint(cli, argv, argc, 0, 64, 1048576)) < 0)
		return CLI_ERROR;
	block = d.block_bytes / KB;
	tmo = d.block_ms;
	while (i < argc) {
		size_t n = strlen(argv[i]);

		if (n && !strncasecmp(argv[i], "block", n)) {
			if ((block = shell_arg_uint(cli, argv, argc, i + 1, 4, 4096)) < 0)
				return CLI_ERROR;
		} else if (n && !strncasecmp(argv[i], "timeout", n)) {
			if ((tmo = shell_arg_uint(cli, argv, argc, i + 1, 1, 1000)) < 0)
				return CLI_ERROR;
		} else {
			return shell_err_invalid(cli, i);
		}
		i += 2;
	}
	if (block & (block - 1))
		return shell_err(cli, "%% Block size %ld KB is not a power of two", block);
	if (ring < 2 * block)
		return shell_err(cli, "%% Ring size %ld KB is less than two blocks of %ld KB", ring, block);
	c.ring_bytes = (size_t)ring * KB;
	c.block_bytes = (unsigned)block * KB;
	c.block_ms = (unsigned)tmo;
	return apply(cli, r, &c);
}

static int cmd_no_ring(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r = shell_router(cli);
	struct router_pktio c, d;

	if (!r)
		return CLI_ERROR;
	router_get_pktio(r, &c);
	router_pktio_defaults(&d);
	c.ring_bytes = d.ring_bytes;
	c.block_bytes = d.block_bytes;
	c.block_ms = d.block_ms;
	return apply(cli, r, &c);
}

/* busy-poll USEC, rx-budget FRAMES: one number into the field at off; the
 * no form (dflt >= 0) puts the default back. */
static int set_uint(struct cli_def *cli, char **argv, int argc, size_t off, long lo, long hi,
		    long dflt)
{
	struct router *r = shell_router(cli);
	struct router_pktio c;
	long v = dflt;

	if (!r)
		return CLI_ERROR;
	if (dflt < 0) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (argc > 1)
			return shell_err_invalid(cli, 1);
		if ((v = shell_arg_uint(cli, argv, argc, 0, lo, hi)) < 0)
			return CLI_ERROR;
	}
	router_get_pktio(r, &c);
	*(unsigned *)((char *)&c + off) = (unsigned)v;
	return apply(cli, r, &c);
}

static int cmd_busy(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_uint(cli, argv, argc, offsetof(struct router_pktio, busy_poll_us), 1,
			EV_BUSY_POLL_MAX, -1);
}

static int cmd_no_busy(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_uint(cli, argv, argc, offsetof(struct router_pktio, busy_poll_us), 0, 0, 0);
}

static int set_bypass(struct cli_def *cli, int argc, bool on)
{
	struct router *r = shell_router(cli);
	struct router_pktio c;

	if (!r)
		return CLI_ERROR;
	if (argc)
		return shell_err_invalid(cli, 0);
	router_get_pktio(r, &c);
	c.qdisc_bypass = on;
	return apply(cli, r, &c);
}

static int cmd_bypass(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_bypass(cli, argc, true);
}

static int cmd_no_bypass(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_bypass(cli, argc, false);
}

static int cmd_budget(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_uint(cli, argv, argc, offsetof(struct router_pktio, rx_budget), 64, 65536, -1);
}

static int cmd_no_budget(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_uint(cli, argv, argc, offsetof(struct router_pktio, rx_budget), 0, 0,
			ROUTER_RX_BUDGET);
}

static int cmd_workers(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_uint(cli, argv, argc, offsetof(struct router_pktio, workers), 1, PORT_QUEUES, -1);
}

static int cmd_no_workers(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_uint(cli, argv, argc, offsetof(struct router_pktio, workers), 0, 0, 1);
}

static void platform_write(struct shell *sh, FILE *f)
{
	struct router_pktio c, d;

	if (!sh->router)
		return;
	router_get_pktio(sh->router, &c);
	router_pktio_defaults(&d);
	if (c.ring_bytes != d.ring_bytes || c.block_bytes != d.block_bytes || c.block_ms != d.block_ms) {
		fprintf(f, "platform packet-io ring-size %zu", c.ring_bytes / KB);
		if (c.block_bytes != d.block_bytes)
			fprintf(f, " block %u", c.block_bytes / KB);
		if (c.block_ms != d.block_ms)
			fprintf(f, " timeout %u", c.block_ms);
		fprintf(f, "\n");
	}
	if (c.qdisc_bypass)
		fprintf(f, "platform packet-io qdisc-bypass\n");
	if (c.busy_poll_us)
		fprintf(f, "platform packet-io busy-poll %u\n", c.busy_poll_us);
	if (c.rx_budget != d.rx_budget)
		fprintf(f, "platform packet-io rx-budget %u\n", c.rx_budget);
	if (c.workers != d.workers)
		fprintf(f, "platform packet-io workers %u\n", c.workers);
}

/* ------------------------------------------------------------ show */

struct show_ctx {
	struct cli_def *cli;
	struct json *j;		/* NULL: text */
	bool queues;		/* text: the frames per receive queue */
	bool promisc;		/* text: the ports taking every frame */
};

static int show_iface(struct iface *ifp, void *arg)
{
	struct show_ctx *x = arg;
	struct port *p = iface_port(ifp);
	struct port_live_stats st;
	unsigned q;

	if (!port_is_live(p))
		return 0;
	port_live_stats(p, &st);
	if (x->j) {
		json_begin(x->j, NULL, '{');
		json_str(x->j, "interface", iface_name(ifp));
		json_bool(x->j, "attached", !p->detached);
		json_uint(x->j, "ring_bytes", st.ring_bytes);
		json_uint(x->j, "block_bytes", st.block_bytes);
		json_uint(x->j, "blocks", st.blocks);
		json_uint(x->j, "block_timeout_ms", st.block_ms);
		json_bool(x->j, "qdisc_bypass", st.qdisc_bypass);
		json_uint(x->j, "ring_overruns", st.rx_drops);
		json_uint(x->j, "blocks_read", st.rx_blocks);
		json_uint(x->j, "tx_batches", st.tx_batches);
		json_uint(x->j, "tx_batched_frames", st.tx_batched);
		json_uint(x->j, "tx_single_frames", st.tx_single);
		json_uint(x->j, "reopens_with_rings_ahead", st.rings_ahead);
		json_uint(x->j, "attaches_with_kept_rings", st.rings_kept);
		json_bool(x->j, "promiscuous", p->promisc);
		if (p->promisc_err)
			json_str(x->j, "promiscuous_error", strerror(p->promisc_err));
		json_uint(x->j, "rx_queues", st.queues);
		json_begin(x->j, "rx_queue_frames", '[');
		for (q = 0; q < st.queues; q++)
			json_uint(x->j, NULL, st.q_frames[q]);
		json_end(x->j, ']');
		json_end(x->j, '}');
		return 0;
	}
	if (x->promisc) {
		/* Only the ports asked to (interface 'mac-address'). */
		if (!p->promisc)
			return 0;
		if (p->promisc_err)
			cli_print(x->cli, "%-16s refused: %s (frames to the router's MAC are not received)",
				  iface_name(ifp), strerror(p->promisc_err));
		else
			cli_print(x->cli, "%-16s %s", iface_name(ifp),
				  p->detached ? "asked for at the next attach" : "on");
		return 0;
	}
	if (p->detached) {
		cli_print(x->cli, "%-16s %s", iface_name(ifp), "detached");
		return 0;
	}
	if (x->queues) {
		char line[PORT_QUEUES * 21 + 1];
		size_t n = 0;

		for (q = 0; q < st.queues; q++)
			n += (size_t)snprintf(line + n, sizeof(line) - n, " %llu",
					      (unsigned long long)st.q_frames[q]);
		cli_print(x->cli, "%-16s %6u%s", iface_name(ifp), st.queues, n ? line : "");
		return 0;
	}
	cli_print(x->cli, "%-16s %7zu %5u %4u %3u %-3s %10llu %11llu %10llu %12llu %10llu", iface_name(ifp),
		  st.ring_bytes / KB, st.blocks, st.block_bytes / KB, st.block_ms, st.qdisc_bypass ? "yes" : "no",
		  (unsigned long long)st.rx_drops, (unsigned long long)st.rx_blocks,
		  (unsigned long long)st.tx_batches, (unsigned long long)st.tx_batched,
		  (unsigned long long)st.tx_single);
	return 0;
}

static int any_promisc(struct iface *ifp, void *arg)
{
	struct port *p = iface_port(ifp);

	(void)arg;
	return port_is_live(p) && p->promisc;
}

static void json_workers(struct json *j, const struct router_rx_worker *w, unsigned n)
{
	unsigned i;

	json_begin(j, "workers", '[');
	for (i = 0; i < n; i++) {
		json_begin(j, NULL, '{');
		json_uint(j, "queue", w[i].queue);
		json_uint(j, "thread_id", (uint64_t)w[i].tid);
		json_uint(j, "frames", w[i].frames);
		json_uint(j, "wakeups_with_frames", w[i].rounds);
		json_uint(j, "sleeps", w[i].sleeps);
		json_end(j, '}');
	}
	json_end(j, ']');
}

static int cmd_show(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r = shell_router(cli);
	struct router_pktio c;
	struct ev_stats es;
	struct show_ctx x = { cli, NULL, false, false };
	struct router_rx_worker w[PORT_QUEUES];
	unsigned nw, i;
	struct json j;

	if (!r)
		return CLI_ERROR;
	if (argc)
		return shell_err_invalid(cli, 0);
	router_get_pktio(r, &c);
	nw = router_rx_workers(r, w, PORT_QUEUES);
	ev_get_stats(router_loop(r), &es);
	if (shell_json(cli)) {
		json_open(&j);
		json_begin(&j, NULL, '{');
		json_begin(&j, "settings", '{');
		json_uint(&j, "ring_bytes", c.ring_bytes);
		json_uint(&j, "block_bytes", c.block_bytes);
		json_uint(&j, "block_timeout_ms", c.block_ms);
		json_bool(&j, "qdisc_bypass", c.qdisc_bypass);
		json_uint(&j, "busy_poll_us", c.busy_poll_us);
		json_uint(&j, "rx_budget", c.rx_budget);
		json_uint(&j, "workers", c.workers);
		json_end(&j, '}');
		json_workers(&j, w, nw);
		json_begin(&j, "event_loop", '{');
		json_uint(&j, "sleeps", es.sleeps);
		json_uint(&j, "polls", es.polls);
		json_uint(&j, "drain_rounds", es.hook_work);
		json_uint(&j, "busy_poll_spins", es.spins);
		json_uint(&j, "busy_poll_hits", es.spin_hits);
		json_uint(&j, "shell_handoffs", es.handoffs);
		json_end(&j, '}');
		json_begin(&j, "interfaces", '[');
		x.j = &j;
		iface_foreach(r, show_iface, &x);
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "Packet I/O of the live ports");
	cli_print(cli, "  Receive ring: %zu KB of %u KB blocks, block timeout %u ms", c.ring_bytes / KB,
		  c.block_bytes / KB, c.block_ms);
	cli_print(cli, "  Qdisc bypass: %s", c.qdisc_bypass ? "on" : "off");
	if (c.busy_poll_us)
		cli_print(cli, "  Busy polling: %u usec before sleeping", c.busy_poll_us);
	else
		cli_print(cli, "  Busy polling: off");
	cli_print(cli, "  Drain budget: %u frames per round", c.rx_budget);
	if (c.workers > 1)
		cli_print(cli, "  Receive queues: %u per port, by flow; queue 0 read by the router loop, "
			  "the others by %u worker thread%s", c.workers, c.workers - 1, c.workers == 2 ? "" : "s");
	else
		cli_print(cli, "  Receive queues: 1 per port, read by the router loop");
	cli_print(cli, "  Event loop: %llu sleeps, %llu polls without sleeping, %llu drain rounds with frames",
		  (unsigned long long)es.sleeps, (unsigned long long)es.polls, (unsigned long long)es.hook_work);
	cli_print(cli, "    %llu busy-poll spins (%llu found work), %llu handoffs to the shell",
		  (unsigned long long)es.spins, (unsigned long long)es.spin_hits, (unsigned long long)es.handoffs);
	cli_print(cli, "%s", "");
	cli_print(cli, "%-16s %7s %5s %4s %3s %-3s %10s %11s %10s %12s %10s", "Interface", "RingKB", "Blks",
		  "BlKB", "Tmo", "Byp", "Overruns", "Blocks in", "Tx batches", "Batched out", "Single out");
	iface_foreach(r, show_iface, &x);
	if (iface_foreach(r, any_promisc, NULL)) {
		cli_print(cli, "%s", "");
		cli_print(cli, "%-16s %s", "Interface", "Promiscuous (a MAC of the router's own: 'mac-address')");
		x.promisc = true;
		iface_foreach(r, show_iface, &x);
		x.promisc = false;
	}
	if (c.workers < 2 && !nw)
		return CLI_OK;
	cli_print(cli, "%s", "");
	cli_print(cli, "%-16s %6s %s", "Interface", "Queues", "Frames read per queue (0 1 ...)");
	x.queues = true;
	iface_foreach(r, show_iface, &x);
	cli_print(cli, "%s", "");
	cli_print(cli, "%-6s %-8s %14s %14s %12s", "Worker", "Thread", "Frames", "Busy wakeups", "Sleeps");
	for (i = 0; i < nw; i++)
		cli_print(cli, "%-6u %-8d %14llu %14llu %12llu", w[i].queue, w[i].tid,
			  (unsigned long long)w[i].frames, (unsigned long long)w[i].rounds,
			  (unsigned long long)w[i].sleeps);
	return CLI_OK;
}

/* ------------------------------------------------------------ registration */

static void platform_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_CONFIG;
	struct cli_command *pf, *pio, *no, *npio, *c;

	pf = shell_node(cli, NULL, "platform", P, M, "Platform-specific settings (lispr: packet I/O)");
	pio = shell_node(cli, pf, "packet-io", P, M, "How the live ports move frames");
	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	npio = shell_node(cli, shell_node(cli, no, "platform", P, M, "Platform-specific settings (lispr: packet I/O)"),
			  "packet-io", P, M, "How the live ports move frames");

	c = shell_cmd(cli, pio, "ring-size", cmd_ring, P, M, "Capture ring of each live port");
	shell_arghelp(cli, c, "<64-1048576>\tRing size in kilobytes (default 8192)\n"
		      "block\tBlock size (default 32 KB)\n<4-4096>\tBlock size in kilobytes, a power of two\n"
		      "timeout\tBlock timeout (default 1 ms)\n<1-1000>\tMilliseconds after a block's first frame");
	shell_syntax(cli, c, "<64-1048576> [block <4-4096>] [timeout <1-1000>]");
	c = shell_cmd(cli, npio, "ring-size", cmd_no_ring, P, M, "Capture ring of each live port");
	shell_syntax(cli, c, "");

	c = shell_cmd(cli, pio, "busy-poll", cmd_busy, P, M, "Spin before sleeping when the rings are empty");
	shell_arghelp(cli, c, "<1-10000>\tMicroseconds");
	shell_syntax(cli, c, "<1-10000>");
	c = shell_cmd(cli, npio, "busy-poll", cmd_no_busy, P, M, "Spin before sleeping when the rings are empty");
	shell_syntax(cli, c, "");

	c = shell_cmd(cli, pio, "qdisc-bypass", cmd_bypass, P, M, "Send past the interfaces' queueing discipline");
	shell_syntax(cli, c, "");
	c = shell_cmd(cli, npio, "qdisc-bypass", cmd_no_bypass, P, M, "Send past the interfaces' queueing discipline");
	shell_syntax(cli, c, "");

	c = shell_cmd(cli, pio, "rx-budget", cmd_budget, P, M, "Frames drained per round before timers and the shell");
	shell_arghelp(cli, c, "<64-65536>\tFrames (default 256)");
	shell_syntax(cli, c, "<64-65536>");
	c = shell_cmd(cli, npio, "rx-budget", cmd_no_budget, P, M, "Frames drained per round before timers and the shell");
	shell_syntax(cli, c, "");

	c = shell_cmd(cli, pio, "workers", cmd_workers, P, M, "Receive queues per live port, each read by a thread");
	shell_arghelp(cli, c, "<1-8>\tQueues (default 1: the router loop reads every port)");
	shell_syntax(cli, c, "<1-8>");
	c = shell_cmd(cli, npio, "workers", cmd_no_workers, P, M, "Receive queues per live port, each read by a thread");
	shell_syntax(cli, c, "");

	c = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_node(cli, c, "platform", SHELL_PRIV_USER, SHELL_EXEC, "Show platform information");
	c = shell_cmd(cli, c, "packet-io", cmd_show, SHELL_PRIV_USER, SHELL_EXEC,
		      "Packet I/O settings, rings and batches of the live ports");
	shell_json_ok(cli, c);
	shell_syntax(cli, c, "");
}

const struct shell_feature shell_feature_platform = {
	.name = "platform",
	.cmds = platform_cmds,
	.write = platform_write,
};
