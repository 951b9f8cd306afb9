/*
 * DOC: argument grammars for positional '?' help
 *
 * A command's arguments are described the way Cisco's command references
 * write them, e.g. for ping
 *
 *     A.B.C.D [source {IF|A.B.C.D} | repeat <1-10000> | size <36-18024>]...
 *
 * [x] is optional, {x} a group, a|b alternatives, a trailing ... repeats
 * the group before it any number of times.  A token is a keyword (matched
 * by any unique prefix, case-insensitive) unless it is a placeholder:
 * <lo-hi> (a number in range), A.B.C.D (an IPv4 address), A.B.C.D/nn (a
 * prefix), X:X:X:X::X and X:X:X:X::X/nn (X:X:X:X::X/<0-128> too: their
 * IPv6 twins), LINE (the rest of the line), IF (an interface name: a word
 * that starts with a letter), HOST and ICMP (a host name, an ICMP type's
 * name: a word with a letter, not an address, not an abbreviation of a
 * keyword of the command: IOS reads the keyword), or any other word
 * written in capitals
 * (WORD, NAME: one word).  The help shown for the k-th
 * occurrence of a token is the k-th line of that name in the command's
 * "NAME<TAB>help" argument help (shell_arghelp()).
 *
 * syn_next() answers '?': which tokens may come after the words typed so
 * far, and whether the line could end there (<cr>).  It walks every way
 * the words can match, so it needs no lookahead and never guesses.
 */
#ifndef LISPR_SYNTAX_H
#define LISPR_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>

struct syn;

struct syn_tok {
	const char *name;	/* as written in the grammar */
	const char *help;	/* from the argument help, "" if none */
	bool keyword;
};

/* NULL with a message in err when the grammar does not parse. */
struct syn *syn_compile(const char *spec, const char *arghelp, char *err, size_t errlen);
void syn_free(struct syn *g);
/*
 * The tokens that may follow words[0..n-1] (at most max, each once, in
 * grammar order); with partial non-NULL only the keywords it abbreviates.
 * *cr tells whether the words may be the whole line.  Returns the number
 * of tokens, or -1 when the words cannot start a valid line; *bad (may be
 * NULL) is then the index of the first word no reading accepts.
 */
int syn_next(const struct syn *g, char **words, int n, const char *partial,
	     struct syn_tok *out, int max, bool *cr, int *bad);

#endif
