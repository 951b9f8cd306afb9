/*
 * DOC: tests of 'show processes cpu' (cli/cmd_proc.c)
 *
 * A thread named "busy worker" burns 300 ms of its own CPU time between two
 * samples: it must be listed with that runtime, first in 'sorted' order,
 * with a 5-second share above zero, in the text and the JSON; once it has
 * ended the next sample drops it.  The layout follows IOS's header and
 * columns; bad arguments get IOS's invalid-input marker.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "cmd_proc.h"
#include "shell.h"
#include "test_shell_util.h"

/* The output of one command line (malloc'ed). */
static char *run(struct shell *sh, const char *line)
{
	return t_shell_run(sh, line, 0);
}

static double cpu_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static bool burnt, done;

/* Burn 300 ms of CPU, then wait until told to end. */
static void *busy(void *arg)
{
	double t0;
	volatile unsigned long x = 0;

	pthread_setname_np(pthread_self(), "busy worker");
	t0 = cpu_s();
	while (cpu_s() - t0 < 0.3)
		x++;
	pthread_mutex_lock(&mtx);
	burnt = true;
	pthread_cond_broadcast(&cv);
	while (!done)
		pthread_cond_wait(&cv, &mtx);
	pthread_mutex_unlock(&mtx);
	return NULL;
}

static void test_busy_thread(void)
{
	struct shell *sh = shell_new();
	pthread_t t;
	char *out, *line, *json, *p;
	unsigned long long rt;
	double s5;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	proc_cpu_sample();
	CU_ASSERT_EQUAL_FATAL(pthread_create(&t, NULL, busy, NULL), 0);
	pthread_mutex_lock(&mtx);
	while (!burnt)
		pthread_cond_wait(&cv, &mtx);
	pthread_mutex_unlock(&mtx);
	proc_cpu_sample();

	out = run(sh, "show processes cpu sorted");
	CU_ASSERT_EQUAL(strncmp(out, "CPU utilization for five seconds: ", 34), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, " Runtime(ms)     Invoked      uSecs   5Sec   1Min   "
				      "5Min TTY Process\n"));
	/* The busy thread is the first one listed, with its runtime. */
	line = strchr(strchr(out, '\n') + 1, '\n') + 1;
	CU_ASSERT_EQUAL(strncmp(strchr(line, '\n') - 12, " busy worker", 12), 0);
	CU_ASSERT_EQUAL(sscanf(line, "%*d %llu %*u %*u %lf%%", &rt, &s5), 2);
	CU_ASSERT(rt >= 250);
	CU_ASSERT(s5 > 0);
	free(out);

	json = run(sh, "show processes cpu sorted 5min | json");
	CU_ASSERT_EQUAL(strncmp(json, "{\"cpu_5sec_ppm\":", 16), 0);
	p = strstr(json, "\"processes\":[{\"pid\":");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	p = strstr(json, "\"process\":\"busy worker\",\"runtime_ms\":");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT(strtoull(p + strlen("\"process\":\"busy worker\",\"runtime_ms\":"), NULL, 10) >= 250);
	free(json);

	pthread_mutex_lock(&mtx);
	done = true;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mtx);
	pthread_join(t, NULL);
	proc_cpu_sample();
	out = run(sh, "show processes cpu");
	CU_ASSERT_PTR_NULL(strstr(out, "busy worker"));
	free(out);
	shell_free(sh);
}

static void test_errors(void)
{
	struct shell *sh = shell_new();
	char *out;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	out = run(sh, "show processes cpu bogus");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Invalid input detected at '^' marker."));
	free(out);
	out = run(sh, "show processes cpu sorted 2min");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Invalid input detected at '^' marker."));
	free(out);
	out = run(sh, "show processes cpu sorted 1min extra");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Invalid input detected at '^' marker."));
	free(out);
	out = run(sh, "sh proc cpu s 1m");
	CU_ASSERT_EQUAL(strncmp(out, "CPU utilization for five seconds: ", 34), 0);
	free(out);
	shell_free(sh);
}

static CU_TestInfo tests[] = {
	{ "a busy thread's share and runtime", test_busy_thread },
	{ "arguments", test_errors },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "show processes cpu", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
