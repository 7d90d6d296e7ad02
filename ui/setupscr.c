/* The set-up screen: setup_check's report, one step a block, and a
 * fourth part with the deep check's findings (deepcheck.h). The deep
 * check reads every company and person, so it runs only when asked
 * (Enter on the fourth part), never when the screen opens or reloads:
 * the screen stays as fast on a million persons as on ten. */
#include "config.h"
#include "setupscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "dialog.h"
#include "deepcheck.h"
#include "draw.h"
#include "i18n.h"
#include "listscr.h"
#include "marketingscr.h"
#include "setup.h"
#include "text.h"

#define PARTS 4

/* One part as drawn: a step of setup_check, or the deep check. */
struct part_view {
	int number;
	enum setup_state state;
	bool not_run;                  /* the deep check has not run yet */
	const char *title, *detail;
};

struct setupscr {
	struct screen base;
	struct setup_report report;
	struct deepcheck_report deep;  /* the fourth part */
	bool deep_run;                 /* deep holds a run's findings */
	bool deep_stale;               /* the data may have changed since */
	char deep_detail[2048];        /* its summary: one line a finding */
	bool loaded;
	int sel;
	int from[PARTS], to[PARTS]; /* the rows of each part as drawn (to: past it) */
};

static const char *setup_title(const struct screen *s)
{
	(void)s;
	return _("Lead management set-up");
}

/* The fourth part's summary: that it has not run yet, or what was found,
 * one line a finding with its count; Enter (again) runs it and shows the
 * commands that fix them. */
static void deep_summary(struct setupscr *p)
{
	size_t used = 0, size = sizeof p->deep_detail;

	p->deep_detail[0] = '\0';
	if (!p->deep_run) {
		la_format(p->deep_detail, size, "%s",
			  _("Not run yet: it reads every company and person, which takes a while on a large database. Enter runs the deep check."));
		return;
	}
	if (p->deep_stale)
		used += la_format(p->deep_detail, size, "%s",
				  _("The data may have changed since this check ran."));
	if (!p->deep.found) {
		la_format(p->deep_detail + used, size - used, "%s%s\n%s", used ? "\n" : "",
			  _("Nothing found: no frozen lead status, no lead status outside Potential customer, no rule or Distribute to owner that names a deleted item, no category that nobody may see, no person whose company is not there, no company in a deleted category."),
			  _("Enter runs the deep check again."));
		return;
	}
	for (int k = 0; k < DEEP_CHECKS; k++) {
		const struct deepcheck_finding *f = &p->deep.f[k];

		if (f->count)
			used += la_format(p->deep_detail + used, size - used, "%s%s: %ld",
					  used ? "\n" : "", deepcheck_label(f->kind), f->count);
	}
	la_format(p->deep_detail + used, size - used, "\n%s",
		  _("Enter runs the deep check again and shows the commands that fix them."));
}

/* Part i: the steps of setup_check, then the deep check. */
static struct part_view part(const struct setupscr *p, int i)
{
	if (i < 3)
		return (struct part_view){ p->report.steps[i].number, p->report.steps[i].state, false,
					   p->report.steps[i].title, p->report.steps[i].detail };
	return (struct part_view){ 4, p->deep.found ? SETUP_MISSING : SETUP_READY, !p->deep_run,
				   _("Consistency (deep check)"), p->deep_detail };
}

/* The deep check's findings with the commands that fix them, one
 * paragraph each, in a scrollable box. */
static void deep_show(struct setupscr *p, struct ui *ui)
{
	const char **paras = NULL;
	char **own = NULL;
	int n = 0;

	for (int k = 0; k < DEEP_CHECKS; k++) {
		const struct deepcheck_finding *f = &p->deep.f[k];
		const char *no_fix = deepcheck_no_fix(f->kind);

		if (!f->count)
			continue;
		size_t more = 1 + f->n + (no_fix != NULL);
		void *grown_p = realloc(paras, ((size_t)n + more) * sizeof *paras);

		if (!grown_p)
			abort();
		paras = grown_p;
		void *grown_o = realloc(own, ((size_t)n + more) * sizeof *own);

		if (!grown_o)
			abort();
		own = grown_o;
		if (asprintf(&own[n], "%s: %ld", deepcheck_label(f->kind), f->count) < 0)
			abort();
		paras[n] = own[n];
		n++;
		for (size_t i = 0; i < f->n; i++)
			if (f->v[i].fix) {
				if (asprintf(&own[n], "  %s", f->v[i].fix) < 0)
					abort();
				paras[n] = own[n];
				n++;
			}
		if (no_fix) {
			if (asprintf(&own[n], "  %s", no_fix) < 0)
				abort();
			paras[n] = own[n];
			n++;
		}
	}
	if (n)
		dialog_text(ui, _("Consistency (deep check)"), paras, n);
	for (int i = 0; i < n; i++)
		free(own[i]);
	free(own);
	free(paras);
}

/* Enter on the fourth part: runs the deep check now, and when it finds
 * something shows the commands that fix it. */
static void deep_check_now(struct setupscr *p, struct ui *ui)
{
	struct la_err err;

	la_err_clear(&err);
	deepcheck_free(&p->deep);
	p->deep_stale = false;
	p->deep_run = deepcheck_run(ui->db, &p->deep, &err) == LA_OK;
	deep_summary(p);
	if (!p->deep_run)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	else if (p->deep.found)
		deep_show(p, ui);
}

/* The three steps again; the deep check's findings stay as they were,
 * said to be perhaps out of date (running it again is the admin's call). */
static void setup_reload(struct screen *s, struct ui *ui)
{
	struct setupscr *p = (struct setupscr *)s;
	struct la_err err;

	la_err_clear(&err);
	p->loaded = setup_check(ui->db, &p->report, &err) == LA_OK;
	p->deep_stale = p->deep_run;
	deep_summary(p);
	if (!p->loaded)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
}

static const char *state_label(const struct part_view *s, enum ui_role *role)
{
	bool deep = s->number == 4;

	if (s->not_run) {
		*role = ROLE_NORMAL;
		return _("[not run]");
	}
	switch (s->state) {
	case SETUP_READY:
		*role = ROLE_READY;
		return deep ? _("[clean]") : _("[ready]");
	case SETUP_MISSING:
		*role = ROLE_MISSING;
		return deep ? _("[found]") : _("[missing]");
	default:
		*role = ROLE_NORMAL;
		return _("[optional]");
	}
}

static void setup_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct setupscr *p = (struct setupscr *)s;
	int y = r->y + 1, sw = 0;
	enum ui_role role;

	(void)ui;
	for (int i = 0; i < PARTS; i++)
		p->from[i] = p->to[i] = -1;
	if (!p->loaded)
		return;
	draw_text(y, 2, r->w - 4, p->report.ready
		  ? _("Lead management is ready.")
		  : _("Lead management is not ready yet: a step below is missing."),
		  p->report.ready ? ROLE_READY : ROLE_MISSING, false);
	y += 2;
	for (int i = 0; i < PARTS; i++) {
		struct part_view v = part(p, i);
		int w = text_width(state_label(&v, &role));
		if (w > sw)
			sw = w;
	}
	/* When the details of all steps do not fit, only the selected step
	 * shows its own. */
	int need = 2;
	for (int i = 0; i < PARTS; i++)
		need += 2 + draw_wrap(0, 0, r->w - (2 + 3 + sw + 1) - 1, 0,
				      part(p, i).detail, ROLE_NORMAL);
	bool all = need <= r->h;
	for (int i = 0; i < PARTS && y < r->y + r->h; i++) {
		const struct part_view v = part(p, i), *st = &v;
		enum ui_role base = i == p->sel ? ROLE_SELECTED : ROLE_NORMAL;
		const char *label = state_label(st, &role);
		char num[8];
		int x = 2, tx = x + 3 + sw + 1;

		num[0] = (char)('0' + st->number);
		num[1] = '.';
		num[2] = '\0';
		p->from[i] = y;
		p->to[i] = y + 1;
		draw_fill(y, 0, r->w - 1, base);
		draw_text(y, 0, 1, i == p->sel ? ">" : "", base, true);
		draw_text(y, x, 3, num, base, true);
		draw_text(y, x + 3, sw, label, i == p->sel ? base : role, true);
		draw_text(y, tx, r->w - tx - 1, st->title, base, false);
		if (i == p->sel)
			draw_cursor(y, x);
		y++;
		int left = r->y + r->h - y;
		if (left <= 0)
			break;
		if (all || i == p->sel) {
			y += draw_wrap(y, tx, r->w - tx - 1, left, st->detail, ROLE_NORMAL);
			p->to[i] = y;
			y++;
		}
	}
}

static enum ui_result setup_key(struct screen *s, struct ui *ui,
				enum ui_action act, const struct ui_key *key)
{
	struct setupscr *p = (struct setupscr *)s;

	(void)key;
	switch (act) {
	case ACT_UP:
		if (p->sel > 0)
			p->sel--;
		break;
	case ACT_DOWN:
		if (p->sel < PARTS - 1)
			p->sel++;
		break;
	case ACT_HOME:
	case ACT_PGUP:
		p->sel = 0;
		break;
	case ACT_END:
	case ACT_PGDN:
		p->sel = PARTS - 1;
		break;
	case ACT_OPEN:
		if (p->sel == 0)
			ui_push(ui, listscr_new(ui, LIST_CATEGORY));
		else if (p->sel == 1)
			ui_push(ui, listscr_new(ui, LIST_LEADSTATUS));
		else if (p->sel == 2)
			ui_push(ui, marketingscr_new(ui));
		else
			deep_check_now(p, ui);
		break;
	case ACT_BACK:
		return UI_CLOSE;
	default:
		break;
	}
	return UI_HANDLED;
}

/* A click on a step (its title or its details) selects it, a double
 * click opens it; the wheel moves one step a notch. */
static enum ui_action setup_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	struct setupscr *p = (struct setupscr *)s;

	(void)ui;
	if (key_wheel(key))
		return key_wheel(key) < 0 ? ACT_UP : ACT_DOWN;
	for (int i = 0; key_is_click(key) && i < PARTS; i++)
		if (key->y >= p->from[i] && key->y < p->to[i]) {
			p->sel = i;
			return key->mouse == UM_DOUBLE ? ACT_OPEN : ACT_NONE;
		}
	return ACT_NONE;
}

static void setup_close(struct screen *s)
{
	deepcheck_free(&((struct setupscr *)s)->deep);
	free(s);
}

static act_mask setup_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_OPEN);
}

static const struct screen_ops setup_ops = {
	.title = setup_title,
	.draw = setup_draw,
	.key = setup_key,
	.reload = setup_reload,
	.close = setup_close,
	.actions = setup_actions,
	.mouse = setup_mouse,
	.help = N_("The three steps of lead management: 1. a category of the group Potential customer with lead status, 2. the lead status list with its default, 3. Marketing Premium (optional). Enter on a step opens the screen that fixes it; the state is checked again when you come back. 4. The deep check, as leadadmin setup-check --deep has it, runs only when you press Enter on it (it reads every company and person): contacts whose lead status is frozen, lead status outside Potential customer, Lead categorization rules that name a deleted item, categories that no user group may see, persons whose company is not there, companies of deleted categories; each with its count; Enter runs it again and shows the commands that fix them."),
};

struct screen *setupscr_new(struct ui *ui)
{
	struct setupscr *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->base.ops = &setup_ops;
	setup_reload(&p->base, ui);
	return &p->base;
}
