/*
 * DOC: secrets: IOS password and key types (the contract is in secret.h)
 *
 * Hashing is left to the libraries (libcrypt for MD5-crypt, OpenSSL for
 * PBKDF2 and scrypt); this file only knows the IOS encodings around them.
 * Type 7 is an obfuscation, not encryption, and is written here because no
 * library has it.
 */
#include "config.h"

#include <crypt.h>
#include <ctype.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/kdf.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <string.h>

#include "secret.h"
#include "shell.h"

#define SALT_LEN	14	/* types 8 and 9 */
#define DIGEST_LEN	32
#define DIGEST_CHARS	43	/* 256 bits, 6 per character */
#define PBKDF2_ITER	20000
#define SCRYPT_N	16384
#define SCRYPT_R	1
#define SCRYPT_P	1
#define MD5_SALT_LEN	4	/* what IOS writes; crypt accepts up to 8 */

static const char cisco64[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/* The fixed string type 7 XORs with (public since the 1990s). */
static const char xlat[] = "dsfd;kfoA,.iyewrkldJKDHSUBsgvca69834ncxv9873254k;fg87";
#define XLAT_LEN	(sizeof(xlat) - 1)

/* ---------------------------------------------------------------- type 7 */

int secret7_encode_seed(const char *plain, unsigned seed, char *out, size_t len)
{
	size_t n = strlen(plain), o;

	if (seed > 15 || n == 0 || n > SECRET_TYPE7_MAX || len < 2 * n + 3)
		return -1;
	o = (size_t)snprintf(out, len, "%02u", seed);
	for (size_t i = 0; i < n; i++)
		o += (size_t)snprintf(out + o, len - o, "%02X",
				      (unsigned char)plain[i] ^ (unsigned char)xlat[(seed + i) % XLAT_LEN]);
	return 0;
}

int secret7_encode(const char *plain, char *out, size_t len)
{
	unsigned sum = 0;

	for (const unsigned char *p = (const unsigned char *)plain; *p; p++)
		sum += *p;
	return secret7_encode_seed(plain, sum % 16, out, len);
}

static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int secret7_decode(const char *enc, char *out, size_t len)
{
	size_t n = strlen(enc), chars;
	unsigned seed;

	if (n < 4 || n % 2 || !isdigit((unsigned char)enc[0]) || !isdigit((unsigned char)enc[1]))
		return -1;
	seed = (unsigned)(enc[0] - '0') * 10 + (unsigned)(enc[1] - '0');
	chars = (n - 2) / 2;
	if (seed >= XLAT_LEN || chars > SECRET_TYPE7_MAX || chars + 1 > len)
		return -1;
	for (size_t i = 0; i < chars; i++) {
		int hi = hexval((unsigned char)enc[2 + 2 * i]), lo = hexval((unsigned char)enc[3 + 2 * i]);
		unsigned char c;

		if (hi < 0 || lo < 0)
			return -1;
		c = (unsigned char)(hi << 4 | lo) ^ (unsigned char)xlat[(seed + i) % XLAT_LEN];
		/* A key is printable text: anything else is not ours to accept. */
		if (c < 0x20 || c == 0x7f)
			return -1;
		out[i] = (char)c;
	}
	out[chars] = '\0';
	return 0;
}

/* ---------------------------------------------------------------- hashes */

static void cisco64_encode(const unsigned char *in, size_t len, char *out)
{
	unsigned v = 0;
	int bits = 0;

	for (size_t i = 0; i < len; i++) {
		v = (v << 8) | in[i];
		bits += 8;
		while (bits >= 6) {
			*out++ = cisco64[(v >> (bits - 6)) & 63];
			bits -= 6;
		}
	}
	if (bits)
		*out++ = cisco64[(v << (6 - bits)) & 63];
	*out = '\0';
}

static bool in_alphabet(const char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!p[i] || !strchr(cisco64, p[i]))
			return false;
	return true;
}

/* "$T$" + 14 salt + "$" + 43 digest characters. */
static bool wellformed_89(char t, const char *h)
{
	return h[0] == '$' && h[1] == t && h[2] == '$' && strlen(h) == 3 + SALT_LEN + 1 + DIGEST_CHARS &&
	       in_alphabet(h + 3, SALT_LEN) && h[3 + SALT_LEN] == '$' &&
	       in_alphabet(h + 4 + SALT_LEN, DIGEST_CHARS);
}

/* "$1$" + 1-8 salt characters + "$" + 22 characters, as crypt writes. */
static bool wellformed_5(const char *h)
{
	const char *d;

	if (strncmp(h, "$1$", 3) || !(d = strchr(h + 3, '$')))
		return false;
	return d - (h + 3) >= 1 && d - (h + 3) <= 8 && in_alphabet(h + 3, (size_t)(d - (h + 3))) &&
	       strlen(d + 1) == 22 && in_alphabet(d + 1, 22);
}

bool secret_wellformed(int type, const char *hash)
{
	switch (type) {
	case 5:
		return wellformed_5(hash);
	case 8:
		return wellformed_89('8', hash);
	case 9:
		return wellformed_89('9', hash);
	default:
		return false;
	}
}

int secret_hash_kind(const char *hash)
{
	static const int kinds[] = { 5, 8, 9 };

	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (secret_wellformed(kinds[i], hash))
			return kinds[i];
	return -1;
}

/* The digest of plain under salt, encoded; false on a library failure. */
static bool derive_89(int type, const char *plain, const char *salt, char *out)
{
	unsigned char dk[DIGEST_LEN];
	int ok;

	if (type == 8)
		ok = PKCS5_PBKDF2_HMAC(plain, (int)strlen(plain), (const unsigned char *)salt, SALT_LEN,
				       PBKDF2_ITER, EVP_sha256(), sizeof(dk), dk);
	else
		ok = EVP_PBE_scrypt(plain, strlen(plain), (const unsigned char *)salt, SALT_LEN,
				    SCRYPT_N, SCRYPT_R, SCRYPT_P, 0, dk, sizeof(dk));
	if (ok != 1)
		return false;
	cisco64_encode(dk, sizeof(dk), out);
	OPENSSL_cleanse(dk, sizeof(dk));
	return true;
}

static bool random_salt(char *salt, size_t n)
{
	unsigned char rnd[SALT_LEN];

	if (n > sizeof(rnd) || RAND_bytes(rnd, (int)n) != 1)
		return false;
	for (size_t i = 0; i < n; i++)
		salt[i] = cisco64[rnd[i] & 63];
	salt[n] = '\0';
	return true;
}

/* crypt_r's state is large (tens of KB): on the heap, not a thread's stack. */
static char *md5_crypt(const char *plain, const char *setting, char *out, size_t len)
{
	struct crypt_data *cd = calloc(1, sizeof(*cd));
	char *h;

	if (!cd)
		return NULL;
	h = crypt_r(plain, setting, cd);
	if (h && h[0] == '$' && (size_t)snprintf(out, len, "%s", h) < len)
		h = out;
	else
		h = NULL;
	explicit_bzero(cd, sizeof(*cd));
	free(cd);
	return h;
}

int secret_hash_type(int type, const char *plain, char *out, size_t len)
{
	char salt[SALT_LEN + 1], digest[DIGEST_CHARS + 2];

	if (type == 5) {
		char setting[3 + SALT_LEN + 2];

		if (!random_salt(salt, MD5_SALT_LEN))
			return -1;
		snprintf(setting, sizeof(setting), "$1$%s$", salt);
		return md5_crypt(plain, setting, out, len) && wellformed_5(out) ? 0 : -1;
	}
	if ((type != 8 && type != 9) || !random_salt(salt, SALT_LEN) || !derive_89(type, plain, salt, digest))
		return -1;
	if ((size_t)snprintf(out, len, "$%d$%s$%s", type, salt, digest) >= len)
		return -1;
	return 0;
}

int secret_hash(const char *plain, char *out, size_t len)
{
	return secret_hash_type(8, plain, out, len);
}

bool secret_check(const char *hash, const char *plain)
{
	char buf[SECRET_HASH_MAX], digest[DIGEST_CHARS + 2], salt[SALT_LEN + 1];
	int kind = secret_hash_kind(hash);
	bool ok = false;

	switch (kind) {
	case 5:
		ok = md5_crypt(plain, hash, buf, sizeof(buf)) && strlen(buf) == strlen(hash) &&
		     CRYPTO_memcmp(buf, hash, strlen(hash)) == 0;
		break;
	case 8:
	case 9:
		memcpy(salt, hash + 3, SALT_LEN);
		salt[SALT_LEN] = '\0';
		ok = derive_89(kind, plain, salt, digest) &&
		     CRYPTO_memcmp(digest, hash + 4 + SALT_LEN, DIGEST_CHARS) == 0;
		break;
	default:
		break;
	}
	OPENSSL_cleanse(buf, sizeof(buf));
	return ok;
}

/* ---------------------------------------------------------------- keys */

int secret_key_arg(struct cli_def *cli, char **argv, int argc, int i, unsigned flags, size_t maxlen,
		   struct secret_key *k)
{
	struct shell_sess *s = shell_sess_of(cli);
	int type = 0;

	memset(k, 0, sizeof(*k));
	if (maxlen > sizeof(k->plain))
		maxlen = sizeof(k->plain);
	if (i >= argc) {
		shell_err_incomplete(cli);
		return -1;
	}
	if (i + 1 < argc && argv[i][0] && !argv[i][1] && strchr("067", argv[i][0])) {
		type = argv[i][0] - '0';
		if (type == 6 && !(flags & SECRET_ALLOW_TYPE6)) {
			shell_err_invalid(cli, i);
			return -1;
		}
		i++;
	}
	switch (type) {
	case 7:
		if (secret7_decode(argv[i], k->plain, sizeof(k->plain)) == -1) {
			shell_err(cli, "%% Invalid encrypted password: not a type 7 string");
			return -1;
		}
		if (strlen(k->plain) >= maxlen) {
			shell_err(cli, "%% Key too long (at most %zu characters)", maxlen - 1);
			return -1;
		}
		snprintf(k->conf, sizeof(k->conf), "7 %s", argv[i]);
		break;
	case 6:
		if (strlen(argv[i]) + 3 > sizeof(k->conf)) {
			shell_err_invalid(cli, i);
			return -1;
		}
		snprintf(k->conf, sizeof(k->conf), "6 %s", argv[i]);
		shell_err(cli, "%% A type 6 key cannot be decoded: no master key (key config-key "
			       "password-encrypt) is configured; the key is kept but not used");
		break;
	default:
		if (strlen(argv[i]) >= maxlen) {
			shell_err(cli, "%% Key too long (at most %zu characters)", maxlen - 1);
			return -1;
		}
		snprintf(k->plain, sizeof(k->plain), "%s", argv[i]);
		/* IOS encrypts a key as it is entered while the service is on. */
		if (s && s->sh->conf.password_encryption)
			secret_key_encrypt(k->plain, "", k->conf, sizeof(k->conf));
		break;
	}
	return i + 1;
}

static _Thread_local bool redact;

void secret_set_redact(bool on)
{
	redact = on;
}

const char *secret_key_fmt(const char *plain, const char *conf, char *buf, size_t len)
{
	const char *sp;

	if (!redact)
		snprintf(buf, len, "%s", conf && conf[0] ? conf : plain);
	else if (conf && conf[0] && (sp = strchr(conf, ' ')))	/* "7 HEX", "6 ..." */
		snprintf(buf, len, "%.*s <removed>", (int)(sp - conf), conf);
	else
		snprintf(buf, len, "<removed>");
	return buf;
}

const char *secret_hash_fmt(const char *hash, char *buf, size_t len)
{
	snprintf(buf, len, "%d %s", secret_hash_kind(hash), redact ? "<removed>" : hash);
	return buf;
}

bool secret_key_encrypt(const char *plain, const char *conf, char *out, size_t len)
{
	char enc[SECRET_CONF_MAX];

	if ((conf && conf[0]) || !plain[0] || secret7_encode(plain, enc, sizeof(enc)) == -1)
		return false;
	return (size_t)snprintf(out, len, "7 %s", enc) < len;
}
