# DOC: packet captures for the live and lab tests (sourced, POSIX sh)
#
# A capture a test judges with tshark must hold every frame the test means,
# and nothing may be decided by how long something "usually" takes:
#
#   cap_start NAME NS IF FILE   tcpdump in namespace NS on interface IF
#                               writes FILE; returns once tcpdump says
#                               "listening on" (its socket is bound and
#                               activated: every later frame is caught)
#   cap_sync [NAME...]          returns once each capture (default: all)
#                               has written every frame its link carried
#                               so far: a marker frame is sent on the link
#                               from the capture's namespace, and the file
#                               is read until the marker is in it
#   cap_stop [NAME...]          cap_sync, then stop tcpdump; fails when
#                               the kernel dropped frames for it
#   cap_stop_all                stop whatever still runs (for a trap: no
#                               sync, the test is over)
#
# Why a marker: tcpdump hands frames to the file when it gets to run, and
# stopping it drops whatever the kernel still holds for it, so "the ping
# ended, stop the capture" loses the last frames on a busy machine.  A
# packet socket delivers in order, so once the marker is in the file, so
# is every frame before it.  tcpdump runs in immediate mode (each frame at
# once, not in blocks that wait for a timeout).  Its ring then has one slot
# per frame, sized by the snap length: 2048 bytes (the lab's frames are at
# most 1514) and a 16 MB buffer hold some 7,000 frames, so a burst of a few
# hundred while tcpdump waits for a CPU loses nothing (the default 256 KB
# snap length left room for 8).
#
# The marker is an Ethernet frame of the local experimental EtherType
# 0x88b5 from the interface's own MAC to 02:6c:69:73:70:72 (no one's), so
# routers and hosts drop it.  Tests hide the markers from tshark with
# -Y "$CAP_FILTER" (or "$CAP_FILTER && (...)").
#
# Needs tcpdump and python3 (cap_ok says whether both are here).  Every
# wait is bounded (CAP_TIMEOUT seconds, default 60) and fails loudly.

CAP_FILTER='!(eth.type == 0x88b5)'
CAP_TIMEOUT=${CAP_TIMEOUT:-60}
CAP_PY=$(command -v /usr/bin/python3 || command -v python3 || true)
cap_names=""
cap_seq=0

cap_ok() {
	command -v tcpdump >/dev/null 2>&1 && [ -n "$CAP_PY" ]
}

# cap_wait_file SECONDS FILE FIXED-STRING: until FILE (binary) holds it.
cap_wait_file() {
	_cw_end=$(($(date +%s) + $1))
	until grep -aqF -- "$3" "$2" 2>/dev/null; do
		[ "$(date +%s)" -lt "$_cw_end" ] || return 1
		sleep 0.05
	done
}

cap_start() {	# name ns interface file
	eval "cap_ns_$1=\$2 cap_if_$1=\$3 cap_file_$1=\$4"
	ip netns exec "$2" tcpdump --immediate-mode -s 2048 -B 16384 -U -Z root -i "$3" -w "$4" \
		>/dev/null 2>"$4.tcpdump" &
	eval "cap_pid_$1=$!"
	cap_names="$cap_names $1"
	if ! cap_wait_file "$CAP_TIMEOUT" "$4.tcpdump" "listening on"; then
		echo "capture $1 ($3 in $2) did not start:"
		cat "$4.tcpdump"
		return 1
	fi
}

# One marker frame on interface IF (run inside its namespace).
cap_mark() {	# ns interface text
	ip netns exec "$1" "$CAP_PY" -c 'import socket, sys
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((sys.argv[1], 0))
f = bytes.fromhex("026c69737072") + s.getsockname()[4][:6] + b"\x88\xb5" + sys.argv[2].encode()
s.send(f + bytes(max(0, 60 - len(f))))' "$2" "$3"
}

cap_sync() {	# [name...]
	[ $# -gt 0 ] || set -- $cap_names
	_cs_rc=0
	for _cs in "$@"; do
		eval "_cs_ns=\$cap_ns_$_cs _cs_if=\$cap_if_$_cs _cs_file=\$cap_file_$_cs _cs_pid=\${cap_pid_$_cs:-}"
		[ -n "$_cs_pid" ] || continue
		cap_seq=$((cap_seq + 1))
		_cs_text="lispr-capture-sync $_cs $$ $cap_seq"
		if ! cap_mark "$_cs_ns" "$_cs_if" "$_cs_text" ||
		   ! cap_wait_file "$CAP_TIMEOUT" "$_cs_file" "$_cs_text"; then
			echo "capture $_cs: its marker never reached $_cs_file"
			_cs_rc=1
		fi
	done
	return $_cs_rc
}

cap_stop() {	# [name...]
	[ $# -gt 0 ] || set -- $cap_names
	cap_sync "$@"
	_cp_rc=$?
	for _cp in "$@"; do
		eval "_cp_pid=\${cap_pid_$_cp:-} _cp_file=\$cap_file_$_cp"
		[ -n "$_cp_pid" ] || continue
		kill -TERM "$_cp_pid" 2>/dev/null
		wait "$_cp_pid" 2>/dev/null
		eval "cap_pid_$_cp="
		# tcpdump's last words: "N packets dropped by kernel".
		_cp_drops=$(sed -n 's/^\([0-9][0-9]*\) packets\{0,1\} dropped by kernel$/\1/p' "$_cp_file.tcpdump")
		if [ "${_cp_drops:-0}" != 0 ]; then
			echo "capture $_cp: the kernel dropped $_cp_drops frames (the file misses them)"
			_cp_rc=1
		fi
	done
	return $_cp_rc
}

cap_stop_all() {
	for _ca in $cap_names; do
		eval "_ca_pid=\${cap_pid_$_ca:-}"
		[ -n "$_ca_pid" ] && kill -TERM "$_ca_pid" 2>/dev/null
		eval "cap_pid_$_ca="
	done
	return 0
}
