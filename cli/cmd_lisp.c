/*
 * DOC: the LISP configuration commands, in the three IOS styles
 *
 * One configuration model, the router's LISP engine (src/lisp/lisp.h),
 * set from three ways of writing it:
 *   classic (IOS 15.1XB, NX-OS): global 'ip lisp itr-etr', 'ip lisp
 *     database-mapping ...', 'lisp site NAME';
 *   IOS 15 'router lisp': 'ipv4 itr', 'ipv4 etr map-server ...', a
 *     'database-mapping' at the top or in IOS 15.4's 'eid-table default
 *     instance-id 0' block, 'site NAME' with 'eid-prefix';
 *   IOS-XE 16/17: 'locator-table', 'locator-set NAME' ('IPv4-interface
 *     IF priority P weight W', 'A.B.C.D priority P weight W'),
 *     'locator default-set', 'service ipv4' with the roles and the mapping
 *     system, 'instance-id N' / 'service ipv4' with 'eid-table default',
 *     'database-mapping P locator-set NAME' and 'map-cache', 'site NAME'
 *     with 'eid-record', each block closed by its 'exit-*' line.
 * Every handler serves all its forms, its 'no' form and its 'default'
 * form (the same as 'no': every LISP setting defaults to off or to its
 * documented value), and records in the model how the setting was
 * written (the global settings as a whole, each mapping, static entry and
 * site on its own), so cmd_lisp_write.c prints it back that way.  A role
 * set inside an instance's 'service ipv4' (PxTR configurations do that)
 * is still a global setting (the engine has one of each); IOS-XE's service
 * each kind of setting was written in is kept (lisp_xe_opts.in_instance,
 * and in_iid: the instance whose services hold them, the last written).
 *
 * Instances (issue 11): 'instance-id N' (0-16777214) with 'service ipv4'
 * / 'service ipv6' and 'eid-table default | vrf NAME' (IOS-XE), IOS
 * 15.4's 'eid-table {default | vrf NAME} instance-id N' block, and the
 * classic 'ip lisp ...' commands (instance 0, the default table) find
 * their instance through the engine (lisp_inst_get()); the session
 * remembers the instance ID it edits, and the database mappings and
 * static map-cache entries typed in it carry that ID in their prefix's
 * addr.iid.  An instance has one EID table for both families: 'eid-table'
 * in its 'service ipv6' binds it when 'service ipv4' named none and must
 * name the same table otherwise.  Whether a VRF may be bound (defined,
 * not bound to another instance) is the engine's to say.  'map-cache-limit
 * N' in the service of an instance other than 0 is that instance's own
 * limit (lisp_inst_set_map_cache_limit()), 'use-petr A [priority P weight
 * W]' there an entry of its own PETR list (lisp_inst_use_petr_add()),
 * both printed back in that instance.  IOS 15.4's 'eid-table default
 * instance-id N' binds instance N to the default table (refused while
 * another instance holds it).  'encapsulation
 * vxlan', layer-2 services and VRF locator tables are refused with a
 * message that says so.
 *
 * IPv6 EIDs: every classic command has its 'ipv6 lisp' twin, IOS 15's
 * 'router lisp' its 'ipv6 ...' lines, IOS-XE 'service ipv6' at the top
 * and in the instance; the same handlers serve them, the family coming
 * from the words or the service (cmd_af()).  An EID prefix must be of
 * the command's family (invalid input otherwise), an RLOC or a map
 * server/resolver address may be of either; whether the engine takes an
 * IPv6 one is its own to say.  The engine has one value per global
 * setting: a role is on while any family has it, and the model records
 * which families wrote each setting and list entry (lisp_af_kind(),
 * lisp_af_entry()), so that a family's 'no' leaves the other's and the
 * running-config prints each where it was written.
 *
 * Keys: 'key [0|6|7] K' and 'authentication-key [0|6|7] K' take the
 * forms of cli/secret.h (secret_key_arg()) and print as they are stored:
 * clear as typed, type 7 or 6 as given, type 7 under 'service
 * password-encryption'; the show commands never print them.  An interface's 'ip lisp source-locator' prints inside its
 * interface block (shell_write_if()).  'no router lisp' resets all of it.
 *
 * The proxies (issue 6): 'proxy-etr' with its access list ('proxy-etr
 * allowed-locator P', 'proxy-etr allowed-eid P': an address is its /32),
 * 'proxy-itr A' (an IPv6 second locator is refused), 'use-petr A
 * [priority p weight w]' (printed without the defaults 1/100), and RLOC
 * probing, accepted as 'ip lisp loc-reach-algorithm rloc-probing', 'lisp
 * loc-reach-algorithm ...' and 'loc-reach-algorithm ...' in router lisp.
 * The engine has no SMR settings, so 'ipv4 solicit-map-request' is not
 * offered.
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "cmd_ddt.h"
#include "cmd_lisp.h"
#include "iface.h"
#include "lisp.h"
#include "secret.h"
#include "shell.h"

#define ERRLEN 256
#define XK(kind)	LISP_XK_BIT(LISP_XK_##kind)

/* 'no X' and 'default X': every LISP setting's default is its absence. */
static bool is_no(const char *cmd)
{
	return !strncmp(cmd, "no ", 3) || !strncmp(cmd, "default ", 8);
}

/* Does w abbreviate the keyword kw? */
static bool kw(const char *w, const char *k)
{
	size_t l = strlen(w);

	return l > 0 && l <= strlen(k) && !strncasecmp(w, k, l);
}

static int engine_err(struct cli_def *cli, int rc, const char *err)
{
	if (rc == -1)
		return shell_err(cli, "%s", err[0] ? err : "% Failed");
	return CLI_OK;
}

/*
 * An EID prefix P/L of the families in af (LISP_AF_*): the other family
 * is invalid input, as IOS has it ('ip lisp database-mapping' takes IPv4
 * prefixes, 'ipv6 lisp database-mapping' IPv6 ones).  Whether the engine
 * takes an IPv6 prefix is the engine's to say.
 */
static int arg_prefix_af(struct cli_def *cli, char **argv, int argc, int i, unsigned af,
			 struct prefix *p)
{
	char err[ERRLEN];

	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (prefix_parse(argv[i], p, err, sizeof(err)) == -1 || !strchr(argv[i], '/') ||
	    !((addr_is_v4(&p->addr) && (af & LISP_AF_IPV4)) ||
	      (addr_is_v6(&p->addr) && (af & LISP_AF_IPV6)))) {
		shell_err_invalid(cli, i);
		return -1;
	}
	return 0;
}

static int arg_prefix(struct cli_def *cli, char **argv, int argc, int i, struct prefix *p)
{
	return arg_prefix_af(cli, argv, argc, i, LISP_AF_IPV4 | LISP_AF_IPV6, p);
}

/* An RLOC or Map-Server/Resolver address: IOS takes either family. */
static int arg_addr(struct cli_def *cli, char **argv, int argc, int i, struct addr *a)
{
	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (addr_parse(argv[i], a, NULL, 0) == -1 || (!addr_is_v4(a) && !addr_is_v6(a))) {
		shell_err_invalid(cli, i);
		return -1;
	}
	return 0;
}

/* An address as the key of its list entry (lisp_af_entry()). */
static struct prefix host_prefix(const struct addr *a)
{
	struct prefix p;

	memset(&p, 0, sizeof(p));
	prefix_make(&p, a, addr_bits(a->afi));
	return p;
}

#define LOC_IFNAME	0x1	/* an interface: 'IF' or 'IPv4-interface IF' */
#define LOC_NO		0x2	/* a 'no' form: priority and weight optional */
#define LOC_IFONLY	0x4	/* only an interface ('IPv4-interface' was typed) */
#define LOC_IF6		0x8	/* with LOC_IFONLY: 'IPv6-interface' was typed */

/*
 * A locator and its 'priority p weight w' from argv[i]: an address of
 * either family, an interface name (classic form: its IPv4 address) or
 * 'IPv4-interface IF' / 'IPv6-interface IF' (its IPv4 or first global
 * IPv6 address).  Returns the index past it, -1 after printing an error.
 */
static int arg_locator(struct cli_def *cli, char **argv, int argc, int i, unsigned flags,
		       struct lisp_loc_cfg *loc)
{
	struct shell_sess *s = shell_sess_of(cli);
	long v;

	memset(loc, 0, sizeof(*loc));
	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (!(flags & LOC_IFONLY) && addr_parse(argv[i], &loc->addr, NULL, 0) == 0) {
		i++;
	} else if (flags & (LOC_IFNAME | LOC_IFONLY)) {
		if (flags & LOC_IF6)
			loc->ifafi = AFI_IPV6;
		if (!(flags & LOC_IFONLY) && kw(argv[i], "ipv6-interface") && strlen(argv[i]) > 4) {
			loc->ifafi = AFI_IPV6;
			i++;
		} else if (!(flags & LOC_IFONLY) && kw(argv[i], "ipv4-interface") && strlen(argv[i]) > 4) {
			i++;
		}
		if (i >= argc) {
			shell_err_incomplete(cli);
			return -1;
		}
		/* A loopback need not exist: 'no interface LoopbackN' keeps
		 * the locators that name it (without an address until it is
		 * made again), so the running-config, and its reload, has
		 * them. */
		if (!shell_ifname(s->sh->router, &argv[i], 1, loc->ifname, sizeof(loc->ifname)) ||
		    !shell_ifname_usable(s->sh->router, loc->ifname)) {
			shell_err_invalid(cli, i);
			return -1;
		}
		i++;
	} else {
		shell_err_invalid(cli, i);
		return -1;
	}
	if ((flags & LOC_NO) && i >= argc)
		return i;
	if (i >= argc || !kw(argv[i], "priority")) {
		if (i >= argc)
			shell_err_incomplete(cli);
		else
			shell_err_invalid(cli, i);
		return -1;
	}
	if ((v = shell_arg_uint(cli, argv, argc, i + 1, 0, 255)) < 0)
		return -1;
	loc->priority = (uint8_t)v;
	i += 2;
	if (i >= argc || !kw(argv[i], "weight")) {
		if (i >= argc)
			shell_err_incomplete(cli);
		else
			shell_err_invalid(cli, i);
		return -1;
	}
	if ((v = shell_arg_uint(cli, argv, argc, i + 1, 0, 100)) < 0)
		return -1;
	loc->weight = (uint8_t)v;
	return i + 2;
}

/* ------------------------------------------------------------ styles, instances */

static bool inst_mode(int mode)
{
	return mode == SHELL_LISP_INST || mode == SHELL_LISP_INST_SERV ||
	       mode == SHELL_LISP_INST_SERV6 || mode == SHELL_LISP_EIDTABLE;
}

/* ------------------------------------------------------------ address families */

/* The EID family a command is for: its service's, or its words' ('ipv6
 * lisp itr', 'ipv6 itr' in router lisp); IPv4 otherwise. */
static unsigned cmd_af(struct cli_def *cli, const char *cmd)
{
	const char *w = cmd;

	if (cli->mode == SHELL_LISP_SERV6 || cli->mode == SHELL_LISP_INST_SERV6)
		return LISP_AF_IPV6;
	if (cli->mode == SHELL_LISP_SERV || cli->mode == SHELL_LISP_INST_SERV)
		return LISP_AF_IPV4;
	if (is_no(cmd) && strchr(cmd, ' '))
		w = strchr(cmd, ' ') + 1;
	return !strncmp(w, "ipv6 ", 5) ? LISP_AF_IPV6 : LISP_AF_IPV4;
}

/* The families of the EID prefixes an entry typed here may have: its
 * service's or its words', either in router lisp itself and in IOS
 * 15.4's eid-table block. */
static unsigned entry_af(struct cli_def *cli, const char *cmd)
{
	if (cli->mode == SHELL_ROUTER_LISP || cli->mode == SHELL_LISP_EIDTABLE)
		return LISP_AF_IPV4 | LISP_AF_IPV6;
	return cmd_af(cli, cmd);
}

/* What nothing recorded means: IPv4 (lisp.h). */
static unsigned eff_af(unsigned af)
{
	return af ? af : LISP_AF_IPV4;
}

/* A setting of kind k was set in family af (was_set: it was already, in
 * the families recorded). */
static void af_kind_on(struct lisp *l, enum lisp_xe_kind k, bool was_set, unsigned af)
{
	lisp_af_kind_set(l, k, (was_set ? eff_af(lisp_af_kind(l, k)) : 0) | af);
}

/* Its 'no' form in family af: whether no family keeps it (the engine's
 * value goes back to its default then). */
static bool af_kind_off(struct lisp *l, enum lisp_xe_kind k, bool is_set, unsigned af)
{
	unsigned m = is_set ? eff_af(lisp_af_kind(l, k)) & ~af : 0;

	lisp_af_kind_set(l, k, m);
	return m == 0;
}

/* The same for an entry of a list keyed by address. */
static int af_ent_on(struct lisp *l, enum lisp_xe_kind k, const struct addr *a, bool was_set,
		     unsigned af)
{
	struct prefix p = host_prefix(a);

	return lisp_af_entry_set(l, k, &p, (was_set ? eff_af(lisp_af_entry(l, k, &p)) : 0) | af);
}

static bool af_ent_off(struct lisp *l, enum lisp_xe_kind k, const struct addr *a, bool is_set,
		       unsigned af)
{
	struct prefix p = host_prefix(a);
	unsigned m = is_set ? eff_af(lisp_af_entry(l, k, &p)) & ~af : 0;

	lisp_af_entry_set(l, k, &p, m);
	return m == 0;
}

/* Is a in the engine's list of kind k (RESOLVERS, MAP_SERVERS, USE_PETR)? */
struct in_list {
	const struct addr *a;
	bool found;
};

static int in_list_addr(const struct addr *a, void *arg)
{
	struct in_list *w = arg;

	if (addr_eq(a, w->a))
		w->found = true;
	return w->found;
}

static int in_list_ms(const struct lisp_ms_info *m, void *arg)
{
	return in_list_addr(&m->cfg.addr, arg);
}

static int in_list_petr(const struct lisp_petr_info *p, void *arg)
{
	return in_list_addr(&p->addr, arg);
}

static bool in_list(struct lisp *l, enum lisp_xe_kind k, const struct addr *a)
{
	struct in_list w = { a, false };

	if (k == LISP_XK_RESOLVERS)
		lisp_map_resolver_foreach(l, in_list_addr, &w);
	else if (k == LISP_XK_MAP_SERVERS)
		lisp_map_server_foreach(l, in_list_ms, &w);
	else if (k == LISP_XK_USE_PETR)
		lisp_use_petr_foreach(l, in_list_petr, &w);
	return w.found;
}

static const struct {
	unsigned role;
	enum lisp_xe_kind kind;
} role_map[] = {
	{ LISP_ROLE_ITR, LISP_XK_ITR }, { LISP_ROLE_ETR, LISP_XK_ETR },
	{ LISP_ROLE_MS, LISP_XK_MS }, { LISP_ROLE_MR, LISP_XK_MR },
	{ LISP_ROLE_PETR, LISP_XK_PETR }, { LISP_ROLE_PITR, LISP_XK_PITR },
};

/* Roles on or off for EIDs of family af: the engine's role is on while
 * any family has it. */
static int role_set(struct lisp *l, unsigned role, bool on, unsigned af, char *err, size_t errlen)
{
	unsigned roles = lisp_roles(l), off = 0;
	size_t i;

	if (on) {
		if (lisp_set_role(l, role, true, err, errlen) == -1)
			return -1;
		for (i = 0; i < sizeof(role_map) / sizeof(role_map[0]); i++)
			if (role & role_map[i].role)
				af_kind_on(l, role_map[i].kind, roles & role_map[i].role, af);
		return 0;
	}
	for (i = 0; i < sizeof(role_map) / sizeof(role_map[0]); i++)
		if ((role & role_map[i].role) && af_kind_off(l, role_map[i].kind, roles & role_map[i].role, af))
			off |= role_map[i].role;
	return off ? lisp_set_role(l, off, false, err, errlen) : 0;
}

/* How a global setting typed in this mode is written. */
static enum lisp_style global_style(int mode)
{
	switch (mode) {
	case SHELL_CONFIG:
		return LISP_STYLE_CLASSIC;
	case SHELL_LISP_SERV:
	case SHELL_LISP_INST_SERV:
	case SHELL_LISP_SERV6:
	case SHELL_LISP_INST_SERV6:
		return LISP_STYLE_XE;
	default:
		return LISP_STYLE_ROUTER;
	}
}

/* How a database mapping or static map-cache entry typed here is written. */
static enum lisp_style entry_style(int mode)
{
	switch (mode) {
	case SHELL_CONFIG:
		return LISP_STYLE_CLASSIC;
	case SHELL_LISP_EIDTABLE:
		return LISP_STYLE_EIDTABLE;
	case SHELL_LISP_INST_SERV:
	case SHELL_LISP_INST_SERV6:
		return LISP_STYLE_XE;
	default:
		return LISP_STYLE_ROUTER;
	}
}

/* The instance the session's mode edits (instance 0 outside the
 * instance modes); another session may have removed it. */
static struct lisp_inst *cur_inst(struct cli_def *cli, struct lisp *l)
{
	struct shell_sess *s = shell_sess_of(cli);
	uint32_t iid = inst_mode(cli->mode) ? s->lisp_iid : 0;
	struct lisp_inst *i = lisp_inst_find(l, iid);

	if (!i)
		shell_err(cli, "%% Instance-ID %u no longer exists", iid);
	return i;
}

/*
 * A global setting (kinds: LISP_XK_BIT()s) was configured: its style
 * becomes the mode's, and in IOS-XE the service it was written in is
 * recorded.  A neutral command (one IOS-XE and IOS 15 write alike, at the
 * top of 'router lisp', kinds 0) keeps an IOS-XE style.
 */
static void mark_global(struct cli_def *cli, struct lisp *l, unsigned kinds)
{
	enum lisp_style st = global_style(cli->mode);
	struct lisp_xe_opts o;
	struct lisp_inst *i;

	if (!kinds && st == LISP_STYLE_ROUTER && lisp_style(l) == LISP_STYLE_XE)
		return;
	lisp_set_style(l, st);
	lisp_xe_opts(l, &o);
	if (cli->mode == SHELL_LISP_INST_SERV || cli->mode == SHELL_LISP_INST_SERV6) {
		/* One instance's services hold them: the last one written in
		 * takes those written in another along. */
		if (kinds)
			o.in_iid = shell_sess_of(cli)->lisp_iid;
		if (cli->mode == SHELL_LISP_INST_SERV)
			o.in_instance |= kinds;
		else
			o.in_instance6 |= kinds;
		if ((i = cur_inst(cli, l))) {
			lisp_inst_set_declared(i, true);
			if (cli->mode == SHELL_LISP_INST_SERV)
				lisp_inst_set_service(i, true);
			else
				lisp_inst_set_service6(i, true);
		}
	} else if (cli->mode == SHELL_LISP_SERV) {
		o.in_instance &= ~kinds;
	} else if (cli->mode == SHELL_LISP_SERV6) {
		o.in_instance6 &= ~kinds;
	}
	lisp_set_xe_opts(l, &o);
}

/* A global setting: the engine's answer, and the style on success. */
static int global_done(struct cli_def *cli, struct lisp *l, const char *cmd, unsigned kinds, int rc,
		       const char *err)
{
	if (rc == 0 && !is_no(cmd))
		mark_global(cli, l, kinds);
	return engine_err(cli, rc, err);
}

/* ------------------------------------------------------------ roles */

static unsigned role_kinds(unsigned role)
{
	static const struct {
		unsigned role, kind;
	} map[] = {
		{ LISP_ROLE_ITR, LISP_XK_ITR }, { LISP_ROLE_ETR, LISP_XK_ETR },
		{ LISP_ROLE_MS, LISP_XK_MS }, { LISP_ROLE_MR, LISP_XK_MR },
		{ LISP_ROLE_PETR, LISP_XK_PETR }, { LISP_ROLE_PITR, LISP_XK_PITR },
	};
	unsigned k = 0;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (role & map[i].role)
			k |= LISP_XK_BIT(map[i].kind);
	return k;
}

static int cmd_role(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const char *w = strrchr(cmd, ' ');
	struct lisp *l;
	unsigned role;
	char err[ERRLEN] = "";

	if (argc)
		return shell_err_invalid(cli, 0);
	w = w ? w + 1 : cmd;
	if (!strcmp(w, "itr"))
		role = LISP_ROLE_ITR;
	else if (!strcmp(w, "etr"))
		role = LISP_ROLE_ETR;
	else if (!strcmp(w, "itr-etr"))
		role = LISP_ROLE_ITR | LISP_ROLE_ETR;
	else if (!strcmp(w, "map-server"))
		role = LISP_ROLE_MS;
	else if (!strcmp(w, "proxy-etr"))
		role = LISP_ROLE_PETR;
	else
		role = LISP_ROLE_MR;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	return global_done(cli, l, cmd, role_kinds(role),
			   role_set(l, role, !is_no(cmd), cmd_af(cli, cmd), err, sizeof(err)), err);
}

/* ------------------------------------------------------------ database */

/*
 * 'database-mapping P {A | [IPv4-interface] IF} priority p weight w',
 * 'database-mapping P locator-set NAME', 'database-mapping P' (the
 * locator default-set; in 'router lisp' only), and their 'no' forms,
 * where priority and weight may be left out.
 */
static int cmd_database(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp_loc_cfg loc;
	struct lisp_inst *inst;
	struct prefix p;
	struct lisp *l;
	char err[ERRLEN] = "";
	int i, rc;

	if (arg_prefix_af(cli, argv, argc, 0, entry_af(cli, cmd), &p) == -1)
		return CLI_ERROR;
	if (!(l = shell_lisp(cli)) || !(inst = cur_inst(cli, l)))
		return CLI_ERROR;
	p.addr.iid = lisp_inst_iid(inst);
	if (argc > 1 && kw(argv[1], "locator-set") && strlen(argv[1]) > 7) {
		if (cli->mode == SHELL_CONFIG)
			return shell_err_invalid(cli, 1);
		if (argc < 3)
			return shell_err_incomplete(cli);
		if (argc > 3)
			return shell_err_invalid(cli, 3);
		if (is_no(cmd)) {
			struct lisp_db_info d;

			if (lisp_db_get(l, &p, &d) == -1 || strcmp(d.locset, argv[2]))
				return shell_err(cli, "%% No database-mapping for this prefix with "
						      "locator-set %s", argv[2]);
			return engine_err(cli, lisp_db_del(l, &p, NULL, err, sizeof(err)), err);
		}
		rc = lisp_db_add_locset(l, &p, argv[2], err, sizeof(err));
	} else if (argc == 1) {
		if (is_no(cmd))
			return engine_err(cli, lisp_db_del(l, &p, NULL, err, sizeof(err)), err);
		if (cli->mode == SHELL_CONFIG)
			return shell_err_incomplete(cli);
		rc = lisp_db_add_locset(l, &p, NULL, err, sizeof(err));
	} else {
		if ((i = arg_locator(cli, argv, argc, 1, LOC_IFNAME | (is_no(cmd) ? LOC_NO : 0), &loc)) < 0)
			return CLI_ERROR;
		if (i < argc)
			return shell_err_invalid(cli, i);
		if (is_no(cmd))
			return engine_err(cli, lisp_db_del(l, &p, &loc, err, sizeof(err)), err);
		rc = lisp_db_add(l, &p, &loc, err, sizeof(err));
	}
	if (rc == 0)
		lisp_db_set_style(l, &p, entry_style(cli->mode));
	return engine_err(cli, rc, err);
}

/* ------------------------------------------------------------ map-cache */

struct static_find {
	struct prefix p;
	struct lisp_static_info info;
	bool found;
};

static int static_find_fn(const struct lisp_static_info *s, void *arg)
{
	struct static_find *f = arg;

	if (!prefix_eq(&s->prefix, &f->p))
		return 0;
	f->info = *s;
	f->found = true;
	return 1;
}

/* 'no ... map-cache P RLOC ...' removes one locator: the engine keeps
 * whole entries, so the entry is rebuilt without it. */
static int static_del_loc(struct cli_def *cli, struct lisp *l, const struct prefix *p,
			  const struct lisp_loc_cfg *loc)
{
	struct static_find f;
	char err[ERRLEN] = "";
	unsigned i, k = LISP_MAX_LOCATORS;

	memset(&f, 0, sizeof(f));
	f.p = *p;
	lisp_map_cache_static_foreach(l, static_find_fn, &f);
	for (i = 0; f.found && i < f.info.n_locs; i++)
		if (addr_eq(&f.info.locs[i].addr, &loc->addr))
			k = i;
	if (k == LISP_MAX_LOCATORS)
		return shell_err(cli, "%% No such static map-cache entry");
	if (lisp_map_cache_static_del(l, p, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	for (i = 0; i < f.info.n_locs; i++)
		if (i != k && lisp_map_cache_static_add(l, p, LISP_ACT_NO_ACTION, &f.info.locs[i],
							err, sizeof(err)) == -1)
			return shell_err(cli, "%s", err);
	if (f.info.n_locs > 1)
		lisp_map_cache_static_set_style(l, p, f.info.style);
	return CLI_OK;
}

static int cmd_map_cache(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const struct {
		const char *word;
		unsigned action;
	} acts[] = {
		{ "drop", LISP_ACT_DROP },
		{ "map-request", LISP_ACT_SEND_MAP_REQ },
		{ "native-forward", LISP_ACT_NATIVE_FWD },
	};
	struct lisp_loc_cfg loc;
	struct lisp_inst *inst;
	struct prefix p;
	struct lisp *l;
	char err[ERRLEN] = "";
	int i, rc;

	if (arg_prefix_af(cli, argv, argc, 0, entry_af(cli, cmd), &p) == -1)
		return CLI_ERROR;
	if (!(l = shell_lisp(cli)) || !(inst = cur_inst(cli, l)))
		return CLI_ERROR;
	p.addr.iid = lisp_inst_iid(inst);
	if (is_no(cmd) && argc == 1)
		return engine_err(cli, lisp_map_cache_static_del(l, &p, err, sizeof(err)), err);
	if (argc < 2)
		return shell_err_incomplete(cli);
	for (size_t a = 0; a < sizeof(acts) / sizeof(acts[0]); a++) {
		if (!kw(argv[1], acts[a].word))
			continue;
		if (argc > 2)
			return shell_err_invalid(cli, 2);
		if (is_no(cmd))
			return engine_err(cli, lisp_map_cache_static_del(l, &p, err, sizeof(err)), err);
		rc = lisp_map_cache_static_add(l, &p, acts[a].action, NULL, err, sizeof(err));
		if (rc == 0)
			lisp_map_cache_static_set_style(l, &p, entry_style(cli->mode));
		return engine_err(cli, rc, err);
	}
	if ((i = arg_locator(cli, argv, argc, 1, is_no(cmd) ? LOC_NO : 0, &loc)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (is_no(cmd))
		return static_del_loc(cli, l, &p, &loc);
	rc = lisp_map_cache_static_add(l, &p, LISP_ACT_NO_ACTION, &loc, err, sizeof(err));
	if (rc == 0)
		lisp_map_cache_static_set_style(l, &p, entry_style(cli->mode));
	return engine_err(cli, rc, err);
}

static int cmd_map_cache_limit(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";
	long n = -1;
	bool set;

	if (is_no(cmd)) {
		if (argc > 1)
			return shell_err_invalid(cli, 1);
		if (argc == 1 && shell_arg_uint(cli, argv, argc, 0, 0, LISP_MAP_CACHE_LIMIT_MAX) < 0)
			return CLI_ERROR;
	} else {
		if ((n = shell_arg_uint(cli, argv, argc, 0, 0, LISP_MAP_CACHE_LIMIT_MAX)) < 0)
			return CLI_ERROR;
		if (argc > 1)
			return shell_err_invalid(cli, 1);
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	/* In another instance than 0, IOS-XE's limit is the instance's own. */
	if ((cli->mode == SHELL_LISP_INST_SERV || cli->mode == SHELL_LISP_INST_SERV6) &&
	    shell_sess_of(cli)->lisp_iid != 0) {
		struct lisp_inst *i = cur_inst(cli, l);

		if (!i)
			return CLI_ERROR;
		return engine_err(cli, lisp_inst_set_map_cache_limit(l, lisp_inst_iid(i), is_no(cmd) ? -1 : n,
								     err, sizeof(err)), err);
	}
	set = lisp_map_cache_limit(l) != LISP_MAP_CACHE_LIMIT_DEFAULT;
	if (is_no(cmd))
		return af_kind_off(l, LISP_XK_LIMIT, set, cmd_af(cli, cmd)) ?
		       engine_err(cli, lisp_set_map_cache_limit(l, -1, err, sizeof(err)), err) : CLI_OK;
	if (lisp_set_map_cache_limit(l, n, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	af_kind_on(l, LISP_XK_LIMIT, set, cmd_af(cli, cmd));
	return global_done(cli, l, cmd, XK(LIMIT), 0, err);
}

static int cmd_map_request_source(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	struct addr a, old;
	char err[ERRLEN] = "";
	bool set;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if ((!is_no(cmd) || argc == 1) && arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	set = lisp_map_request_source(l, &old);
	if (is_no(cmd))
		return af_kind_off(l, LISP_XK_MREQ_SOURCE, set, cmd_af(cli, cmd)) ?
		       engine_err(cli, lisp_set_map_request_source(l, NULL, err, sizeof(err)), err) : CLI_OK;
	if (lisp_set_map_request_source(l, &a, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	af_kind_on(l, LISP_XK_MREQ_SOURCE, set, cmd_af(cli, cmd));
	return global_done(cli, l, cmd, XK(MREQ_SOURCE), 0, err);
}

/* 'ip lisp map-request rate-limit N' and 'ip lisp map-request
 * outstanding-limit N' ('ipv4 map-request ...' in router lisp): the
 * router-wide Map-Request budget. */
static int cmd_map_request_limit(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool rate = strstr(cmd, "rate-limit") != NULL;
	long hi = rate ? LISP_MREQ_RATE_MAX : LISP_MREQ_OUTSTANDING_MAX, n = -1;
	struct lisp *l;
	char err[ERRLEN] = "";

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!is_no(cmd) || argc == 1) {
		if ((n = shell_arg_uint(cli, argv, argc, 0, 1, hi)) < 0)
			return CLI_ERROR;
		if (is_no(cmd))
			n = -1;
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	return global_done(cli, l, cmd, XK(MREQ_LIMIT),
			   rate ? lisp_set_map_request_rate_limit(l, n, err, sizeof(err)) :
				  lisp_set_map_request_outstanding_limit(l, n, err, sizeof(err)), err);
}

/* ------------------------------------------------------------ ITR, ETR */

static int cmd_map_resolver(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	struct addr a;
	char err[ERRLEN] = "";
	bool set;

	if (arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	set = in_list(l, LISP_XK_RESOLVERS, &a);
	if (is_no(cmd)) {
		if (set && !af_ent_off(l, LISP_XK_RESOLVERS, &a, set, cmd_af(cli, cmd)))
			return CLI_OK;
		return engine_err(cli, lisp_map_resolver_del(l, &a, err, sizeof(err)), err);
	}
	if (lisp_map_resolver_add(l, &a, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	if (af_ent_on(l, LISP_XK_RESOLVERS, &a, set, cmd_af(cli, cmd)) == -1)
		return shell_err(cli, "%% Out of memory");
	return global_done(cli, l, cmd, XK(RESOLVERS), 0, err);
}

/* 'no ... etr map-server A': the command's family stops registering
 * with A (a family that did not is no error); the entry goes when no
 * family keeps it. */
static int ms_del(struct cli_def *cli, struct lisp *l, const char *cmd, const struct addr *a)
{
	unsigned af = cmd_af(cli, cmd);
	char err[ERRLEN] = "";

	if (!in_list(l, LISP_XK_MAP_SERVERS, a))
		return engine_err(cli, lisp_map_server_del(l, a, af, err, sizeof(err)), err);
	af_ent_off(l, LISP_XK_MAP_SERVERS, a, true, af);
	lisp_map_server_del(l, a, af, err, sizeof(err));
	return CLI_OK;
}

/* 'A key [0|6|7] K [proxy-reply] [hash-function sha1|sha2]', and IOS-XE's
 * 'A proxy-reply' on a line of its own. */
static int cmd_map_server(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct secret_key key;
	struct lisp_ms_cfg c;
	struct lisp *l;
	char err[ERRLEN] = "";
	bool set;
	int i;

	memset(&c, 0, sizeof(c));
	c.alg = LISP_AUTH_HMAC_SHA1;
	if (arg_addr(cli, argv, argc, 0, &c.addr) == -1)
		return CLI_ERROR;
	if (is_no(cmd) && argc == 1) {
		if (!(l = shell_lisp(cli)))
			return CLI_ERROR;
		return ms_del(cli, l, cmd, &c.addr);
	}
	if (argc == 2 && kw(argv[1], "proxy-reply") && strlen(argv[1]) > 1) {
		if (!(l = shell_lisp(cli)))
			return CLI_ERROR;
		return global_done(cli, l, cmd, XK(MAP_SERVERS),
				   lisp_map_server_set_proxy_reply(l, &c.addr, cmd_af(cli, cmd),
								   !is_no(cmd), err, sizeof(err)), err);
	}
	if (argc < 2 || !kw(argv[1], "key"))
		return argc < 2 ? shell_err_incomplete(cli) : shell_err_invalid(cli, 1);
	if ((i = secret_key_arg(cli, argv, argc, 2, SECRET_ALLOW_TYPE6, sizeof(c.key), &key)) < 0)
		return CLI_ERROR;
	snprintf(c.key, sizeof(c.key), "%.*s", (int)sizeof(c.key) - 1, key.plain);
	snprintf(c.key_conf, sizeof(c.key_conf), "%s", key.conf);
	for (; i < argc; i++) {
		if (kw(argv[i], "proxy-reply")) {
			c.proxy_reply = true;
		} else if (kw(argv[i], "key-id")) {
			long id;

			if ((id = shell_arg_uint(cli, argv, argc, ++i, 0, 255)) < 0)
				return CLI_ERROR;
			c.key_id = (uint8_t)id;
		} else if (kw(argv[i], "hash-function")) {
			if (++i >= argc)
				return shell_err_incomplete(cli);
			if (!strcasecmp(argv[i], "sha1"))
				c.alg = LISP_AUTH_HMAC_SHA1;
			else if (!strcasecmp(argv[i], "sha2"))
				c.alg = LISP_AUTH_HMAC_SHA256;
			else
				return shell_err_invalid(cli, i);
		} else {
			return shell_err_invalid(cli, i);
		}
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd))
		return ms_del(cli, l, cmd, &c.addr);
	set = in_list(l, LISP_XK_MAP_SERVERS, &c.addr);
	c.af = (uint8_t)cmd_af(cli, cmd);	/* each family its own key */
	if (lisp_map_server_add(l, &c, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	if (af_ent_on(l, LISP_XK_MAP_SERVERS, &c.addr, set, cmd_af(cli, cmd)) == -1)
		return shell_err(cli, "%% Out of memory");
	return global_done(cli, l, cmd, XK(MAP_SERVERS), 0, err);
}

static int cmd_map_cache_ttl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";
	long m = -1;
	bool set;

	if (!is_no(cmd) || argc) {
		long v = shell_arg_uint(cli, argv, argc, 0, LISP_ETR_TTL_MIN, LISP_ETR_TTL_MAX);

		if (v < 0)
			return CLI_ERROR;
		if (!is_no(cmd))
			m = v;
	}
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	set = lisp_etr_map_cache_ttl(l) != LISP_ETR_TTL_DEFAULT;
	if (is_no(cmd))
		return af_kind_off(l, LISP_XK_TTL, set, cmd_af(cli, cmd)) ?
		       engine_err(cli, lisp_set_etr_map_cache_ttl(l, -1, err, sizeof(err)), err) : CLI_OK;
	if (lisp_set_etr_map_cache_ttl(l, m, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	af_kind_on(l, LISP_XK_TTL, set, cmd_af(cli, cmd));
	return global_done(cli, l, cmd, XK(TTL), 0, err);
}

/*
 * interface 'ip lisp source-locator SRCIF': the source interface is
 * looked up by name whenever a packet is encapsulated, so it may be
 * configured later in the file (IOS prints Loopback0 first) or come and
 * go as ports do.
 */
static int cmd_source_locator(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	char src[SHELL_NAME_MAX], err[ERRLEN] = "";
	struct lisp *l;

	if (!is_no(cmd) || argc) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (!shell_ifname(s->sh->router, argv, 1, src, sizeof(src)))
			return shell_err_invalid(cli, 0);
	}
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	return engine_err(cli, lisp_set_source_locator(l, s->ifname, is_no(cmd) ? NULL : src, err,
						       sizeof(err)), err);
}

/* ------------------------------------------------------------ proxies */

/* 'proxy-itr A [B]': A the PITR's locator, B its locator of the other
 * family (IOS takes an IPv4 and an IPv6 one); the line is the whole
 * setting, so one without B drops B. */
static int cmd_proxy_itr(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	struct addr a, b, old;
	char err[ERRLEN] = "";
	bool set;

	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if ((!is_no(cmd) || argc) && arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (argc == 2 && (arg_addr(cli, argv, argc, 1, &b) == -1))
		return CLI_ERROR;
	if (argc == 2 && addr_is_v4(&a) == addr_is_v4(&b))
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	set = lisp_proxy_itr(l, &old);
	if (is_no(cmd))
		return af_kind_off(l, LISP_XK_PITR, set, cmd_af(cli, cmd)) ?
		       engine_err(cli, lisp_set_proxy_itr(l, NULL, err, sizeof(err)), err) : CLI_OK;
	if (lisp_set_proxy_itr(l, &a, err, sizeof(err)) == -1 ||
	    lisp_set_proxy_itr2(l, argc == 2 ? &b : NULL, err, sizeof(err)) == -1) {
		if (!set)
			lisp_set_proxy_itr(l, NULL, NULL, 0);
		return shell_err(cli, "%s", err[0] ? err : "% Failed");
	}
	af_kind_on(l, LISP_XK_PITR, set, cmd_af(cli, cmd));
	return global_done(cli, l, cmd, XK(PITR), 0, err);
}

/* 'use-petr A [priority p weight w]' */
static int cmd_use_petr(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	long prio = LISP_PETR_PRIORITY_DEFAULT, weight = LISP_PETR_WEIGHT_DEFAULT;
	struct lisp *l;
	struct addr a;
	char err[ERRLEN] = "";
	bool set;

	if (arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (argc > 1) {
		if (!kw(argv[1], "priority"))
			return shell_err_invalid(cli, 1);
		if ((prio = shell_arg_uint(cli, argv, argc, 2, 0, 255)) < 0)
			return CLI_ERROR;
		if (argc < 4)
			return shell_err_incomplete(cli);
		if (!kw(argv[3], "weight"))
			return shell_err_invalid(cli, 3);
		if ((weight = shell_arg_uint(cli, argv, argc, 4, 0, 100)) < 0)
			return CLI_ERROR;
		if (argc > 5)
			return shell_err_invalid(cli, 5);
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	/* In another instance than 0, IOS-XE's list is the instance's own. */
	if ((cli->mode == SHELL_LISP_INST_SERV || cli->mode == SHELL_LISP_INST_SERV6) &&
	    shell_sess_of(cli)->lisp_iid != 0) {
		struct lisp_inst *i = cur_inst(cli, l);

		if (!i)
			return CLI_ERROR;
		if (is_no(cmd))
			return engine_err(cli, lisp_inst_use_petr_del_af(l, lisp_inst_iid(i), &a,
									 cmd_af(cli, cmd), err,
									 sizeof(err)), err);
		if (lisp_inst_use_petr_add_af(l, lisp_inst_iid(i), &a, (uint8_t)prio, (uint8_t)weight,
					      cmd_af(cli, cmd), err, sizeof(err)) == -1)
			return shell_err(cli, "%s", err);
		lisp_inst_set_declared(i, true);
		if (cli->mode == SHELL_LISP_INST_SERV)
			lisp_inst_set_service(i, true);
		else
			lisp_inst_set_service6(i, true);
		return CLI_OK;
	}
	set = in_list(l, LISP_XK_USE_PETR, &a);
	if (is_no(cmd)) {	/* the other family's entry stays */
		if (!set)
			return engine_err(cli, lisp_use_petr_del_af(l, &a, cmd_af(cli, cmd), err,
								    sizeof(err)), err);
		af_ent_off(l, LISP_XK_USE_PETR, &a, set, cmd_af(cli, cmd));
		lisp_use_petr_del_af(l, &a, cmd_af(cli, cmd), err, sizeof(err));
		return CLI_OK;
	}
	if (lisp_use_petr_add_af(l, &a, (uint8_t)prio, (uint8_t)weight, cmd_af(cli, cmd), err,
				 sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	if (af_ent_on(l, LISP_XK_USE_PETR, &a, set, cmd_af(cli, cmd)) == -1)
		return shell_err(cli, "%% Out of memory");
	return global_done(cli, l, cmd, XK(USE_PETR), 0, err);
}

/* 'proxy-etr allowed-locator P' and 'proxy-etr allowed-eid P': the PETR's
 * access list, by ITR RLOC or by source EID; an address is its /32. */
static int cmd_petr_acl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	enum lisp_petr_acl kind = strstr(cmd, "allowed-eid") ? LISP_PETR_ACL_EID : LISP_PETR_ACL_RLOC;
	struct prefix p;
	struct lisp *l;
	char err[ERRLEN] = "";

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (strchr(argv[0], '/')) {
		if (arg_prefix(cli, argv, argc, 0, &p) == -1)
			return CLI_ERROR;
	} else {
		if (arg_addr(cli, argv, argc, 0, &p.addr) == -1)
			return CLI_ERROR;
		p = host_prefix(&p.addr);
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_petr_acl_del(l, kind, &p, err, sizeof(err)), err);
	return global_done(cli, l, cmd, XK(PETR_ACL),
			   lisp_petr_acl_add(l, kind, &p, err, sizeof(err)), err);
}

/* 'loc-reach-algorithm rloc-probing' (IOS's other algorithms, count-tcp
 * and echo-nonce, are not implemented) */
static int cmd_loc_reach(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";
	int rc;

	if (!is_no(cmd) && argc < 1)
		return shell_err_incomplete(cli);
	if (argc >= 1 && !kw(argv[0], "rloc-probing"))
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	rc = lisp_set_rloc_probing(l, !is_no(cmd), err, sizeof(err));
	if (rc == 0 && !is_no(cmd))
		mark_global(cli, l, 0);
	return engine_err(cli, rc, err);
}

/*
 * 'xtr-id {auto | HEX}' and 'site-id ID' (lispr-specific: IOS derives its
 * xTR-ID itself and has no command).  auto draws a random 128-bit ID once;
 * the running configuration then shows it as if typed, so a reload keeps
 * it.  'no xtr-id' stops the I bit.
 */
static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static int cmd_xtr_id(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	uint8_t id[16];
	struct lisp *l;
	const char *h;
	bool autogen = false;

	if (!is_no(cmd) && argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (argc == 1 && kw(argv[0], "auto") && strlen(argv[0]) > 1) {
		autogen = true;
	} else if (argc == 1) {
		h = argv[0];
		if (h[0] == '0' && (h[1] == 'x' || h[1] == 'X'))
			h += 2;
		if (strlen(h) != 32)
			return shell_err(cli, "%% xTR-ID must be 32 hex digits (128 bits) or auto");
		for (int i = 0; i < 16; i++) {
			int hi = hexval((unsigned char)h[2 * i]), lo = hexval((unsigned char)h[2 * i + 1]);

			if (hi < 0 || lo < 0)
				return shell_err(cli, "%% xTR-ID must be 32 hex digits (128 bits) or auto");
			id[i] = (uint8_t)(hi << 4 | lo);
		}
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd)) {
		lisp_clear_xtr_id(l);
		return CLI_OK;
	}
	lisp_set_xtr_id(l, autogen ? NULL : id);
	mark_global(cli, l, 0);
	return CLI_OK;
}

static int cmd_site_id(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	unsigned long long v = 0;
	struct lisp *l;
	char *end;

	if (!is_no(cmd) && argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (argc == 1) {
		errno = 0;
		v = strtoull(argv[0], &end, 0);
		if (errno || *end || !isdigit((unsigned char)argv[0][0]))
			return shell_err_invalid(cli, 0);
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	lisp_set_site_id(l, is_no(cmd) ? 0 : (uint64_t)v);
	if (!is_no(cmd))
		mark_global(cli, l, 0);
	return CLI_OK;
}

/* 'encapsulation lisp' (IOS-XE's service ipv4): the only one there is. */
static int cmd_encapsulation(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp_xe_opts o;
	struct lisp *l;

	if (argc < 1 && !is_no(cmd))
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (argc && kw(argv[0], "vxlan"))
		return is_no(cmd) ? CLI_OK :
		       shell_err(cli, "%% VXLAN encapsulation is not supported: only encapsulation lisp");
	if (argc && !kw(argv[0], "lisp"))
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	lisp_xe_opts(l, &o);
	if (is_no(cmd)) {
		if (af_kind_off(l, LISP_XK_ENCAP, o.encap_lisp, cmd_af(cli, cmd)))
			o.encap_lisp = false;
	} else {
		af_kind_on(l, LISP_XK_ENCAP, o.encap_lisp, cmd_af(cli, cmd));
		o.encap_lisp = true;
	}
	lisp_set_xe_opts(l, &o);
	if (!is_no(cmd))
		mark_global(cli, l, XK(ENCAP));
	return CLI_OK;
}

/* ------------------------------------------------------------ router lisp */

static int cmd_router_lisp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!shell_lisp(cli))
		return CLI_ERROR;
	shell_set_mode(cli, SHELL_ROUTER_LISP);
	return CLI_OK;
}

/* The 'exit-*' lines IOS-XE closes each block with. */
static int cmd_exit_block(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;

	if (argc)
		return shell_err_invalid(cli, 0);
	/* 'exit-site' is IOS-XE's own: the site is written that way. */
	if (cli->mode == SHELL_LISP_SITE && (l = shell_lisp(cli)))
		lisp_site_set_style(l, shell_sess_of(cli)->site, LISP_STYLE_XE, NULL, 0);
	shell_set_mode(cli, shell_mode_parent(cli->mode));
	return CLI_OK;
}

/* What a wipe removes, collected first: the engine's lists must not
 * change under its foreach functions. */
struct wipe {
	struct addr *mr, *ms;
	size_t nmr, nms;
	char (*names)[SHELL_NAME_MAX];
	size_t nnames;
	struct addr *petr;
	size_t npetr;
	struct wipe_acl {
		enum lisp_petr_acl kind;
		struct prefix p;
	} *acl;
	size_t nacl;
	uint32_t *iid;
	size_t niid;
	bool nomem;
};

static void *grow(void *v, size_t n, size_t size, bool *nomem)
{
	void *nv = realloc(v, (n + 1) * size);

	if (!nv)
		*nomem = true;
	return nv;
}

static int wipe_mr(const struct addr *a, void *arg)
{
	struct wipe *w = arg;
	struct addr *n = grow(w->mr, w->nmr, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->mr = n;
	w->mr[w->nmr++] = *a;
	return 0;
}

static int wipe_ms(const struct lisp_ms_info *m, void *arg)
{
	struct wipe *w = arg;
	struct addr *n = grow(w->ms, w->nms, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->ms = n;
	w->ms[w->nms++] = m->cfg.addr;
	return 0;
}

static int wipe_petr(const struct lisp_petr_info *p, void *arg)
{
	struct wipe *w = arg;
	struct addr *n = grow(w->petr, w->npetr, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->petr = n;
	w->petr[w->npetr++] = p->addr;
	return 0;
}

static int wipe_acl(enum lisp_petr_acl kind, const struct prefix *p, void *arg)
{
	struct wipe *w = arg;
	struct wipe_acl *n = grow(w->acl, w->nacl, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->acl = n;
	w->acl[w->nacl].kind = kind;
	w->acl[w->nacl++].p = *p;
	return 0;
}

static int wipe_inst(const struct lisp_inst_info *i, void *arg)
{
	struct wipe *w = arg;
	uint32_t *n = grow(w->iid, w->niid, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->iid = n;
	w->iid[w->niid++] = i->iid;
	return 0;
}

static int wipe_name(struct wipe *w, const char *name)
{
	char (*n)[SHELL_NAME_MAX] = grow(w->names, w->nnames, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->names = n;
	snprintf(w->names[w->nnames++], SHELL_NAME_MAX, "%s", name);
	return 0;
}

static int wipe_site(const struct lisp_site_info *si, void *arg)
{
	return wipe_name(arg, si->name);
}

static int wipe_srcloc(const char *ifname, const char *srcif, void *arg)
{
	return wipe_name(arg, ifname);
}

static int wipe_locset(const struct lisp_locset_info *ls, void *arg)
{
	return wipe_name(arg, ls->name);
}

static void wipe_free(struct wipe *w)
{
	free(w->mr);
	free(w->ms);
	free(w->petr);
	free(w->acl);
	free(w->names);
	free(w->iid);
	memset(w, 0, sizeof(*w));
}

/* The global settings of the kinds in mask (XK()s: roles, 'service
 * ipv4' settings) back to their defaults in the families af (LISP_AF_*):
 * one the other family also has stays.  The router-wide ones (the PETR
 * access list, the Map-Request budget) go with IPv4. */
static int wipe_global(struct lisp *l, unsigned mask, unsigned af)
{
	struct lisp_xe_opts o;
	struct wipe w;
	char err[ERRLEN];
	unsigned roles = 0;
	struct addr a;
	size_t i;

	memset(&w, 0, sizeof(w));
	if (mask & XK(RESOLVERS))
		lisp_map_resolver_foreach(l, wipe_mr, &w);
	if (mask & XK(MAP_SERVERS))
		lisp_map_server_foreach(l, wipe_ms, &w);
	if (mask & XK(USE_PETR))
		lisp_use_petr_foreach(l, wipe_petr, &w);
	if ((mask & XK(PETR_ACL)) && (af & LISP_AF_IPV4))
		lisp_petr_acl_foreach(l, wipe_acl, &w);
	if (w.nomem) {
		wipe_free(&w);
		return -1;
	}
	for (i = 0; i < sizeof(role_map) / sizeof(role_map[0]); i++)
		if (mask & LISP_XK_BIT(role_map[i].kind))
			roles |= role_map[i].role;
	if ((roles & LISP_ROLE_PITR) && lisp_proxy_itr(l, &a) &&
	    af_kind_off(l, LISP_XK_PITR, true, af))
		lisp_set_proxy_itr(l, NULL, err, sizeof(err));
	if (roles & ~LISP_ROLE_PITR)
		role_set(l, roles & ~LISP_ROLE_PITR, false, af, err, sizeof(err));
	for (i = 0; i < w.npetr; i++) {	/* an address twice: two entries */
		af_ent_off(l, LISP_XK_USE_PETR, &w.petr[i], true, af);
		lisp_use_petr_del_af(l, &w.petr[i], af, err, sizeof(err));
	}
	for (i = 0; i < w.nacl; i++)
		lisp_petr_acl_del(l, w.acl[i].kind, &w.acl[i].p, err, sizeof(err));
	for (i = 0; i < w.nmr; i++)
		if (af_ent_off(l, LISP_XK_RESOLVERS, &w.mr[i], true, af))
			lisp_map_resolver_del(l, &w.mr[i], err, sizeof(err));
	for (i = 0; i < w.nms; i++) {	/* an address twice: two entries */
		af_ent_off(l, LISP_XK_MAP_SERVERS, &w.ms[i], true, af);
		lisp_map_server_del(l, &w.ms[i], af, err, sizeof(err));
	}
	if ((mask & XK(LIMIT)) &&
	    af_kind_off(l, LISP_XK_LIMIT, lisp_map_cache_limit(l) != LISP_MAP_CACHE_LIMIT_DEFAULT, af))
		lisp_set_map_cache_limit(l, -1, err, sizeof(err));
	if ((mask & XK(TTL)) &&
	    af_kind_off(l, LISP_XK_TTL, lisp_etr_map_cache_ttl(l) != LISP_ETR_TTL_DEFAULT, af))
		lisp_set_etr_map_cache_ttl(l, -1, err, sizeof(err));
	if ((mask & XK(MREQ_SOURCE)) &&
	    af_kind_off(l, LISP_XK_MREQ_SOURCE, lisp_map_request_source(l, &a), af))
		lisp_set_map_request_source(l, NULL, err, sizeof(err));
	if ((mask & XK(MREQ_LIMIT)) && (af & LISP_AF_IPV4)) {
		lisp_set_map_request_rate_limit(l, -1, err, sizeof(err));
		lisp_set_map_request_outstanding_limit(l, -1, err, sizeof(err));
	}
	lisp_xe_opts(l, &o);
	if ((mask & XK(ENCAP)) && af_kind_off(l, LISP_XK_ENCAP, o.encap_lisp, af))
		o.encap_lisp = false;
	if (af & LISP_AF_IPV4)
		o.in_instance &= ~mask;
	if (af & LISP_AF_IPV6)
		o.in_instance6 &= ~mask;
	lisp_set_xe_opts(l, &o);
	if ((mask & LISP_XK_ALL) == LISP_XK_ALL && af == (LISP_AF_IPV4 | LISP_AF_IPV6))
		lisp_set_style(l, LISP_STYLE_NONE);
	wipe_free(&w);
	return 0;
}

/* 'no service ipvX' in an instance or 'no instance-id N': the IOS-XE
 * global settings written in its services go with it. */
static int wipe_instance_global(struct lisp *l, uint32_t iid, unsigned af)
{
	struct lisp_xe_opts o;
	int rc = 0;

	lisp_xe_opts(l, &o);
	if (lisp_style(l) != LISP_STYLE_XE || o.in_iid != iid)
		return 0;
	if ((af & LISP_AF_IPV4) && o.in_instance)
		rc |= wipe_global(l, o.in_instance, LISP_AF_IPV4);
	if ((af & LISP_AF_IPV6) && o.in_instance6)
		rc |= wipe_global(l, o.in_instance6, LISP_AF_IPV6);
	return rc ? -1 : 0;
}

/* 'no service ipvX' at the top: the IOS-XE global settings written there. */
static int wipe_top_global(struct lisp *l, unsigned af)
{
	struct lisp_xe_opts o;

	lisp_xe_opts(l, &o);
	if (lisp_style(l) != LISP_STYLE_XE)
		return 0;
	return wipe_global(l, LISP_XK_ALL & ~(af == LISP_AF_IPV6 ? o.in_instance6 : o.in_instance), af);
}

/* 'no router lisp': every LISP setting, in any style, back to its
 * default (one model, so the classic lines go too). */
static int cmd_no_router_lisp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp_xe_opts o;
	struct wipe w;
	struct lisp *l;
	char err[ERRLEN];
	bool nomem = false;
	size_t i;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	memset(&w, 0, sizeof(w));
	nomem |= wipe_global(l, LISP_XK_ALL, LISP_AF_IPV4 | LISP_AF_IPV6) == -1;
	for (i = 0; i < LISP_XK__COUNT; i++)
		lisp_af_kind_set(l, (enum lisp_xe_kind)i, 0);
	lisp_set_rloc_probing(l, false, err, sizeof(err));
	lisp_clear_xtr_id(l);
	lisp_set_site_id(l, 0);
	memset(&o, 0, sizeof(o));
	lisp_set_xe_opts(l, &o);
	/* Every instance: its mappings, entries, settings and VRF binding
	 * (instance 0 stays, empty). */
	lisp_inst_foreach(l, wipe_inst, &w);
	for (i = 0; !w.nomem && i < w.niid; i++)
		if (w.iid[i] != 0)
			nomem |= lisp_inst_del(l, w.iid[i], err, sizeof(err)) == -1;
	nomem |= lisp_inst_del(l, 0, err, sizeof(err)) == -1;
	cmd_ddt_wipe(l);
	lisp_set_default_locset(l, NULL, err, sizeof(err));
	lisp_locset_foreach(l, wipe_locset, &w);
	for (i = 0; !w.nomem && i < w.nnames; i++)
		lisp_locset_del(l, w.names[i], err, sizeof(err));
	w.nnames = 0;
	lisp_site_foreach(l, wipe_site, &w);
	for (i = 0; !w.nomem && i < w.nnames; i++)
		lisp_site_del(l, w.names[i], err, sizeof(err));
	w.nnames = 0;
	lisp_source_locator_foreach(l, wipe_srcloc, &w);
	for (i = 0; !w.nomem && i < w.nnames; i++)
		lisp_set_source_locator(l, w.names[i], NULL, err, sizeof(err));
	nomem |= w.nomem;
	wipe_free(&w);
	return nomem ? shell_err(cli, "%% Out of memory") : CLI_OK;
}

/* 'locator-table default' (IOS-XE): the only RLOC table there is. */
static int cmd_locator_table(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp_xe_opts o;
	struct lisp *l;

	if (argc < 1 && !is_no(cmd))
		return shell_err_incomplete(cli);
	if (argc && kw(argv[0], "vrf"))
		return is_no(cmd) ? CLI_OK :
		       shell_err(cli, "%% VRF locator tables are not supported: only locator-table default");
	if (argc && !kw(argv[0], "default"))
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	lisp_xe_opts(l, &o);
	o.locator_table = !is_no(cmd);
	lisp_set_xe_opts(l, &o);
	return CLI_OK;
}

/* 'remote-rloc-probe on-route-change' in 'router lisp' or 'instance-id N' */
static int cmd_remote_probe(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp_xe_opts o;
	struct lisp_inst *i;
	struct lisp *l;

	if (argc < 1 && !is_no(cmd))
		return shell_err_incomplete(cli);
	if (argc && !kw(argv[0], "on-route-change"))
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (cli->mode == SHELL_LISP_INST) {
		if (!(i = cur_inst(cli, l)))
			return CLI_ERROR;
		lisp_inst_set_probe_on_route_change(i, !is_no(cmd));
		return CLI_OK;
	}
	lisp_xe_opts(l, &o);
	o.probe_on_route_change = !is_no(cmd);
	lisp_set_xe_opts(l, &o);
	return CLI_OK;
}

/* ------------------------------------------------------------ locator-sets */

static int cmd_locator_set(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	char err[ERRLEN] = "";
	struct lisp *l;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (strlen(argv[0]) >= sizeof(s->locset) || strlen(argv[0]) >= LISP_NAME_MAX)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_locset_del(l, argv[0], err, sizeof(err)), err);
	if (lisp_locset_add(l, argv[0], err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	snprintf(s->locset, sizeof(s->locset), "%s", argv[0]);
	shell_set_mode(cli, SHELL_LISP_LOCSET);
	return CLI_OK;
}

/* 'IPv4-interface IF priority P weight W' and 'A.B.C.D priority P weight
 * W' in a locator-set; 'no' forms without priority and weight too. */
static int cmd_locset_loc(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct lisp_loc_cfg loc;
	char err[ERRLEN] = "";
	struct lisp *l;
	unsigned flags = is_no(cmd) ? LOC_NO : 0;
	int i;

	if (strstr(cmd, "IPv4-interface"))
		flags |= LOC_IFONLY;
	if (strstr(cmd, "IPv6-interface"))
		flags |= LOC_IFONLY | LOC_IF6;
	if ((i = arg_locator(cli, argv, argc, 0, flags, &loc)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (!lisp_locset_exists(l, s->locset))
		return shell_err(cli, "%% Locator-set %s no longer exists", s->locset);
	if (is_no(cmd))
		return engine_err(cli, lisp_locset_loc_del(l, s->locset, &loc, err, sizeof(err)), err);
	return engine_err(cli, lisp_locset_loc_add(l, s->locset, &loc, err, sizeof(err)), err);
}

/* 'locator default-set NAME' */
static int cmd_default_set(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";

	if (argc < 1 && !is_no(cmd))
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd) && argc && strcmp(argv[0], lisp_default_locset(l)))
		return shell_err(cli, "%% Locator default-set is not %s", argv[0]);
	return engine_err(cli, lisp_set_default_locset(l, is_no(cmd) ? NULL : argv[0], err,
						       sizeof(err)), err);
}

/* ------------------------------------------------------------ services, instances */

/*
 * A line that is not this mode's after all ('service password-encryption'
 * typed in router lisp): run it in configuration mode, which it then
 * stays in, as IOS does with a global command typed in a sub-mode.
 */
static int global_line(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);
	int mode = cli->mode, rc;

	shell_set_mode(cli, SHELL_CONFIG);
	rc = shell_exec(s, s->line);
	if (rc != CLI_OK)
		shell_set_mode(cli, mode);
	return rc;
}

/* The prefixes of an instance's entries of one family, collected first:
 * the tables must not change under their walks. */
struct af_prefixes {
	unsigned af;
	struct prefix *p;
	size_t n;
	bool nomem, other;		/* other: an entry of the other family */
};

static int af_collect(struct af_prefixes *c, const struct prefix *p)
{
	struct prefix *n;

	if (!((addr_is_v4(&p->addr) && (c->af & LISP_AF_IPV4)) ||
	      (addr_is_v6(&p->addr) && (c->af & LISP_AF_IPV6)))) {
		c->other = true;
		return 0;
	}
	if (!(n = grow(c->p, c->n, sizeof(*n), &c->nomem)))
		return -1;
	c->p = n;
	c->p[c->n++] = *p;
	return 0;
}

static int af_collect_db(const struct lisp_db_info *d, void *arg)
{
	return af_collect(arg, &d->prefix);
}

static int af_collect_static(const struct lisp_static_info *st, void *arg)
{
	return af_collect(arg, &st->prefix);
}

/*
 * 'no service ipvX' in an instance: that family's mappings, static
 * entries and service lines go, the global settings written there too;
 * an instance left with neither family is as 'no instance-id' leaves it.
 */
static int inst_wipe_af(struct cli_def *cli, struct lisp *l, struct lisp_inst *i, unsigned af)
{
	struct af_prefixes db = { af, NULL, 0, false, false }, mc = { af, NULL, 0, false, false };
	struct lisp_inst_info ii;
	char err[ERRLEN] = "";
	uint32_t iid = lisp_inst_iid(i);
	bool other;

	if (wipe_instance_global(l, iid, af) == -1)
		return shell_err(cli, "%% Out of memory");
	lisp_inst_db_foreach(i, af_collect_db, &db);
	lisp_inst_static_foreach(i, af_collect_static, &mc);
	if (db.nomem || mc.nomem) {
		free(db.p);
		free(mc.p);
		return shell_err(cli, "%% Out of memory");
	}
	lisp_inst_info(l, iid, &ii);
	other = db.other || mc.other || (af == LISP_AF_IPV4 ? ii.service6 : ii.service);
	if (!other) {
		free(db.p);
		free(mc.p);
		if (lisp_inst_del(l, iid, err, sizeof(err)) == -1)
			return shell_err(cli, "%s", err);
		lisp_inst_set_declared(i, true);
		return CLI_OK;
	}
	for (size_t k = 0; k < db.n; k++)
		lisp_db_del(l, &db.p[k], NULL, NULL, 0);
	for (size_t k = 0; k < mc.n; k++)
		lisp_map_cache_static_del(l, &mc.p[k], NULL, 0);
	free(db.p);
	free(mc.p);
	if (af & LISP_AF_IPV4) {
		lisp_inst_set_service(i, false);
		lisp_inst_set_eid_table(i, false, NULL, NULL, 0);
	}
	if (af & LISP_AF_IPV6) {
		lisp_inst_set_service6(i, false);
		lisp_inst_set_eid_table6(i, false);
	}
	return CLI_OK;
}

/* 'service ipv4' and 'service ipv6' at the top (all instances) or in
 * 'instance-id N'. */
static int cmd_service(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp_inst *i;
	struct lisp *l;
	unsigned af;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!kw(argv[0], "ipv4") && !kw(argv[0], "ipv6") && !kw(argv[0], "ethernet"))
		return global_line(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (kw(argv[0], "ethernet") && strlen(argv[0]) > 1)
		return is_no(cmd) ? CLI_OK :
		       shell_err(cli, "%% Layer-2 LISP is not supported: only service ipv4 and ipv6");
	if (strlen(argv[0]) < 4)
		return shell_err_invalid(cli, 0);
	af = kw(argv[0], "ipv6") ? LISP_AF_IPV6 : LISP_AF_IPV4;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (cli->mode == SHELL_LISP_INST) {
		if (!(i = cur_inst(cli, l)))
			return CLI_ERROR;
		if (is_no(cmd))
			return inst_wipe_af(cli, l, i, af);
		if (af == LISP_AF_IPV6)
			lisp_inst_set_service6(i, true);
		else
			lisp_inst_set_service(i, true);
		shell_set_mode(cli, af == LISP_AF_IPV6 ? SHELL_LISP_INST_SERV6 : SHELL_LISP_INST_SERV);
		return CLI_OK;
	}
	if (is_no(cmd))
		return wipe_top_global(l, af) == -1 ? shell_err(cli, "%% Out of memory") : CLI_OK;
	shell_set_mode(cli, af == LISP_AF_IPV6 ? SHELL_LISP_SERV6 : SHELL_LISP_SERV);
	return CLI_OK;
}

static int arg_iid(struct cli_def *cli, char **argv, int argc, int i, uint32_t *iid)
{
	long v = shell_arg_uint(cli, argv, argc, i, 0, LISP_IID_MAX);

	if (v < 0)
		return -1;
	*iid = (uint32_t)v;
	return 0;
}

/* 'instance-id N' */
static int cmd_instance(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct lisp_inst *i;
	char err[ERRLEN] = "";
	struct lisp *l;
	uint32_t iid;

	if (arg_iid(cli, argv, argc, 0, &iid) == -1)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd)) {
		if (wipe_instance_global(l, iid, LISP_AF_IPV4 | LISP_AF_IPV6) == -1)
			return shell_err(cli, "%% Out of memory");
		return engine_err(cli, lisp_inst_del(l, iid, err, sizeof(err)), err);
	}
	if (!(i = lisp_inst_get(l, iid, err, sizeof(err))))
		return shell_err(cli, "%s", err);
	lisp_inst_set_declared(i, true);
	s->lisp_iid = iid;
	shell_set_mode(cli, SHELL_LISP_INST);
	return CLI_OK;
}

/* The instance's table is the one named (vrf NULL or "": default). */
static bool same_table(const char *cur, const char *vrf)
{
	return !strcmp(cur ? cur : "", vrf ? vrf : "");
}

/*
 * 'eid-table ...' in an instance's 'service ipv6': the instance has one
 * table for both families (IOS-XE refuses two as well), so it binds the
 * instance when its 'service ipv4' named none, and must name the same
 * table otherwise.
 */
static int eid_table6(struct cli_def *cli, struct lisp *l, struct lisp_inst *i, const char *vrf,
		      char *err, size_t errlen)
{
	struct lisp_inst_info ii;
	uint32_t iid = lisp_inst_iid(i);

	(void)cli;
	if (lisp_inst_info(l, iid, &ii) == -1 || same_table(ii.vrf, vrf))
		return 0;
	if (ii.eid_table) {
		snprintf(err, errlen, "%% Instance-ID %u already uses EID table %s%s", (unsigned)iid,
			 ii.vrf[0] ? "vrf " : "", ii.vrf[0] ? ii.vrf : "default");
		return -1;
	}
	if (lisp_inst_set_eid_table(i, true, vrf, err, errlen) == -1)
		return -1;
	/* The binding only: the IPv4 service did not write the line. */
	lisp_inst_set_eid_table(i, false, vrf, NULL, 0);
	return 0;
}

/*
 * 'eid-table {default | vrf NAME} instance-id N' at the top of 'router
 * lisp' (IOS 15.4's block), or 'eid-table {default | vrf NAME}' in an
 * instance's 'service ipv4' (IOS-XE: the instance's table).
 */
static int cmd_eid_table(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct lisp_inst_info ii;
	struct lisp_inst *i;
	char err[ERRLEN] = "";
	const char *vrf = NULL;
	struct lisp *l;
	uint32_t iid = 0;
	bool created;
	int k = 1;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (kw(argv[0], "vrf")) {
		if (argc < 2)
			return shell_err_incomplete(cli);
		vrf = argv[1];
		k = 2;
	} else if (!kw(argv[0], "default")) {
		return shell_err_invalid(cli, 0);
	}
	if (cli->mode == SHELL_LISP_INST_SERV6) {
		if (argc > k)
			return shell_err_invalid(cli, k);
		if (!(l = shell_lisp(cli)) || !(i = cur_inst(cli, l)))
			return CLI_ERROR;
		if (!is_no(cmd) && eid_table6(cli, l, i, vrf, err, sizeof(err)) == -1)
			return shell_err(cli, "%s", err);
		lisp_inst_set_eid_table6(i, !is_no(cmd));
		return CLI_OK;
	}
	if (cli->mode == SHELL_LISP_INST_SERV) {
		if (argc > k)
			return shell_err_invalid(cli, k);
		if (!(l = shell_lisp(cli)) || !(i = cur_inst(cli, l)))
			return CLI_ERROR;
		if (is_no(cmd))
			return engine_err(cli, lisp_inst_set_eid_table(i, false, NULL, err, sizeof(err)), err);
		if (lisp_inst_info(l, lisp_inst_iid(i), &ii) == 0 && ii.eid_table6 && !same_table(ii.vrf, vrf))
			return shell_err(cli, "%% Instance-ID %u already uses EID table %s%s",
					 (unsigned)lisp_inst_iid(i), ii.vrf[0] ? "vrf " : "",
					 ii.vrf[0] ? ii.vrf : "default");
		return engine_err(cli, lisp_inst_set_eid_table(i, true, vrf, err, sizeof(err)), err);
	}
	if (argc <= k || !kw(argv[k], "instance-id"))
		return argc <= k ? shell_err_incomplete(cli) : shell_err_invalid(cli, k);
	if (arg_iid(cli, argv, argc, k + 1, &iid) == -1)
		return CLI_ERROR;
	if (argc > k + 2)
		return shell_err_invalid(cli, k + 2);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_inst_del(l, iid, err, sizeof(err)), err);
	created = !lisp_inst_find(l, iid);
	if (!(i = lisp_inst_get(l, iid, err, sizeof(err))))
		return shell_err(cli, "%s", err);
	/* The block names the table: the binding (the default table's too:
	 * an instance other than 0 takes it from instance 0, and a table
	 * bound to another instance is refused), without IOS-XE's line. */
	if (lisp_inst_info(l, iid, &ii) == 0) {
		if (lisp_inst_set_eid_table(i, true, vrf, err, sizeof(err)) == -1) {
			if (created)
				lisp_inst_del(l, iid, NULL, 0);
			return shell_err(cli, "%s", err);
		}
		if (!ii.eid_table)
			lisp_inst_set_eid_table(i, false, vrf, NULL, 0);
	}
	lisp_inst_set_style(i, LISP_STYLE_EIDTABLE);
	s->lisp_iid = iid;
	shell_set_mode(cli, SHELL_LISP_EIDTABLE);
	return CLI_OK;
}

/* ------------------------------------------------------------ sites */

/* 'lisp site NAME' (classic) and 'site NAME' ('router lisp') */
static int cmd_site(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	char err[ERRLEN] = "";
	enum lisp_style st;
	struct lisp *l;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (strlen(argv[0]) >= sizeof(s->site) || strlen(argv[0]) >= LISP_NAME_MAX)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	st = lisp_site_style(l, argv[0]);
	if (lisp_site_add(l, argv[0], err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	/* IOS-XE and IOS 15 both say 'site NAME': an IOS-XE site stays one. */
	if (cli->mode == SHELL_CONFIG)
		st = LISP_STYLE_CLASSIC;
	else if (st != LISP_STYLE_XE)
		st = LISP_STYLE_ROUTER;
	lisp_site_set_style(l, argv[0], st, NULL, 0);
	snprintf(s->site, sizeof(s->site), "%s", argv[0]);
	shell_set_mode(cli, SHELL_LISP_SITE);
	return CLI_OK;
}

static int cmd_no_site(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (!lisp_site_exists(l, argv[0]))
		return shell_err(cli, "%% LISP site %s does not exist", argv[0]);
	return engine_err(cli, lisp_site_del(l, argv[0], err, sizeof(err)), err);
}

/* The engine and the site the session's submode edits; another session
 * may have removed it. */
static struct lisp *cur_site(struct cli_def *cli, const char **name)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct lisp *l = shell_lisp(cli);

	if (!l)
		return NULL;
	if (!lisp_site_exists(l, s->site)) {
		shell_err(cli, "%% LISP site %s no longer exists", s->site);
		return NULL;
	}
	*name = s->site;
	return l;
}

static int cmd_site_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	char desc[LISP_DESC_MAX + 1], err[ERRLEN] = "";
	const char *name;
	struct lisp *l;
	size_t o = 0;

	if (!is_no(cmd) && argc < 1)
		return shell_err_incomplete(cli);
	if (!(l = cur_site(cli, &name)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_site_set_description(l, name, NULL, err, sizeof(err)), err);
	desc[0] = '\0';
	for (int i = 0; i < argc && o < sizeof(desc) - 1; i++)
		o += snprintf(desc + o, sizeof(desc) - o, "%s%s", i ? " " : "", argv[i]);
	return engine_err(cli, lisp_site_set_description(l, name, desc, err, sizeof(err)), err);
}

/*
 * 'authentication-key [key-id N] [0|6|7] KEY': the site's key for Key ID
 * N (0 without key-id), added beside its others (up to 4) or replacing
 * that ID's; 'no authentication-key key-id N' removes that one, 'no
 * authentication-key' all.  key-id is the keyword only when written in
 * full and followed by a number: 'authentication-key k' is the key "k".
 */
static int cmd_site_key(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct secret_key key;
	char err[ERRLEN] = "";
	const char *name;
	struct lisp *l;
	long id = 0;
	bool has_id = false;
	int i = 0;

	if (argc > 0 && !strcasecmp(argv[0], "key-id")) {
		if (argc < 2)
			return shell_err_incomplete(cli);
		if ((id = shell_arg_uint(cli, argv, argc, 1, 0, 255)) < 0)
			return CLI_ERROR;
		has_id = true;
		i = 2;
	}
	if (is_no(cmd)) {
		if (argc > i && !has_id)
			i = argc;	/* 'no authentication-key K': the words are ignored */
	} else {
		if ((i = secret_key_arg(cli, argv, argc, i, SECRET_ALLOW_TYPE6, LISP_KEY_MAX, &key)) < 0)
			return CLI_ERROR;
	}
	if (argc > i)
		return shell_err_invalid(cli, i);
	if (!(l = cur_site(cli, &name)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, has_id ? lisp_site_key_del(l, name, (uint8_t)id, err, sizeof(err)) :
				  lisp_site_set_key(l, name, NULL, err, sizeof(err)), err);
	return engine_err(cli, lisp_site_key_set(l, name, (uint8_t)id, key.plain, key.conf, err,
						 sizeof(err)), err);
}

/* 'eid-prefix [instance-id N] P/L [accept-more-specifics]' and IOS-XE's
 * 'eid-record [instance-id N] P/L [accept-more-specifics]' */
static int cmd_site_eid(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	char err[ERRLEN] = "";
	const char *name;
	struct prefix p;
	struct lisp *l;
	uint32_t iid = 0;
	bool more = false;
	int i = 0, rc;

	if (argc > 0 && kw(argv[0], "instance-id")) {
		if (arg_iid(cli, argv, argc, 1, &iid) == -1)
			return CLI_ERROR;
		i = 2;
	}
	if (arg_prefix(cli, argv, argc, i, &p) == -1)
		return CLI_ERROR;
	p.addr.iid = iid;	/* the Map-Server's registry of that instance */
	if (argc > i + 1) {
		if (!kw(argv[i + 1], "accept-more-specifics"))
			return shell_err_invalid(cli, i + 1);
		more = true;
	}
	if (argc > i + 2)
		return shell_err_invalid(cli, i + 2);
	if (!(l = cur_site(cli, &name)))
		return CLI_ERROR;
	if (is_no(cmd) && !more)
		return engine_err(cli, lisp_site_eid_del(l, name, &p, err, sizeof(err)), err);
	/* 'no eid-prefix P accept-more-specifics' keeps the prefix, exact only. */
	rc = lisp_site_eid_add(l, name, &p, !is_no(cmd) && more, err, sizeof(err));
	if (rc == 0 && !is_no(cmd) && strstr(cmd, "eid-record"))
		lisp_site_set_style(l, name, LISP_STYLE_XE, NULL, 0);
	return engine_err(cli, rc, err);
}

static int cmd_site_allowed(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	char err[ERRLEN] = "";
	const char *name;
	struct addr a;
	struct lisp *l;

	if (arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = cur_site(cli, &name)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_site_allowed_locator_del(l, name, &a, err, sizeof(err)), err);
	return engine_err(cli, lisp_site_allowed_locator_add(l, name, &a, err, sizeof(err)), err);
}

/* 'limit more-specifics N' (lispr's: IOS-XE has no such knob); 'no' and
 * 'default' restore LISP_MORE_SPECIFICS_DEFAULT. */
static int cmd_site_limit(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	char err[ERRLEN] = "";
	const char *name;
	struct lisp *l;
	long n = 0;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!kw(argv[0], "more-specifics"))
		return shell_err_invalid(cli, 0);
	if (is_no(cmd)) {
		if (argc > 2)
			return shell_err_invalid(cli, 2);
		if (argc == 2 && shell_arg_uint(cli, argv, argc, 1, 1, LISP_MORE_SPECIFICS_MAX) < 0)
			return CLI_ERROR;
	} else {
		if ((n = shell_arg_uint(cli, argv, argc, 1, 1, LISP_MORE_SPECIFICS_MAX)) < 0)
			return CLI_ERROR;
		if (argc > 2)
			return shell_err_invalid(cli, 2);
	}
	if (!(l = cur_site(cli, &name)))
		return CLI_ERROR;
	return engine_err(cli, lisp_site_set_more_limit(l, name, (unsigned)n, err, sizeof(err)), err);
}

/* ------------------------------------------------------------ registration */

/*
 * The same handler under every form: classic words in config mode, the
 * IOS 15 'router lisp' words in config-router-lisp, the IOS-XE words in
 * the 'service ipv4' modes (global settings: the IOS 15 words without
 * 'ipv4') or in the modes that hold an instance's mappings, and under
 * 'no' and 'default' in each.
 */
enum lscope {
	SC_GLOBAL,		/* roles and mapping system: service ipv4 */
	SC_INST,		/* an instance's mappings and static entries */
	SC_TOP,			/* 'router lisp' itself */
};

struct lcmd {
	const char *words[3];		/* classic, after 'ip lisp' */
	const char *rwords[3];		/* IOS 15 router lisp form; NULL: none */
	enum lscope scope;
	shell_fn fn;
	const char *help;
	const char *args;
	const char *syn, *nosyn;	/* grammars (syntax.h): the command, its no/default */
	unsigned flags;
};
#define LC_ROUTERWIDE	0x1	/* not per EID family: no 'ipv6' form */
#define LC_RAW		0x2	/* its grammar names the families already */

#define G_ROLE	"", ""
#define G_PW	"priority <0-255> weight <0-100>"
#define G_KEY	"[0 | 6 | 7] WORD"
#define G_MS_OPTS "[proxy-reply | hash-function {sha1 | sha2} | key-id <0-255>]..."

static const struct lcmd lcmds[] = {
	{ { "itr" }, { "ipv4", "itr" }, SC_GLOBAL, cmd_role, "Configure as an Ingress Tunnel Router (ITR)", NULL, G_ROLE, 0 },
	{ { "etr" }, { "ipv4", "etr" }, SC_GLOBAL, cmd_role, "Configure as an Egress Tunnel Router (ETR)", NULL, G_ROLE, 0 },
	{ { "itr-etr" }, { NULL }, SC_GLOBAL, cmd_role, "Configure as both ITR and ETR", NULL, G_ROLE, 0 },
	{ { "map-server" }, { "ipv4", "map-server" }, SC_GLOBAL, cmd_role, "Configure as a Map-Server (MS)", NULL, G_ROLE, 0 },
	{ { "map-resolver" }, { "ipv4", "map-resolver" }, SC_GLOBAL, cmd_role,
	  "Configure as a Map-Resolver (MR)", NULL, G_ROLE, 0 },
	{ { "itr", "map-resolver" }, { "ipv4", "itr", "map-resolver" }, SC_GLOBAL, cmd_map_resolver,
	  "Map-Resolver the ITR sends Map-Requests to", "A.B.C.D\tMap-Resolver address", "A.B.C.D", "A.B.C.D", 0 },
	{ { "etr", "map-server" }, { "ipv4", "etr", "map-server" }, SC_GLOBAL, cmd_map_server,
	  "Map-Server the ETR registers with",
	  "A.B.C.D\tMap-Server address\nkey\tAuthentication key: [0|6|7] KEY\n"
	  "proxy-reply\tAsk the Map-Server to answer Map-Requests (optional; alone: for a "
	  "Map-Server already given)\nhash-function\tsha1 (default) or sha2 (optional)\n"
	  "key-id\tKey ID sent in the Map-Registers, <0-255> (optional, default 0)\n"
	  "<0-255>\tKey ID\n0\tThe UNENCRYPTED key follows\n6\tAn ENCRYPTED key follows (kept, not usable)\n"
	  "7\tA HIDDEN key follows\nWORD\tThe key\nsha1\tHMAC-SHA-1-96 (default)\nsha2\tHMAC-SHA-256-128",
	  "A.B.C.D {key " G_KEY " " G_MS_OPTS " | proxy-reply}",
	  "A.B.C.D [key " G_KEY " " G_MS_OPTS " | proxy-reply]", 0 },
	{ { "etr", "map-cache-ttl" }, { "ipv4", "etr", "map-cache-ttl" }, SC_GLOBAL, cmd_map_cache_ttl,
	  "TTL of the ETR's Map-Replies and registrations", "<60-10080>\tMinutes (default 1440)",
	  "<60-10080>", "[<60-10080>]", 0 },
	{ { "database-mapping" }, { "database-mapping" }, SC_INST, cmd_database,
	  "EID prefix of this site and its locators",
	  "A.B.C.D/nn\tEID prefix\nA.B.C.D\tLocator address\nWORD\tLocator interface (classic form)\n"
	  "IPv4-interface\tLocator interface (router lisp forms)\nIPv6-interface\tLocator interface: "
	  "its first global IPv6 address\nlocator-set\tThe locators of a "
	  "locator-set (router lisp forms)\npriority\t<0-255> (255: not for unicast)\nweight\t<0-100>\n"
	  "IF\tLocator interface\nIF\tLocator interface\nWORD\tLocator-set name\n<0-255>\tPriority\n"
	  "<0-100>\tWeight",
	  "A.B.C.D/nn [{A.B.C.D | IPv4-interface IF | IPv6-interface IF | IF} " G_PW " | locator-set WORD]",
	  "A.B.C.D/nn [{A.B.C.D | IPv4-interface IF | IPv6-interface IF | IF} [" G_PW "] | locator-set WORD]",
	  0 },
	{ { "map-cache" }, { "map-cache" }, SC_INST, cmd_map_cache, "Static map-cache entry",
	  "A.B.C.D/nn\tEID prefix\nA.B.C.D\tLocator address, then priority <0-255> weight <0-100>\n"
	  "drop\tDrop packets to the prefix\nmap-request\tSend a Map-Request for destinations in the prefix\n"
	  "native-forward\tForward natively\npriority\t<0-255>\n<0-255>\tPriority\nweight\t<0-100>\n<0-100>\tWeight",
	  "A.B.C.D/nn {A.B.C.D " G_PW " | drop | map-request | native-forward}",
	  "A.B.C.D/nn [A.B.C.D [" G_PW "] | drop | map-request | native-forward]", 0 },
	{ { "map-cache-limit" }, { "ipv4", "map-cache-limit" }, SC_GLOBAL, cmd_map_cache_limit,
	  "Maximum number of map-cache entries", "<0-100000>\tEntries (default 1000)",
	  "<0-100000>", "[<0-100000>]", 0 },
	{ { "map-request", "rate-limit" }, { "ipv4", "map-request", "rate-limit" }, SC_GLOBAL,
	  cmd_map_request_limit, "Map-Requests the router sends per second, all destinations together",
	  "<1-100000>\tRequests per second (default 1000)", "<1-100000>", "[<1-100000>]", LC_ROUTERWIDE },
	{ { "map-request", "outstanding-limit" }, { "ipv4", "map-request", "outstanding-limit" },
	  SC_GLOBAL, cmd_map_request_limit, "Map-Requests waiting for an answer at a time",
	  "<1-65535>\tRequests (default 1000)", "<1-65535>", "[<1-65535>]", LC_ROUTERWIDE },
	{ { "map-request-source" }, { "ipv4", "map-request-source" }, SC_GLOBAL, cmd_map_request_source,
	  "Source address of Map-Requests", "A.B.C.D\tAddress", "A.B.C.D", "[A.B.C.D]", 0 },
	{ { "proxy-etr" }, { "ipv4", "proxy-etr" }, SC_GLOBAL, cmd_role, "Configure as a Proxy-ETR (PETR)", NULL, G_ROLE, 0 },
	{ { "proxy-etr", "allowed-locator" }, { "ipv4", "proxy-etr", "allowed-locator" }, SC_GLOBAL,
	  cmd_petr_acl, "ITR locators the PETR decapsulates for (any, when the list is empty)",
	  "A.B.C.D/nn\tLocator prefix\nA.B.C.D\tLocator address\nX:X:X:X::X/nn\tIPv6 locator prefix\n"
	  "X:X:X:X::X\tIPv6 locator address",
	  "{A.B.C.D/nn | A.B.C.D | X:X:X:X::X/nn | X:X:X:X::X}", "{A.B.C.D/nn | A.B.C.D | X:X:X:X::X/nn | X:X:X:X::X}",
	  LC_ROUTERWIDE | LC_RAW },
	{ { "proxy-etr", "allowed-eid" }, { "ipv4", "proxy-etr", "allowed-eid" }, SC_GLOBAL, cmd_petr_acl,
	  "Source EIDs the PETR decapsulates for (any, when the list is empty)",
	  "A.B.C.D/nn\tSource EID prefix\nA.B.C.D\tSource EID address\nX:X:X:X::X/nn\tIPv6 source EID prefix\n"
	  "X:X:X:X::X\tIPv6 source EID address",
	  "{A.B.C.D/nn | A.B.C.D | X:X:X:X::X/nn | X:X:X:X::X}", "{A.B.C.D/nn | A.B.C.D | X:X:X:X::X/nn | X:X:X:X::X}",
	  LC_ROUTERWIDE | LC_RAW },
	{ { "proxy-itr" }, { "ipv4", "proxy-itr" }, SC_GLOBAL, cmd_proxy_itr, "Configure as a Proxy-ITR (PITR)",
	  "A.B.C.D\tLocator: outer source and ITR-RLOC of the PITR\nX:X:X:X::X\tIts IPv6 locator "
	  "(optional)\nX:X:X:X::X\tLocator: an IPv6 one\nA.B.C.D\tIts IPv4 locator (optional)",
	  "{A.B.C.D [X:X:X:X::X] | X:X:X:X::X [A.B.C.D]}", "[A.B.C.D [X:X:X:X::X] | X:X:X:X::X [A.B.C.D]]",
	  LC_RAW },
	{ { "use-petr" }, { "ipv4", "use-petr" }, SC_GLOBAL, cmd_use_petr,
	  "Proxy-ETR for destinations without a native route",
	  "A.B.C.D\tProxy-ETR locator\npriority\t<0-255> (optional, default 1)\n"
	  "weight\t<0-100> (default 100)\n<0-255>\tPriority\n<0-100>\tWeight",
	  "A.B.C.D [" G_PW "]", "A.B.C.D [" G_PW "]", 0 },
	{ { "loc-reach-algorithm" }, { "loc-reach-algorithm" }, SC_TOP, cmd_loc_reach,
	  "Locator reachability algorithm", "rloc-probing\tProbe locators with Map-Requests",
	  "rloc-probing", "[rloc-probing]", LC_ROUTERWIDE },
	{ { "xtr-id" }, { "xtr-id" }, SC_TOP, cmd_xtr_id,
	  "xTR-ID sent in Map-Registers with the I bit (RFC 9301 5.6)",
	  "auto\tA random 128-bit xTR-ID, kept in the configuration\nHEX\t32 hex digits (128 bits)",
	  "{auto | HEX}", "[auto | HEX]", LC_ROUTERWIDE },
	{ { "site-id" }, { "site-id" }, SC_TOP, cmd_site_id,
	  "Site-ID sent with the xTR-ID in Map-Registers",
	  "ID\t64-bit Site-ID (decimal or 0x hex; default 0)", "ID", "[ID]", LC_ROUTERWIDE },
};

static struct cli_command *path(struct cli_def *cli, struct cli_command *parent, const char *const *w,
				int mode, shell_fn fn, const char *help, const char *args, const char *syn)
{
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *c = parent;
	int n = 0;

	while (n < 3 && w[n])
		n++;
	for (int i = 0; i < n - 1; i++)
		c = shell_node(cli, c, w[i], P, mode, !strcmp(w[i], "ipv4") ? "IPv4 LISP settings" :
			       !strcmp(w[i], "ipv6") ? "IPv6 LISP settings" :
			       !strcmp(w[i], "proxy-etr") ? "Configure as a Proxy-ETR (PETR)" :
			       !strcmp(w[i], "locator") ? "Locator settings" :
			       !strcmp(w[i], "map-request") ? "Map-Request budget" : "ITR/ETR settings");
	/* A word can be a command and a parent ('ip lisp itr' and 'ip lisp
	 * itr map-resolver'): find it first. */
	for (struct cli_command *x = c ? c->children : cli->commands; x; x = x->next)
		if (x->mode == mode && !strcmp(x->command, w[n - 1]))
			return x;
	c = shell_cmd(cli, c, w[n - 1], fn, P, mode, help);
	if (args)
		shell_arghelp(cli, c, args);
	if (syn)
		shell_syntax(cli, c, syn);
	return c;
}

/* A command in one mode with its 'no' and 'default' forms; syn and nosyn
 * their grammars. */
static void reg3(struct cli_def *cli, int mode, const char *const *w, shell_fn fn, const char *help,
		 const char *args, const char *syn, const char *nosyn)
{
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *no, *def;

	no = shell_node(cli, NULL, "no", P, mode, "Negate a command or set its defaults");
	def = shell_node(cli, NULL, "default", P, mode, "Set a command to its defaults");
	path(cli, NULL, w, mode, fn, help, args, syn);
	path(cli, no, w, mode, fn, help, args, nosyn);
	path(cli, def, w, mode, fn, help, args, nosyn);
}

static void reg1(struct cli_def *cli, int mode, const char *word, shell_fn fn, const char *help,
		 const char *args, const char *syn, const char *nosyn)
{
	const char *w[3] = { word, NULL, NULL };

	reg3(cli, mode, w, fn, help, args, syn, nosyn);
}

/* 'no site NAME' / 'default site NAME' under parent c. */
static void site_no(struct cli_def *cli, struct cli_command *c, int mode)
{
	c = shell_cmd(cli, c, "site", cmd_no_site, SHELL_PRIV_ENABLE, mode, "Configure a LISP site on the Map-Server");
	shell_arghelp(cli, c, "WORD\tSite name");
	shell_syntax(cli, c, "WORD");
}

/*
 * A grammar and its argument help for EIDs of the families eaf: the EID
 * prefix token A.B.C.D/nn becomes X:X:X:X::X/nn (IPv6) or either, an
 * address token (a locator, a Map-Server or Map-Resolver) either family,
 * as IOS takes them.  Into out (size n); "" when there is none.
 */
static const char *syn_af(const char *in, unsigned eaf, char *out, size_t n)
{
	static const char pfx4[] = "A.B.C.D/nn", a4[] = "A.B.C.D";
	size_t o = 0;

	out[0] = '\0';
	if (!in)
		return NULL;
	while (*in && o + 1 < n) {
		const char *rep = NULL;
		size_t skip = 0;

		if (!strncmp(in, pfx4, sizeof(pfx4) - 1)) {
			skip = sizeof(pfx4) - 1;
			rep = eaf == LISP_AF_IPV6 ? "X:X:X:X::X/nn" :
			      eaf == LISP_AF_IPV4 ? pfx4 : "{A.B.C.D/nn | X:X:X:X::X/nn}";
		} else if (!strncmp(in, a4, sizeof(a4) - 1)) {
			skip = sizeof(a4) - 1;
			rep = "{A.B.C.D | X:X:X:X::X}";
		}
		if (rep) {
			o += (size_t)snprintf(out + o, n - o, "%s", rep);
			in += skip;
		} else {
			out[o++] = *in++;
			out[o] = '\0';
		}
	}
	return o < n ? out : NULL;
}

static const char *help_af(const char *in, const char *syn, char *out, size_t n)
{
	if (!in)
		return NULL;
	snprintf(out, n, "%s%s%s", in,
		 strstr(syn, "X:X:X:X::X/nn") ? "\nX:X:X:X::X/nn\tIPv6 EID prefix" : "",
		 strstr(syn, "X:X:X:X::X}") ? "\nX:X:X:X::X\tIPv6 address" : "");
	return out;
}

/* One command of lcmds under parent in mode for EIDs of the families eaf. */
static void path_af(struct cli_def *cli, struct cli_command *parent, const char *const *w, int mode,
		    const struct lcmd *d, bool no, unsigned eaf)
{
	char syn[512], args[1536];
	const char *sp = no ? d->nosyn : d->syn, *ap = d->args;

	if (!(d->flags & LC_RAW) && sp) {
		sp = syn_af(sp, eaf, syn, sizeof(syn));
		ap = help_af(d->args, sp ? sp : "", args, sizeof(args));
	}
	path(cli, parent, w, mode, d->fn, d->help, ap, sp);
}

static void reg3_af(struct cli_def *cli, int mode, const char *const *w, const struct lcmd *d,
		    unsigned eaf)
{
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *no, *def;

	no = shell_node(cli, NULL, "no", P, mode, "Negate a command or set its defaults");
	def = shell_node(cli, NULL, "default", P, mode, "Set a command to its defaults");
	path_af(cli, NULL, w, mode, d, false, eaf);
	path_af(cli, no, w, mode, d, true, eaf);
	path_af(cli, def, w, mode, d, true, eaf);
}

static void lisp_cmds(struct cli_def *cli)
{
	static const int serv_modes[] = { SHELL_LISP_SERV, SHELL_LISP_INST_SERV, SHELL_LISP_SERV6,
					  SHELL_LISP_INST_SERV6 };
	static const int inst_modes[] = { SHELL_ROUTER_LISP, SHELL_LISP_EIDTABLE, SHELL_LISP_INST_SERV,
					  SHELL_LISP_INST_SERV6 };
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *c, *ip, *no, *noip, *def, *defip;

	for (int f = 0; f < 2; f++) {
		const char *ipw = f ? "ipv6" : "ip";
		const char *iph = f ? "IPv6 configuration subcommands" : "Global IP configuration subcommands";
		unsigned eaf = f ? LISP_AF_IPV6 : LISP_AF_IPV4;

		ip = shell_node(cli, NULL, ipw, P, SHELL_CONFIG, iph);
		ip = shell_node(cli, ip, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
		no = shell_node(cli, NULL, "no", P, SHELL_CONFIG, "Negate a command or set its defaults");
		noip = shell_node(cli, no, ipw, P, SHELL_CONFIG, iph);
		noip = shell_node(cli, noip, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
		def = shell_node(cli, NULL, "default", P, SHELL_CONFIG, "Set a command to its defaults");
		defip = shell_node(cli, def, ipw, P, SHELL_CONFIG, iph);
		defip = shell_node(cli, defip, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
		for (size_t i = 0; i < sizeof(lcmds) / sizeof(lcmds[0]); i++) {
			const struct lcmd *d = &lcmds[i];

			if (f && (d->flags & LC_ROUTERWIDE))
				continue;
			path_af(cli, ip, d->words, SHELL_CONFIG, d, false, eaf);
			path_af(cli, noip, d->words, SHELL_CONFIG, d, true, eaf);
			path_af(cli, defip, d->words, SHELL_CONFIG, d, true, eaf);
		}
	}
	for (size_t i = 0; i < sizeof(lcmds) / sizeof(lcmds[0]); i++) {
		const struct lcmd *d = &lcmds[i];

		if (!d->rwords[0])
			continue;
		if (d->scope == SC_INST) {
			for (size_t m = 0; m < sizeof(inst_modes) / sizeof(inst_modes[0]); m++)
				reg3_af(cli, inst_modes[m], d->rwords, d,
					inst_modes[m] == SHELL_LISP_INST_SERV ? LISP_AF_IPV4 :
					inst_modes[m] == SHELL_LISP_INST_SERV6 ? LISP_AF_IPV6 :
					LISP_AF_IPV4 | LISP_AF_IPV6);
			continue;
		}
		reg3_af(cli, SHELL_ROUTER_LISP, d->rwords, d, LISP_AF_IPV4);
		if (d->scope != SC_GLOBAL)
			continue;
		if (!(d->flags & LC_ROUTERWIDE)) {
			/* IOS 15: 'ipv6 itr' ... beside 'ipv4 itr' */
			const char *w6[3] = { "ipv6", d->rwords[1], d->rwords[2] };

			reg3_af(cli, SHELL_ROUTER_LISP, w6, d, LISP_AF_IPV6);
		}
		/* IOS-XE: the same words without 'ipv4', in service ipv4 / ipv6 */
		{
			const char *xw[3] = { d->rwords[1], d->rwords[2], NULL };

			for (size_t m = 0; m < sizeof(serv_modes) / sizeof(serv_modes[0]); m++) {
				bool v6 = serv_modes[m] == SHELL_LISP_SERV6 || serv_modes[m] == SHELL_LISP_INST_SERV6;

				if (v6 && (d->flags & LC_ROUTERWIDE))
					continue;
				reg3_af(cli, serv_modes[m], xw, d, v6 ? LISP_AF_IPV6 : LISP_AF_IPV4);
			}
		}
	}
	for (size_t m = 0; m < sizeof(serv_modes) / sizeof(serv_modes[0]); m++) {
		reg1(cli, serv_modes[m], "encapsulation", cmd_encapsulation, "Data-plane encapsulation",
		     "lisp\tLISP data packets (RFC 9300), the default\nvxlan\tVXLAN (not supported)",
		     "{lisp | vxlan}", "[lisp | vxlan]");
		if (serv_modes[m] == SHELL_LISP_SERV6 || serv_modes[m] == SHELL_LISP_INST_SERV6)
			reg1(cli, serv_modes[m], "exit-service-ipv6", cmd_exit_block, "Exit service ipv6 mode",
			     NULL, G_ROLE);
		else
			reg1(cli, serv_modes[m], "exit-service-ipv4", cmd_exit_block, "Exit service ipv4 mode",
			     NULL, G_ROLE);
	}
	for (int k = 0; k < 2; k++)
		reg1(cli, k ? SHELL_LISP_INST_SERV6 : SHELL_LISP_INST_SERV, "eid-table", cmd_eid_table,
		     "The instance's EID table",
		     "default\tThe default (global) table\nvrf\tA VRF's table\nWORD\tVRF name",
		     "{default | vrf WORD}", "{default | vrf WORD}");

	/* router lisp and its IOS-XE / IOS 15.4 blocks */
	c = shell_node(cli, NULL, "router", P, SHELL_CONFIG, "Enable a routing process");
	shell_syntax(cli, shell_cmd(cli, c, "lisp", cmd_router_lisp, P, SHELL_CONFIG, "Locator/ID Separation Protocol"),
		     "");
	c = shell_node(cli, no, "router", P, SHELL_CONFIG, "Enable a routing process");
	shell_syntax(cli, shell_cmd(cli, c, "lisp", cmd_no_router_lisp, P, SHELL_CONFIG,
				    "Locator/ID Separation Protocol"), "");
	c = shell_node(cli, def, "router", P, SHELL_CONFIG, "Enable a routing process");
	shell_syntax(cli, shell_cmd(cli, c, "lisp", cmd_no_router_lisp, P, SHELL_CONFIG,
				    "Locator/ID Separation Protocol"), "");
	reg1(cli, SHELL_ROUTER_LISP, "exit-router-lisp", cmd_exit_block, "Exit router lisp mode", NULL, G_ROLE);
	reg1(cli, SHELL_ROUTER_LISP, "locator-table", cmd_locator_table, "RLOC routing table",
	     "default\tThe default table\nvrf\tA VRF (not supported)\nWORD\tVRF name",
	     "{default | vrf WORD}", "[default | vrf WORD]");
	reg1(cli, SHELL_ROUTER_LISP, "locator-set", cmd_locator_set, "Configure a locator-set",
	     "WORD\tLocator-set name", "WORD", "WORD");
	{
		const char *w[3] = { "locator", "default-set", NULL };

		reg3(cli, SHELL_ROUTER_LISP, w, cmd_default_set,
		     "Locator-set of database mappings that name none", "WORD\tLocator-set name", "WORD", "[WORD]");
	}
	reg1(cli, SHELL_ROUTER_LISP, "service", cmd_service, "Address-family service settings",
	     "ipv4\tIPv4 EIDs\nipv6\tIPv6 EIDs", "{ipv4 | ipv6}", "{ipv4 | ipv6}");
	reg1(cli, SHELL_ROUTER_LISP, "instance-id", cmd_instance, "Configure an instance",
	     "<0-16777214>\tInstance ID", "<0-16777214>", "<0-16777214>");
	reg1(cli, SHELL_ROUTER_LISP, "eid-table", cmd_eid_table,
	     "An instance's EID table (IOS 15.4 form)",
	     "default\tThe default (global) table\nvrf\tA VRF's table\nWORD\tVRF name\n"
	     "instance-id\tThe instance bound to the table\n<0-16777214>\tInstance ID",
	     "{default | vrf WORD} instance-id <0-16777214>", "{default | vrf WORD} instance-id <0-16777214>");
	reg1(cli, SHELL_ROUTER_LISP, "remote-rloc-probe", cmd_remote_probe,
	     "Probe remote locators", "on-route-change\tWhen the route to them changes",
	     "on-route-change", "[on-route-change]");
	reg1(cli, SHELL_LISP_INST, "service", cmd_service, "Address-family service settings",
	     "ipv4\tIPv4 EIDs\nipv6\tIPv6 EIDs", "{ipv4 | ipv6}", "{ipv4 | ipv6}");
	reg1(cli, SHELL_LISP_INST, "remote-rloc-probe", cmd_remote_probe,
	     "Probe remote locators", "on-route-change\tWhen the route to them changes",
	     "on-route-change", "[on-route-change]");
	reg1(cli, SHELL_LISP_INST, "exit-instance-id", cmd_exit_block, "Exit instance-id mode", NULL, G_ROLE);

	/* locator-set entries */
	reg1(cli, SHELL_LISP_LOCSET, "IPv4-interface", cmd_locset_loc,
	     "Locator: the address of an interface", "IF\tInterface, then priority <0-255> weight <0-100>\n"
	     "priority\t<0-255> (255: not for unicast)\nweight\t<0-100>\n<0-255>\tPriority\n<0-100>\tWeight",
	     "IF " G_PW, "IF [" G_PW "]");
	reg1(cli, SHELL_LISP_LOCSET, "IPv6-interface", cmd_locset_loc,
	     "Locator: the first global IPv6 address of an interface",
	     "IF\tInterface, then priority <0-255> weight <0-100>\n"
	     "priority\t<0-255> (255: not for unicast)\nweight\t<0-100>\n<0-255>\tPriority\n<0-100>\tWeight",
	     "IF " G_PW, "IF [" G_PW "]");
	reg1(cli, SHELL_LISP_LOCSET, "X:X:X:X::X", cmd_locset_loc, "IPv6 locator address",
	     "priority\t<0-255> (255: not for unicast)\nweight\t<0-100>\n<0-255>\tPriority\n<0-100>\tWeight",
	     G_PW, "[" G_PW "]");
	reg1(cli, SHELL_LISP_LOCSET, "A.B.C.D", cmd_locset_loc, "Locator address",
	     "priority\t<0-255> (255: not for unicast)\nweight\t<0-100>\n<0-255>\tPriority\n<0-100>\tWeight",
	     G_PW, "[" G_PW "]");
	reg1(cli, SHELL_LISP_LOCSET, "exit-locator-set", cmd_exit_block, "Exit locator-set mode", NULL, G_ROLE);

	/* sites: 'lisp site NAME' and 'site NAME' */
	c = shell_node(cli, NULL, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "site", cmd_site, P, SHELL_CONFIG, "Configure a LISP site on the Map-Server");
	shell_arghelp(cli, c, "WORD\tSite name");
	shell_syntax(cli, c, "WORD");
	c = shell_node(cli, no, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	site_no(cli, c, SHELL_CONFIG);
	/* 'lisp loc-reach-algorithm' as ios-cli.md's global form, beside 'ip lisp ...' */
	shell_syntax(cli, shell_cmd(cli, c, "loc-reach-algorithm", cmd_loc_reach, P, SHELL_CONFIG,
				    "Locator reachability algorithm"), "[rloc-probing]");
	c = shell_node(cli, def, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	site_no(cli, c, SHELL_CONFIG);
	shell_syntax(cli, shell_cmd(cli, c, "loc-reach-algorithm", cmd_loc_reach, P, SHELL_CONFIG,
				    "Locator reachability algorithm"), "[rloc-probing]");
	c = shell_node(cli, NULL, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "loc-reach-algorithm", cmd_loc_reach, P, SHELL_CONFIG,
		      "Locator reachability algorithm");
	shell_arghelp(cli, c, "rloc-probing\tProbe locators with Map-Requests");
	shell_syntax(cli, c, "rloc-probing");

	c = shell_cmd(cli, NULL, "site", cmd_site, P, SHELL_ROUTER_LISP, "Configure a LISP site on the Map-Server");
	shell_arghelp(cli, c, "WORD\tSite name");
	shell_syntax(cli, c, "WORD");
	c = shell_node(cli, NULL, "no", P, SHELL_ROUTER_LISP, "Negate a command or set its defaults");
	site_no(cli, c, SHELL_ROUTER_LISP);
	c = shell_node(cli, NULL, "default", P, SHELL_ROUTER_LISP, "Set a command to its defaults");
	site_no(cli, c, SHELL_ROUTER_LISP);

	/* interface 'ip lisp source-locator IF' */
	c = shell_node(cli, NULL, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_node(cli, c, "lisp", P, SHELL_CONFIG_IF, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "source-locator", cmd_source_locator, P, SHELL_CONFIG_IF,
		      "Outer source address of packets encapsulated out of this interface");
	shell_arghelp(cli, c, "IF\tInterface whose address is used");
	shell_syntax(cli, c, "IF");
	for (int k = 0; k < 2; k++) {
		c = shell_node(cli, NULL, k ? "default" : "no", P, SHELL_CONFIG_IF,
			       k ? "Set a command to its defaults" : "Negate a command or set its defaults");
		c = shell_node(cli, c, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
		c = shell_node(cli, c, "lisp", P, SHELL_CONFIG_IF, "Locator/ID Separation Protocol");
		c = shell_cmd(cli, c, "source-locator", cmd_source_locator, P, SHELL_CONFIG_IF,
			      "Outer source address of packets encapsulated out of this interface");
		shell_arghelp(cli, c, "IF\tInterface whose address is used");
		shell_syntax(cli, c, "[IF]");
	}

	{
		static const struct {
			const char *word;
			shell_fn fn;
			const char *help, *args, *syn, *nosyn;
		} sc[] = {
			{ "description", cmd_site_description, "Site description", "LINE\tDescription of the site",
			  "LINE", "[LINE]" },
			{ "authentication-key", cmd_site_key, "Key the site's ETRs register with",
			  "key-id\tKey ID the Map-Registers carry, <0-255> (optional, default 0)\n"
			  "<0-255>\tKey ID\n"
			  "0\tSpecifies an UNENCRYPTED key will follow\n6\tSpecifies an ENCRYPTED key will follow "
			  "(kept, not usable)\n7\tSpecifies a HIDDEN key will follow\nLINE\tThe UNENCRYPTED "
			  "(cleartext) key", "[key-id <0-255>] [0 | 6 | 7] LINE",
			  "[key-id <0-255>] [[0 | 6 | 7] LINE]" },
			{ "eid-prefix", cmd_site_eid, "EID prefix the site may register",
			  "instance-id\tEID instance-ID (optional, default 0)\nA.B.C.D/nn\tEID prefix\naccept-more-specifics\t"
			  "Accept registrations of more specific prefixes (optional)\n<0-16777214>\tInstance ID\n"
			  "X:X:X:X::X/nn\tIPv6 EID prefix",
			  "[instance-id <0-16777214>] {A.B.C.D/nn | X:X:X:X::X/nn} [accept-more-specifics]",
			  "[instance-id <0-16777214>] {A.B.C.D/nn | X:X:X:X::X/nn} [accept-more-specifics]" },
			{ "eid-record", cmd_site_eid, "EID prefix the site may register (IOS-XE form)",
			  "instance-id\tEID instance-ID (optional, default 0)\nA.B.C.D/nn\tEID prefix\naccept-more-specifics\t"
			  "Accept registrations of more specific prefixes (optional)\n<0-16777214>\tInstance ID\n"
			  "X:X:X:X::X/nn\tIPv6 EID prefix",
			  "[instance-id <0-16777214>] {A.B.C.D/nn | X:X:X:X::X/nn} [accept-more-specifics]",
			  "[instance-id <0-16777214>] {A.B.C.D/nn | X:X:X:X::X/nn} [accept-more-specifics]" },
			{ "allowed-locator", cmd_site_allowed, "Locator the site's ETRs may register",
			  "A.B.C.D\tLocator address\nX:X:X:X::X\tIPv6 locator address",
			  "{A.B.C.D | X:X:X:X::X}", "{A.B.C.D | X:X:X:X::X}" },
			{ "limit", cmd_site_limit, "Limit what the site may register",
			  "more-specifics\tMore-specific prefixes under accept-more-specifics (default 1000)\n"
			  "<1-1000000>\tMaximum number of more-specific prefixes",
			  "more-specifics <1-1000000>", "more-specifics [<1-1000000>]" },
			{ "exit-site", cmd_exit_block, "Exit site mode", NULL, "", "" },
		};

		for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++)
			reg1(cli, SHELL_LISP_SITE, sc[i].word, sc[i].fn, sc[i].help, sc[i].args, sc[i].syn,
			     sc[i].nosyn);
	}
}

/* 'service password-encryption': every clear key becomes type 7, and
 * stays so when the service is turned off again (IOS). */
struct encrypt_walk {
	struct lisp_ms_cfg ms[LISP_MAX_MAP_SERVERS];
	unsigned n;
};

static int encrypt_ms(const struct lisp_ms_info *m, void *arg)
{
	struct encrypt_walk *w = arg;

	if (w->n < LISP_MAX_MAP_SERVERS)
		w->ms[w->n++] = m->cfg;
	return 0;
}

static int encrypt_site(const struct lisp_site_info *si, void *arg)
{
	char key[LISP_SITE_KEYS][LISP_KEY_MAX], conf[LISP_SITE_KEYS][SECRET_CONF_MAX];
	bool enc[LISP_SITE_KEYS];
	uint8_t id[LISP_SITE_KEYS];
	unsigned k, n = si->n_keys;

	/* copies first: setting a key moves the info's strings */
	for (k = 0; k < n; k++) {
		id[k] = si->keys[k].id;
		enc[k] = secret_key_encrypt(si->keys[k].key, si->keys[k].key_conf, conf[k],
					    sizeof(conf[k]));
		snprintf(key[k], sizeof(key[k]), "%s", si->keys[k].key);
	}
	for (k = 0; k < n; k++)
		if (enc[k])
			lisp_site_key_set(arg, si->name, id[k], key[k], conf[k], NULL, 0);
	return 0;
}

static void lisp_encrypt(struct shell *sh)
{
	struct encrypt_walk *w;

	if (!sh->lisp || !(w = calloc(1, sizeof(*w))))
		return;
	lisp_site_foreach(sh->lisp, encrypt_site, sh->lisp);
	lisp_map_server_foreach(sh->lisp, encrypt_ms, w);
	for (unsigned i = 0; i < w->n; i++) {
		char conf[SECRET_CONF_MAX];

		if (!secret_key_encrypt(w->ms[i].key, w->ms[i].key_conf, conf, sizeof(conf)))
			continue;
		snprintf(w->ms[i].key_conf, sizeof(w->ms[i].key_conf), "%s", conf);
		lisp_map_server_add(sh->lisp, &w->ms[i], NULL, 0);
	}
	free(w);
}

/* 'default interface IF', 'no interface IF': its source-locator goes. */
static void lisp_default_if(struct shell *sh, const char *ifname)
{
	char err[ERRLEN];

	if (sh->lisp)
		lisp_set_source_locator(sh->lisp, ifname, NULL, err, sizeof(err));
}

const struct shell_feature shell_feature_lisp = {
	.name = "lisp",
	.cmds = lisp_cmds,
	.write = lisp_write,
	.write_if = lisp_write_if,
	.encrypt = lisp_encrypt,
	.default_if = lisp_default_if,
};
