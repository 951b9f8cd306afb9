/*
 * DOC: IOS lines that say what lispr always does: 'version', the boot
 * markers, 'no aaa new-model', 'ip forward-protocol nd', 'no ip http
 * server', 'no service pad', 'ip subnet-zero', 'ip classless', 'no cdp
 * run', 'no cdp enable', 'no mop enabled'
 *
 * Every IOS running-config carries lines that a router writes of itself
 * or that state a default: the software version, the markers around the
 * boot commands, AAA off, no HTTP server, no X.25 PAD, classless routing
 * that uses subnet zero, no CDP, no DEC MOP on an interface.
 * Pasted into lispr, or loaded from a startup-config, each was a bad line
 * that hid the ones that matter (a routing protocol lispr does not run).
 * lispr takes these because they describe what it does: it logs in with
 * line passwords and local users (no AAA), serves no HTTP, has no PAD,
 * routes classless (subnet zero included), speaks neither CDP nor MOP,
 * forwards no broadcasts for a helper address, and its version is its
 * own.  They change nothing and print nothing back ('no switchport' too:
 * a router's port is no switch port).  The lines that would ask for
 * something lispr does not have ('aaa new-model', 'ip http server', 'cdp
 * run', 'mop enabled', a routing protocol, NTP, SNMP, SSH, switching) are
 * refused with the reason instead of 'Invalid input'.
 */
#include "config.h"

#include <string.h>

#include "shell.h"

static int cmd_accept(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	return CLI_OK;
}

/* version WORD: IOS's first line; lispr has its own ('show version'). */
static int cmd_version(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	return CLI_OK;
}

/*
 * What lispr does not have, said plainly instead of 'Invalid input' (a
 * line an engineer could take for a typo): AAA, HTTP, MOP, CDP, the
 * routing protocols, NTP, SNMP, SSH and switching.  One callback; the
 * reason is found by the start of the command's name.  In a
 * startup-config the block such a line opens is skipped with it
 * (replay.c).
 */
static const struct {
	const char *start;
	const char *why;
} absent[] = {
	{ "aaa", "lispr has no AAA: local users log in with 'username' and 'login local'" },
	{ "ip http", "lispr has no HTTP server" },
	{ "mop", "lispr does not speak DEC MOP" },
	{ "cdp", "lispr does not speak CDP" },
	{ "router", "lispr runs no routing protocol: static routes and LISP only" },
	{ "ip router", "lispr runs no routing protocol: static routes and LISP only" },
	{ "ip ospf", "lispr runs no routing protocol: static routes and LISP only" },
	{ "isis", "lispr runs no routing protocol: static routes and LISP only" },
	{ "ntp", "lispr keeps the host's clock: run NTP on the host (show clock marks an "
		 "unsynchronised clock with '*')" },
	{ "snmp-server", "lispr has no SNMP agent" },
	{ "crypto", "lispr serves telnet only: no SSH, no crypto keys" },
	{ "ip ssh", "lispr serves telnet only: no SSH, no crypto keys" },
	{ "spanning-tree", "lispr is a router: no switching" },
	{ "switchport", "lispr is a router: no switching" },
};

static int cmd_absent(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	for (size_t k = 0; k < sizeof(absent) / sizeof(absent[0]); k++)
		if (!strncmp(cmd, absent[k].start, strlen(absent[k].start)))
			return shell_err(cli, "%% %s", absent[k].why);
	return shell_err(cli, "%% Not supported by lispr");
}

static void absent_cmds(struct cli_def *cli)
{
	static const char *const protos[][2] = {
		{ "bgp", "Border Gateway Protocol (BGP)" }, { "eigrp", "Enhanced Interior Gateway Routing Protocol (EIGRP)" },
		{ "isis", "ISO IS-IS" }, { "ospf", "Open Shortest Path First (OSPF)" },
		{ "ospfv3", "OSPFv3" }, { "rip", "Routing Information Protocol (RIP)" },
	};
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, I = SHELL_CONFIG_IF;
	struct cli_command *c, *ip;

	c = shell_node(cli, NULL, "router", P, G, "Enable a routing process");
	for (size_t k = 0; k < sizeof(protos) / sizeof(protos[0]); k++)
		shell_syntax(cli, shell_cmd(cli, c, protos[k][0], cmd_absent, P, G, protos[k][1]), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "ntp", cmd_absent, P, G, "Configure NTP (lispr: the host's)"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "snmp-server", cmd_absent, P, G,
				    "Modify SNMP engine parameters (lispr: none)"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "crypto", cmd_absent, P, G, "Encryption module (lispr: none)"),
		     "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "spanning-tree", cmd_absent, P, G,
				    "Spanning Tree Subsystem (lispr: none)"), "[LINE]");
	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	shell_syntax(cli, shell_cmd(cli, ip, "ssh", cmd_absent, P, G, "Configure ssh options (lispr: none)"),
		     "[LINE]");
	ip = shell_node(cli, NULL, "ip", P, I, "Interface Internet Protocol config commands");
	c = shell_node(cli, ip, "router", P, I, "IP router interface commands");
	shell_syntax(cli, shell_cmd(cli, c, "isis", cmd_absent, P, I, "IS-IS Routing for IP"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, ip, "ospf", cmd_absent, P, I, "OSPF interface commands"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "isis", cmd_absent, P, I, "IS-IS commands"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "switchport", cmd_absent, P, I,
				    "Set switching mode characteristics (lispr: none)"), "[LINE]");
	/* 'no switchport' is what a router port is: taken. */
	c = shell_node(cli, NULL, "no", P, I, "Negate a command or set its defaults");
	shell_syntax(cli, shell_cmd(cli, c, "switchport", cmd_accept, P, I,
				    "Set switching mode characteristics (lispr: none)"), "");
}

static void compat_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE, G = SHELL_CONFIG, I = SHELL_CONFIG_IF;
	struct cli_command *c, *no, *ip;

	c = shell_cmd(cli, NULL, "version", cmd_version, P, G, "Version");
	shell_arghelp(cli, c, "WORD\tVersion number (lispr keeps its own)");
	shell_syntax(cli, c, "WORD");
	shell_syntax(cli, shell_cmd(cli, NULL, "boot-start-marker", cmd_accept, P, G,
				    "Start of the boot commands (nothing to do)"), "");
	shell_syntax(cli, shell_cmd(cli, NULL, "boot-end-marker", cmd_accept, P, G,
				    "End of the boot commands (nothing to do)"), "");
	c = shell_node(cli, NULL, "aaa", P, G, "Authentication, Authorization and Accounting.");
	shell_syntax(cli, shell_cmd(cli, c, "new-model", cmd_absent, P, G,
				    "Enable NEW access control commands and functions.(Disables OLD commands.)"), "");
	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	c = shell_node(cli, ip, "forward-protocol", P, G, "Controls forwarding of physical and directed IP broadcasts");
	shell_syntax(cli, shell_cmd(cli, c, "nd", cmd_accept, P, G, "Sun's Network Disk protocol"), "");
	c = shell_node(cli, ip, "http", P, G, "HTTP server configuration");
	shell_syntax(cli, shell_cmd(cli, c, "server", cmd_absent, P, G, "Enable HTTP server"), "");
	shell_syntax(cli, shell_cmd(cli, c, "secure-server", cmd_absent, P, G, "Enable HTTP secure server"), "");

	no = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	c = shell_node(cli, no, "aaa", P, G, "Authentication, Authorization and Accounting.");
	shell_syntax(cli, shell_cmd(cli, c, "new-model", cmd_accept, P, G,
				    "Enable NEW access control commands and functions.(Disables OLD commands.)"), "");
	ip = shell_node(cli, no, "ip", P, G, "Global IP configuration subcommands");
	c = shell_node(cli, ip, "forward-protocol", P, G, "Controls forwarding of physical and directed IP broadcasts");
	shell_syntax(cli, shell_cmd(cli, c, "nd", cmd_accept, P, G, "Sun's Network Disk protocol"), "");
	c = shell_node(cli, ip, "http", P, G, "HTTP server configuration");
	shell_syntax(cli, shell_cmd(cli, c, "server", cmd_accept, P, G, "Enable HTTP server"), "");
	shell_syntax(cli, shell_cmd(cli, c, "secure-server", cmd_accept, P, G, "Enable HTTP secure server"), "");

	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	shell_syntax(cli, shell_cmd(cli, ip, "subnet-zero", cmd_accept, P, G, "Allow 'subnet zero' subnets"), "");
	shell_syntax(cli, shell_cmd(cli, ip, "classless", cmd_accept, P, G,
				    "Follow classless routing forwarding rules"), "");
	c = shell_node(cli, NULL, "cdp", P, G, "Global CDP configuration subcommands");
	shell_syntax(cli, shell_cmd(cli, c, "run", cmd_absent, P, G, "Enable CDP"), "");
	c = shell_node(cli, no, "service", P, G, "Modify use of network based services");
	shell_syntax(cli, shell_cmd(cli, c, "pad", cmd_accept, P, G, "Enable PAD commands"), "");
	c = shell_node(cli, no, "cdp", P, G, "Global CDP configuration subcommands");
	shell_syntax(cli, shell_cmd(cli, c, "run", cmd_accept, P, G, "Enable CDP"), "");

	c = shell_node(cli, NULL, "cdp", P, I, "CDP interface subcommands");
	shell_syntax(cli, shell_cmd(cli, c, "enable", cmd_absent, P, I, "Enable CDP on interface"), "");
	c = shell_node(cli, NULL, "mop", P, I, "DEC MOP server commands");
	shell_syntax(cli, shell_cmd(cli, c, "enabled", cmd_absent, P, I, "Enable MOP for interface"), "");
	shell_syntax(cli, shell_cmd(cli, c, "sysid", cmd_absent, P, I, "Send out MOP periodic system ID messages"), "");
	no = shell_node(cli, NULL, "no", P, I, "Negate a command or set its defaults");
	c = shell_node(cli, no, "cdp", P, I, "CDP interface subcommands");
	shell_syntax(cli, shell_cmd(cli, c, "enable", cmd_accept, P, I, "Enable CDP on interface"), "");
	c = shell_node(cli, no, "mop", P, I, "DEC MOP server commands");
	shell_syntax(cli, shell_cmd(cli, c, "enabled", cmd_accept, P, I, "Enable MOP for interface"), "");
	shell_syntax(cli, shell_cmd(cli, c, "sysid", cmd_accept, P, I, "Send out MOP periodic system ID messages"), "");
	absent_cmds(cli);
}

const struct shell_feature shell_feature_compat = {
	.name = "compat",
	.cmds = compat_cmds,
};
