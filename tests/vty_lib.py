"""Helpers shared by the vty tests run as scripts (tests/vty_stall.py,
tests/vty_login.py, tests/vty_local.py): lispr started on a configuration
and stopped with its exit checked, a telnet vty client that strips telnet
commands, waits bounded on patterns, and the namespace ping helpers."""
import os
import re
import signal
import socket
import subprocess
import time


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
    def __init__(self, port, rcvbuf=None, prompt_host="vtytest", src=None, dst="127.0.0.1"):
        self.s = socket.socket(socket.AF_INET6 if ":" in dst else socket.AF_INET, socket.SOCK_STREAM)
        if rcvbuf:
            self.s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
        if src:
            self.s.bind((src, 0))
        self.s.settimeout(5)
        self.s.connect((dst, port))
        self.buf = ""
        self.host = prompt_host

    def read_until(self, pattern, timeout=5.0):
        end = time.time() + timeout
        rx = re.compile(pattern)
        while not rx.search(self.buf):
            left = end - time.time()
            if left <= 0:
                return None
            self.s.settimeout(left)
            try:
                d = self.s.recv(65536)
            except (socket.timeout, OSError):
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
                d = self.s.recv(65536)
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

    def cmd(self, line, prompt=None, timeout=5.0):
        self.send(line)
        return self.read_until(prompt or (self.host + r"[^\r\n]*[>#] ?$"), timeout)

    def login(self, password="pa#ss", timeout=5.0):
        if self.read_until(r"Password: ", timeout) is None:
            return False
        self.send(password)
        return self.read_until(self.host + r">", timeout) is not None

    def enable(self, secret="en#able"):
        self.send("enable")
        self.read_until(r"Password: ")
        self.send(secret)
        return self.read_until(self.host + r"#") is not None

    def close(self):
        self.s.close()


def wait_listening(port, proc, timeout=60.0, addr="127.0.0.1"):
    """True once a TCP socket listens on 127.0.0.1:port (addr "::": on
    [::]:port) in this namespace."""
    want = ("0" * 32 if addr == "::" else "0100007F") + ":%04X" % port
    end = time.time() + timeout
    while time.time() < end and proc.poll() is None:
        with open("/proc/net/tcp6" if addr == "::" else "/proc/net/tcp") as f:
            for line in f.readlines()[1:]:
                fields = line.split()
                if fields[1] == want and fields[3] == "0A":
                    return True
        time.sleep(0.05)
    return False


class Router:
    """lispr started on config (written to WORK/NAME.conf), its vty on a
    free port of 127.0.0.1 (or addr, "::": every address, both families),
    its output in WORK/NAME.log."""

    def __init__(self, lispr, work, config, name="lispr", addr="127.0.0.1"):
        self.cfg = os.path.join(work, name + ".conf")
        with open(self.cfg, "w") as f:
            f.write(config)
        self.port = free_port()
        self.logpath = os.path.join(work, name + ".log")
        self.log = open(self.logpath, "w")
        self.addr = addr
        self.proc = subprocess.Popen([lispr, "-f", self.cfg, "-A", addr, "-P", str(self.port)],
                                     stdin=subprocess.DEVNULL, stdout=self.log, stderr=self.log)

    def listening(self):
        return wait_listening(self.port, self.proc, addr=self.addr)

    def logtext(self):
        with open(self.logpath) as f:
            return f.read()

    def wait_log(self, pattern, timeout=10.0):
        """True once the log matches pattern (bounded, polled)."""
        end = time.time() + timeout
        while time.time() < end:
            if re.search(pattern, self.logtext()):
                return True
            time.sleep(0.1)
        return False

    def stop(self, ck):
        """SIGTERM; checks a clean exit and no sanitizer report; the log."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
        try:
            rc = self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            rc = self.proc.wait()
        self.log.close()
        ck.check(rc == 0, "clean exit on SIGTERM (status %d)" % rc)
        text = self.logtext()
        ck.check("ERROR: AddressSanitizer" not in text and "ERROR: LeakSanitizer" not in text,
                 "no sanitizer reports")
        return text


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def ns_ping(ns, dst, count, interval="0.2"):
    cmd = ["ip", "netns", "exec", ns, "ping", "-n", "-q", "-c", str(count), "-i", interval, "-W", "1", dst]
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    out = p.communicate(timeout=count * float(interval) + 10)[0]
    return p.returncode, out


def ping_received(out):
    m = re.search(r"(\d+) packets transmitted, (\d+) received", out)
    return (int(m.group(1)), int(m.group(2))) if m else (0, 0)


class Checks:
    def __init__(self):
        self.failures = []

    def check(self, cond, what):
        print(("ok   " if cond else "FAIL ") + what, flush=True)
        if not cond:
            self.failures.append(what)

    def done(self, log_text):
        if self.failures:
            print(log_text[-20000:])
        print("%d checks failed" % len(self.failures))
        return 1 if self.failures else 0
