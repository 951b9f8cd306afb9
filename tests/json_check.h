/*
 * DOC: a small JSON validator for the tests of the '| json' outputs
 *
 * json_valid() accepts exactly one JSON value (objects, arrays, strings
 * with their escapes and well-formed UTF-8, numbers without exponents,
 * true/false/null) with only white space around it, nested at most 32
 * deep.  Used by
 * test_shell_lisp and by the fuzz_shell target (tests/fuzz/), so it needs
 * neither CUnit nor lispr.
 */
#ifndef LISPR_JSON_CHECK_H
#define LISPR_JSON_CHECK_H

#include <ctype.h>
#include <stdbool.h>
#include <string.h>

static inline const char *js_value(const char *p, int depth);

static inline const char *js_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* Past one well-formed UTF-8 character at p (RFC 3629), NULL if none;
 * written apart from cli/json.c's so that each checks the other. */
static inline const char *js_utf8(const char *p)
{
	const unsigned char *u = (const unsigned char *)p;
	unsigned n = u[0] < 0x80 ? 1 : u[0] < 0xc2 ? 0 : u[0] < 0xe0 ? 2 : u[0] < 0xf0 ? 3 : u[0] < 0xf5 ? 4 : 0;

	if (!n)
		return NULL;
	for (unsigned i = 1; i < n; i++)
		if (u[i] < 0x80 || u[i] > 0xbf)
			return NULL;
	if ((u[0] == 0xe0 && u[1] < 0xa0) || (u[0] == 0xed && u[1] > 0x9f) ||
	    (u[0] == 0xf0 && u[1] < 0x90) || (u[0] == 0xf4 && u[1] > 0x8f))
		return NULL;	/* overlong, surrogate, above U+10FFFF */
	return p + n;
}

static inline const char *js_strv(const char *p)
{
	if (*p++ != '"')
		return NULL;
	while (*p && *p != '"') {
		if ((unsigned char)*p < 0x20)
			return NULL;
		if ((unsigned char)*p >= 0x80) {
			if (!(p = js_utf8(p)))
				return NULL;
			continue;
		}
		if (*p == '\\') {
			p++;
			if (*p == 'u') {
				for (int i = 1; i <= 4; i++)
					if (!isxdigit((unsigned char)p[i]))
						return NULL;
				p += 4;
			} else if (!*p || !strchr("\"\\/bfnrt", *p)) {
				return NULL;
			}
		}
		p++;
	}
	return *p == '"' ? p + 1 : NULL;
}

static inline const char *js_num(const char *p)
{
	const char *s = p;

	if (*p == '-')
		p++;
	if (*p == '0')
		p++;
	else if (isdigit((unsigned char)*p))
		while (isdigit((unsigned char)*p))
			p++;
	else
		return NULL;
	if (*p == '.') {
		if (!isdigit((unsigned char)*++p))
			return NULL;
		while (isdigit((unsigned char)*p))
			p++;
	}
	return p > s ? p : NULL;
}

static inline const char *js_value(const char *p, int depth)
{
	if (depth > 32)
		return NULL;
	p = js_ws(p);
	if (*p == '{' || *p == '[') {
		char close = *p == '{' ? '}' : ']';
		bool obj = *p == '{';

		p = js_ws(p + 1);
		if (*p == close)
			return p + 1;
		for (;;) {
			if (obj) {
				if (!(p = js_strv(js_ws(p))))
					return NULL;
				p = js_ws(p);
				if (*p++ != ':')
					return NULL;
			}
			if (!(p = js_value(p, depth + 1)))
				return NULL;
			p = js_ws(p);
			if (*p == close)
				return p + 1;
			if (*p++ != ',')
				return NULL;
		}
	}
	if (*p == '"')
		return js_strv(p);
	if (!strncmp(p, "true", 4))
		return p + 4;
	if (!strncmp(p, "false", 5))
		return p + 5;
	if (!strncmp(p, "null", 4))
		return p + 4;
	return js_num(p);
}

static inline bool json_valid(const char *text)
{
	const char *p = js_value(text, 0);

	return p && *js_ws(p) == '\0';
}

#endif
