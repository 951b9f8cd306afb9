/*
 * DOC: traffic source and sink for the live forwarding benchmark
 *
 *   bench_forward_live_traffic send -i IF -d ROUTERMAC -r PPS -t SECONDS
 *       [-l LEN] [-g TAG] [-s SRCIP] [-a DSTIP] [-b BATCH]
 *   bench_forward_live_traffic count -i IF -a IP -m MAC -g TAG -t SECONDS
 *       [-T TTL] [-q QUIET_MS]
 *
 * send writes UDP frames of LEN bytes (without FCS) to the router's MAC on
 * a raw AF_PACKET socket, BATCH frames per sendmmsg, paced against the
 * monotonic clock so the offered rate is PPS on average (0: as fast as it
 * can).  Each frame carries a magic word, the run TAG and a sequence
 * number.  The socket has protocol 0, so it receives nothing.
 *
 * count reads a TPACKET_V3 receive ring on IF, answers ARP for IP with MAC
 * (a MAC the interface does not have, so the kernel of the counter's
 * namespace drops the frames at once instead of routing them), and counts
 * frames of run TAG by TTL.  It stops SECONDS after start, or QUIET_MS after
 * the last frame of the run once one was seen.  Both print one line of
 * key=value figures for the driver script.
 *
 * -P selects other payloads, for the live LISP benchmarks
 * (bench/bench_lisp_live.sh):
 *   send -P mapreq [-n N] [-N]: Encapsulated Map-Requests (lisp_ecm_encode
 *       around lisp_map_request_encode) from SRCIP, which is also the
 *       ITR-RLOC, to the resolver DSTIP; each asks for one EID, a host in
 *       the /24 number (hash(seq) mod N) from 100.0.0.0 (with -L 32: the
 *       /32 number, 100.0.0.0 + hash(seq) mod N), or with -N a host
 *       of 20.0.0.0/8 (outside the registry), with the nonce TAG << 40 | seq;
 *   send -P register [-n N] -k KEY: Map-Registers of 32 records (/24 EID
 *       prefixes from 100.0.0.0, or with -L 32 consecutive /32s, locator
 *       SRCIP) for N prefixes, HMAC-SHA-256
 *       signed before the clock starts, proxy-reply and want-map-notify,
 *       nonce TAG << 40 | message number; each message is sent once;
 *   count -P lisp: LISP data to the RLOC IP (UDP 4341, good outer
 *       checksum, outer TTL TTL) around the frames send writes, checked as
 *       above;
 *   count -P mapreply [-n N] [-N]: Map-Replies to IP whose nonce is one of
 *       run TAG's and whose record is the answer expected for that nonce's
 *       EID (its /24, or /32 with -L 32, with IP, which registered it, as
 *       the locator; with -N
 *       a negative Natively-Forward prefix covering it); a repeated nonce
 *       counts as dup;
 *   count -P notify -k KEY: Map-Notifies of run TAG that verify with KEY.
 * The sender prints t0 and the counter first and last (CLOCK_MONOTONIC,
 * ns) so the driver can time a registration from first send to last notify.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "addr.h"
#include "lisp_msg.h"

#define MAGIC		0x4c524231u	/* "LRB1" */
#define MAXBATCH	256
#define FRAME_MIN	60
#define FRAME_MAX	1514
#define UDP_DPORT	9

#define BLOCK_SIZE	(1u << 20)
#define BLOCK_NR	32
#define FRAME_SIZE	2048

#define EID_BASE	0x64000000u	/* 100.0.0.0: bench_lisp_live's site */
#define EID_NEG		0x14000000u	/* 20.0.0.0/8: outside it */
#define ITR_PORT	61000
#define REG_RECORDS	32

enum kind { K_UDP, K_LISP, K_MAPREQ, K_MAPREPLY, K_REGISTER, K_NOTIFY };

struct opts {
	const char *ifname;
	uint8_t peer_mac[6], my_mac[6];
	bool have_mac;
	double rate, secs;
	unsigned len, batch, ttl, quiet_ms;
	uint32_t tag, src, dst;
	enum kind kind;
	uint32_t npfx;
	unsigned plen;		/* -L: the registry's EID prefix length, 24 or 32 */
	bool negative;
	const char *key;
	unsigned flows;		/* -F: UDP source ports 40000.. in turn */
};

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int parse_mac(const char *s, uint8_t mac[6])
{
	unsigned v[6];
	int i;

	if (sscanf(s, "%x:%x:%x:%x:%x:%x", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5]) != 6)
		return -1;
	for (i = 0; i < 6; i++) {
		if (v[i] > 255)
			return -1;
		mac[i] = (uint8_t)v[i];
	}
	return 0;
}

static uint16_t cksum(const uint8_t *p, size_t n)
{
	uint32_t s = 0;
	size_t i;

	for (i = 0; i + 1 < n; i += 2)
		s += (uint32_t)p[i] << 8 | p[i + 1];
	if (n & 1)
		s += (uint32_t)p[n - 1] << 8;
	while (s >> 16)
		s = (s & 0xffff) + (s >> 16);
	return (uint16_t)~s;
}

static void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static void put32(uint8_t *p, uint32_t v) { put16(p, (uint16_t)(v >> 16)); put16(p + 2, (uint16_t)v); }
static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* A raw packet socket bound to ifname; proto 0 receives nothing. */
static int open_packet(const char *ifname, uint16_t proto, uint8_t mac[6], int *ifindex)
{
	struct sockaddr_ll sll;
	struct ifreq ifr;
	int fd = socket(AF_PACKET, SOCK_RAW, htons(proto));

	if (fd == -1) {
		perror("socket(AF_PACKET)");
		return -1;
	}
	memset(&ifr, 0, sizeof(ifr));
	snprintf(ifr.ifr_name, sizeof(ifr.ifr_name), "%s", ifname);
	if (ioctl(fd, SIOCGIFINDEX, &ifr) == -1) {
		fprintf(stderr, "%s: %s\n", ifname, strerror(errno));
		close(fd);
		return -1;
	}
	*ifindex = ifr.ifr_ifindex;
	if (ioctl(fd, SIOCGIFHWADDR, &ifr) == -1) {
		fprintf(stderr, "%s: %s\n", ifname, strerror(errno));
		close(fd);
		return -1;
	}
	memcpy(mac, ifr.ifr_hwaddr.sa_data, 6);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_protocol = htons(proto);
	sll.sll_ifindex = *ifindex;
	if (bind(fd, (struct sockaddr *)&sll, sizeof(sll)) == -1) {
		perror("bind");
		close(fd);
		return -1;
	}
	return fd;
}

static void build_frame(uint8_t *f, const struct opts *o, const uint8_t src_mac[6])
{
	uint8_t *ip = f + 14, *udp = ip + 20;
	unsigned iplen = o->len - 14;

	memset(f, 0, o->len);
	memcpy(f, o->peer_mac, 6);
	memcpy(f + 6, src_mac, 6);
	put16(f + 12, ETHERTYPE_IP);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)iplen);
	ip[6] = 0x40;			/* DF */
	ip[8] = 64;
	ip[9] = 17;
	memcpy(ip + 12, &o->src, 4);
	memcpy(ip + 16, &o->dst, 4);
	put16(ip + 10, cksum(ip, 20));
	put16(udp, 40000);
	put16(udp + 2, UDP_DPORT);
	put16(udp + 4, (uint16_t)(iplen - 20));
	/* UDP checksum 0: none, so the sequence number can change freely. */
	put32(udp + 8, MAGIC);
	put32(udp + 12, o->tag);
}

/* Ethernet, IPv4 and UDP headers (checksum 0) for plen bytes at f + 42. */
static size_t ip_udp(uint8_t *f, const struct opts *o, const uint8_t src_mac[6],
		     uint16_t sport, uint16_t dport, size_t plen)
{
	uint8_t *ip = f + 14, *udp = ip + 20;

	memcpy(f, o->peer_mac, 6);
	memcpy(f + 6, src_mac, 6);
	put16(f + 12, ETHERTYPE_IP);
	memset(ip, 0, 28);
	ip[0] = 0x45;
	put16(ip + 2, (uint16_t)(28 + plen));
	ip[8] = 64;
	ip[9] = 17;
	memcpy(ip + 12, &o->src, 4);
	memcpy(ip + 16, &o->dst, 4);
	put16(ip + 10, cksum(ip, 20));
	put16(udp, sport);
	put16(udp + 2, dport);
	put16(udp + 4, (uint16_t)(8 + plen));
	return 42 + plen;
}

static uint64_t mix64(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

/* The EID (host order) that request seq asks for: sender and counter agree. */
static uint32_t req_eid(const struct opts *o, uint64_t seq)
{
	uint64_t h = mix64(seq ^ (uint64_t)o->tag << 40);

	if (o->negative)
		return EID_NEG | (uint32_t)(h & 0xffffff);
	if (o->plen == 32)
		return EID_BASE + (uint32_t)((h >> 8) % o->npfx);
	return EID_BASE + ((uint32_t)((h >> 8) % o->npfx) << 8) + 1 + (uint32_t)(h % 254);
}

static uint64_t nonce_of(const struct opts *o, uint64_t seq)
{
	return (uint64_t)(o->tag & 0xffffff) << 40 | (seq & 0xffffffffffull);
}

static ssize_t build_mapreq(uint8_t *f, const struct opts *o, const uint8_t src_mac[6],
			    uint64_t seq)
{
	struct lisp_map_request q;
	struct lisp_eid eid;
	struct lisp_ecm ecm;
	uint8_t msg[256];
	ssize_t n;

	memset(&q, 0, sizeof(q));
	memset(&eid, 0, sizeof(eid));
	q.nonce = nonce_of(o, seq);
	addr_set_v4(&q.source_eid.addr, o->src);
	q.itr_rloc_count = 1;
	addr_set_v4(&q.itr_rlocs[0].addr, o->src);
	q.record_count = 1;
	addr_set_v4(&eid.eid.addr, htonl(req_eid(o, seq)));
	eid.mask_len = 32;
	q.records = &eid;
	if ((n = lisp_map_request_encode(&q, msg, sizeof(msg))) < 0)
		return -1;
	memset(&ecm, 0, sizeof(ecm));
	addr_set_v4(&ecm.inner_src, o->src);
	ecm.inner_dst = eid.eid.addr;
	ecm.inner_ttl = 64;
	ecm.inner_sport = ITR_PORT;
	ecm.inner_dport = LISP_CONTROL_PORT;
	ecm.payload = msg;
	ecm.payload_len = (size_t)n;
	if ((n = lisp_ecm_encode(&ecm, f + 42, FRAME_MAX - 42)) < 0)
		return -1;
	return (ssize_t)ip_udp(f, o, src_mac, ITR_PORT, LISP_CONTROL_PORT, (size_t)n);
}

/* Every Map-Register of the run, signed, one frame per FRAME_MAX bytes. */
static uint8_t *build_registers(const struct opts *o, const uint8_t src_mac[6], size_t *nmsg,
				size_t **lens)
{
	struct lisp_map_register reg;
	struct lisp_record recs[REG_RECORDS];
	struct lisp_locator loc;
	size_t i, j, n = (o->npfx + REG_RECORDS - 1) / REG_RECORDS;
	uint8_t *pool = calloc(n, FRAME_MAX);
	ssize_t len;

	*lens = calloc(n, sizeof(**lens));
	if (!pool || !*lens)
		goto bad;
	memset(&loc, 0, sizeof(loc));
	addr_set_v4(&loc.rloc.addr, o->src);
	loc.priority = 1;
	loc.weight = 100;
	loc.local = loc.reachable = true;
	for (i = 0; i < n; i++) {
		memset(&reg, 0, sizeof(reg));
		reg.type = LISP_MAP_REGISTER;
		reg.proxy_reply = true;
		reg.want_map_notify = true;
		reg.nonce = nonce_of(o, i);
		reg.alg_id = LISP_AUTH_HMAC_SHA256;
		reg.records = recs;
		for (j = 0; j < REG_RECORDS && i * REG_RECORDS + j < o->npfx; j++) {
			memset(&recs[j], 0, sizeof(recs[j]));
			recs[j].ttl = 1440;
			recs[j].authoritative = true;
			addr_set_v4(&recs[j].eid.eid.addr,
				    htonl(EID_BASE + ((uint32_t)(i * REG_RECORDS + j) <<
						      (32 - o->plen))));
			recs[j].eid.mask_len = (uint8_t)o->plen;
			recs[j].loc_count = 1;
			recs[j].locs = &loc;
		}
		reg.record_count = (uint8_t)j;
		len = lisp_map_register_encode(&reg, o->key, strlen(o->key),
					       pool + i * FRAME_MAX + 42, FRAME_MAX - 42);
		if (len < 0)
			goto bad;
		(*lens)[i] = ip_udp(pool + i * FRAME_MAX, o, src_mac, LISP_CONTROL_PORT,
				    LISP_CONTROL_PORT, (size_t)len);
	}
	*nmsg = n;
	return pool;
bad:
	fprintf(stderr, "cannot build the Map-Registers\n");
	free(pool);
	free(*lens);
	*lens = NULL;
	return NULL;
}

static int do_send(const struct opts *o)
{
	uint8_t (*frames)[FRAME_MAX] = calloc(MAXBATCH, FRAME_MAX);
	struct mmsghdr msgs[MAXBATCH];
	struct iovec iov[MAXBATCH];
	uint8_t mac[6];
	uint64_t t0, t, end, due, sent = 0, tries = 0, errors = 0, seq = 0, calls = 0;
	uint8_t *pool = NULL;
	size_t *lens = NULL, nmsg = 0;
	unsigned i, n;
	int fd, ifindex, rc;
	ssize_t len;

	if (!frames || (fd = open_packet(o->ifname, 0, mac, &ifindex)) == -1) {
		free(frames);
		return 1;
	}
	if (o->kind == K_REGISTER && !(pool = build_registers(o, mac, &nmsg, &lens))) {
		close(fd);
		free(frames);
		return 1;
	}
	memset(msgs, 0, sizeof(msgs));
	for (i = 0; i < o->batch; i++) {
		build_frame(frames[i], o, mac);
		iov[i].iov_base = frames[i];
		iov[i].iov_len = o->len;
		msgs[i].msg_hdr.msg_iov = &iov[i];
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	prctl(PR_SET_TIMERSLACK, 1000UL);
	t0 = now_ns();
	end = t0 + (uint64_t)(o->secs * 1e9);
	for (;;) {
		t = now_ns();
		if (t >= end)
			break;
		if (o->rate > 0) {
			due = (uint64_t)((double)(t - t0) * o->rate / 1e9) + 1;
			if (due <= tries) {
				/* Ahead of schedule: sleep until the next batch is due. */
				uint64_t next = t0 + (uint64_t)((double)(tries + o->batch) * 1e9 / o->rate);
				struct timespec ts = { (time_t)(next / 1000000000ull),
						       (long)(next % 1000000000ull) };

				if (next > end)
					next = end;
				clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL);
				continue;
			}
			n = due - tries > o->batch ? o->batch : (unsigned)(due - tries);
		} else {
			n = o->batch;
		}
		if (o->kind == K_REGISTER && n > nmsg - seq)
			n = (unsigned)(nmsg - seq);
		if (n == 0)
			break;
		for (i = 0; i < n; i++) {
			uint8_t *p = frames[i] + 14 + 20 + 16;

			if (o->kind == K_MAPREQ) {
				/* Cannot fail: fixed sizes that fit. */
				len = build_mapreq(frames[i], o, mac, seq);
				iov[i].iov_len = len > 0 ? (size_t)len : 0;
			} else if (o->kind == K_REGISTER) {
				iov[i].iov_base = pool + seq * FRAME_MAX;
				iov[i].iov_len = lens[seq];
			} else {
				put32(p, (uint32_t)(seq >> 32));
				put32(p + 4, (uint32_t)seq);
				/* Several flows: the source port (no UDP
				 * checksum to update). */
				if (o->flows > 1)
					put16(frames[i] + 14 + 20, (uint16_t)(40000 + seq % o->flows));
			}
			seq++;
		}
		rc = sendmmsg(fd, msgs, n, 0);
		calls++;
		tries += n;
		if (rc < 0) {
			errors += n;
		} else {
			sent += (unsigned)rc;
			errors += n - (unsigned)rc;
		}
	}
	t = now_ns() - t0;
	printf("sent=%llu errors=%llu secs=%.6f pps=%.0f calls=%llu t0=%llu\n",
	       (unsigned long long)sent, (unsigned long long)errors, (double)t / 1e9,
	       (double)sent * 1e9 / (double)t, (unsigned long long)calls,
	       (unsigned long long)t0);
	close(fd);
	free(frames);
	free(pool);
	free(lens);
	return 0;
}

struct counts {
	uint64_t good, bad_ttl, other, arp_replies, last_seq, reordered;
	uint64_t first_ns, last_ns;
	uint64_t dup, records;
	uint8_t *seen;			/* control runs: a bit per sequence number */
	size_t seen_len;
};

static void answer_arp(int fd, int ifindex, const struct opts *o, const uint8_t *f,
		       unsigned len, struct counts *c)
{
	uint8_t r[42];
	struct sockaddr_ll sll;

	/* Ethernet/IPv4 request for our address. */
	if (len < 42 || f[14] != 0 || f[15] != 1 || f[16] != 8 || f[17] != 0 ||
	    f[18] != 6 || f[19] != 4 || f[20] != 0 || f[21] != 1 ||
	    memcmp(f + 38, &o->dst, 4) != 0)
		return;
	memcpy(r, f + 6, 6);
	memcpy(r + 6, o->my_mac, 6);
	put16(r + 12, ETHERTYPE_ARP);
	memcpy(r + 14, f + 14, 6);
	put16(r + 20, 2);
	memcpy(r + 22, o->my_mac, 6);
	memcpy(r + 28, &o->dst, 4);
	memcpy(r + 32, f + 22, 10);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = ifindex;
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, f + 6, 6);
	if (sendto(fd, r, sizeof(r), 0, (struct sockaddr *)&sll, sizeof(sll)) == sizeof(r))
		c->arp_replies++;
}

/* A frame of the run (IPv4 header at ip, iplen bytes), counted by TTL. */
static void count_data(const struct opts *o, const uint8_t *ip, size_t iplen, struct counts *c)
{
	const uint8_t *udp = ip + 20;
	uint64_t seq;

	if (iplen < 20 + 24 || ip[0] != 0x45 || ip[9] != 17 || get32(udp + 8) != MAGIC ||
	    get32(udp + 12) != o->tag) {
		c->other++;
		return;
	}
	if (ip[8] != o->ttl || cksum(ip, 20) != 0) {
		c->bad_ttl++;
		return;
	}
	seq = (uint64_t)get32(udp + 16) << 32 | get32(udp + 20);
	if (c->good && seq < c->last_seq)
		c->reordered++;
	c->last_seq = seq;
	c->last_ns = now_ns();
	if (!c->good++)
		c->first_ns = c->last_ns;
}

/* LISP data: outer IPv4/UDP to 4341 and the 8-byte LISP header (N and I
 * set) around a frame of the run. */
static void count_lisp(const struct opts *o, const uint8_t *ip, size_t iplen, struct counts *c)
{
	const uint8_t *udp = ip + 20, *lh = udp + 8;

	if (iplen < 20 + 8 + 8 || ip[0] != 0x45 || ip[9] != 17 ||
	    memcmp(ip + 16, &o->dst, 4) != 0 || (udp[2] << 8 | udp[3]) != LISP_DATA_PORT) {
		c->other++;
		return;
	}
	if (ip[8] != o->ttl || cksum(ip, 20) != 0 || (lh[0] & 0x88) != 0x88) {
		c->bad_ttl++;
		return;
	}
	count_data(o, lh + 8, iplen - 36, c);
}

/* Marks seq as answered; false if it already was (or no memory). */
static bool mark_seen(struct counts *c, uint64_t seq)
{
	size_t byte = (size_t)(seq >> 3);

	if (byte >= c->seen_len) {
		size_t n = c->seen_len ? c->seen_len : 1u << 16;
		uint8_t *p;

		while (n <= byte)
			n *= 2;
		if (!(p = realloc(c->seen, n)))
			return false;
		memset(p + c->seen_len, 0, n - c->seen_len);
		c->seen = p;
		c->seen_len = n;
	}
	if (c->seen[byte] & (1u << (seq & 7)))
		return false;
	c->seen[byte] |= (uint8_t)(1u << (seq & 7));
	return true;
}

/* Is rec the answer to the request with sequence number seq? */
static bool reply_ok(const struct opts *o, uint64_t seq, const struct lisp_map_reply *m)
{
	const struct lisp_record *r = &m->records[0];
	uint32_t eid = req_eid(o, seq), p = ntohl(r->eid.eid.addr.u.v4);

	if (m->record_count != 1 || r->eid.eid.addr.afi != AFI_IPV4 || r->eid.mask_len > 32)
		return false;
	if (o->negative)
		return r->loc_count == 0 && r->action == LISP_ACT_NATIVE_FWD &&
		       (r->eid.mask_len == 0 || ((eid ^ p) >> (32 - r->eid.mask_len)) == 0);
	return r->loc_count == 1 && r->eid.mask_len == o->plen &&
	       p == (eid & (0xffffffffu << (32 - o->plen))) &&
	       r->locs[0].rloc.addr.afi == AFI_IPV4 && r->locs[0].rloc.addr.u.v4 == o->dst;
}

/* A Map-Reply or Map-Notify to o->dst: nonce of run TAG, and correct. */
static void count_control(const struct opts *o, const uint8_t *ip, size_t iplen,
			  struct counts *c)
{
	unsigned hlen = (ip[0] & 0x0fu) * 4u, ulen;
	const uint8_t *udp = ip + hlen, *msg = udp + 8;
	struct lisp_map_reply rep;
	struct lisp_map_register nt;
	uint64_t nonce;
	size_t mlen;
	bool ok;

	if (iplen < 20 || hlen < 20 || iplen < hlen + 8 || ip[9] != 17 ||
	    memcmp(ip + 16, &o->dst, 4) != 0 || (udp[0] << 8 | udp[1]) != LISP_CONTROL_PORT) {
		c->other++;
		return;
	}
	ulen = (unsigned)(udp[4] << 8 | udp[5]);
	if (ulen < 8 || ulen > iplen - hlen) {
		c->bad_ttl++;
		return;
	}
	mlen = ulen - 8;
	if (o->kind == K_MAPREPLY) {
		if (lisp_map_reply_decode(msg, mlen, &rep) != LISP_OK) {
			lisp_map_reply_free(&rep);
			c->bad_ttl++;
			return;
		}
		nonce = rep.nonce;
		ok = nonce >> 40 != (o->tag & 0xffffff) || reply_ok(o, nonce & 0xffffffffffull, &rep);
		lisp_map_reply_free(&rep);
	} else {
		if (lisp_map_register_decode(msg, mlen, &nt) != LISP_OK) {
			lisp_map_register_free(&nt);
			c->bad_ttl++;
			return;
		}
		nonce = nt.nonce;
		ok = nt.type == LISP_MAP_NOTIFY &&
		     lisp_auth_verify(msg, mlen, o->key, strlen(o->key)) == LISP_OK;
		if (ok && nonce >> 40 == (o->tag & 0xffffff))
			c->records += nt.record_count;
		lisp_map_register_free(&nt);
	}
	if (nonce >> 40 != (o->tag & 0xffffff)) {
		c->other++;
		return;
	}
	if (!ok) {
		c->bad_ttl++;
		return;
	}
	if (!mark_seen(c, nonce & 0xffffffffffull)) {
		c->dup++;
		return;
	}
	c->last_ns = now_ns();
	if (!c->good++)
		c->first_ns = c->last_ns;
}

static void count_frame(int fd, int ifindex, const struct opts *o, const uint8_t *f,
			unsigned len, struct counts *c)
{
	if (len >= 14 && f[12] == 0x08 && f[13] == 0x06) {
		answer_arp(fd, ifindex, o, f, len, c);
		return;
	}
	if (len < 14 + 20 || f[12] != 0x08 || f[13] != 0) {
		c->other++;
		return;
	}
	switch (o->kind) {
	case K_LISP:
		count_lisp(o, f + 14, len - 14, c);
		break;
	case K_MAPREPLY:
	case K_NOTIFY:
		count_control(o, f + 14, len - 14, c);
		break;
	default:
		count_data(o, f + 14, len - 14, c);
		break;
	}
}

static int do_count(const struct opts *o)
{
	struct tpacket_req3 req;
	struct tpacket_stats_v3 kst;
	struct counts c;
	socklen_t sl = sizeof(kst);
	uint8_t mac[6], *ring;
	uint64_t t0, t, end, dropped = 0;
	unsigned blk = 0;
	int fd, ifindex, v = TPACKET_V3, one = 1;

	if ((fd = open_packet(o->ifname, ETH_P_ALL, mac, &ifindex)) == -1)
		return 1;
	/* The sender may share the interface: its frames are not ours to read. */
	setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof(one));
	memset(&req, 0, sizeof(req));
	req.tp_block_size = BLOCK_SIZE;
	req.tp_block_nr = BLOCK_NR;
	req.tp_frame_size = FRAME_SIZE;
	req.tp_frame_nr = BLOCK_SIZE / FRAME_SIZE * BLOCK_NR;
	req.tp_retire_blk_tov = 2;	/* ms */
	if (setsockopt(fd, SOL_PACKET, PACKET_VERSION, &v, sizeof(v)) == -1 ||
	    setsockopt(fd, SOL_PACKET, PACKET_RX_RING, &req, sizeof(req)) == -1) {
		perror("PACKET_RX_RING");
		return 1;
	}
	ring = mmap(NULL, (size_t)BLOCK_SIZE * BLOCK_NR, PROT_READ | PROT_WRITE,
		    MAP_SHARED | MAP_LOCKED, fd, 0);
	if (ring == MAP_FAILED)
		ring = mmap(NULL, (size_t)BLOCK_SIZE * BLOCK_NR, PROT_READ | PROT_WRITE,
			    MAP_SHARED, fd, 0);
	if (ring == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	/* Drop the kernel's counts from before the ring existed. */
	getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &kst, &sl);
	memset(&c, 0, sizeof(c));
	t0 = now_ns();
	end = t0 + (uint64_t)(o->secs * 1e9);
	printf("ready\n");
	fflush(stdout);
	for (;;) {
		struct tpacket_block_desc *b =
			(struct tpacket_block_desc *)(void *)(ring + (size_t)blk * BLOCK_SIZE);
		struct pollfd pfd = { fd, POLLIN | POLLERR, 0 };

		t = now_ns();
		if (t >= end)
			break;
		if (c.good && o->quiet_ms && t - c.last_ns > (uint64_t)o->quiet_ms * 1000000ull)
			break;
		if (!(b->hdr.bh1.block_status & TP_STATUS_USER)) {
			poll(&pfd, 1, 10);
			continue;
		}
		{
			struct tpacket3_hdr *h = (struct tpacket3_hdr *)(void *)
				((uint8_t *)b + b->hdr.bh1.offset_to_first_pkt);
			uint32_t i;

			for (i = 0; i < b->hdr.bh1.num_pkts; i++) {
				count_frame(fd, ifindex, o, (uint8_t *)h + h->tp_mac,
					    h->tp_snaplen, &c);
				h = (struct tpacket3_hdr *)(void *)((uint8_t *)h + h->tp_next_offset);
			}
		}
		__atomic_store_n(&b->hdr.bh1.block_status, TP_STATUS_KERNEL, __ATOMIC_RELEASE);
		blk = (blk + 1) % BLOCK_NR;
	}
	sl = sizeof(kst);
	if (getsockopt(fd, SOL_PACKET, PACKET_STATISTICS, &kst, &sl) == 0)
		dropped = kst.tp_drops;
	printf("good=%llu bad=%llu other=%llu ring_drops=%llu reordered=%llu arp_replies=%llu "
	       "span=%.6f dup=%llu records=%llu first=%llu last=%llu\n",
	       (unsigned long long)c.good, (unsigned long long)c.bad_ttl,
	       (unsigned long long)c.other, (unsigned long long)dropped,
	       (unsigned long long)c.reordered, (unsigned long long)c.arp_replies,
	       c.good > 1 ? (double)(c.last_ns - c.first_ns) / 1e9 : 0.0,
	       (unsigned long long)c.dup, (unsigned long long)c.records,
	       (unsigned long long)c.first_ns, (unsigned long long)c.last_ns);
	free(c.seen);
	munmap(ring, (size_t)BLOCK_SIZE * BLOCK_NR);
	close(fd);
	return 0;
}

static int parse_kind(const char *s, bool send, enum kind *k)
{
	static const struct { const char *name; enum kind k; bool send; } kinds[] = {
		{ "udp", K_UDP, true }, { "udp", K_UDP, false }, { "lisp", K_LISP, false },
		{ "mapreq", K_MAPREQ, true }, { "mapreply", K_MAPREPLY, false },
		{ "register", K_REGISTER, true }, { "notify", K_NOTIFY, false },
	};
	size_t i;

	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (kinds[i].send == send && strcmp(kinds[i].name, s) == 0) {
			*k = kinds[i].k;
			return 0;
		}
	return -1;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bench_forward_live_traffic send -i IF -d MAC -r PPS -t S [-l LEN] [-g TAG]\n"
		"           [-s SRCIP] [-a DSTIP] [-b BATCH] [-P udp|mapreq|register] [-n N] [-N]\n"
		"           [-k KEY] [-L 24|32] [-F FLOWS]\n"
		"       bench_forward_live_traffic count -i IF -a IP -m MAC -g TAG -t S [-T TTL]\n"
		"           [-q QUIET_MS] [-P udp|lisp|mapreply|notify] [-n N] [-N] [-k KEY]\n"
		"           [-L 24|32]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct opts o;
	bool send;
	int ch;

	if (argc < 2)
		usage();
	send = strcmp(argv[1], "send") == 0;
	if (!send && strcmp(argv[1], "count") != 0)
		usage();
	memset(&o, 0, sizeof(o));
	o.len = FRAME_MIN;
	o.batch = 32;
	o.ttl = 63;
	o.secs = 5;
	o.quiet_ms = 0;
	o.src = inet_addr("10.0.1.10");
	o.dst = inet_addr("10.0.2.20");
	o.kind = K_UDP;
	o.npfx = 100000;
	o.plen = 24;
	optind = 2;
	while ((ch = getopt(argc, argv, "i:d:m:r:t:l:g:s:a:b:T:q:P:n:Nk:L:F:")) != -1) {
		switch (ch) {
		case 'i': o.ifname = optarg; break;
		case 'd': if (parse_mac(optarg, o.peer_mac)) usage(); break;
		case 'm': if (parse_mac(optarg, o.my_mac)) usage(); o.have_mac = true; break;
		case 'r': o.rate = atof(optarg); break;
		case 't': o.secs = atof(optarg); break;
		case 'l': o.len = (unsigned)atoi(optarg); break;
		case 'g': o.tag = (uint32_t)strtoul(optarg, NULL, 0); break;
		case 's': o.src = inet_addr(optarg); break;
		case 'a': o.dst = inet_addr(optarg); break;
		case 'b': o.batch = (unsigned)atoi(optarg); break;
		case 'T': o.ttl = (unsigned)atoi(optarg); break;
		case 'q': o.quiet_ms = (unsigned)atoi(optarg); break;
		case 'P': if (parse_kind(optarg, send, &o.kind)) usage(); break;
		case 'n': o.npfx = (uint32_t)strtoul(optarg, NULL, 10); break;
		case 'N': o.negative = true; break;
		case 'k': o.key = optarg; break;
		case 'F': o.flows = (unsigned)atoi(optarg); break;
		case 'L': o.plen = (unsigned)atoi(optarg);
			  if (o.plen != 24 && o.plen != 32) usage();
			  break;
		default: usage();
		}
	}
	if (!o.ifname || o.len < FRAME_MIN || o.len > FRAME_MAX || !o.batch ||
	    o.batch > MAXBATCH || o.secs <= 0 || (!send && !o.have_mac) ||
	    o.npfx == 0 || o.npfx > 65536u * 256 ||
	    (!o.key && (o.kind == K_REGISTER || o.kind == K_NOTIFY)))
		usage();
	return send ? do_send(&o) : do_count(&o);
}
