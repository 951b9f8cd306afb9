#!/usr/bin/python3
"""'absolute-timeout' and 'login quiet-mode access-class' on the vty.

Usage: vty_abstime.py LISPR WORKDIR

'clear line vty N' ends another session after [confirm];
'escape-character 5' lets Ctrl-E stop a ping.  Quiet mode
('login block-for 100 attempts 1 within 100', started by one
failed password) closes a new connection before the password prompt,
unless 'login quiet-mode access-class' permits its source: then it logs
in; with a list that does not permit it, it is refused again; 'show
login' names the list.  Then 'absolute-timeout 1' on vty 0: the session
ends a minute after its login even while it keeps typing, with a line
saying why, while a session on a line without it stays.  IOS's unit is
the minute, so this waits one (bounded by a deadline, and ended by the
condition: the connection closing), typing a command every few seconds
so that no idle timer could be what closes it.  (The print of both
settings: tests/shell/full.conf.)
"""
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
CONFIG = """!
hostname vtytest
enable secret 0 en#able
!
login block-for 100 attempts 1 within 100
login quiet-mode access-class 5
access-list 5 permit host 127.0.0.1
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
        ok = b.login() and b.enable() and ok
        ck.check(ok, "A and B logged in, B enabled")
        # One failure: quiet mode.
        c = Vty(r.port)
        ck.check(c.read_until(r"Password: ") is not None, "C: password prompt")
        c.send("wrong")
        ck.check(r.wait_log(r"%SEC_LOGIN-1-QUIET_MODE_ON"), "quiet mode on after C's failure")
        # D, from 127.0.0.1, which list 5 permits: let in.
        d = Vty(r.port)
        ck.check(d.login(), "D: logs in during quiet mode (login quiet-mode access-class 5)")
        out = b.cmd("show login")
        ck.check(out is not None and "Quiet-Mode access list 5 is applied." in out
                 and "Router presently in Quiet-Mode." in out
                 and "Denying logins from all sources but those list 5 permits." in out,
                 "B: show login names the list, in quiet mode:\n" + str(out))
        # A list that does not permit 127.0.0.1: E refused before the prompt.
        b.cmd("configure terminal", prompt=r"\(config\)#")
        b.cmd("access-list 6 permit host 10.9.9.9", prompt=r"\(config\)#")
        b.cmd("login quiet-mode access-class 6", prompt=r"\(config\)#")
        b.cmd("end")
        e = Vty(r.port)
        ck.check(e.read_until(r"Password: ", timeout=3) is None and e.closed(timeout=3),
                 "E: refused before the prompt (list 6 does not permit it)")
        # 'clear line vty 3' from B: D's session ends, after [confirm].
        b.send("clear line vty 3")
        ck.check(b.read_until(r"\[confirm\]") is not None, "B: clear line vty 3 asks [confirm]")
        b.send("")
        ck.check(b.read_until(r"\[OK\][\s\S]*vtytest#") is not None, "B: [OK], then the prompt")
        ck.check(d.closed(timeout=10), "D (vty 3) cleared: its connection closed")
        ck.check(r.wait_log(r"%SYS-6-LOGOUT: vty 3 from 127\.0\.0\.1"), "D's logout logged")
        out = b.cmd("clear line 0")
        ck.check(out is not None and "% The console line cannot be cleared" in out, "B: the console is not cleared")
        # absolute-timeout 1 on A.
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
        # 'escape-character 5' on the vty lines: a session that starts after it
        # stops a long ping with Ctrl-E.
        # (Quiet mode still lasts: list 5 again, so that F may log in.)
        b.cmd("configure terminal", prompt=r"\(config\)#")
        b.cmd("login quiet-mode access-class 5", prompt=r"\(config\)#")
        b.cmd("line vty 0 4", prompt=r"\(config-line\)#")
        b.cmd("escape-character 5", prompt=r"\(config-line\)#")
        b.cmd("end")
        f = Vty(r.port)
        ok = f.login()
        back = None
        if ok:
            f.send("ping 192.0.2.1 repeat 1000 timeout 1")
            ok = f.read_until(r"timeout is 1 seconds:", timeout=10) is not None
        t1 = time.time()
        if ok:
            f.s.sendall(b"\x05")
            back = f.read_until(r"vtytest>", timeout=10)
        ck.check(back is not None and time.time() - t1 < 8,
                 "F: Ctrl-E (escape-character 5) stops a 1000-packet ping:\n" + str(back))
        for v in (a, b, c, d, e, f):
            v.close()
    finally:
        text = r.stop(ck)
    return ck.done(text)


if __name__ == "__main__":
    sys.exit(main())
