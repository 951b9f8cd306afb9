/*
 * DOC: helpers shared by the router tests
 *
 * A two-interface router on memory ports with a manual clock:
 *   Ethernet0 10.0.1.1/24 (host A 10.0.1.10), Ethernet1 10.0.2.1/24
 *   (host B 10.0.2.20), Loopback0 2.2.2.2/32,
 * and builders for the frames the hosts send.
 */
#ifndef LISPR_TEST_ROUTER_UTIL_H
#define LISPR_TEST_ROUTER_UTIL_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>
#include <CUnit/CUnit.h>

#include "arp.h"
#include "event.h"
#include "fib.h"
#include "iface.h"
#include "ipv4.h"
#include "ping.h"
#include "port.h"
#include "router.h"

static const uint8_t MAC_R0[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
static const uint8_t MAC_R1[6] = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };
static const uint8_t MAC_A[6]  = { 0x02, 0xaa, 0x00, 0x00, 0x00, 0x0a };
static const uint8_t MAC_B[6]  = { 0x02, 0xbb, 0x00, 0x00, 0x00, 0x14 };
static const uint8_t MAC_BC[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

#define T_SEC 1000000000ull

struct trt {
	struct router *r;
	struct iface *e0, *e1, *lo;
	struct port *p0, *p1;
};

static inline uint32_t ip4(const char *s)
{
	return inet_addr(s);
}

static inline void t_addr(struct router *r, struct iface *ifp, const char *a, unsigned len)
{
	struct addr x;
	char err[128];

	addr_set_v4(&x, ip4(a));
	CU_ASSERT_EQUAL_FATAL(iface_set_addr(r, ifp, &x, len, err, sizeof(err)), 0);
}

static inline void trt_setup(struct trt *t)
{
	char err[128];

	memset(t, 0, sizeof(*t));
	t->r = router_new(EV_CLOCK_MANUAL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->r);
	ev_clock_set(router_loop(t->r), 1000 * T_SEC);
	t->p0 = port_mem_open("Ethernet0", MAC_R0);
	t->p1 = port_mem_open("Ethernet1", MAC_R1);
	t->e0 = iface_attach(t->r, "Ethernet0", t->p0, err, sizeof(err));
	t->e1 = iface_attach(t->r, "Ethernet1", t->p1, err, sizeof(err));
	t->lo = iface_get(t->r, "Loopback0", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->e0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->e1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t->lo);
	t_addr(t->r, t->e0, "10.0.1.1", 24);
	t_addr(t->r, t->e1, "10.0.2.1", 24);
	t_addr(t->r, t->lo, "2.2.2.2", 32);
	iface_set_shutdown(t->r, t->e0, false);
	iface_set_shutdown(t->r, t->e1, false);
	router_set_icmp_ratelimit(t->r, 0);
	port_mem_flush(t->p0);		/* the gratuitous ARPs */
	port_mem_flush(t->p1);
	router_clear_stats(t->r);
}

static inline void trt_teardown(struct trt *t)
{
	router_free(t->r);
}

static inline void t_advance(struct trt *t, uint64_t ns)
{
	struct evloop *l = router_loop(t->r);

	ev_clock_set(l, ev_now(l) + ns);
}

static inline uint64_t t_drops(struct trt *t, enum rt_drop d)
{
	return router_stats(t->r)->drops[d];
}

static inline uint64_t t_all_drops(struct trt *t)
{
	uint64_t n = 0;
	int i;

	for (i = 0; i < RT_DROP__COUNT; i++)
		n += router_stats(t->r)->drops[i];
	return n;
}

static inline size_t mk_eth(uint8_t *f, const uint8_t dst[6], const uint8_t src[6],
			    uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	f[12] = (uint8_t)(type >> 8);
	f[13] = (uint8_t)type;
	return 14;
}

static inline size_t mk_arp(uint8_t *f, const uint8_t edst[6], uint16_t op,
			    const uint8_t sha[6], uint32_t spa,
			    const uint8_t tha[6], uint32_t tpa)
{
	uint8_t *a = f + mk_eth(f, edst, sha, 0x0806);

	a[0] = 0; a[1] = 1; a[2] = 0x08; a[3] = 0; a[4] = 6; a[5] = 4;
	a[6] = 0; a[7] = (uint8_t)op;
	memcpy(a + 8, sha, 6);
	memcpy(a + 14, &spa, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, &tpa, 4);
	return 14 + 28;
}

/* IPv4 header with options of olen bytes (multiple of 4) and plen payload
 * bytes already at ip + 20 + olen; returns the total length. */
static inline size_t mk_ip(uint8_t *ip, uint32_t src, uint32_t dst, uint8_t proto,
			   uint8_t ttl, size_t olen, size_t plen, uint16_t frag)
{
	size_t tot = 20 + olen + plen;
	uint16_t sum;

	ip[0] = (uint8_t)(0x40 | ((20 + olen) / 4));
	ip[1] = 0;
	ip[2] = (uint8_t)(tot >> 8);
	ip[3] = (uint8_t)tot;
	ip[4] = 0x12; ip[5] = 0x34;
	ip[6] = (uint8_t)(frag >> 8);
	ip[7] = (uint8_t)frag;
	ip[8] = ttl;
	ip[9] = proto;
	ip[10] = ip[11] = 0;
	memcpy(ip + 12, &src, 4);
	memcpy(ip + 16, &dst, 4);
	sum = ipv4_cksum(ip, 20 + olen);
	memcpy(ip + 10, &sum, 2);
	return tot;
}

/* An ICMP echo request frame from (smac, src) to (dmac, dst). */
static inline size_t mk_echo(uint8_t *f, const uint8_t dmac[6], const uint8_t smac[6],
			     uint32_t src, uint32_t dst, uint8_t ttl, uint16_t seq,
			     size_t datalen)
{
	uint8_t *ip = f + mk_eth(f, dmac, smac, 0x0800), *icmp = ip + 20;
	uint16_t sum;
	size_t i;

	icmp[0] = 8; icmp[1] = 0; icmp[2] = icmp[3] = 0;
	icmp[4] = 0x77; icmp[5] = 0x01;
	icmp[6] = (uint8_t)(seq >> 8); icmp[7] = (uint8_t)seq;
	for (i = 0; i < datalen; i++)
		icmp[8 + i] = (uint8_t)i;
	sum = ipv4_cksum(icmp, 8 + datalen);
	memcpy(icmp + 2, &sum, 2);
	return 14 + mk_ip(ip, src, dst, 1, ttl, 0, 8 + datalen, 0);
}

static inline void t_push(struct port *p, const uint8_t *f, size_t len)
{
	CU_ASSERT_EQUAL(port_mem_push(p, f, len, 0), 0);
}

/* Push a frame in and let the router handle it. */
static inline void t_in(struct trt *t, struct port *p, const uint8_t *f, size_t len)
{
	t_push(p, f, len);
	router_poll(t->r);
}

/* Teach the router a host's MAC with an ARP request to the router. */
static inline void t_learn(struct trt *t, struct port *p, const uint8_t mac[6],
			   const char *host, const char *rtr)
{
	static const uint8_t zero[6];
	uint8_t f[64];
	size_t n = mk_arp(f, MAC_BC, 1, mac, ip4(host), zero, ip4(rtr));

	t_in(t, p, f, n);
	port_mem_flush(p);
}

static inline uint16_t get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}

static inline uint32_t get_ip(const uint8_t *p)
{
	uint32_t a;

	memcpy(&a, p, 4);
	return a;
}

/* A route as text: prefix, type, interface, flags, distance, next hops. */
static inline int t_route_text(const struct fib_entry *e, void *arg)
{
	char pb[PREFIX_STRLEN], gb[ADDR_STRLEN];
	struct addr g;

	addr_set_v6(&g, e->gw6);
	fprintf(arg, "%s %d %s %x %u %08x %s\n", prefix_fmt(&e->prefix, pb, sizeof(pb)), (int)e->type,
		e->oif ? iface_name(e->oif) : "-", (unsigned)e->flags, e->distance, (unsigned)e->gw,
		addr_fmt(&g, gb, sizeof(gb)));
	return 0;
}

/* The tables of VRFs 0 to nvrf - 1, both families, as text (malloc'ed). */
static inline char *t_fib_text(struct router *r, unsigned nvrf)
{
	char *t = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&t, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	for (unsigned v = 0; v < nvrf; v++) {
		fprintf(f, "vrf %u\n", v);
		fib_route_foreach_vrf(r, v, t_route_text, f);
		fib6_route_foreach_vrf(r, v, t_route_text, f);
	}
	fclose(f);
	return t;
}

/* The tables as the changes left them (added to and taken from as they
 * are) are the tables a rebuild makes; the first line that differs is
 * printed. */
static inline void t_check_as_rebuilt(struct router *r, unsigned nvrf)
{
	char *inc = t_fib_text(r, nvrf), *full;

	fib_rebuild(r);
	full = t_fib_text(r, nvrf);
	if (strcmp(inc, full)) {
		size_t k = 0, ln = 0;

		for (; inc[k] && inc[k] == full[k]; k++)
			ln = inc[k] == '\n' ? k + 1 : ln;
		fprintf(stderr, "\nincremental: %.70s\nrebuilt:     %.70s\n", inc + ln, full + ln);
	}
	CU_ASSERT_STRING_EQUAL(inc, full);
	free(inc);
	free(full);
}

#endif
