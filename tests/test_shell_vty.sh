#!/bin/sh
# Concurrent telnet vty sessions against a real lispr on 127.0.0.1 (a free
# port chosen per run); see tests/vty_client.py.  Bounded by timeout(1).
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(dirname "$0")/..}"
PY=/usr/bin/python3
if [ ! -x "$PY" ]; then
	echo "SKIP: $PY not found"
	exit 77
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
timeout 120 "$PY" "$top_srcdir/tests/vty_client.py" "$LISPR" "$work"
