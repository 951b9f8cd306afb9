/*
 * DOC: debug switches: 'debug ...', 'undebug ...', 'no debug ...',
 * 'show debugging'
 *
 * The switches live in the log module (process-wide, not configuration,
 * as on IOS); one table maps each category of log.h to its command words
 * and its 'show debugging' text.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

#include "log.h"
#include "shell.h"

static const struct {
	enum debug_cat cat;
	const char *words[3];
	const char *helps[3];
	const char *text;
} dbg[] = {
	{ DEBUG_ARP, { "arp" }, { "IP ARP and HP Probe transactions" }, "ARP packet" },
	{ DEBUG_IP_PACKET, { "ip", "packet" }, { "IP information", "General IP debugging and IPSO security transactions" },
	  "IP packet" },
	{ DEBUG_IP_ICMP, { "ip", "icmp" }, { "IP information", "ICMP transactions" }, "ICMP packet" },
	{ DEBUG_IPV6_PACKET, { "ipv6", "packet" }, { "IPv6 information", "IPv6 packet debugging" },
	  "IPv6 unicast packet" },
	{ DEBUG_LISP_CONTROL, { "lisp", "control-plane", "all" },
	  { "Locator/ID Separation Protocol", "LISP control plane", "All LISP control plane events" },
	  "LISP control plane" },
	{ DEBUG_LISP_DATA, { "lisp", "forwarding" }, { "Locator/ID Separation Protocol", "LISP data plane forwarding" },
	  "LISP forwarding" },
	{ DEBUG_CLI, { "cli" }, { "Command line interface" }, "CLI" },
};

#define NDBG (sizeof(dbg) / sizeof(dbg[0]))

static int dbg_index(const char *cmd)
{
	/* cmd is the full command name, e.g. "undebug ip icmp". */
	const char *p = strchr(cmd, ' ');

	if (p && !strncmp(cmd, "no ", 3))
		p = strchr(p + 1, ' ');
	if (!p)
		return -1;
	p++;
	for (size_t i = 0; i < NDBG; i++) {
		char name[96] = "";

		for (int w = 0; w < 3 && dbg[i].words[w]; w++) {
			if (w)
				strcat(name, " ");
			strcat(name, dbg[i].words[w]);
		}
		if (!strcmp(name, p))
			return i;
	}
	return -1;
}

static bool is_packet(int i)
{
	return i >= 0 && (dbg[i].cat == DEBUG_IP_PACKET || dbg[i].cat == DEBUG_IPV6_PACKET);
}

/* The router's 'debug ip[v6] packet' filter as 'show debugging' and the
 * command's answer word it: " (detailed) for access list 101". */
static void filter_text(struct shell *sh, bool v6, char *buf, size_t len)
{
	bool detail = false;
	const char *name = sh->router ? router_debug_filter(sh->router, v6, &detail) : "";

	snprintf(buf, len, "%s%s%s", detail ? " (detailed)" : "", name[0] ? " for access list " : "", name);
}

/* debug ip packet [LIST] [detail], debug ipv6 packet [access-list LIST]
 * [detail]: the lines of the packets LIST permits only (a list that does
 * not exist shows all), with their layer 4. */
static int ip_packet_args(struct cli_def *cli, bool v6, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	const char *name = NULL;
	bool detail = false;
	int i = 0;

	if (v6 && i < argc && strlen(argv[i]) >= 2 && !strncasecmp(argv[i], "access-list", strlen(argv[i]))) {
		if (++i >= argc)
			return shell_err_incomplete(cli);
		if (strlen(argv[i]) >= ACL_NAME_MAX)
			return shell_err_invalid(cli, i);
		name = argv[i++];
	} else if (!v6 && i < argc && !(strlen(argv[i]) <= 6 && !strncasecmp(argv[i], "detail", strlen(argv[i])))) {
		if (strlen(argv[i]) >= ACL_NAME_MAX)
			return shell_err_invalid(cli, i);
		name = argv[i++];
	}
	if (i < argc && strlen(argv[i]) <= 6 && !strncasecmp(argv[i], "detail", strlen(argv[i]))) {
		detail = true;
		i++;
	}
	if (i < argc)
		return shell_err_invalid(cli, i);
	if (sh->router)
		router_set_debug_filter(sh->router, v6, name, detail);
	return CLI_OK;
}

static int cmd_debug(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	int i = dbg_index(cmd);
	char f[64] = "";

	if (is_packet(i)) {
		bool v6 = dbg[i].cat == DEBUG_IPV6_PACKET;

		if (ip_packet_args(cli, v6, argv, argc) != CLI_OK)
			return CLI_ERROR;
		filter_text(shell_sess_of(cli)->sh, v6, f, sizeof(f));
	} else if (argc) {
		return shell_err_invalid(cli, 0);
	}
	if (i < 0)
		return shell_err_incomplete(cli);
	debug_set(dbg[i].cat, true);
	cli_print(cli, "%s debugging is on%s", dbg[i].text, f);
	return CLI_OK;
}

static int cmd_undebug(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	int i = dbg_index(cmd);

	/* 'no debug ip packet 101 detail' as typed to turn it on: the words
	 * after 'packet' change nothing. */
	if (argc && !is_packet(i))
		return shell_err_invalid(cli, 0);
	if (i < 0)
		return shell_err_incomplete(cli);
	debug_set(dbg[i].cat, false);
	if (is_packet(i) && shell_sess_of(cli)->sh->router)
		router_set_debug_filter(shell_sess_of(cli)->sh->router, dbg[i].cat == DEBUG_IPV6_PACKET, NULL, false);
	cli_print(cli, "%s debugging is off", dbg[i].text);
	return CLI_OK;
}

static int cmd_debug_all(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	for (size_t i = 0; i < NDBG; i++)
		debug_set(dbg[i].cat, true);
	cli_print(cli, "This may severely impact network performance. All possible debugging has been turned on");
	return CLI_OK;
}

static int cmd_undebug_all(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	debug_all_off();
	if (shell_sess_of(cli)->sh->router) {
		router_set_debug_filter(shell_sess_of(cli)->sh->router, false, NULL, false);
		router_set_debug_filter(shell_sess_of(cli)->sh->router, true, NULL, false);
	}
	cli_print(cli, "All possible debugging has been turned off");
	return CLI_OK;
}

static int cmd_show_debugging(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	bool any = false;

	if (argc)
		return shell_err_invalid(cli, 0);
	for (size_t i = 0; i < NDBG; i++) {
		if (!debug_on(dbg[i].cat))
			continue;
		char f[64] = "";

		if (!any)
			cli_print(cli, "Debugging:");
		any = true;
		if (is_packet(i))
			filter_text(shell_sess_of(cli)->sh, dbg[i].cat == DEBUG_IPV6_PACKET, f, sizeof(f));
		cli_print(cli, "  %s debugging is on%s", dbg[i].text, f);
	}
	return CLI_OK;
}

static void add_tree(struct cli_def *cli, struct cli_command *root, shell_fn fn, shell_fn all_fn,
		     const char *all_help)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_EXEC;

	shell_syntax(cli, shell_cmd(cli, root, "all", all_fn, P, M, all_help), "");
	for (size_t i = 0; i < NDBG; i++) {
		struct cli_command *c = root;
		int w;

		for (w = 0; w < 3 && dbg[i].words[w]; w++) {
			bool last = w == 2 || !dbg[i].words[w + 1];

			if (last && dbg[i].cat == DEBUG_IPV6_PACKET && fn == cmd_debug) {
				c = shell_cmd(cli, c, dbg[i].words[w], fn, P, M, dbg[i].helps[w]);
				shell_arghelp(cli, c, "access-list\tAccess list\nWORD\tAccess list name\n"
					      "detail\tDisplay detailed information");
				shell_syntax(cli, c, "[access-list WORD] [detail]");
			} else if (last && dbg[i].cat == DEBUG_IP_PACKET && fn == cmd_debug) {
				c = shell_cmd(cli, c, dbg[i].words[w], fn, P, M, dbg[i].helps[w]);
				shell_arghelp(cli, c, "<1-199>\tAccess list\n<1300-2699>\tAccess list (expanded range)\n"
					      "WORD\tAccess list name\ndetail\tPrint more debugging detail");
				shell_syntax(cli, c, "[<1-199> | <1300-2699> | WORD] [detail]");
			} else if (last) {
				shell_syntax(cli, shell_cmd(cli, c, dbg[i].words[w], fn, P, M, dbg[i].helps[w]), "");
			} else
				c = shell_node(cli, c, dbg[i].words[w], P, M, dbg[i].helps[w]);
		}
	}
}

static void debug_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, M = SHELL_EXEC;
	struct cli_command *c, *no, *show;

	c = shell_node(cli, NULL, "debug", P, M, "Debugging functions (see also 'undebug')");
	add_tree(cli, c, cmd_debug, cmd_debug_all, "Enable all debugging");
	c = shell_node(cli, NULL, "undebug", P, M, "Disable debugging functions (see also 'debug')");
	add_tree(cli, c, cmd_undebug, cmd_undebug_all, "Disable all debugging");
	no = shell_node(cli, NULL, "no", P, M, "Disable debugging functions");
	c = shell_node(cli, no, "debug", P, M, "Disable debugging functions (see also 'debug')");
	add_tree(cli, c, cmd_undebug, cmd_undebug_all, "Disable all debugging");
	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, M, "Show running system information");
	shell_syntax(cli, shell_cmd(cli, show, "debugging", cmd_show_debugging, P, M, "State of each debugging option"),
		     "");
}

const struct shell_feature shell_feature_debug = {
	.name = "debug",
	.cmds = debug_cmds,
};
