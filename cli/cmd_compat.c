/*
 * DOC: IOS lines that say what lispr always does: 'version', the boot
 * markers, 'no aaa new-model', 'ip forward-protocol nd', 'no ip http
 * server', 'no ip bootp server', 'no service pad', 'ip subnet-zero', 'ip
 * classless', 'no cdp run', 'no cdp enable', 'no mop enabled', 'ip cef',
 * 'ipv6 cef', 'speed auto', 'duplex auto', 'negotiation auto', 'stopbits
 * 1'
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
 * own; it always forwards through its FIB (CEF), leaves speed, duplex
 * and negotiation to the link it runs on, and its console is a terminal
 * (one stop bit).  They change nothing and print nothing back ('no
 * switchport' too: a router's port is no switch port).  The lines that
 * would ask for something lispr does not have ('aaa new-model', 'ip http
 * server', 'cdp run', 'mop enabled', a routing protocol, NTP, SNMP, SSH,
 * switching, CEF off, a fixed speed or duplex, a media type, other stop
 * bits, control-plane policing, the aux line, a Cisco chassis's platform,
 * license, redundancy, memory, diagnostic, multilink and subscriber
 * settings) are refused with the reason instead of 'Invalid input'.
 */
#include "config.h"

#include <string.h>
#include <strings.h>

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
	{ "ip tcp", "lispr's TCP is the host's: set it with sysctl (net.ipv4.tcp_*)" },
	{ "ip bootp", "lispr has no BOOTP server" },
	{ "ip access-list logging hash-generation", "lispr's access list log lines carry no hash" },
	/* what hardening baselines turn off, and lispr never has on */
	{ "service udp-small-servers", "lispr runs no small servers (echo, discard, chargen)" },
	{ "service tcp-small-servers", "lispr runs no small servers (echo, discard, chargen)" },
	{ "service config", "lispr reads its startup-config from a file, never from the network" },
	{ "service finger", "lispr runs no finger server" },
	{ "service dhcp", "lispr runs no DHCP server or relay" },
	{ "service password-recovery", "lispr has no ROM monitor: root edits the startup-config" },
	{ "lldp", "lispr does not speak LLDP" },
	{ "ip finger", "lispr runs no finger server" },
	{ "ip identd", "lispr runs no ident server" },
	{ "ip gratuitous-arps", "lispr has no PPP or SLIP clients to announce" },
	{ "service tcp-keepalives-out", "lispr opens no TCP connections of its own" },
	{ "ip proxy-arp", "lispr answers ARP for its own addresses only (no proxy ARP)" },
	{ "ip redirects", "lispr sends no ICMP redirects" },
	{ "ip directed-broadcast", "lispr forwards no directed broadcast (RFC 1812)" },
	{ "ip mask-reply", "lispr answers no ICMP address mask request" },
	{ "transport output", "lispr opens no outgoing connection from a line" },
	{ "transport preferred", "lispr opens no outgoing connection from a line" },
	{ "session-timeout", "lispr opens no outgoing sessions: 'exec-timeout' ends an idle vty session, "
	  "'absolute-timeout' any" },
	{ "spanning-tree", "lispr is a router: no switching" },
	{ "switchport", "lispr is a router: no switching" },
	{ "no ip cef", "lispr always forwards through its FIB (CEF cannot be turned off)" },
	{ "no ipv6 cef", "lispr always forwards through its FIB (CEF cannot be turned off)" },
	{ "speed", "lispr leaves speed and duplex to the link: set them on the Linux interface (ethtool)" },
	{ "duplex", "lispr leaves speed and duplex to the link: set them on the Linux interface (ethtool)" },
	{ "negotiation", "lispr leaves speed and duplex to the link: set them on the Linux interface (ethtool)" },
	{ "media-type", "lispr has no media types: the Linux interface is what it is" },
	{ "stopbits", "lispr's console is the terminal it was started on: no serial settings" },
	{ "control-plane", "lispr has no control-plane policing: its control plane is the host's" },
	{ "line aux", "lispr has no auxiliary line: console and vty lines only" },
	{ "platform", "a Cisco chassis setting: lispr's one platform setting is 'platform packet-io'" },
	{ "license", "lispr needs no license" },
	{ "redundancy", "lispr has no redundant route processor" },
	{ "memory", "lispr's memory is the host's" },
	{ "diagnostic", "lispr has no hardware diagnostics" },
	{ "multilink", "lispr has no PPP multilink" },
	{ "subscriber", "lispr has no subscriber services" },
	/* LISP features of other deployments (SD-Access fabrics, LISP+ALT) */
	{ "route-export", "lispr runs no routing protocol: registrations are not exported to one" },
	{ "distance", "lispr runs no routing protocol: registrations are not exported to one" },
	{ "map-cache site-registration", "lispr's Map-Server does not fill the map-cache from its registrations" },
	{ "map-server session", "lispr's Map-Server takes Map-Registers over UDP only: no TCP sessions" },
	{ "allow-locator-default-etr", "lispr's Map-Server has no default ETRs" },
	{ "ip lisp alt-vrf", "lispr has no LISP+ALT: its mapping system is Map-Servers, Map-Resolvers and DDT" },
	{ "ipv6 lisp alt-vrf", "lispr has no LISP+ALT: its mapping system is Map-Servers, Map-Resolvers and DDT" },
	{ "ipv4 source-locator", "lispr takes the source locator per interface: 'ip lisp source-locator' there" },
	{ "ipv6 source-locator", "lispr takes the source locator per interface: 'ipv6 lisp source-locator' there" },
};

static int cmd_absent(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	for (size_t k = 0; k < sizeof(absent) / sizeof(absent[0]); k++)
		if (!strncmp(cmd, absent[k].start, strlen(absent[k].start)))
			return shell_err(cli, "%% %s", absent[k].why);
	return shell_err(cli, "%% Not supported by lispr");
}

/* The LISP lines of other deployments, refused with the reason. */
static void lisp_absent_cmds(struct cli_def *cli)
{
	static const int serv[] = { SHELL_LISP_SERV, SHELL_LISP_SERV6, SHELL_LISP_INST_SERV, SHELL_LISP_INST_SERV6 };
	const int P = SHELL_PRIV_ENABLE, R = SHELL_ROUTER_LISP, G = SHELL_CONFIG;
	struct cli_command *c;

	for (size_t k = 0; k < sizeof(serv) / sizeof(serv[0]); k++) {
		shell_syntax(cli, shell_cmd(cli, NULL, "route-export", cmd_absent, P, serv[k],
					    "Export registrations to the RIB (lispr: none)"), "[LINE]");
		shell_syntax(cli, shell_cmd(cli, NULL, "distance", cmd_absent, P, serv[k],
					    "Distance of exported routes (lispr: none)"), "[LINE]");
		c = shell_node(cli, NULL, "map-cache", P, serv[k], "Static map-cache entries");
		shell_syntax(cli, shell_cmd(cli, c, "site-registration", cmd_absent, P, serv[k],
					    "Map-cache from the site registrations (lispr: none)"), "");
	}
	c = shell_node(cli, NULL, "map-server", P, R, "Map-Server settings");
	shell_syntax(cli, shell_cmd(cli, c, "session", cmd_absent, P, R, "Map-Server sessions (lispr: none)"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "allow-locator-default-etr", cmd_absent, P, SHELL_LISP_SITE,
				    "Allow default ETR registrations (lispr: none)"), "[LINE]");
	for (int v6 = 0; v6 < 2; v6++) {
		c = shell_node(cli, NULL, v6 ? "ipv6" : "ipv4", P, R, v6 ? "IPv6 LISP settings" : "IPv4 LISP settings");
		shell_syntax(cli, shell_cmd(cli, c, "source-locator", cmd_absent, P, R,
					    "Source locator (lispr: per interface)"), "[LINE]");
		c = shell_node(cli, NULL, v6 ? "ipv6" : "ip", P, G, "Global IP configuration subcommands");
		c = shell_node(cli, c, "lisp", P, G, "Locator/ID Separation Protocol");
		shell_syntax(cli, shell_cmd(cli, c, "alt-vrf", cmd_absent, P, G, "LISP+ALT VRF (lispr: none)"),
			     "[LINE]");
	}
}

/* 'transport output|preferred none' is what lispr's lines do: taken;
 * another transport refused with the reason. */
static int cmd_transport_out(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc == 1 && !strcasecmp(argv[0], "none"))
		return CLI_OK;
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	return cmd_absent(cli, cmd, argv, argc);
}

/* The lines of hardening baselines (CIS and the like): their 'no' forms
 * state what lispr does and are taken (printing nothing back); the
 * forms that would turn such a service on are refused with the reason. */
static void hardening_cmds(struct cli_def *cli)
{
	static const struct {
		int mode;	/* SHELL_CONFIG, SHELL_CONFIG_IF */
		const char *w[2], *help[2];
	} facts[] = {
		{ SHELL_CONFIG, { "service", "udp-small-servers" }, { "Modify use of network based services",
		  "Enable small UDP servers (e.g., ECHO)" } },
		{ SHELL_CONFIG, { "service", "tcp-small-servers" }, { "Modify use of network based services",
		  "Enable small TCP servers (e.g., ECHO)" } },
		{ SHELL_CONFIG, { "service", "config" }, { "Modify use of network based services",
		  "TFTP load config files" } },
		{ SHELL_CONFIG, { "service", "finger" }, { "Modify use of network based services",
		  "Allow responses to finger requests" } },
		{ SHELL_CONFIG, { "service", "dhcp" }, { "Modify use of network based services",
		  "Enable DHCP server and relay agent" } },
		{ SHELL_CONFIG, { "service", "password-recovery" }, { "Modify use of network based services",
		  "Allow password recovery" } },
		{ SHELL_CONFIG, { "lldp", "run" }, { "Global LLDP configuration subcommands", "Enable LLDP" } },
		{ SHELL_CONFIG, { "service", "tcp-keepalives-out" }, { "Modify use of network based services",
		  "Generate keepalives on idle outgoing network connections" } },
		{ SHELL_CONFIG, { "ip", "finger" }, { "Global IP configuration subcommands", "finger server" } },
		{ SHELL_CONFIG, { "ip", "identd" }, { "Global IP configuration subcommands", "Ident server" } },
		{ SHELL_CONFIG, { "ip", "gratuitous-arps" }, { "Global IP configuration subcommands",
		  "Generate gratuitous ARPs for PPP/SLIP peer addresses" } },
		{ SHELL_CONFIG_IF, { "ip", "proxy-arp" }, { "Interface Internet Protocol config commands",
		  "Enable proxy ARP" } },
		{ SHELL_CONFIG_IF, { "ip", "redirects" }, { "Interface Internet Protocol config commands",
		  "Enable sending ICMP Redirect messages" } },
		{ SHELL_CONFIG_IF, { "ip", "directed-broadcast" }, { "Interface Internet Protocol config commands",
		  "Enable forwarding of directed broadcasts" } },
		{ SHELL_CONFIG_IF, { "ip", "mask-reply" }, { "Interface Internet Protocol config commands",
		  "Enable sending ICMP Mask Reply messages" } },
	};
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *c;

	for (size_t k = 0; k < sizeof(facts) / sizeof(facts[0]); k++) {
		int m = facts[k].mode;

		c = shell_node(cli, NULL, facts[k].w[0], P, m, facts[k].help[0]);
		shell_syntax(cli, shell_cmd(cli, c, facts[k].w[1], cmd_absent, P, m, facts[k].help[1]), "[LINE]");
		c = shell_node(cli, shell_node(cli, NULL, "no", P, m, "Negate a command or set its defaults"),
			       facts[k].w[0], P, m, facts[k].help[0]);
		shell_syntax(cli, shell_cmd(cli, c, facts[k].w[1], cmd_accept, P, m, facts[k].help[1]), "");
	}
	shell_syntax(cli, shell_cmd(cli, NULL, "session-timeout", cmd_absent, P, SHELL_CONFIG_LINE,
				    "Set interval for closing connection when there is no input traffic"), "[LINE]");
	c = shell_node(cli, NULL, "transport", P, SHELL_CONFIG_LINE, "Define transport protocols for line");
	for (int k = 0; k < 2; k++) {
		struct cli_command *t = shell_cmd(cli, c, k ? "preferred" : "output", cmd_transport_out, P,
						  SHELL_CONFIG_LINE, k ? "Specify the preferred protocol to use" :
						  "Define which protocols to use for outgoing connections");

		shell_arghelp(cli, t, "none\tDefine no transport protocols for line");
		shell_syntax(cli, t, "none");
	}
}

static void absent_cmds(struct cli_def *cli)
{
	static const char *const chassis[][2] = {
		{ "control-plane", "Configure control plane services (lispr: the host's)" },
		{ "license", "Configure license features (lispr: none needed)" },
		{ "redundancy", "Enter redundancy mode (lispr: none)" },
		{ "memory", "Configure memory management (lispr: the host's)" },
		{ "diagnostic", "Configure diagnostic information (lispr: none)" },
		{ "multilink", "PPP multilink global configuration (lispr: none)" },
		{ "subscriber", "Subscriber configuration (lispr: none)" },
	};
	static const char *const platform[][2] = {
		{ "qfp", "Quantum Flow Processor (lispr: none)" },
		{ "punt-keepalive", "Punt keepalive (lispr: none)" },
		{ "console", "Platform console (lispr: the terminal it runs on)" },
		{ "hardware", "Platform hardware (lispr: none)" },
		{ "shell", "Platform shell (lispr: none)" },
	};
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
	c = shell_node(cli, NULL, "no", P, G, "Negate a command or set its defaults");
	shell_syntax(cli, shell_cmd(cli, shell_node(cli, c, "ip", P, G, "Global IP configuration subcommands"), "cef",
				    cmd_absent, P, G, "Cisco Express Forwarding"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, shell_node(cli, c, "ipv6", P, G, "Global IPv6 configuration commands"),
				    "cef", cmd_absent, P, G, "Cisco Express Forwarding for IPv6"), "[LINE]");
	for (size_t k = 0; k < sizeof(chassis) / sizeof(chassis[0]); k++)
		shell_syntax(cli, shell_cmd(cli, NULL, chassis[k][0], cmd_absent, P, G, chassis[k][1]), "[LINE]");
	c = shell_node(cli, NULL, "platform", P, G, "Platform-specific settings (lispr: packet I/O)");
	for (size_t k = 0; k < sizeof(platform) / sizeof(platform[0]); k++)
		shell_syntax(cli, shell_cmd(cli, c, platform[k][0], cmd_absent, P, G, platform[k][1]), "[LINE]");
	c = shell_node(cli, NULL, "line", P, G, "Configure a terminal line");
	shell_syntax(cli, shell_cmd(cli, c, "aux", cmd_absent, P, G, "Auxiliary line (lispr: none)"), "[LINE]");
	shell_syntax(cli, shell_cmd(cli, NULL, "media-type", cmd_absent, P, I, "Media type (lispr: the link's)"),
		     "[LINE]");
	lisp_absent_cmds(cli);
}

/* speed auto, duplex auto, negotiation auto: what lispr does (the link
 * negotiates); a fixed value is refused with the reason. */
static int cmd_link_auto(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc == 1 && strlen(argv[0]) <= 4 && !strncasecmp(argv[0], "auto", strlen(argv[0])))
		return CLI_OK;
	if (argc < 1)
		return shell_err_incomplete(cli);
	return cmd_absent(cli, cmd, argv, argc);
}

/* stopbits 1: the console's (a terminal's); others refused. */
static int cmd_stopbits(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc == 1 && !strcmp(argv[0], "1"))
		return CLI_OK;
	if (argc < 1)
		return shell_err_incomplete(cli);
	return cmd_absent(cli, cmd, argv, argc);
}

static void compat_cmds(struct cli_def *cli)
{
	static const char *const http[][2] = {	/* the HTTP server's settings */
		{ "authentication", "Set HTTP server authentication method" },
		{ "access-class", "Restrict http server access by access-class" },
		{ "max-connections", "Set maximum number of concurrent http server connections" },
		{ "timeout-policy", "Set http server time-out policy parameters" },
		{ "active-session-modules", "Set active session modules" },
		{ "secure-active-session-modules", "Set active session modules" },
		{ "client", "HTTP client configuration" },
	};
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
	for (size_t k = 0; k < sizeof(http) / sizeof(http[0]); k++)
		shell_syntax(cli, shell_cmd(cli, c, http[k][0], cmd_absent, P, G, http[k][1]), "[LINE]");

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
	c = shell_node(cli, ip, "bootp", P, G, "Config BOOTP services");
	shell_syntax(cli, shell_cmd(cli, c, "server", cmd_accept, P, G, "Enable BOOTP server"), "");

	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	c = shell_node(cli, ip, "bootp", P, G, "Config BOOTP services");
	shell_syntax(cli, shell_cmd(cli, c, "server", cmd_absent, P, G, "Enable BOOTP server"), "");
	shell_syntax(cli, shell_cmd(cli, ip, "tcp", cmd_absent, P, G, "Global TCP parameters (lispr: the host's)"),
		     "[LINE]");
	c = shell_node(cli, shell_node(cli, ip, "access-list", P, G, "Named access list"), "logging", P, G,
		       "Control access list logging");
	shell_syntax(cli, shell_cmd(cli, c, "hash-generation", cmd_absent, P, G,
				    "Enable syslog hash code generation (lispr: none)"), "");
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
	hardening_cmds(cli);

	ip = shell_node(cli, NULL, "ip", P, G, "Global IP configuration subcommands");
	shell_syntax(cli, shell_cmd(cli, ip, "cef", cmd_accept, P, G, "Cisco Express Forwarding (lispr: always)"),
		     "");
	ip = shell_node(cli, NULL, "ipv6", P, G, "Global IPv6 configuration commands");
	shell_syntax(cli, shell_cmd(cli, ip, "cef", cmd_accept, P, G, "Cisco Express Forwarding for IPv6 (lispr: always)"),
		     "");
	c = shell_cmd(cli, NULL, "speed", cmd_link_auto, P, I, "Configure speed operation (lispr: the link's)");
	shell_arghelp(cli, c, "auto\tEnable AUTO speed configuration");
	shell_syntax(cli, c, "auto");
	c = shell_cmd(cli, NULL, "duplex", cmd_link_auto, P, I, "Configure duplex operation (lispr: the link's)");
	shell_arghelp(cli, c, "auto\tEnable AUTO duplex configuration");
	shell_syntax(cli, c, "auto");
	c = shell_cmd(cli, NULL, "negotiation", cmd_link_auto, P, I, "Select Autonegotiation mode (lispr: the link's)");
	shell_arghelp(cli, c, "auto\tEnable link autonegotiation");
	shell_syntax(cli, c, "auto");
	c = shell_cmd(cli, NULL, "stopbits", cmd_stopbits, P, SHELL_CONFIG_LINE, "Set async line stop bits");
	shell_arghelp(cli, c, "1\tOne stop bit");
	shell_syntax(cli, c, "1");
}

const struct shell_feature shell_feature_compat = {
	.name = "compat",
	.cmds = compat_cmds,
};
