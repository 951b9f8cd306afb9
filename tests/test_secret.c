/*
 * DOC: tests of cli/secret.c: IOS password and key types
 *
 * Published vectors, so that what IOS writes verifies here and the other
 * way round: type 7 strings from passlib's cisco_type7 tests (collected
 * from public write-ups), type 5 and type 9 secrets an ASR920 and a C9300
 * running IOS-XE 16.9 wrote (network_hash_gen's tests), and hashcat's
 * example hashes for Cisco-IOS $8$ (mode 9200) and $9$ (mode 9300), whose
 * password is "hashcat".  Then the configuration side: the '[0|6|7] KEY'
 * forms of LISP keys and line passwords, 'enable secret 5|8|9',
 * 'enable password [0|7]' and 'service password-encryption' as printed by
 * 'show running-config', loaded back, and used (an ETR's key signs, a
 * type 6 key never does, the enable prompt accepts the right password).
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <CUnit/CUnit.h>

#include "lisp.h"
#include "router.h"
#include "secret.h"
#include "shell.h"

struct vec {
	const char *plain, *enc;
};

static const struct vec type7[] = {
	{ "secure ", "04480E051A33490E" },
	{ "Its time to go to lunch!", "153B1F1F443E22292D73212D5300194315591954465A0D0B59" },
	{ "t35t:pa55w0rd", "08351F1B1D431516475E1B54382F" },
	{ "hiImTesting:)", "020E0D7206320A325847071E5F5E" },
	{ "cisco123", "060506324F41584B56" },
	{ "cisco123", "1511021F07257A767B" },
	{ "Supe&8ZUbeRp4SS", "06351A3149085123301517391C501918" },
	{ "password", "044B0A151C36435C0D" },
};

static const struct vec hashes[] = {
	/* IOS-XE 16.9 on an ASR920 and a C9300 */
	{ "0foo0", "$1$u5Qz$ASoUsdGV2sOmi8XYkTuex1" },
	{ "9foo9", "$1$262O$Hyxgu5up0M6a7nbsUZXmu/" },
	{ "5foo5", "$1$rRaQ$GvbTY9nLhVDm7CjvS/1yM." },
	{ "0foo0", "$9$plz/kf0e3.dns.$cKvJDd6bXmyaUWdx42dgcRwpdDs0djBEqzjlmMbYEW6" },
	{ "7foo7", "$9$dSnrddpzAU9uhH$cMALHjMkiDsBztHRSPjZC0S0WyNYnC5nRHGQHtCVDGg" },
	/* hashcat's examples */
	{ "hashcat", "$8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk" },
	{ "hashcat", "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6" },
};

static void test_type7(void)
{
	char out[SECRET_CONF_MAX], back[SECRET_PLAIN_MAX];

	for (size_t i = 0; i < sizeof(type7) / sizeof(type7[0]); i++) {
		unsigned seed = (unsigned)((type7[i].enc[0] - '0') * 10 + type7[i].enc[1] - '0');

		CU_ASSERT_EQUAL(secret7_decode(type7[i].enc, back, sizeof(back)), 0);
		CU_ASSERT_STRING_EQUAL(back, type7[i].plain);
		CU_ASSERT_EQUAL(secret7_encode_seed(type7[i].plain, seed, out, sizeof(out)), 0);
		CU_ASSERT_STRING_EQUAL(out, type7[i].enc);
	}
	/* Lower-case hex reads too; the deterministic seed round-trips. */
	CU_ASSERT_EQUAL(secret7_decode("062506324f41584b5643", back, sizeof(back)), 0);
	CU_ASSERT_STRING_EQUAL(back, "Cisco1234");
	CU_ASSERT_EQUAL(secret7_encode("lisp#seed-key", out, sizeof(out)), 0);
	CU_ASSERT_EQUAL(secret7_decode(out, back, sizeof(back)), 0);
	CU_ASSERT_STRING_EQUAL(back, "lisp#seed-key");
	CU_ASSERT_EQUAL(secret7_encode("lisp#seed-key", back, sizeof(back)), 0);
	CU_ASSERT_STRING_EQUAL(back, out);
	/* Longer than the XOR string: it wraps. */
	{
		char lng[100];

		memset(lng, 'k', sizeof(lng) - 1);
		lng[sizeof(lng) - 1] = '\0';
		CU_ASSERT_EQUAL(secret7_encode(lng, out, sizeof(out)), 0);
		CU_ASSERT_EQUAL(secret7_decode(out, back, sizeof(back)), 0);
		CU_ASSERT_STRING_EQUAL(back, lng);
	}
	/* Not type 7: odd length, not hex, bad offset, too short, a control
	 * character inside, no room. */
	CU_ASSERT_EQUAL(secret7_decode("0822455D0A1", back, sizeof(back)), -1);
	CU_ASSERT_EQUAL(secret7_decode("0822455D0AZZ", back, sizeof(back)), -1);
	CU_ASSERT_EQUAL(secret7_decode("9922455D0A16", back, sizeof(back)), -1);
	CU_ASSERT_EQUAL(secret7_decode("08", back, sizeof(back)), -1);
	CU_ASSERT_EQUAL(secret7_decode("xx22", back, sizeof(back)), -1);
	CU_ASSERT_EQUAL(secret7_decode("0841", back, sizeof(back)), -1);	/* 'A' ^ 'A' = NUL */
	CU_ASSERT_EQUAL(secret7_decode("0822455D0A16", back, 3), -1);
	CU_ASSERT_EQUAL(secret7_encode("", out, sizeof(out)), -1);
	CU_ASSERT_EQUAL(secret7_encode_seed("x", 16, out, sizeof(out)), -1);
	CU_ASSERT_EQUAL(secret7_encode("cisco", out, 6), -1);
}

static void test_hashes(void)
{
	char h[SECRET_HASH_MAX];

	for (size_t i = 0; i < sizeof(hashes) / sizeof(hashes[0]); i++) {
		int kind = hashes[i].enc[1] == '1' ? 5 : hashes[i].enc[1] - '0';

		CU_ASSERT_EQUAL(secret_hash_kind(hashes[i].enc), kind);
		CU_ASSERT(secret_wellformed(kind, hashes[i].enc));
		CU_ASSERT(secret_check(hashes[i].enc, hashes[i].plain));
		CU_ASSERT_FALSE(secret_check(hashes[i].enc, "hashcaT"));
		CU_ASSERT_FALSE(secret_check(hashes[i].enc, ""));
	}
	/* New hashes of each type verify and are salted. */
	for (int t = 5; t <= 9; t++) {
		char h2[SECRET_HASH_MAX];

		if (t == 6 || t == 7)
			continue;
		CU_ASSERT_EQUAL_FATAL(secret_hash_type(t, "s3cr3t#x", h, sizeof(h)), 0);
		CU_ASSERT_EQUAL_FATAL(secret_hash_type(t, "s3cr3t#x", h2, sizeof(h2)), 0);
		CU_ASSERT_STRING_NOT_EQUAL(h, h2);
		CU_ASSERT_EQUAL(secret_hash_kind(h), t);
		CU_ASSERT(secret_check(h, "s3cr3t#x"));
		CU_ASSERT_FALSE(secret_check(h, "s3cr3t"));
	}
	CU_ASSERT_EQUAL(secret_hash_type(7, "x", h, sizeof(h)), -1);
	CU_ASSERT_EQUAL(secret_hash_type(9, "x", h, 20), -1);
	CU_ASSERT_EQUAL(secret_hash("x", h, sizeof(h)), 0);
	CU_ASSERT_EQUAL(secret_hash_kind(h), 8);
	/* Malformed: wrong lengths, a character outside the alphabet, the
	 * type of another prefix. */
	CU_ASSERT_EQUAL(secret_hash_kind("$8$short$x"), -1);
	CU_ASSERT_EQUAL(secret_hash_kind("$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo"), -1);
	CU_ASSERT_EQUAL(secret_hash_kind("$9$2MJBozw/9R3Us!$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6"), -1);
	CU_ASSERT_EQUAL(secret_hash_kind("$1$$ASoUsdGV2sOmi8XYkTuex1"), -1);
	CU_ASSERT_EQUAL(secret_hash_kind("$1$u5Qz$ASoUsdGV2sOmi8XYkTuex"), -1);
	CU_ASSERT_FALSE(secret_wellformed(8, "$9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6"));
	CU_ASSERT_FALSE(secret_check("$5$rounds=1000$x$y", "x"));
	CU_ASSERT_FALSE(secret_check("", ""));
}

static char *outbuf;
static size_t outlen;

static void out_mem(void *arg, const char *line)
{
	FILE *f = arg;

	fprintf(f, "%s\n", line);
}

/* Run lines in a batch session; returns what they printed (malloc'ed). */
static char *run(struct shell *sh, const char *const *lines)
{
	FILE *f = open_memstream(&outbuf, &outlen);
	struct shell_sess *s = shell_sess_new(sh, SHELL_BATCH, out_mem, f);
	char *r;

	shell_set_priv(s->cli, SHELL_PRIV_ENABLE);
	for (size_t i = 0; lines[i]; i++)
		shell_exec(s, lines[i]);
	shell_sess_free(s);
	fclose(f);
	r = outbuf;
	outbuf = NULL;
	return r;
}

static struct shell *rshell(void)
{
	struct shell *sh = shell_new();

	shell_set_router(sh, router_new(EV_CLOCK_MANUAL));
	return sh;
}

static void rshell_free(struct shell *sh)
{
	struct router *r = sh->router;

	shell_free(sh);
	router_free(r);
}

static int ms_key(const struct lisp_ms_info *m, void *arg)
{
	snprintf(arg, LISP_KEY_MAX, "%s", m->cfg.key);
	return 0;
}

static int site_key(const struct lisp_site_info *s, void *arg)
{
	snprintf(arg, LISP_KEY_MAX, "%s", s->key);
	return 0;
}

/* Load text into a fresh shell; the number of bad lines. */
static int load(struct shell *sh, const char *text)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int bad = shell_load_stream(sh, in, "t.conf", NULL);

	fclose(in);
	return bad;
}

/* Keys and line passwords in every form, printed back and reloaded. */
static void test_key_forms(void)
{
	static const char *const cfg[] = {
		"configure terminal",
		"ip lisp etr map-server 10.0.3.1 key 7 0822455D0A16 proxy-reply",
		"ip lisp etr map-server 10.0.3.2 key 0 7",
		"ip lisp etr map-server 10.0.3.3 key 7",
		"lisp site A",
		" authentication-key 7 060506324F41584B56",
		"exit",
		"lisp site B",
		" authentication-key 6 ZdPQ^DWbKDZ[M\\b_KTeW^PEA",
		"exit",
		"line vty 0 4",
		" password 7 044B0A151C36435C0D",
		"line con 0",
		" password 0 console#1",
		"end",
		NULL,
	};
	struct shell *sh = rshell(), *b;
	char key[LISP_KEY_MAX] = "", *out, *t1, *t2;

	out = run(sh, cfg);
	/* Only the type 6 key says something: that it cannot be used. */
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% A type 6 key cannot be decoded"));
	CU_ASSERT_PTR_NULL(strstr(out, "Invalid"));
	free(out);
	CU_ASSERT_STRING_EQUAL(sh->conf.vty[3].password, "password");
	CU_ASSERT_STRING_EQUAL(sh->conf.con.password, "console#1");
	lisp_map_server_foreach(sh->lisp, ms_key, key);
	CU_ASSERT_STRING_EQUAL(key, "7");		/* the last: a clear key "7" */
	t1 = shell_config_text(sh);
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "ip lisp etr map-server 10.0.3.1 key 7 0822455D0A16 proxy-reply\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "ip lisp etr map-server 10.0.3.2 key 7\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, " authentication-key 7 060506324F41584B56\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, " authentication-key 6 ZdPQ^DWbKDZ[M\\b_KTeW^PEA\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "line vty 0 4\n password 7 044B0A151C36435C0D\n"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t1, "line con 0\n password console#1\n"));
	/* Reloaded: the same print; the type 6 line is the one complaint. */
	b = rshell();
	CU_ASSERT_EQUAL(load(b, t1), 1);
	t2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(t1, t2);
	CU_ASSERT_STRING_EQUAL(b->conf.vty[0].password, "password");
	/* The keys in use: type 7 decoded, type 6 none. */
	key[0] = '\0';
	lisp_site_foreach(b->lisp, site_key, key);
	CU_ASSERT_STRING_EQUAL(key, "");		/* site B, the last */
	free(t1);
	free(t2);
	rshell_free(b);
	rshell_free(sh);
}

static void test_key_errors(void)
{
	static const char *const cfg[] = {
		"configure terminal",
		"ip lisp etr map-server 10.0.3.1 key 7 0822455D0A1",		/* odd */
		"ip lisp etr map-server 10.0.3.1 key 7 XYZ proxy-reply",
		"line vty 0 4",
		" password 6 ZdPQ^DWbKDZ",					/* no 6 for lines */
		" password 7 0822455D0A16 extra",
		"exit",
		"lisp site A",
		" authentication-key 7",
		" authentication-key",
		"end",
		NULL,
	};
	struct shell *sh = rshell();
	char *out = run(sh, cfg), *t;
	char *p = out;
	int invalid = 0;

	while ((p = strstr(p, "% Invalid encrypted password: not a type 7 string"))) {
		invalid++;
		p++;
	}
	CU_ASSERT_EQUAL(invalid, 2);
	CU_ASSERT_PTR_NOT_NULL(strstr(out, "% Incomplete command."));
	free(out);
	t = shell_config_text(sh);
	CU_ASSERT_PTR_NULL(strstr(t, "map-server"));
	CU_ASSERT_PTR_NULL(strstr(t, "password"));
	/* 'authentication-key 7' alone is a clear key "7". */
	CU_ASSERT_PTR_NOT_NULL(strstr(t, " authentication-key 7\n"));
	free(t);
	rshell_free(sh);
}

/* IOS: the service encrypts every clear key at once and new ones as they
 * come; turned off, what was encrypted stays so and new keys are clear. */
static void test_password_encryption(void)
{
	static const char *const before[] = {
		"configure terminal",
		"ip lisp etr map-server 10.0.3.1 key lisp#seed-key",
		"lisp site A",
		" authentication-key k#1",
		"exit",
		"line vty 0 4",
		" password pa#ss",
		"exit",
		"enable password en#1",
		"service password-encryption",
		"lisp site B",
		" authentication-key k#2",
		"exit",
		"no service password-encryption",
		"lisp site C",
		" authentication-key k#3",
		"end",
		NULL,
	};
	struct shell *sh = rshell(), *b;
	char enc[SECRET_CONF_MAX], line[SECRET_CONF_MAX + 64], key[LISP_KEY_MAX] = "";
	char *t, *t2;

	free(run(sh, before));
	t = shell_config_text(sh);
	CU_ASSERT_PTR_NULL(strstr(t, "service password-encryption"));
	CU_ASSERT_PTR_NULL(strstr(t, "lisp#seed-key"));
	CU_ASSERT_PTR_NULL(strstr(t, "k#1"));
	CU_ASSERT_PTR_NULL(strstr(t, "k#2"));
	CU_ASSERT_PTR_NULL(strstr(t, "pa#ss"));
	CU_ASSERT_PTR_NULL(strstr(t, "en#1"));
	CU_ASSERT_PTR_NOT_NULL(strstr(t, " authentication-key k#3\n"));
	secret7_encode("lisp#seed-key", enc, sizeof(enc));
	snprintf(line, sizeof(line), "ip lisp etr map-server 10.0.3.1 key 7 %s\n", enc);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, line));
	secret7_encode("pa#ss", enc, sizeof(enc));
	snprintf(line, sizeof(line), " password 7 %s\n", enc);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, line));
	secret7_encode("en#1", enc, sizeof(enc));
	snprintf(line, sizeof(line), "enable password 7 %s\n", enc);
	CU_ASSERT_PTR_NOT_NULL(strstr(t, line));
	/* Still the same keys underneath. */
	lisp_map_server_foreach(sh->lisp, ms_key, key);
	CU_ASSERT_STRING_EQUAL(key, "lisp#seed-key");
	CU_ASSERT_STRING_EQUAL(sh->conf.vty[0].password, "pa#ss");
	b = rshell();
	CU_ASSERT_EQUAL(load(b, t), 0);
	t2 = shell_config_text(b);
	CU_ASSERT_STRING_EQUAL(t, t2);
	free(t2);
	free(t);
	rshell_free(b);

	/* With the service on, the running-config says so first. */
	{
		static const char *const on[] = { "configure terminal", "service password-encryption", "end", NULL };

		free(run(sh, on));
		t = shell_config_text(sh);
		CU_ASSERT_EQUAL(strncmp(t, "!\nservice password-encryption\n", 30), 0);
		CU_ASSERT_PTR_NULL(strstr(t, "k#3"));
		free(t);
	}
	rshell_free(sh);
}

/* Secrets written by IOS open the privileged mode. */
static const char *typed;

static int typed_pass(struct shell_sess *s, const char *prompt, char *buf, size_t len)
{
	snprintf(buf, len, "%s", typed);
	return 0;
}

static void test_enable_forms(void)
{
	static const char *const cfgs[] = {
		"enable secret 9 $9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6\n",
		"enable secret 8 $8$TnGX/fE4KGHOVU$pEhnEvxrvaynpi8j4f.EMHr6M.FzU8xnZnBr/tJdFWk\n",
		"enable secret 5 $1$u5Qz$ASoUsdGV2sOmi8XYkTuex1\n",
		"enable password 7 0822455D0A16\n",
		"enable password cisco\n",
	};
	static const char *const good[] = { "hashcat", "hashcat", "0foo0", "cisco", "cisco" };

	for (size_t i = 0; i < sizeof(cfgs) / sizeof(cfgs[0]); i++) {
		struct shell *sh = rshell();
		struct shell_sess *s;
		char *t;

		CU_ASSERT_EQUAL(load(sh, cfgs[i]), 0);
		t = shell_config_text(sh);
		if (i < 4)
			CU_ASSERT_PTR_NOT_NULL(strstr(t, cfgs[i]));
		free(t);
		s = shell_sess_new(sh, SHELL_VTY, NULL, NULL);
		s->getpass = typed_pass;
		typed = "wrong";
		shell_exec(s, "enable");
		CU_ASSERT_EQUAL(s->cli->privilege, SHELL_PRIV_USER);
		typed = good[i];
		shell_exec(s, "enable");
		CU_ASSERT_EQUAL(s->cli->privilege, SHELL_PRIV_ENABLE);
		shell_sess_free(s);
		rshell_free(sh);
	}
	/* The secret wins over the password; bad hashes are refused. */
	{
		struct shell *sh = rshell();
		struct shell_sess *s;

		CU_ASSERT_EQUAL(load(sh, "enable password cisco\nenable secret 0 other\n"), 0);
		CU_ASSERT_EQUAL(load(sh, "enable secret 9 $9$short$x\n"), 1);
		CU_ASSERT_EQUAL(load(sh, "enable secret 5 $9$2MJBozw/9R3UsU$2lFhcKvpghcyw8deP25GOfyZaagyUOGBymkryvOdfo6\n"), 1);
		CU_ASSERT_EQUAL(load(sh, "enable secret 7 0822455D0A16\n"), 1);
		CU_ASSERT_EQUAL(load(sh, "enable password 7 XYZ\n"), 1);
		s = shell_sess_new(sh, SHELL_VTY, NULL, NULL);
		s->getpass = typed_pass;
		typed = "cisco";
		shell_exec(s, "enable");
		CU_ASSERT_EQUAL(s->cli->privilege, SHELL_PRIV_USER);
		typed = "other";
		shell_exec(s, "enable");
		CU_ASSERT_EQUAL(s->cli->privilege, SHELL_PRIV_ENABLE);
		shell_sess_free(s);
		rshell_free(sh);
	}
}

static CU_TestInfo tests[] = {
	{ "type 7 published vectors", test_type7 },
	{ "types 5, 8, 9 published vectors", test_hashes },
	{ "key forms 0|6|7, print and reload", test_key_forms },
	{ "key form errors", test_key_errors },
	{ "service password-encryption", test_password_encryption },
	{ "enable secret 5|8|9, enable password", test_enable_forms },
	CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
	{ "secret", NULL, NULL, NULL, NULL, tests },
	CU_SUITE_INFO_NULL,
};

#include "cunit_main.h"
CUNIT_MAIN(suites)
