/*
 * DOC: time ranges: 'time-range NAME', its 'periodic' and 'absolute'
 * lines, 'show time-range'; what 'time-range NAME' on an access list
 * entry refers to
 *
 * As IOS: 'time-range NAME' (a letter first) enters config-time-range,
 * where 'periodic DAYS HH:MM to [DAYS] HH:MM' adds a recurring period
 * (DAYS: day names, 'daily', 'weekdays', 'weekend'; with days after 'to',
 * one day on each side: a span over several days) and 'absolute [start
 * HH:MM DAY MONTH YEAR] [end HH:MM DAY MONTH YEAR]' sets the one absolute
 * span (years 1993-2035, as IOS); 'no periodic ...' and 'no absolute'
 * remove them.  An extended IPv4 or an IPv6 access list entry that ends
 * with 'time-range NAME' is in effect only while the range is
 * (src/lib/timerange.h says when), and not at all while no range has that
 * name; 'show access-lists' says '(active)' or '(inactive)' after the
 * name.  Each change goes to the router at once, which checks every range
 * at each minute in the router's local time ('clock timezone').
 *
 * The running-config prints the ranges before the access lists, each
 * day word as IOS writes it ('weekdays', 'Monday Wednesday').  At most
 * SHELL_TRANGES_MAX ranges of TR_PERIODIC_MAX periodic lines each.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "shell.h"

static const char *const day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June",
	"July", "August", "September", "October", "November", "December",
};

static struct shell_trange *tr_find(struct shell_conf *c, const char *name)
{
	for (struct shell_trange *t = c->tranges; t; t = t->next)
		if (!strcmp(t->name, name))
			return t;
	return NULL;
}

bool shell_trange_name_ok(const char *name)
{
	size_t n = strlen(name);

	return n > 0 && n < sizeof(((struct shell_trange *)0)->name) &&
	       ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z')) && !strpbrk(name, "\"'");
}

int shell_trange_active(struct shell_conf *c, const char *name)
{
	const struct shell_trange *t = tr_find(c, name);

	return t ? time_range_active(&t->t, time(NULL)) : -1;
}

void shell_tranges_clear(struct shell_conf *c)
{
	while (c->tranges) {
		struct shell_trange *t = c->tranges;

		c->tranges = t->next;
		free(t);
	}
	c->ntranges = 0;
}

/* The range to the router, as it is now (NULL: gone). */
static int tr_push(struct cli_def *cli, const char *name, const struct time_range *t)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	if (sh->router && router_time_range_set(sh->router, name, t) < 0)
		return shell_err(cli, "%% Out of memory");
	return CLI_OK;
}

/* time-range NAME: its mode (a new range has no limit: always in effect). */
static int cmd_trange(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_conf *c = &s->sh->conf;
	struct shell_trange *t, **pp;

	(void)cmd;
	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!shell_trange_name_ok(argv[0]))
		return shell_err(cli, "%% A time-range name starts with a letter, has no quote and at most 31 "
				 "characters");
	if (!(t = tr_find(c, argv[0]))) {
		if (c->ntranges >= SHELL_TRANGES_MAX)
			return shell_err(cli, "%% Too many time ranges (%u)", SHELL_TRANGES_MAX);
		if (!(t = calloc(1, sizeof(*t))))
			return shell_err(cli, "%% Out of memory");
		snprintf(t->name, sizeof(t->name), "%s", argv[0]);
		if (tr_push(cli, t->name, &t->t) != CLI_OK) {
			free(t);
			return CLI_ERROR;
		}
		for (pp = &c->tranges; *pp && strcmp((*pp)->name, t->name) < 0; pp = &(*pp)->next)
			;
		t->next = *pp;
		*pp = t;
		c->ntranges++;
	}
	snprintf(s->tr_edit, sizeof(s->tr_edit), "%s", argv[0]);
	shell_set_mode(cli, SHELL_TIME_RANGE);
	return CLI_OK;
}

/* no time-range NAME: entries naming it stay, out of effect (as IOS). */
static int cmd_no_trange(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;

	(void)cmd;
	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	for (struct shell_trange **pp = &c->tranges; *pp; pp = &(*pp)->next) {
		if (!strcmp((*pp)->name, argv[0])) {
			struct shell_trange *t = *pp;

			*pp = t->next;
			free(t);
			c->ntranges--;
			return tr_push(cli, argv[0], NULL);
		}
	}
	return CLI_OK;
}

/* ------------------------------------------------------------ parsing */

/* Index of the word of t[0..n-1] that w abbreviates; -1 none, -2 more
 * than one (IOS: ambiguous). */
static int word_index(const char *w, const char *const *t, int n)
{
	size_t l = strlen(w);
	int found = -1;

	for (int i = 0; i < n && l; i++) {
		if (!strncasecmp(w, t[i], l)) {
			if (strlen(t[i]) == l)
				return i;
			found = found == -1 ? i : -2;
		}
	}
	return found;
}

/* A day word at argv[i]: its days as bits (timerange.h); 0 when it is not
 * one, -1 when ambiguous. */
static int days_word(const char *w)
{
	static const char *const words[10] = {
		"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
		"daily", "weekdays", "weekend",
	};
	static const int masks[3] = { TR_DAILY, TR_WEEKDAYS, TR_WEEKEND };
	int k = word_index(w, words, 10);

	if (k == -2)
		return -1;
	return k < 0 ? 0 : k < 7 ? 1 << k : masks[k - 7];
}

static bool is_prefix_kw(const char *w, const char *kw)
{
	size_t n = strlen(w);

	return n > 0 && n <= strlen(kw) && !strncasecmp(w, kw, n);
}

/* HH:MM (0:00-23:59; 24:00 too when end). */
static bool hhmm(const char *w, bool end, uint16_t *min)
{
	unsigned h, m;
	char tail;

	if (w[0] < '0' || w[0] > '9' || sscanf(w, "%2u:%2u%c", &h, &m, &tail) != 2 || !strchr(w, ':') || strlen(strchr(w, ':')) != 3)
		return false;
	if (m > 59 || h > 24 || (h == 24 && (!end || m)))
		return false;
	*min = (uint16_t)(h * 60 + m);
	return true;
}

/* Days then HH:MM from argv[*i]: the days' bits in *days (0: none given). */
static int days_time(struct cli_def *cli, char **argv, int argc, int *i, bool end, int *days, uint16_t *min)
{
	*days = 0;
	for (; *i < argc && !strchr(argv[*i], ':'); (*i)++) {
		int d = days_word(argv[*i]);

		if (d == -1)
			return shell_err_ambiguous(cli, *i);
		if (!d)
			return shell_err_invalid(cli, *i);
		*days |= d;
	}
	if (*i >= argc)
		return shell_err_incomplete(cli);
	if (!hhmm(argv[*i], end, min))
		return shell_err_invalid(cli, *i);
	(*i)++;
	return CLI_OK;
}

/* periodic DAYS HH:MM to [DAYS] HH:MM from argv[0]. */
static int periodic_parse(struct cli_def *cli, char **argv, int argc, struct tr_periodic *p)
{
	int i = 0, sd, ed, rc;
	uint16_t s, e;

	if ((rc = days_time(cli, argv, argc, &i, false, &sd, &s)) != CLI_OK)
		return rc;
	if (!sd)
		return shell_err_invalid(cli, 0);
	if (i >= argc)
		return shell_err_incomplete(cli);
	if (strncasecmp(argv[i], "to", strlen(argv[i])))
		return shell_err_invalid(cli, i);
	i++;
	if ((rc = days_time(cli, argv, argc, &i, true, &ed, &e)) != CLI_OK)
		return rc;
	if (i < argc)
		return shell_err_invalid(cli, i);
	memset(p, 0, sizeof(*p));
	p->days = (uint8_t)sd;
	p->start = s;
	p->end = e;
	p->end_day = -1;
	if (ed && ed != sd) {
		/* A span over days: one day on each side. */
		if (sd & (sd - 1))
			return shell_err(cli, "%% A period that ends on another day starts on a single day");
		if (ed & (ed - 1))
			return shell_err(cli, "%% A period that ends on another day ends on a single day");
		for (int d = 0; d < 7; d++)
			if (ed == 1 << d)
				p->end_day = (int8_t)d;
		return CLI_OK;
	}
	if (e <= s)
		return shell_err(cli, "%% The end time must come after the start time (or name the day it ends on)");
	return CLI_OK;
}

/* HH:MM DAY MONTH YEAR from argv[*i], as local minutes. */
static int date_parse(struct cli_def *cli, char **argv, int argc, int *i, bool end, int64_t *t)
{
	static const int mdays[12] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	uint16_t min;
	long day, year;
	int mon;
	char *x;

	if (*i + 4 > argc)
		return shell_err_incomplete(cli);
	if (!hhmm(argv[*i], false, &min))
		return shell_err_invalid(cli, *i);
	(void)end;
	day = strtol(argv[*i + 1], &x, 10);
	if (*x || day < 1 || day > 31)
		return shell_err_invalid(cli, *i + 1);
	if ((mon = word_index(argv[*i + 2], month_names, 12)) < 0)
		return mon == -2 ? shell_err_ambiguous(cli, *i + 2) : shell_err_invalid(cli, *i + 2);
	year = strtol(argv[*i + 3], &x, 10);
	if (*x || year < 1993 || year > 2035)
		return shell_err_invalid(cli, *i + 3);
	if (day > mdays[mon] || (mon == 1 && day == 29 && (year % 4 || (year % 100 == 0 && year % 400))))
		return shell_err(cli, "%% %s has no day %ld in %ld", month_names[mon], day, year);
	*t = tr_minutes((int)year, mon + 1, (int)day, min / 60, min % 60);
	*i += 4;
	return CLI_OK;
}

static struct shell_trange *tr_edited(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_trange *t = tr_find(&s->sh->conf, s->tr_edit);

	if (!t)
		shell_err(cli, "%% Time range %s no longer exists", s->tr_edit);
	return t;
}

static bool periodic_same(const struct tr_periodic *a, const struct tr_periodic *b)
{
	return a->days == b->days && a->end_day == b->end_day && a->start == b->start && a->end == b->end;
}

/* [no] periodic DAYS HH:MM to [DAYS] HH:MM */
static int cmd_periodic(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_trange *t = tr_edited(cli);
	struct time_range nt;
	struct tr_periodic p;
	unsigned k;
	int rc;

	if (!t)
		return CLI_ERROR;
	if (argc < 1)
		return shell_err_incomplete(cli);
	if ((rc = periodic_parse(cli, argv, argc, &p)) != CLI_OK)
		return rc;
	nt = t->t;
	for (k = 0; k < nt.np && !periodic_same(&nt.p[k], &p); k++)
		;
	if (!strncmp(cmd, "no ", 3)) {
		if (k == nt.np)
			return CLI_OK;
		memmove(&nt.p[k], &nt.p[k + 1], (nt.np - k - 1) * sizeof(p));
		nt.np--;
	} else {
		if (k < nt.np)
			return CLI_OK;	/* there already */
		if (nt.np >= TR_PERIODIC_MAX)
			return shell_err(cli, "%% A time range has at most %d periodic lines", TR_PERIODIC_MAX);
		nt.p[nt.np++] = p;
	}
	if (tr_push(cli, t->name, &nt) != CLI_OK)
		return CLI_ERROR;
	t->t = nt;
	return CLI_OK;
}

/* absolute [start HH:MM DAY MONTH YEAR] [end HH:MM DAY MONTH YEAR]; no
 * absolute [...] */
static int cmd_absolute(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_trange *t = tr_edited(cli);
	struct time_range nt;
	int i = 0, rc;

	if (!t)
		return CLI_ERROR;
	nt = t->t;
	nt.has_start = nt.has_end = false;
	if (strncmp(cmd, "no ", 3)) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (i < argc && is_prefix_kw(argv[i], "start")) {
			i++;
			if ((rc = date_parse(cli, argv, argc, &i, false, &nt.start)) != CLI_OK)
				return rc;
			nt.has_start = true;
		}
		if (i < argc && is_prefix_kw(argv[i], "end")) {
			i++;
			if ((rc = date_parse(cli, argv, argc, &i, true, &nt.end)) != CLI_OK)
				return rc;
			nt.has_end = true;
		}
		if (i < argc)
			return shell_err_invalid(cli, i);
		if (nt.has_start && nt.has_end && nt.end <= nt.start)
			return shell_err(cli, "%% The end must come after the start");
	}
	if (tr_push(cli, t->name, &nt) != CLI_OK)
		return CLI_ERROR;
	t->t = nt;
	return CLI_OK;
}

/* ------------------------------------------------------------ printing */

static void days_text(int days, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	if (days == TR_DAILY || days == TR_WEEKDAYS || days == TR_WEEKEND) {
		snprintf(buf, len, "%s", days == TR_DAILY ? "daily" : days == TR_WEEKDAYS ? "weekdays" : "weekend");
		return;
	}
	for (int k = 1; k <= 7; k++) {	/* Monday first, as IOS */
		int d = k % 7;

		if (days & (1 << d))
			n += (size_t)snprintf(buf + n, n < len ? len - n : 0, "%s%s", n ? " " : "", day_names[d]);
	}
}

static void periodic_text(const struct tr_periodic *p, char *buf, size_t len)
{
	char d[80], ed[16] = "";

	days_text(p->days, d, sizeof(d));
	if (p->end_day >= 0)
		snprintf(ed, sizeof(ed), "%s ", day_names[p->end_day]);
	snprintf(buf, len, "periodic %s %u:%02u to %s%u:%02u", d, p->start / 60u, p->start % 60u, ed, p->end / 60u,
		 p->end % 60u);
}

static void date_text(int64_t t, char *buf, size_t len)
{
	int y, m, d, h, mi;

	tr_date(t, &y, &m, &d, &h, &mi);
	snprintf(buf, len, "%02d:%02d %02d %s %d", h, mi, d, month_names[m - 1], y);
}

static void absolute_text(const struct time_range *t, char *buf, size_t len)
{
	char s[48] = "", e[48] = "";

	if (t->has_start)
		date_text(t->start, s, sizeof(s));
	if (t->has_end)
		date_text(t->end, e, sizeof(e));
	snprintf(buf, len, "absolute%s%s%s%s", t->has_start ? " start " : "", s, t->has_end ? " end " : "", e);
}

/* Each line of range t as the configuration words it, to fn. */
static void tr_lines(const struct time_range *t, void (*fn)(void *arg, const char *line), void *arg)
{
	char b[128];

	if (t->has_start || t->has_end) {
		absolute_text(t, b, sizeof(b));
		fn(arg, b);
	}
	for (unsigned i = 0; i < t->np; i++) {
		periodic_text(&t->p[i], b, sizeof(b));
		fn(arg, b);
	}
}

static void line_to_file(void *arg, const char *line)
{
	fprintf(arg, " %s\n", line);
}

static void line_to_cli(void *arg, const char *line)
{
	cli_print(arg, "   %s", line);
}

static void tr_write(struct shell *sh, FILE *f)
{
	for (const struct shell_trange *t = sh->conf.tranges; t; t = t->next) {
		fprintf(f, "time-range %s\n", t->name);
		tr_lines(&t->t, line_to_file, f);
	}
}

/* Is range t in effect for the router (by the configuration without one)? */
static bool tr_state(struct shell *sh, const struct shell_trange *t)
{
	return sh->router ? router_time_range_state(sh->router, t->name) > 0 : time_range_active(&t->t, time(NULL));
}

/* show time-range [NAME] | json: each range's lines as the configuration
 * words them, whether in effect, what uses it. */
static int show_trange_json(struct cli_def *cli, struct shell *sh, const char *name)
{
	struct json j;
	char b[128];

	json_open(&j);
	json_begin(&j, NULL, '{');
	json_begin(&j, "time_ranges", '[');
	for (const struct shell_trange *t = sh->conf.tranges; t; t = t->next) {
		bool v4, v6;

		if (name && strcmp(t->name, name))
			continue;
		json_begin(&j, NULL, '{');
		json_str(&j, "name", t->name);
		json_bool(&j, "active", tr_state(sh, t));
		if (t->t.has_start || t->t.has_end) {
			absolute_text(&t->t, b, sizeof(b));
			json_str(&j, "absolute", b + strlen("absolute") + (b[strlen("absolute")] == ' '));
		}
		json_begin(&j, "periodic", '[');
		for (unsigned i = 0; i < t->t.np; i++) {
			periodic_text(&t->t.p[i], b, sizeof(b));
			json_str(&j, NULL, b + strlen("periodic "));
		}
		json_end(&j, ']');
		shell_acl_uses_trange(&sh->conf, t->name, &v4, &v6);
		json_bool(&j, "used_by_ipv4_acl", v4);
		json_bool(&j, "used_by_ipv6_acl", v6);
		json_end(&j, '}');
	}
	json_end(&j, ']');
	json_end(&j, '}');
	return json_print(cli, &j);
}

/* show time-range [NAME] */
static int cmd_show_trange(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	(void)cmd;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (shell_json(cli))
		return show_trange_json(cli, sh, argc ? argv[0] : NULL);
	for (const struct shell_trange *t = sh->conf.tranges; t; t = t->next) {
		bool st = tr_state(sh, t), v4, v6;

		if (argc && strcmp(t->name, argv[0]))
			continue;
		cli_print(cli, "time-range entry: %s (%s)", t->name, st ? "active" : "inactive");
		tr_lines(&t->t, line_to_cli, cli);
		shell_acl_uses_trange(&sh->conf, t->name, &v4, &v6);
		if (v4)
			cli_print(cli, "   used in: IP ACL entry");
		if (v6)
			cli_print(cli, "   used in: IPv6 ACL entry");
	}
	return CLI_OK;
}

/* ------------------------------------------------------------ commands */

static void tr_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, M = SHELL_TIME_RANGE;
	struct cli_command *c, *no;
	static const char days_help[] =
		"Monday\tMonday\nTuesday\tTuesday\nWednesday\tWednesday\nThursday\tThursday\nFriday\tFriday\n"
		"Saturday\tSaturday\nSunday\tSunday\ndaily\tEvery day of the week\n"
		"weekdays\tMonday thru Friday\nweekend\tSaturday and Sunday\n"
		"HH:MM\tStarting time\nto\tending day and time\nHH:MM\tEnding time";
#define DAYS "{Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday | daily | weekdays | weekend}"
	static const char periodic_syntax[] = DAYS "... HH:MM to [" DAYS "...] HH:MM";
	static const char abs_help[] =
		"start\tabsolute start time and date\nHH:MM\tStarting time\n<1-31>\tDay of the month\n"
		"MONTH\tMonth of the year\n<1993-2035>\tYear\n"
		"end\tabsolute end time and date\nHH:MM\tEnding time\n<1-31>\tDay of the month\n"
		"MONTH\tMonth of the year\n<1993-2035>\tYear";
	static const char abs_syntax[] =
		"[start HH:MM <1-31> MONTH <1993-2035>] [end HH:MM <1-31> MONTH <1993-2035>]";

	c = shell_cmd(cli, NULL, "time-range", cmd_trange, P, G, "Define time range entries");
	shell_arghelp(cli, c, "WORD\tTime range name");
	shell_syntax(cli, c, "WORD");
	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "time-range", cmd_no_trange, P, G, "Define time range entries");
	shell_arghelp(cli, c, "WORD\tTime range name");
	shell_syntax(cli, c, "WORD");

	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	c = shell_cmd(cli, NULL, "periodic", cmd_periodic, P, M, "periodic time and date");
	shell_arghelp(cli, c, days_help);
	shell_syntax(cli, c, periodic_syntax);
	c = shell_cmd(cli, no, "periodic", cmd_periodic, P, M, "periodic time and date");
	shell_arghelp(cli, c, days_help);
	shell_syntax(cli, c, periodic_syntax);
	c = shell_cmd(cli, NULL, "absolute", cmd_absolute, P, M, "absolute time and date");
	shell_arghelp(cli, c, abs_help);
	shell_syntax(cli, c, abs_syntax);
	c = shell_cmd(cli, no, "absolute", cmd_absolute, P, M, "absolute time and date");
	shell_arghelp(cli, c, abs_help);
	shell_syntax(cli, c, abs_syntax);
#undef DAYS

	c = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, c, "time-range", cmd_show_trange, SHELL_PRIV_USER, SHELL_EXEC, "Time range");
	shell_arghelp(cli, c, "WORD\tTime range name");
	shell_syntax(cli, c, "[WORD]");
	shell_json_ok(cli, c);
}

const struct shell_feature shell_feature_trange = {
	.name = "trange",
	.cmds = tr_cmds,
	.write = tr_write,
};
