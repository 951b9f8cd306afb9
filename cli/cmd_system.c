/*
 * DOC: system commands: hostname, enable secret and password, service
 * password-encryption, enable, configure terminal, show version, show
 * users, show sessions, clear line, terminal settings ('show logging' is
 * in cmd_logging.c)
 *
 * The enable secret is stored only as a hash (cli/secret.h): 'enable secret
 * LINE' and 'enable secret 0 LINE' make a type 8 (PBKDF2-SHA256) hash,
 * 'enable secret 5|8|9 HASH' takes one written by IOS as it is, 'enable
 * algorithm-type md5|sha256|scrypt secret LINE' makes one of type 5, 8 or
 * 9 (IOS 15.3+; 'username' takes the same), and the
 * running-config prints 'enable secret T HASH', so it never shows the plain
 * text and loads back as the same hash.  'enable password [0|7] P' is used
 * only while no secret is set, as on IOS.  'service password-encryption'
 * turns every clear key and password of every feature into type 7 at once
 * and new ones as they are entered; 'no service password-encryption' keeps
 * those and prints new ones in clear again (IOS).
 */
#include "config.h"

#include <ctype.h>
#include <openssl/crypto.h>
#include <stdlib.h>
#include <string.h>

#include "log.h"
#include "secret.h"
#include "shell.h"

/* ------------------------------------------------------------ config */

static int cmd_hostname(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	size_t len;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	len = strlen(argv[0]);
	/* RFC 1123 labels, as IOS enforces. */
	if (len >= sizeof(sh->conf.hostname) || !isalpha((unsigned char)argv[0][0]) ||
	    argv[0][len - 1] == '-')
		return shell_err_invalid(cli, 0);
	for (size_t i = 0; i < len; i++)
		if (!isalnum((unsigned char)argv[0][i]) && argv[0][i] != '-')
			return shell_err_invalid(cli, 0);
	snprintf(sh->conf.hostname, sizeof(sh->conf.hostname), "%s", argv[0]);
	log_set_hostname(sh->conf.hostname);	/* the name syslog messages carry */
	return CLI_OK;
}

static int cmd_no_hostname(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	snprintf(sh->conf.hostname, sizeof(sh->conf.hostname), "%s", SHELL_DEFAULT_HOSTNAME);
	log_set_hostname(sh->conf.hostname);
	return CLI_OK;
}

static int cmd_enable_secret(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char hash[SHELL_KEY_MAX];
	int type = 0;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc == 2) {
		if (strlen(argv[0]) != 1 || !strchr("0589", argv[0][0]))
			return shell_err_invalid(cli, 0);
		type = argv[0][0] - '0';
	} else if (argc > 2) {
		return shell_err_invalid(cli, 2);
	}
	if (shell_password_ok(cli, argv, argc, 0) != CLI_OK)
		return CLI_ERROR;
	if (type == 0) {
		if (secret_hash(argv[argc - 1], hash, sizeof(hash)) == -1)
			return shell_err(cli, "%% Cannot hash the secret");
	} else {
		if (!secret_wellformed(type, argv[1]))
			return shell_err(cli, "%% Invalid encrypted secret: not a type %d hash", type);
		snprintf(hash, sizeof(hash), "%s", argv[1]);
	}
	snprintf(sh->conf.enable_secret, sizeof(sh->conf.enable_secret), "%s", hash);
	return CLI_OK;
}

/* 'algorithm-type {md5 | sha256 | scrypt}' at argv[i]: the hash type
 * (5, 8, 9), or -1 with the error printed (cli/shell.h). */
int shell_algorithm_type(struct cli_def *cli, char **argv, int argc, int i)
{
	static const char *const names[] = { "md5", "sha256", "scrypt" };
	static const int types[] = { 5, 8, 9 };
	int k;

	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if ((k = shell_kw_pick(argv, i, names, 3)) < 0) {
		shell_err_invalid(cli, i);
		return -1;
	}
	return types[k];
}

/* enable algorithm-type {md5 | sha256 | scrypt} secret LINE: the clear
 * secret hashed with that type (the running-config prints the hash). */
static int cmd_enable_algo(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char hash[SHELL_KEY_MAX];
	int type;

	(void)cmd;
	if ((type = shell_algorithm_type(cli, argv, argc, 0)) < 0)
		return CLI_ERROR;
	if (argc < 2 || strncasecmp(argv[1], "secret", strlen(argv[1])))
		return argc < 2 ? shell_err_incomplete(cli) : shell_err_invalid(cli, 1);
	if (argc < 3)
		return shell_err_incomplete(cli);
	if (argc > 3)
		return shell_err_invalid(cli, 3);
	if (shell_password_ok(cli, argv, argc, 2) != CLI_OK)
		return CLI_ERROR;
	if (secret_hash_type(type, argv[2], hash, sizeof(hash)) == -1)
		return shell_err(cli, "%% Cannot hash the secret");
	snprintf(sh->conf.enable_secret, sizeof(sh->conf.enable_secret), "%s", hash);
	return CLI_OK;
}

static int cmd_no_enable_secret(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	shell_sess_of(cli)->sh->conf.enable_secret[0] = '\0';
	return CLI_OK;
}

static int cmd_enable_password(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct secret_key k;
	int i;

	if (shell_password_ok(cli, argv, argc, 0) != CLI_OK ||
	    (i = secret_key_arg(cli, argv, argc, 0, 0, sizeof(sh->conf.enable_password), &k)) < 0)
		return CLI_ERROR;
	if (i < argc)
		return shell_err_invalid(cli, i);
	snprintf(sh->conf.enable_password, sizeof(sh->conf.enable_password), "%s", k.plain);
	snprintf(sh->conf.enable_password_conf, sizeof(sh->conf.enable_password_conf), "%s", k.conf);
	return CLI_OK;
}

static int cmd_no_enable_password(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	sh->conf.enable_password[0] = sh->conf.enable_password_conf[0] = '\0';
	return CLI_OK;
}

static int cmd_service_pwenc(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	if (argc)
		return shell_err_invalid(cli, 0);
	sh->conf.password_encryption = true;
	shell_encrypt_all(sh);
	return CLI_OK;
}

static int cmd_no_service_pwenc(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_sess_of(cli)->sh->conf.password_encryption = false;
	return CLI_OK;
}

/* 'service tcp-keepalives-in': TCP keepalives on the vty connections
 * accepted from now on (vty.c), so a client that vanished without closing
 * (a crashed laptop, a cut link) frees its line in minutes. */
static int set_keepalives(struct cli_def *cli, int argc, bool on)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_sess_of(cli)->sh->conf.tcp_keepalives_in = on;
	return CLI_OK;
}

static int cmd_service_ka(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_keepalives(cli, argc, true);
}

static int cmd_no_service_ka(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	return set_keepalives(cli, argc, false);
}

static void system_encrypt(struct shell *sh)
{
	secret_key_encrypt(sh->conf.enable_password, sh->conf.enable_password_conf,
			   sh->conf.enable_password_conf, sizeof(sh->conf.enable_password_conf));
}

static void system_write(struct shell *sh, FILE *f)
{
	char kb[SECRET_CONF_MAX], hb[SHELL_KEY_MAX + 8];

	if (sh->conf.tcp_keepalives_in)
		fprintf(f, "service tcp-keepalives-in\n");
	if (sh->conf.password_encryption)
		fprintf(f, "service password-encryption\n");
	if (strcmp(sh->conf.hostname, SHELL_DEFAULT_HOSTNAME))
		fprintf(f, "hostname %s\n", sh->conf.hostname);
	if (sh->conf.enable_secret[0])
		fprintf(f, "enable secret %s\n", secret_hash_fmt(sh->conf.enable_secret, hb, sizeof(hb)));
	if (sh->conf.enable_password[0] || sh->conf.enable_password_conf[0])
		fprintf(f, "enable password %s\n", secret_key_fmt(sh->conf.enable_password,
								     sh->conf.enable_password_conf,
								     kb, sizeof(kb)));
}

/* Does pw open privileged mode?  The secret wins over the password. */
static bool enable_ok(const char *secret, const char *password, const char *pw)
{
	size_t n = strlen(password);

	if (secret[0])
		return secret_check(secret, pw);
	return n == strlen(pw) && CRYPTO_memcmp(password, pw, n) == 0;
}

/* ------------------------------------------------------------ exec */

static int cmd_enable(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell *sh = s->sh;
	char secret[SHELL_KEY_MAX], password[SECRET_PLAIN_MAX], pw[SHELL_KEY_MAX];

	if (argc)
		return shell_err_invalid(cli, 0);
	if (cli->privilege >= SHELL_PRIV_ENABLE)
		return CLI_OK;
	snprintf(secret, sizeof(secret), "%s", sh->conf.enable_secret);
	snprintf(password, sizeof(password), "%s", sh->conf.enable_password);
	if (!secret[0] && !password[0]) {
		/* IOS: without a secret only the console may enable. */
		if (s->kind == SHELL_VTY)
			return shell_err(cli, "%% No password set");
		shell_set_priv(cli, SHELL_PRIV_ENABLE);
		shell_priv_logged(s, 15);
		return CLI_OK;
	}
	if (!s->getpass)
		return shell_err(cli, "%% Bad secrets");
	/* The prompt waits for a person: do not hold the router meanwhile. */
	shell_unlock(sh);
	for (int i = 0; i < 3; i++) {
		int rc = s->getpass(s, "Password: ", pw, sizeof(pw));

		if (rc == -2) {		/* "% Password:  timeout expired!" said */
			OPENSSL_cleanse(pw, sizeof(pw));
			shell_lock(sh);
			return CLI_ERROR;
		}
		if (rc == -1)
			break;
		if (enable_ok(secret, password, pw)) {
			OPENSSL_cleanse(pw, sizeof(pw));
			shell_lock(sh);
			shell_set_priv(cli, SHELL_PRIV_ENABLE);
			shell_priv_logged(s, 15);
			return CLI_OK;
		}
		shell_enable_failed(s);	/* logged, then the login delay */
	}
	OPENSSL_cleanse(pw, sizeof(pw));
	shell_lock(sh);
	return shell_err(cli, "%% Bad secrets");
}

static int cmd_configure_terminal(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	cli_print(cli, "Enter configuration commands, one per line.  End with CNTL/Z.");
	shell_set_mode(cli, SHELL_CONFIG);
	return CLI_OK;
}

static void fmt_uptime(time_t secs, char *buf, size_t len)
{
	long d = secs / 86400, h = secs % 86400 / 3600, m = secs % 3600 / 60;

	if (d)
		snprintf(buf, len, "%ld day%s, %ld hour%s, %ld minute%s", d, d == 1 ? "" : "s",
			 h, h == 1 ? "" : "s", m, m == 1 ? "" : "s");
	else if (h)
		snprintf(buf, len, "%ld hour%s, %ld minute%s", h, h == 1 ? "" : "s", m, m == 1 ? "" : "s");
	else
		snprintf(buf, len, "%ld minute%s", m, m == 1 ? "" : "s");
}

static int cmd_show_version(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	char up[96];

	if (argc)
		return shell_err_invalid(cli, 0);
	fmt_uptime(time(NULL) - sh->started, up, sizeof(up));
	cli_print(cli, "lispr LISP router software, Version %s", PACKAGE_VERSION);
	cli_print(cli, "Roles: ITR, ETR, PITR, PETR, Map-Server, Map-Resolver (RFC 9300, 9301, 6832)");
	cli_print(cli, "%s", "");
	cli_print(cli, "%s uptime is %s", sh->conf.hostname, up);
	if (sh->config_path)
		cli_print(cli, "Configuration file is \"%s\"", sh->config_path);
	else
		cli_print(cli, "No configuration file (start with -f FILE to keep one)");
	return CLI_OK;
}

static void fmt_idle(time_t secs, char *buf, size_t len)
{
	snprintf(buf, len, "%02ld:%02ld:%02ld", (long)(secs / 3600), (long)(secs % 3600 / 60), (long)(secs % 60));
}

/* 'show privilege': IOS's level numbers, 1 for user EXEC, 15 enabled. */
static int cmd_show_privilege(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	/* A local user's level 2-14 shows as such; it opens what 1 does. */
	unsigned lvl = s->login_priv >= 2 && s->login_priv <= 14 ? s->login_priv : 1;

	if (argc)
		return shell_err_invalid(cli, 0);
	cli_print(cli, "Current privilege level is %u", cli->privilege >= SHELL_PRIV_ENABLE ? 15 : lvl);
	return CLI_OK;
}

/* clear line {N | vty N}: the session on that line ends, after
 * [confirm], as IOS ('N' as 'show users' numbers them: vty N is N + 1;
 * the console cannot be cleared). */
static int cmd_clear_line(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *me = shell_sess_of(cli);
	struct shell *sh = me->sh;
	char answer[64];
	long n;
	int vty, rc;
	bool found = false;

	(void)cmd;
	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!strncasecmp(argv[0], "vty", strlen(argv[0])) && strlen(argv[0]) >= 1 && !isdigit((unsigned char)argv[0][0])) {
		if ((n = shell_arg_uint(cli, argv, argc, 1, 0, SHELL_VTY_MAX - 1)) < 0)
			return CLI_ERROR;
		vty = (int)n;
		if (argc > 2)
			return shell_err_invalid(cli, 2);
	} else if (!strncasecmp(argv[0], "console", strlen(argv[0])) && !isdigit((unsigned char)argv[0][0])) {
		return shell_err(cli, "%% The console line cannot be cleared");
	} else {
		if ((n = shell_arg_uint(cli, argv, argc, 0, 0, SHELL_VTY_MAX)) < 0)
			return CLI_ERROR;
		if (argc > 1)
			return shell_err_invalid(cli, 1);
		if (n == 0)
			return shell_err(cli, "%% The console line cannot be cleared");
		vty = (int)n - 1;
	}
	if (!me->gettext || me->kind == SHELL_FILE)
		return shell_err(cli, "%% Cannot ask for confirmation here");
	/* The answer waits for a person: the router goes on meanwhile. */
	shell_unlock(sh);
	rc = me->gettext(me, "[confirm]", answer, sizeof(answer));
	shell_lock(sh);
	if (rc != 0 || (answer[0] && strcasecmp(answer, "y") && strcasecmp(answer, "yes")))
		return CLI_OK;
	pthread_mutex_lock(&sh->sess_mtx);
	for (struct shell_sess *s = sh->sessions; s; s = s->next) {
		if (s->kind == SHELL_VTY && s->vty_line == vty && s->hangup) {
			s->hangup(s);
			found = true;
		}
	}
	pthread_mutex_unlock(&sh->sess_mtx);
	cli_print(cli, "%s", found ? " [OK]" : "% Not an active line");
	return CLI_OK;
}

/* show sessions: the connections this session opened to other hosts;
 * lispr opens none. */
static int cmd_show_sessions(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	(void)cmd;
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	cli_print(cli, "%% No connections open");
	return CLI_OK;
}

static int cmd_show_users(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *me = shell_sess_of(cli);
	struct shell *sh = me->sh;
	time_t now = time(NULL);

	if (argc)
		return shell_err_invalid(cli, 0);
	cli_print(cli, "    Line       User       Host(s)              Idle       Location");
	pthread_mutex_lock(&sh->sess_mtx);
	for (struct shell_sess *s = sh->sessions; s; s = s->next) {
		char name[16], idle[64];
		int line;

		if (s->kind == SHELL_FILE)
			continue;
		if (s->kind == SHELL_VTY) {
			snprintf(name, sizeof(name), "vty %d", s->vty_line);
			line = 1 + s->vty_line;
		} else {
			snprintf(name, sizeof(name), "con 0");
			line = 0;
		}
		fmt_idle(now - s->last_active, idle, sizeof(idle));
		if (s->peer[0])
			cli_print(cli, "%c%3d %-9s  %-10s %-20s %-10s %s", s == me ? '*' : ' ', line, name, s->user,
				  "idle", s == me ? "00:00:00" : idle, s->peer);
		else
			cli_print(cli, "%c%3d %-9s  %-10s %-20s %s", s == me ? '*' : ' ', line, name, s->user,
				  "idle", s == me ? "00:00:00" : idle);
	}
	pthread_mutex_unlock(&sh->sess_mtx);
	return CLI_OK;
}

static int cmd_terminal_length(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	long n;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if ((n = shell_arg_uint(cli, argv, argc, 0, 0, 512)) < 0)
		return CLI_ERROR;
	shell_sess_of(cli)->term_length = n;
	return CLI_OK;
}

/* 'terminal width N' (netmiko and friends send it on connect): kept for
 * 'show terminal'; lispr wraps no output line, so no width is too small. */
static int cmd_terminal_width(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	long n;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if ((n = shell_arg_uint(cli, argv, argc, 0, 0, 512)) < 0)
		return CLI_ERROR;
	shell_sess_of(cli)->term_width = (unsigned)n;
	return CLI_OK;
}

/* 'terminal no length' / 'terminal no width': the line's settings (IOS's
 * defaults, 24 and 80, unless the line has 'length' or 'width'). */
static int cmd_terminal_no_length(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (argc)
		return shell_err_invalid(cli, 0);
	s->term_length = s->line_length;
	return CLI_OK;
}

static int cmd_terminal_no_width(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (argc)
		return shell_err_invalid(cli, 0);
	s->term_width = s->line_width;
	return CLI_OK;
}

/* 'terminal history [size N]': this session's history on, or its size
 * (the oldest lines beyond it go); 'terminal no history [size]': off, or
 * the line's size again. */
static int cmd_terminal_history(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	long n = shell_history_arg(cli, argv, argc);

	if (n == -2)
		return CLI_ERROR;
	if (n < 0)
		s->hist_off = false;
	else
		shell_hist_size(s, (unsigned)n);
	return CLI_OK;
}

/* 'terminal [no] exec prompt timestamp': this session's */
static int cmd_terminal_timestamp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_sess_of(cli)->exec_timestamp = strncmp(cmd, "terminal no ", 12) != 0;
	return CLI_OK;
}

static int cmd_terminal_no_history(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (argc && (strlen(argv[0]) > 4 || strncasecmp(argv[0], "size", strlen(argv[0]))))
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (argc)
		shell_hist_size(s, s->line_hist);
	else
		s->hist_off = true;
	return CLI_OK;
}

static int cmd_terminal_monitor(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	if (shell_monitor(shell_sess_of(cli), true) == -1)
		return shell_err(cli, "%% Too many monitoring sessions");
	return CLI_OK;
}

static int cmd_terminal_no_monitor(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_monitor(shell_sess_of(cli), false);
	return CLI_OK;
}

static void system_cmds(struct cli_def *cli)
{
	struct cli_command *c, *show, *no, *term;

	c = shell_cmd(cli, NULL, "hostname", cmd_hostname, SHELL_PRIV_ENABLE, SHELL_CONFIG,
		      "Set system's network name");
	shell_arghelp(cli, c, "WORD\tThis system's network name");
	shell_syntax(cli, c, "WORD");
	no = shell_node(cli, NULL, "no", SHELL_PRIV_ENABLE, SHELL_CONFIG, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "hostname", cmd_no_hostname, SHELL_PRIV_ENABLE, SHELL_CONFIG,
		      "Set system's network name");
	shell_arghelp(cli, c, "WORD\tThis system's network name");
	shell_syntax(cli, c, "[WORD]");
	c = shell_node(cli, NULL, "enable", SHELL_PRIV_ENABLE, SHELL_CONFIG, "Modify enable password parameters");
	c = shell_cmd(cli, c, "secret", cmd_enable_secret, SHELL_PRIV_ENABLE, SHELL_CONFIG,
		      "Assign the privileged level secret");
	shell_arghelp(cli, c, "0\tSpecifies an UNENCRYPTED password will follow\n"
		      "5\tSpecifies a MD5 HASHED secret will follow\n"
		      "8\tSpecifies a PBKDF2 HASHED secret will follow\n"
		      "9\tSpecifies a SCRYPT HASHED secret will follow\n"
		      "LINE\tThe UNENCRYPTED (cleartext) 'enable' secret");
	shell_syntax(cli, c, "[0 | 5 | 8 | 9] LINE");
	c = shell_cmd(cli, shell_node(cli, NULL, "enable", SHELL_PRIV_ENABLE, SHELL_CONFIG,
				      "Modify enable password parameters"),
		      "algorithm-type", cmd_enable_algo, SHELL_PRIV_ENABLE, SHELL_CONFIG, "Algorithm to use for hashing the plaintext 'enable' secret");
	shell_arghelp(cli, c, "md5\tEncode the password using the MD5 algorithm\n"
		      "sha256\tEncode the password using the PBKDF2 algorithm\n"
		      "scrypt\tEncode the password using the SCRYPT hashing algorithm\n"
		      "secret\tAssign the privileged level secret\nLINE\tThe UNENCRYPTED (cleartext) 'enable' secret");
	shell_syntax(cli, c, "{md5 | sha256 | scrypt} secret LINE");
	c = shell_cmd(cli, shell_node(cli, NULL, "enable", SHELL_PRIV_ENABLE, SHELL_CONFIG,
				      "Modify enable password parameters"),
		      "password", cmd_enable_password, SHELL_PRIV_ENABLE, SHELL_CONFIG,
		      "Assign the privileged level password (secret takes precedence)");
	shell_arghelp(cli, c, "0\tSpecifies an UNENCRYPTED password will follow\n"
		      "7\tSpecifies a HIDDEN password will follow\n"
		      "LINE\tThe UNENCRYPTED (cleartext) 'enable' password");
	shell_syntax(cli, c, "[0 | 7] LINE");
	c = shell_node(cli, no, "enable", SHELL_PRIV_ENABLE, SHELL_CONFIG, "Modify enable password parameters");
	shell_syntax(cli, shell_cmd(cli, c, "secret", cmd_no_enable_secret, SHELL_PRIV_ENABLE, SHELL_CONFIG,
				    "Assign the privileged level secret"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, c, "password", cmd_no_enable_password, SHELL_PRIV_ENABLE, SHELL_CONFIG,
				    "Assign the privileged level password (secret takes precedence)"), "[LINE]");
	c = shell_node(cli, NULL, "service", SHELL_PRIV_ENABLE, SHELL_CONFIG, "Modify use of network based services");
	shell_syntax(cli, shell_cmd(cli, c, "password-encryption", cmd_service_pwenc, SHELL_PRIV_ENABLE,
				    SHELL_CONFIG, "Encrypt system passwords"), "");
	shell_syntax(cli, shell_cmd(cli, c, "tcp-keepalives-in", cmd_service_ka, SHELL_PRIV_ENABLE,
				    SHELL_CONFIG, "Generate keepalives on idle incoming network connections"), "");
	c = shell_node(cli, no, "service", SHELL_PRIV_ENABLE, SHELL_CONFIG, "Modify use of network based services");
	shell_syntax(cli, shell_cmd(cli, c, "password-encryption", cmd_no_service_pwenc, SHELL_PRIV_ENABLE,
				    SHELL_CONFIG, "Encrypt system passwords"), "");
	shell_syntax(cli, shell_cmd(cli, c, "tcp-keepalives-in", cmd_no_service_ka, SHELL_PRIV_ENABLE,
				    SHELL_CONFIG, "Generate keepalives on idle incoming network connections"), "");

	shell_syntax(cli, shell_cmd(cli, NULL, "enable", cmd_enable, SHELL_PRIV_USER, SHELL_EXEC,
				    "Turn on privileged commands"), "");
	c = shell_node(cli, NULL, "configure", SHELL_PRIV_ENABLE, SHELL_EXEC, "Enter configuration mode");
	shell_syntax(cli, shell_cmd(cli, c, "terminal", cmd_configure_terminal, SHELL_PRIV_ENABLE, SHELL_EXEC,
				    "Configure from the terminal"), "");

	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	shell_syntax(cli, shell_cmd(cli, show, "version", cmd_show_version, SHELL_PRIV_USER, SHELL_EXEC,
				    "System hardware and software status"), "");
	shell_syntax(cli, shell_cmd(cli, show, "privilege", cmd_show_privilege, SHELL_PRIV_USER, SHELL_EXEC,
				    "Show current privilege level"), "");
	shell_syntax(cli, shell_cmd(cli, show, "sessions", cmd_show_sessions, SHELL_PRIV_USER, SHELL_EXEC,
				    "Information about Telnet connections"), "");
	c = shell_node(cli, NULL, "clear", SHELL_PRIV_ENABLE, SHELL_EXEC, "Reset functions");
	c = shell_cmd(cli, c, "line", cmd_clear_line, SHELL_PRIV_ENABLE, SHELL_EXEC, "Reset a terminal line");
	shell_arghelp(cli, c, "<0-16>\tLine number\nconsole\tPrimary terminal line\nvty\tVirtual terminal\n"
		      "<0-15>\tLine number");
	shell_syntax(cli, c, "{<0-16> | console 0 | vty <0-15>}");
	shell_syntax(cli, shell_cmd(cli, show, "users", cmd_show_users, SHELL_PRIV_USER, SHELL_EXEC,
				    "Display information about terminal lines"), "");

	term = shell_node(cli, NULL, "terminal", SHELL_PRIV_USER, SHELL_EXEC, "Set terminal line parameters");
	c = shell_cmd(cli, term, "length", cmd_terminal_length, SHELL_PRIV_USER, SHELL_EXEC,
		      "Set number of lines on a screen");
	shell_arghelp(cli, c, "<0-512>\tNumber of lines on screen (0 for no pausing)");
	shell_syntax(cli, c, "<0-512>");
	c = shell_cmd(cli, term, "width", cmd_terminal_width, SHELL_PRIV_USER, SHELL_EXEC,
		      "Set width of the display terminal");
	shell_arghelp(cli, c, "<0-512>\tNumber of characters on a screen line");
	shell_syntax(cli, c, "<0-512>");
	shell_syntax(cli, shell_cmd(cli, term, "monitor", cmd_terminal_monitor, SHELL_PRIV_USER, SHELL_EXEC,
				    "Copy debug output to the current terminal line"), "");
	c = shell_node(cli, term, "exec", SHELL_PRIV_USER, SHELL_EXEC, "Configure EXEC");
	c = shell_node(cli, c, "prompt", SHELL_PRIV_USER, SHELL_EXEC, "EXEC prompt");
	shell_syntax(cli, shell_cmd(cli, c, "timestamp", cmd_terminal_timestamp, SHELL_PRIV_USER, SHELL_EXEC,
				    "Print timestamps for show commands"), "");
	c = shell_cmd(cli, term, "history", cmd_terminal_history, SHELL_PRIV_USER, SHELL_EXEC,
		      "Enable and control the command history function");
	shell_arghelp(cli, c, "size\tSet history buffer size (optional)\n<0-256>\tSize of history buffer");
	shell_syntax(cli, c, "[size <0-256>]");
	c = shell_node(cli, term, "no", SHELL_PRIV_USER, SHELL_EXEC, "Negate a command or set its defaults");
	shell_syntax(cli, shell_cmd(cli, c, "monitor", cmd_terminal_no_monitor, SHELL_PRIV_USER, SHELL_EXEC,
				    "Copy debug output to the current terminal line"), "");
	shell_syntax(cli, shell_cmd(cli, c, "length", cmd_terminal_no_length, SHELL_PRIV_USER, SHELL_EXEC,
				    "Set number of lines on a screen"), "");
	shell_syntax(cli, shell_cmd(cli, c, "width", cmd_terminal_no_width, SHELL_PRIV_USER, SHELL_EXEC,
				    "Set width of the display terminal"), "");
	term = c;	/* terminal no */
	c = shell_node(cli, term, "exec", SHELL_PRIV_USER, SHELL_EXEC, "Configure EXEC");
	c = shell_node(cli, c, "prompt", SHELL_PRIV_USER, SHELL_EXEC, "EXEC prompt");
	shell_syntax(cli, shell_cmd(cli, c, "timestamp", cmd_terminal_timestamp, SHELL_PRIV_USER, SHELL_EXEC,
				    "Print timestamps for show commands"), "");
	c = shell_cmd(cli, term, "history", cmd_terminal_no_history, SHELL_PRIV_USER, SHELL_EXEC,
		      "Enable and control the command history function");
	shell_arghelp(cli, c, "size\tSet history buffer size (optional)");
	shell_syntax(cli, c, "[size]");
}

const struct shell_feature shell_feature_system = {
	.name = "system",
	.cmds = system_cmds,
	.write = system_write,
	.encrypt = system_encrypt,
};
