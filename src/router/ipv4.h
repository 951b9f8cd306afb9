/*
 * DOC: IPv4 input, forwarding and output
 *
 * ipv4_input() checks a received packet (RFC 1812 5.2.2: length, version,
 * header length, checksum, total length), drops martians, then delivers it
 * to the router or forwards it: TTL decrement with an incremental checksum
 * update (RFC 1624), ICMP Time Exceeded and Destination Unreachable.
 * Options and fragments are forwarded untouched and counted; a packet
 * larger than the egress MTU is fragmented (RFC 791) unless DF is set,
 * which gets "fragmentation needed".  Fragments for the router itself are
 * dropped (there is no reassembly).
 */
#ifndef LISPR_IPV4_H
#define LISPR_IPV4_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct router;
struct iface;

#define IPPROTO_ICMP_	1
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFMASK	0x1fff

/* The Internet checksum of buf (RFC 1071), to be stored with memcpy as it
 * is; 0 over data that carries a correct checksum. */
uint16_t ipv4_cksum(const void *buf, size_t len);

/*
 * RFC 791 fragmentation, one fragment at a time (the router's egress MTU
 * and the ITR's stateless MTU handling share it).  Later fragments carry
 * only the options whose copy bit is set; dec_ttl decrements the TTL in
 * each fragment.  ipv4_frag_init() returns -1 when mtu cannot carry the
 * header and 8 bytes of data.  ipv4_frag_next() writes the next fragment,
 * header checksum set, to out (at least mtu bytes) and returns its length,
 * 0 after the last one.  ip must stay valid meanwhile.
 */
struct ipv4_frag {
	const uint8_t *ip;
	size_t plen, off;
	unsigned hlen, mtu, olen;
	bool dec_ttl;
	uint16_t frag;
	uint8_t opts[40];
};
int ipv4_frag_init(struct ipv4_frag *f, const uint8_t *ip, size_t len, unsigned mtu,
		   bool dec_ttl);
size_t ipv4_frag_next(struct ipv4_frag *f, uint8_t *out);

void ipv4_input(struct router *r, struct iface *ifp, const uint8_t *ip, size_t len,
		bool l2_bcast);

/*
 * Send a packet the router built: f holds ETHER_HDRLEN bytes of headroom,
 * then the IPv4 packet (iplen bytes) with every field set except the
 * header checksum.  Routed through the FIB; a packet for one of the
 * router's own addresses is delivered locally.  Returns 0, or -1 when it
 * was dropped (no route).
 */
int ipv4_output(struct router *r, uint8_t *f, size_t iplen);

/* The source address for packets the router sends to dst: the egress
 * interface's address; 0 when there is no route or no address. */
uint32_t ipv4_source_for(struct router *r, uint32_t dst);

/* Martian checks (RFC 1812 5.3.7), network order. */
bool ipv4_martian_src(uint32_t a);

#endif
