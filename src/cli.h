/* The command line of DESIGN §3: one function per command, all calling the
 * domain. */
#ifndef LA_CLI_H
#define LA_CLI_H

#include <stdbool.h>
#include <stdio.h>

#include "conf.h"
#include "db.h"
#include "lists.h"
#include "rights.h"

struct cli_ctx {
	const char *db_path;
	bool db_is_default;  /* the embedded default database: made on first use */
	const struct la_conf *conf;
	struct db *db;       /* opened by cli_open */
	struct la_actor actor;
	bool quiet;          /* --quiet: no progress line */
};

/* Opens ctx->db (and resolves the acting user); returns 0 or an exit code
 * after printing the reason. */
int cli_open(struct cli_ctx *ctx);

/* For a command that makes the database itself: the embedded default's
 * folder made (0700) and checked as cli_open does; 0 or an exit code
 * after printing the reason. Nothing for a --db of the user's. */
int cli_default_folder(struct cli_ctx *ctx);

/* Runs the command in argv[0..argc-1]; returns the exit code. */
int cli_run(struct cli_ctx *ctx, int argc, char **argv);

/* The global usage text. */
void cli_help(FILE *out);

/* In cli_lists.c: `category ...`, `lead-status ...`, `usergroup ...`:
 * every list's command, made from its definition. */
int cli_list(struct cli_ctx *ctx, enum la_list list, int argc, char **argv);
/* In cli_marketing.c: Marketing Premium. */
int cli_licence(struct cli_ctx *ctx, int argc, char **argv);
int cli_marketing(struct cli_ctx *ctx, int argc, char **argv);
struct cli_cmd;
int cli_marketing_simulate(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
int cli_submit(struct cli_ctx *ctx, int argc, char **argv);
int cli_events(struct cli_ctx *ctx, int argc, char **argv);
int cli_leads(struct cli_ctx *ctx, int argc, char **argv);
/* In cli_utm.c: UTM values and their aliases. */
int cli_utm(struct cli_ctx *ctx, int argc, char **argv);
/* In cli_automation.c: Lead categorization and `lead set-status`. */
int cli_automation(struct cli_ctx *ctx, int argc, char **argv);
int cli_lead(struct cli_ctx *ctx, int argc, char **argv);
/* In cli_admin.c: `backup FILE` and `log` (the audit log). */
int cli_backup(struct cli_ctx *ctx, int argc, char **argv);
/* `copy --to/--from`: the whole database into a new one. */
int cli_copy(struct cli_ctx *ctx, int argc, char **argv);
int cli_log(struct cli_ctx *ctx, int argc, char **argv);

#endif
