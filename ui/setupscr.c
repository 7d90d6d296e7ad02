/* The set-up screen: setup_check's report, one step a block, and a
 * fourth part with the deep check's findings (deepcheck.h). */
#include "config.h"
#include "setupscr.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "deepcheck.h"
#include "draw.h"
#include "i18n.h"
#include "listscr.h"
#include "marketingscr.h"
#include "setup.h"
#include "text.h"

#define PARTS 4

struct setupscr {
	struct screen base;
	struct setup_report report;
	struct setup_step deep;  /* the fourth part: the deep check */
	bool loaded;
	int sel;
	int from[PARTS], to[PARTS]; /* the rows of each part as drawn (to: past it) */
};

static const char *setup_title(const struct screen *s)
{
	(void)s;
	return _("Lead management set-up");
}

/* The fourth part: READY when the deep check finds nothing, else MISSING
 * with one line a finding (its count) and one a fix. */
static enum la_status deep_part(struct db *db, struct setup_step *s, struct la_err *err)
{
	struct deepcheck_report r;
	size_t used = 0;

	memset(s, 0, sizeof *s);
	s->number = 4;
	la_format(s->title, sizeof s->title, "%s", _("Consistency (deep check)"));
	if (deepcheck_run(db, &r, err) != LA_OK)
		return LA_DB;
	s->state = r.found ? SETUP_MISSING : SETUP_READY;
	if (!r.found)
		la_format(s->detail, sizeof s->detail, "%s",
			  _("Nothing found: no frozen lead status, no lead status outside Potential customer, no rule that names a deleted item, no category that nobody may see, no person without a company, no company in a deleted category."));
	for (int k = 0; k < DEEP_CHECKS; k++) {
		const struct deepcheck_finding *f = &r.f[k];
		const char *no_fix = deepcheck_no_fix(f->kind);

		if (!f->count)
			continue;
		used += la_format(s->detail + used, sizeof s->detail - used, "%s%s: %ld",
				  used ? "\n" : "", deepcheck_label(f->kind), f->count);
		for (size_t i = 0; i < f->n && used < sizeof s->detail; i++)
			if (f->v[i].fix)
				used += la_format(s->detail + used, sizeof s->detail - used,
						  "\n  %s", f->v[i].fix);
		if (no_fix && used < sizeof s->detail)
			used += la_format(s->detail + used, sizeof s->detail - used, "\n  %s", no_fix);
		if (used >= sizeof s->detail)
			break;
	}
	deepcheck_free(&r);
	return LA_OK;
}

/* Step i, the deep check's part as the fourth. */
static const struct setup_step *part(const struct setupscr *p, int i)
{
	return i < 3 ? &p->report.steps[i] : &p->deep;
}

static void setup_reload(struct screen *s, struct ui *ui)
{
	struct setupscr *p = (struct setupscr *)s;
	struct la_err err;

	la_err_clear(&err);
	p->loaded = setup_check(ui->db, &p->report, &err) == LA_OK &&
		    deep_part(ui->db, &p->deep, &err) == LA_OK;
	if (!p->loaded)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
}

static const char *state_label(const struct setup_step *s, enum ui_role *role)
{
	bool deep = s->number == 4;

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
		int w = text_width(state_label(part(p, i), &role));
		if (w > sw)
			sw = w;
	}
	/* When the details of all steps do not fit, only the selected step
	 * shows its own. */
	int need = 2;
	for (int i = 0; i < PARTS; i++)
		need += 2 + draw_wrap(0, 0, r->w - (2 + 3 + sw + 1) - 1, 0,
				      part(p, i)->detail, ROLE_NORMAL);
	bool all = need <= r->h;
	for (int i = 0; i < PARTS && y < r->y + r->h; i++) {
		const struct setup_step *st = part(p, i);
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
	.help = N_("The three steps of lead management: 1. a category of the group Potential customer with lead status, 2. the lead status list with its default, 3. Marketing Premium (optional). Enter on a step opens the screen that fixes it; the state is checked again when you come back. 4. The deep check, as leadadmin setup-check --deep has it: contacts whose lead status is frozen, lead status outside Potential customer, Lead categorization rules that name a deleted item, categories that no user group may see, persons without a company, companies of deleted categories; each with its count and the command that fixes it."),
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
