/*
 * DOC: helpers shared by the in-process benchmarks (bench_lisp.c,
 * bench_ms.c, bench_ddt.c): wall and thread-CPU clocks, the fatal error
 * (prefixed with BENCH_NAME, which the program defines before including
 * this), an IPv4 address from text, Ethernet and IPv4/UDP frames, an ECM'd
 * Map-Request from an ITR, an ARP request that teaches a router a
 * neighbour, the load average the figures are printed with.
 */
#ifndef LISPR_BENCH_UTIL_H
#define LISPR_BENCH_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <arpa/inet.h>

#include "addr.h"
#include "ipv4.h"
#include "lisp_msg.h"
#include "port.h"
#include "router.h"

#ifndef BENCH_NAME
#error "define BENCH_NAME before including bench_util.h"
#endif

static inline double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* This thread's CPU time: a busy machine does not blur a comparison. */
static inline double cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static inline void die(const char *what, const char *err)
{
	fprintf(stderr, BENCH_NAME ": %s: %s\n", what, err);
	exit(1);
}

static inline struct addr A(const char *s)
{
	struct addr a;

	addr_set_v4(&a, inet_addr(s));
	return a;
}

static inline size_t eth(uint8_t *f, const uint8_t *dst, const uint8_t *src, uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	return 14;
}

/* /proc/loadavg's line, or "?". */
static inline void loadavg(char *buf, size_t len)
{
	FILE *f = fopen("/proc/loadavg", "r");

	snprintf(buf, len, "?");
	if (f) {
		if (fgets(buf, (int)len, f))
			buf[strcspn(buf, "\n")] = 0;
		fclose(f);
	}
}

/* IPv4/UDP frame with the payload already at f + 42. */
static inline size_t udp_frame(uint8_t *f, const uint8_t *dmac, const uint8_t *smac,
			       uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport,
			       size_t plen)
{
	uint8_t *ip = f + eth(f, dmac, smac, 0x0800), *udp = ip + 20;
	uint16_t sum;

	ip[0] = 0x45;
	ip[1] = 0;
	ip[2] = (uint8_t)((28 + plen) >> 8);
	ip[3] = (uint8_t)(28 + plen);
	ip[4] = ip[5] = 0;
	ip[6] = ip[7] = 0;
	ip[8] = 64;
	ip[9] = 17;
	ip[10] = ip[11] = 0;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	sum = ipv4_cksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = (uint8_t)(dport >> 8);
	udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)((8 + plen) >> 8);
	udp[5] = (uint8_t)(8 + plen);
	udp[6] = udp[7] = 0;
	return 42 + plen;
}

/* An ECM'd Map-Request (nonce; one record, the IPv4 host eid in network
 * order) from the ITR 10.0.1.2 (Source-EID 192.168.1.1, inner UDP 50000
 * to 4342, TTL 64) to the Map-Resolver 10.0.1.1, in the Ethernet frame f
 * of cap bytes; its length. */
static inline size_t ecm_request_frame(uint8_t *f, size_t cap, const uint8_t *dmac,
				       const uint8_t *smac, uint64_t nonce, uint32_t eid)
{
	struct lisp_map_request q;
	struct lisp_eid rec;
	struct lisp_ecm ecm;
	uint8_t msg[128];
	ssize_t len;

	memset(&q, 0, sizeof(q));
	memset(&rec, 0, sizeof(rec));
	q.nonce = nonce;
	q.source_eid.addr = A("192.168.1.1");
	q.itr_rloc_count = 1;
	q.itr_rlocs[0].addr = A("10.0.1.2");
	q.record_count = 1;
	addr_set_v4(&rec.eid.addr, eid);
	rec.mask_len = 32;
	q.records = &rec;
	if ((len = lisp_map_request_encode(&q, msg, sizeof(msg))) < 0)
		die("encode", "Map-Request");
	memset(&ecm, 0, sizeof(ecm));
	ecm.inner_src = A("10.0.1.2");
	ecm.inner_dst = rec.eid.addr;
	ecm.inner_ttl = 64;
	ecm.inner_sport = 50000;
	ecm.inner_dport = 4342;
	ecm.payload = msg;
	ecm.payload_len = (size_t)len;
	if (cap < 42 || (len = lisp_ecm_encode(&ecm, f + 42, cap - 42)) < 0)
		die("encode", "ECM");
	return udp_frame(f, dmac, smac, inet_addr("10.0.1.2"), inet_addr("10.0.1.1"), 50000, 4342,
			 (size_t)len);
}

/* router r learns, on port p, that who (mac) is asking for target. */
static inline void teach_arp(struct router *r, struct port *p, const uint8_t *mac,
			     const char *who, const char *target)
{
	uint8_t f[64], *a = f + eth(f, (const uint8_t *)"\xff\xff\xff\xff\xff\xff", mac, 0x0806);
	uint32_t spa = inet_addr(who), tpa = inet_addr(target);

	a[0] = 0; a[1] = 1; a[2] = 8; a[3] = 0; a[4] = 6; a[5] = 4; a[6] = 0; a[7] = 1;
	memcpy(a + 8, mac, 6);
	memcpy(a + 14, &spa, 4);
	memset(a + 18, 0, 6);
	memcpy(a + 24, &tpa, 4);
	port_mem_push(p, f, 42, 0);
	router_poll(r);
	port_mem_flush(p);
}

#endif
