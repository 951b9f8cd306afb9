/*
 * DOC: the LISP configuration modes: 'router lisp' and the site submode
 *
 * 'router lisp' enters config-router-lisp; 'lisp site NAME' (classic form,
 * global) and 'site NAME' (inside router lisp) enter the Map-Server's site
 * submode, whose 'exit' returns to config-router-lisp as on IOS.  The LISP
 * settings themselves arrive with the LISP features and register into these
 * modes; for now a site has its name and a description.  Sites print in
 * the classic global form, sorted by name.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "shell.h"

static struct site_conf *site_find(struct shell_conf *c, const char *name)
{
	for (size_t i = 0; i < c->nsites; i++)
		if (!strcmp(c->sites[i].name, name))
			return &c->sites[i];
	return NULL;
}

static struct site_conf *site_get(struct shell_conf *c, const char *name)
{
	struct site_conf *s = site_find(c, name), *ns;
	size_t i;

	if (s)
		return s;
	if (!(ns = realloc(c->sites, (c->nsites + 1) * sizeof(*ns))))
		return NULL;
	c->sites = ns;
	for (i = 0; i < c->nsites && strcmp(c->sites[i].name, name) < 0; i++)
		;
	memmove(&c->sites[i + 1], &c->sites[i], (c->nsites - i) * sizeof(*ns));
	memset(&c->sites[i], 0, sizeof(*ns));
	snprintf(c->sites[i].name, sizeof(c->sites[i].name), "%s", name);
	c->nsites++;
	return &c->sites[i];
}

static int cmd_router_lisp(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	if (argc)
		return shell_err_invalid(cli, 0);
	shell_set_mode(cli, SHELL_ROUTER_LISP);
	return CLI_OK;
}

static int cmd_site(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_sess *s = shell_sess_of(cli);

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (strlen(argv[0]) >= sizeof(s->site))
		return shell_err_invalid(cli, 0);
	if (!site_get(&s->sh->conf, argv[0]))
		return shell_err(cli, "%% Out of memory");
	snprintf(s->site, sizeof(s->site), "%s", argv[0]);
	shell_set_mode(cli, SHELL_LISP_SITE);
	return CLI_OK;
}

static int cmd_no_site(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct shell_conf *c = &shell_sess_of(cli)->sh->conf;
	struct site_conf *site;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (argc > 1)
		return shell_err_invalid(cli, 1);
	if (!(site = site_find(c, argv[0])))
		return shell_err(cli, "%% LISP site %s does not exist", argv[0]);
	memmove(site, site + 1, (c->nsites - (site - c->sites) - 1) * sizeof(*site));
	c->nsites--;
	return CLI_OK;
}

/* The site the session's submode edits; another session may have removed it. */
static struct site_conf *cur_site(struct cli_def *cli)
{
	struct shell_sess *s = shell_sess_of(cli);
	struct site_conf *site = site_find(&s->sh->conf, s->site);

	if (!site)
		shell_err(cli, "%% LISP site %s no longer exists", s->site);
	return site;
}

static int cmd_site_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct site_conf *site;
	size_t o = 0;

	if (argc < 1)
		return shell_err_incomplete(cli);
	if (!(site = cur_site(cli)))
		return CLI_ERROR;
	site->description[0] = '\0';
	for (int i = 0; i < argc && o < sizeof(site->description) - 1; i++)
		o += snprintf(site->description + o, sizeof(site->description) - o, "%s%s", i ? " " : "", argv[i]);
	return CLI_OK;
}

static int cmd_site_no_description(struct cli_def *cli, const char *cmd, char **argv, int argc)
{
	struct site_conf *site;

	if (!(site = cur_site(cli)))
		return CLI_ERROR;
	site->description[0] = '\0';
	return CLI_OK;
}

static void lisp_write(struct shell *sh, FILE *f)
{
	for (size_t i = 0; i < sh->conf.nsites; i++) {
		const struct site_conf *site = &sh->conf.sites[i];

		if (i)
			fputs("!\n", f);
		fprintf(f, "lisp site %s\n", site->name);
		if (site->description[0])
			fprintf(f, " description %s\n", site->description);
	}
}

static void lisp_cmds(struct cli_def *cli)
{
	const int P = SHELL_PRIV_ENABLE;
	struct cli_command *c, *no;

	c = shell_node(cli, NULL, "router", P, SHELL_CONFIG, "Enable a routing process");
	shell_cmd(cli, c, "lisp", cmd_router_lisp, P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_node(cli, NULL, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	c = shell_cmd(cli, c, "site", cmd_site, P, SHELL_CONFIG, "Configure a LISP site on the Map-Server");
	shell_arghelp(cli, c, "WORD\tSite name");
	no = shell_node(cli, NULL, "no", P, SHELL_CONFIG, "Negate a command or set its defaults");
	c = shell_node(cli, no, "lisp", P, SHELL_CONFIG, "Locator/ID Separation Protocol");
	shell_cmd(cli, c, "site", cmd_no_site, P, SHELL_CONFIG, "Configure a LISP site on the Map-Server");

	c = shell_cmd(cli, NULL, "site", cmd_site, P, SHELL_ROUTER_LISP, "Configure a LISP site on the Map-Server");
	shell_arghelp(cli, c, "WORD\tSite name");
	no = shell_node(cli, NULL, "no", P, SHELL_ROUTER_LISP, "Negate a command or set its defaults");
	shell_cmd(cli, no, "site", cmd_no_site, P, SHELL_ROUTER_LISP, "Configure a LISP site on the Map-Server");

	c = shell_cmd(cli, NULL, "description", cmd_site_description, P, SHELL_LISP_SITE, "Site description");
	shell_arghelp(cli, c, "LINE\tDescription of the site");
	no = shell_node(cli, NULL, "no", P, SHELL_LISP_SITE, "Negate a command or set its defaults");
	shell_cmd(cli, no, "description", cmd_site_no_description, P, SHELL_LISP_SITE, "Site description");
}

const struct shell_feature shell_feature_lisp = {
	.name = "lisp",
	.cmds = lisp_cmds,
	.write = lisp_write,
};
