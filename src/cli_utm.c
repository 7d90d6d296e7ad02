/* The command line of UTM values cleaned up: `utm values` and
 * `utm alias`. */
#include "config.h"
#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "i18n.h"
#include "json.h"
#include "utmalias.h"

#define UTM_MAX_VALUES 256

static bool field_opt(const char *cmd, const char *name, enum utm_key *field)
{
	*field = UTM_SOURCE;
	if (!name || utmalias_field_parse(name, field))
		return true;
	cli_usage(cmd, _("--field takes source, medium or campaign, not '%s'"), name);
	return false;
}

/* ---- utm values */

static void values_json(enum utm_key field, const struct utmalias_values *v)
{
	struct jbuf b;
	char *s;

	jbuf_init(&b);
	jbuf_addf(&b, "{\n  \"field\": \"%s\",\n  \"groups\": [", utm_key_name(field));
	for (size_t i = 0; i < v->n;) {
		size_t end = utmalias_group_end(v, i);
		long subs = 0, first = 0;

		for (size_t j = i; j < end; j++) {
			subs += v->v[j].submissions;
			first += v->v[j].first_touches;
		}
		jbuf_add(&b, i ? ",\n    {\"key\": " : "\n    {\"key\": ");
		jbuf_string(&b, v->v[i].key);
		jbuf_addf(&b, ", \"submissions\": %ld, \"first_touches\": %ld, \"values\": [",
			  subs, first);
		for (size_t j = i; j < end; j++) {
			jbuf_add(&b, j > i ? ",\n      {\"value\": " : "\n      {\"value\": ");
			jbuf_string(&b, v->v[j].value);
			jbuf_addf(&b, ", \"submissions\": %ld, \"first_touches\": %ld, \"alias_of\": ",
				  v->v[j].submissions, v->v[j].first_touches);
			if (v->v[j].canonical)
				jbuf_string(&b, v->v[j].canonical);
			else
				jbuf_add(&b, "null");
			jbuf_add(&b, "}");
		}
		jbuf_add(&b, "]}");
		i = end;
	}
	jbuf_add(&b, v->n ? "\n  ]\n}\n" : "]\n}\n");
	s = jbuf_take(&b);
	fputs(s, stdout);
	free(s);
}

static void values_rows(enum utm_key field, const struct utmalias_values *v,
			enum cli_format fmt)
{
	static const char *keys[] = { "field", "group", "value", "submissions",
				      "first_touches", "alias_of" };
	const char *heads[] = { _("Group"), _("Value"), _("Submissions"), _("First touches"),
				_("Alias of") };
	struct cli_table t;

	cli_table_init(&t, 5, heads);
	t.right[2] = t.right[3] = true;
	for (size_t i = 0; i < v->n; i++) {
		char subs[24], first[24];
		const struct utmalias_value *x = &v->v[i];
		bool first_of_group = i == 0 || strcmp(v->v[i - 1].key, x->key) != 0;
		const char *row[] = { fmt == FORMAT_TSV || first_of_group ? x->key : "", x->value,
				      subs, first, x->canonical ? x->canonical : "" };

		snprintf(subs, sizeof(subs), "%ld", x->submissions);
		snprintf(first, sizeof(first), "%ld", x->first_touches);
		if (fmt == FORMAT_TSV) {
			const char *line[] = { utm_key_name(field), row[0], row[1], row[2], row[3],
					       row[4] };

			if (i == 0)
				cli_tsv_line(stdout, keys, 6);
			cli_tsv_line(stdout, line, 6);
		} else {
			cli_table_row(&t, row);
		}
	}
	if (fmt == FORMAT_TSV) {
		if (v->n == 0)
			cli_tsv_line(stdout, keys, 6);
	} else if (v->n == 0) {
		cli_printf(stdout, _("No %s values are stored.\n"), utm_key_name(field));
	} else {
		size_t groups = 0;

		for (size_t i = 0; i < v->n; i = utmalias_group_end(v, i))
			groups++;
		cli_printf(stdout, _("%s: %zu values in %zu groups\n"), utmalias_field_label(field),
			   v->n, groups);
		cli_table_print(&t, stdout);
	}
	cli_table_free(&t);
}

static int utm_values(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *fieldname = NULL, *format = NULL;
	const struct cli_opt opts[] = {
		{ "--field", OPT_VALUE, &fieldname, NULL },
		{ "--format", OPT_VALUE, &format, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct utmalias_values v;
	enum utm_key field;
	enum cli_format fmt;
	struct la_err err;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 0, &npos) ||
	    !field_opt(cmd->name, fieldname, &field) || !cli_format_parse(cmd->name, format, &fmt))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (utmalias_values(ctx->db, field, &v, &err) != LA_OK)
		return cli_fail(&err);
	if (fmt == FORMAT_JSON)
		values_json(field, &v);
	else
		values_rows(field, &v, fmt);
	utmalias_values_free(&v);
	return 0;
}

/* ---- utm alias */

static int alias_list(struct cli_ctx *ctx, const char *cmd, const char *fieldname,
		      const char *format)
{
	static const char *keys[] = { "field", "value", "canonical", "registered", "login" };
	const char *heads[] = { _("Field"), _("Value"), _("Canonical value"), _("Registered"),
				_("By") };
	struct utmaliases a;
	struct cli_table t;
	enum utm_key field = UTM_SOURCE;
	enum cli_format fmt;
	struct la_err err;
	int rc;

	if ((fieldname && !field_opt(cmd, fieldname, &field)) || !cli_format_parse(cmd, format, &fmt))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (utmalias_list(ctx->db, !fieldname, field, &a, &err) != LA_OK)
		return cli_fail(&err);
	if (fmt == FORMAT_JSON) {
		struct jbuf b;
		char *s;

		jbuf_init(&b);
		jbuf_add(&b, "[");
		for (size_t i = 0; i < a.n; i++) {
			const char *vals[] = { utm_key_name(a.v[i].field), a.v[i].value,
					       a.v[i].canonical, a.v[i].registered, a.v[i].login };

			jbuf_add(&b, i ? ",\n " : "\n ");
			for (int k = 0; k < 5; k++) {
				jbuf_addf(&b, "%s\"%s\": ", k ? ", " : "{", keys[k]);
				jbuf_string(&b, vals[k]);
			}
			jbuf_add(&b, "}");
		}
		jbuf_add(&b, a.n ? "\n]\n" : "]\n");
		s = jbuf_take(&b);
		fputs(s, stdout);
		free(s);
	} else {
		cli_table_init(&t, 5, heads);
		for (size_t i = 0; i < a.n; i++) {
			const char *row[] = { utm_key_name(a.v[i].field), a.v[i].value,
					      a.v[i].canonical, a.v[i].registered, a.v[i].login };

			cli_table_row(&t, row);
		}
		if (fmt == FORMAT_TSV)
			cli_table_tsv(&t, keys, stdout);
		else if (a.n == 0)
			fputs(_("No aliases.\n"), stdout);
		else
			cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	utmaliases_free(&a);
	return 0;
}

static int alias_remove(struct cli_ctx *ctx, const char *cmd, enum utm_key field,
			const char *const *values, int n)
{
	struct la_err err;
	int rc;

	if (n == 0)
		return cli_usage(cmd, "%s", _("remove needs the VALUE of each alias to remove"));
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (utmalias_remove(ctx->db, &ctx->actor, field, values, (size_t)n, &err) != LA_OK)
		return cli_fail(&err);
	for (int i = 0; i < n; i++)
		cli_printf(stdout, _("'%s' is no longer an alias (%s); its stored rows keep it.\n"),
			   values[i], utm_key_name(field));
	return 0;
}

/* What --rewrite without --yes would change, value by value. */
static void rewrite_plan(struct cli_ctx *ctx, enum utm_key field, const char *const *values,
			 int n, const char *canonical)
{
	for (int i = 0; i < n; i++) {
		struct utmalias_rows r;

		if (utmalias_rows(ctx->db, field, values[i], &r, NULL) != LA_OK)
			continue;
		cli_printf(stdout, _("Would rewrite %s '%s' to '%s': form submissions %ld, visits %ld, first touches %ld.\n"),
			   utm_key_name(field), values[i], canonical, r.submissions, r.visits,
			   r.first_touches);
	}
}

static int utm_alias(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *fieldname = NULL, *to = NULL, *format = NULL;
	bool rewrite = false, yes = false;
	const struct cli_opt opts[] = {
		{ "--field", OPT_VALUE, &fieldname, NULL },
		{ "--to", OPT_VALUE, &to, NULL },
		{ "--rewrite", OPT_FLAG, NULL, &rewrite },
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ "--format", OPT_VALUE, &format, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[UTM_MAX_VALUES];
	struct utmalias_outcome out;
	enum utm_key field;
	struct la_err err;
	enum la_status st;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, UTM_MAX_VALUES, &npos))
		return 2;
	/* Without --to, the first word may be list or remove; with it, every
	 * word is a value (a value named "list" can have an alias too). */
	if (!to && npos >= 1 && strcmp(pos[0], "list") == 0) {
		if (npos > 1)
			return cli_usage(cmd->name, _("unexpected argument '%s'"), pos[1]);
		return alias_list(ctx, cmd->name, fieldname, format);
	}
	if (format)
		return cli_usage(cmd->name, "%s", _("--format goes with alias list"));
	if (!field_opt(cmd->name, fieldname, &field))
		return 2;
	if (!to && npos >= 1 && strcmp(pos[0], "remove") == 0)
		return alias_remove(ctx, cmd->name, field, pos + 1, npos - 1);
	if (npos == 0)
		return cli_usage(cmd->name, "%s", _("alias needs the VALUE... to map, or list, or remove VALUE..."));
	if (!to)
		return cli_usage(cmd->name, "%s", _("alias needs --to CANONICAL: the value the variants are to become"));
	if (yes && !rewrite)
		return cli_usage(cmd->name, "%s", _("--yes confirms --rewrite; an alias alone changes no stored row"));
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	st = utmalias_set(ctx->db, &ctx->actor, field, pos, (size_t)npos, to, rewrite, yes, &out, &err);
	if (st == LA_CONFIRM) {
		rewrite_plan(ctx, field, pos, npos, to);
		cli_printf(stdout, _("%s Nothing was changed; add --yes to go ahead.\n"), err.msg);
		return 1;
	}
	if (st != LA_OK)
		return cli_fail(&err);
	cli_printf(stdout, _("Aliases of %s values to '%s': %zu new, %zu changed, %zu unchanged.\n"),
		   utm_key_name(field), to, out.added, out.changed, out.unchanged);
	if (rewrite)
		printf(_("Rewritten: form submissions %ld, visits %ld, first touches %ld.\n"),
		       out.rewritten.submissions, out.rewritten.visits, out.rewritten.first_touches);
	return 0;
}

static const struct cli_sub utm_subs[] = {
	{ "values", utm_values, N_("[--field source|medium|campaign] [--format table|tsv|json]") },
	{ "alias", utm_alias, N_("VALUE... --to CANONICAL [--field F] [--rewrite [--yes]]\n"
				 "list [--field F] [--format table|tsv|json]\n"
				 "remove VALUE... [--field F]") },
	{ NULL, NULL, NULL },
};

static const struct cli_cmd utm_cmd = {
	"utm", utm_subs,
	N_("values lists the distinct stored values of a field (source by default)\n"
	   "with their counts: form submissions whose visit has it, and first\n"
	   "touches of new contacts. Variants are grouped under one key: case\n"
	   "folded, a trailing .com cut off, each run of -, _ and blanks one -.\n"
	   "alias maps variants to a canonical value: submissions store the\n"
	   "canonical value from now on, and the lead overview counts the\n"
	   "variants under it. --rewrite changes the stored rows too; it shows\n"
	   "what it would change, and --yes does it. An alias never points to\n"
	   "an alias, nor a value to itself. alias list shows the aliases;\n"
	   "alias remove VALUE... removes aliases (stored rows stay as they are).\n"
	   "With --to every word is a value. Only a General administrator\n"
	   "changes aliases; each change is in the log (log --list utm).\n"),
	NULL,
};

int cli_utm(struct cli_ctx *ctx, int argc, char **argv)
{
	return cli_dispatch(ctx, &utm_cmd, argc, argv);
}
