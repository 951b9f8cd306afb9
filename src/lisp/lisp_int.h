/*
 * DOC: the LISP engine's internals, shared by lisp*.c and map_cache.c only
 */
#ifndef LISPR_LISP_INT_H
#define LISPR_LISP_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "event.h"
#include "htab.h"
#include "lisp.h"
#include "lisp_msg.h"
#include "lpm.h"
#include "map_cache.h"
#include "vrf.h"

struct router;
struct iface;

#define LISP_BUFSZ		(14 + 36 + 65536)
#define LISP_HEADROOM		14	/* Ethernet header room for ipv4_output */
#define LISP_MREQ_TRIES		3	/* per resolver, 1 s, 2 s, 4 s apart */
#define LISP_REG_NONCES		4	/* outstanding registers remembered */
#define LISP_LIG_TIMEOUT_TRIES	LISP_MREQ_TRIES

struct db_entry {
	struct prefix prefix;
	char locset[LISP_NAME_MAX];		/* "": the entry's own locators */
	bool dflt;				/* locset through 'locator default-set' */
	enum lisp_style style;
	unsigned n;
	struct lisp_loc_cfg locs[LISP_MAX_LOCATORS];	/* a locset's: a copy */
};

struct static_mc;

/* A proxy ETR entry, for the EID families af (LISP_AF_*; an address has
 * one entry per family whose priority and weight differ). */
struct petr {
	struct mc_loc loc;
	uint64_t pkts, bytes;
	uint8_t af;
};

/*
 * An instance ID and its tables (lisp_conf.c creates and frees it): the
 * database, the map-cache with its own limit, the static map-cache
 * entries (the PITR's map-request space among them) and its counters.
 * Found by IID through l->inst_hash (lisp_inst_of(): instance 0 directly)
 * and by VRF id through l->by_vrf (lisp_inst_vrf()).
 */
struct lisp_inst {
	/* What the ITR reads per packet first, together: with many instances
	 * in use each one's lines are the data path's working set. */
	uint32_t iid;
	struct lpm *db;				/* struct db_entry */
	size_t db_n;
	struct map_cache *mc;
	struct lisp_inst *next;			/* by instance ID */
	struct lisp_inst *hnext;		/* its l->inst_hash chain */
	struct lisp *l;
	struct static_mc *statics;		/* prefix order */
	/* next: its encapsulation counters share one line (offset 64) */
	struct lisp_stats st;			/* lisp_inst_stats() */

	struct static_mc *statics_hint;		/* added last: a replay adds in order */
	/* How many of each style, [0] IPv4 prefixes and [1] IPv6 ones */
	size_t statics_of_style[LISP_STYLE_XE + 1][2];
	struct htab statics_ht;			/* the same by prefix: found, and
						 * removed, without a walk */
	struct lpm *mreq_space;			/* the statics with no locator and
						 * action map-request: the space a
						 * PITR resolves (one lookup per
						 * packet, pitr_space()); NULL: none
						 * yet */

	char vrf[LISP_NAME_MAX];		/* 'eid-table vrf NAME'; "": default */
	bool bound;				/* has an EID table (vrf) at all */
	bool eid_table, declared, service, probe_on_route_change;
	bool service6, eid_table6;		/* its 'service ipv6' block */
	enum lisp_style style;
	long mc_limit;				/* -1: the router's map-cache-limit */
	int vrf_id;				/* bound VRF, -1: none (lisp_vrf_rebuild()) */
	/* Its own use-petr list (IOS-XE, in the instance's service): used
	 * instead of the router's when not empty. */
	struct petr petrs[LISP_MAX_PETRS];
	unsigned n_petrs;
};
#define LISP_INST_HASH		1024		/* buckets, a power of 2 */

/* lisp_conf.c: the address families a list entry was configured in. */
struct lisp_af_ent {
	enum lisp_xe_kind kind;
	struct prefix p;
	unsigned af;				/* LISP_AF_*, never 0 */
	uint32_t seq[2];			/* when IPv4, IPv6 wrote it: its place
						 * in that family's list */
};

struct locset {
	struct locset *next;			/* configuration order */
	char name[LISP_NAME_MAX];
	unsigned n;
	struct lisp_loc_cfg locs[LISP_MAX_LOCATORS];
};

/*
 * A map-server the ETR registers with (lisp_etr.c), for the EID families
 * cfg.af (one entry per server, or one per family when their settings
 * differ: lisp_map_server_add()), each on its own: its
 * own timer (it stays with the slot l->ms[i]: ms_slot_del()
 * moves the state, not the timers, and re-arms them from next_register),
 * its own nonce sequence, its Map-Notify state and counters.  It is up
 * while a verified Map-Notify (or an unsolicited one we acknowledged)
 * came within the last LISP_MS_UP_PERIODS registration periods.
 */
struct map_server {
	struct lisp_ms_cfg cfg;
	struct lisp *l;
	struct evtimer *timer;			/* the slot's, never moved */
	uint64_t next_register;			/* when the timer fires, 0: idle */
	uint64_t last_round;			/* the timer's last build, 0: never */
	uint64_t last_register, registers_sent, last_notify;
	uint64_t notifies_in;			/* verified Map-Notifies from it */
	uint64_t notify_auth_failures;		/* ours by nonce, MAC wrong */
	uint64_t acks_out;			/* Map-Notify-Acks sent to it */
	uint64_t last_confirm;			/* last verified notify, 0: never */
	uint64_t up_since;			/* start of the current up spell */
	enum lisp_ms_notify notify_state;
	bool notify_verified;			/* once at least */
	bool logged_up;				/* MAP_SERVER_UP logged, not DOWN */
	uint64_t reg_nonce;			/* the last nonce sent to it */
	uint64_t nonces[LISP_REG_NONCES];	/* of registers awaiting a notify */
	unsigned nonce_next;
};

struct src_locator {
	struct src_locator *next;		/* by interface name */
	char ifname[LISP_IFNAME_MAX];
	char srcif[LISP_IFNAME_MAX];
};

struct static_mc {
	struct static_mc *next, *prev;		/* prefix order */
	struct hnode hn;			/* the instance's statics_ht */
	struct lisp_static_info info;
};

struct petr_acl {
	enum lisp_petr_acl kind;
	struct prefix prefix;
};

/* An ITR that sent us encapsulated traffic (for SMRs). */
struct etr_user {
	struct addr rloc;
	uint64_t last_seen;
};
#define LISP_ETR_USERS		64
#define LISP_PROBE_FILTER_BITS	(1u << 18)	/* per probe period: 32 KB */
#define LISP_SMR_PENDING	16	/* changed prefixes per SMR round */
#define LISP_SMR_DELAY_S	1

struct site;
struct ms_insts;
struct ms_batch;

/*
 * One ETR's registration of a site EID prefix (lisp_ms.c): an ETR is its
 * xTR-ID when its Map-Register had the I bit, else its source address.
 * Allocated with exactly its locators; on the registry's expiry list
 * (every registration lives the same 180 s, so refresh order is expiry
 * order).  Kept small: a million of them is the Map-Server's scale.
 */
struct site_etr {
	struct site_etr *next;			/* the prefix's, first registered first */
	struct site_eid *se;
	struct site_etr *reg_prev, *reg_next;	/* live registrations, oldest first */
	uint64_t first, last;
	uint64_t nonce;
	uint64_t site_id;
	uint8_t xtr_id[16];
	uint8_t who[16];			/* the registering RLOC, who_afi */
	uint32_t ttl;				/* minutes */
	uint16_t sport;				/* the register's source port */
	uint8_t who_afi;
	/* Registers that raised the nonce by 1 to 2^48 in a row (capped):
	 * at 2 the ETR numbers its registers and an older one is a replay. */
	uint8_t seq_run : 2;
	bool has_id : 1;			/* I bit: xtr_id/site_id */
	bool proxy : 1, want_notify : 1;
	bool expired : 1;			/* a configured prefix's last one, kept
						 * for the views, off the expiry list */
	uint8_t key_id, alg;
	uint8_t n_locs;
	uint8_t to;				/* lisp_ms.c ms_to[]: the address it
						 * registered to (0xff: unknown) */
	struct lisp_reg_loc locs[];
};

/* A site EID prefix: configured, or a registered more-specific.  What it
 * publishes (locs, n_locs, proxy, ttl) is derived from its ETRs
 * (lisp_ms.c, se_publish()): the merged locator set of its I-bit ETRs, or
 * the latest other registration's.  locs points into the only ETR's record
 * unless merged (then its own array). */
struct site_eid {
	struct site *site;
	struct site_eid *parent;		/* dynamic: the configured prefix */
	struct site_eid *conf_next, *conf_prev;	/* configured: site->conf */
	struct site_etr *etrs;			/* NULL: not registered */
	struct lisp_reg_loc *locs;
	struct prefix prefix;
	uint32_t ttl;
	bool configured : 1, accept_more : 1;
	bool registered : 1, proxy : 1;
	bool merged : 1;			/* locs is its own: several ETRs */
	uint8_t n_locs;
};

/*
 * The nonces of the Map-Registers a site accepted in the last
 * LISP_REPLAY_WINDOW_S, oldest first in a ring, chained by hash for an
 * O(1) lookup.  Allocated on the site's first register.
 */
#define LISP_REPLAY_NONCES	1024		/* per site, a power of 2 */
#define LISP_REPLAY_WINDOW_S	LISP_REGISTRATION_TIMEOUT_S
struct seen_nonce {
	uint64_t nonce, when;
	uint32_t next;				/* chain: index + 1, 0 ends */
};
struct replay_cache {
	struct seen_nonce *ring;
	uint32_t *bucket;			/* 2 * LISP_REPLAY_NONCES heads */
	uint32_t head, n;
};

/* A site's registered more-specifics in one instance ('limit
 * more-specifics' holds per site and instance). */
struct site_more {
	uint32_t iid;
	unsigned n;
};

struct site_key {
	uint8_t id;
	char key[LISP_KEY_MAX];			/* "": cannot be decoded (type 6) */
	char key_conf[LISP_KEY_CONF_MAX];	/* its configured form, "": key */
};

struct site {
	struct site *next, *prev;		/* by name */
	struct hnode hn;			/* l->sites_ht */
	char name[LISP_NAME_MAX];
	char desc[LISP_DESC_MAX];
	/* 'authentication-key [key-id N] ...': by Key ID, ascending
	 * (lisp_site_key_set()); a Map-Register is verified with the key of
	 * its Key ID (site_key_of()), so keys roll over without a gap. */
	struct site_key keys[LISP_SITE_KEYS];
	unsigned n_keys;
	enum lisp_style style;			/* how it was configured */
	/* Its configured EID prefixes by instance ID, then prefix (the
	 * registry's order): printed without a walk of the registry. */
	struct site_eid *conf;
	unsigned n_allowed;
	struct addr allowed[LISP_MAX_LOCATORS * 4];
	uint64_t auth_failures, disallowed, locator_mismatches;
	struct replay_cache seen;
	uint64_t replayed;			/* registers refused as replays */
	uint64_t replay_evicted;		/* nonces forgotten early (full) */
	unsigned more_limit;			/* 0: LISP_MORE_SPECIFICS_DEFAULT */
	unsigned n_more;			/* registered more-specifics, all IIDs */
	struct site_more *more;			/* per instance, by IID */
	unsigned n_more_iids, more_cap;
	uint64_t more_refused;			/* refused at the limit */
	uint64_t etrs_refused;			/* new ETRs over LISP_SITE_ETRS_MAX */
};

/* An outstanding Map-Request (data-plane miss or lig): on a list for
 * iteration and chained by hash on its nonce and on its EID for O(1)
 * lookups (LISP_MREQ_HASH buckets each). */
#define LISP_MREQ_HASH		8192	/* a power of 2 */
struct mreq {
	struct mreq *next, *prev;
	struct mreq *nonce_next, *eid_next;
	struct lisp *l;
	struct prefix eid;			/* the /32 asked for */
	struct addr src_eid;
	uint64_t nonce;
	uint64_t first_sent;
	unsigned mr_pos, tries;			/* the resolver: its place in the family's */
	bool answered;				/* kept only for the rate limit */
	struct evtimer *timer;
	lisp_lig_fn lig_fn;			/* lig only */
	void *lig_arg;
	bool smr_invoked;
	bool sent;				/* once at least */
};

struct lisp {
	struct router *r;
	unsigned roles;
	uint64_t rng;				/* lisp_rand_fast() */
	uint8_t rbuf[256];			/* CSPRNG output not yet used */
	unsigned rpos;

	/* configuration only (lisp_conf.c) */
	enum lisp_style style;
	struct lisp_xe_opts xe_opts;
	struct lisp_inst *insts;		/* by IID, instance 0 always */
	struct lisp_inst *inst0;
	struct lisp_inst *inst_hash[LISP_INST_HASH];
	unsigned n_insts;
	size_t db_total;			/* mappings in every instance */
	unsigned mc_limit;			/* 'map-cache-limit', the default */
	struct mc_index *mcx;			/* map_cache.c: shared by the instances */
	/* VRF id -> the instance bound to it (NULL: none), derived from the
	 * instances' eid-tables and the router's VRFs at vrf_gen. */
	struct lisp_inst *by_vrf[VRF_MAX];
	uint64_t vrf_gen;
	bool vrf_stale;				/* an instance's binding changed */
	struct locset *locsets;
	unsigned n_locsets;
	char default_locset[LISP_NAME_MAX];
	unsigned af_kind[LISP_XK__COUNT];	/* LISP_AF_*: 0 none recorded */
	struct lisp_af_ent *af_ents;
	size_t n_af_ents;
	uint32_t af_seq;			/* the last seq given */

	uint16_t reply_port;			/* the ITR's Map-Reply port */
	bool sending;				/* our own output: skip the hook */

	/* ETR */
	struct map_server ms[LISP_MAX_MAP_SERVERS];
	unsigned n_ms;
	uint32_t etr_ttl;
	bool xtr_id_on;				/* 'xtr-id': I bit + trailer */
	uint8_t xtr_id[16];
	uint64_t site_id;			/* 'site-id', 0: unspecified */

	/* ITR */
	struct addr resolvers[LISP_MAX_RESOLVERS];
	unsigned n_resolvers;
	struct addr mreq_src;			/* AFI_NONE: derived */
	struct src_locator *src_locs;
	struct mreq *mreqs;
	struct mreq **mreq_by_nonce, **mreq_by_eid;	/* LISP_MREQ_HASH each */
	unsigned n_mreqs;			/* on the list */
	unsigned mreq_max;			/* 'map-request outstanding-limit' */
	unsigned mreq_rate;			/* 'map-request rate-limit', per s */
	uint64_t mreq_tokens;			/* in thousandths of a request */
	uint64_t mreq_tokens_at;		/* last refill */

	/* PITR, use-petr, RLOC probing */
	struct addr pitr_addr;			/* AFI_NONE: no PITR */
	struct addr pitr_addr2;			/* the other family's, or AFI_NONE */
	struct petr petrs[LISP_MAX_PETRS];
	unsigned n_petrs;
	bool probing;
	struct evtimer *probe_timer;
	/* The nonces of the RLOC probes sent in this probe period and the
	 * last (a Bloom filter, two bits a nonce): a probe reply whose nonce
	 * is in neither was not asked for, and is dropped without a search
	 * of the map-caches.  False positives only cost that search. */
	uint64_t probe_nonces[2][LISP_PROBE_FILTER_BITS / 64];
	unsigned probe_nonces_cur;

	/* PETR */
	struct petr_acl acl[LISP_PETR_ACL_MAX];
	unsigned n_acl;
	struct etr_user users[LISP_ETR_USERS];
	unsigned user_last;			/* the last one seen */
	struct prefix smr_pending[LISP_SMR_PENDING];
	unsigned n_smr;
	struct evtimer *smr_timer;

	/* MS */
	struct site *sites;
	struct htab sites_ht;			/* the same by name: found without a
						 * walk */
	struct site *sites_hint;		/* added last: a replay adds in order */
	struct lpm *registry;			/* struct site_eid, instance 0 */
	struct ms_insts *ms_insts;		/* lisp_ms.c: the other instances */
	struct ms_notifies *ms_notifies;	/* lisp_ms.c: unsolicited Map-Notifies
						 * awaiting their Ack, NULL: none yet */
	struct ms_batch *ms_batch;		/* lisp_ms.c: Map-Requests of a burst */
	/* Every registration lives the same 180 s, so refresh order is
	 * expiry order: one list and one timer at its head. */
	struct site_etr *reg_head, *reg_tail;
	struct evtimer *reg_expiry;

	struct lisp_ddt *ddt;			/* lisp_ddt.c, NULL until configured */

	struct lisp_stats st;
	uint8_t *obuf;				/* packets we build */
	uint8_t *dbuf;				/* decapsulated inner packets */
	uint8_t *fbuf;				/* inner fragments */
};

/* Does PETR entry p take EIDs of family afi? */
static inline bool petr_serves(const struct petr *p, uint16_t afi)
{
	return p->af & (afi == AFI_IPV6 ? LISP_AF_IPV6 : LISP_AF_IPV4);
}

static inline unsigned petr_count_af(const struct petr *v, unsigned n, uint16_t afi)
{
	unsigned i, k = 0;

	for (i = 0; i < n; i++)
		k += petr_serves(&v[i], afi);
	return k;
}

/* The PETR list an instance's traffic of EID family afi uses: its own
 * when it has entries of that family, else the router's (the entries of
 * other families in it are skipped: petr_serves()). */
static inline struct petr *lisp_petrs(struct lisp *l, struct lisp_inst *i, uint16_t afi,
				      unsigned *n)
{
	if (i && petr_count_af(i->petrs, i->n_petrs, afi)) {
		*n = i->n_petrs;
		return i->petrs;
	}
	*n = l->n_petrs;
	return l->petrs;
}

static inline void lisp_drop(struct lisp *l, enum lisp_drop d)
{
	l->st.drops[d]++;
}

/* The instance of iid, NULL if none: O(1). */
static inline struct lisp_inst *lisp_inst_of(const struct lisp *l, uint32_t iid)
{
	struct lisp_inst *i;

	if (iid == 0)
		return l->inst0;
	for (i = l->inst_hash[(iid * 0x9E3779B1u) >> 22 & (LISP_INST_HASH - 1)]; i; i = i->hnext)
		if (i->iid == iid)
			return i;
	return NULL;
}

/* The counters of instance iid (NULL: no such instance): its share of a
 * router-wide counter, bumped beside it (lisp_inst_stats()). */
static inline struct lisp_stats *lisp_inst_st(const struct lisp *l, uint32_t iid)
{
	struct lisp_inst *i = lisp_inst_of(l, iid);

	return i ? &i->st : NULL;
}

static inline uint32_t lisp_record_iid(const struct lisp_record *r)
{
	return r->eid.eid.has_iid ? r->eid.eid.addr.iid : 0;
}

/* A Map-Register/Map-Notify(-Ack) counted once by each instance its
 * records name: field is the counter's offsetof() in struct lisp_stats.
 * At most 255 records, so the quadratic first-seen check is bounded. */
static inline void lisp_inst_count_recs(const struct lisp *l, const struct lisp_record *recs,
					unsigned n, size_t field)
{
	for (unsigned k = 0; k < n; k++) {
		uint32_t iid = lisp_record_iid(&recs[k]);
		struct lisp_stats *st;
		unsigned j;

		for (j = 0; j < k && lisp_record_iid(&recs[j]) != iid; j++)
			;
		if (j == k && (st = lisp_inst_st(l, iid)))
			(*(uint64_t *)(void *)((char *)st + field))++;
	}
}

/* lisp_conf.c: rebuild l->by_vrf. */
void lisp_vrf_rebuild(struct lisp *l);

/* The instance bound to VRF vrf (NULL: none): one compare and one load
 * per packet while the VRFs and bindings stand. */
static inline struct lisp_inst *lisp_inst_vrf(struct lisp *l, unsigned vrf)
{
	if (l->vrf_stale || l->vrf_gen != router_vrf_gen(l->r))
		lisp_vrf_rebuild(l);
	return vrf < VRF_MAX ? l->by_vrf[vrf] : NULL;
}

/* The VRF an instance's EID table is, -1: none (unbound, or its VRF is
 * not defined). */
static inline int lisp_inst_vrf_id(struct lisp *l, const struct lisp_inst *i)
{
	if (l->vrf_stale || l->vrf_gen != router_vrf_gen(l->r))
		lisp_vrf_rebuild(l);
	return i->vrf_id;
}

/* lisp.c */
/* Unpredictable (CSPRNG): every nonce of the control plane. */
uint64_t lisp_rand64(struct lisp *l);
/* Fast and merely well spread: data-header nonces, timer jitter. */
uint32_t lisp_rand_fast(struct lisp *l);
uint64_t lisp_now(const struct lisp *l);
/* Ours: an IPv4 address of an interface, or a usable IPv6 one. */
bool lisp_is_local_addr(struct lisp *l, const struct addr *a);
/* May a reply go to this ITR-RLOC: not ours, not a martian or a
 * connected subnet's broadcast address (IPv4), a global unicast address
 * (IPv6: not unspecified, multicast, loopback, link-local, v4-mapped)? */
bool lisp_itr_rloc_ok(struct lisp *l, const struct addr *a);
/* The IPv6 part of it, without the 'ours' test (configuration checks). */
bool lisp_v6_rloc_ok(const uint8_t *a);
/* The FIB route toward an RLOC of either family (NULL: none). */
struct fib_entry *lisp_rloc_route(struct lisp *l, const struct addr *a);
/* An interface's address of the family: its IPv4 address, or its first
 * usable (not tentative) global IPv6 address. */
bool lisp_iface_addr(struct iface *ifp, uint16_t afi, struct addr *out);
/* The RLOC address of a database locator (an interface's address). */
bool lisp_loc_resolve(struct lisp *l, const struct lisp_loc_cfg *c, struct addr *out);
/* Is the locator reachable through the FIB (not via a discard route)? */
bool lisp_rloc_routable(struct lisp *l, const struct addr *a);
/* Our source address toward dst (either family); false: none. */
bool lisp_source_for(struct lisp *l, const struct addr *dst, struct addr *out);
/*
 * Send payload in UDP over IPv4 or IPv6 (dst's family) from src (NULL or
 * another family: chosen for dst) port sport to dst:dport with a correct
 * UDP checksum; payload must not point into l->obuf.  Returns 0 or -1
 * (counted).
 */
int lisp_send_udp(struct lisp *l, const struct addr *src, uint16_t sport,
		  const struct addr *dst, uint16_t dport, const uint8_t *payload, size_t len);
/* The IP + UDP header length toward dst: 28 (IPv4) or 48 (IPv6). */
static inline size_t lisp_ip_udp_len(const struct addr *dst)
{
	return dst->afi == AFI_IPV6 ? 48 : 28;
}
/*
 * Build an IPv4 or IPv6 (dst's family; src the same) + UDP header at ip,
 * the payload already at ip + lisp_ip_udp_len(dst); returns that length.
 * ttl is the hop limit and tos the traffic class over IPv6, where df
 * means nothing and the UDP checksum is always computed (cksum: IPv4).
 */
size_t lisp_build_ip_udp(struct lisp *l, uint8_t *ip, const struct addr *src,
			 const struct addr *dst, uint16_t sport, uint16_t dport, size_t plen,
			 uint8_t ttl, uint8_t tos, bool df, bool cksum);
/* Outer IP + UDP + LISP header toward rloc: 36 (IPv4) or 56 (IPv6). */
static inline size_t lisp_encap_overhead(const struct addr *rloc)
{
	return lisp_ip_udp_len(rloc) + 8;
}
/* Output a packet built at f + LISP_HEADROOM (either version). */
int lisp_output(struct lisp *l, uint8_t *f, size_t iplen);
/* The database mapping covering a in a's instance (NULL: none). */
struct db_entry *lisp_db_match(struct lisp *l, const struct addr *a);
/* The mapping of exactly p in p's instance (NULL: none). */
struct db_entry *lisp_db_exact(struct lisp *l, const struct prefix *p);
/* Every instance's database in IID then prefix order (values: struct
 * db_entry, whose prefix carries the IID). */
int lisp_db_walk_all(struct lisp *l, lpm_walk_fn fn, void *arg);
/* One instance's mappings as lisp_db_foreach() gives them, after 'after'
 * (NULL: from the start). */
int lisp_db_foreach_inst(struct lisp_inst *i, const struct prefix *after,
			 int (*fn)(const struct lisp_db_info *d, void *arg), void *arg);
/* Forget the outstanding Map-Requests of an instance (it goes away). */
void lisp_mreq_forget_inst(struct lisp *l, uint32_t iid);
void lisp_etr_kick(struct lisp *l);
/* The site named name (l->sites_ht), or NULL. */
struct site *lisp_site_by_name(const struct lisp *l, const char *name);
bool lisp_static_configured(struct lisp *l, const struct prefix *p);

/* The PITR's locator of family afi (either of its two); false: none. */
static inline bool lisp_pitr_addr(const struct lisp *l, uint16_t afi, struct addr *out)
{
	if (!(l->roles & LISP_ROLE_PITR))
		return false;
	if (l->pitr_addr.afi == afi)
		*out = l->pitr_addr;
	else if (l->pitr_addr2.afi == afi)
		*out = l->pitr_addr2;
	else
		return false;
	return true;
}

/* lisp_conf.c */
int lisp_conf_init(struct lisp *l);
void lisp_conf_free(struct lisp *l);
bool lisp_loc_same(const struct lisp_loc_cfg *a, const struct lisp_loc_cfg *b);
/* lisp.c's validation of a database or locator-set locator and of an
 * EID prefix, with its messages. */
int lisp_check_loc(struct lisp *l, const struct lisp_loc_cfg *c, bool allow_if,
		   char *err, size_t errlen);
int lisp_check_prefix(const struct prefix *p, char *err, size_t errlen);

/* lisp_itr.c */
int lisp_itr_hook(void *arg, struct iface *in, const uint8_t *ip, size_t len);
int lisp_itr_hook6(void *arg, struct iface *in, const uint8_t *ip, size_t len);
/* ITR or PITR: the roles that resolve and encapsulate. */
static inline bool lisp_is_itr(const struct lisp *l)
{
	return (l->roles & (LISP_ROLE_ITR | LISP_ROLE_PITR)) != 0;
}
bool lisp_loc_usable(struct lisp *l, const struct mc_loc *c);
void lisp_probe_timer(void *arg);
void lisp_probe_reply(struct lisp *l, const struct addr *from, const struct lisp_map_reply *rep);
/* An SMR from an ETR: refresh the cached prefix through the mapping system. */
void lisp_itr_smr(struct lisp *l, const struct lisp_map_request *req);
void lisp_itr_map_reply(struct lisp *l, const struct addr *from, const uint8_t *msg,
			size_t len);
void lisp_itr_update_default(struct lisp *l);
/* The same for one (new) instance only. */
void lisp_itr_inst_default(struct lisp *l, struct lisp_inst *in);
/* The ::/0 entry alone (a database change). */
void lisp_itr_update_default6(struct lisp *l);
void lisp_mreq_free_all(struct lisp *l);
/* Is nonce that of one of our outstanding Map-Requests? */
bool lisp_mreq_pending(struct lisp *l, uint64_t nonce);
/* Ask the mapping system for eid (rate-limited); lig passes fn.  Returns
 * 0 when asked (or already asking), -1 when it cannot. */
int lisp_mreq_start(struct lisp *l, const struct prefix *eid, const struct addr *src,
		    lisp_lig_fn fn, void *arg, bool smr_invoked);
void lisp_probe_reset(struct lisp *l);
void lisp_itr_refresh(struct lisp *l, const struct prefix *p);

/* lisp_etr.c */
void lisp_etr_register_timer(void *arg);	/* arg: a struct map_server */
void lisp_etr_kick_ms(struct lisp *l, unsigned i);
void lisp_etr_rearm_from(struct lisp *l, unsigned from);
void lisp_etr_ms_info(const struct lisp *l, const struct map_server *ms, struct lisp_ms_info *o);
void lisp_etr_map_notify(struct lisp *l, const struct addr *from, const uint8_t *msg,
			 size_t len);
/* A Map-Request for an EID in the database; returns false if not ours. */
bool lisp_etr_map_request(struct lisp *l, const struct lisp_map_request *req,
			  uint16_t reply_port);
/* A data packet to 4341: ip/len the outer IPv4 or IPv6 packet, its UDP
 * header at l4 (checked). */
void lisp_etr_data(struct lisp *l, struct iface *in, const uint8_t *ip, size_t len, size_t l4);
/* Answer an RLOC probe sent to our address 'to'. */
void lisp_etr_probe(struct lisp *l, const struct lisp_map_request *req, const struct addr *to,
		    uint16_t reply_port);
/* The database mapping for p changed: SMR the ITRs that used us lately. */
void lisp_etr_smr(struct lisp *l, const struct prefix *p);
void lisp_etr_smr_timer(void *arg);

/* lisp_ms.c */
void lisp_ms_map_register(struct lisp *l, const uint8_t *ip, const struct addr *from,
			  const struct addr *to, uint16_t sport, const uint8_t *msg, size_t len);
/* MR/MS handling of a decapsulated Map-Request; ecm/ecm_len is the whole
 * ECM (LISP header on) for relaying it unchanged. */
void lisp_ms_map_request(struct lisp *l, const struct lisp_map_request *req,
			 uint16_t reply_port, const uint8_t *ecm, size_t ecm_len);
void lisp_ms_free_all(struct lisp *l);
void lisp_ms_map_notify_ack(struct lisp *l, const struct addr *from, const uint8_t *msg,
			    size_t len);
int lisp_ms_ddt_lookup(struct lisp *l, const struct prefix *q, struct prefix *p);
void lisp_ms_expire(void *arg);
/* Set a Map-Request aside for the end of the receive burst (false: it
 * cannot be, answer it now); lisp_ms_burst_end() answers them all. */
bool lisp_ms_defer(struct lisp *l, const struct lisp_map_request *req, uint16_t reply_port,
		   const uint8_t *ecm, size_t ecm_len);
void lisp_ms_burst_end(void *arg);
void lisp_ms_batch_free(struct lisp *l);
/* A Map-Server registry table (no IPv4 front table: see lisp_ms.c). */
struct lpm *lisp_ms_table_new(void);
/* Send a Map-Reply with one record to the first IPv4 ITR-RLOC. */
int lisp_send_map_reply(struct lisp *l, const struct lisp_map_request *req,
			uint16_t port, const struct lisp_record *rec);

#endif
