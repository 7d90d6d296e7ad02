/* Settings and maintenance > Lead overview > a lead status: its contacts,
 * newest first. A status can have a million of them: the screen holds a
 * window of them around what it shows (ui/rowwin.c), read by keyset
 * pages (overview_contacts_page) as the table asks for rows
 * (table_source), and counts them, and filters them, in the database.
 * t (Set status) sets the selected contact's lead status, as `lead
 * set-status` does: the lead-status rule of Lead categorization may move
 * its company, and when the rule asks, the screen asks first. */
#include "config.h"
#include "contactsscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "automation.h"
#include "dialog.h"
#include "i18n.h"
#include "mem.h"
#include "lists.h"
#include "overview.h"
#include "rowwin.h"
#include "table.h"
#include "text.h"

enum { CT_NAME, CT_COMPANY, CT_EMAIL, CT_OWNER, CT_SOURCE, CT_CAMPAIGN, CT_COLS };

struct ctrow {
	int64_t person_id;
	char *cells[CT_COLS];
	char *registered;     /* NULL when the contact has none */
};

struct contactsscr {
	struct screen base;
	struct ui *ui;
	int64_t status_id;
	char *title;
	char *filter;         /* the table's filter, NULL when none */
	struct rowwin win;    /* the contacts around the screen (of win.total
				 that pass the filter) */
	struct table t;
};

static const char *ct_title(const struct screen *s)
{
	return ((const struct contactsscr *)s)->title;
}

static void row_drop(void *row)
{
	struct ctrow *r = row;

	for (int i = 0; i < CT_COLS; i++)
		free(r->cells[i]);
	free(r->registered);
}

static bool collect(void *ctx, const struct overview_contact *p)
{
	struct ctrow *r = rowwin_add(ctx);

	r->person_id = p->person_id;
	r->cells[CT_NAME] = la_strdup(p->name);
	r->cells[CT_COMPANY] = la_strdup(p->company);
	r->cells[CT_EMAIL] = la_strdup(p->email);
	r->cells[CT_OWNER] = la_strdup(p->owner);
	r->cells[CT_SOURCE] = la_strdup(p->source);
	r->cells[CT_CAMPAIGN] = la_strdup(p->campaign);
	r->registered = p->undated ? NULL : la_strdup(p->registered);
	return true;
}

/* Reads up to limit rows after (dir > 0) or before (dir < 0) row from
 * (NULL: from the first or the last) into f; false after an error, which
 * the screen shows. */
static bool read_rows(void *ctx, const void *from, int dir, size_t limit,
		      struct rowwin_fill *f)
{
	struct contactsscr *c = ctx;
	const struct ctrow *r = from;
	struct overview_key key = { r ? r->registered : NULL, r ? r->person_id : 0 };
	struct la_err err;

	la_err_clear(&err);
	if (overview_contacts_page(c->ui->db, c->status_id, c->filter, r ? &key : NULL, dir,
				   limit, collect, f, &err) != LA_OK) {
		ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	return true;
}

static const struct rowwin_ops row_ops = {
	.size = sizeof(struct ctrow),
	.drop = row_drop,
	.read = read_rows,
};

static void ct_fetch(void *ctx, size_t from, size_t to, size_t *lo, size_t *hi)
{
	rowwin_fetch(&((struct contactsscr *)ctx)->win, from, to, lo, hi);
}

/* Without a filter the count is the kept one; with one, the same scan of
 * the status's contacts counts the matches and gives the first window. */
static void ct_count(void *ctx, const char *filter, size_t *shown, size_t *total)
{
	struct contactsscr *c = ctx;
	struct la_err err;
	struct rowwin_fill f;

	rowwin_clear(&c->win, 0);
	free(c->filter);
	c->filter = filter ? la_strdup(filter) : NULL;
	*shown = *total = c->win.total = 0;
	la_err_clear(&err);
	if (overview_contacts_count(c->ui->db, c->status_id, NULL, NULL, total, &err) != LA_OK) {
		ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		return;
	}
	if (!filter) {
		c->win.total = *shown = *total;
		return;
	}
	rowwin_fill_init(&c->win, &f, ROWWIN_CHUNK);
	if (overview_contacts_filter(c->ui->db, c->status_id, filter, ROWWIN_CHUNK, shown, collect,
				     &f, &err) != LA_OK) {
		ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		*shown = 0;
		rowwin_fill_free(&f);
	} else {
		rowwin_take(&c->win, 0, &f);
	}
	c->win.total = *shown;
}

static const char *ct_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct contactsscr *c = ctx;
	const struct ctrow *r = rowwin_row(&c->win, row);
	const char *s;

	(void)buf;
	(void)len;
	/* A row the window lacks: fewer contacts than counted, until the
	 * next poll counts again. */
	if (!r)
		return "";
	s = r->cells[col];
	return s[0] ? s : "-";
}

static void ct_status(void *ctx, const struct table_count *c, char *buf, size_t len)
{
	(void)ctx;
	if (c->filter)
		snprintf(buf, len, ngettext("%zu of %zu contact · Filter: %s%s",
					   "%zu of %zu contacts · Filter: %s%s", (unsigned long)c->total),
			 c->shown, c->total, c->filter, c->cursor);
	else
		snprintf(buf, len, ngettext("%zu contact", "%zu contacts", (unsigned long)c->total),
			 c->total);
}

/* Each column as wide as its widest cell (of the rows read so far); when
 * they do not fit, the widest gives up a column at a time; room left over
 * goes to the last one. */
static const struct table_col ct_cols[CT_COLS] = {
	[CT_NAME] = { .head = N_("Name"), .fit = true, .filter = true },
	[CT_COMPANY] = { .head = N_("Company"), .fit = true, .filter = true },
	[CT_EMAIL] = { .head = N_("E-mail"), .fit = true, .filter = true },
	[CT_OWNER] = { .head = N_("Owner"), .fit = true, .filter = true },
	[CT_SOURCE] = { .head = N_("Source"), .fit = true, .filter = true },
	[CT_CAMPAIGN] = { .head = N_("Campaign"), .fit = true, .grow = true, .filter = true },
};

static const struct table_source ct_source = {
	.count = ct_count,
	.fetch = ct_fetch,
};

static const struct table_def ct_table = {
	.cols = ct_cols,
	.ncols = CT_COLS,
	.empty = N_("No contact has this lead status."),
	.no_match = N_("No contact matches the filter."),
	.cell = ct_cell,
	.status = ct_status,
	.source = &ct_source,
};

/* Counts again; the selected contact stays selected, or the one that
 * took its place when it is gone. */
static void ct_load(struct contactsscr *c)
{
	size_t sel = table_current(&c->t), pos = 0;
	const struct ctrow *r = sel != TABLE_NONE ? rowwin_row(&c->win, sel) : NULL;
	struct ctrow keep = { 0 };
	bool anchored = false;

	if (r) {
		keep.person_id = r->person_id;
		keep.registered = r->registered ? la_strdup(r->registered) : NULL;
		anchored = true;
	}
	table_reload(&c->t, 0);
	if (anchored && c->win.total) {
		struct overview_key key = { keep.registered, keep.person_id };
		struct la_err err;

		la_err_clear(&err);
		if (overview_contacts_count(c->ui->db, c->status_id, c->filter, &key, &pos,
					    &err) != LA_OK)
			ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		else if (pos < c->win.total) {
			/* The window starts at the contact (or its successor):
			 * after a key one higher. */
			keep.person_id++;
			rowwin_start(&c->win, pos, &keep);
			table_select(&c->t, pos);
		}
	}
	free(keep.registered);
}

static void ct_reload(struct screen *s, struct ui *ui)
{
	(void)ui;
	ct_load((struct contactsscr *)s);
}

static void ct_resize(struct screen *s, const struct ui_rect *r)
{
	table_place(&((struct contactsscr *)s)->t, r, 0);
}

static void ct_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	(void)ui;
	(void)r;
	table_draw(&((struct contactsscr *)s)->t);
}

/* Picks an item of list (not deleted, in rank order): its id, or 0 when
 * cancelled; *name gets its name (to free). */
static int64_t pick_item(struct ui *ui, enum la_list list, const char *title,
			 const char *prompt, char **name)
{
	struct la_items items = { 0 };
	struct la_err err;
	const char **labels;
	int64_t id = 0;
	int pick;

	la_err_clear(&err);
	if (lists_load(ui->db, list, false, &items, &err) != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return 0;
	}
	if (!(labels = calloc(items.n ? items.n : 1, sizeof *labels)))
		abort();
	lists_items_shown(&items);
	for (size_t i = 0; i < items.n; i++)
		labels[i] = items.v[i].name;
	pick = dialog_pick(ui, title, prompt, labels, (int)items.n);
	if (pick >= 0) {
		id = items.v[pick].id;
		*name = la_strdup(items.v[pick].name);
	}
	free(labels);
	lists_items_free(&items);
	return id;
}

static char *category_name(struct ui *ui, int64_t id)
{
	struct la_items items = { 0 };
	struct la_err err;
	char *name = NULL;

	la_err_clear(&err);
	if (id && lists_load(ui->db, LIST_CATEGORY, true, &items, &err) == LA_OK) {
		lists_items_shown(&items);
		for (size_t i = 0; i < items.n && !name; i++)
			if (items.v[i].id == id)
				name = la_strdup(items.v[i].name);
	}
	lists_items_free(&items);
	return name ? name : la_strdup("");
}

/* Set status: a status from a picker, then the lead-status rule through
 * automation_lead_set_status, as `lead set-status`; with the rule's
 * confirmation on, the suggested category is taken, another one picked,
 * or nothing done. */
static void set_status(struct contactsscr *c, struct ui *ui)
{
	size_t sel = table_current(&c->t);
	const struct ctrow *r = sel != TABLE_NONE ? rowwin_row(&c->win, sel) : NULL;
	struct auto_outcome out;
	struct la_err err;
	char *status = NULL, *who, prompt[600];
	int64_t person, status_id, category = 0;
	bool yes = false;
	enum la_status st;

	if (!r) {
		ui_message(ui, ROLE_ERROR, "%s", _("Select a contact first."));
		return;
	}
	person = r->person_id;
	who = text_visible(r->cells[CT_NAME][0] ? r->cells[CT_NAME] : r->cells[CT_EMAIL]);
	snprintf(prompt, sizeof prompt, _("The new lead status of %s:"), who);
	if (!(status_id = pick_item(ui, LIST_LEADSTATUS, _("Set status"), prompt, &status))) {
		free(who);
		return;
	}
	for (;;) {
		la_err_clear(&err);
		st = automation_lead_set_status(ui->db, &ui->actor, person, status_id, yes,
						category, &out, &err);
		if (st != LA_CONFIRM)
			break;
		{
			char *from = category_name(ui, out.old_category);
			char *to = category_name(ui, out.suggested);
			char *take = NULL;
			const char *labels[2];
			char ask[900];
			int pick;

			snprintf(ask, sizeof ask,
				 _("Lead categorization suggests moving the company from “%s” to “%s”."),
				 from, to);
			if (asprintf(&take, _("Move it to “%s”"), to) < 0)
				abort();
			labels[0] = take;
			labels[1] = _("Choose another category…");
			pick = dialog_pick(ui, _("Update the company's category"), ask, labels, 2);
			free(take);
			free(from);
			free(to);
			if (pick == 0) {
				yes = true;
			} else if (pick == 1) {
				char *cname = NULL;

				category = pick_item(ui, LIST_CATEGORY, _("Set category to"),
						     _("The company's new category:"), &cname);
				free(cname);
				if (!category)
					pick = -1;
			}
			if (pick < 0) {
				ui_message(ui, ROLE_INFO, "%s", _("Nothing was changed."));
				free(status);
				free(who);
				return;
			}
		}
	}
	if (st != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	} else if (!out.status_changed) {
		ui_message(ui, ROLE_INFO, _("%s has the lead status “%s” already."), who, status);
	} else if (out.new_category) {
		char *from = category_name(ui, out.old_category);
		char *to = category_name(ui, out.new_category);

		ui_message(ui, ROLE_INFO,
			   _("%s: lead status “%s”; Lead categorization moved the company from “%s” to “%s”."),
			   who, status, from, to);
		free(from);
		free(to);
	} else if (out.why_not) {
		ui_message(ui, ROLE_INFO, _("%s: lead status “%s”; the lead categorization rule did not apply: %s."),
			   who, status, _(out.why_not));
	} else {
		ui_message(ui, ROLE_INFO, _("%s: lead status “%s”."), who, status);
	}
	free(status);
	free(who);
	if (st == LA_OK && out.status_changed)
		ct_load(c);
}

static enum ui_result ct_key(struct screen *s, struct ui *ui,
			     enum ui_action act, const struct ui_key *key)
{
	struct contactsscr *c = (struct contactsscr *)s;

	if (act == ACT_SET_STATUS && !table_typing(&c->t)) {
		set_status(c, ui);
		return UI_HANDLED;
	}
	return table_browse_key(&c->t, act, key);
}

/* Nothing opens from a contact: a double click only selects. */
static enum ui_action ct_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	(void)ui;
	return table_mouse_action(&((struct contactsscr *)s)->t, key, ACT_NONE);
}

static void ct_close(struct screen *s)
{
	struct contactsscr *c = (struct contactsscr *)s;
	rowwin_free(&c->win);
	free(c->filter);
	table_free(&c->t);
	free(c->title);
	free(c);
}

static act_mask ct_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_FILTER) | ACT_BIT(ACT_SET_STATUS);
}

static bool ct_typing(const struct screen *s)
{
	return table_typing(&((const struct contactsscr *)s)->t);
}

static const struct screen_ops contacts_ops = {
	.title = ct_title,
	.draw = ct_draw,
	.key = ct_key,
	.resize = ct_resize,
	.reload = ct_reload,
	.close = ct_close,
	.actions = ct_actions,
	.typing = ct_typing,
	.mouse = ct_mouse,
	.help = N_("The contacts with this lead status, newest first: their company, e-mail address, owner, and the first-touch source and campaign of the form that brought them. / filters by any of these. Set status sets the selected contact's lead status: when the lead-status rule of Lead categorization is on for that status, the contact's company moves to the rule's category, and when the rule asks for confirmation the screen shows the suggested category, to take it or choose another."),
};

struct screen *contactsscr_new(struct ui *ui, int64_t status_id, const char *status)
{
	struct contactsscr *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->base.ops = &contacts_ops;
	c->ui = ui;
	c->status_id = status_id;
	rowwin_init(&c->win, &row_ops, c);
	if (!(c->title = strdup(status && *status ? status : _("(none)"))))
		abort();
	table_init(&c->t, &ct_table, c);
	ct_load(c);
	return &c->base;
}
