/*
 * DOC: local users: 'username NAME [privilege N] {secret | password |
 * nopassword}' and the vty login they answer ('login local', cmd_line.c)
 *
 * As IOS: a secret is kept only as a hash (typed clear or with type 0 it
 * is hashed as 'enable secret' is, type 8; 'secret 5|8|9 HASH' takes one
 * written by IOS as it is); a password is kept clear or as type 7 and
 * follows 'service password-encryption'; 'nopassword' lets the user in on
 * the name alone.  Typing a user again replaces the entry (its privilege
 * back to 1 unless given).  A vty line with 'login local' asks for a user
 * name and a password (vty.c, shell_user_check()); a user of privilege 15
 * starts in privileged EXEC, anyone else in user EXEC ('enable' as
 * before).  At most SHELL_USERS_MAX users: one more is refused with a %
 * error.  The running-config prints them in the order they were first
 * configured, after the system lines, as IOS does.
 */
#include "config.h"

#include <openssl/crypto.h>
#include <pthread.h>
#include <string.h>
#include <strings.h>

#include "secret.h"
#include "shell.h"

/* What an unknown name's password is checked against. */
static char dummy_hash[SHELL_KEY_MAX];

static void dummy_init(void)
{
	if (secret_hash("lispr: no such user", dummy_hash, sizeof(dummy_hash)) == -1)
		dummy_hash[0] = '\0';
}

static struct shell_user *user_find(struct shell *sh, const char *name)
{
	for (unsigned i = 0; i < sh->conf.nusers; i++)
		if (!strcmp(sh->conf.users[i].name, name))
			return &sh->conf.users[i];
	return NULL;
}

/* A name IOS would take and a log line can carry: printable, no space. */
static bool name_ok(const char *name)
{
	size_t n = strlen(name);

	if (!n || n >= SHELL_USER_NAME_MAX)
		return false;
	for (size_t i = 0; i < n; i++)
		if (name[i] <= ' ' || name[i] > '~')
			return false;
	return true;
}

static bool kw(const char *arg, const char *word, size_t min)
{
	size_t n = strlen(arg);

	return n >= min && n <= strlen(word) && !strncasecmp(arg, word, n);
}

/* username NAME [privilege N] {secret [0|5|8|9] S | password [0|7] P | nopassword} */
static int cmd_username(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct shell_user u, *old;
	struct secret_key k;
	long priv;
	int i = 1;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!name_ok(argv[0]))
		return shell_err(cli, "%% Invalid user name: 1 to %d printable characters without spaces",
				 SHELL_USER_NAME_MAX - 1);
	memset(&u, 0, sizeof(u));
	snprintf(u.name, sizeof(u.name), "%s", argv[0]);
	u.priv = 1;
	if (i < argc && kw(argv[i], "privilege", 2)) {
		if ((priv = shell_arg_uint(cli, argv, argc, i + 1, 0, 15)) < 0)
			return CLI_ERROR;
		u.priv = (unsigned)priv;
		u.priv_set = true;
		i += 2;
	}
	if (i + 1 < argc && kw(argv[i], "algorithm-type", 2)) {
		/* 'algorithm-type {md5 | sha256 | scrypt} secret S': S in clear,
		 * hashed with that type. */
		int type = shell_algorithm_type(cli, argv, argc, i + 1);

		if (type < 0)
			return CLI_ERROR;
		i += 2;
		if (i >= argc || !kw(argv[i], "secret", 1))
			return i >= argc ? shell_err_incomplete(cli) : shell_err_invalid(cli, i);
		if (++i >= argc)
			return shell_err_incomplete(cli);
		if (i + 1 < argc)
			return shell_err_invalid(cli, i + 1);
		if (shell_password_ok(cli, argv, argc, i) != CLI_OK)
			return CLI_ERROR;
		if (secret_hash_type(type, argv[i], u.secret, sizeof(u.secret)) == -1)
			return shell_err(cli, "%% Cannot hash the secret");
		i = argc;
		goto store;
	}
	if (i >= argc) {
		/* 'username NAME privilege N' alone: IOS keeps the rest. */
		if (!u.priv_set)
			return shell_err_incomplete(cli);
		if ((old = user_find(sh, u.name))) {
			old->priv = u.priv;
			old->priv_set = true;
			return CLI_OK;
		}
		u.nologin = true;
	} else if (kw(argv[i], "secret", 1)) {
		int type = 0;

		if (++i >= argc)
			return shell_err_incomplete(cli);
		if (i + 1 < argc) {
			if (strlen(argv[i]) != 1 || !strchr("0589", argv[i][0]))
				return shell_err_invalid(cli, i);
			type = argv[i++][0] - '0';
		}
		if (i + 1 < argc)
			return shell_err_invalid(cli, i + 1);
		if (type == 0 && shell_password_ok(cli, argv, argc, i) != CLI_OK)
			return CLI_ERROR;
		if (type == 0) {
			if (secret_hash(argv[i], u.secret, sizeof(u.secret)) == -1)
				return shell_err(cli, "%% Cannot hash the secret");
		} else {
			if (!secret_wellformed(type, argv[i]))
				return shell_err(cli, "%% Invalid encrypted secret: not a type %d hash", type);
			snprintf(u.secret, sizeof(u.secret), "%s", argv[i]);
		}
	} else if (kw(argv[i], "password", 1)) {
		if (shell_password_ok(cli, argv, argc, i + 1) != CLI_OK ||
		    (i = secret_key_arg(cli, argv, argc, i + 1, 0, sizeof(u.password), &k)) < 0)
			return CLI_ERROR;
		if (i < argc)
			return shell_err_invalid(cli, i);
		snprintf(u.password, sizeof(u.password), "%s", k.plain);
		snprintf(u.password_conf, sizeof(u.password_conf), "%s", k.conf);
		OPENSSL_cleanse(&k, sizeof(k));
	} else if (kw(argv[i], "nopassword", 1)) {
		if (i + 1 < argc)
			return shell_err_invalid(cli, i + 1);
		u.nopassword = true;
	} else {
		return shell_err_invalid(cli, i);
	}
store:
	if ((old = user_find(sh, u.name))) {
		*old = u;
		return CLI_OK;
	}
	if (sh->conf.nusers >= SHELL_USERS_MAX)
		return shell_err(cli, "%% Too many local users (at most %d)", SHELL_USERS_MAX);
	sh->conf.users[sh->conf.nusers++] = u;
	return CLI_OK;
}

static int cmd_no_username(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell *sh = shell_sess_of(cli)->sh;
	struct shell_user *u;
	unsigned k;

	if (argc < 1)
		return shell_err_incomplete(cli);
	/* IOS takes the rest of the line as it was printed and ignores it. */
	if (!(u = user_find(sh, argv[0])))
		return CLI_OK;
	k = (unsigned)(u - sh->conf.users);
	OPENSSL_cleanse(u, sizeof(*u));
	memmove(u, u + 1, (sh->conf.nusers - k - 1) * sizeof(*u));
	sh->conf.nusers--;
	return CLI_OK;
}

int shell_user_check(struct shell *sh, const char *name, const char *pw, unsigned *priv)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	struct shell_user u;
	bool found, ok = false;
	size_t n;

	shell_lock(sh);
	found = user_find(sh, name) != NULL;
	if (found)
		u = *user_find(sh, name);
	shell_unlock(sh);
	if (found && !u.nologin && u.nopassword) {
		ok = true;
	} else if (found && !u.nologin && u.secret[0]) {
		ok = secret_check(u.secret, pw);
	} else {
		/* Unknown names, users without a password and users with a
		 * plain one all cost what a secret costs, so that the time
		 * taken does not tell which names exist. */
		pthread_once(&once, dummy_init);
		if (dummy_hash[0])
			secret_check(dummy_hash, pw);
		if (found && !u.nologin) {
			n = strlen(u.password);
			ok = n == strlen(pw) && CRYPTO_memcmp(u.password, pw, n) == 0;
		}
	}
	if (found) {
		*priv = u.priv;
		OPENSSL_cleanse(&u, sizeof(u));
	}
	return ok ? 0 : -1;
}

bool shell_user_nopassword(struct shell *sh, const char *name)
{
	const struct shell_user *u;
	bool r;

	shell_lock(sh);
	r = (u = user_find(sh, name)) && u->nopassword;
	shell_unlock(sh);
	return r;
}

static void user_encrypt(struct shell *sh)
{
	for (unsigned i = 0; i < sh->conf.nusers; i++) {
		struct shell_user *u = &sh->conf.users[i];

		if (!u->secret[0] && !u->nopassword)
			secret_key_encrypt(u->password, u->password_conf, u->password_conf,
					   sizeof(u->password_conf));
	}
}

static void user_write(struct shell *sh, FILE *f)
{
	char kb[SECRET_CONF_MAX], hb[SHELL_KEY_MAX + 8];

	for (unsigned i = 0; i < sh->conf.nusers; i++) {
		const struct shell_user *u = &sh->conf.users[i];

		fprintf(f, "username %s", u->name);
		if (u->priv_set)
			fprintf(f, " privilege %u", u->priv);
		if (u->nopassword)
			fprintf(f, " nopassword");
		else if (u->secret[0])
			fprintf(f, " secret %s", secret_hash_fmt(u->secret, hb, sizeof(hb)));
		else if (!u->nologin)
			fprintf(f, " password %s",
				secret_key_fmt(u->password, u->password_conf, kb, sizeof(kb)));
		fprintf(f, "\n");
	}
}

static void user_cmds(struct cli_def *cli)
{
	struct cli_command *c, *no;

	c = shell_cmd(cli, NULL, "username", cmd_username, SHELL_PRIV_ENABLE, SHELL_CONFIG,
		      "Establish User Name Authentication");
	shell_arghelp(cli, c, "WORD\tUser name\nprivilege\tSet user privilege level (optional)\n"
		      "<0-15>\tUser privilege level\n"
		      "secret\tSpecify the secret for the user\n<0-9>\t0: a clear secret follows, "
		      "5, 8 or 9: a hash written by IOS\nLINE\tThe secret\n"
		      "password\tSpecify the password for the user\n<0-7>\t0: a clear password follows, "
		      "7: a hidden one\nLINE\tThe password\n"
		      "nopassword\tNo password is required for the user to log in");
	shell_syntax(cli, c, "WORD [privilege <0-15>] [secret [<0-9>] LINE | password [<0-7>] LINE | "
		     "nopassword]");
	no = shell_node(cli, NULL, "no", SHELL_PRIV_ENABLE, SHELL_CONFIG, "Negate a command or set its defaults");
	c = shell_cmd(cli, no, "username", cmd_no_username, SHELL_PRIV_ENABLE, SHELL_CONFIG,
		      "Establish User Name Authentication");
	shell_arghelp(cli, c, "WORD\tUser name\nLINE\tThe rest of the line, ignored (optional)");
	shell_syntax(cli, c, "WORD [LINE]");
}

const struct shell_feature shell_feature_user = {
	.name = "user",
	.cmds = user_cmds,
	.write = user_write,
	.encrypt = user_encrypt,
};
