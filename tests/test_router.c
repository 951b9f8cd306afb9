/*
 * DOC: unit tests of the router's packet path through memory ports
 *
 * ARP, echo replies, forwarding, ICMP errors and every bad-input drop.
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_router_util.h"
#include "acl.h"
#include "clockzone.h"
#include "timerange.h"
#include "log.h"
#include "ipv6.h"
#include "stats.h"
#include "vrf.h"

static struct trt T;
static uint8_t out[2048];

static int setup(void) { return 0; }
static int teardown(void) { return 0; }

static long pop(struct port *p)
{
	return port_mem_pop(p, out, sizeof(out), NULL);
}

static bool ip_cksum_ok(const uint8_t *ip)
{
	return ipv4_cksum(ip, (ip[0] & 0xf) * 4u) == 0;
}

static void test_arp_reply(void)
{
	static const uint8_t zero[6];
	uint8_t f[64];
	struct arp_info ai;
	size_t n;

	trt_setup(&T);
	n = mk_arp(f, MAC_BC, 1, MAC_A, ip4("10.0.1.10"), zero, ip4("10.0.1.1"));
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 42);
	CU_ASSERT_EQUAL(memcmp(out, MAC_A, 6), 0);
	CU_ASSERT_EQUAL(memcmp(out + 6, MAC_R0, 6), 0);
	CU_ASSERT_EQUAL(get16(out + 12), 0x0806);
	CU_ASSERT_EQUAL(get16(out + 20), 2);			/* reply */
	CU_ASSERT_EQUAL(memcmp(out + 22, MAC_R0, 6), 0);	/* sha */
	CU_ASSERT_EQUAL(get_ip(out + 28), ip4("10.0.1.1"));	/* spa */
	CU_ASSERT_EQUAL(memcmp(out + 32, MAC_A, 6), 0);		/* tha */
	CU_ASSERT_EQUAL(get_ip(out + 38), ip4("10.0.1.10"));	/* tpa */
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	/* The requester was learned (RFC 826). */
	CU_ASSERT_TRUE(arp_get(T.r, T.e0, ip4("10.0.1.10"), &ai));
	CU_ASSERT_TRUE(ai.complete);
	CU_ASSERT_EQUAL(memcmp(ai.mac, MAC_A, 6), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_rx_request, 1);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_reply, 1);
	/* The same request on the other interface is for a foreign address. */
	n = mk_arp(f, MAC_BC, 1, MAC_B, ip4("10.0.2.20"), zero, ip4("10.0.1.1"));
	t_in(&T, T.p1, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_FOREIGN), 1);
	trt_teardown(&T);
}

static void test_arp_foreign_and_bad(void)
{
	static const uint8_t zero[6];
	uint8_t f[64];
	size_t n;

	trt_setup(&T);
	/* For another host on the segment. */
	n = mk_arp(f, MAC_BC, 1, MAC_A, ip4("10.0.1.10"), zero, ip4("10.0.1.99"));
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_FOREIGN), 1);
	CU_ASSERT_FALSE(arp_get(T.r, T.e0, ip4("10.0.1.10"), NULL));
	/* From a sender outside the subnet. */
	n = mk_arp(f, MAC_BC, 1, MAC_A, ip4("10.9.9.9"), zero, ip4("10.0.1.1"));
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_SUBNET), 1);
	/* Someone claiming our address. */
	n = mk_arp(f, MAC_BC, 2, MAC_A, ip4("10.0.1.1"), zero, ip4("10.0.1.1"));
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_FOREIGN), 2);
	/* Truncated, wrong hardware length, unknown opcode. */
	n = mk_arp(f, MAC_BC, 1, MAC_A, ip4("10.0.1.10"), zero, ip4("10.0.1.1"));
	t_in(&T, T.p0, f, n - 1);
	f[18] = 8;
	t_in(&T, T.p0, f, n);
	f[18] = 6;
	f[21] = 9;
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_MALFORMED), 3);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	CU_ASSERT_EQUAL(arp_count(T.r), 0);
	trt_teardown(&T);
}

static void test_gratuitous(void)
{
	struct addr a;
	char err[128];

	trt_setup(&T);
	addr_set_v4(&a, ip4("10.0.1.5"));
	CU_ASSERT_EQUAL(iface_set_addr(T.r, T.e0, &a, 24, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(pop(T.p0), 42);
	CU_ASSERT_EQUAL(memcmp(out, MAC_BC, 6), 0);
	CU_ASSERT_EQUAL(get16(out + 20), 1);
	CU_ASSERT_EQUAL(get_ip(out + 28), ip4("10.0.1.5"));
	CU_ASSERT_EQUAL(get_ip(out + 38), ip4("10.0.1.5"));
	/* Shut: silent; no shutdown: announced again. */
	iface_set_shutdown(T.r, T.e0, true);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	iface_set_shutdown(T.r, T.e0, false);
	CU_ASSERT_EQUAL(pop(T.p0), 42);
	CU_ASSERT_EQUAL(get_ip(out + 38), ip4("10.0.1.5"));
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_gratuitous, 2);
	/* Overlapping subnet refused. */
	addr_set_v4(&a, ip4("10.0.1.7"));
	CU_ASSERT_EQUAL(iface_set_addr(T.r, T.e1, &a, 16, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "overlaps with Ethernet0"));
	trt_teardown(&T);
}

/* 'mac-address H.H.H': the router answers to, and sends from, the
 * configured MAC; the port goes promiscuous; the old MAC is another host's. */
static void test_mac_address(void)
{
	static const uint8_t zero[6], vmac[6] = { 0x02, 0x00, 0x5e, 0x00, 0x01, 0x01 },
				      group[6] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	struct iface6_view v;
	uint8_t f[256], ll_before[16];
	char err[128];
	size_t n;

	trt_setup(&T);
	iface6_set_enable(T.r, T.e0, true);
	iface6_view(T.r, T.e0, &v);
	memcpy(ll_before, v.ll.a, 16);
	port_mem_flush(T.p0);
	CU_ASSERT_FALSE(T.p0->promisc);
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, vmac, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(T.p0->promisc);
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), vmac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(iface_bia(T.e0), MAC_R0, 6), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_gratuitous, 1);
	/* The link-local address follows the MAC (EUI-64 of 0200.5e00.0101). */
	iface6_view(T.r, T.e0, &v);
	CU_ASSERT_NOT_EQUAL(memcmp(v.ll.a, ll_before, 16), 0);
	CU_ASSERT_EQUAL(v.ll.a[8], 0x00);	/* 02 with the U/L bit flipped */
	CU_ASSERT_EQUAL(v.ll.a[11], 0xff);
	CU_ASSERT_EQUAL(v.ll.a[15], 0x01);
	/* Announced from the new MAC (the gratuitous ARP among what went). */
	n = 0;
	while (pop(T.p0) > 0)
		if (get16(out + 12) == 0x0806 && get16(out + 20) == 1 &&
		    get_ip(out + 28) == ip4("10.0.1.1") && get_ip(out + 38) == ip4("10.0.1.1")) {
			CU_ASSERT_EQUAL(memcmp(out + 6, vmac, 6), 0);
			CU_ASSERT_EQUAL(memcmp(out + 22, vmac, 6), 0);
			n++;
		}
	CU_ASSERT_EQUAL(n, 1);
	/* ARP is answered with it. */
	n = mk_arp(f, MAC_BC, 1, MAC_A, ip4("10.0.1.10"), zero, ip4("10.0.1.1"));
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 42);
	CU_ASSERT_EQUAL(memcmp(out + 6, vmac, 6), 0);
	CU_ASSERT_EQUAL(memcmp(out + 22, vmac, 6), 0);
	/* An echo to it is answered from it; one to the burnt-in MAC is for
	 * another host now. */
	n = mk_echo(f, vmac, MAC_A, ip4("10.0.1.10"), ip4("10.0.1.1"), 64, 1, 16);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_TRUE(pop(T.p0) > 0);
	CU_ASSERT_EQUAL(memcmp(out, MAC_A, 6), 0);
	CU_ASSERT_EQUAL(memcmp(out + 6, vmac, 6), 0);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.1.1"), 64, 2, 16);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_OTHER_HOST), 1);
	/* Refused: a group MAC, zero, an interface without a port. */
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, group, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "multicast"));
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, zero, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.lo, vmac, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "Loopback0"));
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), vmac, 6), 0);
	/* Setting the same MAC again announces nothing. */
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, vmac, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_gratuitous, 1);
	/* 'no mac-address': the burnt-in MAC again, announced, not promiscuous. */
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, NULL, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(T.p0->promisc);
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), MAC_R0, 6), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_gratuitous, 2);
	iface6_view(T.r, T.e0, &v);
	CU_ASSERT_EQUAL(memcmp(v.ll.a, ll_before, 16), 0);
	/* A configured MAC equal to the burnt-in one needs no promiscuity. */
	CU_ASSERT_EQUAL(iface_set_mac(T.r, T.e0, MAC_R0, err, sizeof(err)), 0);
	CU_ASSERT_FALSE(T.p0->promisc);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_gratuitous, 2);
	trt_teardown(&T);
}

static void test_arp_resolve_queue(void)
{
	static const uint8_t zero[6];
	uint8_t f[256];
	size_t n;
	int i;

	trt_setup(&T);
	arp_set_queue_len(T.r, 3);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	for (i = 0; i < 5; i++) {
		n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, (uint16_t)i, 16);
		t_in(&T, T.p0, f, n);
	}
	/* One request, three packets waiting, two dropped. */
	CU_ASSERT_EQUAL(pop(T.p1), 42);
	CU_ASSERT_EQUAL(memcmp(out, MAC_BC, 6), 0);
	CU_ASSERT_EQUAL(get16(out + 20), 1);
	CU_ASSERT_EQUAL(get_ip(out + 28), ip4("10.0.2.1"));
	CU_ASSERT_EQUAL(get_ip(out + 38), ip4("10.0.2.20"));
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_QUEUE_FULL), 2);
	CU_ASSERT_EQUAL(arp_pending(T.r), 3);
	/* The reply releases the queue in order. */
	n = mk_arp(f, MAC_R1, 2, MAC_B, ip4("10.0.2.20"), MAC_R1, ip4("10.0.2.1"));
	t_in(&T, T.p1, f, n);
	CU_ASSERT_EQUAL(arp_pending(T.r), 0);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 3);
	for (i = 0; i < 3; i++) {
		CU_ASSERT_EQUAL(pop(T.p1), (long)n - 42 + 14 + 20 + 8 + 16);
		CU_ASSERT_EQUAL(memcmp(out, MAC_B, 6), 0);
		CU_ASSERT_EQUAL(memcmp(out + 6, MAC_R1, 6), 0);
		CU_ASSERT_EQUAL(out[14 + 8], 63);
		CU_ASSERT_EQUAL(get16(out + 14 + 20 + 6), i);
	}
	/* Resolved: the next packet goes straight out. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 9, 16);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	(void)zero;
	trt_teardown(&T);
}

/* What the network can grow is bounded: packets waiting for resolution
 * (ARP_PENDING_MAX, all next hops together) and entries (ARP_CACHE_MAX);
 * beyond, packets are dropped and counted, and a request from a neighbour
 * the cache has no room for is still answered. */
static void test_arp_bounds(void)
{
	static const uint8_t zero[6];
	uint8_t f[256];
	uint32_t base = ntohl(ip4("10.2.0.0"));
	unsigned i, waiting = ARP_PENDING_MAX + 10, more = 5;
	uint64_t errs;
	size_t n;

	trt_setup(&T);
	t_addr(T.r, T.e1, "10.2.0.1", 16);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	/* One packet each to hosts nobody answers for. */
	for (i = 0; i < waiting; i++) {
		n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), htonl(base + 0x100 + i), 64, 1, 8);
		t_in(&T, T.p0, f, n);
	}
	CU_ASSERT_EQUAL(arp_count(T.r), waiting + 1);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_QUEUE_FULL), waiting - ARP_PENDING_MAX);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_CACHE_FULL), 0);
	CU_ASSERT_EQUAL(arp_pending(T.r), ARP_PENDING_MAX);
	/* 'clear arp-cache' drops what waits and frees the room. */
	arp_clear(T.r);
	CU_ASSERT_EQUAL(arp_count(T.r), 0);
	CU_ASSERT_EQUAL(arp_pending(T.r), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_UNRESOLVED), ARP_PENDING_MAX);
	port_mem_flush(T.p0);
	port_mem_flush(T.p1);
	router_clear_stats(T.r);

	/* Neighbours asking for the router fill the cache, and no more. */
	for (i = 0; i < ARP_CACHE_MAX + more; i++) {
		n = mk_arp(f, MAC_BC, 1, MAC_B, htonl(base + 0x100 + i), zero, ip4("10.2.0.1"));
		t_in(&T, T.p1, f, n);
		if (i % 1024 == 0)
			port_mem_flush(T.p1);
	}
	CU_ASSERT_EQUAL(arp_count(T.r), ARP_CACHE_MAX);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_reply, ARP_CACHE_MAX + more);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_CACHE_FULL), more);
	CU_ASSERT_TRUE(arp_get(T.r, T.e1, htonl(base + 0x100 + ARP_CACHE_MAX - 1), NULL));
	CU_ASSERT_FALSE(arp_get(T.r, T.e1, htonl(base + 0x100 + ARP_CACHE_MAX), NULL));
	/* A packet to a learned neighbour still goes out; one to a new next
	 * hop is dropped as "ARP cache full", on the output interface's
	 * errors, without a request. */
	port_mem_flush(T.p1);
	errs = iface_counters(T.e1)->out_errors;
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), htonl(base + 0x100), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), htonl(base + 0xff00), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_CACHE_FULL), more + 1);
	CU_ASSERT_EQUAL(iface_counters(T.e1)->out_errors, errs + 1);
	/* Freed room is used again. */
	arp_clear(T.r);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 2);	/* the request */
	CU_ASSERT_EQUAL(arp_count(T.r), 1);
	trt_teardown(&T);
}

struct arp_seen {
	struct iface *ifp[2];
	size_t n, per[2], bad;
	uint32_t last;			/* host order */
	int at;				/* the interface being listed */
};

static int arp_seen_one(const struct arp_info *e, void *arg)
{
	struct arp_seen *c = arg;
	int k = e->ifp == c->ifp[0] ? 0 : e->ifp == c->ifp[1] ? 1 : -1;

	if (k < c->at || (k == c->at && ntohl(e->ip) <= c->last))
		c->bad++;	/* out of order: by interface, then by address */
	if (k >= 0)
		c->per[k]++;
	c->at = k;
	c->last = ntohl(e->ip);
	c->n++;
	return 0;
}

/* 'show arp' lists the cache by interface (name order), then address.
 * Each entry looked its interface's place up by walking the interface
 * list: 16,384 entries on a port named after 10,000 loopbacks ("veth1")
 * were 164 million steps with the router lock held.  Ethernet0's
 * neighbours here have the higher addresses, so an order by address
 * alone fails. */
static void test_arp_listing_order(void)
{
	static const uint8_t zero[6];
	static const uint8_t mac_v[6] = { 0x02, 0, 0, 0, 0x0f, 0x01 };
	uint32_t base = ntohl(ip4("10.2.0.0"));
	unsigned i, nlo = 10000, n1 = ARP_CACHE_MAX - 100;
	struct arp_seen c = { .at = -1 };
	char name[32], err[128];
	struct port *pv;
	struct iface *ev;
	uint8_t f[256];
	size_t n;

	trt_setup(&T);
	for (i = 1; i <= nlo; i++) {
		snprintf(name, sizeof(name), "Loopback%u", i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(iface_get(T.r, name, err, sizeof(err)));
	}
	pv = port_mem_open("veth1", mac_v);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pv);
	ev = iface_attach(T.r, "veth1", pv, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(ev);
	t_addr(T.r, ev, "10.2.0.1", 16);
	iface_set_shutdown(T.r, ev, false);
	t_addr(T.r, T.e0, "10.9.0.1", 16);
	/* Neighbours asking for the router, in no address order. */
	for (i = 0; i < n1; i++) {
		uint32_t host = base + 0x100 + (i * 7919u) % n1;

		n = mk_arp(f, MAC_BC, 1, MAC_B, htonl(host), zero, ip4("10.2.0.1"));
		t_in(&T, pv, f, n);
		if (i % 1024 == 0)
			port_mem_flush(pv);
	}
	for (i = 0; i < 100; i++) {
		uint32_t host = ntohl(ip4("10.9.1.0")) + 99 - i;

		n = mk_arp(f, MAC_BC, 1, MAC_A, htonl(host), zero, ip4("10.9.0.1"));
		t_in(&T, T.p0, f, n);
	}
	CU_ASSERT_EQUAL_FATAL(arp_count(T.r), ARP_CACHE_MAX);
	c.ifp[0] = T.e0;
	c.ifp[1] = ev;
	CU_ASSERT_EQUAL(arp_foreach(T.r, arp_seen_one, &c), 0);
	CU_ASSERT_EQUAL(c.n, ARP_CACHE_MAX);
	CU_ASSERT_EQUAL(c.per[0], 100);
	CU_ASSERT_EQUAL(c.per[1], n1);
	CU_ASSERT_EQUAL(c.bad, 0);
	trt_teardown(&T);
}

static void test_arp_retry_giveup(void)
{
	uint8_t f[256];
	size_t n;

	trt_setup(&T);
	arp_set_retries(T.r, 2, 1000);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.30"), 64, 1, 8);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_in(&T, T.p0, f, n);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	t_advance(&T, T_SEC / 2);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	t_advance(&T, T_SEC / 2);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 2);
	t_advance(&T, T_SEC);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 3);
	CU_ASSERT_EQUAL(router_stats(T.r)->arp_tx_request, 3);
	CU_ASSERT_TRUE(arp_get(T.r, T.e1, ip4("10.0.2.30"), NULL));
	t_advance(&T, T_SEC);
	CU_ASSERT_FALSE(arp_get(T.r, T.e1, ip4("10.0.2.30"), NULL));
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ARP_UNRESOLVED), 2);
	CU_ASSERT_EQUAL(arp_pending(T.r), 0);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 3);
	trt_teardown(&T);
}

static void test_arp_aging(void)
{
	struct arp_info ai;
	uint8_t f[256];
	size_t n;

	trt_setup(&T);
	CU_ASSERT_EQUAL(arp_timeout(T.r), 14400);
	CU_ASSERT_EQUAL(arp_queue_len(T.r), ARP_QUEUE_DEFAULT);
	CU_ASSERT_EQUAL(arp_retries(T.r, NULL), ARP_RETRIES_DEFAULT);
	arp_set_timeout(T.r, 60);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	CU_ASSERT_TRUE(arp_get(T.r, T.e1, ip4("10.0.2.20"), &ai));
	CU_ASSERT_EQUAL(ai.expires - ai.updated, 60 * T_SEC);
	t_advance(&T, 59 * T_SEC);
	CU_ASSERT_TRUE(arp_get(T.r, T.e1, ip4("10.0.2.20"), NULL));
	/* Traffic does not refresh an entry; only ARP does. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p1), (long)n);
	CU_ASSERT_EQUAL(memcmp(out, MAC_B, 6), 0);
	t_advance(&T, 16 * T_SEC);
	CU_ASSERT_FALSE(arp_get(T.r, T.e1, ip4("10.0.2.20"), NULL));
	CU_ASSERT_TRUE(arp_get(T.r, T.e0, ip4("10.0.1.10"), NULL));
	/* Expired: the next packet asks again. */
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p1), 42);
	CU_ASSERT_EQUAL(get16(out + 20), 1);
	arp_clear(T.r);
	CU_ASSERT_EQUAL(arp_count(T.r), 0);
	/* An interface's own timeout wins over the router's. */
	iface_set_arp_timeout(T.r, T.e1, 5);
	CU_ASSERT_EQUAL(iface_arp_timeout(T.e1), 5);
	CU_ASSERT_EQUAL(iface_arp_timeout(T.e0), 0);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_advance(&T, 5 * T_SEC);
	t_advance(&T, 1 * T_SEC);
	CU_ASSERT_FALSE(arp_get(T.r, T.e1, ip4("10.0.2.20"), NULL));
	CU_ASSERT_TRUE(arp_get(T.r, T.e0, ip4("10.0.1.10"), NULL));
	trt_teardown(&T);
}

static void check_echo_reply(const char *from, long len)
{
	const uint8_t *ip = out + 14, *icmp = ip + 20;

	CU_ASSERT_EQUAL(len, 14 + 20 + 8 + 32);
	CU_ASSERT_EQUAL(memcmp(out, MAC_A, 6), 0);
	CU_ASSERT_EQUAL(memcmp(out + 6, MAC_R0, 6), 0);
	CU_ASSERT_TRUE(ip_cksum_ok(ip));
	CU_ASSERT_EQUAL(get_ip(ip + 12), ip4(from));
	CU_ASSERT_EQUAL(get_ip(ip + 16), ip4("10.0.1.10"));
	CU_ASSERT_EQUAL(ip[9], 1);
	CU_ASSERT_EQUAL(icmp[0], 0);
	CU_ASSERT_EQUAL(ipv4_cksum(icmp, 8 + 32), 0);
	CU_ASSERT_EQUAL(get16(icmp + 4), 0x7701);
	CU_ASSERT_EQUAL(icmp[8 + 31], 31);
}

static void test_echo_own_addresses(void)
{
	static const char *const targets[] = { "10.0.1.1", "10.0.2.1", "2.2.2.2" };
	uint8_t f[256];
	size_t n;
	unsigned i;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	for (i = 0; i < 3; i++) {
		n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4(targets[i]), 1, 7, 32);
		t_in(&T, T.p0, f, n);
		check_echo_reply(targets[i], pop(T.p0));
	}
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_rx_echo, 3);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_tx_echo_reply, 3);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	/* A shut loopback's address is no longer ours. */
	iface_set_shutdown(T.r, T.lo, true);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("2.2.2.2"), 64, 8, 32);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_NO_ROUTE), 1);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 20 + 8 + 32);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	CU_ASSERT_EQUAL(t_all_drops(&T), 1);
	trt_teardown(&T);
}

static void test_forward(void)
{
	uint8_t f[256], orig[256];
	const uint8_t *ip = out + 14;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	iface_clear_counters(T.e1);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 40);
	memcpy(orig, f, n);
	/* Ethernet padding after the IP packet is not forwarded. */
	memset(f + n, 0xee, 10);
	t_in(&T, T.p0, f, n + 10);
	CU_ASSERT_EQUAL(pop(T.p1), (long)n);
	CU_ASSERT_EQUAL(memcmp(out, MAC_B, 6), 0);
	CU_ASSERT_EQUAL(memcmp(out + 6, MAC_R1, 6), 0);
	CU_ASSERT_EQUAL(ip[8], 63);
	CU_ASSERT_TRUE(ip_cksum_ok(ip));
	CU_ASSERT_EQUAL(memcmp(ip + 12, orig + 14 + 12, 8), 0);
	CU_ASSERT_EQUAL(memcmp(ip + 20, orig + 14 + 20, n - 34), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->ip_forwarded, 1);
	CU_ASSERT_EQUAL(iface_counters(T.e1)->out_pkts, 1);
	CU_ASSERT_EQUAL(iface_counters(T.e0)->in_pkts, 1);
	CU_ASSERT_EQUAL(t_all_drops(&T), 0);
	trt_teardown(&T);
}

/* Every TTL and checksum value: the incremental update must equal a full
 * recomputation, including the 0xffff/0x0000 corner cases. */
static void test_ttl_checksum_exhaustive(void)
{
	uint8_t f[256];
	const uint8_t *ip = out + 14;
	unsigned ttl, id, bad = 0;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	for (ttl = 2; ttl < 256; ttl += 3)
		for (id = 0; id < 65536; id += 257) {
			uint8_t *fip = f + 14;
			uint16_t sum, want;

			n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"),
				    (uint8_t)ttl, 1, 0);
			fip[4] = (uint8_t)(id >> 8);
			fip[5] = (uint8_t)id;
			fip[10] = fip[11] = 0;
			sum = ipv4_cksum(fip, 20);
			memcpy(fip + 10, &sum, 2);
			t_in(&T, T.p0, f, n);
			if (pop(T.p1) != (long)n) {
				bad++;
				continue;
			}
			memcpy(fip, ip, 20);
			fip[10] = fip[11] = 0;
			want = ipv4_cksum(fip, 20);
			if (memcmp(&want, ip + 10, 2) != 0 || ip[8] != ttl - 1)
				bad++;
		}
	CU_ASSERT_EQUAL(bad, 0);
	trt_teardown(&T);
}

static void test_ttl_expired(void)
{
	uint8_t f[256];
	const uint8_t *ip = out + 14, *icmp = ip + 20;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 1, 3, 20);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + (long)n - 14);
	CU_ASSERT_EQUAL(memcmp(out, MAC_A, 6), 0);
	CU_ASSERT_TRUE(ip_cksum_ok(ip));
	CU_ASSERT_EQUAL(get_ip(ip + 12), ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(get_ip(ip + 16), ip4("10.0.1.10"));
	CU_ASSERT_EQUAL(icmp[0], 11);
	CU_ASSERT_EQUAL(icmp[1], 0);
	CU_ASSERT_EQUAL(ipv4_cksum(icmp, (size_t)(n - 14) + 8), 0);
	CU_ASSERT_EQUAL(memcmp(icmp + 8, f + 14, n - 14), 0);	/* quoted */
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_TTL_EXPIRED), 1);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_tx_time_exceeded, 1);
	/* TTL 0 as well; TTL 1 to the router itself is fine. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 0, 3, 20);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_TTL_EXPIRED), 2);
	port_mem_flush(T.p0);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.1"), 1, 3, 20);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), (long)n);
	CU_ASSERT_EQUAL(out[14 + 20], 0);
	trt_teardown(&T);
}

static void test_no_route(void)
{
	uint8_t f[256];
	const uint8_t *ip = out + 14, *icmp = ip + 20;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("8.8.8.8"), 64, 3, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 28);
	CU_ASSERT_EQUAL(icmp[0], 3);
	CU_ASSERT_EQUAL(icmp[1], 0);
	CU_ASSERT_EQUAL(get_ip(ip + 12), ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_NO_ROUTE), 1);
	/* Rate limit (IOS default 500 ms): the second one is held back. */
	router_set_icmp_ratelimit(T.r, 500);
	t_advance(&T, T_SEC);
	t_in(&T, T.p0, f, n);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 1);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_ratelimited, 1);
	t_advance(&T, T_SEC / 2);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 2);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_NO_ROUTE), 4);
	/* 'no ip unreachables' on e0: none about what came in on it, counted
	 * as suppressed (not rate-limited); 'fragmentation needed' still goes
	 * (path MTU discovery). */
	port_mem_flush(T.p0);
	router_set_icmp_ratelimit(T.r, 0);
	iface_set_unreachables(T.e0, false, false);
	CU_ASSERT_FALSE(iface_unreachables(T.e0, false));
	CU_ASSERT_TRUE(iface_unreachables(T.e0, true));
	{
		uint64_t sup = router_stats(T.r)->icmp_suppressed;

		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		CU_ASSERT_EQUAL(router_stats(T.r)->icmp_suppressed, sup + 1);
	}
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	iface_set_mtu(T.r, T.e1, 68, NULL, 0);
	{
		uint8_t g[256], *gip = g + 14;

		mk_eth(g, MAC_R0, MAC_A, 0x0800);
		n = 14 + mk_ip(gip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 0, 60, 0x4000);
		t_in(&T, T.p0, g, n);
		CU_ASSERT_EQUAL_FATAL(pop(T.p0) > 0, true);
		CU_ASSERT_EQUAL(icmp[0], 3);
		CU_ASSERT_EQUAL(icmp[1], 4);
	}
	iface_set_unreachables(T.e0, false, true);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("8.8.8.8"), 64, 3, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 28);
	/* Routed to Null0: host unreachable, unless Null0 has 'no ip
	 * unreachables' (IOS's way to drop a black-holed prefix quietly). */
	{
		struct prefix p;
		char err[128];
		struct iface *null0;
		uint64_t sup;

		CU_ASSERT_EQUAL(prefix_parse("192.0.2.0/24", &p, NULL, 0), 0);
		CU_ASSERT_EQUAL(fib_static_add(T.r, &p, NULL, "Null0", 1, err, sizeof(err)), 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(null0 = iface_find(T.r, "Null0"));
		n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("192.0.2.1"), 64, 4, 0);
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL_FATAL(pop(T.p0), 14 + 20 + 8 + 28);
		CU_ASSERT_EQUAL(icmp[1], 1);
		iface_set_unreachables(null0, false, false);
		sup = router_stats(T.r)->icmp_suppressed;
		t_in(&T, T.p0, f, n);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
		CU_ASSERT_EQUAL(router_stats(T.r)->icmp_suppressed, sup + 1);
	}
	trt_teardown(&T);
}

/* 'ip access-group': the in list on e0 filters by source before routing
 * (the router's own addresses too), the out list on e1 what is forwarded
 * out of it; a denied packet is dropped, counted, and answered with an
 * unreachable, administratively prohibited; the matching rule counts; a
 * list replaced keeps the counts of the rules that stay; a list that does
 * not exist, or has no rule, permits. */
static struct acl_rule std_rule(unsigned seq, uint32_t addr, uint32_t wild, bool permit)
{
	struct acl_rule r;

	acl_rule_any(&r);
	r.seq = seq;
	r.addr = addr;
	r.wild = wild;
	r.permit = permit;
	return r;
}

static void test_access_groups(void)
{
	const struct acl_rule inr[] = {
		std_rule(10, 0x0a00010b, 0, false),		/* 10.0.1.11 */
		std_rule(20, 0x0a000100, 0xff, true),		/* 10.0.1.0/24 */
	};
	const struct acl_rule outr[] = {
		std_rule(10, 0x0a00010c, 0, false),		/* 10.0.1.12 */
		std_rule(20, 0, 0xffffffff, true),		/* any */
	};
	const uint8_t *ip = out + 14, *icmp = ip + 20;
	uint8_t f[256];
	size_t n;

	trt_setup(&T);
	router_set_icmp_ratelimit(T.r, 0);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p0, MAC_A, "10.0.1.11", "10.0.1.1");
	t_learn(&T, T.p0, MAC_A, "10.0.1.12", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	port_mem_flush(T.p0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, false, false, "IN"), 0);
	/* Not defined yet: nothing filtered. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.11"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "IN", inr, 2), 0);
	/* 10.0.1.11: denied by rule 10, an unreachable code 13 back to it. */
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 1);
	CU_ASSERT_EQUAL_FATAL(pop(T.p0), 14 + 20 + 8 + 20 + 8 + 8);
	CU_ASSERT_EQUAL(icmp[0], 3);
	CU_ASSERT_EQUAL(icmp[1], 13);
	CU_ASSERT_EQUAL(get_ip(ip + 16), ip4("10.0.1.11"));
	/* To the router itself too. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.11"), ip4("10.0.1.1"), 64, 2, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 2);
	port_mem_flush(T.p0);
	/* 10.0.1.10: permitted by rule 20, forwarded. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 3, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 10), 2);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 20), 1);
	/* Decapsulated by the ETR (entering in a VRF, the default one): e0's
	 * in list does not apply, as IOS's LISP0 interface. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.11"), ip4("10.0.2.20"), 64, 9, 8);
	ipv4_input_vrf(T.r, T.e0, VRF_DEFAULT, f + 14, n - 14);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 2);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 2);
	port_mem_flush(T.p1);
	/* 10.0.2.20 is not in it: the implicit deny (no rule counts). */
	port_mem_flush(T.p1);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.3.3"), ip4("10.0.2.20"), 64, 4, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 3);
	/* Replaced with rule 20 alike and rule 10 changed: 20 keeps its count. */
	{
		struct acl_rule v[2] = { inr[0], inr[1] };

		v[0].addr = 0x0a000163;
		CU_ASSERT_EQUAL(router_acl_set(T.r, false, "IN", v, 2), 0);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 10), 0);
		CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 20), 1);
	}
	/* The out list on e1: 10.0.1.12 goes no further than the router. */
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "IN", NULL, 0), 0);	/* no rule: permits */
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "OUT", outr, 2), 0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e1, false, true, "OUT"), 0);
	port_mem_flush(T.p0);
	port_mem_flush(T.p1);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.12"), ip4("10.0.2.20"), 64, 5, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 4);
	CU_ASSERT_EQUAL_FATAL(pop(T.p0), 14 + 20 + 8 + 20 + 8 + 8);
	CU_ASSERT_EQUAL(icmp[1], 13);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 6, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "OUT", 10), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "OUT", 20), 1);
	/* Deleted: nothing filtered any more; the interface keeps the name. */
	router_acl_del(T.r, false, "OUT");
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.12"), ip4("10.0.2.20"), 64, 7, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 2);
	CU_ASSERT_STRING_EQUAL(iface_access_group(T.e1, false, true), "OUT");
	router_acl_clear(T.r, false, NULL);
	trt_teardown(&T);
}

/* A TCP (or UDP) frame from A's side: ports, TCP flags; frag the IP
 * fragment field. */
static size_t mk_l4(uint8_t *f, uint8_t proto, uint32_t src, uint32_t dst, uint16_t sport, uint16_t dport,
		    uint8_t flags, uint16_t frag)
{
	uint8_t *ip = f + 14, *l4 = ip + 20;

	mk_eth(f, MAC_R0, MAC_A, 0x0800);
	memset(l4, 0, 20);
	l4[0] = (uint8_t)(sport >> 8), l4[1] = (uint8_t)sport;
	l4[2] = (uint8_t)(dport >> 8), l4[3] = (uint8_t)dport;
	if (proto == 6)
		l4[12] = 0x50, l4[13] = flags;
	return 14 + mk_ip(ip, src, dst, proto, 64, 0, 20, frag);
}

/* An extended list on e0, in: protocol, destination and ports, TCP's
 * established, ICMP's type; a non-initial fragment meets only the rules
 * without layer-4 conditions, and 'fragments' rules meet only those. */
static void test_access_group_extended(void)
{
	struct acl_rule v[5];
	uint8_t f[256];
	size_t n;

	for (int i = 0; i < 5; i++) {
		acl_rule_any(&v[i]);
		v[i].seq = 10 * (i + 1);
		v[i].permit = true;
	}
	v[0].proto = 6, v[0].dst = 0x0a000214, v[0].dwild = 0;	/* tcp any host 10.0.2.20 eq 23 */
	v[0].dport_lo = v[0].dport_hi = 23, v[0].l4 = true;
	v[1].proto = 6, v[1].established = true, v[1].l4 = true;	/* tcp any any established */
	v[2].proto = 1, v[2].icmp_type = 8, v[2].l4 = true;		/* icmp any any echo */
	v[3].proto = 17, v[3].dport_lo = 53, v[3].dport_hi = 53;	/* udp any any eq 53 */
	v[3].l4 = true;
	v[4].permit = false;						/* deny ip any any */
	trt_setup(&T);
	router_set_icmp_ratelimit(T.r, 0);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	port_mem_flush(T.p0);
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "101", v, 5), 0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, false, false, "101"), 0);
	/* telnet to B: rule 10; to port 80: rule 50 denies. */
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 23, 0x02, 0);
	t_in(&T, T.p0, f, n);
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 80, 0x02, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	/* port 80 with ACK: established (rule 20). */
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 80, 0x10, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 2);
	/* echo (rule 30); UDP 53 (rule 40), UDP 54 denied. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	n = mk_l4(f, 17, ip4("10.0.1.10"), ip4("10.0.2.20"), 5000, 53, 0, 0);
	t_in(&T, T.p0, f, n);
	n = mk_l4(f, 17, ip4("10.0.1.10"), ip4("10.0.2.20"), 5000, 54, 0, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 4);
	/* A non-initial fragment of a telnet packet: no ports, so only
	 * rule 50 (no layer-4 condition) meets it. */
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 23, 0x02, 0x0010);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 4);
	/* Malformed: a telnet SYN whose TCP header is cut at 8 bytes (the
	 * flags are not there) meets no TCP rule either. */
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 23, 0x02, 0);
	n = 14 + mk_ip(f + 14, ip4("10.0.1.10"), ip4("10.0.2.20"), 6, 64, 0, 8, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 4);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 10), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 20), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 30), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 40), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 50), 4);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 4);
	/* 'permit tcp any any fragments' at 45: the non-initial fragment
	 * passes; the initial one (ports there) and a whole packet to port
	 * 80 do not meet it. */
	{
		struct acl_rule w[6] = { v[0], v[1], v[2], v[3], v[4], v[4] };

		acl_rule_any(&w[4]);
		w[4].seq = 45, w[4].proto = 6, w[4].fragments = w[4].permit = true;
		CU_ASSERT_EQUAL(router_acl_set(T.r, false, "101", w, 6), 0);
	}
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 23, 0x02, 0x0010);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 5);
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 80, 0x02, 0x2000);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 5);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 45), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 50), 5);
	/* 'ip access-list resequence 101 1 1': the counts go with the rules. */
	router_acl_resequence(T.r, false, "101", (const unsigned[]){ 10, 20, 30, 40, 45, 50 },
			      (const unsigned[]){ 1, 2, 3, 4, 5, 6 }, 6);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 6), 5);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 5), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "101", 50), 0);
	trt_teardown(&T);
}

/* An IPv4 frame's TOS byte set (its checksum made again). */
static void set_tos(uint8_t *f, uint8_t tos)
{
	uint8_t *ip = f + 14;
	uint16_t sum;

	ip[1] = tos;
	ip[10] = ip[11] = 0;
	sum = ipv4_cksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
}

/* 'time-range' on a rule: skipped while its range is out of effect or
 * does not exist, so the packet goes on to the next rule (and is not
 * counted by this one); a range defined, changed or removed reaches the
 * rules at once, and a rule keeps its range when others come and go. */
static void test_access_list_time_range(void)
{
	struct clock_zone utc0 = { .set = true, .name = "UTC" }, none = { 0 };
	struct tm mon9 = { .tm_year = 126, .tm_mon = 11, .tm_mday = 7, .tm_hour = 9 };	/* a Monday */
	struct tm sat9 = { .tm_year = 126, .tm_mon = 11, .tm_mday = 12, .tm_hour = 9 };
	time_t mon = timegm(&mon9), sat = timegm(&sat9);
	struct time_range work = { 0 }, never = { .has_end = true };
	struct acl_rule v[2] = { std_rule(10, 0x0a00010b, 0, false), std_rule(20, 0, 0xffffffff, true) };
	struct acl_pkt p = { .src = 0x0a00010b, .dst = 0x0a000214, .proto = 1, .l4 = true, .icmp_type = 8 };
	uint8_t f[256];
	size_t n;

	clock_zone_set(&utc0);
	work.p[work.np++] = (struct tr_periodic){ .days = TR_WEEKDAYS, .end_day = -1, .start = 480, .end = 1080 };
	never.end = tr_minutes(2000, 1, 1, 0, 0);
	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.11", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	port_mem_flush(T.p0);
	snprintf(v[0].trange, sizeof(v[0].trange), "WORK");
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "IN", v, 2), 0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, false, false, "IN"), 0);
	/* No range WORK: rule 10 is not in effect. */
	CU_ASSERT_EQUAL(router_time_range_state(T.r, "WORK"), -1);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.11"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 10), 0);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 20), 1);
	/* Weekdays 8:00 to 18:00: in effect on Monday at 9:00, the packet
	 * denied; not on Saturday. */
	CU_ASSERT_EQUAL(router_time_range_set(T.r, "NEVER", &never), 0);
	CU_ASSERT_EQUAL(router_time_range_set(T.r, "WORK", &work), 0);
	router_time_ranges_eval(T.r, mon);
	CU_ASSERT_EQUAL(router_time_range_state(T.r, "WORK"), 1);
	CU_ASSERT_EQUAL(router_time_range_state(T.r, "NEVER"), 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 1);
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 10), 1);
	/* 'debug ip packet IN' reads the list the same way. */
	router_set_debug_filter(T.r, false, "IN", false);
	CU_ASSERT_FALSE(acl_debug_shows(T.r, false, f + 14, n - 14));
	router_time_ranges_eval(T.r, sat);
	CU_ASSERT_TRUE(acl_debug_shows(T.r, false, f + 14, n - 14));
	router_set_debug_filter(T.r, false, NULL, false);
	CU_ASSERT_EQUAL(router_time_range_state(T.r, "WORK"), 0);
	CU_ASSERT_TRUE(router_acl_permits(T.r, "IN", &p));
	CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "IN", 20), 2);
	/* NEVER goes (WORK takes its place in the router's table): the rule
	 * still follows WORK. */
	CU_ASSERT_EQUAL(router_time_range_set(T.r, "NEVER", NULL), 0);
	router_time_ranges_eval(T.r, mon);
	CU_ASSERT_FALSE(router_acl_permits(T.r, "IN", &p));
	/* The range changed to the week's end: out of effect on Monday. */
	work.p[0] = (struct tr_periodic){ .days = TR_WEEKEND, .end_day = -1, .start = 0, .end = 1440 };
	CU_ASSERT_EQUAL(router_time_range_set(T.r, "WORK", &work), 0);
	router_time_ranges_eval(T.r, mon);
	CU_ASSERT_TRUE(router_acl_permits(T.r, "IN", &p));
	router_time_ranges_eval(T.r, sat);
	CU_ASSERT_FALSE(router_acl_permits(T.r, "IN", &p));
	/* Removed: out of effect for good. */
	CU_ASSERT_EQUAL(router_time_range_set(T.r, "WORK", NULL), 0);
	CU_ASSERT_EQUAL(router_time_range_state(T.r, "WORK"), -1);
	CU_ASSERT_TRUE(router_acl_permits(T.r, "IN", &p));
	trt_teardown(&T);
	clock_zone_set(&none);
}

/* TCP flags ('syn' alone, 'match-all +syn -ack', 'match-any +rst +fin')
 * and 'ttl' (eq, neq, lt, gt, range; read from the header) on extended
 * entries; a flag rule is a layer-4 one (never a later fragment). */
static void test_access_list_tcp_flags_ttl(void)
{
	struct acl_rule v[4];
	uint8_t f[256];
	size_t n;
	struct acl_pkt p;

	for (int i = 0; i < 4; i++) {
		acl_rule_any(&v[i]);
		v[i].seq = 10 * (i + 1);
		v[i].proto = 6;
		v[i].l4 = true;
	}
	v[0].tcp_on = 0x02, v[0].tcp_off = 0x10;		/* match-all +syn -ack: permit */
	v[0].permit = true;
	v[1].tcp_on = 0x04 | 0x01, v[1].tcp_any = true;	/* match-any +rst +fin: deny */
	v[2].tcp_on = 0x12, v[2].tcp_words = true;		/* syn ack: permit */
	v[2].permit = true;
	v[3].proto = -1, v[3].l4 = false;			/* ip any any ttl range 1 64: permit */
	v[3].ttl = true, v[3].ttl_lo = 1, v[3].ttl_hi = 64, v[3].permit = true;
	trt_setup(&T);
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "F", v, 4), 0);
	{
		static const struct {
			uint8_t flags;
			bool permit;
			unsigned seq;
		} c[] = {
			{ 0x02, true, 10 },	/* SYN */
			{ 0x12, true, 30 },	/* SYN ACK: not 10 (ACK set), 30 */
			{ 0x14, false, 20 },	/* RST ACK */
			{ 0x11, false, 20 },	/* FIN ACK */
			{ 0x10, false, 0 },	/* ACK: nothing (TTL 0 is outside 1-64) */
		};

		for (size_t k = 0; k < sizeof(c) / sizeof(c[0]); k++) {
			uint64_t before = c[k].seq ? router_acl_matches(T.r, false, "F", c[k].seq) : 0;

			p = (struct acl_pkt){ .proto = 6, .l4 = true, .tcp_flags = c[k].flags, .sport = 1, .dport = 2 };
			CU_ASSERT_EQUAL(router_acl_permits(T.r, "F", &p), c[k].permit);
			if (c[k].seq)
				CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "F", c[k].seq), before + 1);
		}
	}
	/* TTL from the header: 64 in, 65 out; UDP (no flags to meet) by 40. */
	n = mk_l4(f, 17, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 53, 0, 0);
	f[14 + 8] = 64;
	acl_pkt_of(f + 14, n - 14, &p);
	CU_ASSERT_EQUAL(p.ttl, 64);
	CU_ASSERT_TRUE(router_acl_permits(T.r, "F", &p));
	f[14 + 8] = 65;
	acl_pkt_of(f + 14, n - 14, &p);
	CU_ASSERT_FALSE(router_acl_permits(T.r, "F", &p));
	/* A later fragment of a SYN: flag rules never meet it. */
	p = (struct acl_pkt){ .proto = 6, .frag = true, .ttl = 200 };
	CU_ASSERT_FALSE(router_acl_permits(T.r, "F", &p));
	trt_teardown(&T);
}

/* 'dscp', 'precedence', 'tos' on extended entries: the TOS byte's fields
 * (EF 0xb8 is precedence 5 too: the first entry that matches decides). */
static void test_access_group_tos(void)
{
	struct acl_rule v[4];
	uint8_t f[256];
	size_t n;

	for (int i = 0; i < 4; i++) {
		acl_rule_any(&v[i]);
		v[i].seq = 10 * (i + 1);
		v[i].permit = true;
	}
	v[0].proto = 17, v[0].dscp = 46;		/* permit udp any any dscp ef */
	v[1].prec = 5, v[1].permit = false;		/* deny ip any any precedence critical */
	v[2].tos = 8;					/* permit ip any any tos min-delay */
	v[3].permit = false;				/* deny ip any any */
	trt_setup(&T);
	router_set_icmp_ratelimit(T.r, 0);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "QOS", v, 4), 0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, false, false, "QOS"), 0);
	static const uint8_t tos[] = { 0xb8, 0xa0, 0x10, 0x00 };
	for (unsigned i = 0; i < 4; i++) {
		n = mk_l4(f, 17, ip4("10.0.1.10"), ip4("10.0.2.20"), 5000, 5004, 0, 0);
		set_tos(f, tos[i]);
		t_in(&T, T.p0, f, n);
	}
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 2);	/* EF and min-delay */
	for (unsigned s = 10; s <= 40; s += 10)
		CU_ASSERT_EQUAL(router_acl_matches(T.r, false, "QOS", s), 1);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ACL), 2);
	trt_teardown(&T);
}

/* The log lines the ACL test saw (a sink: the log lock held, no logging). */
static char acl_lines[8][200];
static unsigned acl_nlines;

static void acl_sink(void *arg, int level, const char *line)
{
	const char *m = strstr(line, "%SEC-6-");

	(void)arg;
	(void)level;
	if (m && acl_nlines < 8)
		snprintf(acl_lines[acl_nlines++], sizeof(acl_lines[0]), "%s", m);
}

/*
 * 'log' as IOS: a flow's first packet at once, in the words of its
 * protocol (IPACCESSLOGP with ports, IPACCESSLOGDP with the ICMP type
 * and code, IPACCESSLOGS for a standard list: the source only); the
 * packets after it in one line when its 5 minutes are up; a flow that
 * had none since then ends, and its next packet is a first one again.
 * More flows than ACL_LOG_FLOWS are logged on their own and counted.
 */
static void test_access_list_log(void)
{
	struct acl_rule v[3];
	uint8_t f[256];
	size_t n;
	int sink;

	for (int i = 0; i < 3; i++) {
		acl_rule_any(&v[i]);
		v[i].seq = 10 * (i + 1);
		v[i].permit = true;
	}
	v[0].proto = 6, v[0].dport_lo = v[0].dport_hi = 23, v[0].l4 = true;	/* deny tcp any any eq 23 log */
	v[0].permit = false, v[0].log = true;
	v[1].proto = 1, v[1].log = true;					/* permit icmp any any log */
	log_init(64, false);
	acl_nlines = 0;
	sink = log_sink_add(acl_sink, NULL);
	CU_ASSERT_FATAL(sink >= 0);
	trt_setup(&T);
	router_set_icmp_ratelimit(T.r, 0);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "101", v, 3), 0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, false, false, "101"), 0);
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 23, 0x02, 0);
	for (int i = 0; i < 3; i++)
		t_in(&T, T.p0, f, n);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 2);
	CU_ASSERT_STRING_EQUAL(acl_lines[0],
			       "%SEC-6-IPACCESSLOGP: list 101 denied tcp 10.0.1.10(40000) -> 10.0.2.20(23), 1 packet");
	CU_ASSERT_STRING_EQUAL(acl_lines[1],
			       "%SEC-6-IPACCESSLOGDP: list 101 permitted icmp 10.0.1.10 -> 10.0.2.20 (8/0), 1 packet");
	/* 5 minutes on: the two telnet packets after the first, in one line. */
	t_advance(&T, 290 * T_SEC);
	CU_ASSERT_EQUAL(acl_nlines, 2);
	t_advance(&T, 20 * T_SEC);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 3);
	CU_ASSERT_STRING_EQUAL(acl_lines[2],
			       "%SEC-6-IPACCESSLOGP: list 101 denied tcp 10.0.1.10(40000) -> 10.0.2.20(23), 2 packets");
	/* 5 more quiet minutes end both flows: the next packet is a first. */
	t_advance(&T, 310 * T_SEC);
	CU_ASSERT_EQUAL(acl_nlines, 3);
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 23, 0x02, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(acl_lines[3], "(23), 1 packet"));
	/* A standard list: the source only. */
	{
		struct acl_rule s;
		struct acl_pkt p = { .src = ntohl(ip4("10.0.1.99")), .dst = ntohl(ip4("10.0.2.20")), .proto = 6, .sport = 5,
				     .dport = 23, .l4 = true };

		acl_rule_any(&s);
		s.seq = 10, s.std = true, s.log = true;
		CU_ASSERT_EQUAL(router_acl_set(T.r, false, "VTY", &s, 1), 0);
		CU_ASSERT_FALSE(router_acl_permits(T.r, "VTY", &p));
		p.sport = 6;	/* another connection from the same host: the same flow */
		CU_ASSERT_FALSE(router_acl_permits(T.r, "VTY", &p));
		CU_ASSERT_EQUAL_FATAL(acl_nlines, 5);
		CU_ASSERT_STRING_EQUAL(acl_lines[4], "%SEC-6-IPACCESSLOGS: list VTY denied 10.0.1.99 1 packet");
	}
	/* ACL_LOG_FLOWS flows followed (less the two there), then one on its
	 * own, counted. */
	CU_ASSERT_EQUAL(router_acl_log_overflow(T.r), 0);
	for (unsigned i = 0; i < ACL_LOG_FLOWS - 1; i++) {
		n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), (uint16_t)(1000 + i), 23, 0x02, 0);
		t_in(&T, T.p0, f, n);
	}
	CU_ASSERT_EQUAL(router_acl_log_overflow(T.r), 1);
	/* 'debug ip packet detail' on headers cut short (each in a buffer of
	 * its exact length, for ASan): only what is there is read. */
	{
		static const struct {
			uint8_t proto;
			size_t l4len;
			const char *want;
		} cut[] = {
			{ 6, 14, "    TCP src=40000, dst=23" }, { 6, 20, "    TCP src=40000, dst=23, seq=0, ack=0, win=0 SYN" },
			{ 6, 8, "    proto 6" },	/* no flags: no layer 4, as for matching */ { 1, 1, "    proto 1" }, { 1, 2, "    ICMP type=8, code=0" },
			{ 17, 3, "    proto 17" },
		};
		char x[160];

		router_set_debug_filter(T.r, false, NULL, true);
		for (size_t k = 0; k < sizeof(cut) / sizeof(cut[0]); k++) {
			uint8_t *ip = malloc(20 + cut[k].l4len), *l4 = ip + 20;

			CU_ASSERT_PTR_NOT_NULL_FATAL(ip);
			mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), cut[k].proto, 64, 0, cut[k].l4len, 0);
			memset(l4, 0, cut[k].l4len);
			if (cut[k].proto == 1)
				l4[0] = 8;
			else if (cut[k].l4len >= 4)
				l4[0] = 0x9c, l4[1] = 0x40, l4[3] = 23;
			if (cut[k].l4len >= 14)
				l4[13] = 0x02;
			acl_debug_detail(T.r, false, ip, 20 + cut[k].l4len, x, sizeof(x));
			CU_ASSERT_STRING_EQUAL(x, cut[k].want);
			free(ip);
		}
		router_set_debug_filter(T.r, false, NULL, false);
		acl_debug_detail(T.r, false, (const uint8_t *)"", 0, x, sizeof(x));	/* no detail asked: nothing read */
		CU_ASSERT_STRING_EQUAL(x, "");
	}
	log_sink_del(sink);
	log_shutdown();
	trt_teardown(&T);
}

/* 'log-input': the line says the interface the packet came in on and its
 * Ethernet source, after the source address, for an 'in' list and for an
 * 'out' one (the input interface, not the list's); a packet LISP
 * decapsulated came in on LISP0 and has no Ethernet source; the same
 * addresses from another neighbour are another flow. */
static void test_access_list_log_input(void)
{
	static const uint8_t MAC_C[6] = { 0x02, 0xcc, 0x00, 0x00, 0x00, 0x0c };
	struct acl_rule v[2];
	uint8_t f[256];
	size_t n;
	int sink;

	for (int i = 0; i < 2; i++) {
		acl_rule_any(&v[i]);
		v[i].seq = 10 * (i + 1);
		v[i].permit = true;
		v[i].log = v[i].log_input = true;
	}
	v[0].proto = 6, v[0].dport_lo = v[0].dport_hi = 23, v[0].l4 = true, v[0].permit = false;
	v[1].proto = 1;
	log_init(64, false);
	acl_nlines = 0;
	sink = log_sink_add(acl_sink, NULL);
	CU_ASSERT_FATAL(sink >= 0);
	trt_setup(&T);
	router_set_icmp_ratelimit(T.r, 0);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "IN", v, 2), 0);
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "OUT", v, 2), 0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, false, false, "IN"), 0);
	n = mk_l4(f, 6, ip4("10.0.1.10"), ip4("10.0.2.20"), 40000, 23, 0x02, 0);
	t_in(&T, T.p0, f, n);
	t_in(&T, T.p0, f, n);	/* the same flow: counted for the 5-minute line */
	memcpy(f + 6, MAC_C, 6);	/* the same addresses from another neighbour */
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 2);
	CU_ASSERT_STRING_EQUAL(acl_lines[0], "%SEC-6-IPACCESSLOGP: list IN denied tcp 10.0.1.10(40000) "
					     "(Ethernet0 02aa.0000.000a) -> 10.0.2.20(23), 1 packet");
	CU_ASSERT_STRING_EQUAL(acl_lines[1], "%SEC-6-IPACCESSLOGP: list IN denied tcp 10.0.1.10(40000) "
					     "(Ethernet0 02cc.0000.000c) -> 10.0.2.20(23), 1 packet");
	/* The out list of Ethernet1: the interface the echo came in on. */
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e0, false, false, NULL), 0);
	CU_ASSERT_EQUAL(iface_set_access_group(T.r, T.e1, false, true, "OUT"), 0);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 3);
	CU_ASSERT_STRING_EQUAL(acl_lines[2], "%SEC-6-IPACCESSLOGDP: list OUT permitted icmp 10.0.1.10 "
					     "(Ethernet0 02aa.0000.000a) -> 10.0.2.20 (8/0), 1 packet");
	/* What LISP decapsulated (another source, a flow of its own): LISP0. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.11"), ip4("10.0.2.20"), 64, 1, 8);
	ipv4_input_vrf(T.r, T.e0, VRF_DEFAULT, f + 14, n - 14);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 4);
	CU_ASSERT_STRING_EQUAL(acl_lines[3], "%SEC-6-IPACCESSLOGDP: list OUT permitted icmp 10.0.1.11 (LISP0) -> "
					     "10.0.2.20 (8/0), 1 packet");
	/* 'ip access-list log-update threshold 3': the echo flow's line as
	 * soon as 3 more packets came, not 5 minutes on. */
	router_acl_log_threshold(T.r, 3);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	for (int i = 0; i < 2; i++)
		t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(acl_nlines, 4);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 5);
	CU_ASSERT_STRING_EQUAL(acl_lines[4], "%SEC-6-IPACCESSLOGDP: list OUT permitted icmp 10.0.1.10 "
					     "(Ethernet0 02aa.0000.000a) -> 10.0.2.20 (8/0), 3 packets");
	/* 'ip access-list logging interval 1000': two new flows at once, one
	 * line; a second on, the next one's.  The log starts again first: its
	 * own rate limit (five lines a second per slot, the rules' counters
	 * hashed into slots) must not be what holds a line back. */
	log_sink_del(sink);
	log_shutdown();
	log_init(64, false);
	sink = log_sink_add(acl_sink, NULL);
	CU_ASSERT_FATAL(sink >= 0);
	router_acl_log_threshold(T.r, 0);
	router_acl_log_interval(T.r, 1000);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.12"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.13"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(acl_lines[5], "icmp 10.0.1.12 "));
	t_advance(&T, T_SEC);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.14"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL_FATAL(acl_nlines, 7);
	CU_ASSERT_PTR_NOT_NULL(strstr(acl_lines[6], "icmp 10.0.1.14 "));
	router_acl_log_interval(T.r, 0);
	log_sink_del(sink);
	log_shutdown();
	trt_teardown(&T);
}

static void test_no_error_about_errors(void)
{
	uint8_t f[256], *ip = f + 14, *icmp = ip + 20;
	uint16_t sum;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	/* An ICMP unreachable with TTL 1 and one to nowhere. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 1, 3, 28);
	icmp[0] = 3;
	icmp[2] = icmp[3] = 0;
	sum = ipv4_cksum(icmp, 36);
	memcpy(icmp + 2, &sum, 2);
	t_in(&T, T.p0, f, n);
	ip[8] = 64;
	ip[16] = 9;
	ip[10] = ip[11] = 0;
	sum = ipv4_cksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
	t_in(&T, T.p0, f, n);
	/* A non-initial fragment with TTL 1. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 1, 3, 28);
	mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 1, 1, 0, 36, 100);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_suppressed, 3);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_TTL_EXPIRED), 2);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_NO_ROUTE), 1);
	trt_teardown(&T);
}

static void test_bad_frames(void)
{
	uint8_t f[256], good[256], *ip = f + 14;
	size_t n, i;

	trt_setup(&T);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	n = mk_echo(good, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 16);
	for (i = 0; i < 14; i++)
		t_in(&T, T.p0, good, i);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_RUNT), 14);
	for (i = 14; i < 34; i++)
		t_in(&T, T.p0, good, i);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_IP_TRUNCATED), 20);

	memcpy(f, good, n);
	ip[10] ^= 0x55;
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_IP_CHECKSUM), 1);

	memcpy(f, good, n);
	ip[0] = 0x65;
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_IP_VERSION), 1);

	memcpy(f, good, n);
	ip[0] = 0x44;			/* 16-byte header */
	t_in(&T, T.p0, f, n);
	ip[0] = 0x4f;			/* 60 bytes, more than there is */
	t_in(&T, T.p0, f, 14 + 40);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_IP_HDRLEN), 2);

	memcpy(f, good, n);
	mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 1, 64, 0, 200, 0);
	t_in(&T, T.p0, f, n);		/* total length past the frame */
	mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 1, 64, 0, 0, 0);
	ip[3] = 12;			/* total length below the header */
	ip[10] = ip[11] = 0;
	{
		uint16_t sum = ipv4_cksum(ip, 20);

		memcpy(ip + 10, &sum, 2);
	}
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_IP_LENGTH), 2);

	memcpy(f, good, n);
	f[12] = 0x86;
	f[13] = 0xdd;
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_ETHERTYPE), 1);

	memcpy(f, good, n);
	f[0] = 0x02;
	f[5] = 0x77;			/* someone else's MAC */
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_OTHER_HOST), 1);

	memcpy(f, good, n);
	mk_ip(ip, ip4("127.0.0.1"), ip4("10.0.2.20"), 1, 64, 0, n - 34, 0);
	t_in(&T, T.p0, f, n);
	mk_ip(ip, ip4("10.0.1.10"), ip4("0.1.2.3"), 1, 64, 0, n - 34, 0);
	t_in(&T, T.p0, f, n);
	mk_ip(ip, ip4("10.0.1.10"), ip4("224.0.0.5"), 1, 64, 0, n - 34, 0);
	t_in(&T, T.p0, f, n);
	mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.255"), 1, 64, 0, n - 34, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_MARTIAN_SRC), 1);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_MARTIAN_DST), 1);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_MULTICAST), 1);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_BROADCAST), 1);

	/* Larger than any port can carry. */
	{
		uint8_t *big = calloc(1, 70000);

		memcpy(big, good, n);
		t_in(&T, T.p0, big, 70000);
		free(big);
		CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_GIANT), 1);
	}

	/* Shut interface: nothing gets in. */
	iface_set_shutdown(T.r, T.e0, true);
	t_in(&T, T.p0, good, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_IFACE_DOWN), 1);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->ip_forwarded, 0);
	CU_ASSERT_EQUAL(iface_counters(T.e0)->in_drops, t_all_drops(&T));
	trt_teardown(&T);
}

/* Unicast RPF on e0: strict (rx) lets by a source routed back through
 * e0 only, loose (any) one routed anywhere; a default route counts only
 * with allow-default, a route to Null0 or the router's own address never;
 * drops counted per interface and in the drop reasons; what LISP
 * decapsulated is not checked. */
static void test_urpf(void)
{
	struct prefix p;
	struct addr g;
	char err[128];
	uint8_t f[256];
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	iface_set_urpf(T.e0, false, URPF_RX, false);
	/* From e0's subnet: by. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	/* From e1's subnet, or from nowhere, arriving on e0: dropped. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.2.99"), ip4("10.0.2.20"), 64, 2, 8);
	t_in(&T, T.p0, f, n);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("8.8.8.8"), ip4("10.0.2.20"), 64, 3, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_URPF), 2);
	CU_ASSERT_EQUAL(iface_urpf_drops(T.e0, false), 2);
	/* A default route out of e0: 8.8.8.8 passes with allow-default only. */
	CU_ASSERT_EQUAL(prefix_parse("0.0.0.0/0", &p, NULL, 0), 0);
	addr_set_v4(&g, ip4("10.0.1.10"));
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, &g, NULL, 1, err, sizeof(err)), 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	iface_set_urpf(T.e0, false, URPF_RX, true);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	/* Loose: 10.0.2.99 is routed (through e1): by; Null0's prefix is not. */
	iface_set_urpf(T.e0, false, URPF_ANY, false);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("10.0.2.99"), ip4("10.0.2.20"), 64, 4, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	CU_ASSERT_EQUAL(prefix_parse("192.0.2.0/24", &p, NULL, 0), 0);
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, NULL, "Null0", 1, err, sizeof(err)), 0);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("192.0.2.7"), ip4("10.0.2.20"), 64, 5, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	/* The router's own address as a source: dropped. */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("2.2.2.2"), ip4("10.0.2.20"), 64, 6, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(iface_urpf_drops(T.e0, false), 5);
	/* Decapsulated by the ETR: not checked. */
	ipv4_input_vrf(T.r, T.e0, VRF_DEFAULT, f + 14, n - 14);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	/* 'allow-self-ping' lets the router's own address by; an access list
	 * lets by what it permits of the rest (counted as suppressed), not
	 * while it has no rule. */
	iface_set_urpf_opts(T.e0, false, true, "EXC");
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	n = mk_echo(f, MAC_R0, MAC_A, ip4("192.0.2.7"), ip4("10.0.2.20"), 64, 8, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);	/* no list EXC yet */
	CU_ASSERT_EQUAL(router_acl_set(T.r, false, "EXC", NULL, 0), 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);	/* a list without rules */
	{
		struct acl_rule x = std_rule(10, 0xc0000200, 0xff, true);	/* 192.0.2.0/24 */

		CU_ASSERT_EQUAL(router_acl_set(T.r, false, "EXC", &x, 1), 0);
	}
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	CU_ASSERT_EQUAL(iface_urpf_suppressed(T.e0, false), 1);
	CU_ASSERT_EQUAL(iface_urpf_drops(T.e0, false), 7);
	port_mem_flush(T.p1);
	port_mem_flush(T.p0);
	/* Off: as ever; 'clear counters' clears the count. */
	iface_set_urpf(T.e0, false, URPF_OFF, true);
	CU_ASSERT_EQUAL(iface_urpf(T.e0, false, NULL), URPF_OFF);
	CU_ASSERT_FALSE(iface_urpf_opts(T.e0, false, NULL));	/* its options went with it */
	n = mk_echo(f, MAC_R0, MAC_A, ip4("192.0.2.7"), ip4("10.0.2.20"), 64, 7, 8);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	iface_clear_counters(T.e0);
	CU_ASSERT_EQUAL(iface_urpf_drops(T.e0, false), 0);
	trt_teardown(&T);
}

/* 'no ip source-route' drops what carries a loose or strict source route
 * (behind NOPs too), not other options; 'ip options drop' every packet
 * with options, for the router or through it; 'ignore' lets a source
 * route by even without source routing.  Each counted. */
static void test_ip_options_policy(void)
{
	uint8_t f[256], *ip = f + 14;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	mk_eth(f, MAC_R0, MAC_A, 0x0800);
	/* NOP, LSRR of one address (7 bytes): 8 bytes of options. */
	ip[20] = 1, ip[21] = 131, ip[22] = 7, ip[23] = 4;
	memcpy(ip + 24, (const uint8_t[]){ 10, 0, 2, 20 }, 4);
	memset(ip + 28, 0x5a, 8);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 8, 8, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);		/* IOS's default: on */
	port_mem_flush(T.p1);
	router_set_source_route(T.r, false);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_SOURCE_ROUTE), 1);
	ip[21] = 137;						/* SSRR */
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 8, 8, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_SOURCE_ROUTE), 2);
	ip[21] = 7;						/* record route: not a source route */
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 8, 8, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	router_set_ip_options(T.r, ROUTER_OPTIONS_IGNORE);	/* options not acted on */
	ip[21] = 131;
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 8, 8, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	port_mem_flush(T.p1);
	router_set_ip_options(T.r, ROUTER_OPTIONS_DROP);
	ip[21] = 7;
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 8, 8, 0);
	t_in(&T, T.p0, f, n);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.1.1"), 17, 9, 8, 8, 0);	/* for the router */
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_OPTIONS), 2);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	/* Without options: as ever. */
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 0, 8, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 1);
	trt_teardown(&T);
}

static void test_options_and_fragments(void)
{
	uint8_t f[256], *ip = f + 14, *icmp;
	const uint8_t *oip = out + 14;
	uint16_t sum;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	/* A 24-byte header (four NOP options) is forwarded as it is. */
	mk_eth(f, MAC_R0, MAC_A, 0x0800);
	memset(ip + 20, 1, 4);
	memset(ip + 24, 0x5a, 30);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 4, 30, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p1), (long)n);
	CU_ASSERT_EQUAL(oip[0], 0x46);
	CU_ASSERT_EQUAL(oip[8], 8);
	CU_ASSERT_TRUE(ip_cksum_ok(oip));
	CU_ASSERT_EQUAL(memcmp(oip + 20, ip + 20, 34), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->ip_options, 1);
	/* An echo request with options to the router is answered. */
	icmp = ip + 24;
	memset(icmp, 0, 16);
	icmp[0] = 8;
	sum = ipv4_cksum(icmp, 16);
	memcpy(icmp + 2, &sum, 2);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("2.2.2.2"), 1, 9, 4, 16, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 16);
	CU_ASSERT_EQUAL(out[14 + 20], 0);
	/* Fragments in transit are forwarded; fragments for us are dropped. */
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 0, 40, 0x2000);
	t_in(&T, T.p0, f, n);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 0, 40, 5);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 2);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.1.1"), 1, 9, 0, 40, 0x2000);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_FRAG_LOCAL), 1);
	CU_ASSERT_EQUAL(router_stats(T.r)->ip_fragments, 3);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 0);
	/* Too big for the egress MTU: DF gets "fragmentation needed". */
	iface_set_mtu(T.r, T.e1, 68, NULL, 0);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 0, 60, 0x4000);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_TOO_BIG), 1);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 80);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	CU_ASSERT_EQUAL(out[14 + 21], 4);
	CU_ASSERT_EQUAL(get16(out + 14 + 26), 68);
	/* 'ip icmp rate-limit unreachable df 500': fragmentation needed at
	 * most once per 500 ms, apart from the other unreachables (no limit
	 * here: a no-route one still goes). */
	router_set_icmp_unreach_limit(T.r, true, 500);
	CU_ASSERT_EQUAL(router_icmp_unreach_limit(T.r, true), 500);
	CU_ASSERT_EQUAL(router_icmp_unreach_limit(T.r, false), 0);
	t_advance(&T, T_SEC);
	t_in(&T, T.p0, f, n);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0), 1);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_ratelimited, 1);
	port_mem_flush(T.p0);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("8.8.8.8"), 17, 9, 0, 20, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 40);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	CU_ASSERT_EQUAL(out[14 + 21], 0);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 0, 60, 0x4000);
	t_advance(&T, T_SEC / 2);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 80);
	CU_ASSERT_EQUAL(out[14 + 21], 4);
	CU_ASSERT_EQUAL(router_stats(T.r)->icmp_ratelimited, 1);
	trt_teardown(&T);
}

static void test_fragmentation(void)
{
	static uint8_t f[1100], whole[1000];
	uint8_t *ip = f + 14;
	const uint8_t *oip = out + 14;
	size_t n, i;
	char err[64];

	trt_setup(&T);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	CU_ASSERT_EQUAL(iface_set_mtu(T.r, T.e1, 576, err, sizeof(err)), 0);
	/* 1000 bytes: NOP (not copied) and Router Alert (copied), padding. */
	mk_eth(f, MAC_R0, MAC_A, 0x0800);
	ip[20] = 1; ip[21] = 0x94; ip[22] = 4; ip[23] = 0; ip[24] = 0; ip[25] = ip[26] = ip[27] = 0;
	for (i = 0; i < 972; i++)
		ip[28 + i] = (uint8_t)(i * 7);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.2.20"), 17, 9, 8, 972, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL_FATAL(port_mem_out_count(T.p1), 2);
	/* First: the whole header, 568 bytes of data (8-byte multiple). */
	CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), 14 + 28 + 544);
	CU_ASSERT_EQUAL(oip[0], 0x47);
	CU_ASSERT_EQUAL(get16(oip + 2), 28 + 544);
	CU_ASSERT_EQUAL(get16(oip + 6), 0x2000);	/* MF, offset 0 */
	CU_ASSERT_EQUAL(oip[8], 8);
	CU_ASSERT_TRUE(ip_cksum_ok(oip));
	memcpy(whole, oip + 28, 544);
	/* Second: only the copied option, the rest of the data. */
	CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), 14 + 24 + 428);
	CU_ASSERT_EQUAL(oip[0], 0x46);
	CU_ASSERT_EQUAL(oip[20], 0x94);
	CU_ASSERT_EQUAL(get16(oip + 6), 544 / 8);	/* no MF */
	CU_ASSERT_EQUAL(oip[8], 8);
	CU_ASSERT_TRUE(ip_cksum_ok(oip));
	memcpy(whole + 544, oip + 24, 428);
	CU_ASSERT_EQUAL(memcmp(whole, ip + 28, 972), 0);
	CU_ASSERT_EQUAL(router_stats(T.r)->ip_fragmented, 1);
	CU_ASSERT_EQUAL(router_stats(T.r)->ip_frags_created, 2);
	/* A router ping larger than the MTU leaves in fragments too. */
	{
		struct ping_params pp;

		memset(&pp, 0, sizeof(pp));
		addr_set_v4(&pp.dst, ip4("10.0.2.20"));
		pp.size = 1500;
		pp.repeat = 1;
		CU_ASSERT_NOT_EQUAL(ping_start(T.r, &pp, NULL, NULL, NULL, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 3);
		CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), 14 + 20 + 552);
		pp.df = true;
		t_advance(&T, 3 * T_SEC);
		port_mem_flush(T.p1);
		CU_ASSERT_NOT_EQUAL(ping_start(T.r, &pp, NULL, NULL, NULL, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
		CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_TOO_BIG), 1);
	}
	trt_teardown(&T);
}

static void test_udp_to_router(void)
{
	uint8_t f[256], *ip = f + 14;
	size_t n;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	mk_eth(f, MAC_R0, MAC_A, 0x0800);
	memset(ip + 20, 0, 16);
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.1.1"), 17, 9, 0, 16, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 36);
	CU_ASSERT_EQUAL(out[14 + 20], 3);
	CU_ASSERT_EQUAL(out[14 + 21], 3);	/* port unreachable */
	n = 14 + mk_ip(ip, ip4("10.0.1.10"), ip4("10.0.1.1"), 89, 9, 0, 16, 0);
	t_in(&T, T.p0, f, n);
	CU_ASSERT_EQUAL(pop(T.p0), 14 + 20 + 8 + 36);
	CU_ASSERT_EQUAL(out[14 + 21], 2);	/* protocol unreachable */
	CU_ASSERT_EQUAL(t_drops(&T, RT_DROP_NO_PROTO), 2);
	trt_teardown(&T);
}

/* Random and mutated frames: counted, never a crash (run under ASan). */
static void test_garbage(void)
{
	uint8_t f[600], good[256];
	uint32_t seed = 12345;
	size_t n, len, i;
	int k;

	trt_setup(&T);
	t_learn(&T, T.p0, MAC_A, "10.0.1.10", "10.0.1.1");
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	router_clear_stats(T.r);
	n = mk_echo(good, MAC_R0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 1, 40);
	for (k = 0; k < 20000; k++) {
		seed = seed * 1103515245u + 12345u;
		if (k & 1) {
			len = (seed >> 8) % sizeof(f);
			for (i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				f[i] = (uint8_t)(seed >> 16);
			}
			if (len > 14)
				f[12] = (seed & 0x100) ? 0x08 : 0x86, f[13] = (seed & 0x200) ? 0x06 : 0;
			memcpy(f, MAC_R0, 6);
		} else {
			memcpy(f, good, n);
			len = n - (seed >> 8) % 20;
			f[14 + (seed >> 12) % 20] = (uint8_t)(seed >> 20);
		}
		t_in(&T, (k & 2) ? T.p0 : T.p1, f, len);
		port_mem_flush(T.p0);
		port_mem_flush(T.p1);
	}
	CU_ASSERT_EQUAL(router_stats(T.r)->rx_frames, 20000);
	CU_ASSERT_TRUE(t_all_drops(&T) > 10000);
	trt_teardown(&T);
}

static int collect_name(struct iface *ifp, void *arg)
{
	char *buf = arg;

	strcat(buf, iface_name(ifp));
	strcat(buf, " ");
	return 0;
}

/* The interface names in order, checked against Loopback<n> for the n
 * still present (natural order: Loopback2 before Loopback10). */
struct lo_chk {
	const bool *present;
	unsigned next, max, seen;
	bool ok;
};

static int lo_order_fn(struct iface *ifp, void *arg)
{
	struct lo_chk *c = arg;
	unsigned n;

	if (sscanf(iface_name(ifp), "Loopback%u", &n) != 1 || n == 0)
		return 0;
	while (c->next <= c->max && !c->present[c->next])
		c->next++;
	if (n != c->next)
		c->ok = false;
	c->next = n + 1;
	c->seen++;
	return 0;
}

/* 3,000 loopbacks created in random order (found by name through a hash,
 * without case), listed in name order; a third deleted, the rest still
 * found, the deleted ones not, and created again. */
static void test_interfaces_many(void)
{
	enum { N = 3000 };
	static unsigned order[N];
	static bool present[N + 1];
	uint64_t seed = 0x9E3779B97F4A7C15ull;
	char name[32], err[128];
	struct iface *ifp;
	struct lo_chk c;
	unsigned i, k, t, found = 0;

	trt_setup(&T);
	for (i = 0; i < N; i++)
		order[i] = i + 1;
	for (i = N - 1; i > 0; i--) {
		seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
		k = (unsigned)(seed % (i + 1));
		t = order[i], order[i] = order[k], order[k] = t;
	}
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "loopback%u", order[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(iface_get(T.r, name, err, sizeof(err)));
		present[order[i]] = true;
	}
	for (i = 0; i < N; i += 3) {
		snprintf(name, sizeof(name), "Loopback%u", order[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ifp = iface_find(T.r, name));
		CU_ASSERT_EQUAL(iface_delete(T.r, ifp, err, sizeof(err)), 0);
		present[order[i]] = false;
	}
	for (i = 0; i < N; i++) {
		snprintf(name, sizeof(name), "LOOPBACK%u", order[i]);
		found += (iface_find(T.r, name) != NULL) == present[order[i]];
	}
	CU_ASSERT_EQUAL(found, N);
	memset(&c, 0, sizeof(c));
	c.present = present;
	c.next = 1;
	c.max = N;
	c.ok = true;
	iface_foreach(T.r, lo_order_fn, &c);
	CU_ASSERT_TRUE(c.ok);
	CU_ASSERT_EQUAL(c.seen, N - (N + 2) / 3);
	snprintf(name, sizeof(name), "Loopback%u", order[0]);
	CU_ASSERT_PTR_NOT_NULL(iface_get(T.r, name, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(iface_find(T.r, name));
	trt_teardown(&T);
}

/*
 * A loopback's address adds its routes to the table as it is, and a new
 * loopback leaves it alone, unless a static route could depend on them:
 * the table is then as a rebuild makes it (a pasted block of 10,000
 * loopbacks rebuilt it whole per line: 81 s, now 1 s).
 */
static void test_iface_routes_incremental(void)
{
	struct prefix p;
	struct addr a;
	struct iface *ifp;
	char name[32], ab[32], err[128], *t;
	unsigned i;

	trt_setup(&T);
	for (i = 1; i <= 300; i++) {
		snprintf(name, sizeof(name), "Loopback%u", i);
		CU_ASSERT_PTR_NOT_NULL_FATAL(ifp = iface_get(T.r, name, err, sizeof(err)));
		snprintf(ab, sizeof(ab), "10.%u.%u.1", 100 + i / 256, i % 256);
		CU_ASSERT_EQUAL_FATAL(addr_parse(ab, &a, NULL, 0), 0);
		CU_ASSERT_EQUAL(iface_set_addr(T.r, ifp, &a, i % 2 ? 32 : 24, err, sizeof(err)), 0);
	}
	t = t_fib_text(T.r, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.100.7.1/32 "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.100.8.0/24 "));
	free(t);
	t_check_as_rebuilt(T.r, 1);
	/* Taken away as they are too: 'no ip address' (a /32, a /24) and
	 * loopbacks deleted. */
	iface_clear_addr(T.r, iface_find(T.r, "Loopback11"));
	t_check_as_rebuilt(T.r, 1);
	iface_clear_addr(T.r, iface_find(T.r, "Loopback12"));
	t_check_as_rebuilt(T.r, 1);
	CU_ASSERT_EQUAL(iface_delete(T.r, iface_find(T.r, "Loopback13"), err, sizeof(err)), 0);
	t_check_as_rebuilt(T.r, 1);
	CU_ASSERT_EQUAL(iface_delete(T.r, iface_find(T.r, "Loopback14"), err, sizeof(err)), 0);
	t_check_as_rebuilt(T.r, 1);
	t = t_fib_text(T.r, 1);
	CU_ASSERT_PTR_NULL(strstr(t, "10.100.11.1/32 "));
	CU_ASSERT_PTR_NULL(strstr(t, "10.100.12.0/24 "));
	CU_ASSERT_PTR_NULL(strstr(t, "10.100.13."));
	CU_ASSERT_PTR_NULL(strstr(t, "10.100.14."));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.100.15.1/32 "));
	free(t);
	/* A static route through a loopback not created yet: installed when
	 * it is; then an address with a static present. */
	CU_ASSERT_EQUAL(prefix_parse("10.250.0.0/16", &p, NULL, 0), 0);
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, NULL, "Loopback400", 1, err, sizeof(err)), 0);
	t = t_fib_text(T.r, 1);
	CU_ASSERT_PTR_NULL(strstr(t, "10.250.0.0/16"));
	free(t);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp = iface_get(T.r, "Loopback400", err, sizeof(err)));
	t = t_fib_text(T.r, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.250.0.0/16 "));
	free(t);
	CU_ASSERT_EQUAL(prefix_parse("10.251.0.0/16", &p, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(addr_parse("10.99.0.1", &a, NULL, 0), 0);
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, &a, NULL, 1, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp = iface_get(T.r, "Loopback401", err, sizeof(err)));
	CU_ASSERT_EQUAL_FATAL(addr_parse("10.99.0.2", &a, NULL, 0), 0);
	CU_ASSERT_EQUAL(iface_set_addr(T.r, ifp, &a, 24, err, sizeof(err)), 0);
	t = t_fib_text(T.r, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.251.0.0/16 "));	/* resolved through it */
	free(t);
	t_check_as_rebuilt(T.r, 1);
	/* Static routes one at a time, at random: next hops on a connected
	 * subnet, through other statics (recursive), unresolvable; prefixes
	 * covering other next hops; the same prefix at other distances;
	 * Null0 and an interface.  After each, the table is the rebuilt one
	 * (whether it was added as it is or rebuilt). */
	{
		uint64_t seed = 0x243F6A8885A308D3ull;
		unsigned same = 0, removed = 0, n = 0, k;
		struct { struct prefix p; struct addr g; const char *ifn; } v[64];

		for (i = 0; i < 400; i++) {
			char pb[40], gb[32];
			unsigned x, len, dist;
			const char *ifn = NULL;
			char *before, *after;
			struct addr g = { 0 };

			seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
			x = (unsigned)(seed >> 11);
			if (n && (x >> 24) % 4 == 0) {	/* remove one */
				k = (x >> 12) % n;
				CU_ASSERT_EQUAL(fib_static_del(T.r, &v[k].p, v[k].g.afi ? &v[k].g : NULL,
							       v[k].ifn, err, sizeof(err)), 0);
				v[k] = v[--n];
				removed++;
				t_check_as_rebuilt(T.r, 1);
				continue;
			}
			len = 8 + x % 25;
			snprintf(pb, sizeof(pb), "%u.%u.%u.0/%u", 20 + x % 3, (x >> 3) % 4, (x >> 5) % 8,
				 len > 24 ? 24 : len);
			if (prefix_parse(pb, &p, NULL, 0) == -1)
				continue;
			switch ((x >> 9) % 5) {
			case 0:		/* on a loopback's /24 */
				snprintf(gb, sizeof(gb), "10.100.%u.9", ((x >> 12) % 50) * 2);
				break;
			case 1:		/* through another static */
				snprintf(gb, sizeof(gb), "%u.%u.%u.7", 20 + (x >> 12) % 3, (x >> 14) % 4,
					 (x >> 16) % 8);
				break;
			case 2:
				snprintf(gb, sizeof(gb), "192.0.2.%u", 1 + (x >> 12) % 200);
				break;
			default:
				gb[0] = '\0';
				ifn = (x >> 12) % 2 ? "Null0" : "Loopback8";
				break;
			}
			dist = 1 + (x >> 18) % 3;
			before = t_fib_text(T.r, 1);
			CU_ASSERT_EQUAL_FATAL(gb[0] ? addr_parse(gb, &g, NULL, 0) : 0, 0);
			if (fib_static_add(T.r, &p, gb[0] ? &g : NULL, ifn, dist, err, sizeof(err)) == 0 &&
			    n < 64) {
				for (k = 0; k < n; k++)	/* not there already */
					if (prefix_eq(&v[k].p, &p) && addr_eq(&v[k].g, &g) && v[k].ifn == ifn)
						break;
				if (k == n) {
					v[n].p = p;
					v[n].g = g;
					v[n++].ifn = ifn;
				}
			}
			after = t_fib_text(T.r, 1);
			same += !strcmp(before, after);
			free(before);
			free(after);
			t_check_as_rebuilt(T.r, 1);
		}
		CU_ASSERT(same > 0 && same < 400);	/* some changed nothing */
		CU_ASSERT(removed > 50);
	}
	/* With statics present: rebuilt; Null0 deleted (its routes are in
	 * every VRF: all rebuilt). */
	iface_clear_addr(T.r, iface_find(T.r, "Loopback16"));
	t_check_as_rebuilt(T.r, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp = iface_get(T.r, "Null0", err, sizeof(err)));
	CU_ASSERT_EQUAL(iface_delete(T.r, ifp, err, sizeof(err)), 0);
	t_check_as_rebuilt(T.r, 1);
	/* A static of a connected prefix is not installed: taking it away
	 * leaves the connected route. */
	CU_ASSERT_EQUAL(prefix_parse("10.100.8.0/24", &p, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(addr_parse("10.100.2.9", &a, NULL, 0), 0);
	CU_ASSERT_EQUAL(fib_static_add(T.r, &p, &a, NULL, 1, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(fib_static_del(T.r, &p, &a, NULL, err, sizeof(err)), 0);
	t = t_fib_text(T.r, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.100.8.0/24 "));
	free(t);
	t_check_as_rebuilt(T.r, 1);
	trt_teardown(&T);
}

static void test_interfaces(void)
{
	char names[256] = "", err[128];
	struct iface *ifp;
	struct addr a;
	unsigned len;
	static const char *const add[] = { "Ethernet10", "Ethernet2", "loopback10", "Loopback2" };
	unsigned i;

	trt_setup(&T);
	for (i = 0; i < 4; i++) {
		struct port *p = NULL;

		if (add[i][0] == 'E') {
			p = port_mem_open(add[i], MAC_A);
			CU_ASSERT_PTR_NOT_NULL(iface_attach(T.r, add[i], p, err, sizeof(err)));
		} else {
			CU_ASSERT_PTR_NOT_NULL(iface_get(T.r, add[i], err, sizeof(err)));
		}
	}
	iface_foreach(T.r, collect_name, names);
	CU_ASSERT_STRING_EQUAL(names, "Ethernet0 Ethernet1 Ethernet2 Ethernet10 "
			       "Loopback0 Loopback2 Loopback10 ");
	/* Case-insensitive lookup, one object per name. */
	CU_ASSERT_PTR_EQUAL(iface_get(T.r, "LOOPBACK0", err, sizeof(err)), T.lo);
	CU_ASSERT_PTR_EQUAL(iface_find(T.r, "ethernet1"), T.e1);
	CU_ASSERT_PTR_NULL(iface_attach(T.r, "Ethernet1", port_mem_open("x", MAC_A), err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "already exists"));
	/* Without a port factory an unknown name cannot be opened. */
	CU_ASSERT_PTR_NULL(iface_get(T.r, "eth9", err, sizeof(err)));
	/* State and getters the show commands use. */
	CU_ASSERT_TRUE(iface_is_loopback(T.lo));
	CU_ASSERT_FALSE(iface_is_shutdown(T.lo));
	CU_ASSERT_TRUE(iface_is_shutdown(iface_find(T.r, "Ethernet2")));
	CU_ASSERT_STRING_EQUAL(iface_kind(T.e0), "memory");
	CU_ASSERT_STRING_EQUAL(iface_kind(T.lo), "virtual");
	CU_ASSERT_EQUAL(memcmp(iface_mac(T.e0), MAC_R0, 6), 0);
	CU_ASSERT_EQUAL(iface_mtu(T.e0), 1500);
	CU_ASSERT_TRUE(iface_addr(T.e1, &a, &len));
	CU_ASSERT_EQUAL(a.u.v4, ip4("10.0.2.1"));
	CU_ASSERT_EQUAL(len, 24);
	/* Bad addresses. */
	addr_set_v4(&a, ip4("10.0.5.0"));
	CU_ASSERT_EQUAL(iface_set_addr(T.r, T.e0, &a, 24, err, sizeof(err)), -1);
	addr_set_v4(&a, ip4("10.0.5.255"));
	CU_ASSERT_EQUAL(iface_set_addr(T.r, T.e0, &a, 24, err, sizeof(err)), -1);
	addr_set_v4(&a, ip4("127.0.0.2"));
	CU_ASSERT_EQUAL(iface_set_addr(T.r, T.e0, &a, 8, err, sizeof(err)), -1);
	addr_set_v4(&a, ip4("10.0.5.1"));
	ifp = iface_get(T.r, "Null0", err, sizeof(err));
	CU_ASSERT_TRUE(iface_is_null(ifp));
	CU_ASSERT_EQUAL(iface_set_addr(T.r, ifp, &a, 24, err, sizeof(err)), -1);
	CU_ASSERT_EQUAL(iface_set_mtu(T.r, T.e0, 20, err, sizeof(err)), -1);
	/* Only virtual interfaces can be deleted; the FIB follows. */
	CU_ASSERT_EQUAL(iface_delete(T.r, T.e0, err, sizeof(err)), -1);
	CU_ASSERT_PTR_NOT_NULL(fib_lookup(T.r, ip4("2.2.2.2")));
	CU_ASSERT_EQUAL(iface_delete(T.r, T.lo, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NULL(fib_lookup(T.r, ip4("2.2.2.2")));
	CU_ASSERT_PTR_NULL(iface_find(T.r, "Loopback0"));
	trt_teardown(&T);
}

/* The receive workers' threads come and go with 'platform packet-io
 * workers' (router_set_pktio, lock held), and router_free waits for them
 * (the sanitizer build finds a worker left behind or freed twice). */
static unsigned workers_started(struct router *r, struct router_rx_worker *w)
{
	unsigned i, n, started = 0;

	router_lock(r);
	n = router_rx_workers(r, w, PORT_QUEUES);
	router_unlock(r);
	for (i = 0; i < n; i++)
		started += w[i].tid > 0;
	return started;
}

static void test_rx_workers(void)
{
	struct router *r = router_new(EV_CLOCK_MONOTONIC);
	struct router_rx_worker w[PORT_QUEUES];
	struct router_pktio c;
	unsigned reopened, i, spins;
	char err[128];

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_PTR_NOT_NULL(iface_attach(r, "Ethernet0", port_mem_open("Ethernet0", MAC_A), err,
					    sizeof(err)));
	router_get_pktio(r, &c);
	CU_ASSERT_EQUAL(c.workers, 1);
	router_lock(r);
	CU_ASSERT_EQUAL(router_rx_workers(r, w, PORT_QUEUES), 0);
	c.workers = 0;
	CU_ASSERT_EQUAL(router_set_pktio(r, &c, &reopened), -1);
	c.workers = PORT_QUEUES + 1;
	CU_ASSERT_EQUAL(router_set_pktio(r, &c, &reopened), -1);
	c.workers = 4;
	CU_ASSERT_EQUAL(router_set_pktio(r, &c, &reopened), 0);
	CU_ASSERT_EQUAL(router_rx_workers(r, w, PORT_QUEUES), 3);
	for (i = 0; i < 3; i++)
		CU_ASSERT_EQUAL(w[i].queue, i + 1);
	/* A memory port has one queue: nothing for the workers. */
	CU_ASSERT_EQUAL(port_queues(iface_port(iface_find(r, "Ethernet0"))), 1);
	router_unlock(r);
	/* Each thread runs (its Linux thread id shows). */
	for (spins = 0; workers_started(r, w) < 3 && spins < 20000; spins++)
		usleep(500);
	CU_ASSERT_EQUAL(workers_started(r, w), 3);

	/* Fewer: the others are asked to leave, without a wait under the
	 * lock; more again; then the router goes with its workers. */
	router_lock(r);
	c.workers = 2;
	CU_ASSERT_EQUAL(router_set_pktio(r, &c, &reopened), 0);
	CU_ASSERT_EQUAL(router_rx_workers(r, w, PORT_QUEUES), 1);
	CU_ASSERT_EQUAL(w[0].queue, 1);
	c.workers = 1;
	CU_ASSERT_EQUAL(router_set_pktio(r, &c, &reopened), 0);
	CU_ASSERT_EQUAL(router_rx_workers(r, w, PORT_QUEUES), 0);
	c.workers = PORT_QUEUES;
	CU_ASSERT_EQUAL(router_set_pktio(r, &c, &reopened), 0);
	CU_ASSERT_EQUAL(router_rx_workers(r, w, PORT_QUEUES), PORT_QUEUES - 1);
	router_unlock(r);
	router_free(r);
	/* Process-wide: back to one queue for the tests after this one. */
	port_live_set_queues(1);
}

static CU_TestInfo tests[] = {
	{ "receive workers start, stop, and go with the router", test_rx_workers },
	{ "interfaces: names, order, checks, delete", test_interfaces },
	{ "3,000 loopbacks: found by name, in order, deleted", test_interfaces_many },
	{ "a loopback's routes added without a rebuild, as one would make them", test_iface_routes_incremental },
	{ "ARP reply and learning", test_arp_reply },
	{ "ARP foreign, off-subnet, malformed", test_arp_foreign_and_bad },
	{ "gratuitous ARP", test_gratuitous },
	{ "mac-address", test_mac_address },
	{ "ARP resolution queue bound", test_arp_resolve_queue },
	{ "ARP bounds: pending packets and entries", test_arp_bounds },
	{ "ARP listing order behind 10,000 interfaces", test_arp_listing_order },
	{ "ARP retries and give-up", test_arp_retry_giveup },
	{ "ARP aging", test_arp_aging },
	{ "echo reply for every own address", test_echo_own_addresses },
	{ "forwarding: TTL, checksum, MACs", test_forward },
	{ "incremental checksum exhaustive", test_ttl_checksum_exhaustive },
	{ "TTL expiry: Time Exceeded", test_ttl_expired },
	{ "no route: Unreachable, rate limit", test_no_route },
	{ "ip access-group in and out", test_access_groups },
	{ "ip access-group, extended list", test_access_group_extended },
	{ "access list log: first packets, 5-minute lines, bounded", test_access_list_log },
	{ "access list dscp, precedence, tos", test_access_group_tos },
	{ "access list time-range", test_access_list_time_range },
	{ "access list TCP flags and ttl", test_access_list_tcp_flags_ttl },
	{ "access list log-input: the input interface and MAC", test_access_list_log_input },
	{ "no ICMP error about errors", test_no_error_about_errors },
	{ "bad frames dropped and counted", test_bad_frames },
	{ "IP options and fragments", test_options_and_fragments },
	{ "no ip source-route, ip options drop | ignore", test_ip_options_policy },
	{ "unicast RPF: rx, any, allow-default", test_urpf },
	{ "fragmentation for a smaller MTU", test_fragmentation },
	{ "UDP and unknown protocol to router", test_udp_to_router },
	{ "garbage never crashes", test_garbage },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "router", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
