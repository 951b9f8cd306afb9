/*
 * DOC: the local console: GNU readline on a terminal, or a batch of
 * commands read from a stream
 */
#ifndef LISPR_CONSOLE_H
#define LISPR_CONSOLE_H

#include <stdio.h>

#include "shell.h"

/* Interactive console on the controlling terminal; returns at end of
 * input (Ctrl-D at the prompt). */
int console_run(struct shell *sh);
/* Run each line of in as if typed at the console, echoing prompt and line
 * to out like a session transcript.  Returns the number of lines that
 * failed. */
int console_batch(struct shell *sh, FILE *in, FILE *out);
/* Give the terminal back before the process exits from another thread. */
void console_abort(void);

#endif
