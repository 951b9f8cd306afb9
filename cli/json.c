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
	if (!j->f)
		return shell_err(cli, "%% Out of memory");
	fclose(j->f);
	cli_print(cli, "%s", j->text);
	free(j->text);
	return CLI_OK;
}

static void put_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else
			fputc(c, f);
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
