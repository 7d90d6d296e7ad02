/* Settings and maintenance > Marketing: the Marketing Premium settings
 * (UTM transfer, the category of companies from forms, Distribute to
 * owner). Without the licence it says what the licence brings and how a
 * General administrator enables it. Enter saves, Esc cancels. */
#include "config.h"
#include "marketingscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "dialog.h"
#include "draw.h"
#include "fform.h"
#include "i18n.h"
#include "lists.h"
#include "marketing.h"
#include "simulate.h"
#include "text.h"
#include "utmscr.h"

/* The dry run covers as many submissions as marketing simulate does
 * without FILE or --last. */
#define DRY_RUN_LAST 100

enum { F_UTM, F_CATEGORY, F_MODE, F_ASSOC, F_GROUP, F_ONLY, F_FALLBACK, F_COUNT };

struct mktscr {
	struct screen base;
	bool licensed, loaded;
	bool busy, stale;              /* a picker shows our labels: reload after */
	struct marketing_settings s;   /* as stored */
	struct fform_choices cats, groups, users, fallback;
	bool *picked;                  /* users ticked for Distribute to owner */
	char assoc_value[400];
	const char *mode_labels[3];
	struct fform_field f[F_COUNT];
	struct fform ff;
};

static const char *mkt_title(const struct screen *s)
{
	(void)s;
	return _("Marketing");
}

static bool selected(const struct marketing_settings *s, int64_t id)
{
	for (size_t i = 0; i < s->nassociates; i++)
		if (s->associates[i] == id)
			return true;
	return false;
}

/* What the pickers offer: the active items, and a deleted or inactive
 * one only while the settings still use it (so nothing is lost unseen). */
static void load_choices(struct mktscr *m, struct ui *ui)
{
	struct la_items items = { NULL, 0 }, groups = { NULL, 0 };
	struct la_user *users = NULL;
	size_t nusers = 0;
	struct la_err err;

	la_err_clear(&err);
	char b[LISTS_SHOWN_MAX];

	fform_choices_add(&m->cats, 0, _("(none)"), NULL);
	if (lists_load(ui->db, LIST_CATEGORY, true, &items, &err) == LA_OK)
		for (size_t i = 0; i < items.n; i++)
			if (!items.v[i].deleted || items.v[i].id == m->s.form_category_id)
				fform_choices_add(&m->cats, items.v[i].id,
						  lists_shown(items.v[i].name, b, sizeof b),
						  items.v[i].deleted ? _("(deleted)") : NULL);
	lists_items_free(&items);

	if (lists_load(ui->db, LIST_USERGROUP, true, &groups, &err) == LA_OK)
		for (size_t i = 0; i < groups.n; i++)
			if (!groups.v[i].deleted || groups.v[i].id == m->s.group_id)
				fform_choices_add(&m->groups, groups.v[i].id,
						  lists_shown(groups.v[i].name, b, sizeof b),
						  groups.v[i].deleted ? _("(deleted)") : NULL);
	lists_items_free(&groups);
	if (m->groups.n == 0)
		fform_choices_add(&m->groups, 0, _("(no user groups: Users > User groups adds them)"), NULL);

	fform_choices_add(&m->fallback, 0, _("(no one)"), NULL);
	if (rights_users(ui->db, &users, &nusers, &err) == LA_OK)
		for (size_t i = 0; i < nusers; i++) {
			const struct la_user *u = &users[i];
			char label[300];
			const char *mark = u->active ? NULL : _("(inactive)");
			if (u->full_name && u->full_name[0])
				snprintf(label, sizeof label, "%s (%s)", u->name, u->full_name);
			else
				snprintf(label, sizeof label, "%s", u->name);
			if (u->active || selected(&m->s, u->associate_id))
				fform_choices_add(&m->users, u->associate_id, label, mark);
			if (u->active || u->associate_id == m->s.fallback_id)
				fform_choices_add(&m->fallback, u->associate_id, label, mark);
		}
	rights_users_free(users, nusers);
	if (err.msg[0])
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	free(m->picked);
	m->picked = calloc((size_t)m->users.n + 1, sizeof *m->picked);
	if (!m->picked)
		abort();
}

/* The associates' field in words: "3 selected: anna.berg, …". */
static void assoc_summary(struct mktscr *m)
{
	int n = 0;
	size_t len;

	for (int i = 0; i < m->users.n; i++)
		n += m->picked[i];
	if (n == 0) {
		snprintf(m->assoc_value, sizeof m->assoc_value, "%s", _("no one selected"));
		return;
	}
	snprintf(m->assoc_value, sizeof m->assoc_value,
		 ngettext("%d selected:", "%d selected:", (unsigned long)n), n);
	len = strlen(m->assoc_value);
	for (int i = 0; i < m->users.n && len + 2 < sizeof m->assoc_value; i++) {
		if (!m->picked[i])
			continue;
		/* The login only: the label's first word. */
		int w = (int)strcspn(m->users.labels[i], " ");
		snprintf(m->assoc_value + len, sizeof m->assoc_value - len, " %.*s,",
			 w, m->users.labels[i]);
		len = strlen(m->assoc_value);
	}
	if (len && m->assoc_value[len - 1] == ',')
		m->assoc_value[len - 1] = '\0';
}

/* Which fields show and which are greyed out follow the mode. */
static void follow_mode(struct mktscr *m)
{
	enum distribute_mode mode = (enum distribute_mode)m->f[F_MODE].choice;

	m->f[F_ASSOC].hidden = mode != DISTRIBUTE_ASSOCIATES;
	m->f[F_GROUP].hidden = mode != DISTRIBUTE_GROUP;
	m->f[F_ONLY].disabled = m->f[F_FALLBACK].disabled = mode == DISTRIBUTE_OFF;
	m->f[F_ONLY].hint = mode == DISTRIBUTE_OFF ? _("Distribute to owner is off.")
			    : _("A contact that has an owner keeps them.");
	m->f[F_FALLBACK].hint = mode == DISTRIBUTE_OFF ? _("Distribute to owner is off.")
				: _("When none of them is active.");
	assoc_summary(m);
}

static void fill(struct mktscr *m)
{
	m->f[F_UTM].on = m->s.utm_enabled;
	m->f[F_CATEGORY].choice = fform_choices_find(&m->cats, m->s.form_category_id);
	m->f[F_MODE].choice = m->s.mode <= DISTRIBUTE_GROUP ? (int)m->s.mode : 0;
	m->f[F_GROUP].choice = fform_choices_find(&m->groups, m->s.group_id);
	for (int i = 0; i < m->users.n; i++)
		m->picked[i] = selected(&m->s, m->users.ids[i]);
	m->f[F_ONLY].on = m->s.only_unassigned;
	m->f[F_FALLBACK].choice = fform_choices_find(&m->fallback, m->s.fallback_id);
	for (int i = 0; i < F_COUNT; i++)
		m->f[i].err[0] = '\0';
	follow_mode(m);
}

static void setup_fields(struct mktscr *m)
{
	struct fform_field *f = m->f;

	m->mode_labels[DISTRIBUTE_OFF] = _("Off");
	m->mode_labels[DISTRIBUTE_ASSOCIATES] = _("Evenly to selected associates");
	m->mode_labels[DISTRIBUTE_GROUP] = _("Evenly to the members of a user group");
	f[F_UTM] = (struct fform_field){ .kind = FF_CHECK,
		.label = _("Enable UTM data transfer on form submissions"),
		.hint = _("Stores source, medium, campaign, term, content and referrer of new leads.") };
	f[F_CATEGORY] = (struct fform_field){ .kind = FF_CHOICE,
		.label = _("Default category for companies from forms"),
		.choices = (const char *const *)m->cats.labels, .nchoices = m->cats.n,
		.hint = _("Also used for persons without a company.") };
	f[F_MODE] = (struct fform_field){ .kind = FF_CHOICE,
		.label = _("Distribute to owner"), .choices = m->mode_labels, .nchoices = 3,
		.hint = _("Who owns the new contacts from forms.") };
	f[F_ASSOC] = (struct fform_field){ .kind = FF_PICK, .label = _("Associates"),
		.value = m->assoc_value, .hint = _("Space chooses who gets new leads, in turn.") };
	f[F_GROUP] = (struct fform_field){ .kind = FF_CHOICE, .label = _("User group"),
		.choices = (const char *const *)m->groups.labels, .nchoices = m->groups.n,
		.hint = _("New leads go in turn to the active members of the group.") };
	f[F_ONLY] = (struct fform_field){ .kind = FF_CHECK,
		.label = _("Only apply new owner if the contact is currently unassigned") };
	f[F_FALLBACK] = (struct fform_field){ .kind = FF_CHOICE,
		.label = _("If no one is available, assign contacts to"),
		.choices = (const char *const *)m->fallback.labels, .nchoices = m->fallback.n };
	m->ff.f = m->f;
	m->ff.n = F_COUNT;
}

static void load(struct mktscr *m, struct ui *ui)
{
	struct la_err err;
	int focus = m->ff.focus;

	fform_choices_free(&m->cats);
	fform_choices_free(&m->groups);
	fform_choices_free(&m->users);
	fform_choices_free(&m->fallback);
	marketing_settings_free(&m->s);
	memset(&m->s, 0, sizeof m->s);
	m->licensed = marketing_licensed(ui->db, LICENCE_MARKETING_PREMIUM);
	la_err_clear(&err);
	m->loaded = marketing_load(ui->db, &m->s, &err) == LA_OK;
	if (!m->loaded)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	load_choices(m, ui);
	setup_fields(m);
	fill(m);
	fform_focus(&m->ff, focus);
}

/* The settings as the form shows them; associates allocated. */
static void collect(const struct mktscr *m, struct marketing_settings *out)
{
	memset(out, 0, sizeof *out);
	out->utm_enabled = m->f[F_UTM].on;
	out->form_category_id = m->cats.ids[m->f[F_CATEGORY].choice];
	out->mode = (enum distribute_mode)m->f[F_MODE].choice;
	out->group_id = m->groups.ids[m->f[F_GROUP].choice];
	out->associates = calloc((size_t)m->users.n + 1, sizeof *out->associates);
	if (!out->associates)
		abort();
	for (int i = 0; i < m->users.n; i++)
		if (m->picked[i])
			out->associates[out->nassociates++] = m->users.ids[i];
	out->only_unassigned = m->f[F_ONLY].on;
	out->fallback_id = m->fallback.ids[m->f[F_FALLBACK].choice];
	out->version = m->s.version;
}

static bool changed(const struct mktscr *m)
{
	struct marketing_settings now;
	bool diff;

	if (!m->licensed || !m->loaded)
		return false;
	collect(m, &now);
	diff = now.utm_enabled != m->s.utm_enabled ||
	       now.form_category_id != m->s.form_category_id ||
	       now.mode != m->s.mode || now.only_unassigned != m->s.only_unassigned ||
	       now.fallback_id != m->s.fallback_id ||
	       (now.mode == DISTRIBUTE_GROUP && now.group_id != m->s.group_id);
	if (!diff && now.mode == DISTRIBUTE_ASSOCIATES) {
		size_t same = 0;
		for (size_t i = 0; i < now.nassociates; i++)
			same += selected(&m->s, now.associates[i]);
		diff = same != now.nassociates || now.nassociates != m->s.nassociates;
	}
	marketing_settings_free(&now);
	return diff;
}

static void mkt_reload(struct screen *s, struct ui *ui)
{
	struct mktscr *m = (struct mktscr *)s;

	/* A picker open on the labels gets them freed under it: later. */
	if (m->busy) {
		m->stale = true;
		return;
	}
	/* What the user changed stays; a save then says it is stale. */
	if (!changed(m))
		load(m, ui);
	else
		m->licensed = marketing_licensed(ui->db, LICENCE_MARKETING_PREMIUM);
}

/* Without the licence: what it brings, how to get it first (it must
 * show even at 60x16). */
static void draw_unlicensed(const struct ui_rect *r)
{
	const char *paras[] = {
		_("With Marketing Premium, web-form submissions carry their UTM data (source, medium, campaign, term, content, referrer) into new leads, and Distribute to owner shares new leads evenly among sales people."),
		_("Without it, submissions still create companies and contacts, but no UTM data is stored and no one is assigned."),
	};
	int y = r->y + 1, w = r->w - 4, end = r->y + r->h;

	y += draw_wrap(y, 2, w, end - y, _("Marketing needs the Marketing Premium licence, which this database does not have."),
		       ROLE_MISSING);
	y += draw_wrap(y, 2, w, end - y, _("A General administrator enables it on the command line:"),
		       ROLE_NORMAL);
	if (y < end)
		draw_text(y++, 4, w - 2, "leadadmin licence enable marketing-premium",
			  ROLE_HEADER, false);
	for (size_t i = 0; i < sizeof paras / sizeof paras[0] && y + 1 < end; i++)
		y += 1 + draw_wrap(y + 1, 2, w, end - y - 1, paras[i], ROLE_NORMAL);
}

static void mkt_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct mktscr *m = (struct mktscr *)s;
	int cy, cx;

	(void)ui;
	if (!m->licensed) {
		draw_unlicensed(r);
		return;
	}
	if (!m->loaded)
		return;
	fform_draw(&m->ff, r->y + 1, 1, r->w - 2, r->h - 1, ROLE_NORMAL, &cy, &cx);
}

static void pick_associates(struct mktscr *m, struct ui *ui)
{
	if (m->users.n == 0) {
		ui_message(ui, ROLE_ERROR, "%s", _("There are no active users: Users > Associates adds them."));
		return;
	}
	fform_pick_many(ui, _("Associates"),
			_("Who gets new leads, in turn (Space ticks):"),
			(const char *const *)m->users.labels, m->picked, m->users.n);
	assoc_summary(m);
}

/* F5: the dry run of Distribute to owner over the last submissions, with
 * the stored settings; while Distribute is stored off, with the mode the
 * form shows (a preview before turning it on). Reads only. */
static void dry_run(struct mktscr *m, struct ui *ui)
{
	enum distribute_mode form = (enum distribute_mode)m->f[F_MODE].choice;
	struct simulate sim;
	struct la_err err;
	char **lines;
	size_t n = 0, i, max;

	la_err_clear(&err);
	if (simulate_last(ui->db, m->s.mode == DISTRIBUTE_OFF ? form : DISTRIBUTE_OFF,
			  DRY_RUN_LAST, &sim, &err) != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", m->s.mode == DISTRIBUTE_OFF && form == DISTRIBUTE_OFF
			   ? _("Distribute to owner is off: choose a way to distribute to preview it.")
			   : err.msg);
		return;
	}
	max = 9 + sim.nowners + sim.nskipped;
	if (!(lines = calloc(max, sizeof *lines)))
		abort();
#define LINE(...) do { if (asprintf(&lines[n++], __VA_ARGS__) < 0) abort(); } while (0)
	LINE(_("Distribute to owner (%s), a dry run: nothing is saved."),
	     m->mode_labels[sim.mode]);
	LINE(_("The last %ld submissions, replayed from the rotation as it is now, with the stored settings."),
	     sim.submissions);
	if (sim.after)
		LINE(_("The rotation continues after: %s"), sim.after_login);
	LINE(_("Submissions: %ld; given an owner: %ld; keep their owner: %ld; no one available: %ld; skipped (id seen before): %ld; rejected: %ld."),
	     sim.submissions, sim.given, sim.kept, sim.nobody, sim.repeated, sim.rejected);
	for (i = 0; i < sim.nowners; i++)
		LINE(sim.owners[i].fallback ? _("  %s (fallback): %ld") : "  %s: %ld",
		     sim.owners[i].login, sim.owners[i].count);
	if (!sim.nowners)
		LINE("%s", _("No one is eligible and there is no fallback: no contact would get an owner."));
	if (sim.nskipped)
		LINE("%s", _("Skipped:"));
	for (i = 0; i < sim.nskipped; i++)
		LINE("  %s: %s", sim.skipped[i].login, simulate_why_text(sim.skipped[i].why));
	LINE(_("Largest difference between two owners: %ld"), sim.spread);
#undef LINE
	dialog_text(ui, _("Dry run: Distribute to owner"), (const char *const *)lines, (int)n);
	for (i = 0; i < n; i++)
		free(lines[i]);
	free(lines);
	simulate_free(&sim);
}

/* Saves; true when stored. */
static bool save(struct mktscr *m, struct ui *ui)
{
	struct marketing_settings now;
	struct la_err err;
	enum la_status st;

	la_err_clear(&err);
	collect(m, &now);
	st = marketing_save(ui->db, &ui->actor, &now, &err);
	marketing_settings_free(&now);
	if (st == LA_OK) {
		ui_message(ui, ROLE_INFO, "%s", _("Saved the marketing settings."));
		return true;
	}
	if (st == LA_STALE)
		load(m, ui);
	ui_message(ui, ROLE_ERROR, "%s", err.msg);
	return false;
}

static enum ui_result mkt_key(struct screen *s, struct ui *ui,
			      enum ui_action act, const struct ui_key *key)
{
	struct mktscr *m = (struct mktscr *)s;

	if (act == ACT_BACK) {
		if (!changed(m) || dialog_confirm(ui, _("Cancel"), _("Discard your changes?")))
			return UI_CLOSE;
		return UI_HANDLED;
	}
	/* The values stay readable without the licence: they were stored. */
	if (act == ACT_UTM_VALUES) {
		ui_push(ui, utmscr_new(ui));
		return UI_HANDLED;
	}
	if (!m->licensed || !m->loaded)
		return UI_HANDLED;
	/* Change clicked in the footer does what Space does. */
	static const struct ui_key space = { .kind = UK_CHAR, .ch = ' ' };
	if (act == ACT_CHANGE && key->kind == UK_MOUSE)
		key = &space;
	if (key->kind == UK_CODE && key->ch == (wint_t)KEY_F(5)) {
		dry_run(m, ui);
		return UI_HANDLED;
	}
	if (act == ACT_SAVE) {
		if (!ui_refuse_general(ui) && save(m, ui))
			return UI_CLOSE;
		return UI_HANDLED;
	}
	if (fform_edits(&m->ff, key) && ui_refuse_general(ui))
		return UI_HANDLED;
	m->busy = true;
	switch (fform_key(&m->ff, ui, key)) {
	case FF_PICK_ASKED:
		pick_associates(m, ui);
		break;
	case FF_CHANGED:
		follow_mode(m);
		break;
	default:
		break;
	}
	m->busy = false;
	if (m->stale) {
		m->stale = false;
		mkt_reload(s, ui);
	}
	return UI_HANDLED;
}

/* A click on a setting focuses it, the wheel moves the focus. */
static enum ui_action mkt_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	struct mktscr *m = (struct mktscr *)s;

	(void)ui;
	if (m->licensed && m->loaded)
		fform_mouse(&m->ff, key);
	return ACT_NONE;
}

static void mkt_close(struct screen *s)
{
	struct mktscr *m = (struct mktscr *)s;

	fform_choices_free(&m->cats);
	fform_choices_free(&m->groups);
	fform_choices_free(&m->users);
	fform_choices_free(&m->fallback);
	marketing_settings_free(&m->s);
	free(m->picked);
	free(m);
}

static act_mask mkt_actions(const struct screen *s)
{
	const struct mktscr *m = (const struct mktscr *)s;

	if (!m->licensed)
		return ACT_BIT(ACT_HELP) | ACT_BIT(ACT_BACK) | ACT_BIT(ACT_UTM_VALUES);
	return ACT_COMMON | ACT_BIT(ACT_SAVE) | ACT_BIT(ACT_CHANGE) | ACT_BIT(ACT_DRY_RUN) |
	       ACT_BIT(ACT_UTM_VALUES);
}

static const struct screen_ops mkt_ops = {
	.title = mkt_title,
	.draw = mkt_draw,
	.key = mkt_key,
	.reload = mkt_reload,
	.close = mkt_close,
	.actions = mkt_actions,
	.mouse = mkt_mouse,
	.help = N_("Marketing Premium: UTM data from web forms and Distribute to owner, which gives new contacts from forms an owner in turn among the selected associates or the members of a user group. Tab or Down: next setting; Space or Left/Right changes it; Enter saves, Esc cancels. F5 shows a dry run: what Distribute to owner would do with the last 100 submissions, from the rotation as it is now; it saves nothing. u shows the stored UTM values and merges their variants. Only a General administrator changes these settings; the licence is enabled with: leadadmin licence enable marketing-premium"),
};

struct screen *marketingscr_new(struct ui *ui)
{
	struct mktscr *m = calloc(1, sizeof *m);

	if (!m)
		return NULL;
	m->base.ops = &mkt_ops;
	load(m, ui);
	/* Others see the settings read-only, told why when they arrive. */
	if (m->licensed)
		ui_refuse_general(ui);
	return &m->base;
}
