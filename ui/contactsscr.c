/* Settings and maintenance > Lead overview > a lead status: its contacts,
 * newest first. A status can have a million of them: the screen holds a
 * window of them around what it shows, read by keyset pages
 * (overview_contacts_page) as the table asks for rows (table_source),
 * and counts them, and filters them, in the database. Read-only. */
#include "config.h"
#include "contactsscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "overview.h"
#include "table.h"

enum { CT_NAME, CT_COMPANY, CT_EMAIL, CT_OWNER, CT_SOURCE, CT_CAMPAIGN, CT_COLS };

/* Rows read at a time, and held at most (a few screens either way). */
#define WIN_CHUNK 256
#define WIN_MAX (4 * WIN_CHUNK)

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
	size_t n;             /* the contacts that pass the filter */
	struct ctrow *win;    /* those at positions wfrom .. wfrom + wn - 1 */
	size_t wfrom, wn;
	struct table t;
};

static const char *ct_title(const struct screen *s)
{
	return ((const struct contactsscr *)s)->title;
}

static void row_free(struct ctrow *r)
{
	for (int i = 0; i < CT_COLS; i++)
		free(r->cells[i]);
	free(r->registered);
}

static void drop_rows(struct ctrow *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		row_free(&v[i]);
}

static char *xdup(const char *s)
{
	char *d = strdup(s);

	if (!d)
		abort();
	return d;
}

/* Rows as they are read, in reading order; the first ones read are
 * dropped when more than keep come (a far jump keeps only the rows near
 * its end). */
struct fill {
	struct ctrow *v;
	size_t n, keep, dropped;
};

static bool collect(void *ctx, const struct overview_contact *p)
{
	struct fill *f = ctx;
	struct ctrow *r;

	if (f->n == f->keep) {
		size_t d = f->keep / 2;

		drop_rows(f->v, d);
		memmove(f->v, f->v + d, (f->n - d) * sizeof *f->v);
		f->n -= d;
		f->dropped += d;
	}
	r = &f->v[f->n++];
	r->person_id = p->person_id;
	r->cells[CT_NAME] = xdup(p->name);
	r->cells[CT_COMPANY] = xdup(p->company);
	r->cells[CT_EMAIL] = xdup(p->email);
	r->cells[CT_OWNER] = xdup(p->owner);
	r->cells[CT_SOURCE] = xdup(p->source);
	r->cells[CT_CAMPAIGN] = xdup(p->campaign);
	r->registered = p->undated ? NULL : xdup(p->registered);
	return true;
}

/* Reads up to limit rows after (dir > 0) or before (dir < 0) row from
 * (NULL: from the first or the last) into f; false after an error, which
 * the screen shows. */
static bool read_rows(struct contactsscr *c, const struct ctrow *from, int dir, size_t limit,
		      struct fill *f)
{
	struct overview_key key = { from ? from->registered : NULL, from ? from->person_id : 0 };
	struct la_err err;

	f->keep = 2 * WIN_MAX;
	f->n = f->dropped = 0;
	if (!(f->v = calloc(f->keep, sizeof *f->v)))
		abort();
	la_err_clear(&err);
	if (overview_contacts_page(c->ui->db, c->status_id, c->filter, from ? &key : NULL, dir,
				   limit, collect, f, &err) != LA_OK) {
		ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	return true;
}

static void window_clear(struct contactsscr *c, size_t at)
{
	drop_rows(c->win, c->wn);
	c->wn = 0;
	c->wfrom = at;
}

/* The window is at most WIN_MAX rows (more while one screen needs them),
 * and keeps from .. to-1. */
static void window_trim(struct contactsscr *c, size_t from, size_t to)
{
	size_t over = c->wn > WIN_MAX ? c->wn - WIN_MAX : 0;
	size_t front = from > c->wfrom ? from - c->wfrom : 0;
	size_t wend = c->wfrom + c->wn;
	size_t back = wend > to ? wend - to : 0;

	if (front > over)
		front = over;
	drop_rows(c->win, front);
	memmove(c->win, c->win + front, (c->wn - front) * sizeof *c->win);
	c->wn -= front;
	c->wfrom += front;
	over -= front;
	if (back > over)
		back = over;
	drop_rows(c->win + c->wn - back, back);
	c->wn -= back;
}

static void window_grow(struct contactsscr *c, size_t n)
{
	struct ctrow *w = realloc(c->win, (c->wn + n) * sizeof *w);

	if (!w && c->wn + n)
		abort();
	c->win = w;
}

/* Reads limit rows after row after (NULL: from the first) into the end
 * of the window. */
static void append_after(struct contactsscr *c, const struct ctrow *after, size_t limit)
{
	struct fill f;
	size_t wend = c->wfrom + c->wn;

	if (read_rows(c, after, 1, limit, &f)) {
		if (f.dropped)
			window_clear(c, wend + f.dropped);
		window_grow(c, f.n);
		memcpy(c->win + c->wn, f.v, f.n * sizeof *f.v);
		c->wn += f.n;
		f.n = 0;
	}
	drop_rows(f.v, f.n);
	free(f.v);
}

/* Reads rows after the window until it reaches position to (and a chunk
 * beyond); an empty window starts at position 0. */
static void extend_down(struct contactsscr *c, size_t to)
{
	append_after(c, c->wn ? &c->win[c->wn - 1] : NULL, to - (c->wfrom + c->wn) + WIN_CHUNK);
}

/* Reads rows before the window until it reaches position from (and a
 * chunk before it); an empty window starts at the end (position n). */
static void extend_up(struct contactsscr *c, size_t from)
{
	struct fill f;
	size_t want = c->wfrom - from + WIN_CHUNK;

	if (want > c->wfrom)
		want = c->wfrom;
	if (read_rows(c, c->wn ? &c->win[0] : NULL, -1, want, &f)) {
		/* Read nearest first: the window takes them reversed. */
		if (f.dropped)
			window_clear(c, c->wfrom - f.dropped);
		window_grow(c, f.n);
		memmove(c->win + f.n, c->win, c->wn * sizeof *c->win);
		for (size_t i = 0; i < f.n; i++)
			c->win[f.n - 1 - i] = f.v[i];
		c->wn += f.n;
		c->wfrom = c->wfrom > f.n ? c->wfrom - f.n : 0;
		f.n = 0;
	}
	drop_rows(f.v, f.n);
	free(f.v);
}

static void ct_fetch(void *ctx, size_t from, size_t to, size_t *lo, size_t *hi)
{
	struct contactsscr *c = ctx;
	size_t wend = c->wfrom + c->wn;

	if (c->wn == 0 || to < c->wfrom || from > wend)
		/* Nothing to go on from: the nearer end. */
		window_clear(c, from <= c->n - to ? 0 : c->n);
	if (from < c->wfrom)
		extend_up(c, from);
	if (to > c->wfrom + c->wn && c->wfrom + c->wn < c->n)
		extend_down(c, to);
	window_trim(c, from, to);
	*lo = c->wfrom;
	*hi = c->wfrom + c->wn;
}

/* Without a filter the count is the index's; with one, the same scan of
 * the status's contacts counts the matches and gives the first window. */
static void ct_count(void *ctx, const char *filter, size_t *shown, size_t *total)
{
	struct contactsscr *c = ctx;
	struct la_err err;
	struct fill f = { 0 };

	window_clear(c, 0);
	free(c->filter);
	c->filter = filter ? xdup(filter) : NULL;
	*shown = *total = c->n = 0;
	la_err_clear(&err);
	if (overview_contacts_count(c->ui->db, c->status_id, NULL, NULL, total, &err) != LA_OK) {
		ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		return;
	}
	if (!filter) {
		c->n = *shown = *total;
		return;
	}
	f.keep = WIN_CHUNK;
	if (!(f.v = calloc(f.keep, sizeof *f.v)))
		abort();
	if (overview_contacts_filter(c->ui->db, c->status_id, filter, WIN_CHUNK, shown, collect,
				     &f, &err) != LA_OK) {
		ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		*shown = 0;
	} else {
		window_grow(c, f.n);
		memcpy(c->win, f.v, f.n * sizeof *f.v);
		c->wn = f.n;
		f.n = 0;
	}
	c->n = *shown;
	drop_rows(f.v, f.n);
	free(f.v);
}

static const char *ct_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct contactsscr *c = ctx;
	const char *s;

	(void)buf;
	(void)len;
	/* A row the window lacks: fewer contacts than counted, until the
	 * next poll counts again. */
	if (row < c->wfrom || row >= c->wfrom + c->wn)
		return "";
	s = c->win[row - c->wfrom].cells[col];
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
	struct ctrow keep = { 0 };
	bool anchored = false;

	if (sel != TABLE_NONE && sel >= c->wfrom && sel < c->wfrom + c->wn) {
		const struct ctrow *r = &c->win[sel - c->wfrom];

		keep.person_id = r->person_id;
		keep.registered = r->registered ? xdup(r->registered) : NULL;
		anchored = true;
	}
	table_reload(&c->t, 0);
	if (anchored && c->n) {
		struct overview_key key = { keep.registered, keep.person_id };
		struct la_err err;

		la_err_clear(&err);
		if (overview_contacts_count(c->ui->db, c->status_id, c->filter, &key, &pos,
					    &err) != LA_OK)
			ui_message(c->ui, ROLE_ERROR, "%s", err.msg);
		else if (pos < c->n) {
			/* The window starts at the contact (or its successor):
			 * after a key one higher. */
			window_clear(c, pos);
			keep.person_id++;
			append_after(c, &keep, WIN_CHUNK);
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

static enum ui_result ct_key(struct screen *s, struct ui *ui,
			     enum ui_action act, const struct ui_key *key)
{
	(void)ui;
	return table_browse_key(&((struct contactsscr *)s)->t, act, key);
}

static void ct_close(struct screen *s)
{
	struct contactsscr *c = (struct contactsscr *)s;
	window_clear(c, 0);
	free(c->win);
	free(c->filter);
	table_free(&c->t);
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
	.help = N_("The contacts with this lead status, newest first: their company, e-mail address, owner, and the first-touch source and campaign of the form that brought them. / filters by any of these."),
};

struct screen *contactsscr_new(struct ui *ui, int64_t status_id, const char *status)
{
	struct contactsscr *c = calloc(1, sizeof *c);

	if (!c)
		return NULL;
	c->base.ops = &contacts_ops;
	c->ui = ui;
	c->status_id = status_id;
	if (!(c->title = strdup(status && *status ? status : _("(none)"))))
		abort();
	table_init(&c->t, &ct_table, c);
	ct_load(c);
	return &c->base;
}
