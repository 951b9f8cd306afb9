#!/usr/bin/python3
"""Local users on the vty: 'username' and 'login local'.

Usage: vty_local.py LISPR WORKDIR

Logs in over telnet as users of every kind: a privilege 15 user starts
in privileged EXEC, others in user EXEC at their level, a 'nopassword'
user is not asked for a password; a wrong password, an unknown name and
a user without a password are refused with '% Login invalid' and the
name asked again, three failures close the connection, and the failures
are logged with the name typed (control characters made harmless).
'show users' names the user, 'show running-config' keeps the secrets as
hashes.  Every wait is bounded and waits for a condition.
"""
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
CONFIG = """!
hostname vtytest
enable secret 0 en#able
username admin privilege 15 secret 0 ad#min
username bob password 0 bo#b
username carol privilege 5 secret 0 ca#rol
username dave nopassword
username eve privilege 3
!
banner motd ^C
Lab router $(hostname) | site A
^C
banner login #Authorized access only#
banner exec ^C
Welcome, EXEC started.
^C
!
line vty 0 4
 login local
 width 100
 history size 3
!
end
"""


def user_login(v, name, password, prompt):
    """Name, then the password if asked; the text after the name prompt
    up to prompt, or None."""
    if v.read_until(r"Username: ", timeout=10) is None:
        return None
    v.send(name)
    text = ""
    if password is not None:
        text = v.read_until(r"Password: ")
        if text is None:
            return None
        v.send(password)
    after = v.read_until(prompt)
    return None if after is None else text + after


def main():
    ck = Checks()
    r = Router(LISPR, WORK, CONFIG, name="local")
    port, wait_log = r.port, r.wait_log
    try:
        ck.check(r.listening(), "lispr listens on 127.0.0.1:%d" % port)
        a = Vty(port)
        pre = a.read_until(r"Username: ")
        ck.check(pre is not None and re.search(r"Lab router vtytest \| site A\r\n.*"
                                               r"Authorized access only\r\n.*User Access Verification", pre, re.S),
                 "the motd banner ($(hostname) replaced), then the login banner, then the login: %r" % pre)
        a.send("admin")
        a.read_until(r"Password: ")
        a.send("ad#min")
        post = a.read_until(r"vtytest#")
        ck.check(post is not None and "Welcome, EXEC started.\r\n" in post,
                 "admin (privilege 15): the exec banner, then straight into privileged EXEC: %r" % post)
        a.cmd("terminal length 0", prompt=r"vtytest#")
        out = a.cmd("show privilege", prompt=r"vtytest#")
        ck.check(out is not None and "Current privilege level is 15" in out, "admin: level 15:\n%s" % out)
        ck.check(wait_log(r"%SEC_LOGIN-5-LOGIN_SUCCESS: Login Success \[user: admin\] "
                          r"\[Source: 127\.0\.0\.1\] \[localport: " + str(port) + r"\]"),
                 "admin's login is logged as %SEC_LOGIN-5-LOGIN_SUCCESS")
        out = a.cmd("show running-config | include username|login", prompt=r"vtytest#")
        ck.check(out is not None and re.search(r"username admin privilege 15 secret 8 \$8\$", out)
                 and "ad#min" not in out and "username bob password bo#b" in out
                 and "username dave nopassword" in out and "username eve privilege 3\r\n" in out
                 and " login local" in out, "the running-config:\n%s" % out)

        # A banner typed over several lines on the vty.
        a.cmd("configure terminal", prompt=r"\(config\)#")
        a.send("banner motd %")
        asked = a.read_until(r"End with the character '%'\.")
        a.send("Typed | on the vty")
        a.send("% trailing words")
        back = a.read_until(r"\(config\)#")
        a.cmd("end", prompt=r"vtytest#")
        out = a.cmd("show running-config | begin banner motd", prompt=r"vtytest#")
        ck.check(asked is not None and back is not None and out is not None
                 and "banner motd ^C\r\nTyped | on the vty\r\n^C" in out,
                 "a banner typed on the vty, its lines echoed, up to the delimiter:\n%s" % out)

        # 'write erase' asks [confirm]; the answer is echoed on the
        # prompt's line, and 'n' keeps the startup-config.
        a.send("write erase")
        asked = a.read_until(r"Continue\? \[confirm\]")
        a.send("n")
        back = a.read_until(r"vtytest#")
        with open(r.cfg) as f:
            kept = "hostname vtytest" in f.read()
        ck.check(asked is not None and back is not None and back.startswith("n\r\n%Erase of nvram: aborted")
                 and kept, "write erase over the vty, answered 'n' on the prompt's line: %r" % back)

        b = Vty(port)
        text = user_login(b, "bob", "wrong", r"Username: ")
        ck.check(text is not None and text.startswith("bob") and "wrong" not in text
                 and "% Login invalid" in text,
                 "bob, wrong password: the name echoed, '%% Login invalid', the name asked again (the password not): %r" % text)
        ck.check(wait_log(r"%SEC_LOGIN-4-LOGIN_FAILED: Login failed \[user: bob\] \[Source: 127\.0\.0\.1\]"),
                 "the failure is logged with the name")
        b.send("bob")
        ok = b.read_until(r"Password: ") is not None
        b.send("bo#b")
        ck.check(ok and b.read_until(r"vtytest>") is not None, "bob: in at the second try, user EXEC")
        out = b.cmd("show privilege", prompt=r"vtytest>")
        ck.check(out is not None and "Current privilege level is 1" in out, "bob: level 1:\n%s" % out)
        ck.check(b.enable(), "bob: enable with the enable secret")

        c = Vty(port)
        ck.check(user_login(c, "carol", "ca#rol", r"vtytest>") is not None, "carol (privilege 5): user EXEC")
        out = c.cmd("show privilege", prompt=r"vtytest>")
        ck.check(out is not None and "Current privilege level is 5" in out, "carol: level 5:\n%s" % out)
        # The line's terminal settings: a session starts with them.
        for w in ("show privilege", "show clock", "show users", "show privilege"):
            c.cmd(w, prompt=r"vtytest>")
        out = c.cmd("show terminal", prompt=r"vtytest>")
        hist = c.cmd("show history", prompt=r"vtytest>")
        ck.check(out is not None and "Length: 24 lines, Width: 100 columns" in out
                 and "History is enabled, history size is 3." in out
                 and hist is not None and re.findall(r"\r\n  (\S[^\r]*)", hist) ==
                 ["show privilege", "show terminal", "show history"],
                 "the line's width 100 and history size 3: %r %r" % (out, hist))

        d = Vty(port)
        ck.check(d.read_until(r"Username: ") is not None, "dave: name prompt")
        d.send("dave")
        text = d.read_until(r"vtytest>")
        ck.check(text is not None and "Password" not in text, "dave (nopassword): in without a password: %r" % text)

        out = a.cmd("show users", prompt=r"vtytest#")
        ck.check(out is not None and re.search(r"\*\s+\d+ vty \d+\s+admin\s", out)
                 and re.search(r"vty \d+\s+bob\s", out) and re.search(r"vty \d+\s+dave\s", out),
                 "show users names the users:\n%s" % out)

        e = Vty(port)
        text = user_login(e, "mallory", "x", r"Username: ")
        ck.check(text is not None and "% Login invalid" in text, "an unknown name: '%% Login invalid'")
        e.send("eve")
        e.read_until(r"Password: ")
        e.send("")
        text = e.read_until(r"Username: ")
        ck.check(text is not None and "% Login invalid" in text, "eve (no password configured): refused")
        e.send("ev\x01il")
        e.read_until(r"Password: ")
        e.send("x")
        text = e.read_until(r"% Login invalid")
        ck.check(text is not None and e.closed(timeout=10), "the third failure closes the connection")
        ck.check(wait_log(r"Login failed \[user: ev\?il\]"),
                 "a control character in a name is logged as '?'")

        # 'privilege level 15' on a line with a line password: the
        # session starts in privileged EXEC, without 'enable'.
        for line in ("configure terminal", "line vty 0 4", "privilege level 15", "password li#ne", "login"):
            a.cmd(line, prompt=r"vtytest\(config[^)]*\)#")
        a.cmd("end", prompt=r"vtytest#")
        f = Vty(port)
        asked = f.read_until(r"Password: ", timeout=10)
        f.send("li#ne")
        ck.check(asked is not None and f.read_until(r"vtytest#") is not None,
                 "privilege level 15: in at level 15 on the line password alone")
        out = f.cmd("show privilege", prompt=r"vtytest#")
        ck.check(out is not None and "Current privilege level is 15" in out, "level 15:\n%s" % out)
        f.close()
        for v in (a, b, c, d):
            v.close()
    finally:
        text = r.stop(ck)
    return ck.done(text)


sys.exit(main())
