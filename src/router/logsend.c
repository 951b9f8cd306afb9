/*
 * DOC: the router's own syslog sender ('logging host')
 *
 * See logsend.h.  The queue has its own mutex, taken briefly by the log
 * writer (copy in) and by the loop (copy out); the loop builds the IPv4
 * and UDP headers and calls ipv4_output() with the router lock held, as
 * for every packet the router originates.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include "ether.h"
#include "iface.h"
#include "ipv4.h"
#include "log.h"
#include "logsend.h"
#include "router_int.h"

#define LOGSEND_QUEUE	256
#define LOGSEND_MSG_MAX	1024	/* RFC 3164 4.1: 1024 bytes at most */

struct ls_msg {
	uint32_t dst;
	uint16_t port;
	uint16_t len;
	uint8_t data[LOGSEND_MSG_MAX];
};

struct logsend {
	struct router *r;
	int efd;
	pthread_mutex_t mtx;
	struct ls_msg q[LOGSEND_QUEUE];
	size_t head, count;
	/* the frame being built: Ethernet headroom, IPv4, UDP, message */
	uint8_t frame[ETHER_HDRLEN + 28 + LOGSEND_MSG_MAX];
};

/* Writer thread: queue and wake the loop; never blocks. */
static bool logsend_xmit(void *arg, uint32_t dst, uint16_t port, const char *msg, size_t len)
{
	struct logsend *ls = arg;
	uint64_t one = 1;
	struct ls_msg *m;

	pthread_mutex_lock(&ls->mtx);
	if (ls->count == LOGSEND_QUEUE) {
		pthread_mutex_unlock(&ls->mtx);
		return false;
	}
	m = &ls->q[(ls->head + ls->count) % LOGSEND_QUEUE];
	m->dst = dst;
	m->port = port;
	m->len = (uint16_t)(len < LOGSEND_MSG_MAX ? len : LOGSEND_MSG_MAX);
	memcpy(m->data, msg, m->len);
	ls->count++;
	pthread_mutex_unlock(&ls->mtx);
	if (write(ls->efd, &one, sizeof(one)) < 0) {
		/* EAGAIN: the counter is full, so the loop is awake anyway. */
	}
	return true;
}

static uint16_t udp_cksum(const uint8_t *ip, const uint8_t *udp, size_t ulen)
{
	uint32_t sum = 0;
	uint16_t c;

	for (size_t i = 12; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	sum += 17 + (uint32_t)ulen;
	for (size_t i = 0; i + 1 < ulen; i += 2)
		sum += (uint32_t)(udp[i] << 8 | udp[i + 1]);
	if (ulen & 1)
		sum += (uint32_t)udp[ulen - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	c = (uint16_t)~sum;
	return c ? c : 0xffff;
}

/* The source address: 'logging source-interface' if it has one, else the
 * egress interface's (network order); 0 when there is none. */
static uint32_t source_for(struct logsend *ls, uint32_t dst)
{
	struct log_conf c;
	struct iface *ifp;
	struct addr a;
	unsigned len;

	log_get_conf(&c);
	if (c.source_if[0] && (ifp = iface_find(ls->r, c.source_if)) && iface_addr(ifp, &a, &len) &&
	    addr_is_v4(&a))
		return a.u.v4;
	return ipv4_source_for(ls->r, dst);
}

static bool send_one(struct logsend *ls, const struct ls_msg *m)
{
	uint8_t *ip = ls->frame + ETHER_HDRLEN, *udp = ip + 20;
	size_t ulen = 8u + m->len;
	uint32_t src = source_for(ls, m->dst);
	uint16_t c;

	if (!src)
		return false;
	/* Source port 514 as well, like IOS and RFC 3164 4.1's senders. */
	ipv4_build_hdr(ls->r, ip, (uint16_t)(20 + ulen), 64, 17, src, m->dst, false);
	udp[0] = LOG_SYSLOG_PORT >> 8;
	udp[1] = LOG_SYSLOG_PORT & 0xff;
	udp[2] = (uint8_t)(m->port >> 8);
	udp[3] = (uint8_t)m->port;
	udp[4] = (uint8_t)(ulen >> 8);
	udp[5] = (uint8_t)ulen;
	udp[6] = udp[7] = 0;
	memcpy(udp + 8, m->data, m->len);
	c = udp_cksum(ip, udp, ulen);
	udp[6] = (uint8_t)(c >> 8);
	udp[7] = (uint8_t)c;
	return ipv4_output(ls->r, ls->frame, 20 + ulen) == 0;
}

/* 'logging host' is the global table's (IOS's default without 'vrf'). */
static bool send_global(struct logsend *ls, const struct ls_msg *m)
{
	unsigned was = rt_vrf_enter(ls->r, VRF_DEFAULT);
	bool ok = send_one(ls, m);

	ls->r->cur_vrf = was;
	return ok;
}

size_t logsend_drain(struct logsend *ls)
{
	struct ls_msg m;
	size_t n = 0;

	for (;;) {
		pthread_mutex_lock(&ls->mtx);
		if (!ls->count) {
			pthread_mutex_unlock(&ls->mtx);
			break;
		}
		m = ls->q[ls->head];
		ls->head = (ls->head + 1) % LOGSEND_QUEUE;
		ls->count--;
		pthread_mutex_unlock(&ls->mtx);
		log_host_result(m.dst, send_global(ls, &m));
		n++;
	}
	return n;
}

/* The loop: the eventfd fired (router lock held). */
static void logsend_ready(void *arg, int fd)
{
	struct logsend *ls = arg;
	uint64_t v;

	if (read(fd, &v, sizeof(v)) < 0 && errno != EAGAIN)
		return;
	logsend_drain(ls);
}

struct logsend *logsend_new(struct router *r)
{
	struct logsend *ls = calloc(1, sizeof(*ls));

	if (!ls)
		return NULL;
	ls->r = r;
	pthread_mutex_init(&ls->mtx, NULL);
	ls->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
	if (ls->efd < 0 || ev_fd_add(router_loop(r), ls->efd, logsend_ready, ls) == -1) {
		if (ls->efd >= 0)
			close(ls->efd);
		pthread_mutex_destroy(&ls->mtx);
		free(ls);
		return NULL;
	}
	log_set_xmit(logsend_xmit, ls);
	return ls;
}

void logsend_free(struct logsend *ls)
{
	if (!ls)
		return;
	log_set_xmit(NULL, NULL);
	router_lock(ls->r);
	ev_fd_del(router_loop(ls->r), ls->efd);
	router_unlock(ls->r);
	close(ls->efd);
	pthread_mutex_destroy(&ls->mtx);
	free(ls);
}
