/*
 * DOC: time ranges: when an access list entry that names one is in effect
 *
 * As IOS's 'time-range NAME': at most one 'absolute [start T D] [end T D]'
 * (in effect from the start, if any, until the end, if any) and any
 * number of 'periodic' lines (up to TR_PERIODIC_MAX), each either a set
 * of days with a start and an end time on each of them ('periodic
 * weekdays 8:00 to 18:00'), or a single span from one day and time of the
 * week to another ('periodic Friday 18:00 to Monday 8:00', over the
 * week's end if the end comes first).  A range is in effect when it is
 * within its absolute span (or has none) and within one of its periodic
 * lines (or has none): a range with neither always is.  Ends are
 * exclusive ('to 18:00' ends at 18:00:00; 'to 24:00' at midnight), at a
 * minute's granularity, in the router's local time (clockzone.h: 'clock
 * timezone' and 'clock summer-time' move it).
 *
 * Pure data and one function; the router keeps whether each range is in
 * effect (src/router/acl.h), the shell the configuration (cli/cmd_trange.c).
 */
#ifndef LISPR_TIMERANGE_H
#define LISPR_TIMERANGE_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#define TR_PERIODIC_MAX	32
#define TR_DAILY	0x7f	/* bit d: day d of the week, 0 Sunday .. 6 Saturday */
#define TR_WEEKDAYS	0x3e
#define TR_WEEKEND	0x41

struct tr_periodic {
	uint8_t days;		/* the days it starts on (a single one with end_day) */
	int8_t end_day;		/* -1: ends on the day it starts */
	uint16_t start, end;	/* minutes after midnight; end 1..1440 (24:00) */
};

struct time_range {
	bool has_start, has_end;	/* 'absolute start', 'absolute end' */
	int64_t start, end;		/* local minutes since 1970-01-01 00:00 */
	unsigned np;
	struct tr_periodic p[TR_PERIODIC_MAX];
};

/* Minutes since 1970-01-01 00:00 of local date y-m-d (m 1..12) h:mi. */
int64_t tr_minutes(int y, int m, int d, int h, int mi);
/* Back: the date and time of local minute t. */
void tr_date(int64_t t, int *y, int *m, int *d, int *h, int *mi);
/* Is range t in effect at instant now (UTC), in the router's local time? */
bool time_range_active(const struct time_range *t, time_t now);
/* The same at local minute m and day of the week wday (0 Sunday). */
bool time_range_active_at(const struct time_range *t, int64_t m, int wday);

#endif
