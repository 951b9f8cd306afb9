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
/* The counters (zero when DDT was never configured). */
void lisp_ddt_get_stats(const struct lisp *l, struct lisp_ddt_stats *out);
void lisp_ddt_clear_stats(struct lisp *l);

/* Engine side (lisp.c): free everything; answer a DDT Map-Request that
 * came in the ECM msg from 'from' (reply port 'port').  Returns false when
 * DDT is off and the request goes the usual way. */
void lisp_ddt_free(struct lisp *l);
bool lisp_ddt_map_request(struct lisp *l, const struct lisp_map_request *req,
			  const struct addr *from, const struct addr *to, uint16_t port,
			  const uint8_t *ecm, size_t ecm_len);

#endif
