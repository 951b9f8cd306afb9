/*
 * DOC: the in-memory port, for unit tests
 *
 * Two FIFOs of copied frames: what the test pushed (received by the router)
 * and what the router sent (popped by the test).  Frames of up to
 * SPARE_CAP bytes are kept for reuse when taken (at most SPARE_MAX per
 * port), so a benchmark that pushes and flushes frames by the million
 * measures the router, not malloc.  A test can also give the
 * port a link (port_mem_set_link) that goes, comes back as another
 * interface and loses its carrier, as a live port's Linux interface does.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "port.h"

#define SPARE_CAP	2048
#define SPARE_MAX	256

struct mem_frame {
	struct mem_frame *next;
	uint64_t ts;
	size_t len, cap;
	uint8_t data[];
};

struct mem_queue {
	struct mem_frame *head, **tail;
	size_t count;
};

struct port_mem {
	struct port port;	/* first: a struct port * is a struct port_mem * */
	struct mem_queue in, out;
	bool refuse;		/* port_mem_refuse(): every send fails */
	struct port_link link;	/* port_mem_set_link() */
	uint8_t link_mac[6];	/* what an attach reads */
	unsigned fail_recv;
	bool refuse_attach;
	bool refuse_promisc;	/* port_mem_refuse_promisc() */
	struct mem_frame *spare;	/* taken frames kept for reuse */
	unsigned nspare;
};

static struct mem_frame *frame_get(struct port_mem *m, size_t len)
{
	struct mem_frame *f;
	size_t cap = len <= SPARE_CAP ? SPARE_CAP : len;

	if (cap == SPARE_CAP && (f = m->spare)) {
		m->spare = f->next;
		m->nspare--;
		return f;
	}
	if ((f = malloc(sizeof(*f) + cap)))
		f->cap = cap;
	return f;
}

static void frame_put(struct port_mem *m, struct mem_frame *f)
{
	if (f->cap == SPARE_CAP && m->nspare < SPARE_MAX) {
		f->next = m->spare;
		m->spare = f;
		m->nspare++;
		return;
	}
	free(f);
}

static void q_init(struct mem_queue *q)
{
	q->head = NULL;
	q->tail = &q->head;
	q->count = 0;
}

static int q_push(struct port_mem *pm, struct mem_queue *q, const uint8_t *f, size_t len,
		  uint64_t ts)
{
	struct mem_frame *m = frame_get(pm, len);

	if (!m)
		return -1;
	m->next = NULL;
	m->ts = ts;
	m->len = len;
	memcpy(m->data, f, len);
	*q->tail = m;
	q->tail = &m->next;
	q->count++;
	return 0;
}

static struct mem_frame *q_pop(struct mem_queue *q)
{
	struct mem_frame *m = q->head;

	if (!m)
		return NULL;
	q->head = m->next;
	if (!q->head)
		q->tail = &q->head;
	q->count--;
	return m;
}

static void q_clear(struct port_mem *pm, struct mem_queue *q)
{
	struct mem_frame *m;

	while ((m = q_pop(q)))
		frame_put(pm, m);
}

static int mem_fd(struct port *p)
{
	return -1;
}

static int mem_recv(struct port *p, int max, port_rx_fn fn, void *arg)
{
	struct port_mem *m = (struct port_mem *)p;
	struct mem_frame *f;
	int n = 0;

	if (p->detached)
		return 0;
	if (m->fail_recv) {
		m->fail_recv--;
		return -1;
	}
	while (n < max && (f = q_pop(&m->in))) {
		fn(arg, f->data, f->len, f->ts);
		frame_put(m, f);
		n++;
	}
	return n;
}

static int mem_peek(struct port *p, uint64_t *ts)
{
	struct port_mem *m = (struct port_mem *)p;

	if (!m->in.head)
		return -1;
	*ts = m->in.head->ts;
	return 0;
}

static int mem_send(struct port *p, const uint8_t *f, size_t len, uint64_t ts)
{
	struct port_mem *m = (struct port_mem *)p;

	if (m->refuse)
		return -1;
	if (p->detached) {
		p->tx_errors++;
		return -1;
	}
	return q_push(m, &m->out, f, len, ts);
}

static int mem_link(struct port *p, struct port_link *st)
{
	*st = ((struct port_mem *)p)->link;
	return 0;
}

static void mem_detach(struct port *p)
{
}

static int mem_attach(struct port *p, char *err, size_t errlen)
{
	struct port_mem *m = (struct port_mem *)p;

	if (!m->link.present || !m->link.up || m->refuse_attach) {
		snprintf(err, errlen, "%s: No such device", p->name);
		return -1;
	}
	p->ifindex = m->link.ifindex;
	memcpy(p->mac, m->link_mac, 6);
	return 0;
}

static void mem_close(struct port *p)
{
	struct port_mem *m = (struct port_mem *)p;
	struct mem_frame *f;

	q_clear(m, &m->in);
	q_clear(m, &m->out);
	while ((f = m->spare)) {
		m->spare = f->next;
		free(f);
	}
	free(m);
}

/* A memory port is given every frame a test pushes, whatever its MAC:
 * promiscuous mode holds unless a test has it refused. */
static int mem_promisc(struct port *p)
{
	return p->promisc && ((struct port_mem *)p)->refuse_promisc ? EPERM : 0;
}

static const struct port_ops mem_ops = {
	.kind = "memory",
	.fd = mem_fd,
	.recv = mem_recv,
	.peek = mem_peek,
	.send = mem_send,
	.close = mem_close,
	.link = mem_link,
	.detach = mem_detach,
	.attach = mem_attach,
	.promisc = mem_promisc,
};

struct port *port_mem_open(const char *name, const uint8_t mac[6])
{
	struct port_mem *m = calloc(1, sizeof(*m));

	if (!m)
		return NULL;
	m->port.ops = &mem_ops;
	snprintf(m->port.name, sizeof(m->port.name), "%s", name);
	memcpy(m->port.mac, mac, 6);
	q_init(&m->in);
	q_init(&m->out);
	return &m->port;
}

int port_mem_push(struct port *p, const uint8_t *frame, size_t len, uint64_t ts)
{
	struct port_mem *m = (struct port_mem *)p;

	if (p->ops != &mem_ops)
		return -1;
	return q_push(m, &m->in, frame, len, ts);
}

void port_mem_refuse(struct port *p, bool on)
{
	if (p->ops == &mem_ops)
		((struct port_mem *)p)->refuse = on;
}

size_t port_mem_out_count(const struct port *p)
{
	const struct port_mem *m = (const struct port_mem *)p;

	return p->ops == &mem_ops ? m->out.count : 0;
}

long port_mem_pop(struct port *p, uint8_t *buf, size_t cap, uint64_t *ts)
{
	struct port_mem *m = (struct port_mem *)p;
	struct mem_frame *f;
	long len;

	if (p->ops != &mem_ops || !(f = q_pop(&m->out)))
		return -1;
	memcpy(buf, f->data, f->len < cap ? f->len : cap);
	if (ts)
		*ts = f->ts;
	len = (long)f->len;
	frame_put(m, f);
	return len;
}

void port_mem_flush(struct port *p)
{
	struct port_mem *m = (struct port_mem *)p;

	if (p->ops == &mem_ops)
		q_clear(m, &m->out);
}

void port_mem_set_link(struct port *p, const struct port_link *st, const uint8_t mac[6])
{
	struct port_mem *m = (struct port_mem *)p;

	if (p->ops != &mem_ops)
		return;
	if (!p->has_link) {
		p->has_link = true;
		p->ifindex = st->ifindex;	/* attached to it since opened */
		memcpy(m->link_mac, p->mac, 6);
	}
	m->link = *st;
	if (mac)
		memcpy(m->link_mac, mac, 6);
}

void port_mem_fail_recv(struct port *p, unsigned n)
{
	if (p->ops == &mem_ops)
		((struct port_mem *)p)->fail_recv = n;
}

void port_mem_refuse_attach(struct port *p, bool on)
{
	if (p->ops == &mem_ops)
		((struct port_mem *)p)->refuse_attach = on;
}

void port_mem_refuse_promisc(struct port *p, bool on)
{
	if (p->ops == &mem_ops)
		((struct port_mem *)p)->refuse_promisc = on;
}
