/*
 * DOC: the intrusive hash table of configuration items (see htab.h)
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>

#include "htab.h"

#define FNV_PRIME	0x100000001b3ull

uint64_t htab_bytes(uint64_t h, const void *p, size_t len)
{
	const unsigned char *b = p;

	for (size_t i = 0; i < len; i++)
		h = (h ^ b[i]) * FNV_PRIME;
	return h;
}

uint64_t htab_lower(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = (h ^ (unsigned char)tolower((unsigned char)*s)) * FNV_PRIME;
	return h;
}

/* The bucket of hash h: its high bits mixed down (FNV's low bits are
 * weak for short keys). */
static size_t bucket(const struct htab *t, uint64_t h)
{
	return (size_t)((h ^ h >> 29) * 0x9E3779B97F4A7C15ull >> 32) & (t->size - 1);
}

static int grow(struct htab *t)
{
	size_t size = t->size ? 2 * t->size : 64, old = t->size;
	struct hnode **b = calloc(size, sizeof(*b)), **ob = t->b, *n, *next;

	if (!b)
		return -1;
	t->b = b;
	t->size = size;
	for (size_t i = 0; i < old; i++)
		for (n = ob[i]; n; n = next) {
			size_t k = bucket(t, n->hash);

			next = n->next;
			n->next = b[k];
			b[k] = n;
		}
	free(ob);
	return 0;
}

int htab_add(struct htab *t, struct hnode *n, uint64_t h)
{
	size_t k;

	/* Past one node per bucket it grows; if it cannot, chains lengthen
	 * but nothing is lost. */
	if (t->n >= t->size && grow(t) == -1 && !t->size)
		return -1;
	n->hash = h;
	k = bucket(t, h);
	n->next = t->b[k];
	t->b[k] = n;
	t->n++;
	return 0;
}

void htab_del(struct htab *t, struct hnode *n)
{
	struct hnode **pp;

	if (!t->size)
		return;
	for (pp = &t->b[bucket(t, n->hash)]; *pp; pp = &(*pp)->next)
		if (*pp == n) {
			*pp = n->next;
			t->n--;
			return;
		}
}

struct hnode *htab_find(const struct htab *t, uint64_t h)
{
	struct hnode *n;

	if (!t->size)
		return NULL;
	for (n = t->b[bucket(t, h)]; n && n->hash != h; n = n->next)
		;
	return n;
}

struct hnode *htab_next(const struct hnode *n, uint64_t h)
{
	for (n = n->next; n && n->hash != h; n = n->next)
		;
	return (struct hnode *)n;
}

void htab_free(struct htab *t)
{
	free(t->b);
	t->b = NULL;
	t->size = t->n = 0;
}
