/*
 * DOC: the router's time zone ('clock timezone', 'clock summer-time')
 *
 * Without them local time is the host's (TZ, /etc/localtime), as for any
 * program on the machine.  With 'clock timezone NAME H [M]' local time is
 * UTC plus that offset and is called NAME, as on IOS, whatever the host
 * says; with 'clock summer-time SNAME recurring ...' as well, it is the
 * summer offset more (an hour by default) from the rule's start (given in
 * standard time) to its end (given in summer time) each year, and is
 * called SNAME meanwhile; a rule whose start comes after its end in the
 * year (the southern hemisphere's) holds over the new year.  'clock
 * summer-time SNAME date ...' gives one period by two dates instead (the
 * start in standard time, the end in summer time), outside of which there
 * is none.  Summer time without a time zone moves UTC.
 *
 * Process-wide, under a mutex of its own: the log's writer formats
 * timestamps with it and the shell sets it and prints the clock.
 */
#ifndef LISPR_CLOCKZONE_H
#define LISPR_CLOCKZONE_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define CLOCK_ZONE_NAME	16

/* A day of the year: the week-th wday of month mon (week 5: the last),
 * min minutes after midnight; or, with year set, the date mday mon year. */
struct clock_rule {
	int week;		/* 1-4, 5 for the last */
	int wday;		/* 0 Sunday .. 6 Saturday */
	int mon;		/* 0 January .. 11 December */
	int min;		/* 0 .. 1439 */
	int year, mday;		/* a date ('clock summer-time ... date'); year 0: none */
};

struct clock_zone {
	bool set;				/* 'clock timezone' */
	char name[CLOCK_ZONE_NAME];
	int offset_min;				/* east of UTC */
	bool summer;				/* 'clock summer-time' */
	char sname[CLOCK_ZONE_NAME];
	struct clock_rule start, end;
	int soffset_min;			/* 1 .. 1440, default 60 */
};

/* The US rule IOS takes for a bare 'recurring': the second Sunday of
 * March at 2:00 to the first Sunday of November at 2:00, an hour. */
void clock_rule_us(struct clock_zone *z);
void clock_zone_set(const struct clock_zone *z);
void clock_zone_get(struct clock_zone *z);
/* t as the router's local time: the fields in *tm (tm_zone unset), the
 * zone's name in zone. */
void clock_local(time_t t, struct tm *tm, char *zone, size_t len);
/* The summer time of t's year: its start and end as UTC instants; false
 * when none is configured. */
bool clock_summer_span(time_t t, time_t *start, time_t *end);
/* The same as IOS's 'show clock detail' words them: "02:00:00 PST Sun
 * Mar 8 2026" (the start on the standard clock, the end on the summer
 * one); false when none is configured. */
bool clock_summer_text(time_t t, char *start, char *end, size_t len);

#endif
