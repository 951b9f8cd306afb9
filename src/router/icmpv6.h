/*
 * DOC: ICMPv6 (RFC 4443)
 *
 * The router answers echo requests to its addresses and to the groups it
 * belongs to, hands echo replies and errors quoting its own requests to
 * ping, passes Neighbor Discovery messages to nd.c, and sends the errors
 * of a router: Destination Unreachable (no route, beyond scope of source,
 * port unreachable), Packet Too Big, Time Exceeded and Parameter Problem.
 * Never about an ICMPv6 error or a Redirect, never about a packet sent to
 * a multicast group or as a link-layer multicast (except Packet Too Big and
 * Parameter Problem code 2), never to an unspecified or multicast source
 * (RFC 4443 2.4(e)); at most as many as a token bucket allows (IOS 'ipv6
 * icmp error-interval', 100 ms with a bucket of 10 by default; 2.4(f)).
 * An error quotes as much of the offending packet as fits in the minimum
 * MTU (1280 bytes).
 */
#ifndef LISPR_ICMPV6_H
#define LISPR_ICMPV6_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct router;
struct iface;

#define ICMP6_UNREACH		1
#define ICMP6_TOO_BIG		2
#define ICMP6_TIME_EXCEEDED	3
#define ICMP6_PARAM_PROB	4
#define ICMP6_ECHO		128
#define ICMP6_ECHO_REPLY	129
#define ND_ROUTER_SOLICIT	133
#define ND_ROUTER_ADVERT	134
#define ND_NEIGHBOR_SOLICIT	135
#define ND_NEIGHBOR_ADVERT	136
#define ND_REDIRECT		137

#define ICMP6_UNREACH_NOROUTE	0
#define ICMP6_UNREACH_ADMIN	1
#define ICMP6_UNREACH_SCOPE	2
#define ICMP6_UNREACH_ADDR	3
#define ICMP6_UNREACH_PORT	4

#define ICMP6_ERR_INTERVAL_MS	100u
#define ICMP6_ERR_BUCKET	10u

/* An IPv6 packet for the router whose upper layer is ICMPv6 at offset off. */
void icmp6_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		 size_t off);
/*
 * Send an ICMPv6 error about ip (len bytes) that arrived on ifp (NULL:
 * the router's own), l2_group when it came as a link-layer multicast.
 * param is the MTU (Packet Too Big) or the pointer (Parameter Problem).
 */
void icmp6_error(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		 uint8_t type, uint8_t code, uint32_t param, bool l2_group);

#endif
