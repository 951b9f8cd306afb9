/*
 * DOC: the event loop and the clock
 *
 * One loop owns the router: epoll over port descriptors, one timerfd for
 * all timers (a heap by deadline), and an eventfd that shell threads
 * use to wake it.  The loop holds its mutex while it dispatches, and shell
 * threads take the same mutex (ev_lock) around a command, so router state
 * is only ever touched by one thread at a time.
 *
 * Time comes from the clock abstraction: EV_CLOCK_MONOTONIC reads
 * CLOCK_MONOTONIC; EV_CLOCK_MANUAL only moves when ev_clock_set() is
 * called (offline mode sets it to each packet's timestamp, unit tests step
 * it), and then fires the timers that fell due, in order, with the clock
 * reading each timer's own deadline.  That makes ARP aging and later
 * map-cache expiry deterministic.
 *
 * A poll hook (ev_set_poll) makes the loop adaptive: after every dispatch
 * the hook does a bounded amount of work (the router drains its capture
 * rings, a frame budget per call) and says how much.  While it finds work
 * the loop does not sleep: it looks at its descriptors and timers without
 * waiting (epoll_wait with a zero timeout, the lock released in between
 * so shell threads get their turn) and calls the hook again.  When the
 * hook finds nothing the loop sleeps in epoll_wait as before, after
 * busy-polling for up to ev_set_busy_poll() microseconds if asked to.
 */
#ifndef LISPR_EVENT_H
#define LISPR_EVENT_H

#include <stdbool.h>
#include <stdint.h>

#define NS_PER_MS	1000000ull
#define NS_PER_SEC	1000000000ull

enum ev_clock {
	EV_CLOCK_MONOTONIC,
	EV_CLOCK_MANUAL,
};

struct evloop;
struct evtimer;

typedef void (*ev_fd_fn)(void *arg, int fd);
typedef void (*ev_timer_fn)(void *arg);

struct evloop *ev_new(enum ev_clock clock);
void ev_free(struct evloop *l);
enum ev_clock ev_clock_kind(const struct evloop *l);

/* Nanoseconds on the loop's clock.  Inside the loop's callbacks the
 * monotonic clock reads the time the loop woke up (or, for timers, the
 * time they were run): one clock read per wakeup, not per call. */
uint64_t ev_now(const struct evloop *l);
/* Manual clock only: move to t (never backwards), firing due timers. */
void ev_clock_set(struct evloop *l, uint64_t t);
/* Deadline of the earliest armed timer; false when none is armed. */
bool ev_next_deadline(const struct evloop *l, uint64_t *t);

/* Watch fd for input; fn runs with the loop lock held. */
int ev_fd_add(struct evloop *l, int fd, ev_fd_fn fn, void *arg);
void ev_fd_del(struct evloop *l, int fd);

struct evtimer *ev_timer_new(struct evloop *l, ev_timer_fn fn, void *arg);
void ev_timer_free(struct evtimer *t);
/* (Re)arm to fire once, delay_ns from now. */
void ev_timer_arm(struct evtimer *t, uint64_t delay_ns);
void ev_timer_arm_at(struct evtimer *t, uint64_t when);
void ev_timer_cancel(struct evtimer *t);
bool ev_timer_armed(const struct evtimer *t);

/*
 * Wait up to timeout_ms (-1: forever), then take the lock and dispatch what
 * is ready (the caller must not hold the lock); returns the number of
 * descriptor callbacks and timers run, or -1 on error.  ev_run loops until
 * ev_stop() is called (from any thread, or from a callback).
 */
int ev_run_once(struct evloop *l, int timeout_ms);
int ev_run(struct evloop *l);
void ev_stop(struct evloop *l);
bool ev_stopped(const struct evloop *l);

/*
 * The poll hook, run with the lock held after every dispatch of
 * ev_run_once (monotonic clock only): returns the work it did (frames).
 * Non-zero: the next ev_run_once does not sleep (see the DOC above).
 * fn NULL removes it.
 */
typedef unsigned (*ev_poll_fn)(void *arg);
void ev_set_poll(struct evloop *l, ev_poll_fn fn, void *arg);
/* Called on the loop's thread right after each dispatch lets go of the
 * lock (the router flushes its send batch there while receive workers
 * share the lock). */
typedef void (*ev_unlocked_fn)(void *arg);
void ev_set_unlocked(struct evloop *l, ev_unlocked_fn fn, void *arg);
/*
 * Busy polling: when the hook found nothing, keep looking at the
 * descriptors (epoll_wait without waiting, no lock held) for up to usec
 * microseconds before sleeping; 0 (the default) sleeps at once.  At most
 * EV_BUSY_POLL_MAX.  Costs a core while it spins; it saves the wakeup
 * latency of a loop that would sleep and be woken again soon after.
 */
#define EV_BUSY_POLL_MAX	10000u
int ev_set_busy_poll(struct evloop *l, unsigned usec);
unsigned ev_busy_poll(const struct evloop *l);

/* How the loop waited, since ev_new (read under the lock). */
struct ev_stats {
	uint64_t sleeps;	/* epoll_wait that could wait */
	uint64_t polls;		/* epoll_wait(0) while the hook had work */
	uint64_t hook_work;	/* hook calls that found work */
	uint64_t spins;		/* busy-poll periods started */
	uint64_t spin_hits;	/* ... that found an event before their end */
	uint64_t handoffs;	/* the loop stood aside for a waiting shell thread */
};
void ev_get_stats(const struct evloop *l, struct ev_stats *st);

/* Thread-safe: make a sleeping loop return from epoll_wait. */
void ev_wakeup(struct evloop *l);
/* The router lock, for threads other than the loop's. */
void ev_lock(struct evloop *l);
void ev_unlock(struct evloop *l);
/*
 * Another thread that handles a burst of work with the lock held (a
 * receive worker) brackets it with these, so its callbacks read the
 * clock once per burst as the loop's do: ev_enter takes a reading that
 * ev_now() returns until ev_leave.  Monotonic loops only; lock held.
 */
void ev_enter(struct evloop *l);
void ev_leave(struct evloop *l);
/* The lock, taken without asking the loop to step aside (ev_lock makes
 * it yield until the waiter has the lock, for the shell's sake): for
 * threads that come back for it burst after burst, where the loop's
 * yields would only burn the CPU both need. */
void ev_lock_quiet(struct evloop *l);

#endif
