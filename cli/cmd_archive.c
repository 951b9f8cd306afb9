/*
 * DOC: the configuration change log: 'archive' / 'log config' /
 * 'logging enable', 'logging size N', 'notify syslog [contenttype
 * plaintext]', 'hidekeys'; 'show archive log config all'
 *
 * As IOS's configuration change notification and logging: with 'logging
 * enable', every configuration command a session types and that is
 * taken (not 'end', 'exit' or 'do ...') is kept, with its number, the
 * session and who typed it, in a log of 'logging size' entries (100 by
 * default, 1 to 1000: the oldest go first); with 'notify syslog' each
 * also goes to the log as %PARSER-5-CFGLOG_LOGGEDCMD: User:NAME  logged
 * command:LINE.  'hidekeys' writes what follows 'secret', 'password' and
 * 'key' words as '*****' in both.  A configuration read from a file (the
 * startup-config) is not logged, as on IOS.  The entries live in the
 * shell, under the router lock like the commands.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "log.h"
#include "shell.h"

#define CFGLOG_DEFAULT	100
#define CFGLOG_MAX	1000
#define CFGLOG_LINE	256

struct cfglog_entry {
	unsigned idx, sess;
	char who[2 * SHELL_USER_NAME_MAX + 24];	/* user@line */
	char cmd[CFGLOG_LINE];
};

/* The log itself: a ring of at most the configured size. */
struct shell_cfglog {
	struct cfglog_entry *v;
	unsigned cap, n, head;	/* head: the oldest */
	unsigned next_idx;
};

static struct shell_cfglog *cfglog_of(struct shell *sh)
{
	if (!sh->cfglog)
		sh->cfglog = calloc(1, sizeof(*sh->cfglog));
	return sh->cfglog;
}

void shell_cfglog_free(struct shell *sh)
{
	if (sh->cfglog) {
		free(sh->cfglog->v);
		free(sh->cfglog);
		sh->cfglog = NULL;
	}
}

/* Resize to n entries, keeping the newest. */
static int cfglog_resize(struct shell_cfglog *l, unsigned n)
{
	struct cfglog_entry *v = calloc(n, sizeof(*v));
	unsigned keep = l->n < n ? l->n : n;

	if (!v)
		return -1;
	for (unsigned i = 0; i < keep; i++)
		v[i] = l->v[(l->head + l->n - keep + i) % l->cap];
	free(l->v);
	l->v = v;
	l->cap = n;
	l->n = keep;
	l->head = 0;
	return 0;
}

/* 'hidekeys': the words after secret/password/key words (and a type
 * digit) as *****. */
static void hide_keys(const char *line, char *out, size_t len)
{
	char buf[CFGLOG_LINE], *save = NULL, *w;
	size_t n = 0;
	bool hide = false;

	snprintf(buf, sizeof(buf), "%s", line);
	out[0] = '\0';
	for (w = strtok_r(buf, " \t", &save); w && n < len; w = strtok_r(NULL, " \t", &save)) {
		bool digit = strlen(w) == 1 && strchr("056789", w[0]);
		const char *shown = hide && !digit ? "*****" : w;

		n += (size_t)snprintf(out + n, len - n, "%s%s", n ? " " : "", shown);
		if (hide && !digit)
			hide = false;
		if (!strcasecmp(w, "secret") || !strcasecmp(w, "password") || !strcasecmp(w, "key") ||
		    !strcasecmp(w, "authentication-key"))
			hide = true;
	}
}

void shell_cfglog_record(struct shell_sess *s, const char *line)
{
	struct shell *sh = s->sh;
	const struct shell_conf_cfglog *c = &sh->conf.cfglog;
	struct shell_cfglog *l;
	struct cfglog_entry *e;
	char cmd[CFGLOG_LINE], who[2 * SHELL_USER_NAME_MAX + 24], user[SHELL_USER_NAME_MAX + 8];
	const char *p = line + strspn(line, " \t");

	if (!c->enable || s->kind == SHELL_FILE || !*p)
		return;
	if (!(l = cfglog_of(sh)) || (!l->cap && cfglog_resize(l, c->size ? c->size : CFGLOG_DEFAULT) == -1))
		return;
	if (c->hidekeys)
		hide_keys(p, cmd, sizeof(cmd));
	else
		snprintf(cmd, sizeof(cmd), "%s", p);
	if (s->kind == SHELL_VTY)
		snprintf(user, sizeof(user), "vty%d", s->vty_line);
	else
		snprintf(user, sizeof(user), "%s", s->kind == SHELL_CONSOLE ? "console" : "batch");
	snprintf(who, sizeof(who), "%s@%s", s->user[0] ? s->user : user, user);
	if (l->n == l->cap) {
		e = &l->v[l->head];
		l->head = (l->head + 1) % l->cap;
	} else {
		e = &l->v[(l->head + l->n++) % l->cap];
	}
	e->idx = ++l->next_idx;
	e->sess = s->id;
	snprintf(e->who, sizeof(e->who), "%s", who);
	snprintf(e->cmd, sizeof(e->cmd), "%s", cmd);
	if (c->notify)
		log_event("PARSER", LOG_NOTICE, "CFGLOG_LOGGEDCMD", "User:%s  logged command:%s",
			  s->user[0] ? s->user : user, cmd);
}

/* ------------------------------------------------------------ commands */

static struct shell_conf_cfglog *conf_of(struct cli_def *cli)
{
	return &shell_sess_of(cli)->sh->conf.cfglog;
}

static int cmd_archive(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	(void)cmd;
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_set_mode(cli, SHELL_ARCHIVE);
	return CLI_OK;
}

static int cmd_no_archive(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	(void)cmd;
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	memset(conf_of(cli), 0, sizeof(struct shell_conf_cfglog));
	return CLI_OK;
}

static int cmd_log_config(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	(void)argv;
	if (argc)
		return shell_err_invalid(cli, 0);
	if (!strncmp(cmd, "no ", 3))
		memset(conf_of(cli), 0, sizeof(struct shell_conf_cfglog));
	else
		shell_set_mode(cli, SHELL_ARCHIVE_LOG);
	return CLI_OK;
}

/* [no] logging enable | logging size N | notify syslog [contenttype
 * plaintext] | hidekeys */
static int cmd_cfglog_opt(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct shell_conf_cfglog *c = conf_of(cli);
	bool no = !strncmp(cmd, "no ", 3);

	if (strstr(cmd, "logging size")) {
		long n = CFGLOG_DEFAULT;

		if (!no && (n = shell_arg_uint(cli, argv, argc, 0, 1, CFGLOG_MAX)) < 0)
			return CLI_ERROR;
		if (argc > 1)
			return shell_err_invalid(cli, 1);
		if (cfglog_of(sh) && cfglog_of(sh)->cap && cfglog_resize(cfglog_of(sh), (unsigned)n) == -1)
			return shell_err(cli, "%% Out of memory");
		c->size = n == CFGLOG_DEFAULT ? 0 : (unsigned)n;
		return CLI_OK;
	}
	if (strstr(cmd, "notify syslog")) {
		if (argc && (argc != 2 || strncasecmp(argv[0], "contenttype", strlen(argv[0])) ||
			     strncasecmp(argv[1], "plaintext", strlen(argv[1]))))
			return shell_err_invalid(cli, argc == 2 ? 1 : 0);
		c->notify = !no;
		return CLI_OK;
	}
	if (argc)
		return shell_err_invalid(cli, 0);
	if (strstr(cmd, "hidekeys"))
		c->hidekeys = !no;
	else
		c->enable = !no;
	return CLI_OK;
}

static void cfglog_write(struct shell *sh, FILE *f)
{
	const struct shell_conf_cfglog *c = &sh->conf.cfglog;

	if (!c->enable && !c->size && !c->notify && !c->hidekeys)
		return;
	fprintf(f, "archive\n log config\n");
	if (c->enable)
		fprintf(f, "  logging enable\n");
	if (c->size)
		fprintf(f, "  logging size %u\n", c->size);
	if (c->notify)
		fprintf(f, "  notify syslog contenttype plaintext\n");
	if (c->hidekeys)
		fprintf(f, "  hidekeys\n");
}

/* show archive log config all | statistics */
static int cmd_show_cfglog(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	const struct shell_cfglog *l = sh->cfglog;
	static const char *const what[] = { "all", "statistics" };
	int k;

	(void)cmd;
	if (argc < 1)
		return shell_err_incomplete(cli);
	if ((k = shell_kw_pick(argv, 0, what, 2)) < 0)
		return shell_err_invalid(cli, 0);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (k == 1) {
		cli_print(cli, "Config Log Session Info:");
		cli_print(cli, "        Number of sessions being tracked: %u", l ? (l->n ? 1u : 0u) : 0u);
		cli_print(cli, "        Number of entries in the log: %u", l ? l->n : 0u);
		cli_print(cli, "        Maximum number of entries: %u",
			  sh->conf.cfglog.size ? sh->conf.cfglog.size : CFGLOG_DEFAULT);
		return CLI_OK;
	}
	cli_print(cli, " idx   sess           user@line      Logged command");
	for (unsigned i = 0; l && i < l->n; i++) {
		const struct cfglog_entry *e = &l->v[(l->head + i) % l->cap];

		cli_print(cli, "%5u %5u %21s  |%s", e->idx, e->sess, e->who, e->cmd);
	}
	return CLI_OK;
}

static void cfglog_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, A = SHELL_ARCHIVE, L = SHELL_ARCHIVE_LOG;
	struct cli_command *c, *no;

	shell_syntax(cli, shell_cmd(cli, NULL, "archive", cmd_archive, P, G, "Archive the configuration"), "");
	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	shell_syntax(cli, shell_cmd(cli, no, "archive", cmd_no_archive, P, G, "Archive the configuration"), "");

	c = shell_node(cli, NULL, "log", P, A, "Logging commands");
	shell_syntax(cli, shell_cmd(cli, c, "config", cmd_log_config, P, A, "Logging changes to the running configuration"),
		     "");
	no = shell_node(cli, NULL, "no", P, A, "Negate a command or set its defaults");
	c = shell_node(cli, no, "log", P, A, "Logging commands");
	shell_syntax(cli, shell_cmd(cli, c, "config", cmd_log_config, P, A, "Logging changes to the running configuration"),
		     "");

	for (int neg = 0; neg < 2; neg++) {
		struct cli_command *p = neg ? shell_node(cli, NULL, "no", P, L, "Negate a command or set its defaults") : NULL;

		c = shell_node(cli, p, "logging", P, L, "Modify config logging parameters");
		shell_syntax(cli, shell_cmd(cli, c, "enable", cmd_cfglog_opt, P, L, "Enable the config logger"), "");
		c = shell_cmd(cli, c, "size", cmd_cfglog_opt, P, L, "Set the maximum number of entries retained");
		shell_arghelp(cli, c, "<1-1000>\tNumber of entries retained");
		shell_syntax(cli, c, neg ? "[<1-1000>]" : "<1-1000>");
		c = shell_node(cli, p, "notify", P, L, "Send logged commands to target applications");
		c = shell_cmd(cli, c, "syslog", cmd_cfglog_opt, P, L, "Send logged commands to the syslog");
		shell_arghelp(cli, c, "contenttype\tSet the content type\nplaintext\tPlain text");
		shell_syntax(cli, c, "[contenttype plaintext]");
		shell_syntax(cli, shell_cmd(cli, p, "hidekeys", cmd_cfglog_opt, P, L,
					    "Suppress output (e.g. passwords) when displaying logged commands"), "");
	}

	c = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_node(cli, c, "archive", P, SHELL_EXEC, "Archive functions");
	c = shell_node(cli, c, "log", P, SHELL_EXEC, "Show the configuration change log");
	c = shell_cmd(cli, c, "config", cmd_show_cfglog, P, SHELL_EXEC, "Show the configuration change log");
	shell_arghelp(cli, c, "all\tList all the commands in the log\nstatistics\tShow memory usage statistics");
	shell_syntax(cli, c, "{all | statistics}");
}

const struct shell_feature shell_feature_archive = {
	.name = "archive",
	.cmds = cfglog_cmds,
	.write = cfglog_write,
};
