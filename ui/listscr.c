/* The screen of any list, made from its definition: the items in rank
 * order in the one table widget (Name, the list's own fields, In use,
 * Description); add, edit, delete, restore, move, show deleted and filter
 * (DESIGN §3). */
#include "config.h"
#include "listscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "form.h"
#include "i18n.h"
#include "table.h"
#include "text.h"

#define LIST_COLS 12   /* Name, the own fields, In use, Description */

struct listscr {
	struct screen base;
	enum la_list list;
	const struct la_listdef *def;
	struct la_items items;
	struct table t;                /* over items.v */
	struct table_col cols[LIST_COLS];
	const struct la_fielddef *field[LIST_COLS]; /* the own field of a column */
	struct table_def tdef;
	int used_col;                  /* the in-use column */
	bool show_deleted;
};

static struct listscr *of(const struct screen *s)
{
	return (struct listscr *)s;
}

static const char *list_title(const struct screen *s)
{
	return lists_title(of(s)->list);
}

static const char *list_help(const struct screen *s)
{
	return of(s)->def->help;
}

static struct la_item *current(struct listscr *l)
{
	size_t i = table_current(&l->t);

	return i == TABLE_NONE ? NULL : &l->items.v[i];
}

static void load(struct listscr *l, struct ui *ui)
{
	struct la_err err;

	la_err_clear(&err);
	lists_items_free(&l->items);
	if (lists_load(ui->db, l->list, l->show_deleted, &l->items, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	table_reload(&l->t, l->items.n);
}

static void list_reload(struct screen *s, struct ui *ui)
{
	load(of(s), ui);
}

static void list_resize(struct screen *s, const struct ui_rect *r)
{
	table_place(&of(s)->t, r, 0);
}

/* How the screen shows a check box's value: "Yes", and "No" unless the
 * field marks only the item that has it (the default). */
static const char *bool_word(const struct la_fielddef *f, bool on)
{
	return on ? _("Yes") : f->mark ? "" : _("No");
}

/* "12 / 40": the item's counts, as the in-use column shows them. */
static const char *in_use(const struct listscr *l, const struct la_item *it,
			  char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < l->def->nfields; i++) {
		const struct la_fielddef *f = &l->def->fields[i];
		int n;

		if (f->kind != LF_COUNT)
			continue;
		n = snprintf(buf + used, len - used, "%s%ld", used ? " / " : "",
			     lists_field_int(f, it));
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

static const char *list_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct listscr *l = ctx;
	const struct la_item *it = &l->items.v[row];
	const struct la_fielddef *f = l->field[col];

	if (col == l->used_col)
		return in_use(l, it, buf, len);
	if (f->kind == LF_BOOL)
		return bool_word(f, lists_field_int(f, it) != 0);
	return lists_field_text(f, it, false, NULL, NULL, buf, len);
}

/* What an own field's column may show, so that its width holds still. */
static const char *list_label(void *ctx, int col, int i)
{
	const struct listscr *l = ctx;
	const struct la_fielddef *f = l->field[col];
	int k = 0;

	if (col == l->used_col || !f)
		return NULL;
	if (f->kind == LF_BOOL)
		return i == 0 ? bool_word(f, true) : i == 1 && !f->mark ? bool_word(f, false) : NULL;
	for (int c = 0; f->kind == LF_CHOICE && c < f->nchoices; c++)
		if (f->choices[c].offered && k++ == i)
			return _(f->choices[c].label);
	return NULL;
}

static void list_status(void *ctx, const struct table_count *c, char *buf, size_t len)
{
	const struct listscr *l = ctx;
	int n;

	if (c->filter)
		n = snprintf(buf, len, ngettext("%zu of %zu item · Filter: %s%s",
						"%zu of %zu items · Filter: %s%s", (unsigned long)c->total),
			     c->shown, c->total, c->filter, c->cursor);
	else
		n = snprintf(buf, len, ngettext("%zu item", "%zu items", (unsigned long)c->shown),
			     c->shown);
	if (l->show_deleted && n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "%s", _(" · deleted items shown, marked ✗"));
}

static int64_t list_id(void *ctx, size_t row)
{
	return ((struct listscr *)ctx)->items.v[row].id;
}

static bool list_deleted(void *ctx, size_t row)
{
	return ((struct listscr *)ctx)->items.v[row].deleted;
}

/* The columns of the list: Name, the list's own fields, In use,
 * Description. Name takes half the room (at most 40 columns); the
 * description the rest, and it goes when that is under 36 columns. */
static void make_columns(struct listscr *l)
{
	const struct la_listdef *d = l->def;
	int n = 0;

	for (size_t i = 0; i < d->nfields && n < LIST_COLS - 1; i++) {
		const struct la_fielddef *f = &d->fields[i];

		if (f->id == LA_FIELD_NAME) {
			l->cols[n] = (struct table_col){ .head = f->short_head, .share = 50,
							 .max = 40, .filter = true };
			l->field[n++] = f;
		} else if (f->kind == LF_CHOICE || f->kind == LF_BOOL) {
			l->cols[n] = (struct table_col){ .head = f->short_head, .fit = true };
			l->field[n++] = f;
		}
	}
	l->used_col = n;
	l->cols[n++] = (struct table_col){ .head = d->usage_head, .fit = true,
					   .align = TABLE_RIGHT };
	l->cols[n] = (struct table_col){ .head = lists_field(l->list, LA_FIELD_DESCRIPTION)->short_head,
					 .grow = true, .drop_below = 36, .filter = true };
	l->field[n++] = lists_field(l->list, LA_FIELD_DESCRIPTION);
	l->tdef = (struct table_def){
		.cols = l->cols, .ncols = n,
		.empty = d->empty,
		.no_match = N_("No item matches the filter."),
		.cell = list_cell, .status = list_status, .id = list_id,
		.deleted = list_deleted, .label = list_label,
	};
}

static void list_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	(void)ui;
	(void)r;
	table_draw(&of(s)->t);
}

/* The picker of a new default before the default item is deleted: the
 * items that may become it (rule 8). */
static bool pick_new_default(struct listscr *l, struct ui *ui,
			     const struct la_item *it, int64_t *id)
{
	struct la_items cand;
	struct la_err err;
	const char **labels;
	int pick = -1;
	char prompt[600];

	la_err_clear(&err);
	if (lists_default_candidates(ui->db, l->list, it->id, &cand, &err) != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	if (cand.n == 0) {
		ui_message(ui, ROLE_ERROR, "%s",
			   _("The default status cannot be deleted while it is the only one: add another lead status first."));
		lists_items_free(&cand);
		return false;
	}
	labels = calloc(cand.n, sizeof *labels);
	if (!labels)
		abort();
	for (size_t i = 0; i < cand.n; i++)
		labels[i] = cand.v[i].name;
	{
		char *name = text_visible(it->name);

		snprintf(prompt, sizeof prompt,
			 _("“%s” is the default for new leads. Choose the new default first:"), name);
		free(name);
	}
	pick = dialog_pick(ui, _("New default lead status"), prompt, labels, (int)cand.n);
	if (pick >= 0)
		*id = cand.v[pick].id;
	free(labels);
	lists_items_free(&cand);
	return pick >= 0;
}

/* The message line after a change: done (already formatted) or why not. */
static void report(struct ui *ui, enum la_status st, const struct la_err *err,
		   const char *done)
{
	if (st == LA_OK)
		ui_message(ui, ROLE_INFO, "%s", done);
	else
		ui_message(ui, ROLE_ERROR, "%s", err->msg);
}

/* Asks before a delete what the domain says it affects: the caution of an
 * item in use (rules 6 and 8), else a plain question with any note. */
static bool delete_asked(struct listscr *l, struct ui *ui, int64_t id,
			 int64_t new_default, const char *name, bool *confirmed)
{
	struct la_err err;
	char question[1200];
	enum la_status st;

	la_err_clear(&err);
	*confirmed = false;
	st = lists_delete_check(ui->db, &ui->actor, l->list, id, new_default, &err);
	if (st == LA_CONFIRM) {
		*confirmed = true;
		if (dialog_caution(ui, _("Delete"), &err))
			return true;
		ui_message(ui, ROLE_INFO, _("“%s” was not deleted."), name);
		return false;
	}
	if (st != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	snprintf(question, sizeof question, _("Delete “%s”?"), name);
	if (err.msg[0]) {
		size_t used = strlen(question);

		snprintf(question + used, sizeof question - used, " %s", err.msg);
	}
	return dialog_confirm(ui, _("Delete"), question);
}

static void do_delete(struct listscr *l, struct ui *ui, const struct la_item *cur)
{
	const struct la_fielddef *dflt = lists_flag_field(l->list, LFF_DEFAULT);
	struct la_err err;
	/* Copies: the dialogs below poll for changes and may reload the list. */
	int64_t new_default = 0, id = cur->id;
	bool deleted = cur->deleted, is_default = dflt && lists_field_int(dflt, cur);
	char *name = text_visible(cur->name), done[UI_MSG_MAX];
	struct la_item copy;
	bool confirmed;
	enum la_status st;

	lists_item_copy(&copy, cur);
	la_err_clear(&err);
	if (deleted)
		ui_message(ui, ROLE_ERROR, _("“%s” is already deleted: r restores it."), name);
	else if ((!is_default || pick_new_default(l, ui, &copy, &new_default)) &&
		 delete_asked(l, ui, id, new_default, name, &confirmed)) {
		st = lists_delete(ui->db, &ui->actor, l->list, id, new_default,
				  confirmed ? CONFIRM_YES : CONFIRM_NONE, &err);
		load(l, ui);
		la_format(done, sizeof done, _("Deleted “%s”."), name);
		report(ui, st, &err, done);
	}
	lists_item_clear(&copy);
	free(name);
}

static void do_simple(struct listscr *l, struct ui *ui, const struct la_item *it,
		      enum ui_action act)
{
	struct la_err err;
	int64_t id = it->id;
	char *name = text_visible(it->name), done[UI_MSG_MAX];
	enum la_status st;

	la_err_clear(&err);
	if (act == ACT_RESTORE) {
		if (!it->deleted) {
			ui_message(ui, ROLE_ERROR, "%s",
				   _("Only a deleted item can be restored: s shows the deleted items."));
			free(name);
			return;
		}
		st = lists_restore(ui->db, &ui->actor, l->list, id, &err);
		la_format(done, sizeof done, _("Restored “%s”."), name);
	} else {
		st = lists_move(ui->db, &ui->actor, l->list, id, act == ACT_MOVE_UP ? -1 : 1, &err);
		if (act == ACT_MOVE_UP)
			la_format(done, sizeof done, _("Moved “%s” up."), name);
		else
			la_format(done, sizeof done, _("Moved “%s” down."), name);
	}
	load(l, ui);
	report(ui, st, &err, done);
	free(name);
}

static void do_edit(struct listscr *l, struct ui *ui, const struct la_item *it)
{
	struct la_item item;
	int64_t keep = it ? it->id : 0;

	/* The dialog works on a copy: the change poll may reload the list
	 * (and free it) while the dialog is open. */
	if (it)
		lists_item_copy(&item, it);
	else
		lists_item_init(&item, l->list);
	form_run(ui, &item);
	/* Also after a cancel: a stale save has shown newer values. */
	load(l, ui);
	if (item.id && item.id != keep)
		table_select_id(&l->t, item.id);
	lists_item_clear(&item);
}

static enum ui_result list_key(struct screen *s, struct ui *ui,
			       enum ui_action act, const struct ui_key *key)
{
	struct listscr *l = of(s);
	struct la_item *it;

	switch (table_key(&l->t, act, key)) {
	case TABLE_IGNORED:
		break;
	case TABLE_CLOSE:
		return UI_CLOSE;
	default:
		return UI_HANDLED;
	}
	if (actions_changes(act) && form_refuse(ui, l->list))
		return UI_HANDLED;
	it = current(l);
	if (!it && (act == ACT_EDIT || act == ACT_DELETE || act == ACT_RESTORE ||
		    act == ACT_MOVE_UP || act == ACT_MOVE_DOWN)) {
		ui_message(ui, ROLE_ERROR, "%s", _("No item is selected."));
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_EDIT:
		do_edit(l, ui, it);
		break;
	case ACT_ADD:
		do_edit(l, ui, NULL);
		break;
	case ACT_DELETE:
		do_delete(l, ui, it);
		break;
	case ACT_RESTORE:
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		do_simple(l, ui, it, act);
		break;
	case ACT_SHOW_DELETED:
		l->show_deleted = !l->show_deleted;
		load(l, ui);
		ui_message(ui, ROLE_INFO, "%s", l->show_deleted
			   ? _("Deleted items are shown, marked ✗.")
			   : _("Deleted items are hidden."));
		break;
	default:
		break;
	}
	return UI_HANDLED;
}

static void list_close(struct screen *s)
{
	struct listscr *l = of(s);

	lists_items_free(&l->items);
	table_free(&l->t);
	free(l);
}

static unsigned list_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_EDIT) | ACT_BIT(ACT_ADD) |
	       ACT_BIT(ACT_DELETE) | ACT_BIT(ACT_RESTORE) |
	       ACT_BIT(ACT_MOVE_UP) | ACT_BIT(ACT_MOVE_DOWN) |
	       ACT_BIT(ACT_SHOW_DELETED) | ACT_BIT(ACT_FILTER);
}

static bool list_typing(const struct screen *s)
{
	return table_typing(&of(s)->t);
}

static const struct screen_ops list_ops = {
	.title = list_title,
	.draw = list_draw,
	.key = list_key,
	.resize = list_resize,
	.reload = list_reload,
	.close = list_close,
	.actions = list_actions,
	.typing = list_typing,
	.help_of = list_help,
};

struct screen *listscr_new(struct ui *ui, enum la_list list)
{
	struct listscr *l = calloc(1, sizeof *l);

	if (!l)
		return NULL;
	l->base.ops = &list_ops;
	l->list = list;
	l->def = lists_def(list);
	make_columns(l);
	table_init(&l->t, &l->tdef, l);
	load(l, ui);
	/* Who may not change this list is told so when arriving, where the
	 * title's [read-only] does not already say it. */
	if (ui->can_change)
		form_refuse(ui, list);
	return &l->base;
}
