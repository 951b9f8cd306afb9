# Seed 000 (proxy ETR) end to end in the lab (issue 6): tests/lab/test_seed_petr.sh
# reconfigures the reference lab through the routers' shells to the seed's
# final state and checks it with tshark on mapserver's links.  It needs
# root and 'ip netns' (else it skips), tshark, tcpdump and python3.
EXTRA_DIST += tests/lab/test_seed_petr.sh
TESTS += tests/lab/test_seed_petr.sh
