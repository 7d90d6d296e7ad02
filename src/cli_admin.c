/* The maintenance commands: `backup FILE` and `log` (the audit log). */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"
#include "backup.h"
#include "cli.h"
#include "cli_util.h"
#include "copy.h"
#include "dbfile.h"
#include "i18n.h"
#include "json.h"
#include "text.h"

static bool wants_help(int argc, char **argv)
{
	return argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0);
}

int cli_backup(struct cli_ctx *ctx, int argc, char **argv)
{
	bool force = false, help = false;
	const struct cli_opt opts[] = {
		{ "--force", OPT_FLAG, NULL, &force },
		{ "--help", OPT_FLAG, NULL, &help },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct la_err err;
	struct progress prog;
	enum la_status st;
	int npos, rc;

	if (wants_help(argc, argv)) {
		fputs(_("Usage: leadadmin backup FILE [--force]\n"
			"Copies the database to FILE while others may go on working\n"
			"(SQLite's online backup): one consistent state, checked with PRAGMA\n"
			"integrity_check, readable by you only (mode 0600). An existing FILE\n"
			"is replaced only with --force.\n"), stdout);
		return 0;
	}
	if (!cli_parse("backup", argc, argv, opts, pos, 1, &npos))
		return 2;
	if (npos != 1)
		return cli_usage("backup", _("backup needs a FILE"));
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	cli_progress_start(ctx, &prog, _("Backing up"), PROGRESS_PAGES, 0);
	st = backup_to(ctx->db, pos[0], force, &err);
	cli_progress_end(ctx, &prog);
	if (st != LA_OK)
		return cli_fail(&err);
	cli_printf(stdout, _("Saved a copy of %s as %s; its integrity check passed.\n"),
		   ctx->db_path, pos[0]);
	return 0;
}

int cli_copy(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *to = NULL, *from = NULL;
	bool help = false;
	const struct cli_opt opts[] = {
		{ "--to", OPT_VALUE, &to, NULL },
		{ "--from", OPT_VALUE, &from, NULL },
		{ "--help", OPT_FLAG, NULL, &help },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct la_err err;
	struct la_actor actor;
	struct progress prog;
	struct copy_result res;
	struct db *src = NULL;
	enum la_status st;
	char *shown;
	int npos, rc;

	if (wants_help(argc, argv)) {
		fputs(_("Usage: leadadmin [--db PATH] copy --to PATH|URL\n"
			"       leadadmin [--db PATH] copy --from PATH|URL\n"
			"Copies the whole database into a new one: lists, users and their\n"
			"rights, Marketing settings, companies, persons, submissions, sale\n"
			"events and the change log, with the same ids. --to copies this\n"
			"database (--db) to PATH or URL; --from copies PATH or URL into a new\n"
			"database at --db. The target is a missing or empty file, or an empty\n"
			"PostgreSQL database (postgresql://...); a target with data is\n"
			"refused. The target is written in one transaction: a failure leaves\n"
			"nothing behind. Only a General administrator of the source copies\n"
			"it. On PostgreSQL each active user gets the database's role of their\n"
			"role, when the server has a role for their login.\n"), stdout);
		return 0;
	}
	if (!cli_parse("copy", argc, argv, opts, pos, 0, &npos))
		return 2;
	if (!to == !from)
		return cli_usage("copy", _("copy needs either --to PATH|URL or --from PATH|URL"));
	if ((to && !*to) || (from && !*from))
		return cli_usage("copy", _("--to and --from need a PATH or URL, not an empty one"));
	la_err_clear(&err);
	if (to) {
		if ((rc = cli_open(ctx)))
			return rc;
		src = ctx->db;
		actor = ctx->actor;
	} else {
		/* The source is read only; the target is --db, made new. */
		if ((rc = cli_default_folder(ctx)))
			return rc;
		if (db_open(from, DB_OPEN_READONLY, NULL, rights_os_login(), &src, &err) != LA_OK ||
		    rights_actor(src, &actor, &err) != LA_OK) {
			db_close(src);
			return cli_fail(&err);
		}
		db_set_busy_timeout(src, ctx->conf->busy_timeout_ms);
		to = ctx->db_path;
	}
	progress_init(&prog, stderr, !ctx->quiet);
	progress_start(&prog, _("Copying"), PROGRESS_ITEMS, 0);
	db_set_progress(src, progress_cb, &prog);
	db_set_progress_stage(src, progress_stage_cb);
	st = copy_database(src, &actor, to, &res, &err);
	db_set_progress(src, NULL, NULL);
	db_set_progress_stage(src, NULL);
	progress_end(&prog);
	if (src != ctx->db)
		db_close(src);
	if (st != LA_OK) {
		copy_result_free(&res);
		return cli_fail(&err);
	}
	cli_printf(stdout, _("Copied %s to %s: %" PRIu64 " rows in %zu tables.\n"),
		   res.source, res.shown, res.rows, res.tables);
	shown = dbfile_shell_word(res.shown);
	for (const char *login = res.logins; res.nlogins--;) {
		const char *role = login + strlen(login) + 1;
		char *word = dbfile_shell_word(login);

		cli_printf(stderr, _("leadadmin: %s: the server has no role for the login %s, who "
				     "cannot use the copy yet; the server's administrator makes one "
				     "with: createuser -- %s, then: leadadmin --db %s user set-role %s %s\n"),
			   res.shown, word, word, shown, word, role);
		free(word);
		login = role + strlen(role) + 1;
	}
	free(shown);
	copy_result_free(&res);
	return 0;
}

/* Printing the log as it is read: a row is written when it is stepped,
 * and nothing is kept but the table's column widths. */
enum { LOG_COLS = 6 };

struct log_out {
	enum cli_format fmt;
	size_t limit;          /* rows to print; 0: all */
	size_t n;              /* rows printed */
	bool more;             /* a row beyond the limit was there */
	struct cli_table t;    /* the table's column widths */
	struct jbuf json;      /* a JSON row, one buffer for all */
	char item[40];
	/* The list column of the last few lists met: a log names a handful
	 * of lists, and each would be looked up (and translated) again. */
	struct {
		char key[32];
		const char *shown;
	} lists[8];
	size_t nlists;
};

static const char *log_list(struct log_out *o, const char *key)
{
	const char *shown;

	for (size_t i = 0; i < o->nlists; i++)
		if (strcmp(o->lists[i].key, key) == 0)
			return o->lists[i].shown;
	shown = o->fmt == FORMAT_TSV ? auditlog_list_name(key) : auditlog_list_label(key);
	/* An unknown list shows as itself: that text is the row's, not ours. */
	if (shown != key && o->nlists < sizeof(o->lists) / sizeof(o->lists[0]) &&
	    strlen(key) < sizeof(o->lists[0].key)) {
		snprintf(o->lists[o->nlists].key, sizeof(o->lists[0].key), "%s", key);
		o->lists[o->nlists++].shown = shown;
	}
	return shown;
}

/* One row as the cells of the table or TSV; the list column shows the
 * label in a table, the command-line name in TSV. */
static void log_cells(struct log_out *o, const struct auditlog_row *r, const char **row)
{
	if (*r->item)
		row[3] = r->item;
	else if (r->item_id) {
		snprintf(o->item, sizeof(o->item), "#%" PRId64, r->item_id);
		row[3] = o->item;
	} else
		row[3] = "";
	row[0] = r->at;
	row[1] = r->login;
	row[2] = log_list(o, r->list);
	row[4] = r->action;
	row[5] = r->changes ? r->changes : "";
}

/* True while there is a row to print and stdout takes what is written:
 * a full disk or a closed pipe ends the reading, main reports it. */
static bool log_take(struct log_out *o)
{
	if (o->limit && o->n == o->limit) {
		o->more = true;
		return false;
	}
	return !ferror(stdout);
}

/* The list column's width: that of each list's label. */
static void log_list_width(void *ctx, const char *key)
{
	struct log_out *o = ctx;
	int w = text_width(log_list(o, key));

	if (w > o->t.w[2])
		o->t.w[2] = w;
}

static bool log_line(void *ctx, const struct auditlog_row *r)
{
	struct log_out *o = ctx;
	const char *row[LOG_COLS];

	if (!log_take(o))
		return false;
	o->n++;
	log_cells(o, r, row);
	if (o->fmt == FORMAT_TSV)
		cli_tsv_line(stdout, row, LOG_COLS);
	else
		cli_table_line(&o->t, row, stdout);
	return true;
}

static bool log_json(void *ctx, const struct auditlog_row *r)
{
	struct log_out *o = ctx;
	struct jbuf *b = &o->json;

	if (!log_take(o))
		return false;
	b->len = 0;
	jbuf_addf(b, "%s\n  {\"id\": %" PRId64 ", \"at\": ", o->n++ ? "," : "", r->id);
	jbuf_string(b, r->at);
	jbuf_add(b, ", \"login\": ");
	jbuf_string(b, r->login);
	jbuf_add(b, ", \"list\": ");
	jbuf_string(b, auditlog_list_name(r->list));
	if (r->item_id)
		jbuf_addf(b, ", \"item_id\": %" PRId64 ", \"item\": ", r->item_id);
	else
		jbuf_add(b, ", \"item_id\": null, \"item\": ");
	if (*r->item)
		jbuf_string(b, r->item);
	else
		jbuf_add(b, "null");
	jbuf_add(b, ", \"action\": ");
	jbuf_string(b, r->action);
	jbuf_add(b, ", \"old\": ");
	jbuf_add(b, r->old_json);
	jbuf_add(b, ", \"new\": ");
	jbuf_add(b, r->new_json);
	jbuf_add(b, ", \"changes\": ");
	jbuf_string(b, r->changes);
	jbuf_add(b, "}");
	fwrite(b->s, 1, b->len, stdout);
	return true;
}

/* The log of q in o's format. A table needs its column widths before its
 * first line: the database finds them first (auditlog_widths), in one read
 * transaction with the reading so that both see the same rows. */
static enum la_status print_log(struct db *db, struct auditlog_query *q, struct log_out *o,
				struct la_err *err)
{
	const char *heads[LOG_COLS] = { _("When (UTC)"), _("Who"), _("List"), _("Item"),
					_("Action"), _("Changes") };
	const char *keys[LOG_COLS] = { "at", "login", "list", "item", "action", "changes" };
	struct auditlog_widths w;
	enum la_status s;
	bool started;

	switch (o->fmt) {
	case FORMAT_JSON:
		/* One row more than asked tells whether there are more. */
		q->limit = o->limit ? o->limit + 1 : 0;
		q->json = true;
		fputs("[", stdout);
		jbuf_init(&o->json);
		s = auditlog_each(db, q, log_json, o, err);
		jbuf_free(&o->json);
		fputs(o->n ? "\n]\n" : "]\n", stdout);
		return s;
	case FORMAT_TSV:
		q->limit = o->limit ? o->limit + 1 : 0;
		cli_tsv_line(stdout, keys, LOG_COLS);
		return auditlog_each(db, q, log_line, o, err);
	case FORMAT_TABLE:
		break;
	}
	if (db_read_begin(db, &started, err) != LA_OK)
		return LA_DB;
	cli_table_init(&o->t, LOG_COLS, heads);
	q->limit = o->limit;
	s = auditlog_widths(db, q, &w, log_list_width, o, err);
	if (s == LA_OK) {
		/* The last column is never padded (a line has no trailing blanks). */
		const int found[LOG_COLS - 1] = { w.at, w.login, 0, w.item, w.action };

		for (int c = 0; c < LOG_COLS - 1; c++)
			if (found[c] > o->t.w[c])
				o->t.w[c] = found[c];
		cli_table_head(&o->t, stdout);
		q->limit = o->limit ? o->limit + 1 : 0;
		s = auditlog_each(db, q, log_line, o, err);
	}
	db_read_end(db, started);
	cli_table_free(&o->t);
	return s;
}

int cli_log(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *since = NULL, *list = NULL, *format = NULL, *limit_s = NULL;
	const struct cli_opt opts[] = {
		{ "--since", OPT_VALUE, &since, NULL },
		{ "--list", OPT_VALUE, &list, NULL },
		{ "--limit", OPT_VALUE, &limit_s, NULL },
		{ "--format", OPT_VALUE, &format, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1], *key = NULL;
	char since_at[20];
	struct auditlog_query q = { 0 };
	struct log_out out = { 0 };
	enum cli_format fmt;
	struct la_err err;
	size_t limit = AUDITLOG_DEFAULT_LIMIT;
	int npos, rc;

	if (wants_help(argc, argv)) {
		fputs(_("Usage: leadadmin log [--since DATE] [--list LIST] [--limit N]\n"
			"                     [--format table|tsv|json]\n"
			"The audit log, newest first: when (UTC), who, which list and item\n"
			"(its current name), the action and the fields it changed, old and new.\n"
			"DATE is YYYY-MM-DD or \"YYYY-MM-DD HH:MM[:SS]\" in UTC. LIST is category,\n"
			"lead-status, user, usergroup, licence, marketing, schema, automation,\n"
			"company, person or utm. --limit shows the newest N changes (default\n"
			"1000; 0: all). TSV columns: at, login, list, item, action, changes;\n"
			"JSON adds the old and new values.\n"),
		      stdout);
		return 0;
	}
	if (!cli_parse("log", argc, argv, opts, pos, 0, &npos) ||
	    !cli_format_parse("log", format, &fmt))
		return 2;
	if (since && !auditlog_parse_since(since, since_at))
		return cli_usage("log", _("--since needs a date like 2026-11-30 or \"2026-11-30 14:00\", not '%s'"),
				 since);
	if (list && !(key = auditlog_list_key(list)))
		return cli_usage("log", _("unknown list '%s': use one of %s"), list,
				 auditlog_list_names());
	if (limit_s) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(limit_s, &end, 10);
		if (errno || end == limit_s || *end || v < 0)
			return cli_usage("log", _("--limit needs a number, 0 for all, not '%s'"),
					 limit_s);
		limit = (size_t)v;
	}
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	q.since = since ? since_at : NULL;
	q.list = key;
	out.fmt = fmt;
	out.limit = limit;
	if (print_log(ctx->db, &q, &out, &err) != LA_OK)
		return cli_fail(&err);
	if (out.more)
		fprintf(stderr, ngettext("leadadmin: this is the newest change; --limit 0 shows all\n",
					 "leadadmin: these are the newest %zu changes; --limit 0 shows all\n",
					 (unsigned long)limit), limit);
	return 0;
}
