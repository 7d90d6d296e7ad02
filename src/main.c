/* leadadmin: one main decides: a command runs the command line; no command
 * (and a terminal, or a key script) starts the screens. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_util.h"
#include "conf.h"
#include "db.h"
#include "i18n.h"
#include "text.h"
#include "ui/ui.h"

struct globals {
	const char *db, *config, *lang, *script, *dump;
	bool help, version, quiet, reader, mouse;
	/* A usage error, reported once the language is known. */
	enum { GLOBALS_OK, GLOBALS_UNKNOWN, GLOBALS_NO_VALUE } error;
	const char *bad;    /* the option as typed */
	char letter[3];     /* "-x" when it was a short one */
};

static void warn_stderr(const char *msg)
{
	/* It quotes the configuration's section and key names. */
	cli_printf(stderr, _("leadadmin: warning: %s\n"), msg);
}

/* German asked for by name (--lang, [ui] language) without its catalogue
 * is not silently English. */
static void catalogue_checked(const char *localedir)
{
	if (!i18n_catalogue_found())
		cli_printf(stderr, _("leadadmin: the German messages are not installed (%s/de/LC_MESSAGES/%s.mo is missing); the messages are in English\n"),
			   localedir && *localedir ? localedir : LOCALEDIR, PACKAGE);
}

/* Global options stand before the command ('+': getopt stops at the first
 * word that is not an option); returns the command's index, argc when
 * there is none. A usage error is left in g->error. */
static int parse_globals(int argc, char **argv, struct globals *g)
{
	enum { OPT_DB = 256, OPT_CONFIG, OPT_LANG, OPT_SCRIPT, OPT_DUMP, OPT_VERSION, OPT_QUIET, OPT_READER, OPT_MOUSE };
	static const struct option longopts[] = {
		{ "db", required_argument, NULL, OPT_DB },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "lang", required_argument, NULL, OPT_LANG },
		{ "script", required_argument, NULL, OPT_SCRIPT },
		{ "dump", required_argument, NULL, OPT_DUMP },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ "quiet", no_argument, NULL, OPT_QUIET },
		{ "reader", no_argument, NULL, OPT_READER },
		{ "mouse", no_argument, NULL, OPT_MOUSE },
		{ NULL, 0, NULL, 0 },
	};
	int c, at;

	opterr = 0;
	for (;;) {
		at = optind;
		c = getopt_long(argc, argv, "+:h", longopts, NULL);
		if (c == -1)
			return optind;
		switch (c) {
		case OPT_DB: g->db = optarg; break;
		case OPT_CONFIG: g->config = optarg; break;
		case OPT_LANG: g->lang = optarg; break;
		case OPT_SCRIPT: g->script = optarg; break;
		case OPT_DUMP: g->dump = optarg; break;
		case 'h': g->help = true; break;
		case OPT_VERSION: g->version = true; break;
		case OPT_QUIET: g->quiet = true; break;
		case OPT_READER: g->reader = true; break;
		case OPT_MOUSE: g->mouse = true; break;
		default:
			/* The word as typed: a long option whole ("--bogus=1"),
			 * a short one by its letter (also inside "-hx"). */
			g->error = c == ':' ? GLOBALS_NO_VALUE : GLOBALS_UNKNOWN;
			if (at < argc && strncmp(argv[at], "--", 2) == 0) {
				g->bad = argv[at];
			} else {
				snprintf(g->letter, sizeof(g->letter), "-%c", optopt);
				g->bad = g->letter;
			}
			return -1;
		}
	}
}

/* The program without the check of its output. */
static int run(int argc, char **argv)
{
	struct globals g = { 0 };
	struct la_conf conf;
	struct la_err err;
	struct cli_ctx ctx = { 0 };
	const char *localedir = getenv("LEADADMIN_LOCALEDIR");
	int cmd, rc;

	cmd = parse_globals(argc, argv, &g);
	i18n_init(g.lang, localedir);
	if (g.lang)
		catalogue_checked(localedir);
	if (g.error != GLOBALS_OK) {
		cli_printf(stderr, g.error == GLOBALS_NO_VALUE
			   ? _("leadadmin: option '%s' needs a value (see: leadadmin --help)\n")
			   : _("leadadmin: unknown option '%s' (see: leadadmin --help)\n"), g.bad);
		return 2;
	}
	if (g.lang && !i18n_supported(g.lang)) {
		cli_printf(stderr, _("leadadmin: --lang must be en or de, not '%s'\n"), g.lang);
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
	if (!g.lang && conf.language[0]) {
		i18n_init(conf.language, localedir);
		catalogue_checked(localedir);
	}
	ctx.conf = &conf;
	ctx.quiet = g.quiet;
	ctx.db_path = g.db ? g.db : conf.db_path;
	/* A path is a file; SQLite's names for no file are refused here. */
	if (!*ctx.db_path || strcmp(ctx.db_path, ":memory:") == 0) {
		cli_printf(stderr, _("leadadmin: '%s' is not a database file: give a file path (./:memory: is a file of that name)\n"),
			   ctx.db_path);
		conf_free(&conf);
		return 2;
	}
	{
		char *def = conf_default_db_path();

		ctx.db_is_default = !g.db && strcmp(ctx.db_path, def) == 0;
		free(def);
	}
	if (cmd < argc) {
		rc = cli_run(&ctx, argc - cmd, argv + cmd);
	} else if (g.script || (isatty(STDIN_FILENO) && isatty(STDOUT_FILENO))) {
		struct ui_options uo = { .script = g.script, .dump = g.dump, .theme = conf.theme,
					 .keys = &conf.keys, .reader = g.reader || conf.reader,
					 .mouse = g.mouse || conf.mouse };

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

/* What a command prints is what it is for: a full disk or a closed file
 * behind stdout is an error, also after a change was made (gnulib's
 * close_stdout). */
static int output_written(int rc)
{
	int e = fflush(stdout) != 0 ? errno : 0;

	if (!e && !ferror(stdout))
		return rc;
	fprintf(stderr, _("leadadmin: standard output: writing failed (%s)\n"),
		strerror(e ? e : EIO));
	return rc ? rc : 1;
}

int main(int argc, char **argv)
{
	return output_written(run(argc, argv));
}
