/*
 * DOC: the LISP commands through the shell, against live engine state
 *
 * Both configuration forms load into the one model and print the same
 * classic running-config; every '| json' output parses as JSON (a small
 * validator here: objects, arrays, strings with escapes, numbers,
 * literals); and the show commands and lig run through the shell against
 * the in-process seed lab (tests/test_lisp_lab.h: four routers on manual
 * clocks), after a registration, an EID-to-EID ping and a ping out to
 * 4.2.2.2, compared with tests/golden/lisp_live.out (times are
 * deterministic; the registration nonce is masked).  An instance set up
 * through the shell on the same lab: lig instance-id, its negative reply,
 * the per-instance views and clears.  Seed 000 (proxy ETR)
 * is configured through the shell on the same lab and its show output,
 * show ip cef and show ip route included, compared with
 * tests/golden/lisp_seed000.out (RLOC-probe times masked: the probe timer
 * is jittered); tests/shell/seed000-*.conf print back as written.
 * LISPR_GOLDEN_UPDATE=1 rewrites the golden files.
 */
#include "config.h"

#include <ctype.h>
#include <pthread.h>
#include <time.h>
#include <unistd.h>

#include "test_lisp_lab.h"
#include "log.h"
#include "json_check.h"
#include "shell.h"
#include "test_shell_util.h"

#ifndef SRCDIR
#define SRCDIR "."
#endif

/* Runs lines through one enabled session; returns the transcript. */
static char *run(struct shell *sh, const char *lines)
{
	return t_shell_run(sh, lines, T_SH_ENABLE | T_SH_ECHO);
}

/* ---------------------------------------------------------------- JSON */

static void test_json_validator(void)
{
	CU_ASSERT_TRUE(json_valid("{\"a\":[1,2,{\"b\":null}],\"c\":\"x\\\"y\\u00e9\",\"d\":true}"));
	CU_ASSERT_TRUE(json_valid("[]"));
	CU_ASSERT_FALSE(json_valid("{\"a\":1,}"));
	CU_ASSERT_FALSE(json_valid("{\"a\" 1}"));
	CU_ASSERT_FALSE(json_valid("{\"a\":\"x\ty\"}"));
	CU_ASSERT_FALSE(json_valid("{\"a\":01}"));
	CU_ASSERT_FALSE(json_valid("{\"a\":1} x"));
	CU_ASSERT_FALSE(json_valid("[1,2"));
	CU_ASSERT_TRUE(json_valid("[\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"]"));
	CU_ASSERT_FALSE(json_valid("[\"caf\xe9\"]"));		/* Latin-1 */
	CU_ASSERT_FALSE(json_valid("[\"\xc0\xaf\"]"));		/* overlong */
	CU_ASSERT_FALSE(json_valid("[\"\xed\xa0\x80\"]"));	/* surrogate */
	CU_ASSERT_FALSE(json_valid("[\"\xf4\x90\x80\x80\"]"));	/* above U+10FFFF */
	CU_ASSERT_FALSE(json_valid("[\"\xe2\x82\"]"));		/* cut short */
}

/* The output line of a one-command transcript that starts with '{'. */
static char *json_line(char *tr, const char *cmd)
{
	char *hit = strstr(tr, cmd), *nl, *end;

	CU_ASSERT_PTR_NOT_NULL_FATAL(hit);
	nl = strchr(hit, '\n');
	CU_ASSERT_PTR_NOT_NULL_FATAL(nl);
	end = strchr(nl + 1, '\n');
	CU_ASSERT_PTR_NOT_NULL_FATAL(end);
	*end = '\0';
	return nl + 1;
}

static void check_json(struct shell *sh, const char *cmd, const char *must)
{
	char line[256], *tr, *js;

	snprintf(line, sizeof(line), "%s | json", cmd);
	tr = run(sh, line);
	js = json_line(tr, line);
	if (!json_valid(js))
		fprintf(stderr, "\n%s: not JSON: %s\n", cmd, js);
	CU_ASSERT_TRUE(json_valid(js));
	if (must && !strstr(js, must))
		fprintf(stderr, "\n%s: %s not in %s\n", cmd, must, js);
	CU_ASSERT_PTR_NOT_NULL(must ? strstr(js, must) : js);
	free(tr);
}

/* ---------------------------------------------------------------- forms */

/* A shell on a router with memory ports, path (if any) loaded. */
static struct shell *file_shell(const char *path)
{
	struct shell *sh = t_rshell_new_with(t_mem_factory, NULL);

	if (path)
		CU_ASSERT_EQUAL(shell_load(sh, path, stderr), 0);
	return sh;
}

/* The configuration text after the file's leading comment lines. */
static const char *body(const char *file)
{
	const char *p = file;

	while (*p == '!' && p[1] == ' ') {
		p = strchr(p, '\n');
		CU_ASSERT_PTR_NOT_NULL_FATAL(p);
		p++;
	}
	return p;
}

/* What a router shows of its LISP configuration (times are all zero:
 * the manual clock never moved). */
static char *lisp_state(struct shell *sh)
{
	return run(sh, "show ip lisp\nshow ip lisp database\nshow ip lisp map-cache\n"
		   "show lisp site detail\nshow ip lisp | json\nshow lisp site | json\n"
		   "show ip lisp database | json\nshow ip lisp map-cache | json");
}

/* A file that is its own running-config: it prints back as itself. */
static void check_canonical(struct shell *sh, const char *path)
{
	char *t = shell_config_text(sh), *file = t_slurp(path);

	CU_ASSERT_PTR_NOT_NULL_FATAL(file);
	if (strcmp(t + 2, body(file)))
		fprintf(stderr, "\n%s printed:\n%s\nfile:\n%s\n", path, t, body(file));
	CU_ASSERT_STRING_EQUAL(t + 2, body(file));
	free(t);
	free(file);
}

/*
 * One configuration in four forms (classic, IOS 15 router lisp, IOS 15.4
 * eid-table, IOS-XE): one router, and each prints in its own form.
 */
static void test_forms(void)
{
	static const char *const files[] = {
		SRCDIR "/tests/shell/lisp-classic.conf", SRCDIR "/tests/shell/lisp-router.conf",
		SRCDIR "/tests/shell/lisp-eidtable.conf", SRCDIR "/tests/shell/lisp-xe.conf",
	};
	struct shell *sh[4];
	char *state[4], *t;

	for (int i = 0; i < 4; i++) {
		sh[i] = file_shell(files[i]);
		state[i] = lisp_state(sh[i]);
	}
	check_canonical(sh[0], files[0]);
	check_canonical(sh[2], files[2]);
	check_canonical(sh[3], files[3]);
	/* The IOS 15 file is in another order: its print is the IOS 15 form. */
	t = shell_config_text(sh[1]);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\nrouter lisp\n database-mapping 192.168.1.0/24 10.0.1.2 "
				     "priority 1 weight 100\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\n ipv4 itr\n"));
	CU_ASSERT_PTR_NULL(strstr(t, "ip lisp itr"));
	free(t);
	for (int i = 1; i < 4; i++) {
		if (strcmp(state[0], state[i]))
			fprintf(stderr, "\n%s shows:\n%s\nthe classic form:\n%s\n", files[i], state[i], state[0]);
		CU_ASSERT_STRING_EQUAL(state[0], state[i]);
	}
	CU_ASSERT_EQUAL(lisp_roles(sh[3]->lisp), LISP_ROLE_ITR | LISP_ROLE_ETR | LISP_ROLE_MS | LISP_ROLE_MR);
	CU_ASSERT_EQUAL(lisp_db_count(sh[3]->lisp), 2);
	CU_ASSERT_EQUAL(lisp_map_cache_limit(sh[2]->lisp), 5000);
	CU_ASSERT_EQUAL(lisp_etr_map_cache_ttl(sh[3]->lisp), 60);
	for (int i = 0; i < 4; i++) {
		free(state[i]);
		t_rshell_free(sh[i]);
	}
}

/*
 * IPv6 EIDs' global settings in the three forms: 'ipv6 lisp ...', IOS
 * 15's 'ipv6 ...' lines, IOS-XE's 'service ipv6': each prints back as
 * written, the same router results, and the families stay apart ('no
 * ipv6 lisp itr' leaves the IPv4 ITR, the last family's 'no' ends the
 * role).  Until the engine takes IPv6 EID prefixes, one is refused with a
 * message, and a prefix of the other family is invalid input.
 */
static void test_v6_forms(void)
{
	static const char *const files[] = {
		SRCDIR "/tests/shell/lisp-v6-classic.conf", SRCDIR "/tests/shell/lisp-v6-router.conf",
		SRCDIR "/tests/shell/lisp-v6-xe.conf",
	};
	struct shell *sh[3];
	char *state[3], *t;

	for (int i = 0; i < 3; i++) {
		sh[i] = file_shell(files[i]);
		state[i] = lisp_state(sh[i]);
		check_canonical(sh[i], files[i]);
		CU_ASSERT_EQUAL(lisp_af_roles(sh[i]->lisp, LISP_AF_IPV4), LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_af_roles(sh[i]->lisp, LISP_AF_IPV6),
				LISP_ROLE_ITR | LISP_ROLE_ETR | LISP_ROLE_PETR);
		CU_ASSERT_EQUAL(lisp_map_cache_limit(sh[i]->lisp), 300);
		CU_ASSERT_EQUAL(lisp_etr_map_cache_ttl(sh[i]->lisp), 120);
		CU_ASSERT_EQUAL(lisp_use_petr_count(sh[i]->lisp), 1);
	}
	for (int i = 1; i < 3; i++) {
		if (strcmp(state[0], state[i]))
			fprintf(stderr, "\n%s shows:\n%s\nthe classic form:\n%s\n", files[i], state[i], state[0]);
		CU_ASSERT_STRING_EQUAL(state[0], state[i]);
	}
	/* The IPv6 views, each family's own settings, valid JSON. */
	check_json(sh[0], "show ipv6 lisp", "\"itr_map_resolvers\":[\"10.0.3.1\",\"10.0.4.1\"]");
	check_json(sh[0], "show ip lisp", "\"itr_map_resolvers\":[\"10.0.3.1\"]");
	check_json(sh[0], "show ipv6 lisp", "\"petr\":true");
	check_json(sh[0], "show ip lisp", "\"petr\":false");
	check_json(sh[0], "show ip lisp", "\"itr_use_petr\":[]");
	check_json(sh[0], "show lisp service ipv6", "\"map_cache_limit\":300");
	check_json(sh[0], "show lisp service ipv6 summary", "\"role\":\"ITR-ETR-PETR\"");
	check_json(sh[0], "show ipv6 lisp map-cache", "\"afi\":\"ipv6\"");
	check_json(sh[0], "show ipv6 lisp database", "\"afi\":\"ipv6\"");
	check_json(sh[0], "show lisp instance-id 0 ipv6 map-cache", "\"afi\":\"ipv6\"");
	check_json(sh[0], "show lisp instance-id 0 ipv6 statistics", "\"map_register_authentication_failure\":0");
	check_json(sh[0], "show ipv6 lisp statistics", "\"map_register_authentication_failure\":0");

	/* One family's 'no' leaves the other's. */
	free(run(sh[0], "configure terminal\nno ip lisp itr\nno ipv6 lisp itr map-resolver 10.0.3.1\n"
		     "no ipv6 lisp map-cache-limit\nno ip lisp etr map-server 10.0.3.1\nend"));
	CU_ASSERT_EQUAL(lisp_af_roles(sh[0]->lisp, LISP_AF_IPV4), LISP_ROLE_ETR);
	CU_ASSERT_TRUE(lisp_roles(sh[0]->lisp) & LISP_ROLE_ITR);
	CU_ASSERT_EQUAL(lisp_map_cache_limit(sh[0]->lisp), LISP_MAP_CACHE_LIMIT_DEFAULT);
	t = shell_config_text(sh[0]);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\nip lisp etr\nip lisp itr map-resolver 10.0.3.1\nipv6 lisp itr-etr\n"
				     "ipv6 lisp proxy-etr\nipv6 lisp itr map-resolver 10.0.4.1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\nipv6 lisp etr map-server 10.0.3.1 key lisp#seed-key\n"));
	CU_ASSERT_PTR_NULL(strstr(t, "ip lisp etr map-server"));
	CU_ASSERT_PTR_NULL(strstr(t, "map-cache-limit"));
	free(t);
	free(run(sh[0], "configure terminal\nno ipv6 lisp itr\nend"));
	CU_ASSERT_FALSE(lisp_roles(sh[0]->lisp) & LISP_ROLE_ITR);

	/* 'no service ipv6' takes IOS-XE's IPv6 settings, not the IPv4 ones. */
	free(run(sh[2], "configure terminal\nrouter lisp\nno service ipv6\nend"));
	CU_ASSERT_EQUAL(lisp_af_roles(sh[2]->lisp, LISP_AF_IPV4), LISP_ROLE_ITR | LISP_ROLE_ETR);
	CU_ASSERT_EQUAL(lisp_af_roles(sh[2]->lisp, LISP_AF_IPV6), 0);
	CU_ASSERT_EQUAL(lisp_use_petr_count(sh[2]->lisp), 0);
	t = shell_config_text(sh[2]);
	CU_ASSERT_PTR_NULL(strstr(t, "map-resolver 10.0.4.1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, " service ipv4\n  itr map-resolver 10.0.3.1\n  itr\n"));
	free(t);

	/* The families of EID prefixes. */
	t = run(sh[0], "configure terminal\nip lisp database-mapping 2001:db8:1::/48 10.0.1.2 priority 1 weight 100\n"
		"ipv6 lisp database-mapping 192.168.1.0/24 10.0.1.2 priority 1 weight 100\n"
		"ipv6 lisp map-cache 2001:db8:2::/48 2001:db8::2 priority 1 weight 100\nend");
	{
		const char *a = strstr(t, "ip lisp database-mapping 2001:db8:1::/48"), *b;

		CU_ASSERT_PTR_NOT_NULL_FATAL(a);
		CU_ASSERT_PTR_NOT_NULL_FATAL((b = strstr(a, "ipv6 lisp database-mapping 192.168.1.0/24")));
		CU_ASSERT_PTR_NOT_NULL(strstr(a, "% Invalid input detected at '^' marker."));
		CU_ASSERT_PTR_NOT_NULL(strstr(b, "% Invalid input detected at '^' marker."));
		CU_ASSERT_TRUE(strstr(a, "% Invalid input detected") < b);
	}
	{	/* the engine takes IPv6 EID prefixes: the map-cache line is accepted */
		struct lisp_mc_info e;
		struct addr x;

		CU_ASSERT_EQUAL_FATAL(addr_parse("2001:db8:2::1", &x, NULL, 0), 0);
		CU_ASSERT_PTR_NULL(strstr(t, "weight 100\n% "));
		CU_ASSERT_EQUAL(lisp_map_cache_lookup(sh[0]->lisp, &x, &e), 0);
		CU_ASSERT_EQUAL(e.prefix.len, 48);
	}
	free(t);
	for (int i = 0; i < 3; i++) {
		free(state[i]);
		t_rshell_free(sh[i]);
	}
}

/* A startup-config with this text, loaded into a new shell. */
static struct shell *text_shell(const char *text)
{
	char path[] = "/tmp/lispr-test-conf-XXXXXX";
	struct shell *sh;
	int fd = mkstemp(path);
	FILE *f;

	CU_ASSERT_FATAL(fd >= 0);
	f = fdopen(fd, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	fputs(text, f);
	fclose(f);
	sh = file_shell(path);
	unlink(path);
	return sh;
}

/* The print loads back into the same print (a temporary file). */
static void check_round_trip(struct shell *sh)
{
	char *t = shell_config_text(sh), *t2;
	struct shell *sh2 = text_shell(t);

	t2 = shell_config_text(sh2);
	if (strcmp(t, t2))
		fprintf(stderr, "\nprinted:\n%s\nreloaded:\n%s\n", t, t2);
	CU_ASSERT_STRING_EQUAL(t, t2);
	free(t);
	free(t2);
	t_rshell_free(sh2);
}

/*
 * IPv6 locators wherever a locator is taken: 'IPv6-interface IF' and
 * IPv6 addresses in locator-sets and mappings (an interface's IPv4 and
 * IPv6 forms are two locators), IPv6 map-resolvers, map-servers, PETRs
 * and allowed-locators; each prints back in its style and round-trips.
 */
/* Sites whose EID prefixes interleave in the registry (and one in an
 * instance): the running-config, written from the list of configured
 * prefixes each site keeps, gives each site its own prefixes in prefix
 * order, and loads back the same. */
static unsigned count_str(const char *t, const char *s)
{
	unsigned n = 0;

	for (; (t = strstr(t, s)); t += strlen(s))
		n++;
	return n;
}

/* A site's prefixes as the detail view prints them, from the engine's
 * own walk of the whole registry. */
struct site_pfx {
	char s[1024];
	unsigned n;
};

static int site_pfx_fn(const struct lisp_site_eid_info *e, void *arg)
{
	struct site_pfx *w = arg;
	char pb[PREFIX_STRLEN];
	size_t o = strlen(w->s);

	snprintf(w->s + o, sizeof(w->s) - o, "%s instance-id %u;", prefix_fmt(&e->prefix, pb, sizeof(pb)),
		 (unsigned)e->prefix.addr.iid);
	w->n++;
	return 0;
}

static void test_sites_grouped(void)
{
	struct shell *sh = file_shell(NULL);
	char *t;

	t = run(sh, "configure terminal\nip lisp map-server\n"
		"lisp site B\nauthentication-key kb\neid-prefix 10.3.0.0/16\neid-prefix 10.1.0.0/16\n"
		"exit\nlisp site A\nauthentication-key ka\neid-prefix 10.2.0.0/16 accept-more-specifics\n"
		"eid-prefix 10.0.0.0/16\nexit\nlisp site C\nauthentication-key kc\n"
		"eid-prefix 10.0.5.0/24\neid-prefix 10.4.0.0/16\nexit\nend");
	CU_ASSERT_PTR_NULL(strstr(t, "% "));
	if (strstr(t, "% "))
		fprintf(stderr, "\n%s\n", t);
	free(t);
	t = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "lisp site A\n authentication-key ka\n eid-prefix 10.0.0.0/16\n"
				     " eid-prefix 10.2.0.0/16 accept-more-specifics\n!\n"
				     "lisp site B\n authentication-key kb\n eid-prefix 10.1.0.0/16\n"
				     " eid-prefix 10.3.0.0/16\n!\n"
				     "lisp site C\n authentication-key kc\n eid-prefix 10.0.5.0/24\n"
				     " eid-prefix 10.4.0.0/16\n"));
	if (!strstr(t, "lisp site A\n authentication-key ka\n eid-prefix 10.0.0.0/16\n"))
		fprintf(stderr, "\n%s\n", t);
	free(t);
	check_round_trip(sh);
	/* 'show lisp site' walks each site's configured prefixes' subtrees
	 * (a prefix inside another of the same site comes with it, another
	 * site's inside is skipped): each site's rows are the registry's
	 * prefixes of that site, in the registry's order. */
	free(run(sh, "configure terminal\nlisp site A\neid-prefix 10.2.3.0/24\n"
		 "eid-prefix instance-id 5 10.2.0.0/16 accept-more-specifics\n"
		 "eid-prefix 2001:db8::/32\nexit\nlisp site B\neid-prefix 10.2.9.0/24\n"
		 "eid-prefix instance-id 5 10.2.7.0/24\neid-prefix 10.0.0.0/8\nexit\nend"));
	{
		static const char *const names[] = { "A", "B", "C" };
		char *d = run(sh, "show lisp site detail");

		for (unsigned k = 0; k < 3; k++) {
			struct site_pfx want = { 0 };
			const char *at = strstr(d, names[k][0] == 'A' ? "Site name: A\n" :
						names[k][0] == 'B' ? "Site name: B\n" : "Site name: C\n");
			const char *end;
			char got[1024] = "", *o = got;

			lisp_site_eid_foreach(sh->lisp, names[k], site_pfx_fn, &want);
			CU_ASSERT_PTR_NOT_NULL_FATAL(at);
			end = strstr(at + 1, "Site name: ");
			for (const char *q = at; (q = strstr(q, "  EID-prefix: ")) && (!end || q < end); q++) {
				const char *nl = strchr(q, '\n');

				o += snprintf(o, sizeof(got) - (size_t)(o - got), "%.*s;", (int)(nl - q - 14), q + 14);
			}
			if (strcmp(got, want.s))
				fprintf(stderr, "site %s: shown %s, registry %s\n", names[k], got, want.s);
			CU_ASSERT_STRING_EQUAL(got, want.s);
			CU_ASSERT(want.n >= 2);
		}
		free(d);
		d = run(sh, "show lisp site");
		CU_ASSERT_EQUAL(count_str(d, " never "), 5 + 5 + 2);	/* one row a prefix */
		free(d);
	}
	t_rshell_free(sh);
}

static void test_v6_rlocs(void)
{
	struct shell *sh = file_shell(NULL);
	char *t;

	t = run(sh, "configure terminal\ninterface Ethernet0\nip address 10.0.1.2 255.255.255.0\n"
		"ipv6 address 2001:db8:a::2/64\nexit\nrouter lisp\nlocator-set S6\n"
		"IPv6-interface Ethernet0 priority 1 weight 100\n2001:db8:a::2 priority 2 weight 50\n"
		"IPv4-interface Ethernet0 priority 3 weight 10\nexit-locator-set\n"
		"service ipv4\nitr map-resolver 2001:db8:a::9\netr map-server 2001:db8:a::9 key k\n"
		"use-petr 2001:db8:a::9 priority 2 weight 50\nitr\netr\nexit-service-ipv4\n"
		"instance-id 0\nservice ipv4\ndatabase-mapping 192.168.1.0/24 locator-set S6\n"
		"map-cache 10.9.0.0/16 2001:db8:a::7 priority 1 weight 1\nexit-service-ipv4\nexit-instance-id\n"
		"site A\nallowed-locator 2001:db8:a::2\nexit-site\nexit-router-lisp\n"
		"ip lisp database-mapping 192.168.2.0/24 ipv6-interface Ethernet0 priority 1 weight 1\n"
		"ip lisp database-mapping 192.168.2.0/24 Ethernet0 priority 1 weight 2\nend");
	CU_ASSERT_PTR_NULL(strstr(t, "% "));
	if (strstr(t, "% "))
		fprintf(stderr, "\n%s\n", t);
	free(t);
	t = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\nip lisp database-mapping 192.168.2.0/24 ipv6-interface Ethernet0 "
				     "priority 1 weight 1\nip lisp database-mapping 192.168.2.0/24 Ethernet0 "
				     "priority 1 weight 2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, " locator-set S6\n  IPv6-interface Ethernet0 priority 1 weight 100\n"
				     "  2001:db8:a::2 priority 2 weight 50\n  IPv4-interface Ethernet0 priority 3 "
				     "weight 10\n  exit-locator-set\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "  itr map-resolver 2001:db8:a::9\n  itr\n  etr map-server 2001:db8:a::9 key k\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "  use-petr 2001:db8:a::9 priority 2 weight 50\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "   map-cache 10.9.0.0/16 2001:db8:a::7 priority 1 weight 1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "  allowed-locator 2001:db8:a::2\n"));
	free(t);
	check_round_trip(sh);
	/* a PITR with a locator of each family; a line without the second drops it */
	{
		struct shell *p = file_shell(NULL);
		struct addr b;

		t = run(p, "configure terminal\nip lisp proxy-itr 10.0.3.1 2001:db8::1\n"
			"ipv6 lisp proxy-itr 10.0.3.1 2001:db8::1\nip lisp proxy-itr 10.0.3.1 10.0.3.2\nend");
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.0.3.2\n                                         ^\n% Invalid input"));
		free(t);
		CU_ASSERT_TRUE(lisp_proxy_itr2(p->lisp, &b) && addr_is_v6(&b));
		t = shell_config_text(p);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "\nip lisp proxy-itr 10.0.3.1 2001:db8::1\n"
					     "ipv6 lisp proxy-itr 10.0.3.1 2001:db8::1\n"));
		free(t);
		check_round_trip(p);
		free(run(p, "configure terminal\nip lisp proxy-itr 10.0.3.1\nend"));
		CU_ASSERT_FALSE(lisp_proxy_itr2(p->lisp, &b));
		t_rshell_free(p);
	}

	/* 'no' of the IPv6 interface locator leaves the IPv4 one */
	free(run(sh, "configure terminal\nrouter lisp\nlocator-set S6\nno IPv6-interface Ethernet0\nend"));
	t = shell_config_text(sh);
	CU_ASSERT_PTR_NULL(strstr(t, "IPv6-interface Ethernet0"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "IPv4-interface Ethernet0 priority 3 weight 10"));
	free(t);
	t_rshell_free(sh);
}

static void test_json_config(void)
{
	struct shell *sh = file_shell(SRCDIR "/tests/shell/lisp-classic.conf");
	char *tr;

	check_json(sh, "show ip lisp", "\"itr_map_resolvers\":[\"10.0.3.1\",\"10.0.4.1\"]");
	check_json(sh, "show ip lisp map-cache", "\"eid_prefix\":\"0.0.0.0/0\"");
	check_json(sh, "show ip lisp map-cache 10.10.1.1", "\"weight\":50");
	check_json(sh, "show ip lisp map-cache detail", "\"action\":\"drop\"");
	check_json(sh, "show ip lisp database", "\"interface\":\"Loopback0\"");
	check_json(sh, "show lisp site", "\"description\":\"Site A (lisp1)\"");
	check_json(sh, "show lisp site name siteB", "\"site\":\"siteB\"");
	check_json(sh, "show lisp site 192.168.10.5", "\"accept_more_specifics\":true");
	check_json(sh, "show ip lisp statistics", "\"map_register_authentication_failure\":0");
	/* A description with quotes and a backslash stays valid JSON. */
	tr = run(sh, "conf t\nlisp site siteA\ndescription say \"hi\" \\o/\nend");
	free(tr);
	check_json(sh, "show lisp site", "say \\\"hi\\\" \\\\o/");
	/* JSON is UTF-8: a Latin-1 byte becomes U+FFFD, UTF-8 passes. */
	tr = run(sh, "conf t\nlisp site siteA\ndescription caf\xe9 d\xc3\xa9j\xc3\xa0\nend");
	free(tr);
	check_json(sh, "show lisp site", "caf\\ufffd d\xc3\xa9j\xc3\xa0");
	/* Keys never appear in show output. */
	tr = run(sh, "show lisp site detail\nshow lisp site | json\nshow ip lisp\nshow ip lisp | json");
	CU_ASSERT_PTR_NULL(strstr(tr, "siteA#key"));
	CU_ASSERT_PTR_NULL(strstr(tr, "lisp#seed-key"));
	free(tr);
	t_rshell_free(sh);
}

/* ---------------------------------------------------------------- live */

static struct lab L;

static void lab_step_cb(void *arg)
{
	lab_step(arg, 100 * NS_PER_MS);
}

static struct shell *lab_shell(int r)
{
	struct shell *sh = shell_new();

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	shell_set_router(sh, L.r[r]);
	shell_set_lisp(sh, L.l[r]);
	snprintf(sh->conf.hostname, sizeof(sh->conf.hostname), "%s", lab_names[r]);
	sh->manual_step = lab_step_cb;
	sh->manual_arg = &L;
	return sh;
}

/* The registration nonce is random: mask it. */
static void mask_nonces(char *t)
{
	char *p = t;

	while ((p = strstr(p, "nonce 0x"))) {
		p += 8;
		for (int i = 0; i < 19 && p[i]; i++)
			if (i < 8 || i > 10)
				p[i] = 'X';
	}
}

static void test_live(void)
{
	static const char ms_cmds[] =
		"show lisp site\n"
		"show lisp site 192.168.2.1\n"
		"show lisp site name A detail\n"
		"show ip lisp statistics | include Map-Register|Map-Notify|Map-Requests|Negative|authentication\n"
		"show ip lisp\n"
		"show lisp site summary\n"
		"show lisp instance-id 0 ipv4 server\n"
		"show lisp instance-id 0 ipv4 server summary\n"
		"show lisp service ipv4 summary\n"
		"show lisp session\n";
	static const char x1_cmds[] =
		"show ip lisp\n"
		"show ip lisp map-cache\n"
		"show ip lisp map-cache 192.168.2.1\n"
		"show ip lisp database\n"
		"show ip lisp statistics | include Map-Re|Negative|encapsulated|natively|Packets\n"
		"show lisp session\n"
		"show lisp service ipv4\n"
		"show lisp service ipv4 summary\n"
		"show lisp instance-id 0 ipv4 map-cache\n"
		"show lisp instance-id 0 ipv4 map-cache 192.168.2.0/24 detail\n"
		"show lisp instance-id 0 ipv4 database\n"
		"show lisp instance-id 0 ipv4 statistics | include Statistics|Map-Re\n"
		"show ip lisp forwarding eid remote\n"
		"show ip lisp forwarding eid remote 192.168.2.1\n"
		"lig 192.168.2.1\n"
		"lig 4.2.2.2\n"
		"lig self\n"
		"configure terminal\nip host far-eid 192.168.2.1\nend\n"
		"lig far-eid\n"
		"lig no-such-host\n"
		"traceroute 192.168.2.1 source Loopback0 probe 2\n"
		"traceroute 4.2.2.2 ttl 1 3 probe 1\n"
		"clear ip lisp map-cache 4.2.2.2\n"
		"show ip lisp map-cache | include entries|/\n"
		"clear ip lisp map-cache 10.0.0.0/8\n"
		"clear lisp instance-id 0 ipv4 map-cache 192.168.0.0/16\n"
		"show ip lisp map-cache | include entries|/\n"
		"clear ip lisp map-cache 0.0.0.0/0 instance-id 7\n"
		"clear ip lisp map-cache 2001:db8::/32\n"
		"clear lisp instance-id 0 ipv4 map-cache 192.168.2.0/33\n"
		"lig 192.168.2.1\n"
		"clear lisp instance-id 0 ipv4 map-cache\n"
		"show lisp instance-id 0 ipv4 map-cache\n"
		"clear ip lisp map-cache\n"
		"show ip lisp map-cache\n"
		"configure terminal\nip lisp etr map-server 10.0.3.99 key k9\nend\n"
		"show lisp session\n"
		"show lisp session established\n"
		"show lisp session established | json\n";
	const char *path = SRCDIR "/tests/golden/lisp_live.out";
	struct shell *ms, *x1;
	struct ping_result pr;
	char *t1, *t2, *got;
	size_t len;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	pr = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 5, 2000);
	CU_ASSERT(pr.received >= 3);
	pr = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 2, 2000);
	lab_run(&L, 25000);
	ms = lab_shell(MSR);
	x1 = lab_shell(LISP1);
	t1 = run(ms, ms_cmds);
	t2 = run(x1, x1_cmds);
	len = strlen(t1) + strlen(t2) + 1;
	got = malloc(len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	snprintf(got, len, "%s%s", t1, t2);
	mask_nonces(got);
	t_golden(path, got);
	/* What the golden file must show, whatever was regenerated. */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "192.168.2.0/24, uptime: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, ", via map-reply, complete\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "  10.0.2.2  "));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Negative cache entry, action: forward-native"));
	/* 'show lisp session established' leaves the Down session out. */
	{
		const char *a = strstr(got, "lisp1#show lisp session established\n");
		const char *z = a ? strstr(a + 1, "lisp1#") : NULL;

		CU_ASSERT_PTR_NOT_NULL_FATAL(z);
		CU_ASSERT_PTR_NOT_NULL(strstr(got, "\n10.0.3.99:4342                 Down "));
		CU_ASSERT(strstr(a, "\n10.0.3.1:4342                  Up ") < z);
		CU_ASSERT(!strstr(a, "10.0.3.99") || strstr(a, "10.0.3.99") > z);
	}
	/* clear ... map-cache A takes the entry A matches (the negative
	 * 0.0.0.0/1), P the entries inside P; the static default stays. */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "lisp1#clear ip lisp map-cache 4.2.2.2\n"
				      "lisp1#show ip lisp map-cache | include entries|/\n"
				      "LISP IPv4 Mapping Cache for EID-table default (IID 0), 3 entries\n"
				      "0.0.0.0/0, uptime: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "0.0.0.0/0, uptime: 00:00:35, expires: never, via static "
				      "send map-request\n192.168.1.0/24, uptime: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "map-cache 192.168.0.0/16\n"
				      "lisp1#show ip lisp map-cache | include entries|/\n"
				      "LISP IPv4 Mapping Cache for EID-table default (IID 0), 1 entries\n"
				      "0.0.0.0/0, uptime: 00:00:35, expires: never, via static send map-request\n"
				      "lisp1#"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Mapping information for EID 192.168.2.1 from 10.0.2.2 with RTT"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "A              00:00:"));
	/* IOS-XE's views: the ETR's session is up once its Map-Server's
	 * Map-Notify verified; the Map-Server counts both sites registered. */
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Sessions for VRF default, total: 1, established: 1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "\n10.0.3.1:4342                  Up "));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "Number of registered EID prefixes:            2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(got, "192.168.2.0/24                               encap       0x00000001\n"));
	free(t1);
	free(t2);
	free(got);

	check_json(ms, "show lisp site", "\"who_last_registered\":\"10.0.1.2\"");
	check_json(ms, "show ip lisp statistics", "\"map_registers_in\":");
	check_json(x1, "show ip lisp map-cache", "\"source\":\"static-send-map-request\"");
	check_json(x1, "show ip lisp", "\"itr\":true");
	shell_free(ms);
	shell_free(x1);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- seed 000 */

/* The text from the first LISP line to the line blocks. */
static char *lisp_part(const char *t)
{
	const char *a = strstr(t, "\nip lisp "), *b = a ? strstr(a, "\nline con 0") : NULL;

	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	return strndup(a, (size_t)(b - a));
}

/* The seed 000 configurations print back as they are written (the LISP
 * lines and the routes; the secret prints hashed), and hold the proxy
 * settings. */
static void test_seed000_files(void)
{
	static const char *const files[] = {
		SRCDIR "/tests/shell/seed000-lisp1.conf",
		SRCDIR "/tests/shell/seed000-mapserver.conf",
	};
	struct addr a;

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		struct shell *sh = file_shell(files[i]);
		char *t = shell_config_text(sh), *file = t_slurp(files[i]), *pt, *pf;

		CU_ASSERT_PTR_NOT_NULL_FATAL(file);
		pt = lisp_part(t);
		pf = lisp_part(file);
		if (strcmp(pt, pf))
			fprintf(stderr, "\nprinted:\n%s\nfile:\n%s\n", pt, pf);
		CU_ASSERT_STRING_EQUAL(pt, pf);
		free(pt);
		free(pf);
		if (i == 0) {
			CU_ASSERT_EQUAL(lisp_use_petr_count(sh->lisp), 1);
			CU_ASSERT_EQUAL(lisp_roles(sh->lisp), LISP_ROLE_ITR | LISP_ROLE_ETR);
		} else {
			CU_ASSERT_EQUAL(lisp_roles(sh->lisp), LISP_ROLE_MS | LISP_ROLE_MR | LISP_ROLE_PITR |
				       LISP_ROLE_PETR);
			CU_ASSERT_TRUE(lisp_proxy_itr(sh->lisp, &a));
			CU_ASSERT_EQUAL(a.u.v4, ip4("10.0.3.1"));
		}
		free(t);
		free(file);
		t_rshell_free(sh);
	}
}

/* Probe times and round trips depend on the probe timer's jitter: each
 * number after one of the marks becomes N. */
static void mask_probe_times(char *t)
{
	static const char *const marks[] = { "probe RTT ", "(rtt ", "Last RLOC-probe reply:" };

	for (size_t k = 0; k < sizeof(marks) / sizeof(marks[0]); k++)
		for (char *p = t; (p = strstr(p, marks[k])); ) {
			p += strlen(marks[k]);
			while (*p == ' ')
				p++;
			while (isdigit((unsigned char)*p) || *p == ':') {
				size_t n = strspn(p, "0123456789");

				if (n) {
					*p = 'N';
					memmove(p + 1, p + n, strlen(p + n) + 1);
				}
				p++;
			}
		}
}

/*
 * Seed 000 configured through the shell on the in-process lab (the lab's
 * own sites and keys): lisp1 uses the PETR with only a /32 to it, and a
 * second, wrong PETR; mapserver is PETR and PITR.  After the seed's ping
 * the show commands tell the seed's story; then RLOC probing on lisp1.
 * Compared with tests/golden/lisp_seed000.out.
 */
static void test_live_seed000(void)
{
	static const char x1_cmds[] =
		"show ip lisp\n"
		"show ip lisp map-cache\n"
		"show ip lisp map-cache 4.2.2.2\n"
		"show ip cef\n"
		"show ip cef 4.2.2.2\n"
		"show ip cef 0.0.0.0 128.0.0.0 detail\n"
		"show ip cef 192.168.2.1\n"
		"show ip cef 192.168.1.1\n"
		"show ip cef 10.0.3.1 detail\n"
		"show ip route\n"
		"show ip lisp statistics | include proxy|PETR|PITR|natively|encapsulated\n";
	static const char ms_cmds[] =
		"show ip lisp\n"
		"show ip lisp map-cache\n"
		"show ip cef 192.168.1.1\n"
		"show ip cef 192.168.9.9\n"
		"show ip cef 4.2.2.2\n"
		"show ip lisp statistics | include proxy|PETR|PITR|decapsulated|encapsulated\n";
	static const char probe_cmds[] =
		"show ip lisp | include proxy ETR|RLOC-probe|^ +10\n"
		"show ip lisp map-cache 192.168.2.1\n"
		"show ip cef 192.168.2.1 detail\n";
	struct shell *ms, *x1;
	struct ping_result pr;
	char *t1, *t2, *t3, *t4, *got;
	size_t len;

	lab_setup(&L, true);
	ms = lab_shell(MSR);
	x1 = lab_shell(LISP1);
	t1 = run(ms, "conf t\nip lisp proxy-etr\nip lisp proxy-itr 10.0.3.1\n"
		 "ip lisp map-cache 192.168.0.0/16 map-request\nip lisp itr map-resolver 10.0.3.1\nend\n"
		 "show running-config | include ^ip lisp");
	t2 = run(x1, "conf t\nip lisp use-petr 10.0.3.1\nip lisp use-petr 10.0.9.9 priority 0 weight 100\n"
		 "no ip route 0.0.0.0 0.0.0.0 10.0.1.1\nip route 10.0.3.1 255.255.255.255 10.0.1.1\nend\n"
		 "show running-config | include ^ip (lisp use|route)");
	lab_run(&L, 1000);
	pr = lab_ping(&L, LISP1, "4.2.2.2", "Loopback0", 5, 2000);
	CU_ASSERT_STRING_EQUAL(pr.marks, "..!!!");
	lab_run(&L, 5000);
	t3 = run(x1, x1_cmds);
	t4 = run(ms, ms_cmds);
	len = strlen(t1) + strlen(t2) + strlen(t3) + strlen(t4) + 1;
	got = malloc(len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	snprintf(got, len, "%s%s%s%s", t1, t2, t3, t4);
	/* lisp1: the seed's answer, the wrong PETR skipped, the FIB view. */
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "0.0.0.0/1, uptime: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, ", via map-reply, forward-native\n"
				      "  Encapsulating to proxy ETR\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "  ITR use proxy ETR RLOC(s):        10.0.3.1 (1/100, up)\n"
				      "                                    10.0.9.9 (0/100, no route, unusable)\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "lisp1#show ip cef 4.2.2.2\n"
				      "0.0.0.0/1, flags [check lisp eligibility]\n"
				      "  LISP remote EID: 4 packets "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, " bytes fwd action fwd native via petr\n"
				      "  nexthop 10.0.3.1 LISP0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "\n0.0.0.0/1            10.0.3.1             LISP0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "\n0.0.0.0/0            signal               LISP0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "\n10.0.3.1/32          10.0.1.1             Ethernet0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "fwd action signal\n  no route\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "192.168.1.1/32, flags [receive]\n  receive for Loopback0\n"));
	/* show ip route: the map-cache rows with code l, no default route. */
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "\nl     0.0.0.0/1 via 10.0.3.1, LISP0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "Gateway of last resort is not set\n"));
	/* mapserver: lisp1's mapping learned as PITR, the reply encapsulated. */
	CU_ASSERT_PTR_NOT_NULL(strstr(t4, "Proxy-ITR Router (PITR):          enabled RLOCs: 10.0.3.1\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t4, "192.168.1.0/24, uptime: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t4, "  10.0.1.2  "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t4, "192.168.0.0/16, uptime: "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t4, "fwd action encap\n  nexthop 10.0.1.2 LISP0\n"));
	CU_ASSERT_PTR_NULL(strstr(t4, "0.0.0.0/0, uptime"));
	/* The counters: 4 echoes to the PETR, decapsulated there, and 3
	 * replies encapsulated back by the PITR. */
	CU_ASSERT_PTR_NOT_NULL(strstr(t3, "    to a proxy ETR (use-petr):                4\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t4, "    as proxy ITR:                             3\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t4, "    as proxy ETR (destination not ours):      4\n"));
	free(t1);
	free(t2);
	free(t3);
	free(t4);
	check_json(x1, "show ip cef", "\"lisp_action\":\"native_via_petr\",\"next_hop\":\"10.0.3.1\"");
	check_json(x1, "show ip cef 4.2.2.2", "\"interface\":\"LISP0\"");
	check_json(x1, "show ip lisp", "\"state\":\"no-route\",\"usable\":false");
	check_json(x1, "show ip lisp map-cache", "\"encapsulating_to_petr\":true");
	check_json(ms, "show ip lisp", "\"proxy_itr_rloc\":\"10.0.3.1\"");

	/* RLOC probing: lisp2's locator and the PETR answer with their RTT. */
	t1 = run(x1, "conf t\nip route 10.0.2.0 255.255.255.0 10.0.1.1\n"
		 "ip lisp loc-reach-algorithm rloc-probing\nend");
	pr = lab_ping(&L, LISP1, "192.168.2.1", "Loopback0", 3, 2000);
	CU_ASSERT_STRING_EQUAL(pr.marks, "..!");
	for (int i = 0; i < 34; i++)
		lab_step(&L, NS_PER_SEC);
	t2 = run(x1, probe_cmds);
	CU_ASSERT_PTR_NOT_NULL(strstr(t2, "RLOC-probe algorithm:           enabled"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t2, "    RLOC-probing loc-status algorithm:\n"
				      "      Last RLOC-probe reply:           "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t2, "10.0.3.1 (1/100, up, probe RTT "));
	len = strlen(got) + strlen(t1) + strlen(t2) + 1;
	got = realloc(got, len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(got);
	strcat(got, t1);
	strcat(got, t2);
	mask_probe_times(got);
	t_golden(SRCDIR "/tests/golden/lisp_seed000.out", got);
	free(t1);
	free(t2);
	free(got);
	shell_free(ms);
	shell_free(x1);
	lab_teardown(&L);
}

/*
 * An instance through the shell on the seed lab: lisp2 maps the same EID
 * prefix in instance 7 (IOS 15.4's block, to a VRF not defined: the
 * control plane does not need it), the Map-Server has it in site B per
 * instance, lisp1 declares instance 7; 'lig instance-id 7' resolves in
 * instance 7 (the answer cached there, not in instance 0), a miss gets
 * instance 7's negative reply, and the views and clears stay per
 * instance.
 */
static void test_live_instance(void)
{
	struct shell *ms, *x1, *x2;
	char *t;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	x1 = lab_shell(LISP1);
	x2 = lab_shell(LISP2);
	ms = lab_shell(MSR);
	t = run(ms, "conf t\nlisp site B\neid-prefix instance-id 7 192.168.2.0/24\nend");
	free(t);
	t = run(x2, "conf t\nrouter lisp\neid-table vrf T7 instance-id 7\n"
		"database-mapping 192.168.2.0/24 10.0.2.2 priority 1 weight 100\nexit\nexit\nend");
	CU_ASSERT_PTR_NULL(strstr(t, "% "));
	free(t);
	t = run(x1, "conf t\nrouter lisp\ninstance-id 7\nexit-instance-id\nexit-router-lisp\nend");
	CU_ASSERT_PTR_NULL(strstr(t, "% "));
	free(t);
	lab_run(&L, 65000);
	t = run(ms, "show lisp site instance-id 7");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "192.168.2.0/24"));
	free(t);
	t = run(x1, "lig instance-id 7 192.168.2.1\n"
		"show lisp instance-id 7 ipv4 map-cache\n"
		"show ip lisp map-cache\n"
		"lig instance-id 7 192.168.9.1\n"
		"show lisp service ipv4 summary\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "Mapping information for EID 192.168.2.1 from 10.0.2.2 with RTT"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "LISP IPv4 Mapping Cache for LISP 0 EID-table default (IID 7), 2 entries\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\n192.168.2.0/24, uptime: "));
	/* instance 0 did not learn it */
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "LISP IPv4 Mapping Cache for EID-table default (IID 0), 1 entries\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "Mapping information for EID 192.168.9.1 from "));
	/* instance 7 has only 192.168.2.0/24: the least specific prefix
	 * covering 192.168.9.1 and not it */
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\n192.168.8.0/21, uptime: 00:00:00, expires: 00:15:00, via map-reply, "
				     "forward-native\n  Negative cache entry"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "LISP0.7 "));
	free(t);
	/* the instance's summary: its own map-cache (the positive and the
	 * negative entry learned, the static 0.0.0.0/0) */
	t = run(x1, "show ip lisp instance-id 7 | include Instance ID|Map-cache|Database\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "  Instance ID:                      7\n"
				     "  Map-cache size/limit:             2/1000\n"
				     "  Map-cache static entries:         1\n"
				     "  Database size:                    0\n"));
	free(t);
	/* the instance's counters: its two Map-Requests and two records,
	 * not instance 0's lig; the router's counters have all three */
	t = run(x1, "lig 192.168.2.1\n"
		"show ip lisp instance-id 7 statistics | include ^  Map-Re\n"
		"show lisp instance-id 7 ipv4 statistics | include ^  Map-Requests\n"
		"show ip lisp statistics | include ^  Map-Requests\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "statistics | include ^  Map-Re\n"
				     "  Map-Requests in/out:                        0/2\n"
				     "  Map-Reply records in/out:                   2/0\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "ipv4 statistics | include ^  Map-Requests\n"
				     "  Map-Requests in/out:                        0/2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "lisp1#show ip lisp statistics | include ^  Map-Requests\n"
				     "  Map-Requests in/out:                        0/3\n"));
	free(t);
	/* the clear is the instance's */
	t = run(x1, "clear ip lisp map-cache\nshow lisp instance-id 7 ipv4 map-cache | json\n"
		"clear lisp instance-id 7 ipv4 map-cache\nshow lisp instance-id 7 ipv4 map-cache | json\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"instance_id\":7,\"entries\":3,"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\"instance_id\":7,\"entries\":1,"));
	free(t);
	shell_free(ms);
	shell_free(x1);
	shell_free(x2);
	lab_teardown(&L);
}

/* A wrong key: the Map-Server counts it, the site stays unregistered. */
static void test_live_wrong_key(void)
{
	struct shell *ms, *x2;
	char *t;

	lab_setup(&L, true);
	x2 = lab_shell(LISP2);
	ms = lab_shell(MSR);
	t = run(x2, "conf t\nip lisp etr map-server 10.0.3.1 key wrong#key\nend");
	free(t);
	lab_run(&L, 61000);
	t = run(ms, "show lisp site\nshow lisp site name B\nshow ip lisp statistics | include authentication");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "B              never     no   --"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "      Authentication failures:   2\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "Map-Register authentication failure:      2\n"));
	free(t);
	shell_free(ms);
	shell_free(x2);
	lab_teardown(&L);
}

/* 'debug lisp control-plane all' lines reach a monitoring session. */
static void test_live_debug(void)
{
	struct shell *x1;
	char *t;

	log_init(256, false);
	debug_all_off();
	lab_setup(&L, true);
	lab_run(&L, 1000);
	x1 = lab_shell(LISP1);
	t = run(x1, "terminal monitor\nlig 192.168.2.1\n");
	CU_ASSERT_PTR_NULL(strstr(t, "LISP: "));
	free(t);
	t = run(x1, "terminal monitor\ndebug lisp control-plane all\nlig 192.168.2.1\nundebug all\n");
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "LISP: Processing received Map-Reply message from 10.0.2.2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "Mapping information for EID 192.168.2.1 from 10.0.2.2"));
	free(t);
	debug_all_off();
	shell_free(x1);
	lab_teardown(&L);
	log_shutdown();
}

/* ---------------------------------------------------------------- live clock */

struct lig_thread {
	struct shell *sh;
	char *out;
};

static void *loop_main(void *arg)
{
	router_run(arg);
	return NULL;
}

static void *lig_main(void *arg)
{
	struct lig_thread *t = arg;

	t->out = run(t->sh, "lig 192.168.2.1");
	return NULL;
}

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * On the live clock lig waits with the router lock released: another
 * session's command runs at once while lig waits for a resolver that never
 * answers, and lig ends with the engine's timeout (three tries, 1 + 2 + 4 s).
 */
static void test_live_clock_lig(void)
{
	static const char cfg[] =
		"interface Ethernet0\n ip address 10.0.1.2 255.255.255.0\n no shutdown\n"
		"interface Loopback0\n ip address 192.168.1.1 255.255.255.255\n"
		"ip lisp itr-etr\n"
		"ip lisp database-mapping 192.168.1.0/24 10.0.1.2 priority 1 weight 100\n"
		"ip lisp itr map-resolver 10.0.1.1\n";
	struct shell *sh = shell_new();
	struct router *r = router_new(EV_CLOCK_MONOTONIC);
	struct lig_thread lt = { sh, NULL };
	pthread_t loop, lig;
	FILE *in;
	char *t;
	double t0, dt;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	router_set_port_factory(r, t_mem_factory, NULL);
	shell_set_router(sh, r);
	in = fmemopen((void *)cfg, sizeof(cfg) - 1, "r");
	CU_ASSERT_EQUAL(shell_load_stream(sh, in, "live", stderr), 0);
	fclose(in);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&loop, NULL, loop_main, r), 0);
	CU_ASSERT_EQUAL_FATAL(pthread_create(&lig, NULL, lig_main, &lt), 0);
	usleep(500000);
	t0 = mono();
	t = run(sh, "show ip lisp statistics | include Map-Requests in/out");
	dt = mono() - t0;
	CU_ASSERT(dt < 0.5);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "Map-Requests in/out:                        0/1"));
	free(t);
	pthread_join(lig, NULL);
	dt = mono() - t0;
	CU_ASSERT(dt > 5.0 && dt < 15.0);
	CU_ASSERT_PTR_NOT_NULL(lt.out);
	if (lt.out) {
		CU_ASSERT_PTR_NOT_NULL(strstr(lt.out, "Send map-request to 10.0.1.1 for 192.168.2.1 ...\n"));
		CU_ASSERT_PTR_NOT_NULL(strstr(lt.out, "*** No map-reply received for EID 192.168.2.1\n"));
	}
	free(lt.out);
	router_stop(r);
	pthread_join(loop, NULL);
	shell_free(sh);
	router_free(r);
}

/* ------------------------------------------------------------ a map-server key per family */

/*
 * IPv4 and IPv6 EIDs registering with one Map-Server under different
 * keys, in the three forms: the engine has an entry per family with its
 * own key, the running-config prints each family's key (it used to print
 * the last one typed for both, and the IPv4 EIDs then failed
 * authentication), a reload gives the same text, 'show lisp session'
 * shows the server once, and one family's 'no' leaves the other's key.
 */
static void test_ms_key_forms(void)
{
	static const char *const forms[] = {
		"ip lisp itr-etr\nip lisp etr map-server 10.0.3.1 key k4\n"
		"ipv6 lisp itr-etr\nipv6 lisp etr map-server 10.0.3.1 key k6 proxy-reply hash-function sha2\n",
		"router lisp\n ipv4 itr\n ipv4 etr\n ipv4 etr map-server 10.0.3.1 key k4\n"
		" ipv6 itr\n ipv6 etr\n ipv6 etr map-server 10.0.3.1 key k6 proxy-reply hash-function sha2\n"
		" exit\n",
		"router lisp\n service ipv4\n  itr\n  etr map-server 10.0.3.1 key k4\n  etr\n"
		"  exit-service-ipv4\n !\n service ipv6\n  itr\n"
		"  etr map-server 10.0.3.1 key k6 hash-function sha2\n"
		"  etr map-server 10.0.3.1 proxy-reply\n  etr\n  exit-service-ipv6\n !\n"
		" exit-router-lisp\n",
	};
	static const char *const no6[] = {
		"configure terminal\nno ipv6 lisp etr map-server 10.0.3.1\nend",
		"configure terminal\nrouter lisp\nno ipv6 etr map-server 10.0.3.1\nend",
		"configure terminal\nrouter lisp\nno service ipv6\nend",
	};
	static const char *const line4[] = {
		"\nip lisp etr map-server 10.0.3.1 key k4\n",
		"\n ipv4 etr map-server 10.0.3.1 key k4\n",
		"\n  etr map-server 10.0.3.1 key k4\n",
	};
	static const char *const line6[] = {
		"\nipv6 lisp etr map-server 10.0.3.1 key k6 proxy-reply hash-function sha2\n",
		"\n ipv6 etr map-server 10.0.3.1 key k6 proxy-reply hash-function sha2\n",
		"\n  etr map-server 10.0.3.1 key k6 hash-function sha2\n  etr map-server 10.0.3.1 proxy-reply\n",
	};

	for (unsigned i = 0; i < 3; i++) {
		struct shell *sh = text_shell(forms[i]);
		struct lab_ms_list w = lab_ms_list(sh->lisp);
		char *t;

		CU_ASSERT_EQUAL_FATAL(w.n, 2);
		CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV4);
		CU_ASSERT_STRING_EQUAL(w.m[0].cfg.key, "k4");
		CU_ASSERT_EQUAL(w.m[0].cfg.alg, LISP_AUTH_HMAC_SHA1);
		CU_ASSERT_FALSE(w.m[0].cfg.proxy_reply);
		CU_ASSERT_EQUAL(w.m[1].cfg.af, LISP_AF_IPV6);
		CU_ASSERT_STRING_EQUAL(w.m[1].cfg.key, "k6");
		CU_ASSERT_EQUAL(w.m[1].cfg.alg, LISP_AUTH_HMAC_SHA256);
		CU_ASSERT_TRUE(w.m[1].cfg.proxy_reply);
		t = shell_config_text(sh);
		if (!strstr(t, line4[i]) || !strstr(t, line6[i]))
			fprintf(stderr, "\nform %u printed:\n%s\n", i, t);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, line4[i]));
		CU_ASSERT_PTR_NOT_NULL(strstr(t, line6[i]));
		CU_ASSERT_EQUAL(count_str(t, "map-server 10.0.3.1 key"), 2);
		free(t);
		check_round_trip(sh);
		/* one session per server */
		t = run(sh, "show lisp session");
		CU_ASSERT_EQUAL(count_str(t, "10.0.3.1:4342"), 1);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "total: 1,"));
		free(t);
		/* each family's view lists the server once */
		t = run(sh, "show ip lisp\nshow ipv6 lisp");
		CU_ASSERT_EQUAL(count_str(t, "ETR Map-Server(s):                10.0.3.1"), 2);
		free(t);
		/* IPv6's 'no' leaves IPv4's key */
		free(run(sh, no6[i]));
		w = lab_ms_list(sh->lisp);
		CU_ASSERT_EQUAL_FATAL(w.n, 1);
		CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV4);
		CU_ASSERT_STRING_EQUAL(w.m[0].cfg.key, "k4");
		t = shell_config_text(sh);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, line4[i]));
		CU_ASSERT_EQUAL(count_str(t, "map-server 10.0.3.1"), 1);
		free(t);
		/* The same key typed for IPv6 again: one entry for both. */
		free(run(sh, i == 0 ? "configure terminal\nipv6 lisp etr map-server 10.0.3.1 key k4\nend" :
			     i == 1 ? "configure terminal\nrouter lisp\nipv6 etr map-server 10.0.3.1 key k4\nend" :
			     "configure terminal\nrouter lisp\nservice ipv6\netr map-server 10.0.3.1 key k4\nend"));
		w = lab_ms_list(sh->lisp);
		CU_ASSERT_EQUAL_FATAL(w.n, 1);
		CU_ASSERT_EQUAL(w.m[0].cfg.af, LISP_AF_IPV4 | LISP_AF_IPV6);
		t_rshell_free(sh);
	}
}

/*
 * A proxy ETR with a priority and weight per EID family, in the three
 * forms, and an IOS-XE instance's own: an entry per family, each line
 * printed back in its family, a reload gives the same text, and one
 * family's 'no' leaves the other's entry.
 */
static void test_petr_forms(void)
{
	static const char *const forms[] = {
		"ip lisp use-petr 10.0.3.1 priority 1 weight 50\n"
		"ipv6 lisp use-petr 10.0.3.1 priority 2 weight 10\n",
		"router lisp\n ipv4 use-petr 10.0.3.1 priority 1 weight 50\n"
		" ipv6 use-petr 10.0.3.1 priority 2 weight 10\n exit\n",
		"router lisp\n service ipv4\n  use-petr 10.0.3.1 priority 1 weight 50\n"
		"  exit-service-ipv4\n !\n service ipv6\n  use-petr 10.0.3.1 priority 2 weight 10\n"
		"  exit-service-ipv6\n !\n instance-id 5\n  service ipv4\n   use-petr 10.0.0.7\n"
		"   exit-service-ipv4\n  !\n  service ipv6\n   use-petr 10.0.0.7 priority 3 weight 30\n"
		"   exit-service-ipv6\n  !\n  exit-instance-id\n !\n exit-router-lisp\n",
	};
	static const char *const no6[] = {
		"configure terminal\nno ipv6 lisp use-petr 10.0.3.1\nend",
		"configure terminal\nrouter lisp\nno ipv6 use-petr 10.0.3.1\nend",
		"configure terminal\nrouter lisp\nservice ipv6\nno use-petr 10.0.3.1\nexit-service-ipv6\n"
		"instance-id 5\nservice ipv6\nno use-petr 10.0.0.7\nend",
	};

	for (unsigned i = 0; i < 3; i++) {
		struct shell *sh = text_shell(forms[i]);
		struct lab_petr_list w = lab_petr_list(sh->lisp, 0);
		char *t;

		CU_ASSERT_EQUAL_FATAL(w.n, 2);
		CU_ASSERT_EQUAL(w.p[0].af, LISP_AF_IPV4);
		CU_ASSERT_EQUAL(w.p[0].priority, 1);
		CU_ASSERT_EQUAL(w.p[0].weight, 50);
		CU_ASSERT_EQUAL(w.p[1].af, LISP_AF_IPV6);
		CU_ASSERT_EQUAL(w.p[1].priority, 2);
		CU_ASSERT_EQUAL(w.p[1].weight, 10);
		if (i == 2) {
			w = lab_petr_list(sh->lisp, 5);
			CU_ASSERT_EQUAL_FATAL(w.n, 2);
			CU_ASSERT_EQUAL(w.p[0].af, LISP_AF_IPV4);
			CU_ASSERT_EQUAL(w.p[0].priority, 1);
			CU_ASSERT_EQUAL(w.p[1].af, LISP_AF_IPV6);
			CU_ASSERT_EQUAL(w.p[1].weight, 30);
		}
		t = shell_config_text(sh);
		/* as typed, then the vty lines */
		if (strncmp(t + 2, forms[i], strlen(forms[i])))
			fprintf(stderr, "\nform %u printed:\n%s\n", i, t);
		CU_ASSERT_EQUAL(strncmp(t + 2, forms[i], strlen(forms[i])), 0);
		CU_ASSERT_STRING_EQUAL(t + 2 + strlen(forms[i]), "!\nline vty 0 4\n!\nend\n");
		free(t);
		check_round_trip(sh);
		t = run(sh, "show ipv6 lisp");
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "10.0.3.1 (2/10,"));
		CU_ASSERT_PTR_NULL(strstr(t, "10.0.3.1 (1/50,"));
		free(t);
		free(run(sh, no6[i]));
		w = lab_petr_list(sh->lisp, 0);
		CU_ASSERT_EQUAL_FATAL(w.n, 1);
		CU_ASSERT_EQUAL(w.p[0].af, LISP_AF_IPV4);
		CU_ASSERT_EQUAL(w.p[0].weight, 50);
		if (i == 2) {
			w = lab_petr_list(sh->lisp, 5);
			CU_ASSERT_EQUAL_FATAL(w.n, 1);
			CU_ASSERT_EQUAL(w.p[0].af, LISP_AF_IPV4);
		}
		t = shell_config_text(sh);
		CU_ASSERT_EQUAL(count_str(t, "use-petr"), i == 2 ? 2 : 1);
		free(t);
		t_rshell_free(sh);
	}
}

static int count_inst(const struct lisp_inst_info *i, void *arg)
{
	(void)i;
	++*(unsigned *)arg;
	return 0;
}

/*
 * 'no router lisp' takes every instance with it: their mappings, map-cache
 * entries and VRF bindings (the tenants lab's lisp1, two VRFs bound to
 * instances 101 and 102).  The VRFs stay; a VRF is free to be bound
 * again; the file loaded again prints as it did.  And every DDT setting
 * (the DDT lab's root, Map-Server and Map-Resolver).
 */
static void test_no_router_lisp(void)
{
	const char *file = SRCDIR "/samples/tenants/lisp1.conf";
	struct shell *sh = file_shell(file);
	char *before = shell_config_text(sh), *t, *after;
	unsigned n = 0;

	CU_ASSERT_PTR_NOT_NULL(strstr(before, "\n instance-id 102\n"));
	free(run(sh, "configure terminal\nno router lisp\nend"));
	t = shell_config_text(sh);
	CU_ASSERT_PTR_NULL(strstr(t, "router lisp"));
	CU_ASSERT_PTR_NULL(strstr(t, "\n instance-id"));
	CU_ASSERT_PTR_NULL(strstr(t, "eid-table"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "\nvrf definition RED\n"));
	free(t);
	lisp_inst_foreach(sh->lisp, count_inst, &n);
	CU_ASSERT_EQUAL(n, 1);			/* instance 0, empty */
	CU_ASSERT_EQUAL(lisp_db_count(sh->lisp), 0);
	t = run(sh, "configure terminal\nrouter lisp\ninstance-id 301\nservice ipv4\n"
		"eid-table vrf RED\nend\nshow running-config | include eid-table\n"
		"configure terminal\nno router lisp\nend");
	CU_ASSERT_PTR_NULL(strstr(t, "% "));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, "  eid-table vrf RED\n"));
	free(t);
	CU_ASSERT_EQUAL(shell_load(sh, file, stderr), 0);
	after = shell_config_text(sh);
	/* The DDT roles' settings go too: a root's delegations, a DDT
	 * Map-Server's peers, a Map-Resolver's roots. */
	for (int i = 0; i < 3; i++) {
		static const char *const ddt[] = { SRCDIR "/samples/ddt/root.conf",
			SRCDIR "/samples/ddt/ms.conf", SRCDIR "/samples/ddt/mr.conf" };
		struct shell *d = file_shell(ddt[i]);

		t = shell_config_text(d);
		CU_ASSERT_PTR_NOT_NULL(strstr(t, "router lisp\n"));
		free(t);
		free(run(d, "configure terminal\nno router lisp\nend"));
		t = shell_config_text(d);
		CU_ASSERT_PTR_NULL(strstr(t, "router lisp"));
		/* Not a bare "ddt": the enable secret's hash, salted anew at
		 * each print, may hold those letters (CI saw it once). */
		CU_ASSERT_PTR_NULL(strstr(t, "\n ddt"));
		CU_ASSERT_PTR_NULL(strstr(t, "delegate "));
		CU_ASSERT_PTR_NULL(strstr(t, "map-server-peer"));
		CU_ASSERT_PTR_NULL(strstr(t, "ddt-lab-key"));
		free(t);
		t_rshell_free(d);
	}
	/* (but for the enable secret's new salt) */
	CU_ASSERT_STRING_EQUAL(strstr(after, "\nvrf definition"), strstr(before, "\nvrf definition"));
	free(after);
	free(before);
	t_rshell_free(sh);
}

static CU_TestInfo tests[] = {
	{ "JSON validator", test_json_validator },
	{ "four forms, one model, each printed its way", test_forms },
	{ "no router lisp takes every instance", test_no_router_lisp },
	{ "IPv6 EIDs' settings in three forms", test_v6_forms },
	{ "a map-server key per EID family, in three forms", test_ms_key_forms },
	{ "a proxy ETR's priority and weight per EID family", test_petr_forms },
	{ "IPv6 locators, map-resolvers, map-servers, PETRs", test_v6_rlocs },
	{ "sites' EID prefixes grouped by site in one walk", test_sites_grouped },
	{ "| json on a configured router", test_json_config },
	{ "show and lig against the seed lab", test_live },
	{ "seed 000 configurations print back", test_seed000_files },
	{ "seed 000 through the shell: PETR, PITR, show ip cef", test_live_seed000 },
	{ "an instance through the shell: lig instance-id, views, clears", test_live_instance },
	{ "wrong key through the shell", test_live_wrong_key },
	{ "debug lisp control-plane all to a monitor", test_live_debug },
	{ "lig on the live clock releases the lock", test_live_clock_lig },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "shell-lisp", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
