/* What every command of the command line shares: option parsing, the one
 * line on stderr, tables and TSV. */
#ifndef LA_CLI_UTIL_H
#define LA_CLI_UTIL_H

#include <stdbool.h>
#include <stdio.h>

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
int cli_usage(const char *cmd, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* A table: columns of display-width-aligned cells, all text made visible. */
struct cli_table {
	int ncols;
	const char **heads;
	char **cells;   /* rows * ncols */
	int rows;
	bool *right;    /* right-align column */
};

void cli_table_init(struct cli_table *t, int ncols, const char **heads);
/* Adds a row of ncols strings (copied). */
void cli_table_row(struct cli_table *t, const char **cells);
void cli_table_print(const struct cli_table *t, FILE *out);
void cli_table_tsv(const struct cli_table *t, const char **keys, FILE *out);
void cli_table_free(struct cli_table *t);

/* Writes s to out through text_visible. */
void cli_put(FILE *out, const char *s);

enum cli_format { FORMAT_TABLE, FORMAT_TSV, FORMAT_JSON };
bool cli_format_parse(const char *cmd, const char *value, enum cli_format *fmt);

/* Reads a whole file ("-" for stdin); NULL with errno set on failure. */
char *cli_read_file(const char *path, size_t *len);

#endif
