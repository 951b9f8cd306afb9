/*
 * DOC: ARP and traffic counters: 'show arp' ('show ip arp'), 'clear
 * arp-cache', 'show ip traffic', 'clear ip traffic'
 *
 * 'show arp' lists the router's own addresses (age '-') with the learned
 * and pending entries, sorted by address as IOS does ('| json': the same
 * rows, the age in whole minutes or null for the router's own, the
 * hardware address null while incomplete); 'show arp summary' counts them,
 * per kind and per interface, with the cache's bounds (ARP_CACHE_MAX
 * entries and ARP_PENDING_MAX waiting packets, all VRFs together).  'show ip traffic'
 * prints every counter of the router, and every drop reason with its own
 * line, zero or not, so a script can grep for any of them.
 */
#include "config.h"

#include <arpa/inet.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arp.h"
#include "event.h"
#include "iface.h"
#include "json.h"
#include "router.h"
#include "shell.h"
#include "vrf.h"

struct arp_row {
	uint32_t ip;		/* host order, the sort key */
	bool own, complete;
	uint64_t age_min;
	char hw[20];
	char ifname[IFACE_NAMELEN];
};

struct arp_rows {
	struct arp_row *v;
	size_t n, cap;
	uint64_t now;
	unsigned vrf;		/* the table shown: interfaces of this VRF */
};

static struct arp_row *row_add(struct arp_rows *t)
{
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 32;
		struct arp_row *nv = realloc(t->v, cap * sizeof(*nv));

		if (!nv)
			return NULL;
		t->v = nv;
		t->cap = cap;
	}
	memset(&t->v[t->n], 0, sizeof(t->v[0]));
	return &t->v[t->n++];
}

static int own_row(struct iface *ifp, void *arg)
{
	struct arp_rows *t = arg;
	struct arp_row *w;
	struct addr a;
	unsigned len;

	if (iface_vrf(ifp) != t->vrf || !iface_port(ifp) || !iface_addr(ifp, &a, &len) ||
	    !(w = row_add(t)))
		return 0;
	w->ip = ntohl(a.u.v4);
	w->own = w->complete = true;
	mac_fmt(iface_mac(ifp), w->hw, sizeof(w->hw));
	snprintf(w->ifname, sizeof(w->ifname), "%s", iface_name(ifp));
	return 0;
}

static int learned_row(const struct arp_info *e, void *arg)
{
	struct arp_rows *t = arg;
	struct arp_row *w;

	if (e->ifp && iface_vrf(e->ifp) != t->vrf)
		return 0;
	if (!(w = row_add(t)))
		return -1;
	w->ip = ntohl(e->ip);
	w->age_min = t->now > e->updated ? (t->now - e->updated) / (60 * NS_PER_SEC) : 0;
	w->complete = e->complete;
	if (e->complete)
		mac_fmt(e->mac, w->hw, sizeof(w->hw));
	else
		snprintf(w->hw, sizeof(w->hw), "Incomplete");
	snprintf(w->ifname, sizeof(w->ifname), "%s", e->ifp ? iface_name(e->ifp) : "");
	return 0;
}

static int row_cmp(const void *a, const void *b)
{
	const struct arp_row *x = a, *y = b;

	if (x->ip != y->ip)
		return x->ip < y->ip ? -1 : 1;
	return strcmp(x->ifname, y->ifname);
}

static int name_cmp(const void *a, const void *b)
{
	const struct arp_row *x = a, *y = b;

	return strcmp(x->ifname, y->ifname);
}

/* 'show arp [vrf NAME] summary': the rows counted by kind, then per
 * interface (the rows sorted by interface name), then the bounds. */
static int show_summary(struct cli_def *cli, struct router *r, struct arp_rows *t)
{
	size_t own = 0, dyn = 0, inc = 0, all = arp_count(r), waiting = arp_pending(r);

	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].own)
			own++;
		else if (t->v[i].complete)
			dyn++;
		else
			inc++;
	}
	if (t->n)
		qsort(t->v, t->n, sizeof(t->v[0]), name_cmp);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_str(&j, "vrf", vrf_name(r, t->vrf));
		json_uint(&j, "total", t->n);
		json_uint(&j, "dynamic", dyn);
		json_uint(&j, "incomplete", inc);
		json_uint(&j, "interface", own);
		json_uint(&j, "static", 0);
		json_begin(&j, "per_interface", '{');
		for (size_t i = 0, k; i < t->n; i = k) {
			for (k = i; k < t->n && !strcmp(t->v[k].ifname, t->v[i].ifname); k++)
				;
			json_uint(&j, t->v[i].ifname, k - i);
		}
		json_end(&j, '}');
		json_uint(&j, "cache_entries", all);
		json_uint(&j, "cache_limit", ARP_CACHE_MAX);
		json_uint(&j, "packets_waiting", waiting);
		json_uint(&j, "packets_waiting_limit", ARP_PENDING_MAX);
		json_uint(&j, "cache_full_drops", router_stats(r)->drops[RT_DROP_ARP_CACHE_FULL]);
		json_end(&j, '}');
		free(t->v);
		return json_print(cli, &j);
	}
	cli_print(cli, "Total number of entries in the ARP table: %zu.", t->n);
	cli_print(cli, "Total number of Dynamic ARP entries: %zu.", dyn);
	cli_print(cli, "Total number of Incomplete ARP entries: %zu.", inc);
	cli_print(cli, "Total number of Interface ARP entries: %zu.", own);
	cli_print(cli, "Total number of Static ARP entries: 0.");
	cli_print(cli, "Learned and incomplete entries, all VRFs: %zu (limit %u).", all, ARP_CACHE_MAX);
	cli_print(cli, "Packets waiting for resolution: %zu (limit %u).", waiting, ARP_PENDING_MAX);
	cli_print(cli, "Entries refused, cache full: %" PRIu64 ".",
		  router_stats(r)->drops[RT_DROP_ARP_CACHE_FULL]);
	if (t->n)
		cli_print(cli, "Interface              Entry Count");
	for (size_t i = 0, k; i < t->n; i = k) {
		for (k = i; k < t->n && !strcmp(t->v[k].ifname, t->v[i].ifname); k++)
			;
		cli_print(cli, "%-22s %zu", t->v[i].ifname, k - i);
	}
	free(t->v);
	return CLI_OK;
}

/* 'show arp [vrf NAME] [summary | A.B.C.D | IF]' ('show ip arp' too): the
 * entries of the default table's interfaces, or of the VRF's, as IOS
 * keeps one ARP table per VRF; an address or an interface picks its
 * entries. */
static int cmd_show_arp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct arp_rows t = { 0 };
	struct router *r;
	int vrf = VRF_DEFAULT, o = 0;
	bool summary = false, by_ip = false;
	char vname[SHELL_NAME_MAX], ifname[SHELL_NAME_MAX] = "";
	struct addr only;

	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	if (argc && strlen(argv[0]) >= 1 && !strncasecmp(argv[0], "vrf", strlen(argv[0]))) {
		if (argc == 1)
			return shell_err_incomplete(cli);
		if ((vrf = vrf_lookup(r, argv[1])) < 0)
			return shell_err(cli, "%% VRF %s does not exist", argv[1]);
		o = 2;
	}
	if (argc - o == 1 && !strncasecmp(argv[o], "summary", strlen(argv[o]))) {
		summary = true;
	} else if (argc - o == 1 && addr_parse(argv[o], &only, NULL, 0) == 0) {
		if (!addr_is_v4(&only))
			return shell_err_invalid(cli, o);
		by_ip = true;
	} else if (argc - o == 1 || argc - o == 2) {
		struct iface *ifp;

		if (!shell_ifname(r, argv + o, argc - o, ifname, sizeof(ifname)) ||
		    !(ifp = iface_find(r, ifname)))
			return shell_err_invalid(cli, o);
		snprintf(ifname, sizeof(ifname), "%s", iface_name(ifp));
	} else if (argc - o > 2) {
		return shell_err_invalid(cli, o + 2);
	}
	t.vrf = (unsigned)vrf;
	t.now = router_now(r);
	iface_foreach(r, own_row, &t);
	arp_foreach(r, learned_row, &t);
	if (by_ip || ifname[0]) {
		size_t k = 0;

		for (size_t i = 0; i < t.n; i++)
			if (by_ip ? t.v[i].ip == ntohl(only.u.v4) : !strcmp(t.v[i].ifname, ifname))
				t.v[k++] = t.v[i];
		t.n = k;
	}
	if (summary)
		return show_summary(cli, r, &t);
	/* The rows are copies: sorted and printed with the lock let go (up
	 * to ARP_CACHE_MAX of them). */
	snprintf(vname, sizeof(vname), "%s", vrf_name(r, t.vrf));
	shell_unlock(sh);
	if (t.n)
		qsort(t.v, t.n, sizeof(t.v[0]), row_cmp);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_str(&j, "vrf", vname);
		json_begin(&j, "entries", '[');
		for (size_t i = 0; i < t.n; i++) {
			const struct arp_row *w = &t.v[i];
			struct addr a;

			addr_set_v4(&a, htonl(w->ip));
			json_begin(&j, NULL, '{');
			json_str(&j, "protocol", "Internet");
			json_addr(&j, "address", &a);
			if (w->own)
				json_null(&j, "age_min");
			else
				json_uint(&j, "age_min", w->age_min);
			if (w->complete)
				json_str(&j, "hardware_address", w->hw);
			else
				json_null(&j, "hardware_address");
			json_str(&j, "type", "ARPA");
			json_str(&j, "interface", w->ifname);
			json_bool(&j, "own", w->own);
			json_end(&j, '}');
		}
		json_end(&j, ']');
		json_end(&j, '}');
		free(t.v);
		shell_lock(sh);
		return json_print(cli, &j);
	}
	cli_print(cli, "Protocol  Address          Age (min)  Hardware Addr   Type   Interface");
	for (size_t i = 0; i < t.n; i++) {
		struct addr a;
		char ab[ADDR_STRLEN], age[24];

		addr_set_v4(&a, htonl(t.v[i].ip));
		if (t.v[i].own)
			snprintf(age, sizeof(age), "-");
		else
			snprintf(age, sizeof(age), "%" PRIu64, t.v[i].age_min);
		cli_print(cli, "Internet  %-15s %9s   %-14s  ARPA   %s", addr_fmt(&a, ab, sizeof(ab)), age,
			  t.v[i].hw, t.v[i].ifname);
	}
	free(t.v);
	shell_lock(sh);
	return CLI_OK;
}

static int cmd_clear_arp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	arp_clear(r);
	return CLI_OK;
}

static int cmd_show_ip_traffic(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct rt_stats *st;
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	st = router_stats(r);
	cli_print(cli, "IP statistics:");
	cli_print(cli, "  Rcvd:  %" PRIu64 " frames, %" PRIu64 " IP packets, %" PRIu64 " local destination",
		  st->rx_frames, st->ip_rx, st->ip_local);
	cli_print(cli, "         %" PRIu64 " with options, %" PRIu64 " fragments", st->ip_options, st->ip_fragments);
	cli_print(cli, "  Frags: %" PRIu64 " fragmented, %" PRIu64 " fragments created",
		  st->ip_fragmented, st->ip_frags_created);
	cli_print(cli, "  Sent:  %" PRIu64 " generated, %" PRIu64 " forwarded", st->ip_originated, st->ip_forwarded);
	cli_print(cli, "%s", "");
	cli_print(cli, "ICMP statistics:");
	cli_print(cli, "  Rcvd: %" PRIu64 " echo, %" PRIu64 " echo reply, %" PRIu64 " unreachable, %" PRIu64
		  " time exceeded, %" PRIu64 " other", st->icmp_rx_echo, st->icmp_rx_echo_reply, st->icmp_rx_unreach,
		  st->icmp_rx_time_exceeded, st->icmp_rx_other);
	cli_print(cli, "  Sent: %" PRIu64 " echo, %" PRIu64 " echo reply, %" PRIu64 " unreachable, %" PRIu64
		  " time exceeded", st->icmp_tx_echo, st->icmp_tx_echo_reply, st->icmp_tx_unreach,
		  st->icmp_tx_time_exceeded);
	cli_print(cli, "        %" PRIu64 " rate limited, %" PRIu64 " suppressed", st->icmp_ratelimited,
		  st->icmp_suppressed);
	cli_print(cli, "%s", "");
	cli_print(cli, "ARP statistics:");
	cli_print(cli, "  Rcvd: %" PRIu64 " requests, %" PRIu64 " replies", st->arp_rx_request, st->arp_rx_reply);
	cli_print(cli, "  Sent: %" PRIu64 " requests, %" PRIu64 " replies, %" PRIu64 " gratuitous",
		  st->arp_tx_request, st->arp_tx_reply, st->arp_tx_gratuitous);
	cli_print(cli, "%s", "");
	cli_print(cli, "Drops:");
	for (int d = 0; d < RT_DROP__COUNT; d++)
		cli_print(cli, "  %10" PRIu64 " %s", st->drops[d], rt_drop_name(d));
	return CLI_OK;
}

static int cmd_clear_ip_traffic(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	router_clear_stats(r);
	return CLI_OK;
}

static void arp_cmds(struct cli_def *cli)
{
	const int U = SHELL_PRIV_USER, P = SHELL_PRIV_ENABLE, M = SHELL_EXEC;
	struct cli_command *c, *show, *ip;
	static const char arp_help[] = "vrf\tSelect VPN Routing/Forwarding instance\n"
				       "WORD\tVPN Routing/Forwarding instance name\n"
				       "summary\tSummary of the ARP table\n"
				       "A.B.C.D\tIP address\n"
				       "IF\tAn interface's entries";
	static const char arp_syntax[] = "[vrf WORD] [summary | A.B.C.D | IF [WORD]]";

	show = shell_node(cli, NULL, "show", U, M, "Show running system information");
	c = shell_cmd(cli, show, "arp", cmd_show_arp, U, M, "ARP table");
	shell_arghelp(cli, c, arp_help);
	shell_syntax(cli, c, arp_syntax);
	shell_json_ok(cli, c);
	ip = shell_node(cli, show, "ip", U, M, "IP information");
	c = shell_cmd(cli, ip, "arp", cmd_show_arp, U, M, "IP ARP table");
	shell_arghelp(cli, c, arp_help);
	shell_syntax(cli, c, arp_syntax);
	shell_json_ok(cli, c);
	shell_syntax(cli, shell_cmd(cli, ip, "traffic", cmd_show_ip_traffic, U, M, "IP protocol statistics"), "");
	c = shell_node(cli, NULL, "clear", P, M, "Reset functions");
	shell_syntax(cli, shell_cmd(cli, c, "arp-cache", cmd_clear_arp, P, M, "Clear the entire ARP cache"), "");
	ip = shell_node(cli, c, "ip", P, M, "IP");
	shell_syntax(cli, shell_cmd(cli, ip, "traffic", cmd_clear_ip_traffic, P, M, "Clear IP traffic statistics"), "");
}

const struct shell_feature shell_feature_arp = {
	.name = "arp",
	.cmds = arp_cmds,
};
