/*
 * DOC: the IOS / IOS-XE configuration corpus (tests/ios/)
 *
 * Each tests/ios/NAME.conf is a LISP router's configuration written the way
 * IOS-XE 16/17, IOS 15 (router lisp, 15.4's eid-table block) or classic IOS
 * prints it: xTRs, Map-Servers/Map-Resolvers, proxy xTRs, locator-sets,
 * instance-id 0, sites with eid-record, mixed styles, dual-stack xTRs
 * ('ipv6 lisp ...', 'service ipv6', IPv6-interface), and the non-LISP
 * stanzas real files carry (IS-IS, BGP, crypto PKI, platform lines, VRF
 * definitions, banners).  Loading it must report exactly NAME.err (only the
 * lines lispr refuses, each said once) and print exactly NAME.run, which
 * keeps every part in the style it was written; the print loads back
 * without an error and prints the same.  Then, per file, what the router
 * became: its roles, mappings, sites and keys through the engine's API.
 * LISPR_GOLDEN_UPDATE=1 rewrites the .err and .run files.
 *
 * The shells drive a real router on the manual clock with pcap file ports
 * in a temporary directory: no root, no network.
 */
#include "config.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <CUnit/CUnit.h>

#include "lisp.h"
#include "lisp_ddt.h"
#include "port.h"
#include "router.h"
#include "shell.h"
#include "test_shell_util.h"

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

/* ---------------------------------------------------------------- state */

struct sites {
	unsigned n, keyed;
	char names[8][LISP_NAME_MAX];
};

static int count_site(const struct lisp_site_info *s, void *arg)
{
	struct sites *c = arg;

	if (c->n < 8)
		snprintf(c->names[c->n], LISP_NAME_MAX, "%s", s->name);
	c->n++;
	if (s->key[0])
		c->keyed++;
	return 0;
}

struct first_db {
	bool found;
	struct lisp_db_info d;
};

static int first_db(const struct lisp_db_info *d, void *arg)
{
	struct first_db *f = arg;

	if (f->found)
		return 0;
	f->found = true;
	f->d = *d;
	return 0;
}

static int ms_key(const struct lisp_ms_info *m, void *arg)
{
	char *out = arg;

	snprintf(out, LISP_KEY_MAX + 16, "%.*s%s", LISP_KEY_MAX - 1, m->cfg.key,
		 m->cfg.proxy_reply ? " proxy-reply" : "");
	return 1;
}

static int count_eid(const struct lisp_site_eid_info *e, void *arg)
{
	if (e->configured)
		(*(unsigned *)arg)++;
	return 0;
}

static unsigned site_eids(struct lisp *l, const char *site)
{
	unsigned n = 0;

	lisp_site_eid_foreach(l, site, count_eid, &n);
	return n;
}

static int count_petr(const struct lisp_petr_info *p, void *arg)
{
	(*(unsigned *)arg)++;
	return 0;
}

/* What each file must have made of the router. */

static int ddt_count_auth(const struct prefix *p, void *arg)
{
	(void)p;
	(*(unsigned *)arg)++;
	return 0;
}

static int ddt_count_deleg(const struct lisp_ddt_deleg_info *d, void *arg)
{
	*(unsigned *)arg += d->n;
	return 0;
}

/* Instance iid exists, bound to vrf ("" the default table, which must
 * be defined), with v4 and v6 database mappings. */
static bool inst_is(struct lisp *l, uint32_t iid, const char *vrf, size_t v4, size_t v6)
{
	struct lisp_inst_info ii;

	if (lisp_inst_info(l, iid, &ii) == -1)
		return false;
	return !strcmp(ii.vrf ? ii.vrf : "", vrf) && ii.vrf_ok &&
	       lisp_db_count_inst(l, iid, AFI_IPV4) == v4 && lisp_db_count_inst(l, iid, AFI_IPV6) == v6;
}

static void check_state(const char *name, struct shell *sh)
{
	struct lisp *l = sh->lisp;
	unsigned roles, petrs = 0;
	struct sites st = { 0 };
	struct first_db fd = { 0 };
	char key[LISP_KEY_MAX + 16] = "";
	struct addr a;

	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	roles = lisp_roles(l);
	lisp_site_foreach(l, count_site, &st);
	lisp_db_foreach(l, first_db, &fd);
	lisp_map_server_foreach(l, ms_key, key);
	lisp_use_petr_foreach(l, count_petr, &petrs);
	if (!strcmp(name, "xe-xtr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_XE);
		CU_ASSERT(fd.found && !strcmp(fd.d.locset, "SITE-A") && fd.d.n_locs == 1 &&
			  fd.d.style == LISP_STYLE_XE);
		/* The type 7 key is decoded and used. */
		CU_ASSERT_STRING_EQUAL(key, "lisp-seed-key proxy-reply");
		CU_ASSERT_EQUAL(petrs, 1);
		CU_ASSERT_EQUAL(lisp_db_count(l), 1);
	} else if (!strcmp(name, "xe-msmr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_MS | LISP_ROLE_MR);
		CU_ASSERT_EQUAL(st.n, 3);
		CU_ASSERT_EQUAL(st.keyed, 3);
		CU_ASSERT_EQUAL(lisp_site_style(l, "SITE-A"), LISP_STYLE_XE);
		CU_ASSERT_EQUAL(site_eids(l, "SITE-B"), 1);
	} else if (!strcmp(name, "xe-pxtr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_PITR | LISP_ROLE_PETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_XE);
		CU_ASSERT_TRUE(lisp_proxy_itr(l, &a));
		CU_ASSERT_TRUE(lisp_rloc_probing(l));
		CU_ASSERT_EQUAL(lisp_db_count(l), 0);
	} else if (!strcmp(name, "xe-fabric-cp.conf")) {
		/* VXLAN, layer 2 and instance 4097 refused; the rest is there
		 * (the site's eid-records of instance 4097 too, IPv4 and IPv6). */
		CU_ASSERT_EQUAL(roles, LISP_ROLE_MS | LISP_ROLE_MR);
		CU_ASSERT_EQUAL(st.n, 1);
		CU_ASSERT_EQUAL(site_eids(l, "site_uci"), 3);
		CU_ASSERT_TRUE(lisp_locset_exists(l, "rloc_fabric"));
	} else if (!strcmp(name, "ios15-xtr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_ROUTER);
		CU_ASSERT(fd.found && fd.d.style == LISP_STYLE_ROUTER && fd.d.locs[0].cfg.weight == 50);
		CU_ASSERT_STRING_EQUAL(key, "cisco");
	} else if (!strcmp(name, "ios15-msmr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_MS | LISP_ROLE_MR);
		CU_ASSERT_EQUAL(st.n, 2);
		CU_ASSERT_EQUAL(lisp_site_style(l, "1"), LISP_STYLE_ROUTER);
	} else if (!strcmp(name, "ios154-xtr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT(fd.found && fd.d.style == LISP_STYLE_EIDTABLE);
		/* the VRF instance's block loads with its mapping */
		CU_ASSERT_EQUAL(lisp_db_count(l), 2);
		CU_ASSERT_EQUAL(lisp_db_count_inst(l, 200, AFI_IPV4), 1);
		CU_ASSERT_EQUAL(petrs, 2);
		CU_ASSERT_TRUE(lisp_rloc_probing(l));
	} else if (!strcmp(name, "classic-xtr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_CLASSIC);
		CU_ASSERT(fd.found && fd.d.style == LISP_STYLE_CLASSIC);
		CU_ASSERT_EQUAL(petrs, 1);
	} else if (!strcmp(name, "classic-pxtr.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_MS | LISP_ROLE_MR | LISP_ROLE_PITR | LISP_ROLE_PETR);
		CU_ASSERT_EQUAL(st.n, 2);
		CU_ASSERT_EQUAL(lisp_site_style(l, "siteA"), LISP_STYLE_CLASSIC);
	} else if (!strcmp(name, "mixed.conf")) {
		CU_ASSERT_EQUAL(roles, LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_CLASSIC);
		CU_ASSERT(fd.found && fd.d.style == LISP_STYLE_XE && !strcmp(fd.d.locset, "LS"));
		CU_ASSERT_EQUAL(lisp_site_style(l, "local"), LISP_STYLE_ROUTER);
	} else if (!strcmp(name, "classic-v6-xtr.conf")) {
		/* each family's roles and lists, a mapping of each family */
		CU_ASSERT_EQUAL(lisp_db_count(l), 2);
		CU_ASSERT_EQUAL(lisp_af_roles(l, LISP_AF_IPV4), LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_af_roles(l, LISP_AF_IPV6), LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_CLASSIC);
		CU_ASSERT(fd.found && fd.d.style == LISP_STYLE_CLASSIC);
		CU_ASSERT_STRING_EQUAL(key, "SECRET-KEY");
		CU_ASSERT_EQUAL(petrs, 1);
		/* the PETR serves IPv6 EIDs only */
		CU_ASSERT_EQUAL_FATAL(addr_parse("10.0.3.1", &a, NULL, 0), 0);
		CU_ASSERT_FALSE(lisp_af_entry_in(l, LISP_XK_USE_PETR, &a, LISP_AF_IPV4));
		CU_ASSERT_TRUE(lisp_af_entry_in(l, LISP_XK_USE_PETR, &a, LISP_AF_IPV6));
	} else if (!strcmp(name, "xe-v6-xtr.conf")) {
		CU_ASSERT_EQUAL(lisp_af_roles(l, LISP_AF_IPV4), LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_af_roles(l, LISP_AF_IPV6), LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_XE);
		CU_ASSERT(fd.found && !strcmp(fd.d.locset, "RLOCS") && fd.d.n_locs == 2 &&
			  fd.d.locs[1].cfg.ifafi == AFI_IPV6);
		CU_ASSERT_EQUAL(petrs, 1);
		CU_ASSERT_EQUAL(lisp_db_count(l), 2);
	} else if (!strcmp(name, "xe-multitenant-edge.conf")) {
		/* instances 4097 (default table), 4099 (Campus, both
		 * families) and 8188 (Guest, the same IPv4 prefix as Campus) */
		CU_ASSERT_EQUAL(roles, LISP_ROLE_ITR | LISP_ROLE_ETR);
		CU_ASSERT_EQUAL(lisp_style(l), LISP_STYLE_XE);
		CU_ASSERT_TRUE(inst_is(l, 4097, "", 0, 0));
		CU_ASSERT_TRUE(inst_is(l, 4099, "Campus", 1, 1));
		CU_ASSERT_TRUE(inst_is(l, 8188, "Guest", 1, 0));
		CU_ASSERT_EQUAL(lisp_db_count_inst(l, 0, AFI_NONE), 0);
		CU_ASSERT_EQUAL(petrs, 1);
		CU_ASSERT_STRING_EQUAL(key, "lisp-seed-key proxy-reply");
	} else if (!strcmp(name, "ios154-multitenant.conf")) {
		/* RED and BLUE in instances 101 and 102, the same prefix in
		 * both; the site has one prefix per instance */
		CU_ASSERT_EQUAL(roles, LISP_ROLE_ITR | LISP_ROLE_ETR | LISP_ROLE_MS | LISP_ROLE_MR);
		CU_ASSERT_TRUE(inst_is(l, 0, "", 1, 0));
		CU_ASSERT_TRUE(inst_is(l, 101, "RED", 1, 0));
		CU_ASSERT_TRUE(inst_is(l, 102, "BLUE", 1, 0));
		CU_ASSERT_EQUAL(site_eids(l, "TENANTS"), 3);
	} else if (!strcmp(name, "ios15-ddt.conf")) {
		/* DDT root and Map-Server: two authoritative prefixes, two delegations */
		unsigned n_auth = 0, n_deleg = 0;

		CU_ASSERT_EQUAL(roles, LISP_ROLE_MS | LISP_ROLE_MR);
		CU_ASSERT_TRUE(lisp_ddt_enabled(l));
		lisp_ddt_auth_foreach(l, ddt_count_auth, &n_auth);
		lisp_ddt_delegate_foreach(l, ddt_count_deleg, &n_deleg);
		CU_ASSERT_EQUAL(n_auth, 2);
		CU_ASSERT_EQUAL(n_deleg, 3);	/* delegates: one Map-Server, two DDT nodes */
	} else {
		fprintf(stderr, "\n%s: no state checks for this file\n", name);
		CU_FAIL("a corpus file without state checks");
	}
}

/* ---------------------------------------------------------------- tests */

static void test_corpus(void)
{
	const char *dir = SRCDIR "/tests/ios";
	DIR *d = opendir(dir);
	struct dirent *e;
	int files = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d))) {
		char path[600], base[512];
		char *text, *errs = NULL, *errs2 = NULL, *t1, *t2;
		struct shell *a, *b;

		if (!t_has_suffix(e->d_name, ".conf"))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		snprintf(base, sizeof(base), "%s/%.*s", dir, (int)strlen(e->d_name) - 5, e->d_name);
		text = t_slurp(path);
		CU_ASSERT_PTR_NOT_NULL_FATAL(text);
		a = t_rshell_new();
		load_text(a, text, e->d_name, &errs);
		snprintf(path, sizeof(path), "%s.err", base);
		t_golden(path, errs);
		t1 = shell_config_text(a);
		snprintf(path, sizeof(path), "%s.run", base);
		t_golden(path, t1);
		check_state(e->d_name, a);
		/* The print loads back without an error and prints the same. */
		b = t_rshell_new();
		CU_ASSERT_EQUAL(load_text(b, t1, "print", &errs2), 0);
		if (errs2[0])
			fprintf(stderr, "\n%s printed, reloaded:\n%s", e->d_name, errs2);
		t2 = shell_config_text(b);
		if (strcmp(t1, t2))
			t_report_diff(e->d_name, t1, t2);
		CU_ASSERT_STRING_EQUAL(t1, t2);
		check_state(e->d_name, b);
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
	/* At least eight configurations, in every style. */
	CU_ASSERT(files >= 8);
}

static CU_TestInfo tests[] = {
	{ "IOS and IOS-XE configurations: errors, print, round trip, state", test_corpus },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "ios-corpus", NULL, t_pcapdir_clean, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
