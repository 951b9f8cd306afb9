/*
 * DOC: the LISP configuration commands, in both IOS styles
 *
 * The classic global form ('ip lisp itr-etr', 'ip lisp database-mapping
 * ...', 'lisp site NAME') and the 'router lisp' form ('ipv4 itr',
 * 'database-mapping ...', 'site NAME') set the same values in the one
 * configuration model, the router's LISP engine (src/lisp/lisp.h); every
 * handler serves both forms and its 'no' form.  The running-config is
 * printed in the classic form only, in a fixed order, non-default values
 * only: ITR and ETR together print as 'ip lisp itr-etr'.  Authentication
 * keys take the '[0|6|7] KEY' forms of cli/secret.h (secret_key_arg()) and
 * print as they are stored: clear as typed, type 7 or 6 as given, type 7
 * under 'service password-encryption'; the show commands never print
 * them.  An interface's 'ip lisp source-locator'
 * prints in an interface block of its own after the LISP lines, so the
 * interface feature need not know about LISP.  'no router lisp' resets
 * all of it.
 *
 * The proxies (issue 6): 'ip lisp proxy-etr' with its access list
 * ('proxy-etr allowed-locator P', 'proxy-etr allowed-eid P': an address
 * is its /32), 'ip lisp proxy-itr A' (an IPv6 second locator is refused:
 * IPv4 EIDs only), 'ip lisp use-petr A [priority p weight w]' (printed
 * without the defaults 1/100), and locator reachability by RLOC probing,
 * accepted as 'ip lisp loc-reach-algorithm rloc-probing', 'lisp
 * loc-reach-algorithm ...' and 'loc-reach-algorithm ...' in router lisp,
 * printed in the first form.  The engine has no SMR settings, so IOS's
 * 'ipv4 solicit-map-request' is not offered.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "iface.h"
#include "lisp.h"
#include "secret.h"
#include "shell.h"

#define ERRLEN 256

static bool is_no(const char *cmd)
{
	return !strncmp(cmd, "no ", 3);
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

static int arg_prefix(struct cli_def *cli, char **argv, int argc, int i, struct prefix *p)
{
	char err[ERRLEN];

	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (prefix_parse(argv[i], p, err, sizeof(err)) == -1 || !addr_is_v4(&p->addr) ||
	    !strchr(argv[i], '/')) {
		shell_err_invalid(cli, i);
		return -1;
	}
	return 0;
}

static int arg_addr(struct cli_def *cli, char **argv, int argc, int i, struct addr *a)
{
	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (addr_parse(argv[i], a, NULL, 0) == -1 || !addr_is_v4(a)) {
		shell_err_invalid(cli, i);
		return -1;
	}
	return 0;
}

/*
 * A locator and its 'priority p weight w' from argv[i]: an address, an
 * interface name (classic form) or 'ipv4-interface IF' ('router lisp'
 * form).  Returns the index past it, -1 after printing an error.
 */
static int arg_locator(struct cli_def *cli, char **argv, int argc, int i, bool ifname_ok,
		       struct lisp_loc_cfg *loc)
{
	struct shell_sess *s = shell_sess_of(cli);
	long v;

	memset(loc, 0, sizeof(*loc));
	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (addr_parse(argv[i], &loc->addr, NULL, 0) == 0) {
		if (!addr_is_v4(&loc->addr)) {
			shell_err_invalid(cli, i);
			return -1;
		}
		i++;
	} else if (ifname_ok) {
		if (kw(argv[i], "ipv4-interface") && strlen(argv[i]) > 1)
			i++;
		if (i >= argc) {
			shell_err_incomplete(cli);
			return -1;
		}
		if (!shell_ifname(s->sh->router, &argv[i], 1, loc->ifname, sizeof(loc->ifname)) ||
		    !iface_find(s->sh->router, loc->ifname)) {
			shell_err_invalid(cli, i);
			return -1;
		}
		i++;
	} else {
		shell_err_invalid(cli, i);
		return -1;
	}
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

/* ------------------------------------------------------------ roles */

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
	return engine_err(cli, lisp_set_role(l, role, !is_no(cmd), err, sizeof(err)), err);
}

/* ------------------------------------------------------------ database */

static int cmd_database(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp_loc_cfg loc;
	struct prefix p;
	struct lisp *l;
	char err[ERRLEN] = "";
	int i;

	if (arg_prefix(cli, argv, argc, 0, &p) == -1)
		return CLI_ERROR;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd) && argc == 1)
		return engine_err(cli, lisp_db_del(l, &p, NULL, err, sizeof(err)), err);
	if ((i = arg_locator(cli, argv, argc, 1, true, &loc)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (is_no(cmd))
		return engine_err(cli, lisp_db_del(l, &p, &loc, err, sizeof(err)), err);
	return engine_err(cli, lisp_db_add(l, &p, &loc, err, sizeof(err)), err);
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
	struct prefix p;
	struct lisp *l;
	char err[ERRLEN] = "";
	int i;

	if (arg_prefix(cli, argv, argc, 0, &p) == -1)
		return CLI_ERROR;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
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
		return engine_err(cli, lisp_map_cache_static_add(l, &p, acts[a].action, NULL, err,
								 sizeof(err)), err);
	}
	if ((i = arg_locator(cli, argv, argc, 1, false, &loc)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (is_no(cmd))
		return static_del_loc(cli, l, &p, &loc);
	return engine_err(cli, lisp_map_cache_static_add(l, &p, LISP_ACT_NO_ACTION, &loc, err,
							 sizeof(err)), err);
}

static int cmd_map_cache_limit(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";
	long n = -1;

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
	return engine_err(cli, lisp_set_map_cache_limit(l, n, err, sizeof(err)), err);
}

static int cmd_map_request_source(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	struct addr a;
	char err[ERRLEN] = "";

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if ((!is_no(cmd) || argc == 1) && arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	return engine_err(cli, lisp_set_map_request_source(l, is_no(cmd) ? NULL : &a, err,
							   sizeof(err)), err);
}

/* ------------------------------------------------------------ ITR, ETR */

static int cmd_map_resolver(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	struct addr a;
	char err[ERRLEN] = "";

	if (arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_map_resolver_del(l, &a, err, sizeof(err)), err);
	return engine_err(cli, lisp_map_resolver_add(l, &a, err, sizeof(err)), err);
}

/* 'A key [0|6|7] K [proxy-reply] [hash-function sha1|sha2]'. */
static int cmd_map_server(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct secret_key key;
	struct lisp_ms_cfg c;
	struct lisp *l;
	char err[ERRLEN] = "";
	int i;

	memset(&c, 0, sizeof(c));
	c.alg = LISP_AUTH_HMAC_SHA1;
	if (arg_addr(cli, argv, argc, 0, &c.addr) == -1)
		return CLI_ERROR;
	if (is_no(cmd) && argc == 1) {
		if (!(l = shell_lisp(cli)))
			return CLI_ERROR;
		return engine_err(cli, lisp_map_server_del(l, &c.addr, err, sizeof(err)), err);
	}
	if (argc < 2 || argc < 3)
		return argc < 2 || kw(argv[1], "key") ? shell_err_incomplete(cli)
						       : shell_err_invalid(cli, 1);
	if (!kw(argv[1], "key"))
		return shell_err_invalid(cli, 1);
	if ((i = secret_key_arg(cli, argv, argc, 2, SECRET_ALLOW_TYPE6, sizeof(c.key), &key)) < 0)
		return CLI_ERROR;
	snprintf(c.key, sizeof(c.key), "%.*s", (int)sizeof(c.key) - 1, key.plain);
	snprintf(c.key_conf, sizeof(c.key_conf), "%s", key.conf);
	for (; i < argc; i++) {
		if (kw(argv[i], "proxy-reply")) {
			c.proxy_reply = true;
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
		return engine_err(cli, lisp_map_server_del(l, &c.addr, err, sizeof(err)), err);
	return engine_err(cli, lisp_map_server_add(l, &c, err, sizeof(err)), err);
}

static int cmd_map_cache_ttl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";
	long m = -1;

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
	return engine_err(cli, lisp_set_etr_map_cache_ttl(l, m, err, sizeof(err)), err);
}

/* interface 'ip lisp source-locator IF' */
static int cmd_source_locator(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	char src[SHELL_NAME_MAX], err[ERRLEN] = "";
	struct lisp *l;

	if (!is_no(cmd) || argc) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (!shell_ifname(s->sh->router, argv, 1, src, sizeof(src)) ||
		    !iface_find(s->sh->router, src))
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

/* 'proxy-itr A [A6]': IOS takes an IPv6 locator for IPv6 EIDs too; the
 * engine has IPv4 EIDs only, so a second address is refused, not dropped. */
static int cmd_proxy_itr(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	struct addr a, a6;
	char err[ERRLEN] = "";

	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if ((!is_no(cmd) || argc) && arg_addr(cli, argv, argc, 0, &a) == -1)
		return CLI_ERROR;
	if (argc == 2) {
		if (addr_parse(argv[1], &a6, NULL, 0) == -1 || addr_is_v4(&a6))
			return shell_err_invalid(cli, 1);
		if (!is_no(cmd))
			return shell_err(cli, "%% IPv6 proxy-ITR locators are not supported (IPv4 EIDs only)");
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	return engine_err(cli, lisp_set_proxy_itr(l, is_no(cmd) ? NULL : &a, err, sizeof(err)), err);
}

/* 'use-petr A [priority p weight w]' */
static int cmd_use_petr(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	long prio = LISP_PETR_PRIORITY_DEFAULT, weight = LISP_PETR_WEIGHT_DEFAULT;
	struct lisp *l;
	struct addr a;
	char err[ERRLEN] = "";

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
	if (is_no(cmd))
		return engine_err(cli, lisp_use_petr_del(l, &a, err, sizeof(err)), err);
	return engine_err(cli, lisp_use_petr_add(l, &a, (uint8_t)prio, (uint8_t)weight, err,
						 sizeof(err)), err);
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
		p.len = 32;
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_petr_acl_del(l, kind, &p, err, sizeof(err)), err);
	return engine_err(cli, lisp_petr_acl_add(l, kind, &p, err, sizeof(err)), err);
}

/* 'loc-reach-algorithm rloc-probing' (IOS's other algorithms, count-tcp
 * and echo-nonce, are not implemented) */
static int cmd_loc_reach(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;
	char err[ERRLEN] = "";

	if (!is_no(cmd) && argc < 1)
		return shell_err_incomplete(cli);
	if (argc >= 1 && !kw(argv[0], "rloc-probing"))
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	return engine_err(cli, lisp_set_rloc_probing(l, !is_no(cmd), err, sizeof(err)), err);
}

/* ------------------------------------------------------------ router lisp, sites */

static int cmd_router_lisp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!shell_lisp(cli))
		return CLI_ERROR;
	shell_set_mode(cli, SHELL_ROUTER_LISP);
	return CLI_OK;
}

/* What 'no router lisp' removes, collected first: the engine's lists must
 * not change under its foreach functions. */
struct wipe {
	struct prefix *db, *mc;
	size_t ndb, nmc;
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
	bool nomem;
};

static void *grow(void *v, size_t n, size_t size, bool *nomem)
{
	void *nv = realloc(v, (n + 1) * size);

	if (!nv)
		*nomem = true;
	return nv;
}

static int wipe_db(const struct lisp_db_info *d, void *arg)
{
	struct wipe *w = arg;
	struct prefix *n = grow(w->db, w->ndb, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->db = n;
	w->db[w->ndb++] = d->prefix;
	return 0;
}

static int wipe_mc(const struct lisp_static_info *st, void *arg)
{
	struct wipe *w = arg;
	struct prefix *n = grow(w->mc, w->nmc, sizeof(*n), &w->nomem);

	if (!n)
		return -1;
	w->mc = n;
	w->mc[w->nmc++] = st->prefix;
	return 0;
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

/* 'no router lisp': every LISP setting, in either form, back to its
 * default (one model, so the classic lines go too). */
static int cmd_no_router_lisp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct wipe w;
	struct lisp *l;
	char err[ERRLEN];
	size_t i;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	memset(&w, 0, sizeof(w));
	lisp_db_foreach(l, wipe_db, &w);
	lisp_map_cache_static_foreach(l, wipe_mc, &w);
	lisp_map_resolver_foreach(l, wipe_mr, &w);
	lisp_map_server_foreach(l, wipe_ms, &w);
	lisp_use_petr_foreach(l, wipe_petr, &w);
	lisp_petr_acl_foreach(l, wipe_acl, &w);
	if (!w.nomem) {
		lisp_set_role(l, LISP_ROLE_ITR | LISP_ROLE_ETR | LISP_ROLE_MS | LISP_ROLE_MR |
			      LISP_ROLE_PITR | LISP_ROLE_PETR, false, err, sizeof(err));
		for (i = 0; i < w.npetr; i++)
			lisp_use_petr_del(l, &w.petr[i], err, sizeof(err));
		for (i = 0; i < w.nacl; i++)
			lisp_petr_acl_del(l, w.acl[i].kind, &w.acl[i].p, err, sizeof(err));
		lisp_set_rloc_probing(l, false, err, sizeof(err));
		for (i = 0; i < w.ndb; i++)
			lisp_db_del(l, &w.db[i], NULL, err, sizeof(err));
		for (i = 0; i < w.nmc; i++)
			lisp_map_cache_static_del(l, &w.mc[i], err, sizeof(err));
		for (i = 0; i < w.nmr; i++)
			lisp_map_resolver_del(l, &w.mr[i], err, sizeof(err));
		for (i = 0; i < w.nms; i++)
			lisp_map_server_del(l, &w.ms[i], err, sizeof(err));
		lisp_set_map_cache_limit(l, -1, err, sizeof(err));
		lisp_set_etr_map_cache_ttl(l, -1, err, sizeof(err));
		lisp_set_map_request_source(l, NULL, err, sizeof(err));
	}
	lisp_site_foreach(l, wipe_site, &w);
	for (i = 0; !w.nomem && i < w.nnames; i++)
		lisp_site_del(l, w.names[i], err, sizeof(err));
	w.nnames = 0;
	lisp_source_locator_foreach(l, wipe_srcloc, &w);
	for (i = 0; !w.nomem && i < w.nnames; i++)
		lisp_set_source_locator(l, w.names[i], NULL, err, sizeof(err));
	free(w.db);
	free(w.mc);
	free(w.mr);
	free(w.ms);
	free(w.petr);
	free(w.acl);
	free(w.names);
	return w.nomem ? shell_err(cli, "%% Out of memory") : CLI_OK;
}

static int cmd_site(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	char err[ERRLEN] = "";
	struct lisp *l;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (strlen(argv[0]) >= sizeof(s->site) || strlen(argv[0]) >= LISP_NAME_MAX)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (lisp_site_add(l, argv[0], err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
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

/* 'authentication-key [0|6|7] KEY' */
static int cmd_site_key(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct secret_key key;
	char err[ERRLEN] = "";
	const char *name;
	struct lisp *l;
	int i;

	if (!is_no(cmd)) {
		if ((i = secret_key_arg(cli, argv, argc, 0, SECRET_ALLOW_TYPE6, LISP_KEY_MAX, &key)) < 0)
			return CLI_ERROR;
		if (argc > i)
			return shell_err_invalid(cli, i);
	}
	if (!(l = cur_site(cli, &name)))
		return CLI_ERROR;
	if (is_no(cmd))
		return engine_err(cli, lisp_site_set_key(l, name, NULL, err, sizeof(err)), err);
	return engine_err(cli, lisp_site_set_key_conf(l, name, key.plain, key.conf, err, sizeof(err)),
			  err);
}

/* 'eid-prefix P/L [accept-more-specifics]' */
static int cmd_site_eid(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	char err[ERRLEN] = "";
	const char *name;
	struct prefix p;
	struct lisp *l;
	bool more = false;

	if (arg_prefix(cli, argv, argc, 0, &p) == -1)
		return CLI_ERROR;
	if (argc > 1) {
		if (!kw(argv[1], "accept-more-specifics"))
			return shell_err_invalid(cli, 1);
		more = true;
	}
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(l = cur_site(cli, &name)))
		return CLI_ERROR;
	if (is_no(cmd) && !more)
		return engine_err(cli, lisp_site_eid_del(l, name, &p, err, sizeof(err)), err);
	/* 'no eid-prefix P accept-more-specifics' keeps the prefix, exact only. */
	return engine_err(cli, lisp_site_eid_add(l, name, &p, !is_no(cmd) && more, err, sizeof(err)),
			  err);
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

/* ------------------------------------------------------------ running-config */

static void fmt_loc(FILE *f, const struct lisp_loc_cfg *c)
{
	char ab[ADDR_STRLEN];

	fprintf(f, " %s priority %u weight %u",
		c->ifname[0] ? c->ifname : addr_fmt(&c->addr, ab, sizeof(ab)), c->priority, c->weight);
}

static int write_db(const struct lisp_db_info *d, void *arg)
{
	FILE *f = arg;
	char pb[PREFIX_STRLEN];

	for (unsigned i = 0; i < d->n_locs; i++) {
		fprintf(f, "ip lisp database-mapping %s", prefix_fmt(&d->prefix, pb, sizeof(pb)));
		fmt_loc(f, &d->locs[i].cfg);
		fputc('\n', f);
	}
	return 0;
}

static int write_static(const struct lisp_static_info *s, void *arg)
{
	static const char *const act[] = {
		[LISP_ACT_NATIVE_FWD] = "native-forward",
		[LISP_ACT_SEND_MAP_REQ] = "map-request",
		[LISP_ACT_DROP] = "drop",
	};
	FILE *f = arg;
	char pb[PREFIX_STRLEN];

	prefix_fmt(&s->prefix, pb, sizeof(pb));
	if (!s->n_locs && s->action < sizeof(act) / sizeof(act[0]) && act[s->action])
		fprintf(f, "ip lisp map-cache %s %s\n", pb, act[s->action]);
	for (unsigned i = 0; i < s->n_locs; i++) {
		fprintf(f, "ip lisp map-cache %s", pb);
		fmt_loc(f, &s->locs[i]);
		fputc('\n', f);
	}
	return 0;
}

static int write_resolver(const struct addr *a, void *arg)
{
	char ab[ADDR_STRLEN];

	fprintf(arg, "ip lisp itr map-resolver %s\n", addr_fmt(a, ab, sizeof(ab)));
	return 0;
}

static int write_petr(const struct lisp_petr_info *p, void *arg)
{
	char ab[ADDR_STRLEN];

	fprintf(arg, "ip lisp use-petr %s", addr_fmt(&p->addr, ab, sizeof(ab)));
	if (p->priority != LISP_PETR_PRIORITY_DEFAULT || p->weight != LISP_PETR_WEIGHT_DEFAULT)
		fprintf(arg, " priority %u weight %u", p->priority, p->weight);
	fputc('\n', arg);
	return 0;
}

static int write_acl(enum lisp_petr_acl kind, const struct prefix *p, void *arg)
{
	char pb[PREFIX_STRLEN];

	fprintf(arg, "ip lisp proxy-etr %s %s\n",
		kind == LISP_PETR_ACL_EID ? "allowed-eid" : "allowed-locator",
		prefix_fmt(p, pb, sizeof(pb)));
	return 0;
}

static int write_ms(const struct lisp_ms_info *m, void *arg)
{
	FILE *f = arg;
	char ab[ADDR_STRLEN], kb[SECRET_CONF_MAX];

	fprintf(f, "ip lisp etr map-server %s key %s%s%s\n", addr_fmt(&m->cfg.addr, ab, sizeof(ab)),
		secret_key_fmt(m->cfg.key, m->cfg.key_conf, kb, sizeof(kb)),
		m->cfg.proxy_reply ? " proxy-reply" : "",
		m->cfg.alg == LISP_AUTH_HMAC_SHA256 ? " hash-function sha2" : "");
	return 0;
}

struct site_write {
	FILE *f;
	struct lisp *l;
	bool any;
};

static int write_site_eid(const struct lisp_site_eid_info *e, void *arg)
{
	struct site_write *w = arg;
	char pb[PREFIX_STRLEN];

	if (e->configured)
		fprintf(w->f, " eid-prefix %s%s\n", prefix_fmt(&e->prefix, pb, sizeof(pb)),
			e->accept_more_specifics ? " accept-more-specifics" : "");
	return 0;
}

static int write_site(const struct lisp_site_info *s, void *arg)
{
	struct site_write *w = arg;
	char ab[ADDR_STRLEN], kb[SECRET_CONF_MAX];

	if (w->any)
		fputs("!\n", w->f);
	w->any = true;
	fprintf(w->f, "lisp site %s\n", s->name);
	if (s->description[0])
		fprintf(w->f, " description %s\n", s->description);
	if (s->key[0] || s->key_conf[0])
		fprintf(w->f, " authentication-key %s\n",
			secret_key_fmt(s->key, s->key_conf, kb, sizeof(kb)));
	for (unsigned i = 0; i < s->n_allowed; i++)
		fprintf(w->f, " allowed-locator %s\n", addr_fmt(&s->allowed[i], ab, sizeof(ab)));
	lisp_site_eid_foreach(w->l, s->name, write_site_eid, w);
	return 0;
}

static int write_srcloc(const char *ifname, const char *srcif, void *arg)
{
	struct site_write *w = arg;

	if (w->any)
		fputs("!\n", w->f);
	w->any = true;
	fprintf(w->f, "interface %s\n ip lisp source-locator %s\n", ifname, srcif);
	return 0;
}

/* 'default interface IF', 'no interface IF': its source-locator goes. */
static void lisp_default_if(struct shell *sh, const char *ifname)
{
	char err[ERRLEN];

	if (sh->lisp)
		lisp_set_source_locator(sh->lisp, ifname, NULL, err, sizeof(err));
}

static void lisp_write(struct shell *sh, FILE *f)
{
	struct site_write w = { f, sh->lisp, false };
	struct lisp *l = sh->lisp;
	unsigned roles;
	struct addr a;
	char ab[ADDR_STRLEN];
	long before;

	if (!l)
		return;
	roles = lisp_roles(l);
	before = ftell(f);
	if ((roles & (LISP_ROLE_ITR | LISP_ROLE_ETR)) == (LISP_ROLE_ITR | LISP_ROLE_ETR))
		fputs("ip lisp itr-etr\n", f);
	else if (roles & LISP_ROLE_ITR)
		fputs("ip lisp itr\n", f);
	else if (roles & LISP_ROLE_ETR)
		fputs("ip lisp etr\n", f);
	if (roles & LISP_ROLE_MS)
		fputs("ip lisp map-server\n", f);
	if (roles & LISP_ROLE_MR)
		fputs("ip lisp map-resolver\n", f);
	if (roles & LISP_ROLE_PETR)
		fputs("ip lisp proxy-etr\n", f);
	lisp_petr_acl_foreach(l, write_acl, f);
	if (lisp_proxy_itr(l, &a))
		fprintf(f, "ip lisp proxy-itr %s\n", addr_fmt(&a, ab, sizeof(ab)));
	lisp_db_foreach(l, write_db, f);
	lisp_map_cache_static_foreach(l, write_static, f);
	if (lisp_map_cache_limit(l) != LISP_MAP_CACHE_LIMIT_DEFAULT)
		fprintf(f, "ip lisp map-cache-limit %u\n", lisp_map_cache_limit(l));
	lisp_map_resolver_foreach(l, write_resolver, f);
	lisp_use_petr_foreach(l, write_petr, f);
	lisp_map_server_foreach(l, write_ms, f);
	if (lisp_etr_map_cache_ttl(l) != LISP_ETR_TTL_DEFAULT)
		fprintf(f, "ip lisp etr map-cache-ttl %u\n", lisp_etr_map_cache_ttl(l));
	if (lisp_map_request_source(l, &a))
		fprintf(f, "ip lisp map-request-source %s\n", addr_fmt(&a, ab, sizeof(ab)));
	if (lisp_rloc_probing(l))
		fputs("ip lisp loc-reach-algorithm rloc-probing\n", f);
	w.any = ftell(f) > before;
	lisp_site_foreach(l, write_site, &w);
	lisp_source_locator_foreach(l, write_srcloc, &w);
}

/* ------------------------------------------------------------ registration */

/* The same handler under both forms: classic words in config mode, the
 * 'router lisp' words in config-router-lisp, and each 'no'. */
struct lcmd {
	const char *words[3];		/* classic, after 'ip lisp' */
	const char *rwords[3];		/* router lisp form; NULL: none */
	shell_fn fn;
	const char *help;
	const char *args;
};

static const struct lcmd lcmds[] = {
	{ { "itr" }, { "ipv4", "itr" }, cmd_role, "Configure as an Ingress Tunnel Router (ITR)", NULL },
	{ { "etr" }, { "ipv4", "etr" }, cmd_role, "Configure as an Egress Tunnel Router (ETR)", NULL },
	{ { "itr-etr" }, { NULL }, cmd_role, "Configure as both ITR and ETR", NULL },
	{ { "map-server" }, { "ipv4", "map-server" }, cmd_role, "Configure as a Map-Server (MS)", NULL },
	{ { "map-resolver" }, { "ipv4", "map-resolver" }, cmd_role, "Configure as a Map-Resolver (MR)", NULL },
	{ { "itr", "map-resolver" }, { "ipv4", "itr", "map-resolver" }, cmd_map_resolver,
	  "Map-Resolver the ITR sends Map-Requests to", "A.B.C.D\tMap-Resolver address" },
	{ { "etr", "map-server" }, { "ipv4", "etr", "map-server" }, cmd_map_server,
	  "Map-Server the ETR registers with",
	  "A.B.C.D\tMap-Server address\nkey\tAuthentication key: [0|6|7] KEY\n"
	  "proxy-reply\tAsk the Map-Server to answer Map-Requests (optional)\n"
	  "hash-function\tsha1 (default) or sha2 (optional)" },
	{ { "etr", "map-cache-ttl" }, { "ipv4", "etr", "map-cache-ttl" }, cmd_map_cache_ttl,
	  "TTL of the ETR's Map-Replies and registrations", "<60-10080>\tMinutes (default 1440)" },
	{ { "database-mapping" }, { "database-mapping" }, cmd_database, "EID prefix of this site and its locator",
	  "A.B.C.D/nn\tEID prefix\nA.B.C.D\tLocator address\nWORD\tLocator interface (classic form)\n"
	  "ipv4-interface\tLocator interface (router lisp form)\npriority\t<0-255> (255: not for unicast)\n"
	  "weight\t<0-100>" },
	{ { "map-cache" }, { "map-cache" }, cmd_map_cache, "Static map-cache entry",
	  "A.B.C.D/nn\tEID prefix\nA.B.C.D\tLocator address, then priority <0-255> weight <0-100>\n"
	  "drop\tDrop packets to the prefix\nmap-request\tSend a Map-Request for destinations in the prefix\n"
	  "native-forward\tForward natively" },
	{ { "map-cache-limit" }, { "ipv4", "map-cache-limit" }, cmd_map_cache_limit,
	  "Maximum number of map-cache entries", "<0-100000>\tEntries (default 1000)" },
	{ { "map-request-source" }, { "ipv4", "map-request-source" }, cmd_map_request_source,
	  "Source address of Map-Requests", "A.B.C.D\tAddress" },
	{ { "proxy-etr" }, { "ipv4", "proxy-etr" }, cmd_role, "Configure as a Proxy-ETR (PETR)", NULL },
	{ { "proxy-etr", "allowed-locator" }, { "ipv4", "proxy-etr", "allowed-locator" }, cmd_petr_acl,
	  "ITR locators the PETR decapsulates for (any, when the list is empty)",
	  "A.B.C.D/nn\tLocator prefix\nA.B.C.D\tLocator address" },
	{ { "proxy-etr", "allowed-eid" }, { "ipv4", "proxy-etr", "allowed-eid" }, cmd_petr_acl,
	  "Source EIDs the PETR decapsulates for (any, when the list is empty)",
	  "A.B.C.D/nn\tSource EID prefix\nA.B.C.D\tSource EID address" },
	{ { "proxy-itr" }, { "ipv4", "proxy-itr" }, cmd_proxy_itr, "Configure as a Proxy-ITR (PITR)",
	  "A.B.C.D\tLocator: outer source and ITR-RLOC of the PITR\nX:X:X:X::X\tIPv6 locator "
	  "(not supported)" },
	{ { "use-petr" }, { "ipv4", "use-petr" }, cmd_use_petr,
	  "Proxy-ETR for destinations without a native route",
	  "A.B.C.D\tProxy-ETR locator\npriority\t<0-255> (optional, default 1)\n"
	  "weight\t<0-100> (default 100)" },
	{ { "loc-reach-algorithm" }, { "loc-reach-algorithm" }, cmd_loc_reach,
	  "Locator reachability algorithm", "rloc-probing\tProbe locators with Map-Requests" },
};

static struct cli_command *path(struct cli_def *cli, struct cli_command *parent, const char *const *w,
				int mode, shell_fn fn, const char *help, const char *args)
{
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *c = parent;
	int n = 0;

	while (n < 3 && w[n])
		n++;
	for (int i = 0; i < n - 1; i++)
		c = shell_node(cli, c, w[i], P, mode, !strcmp(w[i], "ipv4") ? "IPv4 LISP settings" : "ITR/ETR settings");
	/* A word can be a command and a parent ('ip lisp itr' and 'ip lisp
	 * itr map-resolver'): find it first. */
	for (struct cli_command *x = c ? c->children : cli->commands; x; x = x->next)
		if (x->mode == mode && !strcmp(x->command, w[n - 1]))
			return x;
	c = shell_cmd(cli, c, w[n - 1], fn, P, mode, help);
	if (args)
		shell_arghelp(cli, c, args);
	return c;
}

static void lisp_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *c, *ip, *no, *noip, *rno;

	ip = shell_node(cli, NULL, "ip", P, SHELL_CONFIG, "Global IP configuration subcommands");
	ip = shell_node(cli, ip, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG, "Negate a command or set its defaults");
	noip = shell_node(cli, no, "ip", P, SHELL_CONFIG, "Global IP configuration subcommands");
	noip = shell_node(cli, noip, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	rno = shell_node(cli, NULL, "no", P, SHELL_ROUTER_LISP, "Negate a command or set its defaults");
	for (size_t i = 0; i < sizeof(lcmds) / sizeof(lcmds[0]); i++) {
		const struct lcmd *d = &lcmds[i];

		path(cli, ip, d->words, SHELL_CONFIG, d->fn, d->help, d->args);
		path(cli, noip, d->words, SHELL_CONFIG, d->fn, d->help, d->args);
		if (!d->rwords[0])
			continue;
		path(cli, NULL, d->rwords, SHELL_ROUTER_LISP, d->fn, d->help, d->args);
		path(cli, rno, d->rwords, SHELL_ROUTER_LISP, d->fn, d->help, d->args);
	}

	c = shell_node(cli, NULL, "router", P, SHELL_CONFIG, "Enable a routing process");
	shell_cmd(cli, c, "lisp", cmd_router_lisp, P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_node(cli, no, "router", P, SHELL_CONFIG, "Enable a routing process");
	shell_cmd(cli, c, "lisp", cmd_no_router_lisp, P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_node(cli, NULL, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "site", cmd_site, P, SHELL_CONFIG, "Configure a LISP site on the Map-Server");
	shell_arghelp(cli, c, "WORD\tSite name");
	c = shell_node(cli, no, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	shell_cmd(cli, c, "site", cmd_no_site, P, SHELL_CONFIG, "Configure a LISP site on the Map-Server");
	/* 'lisp loc-reach-algorithm' as ios-cli.md's global form, beside 'ip lisp ...' */
	shell_cmd(cli, c, "loc-reach-algorithm", cmd_loc_reach, P, SHELL_CONFIG, "Locator reachability algorithm");
	c = shell_node(cli, NULL, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "loc-reach-algorithm", cmd_loc_reach, P, SHELL_CONFIG,
		      "Locator reachability algorithm");
	shell_arghelp(cli, c, "rloc-probing\tProbe locators with Map-Requests");

	c = shell_cmd(cli, NULL, "site", cmd_site, P, SHELL_ROUTER_LISP, "Configure a LISP site on the Map-Server");
	shell_arghelp(cli, c, "WORD\tSite name");
	shell_cmd(cli, rno, "site", cmd_no_site, P, SHELL_ROUTER_LISP, "Configure a LISP site on the Map-Server");

	/* interface 'ip lisp source-locator IF' */
	c = shell_node(cli, NULL, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_node(cli, c, "lisp", P, SHELL_CONFIG_IF, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "source-locator", cmd_source_locator, P, SHELL_CONFIG_IF,
		      "Outer source address of packets encapsulated out of this interface");
	shell_arghelp(cli, c, "WORD\tInterface whose address is used");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG_IF, "Negate a command or set its defaults");
	c = shell_node(cli, no, "ip", P, SHELL_CONFIG_IF, "Interface Internet Protocol config commands");
	c = shell_node(cli, c, "lisp", P, SHELL_CONFIG_IF, "Locator/ID Separation Protocol");
	shell_cmd(cli, c, "source-locator", cmd_source_locator, P, SHELL_CONFIG_IF,
		  "Outer source address of packets encapsulated out of this interface");

	no = shell_node(cli, NULL, "no", P, SHELL_LISP_SITE, "Negate a command or set its defaults");
	{
		static const struct {
			const char *word;
			shell_fn fn;
			const char *help, *args;
		} sc[] = {
			{ "description", cmd_site_description, "Site description", "LINE\tDescription of the site" },
			{ "authentication-key", cmd_site_key, "Key the site's ETRs register with",
			  "0\tSpecifies an UNENCRYPTED key will follow\n6\tSpecifies an ENCRYPTED key will follow "
			  "(kept, not usable)\n7\tSpecifies a HIDDEN key will follow\nLINE\tThe UNENCRYPTED "
			  "(cleartext) key" },
			{ "eid-prefix", cmd_site_eid, "EID prefix the site may register",
			  "A.B.C.D/nn\tEID prefix\naccept-more-specifics\tAccept registrations of "
			  "more specific prefixes (optional)" },
			{ "allowed-locator", cmd_site_allowed, "Locator the site's ETRs may register",
			  "A.B.C.D\tLocator address" },
		};

		for (size_t i = 0; i < sizeof(sc) / sizeof(sc[0]); i++) {
			c = shell_cmd(cli, NULL, sc[i].word, sc[i].fn, P, SHELL_LISP_SITE, sc[i].help);
			shell_arghelp(cli, c, sc[i].args);
			shell_cmd(cli, no, sc[i].word, sc[i].fn, P, SHELL_LISP_SITE, sc[i].help);
		}
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
	char key[LISP_KEY_MAX], conf[SECRET_CONF_MAX];

	if (!secret_key_encrypt(si->key, si->key_conf, conf, sizeof(conf)))
		return 0;
	snprintf(key, sizeof(key), "%s", si->key);
	lisp_site_set_key_conf(arg, si->name, key, conf, NULL, 0);
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

const struct shell_feature shell_feature_lisp = {
	.name = "lisp",
	.cmds = lisp_cmds,
	.write = lisp_write,
	.encrypt = lisp_encrypt,
	.default_if = lisp_default_if,
};
