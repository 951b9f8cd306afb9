/*
 * DOC: 'show processes cpu' for tests: take a sample now
 *
 * The sampler thread reads every thread's CPU every 5 seconds; a test
 * calls proc_cpu_sample() before and after the work it wants to see, and
 * the shares shown are those of the time in between.  Once it is called
 * the process samples by hand only: the sampler thread is not started.
 */
#ifndef LISPR_CMD_PROC_H
#define LISPR_CMD_PROC_H

void proc_cpu_sample(void);
/* The process's CPU as 'show processes cpu' heads it, in percent: five
 * seconds (and its system part), one minute, five minutes. */
void proc_cpu_load(unsigned *t5s, unsigned *k5s, unsigned *t1m, unsigned *t5m);

#endif
