#include "config.h"
#include "cli.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_util.h"
#include "i18n.h"
#include "json.h"
#include "lists.h"
#include "text.h"

/* The words of one list on the command line. */
struct list_cmd {
	enum la_list list;
	const char *cmd;    /* "category" */
};

static const struct list_cmd category_cmd = { LIST_CATEGORY, "category" };
static const struct list_cmd leadstatus_cmd = { LIST_LEADSTATUS, "lead-status" };

static void help(const struct list_cmd *lc, FILE *out)
{
	if (lc->list == LIST_CATEGORY)
		fputs(_("Usage: leadadmin category COMMAND ...\n"
			"  list [--deleted] [--format table|tsv|json]\n"
			"  add NAME [--group G] [--description TEXT] [--lead-status]\n"
			"  edit ITEM [--name NEW] [--group G] [--description TEXT]\n"
			"            [--lead-status | --no-lead-status] [--yes]\n"
			"  delete ITEM [--yes]\n"
			"  restore ITEM\n"
			"  move ITEM up|down\n"
			"ITEM is a name (any case) or an id. G is one of customer,\n"
			"potential-customer (the default for add), partner, lost, other.\n"
			"Only potential-customer categories may use lead status. --yes confirms\n"
			"a change to an item in use (rename, group, lead status off, delete).\n"), out);
	else
		fputs(_("Usage: leadadmin lead-status COMMAND ...\n"
			"  list [--deleted] [--format table|tsv|json]\n"
			"  add NAME [--description TEXT] [--default]\n"
			"  edit ITEM [--name NEW] [--description TEXT] [--default] [--yes]\n"
			"  delete ITEM [--yes] [--new-default ITEM]\n"
			"  restore ITEM\n"
			"  move ITEM up|down\n"
			"  default ITEM\n"
			"ITEM is a name (any case) or an id. The default status is the one new\n"
			"leads get; deleting it needs --new-default and --yes.\n"), out);
}

static bool wants_help(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0)
			return true;
	return false;
}

static const char *yes_no(bool b)
{
	return b ? _("yes") : _("no");
}

static void json_item(struct jbuf *b, const struct la_item *it)
{
	jbuf_addf(b, "{\"id\": %" PRId64 ", \"rank\": %d, \"name\": ", it->id, it->rank);
	jbuf_string(b, it->name);
	if (it->list == LIST_CATEGORY)
		jbuf_addf(b, ", \"group\": \"%s\", \"lead_status\": %s, \"companies\": %ld",
			  lists_group_key(it->group), it->lead_status ? "true" : "false",
			  it->companies);
	else
		jbuf_addf(b, ", \"default\": %s", it->is_default ? "true" : "false");
	jbuf_addf(b, ", \"contacts\": %ld, \"deleted\": %s, \"description\": ",
		  it->contacts, it->deleted ? "true" : "false");
	jbuf_string(b, it->tooltip);
	jbuf_add(b, "}");
}

static void print_items(const struct la_items *items, enum la_list list,
			enum cli_format fmt, bool with_deleted, FILE *out)
{
	static const char *cat_keys[] = { "id", "rank", "name", "group", "lead_status",
					  "companies", "contacts", "deleted", "description" };
	static const char *ls_keys[] = { "id", "rank", "name", "default", "contacts",
					 "deleted", "description" };
	const char *cat_heads[] = { _("ID"), _("Rank"), _("Name"), _("Group"), _("Lead status"),
				    _("Companies"), _("Contacts"), _("Deleted"), _("Description") };
	const char *ls_heads[] = { _("ID"), _("Rank"), _("Name"), _("Default"), _("Contacts"),
				   _("Deleted"), _("Description") };
	bool cat = list == LIST_CATEGORY;
	int ncols = cat ? 9 : 7;
	struct cli_table t;
	size_t i;

	if (fmt == FORMAT_JSON) {
		struct jbuf b;
		char *s;

		jbuf_init(&b);
		jbuf_add(&b, "[");
		for (i = 0; i < items->n; i++) {
			jbuf_add(&b, i ? ",\n " : "\n ");
			json_item(&b, &items->v[i]);
		}
		jbuf_add(&b, items->n ? "\n]\n" : "]\n");
		s = jbuf_take(&b);
		fputs(s, out);
		free(s);
		return;
	}
	/* Without --deleted the table leaves out the always-empty column. */
	bool skip_deleted = fmt == FORMAT_TABLE && !with_deleted;
	int del = cat ? 7 : 5, c, k;
	const char *heads[9];

	for (c = k = 0; c < ncols; c++)
		if (!(skip_deleted && c == del))
			heads[k++] = cat ? cat_heads[c] : ls_heads[c];
	cli_table_init(&t, k, heads);
	t.right[0] = t.right[1] = true;
	t.right[cat ? 5 : 4] = true;
	if (cat)
		t.right[6] = true;
	for (i = 0; i < items->n; i++) {
		const struct la_item *it = &items->v[i];
		char id[24], rank[16], companies[24], contacts[24];
		bool tsv = fmt == FORMAT_TSV;
		const char *deleted = tsv ? (it->deleted ? "1" : "0")
					  : (it->deleted ? _("deleted") : "");
		const char *row[9], *out_row[9];

		snprintf(id, sizeof(id), "%" PRId64, it->id);
		snprintf(rank, sizeof(rank), "%d", it->rank);
		snprintf(companies, sizeof(companies), "%ld", it->companies);
		snprintf(contacts, sizeof(contacts), "%ld", it->contacts);
		row[0] = id;
		row[1] = rank;
		row[2] = it->name;
		if (cat) {
			row[3] = tsv ? lists_group_key(it->group) : lists_group_label(it->group);
			row[4] = tsv ? (it->lead_status ? "1" : "0") : yes_no(it->lead_status);
			row[5] = companies;
			row[6] = contacts;
			row[7] = deleted;
			row[8] = it->tooltip;
		} else {
			row[3] = tsv ? (it->is_default ? "1" : "0") : (it->is_default ? _("default") : "");
			row[4] = contacts;
			row[5] = deleted;
			row[6] = it->tooltip;
		}
		for (c = k = 0; c < ncols; c++)
			if (!(skip_deleted && c == del))
				out_row[k++] = row[c];
		cli_table_row(&t, out_row);
	}
	if (fmt == FORMAT_TSV)
		cli_table_tsv(&t, cat ? cat_keys : ls_keys, out);
	else
		cli_table_print(&t, out);
	cli_table_free(&t);
}

static int cmd_list(struct cli_ctx *ctx, const struct list_cmd *lc, int argc, char **argv)
{
	bool deleted = false;
	const char *format = NULL;
	const struct cli_opt opts[] = {
		{ "--deleted", OPT_FLAG, NULL, &deleted },
		{ "--format", OPT_VALUE, &format, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	int npos, rc;
	enum cli_format fmt;
	struct la_items items;
	struct la_err err;

	if (!cli_parse(lc->cmd, argc, argv, opts, pos, 0, &npos) ||
	    !cli_format_parse(lc->cmd, format, &fmt))
		return 2;
	if ((rc = cli_open(ctx)))
		return rc;
	la_err_clear(&err);
	if (lists_load(ctx->db, lc->list, deleted, &items, &err) != LA_OK)
		return cli_fail(&err);
	print_items(&items, lc->list, fmt, deleted, stdout);
	lists_items_free(&items);
	return 0;
}

/* Finds ITEM or prints why not. */
static int find_item(struct cli_ctx *ctx, const struct list_cmd *lc, const char *key,
		     struct la_item *item)
{
	struct la_err err;

	la_err_clear(&err);
	if (lists_find(ctx->db, lc->list, key, item, &err) != LA_OK)
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
	char line[600];
	va_list ap;

	if (rc == LA_CONFIRM) {
		char *vis = text_visible(err->msg);

		fprintf(stderr, _("leadadmin: %s Nothing was changed; add --yes to go ahead.\n"), vis);
		free(vis);
		return 1;
	}
	if (rc != LA_OK)
		return cli_fail(err);
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	cli_put(stdout, line);
	putchar('\n');
	return 0;
}

static int cmd_add_edit(struct cli_ctx *ctx, const struct list_cmd *lc, int argc,
			char **argv, bool add)
{
	const char *group = NULL, *desc = NULL, *name = NULL;
	bool lead = false, no_lead = false, def = false, yes = false;
	const struct cli_opt cat_opts[] = {
		{ "--group", OPT_VALUE, &group, NULL },
		{ "--description", OPT_VALUE, &desc, NULL },
		{ "--lead-status", OPT_FLAG, NULL, &lead },
		{ "--no-lead-status", OPT_FLAG, NULL, add ? NULL : &no_lead },
		{ "--name", OPT_VALUE, &name, NULL },
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const struct cli_opt ls_opts[] = {
		{ "--description", OPT_VALUE, &desc, NULL },
		{ "--default", OPT_FLAG, NULL, &def },
		{ "--name", OPT_VALUE, &name, NULL },
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const struct cli_opt *opts = lc->list == LIST_CATEGORY ? cat_opts : ls_opts;
	const char *pos[1];
	struct la_item item;
	struct la_err err;
	enum la_group g;
	int npos, rc, tries;
	int64_t id;

	if (!cli_parse(lc->cmd, argc, argv, opts, pos, 1, &npos))
		return 2;
	if (npos != 1)
		return cli_usage(lc->cmd, add ? _("add needs a NAME") : _("edit needs an ITEM"));
	if (add && name)
		return cli_usage(lc->cmd, _("--name is for edit; add takes the NAME itself"));
	if (lead && no_lead)
		return cli_usage(lc->cmd, _("--lead-status and --no-lead-status exclude each other"));
	if (group && !lists_group_parse(group, &g))
		return cli_usage(lc->cmd, _("unknown group '%s': use customer, potential-customer, partner, lost or other"),
				 group);
	if ((rc = cli_open(ctx)))
		return rc;
	if (add) {
		lists_item_init(&item, lc->list);
		set_text(&item.name, pos[0]);
	} else if ((rc = find_item(ctx, lc, pos[0], &item))) {
		return rc;
	}
	for (tries = 0;; tries++) {
		if (name)
			set_text(&item.name, name);
		if (desc)
			set_text(&item.tooltip, desc);
		if (group)
			item.group = g;
		if (lead)
			item.lead_status = true;
		if (no_lead)
			item.lead_status = false;
		if (def)
			item.is_default = true;
		la_err_clear(&err);
		rc = lists_save(ctx->db, &ctx->actor, &item, yes ? CONFIRM_YES : CONFIRM_NONE, &err);
		/* The command line holds no opened copy that another admin's
		 * change could make stale: its options are changes to the item
		 * as it is now. When someone saved the item between the read
		 * and this save, read it again (by id) and apply them again. */
		if (add || rc != LA_STALE || tries == 10)
			break;
		id = item.id;
		lists_item_clear(&item);
		la_err_clear(&err);
		if ((rc = lists_get(ctx->db, lc->list, id, &item, &err)) != LA_OK)
			return cli_fail(&err);
	}
	rc = report(&err, rc, add ? _("Added '%s' (id %" PRId64 ").")
				  : _("Saved '%s' (id %" PRId64 ")."), item.name, item.id);
	if (rc == 0 && err.contacts > 0 && lc->list == LIST_CATEGORY &&
	    item.lead_status)
		printf(_("%ld contacts got the default lead status.\n"), err.contacts);
	lists_item_clear(&item);
	return rc;
}

static int cmd_delete(struct cli_ctx *ctx, const struct list_cmd *lc, int argc, char **argv)
{
	bool yes = false;
	const char *new_default = NULL;
	const struct cli_opt cat_opts[] = {
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const struct cli_opt ls_opts[] = {
		{ "--yes", OPT_FLAG, NULL, &yes },
		{ "--new-default", OPT_VALUE, &new_default, NULL },
		{ NULL, OPT_FLAG, NULL, NULL },
	};
	const char *pos[1];
	struct la_item item, repl;
	struct la_err err;
	int npos, rc;
	int64_t repl_id = 0;

	if (!cli_parse(lc->cmd, argc, argv, lc->list == LIST_CATEGORY ? cat_opts : ls_opts,
		       pos, 1, &npos))
		return 2;
	if (npos != 1)
		return cli_usage(lc->cmd, _("delete needs an ITEM"));
	if ((rc = cli_open(ctx)) || (rc = find_item(ctx, lc, pos[0], &item)))
		return rc;
	if (new_default) {
		if ((rc = find_item(ctx, lc, new_default, &repl))) {
			lists_item_clear(&item);
			return rc;
		}
		repl_id = repl.id;
		lists_item_clear(&repl);
	}
	la_err_clear(&err);
	rc = lists_delete(ctx->db, &ctx->actor, lc->list, item.id, repl_id,
			  yes ? CONFIRM_YES : CONFIRM_NONE, &err);
	if (rc == LA_REFUSED && err.field == LA_FIELD_DEFAULT && !new_default) {
		char *vis = text_visible(err.msg);

		fprintf(stderr, _("leadadmin: %s (--new-default ITEM)\n"), vis);
		free(vis);
		rc = 1;
	} else {
		rc = report(&err, rc, _("Deleted '%s' (id %" PRId64 "); restore brings it back."), item.name, item.id);
	}
	lists_item_clear(&item);
	return rc;
}

/* restore, move and default: one ITEM and a domain call each. */
static int cmd_simple(struct cli_ctx *ctx, const struct list_cmd *lc, int argc,
		      char **argv, const char *what)
{
	const char *pos[2];
	struct la_item item;
	struct la_err err;
	int npos, rc, dir = 0;
	bool move = strcmp(what, "move") == 0;

	if (!cli_parse(lc->cmd, argc, argv, NULL, pos, move ? 2 : 1, &npos))
		return 2;
	if (npos != (move ? 2 : 1))
		return cli_usage(lc->cmd, move ? _("move needs an ITEM and up or down")
					       : _("this command needs an ITEM"));
	if (move) {
		if (strcmp(pos[1], "up") == 0)
			dir = -1;
		else if (strcmp(pos[1], "down") == 0)
			dir = 1;
		else
			return cli_usage(lc->cmd, _("move takes up or down, not '%s'"), pos[1]);
	}
	if ((rc = cli_open(ctx)) || (rc = find_item(ctx, lc, pos[0], &item)))
		return rc;
	la_err_clear(&err);
	if (move) {
		rc = lists_move(ctx->db, &ctx->actor, lc->list, item.id, dir, &err);
		rc = report(&err, rc, dir < 0 ? _("Moved '%s' (id %" PRId64 ") up.")
					      : _("Moved '%s' (id %" PRId64 ") down."), item.name, item.id);
	} else if (strcmp(what, "restore") == 0) {
		rc = lists_restore(ctx->db, &ctx->actor, lc->list, item.id, &err);
		rc = report(&err, rc, _("Restored '%s' (id %" PRId64 ")."), item.name, item.id);
	} else {
		rc = lists_set_default(ctx->db, &ctx->actor, item.id, &err);
		rc = report(&err, rc, _("'%s' (id %" PRId64 ") is now the default for new leads."), item.name, item.id);
	}
	lists_item_clear(&item);
	return rc;
}

static int run_list_cmd(struct cli_ctx *ctx, const struct list_cmd *lc, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : NULL;

	if (!sub || strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0 ||
	    strcmp(sub, "help") == 0) {
		help(lc, sub ? stdout : stderr);
		return sub ? 0 : 2;
	}
	if (wants_help(argc - 1, argv + 1)) {
		help(lc, stdout);
		return 0;
	}
	if (strcmp(sub, "list") == 0)
		return cmd_list(ctx, lc, argc - 1, argv + 1);
	if (strcmp(sub, "add") == 0 || strcmp(sub, "edit") == 0)
		return cmd_add_edit(ctx, lc, argc - 1, argv + 1, sub[0] == 'a');
	if (strcmp(sub, "delete") == 0)
		return cmd_delete(ctx, lc, argc - 1, argv + 1);
	if (strcmp(sub, "restore") == 0 || strcmp(sub, "move") == 0 ||
	    (lc->list == LIST_LEADSTATUS && strcmp(sub, "default") == 0))
		return cmd_simple(ctx, lc, argc - 1, argv + 1, sub);
	return cli_usage(lc->cmd, _("unknown command '%s'"), sub);
}

int cli_category(struct cli_ctx *ctx, int argc, char **argv)
{
	return run_list_cmd(ctx, &category_cmd, argc, argv);
}

int cli_leadstatus(struct cli_ctx *ctx, int argc, char **argv)
{
	return run_list_cmd(ctx, &leadstatus_cmd, argc, argv);
}

int cli_show_lists(struct cli_ctx *ctx)
{
	int l, rc;

	if ((rc = cli_open(ctx)))
		return rc;
	for (l = 0; l < 2; l++) {
		enum la_list list = l == 0 ? LIST_CATEGORY : LIST_LEADSTATUS;
		struct la_items items;
		struct la_err err;

		la_err_clear(&err);
		if (lists_load(ctx->db, list, false, &items, &err) != LA_OK)
			return cli_fail(&err);
		printf("%s%s\n", l ? "\n" : "", lists_title(list));
		print_items(&items, list, FORMAT_TABLE, false, stdout);
		lists_items_free(&items);
	}
	return 0;
}
