/*
 * DOC: VRF commands: 'vrf definition', 'ip vrf', interface binding and the
 * VRF views
 *
 * Configuration, as IOS and IOS-XE take it:
 *   vrf definition NAME            (config-vrf)
 *    description LINE
 *    rd A:B
 *    address-family ipv4|ipv6 [unicast]      (config-vrf-af)
 *     route-target import|export|both A:B
 *    exit-address-family
 *   ip vrf NAME                    (config-vrf, the classic IPv4-only form)
 *    description LINE / rd A:B / route-target import|export|both A:B
 *   interface IF / vrf forwarding NAME  (or ip vrf forwarding NAME)
 *   ipv6 route vrf NAME P/L {NH | IF [NH]} [DIST]
 * The rd and route-targets matter only to BGP: they are stored and
 * printed back.  Binding an interface removes its addresses with IOS's
 * message; 'no vrf definition NAME' removes the VRF's routes and unbinds
 * its interfaces (their addresses removed too).  'ip route vrf' is in
 * cmd_route.c, 'ping vrf' in cmd_ping.c, 'show arp vrf' in cmd_arp.c and
 * 'show ip interface brief vrf' in cmd_interface.c.
 *
 * Views: 'show vrf [brief | detail] [NAME]', 'show ip vrf [brief | detail
 * | interfaces] [NAME]', 'show ip cef vrf NAME [A | P M | P/L] [detail]' (cmd_lisp_show.c's
 * 'show ip cef' in the VRF: its instance's LISP rows too), all with '| json'.
 * The running-config prints the VRFs before the interfaces, as IOS does.
 */
#include "config.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_lisp.h"
#include "fib.h"
#include "iface.h"
#include "ipv6.h"
#include "json.h"
#include "router.h"
#include "shell.h"
#include "vrf.h"

static bool kw(const char *w, const char *word, size_t min)
{
	size_t n = strlen(w);

	return n >= min && n <= strlen(word) && !strncasecmp(w, word, n);
}

/* The VRF the session's config-vrf edits; another session may have
 * deleted it. */
static int cur_vrf(struct cli_def *cli, struct router **rp)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r = shell_router(cli);
	int id;

	if (!r)
		return -1;
	if ((id = vrf_lookup(r, s->vrf)) <= 0) {
		shell_err(cli, "%% VRF %s no longer exists", s->vrf);
		return -1;
	}
	*rp = r;
	return id;
}

/* The id of the VRF name; -1 with "% <noun> NAME does not exist" printed. */
static int vrf_named(struct cli_def *cli, struct router *r, const char *name, const char *noun)
{
	int id = vrf_lookup(r, name);

	if (id < 0)
		shell_err(cli, "%% %s %s does not exist", noun, name);
	return id;
}

/* ------------------------------------------------------------ vrf definition */

/*
 * The NAME of '[no] vrf definition NAME' and '[no] ip vrf NAME' (exactly
 * one argument) and the router: 1 with *vi filled when a VRF (not the
 * default table) has that name, 0 when none has, -1 with the error
 * printed.
 */
static int vrf_name_arg(struct cli_def *cli, char **argv, int argc, struct router **rp,
			struct vrf_info *vi)
{
	int id;

	if (argc < 1) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (argc > 1) {
		shell_err_invalid(cli, 1);
		return -1;
	}
	if (!(*rp = shell_router(cli)))
		return -1;
	return (id = vrf_lookup(*rp, argv[0])) > 0 && vrf_get(*rp, (unsigned)id, vi);
}

static int enter_vrf(struct cli_def *cli, char **argv, int argc, bool classic)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vrf_info vi;
	struct router *r;
	char err[160];
	int id, found;

	if ((found = vrf_name_arg(cli, argv, argc, &r, &vi)) < 0)
		return CLI_ERROR;
	if (found && vi.classic != classic)
		return shell_err(cli, classic ? "%% VRF %s is configured with 'vrf definition': use it" :
				 "%% VRF %s is configured with 'ip vrf': use it", argv[0]);
	err[0] = '\0';
	if ((id = vrf_create(r, argv[0], classic, err, sizeof(err))) < 0)
		return shell_err(cli, "%s", err);
	snprintf(s->vrf, sizeof(s->vrf), "%s", argv[0]);
	shell_set_mode(cli, classic ? SHELL_IP_VRF : SHELL_VRF_DEF);
	return CLI_OK;
}

static int cmd_vrf_definition(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return enter_vrf(cli, argv, argc, false);
}

static int cmd_ip_vrf(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return enter_vrf(cli, argv, argc, true);
}

static int del_vrf(struct cli_def *cli, char **argv, int argc, bool classic)
{
	struct vrf_info vi;
	struct router *r;
	char err[160];
	int found;

	if ((found = vrf_name_arg(cli, argv, argc, &r, &vi)) < 0)
		return CLI_ERROR;
	if (!found)
		return shell_err(cli, "%% No VRF named %s", argv[0]);
	if (vi.classic != classic)
		return shell_err(cli, classic ? "%% VRF %s is configured with 'vrf definition'" :
				 "%% VRF %s is configured with 'ip vrf'", argv[0]);
	if (vi.classic)
		cli_print(cli, "%% IP addresses from all interfaces in VRF %s have been removed", argv[0]);
	else
		cli_print(cli, "%% IPv4 and IPv6 addresses from all interfaces in VRF %s have been removed",
			  argv[0]);
	err[0] = '\0';
	if (vrf_delete(r, argv[0], err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	shell_hosts_vrf_gone(&shell_sess_of(cli)->sh->conf, argv[0]);
	return CLI_OK;
}

static int cmd_no_vrf_definition(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return del_vrf(cli, argv, argc, false);
}

static int cmd_no_ip_vrf(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return del_vrf(cli, argv, argc, true);
}

static int cmd_rd(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	char err[160];
	int id;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if ((id = cur_vrf(cli, &r)) < 0)
		return CLI_ERROR;
	err[0] = '\0';
	if (vrf_set_rd(r, (unsigned)id, argv[0], err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_no_rd(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	char err[160];
	int id;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if ((id = cur_vrf(cli, &r)) < 0)
		return CLI_ERROR;
	vrf_set_rd(r, (unsigned)id, NULL, err, sizeof(err));
	return CLI_OK;
}

static int cmd_vrf_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	char text[VRF_DESCLEN];
	size_t o = 0;
	int id;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if ((id = cur_vrf(cli, &r)) < 0)
		return CLI_ERROR;
	text[0] = '\0';
	for (int i = 0; i < argc && o < sizeof(text); i++)
		o += (size_t)snprintf(text + o, sizeof(text) - o, "%s%s", i ? " " : "", argv[i]);
	vrf_set_description(r, (unsigned)id, text);
	return CLI_OK;
}

static int cmd_no_vrf_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	int id;

	if ((id = cur_vrf(cli, &r)) < 0)
		return CLI_ERROR;
	vrf_set_description(r, (unsigned)id, NULL);
	return CLI_OK;
}

static int parse_af(struct cli_def *cli, char **argv, int argc)
{
	int af;

	if (argc < 1) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (kw(argv[0], "ipv4", 4))
		af = VRF_AF_IPV4;
	else if (kw(argv[0], "ipv6", 4))
		af = VRF_AF_IPV6;
	else {
		shell_err_invalid(cli, 0);
		return -1;
	}
	if (argc > 1 && !kw(argv[1], "unicast", 1)) {
		shell_err_invalid(cli, 1);
		return -1;
	}
	if (argc > 2) {
		shell_err_invalid(cli, 2);
		return -1;
	}
	return af;
}

static int cmd_address_family(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r;
	int id, af;

	if ((af = parse_af(cli, argv, argc)) < 0 || (id = cur_vrf(cli, &r)) < 0)
		return CLI_ERROR;
	vrf_set_af(r, (unsigned)id, (enum vrf_af)af, true);
	s->vrf_af = af;
	shell_set_mode(cli, SHELL_VRF_AF);
	return CLI_OK;
}

static int cmd_no_address_family(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	int id, af;

	if ((af = parse_af(cli, argv, argc)) < 0 || (id = cur_vrf(cli, &r)) < 0)
		return CLI_ERROR;
	vrf_set_af(r, (unsigned)id, (enum vrf_af)af, false);
	return CLI_OK;
}

static int cmd_exit_af(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_set_mode(cli, SHELL_VRF_DEF);
	return CLI_OK;
}

static int route_target(struct cli_def *cli, char **argv, int argc, bool del)
{
	struct shell_sess *s = shell_sess_of(cli);
	enum vrf_rt_dir dir;
	struct router *r;
	char err[160];
	int id;

	if (argc < 2)
		return shell_err_incomplete(cli);
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (kw(argv[0], "import", 1))
		dir = VRF_RT_IMPORT;
	else if (kw(argv[0], "export", 1))
		dir = VRF_RT_EXPORT;
	else if (kw(argv[0], "both", 1))
		dir = VRF_RT_BOTH;
	else
		return shell_err_invalid(cli, 0);
	if ((id = cur_vrf(cli, &r)) < 0)
		return CLI_ERROR;
	err[0] = '\0';
	if (vrf_route_target(r, (unsigned)id, cli->mode == SHELL_VRF_AF ? (enum vrf_af)s->vrf_af : VRF_AF_IPV4,
			     dir, argv[1], del, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_route_target(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return route_target(cli, argv, argc, false);
}

static int cmd_no_route_target(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return route_target(cli, argv, argc, true);
}

/* ------------------------------------------------------------ interface */

static int if_vrf(struct cli_def *cli, char **argv, int argc, bool bind)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r;
	struct iface *ifp;
	char msg[400];
	int id = VRF_DEFAULT;

	if (bind && argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if (!(ifp = iface_find(r, s->ifname)))
		return shell_err(cli, "%% Interface %s no longer exists", s->ifname);
	if (argc && ((id = vrf_lookup(r, argv[0])) < 0 || (bind && id == VRF_DEFAULT)))
		return shell_err(cli, "%% VRF %s not configured.", argv[0]);
	if (!bind) {
		/* 'no vrf forwarding [NAME]': NAME must be the interface's. */
		if (argc && (unsigned)id != iface_vrf(ifp))
			return shell_err(cli, "%% Interface %s is not in VRF %s", iface_name(ifp), argv[0]);
		id = VRF_DEFAULT;
	}
	if (iface_is_null(ifp))
		return shell_err(cli, "%% Null0 cannot be put in a VRF");
	msg[0] = '\0';
	if (iface_set_vrf(r, ifp, (unsigned)id, msg, sizeof(msg)) == -1)
		return shell_err(cli, "%s", msg);
	if (msg[0]) {
		char *line = msg, *nl;

		while (line) {
			if ((nl = strchr(line, '\n')))
				*nl++ = '\0';
			cli_print(cli, "%s", line);
			line = nl;
		}
	}
	return CLI_OK;
}

static int cmd_vrf_forwarding(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return if_vrf(cli, argv, argc, true);
}

static int cmd_no_vrf_forwarding(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return if_vrf(cli, argv, argc, false);
}

/* ------------------------------------------------------------ ipv6 route vrf */

/* 'ipv6 route vrf NAME P/L {NH | IF [NH]} [DIST]' */
static int route6_vrf(struct cli_def *cli, char **argv, int argc, bool del)
{
	struct router *r;
	struct prefix p;
	struct addr gw;
	char ifname[SHELL_NAME_MAX] = "", err[256];
	struct route_opts o;
	int id, i = 3;

	if (argc < 3)
		return shell_err_incomplete(cli);
	if (!(r = shell_router(cli)) || (id = vrf_named(cli, r, argv[0], "VRF")) < 0)
		return CLI_ERROR;
	if (prefix_parse(argv[1], &p, NULL, 0) == -1 || !addr_is_v6(&p.addr) || !strchr(argv[1], '/'))
		return shell_err_invalid(cli, 1);
	memset(&gw, 0, sizeof(gw));
	if (addr_parse(argv[2], &gw, NULL, 0) == 0) {
		if (!addr_is_v6(&gw))
			return shell_err_invalid(cli, 2);
	} else {
		if (!shell_ifname(r, &argv[2], 1, ifname, sizeof(ifname)) ||
		    !shell_ifname_usable(r, ifname))
			return shell_err_invalid(cli, 2);
		if (argc > 3 && addr_parse(argv[3], &gw, NULL, 0) == 0) {
			if (!addr_is_v6(&gw))
				return shell_err_invalid(cli, 3);
			i = 4;
		}
	}
	if (shell_route_opts(cli, argv, argc, i, 254, &o) == -1)
		return CLI_ERROR;
	if (!del && shell_refuse_own_gw(cli, r, (unsigned)id, &gw))
		return CLI_ERROR;
	err[0] = '\0';
	if ((del ? fib6_static_del_vrf(r, (unsigned)id, &p, &gw, ifname[0] ? ifname : NULL, err, sizeof(err)) :
	     fib6_static_add_vrf(r, (unsigned)id, &p, &gw, ifname[0] ? ifname : NULL, (unsigned)o.distance, err,
				 sizeof(err))) == -1)
		return shell_err(cli, "%s", err);
	if (!del)
		fib6_static_set_label(r, (unsigned)id, &p, &gw, ifname[0] ? ifname : NULL, o.tag, o.name);
	return CLI_OK;
}

static int cmd_ipv6_route_vrf(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return route6_vrf(cli, argv, argc, false);
}

static int cmd_no_ipv6_route_vrf(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return route6_vrf(cli, argv, argc, true);
}

/* ------------------------------------------------------------ running-config */

static void write_rts(FILE *f, const struct vrf_info *v, unsigned af, const char *ind)
{
	/* IOS prints export before import. */
	for (unsigned i = 0; i < v->n_rt[af][1]; i++)
		fprintf(f, "%sroute-target export %s\n", ind, v->rt[af][1][i]);
	for (unsigned i = 0; i < v->n_rt[af][0]; i++)
		fprintf(f, "%sroute-target import %s\n", ind, v->rt[af][0][i]);
}

struct wvrf {
	FILE *f;
	unsigned n;
};

static int write_vrf(const struct vrf_info *v, void *arg)
{
	struct wvrf *w = arg;
	FILE *f = w->f;

	if (w->n++)
		fputs("!\n", f);
	if (v->classic) {
		fprintf(f, "ip vrf %s\n", v->name);
		if (v->description[0])
			fprintf(f, " description %s\n", v->description);
		if (v->rd[0])
			fprintf(f, " rd %s\n", v->rd);
		write_rts(f, v, VRF_AF_IPV4, " ");
		return 0;
	}
	fprintf(f, "vrf definition %s\n", v->name);
	if (v->description[0])
		fprintf(f, " description %s\n", v->description);
	if (v->rd[0])
		fprintf(f, " rd %s\n", v->rd);
	for (unsigned af = 0; af < 2; af++) {
		if (!v->af[af])
			continue;
		fprintf(f, " !\n address-family %s\n", af == VRF_AF_IPV4 ? "ipv4" : "ipv6");
		write_rts(f, v, af, "  ");
		fprintf(f, " exit-address-family\n");
	}
	return 0;
}

static void vrf_write(struct shell *sh, FILE *f)
{
	struct wvrf w = { f, 0 };

	if (sh->router)
		vrf_foreach(sh->router, write_vrf, &w);
}

static int write_static6(const struct fib6_static *s, void *arg)
{
	struct route_wr *w = arg;
	char ab[INET6_ADDRSTRLEN], gb[INET6_ADDRSTRLEN];

	fprintf(w->f, "ipv6 route vrf %s %s/%u", w->vrf, shell_fmt6(s->prefix.addr.u.b, ab, sizeof(ab)),
		s->prefix.len);
	if (s->ifname[0])
		fprintf(w->f, " %s", s->ifname);
	if (!ip6_is_unspec(s->gw))
		fprintf(w->f, " %s", shell_fmt6(s->gw, gb, sizeof(gb)));
	shell_route_opts_write(w->f, s->distance, s->tag, s->name);
	fputc('\n', w->f);
	return 0;
}

struct w6 {
	struct shell *sh;
	FILE *f;
};

static int write_vrf_routes6(const struct vrf_info *v, void *arg)
{
	struct w6 *w = arg;

	shell_write_routes(w->sh, w->f, v->id, v->name, NULL, write_static6);
	return 0;
}

/* After the default table's 'ipv6 route' lines, as IOS prints them. */
static void vrf_route6_write(struct shell *sh, FILE *f)
{
	struct w6 w = { sh, f };

	if (sh->router)
		vrf_foreach(sh->router, write_vrf_routes6, &w);
}

/* ------------------------------------------------------------ show */

/* IOS's short interface names in VRF views: Ethernet0 -> Et0. */
static void short_if(const char *name, char *buf, size_t len)
{
	const char *d = name;

	while (*d && !isdigit((unsigned char)*d))
		d++;
	if (d - name > 2)
		snprintf(buf, len, "%.2s%s", name, d);
	else
		snprintf(buf, len, "%s", name);
}

/* A VRF's interfaces, in name order (names valid under the lock). */
struct ifl {
	unsigned vrf;
	const char **names;
	unsigned n, cap;
};

static int ifl_fn(struct iface *ifp, void *arg)
{
	struct ifl *l = arg;

	if (iface_vrf(ifp) != l->vrf)
		return 0;
	if (l->n == l->cap) {
		unsigned cap = l->cap ? 2 * l->cap : 8;
		const char **nv = realloc(l->names, cap * sizeof(*nv));

		if (!nv)
			return -1;
		l->names = nv;
		l->cap = cap;
	}
	l->names[l->n++] = iface_name(ifp);
	return 0;
}

static void ifaces_of(struct router *r, unsigned vrf, struct ifl *l)
{
	memset(l, 0, sizeof(*l));
	l->vrf = vrf;
	iface_foreach(r, ifl_fn, l);
}

enum vrf_view { VIEW_TABLE, VIEW_DETAIL, VIEW_IFACES };

struct vshow {
	struct cli_def *cli;
	struct router *r;
	struct json *j;
	enum vrf_view view;
	bool ip;			/* 'show ip vrf': VRFs with IPv4 */
	const char *only;		/* NAME or NULL */
	unsigned n;
};

static void json_rts(struct json *j, const struct vrf_info *v, unsigned af)
{
	json_begin(j, af == VRF_AF_IPV4 ? "ipv4" : "ipv6", '{');
	json_bool(j, "active", v->af[af]);
	json_begin(j, "import", '[');
	for (unsigned i = 0; i < v->n_rt[af][0]; i++)
		json_str(j, NULL, v->rt[af][0][i]);
	json_end(j, ']');
	json_begin(j, "export", '[');
	for (unsigned i = 0; i < v->n_rt[af][1]; i++)
		json_str(j, NULL, v->rt[af][1][i]);
	json_end(j, ']');
	json_end(j, '}');
}

static void vrf_json(struct vshow *w, const struct vrf_info *v, const struct ifl *l)
{
	struct json *j = w->j;

	json_begin(j, NULL, '{');
	json_str(j, "name", v->name);
	json_uint(j, "id", v->id);
	if (v->rd[0])
		json_str(j, "rd", v->rd);
	else
		json_null(j, "rd");
	if (v->description[0])
		json_str(j, "description", v->description);
	else
		json_null(j, "description");
	json_str(j, "cli_format", v->classic ? "old" : "new");
	json_begin(j, "protocols", '[');
	if (v->af[VRF_AF_IPV4])
		json_str(j, NULL, "ipv4");
	if (v->af[VRF_AF_IPV6])
		json_str(j, NULL, "ipv6");
	json_end(j, ']');
	json_begin(j, "interfaces", '[');
	for (unsigned i = 0; i < l->n; i++)
		json_str(j, NULL, l->names[i]);
	json_end(j, ']');
	json_begin(j, "route_targets", '{');
	json_rts(j, v, VRF_AF_IPV4);
	json_rts(j, v, VRF_AF_IPV6);
	json_end(j, '}');
	json_end(j, '}');
}

static void print_rt_list(struct cli_def *cli, const struct vrf_info *v, unsigned af, unsigned d)
{
	char line[128];
	size_t o = 0;

	if (!v->n_rt[af][d]) {
		cli_print(cli, "  No %s VPN route-target communities", d ? "Export" : "Import");
		return;
	}
	cli_print(cli, "  %s VPN route-target communities", d ? "Export" : "Import");
	for (unsigned i = 0; i < v->n_rt[af][d]; i++) {
		char rt[40];

		snprintf(rt, sizeof(rt), "RT:%s", v->rt[af][d][i]);
		o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%-25s", o ? "" : "    ", rt);
		if (i % 3 == 2 || i + 1 == v->n_rt[af][d]) {
			while (o > 0 && line[o - 1] == ' ')
				line[--o] = '\0';
			cli_print(cli, "%s", line);
			o = 0;
		}
	}
}

static void print_detail(struct vshow *w, const struct vrf_info *v, const struct ifl *l)
{
	struct cli_def *cli = w->cli;
	char line[128], sn[IFACE_NAMELEN];
	size_t o = 0;

	if (w->n++)
		cli_print(cli, "%s", "");
	cli_print(cli, "VRF %s (VRF Id = %u); default RD %s; default VPNID <not set>", v->name, v->id,
		  v->rd[0] ? v->rd : "<not set>");
	if (v->description[0])
		cli_print(cli, "  Description: %s", v->description);
	cli_print(cli, "  %s", v->classic ? "Old CLI format, supports IPv4 only" :
		  "New CLI format, supports multiple address-families");
	if (!l->n) {
		cli_print(cli, "  No interfaces");
	} else {
		cli_print(cli, "  Interfaces:");
		for (unsigned i = 0; i < l->n; i++) {
			short_if(l->names[i], sn, sizeof(sn));
			o += (size_t)snprintf(line + o, sizeof(line) - o, "%s%-25s", o ? "" : "    ", sn);
			if (i % 3 == 2 || i + 1 == l->n) {
				while (o > 0 && line[o - 1] == ' ')
					line[--o] = '\0';
				cli_print(cli, "%s", line);
				o = 0;
			}
		}
	}
	for (unsigned af = 0; af < 2; af++) {
		const char *afn = af == VRF_AF_IPV4 ? "ipv4" : "ipv6";

		if (v->classic && af == VRF_AF_IPV6)
			break;
		if (!v->af[af]) {
			cli_print(cli, "Address family %s unicast not active", afn);
			continue;
		}
		cli_print(cli, "Address family %s unicast (Table ID = 0x%X):", afn, v->id);
		print_rt_list(cli, v, af, 1);
		print_rt_list(cli, v, af, 0);
		cli_print(cli, "  No import route-map");
		cli_print(cli, "  No export route-map");
	}
}

static void print_row(struct vshow *w, const struct vrf_info *v, const struct ifl *l)
{
	char prot[16], sn[IFACE_NAMELEN];
	const char *rd = v->rd[0] ? v->rd : "<not set>";

	snprintf(prot, sizeof(prot), "%s%s%s", v->af[VRF_AF_IPV4] ? "ipv4" : "",
		 v->af[VRF_AF_IPV4] && v->af[VRF_AF_IPV6] ? "," : "", v->af[VRF_AF_IPV6] ? "ipv6" : "");
	if (!prot[0])
		snprintf(prot, sizeof(prot), "<none>");
	sn[0] = '\0';
	if (l->n)
		short_if(l->names[0], sn, sizeof(sn));
	if (w->ip)
		cli_print(w->cli, "  %-32s %-21s %s", v->name, rd, sn);
	else
		cli_print(w->cli, "  %-32s %-21s %-11s %s", v->name, rd, prot, sn);
	for (unsigned i = 1; i < l->n; i++) {
		short_if(l->names[i], sn, sizeof(sn));
		cli_print(w->cli, "  %-32s %-21s %s%s", "", "", w->ip ? "" : "            ", sn);
	}
}

struct ifrow {
	struct vshow *w;
	const struct vrf_info *v;
};

static int ifrow_fn(struct iface *ifp, void *arg)
{
	struct ifrow *x = arg;
	struct addr a;
	unsigned len;
	char sn[IFACE_NAMELEN], ab[ADDR_STRLEN];
	bool has;

	if (iface_vrf(ifp) != x->v->id)
		return 0;
	has = iface_addr(ifp, &a, &len);
	if (x->w->j) {
		json_begin(x->w->j, NULL, '{');
		json_str(x->w->j, "interface", iface_name(ifp));
		if (has)
			json_addr(x->w->j, "ip_address", &a);
		else
			json_null(x->w->j, "ip_address");
		json_str(x->w->j, "vrf", x->v->name);
		json_str(x->w->j, "protocol", iface_is_up(ifp) ? "up" : "down");
		json_end(x->w->j, '}');
		return 0;
	}
	short_if(iface_name(ifp), sn, sizeof(sn));
	cli_print(x->w->cli, "%-22s %-15s %-32s %s", sn, has ? addr_fmt(&a, ab, sizeof(ab)) : "unassigned",
		  x->v->name, iface_is_up(ifp) ? "up" : "down");
	return 0;
}

static int show_one(const struct vrf_info *v, void *arg)
{
	struct vshow *w = arg;
	struct ifl l;

	if (w->only && strcmp(w->only, v->name))
		return 0;
	if (w->ip && !v->af[VRF_AF_IPV4])
		return 0;
	if (w->view == VIEW_IFACES) {
		struct ifrow x = { w, v };

		iface_foreach(w->r, ifrow_fn, &x);
		w->n++;
		return 0;
	}
	ifaces_of(w->r, v->id, &l);
	w->n++;
	if (w->j)
		vrf_json(w, v, &l);
	else if (w->view == VIEW_DETAIL)
		print_detail(w, v, &l);
	else
		print_row(w, v, &l);
	free(l.names);
	return 0;
}

static int show_vrf(struct cli_def *cli, char **argv, int argc, bool ip)
{
	struct vshow w = { .cli = cli, .ip = ip };
	struct json j;
	int i = 0;

	if (argc > i && kw(argv[i], "brief", 1)) {
		i++;
	} else if (argc > i && kw(argv[i], "detail", 1)) {
		w.view = VIEW_DETAIL;
		i++;
	} else if (ip && argc > i && kw(argv[i], "interfaces", 1)) {
		w.view = VIEW_IFACES;
		i++;
	}
	if (argc > i)
		w.only = argv[i++];
	if (argc > i)
		return shell_err_invalid(cli, i);
	if (!(w.r = shell_router(cli)))
		return CLI_ERROR;
	if (w.only && vrf_lookup(w.r, w.only) <= 0)
		return shell_err(cli, "%% No VRF named %s", w.only);
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		json_begin(&j, w.view == VIEW_IFACES ? "interfaces" : "vrfs", '[');
		vrf_foreach(w.r, show_one, &w);
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	if (w.view == VIEW_IFACES)
		cli_print(cli, "%-22s %-15s %-32s %s", "Interface", "IP-Address", "VRF", "Protocol");
	else if (w.view == VIEW_TABLE && vrf_count(w.r))
		cli_print(cli, ip ? "  %-32s %-21s %s" : "  %-32s %-21s %-11s %s", "Name", "Default RD",
			  ip ? "Interfaces" : "Protocols", "Interfaces");
	vrf_foreach(w.r, show_one, &w);
	return CLI_OK;
}

static int cmd_show_vrf(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return show_vrf(cli, argv, argc, false);
}

static int cmd_show_ip_vrf(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return show_vrf(cli, argv, argc, true);
}

/* ------------------------------------------------------------ 'vrf NAME' arguments */

int shell_vrf_arg_as(struct cli_def *cli, struct router *r, char **argv, int argc, int *o,
		     const char *noun)
{
	int id;

	*o = 0;
	if (argc < 1 || strlen(argv[0]) < 2 || strncasecmp(argv[0], "vrf", strlen(argv[0])))
		return VRF_DEFAULT;
	if (argc < 2) {
		shell_err_incomplete(cli);
		return -1;
	}
	if ((id = vrf_named(cli, r, argv[1], noun)) < 0)
		return -1;
	*o = 2;
	return id;
}

int shell_vrf_arg(struct cli_def *cli, struct router *r, char **argv, int argc, int *o)
{
	return shell_vrf_arg_as(cli, r, argv, argc, o, "VRF");
}

/* ------------------------------------------------------------ show ip cef vrf */

/* 'show ip cef vrf NAME [A | P M | P/L] [detail]': 'show ip cef' in the
 * VRF, the LISP rows of the instance bound to it included. */
static int cmd_show_ip_cef_vrf(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	int id;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!(r = shell_router(cli)) || (id = vrf_named(cli, r, argv[0], "VRF")) < 0)
		return CLI_ERROR;
	return lisp_show_ip_cef(cli, (unsigned)id, argv + 1, argc - 1);
}

/* ------------------------------------------------------------ registration */

static void vrf_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, U = SHELL_PRIV_USER, C = SHELL_CONFIG;
	static const int sub[] = { SHELL_VRF_DEF, SHELL_IP_VRF };
	struct cli_command *c, *n, *no, *ip, *show;

	c = shell_node(cli, NULL, "vrf", P, C, "Configure a VRF");
	c = shell_cmd(cli, c, "definition", cmd_vrf_definition, P, C, "VRF definition");
	shell_arghelp(cli, c, "WORD\tVRF name");
	shell_syntax(cli, c, "WORD");
	ip = shell_node(cli, NULL, "ip", P, C, "Global IP configuration subcommands");
	c = shell_cmd(cli, ip, "vrf", cmd_ip_vrf, P, C, "Configure an IP VPN Routing/Forwarding instance");
	shell_arghelp(cli, c, "WORD\tVPN Routing/Forwarding instance name");
	shell_syntax(cli, c, "WORD");
	no = shell_node(cli, NULL, "no", P, C, "Negate a command or set its defaults");
	n = shell_node(cli, no, "vrf", P, C, "Configure a VRF");
	c = shell_cmd(cli, n, "definition", cmd_no_vrf_definition, P, C, "VRF definition");
	shell_arghelp(cli, c, "WORD\tVRF name");
	shell_syntax(cli, c, "WORD");
	n = shell_node(cli, no, "ip", P, C, "Global IP configuration subcommands");
	c = shell_cmd(cli, n, "vrf", cmd_no_ip_vrf, P, C, "Configure an IP VPN Routing/Forwarding instance");
	shell_arghelp(cli, c, "WORD\tVPN Routing/Forwarding instance name");
	shell_syntax(cli, c, "WORD");

	/* config-vrf of both forms */
	for (size_t i = 0; i < sizeof(sub) / sizeof(sub[0]); i++) {
		const int M = sub[i];

		c = shell_cmd(cli, NULL, "rd", cmd_rd, P, M, "Specify Route Distinguisher");
		shell_arghelp(cli, c, "ASN:nn_or_IP-address:nn\tVPN Route Distinguisher");
		shell_syntax(cli, c, "ASN:nn_or_IP-address:nn");
		c = shell_cmd(cli, NULL, "description", cmd_vrf_description, P, M, "VRF specific description");
		shell_arghelp(cli, c, "LINE\tUp to 244 characters describing this VRF");
		shell_syntax(cli, c, "LINE");
		no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
		c = shell_cmd(cli, no, "rd", cmd_no_rd, P, M, "Specify Route Distinguisher");
		shell_arghelp(cli, c, "ASN:nn_or_IP-address:nn\tVPN Route Distinguisher");
		shell_syntax(cli, c, "[ASN:nn_or_IP-address:nn]");
		c = shell_cmd(cli, no, "description", cmd_no_vrf_description, P, M, "VRF specific description");
		shell_arghelp(cli, c, "LINE\tUp to 244 characters describing this VRF");
		shell_syntax(cli, c, "[LINE]");
	}
	/* config-vrf-af, and the classic form's route-targets */
	for (int k = 0; k < 2; k++) {
		const int M = k ? SHELL_IP_VRF : SHELL_VRF_AF;

		c = shell_cmd(cli, NULL, "route-target", cmd_route_target, P, M,
			      "Specify Target VPN Extended Communities");
		shell_arghelp(cli, c, "both\tBoth import and export Target-VPN community\n"
			      "export\tExport Target-VPN community\n"
			      "import\tImport Target-VPN community\n"
			      "ASN:nn_or_IP-address:nn\tTarget VPN Extended Community");
		shell_syntax(cli, c, "{both | export | import} ASN:nn_or_IP-address:nn");
		no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
		c = shell_cmd(cli, no, "route-target", cmd_no_route_target, P, M,
			      "Specify Target VPN Extended Communities");
		shell_arghelp(cli, c, "both\tBoth import and export Target-VPN community\n"
			      "export\tExport Target-VPN community\n"
			      "import\tImport Target-VPN community\n"
			      "ASN:nn_or_IP-address:nn\tTarget VPN Extended Community");
		shell_syntax(cli, c, "{both | export | import} ASN:nn_or_IP-address:nn");
	}
	c = shell_cmd(cli, NULL, "address-family", cmd_address_family, P, SHELL_VRF_DEF,
		      "Enter Address Family command mode");
	shell_arghelp(cli, c, "ipv4\tAddress family\nipv6\tAddress family\nunicast\tAddress Family modifier");
	shell_syntax(cli, c, "{ipv4 | ipv6} [unicast]");
	no = shell_node(cli, NULL, "no", P, SHELL_VRF_DEF, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "address-family", cmd_no_address_family, P, SHELL_VRF_DEF,
		      "Enter Address Family command mode");
	shell_arghelp(cli, c, "ipv4\tAddress family\nipv6\tAddress family\nunicast\tAddress Family modifier");
	shell_syntax(cli, c, "{ipv4 | ipv6} [unicast]");
	shell_syntax(cli, shell_cmd(cli, NULL, "exit-address-family", cmd_exit_af, P, SHELL_VRF_AF,
				    "Exit from Address Family configuration mode"), "");

	/* interface */
	c = shell_node(cli, NULL, "vrf", P, SHELL_CONFIG_IF, "VPN Routing/Forwarding parameters on the interface");
	c = shell_cmd(cli, c, "forwarding", cmd_vrf_forwarding, P, SHELL_CONFIG_IF,
		      "Configure forwarding table");
	shell_arghelp(cli, c, "WORD\tTable name");
	shell_syntax(cli, c, "WORD");
	ip = shell_node(cli, NULL, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_node(cli, ip, "vrf", P, SHELL_CONFIG_IF, "VPN Routing/Forwarding parameters on the interface");
	c = shell_cmd(cli, c, "forwarding", cmd_vrf_forwarding, P, SHELL_CONFIG_IF, "Configure forwarding table");
	shell_arghelp(cli, c, "WORD\tTable name");
	shell_syntax(cli, c, "WORD");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG_IF, "Negate a command or set its defaults");
	c = shell_node(cli, no, "vrf", P, SHELL_CONFIG_IF, "VPN Routing/Forwarding parameters on the interface");
	c = shell_cmd(cli, c, "forwarding", cmd_no_vrf_forwarding, P, SHELL_CONFIG_IF,
		      "Configure forwarding table");
	shell_arghelp(cli, c, "WORD\tTable name");
	shell_syntax(cli, c, "[WORD]");
	ip = shell_node(cli, no, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_node(cli, ip, "vrf", P, SHELL_CONFIG_IF, "VPN Routing/Forwarding parameters on the interface");
	c = shell_cmd(cli, c, "forwarding", cmd_no_vrf_forwarding, P, SHELL_CONFIG_IF,
		      "Configure forwarding table");
	shell_arghelp(cli, c, "WORD\tTable name");
	shell_syntax(cli, c, "[WORD]");

	/* views */
	show = shell_node(cli, NULL, "show", U, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, show, "vrf", cmd_show_vrf, U, SHELL_EXEC, "VPN Routing/Forwarding instance information");
	shell_arghelp(cli, c, "brief\tBrief VRF listing\ndetail\tDetailed VRF listing\nWORD\tVRF name");
	shell_syntax(cli, c, "[brief | detail] [WORD]");
	shell_json_ok(cli, c);
	ip = shell_node(cli, show, "ip", U, SHELL_EXEC, "IP information");
	c = shell_cmd(cli, ip, "vrf", cmd_show_ip_vrf, U, SHELL_EXEC, "VPN Routing/Forwarding instance information");
	shell_arghelp(cli, c, "brief\tBrief VPN Routing/Forwarding instance information\n"
		      "detail\tDetailed VPN Routing/Forwarding instance information\n"
		      "interfaces\tShow VPN Routing/Forwarding interface information\n"
		      "WORD\tVPN Routing/Forwarding instance name");
	shell_syntax(cli, c, "[brief | detail | interfaces] [WORD]");
	shell_json_ok(cli, c);
}

/* Commands hung under other features' commands ('show ip cef', 'ipv6
 * route'): registered after them. */
static void vrf_late_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, U = SHELL_PRIV_USER;
	static const char help6[] = "WORD\tVPN Routing/Forwarding instance name\n"
				    "X:X:X:X::X/<0-128>\tIPv6 prefix\n"
				    "X:X:X:X::X\tIPv6 address of next-hop\n"
				    "IF\tForwarding interface (then an optional next hop)\n"
				    "X:X:X:X::X\tIPv6 address of next-hop\n"
				    "<1-254>\tAdministrative distance\n"
				    "tag\tTag value (optional)\n<1-4294967295>\tTag value\n"
				    "name\tSpecify name of the next hop (optional)\nWORD\tName of the next hop";
	static const char syn6[] = "WORD X:X:X:X::X/nn {X:X:X:X::X | IF [X:X:X:X::X]} [<1-254>] "
				   "[tag <1-4294967295> | name WORD]...";
	struct cli_command *c, *n, *show;

	n = shell_node(cli, NULL, "ipv6", P, SHELL_CONFIG, "Global IPv6 configuration commands");
	n = shell_node(cli, n, "route", P, SHELL_CONFIG, "Configure static routes");
	c = shell_cmd(cli, n, "vrf", cmd_ipv6_route_vrf, P, SHELL_CONFIG, "Configure static route for a VPN Routing/Forwarding instance");
	shell_arghelp(cli, c, help6);
	shell_syntax(cli, c, syn6);
	n = shell_node(cli, NULL, "no", P, SHELL_CONFIG, "Negate a command or set its defaults");
	n = shell_node(cli, n, "ipv6", P, SHELL_CONFIG, "Global IPv6 configuration commands");
	n = shell_node(cli, n, "route", P, SHELL_CONFIG, "Configure static routes");
	c = shell_cmd(cli, n, "vrf", cmd_no_ipv6_route_vrf, P, SHELL_CONFIG, "Configure static route for a VPN Routing/Forwarding instance");
	shell_arghelp(cli, c, help6);
	shell_syntax(cli, c, syn6);

	show = shell_node(cli, NULL, "show", U, SHELL_EXEC, "Show running system information");
	n = shell_node(cli, show, "ip", U, SHELL_EXEC, "IP information");
	n = shell_node(cli, n, "cef", U, SHELL_EXEC, "Cisco Express Forwarding");
	c = shell_cmd(cli, n, "vrf", cmd_show_ip_cef_vrf, U, SHELL_EXEC, "Select VPN Routing/Forwarding instance");
	shell_arghelp(cli, c, "WORD\tVPN Routing/Forwarding instance name\n"
		      "A.B.C.D\tprefix to look up (optional)\n"
		      "A.B.C.D/nn\tprefix with its length\n"
		      "detail\tDisplay detailed information");
	shell_syntax(cli, c, "WORD [A.B.C.D [A.B.C.D] | A.B.C.D/nn] [detail]");
	shell_json_ok(cli, c);
}

const struct shell_feature shell_feature_vrf = {
	.name = "vrf",
	.cmds = vrf_cmds,
	.write = vrf_write,
};

const struct shell_feature shell_feature_vrf_late = {
	.name = "vrf-late",
	.cmds = vrf_late_cmds,
	.write = vrf_route6_write,
};
