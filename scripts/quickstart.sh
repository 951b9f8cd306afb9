#!/bin/sh
# Quick start, command 1: install what is missing, build lispr, and run it.
# Today lispr decodes the seed lab's LISP conversation from samples/; when the
# router core lands, this starts the reference lab and attaches to lisp1.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
sh scripts/deps.sh
[ -x configure ] && [ configure -nt configure.ac ] || autoreconf -fi >/dev/null
mkdir -p _build/run
cd _build/run
[ -f Makefile ] || "$top/configure" >configure.out
make -j"$(nproc 2>/dev/null || echo 2)" >make.out 2>&1 || { tail -30 make.out; exit 1; }
echo "Built $(./lispr -v)."
echo
echo "The seed lab's LISP control plane, decoded (lispr --decode samples/lisp-seed.pcap):"
echo
./lispr --decode "$top/samples/lisp-seed.pcap"
