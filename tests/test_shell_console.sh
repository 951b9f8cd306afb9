#!/bin/sh
# The local console on a pseudo-terminal: Ctrl-C, the two histories, 'show
# history' (tests/console_client.py).  No network; bounded by timeout(1).
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(dirname "$0")/..}"
PY=/usr/bin/python3
[ -x "$PY" ] || { echo "SKIP: $PY not found"; exit 77; }
timeout 60 "$PY" "$top_srcdir/tests/console_client.py" "$LISPR"
