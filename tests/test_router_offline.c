/*
 * DOC: offline mode: recorded pcaps in, pcaps out, deterministic
 *
 * The test records each host's frames with libpcap (pcap_open_dead and
 * pcap_dump), runs a router on file ports until the input is exhausted,
 * and reads the output captures back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pcap/pcap.h>

#include "test_router_util.h"
#include "stats.h"

#define T0 (1700000000ull * T_SEC)

static char dir[64];
static uint8_t mac_e0[6], mac_e1[6];

static int setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/lispr-test-offline-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static void rm(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	unlink(path);
}

static int teardown(void)
{
	rm("Ethernet0.in.pcap");
	rm("Ethernet1.in.pcap");
	rm("Ethernet0.out.pcap");
	rm("Ethernet1.out.pcap");
	rm("run1.pcap");
	return rmdir(dir);
}

struct rec {
	pcap_t *dead;
	pcap_dumper_t *d;
};

static void rec_open(struct rec *r, const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	r->dead = pcap_open_dead_with_tstamp_precision(DLT_EN10MB, 65535,
						       PCAP_TSTAMP_PRECISION_NANO);
	r->d = pcap_dump_open(r->dead, path);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r->d);
}

static void rec_put(struct rec *r, uint64_t ts, const uint8_t *f, size_t len)
{
	struct pcap_pkthdr h;

	h.ts.tv_sec = (time_t)(ts / T_SEC);
	h.ts.tv_usec = (suseconds_t)(ts % T_SEC);
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)r->d, &h, f);
}

static void rec_close(struct rec *r)
{
	pcap_dump_close(r->d);
	pcap_close(r->dead);
}

/* Host A on Ethernet0 and host B on Ethernet1, as the util header names them. */
static void record_inputs(void)
{
	static const uint8_t zero[6];
	struct rec a, b;
	uint8_t f[256];
	size_t n;
	int k;

	rec_open(&b, "Ethernet1.in.pcap");
	n = mk_arp(f, MAC_BC, 1, MAC_B, ip4("10.0.2.20"), zero, ip4("10.0.2.1"));
	rec_put(&b, T0 + 1 * T_SEC, f, n);
	rec_close(&b);

	rec_open(&a, "Ethernet0.in.pcap");
	n = mk_arp(f, MAC_BC, 1, MAC_A, ip4("10.0.1.10"), zero, ip4("10.0.1.1"));
	rec_put(&a, T0 + 2 * T_SEC, f, n);
	for (k = 0; k < 10; k++) {
		n = mk_echo(f, mac_e0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64,
			    (uint16_t)k, 32);
		rec_put(&a, T0 + 3 * T_SEC + (uint64_t)k * 1000000, f, n);
	}
	n = mk_echo(f, mac_e0, MAC_A, ip4("10.0.1.10"), ip4("10.0.1.1"), 64, 99, 32);
	rec_put(&a, T0 + 4 * T_SEC, f, n);
	n = mk_echo(f, mac_e0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 1, 100, 32);
	rec_put(&a, T0 + 5 * T_SEC, f, n);
	/* After B's entry aged out (timeout 60 s): ARP again. */
	n = mk_echo(f, mac_e0, MAC_A, ip4("10.0.1.10"), ip4("10.0.2.20"), 64, 101, 32);
	rec_put(&a, T0 + 200 * T_SEC, f, n);
	rec_close(&a);
}

static uint64_t run_router(void)
{
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct iface *e0, *e1, *lo;
	char err[256];
	uint64_t frames;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	router_set_port_factory(r, port_file_factory, dir);
	arp_set_timeout(r, 60);
	e0 = iface_get(r, "Ethernet0", err, sizeof(err));
	e1 = iface_get(r, "Ethernet1", err, sizeof(err));
	lo = iface_get(r, "Loopback0", err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(e1);
	CU_ASSERT_STRING_EQUAL(iface_kind(e0), "file");
	t_addr(r, e0, "10.0.1.1", 24);
	t_addr(r, e1, "10.0.2.1", 24);
	t_addr(r, lo, "2.2.2.2", 32);
	iface_set_shutdown(r, e0, false);
	iface_set_shutdown(r, e1, false);
	frames = router_run_offline(r);
	CU_ASSERT_EQUAL(router_stats(r)->ip_forwarded, 11);
	CU_ASSERT_EQUAL(router_stats(r)->drops[RT_DROP_TTL_EXPIRED], 1);
	CU_ASSERT_EQUAL(router_now(r), T0 + 200 * T_SEC);
	router_free(r);
	return frames;
}

struct frame {
	uint64_t ts;
	size_t len;
	uint8_t d[256];
};

static int read_out(const char *name, struct frame *v, int max)
{
	char path[128], perr[PCAP_ERRBUF_SIZE];
	struct pcap_pkthdr *h;
	const u_char *d;
	pcap_t *p;
	int n = 0;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	p = pcap_open_offline_with_tstamp_precision(path, PCAP_TSTAMP_PRECISION_NANO, perr);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	while (n < max && pcap_next_ex(p, &h, &d) == 1) {
		v[n].ts = (uint64_t)h->ts.tv_sec * T_SEC + (uint64_t)h->ts.tv_usec;
		v[n].len = h->caplen;
		memcpy(v[n].d, d, h->caplen < 256 ? h->caplen : 256);
		n++;
	}
	pcap_close(p);
	return n;
}

static void test_offline_run(void)
{
	struct frame v[32];
	char err[256];
	struct port *p;
	int n, k;

	/* The factory's MACs, which the hosts must address. */
	p = port_file_factory(dir, "Ethernet0", err, sizeof(err));
	memcpy(mac_e0, p->mac, 6);
	port_close(p);
	p = port_file_factory(dir, "Ethernet1", err, sizeof(err));
	memcpy(mac_e1, p->mac, 6);
	port_close(p);
	CU_ASSERT_NOT_EQUAL(memcmp(mac_e0, mac_e1, 6), 0);
	record_inputs();

	CU_ASSERT_EQUAL(run_router(), 15);

	/* Ethernet1: gratuitous ARP, ARP reply to B, 10 forwarded, the
	 * forwarded packet after aging waits for a new ARP request. */
	n = read_out("Ethernet1.out.pcap", v, 32);
	CU_ASSERT_EQUAL_FATAL(n, 13);
	CU_ASSERT_EQUAL(get16(v[0].d + 12), 0x0806);
	CU_ASSERT_EQUAL(get_ip(v[0].d + 38), ip4("10.0.2.1"));
	CU_ASSERT_EQUAL(v[1].ts, T0 + 1 * T_SEC);
	CU_ASSERT_EQUAL(get16(v[1].d + 20), 2);
	CU_ASSERT_EQUAL(memcmp(v[1].d, MAC_B, 6), 0);
	for (k = 0; k < 10; k++) {
		const uint8_t *ip = v[2 + k].d + 14;

		CU_ASSERT_EQUAL(v[2 + k].ts, T0 + 3 * T_SEC + (uint64_t)k * 1000000);
		CU_ASSERT_EQUAL(memcmp(v[2 + k].d, MAC_B, 6), 0);
		CU_ASSERT_EQUAL(memcmp(v[2 + k].d + 6, mac_e1, 6), 0);
		CU_ASSERT_EQUAL(ip[8], 63);
		CU_ASSERT_EQUAL(ipv4_cksum(ip, 20), 0);
		CU_ASSERT_EQUAL(get16(ip + 26), k);
	}
	CU_ASSERT_EQUAL(v[12].ts, T0 + 200 * T_SEC);
	CU_ASSERT_EQUAL(get16(v[12].d + 12), 0x0806);
	CU_ASSERT_EQUAL(get16(v[12].d + 20), 1);
	CU_ASSERT_EQUAL(get_ip(v[12].d + 38), ip4("10.0.2.20"));

	/* Ethernet0: gratuitous ARP, ARP reply to A, echo reply, Time Exceeded. */
	n = read_out("Ethernet0.out.pcap", v, 32);
	CU_ASSERT_EQUAL_FATAL(n, 4);
	CU_ASSERT_EQUAL(v[1].ts, T0 + 2 * T_SEC);
	CU_ASSERT_EQUAL(get16(v[1].d + 20), 2);
	CU_ASSERT_EQUAL(v[2].ts, T0 + 4 * T_SEC);
	CU_ASSERT_EQUAL(v[2].d[14 + 20], 0);
	CU_ASSERT_EQUAL(get_ip(v[2].d + 14 + 12), ip4("10.0.1.1"));
	CU_ASSERT_EQUAL(v[3].ts, T0 + 5 * T_SEC);
	CU_ASSERT_EQUAL(v[3].d[14 + 20], 11);
	CU_ASSERT_EQUAL(memcmp(v[3].d, MAC_A, 6), 0);
}

static bool same_file(const char *a, const char *b)
{
	char pa[128], pb[128];
	FILE *fa, *fb;
	int ca, cb;

	snprintf(pa, sizeof(pa), "%s/%s", dir, a);
	snprintf(pb, sizeof(pb), "%s/%s", dir, b);
	fa = fopen(pa, "rb");
	fb = fopen(pb, "rb");
	if (!fa || !fb) {
		if (fa)
			fclose(fa);
		if (fb)
			fclose(fb);
		return false;
	}
	do {
		ca = getc(fa);
		cb = getc(fb);
	} while (ca == cb && ca != EOF);
	fclose(fa);
	fclose(fb);
	return ca == cb;
}

static void test_offline_deterministic(void)
{
	char a[128], b[128];

	snprintf(a, sizeof(a), "%s/Ethernet1.out.pcap", dir);
	snprintf(b, sizeof(b), "%s/run1.pcap", dir);
	CU_ASSERT_EQUAL_FATAL(rename(a, b), 0);
	CU_ASSERT_EQUAL(run_router(), 15);
	CU_ASSERT_TRUE(same_file("Ethernet1.out.pcap", "run1.pcap"));
}

static CU_TestInfo tests[] = {
	{ "pcaps in, pcaps out", test_offline_run },
	{ "the same input gives the same output", test_offline_deterministic },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "offline", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
