/*
 * DOC: offline forwarding rate through two interfaces
 *
 * Records a pcap of N frames (default 1,000,000 UDP packets of 60 bytes
 * from a host on Ethernet0 to 256 destinations behind a static route on
 * Ethernet1, plus the ARP request that teaches the router the next hop),
 * then:
 *   1. baseline: file ports read that file and write every frame to
 *      another pcap, no router: the cost of the file I/O alone;
 *   2. router: runs the router in offline mode on file ports over the same
 *      file (Ethernet0 in, Ethernet1 out) and checks every frame came out.
 * The same again for IPv6 ('ipv6 unicast-routing'): N frames of 66 bytes
 * (UDP, 4 bytes of payload) from fd00:1::10 to 256 destinations under
 * 2001:db8:100::/40, a static route via fd00:2::20 on Ethernet1, which the
 * router learns from the Neighbor Solicitation it sends for the router's
 * address (once DAD is over, on the capture's clock).
 * Prints frames/s for both families and the router's own cost per packet
 * (run time minus baseline).  Run it pinned to one core:
 *   taskset -c 1 bench/bench_forward [FRAMES]
 * The files go to BENCH_DIR, else /dev/shm (tmpfs), else /tmp.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <arpa/inet.h>
#include <pcap/pcap.h>

#include "fib.h"
#include "iface.h"
#include "ipv4.h"
#include "ipv6.h"
#include "port.h"
#include "router.h"

#define TARGET_PPS	3000000.0

static const uint8_t MAC_A[6] = { 0x02, 0xaa, 0, 0, 0, 0x0a };
static const uint8_t MAC_B[6] = { 0x02, 0xbb, 0, 0, 0, 0x14 };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void put(pcap_dumper_t *d, uint64_t us, const uint8_t *f, size_t len)
{
	struct pcap_pkthdr h;

	h.ts.tv_sec = (time_t)(us / 1000000);
	h.ts.tv_usec = (suseconds_t)(us % 1000000);
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)d, &h, f);
}

static pcap_dumper_t *open_out(pcap_t **dead, const char *path)
{
	pcap_dumper_t *d;

	*dead = pcap_open_dead(DLT_EN10MB, 65535);
	if (!(d = pcap_dump_open(*dead, path))) {
		fprintf(stderr, "%s: %s\n", path, pcap_geterr(*dead));
		exit(1);
	}
	return d;
}

static void record(const char *dir, const uint8_t rmac0[6], unsigned long frames)
{
	char path[300];
	pcap_t *dead;
	pcap_dumper_t *d;
	uint8_t f[60], *ip = f + 14;
	uint32_t src = inet_addr("10.0.1.10"), dst = inet_addr("10.0.2.1");
	uint16_t sum;
	unsigned long i;

	/* Ethernet1: B asks for the router, which learns B's MAC. */
	snprintf(path, sizeof(path), "%s/Ethernet1.in.pcap", dir);
	d = open_out(&dead, path);
	memset(f, 0, sizeof(f));
	memset(f, 0xff, 6);
	memcpy(f + 6, MAC_B, 6);
	f[12] = 0x08; f[13] = 0x06;
	f[15] = 1; f[16] = 0x08; f[18] = 6; f[19] = 4; f[21] = 1;
	memcpy(f + 22, MAC_B, 6);
	*(uint32_t *)(void *)(f + 28) = inet_addr("10.0.2.20");
	memcpy(f + 38, &dst, 4);
	put(d, 1, f, 60);
	pcap_dump_close(d);
	pcap_close(dead);

	snprintf(path, sizeof(path), "%s/Ethernet0.in.pcap", dir);
	d = open_out(&dead, path);
	memset(f, 0, sizeof(f));
	memcpy(f, rmac0, 6);
	memcpy(f + 6, MAC_A, 6);
	f[12] = 0x08;
	for (i = 0; i < frames; i++) {
		dst = htonl(0xc0a80000u | (uint32_t)((i * 7) & 0xff) << 8 | 1);
		ip[0] = 0x45;
		ip[3] = 46;
		ip[4] = (uint8_t)(i >> 8);
		ip[5] = (uint8_t)i;
		ip[8] = 64;
		ip[9] = 17;
		ip[10] = ip[11] = 0;
		memcpy(ip + 12, &src, 4);
		memcpy(ip + 16, &dst, 4);
		sum = ipv4_cksum(ip, 20);
		memcpy(ip + 10, &sum, 2);
		ip[20] = 0x30; ip[21] = 0x39; ip[22] = 0x10; ip[23] = 0xe1;	/* ports */
		ip[25] = 26;
		put(d, 2000000 + i, f, 60);
	}
	pcap_dump_close(d);
	pcap_close(dead);
}

static void a6(const char *s, uint8_t out[16])
{
	if (inet_pton(AF_INET6, s, out) != 1)
		exit(1);
}

/* The IPv6 run's input: B's Neighbor Solicitation on Ethernet1 at 3 s (the
 * router's addresses are past DAD), the frames on Ethernet0 from 4 s. */
static void record6(const char *dir, const uint8_t rmac0[6], unsigned long frames)
{
	char path[300];
	pcap_t *dead;
	pcap_dumper_t *d;
	uint8_t f[86], *ip = f + 14, *l4 = ip + 40, src[16], dst[16], sn[16], rb[16];
	uint16_t sum;
	unsigned long i;

	a6("fd00:2::20", src);
	a6("fd00:2::1", rb);
	ip6_solicited_node(rb, sn);
	snprintf(path, sizeof(path), "%s/Ethernet1.in.pcap", dir);
	d = open_out(&dead, path);
	memset(f, 0, sizeof(f));
	ip6_mcast_mac(sn, f);
	memcpy(f + 6, MAC_B, 6);
	f[12] = 0x86; f[13] = 0xdd;
	ipv6_build_hdr(ip, 32, 58, 255, src, sn);
	l4[0] = 135;				/* NS for fd00:2::1, SLLA B */
	memcpy(l4 + 8, rb, 16);
	l4[24] = 1;
	l4[25] = 1;
	memcpy(l4 + 26, MAC_B, 6);
	sum = ipv6_l4_cksum(ip, 58, l4, 32);
	memcpy(l4 + 2, &sum, 2);
	put(d, 3000000, f, 14 + 40 + 32);
	pcap_dump_close(d);
	pcap_close(dead);

	snprintf(path, sizeof(path), "%s/Ethernet0.in.pcap", dir);
	d = open_out(&dead, path);
	memset(f, 0, sizeof(f));
	memcpy(f, rmac0, 6);
	memcpy(f + 6, MAC_A, 6);
	f[12] = 0x86; f[13] = 0xdd;
	a6("fd00:1::10", src);
	a6("2001:db8:100::1", dst);
	for (i = 0; i < frames; i++) {
		dst[5] = (uint8_t)((i * 7) & 0xff);	/* 2001:db8:1XX:: */
		ipv6_build_hdr(ip, 12, 17, 64, src, dst);
		l4[0] = 0x30; l4[1] = 0x39; l4[2] = 0x10; l4[3] = 0xe1;	/* ports */
		l4[4] = 0; l4[5] = 12;
		l4[6] = l4[7] = 0;
		l4[8] = (uint8_t)(i >> 24); l4[9] = (uint8_t)(i >> 16);
		l4[10] = (uint8_t)(i >> 8); l4[11] = (uint8_t)i;
		sum = ipv6_l4_cksum(ip, 17, l4, 12);
		if (!sum)
			sum = 0xffff;
		memcpy(l4 + 6, &sum, 2);
		put(d, 4000000 + i, f, 14 + 40 + 12);
	}
	pcap_dump_close(d);
	pcap_close(dead);
}

struct copy {
	struct port *out;
	unsigned long n;
};

static void copy_frame(void *arg, const uint8_t *f, size_t len, uint64_t ts)
{
	struct copy *c = arg;

	port_send(c->out, f, len, ts);
	c->n++;
}

/* The file ports alone: every frame read and written, no router. */
static double baseline(const char *dir, unsigned long *n)
{
	char in[300], out[300], err[256];
	struct copy c;
	struct port *p;
	double t;

	snprintf(in, sizeof(in), "%s/Ethernet0.in.pcap", dir);
	snprintf(out, sizeof(out), "%s/baseline.pcap", dir);
	t = now();
	p = port_file_open("in", in, NULL, MAC_A, err, sizeof(err));
	c.out = port_file_open("out", NULL, out, MAC_A, err, sizeof(err));
	if (!p || !c.out) {
		fprintf(stderr, "%s\n", err);
		exit(1);
	}
	c.n = 0;
	while (port_recv(p, 64, copy_frame, &c) > 0)
		;
	port_close(c.out);
	port_close(p);
	t = now() - t;
	unlink(out);
	*n = c.n;
	return t;
}

/* The router forwarding the IPv6 file (record6): every frame out. */
static int run6(const char *dir, unsigned long frames, double *secs)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct iface *e0, *e1;
	struct prefix p;
	struct addr a, gw;
	char err[256];
	uint64_t fwd, n;
	double t;

	if (!r)
		return -1;
	router_set_port_factory(r, port_file_factory, (void *)dir);
	t = now();
	e0 = iface_get(r, "Ethernet0", err, sizeof(err));
	e1 = iface_get(r, "Ethernet1", err, sizeof(err));
	if (!e0 || !e1) {
		fprintf(stderr, "%s\n", err);
		router_free(r);
		return -1;
	}
	addr_parse("fd00:1::1", &a, NULL, 0);
	iface6_add_addr(r, e0, &a, 64, false, err, sizeof(err));
	addr_parse("fd00:2::1", &a, NULL, 0);
	iface6_add_addr(r, e1, &a, 64, false, err, sizeof(err));
	iface_set_shutdown(r, e0, false);
	iface_set_shutdown(r, e1, false);
	ipv6_set_routing(r, true);
	prefix_parse("2001:db8:100::/40", &p, NULL, 0);
	addr_parse("fd00:2::20", &gw, NULL, 0);
	if (fib6_static_add(r, &p, &gw, NULL, 1, err, sizeof(err)) != 0) {
		fprintf(stderr, "%s\n", err);
		router_free(r);
		return -1;
	}

	n = router_run_offline(r);
	fwd = router_stats6(r)->forwarded;
	router_free(r);			/* flushes and closes the output files */
	*secs = now() - t;
	if (n != frames + 1 || fwd != frames) {
		fprintf(stderr, "IPv6: read %llu frames, forwarded %llu, expected %lu\n",
			(unsigned long long)n, (unsigned long long)fwd, frames);
		return -1;
	}
	return 0;
}

static int run(const char *dir, unsigned long frames, double *secs)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct iface *e0, *e1;
	struct prefix p;
	struct addr a, gw;
	char err[256];
	uint64_t fwd, n;
	double t;

	if (!r)
		return -1;
	router_set_port_factory(r, port_file_factory, (void *)dir);
	t = now();
	e0 = iface_get(r, "Ethernet0", err, sizeof(err));
	e1 = iface_get(r, "Ethernet1", err, sizeof(err));
	if (!e0 || !e1) {
		fprintf(stderr, "%s\n", err);
		router_free(r);
		return -1;
	}
	addr_set_v4(&a, inet_addr("10.0.1.1"));
	iface_set_addr(r, e0, &a, 24, err, sizeof(err));
	addr_set_v4(&a, inet_addr("10.0.2.1"));
	iface_set_addr(r, e1, &a, 24, err, sizeof(err));
	iface_set_shutdown(r, e0, false);
	iface_set_shutdown(r, e1, false);
	prefix_parse("192.168.0.0/16", &p, NULL, 0);
	addr_set_v4(&gw, inet_addr("10.0.2.20"));
	fib_static_add(r, &p, &gw, NULL, 1, err, sizeof(err));
	router_set_icmp_ratelimit(r, 500);

	n = router_run_offline(r);
	fwd = router_stats(r)->ip_forwarded;
	router_free(r);			/* flushes and closes the output files */
	*secs = now() - t;
	if (n != frames + 1 || fwd != frames) {
		fprintf(stderr, "read %llu frames, forwarded %llu, expected %lu\n",
			(unsigned long long)n, (unsigned long long)fwd, frames);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long frames = argc > 1 ? strtoul(argv[1], NULL, 10) : 1000000;
	const char *base = getenv("BENCH_DIR");
	char dir[128], dir6[160], path[300], err[256];
	struct port *p;
	unsigned long n, n6;
	double tb, tr, best_b = 1e9, best_r = 1e9, best_b6 = 1e9, best_r6 = 1e9;
	int i;

	/* tmpfs when there is one: the files, not the disk, are measured. */
	if (!base)
		base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	snprintf(dir, sizeof(dir), "%s/lispr-bench-forward-XXXXXX", base);
	if (!frames || !mkdtemp(dir)) {
		fprintf(stderr, "usage: bench_forward [FRAMES]\n");
		return 1;
	}
	p = port_file_factory(dir, "Ethernet0", err, sizeof(err));
	if (!p) {
		fprintf(stderr, "%s\n", err);
		return 1;
	}
	record(dir, p->mac, frames);
	port_close(p);
	snprintf(dir6, sizeof(dir6), "%s/ipv6", dir);
	if (mkdir(dir6, 0700) == -1 || !(p = port_file_factory(dir6, "Ethernet0", err, sizeof(err)))) {
		fprintf(stderr, "%s: cannot set up\n", dir6);
		return 1;
	}
	record6(dir6, p->mac, frames);
	port_close(p);

	/* Best of three, after the files are in the page cache. */
	for (i = 0; i < 3; i++) {
		tb = baseline(dir, &n);
		if (tb < best_b)
			best_b = tb;
		if (run(dir, frames, &tr) == -1)
			return 1;
		if (tr < best_r)
			best_r = tr;
		tb = baseline(dir6, &n6);
		if (tb < best_b6)
			best_b6 = tb;
		if (run6(dir6, frames, &tr) == -1)
			return 1;
		if (tr < best_r6)
			best_r6 = tr;
	}
	printf("bench_forward: %lu frames of 60 bytes, Ethernet0 -> Ethernet1, "
	       "file ports (offline mode) in %s, best of 3\n", frames, base);
	printf("  method: wall clock around router setup, router_run_offline() and the\n"
	       "  final flush to the output pcap; baseline = the same file ports\n"
	       "  reading the same file and writing every frame, no router\n");
	printf("  baseline file I/O only : %8.3f s  %6.2f Mpps\n", best_b, (double)n / best_b / 1e6);
	printf("  router offline forward : %8.3f s  %6.2f Mpps  (target %.1f Mpps: %s)\n",
	       best_r, (double)frames / best_r / 1e6, TARGET_PPS / 1e6,
	       (double)frames / best_r >= TARGET_PPS ? "met" : "NOT met");
	printf("  router cost beyond I/O : %6.1f ns/packet\n",
	       (best_r - best_b) / (double)frames * 1e9);
	printf("  IPv6, %lu frames of 66 bytes, 256 destinations under a static /40:\n", frames);
	printf("  baseline file I/O only : %8.3f s  %6.2f Mpps\n", best_b6, (double)n6 / best_b6 / 1e6);
	printf("  router offline forward : %8.3f s  %6.2f Mpps  (%.0f %% of IPv4)\n",
	       best_r6, (double)frames / best_r6 / 1e6, best_r / best_r6 * 100.0);
	printf("  router cost beyond I/O : %6.1f ns/packet\n",
	       (best_r6 - best_b6) / (double)frames * 1e9);

	snprintf(path, sizeof(path), "%s/Ethernet0.in.pcap", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/Ethernet1.in.pcap", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/Ethernet0.out.pcap", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/Ethernet1.out.pcap", dir);
	unlink(path);
	for (i = 0; i < 4; i++) {
		static const char *const f6[] = { "Ethernet0.in", "Ethernet1.in", "Ethernet0.out",
						  "Ethernet1.out" };

		snprintf(path, sizeof(path), "%s/%s.pcap", dir6, f6[i]);
		unlink(path);
	}
	rmdir(dir6);
	rmdir(dir);
	return 0;
}
