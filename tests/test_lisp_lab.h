/*
 * DOC: the in-process seed lab for the LISP tests
 *
 * Four routers on manual clocks wired back to back with memory ports, as
 * in the seed (001_5bd06408d774d726):
 *
 *   lisp1 Ethernet0 10.0.1.2 --- 10.0.1.1 Ethernet0 mapserver
 *   lisp2 Ethernet0 10.0.2.2 --- 10.0.2.1 Ethernet1 mapserver
 *   outsideworld Ethernet0 10.0.3.2 --- 10.0.3.1 Ethernet2 mapserver
 *
 * lisp1 Loopback0 192.168.1.1 (EID prefix 192.168.1.0/24), lisp2
 * Loopback0 192.168.2.1 (192.168.2.0/24), outsideworld Loopback0 4.2.2.2;
 * the xTRs and outsideworld default-route to mapserver, mapserver to
 * outsideworld.  The xTRs use 10.0.3.1 as map-resolver and map-server.
 * lab_pump() moves frames between connected ports until the lab is
 * quiet, keeping a copy of every frame crossing a link for inspection,
 * numbered across all links so a test can check the order on the wire.
 */
#ifndef LISPR_TEST_LISP_LAB_H
#define LISPR_TEST_LISP_LAB_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_router_util.h"
#include "lisp.h"

enum { LISP1, MSR, LISP2, OUTW, LAB_NR };
enum { LINK1, LINK2, LINK3, LAB_NL };

#define LAB_CAP		512
#define KEY_A		"siteA-key"
#define KEY_B		"siteB-key"

struct lab_frame {
	int from;			/* router index that sent it */
	unsigned long seq;		/* capture order across every link */
	size_t len;
	uint8_t d[1600];
};

struct lab_link {
	struct port *p[2];
	int r[2];
	struct lab_frame *cap;
	size_t n;
};

struct lab {
	struct router *r[LAB_NR];
	struct lisp *l[LAB_NR];
	struct iface *eth[LAB_NR][3];
	struct lab_link link[LAB_NL];
	unsigned long seq;
	/* When set, a frame it returns true for is lost on the wire (neither
	 * delivered nor captured). */
	bool (*drop)(const uint8_t *f, size_t n, void *arg);
	void *drop_arg;
};

static const char *const lab_names[LAB_NR] = { "lisp1", "mapserver", "lisp2", "outsideworld" };

static inline struct addr A4(const char *s)
{
	struct addr a;

	addr_set_v4(&a, ip4(s));
	return a;
}

static inline struct prefix P4(const char *s)
{
	struct prefix p;
	char err[80];

	CU_ASSERT_EQUAL_FATAL(prefix_parse(s, &p, err, sizeof(err)), 0);
	return p;
}

static inline struct iface *lab_if(struct lab *L, int r, const char *name, struct port **pp,
				   int idx)
{
	char err[128];
	uint8_t mac[6] = { 0x02, 0x00, 0x00, 0x00, (uint8_t)r, (uint8_t)idx };
	struct iface *ifp;

	if (pp) {
		*pp = port_mem_open(name, mac);
		ifp = iface_attach(L->r[r], name, *pp, err, sizeof(err));
	} else {
		ifp = iface_get(L->r[r], name, err, sizeof(err));
	}
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	return ifp;
}

static inline void lab_route(struct lab *L, int r, const char *p, const char *gw)
{
	struct prefix pf = P4(p);
	struct addr g = A4(gw);
	char err[128];

	CU_ASSERT_EQUAL_FATAL(fib_static_add(L->r[r], &pf, &g, NULL, 1, err, sizeof(err)), 0);
}

static inline void lab_wire(struct lab *L, int link, int ra, int ia, int rb, int ib)
{
	L->link[link].p[0] = iface_port(L->eth[ra][ia]);
	L->link[link].p[1] = iface_port(L->eth[rb][ib]);
	L->link[link].r[0] = ra;
	L->link[link].r[1] = rb;
	L->link[link].cap = calloc(LAB_CAP, sizeof(struct lab_frame));
	CU_ASSERT_PTR_NOT_NULL_FATAL(L->link[link].cap);
}

static inline void lab_pump(struct lab *L)
{
	uint8_t f[2048];
	long n;
	int moved, i, d;

	do {
		moved = 0;
		for (i = 0; i < LAB_NL; i++)
			for (d = 0; d < 2; d++) {
				struct lab_link *k = &L->link[i];

				while ((n = port_mem_pop(k->p[d], f, sizeof(f), NULL)) >= 0) {
					if (L->drop && L->drop(f, (size_t)n, L->drop_arg)) {
						moved++;
						continue;
					}
					if (k->n < LAB_CAP && (size_t)n <= sizeof(k->cap[0].d)) {
						k->cap[k->n].from = k->r[d];
						k->cap[k->n].seq = ++L->seq;
						k->cap[k->n].len = (size_t)n;
						memcpy(k->cap[k->n].d, f, (size_t)n);
						k->n++;
					}
					port_mem_push(k->p[!d], f, (size_t)n, 0);
					moved++;
				}
			}
		for (i = 0; i < LAB_NR; i++)
			router_poll(L->r[i]);
	} while (moved);
}

/* Move every clock forward by ns, then let the packets settle. */
static inline void lab_step(struct lab *L, uint64_t ns)
{
	int i;

	for (i = 0; i < LAB_NR; i++) {
		struct evloop *ev = router_loop(L->r[i]);

		ev_clock_set(ev, ev_now(ev) + ns);
	}
	lab_pump(L);
}

/* Run for ms milliseconds in steps of 100 ms. */
static inline void lab_run(struct lab *L, uint64_t ms)
{
	uint64_t t;

	for (t = 0; t < ms; t += 100)
		lab_step(L, 100 * NS_PER_MS);
}

static inline void lab_clear_capture(struct lab *L)
{
	int i;

	for (i = 0; i < LAB_NL; i++)
		L->link[i].n = 0;
}

static inline void lab_xtr(struct lab *L, int r, const char *db, const char *rloc,
			   const char *key)
{
	struct lisp_loc_cfg loc;
	struct lisp_ms_cfg ms;
	struct prefix p = P4(db);
	struct addr mr = A4("10.0.3.1");
	char err[160];

	memset(&loc, 0, sizeof(loc));
	loc.addr = A4(rloc);
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_set_role(L->l[r], LISP_ROLE_ITR | LISP_ROLE_ETR, true, err,
				      sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_db_add(L->l[r], &p, &loc, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L->l[r], &mr, err, sizeof(err)), 0);
	memset(&ms, 0, sizeof(ms));
	ms.addr = mr;
	snprintf(ms.key, sizeof(ms.key), "%s", key);
	ms.alg = LISP_AUTH_HMAC_SHA1;
	CU_ASSERT_EQUAL(lisp_map_server_add(L->l[r], &ms, err, sizeof(err)), 0);
}

static inline void lab_site(struct lab *L, const char *name, const char *key, const char *eid)
{
	struct prefix p = P4(eid);
	char err[160];

	CU_ASSERT_EQUAL(lisp_site_add(L->l[MSR], name, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_set_key(L->l[MSR], name, key, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L->l[MSR], name, &p, false, err, sizeof(err)), 0);
}

/* Build the lab; xtr_config false leaves the LISP configuration empty. */
static inline void lab_setup(struct lab *L, bool lisp_config)
{
	struct port *p;
	char err[160];
	int i;

	memset(L, 0, sizeof(*L));
	for (i = 0; i < LAB_NR; i++) {
		L->r[i] = router_new(EV_CLOCK_MANUAL);
		CU_ASSERT_PTR_NOT_NULL_FATAL(L->r[i]);
		ev_clock_set(router_loop(L->r[i]), 1000 * T_SEC);
		router_set_icmp_ratelimit(L->r[i], 0);
		L->l[i] = lisp_new(L->r[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(L->l[i]);
	}
	L->eth[LISP1][0] = lab_if(L, LISP1, "Ethernet0", &p, 0);
	L->eth[MSR][0] = lab_if(L, MSR, "Ethernet0", &p, 0);
	L->eth[MSR][1] = lab_if(L, MSR, "Ethernet1", &p, 1);
	L->eth[MSR][2] = lab_if(L, MSR, "Ethernet2", &p, 2);
	L->eth[LISP2][0] = lab_if(L, LISP2, "Ethernet0", &p, 0);
	L->eth[OUTW][0] = lab_if(L, OUTW, "Ethernet0", &p, 0);
	t_addr(L->r[LISP1], L->eth[LISP1][0], "10.0.1.2", 24);
	t_addr(L->r[MSR], L->eth[MSR][0], "10.0.1.1", 24);
	t_addr(L->r[MSR], L->eth[MSR][1], "10.0.2.1", 24);
	t_addr(L->r[MSR], L->eth[MSR][2], "10.0.3.1", 24);
	t_addr(L->r[LISP2], L->eth[LISP2][0], "10.0.2.2", 24);
	t_addr(L->r[OUTW], L->eth[OUTW][0], "10.0.3.2", 24);
	t_addr(L->r[LISP1], lab_if(L, LISP1, "Loopback0", NULL, 0), "192.168.1.1", 32);
	t_addr(L->r[LISP2], lab_if(L, LISP2, "Loopback0", NULL, 0), "192.168.2.1", 32);
	t_addr(L->r[OUTW], lab_if(L, OUTW, "Loopback0", NULL, 0), "4.2.2.2", 32);
	iface_set_shutdown(L->r[LISP1], L->eth[LISP1][0], false);
	iface_set_shutdown(L->r[MSR], L->eth[MSR][0], false);
	iface_set_shutdown(L->r[MSR], L->eth[MSR][1], false);
	iface_set_shutdown(L->r[MSR], L->eth[MSR][2], false);
	iface_set_shutdown(L->r[LISP2], L->eth[LISP2][0], false);
	iface_set_shutdown(L->r[OUTW], L->eth[OUTW][0], false);
	lab_route(L, LISP1, "0.0.0.0/0", "10.0.1.1");
	lab_route(L, LISP2, "0.0.0.0/0", "10.0.2.1");
	lab_route(L, MSR, "0.0.0.0/0", "10.0.3.2");
	lab_route(L, OUTW, "0.0.0.0/0", "10.0.3.1");
	lab_wire(L, LINK1, LISP1, 0, MSR, 0);
	lab_wire(L, LINK2, MSR, 1, LISP2, 0);
	lab_wire(L, LINK3, MSR, 2, OUTW, 0);
	lab_pump(L);
	if (!lisp_config)
		return;
	CU_ASSERT_EQUAL(lisp_set_role(L->l[MSR], LISP_ROLE_MS | LISP_ROLE_MR, true, err,
				      sizeof(err)), 0);
	lab_site(L, "A", KEY_A, "192.168.1.0/24");
	lab_site(L, "B", KEY_B, "192.168.2.0/24");
	lab_xtr(L, LISP1, "192.168.1.0/24", "10.0.1.2", KEY_A);
	lab_xtr(L, LISP2, "192.168.2.0/24", "10.0.2.2", KEY_B);
	lab_clear_capture(L);
}

static inline void lab_teardown(struct lab *L)
{
	int i;

	for (i = 0; i < LAB_NR; i++) {
		lisp_free(L->l[i]);
		router_free(L->r[i]);
	}
	for (i = 0; i < LAB_NL; i++)
		free(L->link[i].cap);
}

struct lab_ping {
	struct ping_result res;
	int done;
};

static inline void lab_ping_done(void *arg, const struct ping_result *res)
{
	struct lab_ping *p = arg;

	p->res = *res;
	p->done++;
}

/* Ping from router r and run the lab until it finishes. */
static inline struct ping_result lab_ping(struct lab *L, int r, const char *dst,
					  const char *srcif, unsigned repeat,
					  unsigned timeout_ms)
{
	struct ping_params pp;
	struct lab_ping st;
	char err[160];
	int guard;

	memset(&pp, 0, sizeof(pp));
	memset(&st, 0, sizeof(st));
	pp.dst = A4(dst);
	if (srcif)
		snprintf(pp.src_ifname, sizeof(pp.src_ifname), "%s", srcif);
	pp.repeat = repeat;
	pp.timeout_ms = timeout_ms;
	CU_ASSERT_NOT_EQUAL(ping_start(L->r[r], &pp, NULL, lab_ping_done, &st, err,
				       sizeof(err)), 0);
	lab_pump(L);
	for (guard = 0; !st.done && guard < 100000; guard++)
		lab_step(L, 10 * NS_PER_MS);
	CU_ASSERT_EQUAL(st.done, 1);
	return st.res;
}

/* A UDP/IPv4 frame into router r's interface ifp, as if from the neighbour. */
static inline void lab_inject_udp(struct lab *L, int r, struct iface *ifp, const char *src,
				  const char *dst, uint16_t sport, uint16_t dport,
				  const uint8_t *payload, size_t len, uint8_t ttl, uint8_t tos)
{
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	uint8_t f[2048], *ip = f + 14, *udp = ip + 20;
	size_t n;

	CU_ASSERT_FATAL(len + 42 <= sizeof(f));
	mk_eth(f, iface_mac(ifp), nmac, 0x0800);
	udp[0] = (uint8_t)(sport >> 8);
	udp[1] = (uint8_t)sport;
	udp[2] = (uint8_t)(dport >> 8);
	udp[3] = (uint8_t)dport;
	udp[4] = (uint8_t)((len + 8) >> 8);
	udp[5] = (uint8_t)(len + 8);
	udp[6] = udp[7] = 0;
	memcpy(udp + 8, payload, len);
	n = mk_ip(ip, ip4(src), ip4(dst), 17, ttl, 0, len + 8, 0);
	if (tos) {
		uint16_t sum;

		ip[1] = tos;
		ip[10] = ip[11] = 0;
		sum = ipv4_cksum(ip, 20);
		memcpy(ip + 10, &sum, 2);
	}
	t_push(iface_port(ifp), f, 14 + n);
	(void)L;
	router_poll(L->r[r]);
}

/* The UDP payload of a captured frame if it is IPv4/UDP to dport. */
static inline const uint8_t *lab_udp(const struct lab_frame *f, uint16_t dport, size_t *len)
{
	const uint8_t *ip = f->d + 14, *udp;
	unsigned hlen;

	if (f->len < 14 + 28 || f->d[12] != 0x08 || f->d[13] != 0 || ip[9] != 17)
		return NULL;
	hlen = (ip[0] & 0x0f) * 4u;
	udp = ip + hlen;
	if (get16(udp + 2) != dport)
		return NULL;
	*len = get16(udp + 4) - 8u;
	return udp + 8;
}

/*
 * An ECM'd Map-Request as lisp1 sends it to a Map-Resolver: ITR-RLOC
 * 10.0.1.2, one record for the host eid (IPv4 /32 or IPv6 /128), the inner
 * UDP from sport to 4342.  The record and the Source-EID carry iid, in an
 * Instance-ID LCAF when lcaf; the inner IPv4 header goes from inner_src
 * (NULL: src_eid) to inner_dst (NULL: eid) with TTL ttl (0: 255).
 */
struct lab_req {
	const char *eid;
	uint32_t iid;
	bool lcaf;
	const char *src_eid;		/* NULL: none (AFI 0) */
	const char *inner_src, *inner_dst;
	uint8_t ttl;
	uint16_t sport;
	bool ddt;			/* the ECM's D bit (a DDT Map-Resolver's) */
	uint64_t nonce;
};

static inline struct lisp_address lab_eid(const char *s, uint32_t iid, bool lcaf)
{
	struct lisp_address x;

	memset(&x, 0, sizeof(x));
	CU_ASSERT_EQUAL_FATAL(addr_parse(s, &x.addr, NULL, 0), 0);
	x.addr.iid = iid;
	x.has_iid = lcaf;
	return x;
}

/* The request q into b; its length. */
static inline size_t lab_ecm_request(const struct lab_req *q, uint8_t *b, size_t blen)
{
	struct lisp_map_request m;
	struct lisp_eid rec;
	struct lisp_ecm e;
	uint8_t inner[512];
	ssize_t n;

	memset(&m, 0, sizeof(m));
	memset(&e, 0, sizeof(e));
	memset(&rec, 0, sizeof(rec));
	rec.eid = lab_eid(q->eid, q->iid, q->lcaf);
	rec.mask_len = addr_is_v4(&rec.eid.addr) ? 32 : 128;
	m.nonce = q->nonce;
	if (q->src_eid)
		m.source_eid = lab_eid(q->src_eid, q->iid, q->lcaf);
	m.itr_rloc_count = 1;
	m.itr_rlocs[0].addr = A4("10.0.1.2");
	m.record_count = 1;
	m.records = &rec;
	n = lisp_map_request_encode(&m, inner, sizeof(inner));
	CU_ASSERT_FATAL(n > 0);
	e.ddt = q->ddt;
	e.inner_src = A4(q->inner_src ? q->inner_src : q->src_eid);
	e.inner_dst = A4(q->inner_dst ? q->inner_dst : q->eid);
	e.inner_ttl = q->ttl ? q->ttl : 255;
	e.inner_sport = q->sport;
	e.inner_dport = LISP_CONTROL_PORT;
	e.payload = inner;
	e.payload_len = (size_t)n;
	n = lisp_ecm_encode(&e, b, blen);
	CU_ASSERT_FATAL(n > 0);
	return (size_t)n;
}

/* The first Map-Reply mapserver sent to port after capture index from on
 * link, decoded into *rep, its frame copied to f (when it fits fmax; *flen
 * set); false for none. */
static inline bool lab_map_reply(const struct lab *L, int link, uint16_t port,
				 struct lisp_map_reply *rep, uint8_t *f, size_t fmax, size_t *flen)
{
	const struct lab_link *k = &L->link[link];
	const uint8_t *msg;
	size_t len;

	for (size_t i = 0; i < k->n; i++)
		if (k->cap[i].from == MSR && (msg = lab_udp(&k->cap[i], port, &len)) &&
		    lisp_msg_type(msg, len) == LISP_MAP_REPLY) {
			if (f && k->cap[i].len <= fmax) {
				memcpy(f, k->cap[i].d, k->cap[i].len);
				*flen = k->cap[i].len;
			}
			return lisp_map_reply_decode(msg, len, rep) == LISP_OK;
		}
	return false;
}

/* A router's map-server entries and its PETR entries (iid 0: the
 * router's list, else that instance's own), in the engine's order. */
struct lab_ms_list {
	unsigned n;
	struct lisp_ms_info m[LISP_MAX_MAP_SERVERS];
};

static inline int lab_ms_list_fn(const struct lisp_ms_info *m, void *arg)
{
	struct lab_ms_list *w = arg;

	if (w->n < LISP_MAX_MAP_SERVERS)
		w->m[w->n++] = *m;
	return 0;
}

static inline struct lab_ms_list lab_ms_list(struct lisp *l)
{
	struct lab_ms_list w;

	memset(&w, 0, sizeof(w));
	lisp_map_server_foreach(l, lab_ms_list_fn, &w);
	return w;
}

struct lab_petr_list {
	unsigned n;
	struct lisp_petr_info p[LISP_MAX_PETRS];
};

static inline int lab_petr_list_fn(const struct lisp_petr_info *p, void *arg)
{
	struct lab_petr_list *w = arg;

	if (w->n < LISP_MAX_PETRS)
		w->p[w->n++] = *p;
	return 0;
}

static inline struct lab_petr_list lab_petr_list(struct lisp *l, uint32_t iid)
{
	struct lab_petr_list w;

	memset(&w, 0, sizeof(w));
	if (iid)
		lisp_inst_use_petr_foreach(l, iid, lab_petr_list_fn, &w);
	else
		lisp_use_petr_foreach(l, lab_petr_list_fn, &w);
	return w;
}

#endif
