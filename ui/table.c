/* The table widget: view, selection, layout, drawing, filter, keys. */
#include "config.h"
#include "table.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw.h"
#include "i18n.h"
#include "text.h"

#define CELL_BUF 512

static int gutter(const struct table *t)
{
	return t->def->gutter > 0 ? t->def->gutter : 3;
}

static enum table_row row_kind(const struct table *t, size_t row)
{
	return t->def->kind ? t->def->kind(t->ctx, row) : TABLE_ITEM;
}

/* The text of a cell; a NULL from the screen is an empty cell. */
static const char *cell(const struct table *t, size_t row, int col, char *buf,
			size_t len)
{
	const char *s = t->def->cell(t->ctx, row, col, buf, len);
	return s ? s : "";
}

/* The screen's row at view position pos: with a source, the position. */
static size_t row_at(const struct table *t, size_t pos)
{
	return t->def->source ? pos : t->view[pos];
}

static bool is_item(const struct table *t, size_t pos)
{
	return pos < t->pg.n && row_kind(t, row_at(t, pos)) == TABLE_ITEM;
}

void table_init(struct table *t, const struct table_def *def, void *ctx)
{
	size_t nc = (size_t)(def->ncols > 0 ? def->ncols : 1);

	memset(t, 0, sizeof *t);
	t->def = def;
	t->ctx = ctx;
	t->pg.rows = 1;
	t->natural = calloc(nc, sizeof *t->natural);
	t->measured = calloc(nc, sizeof *t->measured);
	t->w = calloc(nc, sizeof *t->w);
	t->x = calloc(nc, sizeof *t->x);
	if (!t->natural || !t->measured || !t->w || !t->x)
		abort();
}

void table_free(struct table *t)
{
	free(t->view);
	free(t->folded);
	free(t->natural);
	free(t->measured);
	free(t->w);
	free(t->x);
	memset(t, 0, sizeof *t);
}

/* The selection's id, taken whenever the selection may have changed, so
 * that a reload (when the old rows are gone) can find the row again. */
static void remember(struct table *t)
{
	if (t->def->id && !t->def->source && is_item(t, t->pg.sel)) {
		t->sel_id = t->def->id(t->ctx, t->view[t->pg.sel]);
		t->has_id = true;
	}
}

size_t table_current(const struct table *t)
{
	return is_item(t, t->pg.sel) ? row_at(t, t->pg.sel) : TABLE_NONE;
}

/* The heading of the selected row's section stays in view when it can. */
static void show_heading(struct table *t)
{
	size_t h = t->pg.sel, rows = (size_t)(t->pg.rows > 0 ? t->pg.rows : 1);

	pager_fix(&t->pg);
	if (!t->def->kind || t->pg.n == 0)
		return;
	while (h > 0 && row_kind(t, row_at(t, h)) != TABLE_HEADING)
		h--;
	if (t->pg.top > h && t->pg.sel - h < rows)
		t->pg.top = h;
}

/* The selection lands on an item: the next one in direction dir, else the
 * nearest the other way. */
static void settle(struct table *t, int dir)
{
	if (t->def->kind) {
		for (int pass = 0; pass < 2; pass++, dir = -dir) {
			long p = (long)t->pg.sel;
			while (p >= 0 && p < (long)t->pg.n && !is_item(t, (size_t)p))
				p += dir;
			if (p >= 0 && p < (long)t->pg.n) {
				pager_select(&t->pg, (size_t)p);
				break;
			}
		}
	}
	show_heading(t);
	remember(t);
}

void table_select(struct table *t, size_t pos)
{
	pager_select(&t->pg, pos);
	settle(t, 1);
}

bool table_select_id(struct table *t, int64_t id)
{
	if (!t->def->id || t->def->source)
		return false;
	for (size_t p = 0; p < t->pg.n; p++)
		if (is_item(t, p) && t->def->id(t->ctx, t->view[p]) == id) {
			table_select(t, p);
			return true;
		}
	return false;
}

/* True when the filter's columns of row contain folded. */
static bool matches(const struct table *t, size_t row, const char *folded)
{
	char buf[CELL_BUF];
	bool hit = false;

	if (row_kind(t, row) != TABLE_ITEM)
		return false;
	for (int c = 0; !hit && c < t->def->ncols; c++) {
		if (!t->def->cols[c].filter)
			continue;
		char *f = text_fold(cell(t, row, c, buf, sizeof buf));
		hit = f && strstr(f, folded);
		free(f);
	}
	return hit;
}

static bool passes(const struct table *t, size_t row)
{
	return !t->def->shown || t->def->shown(t->ctx, row);
}

/* The view for the filter: from every row, or, when the new filter
 * contains the one the view was built with, from the view itself (a row
 * the old filter hid cannot match the new one). */
static void build_view(struct table *t, bool all)
{
	char *folded = t->filter[0] ? text_fold(t->filter) : NULL;
	size_t k = 0;

	if (t->filter[0] && !folded)
		abort();
	if (t->def->source) {
		t->def->source->count(t->ctx, t->filter[0] ? t->filter : NULL, &t->pg.n,
				      &t->total);
		t->mlo = t->mhi = 0;
		free(t->folded);
		t->folded = folded;
		return;
	}
	if (!all && folded && t->folded && strstr(folded, t->folded)) {
		for (size_t p = 0; p < t->pg.n; p++)
			if (matches(t, t->view[p], folded))
				t->view[k++] = t->view[p];
	} else {
		t->total = 0;
		for (size_t i = 0; i < t->n; i++) {
			if (!passes(t, i))
				continue;
			t->total++;
			if (!folded || matches(t, i, folded))
				t->view[k++] = i;
		}
	}
	free(t->folded);
	t->folded = folded;
	t->pg.n = k;
}

/* The selection after the view changed: the remembered row, else the same
 * position. True when the row was found. */
static bool reselect(struct table *t, int dir)
{
	bool found = false;

	if (t->def->id && t->has_id && !t->def->source)
		for (size_t p = 0; !found && p < t->pg.n; p++)
			if (is_item(t, p) && t->def->id(t->ctx, t->view[p]) == t->sel_id) {
				t->pg.sel = p;
				found = true;
			}
	pager_fix(&t->pg);
	settle(t, dir);
	return found;
}

/* The widest cell of column c in rows from .. to-1, at least w. */
static int widest(const struct table *t, int c, size_t from, size_t to, int w)
{
	char buf[CELL_BUF];

	for (size_t i = from; i < to; i++) {
		if (!passes(t, i) || row_kind(t, i) == TABLE_NOTE)
			continue;
		int cw = text_width(cell(t, i, c, buf, sizeof buf));
		if (cw > w)
			w = cw;
	}
	return w;
}

static bool sized_by_content(const struct table_col *col)
{
	return col->fit && !col->hidden && col->share <= 0;
}

/* The natural widths; only .fit columns look at the rows (with a source:
 * none yet, see grow). */
static void measure(struct table *t)
{
	const struct table_def *d = t->def;

	for (int c = 0; c < d->ncols; c++) {
		const struct table_col *col = &d->cols[c];
		int w = 0;

		if (sized_by_content(col)) {
			if (col->head)
				w = text_width(_(col->head));
			for (int i = 0; d->label; i++) {
				const char *l = d->label(t->ctx, c, i);
				if (!l)
					break;
				if (text_width(l) > w)
					w = text_width(l);
			}
			t->measured[c] = w;
			if (!d->source)
				w = widest(t, c, 0, t->n, w);
		}
		t->natural[c] = columns_natural(col, w);
	}
}

/* With a source: the .fit columns grow to the rows the screen holds, when
 * they are new. */
static void grow(struct table *t, size_t lo, size_t hi)
{
	const struct table_def *d = t->def;

	if (lo == t->mlo && hi == t->mhi)
		return;
	t->mlo = lo;
	t->mhi = hi;
	for (int c = 0; c < d->ncols; c++)
		if (sized_by_content(&d->cols[c])) {
			t->measured[c] = widest(t, c, lo, hi, t->measured[c]);
			t->natural[c] = columns_natural(&d->cols[c], t->measured[c]);
		}
}

bool table_reload(struct table *t, size_t n)
{
	if (!t->def->source && n > t->cap) {
		size_t *v = realloc(t->view, n * sizeof *v);
		if (!v)
			abort();
		t->view = v;
		t->cap = n;
	}
	t->n = n;
	build_view(t, true);
	measure(t);
	return reselect(t, 1);
}

int table_natural(const struct table *t, int col)
{
	return col >= 0 && col < t->def->ncols ? t->natural[col] : 0;
}

void table_place(struct table *t, const struct ui_rect *r, int reserve)
{
	int rows = r->h - (t->def->no_header ? 0 : 1) - 1 - reserve;

	t->y = r->y;
	t->h = r->h;
	t->width = r->w;
	t->pg.rows = rows > 0 ? rows : 1;
	show_heading(t);
}

int table_reserved_y(const struct table *t)
{
	return t->y + (t->def->no_header ? 0 : 1) + t->pg.rows;
}

static void layout(struct table *t, int width)
{
	const struct table_def *d = t->def;
	int x = gutter(t);

	for (int c = 0; c < d->ncols; c++)
		t->w[c] = d->cols[c].hidden ? 0 : t->natural[c];
	if (d->layout)
		d->layout(t->ctx, t, width, t->w);
	else
		columns_widths(d->cols, d->ncols, width, gutter(t), t->w);
	for (int c = 0; c < d->ncols; c++) {
		if (d->cols[c].hidden)
			t->w[c] = 0;
		t->x[c] = x;
		if (t->w[c] > 0)
			x += t->w[c] + 1;
	}
}

static void draw_cell(const struct table *t, int c, int y, const char *s,
		      enum ui_role role, bool pad)
{
	if (t->w[c] <= 0)
		return;
	if (t->def->cols[c].align == TABLE_RIGHT)
		draw_text_right(y, t->x[c], t->w[c], s, role);
	else
		draw_text(y, t->x[c], t->w[c], s, role, pad);
}

static void draw_header(const struct table *t)
{
	draw_fill(t->y, 0, t->width, ROLE_HEADER);
	for (int c = 0; c < t->def->ncols; c++)
		draw_cell(t, c, t->y, t->def->cols[c].head ? _(t->def->cols[c].head) : "",
			  ROLE_HEADER, false);
}

static void draw_row(const struct table *t, size_t pos, int y)
{
	const struct table_def *d = t->def;
	size_t row = row_at(t, pos);
	enum table_row kind = row_kind(t, row);
	char buf[CELL_BUF];

	if (kind == TABLE_NOTE) {
		draw_text(y, gutter(t), t->width - gutter(t) - 1,
			  cell(t, row, 0, buf, sizeof buf), ROLE_NORMAL, false);
		return;
	}
	if (kind == TABLE_HEADING) {
		int first = -1;
		draw_fill(y, 0, t->width, ROLE_HEADER);
		for (int c = 0; c < d->ncols; c++) {
			if (t->w[c] <= 0)
				continue;
			const char *s = cell(t, row, c, buf, sizeof buf);
			if (first < 0) {
				/* The section's title starts left of the rows. */
				first = c;
				draw_text(y, 1, t->x[c] + t->w[c] - 1, s, ROLE_HEADER, false);
			} else {
				draw_cell(t, c, y, s, ROLE_HEADER, false);
			}
		}
		return;
	}
	bool deleted = d->deleted && d->deleted(t->ctx, row);
	enum ui_role role = pos == t->pg.sel ? ROLE_SELECTED
			    : deleted ? ROLE_DELETED : ROLE_NORMAL;
	draw_fill(y, 0, t->width, role);
	/* Markers that read without colour: > the selection, ✗ deleted. */
	draw_text(y, 0, 1, role == ROLE_SELECTED ? ">" : "", role, true);
	if (d->deleted)
		draw_text(y, 1, 1, deleted ? "\u2717" : "", role, true);
	int first = -1;
	for (int c = 0; c < d->ncols; c++)
		if (t->w[c] > 0) {
			draw_cell(t, c, y, cell(t, row, c, buf, sizeof buf), role, true);
			if (first < 0)
				first = c;
		}
	/* The cursor on the selected row's text, after the markers, where
	 * a screen reader or braille display follows it. */
	if (role == ROLE_SELECTED)
		draw_cursor(y, first >= 0 ? t->x[first] : gutter(t));
}

/* While the filter is typed the cursor stands where the next character
 * goes: where the status line with the "_" differs from the one without. */
static void cursor_on_filter(const struct table *t, struct table_count *count,
			     const char *line)
{
	char bare[CELL_BUF];
	size_t at = 0;

	count->cursor = "";
	bare[0] = '\0';
	t->def->status(t->ctx, count, bare, sizeof bare);
	while (line[at] && line[at] == bare[at])
		at++;
	char *head = strndup(line, at);
	if (!head)
		abort();
	int x = 1 + text_width(head);
	free(head);
	if (x < t->width - 1)
		draw_cursor(t->y + t->h - 1, x);
}

void table_draw(struct table *t)
{
	const struct table_def *d = t->def;
	int top = t->y + (d->no_header ? 0 : 1);
	char line[CELL_BUF];
	struct table_count count = {
		.shown = t->pg.n, .total = t->total,
		.filter = t->filtering || t->filter[0] ? t->filter : NULL,
		.cursor = t->filtering ? "_" : "",
	};

	if (d->source && t->pg.n > 0) {
		size_t from = t->pg.top, to = from + (size_t)t->pg.rows, lo = 0, hi = 0;

		d->source->fetch(t->ctx, from, to < t->pg.n ? to : t->pg.n, &lo, &hi);
		grow(t, lo, hi);
	}
	layout(t, t->width);
	if (!d->no_header)
		draw_header(t);
	if (t->pg.n == 0) {
		const char *empty = t->filter[0] ? d->no_match : d->empty;
		if (empty) {
			draw_text(t->y + 2, 2, t->width - 4, _(empty), ROLE_NORMAL, false);
			/* Nothing to select: the cursor reads why. */
			draw_cursor(t->y + 2, 2);
		}
	}
	for (int i = 0; i < t->pg.rows && t->pg.top + (size_t)i < t->pg.n; i++)
		draw_row(t, t->pg.top + (size_t)i, top + i);
	line[0] = '\0';
	d->status(t->ctx, &count, line, sizeof line);
	draw_text(t->y + t->h - 1, 1, t->width - 2, line, ROLE_NORMAL, false);
	if (t->filtering)
		cursor_on_filter(t, &count, line);
}

static bool filterable(const struct table *t)
{
	for (int c = 0; c < t->def->ncols; c++)
		if (t->def->cols[c].filter)
			return true;
	return false;
}

enum table_result table_key(struct table *t, enum ui_action act,
			    const struct ui_key *key)
{
	if (t->filtering) {
		char was[TABLE_FILTER_MAX];
		memcpy(was, t->filter, sizeof was);
		if (pager_filter_key(t->filter, sizeof t->filter, &t->filtering, key)) {
			if (strcmp(was, t->filter) != 0) {
				build_view(t, false);
				reselect(t, 1);
			}
			return TABLE_FILTERED;
		}
	}
	if (pager_act(&t->pg, act)) {
		settle(t, act == ACT_UP || act == ACT_PGUP || act == ACT_END ? -1 : 1);
		return TABLE_HANDLED;
	}
	if (act == ACT_FILTER && filterable(t)) {
		t->filtering = true;
		return TABLE_HANDLED;
	}
	if (act == ACT_BACK)
		return TABLE_CLOSE;
	return TABLE_IGNORED;
}

/* The wheel: the rows and the selection move together, so that the
 * selection keeps its place on the screen until an end is reached. */
static void wheel(struct table *t, int dir)
{
	size_t rows = (size_t)(t->pg.rows > 0 ? t->pg.rows : 1);
	size_t last_top = t->pg.n > rows ? t->pg.n - rows : 0;

	if (t->pg.n == 0)
		return;
	if (dir < 0) {
		t->pg.top = t->pg.top > TABLE_WHEEL ? t->pg.top - TABLE_WHEEL : 0;
		t->pg.sel = t->pg.sel > TABLE_WHEEL ? t->pg.sel - TABLE_WHEEL : 0;
	} else {
		t->pg.top = t->pg.top + TABLE_WHEEL < last_top ? t->pg.top + TABLE_WHEEL : last_top;
		t->pg.sel = t->pg.sel + TABLE_WHEEL < t->pg.n ? t->pg.sel + TABLE_WHEEL : t->pg.n - 1;
	}
	pager_fix(&t->pg);
	settle(t, dir);
}

enum table_result table_mouse(struct table *t, const struct ui_key *key)
{
	int first = t->y + (t->def->no_header ? 0 : 1);
	size_t pos;

	if (key_wheel(key)) {
		wheel(t, key_wheel(key));
		return TABLE_HANDLED;
	}
	if (!key_is_click(key) || key->y < first || key->y >= first + t->pg.rows ||
	    key->x < 0 || key->x >= t->width)
		return TABLE_IGNORED;
	pos = t->pg.top + (size_t)(key->y - first);
	if (!is_item(t, pos))
		return TABLE_IGNORED;
	table_select(t, pos);
	return key->mouse == UM_DOUBLE ? TABLE_OPEN : TABLE_HANDLED;
}

enum ui_action table_mouse_action(struct table *t, const struct ui_key *key,
				  enum ui_action open)
{
	return table_mouse(t, key) == TABLE_OPEN ? open : ACT_NONE;
}

bool table_typing(const struct table *t)
{
	return t->filtering;
}

enum ui_result table_browse_key(struct table *t, enum ui_action act,
				const struct ui_key *key)
{
	switch (table_key(t, act, key)) {
	case TABLE_FILTERED:
		table_select(t, 0);
		break;
	case TABLE_CLOSE:
		return UI_CLOSE;
	default:
		break;
	}
	return UI_HANDLED;
}
