/*
 * DOC: the IOS-style shell: modes, sessions, command dispatch, configuration
 *
 * One struct shell per process holds the configuration model and the router
 * lock; one struct shell_sess per session (console, telnet vty, a config file
 * being replayed, a test) owns a libcli instance whose command tree every
 * feature fills from its cli/cmd_<feature>.c.  Lines are matched by the
 * shell itself (shell_exec) with IOS rules: any unique prefix, exact words
 * win over longer ones, a command of a parent mode leaves the submode, and
 * errors carry the '^' marker.  libcli supplies the tree, the telnet line
 * editor, '?' and TAB; its own matcher is only a first pass (see vty.c).
 *
 * Each feature prints its running-config lines through one writer shared
 * by 'show running-config' and 'write memory'.
 */
#ifndef LISPR_SHELL_H
#define LISPR_SHELL_H

#include <libcli.h>
#include <pthread.h>
#include <regex.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "acl.h"
#include "clockzone.h"
#include "timerange.h"
#include "htab.h"
#include "secret.h"

enum shell_mode {
	SHELL_EXEC = MODE_EXEC,
	SHELL_CONFIG = MODE_CONFIG,
	SHELL_CONFIG_IF = 10,
	SHELL_CONFIG_LINE,
	SHELL_ROUTER_LISP,
	SHELL_LISP_SITE,
	/* the 'router lisp' sub-modes of IOS-XE and IOS 15.4 (cmd_lisp.c) */
	SHELL_LISP_LOCSET,	/* locator-set NAME */
	SHELL_LISP_SERV,	/* service ipv4 (all instances) */
	SHELL_LISP_INST,	/* instance-id N */
	SHELL_LISP_INST_SERV,	/* instance-id N / service ipv4 */
	SHELL_LISP_EIDTABLE,	/* eid-table default instance-id N (IOS 15.4) */
	SHELL_LISP_SERV6,	/* service ipv6 (all instances) */
	SHELL_LISP_INST_SERV6,	/* instance-id N / service ipv6 */
	/* VRFs (cmd_vrf.c) */
	SHELL_VRF_DEF,		/* vrf definition NAME */
	SHELL_VRF_AF,		/* vrf definition NAME / address-family ipv4|ipv6 */
	SHELL_IP_VRF,		/* ip vrf NAME (the classic form) */
	SHELL_ACL_STD,		/* ip access-list standard NAME (cmd_acl.c) */
	SHELL_ACL_EXT,		/* ip access-list extended NAME */
	SHELL_ACL_V6,		/* ipv6 access-list NAME */
	SHELL_OG_NET,		/* object-group network NAME (cmd_objgroup.c) */
	SHELL_OG_SVC,		/* object-group service NAME */
	SHELL_OG_NET6,		/* object-group v6-network NAME */
	SHELL_TIME_RANGE,	/* time-range NAME (cmd_trange.c) */
	SHELL_ARCHIVE,		/* archive (cmd_archive.c) */
	SHELL_ARCHIVE_LOG,	/* archive / log config */
};

/* Is the mode one of the 'router lisp' modes, or 'router lisp' itself? */
#define SHELL_MODE_IS_LISP(m) ((m) == SHELL_ROUTER_LISP || ((m) >= SHELL_LISP_SITE && (m) <= SHELL_LISP_INST_SERV6))

#define SHELL_PRIV_USER		PRIVILEGE_UNPRIVILEGED
#define SHELL_PRIV_ENABLE	PRIVILEGE_PRIVILEGED

#define SHELL_VTY_MAX		16
#define SHELL_LOGIN_RESPONSE	30	/* s: 'timeout login response' default, as IOS */
#define SHELL_DEFAULT_HOSTNAME	"lispr"
#define SHELL_VTY_PORT		2650
#define SHELL_NAME_MAX		64
#define SHELL_HIST_MAX		256	/* lines a history can hold ('history size') */
#define SHELL_HIST_DEFAULT	20
#define SHELL_TRANSPORT_TELNET	1u	/* 'transport input' words */
#define SHELL_TRANSPORT_SSH	2u
#define SHELL_TRANSPORT_ALL	4u
#define SHELL_TRANSPORT_NONE	8u
#define SHELL_KEY_MAX		128

struct vty_line_conf {
	bool present;
	bool login;
	bool login_local;		/* 'login local': the local users */
	/* 'transport input' as written (SHELL_TRANSPORT_*), 0: not written
	 * (telnet, the default); shell_line_telnet() says what it allows */
	unsigned transport;
	unsigned timeout_min, timeout_sec;	/* exec-timeout, default 10 0 */
	unsigned absolute_min;			/* 'absolute-timeout', 0: none */
	unsigned login_response;	/* timeout login response, s; 0: the default */
	char password[SHELL_KEY_MAX];
	char password_conf[SECRET_CONF_MAX];	/* "7 HEX" as configured, "" clear */
	/* The terminal settings a session on the line starts with, each its
	 * value + 1, 0 for the default: 'history size' (20), 'length' (24 on
	 * a vty, 0 on the console), 'width' (80); 'no history' turns the
	 * history off. */
	unsigned history, length, width;
	bool history_off;
	bool exec_timestamp;		/* 'exec prompt timestamp' */
	unsigned escape;		/* 'escape-character N' + 1, 0: the default (Ctrl-^) */
	/* 'privilege level N' + 1 (0: level 1): the level a session on the
	 * line starts at, unless a local user's own ('login local'). */
	unsigned privilege;
	/* 'logging synchronous [level L | level all] [limit N]': level + 1
	 * (0: 2, the default; 9: all), limit + 1 (0: 20, the default). */
	bool sync;
	unsigned sync_level, sync_limit;
	/* 'access-class LIST in [vrf-also]': "" none */
	char access_class[32];
	char access_class6[32];		/* 'ipv6 access-class LIST in' */
	bool access_vrf_also;
};

/* 'logging synchronous' as a terminal applies it: log lines of severity
 * up to 'async' are written at once, the others held for the prompt
 * (SHELL_SYNC_OFF: none held; SHELL_SYNC_ALL: all).  shell_line_sync()
 * reads it from a line's settings. */
#define SHELL_SYNC_OFF		(-2)
#define SHELL_SYNC_ALL		(-1)
#define SHELL_SYNC_LIMIT_MAX	65536	/* lines held at most, whatever 'limit' */
int shell_line_sync(const struct vty_line_conf *l, unsigned *limit);
static inline bool shell_sync_holds(int async, int level)
{
	return async != SHELL_SYNC_OFF && level > async;
}

/* Log lines held for a terminal until it can show them: a batch
 * session's monitored lines, and those of a 'logging synchronous' line
 * (a vty session's, the console's).  The log's sinks put (with the log
 * lock held: never blocks), the terminal's own thread takes. */
struct shell_logq {
	pthread_mutex_t m;
	char **v;
	size_t n, cap;
	unsigned long lost;	/* lines that found the queue full */
};
void shell_logq_init(struct shell_logq *q);
void shell_logq_destroy(struct shell_logq *q);
bool shell_logq_put(struct shell_logq *q, const char *line, size_t limit);
/* The lines held, each after eol, then IOS's %SYS-3-MSGLOST line for
 * those lost; NULL when none (the caller frees). */
char *shell_logq_text(struct shell_logq *q, const char *eol);

/* Interface settings the router does not keep (its description). */
struct if_conf {
	struct hnode hn;			/* shell_conf.ifs_ht, by name */
	struct if_conf *next, *prev;		/* shell_conf.ifs */
	char name[SHELL_NAME_MAX];
	char description[SHELL_KEY_MAX];
};

/* A local user ('username', cli/cmd_user.c). */
#define SHELL_USERS_MAX		64
#define SHELL_HOSTS_MAX		10000	/* 'ip host' names */
#define SHELL_HOST_NAME_LEN	127	/* characters of one */
#define SHELL_ALIASES_MAX	1024	/* 'alias MODE NAME COMMAND' */
#define SHELL_ALIAS_NAME	32
#define SHELL_ALIAS_TEXT	256
struct shell_alias {
	int mode;			/* SHELL_EXEC, SHELL_CONFIG, SHELL_CONFIG_IF */
	char name[SHELL_ALIAS_NAME];
	char text[SHELL_ALIAS_TEXT];
};
#define SHELL_USER_NAME_MAX	65		/* IOS: 64 characters */
struct shell_user {
	char name[SHELL_USER_NAME_MAX];
	unsigned priv;				/* 0-15; 1 unless given */
	bool priv_set;				/* 'privilege N' typed: printed */
	bool nopassword;			/* in on the name alone */
	bool nologin;				/* 'username NAME privilege N' only */
	char secret[SHELL_KEY_MAX];		/* a hash, or "" */
	char password[SECRET_PLAIN_MAX];	/* when no secret */
	char password_conf[SECRET_CONF_MAX];	/* "7 HEX" as configured */
};

/* 'banner motd | login | exec' (cli/cmd_banner.c). */
enum { SHELL_BANNER_MOTD, SHELL_BANNER_LOGIN, SHELL_BANNER_EXEC, SHELL_BANNERS };
#define SHELL_BANNER_MAX	4096	/* characters of text, with the NUL */
#define SHELL_BANNER_LINES	200	/* lines typed after the first */

/* The configuration model; read and written under shell->lock. */
struct shell_conf {
	char hostname[SHELL_NAME_MAX];
	char enable_secret[SHELL_KEY_MAX];	/* "$1$...", "$8$..." or "$9$...", "" if none */
	char enable_password[SECRET_PLAIN_MAX];	/* used when there is no secret */
	char enable_password_conf[SECRET_CONF_MAX];	/* "7 HEX" as configured */
	bool password_encryption;		/* service password-encryption */
	bool tcp_keepalives_in;			/* service tcp-keepalives-in (vty.c) */
	struct clock_zone clock;		/* clock timezone, summer-time (cmd_clock.c) */
	struct vty_line_conf vty[SHELL_VTY_MAX];
	struct vty_line_conf con;		/* line con 0 */
	char banner[SHELL_BANNERS][SHELL_BANNER_MAX];	/* "" when none */
	struct shell_user users[SHELL_USERS_MAX];	/* in the order configured */
	unsigned nusers;
	/* Per interface (its description), found by name in the hash: the
	 * running-config looks each interface up (a linear list made it and
	 * a paste of descriptions quadratic). */
	struct if_conf *ifs;
	struct htab ifs_ht;
	/* The static host table (cli/cmd_host.c): by name, by address (the
	 * reverse lookup), and in the order first configured. */
	struct shell_host *hosts, *hosts_tail;
	char domain[SHELL_HOST_NAME_LEN + 1];	/* 'ip domain name', "" none */
	bool no_domain_lookup;			/* 'no ip domain lookup' written */
	struct htab hosts_ht, hosts_addr_ht;
	unsigned nhosts;
	unsigned long hosts_seq;
	struct shell_alias *aliases;	/* cli/cmd_alias.c, in the order configured */
	unsigned naliases, aliases_cap;
	/* Access lists (cli/cmd_acl.c): numbered IPv4 ones by number, then
	 * named IPv4 ones by name, then IPv6 ones by name. */
	struct shell_acl *acls;
	unsigned nacls, naces;
	uint32_t acl_log_threshold;	/* 'ip access-list log-update threshold', 0 none */
	uint32_t acl_log_interval;	/* 'ip access-list logging interval' ms, 0 none */
	unsigned pw_min_len;		/* 'security passwords min-length', 0 none */
	char quiet_acl[ACL_NAME_MAX];	/* 'login quiet-mode access-class', "" none */
	bool log_userinfo;		/* 'logging userinfo' */
	/* Network object groups (cli/cmd_objgroup.c), by name. */
	struct shell_og *ogs;
	unsigned nogs, og_items;
	/* Time ranges (cli/cmd_trange.c), by name. */
	struct shell_trange *tranges;
	unsigned ntranges;
	/* 'archive' / 'log config' (cli/cmd_archive.c). */
	struct shell_conf_cfglog {
		bool enable, notify, hidekeys;
		unsigned size;		/* 'logging size', 0: the default */
	} cfglog;
};

/* A time range as configured: what the router applies (src/lib/timerange.h). */
#define SHELL_TRANGES_MAX	1024
struct shell_trange {
	struct shell_trange *next;
	char name[32];
	struct time_range t;
};
void shell_tranges_clear(struct shell_conf *c);
/* 'security passwords min-length' (cli/cmd_login.c): CLI_OK when the
 * password at argv[i] ('[0|7] TEXT', or TEXT), given in clear, is long
 * enough, or given encrypted, or read from a configuration file; else
 * IOS's error, printed. */
int shell_password_ok(struct cli_def *cli, char **argv, int argc, int i);
/* 'logging userinfo' (cli/cmd_logging.c): session s's level is now priv
 * (enable, disable): %SYS-5-PRIV_AUTH_PASS logged when it is on. */
struct shell_sess;
void shell_priv_logged(struct shell_sess *s, int priv);
/* 'algorithm-type {md5 | sha256 | scrypt}' at argv[i] (the word after
 * 'algorithm-type'): 5, 8 or 9, or -1 with the error printed
 * (cli/cmd_system.c). */
int shell_algorithm_type(struct cli_def *cli, char **argv, int argc, int i);
/* IOS's rule for a time range's name: a letter first, no quote, shorter
 * than 32. */
bool shell_trange_name_ok(const char *name);
/* Is range name in effect now by the configuration alone (1), not (0),
 * none (-1)?  (The router's view, when there is one, is
 * router_time_range_state().) */
int shell_trange_active(struct shell_conf *c, const char *name);
/* Do IPv4 (*v4) or IPv6 (*v6) access list entries name range name
 * (cli/cmd_acl.c)? */
void shell_acl_uses_trange(struct shell_conf *c, const char *name, bool *v4, bool *v6);

/* An object group: a network one's hosts, networks, ranges and other
 * network groups; a service one's protocols and ports and other service
 * groups. */
#define SHELL_OG_NAME		32
#define SHELL_OGS_MAX		1024
#define SHELL_OG_ITEMS_MAX	16384	/* items of all groups together */
#define SHELL_OG_DEPTH		8	/* groups within groups */
enum shell_og_kind { OGI_HOST, OGI_NET, OGI_RANGE, OGI_GROUP, OGI_SVC, OGI_PFX6 };
struct shell_og_item {
	enum shell_og_kind kind;
	uint32_t a, b;			/* host a; net a mask b; range a..b (host order) */
	uint8_t a6[16], plen6;		/* an IPv6 prefix ('host X:X::X': 128) */
	char group[SHELL_OG_NAME];	/* group-object */
	struct acl_rule svc;		/* a service: proto (-1 any), ports, ICMP */
	bool tcpudp;			/* 'tcp-udp': svc (TCP) and the same for UDP */
};
struct shell_og {
	struct shell_og *next;
	bool written;			/* og_write()'s mark */
	bool service;			/* 'object-group service' */
	bool v6;			/* 'object-group v6-network' */
	char name[SHELL_OG_NAME];
	char *description;
	struct shell_og_item *v;
	unsigned n, cap;
};
void shell_ogs_clear(struct shell_conf *c);
/* Is there a group name of that kind (service: a service group; else an
 * IPv4 network one)?  shell_og_exists6(): an IPv6 network one. */
bool shell_og_exists(struct shell_conf *c, const char *name, bool service);
bool shell_og_exists6(struct shell_conf *c, const char *name);
/* Every prefix of IPv6 network group name; as shell_og_expand(). */
int shell_og_expand6(struct shell_conf *c, const char *name, int (*fn)(void *arg, const uint8_t *a6, unsigned plen),
		     void *arg);
/* Every service of service group name, as a rule whose proto, ports and
 * ICMP type say it; as shell_og_expand() otherwise. */
int shell_og_expand_svc(struct shell_conf *c, const char *name, int (*fn)(void *arg, const struct acl_rule *svc),
			void *arg);
/* A service group's item from argv[i]: word the protocol ('ip', 'tcp',
 * 'tcp-udp', a name or 0-255), then for TCP and UDP '[source PORTS]
 * [PORTS]', for ICMP 'TYPE [CODE]' or a name (cmd_acl.c); and its text. */
int shell_acl_svc_parse(struct cli_def *cli, const char *word, char **argv, int argc, int i, struct acl_rule *r,
			bool *tcpudp);
void shell_acl_svc_text(const struct acl_rule *r, bool tcpudp, char *buf, size_t len);
/* Every address block of group name, as (addr, wildcard) in host order;
 * fn's non-zero return stops the walk and is returned; -3 when groups
 * nest deeper than SHELL_OG_DEPTH. */
int shell_og_expand(struct shell_conf *c, const char *name, int (*fn)(void *arg, uint32_t addr, uint32_t wild),
		    void *arg);
/* Does an access list entry name group name (cmd_acl.c)? */
bool shell_acl_uses_og(struct shell_conf *c, const char *name);
/* Every list to the router again (an object group changed); -1 when one
 * could not be (out of memory, or too large). */
struct shell;
int shell_acls_push_all(struct shell *sh);

/* An access list and its entries, in sequence order. */
#define SHELL_ACL_NAME		32
#define SHELL_ACLS_MAX		1024
#define SHELL_ACES_MAX		16384	/* entries of all lists together */
struct shell_ace {
	struct acl_rule r;		/* the match, as the router takes it
					 * (src/router/acl.h); r.seq its number */
	char *remark;			/* a remark line: no match, no counter */
	/* 'object-group NAME' for the source, the destination ("" none):
	 * the router gets one rule per address block of each. */
	char src_og[SHELL_ACL_NAME], dst_og[SHELL_ACL_NAME];
	char svc_og[SHELL_ACL_NAME];	/* a service group for the protocol */
};
struct shell_acl {
	struct shell_acl *next;
	char name[SHELL_ACL_NAME];
	unsigned number;		/* 1-199, 1300-2699; 0: a named list */
	bool extended;			/* protocol, destination, ports */
	bool v6;			/* 'ipv6 access-list' (extended too) */
	struct shell_ace *v;
	unsigned n, cap;
};
void shell_acls_clear(struct shell_conf *c);

enum shell_kind { SHELL_CONSOLE, SHELL_VTY, SHELL_FILE, SHELL_BATCH };

struct shell_sess;
struct router;
struct lisp;
struct evtimer;
struct addr;

/* Login protection (cli/cmd_login.c): its settings and its state, under
 * its own mutex so that a vty login reads them without the router lock. */
struct shell_login {
	pthread_mutex_t mtx;
	unsigned block_for, attempts, within;	/* 'login block-for', 0: off */
	unsigned delay;				/* 'login delay', 0: the default */
	struct timespec window_start;		/* the current watch window */
	unsigned window_failures;
	bool window_open;
	bool quiet;				/* quiet mode: logins refused */
	struct timespec quiet_until;
	unsigned long total_failures;
	/* 'login on-success log [every N]', 'login on-failure log [every
	 * N]': N, 0 when not configured (successes: only local users' are
	 * logged; failures: each is); the counts they step through. */
	unsigned success_every, failure_every;
	unsigned long successes, failures_seen;
	unsigned long refused_quiet;		/* connections closed in quiet mode */
	unsigned long refused_busy;		/* connections with every vty line busy */
};

struct shell {
	/* The router lock: every command runs with it held; the event loop
	 * takes it around its own changes to shared state.  By default the
	 * shell's own mutex; shell_set_lock() hands it to the event loop's. */
	pthread_mutex_t lock;
	void (*lock_fn)(void *arg);
	void (*unlock_fn)(void *arg);
	void *lock_arg;
	struct shell_conf conf;
	struct shell_cfglog *cfglog;	/* the configuration change log (cmd_archive.c) */
	/* The router the commands drive (interfaces, routes, ARP, ping);
	 * owned by the caller, NULL in tests of the shell alone. */
	struct router *router;
	/* The LISP engine on that router: the one LISP configuration model.
	 * Created by the first LISP command (shell_lisp()) and then owned,
	 * or handed in with shell_set_lisp(). */
	struct lisp *lisp;
	bool lisp_owned;
	/* Manual clock only: moves the world one step while a command waits
	 * for the network (lig); NULL: the command polls its own router. */
	void (*manual_step)(void *arg);
	void *manual_arg;
	char *config_path;	/* -f FILE: replayed at boot, 'write memory' target */
	time_t started;
	/* 'reload': asks the program to start again (lispr executes itself
	 * once the sessions and ports are closed); called with the router
	 * lock held, must not wait for it.  NULL where lispr cannot start
	 * again (offline, a batch): the command is refused. */
	void (*reload_fn)(void *arg);
	void *reload_arg;
	/* Someone configured (left configuration mode, merged the
	 * startup-config) since the startup-config was last written: what
	 * 'reload' asks Save? about, as IOS does. */
	atomic_bool conf_modified;
	/* 'reload in': the router loop's timer that reloads, armed while a
	 * reload is scheduled; when (loop clock, wall clock), by whom, why.
	 * Under the router lock. */
	struct evtimer *reload_timer;
	uint64_t reload_due;
	time_t reload_wall;
	char reload_by[96];
	char reload_reason[128];

	struct shell_login login;
	/* Guards conf.aliases: a line is checked for an alias before the
	 * router lock is taken; changes hold both. */
	pthread_mutex_t alias_mtx;
	pthread_mutex_t sess_mtx;	/* guards the session list */
	/* Sessions started on each line since boot ('show line' Uses), under
	 * sess_mtx: [0] the console, [1 + n] vty n. */
	unsigned long line_uses[1 + SHELL_VTY_MAX];
	struct shell_sess *sessions;
	unsigned next_id;
	/* line con 0's 'logging synchronous', process-wide as the console
	 * is: the console's log lines held for its prompt (console.c). */
	atomic_int con_sync_async;
	atomic_uint con_sync_limit;
	struct shell_logq con_held;
};

typedef int (*shell_fn)(struct cli_def *cli, const char *cmd, char **argv, int argc);
typedef void (*shell_out_fn)(void *arg, const char *line);

enum shell_filter_kind { FILTER_NONE, FILTER_INCLUDE, FILTER_EXCLUDE, FILTER_BEGIN, FILTER_SECTION, FILTER_COUNT };

struct shell_bind;

struct shell_sess {
	struct shell *sh;
	struct cli_def *cli;
	enum shell_kind kind;
	unsigned id;
	shell_out_fn out;
	void *out_arg;

	/* vty: what the session reads the client's keys from (libcli's end
	 * of vty.c's relay); -1 elsewhere */
	int fd;
	int vty_line;
	char peer[64];
	char user[SHELL_USER_NAME_MAX];	/* logged in as ('login local'), or "" */
	unsigned login_priv;		/* that user's privilege level, 1 otherwise */
	time_t last_active;
	int monitor;		/* log sink id, -1 when 'terminal no monitor' */
	/* A batch session's monitored log lines, written by its own thread
	 * between commands (the sink must not write: it runs with the log
	 * lock held, and standard output may not be read); bounded.  A vty
	 * session on a 'logging synchronous' line holds its lines here too,
	 * until the prompt (sync_async, sync_limit: its line's, for the sink). */
	struct shell_logq monq;
	atomic_int sync_async;
	atomic_uint sync_limit;
	unsigned term_length;	/* 0: no paging */
	unsigned term_width;	/* 'terminal width', 80 by default: shown by
				 * 'show terminal' (lispr wraps no line) */
	unsigned paged;		/* lines since the last --More-- */
	bool quit;
	/* Waits for a key at a --More-- prompt; -1 when none can be read. */
	int (*getkey)(struct shell_sess *s);
	unsigned idle_secs;	/* the line's exec-timeout; 0: never */
	/* A command's output held (for paging, or until the lock is let
	 * go): the lines one after another in one buffer, each ended by a
	 * NUL, and where each starts.  One buffer, not one allocation per
	 * line: freeing 262,144 lines one by one left glibc that many small
	 * chunks to merge at the next large allocation, 15-20 ms that fell
	 * under the router lock. */
	char *held;
	size_t heldlen, heldcap;
	size_t *pending;
	size_t npending, cappending;
	bool holding;
	bool last_blank;		/* the last line printed was empty */
	/* Writes text as is, without a line end (ping marks as they come);
	 * NULL when the session is not interactive. */
	void (*raw)(struct shell_sess *s, const char *text);
	/* Output buffered per session (vty.c): waits, with the router lock
	 * released, until the session's buffered output is below its bound
	 * (all: fully written); NULL when output is written at once. */
	void (*drain)(struct shell_sess *s, bool all);
	/* Called as libcli hands over to lispr (a command, libcli's own help
	 * or error): whatever libcli wrote before is in the output first
	 * (vty.c's relay); NULL when libcli writes nothing itself. */
	void (*enter)(struct shell_sess *s);
	/* Reads a secret without echo ('enable'); -1 when none can be read,
	 * -2 when it did not come in time ('timeout login response', said). */
	int (*getpass)(struct shell_sess *s, const char *prompt, char *buf, size_t len);
	/* Reads one more line of text for the command being run (a banner's
	 * lines, a [confirm] answer), shown as typed, after writing prompt as
	 * it is when not NULL (a prompt that wants a line of its own ends
	 * with '\n'; the answer is then typed on the prompt's line, as at
	 * IOS's [confirm]): 0, or -1 when none can be read.  NULL when the
	 * session has no more lines to give (the command must end on its
	 * line).  gettext_arg is the hook's own. */
	int (*gettext)(struct shell_sess *s, const char *prompt, char *buf, size_t len);
	void *gettext_arg;
	/* Ends the session from outside ('clear line'): its connection shut
	 * down, so that its own thread sees the end (vty.c; called with
	 * sess_mtx held, while the session is listed).  NULL: not possible. */
	void (*hangup)(struct shell_sess *s);

	/* the line being executed */
	const char *line;
	int col_base;		/* column of line[0] on the user's screen */
	int argcol[CLI_MAX_LINE_WORDS];
	int argend;
	int depth;
	bool aliasing;		/* running an alias's command: no alias again */

	enum shell_filter_kind filter;
	regex_t filter_re;
	bool filter_on;		/* begin: started; section: inside a match */
	unsigned long filter_count;	/* count: lines that matched */
	bool json;		/* '| json': the show command prints one JSON object */

	/* submode context */
	char ifname[SHELL_NAME_MAX];
	unsigned line_first, line_last;
	char acl_edit[SHELL_ACL_NAME];	/* the list config-std-nacl edits */
	char og_edit[SHELL_OG_NAME];	/* the group config-network-group edits */
	char tr_edit[32];		/* the range config-time-range edits */
	char site[SHELL_NAME_MAX];
	char locset[SHELL_NAME_MAX];	/* locator-set being edited */
	uint32_t lisp_iid;		/* instance-id being edited */
	char vrf[36];			/* VRF being edited (cmd_vrf.c) */
	int vrf_af;			/* its address-family: 0 ipv4, 1 ipv6 */

	/* Command histories: [0] EXEC, [1] the configuration modes (IOS
	 * keeps them apart); oldest first. */
	char *hist[2][SHELL_HIST_MAX];
	unsigned nhist[2];
	unsigned hist_size;		/* 'terminal history size', the line's first */
	bool hist_off;			/* 'terminal no history' */
	/* The line's settings, which 'terminal no ...' goes back to. */
	unsigned line_hist, line_length, line_width;
	bool exec_timestamp;		/* 'terminal exec prompt timestamp' */
	int escape_char;		/* its line's 'escape-character', -1: the default */
	int typed_mode;		/* the mode the running line was typed in */
	time_t started;

	/* Submodes entered so far (shell_set_mode into a child mode): how a
	 * replay tells that a line opened a block. */
	unsigned descents;
	/* Config file replay (cli/replay.c), NULL in other sessions. */
	struct replay *replay;

	struct shell_bind *binds;
	size_t nbinds, capbinds;
	/* binds by command: open addressing, index + 1 (0 free), 2 * capbinds
	 * slots, so that building a session's tree is not quadratic. */
	uint32_t *bind_slots;
	struct shell_sess *next;
};

/* A feature: its commands (registered into each session) and its part of
 * the running-config, written in the order of the feature table. */
struct shell_feature {
	const char *name;
	void (*cmds)(struct cli_def *cli);
	void (*write)(struct shell *sh, FILE *out);
	/* 'service password-encryption' turned on: store the feature's clear
	 * keys and passwords as type 7 (secret_key_encrypt()). */
	void (*encrypt)(struct shell *sh);
	/* The feature's lines inside the block of interface IF (' ip lisp
	 * source-locator ...'), written by the interface feature's block. */
	void (*write_if)(struct shell *sh, const char *ifname, FILE *out);
	/* Interface IF is reset ('default interface') or deleted: forget the
	 * feature's settings on it. */
	void (*default_if)(struct shell *sh, const char *ifname);
};

struct shell *shell_new(void);
void shell_free(struct shell *sh);
/* Use another lock as the router lock (e.g. the event loop's ev_lock);
 * call before any session starts. */
void shell_set_lock(struct shell *sh, void (*lock)(void *), void (*unlock)(void *), void *arg);
void shell_lock(struct shell *sh);
void shell_unlock(struct shell *sh);
/* Hand the shell a router and make its lock the router lock. */
void shell_set_router(struct shell *sh, struct router *r);
/* The session's router, or NULL with "% No router" printed. */
struct router *shell_router(struct cli_def *cli);
/* An optional 'vrf NAME' at argv[0] (cmd_vrf.c): the VRF's id with *o = 2,
 * or VRF_DEFAULT with *o = 0 when the arguments do not start with it; -1
 * with the error printed ("% VRF NAME does not exist", incomplete). */
int shell_vrf_arg(struct cli_def *cli, struct router *r, char **argv, int argc, int *o);
/* The same, the error naming the table as noun does ("IP routing table"
 * for 'show ip route vrf NAME'). */
int shell_vrf_arg_as(struct cli_def *cli, struct router *r, char **argv, int argc, int *o,
		     const char *noun);
/* The router's LISP engine, created on first use; NULL with a message
 * printed when there is no router. */
struct lisp *shell_lisp(struct cli_def *cli);
/* Use an engine created elsewhere (tests); the shell does not free it. */
void shell_set_lisp(struct shell *sh, struct lisp *l);
/* Page out what a running command has held so far ('terminal length'),
 * for a command about to wait with the lock released; a vty session also
 * waits there until its output buffer is below its bound.  A command that
 * prints a long table in slices calls it between slices, lock released. */
void shell_flush(struct shell_sess *s);
/* IOS interface names: 'lo0', 'loop 0' -> Loopback0, 'nu0' -> Null0,
 * an existing interface in any case -> its name; others are literal.
 * words is 1 or 2 ('Loopback 0'); returns false for an invalid name. */
bool shell_ifname(struct router *r, char **words, int nwords, char *out, size_t len);
/* An interface a route or a locator may name (shell_ifname's out): one
 * that exists, Null0, or any loopback, since 'no interface LoopbackN'
 * keeps what names it and the running-config must load back. */
bool shell_ifname_usable(struct router *r, const char *name);
struct if_conf *shell_if_conf(struct shell_conf *c, const char *name, bool create);
void shell_if_conf_del(struct shell_conf *c, const char *name);

struct shell_sess *shell_sess_new(struct shell *sh, enum shell_kind kind, shell_out_fn out, void *arg);
void shell_sess_free(struct shell_sess *s);
struct shell_sess *shell_sess_of(struct cli_def *cli);

/* Run one line; returns CLI_OK, CLI_ERROR or CLI_QUIT (session ends).
 * An interactive session records it in the history of the mode it was
 * typed in. */
int shell_exec(struct shell_sess *s, const char *line);
/* Run one EXEC line from inside a command, as 'do' does ('show
 * tech-support'): under the outer command's lock and filter, the mode
 * and the line being run put back after. */
int shell_exec_nested(struct shell_sess *s, const char *line);
/* Is the session in a configuration mode? */
bool shell_in_config(const struct shell_sess *s);
/* The i-th oldest line of the EXEC (config false) or configuration
 * history; NULL past the end. */
const char *shell_history(const struct shell_sess *s, bool config, unsigned i);
/* Ctrl-C, as IOS: from a configuration mode back to privileged EXEC;
 * true when the mode changed. */
bool shell_interrupt(struct shell_sess *s);
/* Print '?' help for a partial line (used by the console and vty). */
void shell_help(struct shell_sess *s, const char *line);
/* Candidates for the word being typed at the end of line; free with
 * shell_free_words(). */
char **shell_complete(struct shell_sess *s, const char *line, int *n);
void shell_free_words(char **w, int n);
const char *shell_prompt(struct shell_sess *s, char *buf, size_t len);
void shell_set_mode(struct cli_def *cli, int mode);

/* Commands that wait on the event loop (ping, lig) with the router lock
 * released: has s's vty client hung up (false for other sessions), and a
 * condition wait of at most ms milliseconds. */
bool shell_hung_up(struct shell_sess *s);
/* Has s's vty client typed the escape sequence (Ctrl-^, or Ctrl-C) while
 * a command waits?  It is consumed; false for other sessions. */
bool shell_abort_key(struct shell_sess *s);
void shell_cond_wait_ms(pthread_cond_t *cv, pthread_mutex_t *m, unsigned ms);
int shell_mode_parent(int mode);
void shell_set_priv(struct cli_def *cli, int priv);
/* Bring the session's prompt in step with the configuration (lock held). */
void shell_sync(struct shell_sess *s);
/* 'terminal monitor': deliver log lines to this session. */
int shell_monitor(struct shell_sess *s, bool on);

/* Registration helpers for features. */
struct cli_command *shell_cmd(struct cli_def *cli, struct cli_command *parent, const char *word,
			      shell_fn fn, int priv, int mode, const char *help);
/* Find or create a keyword without a handler of its own ("show", "no"). */
struct cli_command *shell_node(struct cli_def *cli, struct cli_command *parent, const char *word,
			       int priv, int mode, const char *help);
/* The command can print JSON: '| json' is accepted on its line. */
void shell_json_ok(struct cli_def *cli, struct cli_command *c);
/* Command c takes the rest of its line as text ('banner'): a '|' word in
 * it is part of the text, not an output filter. */
void shell_text_ok(struct cli_def *cli, struct cli_command *c);
/* Is the running command asked for JSON ('| json')? */
bool shell_json(struct cli_def *cli);
/* One line "WORD<TAB>help" per argument form, shown by '?'. */
void shell_arghelp(struct cli_def *cli, struct cli_command *c, const char *help);
/* The arguments' grammar, IOS reference style (cli/syntax.h): with it '?'
 * lists only the words that may follow what was typed, with the help of
 * shell_arghelp() (call that first, or after: both are kept). */
void shell_syntax(struct cli_def *cli, struct cli_command *c, const char *spec);
/* Compile every grammar registered in s: the number that do not parse
 * (the first one named in err). */
int shell_syntax_check(struct shell_sess *s, char *err, size_t errlen);
/* Commands registered in s with a handler but no grammar: their number,
 * their names one a line in names (as many as fit). */
int shell_syntax_missing(struct shell_sess *s, char *names, size_t len);

/* Error replies in IOS wording; argi is the index in the callback's argv
 * (argc means "at the end of the line"). */
int shell_err_invalid(struct cli_def *cli, int argi);
int shell_err_incomplete(struct cli_def *cli);
/* IOS's '% Ambiguous command:  "..."', quoting the line up to argv[argi]. */
int shell_err_ambiguous(struct cli_def *cli, int argi);
int shell_err(struct cli_def *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The keyword of words[0..n-1] that argv[argi] abbreviates (any case):
 * its index; -1 when none does, -2 when several do (and argv[argi] is not
 * one of them whole).  Nothing is printed. */
int shell_kw_pick(char **argv, int argi, const char *const *words, int n);
/* Parse an unsigned argument in [lo, hi]; -1 (and an error printed) if not. */
long shell_arg_uint(struct cli_def *cli, char **argv, int argc, int argi, long lo, long hi);

/* Configuration file replay (cli/replay.c).  shell_load() replays a file in
 * config mode, indentation-aware, and reports each rejected line as
 * "FILE:LINE: % ..." to errs (a rejected line that opens a block is
 * reported once with the block; consecutive lines rejected alike once); it
 * returns the number of rejected lines, or -1 if the file cannot be read. */
int shell_load(struct shell *sh, const char *path, FILE *errs);
int shell_load_stream(struct shell *sh, FILE *in, const char *name, FILE *errs);
/* 'ip route'/'ipv6 route' typed with one of the router's own addresses
 * as next hop: IOS's "%Invalid next hop address (it's this router)" and
 * true.  In a replay the route is taken (not installed until the address
 * moves): a running-config that has it must load back whole. */
bool shell_refuse_own_gw(struct cli_def *cli, struct router *r, unsigned vrf, const struct addr *gw);
/* What follows a static route's next hop ('ip route', 'ipv6 route'):
 * '[DISTANCE] [tag N] [name WORD]', the options in any order after the
 * distance (cmd_route.c).  -1 with the IOS error printed. */
struct route_opts {
	long distance;			/* 1 when not given */
	uint32_t tag;			/* 0: none */
	char name[49];			/* FIB_ROUTE_NAME_MAX; "": none */
};
int shell_route_opts(struct cli_def *cli, char **argv, int argc, int i, long maxdist,
		     struct route_opts *o);
/* The same words for the running-config line (a leading space each). */
void shell_route_opts_write(FILE *f, unsigned distance, uint32_t tag, const char *name);
/* In a replay: is this the first stanza of interface NAME in the file?
 * (The startup-config brings up an interface whose stanza has no
 * 'shutdown'.)  False outside a replay. */
bool shell_replay_first_stanza(struct shell_sess *s, const char *ifname);
/* Is mode a strict descendant of anc (SHELL_LISP_SITE of SHELL_CONFIG)? */
bool shell_mode_below(int mode, int anc);
/* The configuration text from the first '!' to 'end' (malloc'ed). */
char *shell_config_text(struct shell *sh);
/*
 * The same, called with the router lock held, which it lets go between
 * slices of the longest parts (thousands of static map-cache entries
 * held it 88 ms): 'show running-config' and 'write memory'.  A change
 * another session makes meanwhile may show in part, as on IOS.
 */
char *shell_config_text_sliced(struct shell *sh);
/*
 * For a writer: the part of the configuration text at this point of f is
 * written later, in slices: fill(sh, arg, out) is called with the router
 * lock held, writes a slice into out and returns 1 while more remains;
 * the lock is let go before each slice.  arg (argsize bytes) is copied.
 * False when the text is not a sliced one: the writer writes the part
 * itself.
 */
bool shell_config_defer(FILE *f, int (*fill)(struct shell *sh, void *arg, FILE *out),
			const void *arg, size_t argsize);
/* What a running-config line writer of static routes gets (cmd_route.c). */
struct route_wr {
	FILE *f;
	struct router *r;
	const char *vrf;		/* the VRF's name; NULL: the default one */
};
struct fib_static;
struct fib6_static;
/* VRF vrf's static routes of one family (line4 or line6 writes each, its
 * arg a struct route_wr), at once or, when there are thousands, in
 * slices (shell_config_defer()). */
void shell_write_routes(struct shell *sh, FILE *f, unsigned vrf, const char *name,
			int (*line4)(const struct fib_static *s, void *arg),
			int (*line6)(const struct fib6_static *s, void *arg));
/* Every feature's lines inside interface IF's block; every feature's
 * settings on IF back to the defaults. */
void shell_write_if(struct shell *sh, const char *ifname, FILE *out);
void shell_default_if(struct shell *sh, const char *ifname);
/* 'interface IF' with its lines, as the running-config has it (malloc'ed);
 * NULL when there is no such interface. */
char *shell_interface_text(struct shell *sh, const char *ifname);
/* Atomic save: temp file, fsync, rename, fsync of the directory.  Called
 * with the router lock held; releases it while writing to the disk. */
int shell_save(struct shell *sh, const char *path, char *err, size_t errlen);
/* 'write erase': the file at path emptied the same way (atomically, the
 * router lock let go); lispr -f PATH then starts from defaults. */
int shell_erase(struct shell *sh, const char *path, char *err, size_t errlen);
/* Remove the stale temporary files a killed save left beside path (at
 * start-up; shell_save() does it too): the number removed, -1 if the
 * directory cannot be read. */
int shell_config_clean(const char *path);

/* The feature table (cli/shell.c) and the features in this directory. */
extern const struct shell_feature shell_feature_system;
extern const struct shell_feature shell_feature_user;
extern const struct shell_feature shell_feature_host;
extern const struct shell_feature shell_feature_tech;
extern const struct shell_feature shell_feature_compat;
extern const struct shell_feature shell_feature_acl;
extern const struct shell_feature shell_feature_objgroup;
extern const struct shell_feature shell_feature_trange;
extern const struct shell_feature shell_feature_archive;
/* The configuration change log (cli/cmd_archive.c): session s's line, a
 * configuration command taken (router lock held); its memory. */
void shell_cfglog_record(struct shell_sess *s, const char *line);
void shell_cfglog_free(struct shell *sh);
extern const struct shell_feature shell_feature_clock;
/* Does access list name permit packet p (a vty connection)?  An unknown
 * list permits, as on IOS; the router counts the entry that matched (a
 * 'log' entry logs it).  Router lock held (cli/cmd_acl.c). */
bool shell_acl_permits(struct shell *sh, const char *name, const struct acl_pkt *p);
extern const struct shell_feature shell_feature_alias;
extern const struct shell_feature shell_feature_banner;
extern const struct shell_feature shell_feature_lisp;
extern const struct shell_feature shell_feature_lisp_show;
extern const struct shell_feature shell_feature_ddt;
extern const struct shell_feature shell_feature_line;
extern const struct shell_feature shell_feature_debug;
extern const struct shell_feature shell_feature_config;
extern const struct shell_feature shell_feature_vrf;
extern const struct shell_feature shell_feature_vrf_late;
extern const struct shell_feature shell_feature_interface;
extern const struct shell_feature shell_feature_ipv6;
extern const struct shell_feature shell_feature_ipv6_route;
extern const struct shell_feature shell_feature_route;
extern const struct shell_feature shell_feature_arp;
extern const struct shell_feature shell_feature_ping;
extern const struct shell_feature shell_feature_session;
extern const struct shell_feature shell_feature_proc;
extern const struct shell_feature shell_feature_login;
extern const struct shell_feature shell_feature_logging;
extern const struct shell_feature shell_feature_platform;

/* Login protection (cli/cmd_login.c); call with no lock held, since the
 * failures sleep the login delay.  shell_login_quiet(): the seconds left
 * of quiet mode ('login block-for'), 0 when logins are allowed.
 * shell_login_failed(): a wrong line password from source to the vty on
 * localport: logged, counted, perhaps quiet mode; then the delay.
 * shell_enable_failed(): a wrong enable password, logged; then the delay.
 * shell_login_refused(): a telnet connection closed before its prompt,
 * in quiet mode or with every line busy: counted ('show login'). */
unsigned shell_login_quiet(struct shell *sh);
void shell_login_refused(struct shell *sh, bool busy);
void shell_login_failed(struct shell *sh, const char *user, const char *source, int localport);
void shell_enable_failed(struct shell_sess *s);
/* A vty login that succeeded (user "" for a line password): logged as
 * 'login on-success log' says (cli/cmd_login.c). */
void shell_login_succeeded(struct shell *sh, const char *user, const char *source, int localport);
/* 'login local' (cli/cmd_user.c): is pw the password of local user name?
 * 0 and its privilege level in *priv, or -1.  Takes the router lock only
 * to copy the entry; the hash is checked without it (it takes
 * milliseconds), and an unknown name costs as much as a known one. */
int shell_user_check(struct shell *sh, const char *name, const char *pw, unsigned *priv);
/* Banner kind's text (SHELL_BANNER_*) as a session shows it, "$(hostname)"
 * replaced, into out; its length.  Router lock held. */
size_t shell_banner_text(struct shell *sh, int kind, char *out, size_t len);
/* Does local user name log in without a password ('nopassword')? */
bool shell_user_nopassword(struct shell *sh, const char *name);
/* The static host table (cli/cmd_host.c), router lock held; vrf is the
 * VRF's name, NULL or "" for the global table.  NAME's first address of
 * family 4 or 6 (0: IPv4 if it has one, else IPv6) into *out: 0, or -1
 * when there is none. */
int shell_host_addr(const struct shell *sh, const char *vrf, const char *name, int family,
		    struct addr *out);
/* The name whose entry in that table holds address a (the first
 * configured of several), or NULL. */
const char *shell_host_name(const struct shell *sh, const char *vrf, const struct addr *a);
void shell_hosts_clear(struct shell_conf *c);
/* VRF vrf is deleted: its host table goes with it. */
void shell_hosts_vrf_gone(struct shell_conf *c, const char *vrf);
/* 'alias' (cli/cmd_alias.c), without the router lock: the command that
 * word stands for in mode (malloc'ed), or NULL when it is no alias there. */
char *shell_alias_expand(struct shell *sh, int mode, const char *word);
void shell_aliases_clear(struct shell_conf *c);

/* A session starts with its line's terminal settings ('history size',
 * 'length', 'width'; cli/cmd_line.c); console: the console line's. */
void shell_sess_take_line(struct shell_sess *s, const struct vty_line_conf *lc, bool console);
/* Does the line accept telnet (its 'transport input': not written, all
 * or telnet)?  lispr serves no other transport. */
static inline bool shell_line_telnet(const struct vty_line_conf *l)
{
	return !l->transport || (l->transport & (SHELL_TRANSPORT_TELNET | SHELL_TRANSPORT_ALL));
}
/* A line's 'transport input' words ("telnet" when not written). */
const char *shell_line_transport(const struct vty_line_conf *l, char *buf, size_t len);
/* 'exec prompt timestamp' (cli/cmd_session.c): the load and time lines IOS
 * prints before a show command's output. */
void shell_exec_timestamp(struct cli_def *cli);
/* The words of 'history [size N]' (line) and 'terminal history [size N]':
 * N, -1 without 'size', or -2 with the error printed. */
long shell_history_arg(struct cli_def *cli, char **argv, int argc);
/* 'terminal history size N': the oldest lines beyond N go now. */
void shell_hist_size(struct shell_sess *s, unsigned n);
/* Defaults and helpers shared by the features. */
/* An address as IOS prints it: IPv6 in upper case ("2001:DB8::1"). */
const char *shell_addr_fmt(const struct addr *a, char *buf, size_t len);
const char *shell_fmt6(const uint8_t *a16, char *buf, size_t len);
void shell_conf_defaults(struct shell_conf *c);
void shell_conf_clear(struct shell_conf *c);
/* Run every feature's encrypt hook (lock held). */
void shell_encrypt_all(struct shell *sh);

#endif
