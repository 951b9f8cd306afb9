/*
 * DOC: the ARP cache and the ARP protocol
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <arpa/inet.h>

#include "buf.h"
#include "ether.h"
#include "log.h"
#include "router_int.h"

#define ARP_BUCKETS	1024
#define ARP_PKTLEN	28
#define ARP_OP_REQUEST	1
#define ARP_OP_REPLY	2

struct arp_pkt {
	struct arp_pkt *next;
	size_t len;
	bool owned;			/* router_set_out_owned() when queued */
	uint8_t data[];
};

struct arp_entry {
	struct arp_entry *next;		/* hash chain */
	struct router *r;
	struct iface *ifp;
	uint32_t ip;
	uint8_t mac[6];
	bool complete;
	unsigned tries;
	uint64_t updated, expires;
	struct evtimer *retry;
	struct arp_pkt *q, **qtail;
	unsigned qn;
};

static unsigned arp_hash(const struct iface *ifp, uint32_t ip)
{
	uint32_t h = ip ^ (uint32_t)((uintptr_t)ifp >> 4);

	h *= 0x9e3779b1u;
	return h >> (32 - 10);	/* ARP_BUCKETS = 2^10 */
}

static void sweep(void *arg);

int arp_init(struct router *r)
{
	r->arp_tab = calloc(ARP_BUCKETS, sizeof(*r->arp_tab));
	r->arp_timeout_s = ARP_TIMEOUT_DEFAULT;
	r->arp_qlen = ARP_QUEUE_DEFAULT;
	r->arp_retries = ARP_RETRIES_DEFAULT;
	r->arp_retry_ms = ARP_RETRY_MS_DEFAULT;
	r->arp_sweep = ev_timer_new(r->ev, sweep, r);
	return r->arp_tab && r->arp_sweep ? 0 : -1;
}

static struct arp_entry *lookup(struct router *r, const struct iface *ifp, uint32_t ip)
{
	struct arp_entry *e;

	for (e = r->arp_tab[arp_hash(ifp, ip)]; e; e = e->next)
		if (e->ip == ip && e->ifp == ifp)
			return e;
	return NULL;
}

static void drop_queue(struct router *r, struct arp_entry *e)
{
	struct arp_pkt *p;

	while ((p = e->q)) {
		e->q = p->next;
		r->st.drops[RT_DROP_ARP_UNRESOLVED]++;
		e->ifp->cnt.out_errors++;
		rt_lost(r, p->owned, RT_DROP_ARP_UNRESOLVED);
		free(p);
	}
	r->arp_pending -= e->qn;
	e->qtail = &e->q;
	e->qn = 0;
}

static void entry_free(struct router *r, struct arp_entry *e)
{
	struct arp_entry **pp;

	for (pp = &r->arp_tab[arp_hash(e->ifp, e->ip)]; *pp; pp = &(*pp)->next)
		if (*pp == e) {
			*pp = e->next;
			break;
		}
	drop_queue(r, e);
	ev_timer_free(e->retry);
	free(e);
	r->arp_n--;
}

void arp_fini(struct router *r)
{
	unsigned i;

	if (r->arp_tab)
		for (i = 0; i < ARP_BUCKETS; i++)
			while (r->arp_tab[i])
				entry_free(r, r->arp_tab[i]);
	free(r->arp_tab);
	r->arp_tab = NULL;
	ev_timer_free(r->arp_sweep);
	r->arp_sweep = NULL;
}

static uint64_t sweep_period(const struct router *r)
{
	const struct iface *ifp;
	uint64_t s = r->arp_timeout_s / 4;

	for (ifp = r->ifaces; ifp; ifp = ifp->next)
		if (ifp->arp_timeout_s && ifp->arp_timeout_s / 4 < s)
			s = ifp->arp_timeout_s / 4;

	if (s < 1)
		s = 1;
	if (s > 60)
		s = 60;
	return s * NS_PER_SEC;
}

static void sweep(void *arg)
{
	struct router *r = arg;
	uint64_t now = ev_now(r->ev);
	struct arp_entry *e, *next;
	char ip[INET_ADDRSTRLEN];
	unsigned i;

	for (i = 0; i < ARP_BUCKETS; i++)
		for (e = r->arp_tab[i]; e; e = next) {
			next = e->next;
			if (e->complete && e->expires <= now) {
				log_debug(DEBUG_ARP, "IP ARP: entry for %s expired",
					  inet_ntop(AF_INET, &e->ip, ip, sizeof(ip)));
				entry_free(r, e);
			}
		}
	if (r->arp_n)
		ev_timer_arm(r->arp_sweep, sweep_period(r));
}

/* 'debug arp' lines in IOS form: "IP ARP: sent req src A M, dst A M IF". */
static void debug_arp(const char *dir, uint16_t op, const uint8_t *sha, uint32_t spa,
		      const uint8_t *tha, uint32_t tpa, const struct iface *ifp)
{
	char sip[INET_ADDRSTRLEN], tip[INET_ADDRSTRLEN], sm[16], tm[16];

	if (!debug_on(DEBUG_ARP))
		return;
	inet_ntop(AF_INET, &spa, sip, sizeof(sip));
	inet_ntop(AF_INET, &tpa, tip, sizeof(tip));
	if (tha)
		log_msg(LOG_DEBUG, "IP ARP: %s %s src %s %s, dst %s %s %s", dir,
			op == ARP_OP_REQUEST ? "req" : "rep", sip, mac_fmt(sha, sm, sizeof(sm)), tip,
			mac_fmt(tha, tm, sizeof(tm)), ifp->name);
	else
		log_msg(LOG_DEBUG, "IP ARP: %s %s src %s %s, dst %s %s", dir,
			op == ARP_OP_REQUEST ? "req" : "rep", sip, mac_fmt(sha, sm, sizeof(sm)), tip, ifp->name);
}

static void send_arp(struct router *r, struct iface *ifp, uint16_t op,
		     const uint8_t *eth_dst, const uint8_t *tha, uint32_t tpa)
{
	uint8_t f[ETHER_HDRLEN + ARP_PKTLEN];
	struct wbuf w;

	debug_arp("sent", op, ifp->mac, ifp->addr, tha, tpa, ifp);

	wbuf_init(&w, f + ETHER_HDRLEN, ARP_PKTLEN);
	wbuf_put_u16(&w, 1);
	wbuf_put_u16(&w, ETHERTYPE_IPV4);
	wbuf_put_u8(&w, 6);
	wbuf_put_u8(&w, 4);
	wbuf_put_u16(&w, op);
	wbuf_put(&w, ifp->mac, 6);
	wbuf_put(&w, &ifp->addr, 4);
	wbuf_put(&w, tha, 6);
	wbuf_put(&w, &tpa, 4);
	ether_send(r, ifp, eth_dst, ETHERTYPE_ARP, f, sizeof(f));
}

static void send_request(struct router *r, struct iface *ifp, uint32_t tpa)
{
	static const uint8_t zero[6];
	bool was = r->out_owned;

	r->st.arp_tx_request++;
	/* The request is the router's: the packet waiting for it is counted
	 * once, when it is lost. */
	r->out_owned = false;
	send_arp(r, ifp, ARP_OP_REQUEST, ether_bcast, zero, tpa);
	r->out_owned = was;
}

void arp_gratuitous(struct router *r, struct iface *ifp)
{
	static const uint8_t zero[6];

	if (!ifp->port || !ifp->has_addr || !iface_is_up(ifp))
		return;
	r->st.arp_tx_gratuitous++;
	send_arp(r, ifp, ARP_OP_REQUEST, ether_bcast, zero, ifp->addr);
}

static void retry(void *arg)
{
	struct arp_entry *e = arg;
	struct router *r = e->r;
	char ip[INET_ADDRSTRLEN];

	if (e->tries >= r->arp_retries) {
		log_debug(DEBUG_ARP, "IP ARP: no reply for %s on %s, giving up",
			  inet_ntop(AF_INET, &e->ip, ip, sizeof(ip)), e->ifp->name);
		entry_free(r, e);
		return;
	}
	e->tries++;
	send_request(r, e->ifp, e->ip);
	ev_timer_arm(e->retry, (uint64_t)r->arp_retry_ms * NS_PER_MS);
}

static struct arp_entry *entry_new(struct router *r, struct iface *ifp, uint32_t ip)
{
	struct arp_entry *e;
	unsigned h = arp_hash(ifp, ip);

	if (r->arp_n >= ARP_CACHE_MAX) {
		char a[INET_ADDRSTRLEN];

		r->st.drops[RT_DROP_ARP_CACHE_FULL]++;
		log_event_rl(&r->st.drops[RT_DROP_ARP_CACHE_FULL], "IP", LOG_WARNING, "ARPCACHEFULL",
			     "ARP cache full (%u entries): no entry for %s on %s", ARP_CACHE_MAX,
			     inet_ntop(AF_INET, &ip, a, sizeof(a)), ifp->name);
		return NULL;
	}
	if (!(e = calloc(1, sizeof(*e))))
		return NULL;
	if (!(e->retry = ev_timer_new(r->ev, retry, e))) {
		free(e);
		return NULL;
	}
	e->r = r;
	e->ifp = ifp;
	e->ip = ip;
	e->qtail = &e->q;
	e->next = r->arp_tab[h];
	r->arp_tab[h] = e;
	r->arp_n++;
	if (!ev_timer_armed(r->arp_sweep))
		ev_timer_arm(r->arp_sweep, sweep_period(r));
	return e;
}

static void entry_update(struct router *r, struct arp_entry *e, const uint8_t mac[6])
{
	struct arp_pkt *p;
	uint64_t now = ev_now(r->ev);

	memcpy(e->mac, mac, 6);
	e->complete = true;
	e->tries = 0;
	e->updated = now;
	e->expires = now + (uint64_t)(e->ifp->arp_timeout_s ? e->ifp->arp_timeout_s :
				      r->arp_timeout_s) * NS_PER_SEC;
	ev_timer_cancel(e->retry);
	while ((p = e->q)) {
		bool was = r->out_owned;

		e->q = p->next;
		/* Its owner hears if the port refuses it now. */
		r->out_owned = p->owned;
		ether_send(r, e->ifp, e->mac, ETHERTYPE_IPV4, p->data, p->len);
		r->out_owned = was;
		free(p);
	}
	r->arp_pending -= e->qn;
	e->qtail = &e->q;
	e->qn = 0;
}

void arp_resolve(struct router *r, struct iface *ifp, uint32_t nh, uint8_t *f, size_t len)
{
	struct arp_entry *e;
	struct arp_pkt *p;

	if (!ifp->port) {		/* a loopback subnet: nobody to reach */
		rt_drop(r, NULL, RT_DROP_ARP_UNRESOLVED);
		rt_lost(r, r->out_owned, RT_DROP_ARP_UNRESOLVED);
		return;
	}
	e = lookup(r, ifp, nh);
	if (e && e->complete) {
		if (e->expires > ev_now(r->ev)) {
			ether_send(r, ifp, e->mac, ETHERTYPE_IPV4, f, len);
			return;
		}
		e->complete = false;	/* aged out: resolve again */
	}
	if (!e && !(e = entry_new(r, ifp, nh))) {
		enum rt_drop why = r->arp_n >= ARP_CACHE_MAX ? RT_DROP_ARP_CACHE_FULL
							      : RT_DROP_ARP_UNRESOLVED;

		if (why == RT_DROP_ARP_UNRESOLVED)	/* entry_new counted a full cache */
			rt_drop(r, NULL, why);
		rt_lost(r, r->out_owned, why);
		ifp->cnt.out_errors++;
		return;
	}
	if (e->qn >= r->arp_qlen || r->arp_pending >= ARP_PENDING_MAX) {
		rt_drop(r, NULL, RT_DROP_ARP_QUEUE_FULL);
		rt_lost(r, r->out_owned, RT_DROP_ARP_QUEUE_FULL);
		ifp->cnt.out_errors++;
		return;
	}
	if (!(p = malloc(sizeof(*p) + len))) {
		rt_drop(r, NULL, RT_DROP_ARP_UNRESOLVED);
		rt_lost(r, r->out_owned, RT_DROP_ARP_UNRESOLVED);
		return;
	}
	p->next = NULL;
	p->len = len;
	p->owned = r->out_owned;
	memcpy(p->data, f, len);
	*e->qtail = p;
	e->qtail = &p->next;
	e->qn++;
	r->arp_pending++;
	if (!ev_timer_armed(e->retry)) {
		e->tries = 0;
		send_request(r, ifp, nh);
		ev_timer_arm(e->retry, (uint64_t)r->arp_retry_ms * NS_PER_MS);
	}
}

void arp_input(struct router *r, struct iface *ifp, const uint8_t *pkt, size_t len)
{
	struct rbuf rb;
	uint16_t htype, ptype, op;
	uint8_t hlen, plen, sha[6], tha[6];
	uint32_t spa, tpa;
	struct arp_entry *e;
	char ip[INET_ADDRSTRLEN];
	bool for_us;

	rbuf_init(&rb, pkt, len);
	if (rbuf_get_u16(&rb, &htype) == -1 || rbuf_get_u16(&rb, &ptype) == -1 ||
	    rbuf_get_u8(&rb, &hlen) == -1 || rbuf_get_u8(&rb, &plen) == -1 ||
	    rbuf_get_u16(&rb, &op) == -1 || rbuf_get(&rb, sha, 6) == -1 ||
	    rbuf_get(&rb, &spa, 4) == -1 || rbuf_get(&rb, tha, 6) == -1 ||
	    rbuf_get(&rb, &tpa, 4) == -1)
		goto bad;
	if (htype != 1 || ptype != ETHERTYPE_IPV4 || hlen != 6 || plen != 4 ||
	    (op != ARP_OP_REQUEST && op != ARP_OP_REPLY) || ether_is_group(sha))
		goto bad;
	if (op == ARP_OP_REQUEST)
		r->st.arp_rx_request++;
	else
		r->st.arp_rx_reply++;
	debug_arp("rcvd", op, sha, spa, NULL, tpa, ifp);

	if (!ifp->has_addr || spa == ifp->addr) {
		if (ifp->has_addr)
			log_ratelimited(&r->st.drops[RT_DROP_ARP_FOREIGN], LOG_WARNING,
					"%s: duplicate address %s sent by another host",
					ifp->name, inet_ntop(AF_INET, &spa, ip, sizeof(ip)));
		rt_drop(r, ifp, RT_DROP_ARP_FOREIGN);
		return;
	}
	for_us = tpa == ifp->addr;
	/* RFC 826 merge: refresh an entry we hold whoever the target is. */
	if ((e = lookup(r, ifp, spa)))
		entry_update(r, e, sha);
	if (!for_us) {
		if (!e)
			rt_drop(r, ifp, RT_DROP_ARP_FOREIGN);
		return;
	}
	if ((spa & ifp->mask) != (ifp->addr & ifp->mask)) {
		rt_drop(r, ifp, RT_DROP_ARP_SUBNET);
		return;
	}
	if (!e && (e = entry_new(r, ifp, spa))) {
		char sm[16];

		log_debug(DEBUG_ARP, "IP ARP: creating entry for IP address: %s, hw: %s",
			  inet_ntop(AF_INET, &spa, ip, sizeof(ip)), mac_fmt(sha, sm, sizeof(sm)));
		entry_update(r, e, sha);
	}
	if (op == ARP_OP_REQUEST) {
		r->st.arp_tx_reply++;
		send_arp(r, ifp, ARP_OP_REPLY, sha, sha, spa);
	}
	return;
bad:
	rt_drop(r, ifp, RT_DROP_ARP_MALFORMED);
}

void arp_flush_iface(struct router *r, const struct iface *ifp)
{
	struct arp_entry *e, *next;
	unsigned i;

	for (i = 0; i < ARP_BUCKETS; i++)
		for (e = r->arp_tab[i]; e; e = next) {
			next = e->next;
			if (e->ifp == ifp)
				entry_free(r, e);
		}
}

void arp_clear(struct router *r)
{
	unsigned i;

	for (i = 0; i < ARP_BUCKETS; i++)
		while (r->arp_tab[i])
			entry_free(r, r->arp_tab[i]);
}

void arp_timeout_changed(struct router *r)
{
	if (ev_timer_armed(r->arp_sweep))
		ev_timer_arm(r->arp_sweep, sweep_period(r));
}

void arp_set_timeout(struct router *r, uint32_t seconds)
{
	r->arp_timeout_s = seconds ? seconds : ARP_TIMEOUT_DEFAULT;
	arp_timeout_changed(r);
}

uint32_t arp_timeout(const struct router *r)
{
	return r->arp_timeout_s;
}

void arp_set_queue_len(struct router *r, unsigned packets)
{
	r->arp_qlen = packets;
}

void arp_set_retries(struct router *r, unsigned retries, uint32_t interval_ms)
{
	r->arp_retries = retries;
	r->arp_retry_ms = interval_ms ? interval_ms : ARP_RETRY_MS_DEFAULT;
}

unsigned arp_queue_len(const struct router *r)
{
	return r->arp_qlen;
}

unsigned arp_retries(const struct router *r, uint32_t *interval_ms)
{
	if (interval_ms)
		*interval_ms = r->arp_retry_ms;
	return r->arp_retries;
}

size_t arp_count(const struct router *r)
{
	return r->arp_n;
}

size_t arp_pending(const struct router *r)
{
	return r->arp_pending;
}

static void fill_info(const struct arp_entry *e, struct arp_info *i)
{
	i->ip = e->ip;
	memcpy(i->mac, e->mac, 6);
	i->complete = e->complete;
	i->ifp = e->ifp;
	i->updated = e->updated;
	i->expires = e->expires;
	i->queued = e->qn;
}

/* Aged out but not swept yet: gone for every reader. */
static bool expired(const struct router *r, const struct arp_entry *e)
{
	return e->complete && e->expires <= ev_now(r->ev);
}

bool arp_get(struct router *r, const struct iface *ifp, uint32_t ip, struct arp_info *out)
{
	struct arp_entry *e = lookup(r, ifp, ip);

	if (!e || expired(r, e))
		return false;
	if (out)
		fill_info(e, out);
	return true;
}

struct sort_item {
	unsigned ifpos;
	uint32_t ip;		/* host order */
	struct arp_info info;
};

static int sort_cmp(const void *a, const void *b)
{
	const struct sort_item *x = a, *y = b;

	if (x->ifpos != y->ifpos)
		return x->ifpos < y->ifpos ? -1 : 1;
	return x->ip < y->ip ? -1 : x->ip > y->ip;
}

int arp_foreach(struct router *r, int (*fn)(const struct arp_info *e, void *arg), void *arg)
{
	struct sort_item *v;
	struct arp_entry *e;
	size_t n = 0, i;
	unsigned b;
	int rc = 0;

	if (!r->arp_n)
		return 0;
	if (!(v = calloc(r->arp_n, sizeof(*v))))
		return -1;
	iface_number(r);
	for (b = 0; b < ARP_BUCKETS; b++)
		for (e = r->arp_tab[b]; e && n < r->arp_n; e = e->next) {
			if (expired(r, e))
				continue;
			v[n].ifpos = e->ifp ? e->ifp->order : UINT_MAX;
			v[n].ip = ntohl(e->ip);
			fill_info(e, &v[n].info);
			n++;
		}
	qsort(v, n, sizeof(*v), sort_cmp);
	for (i = 0; i < n && rc == 0; i++)
		rc = fn(&v[i].info, arg);
	free(v);
	return rc;
}
