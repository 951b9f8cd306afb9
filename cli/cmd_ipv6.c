/*
 * DOC: the IPv6 router core's commands, as IOS has them
 *
 * Global: 'ipv6 unicast-routing' (off: the router is an IPv6 host),
 * 'ipv6 route X:X:X:X::X/nn {NEXTHOP | IF [NEXTHOP]} [DISTANCE]', 'ipv6
 * icmp error-interval MS [BUCKET]'.  Interface: 'ipv6 address
 * X:X:X:X::X/nn [eui-64]', 'ipv6 address FE80::X link-local', 'ipv6
 * enable', 'ipv6 nd ra suppress [all]' (the default here: RAs are off
 * until 'no ipv6 nd ra suppress').  EXEC: 'show ipv6 interface [brief]
 * [IF]', 'show ipv6 neighbors [IF]', 'clear ipv6 neighbors', 'show ipv6
 * route [vrf NAME] [A | P]', 'show ipv6 traffic', 'clear ipv6 traffic', 'show
 * ipv6 cef [vrf NAME] [A | P] [detail]' (a VRF's table and the LISP
 * rows of the instance bound to it); every show with '| json'.  'ping ipv6 A' and
 * 'traceroute ipv6 A' are cmd_ping.c's, on ping.h and traceroute.h.
 *
 * 'show ipv6 cef' is the FIB and LISP together for IPv6, as 'show ip cef'
 * is for IPv4 (lisp_cef_lookup / lisp_cef_foreach_afi): a row per IPv6
 * route and per IPv6 map-cache prefix in IOS's IPv6 layout (the prefix,
 * then where its packets go: "nexthop 10.0.2.2 LISP0", "attached to IF",
 * "receive for IF", "no route", "drop"); for one address or prefix, and
 * with detail, the flags ("check lisp eligibility"), the LISP line ("LISP
 * remote EID: N packets N bytes fwd action encap") and the route and
 * map-cache entry behind the row.  Without a LISP engine it is the IPv6
 * FIB alone.
 *
 * IPv6 addresses print in upper case as IOS prints them, in the
 * running-config too.  The running-config has 'ipv6 unicast-routing' (and
 * a non-default error interval) before the interfaces, each interface's
 * IPv6 lines after its IPv4 ones (link-local, addresses in order, 'ipv6
 * enable', RA setting), and 'ipv6 route' after 'ip route'.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_lisp.h"
#include "fib.h"
#include "icmpv6.h"
#include "iface.h"
#include "ipv6.h"
#include "json.h"
#include "lisp.h"
#include "nd.h"
#include "router.h"
#include "shell.h"
#include "vrf.h"

static const char *fmt_prefix6(const struct prefix *p, char *buf, size_t len)
{
	char ab[INET6_ADDRSTRLEN];

	snprintf(buf, len, "%s/%u", shell_fmt6(p->addr.u.b, ab, sizeof(ab)), p->len);
	return buf;
}

static void mask6(uint8_t *a, unsigned plen)
{
	for (unsigned i = 0; i < 16; i++) {
		if (plen >= 8) {
			plen -= 8;
			continue;
		}
		a[i] &= (uint8_t)(0xff00 >> plen);
		plen = 0;
	}
}

/* "X:X::X/nn" into an address and a length (host bits allowed). */
static int parse_addr_len(const char *s, struct addr *a, unsigned *len)
{
	char buf[INET6_ADDRSTRLEN + 8], *sl, *end;
	unsigned long l;

	if (strlen(s) >= sizeof(buf))
		return -1;
	snprintf(buf, sizeof(buf), "%s", s);
	if (!(sl = strchr(buf, '/')))
		return -1;
	*sl = '\0';
	if (!isdigit((unsigned char)sl[1]))
		return -1;
	l = strtoul(sl + 1, &end, 10);
	if (*end || l > 128 || addr_parse(buf, a, NULL, 0) == -1 || !addr_is_v6(a))
		return -1;
	*len = (unsigned)l;
	return 0;
}

static struct iface *cur_iface(struct cli_def *cli, struct router **rp)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r = shell_router(cli);
	struct iface *ifp;

	if (!r)
		return NULL;
	if (!(ifp = iface_find(r, s->ifname)))
		shell_err(cli, "%% Interface %s no longer exists", s->ifname);
	*rp = r;
	return ifp;
}

static bool kw(const char *w, const char *k, size_t min)
{
	size_t l = strlen(w);

	return l >= min && l <= strlen(k) && !strncasecmp(w, k, l);
}

/* ------------------------------------------------------------ interface */

static int cmd_ipv6_address(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	struct addr a;
	unsigned len;
	char err[256];

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	err[0] = '\0';
	if (argc == 2 && kw(argv[1], "link-local", 1)) {
		if (addr_parse(argv[0], &a, NULL, 0) == -1 || !addr_is_v6(&a))
			return shell_err_invalid(cli, 0);
		if (!(ifp = cur_iface(cli, &r)))
			return CLI_ERROR;
		if (iface6_set_linklocal(r, ifp, &a, err, sizeof(err)) == -1)
			return shell_err(cli, "%s", err);
		return CLI_OK;
	}
	if (parse_addr_len(argv[0], &a, &len) == -1) {
		if (addr_parse(argv[0], &a, NULL, 0) == 0 && addr_is_v6(&a))
			return argc == 1 ? shell_err_incomplete(cli) : shell_err_invalid(cli, 1);
		return shell_err_invalid(cli, 0);
	}
	if (argc == 2 && !kw(argv[1], "eui-64", 1))
		return shell_err_invalid(cli, 1);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	if (iface6_add_addr(r, ifp, &a, len, argc == 2, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_no_ipv6_address(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	struct addr a;
	unsigned len;
	char err[256];

	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	if (argc == 0) {
		iface6_clear_addrs(r, ifp);
		return CLI_OK;
	}
	err[0] = '\0';
	if (argc == 2 && kw(argv[1], "link-local", 1)) {
		struct iface6_view v;

		if (addr_parse(argv[0], &a, NULL, 0) == -1 || !addr_is_v6(&a))
			return shell_err_invalid(cli, 0);
		iface6_view(r, ifp, &v);
		if (!v.ll_manual || memcmp(v.ll_cfg, a.u.b, 16) != 0)
			return shell_err(cli, "%% Address not found on %s", iface_name(ifp));
		iface6_set_linklocal(r, ifp, NULL, err, sizeof(err));
		return CLI_OK;
	}
	if (parse_addr_len(argv[0], &a, &len) == -1)
		return shell_err_invalid(cli, 0);
	if (argc == 2 && !kw(argv[1], "eui-64", 1))
		return shell_err_invalid(cli, 1);
	if (iface6_del_addr(r, ifp, &a, len, argc == 2, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int set_enable(struct cli_def *cli, int argc, bool on)
{
	struct router *r;
	struct iface *ifp;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	if (iface_is_null(ifp))
		return shell_err(cli, "%% IPv6 cannot be enabled on Null0");
	iface6_set_enable(r, ifp, on);
	return CLI_OK;
}

static int cmd_ipv6_enable(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_enable(cli, argc, true);
}

static int cmd_no_ipv6_enable(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_enable(cli, argc, false);
}

static int set_ra(struct cli_def *cli, char **argv, int argc, bool suppress)
{
	struct router *r;
	struct iface *ifp;

	if (argc > 1 || (argc == 1 && !kw(argv[0], "all", 1)))
		return shell_err_invalid(cli, argc > 1 ? 1 : 0);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	iface6_set_ra_suppress(r, ifp, suppress);
	return CLI_OK;
}

static int cmd_ra_suppress(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_ra(cli, argv, argc, true);
}

static int cmd_no_ra_suppress(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_ra(cli, argv, argc, false);
}

/* ------------------------------------------------------------ global */

static int cmd_unicast_routing(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	ipv6_set_routing(r, true);
	return CLI_OK;
}

static int cmd_no_unicast_routing(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	ipv6_set_routing(r, false);
	return CLI_OK;
}

static int cmd_error_interval(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	long ms, bucket = ICMP6_ERR_BUCKET;

	if ((ms = shell_arg_uint(cli, argv, argc, 0, 0, 2147483647)) < 0)
		return CLI_ERROR;
	if (argc > 1 && (bucket = shell_arg_uint(cli, argv, argc, 1, 1, 200)) < 0)
		return CLI_ERROR;
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	ipv6_set_icmp_error_interval(r, (uint32_t)ms, (unsigned)bucket);
	return CLI_OK;
}

static int cmd_no_error_interval(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;

	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	ipv6_set_icmp_error_interval(r, ICMP6_ERR_INTERVAL_MS, ICMP6_ERR_BUCKET);
	return CLI_OK;
}

struct route6_args {
	struct prefix p;
	struct addr gw;
	char ifname[SHELL_NAME_MAX];
	struct route_opts o;
};

static int parse_route6(struct cli_def *cli, struct router *r, char **argv, int argc,
			struct route6_args *ra)
{
	struct addr a;
	unsigned len;
	int i = 2;

	memset(ra, 0, sizeof(ra[0]));
	if (argc < 2) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (parse_addr_len(argv[0], &a, &len) == -1) {
		shell_err_invalid(cli, 0);
		return -1;
	}
	prefix_make(&ra->p, &a, len);
	if (addr_parse(argv[1], &ra->gw, NULL, 0) == 0) {
		if (!addr_is_v6(&ra->gw)) {
			shell_err_invalid(cli, 1);
			return -1;
		}
	} else {
		if (!shell_ifname(r, &argv[1], 1, ra->ifname, sizeof(ra->ifname)) ||
		    !shell_ifname_usable(r, ra->ifname)) {
			shell_err_invalid(cli, 1);
			return -1;
		}
		if (argc > 2 && addr_parse(argv[2], &ra->gw, NULL, 0) == 0) {
			if (!addr_is_v6(&ra->gw)) {
				shell_err_invalid(cli, 2);
				return -1;
			}
			i = 3;
		}
	}
	return shell_route_opts(cli, argv, argc, i, 254, &ra->o);
}

static int cmd_ipv6_route(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct route6_args ra;
	struct router *r;
	char err[256];

	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if (parse_route6(cli, r, argv, argc, &ra) == -1 || shell_refuse_own_gw(cli, r, VRF_DEFAULT, &ra.gw))
		return CLI_ERROR;
	err[0] = '\0';
	if (fib6_static_add(r, &ra.p, &ra.gw, ra.ifname[0] ? ra.ifname : NULL,
			    (unsigned)ra.o.distance, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	fib6_static_set_label(r, VRF_DEFAULT, &ra.p, &ra.gw, ra.ifname[0] ? ra.ifname : NULL, ra.o.tag,
			      ra.o.name);
	return CLI_OK;
}

static int cmd_no_ipv6_route(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct route6_args ra;
	struct router *r;
	char err[256];

	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if (parse_route6(cli, r, argv, argc, &ra) == -1)
		return CLI_ERROR;
	err[0] = '\0';
	if (fib6_static_del(r, &ra.p, &ra.gw, ra.ifname[0] ? ra.ifname : NULL,
			    err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

/* ------------------------------------------------------------ running-config */

static void ipv6_write(struct shell *sh, FILE *f)
{
	uint32_t ms;
	unsigned bucket;

	if (!sh->router)
		return;
	if (ipv6_routing(sh->router))
		fprintf(f, "ipv6 unicast-routing\n");
	ipv6_icmp_error_interval(sh->router, &ms, &bucket);
	if (ms != ICMP6_ERR_INTERVAL_MS || bucket != ICMP6_ERR_BUCKET) {
		if (bucket != ICMP6_ERR_BUCKET)
			fprintf(f, "ipv6 icmp error-interval %u %u\n", ms, bucket);
		else
			fprintf(f, "ipv6 icmp error-interval %u\n", ms);
	}
}

static int addr_order(const void *a, const void *b)
{
	const struct ip6_ifaddr *x = a, *y = b;
	int c = memcmp(x->eui64 ? x->cfg : x->a, y->eui64 ? y->cfg : y->a, 16);

	return c ? c : x->plen - y->plen;
}

static void ipv6_write_if(struct shell *sh, const char *ifname, FILE *f)
{
	struct iface *ifp = sh->router ? iface_find(sh->router, ifname) : NULL;
	struct iface6_view v;
	char ab[INET6_ADDRSTRLEN];

	if (!ifp)
		return;
	iface6_view(sh->router, ifp, &v);
	if (v.ll_manual)
		fprintf(f, " ipv6 address %s link-local\n", shell_fmt6(v.ll_cfg, ab, sizeof(ab)));
	qsort(v.g, v.n, sizeof(v.g[0]), addr_order);
	for (unsigned i = 0; i < v.n; i++) {
		if (v.g[i].eui64)
			fprintf(f, " ipv6 address %s/%u eui-64\n", shell_fmt6(v.g[i].cfg, ab, sizeof(ab)),
				v.g[i].plen);
		else
			fprintf(f, " ipv6 address %s/%u\n", shell_fmt6(v.g[i].a, ab, sizeof(ab)), v.g[i].plen);
	}
	if (v.enable)
		fprintf(f, " ipv6 enable\n");
	if (!v.ra_suppress)
		fprintf(f, " no ipv6 nd ra suppress\n");
}

static void ipv6_default_if(struct shell *sh, const char *ifname)
{
	struct iface *ifp = sh->router ? iface_find(sh->router, ifname) : NULL;

	if (ifp)
		iface6_reset(sh->router, ifp);
}

static int write_static6(const struct fib6_static *s, void *arg)
{
	FILE *f = ((struct route_wr *)arg)->f;
	char pb[PREFIX_STRLEN], gb[INET6_ADDRSTRLEN];

	fprintf(f, "ipv6 route %s", fmt_prefix6(&s->prefix, pb, sizeof(pb)));
	if (s->ifname[0])
		fprintf(f, " %s", s->ifname);
	if (!ip6_is_unspec(s->gw))
		fprintf(f, " %s", shell_fmt6(s->gw, gb, sizeof(gb)));
	shell_route_opts_write(f, s->distance, s->tag, s->name);
	fputc('\n', f);
	return 0;
}

static void route6_write(struct shell *sh, FILE *f)
{
	shell_write_routes(sh, f, VRF_DEFAULT, NULL, NULL, write_static6);
}

/* ------------------------------------------------------------ show ipv6 interface */

static const char *state_word(const struct iface *ifp)
{
	return iface_is_shutdown(ifp) ? "administratively down" : iface_is_up(ifp) ? "up" : "down";
}

static const char *addr_flag(const struct ip6_ifaddr *a)
{
	return a->state == IP6A_TENTATIVE ? " [TEN]" : a->state == IP6A_DUPLICATE ? " [DUP]" : "";
}

static const char *state_json(const struct ip6_ifaddr *a)
{
	return a->state == IP6A_TENTATIVE ? "tentative" :
	       a->state == IP6A_DUPLICATE ? "duplicate" : "preferred";
}

/*
 * Each interface's view is copied with the router lock held (no pointer
 * into the router) and printed with it let go, as 'show interfaces'.
 */
struct if6_row {
	char name[SHELL_NAME_MAX];
	const char *state;		/* a constant string */
	bool up, port;
	unsigned mtu;
	struct iface6_view v;
	char acl_in[ACL_NAME_MAX], acl_out[ACL_NAME_MAX];	/* 'ipv6 traffic-filter' */
	bool unreach, urpf_default;
	enum iface_urpf urpf;
	uint64_t urpf_drops, urpf_suppressed;
};

struct sctx {
	struct cli_def *cli;
	struct router *r;
	const char *only;
	bool brief;
	struct json *j;
	/* router-wide, read with the rows */
	uint32_t err_ms;
	unsigned err_bucket;
	bool routing;
	struct if6_row *v;
	size_t n, cap;
	bool nomem;
};

/* The groups joined, in IOS order. */
static unsigned groups(const struct iface6_view *v, uint8_t g[][16], unsigned max)
{
	unsigned n = 0;

	memset(g, 0, max * 16);
	g[n][0] = 0xff; g[n][1] = 0x02; g[n++][15] = 1;
	if (v->joined_all_routers) {
		g[n][0] = 0xff; g[n][1] = 0x02; g[n++][15] = 2;
	}
	ip6_solicited_node(v->ll.a, g[n++]);
	for (unsigned i = 0; i < v->n && n < max; i++) {
		unsigned k;

		ip6_solicited_node(v->g[i].a, g[n]);
		for (k = 0; k < n && memcmp(g[k], g[n], 16); k++)
			;
		if (k == n)
			n++;
	}
	return n;
}

static void json_addr6(struct json *j, const char *key, const uint8_t *a)
{
	struct addr x;

	addr_set_v6(&x, a);
	json_addr(j, key, &x);
}

static void interface_json(struct sctx *c, const struct if6_row *w)
{
	const struct iface6_view *v = &w->v;
	struct json *j = c->j;
	uint8_t g[2 + 1 + IFACE6_ADDR_MAX][16];
	unsigned ng;

	json_begin(j, NULL, '{');
	json_str(j, "interface", w->name);
	json_str(j, "status", w->state);
	json_str(j, "protocol", w->up ? "up" : "down");
	json_bool(j, "ipv6_enabled", v->running);
	if (v->running) {
		json_addr6(j, "link_local", v->ll.a);
		json_str(j, "link_local_state", state_json(&v->ll));
	} else {
		json_null(j, "link_local");
	}
	json_begin(j, "addresses", '[');
	for (unsigned i = 0; i < v->n; i++) {
		struct prefix p;
		struct addr a;

		json_begin(j, NULL, '{');
		json_addr6(j, "address", v->g[i].a);
		json_uint(j, "prefix_length", v->g[i].plen);
		addr_set_v6(&a, v->g[i].a);
		prefix_make(&p, &a, v->g[i].plen);
		json_prefix(j, "subnet", &p);
		json_bool(j, "eui64", v->g[i].eui64);
		json_str(j, "state", state_json(&v->g[i]));
		json_end(j, '}');
	}
	json_end(j, ']');
	if (!c->brief) {
		json_begin(j, "joined_groups", '[');
		if (v->running) {
			ng = groups(v, g, sizeof(g) / sizeof(g[0]));
			for (unsigned i = 0; i < ng; i++)
				json_addr6(j, NULL, g[i]);
		}
		json_end(j, ']');
		json_uint(j, "mtu", w->mtu);
		json_bool(j, "ra_suppressed", v->ra_suppress);
	}
	json_end(j, '}');
}

static int copy_if6(struct iface *ifp, void *arg)
{
	struct sctx *c = arg;
	struct if6_row *w;

	if (c->only && strcmp(c->only, iface_name(ifp)))
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 32;
		struct if6_row *nv = realloc(c->v, cap * sizeof(*nv));

		if (!nv) {
			c->nomem = true;
			return 1;
		}
		c->v = nv;
		c->cap = cap;
	}
	w = &c->v[c->n++];
	memset(w, 0, sizeof(*w));
	snprintf(w->name, sizeof(w->name), "%s", iface_name(ifp));
	w->state = state_word(ifp);
	w->up = iface_is_up(ifp);
	w->port = iface_port(ifp) != NULL;
	w->mtu = iface_mtu(ifp);
	iface6_view(c->r, ifp, &w->v);
	snprintf(w->acl_in, sizeof(w->acl_in), "%s", iface_access_group(ifp, true, false));
	snprintf(w->acl_out, sizeof(w->acl_out), "%s", iface_access_group(ifp, true, true));
	w->unreach = iface_unreachables(ifp, true);
	w->urpf = iface_urpf(ifp, true, &w->urpf_default);
	w->urpf_drops = iface_urpf_drops(ifp, true);
	w->urpf_suppressed = iface_urpf_suppressed(ifp, true);
	return 0;
}

static void show_if_one(struct sctx *c, const struct if6_row *w)
{
	const struct iface6_view *v = &w->v;
	struct cli_def *cli = c->cli;
	char ab[INET6_ADDRSTRLEN], sb[INET6_ADDRSTRLEN], st[64];
	uint8_t g[2 + 1 + IFACE6_ADDR_MAX][16];
	unsigned ng;

	if (c->j) {
		interface_json(c, w);
		return;
	}
	if (c->brief) {
		snprintf(st, sizeof(st), "[%s/%s]", w->state, w->up ? "up" : "down");
		cli_print(cli, "%-22s %s", w->name, st);
		if (!v->running && !v->n) {
			cli_print(cli, "    unassigned");
			return;
		}
		if (v->running)
			cli_print(cli, "    %s%s", shell_fmt6(v->ll.a, ab, sizeof(ab)), addr_flag(&v->ll));
		for (unsigned i = 0; i < v->n; i++)
			cli_print(cli, "    %s%s", shell_fmt6(v->g[i].a, ab, sizeof(ab)), addr_flag(&v->g[i]));
		return;
	}
	cli_print(cli, "%s is %s, line protocol is %s", w->name, w->state, w->up ? "up" : "down");
	if (!v->running) {
		cli_print(cli, "  IPv6 is disabled");
		return;
	}
	cli_print(cli, "  IPv6 is enabled, link-local address is %s%s", shell_fmt6(v->ll.a, ab, sizeof(ab)),
		  addr_flag(&v->ll));
	cli_print(cli, "  No Virtual link-local address(es):");
	if (v->n) {
		cli_print(cli, "  Global unicast address(es):");
		for (unsigned i = 0; i < v->n; i++) {
			uint8_t net[16];

			memcpy(net, v->g[i].a, 16);
			mask6(net, v->g[i].plen);
			cli_print(cli, "    %s, subnet is %s/%u%s%s", shell_fmt6(v->g[i].a, ab, sizeof(ab)),
				  shell_fmt6(net, sb, sizeof(sb)), v->g[i].plen, v->g[i].eui64 ? " [EUI]" : "",
				  addr_flag(&v->g[i]));
		}
	} else {
		cli_print(cli, "  No global unicast address is configured");
	}
	cli_print(cli, "  Joined group address(es):");
	ng = groups(v, g, sizeof(g) / sizeof(g[0]));
	for (unsigned i = 0; i < ng; i++)
		cli_print(cli, "    %s", shell_fmt6(g[i], ab, sizeof(ab)));
	cli_print(cli, "  MTU is %u bytes", w->mtu);
	if (c->err_ms)
		cli_print(cli, "  ICMP error messages limited to one every %u milliseconds", c->err_ms);
	else
		cli_print(cli, "  ICMP error messages are not rate limited");
	cli_print(cli, "  ICMP redirects are disabled");
	cli_print(cli, "  ICMP unreachables are %s", w->unreach ? "sent" : "not sent");
	if (w->urpf) {
		cli_print(cli, "  IPv6 verify source reachable-via %s%s", w->urpf == URPF_RX ? "RX" : "ANY",
			  w->urpf_default ? ", allow default" : "");
		cli_print(cli, "   %llu verification drops", (unsigned long long)w->urpf_drops);
		cli_print(cli, "   %llu suppressed verification drops", (unsigned long long)w->urpf_suppressed);
	}
	if (w->acl_in[0])
		cli_print(cli, "  Inbound access list %s", w->acl_in);
	if (w->acl_out[0])
		cli_print(cli, "  Outgoing access list %s", w->acl_out);
	if (w->port)
		cli_print(cli, "  ND DAD is enabled, number of DAD attempts: 1");
	else
		cli_print(cli, "  ND DAD is not supported");
	cli_print(cli, "  ND reachable time is %u milliseconds (using %u)", ND_REACHABLE_MS, ND_REACHABLE_MS);
	cli_print(cli, "  ND NS retransmit interval is %u milliseconds", ND_RETRANS_MS);
	if (!w->port) {
		/* nothing: no RAs on a virtual interface */
	} else if (v->ra_suppress || !c->routing) {
		cli_print(cli, "  ND RAs are suppressed (periodic)");
	} else {
		cli_print(cli, "  ND advertised reachable time is 0 (unspecified)");
		cli_print(cli, "  ND advertised retransmit interval is 0 (unspecified)");
		cli_print(cli, "  ND router advertisements are sent every %u seconds", ND_RA_INTERVAL_S);
		cli_print(cli, "  ND router advertisements live for %u seconds", ND_RA_LIFETIME_S);
		cli_print(cli, "  ND advertised default router preference is Medium");
		cli_print(cli, "  Hosts use stateless autoconfig for addresses.");
	}
}

static int cmd_show_ipv6_interface(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct sctx c = { .cli = cli };
	struct iface *ifp;
	char name[SHELL_NAME_MAX];
	int i = 0;

	if (!(c.r = shell_router(cli)))
		return CLI_ERROR;
	if (argc > 0 && kw(argv[0], "brief", 1)) {
		c.brief = true;
		i = 1;
	}
	if (argc > i) {
		if (argc - i > 2)
			return shell_err_invalid(cli, i + 2);
		if (!shell_ifname(c.r, argv + i, argc - i, name, sizeof(name)) ||
		    !(ifp = iface_find(c.r, name)))
			return shell_err_invalid(cli, i);
		c.only = iface_name(ifp);
	}
	iface_foreach(c.r, copy_if6, &c);
	if (c.nomem) {
		free(c.v);
		return shell_err(cli, "%% Out of memory");
	}
	ipv6_icmp_error_interval(c.r, &c.err_ms, &c.err_bucket);
	c.routing = ipv6_routing(c.r);
	shell_unlock(shell_sess_of(cli)->sh);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		c.j = &j;
		json_begin(&j, NULL, '{');
		json_begin(&j, "interfaces", '[');
		for (size_t k = 0; k < c.n; k++)
			show_if_one(&c, &c.v[k]);
		json_end(&j, ']');
		json_end(&j, '}');
		free(c.v);
		shell_lock(shell_sess_of(cli)->sh);
		return json_print(cli, &j);
	}
	for (size_t k = 0; k < c.n; k++)
		show_if_one(&c, &c.v[k]);
	free(c.v);
	shell_lock(shell_sess_of(cli)->sh);
	return CLI_OK;
}

/* ------------------------------------------------------------ neighbors */

/* The neighbours are copied (at most ND_CACHE_MAX) with the lock held and
 * printed with it let go. */
struct nrow {
	uint8_t ip[16];
	uint64_t mins;
	char mac[16];
	const char *state;		/* a constant string */
	bool incomplete, is_router;
	unsigned queued;
	char ifname[CEF_IFNAME_MAX];
};

struct nctx {
	struct router *r;
	const struct iface *only;
	uint64_t now;
	struct nrow *v;
	size_t n, cap;
	bool failed;
};

static int neighbor_one(const struct nd_info *e, void *arg)
{
	struct nctx *c = arg;
	struct nrow *w;

	if (c->only && e->ifp != c->only)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct nrow *nv = realloc(c->v, cap * sizeof(*nv));

		if (!nv) {
			c->failed = true;
			return 1;
		}
		c->v = nv;
		c->cap = cap;
	}
	w = &c->v[c->n++];
	memcpy(w->ip, e->ip, 16);
	w->mins = c->now > e->updated ? (c->now - e->updated) / NS_PER_SEC / 60 : 0;
	mac_fmt(e->mac, w->mac, sizeof(w->mac));
	w->state = nd_state_name(e->state);
	w->incomplete = e->state == ND_INCOMPLETE;
	w->is_router = e->is_router;
	w->queued = e->queued;
	snprintf(w->ifname, sizeof(w->ifname), "%s", iface_name(e->ifp));
	return 0;
}

static int cmd_show_ipv6_neighbors(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct nctx c = { 0 };
	char name[SHELL_NAME_MAX], ab[INET6_ADDRSTRLEN], age[24];

	if (!(c.r = shell_router(cli)))
		return CLI_ERROR;
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (argc) {
		if (!shell_ifname(c.r, argv, argc, name, sizeof(name)) ||
		    !(c.only = iface_find(c.r, name)))
			return shell_err_invalid(cli, 0);
	}
	c.now = router_now(c.r);
	nd_foreach(c.r, neighbor_one, &c);
	if (c.failed) {
		free(c.v);
		return shell_err(cli, "%% Out of memory");
	}
	shell_unlock(sh);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_begin(&j, "neighbors", '[');
		for (size_t i = 0; i < c.n; i++) {
			const struct nrow *w = &c.v[i];

			json_begin(&j, NULL, '{');
			json_addr6(&j, "address", w->ip);
			json_uint(&j, "age_min", w->mins);
			if (w->incomplete)
				json_null(&j, "mac");
			else
				json_str(&j, "mac", w->mac);
			json_str(&j, "state", w->state);
			json_bool(&j, "router", w->is_router);
			json_str(&j, "interface", w->ifname);
			json_uint(&j, "queued", w->queued);
			json_end(&j, '}');
		}
		json_end(&j, ']');
		json_end(&j, '}');
		free(c.v);
		shell_lock(sh);
		return json_print(cli, &j);
	}
	cli_print(cli, "IPv6 Address                              Age Link-layer Addr State Interface");
	for (size_t i = 0; i < c.n; i++) {
		const struct nrow *w = &c.v[i];

		snprintf(age, sizeof(age), "%" PRIu64, w->mins);
		cli_print(cli, "%-39s %4s %-14s  %-5s %s", shell_fmt6(w->ip, ab, sizeof(ab)), age,
			  w->incomplete ? "-" : w->mac, w->state, w->ifname);
	}
	free(c.v);
	shell_lock(sh);
	return CLI_OK;
}

static int cmd_clear_ipv6_neighbors(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	nd_clear(r);
	return CLI_OK;
}

/* ------------------------------------------------------------ route */

/* The table prints in slices (cef_slices(): the routes copied, at most
 * 256 at a time, with the router lock held; formatted with it let go). */
struct rctx {
	struct cli_def *cli;
	struct json *j;
	bool one;
	struct prefix only;		/* with one: the route shown */
	int type;			/* 'connected' ...: FIB_* shown; -1 all */
	bool longer;			/* 'P/N longer-prefixes': within only */
	struct prefix within;
	/* 'summary': routes per FIB_* type, and per prefix length */
	bool summary;
	size_t by_type[FIB_STATIC + 1], by_len[129];
};

static const char *code_of(const struct fib_entry *e)
{
	return e->type == FIB_LOCAL ? "L" : e->type == FIB_CONNECTED ? "C" : "S";
}

static void route_lines(struct cli_def *cli, const struct fib_entry *e, const char *ifn)
{
	char pb[PREFIX_STRLEN], gb[INET6_ADDRSTRLEN];

	cli_print(cli, "%-3s %s [%u/0]", code_of(e), fmt_prefix6(&e->prefix, pb, sizeof(pb)),
		  e->distance);
	if (e->type == FIB_LOCAL)
		cli_print(cli, "     via %s, receive", ifn);
	else if (e->type == FIB_CONNECTED || (e->flags & FIB_F_DISCARD) ||
		 ip6_is_unspec(e->cfg_gw6))
		cli_print(cli, "     via %s, directly connected", ifn);
	else if (e->flags & FIB_F_IFACE)
		cli_print(cli, "     via %s, %s", shell_fmt6(e->cfg_gw6, gb, sizeof(gb)), ifn);
	else
		cli_print(cli, "     via %s", shell_fmt6(e->cfg_gw6, gb, sizeof(gb)));
}

static void route_json6(struct json *j, const struct fib_entry *e, const char *ifn)
{
	json_begin(j, NULL, '{');
	json_prefix(j, "prefix", &e->prefix);
	json_str(j, "code", code_of(e));
	json_uint(j, "distance", e->distance);
	if (ip6_is_unspec(e->cfg_gw6))
		json_null(j, "next_hop");
	else
		json_addr6(j, "next_hop", e->cfg_gw6);
	if (ip6_is_unspec(e->gw6))
		json_null(j, "resolved_next_hop");
	else
		json_addr6(j, "resolved_next_hop", e->gw6);
	json_str(j, "interface", ifn);
	json_uint(j, "packets", e->pkts);
	json_end(j, '}');
}

/* A row of the table: the routes only (LISP installs none). */
static void route_emit(const struct cef_row *row, void *arg)
{
	struct rctx *c = arg;
	struct fib_entry e;

	if (!row->c.route_found)
		return;
	e = row->c.route;
	e.prefix.addr.iid = 0;
	if (c->one && !prefix_eq(&e.prefix, &c->only))
		return;
	if (c->summary) {
		c->by_type[e.type]++;
		c->by_len[e.prefix.len]++;
		return;
	}
	if (c->type >= 0 && (int)e.type != c->type)
		return;
	if (c->longer && !prefix_covers(&c->within, &e.prefix))
		return;
	if (c->j)
		route_json6(c->j, &e, row->route_ifname);
	else
		route_lines(c->cli, &e, row->route_ifname);
}

static const struct cef_fmt cef_fmt6;

/* Whether p covers FF00::/8, the receive route the table ends with. */
static bool covers_mcast(const struct prefix *p)
{
	static const uint8_t ff[16] = { 0xff };
	struct prefix m;
	struct addr a;

	addr_set_v6(&a, ff);
	prefix_make(&m, &a, 8);
	return prefix_covers(p, &m);
}

/*
 * 'show ipv6 route summary' in IOS's layout: the routes per source (the
 * overhead column is the entries' own size) and per prefix length,
 * FF00::/8 counted with the local routes as the table's header counts it.
 */
static int show_summary6(struct cli_def *cli, struct router *r, unsigned vrf, struct rctx *c)
{
	static const char *const names[] = { [FIB_CONNECTED] = "connected", [FIB_LOCAL] = "local",
					     [FIB_STATIC] = "static" };
	static const int order[] = { FIB_CONNECTED, FIB_LOCAL, FIB_STATIC };
	char vname[SHELL_NAME_MAX], line[160];
	size_t total, n = 0;
	int rc;

	snprintf(vname, sizeof(vname), "%s", vrf_name(r, vrf));
	c->summary = true;
	rc = cef_slices(cli, vrf, AFI_IPV6, &cef_fmt6, route_emit, c);
	if (rc == -1)
		return shell_err(cli, "%% Out of memory");
	c->by_type[FIB_LOCAL]++;
	c->by_len[8]++;
	total = c->by_type[FIB_CONNECTED] + c->by_type[FIB_LOCAL] + c->by_type[FIB_STATIC];
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_str(&j, "vrf", vname);
		json_begin(&j, "sources", '[');
		for (int k = 0; k < 3; k++) {
			json_begin(&j, NULL, '{');
			json_str(&j, "source", names[order[k]]);
			json_uint(&j, "routes", c->by_type[order[k]]);
			json_uint(&j, "memory_bytes", c->by_type[order[k]] * sizeof(struct fib_entry));
			json_end(&j, '}');
		}
		json_end(&j, ']');
		json_uint(&j, "total", total);
		json_begin(&j, "prefix_lengths", '{');
		for (unsigned len = 0; len <= 128; len++)
			if (c->by_len[len]) {
				snprintf(line, sizeof(line), "%u", len);
				json_uint(&j, line, c->by_len[len]);
			}
		json_end(&j, '}');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "IPv6 routing table name is %s(%u) global scope - %zu entries", vname, vrf, total);
	cli_print(cli, "IPv6 routing table default maximum-paths is 1");
	cli_print(cli, "Route Source    Number      Overhead");
	for (int k = 0; k < 3; k++)
		cli_print(cli, "%-15s %-11zu %zu", names[order[k]], c->by_type[order[k]],
			  c->by_type[order[k]] * sizeof(struct fib_entry));
	cli_print(cli, "%-15s %-11zu %zu", "Total", total, total * sizeof(struct fib_entry));
	cli_print(cli, "%s", "");
	cli_print(cli, "  Number of prefixes:");
	line[0] = '\0';
	for (unsigned len = 0; len <= 128; len++) {
		size_t at = strlen(line);

		if (!c->by_len[len])
			continue;
		/* IOS wraps the list: eight lengths a line. */
		if (n && n % 8 == 0) {
			cli_print(cli, "    %s,", line);
			line[0] = '\0';
			at = 0;
		}
		snprintf(line + at, sizeof(line) - at, "%s/%u: %zu", at ? ", " : "", len, c->by_len[len]);
		n++;
	}
	cli_print(cli, "    %s", line);
	return CLI_OK;
}

static int cmd_show_ipv6_route(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct rctx c = { .cli = cli, .type = -1 };
	const struct fib_entry *fe = NULL;
	struct lisp_cef_info info;
	struct cef_row row;
	struct router *r;
	struct addr a;
	unsigned len;
	int vrf, o;

	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if ((vrf = shell_vrf_arg(cli, r, argv, argc, &o)) < 0)
		return CLI_ERROR;
	argv += o;
	argc -= o;
	if (argc >= 2) {
		/* 'show ipv6 route P/N longer-prefixes': the table, what P/N covers. */
		static const char *const lp[] = { "longer-prefixes" };

		if (parse_addr_len(argv[0], &a, &len) == -1)
			return shell_err_invalid(cli, o + 1);
		if (shell_kw_pick(argv, 1, lp, 1) != 0)
			return shell_err_invalid(cli, o + 1);
		if (argc > 2)
			return shell_err_invalid(cli, o + 2);
		prefix_make(&c.within, &a, len);
		c.within.addr.iid = 0;
		c.longer = true;
		argc = 0;
	}
	if (argc == 1 && parse_addr_len(argv[0], &a, &len) == -1 && addr_parse(argv[0], &a, NULL, 0) == -1) {
		static const char *const words[] = { "connected", "local", "static", "summary" };
		static const int types[] = { FIB_CONNECTED, FIB_LOCAL, FIB_STATIC };
		int k = shell_kw_pick(argv, 0, words, 4);

		if (k == -2)
			return shell_err_ambiguous(cli, o);
		if (k < 0)
			return shell_err_invalid(cli, o);
		if (k == 3)
			return show_summary6(cli, r, (unsigned)vrf, &c);
		c.type = types[k];
		argc = 0;
	}
	if (argc == 1) {
		c.one = true;
		if (parse_addr_len(argv[0], &a, &len) == 0) {
			struct prefix p;

			prefix_make(&p, &a, len);
			fe = fib6_lookup_vrf(r, (unsigned)vrf, p.addr.u.b);
			if (fe && !prefix_eq(&fe->prefix, &p))
				fe = NULL;
		} else if (addr_parse(argv[0], &a, NULL, 0) == 0 && addr_is_v6(&a)) {
			fe = fib6_lookup_vrf(r, (unsigned)vrf, a.u.b);
		} else {
			return shell_err_invalid(cli, o);
		}
		/* One route: printed from a copy. */
		if (fe) {
			c.only = fe->prefix;
			cef_info_of_route(fe, &info);
			cef_resolve(&cef_fmt6, NULL, r, (unsigned)vrf, &info, &row);
		}
	}
	if (shell_json(cli)) {
		struct json j;
		int rc = 0;

		json_open(&j);
		c.j = &j;
		json_begin(&j, NULL, '{');
		if (vrf != VRF_DEFAULT)
			json_str(&j, "vrf", vrf_name(r, (unsigned)vrf));
		json_begin(&j, "routes", '[');
		if (!c.one)
			rc = cef_slices(cli, (unsigned)vrf, AFI_IPV6, &cef_fmt6, route_emit, &c);
		else if (fe)
			route_emit(&row, &c);
		json_end(&j, ']');
		json_end(&j, '}');
		if (rc == -1) {
			json_discard(&j);
			return shell_err(cli, "%% Out of memory");
		}
		return json_print(cli, &j);
	}
	if (c.one && fe) {
		cli_print(cli, "IPv6 Routing Table - %s - %u entries", vrf_name(r, (unsigned)vrf), 1);
		cli_print(cli, "Codes: C - Connected, L - Local, S - Static");
		route_emit(&row, &c);
		return CLI_OK;
	}
	if (c.one)
		return shell_err(cli, "%% Route not found");
	cli_print(cli, "IPv6 Routing Table - %s - %zu entries", vrf_name(r, (unsigned)vrf),
		  fib6_count_vrf(r, (unsigned)vrf) + 1);
	cli_print(cli, "Codes: C - Connected, L - Local, S - Static");
	if (cef_slices(cli, (unsigned)vrf, AFI_IPV6, &cef_fmt6, route_emit, &c) == -1)
		return shell_err(cli, "%% Out of memory");
	/* Multicast not routed: IOS shows it as a receive route. */
	if ((c.type == -1 || c.type == FIB_LOCAL) && (!c.longer || covers_mcast(&c.within))) {
		cli_print(cli, "L   FF00::/8 [0/0]");
		cli_print(cli, "     via Null0, receive");
	}
	return CLI_OK;
}

/* ------------------------------------------------------------ cef */

/* An address in IOS's spelling: IPv6 upper case (an RLOC may be IPv4). */
static const char *fmt_any(const struct addr *a, char *buf, size_t len)
{
	if (addr_is_v6(a))
		return shell_fmt6(a->u.b, buf, len);
	return addr_fmt(a, buf, len);
}

/* Where an IPv6 row's packets go (struct cef_hop, cmd_lisp.h). */
static void cef6_hop(struct router *r, unsigned vrf, const struct lisp_cef_info *c, struct cef_hop *h)
{
	const struct fib_entry *fe = c->route_found ? &c->route : NULL;

	memset(h, 0, sizeof(*h));
	switch (c->action) {
	case FIB_LISP_ENCAP:
	case FIB_LISP_NATIVE_PETR:
		h->kind = "nexthop";
		fmt_any(&c->nexthop, h->nh, sizeof(h->nh));
		cef_hop_if(h, "LISP0");
		return;
	case FIB_LISP_SIGNAL:
		h->kind = "signal";
		cef_hop_if(h, "LISP0");
		return;
	case FIB_LISP_DROP:
		h->kind = "drop";
		cef_hop_if(h, "LISP0");
		return;
	default:
		break;
	}
	if (!fe && r)
		fe = fib6_lookup_vrf(r, vrf, c->prefix.addr.u.b);
	if (!fe) {
		h->kind = "no route";
		return;
	}
	cef_hop_route(h, fe);
	if (fe->flags & FIB_F_DISCARD) {
		h->kind = "drop";
	} else if (fe->type == FIB_LOCAL) {
		h->kind = "receive";
	} else if (!ip6_is_unspec(fe->gw6)) {
		h->kind = "nexthop";
		shell_fmt6(fe->gw6, h->nh, sizeof(h->nh));
	} else {
		h->kind = "attached";
	}
}

struct cef6_walk {
	struct cli_def *cli;
	struct json *j;
	uint64_t now;
	bool one;			/* one entry: flags and the LISP line */
	bool detail;
};

static const struct cef_fmt cef_fmt6 = { fmt_prefix6, cef6_hop };

static void cef6_json(struct json *j, const struct cef_row *row)
{
	const struct lisp_cef_info *c = &row->c;
	const struct cef_hop *h = &row->h;
	bool nh = !strcmp(h->kind, "nexthop");

	json_begin(j, NULL, '{');
	json_prefix(j, "prefix", &c->prefix);
	json_bool(j, "route", c->route_found);
	if (c->route_found)
		json_str(j, "route_type", cef_route_kind(&c->route));
	else
		json_null(j, "route_type");
	json_bool(j, "map_cache", c->mc_found);
	json_bool(j, "check_lisp_eligibility", c->eligible);
	json_str(j, "lisp_action", cef_action_key(c->action));
	if (nh && (c->action == FIB_LISP_ENCAP || c->action == FIB_LISP_NATIVE_PETR))
		json_addr(j, "next_hop", &c->nexthop);
	else if (nh && h->has_fe) {
		struct addr g;

		addr_set_v6(&g, h->fe.gw6);
		json_addr(j, "next_hop", &g);
	} else {
		json_null(j, "next_hop");
	}
	json_str(j, "forwarding", nh ? "nexthop" : h->kind);
	if (h->ifname[0])
		json_str(j, "interface", h->ifname);
	else
		json_null(j, "interface");
	json_uint(j, "lisp_packets", c->mc_found ? c->mc.pkts : 0);
	json_uint(j, "lisp_bytes", c->mc_found ? c->mc.bytes : 0);
	json_uint(j, "route_packets", c->route_found ? c->route.pkts : 0);
	json_uint(j, "route_bytes", c->route_found ? c->route.bytes : 0);
	json_end(j, '}');
}

/* One entry, IOS's IPv6 layout: flags and the LISP line for one entry or
 * detail. */
static void cef6_emit(const struct cef_row *row, void *arg)
{
	struct cef6_walk *w = arg;

	if (w->j)
		cef6_json(w->j, row);
	else
		cef_print_entry(w->cli, &cef_fmt6, w->now, row, w->one || w->detail, w->detail);
}

/* 'show ipv6 cef [vrf NAME] [A | P] [detail]' */
static int cmd_show_ipv6_cef(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct cef6_walk w;
	struct lisp_cef_info hit;
	struct cef_row row;
	struct router *r;
	struct lisp *l;
	struct prefix p;
	struct addr a;
	unsigned len, vrfid;
	struct json j;
	int i = 0, rc, vrf;
	bool exact = false;

	memset(&w, 0, sizeof(w));
	w.cli = cli;
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if ((vrf = shell_vrf_arg(cli, r, argv, argc, &i)) < 0)
		return CLI_ERROR;
	vrfid = (unsigned)vrf;
	if (argc > i && strchr(argv[i], ':')) {
		if (strchr(argv[i], '/')) {
			if (parse_addr_len(argv[i], &a, &len) == -1)
				return shell_err_invalid(cli, i);
			prefix_make(&p, &a, len);
			exact = true;
		} else if (addr_parse(argv[i], &a, NULL, 0) == -1 || !addr_is_v6(&a)) {
			return shell_err_invalid(cli, i);
		} else {
			prefix_make(&p, &a, 128);
		}
		w.one = true;
		i++;
	}
	if (argc > i) {
		if (!kw(argv[i], "detail", 1))
			return shell_err_invalid(cli, i);
		w.detail = true;
		i++;
	}
	if (argc > i)
		return shell_err_invalid(cli, i);
	l = shell_sess_of(cli)->sh->lisp;
	w.now = router_now(r);
	if (w.one) {
		/* An exact prefix, else (as IOS does) the longest match. */
		cef_find(l, r, vrfid, &p, exact, &hit);
		cef_resolve(&cef_fmt6, l, r, vrfid, &hit, &row);
		if (shell_json(cli)) {
			json_open(&j);
			json_begin(&j, NULL, '{');
			if (vrfid != VRF_DEFAULT)
				json_str(&j, "vrf", vrf_name(r, vrfid));
			json_begin(&j, "entries", '[');
			cef6_json(&j, &row);
			json_end(&j, ']');
			json_end(&j, '}');
			return json_print(cli, &j);
		}
		cef6_emit(&row, &w);
		return CLI_OK;
	}
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		if (vrfid != VRF_DEFAULT)
			json_str(&j, "vrf", vrf_name(r, vrfid));
		json_begin(&j, "entries", '[');
		rc = cef_slices(cli, vrfid, AFI_IPV6, &cef_fmt6, cef6_emit, &w);
		json_end(&j, ']');
		json_end(&j, '}');
		if (rc == -1) {
			json_discard(&j);
			return shell_err(cli, "%% Out of memory");
		}
		return json_print(cli, &j);
	}
	if (cef_slices(cli, vrfid, AFI_IPV6, &cef_fmt6, cef6_emit, &w) == -1)
		return shell_err(cli, "%% Out of memory");
	/* Multicast is not forwarded: IOS lists it last. */
	cli_print(cli, "FF00::/8");
	cli_print(cli, "  multicast");
	return CLI_OK;
}

/* ------------------------------------------------------------ traffic */

static int cmd_show_ipv6_traffic(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct rt6_stats *s;
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	s = router_stats6(r);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_uint(&j, "received", s->rx);
		json_uint(&j, "local_destination", s->local);
		json_uint(&j, "forwarded", s->forwarded);
		json_uint(&j, "generated", s->originated);
		json_uint(&j, "mcast_received", s->mcast_rx);
		json_uint(&j, "mcast_sent", s->mcast_tx);
		json_uint(&j, "fragments", s->fragments);
		json_begin(&j, "icmp", '{');
		for (int d = 0; d < 2; d++) {
			json_begin(&j, d ? "sent" : "received", '{');
			json_uint(&j, "total", s->icmp_total[d]);
			json_uint(&j, "echo_request", s->echo[d]);
			json_uint(&j, "echo_reply", s->echo_reply[d]);
			json_uint(&j, "unreachable", s->unreach[d]);
			json_uint(&j, "too_big", s->too_big[d]);
			json_uint(&j, "time_exceeded", s->time_exceeded[d]);
			json_uint(&j, "parameter_problem", s->param[d]);
			json_uint(&j, "router_solicit", s->rs[d]);
			json_uint(&j, "router_advert", s->ra[d]);
			json_uint(&j, "neighbor_solicit", s->ns[d]);
			json_uint(&j, "neighbor_advert", s->na[d]);
			json_uint(&j, "redirects", s->redirect[d]);
			json_uint(&j, "other", s->other[d]);
			json_end(&j, '}');
		}
		json_uint(&j, "rate_limited", s->icmp_ratelimited);
		json_uint(&j, "suppressed", s->icmp_suppressed);
		json_end(&j, '}');
		json_uint(&j, "dad_duplicates", s->dad_duplicates);
		json_begin(&j, "drops", '{');
		for (int d = 0; d < RT6_DROP__COUNT; d++)
			json_uint(&j, rt6_drop_name(d), s->drops[d]);
		json_end(&j, '}');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "IPv6 statistics:");
	cli_print(cli, "  Rcvd:  %" PRIu64 " total, %" PRIu64 " local destination", s->rx, s->local);
	cli_print(cli, "         %" PRIu64 " truncated, %" PRIu64 " format errors, %" PRIu64
		  " hop count exceeded", s->drops[RT6_DROP_TRUNCATED],
		  s->drops[RT6_DROP_VERSION] + s->drops[RT6_DROP_LENGTH], s->drops[RT6_DROP_HOPLIMIT]);
	cli_print(cli, "         %" PRIu64 " bad source, %" PRIu64 " unknown protocol, %" PRIu64
		  " not a router", s->drops[RT6_DROP_BAD_SRC], s->drops[RT6_DROP_NO_PROTO],
		  s->drops[RT6_DROP_NOT_ROUTER]);
	cli_print(cli, "         %" PRIu64 " fragments, 0 total reassembled", s->fragments);
	cli_print(cli, "  Sent:  %" PRIu64 " generated, %" PRIu64 " forwarded", s->originated, s->forwarded);
	cli_print(cli, "         %" PRIu64 " no route, %" PRIu64 " too big", s->drops[RT6_DROP_NO_ROUTE],
		  s->drops[RT6_DROP_TOO_BIG]);
	cli_print(cli, "  Mcast: %" PRIu64 " received, %" PRIu64 " sent", s->mcast_rx, s->mcast_tx);
	cli_print(cli, "%s", "");
	cli_print(cli, "ICMP statistics:");
	for (int d = 0; d < 2; d++) {
		if (d == 0)
			cli_print(cli, "  Rcvd: %" PRIu64 " input, %" PRIu64 " checksum errors, %" PRIu64
				  " too short", s->icmp_total[0], s->drops[RT6_DROP_ICMP_CHECKSUM],
				  s->drops[RT6_DROP_ICMP_MALFORMED]);
		else
			cli_print(cli, "  Sent: %" PRIu64 " output, %" PRIu64 " rate-limited, %" PRIu64
				  " suppressed", s->icmp_total[1], s->icmp_ratelimited, s->icmp_suppressed);
		cli_print(cli, "        %" PRIu64 " unreachable, %" PRIu64 " parameter problem",
			  s->unreach[d], s->param[d]);
		cli_print(cli, "        %" PRIu64 " hopcount expired, %" PRIu64 " too big",
			  s->time_exceeded[d], s->too_big[d]);
		cli_print(cli, "        %" PRIu64 " echo request, %" PRIu64 " echo reply", s->echo[d],
			  s->echo_reply[d]);
		cli_print(cli, "        %" PRIu64 " router solicit, %" PRIu64 " router advert, %" PRIu64
			  " redirects", s->rs[d], s->ra[d], s->redirect[d]);
		cli_print(cli, "        %" PRIu64 " neighbor solicit, %" PRIu64 " neighbor advert",
			  s->ns[d], s->na[d]);
	}
	cli_print(cli, "%s", "");
	cli_print(cli, "ND: %zu neighbors, %" PRIu64 " duplicate addresses detected", nd_count(r),
		  s->dad_duplicates);
	cli_print(cli, "%s", "");
	cli_print(cli, "Drops:");
	for (int d = 0; d < RT6_DROP__COUNT; d++)
		cli_print(cli, "  %10" PRIu64 " %s", s->drops[d], rt6_drop_name(d));
	return CLI_OK;
}

static int cmd_clear_ipv6_traffic(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	router_clear_stats6(r);
	return CLI_OK;
}

/* ------------------------------------------------------------ registration */

static void ipv6_cmds(struct cli_def *cli)
{
	const int U = SHELL_PRIV_USER, P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, I = SHELL_CONFIG_IF;
	struct cli_command *c, *v6, *no, *nd, *show, *clear, *icmp;
	static const char ifaddr_help[] = "X:X:X:X::X/nn\tIPv6 prefix (address/length)\n"
					  "X:X:X:X::X\tIPv6 link-local address\n"
					  "eui-64\tUse eui-64 interface identifier\n"
					  "link-local\tUse link-local address";
	static const char ifaddr_syntax[] = "{X:X:X:X::X/nn [eui-64] | X:X:X:X::X link-local}";
	static const char route_help[] = "X:X:X:X::X/nn\tIPv6 prefix\n"
					 "X:X:X:X::X\tIPv6 address of next-hop\n"
					 "IF\tOutgoing interface (then an optional next hop)\n"
					 "X:X:X:X::X\tIPv6 address of next-hop\n"
					 "<1-254>\tAdministrative distance (optional)\n"
					 "tag\tTag value (optional)\n<1-4294967295>\tTag value\n"
					 "name\tSpecify name of the next hop (optional)\nWORD\tName of the next hop";
	static const char route_syntax[] = "X:X:X:X::X/nn {X:X:X:X::X | IF [X:X:X:X::X]} [<1-254>] "
					   "[tag <1-4294967295> | name WORD]...";

	/* global */
	v6 = shell_node(cli, NULL, "ipv6", P, G, "Global IPv6 configuration commands");
	shell_syntax(cli, shell_cmd(cli, v6, "unicast-routing", cmd_unicast_routing, P, G,
				    "Enable unicast routing"), "");
	c = shell_cmd(cli, v6, "route", cmd_ipv6_route, P, G, "Configure static routes");
	shell_arghelp(cli, c, route_help);
	shell_syntax(cli, c, route_syntax);
	icmp = shell_node(cli, v6, "icmp", P, G, "Configure ICMP parameters");
	c = shell_cmd(cli, icmp, "error-interval", cmd_error_interval, P, G,
		      "Set error interval");
	shell_arghelp(cli, c, "<0-2147483647>\tInterval between error messages (ms)\n"
		      "<1-200>\tBucket size (optional)");
	shell_syntax(cli, c, "<0-2147483647> [<1-200>]");
	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	v6 = shell_node(cli, no, "ipv6", P, G, "Global IPv6 configuration commands");
	shell_syntax(cli, shell_cmd(cli, v6, "unicast-routing", cmd_no_unicast_routing, P, G,
				    "Enable unicast routing"), "");
	c = shell_cmd(cli, v6, "route", cmd_no_ipv6_route, P, G, "Configure static routes");
	shell_arghelp(cli, c, route_help);
	shell_syntax(cli, c, route_syntax);
	icmp = shell_node(cli, v6, "icmp", P, G, "Configure ICMP parameters");
	c = shell_cmd(cli, icmp, "error-interval", cmd_no_error_interval, P, G,
		      "Set error interval");
	shell_syntax(cli, c, "[<0-2147483647> [<1-200>]]");

	/* interface */
	v6 = shell_node(cli, NULL, "ipv6", P, I, "IPv6 interface subcommands");
	c = shell_cmd(cli, v6, "address", cmd_ipv6_address, P, I, "Configure IPv6 address on interface");
	shell_arghelp(cli, c, ifaddr_help);
	shell_syntax(cli, c, ifaddr_syntax);
	shell_syntax(cli, shell_cmd(cli, v6, "enable", cmd_ipv6_enable, P, I, "Enable IPv6 on interface"), "");
	nd = shell_node(cli, v6, "nd", P, I, "IPv6 interface Neighbor Discovery subcommands");
	c = shell_node(cli, nd, "ra", P, I, "Router Advertisement control");
	c = shell_cmd(cli, c, "suppress", cmd_ra_suppress, P, I, "Suppress IPv6 Router Advertisements");
	shell_arghelp(cli, c, "all\tSuppress all IPv6 RA (optional)");
	shell_syntax(cli, c, "[all]");
	no = shell_node(cli, NULL, "no", P, I, "Negate a command or set its defaults");
	v6 = shell_node(cli, no, "ipv6", P, I, "IPv6 interface subcommands");
	c = shell_cmd(cli, v6, "address", cmd_no_ipv6_address, P, I, "Configure IPv6 address on interface");
	shell_arghelp(cli, c, ifaddr_help);
	shell_syntax(cli, c, "[X:X:X:X::X/nn [eui-64] | X:X:X:X::X link-local]");
	shell_syntax(cli, shell_cmd(cli, v6, "enable", cmd_no_ipv6_enable, P, I, "Enable IPv6 on interface"), "");
	nd = shell_node(cli, v6, "nd", P, I, "IPv6 interface Neighbor Discovery subcommands");
	c = shell_node(cli, nd, "ra", P, I, "Router Advertisement control");
	c = shell_cmd(cli, c, "suppress", cmd_no_ra_suppress, P, I, "Suppress IPv6 Router Advertisements");
	shell_arghelp(cli, c, "all\tSuppress all IPv6 RA (optional)");
	shell_syntax(cli, c, "[all]");

	/* 'default X': the 'no' form, but RAs stay suppressed */
	c = shell_node(cli, NULL, "default", P, I, "Set a command to its defaults");
	v6 = shell_node(cli, c, "ipv6", P, I, "IPv6 interface subcommands");
	c = shell_cmd(cli, v6, "address", cmd_no_ipv6_address, P, I, "Configure IPv6 address on interface");
	shell_arghelp(cli, c, ifaddr_help);
	shell_syntax(cli, c, "[X:X:X:X::X/nn [eui-64] | X:X:X:X::X link-local]");
	shell_syntax(cli, shell_cmd(cli, v6, "enable", cmd_no_ipv6_enable, P, I, "Enable IPv6 on interface"), "");
	nd = shell_node(cli, v6, "nd", P, I, "IPv6 interface Neighbor Discovery subcommands");
	c = shell_node(cli, nd, "ra", P, I, "Router Advertisement control");
	c = shell_cmd(cli, c, "suppress", cmd_ra_suppress, P, I, "Suppress IPv6 Router Advertisements");
	shell_syntax(cli, c, "[all]");
	c = shell_node(cli, NULL, "default", P, G, "Set a command to its defaults");
	v6 = shell_node(cli, c, "ipv6", P, G, "Global IPv6 configuration commands");
	shell_syntax(cli, shell_cmd(cli, v6, "unicast-routing", cmd_no_unicast_routing, P, G, "Enable unicast routing"), "");
	icmp = shell_node(cli, v6, "icmp", P, G, "Configure ICMP parameters");
	c = shell_cmd(cli, icmp, "error-interval", cmd_no_error_interval, P, G, "Set error interval");
	shell_syntax(cli, c, "[<0-2147483647> [<1-200>]]");

	/* EXEC */
	show = shell_node(cli, NULL, "show", U, SHELL_EXEC, "Show running system information");
	v6 = shell_node(cli, show, "ipv6", U, SHELL_EXEC, "IPv6 information");
	c = shell_cmd(cli, v6, "interface", cmd_show_ipv6_interface, U, SHELL_EXEC, "IPv6 interface status and configuration");
	shell_arghelp(cli, c, "brief\tBrief summary of IPv6 status and configuration\n"
		      "IF\tInterface name (optional)");
	shell_syntax(cli, c, "[brief] [IF]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, v6, "neighbors", cmd_show_ipv6_neighbors, U, SHELL_EXEC, "Show IPv6 neighbor cache entries");
	shell_arghelp(cli, c, "IF\tInterface name (optional)");
	shell_syntax(cli, c, "[IF]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, v6, "route", cmd_show_ipv6_route, U, SHELL_EXEC, "Show IPv6 route table entries");
	shell_arghelp(cli, c, "vrf\tIPv6 Routing table for a VRF\n"
		      "WORD\tVRF name\n"
		      "X:X:X:X::X\tIPv6 address (longest match)\n"
		      "X:X:X:X::X/nn\tIPv6 prefix (exact)\n"
		      "longer-prefixes\tShow routes matching the specified prefix and longer ones\n"
		      "connected\tShow only connected routes\n"
		      "local\tShow only local routes\n"
		      "static\tShow only static routes\n"
		      "summary\tShow route summary");
	shell_syntax(cli, c, "[vrf WORD] [X:X:X:X::X | X:X:X:X::X/nn [longer-prefixes] | connected | local | "
			     "static | summary]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, v6, "cef", cmd_show_ipv6_cef, U, SHELL_EXEC, "Cisco Express Forwarding for IPv6");
	shell_arghelp(cli, c, "vrf\tSelect VPN Routing/Forwarding instance\n"
		      "WORD\tVRF name\n"
		      "X:X:X:X::X\tIPv6 address (longest match)\n"
		      "X:X:X:X::X/nn\tIPv6 prefix (exact, else longest match)\n"
		      "detail\tDisplay detailed information");
	shell_syntax(cli, c, "[vrf WORD] [X:X:X:X::X | X:X:X:X::X/nn] [detail]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, v6, "traffic", cmd_show_ipv6_traffic, U, SHELL_EXEC, "IPv6 traffic statistics");
	shell_syntax(cli, c, "");
	shell_json_ok(cli, c);
	clear = shell_node(cli, NULL, "clear", P, SHELL_EXEC, "Reset functions");
	v6 = shell_node(cli, clear, "ipv6", P, SHELL_EXEC, "IPv6");
	shell_syntax(cli, shell_cmd(cli, v6, "neighbors", cmd_clear_ipv6_neighbors, P, SHELL_EXEC,
				    "Clear IPv6 neighbor cache"), "");
	shell_syntax(cli, shell_cmd(cli, v6, "traffic", cmd_clear_ipv6_traffic, P, SHELL_EXEC,
				    "Clear IPv6 traffic statistics"), "");
}

const struct shell_feature shell_feature_ipv6 = {
	.name = "ipv6",
	.cmds = ipv6_cmds,
	.write = ipv6_write,
	.write_if = ipv6_write_if,
	.default_if = ipv6_default_if,
};

/* 'ipv6 route' lines, after the IPv4 static routes. */
const struct shell_feature shell_feature_ipv6_route = {
	.name = "ipv6-route",
	.write = route6_write,
};
