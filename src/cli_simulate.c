/* marketing simulate: the dry run of Distribute to owner on the command
 * line, in the three output formats. */
#include "config.h"
#include "cli.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "i18n.h"
#include "json.h"
#include "simulate.h"

/* Without FILE and --last: as many as the Marketing screen shows. */
#define SIMULATE_DEFAULT_LAST 100

static void print_table(const struct simulate *sim)
{
	const char *heads[] = { _("Owner"), _("Would get") };
	const char *sheads[] = { _("Skipped"), _("Why") };
	struct cli_table t;
	char num[32];
	size_t i;

	printf(_("Distribute to owner (%s), a dry run: nothing is saved."),
	       marketing_mode_key(sim->mode));
	putchar('\n');
	printf(_("Submissions: %ld; given an owner: %ld; keep their owner: %ld; no one available: %ld; skipped (id seen before): %ld; rejected: %ld."),
	       sim->submissions, sim->given, sim->kept, sim->nobody, sim->repeated, sim->rejected);
	putchar('\n');
	if (sim->after) {
		cli_printf(stdout, _("The rotation continues after: %s"), sim->after_login);
		putchar('\n');
	}
	cli_table_init(&t, 2, heads);
	t.right[1] = true;
	for (i = 0; i < sim->nowners; i++) {
		char name[96];
		const char *row[] = { name, num };

		snprintf(name, sizeof(name), sim->owners[i].fallback ? _("%s (fallback)") : "%s",
			 sim->owners[i].login);
		snprintf(num, sizeof(num), "%ld", sim->owners[i].count);
		cli_table_row(&t, row);
	}
	if (sim->nowners)
		cli_table_print(&t, stdout);
	else
		puts(_("No one is eligible and there is no fallback: no contact would get an owner."));
	cli_table_free(&t);
	if (sim->nskipped) {
		cli_table_init(&t, 2, sheads);
		for (i = 0; i < sim->nskipped; i++) {
			const char *row[] = { sim->skipped[i].login, simulate_why_text(sim->skipped[i].why) };

			cli_table_row(&t, row);
		}
		cli_table_print(&t, stdout);
		cli_table_free(&t);
	}
	printf(_("Largest difference between two owners: %ld"), sim->spread);
	putchar('\n');
}

/* One line per owner and per skipped user: kind, login, id, contacts, why. */
static void print_tsv(const struct simulate *sim)
{
	char id[32], num[32];
	size_t i;

	puts("kind\tlogin\tid\tcontacts\twhy");
	for (i = 0; i < sim->nowners; i++) {
		const char *f[] = { sim->owners[i].fallback ? "fallback" : "owner",
				    sim->owners[i].login, id, num, "" };

		snprintf(id, sizeof(id), "%" PRId64, sim->owners[i].id);
		snprintf(num, sizeof(num), "%ld", sim->owners[i].count);
		cli_tsv_line(stdout, f, 5);
	}
	for (i = 0; i < sim->nskipped; i++) {
		const char *f[] = { "skipped", sim->skipped[i].login, id, "",
				    simulate_why_key(sim->skipped[i].why) };

		snprintf(id, sizeof(id), "%" PRId64, sim->skipped[i].id);
		cli_tsv_line(stdout, f, 5);
	}
}

static void print_json(const struct simulate *sim)
{
	struct jbuf b;
	char *s;
	size_t i;

	jbuf_init(&b);
	jbuf_add(&b, "{\n  \"mode\": ");
	jbuf_string(&b, marketing_mode_key(sim->mode));
	jbuf_add(&b, ",\n  \"after\": ");
	if (sim->after)
		jbuf_string(&b, sim->after_login);
	else
		jbuf_add(&b, "null");
	jbuf_addf(&b, ",\n  \"submissions\": %ld,\n  \"given\": %ld,\n  \"kept\": %ld,\n"
		  "  \"nobody\": %ld,\n  \"skipped_ids\": %ld,\n  \"rejected\": %ld,\n"
		  "  \"largest_difference\": %ld,\n  \"owners\": [",
		  sim->submissions, sim->given, sim->kept, sim->nobody, sim->repeated,
		  sim->rejected, sim->spread);
	for (i = 0; i < sim->nowners; i++) {
		jbuf_add(&b, i ? ",\n    {\"login\": " : "\n    {\"login\": ");
		jbuf_string(&b, sim->owners[i].login);
		jbuf_addf(&b, ", \"id\": %" PRId64 ", \"contacts\": %ld, \"fallback\": %s}",
			  sim->owners[i].id, sim->owners[i].count,
			  sim->owners[i].fallback ? "true" : "false");
	}
	jbuf_add(&b, sim->nowners ? "\n  ],\n  \"skipped\": [" : "],\n  \"skipped\": [");
	for (i = 0; i < sim->nskipped; i++) {
		jbuf_add(&b, i ? ",\n    {\"login\": " : "\n    {\"login\": ");
		jbuf_string(&b, sim->skipped[i].login);
		jbuf_addf(&b, ", \"id\": %" PRId64 ", \"why\": ", sim->skipped[i].id);
		jbuf_string(&b, simulate_why_key(sim->skipped[i].why));
		jbuf_add(&b, "}");
	}
	jbuf_add(&b, sim->nskipped ? "\n  ]\n}\n" : "]\n}\n");
	s = jbuf_take(&b);
	fputs(s, stdout);
	free(s);
}

int cli_marketing_simulate(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *last = NULL, *format = NULL, *mode = NULL;
	const struct cli_opt opts[] = {
		{ "--last", OPT_VALUE, &last, NULL },
		{ "--format", OPT_VALUE, &format, NULL },
		{ "--distribute", OPT_VALUE, &mode, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	enum distribute_mode dm = DISTRIBUTE_OFF;
	enum cli_format fmt;
	struct simulate sim;
	struct cli_lines in;
	struct la_err err;
	enum la_status st;
	long n = SIMULATE_DEFAULT_LAST;
	int npos, rc;

	if (!cli_parse(cmd->name, argc, argv, opts, pos, 1, &npos) ||
	    !cli_format_parse(cmd->name, format, &fmt))
		return 2;
	if (last) {
		char *end;

		errno = 0;
		n = strtol(last, &end, 10);
		if (!*last || *end || errno || n < 1)
			return cli_usage(cmd->name, _("--last takes a positive whole number, not '%s'"), last);
		if (npos)
			return cli_usage(cmd->name, _("give either --last N or a FILE of submissions, not both"));
	}
	if (mode && (!marketing_mode_parse(mode, &dm) || dm == DISTRIBUTE_OFF))
		return cli_usage(cmd->name, _("--distribute takes associates or group, not '%s'"), mode);
	if (npos && cli_lines_open(&in, pos[0], _("leadadmin: %s: is a folder, not a file of submissions\n")))
		return 1;
	if ((rc = cli_open(ctx))) {
		if (npos)
			cli_lines_close(&in);
		return rc;
	}
	la_err_clear(&err);
	if (npos) {
		cli_progress_start(ctx, &in.prog, _("Simulating"), PROGRESS_BYTES, in.size);
		st = simulate_file(ctx->db, dm, in.in, cli_lines_reject, &in, &sim, &err);
		cli_progress_end(ctx, &in.prog);
		if (st != LA_OK && ferror(in.in))
			la_fail(&err, err.status, err.field, "%s: %s", in.file, err.msg);
		cli_lines_close(&in);
	} else {
		st = simulate_last(ctx->db, dm, n, &sim, &err);
	}
	if (st != LA_OK)
		return cli_fail(&err);
	if (fmt == FORMAT_JSON)
		print_json(&sim);
	else if (fmt == FORMAT_TSV)
		print_tsv(&sim);
	else
		print_table(&sim);
	simulate_free(&sim);
	return 0;
}
