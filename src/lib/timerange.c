/*
 * DOC: time ranges; the contract is in timerange.h
 *
 * Dates become a count of local minutes (days from the civil calendar,
 * proleptic Gregorian), so an absolute span is two comparisons and a
 * periodic one a test on the minute of the week.
 */
#include "config.h"

#include "clockzone.h"
#include "timerange.h"

/* Days since 1970-01-01 of y-m-d (Howard Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int64_t tr_minutes(int y, int m, int d, int h, int mi)
{
	return days_from_civil(y, m, d) * 1440 + h * 60 + mi;
}

void tr_date(int64_t t, int *y, int *m, int *d, int *h, int *mi)
{
	int64_t z = (t >= 0 ? t : t - 1439) / 1440, era, doe, yoe, doy, mp;
	int64_t min = t - z * 1440;

	*h = (int)(min / 60);
	*mi = (int)(min % 60);
	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static bool periodic_has(const struct tr_periodic *p, int wmin)
{
	if (p->end_day < 0) {
		int day = wmin / 1440, min = wmin % 1440;

		return (p->days & (1u << day)) && min >= p->start && min < p->end;
	}
	for (int d = 0; d < 7; d++) {
		if (p->days & (1u << d)) {
			int s = d * 1440 + p->start, e = p->end_day * 1440 + p->end;

			if (s < e ? wmin >= s && wmin < e : wmin >= s || wmin < e)
				return true;
		}
	}
	return false;
}

bool time_range_active_at(const struct time_range *t, int64_t m, int wday)
{
	int wmin = wday * 1440 + (int)(((m % 1440) + 1440) % 1440);

	if ((t->has_start && m < t->start) || (t->has_end && m >= t->end))
		return false;
	if (!t->np)
		return true;
	for (unsigned i = 0; i < t->np; i++)
		if (periodic_has(&t->p[i], wmin))
			return true;
	return false;
}

bool time_range_active(const struct time_range *t, time_t now)
{
	struct tm tm;
	char zone[32];

	clock_local(now, &tm, zone, sizeof(zone));
	return time_range_active_at(t, tr_minutes(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min),
				    tm.tm_wday);
}
