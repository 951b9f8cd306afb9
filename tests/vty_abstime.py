#!/usr/bin/python3
"""'absolute-timeout' on the vty lines: a session ends that long after its
login even while it keeps typing, with a line saying why; a session on
a line without it stays.  (The setting's print: tests/shell/full.conf.)

Usage: vty_abstime.py LISPR WORKDIR

IOS's unit is the minute, so this waits one (bounded by a deadline, and
ended by the condition: the connection closing), typing a command every
few seconds meanwhile so that no idle timer could be what closes it.
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
CONFIG = """!
hostname vtytest
!
line vty 0
 password pa#ss
 login
 absolute-timeout 1
line vty 1 4
 password pa#ss
 login
!
end
"""


def main():
    ck = Checks()
    r = Router(LISPR, WORK, CONFIG, name="abstime")
    try:
        ck.check(r.listening(), "lispr listens on 127.0.0.1:%d" % r.port)
        a = Vty(r.port)				# line 0: absolute-timeout 1
        ok = a.login()
        t0 = time.time()
        b = Vty(r.port)				# line 1: none
        ok = b.login() and ok
        ck.check(ok, "A and B logged in")
        said = None
        while said is None and time.time() - t0 < 90:
            a.send("show clock")
            said = a.read_until(r"Absolute timeout expired", timeout=3)
        dt = time.time() - t0
        ck.check(said is not None and 58 <= dt <= 90,
                 "A, busy all along: '%% Absolute timeout expired' after %.1f s" % dt)
        ck.check(a.closed(timeout=10), "A: and closed")
        out = b.cmd("show clock")
        ck.check(out is not None and "vtytest" in out, "B (no absolute timeout) is still served")
        a.close()
        b.close()
    finally:
        text = r.stop(ck)
    return ck.done(text)


if __name__ == "__main__":
    sys.exit(main())
