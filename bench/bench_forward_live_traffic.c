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

#define MAGIC		0x4c524231u	/* "LRB1" */
#define MAXBATCH	256
#define FRAME_MIN	60
#define FRAME_MAX	1514
#define UDP_DPORT	9

#define BLOCK_SIZE	(1u << 20)
#define BLOCK_NR	32
#define FRAME_SIZE	2048

struct opts {
	const char *ifname;
	uint8_t peer_mac[6], my_mac[6];
	bool have_mac;
	double rate, secs;
	unsigned len, batch, ttl, quiet_ms;
	uint32_t tag, src, dst;
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

static int do_send(const struct opts *o)
{
	uint8_t (*frames)[FRAME_MAX] = calloc(MAXBATCH, FRAME_MAX);
	struct mmsghdr msgs[MAXBATCH];
	struct iovec iov[MAXBATCH];
	uint8_t mac[6];
	uint64_t t0, t, end, due, sent = 0, tries = 0, errors = 0, seq = 0, calls = 0;
	unsigned i, n;
	int fd, ifindex, rc;

	if (!frames || (fd = open_packet(o->ifname, 0, mac, &ifindex)) == -1) {
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
		for (i = 0; i < n; i++) {
			uint8_t *p = frames[i] + 14 + 20 + 16;

			put32(p, (uint32_t)(seq >> 32));
			put32(p + 4, (uint32_t)seq);
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
	printf("sent=%llu errors=%llu secs=%.6f pps=%.0f calls=%llu\n",
	       (unsigned long long)sent, (unsigned long long)errors, (double)t / 1e9,
	       (double)sent * 1e9 / (double)t, (unsigned long long)calls);
	close(fd);
	free(frames);
	return 0;
}

struct counts {
	uint64_t good, bad_ttl, other, arp_replies, last_seq, reordered;
	uint64_t first_ns, last_ns;
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

static void count_frame(int fd, int ifindex, const struct opts *o, const uint8_t *f,
			unsigned len, struct counts *c)
{
	const uint8_t *ip = f + 14, *udp = ip + 20;
	uint64_t seq;

	if (len >= 14 && f[12] == 0x08 && f[13] == 0x06) {
		answer_arp(fd, ifindex, o, f, len, c);
		return;
	}
	if (len < 14 + 20 + 24 || f[12] != 0x08 || f[13] != 0 || ip[0] != 0x45 ||
	    ip[9] != 17 || get32(udp + 8) != MAGIC || get32(udp + 12) != o->tag) {
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

static int do_count(const struct opts *o)
{
	struct tpacket_req3 req;
	struct tpacket_stats_v3 kst;
	struct counts c;
	socklen_t sl = sizeof(kst);
	uint8_t mac[6], *ring;
	uint64_t t0, t, end, dropped = 0;
	unsigned blk = 0;
	int fd, ifindex, v = TPACKET_V3;

	if ((fd = open_packet(o->ifname, ETH_P_ALL, mac, &ifindex)) == -1)
		return 1;
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
	       "span=%.6f\n",
	       (unsigned long long)c.good, (unsigned long long)c.bad_ttl,
	       (unsigned long long)c.other, (unsigned long long)dropped,
	       (unsigned long long)c.reordered, (unsigned long long)c.arp_replies,
	       c.good > 1 ? (double)(c.last_ns - c.first_ns) / 1e9 : 0.0);
	munmap(ring, (size_t)BLOCK_SIZE * BLOCK_NR);
	close(fd);
	return 0;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bench_forward_live_traffic send -i IF -d MAC -r PPS -t S [-l LEN] [-g TAG]\n"
		"           [-s SRCIP] [-a DSTIP] [-b BATCH]\n"
		"       bench_forward_live_traffic count -i IF -a IP -m MAC -g TAG -t S [-T TTL]\n"
		"           [-q QUIET_MS]\n");
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
	optind = 2;
	while ((ch = getopt(argc, argv, "i:d:m:r:t:l:g:s:a:b:T:q:")) != -1) {
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
		default: usage();
		}
	}
	if (!o.ifname || o.len < FRAME_MIN || o.len > FRAME_MAX || !o.batch ||
	    o.batch > MAXBATCH || o.secs <= 0 || (!send && !o.have_mac))
		usage();
	return send ? do_send(&o) : do_count(&o);
}
