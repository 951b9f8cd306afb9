/*
 * DOC: the dual-stack in-process lab for the IPv6 fuzz targets
 *
 * tests/test_lisp_lab.h's four routers (mapserver MS/MR with sites A and
 * B, lisp1 and lisp2 registering to it), given the reference lab's IPv6
 * plan (samples/README): fd00:10:0:N::/64 on the router links (mapserver
 * ::1, the xTR or outsideworld ::2), Loopback0 2001:db8:1::1 and
 * 2001:db8:2::1, outsideworld 2001:4860:4860::8888; 'ipv6
 * unicast-routing' everywhere, default routes as for IPv4.  The LISP
 * engine's IPv6 configuration (IPv6 EID-prefixes with IPv4 and IPv6
 * locators, IPv6 site prefixes, the IPv6 map-resolver) is asked for and
 * kept where the engine takes it, so the targets reach as far as the
 * engine goes today and further as it grows.
 *
 * The ops read their bytes from the input (struct in, tests/fuzz/fuzz_lab.h;
 * a chunk's length is two bytes); the frames they build have correct
 * lengths and upper-layer checksums unless the input says otherwise, so
 * that the fuzzer gets past the first checks.
 */
#ifndef LISPR_FUZZ_LAB6_H
#define LISPR_FUZZ_LAB6_H

#include "fuzz_lab.h"
#include "ipv6.h"

static inline struct addr A6(const char *s)
{
	struct addr a;

	memset(&a, 0, sizeof(a));
	if (addr_parse(s, &a, NULL, 0) != 0)
		abort();
	return a;
}

static inline struct prefix P6(const char *s)
{
	struct prefix p;

	if (prefix_parse(s, &p, NULL, 0) != 0)
		abort();
	return p;
}

/* The addresses a built packet's source or destination come from. */
static const char *const lab6_addrs[] = {
	"fd00:10:0:1::1", "fd00:10:0:1::2", "fd00:10:0:2::1", "fd00:10:0:2::2",
	"fd00:10:0:3::1", "fd00:10:0:3::2", "2001:db8:1::1", "2001:db8:2::1",
	"2001:db8:1::5", "2001:db8:2::5", "2001:4860:4860::8888", "ff02::1",
	"ff02::2", "ff02::1:ff00:1", "::", "fe80::ee:ff:fe00:1",
	"fe80::ff:fe00:0", "2001:db8:3::1", "::1", "ff05::2",
};
#define LAB6_NADDR (sizeof(lab6_addrs) / sizeof(lab6_addrs[0]))

/* One address: from the table, or 16 input bytes (the top bit of sel). */
static inline int lab6_pick(struct in *in, uint8_t sel, uint8_t out[16])
{
	struct addr a;

	if (sel & 0x80)
		return take(in, out, 16);
	a = A6(lab6_addrs[sel % LAB6_NADDR]);
	memcpy(out, a.u.b, 16);
	return 0;
}

/* The interface of router r a frame goes into: one of its Ethernets. */
static inline struct iface *lab6_if(int r, uint8_t sel)
{
	int i = r == MSR ? sel % 3 : 0;

	return L.eth[r][i];
}

/*
 * An IPv6 packet into ifp as if from the neighbour: header fields given,
 * ext (0: none) an 8-byte extension header of that type (hop-by-hop 0,
 * destination options 60, routing 43 or fragment 44) before the upper
 * layer nxt, whose checksum is computed for UDP (17) and ICMPv6 (58)
 * unless bad_sum.  l4 holds the upper-layer bytes (UDP: header included).
 */
static inline void lab6_inject(int r, struct iface *ifp, const uint8_t src[16], const uint8_t dst[16],
			uint8_t nxt, uint8_t hlim, uint8_t ext, const uint8_t *l4, size_t l4len,
			bool bad_sum)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	uint8_t f[2048], dmac[6], *ip = f + 14, *u;
	size_t elen = ext ? 8 : 0;
	uint16_t sum;

	if (14 + 40 + elen + l4len > sizeof(f))
		return;
	if (dst[0] == 0xff)
		ip6_mcast_mac(dst, dmac);
	else
		memcpy(dmac, iface_mac(ifp), 6);
	mk_eth(f, dmac, nmac, 0x86dd);
	ipv6_build_hdr(ip, (uint16_t)(elen + l4len), ext ? ext : nxt, hlim, src, dst);
	u = ip + 40;
	if (ext) {
		memset(u, 0, 8);
		u[0] = nxt;
		if (ext == 44) {		/* a whole packet: offset 0, M 0 */
			u[7] = 1;
		} else if (ext == 43) {		/* type 4 (SRH-like), segments left 0 */
			u[2] = 4;
		} else {			/* PadN over the 6 bytes */
			u[2] = 1;
			u[3] = 4;
		}
		u += 8;
	}
	memcpy(u, l4, l4len);
	if (!bad_sum && nxt == 17 && l4len >= 8) {
		u[4] = (uint8_t)(l4len >> 8);
		u[5] = (uint8_t)l4len;
		u[6] = u[7] = 0;
		sum = ipv6_l4_cksum(ip, 17, u, l4len);
		if (!sum)
			sum = 0xffff;
		memcpy(u + 6, &sum, 2);
	} else if (!bad_sum && nxt == 58 && l4len >= 4) {
		u[2] = u[3] = 0;
		sum = ipv6_l4_cksum(ip, 58, u, l4len);
		memcpy(u + 2, &sum, 2);
	}
	port_mem_push(iface_port(ifp), f, 14 + 40 + elen + l4len, 0);
	router_poll(L.r[r]);
	lab_pump(&L);
}

/* UDP: ports and payload, the length and checksum filled in. */
static inline void lab6_udp(int r, struct iface *ifp, const uint8_t src[16], const uint8_t dst[16],
		     uint16_t sport, uint16_t dport, const uint8_t *p, size_t len, uint8_t hlim,
		     bool bad_sum)
{
	uint8_t u[1600];

	if (len + 8 > sizeof(u))
		return;
	u[0] = (uint8_t)(sport >> 8);
	u[1] = (uint8_t)sport;
	u[2] = (uint8_t)(dport >> 8);
	u[3] = (uint8_t)dport;
	memset(u + 4, 0, 4);
	memcpy(u + 8, p, len);
	lab6_inject(r, ifp, src, dst, 17, hlim, 0, u, len + 8, bad_sum);
}

static inline void a6(int r, struct iface *ifp, const char *s, unsigned len)
{
	struct addr x = A6(s);
	char err[160];

	iface6_add_addr(L.r[r], ifp, &x, len, false, err, sizeof(err));
}

static inline void rt6(int r, const char *p, const char *gw)
{
	struct prefix pf = P6(p);
	struct addr g = A6(gw);
	char err[160];

	fib6_static_add(L.r[r], &pf, &g, NULL, 1, err, sizeof(err));
}

/* The engine's IPv6 configuration, where it takes it (errors ignored). */
static inline void lab6_lisp(void)
{
	struct lisp_loc_cfg loc;
	struct prefix p;
	struct addr a;
	char err[160];
	int x;

	p = P6("2001:db8:1::/48");
	lisp_site_eid_add(L.l[MSR], "A", &p, false, err, sizeof(err));
	p = P6("2001:db8:2::/48");
	lisp_site_eid_add(L.l[MSR], "B", &p, false, err, sizeof(err));
	for (x = 0; x < 2; x++) {
		int r = x ? LISP2 : LISP1;

		memset(&loc, 0, sizeof(loc));
		loc.priority = 1;
		loc.weight = 50;
		p = P6(x ? "2001:db8:2::/48" : "2001:db8:1::/48");
		loc.addr = A4(x ? "10.0.2.2" : "10.0.1.2");
		lisp_db_add(L.l[r], &p, &loc, err, sizeof(err));
		loc.addr = A6(x ? "fd00:10:0:2::2" : "fd00:10:0:1::2");
		lisp_db_add(L.l[r], &p, &loc, err, sizeof(err));
		a = A6("fd00:10:0:3::1");
		lisp_map_resolver_add(L.l[r], &a, err, sizeof(err));
	}
}

static inline void lab6_setup(void)
{
	int r;

	lab_setup(&L, true);
	a6(LISP1, L.eth[LISP1][0], "fd00:10:0:1::2", 64);
	a6(MSR, L.eth[MSR][0], "fd00:10:0:1::1", 64);
	a6(MSR, L.eth[MSR][1], "fd00:10:0:2::1", 64);
	a6(MSR, L.eth[MSR][2], "fd00:10:0:3::1", 64);
	a6(LISP2, L.eth[LISP2][0], "fd00:10:0:2::2", 64);
	a6(OUTW, L.eth[OUTW][0], "fd00:10:0:3::2", 64);
	a6(LISP1, lab_if(&L, LISP1, "Loopback0", NULL, 0), "2001:db8:1::1", 128);
	a6(LISP2, lab_if(&L, LISP2, "Loopback0", NULL, 0), "2001:db8:2::1", 128);
	a6(OUTW, lab_if(&L, OUTW, "Loopback0", NULL, 0), "2001:4860:4860::8888", 128);
	for (r = 0; r < LAB_NR; r++) {
		ipv6_set_routing(L.r[r], true);
		ipv6_set_icmp_error_interval(L.r[r], 0, 0);
	}
	rt6(LISP1, "::/0", "fd00:10:0:1::1");
	rt6(LISP2, "::/0", "fd00:10:0:2::1");
	rt6(MSR, "2001:4860:4860::8888/128", "fd00:10:0:3::2");
	rt6(OUTW, "::/0", "fd00:10:0:3::1");
	lab6_lisp();
	lab_run(&L, 2000);		/* DAD done, both sites registered */
}

#endif
