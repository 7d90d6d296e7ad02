/* What every command of the command line shares: option parsing, the one
 * line on stderr, tables and TSV. */
#ifndef LA_CLI_UTIL_H
#define LA_CLI_UTIL_H

#include <stdbool.h>
#include <stdio.h>

#include "json.h"
#include "progress.h"
#include "status.h"

enum opt_kind { OPT_FLAG, OPT_VALUE };

struct cli_opt {
	const char *name;    /* "--group" */
	enum opt_kind kind;
	const char **value;  /* OPT_VALUE: where the value goes */
	bool *flag;          /* OPT_FLAG: set to true when given */
};

/* Parses argv (argv[0] is the command's name) against opts. Positional
 * arguments go to pos (at most maxpos, NULL-terminated count in *npos).
 * Returns false after printing a usage error. "--" ends the options. */
bool cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
	       const char **pos, int maxpos, int *npos);

/* Prints "leadadmin: msg" on stderr and returns the exit code of status. */
int cli_fail(const struct la_err *err);
/* Prints the one-line usage error "leadadmin CMD: msg (see: ...)" on
 * stderr; returns 2. */
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* ---- Commands with subcommands (git's cmd_struct table)
 *
 * A command such as `leadadmin user add LOGIN` is a struct cli_cmd with a
 * table of struct cli_sub, and its entry point is one line:
 *
 *	static const struct cli_sub user_subs[] = {
 *		{ "list", user_list, NULL },
 *		{ "add", user_add, N_("LOGIN [--name FULL NAME] [--role ROLE]") },
 *		{ NULL, NULL, NULL },
 *	};
 *	static const struct cli_cmd user_cmd = { "user", user_subs, N_("..."), NULL };
 *	int cmd_user(ctx, argc, argv) { return cli_dispatch(ctx, &user_cmd, argc, argv); }
 *
 * cli_dispatch(ctx, cmd, argc, argv), argv[0] being the command word:
 *  - --help or -h anywhere before "--", or "help" as the subcommand: the
 *    usage on stdout, exit 0;
 *  - no subcommand, or an option where the subcommand belongs (`leadadmin
 *    marketing --utm on`): the usage on stderr, exit 2;
 *  - a word that is no subcommand: "unknown command 'x'" (cli_usage), exit 2;
 *  - else sub->run(ctx, cmd, argc - 1, argv + 1): argv[0] is then the
 *    subcommand's name, so that cli_parse(cmd->name, argc, argv, ...)
 *    parses its arguments; it returns the exit code.
 * A subcommand never sees --help, and cmd->data carries what all the
 * subcommands of one command share: a list definition lets one table of
 * subcommands serve every list (`category`, `lead-status`, ...), each list
 * being its own struct cli_cmd with its own name, help and data. */
struct cli_ctx;
struct cli_cmd;

struct cli_sub {
	const char *name;  /* "add" */
	int (*run)(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
	/* N_(): its arguments in the usage, after the name, or NULL; a "\n"
	 * continues on a line indented under the first argument. */
	const char *usage;
};

struct cli_cmd {
	const char *name;            /* "user": the command word */
	const struct cli_sub *subs;  /* ends with an entry whose name is NULL */
	const char *help;            /* N_(): text after the subcommands, or NULL */
	const void *data;            /* for the subcommands, e.g. a list definition */
};

int cli_dispatch(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv);
/* "Usage: leadadmin CMD COMMAND ...", a line per subcommand, the help. */
void cli_cmd_usage(const struct cli_cmd *cmd, FILE *out);

/* A table: columns of display-width-aligned cells. Cells hold the text as
 * given; cli_table_print shows them through text_visible, cli_table_tsv
 * escapes them with text_tsv. */
struct cli_table {
	int ncols;
	const char **heads;
	char **cells;   /* rows * ncols, as given */
	int rows;
	bool *right;    /* right-align column */
	int *w;         /* the streamed table's widths (cli_table_widen) */
	struct jbuf line;  /* the line being written, one buffer for all */
};

void cli_table_init(struct cli_table *t, int ncols, const char **heads);
/* Adds a row of ncols strings (copied). */
void cli_table_row(struct cli_table *t, const char **cells);
void cli_table_print(const struct cli_table *t, FILE *out);
/* A table that keeps no rows, for output of any length: a first pass
 * calls cli_table_widen with every row, a second prints the head and then
 * each row with cli_table_line, in the widths the first pass found. */
void cli_table_widen(struct cli_table *t, const char **cells);
void cli_table_head(struct cli_table *t, FILE *out);
void cli_table_line(struct cli_table *t, const char **cells, FILE *out);
/* Widens the columns to the rows held (cli_table_row), prints the head
 * first when head is true, then those rows, and drops them: a table
 * measured on its first rows, whose later rows stream (cli_table_line). */
void cli_table_flush(struct cli_table *t, bool head, FILE *out);
/* The header line of keys, then a line per row, each field through
 * text_tsv (PostgreSQL's COPY text format; see README, "Output formats"). */
void cli_table_tsv(const struct cli_table *t, const char **keys, FILE *out);
/* One TSV line of n fields, each through text_tsv. */
void cli_tsv_line(FILE *out, const char **fields, int n);
void cli_table_free(struct cli_table *t);

/* Writes s to out through text_visible. */
void cli_put(FILE *out, const char *s);
/* printf to out through text_visible, for a line that quotes text from
 * the database, a file or the command line: a '\n' that ends fmt ends the
 * line; every other control character, also in fmt, shows visibly. */
void cli_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

enum cli_format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON };
bool cli_format_parse(const char *cmd, const char *value, enum cli_format *fmt);

/* A progress line on stderr for long work on ctx->db (issue 16): only when
 * stderr is a terminal and --quiet was not given. end erases it. */
void cli_progress_start(struct cli_ctx *ctx, struct progress *p, const char *label,
			enum progress_unit unit, uint64_t total);
void cli_progress_end(struct cli_ctx *ctx, struct progress *p);

/* ---- Files of JSON lines (submit, events) */
struct cli_lines {
	const char *file;      /* the name given, "-" for stdin */
	FILE *in;
	uint64_t size;         /* a file's size; 0 for a pipe */
	struct progress prog;
};
/* Opens FILE, or stdin for NULL or "-"; a folder is refused with
 * folder_msg ("%s: is a folder, ..."), as cannot-be-read is: 1 after the
 * message, else 0. */
int cli_lines_open(struct cli_lines *l, const char *name, const char *folder_msg);
void cli_lines_close(struct cli_lines *l);
/* "leadadmin: FILE:LINE: rejected: reason" on stderr; ctx is the
 * struct cli_lines. */
void cli_lines_reject(void *ctx, long line, const char *reason);

#endif
