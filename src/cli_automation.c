/* The command line of Lead categorization: `automation show|set` and
 * `lead set-status`. */
#include "config.h"
#include "cli.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation.h"
#include "cli_util.h"
#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "text.h"

/* The name of item id of list, or "" (caller frees): as shown in the
 * program's language, or as stored when stored is true (tsv, like the
 * lists' own tsv). */
static char *item_name(struct cli_ctx *ctx, enum la_list list, int64_t id, bool stored)
{
	struct la_item it;
	char shown[LISTS_SHOWN_MAX];
	char *name;

	if (!id || lists_get(ctx->db, list, id, &it, NULL) != LA_OK)
		return strdup("");
	name = strdup(stored ? it.name : lists_shown(it.name, shown, sizeof shown));
	lists_item_clear(&it);
	return name;
}

static const char *show_keys[] = { "trigger", "enabled", "category", "leadstatus", "confirm" };

static int automation_show(struct cli_ctx *ctx, enum cli_format fmt)
{
	const char *heads[] = { _("Rule"), _("On"), _("Set category to"), _("Lead status"),
				_("Ask for confirmation") };
	struct auto_rule rules[AUTO_COUNT];
	struct cli_table t;
	struct jbuf b;
	struct la_err err;

	la_err_clear(&err);
	if (automation_load(ctx->db, rules, &err) != LA_OK)
		return cli_fail(&err);
	cli_table_init(&t, 5, heads);
	jbuf_init(&b);
	if (fmt == FORMAT_JSON && automation_json(ctx->db, &b, &err) != LA_OK) {
		jbuf_free(&b);
		cli_table_free(&t);
		return cli_fail(&err);
	}
	for (int i = 0; i < AUTO_COUNT; i++) {
		const struct auto_rule *r = &rules[i];
		char *cat = item_name(ctx, LIST_CATEGORY, r->category_id, fmt == FORMAT_TSV);
		char *st = item_name(ctx, LIST_LEADSTATUS, r->leadstatus_id, fmt == FORMAT_TSV);
		const char *row[5] = { fmt == FORMAT_TABLE ? automation_trigger_word(r->trigger)
							    : automation_trigger_key(r->trigger),
				       r->enabled ? (fmt == FORMAT_TABLE ? _("on") : "on")
						  : (fmt == FORMAT_TABLE ? _("off") : "off"),
				       cat, st,
				       r->confirm ? (fmt == FORMAT_TABLE ? _("yes") : "yes")
						  : (fmt == FORMAT_TABLE ? _("no") : "no") };

		if (!cat || !st)
			abort();
		cli_table_row(&t, row);
		free(cat);
		free(st);
	}
	if (fmt == FORMAT_JSON)
		printf("%s\n", b.s);
	else if (fmt == FORMAT_TSV)
		cli_table_tsv(&t, show_keys, stdout);
	else
		cli_table_print(&t, stdout);
	if (fmt == FORMAT_TABLE)
		puts(_("The sale rules apply to the sale events that the CRM hands over: leadadmin events FILE."));
	jbuf_free(&b);
	cli_table_free(&t);
	return 0;
}

static int automation_show_cmd(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
			       char **argv)
{
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{ "--format", OPT_VALUE, &format, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	enum cli_format fmt = FORMAT_TABLE;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 0, &npos))
		return 2;
	if (format && !cli_format_parse(cmd->name, format, &fmt))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	return automation_show(ctx, fmt);
}

static int automation_set(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *category = NULL, *status = NULL, *confirm = NULL;
	const struct cli_opt opts[] = {
		{ "--category", OPT_VALUE, &category, NULL },
		{ "--status", OPT_VALUE, &status, NULL },
		{ "--confirm", OPT_VALUE, &confirm, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[2];
	struct auto_rule rules[AUTO_COUNT], *r;
	enum auto_trigger t;
	struct la_item it;
	struct la_err err;
	bool off;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 2, &npos))
		return 2;
	if (npos < 1)
		return cli_usage(cmd->name, _("set needs a rule: sale-registered, sale-sold, sale-lost or lead-status"));
	if (!automation_trigger_parse(pos[0], &t))
		return cli_usage(cmd->name, _("unknown rule '%s': use sale-registered, sale-sold, sale-lost or lead-status"),
				 pos[0]);
	off = npos == 2 && strcmp(pos[1], "off") == 0;
	if (npos == 2 && !off)
		return cli_usage(cmd->name, _("after the rule comes 'off' or the options, not '%s'"), pos[1]);
	if (off && confirm)
		return cli_usage(cmd->name, "%s", _("'off' takes --category and --status, not --confirm"));
	if (!off && !category && !status && !confirm)
		return cli_usage(cmd->name, "%s", _("set needs --category ITEM (and --status S for lead-status), --confirm on|off, or off"));
	if (status && t != AUTO_LEAD_STATUS)
		return cli_usage(cmd->name, "%s", _("--status is only for the lead-status rule"));
	if (confirm && strcmp(confirm, "on") != 0 && strcmp(confirm, "off") != 0)
		return cli_usage(cmd->name, _("--confirm takes on or off, not '%s'"), confirm);
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (automation_load(ctx->db, rules, &err) != LA_OK)
		return cli_fail(&err);
	r = &rules[t - 1];
	r->enabled = !off;
	if (category) {
		if (lists_find(ctx->db, LIST_CATEGORY, category, &it, &err) != LA_OK)
			return cli_fail(&err);
		r->category_id = it.id;
		lists_item_clear(&it);
	}
	if (status) {
		if (lists_find(ctx->db, LIST_LEADSTATUS, status, &it, &err) != LA_OK)
			return cli_fail(&err);
		r->leadstatus_id = it.id;
		lists_item_clear(&it);
	}
	if (confirm)
		r->confirm = strcmp(confirm, "on") == 0;
	if (automation_save(ctx->db, &ctx->actor, rules, &err) != LA_OK)
		return cli_fail(&err);
	return automation_show(ctx, FORMAT_TABLE);
}

static const struct cli_sub automation_subs[] = {
	{ "show", automation_show_cmd, N_("[--format table|tsv|json]") },
	{ "set", automation_set,
	  N_("sale-registered|sale-sold|sale-lost|lead-status --category ITEM\n"
	     "[--status S] [--confirm on|off]\n"
	     "or: set RULE off [--category ITEM] [--status S] (changes an off\n"
	     "rule's items and leaves it off)") },
	{ NULL, NULL, NULL },
};

static const struct cli_cmd automation_cmd = {
	"automation", automation_subs,
	N_("Lead categorization (Workflow > Lead categorization): a rule moves a\n"
	   "company to the category it names when a sale is registered, sold or\n"
	   "lost, or when a contact's lead status is set to the status it names;\n"
	   "only a company whose category is in Potential customer (and, for the\n"
	   "lead-status rule, has lead status on). leadadmin has no sales: the sale\n"
	   "rules apply to the sale events that the CRM hands over as JSON lines\n"
	   "(leadadmin events FILE). General and List administrators change the\n"
	   "rules.\n"),
	NULL,
};

int cli_automation(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &automation_cmd, argc, argv);
}

/* ---- lead set-status */

static int lead_set_status(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *category = NULL;
	bool yes = false;
	const struct cli_opt opts[] = {
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ "--category", OPT_VALUE, &category, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[2];
	struct auto_outcome out;
	struct la_item st, cat = { .name = NULL };
	char shown[LISTS_SHOWN_MAX];
	struct la_err err;
	int64_t person;
	enum la_status s;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 2, &npos))
		return 2;
	if (npos != 2)
		return cli_usage(cmd->name, "%s", _("set-status needs a PERSON (e-mail address or id) and a STATUS"));
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (automation_find_person(ctx->db, pos[0], &person, &err) != LA_OK ||
	    lists_find(ctx->db, LIST_LEADSTATUS, pos[1], &st, &err) != LA_OK)
		return cli_fail(&err);
	if (category && lists_find(ctx->db, LIST_CATEGORY, category, &cat, &err) != LA_OK) {
		lists_item_clear(&st);
		return cli_fail(&err);
	}
	s = automation_lead_set_status(ctx->db, &ctx->actor, person, st.id, yes, cat.id, &out, &err);
	if (s == LA_CONFIRM) {
		cli_printf(stdout, _("%s Nothing was changed; add --yes to go ahead.\n"), err.msg);
		rc = 1;
	} else if (s != LA_OK) {
		rc = cli_fail(&err);
	} else if (!out.status_changed) {
		cli_printf(stdout, _("%s has the lead status '%s' already; nothing was changed.\n"), pos[0],
			   lists_shown(st.name, shown, sizeof shown));
	} else {
		cli_printf(stdout, _("%s: lead status '%s'.\n"), pos[0],
			   lists_shown(st.name, shown, sizeof shown));
		if (out.new_category) {
			char *from = item_name(ctx, LIST_CATEGORY, out.old_category, false);
			char *to = item_name(ctx, LIST_CATEGORY, out.new_category, false);

			cli_printf(stdout, _("Lead categorization moved the company from '%s' to '%s'.\n"),
				   from ? from : "", to ? to : "");
			free(from);
			free(to);
		} else if (out.why_not) {
			cli_printf(stdout, _("The lead categorization rule for this status did not apply: %s.\n"),
				   _(out.why_not));
		}
	}
	lists_item_clear(&st);
	lists_item_clear(&cat);
	return rc;
}

static const struct cli_sub lead_subs[] = {
	{ "set-status", lead_set_status, N_("PERSON STATUS [--yes] [--category ITEM]") },
	{ NULL, NULL, NULL },
};

static const struct cli_cmd lead_cmd = {
	"lead", lead_subs,
	N_("PERSON is an e-mail address or a person's id. Setting a status applies\n"
	   "the lead-status rule of Lead categorization (leadadmin automation): when\n"
	   "it asks for confirmation, nothing changes without --yes (the suggested\n"
	   "category) or --category ITEM (another one).\n"),
	NULL,
};

int cli_lead(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &lead_cmd, argc, argv);
}

/* ---- events */

struct events_out {
	struct cli_lines lines;
	struct cli_ctx *ctx;
};

static void events_report(void *arg, long line, const struct event_result *res)
{
	struct events_out *o = arg;

	switch (res->outcome) {
	case EVENT_REJECTED:
		cli_lines_reject(&o->lines, line, res->reason);
		break;
	case EVENT_CONFIRM:
		progress_clear(&o->lines.prog);
		cli_printf(stdout, _("%s:%ld: %s; nothing was changed.\n"), o->lines.file, line,
			   res->reason);
		break;
	case EVENT_APPLIED: {
		char *from = item_name(o->ctx, LIST_CATEGORY, res->old_category, false);
		char *to = item_name(o->ctx, LIST_CATEGORY, res->new_category, false);

		progress_clear(&o->lines.prog);
		cli_printf(stdout, _("%s:%ld: Lead categorization moved the company from '%s' to '%s' (rule: %s).\n"),
			   o->lines.file, line, from ? from : "", to ? to : "",
			   _(automation_trigger_label(res->trigger)));
		free(from);
		free(to);
		break;
	}
	default:
		break;
	}
}

int cli_events(struct cli_ctx *ctx, int argc, char **argv)
{
	bool strict = false, yes = false;
	const char *category = NULL;
	const struct cli_opt opts[] = {
		{ "--strict", OPT_FLAG, NULL, &strict },
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ "--category", OPT_VALUE, &category, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct event_summary sum;
	struct events_out out = { .ctx = ctx };
	struct la_item cat = { .name = NULL };
	struct la_err err;
	int npos, rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(_("Usage: leadadmin events [FILE|-] [--strict] [--yes] [--category ITEM]\n"
			"Reads the CRM's sale events, one JSON object a line: id, sale, company\n"
			"(the company's id as a number, or its name as a text), event (registered,\n"
			"sold or lost) and when (ISO 8601). Each applies the sale rule of Lead\n"
			"categorization for its event (leadadmin automation) to a company whose\n"
			"category is in Potential customer. When the rule asks for confirmation,\n"
			"nothing changes for that event without --yes (the rule's category) or\n"
			"--category ITEM (another one). An id seen before is skipped. A malformed\n"
			"line is reported and changes nothing; --strict stops there.\n"), stdout);
		return 0;
	}
	if (!cli_parse("events", argc, argv, opts, pos, 1, &npos))
		return 2;
	if (cli_lines_open(&out.lines, npos == 1 ? pos[0] : NULL,
			   _("leadadmin: %s: is a folder, not a file of sale events\n")))
		return 1;
	if ((rc = cli_open(ctx))) {
		cli_lines_close(&out.lines);
		return rc;
	}
	la_err_clear(&err);
	if (category && lists_find(ctx->db, LIST_CATEGORY, category, &cat, &err) != LA_OK) {
		cli_lines_close(&out.lines);
		return cli_fail(&err);
	}
	cli_progress_start(ctx, &out.lines.prog, _("Sale events"), PROGRESS_BYTES, out.lines.size);
	rc = automation_events(ctx->db, &ctx->actor, out.lines.in, strict, yes, cat.id,
			       events_report, &out, &sum, &err);
	cli_progress_end(ctx, &out.lines.prog);
	cli_lines_close(&out.lines);
	lists_item_clear(&cat);
	if (rc != LA_DENIED && !(rc == LA_REFUSED && !sum.applied && !sum.unchanged &&
				 !sum.skipped && !sum.confirm && !sum.rejected))
		printf(_("Sale events: %ld applied, %ld unchanged, %ld skipped, %ld awaiting confirmation, %ld rejected.\n"),
		       sum.applied, sum.unchanged, sum.skipped, sum.confirm, sum.rejected);
	if (rc == LA_OK && sum.confirm)
		fputs(_("leadadmin: the events awaiting confirmation changed nothing; run them again with --yes (the rule's category) or --category ITEM\n"),
		      stderr);
	if (rc == LA_OK && sum.stopped)
		fputs(_("leadadmin: stopped at the first rejected line (--strict)\n"), stderr);
	if (rc != LA_OK)
		return cli_fail(&err);
	return sum.rejected || sum.confirm ? 1 : 0;
}
