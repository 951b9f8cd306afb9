/*
 * DOC: the time zone: 'clock timezone NAME H [M]', 'clock summer-time
 * NAME recurring [WEEK DAY MONTH HH:MM WEEK DAY MONTH HH:MM [OFFSET]]'
 *
 * As IOS: the zone names local time in 'show clock', 'show reload' and
 * the log's timestamps with 'service timestamps ... localtime'; without
 * 'clock timezone' lispr keeps the host's zone (src/lib/clockzone.h).  A
 * bare 'recurring' is the US rule (second Sunday of March to the first
 * Sunday of November, 2:00, an hour), which the running-config prints
 * back bare; other rules print whole, days and months as IOS abbreviates
 * them.  'clock summer-time NAME date START END [OFFSET]' gives one period
 * by two dates, each 'DAY MONTH YEAR HH:MM' or 'MONTH DAY YEAR HH:MM' (IOS
 * takes both, prints the second).  The configuration keeps it
 * (sh->conf.clock) and hands it to the clock, which is process-wide; a new
 * shell starts the clock on the host's zone again.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "clockzone.h"
#include "shell.h"

static const char *const days[7] = { "Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday" };
static const char *const months[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

/* A zone name: letters, digits and a few signs, 1-15 characters. */
static bool zone_name_ok(const char *w)
{
	size_t n = strlen(w);

	return n > 0 && n < CLOCK_ZONE_NAME && strspn(w, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
						       "0123456789+-_") == n;
}

/* The configuration's zone, and the clock's from now on. */
static void zone_apply(struct cli_def *cli, const struct clock_zone *z)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	sh->conf.clock = *z;
	clock_zone_set(z);
	if (sh->router)	/* the time ranges follow local time at once */
		router_time_ranges_eval(sh->router, time(NULL));
}

/* clock timezone NAME <-23 - 23> [<0-59>] */
static int cmd_timezone(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct clock_zone z;
	long h, m = 0;
	char *end;

	if (argc < 2)
		return shell_err_incomplete(cli);
	if (!zone_name_ok(argv[0]))
		return shell_err_invalid(cli, 0);
	h = strtol(argv[1], &end, 10);
	if (*end || end == argv[1] || h < -23 || h > 23)
		return shell_err_invalid(cli, 1);
	if (argc > 2 && (m = shell_arg_uint(cli, argv, argc, 2, 0, 59)) < 0)
		return CLI_ERROR;
	if (argc > 3)
		return shell_err_invalid(cli, 3);
	z = shell_sess_of(cli)->sh->conf.clock;
	z.set = true;
	snprintf(z.name, sizeof(z.name), "%s", argv[0]);
	/* -3 30 is three and a half hours west (IOS: the minutes follow
	 * the hours' sign; '-0 30' is written as it reads). */
	z.offset_min = (int)(h * 60 + (h < 0 || argv[1][0] == '-' ? -m : m));
	zone_apply(cli, &z);
	return CLI_OK;
}

static int cmd_no_timezone(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct clock_zone z = shell_sess_of(cli)->sh->conf.clock;

	z.set = false;
	z.offset_min = 0;
	z.name[0] = '\0';
	zone_apply(cli, &z);
	return CLI_OK;
}

static int pick(char **argv, int i, const char *const *words, int n)
{
	return shell_kw_pick(argv, i, words, n);
}

/* WEEK DAY MONTH HH:MM from argv[i]; the index after, or -1 (printed). */
static int rule_parse(struct cli_def *cli, char **argv, int argc, int i, struct clock_rule *r)
{
	static const char *const weeks[] = { "first", "last" };
	int k, hh, mm, used = 0;

	if (i + 4 > argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (strlen(argv[i]) == 1 && argv[i][0] >= '1' && argv[i][0] <= '4')
		r->week = argv[i][0] - '0';
	else if ((k = pick(argv, i, weeks, 2)) >= 0)
		r->week = k == 0 ? 1 : 5;
	else
		return shell_err_invalid(cli, i), -1;
	if ((k = pick(argv, i + 1, days, 7)) < 0)
		return shell_err_invalid(cli, i + 1), -1;
	r->wday = k;
	if ((k = pick(argv, i + 2, months, 12)) < 0)
		return shell_err_invalid(cli, i + 2), -1;
	r->mon = k;
	if (sscanf(argv[i + 3], "%d:%d%n", &hh, &mm, &used) != 2 || argv[i + 3][used] || hh < 0 || hh > 23 ||
	    mm < 0 || mm > 59)
		return shell_err_invalid(cli, i + 3), -1;
	r->min = hh * 60 + mm;
	return i + 4;
}

/* DAY MONTH YEAR HH:MM or MONTH DAY YEAR HH:MM from argv[i] (IOS's years,
 * 1993-2035); the index after, or -1 (printed). */
static int date_parse(struct cli_def *cli, char **argv, int argc, int i, struct clock_rule *r)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int d = i, m = i + 1, hh, mm, used = 0, k;
	long day, year;

	if (i + 4 > argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (pick(argv, i, months, 12) >= 0)
		d = i + 1, m = i;
	if ((k = pick(argv, m, months, 12)) < 0)
		return shell_err_invalid(cli, m), -1;
	if ((day = shell_arg_uint(cli, argv, argc, d, 1, mdays[k])) < 0 ||
	    (year = shell_arg_uint(cli, argv, argc, i + 2, 1993, 2035)) < 0)
		return -1;
	if (k == 1 && day == 29 && !((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return shell_err_invalid(cli, d), -1;
	if (sscanf(argv[i + 3], "%d:%d%n", &hh, &mm, &used) != 2 || argv[i + 3][used] || hh < 0 || hh > 23 ||
	    mm < 0 || mm > 59)
		return shell_err_invalid(cli, i + 3), -1;
	*r = (struct clock_rule){ .mon = k, .mday = (int)day, .year = (int)year, .min = hh * 60 + mm };
	return i + 4;
}

/* A date rule's instant on its own clock (for the order of the two). */
static long long date_key(const struct clock_rule *r)
{
	return ((long long)r->year * 12 + r->mon) * 31 * 1440 + (long long)(r->mday - 1) * 1440 + r->min;
}

/* clock summer-time NAME {recurring [START END] | date START END} [OFFSET] */
static int cmd_summer(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char *const kinds[] = { "recurring", "date" };
	struct clock_zone z;
	int i, k;

	if (argc < 2)
		return shell_err_incomplete(cli);
	if (!zone_name_ok(argv[0]))
		return shell_err_invalid(cli, 0);
	if ((k = pick(argv, 1, kinds, 2)) < 0)
		return shell_err_invalid(cli, 1);
	z = shell_sess_of(cli)->sh->conf.clock;
	clock_rule_us(&z);
	if (k == 1 && argc <= 2)
		return shell_err_incomplete(cli);
	if (argc > 2) {
		if (k == 1 ? (i = date_parse(cli, argv, argc, 2, &z.start)) < 0 ||
				     (i = date_parse(cli, argv, argc, i, &z.end)) < 0
			   : (i = rule_parse(cli, argv, argc, 2, &z.start)) < 0 ||
				     (i = rule_parse(cli, argv, argc, i, &z.end)) < 0)
			return CLI_ERROR;
		if (k == 1 && date_key(&z.end) <= date_key(&z.start))
			return shell_err(cli, "%% The summer time must end after it starts");
		if (i < argc) {
			long off = shell_arg_uint(cli, argv, argc, i, 1, 1440);

			if (off < 0)
				return CLI_ERROR;
			z.soffset_min = (int)off;
			i++;
		}
		if (i < argc)
			return shell_err_invalid(cli, i);
	}
	z.summer = true;
	snprintf(z.sname, sizeof(z.sname), "%s", argv[0]);
	zone_apply(cli, &z);
	return CLI_OK;
}

static int cmd_no_summer(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct clock_zone z = shell_sess_of(cli)->sh->conf.clock;

	z.summer = false;
	z.sname[0] = '\0';
	zone_apply(cli, &z);
	return CLI_OK;
}

static void rule_fmt(const struct clock_rule *r, char *buf, size_t len)
{
	char week[8];

	if (r->week == 5)
		snprintf(week, sizeof(week), "last");
	else
		snprintf(week, sizeof(week), "%d", r->week);
	snprintf(buf, len, "%s %.3s %.3s %d:%02d", week, days[r->wday], months[r->mon], r->min / 60, r->min % 60);
}

static void clock_write(struct shell *sh, FILE *f)
{
	struct clock_zone z = sh->conf.clock, us;

	if (z.set) {
		int a = abs(z.offset_min);

		fprintf(f, "clock timezone %s %s%d %d\n", z.name, z.offset_min < 0 ? "-" : "", a / 60, a % 60);
	}
	if (z.summer) {
		char s[48], e[48];

		us = z;
		clock_rule_us(&us);
		if (z.start.year) {
			fprintf(f, "clock summer-time %s date %.3s %d %d %d:%02d %.3s %d %d %d:%02d", z.sname,
				months[z.start.mon], z.start.mday, z.start.year, z.start.min / 60, z.start.min % 60,
				months[z.end.mon], z.end.mday, z.end.year, z.end.min / 60, z.end.min % 60);
			if (z.soffset_min != 60)
				fprintf(f, " %d", z.soffset_min);
			fprintf(f, "\n");
		} else if (!memcmp(&us.start, &z.start, sizeof(z.start)) && !memcmp(&us.end, &z.end, sizeof(z.end)) &&
		    us.soffset_min == z.soffset_min) {
			fprintf(f, "clock summer-time %s recurring\n", z.sname);
		} else {
			rule_fmt(&z.start, s, sizeof(s));
			rule_fmt(&z.end, e, sizeof(e));
			fprintf(f, "clock summer-time %s recurring %s %s", z.sname, s, e);
			if (z.soffset_min != 60)
				fprintf(f, " %d", z.soffset_min);
			fprintf(f, "\n");
		}
	}
}

static void clock_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG;
	struct cli_command *c, *clk, *no;

	clk = shell_node(cli, NULL, "clock", P, G, "Configure time-of-day clock");
	c = shell_cmd(cli, clk, "timezone", cmd_timezone, P, G, "Configure time zone");
	shell_arghelp(cli, c, "WORD\tname of time zone\n"
		      "HOURS\tHours offset from UTC (-23 to 23)\n"
		      "<0-59>\tMinutes offset from UTC (optional)");
	shell_syntax(cli, c, "WORD HOURS [<0-59>]");
	c = shell_cmd(cli, clk, "summer-time", cmd_summer, P, G, "Configure summer (daylight savings) time");
	shell_arghelp(cli, c, "WORD\tname of time zone in summer\n"
		      "recurring\tConfigure recurring summer time\n"
		      "date\tConfigure absolute summer time\n"
		      "WEEK\tWeek the time starts (1-4, first, last)\n"
		      "DAY\tWeekday the time starts (Sunday-Saturday)\n"
		      "MONTH\tMonth the time starts (January-December)\n"
		      "HH:MM\tTime the change happens\n"
		      "WEEK\tWeek the time ends\nDAY\tWeekday the time ends\nMONTH\tMonth the time ends\n"
		      "HH:MM\tTime the change happens (summer time)\n"
		      "<1-1440>\tOffset to add in minutes (optional, 60)\n"
		      "DATE\tDate the time starts or ends (1-31, or the month first)\n"
		      "YEAR\tYear (1993-2035)");
	shell_syntax(cli, c, "WORD {recurring [WEEK DAY MONTH HH:MM WEEK DAY MONTH HH:MM [<1-1440>]] | "
		     "date DATE MONTH YEAR HH:MM DATE MONTH YEAR HH:MM [<1-1440>]}");
	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	clk = shell_node(cli, no, "clock", P, G, "Configure time-of-day clock");
	shell_syntax(cli, shell_cmd(cli, clk, "timezone", cmd_no_timezone, P, G, "Configure time zone"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, clk, "summer-time", cmd_no_summer, P, G,
				    "Configure summer (daylight savings) time"), "[LINE]");
}

const struct shell_feature shell_feature_clock = {
	.name = "clock",
	.cmds = clock_cmds,
	.write = clock_write,
};
