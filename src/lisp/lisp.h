/*
 * DOC: the LISP engine: xTR, Map-Server and Map-Resolver (public API)
 *
 * One struct lisp per router, created by lisp_new(), which plugs it into
 * the router: UDP to the router's own addresses (ports 4341 data, 4342
 * control and the ITR's reply port) and the forwarding hook that sees
 * every transit and router-originated IPv4 packet.  Everything runs on the
 * router's event loop and clock, under the router lock.
 *
 * Configuration: every setter validates and returns -1 with an IOS-style
 * "% ..." message in err, and has a removal.  Getters and foreach
 * functions return configuration and state in a stable order (prefix
 * order, site names, configuration order for resolvers) for the show
 * commands and the running-config.  IPv4 and IPv6 EIDs (database, static
 * map-cache, PETR access list, sites) in any instance: the instance ID
 * rides in addr.iid of every EID address and prefix crossing this API
 * (lookups use it; walks go through instances in IID order, then prefix
 * order, and fill it); addresses keep their AFI.
 *
 * Times are nanoseconds on the router clock (router_now()); 0 = never.
 */
#ifndef LISPR_LISP_H
#define LISPR_LISP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "fib.h"
#include "lisp_msg.h"
#include "lisp_stats.h"

struct router;
struct lisp;

#define LISP_ROLE_ITR		0x01
#define LISP_ROLE_ETR		0x02
#define LISP_ROLE_MS		0x04
#define LISP_ROLE_MR		0x08
#define LISP_ROLE_PITR		0x10	/* lisp_set_proxy_itr() */
#define LISP_ROLE_PETR		0x20

#define LISP_MAX_LOCATORS	8	/* per database-mapping or cache entry */
#define LISP_MAX_RESOLVERS	8
#define LISP_MAX_MAP_SERVERS	8
#define LISP_KEY_MAX		80
#define LISP_KEY_CONF_MAX	272	/* a key's configured form (cli/secret.h) */
#define LISP_NAME_MAX		64
#define LISP_DESC_MAX		200
#define LISP_IFNAME_MAX		32

#define LISP_MAP_CACHE_LIMIT_DEFAULT	1000
#define LISP_MAP_CACHE_LIMIT_MAX	100000
#define LISP_ETR_TTL_DEFAULT		1440	/* minutes */
#define LISP_ETR_TTL_MIN		60
#define LISP_ETR_TTL_MAX		10080
#define LISP_REGISTER_INTERVAL_S	60
#define LISP_REGISTRATION_TIMEOUT_S	180
#define LISP_NEGATIVE_TTL		15	/* minutes: outside LISP space */
#define LISP_UNREGISTERED_TTL		1	/* minutes: configured, not registered */
#define LISP_MAX_PETRS			8
#define LISP_PETR_PRIORITY_DEFAULT	1
#define LISP_PETR_WEIGHT_DEFAULT	100
#define LISP_PETR_ACL_MAX		64
#define LISP_ENCAP_OVERHEAD		36	/* outer IPv4 + UDP + LISP */
#define LISP_PROBE_INTERVAL_S		30	/* RLOC probing, jittered +-10% */
#define LISP_PROBE_TIMEOUT_S		3	/* a reply later than this is a miss */
#define LISP_PROBE_MISSES		3	/* misses in a row: locator down */
#define LISP_SMR_WINDOW_S		60	/* ITRs that used us this recently */

struct lisp *lisp_new(struct router *r);
/* Unplugs from the router and frees everything; call it before
 * router_free() of the same router. */
void lisp_free(struct lisp *l);

/* ---------------------------------------------------------------- roles */
/* 'ip lisp itr', 'ip lisp etr', 'ip lisp proxy-etr', 'ip lisp map-server', ...
 * (on = false: no).  The PITR role is switched on by lisp_set_proxy_itr()
 * (it needs its address) and off by either.  ITR and PITR exclude each
 * other: "% Disable ITR functionality first." / "% Disable proxy-ITR
 * functionality first." */
int lisp_set_role(struct lisp *l, unsigned role, bool on, char *err, size_t errlen);
unsigned lisp_roles(const struct lisp *l);

/* ---------------------------------------------------------------- styles */
/*
 * How each part of the configuration was written, so that the
 * running-config prints it back the same way (cli/cmd_lisp.c has the
 * printers; the engine only keeps the record).  The global settings
 * (roles, map-resolvers, map-servers, proxies, limits) as a whole, each
 * database mapping, static map-cache entry and site have a style: the one
 * of the last command that configured it; a 'no' form leaves it.  An
 * instance records which of its blocks were typed.  lisp_conf.c.
 */
enum lisp_style {
	LISP_STYLE_NONE,	/* nothing configured: printed as CLASSIC */
	LISP_STYLE_CLASSIC,	/* 'ip lisp ...' lines, 'lisp site NAME' */
	LISP_STYLE_ROUTER,	/* IOS 15 'router lisp': 'ipv4 itr ...', a
				 * 'database-mapping' at the top, 'site' with
				 * 'eid-prefix' and 'exit' */
	LISP_STYLE_EIDTABLE,	/* IOS 15.4: an instance's 'eid-table default
				 * instance-id N' block */
	LISP_STYLE_XE,		/* IOS-XE: 'service ipv4', 'instance-id N',
				 * 'eid-record', the 'exit-*' lines */
};

/* ---------------------------------------------------------------- database */
/* A locator: an RLOC address, or an interface whose address is used. */
struct lisp_loc_cfg {
	struct addr addr;		/* AFI_NONE when ifname is set */
	char ifname[LISP_IFNAME_MAX];	/* "" when addr is set */
	uint16_t ifafi;			/* with ifname: AFI_IPV6 for
					 * 'IPv6-interface IF' (its first
					 * global IPv6 address), else IPv4 */
	uint8_t priority;		/* 0-255, 255: not for unicast */
	uint8_t weight;			/* 0-100 */
};

/* 'ip lisp database-mapping P {RLOC | IF} priority p weight w': adds the
 * locator to the prefix (an existing one, same address or interface, gets
 * the new priority and weight). */
int lisp_db_add(struct lisp *l, const struct prefix *p, const struct lisp_loc_cfg *loc,
		char *err, size_t errlen);
/* loc NULL: the whole prefix. */
int lisp_db_del(struct lisp *l, const struct prefix *p, const struct lisp_loc_cfg *loc,
		char *err, size_t errlen);

struct lisp_db_loc_info {
	struct lisp_loc_cfg cfg;
	struct addr addr;		/* resolved; AFI_NONE when unknown */
	bool self;			/* an address of this router */
};
struct lisp_db_info {
	struct prefix prefix;
	/* The locators come from this locator-set ("" when they are the
	 * mapping's own); default_set: through 'locator default-set'. */
	char locset[LISP_NAME_MAX];
	bool default_set;
	enum lisp_style style;		/* how the mapping was written */
	unsigned n_locs;
	struct lisp_db_loc_info locs[LISP_MAX_LOCATORS];	/* config order */
};
/* In prefix order; fn returns non-zero to stop. */
int lisp_db_foreach(struct lisp *l, int (*fn)(const struct lisp_db_info *d, void *arg),
		    void *arg);
/* The same after the prefix 'after' (NULL: from the start): a slice. */
int lisp_db_foreach_after(struct lisp *l, const struct prefix *after,
			  int (*fn)(const struct lisp_db_info *d, void *arg), void *arg);
size_t lisp_db_count(const struct lisp *l);
/* One instance's database mappings of family afi (AFI_NONE: both). */
size_t lisp_db_count_inst(const struct lisp *l, uint32_t iid, uint16_t afi);
/* The mapping of exactly p; -1 if none. */
int lisp_db_get(struct lisp *l, const struct prefix *p, struct lisp_db_info *out);

/* ---------------------------------------------------------------- ITR */
/* 'ip lisp itr map-resolver A' (repeatable; configuration order is the
 * failover order). */
int lisp_map_resolver_add(struct lisp *l, const struct addr *a, char *err, size_t errlen);
int lisp_map_resolver_del(struct lisp *l, const struct addr *a, char *err, size_t errlen);
int lisp_map_resolver_foreach(struct lisp *l,
			      int (*fn)(const struct addr *a, void *arg), void *arg);
/* The map-resolvers of EIDs of family afi (AFI_IPV4, AFI_IPV6), in the
 * order they are asked in: the order that family's commands wrote them
 * in, which may differ from the other family's. */
int lisp_map_resolver_foreach_af(struct lisp *l, uint16_t afi,
				 int (*fn)(const struct addr *a, void *arg), void *arg);
/* The first map-resolver taking Map-Requests for EIDs of family afi (the
 * families recorded by the shell, lisp_af_entry(); none recorded: both),
 * the one lig and a data miss ask first; false when there is none. */
bool lisp_map_resolver_first(const struct lisp *l, uint16_t afi, struct addr *out);

/* 'ip lisp map-request-source A'; NULL removes it. */
int lisp_set_map_request_source(struct lisp *l, const struct addr *a, char *err, size_t errlen);
bool lisp_map_request_source(const struct lisp *l, struct addr *a);

/* interface 'ip lisp source-locator SRCIF' on interface IF; srcif NULL
 * removes.  SRCIF need not exist yet: it is looked up when used. */
int lisp_set_source_locator(struct lisp *l, const char *ifname, const char *srcif,
			    char *err, size_t errlen);
int lisp_source_locator_foreach(struct lisp *l,
				int (*fn)(const char *ifname, const char *srcif, void *arg),
				void *arg);

/*
 * The router-wide Map-Request budget (the per-destination limit, one
 * request a second, stays): 'ip lisp map-request rate-limit N', requests
 * a second, new ones and retransmissions together (bursts up to one
 * second's worth); 'ip lisp map-request outstanding-limit N', requests
 * waiting for an answer at a time.  A data packet that would need a
 * request beyond either is dropped and counted; lig is exempt.  n < 0:
 * the default.
 */
#define LISP_MREQ_RATE_DEFAULT		1000
#define LISP_MREQ_RATE_MAX		100000
#define LISP_MREQ_OUTSTANDING_DEFAULT	1000
#define LISP_MREQ_OUTSTANDING_MAX	65535
int lisp_set_map_request_rate_limit(struct lisp *l, long n, char *err, size_t errlen);
unsigned lisp_map_request_rate_limit(const struct lisp *l);
int lisp_set_map_request_outstanding_limit(struct lisp *l, long n, char *err, size_t errlen);
unsigned lisp_map_request_outstanding_limit(const struct lisp *l);
/* Map-Requests waiting for an answer now. */
unsigned lisp_map_request_outstanding(const struct lisp *l);
/* 'ip lisp map-cache-limit N' (0-100000, default 1000; n < 0: default). */
int lisp_set_map_cache_limit(struct lisp *l, long n, char *err, size_t errlen);
unsigned lisp_map_cache_limit(const struct lisp *l);
/* An instance's own 'map-cache-limit N' (IOS-XE, in its service block);
 * n < 0: it follows the router's again.  Each instance's map-cache is
 * bounded by its limit alone. */
int lisp_inst_set_map_cache_limit(struct lisp *l, uint32_t iid, long n, char *err,
				  size_t errlen);
/* The limit in force for the instance; *own (may be NULL): set in it. */
unsigned lisp_inst_map_cache_limit(const struct lisp *l, uint32_t iid, bool *own);

/* Static map-cache: 'ip lisp map-cache P {RLOC priority p weight w | drop |
 * map-request | native-forward}'.  action LISP_ACT_NO_ACTION with a
 * locator adds the locator (several allowed); the others set a negative
 * entry with that action (LISP_ACT_SEND_MAP_REQ for 'map-request'). */
int lisp_map_cache_static_add(struct lisp *l, const struct prefix *p, unsigned action,
			      const struct lisp_loc_cfg *loc, char *err, size_t errlen);
int lisp_map_cache_static_del(struct lisp *l, const struct prefix *p, char *err,
			      size_t errlen);
struct lisp_static_info {
	struct prefix prefix;
	enum lisp_style style;		/* how the entry was written */
	unsigned action;		/* with n_locs 0 */
	unsigned n_locs;
	struct lisp_loc_cfg locs[LISP_MAX_LOCATORS];
};
int lisp_map_cache_static_foreach(struct lisp *l,
				  int (*fn)(const struct lisp_static_info *s, void *arg),
				  void *arg);

/* ---------------------------------------------------------------- proxies */
/* A locator's state, for map-cache locators and PETRs alike. */
enum lisp_loc_state {
	LISP_LOC_UP,
	LISP_LOC_DOWN,			/* R bit clear, or RLOC probes unanswered */
	LISP_LOC_NO_ROUTE,		/* no FIB route to it: unusable */
};

/*
 * 'ip lisp proxy-itr A': the PITR role with A as the outer source of what
 * it encapsulates and as its ITR-RLOC; NULL: 'no ip lisp proxy-itr'.
 */
int lisp_set_proxy_itr(struct lisp *l, const struct addr *a, char *err, size_t errlen);
bool lisp_proxy_itr(const struct lisp *l, struct addr *a);
/*
 * 'ip lisp proxy-itr A B': B, the PITR's locator of the other family (IOS
 * takes an IPv4 and an IPv6 one), the outer source toward RLOCs of its
 * family and the PITR's second ITR-RLOC; NULL removes it.  Set A first:
 * "% A proxy-ITR needs its locator address" otherwise, and B of A's
 * family is refused.  A changed to B's family, or the PITR off, drops B.
 */
int lisp_set_proxy_itr2(struct lisp *l, const struct addr *b, char *err, size_t errlen);
bool lisp_proxy_itr2(const struct lisp *l, struct addr *b);

/*
 * 'ip lisp use-petr A [priority p weight w]' for IPv4 EIDs, 'ipv6 lisp
 * use-petr ...' for IPv6 ones (IOS 15 'ipv4/ipv6 use-petr', IOS-XE in
 * 'service ipv4/ipv6'): the ITR sends a family's natively-forwarded
 * packets to that family's proxy ETRs only.  Keyed by A and family: the
 * line sets the priority and weight of A for the families af (0: both);
 * families with the same values share one entry (one probe, one set of
 * counters), different values make an entry per family.  The _del
 * takes A out of the families af; the entry goes with the last.  The
 * forms without af are both families.
 */
int lisp_use_petr_add_af(struct lisp *l, const struct addr *a, uint8_t priority, uint8_t weight,
			 unsigned af, char *err, size_t errlen);
int lisp_use_petr_del_af(struct lisp *l, const struct addr *a, unsigned af, char *err,
			 size_t errlen);
int lisp_use_petr_add(struct lisp *l, const struct addr *a, uint8_t priority, uint8_t weight,
		      char *err, size_t errlen);
int lisp_use_petr_del(struct lisp *l, const struct addr *a, char *err, size_t errlen);
struct lisp_petr_info {
	struct addr addr;
	uint8_t priority, weight;
	uint8_t af;			/* the EID families it serves (LISP_AF_*) */
	enum lisp_loc_state state;
	uint64_t pkts, bytes;		/* encapsulated to it */
	uint64_t rtt_ns;		/* last probe round trip; 0: none */
};
/* Configuration order. */
int lisp_use_petr_foreach(struct lisp *l,
			  int (*fn)(const struct lisp_petr_info *p, void *arg), void *arg);
size_t lisp_use_petr_count(const struct lisp *l);
/* An instance's own 'use-petr A [priority p weight w]' (IOS-XE, in the
 * instance's service ipv4 or ipv6 block): its traffic of a family uses
 * its own entries of that family, in place of the router's, while it has
 * any.  Families as above.  The foreach gives the instance's own entries
 * only; an unknown instance is refused. */
int lisp_inst_use_petr_add_af(struct lisp *l, uint32_t iid, const struct addr *a,
			      uint8_t priority, uint8_t weight, unsigned af, char *err,
			      size_t errlen);
int lisp_inst_use_petr_del_af(struct lisp *l, uint32_t iid, const struct addr *a, unsigned af,
			      char *err, size_t errlen);
int lisp_inst_use_petr_add(struct lisp *l, uint32_t iid, const struct addr *a, uint8_t priority,
			   uint8_t weight, char *err, size_t errlen);
int lisp_inst_use_petr_del(struct lisp *l, uint32_t iid, const struct addr *a, char *err,
			   size_t errlen);
int lisp_inst_use_petr_foreach(struct lisp *l, uint32_t iid,
			       int (*fn)(const struct lisp_petr_info *p, void *arg), void *arg);

/*
 * The PETR's access list: with any entry, a data packet is decapsulated
 * only if its outer source is inside an allowed ITR RLOC prefix or its
 * inner source inside an allowed source EID prefix (otherwise counted as
 * "proxy-ETR access list" and dropped).  Empty: an open relay.
 */
enum lisp_petr_acl { LISP_PETR_ACL_RLOC, LISP_PETR_ACL_EID };
int lisp_petr_acl_add(struct lisp *l, enum lisp_petr_acl kind, const struct prefix *p,
		      char *err, size_t errlen);
int lisp_petr_acl_del(struct lisp *l, enum lisp_petr_acl kind, const struct prefix *p,
		      char *err, size_t errlen);
int lisp_petr_acl_foreach(struct lisp *l,
			  int (*fn)(enum lisp_petr_acl kind, const struct prefix *p, void *arg),
			  void *arg);

/* ---------------------------------------------------------------- ETR */
struct lisp_ms_cfg {
	struct addr addr;
	char key[LISP_KEY_MAX];		/* "": configured but unusable (type 6):
					 * no Map-Register is sent */
	char key_conf[LISP_KEY_CONF_MAX];	/* the key as configured ("7 HEX",
						 * "6 TEXT"), for the running-config
						 * only; "": print key itself */
	bool proxy_reply;
	uint8_t alg;			/* LISP_AUTH_HMAC_SHA1 (default; 0 means
					 * it) or LISP_AUTH_HMAC_SHA256 */
	uint8_t key_id;			/* 'key-id N': the Key ID sent (RFC 9301) */
	uint8_t af;			/* the EID families (LISP_AF_*) registered
					 * with it under these settings; 0: both */
};
/*
 * 'ip lisp etr map-server A key K [proxy-reply] [hash-function sha1|sha2]'
 * ('ipv6 lisp etr map-server ...', 'etr map-server ...' in a service):
 * the settings the families c->af (0: both) register with A under.  Each
 * family of A has one entry: the line replaces the families' settings,
 * and families with the same settings share one entry, one registration
 * session and one Map-Register; when IPv4 and IPv6 differ (another key,
 * Key ID, hash or proxy-reply), A has two entries, each with its own
 * session, registering its family's EIDs with its own key.
 */
int lisp_map_server_add(struct lisp *l, const struct lisp_ms_cfg *c, char *err, size_t errlen);
/* The families af (0: both) stop registering with A; its entry goes with
 * the last family.  "% No such map-server" when none of them did. */
int lisp_map_server_del(struct lisp *l, const struct addr *a, unsigned af, char *err,
			size_t errlen);
/* The Map-Notify state of a map-server: nothing asked yet, a register
 * asking for one sent and not answered yet, the last one verified, the
 * last one (ours by nonce) failed authentication. */
enum lisp_ms_notify { LISP_MSN_NONE, LISP_MSN_AWAITING, LISP_MSN_VERIFIED, LISP_MSN_AUTH_FAILED };
#define LISP_MS_UP_PERIODS	3	/* up: confirmed within 3 register periods */
struct lisp_ms_info {
	struct lisp_ms_cfg cfg;
	uint64_t last_register;		/* last Map-Register sent; 0 never */
	uint64_t next_register;		/* the next one due; 0 none planned */
	uint64_t registers_sent;
	bool notify_verified;		/* a Map-Notify from it verified, once */
	uint64_t last_notify;
	uint64_t notifies_in;		/* verified Map-Notifies from it */
	uint64_t notify_auth_failures;	/* Map-Notifies for our nonces, MAC wrong */
	uint64_t acks_out;		/* Map-Notify-Acks sent to it */
	enum lisp_ms_notify notify_state;
	bool up;			/* confirmed within LISP_MS_UP_PERIODS periods */
	uint64_t up_down_since;		/* when it came up / went down; 0 never up */
};
/* "awaiting", "verified", "auth-failure", "none" */
const char *lisp_ms_notify_str(enum lisp_ms_notify s);
int lisp_map_server_foreach(struct lisp *l,
			    int (*fn)(const struct lisp_ms_info *m, void *arg), void *arg);

/* 'ip lisp etr map-cache-ttl M' (60-10080 minutes; m < 0: default 1440). */
int lisp_set_etr_map_cache_ttl(struct lisp *l, long minutes, char *err, size_t errlen);
uint32_t lisp_etr_map_cache_ttl(const struct lisp *l);

/* ---------------------------------------------------------------- MS */
/* 'lisp site NAME' creates (or finds) it; 'no lisp site NAME' deletes it
 * with its registrations. */
int lisp_site_add(struct lisp *l, const char *name, char *err, size_t errlen);
int lisp_site_del(struct lisp *l, const char *name, char *err, size_t errlen);
/* 'clear lisp site': the registrations of site name's configured prefixes
 * (NULL: every site's), or only those of registered prefix p (a site's
 * configured prefix, or a more-specific registered under one) end now, as
 * if they had expired; the more-specifics go, the configured prefixes stay
 * unregistered until their ETRs register again.  How many registrations
 * ended in *cleared; -1 when the site or the prefix is not there. */
int lisp_site_clear(struct lisp *l, const char *name, const struct prefix *p, unsigned *cleared,
		    char *err, size_t errlen);
bool lisp_site_exists(const struct lisp *l, const char *name);
/* key / desc NULL: 'no authentication-key', 'no description'. */
int lisp_site_set_key(struct lisp *l, const char *name, const char *key, char *err, size_t errlen);
/* The same with the key's configured form (see lisp_ms_cfg.key_conf): a key
 * "" with a form is one that cannot be decoded, and every Map-Register of
 * the site then fails authentication. */
int lisp_site_set_key_conf(struct lisp *l, const char *name, const char *key, const char *key_conf,
			   char *err, size_t errlen);
/* 'authentication-key key-id N [0|6|7] K' (N 0..255; without key-id, 0):
 * the site's key for Key ID N, added or replaced; a site has up to
 * LISP_SITE_KEYS, and a Map-Register is verified with the key of the Key
 * ID it carries (none: an authentication failure), so an ETR can move to
 * a new key while the old one still works.  key_conf as in
 * lisp_site_set_key_conf().  lisp_site_set_key_conf() sets Key ID 0's
 * key, or (key NULL) removes every key. */
#define LISP_SITE_KEYS		4
int lisp_site_key_set(struct lisp *l, const char *name, uint8_t key_id, const char *key,
		      const char *key_conf, char *err, size_t errlen);
/* 'no authentication-key key-id N': that key alone. */
int lisp_site_key_del(struct lisp *l, const char *name, uint8_t key_id, char *err,
		      size_t errlen);
int lisp_site_set_description(struct lisp *l, const char *name, const char *desc,
			      char *err, size_t errlen);
/* A site EID prefix in the instance p->addr.iid ('eid-record instance-id
 * N P'): the same prefix in two instances is two prefixes. */
int lisp_site_eid_add(struct lisp *l, const char *name, const struct prefix *p,
		      bool accept_more_specifics, char *err, size_t errlen);
int lisp_site_eid_del(struct lisp *l, const char *name, const struct prefix *p,
		      char *err, size_t errlen);
int lisp_site_allowed_locator_add(struct lisp *l, const char *name, const struct addr *a,
				  char *err, size_t errlen);
int lisp_site_allowed_locator_del(struct lisp *l, const char *name, const struct addr *a,
				  char *err, size_t errlen);
/*
 * 'limit more-specifics N' in a site: how many more-specific prefixes
 * its ETRs may hold registered under its accept-more-specifics prefixes
 * in each instance (all of an instance's together); n 0 restores the
 * default.  A record beyond it
 * is refused and counted (site, drop reason); lowering it keeps the
 * registrations there are until they lapse.
 */
#define LISP_MORE_SPECIFICS_DEFAULT	1000
#define LISP_MORE_SPECIFICS_MAX		1000000
int lisp_site_set_more_limit(struct lisp *l, const char *name, unsigned n, char *err,
			     size_t errlen);

struct lisp_site_info {
	const char *name;
	const char *description;	/* "" when none */
	const char *key;		/* the first key's (lowest Key ID), "" when none */
	const char *key_conf;		/* its configured form, "" when none */
	uint8_t key_id;			/* its Key ID */
	unsigned n_keys;		/* every key, by Key ID */
	struct {
		uint8_t id;
		const char *key, *key_conf;
	} keys[LISP_SITE_KEYS];
	unsigned n_allowed;
	const struct addr *allowed;	/* sorted */
	uint64_t auth_failures, disallowed, locator_mismatches;
	uint64_t replayed;		/* Map-Registers refused as replays */
	uint64_t replay_evicted;	/* nonces forgotten before the window
					 * ended (LISP_REPLAY_NONCES full) */
	unsigned more_limit;		/* more-specifics it may register */
	bool more_limit_set;		/* configured, not the default */
	unsigned n_more;		/* more-specifics registered now, all IIDs */
	uint64_t more_refused;		/* refused at the limit */
	uint64_t etrs_refused;		/* new ETRs over LISP_SITE_ETRS_MAX */
};
/* Sites by name. */
int lisp_site_foreach(struct lisp *l, int (*fn)(const struct lisp_site_info *s, void *arg),
		      void *arg);
/* The same from the first site after the one named 'after' (which need
 * not exist any more; NULL: from the first): the running-config writes
 * thousands in slices. */
int lisp_site_foreach_after(struct lisp *l, const char *after,
			    int (*fn)(const struct lisp_site_info *s, void *arg), void *arg);
/* How many sites were configured in each style (a walk of the sites). */
void lisp_site_count_styles(const struct lisp *l, size_t n[LISP_STYLE_XE + 1]);

struct lisp_reg_loc {
	struct addr addr;
	uint8_t priority, weight;
	bool local, reachable;
};
/* One ETR's registration of a site EID prefix (an ETR: its xTR-ID when it
 * registers with the I bit, else its source address). */
#define LISP_SITE_ETRS_MAX	8	/* per prefix; a new one beyond: refused */
struct lisp_site_etr_info {
	struct addr who;		/* the registering RLOC */
	uint16_t port;			/* its source port */
	uint64_t first_registered, last_registered;
	bool proxy_reply, want_notify;
	uint32_t ttl;			/* minutes, from the record */
	uint64_t nonce;
	uint8_t key_id, alg;
	bool has_xtr_id;		/* I bit */
	uint8_t xtr_id[16];
	uint64_t site_id;
	unsigned n_locs;
	struct lisp_reg_loc locs[LISP_MAX_LOCATORS];
};
/* One EID prefix of a site: configured, or a registered more-specific. */
struct lisp_site_eid_info {
	const char *site;
	struct prefix prefix;
	bool configured;		/* false: dynamic, more specific of parent */
	struct prefix parent;
	bool accept_more_specifics;
	bool registered;
	uint64_t first_registered, last_registered;	/* 0: never */
	struct addr who;		/* the last registering RLOC */
	bool proxy_reply, want_notify;
	uint32_t ttl;			/* minutes, from the record */
	uint64_t nonce;
	uint8_t key_id, alg;
	unsigned n_locs;		/* what it publishes (merged when merged) */
	struct lisp_reg_loc locs[LISP_MAX_LOCATORS];
	bool merged;			/* several I-bit ETRs' locators merged */
	unsigned more_in_inst;		/* configured: the site's more-specifics
					 * in this prefix's instance */
	unsigned n_etrs;		/* the live registrations, first first */
	struct lisp_site_etr_info etrs[LISP_SITE_ETRS_MAX];
};
/* Every site EID prefix, instances in IID order then prefixes in order
 * (configured and dynamic; prefix.addr.iid the instance); site NULL: all
 * sites. */
int lisp_site_eid_foreach(struct lisp *l, const char *site,
			  int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg);
/* The same, resuming after the prefix 'after' (NULL: from the start) in
 * its instance (after->addr.iid), for the show commands that print the
 * table in slices. */
int lisp_site_eid_foreach_after(struct lisp *l, const char *site, const struct prefix *after,
				int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg);
/* One site's configured EID prefixes in registry order (instance ID,
 * then prefix), from the list the site keeps: no walk of the registry
 * ('show running-config', 'show lisp site'). */
int lisp_site_conf_foreach(struct lisp *l, const char *site,
			   int (*fn)(const struct prefix *p, bool accept_more, void *arg), void *arg);
/* One instance's site EID prefixes (iid), in order after 'after' (NULL:
 * from the start): 'show lisp site instance-id N'. */
int lisp_site_eid_foreach_iid(struct lisp *l, const char *site, uint32_t iid,
			      const struct prefix *after,
			      int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg);
/* The site EID prefixes covered by top (top included, in top's
 * instance), in order, resuming after 'after' (NULL: from top; else a
 * prefix covered by top): a site's own prefixes are walked as the
 * subtrees of its configured ones ('show lisp site': a walk of the whole
 * registry per site was quadratic in the sites). */
int lisp_site_eid_foreach_under(struct lisp *l, const char *site, const struct prefix *top,
				const struct prefix *after,
				int (*fn)(const struct lisp_site_eid_info *e, void *arg), void *arg);
/* How many instances other than 0 have site EID prefixes (the views'
 * Inst ID column). */
size_t lisp_site_inst_count(const struct lisp *l);
/* 'show lisp site P': the longest site prefix covering a in its instance
 * (a->iid); -1 if none ("% Could not find EID ... in site database."). */
int lisp_site_eid_lookup(struct lisp *l, const struct addr *a, struct lisp_site_eid_info *out);

/* ---------------------------------------------------------------- map-cache */
enum lisp_mc_source {
	LISP_MC_STATIC,			/* ip lisp map-cache */
	LISP_MC_STATIC_SMR,		/* the ITR's 0.0.0.0/0 send-map-request */
	LISP_MC_MAP_REPLY,
};
struct lisp_mc_loc_info {
	struct addr addr;
	uint8_t priority, weight;
	enum lisp_loc_state state;
	uint64_t uptime;		/* since (router clock) */
	uint64_t rtt_ns;		/* last RLOC-probe round trip; 0: none */
	uint64_t last_probe_reply;	/* 0: never */
	unsigned probe_misses;		/* unanswered probes in a row */
};
struct lisp_mc_info {
	struct prefix prefix;
	enum lisp_mc_source source;
	bool negative;
	unsigned action;		/* negative entries */
	bool authoritative;
	uint64_t created, expires;	/* expires 0: never */
	uint64_t last_used;
	uint32_t ttl;			/* minutes, as received */
	struct addr map_source;		/* who sent the reply */
	uint64_t pkts, bytes;		/* encapsulated or forwarded through it */
	bool via_petr;			/* "Encapsulating to proxy ETR" */
	unsigned n_locs;
	struct lisp_mc_loc_info locs[LISP_MAX_LOCATORS];
};
int lisp_map_cache_foreach(struct lisp *l,
			   int (*fn)(const struct lisp_mc_info *e, void *arg), void *arg);
/* The same after the prefix 'after' (NULL: from the start): a slice. */
int lisp_map_cache_foreach_after(struct lisp *l, const struct prefix *after,
				 int (*fn)(const struct lisp_mc_info *e, void *arg), void *arg);
/* Longest match for 'show ip lisp map-cache A'; -1 on a miss. */
int lisp_map_cache_lookup(struct lisp *l, const struct addr *a, struct lisp_mc_info *out);
size_t lisp_map_cache_count(const struct lisp *l, size_t *negative);
/* The fixed size of a map-cache entry (its locators are beside it). */
size_t lisp_map_cache_entry_bytes(void);
/* The entries learned from Map-Replies, which the limit bounds; the
 * others (static entries, the ITR's 0.0.0.0/0) never count against it. */
size_t lisp_map_cache_dynamic(const struct lisp *l);
/* 'clear ip lisp map-cache': drops every entry learned from Map-Replies. */
void lisp_map_cache_clear(struct lisp *l);
/* 'clear lisp instance-id N ipv4|ipv6 map-cache': the same for one
 * instance and family (afi AFI_NONE: both families); nothing when the
 * instance does not exist. */
void lisp_map_cache_clear_inst(struct lisp *l, uint32_t iid, uint16_t afi);
/* 'clear ip lisp map-cache P' (and the IPv6 and instance-id forms): the
 * dynamic entries of instance iid inside prefix p; with host (an address
 * typed without a length), the one dynamic entry a lookup of p's address
 * finds, if the longest match is dynamic.  Static entries stay.  Returns
 * how many went (0 when the instance does not exist). */
size_t lisp_map_cache_clear_eid(struct lisp *l, uint32_t iid, const struct prefix *p, bool host);
/* One instance's map-cache entries of family afi (AFI_NONE: both), with
 * the negative ones among them in *negative (may be NULL); 0 when the
 * instance does not exist. */
size_t lisp_map_cache_count_inst(const struct lisp *l, uint32_t iid, uint16_t afi,
				 size_t *negative);

/* 'lisp loc-reach-algorithm rloc-probing': probe every locator of every
 * map-cache entry and every PETR (RFC 9301 section 7.1). */
int lisp_set_rloc_probing(struct lisp *l, bool on, char *err, size_t errlen);
bool lisp_rloc_probing(const struct lisp *l);

/* 'xtr-id {auto | HEX}' and 'site-id N' (lispr-specific, RFC 9301
 * section 5.6): with an xTR-ID every Map-Register has the I bit and the
 * xTR-ID/Site-ID trailer, so a Map-Server merges this ETR's locators
 * with the other ETRs' of the site.  id NULL: a random one (auto);
 * lisp_clear_xtr_id(): off (registers as before, no trailer).  A change
 * registers again at once. */
void lisp_set_xtr_id(struct lisp *l, const uint8_t *id);
void lisp_clear_xtr_id(struct lisp *l);
bool lisp_xtr_id(const struct lisp *l, uint8_t out[16]);
void lisp_set_site_id(struct lisp *l, uint64_t site_id);
uint64_t lisp_site_id(const struct lisp *l);

/* The Map-Server's unsolicited Map-Notifies: awaiting their Ack now, acked,
 * given up after 3 sends, dropped as more than 256 waited (lisp_ms.c;
 * shown by 'show ip lisp statistics'). */
void lisp_ms_notify_counts(const struct lisp *l, unsigned *pending, uint64_t *acked,
			   uint64_t *unanswered, uint64_t *evicted);

/* ---------------------------------------------------------------- show ip cef */
/*
 * The FIB and LISP state for one destination together: the longest FIB
 * route (route_found false: none), whether the ITR checks packets to it
 * ("check lisp eligibility"), what it does with them and to which next
 * hop (an RLOC for FIB_LISP_ENCAP, the PETR for FIB_LISP_NATIVE_PETR, the
 * native gateway otherwise), and the map-cache entry that decided it.
 * The answer is for a packet from a local EID (what an ITR checks); a
 * PITR does not look at the source.  IPv4 or IPv6 (the IPv6 FIB and
 * map-cache); returns -1 for another family.  lisp_cef_foreach() is the
 * IPv4 table: FIB routes and IPv4 map-cache entries only.
 */
struct lisp_cef_info {
	struct prefix prefix;		/* the row: the more specific of the two */
	bool route_found;
	struct fib_entry route;		/* a copy; route.oif may be NULL */
	bool eligible;
	enum fib_lisp_action action;
	struct addr nexthop;		/* AFI_NONE when there is none */
	bool mc_found;
	struct lisp_mc_info mc;
};
int lisp_cef_lookup(struct lisp *l, const struct addr *a, struct lisp_cef_info *out);
/*
 * 'show ip cef': a row per FIB route and per map-cache prefix (a prefix
 * in both is one row), in prefix order; route_found and mc_found say
 * which of the two holds exactly that prefix, and the action is what a
 * packet matching the row and no more specific one gets.  LISP puts
 * nothing in the FIB, so the LISP-derived rows of 'show ip route' (code
 * l) are those with mc_found and no route_found.  Returns fn's non-zero
 * or 0.  The FIB and the map-cache are walked in order side by side, a
 * chunk of each at a time: no copy of the whole table is made.
 */
int lisp_cef_foreach(struct lisp *l, int (*fn)(const struct lisp_cef_info *c, void *arg),
		     void *arg);
/* The same for one family's table: AFI_IPV4 (lisp_cef_foreach) or
 * AFI_IPV6 ('show ipv6 cef': the IPv6 FIB and IPv6 map-cache entries). */
int lisp_cef_foreach_afi(struct lisp *l, uint16_t afi,
			 int (*fn)(const struct lisp_cef_info *c, void *arg), void *arg);
/* The same for VRF vrf's table and the instance bound to it ('show ip
 * cef vrf NAME', 'show ipv6 cef vrf NAME'): every row's prefix.addr.iid
 * is that instance's (0 when none; then the rows are the VRF's routes). */
int lisp_cef_foreach_vrf(struct lisp *l, unsigned vrf, uint16_t afi,
			 int (*fn)(const struct lisp_cef_info *c, void *arg), void *arg);
/* The same resuming after the row 'after' (NULL: from the start): fn
 * returns non-zero to stop, and the caller may resume after the last row
 * it got, with the router lock let go in between (a slice; rows added or
 * removed meanwhile show or not).  Holds no state between calls. */
int lisp_cef_foreach_vrf_after(struct lisp *l, unsigned vrf, uint16_t afi,
			       const struct prefix *after,
			       int (*fn)(const struct lisp_cef_info *c, void *arg), void *arg);
/* The row of exactly prefix p in VRF vrf's table (a route or a map-cache
 * entry of the bound instance, as lisp_cef_foreach_vrf() gives it), found
 * without a walk; -1 when there is none. */
int lisp_cef_exact_vrf(struct lisp *l, unsigned vrf, const struct prefix *p,
		       struct lisp_cef_info *out);
/* lisp_cef_lookup() in VRF vrf: the instance bound to it (a->iid is
 * ignored), else the VRF's route alone. */
int lisp_cef_lookup_vrf(struct lisp *l, unsigned vrf, const struct addr *a,
			struct lisp_cef_info *out);

void lisp_set_style(struct lisp *l, enum lisp_style style);
enum lisp_style lisp_style(const struct lisp *l);
/* A site's style (LISP_STYLE_NONE for no such site). */
/* The style of a database mapping or static map-cache entry (an
 * instance's entries may be written in several styles). */
int lisp_db_set_style(struct lisp *l, const struct prefix *p, enum lisp_style style);
int lisp_map_cache_static_set_style(struct lisp *l, const struct prefix *p, enum lisp_style style);
int lisp_site_set_style(struct lisp *l, const char *name, enum lisp_style style,
			char *err, size_t errlen);
enum lisp_style lisp_site_style(const struct lisp *l, const char *name);

/*
 * IOS-XE writes a global setting in the top 'service ipv4' or in
 * instance 0's (PxTR configurations put the proxies there): one bit per
 * kind of setting, set when it was last written in the instance.
 */
enum lisp_xe_kind {
	LISP_XK_ITR, LISP_XK_ETR, LISP_XK_MS, LISP_XK_MR, LISP_XK_PETR, LISP_XK_PITR,
	LISP_XK_RESOLVERS, LISP_XK_MAP_SERVERS, LISP_XK_USE_PETR, LISP_XK_PETR_ACL,
	LISP_XK_LIMIT, LISP_XK_MREQ_SOURCE, LISP_XK_TTL, LISP_XK_ENCAP, LISP_XK_MREQ_LIMIT,
	LISP_XK__COUNT
};
#define LISP_XK_BIT(k)		(1u << (k))
#define LISP_XK_ALL		(LISP_XK_BIT(LISP_XK__COUNT) - 1)

/*
 * IOS-XE lines that change nothing lispr does but are printed back when
 * given: 'locator-table default', 'encapsulation lisp' (the only
 * encapsulation) and 'remote-rloc-probe on-route-change' in 'router lisp'
 * (a locator's route is looked up whenever it is used, so a route change
 * always counts at once); and where each kind of global setting goes.
 */
struct lisp_xe_opts {
	bool locator_table;
	bool encap_lisp;
	bool probe_on_route_change;
	unsigned in_instance;		/* LISP_XK_BIT()s: service ipv4 */
	unsigned in_instance6;		/* the same for service ipv6 */
	uint32_t in_iid;		/* the instance whose services hold them */
};
void lisp_set_xe_opts(struct lisp *l, const struct lisp_xe_opts *o);
void lisp_xe_opts(const struct lisp *l, struct lisp_xe_opts *o);

/*
 * The address-family services a global setting was written in: IOS has
 * 'ip lisp itr' and 'ipv6 lisp itr' ('ipv4 itr' / 'ipv6 itr', 'service
 * ipv4' / 'service ipv6'), one for IPv4 EIDs, the other for IPv6 EIDs.
 * The engine holds one value of each (a role is on when any family has
 * it); the record says which families' lines print it, per kind of
 * setting and per list entry (map-resolvers, map-servers, PETRs, PETR
 * access list: keyed by the address or prefix), and the ITR and ETR
 * use a map-resolver or map-server for the EIDs of its families only
 * (lisp_itr.c, lisp_etr.c: nothing recorded there, set through the API
 * alone, is both).  0: nothing recorded, which counts as IPv4 (what
 * every setting made before IPv6 EIDs was).  lisp_conf.c.
 */
#define LISP_AF_IPV4		0x1
#define LISP_AF_IPV6		0x2
unsigned lisp_af_kind(const struct lisp *l, enum lisp_xe_kind k);
void lisp_af_kind_set(struct lisp *l, enum lisp_xe_kind k, unsigned af);
unsigned lisp_af_entry(const struct lisp *l, enum lisp_xe_kind k, const struct prefix *p);
/* af 0 forgets the entry; -1 when out of memory. */
int lisp_af_entry_set(struct lisp *l, enum lisp_xe_kind k, const struct prefix *p, unsigned af);
/* The roles (LISP_ROLE_*) on for EIDs of family af (LISP_AF_IPV4 or _IPV6). */
unsigned lisp_af_roles(const struct lisp *l, unsigned af);
/* Does a setting of kind k (a list entry at address a) serve family af,
 * nothing recorded counting as IPv4?  Whether it is set is not asked. */
bool lisp_af_kind_in(const struct lisp *l, enum lisp_xe_kind k, unsigned af);
bool lisp_af_entry_in(const struct lisp *l, enum lisp_xe_kind k, const struct addr *a, unsigned af);
/* The entry's place in family af's list (LISP_AF_IPV4 or LISP_AF_IPV6):
 * larger for an entry that family wrote later; 0 when it has none. */
uint32_t lisp_af_entry_seq(const struct lisp *l, enum lisp_xe_kind k, const struct prefix *p,
			   unsigned af);

/* ---------------------------------------------------------------- instances */
/*
 * An instance ID with its EID table: 'instance-id N' / 'service ipv4' /
 * 'eid-table default' (IOS-XE), 'eid-table default instance-id N' (IOS
 * 15.4), and the classic 'ip lisp ...' commands as the shorthand for
 * instance 0.  The instance of a database mapping or static map-cache
 * entry is its prefix's addr.iid.  Instance 0 always exists and serves
 * the default table unless another instance has 'eid-table default'.
 * Every instance has its own database, map-cache (and limit) and static
 * entries; 'eid-table vrf NAME' binds it to a VRF by name (the VRF may
 * be defined later: vrf_ok says), one instance per table, else "% VRF
 * NAME is already bound to instance-id N".  Every lookup takes the
 * instance from the address's addr.iid; every *_foreach walks instances
 * in IID order, then prefixes, and its *_after form resumes after
 * (after->addr.iid, after).  At most LISP_INST_MAX instances.
 */
#define LISP_IID_MAX		16777214
#define LISP_INST_MAX		4096	/* instances at a time */
struct lisp_inst;
/* The instance, created on first use; NULL with a message. */
struct lisp_inst *lisp_inst_get(struct lisp *l, uint32_t iid, char *err, size_t errlen);
struct lisp_inst *lisp_inst_find(struct lisp *l, uint32_t iid);
/* 'no instance-id N': its database mappings, static map-cache entries
 * and settings go (instance 0 stays, empty). */
int lisp_inst_del(struct lisp *l, uint32_t iid, char *err, size_t errlen);
uint32_t lisp_inst_iid(const struct lisp_inst *i);
/* 'eid-table default' (vrf NULL or "default") or 'eid-table vrf NAME':
 * binds the instance to that table (one instance per table: "% VRF NAME
 * is already bound to instance-id N"); on false: no 'eid-table' line
 * (the instance keeps its table; only lisp_inst_del() unbinds). */
int lisp_inst_set_eid_table(struct lisp_inst *i, bool on, const char *vrf, char *err,
			    size_t errlen);
/* The block was typed ('instance-id N'), and 'service ipv4' inside it. */
void lisp_inst_set_declared(struct lisp_inst *i, bool on);
void lisp_inst_set_service(struct lisp_inst *i, bool on);
/* Its 'service ipv6' block, and 'eid-table default' inside that. */
void lisp_inst_set_service6(struct lisp_inst *i, bool on);
void lisp_inst_set_eid_table6(struct lisp_inst *i, bool on);
void lisp_inst_set_probe_on_route_change(struct lisp_inst *i, bool on);
void lisp_inst_set_style(struct lisp_inst *i, enum lisp_style style);
struct lisp_inst_info {
	uint32_t iid;
	const char *vrf;		/* "" for the default table */
	bool eid_table, declared, service, probe_on_route_change;
	bool service6, eid_table6;
	enum lisp_style style;
	size_t db_entries, map_cache_entries, map_cache_negative;
	unsigned vrf_id;		/* its EID table's VRF (VRF_DEFAULT: the
					 * default table), when vrf_ok */
	bool vrf_ok;			/* that VRF is defined on the router */
};
/* By instance ID. */
int lisp_inst_foreach(struct lisp *l, int (*fn)(const struct lisp_inst_info *i, void *arg),
		      void *arg);
int lisp_inst_info(struct lisp *l, uint32_t iid, struct lisp_inst_info *out);
/* The instance bound to EID table vrf ('eid-table vrf NAME'; NULL or
 * "default": the default table, instance 0's unless another took it),
 * whether that VRF is defined or not: 0, or -1 when none is. */
int lisp_inst_of_table(struct lisp *l, const char *vrf, uint32_t *iid);
/* The instance's database mappings and static map-cache entries, as
 * lisp_db_foreach() and lisp_map_cache_static_foreach() give them. */
int lisp_inst_db_foreach(struct lisp_inst *i, int (*fn)(const struct lisp_db_info *d, void *arg),
			 void *arg);
/* How many of the instance's static map-cache entries of families af
 * (LISP_AF_IPV4 | LISP_AF_IPV6) were written in style (kept as they come
 * and go: a writer skips a walk that would print nothing). */
size_t lisp_inst_static_count_style(const struct lisp_inst *i, enum lisp_style style,
				    unsigned af);
int lisp_inst_static_foreach(struct lisp_inst *i,
			     int (*fn)(const struct lisp_static_info *s, void *arg), void *arg);
/* The same, from the first entry after prefix 'after' in that order
 * (NULL: from the start; 'after' need not be there any more): the
 * running-config writes thousands of them in slices. */
int lisp_inst_static_foreach_after(struct lisp_inst *i, const struct prefix *after,
				   int (*fn)(const struct lisp_static_info *s, void *arg), void *arg);

/* ---------------------------------------------------------------- locator-sets */
/*
 * 'locator-set NAME' with 'IPv4-interface IF priority P weight W' and 'A
 * priority P weight W' entries; 'database-mapping P locator-set NAME'
 * takes its locators, and follows every later change of the set (the
 * ETR registers again and SMRs its users); 'locator default-set NAME'
 * serves a 'database-mapping P' that names none.  A set in use cannot be
 * removed.
 */
#define LISP_MAX_LOCSETS	64
int lisp_locset_add(struct lisp *l, const char *name, char *err, size_t errlen);
int lisp_locset_del(struct lisp *l, const char *name, char *err, size_t errlen);
bool lisp_locset_exists(const struct lisp *l, const char *name);
int lisp_locset_loc_add(struct lisp *l, const char *name, const struct lisp_loc_cfg *loc,
			char *err, size_t errlen);
/* priority and weight of loc are not compared */
int lisp_locset_loc_del(struct lisp *l, const char *name, const struct lisp_loc_cfg *loc,
			char *err, size_t errlen);
struct lisp_locset_info {
	const char *name;
	unsigned n_locs;
	struct lisp_loc_cfg locs[LISP_MAX_LOCATORS];	/* config order */
	unsigned users;			/* database mappings using it */
};
/* In configuration order. */
int lisp_locset_foreach(struct lisp *l, int (*fn)(const struct lisp_locset_info *s, void *arg),
			void *arg);
/* 'locator default-set NAME'; NULL removes it.  "" when none. */
int lisp_set_default_locset(struct lisp *l, const char *name, char *err, size_t errlen);
const char *lisp_default_locset(const struct lisp *l);
/* 'database-mapping P locator-set NAME'; name NULL: the default set.  A
 * prefix has its own locators or a set, not both. */
int lisp_db_add_locset(struct lisp *l, const struct prefix *p, const char *name,
		       char *err, size_t errlen);

/* 'etr map-server A proxy-reply' on a line of its own (IOS-XE), for the
 * families af (0: both) that register with A. */
int lisp_map_server_set_proxy_reply(struct lisp *l, const struct addr *a, unsigned af, bool on,
				    char *err, size_t errlen);

/* ---------------------------------------------------------------- stats */
const struct lisp_stats *lisp_stats(const struct lisp *l);
/* One instance's share of the data-plane and control counters (the
 * router-wide ones stay in lisp_stats()); NULL: no such instance. */
const struct lisp_stats *lisp_inst_stats(const struct lisp *l, uint32_t iid);
void lisp_clear_stats(struct lisp *l);

/* ---------------------------------------------------------------- lig */
struct lisp_lig_result {
	bool replied;			/* false: timed out */
	struct addr from;		/* the replier */
	uint64_t rtt_ns;
	struct prefix prefix;
	bool negative, authoritative;
	unsigned action;
	uint32_t ttl;
	unsigned n_locs;
	struct lisp_mc_loc_info locs[LISP_MAX_LOCATORS];
};
typedef void (*lisp_lig_fn)(void *arg, const struct lisp_lig_result *res);
/*
 * 'lig EID [source A]': an Encapsulated Map-Request for eid to the first
 * map-resolver (retransmitted and failed over like the data path's); fn
 * runs once with the first reply (which is also cached) or at timeout.
 * src: Source-EID, NULL for the first database prefix's address.
 * Returns 0, or -1 with a message.  lisp_lig_cancel() forgets the
 * callback (the shell session went away).
 */
int lisp_lig(struct lisp *l, const struct addr *eid, const struct addr *src,
	     lisp_lig_fn fn, void *arg, char *err, size_t errlen);
void lisp_lig_cancel(struct lisp *l, void *arg);

#endif
