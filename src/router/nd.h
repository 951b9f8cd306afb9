/*
 * DOC: IPv6 Neighbor Discovery (RFC 4861, RFC 4862 DAD)
 *
 * The neighbor cache maps (interface, IPv6 address) to a MAC, with the
 * RFC 4861 states: INCOMPLETE while multicast Neighbor Solicitations are
 * retransmitted (a packet waiting for the answer sits in a small
 * per-entry queue, and all queues together are bounded: overflow is
 * dropped and counted), REACHABLE for ReachableTime after a solicited
 * Neighbor Advertisement, STALE afterwards or when learned from an
 * unsolicited message, DELAY for 5 s after a packet was sent to a STALE
 * neighbor, then PROBE with unicast solicitations until it answers or the
 * entry is deleted.  A STALE entry unused for 4 hours is deleted (IOS 'ipv6
 * nd stale-age' behaviour), and the cache holds at most ND_CACHE_MAX
 * entries (new ones beyond that are refused and counted).
 *
 * The router answers solicitations for its addresses (Router flag set
 * with 'ipv6 unicast-routing'), runs duplicate address detection on each
 * new address (one solicitation from ::, one second: an answer or another
 * node's DAD for it marks the address DUPLICATE, logged and never used),
 * and sends Router Advertisements only where 'no ipv6 nd ra suppress' is
 * configured and the router routes (periodic every 200 s and in answer to
 * a Router Solicitation).  Redirects are not sent.
 */
#ifndef LISPR_ND_H
#define LISPR_ND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct router;
struct iface;

#define ND_CACHE_MAX		8192u
#define ND_QUEUE_DEFAULT	8u	/* packets per INCOMPLETE entry */
#define ND_PENDING_MAX		1024u	/* packets waiting, all entries */
#define ND_MAX_MCAST_SOL	3u
#define ND_MAX_UCAST_SOL	3u
#define ND_RETRANS_MS		1000u
#define ND_REACHABLE_MS		30000u
#define ND_DELAY_MS		5000u
#define ND_STALE_MAX_S		14400u
#define ND_RA_INTERVAL_S	200u
#define ND_RA_LIFETIME_S	1800u

enum nd_state {
	ND_INCOMPLETE,
	ND_REACHABLE,
	ND_STALE,
	ND_DELAY,
	ND_PROBE,
};

struct nd_info {
	uint8_t ip[16];
	uint8_t mac[6];
	enum nd_state state;
	bool is_router;
	const struct iface *ifp;
	uint64_t updated;		/* router clock, ns (Age = now - updated) */
	unsigned queued;
};

/* "INCMP", "REACH", "STALE", "DELAY", "PROBE" as IOS prints them. */
const char *nd_state_name(enum nd_state s);
/* Entries ordered by address then interface ('show ipv6 neighbors'). */
int nd_foreach(struct router *r, int (*fn)(const struct nd_info *e, void *arg), void *arg);
bool nd_get(struct router *r, const struct iface *ifp, const uint8_t ip[16],
	    struct nd_info *out);
size_t nd_count(const struct router *r);
/* 'clear ipv6 neighbors': every dynamic entry and its queue. */
void nd_clear(struct router *r);

#endif
