/* `category`, `lead-status` and `usergroup`: one command line for every
 * list, made from its definition: list, add, edit, delete, restore, move,
 * and default where the list has a default item. */
#include "config.h"
#include "cli.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "grouping.h"
#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "text.h"

#define FIELDS_MAX 16

/* The options of add, or of edit (with --name, the no-options and --yes),
 * into buf: the usage line made from the list's fields. */
static void usage_options(char *buf, size_t len, enum la_list list, bool edit)
{
	const struct la_listdef *d = lists_def(list);
	size_t used = strlen(buf);

	for (size_t i = 0; i < d->nfields && used < len; i++) {
		const struct la_fielddef *f = &d->fields[i];

		if (!f->option || f->kind == LF_COUNT || (f->id == LA_FIELD_NAME && !edit))
			continue;
		if (f->kind == LF_BOOL && f->no_option && edit)
			snprintf(buf + used, len - used, " [%s | %s]", f->option, f->no_option);
		else if (f->kind == LF_BOOL)
			snprintf(buf + used, len - used, " [%s]", f->option);
		else
			snprintf(buf + used, len - used, " [%s %s]", f->option, f->metavar);
		used = strlen(buf);
	}
	if (edit && used < len)
		snprintf(buf + used, len - used, " [--yes]");
	used = strlen(buf);
	if (used < len)
		snprintf(buf + used, len - used, " [--name-en TEXT] [--name-de TEXT]");
}

/* The name as the command line shows it (one use at a time). */
static const char *nm(const char *name)
{
	static char b[LISTS_SHOWN_MAX];

	return lists_shown(name, b, sizeof b);
}

static bool has_default(enum la_list list)
{
	return lists_flag_field(list, LFF_DEFAULT) != NULL;
}

/* ---- list */

/* What the table shows of field f: the words of the command line. yes and
 * no are the words of a flag (translated once, not once a row). */
static const char *cell(const struct la_fielddef *f, const struct la_item *it,
			enum cli_format fmt, const char *yes, const char *no,
			char *buf, size_t len)
{
	if (fmt == FORMAT_TSV)
		return lists_field_text(f, it, true, "1", "0", buf, len);
	return lists_field_text(f, it, false, yes, no, buf, len);
}

/* The order of the columns: id, rank, name, the list's own fields, the
 * counts, deleted, description. */
static size_t columns(const struct la_listdef *d, const struct la_fielddef **cols)
{
	size_t n = 0;

	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < d->nfields; i++) {
			const struct la_fielddef *f = &d->fields[i];

			if (pass == 0 ? (f->kind == LF_CHOICE || f->kind == LF_BOOL)
				      : f->kind == LF_COUNT)
				cols[n++] = f;
		}
	return n;
}

/* `list` prints the items as they are read: JSON and TSV one by one,
 * holding none. The table holds its first TABLE_MEASURED items and takes
 * its column widths from them, then prints them and streams the rest:
 * a list of up to TABLE_MEASURED items is measured whole; in a longer one
 * the ids and ranks take the widths of their extremes (the ends of two
 * indexes), and a later item with a wider name, count or description
 * widens only its own line. */
#define TABLE_MEASURED 1000
struct list_out {
	const struct la_listdef *def;
	const struct la_fielddef *cols[FIELDS_MAX];
	size_t ncols;
	enum cli_format fmt;
	bool show_deleted;     /* the table leaves out an always-empty column */
	const char *heads[FIELDS_MAX + 5], *keys[FIELDS_MAX + 5];
	const char *yes[FIELDS_MAX], *no[FIELDS_MAX], *deleted;
	struct cli_table t;
	bool measuring;        /* the table holds its first items */
	struct lists_range range; /* its ids and ranks, for the later items */
	size_t n;              /* items printed (JSON) or read (table) */
	FILE *out;
};

static bool json_item(const struct la_item *it, void *arg)
{
	struct list_out *o = arg;
	struct jbuf b;

	jbuf_init(&b);
	jbuf_addf(&b, "%s{\"id\": %" PRId64 ", \"rank\": %d, \"name\": ",
		  o->n++ ? ",\n " : "\n ", it->id, it->rank);
	jbuf_string(&b, it->name);
	for (size_t c = 0; c < o->ncols; c++) {
		const struct la_fielddef *f = o->cols[c];

		if (f->kind == LF_CHOICE)
			jbuf_addf(&b, ", \"%s\": \"%s\"", f->key,
				  lists_field_text(f, it, true, NULL, NULL, NULL, 0));
		else if (f->kind == LF_BOOL)
			jbuf_addf(&b, ", \"%s\": %s", f->key,
				  lists_field_int(f, it) ? "true" : "false");
		else
			jbuf_addf(&b, ", \"%s\": %ld", f->key, lists_field_int(f, it));
	}
	jbuf_addf(&b, ", \"deleted\": %s, \"description\": ", it->deleted ? "true" : "false");
	jbuf_string(&b, it->tooltip);
	jbuf_add(&b, "}");
	fputs(b.s, o->out);
	jbuf_free(&b);
	return true;
}

/* A table longer than its measured items: its id and rank columns as
 * wide as the extremes of the list. */
static void widen_range(struct list_out *o)
{
	const char *row[FIELDS_MAX + 5];
	char id[2][24], rank[2][16];

	snprintf(id[0], sizeof(id[0]), "%" PRId64, o->range.id_lo);
	snprintf(id[1], sizeof(id[1]), "%" PRId64, o->range.id_hi);
	snprintf(rank[0], sizeof(rank[0]), "%d", o->range.rank_lo);
	snprintf(rank[1], sizeof(rank[1]), "%d", o->range.rank_hi);
	for (int c = 0; c < o->t.ncols; c++)
		row[c] = "";
	for (int i = 0; i < 2; i++) {
		row[0] = id[i];
		row[1] = rank[i];
		cli_table_widen(&o->t, row);
	}
}

static bool row_item(const struct la_item *it, void *arg)
{
	struct list_out *o = arg;
	const char *row[FIELDS_MAX + 5];
	char bufs[FIELDS_MAX][24], id[24], rank[16], shown[LISTS_SHOWN_MAX];
	int r = 0;

	snprintf(id, sizeof(id), "%" PRId64, it->id);
	snprintf(rank, sizeof(rank), "%d", it->rank);
	row[r++] = id;
	row[r++] = rank;
	/* TSV keeps the stored text (SuperOffice's notation), as export does;
	 * the table shows the name in the program's language. */
	row[r++] = o->fmt == FORMAT_TSV ? it->name : lists_shown(it->name, shown, sizeof(shown));
	for (size_t c = 0; c < o->ncols; c++)
		row[r++] = cell(o->cols[c], it, o->fmt, o->yes[c], o->no[c],
				bufs[c], sizeof(bufs[c]));
	if (o->show_deleted)
		row[r++] = o->fmt == FORMAT_TSV ? (it->deleted ? "1" : "0")
						: (it->deleted ? o->deleted : "");
	row[r++] = it->tooltip;
	if (o->fmt == FORMAT_TSV)
		cli_tsv_line(o->out, row, r);
	else if (o->measuring && o->n < TABLE_MEASURED) {
		cli_table_row(&o->t, row);
		o->n++;
	} else {
		if (o->measuring) {
			widen_range(o);
			cli_table_flush(&o->t, true, o->out);
			o->measuring = false;
		}
		cli_table_line(&o->t, row, o->out);
	}
	return true;
}

static enum la_status print_items(struct db *db, enum la_list list, enum cli_format fmt,
				  bool with_deleted, FILE *out, struct la_err *err)
{
	struct list_out o = { .def = lists_def(list), .fmt = fmt, .out = out,
			      .show_deleted = fmt != FORMAT_TABLE || with_deleted };
	enum la_status st;
	int k = 0;

	o.ncols = columns(o.def, o.cols);
	for (size_t c = 0; c < o.ncols; c++) {
		bool mark = o.cols[c]->kind == LF_BOOL && o.cols[c]->mark;

		o.yes[c] = mark ? _(o.cols[c]->mark) : _("yes");
		o.no[c] = mark ? "" : _("no");
	}
	o.deleted = _("deleted");
	if (fmt == FORMAT_JSON) {
		fputs("[", out);
		st = lists_each(db, list, with_deleted, json_item, &o, err);
		fputs(o.n ? "\n]\n" : "]\n", out);
		return st;
	}
	o.heads[k] = _("ID"), o.keys[k++] = "id";
	o.heads[k] = _("Rank"), o.keys[k++] = "rank";
	o.heads[k] = _("Name"), o.keys[k++] = "name";
	for (size_t c = 0; c < o.ncols; c++)
		o.heads[k] = _(o.cols[c]->head), o.keys[k++] = o.cols[c]->key;
	if (o.show_deleted)
		o.heads[k] = _("Deleted"), o.keys[k++] = "deleted";
	o.heads[k] = _("Description"), o.keys[k++] = "description";
	if (fmt == FORMAT_TSV) {
		cli_tsv_line(out, o.keys, k);
		return lists_each(db, list, with_deleted, row_item, &o, err);
	}
	cli_table_init(&o.t, k, o.heads);
	o.t.right[0] = o.t.right[1] = true;
	for (size_t c = 0; c < o.ncols; c++)
		o.t.right[3 + c] = o.cols[c]->kind == LF_COUNT;
	/* The ids and ranks of the items after the first ones fit their
	 * columns (wider names, counts or descriptions widen their line). */
	st = lists_range(db, list, &o.range, err);
	o.measuring = true;
	if (st == LA_OK)
		st = lists_each(db, list, with_deleted, row_item, &o, err);
	if (st == LA_OK && o.measuring)
		cli_table_flush(&o.t, true, out);
	cli_table_free(&o.t);
	return st;
}

static int print_preview(struct cli_ctx *ctx, const char *group, enum cli_format fmt);

static int cmd_list(struct cli_ctx *ctx, enum la_list list, int argc, char **argv)
{
	const char *cmd = lists_def(list)->command;
	bool deleted = false;
	const char *format = NULL, *as_group = NULL;
	const struct cli_opt opts[] = {
		{ "--deleted", OPT_FLAG, NULL, &deleted },
		{ "--format", OPT_VALUE, &format, NULL },
		/* Last: a list without grouping ends the options here. */
		{ grouping_list_has(list) ? "--as-group" : NULL, OPT_VALUE, &as_group, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	int npos, rc;
	enum cli_format fmt;
	struct la_err err;

	if (!cli_parse(cmd, argc, argv, opts, pos, 0, &npos) ||
	    !cli_format_parse(cmd, format, &fmt))
		return 2;
	if (as_group && (deleted || fmt == FORMAT_JSON))
		return cli_usage(cmd, _("--as-group shows what a group sees: no --deleted, and table or tsv"));
	if ((rc = cli_open(ctx)))
		return rc;
	if (as_group)
		return print_preview(ctx, as_group, fmt);
	la_err_clear(&err);
	if (print_items(ctx->db, list, fmt, deleted, stdout, &err) != LA_OK)
		return cli_fail(&err);
	return 0;
}

/* ---- changes */

/* Finds ITEM or prints why not. */
static int find_item(struct cli_ctx *ctx, enum la_list list, const char *key,
		     struct la_item *item)
{
	struct la_err err;

	la_err_clear(&err);
	if (lists_find(ctx->db, list, key, item, &err) != LA_OK)
		return cli_fail(&err);
	return 0;
}

/* How a command names its item: ITEM (a name first) or --id N. */
struct item_arg {
	const char *key;   /* ITEM, or NULL */
	const char *id;    /* the value of --id, or NULL */
	int64_t n;         /* --id's number */
};

/* Checks that exactly one of ITEM and --id N is given, before anything
 * is read; returns 0 or the usage error's exit code. what is the usage
 * error when neither is. */
static int item_arg_check(const char *cmd, struct item_arg *a, const char *what)
{
	char *end;
	long long n;

	if (a->key && a->id)
		return cli_usage(cmd, _("give ITEM or --id N, not both"));
	if (!a->key && !a->id)
		return cli_usage(cmd, "%s", what);
	if (!a->id)
		return 0;
	n = strtoll(a->id, &end, 10);
	if (a->id[0] < '0' || a->id[0] > '9' || *end || n <= 0)
		return cli_usage(cmd, _("--id takes an item's id (a number), not '%s'"), a->id);
	a->n = (int64_t)n;
	return 0;
}

/* The item of a checked item_arg, or prints why there is none. */
static int item_arg_find(struct cli_ctx *ctx, enum la_list list, const struct item_arg *a,
			 struct la_item *item)
{
	struct la_err err;

	if (a->key)
		return find_item(ctx, list, a->key, item);
	la_err_clear(&err);
	if (lists_get(ctx->db, list, a->n, item, &err) != LA_OK)
		return cli_fail(&err);
	return 0;
}

static void set_text(char **dst, const char *value)
{
	free(*dst);
	*dst = strdup(value);
	if (!*dst)
		abort();
}

/* Reports the outcome of a change: the caution asks for --yes; success
 * prints the line fmt makes (made visible, as it holds a stored name). */
static int report(const struct la_err *err, enum la_status rc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int report(const struct la_err *err, enum la_status rc, const char *fmt, ...)
{
	char *line = NULL;
	va_list ap;
	int n;

	if (rc == LA_CONFIRM) {
		char *vis = text_visible(err->msg);

		fprintf(stderr, _("leadadmin: %s Nothing was changed; add --yes to go ahead.\n"), vis);
		free(vis);
		return 1;
	}
	if (rc != LA_OK)
		return cli_fail(err);
	va_start(ap, fmt);
	n = vasprintf(&line, fmt, ap);
	va_end(ap);
	if (n < 0)
		abort();
	cli_put(stdout, line);
	putchar('\n');
	free(line);
	return 0;
}

/* What the options of add or edit ask for, one slot per field. */
struct field_opts {
	const char *value[FIELDS_MAX];
	bool on[FIELDS_MAX], off[FIELDS_MAX];
	bool yes;
	const char *id;    /* edit: --id N */
	/* --name-en, --name-de: the name in one language (SuperOffice's
	 * multi-language notation), by the program languages of langs. */
	const char *lang_name[2];
	struct cli_opt opts[2 * FIELDS_MAX + 5];
};

static const char *const langs[2] = { "en", "de" };

static void make_opts(struct field_opts *o, enum la_list list, bool add)
{
	const struct la_listdef *d = lists_def(list);
	int k = 0;

	memset(o, 0, sizeof(*o));
	for (size_t i = 0; i < d->nfields; i++) {
		const struct la_fielddef *f = &d->fields[i];

		if (!f->option || f->kind == LF_COUNT || (add && f->id == LA_FIELD_NAME))
			continue;
		if (f->kind == LF_BOOL) {
			o->opts[k++] = (struct cli_opt){ f->option, OPT_FLAG, NULL, &o->on[i] };
			if (f->no_option && !add)
				o->opts[k++] = (struct cli_opt){ f->no_option, OPT_FLAG, NULL, &o->off[i] };
		} else {
			o->opts[k++] = (struct cli_opt){ f->option, OPT_VALUE, &o->value[i], NULL };
		}
	}
	o->opts[k++] = (struct cli_opt){ "--name-en", OPT_VALUE, &o->lang_name[0], NULL };
	o->opts[k++] = (struct cli_opt){ "--name-de", OPT_VALUE, &o->lang_name[1], NULL };
	if (!add) {
		o->opts[k++] = (struct cli_opt){ "--yes", OPT_FLAG, NULL, &o->yes };
		o->opts[k++] = (struct cli_opt){ "--id", OPT_VALUE, &o->id, NULL };
	}
	o->opts[k] = (struct cli_opt){ NULL, OPT_FLAG, NULL, NULL };
}

/* Checks the options' values before anything is read: usage errors. */
static int check_opts(const struct field_opts *o, enum la_list list)
{
	const struct la_listdef *d = lists_def(list);

	for (size_t i = 0; i < d->nfields; i++) {
		const struct la_fielddef *f = &d->fields[i];

		if (o->on[i] && o->off[i])
			return cli_usage(d->command, _("%s and %s exclude each other"),
					 f->option, f->no_option);
		if (f->kind == LF_CHOICE && o->value[i] && !lists_choice_by_key(f, o->value[i])) {
			char keys[256];

			lists_choice_keys(f, keys, sizeof(keys));
			return cli_usage(d->command, _("unknown %s '%s': use %s"), f->option + 2,
					 o->value[i], keys);
		}
	}
	return 0;
}

/* Applies the options to item; refused when a value per language cannot
 * be written in the notation. */
static enum la_status apply_opts(const struct field_opts *o, struct la_item *item,
				 struct la_err *err)
{
	const struct la_listdef *d = lists_def(item->list);

	for (size_t i = 0; i < d->nfields; i++) {
		const struct la_fielddef *f = &d->fields[i];

		if (f->kind == LF_TEXT && o->value[i])
			set_text(lists_field_str(f, item), o->value[i]);
		else if (f->kind == LF_CHOICE && o->value[i])
			lists_field_set_int(f, item, lists_choice_by_key(f, o->value[i])->value);
		else if (f->kind == LF_BOOL && (o->on[i] || o->off[i]))
			lists_field_set_int(f, item, o->on[i]);
	}
	/* After --name: the values per language change the name as given. */
	for (size_t i = 0; i < 2; i++)
		if (o->lang_name[i] &&
		    lists_name_set_code(&item->name, lists_language_code(langs[i]), o->lang_name[i],
					err) != LA_OK)
			return LA_REFUSED;
	return LA_OK;
}

static int cmd_add_edit(struct cli_ctx *ctx, enum la_list list, int argc,
			char **argv, bool add)
{
	const char *cmd = lists_def(list)->command;
	struct field_opts o;
	const char *pos[1];
	struct item_arg arg;
	struct la_item item;
	struct la_err err;
	int npos, rc, tries;
	int64_t id, was;
	char sbuf[LISTS_SHOWN_MAX];
	const char *shown;

	make_opts(&o, list, add);
	if (!cli_parse(cmd, argc, argv, o.opts, pos, 1, &npos))
		return 2;
	if (add && npos != 1 && !o.lang_name[0] && !o.lang_name[1])
		return cli_usage(cmd, _("add needs a NAME (or --name-en, --name-de)"));
	arg = (struct item_arg){ npos ? pos[0] : NULL, o.id, 0 };
	if (!add && (rc = item_arg_check(cmd, &arg, _("edit needs an ITEM (or --id N)"))))
		return rc;
	if ((rc = check_opts(&o, list)))
		return rc;
	if ((rc = cli_open(ctx)))
		return rc;
	if (add) {
		lists_item_init(&item, list);
		set_text(&item.name, npos ? pos[0] : "");
	} else if ((rc = item_arg_find(ctx, list, &arg, &item))) {
		return rc;
	}
	for (tries = 0;; tries++) {
		la_err_clear(&err);
		if (apply_opts(&o, &item, &err) != LA_OK) {
			lists_item_clear(&item);
			return cli_fail(&err);
		}
		was = item.updated_count;
		la_err_clear(&err);
		rc = lists_save(ctx->db, &ctx->actor, &item, o.yes ? CONFIRM_YES : CONFIRM_NONE, &err);
		/* The command line holds no opened copy that another admin's
		 * change could make stale: its options are changes to the item
		 * as it is now. When someone saved the item between the read
		 * and this save, read it again (by id) and apply them again. */
		if (add || rc != LA_STALE || tries == 10)
			break;
		id = item.id;
		lists_item_clear(&item);
		la_err_clear(&err);
		if ((rc = lists_get(ctx->db, list, id, &item, &err)) != LA_OK)
			return cli_fail(&err);
	}
	shown = lists_shown(item.name, sbuf, sizeof(sbuf));
	if (add)
		rc = report(&err, rc, _("Added '%s' (id %" PRId64 ")."), shown, item.id);
	else if (rc == LA_OK && item.updated_count == was)
		rc = report(&err, rc, _("No changes to '%s' (id %" PRId64 "); nothing was saved."),
			    shown, item.id);
	else
		rc = report(&err, rc, _("Saved '%s' (id %" PRId64 ")."), shown, item.id);
	if (rc == 0 && err.contacts > 0)
		printf(ngettext("%ld contact got the default lead status.\n",
				"%ld contacts got the default lead status.\n", (unsigned long)err.contacts),
		       err.contacts);
	lists_item_clear(&item);
	return rc;
}

/* A refused delete of an item in use, on one line: the refusal and that
 * --move-to would move what uses it. */
static int refused_in_use(const struct la_err *err, enum la_status rc,
			  const struct la_item *item)
{
	char what[64];
	/* %s below is that count with its noun ("1 member"): the plural forms
	 * are for the words that go with it. */
	unsigned long n = (unsigned long)lists_used_count(item, what, sizeof(what));

	/* A move also takes along what else names it (the group Distribute
	 * to owner uses), which is what the caution is about. */
	if (rc == LA_CONFIRM && lists_def(item->list)->hooks->moved) {
		if (n == 0)
			cli_printf(stderr, _("leadadmin: %s Nothing was changed; add --yes to go ahead, or --move-to OTHER to make Distribute to owner use OTHER instead.\n"),
				   err->msg);
		else
			cli_printf(stderr, ngettext("leadadmin: %s Nothing was changed; add --yes to go ahead, or --move-to OTHER to move its %s to OTHER and make Distribute to owner use OTHER.\n",
						    "leadadmin: %s Nothing was changed; add --yes to go ahead, or --move-to OTHER to move its %s to OTHER and make Distribute to owner use OTHER.\n",
						    n),
				   err->msg, what);
		return 1;
	}
	if ((rc != LA_CONFIRM && rc != LA_REFUSED) || n == 0)
		return report(err, rc, "%s", "");
	/* cli_printf makes the stored name in the message visible. */
	if (rc == LA_CONFIRM)
		cli_printf(stderr, ngettext("leadadmin: %s Nothing was changed; add --yes to go ahead, or --move-to OTHER to move its %s to another item first.\n",
					    "leadadmin: %s Nothing was changed; add --yes to go ahead, or --move-to OTHER to move its %s to another item first.\n",
					    n),
			   err->msg, what);
	else
		cli_printf(stderr, ngettext("leadadmin: %s; --move-to OTHER moves its %s to another item.\n",
					    "leadadmin: %s; --move-to OTHER moves its %s to another item.\n", n),
			   err->msg, what);
	return 1;
}

static int cmd_delete(struct cli_ctx *ctx, enum la_list list, int argc, char **argv)
{
	const struct la_listdef *d = lists_def(list);
	const char *cmd = d->command;
	bool yes = false;
	const char *new_default = NULL, *id = NULL, *move_to = NULL;
	const struct cli_opt opts[] = {
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ "--id", OPT_VALUE, &id, NULL },
		/* Options a list does not have end the table. */
		{ d->used_by ? "--move-to" : NULL, OPT_VALUE, &move_to, NULL },
		{ has_default(list) ? "--new-default" : NULL, OPT_VALUE, &new_default, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct item_arg arg;
	struct la_item item, repl, target = { .name = NULL };
	struct lists_moved moved;
	struct la_err err;
	int npos, rc;
	int64_t repl_id = 0;

	if (!cli_parse(cmd, argc, argv, opts, pos, 1, &npos))
		return 2;
	arg = (struct item_arg){ npos ? pos[0] : NULL, id, 0 };
	if ((rc = item_arg_check(cmd, &arg, _("delete needs an ITEM (or --id N)"))))
		return rc;
	if ((rc = cli_open(ctx)) || (rc = item_arg_find(ctx, list, &arg, &item)))
		return rc;
	if (new_default) {
		if ((rc = find_item(ctx, list, new_default, &repl))) {
			lists_item_clear(&item);
			return rc;
		}
		repl_id = repl.id;
		lists_item_clear(&repl);
	}
	if (move_to && (rc = find_item(ctx, list, move_to, &target))) {
		lists_item_clear(&item);
		return rc;
	}
	la_err_clear(&err);
	rc = lists_delete_move(ctx->db, &ctx->actor, list, item.id, move_to ? target.id : 0,
			       repl_id, yes ? CONFIRM_YES : CONFIRM_NONE, &moved, &err);
	if (rc == LA_REFUSED && err.field == LA_FIELD_DEFAULT && !new_default) {
		char *vis = text_visible(err.msg);

		fprintf(stderr, _("leadadmin: %s (--new-default ITEM)\n"), vis);
		free(vis);
		rc = 1;
	} else if (rc != LA_OK) {
		rc = move_to ? report(&err, rc, "%s", "") : refused_in_use(&err, rc, &item);
	} else {
		char what[64];

		if (moved.moved > 0) {
			lists_def(list)->used_by->count_text(moved.moved, what, sizeof(what));
			cli_printf(stdout, _("Moved %s from '%s' to '%s'.\n"), what,
				   nm(item.name), nm(target.name));
		} else if (move_to) {
			cli_printf(stdout, _("Nothing used '%s'; nothing was moved.\n"), nm(item.name));
		}
		/* What moved along (the group Distribute to owner uses). */
		if (move_to && err.msg[0]) {
			cli_put(stdout, err.msg);
			putchar('\n');
		}
		if (moved.given > 0)
			printf(ngettext("%ld contact got the default lead status.\n",
					"%ld contacts got the default lead status.\n",
					(unsigned long)moved.given), moved.given);
		if (!item.deleted)
			rc = report(&err, rc, _("Deleted '%s' (id %" PRId64 "); restore brings it back."),
				    nm(item.name), item.id);
	}
	lists_item_clear(&item);
	lists_item_clear(&target);
	return rc;
}

enum simple { SIMPLE_RESTORE, SIMPLE_MOVE, SIMPLE_DEFAULT };

/* restore, move and default: one ITEM and a domain call each. */
static int cmd_simple(struct cli_ctx *ctx, enum la_list list, int argc,
		      char **argv, enum simple what)
{
	const char *cmd = lists_def(list)->command;
	const char *pos[2], *id = NULL, *way = NULL;
	const struct cli_opt opts[] = {
		{ "--id", OPT_VALUE, &id, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	struct item_arg arg;
	struct la_item item;
	struct la_err err;
	int npos, rc, dir = 0;
	bool move = what == SIMPLE_MOVE;

	if (!cli_parse(cmd, argc, argv, opts, pos, move ? 2 : 1, &npos))
		return 2;
	/* move's last word is the direction: ITEM up, or --id N up. */
	if (move && npos > 0)
		way = pos[--npos];
	arg = (struct item_arg){ npos ? pos[0] : NULL, id, 0 };
	if (move && (!way || (!arg.key && !arg.id)))
		return cli_usage(cmd, _("move needs an ITEM (or --id N) and up or down"));
	if ((rc = item_arg_check(cmd, &arg, _("this command needs an ITEM (or --id N)"))))
		return rc;
	if (move) {
		if (strcmp(way, "up") == 0)
			dir = -1;
		else if (strcmp(way, "down") == 0)
			dir = 1;
		else
			return cli_usage(cmd, _("move takes up or down, not '%s'"), way);
	}
	if ((rc = cli_open(ctx)) || (rc = item_arg_find(ctx, list, &arg, &item)))
		return rc;
	la_err_clear(&err);
	switch (what) {
	case SIMPLE_MOVE:
		rc = lists_move(ctx->db, &ctx->actor, list, item.id, dir, &err);
		rc = report(&err, rc, dir < 0 ? _("Moved '%s' (id %" PRId64 ") up.")
					      : _("Moved '%s' (id %" PRId64 ") down."), nm(item.name), item.id);
		break;
	case SIMPLE_RESTORE:
		rc = lists_restore(ctx->db, &ctx->actor, list, item.id, &err);
		rc = report(&err, rc, _("Restored '%s' (id %" PRId64 ")."), nm(item.name), item.id);
		break;
	case SIMPLE_DEFAULT:
		rc = lists_set_default(ctx->db, &ctx->actor, list, item.id, &err);
		rc = report(&err, rc, _("'%s' (id %" PRId64 ") is now the default for new leads."),
			    nm(item.name), item.id);
		break;
	}
	lists_item_clear(&item);
	return rc;
}

/* ---- grouping and user-group filtering (Company – Category) */

/* The preview: the list as a member of group sees it. */
static int print_preview(struct cli_ctx *ctx, const char *group, enum cli_format fmt)
{
	struct grouping_preview p;
	struct la_item g;
	struct la_err err;
	const char *heading = "";
	int rc;

	if ((rc = find_item(ctx, LIST_USERGROUP, group, &g)))
		return rc;
	la_err_clear(&err);
	if (grouping_preview(ctx->db, g.id, &p, &err) != LA_OK) {
		lists_item_clear(&g);
		return cli_fail(&err);
	}
	if (fmt == FORMAT_TABLE) {
		if (p.on)
			printf(ngettext("As a member of '%s' sees it: %zu item.\n",
					"As a member of '%s' sees it: %zu items.\n", p.items),
			       nm(g.name), p.items);
		else
			printf(ngettext("Grouping is off: every user group sees every item (%zu).\n",
					"Grouping is off: every user group sees every item (%zu).\n",
					p.items), p.items);
	}
	for (size_t i = 0; i < p.n; i++) {
		const struct grouping_row *r = &p.v[i];

		if (r->heading) {
			heading = r->id ? r->name : _("(no heading)");
			if (fmt == FORMAT_TABLE) {
				cli_put(stdout, nm(heading));
				putchar('\n');
			}
			continue;
		}
		if (fmt == FORMAT_TSV) {
			cli_put(stdout, heading);
			putchar('\t');
		} else if (p.on) {
			fputs("  ", stdout);
		}
		/* tsv keeps the stored names, as the lists' own tsv does */
		cli_put(stdout, fmt == FORMAT_TSV ? r->name : nm(r->name));
		putchar('\n');
	}
	grouping_preview_free(&p);
	lists_item_clear(&g);
	return 0;
}

static int sub_grouping(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	const char *name = ((const struct la_listdef *)cmd->data)->command;
	const struct cli_opt opts[] = { { NULL, OPT_FLAG, NULL, NULL } };
	const char *pos[1];
	struct la_err err;
	bool on, changed;
	int npos, rc;

	if (!cli_parse(name, argc, argv, opts, pos, 1, &npos))
		return 2;
	if (npos == 0) {
		if ((rc = cli_open(ctx)))
			return rc;
		puts(grouping_on(ctx->db) ? _("Grouping and user group filtering: on")
					  : _("Grouping and user group filtering: off"));
		return 0;
	}
	if (strcmp(pos[0], "on") == 0)
		on = true;
	else if (strcmp(pos[0], "off") == 0)
		on = false;
	else
		return cli_usage(name, _("grouping takes on or off, not '%s'"), pos[0]);
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (grouping_set_on(ctx->db, &ctx->actor, on, &changed, &err) != LA_OK)
		return cli_fail(&err);
	if (!changed)
		puts(on ? _("Grouping and user group filtering is already on; nothing was changed.")
			: _("Grouping and user group filtering is already off; nothing was changed."));
	else
		puts(on ? _("Grouping and user group filtering is on.")
			: _("Grouping and user group filtering is off: every user group sees every item."));
	return 0;
}

/* The items of kind that names (NAME[,NAME...], each as ITEM), or none for
 * the word none (and every active one for all, when all is given). */
static int find_names(struct cli_ctx *ctx, enum la_list kind, const char *names,
		      const char *all, int64_t **ids, size_t *n)
{
	char *copy, *save = NULL;
	int rc = 0;

	*ids = NULL;
	*n = 0;
	if (strcmp(names, "none") == 0)
		return 0;
	if (all && strcmp(names, all) == 0) {
		struct la_items items;
		struct la_err err;

		la_err_clear(&err);
		if (lists_load(ctx->db, kind, false, &items, &err) != LA_OK)
			return cli_fail(&err);
		if (items.n && !(*ids = malloc(items.n * sizeof(**ids))))
			abort();
		for (size_t i = 0; i < items.n; i++)
			(*ids)[(*n)++] = items.v[i].id;
		lists_items_free(&items);
		return 0;
	}
	if (!(copy = strdup(names)))
		abort();
	for (char *w = strtok_r(copy, ",", &save); w && !rc; w = strtok_r(NULL, ",", &save)) {
		struct la_item it;

		while (*w == ' ')
			w++;
		if ((rc = find_item(ctx, kind, w, &it)))
			break;
		if (!(*ids = realloc(*ids, (*n + 1) * sizeof(**ids))))
			abort();
		(*ids)[(*n)++] = it.id;
		lists_item_clear(&it);
	}
	free(copy);
	if (rc) {
		free(*ids);
		*ids = NULL;
		*n = 0;
	}
	return rc;
}

/* visible-for and headings: ITEM and the names of its new links. */
static int cmd_links(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv,
		     enum la_list kind)
{
	enum la_list list = ((const struct la_listdef *)cmd->data)->list;
	const char *name = lists_def(list)->command;
	const char *pos[2], *id = NULL;
	const struct cli_opt opts[] = {
		{ "--id", OPT_VALUE, &id, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	struct item_arg arg;
	struct la_item item;
	struct la_err err;
	int64_t *ids = NULL;
	size_t n = 0;
	int npos, rc;

	if (!cli_parse(name, argc, argv, opts, pos, 2, &npos))
		return 2;
	if (npos == 0 || (npos == 1 && !id))
		return cli_usage(name, kind == LIST_USERGROUP
				 ? _("visible-for needs an ITEM (or --id N) and GROUP[,GROUP...] or all")
				 : _("headings needs an ITEM (or --id N) and HEADING[,HEADING...] or none"));
	arg = (struct item_arg){ npos == 2 ? pos[0] : NULL, id, 0 };
	if ((rc = item_arg_check(name, &arg, _("this command needs an ITEM (or --id N)"))))
		return rc;
	if ((rc = cli_open(ctx)) || (rc = item_arg_find(ctx, list, &arg, &item)))
		return rc;
	if ((rc = find_names(ctx, kind, pos[npos - 1], kind == LIST_USERGROUP ? "all" : NULL,
			     &ids, &n))) {
		lists_item_clear(&item);
		return rc;
	}
	la_err_clear(&err);
	if (grouping_set_links(ctx->db, &ctx->actor, kind, item.id, ids, n, &err) != LA_OK) {
		rc = cli_fail(&err);
	} else if (kind == LIST_USERGROUP) {
		printf(ngettext("'%s' (id %" PRId64 ") is visible for %zu user group.\n",
				"'%s' (id %" PRId64 ") is visible for %zu user groups.\n", n),
		       nm(item.name), item.id, n);
		if (n == 0 && grouping_on(ctx->db))
			puts(_("No user group may see it now: nobody can choose it (setup-check reports it)."));
	} else {
		printf(ngettext("'%s' (id %" PRId64 ") is filed under %zu heading.\n",
				"'%s' (id %" PRId64 ") is filed under %zu headings.\n", n),
		       nm(item.name), item.id, n);
	}
	free(ids);
	lists_item_clear(&item);
	return rc;
}

static int sub_visible_for(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_links(ctx, cmd, argc, argv, LIST_USERGROUP);
}

static int sub_headings(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_links(ctx, cmd, argc, argv, LIST_HEADING);
}

static const char grouping_help[] = N_(
	"grouping on|off turns on \"Use grouping and user group filtering for\n"
	"this list\" (no word: shows it). visible-for gives the user groups that\n"
	"may see ITEM (all: every active group), headings the headings it is\n"
	"filed under (none: no heading); names are separated by commas.\n"
	"list --as-group GROUP shows the list as a member of GROUP sees it, under\n"
	"its headings. Headings themselves: leadadmin heading list|add|...\n");

/* The list a subcommand runs on: its command's data. */
static enum la_list list_of(const struct cli_cmd *cmd)
{
	return ((const struct la_listdef *)cmd->data)->list;
}

static int sub_list(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_list(ctx, list_of(cmd), argc, argv);
}

static int sub_add(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_add_edit(ctx, list_of(cmd), argc, argv, true);
}

static int sub_edit(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_add_edit(ctx, list_of(cmd), argc, argv, false);
}

static int sub_delete(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_delete(ctx, list_of(cmd), argc, argv);
}

static int sub_restore(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_simple(ctx, list_of(cmd), argc, argv, SIMPLE_RESTORE);
}

static int sub_move(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_simple(ctx, list_of(cmd), argc, argv, SIMPLE_MOVE);
}

static int sub_default(struct cli_ctx *ctx, const struct cli_cmd *cmd, int argc, char **argv)
{
	return cmd_simple(ctx, list_of(cmd), argc, argv, SIMPLE_DEFAULT);
}

static const char item_help[] = N_(
	"ITEM is a name (any case). A number that is no item's name is an id;\n"
	"one that is one item's name and another item's id is refused, as it\n"
	"could mean either: --id N (or id:N where an option takes ITEM, as\n"
	"--new-default does) always means the item with id N.\n");

/* The command of a list, made once from its definition: the same
 * subcommands for every list, "default" where it has a default item, and
 * the usage of add and edit from its fields. */
static const struct cli_cmd *list_cmd(enum la_list list)
{
	static struct cli_cmd cmds[LIST_COUNT];
	static struct cli_sub subs[LIST_COUNT][12];
	static char add_usage[LIST_COUNT][256], edit_usage[LIST_COUNT][256];
	static char help[LIST_COUNT][2048];
	const struct la_listdef *d = lists_def(list);
	struct cli_sub *s = subs[list];
	int n = 0;

	if (cmds[list].name)
		return &cmds[list];
	snprintf(add_usage[list], sizeof(add_usage[list]), "NAME");
	usage_options(add_usage[list], sizeof(add_usage[list]), list, false);
	snprintf(edit_usage[list], sizeof(edit_usage[list]), "ITEM|--id N");
	usage_options(edit_usage[list], sizeof(edit_usage[list]), list, true);
	s[n++] = (struct cli_sub){ "list", sub_list,
				   grouping_list_has(list)
				   ? "[--deleted] [--format table|tsv|json] [--as-group GROUP]"
				   : "[--deleted] [--format table|tsv|json]" };
	s[n++] = (struct cli_sub){ "add", sub_add, add_usage[list] };
	s[n++] = (struct cli_sub){ "edit", sub_edit, edit_usage[list] };
	s[n++] = (struct cli_sub){ "delete", sub_delete,
				   has_default(list) ? "ITEM|--id N [--yes] [--new-default ITEM] [--move-to OTHER]"
				   : lists_def(list)->used_by ? "ITEM|--id N [--yes] [--move-to OTHER]"
				   : "ITEM|--id N [--yes]" };
	s[n++] = (struct cli_sub){ "restore", sub_restore, "ITEM|--id N" };
	s[n++] = (struct cli_sub){ "move", sub_move, "ITEM|--id N up|down" };
	if (has_default(list))
		s[n++] = (struct cli_sub){ "default", sub_default, "ITEM|--id N" };
	if (grouping_list_has(list)) {
		s[n++] = (struct cli_sub){ "grouping", sub_grouping, "[on|off]" };
		s[n++] = (struct cli_sub){ "visible-for", sub_visible_for,
					   "ITEM|--id N GROUP[,GROUP...]|all" };
		s[n++] = (struct cli_sub){ "headings", sub_headings,
					   "ITEM|--id N HEADING[,HEADING...]|none" };
	}
	s[n] = (struct cli_sub){ NULL, NULL, NULL };
	/* What ITEM is, the same for every list, before the list's own words. */
	snprintf(help[list], sizeof(help[list]), "%s%s%s%s", _(item_help), _(d->cli_help),
		 d->used_by ? _(d->used_by->help) : "",
		 grouping_list_has(list) ? _(grouping_help) : "");
	cmds[list] = (struct cli_cmd){ d->command, s, help[list], d };
	return &cmds[list];
}

int cli_list(struct cli_ctx *ctx, enum la_list list, int argc, char **argv)
{
	return cli_dispatch(ctx, list_cmd(list), argc, argv);
}
