/*
 * DOC: an intrusive hash table of configuration items
 *
 * For lists that a configuration can make long (static routes) and where
 * each new line must be checked against the others: a node embedded in
 * the item carries the item's hash; htab_find() walks the nodes of one
 * hash and the caller compares the items themselves.  The table doubles
 * when it holds more nodes than buckets, so a configuration of n lines
 * loads in time linear in n.  Not for packet paths: no lock, no bound
 * (the configuration bounds it).
 */
#ifndef LISPR_HTAB_H
#define LISPR_HTAB_H

#include <stddef.h>
#include <stdint.h>

struct hnode {
	struct hnode *next;
	uint64_t hash;
};

struct htab {
	struct hnode **b;
	size_t size, n;		/* buckets (0 or a power of two), nodes */
};

/* Adds n with hash h; -1 when out of memory (n not added). */
int htab_add(struct htab *t, struct hnode *n, uint64_t h);
/* Removes n, which must be in t. */
void htab_del(struct htab *t, struct hnode *n);
/* The first node of hash h, or NULL; htab_next() the one after n. */
struct hnode *htab_find(const struct htab *t, uint64_t h);
struct hnode *htab_next(const struct hnode *n, uint64_t h);
/* Frees the buckets (not the items). */
void htab_free(struct htab *t);

/* FNV-1a over len bytes, from h (HTAB_SEED to start). */
#define HTAB_SEED	0xcbf29ce484222325ull
uint64_t htab_bytes(uint64_t h, const void *p, size_t len);
/* The same over a string's lower-case letters (names compared with
 * strcasecmp()). */
uint64_t htab_lower(uint64_t h, const char *s);

#endif
