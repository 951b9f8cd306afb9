/*
 * DOC: ICMP for IPv4 (RFC 792, RFC 1812 4.3)
 *
 * The router answers echo requests to any of its addresses, hands echo
 * replies and errors to ping, and sends Time Exceeded and Destination
 * Unreachable, never about an ICMP error, a non-initial fragment, a
 * broadcast or multicast, or a martian source (RFC 1812 4.3.2.7).
 */
#ifndef LISPR_ICMP_H
#define LISPR_ICMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct router;
struct iface;

#define ICMP_ECHO_REPLY		0
#define ICMP_UNREACH		3
#define ICMP_SOURCE_QUENCH	4
#define ICMP_REDIRECT		5
#define ICMP_ECHO		8
#define ICMP_TIME_EXCEEDED	11
#define ICMP_PARAM_PROBLEM	12

#define ICMP_UNREACH_NET	0
#define ICMP_UNREACH_HOST	1
#define ICMP_UNREACH_PROTO	2
#define ICMP_UNREACH_PORT	3
#define ICMP_UNREACH_NEEDFRAG	4
#define ICMP_UNREACH_ADMIN	13	/* communication administratively prohibited */

/* A checked IPv4 packet for the router with protocol ICMP. */
void icmp_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len);
/*
 * Send an ICMP error about 'ip' (the offending packet, len bytes) that
 * arrived on ifp (NULL: originated by the router).  'extra' is the
 * next-hop MTU for "fragmentation needed".
 */
void icmp_error(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		uint8_t type, uint8_t code, uint16_t extra);

#endif
