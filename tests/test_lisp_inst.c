/*
 * DOC: the LISP engine per instance ID (issue 11), on the in-process lab
 *
 * The seed lab (test_lisp_lab.h) with two tenants on each xTR: VRF RED
 * bound to instance 101 and VRF BLUE to instance 102, each with a LAN
 * interface of its own (lisp1 Ethernet1/Ethernet2 172.16.1.1/24, lisp2
 * Ethernet1/Ethernet2 172.16.2.1/24: the SAME addresses and EID prefixes
 * in both tenants), beside instance 0's 192.168.x.0/24 in the default
 * table.  The Map-Server has the tenants' prefixes per instance.
 *
 * Checked: registration of every instance (our Map-Registers decoded:
 * IID 0 plain AFI, the others in an Instance-ID LCAF); a packet from a
 * host in RED is resolved in instance 101 alone (Map-Request EID and
 * Source-EID in the LCAF, the Map-Reply's record too), cached there and
 * not in 102 or 0, encapsulated with I=1 and IID 101, and decapsulated by
 * lisp2 into RED (out of RED's LAN interface only); the same for BLUE
 * with 102; an unknown IID and an instance whose VRF is not defined are
 * dropped and counted per reason; per-instance counters and counts; the
 * VRF -> instance binding follows VRF deletion and rebinding; instance
 * 0 stays plain on the wire; Map-Notify, RLOC-probe and SMR counters per
 * instance; IPv6 EIDs (IPv4 and IPv6 RLOCs) from a host in lisp1's RED reach
 * lisp2's RED LAN only, never BLUE's nor a default-table interface with
 * the same IPv6 prefix.  tshark reads every captured frame: no
 * malformed one, the LCAF IIDs of the control messages and the data
 * header's I bit and IID.  tshark comes from $TSHARK (set by make check)
 * or the PATH.
 */
#include <CUnit/Basic.h>
#include <arpa/inet.h>
#include <pcap/pcap.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "arp.h"
#include "ipv4.h"
#include "ipv6.h"
#include "lisp.h"
#include "lisp_msg.h"
#include "lisp_stats.h"
#include "vrf.h"
#include "test_lisp_lab.h"
#include "test_tshark.h"
#include "cunit_main.h"

static struct lab L;
static bool up;
static int red[LAB_NR], blue[LAB_NR];
static struct iface *lan[LAB_NR][2];	/* [r][0] RED, [r][1] BLUE */

/* Every frame the lab carried, for tshark. */
#define TS_MAX		256
static uint8_t ts_f[TS_MAX][1600];
static size_t ts_len[TS_MAX];
static unsigned ts_n;

static void keep_frames(void)
{
	for (int k = 0; k < LAB_NL; k++)
		for (size_t i = 0; i < L.link[k].n && ts_n < TS_MAX; i++) {
			memcpy(ts_f[ts_n], L.link[k].cap[i].d, L.link[k].cap[i].len);
			ts_len[ts_n++] = L.link[k].cap[i].len;
		}
}

static struct prefix PI(const char *s, uint32_t iid)
{
	struct prefix p = P4(s);

	p.addr.iid = iid;
	return p;
}

static struct addr AI(const char *s, uint32_t iid)
{
	struct addr a = A4(s);

	a.iid = iid;
	return a;
}

static void tenant_lan(int r, const char *addr)
{
	char err[160];
	struct port *p;
	int k;

	red[r] = vrf_create(L.r[r], "RED", false, err, sizeof(err));
	blue[r] = vrf_create(L.r[r], "BLUE", false, err, sizeof(err));
	CU_ASSERT_FATAL(red[r] > 0 && blue[r] > 0 && red[r] != blue[r]);
	lan[r][0] = lab_if(&L, r, "Ethernet1", &p, 1);
	lan[r][1] = lab_if(&L, r, "Ethernet2", &p, 2);
	for (k = 0; k < 2; k++) {
		CU_ASSERT_EQUAL_FATAL(iface_set_vrf(L.r[r], lan[r][k], (unsigned)(k ? blue[r] : red[r]),
						    err, sizeof(err)), 0);
		t_addr(L.r[r], lan[r][k], addr, 24);
		iface_set_shutdown(L.r[r], lan[r][k], false);
	}
}

static void tenant_inst(int r, uint32_t iid, const char *vrf, const char *eid, const char *rloc)
{
	struct lisp_loc_cfg loc;
	struct lisp_inst *i;
	struct prefix p = PI(eid, iid);
	char err[160];

	i = lisp_inst_get(L.l[r], iid, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(i);
	CU_ASSERT_EQUAL_FATAL(lisp_inst_set_eid_table(i, true, vrf, err, sizeof(err)), 0);
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4(rloc);
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL_FATAL(lisp_db_add(L.l[r], &p, &loc, err, sizeof(err)), 0);
}

static void site_eid(const char *site, const char *eid, uint32_t iid)
{
	struct prefix p = PI(eid, iid);
	char err[160];

	CU_ASSERT_EQUAL_FATAL(lisp_site_eid_add(L.l[MSR], site, &p, false, err, sizeof(err)), 0);
}

static int setup(void)
{
	return 0;
}

static int teardown(void)
{
	if (up)
		lab_teardown(&L);
	up = false;
	return 0;
}

static void build(void)
{
	lab_setup(&L, true);
	up = true;
	tenant_lan(LISP1, "172.16.1.1");
	tenant_lan(LISP2, "172.16.2.1");
	tenant_inst(LISP1, 101, "RED", "172.16.1.0/24", "10.0.1.2");
	tenant_inst(LISP1, 102, "BLUE", "172.16.1.0/24", "10.0.1.2");
	tenant_inst(LISP2, 101, "RED", "172.16.2.0/24", "10.0.2.2");
	tenant_inst(LISP2, 102, "BLUE", "172.16.2.0/24", "10.0.2.2");
	site_eid("A", "172.16.1.0/24", 101);
	site_eid("A", "172.16.1.0/24", 102);
	site_eid("B", "172.16.2.0/24", 101);
	site_eid("B", "172.16.2.0/24", 102);
	lab_clear_capture(&L);
	lab_run(&L, 2000);
}

/* The LISP payload of a captured frame from router 'from' with UDP
 * destination (or, dport 0, source) port 4342, or NULL. */
static const uint8_t *ctrl_payload(const struct lab_frame *f, size_t *len)
{
	const uint8_t *ip = f->d + 14, *udp;

	if (f->len < 14 + 28 || f->d[12] != 0x08 || f->d[13] != 0 || ip[9] != 17)
		return NULL;
	udp = ip + (ip[0] & 0x0f) * 4u;
	if (get16(udp + 2) != LISP_CONTROL_PORT && get16(udp) != LISP_CONTROL_PORT)
		return NULL;
	*len = get16(udp + 4) - 8u;
	return udp + 8;
}

/* ------------------------------------------------------------ tests */

/*
 * Registration: lisp1's Map-Register carries 192.168.1.0/24 plain and
 * 172.16.1.0/24 in IID 101 and in IID 102; the Map-Server has all three.
 */
static void test_register(void)
{
	struct lisp_site_eid_info se;
	struct lisp_map_register reg;
	struct addr a;
	const uint8_t *m;
	size_t len;
	unsigned regs = 0, i;
	bool got0, got101, got102;

	build();
	for (i = 0; i < L.link[LINK1].n; i++) {
		if (L.link[LINK1].cap[i].from != LISP1 || !(m = ctrl_payload(&L.link[LINK1].cap[i], &len)) ||
		    lisp_msg_type(m, len) != LISP_MAP_REGISTER)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_map_register_decode(m, len, &reg), LISP_OK);
		got0 = got101 = got102 = false;
		for (unsigned k = 0; k < reg.record_count; k++) {
			const struct lisp_eid *e = &reg.records[k].eid;

			if (!e->eid.has_iid && e->eid.addr.u.v4 == ip4("192.168.1.0"))
				got0 = true;
			if (e->eid.has_iid && e->eid.addr.iid == 101 && e->eid.addr.u.v4 == ip4("172.16.1.0"))
				got101 = true;
			if (e->eid.has_iid && e->eid.addr.iid == 102 && e->eid.addr.u.v4 == ip4("172.16.1.0"))
				got102 = true;
		}
		CU_ASSERT(got0 && got101 && got102 && reg.record_count == 3);
		lisp_map_register_free(&reg);
		regs++;
	}
	CU_ASSERT(regs >= 1);
	a = AI("172.16.1.9", 101);
	CU_ASSERT(lisp_site_eid_lookup(L.l[MSR], &a, &se) == 0 && se.registered);
	a.iid = 102;
	CU_ASSERT(lisp_site_eid_lookup(L.l[MSR], &a, &se) == 0 && se.registered);
	a = AI("172.16.2.9", 102);
	CU_ASSERT(lisp_site_eid_lookup(L.l[MSR], &a, &se) == 0 && se.registered);
	/* per-instance counts and counters */
	CU_ASSERT_EQUAL(lisp_db_count(L.l[LISP1]), 3);
	CU_ASSERT_EQUAL(lisp_db_count_inst(L.l[LISP1], 101, AFI_IPV4), 1);
	CU_ASSERT_EQUAL(lisp_db_count_inst(L.l[LISP1], 101, AFI_IPV6), 0);
	CU_ASSERT_EQUAL(lisp_db_count_inst(L.l[LISP1], 7, AFI_NONE), 0);
	CU_ASSERT(lisp_inst_stats(L.l[LISP1], 101)->reg_out_records >= 1);
	CU_ASSERT_PTR_NULL(lisp_inst_stats(L.l[LISP1], 7));
	/* the first register asked for a Map-Notify: each instance its
	 * records name counts it, in and verified */
	for (i = 0; i < 3; i++) {
		const struct lisp_stats *st = lisp_inst_stats(L.l[LISP1], i ? 100 + i : 0);

		CU_ASSERT_FATAL(st != NULL);
		CU_ASSERT(st->notify_in >= 1 && st->notify_verified == st->notify_in);
	}
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP1], 101)->notify_in, lisp_stats(L.l[LISP1])->notify_in);
	keep_frames();
}

/* A frame from a tenant host on router r's LAN k to dst. */
static void host_send(int r, int k, const char *src, const char *dst, uint16_t seq)
{
	static const uint8_t hmac[6] = { 0x02, 0xaa, 0, 0, 0, 9 };
	uint8_t f[256];
	size_t n = mk_echo(f, iface_mac(lan[r][k]), hmac, ip4(src), ip4(dst), 64, seq, 16);

	t_push(iface_port(lan[r][k]), f, n);
	router_poll(L.r[r]);
	lab_pump(&L);
}

/* Did an ARP request for ip leave router r's interface ifp (and drain it)? */
static unsigned arp_requests(int r, struct iface *ifp, const char *ip)
{
	uint8_t f[2048];
	long n;
	unsigned c = 0;

	(void)r;
	while ((n = port_mem_pop(iface_port(ifp), f, sizeof(f), NULL)) >= 0)
		if (n >= 42 && f[12] == 0x08 && f[13] == 0x06 && f[21] == 1 &&
		    get_ip(f + 38) == ip4(ip))
			c++;
	return c;
}

/* The LISP data header of the encapsulated frames on LINK1 from lisp1. */
static unsigned encap_frames(uint32_t iid)
{
	struct lisp_data_hdr h;
	unsigned c = 0;

	for (size_t i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];
		const uint8_t *ip = f->d + 14, *udp = ip + 20;

		if (f->from != LISP1 || f->len < 14 + 36 || ip[9] != 17 ||
		    get16(udp + 2) != LISP_DATA_PORT)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_decode(udp + 8, f->len - 14 - 28, &h), LISP_OK);
		CU_ASSERT(h.i);
		if (h.iid == iid)
			c++;
	}
	return c;
}

/* The EID and Source-EID IIDs of lisp1's ECM Map-Requests and the record
 * IIDs of lisp2's Map-Replies for the tenant prefix. */
static void control_iids(uint32_t iid, unsigned *req, unsigned *rep)
{
	struct lisp_map_request mr;
	struct lisp_map_reply rp;
	struct lisp_ecm ecm;
	const uint8_t *m;
	size_t len;

	*req = *rep = 0;
	for (size_t i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];

		if (f->from != LISP1 || !(m = ctrl_payload(f, &len)) ||
		    lisp_msg_type(m, len) != LISP_ECM)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(m, len, &ecm), LISP_OK);
		CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(ecm.payload, ecm.payload_len, &mr),
				      LISP_OK);
		if (mr.records[0].eid.has_iid && mr.records[0].eid.addr.iid == iid &&
		    mr.source_eid.has_iid && mr.source_eid.addr.iid == iid &&
		    mr.records[0].eid.addr.u.v4 == ip4("172.16.2.10"))
			(*req)++;
		lisp_map_request_free(&mr);
	}
	for (size_t i = 0; i < L.link[LINK2].n; i++) {
		const struct lab_frame *f = &L.link[LINK2].cap[i];

		if (f->from != LISP2 || !(m = ctrl_payload(f, &len)) ||
		    lisp_msg_type(m, len) != LISP_MAP_REPLY)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_map_reply_decode(m, len, &rp), LISP_OK);
		if (rp.record_count == 1 && rp.records[0].eid.eid.has_iid &&
		    rp.records[0].eid.eid.addr.iid == iid && rp.records[0].eid.mask_len == 24)
			(*rep)++;
		lisp_map_reply_free(&rp);
	}
}

static void tenant_flow(int k, uint32_t iid, uint32_t other, bool other_empty)
{
	struct lisp_mc_info mc;
	struct addr a = AI("172.16.2.10", iid);
	unsigned req, rep;
	uint64_t dec = lisp_inst_stats(L.l[LISP2], iid)->decap_pkts;

	lab_clear_capture(&L);
	arp_requests(LISP2, lan[LISP2][0], "172.16.2.10");
	arp_requests(LISP2, lan[LISP2][1], "172.16.2.10");
	host_send(LISP1, k, "172.16.1.10", "172.16.2.10", 1);	/* a miss: resolved */
	lab_run(&L, 300);
	control_iids(iid, &req, &rep);
	CU_ASSERT_EQUAL(req, 1);
	CU_ASSERT_EQUAL(rep, 1);
	/* cached in the instance asked for, not in the other nor in 0 */
	CU_ASSERT(lisp_map_cache_lookup(L.l[LISP1], &a, &mc) == 0 && mc.prefix.len == 24 &&
		  mc.prefix.addr.iid == iid && !mc.negative && mc.n_locs == 1);
	a.iid = other;
	if (other_empty)
		CU_ASSERT(lisp_map_cache_lookup(L.l[LISP1], &a, &mc) == -1 || mc.prefix.len == 0);
	a.iid = 0;
	CU_ASSERT(lisp_map_cache_lookup(L.l[LISP1], &a, &mc) == -1 || mc.prefix.len == 0);
	CU_ASSERT_EQUAL(lisp_map_cache_count_inst(L.l[LISP1], iid, AFI_IPV4, NULL), 2);
	keep_frames();

	lab_clear_capture(&L);
	host_send(LISP1, k, "172.16.1.10", "172.16.2.10", 2);	/* a hit: encapsulated */
	CU_ASSERT_EQUAL(encap_frames(iid), 1);
	CU_ASSERT_EQUAL(encap_frames(other), 0);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP2], iid)->decap_pkts, dec + 1);
	/* delivered into the tenant's VRF: ARP for the host on its LAN only */
	CU_ASSERT_EQUAL(arp_requests(LISP2, lan[LISP2][k], "172.16.2.10"), 1);
	CU_ASSERT_EQUAL(arp_requests(LISP2, lan[LISP2][!k], "172.16.2.10"), 0);
	CU_ASSERT(lisp_inst_stats(L.l[LISP1], iid)->encap_pkts >= 1);
	keep_frames();
}

static void test_tenants(void)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(lisp_inst_stats(L.l[LISP1], 101));
	tenant_flow(0, 101, 102, true);
	tenant_flow(1, 102, 101, false);
	/* both instances hold 172.16.2.0/24; instance 0 never saw it */
	CU_ASSERT_EQUAL(lisp_map_cache_count_inst(L.l[LISP1], 0, AFI_IPV4, NULL), 1);
	lisp_map_cache_clear_inst(L.l[LISP1], 101, AFI_IPV4);
	CU_ASSERT_EQUAL(lisp_map_cache_count_inst(L.l[LISP1], 101, AFI_IPV4, NULL), 1);
	CU_ASSERT_EQUAL(lisp_map_cache_count_inst(L.l[LISP1], 102, AFI_IPV4, NULL), 2);
}

/*
 * Per-instance RLOC-probe and SMR counters: lisp1 probes the locator of
 * its 102 entry (101's was cleared: nothing of 101 is probed), lisp2
 * answers in 102; a change of lisp2's 102 mapping SMRs lisp1 in 102,
 * which asks again (SMR-invoked) in 102; 102's own map-cache limit set to
 * 0 evicts its entry, counted in 102.  Instance 101 counts none.
 */
static void test_probe_smr(void)
{
	const struct lisp_stats *a102 = lisp_inst_stats(L.l[LISP1], 102);
	const struct lisp_stats *b102 = lisp_inst_stats(L.l[LISP2], 102);
	const struct lisp_stats *a101 = lisp_inst_stats(L.l[LISP1], 101);
	const struct lisp_stats *b101 = lisp_inst_stats(L.l[LISP2], 101);
	const struct lisp_stats *g1 = lisp_stats(L.l[LISP1]), *g2 = lisp_stats(L.l[LISP2]);
	uint64_t p_out = a102->probe_out, p_in = a102->probe_reply_in, r_out = b102->probe_reply_out;
	uint64_t q_in = b102->mreq_in_probe, smr = b102->smr_out, smr_in = a102->mreq_in_smr;
	uint64_t smr_inv = a102->smr_invoked_out, a101p = a101->probe_out, b101s = b101->smr_out;
	uint64_t g_p_out = g1->probe_out, g_smr = g2->smr_out;
	struct prefix p = PI("172.16.2.0/24", 102);
	struct lisp_loc_cfg loc;
	char err[160];

	CU_ASSERT_EQUAL_FATAL(lisp_map_cache_count_inst(L.l[LISP1], 102, AFI_IPV4, NULL), 2);
	CU_ASSERT_EQUAL_FATAL(lisp_set_rloc_probing(L.l[LISP1], true, err, sizeof(err)), 0);
	lab_run(&L, 40000);	/* a probe round: 30 s +-10% */
	CU_ASSERT_EQUAL(lisp_set_rloc_probing(L.l[LISP1], false, err, sizeof(err)), 0);
	CU_ASSERT(a102->probe_out > p_out);
	CU_ASSERT(a102->probe_reply_in > p_in);
	CU_ASSERT(b102->probe_reply_out > r_out);
	CU_ASSERT(b102->mreq_in_probe > q_in);
	CU_ASSERT_EQUAL(a101->probe_out, a101p);
	CU_ASSERT_EQUAL(g1->probe_out - g_p_out, a102->probe_out - p_out);

	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.2.2");
	loc.priority = 1;
	loc.weight = 50;		/* was 100: a change the ETR's users hear of */
	CU_ASSERT_EQUAL_FATAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 3000);
	CU_ASSERT(b102->smr_out > smr);
	CU_ASSERT_EQUAL(g2->smr_out - g_smr, b102->smr_out - smr);
	CU_ASSERT_EQUAL(b101->smr_out, b101s);
	CU_ASSERT(a102->mreq_in_smr > smr_in);
	CU_ASSERT(a102->smr_invoked_out > smr_inv);
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 3000);

	/* 102's own limit at 0 evicts its learned entry: counted in 102 */
	{
		uint64_t ev102 = a102->cache_evicted, ev101 = a101->cache_evicted;
		uint64_t ev = g1->cache_evicted;

		CU_ASSERT_EQUAL(lisp_inst_set_map_cache_limit(L.l[LISP1], 102, 0, err, sizeof(err)), 0);
		CU_ASSERT_EQUAL(lisp_map_cache_count_inst(L.l[LISP1], 102, AFI_IPV4, NULL), 1);
		CU_ASSERT_EQUAL(a102->cache_evicted, ev102 + 1);
		CU_ASSERT_EQUAL(a101->cache_evicted, ev101);
		CU_ASSERT_EQUAL(g1->cache_evicted, ev + 1);
		CU_ASSERT_EQUAL(lisp_inst_set_map_cache_limit(L.l[LISP1], 102, -1, err, sizeof(err)), 0);
	}
}

static int petr_count(const struct lisp_petr_info *p, void *arg)
{
	(void)p;
	(*(unsigned *)arg)++;
	return 0;
}

static int cef_row_fn(const struct lisp_cef_info *c, void *arg)
{
	struct lisp_cef_info *hit = arg;
	struct prefix want = PI("10.99.0.0/16", 0);

	if (c->prefix.len == want.len && addr_common_bits(&c->prefix.addr, &want.addr) >= 16)
		*hit = *c;
	return 0;
}

/* 'show ip cef vrf': the VRF's table carries its instance's map-cache,
 * each VRF its own (RED: the PETR, BLUE: native), the default none of
 * them. */
static void cef_vrf_checks(const struct addr *petr)
{
	struct addr a = A4("10.99.1.1");
	struct lisp_cef_info c, hit;

	CU_ASSERT(lisp_cef_lookup_vrf(L.l[LISP1], (unsigned)red[LISP1], &a, &c) == 0 &&
		  c.action == FIB_LISP_NATIVE_PETR && addr_eq(&c.nexthop, petr) && c.mc_found);
	CU_ASSERT(lisp_cef_lookup_vrf(L.l[LISP1], (unsigned)blue[LISP1], &a, &c) == 0 &&
		  c.action == FIB_LISP_NATIVE && c.mc_found);
	memset(&hit, 0, sizeof(hit));
	CU_ASSERT_EQUAL(lisp_cef_foreach_vrf(L.l[LISP1], (unsigned)red[LISP1], AFI_IPV4, cef_row_fn,
					     &hit), 0);
	CU_ASSERT(hit.mc_found && hit.prefix.addr.iid == 101 && hit.action == FIB_LISP_NATIVE_PETR);
	memset(&hit, 0, sizeof(hit));
	CU_ASSERT_EQUAL(lisp_cef_foreach_vrf(L.l[LISP1], (unsigned)blue[LISP1], AFI_IPV4, cef_row_fn,
					     &hit), 0);
	CU_ASSERT(hit.mc_found && hit.prefix.addr.iid == 102 && hit.action == FIB_LISP_NATIVE);
	memset(&hit, 0, sizeof(hit));
	CU_ASSERT_EQUAL(lisp_cef_foreach_vrf(L.l[LISP1], VRF_DEFAULT, AFI_IPV4, cef_row_fn, &hit), 0);
	CU_ASSERT(!hit.mc_found);
}

/* An instance's own use-petr list: RED's native-forward space goes to
 * its PETR (10.0.2.2) with IID 101; BLUE has none (and the router none):
 * native, which its VRF cannot route. */
static void test_petr(void)
{
	struct prefix p = PI("10.99.0.0/16", 101);
	struct addr petr = A4("10.0.2.2"), a = AI("10.99.1.1", 101);
	struct lisp_cef_info c;
	char err[160];
	unsigned n = 0;

	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, LISP_ACT_NATIVE_FWD, NULL, err,
						  sizeof(err)), 0);
	p.addr.iid = 102;
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, LISP_ACT_NATIVE_FWD, NULL, err,
						  sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_inst_use_petr_add(L.l[LISP1], 101, &petr, 1, 100, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_inst_use_petr_add(L.l[LISP1], 7, &petr, 1, 100, err, sizeof(err)), -1);
	lisp_inst_use_petr_foreach(L.l[LISP1], 101, petr_count, &n);
	CU_ASSERT_EQUAL(n, 1);
	CU_ASSERT_EQUAL(lisp_use_petr_count(L.l[LISP1]), 0);
	CU_ASSERT(lisp_cef_lookup(L.l[LISP1], &a, &c) == 0 && c.action == FIB_LISP_NATIVE_PETR &&
		  addr_eq(&c.nexthop, &petr));
	a.iid = 102;
	CU_ASSERT(lisp_cef_lookup(L.l[LISP1], &a, &c) == 0 && c.action == FIB_LISP_NATIVE);
	cef_vrf_checks(&petr);
	lab_clear_capture(&L);
	host_send(LISP1, 0, "172.16.1.10", "10.99.1.1", 7);
	host_send(LISP1, 1, "172.16.1.10", "10.99.1.1", 8);
	CU_ASSERT_EQUAL(encap_frames(101), 1);
	CU_ASSERT_EQUAL(encap_frames(102), 0);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP1], 101)->petr_encap_pkts, 1);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP1], 102)->petr_encap_pkts, 0);
	CU_ASSERT_EQUAL(lisp_inst_use_petr_del(L.l[LISP1], 101, &petr, err, sizeof(err)), 0);
	keep_frames();
}

/* 'ping vrf RED' from lisp1 (source its RED LAN address) to lisp2's RED
 * LAN address: the router's own packets in a VRF go through the VRF's
 * instance both ways (the echo with IID 101, the reply from lisp2's VRF
 * too). */
static void test_ping_vrf(void)
{
	struct ping_params pp;
	struct lab_ping st;
	char err[160];
	int guard;
	uint64_t enc1 = lisp_inst_stats(L.l[LISP1], 101)->encap_pkts;
	uint64_t enc2 = lisp_inst_stats(L.l[LISP2], 101)->encap_pkts;

	memset(&pp, 0, sizeof(pp));
	memset(&st, 0, sizeof(st));
	pp.dst = A4("172.16.2.1");
	snprintf(pp.src_ifname, sizeof(pp.src_ifname), "Ethernet1");
	pp.repeat = 5;
	pp.timeout_ms = 1000;
	pp.vrf = (unsigned)red[LISP1];
	lab_clear_capture(&L);
	CU_ASSERT_NOT_EQUAL_FATAL(ping_start(L.r[LISP1], &pp, NULL, lab_ping_done, &st, err,
					     sizeof(err)), 0);
	lab_pump(&L);
	for (guard = 0; !st.done && guard < 100000; guard++)
		lab_step(&L, 10 * NS_PER_MS);
	CU_ASSERT_EQUAL(st.done, 1);
	/* the first echo resolves (instance 101's cache was cleared), and
	 * lisp2 resolves lisp1's prefix on the first reply */
	CU_ASSERT(st.res.received >= 3);
	CU_ASSERT(lisp_inst_stats(L.l[LISP1], 101)->encap_pkts >= enc1 + 4);
	CU_ASSERT(lisp_inst_stats(L.l[LISP2], 101)->encap_pkts >= enc2 + 3);
	CU_ASSERT(encap_frames(101) >= 4);
	CU_ASSERT_EQUAL(encap_frames(102), 0);
	keep_frames();
}

/* Instance 0 is unchanged on the wire: plain AFI in its Map-Request, I=1
 * with IID 0 on its data. */
static void test_instance0(void)
{
	struct lisp_map_request mr;
	struct lisp_ecm ecm;
	const uint8_t *m;
	size_t len;
	unsigned plain = 0;
	struct ping_result res;

	lab_clear_capture(&L);
	res = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 1000);
	CU_ASSERT(res.received >= 1);
	for (size_t i = 0; i < L.link[LINK1].n; i++) {
		const struct lab_frame *f = &L.link[LINK1].cap[i];

		if (f->from != LISP1 || !(m = ctrl_payload(f, &len)) ||
		    lisp_msg_type(m, len) != LISP_ECM)
			continue;
		CU_ASSERT_EQUAL_FATAL(lisp_ecm_decode(m, len, &ecm), LISP_OK);
		CU_ASSERT_EQUAL_FATAL(lisp_map_request_decode(ecm.payload, ecm.payload_len, &mr),
				      LISP_OK);
		if (!mr.records[0].eid.has_iid && !mr.source_eid.has_iid)
			plain++;
		lisp_map_request_free(&mr);
	}
	CU_ASSERT_EQUAL(plain, 1);
	CU_ASSERT(encap_frames(0) >= 1);
	keep_frames();
}

/* ------------------------------------------------------------ IPv6 EIDs in a VRF */

static struct addr A6(const char *s)
{
	struct addr a;
	uint8_t b[16];

	CU_ASSERT_FATAL(inet_pton(AF_INET6, s, b) == 1);
	addr_set_v6(&a, b);
	return a;
}

static void add6(int r, struct iface *ifp, const char *a)
{
	struct addr x = A6(a);
	char err[160];

	CU_ASSERT_EQUAL_FATAL(iface6_add_addr(L.r[r], ifp, &x, 64, false, err, sizeof(err)), 0);
}

static void db6(int r, const char *eid, uint32_t iid, const char *rloc)
{
	struct lisp_loc_cfg loc;
	struct prefix p = PI(eid, iid);
	char err[160];

	memset(&loc, 0, sizeof(loc));
	loc.addr = A4(rloc);
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL_FATAL(lisp_db_add(L.l[r], &p, &loc, err, sizeof(err)), 0);
}

/* An ICMPv6 echo request from the IPv6 host on lisp1's LAN k. */
static void host6_send(int k, uint16_t seq)
{
	static const uint8_t hmac[6] = { 0x02, 0xaa, 0, 0, 0, 6 };
	struct addr s = A6("2001:db8:1::10"), d = A6("2001:db8:2::10");
	uint8_t f[128], *icmp = f + 14 + 40;
	uint16_t sum;

	mk_eth(f, iface_mac(lan[LISP1][k]), hmac, 0x86dd);
	ipv6_build_hdr(f + 14, 16, IPPROTO_ICMPV6_, 64, s.u.b, d.u.b);
	memset(icmp, 0, 16);
	icmp[0] = 128;
	icmp[6] = (uint8_t)(seq >> 8);
	icmp[7] = (uint8_t)seq;
	sum = ipv6_l4_cksum(f + 14, IPPROTO_ICMPV6_, icmp, 16);
	memcpy(icmp + 2, &sum, 2);
	t_push(iface_port(lan[LISP1][k]), f, 14 + 40 + 16);
	router_poll(L.r[LISP1]);
	lab_pump(&L);
}

/* The IPv6 frames that left an interface of lisp2 (drained): Neighbor
 * Solicitations for 2001:db8:2::10 counted in *ns, every frame kept for
 * tshark. */
static unsigned lan6_frames(struct iface *ifp, unsigned *ns)
{
	struct addr h = A6("2001:db8:2::10");
	uint8_t f[2048];
	long n;
	unsigned c = 0;

	*ns = 0;
	while ((n = port_mem_pop(iface_port(ifp), f, sizeof(f), NULL)) >= 0) {
		if (n < 14 + 40 || f[12] != 0x86 || f[13] != 0xdd)
			continue;
		c++;
		if (n >= 14 + 40 + 24 && f[14 + 6] == IPPROTO_ICMPV6_ && f[14 + 40] == 135 &&
		    !memcmp(f + 14 + 40 + 8, h.u.b, 16))
			(*ns)++;
		if (ts_n < TS_MAX) {
			memcpy(ts_f[ts_n], f, (size_t)n);
			ts_len[ts_n++] = (size_t)n;
		}
	}
	return c;
}

/* Answer lisp2's Neighbor Solicitation for the host on ifp. */
static void answer_ns6(struct iface *ifp)
{
	static const uint8_t hmac[6] = { 0x02, 0xbb, 0, 0, 0, 6 };
	struct addr h = A6("2001:db8:2::10"), r = A6("2001:db8:2::1");
	uint8_t f[128], *icmp = f + 14 + 40;
	uint16_t sum;

	mk_eth(f, iface_mac(ifp), hmac, 0x86dd);
	ipv6_build_hdr(f + 14, 32, IPPROTO_ICMPV6_, 255, h.u.b, r.u.b);
	memset(icmp, 0, 32);
	icmp[0] = 136;
	icmp[4] = 0x60;			/* S, O */
	memcpy(icmp + 8, h.u.b, 16);
	icmp[24] = 2;			/* target link-layer address */
	icmp[25] = 1;
	memcpy(icmp + 26, hmac, 6);
	sum = ipv6_l4_cksum(f + 14, IPPROTO_ICMPV6_, icmp, 32);
	memcpy(icmp + 2, &sum, 2);
	t_push(iface_port(ifp), f, 14 + 40 + 32);
	router_poll(L.r[LISP2]);
	lab_pump(&L);
}

/* An IPv6-in-IPv6 data packet to lisp2's IPv6 RLOC 2001:db8:ff02::2 with
 * I=1 and iid (kept for tshark): the inner packet from 2001:db8:1::10 to
 * the RED host, both hop limits 64. */
static void inject6_rloc(uint32_t iid, struct iface *eth)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 6 };
	struct addr os = A6("2001:db8:ff02::1"), od = A6("2001:db8:ff02::2");
	struct addr is = A6("2001:db8:1::10"), id = A6("2001:db8:2::10");
	uint8_t f[256], *ip = f + 14, *udp = ip + 40, *lh = udp + 8, *in = lh + LISP_DATA_HDR_LEN;
	uint8_t *icmp = in + 40;
	struct lisp_data_hdr h;
	size_t ulen = 8 + LISP_DATA_HDR_LEN + 40 + 16;
	uint16_t sum;

	mk_eth(f, iface_mac(eth), nmac, 0x86dd);
	ipv6_build_hdr(ip, (uint16_t)ulen, 17, 64, os.u.b, od.u.b);
	memset(&h, 0, sizeof(h));
	h.n = true;
	h.nonce = 0x654321;
	h.i = true;
	h.iid = iid;
	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_encode(&h, lh, LISP_DATA_HDR_LEN), LISP_DATA_HDR_LEN);
	ipv6_build_hdr(in, 16, IPPROTO_ICMPV6_, 64, is.u.b, id.u.b);
	memset(icmp, 0, 16);
	icmp[0] = 128;
	icmp[7] = 9;
	sum = ipv6_l4_cksum(in, IPPROTO_ICMPV6_, icmp, 16);
	memcpy(icmp + 2, &sum, 2);
	udp[0] = 0xf1;
	udp[1] = 0x23;
	udp[2] = (uint8_t)(LISP_DATA_PORT >> 8);
	udp[3] = (uint8_t)LISP_DATA_PORT;
	udp[4] = (uint8_t)(ulen >> 8);
	udp[5] = (uint8_t)ulen;
	udp[6] = udp[7] = 0;
	sum = ipv6_l4_cksum(ip, 17, udp, ulen);
	memcpy(udp + 6, &sum, 2);
	if (ts_n < TS_MAX) {
		memcpy(ts_f[ts_n], f, 14 + 40 + ulen);
		ts_len[ts_n++] = 14 + 40 + ulen;
	}
	t_push(iface_port(eth), f, 14 + 40 + ulen);
	router_poll(L.r[LISP2]);
	lab_pump(&L);
}

/* The tshark columns of the frames test_decap6_vrf keeps. */
struct v6_seen {
	unsigned encap101, encap_other, delivered, ns, lines;
	unsigned encap6, delivered6;	/* over an IPv6 RLOC */
};

static void v6_fn(char **c, int nc, void *arg)
{
	struct v6_seen *v = arg;

	/* 0 frame, 1 malformed, 2 ip.dst, 3 udp.dstport, 4 lisp-data.flags.iid,
	 * 5 lisp-data.iid, 6 ipv6.dst, 7 ipv6.hlim, 8 icmpv6.type, 9 icmpv6.nd.ns.target_address */
	v->lines++;
	if (nc < 10)
		return;
	if (!strcmp(c[3], "4341") && !strcmp(c[6], "2001:db8:2::10") && !strcmp(c[8], "128")) {
		if (!strcmp(c[2], "10.0.2.2") && !strcmp(c[4], "1") && !strcmp(c[5], "101") &&
		    !strcmp(c[7], "63"))
			v->encap101++;
		else if (!c[2][0] && !strcmp(c[4], "1") && !strcmp(c[5], "101") && !strcmp(c[7], "64"))
			v->encap6++;		/* IPv6 outer header: no ip.dst */
		else
			v->encap_other++;
	}
	if (!c[2][0] && !c[3][0] && !strcmp(c[6], "2001:db8:2::10") && !strcmp(c[7], "63") &&
	    !strcmp(c[8], "128"))
		v->delivered6++;
	/* 64, less lisp1's hop, less the core's (the outer hop limit, smaller,
	 * copied in: RFC 9300 5.3), less lisp2's */
	if (!c[2][0] && !c[3][0] && !strcmp(c[6], "2001:db8:2::10") && !strcmp(c[7], "61") &&
	    !strcmp(c[8], "128"))
		v->delivered++;
	if (!strcmp(c[8], "135") && !strcmp(c[9], "2001:db8:2::10"))
		v->ns++;
}

static void tshark_v6(unsigned from, struct v6_seen *v)
{
	char line[1024];
	struct ts_run t;
	FILE *p;

	memset(v, 0, sizeof(*v));
	p = ts_open(&t, ts_f, sizeof(ts_f[0]), ts_len, from, ts_n,
		    "-T fields -E separator=/t -E occurrence=l "
		    "-e frame.number -e _ws.malformed -e ip.dst -e udp.dstport -e lisp-data.flags.iid "
		    "-e lisp-data.iid -e ipv6.dst -e ipv6.hlim -e icmpv6.type "
		    "-e icmpv6.nd.ns.target_address");
	while (fgets(line, sizeof(line), p)) {
		char *c[12] = { 0 };
		int k = ts_split(line, c, 12);

		if (k >= 2 && c[1][0])
			fprintf(stderr, "\n  tshark: frame %s malformed", c[0]);
		CU_ASSERT(k >= 2 && !c[1][0]);
		v6_fn(c, k, v);
	}
	CU_ASSERT_EQUAL(ts_close(&t), 0);
}

/*
 * IPv6 EIDs over IPv4 RLOCs in a VRF: RED and BLUE have the same IPv6
 * LAN 2001:db8:2::/64 on lisp2 and so has a default-table interface
 * (Ethernet3), with 2001:db8:2::/48 in the database of instances 101, 102
 * and 0 alike.  An IPv6 host in lisp1's RED sends to 2001:db8:2::10: the
 * packet is resolved in 101, encapsulated with I=1 and IID 101, and lisp2
 * decapsulates it into RED: the Neighbor Solicitation for the host, and
 * then the packet itself, leave RED's LAN only (never BLUE's, never the
 * default table's).  tshark reads the encapsulated frames (outer IPv4 to
 * 10.0.2.2, I=1, IID 101, inner IPv6 with lisp1's hop taken) and the
 * delivered one (hop limit 61: the core's hop is copied in from the outer
 * header).  The same packet over an IPv6 RLOC (IPv6 outer header to
 * lisp2's 2001:db8:ff02::2, I=1, IID 101) lands in RED too.
 */
static void test_decap6_vrf(void)
{
	struct iface *dflt;
	struct port *pt;
	struct lisp_mc_info mc;
	struct addr a = A6("2001:db8:2::10");
	struct v6_seen v;
	unsigned ns_red, ns_blue, ns_dflt, n_blue, n_dflt, n_red, from;
	uint64_t dec101 = lisp_inst_stats(L.l[LISP2], 101)->decap_pkts;
	uint64_t dec102 = lisp_inst_stats(L.l[LISP2], 102)->decap_pkts;
	uint64_t dec0 = lisp_inst_stats(L.l[LISP2], 0)->decap_pkts;

	ipv6_set_routing(L.r[LISP1], true);
	ipv6_set_routing(L.r[LISP2], true);
	add6(LISP1, lan[LISP1][0], "2001:db8:1::1");
	add6(LISP1, lan[LISP1][1], "2001:db8:1::1");
	add6(LISP2, lan[LISP2][0], "2001:db8:2::1");
	add6(LISP2, lan[LISP2][1], "2001:db8:2::1");
	dflt = lab_if(&L, LISP2, "Ethernet3", &pt, 3);
	add6(LISP2, dflt, "2001:db8:2::1");
	iface_set_shutdown(L.r[LISP2], dflt, false);
	db6(LISP1, "2001:db8:1::/48", 101, "10.0.1.2");
	db6(LISP1, "2001:db8:1::/48", 102, "10.0.1.2");
	db6(LISP2, "2001:db8:2::/48", 101, "10.0.2.2");
	db6(LISP2, "2001:db8:2::/48", 102, "10.0.2.2");
	db6(LISP2, "2001:db8:2::/48", 0, "10.0.2.2");
	site_eid("A", "2001:db8:1::/48", 101);
	site_eid("B", "2001:db8:2::/48", 101);
	site_eid("B", "2001:db8:2::/48", 102);
	lab_run(&L, 2000);			/* registered */
	lan6_frames(lan[LISP2][0], &ns_red);
	lan6_frames(lan[LISP2][1], &ns_blue);
	lan6_frames(dflt, &ns_dflt);
	from = ts_n;

	lab_clear_capture(&L);
	host6_send(0, 1);			/* a miss: resolved in 101 */
	lab_run(&L, 300);
	a.iid = 101;
	CU_ASSERT_FATAL(lisp_map_cache_lookup(L.l[LISP1], &a, &mc) == 0 && mc.prefix.len == 48 &&
			mc.prefix.addr.iid == 101 && !mc.negative && mc.n_locs == 1);
	a.iid = 0;
	CU_ASSERT(lisp_map_cache_lookup(L.l[LISP1], &a, &mc) == -1 || mc.prefix.len == 0);
	lab_clear_capture(&L);
	host6_send(0, 2);			/* a hit: encapsulated, decapsulated */
	keep_frames();
	n_red = lan6_frames(lan[LISP2][0], &ns_red);
	n_blue = lan6_frames(lan[LISP2][1], &ns_blue);
	n_dflt = lan6_frames(dflt, &ns_dflt);
	CU_ASSERT_EQUAL(ns_red, 1);
	CU_ASSERT_EQUAL(n_blue, 0);
	CU_ASSERT_EQUAL(n_dflt, 0);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP2], 101)->decap_pkts, dec101 + 1);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP2], 102)->decap_pkts, dec102);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP2], 0)->decap_pkts, dec0);
	/* the host answers: the packet held for it goes out on RED's LAN */
	answer_ns6(lan[LISP2][0]);
	host6_send(0, 3);
	keep_frames();
	n_red = lan6_frames(lan[LISP2][0], &ns_red);
	CU_ASSERT(n_red >= 1);
	CU_ASSERT_EQUAL(lan6_frames(lan[LISP2][1], &ns_blue), 0);
	CU_ASSERT_EQUAL(lan6_frames(dflt, &ns_dflt), 0);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP2], 101)->decap_pkts, dec101 + 2);
	/* the same over an IPv6 RLOC: lisp2's 2001:db8:ff02::2 */
	add6(LISP2, L.eth[LISP2][0], "2001:db8:ff02::2");
	lab_run(&L, 3000);			/* past duplicate address detection */
	lan6_frames(lan[LISP2][0], &ns_red);
	inject6_rloc(101, L.eth[LISP2][0]);
	CU_ASSERT_EQUAL(lan6_frames(lan[LISP2][0], &ns_red), 1);
	CU_ASSERT_EQUAL(lan6_frames(lan[LISP2][1], &ns_blue), 0);
	CU_ASSERT_EQUAL(lan6_frames(dflt, &ns_dflt), 0);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP2], 101)->decap_pkts, dec101 + 3);
	CU_ASSERT_EQUAL(lisp_inst_stats(L.l[LISP2], 0)->decap_pkts, dec0);
	tshark_v6(from, &v);
	CU_ASSERT(v.lines == ts_n - from);
	CU_ASSERT(v.encap101 >= 4);		/* two packets, on LINK1 and on LINK2 */
	CU_ASSERT_EQUAL(v.encap_other, 0);
	CU_ASSERT_EQUAL(v.ns, 1);
	CU_ASSERT(v.delivered >= 1);
	CU_ASSERT_EQUAL(v.encap6, 1);
	CU_ASSERT_EQUAL(v.delivered6, 1);		/* hop limit 64 - 1 */
	if (v.encap101 < 4 || v.encap_other || v.ns != 1 || !v.delivered || v.encap6 != 1 ||
	    v.delivered6 != 1)
		fprintf(stderr, "\n  v6: encap101 %u other %u ns %u delivered %u encap6 %u delivered6 %u "
			"lines %u\n", v.encap101, v.encap_other, v.ns, v.delivered, v.encap6,
			v.delivered6, v.lines);
}

/* A data packet to lisp2 (10.0.2.2:4341) with I=1 and iid, inner to the
 * tenant host. */
static void inject_data(uint32_t iid)
{
	uint8_t pkt[128], *inner = pkt + LISP_DATA_HDR_LEN;
	struct lisp_data_hdr h;
	size_t n;

	memset(&h, 0, sizeof(h));
	h.n = true;
	h.nonce = 0x123456;
	h.i = true;
	h.iid = iid;
	CU_ASSERT_EQUAL_FATAL(lisp_data_hdr_encode(&h, pkt, LISP_DATA_HDR_LEN), LISP_DATA_HDR_LEN);
	n = mk_ip(inner, ip4("172.16.1.10"), ip4("172.16.2.10"), 17, 64, 0, 8, 0);
	memset(inner + 20, 0, 8);
	lab_inject_udp(&L, LISP2, L.eth[LISP2][0], "10.0.1.2", "10.0.2.2", 0xF123,
		       LISP_DATA_PORT, pkt, LISP_DATA_HDR_LEN + n, 64, 0);
	lab_pump(&L);
}

static void test_unknown_iid(void)
{
	const struct lisp_stats *st = lisp_stats(L.l[LISP2]);
	uint64_t unk = st->drops[LISP_DROP_DECAP_IID], novrf = st->drops[LISP_DROP_DECAP_IID_NO_VRF];
	uint64_t dec = st->decap_pkts;
	struct lisp_inst_info ii;
	struct lisp_inst *i;
	char err[160];

	inject_data(999);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_DECAP_IID], unk + 1);
	CU_ASSERT_EQUAL(st->decap_pkts, dec);
	/* an instance bound to a VRF that is not defined */
	i = lisp_inst_get(L.l[LISP2], 103, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(i);
	CU_ASSERT_EQUAL(lisp_inst_set_eid_table(i, true, "GREEN", err, sizeof(err)), 0);
	CU_ASSERT(lisp_inst_info(L.l[LISP2], 103, &ii) == 0 && !ii.vrf_ok);
	inject_data(103);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_DECAP_IID_NO_VRF], novrf + 1);
	/* the VRF appears: the instance is bound, its packets delivered */
	CU_ASSERT(vrf_create(L.r[LISP2], "GREEN", false, err, sizeof(err)) > 0);
	CU_ASSERT(lisp_inst_info(L.l[LISP2], 103, &ii) == 0 && ii.vrf_ok &&
		  ii.vrf_id == (unsigned)vrf_lookup(L.r[LISP2], "GREEN"));
	inject_data(103);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_DECAP_IID_NO_VRF], novrf + 1);
	/* one instance per VRF */
	i = lisp_inst_get(L.l[LISP2], 104, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(i);
	CU_ASSERT_EQUAL(lisp_inst_set_eid_table(i, true, "RED", err, sizeof(err)), -1);
	CU_ASSERT_STRING_EQUAL(err, "% VRF RED is already bound to instance-id 101");
	/* RED deleted: instance 101 has no VRF until it comes back */
	CU_ASSERT_EQUAL(vrf_delete(L.r[LISP2], "RED", err, sizeof(err)), 0);
	CU_ASSERT(lisp_inst_info(L.l[LISP2], 101, &ii) == 0 && !ii.vrf_ok);
	inject_data(101);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_DECAP_IID_NO_VRF], novrf + 2);
	/* no instance-id: its tables go, an IID out of range is refused */
	CU_ASSERT_EQUAL(lisp_inst_del(L.l[LISP2], 103, err, sizeof(err)), 0);
	CU_ASSERT_PTR_NULL(lisp_inst_stats(L.l[LISP2], 103));
	inject_data(103);
	CU_ASSERT_EQUAL(st->drops[LISP_DROP_DECAP_IID], unk + 2);
	CU_ASSERT_PTR_NULL(lisp_inst_get(L.l[LISP2], LISP_IID_MAX + 1, err, sizeof(err)));
	keep_frames();
}

/* Walks: instances in IID order, then prefixes; _after resumes after
 * (iid, prefix). */
struct walk {
	uint32_t iid[16];
	unsigned n;
};

static int db_fn(const struct lisp_db_info *d, void *arg)
{
	struct walk *w = arg;

	if (w->n < 16 && addr_is_v4(&d->prefix.addr))	/* test_decap6_vrf adds IPv6 ones */
		w->iid[w->n++] = d->prefix.addr.iid;
	return 0;
}

static void test_walks(void)
{
	struct walk w = { { 0 }, 0 };
	struct prefix after = PI("172.16.1.0/24", 101);
	struct lisp_db_info d;

	lisp_db_foreach(L.l[LISP1], db_fn, &w);
	CU_ASSERT_EQUAL(w.n, 3);
	CU_ASSERT(w.iid[0] == 0 && w.iid[1] == 101 && w.iid[2] == 102);
	memset(&w, 0, sizeof(w));
	lisp_db_foreach_after(L.l[LISP1], &after, db_fn, &w);
	CU_ASSERT(w.n == 1 && w.iid[0] == 102);
	CU_ASSERT(lisp_db_get(L.l[LISP1], &after, &d) == 0 && d.prefix.addr.iid == 101);
	after.addr.iid = 7;
	CU_ASSERT_EQUAL(lisp_db_get(L.l[LISP1], &after, &d), -1);
}

/* ------------------------------------------------------------ tshark */

static void test_tshark(void)
{
	char cmd[1024], line[1024];
	struct ts_run run;
	FILE *p;
	unsigned lines = 0, reg = 0, req[2] = { 0 }, rep[2] = { 0 }, data[2] = { 0 }, data0 = 0;

	CU_ASSERT_FATAL(ts_n > 10);
	p = ts_open(&run, ts_f, sizeof(ts_f[0]), ts_len, 0, ts_n,
		    "-T fields -E separator=/t -E aggregator=, "
		    "-e frame.number -e _ws.malformed -e lisp.type -e lisp.lcaf.iid "
		    "-e lisp-data.flags.iid -e lisp-data.iid");
	while (fgets(line, sizeof(line), p)) {
		char *c[8] = { 0 };
		int k = ts_split(line, c, 8);

		lines++;
		CU_ASSERT_FATAL(k >= 6);
		if (c[1][0])
			fprintf(stderr, "\n  tshark: frame %s malformed", c[0]);
		CU_ASSERT(!c[1][0]);
		/* lisp1's register: IID 101 and 102 (instance 0 plain) */
		if (!strcmp(c[2], "3") && !strcmp(c[3], "101,102"))
			reg++;
		for (int t = 0; t < 2; t++) {
			char two[32];

			snprintf(two, sizeof(two), "%u,%u", 101 + t, 101 + t);
			/* the ECM's request: Source-EID and EID in the LCAF
			 * (lisp1's, and the Map-Server's relay of it) */
			if (!strcmp(c[2], "8,1") && !strcmp(c[3], two))
				req[t]++;
			if (!strcmp(c[2], "2") && !strcmp(c[3], two + 4))
				rep[t]++;
			if (!strcmp(c[4], "1") && !strcmp(c[5], two + 4))
				data[t]++;
		}
		if (!strcmp(c[4], "1") && !strcmp(c[5], "0"))
			data0++;
	}
	CU_ASSERT_EQUAL(lines, ts_n);
	CU_ASSERT(reg >= 1);
	CU_ASSERT(req[0] >= 2 && req[1] == 2);	/* 101: again by the ping */
	CU_ASSERT(rep[0] >= 1 && rep[1] >= 1);
	/* on LINK1 and again on LINK2 */
	CU_ASSERT(data[0] >= 2 && data[1] >= 2);
	CU_ASSERT(data0 >= 2);
	if (!reg || req[0] < 2 || req[1] != 2 || !rep[0] || !rep[1] || data[0] < 2 ||
	    data[1] < 2) {
		snprintf(cmd, sizeof(cmd), "'%s' -n -r '%s' -T fields -e frame.number -e lisp.type "
			 "-e lisp.lcaf.iid -e lisp-data.flags.iid -e lisp-data.iid >&2",
			 ts_tshark(), run.path);
		if (system(cmd) != 0)
			fprintf(stderr, "tshark failed\n");
	}
	CU_ASSERT_EQUAL(ts_close(&run), 0);
}

int main(void)
{
	CU_TestInfo tests[] = {
		{ "every instance registered, LCAF IID on the wire", test_register },
		{ "two tenants, same prefixes: resolve, encapsulate, decapsulate per VRF",
		  test_tenants },
		{ "RLOC-probe and SMR counters per instance", test_probe_smr },
		{ "use-petr per instance", test_petr },
		{ "ping vrf from the xTR: its own packets per instance", test_ping_vrf },
		{ "instance 0 unchanged on the wire", test_instance0 },
		{ "IPv6 EIDs decapsulated into the instance's VRF, not the default table",
		  test_decap6_vrf },
		{ "unknown IID, instance without VRF: dropped and counted", test_unknown_iid },
		{ "walks in IID then prefix order", test_walks },
		{ "tshark reads the IIDs of control and data", test_tshark },
		CU_TEST_INFO_NULL,
	};
	CU_SuiteInfo suites[] = {
		{ "lisp_inst", setup, teardown, NULL, NULL, tests },
		CU_SUITE_INFO_NULL,
	};

	return cunit_run(suites);
}
