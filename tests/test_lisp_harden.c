/*
 * DOC: the LISP engine against an attacker (issue 9), in the in-process lab
 *
 * Replayed Map-Registers (a captured one, and an old one after the site
 * moved to another locator), the ETR's nonces, and the other bounds an
 * outsider could otherwise push: each test states the attack and checks
 * both that it fails and that it is counted where an operator looks.
 */
#include "config.h"

#include "test_lisp_lab.h"
#include "test_lab_shell.h"
#include "lisp_int.h"
#include "cmd_lisp.h"
#include "shell.h"

static struct lab L;

static const struct lisp_stats *S(int r)
{
	return lisp_stats(L.l[r]);
}

static struct lisp_site_eid_info site_eid(const char *a)
{
	struct lisp_site_eid_info e;
	struct addr x = A4(a);

	memset(&e, 0, sizeof(e));
	CU_ASSERT_EQUAL(lisp_site_eid_lookup(L.l[MSR], &x, &e), 0);
	return e;
}

struct site_find {
	const char *name;
	struct lisp_site_info info;
	int found;
};

static int site_fn(const struct lisp_site_info *s, void *arg)
{
	struct site_find *f = arg;

	if (strcmp(s->name, f->name) == 0) {
		f->info = *s;
		f->found++;
	}
	return 0;
}

static struct lisp_site_info site_info(const char *name)
{
	struct site_find f;

	memset(&f, 0, sizeof(f));
	f.name = name;
	lisp_site_foreach(L.l[MSR], site_fn, &f);
	CU_ASSERT_EQUAL(f.found, 1);
	return f.info;
}

/* The n-th (from 0) frame router 'from' sent on a link carrying a
 * control message of this type; NULL if there is none. */
static const struct lab_frame *ctl_frame(int link, int from, unsigned type, int nth)
{
	const struct lab_link *k = &L.link[link];
	const uint8_t *m;
	size_t len;

	for (size_t i = 0; i < k->n; i++) {
		if (k->cap[i].from != from || !(m = lab_udp(&k->cap[i], LISP_CONTROL_PORT, &len)) ||
		    lisp_msg_type(m, len) != type)
			continue;
		if (nth-- == 0)
			return &k->cap[i];
	}
	return NULL;
}

static uint64_t frame_nonce(const struct lab_frame *f)
{
	const uint8_t *m;
	size_t len;
	uint64_t n = 0;

	m = lab_udp(f, LISP_CONTROL_PORT, &len);
	CU_ASSERT_FATAL(m && len >= 12);
	for (int i = 4; i < 12; i++)
		n = n << 8 | m[i];
	return n;
}

/* Put a captured frame on the wire again, toward mapserver. */
static void replay(int link, const struct lab_frame *f)
{
	struct lab_frame copy = *f;

	port_mem_push(L.link[link].p[L.link[link].r[0] == MSR ? 0 : 1], copy.d, copy.len, 0);
	lab_pump(&L);
}

/* Run lines through an enabled shell on lab router r; the transcript. */
static char *sh_run(int r, const char *lines)
{
	return lab_sh(&L, r, lines);
}

static bool sh_has(int r, const char *cmd, const char *want)
{
	char *t = sh_run(r, cmd);
	bool ok = t && strstr(t, want);

	if (!ok)
		fprintf(stderr, "\n'%s' lacks '%s':\n%s\n", cmd, want, t ? t : "");
	free(t);
	return ok;
}

/* A signed Map-Register for n more-specific /32s from base (host order),
 * locator 10.0.3.2; want_notify off, proxy-reply on. */
static ssize_t mk_register(uint8_t *out, size_t cap, const char *key, uint32_t base, unsigned n,
			   uint64_t nonce)
{
	struct lisp_map_register reg;
	struct lisp_record *recs = calloc(n, sizeof(*recs));
	struct lisp_locator loc;
	ssize_t len;

	CU_ASSERT_PTR_NOT_NULL_FATAL(recs);
	memset(&loc, 0, sizeof(loc));
	loc.priority = 1;
	loc.weight = 100;
	loc.reachable = true;
	loc.rloc.addr = A4("10.0.3.2");
	for (unsigned i = 0; i < n; i++) {
		recs[i].ttl = 1440;
		recs[i].authoritative = true;
		addr_set_v4(&recs[i].eid.eid.addr, htonl(base + i));
		recs[i].eid.mask_len = 32;
		recs[i].loc_count = 1;
		recs[i].locs = &loc;
	}
	memset(&reg, 0, sizeof(reg));
	reg.type = LISP_MAP_REGISTER;
	reg.proxy_reply = true;
	reg.nonce = nonce;
	reg.key_id = 0;
	reg.alg_id = LISP_AUTH_HMAC_SHA1;
	reg.record_count = (uint8_t)n;
	reg.records = recs;
	len = lisp_map_register_encode(&reg, key, strlen(key), out, cap);
	free(recs);
	CU_ASSERT_FATAL(len > 0);
	return len;
}

/* A Map-Register from outsideworld (10.0.3.2) to mapserver, on the wire. */
static void send_register(const char *key, uint32_t base, unsigned n, uint64_t nonce)
{
	uint8_t m[1500];
	ssize_t len = mk_register(m, sizeof(m), key, base, n, nonce);

	lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", LISP_CONTROL_PORT,
		       LISP_CONTROL_PORT, m, (size_t)len, 64, 0);
	lab_pump(&L);
}

static void site_M(const char *limit)
{
	char cmds[512];
	char *t;

	snprintf(cmds, sizeof(cmds), "configure terminal\nrouter lisp\nsite M\n"
		 "authentication-key siteM-key\neid-prefix 10.200.0.0/16 accept-more-specifics\n%s%s"
		 "end\n", limit ? limit : "", limit ? "\n" : "");
	t = sh_run(MSR, cmds);
	CU_ASSERT_PTR_NULL(strstr(t, "%"));
	free(t);
}

/* ---------------------------------------------------------------- item 4 */

/* One key registering more-specifics without end: the site's limit holds,
 * the excess is refused and counted, refreshes still go through. */
static void test_more_specifics_limit(void)
{
	uint32_t base = 0x0ac80000;	/* 10.200.0.0 */

	lab_setup(&L, true);
	site_M("limit more-specifics 5");
	CU_ASSERT_EQUAL(site_info("M").more_limit, 5);
	send_register("siteM-key", base + 1, 7, 1001);
	CU_ASSERT_EQUAL(site_info("M").n_more, 5);
	CU_ASSERT_EQUAL(site_info("M").more_refused, 2);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_REG_MORE_LIMIT], 2);
	CU_ASSERT_TRUE(site_eid("10.200.0.5").registered);
	CU_ASSERT_TRUE(site_eid("10.200.0.6").configured);	/* the /16 */
	CU_ASSERT_EQUAL(site_eid("10.200.0.6").prefix.len, 16);
	/* At the limit: refreshes of the five pass, the next two do not. */
	send_register("siteM-key", base + 1, 7, 1002);
	CU_ASSERT_EQUAL(site_info("M").n_more, 5);
	CU_ASSERT_EQUAL(site_info("M").more_refused, 4);
	CU_ASSERT_EQUAL(site_info("M").auth_failures, 0);
	CU_ASSERT_TRUE(sh_has(MSR, "show lisp site name M", "More-specifics over limit: 4"));
	CU_ASSERT_TRUE(sh_has(MSR, "show lisp site 10.200.0.0/16",
			      "More-specifics:       5 registered in the instance, limit 5"));
	CU_ASSERT_TRUE(sh_has(MSR, "show lisp site name M | json", "\"more_specifics_refused\":4"));
	CU_ASSERT_TRUE(sh_has(MSR, "show ip lisp statistics",
			      "Map-Register more-specific limit reached: 4"));
	CU_ASSERT_TRUE(sh_has(MSR, "show ip lisp statistics | json",
			      "\"map_register_more_specific_limit_reached\":4"));
	CU_ASSERT_TRUE(sh_has(MSR, "show running-config", "  limit more-specifics 5\n"));
	/* Raised: the next two fit; lapsed registrations free their places. */
	site_M("limit more-specifics 7");
	send_register("siteM-key", base + 1, 7, 1003);
	CU_ASSERT_EQUAL(site_info("M").n_more, 7);
	CU_ASSERT_EQUAL(site_info("M").more_refused, 4);
	lab_run(&L, 200000);
	CU_ASSERT_EQUAL(site_info("M").n_more, 0);
	/* The default is 1000 and is not written. */
	site_M("no limit more-specifics");
	CU_ASSERT_EQUAL(site_info("M").more_limit, LISP_MORE_SPECIFICS_DEFAULT);
	CU_ASSERT_FALSE(site_info("M").more_limit_set);
	{
		char *t = sh_run(MSR, "show running-config");

		CU_ASSERT_PTR_NULL(strstr(t, "limit more-specifics"));
		free(t);
	}
	CU_ASSERT_TRUE(sh_has(MSR, "configure terminal\nrouter lisp\nsite M\nlimit more-specifics 0",
			      "% Invalid"));
	/* Deleting the parent prefix takes its more-specifics, and the count. */
	send_register("siteM-key", base + 1, 3, 1004);
	CU_ASSERT_EQUAL(site_info("M").n_more, 3);
	CU_ASSERT_TRUE(sh_has(MSR, "configure terminal\nrouter lisp\nsite M\n"
			      "no eid-prefix 10.200.0.0/16\ndo show lisp site name M", "Site name: M"));
	CU_ASSERT_EQUAL(site_info("M").n_more, 0);
	lab_teardown(&L);
}

/*
 * 65,536 more-specifics registered, then printed: the show command takes
 * the router lock for slices of at most 256 entries, and a Map-Request
 * sent while it prints is answered before the print ends; 'show lisp site
 * summary' counts them in slices too.
 */
struct print_probe {
	unsigned long locks;
	bool asked, answered, answered_in_print;
	struct lisp_lig_result res;
};
static struct print_probe PP;

static void probe_lig_done(void *arg, const struct lisp_lig_result *res)
{
	struct print_probe *p = arg;

	p->answered = true;
	p->res = *res;
}

static void probe_lock(void *arg)
{
	struct print_probe *p = arg;
	struct addr eid = A4("10.200.1.17");
	char err[160];

	p->locks++;
	/* The shell takes the lock back after a slice: the lab runs a
	 * lig from lisp1 meanwhile, as the event loop would. */
	if (p->locks == 3 && !p->asked) {
		p->asked = true;
		CU_ASSERT_EQUAL(lisp_lig(L.l[LISP1], &eid, NULL, probe_lig_done, p, err, sizeof(err)), 0);
		lab_pump(&L);
		p->answered_in_print = p->answered;
	}
}

static void lock_none(void *arg)
{
	(void)arg;
}

/* cmd's transcript on lab router r, the router lock taken through lock
 * (with arg); *slices: how many slices the show commands printed in. */
static char *sliced_run(int r, const char *cmd, void (*lock)(void *), void *arg,
			unsigned long *slices)
{
	struct shell *sh = shell_new();
	struct shell_sess *s;
	char *tr = NULL;
	size_t len = 0;
	FILE *out;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	shell_set_router(sh, L.r[r]);
	shell_set_lisp(sh, L.l[r]);
	shell_set_lock(sh, lock, lock_none, arg);
	out = open_memstream(&tr, &len);
	s = shell_sess_new(sh, SHELL_BATCH, t_out_stream, out);
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
	*slices = lisp_show_slices;
	shell_exec(s, cmd);
	*slices = lisp_show_slices - *slices;
	shell_sess_free(s);
	fclose(out);
	shell_set_lock(sh, NULL, NULL, NULL);
	shell_free(sh);
	return tr;
}

static void test_show_in_slices(void)
{
	const unsigned total = 65536, per = 255;
	uint32_t base = 0x0ac80000;	/* 10.200.0.0 */
	char *tr = NULL, err[160];
	size_t len = 0, lines = 0;
	unsigned long slices;
	uint8_t *m = malloc(65536);
	struct addr from = A4("10.0.3.2"), to = A4("10.0.3.1");

	CU_ASSERT_PTR_NOT_NULL_FATAL(m);
	lab_setup(&L, true);
	site_M(NULL);
	CU_ASSERT_EQUAL(lisp_site_set_more_limit(L.l[MSR], "M", total, err, sizeof(err)), 0);
	for (unsigned i = 0; i < total; i += per) {
		unsigned n = total - i < per ? total - i : per;
		ssize_t ml = mk_register(m, 65536, "siteM-key", base + i, n, 5000 + i);

		lisp_ms_map_register(L.l[MSR], NULL, &from, &to, LISP_CONTROL_PORT, m, (size_t)ml);
	}
	free(m);
	CU_ASSERT_EQUAL_FATAL(site_info("M").n_more, total);
	CU_ASSERT_EQUAL(site_info("M").more_refused, 0);

	memset(&PP, 0, sizeof(PP));
	tr = sliced_run(MSR, "show lisp site name M", probe_lock, &PP, &slices);
	len = tr ? strlen(tr) : 0;
	/* By hand, not strstr(): under ASan every strstr() call measures the
	 * whole remaining haystack, which made this count quadratic (minutes). */
	static const char pat[] = "  EID-prefix: 10.200.";
	for (size_t i = 0; tr && i + sizeof(pat) - 1 <= len; i++)
		if (tr[i] == ' ' && !memcmp(tr + i, pat, sizeof(pat) - 1))
			lines++;
	CU_ASSERT_EQUAL(lines, total + 1);	/* and the /16 */
	if (lines != total + 1)
		fprintf(stderr, "%zu lines; slices %lu: %.300s\n", lines, slices, tr);
	/* at most 256 copied per slice: at least total / 256 slices, each a
	 * release and a retake of the lock */
	CU_ASSERT_TRUE(slices >= total / 256);
	CU_ASSERT_TRUE(PP.locks >= total / 256);
	CU_ASSERT_TRUE(PP.asked);
	CU_ASSERT_TRUE(PP.answered_in_print);
	CU_ASSERT_TRUE(PP.res.replied);
	CU_ASSERT_EQUAL(PP.res.prefix.len, 32);
	free(tr);
	/* The map-cache and database print in slices too (lisp1 has one
	 * entry each: a single slice apiece). */
	slices = lisp_show_slices;
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp map-cache", "10.200.1.17/32"));
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp database", "192.168.1.0/24"));
	CU_ASSERT_TRUE(lisp_show_slices - slices >= 3);
	/* 'show lisp site summary' counts the registry in slices as well:
	 * site M's /16 configured, its more-specifics registered. */
	{
		char want[80];

		snprintf(want, sizeof(want), "%-20s %10u %10u %6u", "M", 1u, total, 0u);
		slices = lisp_show_slices;
		CU_ASSERT_TRUE(sh_has(MSR, "show lisp site summary", want));
		CU_ASSERT_TRUE(lisp_show_slices - slices >= total / 256);
	}
	lab_teardown(&L);
}

/*
 * 'show ip cef' and 'show ip route' print in slices too: 3,000 map-cache
 * entries, the lock let go at least every 256 rows.  Between two slices
 * (from the lock hook, as another session would) entries ahead of the
 * print are removed and others added: the rows still come once each, in
 * prefix order, the removed ones not at all, and nothing is read after
 * it was freed (the sanitizer build runs this too).
 */
struct cef_probe {
	unsigned locks;
	bool changed;
};
static struct cef_probe CP;

static void mc_entry_add(unsigned i)
{
	struct lisp_loc_cfg loc;
	struct prefix p;
	struct addr a;
	char err[160];

	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.3.2");
	loc.priority = 1;
	loc.weight = 100;
	addr_set_v4(&a, htonl(0x64000000u | i << 8));	/* 100.x.y.0/24 */
	prefix_make(&p, &a, 24);
	CU_ASSERT_EQUAL(lisp_map_cache_static_add(L.l[LISP1], &p, LISP_ACT_NO_ACTION, &loc, err, sizeof(err)), 0);
}

static void mc_entry_del(unsigned i)
{
	struct prefix p;
	struct addr a;
	char err[160];

	addr_set_v4(&a, htonl(0x64000000u | i << 8));
	prefix_make(&p, &a, 24);
	CU_ASSERT_EQUAL(lisp_map_cache_static_del(L.l[LISP1], &p, err, sizeof(err)), 0);
}

static void cef_lock(void *arg)
{
	struct cef_probe *p = arg;

	/* the third lock: the first slice is out */
	if (++p->locks == 3 && !p->changed) {
		p->changed = true;
		for (unsigned i = 2000; i < 2100; i++)
			mc_entry_del(i);
		for (unsigned i = 3000; i < 3010; i++)
			mc_entry_add(i);
	}
}


/* The 100.x.y.0/24 rows of a transcript, in order: each line starting
 * with lead then the prefix (fields as sscanf reads them). */
static unsigned cef_rows(const char *tr, const char *lead, unsigned *seen, unsigned max)
{
	unsigned n = 0, a, b, last = 0;
	bool ordered = true;
	const char *line;
	size_t ll = strlen(lead);

	for (line = tr; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
		if (strncmp(line, lead, ll) || sscanf(line + ll, "100.%u.%u.0/24", &a, &b) != 2)
			continue;
		if (n && a * 256 + b <= last)
			ordered = false;
		last = a * 256 + b;
		if (last < max)
			seen[last]++;
		n++;
	}
	CU_ASSERT_TRUE(ordered);
	return n;
}

/* Each row of the walk is the row lisp_cef_exact_vrf() finds directly. */
struct exact_chk {
	unsigned rows, same;
};

static int exact_fn(const struct lisp_cef_info *c, void *arg)
{
	struct exact_chk *x = arg;
	struct lisp_cef_info d;

	x->rows++;
	if (lisp_cef_exact_vrf(L.l[LISP1], VRF_DEFAULT, &c->prefix, &d) == 0 &&
	    prefix_eq(&d.prefix, &c->prefix) && d.route_found == c->route_found &&
	    d.mc_found == c->mc_found && d.action == c->action && d.eligible == c->eligible &&
	    addr_cmp(&d.nexthop, &c->nexthop) == 0)
		x->same++;
	else if (x->rows - x->same == 1)
		fprintf(stderr, "exact row differs at row %u\n", x->rows);
	return 0;
}

/*
 * The running-config writes long runs of static map-cache entries in
 * slices of 512, the router lock let go between them (85,000 held it
 * 88 ms): the text is the one written at once; entries removed meanwhile
 * (the one the last slice ended on among them) and added ahead of the
 * print show as a table printed in slices does, each row once, in order.
 */
struct rc_probe {
	unsigned locks;
	unsigned at;			/* change() when the lock is taken the at'th time */
	void (*change)(void);
};

static void rc_lock(void *arg)
{
	struct rc_probe *p = arg;

	if (++p->locks == p->at && p->change)
		p->change();
}

/* After the first slice (512 entries) */
static void mc_change(void)
{
	mc_entry_del(511);
	for (unsigned i = 2100; i < 2200; i++)
		mc_entry_del(i);
	for (unsigned i = 5000; i < 5010; i++)
		mc_entry_add(i);
}

/* Router r's running-config, written at once or in slices, the lock
 * taken through rc_lock(p). */
static char *cfg_text(int r, bool sliced, struct rc_probe *p)
{
	struct shell *sh = shell_new();
	char *t;

	CU_ASSERT_PTR_NOT_NULL_FATAL(sh);
	shell_set_router(sh, L.r[r]);
	shell_set_lisp(sh, L.l[r]);
	shell_set_lock(sh, rc_lock, lock_none, p);
	t = sliced ? shell_config_text_sliced(sh) : shell_config_text(sh);
	shell_set_lock(sh, NULL, NULL, NULL);
	shell_free(sh);
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	return t;
}

static unsigned count_lines(const char *t, const char *lead)
{
	unsigned n = 0;
	size_t ll = strlen(lead);

	for (const char *line = t; line && *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL)
		n += !strncmp(line, lead, ll);
	return n;
}

static void test_running_config_in_slices(void)
{
	static unsigned seen[5100];
	struct rc_probe p = { 0, 0, NULL };
	unsigned long slices;
	char *plain, *sliced, *cfg, *o;
	unsigned i;
	bool ok = true;

	lab_setup(&L, true);
	for (i = 0; i < 5000; i++)
		mc_entry_add(i);
	plain = cfg_text(LISP1, false, &p);
	CU_ASSERT_EQUAL(p.locks, 0);
	sliced = cfg_text(LISP1, true, &p);
	CU_ASSERT_STRING_EQUAL(sliced, plain);
	CU_ASSERT_EQUAL(p.locks, 11);	/* 5,000 in ten slices, then put together */
	CU_ASSERT_EQUAL(count_lines(sliced, "ip lisp map-cache 100."), 5000);
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, "\nip lisp map-cache 100.0.7.0/24 10.0.3.2 priority 1 weight 100\n"));
	CU_ASSERT_PTR_NULL(strchr(sliced, '\001'));	/* no mark left */
	free(plain);
	free(sliced);
	/* Changed between the slices. */
	p = (struct rc_probe){ 0, 2, mc_change };
	sliced = cfg_text(LISP1, true, &p);
	memset(seen, 0, sizeof(seen));
	CU_ASSERT_EQUAL(cef_rows(sliced, "ip lisp map-cache ", seen, 5100), 5000 - 100 + 10);
	for (i = 0; i < 5010; i++) {
		unsigned want = i >= 2100 && i < 2200 ? 0 : 1;

		if (seen[i] != want && ok) {
			fprintf(stderr, "entry %u seen %u times\n", i, seen[i]);
			ok = false;
		}
	}
	CU_ASSERT_TRUE(ok);
	free(sliced);
	/* 'show running-config' and 'write memory' take it in slices */
	memset(&CP, 0, sizeof(CP));
	CP.changed = true;
	plain = sliced_run(LISP1, "show running-config", cef_lock, &CP, &slices);
	CU_ASSERT_TRUE(CP.locks >= 4);		/* the command's own, three slices */
	CU_ASSERT_EQUAL(count_lines(plain, "ip lisp map-cache 100."), 4909);	/* 511 went */
	free(plain);

	/* IOS-XE: an instance's service ipv4 and ipv6, 2,100 entries each. */
	cfg = malloc(4200 * 64 + 256);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
	o = cfg + sprintf(cfg, "configure terminal\nrouter lisp\n instance-id 0\n  service ipv4\n"
			       "   eid-table default\n");
	for (i = 0; i < 2100; i++)
		o += sprintf(o, "   map-cache 100.%u.%u.0/24 10.0.3.2 priority 1 weight 100\n", 100 + i / 256,
			     i % 256);
	o += sprintf(o, "   exit-service-ipv4\n  service ipv6\n   eid-table default\n");
	for (i = 0; i < 2100; i++)
		o += sprintf(o, "   map-cache 2001:db8:%x::/48 10.0.3.2 priority 1 weight 100\n", i + 1);
	sprintf(o, "   exit-service-ipv6\n end\n");
	free(sh_run(LISP2, cfg));
	free(cfg);
	p = (struct rc_probe){ 0, 0, NULL };
	plain = cfg_text(LISP2, false, &p);
	sliced = cfg_text(LISP2, true, &p);
	CU_ASSERT_STRING_EQUAL(sliced, plain);
	/* A slice is 512 entries walked, of either family: 4,200 each */
	CU_ASSERT_EQUAL(p.locks, 9 + 9 + 1);
	CU_ASSERT_EQUAL(count_lines(sliced, "   map-cache 100."), 2100);
	CU_ASSERT_EQUAL(count_lines(sliced, "   map-cache 2001:db8:"), 2100);
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, "   map-cache 2001:db8:834::/48 10.0.3.2 priority 1 weight 100\n"
					      "   exit-service-ipv6\n"));
	free(plain);
	free(sliced);
	lab_teardown(&L);
}

/*
 * Static routes too: more than 512 in a VRF and family are written in
 * slices.  Three next hops per prefix, so a slice ends inside a prefix
 * (512 = 170 * 3 + 2); between slices the route a slice ended on goes,
 * a prefix ahead goes, routes are added ahead and behind; another run
 * deletes a VRF while its routes are being written.
 */
static void route4(const char *p, const char *gw, bool add, unsigned vrf)
{
	struct prefix x;
	struct addr g;
	char err[160];

	CU_ASSERT_EQUAL_FATAL(prefix_parse(p, &x, NULL, 0), 0);
	CU_ASSERT_EQUAL_FATAL(addr_parse(gw, &g, NULL, 0), 0);
	if (add)
		CU_ASSERT_EQUAL(fib_static_add_vrf(L.r[LISP1], vrf, &x, &g, NULL, 1, err, sizeof(err)), 0);
	if (!add)
		CU_ASSERT_EQUAL(fib_static_del_vrf(L.r[LISP1], vrf, &x, &g, NULL, err, sizeof(err)), 0);
}

static char last_gw[16];		/* of 20.0.170.0/24: the first slice's last */

static void routes_change(void)
{
	route4("20.0.170.0/24", last_gw, false, 0);
	route4("20.0.200.0/24", "10.0.1.1", false, 0);
	route4("20.0.200.0/24", "10.0.1.3", false, 0);
	route4("20.0.200.0/24", "10.0.1.4", false, 0);
	route4("20.0.170.0/24", "10.0.1.100", true, 0);	/* after it: printed */
	route4("20.0.100.0/24", "10.0.1.100", true, 0);	/* behind: not */
	route4("20.3.0.0/24", "10.0.1.1", true, 0);
}

static void vrf_gone(void)
{
	char err[160];

	CU_ASSERT_EQUAL(vrf_delete(L.r[LISP1], "BLUE", err, sizeof(err)), 0);
}

static void test_running_config_routes_in_slices(void)
{
	struct rc_probe p = { 0, 0, NULL };
	char *plain, *sliced, *cfg, *o;
	unsigned i, g, n4, n6, v4, v6;

	lab_setup(&L, true);
	cfg = malloc(3000 * 80 + 512);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
	o = cfg + sprintf(cfg, "configure terminal\nipv6 unicast-routing\nvrf definition BLUE\n"
			       " address-family ipv4\n exit-address-family\n address-family ipv6\n"
			       " exit-address-family\n exit\n");
	for (i = 0; i < 600; i++)
		for (g = 0; g < 3; g++)
			o += sprintf(o, "ip route 20.%u.%u.0 255.255.255.0 10.0.1.%u\n", i / 256, i % 256,
				     g ? g + 2 : 1);
	for (i = 0; i < 600; i++)
		o += sprintf(o, "ip route vrf BLUE 30.%u.%u.0 255.255.255.0 10.9.9.9\n", i / 256, i % 256);
	for (i = 0; i < 600; i++)
		o += sprintf(o, "ipv6 route 2001:db8:a:%x::/64 2001:db8::2\n", i);
	for (i = 0; i < 600; i++)
		o += sprintf(o, "ipv6 route vrf BLUE 2001:db8:b:%x::/64 2001:db8::2\n", i);
	sprintf(o, "end\n");
	free(sh_run(LISP1, cfg));
	free(cfg);
	plain = cfg_text(LISP1, false, &p);
	n4 = count_lines(plain, "ip route 20.");
	v4 = count_lines(plain, "ip route vrf BLUE 30.");
	n6 = count_lines(plain, "ipv6 route 2001:DB8:A:");
	v6 = count_lines(plain, "ipv6 route vrf BLUE 2001:DB8:B:");
	CU_ASSERT_EQUAL(n4, 1800);
	CU_ASSERT_EQUAL(v4, 600);
	CU_ASSERT_EQUAL(n6, 600);
	CU_ASSERT_EQUAL(v6, 600);
	sliced = cfg_text(LISP1, true, &p);
	CU_ASSERT_STRING_EQUAL(sliced, plain);
	/* 4 + 2 + 2 + 2 slices, then put together */
	CU_ASSERT_EQUAL(p.locks, 11);
	free(sliced);
	/* Changed after the first slice, which ends inside 20.0.170.0/24
	 * (the lab's own routes come first: 512 - 510 - theirs). */
	{
		const char *first = strstr(plain, "\nip route 20.");
		unsigned before = 0, k;

		for (const char *l = strstr(plain, "\nip route "); l && l < first; l = strstr(l + 1, "\nip route "))
			before++;
		k = 511 - before - 510;		/* 0, 1 or 2: that prefix's next hops */
		CU_ASSERT_FATAL(k < 3);
		snprintf(last_gw, sizeof(last_gw), "10.0.1.%u", k ? k + 2 : 1);
	}
	p = (struct rc_probe){ 0, 2, routes_change };
	sliced = cfg_text(LISP1, true, &p);
	CU_ASSERT_EQUAL(count_lines(sliced, "ip route 20."), 1800 - 3 + 1 + 1);
	/* the one gone was printed already, the new one after it is */
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, "\nip route 20.0.170.0 255.255.255.0 10.0.1.1\n"
					      "ip route 20.0.170.0 255.255.255.0 10.0.1.3\n"
					      "ip route 20.0.170.0 255.255.255.0 10.0.1.4\n"
					      "ip route 20.0.170.0 255.255.255.0 10.0.1.100\n"
					      "ip route 20.0.171.0 255.255.255.0 10.0.1.1\n"));
	CU_ASSERT_PTR_NULL(strstr(sliced, "ip route 20.0.200.0 "));
	CU_ASSERT_PTR_NULL(strstr(sliced, "ip route 20.0.100.0 255.255.255.0 10.0.1.100\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, "\nip route 20.2.87.0 255.255.255.0 10.0.1.4\n"
					      "ip route 20.3.0.0 255.255.255.0 10.0.1.1\n"));
	free(sliced);
	/* The VRF deleted after the first slice of its IPv4 routes: the
	 * rest of them and its IPv6 routes do not print. */
	p = (struct rc_probe){ 0, 5 + 1, vrf_gone };
	sliced = cfg_text(LISP1, true, &p);
	CU_ASSERT_EQUAL(count_lines(sliced, "ip route vrf BLUE 30."), 512);
	CU_ASSERT_EQUAL(count_lines(sliced, "ipv6 route vrf BLUE "), 0);
	CU_ASSERT_EQUAL(count_lines(sliced, "ipv6 route 2001:DB8:A:"), 600);
	free(sliced);
	free(plain);
	lab_teardown(&L);
}

/*
 * Interfaces too: more than 256 are written in slices, Loopbacks first;
 * between slices the one the first slice ended on goes, one ahead goes,
 * one is made ahead.
 */
static char if_last[IFACE_NAMELEN];

static int nth_iface(struct iface *ifp, void *arg)
{
	unsigned *k = arg;

	if (++*k < 256)
		return 0;
	snprintf(if_last, sizeof(if_last), "%s", iface_name(ifp));
	return 1;
}

static void ifaces_change(void)
{
	char err[160];

	CU_ASSERT_EQUAL(iface_delete(L.r[LISP1], iface_find(L.r[LISP1], if_last), err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(iface_delete(L.r[LISP1], iface_find(L.r[LISP1], "Loopback500"), err, sizeof(err)), 0);
	CU_ASSERT_PTR_NOT_NULL(iface_get(L.r[LISP1], "Loopback1000", err, sizeof(err)));
}

static void test_running_config_ifaces_in_slices(void)
{
	struct rc_probe p = { 0, 0, NULL };
	char *plain, *sliced, *cfg, *o, want[64];
	unsigned i, k = 0, nlo;
	bool ok = true;

	lab_setup(&L, true);
	cfg = malloc(600 * 32 + 64);
	CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
	o = cfg + sprintf(cfg, "configure terminal\n");
	for (i = 1; i <= 600; i++)
		o += sprintf(o, "interface Loopback%u\n exit\n", i);
	sprintf(o, "end\n");
	free(sh_run(LISP1, cfg));
	free(cfg);
	plain = cfg_text(LISP1, false, &p);
	nlo = count_lines(plain, "interface Loopback");
	CU_ASSERT_EQUAL(nlo, 601);		/* and the lab's Loopback0 */
	sliced = cfg_text(LISP1, true, &p);
	CU_ASSERT_STRING_EQUAL(sliced, plain);
	CU_ASSERT_TRUE(p.locks >= 4);		/* 600 loopbacks, twice walked */
	free(sliced);
	iface_foreach(L.r[LISP1], nth_iface, &k);
	CU_ASSERT_EQUAL_FATAL(strncmp(if_last, "Loopback", 8), 0);
	p = (struct rc_probe){ 0, 2, ifaces_change };
	sliced = cfg_text(LISP1, true, &p);
	CU_ASSERT_EQUAL(count_lines(sliced, "interface Loopback"), nlo);	/* -1 +1 */
	for (i = 0; i <= 1000; i++) {
		unsigned want_n = i <= 600 ? i != 500 : i == 1000;

		snprintf(want, sizeof(want), "\ninterface Loopback%u\n", i);
		if ((strstr(sliced, want) != NULL) != want_n && ok) {
			fprintf(stderr, "Loopback%u: %s\n", i, want_n ? "missing" : "printed");
			ok = false;
		}
	}
	CU_ASSERT_TRUE(ok);
	snprintf(want, sizeof(want), "\ninterface %s\n", if_last);	/* written, then gone */
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, want));
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, "\ninterface Ethernet0\n"));
	free(sliced);
	free(plain);
	lab_teardown(&L);
}

/*
 * Sites too: more than 256 of a kind are written in slices, each site's
 * EID prefixes from the list it keeps, in instance then prefix order
 * whatever the order they were configured in; between slices the site
 * the first slice ended on goes, one ahead goes, one is made ahead.
 */
static char site_last[LISP_NAME_MAX];

static void site_with_eids(const char *name, unsigned i)
{
	struct prefix p;
	struct addr a;
	char err[160];

	CU_ASSERT_EQUAL(lisp_site_add(L.l[MSR], name, err, sizeof(err)), 0);
	addr_set_v4(&a, htonl(0x0a050000u + (i << 8)));	/* 10.5+.x.0/24, instance 5 */
	prefix_make(&p, &a, 24);
	p.addr.iid = 5;
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], name, &p, false, err, sizeof(err)), 0);
	addr_set_v4(&a, htonl(0x0b000000u + (i << 8)));	/* 11.x.y.0/24, instance 0 */
	prefix_make(&p, &a, 24);
	CU_ASSERT_EQUAL(lisp_site_eid_add(L.l[MSR], name, &p, true, err, sizeof(err)), 0);
}

static int nth_site(const struct lisp_site_info *s, void *arg)
{
	unsigned *k = arg;

	if (++*k < 256)
		return 0;
	snprintf(site_last, sizeof(site_last), "%s", s->name);
	return 1;
}

static void sites_change(void)
{
	char err[160];

	CU_ASSERT_EQUAL(lisp_site_del(L.l[MSR], site_last, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_site_del(L.l[MSR], "S500", err, sizeof(err)), 0);
	site_with_eids("S999", 999);
}

static void sites_change2(void)
{
	char err[160];

	CU_ASSERT_EQUAL(lisp_site_del(L.l[MSR], "S300", err, sizeof(err)), 0);
	site_with_eids("S998", 998);
}

static void test_running_config_sites_in_slices(void)
{
	struct rc_probe p = { 0, 0, NULL };
	char *plain, *sliced, name[16], want[LISP_NAME_MAX + 16];
	unsigned i, k = 0, nsites;
	bool ok = true;

	lab_setup(&L, true);
	for (i = 0; i < 600; i++) {
		snprintf(name, sizeof(name), "S%03u", i);
		site_with_eids(name, i);
	}
	plain = cfg_text(MSR, false, &p);
	nsites = count_lines(plain, "lisp site ");
	CU_ASSERT_TRUE(nsites >= 600);
	CU_ASSERT_PTR_NOT_NULL(strstr(plain, "\nlisp site S007\n eid-prefix 11.0.7.0/24 accept-more-specifics\n"
					     " eid-prefix instance-id 5 10.5.7.0/24\n!\nlisp site S008\n"));
	sliced = cfg_text(MSR, true, &p);
	CU_ASSERT_STRING_EQUAL(sliced, plain);
	CU_ASSERT_TRUE(p.locks >= 4);		/* 600 sites in three slices */
	free(sliced);
	lisp_site_foreach(L.l[MSR], nth_site, &k);
	CU_ASSERT_EQUAL_FATAL(site_last[0], 'S');
	p = (struct rc_probe){ 0, 2, sites_change };
	sliced = cfg_text(MSR, true, &p);
	CU_ASSERT_EQUAL(count_lines(sliced, "lisp site "), nsites);	/* -1 +1 */
	for (i = 0; i < 1000; i++) {
		bool want_it = i < 600 ? i != 500 : i == 999;

		snprintf(want, sizeof(want), "\nlisp site S%03u\n", i);
		if ((strstr(sliced, want) != NULL) != want_it && ok) {
			fprintf(stderr, "S%03u: %s\n", i, want_it ? "missing" : "printed");
			ok = false;
		}
	}
	CU_ASSERT_TRUE(ok);
	snprintf(want, sizeof(want), "\nlisp site %s\n", site_last);	/* written, then gone */
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, want));
	CU_ASSERT_PTR_NOT_NULL(strstr(sliced, "\nlisp site S999\n eid-prefix 11.3.231.0/24 accept-more-specifics\n"));
	free(sliced);
	free(plain);
	/* 'show lisp site' copies the sites 256 at a time: every site once,
	 * in order; S998 (ahead) made and S300 (ahead) deleted while the
	 * first chunk prints. */
	{
		static bool seen[1000];
		unsigned long slices;
		unsigned x, last = 0, rows = 0;
		char *tr;

		p = (struct rc_probe){ 0, 100, sites_change2 };
		tr = sliced_run(MSR, "show lisp site", rc_lock, &p, &slices);
		CU_ASSERT_PTR_NOT_NULL_FATAL(tr);
		memset(seen, 0, sizeof(seen));
		for (const char *l = tr; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
			if (sscanf(l, "S%3u ", &x) != 1 || x >= 1000)
				continue;
			if (seen[x] || (rows && x <= last))
				ok = false;
			seen[x] = true;
			last = x;
			rows++;
		}
		CU_ASSERT_TRUE(ok);
		CU_ASSERT_FALSE(seen[300]);
		CU_ASSERT_TRUE(seen[998]);
		CU_ASSERT_TRUE(seen[999]);
		CU_ASSERT_TRUE(seen[0] && seen[599]);
		/* 600, less the two the running-config's change took and S300,
		 * and S999 and S998 */
		CU_ASSERT_EQUAL(rows, 600 - 3 + 2);
		CU_ASSERT_TRUE(p.locks > 600);		/* a slice of rows per site */
		free(tr);
	}
	lab_teardown(&L);
}

static void test_cef_in_slices(void)
{
	static unsigned seen[3100];
	unsigned long slices;
	unsigned i, rows;
	char *tr;
	bool ok = true;

	lab_setup(&L, true);
	for (i = 0; i < 3000; i++)
		mc_entry_add(i);
	memset(&CP, 0, sizeof(CP));
	tr = sliced_run(LISP1, "show ip cef", cef_lock, &CP, &slices);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tr);
	memset(seen, 0, sizeof(seen));
	rows = cef_rows(tr, "", seen, 3100);
	for (i = 0; i < 3010; i++) {
		unsigned want = i >= 2000 && i < 2100 ? 0 : 1;

		if (seen[i] != want && ok) {
			fprintf(stderr, "row %u seen %u times\n", i, seen[i]);
			ok = false;
		}
	}
	CU_ASSERT_TRUE(ok);
	CU_ASSERT_EQUAL(rows, 2910);
	CU_ASSERT_TRUE(CP.changed);
	CU_ASSERT_TRUE(slices >= 3000 / 256);
	CU_ASSERT_TRUE(CP.locks >= 3000 / 256);
	/* the rows' hop: encapsulated to the locator */
	CU_ASSERT_PTR_NOT_NULL(strstr(tr, "100.1.2.0/24         10.0.3.2             LISP0"));
	free(tr);
	/* 'show ip cef P M' finds its row without the walk: the same row */
	{
		struct exact_chk x = { 0, 0 };
		struct lisp_cef_info d;
		struct prefix none;

		CU_ASSERT_EQUAL(lisp_cef_foreach_vrf(L.l[LISP1], VRF_DEFAULT, AFI_IPV4, exact_fn, &x), 0);
		CU_ASSERT_TRUE(x.rows > 2910);
		CU_ASSERT_EQUAL(x.same, x.rows);
		none = P4("100.30.0.0/16");
		CU_ASSERT_EQUAL(lisp_cef_exact_vrf(L.l[LISP1], VRF_DEFAULT, &none, &d), -1);
	}

	/* 'show ip route' copies its rows the same way: code l */
	memset(&CP, 0, sizeof(CP));
	CP.changed = true;
	tr = sliced_run(LISP1, "show ip route", cef_lock, &CP, &slices);
	CU_ASSERT_PTR_NOT_NULL_FATAL(tr);
	memset(seen, 0, sizeof(seen));
	CU_ASSERT_EQUAL(cef_rows(tr, "l        ", seen, 3100), 2910);
	CU_ASSERT_PTR_NOT_NULL(strstr(tr, "l        100.1.2.0/24 via 10.0.3.2, LISP0"));
	CU_ASSERT_TRUE(slices >= 2910 / 256);
	free(tr);

	/* 'show ipv6 route' too: 600 routes, every one once, in order */
	{
		char *cfg = malloc(600 * 48 + 64), *o = cfg, want[48];
		size_t found = 0;
		unsigned last = 0;
		bool ordered = true;

		CU_ASSERT_PTR_NOT_NULL_FATAL(cfg);
		o += sprintf(o, "configure terminal\nipv6 unicast-routing\n");
		for (i = 0; i < 600; i++)
			o += sprintf(o, "ipv6 route 2001:DB8:%X::/48 Null0\n", i + 1);
		free(sh_run(LISP1, cfg));
		free(cfg);
		tr = sliced_run(LISP1, "show ipv6 route", lock_none, NULL, &slices);
		CU_ASSERT_PTR_NOT_NULL_FATAL(tr);
		for (const char *line = tr; line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : NULL) {
			unsigned x;

			if (sscanf(line, "S   2001:DB8:%X::/48", &x) != 1)
				continue;
			if (found && x <= last)
				ordered = false;
			last = x;
			found++;
		}
		CU_ASSERT_EQUAL(found, 600);
		if (found != 600)
			fprintf(stderr, "%zu rows: %.600s\n", found, tr);
		CU_ASSERT_TRUE(ordered);
		CU_ASSERT_TRUE(slices >= 600 / 256);
		snprintf(want, sizeof(want), "IPv6 Routing Table - default - ");
		CU_ASSERT_PTR_NOT_NULL(strstr(tr, want));
		free(tr);
	}
	/* 'show arp' and 'show ipv6 neighbors' copy their rows and print
	 * them with the lock let go: taken again after the command's own */
	memset(&CP, 0, sizeof(CP));
	CP.changed = true;
	tr = sliced_run(LISP1, "show arp", cef_lock, &CP, &slices);
	CU_ASSERT_TRUE(tr && strstr(tr, "Internet  10.0."));
	CU_ASSERT_TRUE(CP.locks >= 2);
	free(tr);
	memset(&CP, 0, sizeof(CP));
	CP.changed = true;
	tr = sliced_run(LISP1, "show ipv6 neighbors", cef_lock, &CP, &slices);
	CU_ASSERT_TRUE(tr && strstr(tr, "IPv6 Address"));
	CU_ASSERT_TRUE(CP.locks >= 2);
	free(tr);
	/* So do 'show interfaces', 'show ip interface brief' and 'show ipv6
	 * interface' (| json) */
	{
		static const char *const cmds[] = { "show interfaces", "show interfaces Ethernet0",
						    "show ip interface brief",
						    "show ip interface brief | json", "show ipv6 interface",
						    "show ipv6 interface brief | json" };
		static const char *const want[] = { "Loopback0 is up, line protocol is up",
						    "  Internet address is 10.0.1.2/24",
						    "Loopback0                  192.168.1.1     YES manual",
						    "\"interface\":\"Ethernet0\"",
						    "Loopback0 is up, line protocol is up",
						    "\"interface\":\"Loopback0\"" };

		for (unsigned c = 0; c < 6; c++) {
			memset(&CP, 0, sizeof(CP));
			CP.changed = true;
			tr = sliced_run(LISP1, cmds[c], cef_lock, &CP, &slices);
			if (!tr || !strstr(tr, want[c]))
				fprintf(stderr, "%s: %s\n", cmds[c], tr ? tr : "(null)");
			CU_ASSERT_TRUE(tr && strstr(tr, want[c]));
			CU_ASSERT_TRUE(CP.locks >= 2);
			if (c == 1)
				CU_ASSERT_TRUE(tr && !strstr(tr, "Loopback0"));
			free(tr);
		}
	}
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- item 6 */

/* A data packet from lisp1's EID space to dst, into its Ethernet0. */
static void data_to(uint32_t dst)
{
	uint8_t payload[32] = { 0 };
	char d[INET_ADDRSTRLEN];
	struct in_addr a = { htonl(dst) };

	inet_ntop(AF_INET, &a, d, sizeof(d));
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "192.168.1.5", d, 5000, 6000, payload,
		       sizeof(payload), 64, 0);
}

/*
 * A dead map-resolver and data to ever new destinations: the router-wide
 * rate and the cap on outstanding requests hold, and both are counted.
 */
static void test_map_request_budget(void)
{
	struct addr mr = A4("10.0.3.1"), dead = A4("10.0.3.2");
	uint32_t dst = 0xac100001;	/* 172.16.0.1 */
	uint64_t out0, out;
	unsigned max_seen = 0;
	char err[160];

	lab_setup(&L, true);
	lab_run(&L, 1000);
	CU_ASSERT_EQUAL(lisp_map_resolver_del(L.l[LISP1], &mr, err, sizeof(err)), 0);
	CU_ASSERT_EQUAL(lisp_map_resolver_add(L.l[LISP1], &dead, err, sizeof(err)), 0);
	CU_ASSERT_TRUE(sh_has(LISP1, "configure terminal\nip lisp map-request rate-limit 50\n"
			      "ip lisp map-request outstanding-limit 100\nend\nshow running-config",
			      "ip lisp map-request rate-limit 50\nip lisp map-request outstanding-limit 100\n"));
	CU_ASSERT_EQUAL(lisp_map_request_rate_limit(L.l[LISP1]), 50);
	CU_ASSERT_EQUAL(lisp_map_request_outstanding_limit(L.l[LISP1]), 100);
	out0 = S(LISP1)->mreq_out;
	/* A burst: 2,000 destinations at the same instant; one second's
	 * worth of requests goes. */
	for (int i = 0; i < 2000; i++)
		data_to(dst++);
	lab_pump(&L);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_out - out0, 50);
	CU_ASSERT_EQUAL(lisp_map_request_outstanding(L.l[LISP1]), 50);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_MREQ_RATE], 1950);
	/* Twenty seconds more of it, 500 destinations a second: the rate
	 * (retransmissions included) and the cap hold throughout. */
	for (int t = 0; t < 200; t++) {
		for (int i = 0; i < 50; i++)
			data_to(dst++);
		lab_step(&L, 100 * NS_PER_MS);
		if (lisp_map_request_outstanding(L.l[LISP1]) > max_seen)
			max_seen = lisp_map_request_outstanding(L.l[LISP1]);
	}
	out = S(LISP1)->mreq_out - out0;
	CU_ASSERT_TRUE(max_seen <= 100);
	CU_ASSERT_TRUE(max_seen >= 95);
	CU_ASSERT_TRUE(out <= 50 + 50 * 20 + 1);
	CU_ASSERT_TRUE(out >= 50 * 20 / 2);
	CU_ASSERT_TRUE(S(LISP1)->drops[LISP_DROP_MREQ_OUTSTANDING] > 0);
	CU_ASSERT_TRUE(S(LISP1)->mreq_out_retransmit > 0);
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp statistics", "Map-Request outstanding limit:"));
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp statistics | json", "\"map_request_global_rate_limit\":"));
	/* lig is the operator's: it goes even with the budget spent. */
	{
		struct addr eid = A4("172.31.0.1");

		CU_ASSERT_EQUAL(lisp_lig(L.l[LISP1], &eid, NULL, probe_lig_done, &PP, err, sizeof(err)), 0);
	}
	/* Every request fails in the end; nothing is left. */
	lab_run(&L, 10000);
	CU_ASSERT_EQUAL(lisp_map_request_outstanding(L.l[LISP1]), 0);
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- smaller findings */

/* A Map-Request for eid/len with one ITR-RLOC (smr: an SMR), encoded. */
static ssize_t mk_request(uint8_t *out, size_t cap, const char *eid, uint8_t len,
			  const char *itr, bool smr)
{
	struct lisp_map_request req;
	struct lisp_eid rec;

	memset(&req, 0, sizeof(req));
	memset(&rec, 0, sizeof(rec));
	req.nonce = 0x1122334455667788ull;
	req.smr = smr;
	req.itr_rloc_count = 1;
	req.itr_rlocs[0].addr = A4(itr);
	rec.eid.addr = A4(eid);
	rec.mask_len = len;
	req.record_count = 1;
	req.records = &rec;
	return lisp_map_request_encode(&req, out, cap);
}

/* SMRs for a cached prefix: one SMR-invoked request goes, and only the
 * one sent is counted (the others are rate limited). */
static void test_smr_counter(void)
{
	uint8_t m[512];
	ssize_t n;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	data_to(0xc0a80205);			/* 192.168.2.5 */
	lab_run(&L, 200);
	CU_ASSERT_EQUAL_FATAL(lisp_map_cache_dynamic(L.l[LISP1]), 1);
	n = mk_request(m, sizeof(m), "192.168.2.0", 24, "10.0.2.2", true);
	CU_ASSERT_FATAL(n > 0);
	for (int i = 0; i < 5; i++)
		lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.2.2", "10.0.1.2", LISP_CONTROL_PORT,
			       LISP_CONTROL_PORT, m, (size_t)n, 64, 0);
	CU_ASSERT_EQUAL(S(LISP1)->mreq_in_smr, 5);
	CU_ASSERT_EQUAL(S(LISP1)->smr_invoked_out, 1);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_RATE_LIMITED], 4);
	lab_teardown(&L);
}

/* LISP data from outer source src to lisp1's RLOC, for an EID of its. */
static void decap_from(const char *src)
{
	uint8_t m[8 + 20 + 8 + 8] = { 0x80, 0, 0, 1 };	/* N bit, a nonce */
	uint8_t *inner = m + 8;

	mk_ip(inner, ip4("192.168.2.5"), ip4("192.168.1.5"), 17, 64, 0, 16, 0);
	memset(inner + 20, 0, 16);
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], src, "10.0.1.2", 50000, LISP_DATA_PORT, m,
		       sizeof(m), 64, 0);
}

/* The ETR remembers the last 64 ITRs (outer sources) to send them SMRs;
 * more of them within the SMR window (spoofed or not) push one out, and
 * that is counted: the ITR forgotten will not hear of a change. */
static void test_etr_users(void)
{
	char src[INET_ADDRSTRLEN];
	uint64_t decap;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	decap = S(LISP1)->decap_pkts;
	for (int i = 0; i < LISP_ETR_USERS; i++) {
		snprintf(src, sizeof(src), "10.9.0.%d", i + 1);
		decap_from(src);
	}
	CU_ASSERT_EQUAL(S(LISP1)->decap_pkts, decap + LISP_ETR_USERS);
	CU_ASSERT_EQUAL(S(LISP1)->smr_users_evicted, 0);
	decap_from("10.9.0.1");			/* known: no change */
	CU_ASSERT_EQUAL(S(LISP1)->smr_users_evicted, 0);
	decap_from("10.9.1.1");
	CU_ASSERT_EQUAL(S(LISP1)->decap_pkts, decap + LISP_ETR_USERS + 2);
	CU_ASSERT_EQUAL(S(LISP1)->smr_users_evicted, 1);
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp statistics", "ITRs forgotten for SMRs (over 64):        1"));
	/* Past the window the oldest are idle: replacing them loses nothing. */
	lab_run(&L, (LISP_SMR_WINDOW_S + 1) * 1000);
	decap_from("10.9.2.1");
	CU_ASSERT_EQUAL(S(LISP1)->smr_users_evicted, 1);
	lab_teardown(&L);
}

/* The map-cache limit bounds the learned entries; the size beside it
 * counts those, the static ones are shown apart (no "3/1"). */
static void test_map_cache_size(void)
{
	lab_setup(&L, true);
	lab_run(&L, 1000);
	CU_ASSERT_TRUE(sh_has(LISP1, "configure terminal\nip lisp map-cache-limit 1\n"
			      "ip lisp map-cache 10.99.0.0/16 drop\nend\nshow ip lisp",
			      "Map-cache size/limit:             0/1\n"
			      "  Map-cache static entries:         2\n"));
	data_to(0xc0a80205);
	lab_run(&L, 200);
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp", "Map-cache size/limit:             1/1\n"));
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp | json", "\"map_cache_dynamic\":1"));
	lab_teardown(&L);
}

/* An ITR-RLOC that is ours or a subnet's broadcast gets no reply. */
static void test_itr_rloc_refused(void)
{
	const char *bad[] = { "10.0.1.2", "10.0.1.255", "192.168.1.1", "255.255.255.255" };
	uint8_t m[512];
	uint64_t out;
	ssize_t n;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	out = S(LISP1)->mrep_out;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		n = mk_request(m, sizeof(m), "192.168.1.1", 32, bad[i], false);
		lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.1.1", "10.0.1.2", LISP_CONTROL_PORT,
			       LISP_CONTROL_PORT, m, (size_t)n, 64, 0);
	}
	CU_ASSERT_EQUAL(S(LISP1)->mrep_out, out);
	CU_ASSERT_EQUAL(S(LISP1)->drops[LISP_DROP_ITR_RLOC_OURS], 4);
	n = mk_request(m, sizeof(m), "192.168.1.1", 32, "10.0.1.1", false);
	lab_inject_udp(&L, LISP1, L.eth[LISP1][0], "10.0.1.1", "10.0.1.2", LISP_CONTROL_PORT,
		       LISP_CONTROL_PORT, m, (size_t)n, 64, 0);
	CU_ASSERT_EQUAL(S(LISP1)->mrep_out, out + 1);
	CU_ASSERT_TRUE(sh_has(LISP1, "show ip lisp statistics", "ITR-RLOC ours or a broadcast:             4"));
	lab_teardown(&L);
}

/* An ECM whose inner UDP checksum is wrong is dropped and counted. */
static void test_ecm_checksum(void)
{
	struct lisp_ecm em;
	uint8_t req[512], ecm[1024];
	ssize_t n, en;
	uint64_t in;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	n = mk_request(req, sizeof(req), "4.2.2.2", 32, "10.0.3.2", false);
	memset(&em, 0, sizeof(em));
	em.inner_src = A4("10.0.3.2");
	em.inner_dst = A4("4.2.2.2");
	em.inner_ttl = 64;
	em.inner_sport = 50000;
	em.inner_dport = LISP_CONTROL_PORT;
	em.payload = req;
	em.payload_len = (size_t)n;
	en = lisp_ecm_encode(&em, ecm, sizeof(ecm));
	CU_ASSERT_FATAL(en > 0);
	in = S(MSR)->mreq_in_ecm;
	lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", 50000, LISP_CONTROL_PORT,
		       ecm, (size_t)en, 64, 0);
	CU_ASSERT_EQUAL(S(MSR)->mreq_in_ecm, in + 1);	/* a good one is taken */
	ecm[4 + 20 + 6] ^= 0x5a;			/* the inner UDP checksum */
	lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", 50000, LISP_CONTROL_PORT,
		       ecm, (size_t)en, 64, 0);
	CU_ASSERT_EQUAL(S(MSR)->mreq_in_ecm, in + 1);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_ECM_CKSUM], 1);
	ecm[4 + 20 + 6] = ecm[4 + 20 + 7] = 0;		/* none: IPv4 allows it */
	lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", 50000, LISP_CONTROL_PORT,
		       ecm, (size_t)en, 64, 0);
	CU_ASSERT_EQUAL(S(MSR)->mreq_in_ecm, in + 2);
	lab_teardown(&L);
}

/* A registration with only unusable (non-IPv4) locators, and a record
 * with more than 8 locators: both counted, neither silent. */
static void test_register_locators(void)
{
	struct lisp_map_register reg;
	struct lisp_record rec;
	struct lisp_locator locs[10];
	uint8_t m[1500];
	ssize_t n;

	lab_setup(&L, true);
	site_M(NULL);
	memset(&reg, 0, sizeof(reg));
	memset(&rec, 0, sizeof(rec));
	memset(locs, 0, sizeof(locs));
	for (int i = 0; i < 10; i++) {
		locs[i].priority = 1;
		locs[i].weight = 10;
		locs[i].rloc.addr = A4("10.0.3.2");
		locs[i].rloc.addr.u.b[3] = (uint8_t)(10 + i);
	}
	rec.ttl = 1440;
	rec.eid.eid.addr = A4("10.200.7.0");
	rec.eid.mask_len = 24;
	rec.loc_count = 10;
	rec.locs = locs;
	reg.type = LISP_MAP_REGISTER;
	reg.nonce = 77;
	reg.alg_id = LISP_AUTH_HMAC_SHA1;
	reg.record_count = 1;
	reg.records = &rec;
	n = lisp_map_register_encode(&reg, "siteM-key", 9, m, sizeof(m));
	CU_ASSERT_FATAL(n > 0);
	lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", LISP_CONTROL_PORT,
		       LISP_CONTROL_PORT, m, (size_t)n, 64, 0);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_LOCATORS_OVER], 1);
	CU_ASSERT_EQUAL(site_eid("10.200.7.1").n_locs, LISP_MAX_LOCATORS);
	/* IPv6 link-local locators only: nothing the Map-Server can hand
	 * out (global IPv6 locators are usable: test_lisp_v6rloc). */
	rec.eid.eid.addr = A4("10.200.8.0");
	rec.loc_count = 2;
	for (int i = 0; i < 2; i++) {
		memset(&locs[i].rloc, 0, sizeof(locs[i].rloc));
		locs[i].rloc.addr.afi = AFI_IPV6;
		locs[i].rloc.addr.u.b[0] = 0xfe;
		locs[i].rloc.addr.u.b[1] = 0x80;
		locs[i].rloc.addr.u.b[15] = (uint8_t)(i + 1);
	}
	reg.nonce = 78;
	n = lisp_map_register_encode(&reg, "siteM-key", 9, m, sizeof(m));
	CU_ASSERT_FATAL(n > 0);
	lab_inject_udp(&L, MSR, L.eth[MSR][2], "10.0.3.2", "10.0.3.1", LISP_CONTROL_PORT,
		       LISP_CONTROL_PORT, m, (size_t)n, 64, 0);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_REG_NO_USABLE], 1);
	CU_ASSERT_EQUAL(site_eid("10.200.8.1").prefix.len, 16);	/* not registered */
	lab_teardown(&L);
}

/* A fragmented control message to the router: counted by LISP. */
static void test_control_fragment(void)
{
	uint8_t f[200], *ip = f + 14, *udp = ip + 20;
	static const uint8_t nmac[6] = { 0x02, 0xee, 0, 0, 0, 1 };
	uint16_t sum;

	lab_setup(&L, true);
	memset(f, 0, sizeof(f));
	mk_eth(f, iface_mac(L.eth[MSR][2]), nmac, 0x0800);
	mk_ip(ip, ip4("10.0.3.2"), ip4("10.0.3.1"), 17, 64, 0, 100, 0);
	ip[6] = 0x20;				/* MF, offset 0 */
	ip[10] = ip[11] = 0;
	sum = ipv4_cksum(ip, 20);
	memcpy(ip + 10, &sum, 2);
	udp[0] = udp[2] = LISP_CONTROL_PORT >> 8;
	udp[1] = udp[3] = LISP_CONTROL_PORT & 0xff;
	udp[5] = 200;
	t_push(iface_port(L.eth[MSR][2]), f, 14 + 20 + 100);
	router_poll(L.r[MSR]);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_CTRL_FRAGMENT], 1);
	CU_ASSERT_TRUE(sh_has(MSR, "show ip lisp statistics | json", "\"fragmented_control_message\":1"));
	lab_teardown(&L);
}

/* ---------------------------------------------------------------- item 2 */

static void test_register_replay(void)
{
	const struct lab_frame *f;
	uint64_t accepted, notifies;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	CU_ASSERT_TRUE(site_eid("192.168.1.1").registered);
	f = ctl_frame(LINK1, LISP1, LISP_MAP_REGISTER, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	accepted = S(MSR)->reg_accepted_records;
	notifies = S(MSR)->notify_out;
	/* The attacker sends the captured register five times. */
	for (int i = 0; i < 5; i++)
		replay(LINK1, f);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_REG_REPLAYED], 5);
	CU_ASSERT_EQUAL(site_info("A").replayed, 5);
	CU_ASSERT_EQUAL(site_info("B").replayed, 0);
	CU_ASSERT_EQUAL(S(MSR)->reg_accepted_records, accepted);
	CU_ASSERT_EQUAL(S(MSR)->notify_out, notifies);	/* no Map-Notify for a replay */
	CU_ASSERT_EQUAL(site_info("A").auth_failures, 0);
	/* Where the operator sees it, text and JSON. */
	CU_ASSERT_TRUE(sh_has(MSR, "show lisp site name A", "Replayed Map-Registers:    5"));
	CU_ASSERT_TRUE(sh_has(MSR, "show lisp site name A | json", "\"replayed_map_registers\":5"));
	CU_ASSERT_TRUE(sh_has(MSR, "show lisp site 192.168.1.1 | json", "\"replayed_map_registers\":5"));
	CU_ASSERT_TRUE(sh_has(MSR, "show ip lisp statistics", "Map-Register replayed:                    5"));
	CU_ASSERT_TRUE(sh_has(MSR, "show ip lisp statistics | json", "\"map_register_replayed\":5"));
	/* The ETR's own next register is no replay. */
	lab_run(&L, 60000);
	CU_ASSERT_EQUAL(S(MSR)->reg_accepted_records, accepted + 2);
	CU_ASSERT_EQUAL(site_info("A").replayed, 5);
	CU_ASSERT_TRUE(site_eid("192.168.1.1").registered);
	lab_teardown(&L);
}

static void test_old_locator_replay(void)
{
	struct lisp_loc_cfg loc;
	struct prefix p = P4("192.168.2.0/24");
	struct lisp_site_eid_info e;
	struct lab_frame old;
	const struct lab_frame *f;
	char err[160];

	lab_setup(&L, true);
	lab_run(&L, 1000);
	f = ctl_frame(LINK2, LISP2, LISP_MAP_REGISTER, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	old = *f;					/* locator 10.0.2.2 */
	/* The site moves to another locator. */
	memset(&loc, 0, sizeof(loc));
	loc.addr = A4("10.0.2.99");
	loc.priority = 1;
	loc.weight = 100;
	CU_ASSERT_EQUAL(lisp_db_add(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	loc.addr = A4("10.0.2.2");
	CU_ASSERT_EQUAL(lisp_db_del(L.l[LISP2], &p, &loc, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	e = site_eid("192.168.2.1");
	CU_ASSERT_EQUAL_FATAL(e.n_locs, 1);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.2.99"));
	/* The old register again, inside the window: its nonce is known. */
	replay(LINK2, &old);
	e = site_eid("192.168.2.1");
	CU_ASSERT_EQUAL_FATAL(e.n_locs, 1);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.2.99"));
	CU_ASSERT_EQUAL(site_info("B").replayed, 1);
	/* Long after the window: the nonce is forgotten, but it is older
	 * than the registration the ETR keeps refreshing. */
	lab_run(&L, 200000);
	CU_ASSERT_TRUE(site_eid("192.168.2.1").registered);
	replay(LINK2, &old);
	e = site_eid("192.168.2.1");
	CU_ASSERT_TRUE(e.registered);
	CU_ASSERT_EQUAL_FATAL(e.n_locs, 1);
	CU_ASSERT_EQUAL(e.locs[0].addr.u.v4, ip4("10.0.2.99"));
	CU_ASSERT_EQUAL(site_info("B").replayed, 2);
	CU_ASSERT_EQUAL(S(MSR)->drops[LISP_DROP_REG_REPLAYED], 2);
	/* And the ETR keeps registering. */
	lab_run(&L, 60000);
	CU_ASSERT_EQUAL(site_info("B").replayed, 2);
	CU_ASSERT_EQUAL(site_eid("192.168.2.1").locs[0].addr.u.v4, ip4("10.0.2.99"));
	lab_teardown(&L);
}

/* A registration that lapsed starts over: its ETR may come back (with a
 * lower sequence after a restart) and is accepted. */
static void test_replay_after_lapse(void)
{
	struct lisp_ms_cfg ms;
	struct addr mr = A4("10.0.3.1");
	const struct lab_frame *f;
	struct lab_frame old;
	char err[160];

	lab_setup(&L, true);
	lab_run(&L, 200000);			/* four registers: in sequence */
	f = ctl_frame(LINK1, LISP1, LISP_MAP_REGISTER, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	old = *f;
	CU_ASSERT_EQUAL(lisp_map_server_del(L.l[LISP1], &mr, 0, err, sizeof(err)), 0);
	lab_run(&L, 200000);
	CU_ASSERT_FALSE(site_eid("192.168.1.1").registered);
	/* The first register is older than the window and the registration
	 * is gone: nothing tells it from a restarted ETR's. */
	replay(LINK1, &old);
	CU_ASSERT_TRUE(site_eid("192.168.1.1").registered);
	CU_ASSERT_EQUAL(site_info("A").replayed, 0);
	memset(&ms, 0, sizeof(ms));
	ms.addr = mr;
	snprintf(ms.key, sizeof(ms.key), "%s", KEY_A);
	CU_ASSERT_EQUAL(lisp_map_server_add(L.l[LISP1], &ms, err, sizeof(err)), 0);
	lab_run(&L, 1000);
	CU_ASSERT_EQUAL(site_info("A").replayed, 0);
	lab_teardown(&L);
}

/* ETR nonces: strictly increasing (never reused, orderable by the
 * Map-Server), yet not guessable from the last one. */
static void test_etr_nonces(void)
{
	uint64_t prev = 0, n, d, d0 = 0;
	const struct lab_frame *f;
	bool steps_differ = false;
	int i;

	lab_setup(&L, true);
	lab_run(&L, 1000);
	lab_run(&L, 8 * 60000);
	for (i = 0; (f = ctl_frame(LINK1, LISP1, LISP_MAP_REGISTER, i)); i++) {
		n = frame_nonce(f);
		CU_ASSERT_NOT_EQUAL(n, 0);
		if (i) {
			CU_ASSERT_TRUE(n > prev);
			d = n - prev;
			if (i == 1)
				d0 = d;
			else if (d != d0)
				steps_differ = true;
		}
		prev = n;
	}
	CU_ASSERT_TRUE(i >= 9);
	CU_ASSERT_TRUE(steps_differ);
	/* Two ETRs started at the same time do not share nonces. */
	f = ctl_frame(LINK2, LISP2, LISP_MAP_REGISTER, 0);
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_NOT_EQUAL(frame_nonce(f), frame_nonce(ctl_frame(LINK1, LISP1, LISP_MAP_REGISTER, 0)));
	lab_teardown(&L);
}

/* The inverse of an odd number modulo 2^64 (Newton's iteration). */
static uint64_t inv64(uint64_t a)
{
	uint64_t x = a;

	for (int i = 0; i < 6; i++)
		x *= 2 - a * x;
	return x;
}

/*
 * A control nonce must not give away the next one.  The generator used
 * before (xorshift64*) multiplied its state by an odd constant: one
 * output inverted gives the state, and the state every later nonce.
 */
static void test_control_nonces_unpredictable(void)
{
	const uint64_t C = 0x2545F4914F6CDD1Dull;
	struct router *r = router_new(EV_CLOCK_MANUAL);
	struct lisp *l;
	uint64_t x1, x2, st, seen[4096];
	int hits = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(r);
	l = lisp_new(r);
	CU_ASSERT_PTR_NOT_NULL_FATAL(l);
	CU_ASSERT_EQUAL(inv64(C) * C, 1);
	for (int i = 0; i < 64; i++) {
		x1 = lisp_rand64(l);
		x2 = lisp_rand64(l);
		st = x1 * inv64(C);
		st ^= st >> 12;
		st ^= st << 25;
		st ^= st >> 27;
		if (st * C == x2)
			hits++;
	}
	CU_ASSERT_EQUAL(hits, 0);
	/* And no repeats in a run of them. */
	for (int i = 0; i < 4096; i++) {
		seen[i] = lisp_rand64(l);
		for (int j = 0; j < i; j++)
			if (seen[j] == seen[i])
				hits++;
	}
	CU_ASSERT_EQUAL(hits, 0);
	lisp_free(l);
	router_free(r);
}

static CU_TestInfo tests[] = {
	{ "captured Map-Register replayed: refused, counted", test_register_replay },
	{ "old locator replayed after a move: refused", test_old_locator_replay },
	{ "a lapsed registration starts over", test_replay_after_lapse },
	{ "ETR nonces increase and are not guessable", test_etr_nonces },
	{ "control nonces do not give away the next", test_control_nonces_unpredictable },
	{ "a site at its more-specific limit refuses the next", test_more_specifics_limit },
	{ "65,536 more-specifics print in slices, a Map-Request answered meanwhile",
	  test_show_in_slices },
	{ "show ip cef and show ip route in slices, the table changing meanwhile", test_cef_in_slices },
	{ "the running-config's static map-cache entries in slices", test_running_config_in_slices },
	{ "the running-config's static routes in slices", test_running_config_routes_in_slices },
	{ "the running-config's interfaces in slices", test_running_config_ifaces_in_slices },
	{ "the running-config's sites in slices", test_running_config_sites_in_slices },
	{ "dead resolver, many destinations: the Map-Request budget holds", test_map_request_budget },
	{ "SMR-invoked Map-Requests counted when sent", test_smr_counter },
	{ "ETR's ITR list for SMRs: bounded, pushing out counted", test_etr_users },
	{ "map-cache size/limit counts the learned entries", test_map_cache_size },
	{ "ITR-RLOC ours or a broadcast: refused, counted", test_itr_rloc_refused },
	{ "ECM inner UDP checksum checked", test_ecm_checksum },
	{ "unusable locators and over 8 locators counted", test_register_locators },
	{ "fragmented control message counted", test_control_fragment },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "lisp_harden", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
