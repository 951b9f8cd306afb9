/*
 * DOC: 'show processes cpu [sorted [5sec|1min|5min]]' (also '| json')
 *
 * IOS lists its processes with the CPU each used; lispr's processes are
 * the threads of the one Linux process: the event loop that forwards and
 * runs LISP ("router loop"), the console, the vty listener and one thread
 * per vty session, the signal thread, and this command's sampler.  The
 * figures come from the kernel: utime+stime of /proc/self/task/TID/stat
 * (Runtime), the voluntary and involuntary context switches of its status
 * file (Invoked: the times the thread was given the CPU), and their ratio
 * (uSecs, the CPU each run took).  The sampler thread ("cpu sampler")
 * reads them every 5 seconds, gives each thread its share of one CPU over
 * the last 5 seconds, and decays it into the one- and five-minute figures
 * as IOS does (exponentially, the 1Min and 5Min columns).  The header's
 * "five seconds: T%/K%" is the whole process's CPU and, after the slash,
 * the part spent in the kernel for it (system time: sending, the capture
 * socket), IOS's time at interrupt level; as in the columns, 100% is one
 * whole CPU, so a process using two cores shows up to 200%.  The sampler
 * keeps at most PROC_MAX threads (the first ones found); more are counted
 * in the header's line "N threads not shown".  The sampler starts with the
 * first use of the command (the shares stay 0 for its first 5 seconds);
 * Runtime and Invoked are the kernel's since each thread started.  Reading
 * /proc never holds the router lock: the sampler does not take it, and
 * the command (and 'exec prompt timestamp', proc_cpu_load()) lets it go
 * around the first sample.
 */
#include "config.h"

#include <dirent.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "cmd_proc.h"
#include "json.h"
#include "shell.h"

#define PROC_MAX	128
#define SAMPLE_S	5

struct proc {
	int tid;
	bool seen;
	char name[32];
	uint64_t runtime_us;	/* utime + stime */
	uint64_t stime_us;
	uint64_t invoked;	/* context switches */
	double p5s, p1m, p5m;	/* share of one CPU, 0..1 */
};

static struct {
	pthread_mutex_t mtx;
	struct proc p[PROC_MAX];
	unsigned n;
	unsigned hidden;	/* threads not kept: the table was full */
	double t5s, k5s, t1m, t5m;	/* the process */
	uint64_t last_ns;	/* time of the last sample, 0: none yet */
	uint64_t sum_rt, sum_st;	/* the process's at that sample */
	bool started;
	bool manual;		/* a test samples: no sampler thread */
} pc = { .mtx = PTHREAD_MUTEX_INITIALIZER };

static uint64_t mono_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* One thread's name, utime+stime and stime (us), context switches. */
static bool read_task(int tid, char *name, size_t namelen, uint64_t *rt, uint64_t *st,
		      uint64_t *inv)
{
	char path[64], buf[1024], *p, *q;
	unsigned long long ut = 0, stt = 0, v = 0, nv = 0;
	long hz = sysconf(_SC_CLK_TCK);
	FILE *f;
	size_t n;

	snprintf(path, sizeof(path), "/proc/self/task/%d/stat", tid);
	if (!(f = fopen(path, "re")))
		return false;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* "tid (comm) S ...": comm may hold spaces and parentheses. */
	if (!(p = strchr(buf, '(')) || !(q = strrchr(buf, ')')))
		return false;
	snprintf(name, namelen, "%.*s", (int)(q - p - 1), p + 1);
	/* After ')': state is field 3; utime and stime are fields 14, 15. */
	if (sscanf(q + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %llu %llu", &ut, &stt) != 2)
		return false;
	if (hz <= 0)
		hz = 100;
	*rt = (ut + stt) * 1000000ull / (unsigned long long)hz;
	*st = stt * 1000000ull / (unsigned long long)hz;
	snprintf(path, sizeof(path), "/proc/self/task/%d/status", tid);
	if ((f = fopen(path, "re"))) {
		while (fgets(buf, sizeof(buf), f)) {
			sscanf(buf, "voluntary_ctxt_switches: %llu", &v);
			sscanf(buf, "nonvoluntary_ctxt_switches: %llu", &nv);
		}
		fclose(f);
	}
	*inv = v + nv;
	return true;
}

/* Read every thread, give each its share since the last sample. */
static void sample(void)
{
	uint64_t now = mono_ns(), rt, st, inv, srt = 0, sst = 0;
	/* e^(-5/60) and e^(-5/300): the decay of a 5 s sample in the
	 * one- and five-minute figures. */
	double dt, d1 = 0.920044415, d5 = 0.983471454;
	char name[32];
	struct dirent *de;
	unsigned i, hidden = 0;
	DIR *d;

	if (!(d = opendir("/proc/self/task")))
		return;
	pthread_mutex_lock(&pc.mtx);
	dt = pc.last_ns ? (double)(now - pc.last_ns) / 1e9 : 0;
	for (i = 0; i < pc.n; i++)
		pc.p[i].seen = false;
	while ((de = readdir(d))) {
		int tid = atoi(de->d_name);
		struct proc *p = NULL;

		if (tid <= 0 || !read_task(tid, name, sizeof(name), &rt, &st, &inv))
			continue;
		srt += rt;
		sst += st;
		for (i = 0; i < pc.n; i++)
			if (pc.p[i].tid == tid)
				p = &pc.p[i];
		if (!p) {
			if (pc.n == PROC_MAX) {
				hidden++;
				continue;
			}
			p = &pc.p[pc.n++];
			memset(p, 0, sizeof(*p));
			p->tid = tid;
			/* New since the last sample: its whole runtime is recent. */
			p->runtime_us = pc.last_ns ? 0 : rt;
		}
		if (dt > 0) {
			double share = (double)(rt - (rt >= p->runtime_us ? p->runtime_us : rt)) / 1e6 / dt;

			p->p5s = share;
			p->p1m = p->p1m * d1 + share * (1 - d1);
			p->p5m = p->p5m * d5 + share * (1 - d5);
		}
		p->seen = true;
		snprintf(p->name, sizeof(p->name), "%s", name);
		p->runtime_us = rt;
		p->stime_us = st;
		p->invoked = inv;
	}
	closedir(d);
	/* Threads that ended leave the table. */
	for (i = 0; i < pc.n;)
		if (!pc.p[i].seen)
			pc.p[i] = pc.p[--pc.n];
		else
			i++;
	if (dt > 0) {
		double t = srt >= pc.sum_rt ? (double)(srt - pc.sum_rt) / 1e6 / dt : 0;
		double k = sst >= pc.sum_st ? (double)(sst - pc.sum_st) / 1e6 / dt : 0;

		pc.t5s = t;
		pc.k5s = k;
		pc.t1m = pc.t1m * d1 + t * (1 - d1);
		pc.t5m = pc.t5m * d5 + t * (1 - d5);
	}
	pc.sum_rt = srt;
	pc.sum_st = sst;
	pc.hidden = hidden;
	pc.last_ns = now;
	pthread_mutex_unlock(&pc.mtx);
}

static void *sampler(void *arg)
{
	struct timespec ts = { .tv_sec = SAMPLE_S };

	(void)arg;
	pthread_setname_np(pthread_self(), "cpu sampler");
	for (;;) {
		nanosleep(&ts, NULL);
		sample();
	}
	return NULL;
}

/* The sampler starts at the first 'show processes cpu' of the process:
 * until it has read the threads twice, 5 seconds later, the shares are 0. */
static void start_sampler(void)
{
	pthread_attr_t a;
	pthread_t t;

	if (pc.manual)
		return;
	sample();
	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	if (pthread_create(&t, &a, sampler, NULL) == 0)
		pc.started = true;
	pthread_attr_destroy(&a);
}

static pthread_once_t sampler_once = PTHREAD_ONCE_INIT;

enum sort_by { BY_NONE, BY_5S, BY_1M, BY_5M };
static enum sort_by sort_key;

static double key_of(const struct proc *p)
{
	return sort_key == BY_5M ? p->p5m : sort_key == BY_1M ? p->p1m : p->p5s;
}

static int by_cpu(const void *a, const void *b)
{
	double x = key_of(a), y = key_of(b);
	const struct proc *pa = a, *pb = b;

	if (x != y)
		return x < y ? 1 : -1;
	return pa->tid - pb->tid;
}

static int by_tid(const void *a, const void *b)
{
	return ((const struct proc *)a)->tid - ((const struct proc *)b)->tid;
}

static unsigned pct(double share)
{
	return (unsigned)(share * 100 + 0.5);
}

static uint64_t ppm(double share)
{
	return share > 0 ? (uint64_t)(share * 1e6 + 0.5) : 0;
}

static int tens(int digits)
{
	int t = 1;

	while (digits-- > 0 && t <= 100000000)
		t *= 10;
	return t;
}

void proc_cpu_sample(void)
{
	pc.manual = true;
	sample();
}

void proc_cpu_load(unsigned *t5s, unsigned *k5s, unsigned *t1m, unsigned *t5m)
{
	pthread_once(&sampler_once, start_sampler);
	if (!pc.started && !pc.manual)
		sample();
	pthread_mutex_lock(&pc.mtx);
	*t5s = pct(pc.t5s);
	*k5s = pct(pc.k5s);
	*t1m = pct(pc.t1m);
	*t5m = pct(pc.t5m);
	pthread_mutex_unlock(&pc.mtx);
}

static int cmd_show_proc_cpu(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char *const keys[] = { "5sec", "1min", "5min" };
	struct shell *sh = shell_sess_of(cli)->sh;
	struct proc *v;
	enum sort_by by = BY_NONE;
	unsigned n, i, hidden;
	int w;
	double t5s, k5s, t1m, t5m;

	if (argc >= 1) {
		if (strncasecmp(argv[0], "sorted", strlen(argv[0])))
			return shell_err_invalid(cli, 0);
		by = BY_5S;
		if (argc >= 2) {
			for (i = 0; i < 3; i++)
				if (!strncasecmp(argv[1], keys[i], strlen(argv[1])))
					break;
			if (i == 3)
				return shell_err_invalid(cli, 1);
			by = (enum sort_by)(BY_5S + i);
		}
		if (argc > 2)
			return shell_err_invalid(cli, 2);
	}
	/* Reading /proc (the first sample; the figures since the process
	 * started when there is no sampler thread) with the router lock let
	 * go. */
	shell_unlock(sh);
	pthread_once(&sampler_once, start_sampler);
	if (!pc.started && !pc.manual)
		sample();
	shell_lock(sh);
	pthread_mutex_lock(&pc.mtx);
	n = pc.n;
	if (!(v = malloc((n ? n : 1) * sizeof(*v)))) {
		pthread_mutex_unlock(&pc.mtx);
		cli_print(cli, "%% Out of memory");
		return CLI_ERROR;
	}
	if (n)		/* none sampled yet: pc.p may be NULL */
		memcpy(v, pc.p, n * sizeof(*v));
	t5s = pc.t5s, k5s = pc.k5s, t1m = pc.t1m, t5m = pc.t5m;
	hidden = pc.hidden;
	pthread_mutex_unlock(&pc.mtx);
	sort_key = by;
	qsort(v, n, sizeof(*v), by == BY_NONE ? by_tid : by_cpu);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_uint(&j, "cpu_5sec_ppm", ppm(t5s));
		json_uint(&j, "cpu_5sec_system_ppm", ppm(k5s));
		json_uint(&j, "cpu_1min_ppm", ppm(t1m));
		json_uint(&j, "cpu_5min_ppm", ppm(t5m));
		json_uint(&j, "threads_not_shown", hidden);
		json_begin(&j, "processes", '[');
		for (i = 0; i < n; i++) {
			json_begin(&j, NULL, '{');
			json_uint(&j, "pid", (uint64_t)v[i].tid);
			json_str(&j, "process", v[i].name);
			json_uint(&j, "runtime_ms", v[i].runtime_us / 1000);
			json_uint(&j, "system_ms", v[i].stime_us / 1000);
			json_uint(&j, "invoked", v[i].invoked);
			json_uint(&j, "usecs", v[i].invoked ? v[i].runtime_us / v[i].invoked : 0);
			json_uint(&j, "cpu_5sec_ppm", ppm(v[i].p5s));
			json_uint(&j, "cpu_1min_ppm", ppm(v[i].p1m));
			json_uint(&j, "cpu_5min_ppm", ppm(v[i].p5m));
			json_end(&j, '}');
		}
		json_end(&j, ']');
		json_end(&j, '}');
		free(v);
		return json_print(cli, &j);
	}
	cli_print(cli, "CPU utilization for five seconds: %u%%/%u%%; one minute: %u%%; five minutes: %u%%",
		  pct(t5s), pct(k5s), pct(t1m), pct(t5m));
	if (hidden)
		cli_print(cli, "%u threads not shown", hidden);
	/* IOS's PID column is 4 wide; Linux thread ids are often longer. */
	for (i = 0, w = 4; i < n; i++)
		while (w < 10 && v[i].tid >= tens(w))
			w++;
	cli_print(cli, "%*s Runtime(ms)     Invoked      uSecs   5Sec   1Min   5Min TTY Process",
		  w, "PID");
	for (i = 0; i < n; i++)
		cli_print(cli, "%*d %11llu %11llu %10llu %5.2f%% %5.2f%% %5.2f%% %3d %s",
			  w, v[i].tid, (unsigned long long)(v[i].runtime_us / 1000),
			  (unsigned long long)v[i].invoked,
			  (unsigned long long)(v[i].invoked ? v[i].runtime_us / v[i].invoked : 0),
			  v[i].p5s * 100, v[i].p1m * 100, v[i].p5m * 100, 0, v[i].name);
	free(v);
	return CLI_OK;
}

static void proc_cmds(struct cli_def *cli)
{
	const int U = SHELL_PRIV_USER, X = SHELL_EXEC;
	struct cli_command *show, *proc, *c;

	show = shell_node(cli, NULL, "show", U, X, "Show running system information");
	proc = shell_node(cli, show, "processes", U, X, "Active process statistics");
	c = shell_cmd(cli, proc, "cpu", cmd_show_proc_cpu, U, X, "Show CPU use per process");
	shell_arghelp(cli, c, "sorted\tSort output by percentage of CPU used\n"
			      "5sec\tSort by five seconds use\n"
			      "1min\tSort by one minute use\n"
			      "5min\tSort by five minutes use");
	shell_syntax(cli, c, "[sorted [5sec|1min|5min]]");
	shell_json_ok(cli, c);
}

const struct shell_feature shell_feature_proc = {
	.name = "proc",
	.cmds = proc_cmds,
};
