/*
 * DOC: the LISP operational commands: show, clear, lig, and their JSON
 *
 * 'show ip lisp', 'show ip lisp map-cache [A | P | detail]', 'show ip lisp
 * database', 'show lisp site [instance-id N] [name N | A | P] [detail]'
 * (the Inst ID column once the Map-Server holds another instance than 0),
 * 'show ip lisp
 * statistics', 'clear ip lisp map-cache', 'clear ip lisp statistics',
 * 'lig EID [source A]'; IOS-XE's views: 'show lisp session', 'show lisp
 * site summary', 'show lisp service ipv4 [summary]', 'show lisp
 * instance-id N {ipv4 | ipv6} [map-cache | database | server |
 * statistics]' (the classic printers on an instance, struct view; alone,
 * the instance's 'show ip lisp' summary, ip_lisp_view()), 'show
 * ip lisp forwarding eid remote [A | P]', 'clear lisp instance-id N {ipv4
 * | ipv6} map-cache'; IOS 15's 'show ip|ipv6 lisp instance-id N
 * [map-cache | database | statistics]', 'clear ip|ipv6 lisp map-cache
 * [instance-id N]' (one family's entries), 'lig instance-id N ...'; and
 * 'show ip cef [A | P M | P/L] [detail]', the
 * FIB and LISP together (lisp_cef_lookup/foreach: the table in IOS's
 * Prefix / Next Hop / Interface columns, an entry with its flags, the
 * LISP fwd action and counters, and its next hop; LISP0 for what is
 * encapsulated; printed in slices by cef_slices(), which 'show ip route'
 * and 'show ipv6 route' use too).  Layouts follow IOS (columns that widen with the
 * longest locator, Pri/Wgt lined up on its '/', times as 00:19:42, 1d00h, 2w3d,
 * 'never').  Each show command also prints one JSON object when the line
 * ends in '| json' (json.h: stable keys, times in seconds, null for
 * never), built from the same engine data, not from the text.
 * Instances (issue 11): a view shows one instance (the classic commands
 * instance 0, as IOS) and names its EID table ('EID-table vrf NAME (IID
 * N)'); the engine's walks go instance by instance in ID order, so a
 * view's walk starts at its instance (view_start()), filters on addr.iid
 * and stops past it; counts come
 * from the engine's per-instance counters.  'show lisp service ipv4|ipv6
 * summary' lists every instance with its VRF, database size, mappings
 * without a route in the VRF, map-cache size and idle share.  lig waits for its reply
 * with the router lock released, as ping does.  Keys are never shown.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "event.h"
#include "fib.h"
#include "iface.h"
#include "ipv6.h"
#include "lisp.h"
#include "lisp_ddt.h"
#include "router.h"
#include "vrf.h"
#include "json.h"
#include "shell.h"
#include "cmd_lisp.h"

#define NS	1000000000ull
#define LIG_WAIT_MAX_S	60

/* ------------------------------------------------------------ slices */

/*
 * Big tables (the map-cache, the database, the Map-Server's registry) are
 * never walked whole under the router lock: slice_run() copies at most
 * SHOW_SLICE entries, visiting at most SHOW_SLICE_VISITS, with the lock
 * held, releases it, formats the copies, takes the lock again and resumes
 * after the last key visited (lpm_walk_after()).  The engine may change
 * in between: an entry added or removed meanwhile shows or not, as on
 * IOS.  lisp_show_slices counts the slices, for the tests.
 */
#define SHOW_SLICE		256
#define SHOW_SLICE_VISITS	(8 * SHOW_SLICE)

unsigned long lisp_show_slices;

#define LISP_SHOW_IIDS_MAX	4096	/* instances 'instance-id *' shows */

struct slice {
	uint8_t *v;			/* SHOW_SLICE copies of sz bytes */
	size_t sz, n, visited;
	struct prefix last;		/* the last key visited */
	bool stopped;			/* full: more may follow */
	void *arg;			/* the caller's, for the filters */
};

/* A fill callback's end for each entry visited (copied or filtered out):
 * non-zero stops the walk when the slice is full. */
static int slice_next(struct slice *sl, const struct prefix *key)
{
	sl->last = *key;
	if (sl->n == SHOW_SLICE || ++sl->visited == SHOW_SLICE_VISITS)
		sl->stopped = true;
	return sl->stopped;
}

static void *slice_put(struct slice *sl, const void *e)
{
	void *d = sl->v + sl->n++ * sl->sz;

	memcpy(d, e, sl->sz);
	return d;
}

/* A slice's buffer, allocated with the lock let go: after a big output
 * was freed, the first large allocation makes glibc merge every small
 * free chunk (malloc_consolidate, 15-20 ms after 262,144 lines). */
static void *slice_alloc(struct shell_sess *s, size_t len)
{
	void *p;

	shell_unlock(s->sh);
	p = malloc(len);
	shell_lock(s->sh);
	return p;
}

/* fill walks the engine after 'after' (NULL: from the start) into sl; emit
 * gets each copy with the lock released.  -1 when out of memory. */
typedef void (*slice_fill_fn)(struct lisp *l, const struct prefix *after, struct slice *sl);
typedef void (*slice_emit_fn)(void *entry, void *arg);

static int slice_run_from(struct cli_def *cli, size_t sz, slice_fill_fn fill, slice_emit_fn emit,
			  void *arg, const struct prefix *start)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct slice sl;
	struct lisp *l;
	bool first = true;

	memset(&sl, 0, sizeof(sl));
	sl.sz = sz;
	sl.arg = arg;
	if (!(sl.v = slice_alloc(s, SHOW_SLICE * sz)))
		return -1;
	while ((l = s->sh->lisp)) {
		sl.n = sl.visited = 0;
		sl.stopped = false;
		fill(l, first ? start : &sl.last, &sl);
		lisp_show_slices++;
		shell_unlock(s->sh);
		for (size_t i = 0; i < sl.n; i++)
			emit(sl.v + i * sz, arg);
		/* A vty waits here while its client reads; a paged session
		 * keeps holding its lines for --More--. */
		if (!s->holding)
			shell_flush(s);
		shell_lock(s->sh);
		if (!sl.stopped)
			break;
		first = false;
	}
	free(sl.v);
	return 0;
}

static int slice_run(struct cli_def *cli, size_t sz, slice_fill_fn fill, slice_emit_fn emit,
		     void *arg)
{
	return slice_run_from(cli, sz, fill, emit, arg, NULL);
}

/* ------------------------------------------------------------ formats */

/* IOS durations: 00:19:42 under a day, then 1d00h, then 2w3d. */
static const char *fmt_dur(uint64_t ns, char *buf, size_t len)
{
	uint64_t s = ns / NS;

	if (s < 86400)
		snprintf(buf, len, "%02u:%02u:%02u", (unsigned)(s / 3600), (unsigned)(s / 60 % 60),
			 (unsigned)(s % 60));
	else if (s < 7 * 86400)
		snprintf(buf, len, "%ud%02uh", (unsigned)(s / 86400), (unsigned)(s / 3600 % 24));
	else
		snprintf(buf, len, "%uw%ud", (unsigned)(s / (7 * 86400)), (unsigned)(s / 86400 % 7));
	return buf;
}

static const char *fmt_since(uint64_t now, uint64_t t, char *buf, size_t len)
{
	if (!t)
		return snprintf(buf, len, "never"), buf;
	return fmt_dur(now > t ? now - t : 0, buf, len);
}

static const char *fmt_age(uint64_t now, uint64_t t, char *buf, size_t len)
{
	return fmt_dur(now > t ? now - t : 0, buf, len);
}

static const char *fmt_expires(uint64_t now, uint64_t t, char *buf, size_t len)
{
	if (!t)
		return snprintf(buf, len, "never"), buf;
	return fmt_dur(t > now ? t - now : 0, buf, len);
}

static const char *action_word(unsigned a)
{
	switch (a) {
	case LISP_ACT_NATIVE_FWD:
		return "forward-native";
	case LISP_ACT_SEND_MAP_REQ:
		return "send-map-request";
	case LISP_ACT_DROP:
	case LISP_ACT_DROP_POLICY:
	case LISP_ACT_DROP_AUTH:
		return "drop";
	default:
		return "no-action";
	}
}

static const char *loc_state(enum lisp_loc_state s)
{
	return s == LISP_LOC_UP ? "up" : s == LISP_LOC_DOWN ? "down" : "no-route";
}

static const char *mc_source(const struct lisp_mc_info *e)
{
	return e->source == LISP_MC_MAP_REPLY ? "map-reply" :
	       e->source == LISP_MC_STATIC_SMR ? "static-send-map-request" : "static";
}

static uint64_t now_of(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);

	return s->sh->router ? router_now(s->sh->router) : 0;
}

/*
 * One view of an instance's tables: the classic 'show ip lisp ...' ones
 * (instance 0) and IOS-XE's 'show lisp instance-id N ipv4 ...' share
 * their printers; o is where the view's own arguments start in the
 * command's argv (for the '^' of an error), xe picks IOS-XE's headings.
 */
struct view {
	uint32_t iid;
	int o;
	bool xe;
	unsigned af;			/* LISP_AF_IPV4 or _IPV6: the EIDs shown */
};

/* Is p of the view's instance and family? */
static bool view_has(const struct view *v, const struct prefix *p)
{
	return p->addr.iid == v->iid && ((addr_is_v6(&p->addr) ? LISP_AF_IPV6 : LISP_AF_IPV4) & v->af);
}

/*
 * Where a walk of the view's instance starts: after the last key an
 * instance below it can have (IPv6 ff..ff/128 in instance iid - 1), so
 * that the engine's walk, instance by instance in ID order, begins at
 * the view's instance; NULL for instance 0 (the start).
 */
static const struct prefix *view_start(const struct view *v, struct prefix *buf)
{
	if (!v || !v->iid)
		return NULL;
	memset(buf, 0, sizeof(*buf));
	buf->addr.afi = AFI_IPV6;
	buf->addr.iid = v->iid - 1;
	memset(buf->addr.u.b, 0xff, sizeof(buf->addr.u.b));
	buf->len = 128;
	return buf;
}

/* The view's family as the engine counts it. */
static uint16_t view_afi(const struct view *v)
{
	return v->af == LISP_AF_IPV6 ? AFI_IPV6 : AFI_IPV4;
}

static const char *view_ipv(const struct view *v)
{
	return v->af == LISP_AF_IPV6 ? "IPv6" : "IPv4";
}

/* A view's address or prefix argument: of its family. */
static bool view_addr_ok(const struct view *v, const struct addr *a)
{
	return v->af == LISP_AF_IPV6 ? addr_is_v6(a) : addr_is_v4(a);
}

/* 'show ipv6 lisp ...' and the like: the IPv6 view; IPv4 otherwise. */
static unsigned cmd_view_af(const char *cmd)
{
	return strstr(cmd, "ipv6 ") ? LISP_AF_IPV6 : LISP_AF_IPV4;
}

/* The engine, once the view's instance is known to exist. */
static struct lisp *view_lisp(struct cli_def *cli, const struct view *v)
{
	struct lisp_inst_info ii;
	struct lisp *l;

	if (!(l = shell_lisp(cli)))
		return NULL;
	if (lisp_inst_info(l, v->iid, &ii) == -1) {
		shell_err(cli, "%% LISP instance-id %u is not configured.", (unsigned)v->iid);
		return NULL;
	}
	return l;
}

/* ------------------------------------------------------------ show ip lisp */

struct list_fmt {
	struct cli_def *cli;
	struct json *j;
	uint64_t now;
	int n;
	const char *label;
	struct lisp *l;
	unsigned af;			/* the family's entries only; 0: all */
};

/* Is the list entry at a one of family af's (lisp_af_entry_in())? */
static bool listed(struct lisp *l, unsigned af, enum lisp_xe_kind k, const struct addr *a)
{
	return !af || !l || lisp_af_entry_in(l, k, a, af);
}

/* The map-resolvers of one family in the order it asks them, or all of
 * them in the list's order (af 0). */
static int resolvers_each(struct lisp *l, unsigned af, int (*fn)(const struct addr *a, void *arg),
			  void *arg)
{
	if (af == LISP_AF_IPV4 || af == LISP_AF_IPV6)
		return lisp_map_resolver_foreach_af(l, af == LISP_AF_IPV6 ? AFI_IPV6 : AFI_IPV4, fn, arg);
	return lisp_map_resolver_foreach(l, fn, arg);
}

static void row(struct cli_def *cli, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void row(struct cli_def *cli, const char *label, const char *fmt, ...)
{
	char v[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	cli_print(cli, "  %-34s%s", label, v);
}

static int show_resolver(const struct addr *a, void *arg)
{
	struct list_fmt *lf = arg;
	char ab[ADDR_STRLEN];

	if (!listed(lf->l, lf->af, LISP_XK_RESOLVERS, a))
		return 0;
	if (lf->j)
		json_str(lf->j, NULL, addr_fmt(a, ab, sizeof(ab)));
	else
		row(lf->cli, lf->n ? "" : lf->label, "%s", addr_fmt(a, ab, sizeof(ab)));
	lf->n++;
	return 0;
}

/* A map-server entry of family af (0: any): its address is listed in
 * the family, and the entry registers it. */
static bool ms_listed(struct lisp *l, unsigned af, const struct lisp_ms_info *m)
{
	return listed(l, af, LISP_XK_MAP_SERVERS, &m->cfg.addr) && (!af || (m->cfg.af & af));
}

static int show_ms(const struct lisp_ms_info *m, void *arg)
{
	struct list_fmt *lf = arg;
	char ab[ADDR_STRLEN], tb[32];

	if (!ms_listed(lf->l, lf->af, m))
		return 0;
	if (lf->j) {
		json_begin(lf->j, NULL, '{');
		json_addr(lf->j, "address", &m->cfg.addr);
		json_since(lf->j, "last_register_s", lf->now, m->last_register);
		json_uint(lf->j, "registers_sent", m->registers_sent);
		json_bool(lf->j, "proxy_reply", m->cfg.proxy_reply);
		json_str(lf->j, "hash_function", m->cfg.alg == LISP_AUTH_HMAC_SHA256 ? "sha2" : "sha1");
		json_bool(lf->j, "map_notify_verified", m->notify_verified);
		json_str(lf->j, "map_notify", lisp_ms_notify_str(m->notify_state));
		json_str(lf->j, "state", m->up ? "up" : "down");
		json_end(lf->j, '}');
	} else {
		row(lf->cli, lf->n ? "" : lf->label, "%s (%s) %s", addr_fmt(&m->cfg.addr, ab, sizeof(ab)),
		    fmt_since(lf->now, m->last_register, tb, sizeof(tb)), m->up ? "up" : "down");
	}
	lf->n++;
	return 0;
}

static const char *petr_state(enum lisp_loc_state st)
{
	return st == LISP_LOC_UP ? "up" : st == LISP_LOC_DOWN ? "down, unusable" : "no route, unusable";
}

static int show_petr(const struct lisp_petr_info *p, void *arg)
{
	struct list_fmt *lf = arg;
	char ab[ADDR_STRLEN], rtt[48] = "";

	if (!listed(lf->l, lf->af, LISP_XK_USE_PETR, &p->addr) || (lf->af && !(p->af & lf->af)))
		return 0;	/* another family's (its own priority and weight) */
	if (lf->j) {
		json_begin(lf->j, NULL, '{');
		json_addr(lf->j, "address", &p->addr);
		json_uint(lf->j, "priority", p->priority);
		json_uint(lf->j, "weight", p->weight);
		json_str(lf->j, "state", loc_state(p->state));
		json_bool(lf->j, "usable", p->state == LISP_LOC_UP);
		json_uint(lf->j, "packets", p->pkts);
		json_uint(lf->j, "bytes", p->bytes);
		if (p->rtt_ns)
			json_uint(lf->j, "probe_rtt_ms", p->rtt_ns / 1000000);
		else
			json_null(lf->j, "probe_rtt_ms");
		json_end(lf->j, '}');
	} else {
		if (p->rtt_ns)
			snprintf(rtt, sizeof(rtt), ", probe RTT %llu ms",
				 (unsigned long long)(p->rtt_ns / 1000000));
		row(lf->cli, lf->n ? "" : lf->label, "%s (%u/%u, %s%s)", addr_fmt(&p->addr, ab, sizeof(ab)),
		    p->priority, p->weight, petr_state(p->state), rtt);
	}
	lf->n++;
	return 0;
}

struct acl_fmt {
	struct list_fmt lf;
	enum lisp_petr_acl kind;
};

static int show_acl(enum lisp_petr_acl kind, const struct prefix *p, void *arg)
{
	struct acl_fmt *af = arg;
	char pb[PREFIX_STRLEN];

	if (kind != af->kind)
		return 0;
	prefix_fmt(p, pb, sizeof(pb));
	if (af->lf.j)
		json_str(af->lf.j, NULL, pb);
	else
		row(af->lf.cli, af->lf.n ? "" : af->lf.label, "%s", pb);
	af->lf.n++;
	return 0;
}

/* "A" or "A, B": the proxy-ITR's locators. */
static const char *pitr_rlocs(struct lisp *l, const struct addr *a, char *buf, size_t len)
{
	char ab[ADDR_STRLEN], bb[ADDR_STRLEN];
	struct addr b;

	if (lisp_proxy_itr2(l, &b))
		snprintf(buf, len, "%s, %s", addr_fmt(a, ab, sizeof(ab)), addr_fmt(&b, bb, sizeof(bb)));
	else
		snprintf(buf, len, "%s", addr_fmt(a, ab, sizeof(ab)));
	return buf;
}

/* The entries of the family lf->af (0: all). */
static int count_petr_af(const struct lisp_petr_info *p, void *arg)
{
	struct list_fmt *lf = arg;

	if (!lf->af || (p->af & lf->af))
		lf->n++;
	return 0;
}

struct count_dyn {
	uint32_t iid;
	size_t n;
};

static int count_dyn_fn(const struct lisp_mc_info *e, void *arg)
{
	struct count_dyn *c = arg;

	if (e->prefix.addr.iid != c->iid)
		return 1;			/* past the instance */
	if (e->source == LISP_MC_MAP_REPLY)
		c->n++;
	return 0;
}

/* An instance's entries learned from Map-Replies (what its limit bounds). */
static size_t inst_dynamic(struct lisp *l, const struct view *v)
{
	struct count_dyn c = { v->iid, 0 };
	struct prefix start;

	lisp_map_cache_foreach_after(l, view_start(v, &start), count_dyn_fn, &c);
	return c.n;
}

/*
 * 'show ip lisp' (instance 0) and 'show ip lisp instance-id N', 'show
 * lisp instance-id N ipv4' (one instance): the roles and mapping-system
 * settings, which every instance shares, then the instance's EID table,
 * proxy ETRs (its own use-petr list, or the router's it inherits while
 * it has none), map-cache and database sizes.
 */
/* An xTR-ID as 32 hex digits */
static const char *xtr_hex(const uint8_t id[16], char out[33])
{
	for (int i = 0; i < 16; i++)
		snprintf(out + 2 * i, 3, "%02x", id[i]);
	return out;
}

static int ip_lisp_view(struct cli_def *cli, struct lisp *l, const struct view *v)
{
	static const struct {
		unsigned role;
		const char *label, *key;
	} roles[] = {
		{ LISP_ROLE_ITR, "Ingress Tunnel Router (ITR):", "itr" },
		{ LISP_ROLE_ETR, "Egress Tunnel Router (ETR):", "etr" },
		{ LISP_ROLE_PITR, "Proxy-ITR Router (PITR):", "pitr" },
		{ LISP_ROLE_PETR, "Proxy-ETR Router (PETR):", "petr" },
		{ LISP_ROLE_MS, "Map Server (MS):", "map_server" },
		{ LISP_ROLE_MR, "Map Resolver (MR):", "map_resolver" },
	};
	struct list_fmt lf = { cli, NULL, 0, 0, NULL, NULL, 0 }, pf;
	struct acl_fmt af;
	struct addr src, pitr;
	struct lisp_inst_info ii;
	uint8_t xid[16];
	char xb[33];
	unsigned r, limit;
	size_t neg, n, dyn, db;
	char ab[2 * ADDR_STRLEN + 2], tb[32], table[LISP_NAME_MAX + 8] = "default";
	bool has_src, has_pitr, own_petr;

	lf.now = now_of(cli);
	lf.l = l;
	lf.af = v->af;
	r = lisp_af_roles(l, lf.af);
	has_src = lisp_map_request_source(l, &src) && lisp_af_kind_in(l, LISP_XK_MREQ_SOURCE, lf.af);
	has_pitr = lisp_proxy_itr(l, &pitr) && lisp_af_kind_in(l, LISP_XK_PITR, lf.af);
	/* The instance's entries only: the others have their own views. */
	n = lisp_map_cache_count_inst(l, v->iid, AFI_NONE, &neg);
	dyn = inst_dynamic(l, v);
	db = lisp_db_count_inst(l, v->iid, AFI_NONE);
	limit = lisp_inst_map_cache_limit(l, v->iid, NULL);
	if (lisp_inst_info(l, v->iid, &ii) == 0 && ii.vrf && ii.vrf[0])
		snprintf(table, sizeof(table), "vrf %s", ii.vrf);
	/* An instance other than 0 with its own use-petr entries of the
	 * view's family uses them in place of the router's. */
	own_petr = false;
	pf = lf;
	if (v->iid) {
		pf.l = NULL;		/* its own list: no router-wide record */
		lisp_inst_use_petr_foreach(l, v->iid, count_petr_af, &pf);
		own_petr = pf.n > 0;
		pf.n = 0;
		if (!own_petr)
			pf.l = lf.l;
	}
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		lf.j = pf.j = &j;
		json_begin(&j, NULL, '{');
		json_uint(&j, "instance_id", v->iid);
		json_str(&j, "eid_table", table);
		json_begin(&j, "roles", '{');
		for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++)
			json_bool(&j, roles[i].key, r & roles[i].role);
		json_end(&j, '}');
		if (has_pitr)
			json_addr(&j, "proxy_itr_rloc", &pitr);
		if (has_pitr && lisp_proxy_itr2(l, &pitr))
			json_addr(&j, "proxy_itr_rloc2", &pitr);
		else
			json_null(&j, "proxy_itr_rloc");
		af.lf = lf;
		af.kind = LISP_PETR_ACL_RLOC;
		json_begin(&j, "petr_allowed_locators", '[');
		lisp_petr_acl_foreach(l, show_acl, &af);
		json_end(&j, ']');
		af.kind = LISP_PETR_ACL_EID;
		json_begin(&j, "petr_allowed_eids", '[');
		lisp_petr_acl_foreach(l, show_acl, &af);
		json_end(&j, ']');
		if (has_src)
			json_addr(&j, "map_request_source", &src);
		else
			json_str(&j, "map_request_source", "derived");
		json_begin(&j, "itr_map_resolvers", '[');
		resolvers_each(l, lf.af, show_resolver, &lf);
		json_end(&j, ']');
		json_begin(&j, "itr_use_petr", '[');
		if (own_petr)
			lisp_inst_use_petr_foreach(l, v->iid, show_petr, &pf);
		else
			lisp_use_petr_foreach(l, show_petr, &pf);
		json_end(&j, ']');
		if (v->iid)
			json_str(&j, "itr_use_petr_from", own_petr ? "instance" : "router");
		json_begin(&j, "etr_map_servers", '[');
		lisp_map_server_foreach(l, show_ms, &lf);
		json_end(&j, ']');
		json_uint(&j, "etr_map_cache_ttl_min", lisp_etr_map_cache_ttl(l));
		json_bool(&j, "rloc_probing", lisp_rloc_probing(l));
		if (lisp_xtr_id(l, xid)) {	/* only when configured: the goldens stay */
			json_str(&j, "etr_xtr_id", xtr_hex(xid, xb));
			json_uint(&j, "etr_site_id", lisp_site_id(l));
		}
		json_uint(&j, "map_cache_size", n);
		json_uint(&j, "map_cache_negative", neg);
		json_uint(&j, "map_cache_dynamic", dyn);
		json_uint(&j, "map_cache_limit", limit);
		json_uint(&j, "database_size", db);
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	row(cli, "Instance ID:", "%u", (unsigned)v->iid);
	row(cli, "EID table:", "%s", table);
	for (size_t i = 0; i < sizeof(roles) / sizeof(roles[0]); i++) {
		if (roles[i].role == LISP_ROLE_PITR && has_pitr)
			row(cli, roles[i].label, "enabled RLOCs: %s", pitr_rlocs(l, &pitr, ab, sizeof(ab)));
		else
			row(cli, roles[i].label, "%s", r & roles[i].role ? "enabled" : "disabled");
	}
	af.lf = lf;
	af.lf.label = "PETR allowed ITR locators:";
	af.kind = LISP_PETR_ACL_RLOC;
	lisp_petr_acl_foreach(l, show_acl, &af);
	af.lf.n = 0;
	af.lf.label = "PETR allowed source EIDs:";
	af.kind = LISP_PETR_ACL_EID;
	lisp_petr_acl_foreach(l, show_acl, &af);
	row(cli, "Map-Request source:", "%s",
	    has_src ? addr_fmt(&src, ab, sizeof(ab)) : "derived from EID destination");
	lf.label = "ITR Map-Resolver(s):";
	resolvers_each(l, lf.af, show_resolver, &lf);
	if (!lf.n)
		row(cli, lf.label, "none");
	pf.label = "ITR use proxy ETR RLOC(s):";
	if (own_petr)
		lisp_inst_use_petr_foreach(l, v->iid, show_petr, &pf);
	else
		lisp_use_petr_foreach(l, show_petr, &pf);
	if (!pf.n)
		row(cli, pf.label, "none");
	lf.n = 0;
	lf.label = "ETR Map-Server(s):";
	lisp_map_server_foreach(l, show_ms, &lf);
	if (!lf.n)
		row(cli, lf.label, "none");
	row(cli, "ETR map-cache TTL:", "%s", fmt_dur((uint64_t)lisp_etr_map_cache_ttl(l) * 60 * NS, tb, sizeof(tb)));
	if (lisp_xtr_id(l, xid)) {
		row(cli, "ETR xTR-ID:", "0x%s", xtr_hex(xid, xb));
		if (lisp_site_id(l))
			row(cli, "ETR site-ID:", "%llu", (unsigned long long)lisp_site_id(l));
		else
			row(cli, "ETR site-ID:", "unspecified");
	}
	cli_print(cli, "  Locator Status Algorithms:");
	row(cli, "  RLOC-probe algorithm:", "%s", lisp_rloc_probing(l) ? "enabled" : "disabled");
	/* The limit bounds the entries learned from Map-Replies: the size
	 * beside it counts those, the static ones are shown apart. */
	row(cli, "Map-cache size/limit:", "%zu/%u", dyn, limit);
	row(cli, "Map-cache static entries:", "%zu", n - dyn);
	row(cli, "Database size:", "%zu", db);
	return CLI_OK;
}

static int cmd_show_ip_lisp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct view v = { 0, 0, false, cmd_view_af(cmd) };
	struct lisp *l;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	return ip_lisp_view(cli, l, &v);
}

/* ------------------------------------------------------------ map-cache */

static int loc_width(const struct addr *a, size_t stride, unsigned n)
{
	int w = 7;

	for (unsigned i = 0; i < n; i++) {
		char ab[ADDR_STRLEN];
		const struct addr *x = (const struct addr *)((const char *)a + i * stride);
		int l = (int)strlen(addr_fmt(x, ab, sizeof(ab)));

		if (l > w)
			w = l;
	}
	return w + 2;
}

/* Pri/Wgt as IOS lines it up: on the '/' of the heading, the priority
 * right-aligned before it and the weight left-aligned after it; 'last'
 * (the row's last column) drops the weight's padding. */
static void pri_wgt(char *buf, size_t len, unsigned p, unsigned w, bool last)
{
	snprintf(buf, len, last ? "%3u/%u" : "%3u/%-3u", p, w);
}

static void mc_print(struct cli_def *cli, uint64_t now, const struct lisp_mc_info *e, bool detail)
{
	char pb[PREFIX_STRLEN], ub[32], xb[32], ab[ADDR_STRLEN], pw[16], via[64];
	int w;

	if (e->source == LISP_MC_STATIC_SMR)
		snprintf(via, sizeof(via), "static send map-request");
	else if (e->source == LISP_MC_STATIC)
		snprintf(via, sizeof(via), "static%s%s", e->negative ? ", " : "",
			 e->negative ? action_word(e->action) : "");
	else
		snprintf(via, sizeof(via), "map-reply, %s", e->negative ? action_word(e->action) : "complete");
	cli_print(cli, "%s, uptime: %s, expires: %s, via %s", prefix_fmt(&e->prefix, pb, sizeof(pb)),
		  fmt_age(now, e->created, ub, sizeof(ub)), fmt_expires(now, e->expires, xb, sizeof(xb)), via);
	if (detail) {
		cli_print(cli, "  Sources: %s", e->source == LISP_MC_MAP_REPLY ? "map-reply" :
			  e->source == LISP_MC_STATIC_SMR ? "static send map-request" : "static");
		cli_print(cli, "  State: %s, last modified: %s, map-source: %s",
			  e->negative ? action_word(e->action) : "complete", fmt_age(now, e->created, ub, sizeof(ub)),
			  e->map_source.afi != AFI_NONE ? addr_fmt(&e->map_source, ab, sizeof(ab)) : "local");
		cli_print(cli, "  %s, Packets out: %llu(%llu bytes)",
			  e->last_used && now - e->last_used < 60 * NS ? "Active" : "Idle",
			  (unsigned long long)e->pkts, (unsigned long long)e->bytes);
	}
	if (e->negative) {
		/* IOS says one or the other: what the ITR does with the entry. */
		if (e->via_petr)
			cli_print(cli, "  Encapsulating to proxy ETR");
		else
			cli_print(cli, "  Negative cache entry, action: %s", action_word(e->action));
		return;
	}
	w = loc_width(&e->locs[0].addr, sizeof(e->locs[0]), e->n_locs);
	cli_print(cli, "  %-*s%-10s%-11s%s", w, "Locator", "Uptime", "State", "Pri/Wgt");
	for (unsigned i = 0; i < e->n_locs; i++) {
		const struct lisp_mc_loc_info *lc = &e->locs[i];

		pri_wgt(pw, sizeof(pw), lc->priority, lc->weight, true);
		cli_print(cli, "  %-*s%-10s%-11s%s", w, addr_fmt(&lc->addr, ab, sizeof(ab)),
			  fmt_age(now, lc->uptime, ub, sizeof(ub)), loc_state(lc->state), pw);
		if (!detail)
			continue;
		cli_print(cli, "    Last up-down state change:         %s",
			  fmt_age(now, lc->uptime, ub, sizeof(ub)));
		if (lc->state == LISP_LOC_NO_ROUTE)
			cli_print(cli, "    Unusable: no route to the locator");
		if (lc->last_probe_reply || lc->probe_misses) {
			cli_print(cli, "    RLOC-probing loc-status algorithm:");
			if (lc->last_probe_reply)
				cli_print(cli, "      Last RLOC-probe reply:           %s ago (rtt %llums)",
					  fmt_age(now, lc->last_probe_reply, ub, sizeof(ub)),
					  (unsigned long long)(lc->rtt_ns / 1000000));
			else
				cli_print(cli, "      Last RLOC-probe reply:           never");
			if (lc->probe_misses)
				cli_print(cli, "      Unanswered probes in a row:      %u", lc->probe_misses);
		}
	}
}

static void mc_json(struct json *j, uint64_t now, const struct lisp_mc_info *e)
{
	json_begin(j, NULL, '{');
	json_prefix(j, "eid_prefix", &e->prefix);
	json_uint(j, "uptime_s", (now > e->created ? now - e->created : 0) / NS);
	json_until(j, "expires_s", now, e->expires);
	json_str(j, "source", mc_source(e));
	json_bool(j, "negative", e->negative);
	json_str(j, "action", e->negative ? action_word(e->action) : "encapsulate");
	json_bool(j, "authoritative", e->authoritative);
	json_uint(j, "ttl_min", e->ttl);
	json_addr(j, "map_source", &e->map_source);
	json_uint(j, "packets_out", e->pkts);
	json_uint(j, "bytes_out", e->bytes);
	json_bool(j, "encapsulating_to_petr", e->via_petr);
	json_begin(j, "locators", '[');
	for (unsigned i = 0; i < e->n_locs; i++) {
		json_begin(j, NULL, '{');
		json_addr(j, "address", &e->locs[i].addr);
		json_uint(j, "uptime_s", (now > e->locs[i].uptime ? now - e->locs[i].uptime : 0) / NS);
		json_str(j, "state", loc_state(e->locs[i].state));
		json_uint(j, "priority", e->locs[i].priority);
		json_uint(j, "weight", e->locs[i].weight);
		json_bool(j, "usable", e->locs[i].state == LISP_LOC_UP);
		if (e->locs[i].rtt_ns)
			json_uint(j, "probe_rtt_ms", e->locs[i].rtt_ns / 1000000);
		else
			json_null(j, "probe_rtt_ms");
		json_uint(j, "probe_misses", e->locs[i].probe_misses);
		json_end(j, '}');
	}
	json_end(j, ']');
	json_end(j, '}');
}

struct mc_walk {
	struct cli_def *cli;
	struct json *j;
	uint64_t now;
	bool detail;
	const struct prefix *exact;
	bool found;
	const struct view *v;		/* NULL: every instance and family */
};

static bool mc_shown(const struct mc_walk *w, const struct prefix *p)
{
	return (!w->v || view_has(w->v, p)) && (!w->exact || prefix_eq(w->exact, p));
}

static int mc_fn(const struct lisp_mc_info *e, void *arg)
{
	struct mc_walk *w = arg;

	if (!mc_shown(w, &e->prefix))
		return 0;
	w->found = true;
	if (w->j)
		mc_json(w->j, w->now, e);
	else
		mc_print(w->cli, w->now, e, w->detail);
	return 0;
}

/* The walk is in instance order: past the view's instance, it is done. */
static int slice_past(struct slice *sl, const struct view *v, const struct prefix *p)
{
	if (!v || p->addr.iid <= v->iid)
		return 0;
	sl->stopped = false;
	return 1;
}

static int mc_copy_fn(const struct lisp_mc_info *e, void *arg)
{
	struct slice *sl = arg;
	struct mc_walk *w = sl->arg;

	if (slice_past(sl, w->v, &e->prefix))
		return 1;
	if (mc_shown(w, &e->prefix))
		slice_put(sl, e);
	return slice_next(sl, &e->prefix);
}

static void mc_fill(struct lisp *l, const struct prefix *after, struct slice *sl)
{
	lisp_map_cache_foreach_after(l, after, mc_copy_fn, sl);
}

static void mc_emit(void *e, void *arg)
{
	mc_fn(e, arg);
}

static bool is_word(const char *arg, const char *word)
{
	return strlen(arg) <= strlen(word) && !strncasecmp(arg, word, strlen(arg));
}

/* The instance's EID table: its VRF's name, "default" for the global
 * table (and for an instance that went meanwhile). */
static const char *view_vrf(struct lisp *l, const struct view *v, char *buf, size_t len)
{
	struct lisp_inst_info ii;

	snprintf(buf, len, "%s", l && lisp_inst_info(l, v->iid, &ii) == 0 && ii.vrf && ii.vrf[0] ?
		 ii.vrf : "default");
	return buf;
}

/* The heading's table, as IOS names it ('EID-table vrf blue (IID
 * 102)'): IOS-XE's views name the router-lisp ID too. */
static const char *eid_table_name(struct lisp *l, const struct view *v, char *buf, size_t len)
{
	char vb[LISP_NAME_MAX];

	view_vrf(l, v, vb, sizeof(vb));
	snprintf(buf, len, "%sEID-table %s%s (IID %u)", v->xe ? "LISP 0 " : "",
		 strcmp(vb, "default") ? "vrf " : "", vb, (unsigned)v->iid);
	return buf;
}

/* '[A | P] [detail]' (the classic view takes one of them). */
static int map_cache_view(struct cli_def *cli, char **argv, int argc, const struct view *v)
{
	struct mc_walk w = { cli, NULL, 0, false, NULL, false, v };
	struct lisp_mc_info one;
	struct prefix p, start;
	struct addr a;
	struct lisp *l;
	struct json j;
	size_t n, neg;
	bool lookup = false;
	char tb[LISP_NAME_MAX + 48];
	int i = 0;

	if (argc > i && !is_word(argv[i], "detail")) {
		if (strchr(argv[i], '/') && prefix_parse(argv[i], &p, NULL, 0) == 0 && view_addr_ok(v, &p.addr))
			w.exact = &p;
		else if (addr_parse(argv[i], &a, NULL, 0) == 0 && view_addr_ok(v, &a))
			lookup = true;
		else
			return shell_err_invalid(cli, v->o + i);
		i++;
	}
	if (argc > i && (i == 0 || v->xe) && is_word(argv[i], "detail")) {
		w.detail = true;
		i++;
	}
	if (argc > i)
		return shell_err_invalid(cli, v->o + i);
	if (!(l = view_lisp(cli, v)))
		return CLI_ERROR;
	w.now = now_of(cli);
	n = lisp_map_cache_count_inst(l, v->iid, view_afi(v), &neg);
	if (lookup)
		a.iid = v->iid;
	if (w.exact)
		p.addr.iid = v->iid;
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		json_str(&j, "afi", v->af == LISP_AF_IPV6 ? "ipv6" : "ipv4");
		json_str(&j, "eid_table", view_vrf(l, v, tb, sizeof(tb)));
		json_uint(&j, "instance_id", v->iid);
		json_uint(&j, "entries", n);
		json_uint(&j, "negative_entries", neg);
		json_begin(&j, "map_cache", '[');
		if (lookup) {
			if (lisp_map_cache_lookup(l, &a, &one) == 0)
				mc_json(&j, w.now, &one);
		} else if (slice_run_from(cli, sizeof(struct lisp_mc_info), mc_fill, mc_emit, &w,
					  view_start(v, &start)) == -1) {
			json_discard(&j);
			return shell_err(cli, "%% Out of memory");
		}
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "LISP %s Mapping Cache for %s, %zu entries", view_ipv(v), eid_table_name(l, v, tb, sizeof(tb)), n);
	cli_print(cli, "%s", "");
	if (lookup) {
		char ab[ADDR_STRLEN];

		if (lisp_map_cache_lookup(l, &a, &one) == -1)
			return shell_err(cli, "%% Could not find EID %s in map-cache.", addr_fmt(&a, ab, sizeof(ab)));
		mc_print(cli, w.now, &one, true);
		return CLI_OK;
	}
	w.detail = w.detail || w.exact;
	if (slice_run_from(cli, sizeof(struct lisp_mc_info), mc_fill, mc_emit, &w, view_start(v, &start)) == -1)
		return shell_err(cli, "%% Out of memory");
	if (w.exact && !w.found) {
		char pb[PREFIX_STRLEN];

		return shell_err(cli, "%% Could not find EID prefix %s in map-cache.", prefix_fmt(&p, pb, sizeof(pb)));
	}
	return CLI_OK;
}

static int cmd_show_map_cache(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct view v = { 0, 0, false, cmd_view_af(cmd) };

	return map_cache_view(cli, argv, argc, &v);
}

/* ------------------------------------------------------------ database */

/* Both walks start with their view: db_copy_fn reads it. */
struct db_walk {
	const struct view *v;
	struct cli_def *cli;
	struct json *j;
	const struct prefix *only;		/* '[A | P]': this mapping only */
};

static void db_loc_addr(const struct lisp_db_loc_info *d, char *buf, size_t len)
{
	if (d->addr.afi != AFI_NONE)
		addr_fmt(&d->addr, buf, len);
	else
		snprintf(buf, len, "%s", d->cfg.ifname[0] ? d->cfg.ifname : "-");
}

static const char *db_state(const struct lisp_db_loc_info *d)
{
	if (d->addr.afi == AFI_NONE)
		return "no-address";
	return d->self ? "site-self, reachable" : "site-other, report-reachable";
}

static int db_fn(const struct lisp_db_info *d, void *arg)
{
	struct db_walk *w = arg;
	char pb[PREFIX_STRLEN], ab[ADDR_STRLEN], pw[16];
	int width = 7;

	if (w->v && !view_has(w->v, &d->prefix))
		return 0;
	if (w->only && !prefix_eq(w->only, &d->prefix))
		return 0;
	prefix_fmt(&d->prefix, pb, sizeof(pb));
	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_str(w->j, "eid_prefix", pb);
		json_begin(w->j, "locators", '[');
		for (unsigned i = 0; i < d->n_locs; i++) {
			json_begin(w->j, NULL, '{');
			json_addr(w->j, "address", &d->locs[i].addr);
			if (d->locs[i].cfg.ifname[0])
				json_str(w->j, "interface", d->locs[i].cfg.ifname);
			json_uint(w->j, "priority", d->locs[i].cfg.priority);
			json_uint(w->j, "weight", d->locs[i].cfg.weight);
			json_str(w->j, "source", d->locs[i].cfg.ifname[0] ? "cfg-intf" : "cfg-addr");
			json_bool(w->j, "self", d->locs[i].self);
			json_str(w->j, "state", db_state(&d->locs[i]));
			json_end(w->j, '}');
		}
		json_end(w->j, ']');
		json_end(w->j, '}');
		return 0;
	}
	for (unsigned i = 0; i < d->n_locs; i++) {
		db_loc_addr(&d->locs[i], ab, sizeof(ab));
		if ((int)strlen(ab) > width)
			width = (int)strlen(ab);
	}
	width += 2;
	cli_print(w->cli, "%s", pb);
	cli_print(w->cli, "  %-*s%s  %-11s%s", width, "Locator", "Pri/Wgt", "Source", "State");
	for (unsigned i = 0; i < d->n_locs; i++) {
		db_loc_addr(&d->locs[i], ab, sizeof(ab));
		pri_wgt(pw, sizeof(pw), d->locs[i].cfg.priority, d->locs[i].cfg.weight, false);
		cli_print(w->cli, "  %-*s%s  %-11s%s", width, ab, pw,
			  d->locs[i].cfg.ifname[0] ? "cfg-intf" : "cfg-addr", db_state(&d->locs[i]));
	}
	return 0;
}

/* The most locators of a mapping (the LSBs) and the mappings, of the view's family. */
struct db_lsb {
	const struct view *v;
	unsigned maxloc;
	size_t n;
	const struct prefix *exact;		/* '[P]' asked for */
	const struct addr *addr;		/* '[A]' asked for */
	struct prefix best;			/* the match of either */
	bool found;
};

static int db_lsb_fn(const struct lisp_db_info *d, void *arg)
{
	struct db_lsb *b = arg;

	if (!view_has(b->v, &d->prefix))
		return 0;
	b->n++;
	if (d->n_locs > b->maxloc)
		b->maxloc = d->n_locs;
	if ((b->exact && prefix_eq(b->exact, &d->prefix)) ||
	    (b->addr && prefix_contains(&d->prefix, b->addr) &&
	     (!b->found || d->prefix.len > b->best.len))) {
		b->best = d->prefix;
		b->found = true;
	}
	return 0;
}

static int db_copy_fn(const struct lisp_db_info *d, void *arg)
{
	struct slice *sl = arg;
	const struct view *v = *(const struct view *const *)sl->arg;

	if (slice_past(sl, v, &d->prefix))
		return 1;
	if (view_has(v, &d->prefix))
		slice_put(sl, d);
	return slice_next(sl, &d->prefix);
}

static void db_fill(struct lisp *l, const struct prefix *after, struct slice *sl)
{
	lisp_db_foreach_after(l, after, db_copy_fn, sl);
}

static void db_emit(void *d, void *arg)
{
	db_fn(d, arg);
}

static void db_lsb_emit(void *d, void *arg)
{
	db_lsb_fn(d, arg);
}

/* '[A | P]': the mapping of that prefix, or the one covering that EID. */
static int database_view(struct cli_def *cli, char **argv, int argc, const struct view *v)
{
	struct db_walk w = { v, cli, NULL, NULL };
	struct db_lsb lsb = { .v = v };
	struct prefix start, p;
	struct addr a;
	struct lisp *l;
	struct json j;
	unsigned maxloc;
	char tb[LISP_NAME_MAX + 48];

	if (argc > 1)
		return shell_err_invalid(cli, v->o + 1);
	if (argc == 1) {
		if (strchr(argv[0], '/') && prefix_parse(argv[0], &p, NULL, 0) == 0 && view_addr_ok(v, &p.addr)) {
			p.addr.iid = v->iid;
			lsb.exact = &p;
		} else if (addr_parse(argv[0], &a, NULL, 0) == 0 && view_addr_ok(v, &a)) {
			a.iid = v->iid;
			lsb.addr = &a;
		} else {
			return shell_err_invalid(cli, v->o);
		}
	}
	if (!(l = view_lisp(cli, v)))
		return CLI_ERROR;
	if (slice_run_from(cli, sizeof(struct lisp_db_info), db_fill, db_lsb_emit, &lsb, view_start(v, &start)) == -1)
		return shell_err(cli, "%% Out of memory");
	if (argc == 1) {
		if (!lsb.found && !shell_json(cli))
			return shell_err(cli, "%% Could not find EID %s%s in database.",
					 lsb.exact ? "prefix " : "", argv[0]);
		w.only = &lsb.best;
		if (!lsb.found)
			lsb.best.len = 255;	/* matches nothing: an empty list */
	}
	maxloc = lsb.maxloc;
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		json_str(&j, "afi", v->af == LISP_AF_IPV6 ? "ipv6" : "ipv4");
		json_str(&j, "eid_table", view_vrf(l, v, tb, sizeof(tb)));
		json_uint(&j, "instance_id", v->iid);
		json_uint(&j, "lsbs", (1u << maxloc) - 1);
		json_uint(&j, "entries", lsb.n);
		json_begin(&j, "database", '[');
		if (slice_run_from(cli, sizeof(struct lisp_db_info), db_fill, db_emit, &w, view_start(v, &start)) == -1) {
			json_discard(&j);
			return shell_err(cli, "%% Out of memory");
		}
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "LISP ETR %s Mapping Database for %s, LSBs: 0x%x, %zu entries", view_ipv(v),
		  eid_table_name(l, v, tb, sizeof(tb)), (1u << maxloc) - 1, lsb.n);
	cli_print(cli, "%s", "");
	if (slice_run_from(cli, sizeof(struct lisp_db_info), db_fill, db_emit, &w, view_start(v, &start)) == -1)
		return shell_err(cli, "%% Out of memory");
	return CLI_OK;
}

static int cmd_show_database(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct view v = { 0, 0, false, cmd_view_af(cmd) };

	return database_view(cli, argv, argc, &v);
}

/* ------------------------------------------------------------ sites */

struct site_tops {
	struct conf_eid {
		struct prefix p;
		bool accept_more;
	} *v;
	size_t n, cap;
};

struct site_walk {
	struct cli_def *cli;
	const struct view *v;		/* the families shown; NULL: all */
	struct lisp *l;
	struct json *j;
	uint64_t now;
	const char *name;		/* only this site */
	bool detail;
	bool found;
	int line;			/* prefixes printed for the current site */
	const struct lisp_site_info *site;
	bool one_inst;			/* instance iid only */
	uint32_t iid;
	bool inst_col;			/* the Inst ID column (IOS-XE layout) */
	/* The site's configured prefixes (lisp_site_conf_foreach()),
	 * copied when its turn comes: its prefixes are walked as their
	 * subtrees, not the whole registry per site; the walk's place
	 * (top_i, and the last top walked, which covers the ones it walked
	 * with it). */
	struct site_tops own;
	const struct site_tops *tops;
	size_t top_i;
	bool have_walked;
	struct prefix walked;
};

static int site_row_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct site_walk *w = arg;
	char tb[32], ab[ADDR_STRLEN], pb[PREFIX_STRLEN], ib[16];

	if (w->inst_col) {
		snprintf(ib, sizeof(ib), "%u", (unsigned)e->prefix.addr.iid);
		cli_print(w->cli, "%-14s %-9s %-6s %-20s %-8s %s", w->line++ ? "" : e->site,
			  fmt_since(w->now, e->last_registered, tb, sizeof(tb)),
			  e->registered ? "yes" : "no",
			  e->who.afi != AFI_NONE && e->last_registered ?
			  addr_fmt(&e->who, ab, sizeof(ab)) : "--", ib,
			  prefix_fmt(&e->prefix, pb, sizeof(pb)));
		return 0;
	}
	cli_print(w->cli, "%-14s %-9s %-4s %-20s %s", w->line++ ? "" : e->site,
		  fmt_since(w->now, e->last_registered, tb, sizeof(tb)), e->registered ? "yes" : "no",
		  e->who.afi != AFI_NONE && e->last_registered ? addr_fmt(&e->who, ab, sizeof(ab)) : "--",
		  prefix_fmt(&e->prefix, pb, sizeof(pb)));
	return 0;
}

static void site_eid_detail(struct site_walk *w, const struct lisp_site_eid_info *e)
{
	struct cli_def *cli = w->cli;
	char tb[32], ab[ADDR_STRLEN], pb[PREFIX_STRLEN], pw[16];
	int width;

	if (e->prefix.addr.iid || w->inst_col)
		cli_print(cli, "  EID-prefix: %s instance-id %u", prefix_fmt(&e->prefix, pb, sizeof(pb)),
			  (unsigned)e->prefix.addr.iid);
	else
		cli_print(cli, "  EID-prefix: %s", prefix_fmt(&e->prefix, pb, sizeof(pb)));
	cli_print(cli, "    First registered:     %s", fmt_since(w->now, e->first_registered, tb, sizeof(tb)));
	if (e->configured)
		cli_print(cli, "    Origin:               Configuration%s",
			  e->accept_more_specifics ? ", accepting more specifics" : "");
	else
		cli_print(cli, "    Origin:               Dynamic, more specific of %s",
			  prefix_fmt(&e->parent, pb, sizeof(pb)));
	cli_print(cli, "    Merge active:         %s", e->merged ? "Yes" : "No");
	cli_print(cli, "    Proxy reply:          %s", e->registered && e->proxy_reply ? "Yes" : "No");
	cli_print(cli, "    TTL:                  %s",
		  e->registered ? fmt_dur((uint64_t)e->ttl * 60 * NS, tb, sizeof(tb)) : "--");
	cli_print(cli, "    State:                %s", e->registered ? "complete" : "unknown");
	/* The limit is the site's in each instance, over all its
	 * accept-more-specifics prefixes there. */
	if (w->site && e->configured && e->accept_more_specifics)
		cli_print(cli, "    More-specifics:       %u registered in the instance, limit %u",
			  e->more_in_inst, w->site->more_limit);
	if (w->site) {
		cli_print(cli, "    Registration errors:");
		cli_print(cli, "      Authentication failures:   %llu",
			  (unsigned long long)w->site->auth_failures);
		cli_print(cli, "      Allowed locators mismatch: %llu",
			  (unsigned long long)w->site->locator_mismatches);
		cli_print(cli, "      Replayed Map-Registers:    %llu",
			  (unsigned long long)w->site->replayed);
		if (e->configured && e->accept_more_specifics)
			cli_print(cli, "      More-specifics over limit: %llu",
				  (unsigned long long)w->site->more_refused);
		if (w->site->etrs_refused)
			cli_print(cli, "      ETRs over limit:           %llu",
				  (unsigned long long)w->site->etrs_refused);
	}
	if (!e->last_registered)
		return;
	/* Each ETR's registration (an expired one: the last, no locators). */
	for (unsigned k = 0; k < (e->n_etrs ? e->n_etrs : 1); k++) {
		struct lisp_site_etr_info x;

		if (e->n_etrs) {
			x = e->etrs[k];
		} else {
			memset(&x, 0, sizeof(x));
			x.who = e->who;
			x.last_registered = e->last_registered;
			x.proxy_reply = e->proxy_reply;
			x.want_notify = e->want_notify;
			x.ttl = e->ttl;
			x.nonce = e->nonce;
			x.alg = e->alg;
		}
		addr_fmt(&x.who, ab, sizeof(ab));
		cli_print(cli, "    ETR %s, last registered %s, %s, %s", ab,
			  fmt_since(w->now, x.last_registered, tb, sizeof(tb)),
			  x.proxy_reply ? "proxy-reply" : "no proxy-reply",
			  x.want_notify ? "map-notify" : "no map-notify");
		/* Continuation lines start under 'last registered', after the address. */
		width = (int)strlen("    ETR , ") + (int)strlen(ab);
		cli_print(cli, "%*sTTL %s, hash-function %s, nonce 0x%08X-0x%08X", width, "",
			  fmt_dur((uint64_t)x.ttl * 60 * NS, tb, sizeof(tb)),
			  x.alg == LISP_AUTH_HMAC_SHA256 ? "sha2" : "sha1",
			  (unsigned)(x.nonce >> 32), (unsigned)x.nonce);
		cli_print(cli, "%*sstate %s", width, "", e->n_etrs ? "complete" : "expired");
		if (x.has_xtr_id) {
			uint32_t v[4];

			memcpy(v, x.xtr_id, sizeof(v));
			cli_print(cli, "%*sxTR-ID 0x%08X-0x%08X-0x%08X-0x%08X", width, "",
				  ntohl(v[0]), ntohl(v[1]), ntohl(v[2]), ntohl(v[3]));
			cli_print(cli, "%*ssite-ID 0x%08X-0x%08X", width, "",
				  (unsigned)(x.site_id >> 32), (unsigned)x.site_id);
		}
		width = loc_width(&x.locs[0].addr, sizeof(x.locs[0]), x.n_locs);
		cli_print(cli, "      %-*s%-7s%-11s%s", width, "Locator", "Local", "State", "Pri/Wgt");
		for (unsigned i = 0; i < x.n_locs; i++) {
			pri_wgt(pw, sizeof(pw), x.locs[i].priority, x.locs[i].weight, true);
			cli_print(cli, "      %-*s%-7s%-11s%s", width,
				  addr_fmt(&x.locs[i].addr, ab, sizeof(ab)),
				  x.locs[i].local ? "yes" : "no", x.locs[i].reachable ? "up" : "down", pw);
		}
	}
}

static void site_locs_json(struct json *j, const struct lisp_reg_loc *locs, unsigned n)
{
	json_begin(j, "locators", '[');
	for (unsigned i = 0; i < n; i++) {
		json_begin(j, NULL, '{');
		json_addr(j, "address", &locs[i].addr);
		json_bool(j, "local", locs[i].local);
		json_bool(j, "reachable", locs[i].reachable);
		json_uint(j, "priority", locs[i].priority);
		json_uint(j, "weight", locs[i].weight);
		json_end(j, '}');
	}
	json_end(j, ']');
}

static void site_eid_json(struct site_walk *w, const struct lisp_site_eid_info *e)
{
	struct json *j = w->j;

	json_begin(j, NULL, '{');
	json_prefix(j, "eid_prefix", &e->prefix);
	json_uint(j, "instance_id", e->prefix.addr.iid);
	json_bool(j, "configured", e->configured);
	if (!e->configured)
		json_prefix(j, "more_specific_of", &e->parent);
	json_bool(j, "accept_more_specifics", e->accept_more_specifics);
	json_bool(j, "registered", e->registered);
	json_since(j, "first_registered_s", w->now, e->first_registered);
	json_since(j, "last_registered_s", w->now, e->last_registered);
	if (e->last_registered)
		json_addr(j, "who_last_registered", &e->who);
	else
		json_addr(j, "who_last_registered", &(struct addr){ .afi = AFI_NONE });
	json_bool(j, "proxy_reply", e->proxy_reply);
	json_bool(j, "want_map_notify", e->want_notify);
	json_uint(j, "ttl_min", e->ttl);
	json_str(j, "hash_function", e->alg == LISP_AUTH_HMAC_SHA256 ? "sha2" : "sha1");
	json_bool(j, "merge_active", e->merged);
	site_locs_json(j, e->locs, e->n_locs);
	json_begin(j, "etrs", '[');
	for (unsigned k = 0; k < e->n_etrs; k++) {
		const struct lisp_site_etr_info *x = &e->etrs[k];
		char hb[64];
		uint32_t v[4];

		json_begin(j, NULL, '{');
		json_addr(j, "address", &x->who);
		json_uint(j, "port", x->port);
		json_since(j, "first_registered_s", w->now, x->first_registered);
		json_since(j, "last_registered_s", w->now, x->last_registered);
		json_bool(j, "proxy_reply", x->proxy_reply);
		json_bool(j, "want_map_notify", x->want_notify);
		json_uint(j, "ttl_min", x->ttl);
		json_str(j, "hash_function", x->alg == LISP_AUTH_HMAC_SHA256 ? "sha2" : "sha1");
		if (x->has_xtr_id) {
			memcpy(v, x->xtr_id, sizeof(v));
			snprintf(hb, sizeof(hb), "%08x%08x%08x%08x", ntohl(v[0]), ntohl(v[1]),
				 ntohl(v[2]), ntohl(v[3]));
			json_str(j, "xtr_id", hb);
			json_uint(j, "site_id", x->site_id);
		} else {
			json_null(j, "xtr_id");
			json_null(j, "site_id");
		}
		site_locs_json(j, x->locs, x->n_locs);
		json_end(j, '}');
	}
	json_end(j, ']');
	json_end(j, '}');
}

static int site_eid_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct site_walk *w = arg;

	if (w->j)
		site_eid_json(w, e);
	else if (w->detail)
		site_eid_detail(w, e);
	else
		site_row_fn(e, w);
	return 0;
}

/* A site's prefixes in slices: the registry filtered by site name. */
static int site_eid_copy_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct slice *sl = arg;
	struct site_walk *w = sl->arg;
	struct lisp_site_eid_info *c;

	/* the view's family; the instance is the walk's (w->one_inst) */
	if (!strcmp(e->site, w->site->name) &&
	    (!w->v || ((addr_is_v6(&e->prefix.addr) ? LISP_AF_IPV6 : LISP_AF_IPV4) & w->v->af)) &&
	    (!w->one_inst || e->prefix.addr.iid == w->iid)) {
		c = slice_put(sl, e);
		c->site = NULL;		/* w->site->name when printed */
	}
	return slice_next(sl, &e->prefix);
}

static void site_eid_fill(struct lisp *l, const struct prefix *after, struct slice *sl)
{
	struct site_walk *w = sl->arg;
	const struct site_tops *e = w->tops;

	if (!e) {			/* out of memory: the registry, filtered */
		if (w->one_inst)
			lisp_site_eid_foreach_iid(l, NULL, w->iid, after, site_eid_copy_fn, sl);
		else
			lisp_site_eid_foreach_after(l, NULL, after, site_eid_copy_fn, sl);
		return;
	}
	/* The subtree of each configured prefix of the site, in order; one
	 * inside the last walked came with it.  Resumed in the same top. */
	for (; e && w->top_i < e->n; w->top_i++, after = NULL) {
		const struct prefix *top = &e->v[w->top_i].p;

		if (w->one_inst && top->addr.iid != w->iid)
			continue;
		if (!after && w->have_walked && w->walked.addr.iid == top->addr.iid &&
		    prefix_covers(&w->walked, top))
			continue;
		w->walked = *top;
		w->have_walked = true;
		lisp_site_eid_foreach_under(l, NULL, top, after, site_eid_copy_fn, sl);
		if (sl->stopped)
			return;
	}
}

static void site_head(struct site_walk *w, const struct lisp_site_info *s);

static void site_eid_emit(void *e, void *arg)
{
	struct site_walk *w = arg;
	struct lisp_site_eid_info *c = e;

	c->site = w->site->name;
	/* One instance: a site is shown only with a prefix in it. */
	if (w->one_inst && w->detail && !w->j && !w->line++)
		site_head(w, w->site);
	site_eid_fn(c, w);
}

static void site_eids(struct site_walk *w)
{
	if (slice_run(w->cli, sizeof(struct lisp_site_eid_info), site_eid_fill, site_eid_emit, w) == -1)
		shell_err(w->cli, "%% Out of memory");
}

/* The sites, copied so that they can be printed with the lock released. */
struct site_copy {
	struct lisp_site_info info;
	char name[LISP_NAME_MAX], desc[LISP_DESC_MAX], key[2];
	struct addr allowed[LISP_MAX_LOCATORS * 4];
};

struct site_copies {
	struct site_copy *v;
	size_t n, cap;
	const char *name;		/* only this one */
	bool nomem;
};

/* Sites copied at a time, with the router lock held: 10,000 at once held
 * it 6-8 ms. */
#define SITE_CHUNK	256

static int site_copy_fn(const struct lisp_site_info *s, void *arg)
{
	struct site_copies *sc = arg;
	struct site_copy *c, *nv;

	if (sc->name && strcmp(sc->name, s->name))
		return 0;
	if (sc->n == SITE_CHUNK)
		return 1;		/* the next chunk starts here */
	if (sc->n == sc->cap) {
		sc->cap = sc->cap ? 2 * sc->cap : 8;
		if (!(nv = realloc(sc->v, sc->cap * sizeof(*nv)))) {
			sc->nomem = true;
			return 1;
		}
		sc->v = nv;
	}
	c = &sc->v[sc->n++];
	c->info = *s;
	snprintf(c->name, sizeof(c->name), "%s", s->name);
	snprintf(c->desc, sizeof(c->desc), "%s", s->description);
	snprintf(c->key, sizeof(c->key), "%s", s->key[0] ? "k" : "");
	c->info.n_allowed = s->n_allowed < LISP_MAX_LOCATORS * 4 ? s->n_allowed : LISP_MAX_LOCATORS * 4;
	memcpy(c->allowed, s->allowed, c->info.n_allowed * sizeof(c->allowed[0]));
	return 0;
}

static void site_copies_fix(struct site_copies *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		struct site_copy *c = &sc->v[i];

		c->info.name = c->name;
		c->info.description = c->desc;
		c->info.key = c->key;
		c->info.key_conf = "";
		c->info.allowed = c->allowed;
	}
}

static void site_head(struct site_walk *w, const struct lisp_site_info *s)
{
	struct cli_def *cli = w->cli;
	char ab[ADDR_STRLEN], buf[512];
	size_t o = 0;

	cli_print(cli, "Site name: %s", s->name);
	cli_print(cli, "Description: %s", s->description[0] ? s->description : "none");
	cli_print(cli, "Authentication key: %s", s->key[0] ? "configured" : "none");
	buf[0] = '\0';
	for (unsigned i = 0; i < s->n_allowed && o < sizeof(buf) - ADDR_STRLEN; i++)
		o += snprintf(buf + o, sizeof(buf) - o, "%s%s", i ? ", " : "", addr_fmt(&s->allowed[i], ab, sizeof(ab)));
	cli_print(cli, "Allowed configured locators: %s", s->n_allowed ? buf : "any");
	cli_print(cli, "Disallowed EID-prefix registrations: %llu", (unsigned long long)s->disallowed);
	cli_print(cli, "Allowed EID-prefixes:");
	cli_print(cli, "%s", "");
}

static int top_fn(const struct prefix *p, bool accept_more, void *arg)
{
	struct site_tops *t = arg;

	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 8;
		struct conf_eid *nv = realloc(t->v, cap * sizeof(*nv));

		if (!nv)
			return 1;
		t->v = nv;
		t->cap = cap;
	}
	t->v[t->n].p = *p;
	t->v[t->n++].accept_more = accept_more;
	return 0;
}

/* A copy of the site's configured prefixes (the lock goes between the
 * slices of its rows); NULL when out of memory. */
static const struct site_tops *site_tops(struct site_walk *w, const char *name)
{
	w->own.n = 0;
	return lisp_site_conf_foreach(w->l, name, top_fn, &w->own) ? NULL : &w->own;
}

static int site_fn(const struct lisp_site_info *s, void *arg)
{
	struct site_walk *w = arg;
	char ab[ADDR_STRLEN];

	if (w->name && strcmp(w->name, s->name))
		return 0;
	w->found = true;
	w->site = s;
	w->line = 0;
	w->tops = site_tops(w, s->name);
	w->top_i = 0;
	w->have_walked = false;
	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_str(w->j, "site", s->name);
		json_str(w->j, "description", s->description);
		json_bool(w->j, "key_configured", s->key[0] != '\0');
		json_begin(w->j, "allowed_locators", '[');
		for (unsigned i = 0; i < s->n_allowed; i++)
			json_str(w->j, NULL, addr_fmt(&s->allowed[i], ab, sizeof(ab)));
		json_end(w->j, ']');
		json_uint(w->j, "authentication_failures", s->auth_failures);
		json_uint(w->j, "disallowed_prefixes", s->disallowed);
		json_uint(w->j, "allowed_locator_mismatches", s->locator_mismatches);
		json_uint(w->j, "replayed_map_registers", s->replayed);
		json_uint(w->j, "replay_nonces_forgotten_early", s->replay_evicted);
		json_uint(w->j, "more_specifics_registered", s->n_more);
		json_uint(w->j, "more_specifics_limit", s->more_limit);
		json_uint(w->j, "more_specifics_refused", s->more_refused);
		json_uint(w->j, "etrs_refused", s->etrs_refused);
		json_begin(w->j, "eid_prefixes", '[');
		site_eids(w);
		json_end(w->j, ']');
		json_end(w->j, '}');
	} else if (w->detail && w->one_inst) {
		site_eids(w);		/* the head with the first prefix */
		if (w->line)
			cli_print(w->cli, "%s", "");
	} else if (w->detail) {
		site_head(w, s);
		site_eids(w);
		cli_print(w->cli, "%s", "");
	} else {
		site_eids(w);
		if (!w->line && w->one_inst)
			;
		else if (!w->line && w->inst_col)
			cli_print(w->cli, "%-14s %-9s %-6s %s", s->name, "never", "no", "--");
		else if (!w->line)
			cli_print(w->cli, "%-14s %-9s %-4s %s", s->name, "never", "no", "--");
	}
	w->site = NULL;
	return 0;
}

/* The site record of the site named, for the one-prefix view. */
struct site_pick {
	const char *name;
	struct site_walk *w;
	const struct lisp_site_eid_info *e;
};

/* The sites, SITE_CHUNK at a time copied with the lock held, each chunk
 * after the last one's name (a site deleted meanwhile is skipped); their
 * rows print in slices with the lock let go.  -1: out of memory. */
static int site_chunks(struct lisp *l, struct site_walk *w, struct site_copies *sc)
{
	char after[LISP_NAME_MAX] = "";
	bool started = false;

	do {
		sc->n = 0;
		lisp_site_foreach_after(l, started ? after : NULL, site_copy_fn, sc);
		if (sc->nomem)
			return -1;
		site_copies_fix(sc);
		for (size_t k = 0; k < sc->n; k++)
			site_fn(&sc->v[k].info, w);
		if (sc->n) {
			snprintf(after, sizeof(after), "%s", sc->v[sc->n - 1].name);
			started = true;
		}
	} while (sc->n == SITE_CHUNK);
	return 0;
}

static int site_pick_fn(const struct lisp_site_info *s, void *arg)
{
	struct site_pick *p = arg;

	if (strcmp(s->name, p->name))
		return 0;
	p->w->site = s;
	if (p->w->j) {
		json_begin(p->w->j, NULL, '{');
		json_str(p->w->j, "site", s->name);
		json_uint(p->w->j, "authentication_failures", s->auth_failures);
		json_uint(p->w->j, "allowed_locator_mismatches", s->locator_mismatches);
		json_uint(p->w->j, "replayed_map_registers", s->replayed);
		json_begin(p->w->j, "eid_prefixes", '[');
		site_eid_json(p->w, p->e);
		json_end(p->w->j, ']');
		json_end(p->w->j, '}');
	} else {
		site_head(p->w, s);
		site_eid_detail(p->w, p->e);
	}
	p->w->site = NULL;
	return 1;
}

static int site_summary_view(struct cli_def *cli, const struct view *v, bool one_inst, uint32_t iid);

/* 'instance-id N' at argv[*i] (IOS-XE puts it first or after the EID):
 * 1 taken, 0 none, -1 bad. */
static int site_iid_arg(struct cli_def *cli, char **argv, int argc, int *i, const struct view *v,
			struct site_walk *w)
{
	long iid;

	if (argc <= *i || !is_word(argv[*i], "instance-id") || strlen(argv[*i]) < 2)
		return 0;
	if (w->one_inst)	/* once, and not in 'show lisp instance-id N' */
		return shell_err_invalid(cli, v->o + *i), -1;
	if (argc <= *i + 1)
		return shell_err_incomplete(cli), -1;
	if ((iid = shell_arg_uint(cli, argv, argc, *i + 1, 0, LISP_IID_MAX)) < 0)
		return -1;
	w->one_inst = true;
	w->iid = (uint32_t)iid;
	*i += 2;
	return 1;
}

/*
 * '[instance-id N] [summary | name N | A | P] [instance-id N] [detail]';
 * one_inst: 'show lisp instance-id N ipv4 server', v->iid only.  A
 * Map-Server need not have the instance configured to hold its sites.
 */
static int site_view(struct cli_def *cli, char **argv, int argc, const struct view *v, bool one_inst)
{
	struct site_copies sc = { NULL, 0, 0, NULL, false };
	struct site_walk w;
	struct lisp_site_eid_info e;
	struct prefix p;
	struct addr a;
	struct lisp *l;
	struct json j;
	bool by_addr = false;
	int i = 0, ai = 0, rc;

	memset(&w, 0, sizeof(w));
	w.cli = cli;
	w.v = v;
	w.one_inst = one_inst;
	w.iid = one_inst ? v->iid : 0;
	if (site_iid_arg(cli, argv, argc, &i, v, &w) == -1)
		return CLI_ERROR;
	if (argc > i && is_word(argv[i], "summary") && strlen(argv[i]) >= 2) {
		if (argc > i + 1)
			return shell_err_invalid(cli, v->o + i + 1);
		return site_summary_view(cli, v, w.one_inst, w.iid);
	}
	if (argc > i && is_word(argv[i], "name")) {
		if (++i >= argc)
			return shell_err_incomplete(cli);
		w.name = argv[i++];
		w.detail = true;
	} else if (argc > i && !is_word(argv[i], "detail")) {
		if (strchr(argv[i], '/')) {
			if (prefix_parse(argv[i], &p, NULL, 0) == -1 || !view_addr_ok(v, &p.addr))
				return shell_err_invalid(cli, v->o + i);
			a = p.addr;
		} else if (addr_parse(argv[i], &a, NULL, 0) == -1 || !view_addr_ok(v, &a)) {
			return shell_err_invalid(cli, v->o + i);
		}
		by_addr = true;
		ai = i++;
	}
	if (i > 0 && site_iid_arg(cli, argv, argc, &i, v, &w) == -1)
		return CLI_ERROR;
	if (argc > i) {
		if (!is_word(argv[i], "detail"))
			return shell_err_invalid(cli, v->o + i);
		w.detail = true;
		i++;
	}
	if (argc > i)
		return shell_err_invalid(cli, v->o + i);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	w.l = l;
	w.now = now_of(cli);
	w.inst_col = w.one_inst || lisp_site_inst_count(l) > 0;
	a.iid = p.addr.iid = w.iid;
	if (by_addr) {
		struct site_pick pk;
		char ab[ADDR_STRLEN];

		if (lisp_site_eid_lookup(l, &a, &e) == -1 ||
		    (strchr(argv[ai], '/') && !prefix_covers(&e.prefix, &p)))
			return shell_err(cli, "%% Could not find instance-id %u EID %s in site database.",
					 (unsigned)w.iid, addr_fmt(&a, ab, sizeof(ab)));
		pk.name = e.site;
		pk.w = &w;
		pk.e = &e;
		if (shell_json(cli)) {
			json_open(&j);
			w.j = &j;
			json_begin(&j, NULL, '{');
			json_begin(&j, "sites", '[');
			lisp_site_foreach(l, site_pick_fn, &pk);
			json_end(&j, ']');
			json_end(&j, '}');
			return json_print(cli, &j);
		}
		cli_print(cli, "LISP Site Registration Information");
		cli_print(cli, "%s", "");
		lisp_site_foreach(l, site_pick_fn, &pk);
		return CLI_OK;
	}
	sc.name = w.name;
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		json_begin(&j, "sites", '[');
		rc = site_chunks(l, &w, &sc);
		free(sc.v);
		free(w.own.v);
		json_end(&j, ']');
		json_end(&j, '}');
		if (rc == -1) {
			json_discard(&j);
			return shell_err(cli, "%% Out of memory");
		}
		if (w.name && !w.found) {
			json_discard(&j);
			return shell_err(cli, "%% Could not find site %s in site database.", w.name);
		}
		return json_print(cli, &j);
	}
	if (w.name && !lisp_site_exists(l, w.name))
		return shell_err(cli, "%% Could not find site %s in site database.", w.name);
	cli_print(cli, "LISP Site Registration Information");
	cli_print(cli, "%s", "");
	if (!w.detail && w.inst_col) {
		cli_print(cli, "%-14s %-9s %-6s %-20s %-8s %s", "Site Name", "Last", "Up", "Who Last", "Inst",
			  "EID Prefix");
		cli_print(cli, "%-14s %-9s %-6s %-20s %s", "", "Register", "", "Registered", "ID");
	} else if (!w.detail) {
		cli_print(cli, "%-14s %-9s %-4s %-20s %s", "Site Name", "Last", "Up", "Who Last", "EID Prefix");
		cli_print(cli, "%-14s %-9s %-4s %s", "", "Register", "", "Registered");
	}
	rc = site_chunks(l, &w, &sc);
	free(sc.v);
	free(w.own.v);
	return rc == -1 ? shell_err(cli, "%% Out of memory") : CLI_OK;
}

static int cmd_show_site(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct view v = { 0, 0, false, LISP_AF_IPV4 | LISP_AF_IPV6 };

	return site_view(cli, argv, argc, &v, false);
}

/* ------------------------------------------------------------ statistics */

static void stat2(struct cli_def *cli, struct json *j, const char *label, const char *key, uint64_t in,
		  uint64_t out)
{
	char k[64];

	if (j) {
		snprintf(k, sizeof(k), "%s_in", key);
		json_uint(j, k, in);
		snprintf(k, sizeof(k), "%s_out", key);
		json_uint(j, k, out);
		return;
	}
	cli_print(cli, "  %-44s%llu/%llu", label, (unsigned long long)in, (unsigned long long)out);
}

static void stat1(struct cli_def *cli, struct json *j, const char *label, const char *key, uint64_t v)
{
	if (j)
		json_uint(j, key, v);
	else
		cli_print(cli, "  %-44s%llu", label, (unsigned long long)v);
}

/* A JSON key from a counter's wording. */
static void keyify(const char *text, char *out, size_t len)
{
	size_t o = 0;
	bool us = false;

	for (; *text && o + 1 < len; text++) {
		unsigned char c = (unsigned char)*text;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
			out[o++] = (char)c;
			us = false;
		} else if (c >= 'A' && c <= 'Z') {
			out[o++] = (char)(c - 'A' + 'a');
			us = false;
		} else if (!us && o) {
			out[o++] = '_';
			us = true;
		}
	}
	while (o && out[o - 1] == '_')
		o--;
	out[o] = '\0';
}

static const struct lisp_stats zero_stats;

/* LISP-DDT's messages (lisp_ddt.c's node, lisp_ddt_mr.c's resolver). */
static void ddt_stats_view(struct cli_def *cli, struct json *j, struct lisp *l)
{
	struct lisp_ddt_stats ds;
	struct lisp_ddt_mr_stats ms;
	uint64_t in = 0, out = 0;
	unsigned a;

	lisp_ddt_get_stats(l, &ds);
	lisp_ddt_mr_get_stats(l, &ms);
	for (a = 0; a <= LISP_REF_NOT_AUTHORITATIVE; a++) {
		in += ms.referrals_in[a];
		out += ds.referrals_out[a];
	}
	stat2(cli, j, "Map-Referral messages in/out:", "map_referrals", in, out);
	stat2(cli, j, "  DDT Map-Requests in/out:", "ddt_map_requests", ds.requests_in, ms.requests_out);
}

static int stats_view(struct cli_def *cli, int argc, const struct view *v)
{
	const struct lisp_stats *st;
	struct lisp *l;
	struct json js, *j = NULL;
	size_t n, neg;
	uint64_t drops = 0;
	char label[96], key[96], tb[LISP_NAME_MAX + 48];

	if (argc)
		return shell_err_invalid(cli, v->o);
	if (!(l = view_lisp(cli, v)))
		return CLI_ERROR;
	/* 'show ip lisp statistics': the router's counters; an instance's
	 * view ('show lisp instance-id N ...', 'show ip lisp instance-id N
	 * ...'): its own. */
	st = v->xe || v->iid ? lisp_inst_stats(l, v->iid) : NULL;
	if (!st)
		st = v->xe || v->iid ? &zero_stats : lisp_stats(l);
	n = lisp_map_cache_count_inst(l, v->iid, view_afi(v), &neg);
	if (shell_json(cli)) {
		json_open(&js);
		j = &js;
		json_begin(j, NULL, '{');
		json_str(j, "eid_table", view_vrf(l, v, tb, sizeof(tb)));
		json_uint(j, "instance_id", v->iid);
		json_begin(j, "control", '{');
	} else {
		cli_print(cli, "LISP Statistics for %s", eid_table_name(l, v, tb, sizeof(tb)));
		cli_print(cli, "Control Packets:");
	}
	stat2(cli, j, "Map-Requests in/out:", "map_requests", st->mreq_in, st->mreq_out);
	stat2(cli, j, "  Encapsulated Map-Requests in/out:", "encapsulated_map_requests", st->mreq_in_ecm,
	      st->mreq_out_ecm);
	stat2(cli, j, "  RLOC-probe Map-Requests in/out:", "rloc_probe_map_requests", st->mreq_in_probe,
	      st->probe_out);
	stat2(cli, j, "  RLOC-probe Map-Replies in/out:", "rloc_probe_map_replies", st->probe_reply_in,
	      st->probe_reply_out);
	stat2(cli, j, "  SMR-based Map-Requests in/out:", "smr_map_requests", st->mreq_in_smr, st->smr_out);
	stat1(cli, j, "  SMR-invoked Map-Requests out:", "smr_invoked_map_requests_out", st->smr_invoked_out);
	stat1(cli, j, "  SMRs not sent (over 16 per round):", "smr_overflow", st->smr_overflow);
	stat1(cli, j, "  ITRs forgotten for SMRs (over 64):", "smr_users_evicted", st->smr_users_evicted);
	stat1(cli, j, "  Map-Request retransmissions:", "map_request_retransmissions", st->mreq_out_retransmit);
	stat1(cli, j, "  Map-Requests forwarded to ETRs:", "map_requests_forwarded", st->mreq_forwarded);
	stat1(cli, j, "  Map-Requests unanswered:", "map_requests_failed", st->mreq_failed);
	stat2(cli, j, "Map-Reply records in/out:", "map_reply_records", st->mrep_in, st->mrep_out);
	stat2(cli, j, "  Authoritative records in/out:", "map_reply_authoritative", st->mrep_in_auth, st->mrep_out_auth);
	stat2(cli, j, "  Non-authoritative records in/out:", "map_reply_non_authoritative", st->mrep_in_nonauth,
	      st->mrep_out_nonauth);
	stat2(cli, j, "  Negative records in/out:", "map_reply_negative", st->mrep_in_neg, st->mrep_out_neg);
	stat2(cli, j, "Map-Register messages in/out:", "map_registers", st->reg_in, st->reg_out);
	stat2(cli, j, "  Map-Register records in/out:", "map_register_records", st->reg_in_records,
	      st->reg_out_records);
	stat1(cli, j, "  Map-Register records accepted:", "map_register_records_accepted", st->reg_accepted_records);
	stat1(cli, j, "  Registrations expired:", "registrations_expired", st->reg_expired);
	stat2(cli, j, "Map-Notify messages in/out:", "map_notifies", st->notify_in, st->notify_out);
	stat1(cli, j, "  Map-Notify messages verified:", "map_notifies_verified", st->notify_verified);
	stat1(cli, j, "Map-Notify-Ack messages in:", "map_notify_acks_in", st->notify_ack_in);
	stat1(cli, j, "  Map-Notify-Ack messages verified:", "map_notify_acks_verified",
	      st->notify_ack_verified);
	if (!v->xe && !v->iid) {
		/* the Map-Server's unsolicited Map-Notifies (RFC 9301 5.7):
		 * router-wide, so not in an instance's view */
		unsigned pend;
		uint64_t acked, unans, evicted;

		lisp_ms_notify_counts(l, &pend, &acked, &unans, &evicted);
		stat1(cli, j, "Unsolicited Map-Notifies awaiting Ack:", "ms_notifies_pending", pend);
		stat1(cli, j, "  Acknowledged:", "ms_notifies_acked", acked);
		stat1(cli, j, "  Unanswered (3 sent):", "ms_notifies_unanswered", unans);
		stat1(cli, j, "  Dropped (queue full):", "ms_notifies_dropped", evicted);
	}
	ddt_stats_view(cli, j, l);
	if (j) {
		json_end(j, '}');
		json_begin(j, "errors", '{');
		json_begin(j, "malformed", '{');
	} else {
		cli_print(cli, "Errors:");
		cli_print(cli, "  Malformed messages:");
	}
	for (int e = 0; e < LISP_ERR__COUNT; e++) {
		if (e == LISP_OK)
			continue;
		snprintf(label, sizeof(label), "  %s:", lisp_err_str(e));
		keyify(lisp_err_str(e), key, sizeof(key));
		stat1(cli, j, label, key, st->malformed[e]);
	}
	if (j) {
		json_end(j, '}');
		json_begin(j, "dropped", '{');
	} else {
		cli_print(cli, "  Dropped or ignored:");
	}
	for (int d = 0; d < LISP_DROP__COUNT; d++) {
		snprintf(label, sizeof(label), "  %s:", lisp_drop_name(d));
		keyify(lisp_drop_name(d), key, sizeof(key));
		stat1(cli, j, label, key, st->drops[d]);
		drops += st->drops[d];
	}
	if (j) {
		json_end(j, '}');
		json_uint(j, "authentication_failures", st->drops[LISP_DROP_REG_AUTH] + st->drops[LISP_DROP_NOTIFY_AUTH]);
		json_uint(j, "nonce_mismatches", st->drops[LISP_DROP_NONCE_MISMATCH] + st->drops[LISP_DROP_NOTIFY_NONCE]);
		json_end(j, '}');
		json_begin(j, "cache", '{');
	} else {
		cli_print(cli, "Cache:");
	}
	stat1(cli, j, "Map-cache entries:", "entries", n);
	stat1(cli, j, "  Negative entries:", "negative_entries", neg);
	stat1(cli, j, "  Entries evicted (limit):", "evicted", st->cache_evicted);
	stat1(cli, j, "  Entries expired:", "expired", st->cache_expired);
	stat1(cli, j, "  Entries refreshed:", "refreshed", st->cache_refreshes);
	stat1(cli, j, "Locators gone down (RLOC probes):", "locator_down_events", st->locator_down_events);
	if (j) {
		json_end(j, '}');
		json_begin(j, "forwarding", '{');
		json_uint(j, "encapsulated_packets", st->encap_pkts);
		json_uint(j, "encapsulated_bytes", st->encap_bytes);
		json_uint(j, "decapsulated_packets", st->decap_pkts);
		json_uint(j, "decapsulated_bytes", st->decap_bytes);
		json_uint(j, "petr_encapsulated_packets", st->petr_encap_pkts);
		json_uint(j, "pitr_encapsulated_packets", st->pitr_encap_pkts);
		json_uint(j, "petr_decapsulated_packets", st->petr_decap_pkts);
		json_uint(j, "fragmented_packets", st->fragmented_pkts);
		json_uint(j, "frag_needed_sent", st->frag_needed_sent);
		json_uint(j, "natively_forwarded_packets", st->native_pkts);
		json_uint(j, "data_signals", st->signal_pkts);
		json_uint(j, "dropped", drops);
		json_end(j, '}');
		json_end(j, '}');
		return json_print(cli, &js);
	}
	cli_print(cli, "Forwarding:");
	cli_print(cli, "  %-44s%llu (%llu bytes)", "Packets encapsulated:", (unsigned long long)st->encap_pkts,
		  (unsigned long long)st->encap_bytes);
	stat1(cli, NULL, "  to a proxy ETR (use-petr):", NULL, st->petr_encap_pkts);
	stat1(cli, NULL, "  as proxy ITR:", NULL, st->pitr_encap_pkts);
	cli_print(cli, "  %-44s%llu (%llu bytes)", "Packets decapsulated:", (unsigned long long)st->decap_pkts,
		  (unsigned long long)st->decap_bytes);
	stat1(cli, NULL, "  as proxy ETR (destination not ours):", NULL, st->petr_decap_pkts);
	stat1(cli, NULL, "Packets fragmented before encapsulation:", NULL, st->fragmented_pkts);
	stat1(cli, NULL, "ICMP Fragmentation Needed sent:", NULL, st->frag_needed_sent);
	stat1(cli, NULL, "Packets natively forwarded:", NULL, st->native_pkts);
	stat1(cli, NULL, "Data signals (Map-Request triggers):", NULL, st->signal_pkts);
	stat1(cli, NULL, "Packets and messages dropped (all reasons):", NULL, drops);
	return CLI_OK;
}

static int cmd_show_stats(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct view v = { 0, 0, false, cmd_view_af(cmd) };

	return stats_view(cli, argc, &v);
}

/* ------------------------------------------------------------ show ip cef */

const char *cef_action_word(enum fib_lisp_action a)
{
	switch (a) {
	case FIB_LISP_ENCAP:
		return "encap";
	case FIB_LISP_SIGNAL:
		return "signal";
	case FIB_LISP_NATIVE:
		return "fwd native";
	case FIB_LISP_NATIVE_PETR:
		return "fwd native via petr";
	case FIB_LISP_DROP:
		return "drop";
	default:
		return "none";
	}
}

const char *cef_action_key(enum fib_lisp_action a)
{
	switch (a) {
	case FIB_LISP_ENCAP:
		return "encap";
	case FIB_LISP_SIGNAL:
		return "signal";
	case FIB_LISP_NATIVE:
		return "native";
	case FIB_LISP_NATIVE_PETR:
		return "native_via_petr";
	case FIB_LISP_DROP:
		return "drop";
	default:
		return "none";
	}
}

void cef_hop_if(struct cef_hop *h, const char *ifname)
{
	snprintf(h->ifname, sizeof(h->ifname), "%s", ifname);
}

/* The native route fe behind the hop: a copy and its interface's name. */
void cef_hop_route(struct cef_hop *h, const struct fib_entry *fe)
{
	h->has_fe = true;
	h->fe = *fe;
	cef_hop_if(h, fe->oif ? iface_name(fe->oif) : "Null0");
}

/*
 * Where an IPv4 row's packets go: the RLOC or PETR on LISP0, 'signal' (a
 * Map-Request, the packet dropped meanwhile), or the FIB's answer for a
 * native action.  A map-cache row without a route of its own forwards
 * natively through the route covering its first address, looked up here.
 */
static void cef_hop(struct router *r, unsigned vrf, const struct lisp_cef_info *c, struct cef_hop *h)
{
	const struct fib_entry *fe = c->route_found ? &c->route : NULL;
	struct addr g;

	memset(h, 0, sizeof(*h));
	h->kind = "nexthop";
	switch (c->action) {
	case FIB_LISP_ENCAP:
	case FIB_LISP_NATIVE_PETR:
		addr_fmt(&c->nexthop, h->nh, sizeof(h->nh));
		cef_hop_if(h, "LISP0");
		return;
	case FIB_LISP_SIGNAL:
		h->kind = "signal";
		cef_hop_if(h, "LISP0");
		break;
	case FIB_LISP_DROP:
		h->kind = "drop";
		cef_hop_if(h, "LISP0");
		break;
	default:
		if (!fe && r)
			fe = fib_lookup_vrf(r, vrf, c->prefix.addr.u.v4);
		if (!fe) {
			h->kind = "no route";
			break;
		}
		cef_hop_route(h, fe);
		if (fe->flags & FIB_F_DISCARD) {
			h->kind = "drop";
		} else if (fe->type == FIB_LOCAL) {
			h->kind = "receive";
		} else if (fe->gw) {
			addr_set_v4(&g, fe->gw);
			addr_fmt(&g, h->nh, sizeof(h->nh));
			return;
		} else {
			h->kind = "attached";
		}
		break;
	}
	snprintf(h->nh, sizeof(h->nh), "%s", h->kind);
}

static void cef_flags(const struct lisp_cef_info *c, char *buf, size_t len)
{
	bool own = c->route_found && prefix_eq(&c->route.prefix, &c->prefix);
	size_t o = 0;

	buf[0] = '\0';
	if (own && c->route.type == FIB_LOCAL)
		o += (size_t)snprintf(buf + o, len - o, "%sreceive", o ? ", " : "");
	if (own && c->route.type == FIB_CONNECTED && o < len)
		o += (size_t)snprintf(buf + o, len - o, "%sattached, connected", o ? ", " : "");
	if (own && c->prefix.len == 0 && o < len)
		o += (size_t)snprintf(buf + o, len - o, "%sdefault route", o ? ", " : "");
	if (c->eligible && o < len)
		snprintf(buf + o, len - o, "%scheck lisp eligibility", o ? ", " : "");
}

const char *cef_route_kind(const struct fib_entry *fe)
{
	return fe->type == FIB_LOCAL ? "local" : fe->type == FIB_CONNECTED ? "connected" : "static";
}

void cef_resolve(const struct cef_fmt *f, struct lisp *l, struct router *r, unsigned vrf,
		 const struct lisp_cef_info *c, struct cef_row *row)
{
	struct lisp_mc_info cover;

	row->c = *c;
	snprintf(row->route_ifname, sizeof(row->route_ifname), "%s",
		 c->route_found && c->route.oif ? iface_name(c->route.oif) : "Null0");
	f->hop(r, vrf, c, &row->h);
	row->cover_found = !c->mc_found && l && lisp_map_cache_lookup(l, &c->prefix.addr, &cover) == 0;
	if (row->cover_found)
		row->cover = cover.prefix;
}

void cef_info_of_route(const struct fib_entry *e, struct lisp_cef_info *c)
{
	memset(c, 0, sizeof(*c));
	c->prefix = e->prefix;
	c->route_found = true;
	c->route = *e;
	if (addr_is_v6(&e->prefix.addr) && !ip6_is_unspec(e->gw6))
		addr_set_v6(&c->nexthop, e->gw6);
	else if (!addr_is_v6(&e->prefix.addr) && e->gw)
		addr_set_v4(&c->nexthop, e->gw);
}

void cef_print_entry(struct cli_def *cli, const struct cef_fmt *f, uint64_t now,
		     const struct cef_row *row, bool full, bool detail)
{
	char pb[PREFIX_STRLEN + 8], fl[128], xb[PREFIX_STRLEN + 8];
	const struct lisp_cef_info *c = &row->c;
	const struct cef_hop *h = &row->h;

	cef_flags(c, fl, sizeof(fl));
	f->prefix(&c->prefix, pb, sizeof(pb));
	if (fl[0] && full)
		cli_print(cli, "%s, flags [%s]", pb, fl);
	else
		cli_print(cli, "%s", pb);
	/* The counters are the map-cache entry's: shown as the row's only
	 * when the row is that entry. */
	if (full && c->eligible && c->action != FIB_LISP_NONE) {
		if (c->mc_found && prefix_eq(&c->mc.prefix, &c->prefix))
			cli_print(cli, "  LISP remote EID: %llu packets %llu bytes fwd action %s",
				  (unsigned long long)c->mc.pkts, (unsigned long long)c->mc.bytes,
				  cef_action_word(c->action));
		else if (c->mc_found)
			cli_print(cli, "  LISP fwd action %s (map-cache %s)", cef_action_word(c->action),
				  f->prefix(&c->mc.prefix, xb, sizeof(xb)));
		else if (row->cover_found)
			cli_print(cli, "  LISP fwd action %s (map-cache %s)", cef_action_word(c->action),
				  f->prefix(&row->cover, xb, sizeof(xb)));
		else
			cli_print(cli, "  LISP fwd action %s (map-cache miss)", cef_action_word(c->action));
	}
	if (!strcmp(h->kind, "receive"))
		cli_print(cli, "  receive for %s", h->ifname);
	else if (!strcmp(h->kind, "attached"))
		cli_print(cli, "  attached to %s", h->ifname);
	else if (!strcmp(h->kind, "nexthop"))
		cli_print(cli, "  nexthop %s %s", h->nh, h->ifname);
	else if (strcmp(h->kind, "signal") || !c->route_found)
		/* signal: nothing leaves until the mapping is known */
		cli_print(cli, "  %s", strcmp(h->kind, "signal") ? h->kind : "no route");
	if (!detail)
		return;
	if (c->route_found)
		cli_print(cli, "  Route %s (%s): %llu packets %llu bytes",
			  f->prefix(&c->route.prefix, pb, sizeof(pb)), cef_route_kind(&c->route),
			  (unsigned long long)c->route.pkts, (unsigned long long)c->route.bytes);
	else if (h->has_fe)
		cli_print(cli, "  Native route %s (%s)", f->prefix(&h->fe.prefix, pb, sizeof(pb)),
			  cef_route_kind(&h->fe));
	if (c->mc_found)
		cli_print(cli, "  Map-cache %s, via %s, expires %s", f->prefix(&c->mc.prefix, pb, sizeof(pb)),
			  mc_source(&c->mc), fmt_expires(now, c->mc.expires, xb, sizeof(xb)));
}

static const char *cef_prefix4(const struct prefix *p, char *buf, size_t len)
{
	return prefix_fmt(p, buf, len);
}

const struct cef_fmt cef_fmt4 = { cef_prefix4, cef_hop };

static void cef_json_entry(struct json *j, const struct cef_row *row)
{
	const struct lisp_cef_info *c = &row->c;
	const struct cef_hop *h = &row->h;

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
	if (c->action == FIB_LISP_ENCAP || c->action == FIB_LISP_NATIVE_PETR ||
	    (h->has_fe && h->fe.gw && !(h->fe.flags & FIB_F_DISCARD)))
		json_str(j, "next_hop", h->nh);
	else
		json_null(j, "next_hop");
	json_str(j, "forwarding", h->nh);
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

/* ------------------------------------------------------------ cef slices */

struct cef_slice {
	struct cef_row *v;
	size_t n;
	const struct cef_fmt *f;
	struct lisp *l;
	struct router *r;
	unsigned vrf;
	struct prefix last;
	bool stopped;
};

static int cef_slice_fn(const struct lisp_cef_info *c, void *arg)
{
	struct cef_slice *sl = arg;

	cef_resolve(sl->f, sl->l, sl->r, sl->vrf, c, &sl->v[sl->n++]);
	sl->last = c->prefix;
	sl->stopped = sl->n == SHOW_SLICE;
	return sl->stopped;
}

static int cef_slice_route_fn(const struct fib_entry *e, void *arg)
{
	struct lisp_cef_info c;

	cef_info_of_route(e, &c);
	return cef_slice_fn(&c, arg);
}

/* As slice_run(): the rows resolved with the lock held, then formatted
 * with it let go; the next slice resumes after the last row. */
int cef_slices(struct cli_def *cli, unsigned vrf, uint16_t afi, const struct cef_fmt *f,
	       void (*emit)(const struct cef_row *row, void *arg), void *arg)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct cef_slice sl;
	bool first = true;
	int rc = 0;

	memset(&sl, 0, sizeof(sl));
	sl.f = f;
	sl.vrf = vrf;
	if (!(sl.v = slice_alloc(s, SHOW_SLICE * sizeof(*sl.v))))
		return -1;
	while ((sl.r = s->sh->router)) {
		sl.l = s->sh->lisp;
		sl.n = 0;
		sl.stopped = false;
		if (sl.l)
			rc = lisp_cef_foreach_vrf_after(sl.l, vrf, afi, first ? NULL : &sl.last,
							cef_slice_fn, &sl);
		else
			rc = fib_route_foreach_vrf_after(sl.r, vrf, afi, first ? NULL : &sl.last,
							 cef_slice_route_fn, &sl);
		lisp_show_slices++;
		shell_unlock(s->sh);
		for (size_t i = 0; i < sl.n; i++)
			emit(&sl.v[i], arg);
		if (!s->holding)
			shell_flush(s);
		shell_lock(s->sh);
		if (rc == -1 || !sl.stopped)
			break;
		first = false;
	}
	free(sl.v);
	return rc == -1 ? -1 : 0;
}

/* ------------------------------------------------------------ show ip cef */

struct cef_walk {
	struct cli_def *cli;
	struct json *j;
	uint64_t now;
	bool detail;
	struct lisp_cef_info hit;
};

/* The row of exactly p (no walk), or the longest match for p's address
 * (as IOS does for 'show ip cef P M'), in VRF vrf's table of p's family. */
void cef_find(struct lisp *l, struct router *r, unsigned vrf, const struct prefix *p, bool exact,
	      struct lisp_cef_info *out)
{
	const struct fib_entry *e;
	uint16_t afi = p->addr.afi;

	if (exact) {
		if (l && lisp_cef_exact_vrf(l, vrf, p, out) == 0)
			return;
		if (!l && (e = fib_route_exact_vrf(r, vrf, p))) {
			cef_info_of_route(e, out);
			return;
		}
	}
	if (l) {
		lisp_cef_lookup_vrf(l, vrf, &p->addr, out);
		return;
	}
	e = afi == AFI_IPV6 ? fib6_lookup_vrf(r, vrf, p->addr.u.b) : fib_lookup_vrf(r, vrf, p->addr.u.v4);
	if (e) {
		cef_info_of_route(e, out);
	} else {
		memset(out, 0, sizeof(*out));
		prefix_make(&out->prefix, &p->addr, addr_bits(afi));
	}
}

static void cef_emit4(const struct cef_row *row, void *arg)
{
	struct cef_walk *w = arg;
	char pb[PREFIX_STRLEN];

	if (w->j)
		cef_json_entry(w->j, row);
	else if (w->detail)
		cef_print_entry(w->cli, &cef_fmt4, w->now, row, true, true);
	else
		cli_print(w->cli, "%-20s %-20s %s", prefix_fmt(&row->c.prefix, pb, sizeof(pb)), row->h.nh,
			  row->h.ifname);
}

/* 'show ip cef [vrf NAME] [A | P M | P/L] [detail]': vrf is the VRF's id
 * (cmd_vrf.c parses the name); its instance's map-cache gives the LISP
 * rows. */
int lisp_show_ip_cef(struct cli_def *cli, unsigned vrf, char **argv, int argc)
{
	struct cef_walk w;
	struct prefix p;
	struct addr a, m;
	struct cef_row row;
	struct router *r;
	struct lisp *l;
	struct json j;
	int i = 0, rc;
	bool one = false, exact = false;

	memset(&w, 0, sizeof(w));
	w.cli = cli;
	if (argc > i && addr_parse(argv[i], &a, NULL, 0) == 0 && addr_is_v4(&a)) {
		one = true;
		i++;
		prefix_make(&p, &a, 32);
		if (argc > i && addr_parse(argv[i], &m, NULL, 0) == 0) {
			if (!addr_is_v4(&m) || mask_to_len(ntohl(m.u.v4)) < 0)
				return shell_err_invalid(cli, i);
			prefix_make(&p, &a, (unsigned)mask_to_len(ntohl(m.u.v4)));
			exact = true;
			i++;
		}
	} else if (argc > i && strchr(argv[i], '/')) {
		if (prefix_parse(argv[i], &p, NULL, 0) == -1 || !addr_is_v4(&p.addr))
			return shell_err_invalid(cli, i);
		one = exact = true;
		i++;
	}
	if (argc > i) {
		if (!(strlen(argv[i]) <= 6 && !strncasecmp(argv[i], "detail", strlen(argv[i]))))
			return shell_err_invalid(cli, i);
		w.detail = true;
		i++;
	}
	if (argc > i)
		return shell_err_invalid(cli, i);
	if (!(r = shell_router(cli)))
		return CLI_ERROR;
	l = shell_sess_of(cli)->sh->lisp;
	w.now = now_of(cli);
	if (one) {
		/* An exact prefix, else (as IOS does) the longest match. */
		cef_find(l, r, vrf, &p, exact, &w.hit);
		cef_resolve(&cef_fmt4, l, r, vrf, &w.hit, &row);
		if (shell_json(cli)) {
			json_open(&j);
			json_begin(&j, NULL, '{');
			if (vrf != VRF_DEFAULT)
				json_str(&j, "vrf", vrf_name(r, vrf));
			json_begin(&j, "entries", '[');
			cef_json_entry(&j, &row);
			json_end(&j, ']');
			json_end(&j, '}');
			return json_print(cli, &j);
		}
		cef_print_entry(cli, &cef_fmt4, w.now, &row, true, w.detail);
		return CLI_OK;
	}
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		if (vrf != VRF_DEFAULT)
			json_str(&j, "vrf", vrf_name(r, vrf));
		json_begin(&j, "entries", '[');
		rc = cef_slices(cli, vrf, AFI_IPV4, &cef_fmt4, cef_emit4, &w);
		json_end(&j, ']');
		json_end(&j, '}');
		if (rc == -1) {
			json_discard(&j);
			return shell_err(cli, "%% Out of memory");
		}
		return json_print(cli, &j);
	}
	if (!w.detail)
		cli_print(cli, "%-20s %-20s %s", "Prefix", "Next Hop", "Interface");
	if (cef_slices(cli, vrf, AFI_IPV4, &cef_fmt4, cef_emit4, &w) == -1)
		return shell_err(cli, "%% Out of memory");
	return CLI_OK;
}

static int cmd_show_cef(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return lisp_show_ip_cef(cli, VRF_DEFAULT, argv, argc);
}

/* ------------------------------------------------------------ site summary */

/*
 * The sites are copied first (names, in their order); the registry is
 * then walked once, in slices (slice_run()), each prefix copied as a
 * sum_row and counted into its site's copy with the lock released.  A
 * prefix of a site added since the copy is not counted.
 */
struct sum_inst {
	uint32_t iid;
	unsigned conf, reg;
};

struct sum_site {
	char name[LISP_NAME_MAX];
	unsigned conf, reg;
	struct sum_inst *inst;		/* JSON: per instance, in IID order */
	size_t n_inst, cap_inst;
};

struct sum_row {
	char site[LISP_NAME_MAX];
	uint32_t iid;
	bool configured, registered;
};

struct sum_walk {
	struct json *j;
	bool one_inst;				/* instance iid only */
	uint32_t iid;
	struct sum_site *sites;
	size_t n_sites, cap_sites;
	struct sum_site **by_name;		/* sorted, for the rows' lookup */
	bool nomem;
};

static int sum_site_copy_fn(const struct lisp_site_info *s, void *arg)
{
	struct sum_walk *w = arg;
	struct sum_site *nv;

	if (w->n_sites == w->cap_sites) {
		size_t cap = w->cap_sites ? 2 * w->cap_sites : 8;

		if (!(nv = realloc(w->sites, cap * sizeof(*nv)))) {
			w->nomem = true;
			return 1;
		}
		w->sites = nv;
		w->cap_sites = cap;
	}
	nv = &w->sites[w->n_sites++];
	memset(nv, 0, sizeof(*nv));
	snprintf(nv->name, sizeof(nv->name), "%s", s->name);
	return 0;
}

static int sum_name_cmp(const void *a, const void *b)
{
	return strcmp((*(struct sum_site *const *)a)->name, (*(struct sum_site *const *)b)->name);
}

static int sum_copy_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct slice *sl = arg;
	struct sum_row r;

	memset(&r, 0, sizeof(r));
	snprintf(r.site, sizeof(r.site), "%s", e->site);
	r.iid = e->prefix.addr.iid;
	r.configured = e->configured;
	r.registered = e->registered;
	slice_put(sl, &r);
	return slice_next(sl, &e->prefix);
}

static void sum_fill(struct lisp *l, const struct prefix *after, struct slice *sl)
{
	const struct sum_walk *w = sl->arg;

	if (w->one_inst)
		lisp_site_eid_foreach_iid(l, NULL, w->iid, after, sum_copy_fn, sl);
	else
		lisp_site_eid_foreach_after(l, NULL, after, sum_copy_fn, sl);
}

static void sum_emit(void *e, void *arg)
{
	struct sum_walk *w = arg;
	struct sum_row *r = e;
	struct sum_site key, *kp = &key, **f, *s;
	struct sum_inst *si, *nv;

	snprintf(key.name, sizeof(key.name), "%s", r->site);
	if (!(f = bsearch(&kp, w->by_name, w->n_sites, sizeof(*w->by_name), sum_name_cmp)))
		return;
	s = *f;
	s->conf += r->configured;
	s->reg += r->registered;
	if (!w->j)
		return;
	/* the walk goes instance by instance: a new one is the next run */
	if (s->n_inst && s->inst[s->n_inst - 1].iid == r->iid) {
		si = &s->inst[s->n_inst - 1];
	} else {
		if (s->n_inst == s->cap_inst) {
			size_t cap = s->cap_inst ? 2 * s->cap_inst : 8;

			if (!(nv = realloc(s->inst, cap * sizeof(*nv)))) {
				w->nomem = true;
				return;
			}
			s->inst = nv;
			s->cap_inst = cap;
		}
		si = &s->inst[s->n_inst++];
		memset(si, 0, sizeof(*si));
		si->iid = r->iid;
	}
	si->conf += r->configured;
	si->reg += r->registered;
}

static void sum_free(struct sum_walk *w)
{
	for (size_t i = 0; i < w->n_sites; i++)
		free(w->sites[i].inst);
	free(w->sites);
	free(w->by_name);
}

/* 'show lisp site [instance-id N] summary', 'show lisp instance-id N ipv4
 * server summary': one instance's prefixes (one_inst) or every one's. */
static int site_summary_view(struct cli_def *cli, const struct view *v, bool one_inst, uint32_t iid)
{
	unsigned sites_reg = 0, conf = 0, reg = 0;
	struct sum_walk w;
	struct lisp *l;
	struct json j;
	size_t i;

	(void)v;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	memset(&w, 0, sizeof(w));
	w.one_inst = one_inst;
	w.iid = iid;
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
	}
	lisp_site_foreach(l, sum_site_copy_fn, &w);
	if (!w.nomem && w.n_sites && !(w.by_name = malloc(w.n_sites * sizeof(*w.by_name))))
		w.nomem = true;
	if (!w.nomem) {
		for (i = 0; i < w.n_sites; i++)
			w.by_name[i] = &w.sites[i];
		if (w.n_sites)	/* none: by_name NULL */
			qsort(w.by_name, w.n_sites, sizeof(*w.by_name), sum_name_cmp);
		if (slice_run(cli, sizeof(struct sum_row), sum_fill, sum_emit, &w) == -1)
			w.nomem = true;
	}
	if (w.nomem) {
		if (w.j)
			json_discard(&j);
		sum_free(&w);
		return shell_err(cli, "%% Out of memory");
	}
	for (i = 0; i < w.n_sites; i++) {
		sites_reg += w.sites[i].reg > 0;
		conf += w.sites[i].conf;
		reg += w.sites[i].reg;
	}
	/* One registration is kept per EID prefix, the last ETR's: two ETRs
	 * can never disagree in it, so nothing is ever inconsistent. */
	if (w.j) {
		json_begin(&j, NULL, '{');
		json_uint(&j, "instance_id", iid);
		json_begin(&j, "sites", '[');
		for (i = 0; i < w.n_sites; i++) {
			const struct sum_site *s = &w.sites[i];

			json_begin(&j, NULL, '{');
			json_str(&j, "site", s->name);
			json_uint(&j, "configured", s->conf);
			json_uint(&j, "registered", s->reg);
			json_uint(&j, "inconsistent", 0);
			json_begin(&j, "instances", '[');
			for (size_t k = 0; k < s->n_inst; k++) {
				json_begin(&j, NULL, '{');
				json_uint(&j, "instance_id", s->inst[k].iid);
				json_uint(&j, "configured", s->inst[k].conf);
				json_uint(&j, "registered", s->inst[k].reg);
				json_end(&j, '}');
			}
			json_end(&j, ']');
			json_end(&j, '}');
		}
		json_end(&j, ']');
		json_uint(&j, "configured_sites", (unsigned)w.n_sites);
		json_uint(&j, "registered_sites", sites_reg);
		json_uint(&j, "inconsistent_sites", 0);
		json_uint(&j, "configured_eid_prefixes", conf);
		json_uint(&j, "registered_eid_prefixes", reg);
		json_end(&j, '}');
		sum_free(&w);
		return json_print(cli, &j);
	}
	cli_print(cli, "----------- IPv4 -----------");
	cli_print(cli, "%-20s %10s %10s %6s", "Site name", "Configured", "Registered", "Incons");
	for (i = 0; i < w.n_sites; i++)
		cli_print(cli, "%-20s %10u %10u %6u", w.sites[i].name, w.sites[i].conf, w.sites[i].reg,
			  0u);
	cli_print(cli, "%s", "");
	cli_print(cli, "%-48s%u", "Number of configured sites:", (unsigned)w.n_sites);
	cli_print(cli, "%-48s%u", "Number of registered sites:", sites_reg);
	cli_print(cli, "%-48s%u", "Sites with inconsistent registrations:", 0u);
	cli_print(cli, "IPv4");
	cli_print(cli, "  %-46s%u", "Number of configured EID prefixes:", conf);
	cli_print(cli, "  %-46s%u", "Number of registered EID prefixes:", reg);
	sum_free(&w);
	return CLI_OK;
}

/* ------------------------------------------------------------ session */

/*
 * 'show lisp session': the ETR's sessions with its Map-Servers.  LISP
 * registers over UDP here, so a session is Up while the Map-Server
 * confirms the registrations with Map-Notifies that verify (the ETR asks
 * for one every period; one within the last 3 periods keeps it up), Down
 * otherwise; Up/Down is the time since it came up or went down, or
 * 'never'; In/Out counts verified Map-Notifies in and Map-Registers (and
 * Map-Notify-Acks) out; Users is the number of EID prefixes it registers.
 * The JSON form adds each server's Map-Notify state, its authentication
 * failures and its last and next register.  On a Map-Server the ETRs
 * with live registrations follow, one a registering RLOC and port (Up,
 * Up/Down since its oldest live registration, In/Out '-': the Map-Server
 * counts messages per site, not per ETR; Users its EID prefixes), at most
 * SESS_ETRS of them (the rest counted in the header).
 */
#define SESS_ETRS	256
struct sess_etr {
	struct addr who;
	uint16_t port;
	uint64_t since;
	size_t users;
};
struct sess_walk {
	struct cli_def *cli;
	struct json *j;
	uint64_t now;
	size_t users;
	unsigned total, up;
	struct sess_etr *etrs;
	unsigned n_etrs, more_etrs;
	bool established;	/* 'show lisp session established': the Up ones */
};

static int sess_etr_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct sess_walk *w = arg;
	const struct lisp_site_etr_info *x;
	unsigned k, i;

	for (k = 0; e->registered && k < e->n_etrs; k++) {
		x = &e->etrs[k];
		for (i = 0; i < w->n_etrs; i++)
			if (w->etrs[i].port == x->port && addr_eq(&w->etrs[i].who, &x->who))
				break;
		if (i == w->n_etrs) {
			if (w->n_etrs == SESS_ETRS) {
				w->more_etrs++;
				continue;
			}
			memset(&w->etrs[i], 0, sizeof(w->etrs[i]));
			w->etrs[i].who = x->who;
			w->etrs[i].port = x->port;
			w->etrs[i].since = x->first_registered;
			w->n_etrs++;
		}
		if (x->first_registered && x->first_registered < w->etrs[i].since)
			w->etrs[i].since = x->first_registered;
		w->etrs[i].users++;
	}
	return 0;
}

static int sess_etr_cmp(const void *a, const void *b)
{
	const struct sess_etr *x = a, *y = b;
	int c = addr_cmp(&x->who, &y->who);

	return c ? c : (int)x->port - (int)y->port;
}

static void sess_etrs(struct sess_walk *w)
{
	char ab[ADDR_STRLEN], peer[ADDR_STRLEN + 8], tb[32];
	unsigned i;

	for (i = 0; i < w->n_etrs; i++) {
		const struct sess_etr *e = &w->etrs[i];

		addr_fmt(&e->who, ab, sizeof(ab));
		if (w->j) {
			json_begin(w->j, NULL, '{');
			json_str(w->j, "peer", ab);
			json_uint(w->j, "port", e->port);
			json_str(w->j, "transport", "udp");
			json_str(w->j, "role", "etr");
			json_str(w->j, "state", "up");
			json_since(w->j, "up_down_s", w->now, e->since);
			json_null(w->j, "in");
			json_null(w->j, "out");
			json_uint(w->j, "users", e->users);
			json_end(w->j, '}');
			continue;
		}
		snprintf(peer, sizeof(peer), "%s:%u", ab, e->port);
		cli_print(w->cli, "%-30s %-10s %-14s %9s    %zu", peer, "Up",
			  fmt_since(w->now, e->since, tb, sizeof(tb)), "-", e->users);
	}
}

static int sess_count_fn(const struct lisp_ms_info *m, void *arg)
{
	struct sess_walk *w = arg;

	w->total++;
	w->up += m->up;
	return 0;
}

static int sess_fn(const struct lisp_ms_info *m, void *arg)
{
	struct sess_walk *w = arg;
	char ab[ADDR_STRLEN], peer[ADDR_STRLEN + 8], tb[32], io[48];

	if (w->established && !m->up)
		return 0;
	addr_fmt(&m->cfg.addr, ab, sizeof(ab));
	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_str(w->j, "peer", ab);
		json_uint(w->j, "port", LISP_CONTROL_PORT);
		json_str(w->j, "transport", "udp");
		json_str(w->j, "role", "map-server");
		json_str(w->j, "state", m->up ? "up" : "down");
		json_since(w->j, "up_down_s", w->now, m->up_down_since);
		json_uint(w->j, "in", m->notifies_in);
		json_uint(w->j, "out", m->registers_sent + m->acks_out);
		json_uint(w->j, "users", w->users);
		json_str(w->j, "map_notify", lisp_ms_notify_str(m->notify_state));
		json_uint(w->j, "map_registers_out", m->registers_sent);
		json_uint(w->j, "map_notify_acks_out", m->acks_out);
		json_uint(w->j, "map_notify_auth_failures", m->notify_auth_failures);
		json_since(w->j, "last_register_s", w->now, m->last_register);
		json_until(w->j, "next_register_s", w->now, m->next_register);
		json_end(w->j, '}');
		return 0;
	}
	snprintf(peer, sizeof(peer), "%s:%u", ab, LISP_CONTROL_PORT);
	snprintf(io, sizeof(io), "%llu/%llu", (unsigned long long)m->notifies_in,
		 (unsigned long long)(m->registers_sent + m->acks_out));
	cli_print(w->cli, "%-30s %-10s %-14s %9s    %zu", peer, m->up ? "Up" : "Down",
		  fmt_since(w->now, m->up_down_since, tb, sizeof(tb)), io, w->users);
	return 0;
}

/* The map-server sessions, one per server: a server whose families
 * register under different settings has an entry per family (lisp.h),
 * shown as one session, up while every entry is, with their messages
 * added and the worst Map-Notify state. */
struct sess_ms {
	struct lisp_ms_info m[LISP_MAX_MAP_SERVERS];
	unsigned n;
};

static int sess_ms_collect(const struct lisp_ms_info *m, void *arg)
{
	struct sess_ms *s = arg;
	struct lisp_ms_info *t;
	unsigned i;
	static const int rank[] = { [LISP_MSN_VERIFIED] = 0, [LISP_MSN_NONE] = 1,
				    [LISP_MSN_AWAITING] = 2, [LISP_MSN_AUTH_FAILED] = 3 };

	for (i = 0; i < s->n; i++)
		if (addr_eq(&s->m[i].cfg.addr, &m->cfg.addr))
			break;
	if (i == s->n) {
		if (s->n < LISP_MAX_MAP_SERVERS)
			s->m[s->n++] = *m;
		return 0;
	}
	t = &s->m[i];
	t->registers_sent += m->registers_sent;
	t->notifies_in += m->notifies_in;
	t->notify_auth_failures += m->notify_auth_failures;
	t->acks_out += m->acks_out;
	if (m->last_register > t->last_register)
		t->last_register = m->last_register;
	if (m->next_register && (!t->next_register || m->next_register < t->next_register))
		t->next_register = m->next_register;
	if (rank[m->notify_state] > rank[t->notify_state])
		t->notify_state = m->notify_state;
	/* up since both were; down since the first went down */
	if (t->up != m->up)
		t->up_down_since = t->up ? m->up_down_since : t->up_down_since;
	else if (t->up ? m->up_down_since > t->up_down_since :
		 m->up_down_since && m->up_down_since < t->up_down_since)
		t->up_down_since = m->up_down_since;
	t->up = t->up && m->up;
	t->notify_verified = t->notify_verified && m->notify_verified;
	return 0;
}

static void sess_ms_each(struct lisp *l, int (*fn)(const struct lisp_ms_info *m, void *arg),
			 void *arg)
{
	struct sess_ms s;
	unsigned i;

	s.n = 0;
	lisp_map_server_foreach(l, sess_ms_collect, &s);
	for (i = 0; i < s.n; i++)
		fn(&s.m[i], arg);
}

static int cmd_show_session(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct sess_walk w;
	struct lisp *l;
	struct json j;

	memset(&w, 0, sizeof(w));
	if (argc && !is_word(argv[0], "established"))
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	w.established = argc == 1;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	w.cli = cli;
	w.now = now_of(cli);
	w.users = lisp_roles(l) & LISP_ROLE_ETR ? lisp_db_count(l) : 0;
	sess_ms_each(l, sess_count_fn, &w);
	if ((lisp_roles(l) & LISP_ROLE_MS) && (w.etrs = calloc(SESS_ETRS, sizeof(*w.etrs)))) {
		lisp_site_eid_foreach(l, NULL, sess_etr_fn, &w);
		qsort(w.etrs, w.n_etrs, sizeof(*w.etrs), sess_etr_cmp);
		w.total += w.n_etrs + w.more_etrs;
		w.up += w.n_etrs + w.more_etrs;
	}
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		json_str(&j, "vrf", "default");
		json_uint(&j, "total", w.total);
		json_uint(&j, "established", w.up);
		json_begin(&j, "sessions", '[');
		sess_ms_each(l, sess_fn, &w);
		sess_etrs(&w);
		json_end(&j, ']');
		json_end(&j, '}');
		free(w.etrs);
		return json_print(cli, &j);
	}
	cli_print(cli, "Sessions for VRF default, total: %u, established: %u", w.total, w.up);
	cli_print(cli, "%-30s %-10s %-14s %9s    %s", "Peer", "State", "Up/Down", "In/Out", "Users");
	sess_ms_each(l, sess_fn, &w);
	sess_etrs(&w);
	if (w.more_etrs)
		cli_print(cli, "(%u more ETRs not listed)", w.more_etrs);
	free(w.etrs);
	return CLI_OK;
}

/* ------------------------------------------------------------ service ipv4 */

static const struct {
	unsigned role;
	const char *label, *key, *abbr;
} svc_roles[] = {
	{ LISP_ROLE_ITR, "Ingress Tunnel Router (ITR):", "itr", "ITR" },
	{ LISP_ROLE_ETR, "Egress Tunnel Router (ETR):", "etr", "ETR" },
	{ LISP_ROLE_PITR, "Proxy-ITR Router (PITR):", "pitr", "PITR" },
	{ LISP_ROLE_PETR, "Proxy-ETR Router (PETR):", "petr", "PETR" },
	{ LISP_ROLE_MS, "Map Server (MS):", "map_server", "MS" },
	{ LISP_ROLE_MR, "Map Resolver (MR):", "map_resolver", "MR" },
};

static void svc_row(struct cli_def *cli, const char *label, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void svc_row(struct cli_def *cli, const char *label, const char *fmt, ...)
{
	char v[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(v, sizeof(v), fmt, ap);
	va_end(ap);
	cli_print(cli, "    %-37s%s", label, v);
}

struct svc_list {
	struct cli_def *cli;
	const char *label;
	int n;
	struct lisp *l;
	unsigned af;
};

static int svc_resolver(const struct addr *a, void *arg)
{
	struct svc_list *sl = arg;
	char ab[ADDR_STRLEN];

	if (!listed(sl->l, sl->af, LISP_XK_RESOLVERS, a))
		return 0;
	svc_row(sl->cli, sl->n++ ? "" : sl->label, "%s", addr_fmt(a, ab, sizeof(ab)));
	return 0;
}

static int svc_ms(const struct lisp_ms_info *m, void *arg)
{
	struct svc_list *sl = arg;
	char ab[ADDR_STRLEN];

	if (!ms_listed(sl->l, sl->af, m))
		return 0;
	svc_row(sl->cli, sl->n++ ? "" : sl->label, "%s%s", addr_fmt(&m->cfg.addr, ab, sizeof(ab)),
		m->cfg.proxy_reply ? " (proxy-reply)" : "");
	return 0;
}

static int svc_petr(const struct lisp_petr_info *p, void *arg)
{
	struct svc_list *sl = arg;
	char ab[ADDR_STRLEN];

	if (!listed(sl->l, sl->af, LISP_XK_USE_PETR, &p->addr) || (sl->af && !(p->af & sl->af)))
		return 0;
	svc_row(sl->cli, sl->n++ ? "" : sl->label, "%s (%u/%u, %s)", addr_fmt(&p->addr, ab, sizeof(ab)),
		p->priority, p->weight, petr_state(p->state));
	return 0;
}

/* 'ITR-ETR', 'PITR-PETR', 'MS-MR', ... or 'none' */
static const char *role_abbr(unsigned r, char *buf, size_t len)
{
	size_t o = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < sizeof(svc_roles) / sizeof(svc_roles[0]); i++)
		if (r & svc_roles[i].role)
			o += (size_t)snprintf(buf + o, len - o, "%s%s", o ? "-" : "", svc_roles[i].abbr);
	if (!o)
		snprintf(buf, len, "none");
	return buf;
}

static int count_static(const struct lisp_static_info *si, void *arg)
{
	(void)si;
	(*(size_t *)arg)++;
	return 0;
}

/*
 * Is instance 0 in the configuration (as IOS-XE lists an instance once it
 * is configured)?  It is when typed ('instance-id 0', 'eid-table default
 * instance-id 0'), when it holds mappings or static map-cache entries
 * (the top 'service ipv4' puts them there), and whenever the classic 'ip
 * lisp ...' or IOS 15 'router lisp' commands, which are its shorthand,
 * are in use (or nothing is configured at all).  An xTR of tenant
 * instances alone does not list it.
 */
static bool inst0_configured(struct lisp *l, const struct lisp_inst_info *ii)
{
	struct lisp_inst *i;
	size_t statics = 0;

	if (ii->declared || ii->eid_table || ii->eid_table6 || ii->service || ii->service6 ||
	    ii->style != LISP_STYLE_NONE || ii->db_entries)
		return true;
	if (lisp_style(l) != LISP_STYLE_XE)
		return true;
	if ((i = lisp_inst_find(l, 0)))
		lisp_inst_static_foreach(i, count_static, &statics);
	return statics > 0;
}

/* One row of the summary: an instance, copied with the lock held. */
struct svc_row {
	uint32_t iid;
	char vrf[LISP_NAME_MAX];	/* "" for the default table */
	bool vrf_ok;
	unsigned vrf_id;
	bool unused;			/* instance 0: not declared, no mappings */
	size_t db, no_route, cache, idle;
};

struct svc_inst {
	struct svc_row *rows;
	size_t n, cap;
	bool nomem;
	struct router *r;
	uint64_t now;
	uint16_t afi;			/* the service's family */
	struct lisp *l;
};

static int svc_collect_fn(const struct lisp_inst_info *ii, void *arg)
{
	struct svc_inst *si = arg;
	struct svc_row *row;

	if (si->n == si->cap) {
		size_t cap = si->cap ? 2 * si->cap : 16;
		struct svc_row *nr = realloc(si->rows, cap * sizeof(*nr));

		if (!nr) {
			si->nomem = true;
			return 1;
		}
		si->rows = nr;
		si->cap = cap;
	}
	row = &si->rows[si->n++];
	memset(row, 0, sizeof(*row));
	row->iid = ii->iid;
	snprintf(row->vrf, sizeof(row->vrf), "%s", ii->vrf ? ii->vrf : "");
	row->vrf_ok = ii->vrf_ok;
	row->vrf_id = ii->vrf_id;
	row->unused = !ii->iid && !inst0_configured(si->l, ii);
	return 0;
}

/* The row of an instance ID (the rows are in ID order); NULL: none. */
static struct svc_row *svc_find(struct svc_inst *si, uint32_t iid)
{
	size_t lo = 0, hi = si->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (si->rows[mid].iid == iid)
			return &si->rows[mid];
		if (si->rows[mid].iid < iid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

static bool svc_family(const struct svc_inst *si, const struct prefix *p)
{
	return si->afi == (addr_is_v6(&p->addr) ? AFI_IPV6 : AFI_IPV4);
}

/* Database mappings whose prefix has no route in the instance's table
 * (an instance whose VRF is not defined has none). */
static int svc_db_fn(const struct lisp_db_info *d, void *arg)
{
	struct slice *sl = arg;
	struct svc_inst *si = sl->arg;
	struct svc_row *row = svc_find(si, d->prefix.addr.iid);
	bool route;

	if (row && svc_family(si, &d->prefix)) {
		if (!row->vrf_ok)
			route = false;
		else if (addr_is_v4(&d->prefix.addr))
			route = fib_lookup_vrf(si->r, row->vrf_id, d->prefix.addr.u.v4) != NULL;
		else
			route = fib6_lookup_vrf(si->r, row->vrf_id, d->prefix.addr.u.b) != NULL;
		row->no_route += !route;
	}
	return slice_next(sl, &d->prefix);
}

static void svc_db_fill(struct lisp *l, const struct prefix *after, struct slice *sl)
{
	lisp_db_foreach_after(l, after, svc_db_fn, sl);
}

/* Map-cache entries unused for a minute. */
static int svc_mc_fn(const struct lisp_mc_info *e, void *arg)
{
	struct slice *sl = arg;
	struct svc_inst *si = sl->arg;
	struct svc_row *row = svc_find(si, e->prefix.addr.iid);

	if (row && svc_family(si, &e->prefix) && (!e->last_used || si->now - e->last_used >= 60 * NS))
		row->idle++;
	return slice_next(sl, &e->prefix);
}

static void svc_mc_fill(struct lisp *l, const struct prefix *after, struct slice *sl)
{
	lisp_map_cache_foreach_after(l, after, svc_mc_fn, sl);
}

static void no_emit(void *e, void *arg)
{
	(void)e;
	(void)arg;
}

/* 'show lisp service ipv4|ipv6 summary': one row per instance, its EID
 * table, database and map-cache sizes of the family.  The tables are
 * walked in slices (the lock is released between them). */
static int service_summary(struct cli_def *cli, struct lisp *l, unsigned af)
{
	struct svc_inst si;
	struct json j;
	char ifb[32], rb[64], pct[16];
	const char *role;
	int rc = CLI_OK, ifw = 9;
	size_t shown = 0;
	bool skip0 = false;

	memset(&si, 0, sizeof(si));
	si.afi = af == LISP_AF_IPV6 ? AFI_IPV6 : AFI_IPV4;
	si.now = now_of(cli);
	si.l = l;
	if (!(si.r = shell_router(cli)))
		return CLI_ERROR;
	lisp_inst_foreach(l, svc_collect_fn, &si);
	for (size_t k = 0; k < si.n; k++) {
		si.rows[k].db = lisp_db_count_inst(l, si.rows[k].iid, si.afi);
		si.rows[k].cache = lisp_map_cache_count_inst(l, si.rows[k].iid, si.afi, NULL);
	}
	/* Instance 0 unconfigured (an xTR of tenants alone, or SD-Access's
	 * 4097 serving the default table): not listed, as on IOS.  The
	 * Interface column widens to the longest LISP0.IID. */
	skip0 = si.n && si.rows[0].unused;
	for (size_t k = skip0; k < si.n; k++) {
		int w = snprintf(ifb, sizeof(ifb), "LISP0.%u", (unsigned)si.rows[k].iid);

		shown++;
		if (si.rows[k].iid && w > ifw)
			ifw = w;
	}
	role = role_abbr(lisp_af_roles(l, af), rb, sizeof(rb));
	if (si.nomem || slice_run(cli, 1, svc_db_fill, no_emit, &si) == -1 ||
	    slice_run(cli, 1, svc_mc_fill, no_emit, &si) == -1) {
		free(si.rows);
		return shell_err(cli, "%% Out of memory");
	}
	if (shell_json(cli)) {
		json_open(&j);
		json_begin(&j, NULL, '{');
		json_uint(&j, "router_lisp_id", 0);
		json_uint(&j, "instance_count", shown);
		json_begin(&j, "instances", '[');
	} else {
		cli_print(cli, "%37s %-16s%u", "", "Router-lisp ID:", 0u);
		cli_print(cli, "%37s %-16s%zu", "", "Instance count:", shown);
		cli_print(cli, "Key: DB - Local EID Database entry count,");
		cli_print(cli, "     DB no route - Local EID DB entries with no matching RIB route,");
		cli_print(cli, "     Cache - Remote EID mapping cache size, IID - Instance ID,");
		cli_print(cli, "     Role - Configured Role");
		cli_print(cli, "%s", "");
		cli_print(cli, "%-22s %-*s %4s %6s %6s %5s %5s", "", ifw, "Interface", "DB", "DB no", "Cache",
			  "Incom", "Cache");
		cli_print(cli, "%-22s %-*s %4s %6s %6s %5s %5s %s", "EID VRF name", ifw, "(.IID)", "size", "route",
			  "size", "plete", "Idle", "Role");
	}
	for (size_t k = skip0; k < si.n; k++) {
		const struct svc_row *row = &si.rows[k];

		if (row->iid)
			snprintf(ifb, sizeof(ifb), "LISP0.%u", (unsigned)row->iid);
		else
			snprintf(ifb, sizeof(ifb), "LISP0");
		if (shell_json(cli)) {
			json_begin(&j, NULL, '{');
			json_uint(&j, "instance_id", row->iid);
			json_str(&j, "eid_vrf", row->vrf[0] ? row->vrf : "default");
			json_bool(&j, "eid_vrf_defined", row->vrf_ok);
			json_str(&j, "interface", ifb);
			json_uint(&j, "database_size", row->db);
			json_uint(&j, "database_no_route", row->no_route);
			json_uint(&j, "map_cache_size", row->cache);
			json_uint(&j, "map_cache_incomplete", 0);
			json_uint(&j, "map_cache_idle", row->idle);
			json_str(&j, "role", role);
			json_end(&j, '}');
			continue;
		}
		/* IOS prints the VRF name cut to its column. */
		snprintf(pct, sizeof(pct), "%zu%%", row->cache ? row->idle * 100 / row->cache : 0);
		cli_print(cli, "%-22.22s %-*s %4zu %6zu %6zu %5s %5s %s", row->vrf[0] ? row->vrf : "default", ifw,
			  ifb, row->db, row->no_route, row->cache, "0.0%", pct, role);
	}
	if (shell_json(cli)) {
		json_end(&j, ']');
		json_end(&j, '}');
		rc = json_print(cli, &j);
	}
	free(si.rows);
	return rc;
}

/* The instances the summary lists (svc_collect_fn()'s rule for 0). */
struct svc_count {
	unsigned n;
	struct lisp *l;
};

static int svc_count_fn(const struct lisp_inst_info *ii, void *arg)
{
	struct svc_count *c = arg;

	c->n += ii->iid || inst0_configured(c->l, ii);
	return 0;
}

/* 'show lisp service ipv4 [summary]' */
static int cmd_show_service(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct svc_list sl = { cli, NULL, 0, NULL, 0 };
	struct list_fmt lf = { cli, NULL, 0, 0, NULL, NULL, 0 };
	struct svc_count sc = { 0, NULL };
	struct lisp_xe_opts xo;
	struct addr src, pitr;
	struct lisp *l;
	struct json j;
	char tb[32], ab[2 * ADDR_STRLEN + 2];
	unsigned r, count = 0, af;
	bool has_src, has_pitr;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if ((!is_word(argv[0], "ipv4") && !is_word(argv[0], "ipv6")) || strlen(argv[0]) < 4)
		return shell_err_invalid(cli, 0);
	af = is_word(argv[0], "ipv6") ? LISP_AF_IPV6 : LISP_AF_IPV4;
	if (argc > 1 && !is_word(argv[1], "summary"))
		return shell_err_invalid(cli, 1);
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (argc > 1)
		return service_summary(cli, l, af);
	r = lisp_af_roles(l, af);
	lisp_xe_opts(l, &xo);
	has_src = lisp_map_request_source(l, &src) && lisp_af_kind_in(l, LISP_XK_MREQ_SOURCE, af);
	has_pitr = lisp_proxy_itr(l, &pitr) && lisp_af_kind_in(l, LISP_XK_PITR, af);
	sl.l = lf.l = l;
	sl.af = lf.af = af;
	sc.l = l;
	lisp_inst_foreach(l, svc_count_fn, &sc);
	count = sc.n;
	if (shell_json(cli)) {
		/* The same facts as 'show ip lisp | json', for every instance. */
		json_open(&j);
		json_begin(&j, NULL, '{');
		json_uint(&j, "router_lisp_id", 0);
		json_str(&j, "locator_table", "default");
		json_uint(&j, "instance_count", count);
		json_begin(&j, "roles", '{');
		for (size_t i = 0; i < sizeof(svc_roles) / sizeof(svc_roles[0]); i++)
			json_bool(&j, svc_roles[i].key, r & svc_roles[i].role);
		json_end(&j, '}');
		if (has_pitr)
			json_addr(&j, "proxy_itr_rloc", &pitr);
		if (has_pitr && lisp_proxy_itr2(l, &pitr))
			json_addr(&j, "proxy_itr_rloc2", &pitr);
		else
			json_null(&j, "proxy_itr_rloc");
		if (has_src)
			json_addr(&j, "map_request_source", &src);
		else
			json_str(&j, "map_request_source", "derived");
		lf.j = &j;
		lf.now = now_of(cli);
		json_begin(&j, "itr_map_resolvers", '[');
		resolvers_each(l, lf.af, show_resolver, &lf);
		json_end(&j, ']');
		json_begin(&j, "etr_map_servers", '[');
		lisp_map_server_foreach(l, show_ms, &lf);
		json_end(&j, ']');
		json_begin(&j, "itr_use_petr", '[');
		lisp_use_petr_foreach(l, show_petr, &lf);
		json_end(&j, ']');
		json_uint(&j, "etr_map_cache_ttl_min", lisp_etr_map_cache_ttl(l));
		json_bool(&j, "rloc_probing", lisp_rloc_probing(l));
		json_bool(&j, "rloc_probe_on_route_change", xo.probe_on_route_change);
		json_uint(&j, "map_cache_limit", lisp_map_cache_limit(l));
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "  Information applicable to all EID instances:");
	svc_row(cli, "Router-lisp ID:", "0");
	svc_row(cli, "Locator table:", "default");
	for (size_t i = 0; i < sizeof(svc_roles) / sizeof(svc_roles[0]); i++) {
		if (svc_roles[i].role == LISP_ROLE_PITR && has_pitr)
			svc_row(cli, svc_roles[i].label, "enabled RLOCs: %s", pitr_rlocs(l, &pitr, ab, sizeof(ab)));
		else
			svc_row(cli, svc_roles[i].label, "%s", r & svc_roles[i].role ? "enabled" : "disabled");
	}
	sl.label = "ITR Map-Resolver(s):";
	resolvers_each(l, sl.af, svc_resolver, &sl);
	if (!sl.n)
		svc_row(cli, sl.label, "none");
	sl.n = 0;
	sl.label = "ETR Map-Server(s):";
	lisp_map_server_foreach(l, svc_ms, &sl);
	if (!sl.n)
		svc_row(cli, sl.label, "none");
	sl.n = 0;
	sl.label = "ITR use proxy ETR RLOC(s):";
	lisp_use_petr_foreach(l, svc_petr, &sl);
	if (!sl.n)
		svc_row(cli, sl.label, "none");
	svc_row(cli, "ITR Map-Request source:", "%s",
		has_src ? addr_fmt(&src, ab, sizeof(ab)) : "derived from EID destination");
	svc_row(cli, "ETR map-cache TTL:", "%s", fmt_dur((uint64_t)lisp_etr_map_cache_ttl(l) * 60 * NS, tb, sizeof(tb)));
	cli_print(cli, "    Locator Status Algorithms:");
	svc_row(cli, "  RLOC-probe algorithm:", "%s", lisp_rloc_probing(l) ? "enabled" : "disabled");
	svc_row(cli, "  RLOC-probe on route change:", "%s",
		!lisp_rloc_probing(l) ? "N/A (periodic probing disabled)" :
		xo.probe_on_route_change ? "enabled" : "disabled");
	cli_print(cli, "    Map-cache:");
	svc_row(cli, "  Map-cache limit:", "%u", lisp_map_cache_limit(l));
	svc_row(cli, "Instance count:", "%u", count);
	return CLI_OK;
}

/* ------------------------------------------------------------ forwarding */

/* The data plane's action for a map-cache entry, in IOS's words. */
static enum fib_lisp_action mc_fwd_action(const struct lisp_mc_info *e)
{
	if (!e->negative)
		return FIB_LISP_ENCAP;
	switch (e->action) {
	case LISP_ACT_SEND_MAP_REQ:
		return FIB_LISP_SIGNAL;
	case LISP_ACT_NATIVE_FWD:
		return e->via_petr ? FIB_LISP_NATIVE_PETR : FIB_LISP_NATIVE;
	default:
		return FIB_LISP_DROP;
	}
}


/* Bit i for the i-th locator (the order the reply gave) while it is up. */
static uint32_t lsb_bits(const struct lisp_mc_info *e)
{
	uint32_t b = 0;

	for (unsigned i = 0; i < e->n_locs && i < 32; i++)
		if (e->locs[i].state == LISP_LOC_UP)
			b |= 1u << i;
	return b;
}

struct fwd_walk {
	struct cli_def *cli;
	struct json *j;
	bool detail;			/* with the paths */
	bool v6;			/* 'show ipv6 lisp ...': the IPv6 EIDs */
};

static void fwd_print(struct fwd_walk *w, const struct lisp_mc_info *e)
{
	char pb[PREFIX_STRLEN], pk[64], ab[ADDR_STRLEN];
	unsigned up = 0, wsum = 0;

	prefix_fmt(&e->prefix, pb, sizeof(pb));
	if (w->j) {
		json_begin(w->j, NULL, '{');
		json_str(w->j, "prefix", pb);
		json_str(w->j, "fwd_action", cef_action_key(mc_fwd_action(e)));
		json_uint(w->j, "locator_status_bits", lsb_bits(e));
		json_uint(w->j, "packets", e->pkts);
		json_uint(w->j, "bytes", e->bytes);
		json_begin(w->j, "paths", '[');
		for (unsigned i = 0; i < e->n_locs; i++) {
			if (e->locs[i].state != LISP_LOC_UP)
				continue;
			json_begin(w->j, NULL, '{');
			json_addr(w->j, "nexthop", &e->locs[i].addr);
			json_str(w->j, "interface", "LISP0");
			json_uint(w->j, "priority", e->locs[i].priority);
			json_uint(w->j, "weight", e->locs[i].weight);
			json_end(w->j, '}');
		}
		json_end(w->j, ']');
		json_end(w->j, '}');
		return;
	}
	cli_print(w->cli, "%-44s %-11s 0x%08x", pb, cef_action_word(mc_fwd_action(e)), lsb_bits(e));
	snprintf(pk, sizeof(pk), "%llu/%llu", (unsigned long long)e->pkts, (unsigned long long)e->bytes);
	cli_print(w->cli, "  %-42s %s", "packets/bytes", pk);
	if (!w->detail || e->negative)
		return;
	/* The paths: the usable locators of the best (lowest) priority,
	 * sharing the traffic by weight. */
	for (unsigned i = 0; i < e->n_locs; i++)
		if (e->locs[i].state == LISP_LOC_UP && e->locs[i].priority != 255 &&
		    (!up || e->locs[i].priority < up))
			up = e->locs[i].priority;
	for (unsigned i = 0; i < e->n_locs; i++)
		if (e->locs[i].state == LISP_LOC_UP && e->locs[i].priority == up)
			wsum += e->locs[i].weight;
	if (!up) {
		cli_print(w->cli, "  no usable path");
		return;
	}
	for (unsigned i = 0; i < e->n_locs; i++) {
		const struct lisp_mc_loc_info *lc = &e->locs[i];

		if (lc->state != LISP_LOC_UP || lc->priority != up)
			continue;
		cli_print(w->cli, "  path share %u/%u, nexthop %s LISP0", lc->weight, wsum,
			  addr_fmt(&lc->addr, ab, sizeof(ab)));
	}
}

/* The whole table in slices (slice_run): never walked whole under the lock. */
static int fwd_copy_fn(const struct lisp_mc_info *e, void *arg)
{
	struct slice *sl = arg;
	const struct fwd_walk *w = sl->arg;

	/* Instance 0's (the walk is in instance order), of the view's
	 * family: 'show ip lisp' is the IPv4 one (::/0 is IPv6's). */
	if (e->prefix.addr.iid) {
		sl->stopped = false;
		return 1;
	}
	if (addr_is_v6(&e->prefix.addr) == w->v6)
		slice_put(sl, e);
	return slice_next(sl, &e->prefix);
}

static void fwd_fill(struct lisp *l, const struct prefix *after, struct slice *sl)
{
	lisp_map_cache_foreach_after(l, after, fwd_copy_fn, sl);
}

static void fwd_emit(void *e, void *arg)
{
	fwd_print(arg, e);
}

struct mc_find {
	const struct prefix *p;
	struct lisp_mc_info *out;
};

static int mc_find_fn(const struct lisp_mc_info *e, void *arg)
{
	struct mc_find *f = arg;

	if (!prefix_eq(f->p, &e->prefix))
		return 0;
	*f->out = *e;
	return 1;
}

/* 'show ip|ipv6 lisp forwarding eid remote [A | P]' */
static int cmd_show_fwd_remote(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct fwd_walk w = { cli, NULL, false, !strncmp(cmd, "show ipv6 ", 10) };
	struct lisp_mc_info one;
	struct mc_find f = { NULL, &one };
	struct prefix p;
	struct addr a;
	struct lisp *l;
	struct json j;
	bool lookup = false, exact = false, found = false;
	char b[PREFIX_STRLEN];

	if (argc > 0) {
		if (strchr(argv[0], '/') && prefix_parse(argv[0], &p, NULL, 0) == 0 && addr_is_v6(&p.addr) == w.v6)
			exact = true;
		else if (addr_parse(argv[0], &a, NULL, 0) == 0 && addr_is_v6(&a) == w.v6)
			lookup = true;
		else
			return shell_err_invalid(cli, 0);
		w.detail = true;
	}
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (lookup) {
		found = lisp_map_cache_lookup(l, &a, &one) == 0;
	} else if (exact) {
		f.p = &p;
		found = lisp_map_cache_foreach(l, mc_find_fn, &f) == 1;
	}
	if (shell_json(cli)) {
		json_open(&j);
		w.j = &j;
		json_begin(&j, NULL, '{');
		json_uint(&j, "instance_id", 0);
		json_begin(&j, "entries", '[');
		if (found) {
			fwd_print(&w, &one);
		} else if (!lookup && !exact &&
			   slice_run(cli, sizeof(struct lisp_mc_info), fwd_fill, fwd_emit, &w) == -1) {
			json_discard(&j);
			return shell_err(cli, "%% Out of memory");
		}
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	if (lookup && !found)
		return shell_err(cli, "%% Could not find EID %s in map-cache.", addr_fmt(&a, b, sizeof(b)));
	if (exact && !found)
		return shell_err(cli, "%% Could not find EID prefix %s in map-cache.", prefix_fmt(&p, b, sizeof(b)));
	cli_print(cli, "%-44s %-11s %s", "Prefix", "Fwd action", "Locator status bits");
	if (found)
		fwd_print(&w, &one);
	else if (slice_run(cli, sizeof(struct lisp_mc_info), fwd_fill, fwd_emit, &w) == -1)
		return shell_err(cli, "%% Out of memory");
	return CLI_OK;
}

/* ------------------------------------------------------------ instance-id */

/* 'N ipv4' at the head of argv: the view, or -1 with the error printed;
 * sub: a word must follow. */
static int inst_args(struct cli_def *cli, char **argv, int argc, struct view *v, bool sub)
{
	long iid;

	if ((iid = shell_arg_uint(cli, argv, argc, 0, 0, LISP_IID_MAX)) < 0)
		return -1;
	if (argc < 2) {
		shell_err_incomplete(cli);
		return -1;
	}
	if ((!is_word(argv[1], "ipv4") && !is_word(argv[1], "ipv6")) || strlen(argv[1]) < 4) {
		shell_err_invalid(cli, 1);
		return -1;
	}
	if (argc < 3 && sub) {
		shell_err_incomplete(cli);
		return -1;
	}
	v->iid = (uint32_t)iid;
	v->o = 3;
	v->xe = true;
	v->af = is_word(argv[1], "ipv6") ? LISP_AF_IPV6 : LISP_AF_IPV4;
	return 0;
}

static int instance_view(struct cli_def *cli, char **argv, int argc, const struct view *v);

/* 'show lisp instance-id N ipv4 [map-cache ... | database | server ... |
 * statistics]': alone, the instance's summary ('show ip lisp' layout). */
/* The instances 'instance-id *' shows: those serving the family (and
 * instance 0, which the classic commands serve), by instance ID. */
struct iid_set {
	uint32_t v[LISP_SHOW_IIDS_MAX];
	unsigned n;
	bool v6, more;
};

static int iid_collect(const struct lisp_inst_info *i, void *arg)
{
	struct iid_set *set = arg;

	if (i->iid != 0 && !(set->v6 ? i->service6 || i->eid_table6 : i->service || i->eid_table))
		return 0;
	if (set->n == LISP_SHOW_IIDS_MAX) {
		set->more = true;
		return 1;
	}
	set->v[set->n++] = i->iid;
	return 0;
}

/*
 * 'show lisp all ...' (IOS-XE): the same as 'show lisp ...' for every
 * 'router lisp' of the router, each under IOS-XE's banner; lispr has one,
 * router lisp 0.  No '| json' (the commands it runs have their own).
 */
static int cmd_show_all(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char banner[] = "=================================================";
	struct shell_sess *s = shell_sess_of(cli);
	const char *saved = s->line;
	int base = s->col_base, col, rc;
	char line[CLI_MAX_LINE_LENGTH + 16];

	if (!argc)
		return shell_err_incomplete(cli);
	if (!strcasecmp(argv[0], "all"))
		return shell_err_invalid(cli, 0);
	col = s->argcol[0];
	snprintf(line, sizeof(line), "show lisp %.*s", s->argend - col, s->line + col);
	cli_print(cli, "%s", "");
	cli_print(cli, "%s", banner);
	cli_print(cli, "Output for router lisp 0");
	cli_print(cli, "%s", banner);
	/* Its words keep their columns: a '^' lands under the one typed. */
	s->col_base = base + col - (int)strlen("show lisp ");
	rc = shell_exec(s, line);
	s->col_base = base;
	s->line = saved;
	return rc;
}

static int cmd_show_instance(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct iid_set *set;
	struct lisp *l;
	struct view v;
	int rc = CLI_OK;
	char *star;

	if (!argc || strcmp(argv[0], "*")) {
		if (inst_args(cli, argv, argc, &v, false) == -1)
			return CLI_ERROR;
		return instance_view(cli, argv + 2, argc - 2, &v);
	}
	/* 'instance-id *': each instance's view in turn, as IOS-XE. */
	if (shell_json(cli))
		return shell_err(cli, "%% JSON shows one instance: name it");
	star = argv[0];
	argv[0] = "0";
	if (inst_args(cli, argv, argc, &v, false) == -1) {
		argv[0] = star;
		return CLI_ERROR;
	}
	argv[0] = star;
	if (!(l = shell_lisp(cli)) || !(set = calloc(1, sizeof(*set))))
		return l ? shell_err(cli, "%% Out of memory") : CLI_ERROR;
	set->v6 = v.af == LISP_AF_IPV6;
	lisp_inst_foreach(l, iid_collect, set);
	for (unsigned k = 0; k < set->n && rc == CLI_OK; k++) {
		/* A blank line between views; IOS's empty tables end in one. */
		if (k && !shell_sess_of(cli)->last_blank)
			cli_print(cli, "%s", "");
		v.iid = set->v[k];
		rc = instance_view(cli, argv + 2, argc - 2, &v);
	}
	if (set->more)
		cli_print(cli, "%% Only the first %d instances shown", LISP_SHOW_IIDS_MAX);
	free(set);
	return rc;
}

/* The view of one instance after its family word: argv[0] (if any) the
 * table, v->o - 1 its position in the command's arguments. */
static int instance_view(struct cli_def *cli, char **argv, int argc, const struct view *v)
{
	struct lisp *l;
	const char *w;

	if (argc == 0)
		return (l = view_lisp(cli, v)) ? ip_lisp_view(cli, l, v) : CLI_ERROR;
	w = argv[0];
	if (is_word(w, "map-cache") && strlen(w) >= 1)
		return map_cache_view(cli, argv + 1, argc - 1, v);
	if (is_word(w, "database"))
		return database_view(cli, argv + 1, argc - 1, v);
	if (is_word(w, "server") && strlen(w) >= 2)
		return site_view(cli, argv + 1, argc - 1, v, true);
	if (is_word(w, "statistics") && strlen(w) >= 2)
		return stats_view(cli, argc - 1, v);
	return shell_err_invalid(cli, v->o - 1);
}

/*
 * 'show lisp eid-table {default | vrf NAME} {ipv4 | ipv6} [map-cache ... |
 * database ... | server ... | statistics]' (IOS-XE): the views of 'show
 * lisp instance-id N', for the instance whose service of that family is
 * bound to the table ('eid-table default' / 'eid-table vrf NAME').
 */
static int cmd_show_eid_table(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct view v = { 0, 0, true, LISP_AF_IPV4 };
	const char *vrf = NULL;
	struct lisp *l;
	int i = 1;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (is_word(argv[0], "vrf") && strlen(argv[0]) >= 1) {
		if (argc < 2)
			return shell_err_incomplete(cli);
		vrf = argv[1];
		i = 2;
	} else if (!is_word(argv[0], "default") || strlen(argv[0]) < 1) {
		return shell_err_invalid(cli, 0);
	}
	if (argc <= i)
		return shell_err_incomplete(cli);
	if ((!is_word(argv[i], "ipv4") && !is_word(argv[i], "ipv6")) || strlen(argv[i]) < 4)
		return shell_err_invalid(cli, i);
	v.af = is_word(argv[i], "ipv6") ? LISP_AF_IPV6 : LISP_AF_IPV4;
	v.o = i + 2;
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (lisp_inst_of_table(l, vrf, &v.iid) == -1)
		return vrf ? shell_err(cli, "%% No LISP instance-id has EID table vrf %s.", vrf) :
			     shell_err(cli, "%% No LISP instance-id has the default EID table.");
	return instance_view(cli, argv + i + 1, argc - i - 1, &v);
}

/*
 * 'show ip lisp instance-id N [map-cache [A | P] [detail] | database |
 * statistics]' and the 'show ipv6 lisp' twin (IOS 15): the classic
 * views on one instance; alone, its 'show ip lisp' summary.
 */
static int cmd_show_ip_instance(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct view v = { 0, 2, false, cmd_view_af(cmd) };
	struct lisp *l;
	long iid;
	const char *w;

	if ((iid = shell_arg_uint(cli, argv, argc, 0, 0, LISP_IID_MAX)) < 0)
		return CLI_ERROR;
	v.iid = (uint32_t)iid;
	if (argc < 2)
		return (l = view_lisp(cli, &v)) ? ip_lisp_view(cli, l, &v) : CLI_ERROR;
	w = argv[1];
	if (is_word(w, "map-cache") && strlen(w) >= 1)
		return map_cache_view(cli, argv + 2, argc - 2, &v);
	if (is_word(w, "database"))
		return database_view(cli, argv + 2, argc - 2, &v);
	if (is_word(w, "statistics"))
		return stats_view(cli, argc - 2, &v);
	return shell_err_invalid(cli, 1);
}

/* An EID prefix or address of the view's family at argv[i] for 'clear
 * ... map-cache P|A': 0 with *p and *host (no length typed), or -1 with
 * the word marked. */
static int clear_eid_arg(struct cli_def *cli, char **argv, int i, const struct view *v,
			 struct prefix *p, bool *host)
{
	struct addr a;

	bool bad;

	*host = !strchr(argv[i], '/');
	if (*host)
		bad = addr_parse(argv[i], &a, NULL, 0) == -1 ||
		      prefix_make(p, &a, addr_is_v6(&a) ? 128 : 32) == -1;
	else
		bad = prefix_parse(argv[i], p, NULL, 0) == -1;
	if (bad || p->addr.afi != view_afi(v)) {
		shell_err_invalid(cli, i);
		return -1;
	}
	return 0;
}

/* The view's instance's dynamic entries: all, or those of one EID. */
static int clear_view(struct cli_def *cli, const struct view *v, const struct prefix *p, bool host)
{
	struct lisp *l;

	if (!(l = view_lisp(cli, v)))
		return CLI_ERROR;
	if (p)
		lisp_map_cache_clear_eid(l, v->iid, p, host);
	else
		lisp_map_cache_clear_inst(l, v->iid, view_afi(v));
	return CLI_OK;
}

/* 'clear lisp instance-id N {ipv4 | ipv6} map-cache [P | A]' */
static int cmd_clear_instance(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct view v;
	struct prefix p;
	bool host = false;

	if (inst_args(cli, argv, argc, &v, true) == -1)
		return CLI_ERROR;
	if (!is_word(argv[2], "map-cache"))
		return shell_err_invalid(cli, 2);
	if (argc > 4)
		return shell_err_invalid(cli, 4);
	if (argc == 4 && clear_eid_arg(cli, argv, 3, &v, &p, &host) == -1)
		return CLI_ERROR;
	return clear_view(cli, &v, argc == 4 ? &p : NULL, host);
}

/* ------------------------------------------------------------ clear */

/* 'clear ip lisp map-cache [P | A] [instance-id N]' and 'clear ipv6 lisp
 * map-cache ...': the family's dynamic entries of the instance (0, the
 * default table, without one); with P those inside it, with A the one a
 * lookup of A finds.  Static entries stay. */
static int cmd_clear_map_cache(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct view v = { 0, 0, false, cmd_view_af(cmd) };
	struct prefix p;
	bool host = false, eid = false;
	long iid;
	int i = 0;

	if (argc && !is_word(argv[0], "instance-id")) {
		if (clear_eid_arg(cli, argv, 0, &v, &p, &host) == -1)
			return CLI_ERROR;
		eid = true;
		i = 1;
	}
	if (argc > i) {
		if (!is_word(argv[i], "instance-id"))
			return shell_err_invalid(cli, i);
		if ((iid = shell_arg_uint(cli, argv, argc, i + 1, 0, LISP_IID_MAX)) < 0)
			return CLI_ERROR;
		if (argc > i + 2)
			return shell_err_invalid(cli, i + 2);
		v.iid = (uint32_t)iid;
	}
	return clear_view(cli, &v, eid ? &p : NULL, host);
}

/*
 * 'clear lisp site [name NAME | P [instance-id N]]': on the Map-Server, the
 * registrations of every site, of one site or of one registered prefix
 * end now (as if they had expired); ETRs register again at their next
 * Map-Register.
 */
static int cmd_clear_site(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct prefix p, *pp = NULL;
	const char *name = NULL;
	struct lisp *l;
	unsigned n;
	char err[160];
	long iid;

	if (argc > 0 && is_word(argv[0], "name") && strlen(argv[0]) >= 1) {
		if (argc < 2)
			return shell_err_incomplete(cli);
		if (argc > 2)
			return shell_err_invalid(cli, 2);
		name = argv[1];
	} else if (argc > 0) {
		if (!strchr(argv[0], '/') || prefix_parse(argv[0], &p, NULL, 0) == -1)
			return shell_err_invalid(cli, 0);
		if (argc > 1) {
			if (!is_word(argv[1], "instance-id") || strlen(argv[1]) < 1)
				return shell_err_invalid(cli, 1);
			if ((iid = shell_arg_uint(cli, argv, argc, 2, 0, LISP_IID_MAX)) < 0)
				return CLI_ERROR;
			if (argc > 3)
				return shell_err_invalid(cli, 3);
			p.addr.iid = (uint32_t)iid;
		}
		pp = &p;
	}
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (lisp_site_clear(l, name, pp, &n, err, sizeof(err)) == -1)
		return shell_err(cli, "%s", err);
	return CLI_OK;
}

static int cmd_clear_stats(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct lisp *l;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (!(l = shell_lisp(cli)))
		return CLI_ERROR;
	lisp_clear_stats(l);
	return CLI_OK;
}

/* ------------------------------------------------------------ lig */

struct lwait {
	pthread_mutex_t m;
	pthread_cond_t cv;
	bool done;
	struct lisp_lig_result res;
};

static void lig_done(void *arg, const struct lisp_lig_result *res)
{
	struct lwait *w = arg;

	pthread_mutex_lock(&w->m);
	w->res = *res;
	w->done = true;
	pthread_cond_signal(&w->cv);
	pthread_mutex_unlock(&w->m);
}

static int first_resolver(const struct addr *a, void *arg)
{
	*(struct addr *)arg = *a;
	return 1;
}

static void lig_wait(struct shell_sess *s, struct lisp *l, struct router *r, struct lwait *w)
{
	struct evloop *ev = router_loop(r);
	uint64_t t;

	if (ev_clock_kind(ev) == EV_CLOCK_MANUAL) {
		/* No loop thread: the command moves the clock itself. */
		for (unsigned steps = 0; !w->done; steps++) {
			if (s->sh->manual_step) {
				if (steps > 100000) {
					lisp_lig_cancel(l, w);
					break;
				}
				s->sh->manual_step(s->sh->manual_arg);
				continue;
			}
			router_poll(r);
			if (w->done)
				break;
			if (!ev_next_deadline(ev, &t)) {
				lisp_lig_cancel(l, w);
				break;
			}
			ev_clock_set(ev, t > ev_now(ev) ? t : ev_now(ev));
		}
		return;
	}
	shell_unlock(s->sh);
	shell_flush(s);
	pthread_mutex_lock(&w->m);
	for (int waited = 0; !w->done && waited < 5 * LIG_WAIT_MAX_S; waited++) {
		/* A vty client that hangs up cancels its lig. */
		if (shell_hung_up(s))
			break;
		shell_cond_wait_ms(&w->cv, &w->m, 200);
	}
	pthread_mutex_unlock(&w->m);
	shell_lock(s->sh);
	/* The engine times lig out itself; this bounds the wait should its
	 * callback never come.  Cancelled, w can go away safely. */
	if (!w->done)
		lisp_lig_cancel(l, w);
}

/* The database mappings 'lig self' asks for, with their own locators. */
struct lig_self {
	struct lisp_db_info db[16];
	unsigned n;
	bool all;
	bool v6;			/* 'lig self ipv6' */
	uint32_t iid;			/* the instance's mappings */
};

static int lig_self_collect(const struct lisp_db_info *d, void *arg)
{
	struct lig_self *ls = arg;

	if ((ls->v6 ? !addr_is_v6(&d->prefix.addr) : !addr_is_v4(&d->prefix.addr)) ||
	    d->prefix.addr.iid != ls->iid || ls->n == sizeof(ls->db) / sizeof(ls->db[0]))
		return 0;
	ls->db[ls->n++] = *d;
	return ls->all ? 0 : 1;
}

/* The reply to 'lig self' as IOS shows it: the mapping marked self, and
 * the locators that are ours 'up, self'. */
static void lig_self_print(struct cli_def *cli, uint64_t now, const struct lisp_lig_result *res,
			   const struct lisp_db_info *db)
{
	char pb[PREFIX_STRLEN], ub[32], xb[32], ab[ADDR_STRLEN], pw[16];
	int w;

	cli_print(cli, "%s, uptime: %s, expires: %s, via map-reply, self%s", prefix_fmt(&res->prefix, pb, sizeof(pb)),
		  fmt_age(now, now, ub, sizeof(ub)), fmt_expires(now, now + (uint64_t)res->ttl * 60 * NS, xb, sizeof(xb)),
		  res->negative ? "" : ", complete");
	if (res->negative) {
		cli_print(cli, "  Negative cache entry, action: %s", action_word(res->action));
		return;
	}
	w = loc_width(&res->locs[0].addr, sizeof(res->locs[0]), res->n_locs);
	cli_print(cli, "  %-*s%-10s%-11s%s", w, "Locator", "Uptime", "State", "Pri/Wgt");
	for (unsigned i = 0; i < res->n_locs; i++) {
		const struct lisp_mc_loc_info *lc = &res->locs[i];
		bool self = false;
		char st[24];

		for (unsigned k = 0; k < db->n_locs; k++)
			if (db->locs[k].self && addr_cmp(&db->locs[k].addr, &lc->addr) == 0)
				self = true;
		snprintf(st, sizeof(st), "%s%s", loc_state(lc->state), self ? ", self" : "");
		pri_wgt(pw, sizeof(pw), lc->priority, lc->weight, true);
		cli_print(cli, "  %-*s%-10s%-11s%s", w, addr_fmt(&lc->addr, ab, sizeof(ab)),
			  fmt_age(now, now, ub, sizeof(ub)), st, pw);
	}
}

/* One lig: send, wait, print; self: db is the local mapping asked for. */
static int lig_one(struct cli_def *cli, struct lisp *l, struct router *r, const struct addr *eid,
		   const struct addr *src, const struct addr *mr, const struct lisp_db_info *db)
{
	struct shell_sess *s = shell_sess_of(cli);
	char err[256] = "", ab[ADDR_STRLEN], eb[ADDR_STRLEN];
	struct lwait w;
	int rc = CLI_OK;

	memset(&w, 0, sizeof(w));
	pthread_mutex_init(&w.m, NULL);
	pthread_cond_init(&w.cv, NULL);
	if (lisp_lig(l, eid, src, lig_done, &w, err, sizeof(err)) == -1) {
		rc = shell_err(cli, "%s", err[0] ? err : "% lig failed");
		goto out;
	}
	addr_fmt(eid, eb, sizeof(eb));
	cli_print(cli, "Send %smap-request to %s for %s ...", db ? "loopback " : "", addr_fmt(mr, ab, sizeof(ab)), eb);
	lig_wait(s, l, r, &w);
	if (!w.res.replied) {
		cli_print(cli, "*** No map-reply received for EID %s", eb);
		goto out;
	}
	cli_print(cli, "Mapping information for EID %s from %s with RTT %llu msecs", eb,
		  addr_fmt(&w.res.from, ab, sizeof(ab)), (unsigned long long)(w.res.rtt_ns / 1000000));
	if (db) {
		lig_self_print(cli, router_now(r), &w.res, db);
	} else {
		struct lisp_mc_info e;
		uint64_t now = router_now(r);

		memset(&e, 0, sizeof(e));
		e.prefix = w.res.prefix;
		e.source = LISP_MC_MAP_REPLY;
		e.negative = w.res.negative;
		e.action = w.res.action;
		e.authoritative = w.res.authoritative;
		e.created = now;
		e.expires = now + (uint64_t)w.res.ttl * 60 * NS;
		e.ttl = w.res.ttl;
		e.n_locs = w.res.n_locs;
		memcpy(e.locs, w.res.locs, sizeof(e.locs));
		for (unsigned i = 0; i < e.n_locs; i++)
			e.locs[i].uptime = now;
		mc_print(cli, now, &e, false);
	}
out:
	pthread_cond_destroy(&w.cv);
	pthread_mutex_destroy(&w.m);
	return rc;
}

static bool word_is(const char *w, const char *kw, size_t min)
{
	size_t n = strlen(w);

	return n >= min && n <= strlen(kw) && !strncasecmp(w, kw, n);
}

/*
 * 'lig [instance-id N] {EID | HOST} [source A]', 'lig [instance-id N] self [ipv4]
 * [all-eid] [source A]' (also 'lig self all'): privileged EXEC, as IOS.
 * self asks for the first IPv4 database mapping (every one with
 * all/all-eid), its own address as the EID: the way to see that the site
 * is registered, since the answer comes back through the mapping system
 * from our own ETR (or the Map-Server, proxy-replying).  With an
 * instance, the EID and the source are that instance's (the request
 * carries the ID in an Instance-ID LCAF), and self asks for its
 * mappings.
 */
static int cmd_lig(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct addr eid, src, mr;
	struct router *r;
	struct lisp *l;
	struct lig_self *ls = NULL;
	bool has_src = false, self = false, all = false, v6 = false;
	int b = 0, i, rc = CLI_OK;
	uint32_t iid = 0;
	long n;

	if (argc > 0 && word_is(argv[0], "instance-id", 1)) {
		if ((n = shell_arg_uint(cli, argv, argc, 1, 0, LISP_IID_MAX)) < 0)
			return CLI_ERROR;
		iid = (uint32_t)n;
		b = 2;
	}
	i = b + 1;
	if (argc < b + 1)
		return shell_err_incomplete(cli);
	if (addr_parse(argv[b], &eid, NULL, 0) == 0) {
		if (!addr_is_v4(&eid) && !addr_is_v6(&eid))
			return shell_err_invalid(cli, b);
	} else if (word_is(argv[b], "self", 1)) {
		self = true;
		if (i < argc && word_is(argv[i], "ipv4", 4))
			i++;
		else if (i < argc && word_is(argv[i], "ipv6", 4))
			v6 = true, i++;
		if (i < argc && (word_is(argv[i], "all-eid", 4) || word_is(argv[i], "all", 3))) {
			all = true;
			i++;
		}
	} else if (shell_host_addr(shell_sess_of(cli)->sh, NULL, argv[b], 0, &eid) == -1) {
		/* not a name of the host table either ('ip host') */
		return shell_err(cli, "%% Unrecognized host or address, or protocol not running.");
	}
	if (i < argc) {
		if (!word_is(argv[i], "source", 1))
			return shell_err_invalid(cli, i);
		if (i + 1 >= argc)
			return shell_err_incomplete(cli);
		if (addr_parse(argv[i + 1], &src, NULL, 0) == -1 || (!addr_is_v4(&src) && !addr_is_v6(&src)))
			return shell_err_invalid(cli, i + 1);
		if (argc > i + 2)
			return shell_err_invalid(cli, i + 2);
		has_src = true;
		src.iid = iid;
	}
	eid.iid = iid;
	if (!(r = shell_router(cli)) || !(l = shell_lisp(cli)))
		return CLI_ERROR;
	if (iid && !lisp_inst_find(l, iid))
		return shell_err(cli, "%% LISP instance-id %u is not configured.", (unsigned)iid);
	memset(&mr, 0, sizeof(mr));
	if (lisp_map_resolver_foreach(l, first_resolver, &mr) == 0)
		return shell_err(cli, "%% No map-resolver configured ('ip lisp itr map-resolver A')");
	/* the resolver of the EID's family (lisp_itr.c), the one asked */
	if (!lisp_map_resolver_first(l, (self ? v6 : eid.afi == AFI_IPV6) ? AFI_IPV6 : AFI_IPV4, &mr))
		return shell_err(cli, "%% No map-resolver configured for %s EIDs",
				 (self ? v6 : eid.afi == AFI_IPV6) ? "IPv6" : "IPv4");
	if (!self)
		return lig_one(cli, l, r, &eid, has_src ? &src : NULL, &mr, NULL);
	if (!(ls = calloc(1, sizeof(*ls))))
		return shell_err(cli, "%% Out of memory");
	ls->all = all;
	ls->v6 = v6;
	ls->iid = iid;
	lisp_db_foreach(l, lig_self_collect, ls);
	if (!ls->n)
		rc = shell_err(cli, "%% No local IPv%d EID prefixes configured (database-mapping)", v6 ? 6 : 4);
	for (unsigned k = 0; k < ls->n && rc == CLI_OK; k++) {
		eid = ls->db[k].prefix.addr;
		rc = lig_one(cli, l, r, &eid, has_src ? &src : &eid, &mr, &ls->db[k]);
	}
	free(ls);
	return rc;
}

/* ------------------------------------------------------------ registration */

static void lisp_show_cmds(struct cli_def *cli)
{
	const int U = SHELL_PRIV_USER, P = SHELL_PRIV_ENABLE, X = SHELL_EXEC;
	struct cli_command *show, *ip, *lisp, *c, *xe;

	show = shell_node(cli, NULL, "show", U, X, "Show running system information");
	ip = shell_node(cli, show, "ip", U, X, "IP information");
	lisp = shell_cmd(cli, ip, "lisp", cmd_show_ip_lisp, U, X, "Locator/ID Separation Protocol");
	shell_syntax(cli, lisp, "");
	shell_json_ok(cli, lisp);
	c = shell_cmd(cli, lisp, "map-cache", cmd_show_map_cache, U, X, "EID-to-RLOC map-cache");
	shell_arghelp(cli, c, "A.B.C.D\tLongest match for an EID (optional)\n"
		      "A.B.C.D/nn\tExact EID prefix (optional)\ndetail\tEvery entry in detail (optional)");
	shell_syntax(cli, c, "[A.B.C.D | A.B.C.D/nn] [detail]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, lisp, "database", cmd_show_database, U, X, "Local EID prefixes and their locators");
	shell_arghelp(cli, c, "A.B.C.D\tThe mapping covering an EID (optional)\n"
		      "A.B.C.D/nn\tThe mapping of an EID prefix (optional)");
	shell_syntax(cli, c, "[A.B.C.D | A.B.C.D/nn]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, lisp, "statistics", cmd_show_stats, U, X, "LISP counters");
	shell_syntax(cli, c, "");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, lisp, "instance-id", cmd_show_ip_instance, U, X, "One instance's tables");
	shell_arghelp(cli, c, "<0-16777214>\tInstance ID (alone: its settings and sizes)\nmap-cache\tEID-to-RLOC map-cache\n"
		      "A.B.C.D\tLongest match for an EID (optional)\nA.B.C.D/nn\tExact EID prefix (optional)\n"
		      "detail\tEvery entry in detail (optional)\n"
		      "database\tLocal EID prefixes and their locators\nstatistics\tLISP counters");
	shell_syntax(cli, c, "<0-16777214> [map-cache [A.B.C.D | A.B.C.D/nn] [detail] | database [A.B.C.D | A.B.C.D/nn] | statistics]");
	shell_json_ok(cli, c);
	c = shell_node(cli, lisp, "forwarding", U, X, "The LISP forwarding table");
	c = shell_node(cli, c, "eid", U, X, "EID prefixes");
	c = shell_cmd(cli, c, "remote", cmd_show_fwd_remote, U, X, "Remote EID prefixes (the map-cache)");
	shell_arghelp(cli, c, "A.B.C.D\tLongest match for an EID, with its paths (optional)\n"
		      "A.B.C.D/nn\tExact EID prefix, with its paths (optional)");
	shell_syntax(cli, c, "[A.B.C.D | A.B.C.D/nn]");
	shell_json_ok(cli, c);
	/* 'show ipv6 lisp ...': the IPv6 EIDs' views */
	ip = shell_node(cli, show, "ipv6", U, X, "IPv6 information");
	lisp = shell_cmd(cli, ip, "lisp", cmd_show_ip_lisp, U, X, "Locator/ID Separation Protocol");
	shell_syntax(cli, lisp, "");
	shell_json_ok(cli, lisp);
	c = shell_cmd(cli, lisp, "map-cache", cmd_show_map_cache, U, X, "EID-to-RLOC map-cache");
	shell_arghelp(cli, c, "X:X:X:X::X\tLongest match for an EID (optional)\n"
		      "X:X:X:X::X/nn\tExact EID prefix (optional)\ndetail\tEvery entry in detail (optional)");
	shell_syntax(cli, c, "[X:X:X:X::X | X:X:X:X::X/nn] [detail]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, lisp, "database", cmd_show_database, U, X, "Local EID prefixes and their locators");
	shell_arghelp(cli, c, "X:X:X:X::X\tThe mapping covering an EID (optional)\n"
		      "X:X:X:X::X/nn\tThe mapping of an EID prefix (optional)");
	shell_syntax(cli, c, "[X:X:X:X::X | X:X:X:X::X/nn]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, lisp, "statistics", cmd_show_stats, U, X, "LISP counters");
	shell_syntax(cli, c, "");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, lisp, "instance-id", cmd_show_ip_instance, U, X, "One instance's tables");
	shell_arghelp(cli, c, "<0-16777214>\tInstance ID (alone: its settings and sizes)\nmap-cache\tEID-to-RLOC map-cache\n"
		      "X:X:X:X::X\tLongest match for an EID (optional)\nX:X:X:X::X/nn\tExact EID prefix (optional)\n"
		      "detail\tEvery entry in detail (optional)\n"
		      "database\tLocal EID prefixes and their locators\nstatistics\tLISP counters");
	shell_syntax(cli, c, "<0-16777214> [map-cache [X:X:X:X::X | X:X:X:X::X/nn] [detail] | database [X:X:X:X::X | X:X:X:X::X/nn] | statistics]");
	shell_json_ok(cli, c);
	c = shell_node(cli, lisp, "forwarding", U, X, "The LISP forwarding table");
	c = shell_node(cli, c, "eid", U, X, "EID prefixes");
	c = shell_cmd(cli, c, "remote", cmd_show_fwd_remote, U, X, "Remote EID prefixes (the map-cache)");
	shell_arghelp(cli, c, "X:X:X:X::X\tLongest match for an EID, with its paths (optional)\n"
		      "X:X:X:X::X/nn\tExact EID prefix, with its paths (optional)");
	shell_syntax(cli, c, "[X:X:X:X::X | X:X:X:X::X/nn]");
	shell_json_ok(cli, c);
	c = shell_node(cli, show, "lisp", U, X, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "site", cmd_show_site, U, X, "Map-Server site registrations");
	shell_arghelp(cli, c, "summary\tConfigured and registered EID prefixes per site (optional)\n"
		      "name\tOne site, by name (optional)\nA.B.C.D\tThe site EID prefix covering an EID "
		      "(optional)\nA.B.C.D/nn\tThe site EID prefix covering a prefix (optional)\n"
		      "detail\tEvery field (optional)\nNAME\tSite name\n"
		      "instance-id\tOne instance's EID prefixes (optional)\n<0-16777214>\tInstance ID\n"
		      "X:X:X:X::X\tThe site EID prefix covering an IPv6 EID (optional)\n"
		      "X:X:X:X::X/nn\tThe site EID prefix covering an IPv6 prefix (optional)");
	shell_syntax(cli, c, "[instance-id <0-16777214>] [summary | [name NAME | A.B.C.D | A.B.C.D/nn | "
		     "X:X:X:X::X | X:X:X:X::X/nn] [instance-id <0-16777214>] [detail]]");
	shell_json_ok(cli, c);
	c = shell_node(cli, show, "lisp", U, X, "Locator/ID Separation Protocol");
	xe = shell_cmd(cli, c, "all", cmd_show_all, U, X, "Every router lisp (lispr: router lisp 0)");
	shell_arghelp(cli, xe, "LINE\tWhat 'show lisp' takes: service, instance-id, site, session, ...");
	shell_syntax(cli, xe, "LINE");
	xe = shell_cmd(cli, c, "session", cmd_show_session, U, X, "Sessions with the Map-Servers");
	shell_arghelp(cli, xe, "established\tOnly the sessions that are up (optional)");
	shell_syntax(cli, xe, "[established]");
	shell_json_ok(cli, xe);
	xe = shell_cmd(cli, c, "service", cmd_show_service, U, X, "Settings of an address family's service");
	shell_arghelp(cli, xe, "ipv4\tThe IPv4 service\nipv6\tThe IPv6 service\n"
		      "summary\tOne line per instance (optional)");
	shell_syntax(cli, xe, "{ipv4 | ipv6} [summary]");
	shell_json_ok(cli, xe);
	xe = shell_cmd(cli, c, "instance-id", cmd_show_instance, U, X, "One instance's tables");
	shell_arghelp(cli, xe, "<0-16777214>\tInstance ID\n*\tEvery instance of the family, in turn\nipv4\tIPv4 EIDs\n"
		      "map-cache\tEID-to-RLOC map-cache\nA.B.C.D\tLongest match for an EID (optional)\n"
		      "A.B.C.D/nn\tExact EID prefix (optional)\ndetail\tEvery entry in detail (optional)\n"
		      "database\tLocal EID prefixes and their locators\n"
		      "server\tMap-Server site registrations\nsummary\tPer site counts (optional)\n"
		      "name\tOne site, by name (optional)\nNAME\tSite name\n"
		      "A.B.C.D\tThe site EID prefix covering an EID (optional)\n"
		      "A.B.C.D/nn\tThe site EID prefix covering a prefix (optional)\n"
		      "detail\tEvery field (optional)\nstatistics\tLISP counters\nipv6\tIPv6 EIDs\n"
		      "map-cache\tEID-to-RLOC map-cache\nX:X:X:X::X\tLongest match for an EID (optional)\n"
		      "X:X:X:X::X/nn\tExact EID prefix (optional)\ndetail\tEvery entry in detail (optional)\n"
		      "database\tLocal EID prefixes and their locators\n"
		      "server\tMap-Server site registrations\nsummary\tPer site counts (optional)\n"
		      "name\tOne site, by name (optional)\nNAME\tSite name\n"
		      "X:X:X:X::X\tThe site EID prefix covering an EID (optional)\n"
		      "X:X:X:X::X/nn\tThe site EID prefix covering a prefix (optional)\n"
		      "detail\tEvery field (optional)\nstatistics\tLISP counters");
	shell_syntax(cli, xe, "{<0-16777214> | *} {ipv4 [map-cache [A.B.C.D | A.B.C.D/nn] [detail] | database [A.B.C.D | A.B.C.D/nn] | "
		     "server [summary | [name NAME | A.B.C.D | A.B.C.D/nn] [detail]] | statistics] | "
		     "ipv6 [map-cache [X:X:X:X::X | X:X:X:X::X/nn] [detail] | database [X:X:X:X::X | X:X:X:X::X/nn] | "
		     "server [summary | [name NAME | X:X:X:X::X | X:X:X:X::X/nn] [detail]] | statistics]}");
	shell_json_ok(cli, xe);
	xe = shell_cmd(cli, c, "eid-table", cmd_show_eid_table, U, X,
		       "The tables of the instance bound to an EID table");
	shell_arghelp(cli, xe, "default\tThe global routing table\nvrf\tA VRF's table\nNAME\tVRF name\n"
		      "ipv4\tIPv4 EIDs\nipv6\tIPv6 EIDs\n"
		      "map-cache\tEID-to-RLOC map-cache\ndatabase\tLocal EID prefixes and their locators\n"
		      "server\tMap-Server site registrations\nstatistics\tLISP counters");
	shell_syntax(cli, xe, "{default | vrf NAME} {ipv4 [map-cache [A.B.C.D | A.B.C.D/nn] [detail] | "
		     "database [A.B.C.D | A.B.C.D/nn] | server [summary | [name NAME | A.B.C.D | A.B.C.D/nn] "
		     "[detail]] | statistics] | ipv6 [map-cache [X:X:X:X::X | X:X:X:X::X/nn] [detail] | "
		     "database [X:X:X:X::X | X:X:X:X::X/nn] | server [summary | [name NAME | X:X:X:X::X | "
		     "X:X:X:X::X/nn] [detail]] | statistics]}");
	shell_json_ok(cli, xe);
	ip = shell_node(cli, show, "ip", U, X, "IP information");
	c = shell_cmd(cli, ip, "cef", cmd_show_cef, U, X, "Cisco Express Forwarding: the FIB and LISP together");
	shell_arghelp(cli, c, "A.B.C.D\tLongest match for an address, or a prefix with its mask (optional)\n"
		      "A.B.C.D/nn\tExact prefix (optional)\ndetail\tEvery entry in detail (optional)\n"
		      "A.B.C.D\tMask of the prefix (optional)");
	shell_syntax(cli, c, "[A.B.C.D [A.B.C.D] | A.B.C.D/nn] [detail]");
	shell_json_ok(cli, c);

	c = shell_node(cli, NULL, "clear", P, X, "Reset functions");
	ip = shell_node(cli, c, "ip", P, X, "IP");
	lisp = shell_node(cli, ip, "lisp", P, X, "Locator/ID Separation Protocol");
	xe = shell_cmd(cli, lisp, "map-cache", cmd_clear_map_cache, P, X, "Remove dynamic IPv4 map-cache entries");
	shell_arghelp(cli, xe, "A.B.C.D/nn\tThe entries inside this EID prefix (optional)\n"
		      "A.B.C.D\tThe entry this EID matches (optional)\n"
		      "instance-id\tOne instance's entries (instance 0 without it) (optional)\n<0-16777214>\tInstance ID");
	shell_syntax(cli, xe, "[A.B.C.D/nn | A.B.C.D] [instance-id <0-16777214>]");
	shell_syntax(cli, shell_cmd(cli, lisp, "statistics", cmd_clear_stats, P, X, "Reset the LISP counters"), "");
	ip = shell_node(cli, c, "ipv6", P, X, "IPv6");
	lisp = shell_node(cli, ip, "lisp", P, X, "Locator/ID Separation Protocol");
	xe = shell_cmd(cli, lisp, "map-cache", cmd_clear_map_cache, P, X, "Remove dynamic IPv6 map-cache entries");
	shell_arghelp(cli, xe, "X:X:X:X::X/nn\tThe entries inside this EID prefix (optional)\n"
		      "X:X:X:X::X\tThe entry this EID matches (optional)\n"
		      "instance-id\tOne instance's entries (instance 0 without it) (optional)\n<0-16777214>\tInstance ID");
	shell_syntax(cli, xe, "[X:X:X:X::X/nn | X:X:X:X::X] [instance-id <0-16777214>]");
	lisp = shell_node(cli, c, "lisp", P, X, "Locator/ID Separation Protocol");
	xe = shell_cmd(cli, lisp, "site", cmd_clear_site, P, X, "End Map-Server site registrations");
	shell_arghelp(cli, xe, "name\tOne site's registrations (optional)\nNAME\tSite name\n"
		      "A.B.C.D/nn\tOne registered IPv4 EID prefix (optional)\n"
		      "X:X:X:X::X/nn\tOne registered IPv6 EID prefix (optional)\n"
		      "instance-id\tThe prefix's instance (0 without it) (optional)\n<0-16777214>\tInstance ID");
	shell_syntax(cli, xe, "[name NAME | {A.B.C.D/nn | X:X:X:X::X/nn} [instance-id <0-16777214>]]");
	xe = shell_cmd(cli, lisp, "instance-id", cmd_clear_instance, P, X, "One instance's tables");
	shell_arghelp(cli, xe, "<0-16777214>\tInstance ID\nipv4\tIPv4 EIDs\nipv6\tIPv6 EIDs\n"
		      "map-cache\tRemove the instance's dynamic map-cache entries\n"
		      "A.B.C.D/nn\tThe entries inside this EID prefix (optional)\n"
		      "A.B.C.D\tThe entry this EID matches (optional)\n"
		      "X:X:X:X::X/nn\tThe entries inside this EID prefix (optional)\n"
		      "X:X:X:X::X\tThe entry this EID matches (optional)");
	shell_syntax(cli, xe, "<0-16777214> {ipv4 | ipv6} map-cache [A.B.C.D/nn | A.B.C.D | X:X:X:X::X/nn | X:X:X:X::X]");

	c = shell_cmd(cli, NULL, "lig", cmd_lig, P, X, "LISP Internet Groper: look up an EID");
	shell_arghelp(cli, c, "instance-id\tIn an instance (default: instance 0) (optional)\n"
		      "<0-16777214>\tInstance ID\nA.B.C.D\tEID to look up\n"
		      "HOST\tEID to look up, by its name (ip host)\n"
		      "self\tLook up our own EID prefix: is the site registered?\n"
		      "ipv4\tIPv4 EID prefixes\n"
		      "all-eid\tEvery local EID prefix\n"
		      "all\tEvery local EID prefix\n"
		      "source\tSource EID of the Map-Request\n"
		      "A.B.C.D\tSource EID\n"
		      "X:X:X:X::X\tIPv6 EID to look up\nipv6\tIPv6 EID prefixes\nX:X:X:X::X\tIPv6 source EID");
	shell_syntax(cli, c, "[instance-id <0-16777214>] {A.B.C.D | X:X:X:X::X | HOST | self [ipv4 | ipv6] [all-eid | all]} "
		     "[source {A.B.C.D | X:X:X:X::X}]");
}

const struct shell_feature shell_feature_lisp_show = {
	.name = "lisp-show",
	.cmds = lisp_show_cmds,
};
