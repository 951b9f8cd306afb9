/*
 * DOC: unit tests of router-originated traceroute, natively and through LISP
 *
 * Natively on the two-interface test router (memory ports, manual clock):
 * the probes' TTLs, ports and checksums (tshark reads them back), hops
 * answering with Time Exceeded, two addresses in one hop, unreachables
 * ending the trace with their markers, timeouts, the TTL range, the
 * router's own address, bad parameters and cancelling.  Through LISP in
 * the seed lab (test_lisp_lab.h): lisp1 traces lisp2's EID from its own
 * EID: the first probe is lost while the mapping resolves, the
 * mapserver's Time Exceeded about the encapsulated probe names hop 1, and
 * lisp2's EID answers hop 2 (the tunnel is one hop).  A trace from the
 * RLOC address to outsideworld goes natively.
 *
 * IPv6 the same way: the probes' hop limits, ports and mandatory UDP
 * checksums (tshark), ICMPv6 Time Exceeded from the hops, the
 * Destination Unreachable codes and Parameter Problem as markers, port
 * unreachable from the destination, the router's own IPv6 address, the
 * IPv6 parameter checks; and lisp1 tracing lisp2's IPv6 EID across the
 * IPv4 RLOC space (mapserver's ICMPv4 Time Exceeded quotes the IPv6 probe
 * inside the LISP packet: an IPv4 hop in an IPv6 trace).  A trace in a
 * VRF is routed in its table, from its addresses.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "test_lisp_lab.h"
#include "icmpv6.h"
#include "ipv6.h"
#include "pktgen.h"
#include "traceroute.h"
#include "vrf.h"

static struct trt T;
static uint8_t out[2048];

#define MAXP 64

struct tstate {
	struct tr_probe p[MAXP];
	unsigned n;
	struct tr_result res;
	int done;
};

static int setup(void) { return 0; }
static int teardown(void) { return 0; }

static void on_probe(void *arg, const struct tr_probe *p)
{
	struct tstate *s = arg;

	if (s->n < MAXP)
		s->p[s->n++] = *p;
}

static void on_done(void *arg, const struct tr_result *res)
{
	struct tstate *s = arg;

	s->res = *res;
	s->done++;
}

static unsigned start_on(struct router *r, struct tstate *s, const char *dst, const char *srcif,
			 const char *src, unsigned probes, unsigned ttl_min, unsigned ttl_max,
			 char *err, size_t errlen)
{
	struct tr_params tp;

	memset(&tp, 0, sizeof(tp));
	memset(s, 0, sizeof(*s));
	addr_set_v4(&tp.dst, ip4(dst));
	if (srcif)
		snprintf(tp.src_ifname, sizeof(tp.src_ifname), "%s", srcif);
	if (src)
		addr_set_v4(&tp.src, ip4(src));
	tp.probes = probes;
	tp.ttl_min = ttl_min;
	tp.ttl_max = ttl_max;
	return traceroute_start(r, &tp, on_probe, on_done, s, err, errlen);
}

static unsigned start(struct tstate *s, const char *dst, unsigned probes, unsigned ttl_min,
		      unsigned ttl_max)
{
	char err[160];

	return start_on(T.r, s, dst, NULL, NULL, probes, ttl_min, ttl_max, err, sizeof(err));
}

/* The UDP checksum of the probe at ip, computed here independently. */
static uint16_t udp_sum(const uint8_t *ip)
{
	uint8_t ps[12 + 8];

	memcpy(ps, ip + 12, 8);
	ps[8] = 0;
	ps[9] = 17;
	ps[10] = 0;
	ps[11] = 8;
	memcpy(ps + 12, ip + 20, 8);
	return ipv4_cksum(ps, sizeof(ps));
}

/* Take the probe the router sent on Ethernet1; check it is one. */
static long take_probe(unsigned ttl, unsigned dport)
{
	const uint8_t *ip = out + 14;
	long n = port_mem_pop(T.p1, out, sizeof(out), NULL);

	CU_ASSERT_EQUAL_FATAL(n, 14 + 28);
	CU_ASSERT_EQUAL(ip[9], 17);
	CU_ASSERT_EQUAL(ip[8], ttl);
	CU_ASSERT_EQUAL(get16(ip + 2), 28);
	CU_ASSERT_EQUAL(ipv4_cksum(ip, 20), 0);
	CU_ASSERT_EQUAL(get16(ip + 22), dport);
	CU_ASSERT_EQUAL(get16(ip + 24), 8);
	CU_ASSERT_EQUAL(udp_sum(ip), 0);
	CU_ASSERT_EQUAL(get_ip(ip + 12), ip4("10.0.2.1"));
	return n;
}

/* Someone beyond B (from) answers the probe just taken with an ICMP error. */
static void icmp_answer(const char *from, uint8_t type, uint8_t code)
{
	uint8_t f[512], *ip = f + 14, *icmp = ip + 20;
	uint16_t sum;
	size_t q = 28;

	mk_eth(f, MAC_R1, MAC_B, 0x0800);
	icmp[0] = type;
	icmp[1] = code;
	icmp[2] = icmp[3] = 0;
	memset(icmp + 4, 0, 4);
	memcpy(icmp + 8, out + 14, q);
	sum = ipv4_cksum(icmp, 8 + q);
	memcpy(icmp + 2, &sum, 2);
	t_in(&T, T.p1, f, 14 + mk_ip(ip, ip4(from), ip4("10.0.2.1"), 1, 64, 0, 8 + q, 0));
	t_advance(&T, 0);
}

static void route_via_b(void)
{
	struct prefix p;
	struct addr gw;
	char err[128];

	prefix_parse("0.0.0.0/0", &p, NULL, 0);
	addr_set_v4(&gw, ip4("10.0.2.20"));
	CU_ASSERT_EQUAL_FATAL(fib_static_add(T.r, &p, &gw, NULL, 1, err, sizeof(err)), 0);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
}

/* tshark reads the probes back: UDP to 33434 up, checksums good. */
static void tshark_check(const char *pcap, unsigned nprobes)
{
	char cmd[512], line[256];
	unsigned n = 0;
	FILE *p;
	const char *t = getenv("TSHARK");

	snprintf(cmd, sizeof(cmd), "'%s' -n -r '%s' -o udp.check_checksum:TRUE -T fields "
		 "-e ip.ttl -e udp.dstport -e udp.checksum.status -e _ws.malformed 2>/dev/null",
		 t && *t ? t : "tshark", pcap);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while (fgets(line, sizeof(line), p)) {
		unsigned ttl, port, st;
		char rest[64] = "";

		CU_ASSERT_EQUAL(sscanf(line, "%u\t%u\t%u\t%63[^\n]", &ttl, &port, &st, rest) >= 3, 1);
		CU_ASSERT_EQUAL(port, 33434 + n);
		CU_ASSERT_EQUAL(ttl, 1 + n / 3);
		CU_ASSERT_EQUAL(st, 1);		/* Good */
		CU_ASSERT_STRING_EQUAL(rest, "");
		n++;
	}
	CU_ASSERT_EQUAL(pclose(p), 0);
	CU_ASSERT_EQUAL(n, nprobes);
}

static void test_trace_hops(void)
{
	char pcap[] = "/tmp/lispr-trace-XXXXXX";
	struct pktgen_pcap *pc;
	struct tstate s;
	int fd;

	fd = mkstemp(pcap);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	pc = pktgen_pcap_open(pcap, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	trt_setup(&T);
	route_via_b();
	CU_ASSERT_NOT_EQUAL(start(&s, "4.2.2.2", 0, 0, 0), 0);
	CU_ASSERT_EQUAL(traceroute_active(T.r), 1);
	/* Hop 1: B answers twice after 2 and 3 ms, then the probe is lost. */
	pktgen_pcap_write(pc, out, (size_t)take_probe(1, 33434));
	t_advance(&T, 2 * NS_PER_MS);
	icmp_answer("10.0.2.20", 11, 0);
	pktgen_pcap_write(pc, out, (size_t)take_probe(1, 33435));
	t_advance(&T, 3 * NS_PER_MS);
	icmp_answer("10.0.2.20", 11, 0);
	pktgen_pcap_write(pc, out, (size_t)take_probe(1, 33436));
	/* An answer quoting another port is not this probe's. */
	out[14 + 23] ^= 1;
	icmp_answer("10.0.2.20", 11, 0);
	out[14 + 23] ^= 1;
	CU_ASSERT_EQUAL(s.n, 2);
	t_advance(&T, 3 * T_SEC);
	CU_ASSERT_EQUAL(s.n, 3);
	/* Hop 2: two routers share it, then a host unreachable ends the trace. */
	pktgen_pcap_write(pc, out, (size_t)take_probe(2, 33437));
	icmp_answer("10.9.9.1", 11, 0);
	pktgen_pcap_write(pc, out, (size_t)take_probe(2, 33438));
	icmp_answer("10.9.9.2", 11, 0);
	pktgen_pcap_write(pc, out, (size_t)take_probe(2, 33439));
	icmp_answer("10.9.9.2", 3, 1);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL_FATAL(s.n, 6);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_TRUE(s.res.reached);
	CU_ASSERT_EQUAL(s.res.sent, 6);
	CU_ASSERT_EQUAL(s.res.answered, 5);
	CU_ASSERT_EQUAL(s.res.last_ttl, 2);
	CU_ASSERT_EQUAL(s.p[0].kind, TR_TIME_EXCEEDED);
	CU_ASSERT_EQUAL(s.p[0].from.u.v4, ip4("10.0.2.20"));
	CU_ASSERT_EQUAL(s.p[0].rtt_us, 2000);
	CU_ASSERT_EQUAL(s.p[1].rtt_us, 3000);
	CU_ASSERT_EQUAL(s.p[1].n, 1);
	CU_ASSERT_EQUAL(s.p[2].kind, TR_TIMEOUT);
	CU_ASSERT_EQUAL(s.p[3].ttl, 2);
	CU_ASSERT_EQUAL(s.p[3].n, 0);
	CU_ASSERT_EQUAL(s.p[3].from.u.v4, ip4("10.9.9.1"));
	CU_ASSERT_EQUAL(s.p[4].from.u.v4, ip4("10.9.9.2"));
	CU_ASSERT_EQUAL(s.p[5].kind, TR_UNREACH);
	CU_ASSERT_STRING_EQUAL(s.p[5].mark, "!H");
	CU_ASSERT_EQUAL(traceroute_active(T.r), 0);
	trt_teardown(&T);
	CU_ASSERT_EQUAL(pktgen_pcap_close(pc), 0);
	tshark_check(pcap, 6);
	unlink(pcap);
}

static void test_trace_markers(void)
{
	static const struct { uint8_t code; const char *mark; } m[] = {
		{ 0, "!N" }, { 1, "!H" }, { 2, "!P" }, { 13, "!A" }, { 10, "!A" }, { 5, "!U" },
	};
	struct tstate s;

	trt_setup(&T);
	route_via_b();
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		CU_ASSERT_NOT_EQUAL(start(&s, "4.2.2.2", 1, 0, 0), 0);
		take_probe(1, 33434);
		icmp_answer("10.0.2.20", 3, m[i].code);
		CU_ASSERT_EQUAL(s.done, 1);
		CU_ASSERT_EQUAL(s.n, 1);
		CU_ASSERT_STRING_EQUAL(s.p[0].mark, m[i].mark);
	}
	/* Port unreachable: the destination answered, no marker, done. */
	CU_ASSERT_NOT_EQUAL(start(&s, "4.2.2.2", 2, 0, 0), 0);
	take_probe(1, 33434);
	icmp_answer("4.2.2.2", 3, 3);
	take_probe(1, 33435);
	icmp_answer("4.2.2.2", 3, 3);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_EQUAL(s.p[1].kind, TR_REACHED);
	CU_ASSERT_STRING_EQUAL(s.p[1].mark, "");
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	trt_teardown(&T);
}

static void test_trace_timeouts(void)
{
	struct tstate s;
	struct tr_params tp;
	char err[160];
	int i;

	trt_setup(&T);
	route_via_b();
	/* ttl 3 4, nobody answers: two hops of two '*', 1 s apart. */
	memset(&tp, 0, sizeof(tp));
	memset(&s, 0, sizeof(s));
	addr_set_v4(&tp.dst, ip4("4.2.2.2"));
	tp.probes = 2;
	tp.ttl_min = 3;
	tp.ttl_max = 4;
	tp.timeout_ms = 1000;
	tp.port = 40000;
	CU_ASSERT_NOT_EQUAL_FATAL(traceroute_start(T.r, &tp, on_probe, on_done, &s, err, sizeof(err)), 0);
	for (i = 0; i < 4; i++) {
		take_probe(3 + (unsigned)i / 2, 40000 + (unsigned)i);
		t_advance(&T, 999 * NS_PER_MS);
		CU_ASSERT_EQUAL(s.n, (unsigned)i);
		t_advance(&T, NS_PER_MS);
		CU_ASSERT_EQUAL(s.n, (unsigned)i + 1);
	}
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_FALSE(s.res.reached);
	CU_ASSERT_EQUAL(s.res.answered, 0);
	CU_ASSERT_EQUAL(s.res.last_ttl, 4);
	CU_ASSERT_EQUAL(s.p[3].kind, TR_TIMEOUT);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	trt_teardown(&T);
}

static void test_trace_self_and_errors(void)
{
	struct tstate s;
	char err[160];
	unsigned id;

	trt_setup(&T);
	/* Our own address: port unreachable from it at hop 1, nothing sent. */
	CU_ASSERT_NOT_EQUAL(start(&s, "2.2.2.2", 0, 0, 0), 0);
	CU_ASSERT_EQUAL(s.done, 0);
	for (int i = 0; i < 3; i++)
		t_advance(&T, 0);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_EQUAL(s.n, 3);
	CU_ASSERT_EQUAL(s.p[2].kind, TR_REACHED);
	CU_ASSERT_EQUAL(s.p[2].from.u.v4, ip4("2.2.2.2"));
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0) + port_mem_out_count(T.p1), 0);
	/* Port unreachables for us come from the address probed. */
	CU_ASSERT_NOT_EQUAL(start(&s, "10.0.1.1", 1, 0, 0), 0);
	t_advance(&T, 0);
	CU_ASSERT_EQUAL(s.p[0].from.u.v4, ip4("10.0.1.1"));
	/* Bad parameters, in IOS's words. */
	CU_ASSERT_EQUAL(start_on(T.r, &s, "4.2.2.2", "Ethernet9", NULL, 0, 0, 0, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "Invalid source interface"));
	CU_ASSERT_EQUAL(start_on(T.r, &s, "4.2.2.2", NULL, "10.9.9.9", 0, 0, 0, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "Invalid source address"));
	CU_ASSERT_EQUAL(start_on(T.r, &s, "4.2.2.2", NULL, NULL, 0, 5, 2, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "TTL"));
	CU_ASSERT_EQUAL(start_on(T.r, &s, "0.0.0.0", NULL, NULL, 0, 0, 0, err, sizeof(err)), 0);
	/* Cancel: done runs once, with cancelled set; the timer is gone. */
	route_via_b();
	id = start_on(T.r, &s, "4.2.2.2", "Loopback0", NULL, 0, 0, 0, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL_FATAL(id, 0);
	CU_ASSERT_EQUAL(port_mem_pop(T.p1, out, sizeof(out), NULL), 42);
	CU_ASSERT_EQUAL(get_ip(out + 14 + 12), ip4("2.2.2.2"));
	traceroute_cancel(T.r, id);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_TRUE(s.res.cancelled);
	t_advance(&T, 10 * T_SEC);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	trt_teardown(&T);
}

/* Trace from lab router r until done. */
static void lab_trace(struct lab *L, int r, const char *dst, const char *srcif, struct tstate *s)
{
	char err[160];
	int guard;

	CU_ASSERT_NOT_EQUAL_FATAL(start_on(L->r[r], s, dst, srcif, NULL, 0, 0, 8, err, sizeof(err)), 0);
	lab_pump(L);
	for (guard = 0; !s->done && guard < 100000; guard++)
		lab_step(L, 10 * NS_PER_MS);
	CU_ASSERT_EQUAL(s->done, 1);
}

static void test_trace_lisp(void)
{
	struct lab L;
	struct tstate s;
	size_t i, encap = 0;

	lab_setup(&L, true);
	lab_run(&L, 2000);		/* registrations */
	lab_clear_capture(&L);
	lab_trace(&L, LISP1, "192.168.2.1", "Loopback0", &s);
	/* Hop 1: lost while the map-cache fills, then the mapserver, whose
	 * Time Exceeded quotes the encapsulated probe. */
	CU_ASSERT_EQUAL_FATAL(s.n, 6);
	CU_ASSERT_EQUAL(s.p[0].kind, TR_TIMEOUT);
	CU_ASSERT_EQUAL(s.p[1].kind, TR_TIME_EXCEEDED);
	CU_ASSERT_EQUAL(s.p[1].from.u.v4, ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(s.p[2].from.u.v4, ip4("10.0.1.1"));
	/* Hop 2: lisp2's EID answers across the tunnel, once lisp2 knows the
	 * way back (its first answer is lost to its own resolution). */
	CU_ASSERT_EQUAL(s.p[3].ttl, 2);
	CU_ASSERT_EQUAL(s.p[3].kind, TR_TIMEOUT);
	CU_ASSERT_EQUAL(s.p[4].kind, TR_REACHED);
	CU_ASSERT_EQUAL(s.p[4].from.u.v4, ip4("192.168.2.1"));
	CU_ASSERT_EQUAL(s.p[5].kind, TR_REACHED);
	CU_ASSERT_TRUE(s.res.reached);
	CU_ASSERT_EQUAL(s.res.last_ttl, 2);
	/* The probes crossed link 1 encapsulated, outer TTL = the probe's. */
	for (i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];
		const uint8_t *ip = f->d + 14;
		size_t len;
		const uint8_t *lisp = lab_udp(f, 4341, &len);

		if (!lisp || f->from != LISP1 || len < 8 + 28 || lisp[8 + 9] != 17)
			continue;
		CU_ASSERT_EQUAL(ip[8], lisp[8 + 8]);
		CU_ASSERT_EQUAL(get_ip(lisp + 8 + 12), ip4("192.168.1.1"));
		encap++;
	}
	CU_ASSERT_EQUAL(encap, 5);

	/* From the RLOC address: not an EID source, so natively to
	 * outsideworld, two hops. */
	lab_trace(&L, LISP1, "4.2.2.2", NULL, &s);
	CU_ASSERT_EQUAL_FATAL(s.n, 6);
	CU_ASSERT_EQUAL(s.p[0].from.u.v4, ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(s.p[2].kind, TR_TIME_EXCEEDED);
	CU_ASSERT_EQUAL(s.p[3].from.u.v4, ip4("4.2.2.2"));
	CU_ASSERT_EQUAL(s.p[5].kind, TR_REACHED);
	lab_teardown(&L);
}


/* ------------------------------------------------------------ IPv6 */

static struct addr A6(const char *s)
{
	struct addr a;
	uint8_t b[16];

	CU_ASSERT_FATAL(inet_pton(AF_INET6, s, b) == 1);
	addr_set_v6(&a, b);
	return a;
}

static void add6(struct router *r, struct iface *ifp, const char *a, unsigned plen)
{
	struct addr x = A6(a);
	char err[160];

	CU_ASSERT_EQUAL_FATAL(iface6_add_addr(r, ifp, &x, plen, false, err, sizeof(err)), 0);
}

static unsigned start6(struct router *r, struct tstate *s, const char *dst, const char *srcif,
		       const char *src, unsigned probes, char *err, size_t errlen)
{
	struct tr_params tp;

	memset(&tp, 0, sizeof(tp));
	memset(s, 0, sizeof(*s));
	tp.dst = A6(dst);
	if (srcif)
		snprintf(tp.src_ifname, sizeof(tp.src_ifname), "%s", srcif);
	if (src)
		tp.src = A6(src);
	tp.probes = probes;
	return traceroute_start(r, &tp, on_probe, on_done, s, err, errlen);
}

/* The two-interface router with 2001:db8:1::1/64 and 2001:db8:2::1/64,
 * Loopback0 2001:db8::2/128, ::/0 via B (2001:db8:2::20). */
static void setup6(void)
{
	struct prefix p = P4("::/0");
	struct addr gw = A6("2001:db8:2::20");
	char err[160];

	trt_setup(&T);
	add6(T.r, T.e0, "2001:db8:1::1", 64);
	add6(T.r, T.e1, "2001:db8:2::1", 64);
	add6(T.r, T.lo, "2001:db8::2", 128);
	ipv6_set_routing(T.r, true);
	ipv6_set_icmp_error_interval(T.r, 0, 0);
	t_advance(&T, 2 * T_SEC);		/* DAD done */
	port_mem_flush(T.p0);
	port_mem_flush(T.p1);
	CU_ASSERT_EQUAL_FATAL(fib6_static_add(T.r, &p, &gw, NULL, 1, err, sizeof(err)), 0);
}

/* B answers the router's Neighbor Solicitation (the frame in out). */
static void answer_ns_b(void)
{
	uint8_t f[128], *ip = f + 14, *icmp = ip + 40;
	struct addr b = A6("2001:db8:2::20"), r1 = A6("2001:db8:2::1");
	uint16_t sum;

	CU_ASSERT_EQUAL_FATAL(out[14 + 40], ND_NEIGHBOR_SOLICIT);
	mk_eth(f, MAC_R1, MAC_B, 0x86dd);
	ipv6_build_hdr(ip, 32, 58, 255, b.u.b, r1.u.b);
	memset(icmp, 0, 32);
	icmp[0] = ND_NEIGHBOR_ADVERT;
	icmp[4] = 0x60;			/* solicited, override */
	memcpy(icmp + 8, b.u.b, 16);
	icmp[24] = 2;			/* target link-layer address */
	icmp[25] = 1;
	memcpy(icmp + 26, MAC_B, 6);
	sum = ipv6_l4_cksum(ip, 58, icmp, 32);
	memcpy(icmp + 2, &sum, 2);
	t_in(&T, T.p1, f, 14 + 40 + 32);
}

/* Take the IPv6 probe the router sent on Ethernet1 (answering its
 * Neighbor Solicitation for B first if it sent one). */
static long take_probe6(unsigned hlim, unsigned dport, const char *src)
{
	const uint8_t *ip = out + 14;
	struct addr a = A6(src);
	long n = port_mem_pop(T.p1, out, sizeof(out), NULL);

	if (n > 14 + 40 && ip[6] == 58) {
		answer_ns_b();
		n = port_mem_pop(T.p1, out, sizeof(out), NULL);
	}
	CU_ASSERT_EQUAL_FATAL(n, 14 + 48);
	CU_ASSERT_EQUAL(get16(out + 12), 0x86dd);
	CU_ASSERT_EQUAL(ip[6], 17);
	CU_ASSERT_EQUAL(ip[7], hlim);
	CU_ASSERT_EQUAL(get16(ip + 4), 8);
	CU_ASSERT_EQUAL(get16(ip + 42), dport);
	CU_ASSERT_EQUAL(get16(ip + 44), 8);
	CU_ASSERT_NOT_EQUAL(get16(ip + 46), 0);	/* mandatory in IPv6 */
	CU_ASSERT_EQUAL(ipv6_l4_cksum(ip, 17, ip + 40, 8), 0);
	CU_ASSERT_EQUAL(memcmp(ip + 8, a.u.b, 16), 0);
	CU_ASSERT_EQUAL(memcmp(out, MAC_B, 6), 0);
	return n;
}

/* Someone beyond B (from) answers the probe just taken with an ICMPv6 error. */
static void icmp6_answer(const char *from, uint8_t type, uint8_t code)
{
	uint8_t f[512], *ip = f + 14, *icmp = ip + 40;
	struct addr a = A6(from);
	uint16_t sum;
	size_t q = 48;

	mk_eth(f, MAC_R1, MAC_B, 0x86dd);
	ipv6_build_hdr(ip, (uint16_t)(8 + q), 58, 64, a.u.b, out + 14 + 8);
	icmp[0] = type;
	icmp[1] = code;
	memset(icmp + 2, 0, 6);
	memcpy(icmp + 8, out + 14, q);
	sum = ipv6_l4_cksum(ip, 58, icmp, 8 + q);
	memcpy(icmp + 2, &sum, 2);
	t_in(&T, T.p1, f, 14 + 40 + 8 + q);
	t_advance(&T, 0);
}

static void tshark_check6(const char *pcap, unsigned nprobes)
{
	char cmd[512], line[256];
	unsigned n = 0;
	FILE *p;
	const char *t = getenv("TSHARK");

	snprintf(cmd, sizeof(cmd), "'%s' -n -r '%s' -o udp.check_checksum:TRUE -T fields "
		 "-e ipv6.hlim -e udp.dstport -e udp.checksum.status -e ipv6.dst -e _ws.malformed "
		 "2>/dev/null", t && *t ? t : "tshark", pcap);
	p = popen(cmd, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while (fgets(line, sizeof(line), p)) {
		unsigned hlim, port, st;
		char dst[64] = "", rest[64] = "";

		CU_ASSERT_EQUAL(sscanf(line, "%u\t%u\t%u\t%63[^\t\n]\t%63[^\n]", &hlim, &port, &st,
				       dst, rest) >= 4, 1);
		CU_ASSERT_EQUAL(port, 33434 + n);
		CU_ASSERT_EQUAL(hlim, 1 + n / 2);
		CU_ASSERT_EQUAL(st, 1);		/* Good */
		CU_ASSERT_STRING_EQUAL(dst, "2001:4860::8888");
		CU_ASSERT_STRING_EQUAL(rest, "");
		n++;
	}
	CU_ASSERT_EQUAL(pclose(p), 0);
	CU_ASSERT_EQUAL(n, nprobes);
}

static void test_trace6_hops(void)
{
	char pcap[] = "/tmp/lispr-trace6-XXXXXX", err[160];
	struct pktgen_pcap *pc;
	struct tstate s;
	int fd;

	fd = mkstemp(pcap);
	CU_ASSERT_FATAL(fd >= 0);
	close(fd);
	pc = pktgen_pcap_open(pcap, 1);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	setup6();
	CU_ASSERT_NOT_EQUAL_FATAL(start6(T.r, &s, "2001:4860::8888", NULL, NULL, 2, err,
					 sizeof(err)), 0);
	/* Hop 1: B, after 2 ms, then a Time Exceeded quoting another port. */
	pktgen_pcap_write(pc, out, (size_t)take_probe6(1, 33434, "2001:db8:2::1"));
	t_advance(&T, 2 * NS_PER_MS);
	icmp6_answer("2001:db8:2::20", ICMP6_TIME_EXCEEDED, 0);
	pktgen_pcap_write(pc, out, (size_t)take_probe6(1, 33435, "2001:db8:2::1"));
	out[14 + 43] ^= 1;
	icmp6_answer("2001:db8:2::20", ICMP6_TIME_EXCEEDED, 0);
	out[14 + 43] ^= 1;
	CU_ASSERT_EQUAL(s.n, 1);
	t_advance(&T, 3 * T_SEC);
	CU_ASSERT_EQUAL(s.n, 2);
	/* Hop 2: two routers, then the destination's port unreachable. */
	pktgen_pcap_write(pc, out, (size_t)take_probe6(2, 33436, "2001:db8:2::1"));
	icmp6_answer("2001:db8:99::1", ICMP6_TIME_EXCEEDED, 0);
	pktgen_pcap_write(pc, out, (size_t)take_probe6(2, 33437, "2001:db8:2::1"));
	icmp6_answer("2001:4860::8888", ICMP6_UNREACH, ICMP6_UNREACH_PORT);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	CU_ASSERT_EQUAL_FATAL(s.n, 4);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_TRUE(s.res.reached);
	CU_ASSERT_EQUAL(s.res.sent, 4);
	CU_ASSERT_EQUAL(s.res.answered, 3);
	CU_ASSERT_EQUAL(s.res.last_ttl, 2);
	CU_ASSERT_TRUE(addr_eq(&s.res.src, &(struct addr){ 0 }) == false);
	CU_ASSERT_EQUAL(s.p[0].kind, TR_TIME_EXCEEDED);
	CU_ASSERT_TRUE(addr_eq(&s.p[0].from, &(struct addr){ 0 }) == false);
	{
		struct addr b = A6("2001:db8:2::20"), h = A6("2001:db8:99::1"),
			    d = A6("2001:4860::8888");

		CU_ASSERT_TRUE(addr_eq(&s.p[0].from, &b));
		CU_ASSERT_TRUE(addr_eq(&s.p[2].from, &h));
		CU_ASSERT_TRUE(addr_eq(&s.p[3].from, &d));
	}
	CU_ASSERT_EQUAL(s.p[0].rtt_us, 2000);
	CU_ASSERT_EQUAL(s.p[1].kind, TR_TIMEOUT);
	CU_ASSERT_EQUAL(s.p[3].kind, TR_REACHED);
	CU_ASSERT_STRING_EQUAL(s.p[3].mark, "");
	CU_ASSERT_EQUAL(traceroute_active(T.r), 0);
	trt_teardown(&T);
	CU_ASSERT_EQUAL(pktgen_pcap_close(pc), 0);
	tshark_check6(pcap, 4);
	unlink(pcap);
}

static void test_trace6_markers(void)
{
	static const struct { uint8_t type, code; const char *mark; } m[] = {
		{ ICMP6_UNREACH, ICMP6_UNREACH_NOROUTE, "!N" },
		{ ICMP6_UNREACH, ICMP6_UNREACH_ADMIN, "!A" },
		{ ICMP6_UNREACH, 6, "!A" },
		{ ICMP6_UNREACH, ICMP6_UNREACH_ADDR, "!H" },
		{ ICMP6_UNREACH, ICMP6_UNREACH_SCOPE, "!U" },
		{ ICMP6_PARAM_PROB, 1, "!P" },
	};
	struct tstate s;
	char err[160];

	setup6();
	for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++) {
		CU_ASSERT_NOT_EQUAL(start6(T.r, &s, "2001:4860::8888", NULL, NULL, 1, err,
					   sizeof(err)), 0);
		take_probe6(1, 33434, "2001:db8:2::1");
		icmp6_answer("2001:db8:2::20", m[i].type, m[i].code);
		CU_ASSERT_EQUAL(s.done, 1);
		CU_ASSERT_EQUAL(s.n, 1);
		CU_ASSERT_EQUAL(s.p[0].kind, TR_UNREACH);
		CU_ASSERT_STRING_EQUAL(s.p[0].mark, m[i].mark);
	}
	/* Packet Too Big and Parameter Problem code 0 end nothing. */
	CU_ASSERT_NOT_EQUAL(start6(T.r, &s, "2001:4860::8888", NULL, NULL, 1, err, sizeof(err)), 0);
	take_probe6(1, 33434, "2001:db8:2::1");
	icmp6_answer("2001:db8:2::20", ICMP6_TOO_BIG, 0);
	icmp6_answer("2001:db8:2::20", ICMP6_PARAM_PROB, 0);
	CU_ASSERT_EQUAL(s.n, 0);
	icmp6_answer("2001:db8:2::20", ICMP6_TIME_EXCEEDED, 0);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_EQUAL(s.done, 0);
	take_probe6(2, 33435, "2001:db8:2::1");
	trt_teardown(&T);
}

static void test_trace6_self_and_errors(void)
{
	struct addr lo = A6("2001:db8::2"), e0 = A6("2001:db8:1::1");
	struct tstate s;
	char err[160];
	unsigned id;

	setup6();
	/* Our own address: port unreachable from it at hop 1, nothing sent. */
	CU_ASSERT_NOT_EQUAL(start6(T.r, &s, "2001:db8::2", NULL, NULL, 0, err, sizeof(err)), 0);
	for (int i = 0; i < 6 && !s.done; i++)
		t_advance(&T, 0);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_EQUAL_FATAL(s.n, 3);
	CU_ASSERT_EQUAL(s.p[2].kind, TR_REACHED);
	CU_ASSERT_TRUE(addr_eq(&s.p[2].from, &lo));
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0) + port_mem_out_count(T.p1), 0);
	/* From the address probed. */
	CU_ASSERT_NOT_EQUAL(start6(T.r, &s, "2001:db8:1::1", NULL, NULL, 1, err, sizeof(err)), 0);
	for (int i = 0; i < 3 && !s.done; i++)
		t_advance(&T, 0);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_TRUE(addr_eq(&s.p[0].from, &e0));
	/* Bad parameters, in IOS's words. */
	CU_ASSERT_EQUAL(start6(T.r, &s, "2001:4860::1", "Ethernet9", NULL, 0, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "Invalid source interface"));
	CU_ASSERT_EQUAL(start6(T.r, &s, "2001:4860::1", NULL, "2001:db8:7::1", 0, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "Invalid source address"));
	CU_ASSERT_EQUAL(start6(T.r, &s, "fe80::1", NULL, NULL, 0, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "Output interface is required"));
	CU_ASSERT_EQUAL(start6(T.r, &s, "ff02::1", NULL, NULL, 0, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(start6(T.r, &s, "::", NULL, NULL, 0, err, sizeof(err)), 0);
	/* A source interface gives the source; cancel stops the timer. */
	id = start6(T.r, &s, "2001:4860::1", "Loopback0", NULL, 0, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL_FATAL(id, 0);
	take_probe6(1, 33434, "2001:db8::2");
	traceroute_cancel(T.r, id);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_TRUE(s.res.cancelled);
	CU_ASSERT_TRUE(addr_eq(&s.res.src, &lo));
	t_advance(&T, 10 * T_SEC);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	/* A link-local destination with its interface: out of it, from
	 * its link-local. */
	id = start6(T.r, &s, "fe80::20", "Ethernet1", NULL, 1, err, sizeof(err));
	CU_ASSERT_NOT_EQUAL_FATAL(id, 0);
	CU_ASSERT_EQUAL_FATAL(port_mem_pop(T.p1, out, sizeof(out), NULL) > 14 + 40, 1);
	CU_ASSERT_EQUAL(out[14 + 8], 0xfe);	/* the NS for it, from our link-local */
	traceroute_cancel(T.r, id);
	trt_teardown(&T);
}

/* lisp1 traces lisp2's IPv6 EID over the IPv4 RLOCs. */
static void test_trace6_lisp(void)
{
	struct lab L;
	struct tstate s;
	struct prefix p1 = P4("2001:db8:1::/48"), p2 = P4("2001:db8:2::/48");
	struct addr e2 = A6("2001:db8:2::1");
	struct lisp_loc_cfg loc;
	char err[160];
	int guard;

	lab_setup(&L, true);
	add6(L.r[LISP1], iface_find(L.r[LISP1], "Loopback0"), "2001:db8:1::1", 128);
	add6(L.r[LISP2], iface_find(L.r[LISP2], "Loopback0"), "2001:db8:2::1", 128);
	ipv6_set_routing(L.r[LISP1], true);
	ipv6_set_routing(L.r[LISP2], true);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "A", &p1, false, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], "B", &p2, false, err, sizeof(err)), 0);
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	loc.addr = A4("10.0.1.2");
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP1], &p1, &loc, err, sizeof(err)), 0);
	loc.addr = A4("10.0.2.2");
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p2, &loc, err, sizeof(err)), 0);
	lab_run(&L, 3000);
	CU_ASSERT_NOT_EQUAL_FATAL(start6(L.r[LISP1], &s, "2001:db8:2::1", "Loopback0", NULL, 0,
					 err, sizeof(err)), 0);
	lab_pump(&L);
	for (guard = 0; !s.done && guard < 100000; guard++)
		lab_step(&L, 10 * NS_PER_MS);
	CU_ASSERT_EQUAL(s.done, 1);
	/* Hop 1: lost while the map-cache fills, then mapserver's ICMPv4
	 * Time Exceeded about the IPv6 probe in the IPv4 LISP packet. */
	CU_ASSERT_EQUAL_FATAL(s.n, 6);
	CU_ASSERT_EQUAL(s.p[0].kind, TR_TIMEOUT);
	CU_ASSERT_EQUAL(s.p[1].kind, TR_TIME_EXCEEDED);
	CU_ASSERT_TRUE(addr_is_v4(&s.p[1].from));
	CU_ASSERT_EQUAL(s.p[1].from.u.v4, ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(s.p[2].from.u.v4, ip4("10.0.1.1"));
	/* Hop 2: lisp2's EID, once lisp2 resolved the way back. */
	CU_ASSERT_EQUAL(s.p[3].ttl, 2);
	CU_ASSERT_EQUAL(s.p[3].kind, TR_TIMEOUT);
	CU_ASSERT_EQUAL(s.p[4].kind, TR_REACHED);
	CU_ASSERT_TRUE(addr_eq(&s.p[4].from, &e2));
	CU_ASSERT_EQUAL(s.p[5].kind, TR_REACHED);
	CU_ASSERT_TRUE(s.res.reached);
	lab_teardown(&L);
}

/* 'traceroute vrf': Ethernet1 in VRF RED with a default route of its own;
 * the global table has none. */
static void test_trace_vrf(void)
{
	struct prefix p = P4("0.0.0.0/0");
	struct addr gw = A4("10.0.2.20");
	struct tr_params tp;
	struct tstate s;
	char err[160], msg[160];
	int red;

	trt_setup(&T);
	red = vrf_create(T.r, "RED", false, err, sizeof(err));
	CU_ASSERT_FATAL(red > 0);
	CU_ASSERT_EQUAL_FATAL(iface_set_vrf(T.r, T.e1, (unsigned)red, msg, sizeof(msg)), 0);
	t_addr(T.r, T.e1, "10.0.2.1", 24);
	CU_ASSERT_EQUAL_FATAL(fib_static_add_vrf(T.r, (unsigned)red, &p, &gw, NULL, 1, err,
						 sizeof(err)), 0);
	t_learn(&T, T.p1, MAC_B, "10.0.2.20", "10.0.2.1");
	port_mem_flush(T.p0);
	port_mem_flush(T.p1);
	/* The global table has no route: nothing leaves. */
	CU_ASSERT_NOT_EQUAL(start(&s, "4.2.2.2", 1, 1, 1), 0);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p0) + port_mem_out_count(T.p1), 0);
	t_advance(&T, 3 * T_SEC);
	CU_ASSERT_EQUAL(s.done, 1);
	/* In RED: out of Ethernet1 from its address, B's answer matched. */
	memset(&tp, 0, sizeof(tp));
	memset(&s, 0, sizeof(s));
	tp.dst = A4("4.2.2.2");
	tp.vrf = (unsigned)red;
	tp.probes = 1;
	tp.ttl_max = 2;
	CU_ASSERT_NOT_EQUAL_FATAL(traceroute_start(T.r, &tp, on_probe, on_done, &s, err,
						   sizeof(err)), 0);
	take_probe(1, 33434);
	icmp_answer("10.0.2.20", 11, 0);
	CU_ASSERT_EQUAL(s.n, 1);
	CU_ASSERT_EQUAL(s.p[0].kind, TR_TIME_EXCEEDED);
	take_probe(2, 33435);
	icmp_answer("4.2.2.2", 3, 3);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_TRUE(s.res.reached);
	CU_ASSERT_EQUAL(s.res.src.u.v4, ip4("10.0.2.1"));
	/* A source interface of another VRF, a VRF that does not exist. */
	snprintf(tp.src_ifname, sizeof(tp.src_ifname), "Ethernet0");
	CU_ASSERT_EQUAL(traceroute_start(T.r, &tp, on_probe, on_done, &s, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "is not in VRF RED"));
	tp.src_ifname[0] = '\0';
	tp.vrf = 77;
	CU_ASSERT_EQUAL(traceroute_start(T.r, &tp, on_probe, on_done, &s, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(port_mem_out_count(T.p1), 0);
	trt_teardown(&T);
}

static CU_TestInfo tests[] = {
	{ "hops, ports, checksums (tshark)", test_trace_hops },
	{ "unreachable markers end the trace", test_trace_markers },
	{ "timeouts and the TTL range", test_trace_timeouts },
	{ "own address, bad parameters, cancel", test_trace_self_and_errors },
	{ "through the LISP tunnel and natively", test_trace_lisp },
	{ "IPv6: hops, ports, checksums (tshark)", test_trace6_hops },
	{ "IPv6: unreachable markers", test_trace6_markers },
	{ "IPv6: own address, bad parameters, cancel", test_trace6_self_and_errors },
	{ "IPv6 EID through the IPv4 LISP tunnel", test_trace6_lisp },
	{ "traceroute vrf", test_trace_vrf },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "traceroute", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
