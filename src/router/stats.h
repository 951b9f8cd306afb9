/*
 * DOC: the router's traffic and drop counters
 *
 * Every reason the engine drops a packet has its own counter (the list
 * below, with the wording 'show ip traffic' prints), and the traffic
 * counters follow IOS 'show ip traffic' sections.  Counters only grow
 * until 'clear ip traffic' (router_clear_stats).
 */
#ifndef LISPR_STATS_H
#define LISPR_STATS_H

#include <stdint.h>

#define RT_DROP_REASONS(X) \
	X(RUNT,           "runt frame") \
	X(GIANT,          "giant frame") \
	X(OTHER_HOST,     "frame for another host") \
	X(ETHERTYPE,      "unknown ethertype") \
	X(IFACE_DOWN,     "interface down") \
	X(ARP_MALFORMED,  "malformed ARP") \
	X(ARP_FOREIGN,    "ARP for a foreign address") \
	X(ARP_SUBNET,     "ARP from a sender off the subnet") \
	X(ARP_QUEUE_FULL, "ARP queue full") \
	X(ARP_CACHE_FULL, "ARP cache full") \
	X(ARP_UNRESOLVED, "ARP unresolved") \
	X(IP_TRUNCATED,   "truncated IP header") \
	X(IP_VERSION,     "bad IP version") \
	X(IP_HDRLEN,      "bad IP header length") \
	X(IP_CHECKSUM,    "bad IP checksum") \
	X(IP_LENGTH,      "bad IP total length") \
	X(MARTIAN_SRC,    "martian source") \
	X(MARTIAN_DST,    "martian destination") \
	X(MULTICAST,      "multicast not routed") \
	X(BROADCAST,      "broadcast not forwarded") \
	X(TTL_EXPIRED,    "TTL expired") \
	X(NO_ROUTE,       "no route") \
	X(TOO_BIG,        "needs fragmentation") \
	X(FRAG_LOCAL,     "fragment for us (no reassembly)") \
	X(NO_PROTO,       "unknown protocol") \
	X(ICMP_MALFORMED, "malformed ICMP") \
	X(ICMP_CHECKSUM,  "bad ICMP checksum") \
	X(NO_SOURCE,      "no source address") \
	X(ACL,            "denied by access list") \
	X(OPTIONS,        "IP options denied (ip options drop)") \
	X(SOURCE_ROUTE,   "source-routed (no ip source-route)") \
	X(URPF,           "unicast RPF failed") \
	X(TX_ERROR,       "send error")

enum rt_drop {
#define RT_DROP_ENUM(id, text) RT_DROP_##id,
	RT_DROP_REASONS(RT_DROP_ENUM)
#undef RT_DROP_ENUM
	RT_DROP__COUNT
};

struct rt_stats {
	uint64_t drops[RT_DROP__COUNT];

	uint64_t rx_frames;
	uint64_t ip_rx;			/* IPv4 packets received */
	uint64_t ip_local;		/* delivered to the router itself */
	uint64_t ip_forwarded;
	uint64_t ip_originated;
	uint64_t ip_options;		/* received with options */
	uint64_t ip_fragments;		/* received fragments */
	uint64_t ip_fragmented;		/* packets split for a smaller MTU */
	uint64_t ip_frags_created;

	uint64_t arp_rx_request, arp_rx_reply;
	uint64_t arp_tx_request, arp_tx_reply, arp_tx_gratuitous;

	uint64_t icmp_rx_echo, icmp_rx_echo_reply, icmp_rx_unreach;
	uint64_t icmp_rx_time_exceeded, icmp_rx_other;
	uint64_t icmp_tx_echo, icmp_tx_echo_reply, icmp_tx_unreach;
	uint64_t icmp_tx_time_exceeded;
	uint64_t icmp_ratelimited;	/* errors not sent: rate limit */
	uint64_t icmp_suppressed;	/* errors not sent: RFC 1812 4.3.2.7 */
};

/* "runt frame", ... ; NULL for an out-of-range reason. */
const char *rt_drop_name(enum rt_drop d);

#endif
