/* The edit dialog. Category: Name, Category group, Description, Enable
 * lead status; lead status: Name, Description, Default for new leads.
 * Refusals from the domain appear beside their field and the dialog keeps
 * what was typed; a stale save reloads the current values. */
#include "config.h"
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "dialog.h"
#include "draw.h"
#include "field.h"
#include "i18n.h"
#include "text.h"

#define FIELD_IDS 6 /* enum la_field values */

struct form {
	struct la_item *item;     /* the stored state the dialog started from */
	const enum la_field *order;
	int n, focus;
	struct field name, desc;
	enum la_group group;
	bool lead, dflt;
	char err[FIELD_IDS][sizeof ((struct la_err *)0)->msg]; /* a refusal beside its field */
};

static const enum la_field category_order[] = {
	LA_FIELD_NAME, LA_FIELD_GROUP, LA_FIELD_DESCRIPTION, LA_FIELD_LEAD_STATUS,
};
static const enum la_field leadstatus_order[] = {
	LA_FIELD_NAME, LA_FIELD_DESCRIPTION, LA_FIELD_DEFAULT,
};

/* The groups the dialog offers, in the order of DESIGN §1. */
static const enum la_group groups[] = {
	GROUP_CUSTOMER, GROUP_POTENTIAL_CUSTOMER, GROUP_PARTNER, GROUP_LOST,
	GROUP_OTHER,
};
#define NGROUPS ((int)(sizeof groups / sizeof groups[0]))

static void form_fill(struct form *f)
{
	field_set(&f->name, f->item->name);
	field_set(&f->desc, f->item->tooltip);
	f->group = f->item->group;
	f->lead = f->item->lead_status;
	f->dflt = f->item->is_default;
	memset(f->err, 0, sizeof f->err);
}

static bool form_changed(const struct form *f)
{
	const struct la_item *it = f->item;
	return !field_equals(&f->name, it->name) ||
	       !field_equals(&f->desc, it->tooltip) ||
	       (it->list == LIST_CATEGORY &&
		(f->group != it->group || f->lead != it->lead_status)) ||
	       (it->list == LIST_LEADSTATUS && f->dflt != it->is_default);
}

static const char *field_label(enum la_field id)
{
	switch (id) {
	case LA_FIELD_NAME:
		return _("Name");
	case LA_FIELD_GROUP:
		return _("Category group");
	case LA_FIELD_DESCRIPTION:
		return _("Description");
	case LA_FIELD_LEAD_STATUS:
		return _("Enable lead status for this category");
	case LA_FIELD_DEFAULT:
		return _("Default for new leads");
	default:
		return "";
	}
}

static const char *form_title(const struct form *f, const struct ui *ui)
{
	if (!ui->can_change)
		return f->item->list == LIST_CATEGORY ? _("Category (read-only)")
						      : _("Lead status (read-only)");
	if (f->item->list == LIST_CATEGORY)
		return f->item->id ? _("Edit category") : _("New category");
	return f->item->id ? _("Edit lead status") : _("New lead status");
}

/* The hint under a field when it has no error. */
static const char *field_hint(const struct form *f, enum la_field id)
{
	if (id == LA_FIELD_LEAD_STATUS && f->group != GROUP_POTENTIAL_CUSTOMER)
		return _("Only a category of the group Potential customer can use lead status.");
	if (id == LA_FIELD_GROUP)
		return _("Left/Right or the first letter changes the group.");
	return "";
}

static void form_draw(struct form *f, struct ui *ui, int *cy, int *cx)
{
	int lw = 0, w, h, y, x, iw;

	ui_draw(ui);
	*cy = *cx = -1;
	if (ui_too_small())
		return;
	for (int i = 0; i < f->n; i++)
		if (f->order[i] != LA_FIELD_LEAD_STATUS && f->order[i] != LA_FIELD_DEFAULT &&
		    text_width(field_label(f->order[i])) > lw)
			lw = text_width(field_label(f->order[i]));
	w = COLS - 4 < 76 ? COLS - 4 : 76;
	h = 2 * f->n + 4;
	y = (LINES - 2 - h) / 2;
	if (y < 1)
		y = 1;
	x = (COLS - w) / 2;
	iw = w - 4;
	if (lw > iw / 3)
		lw = iw / 3;
	draw_box(y, x, h, w, form_title(f, ui), ROLE_DIALOG);
	for (int i = 0; i < f->n; i++) {
		enum la_field id = f->order[i];
		int row = y + 2 + 2 * i, vx = x + 2 + lw + 2, vw = iw - lw - 2;
		bool focus = i == f->focus;
		enum ui_role frole = focus ? ROLE_FOCUS : ROLE_FIELD;
		int curx = -1;

		/* The focus reads without colour too. */
		if (focus)
			draw_text(row, x + 1, 1, ">", ROLE_FOCUS, false);
		if (id == LA_FIELD_LEAD_STATUS || id == LA_FIELD_DEFAULT) {
			bool on = id == LA_FIELD_LEAD_STATUS ? f->lead : f->dflt;
			bool off = id == LA_FIELD_LEAD_STATUS &&
				   f->group != GROUP_POTENTIAL_CUSTOMER;
			draw_text(row, x + 2, 3, on ? "[x]" : "[ ]",
				  off ? ROLE_DISABLED : frole, true);
			/* Greyed out reads without colour: the label says "(not available)". */
			char label[300];
			snprintf(label, sizeof label, "%s%s", field_label(id),
				 off ? _(" (not available)") : "");
			draw_text(row, x + 6, iw - 4, label,
				  off ? ROLE_DISABLED : ROLE_DIALOG, false);
			if (focus)
				*cy = row, *cx = x + 3;
		} else {
			draw_text(row, x + 2, lw, field_label(id),
				  focus ? ROLE_FOCUS : ROLE_DIALOG, true);
			if (id == LA_FIELD_GROUP) {
				char g[200];
				snprintf(g, sizeof g, "< %s >", f->group == GROUP_UNKNOWN
					 ? _("(not set)") : lists_group_label(f->group));
				draw_text(row, vx, vw, g, frole, false);
				curx = vx;
			} else {
				field_draw(id == LA_FIELD_NAME ? &f->name : &f->desc,
					   row, vx, vw, frole, focus, &curx);
			}
			if (focus)
				*cy = row, *cx = curx;
		}
		const char *below = f->err[id][0] ? f->err[id] : field_hint(f, id);
		int bx = id == LA_FIELD_LEAD_STATUS || id == LA_FIELD_DEFAULT ? 4 : lw + 2;
		draw_text(row + 1, x + 2 + bx, iw - bx, below,
			  f->err[id][0] ? ROLE_ERROR : ROLE_DIALOG, false);
	}
}

static void form_draw_all(struct form *f, struct ui *ui, int *cy, int *cx)
{
	form_draw(f, ui, cy, cx);
	/* What was refused or changed must stay readable over the box. */
	if (ui->msg[0])
		ui_draw_message(ui);
}

static void form_help(struct ui *ui)
{
	const char *paras[] = {
		_("Enter saves the item (OK); Esc cancels and asks first when something was changed."),
		_("Tab or Down: next field. Shift-Tab or Up: previous field."),
		_("In a text field: type to edit; Left, Right, Home, End, Backspace and Delete work as usual."),
		_("Category group: Left/Right cycles through the groups; the first letter of a group picks it."),
		_("Space ticks or unticks a check box. Lead status can only be enabled for the group Potential customer."),
		_("Exactly one lead status is the default for new leads: tick the box on another status to move it."),
	};
	dialog_text(ui, _("Help: edit dialog"), paras,
		    (int)(sizeof paras / sizeof paras[0]));
}

static void cycle_group(struct form *f, struct ui *ui, int dir, wint_t letter)
{
	int at = 0;
	enum la_group old = f->group;

	for (int i = 0; i < NGROUPS; i++)
		if (groups[i] == f->group)
			at = i;
	if (letter) {
		/* The next group after this one whose label starts with letter. */
		for (int k = 1; k <= NGROUPS; k++) {
			enum la_group g = groups[(at + k) % NGROUPS];
			const char *label = lists_group_label(g);
			char *a = text_fold(label), enc[8], *b;
			enc[text_encode((unsigned)letter, enc)] = '\0';
			b = text_fold(enc);
			bool hit = a && b && strncmp(a, b, strlen(b)) == 0;
			free(a);
			free(b);
			if (hit) {
				f->group = g;
				break;
			}
		}
	} else if (f->group == GROUP_UNKNOWN) {
		f->group = dir > 0 ? groups[0] : groups[NGROUPS - 1];
	} else {
		f->group = groups[(at + NGROUPS + dir) % NGROUPS];
	}
	if (old == GROUP_POTENTIAL_CUSTOMER && f->group != old && f->lead) {
		f->lead = false;
		ui_message(ui, ROLE_INFO, "%s",
			   _("Lead status is only for Potential customer, so it is now off: the contacts keep their last status, which can then no longer be updated."));
	}
}

static void toggle(struct form *f, struct ui *ui, enum la_field id)
{
	if (id == LA_FIELD_LEAD_STATUS) {
		if (f->group != GROUP_POTENTIAL_CUSTOMER)
			ui_message(ui, ROLE_ERROR, "%s",
				   _("Lead status can only be enabled for a category of the group Potential customer: change the group first."));
		else
			f->lead = !f->lead;
	} else if (id == LA_FIELD_DEFAULT) {
		if (f->dflt && f->item->is_default)
			ui_message(ui, ROLE_ERROR, "%s",
				   _("Exactly one status is the default: tick the box on another status instead."));
		else
			f->dflt = !f->dflt;
	}
}

/* Loads the stored state again after a stale save; the domain's message
 * (why) already says that the dialog shows the current values. */
static void form_reload(struct form *f, struct ui *ui, const char *why)
{
	struct la_item cur;
	struct la_err err;

	la_err_clear(&err);
	/* lists_get fills cur without freeing what it held. */
	memset(&cur, 0, sizeof cur);
	if (lists_get(ui->db, f->item->list, f->item->id, &cur, &err) == LA_OK) {
		lists_item_clear(f->item);
		lists_item_copy(f->item, &cur);
		form_fill(f);
		ui_message(ui, ROLE_ERROR, "%s", why);
	} else {
		ui_message(ui, ROLE_ERROR, "%s %s", why, err.msg);
	}
	lists_item_clear(&cur);
}

/* Saves; true when stored (the dialog closes). */
static bool form_save(struct form *f, struct ui *ui)
{
	struct la_item work;
	struct la_err err;
	enum la_status st;

	memset(f->err, 0, sizeof f->err);
	la_err_clear(&err);
	lists_item_copy(&work, f->item);
	free(work.name);
	free(work.tooltip);
	work.name = field_get(&f->name);
	work.tooltip = field_get(&f->desc);
	work.group = f->group;
	work.lead_status = f->lead;
	work.is_default = f->dflt;
	st = lists_save(ui->db, &ui->actor, &work, CONFIRM_NONE, &err);
	if (st == LA_CONFIRM) {
		if (!dialog_caution(ui, _("Save"), &err)) {
			ui_message(ui, ROLE_INFO, "%s", _("Not saved: the dialog still holds your changes."));
			lists_item_clear(&work);
			return false;
		}
		la_err_clear(&err);
		st = lists_save(ui->db, &ui->actor, &work, CONFIRM_YES, &err);
	}
	if (st == LA_OK) {
		/* err->contacts counts contacts given the default status only
		 * when this save turned lead status on (rule 7). */
		bool turned_on = work.list == LIST_CATEGORY && work.lead_status &&
				 !f->item->lead_status;
		long contacts = turned_on ? err.contacts : 0;
		char *name = text_visible(work.name);
		if (work.list == LIST_LEADSTATUS && f->dflt && !work.is_default) {
			la_err_clear(&err);
			if (lists_set_default(ui->db, &ui->actor, work.list, work.id, &err) == LA_OK)
				work.is_default = true;
			else
				ui_message(ui, ROLE_ERROR, "%s", err.msg);
		}
		lists_item_clear(f->item);
		lists_item_copy(f->item, &work);
		if (contacts > 0)
			ui_message(ui, ROLE_INFO,
				   ngettext("Saved “%s”: %ld contact got the default lead status.",
					    "Saved “%s”: %ld contacts got the default lead status.",
					    (unsigned long)contacts),
				   name, contacts);
		else if (!ui->msg[0] || ui->msg_role != ROLE_ERROR)
			ui_message(ui, ROLE_INFO, _("Saved “%s”."), name);
		free(name);
		lists_item_clear(&work);
		return true;
	}
	lists_item_clear(&work);
	if (st == LA_STALE) {
		form_reload(f, ui, err.msg);
		return false;
	}
	if (err.field > LA_FIELD_NONE && err.field < FIELD_IDS) {
		snprintf(f->err[err.field], sizeof f->err[0], "%s", err.msg);
		for (int i = 0; i < f->n; i++)
			if (f->order[i] == err.field)
				f->focus = i;
	}
	ui_message(ui, ROLE_ERROR, "%s", err.msg);
	return false;
}

/* Handles a key; 1 saved, -1 cancelled, 0 go on. */
static int form_key(struct form *f, struct ui *ui, const struct ui_key *key)
{
	enum la_field id = f->order[f->focus];
	struct field *text = id == LA_FIELD_NAME ? &f->name
			     : id == LA_FIELD_DESCRIPTION ? &f->desc : NULL;

	ui->msg[0] = '\0';
	if (key_is_code(key, KEY_F(1))) {
		form_help(ui);
	} else if (key_is_enter(key)) {
		if (!ui_refuse_change(ui))
			return form_save(f, ui) ? 1 : 0;
	} else if (key_is_esc(key)) {
		if (!ui->can_change || !form_changed(f) ||
		    dialog_confirm(ui, _("Cancel"), _("Discard your changes?")))
			return -1;
	} else if (key_is(key, '\t') || key_is_code(key, KEY_DOWN)) {
		f->focus = (f->focus + 1) % f->n;
	} else if (key_is_code(key, KEY_BTAB) || key_is_code(key, KEY_UP)) {
		f->focus = (f->focus + f->n - 1) % f->n;
	} else if (text && field_move_key(text, key)) {
		/* moved inside the field */
	} else if (text && (key_is_text(key) || key_is_backspace(key) ||
			    key_is_code(key, KEY_DC))) {
		if (!ui_refuse_change(ui)) {
			field_edit_key(text, key);
			f->err[id][0] = '\0';
		}
	} else if (id == LA_FIELD_GROUP && (key_is_code(key, KEY_LEFT) ||
					    key_is_code(key, KEY_RIGHT) ||
					    key_is_text(key))) {
		if (!ui_refuse_change(ui)) {
			if (key_is_text(key))
				cycle_group(f, ui, 0, key->ch);
			else
				cycle_group(f, ui, key_is_code(key, KEY_LEFT) ? -1 : 1, 0);
			f->err[id][0] = '\0';
		}
	} else if ((id == LA_FIELD_LEAD_STATUS || id == LA_FIELD_DEFAULT) &&
		   key_is(key, ' ')) {
		if (!ui_refuse_change(ui))
			toggle(f, ui, id);
	}
	return 0;
}

bool form_run(struct ui *ui, struct la_item *item)
{
	struct form f;
	struct ui_key key;
	int done = 0;

	memset(&f, 0, sizeof f);
	f.item = item;
	if (item->list == LIST_CATEGORY) {
		f.order = category_order;
		f.n = (int)(sizeof category_order / sizeof category_order[0]);
		if (!item->id && item->group == GROUP_UNKNOWN)
			item->group = GROUP_POTENTIAL_CUSTOMER;
	} else {
		f.order = leadstatus_order;
		f.n = (int)(sizeof leadstatus_order / sizeof leadstatus_order[0]);
	}
	form_fill(&f);
	ui->footer = _("F1:Help Enter:OK Esc:Cancel Tab:Next field Space:Tick");
	if (!ui->can_change)
		ui_message(ui, ROLE_ERROR, "%s", ui->denied);
	while (!done) {
		int cy, cx;
		form_draw_all(&f, ui, &cy, &cx);
		if (cy >= 0) {
			move(cy, cx);
			curs_set(1);
		} else {
			curs_set(0);
		}
		ui_show();
		ui_key(ui, &key);
		if (key.kind == UK_END)
			done = -1;
		else if (key.kind == UK_CHAR || key.kind == UK_CODE)
			done = form_key(&f, ui, &key);
	}
	curs_set(0);
	ui->footer = NULL;
	field_free(&f.name);
	field_free(&f.desc);
	return done > 0;
}
