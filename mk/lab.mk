# The reference lab (issue 3): samples/*.conf, scripts/lab.sh, tests/lab/.
