/* Settings and maintenance > Lead overview: how many contacts per lead
 * status, per lead-enabled category, per owner and per first-touch source
 * and campaign; Enter on a status lists its contacts. Read-only. */
#include "config.h"
#include "overviewscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "draw.h"
#include "i18n.h"
#include "overview.h"
#include "pager.h"
#include "text.h"

#define FILTER_MAX 200

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
	struct pager pg;       /* over rows; the selection is on a data row */
};

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

static const struct overview_row *data(const struct ovscr *o, size_t pos)
{
	const struct ovrow *r = &o->rows[pos];
	return r->kind == ROW_DATA ? &o->ov.rows[r->dim][r->i] : NULL;
}

/* The heading of the selected row's section stays in view when it can. */
static void show_heading(struct ovscr *o)
{
	size_t h = o->pg.sel;

	pager_fix(&o->pg);
	while (h > 0 && o->rows[h].kind != ROW_HEADING)
		h--;
	if (o->pg.top > h && o->pg.sel - h < (size_t)(o->pg.rows > 0 ? o->pg.rows : 1))
		o->pg.top = h;
}

/* The selection lands on a data row: the next one in direction dir, else
 * the nearest the other way. */
static void settle(struct ovscr *o, int dir)
{
	for (int pass = 0; pass < 2; pass++, dir = -dir) {
		long p = (long)o->pg.sel;
		while (p >= 0 && p < (long)o->pg.n && o->rows[p].kind != ROW_DATA)
			p += dir;
		if (p >= 0 && p < (long)o->pg.n) {
			pager_select(&o->pg, (size_t)p);
			break;
		}
	}
	show_heading(o);
}

static void load(struct ovscr *o, struct ui *ui)
{
	struct la_err err;
	const struct overview_row *was = o->pg.n ? data(o, o->pg.sel) : NULL;
	enum overview_dim wdim = was ? o->rows[o->pg.sel].dim : OVERVIEW_STATUS;
	int64_t wid = was ? was->id : 0;
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
		for (size_t i = 0; i < o->ov.n[d]; i++)
			add_row(o, &n, ROW_DATA, (enum overview_dim)d, i);
		if (o->ov.n[d] == 0)
			add_row(o, &n, ROW_EMPTY, (enum overview_dim)d, 0);
	}
	o->pg.n = n;
	o->pg.sel = 0;
	for (size_t p = 0; was && p < n; p++)
		if (o->rows[p].kind == ROW_DATA && o->rows[p].dim == wdim &&
		    o->ov.rows[wdim][o->rows[p].i].id == wid)
			o->pg.sel = p;
	settle(o, 1);
}

static void ov_reload(struct screen *s, struct ui *ui)
{
	load((struct ovscr *)s, ui);
}

static void ov_resize(struct screen *s, const struct ui_rect *r)
{
	struct ovscr *o = (struct ovscr *)s;

	o->pg.rows = r->h - 3 > 0 ? r->h - 3 : 1;
	show_heading(o);
}

static int count_width(void)
{
	int w = text_width(_("Contacts"));
	int c = text_width(_("Companies"));
	w = c > w ? c : w;
	return w > 7 ? w : 7;
}

static void draw_ov_row(const struct ovscr *o, size_t pos, int y, int width)
{
	const struct ovrow *row = &o->rows[pos];
	int cw = count_width(), lw = width - 3 - 2 * (cw + 1);
	char buf[32];

	/* Counts close to their labels read better than at the far right. */
	if (lw > 40)
		lw = 40;

	if (row->kind == ROW_BLANK)
		return;
	if (row->kind == ROW_EMPTY) {
		draw_text(y, 3, width - 4, _("(no contacts)"), ROLE_NORMAL, false);
		return;
	}
	if (row->kind == ROW_HEADING) {
		draw_fill(y, 0, width, ROLE_HEADER);
		draw_text(y, 1, lw + 2, overview_dim_title(row->dim), ROLE_HEADER, false);
		draw_text_right(y, 3 + lw + 1, cw, _("Contacts"), ROLE_HEADER);
		if (row->dim == OVERVIEW_CATEGORY)
			draw_text_right(y, 3 + lw + 1 + cw + 1, cw, _("Companies"), ROLE_HEADER);
		return;
	}
	const struct overview_row *d = data(o, pos);
	enum ui_role role = pos == o->pg.sel ? ROLE_SELECTED
			    : d->deleted ? ROLE_DELETED : ROLE_NORMAL;
	draw_fill(y, 0, width, role);
	draw_text(y, 0, 1, role == ROLE_SELECTED ? ">" : "", role, true);
	draw_text(y, 1, 1, d->deleted ? "\u2717" : "", role, true);
	draw_text(y, 3, lw, d->label && d->label[0] ? d->label : _("(none)"), role, true);
	snprintf(buf, sizeof buf, "%ld", d->contacts);
	draw_text_right(y, 3 + lw + 1, cw, buf, role);
	if (row->dim == OVERVIEW_CATEGORY) {
		snprintf(buf, sizeof buf, "%ld", d->companies);
		draw_text_right(y, 3 + lw + 1 + cw + 1, cw, buf, role);
	}
}

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
	for (int i = 0; i < o->pg.rows && o->pg.top + (size_t)i < o->pg.n; i++)
		draw_ov_row(o, o->pg.top + (size_t)i, r->y + 1 + i, r->w);
	draw_text(r->y + r->h - 1, 1, r->w - 2,
		  _("Enter on a lead status lists its contacts."), ROLE_NORMAL, false);
}

static enum ui_result ov_key(struct screen *s, struct ui *ui,
			     enum ui_action act, const struct ui_key *key)
{
	struct ovscr *o = (struct ovscr *)s;
	const struct overview_row *d = o->pg.n ? data(o, o->pg.sel) : NULL;

	(void)key;
	if (pager_act(&o->pg, act)) {
		settle(o, act == ACT_UP || act == ACT_PGUP || act == ACT_END ? -1 : 1);
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_OPEN:
		if (d && o->rows[o->pg.sel].dim == OVERVIEW_STATUS)
			ui_push(ui, overviewscr_contacts_new(ui, d->id, d->label));
		else
			ui_message(ui, ROLE_ERROR, "%s",
				   _("Only a lead status lists its contacts: choose a row under Lead status."));
		break;
	case ACT_BACK:
		return UI_CLOSE;
	default:
		break;
	}
	return UI_HANDLED;
}

static void ov_close(struct screen *s)
{
	struct ovscr *o = (struct ovscr *)s;
	overview_free(&o->ov);
	free(o->rows);
	free(o);
}

static unsigned ov_actions(const struct screen *s)
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
	.help = N_("Where the leads stand: contacts per lead status, per lead-enabled category (with its companies), per owner and per first-touch source and campaign of the form that brought them. Enter on a lead status lists its contacts. Nothing here changes anything."),
};

struct screen *overviewscr_new(struct ui *ui)
{
	struct ovscr *o = calloc(1, sizeof *o);

	if (!o)
		return NULL;
	o->base.ops = &ov_ops;
	o->pg.rows = 1;
	load(o, ui);
	return &o->base;
}

/* ---- the contacts of one lead status */

struct contactsscr {
	struct screen base;
	int64_t status_id;
	char *title;
	struct overview_contact *v;
	size_t n;
	size_t *view;
	struct pager pg;
	int natural[6];      /* CT_COLS: widest cell of each column, measured at load */
	bool filtering;
	char filter[FILTER_MAX];
};

static const char *ct_title(const struct screen *s)
{
	return ((const struct contactsscr *)s)->title;
}

#define CT_COLS 6

static const char *ct_head(int k)
{
	switch (k) {
	case 0: return _("Name");
	case 1: return _("Company");
	case 2: return _("E-mail");
	case 3: return _("Owner");
	case 4: return _("Source");
	default: return _("Campaign");
	}
}

static void ct_cells(const struct overview_contact *p, const char **cells)
{
	cells[0] = p->name;
	cells[1] = p->company;
	cells[2] = p->email;
	cells[3] = p->owner;
	cells[4] = p->source;
	cells[5] = p->campaign;
	for (int k = 0; k < CT_COLS; k++)
		if (!cells[k] || !cells[k][0])
			cells[k] = "-";
}

static void ct_measure(struct contactsscr *c)
{
	const char *cells[CT_COLS];

	for (int k = 0; k < CT_COLS; k++)
		c->natural[k] = text_width(ct_head(k));
	for (size_t i = 0; i < c->n; i++) {
		ct_cells(&c->v[i], cells);
		for (int k = 0; k < CT_COLS; k++)
			if (text_width(cells[k]) > c->natural[k])
				c->natural[k] = text_width(cells[k]);
	}
}

/* Each column as wide as its widest cell; when they do not fit, the
 * widest column gives up a column at a time; room left over goes to the
 * last one. */
static void ct_layout(const struct contactsscr *c, int width, int *w)
{
	int room = width - 3 - (CT_COLS - 1), sum = 0;

	for (int k = 0; k < CT_COLS; k++)
		sum += w[k] = c->natural[k];
	while (sum > room) {
		int widest = 0;
		for (int k = 1; k < CT_COLS; k++)
			if (w[k] > w[widest])
				widest = k;
		if (w[widest] <= 2)
			break;
		w[widest]--;
		sum--;
	}
	if (sum < room)
		w[CT_COLS - 1] += room - sum;
}

static bool ct_matches(const struct overview_contact *c, const char *folded)
{
	const char *cells[CT_COLS];
	bool hit = false;

	ct_cells(c, cells);
	for (int k = 0; !hit && k < CT_COLS; k++) {
		char *f = text_fold(cells[k]);
		hit = f && strstr(f, folded);
		free(f);
	}
	return hit;
}

static void ct_view(struct contactsscr *c)
{
	char *folded = c->filter[0] ? text_fold(c->filter) : NULL;

	free(c->view);
	c->view = c->n ? calloc(c->n, sizeof *c->view) : NULL;
	c->pg.n = 0;
	for (size_t i = 0; c->view && i < c->n; i++)
		if (!folded || ct_matches(&c->v[i], folded))
			c->view[c->pg.n++] = i;
	free(folded);
	pager_fix(&c->pg);
}

static void ct_load(struct contactsscr *c, struct ui *ui)
{
	struct la_err err;

	overview_contacts_free(c->v, c->n);
	c->v = NULL;
	c->n = 0;
	la_err_clear(&err);
	if (overview_contacts(ui->db, c->status_id, 0, &c->v, &c->n, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	ct_measure(c);
	ct_view(c);
}

static void ct_reload(struct screen *s, struct ui *ui)
{
	ct_load((struct contactsscr *)s, ui);
}

static void ct_resize(struct screen *s, const struct ui_rect *r)
{
	struct contactsscr *c = (struct contactsscr *)s;

	c->pg.rows = r->h - 2 > 0 ? r->h - 2 : 1;
	pager_fix(&c->pg);
}

static void ct_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct contactsscr *c = (struct contactsscr *)s;
	const char *cells[CT_COLS];
	int w[CT_COLS], x = 3;
	char line[512];

	(void)ui;
	ct_layout(c, r->w, w);
	draw_fill(r->y, 0, r->w, ROLE_HEADER);
	for (int k = 0; k < CT_COLS; x += w[k] + 1, k++)
		draw_text(r->y, x, w[k], ct_head(k), ROLE_HEADER, false);
	if (c->pg.n == 0)
		draw_text(r->y + 2, 2, r->w - 4, c->filter[0]
			  ? _("No contact matches the filter.")
			  : _("No contact has this lead status."), ROLE_NORMAL, false);
	for (int i = 0; i < c->pg.rows && c->pg.top + (size_t)i < c->pg.n; i++) {
		size_t pos = c->pg.top + (size_t)i;
		enum ui_role role = pos == c->pg.sel ? ROLE_SELECTED : ROLE_NORMAL;
		int y = r->y + 1 + i;

		ct_cells(&c->v[c->view[pos]], cells);
		draw_fill(y, 0, r->w, role);
		draw_text(y, 0, 1, role == ROLE_SELECTED ? ">" : "", role, true);
		x = 3;
		for (int k = 0; k < CT_COLS; x += w[k] + 1, k++)
			draw_text(y, x, w[k], cells[k], role, true);
	}
	if (c->filtering || c->filter[0])
		snprintf(line, sizeof line, _("%zu of %zu contacts · Filter: %s%s"),
			 c->pg.n, c->n, c->filter, c->filtering ? "_" : "");
	else
		snprintf(line, sizeof line,
			 ngettext("%zu contact", "%zu contacts", (unsigned long)c->n), c->n);
	draw_text(r->y + r->h - 1, 1, r->w - 2, line, ROLE_NORMAL, false);
}

/* Typing into the filter; false when the key is not the filter's. */
static bool ct_filter_key(struct contactsscr *c, const struct ui_key *key)
{
	if (!pager_filter_key(c->filter, sizeof c->filter, &c->filtering, key))
		return false;
	c->pg.sel = 0;
	ct_view(c);
	return true;
}

static enum ui_result ct_key(struct screen *s, struct ui *ui,
			     enum ui_action act, const struct ui_key *key)
{
	struct contactsscr *c = (struct contactsscr *)s;

	(void)ui;
	if (c->filtering && ct_filter_key(c, key))
		return UI_HANDLED;
	if (pager_act(&c->pg, act))
		return UI_HANDLED;
	if (act == ACT_FILTER)
		c->filtering = true;
	else if (act == ACT_BACK)
		return UI_CLOSE;
	return UI_HANDLED;
}

static void ct_close(struct screen *s)
{
	struct contactsscr *c = (struct contactsscr *)s;
	overview_contacts_free(c->v, c->n);
	free(c->view);
	free(c->title);
	free(c);
}

static unsigned ct_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_FILTER);
}

static bool ct_typing(const struct screen *s)
{
	return ((const struct contactsscr *)s)->filtering;
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
	.help = N_("The contacts with this lead status, newest first: their company, e-mail address, owner, and the first-touch source and campaign of the form that brought them. / filters by any of these."),
};

struct screen *overviewscr_contacts_new(struct ui *ui, int64_t status_id,
					const char *status)
{
	struct contactsscr *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->base.ops = &contacts_ops;
	c->status_id = status_id;
	if (!(c->title = strdup(status && *status ? status : _("(none)"))))
		abort();
	c->pg.rows = 1;
	ct_load(c, ui);
	return &c->base;
}
