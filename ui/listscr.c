/* The items of one list in rank order with their columns; add, edit,
 * delete, restore, move, show deleted and filter (DESIGN §3). Drawing
 * touches only the visible rows, so long lists scroll as fast as short. */
#include "config.h"
#include "listscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "dialog.h"
#include "draw.h"
#include "form.h"
#include "i18n.h"
#include "pager.h"
#include "text.h"

#define FILTER_MAX 200

struct listscr {
	struct screen base;
	enum la_list list;
	struct la_items items;
	size_t *view;     /* indexes into items of the rows shown */
	size_t nview;
	size_t sel, top;  /* positions in view */
	int rows;         /* item rows that fit */
	int used_w;       /* widest "in use" cell of the view (for layout) */
	bool show_deleted;
	bool filtering;   /* typing goes to the filter */
	char filter[FILTER_MAX];
};

static const char *list_title(const struct screen *s)
{
	return lists_title(((const struct listscr *)s)->list);
}

static struct la_item *current(struct listscr *l)
{
	return l->nview ? &l->items.v[l->view[l->sel]] : NULL;
}

static bool matches(const struct la_item *it, const char *folded)
{
	bool hit = false;
	char *name = text_fold(it->name ? it->name : "");
	char *tip = text_fold(it->tooltip ? it->tooltip : "");

	if (name && strstr(name, folded))
		hit = true;
	if (tip && strstr(tip, folded))
		hit = true;
	free(name);
	free(tip);
	return hit;
}

static void in_use(const struct listscr *l, const struct la_item *it,
		   char *buf, size_t len)
{
	if (l->list == LIST_CATEGORY)
		snprintf(buf, len, "%ld / %ld", it->companies, it->contacts);
	else
		snprintf(buf, len, "%ld", it->contacts);
}

/* The rows that pass the filter; keeps the item with keep_id selected. */
static void build_view(struct listscr *l, int64_t keep_id)
{
	char *folded = l->filter[0] ? text_fold(l->filter) : NULL;

	size_t was = l->sel;
	bool found = false;

	free(l->view);
	l->view = l->items.n ? calloc(l->items.n, sizeof *l->view) : NULL;
	l->nview = 0;
	l->sel = 0;
	for (size_t i = 0; l->view && i < l->items.n; i++) {
		if (folded && !matches(&l->items.v[i], folded))
			continue;
		if (l->items.v[i].id == keep_id) {
			l->sel = l->nview;
			found = true;
		}
		l->view[l->nview++] = i;
	}
	free(folded);
	/* Measured once per load or filter, not on every draw. */
	l->used_w = text_width(_("In use"));
	for (size_t i = 0; i < l->nview; i++) {
		char buf[64];
		in_use(l, &l->items.v[l->view[i]], buf, sizeof buf);
		if (text_width(buf) > l->used_w)
			l->used_w = text_width(buf);
	}
	/* A row that went away (deleted, filtered out) leaves the selection
	 * where it was, on the next row. */
	if (!found && keep_id && l->nview)
		l->sel = was < l->nview ? was : l->nview - 1;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->rows > 0 && l->sel >= l->top + (size_t)l->rows)
		l->top = l->sel - (size_t)l->rows + 1;
	if (l->top + (size_t)(l->rows > 0 ? l->rows : 1) > l->nview)
		l->top = l->nview > (size_t)l->rows ? l->nview - (size_t)l->rows : 0;
}

static void load(struct listscr *l, struct ui *ui, int64_t keep_id)
{
	struct la_err err;

	la_err_clear(&err);
	lists_items_free(&l->items);
	if (lists_load(ui->db, l->list, l->show_deleted, &l->items, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	build_view(l, keep_id);
}

static void list_reload(struct screen *s, struct ui *ui)
{
	struct listscr *l = (struct listscr *)s;
	struct la_item *it = current(l);
	load(l, ui, it ? it->id : 0);
}

static void list_resize(struct screen *s, const struct ui_rect *r)
{
	struct listscr *l = (struct listscr *)s;
	struct la_item *it = current(l);

	l->rows = r->h - 2;
	if (l->rows < 1)
		l->rows = 1;
	build_view(l, it ? it->id : 0);
}

/* Column widths for the terminal width; description 0 when it does not fit. */
struct cols {
	int name, group, lead, dflt, used, desc;
};

static int wmax(int a, const char *s)
{
	int w = text_width(s);
	return w > a ? w : a;
}

static void layout(const struct listscr *l, int width, struct cols *c)
{
	memset(c, 0, sizeof *c);
	c->used = l->used_w;
	int fixed = 3 + c->used + 1;
	if (l->list == LIST_CATEGORY) {
		c->group = wmax(0, _("Group"));
		for (int g = GROUP_CUSTOMER; g < GROUP_COUNT; g++)
			c->group = wmax(c->group, lists_group_label((enum la_group)g));
		c->lead = wmax(wmax(wmax(0, _("Lead")), _("Yes")), _("No"));
		fixed += c->group + 1 + c->lead + 1;
	} else {
		c->dflt = wmax(wmax(0, _("Default")), _("Yes"));
		fixed += c->dflt + 1;
	}
	int rest = width - fixed;
	if (rest < 36) {
		c->name = rest > 4 ? rest : 4;
		return;
	}
	c->name = rest / 2 > 40 ? 40 : rest / 2;
	if (c->name < 18)
		c->name = 18;
	c->desc = rest - c->name - 1;
}

/* One row: the marker column, then the columns of the list. */
static void draw_row(const struct listscr *l, const struct cols *c, int y,
		     int width, const struct la_item *it, enum ui_role role)
{
	char buf[64];
	int x = 0;

	draw_fill(y, 0, width, role);
	/* Markers that read without colour: > the selection, ✗ deleted. */
	draw_text(y, x, 1, role == ROLE_SELECTED ? ">" : "", role, true);
	draw_text(y, x + 1, 1, it->deleted ? "\u2717" : "", role, true);
	x += 3;
	draw_text(y, x, c->name, it->name, role, true);
	x += c->name + 1;
	if (l->list == LIST_CATEGORY) {
		draw_text(y, x, c->group, lists_group_label(it->group), role, true);
		x += c->group + 1;
		draw_text(y, x, c->lead, it->lead_status ? _("Yes") : _("No"), role, true);
		x += c->lead + 1;
	} else {
		draw_text(y, x, c->dflt, it->is_default ? _("Yes") : "", role, true);
		x += c->dflt + 1;
	}
	in_use(l, it, buf, sizeof buf);
	draw_text_right(y, x, c->used, buf, role);
	x += c->used + 1;
	if (c->desc > 0)
		draw_text(y, x, c->desc, it->tooltip, role, true);
}

static void draw_header(const struct listscr *l, const struct cols *c, int y,
			int width)
{
	int x = 3;

	draw_fill(y, 0, width, ROLE_HEADER);
	draw_text(y, x, c->name, _("Name"), ROLE_HEADER, false);
	x += c->name + 1;
	if (l->list == LIST_CATEGORY) {
		draw_text(y, x, c->group, _("Group"), ROLE_HEADER, false);
		x += c->group + 1;
		draw_text(y, x, c->lead, _("Lead"), ROLE_HEADER, false);
		x += c->lead + 1;
	} else {
		draw_text(y, x, c->dflt, _("Default"), ROLE_HEADER, false);
		x += c->dflt + 1;
	}
	draw_text_right(y, x, c->used, _("In use"), ROLE_HEADER);
	x += c->used + 1;
	if (c->desc > 0)
		draw_text(y, x, c->desc, _("Description"), ROLE_HEADER, false);
}

static void draw_status(const struct listscr *l, int y, int width)
{
	char line[512];
	int len;

	if (l->filtering || l->filter[0])
		len = snprintf(line, sizeof line, _("%zu of %zu items · Filter: %s%s"),
			       l->nview, l->items.n, l->filter,
			       l->filtering ? "_" : "");
	else
		len = snprintf(line, sizeof line, _("%zu items"), l->nview);
	if (l->show_deleted && len > 0 && (size_t)len < sizeof line)
		snprintf(line + len, sizeof line - (size_t)len, "%s",
			 _(" · deleted items shown, marked ✗"));
	draw_text(y, 1, width - 2, line, ROLE_NORMAL, false);
}

static void list_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct listscr *l = (struct listscr *)s;
	struct cols c;

	(void)ui;
	layout(l, r->w, &c);
	draw_header(l, &c, r->y, r->w);
	if (l->nview == 0)
		draw_text(r->y + 2, 2, r->w - 4,
			  l->filter[0] ? _("No item matches the filter.")
				       : _("The list is empty: a adds an item."),
			  ROLE_NORMAL, false);
	for (int i = 0; i < l->rows && l->top + (size_t)i < l->nview; i++) {
		size_t pos = l->top + (size_t)i;
		const struct la_item *it = &l->items.v[l->view[pos]];
		enum ui_role role = pos == l->sel ? ROLE_SELECTED
				    : it->deleted ? ROLE_DELETED : ROLE_NORMAL;
		draw_row(l, &c, r->y + 1 + i, r->w, it, role);
	}
	draw_status(l, r->y + r->h - 1, r->w);
}

static void move_sel(struct listscr *l, long delta)
{
	if (l->nview == 0)
		return;
	long sel = (long)l->sel + delta;
	if (sel < 0)
		sel = 0;
	if (sel >= (long)l->nview)
		sel = (long)l->nview - 1;
	l->sel = (size_t)sel;
	if (l->sel < l->top)
		l->top = l->sel;
	if (l->sel >= l->top + (size_t)l->rows)
		l->top = l->sel - (size_t)l->rows + 1;
}

/* The picker of a new default before the default status is deleted. */
static bool pick_new_default(struct listscr *l, struct ui *ui,
			     const struct la_item *it, int64_t *id)
{
	const char **labels = calloc(l->items.n + 1, sizeof *labels);
	int64_t *ids = calloc(l->items.n + 1, sizeof *ids);
	int n = 0, pick = -1;
	char prompt[600];

	/* Copies: the change poll may reload the list during the picker. */
	for (size_t i = 0; labels && ids && i < l->items.n; i++) {
		if (l->items.v[i].deleted || l->items.v[i].id == it->id)
			continue;
		if (!(labels[n] = strdup(l->items.v[i].name)))
			break;
		ids[n++] = l->items.v[i].id;
	}
	if (n == 0)
		ui_message(ui, ROLE_ERROR, "%s",
			   _("The default status cannot be deleted while it is the only one: add another lead status first."));
	else {
		char *name = text_visible(it->name);
		snprintf(prompt, sizeof prompt,
			 _("“%s” is the default for new leads. Choose the new default first:"),
			 name);
		free(name);
		pick = dialog_pick(ui, _("New default lead status"), prompt, labels, n);
		if (pick >= 0)
			*id = ids[pick];
	}
	for (int i = 0; labels && i < n; i++)
		free((char *)labels[i]);
	free(labels);
	free(ids);
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

static void do_delete(struct listscr *l, struct ui *ui, struct la_item *cur)
{
	struct la_err err;
	struct la_item copy;
	const struct la_item *it = &copy;
	int64_t new_default = 0, id = cur->id;
	char question[600];
	char *name = text_visible(cur->name);
	enum la_status st;

	/* A copy: the dialogs below poll for changes and may reload the list. */
	lists_item_copy(&copy, cur);
	la_err_clear(&err);
	if (it->deleted) {
		ui_message(ui, ROLE_ERROR, _("“%s” is already deleted: r restores it."), name);
		goto out;
	}
	if (l->list == LIST_LEADSTATUS && it->is_default &&
	    !pick_new_default(l, ui, it, &new_default))
		goto out;
	if (!it->is_default && it->companies == 0 && it->contacts == 0) {
		snprintf(question, sizeof question, _("Delete “%s”?"), name);
		if (!dialog_confirm(ui, _("Delete"), question))
			goto out;
	}
	st = lists_delete(ui->db, &ui->actor, l->list, id, new_default,
			  CONFIRM_NONE, &err);
	if (st == LA_CONFIRM) {
		if (!dialog_caution(ui, _("Delete"), &err)) {
			ui_message(ui, ROLE_INFO, _("“%s” was not deleted."), name);
			goto out;
		}
		la_err_clear(&err);
		st = lists_delete(ui->db, &ui->actor, l->list, id, new_default,
				  CONFIRM_YES, &err);
	}
	load(l, ui, id);
	snprintf(question, sizeof question, _("Deleted “%s”."), name);
	report(ui, st, &err, question);
out:
	lists_item_clear(&copy);
	free(name);
}

static void do_simple(struct listscr *l, struct ui *ui, struct la_item *it,
		      enum ui_action act)
{
	struct la_err err;
	int64_t id = it->id;
	char *name = text_visible(it->name);
	enum la_status st;
	char done[600];

	la_err_clear(&err);
	if (act == ACT_RESTORE) {
		if (!it->deleted) {
			ui_message(ui, ROLE_ERROR, "%s",
				   _("Only a deleted item can be restored: s shows the deleted items."));
			free(name);
			return;
		}
		st = lists_restore(ui->db, &ui->actor, l->list, id, &err);
		snprintf(done, sizeof done, _("Restored “%s”."), name);
	} else {
		st = lists_move(ui->db, &ui->actor, l->list, id,
				act == ACT_MOVE_UP ? -1 : 1, &err);
		if (act == ACT_MOVE_UP)
			snprintf(done, sizeof done, _("Moved “%s” up."), name);
		else
			snprintf(done, sizeof done, _("Moved “%s” down."), name);
	}
	load(l, ui, id);
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
	load(l, ui, item.id ? item.id : keep);
	lists_item_clear(&item);
}

/* Typing into the filter; false when the key is not the filter's. The
 * selected item stays selected when the filter still shows it. */
static bool filter_key(struct listscr *l, const struct ui_key *key)
{
	struct la_item *it = current(l);
	int64_t keep = it ? it->id : 0;

	if (!pager_filter_key(l->filter, sizeof l->filter, &l->filtering, key))
		return false;
	build_view(l, keep);
	return true;
}

static enum ui_result list_key(struct screen *s, struct ui *ui,
			       enum ui_action act, const struct ui_key *key)
{
	struct listscr *l = (struct listscr *)s;
	struct la_item *it;

	if (l->filtering && filter_key(l, key))
		return UI_HANDLED;
	if (actions_changes(act) && ui_refuse_change(ui))
		return UI_HANDLED;
	it = current(l);
	if (!it && (act == ACT_EDIT || act == ACT_DELETE || act == ACT_RESTORE ||
		    act == ACT_MOVE_UP || act == ACT_MOVE_DOWN)) {
		ui_message(ui, ROLE_ERROR, "%s", _("No item is selected."));
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_UP:
		move_sel(l, -1);
		break;
	case ACT_DOWN:
		move_sel(l, 1);
		break;
	case ACT_PGUP:
		move_sel(l, -l->rows);
		break;
	case ACT_PGDN:
		move_sel(l, l->rows);
		break;
	case ACT_HOME:
		move_sel(l, -(long)l->nview);
		break;
	case ACT_END:
		move_sel(l, (long)l->nview);
		break;
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
		load(l, ui, it ? it->id : 0);
		ui_message(ui, ROLE_INFO, "%s", l->show_deleted
			   ? _("Deleted items are shown, marked ✗.")
			   : _("Deleted items are hidden."));
		break;
	case ACT_FILTER:
		l->filtering = true;
		break;
	case ACT_BACK:
		return UI_CLOSE;
	default:
		break;
	}
	return UI_HANDLED;
}

static void list_close(struct screen *s)
{
	struct listscr *l = (struct listscr *)s;
	lists_items_free(&l->items);
	free(l->view);
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
	return ((const struct listscr *)s)->filtering;
}

static const struct screen_ops category_ops = {
	.title = list_title,
	.draw = list_draw,
	.key = list_key,
	.resize = list_resize,
	.reload = list_reload,
	.close = list_close,
	.actions = list_actions,
	.typing = list_typing,
	.help = N_("Company categories in rank order. Only a category of the group Potential customer can use lead status. In use: companies / contact persons in the category. ✗ marks a deleted item (shown with s)."),
};

static const struct screen_ops leadstatus_ops = {
	.title = list_title,
	.draw = list_draw,
	.key = list_key,
	.resize = list_resize,
	.reload = list_reload,
	.close = list_close,
	.actions = list_actions,
	.typing = list_typing,
	.help = N_("The lead statuses in rank order. The default is what new leads get. In use: contact persons with the status. ✗ marks a deleted item (shown with s)."),
};

struct screen *listscr_new(struct ui *ui, enum la_list list)
{
	struct listscr *l = calloc(1, sizeof *l);
	if (!l)
		return NULL;
	l->base.ops = list == LIST_CATEGORY ? &category_ops : &leadstatus_ops;
	l->list = list;
	l->rows = 1;
	load(l, ui, 0);
	return &l->base;
}
