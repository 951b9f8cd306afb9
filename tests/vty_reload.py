#!/usr/bin/python3
"""'reload' over the vty.

Usage: vty_reload.py LISPR WORKDIR [IFACE]

lispr is started on a startup-config; the hostname is changed in the
running configuration.  'reload' asks IOS's questions: Save? (asked
again until yes or no), then [confirm]; 'n' there returns to the
prompt.  Confirmed, the session closes and the same process (same pid)
starts again from the startup-config: the unsaved hostname is gone, the
vty listens again, no descriptor of the old run is left open (with
IFACE, an interface of the test's own namespace that lispr captures on,
so its packet sockets are counted too).  Answered 'yes', the running
configuration is saved first and is what comes back.  With nothing
configured since boot or the last save, only [confirm] is asked.
'reload in' is scheduled, shown by 'show reload' and cancelled.  Every wait is bounded and waits for
a condition.
"""
import os
import re
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
IFACE = sys.argv[3] if len(sys.argv) > 3 else None
CONFIG = """!
hostname rl1
enable secret 0 en#able
!
""" + ("""interface %s
 ip address 10.99.0.1 255.255.255.0
!
""" % IFACE if IFACE else "") + """line vty 0 4
 password pa#ss
 login
!
end
"""


def fds(pid):
    return len(os.listdir("/proc/%d/fd" % pid))


def wait_count(r, pattern, n, timeout=30.0):
    """True once the log holds pattern n times (bounded, polled)."""
    end = time.time() + timeout
    while time.time() < end:
        if len(re.findall(pattern, r.logtext())) >= n:
            return True
        time.sleep(0.05)
    return False


def session(port, host):
    v = Vty(port, prompt_host=host)
    if not v.login() or not v.enable():
        return None
    return v


def main():
    ck = Checks()
    r = Router(LISPR, WORK, CONFIG, name="reload")
    pid = r.proc.pid
    listening = r"vty listening on"
    try:
        ck.check(r.listening() and wait_count(r, listening, 1), "lispr listens on its vty")
        if IFACE:
            ck.check(r.wait_log(r"Interface %s, changed state to up" % IFACE),
                     "the interface %s is up (captured)" % IFACE)
        fds0 = fds(pid)
        a = session(r.port, "rl1")
        ck.check(a is not None, "logged in, enabled")
        if a is None:
            return ck.done(r.logtext())
        # Nothing configured since boot: no Save?, though the file is
        # laid out otherwise than lispr writes it.
        a.send("reload")
        q = a.read_until(r"Proceed with reload\? \[confirm\]")
        a.send("n")
        back = a.read_until(r"rl1#")
        ck.check(q is not None and "Save?" not in q and back is not None,
                 "just booted: [confirm] only: %r" % q)
        a.cmd("configure terminal", prompt=r"\(config\)#")
        a.host = "rl2"
        a.cmd("hostname rl2", prompt=r"rl2\(config\)#")
        a.cmd("end", prompt=r"rl2#")

        # Changed: Save? first (a wrong answer asks again); 'n' at
        # [confirm] returns to the prompt.
        a.send("reload")
        q1 = a.read_until(r"Save\? \[yes/no\]: ")
        a.send("maybe")
        q2 = a.read_until(r"Save\? \[yes/no\]: ")
        a.send("no")
        q3 = a.read_until(r"Proceed with reload\? \[confirm\]")
        a.send("n")
        back = a.read_until(r"rl2#")
        ck.check(q1 is not None and q2 is not None and "% Please answer 'yes' or 'no'." in q2
                 and q3 is not None and back is not None and r.proc.poll() is None
                 and "reloading" not in r.logtext(),
                 "reload: Save? asked again after a wrong answer, then [confirm]; 'n' goes back to the prompt: %r"
                 % [q1, q2, q3, back])

        # Confirmed without saving: the same process starts again from
        # the startup-config.
        a.send("reload")
        a.read_until(r"Save\? \[yes/no\]: ")
        a.send("no")
        a.read_until(r"Proceed with reload\? \[confirm\]")
        a.send("")
        ck.check(a.closed(timeout=15), "confirmed: the session is closed")
        a.close()
        ck.check(r.wait_log(r"%SYS-5-RELOAD: Reload requested by vty0 \(127\.0\.0\.1\)\. Reload Reason: Reload Command\.")
                 and r.wait_log(r"reloading"), "the reload is logged as %SYS-5-RELOAD")
        ck.check(wait_count(r, listening, 2) and r.proc.poll() is None and r.proc.pid == pid,
                 "lispr runs again, the same process, its vty listening again")
        if IFACE:
            ck.check(wait_count(r, r"Interface %s, changed state to up" % IFACE, 2),
                     "the interface is captured again")
        fds1 = fds(pid)
        ck.check(fds1 == fds0, "no descriptor of the old run left open (%d before, %d after)" % (fds0, fds1))
        b = session(r.port, "rl1")
        ck.check(b is not None, "the unsaved hostname is gone: rl1 again")
        if b is None:
            return ck.done(r.logtext())

        # Saved, then reloaded: the new hostname comes back.
        b.cmd("configure terminal", prompt=r"\(config\)#")
        b.host = "rl3"
        b.cmd("hostname rl3", prompt=r"rl3\(config\)#")
        b.cmd("end", prompt=r"rl3#")
        b.send("reload")
        b.read_until(r"Save\? \[yes/no\]: ")
        b.send("yes")
        saved = b.read_until(r"Proceed with reload\? \[confirm\]")
        b.send("y")
        ck.check(saved is not None and "Building configuration..." in saved and "[OK]" in saved
                 and b.closed(timeout=15), "Save? yes: written ([OK]), then reloaded: %r" % saved)
        b.close()
        with open(r.cfg) as f:
            ck.check("hostname rl3" in f.read(), "the startup-config holds the new hostname")
        ck.check(wait_count(r, listening, 3) and r.proc.poll() is None, "lispr runs again")
        c = session(r.port, "rl3")
        ck.check(c is not None, "the saved hostname came back: rl3")
        if c is not None:
            # Nothing changed: only [confirm].
            c.send("reload")
            q = c.read_until(r"Proceed with reload\? \[confirm\]")
            c.send("n")
            back = c.read_until(r"rl3#")
            ck.check(q is not None and "Save?" not in q and back is not None,
                     "unchanged: no Save? question, [confirm] only: %r" % q)
            # Scheduled, shown, taken back.
            c.send("reload in 10 maintenance")
            q = c.read_until(r"Proceed with reload\? \[confirm\]")
            c.send("")
            c.read_until(r"rl3#")
            shown = c.cmd("show reload", prompt=r"rl3#")
            gone = c.cmd("reload cancel", prompt=r"rl3#")
            ck.check(q is not None and "Reload scheduled in 10 minutes by vty0 (127.0.0.1)" in q
                     and shown is not None
                     and re.search(r"Reload scheduled for .* \(in (9 minutes and \d+ seconds|10 minutes)\) "
                                   r"by vty0 \(127\.0\.0\.1\)\r\nReload reason: maintenance", shown)
                     and gone is not None and "*** --- SHUTDOWN ABORTED ---" in gone
                     and r.wait_log(r"%SYS-5-SCHEDULED_RELOAD_CANCELLED: Scheduled reload cancelled by vty0"),
                     "reload in 10: scheduled, shown, cancelled: %r" % [q, shown, gone])
            c.close()
    finally:
        log = r.stop(ck)
    return ck.done(log)


sys.exit(main())
