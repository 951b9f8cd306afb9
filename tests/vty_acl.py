#!/usr/bin/python3
"""'access-class LIST in' on the vty lines, with a standard access list.

Usage: vty_acl.py LISPR WORKDIR

The vty lines take only what list VTY permits: a client from 127.0.0.1
(permitted) gets the password prompt, one from 127.0.0.2 (denied by the
'deny any log' entry) is disconnected before any prompt, and the denial is
logged as IOS logs it; 'show access-lists' counts each entry's matches.
An entry added from the permitted session lets 127.0.0.2 in at once; with
'no access-class' the lines take anyone; a list that does not exist
permits everything (IOS).  With 'service tcp-keepalives-in' lispr's end
of a vty connection runs TCP keepalives (ss(8) shows its timer); without
it, a new connection has none.  'login on-success log' logs a line
password login; 'login on-failure log every 2' logs every second failure.

With VTY_ACL_V6=1 (the test's own network namespace, where it may give its
loopback addresses), a second router listens on every address, both
families, with 'ipv6 access-class VTY6 in' and 'access-class 1 in': an
IPv6 client from 2001:db8::5 (permitted by VTY6) gets the password prompt,
one from 2001:db8::6 is closed before any prompt and the denial logged
(%IPV6_ACL-6-ACCESSLOGP); an IPv4 client meets list 1 only (denied while
it denies everything, the IPv6 list saying nothing about it); 'show ipv6
access-list' counts.  Every wait is bounded and waits for a condition.
"""
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
CONFIG = """!
service tcp-keepalives-in
hostname vtytest
login on-success log
!
ip access-list standard VTY
 10 permit host 127.0.0.1
 20 deny   any log
!
line vty 0 4
 access-class VTY in
 privilege level 15
 password pa#ss
 login
!
end
"""
P = r"vtytest#"


def login(port, src):
    v = Vty(port, src=src)
    if v.read_until(r"Password: ") is None:
        return None
    v.send("pa#ss")
    return v if v.read_until(P) is not None else None


def refused(port, src):
    """Connected, then closed by lispr before any prompt."""
    v = Vty(port, src=src)
    closed = v.closed(timeout=5)
    text = v.buf
    v.close()
    return closed and "Password" not in text


def keepalive(port, v):
    """ss's view of lispr's end of v's connection: a keepalive timer?"""
    cport = v.s.getsockname()[1]
    out = subprocess.run(["ss", "-tnoH", "state", "established",
                          "( sport = :%d and dport = :%d )" % (port, cport)],
                         capture_output=True, text=True).stdout
    return "keepalive" in out, out


def main():
    ck = Checks()
    r = Router(LISPR, WORK, CONFIG, name="acl")
    try:
        ck.check(r.listening(), "lispr listens on 127.0.0.1:%d" % r.port)
        a = login(r.port, "127.0.0.1")
        ck.check(a is not None, "127.0.0.1, permitted by entry 10: password prompt, logged in")
        ck.check(r.wait_log(r"%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success \[user: \] \[Source: 127\.0\.0\.1\] "
                            r"\[localport: " + str(r.port) + r"\]"),
                 "login on-success log: the line password login logged")
        ka, out = keepalive(r.port, a)
        ck.check(ka, "service tcp-keepalives-in: lispr's end of the session has a keepalive timer (%r)" % out)
        ck.check(refused(r.port, "127.0.0.2"), "127.0.0.2, denied by entry 20: closed before any prompt")
        ck.check(r.wait_log(r"%SEC-6-IPACCESSLOGS: list VTY denied 127\.0\.0\.2 1 packet"),
                 "the denial logged (entry 20 has 'log')")
        a.cmd("terminal length 0", P)
        out = a.cmd("show access-lists VTY", P) or ""
        ck.check("10 permit 127.0.0.1 (1 match)" in out and "20 deny   any log (1 match)" in out,
                 "show access-lists: one match on each entry (%r)" % out)
        a.cmd("configure terminal", r"\(config\)#")
        a.cmd("ip access-list standard VTY", r"\(config-std-nacl\)#")
        a.cmd("15 permit 127.0.0.2", r"\(config-std-nacl\)#")
        a.cmd("end", P)
        b = login(r.port, "127.0.0.2")
        ck.check(b is not None, "127.0.0.2 once entry 15 permits it: logged in")
        out = a.cmd("show ip access-lists VTY", P) or ""
        ck.check("15 permit 127.0.0.2 (1 match)" in out, "entry 15 counted it (%r)" % out)
        a.cmd("clear access-list counters VTY", P)
        out = a.cmd("show access-lists", P) or ""
        ck.check("match" not in out and "Standard IP access list VTY" in out, "counters cleared (%r)" % out)
        # A list that does not exist permits everything.
        a.cmd("configure terminal", r"\(config\)#")
        a.cmd("no ip access-list standard VTY", r"\(config\)#")
        a.cmd("end", P)
        c = login(r.port, "127.0.0.3")
        ck.check(c is not None, "access-class naming a list that does not exist: anyone logs in")
        out = a.cmd("show running-config | section line vty", P) or ""
        ck.check("access-class VTY in" in out, "the line keeps its access-class (%r)" % out)
        # Denied again by a numbered list, then 'no access-class'.
        a.cmd("configure terminal", r"\(config\)#")
        a.cmd("access-list 5 permit 127.0.0.1", r"\(config\)#")
        a.cmd("line vty 0 4", r"\(config-line\)#")
        a.cmd("access-class 5 in", r"\(config-line\)#")
        a.cmd("end", P)
        ck.check(refused(r.port, "127.0.0.4"), "access-list 5: 127.0.0.4 falls to the implicit deny")
        a.cmd("configure terminal", r"\(config\)#")
        a.cmd("line vty 0 4", r"\(config-line\)#")
        a.cmd("no access-class", r"\(config-line\)#")
        a.cmd("exit", r"\(config\)#")
        a.cmd("no service tcp-keepalives-in", r"\(config\)#")
        a.cmd("end", P)
        d = login(r.port, "127.0.0.4")
        ck.check(d is not None, "no access-class: 127.0.0.4 logs in")
        ka, out = keepalive(r.port, d)
        ck.check(d is not None and not ka and "127.0.0.4" in out,
                 "no service tcp-keepalives-in: a new session has no keepalive timer (%r)" % out)
        # 'login on-failure log every 2': four failures, two lines.  The
        # other sessions go first: a closed client's session may hold its
        # line a moment longer (its login delay), and five lines are all.
        for v in (b, c, d):
            if v:
                v.close()
        b = c = d = None
        a.cmd("configure terminal", r"\(config\)#")
        a.cmd("login on-failure log every 2", r"\(config\)#")
        a.cmd("end", P)
        for k in range(2):
            e = Vty(r.port, src="127.0.0.5")
            for t in range(2):
                ck.check(e.read_until(r"Password: ", timeout=10) is not None, "127.0.0.5: password prompt")
                e.send("wrong%d" % t)
            e.read_until(r"Password: ", timeout=10)
            e.close()
        a.cmd("send log 6 after-the-failures", P)
        ck.check(r.wait_log(r"after-the-failures"), "the mark after the failures logged")
        n = len(re.findall(r"LOGIN_FAILED: Login failed \[user: \] \[Source: 127\.0\.0\.5\]", r.logtext()))
        ck.check(n == 2, "login on-failure log every 2: four failures, %d lines (2 wanted)" % n)
        for v in (a, b, c, d):
            if v:
                v.close()
    finally:
        text = r.stop(ck)
    if os.environ.get("VTY_ACL_V6") == "1":
        text += v6(ck)
    return ck.done(text)


CONFIG6 = """!
hostname vtytest
!
access-list 1 deny any
ipv6 access-list VTY6
 permit tcp host 2001:DB8::5 any
 deny ipv6 any any log
!
line vty 0 4
 access-class 1 in
 ipv6 access-class VTY6 in
 privilege level 15
 password pa#ss
 login
!
end
"""


def v6(ck):
    """'ipv6 access-class' on a listener of both families."""
    for a in ("2001:db8::5", "2001:db8::6"):
        subprocess.run(["ip", "-6", "addr", "add", a + "/128", "dev", "lo", "nodad"], check=True)
    r = Router(LISPR, WORK, CONFIG6, name="acl6", addr="::")
    try:
        ck.check(r.listening(), "lispr listens on [::]:%d" % r.port)
        v = Vty(r.port, src="2001:db8::5", dst="::1")
        a = v if v.read_until(r"Password: ") is not None else None
        ck.check(a is not None, "2001:db8::5, permitted by VTY6: password prompt")
        if a:
            a.send("pa#ss")
            ck.check(a.read_until(P) is not None, "2001:db8::5 logged in")
        w = Vty(r.port, src="2001:db8::6", dst="::1")
        closed = w.closed(timeout=5)
        ck.check(closed and "Password" not in w.buf, "2001:db8::6, denied by VTY6: closed before any prompt")
        w.close()
        ck.check(r.wait_log(r"%IPV6_ACL-6-ACCESSLOGP: list VTY6/20 denied tcp 2001:DB8::6\(\d+\) -> ::1\(\d+\), "
                            r"1 packet"),
                 "the IPv6 denial logged (entry 20 has 'log')")
        ck.check(refused(r.port, "127.0.0.1"), "127.0.0.1: list 1 denies it (VTY6 is for IPv6 clients)")
        if a:
            a.cmd("terminal length 0", P)
            out = a.cmd("show ipv6 access-list VTY6", P) or ""
            ck.check("permit tcp host 2001:DB8::5 any (1 match) sequence 10" in out and
                     "deny ipv6 any any log (1 match) sequence 20" in out,
                     "show ipv6 access-list: one match on each entry (%r)" % out)
            a.close()
    finally:
        text = r.stop(ck)
    return text


if __name__ == "__main__":
    sys.exit(main())
