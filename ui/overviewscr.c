/* Settings and maintenance > Lead overview: how many contacts per lead
 * status, per lead-enabled category (and their companies), per owner and
 * per first-touch source and campaign; each table adds up to the total
 * above them. Enter on a status lists its contacts (contactsscr.c).
 * Read-only. */
#include "config.h"
#include "overviewscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bar.h"
#include "contactsscr.h"
#include "draw.h"
#include "i18n.h"
#include "overview.h"
#include "table.h"
#include "theme.h"

enum row_kind { ROW_BLANK, ROW_HEADING, ROW_DATA, ROW_EMPTY };

struct ovrow {
	enum row_kind kind;
	enum overview_dim dim;
	size_t i;              /* index into the dimension's rows */
};

struct ovscr {
	struct screen base;
	struct overview ov;
	bool loaded;
	struct ovrow *rows;
	long max[OVERVIEW_DIMS]; /* the largest count: its bar is the widest */
	struct table t;        /* over rows; the selection is on a data row */
};

enum { OV_LABEL, OV_CONTACTS, OV_BAR, OV_COMPANIES, OV_COLS };

static const char *ov_title(const struct screen *s)
{
	(void)s;
	return _("Lead overview");
}

static void add_row(struct ovscr *o, size_t *n, enum row_kind kind,
		    enum overview_dim dim, size_t i)
{
	o->rows[*n] = (struct ovrow){ kind, dim, i };
	(*n)++;
}

static const struct overview_row *data(const struct ovscr *o, size_t row)
{
	const struct ovrow *r = &o->rows[row];
	return r->kind == ROW_DATA ? &o->ov.rows[r->dim][r->i] : NULL;
}

static void load(struct ovscr *o, struct ui *ui)
{
	struct la_err err;
	size_t total = 0, n = 0;

	overview_free(&o->ov);
	memset(&o->ov, 0, sizeof o->ov);
	free(o->rows);
	o->rows = NULL;
	la_err_clear(&err);
	o->loaded = overview_load(ui->db, &o->ov, &err) == LA_OK;
	if (!o->loaded)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	for (int d = 0; d < OVERVIEW_DIMS; d++)
		total += o->ov.n[d] + 3;
	if (!(o->rows = calloc(total, sizeof *o->rows)))
		abort();
	for (int d = 0; o->loaded && d < OVERVIEW_DIMS; d++) {
		if (d)
			add_row(o, &n, ROW_BLANK, (enum overview_dim)d, 0);
		add_row(o, &n, ROW_HEADING, (enum overview_dim)d, 0);
		o->max[d] = 0;
		for (size_t i = 0; i < o->ov.n[d]; i++) {
			add_row(o, &n, ROW_DATA, (enum overview_dim)d, i);
			if (o->ov.rows[d][i].contacts > o->max[d])
				o->max[d] = o->ov.rows[d][i].contacts;
		}
		if (o->ov.n[d] == 0)
			add_row(o, &n, ROW_EMPTY, (enum overview_dim)d, 0);
	}
	/* A row that went away: back to the first. */
	if (!table_reload(&o->t, n))
		table_select(&o->t, 0);
}

static void ov_reload(struct screen *s, struct ui *ui)
{
	load((struct ovscr *)s, ui);
}

static void ov_resize(struct screen *s, const struct ui_rect *r)
{
	/* The total above the table, a blank row above its status line. */
	struct ui_rect below = { r->y + 1, r->x, r->h - 1, r->w };

	table_place(&((struct ovscr *)s)->t, &below, 1);
}

static const char *ov_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct ovscr *o = ctx;
	const struct ovrow *r = &o->rows[row];
	const struct overview_row *d = data(o, row);

	switch (r->kind) {
	case ROW_BLANK:
		return "";
	case ROW_EMPTY:
		return _("(no contacts)");
	case ROW_HEADING:
		if (col == OV_LABEL)
			return overview_dim_title(r->dim);
		if (col == OV_CONTACTS)
			return _("Contacts");
		if (col == OV_BAR)
			return "";
		return r->dim == OVERVIEW_CATEGORY ? _("Companies") : "";
	case ROW_DATA:
		break;
	}
	if (col == OV_LABEL)
		return overview_row_label(d);
	/* The funnel: each count's bar in proportion to the dimension's
	 * largest; '#' without UTF-8, in the mono theme and for screen readers. */
	if (col == OV_BAR) {
		bar_render(buf, len, d->contacts, o->max[r->dim], o->t.w ? o->t.w[OV_BAR] : 0,
			   i18n_user_utf8() && !theme_is_mono() && !theme_reader());
		return buf;
	}
	if (col == OV_COMPANIES && d->companies < 0)
		return "";
	snprintf(buf, len, "%ld", col == OV_CONTACTS ? d->contacts : d->companies);
	return buf;
}

static enum table_row ov_kind(void *ctx, size_t row)
{
	switch (((struct ovscr *)ctx)->rows[row].kind) {
	case ROW_DATA: return TABLE_ITEM;
	case ROW_HEADING: return TABLE_HEADING;
	default: return TABLE_NOTE;
	}
}

/* The dimension and the id; rows without an id (sources, campaigns, no
 * owner) by their place in the dimension. */
static int64_t ov_id(void *ctx, size_t row)
{
	const struct ovscr *o = ctx;
	const struct ovrow *r = &o->rows[row];
	int64_t id = o->ov.rows[r->dim][r->i].id;

	return (int64_t)r->dim << 56 | (id ? id : (int64_t)1 << 55 | (int64_t)r->i);
}

static bool ov_deleted(void *ctx, size_t row)
{
	const struct overview_row *d = data(ctx, row);
	return d && d->deleted;
}

/* Both counts as wide as the wider of their headings. */
static const char *ov_label(void *ctx, int col, int i)
{
	(void)ctx;
	if (col != OV_CONTACTS && col != OV_COMPANIES)
		return NULL;
	return i == 0 ? _("Contacts") : i == 1 ? _("Companies") : NULL;
}

static void ov_status(void *ctx, const struct table_count *c, char *buf, size_t len)
{
	(void)ctx;
	(void)c;
	snprintf(buf, len, "%s", _("Enter on a lead status lists its contacts."));
}

/* Counts close to their labels read better than at the far right: the
 * label as wide as the widest, at most 40 columns; the bars beside the
 * contacts take what is left, at least 10 columns (a long label gives
 * way at 60 columns). */
static const struct table_col ov_cols[OV_COLS] = {
	[OV_LABEL] = { .fit = true, .max = 40 },
	[OV_CONTACTS] = { .align = TABLE_RIGHT, .fit = true, .min = 7 },
	[OV_BAR] = { .grow = true, .width = 10 },
	[OV_COMPANIES] = { .align = TABLE_RIGHT, .fit = true, .min = 7 },
};

static const struct table_def ov_table = {
	.cols = ov_cols,
	.ncols = OV_COLS,
	.no_header = true,
	.cell = ov_cell,
	.status = ov_status,
	.id = ov_id,
	.deleted = ov_deleted,
	.kind = ov_kind,
	.label = ov_label,
};

static void ov_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct ovscr *o = (struct ovscr *)s;
	char line[200];

	(void)ui;
	if (!o->loaded)
		return;
	snprintf(line, sizeof line,
		 ngettext("%ld contact has a lead status.", "%ld contacts have a lead status.",
			  (unsigned long)o->ov.total), o->ov.total);
	draw_text(r->y, 1, r->w - 2, line, ROLE_NORMAL, false);
	table_draw(&o->t);
}

static enum ui_result ov_key(struct screen *s, struct ui *ui,
			     enum ui_action act, const struct ui_key *key)
{
	struct ovscr *o = (struct ovscr *)s;
	size_t row = table_current(&o->t);
	const struct overview_row *d = row == TABLE_NONE ? NULL : data(o, row);

	switch (table_key(&o->t, act, key)) {
	case TABLE_IGNORED:
		break;
	case TABLE_CLOSE:
		return UI_CLOSE;
	default:
		return UI_HANDLED;
	}
	if (act == ACT_OPEN) {
		if (d && o->rows[row].dim == OVERVIEW_STATUS && d->kind == OVERVIEW_ITEM)
			ui_push(ui, contactsscr_new(ui, d->id, d->label));
		else
			ui_message(ui, ROLE_ERROR, "%s",
				   _("Only a lead status lists its contacts: choose a row under Lead status."));
	}
	return UI_HANDLED;
}

static enum ui_action ov_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	(void)ui;
	return table_mouse_action(&((struct ovscr *)s)->t, key, ACT_OPEN);
}

static void ov_close(struct screen *s)
{
	struct ovscr *o = (struct ovscr *)s;
	overview_free(&o->ov);
	free(o->rows);
	table_free(&o->t);
	free(o);
}

static act_mask ov_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_OPEN);
}

static const struct screen_ops ov_ops = {
	.title = ov_title,
	.draw = ov_draw,
	.key = ov_key,
	.resize = ov_resize,
	.reload = ov_reload,
	.close = ov_close,
	.actions = ov_actions,
	.mouse = ov_mouse,
	.help = N_("Where the leads stand: contacts with a lead status per lead status, per lead-enabled category (with the companies they belong to), per owner and per first-touch source and campaign of the form that brought them. Each table adds up to the total at the top: leads that no item holds have rows of their own, such as (no company) or (category without lead status). ✗ marks a deleted status or category, or a deactivated owner, that contacts still have. Enter on a lead status lists its contacts. Nothing here changes anything."),
};

struct screen *overviewscr_new(struct ui *ui)
{
	struct ovscr *o = calloc(1, sizeof *o);

	if (!o)
		return NULL;
	o->base.ops = &ov_ops;
	table_init(&o->t, &ov_table, o);
	load(o, ui);
	return &o->base;
}
