#include "config.h"
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli_util.h"
#include "counts.h"
#include "dbfile.h"
#include "deepcheck.h"
#include "demo.h"
#include "i18n.h"
#include "schema.h"
#include "lists.h"
#include "porting.h"
#include "setup.h"
#include "text.h"
#include "users.h"

void cli_help(FILE *out)
{
	fputs(_("Usage: leadadmin [--db PATH] [--config FILE] [--lang en|de] [--quiet] [--reader]\n"
		"                 [--mouse] [COMMAND ...]\n"
		"Lead management set-up for a SuperOffice-style CRM database.\n"
		"\n"
		"  (no command)            the screens (needs a terminal)\n"
		"  init [--language en|de|en,de] [--demo] [--shared]\n"
		"                          a new database with the defaults\n"
		"  upgrade [--dry-run]     bring an older database to this version\n"
		"  category list|add|edit|delete|restore|move ...\n"
		"  category grouping|visible-for|headings ...  user-group filtering\n"
		"  heading list|add|edit|delete|restore|move   Company – Category's headings\n"
		"  lead-status list|add|edit|delete|restore|move|default ...\n"
		"  add-defaults            add the missing default lead categories\n"
		"  setup-check [--deep]    is lead management ready? (exit 0 yes, 1 no)\n"
		"  recount                 count the in-use and lead overview numbers again\n"
		"  export [FILE]           all lists as JSON\n"
		"  import FILE [--dry-run] [--yes] [--replace]\n"
		"  user list|add|edit|set-role         the users and their rights\n"
		"  usergroup list|add|edit|delete|restore|move   user groups\n"
		"  licence list|enable|disable NAME    licences (marketing-premium)\n"
		"  marketing show|set ...  UTM transfer and Distribute to owner\n"
		"  marketing simulate ...  a dry run of Distribute to owner\n"
		"  utm values|alias ...    UTM values: variants grouped, aliases\n"
		"  automation show|set ... Lead categorization: a company's category by rule\n"
		"  lead set-status PERSON STATUS [--yes]   a contact's lead status\n"
		"  submit [FILE|-] [--strict]          web-form submissions (JSON lines)\n"
		"  events [FILE|-] [--strict] [--yes]  the CRM's sale events (JSON lines)\n"
		"  leads [--format F] [--status S] [--chart]   the lead overview\n"
		"  backup FILE [--force]               a consistent copy of the database\n"
		"  copy --to|--from PATH|URL           the whole database into a new one\n"
		"                                      (e.g. to PostgreSQL and back)\n"
		"  log [--since DATE] [--list L] [--format F]   who changed what, when\n"
		"\n"
		"Options:\n"
		"  --db PATH       the database (default: $XDG_DATA_HOME/leadadmin/crm.db)\n"
		"  --config FILE   the configuration file to read\n"
		"  --lang en|de    the language of the program\n"
		"  --quiet         no progress line on a terminal (submit, import, export,\n"
		"                  backup, upgrade, copy)\n"
		"  --reader        the screens for screen readers and braille displays\n"
		"                  (as [ui] reader = on)\n"
		"  --mouse         the screens take clicks and the wheel (also [ui] mouse)\n"
		"  --help          this text; COMMAND --help explains a command\n"
		"  --version       the program's version\n"
		"\n"
		"Exit codes: 0 done, 1 refused or not found, 2 usage, 3 the database\n"
		"cannot be used.\n"), out);
}

/* The database's folder for the embedded default: made 0700 on first use. */
static int make_default_folder(const char *path)
{
	char *dir = strdup(path), *p;

	if (!dir)
		abort();
	for (p = dir + 1; (p = strchr(p, '/')); p++) {
		*p = '\0';
		if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
			cli_printf(stderr, _("leadadmin: %s: cannot create the folder %s (%s)\n"),
				   path, dir, strerror(errno));
			free(dir);
			return 3;
		}
		*p = '/';
	}
	free(dir);
	return 0;
}

/* The default database and its folder are the program's own: a folder or
 * file someone else owns or may write, or a symbolic link (which may point
 * anywhere, or nowhere yet), is refused rather than trusted. */
static int check_default_path(const char *path)
{
	char *dir = strdup(path), *slash;
	struct stat sb;
	struct la_err err;
	int rc = 0;

	if (!dir)
		abort();
	la_err_clear(&err);
	slash = strrchr(dir, '/');
	if (slash && slash != dir)
		*slash = '\0';
	if (slash && slash != dir && lstat(dir, &sb) == 0 &&
	    conf_check_private(dir, &sb, false, &err) != LA_OK)
		rc = 3;
	else if (lstat(path, &sb) == 0 && conf_check_private(path, &sb, false, &err) != LA_OK)
		rc = 3;
	free(dir);
	if (rc) {
		err.status = LA_DB;
		return cli_fail(&err);
	}
	return 0;
}

static int open_db(struct cli_ctx *ctx, int flags, const char *language)
{
	struct la_err err;
	struct progress prog;
	enum la_status st;
	int rc;

	la_err_clear(&err);
	if ((flags & DB_OPEN_CREATE) && ctx->db_is_default &&
	    (rc = make_default_folder(ctx->db_path)))
		return rc;
	if (ctx->db_is_default && (rc = check_default_path(ctx->db_path)))
		return rc;
	/* Only an upgrade is long work when it opens: the copy of the old
	 * file it keeps, then its migrations. */
	progress_init(&prog, stderr, !ctx->quiet && (flags & DB_OPEN_UPGRADE));
	progress_start(&prog, _("Copying before the upgrade"), PROGRESS_PAGES, 0);
	st = db_open_progress(ctx->db_path, flags, language, rights_os_login(), progress_cb,
			      progress_stage_cb, &prog,
			      &ctx->db, &err);
	progress_end(&prog);
	if (st != LA_OK)
		return cli_fail(&err);
	db_set_busy_timeout(ctx->db, ctx->conf->busy_timeout_ms);
	if (db_set_synchronous(ctx->db, ctx->conf->sync_full, &err) != LA_OK)
		return cli_fail(&err);
	/* After a dry run the database is as it was: maybe without users. */
	if (!(flags & DB_OPEN_DRY_RUN) && rights_actor(ctx->db, &ctx->actor, &err) != LA_OK)
		return cli_fail(&err);
	return 0;
}

int cli_default_folder(struct cli_ctx *ctx)
{
	int rc;

	if (!ctx->db_is_default)
		return 0;
	if ((rc = make_default_folder(ctx->db_path)))
		return rc;
	return check_default_path(ctx->db_path);
}

int cli_open(struct cli_ctx *ctx)
{
	if (ctx->db)
		return 0;
	/* The default database appears on first use; a named one must exist,
	 * so that a typing error does not make a stray database. */
	return open_db(ctx, ctx->db_is_default ? DB_OPEN_CREATE : 0, i18n_language());
}

static int cmd_upgrade(struct cli_ctx *ctx, int argc, char **argv)
{
	bool dry = false, help = false;
	const struct cli_opt opts[] = {
		{ "--dry-run", OPT_FLAG, NULL, &dry },
		{ "--help", OPT_FLAG, NULL, &help },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *const *notes;
	const char *pos[1];
	size_t n;
	int npos, rc;

	if (!cli_parse("upgrade", argc, argv, opts, pos, 0, &npos))
		return 2;
	if (help) {
		fputs(_("Usage: leadadmin [--db PATH|URL] upgrade [--dry-run]\n"
			"Brings a database of an older schema, or one made before lead\n"
			"management, to this version in one transaction, after keeping a copy\n"
			"of the old file beside it, and says what it changed. Whoever upgrades\n"
			"becomes General administrator only when the database has none.\n"
			"A PostgreSQL database keeps no copy (make one with pg_dump first);\n"
			"only the owner of its tables can upgrade it.\n"
			"--dry-run says what it would change and changes nothing.\n"), stdout);
		return 0;
	}
	if ((rc = open_db(ctx, DB_OPEN_UPGRADE | (dry ? DB_OPEN_DRY_RUN : 0), i18n_language())))
		return rc;
	notes = db_notes(ctx->db, &n);
	if (n == 0) {
		cli_printf(stdout, _("%s is up to date (schema version %d); nothing was changed.\n"),
			   ctx->db_path, db_schema_version(ctx->db));
		return 0;
	}
	cli_printf(stdout, dry ? _("Dry run: upgrading %s would do this; nothing was changed:\n")
			       : _("Upgraded %s:\n"), ctx->db_path);
	for (size_t i = 0; i < n; i++) {
		fputs("  - ", stdout);
		cli_put(stdout, notes[i]);
		putchar('\n');
	}
	return 0;
}

static int cmd_init(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *language = NULL;
	bool demo = false, help = false, shared = false, made_folder = false;
	const struct cli_opt opts[] = {
		{ "--language", OPT_VALUE, &language, NULL },
		{ "--demo", OPT_FLAG, NULL, &demo },
		{ "--shared", OPT_FLAG, NULL, &shared },
		{ "--help", OPT_FLAG, NULL, &help },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct stat sb;
	struct la_err err;
	int npos, rc;

	if (!cli_parse("init", argc, argv, opts, pos, 0, &npos))
		return 2;
	if (help) {
		fputs(_("Usage: leadadmin [--db PATH] init [--language en|de|en,de] [--demo] [--shared]\n"
			"Makes a new database with the default lead statuses and lead\n"
			"categories in the language given (default: the program's language),\n"
			"and makes you its General administrator. --demo adds a sample of\n"
			"companies and contacts. en,de names each default in English and\n"
			"German, in SuperOffice's notation (US:\"Open\";GE:\"Offen\").\n"
			"\n"
			"--shared makes a database that the admins of one Unix group use\n"
			"on this host, each with their own login: the file (and the -wal\n"
			"and -shm files SQLite makes beside it) is mode 0660, and its folder\n"
			"must let the group write and pass its group on to new files\n"
			"(chmod g+rwxs FOLDER); a missing folder is made so (mode 2770).\n"
			"Then add each login with: leadadmin user add LOGIN --role ROLE.\n"
			"On a shared file the rights guard against mistakes, not against a\n"
			"member of the group, who can change the file with sqlite3. Without\n"
			"--shared the database is yours only (mode 0600).\n"), stdout);
		return 0;
	}
	if (language && !schema_language_ok(language))
		return cli_usage("init", _("--language must be en, de or en,de, not '%s'"), language);
	if (shared && ctx->db_is_default)
		return cli_usage("init", _("--shared needs --db PATH: the default database %s is yours only"),
				 ctx->db_path);
	if (shared && db_is_server_url(ctx->db_path))
		return cli_usage("init", _("--shared is for a database file; a PostgreSQL database is shared by its server, with a role for each admin (user add grants it)"));
	if (stat(ctx->db_path, &sb) == 0 && sb.st_size > 0) {
		cli_printf(stderr, _("leadadmin: %s: already exists; init makes a new database and changed nothing\n"),
			   ctx->db_path);
		return 1;
	}
	la_err_clear(&err);
	if (shared && dbfile_share_folder(ctx->db_path, &made_folder, &err) != LA_OK)
		return cli_fail(&err);
	if ((rc = open_db(ctx, DB_OPEN_CREATE | (shared ? DB_OPEN_SHARED : 0),
			  language ? language : i18n_language())))
		return rc;
	if (demo && demo_fill(ctx->db, &ctx->actor, 120, &err) != LA_OK)
		return cli_fail(&err);
	cli_printf(stdout, _("Made %s (language %s); you (%s) are its General administrator.\n"),
		   ctx->db_path, db_language(ctx->db), ctx->actor.login);
	if (shared && stat(ctx->db_path, &sb) == 0) {
		char group[64];
		char *qpath = dbfile_shell_word(ctx->db_path);

		dbfile_group_name(sb.st_gid, group, sizeof group);
		if (made_folder)
			cli_printf(stdout, _("Made its folder for the group %s (mode 2770).\n"), group);
		cli_printf(stdout, _("It is shared with the group %s (mode 0660); add each admin with: leadadmin --db %s user add LOGIN --role ROLE\n"),
			   group, qpath);
		free(qpath);
	}
	return 0;
}

/* One default that add-defaults did not add: why, and the commands that
 * make the category of its name a lead category. */
static void print_skipped(const struct lists_default *d)
{
	const struct la_item *it = &d->item;
	long long id = (long long)it->id;
	char *line = NULL, b1[LISTS_SHOWN_MAX], b2[LISTS_SHOWN_MAX];
	const char *name = lists_shown(d->name, b1, sizeof b1);
	const char *has = lists_shown(it->name, b2, sizeof b2);
	int n;

	switch (d->state) {
	case LISTS_DEFAULT_DELETED:
		n = asprintf(&line, _("Not added '%s': the category '%s' (id %lld) has that name and is deleted."),
			     name, has, id);
		break;
	case LISTS_DEFAULT_OTHER_GROUP:
		n = asprintf(&line, _("Not added '%s': the category '%s' (id %lld) has that name and is in the group %s."),
			     name, has, id, lists_group_label(it->group));
		break;
	case LISTS_DEFAULT_LEAD_OFF:
		n = asprintf(&line, _("Not added '%s': the category '%s' (id %lld) has that name and its lead status is off."),
			     name, has, id);
		break;
	default:
		n = asprintf(&line, _("Not added '%s': the category '%s' (id %lld) has that name and is a lead category already."),
			     name, has, id);
		break;
	}
	if (n < 0)
		abort();
	cli_put(stdout, line);
	putchar('\n');
	free(line);
	if (d->state == LISTS_DEFAULT_EXISTS)
		return;
	/* By id: the name may need quoting, and may be ambiguous. */
	fputs(_("  To make it a lead category:"), stdout);
	if (it->deleted)
		printf(" leadadmin category restore --id %lld%s", id,
		       it->group == GROUP_POTENTIAL_CUSTOMER && it->lead_status ? "" : " &&");
	if (it->group != GROUP_POTENTIAL_CUSTOMER)
		printf(" leadadmin category edit --id %lld --group potential-customer --lead-status", id);
	else if (!it->lead_status)
		printf(" leadadmin category edit --id %lld --lead-status", id);
	putchar('\n');
}

static int cmd_add_defaults(struct cli_ctx *ctx, int argc, char **argv)
{
	bool help = false;
	const struct cli_opt opts[] = {
		{ "--help", OPT_FLAG, NULL, &help },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct lists_defaults rep;
	struct la_err err;
	size_t i, ready = 0;
	int npos, rc;

	if (!cli_parse("add-defaults", argc, argv, opts, pos, 0, &npos))
		return 2;
	if (help) {
		fputs(_("Usage: leadadmin add-defaults\n"
			"Adds whichever of the four default lead categories are missing\n"
			"(compared by name in any case, deleted items included). Says of\n"
			"each default what it did; of one it did not add, why (a category of\n"
			"that name exists: deleted, in another group, with lead status off,\n"
			"or as a lead category already) and the commands that make that\n"
			"category a lead category. Exit 0 also when it added nothing.\n"), stdout);
		return 0;
	}
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (lists_add_defaults(ctx->db, &ctx->actor, &rep, &err) != LA_OK)
		return cli_fail(&err);
	for (i = 0; i < rep.n; i++) {
		const struct lists_default *d = &rep.v[i];
		char *line = NULL;

		if (d->state != LISTS_DEFAULT_ADDED) {
			print_skipped(d);
			ready += d->state == LISTS_DEFAULT_EXISTS;
			continue;
		}
		char b[LISTS_SHOWN_MAX];

		if (asprintf(&line, _("Added category '%s' (id %lld)."),
			     lists_shown(d->name, b, sizeof b), (long long)d->item.id) < 0)
			abort();
		cli_put(stdout, line);
		putchar('\n');
		free(line);
	}
	if (rep.added == 0 && ready == rep.n)
		puts(_("All default lead categories are there; nothing was added."));
	lists_defaults_free(&rep);
	return 0;
}

/* setup-check --deep: the kept counts against a count. The number of
 * findings, or -1 when the check could not run. */
static int deep_check(struct cli_ctx *ctx)
{
	struct counts_report r;
	struct la_err err;
	int found = 0;

	la_err_clear(&err);
	if (counts_check(ctx->db, &r, &err) != LA_OK) {
		cli_fail(&err);
		return -1;
	}
	for (int t = 0; t < COUNTS_TABLES; t++) {
		if (!r.differ[t])
			continue;
		found++;
		cli_printf(stdout, ngettext("Finding: %ld row of the kept counts (%s) differs from a count; "
					    "the screens show wrong numbers until `leadadmin recount` makes them again.\n",
					    "Finding: %ld rows of the kept counts (%s) differ from a count; "
					    "the screens show wrong numbers until `leadadmin recount` makes them again.\n",
					    (unsigned long)r.differ[t]),
			   r.differ[t], counts_table_name((enum counts_table)t));
	}
	if (!found)
		puts(_("Deep check: the kept counts (in use, lead overview) equal a count of the rows."));
	return found;
}

/* setup-check --deep: the table of consistency checks (deepcheck.h), each
 * finding with its count and the commands that fix it. The number of
 * findings, or -1 when the check could not run. */
static int deep_findings(struct cli_ctx *ctx)
{
	struct deepcheck_report r;
	struct la_err err;

	la_err_clear(&err);
	if (deepcheck_run(ctx->db, &r, &err) != LA_OK) {
		cli_fail(&err);
		return -1;
	}
	for (int k = 0; k < DEEP_CHECKS; k++) {
		const struct deepcheck_finding *f = &r.f[k];
		const char *no_fix = deepcheck_no_fix(f->kind);

		if (!f->count)
			continue;
		cli_printf(stdout, _("Finding: %s: %ld.\n"), deepcheck_label(f->kind), f->count);
		for (size_t i = 0; i < f->n; i++) {
			if (!f->v[i].fix)
				continue;
			fputs(_("   Fix: "), stdout);
			cli_put(stdout, f->v[i].fix);
			putchar('\n');
		}
		if (no_fix)
			cli_printf(stdout, "   %s\n", no_fix);
	}
	if (!r.found)
		puts(_("Deep check: no frozen lead statuses, no lead status outside Potential customer, "
		       "no rule that names a deleted item, no category that nobody may see, "
		       "no person whose company is not there, no company in a deleted category, "
		       "no deleted user group for Distribute to owner."));
	int found = (int)r.found;

	deepcheck_free(&r);
	return found;
}

static int cmd_recount(struct cli_ctx *ctx, int argc, char **argv)
{
	bool help = false;
	const struct cli_opt opts[] = {
		{ "--help", OPT_FLAG, NULL, &help },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct la_err err;
	long changed = 0;
	int npos, rc;

	if (!cli_parse("recount", argc, argv, opts, pos, 0, &npos))
		return 2;
	if (help) {
		fputs(_("Usage: leadadmin recount\n"
			"Makes the counts that the screens keep (the lists' in-use counts and\n"
			"the lead overview's) again from the rows, in one transaction, and\n"
			"says how many rows it corrected. They are kept with every change;\n"
			"this is for when setup-check --deep finds that one differs.\n"), stdout);
		return 0;
	}
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (counts_recount(ctx->db, &ctx->actor, &changed, &err) != LA_OK)
		return cli_fail(&err);
	cli_printf(stdout, ngettext("Counted again: %ld row of the kept counts was corrected.\n",
				    "Counted again: %ld rows of the kept counts were corrected.\n",
				    (unsigned long)changed), changed);
	return 0;
}

static int cmd_setup_check(struct cli_ctx *ctx, int argc, char **argv)
{
	bool help = false, deep = false;
	const struct cli_opt opts[] = {
		{ "--help", OPT_FLAG, NULL, &help },
		{ "--deep", OPT_FLAG, NULL, &deep },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct setup_report r;
	struct la_err err;
	int npos, rc, i;

	if (!cli_parse("setup-check", argc, argv, opts, pos, 0, &npos))
		return 2;
	if (help) {
		fputs(_("Usage: leadadmin setup-check [--deep]\n"
			"Shows the three steps of the lead management set-up and what is\n"
			"missing. Exit 0 when steps 1 and 2 are ready, 1 when not.\n"
			"  --deep   also count every lead and in-use number again and compare\n"
			"           them with the counts the screens keep (reads every\n"
			"           person: seconds at a million), and look for data that\n"
			"           the rules no longer allow or nobody can reach: contacts\n"
			"           whose lead status is frozen (their category's lead status\n"
			"           is off), categories with lead status outside Potential\n"
			"           customer, Lead categorization rules that name a deleted\n"
			"           item, categories no user group may see while filtering is\n"
			"           on, persons whose company is not there, companies of deleted\n"
			"           categories, Distribute to owner naming a deleted user\n"
			"           group. Each finding comes with its count and the\n"
			"           command that fixes it; exit 1 when anything is found\n"), stdout);
		return 0;
	}
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (setup_check(ctx->db, &r, &err) != LA_OK)
		return cli_fail(&err);
	for (i = 0; i < 3; i++) {
		const struct setup_step *s = &r.steps[i];
		const char *state = s->state == SETUP_READY ? _("ready")
				    : s->state == SETUP_MISSING ? _("missing") : _("optional");

		printf("%d. [%s] %s\n   ", s->number, state, s->title);
		cli_put(stdout, s->detail);
		putchar('\n');
	}
	if (r.twins[0]) {
		fputs(_("Note: these names are one name (Unicode compares them without regard to case, a multi-language name in each of its languages, and a plain name against every language's value); rename one of each so that they can be told apart: "), stdout);
		cli_put(stdout, r.twins);
		putchar('\n');
	}
	if (r.unreachable[0]) {
		fputs(_("Unreachable: "), stdout);
		cli_put(stdout, r.unreachable);
		putchar('\n');
	}
	puts(r.ready ? _("Lead management is ready.") : _("Lead management is not ready yet."));
	if (deep) {
		int found = deep_check(ctx), more = found < 0 ? 0 : deep_findings(ctx);

		if (found < 0 || more < 0)
			return 3;
		if (found > 0 || more > 0)
			return 1;
	}
	return r.ready ? 0 : 1;
}

static int cmd_export(struct cli_ctx *ctx, int argc, char **argv)
{
	bool help = false;
	const struct cli_opt opts[] = {
		{ "--help", OPT_FLAG, NULL, &help },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct progress prog;
	struct la_err err;
	int npos, rc;
	FILE *out = stdout;
	bool shown;

	if (!cli_parse("export", argc, argv, opts, pos, 1, &npos))
		return 2;
	if (help) {
		fputs(_("Usage: leadadmin export [FILE]\n"
			"Writes every list (categories, lead statuses, user groups), deleted\n"
			"items included, with the rules of Lead categorization, the grouping\n"
			"and the UTM aliases, as JSON to FILE or to standard output. The\n"
			"format (version 2) is described in the README.\n"), stdout);
		return 0;
	}
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (npos == 1 && strcmp(pos[0], "-") != 0 && !(out = fopen(pos[0], "w"))) {
		cli_printf(stderr, _("leadadmin: %s: cannot be written (%s)\n"), pos[0], strerror(errno));
		return 1;
	}
	/* Not in the midst of the JSON on the terminal itself. */
	shown = !(out == stdout && isatty(STDOUT_FILENO));
	if (shown)
		cli_progress_start(ctx, &prog, _("Exporting"), PROGRESS_ITEMS, 0);
	rc = porting_export_to(ctx->db, out, &err) != LA_OK;
	if (shown)
		cli_progress_end(ctx, &prog);
	if (rc) {
		/* No half a file. */
		if (out != stdout) {
			fclose(out);
			remove(pos[0]);
		}
		return cli_fail(&err);
	}
	/* A write error on stdout is main's to report. */
	if (out != stdout) {
		int e = fflush(out) != 0 ? errno : ferror(out) ? EIO : 0;

		if (fclose(out) != 0 && !e)
			e = errno;
		if (e) {
			cli_printf(stderr, _("leadadmin: %s: writing failed (%s)\n"), pos[0],
				   strerror(e));
			return 1;
		}
	}
	return 0;
}

/* The file an import reads, and how far it got. */
struct import_in {
	FILE *f;
	uint64_t bytes;
	struct progress prog;
};

static ssize_t read_file(void *arg, char *buf, size_t len)
{
	struct import_in *in = arg;
	size_t n = fread(buf, 1, len, in->f);

	if (n == 0 && ferror(in->f)) {
		if (!errno)
			errno = EIO;
		return -1;
	}
	in->bytes += n;
	progress_step(&in->prog, in->bytes);
	return (ssize_t)n;
}

static void print_line(const char *line, void *arg)
{
	struct import_in *in = arg;

	progress_clear(&in->prog);
	cli_put(stdout, line);
	putchar('\n');
}

static int cmd_import(struct cli_ctx *ctx, int argc, char **argv)
{
	bool help = false, dry = false, yes = false, replace = false;
	const struct cli_opt opts[] = {
		{ "--help", OPT_FLAG, NULL, &help },
		{ "--dry-run", OPT_FLAG, NULL, &dry },
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ "--replace", OPT_FLAG, NULL, &replace },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct porting_plan plan;
	struct la_err err;
	struct import_in in = { 0 };
	struct stat sb;
	int npos, rc;

	if (!cli_parse("import", argc, argv, opts, pos, 1, &npos))
		return 2;
	if (help) {
		fputs(_("Usage: leadadmin import FILE [--dry-run] [--yes] [--replace]\n"
			"Adds or updates list items by name from an export file, in one\n"
			"transaction: an invalid item changes nothing. It prints each change\n"
			"with the fields it changes. --dry-run prints the same and changes\n"
			"nothing. --yes confirms changes to items in use. --replace deletes\n"
			"the items the file does not name, so that the lists become the file's.\n"),
		      stdout);
		return 0;
	}
	if (npos != 1)
		return cli_usage("import", _("import needs a FILE"));
	if (!(in.f = strcmp(pos[0], "-") == 0 ? stdin : fopen(pos[0], "rb"))) {
		cli_printf(stderr, _("leadadmin: %s: cannot be read (%s)\n"), pos[0], strerror(errno));
		return 1;
	}
	if ((rc = cli_open(ctx))) {
		if (in.f != stdin)
			fclose(in.f);
		return rc;
	}
	la_err_clear(&err);
	/* Bytes read: a file's size is its total; a pipe has none. */
	progress_init(&in.prog, stderr, !ctx->quiet);
	progress_start(&in.prog, _("Importing"), PROGRESS_BYTES,
		       fstat(fileno(in.f), &sb) == 0 && S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0);
	rc = porting_import_from(ctx->db, &ctx->actor, read_file, &in,
				 (dry ? PORTING_DRY_RUN : 0) | (replace ? PORTING_REPLACE : 0),
				 yes ? CONFIRM_YES : CONFIRM_NONE, print_line, &in, &plan, &err);
	progress_end(&in.prog);
	if (in.f != stdin)
		fclose(in.f);
	if (rc == LA_OK) {
		if (plan.n == plan.notes)
			puts(_("No changes: the lists are as the file says."));
		printf(dry ? _("Dry run: %d to add, %d to update, %d unchanged; nothing was changed.\n")
			   : _("Imported: %d added, %d updated, %d unchanged.\n"),
		       plan.added, plan.updated, plan.unchanged);
	}
	porting_plan_free(&plan);
	if (rc == LA_CONFIRM) {
		cli_printf(stderr, _("leadadmin: %s: %s Nothing was imported; add --yes to go ahead.\n"),
			   pos[0], err.msg);
		return 1;
	}
	if (rc != LA_OK) {
		la_fail(&err, err.status, err.field, _("%s: %s; nothing was imported"), pos[0], err.msg);
		return cli_fail(&err);
	}
	return 0;
}

/* ---- user: the users and their rights */

static int user_list(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *heads[] = { _("Login"), _("Full name"), _("Role"), _("User group"),
				_("Active") };
	const char *pos[1];
	struct la_user *users;
	struct cli_table t;
	struct la_err err;
	size_t n, i;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, NULL, pos, 0, &npos))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (rights_users(ctx->db, &users, &n, &err) != LA_OK)
		return cli_fail(&err);
	cli_table_init(&t, 5, heads);
	for (i = 0; i < n; i++) {
		char group[LISTS_SHOWN_MAX];
		const char *row[] = { users[i].name, users[i].full_name,
				      rights_role_label(users[i].role),
				      lists_shown(users[i].group_name, group, sizeof group),
				      users[i].active ? _("yes") : _("no") };

		cli_table_row(&t, row);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
	rights_users_free(users, n);
	return 0;
}

static bool role_ok(const struct cli_cmd *cmd, const char *key, enum la_role *role)
{
	if (rights_role_parse(key, role))
		return true;
	cli_usage(cmd->name, _("unknown role '%s': use general-admin, list-admin or user"), key);
	return false;
}

static int user_add(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *full = NULL, *role_key = NULL;
	const struct cli_opt opts[] = {
		{ "--name", OPT_VALUE, &full, NULL },
		{ "--role", OPT_VALUE, &role_key, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	enum la_role role = ROLE_USER;
	struct la_err err;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 1, &npos))
		return 2;
	if (npos != 1)
		return cli_usage(cmd->name, _("add needs a LOGIN"));
	if (role_key && !role_ok(cmd, role_key, &role))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (rights_user_add(ctx->db, &ctx->actor, pos[0], full, role, &err) != LA_OK)
		return cli_fail(&err);
	cli_printf(stdout, _("Added user '%s' as %s.\n"), pos[0], rights_role_label(role));
	return 0;
}

static int user_edit(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *full = NULL, *role_key = NULL, *group = NULL;
	bool no_group = false, active = false, inactive = false;
	const struct cli_opt opts[] = {
		{ "--name", OPT_VALUE, &full, NULL },
		{ "--role", OPT_VALUE, &role_key, NULL },
		{ "--group", OPT_VALUE, &group, NULL },
		{ "--no-group", OPT_FLAG, NULL, &no_group },
		{ "--active", OPT_FLAG, NULL, &active },
		{ "--inactive", OPT_FLAG, NULL, &inactive },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	enum la_role role = ROLE_USER;
	struct la_item g = { .name = NULL };
	struct la_err err;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 1, &npos))
		return 2;
	if (npos != 1)
		return cli_usage(cmd->name, _("edit needs a LOGIN"));
	if (role_key && !role_ok(cmd, role_key, &role))
		return 2;
	if ((group && no_group) || (active && inactive))
		return cli_usage(cmd->name, _("--group and --no-group, or --active and --inactive, exclude each other"));
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (group && lists_find(ctx->db, LIST_USERGROUP, group, &g, &err) != LA_OK)
		return cli_fail(&err);
	lists_item_clear(&g);
	{
		struct users_change c = {
			.login = pos[0],
			.full_name = full,
			.role = role_key ? (int)role : -1,
			.group_id = no_group ? 0 : group ? g.id : -1,
			.active = active ? 1 : inactive ? 0 : -1,
		};

		/* All the changes, or none of them. */
		if (users_save(ctx->db, &ctx->actor, &c, &err) != LA_OK)
			return cli_fail(&err);
	}
	cli_printf(stdout, _("Saved user '%s'.\n"), pos[0]);
	return 0;
}

static int user_set_role(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *pos[2];
	enum la_role role;
	struct la_err err;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, NULL, pos, 2, &npos))
		return 2;
	if (npos != 2)
		return cli_usage(cmd->name, _("set-role needs a LOGIN and a ROLE"));
	if (!role_ok(cmd, pos[1], &role))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (rights_user_set_role(ctx->db, &ctx->actor, pos[0], role, &err) != LA_OK)
		return cli_fail(&err);
	cli_printf(stdout, _("'%s' is now %s.\n"), pos[0], rights_role_label(role));
	return 0;
}

static const struct cli_sub user_subs[] = {
	{ "list", user_list, NULL },
	{ "add", user_add, N_("LOGIN [--name FULL NAME] [--role ROLE]") },
	{ "edit", user_edit, N_("LOGIN [--name FULL NAME] [--role ROLE] [--group GROUP | --no-group]\n"
				"[--active | --inactive]") },
	{ "set-role", user_set_role, N_("LOGIN ROLE") },
	{ NULL, NULL, NULL },
};

static const struct cli_cmd user_cmd = {
	"user", user_subs,
	N_("ROLE is general-admin, list-admin or user (the default). Only a\n"
	   "General administrator adds users or changes roles; General and List\n"
	   "administrators change lists.\n"),
	NULL,
};

static int cmd_user(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &user_cmd, argc, argv);
}

struct command {
	const char *name;
	int (*run)(struct cli_ctx *ctx, int argc, char **argv);
};

static const struct command commands[] = {
	{ "init", cmd_init },
	{ "upgrade", cmd_upgrade },
	{ "add-defaults", cmd_add_defaults },
	{ "setup-check", cmd_setup_check },
	{ "recount", cmd_recount },
	{ "export", cmd_export },
	{ "import", cmd_import },
	{ "user", cmd_user },
	{ "licence", cli_licence },
	{ "marketing", cli_marketing },
	{ "automation", cli_automation },
	{ "lead", cli_lead },
	{ "submit", cli_submit },
	{ "events", cli_events },
	{ "leads", cli_leads },
	{ "utm", cli_utm },
	{ "backup", cli_backup },
	{ "copy", cli_copy },
	{ "log", cli_log },
};

int cli_run(struct cli_ctx *ctx, int argc, char **argv)
{
	enum la_list list;
	size_t i;

	/* Every list is a command of its own: its definition's word. */
	if (lists_by_command(argv[0], &list))
		return cli_list(ctx, list, argc, argv);
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (strcmp(argv[0], commands[i].name) == 0)
			return commands[i].run(ctx, argc, argv);
	cli_printf(stderr, _("leadadmin: unknown command '%s' (see: leadadmin --help)\n"), argv[0]);
	return 2;
}
