/*
 * DOC: unit tests of the event loop and its clock
 */
#include <pthread.h>
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

static CU_TestInfo tests[] = {
	{ "manual clock fires timers in order", test_manual_clock },
	{ "monotonic loop: fd and timerfd", test_monotonic_loop },
	{ "wakeup and stop from another thread", test_wakeup_from_thread },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "event", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
