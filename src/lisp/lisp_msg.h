/*
 * DOC: the LISP wire codec (RFC 9300 data header, RFC 9301 control messages)
 *
 * Decoders take (const uint8_t *, size_t), never read past the end, and fail
 * the whole message on any inconsistency, returning an enum lisp_err reason
 * that callers count and log.  They validate the complete message before
 * allocating, so an allocation is bounded by the message length, never by a
 * count read from the wire.  Decoded messages are plain structs; free them
 * with the matching *_free() (safe on a zeroed or failed struct).
 *
 * Encoders take the same structs and a caller buffer; they return the number
 * of bytes written, or -1 if the buffer is too small or the struct holds a
 * value that cannot be encoded (for example a mask length over 32).
 *
 * Addresses: AFI 0 (none), 1 (IPv4), 2 (IPv6); LCAF (AFI 16387) type 2
 * (Instance ID) and type 1 (AFI List) are decoded; other LCAF types are
 * skipped by their length and marked unknown; an unknown plain AFI cannot be
 * skipped and fails the message (LISP_ERR_AFI).
 */
#ifndef LISPR_LISP_MSG_H
#define LISPR_LISP_MSG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "addr.h"

#define LISP_DATA_PORT		4341
#define LISP_CONTROL_PORT	4342

#define LISP_AFI_LCAF		16387
#define LCAF_AFI_LIST		1
#define LCAF_INSTANCE_ID	2
#define LISP_LCAF_MAX_DEPTH	3	/* nesting cap (AFI list inside IID, ...) */
#define LISP_AFI_LIST_MAX	4	/* addresses kept from one AFI-list LCAF */
#define LISP_MAX_ITR_RLOCS	32	/* IRC is 5 bits: 1..32 */
#define LISP_DATA_HDR_LEN	8
#define LISP_ECM_HDR_LEN	4

enum lisp_type {
	LISP_MAP_REQUEST	= 1,
	LISP_MAP_REPLY		= 2,
	LISP_MAP_REGISTER	= 3,
	LISP_MAP_NOTIFY		= 4,
	LISP_MAP_NOTIFY_ACK	= 5,
	LISP_MAP_REFERRAL	= 6,
	LISP_INFO		= 7,
	LISP_ECM		= 8,
};

/* EID-record ACT field (meaningful when the locator count is 0). */
enum lisp_action {
	LISP_ACT_NO_ACTION	= 0,
	LISP_ACT_NATIVE_FWD	= 1,
	LISP_ACT_SEND_MAP_REQ	= 2,
	LISP_ACT_DROP		= 3,
	LISP_ACT_DROP_POLICY	= 4,
	LISP_ACT_DROP_AUTH	= 5,
};

enum lisp_auth_alg {
	LISP_AUTH_NONE		= 0,
	LISP_AUTH_HMAC_SHA1	= 1,	/* 20 bytes on the wire */
	LISP_AUTH_HMAC_SHA256	= 2,	/* 32 bytes on the wire */
};
#define LISP_AUTH_MAX_LEN	32
#define LISP_AUTH_OFFSET	16	/* auth data starts here in types 3/4/5 */

/*
 * Why a message was rejected.  Each value has a stable short name
 * (lisp_err_str) used for counters in 'show ip lisp statistics' and logs.
 * Keep LISP_ERR__COUNT last.
 */
enum lisp_err {
	LISP_OK = 0,
	LISP_ERR_TRUNCATED,		/* a field runs past the end */
	LISP_ERR_TYPE,			/* wrong or unknown message type */
	LISP_ERR_RECORD_COUNT,		/* record count 0 in a Map-Request */
	LISP_ERR_MASK_LEN,		/* mask length over 32/128 */
	LISP_ERR_AFI,			/* unknown plain AFI, or AFI not allowed here */
	LISP_ERR_LCAF_LEN,		/* LCAF length past the end or inconsistent */
	LISP_ERR_LCAF_DEPTH,		/* LCAF nesting too deep */
	LISP_ERR_AFI_LIST,		/* AFI list empty or longer than kept */
	LISP_ERR_AUTH_ALG,		/* unknown algorithm id */
	LISP_ERR_AUTH_LEN,		/* auth length does not match the algorithm */
	LISP_ERR_AUTH_MISSING,		/* algorithm 0 where a key is configured */
	LISP_ERR_AUTH_FAILED,		/* HMAC does not verify */
	LISP_ERR_INNER_IP,		/* ECM inner IP header bad */
	LISP_ERR_INNER_UDP,		/* ECM inner UDP header bad */
	LISP_ERR_DATA_FLAGS,		/* data header flags (unused: N+V reads as a nonce) */
	LISP_ERR_NOMEM,			/* out of memory while decoding */
	LISP_ERR__COUNT
};

const char *lisp_err_str(enum lisp_err e);		/* "truncated", ... */
const char *lisp_type_str(unsigned type);		/* "Map-Request", ... */
const char *lisp_action_str(unsigned act);		/* "Natively-Forward", ... */

/*
 * An address as carried in a LISP message.  addr.afi is AFI_NONE, AFI_IPV4
 * or AFI_IPV6; has_iid says it came in (or goes out in) an Instance-ID LCAF,
 * with addr.iid the instance ID.  afi_list: the address came in an AFI-List
 * LCAF; addr is its first IPv4/IPv6 entry and alt[0..n_alt-1] the others.
 * unknown_lcaf: an LCAF of a type we do not decode, skipped by its length;
 * lcaf_type says which.  Such an address has addr.afi = AFI_NONE and cannot
 * be encoded.
 *
 * AFI-list decoding skips AFI-0 and unknown-LCAF entries and flattens nested
 * lists; an entry in an Instance-ID LCAF of its own keeps that instance in
 * its iid (and is encoded back in one).  No IPv4/IPv6 entry, or more than
 * LISP_AFI_LIST_MAX, is LISP_ERR_AFI_LIST.  An Instance-ID LCAF directly
 * inside another is LISP_ERR_AFI.
 */
struct lisp_address {
	struct addr addr;
	bool     has_iid;
	uint8_t  iid_mask_len;		/* IID LCAF Rsvd2 (only with AFI 0) */
	bool     afi_list;
	uint8_t  n_alt;
	struct addr alt[LISP_AFI_LIST_MAX - 1];
	bool     unknown_lcaf;
	uint8_t  lcaf_type;
};

/*
 * EID prefix of a Map-Request record or of an EID-record.  mask_len is
 * checked against the (inner) family: at most 32 or 128, 0 for AFI 0, any
 * value for an unknown LCAF (which carries its own).  Decoders zero the
 * host bits.
 */
struct lisp_eid {
	struct lisp_address eid;
	uint8_t mask_len;
};

/* Locator record (Map-Reply, Map-Register, Map-Notify). */
struct lisp_locator {
	uint8_t priority;		/* 255: never use for unicast */
	uint8_t weight;
	uint8_t mpriority;
	uint8_t mweight;
	bool    local;			/* L 0x0004 */
	bool    probed;			/* p 0x0002 */
	bool    reachable;		/* R 0x0001 */
	uint16_t unused_flags;		/* the other 13 bits, kept for round trip */
	struct lisp_address rloc;
};

/* EID-record. */
struct lisp_record {
	uint32_t ttl;			/* minutes; 0xFFFFFFFF: receiver decides */
	uint8_t  action;		/* enum lisp_action, 3 bits */
	bool     authoritative;		/* A */
	uint16_t reserved;		/* 12 bits after A, kept for round trip */
	uint16_t map_version;		/* 12 bits */
	uint8_t  reserved2;		/* 4 bits before the map version */
	struct lisp_eid eid;
	uint8_t  loc_count;
	struct lisp_locator *locs;	/* loc_count entries */
};

/* Map-Request (type 1). */
struct lisp_map_request {
	bool auth;			/* A: authoritative reply wanted */
	bool map_data;			/* M: map_reply_record present */
	bool probe;			/* P */
	bool smr;			/* S */
	bool pitr;			/* p */
	bool smr_invoked;		/* s */
	bool local_xtr;			/* L */
	bool dont_reply;		/* D */
	uint8_t  reserved1;		/* the 6 other bits of byte 1 */
	uint64_t nonce;
	struct lisp_address source_eid;
	uint8_t  itr_rloc_count;	/* 1..32 */
	struct lisp_address itr_rlocs[LISP_MAX_ITR_RLOCS];
	uint8_t  record_count;		/* >= 1 */
	struct lisp_eid *records;
	struct lisp_record *map_reply_record;	/* when map_data */
	size_t   trailing;		/* bytes after the message, ignored */
	/* The decoder's storage for a single record (records points here):
	 * the common request allocates nothing.  Do not copy a decoded
	 * request by value; copy the record. */
	struct lisp_eid one;
};

/* Map-Reply (type 2). */
struct lisp_map_reply {
	bool probe;			/* P */
	bool echo_nonce;		/* E */
	bool security;			/* S: LISP-SEC data follows (kept as trailing) */
	uint16_t reserved;		/* bytes 1-2 */
	uint64_t nonce;
	uint8_t  record_count;
	struct lisp_record *records;
	size_t   trailing;
};

/*
 * Map-Register (type 3), Map-Notify (type 4) and Map-Notify-Ack (type 5)
 * share one layout.  The byte-0 and byte-2 flags only exist in a Map-Register
 * (Map-Notify byte 0 bits are kept in 'proxy_reply'.. 'rtr' too, for the NAT
 * draft's I/R).  xtr_id and site_id are present when xtr_id_present.
 */
struct lisp_map_register {
	uint8_t  type;			/* 3, 4 or 5 */
	bool proxy_reply;		/* P 0x08 byte 0 */
	bool security;			/* S 0x04 */
	bool xtr_id_present;		/* I 0x02 */
	bool rtr;			/* R 0x01 */
	bool want_map_notify;		/* M 0x01 byte 2 */
	uint16_t reserved;		/* the rest of bytes 1-2 (E, T, a, ...) */
	uint64_t nonce;
	uint8_t  key_id;
	uint8_t  alg_id;		/* enum lisp_auth_alg */
	uint16_t auth_len;
	uint8_t  auth[LISP_AUTH_MAX_LEN];
	uint8_t  record_count;
	struct lisp_record *records;
	uint8_t  xtr_id[16];
	uint64_t site_id;
	size_t   trailing;
};

/*
 * Encapsulated Control Message (type 8): the 4-byte LISP header, the inner
 * IPv4/IPv6 header and the inner UDP header.  payload points into the
 * decoded buffer (not copied): the inner control message.  The decoder wants
 * the inner IP length to end exactly at the end of the buffer, the UDP length
 * to equal the IP payload, protocol UDP (no IPv6 extension headers) and no
 * fragment; IPv4 options are skipped; checksums are not verified (the inner
 * packet is relayed unmodified).
 */
struct lisp_ecm {
	bool security;			/* S 0x08 */
	bool ddt;			/* D 0x04 */
	uint8_t  other_flags;		/* byte 0 bits 0x02/0x01, kept; bytes 1-3 sent as 0 */
	struct addr inner_src;
	struct addr inner_dst;
	uint8_t  inner_ttl;
	uint16_t inner_sport;
	uint16_t inner_dport;
	const uint8_t *payload;
	size_t   payload_len;
};

/*
 * Data-plane LISP header (8 bytes after the outer UDP header, port 4341).
 * With N and V both set the decoder reads bytes 1-3 as a nonce (RFC 9300);
 * the encoder refuses that combination.
 */
struct lisp_data_hdr {
	bool n;				/* nonce present */
	bool l;				/* locator-status bits in use */
	bool e;				/* echo-nonce request */
	bool v;				/* map-version present */
	bool i;				/* instance ID present */
	uint8_t r;			/* reserved bit 0x04 */
	uint8_t kk;			/* key id 0x03 */
	uint32_t nonce;			/* 24 bits, when n (or n and v) */
	uint16_t src_map_version;	/* 12 bits, when v and not n */
	uint16_t dst_map_version;
	uint32_t iid;			/* 24 bits, when i */
	uint32_t lsb;			/* 32 bits (i=0) or 8 bits (i=1) */
};

/* The type of a control message (high nibble of byte 0), or 0 if len is 0. */
unsigned lisp_msg_type(const uint8_t *buf, size_t len);

enum lisp_err lisp_map_request_decode(const uint8_t *buf, size_t len,
				      struct lisp_map_request *m);
ssize_t lisp_map_request_encode(const struct lisp_map_request *m,
				uint8_t *buf, size_t cap);
void lisp_map_request_free(struct lisp_map_request *m);

enum lisp_err lisp_map_reply_decode(const uint8_t *buf, size_t len,
				    struct lisp_map_reply *m);
ssize_t lisp_map_reply_encode(const struct lisp_map_reply *m,
			      uint8_t *buf, size_t cap);
void lisp_map_reply_free(struct lisp_map_reply *m);

/*
 * Types 3, 4, 5.  The decoder checks the auth length against the algorithm
 * (0/20/32) but does not verify the MAC: call lisp_auth_verify() on the raw
 * message with the key chosen by key_id.  A record count of 0 is accepted
 * (a Map-Notify-Ack, lispers.net's zero-count messages).  The encoder writes auth[] as given
 * when key is NULL (tests, malformed vectors); with a key it sets auth_len
 * from alg_id and computes the MAC over the encoded message.
 */
enum lisp_err lisp_map_register_decode(const uint8_t *buf, size_t len,
				       struct lisp_map_register *m);
ssize_t lisp_map_register_encode(const struct lisp_map_register *m,
				 const void *key, size_t keylen,
				 uint8_t *buf, size_t cap);
void lisp_map_register_free(struct lisp_map_register *m);

enum lisp_err lisp_ecm_decode(const uint8_t *buf, size_t len, struct lisp_ecm *m);
/* Encode LH + inner IP + inner UDP (non-zero checksum) + payload. */
ssize_t lisp_ecm_encode(const struct lisp_ecm *m, uint8_t *buf, size_t cap);

enum lisp_err lisp_data_hdr_decode(const uint8_t *buf, size_t len,
				   struct lisp_data_hdr *h);
ssize_t lisp_data_hdr_encode(const struct lisp_data_hdr *h, uint8_t *buf, size_t cap);

/* Auth data length for an algorithm: 0, 20, 32; -1 if unknown. */
int lisp_auth_len(unsigned alg_id);
/*
 * Compute the MAC of a complete encoded type 3/4/5 message in place: zero
 * the auth field, HMAC the whole message with key, write the result.  The
 * message's alg_id and auth_len must already be set.  Returns 0 or -1.
 */
int lisp_auth_sign(uint8_t *msg, size_t len, const void *key, size_t keylen);
/*
 * Verify a type 3/4/5 message with key (msg is not modified: the MAC is fed
 * zeros in place of the auth field): LISP_ERR_AUTH_MISSING for
 * algorithm 0, LISP_ERR_AUTH_ALG / LISP_ERR_AUTH_LEN / LISP_ERR_TRUNCATED
 * for a bad auth header, LISP_ERR_AUTH_FAILED if the MAC (compared in
 * constant time over its full length) differs, LISP_OK otherwise.
 */
enum lisp_err lisp_auth_verify(const uint8_t *msg, size_t len,
			       const void *key, size_t keylen);

/* ------------------------------------------------ Map-Referral (RFC 8111) */

/* Map-Referral record ACT (RFC 8111 section 6.4). */
enum lisp_referral_action {
	LISP_REF_NODE_REFERRAL		= 0,	/* ask the child DDT nodes listed */
	LISP_REF_MS_REFERRAL		= 1,	/* ask the Map-Servers listed */
	LISP_REF_MS_ACK			= 2,	/* a Map-Server took the request */
	LISP_REF_MS_NOT_REGISTERED	= 3,	/* configured, no live registration */
	LISP_REF_DELEGATION_HOLE	= 4,	/* nothing is delegated there */
	LISP_REF_NOT_AUTHORITATIVE	= 5,	/* not ours: the requester erred */
};
#define LISP_REF_SIG_FIXED_LEN	20	/* a signature before its data */

const char *lisp_referral_action_str(unsigned act);	/* "NODE-REFERRAL", ... */

/*
 * One signature of a Map-Referral record (RFC 8111 section 6.4.1).  lispr
 * carries them through (decode, print, encode) but neither makes nor checks
 * them: there is no DDT security.  data has len bytes (allocated).
 */
struct lisp_referral_sig {
	uint32_t orig_ttl;
	uint32_t expiration;
	uint32_t inception;
	uint16_t key_tag;
	uint16_t len;			/* Sig Length: bytes of data */
	uint8_t  alg;			/* Sig-Algorithm */
	uint8_t  reserved1;
	uint16_t reserved2;
	uint8_t *data;
};

/*
 * A Map-Referral record: the EID-record layout where the locator count is the
 * Referral Count, the reserved bits carry I (incomplete, 0x0800) and the four
 * bits before the map version are SigCnt, followed by sig_count signature
 * sections.  rec.locs are the referral locators (children or Map-Servers);
 * rec.action is an enum lisp_referral_action (6 and 7 are decoded as they
 * are); rec.reserved holds the 11 bits after I and rec.reserved2 is unused
 * (0).
 */
struct lisp_referral_record {
	struct lisp_record rec;
	bool     incomplete;		/* I */
	uint8_t  sig_count;		/* SigCnt, 0..15 */
	struct lisp_referral_sig *sigs;	/* sig_count entries */
};

/* Map-Referral (type 6): the Map-Reply header without flags. */
struct lisp_map_referral {
	uint32_t reserved;		/* the 24 bits after the type, kept */
	uint64_t nonce;
	uint8_t  record_count;
	struct lisp_referral_record *records;
	size_t   trailing;
};

enum lisp_err lisp_map_referral_decode(const uint8_t *buf, size_t len,
				       struct lisp_map_referral *m);
ssize_t lisp_map_referral_encode(const struct lisp_map_referral *m,
				 uint8_t *buf, size_t cap);
void lisp_map_referral_free(struct lisp_map_referral *m);

#endif
