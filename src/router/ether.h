/*
 * DOC: Ethernet II framing
 *
 * The receive path starts here: frame checks, the destination MAC filter,
 * and the ethertype switch to ARP, IPv4 or (where it runs) IPv6.  Frames leave through
 * ether_send(), which also counts them on the interface.
 */
#ifndef LISPR_ETHER_H
#define LISPR_ETHER_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_ARP	0x0806
#define ETHERTYPE_IPV6	0x86dd

static inline bool ether_is_bcast(const uint8_t m[6])
{
	return (m[0] & m[1] & m[2] & m[3] & m[4] & m[5]) == 0xff;
}

static inline bool ether_is_group(const uint8_t m[6])
{
	return m[0] & 1;
}

extern const uint8_t ether_bcast[6];

#endif
