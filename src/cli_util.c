#include "config.h"
#include "cli_util.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "i18n.h"
#include "json.h"
#include "text.h"

bool cli_parse(const char *cmd, int argc, char **argv, const struct cli_opt *opts,
	       const char **pos, int maxpos, int *npos)
{
	bool only_pos = false;
	int i;

	*npos = 0;
	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct cli_opt *o;
		const char *eq;
		size_t nlen;

		if (only_pos || a[0] != '-' || strcmp(a, "-") == 0) {
			if (*npos >= maxpos) {
				cli_usage(cmd, _("unexpected argument '%s'"), a);
				return false;
			}
			pos[(*npos)++] = a;
			continue;
		}
		if (strcmp(a, "--") == 0) {
			only_pos = true;
			continue;
		}
		eq = strchr(a, '=');
		nlen = eq ? (size_t)(eq - a) : strlen(a);
		for (o = opts; o && o->name; o++)
			if (strlen(o->name) == nlen && strncmp(o->name, a, nlen) == 0)
				break;
		if (!o || !o->name) {
			cli_usage(cmd, _("unknown option '%s'"), a);
			return false;
		}
		if (o->kind == OPT_FLAG) {
			if (eq) {
				cli_usage(cmd, _("option '%s' takes no value"), o->name);
				return false;
			}
			*o->flag = true;
		} else if (eq) {
			*o->value = eq + 1;
		} else if (i + 1 < argc) {
			*o->value = argv[++i];
		} else {
			cli_usage(cmd, _("option '%s' needs a value"), o->name);
			return false;
		}
	}
	return true;
}

int cli_fail(const struct la_err *err)
{
	char *vis = text_visible(err->msg);

	fprintf(stderr, "leadadmin: %s\n", vis);
	free(vis);
	return la_exit_code(err->status);
}

int cli_usage(const char *cmd, const char *fmt, ...)
{
	char msg[512], *vis;
	va_list ap;

	va_start(ap, fmt);
	la_vformat(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* The message may quote what was typed. */
	vis = text_visible(msg);
	fprintf(stderr, _("leadadmin %s: %s (see: leadadmin %s --help)\n"), cmd, vis, cmd);
	free(vis);
	return 2;
}

void cli_cmd_usage(const struct cli_cmd *cmd, FILE *out)
{
	const struct cli_sub *sub;

	fprintf(out, _("Usage: leadadmin %s COMMAND ...\n"), cmd->name);
	for (sub = cmd->subs; sub->name; sub++) {
		const char *line = sub->usage ? _(sub->usage) : "";
		int indent = 2 + (int)strlen(sub->name) + 1;

		fprintf(out, "  %s", sub->name);
		if (*line)
			fputc(' ', out);
		while (*line) {
			size_t n = strcspn(line, "\n");

			fwrite(line, 1, n, out);
			line += n;
			if (*line == '\n' && *++line)
				fprintf(out, "\n%*s", indent, "");
		}
		fputc('\n', out);
	}
	if (cmd->help)
		fputs(_(cmd->help), out);
}

static bool help_asked(int argc, char **argv)
{
	int i;

	if (argc > 1 && strcmp(argv[1], "help") == 0)
		return true;
	for (i = 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

int cli_dispatch(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const struct cli_sub *sub;

	if (help_asked(argc, argv)) {
		cli_cmd_usage(cmd, stdout);
		return 0;
	}
	if (argc < 2 || argv[1][0] == '-') {
		cli_cmd_usage(cmd, stderr);
		return 2;
	}
	for (sub = cmd->subs; sub->name; sub++)
		if (strcmp(argv[1], sub->name) == 0)
			return sub->run(ctx, cmd, argc - 1, argv + 1);
	return cli_usage(cmd->name, _("unknown command '%s'"), argv[1]);
}

void cli_printf(FILE *out, const char *fmt, ...)
{
	size_t flen = strlen(fmt);
	bool nl = flen > 0 && fmt[flen - 1] == '\n';
	char *line = NULL, *vis;
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&line, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	if (nl)
		line[n - 1] = '\0';
	vis = text_visible(line);
	fputs(vis, out);
	if (nl)
		fputc('\n', out);
	free(vis);
	free(line);
}

void cli_put(FILE *out, const char *s)
{
	char *vis = text_visible(s);

	fputs(vis, out);
	free(vis);
}

void cli_table_init(struct cli_table *t, int ncols, const char **heads)
{
	memset(t, 0, sizeof(*t));
	t->ncols = ncols;
	t->heads = heads;
	t->right = calloc((size_t)ncols, sizeof(*t->right));
	t->w = calloc((size_t)ncols, sizeof(*t->w));
	if (!t->right || !t->w)
		abort();
	for (int c = 0; c < ncols; c++)
		t->w[c] = text_width(heads[c]);
}

void cli_table_row(struct cli_table *t, const char **cells)
{
	int c;

	t->cells = realloc(t->cells, (size_t)(t->rows + 1) * (size_t)t->ncols * sizeof(*t->cells));
	if (!t->cells)
		abort();
	for (c = 0; c < t->ncols; c++) {
		char *copy = strdup(cells[c] ? cells[c] : "");

		if (!copy)
			abort();
		t->cells[t->rows * t->ncols + c] = copy;
	}
	t->rows++;
}

/* A cell in its visible form, padded to width (the visible form's width
 * is that of the text), written straight into the line. */
static void put_cell(struct jbuf *line, const char *s, int width, bool right)
{
	size_t n = 0, len;
	int cols, pad;
	char *to;

	if (!s)
		s = "";
	/* Printable ASCII, most cells, is one column a byte and shows as it
	 * is; anything else is measured and made visible (text_visible). */
	while (s[n] >= 0x20 && s[n] < 0x7F)
		n++;
	len = s[n] ? n + strlen(s + n) : n;
	to = jbuf_room(line, TEXT_VISIBLE_ROOM(len) + (width > 0 ? (size_t)width : 0));
	cols = len == n ? (int)n : right ? text_width(s) : -1;
	pad = width - cols;
	if (right && pad > 0) {
		memset(to, ' ', (size_t)pad);
		to += pad;
	}
	memcpy(to, s, n);
	to += n;
	if (len > n) {
		to += text_visible_to(s + n, len - n, to, &cols);
		pad = width - (int)n - cols;
	}
	if (!right && pad > 0) {
		memset(to, ' ', (size_t)pad);
		to += pad;
	}
	*to = '\0';
	line->len = (size_t)(to - line->s);
}

/* One line of the table, without trailing blanks, built in line (emptied
 * first: one buffer serves every line). */
static void put_line(struct jbuf *line, FILE *out, const char **cells, const int *w,
		     const bool *right, int ncols)
{
	int c;

	line->len = 0;
	for (c = 0; c < ncols; c++) {
		if (c > 0)
			jbuf_addn(line, "  ", 2);
		put_cell(line, cells[c], w[c], right[c]);
	}
	while (line->len > 0 && line->s[line->len - 1] == ' ')
		line->len--;
	jbuf_addn(line, "\n", 1);
	fwrite(line->s, 1, line->len, out);
}

static void widen(int *w, int ncols, const char *const *cells)
{
	for (int c = 0; c < ncols; c++) {
		int cw = text_width(cells[c] ? cells[c] : "");

		if (cw > w[c])
			w[c] = cw;
	}
}

void cli_table_print(const struct cli_table *t, FILE *out)
{
	int *w = malloc((size_t)t->ncols * sizeof(*w));
	struct jbuf line;
	int r;

	if (!w)
		abort();
	jbuf_init(&line);
	memcpy(w, t->w, (size_t)t->ncols * sizeof(*w));
	for (r = 0; r < t->rows; r++)
		widen(w, t->ncols, (const char *const *)&t->cells[r * t->ncols]);
	put_line(&line, out, t->heads, w, t->right, t->ncols);
	for (r = 0; r < t->rows; r++)
		put_line(&line, out, (const char **)&t->cells[r * t->ncols], w, t->right, t->ncols);
	jbuf_free(&line);
	free(w);
}

void cli_table_widen(struct cli_table *t, const char **cells)
{
	widen(t->w, t->ncols, cells);
}

void cli_table_head(struct cli_table *t, FILE *out)
{
	put_line(&t->line, out, t->heads, t->w, t->right, t->ncols);
}

void cli_table_line(struct cli_table *t, const char **cells, FILE *out)
{
	put_line(&t->line, out, cells, t->w, t->right, t->ncols);
}

void cli_table_flush(struct cli_table *t, bool head, FILE *out)
{
	int r, c;

	for (r = 0; r < t->rows; r++)
		widen(t->w, t->ncols, (const char *const *)&t->cells[r * t->ncols]);
	if (head)
		put_line(&t->line, out, t->heads, t->w, t->right, t->ncols);
	for (r = 0; r < t->rows; r++) {
		put_line(&t->line, out, (const char **)&t->cells[r * t->ncols], t->w, t->right,
			 t->ncols);
		for (c = 0; c < t->ncols; c++)
			free(t->cells[r * t->ncols + c]);
	}
	free(t->cells);
	t->cells = NULL;
	t->rows = 0;
}

void cli_tsv_line(FILE *out, const char **fields, int n)
{
	for (int c = 0; c < n; c++) {
		char *esc = text_tsv(fields[c]);

		fputs(esc, out);
		fputc(c == n - 1 ? '\n' : '\t', out);
		free(esc);
	}
}

void cli_table_tsv(const struct cli_table *t, const char **keys, FILE *out)
{
	cli_tsv_line(out, keys, t->ncols);
	for (int r = 0; r < t->rows; r++)
		cli_tsv_line(out, (const char **)&t->cells[r * t->ncols], t->ncols);
}

void cli_table_free(struct cli_table *t)
{
	int i;

	for (i = 0; i < t->rows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	free(t->w);
	jbuf_free(&t->line);
	memset(t, 0, sizeof(*t));
}

bool cli_format_parse(const char *cmd, const char *value, enum cli_format *fmt)
{
	if (!value || strcmp(value, "table") == 0)
		*fmt = FORMAT_TABLE;
	else if (strcmp(value, "tsv") == 0)
		*fmt = FORMAT_TSV;
	else if (strcmp(value, "json") == 0)
		*fmt = FORMAT_JSON;
	else {
		cli_usage(cmd, _("--format must be table, tsv or json, not '%s'"), value);
		return false;
	}
	return true;
}

void cli_progress_start(struct cli_ctx *ctx, struct progress *p, const char *label,
			enum progress_unit unit, uint64_t total)
{
	progress_init(p, stderr, !ctx->quiet);
	progress_start(p, label, unit, total);
	db_set_progress(ctx->db, progress_cb, p);
}

void cli_progress_end(struct cli_ctx *ctx, struct progress *p)
{
	db_set_progress(ctx->db, NULL, NULL);
	progress_end(p);
}

int cli_lines_open(struct cli_lines *l, const char *name, const char *folder_msg)
{
	struct stat sb = { 0 };

	memset(l, 0, sizeof(*l));
	l->in = stdin;
	l->file = "-";
	if (name && strcmp(name, "-") != 0) {
		l->file = name;
		if (!(l->in = fopen(name, "r"))) {
			cli_printf(stderr, _("leadadmin: %s: cannot be read (%s)\n"), name, strerror(errno));
			return 1;
		}
	}
	/* A folder opens and reads as empty: "0 created" would hide the typo. */
	if (fstat(fileno(l->in), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		/* folder_msg is the caller's translated "%s: ..." */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
		cli_printf(stderr, folder_msg, l->file);
#pragma GCC diagnostic pop
		cli_lines_close(l);
		return 1;
	}
	/* Bytes: a file's size is its total; a pipe has none. */
	l->size = S_ISREG(sb.st_mode) ? (uint64_t)sb.st_size : 0;
	return 0;
}

void cli_lines_close(struct cli_lines *l)
{
	if (l->in && l->in != stdin)
		fclose(l->in);
	l->in = NULL;
}

void cli_lines_reject(void *ctx, long line, const char *reason)
{
	struct cli_lines *l = ctx;

	progress_clear(&l->prog);
	cli_printf(stderr, _("leadadmin: %s:%ld: rejected: %s\n"), l->file, line, reason);
}
