/*
 * DOC: unit tests of the event loop and its clock
 */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "event.h"

struct hits {
	struct evloop *l;
	char order[32];
	uint64_t at[32];
	int n;
	struct evtimer *rearm;		/* re-armed by its own callback */
	int rearm_left;
};

static void hit(struct hits *h, char c)
{
	h->order[h->n] = c;
	h->at[h->n] = ev_now(h->l);
	h->n++;
}

static struct hits H;
static void cb_a(void *arg) { hit(arg, 'a'); }
static void cb_b(void *arg) { hit(arg, 'b'); }
static void cb_c(void *arg) { hit(arg, 'c'); }

static void cb_periodic(void *arg)
{
	struct hits *h = arg;

	hit(h, 'p');
	if (--h->rearm_left > 0)
		ev_timer_arm(h->rearm, 10);
}

static void test_manual_clock(void)
{
	struct evloop *l = ev_new(EV_CLOCK_MANUAL);
	struct evtimer *a, *b, *c, *p;
	uint64_t next;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(&H, 0, sizeof(H));
	H.l = l;
	CU_ASSERT_EQUAL(ev_now(l), 0);
	CU_ASSERT_FALSE(ev_next_deadline(l, &next));
	a = ev_timer_new(l, cb_a, &H);
	b = ev_timer_new(l, cb_b, &H);
	c = ev_timer_new(l, cb_c, &H);
	p = ev_timer_new(l, cb_periodic, &H);
	H.rearm = p;
	H.rearm_left = 3;
	ev_timer_arm(a, 300);
	ev_timer_arm(b, 100);
	ev_timer_arm(c, 100);		/* same deadline: arming order */
	ev_timer_arm(p, 250);
	CU_ASSERT_TRUE(ev_next_deadline(l, &next));
	CU_ASSERT_EQUAL(next, 100);
	ev_clock_set(l, 99);
	CU_ASSERT_EQUAL(H.n, 0);
	ev_clock_set(l, 1000);
	/* Each timer sees its own deadline as "now"; the periodic one re-arms
	 * relative to that, so it fires at 250, 260, 270. */
	CU_ASSERT_STRING_EQUAL(H.order, "bcpppa");
	CU_ASSERT_EQUAL(H.at[0], 100);
	CU_ASSERT_EQUAL(H.at[1], 100);
	CU_ASSERT_EQUAL(H.at[2], 250);
	CU_ASSERT_EQUAL(H.at[3], 260);
	CU_ASSERT_EQUAL(H.at[4], 270);
	CU_ASSERT_EQUAL(H.at[5], 300);
	CU_ASSERT_EQUAL(ev_now(l), 1000);
	/* Never backwards; cancel and re-arm. */
	ev_clock_set(l, 500);
	CU_ASSERT_EQUAL(ev_now(l), 1000);
	ev_timer_arm(a, 50);
	ev_timer_arm(b, 60);
	CU_ASSERT_TRUE(ev_timer_armed(a));
	ev_timer_cancel(a);
	CU_ASSERT_FALSE(ev_timer_armed(a));
	ev_timer_arm(b, 10);		/* moves it */
	ev_clock_set(l, 1100);
	CU_ASSERT_EQUAL(H.n, 7);
	CU_ASSERT_EQUAL(H.order[6], 'b');
	CU_ASSERT_EQUAL(H.at[6], 1010);
	ev_timer_arm(c, 5);
	ev_timer_free(c);		/* freeing an armed timer disarms it */
	CU_ASSERT_FALSE(ev_next_deadline(l, &next));
	ev_timer_free(a);
	ev_timer_free(b);
	ev_timer_free(p);
	ev_free(l);
}

static void on_fd(void *arg, int fd)
{
	struct hits *h = arg;
	char buf[16];

	if (read(fd, buf, sizeof(buf)) > 0)
		hit(h, 'f');
}

static void stop_cb(void *arg)
{
	struct hits *h = arg;

	hit(h, 's');
	ev_stop(h->l);
}

static void test_monotonic_loop(void)
{
	struct evloop *l = ev_new(EV_CLOCK_MONOTONIC);
	struct evtimer *t;
	uint64_t t0;
	int fds[2];

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	memset(&H, 0, sizeof(H));
	H.l = l;
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	CU_ASSERT_EQUAL(ev_fd_add(l, fds[0], on_fd, &H), 0);
	CU_ASSERT_EQUAL(write(fds[1], "x", 1), 1);
	CU_ASSERT_EQUAL(ev_run_once(l, 1000), 1);
	CU_ASSERT_STRING_EQUAL(H.order, "f");
	/* A real timerfd timer: 20 ms. */
	t = ev_timer_new(l, stop_cb, &H);
	t0 = ev_now(l);
	ev_timer_arm(t, 20 * NS_PER_MS);
	CU_ASSERT_EQUAL(ev_run(l), 0);
	CU_ASSERT_STRING_EQUAL(H.order, "fs");
	CU_ASSERT_TRUE(H.at[1] - t0 >= 20 * NS_PER_MS);
	CU_ASSERT_TRUE(H.at[1] - t0 < 2000 * NS_PER_MS);
	/* A removed descriptor is not dispatched. */
	ev_fd_del(l, fds[0]);
	CU_ASSERT_EQUAL(write(fds[1], "y", 1), 1);
	CU_ASSERT_EQUAL(ev_run_once(l, 10), 0);
	CU_ASSERT_EQUAL(H.n, 2);
	ev_timer_free(t);
	close(fds[0]);
	close(fds[1]);
	ev_free(l);
}

/* Monotonic clock: a dispatch sees one reading, taken at wakeup, however
 * long its callbacks take; timers run on a new reading; outside a
 * dispatch the clock moves on its own. */
struct tick {
	struct evloop *l;
	uint64_t a, b, armed_at, timer_at;
	struct evtimer *t;
	int timer_runs;
};

static void tick_fd(void *arg, int fd)
{
	struct tick *k = arg;
	char c;

	if (read(fd, &c, 1) != 1)
		return;
	k->a = ev_now(k->l);
	usleep(5000);
	k->b = ev_now(k->l);
	/* Relative to the wakeup reading: already due when the timers run. */
	ev_timer_arm(k->t, 2 * NS_PER_MS);
}

static void tick_timer(void *arg)
{
	struct tick *k = arg;

	k->timer_at = ev_now(k->l);
	k->timer_runs++;
}

static void test_loop_time(void)
{
	struct tick k = { 0 };
	uint64_t before, o1, o2;
	int fds[2];

	k.l = ev_new(EV_CLOCK_MONOTONIC);
	CU_ASSERT_PTR_NOT_NULL_FATAL(k.l);
	CU_ASSERT_PTR_NOT_NULL_FATAL((k.t = ev_timer_new(k.l, tick_timer, &k)));
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	CU_ASSERT_EQUAL(ev_fd_add(k.l, fds[0], tick_fd, &k), 0);
	o1 = ev_now(k.l);
	usleep(2000);
	o2 = ev_now(k.l);
	CU_ASSERT(o2 - o1 >= 2 * NS_PER_MS);
	before = ev_now(k.l);
	CU_ASSERT_EQUAL(write(fds[1], "x", 1), 1);
	CU_ASSERT_EQUAL(ev_run_once(k.l, 1000), 2);
	CU_ASSERT(k.a >= before);
	CU_ASSERT_EQUAL(k.b, k.a);
	CU_ASSERT_EQUAL(k.timer_runs, 1);
	CU_ASSERT(k.timer_at >= k.a + 5 * NS_PER_MS);
	/* After the dispatch, the clock is read again. */
	CU_ASSERT(ev_now(k.l) >= k.timer_at);
	ev_timer_free(k.t);
	close(fds[0]);
	close(fds[1]);
	ev_free(k.l);
}

struct shell {
	struct evloop *l;
	int done;
};

/* A shell thread: takes the lock, changes state, wakes and stops the loop. */
static void *shell_thread(void *arg)
{
	struct shell *s = arg;

	usleep(20000);
	ev_lock(s->l);
	s->done = 1;
	ev_unlock(s->l);
	ev_stop(s->l);
	return NULL;
}

static void test_wakeup_from_thread(void)
{
	struct shell s;
	pthread_t th;

	s.l = ev_new(EV_CLOCK_MONOTONIC);
	s.done = 0;
	CU_ASSERT_PTR_NOT_NULL_FATAL(s.l);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, shell_thread, &s), 0);
	/* Sleeps with no timer and no descriptor until the thread stops it. */
	CU_ASSERT_EQUAL(ev_run(s.l), 0);
	pthread_join(th, NULL);
	CU_ASSERT_EQUAL(s.done, 1);
	CU_ASSERT_FALSE(ev_stopped(s.l));	/* reset for the next run */
	ev_free(s.l);
}

/*
 * Many timers: random deadlines with many ties, some re-armed, half
 * cancelled, some cancelling another from their callback.  The firing
 * order must be by deadline and, among equal deadlines, by the last
 * arming; each callback sees its own deadline as the time.
 */
#define MANY		100000
#define MANY_SPAN	20000		/* deadlines 1..MANY_SPAN: about 5 per value */

struct many_rec {
	struct evtimer *t;
	uint64_t when, seq;		/* the model: deadline and arming order */
	long victim;			/* cancelled by this one's callback, or -1 */
	bool armed;
};

struct many {
	struct evloop *l;
	struct many_rec *r;
	long *fired;
	size_t nfired;
	size_t wrong_now;
};

static struct many M;

static uint64_t xorshift(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void many_cb(void *arg)
{
	struct many_rec *r = arg;
	long i = r - M.r;

	if (ev_now(M.l) != r->when)
		M.wrong_now++;
	M.fired[M.nfired++] = i;
	if (r->victim >= 0)
		ev_timer_cancel(M.r[r->victim].t);
}

static int by_key(const void *a, const void *b)
{
	const struct many_rec *x = &M.r[*(const long *)a], *y = &M.r[*(const long *)b];

	if (x->when != y->when)
		return x->when < y->when ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

static void test_many_timers(void)
{
	uint64_t rng = 0x9e3779b97f4a7c15ull, seq = 0, next;
	long *order = calloc(MANY, sizeof(*order)), *perm = calloc(MANY, sizeof(*perm));
	long *want = calloc(MANY, sizeof(*want));
	size_t n = 0, k, nwant, mid_fired;
	bool *gone = calloc(MANY, sizeof(*gone));

	memset(&M, 0, sizeof(M));
	M.l = ev_new(EV_CLOCK_MANUAL);
	M.r = calloc(MANY, sizeof(*M.r));
	M.fired = calloc(MANY, sizeof(*M.fired));
	CU_ASSERT_PTR_NOT_NULL_FATAL(M.l);
	CU_ASSERT_FATAL(M.r && M.fired && order && perm && want && gone);
	for (long i = 0; i < MANY; i++) {
		struct many_rec *r = &M.r[i];

		r->t = ev_timer_new(M.l, many_cb, r);
		CU_ASSERT_PTR_NOT_NULL_FATAL(r->t);
		r->when = 1 + xorshift(&rng) % MANY_SPAN;
		r->seq = seq++;
		r->victim = i % 10 == 3 ? (long)(xorshift(&rng) % MANY) : -1;
		r->armed = true;
		ev_timer_arm_at(r->t, r->when);
		perm[i] = i;
	}
	/* Every seventh moves to a new deadline (and to the end of its ties). */
	for (long i = 0; i < MANY; i += 7) {
		M.r[i].when = 1 + xorshift(&rng) % MANY_SPAN;
		M.r[i].seq = seq++;
		ev_timer_arm_at(M.r[i].t, M.r[i].when);
	}
	/* Cancel a random half. */
	for (long i = MANY - 1; i > 0; i--) {
		long j = (long)(xorshift(&rng) % (uint64_t)(i + 1)), x = perm[i];

		perm[i] = perm[j];
		perm[j] = x;
	}
	for (long i = 0; i < MANY / 2; i++) {
		ev_timer_cancel(M.r[perm[i]].t);
		M.r[perm[i]].armed = false;
	}
	for (long i = 0; i < MANY; i++)
		if (M.r[i].armed)
			order[n++] = i;
	CU_ASSERT_EQUAL(n, MANY / 2);
	qsort(order, n, sizeof(*order), by_key);
	/* The model fires in key order and skips what a callback cancelled
	 * before its turn. */
	for (k = 0, nwant = 0; k < n; k++) {
		if (gone[order[k]])
			continue;
		gone[order[k]] = true;
		want[nwant++] = order[k];
		if (M.r[order[k]].victim >= 0)
			gone[M.r[order[k]].victim] = true;
	}
	CU_ASSERT(nwant < n);		/* some were cancelled by a callback */
	CU_ASSERT_TRUE(ev_next_deadline(M.l, &next));
	CU_ASSERT_EQUAL(next, M.r[order[0]].when);

	ev_clock_set(M.l, MANY_SPAN / 2);
	mid_fired = M.nfired;
	CU_ASSERT(mid_fired > 0 && mid_fired < n);
	for (size_t i = 0; i < mid_fired; i++)
		CU_ASSERT(M.r[M.fired[i]].when <= MANY_SPAN / 2);
	if (ev_next_deadline(M.l, &next))
		CU_ASSERT(next > MANY_SPAN / 2);
	ev_clock_set(M.l, MANY_SPAN + 1);
	CU_ASSERT_FALSE(ev_next_deadline(M.l, &next));
	CU_ASSERT_EQUAL(M.wrong_now, 0);
	CU_ASSERT_EQUAL(M.nfired, nwant);
	for (k = 0; k < nwant && k < M.nfired && M.fired[k] == want[k]; k++)
		;
	CU_ASSERT_EQUAL(k, nwant);
	for (long i = 0; i < MANY; i++)
		CU_ASSERT_FALSE(ev_timer_armed(M.r[i].t));
	for (long i = 0; i < MANY; i++)
		ev_timer_free(M.r[i].t);
	ev_free(M.l);
	free(M.r);
	free(M.fired);
	free(order);
	free(want);
	free(perm);
	free(gone);
}

static CU_TestInfo tests[] = {
	{ "manual clock fires timers in order", test_manual_clock },
	{ "monotonic loop: fd and timerfd", test_monotonic_loop },
	{ "monotonic loop: one clock reading per dispatch", test_loop_time },
	{ "wakeup and stop from another thread", test_wakeup_from_thread },
	{ "100,000 timers: order, ties, re-arm, cancel", test_many_timers },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "event", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
