/*
 * DOC: lispr's entry point
 *
 * Option parsing follows the FRR daemons' conventions.  For now the program
 * offers the offline decoder; the router, the shell and the vty listener
 * are added by their own modules.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "decode.h"

static void usage(FILE *f)
{
	fprintf(f,
		"Usage: lispr [OPTION]...\n"
		"A LISP router (ITR, ETR, PITR, PETR, Map-Server, Map-Resolver) with an IOS-style shell.\n"
		"\n"
		"      --decode FILE  print one line per LISP packet of a pcap capture and exit\n"
		"  -h, --help         show this help and exit\n"
		"  -v, --version      show the version and exit\n"
		"\n"
		"See lispr(8) and lispr.conf(5).\n");
}

int main(int argc, char **argv)
{
	enum { OPT_DECODE = 256 };
	static const struct option longopts[] = {
		{ "decode",  required_argument, NULL, OPT_DECODE },
		{ "help",    no_argument,       NULL, 'h' },
		{ "version", no_argument,       NULL, 'v' },
		{ NULL, 0, NULL, 0 },
	};
	const char *decode_file = NULL;
	int c;

	while ((c = getopt_long(argc, argv, "hv", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_DECODE:
			decode_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'v':
			printf("lispr %s\n", PACKAGE_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "lispr: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (decode_file) {
		char err[256];

		if (decode_pcap_file(decode_file, stdout, err, sizeof(err)) == -1) {
			fprintf(stderr, "lispr: %s: %s\n", decode_file, err);
			return 1;
		}
		return 0;
	}
	usage(stderr);
	return 2;
}
