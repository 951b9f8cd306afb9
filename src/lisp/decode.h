/*
 * DOC: offline decoding of LISP packets ('lispr --decode FILE.pcap')
 *
 * One line per LISP packet found in a capture: control messages on UDP 4342
 * (type, nonce, EIDs, RLOCs, flags; an ECM is shown with its inner message)
 * and data packets on UDP 4341 (header flags, nonce, IID, inner addresses).
 * A malformed packet gets a line with the decoder's reason.  Nothing in the
 * file can make it crash or read out of bounds.
 */
#ifndef LISPR_DECODE_H
#define LISPR_DECODE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/*
 * Decode one captured frame of the given pcap link type (DLT_EN10MB,
 * DLT_RAW, DLT_LINUX_SLL, DLT_NULL/LOOP).  Returns 1 and writes a line
 * (without newline) to line if the frame carries LISP, 0 if it does not.
 */
int decode_frame(int linktype, const uint8_t *frame, size_t len,
		 char *line, size_t linelen);

/*
 * Print one line per LISP packet of a pcap file to out, each prefixed with
 * its frame number.  Returns 0, or -1 if the file cannot be read (reason in
 * err).
 */
int decode_pcap_file(const char *path, FILE *out, char *err, size_t errlen);

#endif
