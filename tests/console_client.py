"""The local console on a pseudo-terminal (tests/test_shell_console.sh).

Starts lispr with no vty listener on a pty, as a person at the console
would have it, and checks the IOS habits of the line editor: Ctrl-C leaves
a configuration mode for privileged EXEC (and drops the line typed, in EXEC
too), the up arrow recalls the history of the mode the session is in (one
for EXEC, one for the configuration modes), and 'show history' lists it;
a banner typed over several lines shows as the next session starts;
'reload' starts the same process again on the same terminal; with
'logging synchronous' on line con 0, a log line (sent from a vty session
on 127.0.0.1) that comes while a command is half typed is written on a
line of its own and the prompt and the typed text are drawn again.
Every wait is for the expected prompt, bounded; nothing sleeps a fixed time.
"""
import os
import pty
import re
import select
import sys
import time

lispr = sys.argv[1]
failures = []
pid, fd = pty.fork()
if pid == 0:
    os.execv(lispr, [lispr, "-P", "0"])
buf = b""


def read_until(pat, timeout=10):
    """The output up to and including the first match of pat."""
    global buf
    end = time.time() + timeout
    while True:
        m = re.search(pat, buf)
        if m:
            out = buf[:m.end()]
            buf = buf[m.end():]
            return out
        if time.time() > end:
            raise SystemExit("timeout waiting for %r; have %r" % (pat, buf))
        r, _, _ = select.select([fd], [], [], 0.2)
        if r:
            try:
                buf += os.read(fd, 4096)
            except OSError:
                raise SystemExit("console closed; have %r" % buf)


def config_left(out):
    """Leaving configuration mode logs %SYS-5-CONFIG_I from the log
    writer thread, at a moment of its own (seconds later on a loaded
    machine): wait for it, so that it does not land in the middle of the
    echo of what is typed next."""
    if b"CONFIG_I" not in out:
        read_until(rb"CONFIG_I[^\n]*\n")


def send(s):
    os.write(fd, s.encode())


def check(what, cond, got):
    print("%s %s" % ("ok  " if cond else "FAIL", what))
    if not cond:
        print("     got: %r" % got)
        failures.append(what)


read_until(rb"lispr>")
send("enable\r")
read_until(rb"lispr#")
send("configure terminal\r")
read_until(rb"lispr\(config\)#")
send("interface Loopback0\r")
read_until(rb"lispr\(config-if\)#")
send("description half typed")
read_until(rb"half typed")
send("\x03")
out = read_until(rb"lispr#")
check("Ctrl-C in config-if: '^C', then the privileged EXEC prompt", b"^C\r\n" in out, out)
config_left(out)
send("\x1b[A")
out = read_until(rb"configure terminal")
check("up arrow in EXEC recalls the last EXEC line, not a config one", b"interface" not in out, out)
send("\x15show ver")
read_until(rb"show ver")
send("\x03")
out = read_until(rb"lispr#")
check("Ctrl-C in EXEC drops the line", b"^C" in out, out)
send("show history\r")
out = read_until(rb"lispr#")
check("show history: the EXEC lines, the dropped one not among them",
      re.search(rb"  enable\r\n  configure terminal\r\n  show history\r\n", out) is not None
      and b"show ver" not in out, out)
send("configure terminal\r")
read_until(rb"\(config\)#")
send("\x1b[A")
out = read_until(rb"interface Loopback0")
check("up arrow in config mode recalls the configuration history", b"interface Loopback0" in out, out)
send("\x15do show history\r")
out = read_until(rb"\(config\)#")
check("do show history in config mode: the configuration lines",
      b"  interface Loopback0\r\n  do show history\r\n" in out and b"enable" not in out, out)
send("\x1a")
out = read_until(rb"lispr#")
config_left(out)
check("Ctrl-Z still ends configuration mode", True, out)
# A banner typed over several lines at the console; the next console
# session shows it as it starts.
send("configure terminal\r")
read_until(rb"\(config\)#")
send("banner exec %\r")
out = read_until(rb"End with the character '%'\.")
send("Console | banner\r")
send("%\r")
out = read_until(rb"\(config\)#")
check("banner exec typed at the console, ended by its delimiter", b"Console | banner" in out, out)
send("end\r")
config_left(read_until(rb"lispr#"))
send("exit\r")
read_until(rb"Press RETURN to get started")
send("\r")
out = read_until(rb"lispr>")
check("the next console session starts with the exec banner", b"Console | banner" in out, out)
# 'reload' at the console: without a startup-config nothing is saved,
# only [confirm] is asked; the same process starts again on the same
# terminal with the default configuration (no banner, hostname lispr).
send("enable\r")
read_until(rb"lispr#")
send("configure terminal\r")
read_until(rb"\(config\)#")
send("hostname cons2\r")
read_until(rb"cons2\(config\)#")
send("end\r")
config_left(read_until(rb"cons2#"))
send("reload\r")
out = read_until(rb"Proceed with reload\? \[confirm\]")
check("reload at the console: [confirm] only (no startup-config to save to)", b"Save?" not in out, out)
send("\r")
out = read_until(rb"lispr>", timeout=30)
check("the same process starts again on the console, from the defaults",
      os.waitpid(pid, os.WNOHANG) == (0, 0) and b"Console | banner" not in out and b"cons2" not in out, out)
send("enable\r")
out = read_until(rb"lispr#")
check("the new console takes commands", True, out)
os.kill(pid, 15)
os.waitpid(pid, 0)

# 'logging synchronous' on line con 0: a second lispr on a new terminal,
# its vty on a free port of 127.0.0.1 as the source of log lines.
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, free_port, wait_listening  # noqa: E402
import tempfile  # noqa: E402

port = free_port()
cfg = tempfile.NamedTemporaryFile("w", suffix=".conf", delete=False)
cfg.write("line con 0\n logging synchronous\nline vty 0 4\n privilege level 15\n password x\n login\nend\n")
cfg.close()
pid, fd = pty.fork()
if pid == 0:
    os.execv(lispr, [lispr, "-f", cfg.name, "-A", "127.0.0.1", "-P", str(port)])
buf = b""


class _Proc:
    def poll(self):
        return None if os.waitpid(pid, os.WNOHANG) == (0, 0) else 1


try:
    read_until(rb"lispr>")
    check("the vty listens", wait_listening(port, _Proc()), port)
    v = Vty(port, prompt_host="lispr")
    v.read_until(r"Password: ")
    v.send("x")
    v.read_until(r"lispr#")
    out = read_until(rb"LOGGEDIN: vty 0 [^\r\n]*\r\nlispr>")
    check("console, logging synchronous: the vty's login line, then the prompt again", True, out)
    send("show ver")
    read_until(rb"show ver")
    v.cmd("send log 6 held-for-console", r"lispr#")
    out = read_until(rb"held-for-console[^\n]*\n(.|\n)*lispr>show ver")
    check("console, logging synchronous: the line on a line of its own, then prompt and typed text again",
          re.search(rb"show ver\r\n[^\r\n]*%SYS-6-USERLOG_INFO: Message from tty1\(user id: \): held-for-console\r\n",
                    b"show ver" + out) is not None, out)
    send("sion\r")
    out = read_until(rb"lispr>")
    check("console: the typed text still runs", b"uptime is" in out, out)
    v.close()
finally:
    os.kill(pid, 15)
    os.waitpid(pid, 0)
    os.unlink(cfg.name)
sys.exit(1 if failures else 0)
