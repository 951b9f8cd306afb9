#!/bin/sh
# Install the Debian packages lispr needs to build, test and run its lab.
# Idempotent: installs only what is missing, and runs apt-get update only then.
set -eu
PKGS="build-essential autoconf automake pkg-config libcli-dev libreadline-dev
libpcap-dev libnet1-dev libssl-dev libcrypt-dev libcunit1-dev libsystemd-dev clang tshark tcpdump
iproute2 iputils-ping telnet tmux ethtool python3
dpkg-dev debhelper dh-autoreconf lintian fakeroot"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
	echo "deps: missing packages:$missing (run as root to install them)" >&2
	exit 1
fi
echo "deps: installing$missing"
export DEBIAN_FRONTEND=noninteractive
echo "wireshark-common wireshark-common/install-setuid boolean false" | debconf-set-selections
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
