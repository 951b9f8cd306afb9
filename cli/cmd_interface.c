/*
 * DOC: interfaces: 'interface NAME' and config-if, 'show interfaces
 * [description]', 'show ip interface [IF]', 'show ip interface brief'
 * (also '| json'), 'clear counters'
 *
 * The router keeps the interfaces (iface.h), a configured 'mac-address'
 * included ('show interfaces': address is X (bia Y)); the shell only adds
 * the description.  Names follow IOS for the virtual types ('int lo0',
 * 'interface loopback 0' are Loopback0; 'nu0' is Null0); any other name is
 * a Linux interface (or, offline, a pcap file pair) and is taken
 * literally, except that an existing interface matches in any case.
 *
 * Startup-config semantics, as IOS: a port-backed interface starts shut
 * down (a router with no configuration), but the first stanza of an
 * interface in a replayed file brings it up unless the file says
 * 'shutdown'.  The running-config prints 'shutdown' for a down interface
 * and nothing for an up one, so reloading the print gives the same state,
 * not only the same text; 'no shutdown' is still accepted.  Interfaces
 * print in IOS order: Loopbacks first, then the others by name and number.
 */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arp.h"
#include "acl.h"
#include "iface.h"
#include "json.h"
#include "router.h"
#include "shell.h"
#include "vrf.h"

/* The interface the session's config-if edits; another session may have
 * deleted it. */
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

static int cmd_interface(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r;
	struct iface *ifp;
	char name[SHELL_NAME_MAX], err[256];

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 2 || !shell_ifname(NULL, argv, argc, name, sizeof(name)))
		return shell_err_invalid(cli, argc > 2 ? 2 : 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	shell_ifname(r, argv, argc, name, sizeof(name));
	err[0] = '\0';
	if (!(ifp = iface_get(r, name, err, sizeof(err))))
		return shell_err(cli, "%s", err);
	snprintf(s->ifname, sizeof(s->ifname), "%s", iface_name(ifp));
	/* A stanza in the startup-config without 'shutdown' means up. */
	if (shell_replay_first_stanza(s, iface_name(ifp)))
		iface_set_shutdown(r, ifp, false);
	shell_set_mode(cli, SHELL_CONFIG_IF);
	return CLI_OK;
}

static int cmd_no_interface(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r;
	struct iface *ifp;
	char name[SHELL_NAME_MAX], err[256];

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 2 || !shell_ifname(NULL, argv, argc, name, sizeof(name)))
		return shell_err_invalid(cli, argc > 2 ? 2 : 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	shell_ifname(r, argv, argc, name, sizeof(name));
	if (!(ifp = iface_find(r, name)))
		return shell_err_invalid(cli, 0);
	snprintf(name, sizeof(name), "%s", iface_name(ifp));
	err[0] = '\0';
	/* Other features forget the interface first (they look it up). */
	if (!iface_port(ifp))
		shell_default_if(s->sh, name);
	if (iface_delete(r, ifp, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	shell_if_conf_del(&s->sh->conf, name);
	return CLI_OK;
}

/* The state of an interface nobody configured: a port shut down (a
 * router with no configuration), a loopback up. */
static void default_shutdown(struct router *r, struct iface *ifp)
{
	iface_set_shutdown(r, ifp, iface_port(ifp) != NULL);
}

/* 'default interface IF': every setting of the interface back to its
 * default, other features' too ('ip lisp source-locator'). */
static int cmd_default_interface(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r;
	struct iface *ifp;
	char name[SHELL_NAME_MAX], err[256];

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 2 || !shell_ifname(NULL, argv, argc, name, sizeof(name)))
		return shell_err_invalid(cli, argc > 2 ? 2 : 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	shell_ifname(r, argv, argc, name, sizeof(name));
	if (!(ifp = iface_find(r, name)))
		return shell_err_invalid(cli, 0);
	snprintf(name, sizeof(name), "%s", iface_name(ifp));
	iface_clear_addr(r, ifp);
	if (iface_vrf(ifp) != VRF_DEFAULT)
		iface_set_vrf(r, ifp, VRF_DEFAULT, err, sizeof(err));
	if (iface_mtu(ifp) != IFACE_MTU)
		iface_set_mtu(r, ifp, IFACE_MTU, err, sizeof(err));
	iface_set_arp_timeout(r, ifp, 0);
	iface_set_unreachables(ifp, false, true);
	iface_set_unreachables(ifp, true, true);
	iface_set_urpf(ifp, false, URPF_OFF, false);
	iface_set_urpf(ifp, true, URPF_OFF, false);
	if (iface_port(ifp))
		iface_set_mac(r, ifp, NULL, err, sizeof(err));
	shell_if_conf_del(&s->sh->conf, name);
	shell_default_if(s->sh, name);
	default_shutdown(r, ifp);
	cli_print(cli, "Interface %s set to default configuration", name);
	return CLI_OK;
}

static int cmd_ip_address(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	struct addr a, m;
	char err[256];
	int len;

	if (argc < 2)
		return shell_err_incomplete(cli);
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (addr_parse(argv[0], &a, NULL, 0) == -1 || !addr_is_v4(&a))
		return shell_err_invalid(cli, 0);
	if (addr_parse(argv[1], &m, NULL, 0) == -1 || !addr_is_v4(&m) ||
	    (len = mask_to_len(ntohl(m.u.v4))) < 0)
		return shell_err_invalid(cli, 1);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	err[0] = '\0';
	if (iface_set_addr(r, ifp, &a, len, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_no_ip_address(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	struct addr a, have;
	unsigned len;

	if (argc == 1 || argc > 2)
		return argc == 1 ? shell_err_incomplete(cli) : shell_err_invalid(cli, 2);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	if (argc == 2) {
		if (addr_parse(argv[0], &a, NULL, 0) == -1 || !addr_is_v4(&a))
			return shell_err_invalid(cli, 0);
		if (!iface_addr(ifp, &have, &len) || !addr_eq(&a, &have))
			return shell_err(cli, "%% Invalid address");
	}
	iface_clear_addr(r, ifp);
	return CLI_OK;
}

static int set_shutdown(struct cli_def *cli, int argc, bool down)
{
	struct router *r;
	struct iface *ifp;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	iface_set_shutdown(r, ifp, down);
	return CLI_OK;
}

static int cmd_shutdown(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_shutdown(cli, argc, true);
}

static int cmd_no_shutdown(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_shutdown(cli, argc, false);
}

static int cmd_default_shutdown(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	default_shutdown(r, ifp);
	return CLI_OK;
}

static int cmd_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct if_conf *ic;
	struct router *r;
	struct iface *ifp;
	char text[SHELL_KEY_MAX];
	size_t o = 0;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	text[0] = '\0';
	for (int i = 0; i < argc; i++) {
		size_t l = strlen(argv[i]);

		if (o + l + 2 > sizeof(text))
			return shell_err_invalid(cli, i);
		o += snprintf(text + o, sizeof(text) - o, "%s%s", i ? " " : "", argv[i]);
	}
	if (!(ic = shell_if_conf(&s->sh->conf, iface_name(ifp), true)))
		return shell_err(cli, "%% Out of memory");
	snprintf(ic->description, sizeof(ic->description), "%s", text);
	return CLI_OK;
}

static int cmd_no_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct router *r;
	struct iface *ifp;

	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	shell_if_conf_del(&s->sh->conf, iface_name(ifp));
	return CLI_OK;
}

static int cmd_mtu(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	char err[256];
	long v;

	if ((v = shell_arg_uint(cli, argv, argc, 0, 68, 9216)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	err[0] = '\0';
	if (iface_is_loopback(ifp) || iface_is_null(ifp))
		return shell_err(cli, "%% Interface %s does not support user settable mtu.", iface_name(ifp));
	if (iface_set_mtu(r, ifp, v, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_no_mtu(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	char err[256];

	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	if (iface_set_mtu(r, ifp, IFACE_MTU, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_mac_address(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	uint8_t mac[6];
	char err[256];

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!mac_parse(argv[0], mac))
		return shell_err(cli, "%% Invalid MAC address %s: H.H.H, such as 0200.0000.0001", argv[0]);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	if (iface_set_mac(r, ifp, mac, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_no_mac_address(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	char err[256];

	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	if (iface_port(ifp) && iface_set_mac(r, ifp, NULL, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_arp_timeout(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;
	long v;

	if ((v = shell_arg_uint(cli, argv, argc, 0, 1, 2147483)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	iface_set_arp_timeout(r, ifp, v);
	return CLI_OK;
}

/* [no|default] ip unreachables, [no|default] ipv6 unreachables */
static int cmd_unreachables(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;

	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	iface_set_unreachables(ifp, strstr(cmd, "ipv6 ") != NULL, strncmp(cmd, "no ", 3) != 0);
	return CLI_OK;
}

/* ip[v6] verify unicast source reachable-via {rx | any} [allow-default]
 * (IOS also takes 'allow-self-ping', and an access list, which lispr
 * refuses); ip verify unicast reverse-path: rx, the old form; no ...
 * turns it off. */
static int cmd_verify(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char *const modes[] = { "rx", "any" };
	bool v6 = strstr(cmd, "ipv6 ") != NULL, def = false, self = false;
	enum iface_urpf u = URPF_OFF;
	const char *acl = NULL;
	struct router *r;
	struct iface *ifp;
	int i = 0, k;

	if (strncmp(cmd, "no ", 3)) {
		if (strstr(cmd, "reverse-path")) {
			u = URPF_RX;
		} else {
			if (argc < 1)
				return shell_err_incomplete(cli);
			if ((k = shell_kw_pick(argv, 0, modes, 2)) < 0)
				return shell_err_invalid(cli, 0);
			u = k == 0 ? URPF_RX : URPF_ANY;
			i = 1;
			if (i < argc && strlen(argv[i]) >= 7 && !strncasecmp(argv[i], "allow-default", strlen(argv[i]))) {
				def = true;
				i++;
			}
			if (i < argc && strlen(argv[i]) >= 7 &&
			    !strncasecmp(argv[i], "allow-self-ping", strlen(argv[i]))) {
				self = true;
				i++;
			}
		}
		/* An access list whose permitted packets pass a failed check. */
		if (i < argc && strlen(argv[i]) < ACL_NAME_MAX)
			acl = argv[i++];
		if (i < argc)
			return shell_err_invalid(cli, i);
	}
	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	iface_set_urpf(ifp, v6, u, def);
	iface_set_urpf_opts(ifp, v6, self, acl);
	return CLI_OK;
}

static int cmd_no_arp_timeout(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp;

	if (!(ifp = cur_iface(cli, &r)))
		return CLI_ERROR;
	iface_set_arp_timeout(r, ifp, 0);
	return CLI_OK;
}

/* ------------------------------------------------------------ running-config */

struct wctx {
	struct shell *sh;
	FILE *f;
	int n;
	bool loopbacks;		/* this pass: Loopbacks, or the others */
};

static void fmt_mask(unsigned len, char *buf, size_t blen)
{
	struct addr m;

	addr_set_v4(&m, len_to_mask(len));
	addr_fmt(&m, buf, blen);
}

/* One interface's block, the same for the running-config and 'show
 * running-config interface IF'. */
static void write_block(struct shell *sh, struct iface *ifp, FILE *f)
{
	struct if_conf *ic = shell_if_conf(&sh->conf, iface_name(ifp), false);
	struct vrf_info vi;
	struct addr a;
	unsigned len;
	uint8_t mac[6];
	char ab[ADDR_STRLEN], mb[ADDR_STRLEN];

	fprintf(f, "interface %s\n", iface_name(ifp));
	if (ic && ic->description[0])
		fprintf(f, " description %s\n", ic->description);
	if (iface_mac_configured(ifp, mac)) {
		mac_fmt(mac, ab, sizeof(ab));
		fprintf(f, " mac-address %s\n", ab);
	}
	/* Before the addresses: binding removes them. */
	if (iface_vrf(ifp) != VRF_DEFAULT && vrf_get(sh->router, iface_vrf(ifp), &vi))
		fprintf(f, " %svrf forwarding %s\n", vi.classic ? "ip " : "", vi.name);
	if (iface_addr(ifp, &a, &len)) {
		fmt_mask(len, mb, sizeof(mb));
		fprintf(f, " ip address %s %s\n", addr_fmt(&a, ab, sizeof(ab)), mb);
	} else if (!iface_is_null(ifp)) {
		fprintf(f, " no ip address\n");
	}
	if (iface_mtu(ifp) != IFACE_MTU)
		fprintf(f, " mtu %u\n", iface_mtu(ifp));
	if (iface_arp_timeout(ifp))
		fprintf(f, " arp timeout %u\n", iface_arp_timeout(ifp));
	if (!iface_unreachables(ifp, false))
		fprintf(f, " no ip unreachables\n");
	if (!iface_unreachables(ifp, true))
		fprintf(f, " no ipv6 unreachables\n");
	for (int v6 = 0; v6 < 2; v6++) {
		bool def, self;
		enum iface_urpf u = iface_urpf(ifp, v6, &def);
		const char *acl;

		self = iface_urpf_opts(ifp, v6, &acl);
		if (u)
			fprintf(f, " ip%s verify unicast source reachable-via %s%s%s%s%s\n", v6 ? "v6" : "",
				u == URPF_RX ? "rx" : "any", def ? " allow-default" : "", self ? " allow-self-ping" : "",
				acl[0] ? " " : "", acl);
	}
	/* Other features' lines for this interface (their write_if). */
	shell_write_if(sh, iface_name(ifp), f);
	if (iface_is_shutdown(ifp))
		fprintf(f, " shutdown\n");
}

static int write_one(struct iface *ifp, void *arg)
{
	struct wctx *w = arg;

	if (iface_is_loopback(ifp) != w->loopbacks)
		return 0;
	/* Null0 exists for 'ip route ... Null0'; it has nothing to set. */
	if (iface_is_null(ifp) && !shell_if_conf(&w->sh->conf, iface_name(ifp), false))
		return 0;
	if (w->n++)
		fputs("!\n", w->f);
	write_block(w->sh, ifp, w->f);
	return 0;
}

/*
 * More interfaces than this are written in slices of this many, the
 * router lock let go between them (10,000 loopbacks held it 6.8 ms).
 */
#define IF_SLICE	256

/* The interfaces written later: where the walk is. */
struct if_part {
	bool loopbacks;			/* the pass */
	int n;				/* blocks written */
	bool started;
	char after[IFACE_NAMELEN];	/* the last one walked */
};

struct if_slice {
	struct wctx w;
	struct if_part *ip;
	unsigned left;
};

static int if_slice_fn(struct iface *ifp, void *arg)
{
	struct if_slice *x = arg;

	x->ip->started = true;
	snprintf(x->ip->after, sizeof(x->ip->after), "%s", iface_name(ifp));
	write_one(ifp, &x->w);
	return --x->left == 0;
}

static int fill_ifaces(struct shell *sh, void *arg, FILE *out)
{
	struct if_part *ip = arg;
	struct if_slice x = { { sh, out, ip->n, ip->loopbacks }, ip, IF_SLICE };
	int rc;

	if (!sh->router)
		return 0;
	rc = iface_foreach_after(sh->router, ip->started ? ip->after : NULL, if_slice_fn, &x);
	ip->n = x.w.n;
	if (rc)
		return 1;
	if (!ip->loopbacks)
		return 0;
	ip->loopbacks = ip->started = false;	/* then the others */
	return 1;
}

/* IOS order: the virtual Loopbacks first, then the others by name and
 * number (the router keeps them in natural name order). */
static void interface_write(struct shell *sh, FILE *f)
{
	struct wctx w = { .sh = sh, .f = f, .loopbacks = true };
	struct if_part ip = { .loopbacks = true };

	if (!sh->router)
		return;
	if (iface_count(sh->router) > IF_SLICE && shell_config_defer(f, fill_ifaces, &ip, sizeof(ip)))
		return;
	iface_foreach(sh->router, write_one, &w);
	w.loopbacks = false;
	iface_foreach(sh->router, write_one, &w);
}

char *shell_interface_text(struct shell *sh, const char *ifname)
{
	struct iface *ifp = sh->router ? iface_find(sh->router, ifname) : NULL;
	char *text = NULL;
	size_t len = 0;
	FILE *f;

	if (!ifp || !(f = open_memstream(&text, &len)))
		return NULL;
	write_block(sh, ifp, f);
	fclose(f);
	return text;
}

/* ------------------------------------------------------------ show */

static const char *state_word(const struct iface *ifp)
{
	return iface_is_shutdown(ifp) ? "administratively down" : iface_is_up(ifp) ? "up" : "down";
}

/*
 * 'show interfaces' and 'show ip interface brief': every interface's row
 * is copied with the router lock held (no pointer into the router), then
 * formatted and printed with the lock let go, as 'show arp' does: 10,000
 * loopbacks are a copy, not their formatting, under the lock.
 */
struct if_row {
	char name[SHELL_NAME_MAX];
	char description[SHELL_KEY_MAX];
	char vrf[SHELL_NAME_MAX];
	const char *kind, *state;	/* static strings */
	bool up, loopback, null, port, has_addr, in_vrf;
	struct addr a;
	unsigned len, mtu;
	uint32_t arp_timeout;		/* the interface's, else the router's */
	uint8_t mac[6], bia[6];
	struct iface_counters k;
	uint64_t refused, ring;
	char acl_in[ACL_NAME_MAX], acl_out[ACL_NAME_MAX];	/* 'ip access-group' */
	bool unreach, urpf_default, urpf_self;
	enum iface_urpf urpf;
	char urpf_acl[ACL_NAME_MAX];
	uint64_t urpf_drops, urpf_suppressed;
};

struct sctx {
	struct shell *sh;
	struct router *r;
	const char *only;
	int vrf;		/* 'brief vrf NAME', -1 all */
	struct if_row *v;
	size_t n, cap;
	bool nomem;
};

static int copy_row(struct iface *ifp, void *arg)
{
	struct sctx *c = arg;
	struct if_conf *ic;
	struct if_row *w;

	if (c->only && strcmp(c->only, iface_name(ifp)))
		return 0;
	if (c->vrf >= 0 && iface_vrf(ifp) != (unsigned)c->vrf)
		return 0;
	if (c->n == c->cap) {
		size_t cap = c->cap ? 2 * c->cap : 64;
		struct if_row *nv = realloc(c->v, cap * sizeof(*nv));

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
	if (c->sh && (ic = shell_if_conf(&c->sh->conf, iface_name(ifp), false)))
		snprintf(w->description, sizeof(w->description), "%s", ic->description);
	snprintf(w->vrf, sizeof(w->vrf), "%s", vrf_name(c->r, iface_vrf(ifp)));
	w->in_vrf = iface_vrf(ifp) != VRF_DEFAULT;
	w->kind = iface_kind(ifp);
	w->state = state_word(ifp);
	w->up = iface_is_up(ifp);
	w->loopback = iface_is_loopback(ifp);
	w->null = iface_is_null(ifp);
	w->port = iface_port(ifp) != NULL;
	w->has_addr = iface_addr(ifp, &w->a, &w->len);
	w->mtu = iface_mtu(ifp);
	w->arp_timeout = iface_arp_timeout(ifp);
	if (!w->arp_timeout)
		w->arp_timeout = arp_timeout(c->r);
	memcpy(w->mac, iface_mac(ifp), 6);
	memcpy(w->bia, iface_bia(ifp), 6);
	w->k = *iface_counters(ifp);
	iface_port_rx_errors(ifp, &w->refused, &w->ring);
	snprintf(w->acl_in, sizeof(w->acl_in), "%s", iface_access_group(ifp, false, false));
	snprintf(w->acl_out, sizeof(w->acl_out), "%s", iface_access_group(ifp, false, true));
	w->unreach = iface_unreachables(ifp, false);
	w->urpf = iface_urpf(ifp, false, &w->urpf_default);
	w->urpf_drops = iface_urpf_drops(ifp, false);
	w->urpf_suppressed = iface_urpf_suppressed(ifp, false);
	{
		const char *acl;

		w->urpf_self = iface_urpf_opts(ifp, false, &acl);
		snprintf(w->urpf_acl, sizeof(w->urpf_acl), "%s", acl);
	}
	return 0;
}

/* The rows, copied with the lock held; then the lock is let go for the
 * printing (the caller takes it back with shell_lock()).  -1: out of
 * memory, the lock still held. */
static int copy_rows(struct cli_def *cli, struct sctx *c)
{
	iface_foreach(c->r, copy_row, c);
	if (c->nomem) {
		free(c->v);
		shell_err(cli, "%% Out of memory");
		return -1;
	}
	shell_unlock(shell_sess_of(cli)->sh);
	return 0;
}

/* The same, of every interface or of the one argv names (0 to 2 words:
 * '% Invalid input' otherwise, -1). */
static int copy_rows_arg(struct cli_def *cli, struct sctx *c, char **argv, int argc)
{
	char name[SHELL_NAME_MAX];
	struct iface *ifp;

	if (argc) {
		if (!shell_ifname(c->r, argv, argc, name, sizeof(name)) || !(ifp = iface_find(c->r, name))) {
			shell_err_invalid(cli, 0);
			return -1;
		}
		c->only = iface_name(ifp);
	}
	return copy_rows(cli, c);
}

static void fmt_hms(uint32_t secs, char *buf, size_t len)
{
	snprintf(buf, len, "%02u:%02u:%02u", secs / 3600, secs % 3600 / 60, secs % 60);
}

static void show_one(struct cli_def *cli, const struct if_row *w)
{
	const struct iface_counters *k = &w->k;
	char ab[ADDR_STRLEN], mac[MAC_STRLEN], bia[MAC_STRLEN], hms[16];

	cli_print(cli, "%s is %s, line protocol is %s", w->name, w->state, w->up ? "up" : "down");
	if (w->loopback) {
		cli_print(cli, "  Hardware is Loopback");
	} else if (w->null) {
		cli_print(cli, "  Hardware is Unknown");
	} else {
		mac_fmt(w->mac, mac, sizeof(mac));
		mac_fmt(w->bia, bia, sizeof(bia));
		cli_print(cli, "  Hardware is Ethernet (%s port), address is %s (bia %s)", w->kind, mac, bia);
	}
	if (w->description[0])
		cli_print(cli, "  Description: %s", w->description);
	if (w->has_addr)
		cli_print(cli, "  Internet address is %s/%u", addr_fmt(&w->a, ab, sizeof(ab)), w->len);
	cli_print(cli, "  MTU %u bytes", w->mtu);
	if (w->port) {
		fmt_hms(w->arp_timeout, hms, sizeof(hms));
		cli_print(cli, "  Encapsulation ARPA, loopback not set");
		cli_print(cli, "  ARP type: ARPA, ARP Timeout %s", hms);
	} else {
		cli_print(cli, "  Encapsulation %s", w->loopback ? "LOOPBACK, loopback not set" : "NULL");
	}
	cli_print(cli, "     %" PRIu64 " packets input, %" PRIu64 " bytes", k->in_pkts, k->in_bytes);
	cli_print(cli, "     Received %" PRIu64 " broadcasts, %" PRIu64 " input drops", k->in_bcast, k->in_drops);
	/* IOS layout.  The port's refused frames are giants; a full capture
	 * ring is the receiver overrun.  CRC and framing errors never reach
	 * a capture socket, and nothing here throttles or ignores. */
	cli_print(cli, "     %" PRIu64 " runts, %" PRIu64 " giants, 0 throttles", k->in_runts,
		  k->in_giants + w->refused);
	cli_print(cli, "     %" PRIu64 " input errors, 0 CRC, 0 frame, %" PRIu64 " overrun, 0 ignored",
		  k->in_runts + k->in_giants + w->refused + w->ring, w->ring);
	cli_print(cli, "     %" PRIu64 " packets output, %" PRIu64 " bytes", k->out_pkts, k->out_bytes);
	cli_print(cli, "     %" PRIu64 " output errors", k->out_errors);
}

/* IOS's short form of a type name ('show interfaces description'):
 * Ethernet0 -> Et0, Loopback1 -> Lo1; other names as they are. */
static void short_name(const char *name, char *out, size_t len)
{
	static const char *const types[][2] = {
		{ "Ethernet", "Et" }, { "FastEthernet", "Fa" }, { "GigabitEthernet", "Gi" },
		{ "TenGigabitEthernet", "Te" }, { "Loopback", "Lo" }, { "Null", "Nu" },
		{ "Tunnel", "Tu" }, { "Vlan", "Vl" },
	};

	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t n = strlen(types[i][0]);

		if (!strncmp(name, types[i][0], n) && name[n] >= '0' && name[n] <= '9') {
			snprintf(out, len, "%s%s", types[i][1], name + n);
			return;
		}
	}
	snprintf(out, len, "%s", name);
}

/* 'show interfaces description': a line per interface, IOS's columns. */
static int show_descriptions(struct cli_def *cli, struct sctx *c)
{
	char sn[SHELL_NAME_MAX];

	if (copy_rows(cli, c) == -1)
		return CLI_ERROR;
	cli_print(cli, "Interface                      Status         Protocol Description");
	for (size_t i = 0; i < c->n; i++) {
		const struct if_row *w = &c->v[i];

		short_name(w->name, sn, sizeof(sn));
		cli_print(cli, "%-30s %-14s %-8s %s", sn,
			  !strcmp(w->state, "administratively down") ? "admin down" : w->state,
			  w->up ? "up" : "down", w->description);
	}
	free(c->v);
	shell_lock(c->sh);
	return CLI_OK;
}

static int cmd_show_interfaces(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct sctx c = { .sh = shell_sess_of(cli)->sh, .vrf = -1 };

	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(c.r = shell_router(cli)))
		return CLI_ERROR;
	if (argc == 1 && !iface_find(c.r, argv[0]) &&
	    shell_kw_pick(argv, 0, (const char *const[]){ "description" }, 1) == 0)
		return show_descriptions(cli, &c);
	if (copy_rows_arg(cli, &c, argv, argc) == -1)
		return CLI_ERROR;
	for (size_t i = 0; i < c.n; i++)
		show_one(cli, &c.v[i]);
	free(c.v);
	shell_lock(c.sh);
	return CLI_OK;
}

static void brief_json(struct json *j, const struct if_row *w)
{
	struct addr none;

	memset(&none, 0, sizeof(none));
	json_begin(j, NULL, '{');
	json_str(j, "interface", w->name);
	json_str(j, "vrf", w->vrf);
	json_addr(j, "ip_address", w->has_addr ? &w->a : &none);
	if (w->has_addr)
		json_uint(j, "prefix_length", w->len);
	else
		json_null(j, "prefix_length");
	json_bool(j, "ok", true);
	json_str(j, "method", w->has_addr ? "manual" : "unset");
	json_str(j, "status", w->state);
	json_str(j, "protocol", w->up ? "up" : "down");
	json_end(j, '}');
}

/* 'show ip interface [IF]': IOS's layout, each line what lispr does (no
 * helpers, ACLs, proxy ARP, redirects or directed broadcasts; ICMP
 * unreachables sent, rate limited router-wide). */
static int cmd_show_ip_interface(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct sctx c = { .sh = shell_sess_of(cli)->sh, .vrf = -1 };
	char ab[ADDR_STRLEN];

	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(c.r = shell_router(cli)))
		return CLI_ERROR;
	if (copy_rows_arg(cli, &c, argv, argc) == -1)
		return CLI_ERROR;
	for (size_t i = 0; i < c.n; i++) {
		const struct if_row *w = &c.v[i];

		cli_print(cli, "%s is %s, line protocol is %s", w->name, w->state, w->up ? "up" : "down");
		if (!w->has_addr) {
			cli_print(cli, "  Internet protocol processing disabled");
			continue;
		}
		cli_print(cli, "  Internet address is %s/%u", addr_fmt(&w->a, ab, sizeof(ab)), w->len);
		cli_print(cli, "  Broadcast address is 255.255.255.255");
		cli_print(cli, "  MTU is %u bytes", w->mtu);
		cli_print(cli, "  Helper address is not set");
		cli_print(cli, "  Directed broadcast forwarding is disabled");
		if (w->acl_out[0])
			cli_print(cli, "  Outgoing access list is %s", w->acl_out);
		else
			cli_print(cli, "  Outgoing access list is not set");
		if (w->acl_in[0])
			cli_print(cli, "  Inbound  access list is %s", w->acl_in);
		else
			cli_print(cli, "  Inbound  access list is not set");
		cli_print(cli, "  Proxy ARP is disabled");
		cli_print(cli, "  ICMP redirects are never sent");
		cli_print(cli, "  ICMP unreachables are %s sent", w->unreach ? "always" : "never");
		if (w->urpf) {
			cli_print(cli, "  IP verify source reachable-via %s%s%s%s%s", w->urpf == URPF_RX ? "RX" : "ANY",
				  w->urpf_default ? ", allow default" : "", w->urpf_self ? ", allow self-ping" : "",
				  w->urpf_acl[0] ? ", ACL " : "", w->urpf_acl);
			cli_print(cli, "   %llu verification drops", (unsigned long long)w->urpf_drops);
			cli_print(cli, "   %llu suppressed verification drops", (unsigned long long)w->urpf_suppressed);
		}
		if (w->in_vrf)
			cli_print(cli, "  VPN Routing/Forwarding \"%s\"", w->vrf);
	}
	free(c.v);
	shell_lock(c.sh);
	return CLI_OK;
}

/* 'show ip interface brief [vrf NAME]': IOS-XE's filter by VRF. */
static int cmd_show_ip_int_brief(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct sctx c = { .sh = shell_sess_of(cli)->sh, .vrf = -1 };
	char ab[ADDR_STRLEN];

	if (argc && (strlen(argv[0]) < 1 || strncasecmp(argv[0], "vrf", strlen(argv[0]))))
		return shell_err_invalid(cli, 0);
	if (argc == 1)
		return shell_err_incomplete(cli);
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(c.r = shell_router(cli)))
		return CLI_ERROR;
	if (argc == 2 && (c.vrf = vrf_lookup(c.r, argv[1])) < 0)
		return shell_err(cli, "%% VRF %s does not exist", argv[1]);
	if (copy_rows(cli, &c) == -1)
		return CLI_ERROR;
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_begin(&j, "interfaces", '[');
		for (size_t i = 0; i < c.n; i++)
			brief_json(&j, &c.v[i]);
		json_end(&j, ']');
		json_end(&j, '}');
		free(c.v);
		shell_lock(c.sh);
		return json_print(cli, &j);
	}
	cli_print(cli, "Interface                  IP-Address      OK? Method Status                Protocol");
	for (size_t i = 0; i < c.n; i++) {
		const struct if_row *w = &c.v[i];

		cli_print(cli, "%-26s %-15s YES %-6s %-21s %s", w->name,
			  w->has_addr ? addr_fmt(&w->a, ab, sizeof(ab)) : "unassigned",
			  w->has_addr ? "manual" : "unset", w->state, w->up ? "up" : "down");
	}
	free(c.v);
	shell_lock(c.sh);
	return CLI_OK;
}

static int clear_one(struct iface *ifp, void *arg)
{
	const char *only = arg;

	if (!only || !strcmp(only, iface_name(ifp)))
		iface_clear_counters(ifp);
	return 0;
}

static int cmd_clear_counters(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;
	struct iface *ifp = NULL;
	char name[SHELL_NAME_MAX];

	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if (argc && (!shell_ifname(r, argv, argc, name, sizeof(name)) || !(ifp = iface_find(r, name))))
		return shell_err_invalid(cli, 0);
	iface_foreach(r, clear_one, ifp ? (void *)iface_name(ifp) : NULL);
	return CLI_OK;
}

/* 'no'/'default' description, mtu and arp timeout under parent (the
 * value may be given, as IOS allows). */
static void if_no_forms(struct cli_def *cli, struct cli_command *parent)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_CONFIG_IF;
	struct cli_command *c;

	c = shell_cmd(cli, parent, "description", cmd_no_description, P, M, "Interface specific description");
	shell_arghelp(cli, c, "LINE\tUp to 127 characters describing this interface");
	shell_syntax(cli, c, "[LINE]");
	c = shell_cmd(cli, parent, "mtu", cmd_no_mtu, P, M, "Set the interface Maximum Transmission Unit (MTU)");
	shell_arghelp(cli, c, "<68-9216>\tMTU (bytes)");
	shell_syntax(cli, c, "[<68-9216>]");
	c = shell_node(cli, parent, "arp", P, M, "Set arp type (arpa, probe, snap) or timeout or log options");
	c = shell_cmd(cli, c, "timeout", cmd_no_arp_timeout, P, M, "Set ARP cache timeout");
	shell_arghelp(cli, c, "<1-2147483>\tSeconds");
	shell_syntax(cli, c, "[<1-2147483>]");
	c = shell_cmd(cli, parent, "mac-address", cmd_no_mac_address, P, M, "Manually set interface MAC address");
	shell_arghelp(cli, c, "H.H.H\tMAC address (optional)");
	shell_syntax(cli, c, "[H.H.H]");
}

static void interface_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_CONFIG_IF;
	struct cli_command *c, *no, *ip, *show, *def;
	static const char ifhelp[] = "Loopback\tLoopback interface (also 'lo0')\n"
				     "Null\tNull interface\n"
				     "WORD\tA Linux interface name (veth0, eth1)\n"
				     "<0-2147483647>\tLoopback interface number\n"
				     "<0-0>\tNull interface number";
	static const char ifsyntax[] = "{Loopback <0-2147483647> | Null <0-0> | WORD}";

	c = shell_cmd(cli, NULL, "interface", cmd_interface, P, SHELL_CONFIG, "Select an interface to configure");
	shell_arghelp(cli, c, ifhelp);
	shell_syntax(cli, c, ifsyntax);
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "interface", cmd_no_interface, P, SHELL_CONFIG, "Select an interface to configure");
	shell_arghelp(cli, c, ifhelp);
	shell_syntax(cli, c, ifsyntax);

	ip = shell_node(cli, NULL, "ip", P, M, "Interface Internet Protocol config commands");
	c = shell_cmd(cli, ip, "address", cmd_ip_address, P, M, "Set the IP address of an interface");
	shell_arghelp(cli, c, "A.B.C.D\tIP address\nA.B.C.D\tIP subnet mask");
	shell_syntax(cli, c, "A.B.C.D A.B.C.D");
	c = shell_cmd(cli, NULL, "shutdown", cmd_shutdown, P, M, "Shutdown the selected interface");
	shell_syntax(cli, c, "");
	c = shell_cmd(cli, NULL, "description", cmd_description, P, M, "Interface specific description");
	shell_arghelp(cli, c, "LINE\tUp to 127 characters describing this interface");
	shell_syntax(cli, c, "LINE");
	c = shell_cmd(cli, NULL, "mtu", cmd_mtu, P, M, "Set the interface Maximum Transmission Unit (MTU)");
	shell_arghelp(cli, c, "<68-9216>\tMTU (bytes)");
	shell_syntax(cli, c, "<68-9216>");
	c = shell_cmd(cli, NULL, "mac-address", cmd_mac_address, P, M, "Manually set interface MAC address");
	shell_arghelp(cli, c, "H.H.H\tMAC address");
	shell_syntax(cli, c, "H.H.H");
	c = shell_node(cli, NULL, "arp", P, M, "Set arp type (arpa, probe, snap) or timeout or log options");
	c = shell_cmd(cli, c, "timeout", cmd_arp_timeout, P, M, "Set ARP cache timeout");
	shell_arghelp(cli, c, "<1-2147483>\tSeconds");
	shell_syntax(cli, c, "<1-2147483>");

	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	ip = shell_node(cli, no, "ip", P, M, "Interface Internet Protocol config commands");
	c = shell_cmd(cli, ip, "address", cmd_no_ip_address, P, M, "Set the IP address of an interface");
	shell_arghelp(cli, c, "A.B.C.D\tIP address (optional)\nA.B.C.D\tIP subnet mask");
	shell_syntax(cli, c, "[A.B.C.D A.B.C.D]");
	shell_syntax(cli, shell_cmd(cli, no, "shutdown", cmd_no_shutdown, P, M, "Shutdown the selected interface"), "");
	if_no_forms(cli, no);
	for (int neg = 0; neg < 3; neg++) {
		struct cli_command *p = neg == 0 ? NULL : neg == 1 ? no : shell_node(cli, NULL, "default", P, M,
										 "Set a command to its defaults");

		c = shell_node(cli, p, "ip", P, M, "Interface Internet Protocol config commands");
		shell_syntax(cli, shell_cmd(cli, c, "unreachables", cmd_unreachables, P, M,
					    "Enable sending ICMP Unreachable messages"), "");
		c = shell_node(cli, p, "ipv6", P, M, "IPv6 interface subcommands");
		shell_syntax(cli, shell_cmd(cli, c, "unreachables", cmd_unreachables, P, M,
					    "Enable sending ICMP Unreachable messages"), "");
	}
	for (int neg = 0; neg < 2; neg++) {
		for (int v6 = 0; v6 < 2; v6++) {
			c = shell_node(cli, neg ? no : NULL, v6 ? "ipv6" : "ip", P, M, v6 ? "IPv6 interface subcommands" :
				       "Interface Internet Protocol config commands");
			c = shell_node(cli, c, "verify", P, M, "Enable per packet validation");
			c = shell_node(cli, c, "unicast", P, M, "Enable per packet validation for unicast");
			if (!v6)
				shell_syntax(cli, shell_cmd(cli, c, "reverse-path", cmd_verify, P, M,
							    "Reverse path validation of source address (old command format)"),
					     "");
			c = shell_node(cli, c, "source", P, M, "Validation of source address");
			c = shell_cmd(cli, c, "reachable-via", cmd_verify, P, M,
				      "Specify reachability check to apply to the source address");
			shell_arghelp(cli, c, "rx\tSource is reachable via interface on which packet was received\n"
				      "any\tSource is reachable via any interface\n"
				      "allow-default\tAllow default route to match when checking source address\n"
				      "allow-self-ping\tAllow router to ping itself (opens vulnerability in verification)\n"
				      "WORD\tA standard or extended access list");
			shell_syntax(cli, c, neg ? "[{rx | any} [allow-default] [allow-self-ping] [WORD]]"
						 : "{rx | any} [allow-default] [allow-self-ping] [WORD]");
		}
	}

	/* 'default X': the 'no' form, but for shutdown (a port's default is
	 * down); 'default interface IF' resets a whole interface. */
	def = shell_node(cli, NULL, "default", P, M, "Set a command to its defaults");
	ip = shell_node(cli, def, "ip", P, M, "Interface Internet Protocol config commands");
	c = shell_cmd(cli, ip, "address", cmd_no_ip_address, P, M, "Set the IP address of an interface");
	shell_arghelp(cli, c, "A.B.C.D\tIP address (optional)\nA.B.C.D\tIP subnet mask");
	shell_syntax(cli, c, "[A.B.C.D A.B.C.D]");
	shell_syntax(cli, shell_cmd(cli, def, "shutdown", cmd_default_shutdown, P, M, "Shutdown the selected interface"),
		     "");
	if_no_forms(cli, def);
	def = shell_node(cli, NULL, "default", P, SHELL_CONFIG, "Set a command to its defaults");
	c = shell_cmd(cli, def, "interface", cmd_default_interface, P, SHELL_CONFIG, "Select an interface to configure");
	shell_arghelp(cli, c, ifhelp);
	shell_syntax(cli, c, ifsyntax);

	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, show, "interfaces", cmd_show_interfaces, SHELL_PRIV_USER, SHELL_EXEC,
		      "Interface status and configuration");
	shell_arghelp(cli, c, "IF\tAn interface (optional)\n"
			  "description\tShow interface description");
	shell_syntax(cli, c, "[IF [WORD] | description]");
	ip = shell_node(cli, show, "ip", SHELL_PRIV_USER, SHELL_EXEC, "IP information");
	c = shell_cmd(cli, ip, "interface", cmd_show_ip_interface, SHELL_PRIV_USER, SHELL_EXEC,
		      "IP interface status and configuration");
	shell_arghelp(cli, c, "IF\tAn interface (optional)");
	shell_syntax(cli, c, "[IF [WORD]]");
	c = shell_cmd(cli, c, "brief", cmd_show_ip_int_brief, SHELL_PRIV_USER, SHELL_EXEC,
		      "Brief summary of IP status and configuration");
	shell_arghelp(cli, c, "vrf\tVRF name\nWORD\tVRF name");
	shell_syntax(cli, c, "[vrf WORD]");
	shell_json_ok(cli, c);
	c = shell_node(cli, NULL, "clear", P, SHELL_EXEC, "Reset functions");
	c = shell_cmd(cli, c, "counters", cmd_clear_counters, P, SHELL_EXEC, "Clear counters on one or all interfaces");
	shell_arghelp(cli, c, "IF\tAn interface (optional)");
	shell_syntax(cli, c, "[IF]");
}

const struct shell_feature shell_feature_interface = {
	.name = "interface",
	.cmds = interface_cmds,
	.write = interface_write,
};
