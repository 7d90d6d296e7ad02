/* A menu is a screen of entries; Enter opens the entry's screen. */
#include "config.h"
#include "menu.h"

#include <stdlib.h>

#include "curses.h"
#include "draw.h"
#include "i18n.h"
#include "lists.h"
#include "changelogscr.h"
#include "listscr.h"
#include "marketingscr.h"
#include "overviewscr.h"
#include "setupscr.h"
#include "usersscr.h"
#include "workflowscr.h"
#include "text.h"

struct menu_entry {
	const char *label;  /* untranslated, or NULL: the list's own title */
	const char *hint;
	struct screen *(*open)(struct ui *ui);  /* NULL: the screen of list */
	enum la_list list;
};

struct menu {
	struct screen base;
	const char *title;
	const struct menu_entry *entries;
	int n, sel;
	int y, shown;  /* the row of the first entry and how many, as drawn */
};

static const struct menu_entry main_entries[] = {
	{ .label = N_("Lists"), .hint = N_("company categories and lead statuses"),
	  .open = menu_lists_new },
	{ .label = N_("Lead management set-up"),
	  .hint = N_("is lead management ready? the three steps"), .open = setupscr_new },
	{ .label = N_("Users"), .hint = N_("associates, their roles and user groups"),
	  .open = menu_users_new },
	{ .label = N_("Marketing"), .hint = N_("UTM data and lead distribution (Marketing Premium)"),
	  .open = marketingscr_new },
	{ .label = N_("Workflow"), .hint = N_("lead categorization: a company's category by rule"),
	  .open = menu_workflow_new },
	{ .label = N_("Change log"), .hint = N_("who changed what, and when"),
	  .open = changelogscr_new },
	{ .label = N_("Lead overview"), .hint = N_("where the leads stand: status, owner, source"),
	  .open = overviewscr_new },
};

static const struct menu_entry workflow_entries[] = {
	{ .label = N_("Lead categorization"),
	  .hint = N_("update a company's category when a sale or a lead status changes"),
	  .open = workflowscr_new },
};

static const struct menu_entry users_entries[] = {
	{ .label = N_("Associates"), .hint = N_("logins, full names, roles, primary groups"),
	  .open = usersscr_new },
	{ .label = N_("User groups"), .hint = N_("the groups Distribute to owner can use"),
	  .list = LIST_USERGROUP },
};

static const struct menu_entry list_entries[] = {
	{ .hint = N_("which company categories use lead status"), .list = LIST_CATEGORY },
	{ .hint = N_("the qualification stages of a lead"), .list = LIST_LEADSTATUS },
};

static const char *entry_label(const struct menu_entry *e)
{
	return e->label ? _(e->label) : lists_title(e->list);
}

static const char *menu_title(const struct screen *s)
{
	const struct menu *m = (const struct menu *)s;
	return _(m->title);
}

static void menu_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct menu *m = (struct menu *)s;
	int lw = 0;

	(void)ui;
	for (int i = 0; i < m->n; i++) {
		int w = text_width(entry_label(&m->entries[i]));
		if (w > lw)
			lw = w;
	}
	if (lw > r->w / 2)
		lw = r->w / 2;
	m->y = r->y + 1;
	m->shown = 0;
	for (int i = 0; i < m->n && i + 1 < r->h; i++, m->shown++) {
		int y = r->y + 1 + i;
		enum ui_role role = i == m->sel ? ROLE_SELECTED : ROLE_NORMAL;
		draw_fill(y, r->x, r->w - 1, role);
		draw_text(y, r->x, 1, i == m->sel ? ">" : "", role, true);
		draw_text(y, r->x + 2, lw, entry_label(&m->entries[i]), role, true);
		draw_text(y, r->x + 4 + lw, r->w - lw - 6, _(m->entries[i].hint),
			  role, false);
		if (i == m->sel)
			draw_cursor(y, r->x + 2);
	}
}

static enum ui_result menu_key(struct screen *s, struct ui *ui,
			       enum ui_action act, const struct ui_key *key)
{
	struct menu *m = (struct menu *)s;

	(void)key;
	switch (act) {
	case ACT_UP:
		if (m->sel > 0)
			m->sel--;
		break;
	case ACT_DOWN:
		if (m->sel + 1 < m->n)
			m->sel++;
		break;
	case ACT_HOME:
	case ACT_PGUP:
		m->sel = 0;
		break;
	case ACT_END:
	case ACT_PGDN:
		m->sel = m->n - 1;
		break;
	case ACT_OPEN:
		if (m->entries[m->sel].open)
			ui_push(ui, m->entries[m->sel].open(ui));
		else
			ui_push(ui, listscr_new(ui, m->entries[m->sel].list));
		break;
	case ACT_BACK:
		return UI_CLOSE;
	default:
		break;
	}
	return UI_HANDLED;
}

/* A click selects the entry it is on, a double click opens it; the
 * wheel moves one entry a notch. */
static enum ui_action menu_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	struct menu *m = (struct menu *)s;

	(void)ui;
	if (key_wheel(key))
		return key_wheel(key) < 0 ? ACT_UP : ACT_DOWN;
	if (!key_is_click(key) || key->y < m->y || key->y >= m->y + m->shown)
		return ACT_NONE;
	m->sel = key->y - m->y;
	return key->mouse == UM_DOUBLE ? ACT_OPEN : ACT_NONE;
}

static void menu_close(struct screen *s)
{
	free(s);
}

static act_mask menu_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_OPEN);
}

static const struct screen_ops main_ops = {
	.title = menu_title,
	.draw = menu_draw,
	.key = menu_key,
	.close = menu_close,
	.actions = menu_actions,
	.mouse = menu_mouse,
	.help = N_("Settings and maintenance: Lists holds the company categories and the lead statuses; Lead management set-up tells whether lead management is ready; Users holds the associates and user groups; Marketing the Marketing Premium settings; Workflow holds Lead categorization; Change log shows who changed what, and when; Lead overview shows where the leads stand. Esc or q here quits."),
};

static const struct screen_ops lists_ops = {
	.title = menu_title,
	.draw = menu_draw,
	.key = menu_key,
	.close = menu_close,
	.actions = menu_actions,
	.mouse = menu_mouse,
	.help = N_("The lists that lead management uses. Company – Category decides which companies take part; Contact – Lead status holds the stages a lead goes through."),
};

static struct screen *menu_new(const struct screen_ops *ops, const char *title,
			       const struct menu_entry *entries, int n)
{
	struct menu *m = calloc(1, sizeof *m);
	if (!m)
		return NULL;
	m->base.ops = ops;
	m->title = title;
	m->entries = entries;
	m->n = n;
	return &m->base;
}

struct screen *menu_main_new(struct ui *ui)
{
	(void)ui;
	return menu_new(&main_ops, N_("Settings and maintenance"), main_entries,
			(int)(sizeof main_entries / sizeof main_entries[0]));
}

static const struct screen_ops users_ops = {
	.title = menu_title,
	.draw = menu_draw,
	.key = menu_key,
	.close = menu_close,
	.actions = menu_actions,
	.mouse = menu_mouse,
	.help = N_("The users of this CRM database (associates) and the user groups they belong to. Only a General administrator changes them."),
};

struct screen *menu_users_new(struct ui *ui)
{
	(void)ui;
	return menu_new(&users_ops, N_("Users"), users_entries,
			(int)(sizeof users_entries / sizeof users_entries[0]));
}

struct screen *menu_lists_new(struct ui *ui)
{
	(void)ui;
	return menu_new(&lists_ops, N_("Lists"), list_entries,
			(int)(sizeof list_entries / sizeof list_entries[0]));
}

static const struct screen_ops workflow_ops = {
	.title = menu_title,
	.draw = menu_draw,
	.key = menu_key,
	.close = menu_close,
	.actions = menu_actions,
	.mouse = menu_mouse,
	.help = N_("Workflow: Lead categorization updates a company's category by rule when a sale is registered, sold or lost, or when a contact's lead status is set to a chosen status."),
};

struct screen *menu_workflow_new(struct ui *ui)
{
	(void)ui;
	return menu_new(&workflow_ops, N_("Workflow"), workflow_entries,
			(int)(sizeof workflow_entries / sizeof workflow_entries[0]));
}
