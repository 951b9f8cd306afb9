/*
 * DOC: logging commands: 'logging buffered|console|monitor|trap|host|
 * facility|source-interface|userinfo', 'service timestamps log|debug',
 * 'service sequence-numbers', 'show logging', 'clear logging', 'send log'
 *
 * The settings live in the log module (src/lib/log.h), process-wide as the
 * log is; each command changes one of them and the feature's writer prints
 * the running-config lines that differ from IOS's defaults (buffered
 * debugging in 102400 bytes, console and monitor debugging, trap
 * informational, facility local7, timestamps datetime msec, BSD format).
 * Remote hosts are sent to by the router itself (src/router/logsend.c);
 * 'logging trap syslog-format rfc5424' selects RFC 5424 over RFC 3164.
 */
#include "config.h"

#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "json.h"
#include "log.h"
#include "router.h"
#include "iface.h"
#include "shell.h"

static const char level_help[] =
	"<0-7>\tLogging severity level\n"
	"alerts\tImmediate action needed           (severity=1)\n"
	"critical\tCritical conditions               (severity=2)\n"
	"debugging\tDebugging messages                (severity=7)\n"
	"emergencies\tSystem is unusable                (severity=0)\n"
	"errors\tError conditions                  (severity=3)\n"
	"informational\tInformational messages            (severity=6)\n"
	"notifications\tNormal but significant conditions (severity=5)\n"
	"warnings\tWarning conditions                (severity=4)";
#define LEVEL_SYNTAX "{<0-7>|alerts|critical|debugging|emergencies|errors|informational|notifications|warnings}"

/* Is w an abbreviation of keyword kw? */
static bool kw(const char *w, const char *kwd)
{
	size_t n = strlen(w);

	return n && n <= strlen(kwd) && !strncasecmp(w, kwd, n);
}

static int level_arg(struct cli_def *cli, char **argv, int argi)
{
	int lv = log_level_parse(argv[argi]);

	if (lv < 0)
		shell_err_invalid(cli, argi);
	return lv;
}

/* ------------------------------------------------------------ config */

static int cmd_logging_buffered(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;
	int i = 0, lv = LOG_DEBUG;
	long size = LOG_BUF_DEFAULT;

	log_get_conf(&c);
	if (i < argc && argv[i][0] >= '0' && argv[i][0] <= '9' && strlen(argv[i]) > 1) {
		if ((size = shell_arg_uint(cli, argv, argc, i, LOG_BUF_MIN, LOG_BUF_MAX)) < 0)
			return CLI_ERROR;
		i++;
	} else if (i < argc && argv[i][0] >= '0' && argv[i][0] <= '9') {
		/* One digit: a severity, as IOS reads 'logging buffered 6'. */
		size = c.buffered_on ? (long)c.buffered_size : LOG_BUF_DEFAULT;
	}
	if (i < argc && (lv = level_arg(cli, argv, i++)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	c.buffered_on = true;
	c.buffered_size = (size_t)size;
	c.buffered_level = lv;
	log_set_conf(&c);
	return CLI_OK;
}

static int cmd_no_logging_buffered(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;

	log_get_conf(&c);
	c.buffered_on = false;
	log_set_conf(&c);
	return CLI_OK;
}

/* 'logging console|monitor [LEVEL]': which selects the destination. */
static int set_level(struct cli_def *cli, char **argv, int argc, char which, bool on)
{
	struct log_conf c, d;
	int lv = which == 't' ? LOG_INFO : LOG_DEBUG;

	if (on && argc > 1)
		return shell_err_invalid(cli, 1);
	if (on && argc == 1 && (lv = level_arg(cli, argv, 0)) < 0)
		return CLI_ERROR;
	log_conf_defaults(&d);
	log_get_conf(&c);
	switch (which) {
	case 'c':
		c.console_on = on;
		c.console_level = on ? lv : d.console_level;
		break;
	case 'm':
		c.monitor_on = on;
		c.monitor_level = on ? lv : d.monitor_level;
		break;
	default:
		c.trap_on = on;
		c.trap_level = on ? lv : d.trap_level;
		break;
	}
	log_set_conf(&c);
	return CLI_OK;
}

static int cmd_logging_console(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_level(cli, argv, argc, 'c', true);
}

static int cmd_no_logging_console(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_level(cli, argv, argc, 'c', false);
}

static int cmd_logging_monitor(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_level(cli, argv, argc, 'm', true);
}

static int cmd_no_logging_monitor(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_level(cli, argv, argc, 'm', false);
}

/* 'logging trap [LEVEL]' and 'logging trap syslog-format rfc5424|rfc3164'. */
static int cmd_logging_trap(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;

	if (argc >= 1 && kw(argv[0], "syslog-format") && log_level_parse(argv[0]) < 0) {
		if (argc < 2)
			return shell_err_incomplete(cli);
		if (argc > 2)
			return shell_err_invalid(cli, 2);
		log_get_conf(&c);
		if (kw(argv[1], "rfc5424"))
			c.rfc5424 = true;
		else if (kw(argv[1], "rfc3164"))
			c.rfc5424 = false;
		else
			return shell_err_invalid(cli, 1);
		log_set_conf(&c);
		return CLI_OK;
	}
	return set_level(cli, argv, argc, 't', true);
}

static int cmd_no_logging_trap(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;

	if (argc >= 1 && kw(argv[0], "syslog-format") && log_level_parse(argv[0]) < 0) {
		log_get_conf(&c);
		c.rfc5424 = false;
		log_set_conf(&c);
		return CLI_OK;
	}
	return set_level(cli, argv, argc, 't', false);
}

/* A.B.C.D [transport udp [port N]] -> address and port. */
static int host_args(struct cli_def *cli, char **argv, int argc, uint32_t *a, long *port)
{
	struct in_addr in;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (inet_pton(AF_INET, argv[0], &in) != 1 || in.s_addr == 0 || in.s_addr == INADDR_BROADCAST ||
	    (ntohl(in.s_addr) >> 28) == 14)
		return shell_err_invalid(cli, 0);
	*a = in.s_addr;
	*port = LOG_SYSLOG_PORT;
	if (argc == 1)
		return CLI_OK;
	if (!kw(argv[1], "transport"))
		return shell_err_invalid(cli, 1);
	if (argc < 3)
		return shell_err_incomplete(cli);
	if (!kw(argv[2], "udp"))
		return shell_err_invalid(cli, 2);
	if (argc == 3)
		return CLI_OK;
	if (!kw(argv[3], "port"))
		return shell_err_invalid(cli, 3);
	if ((*port = shell_arg_uint(cli, argv, argc, 4, 1, 65535)) < 0)
		return CLI_ERROR;
	if (argc > 5)
		return shell_err_invalid(cli, 5);
	return CLI_OK;
}

static int cmd_logging_host(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	uint32_t a;
	long port;

	if (host_args(cli, argv, argc, &a, &port) != CLI_OK)
		return CLI_ERROR;
	if (log_host_add(a, (uint16_t)port) == -1)
		return shell_err(cli, "%% Maximum number of logging hosts (%d) reached", LOG_HOSTS_MAX);
	return CLI_OK;
}

static int cmd_no_logging_host(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	uint32_t a;
	long port;

	if (host_args(cli, argv, argc, &a, &port) != CLI_OK)
		return CLI_ERROR;
	log_host_del(a);	/* IOS is silent about a host it does not have */
	return CLI_OK;
}

static int cmd_logging_facility(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;
	int f;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if ((f = log_facility_parse(argv[0])) < 0)
		return shell_err_invalid(cli, 0);
	log_get_conf(&c);
	c.facility = f;
	log_set_conf(&c);
	return CLI_OK;
}

static int cmd_no_logging_facility(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;

	log_get_conf(&c);
	c.facility = LOG_LOCAL7;
	log_set_conf(&c);
	return CLI_OK;
}

static int cmd_logging_source_if(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct router *r = shell_sess_of(cli)->sh->router;
	char name[SHELL_NAME_MAX];
	struct log_conf c;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 2 || !shell_ifname(r, argv, argc, name, sizeof(name)))
		return shell_err_invalid(cli, argc > 2 ? 2 : 0);
	if (strlen(name) >= LOG_IFNAME_MAX)
		return shell_err_invalid(cli, 0);
	log_get_conf(&c);
	snprintf(c.source_if, sizeof(c.source_if), "%s", name);
	log_set_conf(&c);
	return CLI_OK;
}

static int cmd_no_logging_source_if(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;

	log_get_conf(&c);
	c.source_if[0] = 0;
	log_set_conf(&c);
	return CLI_OK;
}

/* service timestamps [log|debug] [datetime [msec] [localtime] [year]
 * [show-timezone] | uptime [msec]]; the default is datetime msec. */
static int cmd_service_timestamps(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;
	struct log_ts ts = { .kind = LOG_TS_UPTIME };
	bool debug = false, logs = true;
	int i = 0;

	if (i < argc && kw(argv[i], "debug")) {
		debug = true;
		logs = false;
		i++;
	} else if (i < argc && kw(argv[i], "log")) {
		i++;
	} else if (i < argc && !kw(argv[i], "datetime") && !kw(argv[i], "uptime")) {
		return shell_err_invalid(cli, i);
	} else {
		debug = true;	/* no keyword: both, as IOS */
	}
	if (i < argc && kw(argv[i], "datetime")) {
		ts.kind = LOG_TS_DATETIME;
		for (i++; i < argc; i++) {
			if (kw(argv[i], "msec") && !ts.msec)
				ts.msec = true;
			else if (kw(argv[i], "localtime") && !ts.localtime)
				ts.localtime = true;
			else if (kw(argv[i], "year") && !ts.year)
				ts.year = true;
			else if (kw(argv[i], "show-timezone") && !ts.tz)
				ts.tz = true;
			else
				return shell_err_invalid(cli, i);
		}
	} else if (i < argc && kw(argv[i], "uptime")) {
		for (i++; i < argc; i++) {
			if (kw(argv[i], "msec") && !ts.msec)
				ts.msec = true;
			else
				return shell_err_invalid(cli, i);
		}
	} else if (i < argc) {
		return shell_err_invalid(cli, i);
	}
	log_get_conf(&c);
	if (logs)
		c.ts_log = ts;
	if (debug)
		c.ts_debug = ts;
	log_set_conf(&c);
	return CLI_OK;
}

static int cmd_no_service_timestamps(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;
	bool debug = true, logs = true;

	if (argc >= 1 && kw(argv[0], "debug"))
		logs = false;
	else if (argc >= 1 && kw(argv[0], "log"))
		debug = false;
	else if (argc >= 1)
		return shell_err_invalid(cli, 0);
	log_get_conf(&c);
	if (logs)
		c.ts_log.kind = LOG_TS_NONE;
	if (debug)
		c.ts_debug.kind = LOG_TS_NONE;
	log_set_conf(&c);
	return CLI_OK;
}

/* ------------------------------------------------------------ running-config */

static void ts_line(FILE *f, const char *what, const struct log_ts *t)
{
	if (t->kind == LOG_TS_NONE) {
		fprintf(f, "no service timestamps %s\n", what);
		return;
	}
	fprintf(f, "service timestamps %s %s%s%s%s%s\n", what,
		t->kind == LOG_TS_UPTIME ? "uptime" : "datetime", t->msec ? " msec" : "",
		t->localtime ? " localtime" : "", t->year ? " year" : "", t->tz ? " show-timezone" : "");
}

static bool ts_eq(const struct log_ts *a, const struct log_ts *b)
{
	return a->kind == b->kind && a->msec == b->msec && a->localtime == b->localtime &&
	       a->year == b->year && a->tz == b->tz;
}

void shell_priv_logged(struct shell_sess *s, int priv)
{
	char where[sizeof(s->peer) + 24];

	if (!s->sh->conf.log_userinfo)
		return;
	if (s->kind == SHELL_VTY)
		snprintf(where, sizeof(where), "vty%d (%s)", s->vty_line, s->peer);
	else
		snprintf(where, sizeof(where), "%s", s->kind == SHELL_CONSOLE ? "console" : "batch");
	log_msg(LOG_NOTICE, "%%SYS-5-PRIV_AUTH_PASS: Privilege level set to %d by %s on %s", priv,
		s->user[0] ? s->user : "unknown", where);
}

/* [no] service sequence-numbers: each log line starts with its number */
static int cmd_seqnum(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_conf c;

	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	log_get_conf(&c);
	c.seqnum = strncmp(cmd, "no ", 3) != 0;
	log_set_conf(&c);
	return CLI_OK;
}

/* [no] logging userinfo */
static int cmd_logging_userinfo(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_sess_of(cli)->sh->conf.log_userinfo = strncmp(cmd, "no ", 3) != 0;
	return CLI_OK;
}

static void logging_write(struct shell *sh, FILE *f)
{
	struct log_host hosts[LOG_HOSTS_MAX];
	struct log_conf c, d;
	size_t n;

	log_get_conf(&c);
	log_conf_defaults(&d);
	if (!ts_eq(&c.ts_debug, &d.ts_debug))
		ts_line(f, "debug", &c.ts_debug);
	if (!ts_eq(&c.ts_log, &d.ts_log))
		ts_line(f, "log", &c.ts_log);
	if (c.seqnum)
		fprintf(f, "service sequence-numbers\n");
	if (!c.buffered_on)
		fprintf(f, "no logging buffered\n");
	else if (c.buffered_size != d.buffered_size || c.buffered_level != d.buffered_level)
		fprintf(f, "logging buffered %zu%s%s\n", c.buffered_size,
			c.buffered_level != d.buffered_level ? " " : "",
			c.buffered_level != d.buffered_level ? log_level_name(c.buffered_level) : "");
	if (!c.console_on)
		fprintf(f, "no logging console\n");
	else if (c.console_level != d.console_level)
		fprintf(f, "logging console %s\n", log_level_name(c.console_level));
	if (!c.monitor_on)
		fprintf(f, "no logging monitor\n");
	else if (c.monitor_level != d.monitor_level)
		fprintf(f, "logging monitor %s\n", log_level_name(c.monitor_level));
	if (!c.trap_on)
		fprintf(f, "no logging trap\n");
	else if (c.trap_level != d.trap_level)
		fprintf(f, "logging trap %s\n", log_level_name(c.trap_level));
	if (c.rfc5424)
		fprintf(f, "logging trap syslog-format rfc5424\n");
	if (c.facility != d.facility)
		fprintf(f, "logging facility %s\n", log_facility_name(c.facility));
	if (c.source_if[0])
		fprintf(f, "logging source-interface %s\n", c.source_if);
	if (sh->conf.log_userinfo)
		fprintf(f, "logging userinfo\n");
	n = log_hosts(hosts, LOG_HOSTS_MAX);
	for (size_t i = 0; i < n; i++) {
		char a[INET_ADDRSTRLEN];

		inet_ntop(AF_INET, &hosts[i].addr, a, sizeof(a));
		if (hosts[i].port != LOG_SYSLOG_PORT)
			fprintf(f, "logging host %s transport udp port %u\n", a, hosts[i].port);
		else
			fprintf(f, "logging host %s\n", a);
	}
}

/* ------------------------------------------------------------ exec */

static void print_ring_line(void *arg, const char *line)
{
	cli_print(arg, "%s", line);
}

static void json_ring_line(void *arg, const char *line)
{
	json_str(arg, NULL, line);
}

static const char *dest_level(bool on, int level, char *buf, size_t len)
{
	if (!on)
		return "disabled";
	snprintf(buf, len, "level %s", log_level_name(level));
	return buf;
}

static int cmd_show_logging(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct log_host hosts[LOG_HOSTS_MAX];
	struct log_stats st;
	struct log_conf c;
	char a[INET_ADDRSTRLEN], b1[48];
	size_t n;

	if (argc)
		return shell_err_invalid(cli, 0);
	log_get_conf(&c);
	log_get_stats(&st);
	n = log_hosts(hosts, LOG_HOSTS_MAX);
	if (shell_json(cli)) {
		struct json j;

		json_open(&j);
		json_begin(&j, NULL, '{');
		json_uint(&j, "dropped", st.dropped);
		json_uint(&j, "rate_limited", st.ratelimited);
		json_begin(&j, "console", '{');
		json_bool(&j, "enabled", c.console_on);
		json_str(&j, "level", log_level_name(c.console_level));
		json_uint(&j, "messages_logged", st.console);
		json_end(&j, '}');
		json_begin(&j, "monitor", '{');
		json_bool(&j, "enabled", c.monitor_on);
		json_str(&j, "level", log_level_name(c.monitor_level));
		json_uint(&j, "messages_logged", st.monitor);
		json_end(&j, '}');
		json_begin(&j, "buffer", '{');
		json_bool(&j, "enabled", c.buffered_on);
		json_str(&j, "level", log_level_name(c.buffered_level));
		json_uint(&j, "size", c.buffered_size);
		json_uint(&j, "messages_logged", st.buffered);
		json_end(&j, '}');
		json_begin(&j, "trap", '{');
		json_bool(&j, "enabled", c.trap_on);
		json_str(&j, "level", log_level_name(c.trap_level));
		json_uint(&j, "messages_logged", st.trap);
		json_str(&j, "facility", log_facility_name(c.facility));
		json_str(&j, "format", c.rfc5424 ? "rfc5424" : "rfc3164");
		if (c.source_if[0])
			json_str(&j, "source_interface", c.source_if);
		else
			json_null(&j, "source_interface");
		json_bool(&j, "syslog", st.syslog_on);
		json_uint(&j, "syslog_messages", st.syslog);
		json_begin(&j, "hosts", '[');
		for (size_t i = 0; i < n; i++) {
			inet_ntop(AF_INET, &hosts[i].addr, a, sizeof(a));
			json_begin(&j, NULL, '{');
			json_str(&j, "address", a);
			json_str(&j, "transport", "udp");
			json_uint(&j, "port", hosts[i].port);
			json_uint(&j, "messages_sent", hosts[i].sent);
			json_uint(&j, "messages_dropped", hosts[i].dropped);
			json_end(&j, '}');
		}
		json_end(&j, ']');
		json_end(&j, '}');
		json_begin(&j, "buffer_lines", '[');
		log_ring_walk(json_ring_line, &j);
		json_end(&j, ']');
		json_end(&j, '}');
		return json_print(cli, &j);
	}
	cli_print(cli, "Syslog logging: enabled (%llu messages dropped, %llu messages rate-limited, "
		  "0 flushes, 0 overruns, xml disabled, filtering disabled)",
		  (unsigned long long)st.dropped, (unsigned long long)st.ratelimited);
	cli_print(cli, "%s", "");
	cli_print(cli, "    Console logging: %s, %llu messages logged",
		  dest_level(c.console_on, c.console_level, b1, sizeof(b1)), (unsigned long long)st.console);
	cli_print(cli, "    Monitor logging: %s, %llu messages logged",
		  dest_level(c.monitor_on, c.monitor_level, b1, sizeof(b1)), (unsigned long long)st.monitor);
	cli_print(cli, "    Buffer logging:  %s, %llu messages logged",
		  dest_level(c.buffered_on, c.buffered_level, b1, sizeof(b1)), (unsigned long long)st.buffered);
	cli_print(cli, "    Syslog (local):  %s, %llu messages logged, facility %s",
		  st.syslog_on ? "enabled" : "disabled", (unsigned long long)st.syslog,
		  log_facility_name(c.facility));
	cli_print(cli, "%s", "");
	cli_print(cli, "    Trap logging: %s, %llu message lines logged",
		  dest_level(c.trap_on, c.trap_level, b1, sizeof(b1)), (unsigned long long)st.trap);
	for (size_t i = 0; i < n; i++) {
		inet_ntop(AF_INET, &hosts[i].addr, a, sizeof(a));
		cli_print(cli, "        Logging to %s  (udp port %u, %s format),", a, hosts[i].port,
			  c.rfc5424 ? "RFC 5424" : "RFC 3164");
		cli_print(cli, "              %llu message lines logged,", (unsigned long long)hosts[i].sent);
		cli_print(cli, "              %llu message lines dropped", (unsigned long long)hosts[i].dropped);
	}
	if (c.source_if[0]) {
		cli_print(cli, "        Logging Source-Interface:");
		cli_print(cli, "        %s", c.source_if);
	}
	cli_print(cli, "%s", "");
	if (c.buffered_on) {
		cli_print(cli, "Log Buffer (%zu bytes):", c.buffered_size);
		cli_print(cli, "%s", "");
		log_ring_walk(print_ring_line, cli);
	}
	return CLI_OK;
}

/* 'send log [<0-7>] LINE': the operator's own line in the log (a mark
 * before a test, say), at severity 7 unless given, in IOS's words. */
static int cmd_send_log(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const char *const mnem[8] = {
		"USERLOG_EMERG", "USERLOG_ALERT", "USERLOG_CRIT", "USERLOG_ERR",
		"USERLOG_WARNING", "USERLOG_NOTICE", "USERLOG_INFO", "USERLOG_DEBUG",
	};
	struct shell_sess *s = shell_sess_of(cli);
	char text[400] = "";
	size_t len = 0;
	int sev = 7, i = 0, tty;

	if (argc > 1 && strlen(argv[0]) == 1 && argv[0][0] >= '0' && argv[0][0] <= '7') {
		sev = argv[0][0] - '0';
		i = 1;
	}
	if (i >= argc)
		return shell_err_incomplete(cli);
	for (; i < argc && len < sizeof(text) - 1; i++)
		len += (size_t)snprintf(text + len, sizeof(text) - len, "%s%s", len ? " " : "", argv[i]);
	tty = s->kind == SHELL_VTY ? 1 + s->vty_line : 0;
	log_event("SYS", sev, mnem[sev], "Message from tty%d(user id: %s): %s", tty, s->user, text);
	return CLI_OK;
}

static int cmd_clear_logging(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	log_ring_clear();
	return CLI_OK;
}

/* ------------------------------------------------------------ registration */

static void logging_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_CONFIG;
	struct cli_command *lg, *nlg, *no, *c, *svc;

	lg = shell_node(cli, NULL, "logging", P, M, "Modify message logging facilities");
	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	nlg = shell_node(cli, no, "logging", P, M, "Modify message logging facilities");

	c = shell_cmd(cli, lg, "buffered", cmd_logging_buffered, P, M, "Set buffered logging parameters");
	shell_arghelp(cli, c, "<4096-2147483647>\tLogging buffer size\n" "<0-7>\tLogging severity level\n"
		      "alerts\tImmediate action needed           (severity=1)\n"
		      "critical\tCritical conditions               (severity=2)\n"
		      "debugging\tDebugging messages                (severity=7)\n"
		      "emergencies\tSystem is unusable                (severity=0)\n"
		      "errors\tError conditions                  (severity=3)\n"
		      "informational\tInformational messages            (severity=6)\n"
		      "notifications\tNormal but significant conditions (severity=5)\n"
		      "warnings\tWarning conditions                (severity=4)");
	shell_syntax(cli, c, "[<4096-2147483647>] [" LEVEL_SYNTAX "]");
	c = shell_cmd(cli, nlg, "buffered", cmd_no_logging_buffered, P, M, "Set buffered logging parameters");
	shell_syntax(cli, c, "");
	svc = shell_node(cli, NULL, "service", P, M, "Modify use of network based services");
	shell_syntax(cli, shell_cmd(cli, svc, "sequence-numbers", cmd_seqnum, P, M,
				    "Stamp logger messages with a sequence number"), "");
	svc = shell_node(cli, no, "service", P, M, "Modify use of network based services");
	shell_syntax(cli, shell_cmd(cli, svc, "sequence-numbers", cmd_seqnum, P, M,
				    "Stamp logger messages with a sequence number"), "");
	shell_syntax(cli, shell_cmd(cli, lg, "userinfo", cmd_logging_userinfo, P, M,
				    "Enable logging of user info on privileged mode enabling"), "");
	shell_syntax(cli, shell_cmd(cli, nlg, "userinfo", cmd_logging_userinfo, P, M,
				    "Enable logging of user info on privileged mode enabling"), "");

	c = shell_cmd(cli, lg, "console", cmd_logging_console, P, M, "Set console logging parameters");
	shell_arghelp(cli, c, level_help);
	shell_syntax(cli, c, "[" LEVEL_SYNTAX "]");
	c = shell_cmd(cli, nlg, "console", cmd_no_logging_console, P, M, "Set console logging parameters");
	shell_syntax(cli, c, "");

	c = shell_cmd(cli, lg, "monitor", cmd_logging_monitor, P, M, "Set terminal line (monitor) logging parameters");
	shell_arghelp(cli, c, level_help);
	shell_syntax(cli, c, "[" LEVEL_SYNTAX "]");
	c = shell_cmd(cli, nlg, "monitor", cmd_no_logging_monitor, P, M,
		      "Set terminal line (monitor) logging parameters");
	shell_syntax(cli, c, "");

	c = shell_cmd(cli, lg, "trap", cmd_logging_trap, P, M, "Set syslog server logging level");
	shell_arghelp(cli, c, "syslog-format\tSpecify the syslog message format\n"
		      "rfc5424\tRFC 5424 format (version 1, ISO timestamp, MSGID)\n"
		      "rfc3164\tRFC 3164 (BSD) format, the default\n" "<0-7>\tLogging severity level\n"
		      "alerts\tImmediate action needed           (severity=1)\n"
		      "critical\tCritical conditions               (severity=2)\n"
		      "debugging\tDebugging messages                (severity=7)\n"
		      "emergencies\tSystem is unusable                (severity=0)\n"
		      "errors\tError conditions                  (severity=3)\n"
		      "informational\tInformational messages            (severity=6)\n"
		      "notifications\tNormal but significant conditions (severity=5)\n"
		      "warnings\tWarning conditions                (severity=4)");
	shell_syntax(cli, c, "[syslog-format {rfc5424|rfc3164} | " LEVEL_SYNTAX "]");
	c = shell_cmd(cli, nlg, "trap", cmd_no_logging_trap, P, M, "Set syslog server logging level");
	shell_arghelp(cli, c, "syslog-format\tSpecify the syslog message format");
	shell_syntax(cli, c, "[syslog-format]");

	c = shell_cmd(cli, lg, "host", cmd_logging_host, P, M, "Set syslog server IP address and parameters");
	shell_arghelp(cli, c, "A.B.C.D\tIP address of the syslog server\n"
		      "transport\tSpecify the transport protocol (default=UDP)\n"
		      "udp\tUDP (default)\nport\tSpecify the UDP port (default=514)\n"
		      "<1-65535>\tPort number");
	shell_syntax(cli, c, "A.B.C.D [transport udp [port <1-65535>]]");
	c = shell_cmd(cli, nlg, "host", cmd_no_logging_host, P, M, "Set syslog server IP address and parameters");
	shell_arghelp(cli, c, "A.B.C.D\tIP address of the syslog server\n"
		      "transport\tSpecify the transport protocol (default=UDP)\n"
		      "udp\tUDP (default)\nport\tSpecify the UDP port (default=514)\n"
		      "<1-65535>\tPort number");
	shell_syntax(cli, c, "A.B.C.D [transport udp [port <1-65535>]]");

	c = shell_cmd(cli, lg, "facility", cmd_logging_facility, P, M, "Facility parameter for syslog messages");
	shell_arghelp(cli, c, "auth\tAuthorization system\ncron\tCron facility\ndaemon\tSystem daemons\n"
		      "kern\tKernel\nlocal0\tLocal use\nlocal1\tLocal use\nlocal2\tLocal use\n"
		      "local3\tLocal use\nlocal4\tLocal use\nlocal5\tLocal use\nlocal6\tLocal use\n"
		      "local7\tLocal use\nlpr\tLine printer system\nmail\tMail system\n"
		      "news\tUSENET news\nsyslog\tSyslog itself\nuser\tUser process\nuucp\tUnix-to-Unix copy system");
	shell_syntax(cli, c, "{auth|cron|daemon|kern|local0|local1|local2|local3|local4|local5|local6|local7|"
		     "lpr|mail|news|syslog|user|uucp}");
	c = shell_cmd(cli, nlg, "facility", cmd_no_logging_facility, P, M, "Facility parameter for syslog messages");
	shell_syntax(cli, c, "");

	c = shell_cmd(cli, lg, "source-interface", cmd_logging_source_if, P, M,
		      "Specify interface for source address in logging transactions");
	shell_arghelp(cli, c, "IF\tInterface name (Loopback0, eth1)\n<0-2147483647>\tLoopback interface number");
	shell_syntax(cli, c, "IF [<0-2147483647>]");
	c = shell_cmd(cli, nlg, "source-interface", cmd_no_logging_source_if, P, M,
		      "Specify interface for source address in logging transactions");
	shell_syntax(cli, c, "");

	svc = shell_node(cli, NULL, "service", P, M, "Modify use of network based services");
	c = shell_cmd(cli, svc, "timestamps", cmd_service_timestamps, P, M, "Timestamp debug/log messages");
	shell_arghelp(cli, c, "debug\tTimestamp debug messages\nlog\tTimestamp log messages\n"
		      "datetime\tTimestamp with date and time\nuptime\tTimestamp with system uptime\n"
		      "msec\tInclude milliseconds in timestamp\nlocaltime\tUse local time zone for timestamps\n"
		      "year\tInclude year in timestamp\nshow-timezone\tAdd time zone information to timestamp");
	shell_syntax(cli, c, "[debug | log] [datetime [msec | localtime | year | show-timezone]... | uptime [msec]]");
	c = shell_node(cli, no, "service", P, M, "Modify use of network based services");
	c = shell_cmd(cli, c, "timestamps", cmd_no_service_timestamps, P, M, "Timestamp debug/log messages");
	shell_arghelp(cli, c, "debug\tTimestamp debug messages\nlog\tTimestamp log messages");
	shell_syntax(cli, c, "[debug|log]");

	c = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, c, "logging", cmd_show_logging, P, SHELL_EXEC, "Show the contents of logging buffers");
	shell_json_ok(cli, c);
	shell_syntax(cli, c, "");
	c = shell_node(cli, NULL, "clear", P, SHELL_EXEC, "Reset functions");
	c = shell_cmd(cli, c, "logging", cmd_clear_logging, P, SHELL_EXEC, "Clear logging buffer");
	shell_syntax(cli, c, "");
	c = shell_node(cli, NULL, "send", P, SHELL_EXEC, "Send a message to other tty lines");
	c = shell_cmd(cli, c, "log", cmd_send_log, P, SHELL_EXEC, "Logging commands");
	shell_arghelp(cli, c, "<0-7>\tSeverity level (optional, 7 if not given)\nLINE\tMessage text");
	shell_syntax(cli, c, "[<0-7>] LINE");
}

const struct shell_feature shell_feature_logging = {
	.name = "logging",
	.cmds = logging_cmds,
	.write = logging_write,
};
