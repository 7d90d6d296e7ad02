/* Settings and maintenance > Change log: who changed which item of which
 * list, when, and what changed, newest first; the selected change is shown
 * in full below the list; / filters. Read-only. */
#include "config.h"
#include "changelogscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auditlog.h"
#include "draw.h"
#include "i18n.h"
#include "table.h"

#define DETAIL_LINES 3
#define WHEN_COLS 16 /* "YYYY-MM-DD HH:MM" */

struct changelog {
	struct screen base;
	struct auditlog_row *rows;
	size_t n;
	bool more;             /* the log holds more than was loaded */
	struct table t;        /* over rows */
};

/* The columns shown, then two the filter reads in full: the time with its
 * seconds and the item's stored name. */
enum { C_WHEN, C_WHO, C_LIST, C_ITEM, C_ACTION, C_CHANGES, C_SHOWN,
       C_AT = C_SHOWN, C_ITEM_NAME, C_COUNT };

static const char *cl_title(const struct screen *s)
{
	(void)s;
	return _("Change log");
}

static void cl_load(struct changelog *c, struct ui *ui)
{
	struct la_err err;

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
	/* The selection stays on the change it was on. */
	table_reload(&c->t, c->n);
}

static void cl_reload(struct screen *s, struct ui *ui)
{
	cl_load((struct changelog *)s, ui);
}

static void cl_resize(struct screen *s, const struct ui_rect *r)
{
	/* Below the list: the selected change's heading and its lines. */
	table_place(&((struct changelog *)s)->t, r, DETAIL_LINES + 1);
}

/* Column widths: the time fixed; who, list and action as wide as their
 * usual values when there is room; item and changes share the rest. */
static void cl_layout(void *ctx, const struct table *t, int width, int *w)
{
	int room = width - 2 - WHEN_COLS - (C_SHOWN - 1);

	(void)ctx;
	(void)t;
	w[C_WHEN] = WHEN_COLS;
	if (room >= 50) {
		w[C_WHO] = 8;
		w[C_LIST] = 11;
		w[C_ACTION] = 8;
	} else {
		w[C_WHO] = room * 14 / 100;
		w[C_LIST] = room * 18 / 100;
		w[C_ACTION] = room * 14 / 100;
	}
	room -= w[C_WHO] + w[C_LIST] + w[C_ACTION];
	w[C_ITEM] = room * 45 / 100;
	w[C_CHANGES] = room - w[C_ITEM] > 0 ? room - w[C_ITEM] : 0;
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

static const char *cl_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct auditlog_row *p = &((struct changelog *)ctx)->rows[row];

	switch (col) {
	case C_WHEN:
		snprintf(buf, len, "%.*s", WHEN_COLS, p->at);
		return buf;
	case C_WHO: return p->login;
	case C_LIST: return auditlog_list_label(p->list);
	case C_ITEM: return item_label(p, buf, len);
	case C_ACTION: return p->action;
	case C_CHANGES: return p->changes;
	case C_AT: return p->at;
	default: return p->item;
	}
}

static void cl_status(void *ctx, const struct table_count *n, char *buf, size_t len)
{
	const struct changelog *c = ctx;

	if (n->filter)
		snprintf(buf, len, ngettext("%zu of %zu change · Filter: %s%s",
					   "%zu of %zu changes · Filter: %s%s", (unsigned long)n->total),
			 n->shown, n->total, n->filter, n->cursor);
	else if (c->more)
		snprintf(buf, len, ngettext("The newest %zu change; leadadmin log --limit 0 shows all",
					   "The newest %zu changes; leadadmin log --limit 0 shows all",
					   (unsigned long)n->total),
			 n->total);
	else
		snprintf(buf, len, ngettext("%zu change", "%zu changes", (unsigned long)n->total),
			 n->total);
}

static int64_t cl_id(void *ctx, size_t row)
{
	return ((struct changelog *)ctx)->rows[row].id;
}

static const struct table_col cl_cols[C_COUNT] = {
	[C_WHEN] = { .head = N_("When (UTC)"), .width = WHEN_COLS },
	[C_WHO] = { .head = N_("Who"), .filter = true },
	[C_LIST] = { .head = N_("List"), .filter = true },
	[C_ITEM] = { .head = N_("Item") },
	[C_ACTION] = { .head = N_("Action"), .filter = true },
	[C_CHANGES] = { .head = N_("Changes"), .filter = true },
	[C_AT] = { .hidden = true, .filter = true },
	[C_ITEM_NAME] = { .hidden = true, .filter = true },
};

static const struct table_def cl_table = {
	.cols = cl_cols,
	.ncols = C_COUNT,
	.gutter = 2,
	.empty = N_("Nothing has been changed yet."),
	.no_match = N_("No change matches the filter."),
	.cell = cl_cell,
	.status = cl_status,
	.id = cl_id,
	.layout = cl_layout,
};

static void cl_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct changelog *c = (struct changelog *)s;
	size_t sel = table_current(&c->t);
	int y = table_reserved_y(&c->t);
	char line[512], item[32];

	(void)ui;
	table_draw(&c->t);
	/* The selected change in full. */
	if (sel != TABLE_NONE) {
		const struct auditlog_row *p = &c->rows[sel];

		snprintf(line, sizeof line, _("%s by %s: %s %s"), p->at, p->login,
			 auditlog_list_label(p->list), item_label(p, item, sizeof item));
		draw_fill(y, 0, r->w, ROLE_HEADER);
		draw_text(y, 1, r->w - 2, line, ROLE_HEADER, false);
		draw_wrap(y + 1, 2, r->w - 3, DETAIL_LINES,
			  *p->changes ? p->changes : _("(no values recorded)"), ROLE_NORMAL);
	}
}

static enum ui_result cl_key(struct screen *s, struct ui *ui,
			     enum ui_action act, const struct ui_key *key)
{
	(void)ui;
	return table_browse_key(&((struct changelog *)s)->t, act, key);
}

/* Nothing opens from the log: a double click only selects. */
static enum ui_action cl_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	(void)ui;
	return table_mouse_action(&((struct changelog *)s)->t, key, ACT_NONE);
}

static void cl_close(struct screen *s)
{
	struct changelog *c = (struct changelog *)s;

	auditlog_free(c->rows, c->n);
	table_free(&c->t);
	free(c);
}

static act_mask cl_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_FILTER);
}

static bool cl_typing(const struct screen *s)
{
	return table_typing(&((const struct changelog *)s)->t);
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
	.mouse = cl_mouse,
	.help = N_("Every change to the lists, the users and the settings, newest first: when (UTC), who, which list and item (by its current name), the action and the fields it changed, old → new. The selected change is shown in full below the list. / filters by any of these. Nothing here changes anything; leadadmin log prints the same."),
};

struct screen *changelogscr_new(struct ui *ui)
{
	struct changelog *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->base.ops = &changelog_ops;
	table_init(&c->t, &cl_table, c);
	cl_load(c, ui);
	return &c->base;
}
