#!/usr/bin/python3
"""Drive lispr's telnet vty over 127.0.0.1 with several concurrent sessions.

Usage: vty_client.py LISPR WORKDIR

Starts LISPR with a startup-config that allows three telnet lines (the
third with a 2-second exec-timeout), then checks: password login (a wrong
try first), enable secret, a configuration change in one session seen in
another, the prompt right after a command's output (no blank line, as
IOS), 'terminal monitor' receiving a log line, a fourth connection
refused while three are busy, the idle timeout at a --More-- prompt, an
abrupt disconnect in the middle of a command, and that the router is still
alive and serving afterwards and exits cleanly on SIGTERM.  Every wait is bounded.

With VTY_NS_HOST and VTY_NS_FAR set (tests/test_shell_vty.sh as root), this
runs inside lispr's network namespace, lispr routes between the two hosts'
namespaces, and a ping from one host to the other runs through lispr all
along the vty sessions: it must lose almost nothing, and pings to the far
host and to lispr's loopback must work after the sessions are gone.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time

LISPR, WORK = sys.argv[1], sys.argv[2]
CONFIG = """!
hostname vtytest
enable secret 0 en#able
!
line vty 0 1
 password pa#ss
 login
line vty 2
 exec-timeout 0 2
 password pa#ss
 login
line vty 3
 transport input ssh
line vty 4
 transport input none
!
end
"""
NS_HOST = os.environ.get("VTY_NS_HOST")
NS_FAR = os.environ.get("VTY_NS_FAR")
if NS_HOST:
    CONFIG = CONFIG.replace("!\nline vty 0 1", """!
interface Loopback0
 ip address 10.78.0.1 255.255.255.255
interface vr0
 ip address 10.77.0.1 255.255.255.0
 no shutdown
interface vr1
 ip address 10.79.0.1 255.255.255.0
 no shutdown
!
line vty 0 1""")
failures = []


def ns_ping(ns, dst, count, interval="0.2", background=False):
    cmd = ["ip", "netns", "exec", ns, "ping", "-n", "-q", "-c", str(count), "-i", interval, "-W", "1", dst]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    if background:
        return p
    out = p.communicate(timeout=count * float(interval) + 10)[0]
    return p.returncode, out


def ping_received(out):
    m = re.search(r"(\d+) packets transmitted, (\d+) received", out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what, flush=True)
    if not cond:
        failures.append(what)


def strip_telnet(data):
    out, i = bytearray(), 0
    while i < len(data):
        if data[i] == 255 and i + 1 < len(data):
            i += 3 if data[i + 1] in (251, 252, 253, 254) else 2
            continue
        out.append(data[i])
        i += 1
    return out.decode("latin-1")


class Vty:
    def __init__(self, port):
        self.s = socket.create_connection(("127.0.0.1", port), timeout=5)
        self.buf = ""

    def read_until(self, pattern, timeout=5.0):
        end = time.time() + timeout
        rx = re.compile(pattern)
        while not rx.search(self.buf):
            left = end - time.time()
            if left <= 0:
                return None
            self.s.settimeout(left)
            try:
                d = self.s.recv(4096)
            except socket.timeout:
                return None
            except OSError:
                return None
            if not d:
                return None
            self.buf += strip_telnet(d)
        m = rx.search(self.buf)
        text, self.buf = self.buf[:m.end()], self.buf[m.end():]
        return text

    def closed(self, timeout=5.0):
        end = time.time() + timeout
        while time.time() < end:
            self.s.settimeout(max(0.05, end - time.time()))
            try:
                d = self.s.recv(4096)
            except socket.timeout:
                return False
            except OSError:
                return True
            if not d:
                return True
            self.buf += strip_telnet(d)
        return False

    def send(self, line):
        self.s.sendall(line.encode() + b"\r\n")

    def cmd(self, line, prompt=r"vtytest[^\r\n]*[>#] ?$"):
        self.send(line)
        return self.read_until(prompt)

    def login(self, password="pa#ss"):
        if self.read_until(r"Password: ") is None:
            return False
        self.send(password)
        return self.read_until(r"vtytest>") is not None

    def close(self):
        self.s.close()


def wait_listening(port, proc, timeout=60.0):
    """True once a TCP socket listens on 127.0.0.1:port in this namespace."""
    want = "0100007F:%04X" % port
    end = time.time() + timeout
    while time.time() < end and proc.poll() is None:
        with open("/proc/net/tcp") as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[1] == want and fields[3] == "0A":
                    return True
        time.sleep(0.05)
    return False


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    cfg = os.path.join(WORK, "vty.conf")
    with open(cfg, "w") as f:
        f.write(CONFIG)
    port = free_port()
    log = open(os.path.join(WORK, "lispr.log"), "w")
    proc = subprocess.Popen([LISPR, "-f", cfg, "-A", "127.0.0.1", "-P", str(port)],
                            stdin=subprocess.DEVNULL, stdout=log, stderr=log)
    pinger = None
    try:
        # Until lispr listens: read from the kernel's socket table rather
        # than connecting, since a probe connection would hold a vty line
        # for a while (and make the line numbers below differ).
        check(wait_listening(port, proc), "lispr listens on 127.0.0.1:%d" % port)

        if NS_HOST:
            rc, out = ns_ping(NS_HOST, "10.79.0.2", 3)
            check(rc == 0, "H -> G through lispr before the sessions:\n" + out)
            # 60 probes over 12 s: they span every session below.
            pinger = ns_ping(NS_HOST, "10.79.0.2", 60, background=True)

        a = Vty(port)
        check(a.read_until(r"Password: ") is not None, "A: password prompt")
        a.send("wrong")
        check(a.read_until(r"Password: ") is not None, "A: wrong password asks again")
        a.send("pa#ss")
        check(a.read_until(r"vtytest>") is not None, "A: logged in with a '#' in the password")
        a.cmd("terminal length 0")
        a.send("enable")
        a.read_until(r"Password: ")
        a.send("en#able")
        out = a.read_until(r"vtytest#")
        check(out is not None and "Password" not in out, "A: enable secret accepted at the first prompt")
        out = a.cmd("sh verzion")
        check(out is not None and "% Invalid input detected at '^' marker." in out
              and re.search(r"\n {11}\^", out) is not None, "A: IOS error with the marker under the word")
        # As IOS: the prompt right after the last line of output, or on
        # the line after the command when it printed nothing.
        out = a.cmd("show privilege")
        check(out == "show privilege\r\nCurrent privilege level is 15\r\nvtytest#",
              "A: the prompt follows the output, no blank line: %r" % out)
        out = a.cmd("terminal length 0")
        check(out == "terminal length 0\r\nvtytest#", "A: a command without output, then the prompt: %r" % out)
        out = a.cmd("")
        check(out == "\r\nvtytest#", "A: an empty line, then the prompt: %r" % out)
        check(a.cmd("terminal monitor") is not None, "A: terminal monitor")

        b = Vty(port)
        check(b.login(), "B: logged in concurrently")
        b.send("enable")
        b.read_until(r"Password: ")
        b.send("en#able")
        out = b.read_until(r"vtytest#")
        check(out is not None and "Password" not in out, "B: enabled")

        out = a.cmd("conf t")
        out = a.cmd("hostname vtytest-renamed", prompt=r"vtytest-renamed\(config\)#")
        check(out is not None, "A: hostname changed, prompt follows")
        a.cmd("end", prompt=r"vtytest-renamed#")
        out = b.cmd("show running-config | include ^hostname", prompt=r"vtytest[^\r\n]*# ?$")
        check(out is not None and "hostname vtytest-renamed" in out, "B: sees A's change")
        a.cmd("conf t", prompt=r"\(config\)#")
        a.cmd("hostname vtytest", prompt=r"vtytest\(config\)#")
        a.cmd("end")

        c = Vty(port)
        check(c.login(), "C: third line logged in")
        seen = a.read_until(r"SYS-6-LOGGEDIN: vty 2 from 127\.0\.0\.1", timeout=5)
        check(seen is not None, "A: terminal monitor received the log line of C's login")

        d = Vty(port)
        msg = d.read_until(r"busy[^\n]*\n", timeout=5)
        check(msg is not None and "All 3 vty lines are busy" in msg, "D: refused while 3 lines are busy")
        check(d.closed(), "D: connection closed")
        d.close()
        out = a.cmd("show login")
        check(out is not None and "Connections refused, all vty lines busy: 1." in out,
              "A: show login counts D's refusal:\n" + str(out))

        # A --More-- waits as long as the line's exec-timeout, then the
        # session ends as it would at the prompt (IOS): not 60 s later.
        c.cmd("terminal length 3")
        c.send("show version")
        page = c.read_until(r" --More-- ")
        check(page is not None, "C: terminal length 3 pauses show version")
        t0 = time.monotonic()
        gone = c.closed(timeout=6)
        check(gone and time.monotonic() - t0 >= 1.5,
              "C: session at --More-- closed by exec-timeout 0 2 (after %.1f s)" % (time.monotonic() - t0))
        c.close()

        b.send("show running-config")
        b.s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        b.close()     # abrupt: RST in the middle of the command's output
        time.sleep(0.5)

        check(proc.poll() is None, "router still running after the disconnects")
        out = a.cmd("show users")
        check(out is not None and re.search(r"\*\s+1 vty 0 .*127\.0\.0\.1", out) is not None
              and re.search(r"^[ *]\s*\d+ vty [12]", out, re.M) is None, "A: show users lists A only:\n" + str(out))
        e = Vty(port)
        check(e.login(), "E: a freed line accepts a new session")
        check(e.cmd("show version") is not None, "E: commands work")
        e.cmd("terminal length 5")
        e.send("enable")
        e.read_until(r"Password: ")
        e.send("en#able")
        e.read_until(r"vtytest#")
        e.send("show running-config")
        page = e.read_until(r" --More-- ")
        check(page is not None and page.count("\n") == 5 and "Building configuration" in page,
              "E: terminal length 5 pauses after 4 lines:\n" + str(page))
        e.s.sendall(b" ")
        page = e.read_until(r" --More-- ")
        check(page is not None and "hostname vtytest" in page, "E: space shows the next page")
        e.s.sendall(b"q")
        rest = e.read_until(r"vtytest#")
        check(rest is not None and "end" not in rest, "E: q drops the rest of the output")
        e.cmd("exit", prompt=r"$^")
        check(e.closed(), "E: exit closes the session")
        e.close()
        if NS_HOST:
            out = a.cmd("show arp")
            check(out is not None and "10.77.0.2" in out and "10.79.0.2" in out,
                  "A: show arp lists both hosts:\n" + str(out))
            out = a.cmd("show ip traffic | include forwarded")
            m = re.search(r"(\d+) forwarded", out or "")
            check(m is not None and int(m.group(1)) >= 6, "A: forwarded counter grows: " + str(out))
            out, _ = pinger.communicate(timeout=30)
            sent, got = ping_received(out)
            check(sent == 60 and got >= 57,
                  "H -> G kept forwarding during the sessions (%d/%d):\n%s" % (got, sent, out))
            rc, out = ns_ping(NS_HOST, "10.79.0.2", 3)
            check(rc == 0, "H -> G after the sessions:\n" + out)
            rc, out = ns_ping(NS_FAR, "10.78.0.1", 3)
            check(rc == 0, "G -> lispr's Loopback0 after the sessions:\n" + out)
            out = a.cmd("ping 10.79.0.2 source Loopback0 repeat 5", prompt=r"Success rate[^\n]*\n")
            check(out is not None and "Packet sent with a source address of 10.78.0.1" in out
                  and "\n!!!!!\r\n" in out and "Success rate is 100 percent (5/5)" in out,
                  "A: ping from lispr through the vty:\n" + str(out))
            a.read_until(r"vtytest#")
            # A ping that waits must not hold the router: another session
            # is served before it ends, and its marks arrive one by one.
            a.send("ping 10.79.0.99 repeat 3 timeout 2")
            a.read_until(r"seconds:\r\n", timeout=5)
            f = Vty(port)
            served = f.login() and f.cmd("show ip interface brief") is not None
            pending = a.read_until(r"Success rate", timeout=0.05)
            check(served and pending is None, "F: served while A's ping still waits")
            first = a.read_until(r"(?:^|\n)\.", timeout=6)
            t_first = time.time()
            out = a.read_until(r"Success rate[^\n]*\n", timeout=10)
            check(first is not None and out is not None and time.time() - t_first >= 1.5
                  and "Success rate is 0 percent (0/3)" in out,
                  "A: marks as they come, then the summary: " + str(out))
            a.read_until(r"vtytest#")
            f.close()
            # A client that hangs up in the middle of a long ping frees
            # its line at once: the ping is cancelled, not waited out.
            g = Vty(port)
            g.login()
            g.send("ping 10.79.0.99 repeat 100 timeout 2")
            g.read_until(r"seconds:", timeout=2)
            g.s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
            g.close()
            gone = False
            for _ in range(20):
                time.sleep(0.2)
                out = a.cmd("show users")
                if out is not None and re.search(r"^[ *]\s*\d+ vty [1-9]", out, re.M) is None:
                    gone = True
                    break
            check(gone, "G: hanging up mid-ping ends the session within 4 s")
            check(proc.poll() is None, "router still running after the pings")
        a.close()
    finally:
        if pinger is not None and pinger.poll() is None:
            pinger.kill()
            pinger.wait()
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
        try:
            rc = proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            rc = proc.wait()
        log.close()
    check(rc == 0, "clean exit on SIGTERM (status %d)" % rc)
    with open(os.path.join(WORK, "lispr.log")) as f:
        text = f.read()
    check("ERROR: AddressSanitizer" not in text and "ERROR: LeakSanitizer" not in text,
          "no sanitizer reports")
    if failures:
        print(text)
    print("%d checks failed" % len(failures))
    return 1 if failures else 0


sys.exit(main())
