# The reference lab (issue 3): samples/*.conf, scripts/lab.sh, tests/lab/.
# The router samples are installed with the others; the lab script and its
# test ship in the tarball.  The test needs root and 'ip netns' (else it
# skips) and brings up its own lab under a per-run namespace prefix.
dist_samples_DATA += samples/lisp1.conf samples/lisp2.conf \
	samples/mapserver.conf samples/outsideworld.conf
EXTRA_DIST += scripts/lab.sh tests/lab/test_lab.sh
TESTS += tests/lab/test_lab.sh
