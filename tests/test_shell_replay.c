/*
 * DOC: tests of the startup-config replay (cli/replay.c) and of the
 * startup-config semantics of interfaces
 *
 * Corpus: each tests/replay/NAME.conf is a configuration as IOS or IOS-XE
 * writes it (or as people paste it), full of features lispr does not have.
 * Loading it must report exactly tests/replay/NAME.err and print exactly
 * tests/replay/NAME.run; the print loads back without an error and prints
 * the same.  LISPR_GOLDEN_UPDATE=1 rewrites the .err and .run files.
 * Then the rules one at a time: blocks skipped and reported once, 'exit'
 * never leaving configuration mode, banners, coalesced reports, and
 * interfaces that come up from a startup-config unless it says 'shutdown'.
 *
 * The shells drive a real router on the manual clock with pcap file ports
 * in a temporary directory: no root, no network.
 */
#include "config.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "fib.h"
#include "iface.h"
#include "lisp.h"
#include "port.h"
#include "router.h"
#include "shell.h"
#include "test_shell_util.h"
#include "vrf.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

/* Load text as file 'name'; the error report in *errs (malloc'ed). */
static int load_text(struct shell *sh, const char *text, const char *name, char **errs)
{
	size_t len = 0;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	FILE *out = open_memstream(errs, &len);
	int bad;

	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	bad = shell_load_stream(sh, in, name, out);
	fclose(in);
	fclose(out);
	return bad;
}

static void test_corpus(void)
{
	const char *dir = SRCDIR "/tests/replay";
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d))) {
		char path[600], base[512], *text, *errs, *t1, *t2, *errs2;
		struct shell *a, *b;

		if (!t_has_suffix(e->d_name, ".conf"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(base, sizeof(base), "%.*s", (int)(strlen(path) - 5), path);
		text = t_slurp(path);
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		a = t_rshell_new();
		/* Reported under the file's own name, as lispr -f does. */
		load_text(a, text, e->d_name, &errs);
		snprintf(path, sizeof(path), "%s.err", base);
		t_golden(path, errs);
		t1 = shell_config_text(a);
		snprintf(path, sizeof(path), "%s.run", base);
		t_golden(path, t1);

		b = t_rshell_new();
		CU_ASSERT_EQUAL(load_text(b, t1, "print", &errs2), 0);
		CU_ASSERT_STRING_EQUAL(errs2, "");
		t2 = shell_config_text(b);
		if (strcmp(t1, t2))
			t_report_diff(e->d_name, t1, t2);
		CU_ASSERT_STRING_EQUAL(t1, t2);
		free(text);
		free(errs);
		free(errs2);
		free(t1);
		free(t2);
		t_rshell_free(a);
		t_rshell_free(b);
		files++;
	}
	closedir(d);
	CU_ASSERT(files >= 3);
}

static bool is_up(struct shell *sh, const char *name)
{
	struct iface *ifp = iface_find(sh->router, name);

	CU_ASSERT_PTR_NOT_NULL(ifp);
	return ifp && !iface_is_shutdown(ifp);
}

static int site_names(const struct lisp_site_info *si, void *arg)
{
	strcat(arg, si->name);
	strcat(arg, "=");
	strcat(arg, si->description);
	strcat(arg, ";");
	return 0;
}

/* What the IOS-XE Map-Server file does once loaded, beside its report. */
static void test_xe_state(void)
{
	struct shell *sh = t_rshell_new();
	char *text = t_slurp(SRCDIR "/tests/replay/xe-mapserver.conf"), *errs, sites[256] = "";
	struct fib_entry *fe;
	int bad;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	bad = load_text(sh, text, "xe", &errs);
	/* One report per line of a feature lispr does not have, each with
	 * its reason: platform, subscriber, multilink, crypto (each block),
	 * license, diagnostic, memory, redundancy, isis and bgp (their
	 * blocks), ip http, control-plane (the banner loads; version, the
	 * boot markers, 'no aaa new-model', 'no mop enabled', 'ip
	 * forward-protocol nd', 'negotiation auto' and 'stopbits 1' say what
	 * lispr does and load: cli/cmd_compat.c). */
	/* The VRF loads (vrf definition with its address families). */
	CU_ASSERT_PTR_NULL(strstr(errs, "vrf definition"));
	CU_ASSERT_EQUAL(vrf_lookup(sh->router, "Mgmt-intf"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:30: % lispr serves telnet only: no SSH, no crypto keys "
					    "(4 lines of this block skipped)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:36: % lispr serves telnet only: no SSH, no crypto keys "
					    "(4 lines of this block skipped)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:72: % lispr runs no routing protocol: static routes and LISP only "
					    "(4 lines of this block skipped)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:105: % lispr has no HTTP server\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:107: % lispr has no HTTP server\n"));
	CU_ASSERT_PTR_NULL(strstr(errs, "version"));
	CU_ASSERT_PTR_NULL(strstr(errs, "marker\n"));
	CU_ASSERT_PTR_NULL(strstr(errs, "aaa"));
	CU_ASSERT_PTR_NULL(strstr(errs, "mop"));
	CU_ASSERT_PTR_NULL(strstr(errs, "forward-protocol"));
	CU_ASSERT_PTR_NULL(strstr(errs, "redistribute"));
	CU_ASSERT_PTR_NULL(strstr(errs, "Authorized"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:5: % a Cisco chassis setting: lispr's one platform setting is "
					    "'platform packet-io'\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:42: % lispr needs no license\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "xe:111: % lispr has no control-plane policing"));
	CU_ASSERT_PTR_NULL(strstr(errs, "Invalid input"));
	CU_ASSERT_PTR_NULL(strstr(errs, "negotiation"));
	CU_ASSERT_PTR_NULL(strstr(errs, "stopbits"));
	CU_ASSERT_EQUAL(bad, 17);
	/* Everything lispr knows was applied. */
	CU_ASSERT_STRING_EQUAL(sh->conf.hostname, "ms-mr1");
	CU_ASSERT(is_up(sh, "Loopback0"));
	CU_ASSERT(is_up(sh, "Ethernet0"));
	CU_ASSERT(is_up(sh, "Ethernet1"));
	CU_ASSERT_FALSE(is_up(sh, "Ethernet2"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sh->lisp);
	lisp_site_foreach(sh->lisp, site_names, sites);
	CU_ASSERT_STRING_EQUAL(sites, "siteA=xTR1 site;siteB=xTR2 site;");
	CU_ASSERT_EQUAL(lisp_roles(sh->lisp), LISP_ROLE_MS | LISP_ROLE_MR);
	fe = fib_lookup(sh->router, htonl(0x08080808));
	CU_ASSERT(fe && fe->prefix.len == 0);
	CU_ASSERT(sh->conf.con.timeout_min == 0 && sh->conf.con.timeout_sec == 0);
	CU_ASSERT(sh->conf.vty[0].login && !strcmp(sh->conf.vty[4].password, "lab"));
	free(errs);
	free(text);
	t_rshell_free(sh);
}

/* The failure: a rejected mode line, then 'exit', left
 * configuration mode and every later line was refused. */
static void test_exit_stays(void)
{
	static const char cfg[] =
		"router isis\n"
		" net 49.0001.0000.0000.0001.00\n"
		" exit\n"
		"exit\n"			/* 4: one too many */
		"hostname after-exit\n"
		"router bgp 1\n"		/* 6: flat, no block */
		"exit\n"
		"exit-address-family\n"		/* 8: unknown, at the top */
		"interface Loopback0\n"
		" exit-foo\n"			/* 10: unknown in a known block */
		" description kept\n"
		" exit\n"
		" exit\n"			/* 13: the file is in config mode */
		"interface Loopback1\n"
		"end\n"
		"hostname never\n";
	struct shell *sh = t_rshell_new();
	char *errs, *run;
	int bad = load_text(sh, cfg, "x", &errs);

	CU_ASSERT_EQUAL(bad, 4);
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "x:1: % lispr runs no routing protocol: static routes and LISP only "
					    "(2 lines of this block skipped)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "x:6: % lispr runs no routing protocol: static routes and LISP only\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "x:8: % Invalid input"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "x:10: % Invalid input"));
	CU_ASSERT_PTR_NULL(strstr(errs, "x:4:"));
	CU_ASSERT_PTR_NULL(strstr(errs, "x:13:"));
	CU_ASSERT_STRING_EQUAL(sh->conf.hostname, "after-exit");
	CU_ASSERT_PTR_NOT_NULL(iface_find(sh->router, "Loopback1"));
	run = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(run, "interface Loopback0\n description kept\n"));
	free(run);
	free(errs);
	t_rshell_free(sh);
}

/* Blocks skipped at any depth; the next line lands where it is indented. */
static void test_depth(void)
{
	static const char cfg[] =
		"router lisp\n"
		" site S\n"
		"  bogus-mode 1\n"		/* 3 */
		"   deeper 1\n"
		"    deepest\n"
		"   exit\n"
		"  description in S\n"		/* lands in the site */
		" another-mode\n"		/* 8 */
		"  x\n"
		" ipv4 map-server\n"		/* lands in router lisp */
		"hostname top\n";
	struct shell *sh = t_rshell_new();
	char *errs, sites[128] = "";
	int bad = load_text(sh, cfg, "d", &errs);

	CU_ASSERT_EQUAL(bad, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "d:3: % Invalid input detected at '^' marker. "
					    "(3 lines of this block skipped)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "d:8: % Invalid input detected at '^' marker. "
					    "(1 line of this block skipped)\n"));
	CU_ASSERT_PTR_NOT_NULL_FATAL(sh->lisp);
	lisp_site_foreach(sh->lisp, site_names, sites);
	CU_ASSERT_STRING_EQUAL(sites, "S=in S;");
	CU_ASSERT_EQUAL(lisp_roles(sh->lisp), LISP_ROLE_MS);
	CU_ASSERT_STRING_EQUAL(sh->conf.hostname, "top");
	free(errs);
	t_rshell_free(sh);
}

/*
 * Banners load with their text up to the delimiter, whatever its lines
 * hold ('end' included; a line ending in '\r\n' is the same line), print
 * between "^C"s as IOS does and load back the same.  A refused banner
 * (an unknown kind, a "^C" in its text, one too long) is reported once
 * and its text skipped to its delimiter, never run as commands.
 */
static void test_banner(void)
{
	static const char cfg[] =
		"banner motd #\r\n"
		"end\r\n"
		"  text | with a bar\r\n"
		"#\r\n"
		"banner login ^C one line ^C\r\n"
		"banner exec ^C\r\n"
		"two\r\n"
		"^C\r\n"
		"banner prompt-timeout %\r\n"
		"hostname x\r\n"
		"%\r\n"
		"banner slip-ppp $a^Cb$\r\n"
		"banner motd @\r\n"
		"a^C\r\n"
		"hostname y\r\n"
		"@\r\n"
		"hostname b\r\n";
	static const char printed[] =
		"banner motd ^C\nend\n  text | with a bar\n^C\n"
		"banner login ^C one line ^C\n"
		"banner exec ^C\ntwo\n^C\n";
	struct shell *sh = t_rshell_new(), *b;
	char *errs, *t1, *t2, *big, *p;
	int bad = load_text(sh, cfg, "b", &errs);

	CU_ASSERT_EQUAL(bad, 3);
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "b:9: % Invalid input detected at '^' marker. "
					    "(2 lines of this block skipped)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "b:12: % Invalid input detected at '^' marker.\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "b:13: % A banner's text cannot hold \"^C\"\n"));
	CU_ASSERT_STRING_EQUAL(sh->conf.hostname, "b");
	CU_ASSERT_STRING_EQUAL(sh->conf.banner[SHELL_BANNER_MOTD], "\nend\n  text | with a bar\n");
	CU_ASSERT_STRING_EQUAL(sh->conf.banner[SHELL_BANNER_LOGIN], " one line ");
	CU_ASSERT_STRING_EQUAL(sh->conf.banner[SHELL_BANNER_EXEC], "\ntwo\n");
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, printed));
	b = t_rshell_new();
	free(errs);
	CU_ASSERT_EQUAL(load_text(b, t1, "print", &errs), 0);
	t2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	free(errs);
	free(t1);
	free(t2);
	t_rshell_free(b);

	/* Too long: refused whole, the old text kept, its lines not run. */
	big = malloc(2 * SHELL_BANNER_MAX + 64);
	CU_ASSERT_PTR_NOT_NULL_FATAL(big);
	p = big + sprintf(big, "banner exec #\n");
	for (int i = 0; i < SHELL_BANNER_MAX / 20; i++)
		p += sprintf(p, "%039d\n", i);
	sprintf(p, "#\nhostname c\n");
	CU_ASSERT_EQUAL(load_text(sh, big, "big", &errs), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(errs, "big:1: % Banner too long"));
	CU_ASSERT_STRING_EQUAL(sh->conf.banner[SHELL_BANNER_EXEC], "\ntwo\n");
	CU_ASSERT_STRING_EQUAL(sh->conf.hostname, "c");
	free(errs);
	free(big);
	t_rshell_free(sh);
}

/*
 * Startup-config semantics: a stanza without 'shutdown' brings its
 * interface up, 'shutdown' keeps it down, a port nobody configured (here:
 * one created at the prompt) stays down; the print says 'shutdown' for a
 * down interface only, and loading it gives the same state.
 */
static void test_startup_up(void)
{
	static const char cfg[] =
		"interface Loopback0\n"
		" ip address 1.1.1.1 255.255.255.255\n"
		"interface Loopback1\n"
		" shutdown\n"
		"interface eth0\n"
		" ip address 10.0.0.1 255.255.255.0\n"
		"interface eth1\n"
		" shutdown\n"
		"interface eth2\n"
		"interface eth3\n"
		" no shutdown\n"
		"interface eth2\n"		/* a second stanza keeps the state */
		" description again\n"
		"interface eth1\n"
		" description still down\n";
	struct shell *sh = t_rshell_new(), *b = t_rshell_new();
	struct shell_sess *s;
	char *errs, *run, *run2;

	CU_ASSERT_EQUAL(load_text(sh, cfg, "s", &errs), 0);
	free(errs);
	CU_ASSERT(is_up(sh, "Loopback0"));
	CU_ASSERT_FALSE(is_up(sh, "Loopback1"));
	CU_ASSERT(is_up(sh, "eth0"));
	CU_ASSERT_FALSE(is_up(sh, "eth1"));
	CU_ASSERT(is_up(sh, "eth2"));
	CU_ASSERT(is_up(sh, "eth3"));
	/* At the prompt a new port starts down, as on a router with no
	 * configuration for it. */
	s = shell_sess_new(sh, SHELL_BATCH, NULL, NULL);
	shell_exec(s, "enable");
	shell_exec(s, "configure terminal");
	CU_ASSERT_EQUAL(shell_exec(s, "interface eth4"), CLI_OK);
	shell_sess_free(s);
	CU_ASSERT_FALSE(is_up(sh, "eth4"));
	/* Every file loaded is a startup-config of its own. */
	CU_ASSERT_EQUAL(load_text(sh, "interface eth0\n shutdown\n", "t", &errs), 0);
	free(errs);
	CU_ASSERT_FALSE(is_up(sh, "eth0"));
	CU_ASSERT_EQUAL(load_text(sh, "interface eth0\n description x\n", "t", &errs), 0);
	free(errs);
	CU_ASSERT(is_up(sh, "eth0"));

	run = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(run, "interface Loopback0\n ip address 1.1.1.1 255.255.255.255\n!\n"
					   "interface Loopback1\n no ip address\n shutdown\n!\n"
					   "interface eth0\n description x\n ip address 10.0.0.1 255.255.255.0\n!\n"
					   "interface eth1\n description still down\n no ip address\n shutdown\n!\n"
					   "interface eth2\n description again\n no ip address\n!\n"
					   "interface eth3\n no ip address\n!\n"
					   "interface eth4\n no ip address\n shutdown\n!\n"));
	CU_ASSERT_PTR_NULL(strstr(run, "no shutdown"));
	CU_ASSERT_EQUAL(load_text(b, run, "print", &errs), 0);
	free(errs);
	run2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(run, run2);
	CU_ASSERT_FALSE(is_up(b, "eth4"));
	CU_ASSERT(is_up(b, "eth3"));
	free(run);
	free(run2);
	t_rshell_free(sh);
	t_rshell_free(b);
}

/* The tenants' file: each VRF's routes in its own table only. */
static void test_vrf_state(void)
{
	struct shell *sh = t_rshell_new();
	char *text = t_slurp(SRCDIR "/tests/replay/vrf.conf"), *errs;
	struct fib_entry *fe;
	int red, blue;

	CU_ASSERT_PTR_NOT_NULL_FATAL(text);
	load_text(sh, text, "vrf", &errs);
	red = vrf_lookup(sh->router, "RED");
	blue = vrf_lookup(sh->router, "BLUE");
	CU_ASSERT(red > 0 && blue > 0 && red != blue);
	fe = fib_lookup_vrf(sh->router, (unsigned)red, htonl(0x0a010101));
	CU_ASSERT(fe && fe->prefix.len == 8 && !strcmp(iface_name(fe->oif), "Ethernet1"));
	fe = fib_lookup_vrf(sh->router, (unsigned)blue, htonl(0x0a010101));
	CU_ASSERT(fe && fe->prefix.len == 8 && !strcmp(iface_name(fe->oif), "Ethernet2"));
	fe = fib_lookup(sh->router, htonl(0x0a010101));
	CU_ASSERT(fe && fe->prefix.len == 0 && !strcmp(iface_name(fe->oif), "Ethernet0"));
	fe = fib_lookup_vrf(sh->router, (unsigned)red, htonl(0xc0a80101));
	CU_ASSERT(fe && fe->type == FIB_LOCAL && !strcmp(iface_name(fe->oif), "Loopback101"));
	fe = fib_lookup_vrf(sh->router, (unsigned)blue, htonl(0xc0a80101));
	CU_ASSERT(fe && fe->type == FIB_LOCAL && !strcmp(iface_name(fe->oif), "Loopback102"));
	fe = fib_lookup(sh->router, htonl(0xc0a80101));	/* only the default route */
	CU_ASSERT(fe && fe->prefix.len == 0);
	CU_ASSERT_EQUAL(fib6_count_vrf(sh->router, (unsigned)red), 3);	/* ::/0, connected, local */
	free(text);
	free(errs);
	t_rshell_free(sh);
}

/* b loads a running-config: no line refused, the same config printed. */
static void reload_same(struct shell *b, const char *t1)
{
	char *errs, *t2;

	CU_ASSERT_EQUAL(load_text(b, t1, "print", &errs), 0);
	CU_ASSERT_STRING_EQUAL(errs, "");
	t2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	free(errs);
	free(t2);
}

/* A route added before an interface took its next hop as its own
 * address: the running-config has both; it must load back whole (the
 * route kept, not installed), while typing such a route is refused. */
static void test_own_next_hop(void)
{
	static const char typed[] =
		"configure terminal\n"
		"ip route 192.168.1.0 255.255.255.0 10.0.1.2\n"
		"ipv6 route 2001:db8:9::/48 2001:db8:1::2\n"
		"interface eth0\n"
		" ip address 10.0.1.2 255.255.255.0\n"
		" ipv6 address 2001:db8:1::2/64\n"
		" no shutdown\n"
		"end\n";
	struct shell *a = t_rshell_new(), *b = t_rshell_new();
	char *t1, *out;

	free(t_shell_run(a, typed, T_SH_ENABLE));
	t1 = shell_config_text(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t1);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\nip route 192.168.1.0 255.255.255.0 10.0.1.2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\nipv6 route 2001:DB8:9::/48 2001:DB8:1::2\n"));
	reload_same(b, t1);
	/* Kept, not installed: no route to 192.168.1.0/24. */
	CU_ASSERT_PTR_NULL(fib_lookup(b->router, inet_addr("192.168.1.1")));
	/* Typed, it is refused as IOS refuses it. */
	out = t_shell_run(b, "configure terminal\nip route 192.168.2.0 255.255.255.0 10.0.1.2\n"
			  "ipv6 route 2001:db8:8::/48 2001:db8:1::2\nend\n", T_SH_ENABLE);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "%Invalid next hop address (it's this router)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(strstr(out, "it's this router") + 1, "it's this router"));
	free(out);
	free(t1);
	t_rshell_free(a);
	t_rshell_free(b);
}

/* 'no interface LoopbackN' keeps the locators (classic and IOS-XE forms)
 * and the static routes that name it, so the running-config has them:
 * it must load back, and they may name a loopback that is not there
 * yet. */
static void test_gone_loopback(void)
{
	static const char typed[] =
		"configure terminal\n"
		"interface Loopback0\n"
		" ip address 2.2.2.2 255.255.255.255\n"
		"interface eth0\n"
		" ip address 10.0.1.1 255.255.255.0\n"
		" ip lisp source-locator Loopback0\n"
		" exit\n"
		"ip lisp database-mapping 192.168.1.0/24 Loopback0 priority 1 weight 100\n"
		"router lisp\n"
		" locator-set RLOCS\n"
		"  IPv4-interface Loopback0 priority 1 weight 100\n"
		"  exit-locator-set\n"
		" exit\n"
		"ip route 5.0.0.0 255.0.0.0 Loopback0\n"
		"ipv6 route 2001:db8:5::/48 Loopback0\n"
		"no interface Loopback0\n"
		"ip route 6.0.0.0 255.0.0.0 loopback4\n"
		"ip lisp database-mapping 192.168.2.0/24 Loopback3 priority 1 weight 100\n"
		"ip lisp database-mapping 192.168.3.0/24 eth7 priority 1 weight 100\n"
		"end\n";
	struct shell *a = t_rshell_new(), *b = t_rshell_new();
	char *t1, *out;

	out = t_shell_run(a, typed, T_SH_ENABLE);
	/* Only the port that does not exist is refused. */
	CU_ASSERT_PTR_NOT_NULL_FATAL(strstr(out, "% Invalid input detected at '^' marker."));
	CU_ASSERT_PTR_NULL(strstr(strstr(out, "% Invalid input") + 1, "% Invalid input"));
	CU_ASSERT_PTR_NULL(strstr(out, "does not exist"));
	free(out);
	t1 = shell_config_text(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t1);
	CU_ASSERT_PTR_NULL(strstr(t1, "\ninterface Loopback0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\nip lisp database-mapping 192.168.1.0/24 Loopback0 priority 1 weight 100\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\nip lisp database-mapping 192.168.2.0/24 Loopback3 priority 1 weight 100\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\n  IPv4-interface Loopback0 priority 1 weight 100\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\nip route 5.0.0.0 255.0.0.0 Loopback0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\nip route 6.0.0.0 255.0.0.0 Loopback4\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "\nipv6 route 2001:DB8:5::/48 Loopback0\n"));
	/* Kept, not installed, until the loopback is there again. */
	CU_ASSERT_PTR_NULL(fib_lookup(a->router, inet_addr("6.0.0.1")));
	reload_same(b, t1);
	free(t_shell_run(b, "configure terminal\ninterface Loopback4\n"
			    " ip address 4.4.4.4 255.255.255.255\nend\n", T_SH_ENABLE));
	CU_ASSERT_PTR_NOT_NULL(fib_lookup(b->router, inet_addr("6.0.0.1")));
	free(t1);
	t_rshell_free(a);
	t_rshell_free(b);
}

/* Each family asks its map-resolvers in the order it wrote them: IPv6
 * wrote 10.0.4.1 before 10.0.3.1, IPv4 only 10.0.3.1.  Reloaded, the
 * IPv4 block comes first and adds 10.0.3.1 first; IPv6 must still ask
 * 10.0.4.1 first, and print it first (found by fuzz_shell with
 * FUZZ_ROUNDTRIP=1).  The same for the order map-servers and PETRs
 * print in. */
static void test_resolver_order(void)
{
	static const char typed[] =
		"configure terminal\n"
		"router lisp\n"
		" service ipv6\n"
		"  itr map-resolver 10.0.4.1\n"
		"  itr map-resolver 10.0.3.1\n"
		"  etr map-server 10.0.9.1 key k1\n"
		"  etr map-server 10.0.9.2 key k2\n"
		"  use-petr 10.0.8.1\n"
		"  use-petr 10.0.8.2\n"
		"  exit-service-ipv6\n"
		" service ipv4\n"
		"  itr map-resolver 10.0.3.1\n"
		"  itr map-resolver 10.0.5.1\n"
		"  etr map-server 10.0.9.2 key k2\n"
		"  use-petr 10.0.8.2\n"
		"  exit-service-ipv4\n"
		"end\n";
	struct shell *a = t_rshell_new(), *b = t_rshell_new();
	struct addr mr;
	char *t1, *s4, *s6;

	free(t_shell_run(a, typed, T_SH_ENABLE));
	t1 = shell_config_text(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t1);
	s4 = strstr(t1, " service ipv4\n");
	s6 = strstr(t1, " service ipv6\n");
	CU_ASSERT_PTR_NOT_NULL_FATAL(s4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s6);
	CU_ASSERT_PTR_NOT_NULL(strstr(s6, "  itr map-resolver 10.0.4.1\n  itr map-resolver 10.0.3.1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s4, "  itr map-resolver 10.0.3.1\n  itr map-resolver 10.0.5.1\n"));
	/* the map-servers and PETRs print in each family's order too */
	CU_ASSERT_PTR_NOT_NULL(strstr(s6, "  etr map-server 10.0.9.1 key k1\n  etr map-server 10.0.9.2 key k2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(s6, "  use-petr 10.0.8.1\n  use-petr 10.0.8.2\n"));
	reload_same(b, t1);
	CU_ASSERT_TRUE(lisp_map_resolver_first(b->lisp, AFI_IPV6, &mr));
	CU_ASSERT_EQUAL(mr.u.v4, inet_addr("10.0.4.1"));
	CU_ASSERT_TRUE(lisp_map_resolver_first(b->lisp, AFI_IPV4, &mr));
	CU_ASSERT_EQUAL(mr.u.v4, inet_addr("10.0.3.1"));
	free(t1);
	t_rshell_free(a);
	t_rshell_free(b);
}

static CU_TestInfo tests[] = {
	{ "corpus: report and print", test_corpus },
	{ "IOS-XE Map-Server file: state", test_xe_state },
	{ "exit never leaves configuration mode", test_exit_stays },
	{ "blocks at any depth", test_depth },
	{ "banners", test_banner },
	{ "startup-config brings interfaces up", test_startup_up },
	{ "tenants in VRFs: routes per table", test_vrf_state },
	{ "a next hop that became the router's own address loads back", test_own_next_hop },
	{ "locators and routes naming a deleted loopback load back", test_gone_loopback },
	{ "each family's map-resolvers in its own order, reloaded", test_resolver_order },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "replay", NULL, t_pcapdir_clean, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
