/*
 * DOC: JSON output of the show commands ('| json')
 *
 * A show command that can print JSON marks itself with shell_json_ok(),
 * asks shell_json() while it runs, and then builds one JSON object in
 * memory with these functions (keys in snake_case; key NULL inside an
 * array) and prints it as one line with json_print().  Strings are
 * escaped; times are whole seconds, null for never.
 */
#ifndef LISPR_JSON_H
#define LISPR_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "addr.h"
#include "shell.h"

struct json {
	FILE *f;		/* NULL after an allocation failure */
	char *text;
	size_t len;
	bool comma;
};

void json_open(struct json *j);
/* Prints the text as one line and frees it; CLI_OK or CLI_ERROR.  The
 * last thing a command does, with the router lock held: it lets the lock
 * go while the text (tens of MB for a big table) is copied out. */
int json_print(struct cli_def *cli, struct json *j);
/* Frees the text without printing it. */
void json_discard(struct json *j);

/* c is '{' or '[' (json_begin) and '}' or ']' (json_end). */
void json_begin(struct json *j, const char *key, char c);
void json_end(struct json *j, char c);
void json_str(struct json *j, const char *key, const char *v);
void json_uint(struct json *j, const char *key, uint64_t v);
void json_bool(struct json *j, const char *key, bool v);
void json_null(struct json *j, const char *key);
/* An address or prefix as a string; AFI_NONE: null. */
void json_addr(struct json *j, const char *key, const struct addr *a);
void json_prefix(struct json *j, const char *key, const struct prefix *p);
/* Seconds since t (until t), both nanoseconds on one clock; t 0: null. */
void json_since(struct json *j, const char *key, uint64_t now, uint64_t t);
void json_until(struct json *j, const char *key, uint64_t now, uint64_t t);

#endif
