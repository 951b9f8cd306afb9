/*
 * DOC: static routes and the routing table: 'ip route', 'no ip route',
 * 'show ip route [A | P M]'; 'ip icmp rate-limit unreachable [df] MS'
 *
 * 'ip route P M {NEXTHOP | INTERFACE [NEXTHOP]} [DISTANCE]': the third word
 * is a next hop when it reads as an IPv4 address, else an interface that
 * must exist (Null0 always does).  The table prints in IOS layout: routes
 * more specific than their classful network are grouped under an
 * "is subnetted" header, a local /32 that is also its interface's subnet
 * shows as connected only.  With a LISP engine, the map-cache prefixes
 * that have no route of their own join the table with code l (LISP puts
 * nothing in the FIB; lisp_cef_foreach() says which they are).  '| json'
 * gives the same routes as a flat list, each with its configured next hop
 * and resolved egress.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "fib.h"
#include "iface.h"
#include "json.h"
#include "lisp.h"
#include "router.h"
#include "shell.h"
#include "vrf.h"
#include "cmd_lisp.h"

struct route_args {
	struct prefix p;
	struct addr gw;
	char ifname[SHELL_NAME_MAX];
	struct route_opts o;
};

int shell_route_opts(struct cli_def *cli, char **argv, int argc, int i, long maxdist,
		     struct route_opts *o)
{
	bool tag = false, name = false;
	long v;

	memset(o, 0, sizeof(*o));
	o->distance = 1;
	if (i < argc && argv[i][0] >= '0' && argv[i][0] <= '9') {
		if ((o->distance = shell_arg_uint(cli, argv, argc, i, 1, maxdist)) < 0)
			return -1;
		i++;
	}
	while (i < argc) {
		size_t n = strlen(argv[i]);

		if (!tag && n && !strncasecmp(argv[i], "tag", n)) {
			if ((v = shell_arg_uint(cli, argv, argc, i + 1, 1, 4294967295L)) < 0)
				return -1;
			o->tag = (uint32_t)v;
			tag = true;
		} else if (!name && n && !strncasecmp(argv[i], "name", n)) {
			if (i + 1 >= argc)
				return shell_err_incomplete(cli), -1;
			if (strlen(argv[i + 1]) >= sizeof(o->name)) {
				shell_err(cli, "%% Route name too long (at most %zu characters)", sizeof(o->name) - 1);
				return -1;
			}
			snprintf(o->name, sizeof(o->name), "%s", argv[i + 1]);
			name = true;
		} else {
			shell_err_invalid(cli, i);
			return -1;
		}
		i += 2;
	}
	return 0;
}

void shell_route_opts_write(FILE *f, unsigned distance, uint32_t tag, const char *name)
{
	if (distance != 1)
		fprintf(f, " %u", distance);
	if (tag)
		fprintf(f, " tag %u", (unsigned)tag);
	if (name && name[0])
		fprintf(f, " name %s", name);
}

static int parse_route(struct cli_def *cli, struct router *r, char **argv, int argc, int o,
		       struct route_args *ra)
{
	struct addr m;
	int i = o + 3;
	char err[128];

	memset(ra, 0, sizeof(*ra));
	if (argc < o + 3) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (addr_parse(argv[o + 0], &ra->p.addr, NULL, 0) == -1 || !addr_is_v4(&ra->p.addr)) {
		shell_err_invalid(cli, o + 0);
		return -1;
	}
	if (addr_parse(argv[o + 1], &m, NULL, 0) == -1 || !addr_is_v4(&m) || mask_to_len(ntohl(m.u.v4)) < 0) {
		shell_err_invalid(cli, o + 1);
		return -1;
	}
	if (prefix_parse_mask(argv[o + 0], argv[o + 1], &ra->p, err, sizeof(err)) == -1) {
		/* IOS: "%Inconsistent address and mask" for host bits. */
		shell_err(cli, "%%Inconsistent address and mask");
		return -1;
	}
	if (addr_parse(argv[o + 2], &ra->gw, NULL, 0) == 0) {
		if (!addr_is_v4(&ra->gw)) {
			shell_err_invalid(cli, o + 2);
			return -1;
		}
	} else {
		if (!shell_ifname(r, &argv[o + 2], 1, ra->ifname, sizeof(ra->ifname)) ||
		    !shell_ifname_usable(r, ra->ifname)) {
			shell_err_invalid(cli, o + 2);
			return -1;
		}
		if (argc > o + 3 && addr_parse(argv[o + 3], &ra->gw, NULL, 0) == 0) {
			if (!addr_is_v4(&ra->gw)) {
				shell_err_invalid(cli, o + 3);
				return -1;
			}
			i = o + 4;
		}
	}
	return shell_route_opts(cli, argv, argc, i, 255, &ra->o);
}

bool shell_refuse_own_gw(struct cli_def *cli, struct router *r, unsigned vrf, const struct addr *gw)
{
	struct shell_sess *s = shell_sess_of(cli);

	if ((s && s->replay) || !fib_gw_is_own(r, vrf, gw))
		return false;
	shell_err(cli, "%%Invalid next hop address (it's this router)");
	return true;
}

static int cmd_ip_route(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct route_args ra;
	struct router *r;
	char err[256];
	int vrf, o;

	if (!(r = shell_router(cli)) || (vrf = shell_vrf_arg(cli, r, argv, argc, &o)) < 0 ||
	    parse_route(cli, r, argv, argc, o, &ra) == -1)
		return CLI_ERROR;
	if (shell_refuse_own_gw(cli, r, (unsigned)vrf, &ra.gw))
		return CLI_ERROR;
	err[0] = '\0';
	if (fib_static_add_vrf(r, (unsigned)vrf, &ra.p, &ra.gw, ra.ifname[0] ? ra.ifname : NULL,
			       (unsigned)ra.o.distance, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	fib_static_set_label(r, (unsigned)vrf, &ra.p, &ra.gw, ra.ifname[0] ? ra.ifname : NULL, ra.o.tag,
			     ra.o.name);
	return CLI_OK;
}

static int cmd_no_ip_route(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct route_args ra;
	struct router *r;
	char err[256];
	int vrf, o;

	if (!(r = shell_router(cli)) || (vrf = shell_vrf_arg(cli, r, argv, argc, &o)) < 0 ||
	    parse_route(cli, r, argv, argc, o, &ra) == -1)
		return CLI_ERROR;
	err[0] = '\0';
	if (fib_static_del_vrf(r, (unsigned)vrf, &ra.p, &ra.gw, ra.ifname[0] ? ra.ifname : NULL, err,
			       sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int write_static(const struct fib_static *s, void *arg)
{
	struct route_wr *w = arg;
	FILE *f = w->f;
	struct addr a;
	char pb[ADDR_STRLEN], mb[ADDR_STRLEN], gb[ADDR_STRLEN];

	addr_set_v4(&a, len_to_mask(s->prefix.len));
	fprintf(f, "ip route %s%s%s%s %s", w->vrf ? "vrf " : "", w->vrf ? w->vrf : "",
		w->vrf ? " " : "", addr_fmt(&s->prefix.addr, pb, sizeof(pb)), addr_fmt(&a, mb, sizeof(mb)));
	if (s->ifname[0])
		fprintf(f, " %s", s->ifname);
	if (s->gw) {
		addr_set_v4(&a, s->gw);
		fprintf(f, " %s", addr_fmt(&a, gb, sizeof(gb)));
	}
	shell_route_opts_write(f, s->distance, s->tag, s->name);
	fputc('\n', f);
	return 0;
}

/*
 * More static routes than this in a VRF are written in slices of this
 * many, the router lock let go between them (100,000 'ip route' lines
 * held it 59 ms at once).
 */
#define ROUTE_SLICE	512

/* A VRF's routes of one family written later: where the walk is. */
struct route_part {
	unsigned vrf;
	char name[VRF_NAMELEN];		/* "" the default VRF */
	int (*line4)(const struct fib_static *s, void *arg);
	int (*line6)(const struct fib6_static *s, void *arg);
	bool started;
	struct fib_static after4;	/* the last one written */
	struct fib6_static after6;
};

struct route_slice {
	struct route_wr w;
	struct route_part *rp;
	unsigned left;
};

static int slice4(const struct fib_static *s, void *arg)
{
	struct route_slice *x = arg;

	x->rp->started = true;
	x->rp->after4 = *s;
	x->rp->line4(s, &x->w);
	return --x->left == 0;
}

static int slice6(const struct fib6_static *s, void *arg)
{
	struct route_slice *x = arg;

	x->rp->started = true;
	x->rp->after6 = *s;
	x->rp->line6(s, &x->w);
	return --x->left == 0;
}

static int fill_routes(struct shell *sh, void *arg, FILE *out)
{
	struct route_part *rp = arg;
	struct route_slice x = { { out, sh->router, rp->vrf ? rp->name : NULL }, rp, ROUTE_SLICE };
	const char *now;

	if (!sh->router)
		return 0;
	if (rp->vrf && (!(now = vrf_name(sh->router, rp->vrf)) || strcmp(now, rp->name)))
		return 0;	/* the VRF was deleted meanwhile */
	if (rp->line4)
		return fib_static_foreach_vrf_after(sh->router, rp->vrf, rp->started ? &rp->after4 : NULL,
						    slice4, &x) > 0;
	return fib6_static_foreach_vrf_after(sh->router, rp->vrf, rp->started ? &rp->after6 : NULL,
					     slice6, &x) > 0;
}

void shell_write_routes(struct shell *sh, FILE *f, unsigned vrf, const char *name,
			int (*line4)(const struct fib_static *s, void *arg),
			int (*line6)(const struct fib6_static *s, void *arg))
{
	struct route_wr w = { f, sh->router, name };
	struct route_part rp = { .vrf = vrf, .line4 = line4, .line6 = line6 };
	size_t n;

	if (!sh->router)
		return;
	n = line4 ? fib_static_prefixes_vrf(sh->router, vrf) : fib6_static_prefixes_vrf(sh->router, vrf);
	if (!n)
		return;
	if (n > ROUTE_SLICE && strlen(name ? name : "") < sizeof(rp.name)) {
		snprintf(rp.name, sizeof(rp.name), "%s", name ? name : "");
		if (shell_config_defer(f, fill_routes, &rp, sizeof(rp)))
			return;
	}
	if (line4)
		fib_static_foreach_vrf(sh->router, vrf, line4, &w);
	else
		fib6_static_foreach_vrf(sh->router, vrf, line6, &w);
}

struct vrf_wr {
	struct shell *sh;
	FILE *f;
};

static int write_vrf_statics(const struct vrf_info *v, void *arg)
{
	struct vrf_wr *w = arg;

	shell_write_routes(w->sh, w->f, v->id, v->name, write_static, NULL);
	return 0;
}

/* The default table's routes, then each VRF's in name order, as IOS;
 * before them the ICMP unreachable limits that are not IOS's default. */
static void route_write(struct shell *sh, FILE *f)
{
	struct vrf_wr w = { sh, f };

	if (!sh->router)
		return;
	for (int df = 0; df < 2; df++) {
		uint32_t ms = router_icmp_unreach_limit(sh->router, df);

		if (!ms)
			fprintf(f, "no ip icmp rate-limit unreachable%s\n", df ? " df" : "");
		else if (ms != ROUTER_ICMP_RL_MS)
			fprintf(f, "ip icmp rate-limit unreachable %s%u\n", df ? "df " : "", ms);
	}
	if (!router_source_route(sh->router))
		fprintf(f, "no ip source-route\n");
	if (router_ip_options(sh->router) != ROUTER_OPTIONS_PROCESS)
		fprintf(f, "ip options %s\n", router_ip_options(sh->router) == ROUTER_OPTIONS_DROP ? "drop" : "ignore");
	shell_write_routes(sh, f, VRF_DEFAULT, NULL, write_static, NULL);
	vrf_foreach(sh->router, write_vrf_statics, &w);
}

/* ------------------------------------------------------------ show */

/*
 * The table is copied row by row (cef_slices(): at most 256 at a time with
 * the router lock held, as 'show ip cef' is) and printed with the lock let
 * go, so a big table never holds the router while it is formatted.  A row
 * is a FIB route, or a LISP row (code l): a map-cache prefix with no FIB
 * route of its own, as 'show ip cef' lists them; LISP installs nothing in
 * the FIB.
 */
struct rrow {
	struct fib_entry fe;		/* a copy: fe.oif is not followed */
	char oif[CEF_IFNAME_MAX];	/* its egress interface, "Null0" none */
	bool lisp;
	struct addr nh;			/* a LISP row's RLOC or PETR; AFI_NONE: none */
};

struct table {
	struct rrow *e;
	size_t n, cap;
	bool lisp;			/* LISP rows wanted (the default table) */
	bool failed;
};

static void collect(const struct cef_row *row, void *arg)
{
	const struct lisp_cef_info *c = &row->c;
	struct table *t = arg;
	struct rrow *r;

	if (!c->route_found && !(t->lisp && c->mc_found))
		return;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		struct rrow *ne = realloc(t->e, cap * sizeof(*ne));

		if (!ne) {
			t->failed = true;
			return;
		}
		t->e = ne;
		t->cap = cap;
	}
	r = &t->e[t->n++];
	memset(r, 0, sizeof(*r));
	if (c->route_found) {
		r->fe = c->route;
		r->fe.oif = NULL;
		r->fe.lisp_action = FIB_LISP_NONE;
		snprintf(r->oif, sizeof(r->oif), "%s", row->route_ifname);
		return;
	}
	r->lisp = true;
	r->fe.prefix = c->prefix;
	r->fe.type = FIB_STATIC;
	r->fe.lisp_action = c->action;
	if (c->action == FIB_LISP_ENCAP || c->action == FIB_LISP_NATIVE_PETR)
		r->nh = c->nexthop;
	r->fe.pkts = c->mc.pkts;
	r->fe.bytes = c->mc.bytes;
	snprintf(r->oif, sizeof(r->oif), "LISP0");
}

static const char *lisp_action_word(enum fib_lisp_action a)
{
	return a == FIB_LISP_SIGNAL ? "signal" : a == FIB_LISP_DROP ? "drop" : "fwd native";
}

/* The interface a static route names (its egress: the FIB marks such
 * routes), or NULL. */
static const char *static_ifname(const struct rrow *r)
{
	return r->fe.type == FIB_STATIC && (r->fe.flags & FIB_F_IFACE) ? r->oif : NULL;
}

static unsigned classful_len(uint32_t v4)
{
	uint8_t o = ntohl(v4) >> 24;

	return o < 128 ? 8 : o < 192 ? 16 : o < 224 ? 24 : 32;
}

static bool is_connected(const struct fib_entry *e)
{
	return e->type == FIB_CONNECTED || (e->type == FIB_LOCAL && (e->flags & FIB_F_CONNECTED));
}

/* 'show ip route {connected | static | lisp}': the routes of one source
 * (connected takes the local /32s too, as IOS lists them with it);
 * 'show ip route P M longer-prefixes': those inside P/M (within). */
enum rsrc { RS_ALL, RS_CONNECTED, RS_STATIC, RS_LISP };

struct rfilter {
	enum rsrc src;
	bool within;
	struct prefix p;
};

static bool shown(const struct rrow *r, const struct rfilter *f)
{
	if (f->within && !prefix_covers(&f->p, &r->fe.prefix))
		return false;
	switch (f->src) {
	case RS_CONNECTED:
		return !r->lisp && r->fe.type != FIB_STATIC;
	case RS_STATIC:
		return !r->lisp && r->fe.type == FIB_STATIC;
	case RS_LISP:
		return r->lisp;
	default:
		return true;
	}
}

static void route_line(struct cli_def *cli, const struct rrow *lr, bool sub)
{
	const struct fib_entry *e = &lr->fe;
	const char *code, *ifn;
	char pb[PREFIX_STRLEN], gb[ADDR_STRLEN], lead[16];
	struct addr g;

	prefix_fmt(&e->prefix, pb, sizeof(pb));
	if (lr->lisp) {
		snprintf(lead, sizeof(lead), "%-*s", sub ? 9 : 6, "l");
		if (lr->nh.afi != AFI_NONE)
			cli_print(cli, "%s%s via %s, LISP0", lead, pb, addr_fmt(&lr->nh, gb, sizeof(gb)));
		else
			cli_print(cli, "%s%s is a LISP map-cache entry (%s)", lead, pb,
				  lisp_action_word(e->lisp_action));
		return;
	}
	if (is_connected(e))
		code = "C";
	else if (e->type == FIB_LOCAL)
		code = "L";
	else
		code = e->prefix.len == 0 ? "S*" : "S";
	snprintf(lead, sizeof(lead), "%-*s", sub ? 9 : 6, code);
	if (e->type != FIB_STATIC) {
		cli_print(cli, "%s%s is directly connected, %s", lead, pb, lr->oif);
		return;
	}
	ifn = static_ifname(lr);
	if (!e->cfg_gw) {
		cli_print(cli, "%s%s is directly connected, %s", lead, pb, ifn ? ifn : lr->oif);
		return;
	}
	addr_set_v4(&g, e->cfg_gw);
	addr_fmt(&g, gb, sizeof(gb));
	if (ifn)
		cli_print(cli, "%s%s [%u/0] via %s, %s", lead, pb, e->distance, gb, ifn);
	else
		cli_print(cli, "%s%s [%u/0] via %s", lead, pb, e->distance, gb);
}

static void print_table(struct cli_def *cli, const struct table *t, const struct rfilter *want)
{
	const struct fib_entry *dflt = NULL;

	cli_print(cli, "Codes: L - local, C - connected, S - static, l - LISP");
	cli_print(cli, "       * - candidate default");
	cli_print(cli, "%s", "");
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].fe.prefix.len == 0 && !t->e[i].lisp)
			dflt = &t->e[i].fe;
	if (dflt) {
		struct addr g;
		char gb[ADDR_STRLEN];

		addr_set_v4(&g, dflt->cfg_gw);
		cli_print(cli, "Gateway of last resort is %s to network 0.0.0.0", addr_fmt(&g, gb, sizeof(gb)));
	} else {
		cli_print(cli, "Gateway of last resort is not set");
	}
	cli_print(cli, "%s", "");
	for (size_t i = 0; i < t->n;) {
		const struct fib_entry *e = &t->e[i].fe;
		unsigned cl = classful_len(e->prefix.addr.u.v4), masks = 0;
		uint32_t net = e->prefix.addr.u.v4 & len_to_mask(cl);
		bool seen[33] = { false }, deeper = false, any = false;
		size_t j;

		/* The classful network's routes, and whether any is a subnet. */
		for (j = i; j < t->n && cl < 32 && t->e[j].fe.prefix.len >= cl &&
			    (t->e[j].fe.prefix.addr.u.v4 & len_to_mask(cl)) == net; j++) {
			if (t->e[j].fe.prefix.len > cl)
				deeper = true;
			if (!seen[t->e[j].fe.prefix.len]) {
				seen[t->e[j].fe.prefix.len] = true;
				masks++;
			}
			any |= shown(&t->e[j], want);
		}
		if (!deeper || j == i) {
			if (shown(&t->e[i], want))
				route_line(cli, &t->e[i], false);
			i++;
			continue;
		}
		/* The network's header counts all its subnets, shown or not,
		 * as IOS's does; a network with none of the source is left out. */
		if (!any) {
			i = j;
			continue;
		}
		{
			struct prefix np;
			struct addr na;
			char nb[PREFIX_STRLEN];

			addr_set_v4(&na, net);
			if (masks == 1)
				prefix_make(&np, &na, t->e[i].fe.prefix.len);
			else
				prefix_make(&np, &na, cl);
			prefix_fmt(&np, nb, sizeof(nb));
			if (masks == 1)
				cli_print(cli, "      %s is subnetted, %zu subnets", nb, j - i);
			else
				cli_print(cli, "      %s is variably subnetted, %zu subnets, %u masks", nb, j - i, masks);
		}
		for (; i < j; i++)
			if (shown(&t->e[i], want))
				route_line(cli, &t->e[i], true);
	}
}

/* Per source (connected, static, lisp): routes and the entries' bytes. */
struct rsum {
	size_t nets[3], subs[3], mem[3];
};

static const char *const sum_names[] = { "connected", "static", "lisp" };

static void count_sources(const struct table *t, struct rsum *m)
{
	memset(m, 0, sizeof(*m));
	for (size_t i = 0; i < t->n; i++) {
		const struct rrow *r = &t->e[i];
		bool sub = r->fe.prefix.len > classful_len(r->fe.prefix.addr.u.v4);
		int k = r->lisp ? 2 : r->fe.type == FIB_STATIC ? 1 : 0;

		(sub ? m->subs : m->nets)[k]++;
		m->mem[k] += k == 2 ? lisp_map_cache_entry_bytes() : sizeof(struct fib_entry);
	}
}

/*
 * 'show ip route summary' in IOS's layout: per source, the routes no
 * longer than their classful network (Networks) and the longer ones
 * (Subnets).  lispr neither replicates routes nor keeps per-route overhead
 * apart from the entry: the memory column is the entries' fixed size (a
 * FIB entry, a map-cache entry without its locators; the lookup tables
 * beside them are not counted).
 */
static void print_summary(struct cli_def *cli, const struct table *t, const char *vname,
			  unsigned vrf)
{
	size_t tn = 0, ts = 0, tm = 0;
	struct rsum m;

	count_sources(t, &m);
	cli_print(cli, "IP routing table name is %s (0x%x)", vname, vrf);
	cli_print(cli, "IP routing table maximum-paths is 1");
	cli_print(cli, "Route Source    Networks    Subnets     Replicates  Overhead    Memory (bytes)");
	for (int k = 0; k < 3; k++) {
		if (k == 2 && !t->lisp)
			continue;	/* a VRF's table has no LISP rows */
		cli_print(cli, "%-15s %-11zu %-11zu %-11u %-11u %zu", sum_names[k], m.nets[k], m.subs[k],
			  0u, 0u, m.mem[k]);
		tn += m.nets[k];
		ts += m.subs[k];
		tm += m.mem[k];
	}
	cli_print(cli, "%-15s %-11zu %-11zu %-11u %-11u %zu", "Total", tn, ts, 0u, 0u, tm);
}

static void summary_json(struct json *j, const struct table *t, const char *vname)
{
	struct rsum m;

	count_sources(t, &m);
	json_open(j);
	json_begin(j, NULL, '{');
	json_str(j, "vrf", vname);
	json_begin(j, "sources", '[');
	for (int k = 0; k < 3; k++) {
		if (k == 2 && !t->lisp)
			continue;
		json_begin(j, NULL, '{');
		json_str(j, "source", sum_names[k]);
		json_uint(j, "networks", m.nets[k]);
		json_uint(j, "subnets", m.subs[k]);
		json_uint(j, "memory_bytes", m.mem[k]);
		json_end(j, '}');
	}
	json_end(j, ']');
	json_uint(j, "total", t->n);
	json_end(j, '}');
}

static void print_entry(struct cli_def *cli, const struct rrow *lr, uint32_t tag)
{
	const struct fib_entry *e = &lr->fe;
	char pb[PREFIX_STRLEN], gb[ADDR_STRLEN];
	struct addr g;
	const char *ifn;

	cli_print(cli, "Routing entry for %s", prefix_fmt(&e->prefix, pb, sizeof(pb)));
	if (lr->lisp) {
		cli_print(cli, "  Known via \"lisp\" (map-cache), fwd action %s",
			  lr->nh.afi != AFI_NONE ? e->lisp_action == FIB_LISP_ENCAP ? "encap" : "fwd native via petr" :
			  lisp_action_word(e->lisp_action));
		cli_print(cli, "  Routing Descriptor Blocks:");
		if (lr->nh.afi != AFI_NONE)
			cli_print(cli, "  * %s, via LISP0", addr_fmt(&lr->nh, gb, sizeof(gb)));
		else
			cli_print(cli, "  * none");
		cli_print(cli, "      %llu packets, %llu bytes", (unsigned long long)e->pkts,
			  (unsigned long long)e->bytes);
		return;
	}
	if (e->type != FIB_STATIC) {
		cli_print(cli, "  Known via \"connected\", distance 0, metric 0 (connected, via interface)");
		cli_print(cli, "  Routing Descriptor Blocks:");
		cli_print(cli, "  * directly connected, via %s", lr->oif);
	} else {
		ifn = static_ifname(lr);
		cli_print(cli, "  Known via \"static\", distance %u, metric 0%s", e->distance,
			  e->cfg_gw ? "" : " (connected)");
		if (tag)
			cli_print(cli, "  Tag %u", tag);
		cli_print(cli, "  Routing Descriptor Blocks:");
		if (e->cfg_gw) {
			addr_set_v4(&g, e->cfg_gw);
			addr_fmt(&g, gb, sizeof(gb));
			if (ifn)
				cli_print(cli, "  * %s, via %s", gb, ifn);
			else
				cli_print(cli, "  * %s", gb);
		} else {
			cli_print(cli, "  * directly connected, via %s", ifn ? ifn : lr->oif);
		}
	}
	cli_print(cli, "      Route metric is 0, traffic share count is 1");
	if (tag)
		cli_print(cli, "      Route tag %u", tag);
}

static void route_json(struct json *j, const struct rrow *lr)
{
	const struct fib_entry *e = &lr->fe;
	static const char *const proto[] = {
		[FIB_CONNECTED] = "connected", [FIB_LOCAL] = "local", [FIB_STATIC] = "static",
	};
	const char *ifn = lr->lisp ? NULL : static_ifname(lr);
	struct addr g;

	json_begin(j, NULL, '{');
	json_prefix(j, "prefix", &e->prefix);
	if (lr->lisp) {
		json_str(j, "protocol", "lisp");
		json_uint(j, "distance", 0);
		json_uint(j, "metric", 0);
		json_addr(j, "next_hop", &lr->nh);
		if (lr->nh.afi != AFI_NONE) {
			json_str(j, "interface", "LISP0");
			json_str(j, "egress_interface", "LISP0");
		} else {
			json_null(j, "interface");
			json_null(j, "egress_interface");
		}
		json_bool(j, "candidate_default", false);
		json_uint(j, "packets", e->pkts);
		json_uint(j, "bytes", e->bytes);
		json_end(j, '}');
		return;
	}
	json_str(j, "protocol", is_connected(e) ? "connected" : proto[e->type]);
	json_uint(j, "distance", e->distance);
	json_uint(j, "metric", 0);
	if (e->cfg_gw)
		addr_set_v4(&g, e->cfg_gw);
	else
		memset(&g, 0, sizeof(g));
	json_addr(j, "next_hop", &g);
	if (ifn)
		json_str(j, "interface", ifn);
	else
		json_null(j, "interface");
	json_str(j, "egress_interface", lr->oif);
	json_bool(j, "candidate_default", e->type == FIB_STATIC && e->prefix.len == 0);
	json_uint(j, "packets", e->pkts);
	json_uint(j, "bytes", e->bytes);
	json_end(j, '}');
}

/* The whole table, or the entries matched (none: an empty list). */
static void build_json(struct json *j, const struct table *t, const struct rrow *only, bool one,
		       const char *vrf, const struct rfilter *want)
{
	const struct fib_entry *dflt = NULL;
	struct addr g;

	memset(&g, 0, sizeof(g));
	for (size_t i = 0; i < t->n; i++)
		if (t->e[i].fe.prefix.len == 0 && !t->e[i].lisp)
			dflt = &t->e[i].fe;
	if (dflt && dflt->cfg_gw)
		addr_set_v4(&g, dflt->cfg_gw);
	json_open(j);
	json_begin(j, NULL, '{');
	json_str(j, "vrf", vrf);
	json_addr(j, "gateway_of_last_resort", &g);
	json_begin(j, "routes", '[');
	if (one) {
		if (only)
			route_json(j, only);
	} else {
		for (size_t i = 0; i < t->n; i++)
			if (shown(&t->e[i], want))
				route_json(j, &t->e[i]);
	}
	json_end(j, ']');
	json_end(j, '}');
}

static int cmd_show_ip_route(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *ss = shell_sess_of(cli);
	struct table t = { 0 };
	struct router *r;
	struct addr a, m;
	struct prefix want;
	const struct rrow *e = NULL;
	struct json j;
	char vname[SHELL_NAME_MAX];
	int rc = CLI_OK;
	bool json = shell_json(cli), found = false, summary = false;
	int vrf = VRF_DEFAULT, o = 0;
	struct rfilter filt = { .src = RS_ALL };

	/* 'show ip route vrf NAME ...': the VRF's table, without LISP rows
	 * (the map-cache of the default table's instance). */
	if (!(r = shell_router(cli)) ||
	    (vrf = shell_vrf_arg_as(cli, r, argv, argc, &o, "IP routing table")) < 0)
		return CLI_ERROR;
	argv += o;
	argc -= o;
	if (argc >= 1 && addr_parse(argv[0], &a, NULL, 0) == -1) {
		static const char *const words[] = { "connected", "static", "lisp", "summary" };
		int k = shell_kw_pick(argv, 0, words, 4);

		if (k == -2)
			return shell_err_ambiguous(cli, o);
		if (k < 0)
			return shell_err_invalid(cli, o);
		if (argc > 1)
			return shell_err_invalid(cli, o + 1);
		if (k == 3)
			summary = true;
		else
			filt.src = (enum rsrc)(k + 1);
		argc = 0;
	}
	if (argc >= 3) {
		static const char *const lp[] = { "longer-prefixes" };

		if (shell_kw_pick(argv, 2, lp, 1) != 0)
			return shell_err_invalid(cli, o + 2);
		if (argc > 3)
			return shell_err_invalid(cli, o + 3);
		filt.within = true;
		argc = 2;
	}
	if (argc >= 1 && !addr_is_v4(&a))
		return shell_err_invalid(cli, o);
	if (argc == 2 && (addr_parse(argv[1], &m, NULL, 0) == -1 || !addr_is_v4(&m) || mask_to_len(ntohl(m.u.v4)) < 0))
		return shell_err_invalid(cli, o + 1);
	if (vrf != VRF_DEFAULT && !json && !summary)
		cli_print(cli, "%s", "");
	if (vrf != VRF_DEFAULT && !json && !summary)
		cli_print(cli, "Routing Table: %s", vrf_name(r, (unsigned)vrf));
	snprintf(vname, sizeof(vname), "%s", vrf_name(r, (unsigned)vrf));
	if (argc == 1) {
		const struct fib_entry *fe = fib_lookup_vrf(r, (unsigned)vrf, a.u.v4);

		if ((found = fe && fe->prefix.len != 0))
			want = fe->prefix;
	} else if (argc == 2) {
		prefix_make(&want, &a, mask_to_len(ntohl(m.u.v4)));
		found = true;
	}
	if (filt.within) {
		filt.p = want;
		argc = 0;	/* the table, what P M covers of it */
		found = false;
	}
	t.lisp = vrf == VRF_DEFAULT;
	if (cef_slices(cli, (unsigned)vrf, AFI_IPV4, &cef_fmt4, collect, &t) == -1 || t.failed) {
		rc = shell_err(cli, "%% Out of memory");
		goto out;
	}
	/* The rows are copies, in prefix order: printed with the lock let go. */
	shell_unlock(ss->sh);
	for (size_t i = 0; found && i < t.n && !e; i++)
		if (prefix_eq(&t.e[i].fe.prefix, &want))
			e = &t.e[i];
	if (summary && json) {
		summary_json(&j, &t, vname);
	} else if (summary) {
		print_summary(cli, &t, vname, (unsigned)vrf);
	} else if (json) {
		build_json(&j, &t, e, argc > 0, vname, &filt);
	} else if (argc == 0) {
		print_table(cli, &t, &filt);
	} else if (!e) {
		rc = shell_err(cli, argc == 1 ? "%% Network not in table" : "%% Subnet not in table");
	} else {
		uint32_t tag = 0;

		/* The tag is the configured route's, not the table's. */
		if (!e->lisp && e->fe.type == FIB_STATIC) {
			shell_lock(ss->sh);
			tag = fib_static_tag(r, (unsigned)vrf, &e->fe.prefix, e->fe.cfg_gw,
					     (e->fe.flags & FIB_F_IFACE) ? e->oif : NULL);
			shell_unlock(ss->sh);
		}
		print_entry(cli, e, tag);
	}
	shell_lock(ss->sh);
	if (json)
		rc = json_print(cli, &j);	/* lets the lock go as it copies */
out:
	free(t.e);
	return rc;
}

/* 'ip icmp rate-limit unreachable [df] MS': at most one ICMP unreachable
 * per MS milliseconds (500 by default), those saying fragmentation needed
 * (df) counted apart; 'no ...' sends them all. */
static int icmp_rl(struct cli_def *cli, char **argv, int argc, bool no)
{
	struct router *r = shell_router(cli);
	bool df = argc && strlen(argv[0]) <= 2 && !strncasecmp(argv[0], "df", strlen(argv[0]));
	int i = df ? 1 : 0;
	long ms = 0;

	if (!no || argc > i) {	/* the no form may repeat the value */
		if ((ms = shell_arg_uint(cli, argv, argc, i, 1, 4294967295L)) < 0)
			return CLI_ERROR;
		i++;
	}
	if (argc > i)
		return shell_err_invalid(cli, i);
	if (!r)
		return CLI_ERROR;
	router_set_icmp_unreach_limit(r, df, no ? 0 : (uint32_t)ms);
	return CLI_OK;
}

static int cmd_icmp_rl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return icmp_rl(cli, argv, argc, false);
}

static int cmd_no_icmp_rl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return icmp_rl(cli, argv, argc, true);
}

/* [no] ip source-route: packets with a loose or strict source route go
 * on (IOS's default) or are dropped. */
static int cmd_source_route(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r = shell_router(cli);

	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!r)
		return CLI_ERROR;
	router_set_source_route(r, strncmp(cmd, "no ", 3) != 0);
	return CLI_OK;
}

/* ip options {drop | ignore}; no ip options */
static int cmd_ip_options(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char *const modes[] = { "drop", "ignore" };
	struct router *r = shell_router(cli);
	int k = -1;

	if (strncmp(cmd, "no ", 3)) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if ((k = shell_kw_pick(argv, 0, modes, 2)) < 0)
			return shell_err_invalid(cli, 0);
		if (argc > 1)
			return shell_err_invalid(cli, 1);
	}
	if (!r)
		return CLI_ERROR;
	router_set_ip_options(r, k == 0 ? ROUTER_OPTIONS_DROP : k == 1 ? ROUTER_OPTIONS_IGNORE
							   : ROUTER_OPTIONS_PROCESS);
	if (k == 0)
		cli_print(cli, "%% Warning: RSVP and other protocols that use IP Options packets may not "
			  "function as expected.");
	return CLI_OK;
}

static void route_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_CONFIG;
	struct cli_command *c, *ip, *no, *show;
	static const char help[] = "vrf\tConfigure static route for a VPN Routing/Forwarding instance\n"
				   "WORD\tVPN Routing/Forwarding instance name\n"
				   "A.B.C.D\tDestination prefix\n"
				   "A.B.C.D\tDestination prefix mask\n"
				   "A.B.C.D\tForwarding router's address\n"
				   "IF\tForwarding interface (then an optional next hop)\n"
				   "<1-255>\tDistance metric for this route (optional)\n"
				   "tag\tSet tag for this route (optional)\n<1-4294967295>\tTag value\n"
				   "name\tSpecify name of the next hop (optional)\nWORD\tName of the next hop";
	static const char syntax[] = "[vrf WORD] A.B.C.D A.B.C.D {A.B.C.D | IF [A.B.C.D]} [<1-255>] "
				     "[tag <1-4294967295> | name WORD]...";

	ip = shell_node(cli, NULL, "ip", P, M, "Global IP configuration subcommands");
	c = shell_cmd(cli, ip, "route", cmd_ip_route, P, M, "Establish static routes");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, syntax);
	c = shell_node(cli, ip, "icmp", P, M, "ICMP options");
	c = shell_node(cli, c, "rate-limit", P, M, "rate limit ICMP messages");
	c = shell_cmd(cli, c, "unreachable", cmd_icmp_rl, P, M, "rate limit ICMP unreachable messages");
	shell_arghelp(cli, c, "<1-4294967295>\tOnce-every-N milliseconds\n"
		      "df\tSet rate limit for DF unreachable messages\n"
		      "<1-4294967295>\tOnce-every-N milliseconds");
	shell_syntax(cli, c, "{<1-4294967295> | df <1-4294967295>}");
	shell_syntax(cli, shell_cmd(cli, ip, "source-route", cmd_source_route, P, M,
				    "Process packets with source routing header options"), "");
	c = shell_cmd(cli, ip, "options", cmd_ip_options, P, M, "IP options processing");
	shell_arghelp(cli, c, "drop\tDrop all IP packets with options\n"
		      "ignore\tIgnore IP options in all packets");
	shell_syntax(cli, c, "{drop | ignore}");
	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	ip = shell_node(cli, no, "ip", P, M, "Global IP configuration subcommands");
	c = shell_cmd(cli, ip, "route", cmd_no_ip_route, P, M, "Establish static routes");
	shell_arghelp(cli, c, help);
	shell_syntax(cli, c, syntax);
	c = shell_node(cli, ip, "icmp", P, M, "ICMP options");
	c = shell_node(cli, c, "rate-limit", P, M, "rate limit ICMP messages");
	c = shell_cmd(cli, c, "unreachable", cmd_no_icmp_rl, P, M, "rate limit ICMP unreachable messages");
	shell_arghelp(cli, c, "<1-4294967295>\tOnce-every-N milliseconds\n"
		      "df\tSet rate limit for DF unreachable messages\n"
		      "<1-4294967295>\tOnce-every-N milliseconds");
	shell_syntax(cli, c, "[<1-4294967295> | df [<1-4294967295>]]");
	shell_syntax(cli, shell_cmd(cli, ip, "source-route", cmd_source_route, P, M,
				    "Process packets with source routing header options"), "");
	shell_syntax(cli, shell_cmd(cli, ip, "options", cmd_ip_options, P, M, "IP options processing"),
		     "[drop | ignore]");

	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	ip = shell_node(cli, show, "ip", SHELL_PRIV_USER, SHELL_EXEC, "IP information");
	c = shell_cmd(cli, ip, "route", cmd_show_ip_route, SHELL_PRIV_USER, SHELL_EXEC, "IP routing table");
	shell_arghelp(cli, c, "vrf\tDisplay routes from a VPN Routing/Forwarding instance\n"
		      "WORD\tVPN Routing/Forwarding instance name\n"
		      "A.B.C.D\tNetwork to display information about or host (optional)\n"
		      "A.B.C.D\tNetwork mask (optional)\n"
		      "longer-prefixes\tShow route matching the specified Network/Mask pair only\n"
		      "connected\tConnected networks (with the local addresses)\n"
		      "static\tStatic routes\n"
		      "lisp\tLISP map-cache prefixes without a route of their own\n"
		      "summary\tSummary of all routes");
	shell_syntax(cli, c, "[vrf WORD] [A.B.C.D [A.B.C.D [longer-prefixes]] | connected | static | lisp | summary]");
	shell_json_ok(cli, c);
}

const struct shell_feature shell_feature_route = {
	.name = "route",
	.cmds = route_cmds,
	.write = route_write,
};
