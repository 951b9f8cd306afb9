#!/usr/bin/python3
"""'logging synchronous' on a vty line, and 'send log'.

Usage: vty_sync.py LISPR WORKDIR

Session A sits on a 'logging synchronous' line with 'terminal monitor' and
a half-typed command; session B writes log lines with 'send log'.  Checks
that a held line reaches A on a line of its own followed by the prompt
and A's typed text again (the typed text still runs when A presses
return); that a line of severity at or under the line's level (2) is
written at once, without a prompt after it; that the lines coming while A's
command waits at --More-- are shown after its output, before the prompt,
at most 'limit' of them, followed by IOS's %SYS-3-MSGLOST count; that a
change of the line's setting applies to A at once; and that a session on
a line without it gets the line straight away, over its typed text.
Every wait is bounded and waits for a condition.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
CONFIG = """!
hostname vtytest
!
line vty 0 1
 privilege level 15
 logging synchronous
 password pa#ss
 login
line vty 2 4
 privilege level 15
 password pa#ss
 login
!
end
"""
P = r"vtytest#"


def session(port):
    v = Vty(port)
    if v.read_until(r"Password: ") is None:
        return None
    v.send("pa#ss")
    return v if v.read_until(P) is not None else None


def type_raw(v, text):
    """Keys without return: what the user is in the middle of typing."""
    v.s.sendall(text.encode())
    return v.read_until(re.escape(text))


def main():
    ck = Checks()
    r = Router(LISPR, WORK, CONFIG, name="sync")
    try:
        ck.check(r.listening(), "lispr listens on 127.0.0.1:%d" % r.port)
        a = session(r.port)
        b = session(r.port)
        ck.check(a is not None and b is not None, "A and B logged in (vty 0 and 1)")
        a.cmd("terminal monitor", P)
        a.cmd("terminal length 0", P)
        ck.check(type_raw(a, "show ver") is not None, "A: 'show ver' typed, no return yet")

        # A held line: after what A typed, on a line of its own; then the
        # prompt and the typed text again.
        b.cmd("send log 6 sync-one", P)
        got = a.read_until(r"sync-one\r\n" + P + "show ver", timeout=5)
        ck.check(got is not None and
                 re.search(r"^\r\n[^\r\n]*%SYS-6-USERLOG_INFO: Message from tty2\(user id: \): sync-one\r\n"
                           + P + "show ver$", got) is not None,
                 "A: the held line after the typed text, then prompt and typed text again (%r)" % got)
        a.send("sion")
        got = a.read_until(r"[Ll]ispr[^\r\n]*\r\n(.|\r\n)*" + P, timeout=5)
        ck.check(got is not None and "Invalid" not in got,
                 "A: the typed text still runs as 'show version' (%r)" % (got or "")[:200])

        # Severity 2 (the line's level): written at once, no prompt after it.
        type_raw(a, "show clo")
        b.cmd("send log 2 urgent-two", P)
        got = a.read_until(r"urgent-two\r\n", timeout=5)
        ck.check(got is not None and "%SYS-2-USERLOG_CRIT" in got and P not in got,
                 "A: the severity 2 line at once (%r)" % got)
        b.cmd("send log 5 after-urgent", P)
        got = a.read_until(r"after-urgent\r\n" + P + "show clo", timeout=5)
        ck.check(got is not None and P not in got[:got.find("after-urgent")],
                 "A: no prompt after the line written at once; the next held one brings it (%r)" % got)
        a.send("ck")
        ck.check(a.read_until(r"UTC[^\r\n]*\r\n(\r\n)?" + P, timeout=5) is not None, "A: 'show clock' ran")

        # Held during a command (A at --More--): after its output, at most
        # 'limit' of them, then the count of those lost.  The new limit
        # applies to A's running session.
        b.cmd("configure terminal", r"\(config\)#")
        b.cmd("line vty 0", r"\(config-line\)#")
        b.cmd("logging synchronous limit 2", r"\(config-line\)#")
        b.cmd("end", P)
        a.read_until(r"CONFIG_I[^\r\n]*\r\n" + P, timeout=5)
        a.cmd("terminal length 3", P)
        a.send("show running-config")
        ck.check(a.read_until(r"--More--", timeout=5) is not None, "A: at --More--")
        for k in range(4):
            b.cmd("send log 6 during-%d" % k, P)
        ck.check(r.wait_log(r"during-3"), "the four lines were logged")
        a.s.sendall(b"q")
        got = a.read_until(P, timeout=5)
        ck.check(got is not None and "during-0" in got and "during-1" in got and
                 "during-2" not in got and "during-3" not in got and
                 "%SYS-3-MSGLOST: 2 messages lost due to overflow" in got and
                 got.rfind("MSGLOST") < got.rfind(P),
                 "A: two held lines and %%SYS-3-MSGLOST: 2 after the output, before the prompt (%r)" % got)

        # 'level all': every line held, severity 0 too.
        b.cmd("configure terminal", r"\(config\)#")
        b.cmd("line vty 0", r"\(config-line\)#")
        b.cmd("logging synchronous level all", r"\(config-line\)#")
        b.cmd("end", P)
        a.read_until(r"CONFIG_I[^\r\n]*\r\n" + P, timeout=5)
        type_raw(a, "show us")
        b.cmd("send log 0 emerg-zero", P)
        got = a.read_until(r"emerg-zero\r\n" + P + "show us", timeout=5)
        ck.check(got is not None, "A with 'level all': the severity 0 line held too, prompt again (%r)" % got)

        # 'no logging synchronous': written over the typed text at once.
        b.cmd("configure terminal", r"\(config\)#")
        b.cmd("line vty 0", r"\(config-line\)#")
        b.cmd("no logging synchronous", r"\(config-line\)#")
        b.cmd("end", P)
        a.read_until(r"CONFIG_I[^\r\n]*\r\n", timeout=5)
        b.cmd("send log 6 plain-six", P)
        got = a.read_until(r"plain-six\r\n", timeout=5)
        ck.check(got is not None and P not in got, "A without it: the line at once, no prompt (%r)" % got)

        c = session(r.port)
        ck.check(c is not None, "C logged in (vty 2: no logging synchronous)")
        c.cmd("terminal monitor", P)
        type_raw(c, "show ip")
        b.cmd("send log 6 over-typed", P)
        got = c.read_until(r"over-typed\r\n", timeout=5)
        ck.check(got is not None and re.match(r"^[^\r\n]*USERLOG_INFO[^\r\n]*over-typed\r\n$", got) is not None,
                 "C: the line right after the typed text, no prompt again (%r)" % got)
        b.cmd("show running-config | section line vty 0", P)
        for v in (a, b, c):
            v.close()
    finally:
        text = r.stop(ck)
    return ck.done(text)


if __name__ == "__main__":
    sys.exit(main())
