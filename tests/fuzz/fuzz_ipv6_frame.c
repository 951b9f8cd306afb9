/*
 * DOC: libFuzzer target: IPv6 frames through the dual-stack lab
 *
 * Structure-aware: the input is a program of operations against the
 * in-process lab with the reference lab's IPv6 plan (tests/fuzz/fuzz_lab6.h),
 * so that the fuzzer reaches the IPv6 router core (Neighbor Discovery,
 * ICMPv6 and its errors, extension headers, forwarding, the neighbour
 * cache) and the LISP engine's IPv6 paths behind it:
 *   0  raw bytes after an Ethernet header of type IPv6, into any router
 *   1  an IPv6 packet with addresses from the plan (or fuzzed), any next
 *      header and hop limit, maybe behind an extension header, its
 *      upper-layer checksum right unless the input says otherwise
 *   2  an ICMPv6 message (any type and code: NS, NA, RS, RA, echo,
 *      errors quoting a packet) with a good checksum
 *   3  UDP to the LISP ports (4342, 4341) or a fuzzed one over IPv6
 *   4  IPv6 data from site A's EID space to a fuzzed destination in
 *      lisp1 (the map-cache, Map-Requests for IPv6 EIDs, encapsulation)
 *   5  the clock moves on (DAD, ND timers, retransmissions, expiry)
 *   6  a router's own ping to an address of the plan
 * Each op reads its bytes from the input; a short input ends the program.
 * Every router is freed at the end (LeakSanitizer checks it).
 */
#include "fuzz_lab6.h"

static void op_raw(struct in *in)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	static const uint8_t allnodes[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	uint8_t who, f[1600];
	const uint8_t *p;
	struct iface *ifp;
	size_t len;
	int r;

	if (take(in, &who, 1) == -1 || !(p = fuzz_chunk(in, 2, 1, sizeof(f) - 14, &len)))
		return;
	r = who % LAB_NR;
	ifp = lab6_if(r, (uint8_t)(who >> 2));
	mk_eth(f, (who & 0x40) ? allnodes : iface_mac(ifp), nmac, 0x86dd);
	memcpy(f + 14, p, len);
	port_mem_push(iface_port(ifp), f, 14 + len, 0);
	router_poll(L.r[r]);
	lab_pump(&L);
}

static void op_packet(struct in *in, bool icmp)
{
	static const uint8_t exts[4] = { 0, 60, 43, 44 };
	uint8_t h[5], src[16], dst[16], l4[1500];
	const uint8_t *p;
	size_t len;
	int r;

	if (take(in, h, 5) == -1 || lab6_pick(in, h[0], src) == -1 ||
	    lab6_pick(in, h[1], dst) == -1 || !(p = fuzz_chunk(in, 2, 1, sizeof(l4) - 4, &len)))
		return;
	r = h[4] % LAB_NR;
	if (icmp) {		/* h[2] type, h[3] code */
		l4[0] = h[2];
		l4[1] = h[3];
		l4[2] = l4[3] = 0;
		memcpy(l4 + 4, p, len);
		lab6_inject(r, lab6_if(r, (uint8_t)(h[4] >> 2)), src, dst, 58,
			    (h[4] & 0x80) ? 255 : 64, 0, l4, len + 4, false);
		return;
	}
	/* h[2] next header, h[3] hop limit; h[4]: router, interface, ext, bad sum */
	memcpy(l4, p, len);
	lab6_inject(r, lab6_if(r, (uint8_t)(h[4] >> 2)), src, dst, h[2], h[3],
		    exts[(h[4] >> 4) & 3], l4, len, h[4] & 0x40);
}

static void op_udp(struct in *in)
{
	static const uint16_t ports[4] = { LISP_CONTROL_PORT, LISP_DATA_PORT, 0, 33434 };
	uint8_t h[6], src[16], dst[16];
	uint16_t sport, dport;
	const uint8_t *p;
	size_t len;
	int r;

	if (take(in, h, 6) == -1 || lab6_pick(in, h[0], src) == -1 ||
	    lab6_pick(in, h[1], dst) == -1 || !(p = fuzz_chunk(in, 2, 1, 1400, &len)))
		return;
	r = h[2] % LAB_NR;
	dport = ports[(h[2] >> 2) & 3];
	if (!dport)
		dport = (uint16_t)(h[4] << 8 | h[5]);
	sport = (h[2] & 0x10) ? LISP_CONTROL_PORT : (uint16_t)(49152 + h[3]);
	lab6_udp(r, lab6_if(r, (uint8_t)(h[2] >> 5)), src, dst, sport, dport, p, len, 64,
		 h[3] == 0xff);
}

static void op_data(struct in *in)
{
	uint8_t d[7], src[16], dst[16], payload[64] = { 0 };
	struct addr a;

	if (take(in, d, 7) == -1)
		return;
	a = A6("2001:db8:1::5");
	memcpy(src, a.u.b, 16);
	a = A6((d[0] & 1) ? "2001:db8:2::" : (d[0] & 2) ? "2001:4860:4860::" : "2001:db8::");
	memcpy(dst, a.u.b, 16);
	if (!(d[0] & 3))
		memcpy(dst, d + 1, 2);
	dst[4] = (d[0] & 4) ? d[1] : dst[4];
	memcpy(dst + 12, d + 3, 3);
	lab6_udp(LISP1, L.eth[LISP1][0], src, dst, 5000, 6000, payload, (size_t)(d[6] % 64),
		 (uint8_t)(d[0] >> 3) + 1, false);
}

static void ping_done(void *arg, const struct ping_result *res)
{
	(void)arg;
	(void)res;
}

static void op_ping(struct in *in)
{
	struct ping_params pp;
	uint8_t h[2];
	char err[160];

	if (take(in, h, 2) == -1)
		return;
	memset(&pp, 0, sizeof(pp));
	pp.dst = A6(lab6_addrs[h[1] % LAB6_NADDR]);
	if (h[0] & 0x10)
		snprintf(pp.src_ifname, sizeof(pp.src_ifname), "Loopback0");
	pp.repeat = 1;
	pp.timeout_ms = 200;
	pp.size = (h[0] & 0x20) ? 1500 : 100;
	pp.df = h[0] & 0x40;
	if (ping_start(L.r[h[0] % LAB_NR], &pp, NULL, ping_done, NULL, err, sizeof(err)))
		lab_run(&L, 300);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct in in = { data, size };
	uint8_t op;
	int steps = 0;

	lab6_setup();
	while (take(&in, &op, 1) == 0 && steps++ < 64) {
		switch (op % 7) {
		case 0:
			op_raw(&in);
			break;
		case 1:
			op_packet(&in, false);
			break;
		case 2:
			op_packet(&in, true);
			break;
		case 3:
			op_udp(&in);
			break;
		case 4:
			op_data(&in);
			break;
		case 5:
			fuzz_clock(&in, 1);
			break;
		default:
			op_ping(&in);
			break;
		}
	}
	lab_teardown(&L);
	return 0;
}
