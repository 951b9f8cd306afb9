/*
 * DOC: the longest-prefix-match table (a stride-8 tree bitmap)
 *
 * Each address family has a trie of nodes, one level per address byte (4
 * for IPv4, 16 for IPv6; IPv6 paths skip the levels where nothing branches,
 * see COMPRESS).  The node at depth d holds the prefixes whose
 * length is 8d+1 .. 8d+8 in an internal bitmap: relative length L (1..8)
 * and value v (the top L bits of byte d) use bit (1 << L) - 2 + v, so the
 * bitmap has 2 + 4 + ... + 256 = 510 bits.  A 256-bit external bitmap marks
 * the bytes that have a child.  Children and values share one compact array
 * of slots at the end of the node (slot 0, then the children, then the
 * values), indexed by the rank of a bit, i.e. the number of set bits before
 * it; per-word rank prefixes make that one popcount.  The /0 of each family
 * is kept aside.
 *
 * The lookup is what this layout serves.  With random /16-/24 prefixes a /24
 * lives in a depth-2 node, one per /16 in use, and a lookup's cost is the
 * cache misses on that node, so:
 *  - a nibble per byte value caches the longest internal prefix along that
 *    byte, so a level costs one load instead of eight bitmap probes;
 *  - slot 0 of every node is the empty sentinel node (whose slot 0 is
 *    itself; one for all tables, so it stays cached), so a missing child
 *    needs no branch;
 *  - the slots live in the node's own block, so the value slot can be
 *    prefetched as soon as the node's address is known, in parallel with
 *    the node's bitmaps.
 * Without data-dependent branches the misses of consecutive independent
 * lookups overlap in the out-of-order core.
 *
 * A large IPv4 table also gets a front table that IPv4 lookups read
 * instead of the trie (see "The IPv4 front table" below), a small one a
 * list of its few prefixes (see SMALL_MAX); a lone IPv6
 * prefix is a small leaf rather than a node (see struct leaf); and
 * lpm_lookup_batch() walks groups of lookups level by level with
 * prefetches, so their cache misses overlap.
 *
 * Updates reallocate one node (O(256) work) and fix the pointer to it in
 * its parent.  Nodes left empty by a delete are freed at once, which the
 * negative-prefix computation relies on: every non-root node on a path has
 * a prefix somewhere below it.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "lpm.h"

#define IBM_WORDS 8
#define EBM_WORDS 4
#define MAX_DEPTH 16

/* The first cache line has what a step down to a child reads. */
struct node {
	uint64_t ebm[EBM_WORDS];	/* external bitmap: children */
	uint8_t	 ecum[EBM_WORDS];	/* set ebm bits in the words before */
	uint16_t nkids;
	uint16_t nvals;
	uint8_t	 depth;			/* the byte this node's stride reads */
	uint8_t	 key[16];		/* bytes 0..depth-1 of its addresses */
	uint64_t ibm[IBM_WORDS];	/* internal bitmap: prefixes in this stride */
	uint16_t icum[IBM_WORDS];	/* set ibm bits in the words before */
	uint8_t	 best[128];		/* per byte, 4 bits: longest internal
					   prefix along it (0: none) */
	void	*slot[];		/* sentinel, nkids children, nvals values */
};

_Static_assert(offsetof(struct node, slot) == 272, "node layout");
_Static_assert(offsetof(struct node, ibm) == 64, "node layout");

struct front;

/*
 * Small tables: an IPv4 family of at most SMALL_MAX prefixes besides the
 * /0 (a VRF's connected and local routes, an instance's database) is also
 * kept as a list, longest first, that lookups scan instead of the trie.
 * What a lookup reads of such a table is then the first cache line of
 * struct lpm (the second too for a match past the first prefix), where
 * the trie would cost about eight lines of the root and the nodes below
 * it: with many small tables in use (one per VRF and per LISP instance)
 * those lines are the data path's working set.
 */
#define SMALL_MAX	4
#define SMALL_OFF	0xffu		/* nsmall: the trie, not the list */

/* The first cache line has what every lookup reads: a small table's
 * lookup that ends on its first prefix or on none reads nothing else. */
struct lpm {
	struct node *root[2];		/* IPv4, IPv6 */
	void	*dflt[2];		/* the /0 of each family */
	uint32_t small_key[SMALL_MAX];	/* host order, masked */
	uint8_t	 nsmall;		/* IPv4 prefixes in small_*, or SMALL_OFF */
	uint8_t	 small_len[SMALL_MAX];
	bool	 popcnt;		/* the CPU has popcnt and BMI2 */
	bool	 has_front;		/* front != NULL */
	void	*small_val[SMALL_MAX];	/* the first in the first line */
	struct front *front;		/* IPv4 lookup front table, or NULL */
	struct node *empty;		/* where missing children lead a lookup */
	size_t	 count[2];
	size_t	 nodes;
	size_t	 slots;			/* slots of all nodes */
	size_t	 leaves;		/* struct leaf, see COMPRESS */
	size_t	 front_min;		/* IPv4 prefixes that call for one */
	size_t	 front_bytes;		/* its memory, chunks included */
};

_Static_assert(offsetof(struct lpm, small_val) == 56, "lpm layout");

/*
 * The empty sentinel is one node shared by every table (its slot 0 is
 * itself): a lookup that runs out of children, which most do, reads the
 * same two cache lines whatever the table.  It is never written.
 */
static union {
	struct node n;
	void	*raw[offsetof(struct node, slot) / sizeof(void *) + 1];
} __attribute__((aligned(64))) sentinel = {
	.raw = { [offsetof(struct node, slot) / sizeof(void *)] = &sentinel }
};

static void small_update(struct lpm *t);

#define FRONT_MIN	32768u		/* default front_min */

static void front_drop(struct lpm *t);
static void front_update(struct lpm *t, const struct prefix *p);

/*
 * The lookup is compiled twice on x86-64 builds that do not assume the
 * popcnt and BMI2 instructions (the default): once for the baseline ISA and
 * once with them, chosen per table by a flag set from CPUID (a plain branch,
 * always predicted).  Without the instruction the popcount builtin is a
 * libgcc call, so the baseline uses an inline bit-twiddling count instead;
 * it makes the lookup about twice as slow.  BMI2's one-uop variable shifts
 * shorten the lookup by about a tenth, which lets more independent lookups
 * overlap their cache misses.
 */
#if defined(__x86_64__) && !(defined(__POPCNT__) && defined(__BMI2__)) && \
    defined(__GNUC__)
#define LPM_POPCNT_CLONE 1
#endif
#ifdef __POPCNT__
#define HW_POPCNT true
#else
#define HW_POPCNT false
#endif

static inline __attribute__((always_inline)) unsigned
popc(uint64_t x, bool hw)
{
	if (hw)
		return (unsigned)__builtin_popcountll(x);
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0f0f0f0f0f0f0f0fULL;
	return (unsigned)((x * 0x0101010101010101ULL) >> 56);
}

static inline unsigned
pop64(uint64_t x)
{
	return popc(x, HW_POPCNT);
}

static inline int
fam(uint16_t afi)
{
	return afi == AFI_IPV4 ? 0 : afi == AFI_IPV6 ? 1 : -1;
}

static inline unsigned
ibit(unsigned len, unsigned v)
{
	return (1u << len) - 2 + (v >> (8 - len));
}

static inline bool
bm_test(const uint64_t *bm, unsigned i)
{
	return (bm[i >> 6] >> (i & 63)) & 1;
}

static inline unsigned
ibm_rank(const struct node *n, unsigned i)
{
	return n->icum[i >> 6] +
	    pop64(n->ibm[i >> 6] & ((1ULL << (i & 63)) - 1));
}

static inline unsigned
ebm_rank(const struct node *n, unsigned c)
{
	return n->ecum[c >> 6] +
	    pop64(n->ebm[c >> 6] & ((1ULL << (c & 63)) - 1));
}

static inline unsigned
best_len(const struct node *n, unsigned v)
{
	return (n->best[v >> 1] >> ((v & 1) * 4)) & 15;
}

static void
best_set(struct node *n, unsigned v, unsigned len)
{
	unsigned sh = (v & 1) * 4;

	n->best[v >> 1] = (uint8_t)((n->best[v >> 1] & ~(15u << sh)) | len << sh);
}

static inline struct node *
node_child(const struct node *n, unsigned c)
{
	if (!bm_test(n->ebm, c))
		return NULL;
	return n->slot[1 + ebm_rank(n, c)];
}

static inline void *const *
node_valp(const struct node *n, unsigned i)
{
	return &n->slot[1 + n->nkids + ibm_rank(n, i)];
}

static unsigned
node_used(const struct node *n)
{
	return 1u + n->nkids + n->nvals;
}

static bool
node_empty(const struct node *n)
{
	return n->nkids == 0 && n->nvals == 0;
}

static void
node_recount(struct node *n)
{
	unsigned w, c;

	for (w = 0, c = 0; w < IBM_WORDS; w++) {
		n->icum[w] = (uint16_t)c;
		c += pop64(n->ibm[w]);
	}
	for (w = 0, c = 0; w < EBM_WORDS; w++) {
		n->ecum[w] = (uint8_t)c;
		c += pop64(n->ebm[w]);
	}
}

/* Recompute the best nibbles of the bytes covered by relative prefix (len, v). */
static void
best_update(struct node *n, unsigned len, unsigned v)
{
	unsigned lo = v << (8 - len), hi = lo + (1u << (8 - len)), s, l, b;

	for (s = lo; s < hi; s++) {
		for (b = 0, l = 8; l >= 1 && b == 0; l--)
			if (bm_test(n->ibm, ibit(l, s)))
				b = l;
		best_set(n, s, b);
	}
}

static struct node *
node_alloc(unsigned nslots)
{
	void *p;

	if (posix_memalign(&p, 64, offsetof(struct node, slot) +
	    nslots * sizeof(void *)) != 0)
		return NULL;
	return p;
}

/* A node at depth d on the path of the address bytes b. */
static struct node *
node_new(struct lpm *t, unsigned d, const uint8_t *b)
{
	struct node *n;

	if ((n = node_alloc(1)) == NULL)
		return NULL;
	memset(n, 0, offsetof(struct node, slot));
	n->depth = (uint8_t)d;
	if (d > 0)
		memcpy(n->key, b, d);
	n->slot[0] = t->empty;
	t->nodes++;
	t->slots++;
	return n;
}

static void
node_free(struct lpm *t, struct node *n)
{
	t->slots -= node_used(n);
	t->nodes--;
	free(n);
}

/*
 * A copy of n with a free slot at pos; n is freed.  NULL if memory runs
 * out (n is unchanged then).  The caller fixes the pointer to the node.
 */
static struct node *
node_open(struct lpm *t, struct node *n, unsigned pos)
{
	unsigned used = node_used(n);
	struct node *c;

	if ((c = node_alloc(used + 1)) == NULL)
		return NULL;
	memcpy(c, n, offsetof(struct node, slot) + pos * sizeof(void *));
	memcpy(&c->slot[pos + 1], &n->slot[pos], (used - pos) * sizeof(void *));
	free(n);
	t->slots++;
	return c;
}

/* A copy of n without slot pos; n itself, compacted, if memory runs out. */
static struct node *
node_close(struct lpm *t, struct node *n, unsigned pos)
{
	unsigned used = node_used(n);
	struct node *c;

	memmove(&n->slot[pos], &n->slot[pos + 1], (used - pos - 1) * sizeof(void *));
	t->slots--;
	if ((c = node_alloc(used - 1)) == NULL)
		return n;
	memcpy(c, n, offsetof(struct node, slot) + (used - 1) * sizeof(void *));
	free(n);
	return c;
}

static struct node *
node_add_child(struct lpm *t, struct node *n, unsigned c, struct node *kid)
{
	unsigned pos = 1 + ebm_rank(n, c);

	if ((n = node_open(t, n, pos)) == NULL)
		return NULL;
	n->slot[pos] = kid;
	n->ebm[c >> 6] |= 1ULL << (c & 63);
	n->nkids++;
	node_recount(n);
	return n;
}

static struct node *
node_del_child(struct lpm *t, struct node *n, unsigned c)
{
	n = node_close(t, n, 1 + ebm_rank(n, c));
	n->ebm[c >> 6] &= ~(1ULL << (c & 63));
	n->nkids--;
	node_recount(n);
	return n;
}

static struct node *
node_add_val(struct lpm *t, struct node *n, unsigned len, unsigned v,
    void *value)
{
	unsigned i = ibit(len, v), pos = 1 + n->nkids + ibm_rank(n, i);

	if ((n = node_open(t, n, pos)) == NULL)
		return NULL;
	n->slot[pos] = value;
	n->ibm[i >> 6] |= 1ULL << (i & 63);
	n->nvals++;
	node_recount(n);
	best_update(n, len, v >> (8 - len));
	return n;
}

static struct node *
node_del_val(struct lpm *t, struct node *n, unsigned len, unsigned v)
{
	unsigned i = ibit(len, v);

	n = node_close(t, n, 1 + n->nkids + ibm_rank(n, i));
	n->ibm[i >> 6] &= ~(1ULL << (i & 63));
	n->nvals--;
	node_recount(n);
	best_update(n, len, v >> (8 - len));
	return n;
}

struct lpm *
lpm_new(void)
{
	struct lpm *t;

	if (posix_memalign((void **)&t, 64, sizeof(*t)) != 0)
		return NULL;
	memset(t, 0, sizeof(*t));
	t->front_min = FRONT_MIN;
	t->nsmall = 0;			/* an empty list */
	t->empty = &sentinel.n;
#ifdef LPM_POPCNT_CLONE
	__builtin_cpu_init();
	t->popcnt = __builtin_cpu_supports("popcnt") &&
	    __builtin_cpu_supports("bmi2");
#endif
	if ((t->root[0] = node_new(t, 0, NULL)) == NULL ||
	    (t->root[1] = node_new(t, 0, NULL)) == NULL) {
		free(t->root[0]);
		free(t);
		return NULL;
	}
	return t;
}

/*
 * IPv6 paths are compressed: a node's child may sit several bytes deeper
 * (its depth and key say where), which spares the chains of single-child
 * nodes that sparse IPv6 prefixes would otherwise each need.  IPv4 keeps a
 * node at every level, which is what lets lookup4() go without checks.
 */
#define COMPRESS(f)	((f) == 1)

/*
 * In a compressed family a child that would be a node holding one prefix
 * and nothing else is that prefix alone: a 32-byte leaf instead of a
 * 290-byte node (a random IPv6 table is mostly such nodes).  The child
 * slot points to it with the low bit set; a leaf hangs below its parent's
 * stride, like a child node.  An insert along a leaf turns it into a node
 * first; a delete does not turn nodes back into leaves.
 */
struct leaf {
	uint8_t	 key[16];		/* the prefix's address */
	uint8_t	 len;
	void	*value;
};

#define LEAF_TAG	((uintptr_t)1)

static inline bool
is_leaf(const struct node *c)
{
	return ((uintptr_t)c & LEAF_TAG) != 0;
}

static inline struct leaf *
leaf_of(const struct node *c)
{
	return (struct leaf *)((uintptr_t)c - LEAF_TAG);
}

static inline struct node *
leaf_ref(const struct leaf *l)
{
	return (struct node *)((uintptr_t)l + LEAF_TAG);
}

/* Does the leaf's prefix hold the address bytes b? */
static inline bool
leaf_holds(const struct leaf *l, const uint8_t *b)
{
	uint64_t k0, k1, b0, b1, m0, m1;
	unsigned len = l->len;

	/* the first len bits of two 128-bit big-endian strings */
	memcpy(&k0, l->key, 8);
	memcpy(&k1, l->key + 8, 8);
	memcpy(&b0, b, 8);
	memcpy(&b1, b + 8, 8);
	k0 = __builtin_bswap64(k0 ^ b0);
	k1 = __builtin_bswap64(k1 ^ b1);
	m0 = len >= 64 ? ~0ULL : ~(~0ULL >> len);	/* len >= 1 */
	m1 = len <= 64 ? 0 : len == 128 ? ~0ULL : ~(~0ULL >> (len - 64));
	return ((k0 & m0) | (k1 & m1)) == 0;
}

static inline bool
leaf_is(const struct leaf *l, const struct prefix *q)
{
	return l->len == q->len && memcmp(l->key, q->addr.u.b, 16) == 0;
}

static struct leaf *
leaf_new(struct lpm *t, const uint8_t *b, unsigned len, void *value)
{
	struct leaf *l;

	if ((l = malloc(sizeof(*l))) == NULL)
		return NULL;
	memcpy(l->key, b, 16);
	l->len = (uint8_t)len;
	l->value = value;
	t->leaves++;
	return l;
}

static void
leaf_free(struct lpm *t, struct leaf *l)
{
	t->leaves--;
	free(l);
}

/* A node holding the leaf's prefix (the leaf is left alone), or NULL. */
static struct node *
leaf_node(struct lpm *t, const struct leaf *l)
{
	unsigned d = (l->len - 1u) / 8;
	struct node *y, *tmp;

	if ((y = node_new(t, d, l->key)) == NULL)
		return NULL;
	if ((tmp = node_add_val(t, y, l->len - 8 * d, l->key[d], l->value)) == NULL)
		node_free(t, y);
	return tmp;
}

/* The prefix of leaf l, with the instance ID and AFI of a. */
static void
leaf_prefix(const struct leaf *l, const struct addr *a, struct prefix *p)
{
	struct addr k = *a;

	memcpy(k.u.b, l->key, 16);
	prefix_make(p, &k, l->len);
}

static void
node_free_all(struct lpm *t, struct node *n, void (*free_value)(void *))
{
	unsigned i;

	for (i = 0; i < n->nkids; i++) {
		struct node *c = n->slot[1 + i];

		if (is_leaf(c)) {
			if (free_value != NULL)
				free_value(leaf_of(c)->value);
			leaf_free(t, leaf_of(c));
		} else
			node_free_all(t, c, free_value);
	}
	if (free_value != NULL)
		for (i = 0; i < n->nvals; i++)
			free_value(n->slot[1 + n->nkids + i]);
	node_free(t, n);
}

void
lpm_free(struct lpm *t, void (*free_value)(void *value))
{
	int f;

	if (t == NULL)
		return;
	front_drop(t);
	for (f = 0; f < 2; f++) {
		node_free_all(t, t->root[f], free_value);
		if (free_value != NULL && t->dflt[f] != NULL)
			free_value(t->dflt[f]);
	}
	free(t);
}


/* The first byte in [from, c->depth) where b differs from c's key, or
 * c->depth: does the path to c agree with b? */
static unsigned
skip_match(const struct node *c, const uint8_t *b, unsigned from)
{
	unsigned k;

	for (k = from; k < c->depth; k++)
		if (b[k] != c->key[k])
			return k;
	return c->depth;
}

/* The slot of n's child along b: the byte n reads. */
static struct node **
child_slot(struct node *n, const uint8_t *b)
{
	return (struct node **)&n->slot[1 + ebm_rank(n, b[n->depth])];
}

/*
 * A path from the root: path[0] is the root of family f, path[k] is the
 * child of path[k-1] along the address bytes b.  Store a moved node.
 */
static void
path_set(struct lpm *t, int f, struct node **path, const uint8_t *b,
    unsigned k, struct node *n)
{
	path[k] = n;
	if (k == 0)
		t->root[f] = n;
	else
		*child_slot(path[k - 1], b) = n;
}

/*
 * Free the empty nodes at the end of a path; in a compressed family also
 * bypass a node left with one child and no prefix.
 */
static void
prune(struct lpm *t, int f, struct node **path, const uint8_t *b, unsigned k)
{
	struct node *n;

	for (; k > 0 && node_empty(path[k]); k--) {
		node_free(t, path[k]);
		path_set(t, f, path, b, k - 1, node_del_child(t, path[k - 1],
		    b[path[k - 1]->depth]));
	}
	n = path[k];
	if (COMPRESS(f) && k > 0 && n->nvals == 0 && n->nkids == 1) {
		*child_slot(path[k - 1], b) = n->slot[1];
		node_free(t, n);
	}
}

/*
 * Insert into a compressed family below node n (depth < d), whose child c
 * along b is missing or does not lead to depth d: hang a new node for the
 * prefix there, with a branching node where the paths part.  Nothing is
 * linked until every allocation has succeeded.
 */
static int
insert_split(struct lpm *t, struct node **np, const uint8_t *b, unsigned d,
    unsigned len, void *value)
{
	struct node **slot, *n = *np, *c, *x, *y, *tmp;
	struct leaf *l;
	unsigned m;

	/* alone below n's stride: a leaf (c, if any, is a node) */
	if ((l = leaf_new(t, b, 8 * d + len, value)) == NULL)
		return -1;
	if (!bm_test(n->ebm, b[n->depth])) {
		if ((tmp = node_add_child(t, n, b[n->depth], leaf_ref(l))) == NULL)
			goto fail_l;
		*np = tmp;	/* n moved: the caller fixes its link */
		return 0;
	}
	slot = child_slot(n, b);
	c = *slot;
	m = skip_match(c, b, n->depth + 1);
	if (m >= d) {
		/* c lies below the new prefix's node: y becomes c's parent */
		if ((y = leaf_node(t, l)) == NULL)
			goto fail_l;
		leaf_free(t, l);
		if ((tmp = node_add_child(t, y, c->key[d], c)) == NULL) {
			node_free(t, y);
			return -1;
		}
		*slot = tmp;
		return 0;
	}
	if ((x = node_new(t, m, b)) == NULL)
		goto fail_l;
	if ((tmp = node_add_child(t, x, c->key[m], c)) == NULL)
		goto fail_x;
	x = tmp;
	if ((tmp = node_add_child(t, x, b[m], leaf_ref(l))) == NULL)
		goto fail_x;
	*slot = tmp;
	return 0;
fail_x:
	node_free(t, x);
fail_l:
	leaf_free(t, l);
	return -1;
}

int
lpm_insert(struct lpm *t, const struct prefix *p, void *value, void **old)
{
	struct node *path[MAX_DEPTH + 1], *n, *kid;
	struct prefix q;
	unsigned d, i, k, len;
	const uint8_t *b;
	int f;

	if (old != NULL)
		*old = NULL;
	if (value == NULL || (f = fam(p->addr.afi)) == -1 ||
	    prefix_make(&q, &p->addr, p->len) == -1)
		return -1;
	if (q.len == 0) {
		if (old != NULL)
			*old = t->dflt[f];
		if (t->dflt[f] == NULL)
			t->count[f]++;
		t->dflt[f] = value;
		goto done;
	}
	b = q.addr.u.b;
	d = (q.len - 1u) / 8;
	len = q.len - 8 * d;
	i = ibit(len, b[d]);

	path[0] = t->root[f];
	for (k = 0; path[k]->depth < d; k++) {
		n = path[k];
		kid = node_child(n, b[n->depth]);
		if (kid != NULL && is_leaf(kid)) {
			struct leaf *l = leaf_of(kid);

			if (leaf_is(l, &q)) {
				if (old != NULL)
					*old = l->value;
				l->value = value;
				return 0;	/* IPv6 only: no front */
			}
			/* the new prefix goes along the leaf: make it a node */
			if ((kid = leaf_node(t, l)) == NULL)
				return -1;
			*child_slot(n, b) = kid;
			leaf_free(t, l);
		}
		if (COMPRESS(f) && (kid == NULL || kid->depth > d ||
		    skip_match(kid, b, n->depth + 1) != kid->depth)) {
			if (insert_split(t, &n, b, d, len, value) == -1)
				return -1;
			path_set(t, f, path, b, k, n);
			t->count[f]++;
			return 0;	/* IPv6 only: no front */
		}
		if (kid == NULL) {
			if ((kid = node_new(t, n->depth + 1u, b)) == NULL)
				goto fail;
			if ((n = node_add_child(t, n, b[n->depth], kid)) == NULL) {
				node_free(t, kid);
				goto fail;
			}
			path_set(t, f, path, b, k, n);
		}
		path[k + 1] = kid;
	}
	n = path[k];
	if (bm_test(n->ibm, i)) {
		void **slot = (void **)node_valp(n, i);

		if (old != NULL)
			*old = *slot;
		*slot = value;
		goto done;
	}
	if ((n = node_add_val(t, n, len, b[d], value)) == NULL)
		goto fail;
	path_set(t, f, path, b, k, n);
	t->count[f]++;
done:
	if (f == 0) {
		front_update(t, &q);
		small_update(t);
	}
	return 0;
fail:
	prune(t, f, path, b, k);
	return -1;
}

/*
 * The node at depth (len-1)/8 on p's path, filling path[] and *kp (its
 * index there); NULL if absent, or if p is a leaf (then *lp).
 */
static struct node *
descend(const struct lpm *t, int f, const struct prefix *p, struct node **path,
    unsigned *kp, struct leaf **lp)
{
	unsigned d = (p->len - 1u) / 8, k = 0;
	struct node *n = t->root[f], *c;

	path[0] = n;
	*lp = NULL;
	while (n->depth < d) {
		c = node_child(n, p->addr.u.b[n->depth]);
		if (c != NULL && is_leaf(c)) {
			/* p is this leaf (path[*kp] its parent) or absent */
			if (leaf_is(leaf_of(c), p))
				*lp = leaf_of(c);
			*kp = k;
			return NULL;
		}
		if (c == NULL || c->depth > d ||
		    skip_match(c, p->addr.u.b, n->depth + 1u) != c->depth)
			return NULL;
		path[++k] = n = c;
	}
	*kp = k;
	return n;
}

/* Validates p and returns its family, or -1. */
static int
key_check(const struct prefix *p)
{
	int f = fam(p->addr.afi);

	if (f == -1 || p->len > addr_bits(p->addr.afi))
		return -1;
	return f;
}

void *
lpm_delete(struct lpm *t, const struct prefix *p)
{
	struct node *path[MAX_DEPTH + 1], *n;
	struct leaf *l;
	struct prefix q;
	unsigned d, len, k;
	void *v;
	int f;

	if ((f = key_check(p)) == -1)
		return NULL;
	prefix_make(&q, &p->addr, p->len);
	if (q.len == 0) {
		if ((v = t->dflt[f]) != NULL)
			t->count[f]--;
		t->dflt[f] = NULL;
		if (v != NULL && f == 0) {
			front_update(t, &q);
			small_update(t);
		}
		return v;
	}
	if ((n = descend(t, f, &q, path, &k, &l)) == NULL) {
		if (l == NULL)
			return NULL;
		v = l->value;
		n = path[k];
		path_set(t, f, path, q.addr.u.b, k,
		    node_del_child(t, n, q.addr.u.b[n->depth]));
		leaf_free(t, l);
		t->count[f]--;
		prune(t, f, path, q.addr.u.b, k);
		return v;
	}
	d = (q.len - 1u) / 8;
	len = q.len - 8 * d;
	if (!bm_test(n->ibm, ibit(len, q.addr.u.b[d])))
		return NULL;
	v = *node_valp(n, ibit(len, q.addr.u.b[d]));
	path_set(t, f, path, q.addr.u.b, k,
	    node_del_val(t, n, len, q.addr.u.b[d]));
	t->count[f]--;
	prune(t, f, path, q.addr.u.b, k);
	if (f == 0) {
		front_update(t, &q);
		small_update(t);
	}
	return v;
}

void *
lpm_exact(const struct lpm *t, const struct prefix *p)
{
	struct node *path[MAX_DEPTH + 1];
	const struct node *n;
	struct leaf *l;
	struct prefix q;
	unsigned d, i, k;
	int f;

	if ((f = key_check(p)) == -1)
		return NULL;
	prefix_make(&q, &p->addr, p->len);
	if (q.len == 0)
		return t->dflt[f];
	if ((n = descend(t, f, &q, path, &k, &l)) == NULL)
		return l != NULL ? l->value : NULL;
	d = (q.len - 1u) / 8;
	i = ibit(q.len - 8 * d, q.addr.u.b[d]);
	return bm_test(n->ibm, i) ? *node_valp(n, i) : NULL;
}

/* The child of n along byte v, or the sentinel; no branch. */
static inline __attribute__((always_inline)) const struct node *
step(const struct node *n, unsigned v, bool hw, bool pf)
{
	uint64_t w = n->ebm[v >> 6];
	unsigned bit = (w >> (v & 63)) & 1;
	const struct node *c;

	c = n->slot[(1 + n->ecum[v >> 6] +
	    popc(w & ((1ULL << (v & 63)) - 1), hw)) & -bit];
	if (pf) {
		/* slots 1..21 (blocks are 64-byte aligned): where a node of a
		 * full table keeps its values (c may be a tagged leaf:
		 * address arithmetic only) */
		__builtin_prefetch((const char *)c +
		    offsetof(struct node, slot) + sizeof(void *));
		__builtin_prefetch((const char *)c + 320);
		__builtin_prefetch((const char *)c + 384);
	}
	return c;
}

/* The slot of the value of relative prefix (len, v) of n, which has it. */
static inline __attribute__((always_inline)) void *const *
node_slot(const struct node *n, unsigned len, unsigned v, bool hw)
{
	unsigned i = ibit(len, v);

	return &n->slot[1 + n->nkids + n->icum[i >> 6] +
	    popc(n->ibm[i >> 6] & ((1ULL << (i & 63)) - 1), hw)];
}

static inline __attribute__((always_inline)) void *
node_value(const struct node *n, unsigned len, unsigned v, bool hw)
{
	return *node_slot(n, len, v, hw);
}

/*
 * IPv4: four levels, no data-dependent branch.  The match length of depth
 * d sets bit 8d + L - 1 of m, so the longest match is m's highest bit.
 */
static inline __attribute__((always_inline)) void *
lookup4(const struct lpm *t, const uint8_t *b, unsigned *lenp, bool hw)
{
	const struct node *n[4];
	unsigned m, len, d;

	n[0] = t->root[0];
	/* the depth-1 nodes of IPv4 are few and stay cached */
	n[1] = step(n[0], b[0], hw, false);
	n[2] = step(n[1], b[1], hw, true);
	n[3] = step(n[2], b[2], hw, true);
	m = (1u << best_len(n[0], b[0])) >> 1 |
	    ((1u << best_len(n[1], b[1])) >> 1) << 8 |
	    ((1u << best_len(n[2], b[2])) >> 1) << 16 |
	    ((1u << best_len(n[3], b[3])) >> 1) << 24;
	if (m == 0) {
		*lenp = 0;
		return t->dflt[0];
	}
	len = 32 - (unsigned)__builtin_clz(m);
	*lenp = len;
	d = (len - 1) / 8;
	return node_value(n[d], len - 8 * d, b[d], hw);
}

/*
 * The IPv4 front table: what a lookup in a large IPv4 table reads instead
 * of the trie.  The trie stays the table (updates, walks and the negative
 * prefix use it); the front is derived from it and rebuilt piece by piece
 * after each update:
 *  - an entry per /16 (2^16 of them) holds the longest prefix of /0-/16
 *    covering it (its value and length) and a chunk for bits 16-23;
 *  - a chunk is the trie's depth-2 node flattened: for each of the 256
 *    values of byte 2, the longest /17-/24 prefix along it (or none), or a
 *    child chunk for byte 3 where the trie goes deeper.  A child chunk holds
 *    the longest /25-/32 along each value of byte 3, with the /17-/24 of its
 *    parent's byte pushed into its empty places.  Runs of equal entries are
 *    stored once (a chunk keeps a bitmap of where runs start, as poptrie
 *    does), so a chunk takes 40 bytes and 9 per run: about 2 runs per prefix.
 * A lookup reads the entry, the chunk's bitmap, one run (and one more chunk
 * for the few addresses under a /25-/32): two or three dependent cache
 * misses where the trie costs four or five, and short enough for several
 * lookups to overlap their misses.  The front costs 1.1 MB, so it is built
 * once a table holds front_min IPv4 prefixes and dropped below half of that.
 * An update rebuilds the entries of a /1-/16 (all of them for the /0) or the
 * one chunk of a longer prefix, O(256); if memory runs out the front is
 * dropped and lookups use the trie.
 */
#define FRONT_N		65536u
#define RUN_CHILD	0xffu		/* a run's length: it is a child chunk */

struct chunk {
	uint64_t lbm[4];		/* bytes where a run starts */
	uint8_t	 lcum[4];		/* runs started in the words before */
	uint16_t nruns;
	uint16_t size;			/* bytes allocated */
	uint8_t	 len[];			/* per run: prefix length (0: none) or
					   RUN_CHILD; then, 8-aligned, void
					   *run[nruns]: values or child chunks */
};

_Static_assert(offsetof(struct chunk, len) == 40, "chunk layout");

struct fent {
	struct chunk *c;
	void	*val;			/* the longest /0-/16, or NULL */
};

struct front {
	struct fent e[FRONT_N];
	uint8_t	 len[FRONT_N];		/* of val */
	struct chunk *none;		/* the chunk of a /16 with nothing longer */
};

static inline void **
chunk_runs(const struct chunk *c)
{
	return (void **)((uintptr_t)c + ((40u + c->nruns + 7u) & ~7u));
}

/* The run that holds byte v. */
static inline __attribute__((always_inline)) unsigned
chunk_run(const struct chunk *c, unsigned v, bool hw)
{
	return c->lcum[v >> 6] +
	    popc(c->lbm[v >> 6] & ((2ULL << (v & 63)) - 1), hw) - 1;
}

/*
 * A chunk for the 256 entries (val[v], len[v]); len RUN_CHILD marks a child
 * chunk in val.  NULL if memory runs out.
 */
static struct chunk *
chunk_make(struct lpm *t, void *const *val, const uint8_t *len)
{
	struct chunk *c;
	unsigned v, n, i, size;
	void **runs;
	void *p;

	for (v = 1, n = 1; v < 256; v++)
		n += len[v] == RUN_CHILD || len[v] != len[v - 1] ||
		    val[v] != val[v - 1];
	size = ((40u + n + 7u) & ~7u) + 8u * n;
	if (posix_memalign(&p, 64, size) != 0)
		return NULL;
	c = p;
	memset(c, 0, 40);
	c->nruns = (uint16_t)n;
	c->size = (uint16_t)size;
	runs = chunk_runs(c);
	for (v = 0, i = 0; v < 256; v++) {
		if (v > 0 && len[v] != RUN_CHILD && len[v] == len[v - 1] &&
		    val[v] == val[v - 1])
			continue;
		c->lbm[v >> 6] |= 1ULL << (v & 63);
		c->len[i] = len[v];
		runs[i++] = val[v];
	}
	for (v = 1; v < 4; v++)
		c->lcum[v] = (uint8_t)(c->lcum[v - 1] + pop64(c->lbm[v - 1]));
	t->front_bytes += size;
	return c;
}

static void
chunk_free(struct lpm *t, struct chunk *c)
{
	void **runs;
	unsigned i;

	if (c == NULL || (t->front != NULL && c == t->front->none))
		return;
	runs = chunk_runs(c);
	for (i = 0; i < c->nruns; i++)
		if (c->len[i] == RUN_CHILD)
			chunk_free(t, runs[i]);
	t->front_bytes -= c->size;
	free(c);
}

/* The longest prefix of trie node n (depth d) along byte v, or NULL. */
static void *
node_best(const struct node *n, unsigned v, uint8_t *len)
{
	unsigned l = best_len(n, v);

	*len = l != 0 ? (uint8_t)(8 * n->depth + l) : 0;
	return l != 0 ? *node_valp(n, ibit(l, v)) : NULL;
}

/* The chunk of trie node n at depth 2 (NULL: none) or 3 (with the depth-2
 * node's best along its byte, fv/fl, in its empty places). */
static struct chunk *
chunk_build(struct lpm *t, const struct node *n, void *fv, uint8_t fl)
{
	void *val[256];
	uint8_t len[256];
	const struct node *kid;
	unsigned v, i, w, l, pl, pv = 0;
	void *pval = NULL;
	uint64_t bits;

	if (n == NULL)
		return t->front->none;
	/* consecutive bytes mostly share their best prefix: rank it once */
	for (v = 0, pl = 0; v < 256; v++) {
		if ((l = best_len(n, v)) == 0) {
			val[v] = fv;
			len[v] = fl;
			pl = 0;
			continue;
		}
		if (l != pl || (v ^ pv) >> (8 - l) != 0) {
			pval = *node_valp(n, ibit(l, v));
			pl = l;
			pv = v;
		}
		val[v] = pval;
		len[v] = (uint8_t)(8 * n->depth + l);
	}
	for (w = 0, i = 0; n->depth == 2 && w < EBM_WORDS; w++) {
		for (bits = n->ebm[w]; bits != 0; bits &= bits - 1, i++) {
			v = 64 * w + (unsigned)__builtin_ctzll(bits);
			kid = n->slot[1 + i];
			if ((val[v] = chunk_build(t, kid, val[v], len[v])) == NULL)
				goto fail;
			len[v] = RUN_CHILD;
		}
	}
	{
		struct chunk *c = chunk_make(t, val, len);

		if (c != NULL)
			return c;
	}
fail:
	for (i = 0; i < 256; i++)
		if (len[i] == RUN_CHILD && val[i] != NULL)
			chunk_free(t, val[i]);
	return NULL;
}

/* The trie node at depth 2 for the /16 x, or NULL. */
static const struct node *
node16(const struct lpm *t, unsigned x)
{
	const struct node *n = node_child(t->root[0], x >> 8);

	return n != NULL ? node_child(n, x & 255) : NULL;
}

/* The longest /0-/16 covering the /16 x. */
static void
front_fill(struct lpm *t, unsigned x)
{
	struct front *fr = t->front;
	const struct node *n1 = node_child(t->root[0], x >> 8);
	void *v = NULL;
	uint8_t l = 0;

	if (n1 != NULL)
		v = node_best(n1, x & 255, &l);
	if (v == NULL)
		v = node_best(t->root[0], x >> 8, &l);
	if (v == NULL)
		v = t->dflt[0];
	fr->e[x].val = v;
	fr->len[x] = l;
}

static void
front_drop(struct lpm *t)
{
	struct front *fr = t->front;
	unsigned x;

	if (fr == NULL)
		return;
	for (x = 0; x < FRONT_N; x++)
		chunk_free(t, fr->e[x].c);
	t->front = NULL;
	t->has_front = false;
	chunk_free(t, fr->none);
	free(fr);
	t->front_bytes = 0;
}

static int
front_build(struct lpm *t)
{
	static void *const nothing[256];
	static const uint8_t zero[256];
	struct front *fr;
	unsigned x;

	if (posix_memalign((void **)&fr, 64, sizeof(*fr)) != 0)
		return -1;
	memset(fr, 0, sizeof(*fr));
	t->front = fr;
	t->has_front = true;
	t->front_bytes = sizeof(*fr);
	if ((fr->none = chunk_make(t, nothing, zero)) == NULL)
		goto fail;
	for (x = 0; x < FRONT_N; x++) {
		front_fill(t, x);
		if ((fr->e[x].c = chunk_build(t, node16(t, x), NULL, 0)) == NULL)
			goto fail;
	}
	return 0;
fail:
	front_drop(t);
	return -1;
}

/*
 * Bring the front up to date after IPv4 prefix p changed (inserted,
 * replaced or deleted), and build or drop it as the count asks.
 */
static void
front_update(struct lpm *t, const struct prefix *p)
{
	struct front *fr = t->front;
	struct chunk *c;
	unsigned x, lo, hi;

	if (fr != NULL && t->count[0] < t->front_min / 2) {
		front_drop(t);
		return;
	}
	if (fr == NULL) {
		if (t->count[0] >= t->front_min)
			(void)front_build(t);
		return;
	}
	lo = (unsigned)p->addr.u.b[0] << 8 | p->addr.u.b[1];
	if (p->len <= 16) {
		hi = lo + (1u << (16 - p->len));
		for (x = lo; x < hi; x++)
			front_fill(t, x);
		return;
	}
	if ((c = chunk_build(t, node16(t, lo), NULL, 0)) == NULL) {
		front_drop(t);
		return;
	}
	chunk_free(t, fr->e[lo].c);
	fr->e[lo].c = c;
}

/* The IPv4 lookup through the front table. */
static inline __attribute__((always_inline)) void *
lookup4_front(const struct lpm *t, const uint8_t *b, unsigned *lenp, bool hw)
{
	const struct front *fr = t->front;
	unsigned x = (unsigned)b[0] << 8 | b[1], i, l;
	const struct fent *e = &fr->e[x];
	const struct chunk *c = e->c;
	void *v, *fv;
	unsigned fl;
	bool none;

	i = chunk_run(c, b[2], hw);
	l = c->len[i];
	v = chunk_runs(c)[i];
	if (__builtin_expect(l == RUN_CHILD, 0)) {
		c = v;
		i = chunk_run(c, b[3], hw);
		l = c->len[i];
		v = chunk_runs(c)[i];
	}
	/* a select, not a branch: half the lookups take either way */
	fv = e->val;
	fl = fr->len[x];
	none = v == NULL;
	*lenp = none ? fl : l;
	return none ? fv : v;
}

/* IPv4 in a small table: its list, longest first (see SMALL_MAX). */
static inline __attribute__((always_inline)) void *
lookup4_small(const struct lpm *t, const uint8_t *b, unsigned *lenp)
{
	uint32_t x = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3];
	unsigned i, n = t->nsmall;

	for (i = 0; i < n; i++)
		if (((x ^ t->small_key[i]) & (0xffffffffu << (32 - t->small_len[i]))) == 0) {
			*lenp = t->small_len[i];
			return t->small_val[i];
		}
	*lenp = 0;
	return t->dflt[0];
}

static int
small_add(const struct prefix *p, void *value, void *arg)
{
	struct lpm *t = arg;
	const uint8_t *b = p->addr.u.b;
	unsigned i;

	if (p->len == 0)
		return 0;		/* dflt[0] */
	if (t->nsmall >= SMALL_MAX)
		return -1;
	/* insertion, longest first */
	for (i = t->nsmall; i > 0 && t->small_len[i - 1] < p->len; i--) {
		t->small_len[i] = t->small_len[i - 1];
		t->small_key[i] = t->small_key[i - 1];
		t->small_val[i] = t->small_val[i - 1];
	}
	t->small_len[i] = (uint8_t)p->len;
	t->small_key[i] = ((uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 |
	    (uint32_t)b[2] << 8 | b[3]) & (0xffffffffu << (32 - p->len));
	t->small_val[i] = value;
	t->nsmall++;
	return 0;
}

/* Rebuild the small list after an IPv4 update, or turn it off. */
static void
small_update(struct lpm *t)
{
	if (t->count[0] - (t->dflt[0] != NULL) > SMALL_MAX) {
		t->nsmall = SMALL_OFF;
		return;
	}
	t->nsmall = 0;
	if (lpm_walk(t, AFI_IPV4, small_add, t) != 0)
		t->nsmall = SMALL_OFF;	/* not reached: counted above */
}

/* IPv6: stops at the sentinel rather than walk sixteen levels of nothing. */
static inline __attribute__((always_inline)) void *
lookup6(const struct lpm *t, const uint8_t *b, unsigned *lenp, bool hw)
{
	const struct node *n = t->root[1], *c, *bn = NULL;
	unsigned d = 0, l, blen = 0;

	for (;;) {
		if ((l = best_len(n, b[d])) != 0) {
			bn = n;
			blen = 8 * d + l;
		}
		if (d == 15 || (c = step(n, b[d], hw, false)) == t->empty)
			break;
		/* a node's first line, and the best nibble it would read at
		 * depth d + 1 (leaves: harmless) */
		__builtin_prefetch(c);
		__builtin_prefetch((const char *)c + offsetof(struct node, best) +
		    (b[d + 1] >> 1));
		/* and its first slots: a sparse node's children */
		__builtin_prefetch((const char *)c + 256);
		__builtin_prefetch((const char *)c + 320);
		if (is_leaf(c)) {
			if (!leaf_holds(leaf_of(c), b))
				break;
			*lenp = leaf_of(c)->len;
			return leaf_of(c)->value;
		}
		if (c->depth != d + 1 &&
		    memcmp(b + d + 1, c->key + d + 1, c->depth - d - 1u) != 0)
			break;
		n = c;
		d = c->depth;
	}
	*lenp = blen;
	if (bn == NULL)
		return t->dflt[1];
	d = (blen - 1) / 8;
	return node_value(bn, blen - 8 * d, b[d], hw);
}

static inline __attribute__((always_inline)) void *
lookup(const struct lpm *t, const struct addr *a, struct prefix *match,
    bool hw)
{
	unsigned len;
	void *val;

	if (a->afi == AFI_IPV4 && t->has_front)
		val = lookup4_front(t, a->u.b, &len, hw);
	else if (a->afi == AFI_IPV4 && t->nsmall != SMALL_OFF)
		val = lookup4_small(t, a->u.b, &len);
	else if (a->afi == AFI_IPV4)
		val = lookup4(t, a->u.b, &len, hw);
	else if (a->afi == AFI_IPV6)
		val = lookup6(t, a->u.b, &len, hw);
	else
		return NULL;
	if (val != NULL && match != NULL)
		prefix_make(match, a, len);
	return val;
}

#ifdef LPM_POPCNT_CLONE
__attribute__((target("popcnt,bmi,bmi2"))) static void *
lookup_popcnt(const struct lpm *t, const struct addr *a, struct prefix *match)
{
	return lookup(t, a, match, true);
}

static __attribute__((noinline)) void *
lookup_base(const struct lpm *t, const struct addr *a, struct prefix *match)
{
	return lookup(t, a, match, false);
}
#endif

/* With two clones, a dispatcher that only tail-calls. */
void *
lpm_lookup(const struct lpm *t, const struct addr *a, struct prefix *match)
{
#ifdef LPM_POPCNT_CLONE
	if (t->popcnt)
		return lookup_popcnt(t, a, match);
	return lookup_base(t, a, match);
#else
	return lookup(t, a, match, HW_POPCNT);
#endif
}

/*
 * Batched lookups: groups of BATCH addresses go through the levels
 * together, each level prefetching what the next one reads, so that the
 * cache misses of a group overlap instead of following one another.
 */
#define BATCH	8
/* The IPv4 trie walk's group: its levels are all misses in a large table,
 * and a larger group overlaps more of them (a Map-Server batch is 32). */
#ifndef BATCH4
#define BATCH4	32
#endif

/* IPv4 through the front: the entry, the chunk, the run; then the lookup
 * proper finds everything in the cache. */
static inline __attribute__((always_inline)) void
batch4_front(const struct lpm *t, const struct addr *a, size_t n,
    void **values, struct prefix *match, bool hw)
{
	const struct front *fr = t->front;
	const struct chunk *c[BATCH];
	unsigned len, x[BATCH];
	size_t j;

	for (j = 0; j < n; j++) {
		x[j] = (unsigned)a[j].u.b[0] << 8 | a[j].u.b[1];
		__builtin_prefetch(&fr->e[x[j]]);
	}
	for (j = 0; j < n; j++) {
		c[j] = fr->e[x[j]].c;
		__builtin_prefetch(c[j]);
	}
	for (j = 0; j < n; j++) {
		unsigned i = chunk_run(c[j], a[j].u.b[2], hw);

		__builtin_prefetch(&chunk_runs(c[j])[i]);
	}
	for (j = 0; j < n; j++) {
		values[j] = lookup4_front(t, a[j].u.b, &len, hw);
		if (match != NULL && values[j] != NULL)
			prefix_make(&match[j], &a[j], len);
	}
}

/*
 * IPv4 through the trie (no front): the group's depth-2 nodes, then its
 * depth-3 nodes (the lines lookup4() reads of them: the first, the
 * internal bitmap's word and ranks, the best nibble of the byte), then
 * its value slots are prefetched, each level's misses overlapping, and
 * the last pass reads the values from the cache.
 */
static inline __attribute__((always_inline)) void
batch4(const struct lpm *t, const struct addr *a, size_t n, void **values,
    struct prefix *match, bool hw)
{
	const struct node *n1[BATCH4], *n2[BATCH4], *n3[BATCH4];
	void *const *vp[BATCH4];
	unsigned len[BATCH4], m, d;
	const uint8_t *b;
	size_t j;

	for (j = 0; j < n; j++) {
		b = a[j].u.b;
		/* the depth-1 nodes of IPv4 are few and stay cached */
		n1[j] = step(t->root[0], b[0], hw, false);
		n2[j] = step(n1[j], b[1], hw, false);
		__builtin_prefetch(n2[j]);
		__builtin_prefetch(&n2[j]->best[b[2] >> 1]);
	}
	for (j = 0; j < n; j++) {
		b = a[j].u.b;
		n3[j] = step(n2[j], b[2], hw, false);
		__builtin_prefetch(n3[j]);
		__builtin_prefetch(n3[j]->ibm);
		__builtin_prefetch(n3[j]->icum);
		__builtin_prefetch(&n3[j]->best[b[3] >> 1]);
	}
	for (j = 0; j < n; j++) {
		const struct node *nd[4] = { t->root[0], n1[j], n2[j], n3[j] };

		b = a[j].u.b;
		m = (1u << best_len(nd[0], b[0])) >> 1 |
		    ((1u << best_len(nd[1], b[1])) >> 1) << 8 |
		    ((1u << best_len(nd[2], b[2])) >> 1) << 16 |
		    ((1u << best_len(nd[3], b[3])) >> 1) << 24;
		if (m == 0) {
			len[j] = 0;
			vp[j] = &t->dflt[0];
			continue;
		}
		len[j] = 32 - (unsigned)__builtin_clz(m);
		d = (len[j] - 1) / 8;
		vp[j] = node_slot(nd[d], len[j] - 8 * d, b[d], hw);
		__builtin_prefetch(vp[j]);
	}
	for (j = 0; j < n; j++) {
		values[j] = *vp[j];
		if (match != NULL && values[j] != NULL)
			prefix_make(&match[j], &a[j], len[j]);
	}
}

/* One IPv6 lookup under way: the node it has reached (its key bytes from
 * chk on not yet checked), or a leaf to check. */
struct walk6 {
	const struct node *n, *bn;
	const struct leaf *leaf;
	unsigned chk, blen;
	bool	 done;
};

static inline __attribute__((always_inline)) void
prefetch_node(const struct node *c)
{
	__builtin_prefetch(c);
	__builtin_prefetch((const char *)c + 64);
	__builtin_prefetch((const char *)c + 192);
	__builtin_prefetch((const char *)c + 256);
	__builtin_prefetch((const char *)c + 320);
}

/* One level of an IPv6 lookup; the next node is prefetched, not read. */
static inline __attribute__((always_inline)) void
walk6_level(const struct lpm *t, const uint8_t *b, struct walk6 *s, bool hw)
{
	const struct node *n = s->n, *c;
	unsigned d = n->depth, l;

	if (s->leaf != NULL) {
		if (leaf_holds(s->leaf, b)) {
			s->bn = NULL;
			s->blen = s->leaf->len;
		} else
			s->leaf = NULL;
		s->done = true;
		return;
	}
	if (d != s->chk &&
	    memcmp(b + s->chk, n->key + s->chk, d - s->chk) != 0) {
		s->done = true;
		return;
	}
	if ((l = best_len(n, b[d])) != 0) {
		s->bn = n;
		s->blen = 8 * d + l;
	}
	if (d == 15 || (c = step(n, b[d], hw, false)) == t->empty) {
		s->done = true;
		return;
	}
	s->chk = d + 1;
	if (is_leaf(c)) {
		s->leaf = leaf_of(c);
		__builtin_prefetch(s->leaf);
	} else {
		s->n = c;
		prefetch_node(c);
	}
}

static inline __attribute__((always_inline)) void
batch6(const struct lpm *t, const struct addr *a, size_t n, void **values,
    struct prefix *match, bool hw)
{
	struct walk6 s[BATCH];
	size_t j, left = n;
	unsigned d;
	void *v;

	for (j = 0; j < n; j++) {
		s[j].n = t->root[1];
		s[j].bn = NULL;
		s[j].leaf = NULL;
		s[j].chk = 0;
		s[j].blen = 0;
		s[j].done = false;
	}
	while (left > 0) {
		for (j = 0; j < n; j++) {
			if (s[j].done)
				continue;
			walk6_level(t, a[j].u.b, &s[j], hw);
			left -= s[j].done;
		}
	}
	for (j = 0; j < n; j++) {
		if (s[j].leaf != NULL)
			v = s[j].leaf->value;
		else if (s[j].bn != NULL) {
			d = (s[j].blen - 1) / 8;
			v = node_value(s[j].bn, s[j].blen - 8 * d, a[j].u.b[d], hw);
		} else {
			v = t->dflt[1];
			s[j].blen = 0;
		}
		values[j] = v;
		if (match != NULL && v != NULL)
			prefix_make(&match[j], &a[j], s[j].blen);
	}
}

static inline __attribute__((always_inline)) void
batch(const struct lpm *t, const struct addr *a, size_t n, void **values,
    struct prefix *match, bool hw)
{
	size_t j, k, m, g;

	for (j = 0; j < n; j += m) {
		g = a[j].afi == AFI_IPV4 && !t->has_front &&
		    t->nsmall == SMALL_OFF ? BATCH4 : BATCH;
		m = n - j < g ? n - j : g;
		/* a group of one family (a mixed batch splits) */
		for (k = 1; k < m && a[j + k].afi == a[j].afi; k++)
			;
		m = k;
		if (a[j].afi == AFI_IPV4 && t->has_front)
			batch4_front(t, a + j, m, values + j,
			    match != NULL ? match + j : NULL, hw);
		else if (a[j].afi == AFI_IPV4 && t->nsmall == SMALL_OFF)
			batch4(t, a + j, m, values + j,
			    match != NULL ? match + j : NULL, hw);
		else if (a[j].afi == AFI_IPV6)
			batch6(t, a + j, m, values + j,
			    match != NULL ? match + j : NULL, hw);
		else
			for (k = 0; k < m; k++)
				values[j + k] = lookup(t, &a[j + k],
				    match != NULL ? &match[j + k] : NULL, hw);
	}
}

#ifdef LPM_POPCNT_CLONE
__attribute__((target("popcnt,bmi,bmi2"))) static void
batch_popcnt(const struct lpm *t, const struct addr *a, size_t n,
    void **values, struct prefix *match)
{
	batch(t, a, n, values, match, true);
}

static __attribute__((noinline)) void
batch_base(const struct lpm *t, const struct addr *a, size_t n,
    void **values, struct prefix *match)
{
	batch(t, a, n, values, match, false);
}
#endif

void
lpm_lookup_batch(const struct lpm *t, const struct addr *a, size_t n,
    void **values, struct prefix *match)
{
#ifdef LPM_POPCNT_CLONE
	if (t->popcnt)
		batch_popcnt(t, a, n, values, match);
	else
		batch_base(t, a, n, values, match);
#else
	batch(t, a, n, values, match, HW_POPCNT);
#endif
}

size_t
lpm_count(const struct lpm *t, uint16_t afi)
{
	int f;

	if (afi == AFI_NONE)
		return t->count[0] + t->count[1];
	if ((f = fam(afi)) == -1)
		return 0;
	return t->count[f];
}

size_t
lpm_memory(const struct lpm *t)
{
	return sizeof(*t) + t->nodes * offsetof(struct node, slot) +
	    t->slots * sizeof(void *) + t->front_bytes +
	    t->leaves * sizeof(struct leaf);
}

void
lpm_set_front_min(struct lpm *t, size_t min)
{
	t->front_min = min;
	if (t->front != NULL && t->count[0] < min / 2)
		front_drop(t);
	else if (t->front == NULL && t->count[0] >= min)
		(void)front_build(t);
}

bool
lpm_has_front(const struct lpm *t)
{
	return t->front != NULL;
}

struct walk {
	struct addr a;		/* bytes of the path walked so far */
	lpm_walk_fn fn;
	void	*arg;
	const struct prefix *after;	/* lpm_walk_after() */
};

static void
emit_prefix(struct walk *w, unsigned len, struct prefix *p)
{
	prefix_make(p, &w->a, len);
}

/*
 * Visit the prefixes of node n (depth d) that start at a byte in [lo, hi)
 * and have a relative length of at least minlen, with the children in that
 * range, in address order, shorter first: that is the preorder of the
 * node's implicit binary trie.
 */
static int
walk_node(const struct node *n, unsigned lo, unsigned hi, unsigned minlen,
    struct walk *w)
{
	const struct node *kid;
	struct prefix p;
	unsigned d = n->depth, s, len, first, i;
	int r;

	for (s = lo; s < hi; s++) {
		first = s == 0 ? 1 : 8 - (unsigned)__builtin_ctz(s);
		if (first < minlen)
			first = minlen;
		w->a.u.b[d] = (uint8_t)s;
		for (len = first; len <= 8; len++) {
			i = ibit(len, s);
			if (!bm_test(n->ibm, i))
				continue;
			emit_prefix(w, 8 * d + len, &p);
			if ((r = w->fn(&p, *node_valp(n, i), w->arg)) != 0)
				return r;
		}
		if ((kid = node_child(n, s)) == NULL)
			continue;
		if (is_leaf(kid)) {
			leaf_prefix(leaf_of(kid), &w->a, &p);
			if ((r = w->fn(&p, leaf_of(kid)->value, w->arg)) != 0)
				return r;
			continue;
		}
		memcpy(&w->a.u.b[d + 1], &kid->key[d + 1], kid->depth - d - 1u);
		if ((r = walk_node(kid, 0, 256, 1, w)) != 0)
			return r;
	}
	return 0;
}

static int
walk_family(const struct lpm *t, int f, struct walk *w)
{
	struct prefix p;
	int r;

	w->a.afi = f == 0 ? AFI_IPV4 : AFI_IPV6;
	if (t->dflt[f] != NULL) {
		emit_prefix(w, 0, &p);
		if ((r = w->fn(&p, t->dflt[f], w->arg)) != 0)
			return r;
	}
	return walk_node(t->root[f], 0, 256, 1, w);
}

int
lpm_walk(const struct lpm *t, uint16_t afi, lpm_walk_fn fn, void *arg)
{
	struct walk w;
	int f, r;

	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.arg = arg;
	if (afi != AFI_NONE) {
		if ((f = fam(afi)) == -1)
			return 0;
		return walk_family(t, f, &w);
	}
	for (f = 0; f < 2; f++)
		if ((r = walk_family(t, f, &w)) != 0)
			return r;
	return 0;
}

/* The walk's order: by address, then shorter first. */
static int
walk_order(const struct prefix *a, const struct prefix *b, unsigned nbytes)
{
	int c = memcmp(a->addr.u.b, b->addr.u.b, nbytes);

	return c ? c : (int)a->len - (int)b->len;
}

/*
 * walk_node() for the prefixes after w->after only; the path to n (bytes
 * 0..depth-1) is that of w->after, so a byte below after's at this depth
 * leads only to earlier prefixes, and one above it only to later ones.
 */
static int
walk_node_after(const struct node *n, struct walk *w, unsigned nbytes)
{
	const struct prefix *after = w->after;
	const struct node *kid;
	struct prefix p;
	unsigned d = n->depth, s = after->addr.u.b[d], len, first, i;
	int r, c;

	first = s == 0 ? 1 : 8 - (unsigned)__builtin_ctz(s);
	w->a.u.b[d] = (uint8_t)s;
	for (len = first; len <= 8; len++) {
		i = ibit(len, s);
		if (!bm_test(n->ibm, i))
			continue;
		emit_prefix(w, 8 * d + len, &p);
		if (walk_order(&p, after, nbytes) <= 0)
			continue;
		if ((r = w->fn(&p, *node_valp(n, i), w->arg)) != 0)
			return r;
	}
	if ((kid = node_child(n, s)) != NULL && is_leaf(kid)) {
		leaf_prefix(leaf_of(kid), &w->a, &p);
		if (walk_order(&p, after, nbytes) > 0 &&
		    (r = w->fn(&p, leaf_of(kid)->value, w->arg)) != 0)
			return r;
	} else if (kid != NULL) {
		memcpy(&w->a.u.b[d + 1], &kid->key[d + 1], kid->depth - d - 1u);
		c = memcmp(&kid->key[d + 1], &after->addr.u.b[d + 1], kid->depth - d - 1u);
		if (c > 0)
			r = walk_node(kid, 0, 256, 1, w);
		else if (c == 0)
			r = walk_node_after(kid, w, nbytes);
		else
			r = 0;
		if (r != 0)
			return r;
	}
	return s < 255 ? walk_node(n, s + 1, 256, 1, w) : 0;
}

int
lpm_walk_after(const struct lpm *t, uint16_t afi, const struct prefix *after,
    lpm_walk_fn fn, void *arg)
{
	struct walk w;
	int f, fa, r;

	if (after == NULL)
		return lpm_walk(t, afi, fn, arg);
	if ((fa = key_check(after)) == -1)
		return 0;
	for (f = 0; f < 2; f++) {
		if (afi != AFI_NONE && f != fam(afi))
			continue;
		if (f < fa)
			continue;
		memset(&w, 0, sizeof(w));
		w.fn = fn;
		w.arg = arg;
		if (f > fa) {
			r = walk_family(t, f, &w);
		} else {
			/* the /0 comes first: never after anything */
			w.a.afi = after->addr.afi;
			w.after = after;
			r = walk_node_after(t->root[f], &w, f == 0 ? 4 : 16);
		}
		if (r != 0)
			return r;
	}
	return 0;
}

int
lpm_walk_covered(const struct lpm *t, const struct prefix *p,
    lpm_walk_fn fn, void *arg)
{
	const struct node *n, *c;
	struct prefix k;
	struct walk w;
	unsigned d, rl, lo;
	int f;

	if ((f = key_check(p)) == -1)
		return 0;
	memset(&w, 0, sizeof(w));
	w.fn = fn;
	w.arg = arg;
	w.a.iid = p->addr.iid;
	if (p->len == 0)
		return walk_family(t, f, &w);
	w.a = p->addr;
	d = (p->len - 1u) / 8;
	rl = p->len - 8 * d;
	for (n = t->root[f]; n->depth < d; n = c) {
		if ((c = node_child(n, p->addr.u.b[n->depth])) == NULL)
			return 0;
		if (is_leaf(c)) {
			/* all there is along p: one prefix, in or out */
			leaf_prefix(leaf_of(c), &p->addr, &k);
			if (k.len < p->len ||
			    addr_common_bits(&k.addr, &p->addr) < p->len)
				return 0;
			return fn(&k, leaf_of(c)->value, arg);
		}
		if (c->depth > d) {
			/* all of c's subtree is longer than p: in or out */
			memset(&k, 0, sizeof(k));
			k.addr.afi = p->addr.afi;
			k.addr.iid = p->addr.iid;
			memcpy(k.addr.u.b, c->key, c->depth);
			k.len = p->len;
			if (addr_common_bits(&k.addr, &p->addr) < p->len)
				return 0;
			w.a = k.addr;
			return walk_node(c, 0, 256, 1, &w);
		}
		if (skip_match(c, p->addr.u.b, n->depth + 1u) != c->depth)
			return 0;
	}
	lo = p->addr.u.b[d] & (0xffu << (8 - rl)) & 0xffu;
	return walk_node(n, lo, lo + (1u << (8 - rl)), rl, &w);
}

static int
stop_walk(const struct prefix *p, void *value, void *arg)
{
	return 1;
}

bool
lpm_covers_any(const struct lpm *t, const struct prefix *p)
{
	return lpm_walk_covered(t, p, stop_walk, NULL) != 0;
}

void *
lpm_covering(const struct lpm *t, const struct prefix *p, struct prefix *match)
{
	const struct node *n, *c;
	unsigned d, len, v, blen = 0;
	void *val;
	int f;

	if ((f = key_check(p)) == -1)
		return NULL;
	val = t->dflt[f];
	n = t->root[f];
	while (8u * n->depth < p->len) {
		d = n->depth;
		v = p->addr.u.b[d];
		for (len = 1; len <= 8 && 8 * d + len <= p->len; len++) {
			if (bm_test(n->ibm, ibit(len, v))) {
				val = *node_valp(n, ibit(len, v));
				blen = 8 * d + len;
			}
		}
		/* a child is of use if its stride starts inside p's length */
		if ((c = node_child(n, v)) != NULL && is_leaf(c)) {
			if (leaf_of(c)->len <= p->len &&
			    leaf_holds(leaf_of(c), p->addr.u.b)) {
				val = leaf_of(c)->value;
				blen = leaf_of(c)->len;
			}
			break;
		}
		if (c == NULL || 8u * c->depth >= p->len ||
		    skip_match(c, p->addr.u.b, d + 1) != c->depth)
			break;
		n = c;
	}
	if (val != NULL && match != NULL)
		prefix_make(match, &p->addr, blen);
	return val;
}

/* The highest set bit of bitmap bm in [lo, pos), or -1. */
static int
bm_prev(const uint64_t *bm, unsigned lo, unsigned pos)
{
	unsigned w, i;
	uint64_t x;

	if (pos <= lo)
		return -1;
	w = (pos - 1) >> 6;
	x = bm[w] & (~0ULL >> (63 - ((pos - 1) & 63)));
	for (;;) {
		if (x != 0) {
			i = 64 * w + 63 - (unsigned)__builtin_clzll(x);
			return i >= lo ? (int)i : -1;
		}
		if (64 * w <= lo)
			return -1;
		x = bm[--w];
	}
}

/* The lowest set bit of bitmap bm in [pos, hi), or -1. */
static int
bm_next(const uint64_t *bm, unsigned pos, unsigned hi)
{
	unsigned w, i;
	uint64_t x;

	if (pos >= hi)
		return -1;
	w = pos >> 6;
	x = bm[w] & (~0ULL << (pos & 63));
	for (;;) {
		if (x != 0) {
			i = 64 * w + (unsigned)__builtin_ctzll(x);
			return i < hi ? (int)i : -1;
		}
		if (64 * ++w >= hi)
			return -1;
		x = bm[w];
	}
}

static unsigned
clz8(unsigned x)
{
	return x == 0 ? 8 : (unsigned)__builtin_clz(x) - 24;
}

int
lpm_negative(const struct lpm *t, const struct addr *a, struct prefix *out)
{
	const struct node *n, *kid;
	unsigned nb, d, v, i, len, c, best;
	bool any;
	int f;

	/* One descent along a: a prefix of a node on the path (or the leaf
	 * at its end) that holds a means a is not in negative space; that is
	 * the lookup, without a lookup of its own first. */
	if ((f = fam(a->afi)) == -1 || t->dflt[f] != NULL)
		return -1;
	nb = f == 0 ? 4 : 16;
	n = t->root[f];
	for (;;) {
		d = n->depth;
		if (best_len(n, a->u.b[d]) != 0)
			return -1;
		if (d + 1 == nb || (kid = node_child(n, a->u.b[d])) == NULL)
			break;
		if (is_leaf(kid)) {
			/* the one prefix along a (below n's stride) */
			const struct leaf *l = leaf_of(kid);

			if (leaf_holds(l, a->u.b))
				return -1;
			for (c = d + 1; c < nb && a->u.b[c] == l->key[c]; c++)
				;
			len = 8 * c + clz8(a->u.b[c] ^ l->key[c]);
			return prefix_make(out, a, len + 1);
		}
		if ((c = skip_match(kid, a->u.b, d + 1)) != kid->depth) {
			/* a leaves kid's compressed path at byte c: everything
			 * under kid shares exactly these bits with a */
			len = 8 * c + clz8(a->u.b[c] ^ kid->key[c]);
			return prefix_make(out, a, len + 1);
		}
		n = kid;
	}
	/*
	 * Everything stored below n shares the first 8d bits with a; nothing
	 * deeper is on a's path, so the best neighbour is an entry of n: the
	 * network address of an internal prefix or the byte of a child.
	 * Among the prefixes of one length L (values u, L bits) or the
	 * children (bytes), the most bits in common with a's are those of the
	 * nearest value below or above a's own (which is not stored: it
	 * would hold a), so two bitmap searches per length, not a scan.
	 */
	v = a->u.b[d];
	any = false;
	best = 0;
	for (len = 1; len <= 8; len++) {
		unsigned base = (1u << len) - 2, q = v >> (8 - len);
		int near[2];

		near[0] = bm_prev(n->ibm, base, base + q);
		near[1] = bm_next(n->ibm, base + q + 1, base + (1u << len));
		for (i = 0; i < 2; i++) {
			if (near[i] < 0)
				continue;
			c = clz8((q ^ ((unsigned)near[i] - base)) << (8 - len));
			if (!any || c > best)
				best = c;
			any = true;
		}
	}
	{
		int near[2] = { bm_prev(n->ebm, 0, v), bm_next(n->ebm, v + 1, 256) };

		for (i = 0; i < 2; i++) {
			if (near[i] < 0)
				continue;
			c = clz8(v ^ (unsigned)near[i]);
			if (!any || c > best)
				best = c;
			any = true;
		}
	}
	if (prefix_make(out, a, any ? 8 * d + best + 1 : 0) == -1)
		return -1;
	return 0;
}
