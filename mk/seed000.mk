# Seed 000 (proxy ETR) end to end in the lab (issue 6): tests/lab/test_seed_petr.sh.
