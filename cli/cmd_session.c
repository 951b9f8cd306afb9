/*
 * DOC: the session's own EXEC commands: 'show clock [detail]', 'show
 * history', 'show terminal' (each also '| json')
 *
 * 'show clock' prints the system clock as IOS does, local time with the
 * zone's name: "*17:53:14.459 UTC Thu Mar 4 2021".  The leading '*' is
 * IOS's "not authoritative": shown unless the kernel says the clock is
 * synchronised (adjtimex), which is what NTP on the host sets.
 *
 * 'show history' lists the history of the mode the command was typed in:
 * IOS keeps one for EXEC and one for the configuration modes, so 'do show
 * history' in configuration mode shows the configuration lines.
 *
 * 'show terminal' describes the session's line, in IOS's layout and with
 * the fields that mean something here: line number (the console is line 0,
 * vty N is line N+1, as 'show users'), length and width, the EXEC timeout
 * of its line, time since the session started, history, transports.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>

#include "clockzone.h"
#include "cmd_proc.h"
#include "json.h"
#include "shell.h"

/* Does the kernel consider its clock synchronised (NTP running)? */
static bool clock_synced(void)
{
	struct timex tx = { 0 };
	int st = adjtimex(&tx);

	return st != -1 && st != TIME_ERROR && !(tx.status & STA_UNSYNC);
}

/* 'exec prompt timestamp': IOS's two lines and a blank one before a show
 * command's output (the load is lispr's CPU, as 'show processes cpu'
 * heads it). */
void shell_exec_timestamp(struct cli_def *cli)
{
	struct timespec ts;
	struct tm tm;
	char hms[16], zone[16], day[32];
	unsigned t5s, k5s, t1m, t5m;
	bool synced = clock_synced();

	/* Its first call reads /proc: with the router lock let go. */
	shell_unlock(shell_sess_of(cli)->sh);
	proc_cpu_load(&t5s, &k5s, &t1m, &t5m);
	shell_lock(shell_sess_of(cli)->sh);
	clock_gettime(CLOCK_REALTIME, &ts);
	clock_local(ts.tv_sec, &tm, zone, sizeof(zone));
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	strftime(day, sizeof(day), "%a %b ", &tm);
	snprintf(day + strlen(day), sizeof(day) - strlen(day), "%d %d", tm.tm_mday, tm.tm_year + 1900);
	cli_print(cli, "Load for five secs: %u%%/%u%%; one minute: %u%%; five minutes: %u%%", t5s, k5s, t1m, t5m);
	cli_print(cli, "%s, %s%s.%03u %s %s", synced ? "Time source is NTP" : "No time source", synced ? "" : "*",
		  hms, (unsigned)(ts.tv_nsec / 1000000), zone, day);
	cli_print(cli, "%s", "");
}

static int cmd_show_clock(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct timespec ts;
	struct tm tm;
	char hms[16], zone[16], day[32];
	bool synced = clock_synced(), detail = false;
	unsigned ms;

	if (argc > 1 || (argc == 1 && strncasecmp(argv[0], "detail", strlen(argv[0]))))
		return shell_err_invalid(cli, argc > 1 ? 1 : 0);
	detail = argc == 1;
	clock_gettime(CLOCK_REALTIME, &ts);
	clock_local(ts.tv_sec, &tm, zone, sizeof(zone));
	ms = ts.tv_nsec / 1000000;
	strftime(hms, sizeof(hms), "%H:%M:%S", &tm);
	/* IOS: "Thu Mar 4 2021", the day not padded. */
	strftime(day, sizeof(day), "%a %b ", &tm);
	snprintf(day + strlen(day), sizeof(day) - strlen(day), "%d %d", tm.tm_mday, tm.tm_year + 1900);
	if (shell_json(cli)) {
		struct json j;
		char t[24];

		snprintf(t, sizeof(t), "%s.%03u", hms, ms);
		json_open(&j);
		json_begin(&j, NULL, '{');
		json_str(&j, "time", t);
		json_str(&j, "zone", zone);
		json_str(&j, "date", day);
		json_uint(&j, "epoch_ms", (uint64_t)ts.tv_sec * 1000 + ms);
		json_bool(&j, "authoritative", synced);
		json_str(&j, "time_source", synced ? "NTP" : "none");
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "%s%s.%03u %s %s", synced ? "" : "*", hms, ms, zone, day);
	if (detail) {
		char sb[64], eb[64];

		cli_print(cli, "%s", synced ? "Time source is NTP" : "No time source");
		if (clock_summer_text(ts.tv_sec, sb, eb, sizeof(sb))) {
			cli_print(cli, "Summer time starts %s", sb);
			cli_print(cli, "Summer time ends %s", eb);
		}
	}
	return CLI_OK;
}

static int cmd_show_history(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	/* 'do show history' runs in EXEC mode: the line was typed in the
	 * mode 'do' came from. */
	bool config = s->typed_mode != SHELL_EXEC;
	const char *l;

	if (argc)
		return shell_err_invalid(cli, 0);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_str(&j, "mode", config ? "config" : "exec");
		json_uint(&j, "size", s->hist_size);
		json_begin(&j, "history", '[');
		for (unsigned i = 0; (l = shell_history(s, config, i)); i++)
			json_str(&j, NULL, l);
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	for (unsigned i = 0; (l = shell_history(s, config, i)); i++)
		cli_print(cli, "  %s", l);
	return CLI_OK;
}

static void fmt_hms(long secs, char *buf, size_t len)
{
	snprintf(buf, len, "%02ld:%02ld:%02ld", secs / 3600, secs % 3600 / 60, secs % 60);
}

static int cmd_show_terminal(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	const struct vty_line_conf *lc;
	long timeout, up = (long)(time(NULL) - s->started);
	char to[40], since[40];
	int line;
	bool telnet;
	char tb[32];

	if (argc)
		return shell_err_invalid(cli, 0);
	if (s->kind == SHELL_VTY && s->vty_line >= 0 && s->vty_line < SHELL_VTY_MAX) {
		lc = &s->sh->conf.vty[s->vty_line];
		line = s->vty_line + 1;
		telnet = shell_line_telnet(lc);
	} else {
		lc = &s->sh->conf.con;
		line = 0;
		telnet = false;
	}
	timeout = lc->timeout_min * 60L + lc->timeout_sec;
	if (timeout)
		fmt_hms(timeout, to, sizeof(to));
	else
		snprintf(to, sizeof(to), "never");
	fmt_hms(up, since, sizeof(since));
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_uint(&j, "line", line);
		json_str(&j, "type", s->kind == SHELL_VTY ? "vty" : "console");
		if (s->kind == SHELL_VTY)
			json_uint(&j, "vty", s->vty_line);
		json_str(&j, "location", s->peer);
		json_uint(&j, "length", s->term_length);
		json_uint(&j, "width", s->term_width);
		if (timeout)
			json_uint(&j, "exec_timeout_s", timeout);
		else
			json_null(&j, "exec_timeout_s");
		json_uint(&j, "active_s", up);
		json_uint(&j, "history_size", s->hist_size);
		json_bool(&j, "history_enabled", !s->hist_off);
		json_bool(&j, "monitor", s->monitor >= 0);
		json_str(&j, "input_transport", telnet ? "telnet" : "none");
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "Line %d, Location: \"%s\", Type: \"%s\"", line, s->peer,
		  s->kind == SHELL_VTY ? "VTY" : "");
	cli_print(cli, "Length: %u lines, Width: %u columns", s->term_length, s->term_width);
	cli_print(cli, "Status: Ready, Active%s%s", s->term_length ? ", Automore On" : "",
		  s->monitor >= 0 ? ", Notification on" : "");
	cli_print(cli, "Capabilities: none");
	cli_print(cli, "Timeouts:      Idle EXEC    Idle Session   Modem Answer  Session   Dispatch");
	cli_print(cli, "               %-12s    never                        none     not set", to);
	cli_print(cli, "Time since activation: %s", since);
	cli_print(cli, "Editing is enabled.");
	cli_print(cli, "History is %s, history size is %u.", s->hist_off ? "disabled" : "enabled", s->hist_size);
	cli_print(cli, "Allowed input transports are %s.",
		  s->kind == SHELL_VTY ? shell_line_transport(lc, tb, sizeof(tb)) : "none");
	return CLI_OK;
}

static void session_cmds(struct cli_def *cli)
{
	const int U = SHELL_PRIV_USER, X = SHELL_EXEC;
	struct cli_command *show, *c;

	show = shell_node(cli, NULL, "show", U, X, "Show running system information");
	c = shell_cmd(cli, show, "clock", cmd_show_clock, U, X, "Display the system clock");
	shell_arghelp(cli, c, "detail\tDisplay detailed information");
	shell_syntax(cli, c, "[detail]");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, show, "history", cmd_show_history, U, X, "Display the session command history");
	shell_syntax(cli, c, "");
	shell_json_ok(cli, c);
	c = shell_cmd(cli, show, "terminal", cmd_show_terminal, U, X, "Display terminal configuration parameters");
	shell_syntax(cli, c, "");
	shell_json_ok(cli, c);
}

const struct shell_feature shell_feature_session = {
	.name = "session",
	.cmds = session_cmds,
};
