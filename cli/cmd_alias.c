/*
 * DOC: command aliases: 'alias {exec | configure | interface} NAME
 * COMMAND', 'show aliases [MODE]'
 *
 * As IOS: a line whose first word is an alias of the mode it is typed in
 * runs as the alias's command with the rest of the line after it ('alias
 * exec srl show running-config | section lisp', then 'srl'; 'alias exec
 * pi ping 10.0.0.1', then 'pi repeat 100').  The alias must be typed in
 * full (case does not matter) and wins over a command it abbreviates; the
 * command it stands for is expanded once (an alias in it is not an alias
 * again) and checked as if typed, privilege included; '?' and TAB after
 * the alias and a space read the line so too (cli/shell.c).  The history
 * keeps what was typed.  IOS's default EXEC aliases are there and listed first
 * (lo logout, p ping, s show, u and un undebug: the ones whose command
 * lispr has); an alias of the same name replaces one for as long as it is
 * configured.  Typing an alias again replaces its command; 'no alias MODE
 * NAME' removes it.  A line is checked for an alias before the router
 * lock is taken (a typo costs the router nothing): the aliases have a
 * mutex of their own, which changes hold with the router lock, so the
 * printers read them under either.  At most SHELL_ALIASES_MAX aliases (one more is a %
 * error).  The running-config prints them after the banners, in the order
 * first configured.
 */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "shell.h"

static const struct {
	const char *name, *text;
} defaults[] = {
	{ "lo", "logout" }, { "p", "ping" }, { "s", "show" }, { "u", "undebug" }, { "un", "undebug" },
};

static const struct {
	const char *word, *title;
	int mode;
} modes[] = {
	{ "exec", "Exec mode aliases:", SHELL_EXEC },
	{ "configure", "Global configuration mode aliases:", SHELL_CONFIG },
	{ "interface", "Interface configuration mode aliases:", SHELL_CONFIG_IF },
};

#define NMODES (sizeof(modes) / sizeof(modes[0]))

static struct shell_alias *alias_find(const struct shell_conf *c, int mode, const char *name)
{
	for (unsigned i = 0; i < c->naliases; i++)
		if (c->aliases[i].mode == mode && !strcasecmp(c->aliases[i].name, name))
			return &c->aliases[i];
	return NULL;
}

void shell_aliases_clear(struct shell_conf *c)
{
	free(c->aliases);
	c->aliases = NULL;
	c->naliases = c->aliases_cap = 0;
}

char *shell_alias_expand(struct shell *sh, int mode, const char *word)
{
	const struct shell_alias *a;
	char *text = NULL;

	pthread_mutex_lock(&sh->alias_mtx);
	if ((a = alias_find(&sh->conf, mode, word)))
		text = strdup(a->text);
	pthread_mutex_unlock(&sh->alias_mtx);
	if (a)
		return text;
	if (mode == SHELL_EXEC)
		for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			if (!strcasecmp(defaults[i].name, word))
				return strdup(defaults[i].text);
	return NULL;
}

/* The mode word ('exec', 'configure', 'interface', abbreviated), its
 * index, or -1. */
static int mode_of(const char *w)
{
	size_t n = strlen(w);

	for (size_t i = 0; i < NMODES; i++)
		if (n && !strncasecmp(w, modes[i].word, n))
			return (int)i;
	return -1;
}

static bool name_ok(const char *s)
{
	size_t n = strlen(s);

	if (!n || n >= SHELL_ALIAS_NAME || !isalpha((unsigned char)s[0]))
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && s[i] != '-' && s[i] != '_' && s[i] != '.')
			return false;
	return true;
}

/* alias MODE NAME COMMAND... (the rest of the line, '|' included) */
static int cmd_alias(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct shell_conf *c = &s->sh->conf;
	struct shell_alias *a;
	const char *text;
	int m;

	if (argc < 3)
		return shell_err_incomplete(cli);
	if ((m = mode_of(argv[0])) < 0)
		return shell_err_invalid(cli, 0);
	if (!name_ok(argv[1]))
		return shell_err_invalid(cli, 1);
	/* The command as typed, spaces and filters kept. */
	text = s->line + s->argcol[2];
	if (strlen(text) >= SHELL_ALIAS_TEXT)
		return shell_err(cli, "%% Alias command too long (at most %d characters)", SHELL_ALIAS_TEXT - 1);
	pthread_mutex_lock(&s->sh->alias_mtx);
	if (!(a = alias_find(c, modes[m].mode, argv[1]))) {
		if (c->naliases >= SHELL_ALIASES_MAX) {
			pthread_mutex_unlock(&s->sh->alias_mtx);
			return shell_err(cli, "%% Too many aliases (at most %d)", SHELL_ALIASES_MAX);
		}
		if (c->naliases == c->aliases_cap) {
			unsigned cap = c->aliases_cap ? 2 * c->aliases_cap : 8;
			struct shell_alias *v = realloc(c->aliases, cap * sizeof(*v));

			if (!v) {
				pthread_mutex_unlock(&s->sh->alias_mtx);
				return shell_err(cli, "%% Out of memory");
			}
			c->aliases = v;
			c->aliases_cap = cap;
		}
		a = &c->aliases[c->naliases++];
		memset(a, 0, sizeof(*a));
		a->mode = modes[m].mode;
		snprintf(a->name, sizeof(a->name), "%s", argv[1]);
	}
	snprintf(a->text, sizeof(a->text), "%s", text);
	/* Trailing blanks are not part of the command. */
	for (size_t n = strlen(a->text); n && isspace((unsigned char)a->text[n - 1]); n--)
		a->text[n - 1] = '\0';
	pthread_mutex_unlock(&s->sh->alias_mtx);
	return CLI_OK;
}

/* no alias MODE NAME [COMMAND] */
static int cmd_no_alias(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct shell_conf *c = &sh->conf;
	struct shell_alias *a;
	int m;

	if (argc < 2)
		return shell_err_incomplete(cli);
	if ((m = mode_of(argv[0])) < 0)
		return shell_err_invalid(cli, 0);
	pthread_mutex_lock(&sh->alias_mtx);
	if ((a = alias_find(c, modes[m].mode, argv[1]))) {
		memmove(a, a + 1, (size_t)(c->aliases + c->naliases - (a + 1)) * sizeof(*a));
		c->naliases--;
	}
	pthread_mutex_unlock(&sh->alias_mtx);
	if (!a)
		return shell_err(cli, "%% Alias %s not found", argv[1]);
	return CLI_OK;
}

static void show_mode(struct cli_def *cli, const struct shell_conf *c, size_t m)
{
	cli_print(cli, "%s", modes[m].title);
	if (modes[m].mode == SHELL_EXEC)
		for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			if (!alias_find(c, SHELL_EXEC, defaults[i].name))
				cli_print(cli, "  %-20s  %s", defaults[i].name, defaults[i].text);
	for (unsigned i = 0; i < c->naliases; i++)
		if (c->aliases[i].mode == modes[m].mode)
			cli_print(cli, "  %-20s  %s", c->aliases[i].name, c->aliases[i].text);
}

/* show aliases [MODE] */
static int cmd_show_aliases(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	const struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	int m = -1;
	bool first = true;

	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (argc == 1 && (m = mode_of(argv[0])) < 0)
		return shell_err_invalid(cli, 0);
	for (size_t i = 0; i < NMODES; i++) {
		bool any = modes[i].mode == SHELL_EXEC;

		if (m >= 0 && (size_t)m != i)
			continue;
		for (unsigned k = 0; k < c->naliases && !any; k++)
			any = c->aliases[k].mode == modes[i].mode;
		if (!any && m < 0)
			continue;
		if (!first)
			cli_print(cli, "%s", "");
		first = false;
		show_mode(cli, c, i);
	}
	return CLI_OK;
}

static void alias_write(struct shell *sh, FILE *f)
{
	for (size_t m = 0; m < NMODES; m++)
		for (unsigned i = 0; i < sh->conf.naliases; i++)
			if (sh->conf.aliases[i].mode == modes[m].mode)
				fprintf(f, "alias %s %s %s\n", modes[m].word, sh->conf.aliases[i].name,
					sh->conf.aliases[i].text);
}

static void alias_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG;
	struct cli_command *c, *no, *show;

	c = shell_cmd(cli, NULL, "alias", cmd_alias, P, G, "Create command alias");
	shell_arghelp(cli, c, "exec\tExec mode\nconfigure\tGlobal configuration mode\n"
		      "interface\tInterface configuration mode\nWORD\tAlias name\nLINE\tAliased command");
	shell_syntax(cli, c, "{exec | configure | interface} WORD LINE");
	shell_text_ok(cli, c);
	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "alias", cmd_no_alias, P, G, "Create command alias");
	shell_arghelp(cli, c, "exec\tExec mode\nconfigure\tGlobal configuration mode\n"
		      "interface\tInterface configuration mode\nWORD\tAlias name\nLINE\tAliased command (ignored)");
	shell_syntax(cli, c, "{exec | configure | interface} WORD [LINE]");
	shell_text_ok(cli, c);

	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, show, "aliases", cmd_show_aliases, SHELL_PRIV_USER, SHELL_EXEC,
		      "Display alias commands");
	shell_arghelp(cli, c, "exec\tExec mode\nconfigure\tGlobal configuration mode\n"
		      "interface\tInterface configuration mode");
	shell_syntax(cli, c, "[exec | configure | interface]");
}

const struct shell_feature shell_feature_alias = {
	.name = "alias",
	.cmds = alias_cmds,
	.write = alias_write,
};
