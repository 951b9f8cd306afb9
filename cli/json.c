/*
 * DOC: the JSON writer behind '| json' (see json.h)
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "json.h"

#define NS	1000000000ull

void json_open(struct json *j)
{
	memset(j, 0, sizeof(*j));
	j->f = open_memstream(&j->text, &j->len);
}

int json_print(struct cli_def *cli, struct json *j)
{
	struct shell *sh = shell_sess_of(cli)->sh;

	if (!j->f)
		return shell_err(cli, "%% Out of memory");
	shell_unlock(sh);
	fclose(j->f);
	cli_print(cli, "%s", j->text);
	free(j->text);
	shell_lock(sh);
	return CLI_OK;
}

/* The length of the well-formed UTF-8 sequence at s (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), 0 if there is
 * none. */
static size_t utf8_len(const unsigned char *s)
{
	size_t n, i;
	unsigned long cp;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)	/* also stops at the NUL */
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (n == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return n;
}

/* JSON text is UTF-8 (RFC 8259): a byte that does not start a
 * well-formed sequence (a Latin-1 description typed on a vty) becomes
 * U+FFFD, so the output always parses. */
static void put_string(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	fputc('"', f);
	while (*p) {
		unsigned char c = *p;
		size_t n;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else if ((n = utf8_len(p)) == 0)
			fputs("\\ufffd", f);
		else {
			fwrite(p, 1, n, f);
			p += n;
			continue;
		}
		p++;
	}
	fputc('"', f);
}

static void put_key(struct json *j, const char *k)
{
	if (!j->f)
		return;
	if (j->comma)
		fputc(',', j->f);
	j->comma = true;
	if (k) {
		put_string(j->f, k);
		fputc(':', j->f);
	}
}

void json_begin(struct json *j, const char *k, char c)
{
	put_key(j, k);
	if (j->f)
		fputc(c, j->f);
	j->comma = false;
}

void json_end(struct json *j, char c)
{
	if (j->f)
		fputc(c, j->f);
	j->comma = true;
}

void json_str(struct json *j, const char *k, const char *v)
{
	put_key(j, k);
	if (j->f)
		put_string(j->f, v);
}

void json_uint(struct json *j, const char *k, uint64_t v)
{
	put_key(j, k);
	if (j->f)
		fprintf(j->f, "%llu", (unsigned long long)v);
}

void json_bool(struct json *j, const char *k, bool v)
{
	put_key(j, k);
	if (j->f)
		fputs(v ? "true" : "false", j->f);
}

void json_null(struct json *j, const char *k)
{
	put_key(j, k);
	if (j->f)
		fputs("null", j->f);
}

/* Seconds since t, or null for never. */
void json_since(struct json *j, const char *k, uint64_t now, uint64_t t)
{
	put_key(j, k);
	if (!j->f)
		return;
	if (t)
		fprintf(j->f, "%llu", (unsigned long long)((now > t ? now - t : 0) / NS));
	else
		fputs("null", j->f);
}

void json_until(struct json *j, const char *k, uint64_t now, uint64_t t)
{
	put_key(j, k);
	if (!j->f)
		return;
	if (t)
		fprintf(j->f, "%llu", (unsigned long long)((t > now ? t - now : 0) / NS));
	else
		fputs("null", j->f);
}

void json_addr(struct json *j, const char *k, const struct addr *a)
{
	char ab[ADDR_STRLEN];

	if (a->afi == AFI_NONE) {
		put_key(j, k);
		if (j->f)
			fputs("null", j->f);
		return;
	}
	json_str(j, k, addr_fmt(a, ab, sizeof(ab)));
}

void json_prefix(struct json *j, const char *k, const struct prefix *p)
{
	char pb[PREFIX_STRLEN];

	json_str(j, k, prefix_fmt(p, pb, sizeof(pb)));
}

void json_discard(struct json *j)
{
	if (j->f)
		fclose(j->f);
	free(j->text);
	j->f = NULL;
	j->text = NULL;
}
