/* leadadmin: one main decides: a command runs the command line; no command
 * (and a terminal, or a key script) starts the screens. */
#include "config.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_util.h"
#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "ui/ui.h"

struct globals {
	const char *db, *config, *lang, *script, *dump;
	bool help, version;
};

static void warn_stderr(const char *msg)
{
	fprintf(stderr, _("leadadmin: warning: %s\n"), msg);
}

/* Global options stand before the command; returns the command's index,
 * argc when there is none, or -1 after a usage error. */
static int parse_globals(int argc, char **argv, struct globals *g)
{
	static const struct {
		const char *name;
		size_t off;
	} values[] = {
		{ "--db", offsetof(struct globals, db) },
		{ "--config", offsetof(struct globals, config) },
		{ "--lang", offsetof(struct globals, lang) },
		{ "--script", offsetof(struct globals, script) },
		{ "--dump", offsetof(struct globals, dump) },
	};
	int i;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		size_t v;
		bool matched = false;

		if (a[0] != '-')
			return i;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			g->help = true;
			continue;
		}
		if (strcmp(a, "--version") == 0) {
			g->version = true;
			continue;
		}
		for (v = 0; v < sizeof(values) / sizeof(values[0]); v++) {
			size_t n = strlen(values[v].name);
			const char **slot = (const char **)((char *)g + values[v].off);

			if (strncmp(a, values[v].name, n) != 0)
				continue;
			if (a[n] == '=') {
				*slot = a + n + 1;
			} else if (a[n] == '\0' && i + 1 < argc) {
				*slot = argv[++i];
			} else if (a[n] == '\0') {
				fprintf(stderr, _("leadadmin: option '%s' needs a value (see: leadadmin --help)\n"), a);
				return -1;
			} else {
				continue;
			}
			matched = true;
			break;
		}
		if (!matched) {
			fprintf(stderr, _("leadadmin: unknown option '%s' (see: leadadmin --help)\n"), a);
			return -1;
		}
	}
	return argc;
}

int main(int argc, char **argv)
{
	struct globals g = { 0 };
	struct la_conf conf;
	struct la_err err;
	struct cli_ctx ctx = { 0 };
	const char *localedir = getenv("LEADADMIN_LOCALEDIR");
	int cmd, rc;

	cmd = parse_globals(argc, argv, &g);
	i18n_init(g.lang, localedir);
	if (cmd < 0)
		return 2;
	if (g.lang && !i18n_supported(g.lang)) {
		fprintf(stderr, _("leadadmin: --lang must be en or de, not '%s'\n"), g.lang);
		return 2;
	}
	if (g.help) {
		cli_help(stdout);
		return 0;
	}
	if (g.version) {
		printf("leadadmin %s\n", PACKAGE_VERSION);
		return 0;
	}
	la_err_clear(&err);
	if (conf_load(&conf, g.config, warn_stderr, &err) != LA_OK)
		return cli_fail(&err);
	if (!g.lang && conf.language[0])
		i18n_init(conf.language, localedir);
	ctx.conf = &conf;
	ctx.db_path = g.db ? g.db : conf.db_path;
	{
		char *def = conf_default_db_path();

		ctx.db_is_default = !g.db && strcmp(ctx.db_path, def) == 0;
		free(def);
	}
	if (cmd < argc) {
		rc = cli_run(&ctx, argc - cmd, argv + cmd);
	} else if (g.script || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))) {
		struct ui_options uo = { g.script, g.dump, conf.theme };

		rc = cli_open(&ctx);
		if (rc == 0)
			rc = ui_main(ctx.db, &uo);
	} else {
		fputs(_("leadadmin: the screens need a terminal; give a COMMAND for scripts (see: leadadmin --help)\n"),
		      stderr);
		rc = 2;
	}
	db_close(ctx.db);
	conf_free(&conf);
	return rc;
}
