/*
 * DOC: the router's time zone; the contract is in clockzone.h
 *
 * Local time under a configured zone is computed with gmtime_r() on the
 * shifted instant, never by changing TZ (the process is threaded, and
 * the host's zone stays the default).
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "clockzone.h"

static pthread_mutex_t zmtx = PTHREAD_MUTEX_INITIALIZER;
static struct clock_zone zone;

void clock_rule_us(struct clock_zone *z)
{
	z->start = (struct clock_rule){ .week = 2, .wday = 0, .mon = 2, .min = 120 };
	z->end = (struct clock_rule){ .week = 1, .wday = 0, .mon = 10, .min = 120 };
	z->soffset_min = 60;
}

void clock_zone_set(const struct clock_zone *z)
{
	pthread_mutex_lock(&zmtx);
	zone = *z;
	pthread_mutex_unlock(&zmtx);
}

void clock_zone_get(struct clock_zone *z)
{
	pthread_mutex_lock(&zmtx);
	*z = zone;
	pthread_mutex_unlock(&zmtx);
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* The rule's day in year y at its time, as seconds of that (shifted)
 * clock since the epoch. */
static time_t rule_time(int y, const struct clock_rule *r)
{
	static const int mdays[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	struct tm tm = { .tm_year = (r->year ? r->year : y) - 1900, .tm_mon = r->mon, .tm_mday = 1 };
	int ndays = mdays[r->mon] + (r->mon == 1 && leap(y)), first, day;
	time_t t = timegm(&tm);

	if (r->year)	/* a date: that day, whatever the year asked */
		return t + (time_t)(r->mday - 1) * 86400 + (time_t)r->min * 60;

	first = (r->wday - tm.tm_wday + 7) % 7 + 1;	/* timegm set tm_wday */
	if (r->week >= 5) {
		day = first;
		while (day + 7 <= ndays)
			day += 7;
	} else {
		day = first + 7 * (r->week - 1);
	}
	return t + (time_t)(day - 1) * 86400 + (time_t)r->min * 60;
}

/* Summer time of z at std, an instant of z's standard clock: in it? Its
 * bounds, on that clock, in *s and *e. */
static bool in_summer(const struct clock_zone *z, time_t std, time_t *s, time_t *e)
{
	struct tm tm;

	gmtime_r(&std, &tm);
	*s = rule_time(tm.tm_year + 1900, &z->start);
	/* The end is given in summer time. */
	*e = rule_time(tm.tm_year + 1900, &z->end) - (time_t)z->soffset_min * 60;
	if (z->start.year)	/* one period, never over a new year */
		return std >= *s && std < *e;
	if (*s < *e)
		return std >= *s && std < *e;
	return std >= *s || std < *e;
}

void clock_local(time_t t, struct tm *tm, char *name, size_t len)
{
	struct clock_zone z;
	time_t std, s, e;

	clock_zone_get(&z);
	if (!z.set && !z.summer) {
		localtime_r(&t, tm);
		strftime(name, len, "%Z", tm);
		return;
	}
	std = t + (time_t)(z.set ? z.offset_min : 0) * 60;
	if (z.summer && in_summer(&z, std, &s, &e)) {
		std += (time_t)z.soffset_min * 60;
		snprintf(name, len, "%s", z.sname);
	} else {
		snprintf(name, len, "%s", z.set ? z.name : "UTC");
	}
	gmtime_r(&std, tm);
}

bool clock_summer_span(time_t t, time_t *start, time_t *end)
{
	struct clock_zone z;
	time_t off, s, e;

	clock_zone_get(&z);
	if (!z.summer)
		return false;
	off = (time_t)(z.set ? z.offset_min : 0) * 60;
	in_summer(&z, t + off, &s, &e);
	*start = s - off;
	*end = e - off;
	return true;
}

static void when_fmt(time_t local, const char *name, char *buf, size_t len)
{
	struct tm tm;
	char hms[16], day[24];

	gmtime_r(&local, &tm);
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	strftime(day, sizeof(day), "%a %b ", &tm);
	snprintf(buf, len, "%s %s %s%d %d", hms, name, day, tm.tm_mday, tm.tm_year + 1900);
}

bool clock_summer_text(time_t t, char *start, char *end, size_t len)
{
	struct clock_zone z;
	time_t s, e, off;

	if (!clock_summer_span(t, &s, &e))
		return false;
	clock_zone_get(&z);
	off = (time_t)(z.set ? z.offset_min : 0) * 60;
	when_fmt(s + off, z.set ? z.name : "UTC", start, len);
	when_fmt(e + off + (time_t)z.soffset_min * 60, z.sname, end, len);
	return true;
}
