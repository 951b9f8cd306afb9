/*
 * DOC: the LISP running-config: one model, printed the way it was written
 *
 * Both printers walk the engine's configuration model (src/lisp/lisp.h)
 * and print only non-default values, in a fixed order:
 *   the classic lines ('ip lisp ...', then each 'lisp site NAME' block)
 *     for the global settings, mappings, static entries and sites written
 *     that way (or never written: an empty style prints classic);
 *   then one 'router lisp' block for everything written in it, in the
 *     order IOS prints it: locator-table, locator-sets, the default set,
 *     the top-level lines, IOS 15 mappings (at the top, or in 15.4's
 *     'eid-table {default | vrf NAME} instance-id N' blocks), IOS-XE's
 *     'service ipv4' and 'instance-id N' blocks (with 'eid-table default'
 *     or 'eid-table vrf NAME'), the sites, IOS 15's 'ipv4 ...' lines.
 * The instances print in ID order, each with its own mappings and static
 * entries (their prefix's addr.iid); the IOS-XE global settings written
 * in an instance's service print in that instance (lisp_xe_opts.in_iid).
 * Each sub-block ends as its style does ('exit' for IOS 15, 'exit-site',
 * 'exit-service-ipv4', ... for IOS-XE) followed by a ' !' separator, and
 * the block ends with 'exit-router-lisp' when any part of it is IOS-XE,
 * 'exit' otherwise.
 *
 * IPv6 EIDs: each global setting prints in the families it was written
 * for (lisp_af_kind(), lisp_af_entry()): 'ip lisp ...' then 'ipv6 lisp
 * ...'; IOS 15's 'ipv4 ...' then 'ipv6 ...'; IOS-XE's 'service ipv4'
 * then 'service ipv6', at the top and in the instance.  A mapping or
 * static entry prints with its prefix's family ('ipv6 lisp
 * database-mapping 2001:db8:1::/48 ...', the instance's 'service ipv6').  Loading the print gives the same model, styles
 * included, so a second print is the same text (tests/test_shell*.c).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cmd_ddt.h"
#include "cmd_lisp.h"
#include "lisp.h"
#include "secret.h"
#include "shell.h"

static bool classic(enum lisp_style st)
{
	return st == LISP_STYLE_NONE || st == LISP_STYLE_CLASSIC;
}

static bool xe(enum lisp_style st)
{
	return st == LISP_STYLE_XE;
}

/* ' A priority p weight w' or ' IPv4-interface IF ...' (classic: ' IF
 * ...'); an IPv6 interface is 'IPv6-interface IF' (IOS-XE's case) or
 * 'ipv6-interface IF'. */
static void fmt_loc(FILE *f, const struct lisp_loc_cfg *c, enum lisp_style st)
{
	char ab[ADDR_STRLEN];

	if (c->ifname[0] && c->ifafi == AFI_IPV6)
		fprintf(f, " %s%s", st == LISP_STYLE_XE ? "IPv6-interface " : "ipv6-interface ", c->ifname);
	else if (c->ifname[0])
		fprintf(f, " %s%s", classic(st) ? "" : st == LISP_STYLE_XE ? "IPv4-interface " :
			"ipv4-interface ", c->ifname);
	else
		fprintf(f, " %s", addr_fmt(&c->addr, ab, sizeof(ab)));
	fprintf(f, " priority %u weight %u", c->priority, c->weight);
}

/* ------------------------------------------------------------ entries */

/* Database mappings and static map-cache entries of one style, each
 * line after 'pfx' ("ip lisp " or "") at indentation 'ind'. */
struct ent_wr {
	FILE *f;
	enum lisp_style st;
	const char *ind, *pfx;
	unsigned af;			/* the prefix families printed */
	unsigned n;			/* entries of the style seen */
};

static bool af_has(const struct prefix *p, unsigned af)
{
	return (addr_is_v6(&p->addr) ? LISP_AF_IPV6 : LISP_AF_IPV4) & af;
}

static bool same_style(enum lisp_style a, enum lisp_style b)
{
	return a == b || (classic(a) && classic(b));
}

static int write_db(const struct lisp_db_info *d, void *arg)
{
	struct ent_wr *w = arg;
	char pb[PREFIX_STRLEN];

	if (!same_style(d->style, w->st) || !af_has(&d->prefix, w->af))
		return 0;
	w->n++;
	prefix_fmt(&d->prefix, pb, sizeof(pb));
	if (d->default_set) {
		fprintf(w->f, "%s%sdatabase-mapping %s\n", w->ind, w->pfx, pb);
		return 0;
	}
	if (d->locset[0]) {
		fprintf(w->f, "%s%sdatabase-mapping %s locator-set %s\n", w->ind, w->pfx, pb, d->locset);
		return 0;
	}
	for (unsigned i = 0; i < d->n_locs; i++) {
		fprintf(w->f, "%s%sdatabase-mapping %s", w->ind, w->pfx, pb);
		fmt_loc(w->f, &d->locs[i].cfg, w->st);
		fputc('\n', w->f);
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
	struct ent_wr *w = arg;
	char pb[PREFIX_STRLEN];

	if (!same_style(s->style, w->st) || !af_has(&s->prefix, w->af))
		return 0;
	w->n++;
	prefix_fmt(&s->prefix, pb, sizeof(pb));
	if (!s->n_locs && s->action < sizeof(act) / sizeof(act[0]) && act[s->action])
		fprintf(w->f, "%s%smap-cache %s %s\n", w->ind, w->pfx, pb, act[s->action]);
	for (unsigned i = 0; i < s->n_locs; i++) {
		fprintf(w->f, "%s%smap-cache %s", w->ind, w->pfx, pb);
		fmt_loc(w->f, &s->locs[i], w->st);
		fputc('\n', w->f);
	}
	return 0;
}

/*
 * More static map-cache entries than this in one part of the text are
 * written in slices of this many walked, the router lock let go between
 * them (shell_config_defer()): 85,000 held it 88 ms at once, a slice
 * holds it 0.3 ms.
 */
#define STATIC_SLICE	512

/* A part of static map-cache entries written later: where its walk is. */
struct static_part {
	uint32_t iid;
	enum lisp_style st;
	unsigned af;
	char ind[8], pfx[16];
	bool started;
	struct prefix after;		/* the last one written */
};

struct static_slice {
	struct ent_wr w;
	struct static_part *sp;
	unsigned left;
};

static int write_static_slice(const struct lisp_static_info *s, void *arg)
{
	struct static_slice *x = arg;

	x->sp->started = true;
	x->sp->after = s->prefix;
	write_static(s, &x->w);
	return --x->left == 0;
}

static int fill_statics(struct shell *sh, void *arg, FILE *out)
{
	struct static_part *sp = arg;
	struct lisp_inst *i = sh->lisp ? lisp_inst_find(sh->lisp, sp->iid) : NULL;
	struct static_slice x = { { out, sp->st, sp->ind, sp->pfx, sp->af, 0 }, sp, STATIC_SLICE };

	if (!i)			/* removed meanwhile */
		return 0;
	return lisp_inst_static_foreach_after(i, sp->started ? &sp->after : NULL,
					      write_static_slice, &x) ? 1 : 0;
}

/* How many static entries of the instance print in style st, families af. */
static size_t static_count(const struct lisp_inst *i, enum lisp_style st, unsigned af)
{
	if (!classic(st))
		return lisp_inst_static_count_style(i, st, af);
	return lisp_inst_static_count_style(i, LISP_STYLE_NONE, af) +
	       lisp_inst_static_count_style(i, LISP_STYLE_CLASSIC, af);
}

/* An instance's entries of style st and families af; returns how many
 * there are. */
static unsigned write_inst_entries(struct lisp *l, uint32_t iid, FILE *f, enum lisp_style st,
				   const char *ind, const char *pfx, unsigned af)
{
	struct lisp_inst *i = lisp_inst_find(l, iid);
	struct ent_wr w = { f, st, ind, pfx, af, 0 };
	struct static_part sp = { .iid = iid, .st = st, .af = af };
	size_t n;

	if (!i)
		return 0;
	lisp_inst_db_foreach(i, write_db, &w);
	/* Only the walks that print something: each visits every entry. */
	if (!(n = static_count(i, st, af)))
		return w.n;
	snprintf(sp.ind, sizeof(sp.ind), "%s", ind);
	snprintf(sp.pfx, sizeof(sp.pfx), "%s", pfx);
	if (n > STATIC_SLICE && strlen(ind) < sizeof(sp.ind) && strlen(pfx) < sizeof(sp.pfx) &&
	    shell_config_defer(f, fill_statics, &sp, sizeof(sp)))
		return w.n + (unsigned)n;
	lisp_inst_static_foreach(i, write_static, &w);
	return w.n;
}

/* Instance 0's (the classic lines and IOS 15's top level). */
static unsigned write_entries(struct lisp *l, FILE *f, enum lisp_style st, const char *ind,
			      const char *pfx, unsigned af)
{
	return write_inst_entries(l, 0, f, st, ind, pfx, af);
}

/* ------------------------------------------------------------ global settings */

/* " B" after the proxy-ITR's locator: its locator of the other family. */
static const char *pitr2(struct lisp *l, char *buf, size_t len)
{
	char ab[ADDR_STRLEN];
	struct addr b;

	buf[0] = '\0';
	if (lisp_proxy_itr2(l, &b))
		snprintf(buf, len, " %s", addr_fmt(&b, ab, sizeof(ab)));
	return buf;
}

struct line_wr {
	FILE *f;
	const char *ind, *pfx;
	bool xe;
	struct lisp *l;
	unsigned af;			/* the family printed */
	/* write_in_order(): the place printed now; scanning: the next one */
	bool ordered, scan;
	uint32_t cur, next;
};

static bool kind_in(struct lisp *l, enum lisp_xe_kind k, unsigned af)
{
	return lisp_af_kind_in(l, k, af);
}

static bool ent_in(const struct line_wr *w, enum lisp_xe_kind k, const struct addr *a)
{
	return lisp_af_entry_in(w->l, k, a, w->af);
}

/*
 * The map-resolvers, map-servers and PETRs of a family print in the order
 * that family wrote them (lisp_af_entry_seq(); the order it asks its
 * resolvers in), which a reload, taking the IPv4 block first, gives back;
 * the lists themselves are in the order of the first family that wrote
 * each entry.  In the passes of write_in_order(), ent_turn() says
 * whether an entry prints now, or notes the next place to print.
 */
static bool ent_turn(struct line_wr *w, enum lisp_xe_kind k, const struct addr *a)
{
	struct prefix p;
	uint32_t s;

	if (!ent_in(w, k, a))
		return false;
	if (!w->ordered)
		return true;
	memset(&p, 0, sizeof(p));
	prefix_make(&p, a, addr_bits(a->afi));
	s = lisp_af_entry_seq(w->l, k, &p, w->af);
	if (w->scan) {
		if (s > w->cur && s < w->next)
			w->next = s;
		return false;
	}
	return s == w->cur;
}

#define write_in_order(w, foreach, fn) do {					\
		(w)->ordered = true;						\
		(w)->cur = 0;	/* the ones nothing recorded: list order */	\
		for (;;) {							\
			(w)->scan = false;					\
			foreach((w)->l, fn, (w));				\
			(w)->scan = true;					\
			(w)->next = UINT32_MAX;					\
			foreach((w)->l, fn, (w));				\
			if ((w)->next == UINT32_MAX)				\
				break;						\
			(w)->cur = (w)->next;					\
		}								\
		(w)->ordered = (w)->scan = false;				\
	} while (0)

static int write_resolver(const struct addr *a, void *arg)
{
	struct line_wr *w = arg;
	char ab[ADDR_STRLEN];

	if (!ent_turn(w, LISP_XK_RESOLVERS, a))
		return 0;
	fprintf(w->f, "%s%sitr map-resolver %s\n", w->ind, w->pfx, addr_fmt(a, ab, sizeof(ab)));
	return 0;
}

static int write_petr(const struct lisp_petr_info *p, void *arg)
{
	struct line_wr *w = arg;
	char ab[ADDR_STRLEN];

	if (!(p->af & w->af) || !ent_turn(w, LISP_XK_USE_PETR, &p->addr))
		return 0;	/* the other family's entry */
	fprintf(w->f, "%s%suse-petr %s", w->ind, w->pfx, addr_fmt(&p->addr, ab, sizeof(ab)));
	if (p->priority != LISP_PETR_PRIORITY_DEFAULT || p->weight != LISP_PETR_WEIGHT_DEFAULT)
		fprintf(w->f, " priority %u weight %u", p->priority, p->weight);
	fputc('\n', w->f);
	return 0;
}

/* An instance's own PETR entries of one family (IOS-XE, in its service
 * ipv4 or ipv6 block); f NULL: counted only. */
struct inst_petr_wr {
	FILE *f;
	unsigned af, n;
};

static int write_inst_petr(const struct lisp_petr_info *p, void *arg)
{
	struct inst_petr_wr *w = arg;
	char ab[ADDR_STRLEN];

	if (!(p->af & w->af))
		return 0;
	w->n++;
	if (!w->f)
		return 0;
	fprintf(w->f, "   use-petr %s", addr_fmt(&p->addr, ab, sizeof(ab)));
	if (p->priority != LISP_PETR_PRIORITY_DEFAULT || p->weight != LISP_PETR_WEIGHT_DEFAULT)
		fprintf(w->f, " priority %u weight %u", p->priority, p->weight);
	fputc('\n', w->f);
	return 0;
}

static unsigned inst_petrs(struct lisp *l, uint32_t iid, FILE *f, unsigned af)
{
	struct inst_petr_wr w = { f, af, 0 };

	lisp_inst_use_petr_foreach(l, iid, write_inst_petr, &w);
	return w.n;
}

static int write_acl(enum lisp_petr_acl kind, const struct prefix *p, void *arg)
{
	struct line_wr *w = arg;
	char pb[PREFIX_STRLEN];

	fprintf(w->f, "%s%sproxy-etr %s %s\n", w->ind, w->pfx,
		kind == LISP_PETR_ACL_EID ? "allowed-eid" : "allowed-locator", prefix_fmt(p, pb, sizeof(pb)));
	return 0;
}

/* IOS-XE writes proxy-reply on a line of its own; the others on the
 * key's. */
static int write_ms(const struct lisp_ms_info *m, void *arg)
{
	struct line_wr *w = arg;
	char ab[ADDR_STRLEN], kb[SECRET_CONF_MAX];

	if (!(m->cfg.af & w->af) || !ent_turn(w, LISP_XK_MAP_SERVERS, &m->cfg.addr))
		return 0;	/* the other family's entry (its own key) */
	addr_fmt(&m->cfg.addr, ab, sizeof(ab));
	fprintf(w->f, "%s%setr map-server %s key %s%s%s", w->ind, w->pfx, ab,
		secret_key_fmt(m->cfg.key, m->cfg.key_conf, kb, sizeof(kb)),
		m->cfg.proxy_reply && !w->xe ? " proxy-reply" : "",
		m->cfg.alg == LISP_AUTH_HMAC_SHA256 ? " hash-function sha2" : "");
	if (m->cfg.key_id)
		fprintf(w->f, " key-id %u", m->cfg.key_id);
	fputc('\n', w->f);
	if (m->cfg.proxy_reply && w->xe)
		fprintf(w->f, "%s%setr map-server %s proxy-reply\n", w->ind, w->pfx, ab);
	return 0;
}

/* The classic global lines of one family ('ip lisp ...' for IPv4 EIDs,
 * 'ipv6 lisp ...'), with the classic mappings where they always were
 * (between the roles and the limits). */
/* 'xtr-id HEX' (an auto one as drawn) and 'site-id N' */
static void write_xtr_id(struct lisp *l, FILE *f, const char *pfx)
{
	uint8_t id[16];

	if (lisp_xtr_id(l, id)) {
		fprintf(f, "%sxtr-id ", pfx);
		for (size_t i = 0; i < sizeof(id); i++)
			fprintf(f, "%02x", id[i]);
		fputc('\n', f);
	}
	if (lisp_site_id(l))
		fprintf(f, "%ssite-id %llu\n", pfx, (unsigned long long)lisp_site_id(l));
}

static void write_classic_af(struct lisp *l, FILE *f, bool global, unsigned af)
{
	const char *pfx = af == LISP_AF_IPV6 ? "ipv6 lisp " : "ip lisp ";
	struct line_wr w = { .f = f, .ind = "", .pfx = pfx, .xe = false, .l = l, .af = af };
	unsigned roles = lisp_af_roles(l, af);
	char ab[ADDR_STRLEN], b2[ADDR_STRLEN + 1];
	struct addr a;
	bool v4 = af == LISP_AF_IPV4;

	if (global) {
		if ((roles & (LISP_ROLE_ITR | LISP_ROLE_ETR)) == (LISP_ROLE_ITR | LISP_ROLE_ETR))
			fprintf(f, "%sitr-etr\n", pfx);
		else if (roles & LISP_ROLE_ITR)
			fprintf(f, "%sitr\n", pfx);
		else if (roles & LISP_ROLE_ETR)
			fprintf(f, "%setr\n", pfx);
		if (roles & LISP_ROLE_MS)
			fprintf(f, "%smap-server\n", pfx);
		if (roles & LISP_ROLE_MR)
			fprintf(f, "%smap-resolver\n", pfx);
		if (roles & LISP_ROLE_PETR)
			fprintf(f, "%sproxy-etr\n", pfx);
		if (v4)
			lisp_petr_acl_foreach(l, write_acl, &w);
		if (lisp_proxy_itr(l, &a) && kind_in(l, LISP_XK_PITR, af))
			fprintf(f, "%sproxy-itr %s%s\n", pfx, addr_fmt(&a, ab, sizeof(ab)), pitr2(l, b2, sizeof(b2)));
	}
	write_entries(l, f, LISP_STYLE_CLASSIC, "", pfx, af);
	if (!global)
		return;
	if (lisp_map_cache_limit(l) != LISP_MAP_CACHE_LIMIT_DEFAULT && kind_in(l, LISP_XK_LIMIT, af))
		fprintf(f, "%smap-cache-limit %u\n", pfx, lisp_map_cache_limit(l));
	if (v4 && lisp_map_request_rate_limit(l) != LISP_MREQ_RATE_DEFAULT)
		fprintf(f, "ip lisp map-request rate-limit %u\n", lisp_map_request_rate_limit(l));
	if (v4 && lisp_map_request_outstanding_limit(l) != LISP_MREQ_OUTSTANDING_DEFAULT)
		fprintf(f, "ip lisp map-request outstanding-limit %u\n",
			lisp_map_request_outstanding_limit(l));
	write_in_order(&w, lisp_map_resolver_foreach, write_resolver);
	write_in_order(&w, lisp_use_petr_foreach, write_petr);
	write_in_order(&w, lisp_map_server_foreach, write_ms);
	if (lisp_etr_map_cache_ttl(l) != LISP_ETR_TTL_DEFAULT && kind_in(l, LISP_XK_TTL, af))
		fprintf(f, "%setr map-cache-ttl %u\n", pfx, lisp_etr_map_cache_ttl(l));
	if (lisp_map_request_source(l, &a) && kind_in(l, LISP_XK_MREQ_SOURCE, af))
		fprintf(f, "%smap-request-source %s\n", pfx, addr_fmt(&a, ab, sizeof(ab)));
	if (v4 && lisp_rloc_probing(l))
		fputs("ip lisp loc-reach-algorithm rloc-probing\n", f);
	if (v4)
		write_xtr_id(l, f, "ip lisp ");
}

static void write_classic_global(struct lisp *l, FILE *f, bool global)
{
	write_classic_af(l, f, global, LISP_AF_IPV4);
	write_classic_af(l, f, global, LISP_AF_IPV6);
}

/* Which IOS-XE service a kind of setting prints in. */
enum where { W_ANY, W_TOP, W_INSTANCE };

static bool here(const struct lisp_xe_opts *o, enum where w, enum lisp_xe_kind k, unsigned af)
{
	bool inst = (af == LISP_AF_IPV6 ? o->in_instance6 : o->in_instance) & LISP_XK_BIT(k);

	return w == W_ANY || (w == W_INSTANCE) == inst;
}

/* The service settings of one family as IOS 15 ('ipv4 ...' / 'ipv6 ...'
 * at the top of router lisp, W_ANY) or IOS-XE (inside the top 'service
 * ipvX' or instance 0's) write them.  The router-wide ones (the PETR
 * access list, the Map-Request budget) print with IPv4. */
static void write_service(struct lisp *l, FILE *f, const char *ind, enum where wh, unsigned af)
{
	bool is_xe = wh != W_ANY, v4 = af == LISP_AF_IPV4;
	struct line_wr w = { .f = f, .ind = ind, .pfx = is_xe ? "" : v4 ? "ipv4 " : "ipv6 ", .xe = is_xe,
			     .l = l, .af = af };
	unsigned roles = lisp_af_roles(l, af);
	struct lisp_xe_opts o;
	char ab[ADDR_STRLEN], b2[ADDR_STRLEN + 1];
	struct addr a;

#define HERE(k)	(here(&o, wh, LISP_XK_##k, af) && kind_in(l, LISP_XK_##k, af))
	lisp_xe_opts(l, &o);
	if (is_xe && o.encap_lisp && HERE(ENCAP))
		fprintf(f, "%sencapsulation lisp\n", ind);
	if (here(&o, wh, LISP_XK_RESOLVERS, af))
		write_in_order(&w, lisp_map_resolver_foreach, write_resolver);
	if ((roles & LISP_ROLE_ITR) && here(&o, wh, LISP_XK_ITR, af))
		fprintf(f, "%s%sitr\n", ind, w.pfx);
	if (here(&o, wh, LISP_XK_MAP_SERVERS, af))
		write_in_order(&w, lisp_map_server_foreach, write_ms);
	if (lisp_etr_map_cache_ttl(l) != LISP_ETR_TTL_DEFAULT && HERE(TTL))
		fprintf(f, "%s%setr map-cache-ttl %u\n", ind, w.pfx, lisp_etr_map_cache_ttl(l));
	if ((roles & LISP_ROLE_ETR) && here(&o, wh, LISP_XK_ETR, af))
		fprintf(f, "%s%setr\n", ind, w.pfx);
	if (here(&o, wh, LISP_XK_USE_PETR, af))
		write_in_order(&w, lisp_use_petr_foreach, write_petr);
	if ((roles & LISP_ROLE_PETR) && here(&o, wh, LISP_XK_PETR, af))
		fprintf(f, "%s%sproxy-etr\n", ind, w.pfx);
	if (v4 && here(&o, wh, LISP_XK_PETR_ACL, af))
		lisp_petr_acl_foreach(l, write_acl, &w);
	if (lisp_proxy_itr(l, &a) && HERE(PITR))
		fprintf(f, "%s%sproxy-itr %s%s\n", ind, w.pfx, addr_fmt(&a, ab, sizeof(ab)), pitr2(l, b2, sizeof(b2)));
	if ((roles & LISP_ROLE_MS) && here(&o, wh, LISP_XK_MS, af))
		fprintf(f, "%s%smap-server\n", ind, w.pfx);
	if ((roles & LISP_ROLE_MR) && here(&o, wh, LISP_XK_MR, af))
		fprintf(f, "%s%smap-resolver\n", ind, w.pfx);
	if (lisp_map_cache_limit(l) != LISP_MAP_CACHE_LIMIT_DEFAULT && HERE(LIMIT))
		fprintf(f, "%s%smap-cache-limit %u\n", ind, w.pfx, lisp_map_cache_limit(l));
	if (v4 && lisp_map_request_rate_limit(l) != LISP_MREQ_RATE_DEFAULT &&
	    here(&o, wh, LISP_XK_MREQ_LIMIT, af))
		fprintf(f, "%s%smap-request rate-limit %u\n", ind, w.pfx, lisp_map_request_rate_limit(l));
	if (v4 && lisp_map_request_outstanding_limit(l) != LISP_MREQ_OUTSTANDING_DEFAULT &&
	    here(&o, wh, LISP_XK_MREQ_LIMIT, af))
		fprintf(f, "%s%smap-request outstanding-limit %u\n", ind, w.pfx,
			lisp_map_request_outstanding_limit(l));
	if (lisp_map_request_source(l, &a) && HERE(MREQ_SOURCE))
		fprintf(f, "%s%smap-request-source %s\n", ind, w.pfx, addr_fmt(&a, ab, sizeof(ab)));
#undef HERE
}

/* write_service() into a string ("" when nothing); free it. */
static char *service_text(struct lisp *l, const char *ind, enum where wh, unsigned af)
{
	char *t = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&t, &len);

	if (!f)
		return NULL;
	write_service(l, f, ind, wh, af);
	fclose(f);
	return t;
}

/* ------------------------------------------------------------ sites */

struct site_wr {
	struct lisp *l;
	FILE *f;
	bool any;			/* classic: a block printed already */
	bool router;			/* print the router lisp sites, not the classic */
	bool xe_seen;
};

struct site_eid_wr {
	FILE *f;
	const char *ind;
	bool xe;
};

static void write_eid_line(const struct site_eid_wr *w, const struct prefix *p, bool accept_more)
{
	char pb[PREFIX_STRLEN];

	prefix_fmt(p, pb, sizeof(pb));
	if (w->xe)
		fprintf(w->f, "%seid-record instance-id %u %s%s\n", w->ind, (unsigned)p->addr.iid,
			pb, accept_more ? " accept-more-specifics" : "");
	else if (p->addr.iid)	/* IOS 15.4 */
		fprintf(w->f, "%seid-prefix instance-id %u %s%s\n", w->ind, (unsigned)p->addr.iid,
			pb, accept_more ? " accept-more-specifics" : "");
	else
		fprintf(w->f, "%seid-prefix %s%s\n", w->ind, pb, accept_more ? " accept-more-specifics" : "");
}

static int write_site_eid(const struct prefix *p, bool accept_more, void *arg)
{
	write_eid_line(arg, p, accept_more);
	return 0;
}

static int write_site(const struct lisp_site_info *s, void *arg)
{
	struct site_wr *w = arg;
	enum lisp_style st = lisp_site_style(w->l, s->name);
	struct site_eid_wr ew = { w->f, w->router ? "  " : " ", xe(st) };
	char ab[ADDR_STRLEN], kb[SECRET_CONF_MAX], idb[16] = "";

	if (classic(st) == w->router)
		return 0;
	if (xe(st))
		w->xe_seen = true;
	if (!w->router) {
		if (w->any)
			fputs("!\n", w->f);
		w->any = true;
		fprintf(w->f, "lisp site %s\n", s->name);
	} else {
		fprintf(w->f, " site %s\n", s->name);
	}
	if (s->description[0])
		fprintf(w->f, "%sdescription %s\n", ew.ind, s->description);
	for (unsigned k = 0; k < s->n_keys; k++) {
		idb[0] = '\0';
		if (s->keys[k].id)
			snprintf(idb, sizeof(idb), "key-id %u ", s->keys[k].id);
		fprintf(w->f, "%sauthentication-key %s%s\n", ew.ind, idb,
			secret_key_fmt(s->keys[k].key, s->keys[k].key_conf, kb, sizeof(kb)));
	}
	if (!ew.xe)
		for (unsigned i = 0; i < s->n_allowed; i++)
			fprintf(w->f, "%sallowed-locator %s\n", ew.ind, addr_fmt(&s->allowed[i], ab, sizeof(ab)));
	lisp_site_conf_foreach(w->l, s->name, write_site_eid, &ew);
	if (ew.xe)
		for (unsigned i = 0; i < s->n_allowed; i++)
			fprintf(w->f, "%sallowed-locator %s\n", ew.ind, addr_fmt(&s->allowed[i], ab, sizeof(ab)));
	if (s->more_limit_set)
		fprintf(w->f, "%slimit more-specifics %u\n", ew.ind, s->more_limit);
	if (w->router)
		fprintf(w->f, "  %s\n !\n", ew.xe ? "exit-site" : "exit");
	return 0;
}

/*
 * More sites of a kind than this are written in slices of this many
 * walked, the router lock let go between them (10,000 held it 25 ms).
 */
#define SITE_SLICE	256

/* The sites written later: where the walk is. */
struct site_part {
	bool router, any;
	bool started;
	char after[LISP_NAME_MAX];	/* the last one walked */
};

struct site_slice {
	struct site_wr w;
	struct site_part *sp;
	unsigned left;
};

static int site_slice_fn(const struct lisp_site_info *s, void *arg)
{
	struct site_slice *x = arg;

	x->sp->started = true;
	snprintf(x->sp->after, sizeof(x->sp->after), "%s", s->name);
	write_site(s, &x->w);
	return --x->left == 0;
}

static int fill_sites(struct shell *sh, void *arg, FILE *out)
{
	struct site_part *sp = arg;
	struct site_slice x = { { .l = sh->lisp, .f = out, .any = sp->any, .router = sp->router },
				sp, SITE_SLICE };
	int rc;

	if (!sh->lisp)
		return 0;
	rc = lisp_site_foreach_after(sh->lisp, sp->started ? sp->after : NULL, site_slice_fn, &x);
	sp->any = x.w.any;
	return rc > 0;
}

/* The sites of w's kind (classic or router lisp). */
static void write_sites(struct site_wr *w)
{
	struct site_part sp = { .router = w->router, .any = w->any };
	size_t by[LISP_STYLE_XE + 1], n = 0;

	lisp_site_count_styles(w->l, by);
	for (int st = LISP_STYLE_NONE; st <= LISP_STYLE_XE; st++)
		if (classic((enum lisp_style)st) != w->router)
			n += by[st];
	if (n > SITE_SLICE && shell_config_defer(w->f, fill_sites, &sp, sizeof(sp))) {
		w->any = true;
		if (w->router && by[LISP_STYLE_XE])
			w->xe_seen = true;
		return;
	}
	lisp_site_foreach(w->l, write_site, w);
}

/* ------------------------------------------------------------ router lisp */

struct locset_wr {
	FILE *f;
	unsigned n;
};

static int write_locset(const struct lisp_locset_info *s, void *arg)
{
	struct locset_wr *w = arg;

	w->n++;
	fprintf(w->f, " locator-set %s\n", s->name);
	for (unsigned i = 0; i < s->n_locs; i++) {
		fputs(" ", w->f);
		fmt_loc(w->f, &s->locs[i], LISP_STYLE_XE);
		fputc('\n', w->f);
	}
	fputs("  exit-locator-set\n !\n", w->f);
	return 0;
}

struct iid_list {
	uint32_t *v;
	size_t n, cap;
};

static int iid_collect(const struct lisp_inst_info *ii, void *arg)
{
	struct iid_list *il = arg;

	if (il->n == il->cap) {
		size_t cap = il->cap ? 2 * il->cap : 16;
		uint32_t *nv = realloc(il->v, cap * sizeof(*nv));

		if (!nv)
			return 1;
		il->v = nv;
		il->cap = cap;
	}
	il->v[il->n++] = ii->iid;
	return 0;
}

/* The instance IDs in order (the print may not hold the engine's walk
 * while it asks about each); free the array.  Out of memory: those
 * collected so far. */
static uint32_t *inst_ids(struct lisp *l, size_t *n)
{
	struct iid_list il = { NULL, 0, 0 };

	lisp_inst_foreach(l, iid_collect, &il);
	*n = il.n;
	return il.v;
}

/* ' eid-table default' or ' eid-table vrf NAME' */
static const char *table_words(const struct lisp_inst_info *ii, char *buf, size_t len)
{
	if (ii->vrf && ii->vrf[0])
		snprintf(buf, len, "eid-table vrf %s", ii->vrf);
	else
		snprintf(buf, len, "eid-table default");
	return buf;
}

/* IOS 15.4: an instance's 'eid-table ... instance-id N' block. */
static void write_eidtable(struct lisp *l, FILE *f, uint32_t iid)
{
	struct lisp_inst_info ii;
	char *body = NULL, tb[LISP_NAME_MAX + 32];
	size_t blen = 0;
	unsigned n;
	FILE *b;

	if (lisp_inst_info(l, iid, &ii) == -1 || !(b = open_memstream(&body, &blen)))
		return;
	n = write_inst_entries(l, iid, b, LISP_STYLE_EIDTABLE, "  ", "", LISP_AF_IPV4 | LISP_AF_IPV6);
	fclose(b);
	if (n || ii.style == LISP_STYLE_EIDTABLE)
		fprintf(f, " %s instance-id %u\n%s  exit\n !\n", table_words(&ii, tb, sizeof(tb)),
			(unsigned)iid, body ? body : "");
	free(body);
}

/*
 * IOS-XE: an instance's 'instance-id N' block, its service ipv4 then
 * ipv6; globals: the global settings written in its services go there.
 * Returns whether it printed.  An instance written as IOS 15.4's block
 * has its table there: its binding alone prints no IOS-XE block.
 */
static bool write_xe_inst(struct lisp *l, FILE *f, uint32_t iid, bool globals)
{
	struct lisp_inst_info ii;
	char *body = NULL, *body6 = NULL, *inst, *inst6, tb[LISP_NAME_MAX + 32];
	size_t blen = 0, blen6 = 0;
	bool printed = false, has_inst, has_inst6, serv6, table, own_limit = false;
	unsigned n, n6, limit = 0, n_petr = 0, n_petr6 = 0;
	FILE *b, *b6;

	if (lisp_inst_info(l, iid, &ii) == -1)
		return false;
	if (iid) {
		limit = lisp_inst_map_cache_limit(l, iid, &own_limit);
		n_petr = inst_petrs(l, iid, NULL, LISP_AF_IPV4);
		n_petr6 = inst_petrs(l, iid, NULL, LISP_AF_IPV6);
	}
	inst = globals ? service_text(l, "   ", W_INSTANCE, LISP_AF_IPV4) : NULL;
	inst6 = globals ? service_text(l, "   ", W_INSTANCE, LISP_AF_IPV6) : NULL;
	b = open_memstream(&body, &blen);
	b6 = b ? open_memstream(&body6, &blen6) : NULL;
	if (b && b6) {
		n = write_inst_entries(l, iid, b, LISP_STYLE_XE, "   ", "", LISP_AF_IPV4);
		n6 = write_inst_entries(l, iid, b6, LISP_STYLE_XE, "   ", "", LISP_AF_IPV6);
		fclose(b);
		fclose(b6);
		b = b6 = NULL;
		has_inst = inst && inst[0];
		has_inst6 = inst6 && inst6[0];
		table = ii.eid_table && (ii.style != LISP_STYLE_EIDTABLE || ii.declared);
		/* Its PETRs print in the service of their family. */
		serv6 = ii.service6 || n6 || ii.eid_table6 || has_inst6 || n_petr6;
		printed = n || ii.declared || has_inst || table || ii.probe_on_route_change || serv6 ||
			  own_limit || n_petr;
		if (printed) {
			table_words(&ii, tb, sizeof(tb));
			fprintf(f, " instance-id %u\n", (unsigned)iid);
			if (ii.probe_on_route_change)
				fputs("  remote-rloc-probe on-route-change\n", f);
			if (ii.service || n || table || has_inst || own_limit || n_petr) {
				fputs("  service ipv4\n", f);
				if (ii.eid_table)
					fprintf(f, "   %s\n", tb);
				if (has_inst)
					fputs(inst, f);
				if (own_limit)
					fprintf(f, "   map-cache-limit %u\n", limit);
				inst_petrs(l, iid, f, LISP_AF_IPV4);
				fputs(body ? body : "", f);
				fputs("   exit-service-ipv4\n  !\n", f);
			}
			if (serv6) {
				fputs("  service ipv6\n", f);
				if (ii.eid_table6)
					fprintf(f, "   %s\n", tb);
				if (has_inst6)
					fputs(inst6, f);
				inst_petrs(l, iid, f, LISP_AF_IPV6);
				fputs(body6 ? body6 : "", f);
				fputs("   exit-service-ipv6\n  !\n", f);
			}
			fputs("  exit-instance-id\n !\n", f);
		}
	}
	if (b)
		fclose(b);
	if (b6)
		fclose(b6);
	free(body);
	free(body6);
	free(inst);
	free(inst6);
	return printed;
}

/* The 'router lisp' body (without its first and last line) into f;
 * returns whether any part is IOS-XE's. */
static bool write_router_body(struct lisp *l, FILE *f)
{
	enum lisp_style gst = lisp_style(l);
	struct lisp_xe_opts o;
	struct site_wr sw = { .l = l, .f = f, .router = true };
	struct locset_wr lw = { f, 0 };
	bool is_xe = xe(gst);
	uint32_t *iids;
	size_t n_iids;
	char *top;

	lisp_xe_opts(l, &o);
	if (o.locator_table) {
		fputs(" locator-table default\n", f);
		is_xe = true;
	}
	lisp_locset_foreach(l, write_locset, &lw);
	if (lw.n)
		is_xe = true;
	if (lisp_default_locset(l)[0]) {
		fprintf(f, " locator default-set %s\n", lisp_default_locset(l));
		is_xe = true;
	}
	if (o.probe_on_route_change) {
		fputs(" remote-rloc-probe on-route-change\n", f);
		is_xe = true;
	}
	if (lisp_rloc_probing(l) && !classic(gst))
		fputs(" loc-reach-algorithm rloc-probing\n", f);
	if (!classic(gst))
		write_xtr_id(l, f, " ");
	write_entries(l, f, LISP_STYLE_ROUTER, " ", "", LISP_AF_IPV4 | LISP_AF_IPV6);

	/* The instances, by ID: IOS 15.4's blocks, IOS-XE's top services,
	 * IOS-XE's instance blocks. */
	iids = inst_ids(l, &n_iids);
	for (size_t k = 0; k < n_iids; k++)
		write_eidtable(l, f, iids[k]);
	/* The global settings written in an instance that went: instance 0's. */
	for (size_t k = 0; k < n_iids && o.in_iid; k++)
		if (iids[k] == o.in_iid)
			break;
		else if (k + 1 == n_iids)
			o.in_iid = 0;
	if (!n_iids)
		o.in_iid = 0;

	/* IOS-XE: the service settings of all instances */
	for (int k = 0; k < 2; k++) {
		unsigned af = k ? LISP_AF_IPV6 : LISP_AF_IPV4;

		top = gst == LISP_STYLE_XE ? service_text(l, "  ", W_TOP, af) : NULL;
		if (top && top[0])
			fprintf(f, " service ipv%d\n%s  exit-service-ipv%d\n !\n", k ? 6 : 4, top, k ? 6 : 4);
		free(top);
	}
	for (size_t k = 0; k < n_iids; k++)
		if (write_xe_inst(l, f, iids[k], gst == LISP_STYLE_XE && iids[k] == o.in_iid))
			is_xe = true;
	free(iids);
	write_sites(&sw);
	cmd_ddt_write(l, f);
	if (sw.xe_seen)
		is_xe = true;
	if (gst == LISP_STYLE_ROUTER) {
		write_service(l, f, " ", W_ANY, LISP_AF_IPV4);
		write_service(l, f, " ", W_ANY, LISP_AF_IPV6);
	}
	return is_xe;
}

static void write_router(struct lisp *l, FILE *f, bool sep)
{
	char *body = NULL;
	size_t blen = 0;
	FILE *b = open_memstream(&body, &blen);
	bool is_xe;

	if (!b)
		return;
	is_xe = write_router_body(l, b);
	fclose(b);
	if (body && body[0]) {
		if (sep)
			fputs("!\n", f);
		fprintf(f, "router lisp\n%s %s\n", body, is_xe ? "exit-router-lisp" : "exit");
	}
	free(body);
}

void lisp_write(struct shell *sh, FILE *f)
{
	struct lisp *l = sh->lisp;
	struct site_wr sw = { .l = l, .f = f };
	long before;

	if (!l)
		return;
	before = ftell(f);
	write_classic_global(l, f, classic(lisp_style(l)));
	sw.any = ftell(f) > before;
	write_sites(&sw);
	write_router(l, f, ftell(f) > before);
}

struct srcloc_wr {
	const char *ifname;
	FILE *f;
};

static int write_srcloc(const char *ifname, const char *srcif, void *arg)
{
	struct srcloc_wr *w = arg;

	if (!strcmp(ifname, w->ifname))
		fprintf(w->f, " ip lisp source-locator %s\n", srcif);
	return 0;
}

void lisp_write_if(struct shell *sh, const char *ifname, FILE *f)
{
	struct srcloc_wr w = { ifname, f };

	if (sh->lisp)
		lisp_source_locator_foreach(sh->lisp, write_srcloc, &w);
}
