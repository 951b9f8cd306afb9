/*
 * DOC: secrets: IOS password and key types
 *
 * The types IOS writes in a configuration, in one place for every feature:
 *   0  clear text;
 *   5  MD5-crypt "$1$salt$hash" (libcrypt's crypt_r);
 *   6  AES under a master key ('key config-key password-encrypt'), which
 *      lispr does not have: such a key is kept verbatim but cannot be used;
 *   7  the reversible Cisco obfuscation (a XOR with a fixed 53-byte string,
 *      two decimal digits of offset, then two hex digits per character);
 *   8  PBKDF2-HMAC-SHA256, 20000 iterations, "$8$" 14-character salt "$"
 *      43 characters (OpenSSL);
 *   9  scrypt N=16384 r=1 p=1, "$9$" 14-character salt "$" 43 characters
 *      (OpenSSL's EVP_PBE_scrypt).
 * Types 8 and 9 encode the 32-byte digest with the crypt alphabet
 * "./0-9A-Za-z", 6 bits at a time from the most significant bit, as IOS
 * does: a secret written by IOS verifies here and one written here loads
 * on IOS.
 *
 * Enable secrets are hashes (5, 8, 9).  Keys and line passwords must be
 * usable, so they are clear (0) or obfuscated (7), and 6 is accepted only
 * to keep the line.  secret_key_arg() parses the '[0|6|7] KEY' argument
 * form for every command that takes a key (LISP sites and map-servers,
 * line passwords): it returns the usable key and the form the
 * running-config prints, which with 'service password-encryption' is type
 * 7 at once, as on IOS.
 */
#ifndef LISPR_SECRET_H
#define LISPR_SECRET_H

#include <libcli.h>
#include <stdbool.h>
#include <stddef.h>

#define SECRET_PLAIN_MAX	128	/* longest usable key or password + 1 */
#define SECRET_CONF_MAX		272	/* "7 " + 2 + 2 per character, or "6 " + text */
#define SECRET_HASH_MAX		128	/* "$9$" salt "$" digest */
#define SECRET_TYPE7_MAX	128	/* characters a type 7 string may hide */

/* ---------------------------------------------------------------- type 7 */
/* Obfuscate plain with the offset seed (0-15); -1 if out does not hold it. */
int secret7_encode_seed(const char *plain, unsigned seed, char *out, size_t len);
/* The same with an offset derived from plain, so that printing a key twice
 * gives the same text (IOS picks one at random when the key is set). */
int secret7_encode(const char *plain, char *out, size_t len);
/* Reveal a type 7 string; -1 if it is not one (odd length, not hex, an
 * offset past the string, a NUL or control character inside). */
int secret7_decode(const char *enc, char *out, size_t len);

/* ---------------------------------------------------------------- hashes */
/* A new hash of type 5, 8 or 9 with a random salt; -1 on failure. */
int secret_hash_type(int type, const char *plain, char *out, size_t len);
/* The type of a secret as 'enable secret T HASH' gives it: is hash a
 * well-formed one of that type (5, 8 or 9)? */
bool secret_wellformed(int type, const char *hash);
/* 5, 8 or 9 from the hash's "$1$", "$8$", "$9$" prefix; -1 if none. */
int secret_hash_kind(const char *hash);
/* Does plain match the hash (any of the three types)?  Constant time in
 * the comparison of the digests. */
bool secret_check(const char *hash, const char *plain);
/* 'enable secret LINE': a type 8 hash (as before types 5 and 9 existed). */
int secret_hash(const char *plain, char *out, size_t len);

/* ---------------------------------------------------------------- keys */
struct secret_key {
	char plain[SECRET_PLAIN_MAX];	/* the usable key, "" if it cannot be decoded */
	char conf[SECRET_CONF_MAX];	/* "" (prints as plain), "7 HEX" or "6 TEXT" */
};

#define SECRET_ALLOW_TYPE6	0x01	/* keys: IOS accepts 0, 6 and 7 */

/*
 * Parse '[0|6|7] KEY' from argv[i]: a lone 0, 6 or 7 followed by another
 * word is the type; anything else is a clear key.  At most maxlen - 1
 * characters of usable key.  Type 7 is decoded.  Type 6 (with
 * SECRET_ALLOW_TYPE6) prints a '%' note that it cannot be decoded, and k
 * has no usable key but keeps the text for the running-config.  With
 * 'service password-encryption' on, a clear key is stored as type 7.
 * Returns the index of the word after the key, or -1 with an IOS error
 * printed (invalid word marked, or incomplete).
 */
int secret_key_arg(struct cli_def *cli, char **argv, int argc, int i, unsigned flags, size_t maxlen,
		   struct secret_key *k);
/* The text that follows 'key ' / 'password ' in the running-config. */
const char *secret_key_fmt(const char *plain, const char *conf, char *buf, size_t len);
/* The text that follows 'secret ': "T HASH". */
const char *secret_hash_fmt(const char *hash, char *buf, size_t len);
/* While on in the calling thread ('show tech-support', cli/cmd_tech.c), the
 * two above print "<removed>" in place of the key or hash (its type digit
 * kept: "7 <removed>"), as IOS's show tech-support does. */
void secret_set_redact(bool on);
/* 'service password-encryption' turned on: the type 7 form of a clear key
 * into out (returns true), or false when conf already holds a form. */
bool secret_key_encrypt(const char *plain, const char *conf, char *out, size_t len);

#endif
