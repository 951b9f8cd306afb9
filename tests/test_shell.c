/*
 * DOC: tests of the IOS-style shell without a socket
 *
 * Golden transcripts: each tests/golden/NAME.cmds is run line by line
 * through shell_exec() in a fresh shell, printing prompt and line before the
 * output as a terminal would, and the transcript must equal NAME.out.  A
 * line after 'enable' is consumed by the password prompt, as typed; in
 * ask_NAME.cmds the lines after a command that asks questions (extended
 * ping, [confirm]) are its answers, blank ones included.  Then
 * startup-config replay with deliberate errors, the load/print/reload round
 * trip over every .conf file in samples/, samples/seed1/ and tests/shell/,
 * and atomic saving.
 *
 * Shells that configure interfaces drive a real router on the manual clock
 * whose interfaces are pcap file ports in a temporary directory (offline
 * mode's factory): deterministic, no root, no network.
 */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <pthread.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "fib.h"
#include "iface.h"
#include "lisp.h"
#include "log.h"
#include "port.h"
#include "router.h"
#include "shell.h"
#include "test_shell_util.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

struct script {
	char **lines;
	size_t n, next;
	FILE *out;
};

/* The password prompt reads the next script line; set per session. */
static struct script *cur_script;

static int next_line_getpass(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	fprintf(cur_script->out, "%s\n", prompt);
	if (cur_script->next >= cur_script->n)
		return -1;
	snprintf(buf, len, "%s", cur_script->lines[cur_script->next++]);
	return 0;
}

/* A command's question (extended ping, [confirm]) reads the next script
 * line, echoed after the prompt as a terminal shows it; blank lines are
 * answers (Enter). */
static int next_line_gettext(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	shell_flush(s);
	if (cur_script->next >= cur_script->n)
		return -1;
	snprintf(buf, len, "%s", cur_script->lines[cur_script->next++]);
	fprintf(cur_script->out, "%s%s\n", prompt ? prompt : "", buf);
	return 0;
}

/* Runs the script; returns the transcript (malloc'ed).  With answers the
 * session can ask questions (next_line_gettext) and blank lines count. */
static char *run_script_opts(struct shell *sh, const char *text, bool answers)
{
	struct script sc = { 0 };
	char *copy = strdup(text), *tr = NULL, *save = NULL, *rest = copy;
	size_t trlen = 0;
	struct shell_sess *s;

	for (char *l = answers ? strsep(&rest, "\n") : strtok_r(copy, "\n", &save); l;
	     l = answers ? strsep(&rest, "\n") : strtok_r(NULL, "\n", &save)) {
		if (answers && !rest && !l[0])
			break;	/* after the last line's end */
		sc.lines = realloc(sc.lines, (sc.n + 1) * sizeof(*sc.lines));
		sc.lines[sc.n++] = l;
	}
	sc.out = open_memstream(&tr, &trlen);
	s = shell_sess_new(sh, SHELL_BATCH, t_out_stream, sc.out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	cur_script = &sc;
	s->getpass = next_line_getpass;
	if (answers)
		s->gettext = next_line_gettext;
	while (sc.next < sc.n) {
		char prompt[160];
		const char *line = sc.lines[sc.next++];

		shell_prompt(s, prompt, sizeof(prompt));
		fprintf(sc.out, "%s%s\n", prompt, line);
		s->col_base = strlen(prompt);
		if (shell_exec(s, line) == CLI_QUIT)
			break;
	}
	shell_sess_free(s);
	fclose(sc.out);
	free(sc.lines);
	free(copy);
	cur_script = NULL;
	return tr;
}

static char *run_script(struct shell *sh, const char *text)
{
	return run_script_opts(sh, text, false);
}

static void test_golden(void)
{
	const char *dir = SRCDIR "/tests/golden";
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d))) {
		char path[512], outpath[512];
		char *cmds, *got;
		struct shell *sh;

		if (!t_has_suffix(e->d_name, ".cmds"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(outpath, sizeof(outpath), "%.*s.out", (int)(strlen(path) - 5), path);
		cmds = t_slurp(path);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cmds);
		sh = t_rshell_new();
		debug_all_off();
		/* ask_*.cmds answer the commands' questions line by line */
		got = run_script_opts(sh, cmds, !strncmp(e->d_name, "ask_", 4));
		t_golden(outpath, got);
		free(got);
		free(cmds);
		t_rshell_free(sh);
		files++;
	}
	closedir(d);
	CU_ASSERT(files >= 4);
}

/* Modes no command enters yet (config-if comes with the interfaces). */
static void test_modes(void)
{
	struct shell *sh = t_rshell_new();
	char *got = NULL, prompt[160];
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, t_out_stream, out);

	shell_exec(s, "enable");
	shell_exec(s, "configure terminal");
	shell_set_mode(s->cli, SHELL_CONFIG_IF);
	CU_ASSERT_STRING_EQUAL(shell_prompt(s, prompt, sizeof(prompt)), "lispr(config-if)#");
	/* A config-mode command leaves the submode. */
	CU_ASSERT_EQUAL(shell_exec(s, "host r1"), CLI_OK);
	CU_ASSERT_STRING_EQUAL(shell_prompt(s, prompt, sizeof(prompt)), "r1(config)#");
	shell_set_mode(s->cli, SHELL_CONFIG_IF);
	CU_ASSERT_EQUAL(shell_exec(s, "exit"), CLI_OK);
	CU_ASSERT_EQUAL(s->cli->mode, SHELL_CONFIG);
	CU_ASSERT_EQUAL(shell_exec(s, "lisp site S1"), CLI_OK);
	CU_ASSERT_EQUAL(s->cli->mode, SHELL_LISP_SITE);
	CU_ASSERT_EQUAL(shell_exec(s, "exit"), CLI_OK);
	CU_ASSERT_EQUAL(s->cli->mode, SHELL_ROUTER_LISP);
	CU_ASSERT_EQUAL(shell_exec(s, "exit"), CLI_OK);
	CU_ASSERT_EQUAL(s->cli->mode, SHELL_CONFIG);
	CU_ASSERT_EQUAL(shell_exec(s, "end"), CLI_OK);
	CU_ASSERT_EQUAL(s->cli->mode, SHELL_EXEC);
	CU_ASSERT_EQUAL(shell_exec(s, "exit"), CLI_QUIT);
	shell_sess_free(s);
	fclose(out);
	free(got);
	t_rshell_free(sh);
}

static int site_desc(const struct lisp_site_info *si, void *arg)
{
	snprintf(arg, 64, "%s: %s", si->name, si->description);
	return 0;
}

static void test_replay_errors(void)
{
	static const char cfg[] =
		"! a comment\n"
		"hostname edge#1\n"			/* 2: '#' is not allowed in a hostname */
		"hostname edge1\n"
		"enable secret 0 s3cr3t#x\n"
		"line vty 0 4\n"
		" password pa#ss\n"			/* '#' is no comment: kept */
		" exec-timeout 99999\n"			/* 7: out of range */
		" login\n"
		" transport input carrier-pigeon\n"	/* 9 */
		"!\n"
		"lisp site A\n"
		" description first site\n"
		" bogus command\n"			/* 13 */
		"interfaze Loopback0\n"			/* 14 */
		"line vty\n"				/* 15: incomplete */
		"line vty 5 7\n"
		" transport input none\n"
		"end\n"
		"hostname after-end\n";
	struct shell *sh = t_rshell_new();
	char *errs = NULL, site[64] = "";
	size_t len = 0;
	FILE *in = fmemopen((void *)cfg, sizeof(cfg) - 1, "r");
	FILE *out = open_memstream(&errs, &len);
	int bad = shell_load_stream(sh, in, "r.conf", out);

	fclose(in);
	fclose(out);
	CU_ASSERT_EQUAL(bad, 6);
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "r.conf:2: % Invalid input detected at '^' marker.\n"
					    "    hostname edge#1\n"
					    "             ^\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "r.conf:7: % Invalid input detected at '^' marker.\n"
					    "    exec-timeout 99999\n"
					    "                 ^\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "r.conf:9: % Invalid input"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "r.conf:13: % Invalid input"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "r.conf:14: % Invalid input detected at '^' marker.\n"
					    "    interfaze Loopback0\n"
					    "    ^\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "r.conf:15: % Incomplete command.\n"));
	/* Every valid line applied, nothing after 'end'. */
	CU_ASSERT_STRING_EQUAL(sh->conf.hostname, "edge1");
	CU_ASSERT(secret_check(sh->conf.enable_secret, "s3cr3t#x"));
	CU_ASSERT_STRING_EQUAL(sh->conf.vty[0].password, "pa#ss");
	CU_ASSERT_STRING_EQUAL(sh->conf.vty[4].password, "pa#ss");
	CU_ASSERT(sh->conf.vty[2].login);
	CU_ASSERT_EQUAL(sh->conf.vty[0].timeout_min, 10);
	CU_ASSERT(shell_line_telnet(&sh->conf.vty[0]));
	CU_ASSERT(sh->conf.vty[6].present && !shell_line_telnet(&sh->conf.vty[6]));
	CU_ASSERT_FALSE(sh->conf.vty[8].present);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sh->lisp);
	lisp_site_foreach(sh->lisp, site_desc, site);
	CU_ASSERT_STRING_EQUAL(site, "A: first site");
	free(errs);
	t_rshell_free(sh);
}

static int roundtrip_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d))) {
		char path[512], *t1, *t2;
		struct shell *a, *b;
		FILE *in;
		int bad;

		if (!t_has_suffix(e->d_name, ".conf"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		a = t_rshell_new();
		bad = shell_load(a, path, stderr);
		CU_ASSERT_EQUAL(bad, 0);
		t1 = shell_config_text(a);
		b = t_rshell_new();
		in = fmemopen(t1, strlen(t1), "r");
		CU_ASSERT_EQUAL(shell_load_stream(b, in, "print", stderr), 0);
		fclose(in);
		t2 = shell_config_text(b);
		if (strcmp(t1, t2))
			t_report_diff(path, t1, t2);
		CU_ASSERT_STRING_EQUAL(t1, t2);
		free(t1);
		free(t2);
		t_rshell_free(a);
		t_rshell_free(b);
		n++;
	}
	closedir(d);
	return n;
}

static void test_roundtrip(void)
{
	int ours = roundtrip_dir(SRCDIR "/tests/shell");

	CU_ASSERT(ours >= 1);
	/* Both lab states: the final one and seed 001's. */
	CU_ASSERT_EQUAL(roundtrip_dir(SRCDIR "/samples"), 4);
	CU_ASSERT_EQUAL(roundtrip_dir(SRCDIR "/samples/seed1"), 4);
}

/* The configuration in tests/shell/full.conf prints back line for line. */
static void test_print_canonical(void)
{
	struct shell *sh = t_rshell_new();
	char *text, *file = t_slurp(SRCDIR "/tests/shell/full.conf");

	CU_ASSERT_PTR_NOT_NULL_FATAL(file);
	CU_ASSERT_EQUAL(shell_load(sh, SRCDIR "/tests/shell/full.conf", stderr), 0);
	text = shell_config_text(sh);
	CU_ASSERT_STRING_EQUAL(text, file);
	free(text);
	free(file);
	t_rshell_free(sh);
}

/* Forms full.conf cannot hold beside its own (one summer time at a time):
 * their print reads back to the same print. */
static void test_print_other_forms(void)
{
	static const char *const forms[] = {
		"clock timezone PST -8 0\nclock summer-time PDT date Mar 12 2026 2:00 Nov 5 2026 2:00 30\n",
	};

	for (size_t k = 0; k < sizeof(forms) / sizeof(forms[0]); k++) {
		struct shell *a = t_rshell_new(), *b = t_rshell_new();
		FILE *in = fmemopen((void *)forms[k], strlen(forms[k]), "r");
		char *t1, *t2;

		CU_ASSERT_EQUAL(shell_load_stream(a, in, "form", stderr), 0);
		fclose(in);
		t1 = shell_config_text(a);
		CU_ASSERT_PTR_NOT_NULL(strstr(t1, forms[k]));
		in = fmemopen(t1, strlen(t1), "r");
		CU_ASSERT_EQUAL(shell_load_stream(b, in, "print", stderr), 0);
		fclose(in);
		t2 = shell_config_text(b);
		CU_ASSERT_STRING_EQUAL(t1, t2);
		free(t1);
		free(t2);
		t_rshell_free(a);
		t_rshell_free(b);
	}
}

/* Reloading the print gives the same router, not only the same text. */
static void test_reload_state(void)
{
	static const char show[] = "show ip interface brief\nshow ip route\nshow interfaces | include is|MTU|Timeout|Descr\n"
				   "show ip interface veth-a | include access|verif|unreach\nshow access-lists\n"
				   "enable\nshow running-config | include rate-limit|traffic-filter\n";
	const char *path = SRCDIR "/tests/shell/router.conf";
	struct shell *a = t_rshell_new(), *b = t_rshell_new();
	struct iface *ifp;
	struct fib_entry *e;
	char *t1, *s1, *s2;
	FILE *in;

	CU_ASSERT_EQUAL_FATAL(shell_load(a, path, stderr), 0);
	/* The file's settings reached the router. */
	ifp = iface_find(a->router, "veth-a");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	CU_ASSERT_FALSE(iface_is_shutdown(ifp));
	CU_ASSERT_EQUAL(iface_mtu(ifp), 1400);
	CU_ASSERT_EQUAL(iface_arp_timeout(ifp), 600);
	CU_ASSERT_FALSE(iface_unreachables(ifp, false));
	CU_ASSERT_FALSE(iface_unreachables(ifp, true));
	{
		bool def = false;

		CU_ASSERT_EQUAL(iface_urpf(ifp, false, &def), URPF_RX);
		CU_ASSERT_TRUE(def);
		CU_ASSERT_EQUAL(iface_urpf(ifp, true, &def), URPF_ANY);
		CU_ASSERT_FALSE(def);
	}
	ifp = iface_find(a->router, "Loopback1");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	CU_ASSERT_TRUE(iface_unreachables(ifp, false));
	CU_ASSERT(iface_is_shutdown(ifp));
	CU_ASSERT_PTR_NOT_NULL(iface_find(a->router, "Loopback0"));
	e = fib_lookup(a->router, htonl(0x08080808));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->prefix.len, 0);
	CU_ASSERT_EQUAL(e->cfg_gw, htonl(0x0a000102));
	e = fib_lookup(a->router, htonl(0xc0a80205));
	CU_ASSERT_PTR_NOT_NULL_FATAL(e);
	CU_ASSERT_EQUAL(e->prefix.len, 24);
	CU_ASSERT_EQUAL(e->distance, 5);
	CU_ASSERT(e->flags & FIB_F_DISCARD || e->oif == NULL || iface_is_null(e->oif));

	t1 = shell_config_text(a);
	in = fmemopen(t1, strlen(t1), "r");
	CU_ASSERT_EQUAL(shell_load_stream(b, in, "print", stderr), 0);
	fclose(in);
	s1 = run_script(a, show);
	s2 = run_script(b, show);
	if (strcmp(s1, s2))
		t_report_diff("reloaded router", s1, s2);
	CU_ASSERT_STRING_EQUAL(s1, s2);
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "veth-a                     10.0.1.1        YES manual up"));
	/* The access lists and their interfaces, the ICMP limits: back. */
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "Inbound  access list is 101"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "Outgoing access list is EDGE"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "  ICMP unreachables are never sent\n"
					"  IP verify source reachable-via RX, allow default, allow self-ping, ACL 101\n"
					"   0 verification drops\n   0 suppressed verification drops\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "    20 deny   icmp any any echo log\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "    10 permit udp 10.0.1.0 0.0.0.255 any range 4341 4342\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "no ip icmp rate-limit unreachable df\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "ip icmp rate-limit unreachable 100\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, " ipv6 traffic-filter EDGE6 in\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "    25 deny   ip any any fragments\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "    deny ipv6 any any fragments sequence 12\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s1, "    permit udp any range 4341 4342 any sequence 25\n"));
	free(s1);
	free(s2);
	free(t1);
	t_rshell_free(a);
	t_rshell_free(b);
}

/* 'debug arp', 'debug ip icmp', 'debug ip packet': the router's own lines
 * reach a monitoring session, and only while the switch is on; 'debug ip
 * packet LIST detail' shows the packets the list permits, with their
 * layer 4. */
static void test_router_debug(void)
{
	static const char setup[] =
		"enable\nconf t\nint e0\nip address 10.0.1.1 255.255.255.0\nno shut\n"
		"int lo0\nip address 1.1.1.1 255.255.255.255\nend\nterminal monitor\n";
	struct shell *sh = t_rshell_new();
	char *got;

	log_init(64, false);
	debug_all_off();
	got = run_script(sh, "enable\nterminal monitor\nping 1.1.1.1 repeat 1\n");
	CU_ASSERT_PTR_NULL(strstr(got, "ICMP:"));
	free(got);
	got = run_script(sh, setup);
	free(got);
	got = run_script(sh, "enable\nterminal monitor\ndebug arp\ndebug ip icmp\ndebug ip packet\n"
			 "ping 1.1.1.1 repeat 1\nping 10.0.1.5 repeat 1\nundebug all\nping 1.1.1.1 repeat 1\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": ICMP: echo reply sent, src 1.1.1.1, dst 1.1.1.1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": ICMP: echo reply rcvd, src 1.1.1.1, dst 1.1.1.1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": IP: s=10.0.1.1 (local), d=10.0.1.5 (e0), len 100, sending\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": IP ARP: sent req src 10.0.1.1 024c."));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ", dst 10.0.1.5 0000.0000.0000 e0\n"));
	/* Nothing after 'undebug all'. */
	CU_ASSERT_PTR_NULL(strstr(strstr(got, "undebug all"), "ICMP:"));
	free(got);
	/* 'debug ip packet 101 detail': the packets list 101 permits (to
	 * 10.0.1.6, not 10.0.1.5), each with its ICMP line; 'show debugging'
	 * says so. */
	got = run_script(sh, "enable\nconf t\naccess-list 101 permit icmp any host 10.0.1.6\nend\nterminal monitor\n"
			 "debug ip packet 101 detail\nshow debugging\nping 10.0.1.5 repeat 1\nping 10.0.1.6 repeat 1\n"
			 "no debug ip packet 101 detail\nshow debugging\nping 10.0.1.6 repeat 1\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "IP packet debugging is on (detailed) for access list 101\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "  IP packet debugging is on (detailed) for access list 101\n"));
	CU_ASSERT_PTR_NULL(strstr(got, "d=10.0.1.5"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": IP: s=10.0.1.1 (local), d=10.0.1.6 (e0), len 100, sending\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ":     ICMP type=8, code=0\n"));
	CU_ASSERT_PTR_NULL(strstr(strstr(got, "no debug ip packet"), "d=10.0.1.6"));
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "101", 10), 0);	/* the filter counts nothing */
	free(got);
	debug_all_off();
	t_rshell_free(sh);
	log_shutdown();
}

static int count_of(const char *text, const char *what)
{
	int n = 0;

	for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
		n++;
	return n;
}

/* 'archive' / 'log config': the configuration commands taken are kept
 * (not 'end', 'exit', 'do', a refused line, or a configuration read from
 * a file), at most 'logging size' of them, the oldest going first;
 * 'notify syslog' logs each as IOS; 'hidekeys' hides secrets in both. */
static void test_config_log(void)
{
	struct shell *sh = t_rshell_new(), *b = t_rshell_new();
	char *got, *t1, *t2;
	FILE *in;

	log_init(64, false);
	got = run_script(sh, "enable\nterminal monitor\nconf t\narchive\nlog config\nlogging enable\nlogging size 4\n"
			 "notify syslog contenttype plaintext\nhidekeys\nend\nconf t\nhostname R9\n"
			 "username bob secret 0 verysecret\nbogus command\ninterface Loopback0\ndescription x\n"
			 "do show clock\nexit\nend\nshow archive log config all\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "%PARSER-5-CFGLOG_LOGGEDCMD: User:batch  logged command:hostname R9\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "logged command:username bob secret 0 *****\n"));
	CU_ASSERT_PTR_NULL(strstr(got, "logged command:username bob secret 0 verysecret"));
	CU_ASSERT_PTR_NULL(strstr(got, "logged command:bogus"));
	CU_ASSERT_PTR_NULL(strstr(got, "logged command:do "));
	CU_ASSERT_PTR_NULL(strstr(got, "logged command:end"));
	/* The last four, the oldest first. */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, " idx   sess           user@line      Logged command\n"
					"    5     0           batch@batch  |hostname R9\n"
					"    6     0           batch@batch  |username bob secret 0 *****\n"
					"    7     0           batch@batch  |interface Loopback0\n"
					"    8     0           batch@batch  |description x\n"));
	free(got);
	/* The settings print and read back; reading them logs nothing. */
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "archive\n log config\n  logging enable\n  logging size 4\n"
				       "  notify syslog contenttype plaintext\n  hidekeys\n"));
	in = fmemopen(t1, strlen(t1), "r");
	CU_ASSERT_EQUAL(shell_load_stream(b, in, "print", stderr), 0);
	fclose(in);
	t2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	got = run_script(b, "enable\nshow archive log config statistics\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Number of entries in the log: 0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Maximum number of entries: 4\n"));
	free(got);
	free(t1);
	free(t2);
	/* 'logging userinfo': enable and disable logged as IOS. */
	got = run_script(sh, "enable\nterminal monitor\ndisable\nenable\nconf t\nlogging userinfo\nend\n"
			 "disable\nenable\n");
	CU_ASSERT_EQUAL(count_of(got, "%SYS-5-PRIV_AUTH_PASS: Privilege level set to 1 by unknown on batch\n"), 1);
	CU_ASSERT_EQUAL(count_of(got, "%SYS-5-PRIV_AUTH_PASS: Privilege level set to 15 by unknown on batch\n"), 1);
	free(got);
	/* 'no archive': nothing kept from then on, nothing printed. */
	got = run_script(sh, "enable\nconf t\nno archive\nhostname R8\nend\nshow archive log config all\n");
	CU_ASSERT_PTR_NULL(strstr(got, "|hostname R8"));
	free(got);
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NULL(strstr(t1, "archive\n"));
	free(t1);
	log_shutdown();
	t_rshell_free(sh);
	t_rshell_free(b);
}

/* 'security passwords min-length': passwords typed in clear from then on
 * (enable, users, lines) must be that long, IOS's error otherwise;
 * encrypted ones are not checked; a configuration read back loads its
 * shorter passwords set before the minimum was. */
static void test_password_min_length(void)
{
	struct shell *sh = t_rshell_new(), *b = t_rshell_new();
	char *got, *t1, *t2;
	FILE *in;

	got = run_script(sh, "enable\nconf t\nline vty 0 4\npassword abc\nexit\nsecurity passwords min-length 8\n"
			 "enable secret short\nenable secret 0 short\nusername u secret abc\nusername u password 0 abc\n"
			 "line vty 0 4\npassword abcd\nexit\nenable password 7 0822455D0A16\nusername v secret 12345678\n"
			 "security passwords min-length 17\nend\n");
	CU_ASSERT_EQUAL(count_of(got, "% Password too short - must be at least 8 characters. Password configuration "
				 "failed\n"), 5);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "security passwords min-length 17\n"));	/* 0-16 */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "% Invalid input detected"));
	free(got);
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "security passwords min-length 8\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "enable password 7 0822455D0A16\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "username v secret"));
	CU_ASSERT_PTR_NULL(strstr(t1, "username u "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, " password abc\n"));	/* from before the minimum */
	in = fmemopen(t1, strlen(t1), "r");
	CU_ASSERT_EQUAL(shell_load_stream(b, in, "print", stderr), 0);
	fclose(in);
	t2 = shell_config_text(b);
	CU_ASSERT_PTR_NOT_NULL(strstr(t2, " password abc\n"));
	free(t1);
	free(t2);
	t_rshell_free(sh);
	t_rshell_free(b);
}

/* 'time-range': its lines as IOS takes and prints them, refused ones
 * with a reason; an entry naming a range is in effect only while the
 * range is ('show access-lists' says which), and not while no range has
 * that name; changes reach the router at once; the print reads back. */
static void test_time_ranges(void)
{
	static const char conf[] =
		"enable\nconf t\ntime-range WORK\nperiodic weekdays 8:00 to 18:00\n"
		"periodic Sat Sun 10:00 to 12:30\nperiodic friday 20:00 to monday 6:00\n"
		"absolute start 8:00 1 jan 2020 end 23:59 31 December 2035\nexit\n"
		"time-range PAST\nabsolute end 00:00 1 January 2000\nexit\n"
		"ip access-list extended WEB\npermit tcp any any eq www log-input time-range WORK\n"
		"deny ip any any time-range PAST\npermit udp any any time-range NONE\ndeny ip any any\nexit\n"
		"ipv6 access-list V6\npermit ipv6 any any log time-range PAST\nend\n";
	static const char *const bad[][2] = {
		{ "periodic daily 10:00 to 9:00", "% The end time must come after the start time" },
		{ "periodic Monday Tuesday 8:00 to Friday 9:00", "% A period that ends on another day starts on a single day" },
		{ "periodic Monday 8:00 to Friday Saturday 9:00", "% A period that ends on another day ends on a single day" },
		{ "periodic daily 25:00 to 26:00", "% Invalid input detected" },
		{ "periodic daily 8:00 to 24:01", "% Invalid input detected" },
		{ "periodic t 8:00 to 9:00", "% Ambiguous command" },
		{ "periodic daily 8:00", "% Incomplete command" },
		{ "absolute start 08:00 30 February 2027", "% February has no day 30 in 2027" },
		{ "absolute start 08:00 1 March 2027 end 08:00 1 March 2027", "% The end must come after the start" },
		{ "absolute end 08:00 1 March 2036", "% Invalid input detected" },
		{ "absolute start 08:00 1 Ju 2027", "% Ambiguous command" },
	};
	struct shell *sh = t_rshell_new(), *b = t_rshell_new();
	struct tm mon9 = { .tm_year = 126, .tm_mon = 11, .tm_mday = 7, .tm_hour = 9 };
	struct acl_pkt p = { .src = 0x0a000001, .dst = 0x0a000002, .proto = 6, .dport = 80, .l4 = true };
	struct clock_zone utc0 = { .set = true, .name = "UTC" }, none = { 0 };
	char *got, *t1, *t2, script[256];
	FILE *in;

	clock_zone_set(&utc0);
	got = run_script(sh, conf);
	CU_ASSERT_PTR_NULL(strstr(got, "%"));
	free(got);
	/* Monday 9:00: WORK in effect, web permitted by entry 10. */
	router_time_ranges_eval(sh->router, timegm(&mon9));
	CU_ASSERT_TRUE(router_acl_permits(sh->router, "WEB", &p));
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "WEB", 10), 1);
	/* UDP: entry 30 names no range that exists, 40 denies. */
	p.proto = 17;
	CU_ASSERT_FALSE(router_acl_permits(sh->router, "WEB", &p));
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "WEB", 30), 0);
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "WEB", 40), 1);
	got = run_script(sh, "show time-range PAST\nshow access-lists V6\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "time-range entry: PAST (inactive)\n   absolute end 00:00 01 January 2000\n"
					"   used in: IP ACL entry\n   used in: IPv6 ACL entry\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "    permit ipv6 any any log time-range PAST (inactive) sequence 10\n"));
	free(got);
	got = run_script(sh, "show time-range PAST | json\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "\n{\"time_ranges\":[{\"name\":\"PAST\",\"active\":false,\"absolute\":\"end 00:00 "
					"01 January 2000\",\"periodic\":[],\"used_by_ipv4_acl\":true,"
					"\"used_by_ipv6_acl\":true}]}\n"));
	free(got);
	got = run_script(sh, "show time-range WORK | json\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "\"periodic\":[\"weekdays 8:00 to 18:00\",\"weekend 10:00 to 12:30\","
					"\"Friday 20:00 to Monday 6:00\"]"));
	free(got);
	got = run_script(sh, "show access-lists WEB\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "    20 deny   ip any any time-range PAST (inactive)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "    30 permit udp any any time-range NONE (inactive)\n"));
	free(got);
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "time-range WORK\n absolute start 08:00 01 January 2020 end 23:59 31 December 2035\n"
				       " periodic weekdays 8:00 to 18:00\n periodic weekend 10:00 to 12:30\n"
				       " periodic Friday 20:00 to Monday 6:00\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, " 10 permit tcp any any eq www log-input time-range WORK\n"));
	CU_ASSERT_TRUE(strstr(t1, "time-range WORK\n") < strstr(t1, "ip access-list extended WEB\n"));
	in = fmemopen(t1, strlen(t1), "r");
	CU_ASSERT_EQUAL(shell_load_stream(b, in, "print", stderr), 0);
	fclose(in);
	t2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	free(t1);
	free(t2);
	/* Refused lines, each with its reason; the range unchanged. */
	for (size_t k = 0; k < sizeof(bad) / sizeof(bad[0]); k++) {
		snprintf(script, sizeof(script), "enable\nconf t\ntime-range WORK\n%s\nend\n", bad[k][0]);
		got = run_script(sh, script);
		if (!strstr(got, bad[k][1]))
			fprintf(stderr, "\n'%s' gave:\n%s\n", bad[k][0], got);
		CU_ASSERT_PTR_NOT_NULL(strstr(got, bad[k][1]));
		free(got);
	}
	got = run_script(sh, "enable\nconf t\ntime-range 1ST\nip access-list standard S\npermit any time-range WORK\n"
			 "end\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "% A time-range name starts with a letter"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "permit any time-range WORK\n                                  ^\n"
					"% Invalid input detected"));
	free(got);
	/* At most TR_PERIODIC_MAX lines. */
	{
		char many[4096] = "enable\nconf t\ntime-range MANY\n";

		for (int k = 0; k <= TR_PERIODIC_MAX; k++)
			snprintf(many + strlen(many), sizeof(many) - strlen(many), "periodic daily %d:%02d to 23:59\n",
				 k / 60, k % 60);
		strcat(many, "end\n");
		got = run_script(sh, many);
		CU_ASSERT_PTR_NOT_NULL(strstr(got, "% A time range has at most 32 periodic lines"));
		free(got);
	}
	/* 'no periodic', 'no absolute': WORK is weekdays only now, in effect
	 * on Monday; removed, the entries are out of effect. */
	got = run_script(sh, "enable\nconf t\ntime-range WORK\nno periodic weekend 10:00 to 12:30\n"
			 "no periodic friday 20:00 to monday 6:00\nno absolute\nend\nshow time-range WORK\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "time-range entry: WORK (") );
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ")\n   periodic weekdays 8:00 to 18:00\n   used in: IP ACL entry\n"));
	free(got);
	p.proto = 6;
	router_time_ranges_eval(sh->router, timegm(&mon9));
	CU_ASSERT_TRUE(router_acl_permits(sh->router, "WEB", &p));
	got = run_script(sh, "enable\nconf t\nno time-range WORK\nend\nshow access-lists WEB\nshow time-range\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "10 permit tcp any any eq www log-input time-range WORK (inactive)"));
	CU_ASSERT_PTR_NULL(strstr(got, "time-range entry: WORK"));
	free(got);
	CU_ASSERT_EQUAL(router_time_range_state(sh->router, "WORK"), -1);
	CU_ASSERT_FALSE(router_acl_permits(sh->router, "WEB", &p));
	/* 'clock timezone' moves local time, and the ranges follow at once:
	 * two hours either side of now in UTC, out of effect 12 hours east. */
	{
		time_t now = time(NULL), a = now - 7200, z = now + 7200;
		struct tm ta, tz;
		char sc[512];

		gmtime_r(&a, &ta);
		gmtime_r(&z, &tz);
		snprintf(sc, sizeof(sc), "enable\nconf t\nclock timezone UTC 0\ntime-range NOW\n"
			 "absolute start %02d:%02d %d %s %d end %02d:%02d %d %s %d\nend\nshow time-range NOW\n"
			 "conf t\nclock timezone NZST 12\nend\nshow time-range NOW\n",
			 ta.tm_hour, ta.tm_min, ta.tm_mday, (const char *[]){ "January", "February", "March", "April",
			 "May", "June", "July", "August", "September", "October", "November", "December" }[ta.tm_mon],
			 ta.tm_year + 1900, tz.tm_hour, tz.tm_min, tz.tm_mday, (const char *[]){ "January", "February",
			 "March", "April", "May", "June", "July", "August", "September", "October", "November",
			 "December" }[tz.tm_mon], tz.tm_year + 1900);
		got = run_script(sh, sc);
		CU_ASSERT_PTR_NULL(strstr(got, "%"));
		CU_ASSERT_PTR_NOT_NULL(strstr(got, "time-range entry: NOW (active)"));
		CU_ASSERT_PTR_NOT_NULL(strstr(got, "time-range entry: NOW (inactive)"));
		CU_ASSERT_EQUAL(router_time_range_state(sh->router, "NOW"), 0);
		free(got);
	}
	clock_zone_set(&none);
	t_rshell_free(sh);
	t_rshell_free(b);
}

/* 'object-group network': an extended list's entry stands for every block
 * of its groups (hosts, networks, a range as prefixes, nested groups);
 * a change to a group reaches the router at once, the counts kept; the
 * print names a group after those it names, and reads back. */
static void test_object_groups(void)
{
	static const char conf[] =
		"enable\nconf t\nobject-group network MGMT\nhost 10.0.0.5\n10.1.0.0 255.255.0.0\n"
		"range 10.2.0.1 10.2.0.10\nexit\nobject-group network AAA\ngroup-object MGMT\nhost 192.168.1.1\nexit\n"
		"ip access-list extended EDGE\npermit tcp object-group MGMT any eq 22\n"
		"deny ip object-group AAA object-group MGMT\npermit ip any any\nend\n";
	struct shell *sh = t_rshell_new(), *b = t_rshell_new();
	struct acl_pkt p = { .proto = 6, .dport = 22, .l4 = true, .tcp_flags = 0x02 };
	char *got, *t1, *t2;
	FILE *in;

	got = run_script(sh, conf);
	CU_ASSERT_PTR_NULL(strstr(got, "%"));
	free(got);
	p.dst = 0x01010101;
	for (uint32_t a = 0x0a020000; a <= 0x0a02000b; a++) {	/* 10.2.0.0 - 10.2.0.11 */
		p.src = a;
		CU_ASSERT_TRUE(router_acl_permits(sh->router, "EDGE", &p));
	}
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "EDGE", 10), 10);	/* .1 to .10 */
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "EDGE", 30), 2);	/* .0 and .11 */
	/* AAA to MGMT: denied (192.168.1.1 and MGMT's own hosts). */
	p.proto = 17, p.dport = 53, p.src = 0xc0a80101, p.dst = 0x0a01ffff;
	CU_ASSERT_FALSE(router_acl_permits(sh->router, "EDGE", &p));
	p.src = 0x0a000005, p.dst = 0x0a020003;
	CU_ASSERT_FALSE(router_acl_permits(sh->router, "EDGE", &p));
	p.dst = 0x0a020000;	/* 10.2.0.0 is not in MGMT */
	CU_ASSERT_TRUE(router_acl_permits(sh->router, "EDGE", &p));
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "EDGE", 20), 2);
	/* 10.2.0.11 into MGMT: entry 10 takes it now, its count kept. */
	got = run_script(sh, "enable\nconf t\nobject-group network MGMT\nhost 10.2.0.11\nend\n");
	free(got);
	p.proto = 6, p.dport = 22, p.src = 0x0a02000b, p.dst = 0x01010101;
	CU_ASSERT_TRUE(router_acl_permits(sh->router, "EDGE", &p));
	CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "EDGE", 10), 11);
	/* In use: not removed; the print reads back to the same lists. */
	got = run_script(sh, "enable\nconf t\nno object-group network MGMT\nend\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "% Object group MGMT is in use"));
	free(got);
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "object-group network MGMT\n"));
	CU_ASSERT_TRUE(strstr(t1, "object-group network MGMT\n") < strstr(t1, "object-group network AAA\n"));
	in = fmemopen(t1, strlen(t1), "r");
	CU_ASSERT_EQUAL(shell_load_stream(b, in, "print", stderr), 0);
	fclose(in);
	t2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	p.src = 0x0a02000b;
	CU_ASSERT_TRUE(router_acl_permits(b->router, "EDGE", &p));
	CU_ASSERT_EQUAL(router_acl_matches(b->router, false, "EDGE", 10), 1);
	/* Service groups: the protocols and ports of each item (tcp-udp both),
	 * nested ones too; the entry's addresses as given. */
	got = run_script(sh, "enable\nconf t\nobject-group service WEB\ntcp eq www\ntcp-udp eq domain\nicmp echo\n"
			 "exit\nobject-group service ALL2\ngroup-object WEB\nudp source eq 123\nexit\n"
			 "ip access-list extended SVC\npermit object-group WEB any host 10.0.0.80\n"
			 "permit object-group ALL2 any any\ndeny ip any any\nend\n");
	CU_ASSERT_PTR_NULL(strstr(got, "%"));
	free(got);
	{
		static const struct {
			int proto;
			uint16_t sport, dport;
			uint8_t type;
			uint32_t dst;
			bool permit;
		} pk[] = {
			{ 6, 40000, 80, 0, 0x0a000050, true }, { 17, 40000, 53, 0, 0x0a000050, true },
			{ 1, 0, 0, 8, 0x0a000050, true }, { 6, 40000, 81, 0, 0x0a000050, false },
			{ 17, 123, 9, 0, 0x01010101, true }, { 6, 40000, 80, 0, 0x01010101, true },
		};

		for (size_t k = 0; k < sizeof(pk) / sizeof(pk[0]); k++) {
			struct acl_pkt q = { .src = 0x0a000001, .dst = pk[k].dst, .proto = pk[k].proto,
					     .sport = pk[k].sport, .dport = pk[k].dport, .icmp_type = pk[k].type,
					     .l4 = true, .tcp_flags = 0x02 };

			CU_ASSERT_EQUAL(router_acl_permits(sh->router, "SVC", &q), pk[k].permit);
		}
		CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "SVC", 10), 3);
		CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "SVC", 20), 2);
		CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "SVC", 30), 1);
	}
	/* Groups nested 9 deep: an entry naming the outermost is refused, one
	 * naming the next one in is taken. */
	{
		char script[2048] = "enable\nconf t\nobject-group network N0\nhost 10.9.9.9\nexit\n";

		for (int k = 1; k <= 9; k++)
			snprintf(script + strlen(script), sizeof(script) - strlen(script),
				 "object-group network N%d\ngroup-object N%d\nexit\n", k, k - 1);
		strcat(script, "ip access-list extended DEEP\npermit ip object-group N9 any\n"
		       "permit ip object-group N8 any\nend\nshow access-lists DEEP\n");
		got = run_script(sh, script);
		CU_ASSERT_PTR_NOT_NULL(strstr(got, "% Object groups make list DEEP more than 65536 rules, or nest too deep"));
		CU_ASSERT_PTR_NULL(strstr(got, "permit ip object-group N9 any\n    "));
		CU_ASSERT_PTR_NOT_NULL(strstr(got, "10 permit ip object-group N8 any"));
		free(got);
		p.proto = 17, p.src = 0x0a090909, p.dst = 1;
		CU_ASSERT_TRUE(router_acl_permits(sh->router, "DEEP", &p));
		CU_ASSERT_EQUAL(router_acl_matches(sh->router, false, "DEEP", 10), 1);
	}
	free(t1);
	free(t2);
	/* IPv6 network groups ('object-group v6-network'): hosts, prefixes
	 * (kept without the bits past the length), nested groups, in an IPv6
	 * entry's source and destination; a group of the other family is
	 * refused by each; the print reads back. */
	got = run_script(sh, "enable\nconf t\nobject-group v6-network SRV6\nhost 2001:db8::10\n2001:db8:1::5/48\n"
			 "exit\nobject-group v6-network ALL6\ngroup-object SRV6\n2001:db8:ff::/56\nexit\n"
			 "object-group v6-network OUT6\nhost 2001:db8::99\nexit\n"
			 "ipv6 access-list V6\npermit tcp any object-group SRV6 eq 22\n"
			 "permit ipv6 object-group ALL6 object-group OUT6\ndeny ipv6 any any\nend\n");
	CU_ASSERT_PTR_NULL(strstr(got, "%"));
	free(got);
	{
		static const struct {
			const char *src, *dst;
			int proto;
			uint16_t dport;
			bool permit;
		} pk[] = {
			{ "2001:db8:9::1", "2001:db8::10", 6, 22, true },	/* 10: SRV6's host */
			{ "2001:db8:9::1", "2001:db8:1:ffff::1", 6, 22, true },	/* 10: SRV6's /48 */
			{ "2001:db8:9::1", "2001:db8:2::1", 6, 22, false },
			{ "2001:db8:9::1", "2001:db8::10", 6, 23, false },
			{ "2001:db8:1::7", "2001:db8::99", 17, 53, true },	/* 20: through ALL6 to SRV6 */
			{ "2001:db8:ff:aa::1", "2001:db8::99", 17, 53, true },	/* 20: ALL6's /56 */
			{ "2001:db8:ff:100::1", "2001:db8::99", 17, 53, false },
		};

		for (size_t k = 0; k < sizeof(pk) / sizeof(pk[0]); k++) {
			struct acl_pkt q = { .v6 = true, .proto = pk[k].proto, .sport = 40000, .dport = pk[k].dport,
					     .l4 = true, .tcp_flags = 0x02 };

			CU_ASSERT_EQUAL_FATAL(inet_pton(AF_INET6, pk[k].src, q.src6), 1);
			CU_ASSERT_EQUAL_FATAL(inet_pton(AF_INET6, pk[k].dst, q.dst6), 1);
			CU_ASSERT_EQUAL(router_acl_permits(sh->router, "V6", &q), pk[k].permit);
		}
		CU_ASSERT_EQUAL(router_acl_matches(sh->router, true, "V6", 10), 2);
		CU_ASSERT_EQUAL(router_acl_matches(sh->router, true, "V6", 20), 2);
		CU_ASSERT_EQUAL(router_acl_matches(sh->router, true, "V6", 30), 3);
	}
	got = run_script(sh, "enable\nconf t\nip access-list extended X4\npermit ip object-group SRV6 any\nexit\n"
			 "ipv6 access-list Y6\npermit ipv6 object-group MGMT any\nexit\n"
			 "object-group network SRV6\nend\nshow object-group name SRV6\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "% Network object group SRV6 does not exist"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "% IPv6 network object group MGMT does not exist"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "% SRV6 is a v6-network object group"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "V6 Network object group SRV6\n host 2001:DB8::10\n 2001:DB8:1::/48\n"));
	free(got);
	got = run_script(sh, "show object-group name SRV6 | json\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "\n{\"object_groups\":[{\"name\":\"SRV6\",\"type\":\"v6-network\","
					"\"items\":[\"host 2001:DB8::10\",\"2001:DB8:1::/48\"]}]}\n"));
	free(got);
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "object-group v6-network ALL6\n group-object SRV6\n 2001:DB8:FF::/56\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, " permit ipv6 object-group ALL6 object-group OUT6\n"));
	{
		struct shell *c6 = t_rshell_new();

		in = fmemopen(t1, strlen(t1), "r");
		CU_ASSERT_EQUAL(shell_load_stream(c6, in, "print", stderr), 0);
		fclose(in);
		t2 = shell_config_text(c6);
		CU_ASSERT_STRING_EQUAL(t1, t2);
		free(t2);
		t_rshell_free(c6);
	}
	free(t1);
	t_rshell_free(sh);
	t_rshell_free(b);
}

static int count_entries(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d)))
		if (e->d_name[0] != '.' || strncmp(e->d_name, ".lispr-config.", 14) == 0)
			n += strcmp(e->d_name, ".") && strcmp(e->d_name, "..");
	if (d)
		closedir(d);
	return n;
}

static char *write_memory(struct shell *sh)
{
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, t_out_stream, out);

	shell_exec(s, "enable");
	shell_exec(s, "write memory");
	shell_sess_free(s);
	fclose(out);
	return got;
}

static void test_save(void)
{
	char dir[] = "/tmp/lispr-save-XXXXXX", path[128], *got, *file, *text;
	struct shell *sh = shell_new();
	struct rlimit old, small;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/startup.conf", dir);
	sh->config_path = strdup(path);
	snprintf(sh->conf.hostname, sizeof(sh->conf.hostname), "first");
	got = write_memory(sh);
	CU_ASSERT_STRING_EQUAL(got, "Building configuration...\n[OK]\n");
	free(got);
	file = t_slurp(path);
	text = shell_config_text(sh);
	CU_ASSERT_STRING_EQUAL(file, text);
	CU_ASSERT_PTR_NOT_NULL(strstr(file, "hostname first\n"));
	CU_ASSERT_EQUAL(count_entries(dir), 1);
	free(file);
	free(text);

	/* A save that cannot write keeps the old file and leaves no temp. */
	snprintf(sh->conf.hostname, sizeof(sh->conf.hostname), "second");
	signal(SIGXFSZ, SIG_IGN);
	getrlimit(RLIMIT_FSIZE, &old);
	small = old;
	small.rlim_cur = 8;
	setrlimit(RLIMIT_FSIZE, &small);
	got = write_memory(sh);
	setrlimit(RLIMIT_FSIZE, &old);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Building configuration...\n% Error saving "));
	CU_ASSERT_PTR_NULL(strstr(got, "[OK]"));
	free(got);
	file = t_slurp(path);
	CU_ASSERT_PTR_NOT_NULL(strstr(file, "hostname first\n"));
	free(file);
	CU_ASSERT_EQUAL(count_entries(dir), 1);

	if (geteuid() != 0) {
		/* Root ignores directory permissions; others get EACCES. */
		chmod(dir, 0555);
		got = write_memory(sh);
		chmod(dir, 0755);
		CU_ASSERT_PTR_NOT_NULL(strstr(got, "% Error saving "));
		free(got);
		file = t_slurp(path);
		CU_ASSERT_PTR_NOT_NULL(strstr(file, "hostname first\n"));
		free(file);
	}
	unlink(path);
	rmdir(dir);
	shell_free(sh);
}

static void test_secret(void)
{
	char h[SHELL_KEY_MAX], h2[SHELL_KEY_MAX];

	CU_ASSERT_EQUAL(secret_hash("s3cr3t#x", h, sizeof(h)), 0);
	CU_ASSERT_EQUAL(secret_hash("s3cr3t#x", h2, sizeof(h2)), 0);
	CU_ASSERT_STRING_NOT_EQUAL(h, h2);	/* salted */
	CU_ASSERT(secret_check(h, "s3cr3t#x"));
	CU_ASSERT_FALSE(secret_check(h, "s3cr3t"));
	CU_ASSERT_FALSE(secret_check("$8$short$x", "x"));
	CU_ASSERT_EQUAL(strncmp(h, "$8$", 3), 0);
	/* 'algorithm-type md5 | sha256 | scrypt secret': hashed with that
	 * type; the password checks against what the running-config keeps. */
	{
		struct shell *sh = t_rshell_new();
		char *got = run_script(sh, "enable\nconf t\nenable algorithm-type scrypt secret Secret123\n"
				       "username admin privilege 15 algorithm-type sha256 secret Secret123\n"
				       "username old algorithm-type md5 secret Secret123\n"
				       "username x algorithm-type foo secret a\nend\n");

		CU_ASSERT_EQUAL(count_of(got, "% Invalid input"), 1);
		free(got);
		CU_ASSERT_EQUAL(strncmp(sh->conf.enable_secret, "$9$", 3), 0);
		CU_ASSERT(secret_check(sh->conf.enable_secret, "Secret123"));
		CU_ASSERT_EQUAL_FATAL(sh->conf.nusers, 2);
		CU_ASSERT_STRING_EQUAL(sh->conf.users[0].name, "admin");
		CU_ASSERT_EQUAL(sh->conf.users[0].priv, 15);
		CU_ASSERT_EQUAL(strncmp(sh->conf.users[0].secret, "$8$", 3), 0);
		CU_ASSERT(secret_check(sh->conf.users[0].secret, "Secret123"));
		CU_ASSERT_EQUAL(strncmp(sh->conf.users[1].secret, "$1$", 3), 0);
		CU_ASSERT(secret_check(sh->conf.users[1].secret, "Secret123"));
		t_rshell_free(sh);
	}
}

static void test_log(void)
{
	struct shell *sh = shell_new();
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, t_out_stream, out);
	int key;

	log_init(16, false);
	shell_exec(s, "terminal monitor");
	log_msg(LOG_NOTICE, "hello %d", 42);
	for (int i = 0; i < 20; i++)
		log_ratelimited(&key, LOG_WARNING, "flood %d", i);
	/* A batch session's monitored lines wait for its own thread (the
	 * sink runs under the log lock; its output may block): not yet
	 * written, then written after the next command. */
	fflush(out);
	CU_ASSERT_PTR_NULL(strstr(got, "hello 42"));
	shell_exec(s, "terminal no monitor");
	fflush(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": hello 42\n"));
	log_msg(LOG_NOTICE, "not monitored");
	shell_exec(s, "enable");
	shell_exec(s, "show logging | include hello|flood|monitored");
	shell_sess_free(s);
	fclose(out);
	/* Monitor got the line; the ring keeps it and the later one; the
	 * flood is cut at 5 per second. */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": hello 42\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": flood 4\n"));
	CU_ASSERT_PTR_NULL(strstr(got, ": flood 5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": not monitored\n"));
	/* Once from the monitor, once from the ring. */
	CU_ASSERT_PTR_NOT_NULL(strstr(strstr(got, ": hello 42\n") + 1, ": hello 42\n"));
	free(got);
	shell_free(sh);
	log_shutdown();
}

/* 'send log': the operator's line in the log at the severity given (7
 * by default), in IOS's words; a lone number is the message. */
static void test_send_log(void)
{
	struct shell *sh = shell_new();
	char *got = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&got, &len);
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, t_out_stream, out);

	log_init(16, false);
	shell_exec(s, "enable");
	shell_exec(s, "terminal monitor");
	shell_exec(s, "send log 4 mark  one");
	shell_exec(s, "send log mark two");
	shell_exec(s, "send log 5");
	shell_exec(s, "send log");
	shell_exec(s, "terminal no monitor");
	shell_sess_free(s);
	fclose(out);
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": %SYS-4-USERLOG_WARNING: Message from tty0(user id: ): mark one\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": %SYS-7-USERLOG_DEBUG: Message from tty0(user id: ): mark two\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ": %SYS-7-USERLOG_DEBUG: Message from tty0(user id: ): 5\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "% Incomplete command."));
	free(got);
	shell_free(sh);
	log_shutdown();
}

/* The queue a 'logging synchronous' terminal holds lines in: at most its
 * limit (and never more than SHELL_SYNC_LIMIT_MAX), the rest counted
 * and reported in IOS's words; what a line's settings make it hold. */
static void test_logq(void)
{
	struct shell_logq q;
	struct vty_line_conf l;
	unsigned limit;
	char *t;

	shell_logq_init(&q);
	CU_ASSERT_PTR_NULL(shell_logq_text(&q, "\n"));
	CU_ASSERT_TRUE(shell_logq_put(&q, "one", 2));
	CU_ASSERT_TRUE(shell_logq_put(&q, "two", 2));
	CU_ASSERT_FALSE(shell_logq_put(&q, "three", 2));
	CU_ASSERT_FALSE(shell_logq_put(&q, "four", 2));
	t = shell_logq_text(&q, "\r\n");
	CU_ASSERT_STRING_EQUAL(t, "\r\none\r\ntwo\r\n%SYS-3-MSGLOST: 2 messages lost due to overflow");
	free(t);
	CU_ASSERT_PTR_NULL(shell_logq_text(&q, "\n"));	/* taken */
	CU_ASSERT_FALSE(shell_logq_put(&q, "none", 0));
	t = shell_logq_text(&q, "\n");
	CU_ASSERT_STRING_EQUAL(t, "\n%SYS-3-MSGLOST: 1 messages lost due to overflow");
	free(t);
	for (unsigned i = 0; i < SHELL_SYNC_LIMIT_MAX + 3; i++)
		shell_logq_put(&q, "x", 2147483647u);
	t = shell_logq_text(&q, "\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "%SYS-3-MSGLOST: 3 messages lost"));
	CU_ASSERT_EQUAL(strlen(t), 2u * SHELL_SYNC_LIMIT_MAX + strlen("\n%SYS-3-MSGLOST: 3 messages lost due to overflow"));
	free(t);
	shell_logq_destroy(&q);

	memset(&l, 0, sizeof(l));
	CU_ASSERT_EQUAL(shell_line_sync(&l, &limit), SHELL_SYNC_OFF);
	l.sync = true;
	CU_ASSERT_EQUAL(shell_line_sync(&l, &limit), 2);
	CU_ASSERT_EQUAL(limit, 20);
	l.sync_level = 9;
	l.sync_limit = 41;
	CU_ASSERT_EQUAL(shell_line_sync(&l, &limit), SHELL_SYNC_ALL);
	CU_ASSERT_EQUAL(limit, 40);
	l.sync_level = 1;
	CU_ASSERT_EQUAL(shell_line_sync(&l, &limit), 0);
	CU_ASSERT_FALSE(shell_sync_holds(0, 0));	/* level 0: emergencies at once */
	CU_ASSERT_TRUE(shell_sync_holds(0, 1));
	CU_ASSERT_TRUE(shell_sync_holds(SHELL_SYNC_ALL, 0));
	CU_ASSERT_FALSE(shell_sync_holds(SHELL_SYNC_OFF, 7));
}

static bool has_word(char **w, int n, const char *x)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(w[i], x))
			return true;
	return false;
}

/* TAB completion answers from the same matcher as execution. */
static void test_complete(void)
{
	struct shell *sh = shell_new();
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, NULL, NULL);
	char **w;
	int n;

	w = shell_complete(s, "conf", &n);
	CU_ASSERT_EQUAL(n, 0);			/* privileged: not offered yet */
	shell_free_words(w, n);
	shell_exec(s, "enable");
	w = shell_complete(s, "conf", &n);
	CU_ASSERT(n == 1 && !strcmp(w[0], "configure"));
	shell_free_words(w, n);
	w = shell_complete(s, "sh ru", &n);
	CU_ASSERT(n == 1 && !strcmp(w[0], "running-config"));
	shell_free_words(w, n);
	w = shell_complete(s, "sh r", &n);	/* as on IOS: reload too */
	CU_ASSERT(n == 2 && has_word(w, n, "running-config") && has_word(w, n, "reload"));
	shell_free_words(w, n);
	w = shell_complete(s, "c", &n);
	CU_ASSERT(n == 3 && has_word(w, n, "clear") && has_word(w, n, "configure") && has_word(w, n, "copy"));
	shell_free_words(w, n);
	w = shell_complete(s, "debug lisp ", &n);
	CU_ASSERT(n == 2 && has_word(w, n, "control-plane") && has_word(w, n, "forwarding"));
	shell_free_words(w, n);
	w = shell_complete(s, "terminal length 2", &n);
	CU_ASSERT_EQUAL(n, 0);			/* an argument, no keywords */
	shell_free_words(w, n);
	/* An alias first ('s', IOS's for show; one configured): TAB reads
	 * the line as it would run. */
	w = shell_complete(s, "s ru", &n);
	CU_ASSERT(n == 1 && !strcmp(w[0], "running-config"));
	shell_free_words(w, n);
	shell_exec(s, "configure terminal");
	shell_exec(s, "alias exec dl debug lisp");
	shell_exec(s, "end");
	w = shell_complete(s, "dl ", &n);
	CU_ASSERT(n == 2 && has_word(w, n, "control-plane") && has_word(w, n, "forwarding"));
	shell_free_words(w, n);
	w = shell_complete(s, "dl", &n);	/* still the first word: no alias yet */
	CU_ASSERT_EQUAL(n, 0);
	shell_free_words(w, n);
	shell_exec(s, "configure terminal");
	shell_exec(s, "line vty 0 4");
	/* The submode's words and its parents'. */
	w = shell_complete(s, "h", &n);
	CU_ASSERT(n == 2 && has_word(w, n, "history") && has_word(w, n, "hostname"));
	shell_free_words(w, n);
	w = shell_complete(s, "ex", &n);
	CU_ASSERT(n == 3 && has_word(w, n, "exec") && has_word(w, n, "exec-timeout") && has_word(w, n, "exit"));
	shell_free_words(w, n);
	/* A node standing for a typed value ('10 permit ...') is no word. */
	shell_exec(s, "ip access-list standard T");
	w = shell_complete(s, "", &n);
	CU_ASSERT(has_word(w, n, "permit") && has_word(w, n, "deny") && !has_word(w, n, "<1-2147483647>"));
	shell_free_words(w, n);
	shell_sess_free(s);
	shell_free(sh);
}

struct counted_lock {
	pthread_mutex_t m;
	int held, taken;
};

static void cl_lock(void *arg)
{
	struct counted_lock *l = arg;

	pthread_mutex_lock(&l->m);
	l->held++;
	l->taken++;
}

static void cl_unlock(void *arg)
{
	struct counted_lock *l = arg;

	l->held--;
	pthread_mutex_unlock(&l->m);
}

static int held_during;

static void note_held(void *arg, const char *line)
{
	held_during = ((struct counted_lock *)arg)->held;
}

/* Commands run under the router lock the event loop hands over; their
 * output is written once it is let go (a pipe or terminal that is not
 * read must not hold the router). */
static void test_lock_hook(void)
{
	struct counted_lock l = { .m = PTHREAD_MUTEX_INITIALIZER };
	struct shell *sh = shell_new();
	struct shell_sess *s;

	shell_set_lock(sh, cl_lock, cl_unlock, &l);
	s = shell_sess_new(sh, SHELL_BATCH, note_held, &l);
	l.taken = 0;
	CU_ASSERT_EQUAL(shell_exec(s, "show users"), CLI_OK);
	CU_ASSERT_EQUAL(l.taken, 1);
	held_during = -1;
	CU_ASSERT_EQUAL(shell_exec(s, "show users"), CLI_OK);
	CU_ASSERT_EQUAL(l.taken, 2);
	CU_ASSERT_EQUAL(held_during, 0);
	CU_ASSERT_EQUAL(l.held, 0);
	shell_exec(s, "bogus");			/* rejected before any lock */
	CU_ASSERT_EQUAL(l.taken, 2);
	/* An alias is looked up without the router lock: its command takes
	 * it once, a line that is no alias and no command not at all. */
	shell_exec(s, "enable");
	shell_exec(s, "configure terminal");
	CU_ASSERT_EQUAL(shell_exec(s, "alias exec su show users"), CLI_OK);
	shell_exec(s, "end");
	l.taken = 0;
	CU_ASSERT_EQUAL(shell_exec(s, "su"), CLI_OK);
	CU_ASSERT_EQUAL(l.taken, 1);
	shell_exec(s, "sux");
	CU_ASSERT_EQUAL(l.taken, 1);
	shell_sess_free(s);
	shell_free(sh);
}

static struct port *mem_factory(void *arg, const char *name, char *err, size_t errlen)
{
	static const uint8_t mac[6] = { 0x02, 0x4c, 0, 0, 0, 1 };

	return port_mem_open(name, mac);
}

/* 'show interfaces' receive errors: runts counted by the router, frames
 * the port refused as giants, all in 'input errors', and a clear starts
 * them from zero again although the port's own count keeps growing. */
static void test_rx_errors(void)
{
	static const uint8_t runt[5] = { 1, 2, 3, 4, 5 };
	struct shell *sh = t_rshell_new_with(mem_factory, NULL);
	struct router *r = sh->router;
	struct iface *ifp;
	struct port *p;
	char *out;

	free(run_script(sh, "enable\nconf t\ninterface e0\nno shutdown\nend\n"));
	ifp = iface_find(r, "e0");
	CU_ASSERT_PTR_NOT_NULL_FATAL(ifp);
	p = iface_port(ifp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(port_mem_push(p, runt, sizeof(runt), 0), 0);
	router_poll(r);
	p->rx_errors += 2;	/* what the live port counts for cut super-frames */
	out = run_script(sh, "show interfaces e0\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n     Received 0 broadcasts, 1 input drops\n"
				      "     1 runts, 2 giants, 0 throttles\n"
				      "     3 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n"));
	free(out);
	p->rx_errors += 4;
	free(run_script(sh, "enable\nclear counters e0\n"));
	p->rx_errors++;
	out = run_script(sh, "show interfaces e0\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\n     0 runts, 1 giants, 0 throttles\n"
				      "     1 input errors, 0 CRC, 0 frame, 0 overrun, 0 ignored\n"));
	free(out);
	t_rshell_free(sh);
}

/* 'mac-address H.H.H' under an interface: shown beside the burnt-in
 * MAC, printed in the running-config, refused where it cannot apply,
 * taken back with 'no' and with 'default interface'. */
static void test_mac_address(void)
{
	struct shell *sh = t_rshell_new_with(mem_factory, NULL);
	char *out;

	out = run_script(sh, "enable\nconf t\ninterface e0\nmac-address 200.5E00.101\nend\n"
			 "show interfaces e0 | include address is\nshow running-config | section interface e0\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "address is 0200.5e00.0101 (bia 024c.0000.0001)"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\ninterface e0\n mac-address 0200.5e00.0101\n"));
	CU_ASSERT_PTR_NULL(strstr(out, "% "));
	free(out);
	out = run_script(sh, "enable\nconf t\ninterface e0\nmac-address 02:00:5e:00:01:01\n"
			 "mac-address 0200.5e00.0101.0001\nmac-address 0200.5e0000.01\n"
			 "mac-address 0100.5e00.0001\nmac-address 0000.0000.0000\n"
			 "mac-address\nmac-address 0200.5e00.0102 extra\n"
			 "interface Loopback0\nmac-address 0200.5e00.0102\nend\n"
			 "show interfaces e0 | include address is\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Invalid MAC address 02:00:5e:00:01:01: H.H.H"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Invalid MAC address 0200.5e00.0101.0001"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Invalid MAC address 0200.5e0000.01"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% A multicast MAC address cannot be an interface's address"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% 0000.0000.0000 cannot be an interface's address"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Incomplete command."));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Invalid input detected"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Interface Loopback0 has no MAC address to set"));
	/* None of them changed it. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "address is 0200.5e00.0101 (bia 024c.0000.0001)"));
	free(out);
	out = run_script(sh, "enable\nconf t\ninterface e0\nno mac-address\nend\n"
			 "show interfaces e0 | include address is\nshow running-config | include mac-address\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "address is 024c.0000.0001 (bia 024c.0000.0001)"));
	CU_ASSERT_PTR_NULL(strstr(out, " mac-address "));
	free(out);
	out = run_script(sh, "enable\nconf t\ninterface e0\nmac-address 0200.5e00.0101\nexit\n"
			 "default interface e0\nend\nshow interfaces e0 | include address is\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "address is 024c.0000.0001 (bia 024c.0000.0001)"));
	free(out);
	t_rshell_free(sh);
}

/*
 * Interface descriptions of many interfaces (kept by name in a hash):
 * each one printed under its own interface after interfaces are deleted
 * ('no interface'), descriptions removed ('no description'), an interface
 * made again (without its old description) and set to default.
 */
static void test_descriptions(void)
{
	struct shell *sh = t_rshell_new_with(mem_factory, NULL);
	char *script, *out, want[96];
	size_t len = 0, cap = 1 << 16;
	unsigned i;
	FILE *f;

	script = malloc(cap);
	CU_ASSERT_PTR_NOT_NULL_FATAL(script);
	f = fmemopen(script, cap, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fprintf(f, "enable\nconf t\ninterface e0\ndescription uplink\n");
	for (i = 0; i < 300; i++)
		fprintf(f, "interface Loopback%u\ndescription loop %u here\n", i, i);
	for (i = 0; i < 300; i += 3)
		fprintf(f, "no interface Loopback%u\n", i);
	for (i = 0; i < 300; i += 5)
		fprintf(f, "interface Loopback%u\nno description\n", i);
	fprintf(f, "interface Loopback0\nexit\ndefault interface e0\nend\nshow running-config\n");
	len = (size_t)ftell(f);
	fclose(f);
	CU_ASSERT_FATAL(len < cap - 1);
	script[len] = '\0';
	out = run_script(sh, script);
	CU_ASSERT_PTR_NULL(strstr(out, "% "));
	CU_ASSERT_PTR_NULL(strstr(out, "description uplink\n!"));
	for (i = 0; i < 300; i++) {
		bool kept = i % 3 && i % 5;

		snprintf(want, sizeof(want), "\ninterface Loopback%u\n description loop %u here\n", i, i);
		if ((strstr(out, want) != NULL) != kept)
			CU_FAIL("a description kept or lost");
		snprintf(want, sizeof(want), "\ninterface Loopback%u\n", i);
		CU_ASSERT_EQUAL(strstr(out, want) != NULL, i % 3 != 0 || i % 5 == 0);
	}
	free(out);
	free(script);
	t_rshell_free(sh);
}

/* The host table at its bound: SHELL_HOSTS_MAX names, one more refused;
 * names without case; the reverse lookup follows replacements and
 * removals and names the first configured of two holders of an address. */
static void test_hosts_table(void)
{
	struct shell *sh = t_rshell_new();
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, NULL, NULL);
	struct addr a, b;
	char line[96];
	const char *n;
	unsigned bad = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	shell_exec(s, "enable");
	shell_exec(s, "configure terminal");
	for (unsigned i = 0; i < SHELL_HOSTS_MAX; i++) {
		snprintf(line, sizeof(line), "ip host h%u 10.%u.%u.1 2001:db8::%x", i, i / 256, i % 256, i + 1);
		bad += shell_exec(s, line) != CLI_OK;
	}
	CU_ASSERT_EQUAL(bad, 0);
	CU_ASSERT_EQUAL(shell_exec(s, "ip host one-more 192.0.2.1"), CLI_ERROR);
	CU_ASSERT_EQUAL(shell_host_addr(sh, NULL, "one-more", 0, &a), -1);
	/* A name already there is replaced, not refused. */
	CU_ASSERT_EQUAL(shell_exec(s, "ip host h1 10.200.0.1"), CLI_OK);
	CU_ASSERT_EQUAL(shell_host_addr(sh, NULL, "H9999", 4, &a), 0);
	addr_parse("10.39.15.1", &b, NULL, 0);
	CU_ASSERT_EQUAL(addr_cmp(&a, &b), 0);
	CU_ASSERT_EQUAL(shell_host_addr(sh, NULL, "h9999", 6, &a), 0);
	addr_parse("2001:db8::2710", &b, NULL, 0);
	CU_ASSERT_EQUAL(addr_cmp(&a, &b), 0);
	n = shell_host_name(sh, NULL, &b);
	CU_ASSERT(n && !strcmp(n, "h9999"));
	/* h1's old address has no name; its new one has. */
	addr_parse("10.0.1.1", &b, NULL, 0);
	CU_ASSERT_PTR_NULL(shell_host_name(sh, NULL, &b));
	addr_parse("10.200.0.1", &b, NULL, 0);
	n = shell_host_name(sh, NULL, &b);
	CU_ASSERT(n && !strcmp(n, "h1"));
	/* Two names hold 10.0.0.1: the first configured answers, then the
	 * other once the first is gone. */
	CU_ASSERT_EQUAL(shell_exec(s, "no ip host h2"), CLI_OK);
	CU_ASSERT_EQUAL(shell_exec(s, "ip host late 10.0.0.1"), CLI_ERROR);	/* h2 keeps its IPv6 */
	CU_ASSERT_EQUAL(shell_exec(s, "no ipv6 host h2 2001:db8::3"), CLI_OK);
	CU_ASSERT_EQUAL(shell_exec(s, "ip host late 10.0.0.1"), CLI_OK);
	addr_parse("10.0.0.1", &b, NULL, 0);
	n = shell_host_name(sh, NULL, &b);
	CU_ASSERT(n && !strcmp(n, "h0"));
	CU_ASSERT_EQUAL(shell_exec(s, "no ip host h0"), CLI_OK);
	n = shell_host_name(sh, NULL, &b);
	CU_ASSERT(n && !strcmp(n, "late"));
	/* h0's IPv6 address stays until its IPv6 list goes too. */
	CU_ASSERT_EQUAL(shell_host_addr(sh, NULL, "h0", 0, &a), 0);
	CU_ASSERT(addr_is_v6(&a));
	CU_ASSERT_EQUAL(shell_exec(s, "no ipv6 host h0"), CLI_OK);
	CU_ASSERT_EQUAL(shell_host_addr(sh, NULL, "h0", 0, &a), -1);
	CU_ASSERT_EQUAL(shell_exec(s, "no ip host h0"), CLI_ERROR);
	/* A VRF's table: its own names and reverse lookups; the VRF must
	 * exist; the bound counts both. */
	CU_ASSERT_EQUAL(shell_exec(s, "vrf definition RED"), CLI_OK);
	CU_ASSERT_EQUAL(shell_exec(s, "exit"), CLI_OK);
	CU_ASSERT_EQUAL(shell_exec(s, "ip host vrf BLUE web 10.9.9.9"), CLI_ERROR);
	CU_ASSERT_EQUAL(shell_exec(s, "ip host vrf RED web 10.9.9.9"), CLI_OK);
	CU_ASSERT_EQUAL(shell_exec(s, "ip host web 10.8.8.8"), CLI_ERROR);	/* full */
	CU_ASSERT_EQUAL(shell_host_addr(sh, NULL, "web", 0, &a), -1);
	CU_ASSERT_EQUAL(shell_host_addr(sh, "RED", "WEB", 0, &a), 0);
	addr_parse("10.9.9.9", &b, NULL, 0);
	CU_ASSERT_EQUAL(addr_cmp(&a, &b), 0);
	CU_ASSERT_PTR_NULL(shell_host_name(sh, NULL, &b));
	n = shell_host_name(sh, "RED", &b);
	CU_ASSERT(n && !strcmp(n, "web"));
	addr_parse("10.39.15.1", &b, NULL, 0);
	CU_ASSERT_PTR_NULL(shell_host_name(sh, "RED", &b));
	CU_ASSERT_EQUAL(shell_exec(s, "no ip host web"), CLI_ERROR);
	CU_ASSERT_EQUAL(shell_exec(s, "no ip host vrf RED web 10.9.9.8"), CLI_OK);	/* not its address */
	CU_ASSERT_EQUAL(shell_host_addr(sh, "RED", "web", 0, &a), 0);
	/* The VRF goes: its names go too (a saved configuration would
	 * name a VRF it no longer defines). */
	CU_ASSERT_EQUAL(shell_exec(s, "no vrf definition RED"), CLI_OK);
	CU_ASSERT_EQUAL(shell_host_addr(sh, "RED", "web", 0, &a), -1);
	CU_ASSERT_EQUAL(shell_exec(s, "ip host web 10.8.8.8"), CLI_OK);
	CU_ASSERT_EQUAL(shell_host_addr(sh, NULL, "web", 0, &a), 0);
	shell_sess_free(s);
	t_rshell_free(sh);
}

/* 'show tech-support': every part under its heading, in order, none of
 * them an error; the keys, passwords and hashes of its running-config
 * replaced (the type kept), and only there: the next 'show
 * running-config' prints them again. */
static void test_show_tech(void)
{
	static const char *const heads[] = {
		"show version", "show running-config", "show interfaces", "show ip route",
		"show ipv6 route", "show hosts", "show access-lists", "show ip lisp map-cache", "show ip lisp statistics",
		"show lisp site", "show processes cpu", "show logging",
	};
	static const char *const secrets[] = {
		"0955", "1054", "130E45", "121254", "01100F175804", "$8$",
	};
	struct shell *sh = t_rshell_new();
	char *out, *tech, *run, want[96];
	const char *at = NULL, *p;
	unsigned n = 0;

	out = run_script(sh, "enable\nconf t\nhostname tech1\nenable secret 0 topsecret\n"
			 "username bob secret 0 x\nusername al password 0 y\n"
			 "service password-encryption\nusername cy password 0 z\n"
			 "line vty 0 4\n password cisco\nrouter lisp\n site S\n  authentication-key 0 k1\n"
			 " exit\n service ipv4\n  etr map-server 10.0.0.1 key 0 k2 hash-function sha2\n"
			 "end\nshow tech-support\nshow running-config\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	tech = strstr(out, "tech1#show tech-support\n");
	run = strstr(out, "tech1#show running-config\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(tech);
	CU_ASSERT_PTR_NOT_NULL_FATAL(run);
	CU_ASSERT_PTR_NULL(strstr(out, "\n% "));	/* an error line */
	*run = '\0';
	at = tech;
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		snprintf(want, sizeof(want), "\n------------------ %s ------------------\n\n", heads[i]);
		p = strstr(at, want);
		CU_ASSERT_PTR_NOT_NULL(p);
		if (p)
			at = p;
	}
	for (p = tech; (p = strstr(p, "\n------------------ show ")); p++)
		n++;
	CU_ASSERT_EQUAL(n, 33);
	CU_ASSERT_PTR_NOT_NULL(strstr(tech, "\nhostname tech1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tech, "\nenable secret 8 <removed>\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tech, "\nusername bob secret 8 <removed>\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tech, "\nusername cy password 7 <removed>\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tech, "etr map-server 10.0.0.1 key 7 <removed> hash-function sha2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tech, " authentication-key 7 <removed>\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(tech, "\n password 7 <removed>\n"));
	for (size_t i = 0; i < sizeof(secrets) / sizeof(secrets[0]); i++) {
		CU_ASSERT_PTR_NULL(strstr(tech, secrets[i]));
		CU_ASSERT_PTR_NOT_NULL(strstr(run + 1, secrets[i]));
	}
	free(out);
	t_rshell_free(sh);
}

/* 'terminal exec prompt timestamp': IOS's load and time lines and a blank
 * one before a show command's output, not before other commands' nor
 * before JSON; off again with the no form. */
static void test_exec_timestamp(void)
{
	struct shell *sh = t_rshell_new();
	char *out = run_script(sh, "terminal exec prompt timestamp\nshow privilege\nterminal length 0\n"
			       "show clock | json\nterminal no exec prompt timestamp\nshow privilege\n");
	const char *p, *nl;

	CU_ASSERT_PTR_NOT_NULL_FATAL(out);
	p = strstr(out, "lispr>show privilege\nLoad for five secs: ");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	p = strchr(strstr(p, "Load for"), '\n') + 1;	/* past the load line */
	nl = strchr(p, '\n');
	CU_ASSERT(nl && (!strncmp(p, "No time source, *", 17) || !strncmp(p, "Time source is NTP, ", 20)));
	CU_ASSERT(nl && !strncmp(nl, "\n\nCurrent privilege level is 1\n", strlen("\n\nCurrent privilege level is 1\n")));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "lispr>terminal length 0\nlispr>show clock | json\n{\"time\":"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "timestamp\nlispr>show privilege\nCurrent privilege level is 1\n"));
	CU_ASSERT_EQUAL(strstr(out, "Load for") ? 1 : 0, 1);
	CU_ASSERT_PTR_NULL(strstr(strstr(out, "Load for") + 1, "Load for"));
	free(out);
	t_rshell_free(sh);
}

/* 'copy startup-config running-config' merges the file into what runs
 * (the rest of the configuration stays), reports the file's bad lines,
 * refuses to run from inside a file being replayed, and says when there
 * is no file. */
static void test_copy_start_run(void)
{
	static const char file[] =
		"hostname fromfile\n"
		"interface Loopback5\n"
		" ip address 5.5.5.5 255.255.255.255\n"
		" bogus line\n"
		"do copy startup-config running-config\n"
		"ip route 10.9.0.0 255.255.0.0 Null0\n"
		"end\n"
		"hostname after-end\n";
	char dir[] = "/tmp/lispr-csr-XXXXXX", path[128], want[192], *out;
	struct shell *sh = t_rshell_new();
	FILE *f;

	CU_ASSERT_PTR_NOT_NULL_FATAL(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/startup.conf", dir);
	sh->config_path = strdup(path);
	out = run_script(sh, "enable\ncopy startup-config running-config\n");
	snprintf(want, sizeof(want), "%%Error opening %s (No such file or directory)\n", path);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
	free(out);
	f = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(file, f);
	fclose(f);
	out = run_script(sh, "enable\nconf t\nhostname before\nip route 10.8.0.0 255.255.0.0 Null0\nend\n"
			     "copy startup-config running-config\nshow running-config\n");
	snprintf(want, sizeof(want), "%s:4: %% Invalid input detected at '^' marker.\n    bogus line\n", path);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
	snprintf(want, sizeof(want), "%s:5: %% Not while a configuration file is being replayed\n", path);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
	snprintf(want, sizeof(want), "\n%zu bytes copied in ", sizeof(file) - 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, want));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nfromfile#show running-config\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\ninterface Loopback5\n ip address 5.5.5.5 255.255.255.255\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nip route 10.8.0.0 255.255.0.0 Null0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "\nip route 10.9.0.0 255.255.0.0 Null0\n"));
	CU_ASSERT_PTR_NULL(strstr(out, "after-end"));
	free(out);
	/* 'configure memory' is the same. */
	out = run_script(sh, "enable\nconf t\nhostname again\nend\nconfigure memory\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "bytes copied in "));
	CU_ASSERT_STRING_EQUAL(sh->conf.hostname, "fromfile");
	free(out);
	unlink(path);
	rmdir(dir);
	t_rshell_free(sh);
}

/* 'reload in': a console session (the kind that can reload) answering
 * [confirm] from a list; the program's restart is a counter. */
static int reloads;
static const char *const *answers;

static void count_reload(void *arg)
{
	(void)arg;
	reloads++;
}

static int answer_next(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	(void)s;
	(void)prompt;
	if (!*answers)
		return -1;
	snprintf(buf, len, "%s", *answers++);
	return 0;
}

static char *console_run_lines(struct shell *sh, const char *const *lines, const char *const *ans)
{
	char *tr = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&tr, &len);
	struct shell_sess *s = shell_sess_new(sh, SHELL_CONSOLE, t_out_stream, out);

	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	s->gettext = answer_next;
	answers = ans;
	shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
	for (; *lines; lines++)
		shell_exec(s, *lines);
	shell_sess_free(s);
	fclose(out);
	return tr;
}


static void test_reload_in(void)
{
	static const char *const yes[] = { "", NULL }, *const no[] = { "n", NULL }, *const none[] = { NULL };
	static const char *const sched[] = { "reload in 2 change window", "show reload", NULL };
	static const char *const show[] = { "show reload", NULL };
	static const char *const cancel[] = { "reload cancel", "reload cancel", "show reload", NULL };
	static const char *const bad[] = { "reload in 0", "reload in 61:99", "reload in 1000000", "reload in", NULL };
	struct shell *sh = t_rshell_new();
	struct evloop *l = router_loop(sh->router);
	char *out;

	/* Where lispr cannot start again (offline: no restart hook). */
	out = console_run_lines(sh, sched, yes);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Reload is not possible here"));
	free(out);
	sh->reload_fn = count_reload;
	reloads = 0;
	out = console_run_lines(sh, sched, yes);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "Reload scheduled in 2 minutes by console\nReload reason: change window\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "(in 2 minutes) by console\nReload reason: change window\n"));
	free(out);
	ev_clock_set(l, ev_now(l) + 119 * NS_PER_SEC);
	CU_ASSERT_EQUAL(reloads, 0);
	out = console_run_lines(sh, show, none);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "(in 1 second) by console"));
	free(out);
	ev_clock_set(l, ev_now(l) + NS_PER_SEC);
	CU_ASSERT_EQUAL(reloads, 1);
	out = console_run_lines(sh, show, none);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "No reload is scheduled."));
	free(out);
	/* Cancelled: never due; a second cancel finds nothing. */
	out = console_run_lines(sh, sched, yes);
	free(out);
	out = console_run_lines(sh, cancel, none);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "*** --- SHUTDOWN ABORTED ---\n***\n%No reload is scheduled.\nNo reload is scheduled.\n"));
	free(out);
	ev_clock_set(l, ev_now(l) + 3600 * NS_PER_SEC);
	CU_ASSERT_EQUAL(reloads, 1);
	/* Not confirmed: nothing scheduled. */
	out = console_run_lines(sh, sched, no);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "No reload is scheduled."));
	free(out);
	/* hhh:mm, and delays IOS refuses. */
	out = console_run_lines(sh, (const char *const[]){ "reload in 1:05", NULL }, yes);
	free(out);
	ev_clock_set(l, ev_now(l) + 64 * 60 * NS_PER_SEC);
	CU_ASSERT_EQUAL(reloads, 1);
	ev_clock_set(l, ev_now(l) + 60 * NS_PER_SEC);
	CU_ASSERT_EQUAL(reloads, 2);
	out = console_run_lines(sh, bad, none);
	CU_ASSERT_EQUAL(count_of(out, "% Invalid input detected at '^' marker."), 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Incomplete command."));
	CU_ASSERT_PTR_NULL(strstr(out, "Reload scheduled"));
	free(out);
	t_rshell_free(sh);
}

static CU_TestInfo tests[] = {
	{ "golden transcripts", test_golden },
	{ "modes and submode exits", test_modes },
	{ "startup-config with errors", test_replay_errors },
	{ "round trip of every sample", test_roundtrip },
	{ "canonical print", test_print_canonical },
	{ "reloaded print, same router", test_reload_state },
	{ "router debug lines", test_router_debug },
	{ "other print forms read back", test_print_other_forms },
	{ "object groups in access lists", test_object_groups },
	{ "time ranges in access lists", test_time_ranges },
	{ "security passwords min-length", test_password_min_length },
	{ "archive log config: the configuration change log", test_config_log },
	{ "atomic save", test_save },
	{ "copy startup-config running-config", test_copy_start_run },
	{ "reload in, reload cancel, show reload", test_reload_in },
	{ "enable secret hashing", test_secret },
	{ "TAB completion", test_complete },
	{ "router lock hook", test_lock_hook },
	{ "show interfaces receive errors", test_rx_errors },
	{ "interface mac-address", test_mac_address },
	{ "descriptions of 300 interfaces", test_descriptions },
	{ "host table", test_hosts_table },
	{ "show tech-support", test_show_tech },
	{ "exec prompt timestamp", test_exec_timestamp },
	{ "log ring, monitor, rate limit", test_log },
	{ "send log", test_send_log },
	{ "logging synchronous queue", test_logq },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "shell", NULL, t_pcapdir_clean, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
