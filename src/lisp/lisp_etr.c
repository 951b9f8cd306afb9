/*
 * DOC: the ETR: Map-Register, Map-Notify, Map-Replies and decapsulation
 *
 * Registration: every database-mapping of every instance (an IID other
 * than 0 in an Instance-ID LCAF, instance 0 as plain AFI, as IOS sends
 * them) goes to each map-server of its EID family ('ip lisp etr
 * map-server' IPv4 prefixes, 'ipv6 lisp etr map-server' IPv6 ones, as on
 * IOS; a map-server added through the API without a family takes both:
 * ms_serves()) every 60 s (RFC 9301 section 8.2), the first time as
 * soon as the ETR role, a database-mapping and a map-server are all
 * configured and an RLOC address is known.  A server whose two families
 * have different settings (keys) is two entries, each registering its
 * family with its own key.  Each entry is on its
 * own (struct map_server): its own timer (a server added later keeps its
 * own phase; a database change sends to all at once), its own nonce
 * sequence, its own Map-Notify state and counters, so a server that is
 * down or refuses us changes nothing for the others.  M (want-map-notify)
 * is set on every register: the verified Map-Notify is what tells that
 * the server is up (a verified one within the last 3 periods,
 * LISP_MS_UP_PERIODS; 'show lisp session').  An unsolicited Map-Notify
 * (a locator-set change, RFC 9301 section 5.7) from one of our
 * map-servers is verified with its key, confirms it as well, and is
 * acknowledged with a Map-Notify-Ack.  P is set when the map-server entry
 * says proxy-reply.  Register nonces increase (wall-clock seconds above
 * random bits, see etr_nonce()) so a Map-Server can refuse an old
 * register replayed after a newer one.  Registers go from
 * port 4342, so the Map-Notify comes back to 4342 whether the server
 * answers to 4342 (RFC) or to the source port (lispers.net).
 *
 * Decapsulation (RFC 9300 section 7): the outer header is IPv4 or IPv6
 * (its UDP checksum checked by lisp.c), its destination ours (we only see
 * packets delivered to the router), the header's instance ID (I=0:
 * instance 0) must be a configured instance ("unknown instance ID"
 * otherwise) bound to a defined VRF ("instance with no VRF"), and the
 * inner destination must be covered by one of that instance's
 * database-mappings; the inner packet is then routed in that VRF
 * (ipv4_input_vrf(), the default table as before).  An IPv6 inner
 * packet gets the same treatment with its hop limit and traffic class and
 * enters IPv6 input (it is never fragmented: it fits or was refused).  The
 * inner TTL becomes min(inner, outer), so a packet that looped through
 * tunnels cannot gain hops; the inner packet then enters IPv4 forwarding
 * through the interface the outer one came in on, where the ordinary
 * rules apply: it is delivered if it is for us, otherwise its TTL is
 * decremented (and checked) like any transit packet.  The tunnel is
 * therefore one more hop, as it is on IOS.  DSCP is copied outer to
 * inner; an outer CE mark is copied onto an ECN-capable inner packet and
 * drops a Not-ECT one (RFC 6040).
 *
 * A PETR decapsulates the same way without the database check, for
 * destinations outside the local EIDs, after its access list (allowed ITR
 * RLOC prefixes or source EID prefixes) when it has one.  Every check
 * that drops has its own counter.
 *
 * RLOC probes are answered by the ETR for its EIDs (the configured prefix,
 * p set on the probed locator) and by a PETR for anything else (the
 * requested prefix with the probed address as its one locator).
 *
 * SMR: the ETR remembers the last 64 ITR RLOCs that sent it data; when a
 * database-mapping changes, each one seen in the last minute gets a
 * Map-Request with S=1 for the changed prefix.  They leave one second
 * after the first change, with every prefix changed meanwhile: that is
 * the rate limit, and it lets the Map-Register (sent at once) reach the
 * map-server before the ITRs ask it again.
 */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ipv4.h"
#include "lisp_int.h"
#include "log.h"
#include "router.h"
#include "router_int.h"

#define REG_RECORDS_PER_MSG	32
#define REG_RETRY_NS		(5 * NS_PER_SEC)	/* no RLOC address yet */
#define REG_TRIGGER_GAP_NS	(NS_PER_SEC / 10)	/* between changes' registrations */

#define REG_PERIOD_NS		((uint64_t)LISP_REGISTER_INTERVAL_S * NS_PER_SEC)

static void ms_arm(struct map_server *ms, uint64_t delay)
{
	ms->next_register = lisp_now(ms->l) + delay;
	ev_timer_arm(ms->timer, delay);
}

static void ms_idle(struct map_server *ms)
{
	ms->next_register = 0;
	ev_timer_cancel(ms->timer);
}

static bool etr_active(const struct lisp *l)
{
	return (l->roles & LISP_ROLE_ETR) && l->n_ms && l->db_total;
}

/*
 * Map-server slot i (re)configured, or the database changed: it registers
 * at once, unless its last registration was built less than
 * REG_TRIGGER_GAP_NS ago; then when that much time has passed.  A paste
 * of thousands of 'database-mapping' lines over a vty built the whole
 * database's registration once per line, in the event loop.
 */
void lisp_etr_kick_ms(struct lisp *l, unsigned i)
{
	if (i < l->n_ms && etr_active(l)) {
		struct map_server *ms = &l->ms[i];
		uint64_t now = lisp_now(l), at = ms->last_round ? ms->last_round + REG_TRIGGER_GAP_NS : 0;

		ms_arm(ms, at > now ? at - now : 0);
	} else if (i < LISP_MAX_MAP_SERVERS) {
		ms_idle(&l->ms[i]);
	}
}

/* The database or the roles changed: every map-server hears it at once. */
void lisp_etr_kick(struct lisp *l)
{
	unsigned i;

	lisp_itr_update_default6(l);	/* a database change: the ::/0 entry */
	for (i = 0; i < LISP_MAX_MAP_SERVERS; i++)
		lisp_etr_kick_ms(l, i);
}

/* Slots from..n_ms-1 got other servers' state (lisp_map_server_del()):
 * their timers follow the state's plan. */
void lisp_etr_rearm_from(struct lisp *l, unsigned from)
{
	unsigned i;

	for (i = from; i < LISP_MAX_MAP_SERVERS; i++) {
		if (i < l->n_ms && l->ms[i].next_register && etr_active(l))
			ev_timer_arm_at(l->ms[i].timer, l->ms[i].next_register);
		else
			ms_idle(&l->ms[i]);
	}
}

static bool ms_up(const struct map_server *ms, uint64_t now)
{
	return ms->last_confirm &&
	       now - ms->last_confirm <= LISP_MS_UP_PERIODS * REG_PERIOD_NS;
}

/* A verified Map-Notify from ms (or one we acknowledged): it is up. */
static void ms_confirm(struct lisp *l, struct map_server *ms)
{
	uint64_t now = lisp_now(l);
	char b[ADDR_STRLEN];

	if (!ms_up(ms, now)) {
		ms->up_since = now;
		log_event("LISP", LOG_NOTICE, "MAP_SERVER_UP", "Map-Server %s is up",
			  addr_fmt(&ms->cfg.addr, b, sizeof(b)));
	}
	ms->logged_up = true;
	ms->last_confirm = now;
	ms->last_notify = now;
	ms->notify_verified = true;
	ms->notify_state = LISP_MSN_VERIFIED;
	ms->notifies_in++;
	l->st.notify_verified++;
}

const char *lisp_ms_notify_str(enum lisp_ms_notify s)
{
	switch (s) {
	case LISP_MSN_AWAITING:		return "awaiting";
	case LISP_MSN_VERIFIED:		return "verified";
	case LISP_MSN_AUTH_FAILED:	return "auth-failure";
	default:			return "none";
	}
}

void lisp_etr_ms_info(const struct lisp *l, const struct map_server *ms, struct lisp_ms_info *o)
{
	uint64_t now = lisp_now(l);

	memset(o, 0, sizeof(*o));
	o->cfg = ms->cfg;
	o->last_register = ms->last_register;
	o->next_register = ms->next_register;
	o->registers_sent = ms->registers_sent;
	o->notify_verified = ms->notify_verified;
	o->last_notify = ms->last_notify;
	o->notifies_in = ms->notifies_in;
	o->notify_auth_failures = ms->notify_auth_failures;
	o->acks_out = ms->acks_out;
	o->notify_state = ms->notify_state;
	o->up = ms_up(ms, now);
	o->up_down_since = o->up ? ms->up_since : ms->last_confirm ?
			   ms->last_confirm + LISP_MS_UP_PERIODS * REG_PERIOD_NS : 0;
}

struct reg_build {
	struct lisp *l;
	struct lisp_record *recs;
	size_t n, cap;
};

static void records_free(struct lisp_record *recs, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(recs[i].locs);
	free(recs);
}

/* One EID-record for a database-mapping, with the locators we can resolve. */
static bool db_record(struct lisp *l, const struct db_entry *d, struct lisp_record *r)
{
	struct addr a;
	unsigned i;

	memset(r, 0, sizeof(*r));
	r->ttl = l->etr_ttl;
	r->authoritative = true;
	r->eid.eid.addr = d->prefix.addr;
	r->eid.eid.has_iid = d->prefix.addr.iid != 0;	/* IID 0: plain AFI, as IOS */
	r->eid.mask_len = d->prefix.len;
	r->locs = calloc(LISP_MAX_LOCATORS, sizeof(*r->locs));
	if (!r->locs)
		return false;
	for (i = 0; i < d->n; i++) {
		if (!lisp_loc_resolve(l, &d->locs[i], &a))
			continue;
		r->locs[r->loc_count].priority = d->locs[i].priority;
		r->locs[r->loc_count].weight = d->locs[i].weight;
		r->locs[r->loc_count].mpriority = 255;	/* not used for multicast */
		r->locs[r->loc_count].local = lisp_is_local_addr(l, &a);
		r->locs[r->loc_count].reachable = true;
		r->locs[r->loc_count].rloc.addr = a;
		r->loc_count++;
	}
	if (r->loc_count == 0) {
		free(r->locs);
		r->locs = NULL;
		return false;
	}
	return true;
}

static int reg_build_fn(const struct prefix *p, void *value, void *arg)
{
	struct reg_build *b = arg;
	struct lisp_record *nr;

	(void)p;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 8;
		nr = realloc(b->recs, b->cap * sizeof(*nr));
		if (!nr)
			return 1;
		b->recs = nr;
	}
	if (db_record(b->l, value, &b->recs[b->n]))
		b->n++;
	return 0;
}

/*
 * A Map-Register nonce: unpredictable, never reused, and in order, so a
 * Map-Server can tell an old register from a new one (RFC 9301 asks for
 * incrementing nonces; lisp_ms.c refuses one older than the current
 * registration).  The high 32 bits are the wall-clock second (a restarted
 * lispr continues above its last run's nonces), the low 32 bits random;
 * within one second each nonce is the last plus 1 to 2^20, so at least 20
 * random bits separate any two and the sequence never goes back.
 */
static uint64_t etr_nonce(struct lisp *l, struct map_server *ms)
{
	struct timespec ts;
	uint64_t floor = 0, n;

	if (clock_gettime(CLOCK_REALTIME, &ts) == 0 && ts.tv_sec > 0)
		floor = (uint64_t)(uint32_t)ts.tv_sec << 32 | (lisp_rand64(l) & 0xffffffffu);
	n = ms->reg_nonce + 1 + (lisp_rand64(l) & 0xfffffu);
	if (floor > n)
		n = floor;
	ms->reg_nonce = n;
	return n;
}

/* Each instance's share of a Map-Register sent: its records, and the
 * message once (the records come in IID order). */
static void count_register(struct lisp *l, const struct lisp_record *recs, size_t n)
{
	struct lisp_inst *in, *last = NULL;
	size_t i;

	for (i = 0; i < n; i++) {
		in = lisp_inst_of(l, recs[i].eid.eid.has_iid ? recs[i].eid.eid.addr.iid : 0);
		if (!in)
			continue;
		in->st.reg_out_records++;
		if (in != last)
			in->st.reg_out++;
		last = in;
	}
}

static void send_register(struct lisp *l, struct map_server *ms, struct lisp_record *recs,
			  size_t n)
{
	struct lisp_map_register reg;
	uint8_t *msg;
	size_t cap = 64 + 24 + n * (16 + LISP_MAX_LOCATORS * 12);
	ssize_t len;
	struct addr a4342;
	char b[ADDR_STRLEN];

	/* A key that could not be decoded (type 6) signs nothing. */
	if (!ms->cfg.key[0]) {
		log_ratelimited(ms, LOG_WARNING, "LISP: no usable key for map-server %s: "
				"no Map-Register sent", addr_fmt(&ms->cfg.addr, b, sizeof(b)));
		return;
	}
	msg = malloc(cap);
	if (!msg)
		return;
	memset(&reg, 0, sizeof(reg));
	reg.type = LISP_MAP_REGISTER;
	reg.proxy_reply = ms->cfg.proxy_reply;
	reg.want_map_notify = true;	/* every period confirms the server is up */
	reg.nonce = etr_nonce(l, ms);
	reg.key_id = ms->cfg.key_id;
	reg.alg_id = ms->cfg.alg;
	reg.record_count = (uint8_t)n;
	reg.records = recs;
	if (l->xtr_id_on) {	/* RFC 9301 section 5.6: the MS merges by xTR-ID */
		reg.xtr_id_present = true;
		memcpy(reg.xtr_id, l->xtr_id, sizeof(reg.xtr_id));
		reg.site_id = l->site_id;
	}
	len = lisp_map_register_encode(&reg, ms->cfg.key, strlen(ms->cfg.key), msg, cap);
	if (len > 0) {
		a4342 = ms->cfg.addr;
		if (lisp_send_udp(l, NULL, LISP_CONTROL_PORT, &a4342, LISP_CONTROL_PORT,
				  msg, (size_t)len) == 0) {
			ms->nonces[ms->nonce_next++ % LISP_REG_NONCES] = reg.nonce;
			ms->last_register = lisp_now(l);
			ms->notify_state = LISP_MSN_AWAITING;
			ms->registers_sent++;
			l->st.reg_out++;
			l->st.reg_out_records += n;
			count_register(l, recs, n);
			log_debug(DEBUG_LISP_CONTROL,
				  "LISP: Send Map-Register to %s, %zu record%s, nonce 0x%016llx",
				  addr_fmt(&ms->cfg.addr, b, sizeof(b)), n, n == 1 ? "" : "s",
				  (unsigned long long)reg.nonce);
		}
	}
	free(msg);
}

/* Does map-server entry ms take registrations of EID family afi?  (Its
 * families are always set: lisp_map_server_add() makes 0 both.) */
static bool ms_serves(const struct map_server *ms, uint16_t afi)
{
	return ms->cfg.af & (afi == AFI_IPV6 ? LISP_AF_IPV6 : LISP_AF_IPV4);
}

/* The records of the families ms serves, in order, 32 a message.  sel is
 * scratch of b->n entries (shallow copies: the locators stay b's). */
static void register_with(struct lisp *l, struct map_server *ms, const struct reg_build *b,
			  struct lisp_record *sel)
{
	size_t i, n = 0, off, chunk;

	for (i = 0; i < b->n; i++)
		if (ms_serves(ms, b->recs[i].eid.eid.addr.afi))
			sel[n++] = b->recs[i];
	for (off = 0; off < n; off += chunk) {
		chunk = n - off > REG_RECORDS_PER_MSG ? REG_RECORDS_PER_MSG : n - off;
		send_register(l, ms, sel + off, chunk);
	}
}

/* Map-server ms's own timer: its records, then its next period. */
void lisp_etr_register_timer(void *arg)
{
	struct map_server *ms = arg;
	struct lisp *l = ms->l;
	struct reg_build b = { l, NULL, 0, 0 };
	struct lisp_record *sel;

	if (!etr_active(l) || ms >= l->ms + l->n_ms) {
		ms->next_register = 0;
		return;
	}
	if (ms->logged_up && !ms_up(ms, lisp_now(l))) {
		char a[ADDR_STRLEN];

		ms->logged_up = false;
		log_event("LISP", LOG_WARNING, "MAP_SERVER_DOWN",
			  "Map-Server %s is down: no verified Map-Notify in %d registration periods",
			  addr_fmt(&ms->cfg.addr, a, sizeof(a)), LISP_MS_UP_PERIODS);
	}
	ms->last_round = lisp_now(l);
	lisp_db_walk_all(l, reg_build_fn, &b);
	if (b.n == 0 || !(sel = malloc(b.n * sizeof(*sel)))) {
		records_free(b.recs, b.n);
		ms_arm(ms, REG_RETRY_NS);
		return;
	}
	register_with(l, ms, &b, sel);
	free(sel);
	records_free(b.recs, b.n);
	ms_arm(ms, REG_PERIOD_NS);
}

/* An unsolicited Map-Notify from ms, verified: a Map-Notify-Ack (RFC 9301
 * section 5.7) back to it, the same message (nonce, key ID, records) as
 * type 5 with a fresh MAC. */
static void send_notify_ack(struct lisp *l, struct map_server *ms, const uint8_t *msg, size_t len)
{
	uint8_t *ack;
	struct addr to = ms->cfg.addr;

	if (!(ack = malloc(len)))
		return;
	memcpy(ack, msg, len);
	ack[0] = (uint8_t)(LISP_MAP_NOTIFY_ACK << 4);
	if (lisp_auth_sign(ack, len, ms->cfg.key, strlen(ms->cfg.key)) == 0 &&
	    lisp_send_udp(l, NULL, LISP_CONTROL_PORT, &to, LISP_CONTROL_PORT, ack, len) == 0) {
		ms->acks_out++;
	}
	free(ack);
}

/* The entry of address a after slot prev (NULL: the first). */
static struct map_server *ms_by_addr(struct lisp *l, const struct addr *a,
				     const struct map_server *prev)
{
	unsigned i;

	for (i = prev ? (unsigned)(prev - l->ms) + 1 : 0; i < l->n_ms; i++)
		if (addr_eq(&l->ms[i].cfg.addr, a))
			return &l->ms[i];
	return NULL;
}

/*
 * A Map-Notify: the answer to one of our registers (its nonce names the
 * map-server), verified with that server's key; or an unsolicited one
 * (RFC 9301 section 5.7: the Map-Server's locator set changed) from one
 * of our map-servers, verified the same way and acknowledged.  Either
 * confirms the server; a MAC that does not verify marks it auth-failure.
 */
void lisp_etr_map_notify(struct lisp *l, const struct addr *from, const uint8_t *msg,
			 size_t len)
{
	struct lisp_map_register n;
	struct map_server *ms = NULL;
	enum lisp_err e;
	unsigned i, j;
	bool solicited = true, verified = false;
	char b[ADDR_STRLEN];

	l->st.notify_in++;
	if ((e = lisp_map_register_decode(msg, len, &n)) != LISP_OK) {
		l->st.malformed[e]++;
		lisp_map_register_free(&n);
		return;
	}
	/* Each instance its records name counts it too. */
	lisp_inst_count_recs(l, n.records, n.record_count, offsetof(struct lisp_stats, notify_in));
	for (i = 0; i < l->n_ms && !ms; i++)
		for (j = 0; j < LISP_REG_NONCES; j++)
			if (l->ms[i].nonces[j] && l->ms[i].nonces[j] == n.nonce) {
				ms = &l->ms[i];
				break;
			}
	if (!ms) {
		struct map_server *o;

		solicited = false;
		if (!(ms = ms_by_addr(l, from, NULL)) || !(l->roles & LISP_ROLE_ETR)) {
			lisp_map_register_free(&n);
			lisp_drop(l, LISP_DROP_NOTIFY_NONCE);
			return;
		}
		/* A server with an entry per family (two keys): the one whose
		 * key signed it; a failure counts on the first. */
		for (o = ms; o && !verified; o = ms_by_addr(l, from, o))
			if (lisp_auth_verify(msg, len, o->cfg.key, strlen(o->cfg.key)) == LISP_OK) {
				ms = o;
				verified = true;
			}
	}
	if (!verified && lisp_auth_verify(msg, len, ms->cfg.key, strlen(ms->cfg.key)) != LISP_OK) {
		lisp_map_register_free(&n);
		ms->notify_auth_failures++;
		if (solicited)
			ms->notify_state = LISP_MSN_AUTH_FAILED;
		lisp_drop(l, LISP_DROP_NOTIFY_AUTH);
		return;
	}
	ms_confirm(l, ms);
	lisp_inst_count_recs(l, n.records, n.record_count, offsetof(struct lisp_stats, notify_verified));
	lisp_map_register_free(&n);
	if (!solicited)
		send_notify_ack(l, ms, msg, len);
	log_debug(DEBUG_LISP_CONTROL, "LISP: Received %sMap-Notify from %s, verified",
		  solicited ? "" : "unsolicited ", addr_fmt(from, b, sizeof(b)));
}

/*
 * The ITR-RLOC a reply goes to: the first one of either family we have a
 * route to (IOS lists its IPv4 one first), else the first usable one.
 * A probe reply (prefer: the probed address's family) goes to one of that
 * family if there is one, so it comes from the probed address, as the
 * prober matches it.  Never a broadcast address, nor ourselves unless the
 * request is our own ('lig self'): a forged ITR-RLOC would make us
 * reflect the reply.
 */
static const struct addr *pick_itr_rloc(struct lisp *l, const struct lisp_map_request *req,
					 bool probe, uint16_t prefer)
{
	const struct addr *first = NULL, *first_pref = NULL, *a;
	unsigned i;

	for (i = 0; i < req->itr_rloc_count; i++) {
		a = &req->itr_rlocs[i].addr;
		if (a->afi != AFI_IPV4 && a->afi != AFI_IPV6)
			continue;
		if (!probe && !lisp_itr_rloc_ok(l, a) &&
		    !(lisp_is_local_addr(l, a) && lisp_mreq_pending(l, req->nonce))) {
			lisp_drop(l, LISP_DROP_ITR_RLOC_OURS);
			continue;
		}
		if (prefer && a->afi != prefer) {
			if (!first)
				first = a;
			continue;
		}
		if (lisp_rloc_routable(l, a) || lisp_is_local_addr(l, a))
			return a;
		if (!first_pref)
			first_pref = a;
	}
	return first_pref ? first_pref : first;
}

int lisp_send_map_reply(struct lisp *l, const struct lisp_map_request *req,
			uint16_t port, const struct lisp_record *rec)
{
	struct lisp_map_reply rep;
	struct lisp_inst *in;
	uint8_t msg[1024];
	const struct addr *itr;
	ssize_t n;

	if (!(itr = pick_itr_rloc(l, req, false, 0))) {
		lisp_drop(l, LISP_DROP_NO_ITR_RLOC);
		return -1;
	}
	memset(&rep, 0, sizeof(rep));
	rep.nonce = req->nonce;
	rep.record_count = 1;
	rep.records = (struct lisp_record *)rec;
	n = lisp_map_reply_encode(&rep, msg, sizeof(msg));
	if (n < 0 || lisp_send_udp(l, NULL, LISP_CONTROL_PORT, itr, port, msg, (size_t)n) == -1)
		return -1;
	l->st.mrep_out++;
	if (rec->loc_count == 0)
		l->st.mrep_out_neg++;
	else if (rec->authoritative)
		l->st.mrep_out_auth++;
	else
		l->st.mrep_out_nonauth++;
	if ((in = lisp_inst_of(l, rec->eid.eid.has_iid ? rec->eid.eid.addr.iid : 0))) {
		in->st.mrep_out++;
		if (rec->loc_count == 0)
			in->st.mrep_out_neg++;
		else if (rec->authoritative)
			in->st.mrep_out_auth++;
		else
			in->st.mrep_out_nonauth++;
	}
	return 0;
}

bool lisp_etr_map_request(struct lisp *l, const struct lisp_map_request *req,
			  uint16_t reply_port)
{
	struct prefix q;
	struct db_entry *d;
	struct lisp_record rec;
	struct lisp_inst *in;
	struct addr eid = req->records[0].eid.addr;

	/* The instance's database answers: plain AFI and an LCAF with IID 0
	 * alike ask instance 0. */
	if (!req->records[0].eid.has_iid)
		eid.iid = 0;
	if ((eid.afi != AFI_IPV4 && eid.afi != AFI_IPV6) || !(in = lisp_inst_of(l, eid.iid)) ||
	    !in->db_n)
		return false;
	if (prefix_make(&q, &eid, req->records[0].mask_len) == -1)
		return false;
	d = lpm_covering(in->db, &q, NULL);
	if (!d)
		return false;
	if (db_record(l, d, &rec)) {
		lisp_send_map_reply(l, req, reply_port, &rec);
		free(rec.locs);
	}
	return true;
}

static bool acl_allows(struct lisp *l, const struct addr *osrc, const uint8_t *inner)
{
	struct addr isrc;
	unsigned i;

	if (!l->n_acl)
		return true;
	if (inner[0] >> 4 == 6) {
		addr_set_v6(&isrc, inner + 8);
	} else {
		addr_set_v4(&isrc, 0);
		memcpy(&isrc.u.v4, inner + 12, 4);
	}
	for (i = 0; i < l->n_acl; i++)
		if (prefix_contains(&l->acl[i].prefix,
				    l->acl[i].kind == LISP_PETR_ACL_RLOC ? osrc : &isrc))
			return true;
	return false;
}

/* Remember the ITR (outer source a) for SMRs: its slot, or the oldest one.
 * Forgetting an ITR seen within the SMR window (more than LISP_ETR_USERS
 * outer sources within it, spoofed or not) is counted: that ITR will not
 * hear of a change of our mappings. */
static void note_user(struct lisp *l, const struct addr *a)
{
	unsigned i, old = 0;
	uint64_t now;

	/* Traffic comes in runs from one ITR: try the last one first. */
	if (addr_eq(&l->users[l->user_last].rloc, a)) {
		l->users[l->user_last].last_seen = lisp_now(l);
		return;
	}
	for (i = 0; i < LISP_ETR_USERS; i++) {
		if (addr_eq(&l->users[i].rloc, a))
			break;
		if (l->users[i].last_seen < l->users[old].last_seen)
			old = i;
	}
	now = lisp_now(l);
	if (i == LISP_ETR_USERS) {
		i = old;
		if (l->users[i].last_seen && now - l->users[i].last_seen <= LISP_SMR_WINDOW_S * NS_PER_SEC)
			l->st.smr_users_evicted++;
		memset(&l->users[i], 0, sizeof(l->users[i]));
		l->users[i].rloc = *a;
	}
	l->users[i].last_seen = now;
	l->user_last = i;
}

static void smr_send(struct lisp *l, struct etr_user *u, const struct prefix *p)
{
	struct lisp_stats *st;
	struct lisp_map_request req;
	struct lisp_eid rec;
	struct addr src;
	uint8_t msg[128];
	ssize_t n;

	if (!lisp_source_for(l, &u->rloc, &src))
		return;
	memset(&req, 0, sizeof(req));
	memset(&rec, 0, sizeof(rec));
	req.smr = true;
	req.nonce = lisp_rand64(l);
	req.source_eid.addr = p->addr;
	req.source_eid.has_iid = p->addr.iid != 0;
	req.itr_rloc_count = 1;
	req.itr_rlocs[0].addr = src;
	req.record_count = 1;
	rec.eid.addr = p->addr;
	rec.eid.has_iid = p->addr.iid != 0;
	rec.mask_len = p->len;
	req.records = &rec;
	n = lisp_map_request_encode(&req, msg, sizeof(msg));
	if (n < 0 || lisp_send_udp(l, &src, LISP_CONTROL_PORT, &u->rloc, LISP_CONTROL_PORT,
				   msg, (size_t)n) == -1)
		return;
	l->st.smr_out++;
	l->st.mreq_out++;
	if ((st = lisp_inst_st(l, p->addr.iid))) {
		st->smr_out++;
		st->mreq_out++;
	}
}

void lisp_etr_smr_timer(void *arg)
{
	struct lisp *l = arg;
	uint64_t now = lisp_now(l);
	unsigned i, j;

	for (i = 0; i < LISP_ETR_USERS && (l->roles & LISP_ROLE_ETR); i++) {
		struct etr_user *u = &l->users[i];

		if (!u->last_seen || now - u->last_seen > LISP_SMR_WINDOW_S * NS_PER_SEC)
			continue;
		for (j = 0; j < l->n_smr; j++)
			smr_send(l, u, &l->smr_pending[j]);
	}
	l->n_smr = 0;
}

void lisp_etr_smr(struct lisp *l, const struct prefix *p)
{
	unsigned i;

	if (!(l->roles & LISP_ROLE_ETR))
		return;
	for (i = 0; i < l->n_smr; i++)
		if (prefix_eq(&l->smr_pending[i], p))
			return;
	if (l->n_smr == LISP_SMR_PENDING) {
		l->st.smr_overflow++;
		return;
	}
	l->smr_pending[l->n_smr++] = *p;
	if (!ev_timer_armed(l->smr_timer))
		ev_timer_arm(l->smr_timer, LISP_SMR_DELAY_S * NS_PER_SEC);
}

void lisp_etr_probe(struct lisp *l, const struct lisp_map_request *req, const struct addr *to,
		    uint16_t reply_port)
{
	struct lisp_map_reply rep;
	struct lisp_record rec, *r = &rec;
	struct lisp_locator one;
	struct db_entry *d = NULL;
	struct addr eid = req->records[0].eid.addr, me = *to;
	struct prefix q;
	const struct addr *itr = NULL;
	uint8_t msg[1024];
	ssize_t n;
	unsigned i;

	struct lisp_inst *in;

	if (!req->records[0].eid.has_iid)
		eid.iid = 0;
	me.iid = 0;
	if ((eid.afi != AFI_IPV4 && eid.afi != AFI_IPV6) ||
	    prefix_make(&q, &eid, req->records[0].mask_len) == -1) {
		lisp_drop(l, LISP_DROP_PROBE);
		return;
	}
	if (!(itr = pick_itr_rloc(l, req, true, me.afi))) {
		lisp_drop(l, LISP_DROP_NO_ITR_RLOC);
		return;
	}
	if ((l->roles & LISP_ROLE_ETR) && (in = lisp_inst_of(l, eid.iid)) && in->db_n)
		d = lpm_covering(in->db, &q, NULL);
	if (d) {
		if (!db_record(l, d, &rec))
			return;
		for (i = 0; i < rec.loc_count; i++)
			rec.locs[i].probed = addr_eq(&rec.locs[i].rloc.addr, &me);
	} else if (l->roles & LISP_ROLE_PETR) {
		memset(&rec, 0, sizeof(rec));
		memset(&one, 0, sizeof(one));
		rec.ttl = l->etr_ttl;
		rec.authoritative = true;
		rec.eid.eid.addr = q.addr;
		rec.eid.eid.has_iid = q.addr.iid != 0;
		rec.eid.mask_len = q.len;
		one.priority = 1;
		one.weight = 100;
		one.mpriority = 255;
		one.local = one.reachable = one.probed = true;
		one.rloc.addr = me;
		rec.loc_count = 1;
		rec.locs = &one;
	} else {
		lisp_drop(l, LISP_DROP_PROBE);
		return;
	}
	memset(&rep, 0, sizeof(rep));
	rep.probe = true;
	rep.nonce = req->nonce;
	rep.record_count = 1;
	rep.records = r;
	n = lisp_map_reply_encode(&rep, msg, sizeof(msg));
	if (n >= 0 && lisp_send_udp(l, &me, LISP_CONTROL_PORT, itr, reply_port, msg,
				    (size_t)n) == 0) {
		struct lisp_stats *st = lisp_inst_st(l, eid.iid);

		l->st.probe_reply_out++;
		if (st)
			st->probe_reply_out++;
	}
	if (d)
		free(rec.locs);
}

/* The outer header of a data packet: IPv4 or IPv6. */
struct outer {
	struct addr src, dst;
	uint8_t ttl, tos;
};

static void outer_parse(const uint8_t *ip, struct outer *o)
{
	if (ip[0] >> 4 == 6) {
		addr_set_v6(&o->src, ip + 8);
		addr_set_v6(&o->dst, ip + 24);
		o->ttl = ip[7];
		o->tos = (uint8_t)((ip[0] & 0x0f) << 4 | ip[1] >> 4);
		return;
	}
	addr_set_v4(&o->src, 0);
	addr_set_v4(&o->dst, 0);
	memcpy(&o->src.u.v4, ip + 12, 4);
	memcpy(&o->dst.u.v4, ip + 16, 4);
	o->ttl = ip[8];
	o->tos = ip[1];
}

/*
 * An IPv6 inner packet, checked and rewritten as an IPv4 one is (hop limit
 * the smaller of the two, DSCP and ECN from the outer header, RFC 6040),
 * then into IPv6 input through the interface the outer packet came in on.
 */
static void decap6(struct lisp *l, struct lisp_inst *inst, unsigned vrf, struct iface *in,
		   const struct outer *o, const uint8_t *inner, size_t ilen)
{
	uint8_t *p = l->dbuf, ecn_out = o->tos & 3, ecn_in, tc;
	struct addr dst;
	size_t tot;
	bool ours;

	if (ilen < 40 || (tot = 40 + (size_t)(inner[4] << 8 | inner[5])) > ilen) {
		lisp_drop(l, LISP_DROP_DECAP_INNER);
		return;
	}
	addr_set_v6(&dst, inner + 24);
	dst.iid = inst->iid;
	ours = (l->roles & LISP_ROLE_ETR) && lisp_db_match(l, &dst);
	if (!ours && !(l->roles & LISP_ROLE_PETR)) {
		lisp_drop(l, LISP_DROP_DECAP_NOT_LOCAL);
		return;
	}
	if (!ours && !acl_allows(l, &o->src, inner)) {
		lisp_drop(l, LISP_DROP_PETR_ACL);
		return;
	}
	tc = (uint8_t)((inner[0] & 0x0f) << 4 | inner[1] >> 4);
	ecn_in = tc & 3;
	if (ecn_out == 3 && ecn_in == 0) {
		lisp_drop(l, LISP_DROP_DECAP_ECN);
		return;
	}
	memmove(p, inner, tot);
	if (o->ttl < p[7])
		p[7] = o->ttl;
	tc = (uint8_t)((o->tos & 0xfc) | (ecn_out == 3 ? 3 : ecn_in));
	p[0] = (uint8_t)(0x60 | tc >> 4);
	p[1] = (uint8_t)((tc & 0x0f) << 4 | (p[1] & 0x0f));
	l->st.decap_pkts++;
	l->st.decap_bytes += tot;
	inst->st.decap_pkts++;
	inst->st.decap_bytes += tot;
	if (!ours) {
		l->st.petr_decap_pkts++;
		inst->st.petr_decap_pkts++;
	}
	note_user(l, &o->src);
	ipv6_input_vrf(l->r, in, vrf, p, tot);	/* never the 'in' list of in (acl.h) */
}

void lisp_etr_data(struct lisp *l, struct iface *in, const uint8_t *ip, size_t len, size_t l4)
{
	const uint8_t *udp = ip + l4, *inner;
	size_t ulen = len - l4, ilen, tot;
	unsigned ihl;
	struct lisp_data_hdr h;
	struct outer o;
	struct addr dst;
	enum lisp_err e;
	uint8_t *p = l->dbuf, ecn_out, ecn_in;
	uint16_t sum;
	struct lisp_inst *inst;
	int vrf;
	bool ours;

	outer_parse(ip, &o);
	ecn_out = o.tos & 3;
	if (!lisp_is_local_addr(l, &o.dst)) {
		lisp_drop(l, LISP_DROP_DECAP_NOT_OURS);
		return;
	}
	if (ulen < 8 + LISP_DATA_HDR_LEN + 20) {
		lisp_drop(l, LISP_DROP_DECAP_SHORT);
		return;
	}
	if ((e = lisp_data_hdr_decode(udp + 8, ulen - 8, &h)) != LISP_OK) {
		l->st.malformed[e]++;
		return;
	}
	/* The instance of the header's IID (I=0: instance 0) and the VRF
	 * it is bound to. */
	if (!(inst = lisp_inst_of(l, h.i ? h.iid : 0))) {
		lisp_drop(l, LISP_DROP_DECAP_IID);
		return;
	}
	if ((vrf = lisp_inst_vrf_id(l, inst)) < 0) {
		lisp_drop(l, LISP_DROP_DECAP_IID_NO_VRF);
		return;
	}
	inner = udp + 8 + LISP_DATA_HDR_LEN;
	ilen = ulen - 8 - LISP_DATA_HDR_LEN;
	if (inner[0] >> 4 == 6) {
		decap6(l, inst, (unsigned)vrf, in, &o, inner, ilen);
		return;
	}
	ihl = (inner[0] & 0x0f) * 4u;
	tot = (size_t)(inner[2] << 8 | inner[3]);
	if (inner[0] >> 4 != 4) {
		lisp_drop(l, LISP_DROP_DECAP_VERSION);
		return;
	}
	if (ihl < 20 || ihl > ilen || tot < ihl || tot > ilen ||
	    ipv4_cksum(inner, ihl) != 0) {
		lisp_drop(l, LISP_DROP_DECAP_INNER);
		return;
	}
	addr_set_v4(&dst, 0);
	memcpy(&dst.u.v4, inner + 16, 4);
	dst.iid = inst->iid;
	ours = (l->roles & LISP_ROLE_ETR) && lisp_db_match(l, &dst);
	if (!ours && !(l->roles & LISP_ROLE_PETR)) {
		lisp_drop(l, LISP_DROP_DECAP_NOT_LOCAL);
		return;
	}
	if (!ours && !acl_allows(l, &o.src, inner)) {
		lisp_drop(l, LISP_DROP_PETR_ACL);
		return;
	}
	ecn_in = inner[1] & 3;
	if (ecn_out == 3 && ecn_in == 0) {
		lisp_drop(l, LISP_DROP_DECAP_ECN);
		return;
	}
	memmove(p, inner, tot);
	if (o.ttl < p[8])
		p[8] = o.ttl;
	p[1] = (uint8_t)((o.tos & 0xfc) | (ecn_out == 3 ? 3 : ecn_in));
	p[10] = p[11] = 0;
	sum = ipv4_cksum(p, ihl);
	memcpy(p + 10, &sum, 2);
	l->st.decap_pkts++;
	l->st.decap_bytes += tot;
	inst->st.decap_pkts++;
	inst->st.decap_bytes += tot;
	if (!ours) {
		l->st.petr_decap_pkts++;
		inst->st.petr_decap_pkts++;
	}
	note_user(l, &o.src);
	ipv4_input_vrf(l->r, in, (unsigned)vrf, p, tot);	/* never the 'in' list of in (acl.h) */
}
