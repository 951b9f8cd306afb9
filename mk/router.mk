# Router core (issue 3): pcap/ ports, event loop, interfaces, ARP, IPv4, ICMP, FIB.
# Append its sources to src_liblispr_a_SOURCES.
