/*
 * DOC: 'ping A [source IF|A] [repeat N] [size S] [timeout T] [df-bit]'
 *
 * The ping runs on the router (ping.h).  Live, the event loop thread
 * drives it: the command releases the router lock, waits on a condition
 * the probe callbacks signal, prints each mark as it comes on an
 * interactive session, and takes the lock again for the summary.  With
 * a manual clock (offline mode, tests) no loop thread runs, so the command
 * drives the router itself, holding the lock: receive what the ports
 * have, then move the clock to the next timer, until the ping is done.
 * A vty client that hangs up cancels its ping.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "iface.h"
#include "ping.h"
#include "router.h"
#include "shell.h"

#define MARKS_PER_LINE	70

struct pwait {
	pthread_mutex_t m;
	pthread_cond_t cv;
	char *marks;
	size_t n, cap;
	bool done;
	struct ping_result res;
};

static void on_probe(void *arg, unsigned seq, char mark)
{
	struct pwait *w = arg;

	pthread_mutex_lock(&w->m);
	if (w->n + 1 < w->cap) {
		w->marks[w->n++] = mark;
		w->marks[w->n] = '\0';
	}
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->m);
}

static void on_done(void *arg, const struct ping_result *res)
{
	struct pwait *w = arg;

	pthread_mutex_lock(&w->m);
	w->res = *res;
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->m);
}

/* Marks from 'from' to 'to', with a line end every MARKS_PER_LINE. */
static void show_marks(struct shell_sess *s, const char *marks, size_t from, size_t to)
{
	char buf[2 * MARKS_PER_LINE + 8];
	size_t o = 0;

	for (size_t i = from; i < to; i++) {
		if (i && i % MARKS_PER_LINE == 0) {
			buf[o] = '\0';
			s->raw(s, buf);
			s->raw(s, s->kind == SHELL_VTY ? "\r\n" : "\n");
			o = 0;
		}
		buf[o++] = marks[i];
	}
	buf[o] = '\0';
	if (o)
		s->raw(s, buf);
}

/* Live: wait with the lock released; returns with it held again. */
static void wait_live(struct shell_sess *s, struct router *r, unsigned id, struct pwait *w)
{
	size_t shown = 0;
	bool cancel = false;

	shell_unlock(s->sh);
	shell_flush(s);
	pthread_mutex_lock(&w->m);
	while (!w->done) {
		if (s->raw && w->n > shown) {
			size_t n = w->n;

			/* Printing may block on the client: not under w->m. */
			pthread_mutex_unlock(&w->m);
			show_marks(s, w->marks, shown, n);
			shown = n;
			pthread_mutex_lock(&w->m);
			continue;
		}
		if (shell_hung_up(s)) {
			cancel = true;
			break;
		}
		shell_cond_wait_ms(&w->cv, &w->m, 200);
	}
	pthread_mutex_unlock(&w->m);
	shell_lock(s->sh);
	if (cancel)
		ping_cancel(r, id);	/* runs on_done, under the router lock */
	if (s->raw && w->n > shown)
		show_marks(s, w->marks, shown, w->n);
	if (s->raw && w->n)
		s->raw(s, s->kind == SHELL_VTY ? "\r\n" : "\n");
}

/* Manual clock: the command is the loop. */
static void run_manual(struct router *r, unsigned id, struct pwait *w)
{
	struct evloop *l = router_loop(r);
	uint64_t t;

	while (!w->done) {
		router_poll(r);
		if (w->done)
			break;
		if (!ev_next_deadline(l, &t)) {
			ping_cancel(r, id);
			break;
		}
		ev_clock_set(l, t > ev_now(l) ? t : ev_now(l));
	}
}

/* Which option a word abbreviates; -1 none, -2 ambiguous. */
static int option(const char *w)
{
	static const char *const opts[] = { "source", "repeat", "size", "timeout", "df-bit" };
	size_t l = strlen(w);
	int hit = -1, n = 0;

	for (int i = 0; i < 5; i++) {
		if (!strcasecmp(opts[i], w))
			return i;
		if (!strncasecmp(opts[i], w, l)) {
			hit = i;
			n++;
		}
	}
	return n == 1 ? hit : n ? -2 : -1;
}

static int cmd_ping(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct ping_params pp;
	struct pwait w;
	struct router *r;
	char err[256], ab[ADDR_STRLEN];
	long v;
	unsigned id, pct;
	bool source = false;

	if (argc < 1)
		return shell_err_incomplete(cli);
	memset(&pp, 0, sizeof(pp));
	if (addr_parse(argv[0], &pp.dst, NULL, 0) == -1 || !addr_is_v4(&pp.dst))
		return shell_err(cli, "%% Unrecognized host or address, or protocol not running.");
	for (int i = 1; i < argc; i++) {
		int o = option(argv[i]);

		if (o == -2) {
			return shell_err(cli, "%% Ambiguous command:  \"%s\"", argv[i]);
		} else if (o == 0) {
			if (i + 1 >= argc)
				return shell_err_incomplete(cli);
			i++;
			source = true;
			if (addr_parse(argv[i], &pp.src, NULL, 0) == 0) {
				if (!addr_is_v4(&pp.src))
					return shell_err_invalid(cli, i);
			} else if (!shell_ifname(s->sh->router, &argv[i], 1, pp.src_ifname, sizeof(pp.src_ifname))) {
				return shell_err_invalid(cli, i);
			}
		} else if (o == 1) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1, PING_MAX_REPEAT)) < 0)
				return CLI_ERROR;
			pp.repeat = v;
		} else if (o == 2) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 36, 18024)) < 0)
				return CLI_ERROR;
			pp.size = v;
		} else if (o == 3) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1, 3600)) < 0)
				return CLI_ERROR;
			pp.timeout_ms = v * 1000;
		} else if (o == 4) {
			pp.df = true;
		} else {
			return shell_err_invalid(cli, i);
		}
	}
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if (pp.src_ifname[0] && !iface_find(r, pp.src_ifname))
		return shell_err(cli, "%% Invalid source interface - IP not enabled or interface is down");

	memset(&w, 0, sizeof(w));
	w.cap = (pp.repeat ? pp.repeat : 5) + 1;
	if (!(w.marks = calloc(w.cap, 1)))
		return shell_err(cli, "%% Out of memory");
	pthread_mutex_init(&w.m, NULL);
	pthread_cond_init(&w.cv, NULL);
	err[0] = '\0';
	if (!(id = ping_start(r, &pp, on_probe, on_done, &w, err, sizeof(err)))) {
		shell_err(cli, "%s", err);
		goto out;
	}
	cli_print(cli, "Type escape sequence to abort.");
	cli_print(cli, "Sending %u, %u-byte ICMP Echos to %s, timeout is %u seconds:", pp.repeat ? pp.repeat : 5,
		  pp.size ? pp.size : 100, addr_fmt(&pp.dst, ab, sizeof(ab)),
		  (pp.timeout_ms ? pp.timeout_ms : 2000) / 1000);
	if (source) {
		struct iface *ifp = pp.src_ifname[0] ? iface_find(r, pp.src_ifname) : NULL;
		struct addr a = pp.src;
		unsigned len;

		if (ifp)
			iface_addr(ifp, &a, &len);
		cli_print(cli, "Packet sent with a source address of %s", addr_fmt(&a, ab, sizeof(ab)));
	}
	if (pp.df)
		cli_print(cli, "Packet sent with the DF bit set");
	if (ev_clock_kind(router_loop(r)) == EV_CLOCK_MANUAL)
		run_manual(r, id, &w);
	else
		wait_live(s, r, id, &w);
	if (!s->raw || ev_clock_kind(router_loop(r)) == EV_CLOCK_MANUAL) {
		for (size_t i = 0; i < w.n; i += MARKS_PER_LINE)
			cli_print(cli, "%.*s", MARKS_PER_LINE, w.marks + i);
	}
	pct = w.res.sent ? w.res.received * 100 / w.res.sent : 0;
	if (w.res.received)
		cli_print(cli, "Success rate is %u percent (%u/%u), round-trip min/avg/max = %llu/%llu/%llu ms", pct,
			  w.res.received, w.res.sent, (unsigned long long)(w.res.rtt_min_us / 1000),
			  (unsigned long long)(w.res.rtt_sum_us / w.res.received / 1000),
			  (unsigned long long)(w.res.rtt_max_us / 1000));
	else
		cli_print(cli, "Success rate is %u percent (%u/%u)", pct, w.res.received, w.res.sent);
out:
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.m);
	free(w.marks);
	return id ? CLI_OK : CLI_ERROR;
}

static void ping_cmds(struct cli_def *cli)
{
	struct cli_command *c;

	c = shell_cmd(cli, NULL, "ping", cmd_ping, SHELL_PRIV_USER, SHELL_EXEC, "Send echo messages");
	shell_arghelp(cli, c, "A.B.C.D\tPing destination address\n"
		      "source\tspecify source address or name\n"
		      "repeat\tspecify repeat count\n"
		      "size\tspecify datagram size\n"
		      "timeout\tspecify timeout interval\n"
		      "df-bit\tenable do not fragment bit in IP header\n"
		      "IF\tSource interface (Loopback0)\n"
		      "A.B.C.D\tSource address\n"
		      "<1-10000>\tRepeat count\n"
		      "<36-18024>\tDatagram size\n"
		      "<1-3600>\tTimeout in seconds");
	shell_syntax(cli, c, "A.B.C.D [source {IF | A.B.C.D} | repeat <1-10000> | size <36-18024> | "
		     "timeout <1-3600> | df-bit]...");
}

const struct shell_feature shell_feature_ping = {
	.name = "ping",
	.cmds = ping_cmds,
};
