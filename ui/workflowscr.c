/* Settings and maintenance > Workflow > Lead categorization: the four
 * rules of automated_category_update, each a toggle that, when on, shows
 * Set category to, (for the lead-status rule) the status, and Ask for
 * user confirmation before updating. Enter saves (refused while an
 * enabled rule lacks a category, as in SuperOffice), Esc cancels. */
#include "config.h"
#include "workflowscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation.h"
#include "dialog.h"
#include "draw.h"
#include "fform.h"
#include "i18n.h"
#include "lists.h"
#include "menu.h"

/* The fields of one rule, in SuperOffice's order: sold, lost,
 * registered, lead status. */
enum { R_ON, R_CATEGORY, R_STATUS, R_CONFIRM, R_FIELDS };
static const enum auto_trigger order[AUTO_COUNT] = {
	AUTO_SALE_SOLD, AUTO_SALE_LOST, AUTO_SALE_REGISTERED, AUTO_LEAD_STATUS,
};

struct wfscr {
	struct screen base;
	bool loaded, busy, stale;
	struct auto_rule rules[AUTO_COUNT];   /* as stored */
	struct fform_choices cats, statuses;
	struct fform_field f[AUTO_COUNT * R_FIELDS];
	struct fform ff;
};

static struct fform_field *field(struct wfscr *w, int rule, int which)
{
	return &w->f[rule * R_FIELDS + which];
}

static const char *wf_title(const struct screen *s)
{
	(void)s;
	return _("Lead categorization");
}

static bool used(const struct wfscr *w, bool category, int64_t id)
{
	for (int i = 0; i < AUTO_COUNT; i++)
		if ((category ? w->rules[i].category_id : w->rules[i].leadstatus_id) == id)
			return true;
	return false;
}

/* The active items, and a deleted one while a rule still names it
 * (category: as its category, else as its status). */
static void load_choices(struct wfscr *w, struct ui *ui, enum la_list list, bool category,
			 struct fform_choices *c)
{
	struct la_items items = { NULL, 0 };
	char b[LISTS_SHOWN_MAX];
	struct la_err err;

	la_err_clear(&err);
	fform_choices_add(c, 0, _("(none)"), NULL);
	if (lists_load(ui->db, list, true, &items, &err) == LA_OK)
		for (size_t i = 0; i < items.n; i++)
			if (!items.v[i].deleted || used(w, category, items.v[i].id))
				fform_choices_add(c, items.v[i].id, lists_shown(items.v[i].name, b, sizeof b),
						  items.v[i].deleted ? _("(deleted)") : NULL);
	lists_items_free(&items);
	if (err.msg[0])
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
}

/* The options of a rule show while its toggle is on. */
static void follow_toggles(struct wfscr *w)
{
	for (int i = 0; i < AUTO_COUNT; i++) {
		bool on = field(w, i, R_ON)->on;

		field(w, i, R_CATEGORY)->hidden = !on;
		field(w, i, R_CONFIRM)->hidden = !on;
		field(w, i, R_STATUS)->hidden = !on || order[i] != AUTO_LEAD_STATUS;
	}
}

static void setup_fields(struct wfscr *w)
{
	for (int i = 0; i < AUTO_COUNT; i++) {
		bool sale = order[i] != AUTO_LEAD_STATUS;

		*field(w, i, R_ON) = (struct fform_field){ .kind = FF_CHECK,
			.label = _(automation_trigger_label(order[i])),
			.hint = sale ? _("Applied to the sale events the CRM hands over (leadadmin events).")
				     : _("Applies when leadadmin sets a contact's lead status (leadadmin lead set-status).") };
		*field(w, i, R_CATEGORY) = (struct fform_field){ .kind = FF_CHOICE,
			.label = _("Set category to"),
			.choices = (const char *const *)w->cats.labels, .nchoices = w->cats.n,
			.hint = _("Only companies in a Potential customer category are updated.") };
		*field(w, i, R_STATUS) = (struct fform_field){ .kind = FF_CHOICE,
			.label = _("Lead status"),
			.choices = (const char *const *)w->statuses.labels, .nchoices = w->statuses.n,
			.hint = _("The status that, when set, updates the company's category.") };
		*field(w, i, R_CONFIRM) = (struct fform_field){ .kind = FF_CHECK,
			.label = _("Ask for user confirmation before updating") };
	}
	w->ff.f = w->f;
	w->ff.n = AUTO_COUNT * R_FIELDS;
}

static void fill(struct wfscr *w)
{
	for (int i = 0; i < AUTO_COUNT; i++) {
		const struct auto_rule *r = &w->rules[order[i] - 1];

		field(w, i, R_ON)->on = r->enabled;
		field(w, i, R_CATEGORY)->choice = fform_choices_find(&w->cats, r->category_id);
		field(w, i, R_STATUS)->choice = fform_choices_find(&w->statuses, r->leadstatus_id);
		field(w, i, R_CONFIRM)->on = r->confirm;
	}
	fform_clear_errors(&w->ff);
	follow_toggles(w);
}

static void load(struct wfscr *w, struct ui *ui)
{
	struct la_err err;
	int focus = w->ff.focus;

	fform_choices_free(&w->cats);
	fform_choices_free(&w->statuses);
	la_err_clear(&err);
	w->loaded = automation_load(ui->db, w->rules, &err) == LA_OK;
	if (!w->loaded)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	load_choices(w, ui, LIST_CATEGORY, true, &w->cats);
	load_choices(w, ui, LIST_LEADSTATUS, false, &w->statuses);
	setup_fields(w);
	fill(w);
	fform_focus(&w->ff, focus);
}

/* The rules as the form shows them. */
static void collect(const struct wfscr *w, struct auto_rule out[AUTO_COUNT])
{
	memcpy(out, w->rules, sizeof w->rules);
	for (int i = 0; i < AUTO_COUNT; i++) {
		struct auto_rule *r = &out[order[i] - 1];
		const struct fform_field *f = &w->f[i * R_FIELDS];

		r->enabled = f[R_ON].on;
		r->category_id = w->cats.ids[f[R_CATEGORY].choice];
		r->leadstatus_id = order[i] == AUTO_LEAD_STATUS ? w->statuses.ids[f[R_STATUS].choice] : 0;
		r->confirm = f[R_CONFIRM].on;
	}
}

static bool changed(const struct wfscr *w)
{
	struct auto_rule now[AUTO_COUNT];

	if (!w->loaded)
		return false;
	collect(w, now);
	for (int i = 0; i < AUTO_COUNT; i++)
		if (now[i].enabled != w->rules[i].enabled ||
		    now[i].category_id != w->rules[i].category_id ||
		    now[i].leadstatus_id != w->rules[i].leadstatus_id ||
		    now[i].confirm != w->rules[i].confirm)
			return true;
	return false;
}

static void wf_reload(struct screen *s, struct ui *ui)
{
	struct wfscr *w = (struct wfscr *)s;

	if (w->busy) {
		w->stale = true;
		return;
	}
	if (!changed(w))
		load(w, ui);
}

static void wf_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct wfscr *w = (struct wfscr *)s;
	int cy, cx;

	(void)ui;
	if (w->loaded)
		fform_draw(&w->ff, r->y + 1, 1, r->w - 2, r->h - 1, ROLE_NORMAL, &cy, &cx);
}

/* Saves; true when stored. A refusal goes beside the rule's field. */
static bool save(struct wfscr *w, struct ui *ui)
{
	struct auto_rule now[AUTO_COUNT];
	struct la_err err;
	enum la_status st;

	la_err_clear(&err);
	collect(w, now);
	fform_clear_errors(&w->ff);
	/* The first enabled rule that lacks what it needs, as SuperOffice's
	 * Save waits for it, or names a deleted item (it would do nothing),
	 * and the first changed rule that does. A rule left off as it was
	 * does not hold up the others, even when it names a deleted item. */
	for (int i = 0; i < AUTO_COUNT; i++) {
		struct auto_rule *r = &now[order[i] - 1];
		const struct auto_rule *was = &w->rules[order[i] - 1];

		int which;

		if (!r->enabled && !was->enabled && r->category_id == was->category_id &&
		    r->leadstatus_id == was->leadstatus_id && r->confirm == was->confirm)
			continue;
		if (automation_check(ui->db, r, &err) == LA_OK)
			continue;
		which = err.field == LA_FIELD_LEAD_STATUS ? R_STATUS : R_CATEGORY;
		snprintf(field(w, i, which)->err, sizeof field(w, i, which)->err, "%s", err.msg);
		fform_focus(&w->ff, i * R_FIELDS + which);
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	st = automation_save(ui->db, &ui->actor, now, &err);
	if (st == LA_OK) {
		ui_message(ui, ROLE_INFO, "%s", _("Saved the lead categorization rules."));
		return true;
	}
	if (st == LA_STALE)
		load(w, ui);
	ui_message(ui, ROLE_ERROR, "%s", err.msg);
	return false;
}

static enum ui_result wf_key(struct screen *s, struct ui *ui, enum ui_action act,
			     const struct ui_key *key)
{
	struct wfscr *w = (struct wfscr *)s;
	static const struct ui_key space = { .kind = UK_CHAR, .ch = ' ' };

	if (act == ACT_BACK) {
		if (!changed(w) || dialog_confirm(ui, _("Cancel"), _("Discard your changes?")))
			return UI_CLOSE;
		return UI_HANDLED;
	}
	if (!w->loaded)
		return UI_HANDLED;
	if (act == ACT_CHANGE && key->kind == UK_MOUSE)
		key = &space;
	if (act == ACT_SAVE) {
		if (!ui_refuse_change(ui) && save(w, ui))
			return UI_CLOSE;
		return UI_HANDLED;
	}
	if (fform_edits(&w->ff, key) && ui_refuse_change(ui))
		return UI_HANDLED;
	w->busy = true;
	if (fform_key(&w->ff, ui, key) == FF_CHANGED)
		follow_toggles(w);
	w->busy = false;
	if (w->stale) {
		w->stale = false;
		wf_reload(s, ui);
	}
	return UI_HANDLED;
}

static enum ui_action wf_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	struct wfscr *w = (struct wfscr *)s;

	(void)ui;
	if (w->loaded)
		fform_mouse(&w->ff, key);
	return ACT_NONE;
}

static void wf_close(struct screen *s)
{
	struct wfscr *w = (struct wfscr *)s;

	fform_choices_free(&w->cats);
	fform_choices_free(&w->statuses);
	free(w);
}

static act_mask wf_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_SAVE) | ACT_BIT(ACT_CHANGE);
}

static const struct screen_ops wf_ops = {
	.title = wf_title,
	.draw = wf_draw,
	.key = wf_key,
	.reload = wf_reload,
	.close = wf_close,
	.actions = wf_actions,
	.mouse = wf_mouse,
	.help = N_("Lead categorization updates a company's category when a sale is sold, lost or registered with the company, or when a contact's lead status is set to a chosen status; only a company whose category is in Potential customer (and, for the lead status, uses lead status) is updated. Space turns a rule on and shows Set category to and Ask for user confirmation before updating; Left/Right or Space picks the category. Enter saves (only when every rule that is on has a category), Esc cancels. leadadmin has no sales: the sale rules apply to the sale events the CRM hands over (leadadmin events FILE). General and List administrators change the rules."),
};

struct screen *workflowscr_new(struct ui *ui)
{
	struct wfscr *w = calloc(1, sizeof *w);

	if (!w)
		return NULL;
	w->base.ops = &wf_ops;
	load(w, ui);
	ui_refuse_change(ui);
	return &w->base;
}
