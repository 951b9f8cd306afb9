/*
 * DOC: the event loop: epoll, one timerfd, an eventfd, and the clock
 *
 * Armed timers sit in a binary min-heap ordered by deadline, then by a
 * sequence number taken at arming, so equal deadlines fire in arming order
 * and arming or cancelling costs O(log n).  The heap's array grows when a
 * timer is created, so arming never allocates and cannot fail.
 *
 * The monotonic clock is read once when the loop wakes up and once before
 * the timers run; callbacks in between see that reading, so a burst of
 * frames costs two clock reads, not one per frame sent.  Outside a
 * dispatch (a shell thread, a test) ev_now() reads the clock itself.
 *
 * The poll hook (the router's ring drain) runs at the end of each
 * dispatch, lock held.  When it did work the next epoll_wait does not
 * wait: one system call per round of up to a budget of frames picks up
 * timers, shell wakeups and netlink messages between rounds, where the
 * old loop went back to sleep after a few bursts of one ring.  A loop
 * that never sleeps would keep the mutex to itself (glibc's mutex is not
 * fair: the unlocking thread takes it back before a woken waiter runs),
 * so shell threads announce themselves in ev_lock and the loop yields
 * after unlocking until they have the lock (bounded).  Busy polling spins
 * on epoll_wait(0) with the lock released, reading the clock once per
 * empty look, never per frame.  An unlocked hook runs on the loop's
 * thread just after each dispatch lets go of the lock (the router sends
 * there when receive workers share the lock); other threads that handle
 * bursts under the lock take one clock reading per burst (ev_enter).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

#include "event.h"

struct evfd {
	struct evfd *next;
	int fd;
	bool dead;
	ev_fd_fn fn;
	void *arg;
};

struct evtimer {
	struct evloop *loop;
	size_t idx;			/* in the heap, while armed */
	bool armed;
	uint64_t when;
	uint64_t seq;			/* arming order: breaks ties */
	ev_timer_fn fn;
	void *arg;
};

struct evloop {
	enum ev_clock clock;
	uint64_t manual_now;
	int epfd, tfd, wfd;
	struct evfd *fds;
	struct evtimer **heap;		/* armed timers, earliest at [0] */
	size_t nheap, cap;		/* cap >= timers in existence */
	size_t ntimers;
	uint64_t seq;
	bool running;			/* in run_timers: program the timerfd once, after */
	/* Monotonic clock: the time read at wakeup or before the timers, valid
	 * while 'dispatching' (other threads may look without the lock). */
	_Atomic uint64_t now;
	atomic_bool dispatching;
	atomic_bool stop;
	pthread_mutex_t lock;
	/* The poll hook and what it said last time. */
	ev_poll_fn poll_fn;
	void *poll_arg;
	ev_unlocked_fn unlocked_fn;
	void *unlocked_arg;
	bool poll_more;
	/* Set under the lock, read by the loop before it takes the lock. */
	atomic_uint busy_us;
	atomic_uint waiting;		/* threads in ev_lock, not yet holding it */
	struct ev_stats st;		/* written with the lock held */
	unsigned handoffs;		/* the loop thread's, not yet in st */
};

/* Yields of the loop while a shell thread waits for the lock. */
#define HANDOFF_YIELDS	1000

/* Tags for the loop's own descriptors in epoll_event.data. */
static char tag_timer, tag_wakeup;

static uint64_t mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * NS_PER_SEC + (uint64_t)ts.tv_nsec;
}

uint64_t ev_now(const struct evloop *l)
{
	if (l->clock == EV_CLOCK_MANUAL)
		return l->manual_now;
	if (atomic_load_explicit(&l->dispatching, memory_order_relaxed))
		return atomic_load_explicit(&l->now, memory_order_relaxed);
	return mono_now();
}

/* The loop thread, lock held: take a new reading for the callbacks. */
static uint64_t loop_tick(struct evloop *l)
{
	uint64_t t = mono_now();

	atomic_store_explicit(&l->now, t, memory_order_relaxed);
	atomic_store_explicit(&l->dispatching, true, memory_order_relaxed);
	return t;
}

enum ev_clock ev_clock_kind(const struct evloop *l)
{
	return l->clock;
}

static int watch(struct evloop *l, int fd, void *ptr)
{
	struct epoll_event ev;

	memset(&ev, 0, sizeof(ev));
	ev.events = EPOLLIN;
	ev.data.ptr = ptr;
	return epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev);
}

struct evloop *ev_new(enum ev_clock clock)
{
	struct evloop *l = calloc(1, sizeof(*l));

	if (!l)
		return NULL;
	l->clock = clock;
	l->tfd = l->wfd = -1;
	pthread_mutex_init(&l->lock, NULL);
	if ((l->epfd = epoll_create1(EPOLL_CLOEXEC)) == -1)
		goto fail;
	if ((l->wfd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC)) == -1 ||
	    watch(l, l->wfd, &tag_wakeup) == -1)
		goto fail;
	if (clock == EV_CLOCK_MONOTONIC) {
		l->tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
		if (l->tfd == -1 || watch(l, l->tfd, &tag_timer) == -1)
			goto fail;
	}
	return l;
fail:
	ev_free(l);
	return NULL;
}

void ev_free(struct evloop *l)
{
	struct evfd *f;

	if (!l)
		return;
	for (size_t i = 0; i < l->nheap; i++)
		l->heap[i]->armed = false;
	free(l->heap);
	while ((f = l->fds)) {
		l->fds = f->next;
		free(f);
	}
	if (l->tfd != -1)
		close(l->tfd);
	if (l->wfd != -1)
		close(l->wfd);
	if (l->epfd != -1)
		close(l->epfd);
	pthread_mutex_destroy(&l->lock);
	free(l);
}

static void timerfd_program(struct evloop *l)
{
	struct itimerspec its;

	if (l->tfd == -1 || l->running)
		return;
	memset(&its, 0, sizeof(its));
	if (l->nheap) {
		uint64_t w = l->heap[0]->when ? l->heap[0]->when : 1;

		its.it_value.tv_sec = (time_t)(w / NS_PER_SEC);
		its.it_value.tv_nsec = (long)(w % NS_PER_SEC);
	}
	timerfd_settime(l->tfd, TFD_TIMER_ABSTIME, &its, NULL);
}

struct evtimer *ev_timer_new(struct evloop *l, ev_timer_fn fn, void *arg)
{
	struct evtimer *t;

	if (l->ntimers == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 16;
		struct evtimer **h = realloc(l->heap, cap * sizeof(*h));

		if (!h)
			return NULL;
		l->heap = h;
		l->cap = cap;
	}
	if (!(t = calloc(1, sizeof(*t))))
		return NULL;
	l->ntimers++;
	t->loop = l;
	t->fn = fn;
	t->arg = arg;
	return t;
}

void ev_timer_free(struct evtimer *t)
{
	if (!t)
		return;
	ev_timer_cancel(t);
	t->loop->ntimers--;
	free(t);
}

static bool earlier(const struct evtimer *a, const struct evtimer *b)
{
	return a->when != b->when ? a->when < b->when : a->seq < b->seq;
}

static void heap_put(struct evloop *l, size_t i, struct evtimer *t)
{
	l->heap[i] = t;
	t->idx = i;
}

static void sift_up(struct evloop *l, size_t i)
{
	struct evtimer *t = l->heap[i];

	while (i > 0 && earlier(t, l->heap[(i - 1) / 2])) {
		heap_put(l, i, l->heap[(i - 1) / 2]);
		i = (i - 1) / 2;
	}
	heap_put(l, i, t);
}

static void sift_down(struct evloop *l, size_t i)
{
	struct evtimer *t = l->heap[i];
	size_t c;

	while ((c = 2 * i + 1) < l->nheap) {
		if (c + 1 < l->nheap && earlier(l->heap[c + 1], l->heap[c]))
			c++;
		if (!earlier(l->heap[c], t))
			break;
		heap_put(l, i, l->heap[c]);
		i = c;
	}
	heap_put(l, i, t);
}

static void heap_remove(struct evloop *l, struct evtimer *t)
{
	size_t i = t->idx;
	struct evtimer *last = l->heap[--l->nheap];

	t->armed = false;
	if (last == t)
		return;
	heap_put(l, i, last);
	sift_down(l, i);
	sift_up(l, last->idx);
}

void ev_timer_cancel(struct evtimer *t)
{
	struct evloop *l = t->loop;
	bool was_first;

	if (!t->armed)
		return;
	was_first = l->heap[0] == t;
	heap_remove(l, t);
	if (was_first)
		timerfd_program(l);
}

void ev_timer_arm_at(struct evtimer *t, uint64_t when)
{
	struct evloop *l = t->loop;
	bool was_first = t->armed && l->heap[0] == t;

	t->when = when;
	t->seq = l->seq++;
	if (t->armed) {
		/* A new key: later in a tie than before, maybe earlier or later. */
		sift_down(l, t->idx);
		sift_up(l, t->idx);
	} else {
		t->armed = true;
		heap_put(l, l->nheap++, t);
		sift_up(l, t->idx);
	}
	if (was_first || l->heap[0] == t)
		timerfd_program(l);
}

void ev_timer_arm(struct evtimer *t, uint64_t delay_ns)
{
	ev_timer_arm_at(t, ev_now(t->loop) + delay_ns);
}

bool ev_timer_armed(const struct evtimer *t)
{
	return t->armed;
}

bool ev_next_deadline(const struct evloop *l, uint64_t *t)
{
	if (!l->nheap)
		return false;
	*t = l->heap[0]->when;
	return true;
}

/* Fire every timer due at 'now'; a callback may re-arm or cancel any timer. */
static int run_timers(struct evloop *l, uint64_t now)
{
	struct evtimer *t;
	bool outer = !l->running;
	int n = 0;

	l->running = true;
	while (l->nheap && (t = l->heap[0])->when <= now) {
		if (l->clock == EV_CLOCK_MANUAL && t->when > l->manual_now)
			l->manual_now = t->when;
		heap_remove(l, t);
		t->fn(t->arg);
		n++;
	}
	if (outer) {
		l->running = false;
		timerfd_program(l);
	}
	return n;
}

void ev_clock_set(struct evloop *l, uint64_t t)
{
	if (l->clock != EV_CLOCK_MANUAL || t < l->manual_now)
		return;
	run_timers(l, t);
	l->manual_now = t;
}

int ev_fd_add(struct evloop *l, int fd, ev_fd_fn fn, void *arg)
{
	struct evfd *f = calloc(1, sizeof(*f));

	if (!f)
		return -1;
	f->fd = fd;
	f->fn = fn;
	f->arg = arg;
	if (watch(l, fd, f) == -1) {
		free(f);
		return -1;
	}
	f->next = l->fds;
	l->fds = f;
	return 0;
}

void ev_fd_del(struct evloop *l, int fd)
{
	struct evfd *f;

	for (f = l->fds; f; f = f->next)
		if (f->fd == fd && !f->dead) {
			epoll_ctl(l->epfd, EPOLL_CTL_DEL, fd, NULL);
			f->dead = true;	/* freed after the current dispatch */
			return;
		}
}

static void reap_fds(struct evloop *l)
{
	struct evfd **pp = &l->fds, *f;

	while ((f = *pp)) {
		if (f->dead) {
			*pp = f->next;
			free(f);
		} else {
			pp = &f->next;
		}
	}
}

void ev_set_poll(struct evloop *l, ev_poll_fn fn, void *arg)
{
	l->poll_fn = fn;
	l->poll_arg = arg;
	l->poll_more = false;
}

void ev_set_unlocked(struct evloop *l, ev_unlocked_fn fn, void *arg)
{
	l->unlocked_fn = fn;
	l->unlocked_arg = arg;
}

int ev_set_busy_poll(struct evloop *l, unsigned usec)
{
	if (usec > EV_BUSY_POLL_MAX)
		return -1;
	atomic_store_explicit(&l->busy_us, usec, memory_order_relaxed);
	return 0;
}

unsigned ev_busy_poll(const struct evloop *l)
{
	return atomic_load_explicit(&l->busy_us, memory_order_relaxed);
}

void ev_get_stats(const struct evloop *l, struct ev_stats *st)
{
	*st = l->st;
}

/* Busy polling: look without waiting until something is ready or usec
 * have passed; 0 when nothing came (the caller then sleeps). */
static int spin(struct evloop *l, struct epoll_event *evs, int max, unsigned usec)
{
	uint64_t end = mono_now() + (uint64_t)usec * 1000u;
	int n;

	do {
		n = epoll_wait(l->epfd, evs, max, 0);
		if (n != 0)
			return n;
	} while (!atomic_load_explicit(&l->stop, memory_order_relaxed) && mono_now() < end);
	return 0;
}

int ev_run_once(struct evloop *l, int timeout_ms)
{
	struct epoll_event evs[32];
	uint64_t junk;
	int n, i, handled = 0, yields = 0;
	bool polled = false, spun = false;
	unsigned work, busy = atomic_load_explicit(&l->busy_us, memory_order_relaxed);

	if (l->poll_more) {
		/* The hook had work: look, but do not sleep. */
		polled = true;
		n = epoll_wait(l->epfd, evs, 32, 0);
	} else if (busy && timeout_ms != 0 && l->poll_fn) {
		spun = true;
		n = spin(l, evs, 32, busy);
		if (n == 0)
			n = epoll_wait(l->epfd, evs, 32, timeout_ms);
	} else {
		n = epoll_wait(l->epfd, evs, 32, timeout_ms);
	}
	if (n == -1)
		return errno == EINTR ? 0 : -1;
	pthread_mutex_lock(&l->lock);
	if (l->clock == EV_CLOCK_MONOTONIC)
		loop_tick(l);
	l->st.handoffs += l->handoffs;
	l->handoffs = 0;
	if (polled)
		l->st.polls++;
	else
		l->st.sleeps++;
	if (spun) {
		l->st.spins++;
		/* An event before the end of the spin (approximately: one
		 * that came just as the sleep began counts too). */
		if (n > 0)
			l->st.spin_hits++;
	}
	for (i = 0; i < n; i++) {
		void *p = evs[i].data.ptr;

		if (p == &tag_wakeup) {
			if (read(l->wfd, &junk, sizeof(junk)) < 0)
				continue;
		} else if (p == &tag_timer) {
			if (read(l->tfd, &junk, sizeof(junk)) < 0)
				continue;
		} else {
			struct evfd *f = p;

			if (!f->dead) {
				f->fn(f->arg, f->fd);
				handled++;
			}
		}
	}
	if (l->clock == EV_CLOCK_MONOTONIC) {
		handled += run_timers(l, loop_tick(l));
		l->poll_more = false;
		if (l->poll_fn && !atomic_load_explicit(&l->stop, memory_order_relaxed)) {
			work = l->poll_fn(l->poll_arg);
			if (work) {
				l->poll_more = true;
				l->st.hook_work++;
				handled++;
			}
		}
		atomic_store_explicit(&l->dispatching, false, memory_order_relaxed);
	}
	reap_fds(l);
	pthread_mutex_unlock(&l->lock);
	if (l->unlocked_fn)
		l->unlocked_fn(l->unlocked_arg);
	/* A shell thread waits for the lock: let it in before taking the
	 * lock again (the next round would otherwise win it back). */
	while (atomic_load_explicit(&l->waiting, memory_order_relaxed) && yields < HANDOFF_YIELDS) {
		sched_yield();
		yields++;
	}
	/* Counted with the lock held, next round. */
	l->handoffs += yields > 0;
	return handled;
}

int ev_run(struct evloop *l)
{
	int rc = 0;

	while (!atomic_load(&l->stop) && rc != -1)
		rc = ev_run_once(l, -1);
	atomic_store(&l->stop, false);
	return rc == -1 ? -1 : 0;
}

void ev_stop(struct evloop *l)
{
	atomic_store(&l->stop, true);
	ev_wakeup(l);
}

bool ev_stopped(const struct evloop *l)
{
	return atomic_load(&((struct evloop *)l)->stop);
}

void ev_wakeup(struct evloop *l)
{
	uint64_t one = 1;

	if (write(l->wfd, &one, sizeof(one)) < 0)
		return;	/* counter saturated: a wakeup is pending anyway */
}

void ev_lock(struct evloop *l)
{
	atomic_fetch_add_explicit(&l->waiting, 1, memory_order_relaxed);
	pthread_mutex_lock(&l->lock);
	atomic_fetch_sub_explicit(&l->waiting, 1, memory_order_relaxed);
}

void ev_unlock(struct evloop *l)
{
	pthread_mutex_unlock(&l->lock);
}

void ev_lock_quiet(struct evloop *l)
{
	pthread_mutex_lock(&l->lock);
}

void ev_enter(struct evloop *l)
{
	if (l->clock == EV_CLOCK_MONOTONIC)
		loop_tick(l);
}

void ev_leave(struct evloop *l)
{
	atomic_store_explicit(&l->dispatching, false, memory_order_relaxed);
}
