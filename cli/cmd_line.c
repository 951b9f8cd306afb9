/*
 * DOC: terminal lines: 'line vty A [B]' and 'line console 0' with password,
 * login, exec-timeout and transport input
 *
 * A line password is given clear or as type 7 ('password [0|7] P', see
 * cli/secret.h) and prints back as it is stored.
 *
 * Lines vty 0-4 always exist (as on IOS); 'line vty 5 15' adds more and
 * 'no line vty 5 15' removes them again.  The number of vty lines that
 * accept telnet bounds the concurrent telnet sessions (vty.c).  The
 * running-config groups consecutive lines with equal settings, so the
 * usual block prints as 'line vty 0 4'.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "shell.h"

#define LINE_CONSOLE	SHELL_VTY_MAX	/* line_first/last value for the console */

static struct vty_line_conf *console_conf(struct shell *sh)
{
	return &sh->conf.con;
}

static bool line_same(const struct vty_line_conf *a, const struct vty_line_conf *b)
{
	return a->present == b->present && a->login == b->login && a->transport_none == b->transport_none &&
	       a->timeout_min == b->timeout_min && a->timeout_sec == b->timeout_sec &&
	       !strcmp(a->password, b->password) && !strcmp(a->password_conf, b->password_conf);
}

static void line_body(FILE *f, const struct vty_line_conf *l, bool console)
{
	char kb[SECRET_CONF_MAX];

	if (l->timeout_min != 10 || l->timeout_sec != 0)
		fprintf(f, " exec-timeout %u %u\n", l->timeout_min, l->timeout_sec);
	if (l->password[0])
		fprintf(f, " password %s\n", secret_key_fmt(l->password, l->password_conf, kb, sizeof(kb)));
	if (l->login)
		fprintf(f, " login\n");
	if (!console && l->transport_none)
		fprintf(f, " transport input none\n");
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

	if ((i = secret_key_arg(cli, argv, argc, 0, 0, sizeof(l->password), &k)) < 0)
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

static int set_login(struct cli_def *cli, int argc, bool on)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	if (argc)
		return shell_err_invalid(cli, 0);
	FOR_LINES(s, l)
		l->login = on;
	return CLI_OK;
}

static int cmd_login(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_login(cli, argc, true);
}

static int cmd_no_login(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_login(cli, argc, false);
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

static int cmd_transport_input(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;
	bool none;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (strlen(argv[0]) <= 6 && !strncasecmp("telnet", argv[0], strlen(argv[0])))
		none = false;
	else if (strlen(argv[0]) <= 4 && !strncasecmp("none", argv[0], strlen(argv[0])))
		none = true;
	else
		return shell_err_invalid(cli, 0);
	if (s->line_first == LINE_CONSOLE)
		return shell_err(cli, "%% The console has no transport input");
	FOR_LINES(s, l)
		l->transport_none = none;
	return CLI_OK;
}

static int cmd_no_transport_input(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct vty_line_conf *l;

	FOR_LINES(s, l)
		l->transport_none = false;
	return CLI_OK;
}

static void line_cmds(struct cli_def *cli)
{
	struct cli_command *c, *line, *no;
	const int M = SHELL_CONFIG_LINE, P = SHELL_PRIV_ENABLE;

	line = shell_node(cli, NULL, "line", P, SHELL_CONFIG, "Configure a terminal line");
	c = shell_cmd(cli, line, "vty", cmd_line_vty, P, SHELL_CONFIG, "Virtual terminal");
	shell_arghelp(cli, c, "<0-15>\tFirst line number\n<0-15>\tLast line number (optional)");
	c = shell_cmd(cli, line, "console", cmd_line_console, P, SHELL_CONFIG, "Primary terminal line");
	shell_arghelp(cli, c, "<0-0>\tFirst line number");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG, "Negate a command or set its defaults");
	c = shell_node(cli, no, "line", P, SHELL_CONFIG, "Configure a terminal line");
	shell_cmd(cli, c, "vty", cmd_no_line_vty, P, SHELL_CONFIG, "Virtual terminal");

	c = shell_cmd(cli, NULL, "password", cmd_password, P, M, "Set a password");
	shell_arghelp(cli, c, "0\tSpecifies an UNENCRYPTED password will follow\n"
		      "7\tSpecifies a HIDDEN password will follow\n"
		      "LINE\tThe UNENCRYPTED (cleartext) line password");
	shell_cmd(cli, NULL, "login", cmd_login, P, M, "Enable password checking");
	c = shell_cmd(cli, NULL, "exec-timeout", cmd_exec_timeout, P, M, "Set the EXEC timeout");
	shell_arghelp(cli, c, "<0-35791>\tTimeout in minutes\n<0-2147483>\tTimeout in seconds (optional)");
	c = shell_node(cli, NULL, "transport", P, M, "Define transport protocols for line");
	c = shell_cmd(cli, c, "input", cmd_transport_input, P, M, "Define which protocols to use when connecting to the terminal server");
	shell_arghelp(cli, c, "none\tNo protocols\ntelnet\tTCP/IP Telnet protocol");

	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	shell_cmd(cli, no, "password", cmd_no_password, P, M, "Set a password");
	shell_cmd(cli, no, "login", cmd_no_login, P, M, "Enable password checking");
	shell_cmd(cli, no, "exec-timeout", cmd_no_exec_timeout, P, M, "Set the EXEC timeout");
	c = shell_node(cli, no, "transport", P, M, "Define transport protocols for line");
	shell_cmd(cli, c, "input", cmd_no_transport_input, P, M, "Define which protocols to use when connecting to the terminal server");
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
