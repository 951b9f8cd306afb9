/*
 * DOC: test frames and pcap files (tests and sample generators only)
 *
 * pktgen builds the frames a LISP router sees on the wire around a payload
 * the codec produced: Ethernet II (optionally one 802.1Q tag), IPv4 or IPv6,
 * UDP with a correct checksum, and writes them to pcap files through
 * libpcap's pcap_open_dead/pcap_dump with deterministic timestamps, so a
 * generated capture is the same bytes on every run.
 */
#ifndef LISPR_PKTGEN_H
#define LISPR_PKTGEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define PKTGEN_MAX_FRAME	9216

/*
 * One UDP packet: src and dst are IPv4 or IPv6 text of the same family.
 * smac/dmac NULL: 02:00:00:00:00:01 / 02:00:00:00:00:02.  ttl 0: 64.
 * frag_off (in 8-byte units) and more_frags make an IPv4 fragment whose
 * payload is the given bytes (UDP header included only when frag_off is 0).
 * udp_len, when non-zero, is written instead of the real UDP length.
 */
struct pktgen_udp {
	const char *src, *dst;
	uint16_t sport, dport;
	const uint8_t *smac, *dmac;
	uint16_t vlan;			/* 802.1Q VLAN ID, 0 = untagged */
	uint8_t ttl;
	bool no_udp_csum;		/* write checksum 0 (data packets) */
	uint16_t frag_off;
	bool more_frags;
	uint16_t udp_len;
};

/* IP + UDP + payload, no link header (DLT_RAW, inner packets).  Returns length or -1. */
ssize_t pktgen_ip_udp(const struct pktgen_udp *u, const uint8_t *payload, size_t plen,
		      uint8_t *buf, size_t cap);
/* Ethernet (+ VLAN) + IP + UDP + payload.  Returns length or -1. */
ssize_t pktgen_eth_udp(const struct pktgen_udp *u, const uint8_t *payload, size_t plen,
		       uint8_t *buf, size_t cap);
/* An IPv4 ICMP echo request (type 8) with id, seq and datalen pattern bytes. */
ssize_t pktgen_icmp_echo(const char *src, const char *dst, uint16_t id, uint16_t seq,
			 size_t datalen, uint8_t *buf, size_t cap);
/* Prefix an IP packet with an Ethernet header (ethertype from the IP version). */
ssize_t pktgen_eth_wrap(const uint8_t *smac, const uint8_t *dmac, const uint8_t *ip,
			size_t iplen, uint8_t *buf, size_t cap);

/* The one's complement Internet checksum of len bytes, folded, not inverted. */
uint32_t pktgen_csum_add(uint32_t sum, const uint8_t *p, size_t len);
uint16_t pktgen_csum_fold(uint32_t sum);

struct pktgen_pcap;

/* Create a pcap file with a link type (DLT_EN10MB, DLT_RAW, ...); NULL on error. */
struct pktgen_pcap *pktgen_pcap_open(const char *path, int linktype);
/* Append a frame; timestamps start at 2026-01-01 00:00:00 and advance 10 ms per frame. */
int pktgen_pcap_write(struct pktgen_pcap *pc, const uint8_t *frame, size_t len);
/* Append only the first caplen bytes of a frame of length len (a snapped capture). */
int pktgen_pcap_write_snap(struct pktgen_pcap *pc, const uint8_t *frame, size_t caplen,
			   size_t len);
int pktgen_pcap_close(struct pktgen_pcap *pc);

/* Text of len bytes as lowercase hex (2*len+1 bytes in out). */
void pktgen_hex(const uint8_t *p, size_t len, char *out);

#endif
