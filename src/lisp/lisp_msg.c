/*
 * DOC: the LISP wire codec (addresses, records, control messages, data header)
 *
 * Every decoder runs its parser twice over the same bytes: the first pass
 * validates the whole message and allocates nothing, the second fills the
 * struct and allocates arrays whose sizes the first pass proved to fit in
 * the message (a Map-Request's single EID-record, the usual case, is kept in
 * the struct itself).  A parser returns the first reason it finds; TRUNCATED inside
 * an LCAF body becomes LCAF_LEN, since there the LCAF Length was the liar.
 */
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "lisp_msg.h"

/* ------------------------------------------------------------ names */

static const char *const err_names[LISP_ERR__COUNT] = {
	[LISP_OK]		= "ok",
	[LISP_ERR_TRUNCATED]	= "truncated",
	[LISP_ERR_TYPE]		= "bad-type",
	[LISP_ERR_RECORD_COUNT]	= "record-count",
	[LISP_ERR_MASK_LEN]	= "mask-len",
	[LISP_ERR_AFI]		= "bad-afi",
	[LISP_ERR_LCAF_LEN]	= "lcaf-len",
	[LISP_ERR_LCAF_DEPTH]	= "lcaf-depth",
	[LISP_ERR_AFI_LIST]	= "afi-list",
	[LISP_ERR_AUTH_ALG]	= "auth-alg",
	[LISP_ERR_AUTH_LEN]	= "auth-len",
	[LISP_ERR_AUTH_MISSING]	= "auth-missing",
	[LISP_ERR_AUTH_FAILED]	= "auth-failed",
	[LISP_ERR_INNER_IP]	= "inner-ip",
	[LISP_ERR_INNER_UDP]	= "inner-udp",
	[LISP_ERR_DATA_FLAGS]	= "data-flags",
	[LISP_ERR_NOMEM]	= "no-memory",
};

const char *
lisp_err_str(enum lisp_err e)
{
	if ((unsigned)e >= LISP_ERR__COUNT || err_names[e] == NULL)
		return "unknown";
	return err_names[e];
}

const char *
lisp_type_str(unsigned type)
{
	switch (type) {
	case LISP_MAP_REQUEST:
		return "Map-Request";
	case LISP_MAP_REPLY:
		return "Map-Reply";
	case LISP_MAP_REGISTER:
		return "Map-Register";
	case LISP_MAP_NOTIFY:
		return "Map-Notify";
	case LISP_MAP_NOTIFY_ACK:
		return "Map-Notify-Ack";
	case LISP_MAP_REFERRAL:
		return "Map-Referral";
	case LISP_INFO:
		return "Info";
	case LISP_ECM:
		return "ECM";
	default:
		return "Unknown";
	}
}

const char *
lisp_action_str(unsigned act)
{
	switch (act) {
	case LISP_ACT_NO_ACTION:
		return "No-Action";
	case LISP_ACT_NATIVE_FWD:
		return "Natively-Forward";
	case LISP_ACT_SEND_MAP_REQ:
		return "Send-Map-Request";
	case LISP_ACT_DROP:
		return "Drop";
	case LISP_ACT_DROP_POLICY:
		return "Drop/Policy-Denied";
	case LISP_ACT_DROP_AUTH:
		return "Drop/Auth-Failure";
	default:
		return "Unknown";
	}
}

unsigned
lisp_msg_type(const uint8_t *buf, size_t len)
{
	if (buf == NULL || len == 0)
		return 0;
	return buf[0] >> 4;
}

/* ------------------------------------------------------------ addresses */

static enum lisp_err addr_get(struct rbuf *, struct lisp_address *, unsigned);

/* Bytes of a plain AFI's address, -1 for an AFI we cannot size. */
static int
afi_size(uint16_t afi)
{
	switch (afi) {
	case AFI_NONE:
		return 0;
	case AFI_IPV4:
		return 4;
	case AFI_IPV6:
		return 16;
	default:
		return -1;
	}
}

static enum lisp_err
plain_get(struct rbuf *r, uint16_t afi, struct addr *a)
{
	int n = afi_size(afi);

	if (n < 0)
		return LISP_ERR_AFI;
	memset(a, 0, sizeof(*a));
	a->afi = afi;
	if (rbuf_get(r, a->u.b, (size_t)n) == -1)
		return LISP_ERR_TRUNCATED;
	return LISP_OK;
}

static enum lisp_err
lcaf_iid_get(struct rbuf *body, uint8_t mask_len, struct lisp_address *a, unsigned depth)
{
	uint32_t iid;
	enum lisp_err e;
	unsigned i;

	if (rbuf_get_u32(body, &iid) == -1)
		return LISP_ERR_TRUNCATED;
	if ((e = addr_get(body, a, depth)) != LISP_OK)
		return e;
	if (a->has_iid)
		return LISP_ERR_AFI;	/* an instance inside an instance */
	a->has_iid = true;
	a->iid_mask_len = mask_len;
	a->addr.iid = iid;
	for (i = 0; i < a->n_alt; i++)
		a->alt[i].iid = iid;
	return LISP_OK;
}

/* Keep the IPv4/IPv6 entries (nested ones flattened); skip AFI 0 and unknown LCAFs. */
static enum lisp_err
lcaf_afi_list_get(struct rbuf *body, struct lisp_address *a, unsigned depth)
{
	struct addr kept[LISP_AFI_LIST_MAX];
	struct lisp_address ent;
	unsigned n = 0, i;
	enum lisp_err e;

	while (rbuf_left(body) > 0) {
		if ((e = addr_get(body, &ent, depth)) != LISP_OK)
			return e;
		if (ent.addr.afi == AFI_NONE)
			continue;
		if (n + 1u + ent.n_alt > LISP_AFI_LIST_MAX)
			return LISP_ERR_AFI_LIST;
		kept[n++] = ent.addr;
		for (i = 0; i < ent.n_alt; i++)
			kept[n++] = ent.alt[i];
	}
	if (n == 0)
		return LISP_ERR_AFI_LIST;
	memset(a, 0, sizeof(*a));
	a->afi_list = true;
	a->addr = kept[0];
	a->n_alt = (uint8_t)(n - 1);
	for (i = 1; i < n; i++)
		a->alt[i - 1] = kept[i];
	return LISP_OK;
}

static enum lisp_err
lcaf_get(struct rbuf *r, struct lisp_address *a, unsigned depth)
{
	uint8_t rsvd1, flags, type, rsvd2;
	uint16_t len;
	struct rbuf body;
	enum lisp_err e;

	if (depth > LISP_LCAF_MAX_DEPTH)
		return LISP_ERR_LCAF_DEPTH;
	if (rbuf_get_u8(r, &rsvd1) == -1 || rbuf_get_u8(r, &flags) == -1 ||
	    rbuf_get_u8(r, &type) == -1 || rbuf_get_u8(r, &rsvd2) == -1 ||
	    rbuf_get_u16(r, &len) == -1)
		return LISP_ERR_TRUNCATED;
	if (rbuf_sub(r, len, &body) == -1)
		return LISP_ERR_LCAF_LEN;
	switch (type) {
	case LCAF_INSTANCE_ID:
		e = lcaf_iid_get(&body, rsvd2, a, depth);
		break;
	case LCAF_AFI_LIST:
		e = lcaf_afi_list_get(&body, a, depth);
		break;
	default:
		memset(a, 0, sizeof(*a));
		a->unknown_lcaf = true;
		a->lcaf_type = type;
		return LISP_OK;
	}
	if (e == LISP_ERR_TRUNCATED || (e == LISP_OK && rbuf_left(&body) != 0))
		return LISP_ERR_LCAF_LEN;
	return e;
}

/* AFI + address; depth counts the LCAFs this one is nested in. */
static enum lisp_err
addr_get(struct rbuf *r, struct lisp_address *a, unsigned depth)
{
	uint16_t afi;

	memset(a, 0, sizeof(*a));
	if (rbuf_get_u16(r, &afi) == -1)
		return LISP_ERR_TRUNCATED;
	if (afi == LISP_AFI_LCAF)
		return lcaf_get(r, a, depth + 1);
	return plain_get(r, afi, &a->addr);
}

static int
plain_put(struct wbuf *w, const struct addr *a)
{
	int n = afi_size(a->afi);

	if (n < 0)
		return -1;
	wbuf_put_u16(w, a->afi);
	wbuf_put(w, a->u.b, (size_t)n);
	return 0;
}

/* LCAF header with a Length field patched by lcaf_end(). */
static uint8_t *
lcaf_begin(struct wbuf *w, uint8_t type, uint8_t rsvd2, size_t *start)
{
	uint8_t *lenp;

	wbuf_put_u16(w, LISP_AFI_LCAF);
	wbuf_put_u8(w, 0);
	wbuf_put_u8(w, 0);
	wbuf_put_u8(w, type);
	wbuf_put_u8(w, rsvd2);
	lenp = wbuf_reserve(w, 2);
	*start = w->len;
	return lenp;
}

static int
lcaf_end(struct wbuf *w, uint8_t *lenp, size_t start)
{
	size_t n = w->len - start;

	if (lenp == NULL)
		return 0;		/* the buffer failed; wbuf_ok() reports it */
	if (n > 0xFFFF)
		return -1;
	lenp[0] = (uint8_t)(n >> 8);
	lenp[1] = (uint8_t)n;
	return 0;
}

/* An AFI-list entry; one from an instance other than the list's keeps its IID LCAF. */
static int
list_entry_put(struct wbuf *w, const struct addr *a, uint32_t list_iid)
{
	uint8_t *lenp;
	size_t start;

	if (a->afi == AFI_NONE)
		return -1;
	if (a->iid == list_iid)
		return plain_put(w, a);
	lenp = lcaf_begin(w, LCAF_INSTANCE_ID, 0, &start);
	wbuf_put_u32(w, a->iid);
	if (plain_put(w, a) == -1)
		return -1;
	return lcaf_end(w, lenp, start);
}

static int
addr_body_put(struct wbuf *w, const struct lisp_address *a)
{
	uint32_t list_iid = a->has_iid ? a->addr.iid : 0;
	uint8_t *lenp;
	size_t start;
	unsigned i;

	if (!a->afi_list)
		return plain_put(w, &a->addr);
	lenp = lcaf_begin(w, LCAF_AFI_LIST, 0, &start);
	if (list_entry_put(w, &a->addr, list_iid) == -1)
		return -1;
	for (i = 0; i < a->n_alt; i++)
		if (list_entry_put(w, &a->alt[i], list_iid) == -1)
			return -1;
	return lcaf_end(w, lenp, start);
}

static int
addr_put(struct wbuf *w, const struct lisp_address *a)
{
	uint8_t *lenp;
	size_t start;

	if (a->unknown_lcaf || a->n_alt > LISP_AFI_LIST_MAX - 1 ||
	    (a->n_alt > 0 && !a->afi_list))
		return -1;
	if (!a->has_iid)
		return addr_body_put(w, a);
	lenp = lcaf_begin(w, LCAF_INSTANCE_ID, a->iid_mask_len, &start);
	wbuf_put_u32(w, a->addr.iid);
	if (addr_body_put(w, a) == -1)
		return -1;
	return lcaf_end(w, lenp, start);
}

/* Largest mask length for an EID of this address; unknown LCAFs carry their own. */
static unsigned
mask_max(const struct lisp_address *a)
{
	if (a->unknown_lcaf)
		return 255;
	return addr_bits(a->addr.afi);
}

static void
zero_host_bits(struct addr *a, unsigned len)
{
	unsigned n = addr_bytes(a->afi), i;

	for (i = 0; i < n; i++) {
		if (len >= 8 * (i + 1))
			continue;
		if (len > 8 * i)
			a->u.b[i] &= (uint8_t)(0xFF << (8 - (len - 8 * i)));
		else
			a->u.b[i] = 0;
	}
}

static enum lisp_err
eid_get(struct rbuf *r, struct lisp_eid *eid, uint8_t mask_len)
{
	enum lisp_err e;
	unsigned i;

	if ((e = addr_get(r, &eid->eid, 0)) != LISP_OK)
		return e;
	if (mask_len > mask_max(&eid->eid))
		return LISP_ERR_MASK_LEN;
	eid->mask_len = mask_len;
	zero_host_bits(&eid->eid.addr, mask_len);
	for (i = 0; i < eid->eid.n_alt; i++)
		if (mask_len <= addr_bits(eid->eid.alt[i].afi))
			zero_host_bits(&eid->eid.alt[i], mask_len);
	return LISP_OK;
}

static int
eid_check(const struct lisp_eid *eid)
{
	if (eid->eid.unknown_lcaf || eid->mask_len > mask_max(&eid->eid))
		return -1;
	return 0;
}

/* ------------------------------------------------------------ records */

static enum lisp_err
locator_get(struct rbuf *r, struct lisp_locator *l)
{
	uint16_t flags;

	memset(l, 0, sizeof(*l));
	if (rbuf_get_u8(r, &l->priority) == -1 || rbuf_get_u8(r, &l->weight) == -1 ||
	    rbuf_get_u8(r, &l->mpriority) == -1 || rbuf_get_u8(r, &l->mweight) == -1 ||
	    rbuf_get_u16(r, &flags) == -1)
		return LISP_ERR_TRUNCATED;
	l->local = flags & 0x0004;
	l->probed = flags & 0x0002;
	l->reachable = flags & 0x0001;
	l->unused_flags = flags & ~0x0007;
	return addr_get(r, &l->rloc, 0);
}

static int
locator_put(struct wbuf *w, const struct lisp_locator *l)
{
	if (l->unused_flags & 0x0007)
		return -1;
	wbuf_put_u8(w, l->priority);
	wbuf_put_u8(w, l->weight);
	wbuf_put_u8(w, l->mpriority);
	wbuf_put_u8(w, l->mweight);
	wbuf_put_u16(w, (uint16_t)(l->unused_flags | (l->local ? 0x0004 : 0) |
	    (l->probed ? 0x0002 : 0) | (l->reachable ? 0x0001 : 0)));
	return addr_put(w, &l->rloc);
}

/* An EID-record; with fill, locs is allocated (the caller frees it, even on error). */
static enum lisp_err
record_get(struct rbuf *r, struct lisp_record *rec, bool fill)
{
	struct lisp_locator tmp;
	uint8_t lc, ml;
	uint16_t w1, w2;
	enum lisp_err e;
	unsigned i;

	memset(rec, 0, sizeof(*rec));
	if (rbuf_get_u32(r, &rec->ttl) == -1 || rbuf_get_u8(r, &lc) == -1 ||
	    rbuf_get_u8(r, &ml) == -1 || rbuf_get_u16(r, &w1) == -1 ||
	    rbuf_get_u16(r, &w2) == -1)
		return LISP_ERR_TRUNCATED;
	rec->action = (uint8_t)(w1 >> 13);
	rec->authoritative = w1 & 0x1000;
	rec->reserved = w1 & 0x0FFF;
	rec->reserved2 = (uint8_t)(w2 >> 12);
	rec->map_version = w2 & 0x0FFF;
	if ((e = eid_get(r, &rec->eid, ml)) != LISP_OK)
		return e;
	if (fill && lc > 0 && (rec->locs = calloc(lc, sizeof(*rec->locs))) == NULL)
		return LISP_ERR_NOMEM;
	rec->loc_count = lc;
	for (i = 0; i < lc; i++)
		if ((e = locator_get(r, fill ? &rec->locs[i] : &tmp)) != LISP_OK)
			return e;
	return LISP_OK;
}

static int
record_put(struct wbuf *w, const struct lisp_record *rec)
{
	unsigned i;

	if (rec->action > 7 || rec->reserved > 0x0FFF || rec->map_version > 0x0FFF ||
	    rec->reserved2 > 0xF || eid_check(&rec->eid) == -1 ||
	    (rec->loc_count > 0 && rec->locs == NULL))
		return -1;
	wbuf_put_u32(w, rec->ttl);
	wbuf_put_u8(w, rec->loc_count);
	wbuf_put_u8(w, rec->eid.mask_len);
	wbuf_put_u16(w, (uint16_t)(rec->action << 13 | (rec->authoritative ? 0x1000 : 0) |
	    rec->reserved));
	wbuf_put_u16(w, (uint16_t)(rec->reserved2 << 12 | rec->map_version));
	if (addr_put(w, &rec->eid.eid) == -1)
		return -1;
	for (i = 0; i < rec->loc_count; i++)
		if (locator_put(w, &rec->locs[i]) == -1)
			return -1;
	return 0;
}

static void
records_free(struct lisp_record *recs, unsigned n)
{
	unsigned i;

	if (recs == NULL)
		return;
	for (i = 0; i < n; i++)
		free(recs[i].locs);
	free(recs);
}

/* record_count EID-records into m's array (allocated only with fill). */
static enum lisp_err
records_get(struct rbuf *r, uint8_t count, struct lisp_record **out, bool fill)
{
	struct lisp_record tmp;
	enum lisp_err e;
	unsigned i;

	if (fill && count > 0 && (*out = calloc(count, sizeof(**out))) == NULL)
		return LISP_ERR_NOMEM;
	for (i = 0; i < count; i++) {
		e = record_get(r, fill ? &(*out)[i] : &tmp, fill);
		if (e != LISP_OK)
			return e;
	}
	return LISP_OK;
}

static int
records_put(struct wbuf *w, const struct lisp_record *recs, uint8_t count)
{
	unsigned i;

	if (count > 0 && recs == NULL)
		return -1;
	for (i = 0; i < count; i++)
		if (record_put(w, &recs[i]) == -1)
			return -1;
	return 0;
}

static ssize_t
wbuf_result(const struct wbuf *w)
{
	return wbuf_ok(w) ? (ssize_t)w->len : -1;
}

/* ------------------------------------------------------------ Map-Request */

static enum lisp_err
map_request_get(const uint8_t *buf, size_t len, struct lisp_map_request *m, bool fill)
{
	struct rbuf r;
	struct lisp_eid tmp_eid;
	struct lisp_record tmp_rec;
	uint8_t b0, b1, b2, rsvd, ml;
	enum lisp_err e;
	unsigned i;

	rbuf_init(&r, buf, len);
	if (rbuf_get_u8(&r, &b0) == -1)
		return LISP_ERR_TRUNCATED;
	if (b0 >> 4 != LISP_MAP_REQUEST)
		return LISP_ERR_TYPE;
	if (rbuf_get_u8(&r, &b1) == -1 || rbuf_get_u8(&r, &b2) == -1 ||
	    rbuf_get_u8(&r, &m->record_count) == -1)
		return LISP_ERR_TRUNCATED;
	if (m->record_count == 0)
		return LISP_ERR_RECORD_COUNT;
	m->auth = b0 & 0x08;
	m->map_data = b0 & 0x04;
	m->probe = b0 & 0x02;
	m->smr = b0 & 0x01;
	m->pitr = b1 & 0x80;
	m->smr_invoked = b1 & 0x40;
	m->reserved1 = b1 & 0x3F;
	m->local_xtr = b2 & 0x40;
	m->dont_reply = b2 & 0x20;
	m->itr_rloc_count = (uint8_t)((b2 & 0x1F) + 1);
	if (rbuf_get_u64(&r, &m->nonce) == -1)
		return LISP_ERR_TRUNCATED;
	if ((e = addr_get(&r, &m->source_eid, 0)) != LISP_OK)
		return e;
	for (i = 0; i < m->itr_rloc_count; i++)
		if ((e = addr_get(&r, &m->itr_rlocs[i], 0)) != LISP_OK)
			return e;
	if (fill && m->record_count == 1)
		m->records = &m->one;
	else if (fill && (m->records = calloc(m->record_count, sizeof(*m->records))) == NULL)
		return LISP_ERR_NOMEM;
	for (i = 0; i < m->record_count; i++) {
		if (rbuf_get_u8(&r, &rsvd) == -1 || rbuf_get_u8(&r, &ml) == -1)
			return LISP_ERR_TRUNCATED;
		if ((e = eid_get(&r, fill ? &m->records[i] : &tmp_eid, ml)) != LISP_OK)
			return e;
	}
	if (m->map_data) {
		if (fill && (m->map_reply_record = calloc(1, sizeof(*m->map_reply_record))) == NULL)
			return LISP_ERR_NOMEM;
		e = record_get(&r, fill ? m->map_reply_record : &tmp_rec, fill);
		if (e != LISP_OK)
			return e;
	}
	m->trailing = rbuf_left(&r);
	return LISP_OK;
}

enum lisp_err
lisp_map_request_decode(const uint8_t *buf, size_t len, struct lisp_map_request *m)
{
	enum lisp_err e;

	memset(m, 0, sizeof(*m));
	e = map_request_get(buf, len, m, false);
	if (e == LISP_OK) {
		memset(m, 0, sizeof(*m));
		e = map_request_get(buf, len, m, true);
	}
	if (e != LISP_OK)
		lisp_map_request_free(m);
	return e;
}

ssize_t
lisp_map_request_encode(const struct lisp_map_request *m, uint8_t *buf, size_t cap)
{
	struct wbuf w;
	unsigned i;

	if (m->itr_rloc_count < 1 || m->itr_rloc_count > LISP_MAX_ITR_RLOCS ||
	    m->record_count < 1 || m->records == NULL || m->reserved1 > 0x3F ||
	    (m->map_data && m->map_reply_record == NULL))
		return -1;
	wbuf_init(&w, buf, cap);
	wbuf_put_u8(&w, (uint8_t)(LISP_MAP_REQUEST << 4 | (m->auth ? 0x08 : 0) |
	    (m->map_data ? 0x04 : 0) | (m->probe ? 0x02 : 0) | (m->smr ? 0x01 : 0)));
	wbuf_put_u8(&w, (uint8_t)((m->pitr ? 0x80 : 0) | (m->smr_invoked ? 0x40 : 0) |
	    m->reserved1));
	wbuf_put_u8(&w, (uint8_t)((m->local_xtr ? 0x40 : 0) | (m->dont_reply ? 0x20 : 0) |
	    (m->itr_rloc_count - 1)));
	wbuf_put_u8(&w, m->record_count);
	wbuf_put_u64(&w, m->nonce);
	if (addr_put(&w, &m->source_eid) == -1)
		return -1;
	for (i = 0; i < m->itr_rloc_count; i++)
		if (addr_put(&w, &m->itr_rlocs[i]) == -1)
			return -1;
	for (i = 0; i < m->record_count; i++) {
		if (eid_check(&m->records[i]) == -1)
			return -1;
		wbuf_put_u8(&w, 0);
		wbuf_put_u8(&w, m->records[i].mask_len);
		if (addr_put(&w, &m->records[i].eid) == -1)
			return -1;
	}
	if (m->map_data && record_put(&w, m->map_reply_record) == -1)
		return -1;
	return wbuf_result(&w);
}

void
lisp_map_request_free(struct lisp_map_request *m)
{
	if (m->records != &m->one)
		free(m->records);
	if (m->map_reply_record != NULL)
		records_free(m->map_reply_record, 1);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------ Map-Reply */

static enum lisp_err
map_reply_get(const uint8_t *buf, size_t len, struct lisp_map_reply *m, bool fill)
{
	struct rbuf r;
	uint8_t b0;
	enum lisp_err e;

	rbuf_init(&r, buf, len);
	if (rbuf_get_u8(&r, &b0) == -1)
		return LISP_ERR_TRUNCATED;
	if (b0 >> 4 != LISP_MAP_REPLY)
		return LISP_ERR_TYPE;
	if (rbuf_get_u16(&r, &m->reserved) == -1 ||
	    rbuf_get_u8(&r, &m->record_count) == -1 ||
	    rbuf_get_u64(&r, &m->nonce) == -1)
		return LISP_ERR_TRUNCATED;
	m->probe = b0 & 0x08;
	m->echo_nonce = b0 & 0x04;
	m->security = b0 & 0x02;
	if ((e = records_get(&r, m->record_count, &m->records, fill)) != LISP_OK)
		return e;
	m->trailing = rbuf_left(&r);
	return LISP_OK;
}

enum lisp_err
lisp_map_reply_decode(const uint8_t *buf, size_t len, struct lisp_map_reply *m)
{
	enum lisp_err e;

	memset(m, 0, sizeof(*m));
	e = map_reply_get(buf, len, m, false);
	if (e == LISP_OK) {
		memset(m, 0, sizeof(*m));
		e = map_reply_get(buf, len, m, true);
	}
	if (e != LISP_OK)
		lisp_map_reply_free(m);
	return e;
}

ssize_t
lisp_map_reply_encode(const struct lisp_map_reply *m, uint8_t *buf, size_t cap)
{
	struct wbuf w;

	wbuf_init(&w, buf, cap);
	wbuf_put_u8(&w, (uint8_t)(LISP_MAP_REPLY << 4 | (m->probe ? 0x08 : 0) |
	    (m->echo_nonce ? 0x04 : 0) | (m->security ? 0x02 : 0)));
	wbuf_put_u16(&w, m->reserved);
	wbuf_put_u8(&w, m->record_count);
	wbuf_put_u64(&w, m->nonce);
	if (records_put(&w, m->records, m->record_count) == -1)
		return -1;
	return wbuf_result(&w);
}

void
lisp_map_reply_free(struct lisp_map_reply *m)
{
	records_free(m->records, m->record_count);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------- Map-Register, -Notify, -Notify-Ack */

static enum lisp_err
map_register_get(const uint8_t *buf, size_t len, struct lisp_map_register *m, bool fill)
{
	struct rbuf r;
	uint8_t b0, b1, b2;
	unsigned type;
	int alen;
	enum lisp_err e;

	rbuf_init(&r, buf, len);
	if (rbuf_get_u8(&r, &b0) == -1)
		return LISP_ERR_TRUNCATED;
	type = b0 >> 4;
	if (type != LISP_MAP_REGISTER && type != LISP_MAP_NOTIFY && type != LISP_MAP_NOTIFY_ACK)
		return LISP_ERR_TYPE;
	if (rbuf_get_u8(&r, &b1) == -1 || rbuf_get_u8(&r, &b2) == -1 ||
	    rbuf_get_u8(&r, &m->record_count) == -1 ||
	    rbuf_get_u64(&r, &m->nonce) == -1 ||
	    rbuf_get_u8(&r, &m->key_id) == -1 || rbuf_get_u8(&r, &m->alg_id) == -1 ||
	    rbuf_get_u16(&r, &m->auth_len) == -1)
		return LISP_ERR_TRUNCATED;
	m->type = (uint8_t)type;
	m->proxy_reply = b0 & 0x08;
	m->security = b0 & 0x04;
	m->xtr_id_present = b0 & 0x02;
	m->rtr = b0 & 0x01;
	m->want_map_notify = b2 & 0x01;
	m->reserved = (uint16_t)((b1 << 8 | b2) & 0xFFFE);
	if ((alen = lisp_auth_len(m->alg_id)) < 0)
		return LISP_ERR_AUTH_ALG;
	if (m->auth_len != alen)
		return LISP_ERR_AUTH_LEN;
	if (rbuf_get(&r, m->auth, m->auth_len) == -1)
		return LISP_ERR_TRUNCATED;
	if ((e = records_get(&r, m->record_count, &m->records, fill)) != LISP_OK)
		return e;
	if (m->xtr_id_present &&
	    (rbuf_get(&r, m->xtr_id, sizeof(m->xtr_id)) == -1 ||
	     rbuf_get_u64(&r, &m->site_id) == -1))
		return LISP_ERR_TRUNCATED;
	m->trailing = rbuf_left(&r);
	return LISP_OK;
}

enum lisp_err
lisp_map_register_decode(const uint8_t *buf, size_t len, struct lisp_map_register *m)
{
	enum lisp_err e;

	memset(m, 0, sizeof(*m));
	e = map_register_get(buf, len, m, false);
	if (e == LISP_OK) {
		memset(m, 0, sizeof(*m));
		e = map_register_get(buf, len, m, true);
	}
	if (e != LISP_OK)
		lisp_map_register_free(m);
	return e;
}

ssize_t
lisp_map_register_encode(const struct lisp_map_register *m, const void *key, size_t keylen,
			 uint8_t *buf, size_t cap)
{
	struct wbuf w;
	uint16_t auth_len = m->auth_len;
	int alen;

	if ((m->type != LISP_MAP_REGISTER && m->type != LISP_MAP_NOTIFY &&
	    m->type != LISP_MAP_NOTIFY_ACK) || (m->reserved & 0x0001))
		return -1;
	if (key != NULL) {
		if ((alen = lisp_auth_len(m->alg_id)) <= 0)
			return -1;
		auth_len = (uint16_t)alen;
	} else if (auth_len > LISP_AUTH_MAX_LEN)
		return -1;
	wbuf_init(&w, buf, cap);
	wbuf_put_u8(&w, (uint8_t)(m->type << 4 | (m->proxy_reply ? 0x08 : 0) |
	    (m->security ? 0x04 : 0) | (m->xtr_id_present ? 0x02 : 0) | (m->rtr ? 0x01 : 0)));
	wbuf_put_u16(&w, (uint16_t)(m->reserved | (m->want_map_notify ? 0x0001 : 0)));
	wbuf_put_u8(&w, m->record_count);
	wbuf_put_u64(&w, m->nonce);
	wbuf_put_u8(&w, m->key_id);
	wbuf_put_u8(&w, m->alg_id);
	wbuf_put_u16(&w, auth_len);
	wbuf_put(&w, m->auth, auth_len);
	if (records_put(&w, m->records, m->record_count) == -1)
		return -1;
	if (m->xtr_id_present) {
		wbuf_put(&w, m->xtr_id, sizeof(m->xtr_id));
		wbuf_put_u64(&w, m->site_id);
	}
	if (!wbuf_ok(&w))
		return -1;
	if (key != NULL && lisp_auth_sign(buf, w.len, key, keylen) == -1)
		return -1;
	return (ssize_t)w.len;
}

void
lisp_map_register_free(struct lisp_map_register *m)
{
	records_free(m->records, m->record_count);
	memset(m, 0, sizeof(*m));
}

/* ------------------------------------------------------------ ECM */

#define IPPROTO_UDP_NUM	17

static uint32_t
csum_add(uint32_t sum, const uint8_t *p, size_t n)
{
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		sum += (uint32_t)(p[i] << 8 | p[i + 1]);
	if (n & 1)
		sum += (uint32_t)p[n - 1] << 8;
	return sum;
}

static uint16_t
csum_fold(uint32_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xFFFF) + (sum >> 16);
	return (uint16_t)~sum;
}

static enum lisp_err
ecm_ipv4_get(struct rbuf *r, uint8_t vhl, struct lisp_ecm *m, size_t *plen)
{
	uint8_t tos, ttl, proto;
	uint16_t total, id, frag, csum;
	size_t hlen = (size_t)(vhl & 0x0F) * 4;

	if (hlen < 20)
		return LISP_ERR_INNER_IP;
	m->inner_src.afi = m->inner_dst.afi = AFI_IPV4;
	if (rbuf_get_u8(r, &tos) == -1 || rbuf_get_u16(r, &total) == -1 ||
	    rbuf_get_u16(r, &id) == -1 || rbuf_get_u16(r, &frag) == -1 ||
	    rbuf_get_u8(r, &ttl) == -1 || rbuf_get_u8(r, &proto) == -1 ||
	    rbuf_get_u16(r, &csum) == -1 || rbuf_get(r, m->inner_src.u.b, 4) == -1 ||
	    rbuf_get(r, m->inner_dst.u.b, 4) == -1 || rbuf_skip(r, hlen - 20) == -1)
		return LISP_ERR_TRUNCATED;
	/* a fragment or a length that disagrees with the datagram cannot be parsed */
	if ((frag & 0x3FFF) != 0 || proto != IPPROTO_UDP_NUM || total < hlen ||
	    total - hlen != rbuf_left(r))
		return LISP_ERR_INNER_IP;
	m->inner_ttl = ttl;
	*plen = total - hlen;
	return LISP_OK;
}

static enum lisp_err
ecm_ipv6_get(struct rbuf *r, struct lisp_ecm *m, size_t *plen)
{
	uint8_t nh, hlim;
	uint16_t payload;

	m->inner_src.afi = m->inner_dst.afi = AFI_IPV6;
	if (rbuf_skip(r, 3) == -1 || rbuf_get_u16(r, &payload) == -1 ||
	    rbuf_get_u8(r, &nh) == -1 || rbuf_get_u8(r, &hlim) == -1 ||
	    rbuf_get(r, m->inner_src.u.b, 16) == -1 || rbuf_get(r, m->inner_dst.u.b, 16) == -1)
		return LISP_ERR_TRUNCATED;
	if (nh != IPPROTO_UDP_NUM || payload != rbuf_left(r))
		return LISP_ERR_INNER_IP;
	m->inner_ttl = hlim;
	*plen = payload;
	return LISP_OK;
}

enum lisp_err
lisp_ecm_decode(const uint8_t *buf, size_t len, struct lisp_ecm *m)
{
	struct rbuf r;
	uint8_t b0, vhl;
	uint16_t ulen, csum;
	size_t plen;
	enum lisp_err e;

	memset(m, 0, sizeof(*m));
	rbuf_init(&r, buf, len);
	if (rbuf_get_u8(&r, &b0) == -1)
		return LISP_ERR_TRUNCATED;
	if (b0 >> 4 != LISP_ECM)
		return LISP_ERR_TYPE;
	if (rbuf_skip(&r, 3) == -1 || rbuf_get_u8(&r, &vhl) == -1) {
		e = LISP_ERR_TRUNCATED;
		goto bad;
	}
	m->security = b0 & 0x08;
	m->ddt = b0 & 0x04;
	m->other_flags = b0 & 0x03;
	switch (vhl >> 4) {
	case 4:
		e = ecm_ipv4_get(&r, vhl, m, &plen);
		break;
	case 6:
		e = ecm_ipv6_get(&r, m, &plen);
		break;
	default:
		e = LISP_ERR_INNER_IP;
		break;
	}
	if (e != LISP_OK)
		goto bad;
	if (plen < 8) {
		e = LISP_ERR_INNER_UDP;
		goto bad;
	}
	if (rbuf_get_u16(&r, &m->inner_sport) == -1 || rbuf_get_u16(&r, &m->inner_dport) == -1 ||
	    rbuf_get_u16(&r, &ulen) == -1 || rbuf_get_u16(&r, &csum) == -1) {
		e = LISP_ERR_TRUNCATED;
		goto bad;
	}
	if (ulen != plen) {
		e = LISP_ERR_INNER_UDP;
		goto bad;
	}
	m->payload = r.p;
	m->payload_len = rbuf_left(&r);
	return LISP_OK;
bad:
	memset(m, 0, sizeof(*m));
	return e;
}

ssize_t
lisp_ecm_encode(const struct lisp_ecm *m, uint8_t *buf, size_t cap)
{
	struct wbuf w;
	uint8_t *ip, *udp;
	size_t ulen;
	uint32_t sum;
	uint16_t c;

	if ((m->inner_src.afi != AFI_IPV4 && m->inner_src.afi != AFI_IPV6) ||
	    m->inner_dst.afi != m->inner_src.afi || m->other_flags > 0x03 ||
	    (m->payload == NULL && m->payload_len > 0))
		return -1;
	/* the IPv4 total length counts its header, the IPv6 payload length does not */
	if (m->payload_len > 0xFFFF - 8 ||
	    (m->inner_src.afi == AFI_IPV4 && m->payload_len > 0xFFFF - 28))
		return -1;
	ulen = 8 + m->payload_len;
	wbuf_init(&w, buf, cap);
	wbuf_put_u8(&w, (uint8_t)(LISP_ECM << 4 | (m->security ? 0x08 : 0) |
	    (m->ddt ? 0x04 : 0) | m->other_flags));
	wbuf_put_u8(&w, 0);
	wbuf_put_u16(&w, 0);
	if (m->inner_src.afi == AFI_IPV4) {
		ip = wbuf_reserve(&w, 20);
		if (ip == NULL)
			return -1;
		memset(ip, 0, 20);
		ip[0] = 0x45;
		ip[2] = (uint8_t)((20 + ulen) >> 8);
		ip[3] = (uint8_t)(20 + ulen);
		ip[8] = m->inner_ttl;
		ip[9] = IPPROTO_UDP_NUM;
		memcpy(ip + 12, m->inner_src.u.b, 4);
		memcpy(ip + 16, m->inner_dst.u.b, 4);
		c = csum_fold(csum_add(0, ip, 20));
		ip[10] = (uint8_t)(c >> 8);
		ip[11] = (uint8_t)c;
		sum = csum_add(0, ip + 12, 8) + IPPROTO_UDP_NUM + (uint32_t)ulen;
	} else {
		ip = wbuf_reserve(&w, 40);
		if (ip == NULL)
			return -1;
		memset(ip, 0, 40);
		ip[0] = 0x60;
		ip[4] = (uint8_t)(ulen >> 8);
		ip[5] = (uint8_t)ulen;
		ip[6] = IPPROTO_UDP_NUM;
		ip[7] = m->inner_ttl;
		memcpy(ip + 8, m->inner_src.u.b, 16);
		memcpy(ip + 24, m->inner_dst.u.b, 16);
		sum = csum_add(0, ip + 8, 32) + IPPROTO_UDP_NUM + (uint32_t)ulen;
	}
	udp = wbuf_reserve(&w, 8);
	if (udp == NULL)
		return -1;
	udp[0] = (uint8_t)(m->inner_sport >> 8);
	udp[1] = (uint8_t)m->inner_sport;
	udp[2] = (uint8_t)(m->inner_dport >> 8);
	udp[3] = (uint8_t)m->inner_dport;
	udp[4] = (uint8_t)(ulen >> 8);
	udp[5] = (uint8_t)ulen;
	udp[6] = udp[7] = 0;
	if (m->payload_len > 0)
		wbuf_put(&w, m->payload, m->payload_len);
	if (!wbuf_ok(&w))
		return -1;
	c = csum_fold(csum_add(sum, udp, ulen));
	if (c == 0)
		c = 0xFFFF;	/* 0 would mean "no checksum", which ECM forbids */
	udp[6] = (uint8_t)(c >> 8);
	udp[7] = (uint8_t)c;
	return (ssize_t)w.len;
}

/* ------------------------------------------------------------ data header */

enum lisp_err
lisp_data_hdr_decode(const uint8_t *buf, size_t len, struct lisp_data_hdr *h)
{
	struct rbuf r;
	uint32_t w1, w2;
	uint8_t f;

	memset(h, 0, sizeof(*h));
	rbuf_init(&r, buf, len);
	if (rbuf_get_u32(&r, &w1) == -1 || rbuf_get_u32(&r, &w2) == -1)
		return LISP_ERR_TRUNCATED;
	f = (uint8_t)(w1 >> 24);
	h->n = f & 0x80;
	h->l = f & 0x40;
	h->e = f & 0x20;
	h->v = f & 0x10;
	h->i = f & 0x08;
	h->r = (f >> 2) & 1;
	h->kk = f & 0x03;
	/* with both N and V set, bytes 1-3 are a nonce (RFC 9300 5.3) */
	if (h->n)
		h->nonce = w1 & 0xFFFFFF;
	else if (h->v) {
		h->src_map_version = (w1 >> 12) & 0xFFF;
		h->dst_map_version = w1 & 0xFFF;
	}
	if (h->i) {
		h->iid = w2 >> 8;
		h->lsb = w2 & 0xFF;
	} else
		h->lsb = w2;
	return LISP_OK;
}

ssize_t
lisp_data_hdr_encode(const struct lisp_data_hdr *h, uint8_t *buf, size_t cap)
{
	struct wbuf w;
	uint32_t w1 = 0, w2;

	/* N and V together are ambiguous on the wire: never send them */
	if ((h->n && h->v) || h->r > 1 || h->kk > 3 || h->nonce > 0xFFFFFF ||
	    h->src_map_version > 0xFFF || h->dst_map_version > 0xFFF ||
	    h->iid > 0xFFFFFF || (h->i && h->lsb > 0xFF))
		return -1;
	if (h->n)
		w1 = h->nonce;
	else if (h->v)
		w1 = (uint32_t)h->src_map_version << 12 | h->dst_map_version;
	w2 = h->i ? h->iid << 8 | h->lsb : h->lsb;
	wbuf_init(&w, buf, cap);
	wbuf_put_u8(&w, (uint8_t)((h->n ? 0x80 : 0) | (h->l ? 0x40 : 0) | (h->e ? 0x20 : 0) |
	    (h->v ? 0x10 : 0) | (h->i ? 0x08 : 0) | h->r << 2 | h->kk));
	wbuf_put_u8(&w, (uint8_t)(w1 >> 16));
	wbuf_put_u16(&w, (uint16_t)w1);
	wbuf_put_u32(&w, w2);
	return wbuf_result(&w);
}

/* ------------------------------------------------------------ Map-Referral */

const char *
lisp_referral_action_str(unsigned act)
{
	switch (act) {
	case LISP_REF_NODE_REFERRAL:
		return "NODE-REFERRAL";
	case LISP_REF_MS_REFERRAL:
		return "MS-REFERRAL";
	case LISP_REF_MS_ACK:
		return "MS-ACK";
	case LISP_REF_MS_NOT_REGISTERED:
		return "MS-NOT-REGISTERED";
	case LISP_REF_DELEGATION_HOLE:
		return "DELEGATION-HOLE";
	case LISP_REF_NOT_AUTHORITATIVE:
		return "NOT-AUTHORITATIVE";
	default:
		return "Unknown";
	}
}

static enum lisp_err
referral_sig_get(struct rbuf *r, struct lisp_referral_sig *sg, bool fill)
{
	memset(sg, 0, sizeof(*sg));
	if (rbuf_get_u32(r, &sg->orig_ttl) == -1 || rbuf_get_u32(r, &sg->expiration) == -1 ||
	    rbuf_get_u32(r, &sg->inception) == -1 || rbuf_get_u16(r, &sg->key_tag) == -1 ||
	    rbuf_get_u16(r, &sg->len) == -1 || rbuf_get_u8(r, &sg->alg) == -1 ||
	    rbuf_get_u8(r, &sg->reserved1) == -1 || rbuf_get_u16(r, &sg->reserved2) == -1)
		return LISP_ERR_TRUNCATED;
	if (rbuf_left(r) < sg->len)
		return LISP_ERR_TRUNCATED;
	if (fill && sg->len > 0) {
		if ((sg->data = malloc(sg->len)) == NULL)
			return LISP_ERR_NOMEM;
		rbuf_get(r, sg->data, sg->len);
	} else
		rbuf_skip(r, sg->len);
	return LISP_OK;
}

static void
referral_records_free(struct lisp_referral_record *recs, unsigned n)
{
	unsigned i, j;

	if (recs == NULL)
		return;
	for (i = 0; i < n; i++) {
		free(recs[i].rec.locs);
		if (recs[i].sigs != NULL)
			for (j = 0; j < recs[i].sig_count; j++)
				free(recs[i].sigs[j].data);
		free(recs[i].sigs);
	}
	free(recs);
}

/* A record: record_get() reads the shared layout, then I, SigCnt and the signatures. */
static enum lisp_err
referral_record_get(struct rbuf *r, struct lisp_referral_record *rr, bool fill)
{
	struct lisp_referral_sig tmp;
	enum lisp_err e;
	unsigned i;

	memset(rr, 0, sizeof(*rr));
	if ((e = record_get(r, &rr->rec, fill)) != LISP_OK)
		return e;
	rr->incomplete = rr->rec.reserved & 0x0800;
	rr->rec.reserved &= 0x07FF;
	rr->sig_count = rr->rec.reserved2;
	rr->rec.reserved2 = 0;
	if (fill && rr->sig_count > 0 &&
	    (rr->sigs = calloc(rr->sig_count, sizeof(*rr->sigs))) == NULL)
		return LISP_ERR_NOMEM;
	for (i = 0; i < rr->sig_count; i++)
		if ((e = referral_sig_get(r, fill ? &rr->sigs[i] : &tmp, fill)) != LISP_OK)
			return e;
	return LISP_OK;
}

static enum lisp_err
map_referral_get(const uint8_t *buf, size_t len, struct lisp_map_referral *m, bool fill)
{
	struct lisp_referral_record tmp;
	struct rbuf r;
	uint8_t b0;
	uint16_t b12;
	enum lisp_err e;
	unsigned i;

	rbuf_init(&r, buf, len);
	if (rbuf_get_u8(&r, &b0) == -1)
		return LISP_ERR_TRUNCATED;
	if (b0 >> 4 != LISP_MAP_REFERRAL)
		return LISP_ERR_TYPE;
	if (rbuf_get_u16(&r, &b12) == -1 || rbuf_get_u8(&r, &m->record_count) == -1 ||
	    rbuf_get_u64(&r, &m->nonce) == -1)
		return LISP_ERR_TRUNCATED;
	m->reserved = (uint32_t)(b0 & 0x0F) << 16 | b12;
	if (fill && m->record_count > 0 &&
	    (m->records = calloc(m->record_count, sizeof(*m->records))) == NULL)
		return LISP_ERR_NOMEM;
	for (i = 0; i < m->record_count; i++) {
		e = referral_record_get(&r, fill ? &m->records[i] : &tmp, fill);
		if (e != LISP_OK)
			return e;
	}
	m->trailing = rbuf_left(&r);
	return LISP_OK;
}

enum lisp_err
lisp_map_referral_decode(const uint8_t *buf, size_t len, struct lisp_map_referral *m)
{
	enum lisp_err e;

	memset(m, 0, sizeof(*m));
	e = map_referral_get(buf, len, m, false);
	if (e == LISP_OK) {
		memset(m, 0, sizeof(*m));
		e = map_referral_get(buf, len, m, true);
	}
	if (e != LISP_OK)
		lisp_map_referral_free(m);
	return e;
}

static int
referral_record_put(struct wbuf *w, const struct lisp_referral_record *rr)
{
	struct lisp_record rec = rr->rec;
	const struct lisp_referral_sig *sg;
	unsigned i;

	if (rec.reserved > 0x07FF || rec.reserved2 != 0 || rr->sig_count > 0xF ||
	    (rr->sig_count > 0 && rr->sigs == NULL))
		return -1;
	rec.reserved |= rr->incomplete ? 0x0800 : 0;
	rec.reserved2 = rr->sig_count;
	if (record_put(w, &rec) == -1)
		return -1;
	for (i = 0; i < rr->sig_count; i++) {
		sg = &rr->sigs[i];
		if (sg->len > 0 && sg->data == NULL)
			return -1;
		wbuf_put_u32(w, sg->orig_ttl);
		wbuf_put_u32(w, sg->expiration);
		wbuf_put_u32(w, sg->inception);
		wbuf_put_u16(w, sg->key_tag);
		wbuf_put_u16(w, sg->len);
		wbuf_put_u8(w, sg->alg);
		wbuf_put_u8(w, sg->reserved1);
		wbuf_put_u16(w, sg->reserved2);
		if (sg->len > 0)
			wbuf_put(w, sg->data, sg->len);
	}
	return 0;
}

ssize_t
lisp_map_referral_encode(const struct lisp_map_referral *m, uint8_t *buf, size_t cap)
{
	struct wbuf w;
	unsigned i;

	if (m->reserved > 0xFFFFF || (m->record_count > 0 && m->records == NULL))
		return -1;
	wbuf_init(&w, buf, cap);
	wbuf_put_u8(&w, (uint8_t)(LISP_MAP_REFERRAL << 4 | m->reserved >> 16));
	wbuf_put_u16(&w, (uint16_t)m->reserved);
	wbuf_put_u8(&w, m->record_count);
	wbuf_put_u64(&w, m->nonce);
	for (i = 0; i < m->record_count; i++)
		if (referral_record_put(&w, &m->records[i]) == -1)
			return -1;
	return wbuf_result(&w);
}

void
lisp_map_referral_free(struct lisp_map_referral *m)
{
	referral_records_free(m->records, m->record_count);
	memset(m, 0, sizeof(*m));
}
