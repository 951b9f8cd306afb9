/*
 * DOC: shared checks of the libFuzzer targets (tests/fuzz/fuzz_*.c)
 *
 * Every target decodes its input and, when that succeeds, re-encodes the
 * struct and decodes the result again: the two decoded structs must agree
 * on every field the encoder writes.  A disagreement, like a crash, aborts
 * so that libFuzzer keeps the input.  The only messages allowed to fail
 * re-encoding are the ones lisp_msg.h says cannot be encoded: an address in
 * an LCAF type we skip, and a data header with both N and V set.
 */
#ifndef LISPR_FUZZ_COMMON_H
#define LISPR_FUZZ_COMMON_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "addr.h"
#include "lisp_msg.h"

#define FUZZ_BUF	(128 * 1024)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: round trip mismatch: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

static inline int fuzz_addr_eq(const struct addr *a, const struct addr *b)
{
	return a->afi == b->afi && a->iid == b->iid &&
	       memcmp(a->u.b, b->u.b, addr_bytes(a->afi)) == 0;
}

static inline void fuzz_laddr_eq(const struct lisp_address *a, const struct lisp_address *b)
{
	unsigned i;

	FUZZ_CHECK(fuzz_addr_eq(&a->addr, &b->addr));
	FUZZ_CHECK(a->has_iid == b->has_iid);
	FUZZ_CHECK(a->iid_mask_len == b->iid_mask_len);
	FUZZ_CHECK(a->afi_list == b->afi_list);
	FUZZ_CHECK(a->n_alt == b->n_alt && a->n_alt < LISP_AFI_LIST_MAX);
	for (i = 0; i < a->n_alt; i++)
		FUZZ_CHECK(fuzz_addr_eq(&a->alt[i], &b->alt[i]));
	FUZZ_CHECK(a->unknown_lcaf == b->unknown_lcaf);
}

static inline int fuzz_laddr_encodable(const struct lisp_address *a)
{
	return !a->unknown_lcaf;
}

static inline void fuzz_eid_eq(const struct lisp_eid *a, const struct lisp_eid *b)
{
	fuzz_laddr_eq(&a->eid, &b->eid);
	FUZZ_CHECK(a->mask_len == b->mask_len);
}

static inline void fuzz_record_eq(const struct lisp_record *a, const struct lisp_record *b)
{
	unsigned i;

	FUZZ_CHECK(a->ttl == b->ttl);
	FUZZ_CHECK(a->action == b->action);
	FUZZ_CHECK(a->authoritative == b->authoritative);
	FUZZ_CHECK(a->reserved == b->reserved);
	FUZZ_CHECK(a->map_version == b->map_version);
	FUZZ_CHECK(a->reserved2 == b->reserved2);
	fuzz_eid_eq(&a->eid, &b->eid);
	FUZZ_CHECK(a->loc_count == b->loc_count);
	for (i = 0; i < a->loc_count; i++) {
		const struct lisp_locator *x = &a->locs[i], *y = &b->locs[i];

		FUZZ_CHECK(x->priority == y->priority && x->weight == y->weight);
		FUZZ_CHECK(x->mpriority == y->mpriority && x->mweight == y->mweight);
		FUZZ_CHECK(x->local == y->local && x->probed == y->probed);
		FUZZ_CHECK(x->reachable == y->reachable);
		FUZZ_CHECK(x->unused_flags == y->unused_flags);
		fuzz_laddr_eq(&x->rloc, &y->rloc);
	}
}

static inline int fuzz_records_encodable(const struct lisp_record *r, unsigned n)
{
	unsigned i, j;

	for (i = 0; i < n; i++) {
		if (!fuzz_laddr_encodable(&r[i].eid.eid))
			return 0;
		for (j = 0; j < r[i].loc_count; j++)
			if (!fuzz_laddr_encodable(&r[i].locs[j].rloc))
				return 0;
	}
	return 1;
}

#endif
