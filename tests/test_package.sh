#!/bin/sh
# The Debian package (debian/): dpkg-buildpackage -us -uc -b on a copy of
# the tree (the build and dh_autoreconf's clean-up never touch the work
# tree), bounded by PKG_TIMEOUT seconds; then what the .deb holds
# (dpkg-deb -c), its conffile, lintian with no error, the systemd units
# checked by systemd-analyze when it is there, and the packaged program
# run on the packaged default configuration.  scripts/test.sh runs it; it
# skips (77) only when the Debian tools are not installed.
set -u
: "${top_srcdir:=$(cd "$(dirname "$0")/.." && pwd)}"
for t in dpkg-buildpackage dh dh_autoreconf dpkg-deb lintian; do
	command -v "$t" >/dev/null 2>&1 || { echo "SKIP: $t not installed (scripts/deps.sh)"; exit 77; }
done
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail=0
ok() { echo "ok   $1"; }
bad() { echo "FAIL $1"; fail=1; }

mkdir "$work/lispr"
tar -C "$top_srcdir" --exclude=./.git --exclude='./_*' --exclude=./autom4te.cache \
	--exclude='*.o' --exclude='*.a' --exclude=./tests/fuzz/work -cf - . |
	tar -C "$work/lispr" -xf -
if (cd "$work/lispr" && timeout "${PKG_TIMEOUT:-900}" dpkg-buildpackage -us -uc -b \
	-j"$(nproc 2>/dev/null || echo 2)" >"$work/build.log" 2>&1); then
	ok "dpkg-buildpackage -us -uc -b"
else
	tail -40 "$work/build.log"
	bad "dpkg-buildpackage -us -uc -b"
	exit 1
fi
deb=$(ls "$work"/lispr_*.deb)
dpkg-deb -c "$deb" | awk '{ print $6 }' >"$work/contents"
for f in ./usr/sbin/lispr ./usr/share/man/man8/lispr.8.gz ./usr/share/man/man5/lispr.conf.5.gz \
	./etc/lispr/lispr.conf ./lib/systemd/system/lispr.service ./lib/systemd/system/lispr@.service \
	./usr/share/doc/lispr/copyright ./usr/share/doc/lispr/README.md.gz \
	./usr/share/doc/lispr/examples/lisp1.conf ./usr/share/doc/lispr/examples/mapserver.conf; do
	if grep -qx "$f" "$work/contents"; then ok "contains $f"; else bad "contains $f"; fi
done
if dpkg-deb -I "$deb" conffiles 2>/dev/null | grep -qx /etc/lispr/lispr.conf; then
	ok "/etc/lispr/lispr.conf is a conffile"
else
	bad "/etc/lispr/lispr.conf is a conffile"
fi
if lintian --fail-on error --tag-display-limit 0 "$deb" >"$work/lintian.out" 2>&1; then
	ok "lintian: no error"
else
	bad "lintian: no error"
fi
sed 's/^/    /' "$work/lintian.out"

dpkg-deb -x "$deb" "$work/root"
if command -v systemd-analyze >/dev/null 2>&1; then
	# The units as installed, with ExecStart pointing into the scratch root.
	mkdir "$work/units"
	for u in lispr.service lispr@.service; do
		sed "s|/usr/sbin/lispr|$work/root/usr/sbin/lispr|" "$work/root/lib/systemd/system/$u" >"$work/units/$u"
	done
	if (cd "$work/units" && systemd-analyze verify --man=no ./lispr.service ./lispr@test.service) \
		>"$work/verify.out" 2>&1; then
		ok "systemd-analyze verify"
	elif grep -q "System has not been booted with systemd\|Failed to initialize manager\|Failed to setup working directory" \
		"$work/verify.out"; then
		echo "skip systemd-analyze verify: no systemd manager here"
	else
		sed 's/^/    /' "$work/verify.out"
		bad "systemd-analyze verify"
	fi
fi
for u in lispr.service lispr@.service; do
	f="$work/root/lib/systemd/system/$u"
	for l in Type=notify "ExecReload=/bin/kill -HUP \$MAINPID" Restart=on-failure NoNewPrivileges=yes \
		ProtectSystem=strict ProtectHome=yes "CapabilityBoundingSet=CAP_NET_RAW CAP_NET_ADMIN"; do
		grep -qxF "$l" "$f" || bad "$u: $l"
	done
done
grep -qx "NetworkNamespacePath=/run/netns/%i" "$work/root/lib/systemd/system/lispr@.service" ||
	bad "lispr@.service: NetworkNamespacePath"
ok "units: notify, reload, restart, hardening"

out=$(printf 'enable\nshow running-config\n' |
	"$work/root/usr/sbin/lispr" --batch -P 0 -f "$work/root/etc/lispr/lispr.conf" 2>&1)
if echo "$out" | grep -q "^logging buffered 102400 informational$" && ! echo "$out" | grep -q "%"; then
	ok "the packaged lispr loads the packaged configuration"
else
	echo "$out" | sed 's/^/    /'
	bad "the packaged lispr loads the packaged configuration"
fi
"$work/root/usr/sbin/lispr" --version | grep -q "^lispr " && ok "lispr --version" || bad "lispr --version"
exit $fail
