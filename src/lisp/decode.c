/*
 * DOC: offline decoding of LISP packets ('lispr --decode FILE.pcap')
 *
 * A frame is peeled layer by layer through struct rbuf: link header
 * (Ethernet with one 802.1Q tag, raw IP, Linux cooked v1/v2, BSD loopback),
 * IPv4 or IPv6 (with the common extension headers), UDP.  UDP to or from
 * 4342 is handed to the control codec, 4341 to the data-header codec, and
 * the decoded struct is printed as one line (format in samples/README).
 * Whatever the capture holds, the worst outcome is a "malformed" line.
 */
#include <inttypes.h>
#include <pcap/pcap.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "addr.h"
#include "buf.h"
#include "decode.h"
#include "lisp_msg.h"

#define ETHERTYPE_IPV4	0x0800
#define ETHERTYPE_IPV6	0x86dd
#define ETHERTYPE_VLAN	0x8100

#define IPPROTO_UDP_	17
#define IPV6_EXT_MAX	8	/* extension headers followed before giving up */
#define DECODE_LINE_MAX	8192

/* A line under construction; output past the end is cut and marked "...". */
struct sbuf {
	char *p;
	size_t cap;
	size_t len;
	bool full;
};

/* A UDP datagram found in a frame. */
struct udp_pkt {
	struct addr src, dst;
	uint16_t sport, dport;
	uint16_t udp_len;	/* from the header */
	const uint8_t *payload;
	size_t len;		/* payload bytes captured */
	size_t wire_len;	/* payload bytes the headers announce */
	bool first_frag;
};

/* Four address bytes as the network-order word addr_set_v4() takes. */
static uint32_t v4(const uint8_t b[4])
{
	uint32_t v;

	memcpy(&v, b, 4);
	return v;
}

static void sb_init(struct sbuf *s, char *p, size_t cap)
{
	s->p = p;
	s->cap = cap;
	s->len = 0;
	s->full = false;
	if (cap)
		p[0] = '\0';
}

__attribute__((format(printf, 2, 3)))
static void sb_add(struct sbuf *s, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (s->full || s->cap == 0)
		return;
	va_start(ap, fmt);
	n = vsnprintf(s->p + s->len, s->cap - s->len, fmt, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= s->cap - s->len) {
		s->full = true;
		s->len = s->cap - 1;
		if (s->cap >= 4)
			memcpy(s->p + s->cap - 4, "...", 4);
		return;
	}
	s->len += (size_t)n;
}

static void sb_addr(struct sbuf *s, const struct addr *a)
{
	char b[ADDR_STRLEN];

	if (a->afi == AFI_NONE)
		sb_add(s, "none");
	else
		sb_add(s, "%s", addr_fmt(a, b, sizeof(b)));
}

/* "10.0.1.2:4342" or "[2001:db8::1]:4342" */
static void sb_endpoint(struct sbuf *s, const struct addr *a, uint16_t port)
{
	if (a->afi == AFI_IPV6) {
		sb_add(s, "[");
		sb_addr(s, a);
		sb_add(s, "]:%u", port);
	} else {
		sb_addr(s, a);
		sb_add(s, ":%u", port);
	}
}

static void sb_flag(struct sbuf *s, bool on, const char *name, bool *first)
{
	if (!on)
		return;
	sb_add(s, "%s%s", *first ? " flags=" : ",", name);
	*first = false;
}

static void sb_laddr(struct sbuf *s, const struct lisp_address *a)
{
	unsigned i;

	if (a->has_iid) {
		if (a->iid_mask_len)
			sb_add(s, "[%" PRIu32 "/%u] ", a->addr.iid, a->iid_mask_len);
		else
			sb_add(s, "[%" PRIu32 "] ", a->addr.iid);
	}
	if (a->unknown_lcaf) {
		sb_add(s, "lcaf-type-%u", a->lcaf_type);
		return;
	}
	if (!a->afi_list) {
		sb_addr(s, &a->addr);
		return;
	}
	sb_add(s, "{");
	sb_addr(s, &a->addr);
	for (i = 0; i < a->n_alt && i < LISP_AFI_LIST_MAX - 1; i++) {
		sb_add(s, ",");
		sb_addr(s, &a->alt[i]);
	}
	sb_add(s, "}");
}

static void sb_prefix(struct sbuf *s, const struct lisp_eid *e)
{
	sb_laddr(s, &e->eid);
	sb_add(s, "/%u", e->mask_len);
}

static const char *action_name(unsigned act)
{
	return act <= LISP_ACT_DROP_AUTH ? lisp_action_str(act) : NULL;
}

static void sb_record(struct sbuf *s, const char *label, const struct lisp_record *r)
{
	const char *act = action_name(r->action);
	unsigned i;

	sb_add(s, " %s ", label);
	sb_prefix(s, &r->eid);
	sb_add(s, " ttl %" PRIu32, r->ttl);
	if (r->authoritative)
		sb_add(s, " A");
	if (r->map_version)
		sb_add(s, " ver %u", r->map_version);
	if (r->loc_count == 0 || r->action != LISP_ACT_NO_ACTION) {
		if (act)
			sb_add(s, " act %s", act);
		else
			sb_add(s, " act %u", r->action);
	}
	if (r->loc_count == 0)
		sb_add(s, " locators 0");
	for (i = 0; i < r->loc_count && r->locs; i++) {
		const struct lisp_locator *l = &r->locs[i];

		sb_add(s, " rloc ");
		sb_laddr(s, &l->rloc);
		sb_add(s, " p%u w%u", l->priority, l->weight);
		if (!(l->mpriority == 255 && l->mweight == 0) &&
		    !(l->mpriority == 0 && l->mweight == 0))
			sb_add(s, " mp%u mw%u", l->mpriority, l->mweight);
		if (l->local)
			sb_add(s, " L");
		if (l->probed)
			sb_add(s, " probed");
		if (l->reachable)
			sb_add(s, " R");
	}
}

static const char *type_name(unsigned type, char *buf, size_t len)
{
	if (type >= LISP_MAP_REQUEST && type <= LISP_ECM)
		return lisp_type_str(type);
	snprintf(buf, len, "LISP-type-%u", type);
	return buf;
}

static const char *alg_name(unsigned alg)
{
	switch (alg) {
	case LISP_AUTH_NONE:
		return "none";
	case LISP_AUTH_HMAC_SHA1:
		return "hmac-sha-1";
	case LISP_AUTH_HMAC_SHA256:
		return "hmac-sha-256";
	}
	return "unknown";
}

static void sb_trailing(struct sbuf *s, size_t trailing)
{
	if (trailing)
		sb_add(s, " trailing %zu", trailing);
}

static enum lisp_err fmt_map_request(struct sbuf *s, const uint8_t *p, size_t len)
{
	struct lisp_map_request m;
	enum lisp_err e;
	bool first = true;
	unsigned i;

	memset(&m, 0, sizeof(m));
	if ((e = lisp_map_request_decode(p, len, &m)) != LISP_OK)
		return e;
	sb_add(s, " nonce 0x%016" PRIx64, m.nonce);
	sb_flag(s, m.auth, "A", &first);
	sb_flag(s, m.map_data, "M", &first);
	sb_flag(s, m.probe, "P", &first);
	sb_flag(s, m.smr, "S", &first);
	sb_flag(s, m.pitr, "p", &first);
	sb_flag(s, m.smr_invoked, "s", &first);
	sb_flag(s, m.local_xtr, "L", &first);
	sb_flag(s, m.dont_reply, "D", &first);
	sb_add(s, " src-eid ");
	sb_laddr(s, &m.source_eid);
	sb_add(s, " itr-rlocs ");
	for (i = 0; i < m.itr_rloc_count && i < LISP_MAX_ITR_RLOCS; i++) {
		if (i)
			sb_add(s, ",");
		sb_laddr(s, &m.itr_rlocs[i]);
	}
	sb_add(s, " eid ");
	for (i = 0; i < m.record_count && m.records; i++) {
		if (i)
			sb_add(s, ",");
		sb_prefix(s, &m.records[i]);
	}
	if (m.map_data && m.map_reply_record)
		sb_record(s, "map-data", m.map_reply_record);
	sb_trailing(s, m.trailing);
	lisp_map_request_free(&m);
	return LISP_OK;
}

static enum lisp_err fmt_map_reply(struct sbuf *s, const uint8_t *p, size_t len)
{
	struct lisp_map_reply m;
	enum lisp_err e;
	bool first = true;
	unsigned i;

	memset(&m, 0, sizeof(m));
	if ((e = lisp_map_reply_decode(p, len, &m)) != LISP_OK)
		return e;
	sb_add(s, " nonce 0x%016" PRIx64, m.nonce);
	sb_flag(s, m.probe, "P", &first);
	sb_flag(s, m.echo_nonce, "E", &first);
	sb_flag(s, m.security, "S", &first);
	if (m.record_count == 0)
		sb_add(s, " records 0");
	for (i = 0; i < m.record_count && m.records; i++)
		sb_record(s, "record", &m.records[i]);
	sb_trailing(s, m.trailing);
	lisp_map_reply_free(&m);
	return LISP_OK;
}

static enum lisp_err fmt_map_register(struct sbuf *s, const uint8_t *p, size_t len)
{
	struct lisp_map_register m;
	enum lisp_err e;
	bool first = true;
	unsigned i;

	memset(&m, 0, sizeof(m));
	if ((e = lisp_map_register_decode(p, len, &m)) != LISP_OK)
		return e;
	sb_add(s, " nonce 0x%016" PRIx64 " key-id %u alg %u (%s)", m.nonce, m.key_id,
	       m.alg_id, alg_name(m.alg_id));
	sb_flag(s, m.proxy_reply, "P", &first);
	sb_flag(s, m.security, "S", &first);
	sb_flag(s, m.xtr_id_present, "I", &first);
	sb_flag(s, m.rtr, "R", &first);
	sb_flag(s, m.want_map_notify, "M", &first);
	if (m.record_count == 0)
		sb_add(s, " records 0");
	for (i = 0; i < m.record_count && m.records; i++)
		sb_record(s, "record", &m.records[i]);
	if (m.xtr_id_present) {
		sb_add(s, " xtr-id 0x");
		for (i = 0; i < sizeof(m.xtr_id); i++)
			sb_add(s, "%02x", m.xtr_id[i]);
		sb_add(s, " site-id %" PRIu64, m.site_id);
	}
	sb_trailing(s, m.trailing);
	lisp_map_register_free(&m);
	return LISP_OK;
}

static enum lisp_err fmt_map_referral(struct sbuf *s, const uint8_t *p, size_t len)
{
	struct lisp_map_referral m;
	enum lisp_err e;
	unsigned i, j;

	memset(&m, 0, sizeof(m));
	if ((e = lisp_map_referral_decode(p, len, &m)) != LISP_OK)
		return e;
	sb_add(s, " nonce 0x%016" PRIx64, m.nonce);
	if (m.record_count == 0)
		sb_add(s, " records 0");
	for (i = 0; i < m.record_count && m.records; i++) {
		const struct lisp_referral_record *rr = &m.records[i];
		const struct lisp_record *r = &rr->rec;

		sb_add(s, " referral ");
		sb_prefix(s, &r->eid);
		sb_add(s, " ttl %" PRIu32, r->ttl);
		if (r->action <= LISP_REF_NOT_AUTHORITATIVE)
			sb_add(s, " %s", lisp_referral_action_str(r->action));
		else
			sb_add(s, " act %u", r->action);
		if (r->authoritative)
			sb_add(s, " A");
		if (rr->incomplete)
			sb_add(s, " I");
		if (r->map_version)
			sb_add(s, " ver %u", r->map_version);
		if (r->loc_count == 0)
			sb_add(s, " referrals 0");
		for (j = 0; j < r->loc_count && r->locs; j++) {
			sb_add(s, " ref ");
			sb_laddr(s, &r->locs[j].rloc);
			sb_add(s, " p%u w%u", r->locs[j].priority, r->locs[j].weight);
			if (r->locs[j].reachable)
				sb_add(s, " R");
		}
		for (j = 0; j < rr->sig_count && rr->sigs; j++)
			sb_add(s, " sig alg %u key-tag %u len %u (not verified)",
			       rr->sigs[j].alg, rr->sigs[j].key_tag, rr->sigs[j].len);
	}
	sb_trailing(s, m.trailing);
	lisp_map_referral_free(&m);
	return LISP_OK;
}

static bool fmt_control(struct sbuf *s, const char *ep, const uint8_t *p, size_t len,
			int depth);

static enum lisp_err fmt_ecm(struct sbuf *s, const uint8_t *p, size_t len, int depth,
			     bool *inner_ok)
{
	struct lisp_ecm m;
	enum lisp_err e;
	bool first = true;

	memset(&m, 0, sizeof(m));
	if ((e = lisp_ecm_decode(p, len, &m)) != LISP_OK)
		return e;
	sb_flag(s, m.security, "S", &first);
	sb_flag(s, m.ddt, "D", &first);
	sb_add(s, " inner ");
	sb_endpoint(s, &m.inner_src, m.inner_sport);
	sb_add(s, " -> ");
	sb_endpoint(s, &m.inner_dst, m.inner_dport);
	sb_add(s, ": ");
	if (depth > 0)
		sb_add(s, "%s: not decoded (nested ECM, %zu bytes)",
		       lisp_type_str(LISP_ECM), m.payload_len);
	else
		*inner_ok = fmt_control(s, NULL, m.payload, m.payload_len, depth + 1);
	return LISP_OK;
}

/*
 * "<Type>[ <ep>] <fields>", or "<Type>[ <ep>]: malformed (<reason>)"; an
 * ECM's inner message is printed without endpoints (depth 1).  Each fmt_*
 * decodes before it prints, so a failure leaves only the type and endpoints.
 * Returns false if the message (or an ECM's inner message) is malformed.
 */
static bool fmt_control(struct sbuf *s, const char *ep, const uint8_t *p, size_t len,
			int depth)
{
	char tb[24];
	unsigned type = lisp_msg_type(p, len);
	enum lisp_err e;
	bool inner_ok = true;

	sb_add(s, "%s", len ? type_name(type, tb, sizeof(tb)) : "LISP-control");
	if (ep)
		sb_add(s, " %s", ep);
	if (len == 0) {
		sb_add(s, ": malformed (%s)", lisp_err_str(LISP_ERR_TRUNCATED));
		return false;
	}
	switch (type) {
	case LISP_MAP_REQUEST:
		e = fmt_map_request(s, p, len);
		break;
	case LISP_MAP_REPLY:
		e = fmt_map_reply(s, p, len);
		break;
	case LISP_MAP_REGISTER:
	case LISP_MAP_NOTIFY:
	case LISP_MAP_NOTIFY_ACK:
		e = fmt_map_register(s, p, len);
		break;
	case LISP_MAP_REFERRAL:
		e = fmt_map_referral(s, p, len);
		break;
	case LISP_ECM:
		e = fmt_ecm(s, p, len, depth, &inner_ok);
		break;
	default:
		e = LISP_OK;
		sb_add(s, ": not decoded (%zu bytes)", len);
		break;
	}
	if (e == LISP_OK)
		return inner_ok;
	sb_add(s, ": malformed (%s)", lisp_err_str(e));
	return false;
}

/* The inner packet of a data packet: "inner A -> B proto N". */
static void fmt_inner_ip(struct sbuf *s, const uint8_t *p, size_t len)
{
	struct rbuf r;
	struct addr src, dst;
	uint8_t vhl, proto, b[16];

	rbuf_init(&r, p, len);
	memset(&src, 0, sizeof(src));
	memset(&dst, 0, sizeof(dst));
	if (rbuf_get_u8(&r, &vhl) == -1) {
		sb_add(s, " inner none");
		return;
	}
	switch (vhl >> 4) {
	case 4:
		if (rbuf_skip(&r, 8) == -1 || rbuf_get_u8(&r, &proto) == -1 ||
		    rbuf_skip(&r, 2) == -1 || rbuf_get(&r, b, 4) == -1)
			goto truncated;
		addr_set_v4(&src, v4(b));
		if (rbuf_get(&r, b, 4) == -1)
			goto truncated;
		addr_set_v4(&dst, v4(b));
		break;
	case 6:
		if (rbuf_skip(&r, 5) == -1 || rbuf_get_u8(&r, &proto) == -1 ||
		    rbuf_skip(&r, 1) == -1 || rbuf_get(&r, b, 16) == -1)
			goto truncated;
		addr_set_v6(&src, b);
		if (rbuf_get(&r, b, 16) == -1)
			goto truncated;
		addr_set_v6(&dst, b);
		break;
	default:
		sb_add(s, " inner not IP (version %u)", vhl >> 4);
		return;
	}
	sb_add(s, " inner ");
	sb_addr(s, &src);
	sb_add(s, " -> ");
	sb_addr(s, &dst);
	sb_add(s, " proto %u", proto);
	return;
truncated:
	sb_add(s, " inner IPv%u truncated", vhl >> 4);
}

static void fmt_data(struct sbuf *s, const char *ep, const uint8_t *p, size_t len)
{
	struct lisp_data_hdr h;
	enum lisp_err e;
	bool first = true;

	memset(&h, 0, sizeof(h));
	sb_add(s, "LISP-data %s", ep);
	if ((e = lisp_data_hdr_decode(p, len, &h)) != LISP_OK) {
		sb_add(s, ": malformed (%s)", lisp_err_str(e));
		return;
	}
	sb_flag(s, h.n, "N", &first);
	sb_flag(s, h.l, "L", &first);
	sb_flag(s, h.e, "E", &first);
	sb_flag(s, h.v, "V", &first);
	sb_flag(s, h.i, "I", &first);
	sb_flag(s, h.r, "R", &first);
	if (h.kk)
		sb_add(s, " key %u", h.kk);
	if (h.n)
		sb_add(s, " nonce 0x%06" PRIx32, h.nonce);
	else if (h.v)
		sb_add(s, " versions %u/%u", h.src_map_version, h.dst_map_version);
	if (h.i)
		sb_add(s, " iid %" PRIu32, h.iid);
	if (h.l)
		sb_add(s, h.i ? " lsb 0x%02" PRIx32 : " lsb 0x%08" PRIx32, h.lsb);
	fmt_inner_ip(s, p + LISP_DATA_HDR_LEN, len - LISP_DATA_HDR_LEN);
}

static void fmt_udp(struct sbuf *s, const struct udp_pkt *u)
{
	char ep[2 * ADDR_STRLEN + 32];
	struct sbuf e;
	bool control = u->dport == LISP_CONTROL_PORT ||
		(u->dport != LISP_DATA_PORT && u->sport == LISP_CONTROL_PORT);

	sb_init(&e, ep, sizeof(ep));
	sb_endpoint(&e, &u->src, u->sport);
	sb_add(&e, " -> ");
	sb_endpoint(&e, &u->dst, u->dport);
	if (u->udp_len < 8) {
		sb_add(s, "%s %s: malformed (UDP length %u)",
		       control ? "LISP-control" : "LISP-data", ep, u->udp_len);
		return;
	}
	if (control)
		fmt_control(s, ep, u->payload, u->len, 0);
	else
		fmt_data(s, ep, u->payload, u->len);
	if (u->first_frag)
		sb_add(s, " [first fragment]");
	else if (u->len < u->wire_len)	/* tells a snapped capture from a short packet */
		sb_add(s, " [captured %zu of %zu bytes]", u->len, u->wire_len);
}

/* UDP header; 1 with u filled if it is to or from a LISP port, else 0. */
static int parse_udp(struct rbuf *r, struct udp_pkt *u)
{
	uint16_t csum;

	if (rbuf_get_u16(r, &u->sport) == -1 || rbuf_get_u16(r, &u->dport) == -1 ||
	    rbuf_get_u16(r, &u->udp_len) == -1 || rbuf_get_u16(r, &csum) == -1)
		return 0;
	if (u->sport != LISP_CONTROL_PORT && u->sport != LISP_DATA_PORT &&
	    u->dport != LISP_CONTROL_PORT && u->dport != LISP_DATA_PORT)
		return 0;
	u->payload = r->p;
	u->len = rbuf_left(r);
	if (u->udp_len >= 8) {
		u->wire_len = u->udp_len - 8u;
		if (u->len > u->wire_len)
			u->len = u->wire_len;	/* link-layer padding */
	} else {
		u->wire_len = u->len;
	}
	return 1;
}

static int parse_ipv4(struct rbuf *r, struct udp_pkt *u)
{
	uint8_t vhl, proto, b[4];
	uint16_t total, frag;
	size_t hl;
	struct rbuf ip;

	if (rbuf_get_u8(r, &vhl) == -1 || (vhl >> 4) != 4)
		return 0;
	hl = (size_t)(vhl & 0x0f) * 4;
	if (hl < 20 || rbuf_skip(r, 1) == -1 || rbuf_get_u16(r, &total) == -1 ||
	    rbuf_skip(r, 2) == -1 || rbuf_get_u16(r, &frag) == -1 ||
	    rbuf_skip(r, 1) == -1 || rbuf_get_u8(r, &proto) == -1 ||
	    rbuf_skip(r, 2) == -1 || rbuf_get(r, b, 4) == -1)
		return 0;
	addr_set_v4(&u->src, v4(b));
	if (rbuf_get(r, b, 4) == -1 || rbuf_skip(r, hl - 20) == -1)
		return 0;
	addr_set_v4(&u->dst, v4(b));
	if (total < hl || proto != IPPROTO_UDP_ || (frag & 0x1fff) != 0)
		return 0;
	u->first_frag = (frag & 0x2000) != 0;
	/* a snapped capture holds less than total; Ethernet padding more */
	if (rbuf_sub(r, total - hl <= rbuf_left(r) ? total - hl : rbuf_left(r), &ip) == -1)
		return 0;
	if (!parse_udp(&ip, u))
		return 0;
	if (total - hl >= 8 && u->wire_len > total - hl - 8u)
		u->wire_len = total - hl - 8u;
	return 1;
}

static int parse_ipv6(struct rbuf *r, struct udp_pkt *u)
{
	uint8_t v, nh, b[16], ext[2];
	uint16_t plen, off;
	unsigned n;
	size_t hl;
	struct rbuf ip;

	if (rbuf_get_u8(r, &v) == -1 || (v >> 4) != 6 || rbuf_skip(r, 3) == -1 ||
	    rbuf_get_u16(r, &plen) == -1 || rbuf_get_u8(r, &nh) == -1 ||
	    rbuf_skip(r, 1) == -1 || rbuf_get(r, b, 16) == -1)
		return 0;
	addr_set_v6(&u->src, b);
	if (rbuf_get(r, b, 16) == -1 || plen == 0)	/* 0: jumbogram */
		return 0;
	if (rbuf_sub(r, plen <= rbuf_left(r) ? plen : rbuf_left(r), &ip) == -1)
		return 0;
	addr_set_v6(&u->dst, b);
	for (n = 0; nh != IPPROTO_UDP_; n++) {
		if (n == IPV6_EXT_MAX || rbuf_get(&ip, ext, 2) == -1)
			return 0;
		switch (nh) {
		case 0:		/* hop-by-hop options */
		case 43:	/* routing */
		case 60:	/* destination options */
			hl = ((size_t)ext[1] + 1) * 8;
			break;
		case 44:	/* fragment */
			if (rbuf_get_u16(&ip, &off) == -1 || rbuf_skip(&ip, 4) == -1)
				return 0;
			if (off & 0xfff8)
				return 0;	/* not the first fragment */
			u->first_frag = (off & 1) != 0;
			nh = ext[0];
			continue;
		case 51:	/* authentication header */
			hl = ((size_t)ext[1] + 2) * 4;
			break;
		default:
			return 0;
		}
		if (rbuf_skip(&ip, hl - 2) == -1)
			return 0;
		nh = ext[0];
	}
	if (!parse_udp(&ip, u))
		return 0;
	return 1;
}

static int parse_ip(struct rbuf *r, uint16_t ethertype, struct udp_pkt *u)
{
	uint8_t v;

	if (ethertype == 0) {		/* raw IP: the version tells */
		if (rbuf_left(r) < 1)
			return 0;
		v = r->p[0] >> 4;
		ethertype = v == 4 ? ETHERTYPE_IPV4 : v == 6 ? ETHERTYPE_IPV6 : 1;
	}
	if (ethertype == ETHERTYPE_IPV4)
		return parse_ipv4(r, u);
	if (ethertype == ETHERTYPE_IPV6)
		return parse_ipv6(r, u);
	return 0;
}

/* BSD loopback family: host order of the writer (DLT_NULL) or network order (LOOP). */
static uint16_t loop_family(uint32_t fam)
{
	uint32_t swapped = __builtin_bswap32(fam);

	if (fam == 2 || swapped == 2)
		return ETHERTYPE_IPV4;
	if (fam == 10 || fam == 24 || fam == 28 || fam == 30 || swapped == 10 ||
	    swapped == 24 || swapped == 28 || swapped == 30)
		return ETHERTYPE_IPV6;
	return 1;
}

int decode_frame(int linktype, const uint8_t *frame, size_t len, char *line, size_t linelen)
{
	struct rbuf r;
	struct udp_pkt u;
	struct sbuf s;
	uint16_t et = 0, tci;
	uint32_t fam;

	if (linelen)
		line[0] = '\0';
	memset(&u, 0, sizeof(u));
	rbuf_init(&r, frame, frame ? len : 0);
	switch (linktype) {
	case DLT_EN10MB:
		if (rbuf_skip(&r, 12) == -1 || rbuf_get_u16(&r, &et) == -1)
			return 0;
		if (et == ETHERTYPE_VLAN &&
		    (rbuf_get_u16(&r, &tci) == -1 || rbuf_get_u16(&r, &et) == -1))
			return 0;
		break;
	case DLT_RAW:
#ifdef DLT_IPV4
	case DLT_IPV4:
	case DLT_IPV6:
#endif
		break;
	case DLT_LINUX_SLL:
		if (rbuf_skip(&r, 14) == -1 || rbuf_get_u16(&r, &et) == -1)
			return 0;
		break;
#ifdef DLT_LINUX_SLL2
	case DLT_LINUX_SLL2:
		if (rbuf_get_u16(&r, &et) == -1 || rbuf_skip(&r, 18) == -1)
			return 0;
		break;
#endif
	case DLT_NULL:
	case DLT_LOOP:
		if (rbuf_get_u32(&r, &fam) == -1)
			return 0;
		et = loop_family(fam);
		break;
	default:
		return 0;
	}
	if (!parse_ip(&r, et, &u))
		return 0;
	if (linelen == 0)
		return 1;
	sb_init(&s, line, linelen);
	fmt_udp(&s, &u);
	return 1;
}

int decode_pcap_file(const char *path, FILE *out, char *err, size_t errlen)
{
	char errbuf[PCAP_ERRBUF_SIZE];
	static const int supported[] = { DLT_EN10MB, DLT_RAW, DLT_LINUX_SLL, DLT_NULL,
		DLT_LOOP,
#ifdef DLT_IPV4
		DLT_IPV4, DLT_IPV6,
#endif
#ifdef DLT_LINUX_SLL2
		DLT_LINUX_SLL2,
#endif
	};
	char line[DECODE_LINE_MAX];
	struct pcap_pkthdr *h;
	const u_char *data;
	unsigned long n = 0;
	pcap_t *p;
	size_t i;
	int lt, rc;

	errbuf[0] = '\0';
	p = pcap_open_offline(path, errbuf);
	if (!p) {
		snprintf(err, errlen, "%s", errbuf[0] ? errbuf : "cannot open capture");
		return -1;
	}
	lt = pcap_datalink(p);
	for (i = 0; i < sizeof(supported) / sizeof(supported[0]); i++)
		if (supported[i] == lt)
			break;
	if (i == sizeof(supported) / sizeof(supported[0])) {
		const char *name = pcap_datalink_val_to_name(lt);

		snprintf(err, errlen, "unsupported link type %d (%s)", lt, name ? name : "unknown");
		pcap_close(p);
		return -1;
	}
	while ((rc = pcap_next_ex(p, &h, &data)) == 1) {
		n++;
		if (decode_frame(lt, data, h->caplen, line, sizeof(line)))
			fprintf(out, "%lu: %s\n", n, line);
	}
	if (rc == PCAP_ERROR) {
		snprintf(err, errlen, "after frame %lu: %s", n, pcap_geterr(p));
		pcap_close(p);
		return -1;
	}
	pcap_close(p);
	return 0;
}
