#!/bin/sh
# '| json' through the program, checked by an independent parser: every
# LISP show command on the configuration of tests/shell/lisp-classic.conf
# must print one line that Python's json module accepts.  Skips (77)
# without /usr/bin/python3.
set -u
: "${LISPR:=./lispr}"
: "${top_srcdir:=$(dirname "$0")/..}"
py=/usr/bin/python3
[ -x "$py" ] || exit 77
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/cmds" <<'CMDS'
show ip lisp | json
show ip lisp map-cache | json
show ip lisp map-cache detail | json
show ip lisp map-cache 10.10.1.1 | json
show ip lisp database | json
show lisp site | json
show lisp site name siteA | json
show lisp site 192.168.1.1 detail | json
show ip lisp statistics | json
CMDS
mkdir "$work/pcap"
timeout 30 "$LISPR" --batch --offline "$work/pcap" -f "$top_srcdir/tests/shell/lisp-classic.conf" \
	< "$work/cmds" > "$work/out" 2> "$work/err" || { cat "$work/err"; exit 1; }
n=$(grep -c '^{' "$work/out")
if [ "$n" -ne 9 ]; then
	echo "FAIL: $n JSON lines, want 9"
	cat "$work/out"
	exit 1
fi
grep '^{' "$work/out" | "$py" -c '
import json, sys
for i, line in enumerate(sys.stdin, 1):
    d = json.loads(line)
    assert isinstance(d, dict), line
    print("ok  ", i, ", ".join(sorted(d)))
' || exit 1
if grep -q "Sanitizer" "$work/err"; then
	cat "$work/err"
	exit 1
fi
