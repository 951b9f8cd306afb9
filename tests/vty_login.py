#!/usr/bin/python3
"""Login protection on the vty: delays, logging, 'login block-for'.

Usage: vty_login.py LISPR WORKDIR

Measures the login delay after a wrong line password (the default 1 s,
then 'login delay 3') and after a wrong enable password, checks that
another session logs in and is served while one waits out its delay,
that failures are logged as IOS logs them, that three failures with
'login block-for 6 attempts 3 within 60' put the router in quiet mode
(a new connection is closed before the password prompt, 'show login'
says so) and that logins work again once the block period is over;
then exec-timeout, and 'timeout login response' cutting off a client
that trickles bytes at the password prompt.
Every wait is bounded and waits for a condition.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
CONFIG = """!
hostname vtytest
enable secret 0 en#able
!
line vty 0 4
 password pa#ss
 login
!
end
"""


def timed_failure(v, wrong, prompt=r"Password: "):
    """Send a wrong secret; the seconds until the next prompt (None if none)."""
    t0 = time.time()
    v.send(wrong)
    if v.read_until(prompt, timeout=15) is None:
        return None, t0
    return time.time() - t0, t0


def fmt(dt):
    return "never" if dt is None else "%.2f" % dt


def main():
    ck = Checks()
    r = Router(LISPR, WORK, CONFIG, name="vty")
    port, wait_log = r.port, r.wait_log
    try:
        ck.check(r.listening(), "lispr listens on 127.0.0.1:%d" % port)
        a = Vty(port)
        ck.check(a.read_until(r"Password: ") is not None, "A: password prompt")
        dt, _ = timed_failure(a, "wrong")
        ck.check(dt is not None and dt >= 0.95, "A: the default login delay of 1 s after a failure (%s s)" % fmt(dt))
        a.send("pa#ss")
        ck.check(a.read_until(r"vtytest>") is not None, "A: logged in at the second try")
        ck.check(wait_log(r"%SEC_LOGIN-4-LOGIN_FAILED: Login failed \[user: \] \[Source: 127\.0\.0\.1\] "
                          r"\[localport: " + str(port) + r"\] \[Reason: Login Authentication Failed\]"),
                 "the failure is logged as %SEC_LOGIN-4-LOGIN_FAILED")
        a.cmd("terminal length 0")
        ck.check(a.enable(), "A: enabled")
        out = a.cmd("show login")
        ck.check(out is not None and "A default login delay of 1 seconds is applied." in out
                 and "Router NOT enabled to watch for login Attacks" in out, "A: show login:\n" + str(out))
        a.cmd("configure terminal", prompt=r"\(config\)#")
        a.cmd("login delay 3", prompt=r"\(config\)#")
        a.cmd("login block-for 6 attempts 3 within 60", prompt=r"\(config\)#")
        a.cmd("end")

        # A waits out its delay in its own thread: B is served meanwhile.
        b = Vty(port)
        ck.check(b.read_until(r"Password: ") is not None, "B: password prompt")
        b.send("wrong")
        t0 = time.time()
        c = Vty(port)
        served = c.login() and c.cmd("show users") is not None
        t_served = time.time() - t0
        # B's prompt comes back 3 s after its failure at the earliest: if
        # it has not come yet, C was served while B waits (a condition,
        # not a bound on how fast a loaded machine logs C in).
        b_waiting = b.read_until(r"Password: ", timeout=0.01) is None
        ck.check(served and b_waiting, "C: logged in and served while B waits (%.2f s)" % t_served)
        ok = b_waiting and b.read_until(r"Password: ", timeout=15) is not None
        dt = time.time() - t0
        ck.check(ok and dt >= 2.95, "B: 'login delay 3' before the next prompt (%.2f s)" % dt)
        b.send("pa#ss")
        ck.check(b.read_until(r"vtytest>") is not None, "B: logged in")
        b.send("enable")
        b.read_until(r"Password: ")
        dt, _ = timed_failure(b, "bad-enable")
        ck.check(dt is not None and dt >= 2.95, "B: the login delay after a wrong enable password too (%s s)" % fmt(dt))
        b.send("en#able")
        ck.check(b.read_until(r"vtytest#") is not None, "B: enabled at the second try")
        ck.check(wait_log(r"%SYS-5-PRIV_AUTH_FAIL: Authentication to Privilege level 15 failed by vty1 \(127\.0\.0\.1\)"),
                 "the enable failure is logged as %SYS-5-PRIV_AUTH_FAIL")

        # B's failure was the first of the window; two more from D.  Quiet
        # mode starts at the third failure, and D's thread then sleeps its
        # login delay (3 s of the 6) before '% Bad passwords': quiet mode is
        # checked as soon as it is logged, while D still waits.
        d = Vty(port)
        d.read_until(r"Password: ")
        dt, _ = timed_failure(d, "guess1")
        d.send("guess2")
        ck.check(wait_log(r"%SEC_LOGIN-1-QUIET_MODE_ON: Still timeleft for watching failures is 6 secs"),
                 "quiet mode logged as %SEC_LOGIN-1-QUIET_MODE_ON")
        out = a.cmd("show login")
        ck.check(out is not None and "Router presently in Quiet-Mode." in out
                 and "Denying logins from all sources." in out and "Total login failures: 4." in out,
                 "A: show login in quiet mode:\n" + str(out))
        e = Vty(port)
        prompt = e.read_until(r"Password: ", timeout=3)
        ck.check(prompt is None and e.closed(timeout=3), "E: refused before the prompt in quiet mode")
        e.close()
        out = a.cmd("show login")
        ck.check(out is not None and "Connections refused in Quiet-Mode: 1." in out,
                 "A: show login counts E's refusal:\n" + str(out))
        bad = d.read_until(r"% Bad passwords", timeout=15)
        ck.check(bad is not None and d.closed(timeout=5), "D: the third failure ends the session")
        # Until quiet mode ends (6 s from the third failure).
        normal = False
        end = time.time() + 20
        while time.time() < end:
            out = a.cmd("show login")
            if out is not None and "Router presently in Normal-Mode." in out:
                normal = True
                break
            time.sleep(0.2)
        ck.check(normal, "A: back in Normal-Mode after the block period")
        ck.check(wait_log(r"%SEC_LOGIN-5-QUIET_MODE_OFF: Quiet Mode is OFF, because block period timed out"),
                 "%SEC_LOGIN-5-QUIET_MODE_OFF logged")
        f = Vty(port)
        ck.check(f.login(), "F: logs in after the block period")
        out = a.cmd("show running-config | include ^login")
        ck.check(out is not None and "login block-for 6 attempts 3 within 60" in out and "login delay 3" in out,
                 "A: the running-config has both lines")
        # exec-timeout: the default 10 minutes shows in 'show line'; a
        # short one configured closes an idle session.
        out = a.cmd("show line vty 0")
        ck.check(out is not None and re.search(r"^\*\s+1 VTY ", out, re.M) is not None
                 and re.search(r"^\s+00:10:00\s+never", out, re.M) is not None
                 and 'Location: "127.0.0.1"' in out, "A: show line vty 0: active, Idle EXEC 00:10:00:\n" + str(out))
        a.cmd("configure terminal", prompt=r"\(config\)#")
        a.cmd("line vty 0 4", prompt=r"\(config-line\)#")
        a.cmd("exec-timeout 0 3", prompt=r"\(config-line\)#")
        a.cmd("end")
        # D's and E's lines are released when their threads end, after
        # their sockets closed: wait for it (bounded).
        end = time.time() + 10
        while True:
            out = a.cmd("show line")
            inuse = -1 if out is None else len(re.findall(r"^\*\s+\d+ VTY ", out, re.M))
            if inuse == 4 or time.time() > end:
                break
            time.sleep(0.1)
        ck.check(inuse == 4, "A: show line marks the four lines in use (A, B, C, F):\n" + str(out))
        f.close()
        g = Vty(port)
        ok = g.login()
        t0 = time.time()
        gone = ok and g.closed(timeout=15)
        dt = time.time() - t0
        ck.check(gone and 2.5 <= dt <= 10, "G: idle session closed by exec-timeout 0 3 (%.1f s)" % dt)
        out = a.cmd("show line vty 0 4 | include 00:")
        ck.check(out is not None and out.count("00:00:03") == 5, "A: show line shows 00:00:03:\n" + str(out))
        # timeout login response: the whole password within it, so a
        # client trickling bytes (here inside a subnegotiation it never
        # ends) cannot hold a line at the prompt.
        a.cmd("configure terminal", prompt=r"\(config\)#")
        a.cmd("line vty 0 4", prompt=r"\(config-line\)#")
        a.cmd("timeout login response 2", prompt=r"\(config-line\)#")
        a.cmd("end")
        out = a.cmd("show running-config | include timeout login")
        ck.check(out is not None and " timeout login response 2" in out,
                 "A: the running-config has timeout login response 2:\n" + str(out))
        h = Vty(port)
        ck.check(h.read_until(r"Password: ") is not None, "H: password prompt")
        t0 = time.time()
        said = None
        try:
            h.s.sendall(bytes([255, 250, 24]))	# IAC SB TERMINAL-TYPE, never ended
            while said is None and time.time() - t0 < 15:
                h.s.sendall(b"x")
                said = h.read_until(r"timeout expired!", timeout=0.3)
        except OSError:
            pass
        dt = time.time() - t0
        ck.check(said is not None and 1.5 <= dt <= 10,
                 "H: trickling bytes at the password prompt: '%% Password:  timeout expired!' "
                 "after timeout login response 2 (%.1f s)" % dt)
        ck.check(h.closed(timeout=5), "H: and closed")
        # The enable password in a session is bounded the same way: the
        # message, then the prompt again (no "% Bad secrets").
        i = Vty(port)
        ok = i.login()
        i.send("enable")
        ok = ok and i.read_until(r"Password: ") is not None
        t0 = time.time()
        said = i.read_until(r"% Password:  timeout expired!", timeout=15) if ok else None
        dt = time.time() - t0
        after = i.read_until(r"vtytest>", timeout=5) if said is not None else None
        ck.check(said is not None and 1.5 <= dt <= 10 and after is not None and "Bad secrets" not in after,
                 "I: enable password not typed: '%% Password:  timeout expired!' after %.1f s, "
                 "then the user prompt: %r" % (dt, after))
        for v in (a, b, c, d, g, h, i):
            v.close()
    finally:
        text = r.stop(ck)
    return ck.done(text)


sys.exit(main())
