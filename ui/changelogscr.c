/* Settings and maintenance > Change log: who changed which item of which
 * list, when, and what changed, newest first; the selected change is shown
 * in full below the list; / filters. Read-only. */
#include "config.h"
#include "changelogscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"
#include "curses.h"
#include "draw.h"
#include "i18n.h"
#include "pager.h"
#include "text.h"

#define FILTER_MAX 200
#define DETAIL_LINES 3
#define CL_COLS 6
#define WHEN_COLS 16 /* "YYYY-MM-DD HH:MM" */

struct changelog {
	struct screen base;
	struct auditlog_row *rows;
	size_t n;
	bool more;             /* the log holds more than was loaded */
	size_t *view;          /* indexes of the rows that match the filter */
	struct pager pg;
	bool filtering;
	char filter[FILTER_MAX];
};

static const char *cl_title(const struct screen *s)
{
	(void)s;
	return _("Change log");
}

static bool cl_matches(const struct auditlog_row *r, const char *folded)
{
	const char *fields[] = { r->at, r->login, auditlog_list_label(r->list), r->item,
				 r->action, r->changes };
	bool hit = false;

	for (size_t i = 0; !hit && i < sizeof fields / sizeof fields[0]; i++) {
		char *f = text_fold(fields[i] ? fields[i] : "");
		hit = f && strstr(f, folded);
		free(f);
	}
	return hit;
}

static void cl_view(struct changelog *c)
{
	char *folded = c->filter[0] ? text_fold(c->filter) : NULL;

	free(c->view);
	c->view = c->n ? calloc(c->n, sizeof *c->view) : NULL;
	c->pg.n = 0;
	for (size_t i = 0; c->view && i < c->n; i++)
		if (!folded || cl_matches(&c->rows[i], folded))
			c->view[c->pg.n++] = i;
	free(folded);
	pager_fix(&c->pg);
}

static void cl_load(struct changelog *c, struct ui *ui)
{
	struct la_err err;
	int64_t was = c->pg.n ? c->rows[c->view[c->pg.sel]].id : 0;

	auditlog_free(c->rows, c->n);
	c->rows = NULL;
	c->n = 0;
	la_err_clear(&err);
	/* One row more than shown tells whether there are more. */
	if (auditlog_load(ui->db, NULL, NULL, AUDITLOG_DEFAULT_LIMIT + 1, &c->rows, &c->n,
			  &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	c->more = c->n > AUDITLOG_DEFAULT_LIMIT;
	auditlog_truncate(c->rows, &c->n, AUDITLOG_DEFAULT_LIMIT);
	cl_view(c);
	/* The selection stays on the change it was on. */
	for (size_t p = 0; was && p < c->pg.n; p++)
		if (c->rows[c->view[p]].id == was)
			pager_select(&c->pg, p);
}

static void cl_reload(struct screen *s, struct ui *ui)
{
	cl_load((struct changelog *)s, ui);
}

/* Rows for the list: the body less the heading, the detail and the count. */
static int list_rows(int h)
{
	int rows = h - 1 - (DETAIL_LINES + 1) - 1;

	return rows > 0 ? rows : 1;
}

static void cl_resize(struct screen *s, const struct ui_rect *r)
{
	struct changelog *c = (struct changelog *)s;

	c->pg.rows = list_rows(r->h);
	pager_fix(&c->pg);
}

/* Column widths: the time fixed; who, list and action as wide as their
 * usual values when there is room; item and changes share the rest. */
static void cl_layout(int width, int *w)
{
	int room = width - 2 - WHEN_COLS - (CL_COLS - 1);

	w[0] = WHEN_COLS;
	if (room >= 50) {
		w[1] = 8;
		w[2] = 11;
		w[4] = 8;
	} else {
		w[1] = room * 14 / 100;
		w[2] = room * 18 / 100;
		w[4] = room * 14 / 100;
	}
	room -= w[1] + w[2] + w[4];
	w[3] = room * 45 / 100;
	w[5] = room - w[3] > 0 ? room - w[3] : 0;
}

static const char *item_label(const struct auditlog_row *r, char *buf, size_t len)
{
	if (*r->item)
		return r->item;
	if (r->item_id) {
		snprintf(buf, len, "#%lld", (long long)r->item_id);
		return buf;
	}
	return "";
}

static void cl_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct changelog *c = (struct changelog *)s;
	const char *heads[CL_COLS] = { _("When (UTC)"), _("Who"), _("List"), _("Item"),
				       _("Action"), _("Changes") };
	int w[CL_COLS], x = 2, y;
	char line[512], when[WHEN_COLS + 1], item[32];

	(void)ui;
	cl_layout(r->w, w);
	draw_fill(r->y, 0, r->w, ROLE_HEADER);
	for (int k = 0; k < CL_COLS; x += w[k] + 1, k++)
		draw_text(r->y, x, w[k], heads[k], ROLE_HEADER, false);
	if (c->pg.n == 0)
		draw_text(r->y + 2, 2, r->w - 4, c->filter[0]
			  ? _("No change matches the filter.")
			  : _("Nothing has been changed yet."), ROLE_NORMAL, false);
	for (int i = 0; i < c->pg.rows && c->pg.top + (size_t)i < c->pg.n; i++) {
		size_t pos = c->pg.top + (size_t)i;
		const struct auditlog_row *p = &c->rows[c->view[pos]];
		const char *cells[CL_COLS] = { when, p->login, auditlog_list_label(p->list),
					       item_label(p, item, sizeof item), p->action,
					       p->changes };
		enum ui_role role = pos == c->pg.sel ? ROLE_SELECTED : ROLE_NORMAL;

		snprintf(when, sizeof when, "%s", p->at);
		y = r->y + 1 + i;
		draw_fill(y, 0, r->w, role);
		draw_text(y, 0, 1, role == ROLE_SELECTED ? ">" : "", role, true);
		x = 2;
		for (int k = 0; k < CL_COLS; x += w[k] + 1, k++)
			draw_text(y, x, w[k], cells[k], role, true);
	}
	/* The selected change in full. */
	y = r->y + 1 + c->pg.rows;
	if (c->pg.n) {
		const struct auditlog_row *p = &c->rows[c->view[c->pg.sel]];

		snprintf(line, sizeof line, _("%s by %s: %s %s"), p->at, p->login,
			 auditlog_list_label(p->list), item_label(p, item, sizeof item));
		draw_fill(y, 0, r->w, ROLE_HEADER);
		draw_text(y, 1, r->w - 2, line, ROLE_HEADER, false);
		draw_wrap(y + 1, 2, r->w - 3, DETAIL_LINES,
			  *p->changes ? p->changes : _("(no values recorded)"), ROLE_NORMAL);
	}
	if (c->filtering || c->filter[0])
		snprintf(line, sizeof line, _("%zu of %zu changes · Filter: %s%s"),
			 c->pg.n, c->n, c->filter, c->filtering ? "_" : "");
	else if (c->more)
		snprintf(line, sizeof line, _("The newest %zu changes; leadadmin log --limit 0 shows all"),
			 c->n);
	else
		snprintf(line, sizeof line, ngettext("%zu change", "%zu changes", (unsigned long)c->n),
			 c->n);
	draw_text(r->y + r->h - 1, 1, r->w - 2, line, ROLE_NORMAL, false);
}

/* Typing into the filter; false when the key is not the filter's. */
static bool cl_filter_key(struct changelog *c, const struct ui_key *key)
{
	if (!pager_filter_key(c->filter, sizeof c->filter, &c->filtering, key))
		return false;
	c->pg.sel = 0;
	cl_view(c);
	return true;
}

static enum ui_result cl_key(struct screen *s, struct ui *ui,
			     enum ui_action act, const struct ui_key *key)
{
	struct changelog *c = (struct changelog *)s;

	(void)ui;
	if (c->filtering && cl_filter_key(c, key))
		return UI_HANDLED;
	if (pager_act(&c->pg, act))
		return UI_HANDLED;
	if (act == ACT_FILTER)
		c->filtering = true;
	else if (act == ACT_BACK)
		return UI_CLOSE;
	return UI_HANDLED;
}

static void cl_close(struct screen *s)
{
	struct changelog *c = (struct changelog *)s;

	auditlog_free(c->rows, c->n);
	free(c->view);
	free(c);
}

static unsigned cl_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_FILTER);
}

static bool cl_typing(const struct screen *s)
{
	return ((const struct changelog *)s)->filtering;
}

static const struct screen_ops changelog_ops = {
	.title = cl_title,
	.draw = cl_draw,
	.key = cl_key,
	.resize = cl_resize,
	.reload = cl_reload,
	.close = cl_close,
	.actions = cl_actions,
	.typing = cl_typing,
	.help = N_("Every change to the lists, the users and the settings, newest first: when (UTC), who, which list and item (by its current name), the action and the fields it changed, old → new. The selected change is shown in full below the list. / filters by any of these. Nothing here changes anything; leadadmin log prints the same."),
};

struct screen *changelogscr_new(struct ui *ui)
{
	struct changelog *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->base.ops = &changelog_ops;
	c->pg.rows = 1;
	cl_load(c, ui);
	return &c->base;
}
