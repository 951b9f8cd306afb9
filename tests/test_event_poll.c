/*
 * DOC: unit tests of the event loop's poll hook, busy polling and lock
 * handoff (src/lib/event.c)
 *
 * The hook stands for the router's ring drain: while it reports work the
 * loop must not sleep, yet timers must fire and a shell thread must get
 * the lock; idle, the loop sleeps (or spins first when busy polling is
 * on).  Waits are on conditions with generous bounds, never fixed sleeps.
 */
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "event.h"

static uint64_t mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

struct hook {
	unsigned calls;
	unsigned work_left;	/* calls that still report work; ~0u: a flood */
};

static unsigned hook_fn(void *arg)
{
	struct hook *h = arg;

	h->calls++;
	if (!h->work_left)
		return 0;
	if (h->work_left != ~0u)
		h->work_left--;
	return 7;
}

static void never(void *arg)
{
	(void)arg;
}

/* While the hook reports work, ev_run_once(-1) returns without waiting;
 * once it finds none, the loop sleeps (here until a timer). */
static void test_hook_keeps_loop_awake(void)
{
	struct evloop *l = ev_new(EV_CLOCK_MONOTONIC);
	struct hook h = { .work_left = 5 };
	struct evtimer *guard;
	struct ev_stats st;
	uint64_t t0;
	int i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	ev_set_poll(l, hook_fn, &h);
	/* Should the loop sleep wrongly, this timer ends the wait. */
	guard = ev_timer_new(l, never, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(guard);
	ev_timer_arm(guard, 30 * NS_PER_SEC);
	/* The first call sleeps: nothing is ready and the hook has not run.
	 * Wake it from here, then it calls the hook. */
	ev_wakeup(l);
	CU_ASSERT_EQUAL(ev_run_once(l, -1), 1);	/* the hook's work */
	t0 = mono();
	for (i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(ev_run_once(l, -1), 1);
	/* The hook's fifth report of work, then it finds none. */
	CU_ASSERT_EQUAL(ev_run_once(l, -1), 0);
	CU_ASSERT(mono() - t0 < 10 * NS_PER_SEC);
	CU_ASSERT_EQUAL(h.calls, 6);
	ev_get_stats(l, &st);
	CU_ASSERT_EQUAL(st.hook_work, 5);
	CU_ASSERT_EQUAL(st.polls, 5);
	CU_ASSERT_EQUAL(st.sleeps, 1);
	/* Idle now: a timeout of 1 ms is waited for, and counted a sleep. */
	CU_ASSERT_EQUAL(ev_run_once(l, 1), 0);
	ev_get_stats(l, &st);
	CU_ASSERT_EQUAL(st.sleeps, 2);
	CU_ASSERT_EQUAL(st.spins, 0);
	ev_timer_free(guard);
	ev_free(l);
}

struct flood {
	struct evloop *l;
	struct hook h;
	struct evtimer *t;
	unsigned fired;
	unsigned hook_calls_at_fire;
	atomic_int shell_done;
};

static void flood_timer(void *arg)
{
	struct flood *f = arg;

	f->fired++;
	f->hook_calls_at_fire = f->h.calls;
}

/* A shell thread: waits for the flood to be under way, then takes the
 * lock as a command does. */
static void *flood_shell(void *arg)
{
	struct flood *f = arg;
	unsigned calls;

	for (;;) {
		ev_lock(f->l);
		calls = f->h.calls;
		ev_unlock(f->l);
		if (calls >= 1000)
			break;
		sched_yield();
	}
	ev_lock(f->l);
	atomic_store(&f->shell_done, 1);
	ev_unlock(f->l);
	return NULL;
}

/* A hook that always has work (a flood) neither starves the timers nor
 * keeps a shell thread out of the lock. */
static void test_flood_runs_timers_and_shell(void)
{
	struct flood f;
	struct ev_stats st;
	pthread_t th;
	uint64_t end;

	memset(&f, 0, sizeof(f));
	f.l = ev_new(EV_CLOCK_MONOTONIC);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f.l);
	f.h.work_left = ~0u;
	ev_set_poll(f.l, hook_fn, &f.h);
	f.t = ev_timer_new(f.l, flood_timer, &f);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f.t);
	ev_timer_arm(f.t, 20 * NS_PER_MS);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&th, NULL, flood_shell, &f), 0);
	ev_wakeup(f.l);
	end = mono() + 60 * NS_PER_SEC;
	while ((!f.fired || !atomic_load(&f.shell_done)) && mono() < end)
		ev_run_once(f.l, -1);
	pthread_join(th, NULL);
	CU_ASSERT_EQUAL(f.fired, 1);
	CU_ASSERT_EQUAL(atomic_load(&f.shell_done), 1);
	/* The flood was on when the timer fired: the hook ran before it. */
	CU_ASSERT(f.hook_calls_at_fire > 1);
	ev_get_stats(f.l, &st);
	CU_ASSERT(st.polls > 0);
	CU_ASSERT_EQUAL(st.sleeps, 1);	/* only the first wait */
	ev_timer_free(f.t);
	ev_free(f.l);
}

static void on_pipe(void *arg, int fd)
{
	char c;

	if (read(fd, &c, 1) == 1)
		(*(unsigned *)arg)++;
}

/* Busy polling: a bound, a spin that finds nothing then sleeps the
 * timeout, and one that finds a ready descriptor. */
static void test_busy_poll(void)
{
	struct evloop *l = ev_new(EV_CLOCK_MONOTONIC);
	struct hook h = { 0 };
	struct ev_stats st;
	unsigned got = 0;
	uint64_t t0;
	int fds[2];

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(ev_busy_poll(l), 0);
	CU_ASSERT_EQUAL(ev_set_busy_poll(l, EV_BUSY_POLL_MAX + 1), -1);
	CU_ASSERT_EQUAL(ev_busy_poll(l), 0);
	CU_ASSERT_EQUAL(ev_set_busy_poll(l, 300), 0);
	CU_ASSERT_EQUAL(ev_busy_poll(l), 300);
	ev_set_poll(l, hook_fn, &h);
	CU_ASSERT_EQUAL_FATAL(pipe(fds), 0);
	CU_ASSERT_EQUAL(ev_fd_add(l, fds[0], on_pipe, &got), 0);
	/* Nothing comes: spins at least 300 us, then waits the 2 ms. */
	t0 = mono();
	CU_ASSERT_EQUAL(ev_run_once(l, 2), 0);
	CU_ASSERT(mono() - t0 >= 2 * NS_PER_MS);
	ev_get_stats(l, &st);
	CU_ASSERT_EQUAL(st.spins, 1);
	CU_ASSERT_EQUAL(st.spin_hits, 0);
	/* Something is ready: the spin finds it. */
	CU_ASSERT_EQUAL(write(fds[1], "x", 1), 1);
	CU_ASSERT_EQUAL(ev_run_once(l, -1), 1);
	CU_ASSERT_EQUAL(got, 1);
	ev_get_stats(l, &st);
	CU_ASSERT_EQUAL(st.spins, 2);
	CU_ASSERT_EQUAL(st.spin_hits, 1);
	/* A zero timeout never spins. */
	CU_ASSERT_EQUAL(ev_run_once(l, 0), 0);
	ev_get_stats(l, &st);
	CU_ASSERT_EQUAL(st.spins, 2);
	close(fds[0]);
	close(fds[1]);
	ev_free(l);
}

/* Without a hook the loop behaves as before: no polls, no spins. */
static void test_no_hook(void)
{
	struct evloop *l = ev_new(EV_CLOCK_MONOTONIC);
	struct ev_stats st;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(ev_set_busy_poll(l, 100), 0);
	ev_wakeup(l);
	CU_ASSERT_EQUAL(ev_run_once(l, -1), 0);
	ev_get_stats(l, &st);
	CU_ASSERT_EQUAL(st.polls, 0);
	CU_ASSERT_EQUAL(st.spins, 0);
	CU_ASSERT_EQUAL(st.sleeps, 1);
	ev_free(l);
}

static CU_TestInfo tests[] = {
	{ "the hook keeps the loop awake while it has work", test_hook_keeps_loop_awake },
	{ "a flood runs timers and lets the shell in", test_flood_runs_timers_and_shell },
	{ "busy polling", test_busy_poll },
	{ "no hook: as before", test_no_hook },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "event_poll", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
