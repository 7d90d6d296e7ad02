/* The screen of any list, made from its definition: the items in rank
 * order in the one table widget (Name, the list's own fields, In use,
 * Description); add, edit, delete, restore, move, show deleted and filter
 * (DESIGN §3). A list can have 200,000 items: the screen holds a window
 * of them around what it shows (ui/rowwin.c), read by keyset pages
 * (lists_page) as the table asks for rows, and counts and filters them
 * in the database. */
#include "config.h"
#include "listscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "grouping.h"
#include "i18n.h"
#include "listdelete.h"
#include "rowwin.h"
#include "table.h"
#include "mlname.h"
#include "text.h"

#define LIST_COLS 12   /* Name, the own fields, In use, tick, Description */

/* The tabs of a list with grouping on (Company – Category), as SuperOffice
 * has them: the items; which items a user group may see; which items are
 * filed under a heading. The last two tick the items for one group or
 * heading, chosen with Left/Right. */
enum list_tab { TAB_ITEMS, TAB_GROUPS, TAB_HEADINGS, TAB_COUNT };

/* A row of the window: an item and its place in the order. */
struct lrow {
	struct la_item it;
	struct lists_key key;
};

#define LIST_ACTIONS (ACT_COMMON | ACT_BIT(ACT_EDIT) | ACT_BIT(ACT_ADD) | \
		      ACT_BIT(ACT_DELETE) | ACT_BIT(ACT_RESTORE) | \
		      ACT_BIT(ACT_MOVE_UP) | ACT_BIT(ACT_MOVE_DOWN) | \
		      ACT_BIT(ACT_SHOW_DELETED) | ACT_BIT(ACT_FILTER))

struct listscr {
	struct screen base;
	struct ui *ui;
	enum la_list list;
	const struct la_listdef *def;
	char *filter;                  /* the table's filter, NULL when none */
	struct rowwin win;             /* the rows around the screen */
	struct table t;
	struct table_col cols[LIST_COLS];
	const struct la_fielddef *field[LIST_COLS]; /* the own field of a column */
	struct table_def tdef;
	int used_col;                  /* the in-use column */
	bool show_deleted;
	bool counted;                  /* all is the count of this load */
	size_t all;                    /* the items, deleted ones as s says */
	/* While a key changes the filter: the selected item's key, and its
	 * place under the new filter, which the count finds in its read. */
	bool anchored;
	struct lists_key anchor;
	size_t anchor_pos;
	/* Grouping: the tabs while it is on; a list that may have it has
	 * the tick column, hidden on Items and while it is off. */
	bool grouped;
	enum list_tab tab;
	int tick_col;                  /* the tick column, hidden on Items */
	struct la_items choices[2];    /* the active user groups, headings */
	size_t pick[2];                /* the chosen one of each */
	struct ui_rect rect;
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

static void row_drop(void *row)
{
	lists_item_clear(&((struct lrow *)row)->it);
}

static bool collect(const struct la_item *it, const struct lists_key *key, void *arg)
{
	struct lrow *r = rowwin_add(arg);

	lists_item_copy(&r->it, it);
	r->key = *key;
	return true;
}

static bool read_rows(void *ctx, const void *from, int dir, size_t limit,
		      struct rowwin_fill *f)
{
	struct listscr *l = ctx;
	struct la_err err;

	la_err_clear(&err);
	if (lists_page(l->ui->db, l->list, l->show_deleted, l->filter,
		       from ? &((const struct lrow *)from)->key : NULL, dir, limit, collect, f,
		       &err) != LA_OK) {
		ui_message(l->ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	return true;
}

static const struct rowwin_ops row_ops = {
	.size = sizeof(struct lrow),
	.drop = row_drop,
	.read = read_rows,
};

static void list_fetch(void *ctx, size_t from, size_t to, size_t *lo, size_t *hi)
{
	rowwin_fetch(&((struct listscr *)ctx)->win, from, to, lo, hi);
}

/* The items shown and all items (deleted ones as s says): counts in the
 * database, all of them once a load (a filter as it is typed does not
 * change it); a filter reads every item's name and description. */
static void list_count(void *ctx, const char *filter, size_t *shown, size_t *total)
{
	struct listscr *l = ctx;
	struct la_err err;

	rowwin_clear(&l->win, 0);
	free(l->filter);
	l->filter = NULL;
	if (filter && !(l->filter = strdup(filter)))
		abort();
	*shown = *total = l->win.total = 0;
	la_err_clear(&err);
	if ((!l->counted &&
	     lists_position(l->ui->db, l->list, l->show_deleted, NULL, NULL, &l->all, &err) != LA_OK) ||
	    (filter && l->anchored &&
	     lists_position_count(l->ui->db, l->list, l->show_deleted, filter, &l->anchor,
				  &l->anchor_pos, shown, &err) != LA_OK) ||
	    (filter && !l->anchored &&
	     lists_position(l->ui->db, l->list, l->show_deleted, filter, NULL, shown,
			    &err) != LA_OK)) {
		ui_message(l->ui, ROLE_ERROR, "%s", err.msg);
		l->counted = false;
		return;
	}
	l->counted = true;
	*total = l->all;
	if (!filter)
		*shown = *total;
	l->win.total = *shown;
}

/* Does the filter show it? As the table's filter and lists_page see it:
 * the name or the description contains the filter, case folded. */
static bool filter_shows(const struct listscr *l, const struct la_item *it)
{
	char *f = text_fold_filter(l->filter);
	/* A name in several languages: any of them (as lists_page). */
	char *names = mlname_values(it->name);
	bool hit = !f || (names && text_fold_contains(names, f)) ||
		   (it->tooltip && text_fold_contains(it->tooltip, f));

	free(f);
	free(names);
	return hit;
}

/* The selected item, read into the window when it is not there yet. */
static struct la_item *current(struct listscr *l)
{
	size_t i = table_current(&l->t), lo, hi;
	struct lrow *r;

	if (i == TABLE_NONE)
		return NULL;
	if (!(r = rowwin_row(&l->win, i))) {
		rowwin_fetch(&l->win, i, i + 1, &lo, &hi);
		r = rowwin_row(&l->win, i);
	}
	return r ? &r->it : NULL;
}

/* Where item id is (or, when it is gone, was is): its key and place; the
 * anchor's place, when the count found it while the filter changed (not
 * when the filter was cleared), is not read again. */
static bool place_of(struct listscr *l, int64_t id, const struct lists_key *was,
		     struct lists_key *key, size_t *pos)
{
	struct la_err err;

	if (l->anchored && l->anchor.id == id && l->anchor_pos != SIZE_MAX) {
		*key = l->anchor;
		*pos = l->anchor_pos;
		return true;
	}
	la_err_clear(&err);
	if (lists_key_of(l->ui->db, l->list, id, key, &err) != LA_OK) {
		if (!was)
			return false;
		*key = *was;
	}
	la_err_clear(&err);
	if (lists_position(l->ui->db, l->list, l->show_deleted, l->filter, key, pos,
			   &err) != LA_OK) {
		ui_message(l->ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	return true;
}

/* Selects item id where it is now, or, unless exact, where it would be
 * when it is gone or hidden (its successor; was is where it was); true
 * when the item itself is selected. */
static bool select_item(struct listscr *l, int64_t id, const struct lists_key *was, bool exact)
{
	struct lists_key key;
	struct lrow from = { 0 }, *it;
	size_t pos;

	if (!place_of(l, id, was, &key, &pos))
		return false;
	if (pos >= l->win.total)
		return false;
	/* The window starts at the item: after a key one lower. */
	from.key = key;
	from.key.id--;
	rowwin_start(&l->win, pos, &from);
	it = rowwin_row(&l->win, pos);
	if (exact && (!it || it->it.id != id))
		return false;
	table_select(&l->t, pos);
	return it && it->it.id == id;
}

/* Counts again; the selected item stays selected (where it is now), or
 * the one that took its place when it is gone. */
static void load(struct listscr *l)
{
	struct la_item *it = current(l);
	int64_t id = it ? it->id : 0;
	struct lists_key was = { 0 };

	if (it)
		was = ((struct lrow *)rowwin_row(&l->win, table_current(&l->t)))->key;
	l->counted = false;
	table_reload(&l->t, 0);
	if (id)
		select_item(l, id, &was, false);
}

static void load_choices(struct listscr *l);

static void list_reload(struct screen *s, struct ui *ui)
{
	(void)ui;
	if (of(s)->grouped)
		load_choices(of(s));
	load(of(s));
}

static void list_resize(struct screen *s, const struct ui_rect *r)
{
	struct listscr *l = of(s);
	struct ui_rect below = *r;

	l->rect = *r;
	/* The tab line above the table. */
	if (l->grouped) {
		below.y++;
		below.h--;
	}
	table_place(&l->t, &below, 0);
}

/* The active user groups and headings, the chosen ones kept by id. */
static void load_choices(struct listscr *l)
{
	static const enum la_list kinds[2] = { LIST_USERGROUP, LIST_HEADING };
	struct la_err err;

	for (int k = 0; k < 2; k++) {
		int64_t id = l->pick[k] < l->choices[k].n ? l->choices[k].v[l->pick[k]].id : 0;

		lists_items_free(&l->choices[k]);
		la_err_clear(&err);
		if (lists_load(l->ui->db, kinds[k], false, &l->choices[k], &err) != LA_OK)
			ui_message(l->ui, ROLE_ERROR, "%s", err.msg);
		/* only shown and picked by id: the names as shown */
		lists_items_shown(&l->choices[k]);
		l->pick[k] = 0;
		for (size_t i = 0; i < l->choices[k].n; i++)
			if (l->choices[k].v[i].id == id)
				l->pick[k] = i;
	}
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
	const struct lrow *r = rowwin_row(&l->win, row);
	const struct la_item *it = r ? &r->it : NULL;
	const struct la_fielddef *f = l->field[col];

	/* A row the window lacks: fewer items than counted, until the next
	 * poll counts again. */
	if (!it)
		return "";
	if (l->grouped && col == l->tick_col) {
		const struct la_items *c = &l->choices[l->tab == TAB_HEADINGS];
		size_t k = l->pick[l->tab == TAB_HEADINGS];

		if (l->tab == TAB_ITEMS || k >= c->n)
			return "";
		return grouping_linked(l->ui->db, l->tab == TAB_HEADINGS ? LIST_HEADING : LIST_USERGROUP,
				       it->id, c->v[k].id) ? "[x]" : "[ ]";
	}
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

	if (l->grouped && col == l->tick_col)
		return i == 0 ? "[x]" : NULL;
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

static bool list_deleted(void *ctx, size_t row)
{
	const struct lrow *r = rowwin_row(&((struct listscr *)ctx)->win, row);

	return r && r->it.deleted;
}

static const struct table_source list_source = {
	.count = list_count,
	.fetch = list_fetch,
};

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
	if (l->def->grouping) {
		l->tick_col = n;
		l->cols[n] = (struct table_col){ .head = N_("Ticked"), .fit = true,
						 .hidden = !l->grouped || l->tab == TAB_ITEMS };
		l->field[n++] = NULL;
	}
	l->cols[n] = (struct table_col){ .head = lists_field(l->list, LA_FIELD_DESCRIPTION)->short_head,
					 .grow = true, .drop_below = 36, .filter = true };
	l->field[n++] = lists_field(l->list, LA_FIELD_DESCRIPTION);
	l->tdef = (struct table_def){
		.cols = l->cols, .ncols = n,
		.empty = d->empty,
		.no_match = N_("No item matches the filter."),
		.cell = list_cell, .status = list_status,
		.deleted = list_deleted, .label = list_label, .source = &list_source,
	};
}

/* The tab line of a list with grouping: the tabs, the current one
 * marked, and on a tick tab the group or heading the ticks are for. */
static void draw_tabs(struct listscr *l, const struct ui_rect *r)
{
	static const char *const names[TAB_COUNT] = {
		N_("Items"), N_("User groups"), N_("Headings"),
	};
	char line[512] = "";
	size_t used = 0;

	for (int t = 0; t < TAB_COUNT; t++)
		used += (size_t)snprintf(line + used, sizeof line - used, t == (int)l->tab ? "[%s] " : " %s ",
					 _(names[t]));
	if (l->tab != TAB_ITEMS) {
		const struct la_items *c = &l->choices[l->tab == TAB_HEADINGS];
		size_t k = l->pick[l->tab == TAB_HEADINGS];

		if (k < c->n)
			snprintf(line + used, sizeof line - used, l->tab == TAB_GROUPS
				 ? _("· Visible for: ◂ %s ▸") : _("· Under: ◂ %s ▸ · Enter: the headings"),
				 c->v[k].name);
		else
			snprintf(line + used, sizeof line - used, "%s", l->tab == TAB_GROUPS
				 ? _("· There are no user groups.")
				 : _("· There are no headings: Enter opens the headings."));
	}
	draw_fill(r->y, r->x, r->w, ROLE_HEADER);
	draw_text(r->y, r->x + 1, r->w - 1, line, ROLE_HEADER, false);
}

static void list_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct listscr *l = of(s);

	(void)ui;
	if (l->grouped)
		draw_tabs(l, r);
	table_draw(&l->t);
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
 * item in use (rules 6 and 8), else a plain question with any note, or
 * the question of the move to move_to (named to). */
static bool delete_asked(struct listscr *l, struct ui *ui, const struct la_item *it,
			 int64_t new_default, int64_t move_to, const char *to,
			 bool *confirmed)
{
	struct la_err err;
	char question[1200], what[64], *name = lists_shown_visible(it->name);
	enum la_status st;
	bool yes = false;
	unsigned long n;

	la_err_clear(&err);
	*confirmed = false;
	st = lists_delete_move_check(ui->db, &ui->actor, l->list, it->id, move_to, new_default,
				     &err);
	if (st == LA_CONFIRM) {
		*confirmed = true;
		if (!(yes = dialog_caution(ui, _("Delete"), &err)))
			ui_message(ui, ROLE_INFO, _("“%s” was not deleted."), name);
		free(name);
		return yes;
	}
	if (st != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		free(name);
		return false;
	}
	n = (unsigned long)lists_used_count(it, what, sizeof what);
	if (move_to && n == 0)
		snprintf(question, sizeof question, _("Delete “%s” and put “%s” in its place?"),
			 name, to);
	else if (move_to && it->deleted)
		snprintf(question, sizeof question,
			 ngettext("Move the %s of “%s” to “%s”?", "Move the %s of “%s” to “%s”?", n),
			 what, name, to);
	else if (move_to)
		snprintf(question, sizeof question,
			 ngettext("Move the %s of “%s” to “%s” and delete “%s”?",
				  "Move the %s of “%s” to “%s” and delete “%s”?", n),
			 what, name, to, name);
	else
		snprintf(question, sizeof question, _("Delete “%s”?"), name);
	if (err.msg[0]) {
		size_t used = strlen(question);

		snprintf(question + used, sizeof question - used, " %s", err.msg);
	}
	free(name);
	return dialog_confirm(ui, _("Delete"), question);
}

static void do_delete(struct listscr *l, struct ui *ui, const struct la_item *cur)
{
	const struct la_fielddef *dflt = lists_flag_field(l->list, LFF_DEFAULT);
	struct la_err err;
	/* Copies: the dialogs below poll for changes and may reload the list. */
	int64_t new_default = 0, move_to = 0, id = cur->id;
	bool deleted = cur->deleted, is_default = dflt && lists_field_int(dflt, cur);
	char *name = lists_shown_visible(cur->name), *to = NULL, done[UI_MSG_MAX], what[64];
	struct la_item copy, target = { .name = NULL };
	struct lists_moved moved;
	enum listdelete_choice how = LISTDELETE_PLAIN;
	bool confirmed;
	enum la_status st;

	lists_item_copy(&copy, cur);
	la_err_clear(&err);
	if (deleted && lists_used_count(&copy, NULL, 0) == 0) {
		ui_message(ui, ROLE_ERROR, _("“%s” is already deleted: r restores it."), name);
		goto out;
	}
	if (is_default && !deleted && !listdelete_new_default(ui, &copy, &new_default))
		goto out;
	if ((how = listdelete_move(ui, &copy, &move_to)) == LISTDELETE_CANCEL) {
		ui_message(ui, ROLE_INFO, _("“%s” was not deleted."), name);
		goto out;
	}
	if (move_to) {
		if (lists_get(ui->db, l->list, move_to, &target, &err) != LA_OK) {
			ui_message(ui, ROLE_ERROR, "%s", err.msg);
			goto out;
		}
		to = lists_shown_visible(target.name);
	}
	if (!delete_asked(l, ui, &copy, new_default, move_to, to, &confirmed))
		goto out;
	st = lists_delete_move(ui->db, &ui->actor, l->list, id, move_to, new_default,
			       confirmed ? CONFIRM_YES : CONFIRM_NONE, &moved, &err);
	load(l);
	if (st == LA_OK && moved.moved > 0) {
		lists_def(l->list)->used_by->count_text(moved.moved, what, sizeof what);
		unsigned long n = (unsigned long)moved.moved;

		if (deleted)
			la_format(done, sizeof done,
				  ngettext("Moved the %s of “%s” to “%s”.", "Moved the %s of “%s” to “%s”.", n),
				  what, name, to);
		else
			la_format(done, sizeof done,
				  ngettext("Moved the %s of “%s” to “%s” and deleted it.",
					   "Moved the %s of “%s” to “%s” and deleted it.", n),
				  what, name, to);
	} else {
		la_format(done, sizeof done, _("Deleted “%s”."), name);
	}
	/* What moved along (the group Distribute to owner uses). */
	if (st == LA_OK && move_to && err.msg[0]) {
		size_t n = strlen(done), k = strlen(err.msg);

		if (n + 1 + k < sizeof done) {
			done[n] = ' ';
			memcpy(done + n + 1, err.msg, k + 1);
		}
	}
	report(ui, st, &err, done);
out:
	lists_item_clear(&copy);
	lists_item_clear(&target);
	free(to);
	free(name);
}

static void do_simple(struct listscr *l, struct ui *ui, const struct la_item *it,
		      enum ui_action act)
{
	struct la_err err;
	int64_t id = it->id;
	char *name = lists_shown_visible(it->name), done[UI_MSG_MAX];
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
	load(l);
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
	load(l);
	if (item.id && item.id != keep)
		select_item(l, item.id, NULL, true);
	lists_item_clear(&item);
}

/* The preview: the list as a member of a chosen user group sees it. */
static void do_preview(struct listscr *l, struct ui *ui)
{
	const struct la_items *g = &l->choices[0];
	struct grouping_preview p;
	struct la_err err;
	const char **labels, **paras;
	char head[600];
	int pick;

	if (g->n == 0) {
		ui_message(ui, ROLE_ERROR, "%s", _("There are no user groups to preview as."));
		return;
	}
	if (!(labels = calloc(g->n, sizeof *labels)))
		abort();
	for (size_t i = 0; i < g->n; i++)
		labels[i] = g->v[i].name;
	pick = dialog_pick(ui, _("Preview"), _("Show the list as a member of which user group sees it?"),
			   labels, (int)g->n);
	free(labels);
	la_err_clear(&err);
	if (pick < 0)
		return;
	if (grouping_preview(ui->db, g->v[pick].id, &p, &err) != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return;
	}
	if (!(paras = calloc(p.n + 1, sizeof *paras)))
		abort();
	snprintf(head, sizeof head, ngettext("As a member of “%s” sees it: %zu item.",
					     "As a member of “%s” sees it: %zu items.", p.items),
		 g->v[pick].name, p.items);
	paras[0] = head;
	for (size_t i = 0; i < p.n; i++) {
		char b[LISTS_SHOWN_MAX], *line;

		if (asprintf(&line, "%s%s", p.v[i].heading ? "" : "    ",
			     p.v[i].heading && !p.v[i].id ? _("(no heading)")
			     : lists_shown(p.v[i].name, b, sizeof b)) < 0)
			abort();
		paras[i + 1] = line;
	}
	dialog_text(ui, _("Preview"), paras, (int)p.n + 1);
	for (size_t i = 0; i < p.n; i++)
		free((char *)paras[i + 1]);
	free(paras);
	grouping_preview_free(&p);
}

/* Ticks or unticks the selected item for the chosen group or heading. */
static void do_tick(struct listscr *l, struct ui *ui)
{
	bool headings = l->tab == TAB_HEADINGS;
	enum la_list kind = headings ? LIST_HEADING : LIST_USERGROUP;
	const struct la_items *c = &l->choices[headings];
	struct la_item *it = current(l);
	struct la_err err;
	char done[UI_MSG_MAX], *name, *other;
	int64_t id, other_id;
	bool on;
	enum la_status st;

	if (!it) {
		ui_message(ui, ROLE_ERROR, "%s", _("No item is selected."));
		return;
	}
	if (l->pick[headings] >= c->n) {
		ui_message(ui, ROLE_ERROR, "%s", headings ? _("There are no headings: Enter opens the headings.")
							 : _("There are no user groups."));
		return;
	}
	if (form_refuse(ui, LIST_CATEGORY))
		return;
	id = it->id;
	other_id = c->v[l->pick[headings]].id;
	name = lists_shown_visible(it->name);
	other = text_visible(c->v[l->pick[headings]].name);
	on = !grouping_linked(ui->db, kind, id, other_id);
	la_err_clear(&err);
	st = grouping_set_link(ui->db, &ui->actor, kind, id, other_id, on, &err);
	if (headings)
		la_format(done, sizeof done, on ? _("“%s” is now under “%s”.") : _("“%s” is no longer under “%s”."),
			  name, other);
	else
		la_format(done, sizeof done, on ? _("“%s” is now visible for “%s”.")
					       : _("“%s” is no longer visible for “%s”."), name, other);
	load(l);
	report(ui, st, &err, done);
	free(name);
	free(other);
}

/* Turns grouping and user-group filtering of the list on or off (the
 * per-list switch of SuperOffice's Lists), after asking; the tabs come or
 * go at once. Links stay when it is turned off. */
static void switch_grouping(struct listscr *l, struct ui *ui)
{
	bool on = !l->grouped, changed = false;
	struct la_err err;

	if (!dialog_confirm(ui, _("Grouping"),
			    on ? _("Use grouping and user group filtering for this list? Each item stays visible to every user group until you untick it.")
			       : _("Stop grouping and user group filtering for this list? Every user sees every item again; the headings and the ticks are kept.")))
		return;
	la_err_clear(&err);
	if (grouping_set_on(ui->db, &ui->actor, on, &changed, &err) != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return;
	}
	l->grouped = on;
	l->tab = TAB_ITEMS;
	l->cols[l->tick_col].hidden = true;
	if (on)
		load_choices(l);
	list_resize(&l->base, &l->rect);
	load(l);
	ui_message(ui, ROLE_INFO, "%s", on ? _("Grouping and user group filtering are on for this list.")
					   : _("Grouping and user group filtering are off for this list."));
}

/* The keys of the tabs, before the table's: Tab and Shift-Tab (next_tab
 * and previous_tab of [keys]), p, and on a tick tab
 * Space, Left/Right, and Enter (on Headings: the headings' own list). */
static bool tab_key(struct listscr *l, struct ui *ui, enum ui_action act,
		    const struct ui_key *key)
{
	bool chr = key->kind == UK_CHAR, code = key->kind == UK_CODE;
	int k = l->tab == TAB_HEADINGS;

	if (act == ACT_GROUPING && l->def->grouping && !table_typing(&l->t)) {
		switch_grouping(l, ui);
		return true;
	}
	if (!l->grouped || table_typing(&l->t))
		return false;
	if (act == ACT_NEXT_TAB || act == ACT_PREVIOUS_TAB) {
		l->tab = (enum list_tab)((l->tab + (act == ACT_NEXT_TAB ? 1 : TAB_COUNT - 1)) %
					 TAB_COUNT);
		l->cols[l->tick_col].hidden = l->tab == TAB_ITEMS;
		load_choices(l);
		load(l);
		return true;
	}
	if (chr && key->ch == 'p') {
		do_preview(l, ui);
		return true;
	}
	if (l->tab == TAB_ITEMS)
		return false;
	if (chr && key->ch == ' ') {
		do_tick(l, ui);
		return true;
	}
	if (code && (key->ch == KEY_LEFT || key->ch == KEY_RIGHT)) {
		size_t n = l->choices[k].n;

		if (n)
			l->pick[k] = (l->pick[k] + (key->ch == KEY_LEFT ? n - 1 : 1)) % n;
		load(l);
		return true;
	}
	if (l->tab == TAB_HEADINGS && ((chr && (key->ch == '\n' || key->ch == '\r')) ||
				       (code && key->ch == KEY_ENTER))) {
		ui_push(ui, listscr_new(ui, LIST_HEADING));
		return true;
	}
	return false;
}

static enum ui_result list_key(struct screen *s, struct ui *ui,
			       enum ui_action act, const struct ui_key *key)
{
	struct listscr *l = of(s);
	struct la_item *it = table_typing(&l->t) ? current(l) : NULL;
	struct la_item typed_on;
	enum table_result r;

	if (tab_key(l, ui, act, key))
		return UI_HANDLED;
	/* A copy: a change of the filter empties the window. The count
	 * finds the item's place under the new filter in the same read, by
	 * its key as stored now (another admin may have moved it since the
	 * window read it). */
	if (it) {
		struct la_err err;

		lists_item_copy(&typed_on, it);
		la_err_clear(&err);
		l->anchor_pos = SIZE_MAX;
		l->anchored = lists_key_of(l->ui->db, l->list, it->id, &l->anchor, &err) == LA_OK;
	}
	r = table_key(&l->t, act, key);
	if (it) {
		/* The selected item stays selected while the filter shows
		 * it; else the position stays. (Its place is a count, which
		 * only an item that the filter shows is worth.) */
		if (r == TABLE_FILTERED && filter_shows(l, &typed_on))
			select_item(l, typed_on.id, NULL, true);
		l->anchored = false;
		lists_item_clear(&typed_on);
	}
	switch (r) {
	case TABLE_IGNORED:
		break;
	case TABLE_CLOSE:
		return UI_CLOSE;
	default:
		return UI_HANDLED;
	}
	/* A change key the footer no longer offers still says why not. */
	if (act == ACT_NONE && !table_typing(&l->t))
		act = actions_lookup(key, LIST_ACTIONS);
	if (act == ACT_OPEN)
		act = ACT_EDIT;
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
		load(l);
		ui_message(ui, ROLE_INFO, "%s", l->show_deleted
			   ? _("Deleted items are shown, marked ✗.")
			   : _("Deleted items are hidden."));
		break;
	default:
		break;
	}
	return UI_HANDLED;
}

static enum ui_action list_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	(void)ui;
	return table_mouse_action(&of(s)->t, key, ACT_EDIT);
}

static void list_close(struct screen *s)
{
	struct listscr *l = of(s);

	rowwin_free(&l->win);
	table_free(&l->t);
	lists_items_free(&l->choices[0]);
	lists_items_free(&l->choices[1]);
	free(l->filter);
	free(l);
}

/* A user who may not change the list is offered no change. */
static act_mask list_actions(const struct screen *s)
{
	const struct listscr *l = (const struct listscr *)s;
	act_mask mask = LIST_ACTIONS;

	/* The tick tabs tick items: they offer no change of an item. */
	if (l->grouped && l->tab != TAB_ITEMS)
		mask = ACT_COMMON | ACT_BIT(ACT_FIELD_TICK) | ACT_BIT(ACT_SHOW_DELETED) |
		       ACT_BIT(ACT_FILTER);
	if (l->grouped)
		mask |= ACT_BIT(ACT_NEXT_TAB) | ACT_BIT(ACT_PREVIOUS_TAB) | ACT_BIT(ACT_PREVIEW);
	if (l->def->grouping)
		mask |= ACT_BIT(ACT_GROUPING);
	if (!form_may_change(l->ui, l->list)) {
		for (int a = 1; a < ACT_COUNT; a++)
			if (actions_changes((enum ui_action)a))
				mask &= ~ACT_BIT(a);
		/* Enter shows the item: Open, not Edit. */
		mask = (mask & ~ACT_BIT(ACT_EDIT)) | ACT_BIT(ACT_OPEN);
	}
	return mask;
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
	.mouse = list_mouse,
};

struct screen *listscr_new(struct ui *ui, enum la_list list)
{
	struct listscr *l = calloc(1, sizeof *l);

	if (!l)
		return NULL;
	l->base.ops = &list_ops;
	l->ui = ui;
	l->list = list;
	l->def = lists_def(list);
	l->grouped = grouping_list_has(list) && grouping_on(ui->db);
	if (l->grouped)
		load_choices(l);
	make_columns(l);
	rowwin_init(&l->win, &row_ops, l);
	table_init(&l->t, &l->tdef, l);
	load(l);
	/* Who may not change this list is told so when arriving, where the
	 * title's [read-only] does not already say it. */
	if (ui->can_change)
		form_refuse(ui, list);
	return &l->base;
}
