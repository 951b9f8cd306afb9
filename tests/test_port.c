/*
 * DOC: unit tests of the packet ports (memory, file, live error paths)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "port.h"
#include "test_tshark.h"

static const uint8_t MAC[6] = { 0x02, 0, 0, 0, 0, 0x42 };
static char dir[64];

static int setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/lispr-test-port-XXXXXX");
	return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void)
{
	char path[128];
	static const char *const files[] = { "a.pcap", "b.pcap" };
	unsigned i;

	for (i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", dir, files[i]);
		unlink(path);
	}
	return rmdir(dir);
}

struct rx {
	int n;
	size_t len[8];
	uint64_t ts[8];
	uint8_t first[8];
};

static void on_rx(void *arg, const uint8_t *f, size_t len, uint64_t ts)
{
	struct rx *rx = arg;

	if (rx->n < 8) {
		rx->len[rx->n] = len;
		rx->ts[rx->n] = ts;
		rx->first[rx->n] = len ? f[0] : 0;
	}
	rx->n++;
}

static void test_mem(void)
{
	struct port *p = port_mem_open("Ethernet0", MAC);
	uint8_t f[100], buf[100];
	struct rx rx;
	uint64_t ts;
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_STRING_EQUAL(p->ops->kind, "memory");
	CU_ASSERT_EQUAL(memcmp(p->mac, MAC, 6), 0);
	CU_ASSERT_EQUAL(port_fd(p), -1);
	CU_ASSERT_EQUAL(port_peek(p, &ts), -1);
	for (i = 0; i < 3; i++) {
		memset(f, i + 1, sizeof(f));
		CU_ASSERT_EQUAL(port_mem_push(p, f, 60 + (size_t)i, 100u * (unsigned)i + 5), 0);
	}
	CU_ASSERT_EQUAL(port_peek(p, &ts), 0);
	CU_ASSERT_EQUAL(ts, 5);
	memset(&rx, 0, sizeof(rx));
	CU_ASSERT_EQUAL(port_recv(p, 2, on_rx, &rx), 2);
	CU_ASSERT_EQUAL(port_recv(p, 2, on_rx, &rx), 1);
	CU_ASSERT_EQUAL(port_recv(p, 2, on_rx, &rx), 0);
	CU_ASSERT_EQUAL(rx.n, 3);
	CU_ASSERT_EQUAL(rx.len[2], 62);
	CU_ASSERT_EQUAL(rx.ts[1], 105);
	CU_ASSERT_EQUAL(rx.first[2], 3);

	CU_ASSERT_EQUAL(port_send(p, f, 80, 77), 0);
	CU_ASSERT_EQUAL(port_send(p, f, 20, 78), 0);
	CU_ASSERT_EQUAL(port_mem_out_count(p), 2);
	CU_ASSERT_EQUAL(port_mem_pop(p, buf, 10, &ts), 80);	/* truncated copy */
	CU_ASSERT_EQUAL(ts, 77);
	CU_ASSERT_EQUAL(buf[0], 3);
	port_mem_flush(p);
	CU_ASSERT_EQUAL(port_mem_pop(p, buf, sizeof(buf), NULL), -1);
	port_close(p);
}

static void test_file_roundtrip(void)
{
	char path[128], err[256];
	struct port *w, *r;
	uint8_t f[1500];
	struct rx rx;
	uint64_t ts;
	int i;

	snprintf(path, sizeof(path), "%s/a.pcap", dir);
	w = port_file_open("Ethernet0", NULL, path, MAC, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(w);
	CU_ASSERT_STRING_EQUAL(w->ops->kind, "file");
	CU_ASSERT_EQUAL(port_peek(w, &ts), -1);
	for (i = 0; i < 5; i++) {
		memset(f, 0x10 + i, sizeof(f));
		CU_ASSERT_EQUAL(port_send(w, f, 60 + 100 * (size_t)i,
					  1700000000ull * 1000000000ull + 123456789ull * (unsigned)i), 0);
	}
	CU_ASSERT_EQUAL(port_file_sent(w), 5);
	port_close(w);

	r = port_file_open("Ethernet0", path, NULL, MAC, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	CU_ASSERT_EQUAL(port_peek(r, &ts), 0);
	CU_ASSERT_EQUAL(ts, 1700000000ull * 1000000000ull);
	CU_ASSERT_EQUAL(port_peek(r, &ts), 0);		/* peeking takes nothing */
	memset(&rx, 0, sizeof(rx));
	CU_ASSERT_EQUAL(port_recv(r, 2, on_rx, &rx), 2);
	CU_ASSERT_EQUAL(port_recv(r, 10, on_rx, &rx), 3);
	CU_ASSERT_EQUAL(port_recv(r, 10, on_rx, &rx), -1);
	CU_ASSERT_EQUAL(port_peek(r, &ts), -1);
	CU_ASSERT_EQUAL(rx.n, 5);
	CU_ASSERT_EQUAL(rx.len[4], 460);
	CU_ASSERT_EQUAL(rx.first[3], 0x13);
	CU_ASSERT_EQUAL(rx.ts[4], 1700000000ull * 1000000000ull + 4 * 123456789ull);
	port_close(r);
}

static void test_file_errors(void)
{
	char err[256];
	struct ts_run t;

	err[0] = '\0';
	CU_ASSERT_PTR_NULL(port_file_open("x", "/nonexistent/in.pcap", NULL, MAC, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "/nonexistent/in.pcap"));
	CU_ASSERT_PTR_NULL(port_file_open("x", NULL, "/nonexistent/out.pcap", MAC, err, sizeof(err)));
	/* A capture that is not Ethernet. */
	ts_create(&t, DLT_RAW);
	ts_flush(&t);
	CU_ASSERT_PTR_NULL(port_file_open("x", t.path, NULL, MAC, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, "not an Ethernet capture"));
	ts_close(&t);
}

static void test_live_errors(void)
{
	char name[32], err[256];

	/* A name no interface has: the open fails cleanly with a reason. */
	snprintf(name, sizeof(name), "lisprt%dnx", (int)getpid() % 100000);
	err[0] = '\0';
	CU_ASSERT_PTR_NULL(port_live_open(name, err, sizeof(err)));
	CU_ASSERT_PTR_NOT_NULL(strstr(err, name));
}

/* A capture written byte by byte: classic pcap in either byte order and
 * precision, or pcapng (read through libpcap). */
struct fbuf {
	uint8_t b[1024];
	size_t n;
	bool be;
};

static void w32(struct fbuf *f, uint32_t v)
{
	int i;

	for (i = 0; i < 4; i++)
		f->b[f->n++] = (uint8_t)(f->be ? v >> (24 - 8 * i) : v >> (8 * i));
}

static void w16(struct fbuf *f, uint16_t v)
{
	f->b[f->n++] = (uint8_t)(f->be ? v >> 8 : v);
	f->b[f->n++] = (uint8_t)(f->be ? v : v >> 8);
}

static void wbytes(struct fbuf *f, uint8_t c, size_t n)
{
	memset(f->b + f->n, c, n);
	f->n += n;
}

static void classic(struct fbuf *f, bool be, bool nano)
{
	f->n = 0;
	f->be = be;
	w32(f, nano ? 0xa1b23c4d : 0xa1b2c3d4);
	w16(f, 2);
	w16(f, 4);
	w32(f, 0);
	w32(f, 0);
	w32(f, 65535);
	w32(f, 1);
	/* two frames: 60 bytes at 10.000002(000), 70 bytes at 11.5 s */
	w32(f, 10);
	w32(f, nano ? 2000 : 2);
	w32(f, 60);
	w32(f, 60);
	wbytes(f, 0xa1, 60);
	w32(f, 11);
	w32(f, nano ? 500000000 : 500000);
	w32(f, 70);
	w32(f, 70);
	wbytes(f, 0xa2, 70);
}

static void pcapng(struct fbuf *f)
{
	f->n = 0;
	f->be = false;
	w32(f, 0x0a0d0d0a); w32(f, 28); w32(f, 0x1a2b3c4d);
	w16(f, 1); w16(f, 0); w32(f, 0xffffffff); w32(f, 0xffffffff); w32(f, 28);
	w32(f, 1); w32(f, 20); w16(f, 1); w16(f, 0); w32(f, 0); w32(f, 20);
	/* enhanced packet block, microsecond timestamps: 10.000002 s */
	w32(f, 6); w32(f, 32 + 60); w32(f, 0);
	w32(f, 0); w32(f, 10000002);
	w32(f, 60); w32(f, 60);
	wbytes(f, 0xa1, 60);
	w32(f, 32 + 60);
}

static void check_file(const struct fbuf *fb, int want, size_t cut)
{
	char path[128], err[256];
	struct port *p;
	struct rx rx;
	FILE *fp;

	snprintf(path, sizeof(path), "%s/b.pcap", dir);
	fp = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(fwrite(fb->b, 1, fb->n - cut, fp), fb->n - cut);
	fclose(fp);
	p = port_file_open("x", path, NULL, MAC, err, sizeof(err));
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	memset(&rx, 0, sizeof(rx));
	while (port_recv(p, 8, on_rx, &rx) > 0)
		;
	CU_ASSERT_EQUAL(rx.n, want);
	CU_ASSERT_EQUAL(rx.len[0], 60);
	CU_ASSERT_EQUAL(rx.first[0], 0xa1);
	CU_ASSERT_EQUAL(rx.ts[0], 10000002000ull);
	if (want > 1) {
		CU_ASSERT_EQUAL(rx.len[1], 70);
		CU_ASSERT_EQUAL(rx.ts[1], 11500000000ull);
	}
	port_close(p);
}

static void test_file_formats(void)
{
	struct fbuf fb;
	int be, nano;

	for (be = 0; be < 2; be++)
		for (nano = 0; nano < 2; nano++) {
			classic(&fb, be, nano);
			check_file(&fb, 2, 0);
			check_file(&fb, 1, 1);	/* cut short: the whole frame is dropped */
		}
	pcapng(&fb);
	check_file(&fb, 1, 0);
}

/* A port of the test's own that queues inside a batch, as the live port
 * does, and records its flushes. */
struct qport {
	struct port port;	/* first */
	int queued, flushed, flushes;
};

static int q_send(struct port *p, const uint8_t *f, size_t len, uint64_t ts)
{
	struct qport *q = (struct qport *)p;

	(void)f;
	(void)len;
	(void)ts;
	if (!port_batching()) {
		q->flushed++;
		return 0;
	}
	q->queued++;
	port_batch_mark(p);
	return 0;
}

static void q_flush(struct port *p)
{
	struct qport *q = (struct qport *)p;

	q->flushes++;
	q->flushed += q->queued;
	q->queued = 0;
}

static const struct port_ops q_ops = { .kind = "queue", .send = q_send, .flush = q_flush };

static void test_batch(void)
{
	struct qport a, b, c;
	uint8_t f[60];

	memset(f, 0, sizeof(f));
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&c, 0, sizeof(c));
	a.port.ops = b.port.ops = c.port.ops = &q_ops;

	/* Outside a batch every frame leaves at once. */
	CU_ASSERT_FALSE(port_batching());
	port_send(&a.port, f, sizeof(f), 0);
	CU_ASSERT_EQUAL(a.flushed, 1);
	CU_ASSERT_EQUAL(a.flushes, 0);

	/* Inside (nested), frames wait until the outermost end; each port
	 * is flushed once however many frames it queued. */
	port_batch_begin();
	port_batch_begin();
	CU_ASSERT_TRUE(port_batching());
	port_send(&a.port, f, sizeof(f), 0);
	port_send(&a.port, f, sizeof(f), 0);
	port_send(&b.port, f, sizeof(f), 0);
	port_send(&c.port, f, sizeof(f), 0);
	port_batch_end();
	CU_ASSERT_EQUAL(a.flushed, 1);
	CU_ASSERT_EQUAL(b.flushed, 0);
	/* A port taken off the list (closed, detached) is not flushed. */
	port_batch_forget(&c.port);
	CU_ASSERT_FALSE(c.port.batch_queued[0]);
	port_batch_end();
	CU_ASSERT_FALSE(port_batching());
	CU_ASSERT_EQUAL(a.flushed, 3);
	CU_ASSERT_EQUAL(a.flushes, 1);
	CU_ASSERT_EQUAL(b.flushed, 1);
	CU_ASSERT_EQUAL(b.flushes, 1);
	CU_ASSERT_EQUAL(c.flushes, 0);
	CU_ASSERT_FALSE(a.port.batch_queued[0]);
	CU_ASSERT_PTR_NULL(a.port.batch_next[0]);

	/* An unmatched end does nothing; the next batch starts empty. */
	port_batch_end();
	port_batch_begin();
	port_batch_end();
	CU_ASSERT_EQUAL(a.flushes, 1);
	CU_ASSERT_EQUAL(b.flushes, 1);
}

/* Lane 1 (a receive worker's) on another thread, while this thread's
 * lane-0 batch holds the same port: each thread's list is its own. */
static void *lane1_batch(void *arg)
{
	struct qport *a = arg;
	uint8_t f[60];

	memset(f, 0, sizeof(f));
	port_set_lane(1);
	if (port_lane() != 1)
		return NULL;
	port_batch_begin();
	port_send(&a->port, f, sizeof(f), 0);
	if (!a->port.batch_queued[1])
		return NULL;
	port_batch_end();
	return a->port.batch_queued[1] || a->port.batch_next[1] ? NULL : arg;
}

static void test_batch_lanes(void)
{
	struct qport a, b;
	pthread_t t;
	void *res = NULL;
	uint8_t f[60];

	memset(f, 0, sizeof(f));
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	a.port.ops = b.port.ops = &q_ops;
	CU_ASSERT_EQUAL(port_lane(), 0);
	port_batch_begin();
	port_send(&b.port, f, sizeof(f), 0);
	port_send(&a.port, f, sizeof(f), 0);
	CU_ASSERT_TRUE(a.port.batch_queued[0]);
	/* The other thread queues a in lane 1 and flushes it: a flush of
	 * its own, and this thread's list (a then b) is untouched. */
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, lane1_batch, &a), 0);
	pthread_join(t, &res);
	CU_ASSERT_PTR_EQUAL(res, &a);
	CU_ASSERT_EQUAL(a.flushes, 1);
	CU_ASSERT_TRUE(a.port.batch_queued[0]);
	CU_ASSERT_PTR_EQUAL(a.port.batch_next[0], &b.port);
	port_batch_end();
	CU_ASSERT_EQUAL(a.flushes, 2);
	CU_ASSERT_EQUAL(b.flushes, 1);
	CU_ASSERT_FALSE(a.port.batch_queued[0]);
	/* Out of range: lane 0. */
	port_set_lane(PORT_QUEUES);
	CU_ASSERT_EQUAL(port_lane(), 0);
}

static CU_TestInfo tests[] = {
	{ "send batches: nesting, one flush per port, forget", test_batch },
	{ "send batches: one list per lane and thread", test_batch_lanes },
	{ "memory port", test_mem },
	{ "file port round trip", test_file_roundtrip },
	{ "file port errors", test_file_errors },
	{ "file formats: byte order, precision, pcapng", test_file_formats },
	{ "live port errors", test_live_errors },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "port", setup, teardown, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
