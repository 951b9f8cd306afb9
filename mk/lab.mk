# The reference lab (issues 3 and 5): samples/*.conf (the final state of
# both seeds), samples/seed1/*.conf (seed 001's), scripts/lab.sh,
# tests/lab/.  The router samples are installed with the others; the lab
# script and its tests ship in the tarball.  The tests need root and
# 'ip netns' (else they skip) and bring up their own lab under a per-run
# namespace prefix: test_lab.sh the lab itself, test_seed_mapreq.sh seed
# 001 (map-request / map-reply) packet by packet, which also needs tshark,
# tcpdump and python3.
dist_samples_DATA += samples/lisp1.conf samples/lisp2.conf \
	samples/mapserver.conf samples/outsideworld.conf
seed1dir = $(samplesdir)/seed1
dist_seed1_DATA = samples/seed1/lisp1.conf samples/seed1/lisp2.conf \
	samples/seed1/mapserver.conf samples/seed1/outsideworld.conf
EXTRA_DIST += scripts/lab.sh tests/lab/lib.sh tests/lab/test_lab.sh tests/lab/test_seed_mapreq.sh \
	tests/lab/forge_reply.py
TESTS += tests/lab/test_lab.sh tests/lab/test_seed_mapreq.sh
# Issue 10: two sites from IOS-XE configurations saved as IOS writes them
# (tests/lab/xe/: 'router lisp' hierarchy, no 'no shutdown').
EXTRA_DIST += tests/lab/test_lab_xe.sh tests/lab/xe/lisp1.conf tests/lab/xe/lisp2.conf \
	tests/lab/xe/mapserver.conf tests/lab/xe/outsideworld.conf
TESTS += tests/lab/test_lab_xe.sh
# Issue 12: the lab is dual-stack (IPv6 beside IPv4 in samples/*.conf);
# test_lab_v6.sh checks the IPv6 plan and underlay with tshark.
EXTRA_DIST += tests/lab/test_lab_v6.sh
TESTS += tests/lab/test_lab_v6.sh
# IPv6 fuzz targets on the dual-stack in-process lab (tests/fuzz/run.sh
# builds and runs them with clang like the others).
EXTRA_DIST += tests/fuzz/fuzz_lab6.h tests/fuzz/fuzz_ipv6_frame.c tests/fuzz/fuzz_ecm6.c
# Issue 11: the multi-tenant lab (samples/tenants/, 'lab.sh up tenants'):
# two tenants in VRFs RED and BLUE bound to LISP instances 101 and 102,
# the same EID prefixes in both; test_lab_tenants.sh checks isolation and
# the instance ID on every wire with tshark.
tenantsdir = $(samplesdir)/tenants
dist_tenants_DATA = samples/tenants/lisp1.conf samples/tenants/lisp2.conf \
	samples/tenants/mapserver.conf samples/tenants/outsideworld.conf
EXTRA_DIST += tests/lab/test_lab_tenants.sh
TESTS += tests/lab/test_lab_tenants.sh
