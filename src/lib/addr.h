/*
 * DOC: addresses and prefixes
 *
 * struct addr is an AFI-tagged IPv4 or IPv6 address that can carry a LISP
 * instance ID.  struct prefix is an address plus a mask length whose host
 * bits are always zero: every function that builds a prefix masks it, and
 * prefix_parse() rejects text with host bits set.
 *
 * AFI values are the IANA address-family numbers LISP puts on the wire.
 */
#ifndef LISPR_ADDR_H
#define LISPR_ADDR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum afi {
	AFI_NONE = 0,
	AFI_IPV4 = 1,
	AFI_IPV6 = 2,
};

struct addr {
	uint16_t afi;		/* enum afi */
	uint32_t iid;		/* LISP instance ID, 0 = default table */
	union {
		uint8_t  b[16];	/* network byte order; IPv4 uses b[0..3] */
		uint32_t v4;	/* IPv4 in network byte order */
	} u;
};

struct prefix {
	struct addr addr;	/* host bits are zero */
	uint8_t     len;	/* 0..32 or 0..128 */
};

#define ADDR_STRLEN   48	/* "[16777215] " + IPv6 text, NUL included */
#define PREFIX_STRLEN 56

/* Bits and bytes of an address family: 32/4 for IPv4, 128/16 for IPv6, 0 otherwise. */
unsigned addr_bits(uint16_t afi);
unsigned addr_bytes(uint16_t afi);

void addr_set_v4(struct addr *a, uint32_t v4_net_order);
void addr_set_v6(struct addr *a, const uint8_t b[16]);
bool addr_is_v4(const struct addr *a);
bool addr_is_v6(const struct addr *a);

/* Bit i (0 = most significant) of an address. */
static inline unsigned addr_bit(const struct addr *a, unsigned i)
{
	return (a->u.b[i >> 3] >> (7 - (i & 7))) & 1u;
}

/* Order: AFI, then instance ID, then address bytes.  Returns <0, 0, >0. */
int addr_cmp(const struct addr *a, const struct addr *b);
bool addr_eq(const struct addr *a, const struct addr *b);
/* Number of leading bits a and b share (same AFI assumed), at most addr_bits(). */
unsigned addr_common_bits(const struct addr *a, const struct addr *b);

/*
 * Parse "192.0.2.1" or "2001:db8::1".  Returns 0, or -1 with a message
 * such as "invalid IPv4 address" in err (errlen bytes, may be NULL).
 */
int addr_parse(const char *s, struct addr *a, char *err, size_t errlen);
/* Format the address (no instance ID); returns buf. */
const char *addr_fmt(const struct addr *a, char *buf, size_t len);

/*
 * Parse "192.168.1.0/24" or "2001:db8::/32".  Rejects a missing or bad
 * length, a length over 32/128 and set host bits, each with its own message.
 */
int prefix_parse(const char *s, struct prefix *p, char *err, size_t errlen);
/* Parse IOS "A M" (address and dotted mask) into a prefix; rejects
 * non-contiguous masks and set host bits. */
int prefix_parse_mask(const char *a, const char *mask, struct prefix *p,
		      char *err, size_t errlen);
/* Build a prefix from an address and a length, zeroing the host bits.
 * Returns -1 if len is too long for the family. */
int prefix_make(struct prefix *p, const struct addr *a, unsigned len);
const char *prefix_fmt(const struct prefix *p, char *buf, size_t len);

/* A MAC in IOS form, H.H.H ("0200.5e00.0101"); buf needs MAC_STRLEN.
 * Returns buf. */
#define MAC_STRLEN	15
const char *mac_fmt(const uint8_t mac[6], char *buf, size_t len);
/* Parse IOS's H.H.H: three dot-separated groups of one to four hex
 * digits (leading zeros may be left out), nothing after; false, mac
 * untouched, for anything else. */
bool mac_parse(const char *s, uint8_t mac[6]);

/* Mask length of a contiguous IPv4 netmask (host order input), or -1. */
int mask_to_len(uint32_t mask_host_order);
/* IPv4 netmask (network byte order) for a length 0..32. */
uint32_t len_to_mask(unsigned len);

/* Does p contain address a (same AFI and IID)? */
bool prefix_contains(const struct prefix *p, const struct addr *a);
/* Does outer cover inner (outer->len <= inner->len and inner inside outer)? */
bool prefix_covers(const struct prefix *outer, const struct prefix *inner);
int prefix_cmp(const struct prefix *a, const struct prefix *b);
bool prefix_eq(const struct prefix *a, const struct prefix *b);

#endif
