/*
 * DOC: terminal lines: 'line vty A [B]' and 'line console 0' with password,
 * login (the line password, or 'login local': the users of cmd_user.c),
 * exec-timeout, absolute-timeout (vty.c ends a session that long after
 * its login), transport input, and the terminal settings a session on
 * the line starts with: history [size N], length N, width N (as IOS, a
 * change applies to the sessions that start after it; 'terminal ...'
 * changes one session's, 'terminal no ...' goes back to the line's);
 * 'logging synchronous', which applies at once to the sessions on the
 * line (the sinks read it: vty.c and console.c hold the lines)
 *
 * A line password is given clear or as type 7 ('password [0|7] P', see
 * cli/secret.h) and prints back as it is stored.  'timeout login response
 * S' bounds the whole of a password's entry on a vty (vty.c), so a client
 * that trickles bytes cannot hold a line at the prompt.
 *
 * Lines vty 0-4 always exist (as on IOS); 'line vty 5 15' adds more and
 * 'no line vty 5 15' removes them again.  The number of vty lines that
 * accept telnet bounds the concurrent telnet sessions (vty.c).  The
 * running-config groups consecutive lines with equal settings, so the
 * usual block prints as 'line vty 0 4'.
 */
#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "shell.h"

#define LINE_CONSOLE	SHELL_VTY_MAX	/* line_first/last value for the console */

static struct vty_line_conf *console_conf(struct shell *sh)
{
	return &sh->conf.con;
}

static bool line_same(const struct vty_line_conf *a, const struct vty_line_conf *b)
{
	return a->present == b->present && a->login == b->login && a->login_local == b->login_local &&
	       a->transport == b->transport &&
	       a->timeout_min == b->timeout_min && a->timeout_sec == b->timeout_sec &&
	       a->absolute_min == b->absolute_min &&
	       a->login_response == b->login_response && a->history == b->history &&
	       a->history_off == b->history_off && a->length == b->length && a->width == b->width &&
	       a->privilege == b->privilege && a->exec_timestamp == b->exec_timestamp && a->escape == b->escape &&
	       a->sync == b->sync && a->sync_level == b->sync_level && a->sync_limit == b->sync_limit &&
	       !strcmp(a->access_class, b->access_class) && a->access_vrf_also == b->access_vrf_also &&
	       !strcmp(a->access_class6, b->access_class6) &&
	       !strcmp(a->password, b->password) && !strcmp(a->password_conf, b->password_conf);
}

/* The words of a line's 'transport input', "telnet" when not written. */
const char *shell_line_transport(const struct vty_line_conf *l, char *buf, size_t len)
{
	if (!l->transport)
		snprintf(buf, len, "telnet");
	else if (l->transport & SHELL_TRANSPORT_ALL)
		snprintf(buf, len, "all");
	else if (l->transport & SHELL_TRANSPORT_NONE)
		snprintf(buf, len, "none");
	else
		snprintf(buf, len, "%s%s%s", l->transport & SHELL_TRANSPORT_TELNET ? "telnet" : "",
			 (l->transport & SHELL_TRANSPORT_TELNET) && (l->transport & SHELL_TRANSPORT_SSH) ? " " : "",
			 l->transport & SHELL_TRANSPORT_SSH ? "ssh" : "");
	return buf;
}

static void line_body(FILE *f, const struct vty_line_conf *l, bool console)
{
	char kb[SECRET_CONF_MAX];

	if (!console && l->access_class[0])
		fprintf(f, " access-class %s in%s\n", l->access_class, l->access_vrf_also ? " vrf-also" : "");
	if (!console && l->access_class6[0])
		fprintf(f, " ipv6 access-class %s in\n", l->access_class6);
	if (l->timeout_min != 10 || l->timeout_sec != 0)
		fprintf(f, " exec-timeout %u %u\n", l->timeout_min, l->timeout_sec);
	if (!console && l->absolute_min)
		fprintf(f, " absolute-timeout %u\n", l->absolute_min);
	if (l->privilege)
		fprintf(f, " privilege level %u\n", l->privilege - 1);
	if (l->exec_timestamp)
		fprintf(f, " exec prompt timestamp\n");
	if (l->escape)
		fprintf(f, " escape-character %u\n", l->escape - 1);
	if (l->sync) {
		fprintf(f, " logging synchronous");
		if (l->sync_level == 9)
			fprintf(f, " level all");
		else if (l->sync_level)
			fprintf(f, " level %u", l->sync_level - 1);
		if (l->sync_limit)
			fprintf(f, " limit %u", l->sync_limit - 1);
		fprintf(f, "\n");
	}
	if (l->length)
		fprintf(f, " length %u\n", l->length - 1);
	if (l->width)
		fprintf(f, " width %u\n", l->width - 1);
	if (l->history_off)
		fprintf(f, " no history\n");
	if (l->history)
		fprintf(f, " history size %u\n", l->history - 1);
	if (l->login_response)
		fprintf(f, " timeout login response %u\n", l->login_response);
	if (l->password[0])
		fprintf(f, " password %s\n", secret_key_fmt(l->password, l->password_conf, kb, sizeof(kb)));
	if (l->login)
		fprintf(f, " login\n");
	if (l->login_local)
		fprintf(f, " login local\n");
	if (!console && l->transport) {
		char tb[32];

		fprintf(f, " transport input %s\n", shell_line_transport(l, tb, sizeof(tb)));
	}
}

static void line_write(struct shell *sh, FILE *f)
{
	struct vty_line_conf *con = console_conf(sh), dflt;

	memset(&dflt, 0, sizeof(dflt));
	dflt.timeout_min = 10;
	if (!line_same(con, &dflt)) {
		fprintf(f, "line con 0\n");
		line_body(f, con, true);
	}
	for (int i = 0; i < SHELL_VTY_MAX;) {
		int j = i;

		if (!sh->conf.vty[i].present) {
			i++;
			continue;
		}
		while (j + 1 < SHELL_VTY_MAX && line_same(&sh->conf.vty[i], &sh->conf.vty[j + 1]))
			j++;
		if (j > i)
			fprintf(f, "line vty %d %d\n", i, j);
		else
			fprintf(f, "line vty %d\n", i);
		line_body(f, &sh->conf.vty[i], false);
		i = j + 1;
	}
}

/* Apply fn to every line the session's config-line mode addresses. */
#define FOR_LINES(s, l)								\
	for (unsigned _i = (s)->line_first; _i <= (s)->line_last; _i++)	\
		if (((l) = _i == LINE_CONSOLE ? console_conf((s)->sh) : &(s)->sh->conf.vty[_i]), 1)

static int line_range(struct cli_def *cli, char **argv, int argc, long *a, long *b)
{
	if ((*a = shell_arg_uint(cli, argv, argc, 0, 0, SHELL_VTY_MAX - 1)) < 0)
		return -1;
	*b = *a;
	if (argc > 1 && (*b = shell_arg_uint(cli, argv, argc, 1, *a, SHELL_VTY_MAX - 1)) < 0)
		return -1;
	if (argc > 2) {
		shell_err_invalid(cli, 2);
		return -1;
	}
	return 0;
}

static int cmd_line_vty(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	long a, b;

	if (line_range(cli, argv, argc, &a, &b) == -1)
		return CLI_ERROR;
	for (long i = a; i <= b; i++)
		s->sh->conf.vty[i].present = true;
	s->line_first = a;
	s->line_last = b;
	shell_set_mode(cli, SHELL_CONFIG_LINE);
	return CLI_OK;
}

static int cmd_no_line_vty(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	long a, b;

	if (line_range(cli, argv, argc, &a, &b) == -1)
		return CLI_ERROR;
	if (a < 5)
		return shell_err(cli, "%% Can't delete last 5 VTY lines");
	for (long i = a; i <= b; i++) {
		memset(&s->sh->conf.vty[i], 0, sizeof(s->sh->conf.vty[i]));
		s->sh->conf.vty[i].timeout_min = 10;
	}
	return CLI_OK;
}

static int cmd_line_console(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (shell_arg_uint(cli, argv, argc, 0, 0, 0) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	s->line_first = s->line_last = LINE_CONSOLE;
	shell_set_mode(cli, SHELL_CONFIG_LINE);
	return CLI_OK;
}

static int cmd_password(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	struct secret_key k;
	int i;

	if (shell_password_ok(cli, argv, argc, 0) != CLI_OK ||
	    (i = secret_key_arg(cli, argv, argc, 0, 0, sizeof(l->password), &k)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	FOR_LINES(s, l) {
		snprintf(l->password, sizeof(l->password), "%s", k.plain);
		snprintf(l->password_conf, sizeof(l->password_conf), "%s", k.conf);
	}
	return CLI_OK;
}

static int cmd_no_password(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	FOR_LINES(s, l)
		l->password[0] = l->password_conf[0] = '\0';
	return CLI_OK;
}

/* 'login' (the line password), 'login local' (the local users, asked
 * for a name and a password) or 'no login [local]' (neither). */
static int set_login(struct cli_def *cli, char **argv, int argc, bool on)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	bool local = false;

	if (argc && strlen(argv[0]) <= 5 && !strncasecmp(argv[0], "local", strlen(argv[0])))
		local = true;
	else if (argc)
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	FOR_LINES(s, l) {
		l->login = on && !local;
		l->login_local = on && local;
	}
	return CLI_OK;
}

static int cmd_login(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_login(cli, argv, argc, true);
}

static int cmd_no_login(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_login(cli, argv, argc, false);
}

static int cmd_exec_timeout(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	long m, sec = 0;

	if ((m = shell_arg_uint(cli, argv, argc, 0, 0, 35791)) < 0)
		return CLI_ERROR;
	if (argc > 1 && (sec = shell_arg_uint(cli, argv, argc, 1, 0, 2147483)) < 0)
		return CLI_ERROR;
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	FOR_LINES(s, l) {
		l->timeout_min = m;
		l->timeout_sec = sec;
	}
	return CLI_OK;
}

/* [no] absolute-timeout MINUTES: a vty session ends that long after it
 * logged in, busy or not (IOS: 0-10000; 0 or no: never). */
static int cmd_absolute_timeout(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	long m = 0;

	if (strncmp(cmd, "no ", 3) && (m = shell_arg_uint(cli, argv, argc, 0, 0, 10000)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (s->line_first == LINE_CONSOLE)
		return shell_err(cli, "%% The console has no absolute timeout (lispr)");
	FOR_LINES(s, l)
		l->absolute_min = (unsigned)m;
	return CLI_OK;
}

/* [no] escape-character {<0-255> | default}: the key that interrupts a
 * running command (a ping) on the line's sessions, besides Ctrl-^ and
 * Ctrl-C, which always do (IOS's default is Ctrl-^, 30). */
static int cmd_escape(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	long v = -1;

	if (strncmp(cmd, "no ", 3)) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (strncasecmp(argv[0], "default", strlen(argv[0])) || !isalpha((unsigned char)argv[0][0])) {
			if ((v = shell_arg_uint(cli, argv, argc, 0, 0, 255)) < 0)
				return CLI_ERROR;
		}
		if (argc > 1)
			return shell_err_invalid(cli, 1);
	}
	FOR_LINES(s, l)
		l->escape = v < 0 || v == 30 ? 0 : (unsigned)v + 1;
	return CLI_OK;
}

static int cmd_no_exec_timeout(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	FOR_LINES(s, l) {
		l->timeout_min = 10;
		l->timeout_sec = 0;
	}
	return CLI_OK;
}

/* timeout login response SECONDS (1-300; the default, 30, is kept as 0). */
static int cmd_login_response(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	long secs;

	if ((secs = shell_arg_uint(cli, argv, argc, 0, 1, 300)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	FOR_LINES(s, l)
		l->login_response = secs == SHELL_LOGIN_RESPONSE ? 0 : (unsigned)secs;
	return CLI_OK;
}

static int cmd_no_login_response(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	FOR_LINES(s, l)
		l->login_response = 0;
	return CLI_OK;
}

static int cmd_transport_input(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	static const struct {
		const char *w;
		unsigned bit;
	} words[] = {
		{ "all", SHELL_TRANSPORT_ALL }, { "none", SHELL_TRANSPORT_NONE },
		{ "ssh", SHELL_TRANSPORT_SSH }, { "telnet", SHELL_TRANSPORT_TELNET },
	};
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	unsigned set = 0;

	if (argc < 1)
		return shell_err_incomplete(cli);
	for (int i = 0; i < argc; i++) {
		size_t n = strlen(argv[i]), k;

		for (k = 0; k < sizeof(words) / sizeof(words[0]); k++)
			if (n && n <= strlen(words[k].w) && !strncasecmp(words[k].w, argv[i], n))
				break;
		/* all and none stand alone; telnet and ssh may come together */
		if (k == sizeof(words) / sizeof(words[0]) ||
		    ((set | words[k].bit) & (SHELL_TRANSPORT_ALL | SHELL_TRANSPORT_NONE) && i > 0))
			return shell_err_invalid(cli, i);
		set |= words[k].bit;
	}
	if (s->line_first == LINE_CONSOLE)
		return shell_err(cli, "%% The console has no transport input");
	/* lispr serves telnet only: 'transport input ssh' refuses it
	 * (shell_line_telnet()). */
	FOR_LINES(s, l)
		l->transport = set;
	return CLI_OK;
}

static int cmd_no_transport_input(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	FOR_LINES(s, l)
		l->transport = 0;
	return CLI_OK;
}

/* 'privilege level N' / 'no privilege level': the level a session on the
 * line starts at (15: privileged EXEC, no 'enable' needed), unless it
 * logs in as a local user, whose own level counts. */
static int cmd_privilege(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	long n;

	if ((n = shell_arg_uint(cli, argv, argc, 0, 0, 15)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	FOR_LINES(s, l)
		l->privilege = n == 1 ? 0 : (unsigned)n + 1;
	return CLI_OK;
}

/* 'exec prompt timestamp' / 'no exec prompt timestamp' */
static int set_timestamp(struct cli_def *cli, int argc, bool on)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	if (argc)
		return shell_err_invalid(cli, 0);
	FOR_LINES(s, l)
		l->exec_timestamp = on;
	return CLI_OK;
}

static int cmd_timestamp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_timestamp(cli, argc, true);
}

static int cmd_no_timestamp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_timestamp(cli, argc, false);
}

static int cmd_no_privilege(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	FOR_LINES(s, l)
		l->privilege = 0;
	return CLI_OK;
}

/* 'access-class LIST in [vrf-also]': a telnet client whose address the
 * standard access list LIST denies is disconnected before the password
 * prompt (vty.c); 'vrf-also' is taken and kept (lispr's vty is reached
 * through the kernel's stack, not through its VRFs).  'ipv6 access-class
 * LIST in' does the same for IPv6 clients with an IPv6 list. */
static int cmd_access_class(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	bool v6 = !strncmp(cmd, "ipv6", 4);
	struct vty_line_conf *l;
	bool vrf_also = false;

	if (argc < 2)
		return shell_err_incomplete(cli);
	if (strlen(argv[0]) >= sizeof(l->access_class))
		return shell_err_invalid(cli, 0);
	if (argv[1][0] && strlen(argv[1]) <= 3 && !strncasecmp(argv[1], "out", strlen(argv[1])))
		return shell_err(cli, "%% lispr makes no outgoing connections: only 'in'");
	if (strlen(argv[1]) > 2 || strncasecmp(argv[1], "in", strlen(argv[1])))
		return shell_err_invalid(cli, 1);
	if (argc > 2 && !v6 && strlen(argv[2]) <= 8 && !strncasecmp(argv[2], "vrf-also", strlen(argv[2])))
		vrf_also = true;
	else if (argc > 2)
		return shell_err_invalid(cli, 2);
	if (argc > 3)
		return shell_err_invalid(cli, 3);
	if (s->line_first == LINE_CONSOLE)
		return shell_err(cli, "%% The console takes no telnet connections: access-class is for vty lines");
	FOR_LINES(s, l) {
		if (v6) {
			snprintf(l->access_class6, sizeof(l->access_class6), "%s", argv[0]);
			continue;
		}
		snprintf(l->access_class, sizeof(l->access_class), "%s", argv[0]);
		l->access_vrf_also = vrf_also;
	}
	return CLI_OK;
}

static int cmd_no_access_class(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	bool v6 = !strncmp(cmd, "no ipv6", 7);
	struct vty_line_conf *l;

	FOR_LINES(s, l) {
		if (v6) {
			l->access_class6[0] = '\0';
			continue;
		}
		l->access_class[0] = '\0';
		l->access_vrf_also = false;
	}
	return CLI_OK;
}

/* A line's 'logging synchronous' now holds for the sessions on it: the
 * console's (process-wide) and each vty session's, read by the log's
 * sinks (IOS applies it at once, unlike the terminal settings). */
static void sync_apply(struct shell_sess *s)
{
	struct shell *sh = s->sh;
	unsigned limit;
	int async;

	if (s->line_first == LINE_CONSOLE) {
		async = shell_line_sync(console_conf(sh), &limit);
		atomic_store(&sh->con_sync_limit, limit);
		atomic_store(&sh->con_sync_async, async);
		return;
	}
	pthread_mutex_lock(&sh->sess_mtx);
	for (struct shell_sess *t = sh->sessions; t; t = t->next) {
		if (t->kind != SHELL_VTY || t->vty_line < (int)s->line_first || t->vty_line > (int)s->line_last)
			continue;
		async = shell_line_sync(&sh->conf.vty[t->vty_line], &limit);
		atomic_store(&t->sync_limit, limit);
		atomic_store(&t->sync_async, async);
	}
	pthread_mutex_unlock(&sh->sess_mtx);
}

/* 'logging synchronous [level {<0-7> | all}] [limit <0-2147483647>]':
 * the log lines a terminal would write over what is being typed (or in
 * a command's output) wait for the prompt, except those of severity
 * 'level' or worse (2 by default), at most 'limit' of them (20). */
static int cmd_logging_sync(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	unsigned level = 0, limit = 0;
	long n;

	for (int i = 0; i < argc; i++) {
		size_t len = strlen(argv[i]);

		if (len <= 5 && !strncasecmp(argv[i], "level", len) && !level) {
			if (i + 1 >= argc)
				return shell_err_incomplete(cli);
			if (strlen(argv[i + 1]) <= 3 && !strncasecmp(argv[i + 1], "all", strlen(argv[i + 1])))
				level = 9;
			else if ((n = shell_arg_uint(cli, argv, argc, i + 1, 0, 7)) < 0)
				return CLI_ERROR;
			else
				level = (unsigned)n + 1;
			i++;
		} else if (len <= 5 && !strncasecmp(argv[i], "limit", len) && !limit) {
			if (i + 1 >= argc)
				return shell_err_incomplete(cli);
			if ((n = shell_arg_uint(cli, argv, argc, i + 1, 0, 2147483647)) < 0)
				return CLI_ERROR;
			limit = (unsigned)n + 1;
			i++;
		} else {
			return shell_err_invalid(cli, i);
		}
	}
	FOR_LINES(s, l) {
		l->sync = true;
		l->sync_level = level == 3 ? 0 : level;	/* level 2 is the default */
		l->sync_limit = limit == 21 ? 0 : limit;	/* and limit 20 */
	}
	sync_apply(s);
	return CLI_OK;
}

static int cmd_no_logging_sync(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	FOR_LINES(s, l) {
		l->sync = false;
		l->sync_level = l->sync_limit = 0;
	}
	sync_apply(s);
	return CLI_OK;
}

/* 'history [size N]' / 'no history [size]', 'length N' / 'no length',
 * 'width N' / 'no width': what a session on the line starts with. */
static int cmd_history(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	long n = shell_history_arg(cli, argv, argc);

	if (n == -2)
		return CLI_ERROR;
	FOR_LINES(s, l) {
		if (n >= 0)
			l->history = (unsigned)n + 1;
		else
			l->history_off = false;
	}
	return CLI_OK;
}

static int cmd_no_history(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	bool size = argc && strlen(argv[0]) <= 4 && !strncasecmp(argv[0], "size", strlen(argv[0]));

	if (argc && !size)
		return shell_err_invalid(cli, 0);
	if (argc > 2)
		return shell_err_invalid(cli, 2);
	FOR_LINES(s, l) {
		if (size)
			l->history = 0;
		else
			l->history_off = true;
	}
	return CLI_OK;
}

static int set_term(struct cli_def *cli, char **argv, int argc, bool width, bool no)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	long n = -1;

	if (!no && (n = shell_arg_uint(cli, argv, argc, 0, 0, 512)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	FOR_LINES(s, l) {
		unsigned *v = width ? &l->width : &l->length;

		*v = no ? 0 : (unsigned)n + 1;
	}
	return CLI_OK;
}

static int cmd_length(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_term(cli, argv, argc, false, false);
}

static int cmd_no_length(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_term(cli, argv, argc, false, true);
}

static int cmd_width(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_term(cli, argv, argc, true, false);
}

static int cmd_no_width(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_term(cli, argv, argc, true, true);
}

/* ------------------------------------------------------------ show line */

struct line_view {
	bool active;
	char peer[64];
	unsigned length, width;
	time_t started;
};

/* Line tty (0 the console, 1 + n vty n): its session, if any (sess_mtx). */
static struct line_view line_state(struct shell *sh, int tty)
{
	const struct vty_line_conf *lc = tty ? &sh->conf.vty[tty - 1] : &sh->conf.con;
	struct line_view v = { .length = lc->length ? lc->length - 1 : tty ? 24 : 0,
			       .width = lc->width ? lc->width - 1 : 80 };

	pthread_mutex_lock(&sh->sess_mtx);
	for (struct shell_sess *s = sh->sessions; s; s = s->next) {
		if ((tty == 0 && s->kind == SHELL_CONSOLE) ||
		    (tty > 0 && s->kind == SHELL_VTY && s->vty_line == tty - 1)) {
			v.active = true;
			snprintf(v.peer, sizeof(v.peer), "%s", s->peer);
			v.length = s->term_length;
			v.width = s->term_width;
			v.started = s->started;
			break;
		}
	}
	pthread_mutex_unlock(&sh->sess_mtx);
	return v;
}

static unsigned long line_uses(struct shell *sh, int tty)
{
	unsigned long n;

	pthread_mutex_lock(&sh->sess_mtx);
	n = sh->line_uses[tty];
	pthread_mutex_unlock(&sh->sess_mtx);
	return n;
}

/* A line's row; AccI is its 'access-class' (as IOS, cut to the column). */
static void line_row(struct cli_def *cli, struct shell *sh, int tty, bool me)
{
	struct line_view v = line_state(sh, tty);
	const char *acc = tty && sh->conf.vty[tty - 1].access_class[0] ? sh->conf.vty[tty - 1].access_class : "-";

	cli_print(cli, "%c%5d %s              -    -      -    - %4.4s  %5lu       0     0/0       -",
		  me ? '*' : v.active ? '*' : ' ', tty, tty ? "VTY" : "CTY", acc, line_uses(sh, tty));
}

static const char *line_header = "   Tty Typ     Tx/Rx    A Modem  Roty AccO AccI   Uses   Noise  Overruns   Int";

static void fmt_hms(long secs, char *buf, size_t len)
{
	snprintf(buf, len, "%02ld:%02ld:%02ld", secs / 3600, secs % 3600 / 60, secs % 60);
}

static void line_detail(struct cli_def *cli, struct shell *sh, int tty)
{
	const struct vty_line_conf *lc = tty ? &sh->conf.vty[tty - 1] : &sh->conf.con;
	struct line_view v = line_state(sh, tty);
	long timeout = lc->timeout_min * 60L + lc->timeout_sec;
	char to[40], since[40], resp[40];

	cli_print(cli, "%s", line_header);
	line_row(cli, sh, tty, false);
	cli_print(cli, "%s", "");
	if (timeout)
		fmt_hms(timeout, to, sizeof(to));
	else
		snprintf(to, sizeof(to), "never");
	if (v.active)
		fmt_hms((long)(time(NULL) - v.started), since, sizeof(since));
	else
		snprintf(since, sizeof(since), "never");
	cli_print(cli, "Line %d, Location: \"%s\", Type: \"%s\"", tty, v.peer, tty && v.active ? "VTY" : "");
	cli_print(cli, "Length: %u lines, Width: %u columns", v.length, v.width);
	cli_print(cli, "Status: %s", v.active ? "Ready, Active" : "No Exit Banner");
	cli_print(cli, "Capabilities: %s", !tty ? "none" : lc->login ? "Line Password Login" :
		  lc->login_local ? "Local User Login" : "none");
	cli_print(cli, "Timeouts:      Idle EXEC    Idle Session   Modem Answer  Session   Dispatch");
	cli_print(cli, "               %-12s    never                        none     not set", to);
	fmt_hms(lc->login_response ? lc->login_response : SHELL_LOGIN_RESPONSE, resp, sizeof(resp));
	cli_print(cli, "                            Login-sequence User Response");
	cli_print(cli, "                             %s", resp);
	cli_print(cli, "Session limit is not set.");
	cli_print(cli, "Time since activation: %s", since);
	cli_print(cli, "Editing is enabled.");
	if (lc->history_off)
		cli_print(cli, "History is disabled, history size is %u.",
			  lc->history ? lc->history - 1 : SHELL_HIST_DEFAULT);
	else
		cli_print(cli, "History is enabled, history size is %u.",
			  lc->history ? lc->history - 1 : SHELL_HIST_DEFAULT);
	{
		char tb[32];

		cli_print(cli, "Allowed input transports are %s.", tty ? shell_line_transport(lc, tb, sizeof(tb)) : "none");
	}
}

/* show line [N | console 0 | vty A [B]] */
static int cmd_show_line(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *me = shell_sess_of(cli);
	struct shell *sh = me->sh;
	int mytty = me->kind == SHELL_VTY ? 1 + me->vty_line : me->kind == SHELL_CONSOLE ? 0 : -1;
	long a, b;

	if (argc == 0) {
		cli_print(cli, "%s", line_header);
		line_row(cli, sh, 0, mytty == 0);
		for (int i = 0; i < SHELL_VTY_MAX; i++)
			if (sh->conf.vty[i].present)
				line_row(cli, sh, 1 + i, mytty == 1 + i);
		return CLI_OK;
	}
	if (strlen(argv[0]) <= 7 && !strncasecmp(argv[0], "console", strlen(argv[0]))) {
		if (shell_arg_uint(cli, argv, argc, 1, 0, 0) < 0)
			return CLI_ERROR;
		if (argc > 2)
			return shell_err_invalid(cli, 2);
		line_detail(cli, sh, 0);
		return CLI_OK;
	}
	if (strlen(argv[0]) <= 3 && !strncasecmp(argv[0], "vty", strlen(argv[0]))) {
		if ((a = shell_arg_uint(cli, argv, argc, 1, 0, SHELL_VTY_MAX - 1)) < 0)
			return CLI_ERROR;
		b = a;
		if (argc > 2 && (b = shell_arg_uint(cli, argv, argc, 2, a, SHELL_VTY_MAX - 1)) < 0)
			return CLI_ERROR;
		if (argc > 3)
			return shell_err_invalid(cli, 3);
		for (long i = a; i <= b; i++) {
			if (!sh->conf.vty[i].present) {
				if (a == b)
					return shell_err(cli, "%%Line vty %ld does not exist", i);
				continue;
			}
			if (i > a)
				cli_print(cli, "%s", "");
			line_detail(cli, sh, 1 + i);
		}
		return CLI_OK;
	}
	if ((a = shell_arg_uint(cli, argv, argc, 0, 0, SHELL_VTY_MAX)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (a > 0 && !sh->conf.vty[a - 1].present)
		return shell_err(cli, "%%Line %ld does not exist", a);
	line_detail(cli, sh, a);
	return CLI_OK;
}

static void line_cmds(struct cli_def *cli)
{
	struct cli_command *c, *line, *no;
	const int M = SHELL_CONFIG_LINE, P = SHELL_PRIV_ENABLE;

	c = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, c, "line", cmd_show_line, SHELL_PRIV_USER, SHELL_EXEC, "TTY line information");
	shell_arghelp(cli, c, "<0-16>\tFirst Line range\n"
		      "console\tPrimary terminal line\n"
		      "vty\tVirtual terminal\n"
		      "<0-0>\tFirst Line range\n"
		      "<0-15>\tFirst Line range\n"
		      "<0-15>\tLast Line range");
	shell_syntax(cli, c, "[<0-16> | console <0-0> | vty <0-15> [<0-15>]]");
	line = shell_node(cli, NULL, "line", P, SHELL_CONFIG, "Configure a terminal line");
	c = shell_cmd(cli, line, "vty", cmd_line_vty, P, SHELL_CONFIG, "Virtual terminal");
	shell_arghelp(cli, c, "<0-15>\tFirst line number\n<0-15>\tLast line number (optional)");
	shell_syntax(cli, c, "<0-15> [<0-15>]");
	c = shell_cmd(cli, line, "console", cmd_line_console, P, SHELL_CONFIG, "Primary terminal line");
	shell_arghelp(cli, c, "<0-0>\tFirst line number");
	shell_syntax(cli, c, "<0-0>");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG, "Negate a command or set its defaults");
	c = shell_node(cli, no, "line", P, SHELL_CONFIG, "Configure a terminal line");
	c = shell_cmd(cli, c, "vty", cmd_no_line_vty, P, SHELL_CONFIG, "Virtual terminal");
	shell_arghelp(cli, c, "<0-15>\tFirst line number\n<0-15>\tLast line number (optional)");
	shell_syntax(cli, c, "<0-15> [<0-15>]");

	c = shell_cmd(cli, NULL, "password", cmd_password, P, M, "Set a password");
	shell_arghelp(cli, c, "0\tSpecifies an UNENCRYPTED password will follow\n"
		      "7\tSpecifies a HIDDEN password will follow\n"
		      "LINE\tThe UNENCRYPTED (cleartext) line password");
	shell_syntax(cli, c, "[0 | 7] LINE");
	c = shell_cmd(cli, NULL, "login", cmd_login, P, M, "Enable password checking");
	shell_arghelp(cli, c, "local\tLocal password checking (optional)");
	shell_syntax(cli, c, "[local]");
	c = shell_cmd(cli, NULL, "exec-timeout", cmd_exec_timeout, P, M, "Set the EXEC timeout");
	shell_arghelp(cli, c, "<0-35791>\tTimeout in minutes\n<0-2147483>\tTimeout in seconds (optional)");
	shell_syntax(cli, c, "<0-35791> [<0-2147483>]");
	c = shell_node(cli, NULL, "timeout", P, M, "Timeouts for the line");
	c = shell_node(cli, c, "login", P, M, "Timeouts related to the login sequence");
	c = shell_cmd(cli, c, "response", cmd_login_response, P, M, "Timeout for any user input during login sequences");
	shell_arghelp(cli, c, "<1-300>\tTimeout in seconds");
	shell_syntax(cli, c, "<1-300>");
	c = shell_node(cli, NULL, "transport", P, M, "Define transport protocols for line");
	c = shell_cmd(cli, c, "input", cmd_transport_input, P, M, "Define which protocols to use when connecting to the terminal server");
	shell_arghelp(cli, c, "all\tAll protocols\nnone\tNo protocols\n"
		      "ssh\tTCP/IP SSH protocol (lispr serves none: the line refuses telnet)\n"
		      "telnet\tTCP/IP Telnet protocol");
	shell_syntax(cli, c, "{all | none | {telnet | ssh}...}");
	c = shell_node(cli, NULL, "privilege", P, M, "Change privilege level for line");
	c = shell_cmd(cli, c, "level", cmd_privilege, P, M, "Assign default privilege level for line");
	shell_arghelp(cli, c, "<0-15>\tDefault privilege level for line");
	shell_syntax(cli, c, "<0-15>");
	c = shell_node(cli, NULL, "exec", P, M, "Configure EXEC");
	c = shell_node(cli, c, "prompt", P, M, "EXEC prompt");
	shell_syntax(cli, shell_cmd(cli, c, "timestamp", cmd_timestamp, P, M,
				    "Print timestamps for show commands"), "");
	c = shell_cmd(cli, NULL, "access-class", cmd_access_class, P, M, "Filter connections based on an IP access list");
	shell_arghelp(cli, c, "<1-199>\tIP access list\n<1300-2699>\tIP expanded access list\n"
		      "WORD\tAccess-list name\nin\tFilter incoming connections\n"
		      "out\tFilter outgoing connections (lispr makes none)\n"
		      "vrf-also\tSame access list for all VRFs");
	shell_syntax(cli, c, "{<1-199> | <1300-2699> | WORD} {in [vrf-also] | out}");
	c = shell_node(cli, NULL, "ipv6", P, M, "IPv6 options");
	c = shell_cmd(cli, c, "access-class", cmd_access_class, P, M, "Filter connections based on an IPv6 access list");
	shell_arghelp(cli, c, "WORD\tIPv6 access list name\nin\tFilter incoming connections\n"
		      "out\tFilter outgoing connections (lispr makes none)");
	shell_syntax(cli, c, "WORD {in | out}");
	c = shell_node(cli, NULL, "logging", P, M, "Modify message logging facilities");
	c = shell_cmd(cli, c, "synchronous", cmd_logging_sync, P, M, "Synchronized message output");
	shell_arghelp(cli, c, "level\tSeverity level to output asynchronously\n"
		      "limit\tMessages queue size\n"
		      "<0-7>\tSeverity level\n"
		      "all\tTurn off all asynchronous output\n"
		      "<0-2147483647>\tNumber of buffers");
	shell_syntax(cli, c, "[level {<0-7> | all}] [limit <0-2147483647>]");
	c = shell_cmd(cli, NULL, "history", cmd_history, P, M, "Enable and control the command history function");
	shell_arghelp(cli, c, "size\tSet history buffer size (optional)\n<0-256>\tSize of history buffer");
	shell_syntax(cli, c, "[size <0-256>]");
	c = shell_cmd(cli, NULL, "length", cmd_length, P, M, "Set number of lines on a screen");
	shell_arghelp(cli, c, "<0-512>\tNumber of lines on screen (0 for no pausing)");
	shell_syntax(cli, c, "<0-512>");
	c = shell_cmd(cli, NULL, "width", cmd_width, P, M, "Set width of the display terminal");
	shell_arghelp(cli, c, "<0-512>\tNumber of characters on a screen line");
	shell_syntax(cli, c, "<0-512>");

	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	shell_syntax(cli, shell_cmd(cli, no, "password", cmd_no_password, P, M, "Set a password"), "[WORD]");
	c = shell_cmd(cli, no, "login", cmd_no_login, P, M, "Enable password checking");
	shell_arghelp(cli, c, "local\tLocal password checking (optional)");
	shell_syntax(cli, c, "[local]");
	shell_syntax(cli, shell_cmd(cli, no, "exec-timeout", cmd_no_exec_timeout, P, M, "Set the EXEC timeout"),
		     "[<0-35791> [<0-2147483>]]");
	c = shell_cmd(cli, NULL, "escape-character", cmd_escape, P, M, "Change the current line's escape character");
	shell_arghelp(cli, c, "<0-255>\tEscape character\ndefault\tUse default escape character");
	shell_syntax(cli, c, "{<0-255> | default}");
	shell_syntax(cli, shell_cmd(cli, no, "escape-character", cmd_escape, P, M,
				    "Change the current line's escape character"), "[<0-255> | default]");
	c = shell_cmd(cli, NULL, "absolute-timeout", cmd_absolute_timeout, P, M, "Set absolute timeout for line disconnection");
	shell_arghelp(cli, c, "<0-10000>\tAbsolute timeout interval in minutes");
	shell_syntax(cli, c, "<0-10000>");
	shell_syntax(cli, shell_cmd(cli, no, "absolute-timeout", cmd_absolute_timeout, P, M,
				    "Set absolute timeout for line disconnection"), "[<0-10000>]");
	c = shell_node(cli, no, "timeout", P, M, "Timeouts for the line");
	c = shell_node(cli, c, "login", P, M, "Timeouts related to the login sequence");
	shell_syntax(cli, shell_cmd(cli, c, "response", cmd_no_login_response, P, M,
				    "Timeout for any user input during login sequences"), "[<1-300>]");
	c = shell_node(cli, no, "privilege", P, M, "Change privilege level for line");
	shell_syntax(cli, shell_cmd(cli, c, "level", cmd_no_privilege, P, M,
				    "Assign default privilege level for line"), "[<0-15>]");
	c = shell_node(cli, no, "exec", P, M, "Configure EXEC");
	c = shell_node(cli, c, "prompt", P, M, "EXEC prompt");
	shell_syntax(cli, shell_cmd(cli, c, "timestamp", cmd_no_timestamp, P, M,
				    "Print timestamps for show commands"), "");
	shell_syntax(cli, shell_cmd(cli, no, "access-class", cmd_no_access_class, P, M,
				    "Filter connections based on an IP access list"),
		     "[{<1-199> | <1300-2699> | WORD} [in [vrf-also]]]");
	c = shell_node(cli, no, "ipv6", P, M, "IPv6 options");
	shell_syntax(cli, shell_cmd(cli, c, "access-class", cmd_no_access_class, P, M,
				    "Filter connections based on an IPv6 access list"), "[WORD [in]]");
	c = shell_node(cli, no, "logging", P, M, "Modify message logging facilities");
	shell_syntax(cli, shell_cmd(cli, c, "synchronous", cmd_no_logging_sync, P, M, "Synchronized message output"),
		     "[level {<0-7> | all}] [limit <0-2147483647>]");
	c = shell_cmd(cli, no, "history", cmd_no_history, P, M, "Enable and control the command history function");
	shell_arghelp(cli, c, "size\tSet history buffer size (optional)\n<0-256>\tSize of history buffer (ignored)");
	shell_syntax(cli, c, "[size [<0-256>]]");
	shell_syntax(cli, shell_cmd(cli, no, "length", cmd_no_length, P, M, "Set number of lines on a screen"),
		     "[<0-512>]");
	shell_syntax(cli, shell_cmd(cli, no, "width", cmd_no_width, P, M, "Set width of the display terminal"),
		     "[<0-512>]");
	c = shell_node(cli, no, "transport", P, M, "Define transport protocols for line");
	c = shell_cmd(cli, c, "input", cmd_no_transport_input, P, M, "Define which protocols to use when connecting to the terminal server");
	shell_arghelp(cli, c, "none\tNo protocols\ntelnet\tTCP/IP Telnet protocol");
	shell_syntax(cli, c, "[none | telnet]");
}

static void line_encrypt(struct shell *sh)
{
	for (int i = 0; i <= SHELL_VTY_MAX; i++) {
		struct vty_line_conf *l = i == SHELL_VTY_MAX ? console_conf(sh) : &sh->conf.vty[i];

		secret_key_encrypt(l->password, l->password_conf, l->password_conf, sizeof(l->password_conf));
	}
}

const struct shell_feature shell_feature_line = {
	.name = "line",
	.cmds = line_cmds,
	.write = line_write,
	.encrypt = line_encrypt,
};
