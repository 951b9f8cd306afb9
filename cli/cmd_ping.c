/*
 * DOC: 'ping A [source IF|A] [repeat N] [size S] [timeout T] [df-bit]', 'traceroute A'
 *
 * The ping runs on the router (ping.h).  Live, the event loop thread
 * drives it: the command releases the router lock, waits on a condition
 * the probe callbacks signal, prints each mark as it comes on an
 * interactive session, and takes the lock again for the summary.  With
 * a manual clock (offline mode, tests) no loop thread runs, so the command
 * drives the router itself, holding the lock: receive what the ports
 * have, then move the clock to the next timer, until the ping is done.
 * A vty client that hangs up, or types the escape sequence (Ctrl-^ or
 * Ctrl-C), cancels its ping.
 *
 * 'traceroute [vrf NAME] [ip|ipv6] A [source IF|A] [probe N] [timeout S] [ttl MIN MAX]
 * [port N] [numeric]' runs the same way (traceroute.h): the probes'
 * results queue up as they come, the command prints them in IOS's layout
 * ("  2 10.0.2.1 4 msec *  0 msec", a new line when another address
 * answers within a hop, !H/!N/!P/!A for unreachables), and the escape
 * sequence (Ctrl-^ or Ctrl-C) or a hang-up stops it.  An IPv6 trace
 * prints its addresses as IOS does (upper case, an IPv4 hop of a LISP
 * tunnel as ::FFFF:A.B.C.D).  '| json' prints the whole trace as one
 * object at the end: destination, source, the hops with their probes.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "event.h"
#include "iface.h"
#include "json.h"
#include "ping.h"
#include "router.h"
#include "shell.h"
#include "traceroute.h"
#include "vrf.h"

#define MARKS_PER_LINE	70
#define TR_TEXT		(SHELL_HOST_NAME_LEN + 2 * ADDR_STRLEN + 64)	/* a probe's text */

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

/* The marks not printed yet, and the line end. */
static void ping_tail(struct shell_sess *s, const struct pwait *w, size_t shown)
{
	if (!s->raw)
		return;
	if (w->n > shown)
		show_marks(s, w->marks, shown, w->n);
	if (w->n)
		s->raw(s, s->kind == SHELL_VTY ? "\r\n" : "\n");
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
		if (shell_hung_up(s) || shell_abort_key(s)) {
			cancel = true;
			break;
		}
		shell_cond_wait_ms(&w->cv, &w->m, 200);
	}
	pthread_mutex_unlock(&w->m);
	/* Done: the last marks are printed before the lock is taken again
	 * (writing may block on the terminal); cancelled, after ping_cancel()
	 * has added them. */
	if (!cancel)
		ping_tail(s, w, shown);
	shell_lock(s->sh);
	if (cancel) {
		ping_cancel(r, id);	/* runs on_done, under the router lock */
		ping_tail(s, w, shown);
	}
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

/* Which of opts[0..nopts-1] a word abbreviates; -1 none, -2 ambiguous. */
static int option_of(const char *const *opts, int nopts, const char *w)
{
	size_t l = strlen(w);
	int hit = -1, n = 0;

	for (int i = 0; i < nopts; i++) {
		if (!strcasecmp(opts[i], w))
			return i;
		if (!strncasecmp(opts[i], w, l)) {
			hit = i;
			n++;
		}
	}
	return n == 1 ? hit : n ? -2 : -1;
}

static int option(const char *w)
{
	static const char *const opts[] = { "source", "repeat", "size", "timeout", "df-bit" };

	return option_of(opts, 5, w);
}

/* A destination: an address of the family asked (4, 6, 0: either), or a
 * name of the host table ('ip host', cli/cmd_host.c); -1 when neither. */
static int dest_parse(const struct shell *sh, const char *vrf, const char *w, int family,
		      struct addr *a)
{
	if (addr_parse(w, a, NULL, 0) == 0)
		return (addr_is_v4(a) && family != 6) || (addr_is_v6(a) && family != 4) ? 0 : -1;
	return shell_host_addr(sh, vrf, w, family, a);
}

/* ------------------------------------------------------------ extended ping */

/* The words of the ping the dialog builds, as if typed. */
struct ext_words {
	char *v[16];
	char buf[16][SHELL_HOST_NAME_LEN + 1];
	int n;
};

static void ext_add(struct ext_words *e, const char *w)
{
	if (e->n < 16) {
		snprintf(e->buf[e->n], sizeof(e->buf[e->n]), "%s", w);
		e->v[e->n] = e->buf[e->n];
		e->n++;
	}
}

/* One question; its answer trimmed into a ("" for the default).  -1 when
 * none can be read. */
static int ext_ask(struct shell_sess *s, const char *q, char *a, size_t len)
{
	size_t n, b;

	if (s->gettext(s, q, a, len) != 0)
		return -1;
	b = strspn(a, " \t");
	memmove(a, a + b, strlen(a + b) + 1);
	for (n = strlen(a); n && (a[n - 1] == ' ' || a[n - 1] == '\t'); n--)
		a[n - 1] = '\0';
	return 0;
}

/* A number answer: the default when blank, else lo..hi; -1 (said) when not. */
static long ext_number(struct cli_def *cli, const char *a, long dflt, long lo, long hi)
{
	char *end;
	long v;

	if (!a[0])
		return dflt;
	v = strtol(a, &end, 10);
	if (*end || v < lo || v > hi) {
		shell_err(cli, "%% A decimal number between %ld and %ld.", lo, hi);
		return -1;
	}
	return v;
}

/* Is a the default d: blank, d itself, or for "no" an abbreviation of it? */
static bool ext_default(const char *a, const char *d)
{
	return !a[0] || !strcasecmp(a, d) || (!strcmp(d, "no") && !strncasecmp(a, "no", strlen(a)));
}

/* A yes/no answer: the default when blank; -1 (said) when neither. */
static int ext_yes(struct cli_def *cli, const char *a, bool dflt)
{
	if (!a[0])
		return dflt;
	if (!strncasecmp(a, "yes", strlen(a)))
		return 1;
	if (!strncasecmp(a, "no", strlen(a)))
		return 0;
	shell_err(cli, "%% Please answer 'yes' or 'no'.");
	return -1;
}

/*
 * 'ping' alone in privileged EXEC: IOS's extended ping, a question per
 * setting with its default in brackets (Enter takes it), then the ping
 * they make, run as if typed ('ping ip A repeat N size S timeout T
 * [source X] [df-bit]').  The questions lispr has no setting for (type of
 * service, data pattern, record route, sweep, ...) take their default
 * only.  The router lock is let go while the answers are typed.
 */
static int ext_dialog(struct cli_def *cli, struct ext_words *e)
{
	struct shell_sess *s = shell_sess_of(cli);
	char a[SHELL_HOST_NAME_LEN + 1], num[24];
	bool v6;
	long repeat, size, tmo;
	int yes;

	if (ext_ask(s, "Protocol [ip]: ", a, sizeof(a)) == -1)
		return -1;
	if (a[0] && strcasecmp(a, "ip") && strcasecmp(a, "ipv6")) {
		shell_err(cli, "%% Unknown protocol - \"%s\", type \"ping ?\" for help", a);
		return -1;
	}
	v6 = !strcasecmp(a, "ipv6");
	ext_add(e, v6 ? "ipv6" : "ip");
	if (ext_ask(s, v6 ? "Target IPv6 address: " : "Target IP address: ", a, sizeof(a)) == -1)
		return -1;
	if (!a[0]) {
		shell_err(cli, "%% Bad %s address", v6 ? "IPv6" : "IP");
		return -1;
	}
	ext_add(e, a);
	if (ext_ask(s, "Repeat count [5]: ", a, sizeof(a)) == -1 ||
	    (repeat = ext_number(cli, a, 5, 1, PING_MAX_REPEAT)) < 0 ||
	    ext_ask(s, "Datagram size [100]: ", a, sizeof(a)) == -1 ||
	    (size = ext_number(cli, a, 100, v6 ? 48 : 36, 18024)) < 0 ||
	    ext_ask(s, "Timeout in seconds [2]: ", a, sizeof(a)) == -1 ||
	    (tmo = ext_number(cli, a, 2, 1, 3600)) < 0)
		return -1;
	ext_add(e, "repeat");
	snprintf(num, sizeof(num), "%ld", repeat);
	ext_add(e, num);
	ext_add(e, "size");
	snprintf(num, sizeof(num), "%ld", size);
	ext_add(e, num);
	ext_add(e, "timeout");
	snprintf(num, sizeof(num), "%ld", tmo);
	ext_add(e, num);
	if (ext_ask(s, v6 ? "Extended commands? [no]: " : "Extended commands [n]: ", a, sizeof(a)) == -1 ||
	    (yes = ext_yes(cli, a, false)) < 0)
		return -1;
	if (yes) {
		/* In IOS's order; NULL default: asked and used (source, DF);
		 * the others take their default only. */
		static const char *const q4[][2] = {
			{ "Source address or interface: ", NULL },
			{ "Type of service [0]: ", "0" },
			{ "Set DF bit in IP header? [no]: ", NULL },
			{ "Validate reply data? [no]: ", "no" },
			{ "Data pattern [0x0000ABCD]: ", "0x0000ABCD" },
			{ "Loose, Strict, Record, Timestamp, Verbose[none]: ", "none" },
		};
		static const char *const q6[][2] = {
			{ "Source address or interface: ", NULL },
			{ "UDP protocol? [no]: ", "no" },
			{ "Verbose? [no]: ", "no" },
			{ "Precedence [0]: ", "0" },
			{ "DSCP [0]: ", "0" },
			{ "Include hop by hop option? [no]: ", "no" },
			{ "Include destination option? [no]: ", "no" },
		};
		const char *const (*q)[2] = v6 ? q6 : q4;
		size_t nq = v6 ? sizeof(q6) / sizeof(q6[0]) : sizeof(q4) / sizeof(q4[0]);

		for (size_t i = 0; i < nq; i++) {
			if (ext_ask(s, q[i][0], a, sizeof(a)) == -1)
				return -1;
			if (i == 0 && a[0]) {
				ext_add(e, "source");
				ext_add(e, a);
			} else if (!q[i][1] && i) {
				if ((yes = ext_yes(cli, a, false)) < 0)
					return -1;
				if (yes)
					ext_add(e, "df-bit");
			} else if (q[i][1] && !ext_default(a, q[i][1])) {
				shell_err(cli, "%% lispr's ping has no such setting: only the default (%s)", q[i][1]);
				return -1;
			}
		}
	}
	if (ext_ask(s, v6 ? "Sweep range of sizes? [no]: " : "Sweep range of sizes [n]: ", a, sizeof(a)) == -1 ||
	    (yes = ext_yes(cli, a, false)) < 0)
		return -1;
	if (yes) {
		shell_err(cli, "%% lispr's ping has no such setting: only the default (no sweep)");
		return -1;
	}
	return 0;
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
	int family = 0;
	const char *vrfname = NULL;

	if (argc < 1) {
		struct ext_words e = { .n = 0 };
		int rc;

		if (!s->gettext || cli->privilege < SHELL_PRIV_ENABLE)
			return shell_err_incomplete(cli);
		shell_unlock(s->sh);
		rc = ext_dialog(cli, &e);
		shell_lock(s->sh);
		if (rc == -1)
			return CLI_ERROR;
		/* The source is checked here: no word of the ping is on the
		 * screen for a '^' to point at. */
		for (int i = 2; i + 1 < e.n; i++) {
			struct addr a;
			char ifn[32];
			char *sw = e.v[i + 1];

			if (strcmp(e.v[i], "source"))
				continue;
			if (addr_parse(sw, &a, NULL, 0) == 0 ? addr_is_v6(&a) != !strcmp(e.v[0], "ipv6")
							    : !shell_ifname(s->sh->router, &sw, 1, ifn, sizeof(ifn)))
				return shell_err(cli, "%% Invalid source. Must use same-family IP address or "
						 "full interface name without spaces (e.g. Serial0/1)");
		}
		return cmd_ping(cli, cmd, e.v, e.n);
	}
	memset(&pp, 0, sizeof(pp));
	/* 'ping vrf NAME ...': sent and answered in the VRF's table. */
	if (strlen(argv[0]) >= 1 && !strncasecmp(argv[0], "vrf", strlen(argv[0]))) {
		int vid;

		if (argc < 3)
			return shell_err_incomplete(cli);
		if (!(r = shell_router(cli)))
			return CLI_ERROR;
		if ((vid = vrf_lookup(r, argv[1])) < 0)
			return shell_err(cli, "%% VRF %s does not exist", argv[1]);
		pp.vrf = (unsigned)vid;
		vrfname = vid == VRF_DEFAULT ? NULL : argv[1];
		argv += 2;
		argc -= 2;
	}
	/* 'ping ipv6 A' and 'ping ip A' name the protocol; 'ping A' takes
	 * it from the address. */
	if ((!strcasecmp(argv[0], "ipv6") || !strcasecmp(argv[0], "ip")) && argc > 1) {
		family = !strcasecmp(argv[0], "ipv6") ? 6 : 4;
		argv++;
		argc--;
	}
	if (dest_parse(s->sh, vrfname, argv[0], family, &pp.dst) == -1)
		return shell_err(cli, "%% Unrecognized host or address, or protocol not running.");
	for (int i = 1; i < argc; i++) {
		int o = option(argv[i]);

		if (o == -2) {
			return shell_err_ambiguous(cli, i);
		} else if (o == 0) {
			if (i + 1 >= argc)
				return shell_err_incomplete(cli);
			i++;
			source = true;
			if (addr_parse(argv[i], &pp.src, NULL, 0) == 0) {
				if (pp.src.afi != pp.dst.afi)
					return shell_err_invalid(cli, i);
			} else if (!shell_ifname(s->sh->router, &argv[i], 1, pp.src_ifname, sizeof(pp.src_ifname))) {
				return shell_err_invalid(cli, i);
			}
		} else if (o == 1) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1, PING_MAX_REPEAT)) < 0)
				return CLI_ERROR;
			pp.repeat = v;
		} else if (o == 2) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, addr_is_v6(&pp.dst) ? 48 : 36, 18024)) < 0)
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
		  pp.size ? pp.size : 100, shell_addr_fmt(&pp.dst, ab, sizeof(ab)),
		  (pp.timeout_ms ? pp.timeout_ms : 2000) / 1000);
	if (source) {
		struct iface *ifp = pp.src_ifname[0] ? iface_find(r, pp.src_ifname) : NULL;
		struct addr a = pp.src;
		unsigned len;

		if (ifp && addr_is_v6(&pp.dst))
			ping_source(r, id, &a);
		else if (ifp)
			iface_addr(ifp, &a, &len);
		cli_print(cli, "Packet sent with a source address of %s", shell_addr_fmt(&a, ab, sizeof(ab)));
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

/* ------------------------------------------------------------ traceroute */

struct twait {
	pthread_mutex_t m;
	pthread_cond_t cv;
	struct tr_probe *probes;	/* as they came */
	size_t n, cap;
	/* The host table's name of each probe's address ('ip host'), looked
	 * up as it comes (under the router lock): name_at[i] is its offset
	 * in pool plus one, 0 for none; sh NULL: 'numeric'. */
	const struct shell *sh;
	const char *vrf;		/* the trace's VRF name, NULL: global */
	uint32_t *name_at;
	char *pool;
	size_t pool_len, pool_cap;
	bool done;
	struct tr_result res;
};

/* The printer's state: where the hop line stands. */
struct tfmt {
	bool v6;			/* an IPv6 trace: IOS's IPv6 spelling */
	unsigned ttl;			/* the hop being printed, 0 none */
	struct addr last;		/* the last address printed on it */
	bool have_last;
};

static void tr_on_probe(void *arg, const struct tr_probe *p)
{
	struct twait *w = arg;

	pthread_mutex_lock(&w->m);
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		struct tr_probe *np = realloc(w->probes, cap * sizeof(*np));
		uint32_t *nn = np ? realloc(w->name_at, cap * sizeof(*nn)) : NULL;

		if (np)
			w->probes = np;
		if (nn) {
			w->name_at = nn;
			w->cap = cap;
		}
	}
	if (w->n < w->cap) {
		const char *name = w->sh && p->kind != TR_TIMEOUT ? shell_host_name(w->sh, w->vrf, &p->from) : NULL;
		size_t len = name ? strlen(name) + 1 : 0;

		w->name_at[w->n] = 0;
		if (len && w->pool_len + len > w->pool_cap) {
			size_t cap = 2 * (w->pool_cap + len);
			char *np = realloc(w->pool, cap);

			if (np) {
				w->pool = np;
				w->pool_cap = cap;
			}
		}
		if (len && w->pool_len + len <= w->pool_cap) {
			memcpy(w->pool + w->pool_len, name, len);
			w->name_at[w->n] = (uint32_t)w->pool_len + 1;
			w->pool_len += len;
		}
		w->probes[w->n++] = *p;
	}
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->m);
}

static void tr_on_done(void *arg, const struct tr_result *res)
{
	struct twait *w = arg;

	pthread_mutex_lock(&w->m);
	w->res = *res;
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->m);
}

/* A hop's address: in an IPv6 trace upper case, and an IPv4 one (a router
 * in the IPv4 RLOC space under a LISP tunnel) IPv4-mapped, as IOS prints it. */
static const char *tr_addr(bool v6, const struct addr *a, char *buf, size_t len)
{
	char b4[ADDR_STRLEN];

	if (v6 && addr_is_v4(a)) {
		snprintf(buf, len, "::FFFF:%s", addr_fmt(a, b4, sizeof(b4)));
		return buf;
	}
	return v6 ? shell_addr_fmt(a, buf, len) : addr_fmt(a, buf, len);
}

/*
 * One probe's text, IOS's layout: a hop starts "%3u " on a new line; an
 * answer from an address not yet printed on the hop prints it (on a new
 * line indented four when another address came before), then " N msec"
 * or " !X "; a timeout prints " * ".  An address with a name in the host
 * table prints as "NAME (A)".  '\n' marks line ends.
 */
static void tr_fmt(struct tfmt *f, const struct tr_probe *p, const char *name, char *out, size_t cap)
{
	char ab[ADDR_STRLEN];
	size_t o = 0;

	out[0] = '\0';
	if (p->ttl != f->ttl) {
		o += (size_t)snprintf(out + o, cap - o, "%s%3u ", f->ttl ? "\n" : "", p->ttl);
		f->ttl = p->ttl;
		f->have_last = false;
	}
	if (o >= cap)
		return;
	if (p->kind == TR_TIMEOUT) {
		snprintf(out + o, cap - o, " * ");
		return;
	}
	if (!f->have_last || addr_cmp(&f->last, &p->from) != 0) {
		o += (size_t)snprintf(out + o, cap - o, "%s%s%s%s%s", f->have_last ? "\n    " : "",
				      name ? name : "", name ? " (" : "",
				      tr_addr(f->v6, &p->from, ab, sizeof(ab)), name ? ")" : "");
		f->last = p->from;
		f->have_last = true;
	}
	if (o >= cap)
		return;
	if (p->mark[0])
		snprintf(out + o, cap - o, " %s ", p->mark);
	else
		snprintf(out + o, cap - o, " %llu msec", (unsigned long long)(p->rtt_us / 1000));
}

/* Probe i's name from the host table, or NULL (w->m held, or the trace done). */
static const char *tr_name(const struct twait *w, size_t i)
{
	return w->name_at[i] ? w->pool + w->name_at[i] - 1 : NULL;
}

/* Text with '\n' line ends, as the session wants them. */
static void tr_raw(struct shell_sess *s, const char *text)
{
	const char *nl;

	while ((nl = strchr(text, '\n'))) {
		char part[TR_TEXT];

		snprintf(part, sizeof(part), "%.*s", (int)(nl - text), text);
		if (part[0])
			s->raw(s, part);
		s->raw(s, s->kind == SHELL_VTY ? "\r\n" : "\n");
		text = nl + 1;
	}
	if (*text)
		s->raw(s, text);
}

/* The probes not printed yet, and the line end. */
static void tr_tail(struct shell_sess *s, struct twait *w, struct tfmt *f, bool live, size_t shown)
{
	char text[TR_TEXT];

	if (!live)
		return;
	while (shown < w->n) {
		tr_fmt(f, &w->probes[shown], tr_name(w, shown), text, sizeof(text));
		shown++;
		tr_raw(s, text);
	}
	if (w->n)
		tr_raw(s, "\n");
}

/* Live: print as the probes come, with the lock released; returns with it
 * held again. */
static void tr_wait_live(struct shell_sess *s, struct router *r, unsigned id, struct twait *w,
			 struct tfmt *f, bool live)
{
	size_t shown = 0;
	bool cancel = false;
	char text[TR_TEXT];

	shell_unlock(s->sh);
	shell_flush(s);
	pthread_mutex_lock(&w->m);
	while (!w->done) {
		if (live && w->n > shown) {
			struct tr_probe p = w->probes[shown];
			const char *nm = tr_name(w, shown++);
			char name[SHELL_HOST_NAME_LEN + 1];

			snprintf(name, sizeof(name), "%s", nm ? nm : "");
			/* Printing may block on the client: not under w->m. */
			pthread_mutex_unlock(&w->m);
			tr_fmt(f, &p, name[0] ? name : NULL, text, sizeof(text));
			tr_raw(s, text);
			pthread_mutex_lock(&w->m);
			continue;
		}
		if (shell_hung_up(s) || shell_abort_key(s)) {
			cancel = true;
			break;
		}
		shell_cond_wait_ms(&w->cv, &w->m, 200);
	}
	pthread_mutex_unlock(&w->m);
	/* Done: the rest is printed before the lock is taken again (writing
	 * may block on the terminal); cancelled, after traceroute_cancel(). */
	if (!cancel)
		tr_tail(s, w, f, live, shown);
	shell_lock(s->sh);
	if (cancel) {
		traceroute_cancel(r, id);	/* runs tr_on_done, under the router lock */
		tr_tail(s, w, f, live, shown);
	}
}

/* Manual clock: the command is the loop. */
static void tr_run_manual(struct shell_sess *s, struct router *r, unsigned id, struct twait *w)
{
	struct evloop *l = router_loop(r);
	uint64_t t;

	for (unsigned steps = 0; !w->done; steps++) {
		if (s->sh->manual_step) {
			if (steps > 1000000) {
				traceroute_cancel(r, id);
				break;
			}
			s->sh->manual_step(s->sh->manual_arg);
			continue;
		}
		router_poll(r);
		if (w->done)
			break;
		if (!ev_next_deadline(l, &t)) {
			traceroute_cancel(r, id);
			break;
		}
		ev_clock_set(l, t > ev_now(l) ? t : ev_now(l));
	}
}

/* Every line at once, through the session's printer (filters apply). */
static void tr_print_all(struct cli_def *cli, struct twait *w, struct tfmt *f)
{
	char text[TR_TEXT], line[4096];
	size_t o = 0;

	line[0] = '\0';
	for (size_t i = 0; i < w->n; i++) {
		const char *t = text, *nl;

		tr_fmt(f, &w->probes[i], tr_name(w, i), text, sizeof(text));
		while ((nl = strchr(t, '\n'))) {
			cli_print(cli, "%.*s%.*s", (int)o, line, (int)(nl - t), t);
			o = 0;
			t = nl + 1;
		}
		o += (size_t)snprintf(line + o, sizeof(line) - o, "%s", t);
		if (o >= sizeof(line) - 1)
			o = sizeof(line) - 1;
	}
	if (o)
		cli_print(cli, "%.*s", (int)o, line);
}

static const char *const tr_kind_name[] = {
	[TR_TIMEOUT] = "timeout", [TR_TIME_EXCEEDED] = "time-exceeded",
	[TR_REACHED] = "reached", [TR_UNREACH] = "unreachable",
};

/* '| json': the whole trace, hop by hop. */
static int tr_print_json(struct cli_def *cli, const struct tr_params *tp, struct twait *w)
{
	struct json j;
	unsigned hop = 0;

	json_open(&j);
	json_begin(&j, NULL, '{');
	json_addr(&j, "destination", &tp->dst);
	json_addr(&j, "source", &w->res.src);
	json_uint(&j, "probes_sent", w->res.sent);
	json_uint(&j, "probes_answered", w->res.answered);
	json_bool(&j, "reached", w->res.reached);
	json_bool(&j, "cancelled", w->res.cancelled);
	json_begin(&j, "hops", '[');
	for (size_t i = 0; i < w->n; i++) {
		const struct tr_probe *p = &w->probes[i];

		if (p->ttl != hop) {
			if (hop)
				json_end(&j, ']'), json_end(&j, '}');
			hop = p->ttl;
			json_begin(&j, NULL, '{');
			json_uint(&j, "hop", hop);
			json_begin(&j, "probes", '[');
		}
		json_begin(&j, NULL, '{');
		json_str(&j, "result", tr_kind_name[p->kind]);
		if (p->kind == TR_TIMEOUT) {
			json_null(&j, "address");
			json_null(&j, "rtt_ms");
		} else {
			json_addr(&j, "address", &p->from);
			if (tr_name(w, i))	/* the host table's name, as the text */
				json_str(&j, "name", tr_name(w, i));
			json_uint(&j, "rtt_ms", p->rtt_us / 1000);
		}
		if (p->mark[0])
			json_str(&j, "mark", p->mark);
		json_end(&j, '}');
	}
	if (hop)
		json_end(&j, ']'), json_end(&j, '}');
	json_end(&j, ']');
	json_end(&j, '}');
	return json_print(cli, &j);
}

static int cmd_traceroute(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char *const opts[] = { "source", "probe", "timeout", "ttl", "port", "numeric" };
	struct shell_sess *s = shell_sess_of(cli);
	struct tr_params tp;
	struct twait w;
	struct tfmt f;
	struct router *r;
	char err[256], ab[ADDR_STRLEN];
	bool json = shell_json(cli), numeric = false;
	const char *dname = NULL, *vrfname = NULL;
	struct addr a;
	long v;
	unsigned id;
	int rc, family = 0;

	if (argc < 1)
		return shell_err_incomplete(cli);
	memset(&tp, 0, sizeof(tp));
	/* 'traceroute vrf NAME ...': probes routed in the VRF's table. */
	if (!strncasecmp(argv[0], "vrf", strlen(argv[0])) && strlen(argv[0]) >= 1) {
		int vid;

		if (argc < 3)
			return shell_err_incomplete(cli);
		if (!(r = shell_router(cli)))
			return CLI_ERROR;
		if ((vid = vrf_lookup(r, argv[1])) < 0)
			return shell_err(cli, "%% VRF %s does not exist", argv[1]);
		tp.vrf = (unsigned)vid;
		vrfname = vid == VRF_DEFAULT ? NULL : argv[1];
		argv += 2;
		argc -= 2;
	}
	/* 'traceroute ipv6 A' and 'traceroute ip A' name the protocol;
	 * 'traceroute A' takes it from the address. */
	if ((!strcasecmp(argv[0], "ipv6") || !strcasecmp(argv[0], "ip")) && argc == 1)
		return shell_err_incomplete(cli);
	if ((!strcasecmp(argv[0], "ipv6") || !strcasecmp(argv[0], "ip")) && argc > 1) {
		family = !strcasecmp(argv[0], "ipv6") ? 6 : 4;
		argv++;
		argc--;
	}
	if (dest_parse(s->sh, vrfname, argv[0], family, &tp.dst) == -1)
		return shell_err(cli, "%% Unrecognized host or address, or protocol not running.");
	if (addr_parse(argv[0], &a, NULL, 0) == -1)
		dname = argv[0];	/* a name: "Tracing the route to NAME (A)" */
	for (int i = 1; i < argc; i++) {
		int o = option_of(opts, 6, argv[i]);

		if (o == -2) {
			return shell_err_ambiguous(cli, i);
		} else if (o == 0) {
			if (i + 1 >= argc)
				return shell_err_incomplete(cli);
			i++;
			if (addr_parse(argv[i], &tp.src, NULL, 0) == 0) {
				if (tp.src.afi != tp.dst.afi)
					return shell_err_invalid(cli, i);
			} else if (!shell_ifname(s->sh->router, &argv[i], 1, tp.src_ifname,
						 sizeof(tp.src_ifname))) {
				return shell_err_invalid(cli, i);
			}
		} else if (o == 1) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1, TR_MAX_PROBES)) < 0)
				return CLI_ERROR;
			tp.probes = v;
		} else if (o == 2) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1, 3600)) < 0)
				return CLI_ERROR;
			tp.timeout_ms = v * 1000;
		} else if (o == 3) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1, 255)) < 0)
				return CLI_ERROR;
			tp.ttl_min = v;
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1, 255)) < 0)
				return CLI_ERROR;
			tp.ttl_max = v;
		} else if (o == 4) {
			if ((v = shell_arg_uint(cli, argv, argc, ++i, 1025, 65535)) < 0)
				return CLI_ERROR;
			tp.port = v;
		} else if (o == 5) {
			numeric = true;	/* no names from the host table */
		} else {
			return shell_err_invalid(cli, i);
		}
	}
	if (!(r = shell_router(cli)))
		return CLI_ERROR;

	memset(&w, 0, sizeof(w));
	memset(&f, 0, sizeof(f));
	f.v6 = addr_is_v6(&tp.dst);
	w.sh = numeric ? NULL : s->sh;
	w.vrf = vrfname;
	pthread_mutex_init(&w.m, NULL);
	pthread_cond_init(&w.cv, NULL);
	err[0] = '\0';
	if (!(id = traceroute_start(r, &tp, tr_on_probe, tr_on_done, &w, err, sizeof(err)))) {
		shell_err(cli, "%s", err);
		goto out;
	}
	if (!json) {
		cli_print(cli, "Type escape sequence to abort.");
		if (dname)
			cli_print(cli, "Tracing the route to %s (%s)", dname, tr_addr(f.v6, &tp.dst, ab, sizeof(ab)));
		else
			cli_print(cli, "Tracing the route to %s", tr_addr(f.v6, &tp.dst, ab, sizeof(ab)));
		/* IOS: the VRF line for IPv4, an empty line for IPv6 */
		cli_print(cli, "%s", f.v6 ? "" : "VRF info: (vrf in name/id, vrf out name/id)");
	}
	if (ev_clock_kind(router_loop(r)) == EV_CLOCK_MANUAL) {
		tr_run_manual(s, r, id, &w);
	} else {
		/* As the probes come only on an interactive session whose
		 * output is not filtered; else all at the end. */
		bool live = s->raw && !json && s->filter == FILTER_NONE;

		tr_wait_live(s, r, id, &w, &f, live);
		if (live)
			goto out;
	}
	if (json) {
		rc = tr_print_json(cli, &tp, &w);
		if (rc != CLI_OK)
			id = 0;
	} else {
		tr_print_all(cli, &w, &f);
	}
out:
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.m);
	free(w.probes);
	free(w.name_at);
	free(w.pool);
	return id ? CLI_OK : CLI_ERROR;
}

static void ping_cmds(struct cli_def *cli)
{
	struct cli_command *c;

	c = shell_cmd(cli, NULL, "ping", cmd_ping, SHELL_PRIV_USER, SHELL_EXEC, "Send echo messages");
	shell_arghelp(cli, c, "vrf\tSelect VPN Routing/Forwarding instance\n"
		      "WORD\tVPN Routing/Forwarding instance name\n"
		      "A.B.C.D\tPing destination address\n"
		      "X:X:X:X::X\tPing destination IPv6 address\n"
		      "HOST\tPing destination host name (ip host)\n"
		      "HOST\tPing destination host name (ip host)\n"
		      "HOST\tPing destination host name (ipv6 host)\n"
		      "ip\tIP echo\n"
		      "ipv6\tIPv6 echo\n"
		      "A.B.C.D\tPing destination address\n"
		      "X:X:X:X::X\tPing destination IPv6 address\n"
		      "source\tspecify source address or name\n"
		      "repeat\tspecify repeat count\n"
		      "size\tspecify datagram size\n"
		      "timeout\tspecify timeout interval\n"
		      "df-bit\tenable do not fragment bit in IP header\n"
		      "IF\tSource interface (Loopback0)\n"
		      "A.B.C.D\tSource address\n"
		      "X:X:X:X::X\tSource IPv6 address\n"
		      "<1-10000>\tRepeat count\n"
		      "<36-18024>\tDatagram size\n"
		      "<1-3600>\tTimeout in seconds");
	shell_syntax(cli, c, "[vrf WORD] {A.B.C.D | X:X:X:X::X | HOST | ip {A.B.C.D | HOST} | "
		     "ipv6 {X:X:X:X::X | HOST}} [source {IF | A.B.C.D | X:X:X:X::X} | repeat <1-10000> | size <36-18024> | "
		     "timeout <1-3600> | df-bit]...");

	c = shell_cmd(cli, NULL, "traceroute", cmd_traceroute, SHELL_PRIV_USER, SHELL_EXEC, "Trace route to destination");
	shell_arghelp(cli, c, "vrf\tSelect VPN Routing/Forwarding instance\n"
		      "WORD\tVPN Routing/Forwarding instance name\n"
		      "A.B.C.D\tTrace route to destination address\n"
		      "X:X:X:X::X\tTrace route to destination IPv6 address\n"
		      "HOST\tTrace route to destination host name (ip host)\n"
		      "HOST\tTrace route to destination host name (ip host)\n"
		      "HOST\tTrace route to destination host name (ipv6 host)\n"
		      "ip\tIP Trace\n"
		      "ipv6\tIPv6 trace\n"
		      "A.B.C.D\tTrace route to destination address\n"
		      "X:X:X:X::X\tTrace route to destination IPv6 address\n"
		      "source\tspecify source address or name\n"
		      "probe\tspecify number of probes per hop\n"
		      "timeout\tspecify time out\n"
		      "ttl\tspecify minimum and maximum ttl\n"
		      "port\tspecify port number\n"
		      "numeric\tdisplay numeric address\n"
		      "IF\tSource interface (Loopback0)\n"
		      "A.B.C.D\tSource address\n"
		      "X:X:X:X::X\tSource IPv6 address\n"
		      "<1-100>\tNumber of probes\n"
		      "<1-3600>\ttime out in seconds\n"
		      "<1-255>\tminimum ttl\n"
		      "<1-255>\tmaximum ttl\n"
		      "<1025-65535>\tPort Number");
	shell_syntax(cli, c, "[vrf WORD] {A.B.C.D | X:X:X:X::X | HOST | ip {A.B.C.D | HOST} | "
		     "ipv6 {X:X:X:X::X | HOST}} [source {IF | A.B.C.D | X:X:X:X::X} | probe <1-100> | timeout <1-3600> | "
		     "ttl <1-255> <1-255> | port <1025-65535> | numeric]...");
	shell_json_ok(cli, c);
}

const struct shell_feature shell_feature_ping = {
	.name = "ping",
	.cmds = ping_cmds,
};
