/*
 * DOC: the LISP-DDT node (RFC 8111): configuration and counters
 *
 * A router with 'ddt' answers DDT Map-Requests (ECMs with the D bit) with
 * Map-Referrals: a delegated prefix gets a NODE-REFERRAL (child DDT nodes)
 * or an MS-REFERRAL (Map-Servers); a prefix inside one of its
 * 'ddt authoritative' prefixes but delegated to no one gets a
 * DELEGATION-HOLE for the least-specific such prefix; anything else is
 * NOT-AUTHORITATIVE.  A Map-Server with 'ddt' is a DDT leaf for its
 * sites: MS-ACK (and the request goes on to the ETR, or is proxy-answered,
 * as without DDT) or MS-NOT-REGISTERED.  Map-Referral signatures are not
 * made nor checked (no DDT security).  The configuration is bounded:
 * LISP_DDT_MAX_AUTH authoritative prefixes, LISP_DDT_MAX_DELEG delegated
 * prefixes of up to LISP_DDT_MAX_CHILD children each.
 */
#ifndef LISPR_LISP_DDT_H
#define LISPR_LISP_DDT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "lisp_msg.h"

struct lisp;

#define LISP_DDT_MAX_AUTH	64
#define LISP_DDT_MAX_DELEG	256
#define LISP_DDT_MAX_CHILD	8
#define LISP_DDT_TTL_REFERRAL	1440	/* minutes: NODE-, MS-REFERRAL, MS-ACK */
#define LISP_DDT_TTL_NOT_REG	1	/* MS-NOT-REGISTERED */
#define LISP_DDT_TTL_HOLE	15	/* DELEGATION-HOLE */

struct lisp_ddt_stats {
	uint64_t requests_in;			/* DDT Map-Requests */
	uint64_t referrals_out[LISP_REF_NOT_AUTHORITATIVE + 1];	/* by action */
	uint64_t send_failed;
};

struct lisp_ddt_deleg_info {
	struct prefix prefix;
	bool map_server;			/* MS-REFERRAL, not NODE-REFERRAL */
	unsigned n;
	struct addr child[LISP_DDT_MAX_CHILD];
};

/* 'ddt' / 'no ddt' (which removes every DDT setting). */
int lisp_ddt_set(struct lisp *l, bool on, char *err, size_t errlen);
bool lisp_ddt_enabled(const struct lisp *l);
/* 'ddt authoritative P' (IPv4 or IPv6, with its instance ID). */
int lisp_ddt_auth_add(struct lisp *l, const struct prefix *p, char *err, size_t errlen);
int lisp_ddt_auth_del(struct lisp *l, const struct prefix *p, char *err, size_t errlen);
/* 'delegate A eid-prefix P [map-server]': P must lie in an authoritative prefix. */
int lisp_ddt_delegate_add(struct lisp *l, const struct addr *child, const struct prefix *p,
			  bool map_server, char *err, size_t errlen);
int lisp_ddt_delegate_del(struct lisp *l, const struct addr *child, const struct prefix *p,
			  char *err, size_t errlen);
/* Walk in configuration order; fn returning non-zero stops the walk. */
int lisp_ddt_auth_foreach(struct lisp *l, int (*fn)(const struct prefix *p, void *arg),
			  void *arg);
int lisp_ddt_delegate_foreach(struct lisp *l,
			      int (*fn)(const struct lisp_ddt_deleg_info *d, void *arg),
			      void *arg);
/*
 * 'map-server-peer A [eid-prefix [instance-id N] P]' (IOS: in the 'ddt
 * authoritative' sub-mode of a Map-Server that is a DDT leaf): another
 * Map-Server authoritative for the same sites, for P (inside an
 * authoritative prefix) or, without eid-prefix, for every prefix of this
 * node.  The MS-ACK and MS-NOT-REGISTERED referrals for a site prefix
 * under it then name the whole set: this Map-Server's address the request
 * came to, then its peers (up to LISP_DDT_MAX_CHILD); with no peer they
 * name none and have the incomplete bit set (RFC 8111 section 6).
 */
#define LISP_DDT_MAX_PEERS	64
struct lisp_ddt_peer_info {
	struct addr addr;
	bool any;				/* no eid-prefix: every prefix */
	struct prefix prefix;			/* when !any */
};
int lisp_ddt_peer_add(struct lisp *l, const struct addr *a, const struct prefix *p,
		      char *err, size_t errlen);
int lisp_ddt_peer_del(struct lisp *l, const struct addr *a, const struct prefix *p,
		      char *err, size_t errlen);
int lisp_ddt_peer_foreach(struct lisp *l,
			  int (*fn)(const struct lisp_ddt_peer_info *p, void *arg), void *arg);

/* The counters (zero when DDT was never configured). */
void lisp_ddt_get_stats(const struct lisp *l, struct lisp_ddt_stats *out);
void lisp_ddt_clear_stats(struct lisp *l);

/* Engine side (lisp.c): free everything; answer a DDT Map-Request that
 * came in the ECM msg from 'from' at UDP source port 'sport' (the
 * Map-Referral goes back there); 'port' is the inner UDP source port, the
 * ITR's reply port.  Returns false when DDT is off and the request goes
 * the usual way. */
void lisp_ddt_free(struct lisp *l);
bool lisp_ddt_map_request(struct lisp *l, const struct lisp_map_request *req,
			  const struct addr *from, const struct addr *to, uint16_t sport,
			  uint16_t port, const uint8_t *ecm, size_t ecm_len);

/* ------------------------------------------- the DDT Map-Resolver (lisp_ddt_mr.c) */

#define LISP_DDT_MAX_ROOTS	8
#define LISP_DDT_RC_MAX		1024	/* referral-cache entries */
#define LISP_DDT_PENDING_MAX	256	/* requests being resolved */
#define LISP_DDT_MAX_DEPTH	8	/* referrals followed per request */
#define LISP_DDT_TRIES		2	/* DDT Map-Requests per referral locator */
#define LISP_DDT_TIMEOUT_MS	1000	/* between them */
#define LISP_DDT_DOWN_S		60	/* a silent locator is tried last this long */
#define LISP_DDT_ACKED_MS	8000	/* an MS-ACK'd request waits for the ITR's retry */
#define LISP_DDT_ACKED_MIN_MS	500	/* a retry sooner than this goes to the same Map-Server */
#define LISP_DDT_TTL_ERROR	1	/* minutes: the negative reply to a referral error */

struct lisp_ddt_mr_stats {
	uint64_t requests_in;			/* ECM'd Map-Requests resolved via DDT */
	uint64_t requests_out;			/* DDT Map-Requests sent */
	uint64_t retransmits, timeouts;
	uint64_t referrals_in[LISP_REF_NOT_AUTHORITATIVE + 1];	/* by action */
	uint64_t referrals_bad;			/* unknown nonce, sender, prefix or action */
	uint64_t cache_hits, negative_replies, resolved;	/* resolved: MS-ACK */
	uint64_t failed;			/* every locator silent or not authoritative */
	uint64_t loops, too_deep, pending_full, duplicates, cache_full;
	uint64_t send_failed;
	uint64_t root_restarts;			/* a cached referral set failed: from the roots */
	uint64_t peer_retries;			/* MS-NOT-REGISTERED: another Map-Server asked */
	uint64_t ack_retries;			/* the ITR asked again after an MS-ACK */
	uint64_t acked_released;		/* MS-ACK'd ones let go early: table full */
	uint64_t error_replies;			/* negative replies for referral errors */
};

/* One referral-cache entry (lisp_ddt_referral_foreach). */
struct lisp_ddt_referral_info {
	struct prefix prefix;			/* with its instance ID */
	unsigned action;			/* enum lisp_referral_action */
	bool incomplete;
	uint32_t ttl;				/* minutes, as received */
	uint64_t expires_in_s;
	uint64_t age_s;
	uint64_t hits;
	unsigned n;
	struct addr loc[LISP_DDT_MAX_CHILD];
	bool loc_down[LISP_DDT_MAX_CHILD];	/* silent lately */
};

/* 'ddt root A' (IPv4 or IPv6; several): the DDT Map-Resolver's roots. */
int lisp_ddt_root_add(struct lisp *l, const struct addr *a, char *err, size_t errlen);
int lisp_ddt_root_del(struct lisp *l, const struct addr *a, char *err, size_t errlen);
int lisp_ddt_root_foreach(struct lisp *l, int (*fn)(const struct addr *a, void *arg), void *arg);
/* The referral cache, expired entries dropped first, in prefix order. */
int lisp_ddt_referral_foreach(struct lisp *l,
			      int (*fn)(const struct lisp_ddt_referral_info *r, void *arg),
			      void *arg);
size_t lisp_ddt_referral_count(struct lisp *l);
void lisp_ddt_referral_clear(struct lisp *l);
size_t lisp_ddt_pending_count(const struct lisp *l);
void lisp_ddt_mr_get_stats(const struct lisp *l, struct lisp_ddt_mr_stats *out);

/*
 * Engine side.  lisp_ddt_mr_request: an ECM'd Map-Request from an ITR (ecm
 * the whole ECM, reply_port its inner UDP source port) for an EID no local
 * site holds; true when DDT takes it (roots configured, not itself a DDT
 * Map-Request).  lisp_ddt_mr_referral: a Map-Referral from 'from'; false
 * when no DDT Map-Resolver is configured.
 */
bool lisp_ddt_mr_request(struct lisp *l, const struct lisp_map_request *req,
			 uint16_t reply_port, const uint8_t *ecm, size_t ecm_len);
bool lisp_ddt_mr_referral(struct lisp *l, const struct addr *from,
			  const struct lisp_map_referral *m);

/* Internal (lisp_ddt.c <-> lisp_ddt_mr.c): where the resolver's state
 * hangs, the DDT block created on demand (NULL: out of memory, or create
 * false and no DDT block). */
struct ddt_mr;
struct ddt_mr **lisp_ddt_mr_slot(struct lisp *l, bool create);
void lisp_ddt_mr_free(struct ddt_mr *m);

#endif
