/*
 * DOC: offline mode through the real program
 *
 * 'lispr -f CONF --offline DIR --batch' with two interfaces and a static
 * route: the test writes the input captures (a UDP packet to forward on
 * e0; a stray ARP request and then the next hop's ARP reply on e1), runs
 * the binary, and checks what it wrote: an ARP request for the next hop,
 * then the packet with its TTL one lower, a good header checksum and the
 * next hop's MAC; 'show arp' and the counters after the run agree; a second
 * run writes the same bytes.  The interface MACs come from a first run's
 * 'show interfaces', as a user would read them.
 */
#include "config.h"

#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "pktgen.h"
#include "test_shell_util.h"

static const char conf[] =
	"hostname off1\n"
	"interface e0\n"
	" ip address 10.0.1.1 255.255.255.0\n"
	" no shutdown\n"
	"interface e1\n"
	" ip address 10.0.2.1 255.255.255.0\n"
	" no shutdown\n"
	"ip route 192.168.9.0 255.255.255.0 10.0.2.2\n";

static const uint8_t host_mac[6] = { 0x02, 0, 0, 0, 0x01, 0x0a };
static const uint8_t nh_mac[6] = { 0x02, 0, 0, 0, 0x02, 0x02 };
static const uint8_t stray_mac[6] = { 0x02, 0, 0, 0, 0x02, 0x4d };

/* Run lispr offline in dir with the batch commands cmds; its transcript. */
static char *run(const char *dir, const char *cmds)
{
	const char *lispr = getenv("LISPR") ? getenv("LISPR") : "./lispr";
	char cmd[1024], path[512];
	int rc;

	snprintf(path, sizeof(path), "%s/cmds", dir);
	t_spill(path, cmds);
	snprintf(cmd, sizeof(cmd), "timeout 30 '%s' -f '%s/r.conf' --offline '%s' --batch < '%s/cmds' > '%s/out' 2> '%s/err'",
		 lispr, dir, dir, dir, dir, dir);
	rc = system(cmd);
	CU_ASSERT_EQUAL(rc, 0);
	snprintf(path, sizeof(path), "%s/err", dir);
	{
		char *err = t_slurp(path);

		CU_ASSERT(err && !strstr(err, "Sanitizer") && !strstr(err, "% "));
		if (err && (strstr(err, "Sanitizer") || strstr(err, "% ")))
			fputs(err, stderr);
		free(err);
	}
	snprintf(path, sizeof(path), "%s/out", dir);
	return t_slurp(path);
}

static bool mac_of(const char *show, const char *ifname, uint8_t mac[6])
{
	char key[64];
	const char *p;
	unsigned a, b, c;

	snprintf(key, sizeof(key), "\n%s is ", ifname);
	if (!(p = strstr(show, key)) || !(p = strstr(p, "address is ")))
		return false;
	if (sscanf(p, "address is %4x.%4x.%4x", &a, &b, &c) != 3)
		return false;
	mac[0] = a >> 8, mac[1] = a, mac[2] = b >> 8, mac[3] = b, mac[4] = c >> 8, mac[5] = c;
	return true;
}

static size_t arp_frame(uint8_t *f, uint16_t op, const uint8_t *dmac, const uint8_t *smac, const char *sip,
			const uint8_t *tmac, const char *tip)
{
	uint32_t a;

	memset(f, 0, 60);
	memcpy(f, dmac, 6);
	memcpy(f + 6, smac, 6);
	f[12] = 0x08, f[13] = 0x06;
	f[14] = 0, f[15] = 1, f[16] = 0x08, f[17] = 0, f[18] = 6, f[19] = 4;
	f[20] = 0, f[21] = (uint8_t)op;
	memcpy(f + 22, smac, 6);
	inet_pton(AF_INET, sip, &a);
	memcpy(f + 28, &a, 4);
	memcpy(f + 32, tmac, 6);
	inet_pton(AF_INET, tip, &a);
	memcpy(f + 38, &a, 4);
	return 60;
}

static void write_inputs(const char *dir, const uint8_t *e0mac, const uint8_t *e1mac)
{
	static const uint8_t zero[6], bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	struct pktgen_udp u = {
		.src = "10.0.1.10", .dst = "192.168.9.5", .sport = 40000, .dport = 9,
		.smac = host_mac, .dmac = e0mac, .ttl = 64,
	};
	uint8_t payload[32], f[PKTGEN_MAX_FRAME];
	char path[512];
	struct pktgen_pcap *pc;
	ssize_t n;

	memset(payload, 0x5a, sizeof(payload));
	snprintf(path, sizeof(path), "%s/e0.in.pcap", dir);
	pc = pktgen_pcap_open(path, DLT_EN10MB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	n = pktgen_eth_udp(&u, payload, sizeof(payload), f, sizeof(f));
	CU_ASSERT_FATAL(n > 0);
	pktgen_pcap_write(pc, f, n);
	pktgen_pcap_close(pc);

	/* e1: a request for somebody else first, then the next hop's reply. */
	snprintf(path, sizeof(path), "%s/e1.in.pcap", dir);
	pc = pktgen_pcap_open(path, DLT_EN10MB);
	CU_ASSERT_PTR_NOT_NULL_FATAL(pc);
	pktgen_pcap_write(pc, f, arp_frame(f, 1, bcast, stray_mac, "10.0.2.77", zero, "10.0.2.200"));
	pktgen_pcap_write(pc, f, arp_frame(f, 2, e1mac, nh_mac, "10.0.2.2", e1mac, "10.0.2.1"));
	pktgen_pcap_close(pc);
}

struct seen {
	const uint8_t *e1mac;
	int arp_req_nh;		/* ARP requests for 10.0.2.2 */
	int forwarded;		/* the UDP packet, checked */
	int frames;
	uint8_t *bytes;
	size_t nbytes;
};

static bool ip_csum_ok(const uint8_t *ip)
{
	uint32_t sum = 0;
	unsigned hl = (ip[0] & 15) * 4;

	for (unsigned i = 0; i < hl; i += 2)
		sum += ip[i] << 8 | ip[i + 1];
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum == 0xffff;
}

static void on_frame(u_char *arg, const struct pcap_pkthdr *h, const u_char *f)
{
	struct seen *s = (struct seen *)arg;
	uint8_t *nb;

	s->frames++;
	if ((nb = realloc(s->bytes, s->nbytes + h->caplen))) {
		memcpy(nb + s->nbytes, f, h->caplen);
		s->bytes = nb;
		s->nbytes += h->caplen;
	}
	if (h->caplen >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 1) {
		uint32_t t;

		inet_pton(AF_INET, "10.0.2.2", &t);
		if (!memcmp(f + 38, &t, 4) && !memcmp(f + 6, s->e1mac, 6))
			s->arp_req_nh++;
	}
	if (h->caplen >= 34 && f[12] == 0x08 && f[13] == 0x00) {
		const uint8_t *ip = f + 14;
		uint32_t d;

		inet_pton(AF_INET, "192.168.9.5", &d);
		if (memcmp(ip + 16, &d, 4))
			return;
		CU_ASSERT_EQUAL(ip[8], 63);
		CU_ASSERT(ip_csum_ok(ip));
		CU_ASSERT_EQUAL(memcmp(f, nh_mac, 6), 0);
		CU_ASSERT_EQUAL(memcmp(f + 6, s->e1mac, 6), 0);
		CU_ASSERT_EQUAL(ip[9], 17);
		/* Request before the packet it waited for. */
		CU_ASSERT_EQUAL(s->arp_req_nh, 1);
		s->forwarded++;
	}
}

static void read_out(const char *dir, const char *ifname, struct seen *s)
{
	char path[512], err[PCAP_ERRBUF_SIZE];
	pcap_t *p;

	snprintf(path, sizeof(path), "%s/%s.out.pcap", dir, ifname);
	p = pcap_open_offline(path, err);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	pcap_loop(p, -1, on_frame, (u_char *)s);
	pcap_close(p);
}

static void clean(const char *dir)
{
	static const char *const names[] = {
		"r.conf", "cmds", "out", "err", "e0.in.pcap", "e1.in.pcap", "e0.out.pcap", "e1.out.pcap",
	};
	char path[512];

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	rmdir(dir);
}

static void test_offline_forward(void)
{
	char dir[] = "/tmp/lispr-offline-XXXXXX", dir2[] = "/tmp/lispr-offline-XXXXXX", path[512];
	uint8_t e0mac[6], e1mac[6];
	struct seen s = { 0 }, s2 = { 0 };
	char *out;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir2));
	snprintf(path, sizeof(path), "%s/r.conf", dir);
	t_spill(path, conf);
	snprintf(path, sizeof(path), "%s/r.conf", dir2);
	t_spill(path, conf);

	/* No input yet: learn the MACs the interfaces got. */
	out = run(dir, "show interfaces\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_FATAL(mac_of(out, "e0", e0mac) && mac_of(out, "e1", e1mac));
	free(out);

	write_inputs(dir, e0mac, e1mac);
	write_inputs(dir2, e0mac, e1mac);
	out = run(dir, "show arp\nshow ip traffic | include forwarded|foreign|frames\nshow ip route 192.168.9.5\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Internet  10.0.2.2                0   0200.0000.0202  ARPA   e1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Internet  10.0.2.1                -   "));
	CU_ASSERT_PTR_NULL(strstr(out, "10.0.2.77"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "  Rcvd:  3 frames, 1 IP packets, 0 local destination\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, ", 1 forwarded\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "         1 ARP for a foreign address\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "  * 10.0.2.2\n"));
	free(out);

	s.e1mac = e1mac;
	read_out(dir, "e1", &s);
	CU_ASSERT_EQUAL(s.forwarded, 1);
	CU_ASSERT_EQUAL(s.arp_req_nh, 1);

	/* Same inputs, same frames out, byte for byte. */
	out = run(dir2, "show arp\nshow ip traffic | include forwarded|foreign|frames\nshow ip route 192.168.9.5\n");
	free(out);
	s2.e1mac = e1mac;
	read_out(dir2, "e1", &s2);
	CU_ASSERT_EQUAL(s.nbytes, s2.nbytes);
	CU_ASSERT(s.nbytes == s2.nbytes && !memcmp(s.bytes, s2.bytes, s.nbytes));
	free(s.bytes);
	free(s2.bytes);
	clean(dir);
	clean(dir2);
}

static CU_TestInfo tests[] = {
	{ "offline run through the program", test_offline_forward },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "offline", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
