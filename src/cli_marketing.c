/* The command line of Marketing Premium: licence, usergroup, marketing,
 * submit and leads. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bar.h"
#include "cli_util.h"
#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "marketing.h"
#include "overview.h"
#include "submit.h"
#include "text.h"
#include "users.h"

/* ---- licence */

static int licence_list(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *heads[] = { _("Licence"), _("Enabled"), _("Changed") };
	const char *pos[1];
	struct la_licence *v;
	struct cli_table t;
	struct la_err err;
	size_t n, i;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, NULL, pos, 0, &npos))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (marketing_licences(ctx->db, &v, &n, &err) != LA_OK)
		return cli_fail(&err);
	cli_table_init(&t, 3, heads);
	for (i = 0; i < n; i++) {
		const char *row[] = { v[i].name, v[i].enabled ? _("yes") : _("no"), v[i].updated };

		cli_table_row(&t, row);
	}
	cli_table_print(&t, stdout);
	cli_table_free(&t);
	marketing_licences_free(v, n);
	return 0;
}

/* enable and disable. */
static int licence_set(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	bool on = strcmp(argv[0], "enable") == 0;
	const char *pos[1];
	struct la_err err;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, NULL, pos, 1, &npos))
		return 2;
	if (npos != 1)
		return cli_usage(cmd->name, _("use: list, enable NAME or disable NAME"));
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (marketing_set_licence(ctx->db, &ctx->actor, pos[0], on, &err) != LA_OK)
		return cli_fail(&err);
	cli_printf(stdout, on ? _("Licence '%s' is enabled.\n") : _("Licence '%s' is disabled.\n"), pos[0]);
	return 0;
}

static const struct cli_sub licence_subs[] = {
	{ "list", licence_list, NULL },
	{ "enable", licence_set, N_("NAME") },
	{ "disable", licence_set, N_("NAME") },
	{ NULL, NULL, NULL },
};

static const struct cli_cmd licence_cmd = {
	"licence", licence_subs,
	N_("NAME is a licence: marketing-premium. Only a General administrator\n"
	   "enables or disables one.\n"),
	NULL,
};

int cli_licence(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &licence_cmd, argc, argv);
}

/* The login of associate id for messages, "-" for none (into buf). */
static const char *login_of(struct cli_ctx *ctx, int64_t id, char *buf, size_t len)
{
	if (!id || rights_login_of(ctx->db, id, buf, len, NULL) != LA_OK)
		snprintf(buf, len, "-");
	return buf;
}

static int64_t associate_by_login(struct cli_ctx *ctx, const char *login)
{
	struct la_actor a;
	struct la_err err;

	if (rights_actor_for(ctx->db, login, &a, &err) != LA_OK)
		return 0;
	return a.associate_id;
}

static int marketing_show(struct cli_ctx *ctx, const struct marketing_settings *ms)
{
	struct la_item cat, g;
	char login[64];
	size_t i;
	bool licensed = marketing_licensed(ctx->db, LICENCE_MARKETING_PREMIUM);

	printf(_("Marketing Premium licence: %s\n"), licensed ? _("enabled") : _("not enabled"));
	printf(_("UTM data transfer on form submissions: %s\n"), ms->utm_enabled ? _("on") : _("off"));
	printf("%s", _("Default category for companies from forms: "));
	if (ms->form_category_id && lists_get(ctx->db, LIST_CATEGORY, ms->form_category_id, &cat, NULL) == LA_OK) {
		char b[LISTS_SHOWN_MAX];

		cli_put(stdout, lists_shown(cat.name, b, sizeof b));
		lists_item_clear(&cat);
	} else {
		fputs(_("(none)"), stdout);
	}
	printf(_("\nDistribute to owner: %s\n"), marketing_mode_key(ms->mode));
	if (ms->mode == DISTRIBUTE_GROUP) {
		printf("%s", _("  user group: "));
		if (lists_get(ctx->db, LIST_USERGROUP, ms->group_id, &g, NULL) == LA_OK) {
			char b[LISTS_SHOWN_MAX];

			cli_put(stdout, lists_shown(g.name, b, sizeof b));
			lists_item_clear(&g);
		}
		putchar('\n');
	}
	if (ms->mode == DISTRIBUTE_ASSOCIATES) {
		printf("%s", _("  associates:"));
		for (i = 0; i < ms->nassociates; i++)
			cli_printf(stdout, " %s", login_of(ctx, ms->associates[i], login, sizeof(login)));
		putchar('\n');
	}
	printf(_("Only apply new owner if the contact is currently unassigned: %s\n"),
	       ms->only_unassigned ? _("yes") : _("no"));
	cli_printf(stdout, _("If no one is available, assign contacts to: %s\n"),
		   login_of(ctx, ms->fallback_id, login, sizeof(login)));
	if (!licensed)
		puts(_("Without the licence, submissions create contacts but store no UTM data and assign no owner."));
	return 0;
}

static bool on_off(const char *v, bool *out)
{
	if (strcmp(v, "on") == 0 || strcmp(v, "yes") == 0) {
		*out = true;
		return true;
	}
	if (strcmp(v, "off") == 0 || strcmp(v, "no") == 0) {
		*out = false;
		return true;
	}
	return false;
}

static int marketing_show_cmd(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc,
			      char **argv)
{
	const char *pos[1];
	struct marketing_settings ms;
	struct la_err err;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, NULL, pos, 0, &npos))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (marketing_load(ctx->db, &ms, &err) != LA_OK)
		return cli_fail(&err);
	rc = marketing_show(ctx, &ms);
	marketing_settings_free(&ms);
	return rc;
}

static int marketing_set(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *utm = NULL, *cat = NULL, *mode = NULL, *group = NULL, *assoc = NULL,
		   *only = NULL, *fallback = NULL;
	const struct cli_opt opts[] = {
		{ "--utm", OPT_VALUE, &utm, NULL },
		{ "--form-category", OPT_VALUE, &cat, NULL },
		{ "--distribute", OPT_VALUE, &mode, NULL },
		{ "--group", OPT_VALUE, &group, NULL },
		{ "--associates", OPT_VALUE, &assoc, NULL },
		{ "--only-unassigned", OPT_VALUE, &only, NULL },
		{ "--fallback", OPT_VALUE, &fallback, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct marketing_settings ms;
	struct la_err err;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 0, &npos))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (marketing_load(ctx->db, &ms, &err) != LA_OK)
		return cli_fail(&err);
	rc = 2;
	if (utm && !on_off(utm, &ms.utm_enabled)) {
		cli_usage(cmd->name, _("--utm takes on or off, not '%s'"), utm);
		goto out;
	}
	if (only && !on_off(only, &ms.only_unassigned)) {
		cli_usage(cmd->name, _("--only-unassigned takes on or off, not '%s'"), only);
		goto out;
	}
	if (mode && !marketing_mode_parse(mode, &ms.mode)) {
		cli_usage(cmd->name, _("--distribute takes off, associates or group, not '%s'"), mode);
		goto out;
	}
	rc = 1;
	if (cat) {
		struct la_item item;

		if (strcmp(cat, "none") == 0) {
			ms.form_category_id = 0;
		} else if (lists_find(ctx->db, LIST_CATEGORY, cat, &item, &err) != LA_OK) {
			rc = cli_fail(&err);
			goto out;
		} else {
			ms.form_category_id = item.id;
			lists_item_clear(&item);
		}
	}
	if (group) {
		struct la_item g;

		if (lists_find(ctx->db, LIST_USERGROUP, group, &g, &err) != LA_OK) {
			rc = cli_fail(&err);
			goto out;
		}
		ms.group_id = g.id;
		lists_item_clear(&g);
	}
	if (assoc) {
		char *copy = strdup(assoc), *tok, *save = NULL;

		if (!copy)
			abort();
		ms.nassociates = 0;
		for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
			int64_t id = associate_by_login(ctx, tok);

			if (!id) {
				cli_printf(stderr, _("leadadmin: there is no user with the login '%s'\n"), tok);
				free(copy);
				goto out;
			}
			ms.associates = realloc(ms.associates, (ms.nassociates + 1) * sizeof(*ms.associates));
			if (!ms.associates)
				abort();
			ms.associates[ms.nassociates++] = id;
		}
		free(copy);
	}
	if (fallback) {
		ms.fallback_id = strcmp(fallback, "none") == 0 ? 0 : associate_by_login(ctx, fallback);
		if (strcmp(fallback, "none") != 0 && !ms.fallback_id) {
			cli_printf(stderr, _("leadadmin: there is no user with the login '%s'\n"), fallback);
			goto out;
		}
	}
	if (marketing_save(ctx->db, &ctx->actor, &ms, &err) != LA_OK) {
		rc = cli_fail(&err);
		goto out;
	}
	rc = marketing_show(ctx, &ms);
out:
	marketing_settings_free(&ms);
	return rc;
}

static const struct cli_sub marketing_subs[] = {
	{ "show", marketing_show_cmd, NULL },
	{ "set", marketing_set,
	  N_("[--utm on|off] [--form-category ITEM|none]\n"
	     "[--distribute off|associates|group] [--associates LOGIN,LOGIN,...]\n"
	     "[--group GROUP] [--only-unassigned on|off] [--fallback LOGIN|none]") },
	{ "simulate", cli_marketing_simulate,
	  N_("[--last N | FILE|-] [--distribute associates|group]\n"
	     "[--format table|tsv|json]") },
	{ NULL, NULL, NULL },
};

static const struct cli_cmd marketing_cmd = {
	"marketing", marketing_subs,
	N_("The settings of Marketing Premium; only a General administrator changes\n"
	   "them. Distribute to owner shares new contacts out evenly to the selected\n"
	   "associates or to the members of one user group.\n"
	   "\n"
	   "simulate is a dry run of Distribute to owner with the current settings:\n"
	   "per owner how many contacts they would get, who is skipped and why\n"
	   "(inactive, deleted user group, not in the group) and the largest\n"
	   "difference between two owners. It writes nothing, also not the\n"
	   "rotation. It uses the same choice and rotation as submit, from where\n"
	   "the rotation stands now, so that a real submit of the same FILE gives\n"
	   "the same owners. FILE (- for standard input) holds submissions as\n"
	   "submit reads them: ids seen before are skipped, a known e-mail address\n"
	   "is a conversion. --last N (without FILE: 100) replays the last N\n"
	   "stored submissions, oldest first, from the rotation as it is now: one\n"
	   "that created a contact as a new contact, a conversion as one of a\n"
	   "contact with its current owner. It needs the licence; with Distribute\n"
	   "off, --distribute associates or group previews the stored associates\n"
	   "or user group (it also overrides the stored mode when Distribute is on).\n"
	   "TSV columns: kind (owner, fallback, skipped), login, id, contacts,\n"
	   "why (inactive, group-deleted, not-in-group).\n"),
	NULL,
};

int cli_marketing(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &marketing_cmd, argc, argv);
}

int cli_submit(struct cli_ctx *ctx, int argc, char **argv)
{
	bool strict = false;
	const struct cli_opt opts[] = {
		{ "--strict", OPT_FLAG, NULL, &strict },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct submit_summary sum;
	struct cli_lines out;
	struct la_err err;
	int npos, rc;
	long rejected;
	size_t i;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(_("Usage: leadadmin submit [FILE|-] [--strict]\n"
			"Reads web-form submissions, one JSON object a line: id, email,\n"
			"firstname, lastname, company, url, referrer, submitted (ISO 8601),\n"
			"and optional utm and firsttouch objects. A known e-mail address records\n"
			"a conversion; a new one makes a contact (and a company) in the form\n"
			"category with its UTM data and an owner. An id seen before is skipped.\n"
			"A malformed line is reported and changes nothing; --strict stops there.\n"), stdout);
		return 0;
	}
	if (!cli_parse("submit", argc, argv, opts, pos, 1, &npos))
		return 2;
	if (cli_lines_open(&out, npos == 1 ? pos[0] : NULL,
			   _("leadadmin: %s: is a folder, not a file of submissions\n")))
		return 1;
	if ((rc = cli_open(ctx))) {
		cli_lines_close(&out);
		return rc;
	}
	la_err_clear(&err);
	cli_progress_start(ctx, &out.prog, _("Submitting"), PROGRESS_BYTES, out.size);
	rc = submit_stream(ctx->db, &ctx->actor, out.in, strict, cli_lines_reject, &out, &sum, &err);
	cli_progress_end(ctx, &out.prog);
	cli_lines_close(&out);
	/* After a database error the open batch was rolled back and its counts
	 * with it: the summary says what is saved, and re-running completes
	 * the rest. */
	if (rc != LA_DENIED) {
		printf(_("Submissions: %ld created, %ld updated, %ld skipped, %ld rejected.\n"),
		       sum.created, sum.updated, sum.skipped, sum.rejected);
		for (i = 0; i < sum.nowners; i++)
			cli_printf(stdout, _("  assigned to %s: %ld\n"), sum.owners[i].login,
				   sum.owners[i].count);
	}
	if (rc == LA_OK && sum.stopped)
		fputs(_("leadadmin: stopped at the first rejected line (--strict)\n"), stderr);
	rejected = sum.rejected;
	submit_summary_free(&sum);
	if (rc == LA_REFUSED) /* the input could not be read to its end */
		la_fail(&err, err.status, err.field, "%s: %s", out.file, err.msg);
	if (rc != LA_OK && rc != LA_DENIED) {
		rc = cli_fail(&err);
		fputs(_("leadadmin: the submissions counted above were saved; run the same input again for the rest (ids already seen are skipped)\n"),
		      stderr);
		return rc;
	}
	if (rc != LA_OK)
		return cli_fail(&err);
	return rejected ? 1 : 0;
}

static void json_rows(struct jbuf *b, const struct overview *ov)
{
	int d;
	size_t i;

	for (d = 0; d < OVERVIEW_DIMS; d++) {
		jbuf_addf(b, ",\n  \"%s\": [", overview_dim_key((enum overview_dim)d));
		for (i = 0; i < ov->n[d]; i++) {
			const struct overview_row *r = &ov->rows[d][i];

			jbuf_add(b, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
			jbuf_string(b, r->label);
			jbuf_addf(b, ", \"kind\": \"%s\"", overview_kind_key(r->kind));
			if (r->id)
				jbuf_addf(b, ", \"id\": %" PRId64, r->id);
			else
				jbuf_add(b, ", \"id\": null");
			jbuf_addf(b, ", \"contacts\": %ld", r->contacts);
			if (r->companies >= 0)
				jbuf_addf(b, ", \"companies\": %ld", r->companies);
			else
				jbuf_add(b, ", \"companies\": null");
			jbuf_addf(b, ", \"deleted\": %s}", r->deleted ? "true" : "false");
		}
		jbuf_add(b, ov->n[d] ? "\n  ]" : "]");
	}
}

/* The overview as TSV: the same columns in every row (see the usage). */
static void leads_tsv(const struct overview *ov)
{
	static const char *keys[] = { "dimension", "name", "contacts", "companies",
				      "deleted", "kind", "id" };

	cli_tsv_line(stdout, keys, 7);
	for (int d = 0; d < OVERVIEW_DIMS; d++)
		for (size_t i = 0; i < ov->n[d]; i++) {
			const struct overview_row *r = &ov->rows[d][i];
			char id[24] = "", contacts[24], companies[24] = "";
			const char *row[] = { overview_dim_key((enum overview_dim)d), r->label,
					      contacts, companies, r->deleted ? "1" : "0",
					      overview_kind_key(r->kind), id };

			if (r->id)
				snprintf(id, sizeof(id), "%" PRId64, r->id);
			snprintf(contacts, sizeof(contacts), "%ld", r->contacts);
			if (r->companies >= 0)
				snprintf(companies, sizeof(companies), "%ld", r->companies);
			cli_tsv_line(stdout, row, 7);
		}
}

/* The overview as tables, one per dimension; "✗" marks a deleted item, as
 * in the screens, in a column of its own (a blank head keeps it one wide,
 * so that every table starts its labels in the same column). */
/* The columns of a bar in `leads --chart`: a fixed width, so that the
 * output is the same in any terminal. */
#define LEADS_BAR_COLS 20

static void leads_tables(const struct overview *ov, bool chart)
{
	/* Bars need UTF-8 for the block characters; '#' otherwise. */
	bool unicode = i18n_user_utf8();

	printf(_("Leads (contacts with a lead status): %ld\n"), ov->total);
	for (int d = 0; d < OVERVIEW_DIMS; d++) {
		struct cli_table t;
		const char *heads[5] = { " ", overview_dim_title((enum overview_dim)d), _("Contacts") };
		int ncols = 3, bar = -1, companies = -1;
		long max = 0;

		if (chart) {
			bar = ncols;
			heads[ncols++] = " ";
		}
		if (d == OVERVIEW_CATEGORY) {
			companies = ncols;
			heads[ncols++] = _("Companies");
		}
		for (size_t i = 0; i < ov->n[d]; i++)
			if (ov->rows[d][i].contacts > max)
				max = ov->rows[d][i].contacts;
		putchar('\n');
		cli_table_init(&t, ncols, heads);
		t.right[2] = true;
		if (companies >= 0)
			t.right[companies] = true;
		for (size_t i = 0; i < ov->n[d]; i++) {
			const struct overview_row *r = &ov->rows[d][i];
			char contacts[24], comp[24], bars[LEADS_BAR_COLS * 3 + 1];
			const char *row[5];

			snprintf(contacts, sizeof(contacts), "%ld", r->contacts);
			snprintf(comp, sizeof(comp), "%ld", r->companies);
			row[0] = r->deleted ? "\u2717" : "";
			row[1] = overview_row_label(r);
			row[2] = contacts;
			if (bar >= 0) {
				bar_render(bars, sizeof(bars), r->contacts, max, LEADS_BAR_COLS, unicode);
				row[bar] = bars;
			}
			if (companies >= 0)
				row[companies] = comp;
			cli_table_row(&t, row);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
}

/* leads --status: each contact is printed as it is read, nothing is
 * kept. The table measures its columns in a first pass over the same
 * rows (one snapshot), so that it looks as it did when it held them all,
 * for twice the reading. */
static const char *contact_keys[] = { "person_id", "name", "company", "email", "owner",
					    "source", "campaign", "registered" };

struct contacts_out {
	enum cli_format fmt;
	int pass;
	size_t rows;
	const char *heads[8];
	struct cli_table t;    /* the table's widths, kept by its first pass */
};

static void contacts_begin(void *ctx, int pass)
{
	struct contacts_out *o = ctx;

	o->pass = pass;
	if (o->fmt == FORMAT_JSON)
		fputs("[", stdout);
	else if (o->fmt == FORMAT_TSV)
		cli_tsv_line(stdout, contact_keys, 8);
	else if (pass == 1)
		cli_table_head(&o->t, stdout);
}

static bool contact_out(void *ctx, const struct overview_contact *c)
{
	struct contacts_out *o = ctx;
	char id[24], registered[20];
	const char *row[8] = { id, c->name, c->company, c->email, c->owner, c->source,
			       c->campaign, registered };

	snprintf(id, sizeof(id), "%" PRId64, c->person_id);
	/* At most 19 bytes, as ever. */
	snprintf(registered, sizeof(registered), "%s", c->registered);
	if (o->fmt == FORMAT_JSON) {
		struct jbuf b;

		jbuf_init(&b);
		jbuf_addf(&b, "%s{\"person_id\": %s", o->rows ? ",\n " : "\n ", id);
		for (int i = 1; i < 8; i++) {
			jbuf_addf(&b, ", \"%s\": ", contact_keys[i]);
			jbuf_string(&b, row[i]);
		}
		jbuf_add(&b, "}");
		fputs(b.s, stdout);
		jbuf_free(&b);
	} else if (o->fmt == FORMAT_TSV) {
		cli_tsv_line(stdout, row, 8);
	} else if (o->pass == 0) {
		cli_table_widen(&o->t, row);
	} else {
		cli_table_line(&o->t, row, stdout);
	}
	o->rows++;
	/* A full disk: stop reading; main() says so and exits non-zero. */
	return !ferror(stdout);
}

static int leads_contacts(struct cli_ctx *ctx, const char *status, enum cli_format fmt)
{
	struct contacts_out o = {
		.fmt = fmt,
		.heads = { _("ID"), _("Name"), _("Company"), _("E-mail"), _("Owner"),
			   _("Source"), _("Campaign"), _("Registered") },
	};
	struct la_item item;
	struct la_err err;
	enum la_status rc;

	la_err_clear(&err);
	if (lists_find(ctx->db, LIST_LEADSTATUS, status, &item, &err) != LA_OK)
		return cli_fail(&err);
	cli_table_init(&o.t, 8, o.heads);
	o.t.right[0] = true;
	rc = overview_contacts_each(ctx->db, item.id, fmt == FORMAT_TABLE ? 2 : 1,
				    contacts_begin, contact_out, &o, &err);
	cli_table_free(&o.t);
	lists_item_clear(&item);
	if (rc != LA_OK)
		return cli_fail(&err);
	if (fmt == FORMAT_JSON)
		fputs(o.rows ? "\n]\n" : "]\n", stdout);
	return 0;
}

int cli_leads(struct cli_ctx *ctx, int argc, char **argv)
{
	const char *format = NULL, *status = NULL;
	bool chart = false;
	const struct cli_opt opts[] = {
		{ "--format", OPT_VALUE, &format, NULL },
		{ "--status", OPT_VALUE, &status, NULL },
		{ "--chart", OPT_FLAG, NULL, &chart },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	enum cli_format fmt;
	struct overview ov;
	struct la_err err;
	int npos, rc;

	if (argc > 1 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		fputs(_("Usage: leadadmin leads [--format table|tsv|json] [--status STATUS] [--chart]\n"
			"The lead overview: the leads (contacts with a lead status) per lead\n"
			"status, per lead category, per owner and per first-touch source and\n"
			"campaign. Each table adds up to the number of leads: leads that no\n"
			"item holds have rows of their own, such as (no company) and (category\n"
			"without lead status). Per category, Companies counts the companies\n"
			"of those leads; they add up too. ✗ marks a deleted status or\n"
			"category, or a deactivated owner.\n"
			"--status lists the contacts of one lead status (a name, or id:N).\n"
			"TSV columns: dimension, name, contacts, companies (empty outside\n"
			"the categories), deleted (1 or 0), kind (item, none,\n"
			"lead-status-off, no-category, no-company, not-in-list), id (empty\n"
			"for a row without one); JSON has the same keys in each row (null\n"
			"where TSV is empty).\n"
			"--chart adds a bar beside each count, in proportion to the largest\n"
			"count of its table (table format only).\n"), stdout);
		return 0;
	}
	if (!cli_parse("leads", argc, argv, opts, pos, 0, &npos) ||
	    !cli_format_parse("leads", format, &fmt))
		return 2;
	/* TSV and JSON are for programs, which draw their own charts. */
	if (chart && fmt != FORMAT_TABLE)
		return cli_usage("leads", _("--chart draws bars in the table format only; TSV and JSON have the counts"));
	if (chart && status)
		return cli_usage("leads", _("--chart draws the overview's bars; it does not go with --status"));
	if ((rc = cli_open(ctx)))
		return rc;
	if (status)
		return leads_contacts(ctx, status, fmt);
	la_err_clear(&err);
	if (overview_load(ctx->db, &ov, &err) != LA_OK)
		return cli_fail(&err);
	if (fmt == FORMAT_JSON) {
		struct jbuf b;
		char *s;

		jbuf_init(&b);
		jbuf_addf(&b, "{\n  \"leads\": %ld", ov.total);
		json_rows(&b, &ov);
		jbuf_add(&b, "\n}\n");
		s = jbuf_take(&b);
		fputs(s, stdout);
		free(s);
	} else if (fmt == FORMAT_TSV) {
		leads_tsv(&ov);
	} else {
		leads_tables(&ov, chart);
	}
	overview_free(&ov);
	return 0;
}
