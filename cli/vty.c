/*
 * DOC: the telnet vty listener and its sessions
 *
 * The listener thread accepts, picks the lowest free vty line that accepts
 * telnet, and starts a session thread; with every line busy the client gets
 * one line of explanation and is closed.  A session thread does the IOS
 * line-password login itself (libcli's login asks for a user name), then
 * hands the socket to cli_loop.
 *
 * cli_loop does not get the client's socket but one end of a socketpair;
 * the session's relay thread carries the client's bytes to it, and what
 * libcli writes (echo, line editing, prompts) into the session's output
 * buffer, in order with lispr's own output: whenever libcli hands over to
 * lispr (a command, libcli's help, the regular callback) the relay has
 * first queued everything libcli wrote before (relay_sync()).  On the way
 * the relay drops the line end libcli writes before every prompt when the
 * output already stands at the start of a line, so that, as on IOS, no
 * blank line comes between a command's output (or an empty command) and
 * the next prompt.  The log's monitored lines ('terminal monitor') go into
 * the same queue.
 *
 * Output never waits for the client under the router lock.  A command's
 * output goes into the session's buffer (struct vty_outq), a plain append;
 * the session's writer thread sends it on a dup() of the socket with
 * non-blocking sends as the client reads.  The session thread, which is
 * the only producer, pauses with the lock released: at the end of each
 * command (until everything is written, so the prompt libcli writes comes
 * after it), between the pages of held output and wherever a command calls
 * shell_flush() (until the buffer is below VTY_OUT_SOFT).  Output produced
 * in one stretch under the lock beyond VTY_OUT_HARD is dropped and a note
 * says so.  A session whose pending output has not moved for
 * VTY_STUCK_SECS is disconnected with a %VTY-4-STUCK log line.  SIGPIPE is
 * ignored by main(), so a client that vanishes costs nothing.
 */
#include "config.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <openssl/crypto.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "vty.h"

#define TELNET_IAC	255
#define TELNET_SB	250
#define TELNET_SE	240
#define TELNET_WILL	251
#define TELNET_ECHO	1
#define TELNET_SGA	3
#define VTY_OUT_SOFT	(1u << 20)	/* the producer pauses above this */
#define VTY_OUT_HARD	(8u << 20)	/* one stretch under the lock: dropped beyond */
#define VTY_STUCK_SECS	60		/* pending output not moving: disconnect */
#define VTY_CHUNK	16384
#define VTY_SYNC_MS	100		/* 'logging synchronous': held lines shown within */
#define VTY_RELAY_CHUNK	4096
#define VTY_CR_WAIT_MS	20		/* a CR at a line's start waits this for its LF */
#define TIMED_OUT	"\r\n% Password:  timeout expired!\r\n"	/* IOS's words */

/* A session's output on its way to the client. */
struct vty_outq {
	pthread_mutex_t m;
	pthread_cond_t cv;	/* data added, data written, dead or stop */
	char *buf;
	size_t off, len, cap;	/* pending bytes are buf[off, off + len) */
	time_t since;		/* last progress, or when data became pending */
	bool dead;		/* disconnected: output is discarded */
	bool dropped;		/* output dropped past VTY_OUT_HARD, not yet said */
	bool stop;
	bool running;
	int fd;
	char last;		/* the last byte queued: '\n' at a line's start */
	pthread_t writer;
};

/* The relay between the client and libcli's end of the socketpair. */
struct vty_relay {
	int lfd, rfd;		/* libcli's end (cli_loop's), the relay's */
	pthread_t thread;
	bool running;
	pthread_mutex_t m;
	pthread_cond_t cv;	/* busy went false */
	bool busy;		/* taking what libcli wrote into the queue */
	bool cr_held;		/* a CR at a line's start, its LF not yet seen */
};

struct vty_conn {
	struct vty_server *srv;
	int fd;
	int myfd;	/* the shell's dup, open until 'done' */
	int line;
	unsigned response_ms;	/* its line's 'timeout login response' */
	char peer[64];
	/* A privilege 15 user: privileged EXEC at the first turn of the
	 * loop (vty_regular); the loop's usual interval meanwhile. */
	bool enable_pending;
	struct timeval regular_tm;
	time_t synced;		/* the second vty_regular last ran shell_sync() */
	time_t login_mono;	/* CLOCK_MONOTONIC seconds at the login ('absolute-timeout') */
	bool quiet_exempt;	/* permitted by 'login quiet-mode access-class' */
	pthread_t thread;
	bool done;
	struct vty_outq q;
	struct vty_relay r;
	struct vty_conn *next;
};

struct vty_server {
	struct shell *sh;
	int lfd;
	int port;
	int stop_pipe[2];
	pthread_t thread;
	pthread_mutex_t mtx;
	bool used[SHELL_VTY_MAX];
	struct vty_conn *conns;
};

static void sendall(int fd, const char *p, size_t len)
{
	while (len > 0) {
		ssize_t n = send(fd, p, len, MSG_NOSIGNAL);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return;
		p += n;
		len -= n;
	}
}

static void sendstr(int fd, const char *s)
{
	sendall(fd, s, strlen(s));
}

static time_t mono_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static long mono_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000;
}

/* Append to the session's output; never waits for the client (it may run
 * under the router lock). */
static void outq_put(struct vty_outq *q, const char *p, size_t n)
{
	pthread_mutex_lock(&q->m);
	if (q->dead || !n)
		goto out;
	if (q->len + n > VTY_OUT_HARD) {
		q->dropped = true;
		goto out;
	}
	if (q->off + q->len + n > q->cap) {
		if (q->off) {
			memmove(q->buf, q->buf + q->off, q->len);
			q->off = 0;
		}
		if (q->len + n > q->cap) {
			size_t cap = q->cap ? q->cap : VTY_CHUNK;
			char *nb;

			while (cap < q->len + n)
				cap *= 2;
			if (!(nb = realloc(q->buf, cap))) {
				q->dropped = true;
				goto out;
			}
			q->buf = nb;
			q->cap = cap;
		}
	}
	if (!q->len)
		q->since = mono_now();
	memcpy(q->buf + q->off + q->len, p, n);
	q->len += n;
	q->last = p[n - 1];
	pthread_cond_broadcast(&q->cv);
out:
	pthread_mutex_unlock(&q->m);
}

/* The session thread, lock released: wait until the pending output is
 * below VTY_OUT_SOFT (all: written), or the session is dead. */
static void outq_wait(struct vty_outq *q, bool all)
{
	static const char note[] = "\r\n% Output dropped: the terminal did not read it\r\n";

	if (all) {
		bool dropped;

		pthread_mutex_lock(&q->m);
		dropped = q->dropped;
		q->dropped = false;
		pthread_mutex_unlock(&q->m);
		if (dropped)
			outq_put(q, note, sizeof(note) - 1);
	}
	pthread_mutex_lock(&q->m);
	while (q->running && !q->dead && (all ? q->len > 0 : q->len > VTY_OUT_SOFT))
		shell_cond_wait_ms(&q->cv, &q->m, 1000);
	pthread_mutex_unlock(&q->m);
}

/* The writer thread: sends what is pending, never blocking on the socket
 * with the queue locked; disconnects a client that stopped reading. */
static void *vty_writer(void *arg)
{
	struct vty_conn *c = arg;
	struct vty_outq *q = &c->q;
	char *chunk = malloc(VTY_CHUNK);

	pthread_setname_np(pthread_self(), "vty writer");
	pthread_mutex_lock(&q->m);
	while (!q->stop && chunk) {
		struct pollfd pfd = { .fd = q->fd, .events = POLLOUT };
		size_t n;
		ssize_t w;

		if (!q->len || q->dead) {
			shell_cond_wait_ms(&q->cv, &q->m, 1000);
			continue;
		}
		n = q->len < VTY_CHUNK ? q->len : VTY_CHUNK;
		memcpy(chunk, q->buf + q->off, n);
		pthread_mutex_unlock(&q->m);
		w = -1;
		if (poll(&pfd, 1, 500) > 0) {
			w = send(q->fd, chunk, n, MSG_DONTWAIT | MSG_NOSIGNAL);
			if (w < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
				pthread_mutex_lock(&q->m);
				q->dead = true;
				q->len = 0;
				pthread_cond_broadcast(&q->cv);
				continue;
			}
		}
		pthread_mutex_lock(&q->m);
		if (w > 0) {
			/* Appends only add at the end: the first w bytes are sent. */
			q->off += w;
			q->len -= w;
			if (!q->len)
				q->off = 0;
			q->since = mono_now();
			pthread_cond_broadcast(&q->cv);
		} else if (mono_now() - q->since >= VTY_STUCK_SECS) {
			size_t left = q->len;

			q->dead = true;
			q->len = 0;
			pthread_cond_broadcast(&q->cv);
			pthread_mutex_unlock(&q->m);
			log_msg(LOG_WARNING, "%%VTY-4-STUCK: vty %d from %s: %zu bytes of output "
				"not read for %d seconds, disconnecting", c->line, c->peer, left,
				VTY_STUCK_SECS);
			shutdown(q->fd, SHUT_RDWR);
			pthread_mutex_lock(&q->m);
		}
	}
	if (!chunk) {
		q->dead = true;
		pthread_cond_broadcast(&q->cv);
	}
	pthread_mutex_unlock(&q->m);
	free(chunk);
	return NULL;
}

static bool outq_start(struct vty_conn *c, int fd)
{
	struct vty_outq *q = &c->q;

	q->fd = fd;
	q->running = pthread_create(&q->writer, NULL, vty_writer, c) == 0;
	return q->running;
}

static void outq_stop(struct vty_outq *q)
{
	if (q->running) {
		pthread_mutex_lock(&q->m);
		q->stop = true;
		pthread_cond_broadcast(&q->cv);
		pthread_mutex_unlock(&q->m);
		pthread_join(q->writer, NULL);
		q->running = false;
	}
	free(q->buf);
	q->buf = NULL;
	q->off = q->len = q->cap = 0;
}

static void vty_out(void *arg, const char *line)
{
	struct vty_conn *c = arg;
	size_t n = strlen(line);
	char stackbuf[512], *b = n + 2 <= sizeof(stackbuf) ? stackbuf : malloc(n + 2);

	if (!b) {
		outq_put(&c->q, line, n);
		outq_put(&c->q, "\r\n", 2);
		return;
	}
	memcpy(b, line, n);
	memcpy(b + n, "\r\n", 2);
	outq_put(&c->q, b, n + 2);
	if (b != stackbuf)
		free(b);
}

static void vty_raw(struct shell_sess *s, const char *text)
{
	struct vty_conn *c = s->out_arg;

	outq_put(&c->q, text, strlen(text));
}

static void vty_drain(struct shell_sess *s, bool all)
{
	struct vty_conn *c = s->out_arg;
	bool dead;

	outq_wait(&c->q, all);
	pthread_mutex_lock(&c->q.m);
	dead = c->q.dead;
	pthread_mutex_unlock(&c->q.m);
	/* Disconnected: run none of the commands still queued. */
	if (dead)
		s->quit = true;
}

/* Text the session thread writes itself (prompts): after the output
 * before it, and written before the reply is read. */
static void vty_say(struct shell_sess *s, const char *text)
{
	struct vty_conn *c = s->out_arg;

	outq_wait(&c->q, true);
	outq_put(&c->q, text, strlen(text));
	outq_wait(&c->q, true);
}

/* ------------------------------------------------------------ relay */

/*
 * What libcli wrote (n bytes at p) into the output queue, less each CR LF
 * it writes while the output stands at a line's start: the line end it
 * writes before every prompt, after a command's output (which ends its
 * lines) or after the line end it echoed for the command (an empty
 * one).  A CR there waits for the next byte (r->cr_held).  r->m held.
 */
static void relay_take(struct vty_conn *c, const char *p, size_t n)
{
	struct vty_relay *r = &c->r;
	char out[VTY_RELAY_CHUNK + 1], last;
	size_t k = 0;

	pthread_mutex_lock(&c->q.m);
	last = c->q.last;
	pthread_mutex_unlock(&c->q.m);
	for (size_t i = 0; i < n; i++) {
		if (r->cr_held) {
			r->cr_held = false;
			if (p[i] == '\n')
				continue;
			out[k++] = last = '\r';
		}
		if (p[i] == '\r' && last == '\n') {
			r->cr_held = true;
			continue;
		}
		out[k++] = last = p[i];
	}
	outq_put(&c->q, out, k);
}

/* A CR held at the end of what libcli wrote, nothing after it: it stays.
 * r->m held. */
static void relay_release_cr(struct vty_conn *c)
{
	if (c->r.cr_held) {
		c->r.cr_held = false;
		outq_put(&c->q, "\r", 1);
	}
}

/*
 * The relay thread: the client's bytes to libcli (only as fast as libcli
 * reads them), libcli's into the queue (relay_take()).  The client's end
 * of file becomes libcli's; libcli's (cli_loop closed its end) ends the
 * thread.  It never blocks on a write.
 */
static void *vty_relay(void *arg)
{
	struct vty_conn *c = arg;
	struct vty_relay *r = &c->r;
	char in[VTY_RELAY_CHUNK], buf[VTY_RELAY_CHUNK];
	size_t inoff = 0, inlen = 0;
	bool client_open = true;

	pthread_setname_np(pthread_self(), "vty relay");
	for (;;) {
		struct pollfd p[2] = {
			{ .fd = client_open && !inlen ? c->fd : -1, .events = POLLIN },
			{ .fd = r->rfd, .events = POLLIN | (inlen ? POLLOUT : 0) },
		};
		int n = poll(p, 2, r->cr_held ? VTY_CR_WAIT_MS : -1);
		ssize_t k;

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			break;
		if (n == 0) {
			pthread_mutex_lock(&r->m);
			relay_release_cr(c);
			pthread_mutex_unlock(&r->m);
			continue;
		}
		if (p[1].revents & (POLLIN | POLLHUP | POLLERR)) {
			pthread_mutex_lock(&r->m);
			k = read(r->rfd, buf, sizeof(buf));
			if (k > 0)
				relay_take(c, buf, (size_t)k);
			pthread_cond_broadcast(&r->cv);
			pthread_mutex_unlock(&r->m);
			if (k == 0 || (k < 0 && errno != EINTR && errno != EAGAIN))
				break;
		}
		if ((p[1].revents & POLLOUT) && inlen) {
			k = send(r->rfd, in + inoff, inlen, MSG_DONTWAIT | MSG_NOSIGNAL);
			if (k < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR)
				break;
			if (k > 0 && (inlen -= (size_t)k) > 0)
				inoff += (size_t)k;
		}
		if (p[0].revents & (POLLIN | POLLHUP | POLLERR)) {
			k = read(c->fd, in, sizeof(in));
			if (k > 0) {
				inoff = 0;
				inlen = (size_t)k;
			} else if (k == 0 || (errno != EINTR && errno != EAGAIN)) {
				client_open = false;
				shutdown(r->rfd, SHUT_WR);	/* libcli reads the end */
			}
		}
	}
	/* Whatever ended it, libcli must not wait on its end. */
	shutdown(r->rfd, SHUT_RDWR);
	pthread_mutex_lock(&r->m);
	relay_release_cr(c);
	r->running = false;
	pthread_cond_broadcast(&r->cv);
	pthread_mutex_unlock(&r->m);
	return NULL;
}

/* Before lispr writes for the session (libcli handed over): everything
 * libcli wrote so far is in the queue, a CR it held included (bounded:
 * a relay that stopped is not waited for). */
static void relay_sync(struct vty_conn *c)
{
	struct vty_relay *r = &c->r;
	long end = mono_ms() + 2000;
	int pending = 0;

	pthread_mutex_lock(&r->m);
	while (r->running && ioctl(r->rfd, FIONREAD, &pending) == 0 && pending > 0 && mono_ms() < end)
		shell_cond_wait_ms(&r->cv, &r->m, 10);
	relay_release_cr(c);
	pthread_mutex_unlock(&r->m);
}

static void vty_enter(struct shell_sess *s)
{
	relay_sync(s->out_arg);
}

static bool relay_start(struct vty_conn *c)
{
	struct vty_relay *r = &c->r;
	int sp[2];

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sp) < 0)
		return false;
	r->lfd = sp[0];
	r->rfd = sp[1];
	pthread_mutex_init(&r->m, NULL);
	pthread_cond_init(&r->cv, NULL);
	c->q.last = '\n';
	r->running = pthread_create(&r->thread, NULL, vty_relay, c) == 0;
	if (!r->running) {
		close(sp[0]);
		close(sp[1]);
		pthread_mutex_destroy(&r->m);
		pthread_cond_destroy(&r->cv);
	}
	return r->running;
}

/* After cli_loop (it closed libcli's end): the relay has seen that. */
static void relay_stop(struct vty_conn *c)
{
	pthread_join(c->r.thread, NULL);
	close(c->r.rfd);
	pthread_mutex_destroy(&c->r.m);
	pthread_cond_destroy(&c->r.cv);
}

/* Read one line without echo, skipping telnet commands: 0, -1 when the
 * client went away, -2 when the whole line did not come within ms (a
 * client trickling bytes, or an endless subnegotiation, is cut off there
 * rather than holding the line).  The LF or NUL a telnet client sends
 * after the CR that ended the previous line is skipped, so it never
 * counts as an empty (failed) password. */
static int read_field(int fd, char *buf, size_t len, unsigned ms, bool echo);

static int read_secret(int fd, char *buf, size_t len, unsigned ms)
{
	return read_field(fd, buf, len, ms, false);
}

/* A line typed at a login prompt, echoed (a user name) or not (a
 * password; the telnet client was told we echo, so it does not either);
 * 0, -1 when the connection ends, -2 when ms run out first. */
static int read_field(int fd, char *buf, size_t len, unsigned ms, bool echo)
{
	size_t n = 0;
	int iac = 0;
	bool start = true;
	long deadline = mono_ms() + ms;

	for (;;) {
		struct pollfd pfd = { .fd = fd, .events = POLLIN };
		unsigned char c;
		ssize_t r;
		long left = deadline - mono_ms();
		int pr;

		if (left <= 0 || (pr = poll(&pfd, 1, (int)left)) == 0)
			return -2;
		if (pr < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		r = read(fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (iac == 1) {
			iac = c == TELNET_SB ? 3 : (c >= TELNET_WILL ? 2 : 0);
			continue;
		}
		if (iac == 2) {
			iac = 0;
			continue;
		}
		if (iac == 3) {
			if (c == TELNET_IAC)
				iac = 4;
			continue;
		}
		if (iac == 4) {
			iac = c == TELNET_SE ? 0 : 3;
			continue;
		}
		if (c == TELNET_IAC) {
			iac = 1;
			continue;
		}
		if (start && (c == '\n' || c == 0))
			continue;
		start = false;
		if (c == '\r' || c == '\n')
			break;
		if (c == 0)
			continue;
		if (c == 8 || c == 127) {
			if (n > 0) {
				n--;
				if (echo)
					sendstr(fd, "\b \b");
			}
			continue;
		}
		if (n + 1 < len) {
			buf[n++] = c;
			if (echo && c >= ' ' && c <= '~')
				sendall(fd, (const char *)&c, 1);
		}
	}
	buf[n] = '\0';
	return 0;
}

/* cli_loop runs a command at its CR; the LF or NUL a telnet client sends
 * after it is still queued and must not count as the next key or line. */
static void drain_eol(int fd)
{
	unsigned char c;

	while (recv(fd, &c, 1, MSG_PEEK | MSG_DONTWAIT) == 1 && (c == '\n' || c == 0))
		if (recv(fd, &c, 1, 0) != 1)
			break;
}

/*
 * A key at the --More-- prompt.  As on IOS, the prompt waits as long as
 * the line's exec-timeout lets a session sit idle (forever with
 * 'exec-timeout 0 0'); when that runs out the session ends, as it would at
 * the command prompt: the rest of the output is dropped and reading is
 * shut down, so the shell loop sees the end of the connection.
 */
static int vty_getkey(struct shell_sess *s)
{
	static const char more[] = " --More-- ", erase[] = "\r          \r";
	unsigned left = s->idle_secs;	/* up to 72 days: waited an hour at a time */
	int iac = 0;

	drain_eol(s->fd);
	vty_say(s, more);
	for (;;) {
		struct pollfd pfd = { .fd = s->fd, .events = POLLIN };
		unsigned step = left > 3600 ? 3600 : left;
		unsigned char c;
		ssize_t r;
		int n = poll(&pfd, 1, s->idle_secs ? (int)step * 1000 : -1);

		if (n < 0 && errno == EINTR)
			continue;
		if (n == 0 && (left -= step) > 0)
			continue;
		if (n == 0) {
			vty_say(s, "\r\n");
			shutdown(s->fd, SHUT_RD);
			return -1;
		}
		if (n < 0)
			return -1;
		r = read(s->fd, &c, 1);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		if (iac) {
			iac = (iac == 1 && c >= TELNET_WILL) ? 2 : 0;
			continue;
		}
		if (c == TELNET_IAC) {
			iac = 1;
			continue;
		}
		vty_say(s, erase);
		return c;
	}
}

static int vty_getpass(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	struct vty_conn *c = s->out_arg;
	int rc;

	drain_eol(s->fd);
	vty_say(s, prompt);
	rc = read_secret(s->fd, buf, len, c->response_ms);
	vty_say(s, rc == -2 ? TIMED_OUT : "\r\n");
	return rc;
}

static const unsigned char telnet_will[] = { TELNET_IAC, TELNET_WILL, TELNET_ECHO,
					     TELNET_IAC, TELNET_WILL, TELNET_SGA };

/*
 * 'login local': a user name (echoed) and its password, three tries, as
 * IOS asks them.  The name and privilege level of the user who got in in
 * user and *priv.
 */
static bool vty_login_local(struct vty_conn *c, unsigned *priv, char *user, size_t ulen)
{
	char name[SHELL_USER_NAME_MAX + 1], pw[SHELL_KEY_MAX];
	int rc;

	sendall(c->fd, (const char *)telnet_will, sizeof(telnet_will));
	sendstr(c->fd, "\r\n\r\nUser Access Verification\r\n");
	for (int i = 0; i < 3; i++) {
		sendstr(c->fd, "\r\nUsername: ");
		if ((rc = read_field(c->fd, name, sizeof(name), c->response_ms, true)) != 0)
			break;
		pw[0] = '\0';
		if (!shell_user_nopassword(c->srv->sh, name)) {
			sendstr(c->fd, "\r\nPassword: ");
			drain_eol(c->fd);
			if ((rc = read_secret(c->fd, pw, sizeof(pw), c->response_ms)) != 0)
				break;
		}
		if (shell_user_check(c->srv->sh, name, pw, priv) == 0) {
			OPENSSL_cleanse(pw, sizeof(pw));
			snprintf(user, ulen, "%.*s", (int)ulen - 1, name);	/* it matched: it fits */
			sendstr(c->fd, "\r\n");
			return true;
		}
		OPENSSL_cleanse(pw, sizeof(pw));
		sendstr(c->fd, "\r\n% Login invalid\r\n");
		/* Logged, counted, then the login delay: this thread only. */
		shell_login_failed(c->srv->sh, name, c->peer, c->srv->port);
		if (!c->quiet_exempt && shell_login_quiet(c->srv->sh))
			return false;
	}
	OPENSSL_cleanse(pw, sizeof(pw));
	if (rc == -2)
		sendstr(c->fd, "\r\n% Username:  timeout expired!\r\n");
	return false;
}

/* A line of text a command asks for (a banner's, a [confirm] answer),
 * echoed as typed after the prompt (a single line, maybe ending in \n); the
 * line's exec-timeout bounds the wait, as at the prompt. */
static int vty_gettext(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	unsigned ms = s->idle_secs && s->idle_secs < 24 * 3600 ? s->idle_secs * 1000u : 24u * 3600 * 1000;
	int rc;

	shell_flush(s);	/* what the command printed first, before the prompt */
	if (prompt) {	/* as telnet ends lines */
		size_t n = strlen(prompt);
		bool nl = n && prompt[n - 1] == '\n';
		char *p = strndup(prompt, n - nl);

		if (p)
			vty_say(s, p);
		free(p);
		if (nl)
			vty_say(s, "\r\n");
	}
	drain_eol(s->fd);
	rc = read_field(s->fd, buf, len, ms, true);
	relay_sync(s->out_arg);	/* the echo, written to libcli's end, first */
	vty_say(s, "\r\n");
	return rc == 0 ? 0 : -1;
}

/* A banner's text on the connection, its lines ended as telnet ends them. */
static void send_banner(int fd, const char *text)
{
	const char *p = text, *nl;

	if (!text[0])
		return;
	if (text[0] != '\n')	/* on a line of its own */
		sendstr(fd, "\r\n");
	while ((nl = strchr(p, '\n'))) {
		sendall(fd, p, (size_t)(nl - p));
		sendstr(fd, "\r\n");
		p = nl + 1;
	}
	if (*p) {
		sendstr(fd, p);
		sendstr(fd, "\r\n");
	}
}

static bool vty_login(struct vty_conn *c, const char *password)
{
	char pw[SHELL_KEY_MAX];
	int rc;

	if (!password[0]) {
		sendstr(c->fd, "\r\nPassword required, but none set\r\n");
		return false;
	}
	sendall(c->fd, (const char *)telnet_will, sizeof(telnet_will));
	sendstr(c->fd, "\r\n\r\nUser Access Verification\r\n");
	for (int i = 0; i < 3; i++) {
		sendstr(c->fd, "\r\nPassword: ");
		if ((rc = read_secret(c->fd, pw, sizeof(pw), c->response_ms)) != 0) {
			if (rc == -2)
				sendstr(c->fd, TIMED_OUT);
			OPENSSL_cleanse(pw, sizeof(pw));
			return false;
		}
		if (strlen(pw) == strlen(password) && CRYPTO_memcmp(pw, password, strlen(pw)) == 0) {
			OPENSSL_cleanse(pw, sizeof(pw));
			sendstr(c->fd, "\r\n");
			return true;
		}
		/* Logged, counted, then the login delay: this thread only. */
		shell_login_failed(c->srv->sh, "", c->peer, c->srv->port);
		if (!c->quiet_exempt && shell_login_quiet(c->srv->sh))
			break;
	}
	OPENSSL_cleanse(pw, sizeof(pw));
	sendstr(c->fd, "\r\n% Bad passwords\r\n");
	return false;
}

/*
 * cli_loop() starts every session in user EXEC and shows the prompt before
 * anything of ours runs, so a privilege 15 user ('login local') starts
 * with an empty prompt and the regular callback due at once: here it
 * enables, puts the interval back and has libcli show the prompt again,
 * now "host#", before the first key is read.
 */
static int vty_regular(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_conn *c = s->out_arg;
	struct timespec now;
	char *held;

	if (c)
		relay_sync(c);
	if (c && c->enable_pending) {
		c->enable_pending = false;
		shell_set_priv(cli, SHELL_PRIV_ENABLE);
		cli->timeout_tm = c->regular_tm;
		cli->showprompt = 1;
	}
	/* 'logging synchronous': the lines held while the user typed, each
	 * on a line of its own, then the prompt and what was typed again
	 * (libcli writes both when showprompt is set).  The loop comes back
	 * every VTY_SYNC_MS while the line holds lines, else every second. */
	if (c && (held = shell_logq_text(&s->monq, "\r\n"))) {
		vty_say(s, held);
		free(held);
		cli->showprompt = 1;
	}
	if (c && !c->enable_pending) {
		bool sync = atomic_load(&s->sync_async) != SHELL_SYNC_OFF && s->monitor >= 0;

		cli->timeout_tm.tv_sec = sync ? 0 : 1;
		cli->timeout_tm.tv_usec = sync ? VTY_SYNC_MS * 1000 : 0;
	}
	clock_gettime(CLOCK_MONOTONIC, &now);
	if (c && now.tv_sec == c->synced)
		return s->quit ? CLI_QUIT : CLI_OK;
	if (c)
		c->synced = now.tv_sec;
	shell_lock(s->sh);
	shell_sync(s);
	/* 'absolute-timeout': the session ends that long after its login,
	 * busy or not (the line's setting as it is now). */
	if (c && s->sh->conf.vty[c->line].absolute_min &&
	    now.tv_sec - c->login_mono >= (time_t)s->sh->conf.vty[c->line].absolute_min * 60) {
		shell_unlock(s->sh);
		vty_say(s, "\r\n% Absolute timeout expired: the session ends\r\n");
		return CLI_QUIT;
	}
	shell_unlock(s->sh);
	return s->quit ? CLI_QUIT : CLI_OK;
}

/* 'clear line vty N' from another session (sess_mtx held: the session,
 * and so its connection, are still there): the client's socket shut
 * down; the relay then sees the end, and the session ends as at a
 * logout. */
static void vty_hangup(struct shell_sess *s)
{
	struct vty_conn *c = s->out_arg;

	if (c)
		shutdown(c->fd, SHUT_RDWR);
}

static void *vty_session(void *arg)
{
	struct vty_conn *c = arg;
	struct vty_server *v = c->srv;
	struct shell *sh = v->sh;
	struct vty_line_conf lc;
	struct shell_sess *s;
	unsigned priv = 1;		/* a local user's level ('login local') */
	char user[SHELL_USER_NAME_MAX] = "";
	struct { char text[SHELL_BANNERS][SHELL_BANNER_MAX]; } *banners = NULL;
	int myfd = dup(c->fd);

	pthread_setname_np(pthread_self(), "vty session");
	pthread_mutex_lock(&v->mtx);
	c->myfd = myfd;
	pthread_mutex_unlock(&v->mtx);
	if (!(banners = malloc(sizeof(*banners)))) {
		close(c->fd);
		goto done;
	}
	shell_lock(sh);
	lc = sh->conf.vty[c->line];
	for (int k = 0; k < SHELL_BANNERS; k++)
		shell_banner_text(sh, k, banners->text[k], sizeof(banners->text[k]));
	shell_unlock(sh);
	c->response_ms = (lc.login_response ? lc.login_response : SHELL_LOGIN_RESPONSE) * 1000u;
	/* 'login block-for' quiet mode: closed before the password prompt
	 * (unless 'login quiet-mode access-class' lets this client by). */
	if (myfd >= 0 && !c->quiet_exempt && shell_login_quiet(sh)) {
		shell_login_refused(sh, false);
		close(c->fd);
		goto done;
	}

	/* As IOS: the motd, the login banner when a login follows, and the
	 * exec banner once in. */
	if (myfd >= 0) {
		send_banner(c->fd, banners->text[SHELL_BANNER_MOTD]);
		if (lc.login || lc.login_local)
			send_banner(c->fd, banners->text[SHELL_BANNER_LOGIN]);
	}
	if (myfd < 0 || (lc.login && !vty_login(c, lc.password)) ||
	    (lc.login_local && !vty_login_local(c, &priv, user, sizeof(user))) ||
	    !(s = shell_sess_new(sh, SHELL_VTY, NULL, NULL))) {
		close(c->fd);
		goto done;
	}
	send_banner(c->fd, banners->text[SHELL_BANNER_EXEC]);
	if (!outq_start(c, myfd)) {
		shell_sess_free(s);
		close(c->fd);
		goto done;
	}
	if (!relay_start(c)) {
		shell_sess_free(s);
		outq_stop(&c->q);
		close(c->fd);
		goto done;
	}
	s->out = vty_out;
	s->out_arg = c;
	s->raw = vty_raw;
	s->drain = vty_drain;
	s->enter = vty_enter;
	s->fd = c->r.lfd;
	s->vty_line = c->line;
	pthread_mutex_lock(&sh->sess_mtx);
	sh->line_uses[1 + c->line]++;
	pthread_mutex_unlock(&sh->sess_mtx);
	s->getpass = vty_getpass;
	s->gettext = vty_gettext;
	s->hangup = vty_hangup;
	s->getkey = vty_getkey;
	shell_sess_take_line(s, &lc, false);	/* history, length, width */
	snprintf(s->peer, sizeof(s->peer), "%s", c->peer);
	snprintf(s->user, sizeof(s->user), "%s", user);
	/* The line's level ('privilege level'), unless a local user logged
	 * in with theirs. */
	if (!lc.login_local && lc.privilege)
		priv = lc.privilege - 1;
	s->login_priv = priv;
	cli_regular(s->cli, vty_regular);
	if (priv >= 15) {
		c->enable_pending = true;
		c->regular_tm = s->cli->timeout_tm;
		s->cli->timeout_tm.tv_sec = 0;
		s->cli->timeout_tm.tv_usec = 0;
		cli_set_hostname(s->cli, "");
		cli_set_promptchar(s->cli, "");
	}
	s->idle_secs = lc.timeout_min * 60 + lc.timeout_sec;
	if (s->idle_secs)
		cli_set_idle_timeout(s->cli, s->idle_secs);
	{
		struct timespec t0;

		clock_gettime(CLOCK_MONOTONIC, &t0);
		c->login_mono = t0.tv_sec;
	}
	shell_login_succeeded(sh, user, c->peer, v->port);
	log_msg(LOG_INFO, "%%SYS-6-LOGGEDIN: vty %d from %s", c->line, c->peer);

	cli_loop(s->cli, c->r.lfd);	/* closes libcli's end */

	log_msg(LOG_INFO, "%%SYS-6-LOGOUT: vty %d from %s", c->line, c->peer);
	shell_monitor(s, false);
	relay_stop(c);
	shell_sess_free(s);
	outq_stop(&c->q);
	close(c->fd);
done:
	free(banners);
	pthread_mutex_lock(&v->mtx);
	if (myfd >= 0)
		close(myfd);
	v->used[c->line] = false;
	c->done = true;
	pthread_mutex_unlock(&v->mtx);
	return NULL;
}

static void conn_free(struct vty_conn *c)
{
	pthread_mutex_destroy(&c->q.m);
	pthread_cond_destroy(&c->q.cv);
	free(c);
}

/* Join the threads of sessions that have ended. */
static void reap(struct vty_server *v, bool all)
{
	for (;;) {
		struct vty_conn **pp, *c = NULL;

		pthread_mutex_lock(&v->mtx);
		for (pp = &v->conns; *pp; pp = &(*pp)->next) {
			if ((*pp)->done || all) {
				c = *pp;
				*pp = c->next;
				break;
			}
		}
		pthread_mutex_unlock(&v->mtx);
		if (!c)
			return;
		pthread_join(c->thread, NULL);
		conn_free(c);
	}
}

/* An IPv4 socket address (an IPv4 client of an IPv6 listener comes as
 * ::ffff:A), host order; false for IPv6. */
static bool sock_v4(const struct sockaddr_storage *ss, uint32_t *a, uint16_t *port)
{
	if (ss->ss_family == AF_INET) {
		*a = ntohl(((const struct sockaddr_in *)ss)->sin_addr.s_addr);
		*port = ntohs(((const struct sockaddr_in *)ss)->sin_port);
		return true;
	}
	if (ss->ss_family == AF_INET6 && IN6_IS_ADDR_V4MAPPED(&((const struct sockaddr_in6 *)ss)->sin6_addr)) {
		memcpy(a, ((const struct sockaddr_in6 *)ss)->sin6_addr.s6_addr + 12, 4);
		*a = ntohl(*a);
		*port = ntohs(((const struct sockaddr_in6 *)ss)->sin6_port);
		return true;
	}
	return false;
}

/* An IPv6 peer that is not an IPv4 one in disguise (::ffff:A). */
static bool sock_v6(const struct sockaddr_storage *ss, uint8_t a[16], uint16_t *port)
{
	const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)ss;

	if (ss->ss_family != AF_INET6 || IN6_IS_ADDR_V4MAPPED(&s6->sin6_addr))
		return false;
	memcpy(a, s6->sin6_addr.s6_addr, 16);
	*port = ntohs(s6->sin6_port);
	return true;
}

static void accept_one(struct vty_server *v)
{
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	struct timeval tv = { .tv_sec = 10 };
	struct vty_conn *c;
	char host[NI_MAXHOST] = "?";
	int fd, line = -1, busy = 0;
	bool denied = false, ka, exempt = false;

	if ((fd = accept(v->lfd, (struct sockaddr *)&ss, &sl)) < 0)
		return;
	if (fd >= FD_SETSIZE) {
		/* cli_loop uses select(). */
		close(fd);
		return;
	}
	setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
	getnameinfo((struct sockaddr *)&ss, sl, host, sizeof(host), NULL, 0, NI_NUMERICHOST);

	shell_lock(v->sh);
	pthread_mutex_lock(&v->mtx);
	for (int i = 0; i < SHELL_VTY_MAX; i++) {
		const struct vty_line_conf *l = &v->sh->conf.vty[i];

		if (!l->present || !shell_line_telnet(l))
			continue;
		if (v->used[i])
			busy++;
		else if (line < 0)
			line = i;
	}
	if (line >= 0)
		v->used[line] = true;
	pthread_mutex_unlock(&v->mtx);
	/* The line's 'access-class LIST in' for IPv4 clients (an IPv4 client
	 * of an IPv6 listener comes as ::ffff:A), 'ipv6 access-class' for IPv6
	 * ones; a list of the other family lets a client by.  'login
	 * quiet-mode access-class LIST': a client it permits (a list of its
	 * family, with entries) may log in in quiet mode too. */
	if (line >= 0) {
		const struct vty_line_conf *lc = &v->sh->conf.vty[line];
		const char *qacl = v->sh->conf.quiet_acl;
		struct sockaddr_storage me;
		socklen_t ml = sizeof(me);
		struct acl_pkt p = { .proto = 6, .l4 = true, .tcp_flags = 0x02 };	/* its SYN */

		bool mine = getsockname(fd, (struct sockaddr *)&me, &ml) == 0, known = false;

		if (mine && sock_v4(&ss, &p.src, &p.sport) && sock_v4(&me, &p.dst, &p.dport)) {
			denied = lc->access_class[0] && !shell_acl_permits(v->sh, lc->access_class, &p);
			known = true;
		} else if (mine && sock_v6(&ss, p.src6, &p.sport) && sock_v6(&me, p.dst6, &p.dport)) {
			p.v6 = true;
			denied = lc->access_class6[0] && !shell_acl_permits(v->sh, lc->access_class6, &p);
			known = true;
		}
		exempt = known && qacl[0] && v->sh->router && router_acl_has_rules(v->sh->router, p.v6, qacl) &&
			 shell_acl_permits(v->sh, qacl, &p);
	}
	ka = v->sh->conf.tcp_keepalives_in;
	shell_unlock(v->sh);

	/* 'service tcp-keepalives-in': a client silent for a minute is
	 * probed every minute, and dropped after four unanswered probes
	 * (IOS's figures); the line then frees as for any close. */
	if (!denied && line >= 0 && ka) {
		int on = 1, idle = 60, intvl = 60, cnt = 4;

		setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof(on));
		setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &idle, sizeof(idle));
		setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &intvl, sizeof(intvl));
		setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &cnt, sizeof(cnt));
	}
	if (denied) {
		/* As IOS: closed before the banner and the password prompt. */
		pthread_mutex_lock(&v->mtx);
		v->used[line] = false;
		pthread_mutex_unlock(&v->mtx);
		close(fd);
		return;
	}

	if (line < 0) {
		char msg[128];

		snprintf(msg, sizeof(msg), "%% All %d vty lines are busy; try again later\r\n", busy);
		if (busy)
			shell_login_refused(v->sh, true);
		sendstr(fd, busy ? msg : "% No vty line accepts telnet (transport input)\r\n");
		close(fd);
		return;
	}
	if (!(c = calloc(1, sizeof(*c)))) {
		close(fd);
		goto release;
	}
	c->srv = v;
	c->fd = fd;
	c->myfd = -1;
	pthread_mutex_init(&c->q.m, NULL);
	pthread_cond_init(&c->q.cv, NULL);
	c->line = line;
	c->quiet_exempt = exempt;
	snprintf(c->peer, sizeof(c->peer), "%s", host);
	pthread_mutex_lock(&v->mtx);
	c->next = v->conns;
	v->conns = c;
	pthread_mutex_unlock(&v->mtx);
	if (pthread_create(&c->thread, NULL, vty_session, c) == 0)
		return;
	pthread_mutex_lock(&v->mtx);
	v->conns = c->next;
	pthread_mutex_unlock(&v->mtx);
	close(fd);
	conn_free(c);
release:
	pthread_mutex_lock(&v->mtx);
	v->used[line] = false;
	pthread_mutex_unlock(&v->mtx);
}

static void *vty_listener(void *arg)
{
	struct vty_server *v = arg;

	pthread_setname_np(pthread_self(), "vty listener");
	for (;;) {
		struct pollfd pfd[2] = {
			{ .fd = v->lfd, .events = POLLIN },
			{ .fd = v->stop_pipe[0], .events = POLLIN },
		};

		if (poll(pfd, 2, 1000) < 0 && errno != EINTR)
			break;
		if (pfd[1].revents)
			break;
		if (pfd[0].revents & POLLIN)
			accept_one(v);
		reap(v, false);
	}
	return NULL;
}

struct vty_server *vty_start(struct shell *sh, const char *addr, int port, char *err, size_t errlen)
{
	struct addrinfo hints = { .ai_flags = AI_NUMERICHOST | AI_PASSIVE, .ai_socktype = SOCK_STREAM }, *ai;
	struct sockaddr_storage ss;
	socklen_t sl = sizeof(ss);
	struct vty_server *v;
	char portstr[16];
	int on = 1, rc;

	snprintf(portstr, sizeof(portstr), "%d", port);
	if ((rc = getaddrinfo(addr, portstr, &hints, &ai)) != 0) {
		snprintf(err, errlen, "%s: %s", addr, gai_strerror(rc));
		return NULL;
	}
	if (!(v = calloc(1, sizeof(*v)))) {
		freeaddrinfo(ai);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	v->sh = sh;
	v->stop_pipe[0] = v->stop_pipe[1] = -1;
	pthread_mutex_init(&v->mtx, NULL);
	v->lfd = socket(ai->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (v->lfd < 0 || setsockopt(v->lfd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)) < 0 ||
	    bind(v->lfd, ai->ai_addr, ai->ai_addrlen) < 0 || listen(v->lfd, 8) < 0 ||
	    getsockname(v->lfd, (struct sockaddr *)&ss, &sl) < 0 || pipe(v->stop_pipe) < 0) {
		snprintf(err, errlen, "%s port %d: %s", addr, port, strerror(errno));
		goto fail;
	}
	freeaddrinfo(ai);
	ai = NULL;
	v->port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port
						 : ((struct sockaddr_in *)&ss)->sin_port);
	if (pthread_create(&v->thread, NULL, vty_listener, v) != 0) {
		snprintf(err, errlen, "cannot start the listener thread");
		goto fail;
	}
	return v;
fail:
	if (ai)
		freeaddrinfo(ai);
	if (v->lfd >= 0)
		close(v->lfd);
	if (v->stop_pipe[0] >= 0) {
		close(v->stop_pipe[0]);
		close(v->stop_pipe[1]);
	}
	pthread_mutex_destroy(&v->mtx);
	free(v);
	return NULL;
}

int vty_port(const struct vty_server *v)
{
	return v->port;
}

void vty_stop(struct vty_server *v)
{
	if (!v)
		return;
	if (write(v->stop_pipe[1], "x", 1) < 0)
		log_msg(LOG_WARNING, "vty: cannot wake the listener: %s", strerror(errno));
	pthread_join(v->thread, NULL);
	close(v->lfd);
	/* Ending the sessions: their cli_loop sees end of file. */
	pthread_mutex_lock(&v->mtx);
	for (struct vty_conn *c = v->conns; c; c = c->next)
		if (!c->done && c->myfd >= 0)
			shutdown(c->myfd, SHUT_RDWR);
	pthread_mutex_unlock(&v->mtx);
	reap(v, true);
	close(v->stop_pipe[0]);
	close(v->stop_pipe[1]);
	pthread_mutex_destroy(&v->mtx);
	free(v);
}
