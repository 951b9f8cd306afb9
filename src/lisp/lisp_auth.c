/*
 * DOC: Map-Register / Map-Notify / Map-Notify-Ack authentication (RFC 9301 5.6)
 *
 * The MAC covers the whole UDP payload with the authentication data field
 * read as zeros.  Rather than copy the message to zero that field, the MAC
 * is fed the bytes before it, a run of zeros, and the bytes after it: the
 * same input, and verify never writes to the caller's buffer.
 */
#include <string.h>

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include "lisp_msg.h"

int
lisp_auth_len(unsigned alg_id)
{
	switch (alg_id) {
	case LISP_AUTH_NONE:
		return 0;
	case LISP_AUTH_HMAC_SHA1:
		return 20;
	case LISP_AUTH_HMAC_SHA256:
		return 32;
	default:
		return -1;
	}
}

/* HMAC of msg with its auth field (auth_len bytes at LISP_AUTH_OFFSET) as zeros. */
static int
auth_mac(unsigned alg, const void *key, size_t keylen, const uint8_t *msg, size_t len,
	 size_t auth_len, uint8_t out[LISP_AUTH_MAX_LEN])
{
	static const uint8_t zeros[LISP_AUTH_MAX_LEN];
	char digest[8];
	OSSL_PARAM params[2];
	EVP_MAC *mac;
	EVP_MAC_CTX *ctx = NULL;
	size_t outlen = 0, tail = LISP_AUTH_OFFSET + auth_len;
	int rc = -1;

	strcpy(digest, alg == LISP_AUTH_HMAC_SHA1 ? "SHA1" : "SHA256");
	params[0] = OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0);
	params[1] = OSSL_PARAM_construct_end();
	/* EVP_MAC_init() reads a NULL key as "keep the previous one" */
	if (key == NULL)
		key = zeros;
	if ((mac = EVP_MAC_fetch(NULL, "HMAC", NULL)) == NULL)
		return -1;
	if ((ctx = EVP_MAC_CTX_new(mac)) == NULL)
		goto out;
	if (EVP_MAC_init(ctx, key, keylen, params) != 1 ||
	    EVP_MAC_update(ctx, msg, LISP_AUTH_OFFSET) != 1 ||
	    EVP_MAC_update(ctx, zeros, auth_len) != 1 ||
	    EVP_MAC_update(ctx, msg + tail, len - tail) != 1 ||
	    EVP_MAC_final(ctx, out, &outlen, LISP_AUTH_MAX_LEN) != 1 ||
	    outlen != auth_len)
		goto out;
	rc = 0;
out:
	EVP_MAC_CTX_free(ctx);
	EVP_MAC_free(mac);
	return rc;
}

/* Check the auth header of a type 3/4/5 message; on success *alg and *alen are set. */
static enum lisp_err
auth_header(const uint8_t *msg, size_t len, unsigned *alg, size_t *alen)
{
	unsigned type;
	int want;

	if (msg == NULL || len < LISP_AUTH_OFFSET)
		return LISP_ERR_TRUNCATED;
	type = msg[0] >> 4;
	if (type != LISP_MAP_REGISTER && type != LISP_MAP_NOTIFY && type != LISP_MAP_NOTIFY_ACK)
		return LISP_ERR_TYPE;
	*alg = msg[13];
	*alen = (size_t)(msg[14] << 8 | msg[15]);
	if (*alg == LISP_AUTH_NONE)
		return LISP_ERR_AUTH_MISSING;
	if ((want = lisp_auth_len(*alg)) < 0)
		return LISP_ERR_AUTH_ALG;
	if (*alen != (size_t)want)
		return LISP_ERR_AUTH_LEN;
	if (len - LISP_AUTH_OFFSET < *alen)
		return LISP_ERR_TRUNCATED;
	return LISP_OK;
}

int
lisp_auth_sign(uint8_t *msg, size_t len, const void *key, size_t keylen)
{
	uint8_t out[LISP_AUTH_MAX_LEN];
	unsigned alg;
	size_t alen;

	if ((key == NULL && keylen > 0) || auth_header(msg, len, &alg, &alen) != LISP_OK)
		return -1;
	if (auth_mac(alg, key, keylen, msg, len, alen, out) == -1)
		return -1;
	memcpy(msg + LISP_AUTH_OFFSET, out, alen);
	OPENSSL_cleanse(out, sizeof(out));
	return 0;
}

enum lisp_err
lisp_auth_verify(const uint8_t *msg, size_t len, const void *key, size_t keylen)
{
	uint8_t out[LISP_AUTH_MAX_LEN];
	unsigned alg;
	size_t alen;
	enum lisp_err e;

	if ((e = auth_header(msg, len, &alg, &alen)) != LISP_OK)
		return e;
	if ((key == NULL && keylen > 0) ||
	    auth_mac(alg, key, keylen, msg, len, alen, out) == -1)
		return LISP_ERR_AUTH_FAILED;
	e = CRYPTO_memcmp(out, msg + LISP_AUTH_OFFSET, alen) == 0 ? LISP_OK : LISP_ERR_AUTH_FAILED;
	OPENSSL_cleanse(out, sizeof(out));
	return e;
}
