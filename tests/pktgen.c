/*
 * DOC: test frames and pcap files (see pktgen.h)
 */
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdlib.h>
#include <string.h>

#include "pktgen.h"

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_IPV6	0x86dd
#define ETHERTYPE_VLAN	0x8100

/* 2026-01-01 00:00:00 UTC: fixed, so generated captures are reproducible. */
#define PKTGEN_EPOCH	1767225600

struct pktgen_pcap {
	pcap_t *p;
	pcap_dumper_t *d;
	unsigned n;
};

static const uint8_t default_smac[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t default_dmac[6] = { 0x02, 0, 0, 0, 0, 0x02 };

uint32_t pktgen_csum_add(uint32_t sum, const uint8_t *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (len & 1)
		sum += (uint32_t)p[len - 1] << 8;
	return sum;
}

uint16_t pktgen_csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}

/* Family of a text address: 4 or 6 with the bytes in out, 0 if invalid. */
static int parse_ip(const char *s, uint8_t out[16])
{
	if (s && inet_pton(AF_INET, s, out) == 1)
		return 4;
	if (s && inet_pton(AF_INET6, s, out) == 1)
		return 6;
	return 0;
}

ssize_t pktgen_ip_udp(const struct pktgen_udp *u, const uint8_t *payload, size_t plen,
		      uint8_t *buf, size_t cap)
{
	uint8_t sa[16], da[16];
	int fam = parse_ip(u->src, sa);
	size_t iphl = fam == 6 ? 40 : 20;
	size_t udphl = u->frag_off ? 0 : 8;
	size_t total = iphl + udphl + plen;
	uint8_t *udp = buf + iphl;
	uint32_t sum = 0;

	if (fam == 0 || parse_ip(u->dst, da) != fam || total > cap || total > 65535)
		return -1;
	if (fam == 6 && (u->frag_off || u->more_frags))
		return -1;
	memset(buf, 0, iphl + udphl);
	if (fam == 4) {
		uint16_t frag = (uint16_t)(u->frag_off & 0x1fff);

		if (u->more_frags)
			frag |= 0x2000;
		else if (!u->frag_off)
			frag |= 0x4000;		/* DF, as LISP senders set it */
		buf[0] = 0x45;
		put16(buf + 2, (uint16_t)total);
		put16(buf + 4, (uint16_t)(u->sport ^ u->dport ^ plen));
		put16(buf + 6, frag);
		buf[8] = u->ttl ? u->ttl : 64;
		buf[9] = 17;
		memcpy(buf + 12, sa, 4);
		memcpy(buf + 16, da, 4);
		put16(buf + 10, (uint16_t)~pktgen_csum_fold(pktgen_csum_add(0, buf, 20)));
		sum = pktgen_csum_add(pktgen_csum_add(0, sa, 4), da, 4);
	} else {
		buf[0] = 0x60;
		put16(buf + 4, (uint16_t)(udphl + plen));
		buf[6] = 17;
		buf[7] = u->ttl ? u->ttl : 64;
		memcpy(buf + 8, sa, 16);
		memcpy(buf + 24, da, 16);
		sum = pktgen_csum_add(pktgen_csum_add(0, sa, 16), da, 16);
	}
	if (plen)
		memcpy(udp + udphl, payload, plen);
	if (udphl) {
		uint16_t ulen = u->udp_len ? u->udp_len : (uint16_t)(8 + plen);

		put16(udp, u->sport);
		put16(udp + 2, u->dport);
		put16(udp + 4, ulen);
		if (!u->no_udp_csum && !u->more_frags) {
			uint16_t c;

			sum += 17 + (uint32_t)(8 + plen);
			c = (uint16_t)~pktgen_csum_fold(pktgen_csum_add(sum, udp, 8 + plen));
			put16(udp + 6, c ? c : 0xffff);
		}
	}
	return (ssize_t)total;
}

static ssize_t eth_header(const uint8_t *smac, const uint8_t *dmac, uint16_t vlan,
			  uint16_t ethertype, uint8_t *buf, size_t cap)
{
	size_t hl = vlan ? 18 : 14;

	if (cap < hl)
		return -1;
	memcpy(buf, dmac ? dmac : default_dmac, 6);
	memcpy(buf + 6, smac ? smac : default_smac, 6);
	if (vlan) {
		put16(buf + 12, ETHERTYPE_VLAN);
		put16(buf + 14, vlan & 0x0fff);
	}
	put16(buf + hl - 2, ethertype);
	return (ssize_t)hl;
}

ssize_t pktgen_eth_udp(const struct pktgen_udp *u, const uint8_t *payload, size_t plen,
		       uint8_t *buf, size_t cap)
{
	uint8_t a[16];
	int fam = parse_ip(u->src, a);
	ssize_t hl, n;

	hl = eth_header(u->smac, u->dmac, u->vlan,
			fam == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4, buf, cap);
	if (hl < 0 || fam == 0)
		return -1;
	n = pktgen_ip_udp(u, payload, plen, buf + hl, cap - (size_t)hl);
	return n < 0 ? -1 : hl + n;
}

ssize_t pktgen_eth_wrap(const uint8_t *smac, const uint8_t *dmac, const uint8_t *ip,
			size_t iplen, uint8_t *buf, size_t cap)
{
	uint16_t et = iplen && (ip[0] >> 4) == 6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4;
	ssize_t hl = eth_header(smac, dmac, 0, et, buf, cap);

	if (hl < 0 || iplen > cap - (size_t)hl)
		return -1;
	memcpy(buf + hl, ip, iplen);
	return hl + (ssize_t)iplen;
}

ssize_t pktgen_icmp_echo(const char *src, const char *dst, uint16_t id, uint16_t seq,
			 size_t datalen, uint8_t *buf, size_t cap)
{
	uint8_t sa[16], da[16];
	size_t total = 20 + 8 + datalen, i;
	uint8_t *icmp = buf + 20;

	if (parse_ip(src, sa) != 4 || parse_ip(dst, da) != 4 || total > cap || total > 65535)
		return -1;
	memset(buf, 0, 28);
	buf[0] = 0x45;
	put16(buf + 2, (uint16_t)total);
	put16(buf + 4, id ^ seq);
	buf[8] = 255;
	buf[9] = 1;
	memcpy(buf + 12, sa, 4);
	memcpy(buf + 16, da, 4);
	put16(buf + 10, (uint16_t)~pktgen_csum_fold(pktgen_csum_add(0, buf, 20)));
	icmp[0] = 8;
	put16(icmp + 4, id);
	put16(icmp + 6, seq);
	for (i = 0; i < datalen; i++)
		icmp[8 + i] = (uint8_t)(0xab + i);
	put16(icmp + 2, (uint16_t)~pktgen_csum_fold(pktgen_csum_add(0, icmp, 8 + datalen)));
	return (ssize_t)total;
}

struct pktgen_pcap *pktgen_pcap_open(const char *path, int linktype)
{
	struct pktgen_pcap *pc = calloc(1, sizeof(*pc));

	if (!pc)
		return NULL;
	pc->p = pcap_open_dead(linktype, 65535);
	if (!pc->p) {
		free(pc);
		return NULL;
	}
	pc->d = pcap_dump_open(pc->p, path);
	if (!pc->d) {
		pcap_close(pc->p);
		free(pc);
		return NULL;
	}
	return pc;
}

int pktgen_pcap_write_snap(struct pktgen_pcap *pc, const uint8_t *frame, size_t caplen,
			   size_t len)
{
	struct pcap_pkthdr h;

	if (caplen > len || len > 0xffffffffu)
		return -1;
	memset(&h, 0, sizeof(h));
	h.ts.tv_sec = PKTGEN_EPOCH + pc->n / 100;
	h.ts.tv_usec = (pc->n % 100) * 10000;
	h.caplen = (bpf_u_int32)caplen;
	h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)pc->d, &h, frame);
	pc->n++;
	return 0;
}

int pktgen_pcap_write(struct pktgen_pcap *pc, const uint8_t *frame, size_t len)
{
	return pktgen_pcap_write_snap(pc, frame, len, len);
}

int pktgen_pcap_close(struct pktgen_pcap *pc)
{
	int rc;

	if (!pc)
		return -1;
	rc = pcap_dump_flush(pc->d);
	pcap_dump_close(pc->d);
	pcap_close(pc->p);
	free(pc);
	return rc == 0 ? 0 : -1;
}

void pktgen_hex(const uint8_t *p, size_t len, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < len; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * len] = '\0';
}
