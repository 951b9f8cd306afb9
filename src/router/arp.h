/*
 * DOC: ARP (RFC 826)
 *
 * The cache maps (interface, IPv4 address) to a MAC.  The router answers
 * requests for its own addresses, learns from requests aimed at it and
 * from replies, and resolves next hops: a packet for an unresolved next
 * hop waits in a small per-entry queue (bounded; overflow is dropped and
 * counted) while requests are retried at an interval; when the retries run
 * out the queue is dropped.  Resolved entries expire after the timeout
 * (IOS 'arp timeout', 4 hours by default; an interface may set its own,
 * iface_set_arp_timeout()).  What the network can grow is bounded: the
 * cache holds at most ARP_CACHE_MAX entries (a packet for a new next hop
 * beyond that is dropped as "ARP cache full"; a request from a new
 * neighbour is still answered, without learning it) and at most
 * ARP_PENDING_MAX packets wait for resolution, all entries together.
 */
#ifndef LISPR_ARP_H
#define LISPR_ARP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct router;
struct iface;

#define ARP_TIMEOUT_DEFAULT	14400u	/* seconds */
#define ARP_QUEUE_DEFAULT	8u	/* packets per unresolved next hop */
#define ARP_RETRIES_DEFAULT	3u	/* requests after the first */
#define ARP_RETRY_MS_DEFAULT	1000u
#define ARP_CACHE_MAX		16384u	/* entries, resolved or resolving */
#define ARP_PENDING_MAX		1024u	/* packets waiting, all entries */

struct arp_info {
	uint32_t ip;			/* network order */
	uint8_t mac[6];
	bool complete;			/* false: still resolving */
	const struct iface *ifp;
	uint64_t updated;		/* router clock, ns (Age = now - updated) */
	uint64_t expires;
	unsigned queued;		/* packets waiting */
};

void arp_set_timeout(struct router *r, uint32_t seconds);
uint32_t arp_timeout(const struct router *r);
void arp_set_queue_len(struct router *r, unsigned packets);
unsigned arp_queue_len(const struct router *r);
void arp_set_retries(struct router *r, unsigned retries, uint32_t interval_ms);
unsigned arp_retries(const struct router *r, uint32_t *interval_ms);

/* Entries ordered by interface name then address. */
int arp_foreach(struct router *r, int (*fn)(const struct arp_info *e, void *arg), void *arg);
bool arp_get(struct router *r, const struct iface *ifp, uint32_t ip, struct arp_info *out);
size_t arp_count(const struct router *r);
size_t arp_pending(const struct router *r);	/* packets waiting, all entries */
/* 'clear arp-cache': drops every dynamic entry and its queue. */
void arp_clear(struct router *r);

#endif
