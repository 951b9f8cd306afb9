/*
 * DOC: the longest-prefix-match table
 *
 * One table type serves the FIB, the map-cache, the local EID database and
 * the Map-Server's site registry.  A table holds IPv4 and IPv6 prefixes side
 * by side (keyed by AFI; the instance ID is not part of the key: keep one
 * table per instance).  Values are opaque non-NULL pointers owned by the
 * caller.  Lookups do not allocate and do not modify the table, so they may
 * run concurrently with each other but not with updates.
 */
#ifndef LISPR_LPM_H
#define LISPR_LPM_H

#include <stdbool.h>
#include <stddef.h>

#include "addr.h"

struct lpm;

struct lpm *lpm_new(void);
/* Frees the table; calls free_value (if non-NULL) on every stored value. */
void lpm_free(struct lpm *t, void (*free_value)(void *value));

/*
 * Insert or replace.  value must not be NULL.  If the prefix was present
 * its previous value is returned in *old (if old is non-NULL) and replaced.
 * Returns 0, or -1 on a bad prefix (unknown AFI, length too long) or
 * allocation failure (the table is unchanged then).
 */
int lpm_insert(struct lpm *t, const struct prefix *p, void *value, void **old);
/* Remove the exact prefix; returns its value, or NULL if absent. */
void *lpm_delete(struct lpm *t, const struct prefix *p);
/* Value stored for exactly this prefix, or NULL. */
void *lpm_exact(const struct lpm *t, const struct prefix *p);
/* Longest match for an address; fills *match (if non-NULL) with the
 * matching prefix, which carries a's instance ID.  Returns NULL on a miss. */
void *lpm_lookup(const struct lpm *t, const struct addr *a, struct prefix *match);

/*
 * The IPv4 front table (see lpm.c) is built once the table holds min IPv4
 * prefixes (default 32768) and dropped when fewer than min/2 remain; 0
 * keeps it always.  Lookups give the same answers with or without it.  For
 * tests and benchmarks; lpm_has_front() says whether it is built.
 */
void lpm_set_front_min(struct lpm *t, size_t min);
bool lpm_has_front(const struct lpm *t);
/*
 * Longest matches for n addresses at once, for a data path with a batch of
 * packets: values[i] (and match[i] if match is non-NULL) as lpm_lookup(t,
 * &a[i], &match[i]) gives them.  The lookups of a batch overlap their
 * memory accesses (prefetching level by level), which makes them faster
 * than one by one on a table larger than the caches.
 */
void lpm_lookup_batch(const struct lpm *t, const struct addr *a, size_t n,
		      void **values, struct prefix *match);

/* Number of prefixes stored for one AFI (AFI_NONE: all families). */
size_t lpm_count(const struct lpm *t, uint16_t afi);
/* Bytes of memory the table uses (all nodes and arrays, as requested from
 * malloc), for the benchmark and 'show' commands. */
size_t lpm_memory(const struct lpm *t);

/*
 * Ordered iteration over one AFI (AFI_NONE: IPv4 then IPv6): by address,
 * and for equal addresses shorter prefixes first (so a covering prefix comes
 * before the prefixes it covers).  The callback returns 0 to continue,
 * non-zero to stop; lpm_walk returns that value.  The callback must not
 * modify the table.  The prefixes it gets have instance ID 0 (lpm_walk) or
 * that of p (lpm_walk_covered).
 */
typedef int (*lpm_walk_fn)(const struct prefix *p, void *value, void *arg);
int lpm_walk(const struct lpm *t, uint16_t afi, lpm_walk_fn fn, void *arg);
/* The same, resuming after the prefix 'after' in that order (after need
 * not be stored; NULL: from the start): a table printed in slices. */
int lpm_walk_after(const struct lpm *t, uint16_t afi, const struct prefix *after,
		   lpm_walk_fn fn, void *arg);
/* lpm_walk() restricted to the stored prefixes covered by p (p included). */
int lpm_walk_covered(const struct lpm *t, const struct prefix *p,
		     lpm_walk_fn fn, void *arg);

/* Is any stored prefix covered by p (p itself included)? */
bool lpm_covers_any(const struct lpm *t, const struct prefix *p);
/*
 * Is p covered by some stored prefix (p itself included)?  Returns the
 * value of the longest such prefix and fills *match (with p's instance ID),
 * or NULL.
 */
void *lpm_covering(const struct lpm *t, const struct prefix *p, struct prefix *match);

/*
 * Negative-prefix computation (RFC 9301 section 8.4): the least-specific
 * prefix that covers a and covers no stored prefix of a's family.
 * Returns 0 and fills *out, or -1 if a stored prefix covers a (a is not
 * in negative space).  With no stored prefix of the family the answer is
 * the /0.  Examples: 4.2.2.2 against {192.168.1.0/24, 192.168.2.0/24} gives
 * 0.0.0.0/1; 10.128.0.1 against {10.0.0.0/16} gives 10.128.0.0/9.
 */
int lpm_negative(const struct lpm *t, const struct addr *a, struct prefix *out);

#endif
