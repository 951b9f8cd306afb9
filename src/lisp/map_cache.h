/*
 * DOC: the ITR's map-cache
 *
 * EID prefix -> locator set or negative action, on the shared LPM table
 * (one per instance), with one lookup index in front of all the
 * instances' tables for IPv4 addresses under /17-/24 entries (see
 * map_cache.c: the data path's lines then do not grow with the number of
 * instances in use).
 * Entries learned from Map-Replies ("dynamic") expire after their TTL,
 * are refreshed shortly before that when traffic used them in the last
 * minute, and sit on an LRU list so map-cache-limit evicts the least
 * recently used one.  Their refresh and expiry times are kept in a binary
 * heap under one event-loop timer, so 100,000 entries cost O(log n) each
 * instead of one sorted timer apiece.  Static entries (configuration, the ITR's 0.0.0.0/0
 * send-map-request) never expire, are not counted against the limit and
 * are never replaced by a reply.
 */
#ifndef LISPR_MAP_CACHE_H
#define LISPR_MAP_CACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "addr.h"
#include "lisp.h"

struct lisp;
struct evloop;
struct evtimer;
struct map_cache;
struct mc_index;

struct mc_loc {
	struct addr addr;
	uint8_t priority, weight;
	bool reachable;			/* R bit */
	uint64_t uptime;
	/* RLOC probing: down after LISP_PROBE_MISSES unanswered probes */
	bool probe_down;
	unsigned misses;
	uint64_t probe_nonce, probe_sent, rtt_ns, last_reply;
};

struct mc_entry {
	struct prefix prefix;
	enum lisp_mc_source source;
	bool negative, authoritative;
	uint8_t action;
	uint32_t ttl;			/* minutes */
	uint64_t created, expires, last_used;
	struct addr map_source;
	uint64_t pkts, bytes;
	unsigned n;
	struct mc_loc locs[LISP_MAX_LOCATORS];
	/* owned by map_cache.c */
	struct mc_entry *lru_prev, *lru_next;
	uint64_t next_event;		/* refresh point, then expiry */
	size_t heap_idx;
	struct map_cache *mc;
	bool refreshing;
};

/* The map-cache of instance iid: every entry's prefix carries it. */
struct map_cache *map_cache_new(struct lisp *l, struct evloop *ev, uint32_t iid);
void map_cache_free(struct map_cache *mc);
struct mc_entry *map_cache_lookup(struct map_cache *mc, const struct addr *a);
/*
 * The same for the data path: x is l->mcx, the index all the instances'
 * map caches share (see map_cache.c), iid mc's instance; an IPv4 address
 * under /17-/24 entries is found there without reading mc.
 */
struct mc_entry *map_cache_find(const struct mc_index *x, struct map_cache *mc, uint32_t iid,
				const struct addr *a);
struct mc_entry *map_cache_exact(struct map_cache *mc, const struct prefix *p);
/* A packet used e at now (the loop's clock): counters and the LRU
 * position. */
void map_cache_touch(struct map_cache *mc, struct mc_entry *e, size_t bytes, uint64_t now);
/*
 * Install a copy of tmpl (prefix, source, negative, action, ttl, locators,
 * map_source).  A dynamic entry replaces the dynamic entries it covers and
 * never a static one; with TTL 0 nothing is cached.  Returns 0, 1 when not
 * installed, -1 on allocation failure.
 */
int map_cache_install(struct map_cache *mc, const struct mc_entry *tmpl);
/* Remove the entry for exactly p (static or dynamic); -1 if absent. */
int map_cache_remove(struct map_cache *mc, const struct prefix *p);
void map_cache_clear_dynamic(struct map_cache *mc);
/* The dynamic entries inside p (p itself included); how many went. */
size_t map_cache_clear_within(struct map_cache *mc, const struct prefix *p);
/* The dynamic entries of one family (AFI_NONE: all). */
void map_cache_clear_dynamic_afi(struct map_cache *mc, uint16_t afi);
void map_cache_set_limit(struct map_cache *mc, unsigned limit);
unsigned map_cache_limit(const struct map_cache *mc);
/* Entries, and the negative ones among them: counts kept as entries come
 * and go (no walk). */
size_t map_cache_count(const struct map_cache *mc, size_t *negative);
/* The same for one family (AFI_NONE: all). */
size_t map_cache_count_afi(const struct map_cache *mc, uint16_t afi, size_t *negative);
/* Entries learned from Map-Replies: what the limit bounds. */
size_t map_cache_dynamic(const struct map_cache *mc);
int map_cache_walk(struct map_cache *mc, int (*fn)(struct mc_entry *e, void *arg), void *arg);
/* The same after the prefix 'after' (NULL: from the start). */
int map_cache_walk_after(struct map_cache *mc, const struct prefix *after,
			 int (*fn)(struct mc_entry *e, void *arg), void *arg);
/* One family's entries (AFI_IPV4 or AFI_IPV6) after 'after'. */
int map_cache_walk_afi_after(struct map_cache *mc, uint16_t afi, const struct prefix *after,
			     int (*fn)(struct mc_entry *e, void *arg), void *arg);
/* The longest entry covering p (p itself included), or NULL. */
struct mc_entry *map_cache_covering(struct map_cache *mc, const struct prefix *p);

#endif
