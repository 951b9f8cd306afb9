/*
 * DOC: the LISP engine's counters ('show ip lisp statistics')
 *
 * Control counters follow the IOS sections (Map-Requests, Map-Replies,
 * Map-Registers, Map-Notifies, errors); every reason a LISP packet is
 * dropped or ignored has its own counter with the wording the show
 * command prints, and malformed messages are counted by the codec's
 * enum lisp_err reason.  Counters only grow until lisp_clear_stats().
 */
#ifndef LISPR_LISP_STATS_H
#define LISPR_LISP_STATS_H

#include <stdint.h>

#include "lisp_msg.h"

#define LISP_DROP_REASONS(X) \
	X(NOT_OURS,          "control message for a role not enabled") \
	X(UNKNOWN_TYPE,      "unsupported message type") \
	X(UDP_MALFORMED,     "malformed UDP header") \
	X(UDP_CKSUM,         "bad UDP checksum") \
	X(ECM_NOT_REQUEST,   "ECM without a Map-Request") \
	X(PROBE,             "RLOC probe for no local EID") \
	X(NO_ITR_RLOC,       "no usable ITR-RLOC") \
	X(ITR_RLOC_OURS,     "ITR-RLOC ours or a broadcast") \
	X(ECM_CKSUM,         "ECM inner UDP checksum bad") \
	X(CTRL_FRAGMENT,     "fragmented control message") \
	X(LOCATORS_OVER,     "more than 8 locators in a record") \
	X(REG_NO_USABLE,     "Map-Register record, no usable locator") \
	X(REQ_NOT_OURS,      "Map-Request for an EID we do not own") \
	X(NONCE_MISMATCH,    "Map-Reply nonce mismatch") \
	X(REPLY_NOT_COVERING,"Map-Reply record not covering the EID") \
	X(REG_NO_SITE,       "Map-Register for no configured site") \
	X(REG_AUTH,          "Map-Register authentication failure") \
	X(REG_DISALLOWED,    "Map-Register prefix not allowed") \
	X(REG_LOCATOR,       "Map-Register allowed-locator mismatch") \
	X(REG_REPLAYED,      "Map-Register replayed") \
	X(REG_MORE_LIMIT,    "Map-Register more-specific limit reached") \
	X(NOTIFY_NONCE,      "Map-Notify nonce mismatch") \
	X(NOTIFY_AUTH,       "Map-Notify authentication failure") \
	X(NO_SOURCE,         "no source address") \
	X(NO_RESOLVER,       "no map-resolver") \
	X(RATE_LIMITED,      "Map-Request rate limited") \
	X(MREQ_RATE,         "Map-Request global rate limit") \
	X(MREQ_OUTSTANDING,  "Map-Request outstanding limit") \
	X(RESOLVE_PENDING,   "packet dropped while resolving") \
	X(ACTION_DROP,       "map-cache drop action") \
	X(NO_LOCATOR,        "no usable locator") \
	X(SEND_FAILED,       "send failed (no route to RLOC)") \
	X(CTRL_NO_ROUTE,     "control message not sent: no route") \
	X(CTRL_ARP,          "control message not sent: ARP unresolved") \
	X(CTRL_PORT,         "control message not sent: port error") \
	X(DECAP_NOT_ETR,     "data packet and ETR not enabled") \
	X(DECAP_SHORT,       "data packet too short") \
	X(DECAP_IID,         "data packet for an unknown instance ID") \
	X(DECAP_IID_NO_VRF,  "data packet for an instance with no VRF") \
	X(DECAP_INNER,       "bad inner IP header") \
	X(DECAP_NOT_LOCAL,   "inner destination not in the database") \
	X(DECAP_ECN,         "outer ECN CE on a Not-ECT inner packet") \
	X(DECAP_NOT_OURS,    "data packet outer destination not ours") \
	X(DECAP_VERSION,     "data packet inner version unknown") \
	X(PETR_ACL,          "proxy-ETR access list") \
	X(PITR_LOOP,         "native-forward in proxy-ITR EID space") \
	X(TOO_BIG,           "too big for the RLOC path, DF set") \
	X(PROBE_UNSOLICITED, "RLOC-probe reply matching no probe") \
	X(SMR_NO_ENTRY,      "SMR for a prefix not in the map-cache") \
	X(NOTIFY_ACK_NO_SITE,"Map-Notify-Ack for no configured site") \
	X(NOTIFY_ACK_AUTH,   "Map-Notify-Ack authentication failure") \
	X(REFERRAL_NO_MR,    "Map-Referral and no DDT Map-Resolver")

enum lisp_drop {
#define LISP_DROP_ENUM(id, text) LISP_DROP_##id,
	LISP_DROP_REASONS(LISP_DROP_ENUM)
#undef LISP_DROP_ENUM
	LISP_DROP__COUNT
};

struct lisp_stats {
	/* Map-Requests */
	uint64_t mreq_in, mreq_in_ecm, mreq_in_probe, mreq_in_smr;
	uint64_t mreq_out, mreq_out_ecm, mreq_out_retransmit;
	uint64_t mreq_forwarded;		/* MS: ECM relayed to an ETR */
	uint64_t mreq_failed;			/* ITR: every resolver tried */
	/* Map-Reply records */
	uint64_t mrep_in, mrep_in_auth, mrep_in_nonauth, mrep_in_neg;
	uint64_t mrep_out, mrep_out_auth, mrep_out_nonauth, mrep_out_neg;
	/* Map-Register and Map-Notify messages (and records) */
	uint64_t reg_in, reg_in_records, reg_accepted_records, reg_out, reg_out_records;
	uint64_t reg_expired;
	uint64_t notify_in, notify_verified, notify_out;
	uint64_t notify_ack_in, notify_ack_verified;
	/* data plane */
	uint64_t encap_pkts, encap_bytes, decap_pkts, decap_bytes;
	uint64_t native_pkts, signal_pkts;
	uint64_t petr_encap_pkts;		/* use-petr: to a proxy ETR */
	uint64_t pitr_encap_pkts;		/* PITR: native in, encapsulated */
	uint64_t petr_decap_pkts;		/* PETR: decapsulated, not ours */
	uint64_t frag_needed_sent, fragmented_pkts;
	/* RLOC probing and SMR */
	uint64_t probe_out, probe_reply_in, probe_reply_out, locator_down_events;
	uint64_t smr_out, smr_invoked_out;
	uint64_t smr_overflow;			/* changes beyond one round's 16 */
	uint64_t smr_users_evicted;		/* ITRs within the SMR window forgotten */
	uint64_t cache_evicted, cache_expired, cache_refreshes;
	/* errors */
	uint64_t malformed[LISP_ERR__COUNT];
	uint64_t drops[LISP_DROP__COUNT];
};

/* The wording of a drop reason; NULL when out of range. */
const char *lisp_drop_name(enum lisp_drop d);

#endif
