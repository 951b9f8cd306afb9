#!/usr/bin/python3
"""A vty client that never reads its output while traffic flows.

Usage: vty_stall.py LISPR WORKDIR  (run inside lispr's namespace by
tests/test_vty_stall.sh, with VTY_NS_HOST and VTY_NS_FAR naming the hosts'
namespaces).

Client N logs in, sets 'terminal length 0' and sends hundreds of
'show running-config' without ever reading (a small receive buffer, so
its window closes at once).  Meanwhile a ping runs from host H to host G
through lispr, and client B logs in and runs commands.  Checks: B logs in
and is answered promptly while N is stuck; N is disconnected with a
%VTY-4-STUCK log line once its output has not moved for the stuck timeout;
the ping lost under 1% over the whole time; lispr exits cleanly.  Every
wait is bounded and waits for a condition.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from vty_lib import Vty, Router, ns_ping, ping_received, Checks  # noqa: E402

LISPR, WORK = sys.argv[1], sys.argv[2]
NS_HOST = os.environ["VTY_NS_HOST"]
ROUTES = "".join("ip route 10.%d.%d.0 255.255.255.0 10.79.0.2\n" % (100 + i // 200, i % 200)
                 for i in range(400))
CONFIG = """!
hostname vtytest
enable secret 0 en#able
!
interface Loopback0
 ip address 10.78.0.1 255.255.255.255
interface vr0
 ip address 10.77.0.1 255.255.255.0
 no shutdown
interface vr1
 ip address 10.79.0.1 255.255.255.0
 no shutdown
!
""" + ROUTES + """!
line vty 0 4
 password pa#ss
 login
!
end
"""
STUCK_BOUND = 150       # the stuck timeout is 60 s; generous for a busy machine


def tx_queue(lport, rport):
    """lispr's send queue on 127.0.0.1:lport -> 127.0.0.1:rport, or -1."""
    want = ("0100007F:%04X" % lport, "0100007F:%04X" % rport)
    with open("/proc/net/tcp") as f:
        for line in f.readlines()[1:]:
            fields = line.split()
            if (fields[1], fields[2]) == want:
                return int(fields[4].split(":")[0], 16)
    return -1


def wait_backlog(lport, rport, timeout=30.0):
    end = time.time() + timeout
    while time.time() < end:
        if tx_queue(lport, rport) > 0:
            return True
        time.sleep(0.05)
    return False


def main():
    ck = Checks()
    r = Router(LISPR, WORK, CONFIG)
    port, proc = r.port, r.proc
    pinger = None
    try:
        ck.check(r.listening(), "lispr listens on 127.0.0.1:%d" % port)
        rc, out = ns_ping(NS_HOST, "10.79.0.2", 3)
        ck.check(rc == 0, "H -> G through lispr before the stall:\n" + out)
        pinger = subprocess.Popen(["ip", "netns", "exec", NS_HOST, "ping", "-n", "-q", "-i", "0.1",
                                   "-W", "2", "10.79.0.2"],
                                  stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)

        n = Vty(port, rcvbuf=4096, prompt_host="vtytest")
        ck.check(n.login(), "N: logged in")
        n.enable()
        n.cmd("terminal length 0")
        out = n.cmd("show running-config | count ip route")
        ck.check(out is not None and "= 400" in out, "N: the running-config has 400 routes: " + str(out))
        # Never read again: queue commands until the socket takes no more.
        n.s.setblocking(False)
        queued = 0
        t_stall = time.time()
        try:
            while queued < 2000:
                n.s.send(b"show running-config\r\n")
                queued += 1
        except BlockingIOError:
            pass
        print("N: %d commands queued" % queued, flush=True)
        # Stalled: lispr's side of N's connection has output the client
        # does not take (its send queue stays non-empty).
        ck.check(wait_backlog(port, n.s.getsockname()[1]), "N: lispr's output to N is backed up")

        b = Vty(port, prompt_host="vtytest")
        t0 = time.time()
        ok = b.login(timeout=10)
        ck.check(ok, "B: logged in while N does not read (%.2f s)" % (time.time() - t0))
        b.cmd("terminal length 0")
        b.enable()
        served = 0
        slow = 0.0
        for _ in range(10):
            t0 = time.time()
            out = b.cmd("show ip route | count via", timeout=10)
            slow = max(slow, time.time() - t0)
            served += out is not None and "= 400" in out
        ck.check(served == 10 and slow < 5, "B: 10 of 10 commands answered while N is stuck "
                 "(%d, slowest %.2f s)" % (served, slow))
        out = b.cmd("show users")
        ck.check(out is not None and re.search(r"^\s*\d+ vty 0 ", out, re.M) is not None,
                 "B: show users lists N on vty 0:\n" + str(out))

        # The stuck session goes once its output has not moved for 60 s.
        stuck = None
        end = time.time() + STUCK_BOUND
        while time.time() < end and proc.poll() is None:
            m = re.search(r"%VTY-4-STUCK: vty 0 from 127\.0\.0\.1: \d+ bytes of output not read for 60 seconds",
                          r.logtext())
            if m:
                stuck = time.time() - t_stall
                break
            time.sleep(0.5)
        ck.check(stuck is not None and stuck >= 55, "N: disconnected with %%VTY-4-STUCK after %s s" % (
            "%.1f" % stuck if stuck is not None else "never"))
        gone = False
        end = time.time() + 10
        while time.time() < end:
            out = b.cmd("show users")
            if out is not None and re.search(r"^\s*\d+ vty 0 ", out, re.M) is None:
                gone = True
                break
            time.sleep(0.2)
        ck.check(gone, "B: N's line is free again")
        n.close()

        pinger.send_signal(signal.SIGINT)
        out = pinger.communicate(timeout=20)[0]
        sent, got = ping_received(out)
        ck.check(sent >= 300 and (sent - got) * 100 < sent,
                 "H -> G lost under 1%% while N was stuck (%d/%d):\n%s" % (got, sent, out))
        out = b.cmd("show running-config | count ip route")
        ck.check(out is not None and "= 400" in out, "B: still served after N is gone")
        b.close()
    finally:
        if pinger is not None and pinger.poll() is None:
            pinger.kill()
            pinger.wait()
        text = r.stop(ck)
    return ck.done(text)


sys.exit(main())
