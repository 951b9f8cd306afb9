/*
 * DOC: login protection: 'login block-for', 'login delay', 'login
 * on-success|on-failure log [every N]', 'login quiet-mode access-class',
 * 'security passwords min-length', 'show login'
 *
 * As IOS: 'login block-for S attempts N within T' watches the vty logins
 * in windows of T seconds; N failed passwords in one window put the router
 * in quiet mode for S seconds, during which every vty connection is closed
 * before the password prompt.  After each failed line password and each
 * failed enable password the session waits the login delay ('login delay
 * S', 1 second by default) before it asks again, in its own thread with no
 * lock held, so other sessions and the router never wait with it.
 * Failures are logged as IOS logs them:
 *
 *   %SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: ] [Source: A] [localport: P] [Reason: Login Authentication Failed]
 *   %SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is N secs, [user: ] [Source: A] ...
 *   %SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out
 *   %SYS-5-PRIV_AUTH_FAIL: Authentication to Privilege level 15 failed by vty0 (A)
 *
 * Each failure is logged, unless 'login on-failure log every N' thins them
 * to every Nth; a success is logged for a local user ('login local'), and
 * for every login (every Nth) with 'login on-success log [every N]':
 *
 *   %SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: U] [Source: A] [localport: P]
 *
 * The settings and the watch state live in struct shell_login under its
 * own mutex (a login has no router lock); the commands change them with
 * both held.
 */
#include "config.h"

#include <string.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "shell.h"

#define LOGIN_DEFAULT_DELAY	1

static struct timespec now_mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts;
}

/* Whole seconds from a to b, rounded up; 0 when b is not after a. */
static unsigned secs_until(struct timespec a, struct timespec b)
{
	long long ns = (long long)(b.tv_sec - a.tv_sec) * 1000000000LL + (b.tv_nsec - a.tv_nsec);

	return ns <= 0 ? 0 : (unsigned)((ns + 999999999LL) / 1000000000LL);
}

static struct timespec plus_secs(struct timespec t, unsigned s)
{
	t.tv_sec += s;
	return t;
}

/* Leave quiet mode when its time is up (mutex held). */
static void quiet_expire(struct shell_login *l, struct timespec now)
{
	if (l->quiet && secs_until(now, l->quiet_until) == 0) {
		l->quiet = false;
		l->window_open = false;
		l->window_failures = 0;
		log_msg(LOG_NOTICE, "%%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out");
	}
}

unsigned shell_login_quiet(struct shell *sh)
{
	struct shell_login *l = &sh->login;
	struct timespec now = now_mono();
	unsigned left = 0;

	pthread_mutex_lock(&l->mtx);
	quiet_expire(l, now);
	if (l->quiet)
		left = secs_until(now, l->quiet_until);
	pthread_mutex_unlock(&l->mtx);
	return left;
}

void shell_login_refused(struct shell *sh, bool busy)
{
	struct shell_login *l = &sh->login;

	pthread_mutex_lock(&l->mtx);
	if (busy)
		l->refused_busy++;
	else
		l->refused_quiet++;
	pthread_mutex_unlock(&l->mtx);
}

static unsigned login_delay(struct shell_login *l)
{
	unsigned d;

	pthread_mutex_lock(&l->mtx);
	d = l->delay ? l->delay : LOGIN_DEFAULT_DELAY;
	pthread_mutex_unlock(&l->mtx);
	return d;
}

void shell_login_failed(struct shell *sh, const char *user, const char *source, int localport)
{
	struct shell_login *l = &sh->login;
	struct timespec now = now_mono();
	unsigned left = 0;
	char who[SHELL_USER_NAME_MAX];
	size_t i;

	bool logit;

	/* What a client typed goes into the log: printable, bounded. */
	for (i = 0; user && user[i] && i + 1 < sizeof(who); i++)
		who[i] = user[i] > ' ' && user[i] <= '~' ? user[i] : '?';
	who[i] = '\0';
	pthread_mutex_lock(&l->mtx);
	l->failures_seen++;
	logit = !l->failure_every || l->failures_seen % l->failure_every == 0;
	pthread_mutex_unlock(&l->mtx);
	if (logit)
		log_msg(LOG_WARNING, "%%SEC_LOGIN-4-LOGIN_FAILED: Login failed [user: %s] [Source: %s] "
			"[localport: %d] [Reason: Login Authentication Failed]", who, source, localport);
	pthread_mutex_lock(&l->mtx);
	quiet_expire(l, now);
	l->total_failures++;
	if (l->block_for && !l->quiet) {
		if (!l->window_open || secs_until(now, plus_secs(l->window_start, l->within)) == 0) {
			l->window_open = true;
			l->window_start = now;
			l->window_failures = 0;
		}
		if (++l->window_failures >= l->attempts) {
			l->quiet = true;
			l->quiet_until = plus_secs(now, l->block_for);
			left = l->block_for;
		}
	}
	pthread_mutex_unlock(&l->mtx);
	if (left)
		log_msg(LOG_ALERT, "%%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is %u secs, "
			"[user: %s] [Source: %s] [localport: %d] [Reason: Login Authentication Failed]",
			left, who, source, localport);
	sleep(login_delay(l));
}

void shell_login_succeeded(struct shell *sh, const char *user, const char *source, int localport)
{
	struct shell_login *l = &sh->login;
	bool logit;

	pthread_mutex_lock(&l->mtx);
	l->successes++;
	logit = l->success_every ? l->successes % l->success_every == 0 : user[0] != '\0';
	pthread_mutex_unlock(&l->mtx);
	if (logit)
		log_msg(LOG_NOTICE, "%%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success [user: %s] [Source: %s] "
			"[localport: %d]", user, source, localport);
}

void shell_enable_failed(struct shell_sess *s)
{
	if (s->kind == SHELL_VTY)
		log_msg(LOG_NOTICE, "%%SYS-5-PRIV_AUTH_FAIL: Authentication to Privilege level 15 failed by vty%d (%s)",
			s->vty_line, s->peer);
	else
		log_msg(LOG_NOTICE, "%%SYS-5-PRIV_AUTH_FAIL: Authentication to Privilege level 15 failed by console");
	sleep(login_delay(&s->sh->login));
}

/* ------------------------------------------------------------ commands */

/* login block-for S attempts N within T */
static int cmd_login_block_for(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	long s, n, t;

	if ((s = shell_arg_uint(cli, argv, argc, 0, 1, 65535)) < 0)
		return CLI_ERROR;
	if (argc < 2)
		return shell_err_incomplete(cli);
	if (strlen(argv[1]) > 8 || strncasecmp(argv[1], "attempts", strlen(argv[1])))
		return shell_err_invalid(cli, 1);
	if ((n = shell_arg_uint(cli, argv, argc, 2, 1, 65535)) < 0)
		return CLI_ERROR;
	if (argc < 4)
		return shell_err_incomplete(cli);
	if (strlen(argv[3]) > 6 || strncasecmp(argv[3], "within", strlen(argv[3])))
		return shell_err_invalid(cli, 3);
	if ((t = shell_arg_uint(cli, argv, argc, 4, 1, 65535)) < 0)
		return CLI_ERROR;
	if (argc > 5)
		return shell_err_invalid(cli, 5);
	pthread_mutex_lock(&sh->login.mtx);
	sh->login.block_for = s;
	sh->login.attempts = n;
	sh->login.within = t;
	sh->login.window_open = false;
	sh->login.window_failures = 0;
	pthread_mutex_unlock(&sh->login.mtx);
	return CLI_OK;
}

static int cmd_no_login_block_for(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	bool was_quiet;

	pthread_mutex_lock(&sh->login.mtx);
	was_quiet = sh->login.quiet;
	sh->login.block_for = sh->login.attempts = sh->login.within = 0;
	sh->login.quiet = sh->login.window_open = false;
	sh->login.window_failures = 0;
	pthread_mutex_unlock(&sh->login.mtx);
	if (was_quiet)
		log_msg(LOG_NOTICE, "%%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block-for is removed");
	return CLI_OK;
}

static int cmd_login_delay(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	long d;

	if ((d = shell_arg_uint(cli, argv, argc, 0, 1, 10)) < 0)
		return CLI_ERROR;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	pthread_mutex_lock(&sh->login.mtx);
	sh->login.delay = d;
	pthread_mutex_unlock(&sh->login.mtx);
	return CLI_OK;
}

static int cmd_no_login_delay(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	pthread_mutex_lock(&sh->login.mtx);
	sh->login.delay = 0;
	pthread_mutex_unlock(&sh->login.mtx);
	return CLI_OK;
}

/* login on-success|on-failure log [every N] */
static int set_login_log(struct cli_def *cli, const char *cmd, char **argv, int argc, bool no)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	bool success = strstr(cmd, "on-success") != NULL;
	long n = 1;

	if (!no) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (strlen(argv[0]) > 3 || strncasecmp(argv[0], "log", strlen(argv[0])))
			return shell_err_invalid(cli, 0);
		if (argc > 1) {
			if (strlen(argv[1]) > 5 || strncasecmp(argv[1], "every", strlen(argv[1])))
				return shell_err_invalid(cli, 1);
			if ((n = shell_arg_uint(cli, argv, argc, 2, 1, 65535)) < 0)
				return CLI_ERROR;
		}
		if (argc > 3)
			return shell_err_invalid(cli, 3);
	}
	pthread_mutex_lock(&sh->login.mtx);
	*(success ? &sh->login.success_every : &sh->login.failure_every) = no ? 0 : (unsigned)n;
	*(success ? &sh->login.successes : &sh->login.failures_seen) = 0;
	pthread_mutex_unlock(&sh->login.mtx);
	return CLI_OK;
}

static int cmd_login_log(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_login_log(cli, cmd, argv, argc, false);
}

static int cmd_no_login_log(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_login_log(cli, cmd, argv, argc, true);
}

static int cmd_show_login(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_login *l = &shell_sess_of(cli)->sh->login, c;
	struct timespec now = now_mono();

	if (argc)
		return shell_err_invalid(cli, 0);
	pthread_mutex_lock(&l->mtx);
	quiet_expire(l, now);
	c = *l;
	pthread_mutex_unlock(&l->mtx);
	if (c.delay)
		cli_print(cli, "     A login delay of %u seconds is applied.", c.delay);
	else
		cli_print(cli, "     A default login delay of %u seconds is applied.", LOGIN_DEFAULT_DELAY);
	if (shell_sess_of(cli)->sh->conf.quiet_acl[0])
		cli_print(cli, "     Quiet-Mode access list %s is applied.", shell_sess_of(cli)->sh->conf.quiet_acl);
	else
		cli_print(cli, "     No Quiet-Mode access list has been configured.");
	cli_print(cli, "%s", "");
	if (!c.block_for) {
		cli_print(cli, "     Router NOT enabled to watch for login Attacks");
		goto refused;
	}
	cli_print(cli, "     Router enabled to watch for login Attacks.");
	cli_print(cli, "     If more than %u login failures occur in %u seconds or less,", c.attempts, c.within);
	cli_print(cli, "     logins will be disabled for %u seconds.", c.block_for);
	cli_print(cli, "%s", "");
	if (c.quiet) {
		cli_print(cli, "     Router presently in Quiet-Mode.");
		cli_print(cli, "     Will remain in Quiet-Mode for %u seconds.", secs_until(now, c.quiet_until));
		if (shell_sess_of(cli)->sh->conf.quiet_acl[0])
			cli_print(cli, "     Denying logins from all sources but those list %s permits.",
				  shell_sess_of(cli)->sh->conf.quiet_acl);
		else
			cli_print(cli, "     Denying logins from all sources.");
	} else {
		bool open = c.window_open && secs_until(now, plus_secs(c.window_start, c.within));

		cli_print(cli, "     Router presently in Normal-Mode.");
		cli_print(cli, "     Current Watch Window");
		cli_print(cli, "         Time remaining: %u seconds.",
			  open ? secs_until(now, plus_secs(c.window_start, c.within)) : c.within);
		cli_print(cli, "         Login failures for current window: %u.", open ? c.window_failures : 0);
	}
	cli_print(cli, "     Total login failures: %lu.", c.total_failures);
refused:
	cli_print(cli, "     Connections refused in Quiet-Mode: %lu.", c.refused_quiet);
	cli_print(cli, "     Connections refused, all vty lines busy: %lu.", c.refused_busy);
	return CLI_OK;
}

int shell_password_ok(struct cli_def *cli, char **argv, int argc, int i)
{
	struct shell_sess *s = shell_sess_of(cli);
	unsigned min = s->sh->conf.pw_min_len;

	/* A configuration read from a file was taken before: its passwords
	 * load again whatever the order of its lines (the minimum is for
	 * passwords typed from now on). */
	if (s->kind == SHELL_FILE)
		return CLI_OK;
	if (i + 1 < argc && argv[i][0] && !argv[i][1] && argv[i][0] != '0')
		return CLI_OK;	/* encrypted ('7 ...', '5 ...'): not checked, as IOS */
	if (i + 1 < argc)
		i++;
	if (i < argc && strlen(argv[i]) < min)
		return shell_err(cli, "%% Password too short - must be at least %u characters. Password "
				 "configuration failed", min);
	return CLI_OK;
}

/* [no] login quiet-mode access-class LIST: the clients LIST permits may
 * log in during quiet mode (an IPv4 list for IPv4 clients, an IPv6 list
 * of the name for IPv6 ones; a list that does not exist or has no entry
 * lets none by). */
static int cmd_quiet_acl(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	if (strncmp(cmd, "no ", 3)) {
		if (argc < 1)
			return shell_err_incomplete(cli);
		if (argc > 1 || strlen(argv[0]) >= ACL_NAME_MAX)
			return shell_err_invalid(cli, argc > 1 ? 1 : 0);
		snprintf(sh->conf.quiet_acl, sizeof(sh->conf.quiet_acl), "%s", argv[0]);
	} else {
		sh->conf.quiet_acl[0] = '\0';
	}
	return CLI_OK;
}

/* [no] security passwords min-length N: passwords given in clear from
 * now on have at least N characters (IOS: 0-16). */
static int cmd_pw_min(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	long n = 0;

	if (strncmp(cmd, "no ", 3)) {
		if ((n = shell_arg_uint(cli, argv, argc, 0, 0, 16)) < 0)
			return CLI_ERROR;
		if (argc > 1)
			return shell_err_invalid(cli, 1);
	}
	sh->conf.pw_min_len = (unsigned)n;
	return CLI_OK;
}

static void login_write(struct shell *sh, FILE *f)
{
	struct shell_login *l = &sh->login;

	if (sh->conf.pw_min_len)
		fprintf(f, "security passwords min-length %u\n", sh->conf.pw_min_len);
	if (sh->conf.quiet_acl[0])
		fprintf(f, "login quiet-mode access-class %s\n", sh->conf.quiet_acl);

	pthread_mutex_lock(&l->mtx);
	if (l->block_for)
		fprintf(f, "login block-for %u attempts %u within %u\n", l->block_for, l->attempts, l->within);
	if (l->delay)
		fprintf(f, "login delay %u\n", l->delay);
	for (int k = 0; k < 2; k++) {
		unsigned every = k ? l->success_every : l->failure_every;

		if (every == 1)
			fprintf(f, "login on-%s log\n", k ? "success" : "failure");
		else if (every)
			fprintf(f, "login on-%s log every %u\n", k ? "success" : "failure", every);
	}
	pthread_mutex_unlock(&l->mtx);
}

static void login_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_CONFIG;
	struct cli_command *c, *login, *no;

	login = shell_node(cli, NULL, "login", P, M, "Enable secure login checking");
	c = shell_cmd(cli, login, "block-for", cmd_login_block_for, P, M,
		      "Set quiet-mode active time period");
	shell_arghelp(cli, c, "<1-65535>\tQuiet-mode active time period\n"
		      "attempts\tSet max number of fail attempts\n"
		      "<1-65535>\tNumber of attempts\n"
		      "within\tWatch period for repeated login failures\n"
		      "<1-65535>\tTime period in seconds");
	shell_syntax(cli, c, "<1-65535> attempts <1-65535> within <1-65535>");
	c = shell_cmd(cli, login, "delay", cmd_login_delay, P, M, "Set delay between successive fail login");
	shell_arghelp(cli, c, "<1-10>\tSeconds between successive login attempts");
	shell_syntax(cli, c, "<1-10>");
	c = shell_node(cli, login, "quiet-mode", P, M, "Set quiet-mode options");
	c = shell_cmd(cli, c, "access-class", cmd_quiet_acl, P, M, "Set access-class for quiet-mode exceptions");
	shell_arghelp(cli, c, "WORD\tAccess list name or number");
	shell_syntax(cli, c, "WORD");
	for (int k = 0; k < 2; k++) {
		c = shell_cmd(cli, login, k ? "on-success" : "on-failure", cmd_login_log, P, M,
			      k ? "Set options for successful login" : "Set options for failed login");
		shell_arghelp(cli, c, "log\tGenerate syslogs on login\nevery\tLog every N attempts\n"
			      "<1-65535>\tEvery N attempts");
		shell_syntax(cli, c, "log [every <1-65535>]");
	}
	no = shell_node(cli, NULL, "no", P, M, "Negate a command or set its defaults");
	login = shell_node(cli, no, "login", P, M, "Enable secure login checking");
	c = shell_cmd(cli, login, "block-for", cmd_no_login_block_for, P, M,
		      "Set quiet-mode active time period");
	shell_arghelp(cli, c, "<1-65535>\tQuiet-mode active time period\n"
		      "attempts\tSet max number of fail attempts\n"
		      "<1-65535>\tNumber of attempts\n"
		      "within\tWatch period for repeated login failures\n"
		      "<1-65535>\tTime period in seconds");
	shell_syntax(cli, c, "[<1-65535> [attempts <1-65535> [within <1-65535>]]]");
	c = shell_cmd(cli, login, "delay", cmd_no_login_delay, P, M, "Set delay between successive fail login");
	shell_arghelp(cli, c, "<1-10>\tSeconds between successive login attempts");
	shell_syntax(cli, c, "[<1-10>]");
	c = shell_node(cli, login, "quiet-mode", P, M, "Set quiet-mode options");
	shell_syntax(cli, shell_cmd(cli, c, "access-class", cmd_quiet_acl, P, M,
				    "Set access-class for quiet-mode exceptions"), "[WORD]");
	for (int k = 0; k < 2; k++)
		shell_syntax(cli, shell_cmd(cli, login, k ? "on-success" : "on-failure", cmd_no_login_log, P, M,
					    k ? "Set options for successful login" : "Set options for failed login"),
			     "[log [every <1-65535>]]");

	for (int neg = 0; neg < 2; neg++) {
		c = shell_node(cli, neg ? no : NULL, "security", P, M, "Infra Security CLIs");
		c = shell_node(cli, c, "passwords", P, M, "Password security configuration");
		c = shell_cmd(cli, c, "min-length", cmd_pw_min, P, M, "Minimum length of passwords");
		shell_arghelp(cli, c, "<0-16>\tMinimum length of all user/enable passwords");
		shell_syntax(cli, c, neg ? "[<0-16>]" : "<0-16>");
	}

	c = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	shell_syntax(cli, shell_cmd(cli, c, "login", cmd_show_login, P, SHELL_EXEC,
				    "Display Secure Login Configurations and State"), "");
}

const struct shell_feature shell_feature_login = {
	.name = "login",
	.cmds = login_cmds,
	.write = login_write,
};
