/*
 * DOC: LISP-DDT commands: 'ddt', 'ddt authoritative', 'delegate',
 * 'show lisp ddt'
 *
 * In 'router lisp' (IOS 15.3T):
 *	ddt
 *	ddt authoritative [instance-id N] PREFIX
 *	delegate {A.B.C.D | X:X:X:X::X} eid-prefix [instance-id N] PREFIX [map-server]
 *	map-server-peer {A.B.C.D | X:X:X:X::X} [eid-prefix [instance-id N] PREFIX]
 * and their 'no' forms; 'no ddt' removes every DDT setting.  IOS enters a
 * 'ddt authoritative' sub-mode for the delegate lines; lispr takes them in
 * 'router lisp' itself and checks that the delegated prefix lies inside an
 * authoritative one.  The running-config prints them in that order inside
 * the 'router lisp' block (cmd_ddt_write, called by cmd_lisp_write.c).
 * 'show lisp ddt [| json]' lists the configuration and the Map-Referral
 * counters.  The engine is src/lisp/lisp_ddt.c.
 *
 * The DDT Map-Resolver (src/lisp/lisp_ddt_mr.c): 'ddt root A' (IPv4 or
 * IPv6, several; 'no ddt root A'), printed before 'ddt' in the block and
 * independent of it; 'show lisp ddt referral-cache [| json]' lists what
 * it learnt; 'clear lisp ddt referral-cache' forgets it.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd_ddt.h"
#include "json.h"
#include "lisp.h"
#include "lisp_ddt.h"
#include "shell.h"

#define ERRLEN 160

/* "[instance-id N] PREFIX" at argv[i]; returns the index after it, or -1 (error printed). */
static int parse_eid(struct cli_def *cli, char **argv, int argc, int i, struct prefix *p)
{
	char err[ERRLEN];
	long iid = 0;

	if (i < argc && strcmp(argv[i], "instance-id") == 0) {
		if (i + 1 >= argc)
			return shell_err_incomplete(cli), -1;
		if ((iid = shell_arg_uint(cli, argv, argc, i + 1, 0, 16777214)) < 0)
			return -1;
		i += 2;
	}
	if (i >= argc)
		return shell_err_incomplete(cli), -1;
	if (prefix_parse(argv[i], p, err, sizeof(err)) == -1 || !strchr(argv[i], '/')) {
		shell_err_invalid(cli, i);
		return -1;
	}
	p->addr.iid = (uint32_t)iid;
	return i + 1;
}

static int cmd_ddt(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool no = strncmp(cmd, "no ", 3) == 0 || strncmp(cmd, "default ", 8) == 0;
	char err[ERRLEN] = "";
	struct lisp *l;

	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (lisp_ddt_set(l, !no, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_ddt_auth(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool no = strncmp(cmd, "no ", 3) == 0 || strncmp(cmd, "default ", 8) == 0;
	char err[ERRLEN] = "";
	struct prefix p;
	struct lisp *l;
	int i;

	if ((i = parse_eid(cli, argv, argc, 0, &p)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if ((no ? lisp_ddt_auth_del(l, &p, err, sizeof(err)) :
		  lisp_ddt_auth_add(l, &p, err, sizeof(err))) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_ddt_root(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool no = strncmp(cmd, "no ", 3) == 0 || strncmp(cmd, "default ", 8) == 0;
	char err[ERRLEN] = "";
	struct addr a;
	struct lisp *l;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (addr_parse(argv[0], &a, err, sizeof(err)) == -1)
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if ((no ? lisp_ddt_root_del(l, &a, err, sizeof(err)) :
		  lisp_ddt_root_add(l, &a, err, sizeof(err))) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_delegate(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool no = strncmp(cmd, "no ", 3) == 0 || strncmp(cmd, "default ", 8) == 0;
	bool ms = false;
	char err[ERRLEN] = "";
	struct prefix p;
	struct addr a;
	struct lisp *l;
	int i;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (addr_parse(argv[0], &a, err, sizeof(err)) == -1)
		return shell_err_invalid(cli, 0);
	if (argc < 2)
		return shell_err_incomplete(cli);
	if (strcmp(argv[1], "eid-prefix") != 0)
		return shell_err_invalid(cli, 1);
	if ((i = parse_eid(cli, argv, argc, 2, &p)) < 0)
		return CLI_ERROR;
	if (i < argc && strcmp(argv[i], "map-server") == 0) {
		ms = true;
		i++;
	}
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if ((no ? lisp_ddt_delegate_del(l, &a, &p, err, sizeof(err)) :
		  lisp_ddt_delegate_add(l, &a, &p, ms, err, sizeof(err))) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

/* 'map-server-peer A [eid-prefix [instance-id N] P]' */
static int cmd_ms_peer(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool no = strncmp(cmd, "no ", 3) == 0 || strncmp(cmd, "default ", 8) == 0;
	char err[ERRLEN] = "";
	struct prefix p;
	struct addr a;
	struct lisp *l;
	int i = 1;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (addr_parse(argv[0], &a, err, sizeof(err)) == -1)
		return shell_err_invalid(cli, 0);
	if (argc > 1) {
		if (strcmp(argv[1], "eid-prefix") != 0)
			return shell_err_invalid(cli, 1);
		if ((i = parse_eid(cli, argv, argc, 2, &p)) < 0)
			return CLI_ERROR;
	}
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if ((no ? lisp_ddt_peer_del(l, &a, argc > 1 ? &p : NULL, err, sizeof(err)) :
		  lisp_ddt_peer_add(l, &a, argc > 1 ? &p : NULL, err, sizeof(err))) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

/* "[instance-id N ]PREFIX" */
static int first_root(const struct addr *a, void *arg)
{
	*(struct addr *)arg = *a;
	return 1;
}

void cmd_ddt_wipe(struct lisp *l)
{
	struct addr a;

	lisp_ddt_set(l, false, NULL, 0);
	for (;;) {
		memset(&a, 0, sizeof(a));
		lisp_ddt_root_foreach(l, first_root, &a);
		if (!a.afi || lisp_ddt_root_del(l, &a, NULL, 0) == -1)
			break;
	}
}

static void fmt_eid(const struct prefix *p, char *buf, size_t len)
{
	char pb[PREFIX_STRLEN];

	prefix_fmt(p, pb, sizeof(pb));
	if (p->addr.iid)
		snprintf(buf, len, "instance-id %u %s", p->addr.iid, pb);
	else
		snprintf(buf, len, "%s", pb);
}

static int write_auth(const struct prefix *p, void *arg)
{
	char b[PREFIX_STRLEN + 32];

	fmt_eid(p, b, sizeof(b));
	fprintf(arg, " ddt authoritative %s\n", b);
	return 0;
}

static int write_deleg(const struct lisp_ddt_deleg_info *d, void *arg)
{
	char b[PREFIX_STRLEN + 32], ab[ADDR_STRLEN];
	unsigned i;

	fmt_eid(&d->prefix, b, sizeof(b));
	for (i = 0; i < d->n; i++)
		fprintf(arg, " delegate %s eid-prefix %s%s\n", addr_fmt(&d->child[i], ab, sizeof(ab)),
			b, d->map_server ? " map-server" : "");
	return 0;
}

static int write_peer(const struct lisp_ddt_peer_info *p, void *arg)
{
	char b[PREFIX_STRLEN + 32], ab[ADDR_STRLEN];

	if (!p->any)
		fmt_eid(&p->prefix, b, sizeof(b));
	fprintf(arg, " map-server-peer %s%s%s\n", addr_fmt(&p->addr, ab, sizeof(ab)),
		p->any ? "" : " eid-prefix ", p->any ? "" : b);
	return 0;
}

static int write_root(const struct addr *a, void *arg)
{
	char ab[ADDR_STRLEN];

	fprintf(arg, " ddt root %s\n", addr_fmt(a, ab, sizeof(ab)));
	return 0;
}

void cmd_ddt_write(struct lisp *l, FILE *f)
{
	if (!l)
		return;
	lisp_ddt_root_foreach(l, write_root, f);
	if (!lisp_ddt_enabled(l))
		return;
	fputs(" ddt\n", f);
	lisp_ddt_auth_foreach(l, write_auth, f);
	lisp_ddt_delegate_foreach(l, write_deleg, f);
	lisp_ddt_peer_foreach(l, write_peer, f);
}

/* ------------------------------------------------------------ show lisp ddt */

struct show_ddt {
	struct cli_def *cli;
	struct json *j;
};

static int show_auth(const struct prefix *p, void *arg)
{
	struct show_ddt *w = arg;
	char b[PREFIX_STRLEN + 32];

	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_prefix(w->j, "eid_prefix", p);
		json_uint(w->j, "instance_id", p->addr.iid);
		json_end(w->j, '}');
		return 0;
	}
	fmt_eid(p, b, sizeof(b));
	cli_print(w->cli, "  %s", b);
	return 0;
}

static int show_deleg(const struct lisp_ddt_deleg_info *d, void *arg)
{
	struct show_ddt *w = arg;
	char b[PREFIX_STRLEN + 32], ab[ADDR_STRLEN];
	unsigned i;

	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_prefix(w->j, "eid_prefix", &d->prefix);
		json_uint(w->j, "instance_id", d->prefix.addr.iid);
		json_str(w->j, "type", d->map_server ? "map-server" : "ddt-node");
		json_begin(w->j, "delegates", '[');
		for (i = 0; i < d->n; i++)
			json_addr(w->j, NULL, &d->child[i]);
		json_end(w->j, ']');
		json_end(w->j, '}');
		return 0;
	}
	fmt_eid(&d->prefix, b, sizeof(b));
	for (i = 0; i < d->n; i++)
		cli_print(w->cli, "  %-32s %-11s %s", i ? "" : b, d->map_server ? "map-server" : "ddt-node",
			  addr_fmt(&d->child[i], ab, sizeof(ab)));
	return 0;
}

static int show_peer(const struct lisp_ddt_peer_info *p, void *arg)
{
	struct show_ddt *w = arg;
	char b[PREFIX_STRLEN + 32], ab[ADDR_STRLEN];

	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_addr(w->j, "address", &p->addr);
		if (p->any) {
			json_null(w->j, "eid_prefix");
			json_null(w->j, "instance_id");
		} else {
			json_prefix(w->j, "eid_prefix", &p->prefix);
			json_uint(w->j, "instance_id", p->prefix.addr.iid);
		}
		json_end(w->j, '}');
		return 0;
	}
	if (!p->any)
		fmt_eid(&p->prefix, b, sizeof(b));
	cli_print(w->cli, "  %-32s %s", p->any ? "any" : b, addr_fmt(&p->addr, ab, sizeof(ab)));
	return 0;
}

static int show_root(const struct addr *a, void *arg)
{
	struct show_ddt *w = arg;
	char ab[ADDR_STRLEN];

	if (w->j)
		json_addr(w->j, NULL, a);
	else
		cli_print(w->cli, "  %s", addr_fmt(a, ab, sizeof(ab)));
	return 0;
}

static const char *const ref_keys[] = { "node_referral", "ms_referral", "ms_ack",
	"ms_not_registered", "delegation_hole", "not_authoritative" };

static int cmd_show_ddt(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct show_ddt w = { cli, NULL };
	struct lisp_ddt_stats st;
	struct lisp_ddt_mr_stats ms;
	struct json j;
	struct lisp *l;
	unsigned a;

	(void)cmd;
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	lisp_ddt_get_stats(l, &st);
	lisp_ddt_mr_get_stats(l, &ms);
	if (shell_json(cli)) {
		w.j = &j;
		json_open(&j);
		json_begin(&j, NULL, '{');
		json_bool(&j, "enabled", lisp_ddt_enabled(l));
		json_begin(&j, "authoritative", '[');
		lisp_ddt_auth_foreach(l, show_auth, &w);
		json_end(&j, ']');
		json_begin(&j, "delegations", '[');
		lisp_ddt_delegate_foreach(l, show_deleg, &w);
		json_end(&j, ']');
		json_begin(&j, "map_server_peers", '[');
		lisp_ddt_peer_foreach(l, show_peer, &w);
		json_end(&j, ']');
		json_begin(&j, "statistics", '{');
		json_uint(&j, "ddt_map_requests_in", st.requests_in);
		json_begin(&j, "map_referrals_out", '{');
		for (a = 0; a <= LISP_REF_NOT_AUTHORITATIVE; a++)
			json_uint(&j, ref_keys[a], st.referrals_out[a]);
		json_end(&j, '}');
		json_uint(&j, "map_referrals_not_sent", st.send_failed);
		json_end(&j, '}');
		json_begin(&j, "map_resolver", '{');
		json_begin(&j, "roots", '[');
		lisp_ddt_root_foreach(l, show_root, &w);
		json_end(&j, ']');
		json_uint(&j, "referral_cache_entries", lisp_ddt_referral_count(l));
		json_uint(&j, "pending_requests", lisp_ddt_pending_count(l));
		json_uint(&j, "map_requests_in", ms.requests_in);
		json_uint(&j, "ddt_map_requests_out", ms.requests_out);
		json_uint(&j, "retransmits", ms.retransmits);
		json_uint(&j, "timeouts", ms.timeouts);
		json_begin(&j, "map_referrals_in", '{');
		for (a = 0; a <= LISP_REF_NOT_AUTHORITATIVE; a++)
			json_uint(&j, ref_keys[a], ms.referrals_in[a]);
		json_end(&j, '}');
		json_uint(&j, "map_referrals_unexpected", ms.referrals_bad);
		json_uint(&j, "referral_cache_hits", ms.cache_hits);
		json_uint(&j, "referral_cache_full", ms.cache_full);
		json_uint(&j, "resolved", ms.resolved);
		json_uint(&j, "negative_map_replies", ms.negative_replies);
		json_uint(&j, "failed", ms.failed);
		json_uint(&j, "loops", ms.loops);
		json_uint(&j, "depth_exceeded", ms.too_deep);
		json_uint(&j, "pending_table_full", ms.pending_full);
		json_uint(&j, "duplicates", ms.duplicates);
		json_uint(&j, "ddt_map_requests_not_sent", ms.send_failed);
		json_uint(&j, "restarts_from_root", ms.root_restarts);
		json_uint(&j, "not_registered_peer_retries", ms.peer_retries);
		json_uint(&j, "ms_ack_itr_retries", ms.ack_retries);
		json_uint(&j, "ms_acked_released_table_full", ms.acked_released);
		json_uint(&j, "referral_error_replies", ms.error_replies);
		json_end(&j, '}');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "LISP-DDT: %s", lisp_ddt_enabled(l) ? "enabled" : "disabled");
	cli_print(cli, "Authoritative EID prefixes:");
	lisp_ddt_auth_foreach(l, show_auth, &w);
	cli_print(cli, "Delegations:");
	cli_print(cli, "  %-32s %-11s %s", "EID prefix", "Type", "Delegate");
	lisp_ddt_delegate_foreach(l, show_deleg, &w);
	cli_print(cli, "Map-Server peers (named in MS-ACK and MS-NOT-REGISTERED):");
	cli_print(cli, "  %-32s %s", "EID prefix", "Peer");
	lisp_ddt_peer_foreach(l, show_peer, &w);
	cli_print(cli, "Map-Referral statistics:");
	cli_print(cli, "  %-36s%llu", "DDT Map-Requests in:", (unsigned long long)st.requests_in);
	cli_print(cli, "  Map-Referrals out:");
	for (a = 0; a <= LISP_REF_NOT_AUTHORITATIVE; a++) {
		char label[48];

		snprintf(label, sizeof(label), "%s:", lisp_referral_action_str(a));
		cli_print(cli, "    %-34s%llu", label, (unsigned long long)st.referrals_out[a]);
	}
	cli_print(cli, "  %-36s%llu", "Map-Referrals not sent:", (unsigned long long)st.send_failed);
	cli_print(cli, "DDT Map-Resolver roots:");
	lisp_ddt_root_foreach(l, show_root, &w);
	cli_print(cli, "DDT Map-Resolver statistics:");
#define MRL(label, v) cli_print(cli, "  %-36s%llu", label, (unsigned long long)(v))
	MRL("Referral cache entries:", lisp_ddt_referral_count(l));
	MRL("Pending requests:", lisp_ddt_pending_count(l));
	MRL("Map-Requests resolved through DDT:", ms.requests_in);
	MRL("DDT Map-Requests out:", ms.requests_out);
	MRL("Retransmissions:", ms.retransmits);
	MRL("Timeouts:", ms.timeouts);
	cli_print(cli, "  Map-Referrals in:");
	for (a = 0; a <= LISP_REF_NOT_AUTHORITATIVE; a++) {
		char label[48];

		snprintf(label, sizeof(label), "%s:", lisp_referral_action_str(a));
		cli_print(cli, "    %-34s%llu", label, (unsigned long long)ms.referrals_in[a]);
	}
	MRL("Map-Referrals unexpected:", ms.referrals_bad);
	MRL("Referral cache hits:", ms.cache_hits);
	MRL("Referral cache full:", ms.cache_full);
	MRL("Resolved (MS-ACK):", ms.resolved);
	MRL("Negative Map-Replies:", ms.negative_replies);
	MRL("Failed (no locator answered):", ms.failed);
	MRL("Referral loops:", ms.loops);
	MRL("Depth limit exceeded:", ms.too_deep);
	MRL("Pending table full:", ms.pending_full);
	MRL("Duplicate requests:", ms.duplicates);
	MRL("DDT Map-Requests not sent:", ms.send_failed);
	MRL("Restarts from the roots:", ms.root_restarts);
	MRL("MS-NOT-REGISTERED, peer asked:", ms.peer_retries);
	MRL("ITR retries after MS-ACK:", ms.ack_retries);
	MRL("MS-ACK'd released, table full:", ms.acked_released);
	MRL("Referral error replies:", ms.error_replies);
#undef MRL
	return CLI_OK;
}

/* ------------------------------------------- show lisp ddt referral-cache */

/* IOS style: hh:mm:ss under a day, then 1d02h. */
static void fmt_dur(uint64_t s, char *b, size_t len)
{
	if (s < 86400)
		snprintf(b, len, "%02u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
			 (unsigned)(s % 60));
	else
		snprintf(b, len, "%ud%02uh", (unsigned)(s / 86400), (unsigned)(s / 3600 % 24));
}

static int show_ref(const struct lisp_ddt_referral_info *r, void *arg)
{
	struct show_ddt *w = arg;
	char pb[PREFIX_STRLEN + 16], ab[ADDR_STRLEN], up[24], ex[24];
	unsigned i;

	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_prefix(w->j, "eid_prefix", &r->prefix);
		json_uint(w->j, "instance_id", r->prefix.addr.iid);
		json_str(w->j, "action", lisp_referral_action_str(r->action));
		json_uint(w->j, "ttl_minutes", r->ttl);
		json_uint(w->j, "uptime_s", r->age_s);
		json_uint(w->j, "expires_s", r->expires_in_s);
		json_uint(w->j, "hits", r->hits);
		json_begin(w->j, "referrals", '[');
		for (i = 0; i < r->n; i++) {
			json_begin(w->j, NULL, '{');
			json_addr(w->j, "address", &r->loc[i]);
			json_str(w->j, "state", r->loc_down[i] ? "no-response" : "up");
			json_end(w->j, '}');
		}
		json_end(w->j, ']');
		json_end(w->j, '}');
		return 0;
	}
	{
		char t[PREFIX_STRLEN];
		unsigned iid = r->prefix.addr.iid;

		prefix_fmt(&r->prefix, t, sizeof(t));
		if (iid)
			snprintf(pb, sizeof(pb), "[%u] %.*s", iid, PREFIX_STRLEN - 1, t);
		else
			snprintf(pb, sizeof(pb), "%s", t);
	}
	fmt_dur(r->age_s, up, sizeof(up));
	fmt_dur(r->expires_in_s, ex, sizeof(ex));
	cli_print(w->cli, "%s, uptime: %s, expires: %s, via map-referral", pb, up, ex);
	cli_print(w->cli, "  Action: %s, TTL: %u min, hits: %llu", lisp_referral_action_str(r->action),
		  (unsigned)r->ttl, (unsigned long long)r->hits);
	if (r->n) {
		cli_print(w->cli, "  %-40s %s", "Referral", "State");
		for (i = 0; i < r->n; i++)
			cli_print(w->cli, "  %-40s %s", addr_fmt(&r->loc[i], ab, sizeof(ab)),
				  r->loc_down[i] ? "no-response" : "up");
	}
	return 0;
}

static int cmd_show_ddt_rc(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct show_ddt w = { cli, NULL };
	struct json j;
	struct lisp *l;

	(void)cmd;
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (shell_json(cli)) {
		w.j = &j;
		json_open(&j);
		json_begin(&j, NULL, '{');
		json_begin(&j, "roots", '[');
		lisp_ddt_root_foreach(l, show_root, &w);
		json_end(&j, ']');
		json_begin(&j, "entries", '[');
		lisp_ddt_referral_foreach(l, show_ref, &w);
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "LISP-DDT referral cache, %zu entries", lisp_ddt_referral_count(l));
	cli_print(cli, "DDT roots:");
	lisp_ddt_root_foreach(l, show_root, &w);
	cli_print(cli, "%s", "");
	lisp_ddt_referral_foreach(l, show_ref, &w);
	return CLI_OK;
}

static int cmd_clear_ddt_rc(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;

	(void)cmd;
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	lisp_ddt_referral_clear(l);
	return CLI_OK;
}

static void ddt_cmds(struct cli_def *cli)
{
	const int U = SHELL_PRIV_USER, P = SHELL_PRIV_ENABLE, R = SHELL_ROUTER_LISP;
	static const char auth_help[] = "instance-id\tThe EID prefix's instance (optional)\n"
		"<0-16777214>\tInstance ID\nA.B.C.D/nn\tIPv4 EID prefix\nX:X:X:X::X/<0-128>\tIPv6 EID prefix";
	static const char deleg_help[] = "A.B.C.D\tLocator of the child DDT node or Map-Server\n"
		"X:X:X:X::X\tIPv6 locator of the child DDT node or Map-Server\n"
		"eid-prefix\tThe delegated EID prefix\ninstance-id\tThe EID prefix's instance (optional)\n"
		"<0-16777214>\tInstance ID\nA.B.C.D/nn\tIPv4 EID prefix\n"
		"X:X:X:X::X/<0-128>\tIPv6 EID prefix\n"
		"map-server\tThe delegate is a Map-Server (MS-REFERRAL), not a DDT node (optional)";
	static const char auth_syn[] = "[instance-id <0-16777214>] {A.B.C.D/nn | X:X:X:X::X/<0-128>}";
	static const char deleg_syn[] = "{A.B.C.D | X:X:X:X::X} eid-prefix [instance-id <0-16777214>] "
		"{A.B.C.D/nn | X:X:X:X::X/<0-128>} [map-server]";
	static const char peer_help[] = "A.B.C.D\tLocator of the peer Map-Server\n"
		"X:X:X:X::X\tIPv6 locator of the peer Map-Server\n"
		"eid-prefix\tThe EID prefix it serves too (optional, default every one)\n"
		"instance-id\tThe EID prefix's instance (optional)\n"
		"<0-16777214>\tInstance ID\nA.B.C.D/nn\tIPv4 EID prefix\n"
		"X:X:X:X::X/<0-128>\tIPv6 EID prefix";
	static const char root_help[] = "A.B.C.D\tIPv4 locator of a DDT root\n"
		"X:X:X:X::X\tIPv6 locator of a DDT root";
	struct cli_command *c, *d, *e;
	int k;

	for (k = 0; k < 3; k++) {
		c = NULL;
		if (k == 1)
			c = shell_node(cli, NULL, "no", P, R, "Negate a command or set its defaults");
		else if (k == 2)
			c = shell_node(cli, NULL, "default", P, R, "Set a command to its defaults");
		d = shell_cmd(cli, c, "ddt", cmd_ddt, P, R, "LISP Delegated Database Tree (RFC 8111)");
		shell_syntax(cli, d, "");
		e = shell_cmd(cli, d, "authoritative", cmd_ddt_auth, P, R,
			      "EID prefix this DDT node is authoritative for");
		shell_arghelp(cli, e, auth_help);
		shell_syntax(cli, e, auth_syn);
		e = shell_cmd(cli, d, "root", cmd_ddt_root, P, R,
			      "DDT root of the Map-Resolver (RFC 8111 section 7.3)");
		shell_arghelp(cli, e, root_help);
		shell_syntax(cli, e, "{A.B.C.D | X:X:X:X::X}");
		d = shell_cmd(cli, c, "delegate", cmd_delegate, P, R,
			      "Delegate an EID prefix to a child DDT node or Map-Server");
		shell_arghelp(cli, d, deleg_help);
		shell_syntax(cli, d, deleg_syn);
		d = shell_cmd(cli, c, "map-server-peer", cmd_ms_peer, P, R,
			      "Peer Map-Server authoritative for the same EID prefixes (DDT leaf)");
		shell_arghelp(cli, d, peer_help);
		shell_syntax(cli, d, "{A.B.C.D | X:X:X:X::X} [eid-prefix [instance-id <0-16777214>] "
			     "{A.B.C.D/nn | X:X:X:X::X/<0-128>}]");
	}
	c = shell_node(cli, NULL, "show", U, SHELL_EXEC, "Show running system information");
	c = shell_node(cli, c, "lisp", U, SHELL_EXEC, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "ddt", cmd_show_ddt, U, SHELL_EXEC,
		      "LISP-DDT: authoritative prefixes, delegations, Map-Referrals");
	shell_syntax(cli, c, "");
	shell_json_ok(cli, c);
	d = shell_cmd(cli, c, "referral-cache", cmd_show_ddt_rc, U, SHELL_EXEC,
		      "The DDT Map-Resolver's referral cache");
	shell_syntax(cli, d, "");
	shell_json_ok(cli, d);
	c = shell_node(cli, NULL, "clear", P, SHELL_EXEC, "Reset functions");
	c = shell_node(cli, c, "lisp", P, SHELL_EXEC, "Locator/ID Separation Protocol");
	c = shell_node(cli, c, "ddt", P, SHELL_EXEC, "LISP-DDT");
	c = shell_cmd(cli, c, "referral-cache", cmd_clear_ddt_rc, P, SHELL_EXEC,
		      "Forget the DDT Map-Resolver's referral cache");
	shell_syntax(cli, c, "");
}

const struct shell_feature shell_feature_ddt = {
	.name = "ddt",
	.cmds = ddt_cmds,
};
