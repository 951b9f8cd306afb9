/*
 * DOC: 'show tech-support': the state a bug report needs, in one command
 *
 * As IOS: the output of a list of show commands, each under a
 * "------------------ show X ------------------" heading, run in the
 * session one after the other as 'do' runs a command (the same printers,
 * the same '| include' filter over the whole).  The running-config part
 * has every key, password and secret hash replaced by "<removed>" (the
 * type digit kept), so the text can be posted as it is; that is done in
 * the printers themselves (secret_set_redact(), this thread only), not by
 * matching words.  Privileged EXEC only.  The router lock is let go
 * between the parts (the loop forwards and other sessions run there), each
 * part holds it as it would alone, and what they print waits for the
 * terminal outside the lock as any command's output.
 */
#include "config.h"

#include <stdio.h>

#include "secret.h"
#include "shell.h"

/* In IOS's order: the box, its configuration, the interfaces and tables,
 * then LISP, then the process. */
static const char *const parts[] = {
	"show version",
	"show running-config",
	"show clock",
	"show users",
	"show reload",
	"show interfaces",
	"show ip interface brief",
	"show ipv6 interface brief",
	"show vrf",
	"show ip route",
	"show ipv6 route",
	"show ip cef",
	"show arp",
	"show ipv6 neighbors",
	"show ip traffic",
	"show ipv6 traffic",
	"show hosts",
	"show access-lists",
	"show ip lisp",
	"show ip lisp map-cache",
	"show ip lisp database",
	"show ipv6 lisp map-cache",
	"show ipv6 lisp database",
	"show ip lisp statistics",
	"show lisp service ipv4 summary",
	"show lisp service ipv6 summary",
	"show lisp site",
	"show lisp session",
	"show platform packet-io",
	"show processes cpu",
	"show line",
	"show debugging",
	"show logging",
};

static int cmd_show_tech(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);
	char head[96];

	if (argc > 0)
		return shell_err_invalid(cli, 0);
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		cli_print(cli, "%s", "");
		snprintf(head, sizeof(head), "------------------ %s ------------------", parts[i]);
		cli_print(cli, "%s", head);
		cli_print(cli, "%s", "");
		secret_set_redact(true);
		shell_exec_nested(s, parts[i]);
		secret_set_redact(false);
		cli_print(cli, "%s", "");
		if (shell_hung_up(s))
			break;
		shell_unlock(s->sh);
		shell_lock(s->sh);
	}
	return CLI_OK;
}

static void tech_cmds(struct cli_def *cli)
{
	struct cli_command *show, *c;

	show = shell_node(cli, NULL, "show", SHELL_PRIV_USER, SHELL_EXEC, "Show running system information");
	c = shell_cmd(cli, show, "tech-support", cmd_show_tech, SHELL_PRIV_ENABLE, SHELL_EXEC,
		      "Show system information for Tech-Support");
	shell_syntax(cli, c, "");
}

const struct shell_feature shell_feature_tech = {
	.name = "tech",
	.cmds = tech_cmds,
};
