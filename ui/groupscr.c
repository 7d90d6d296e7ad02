/* Settings and maintenance > Users > User groups: the primary user groups
 * that Distribute to owner can share leads among. Add, rename, delete,
 * restore; General administrators only. */
#include "config.h"
#include "groupscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "dialog.h"
#include "draw.h"
#include "fform.h"
#include "i18n.h"
#include "pager.h"
#include "text.h"
#include "users.h"

struct groupscr {
	struct screen base;
	struct la_usergroup *groups;
	size_t n;
	struct pager pg;      /* rows are the groups in rank order */
	bool show_deleted;
};

static const char *group_title(const struct screen *s)
{
	(void)s;
	return _("User groups");
}

static struct la_usergroup *current(struct groupscr *g)
{
	return g->pg.n ? &g->groups[g->pg.sel] : NULL;
}

static void load(struct groupscr *g, struct ui *ui, int64_t keep_id)
{
	struct la_err err;

	la_err_clear(&err);
	users_groups_free(g->groups, g->n);
	g->groups = NULL;
	g->n = 0;
	if (users_groups(ui->db, g->show_deleted, &g->groups, &g->n, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	g->pg.n = g->n;
	for (size_t i = 0; i < g->n; i++)
		if (g->groups[i].id == keep_id)
			g->pg.sel = i;
	pager_fix(&g->pg);
}

static void group_reload(struct screen *s, struct ui *ui)
{
	struct groupscr *g = (struct groupscr *)s;
	struct la_usergroup *it = current(g);
	load(g, ui, it ? it->id : 0);
}

static void group_resize(struct screen *s, const struct ui_rect *r)
{
	struct groupscr *g = (struct groupscr *)s;

	g->pg.rows = r->h - 2 > 0 ? r->h - 2 : 1;
	pager_fix(&g->pg);
}

static void group_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct groupscr *g = (struct groupscr *)s;
	int mw = text_width(_("Members")), nw, dw;
	char buf[64];

	(void)ui;
	nw = (r->w - 3 - mw - 2) / 2;
	if (nw > 30)
		nw = 30;
	dw = r->w - 3 - nw - 1 - mw - 1;
	draw_fill(r->y, 0, r->w, ROLE_HEADER);
	draw_text(r->y, 3, nw, _("Name"), ROLE_HEADER, false);
	draw_text_right(r->y, 3 + nw + 1, mw, _("Members"), ROLE_HEADER);
	draw_text(r->y, 3 + nw + 1 + mw + 1, dw, _("Description"), ROLE_HEADER, false);
	if (g->n == 0)
		draw_text(r->y + 2, 2, r->w - 4, _("There are no user groups yet: a adds one."),
			  ROLE_NORMAL, false);
	for (int i = 0; i < g->pg.rows && g->pg.top + (size_t)i < g->n; i++) {
		size_t pos = g->pg.top + (size_t)i;
		const struct la_usergroup *it = &g->groups[pos];
		enum ui_role role = pos == g->pg.sel ? ROLE_SELECTED
				    : it->deleted ? ROLE_DELETED : ROLE_NORMAL;
		int y = r->y + 1 + i;

		draw_fill(y, 0, r->w, role);
		draw_text(y, 0, 1, role == ROLE_SELECTED ? ">" : "", role, true);
		draw_text(y, 1, 1, it->deleted ? "\u2717" : "", role, true);
		draw_text(y, 3, nw, it->name, role, true);
		snprintf(buf, sizeof buf, "%ld", it->members);
		draw_text_right(y, 3 + nw + 1, mw, buf, role);
		draw_text(y, 3 + nw + 1 + mw + 1, dw, it->tooltip, role, true);
	}
	snprintf(buf, sizeof buf, ngettext("%zu group", "%zu groups", (unsigned long)g->n), g->n);
	char line[300];
	snprintf(line, sizeof line, "%s%s", buf,
		 g->show_deleted ? _(" · deleted items shown, marked ✗") : "");
	draw_text(r->y + r->h - 1, 1, r->w - 2, line, ROLE_NORMAL, false);
}

/* ---- the edit dialog: Name, Description */

struct group_edit {
	struct la_usergroup g;   /* the stored state the dialog started from */
};

enum { F_NAME, F_DESC, F_COUNT };

static bool group_changed(void *ctx, const struct fform *ff)
{
	const struct group_edit *e = ctx;
	return !field_equals(&ff->f[F_NAME].text, e->g.name) ||
	       !field_equals(&ff->f[F_DESC].text, e->g.tooltip);
}

static void edit_clear(struct la_usergroup *g)
{
	free(g->name);
	free(g->tooltip);
	g->name = g->tooltip = NULL;
}

static void edit_copy(struct la_usergroup *dst, const struct la_usergroup *src)
{
	*dst = *src;
	dst->name = strdup(src->name ? src->name : "");
	dst->tooltip = strdup(src->tooltip ? src->tooltip : "");
	if (!dst->name || !dst->tooltip)
		abort();
}

static bool group_save(void *ctx, struct ui *ui, struct fform *ff)
{
	struct group_edit *e = ctx;
	struct la_usergroup work;
	struct la_err err;
	enum la_status st;

	la_err_clear(&err);
	work = e->g;
	work.name = field_get(&ff->f[F_NAME].text);
	work.tooltip = field_get(&ff->f[F_DESC].text);
	st = users_group_save(ui->db, &ui->actor, &work, &err);
	if (st == LA_OK) {
		edit_clear(&e->g);
		e->g = work;
		return true;
	}
	edit_clear(&work);
	if (st == LA_STALE) {
		/* Someone saved meanwhile: show the current values. */
		struct la_usergroup cur;
		struct la_err ferr;
		char key[32];
		memset(&cur, 0, sizeof cur);
		la_err_clear(&ferr);
		snprintf(key, sizeof key, "%lld", (long long)e->g.id);
		if (users_group_find(ui->db, key, &cur, &ferr) == LA_OK) {
			edit_clear(&e->g);
			e->g = cur;
			field_set(&ff->f[F_NAME].text, cur.name);
			field_set(&ff->f[F_DESC].text, cur.tooltip);
		}
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	int at = err.field == LA_FIELD_DESCRIPTION ? F_DESC : F_NAME;
	snprintf(ff->f[at].err, sizeof ff->f[at].err, "%s", err.msg);
	fform_focus(ff, at);
	ui_message(ui, ROLE_ERROR, "%s", err.msg);
	return false;
}

static void do_edit(struct groupscr *g, struct ui *ui, const struct la_usergroup *it)
{
	struct group_edit e;
	struct fform_field f[F_COUNT];
	struct fform ff = { f, F_COUNT, 0, 0 };
	char title[300];
	int64_t keep = it ? it->id : 0;

	memset(&e, 0, sizeof e);
	memset(f, 0, sizeof f);
	/* A copy: the change poll may reload the list while the dialog is open. */
	if (it)
		edit_copy(&e.g, it);
	else
		edit_copy(&e.g, &(struct la_usergroup){ .name = NULL });
	f[F_NAME] = (struct fform_field){ .kind = FF_TEXT, .label = _("Name") };
	f[F_DESC] = (struct fform_field){ .kind = FF_TEXT, .label = _("Description") };
	field_set(&f[F_NAME].text, e.g.name);
	field_set(&f[F_DESC].text, e.g.tooltip);
	snprintf(title, sizeof title, "%s", it ? _("Edit user group") : _("New user group"));
	if (ui_refuse_general(ui))
		snprintf(title + strlen(title), sizeof title - strlen(title), " %s",
			 _("(read-only)"));
	struct fform_dialog d = {
		.title = title, .refuse = ui_refuse_general, .save = group_save,
		.changed = group_changed, .ctx = &e,
	};
	if (fform_run(ui, &ff, &d)) {
		char *name = text_visible(e.g.name);
		ui_message(ui, ROLE_INFO, _("Saved “%s”."), name);
		free(name);
	}
	/* The list may have been reloaded meanwhile: it is not used again. */
	load(g, ui, e.g.id ? e.g.id : keep);
	fform_free(&ff);
	edit_clear(&e.g);
}

static void do_delete(struct groupscr *g, struct ui *ui, const struct la_usergroup *it)
{
	struct la_err err;
	int64_t id = it->id;
	char *name = text_visible(it->name), q[800];
	int n;

	la_err_clear(&err);
	if (it->deleted) {
		ui_message(ui, ROLE_ERROR, _("“%s” is already deleted: r restores it."), name);
		free(name);
		return;
	}
	n = snprintf(q, sizeof q, _("Delete the user group “%s”?"), name);
	if (it->members > 0 && n > 0 && (size_t)n < sizeof q) {
		char part[300];
		snprintf(part, sizeof part,
			 ngettext("%ld user has it as primary group and keeps it, shown as deleted.",
				  "%ld users have it as primary group and keep it, shown as deleted.",
				  (unsigned long)it->members), it->members);
		snprintf(q + n, sizeof q - (size_t)n, " %s", part);
	}
	if (dialog_confirm(ui, _("Delete"), q)) {
		if (users_group_delete(ui->db, &ui->actor, id, &err) == LA_OK)
			ui_message(ui, ROLE_INFO, _("Deleted “%s”."), name);
		else
			ui_message(ui, ROLE_ERROR, "%s", err.msg);
		load(g, ui, id);
	}
	free(name);
}

static void do_restore(struct groupscr *g, struct ui *ui, const struct la_usergroup *it)
{
	struct la_err err;
	int64_t id = it->id;
	char *name = text_visible(it->name);

	la_err_clear(&err);
	if (!it->deleted)
		ui_message(ui, ROLE_ERROR, "%s",
			   _("Only a deleted item can be restored: s shows the deleted items."));
	else if (users_group_restore(ui->db, &ui->actor, id, &err) == LA_OK)
		ui_message(ui, ROLE_INFO, _("Restored “%s”."), name);
	else
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	load(g, ui, id);
	free(name);
}

static void do_move(struct groupscr *g, struct ui *ui, const struct la_usergroup *it,
		    enum ui_action act)
{
	struct la_err err;
	int64_t id = it->id;
	char *name = text_visible(it->name);

	la_err_clear(&err);
	if (users_group_move(ui->db, &ui->actor, id, act == ACT_MOVE_UP ? -1 : 1, &err) == LA_OK)
		ui_message(ui, ROLE_INFO, act == ACT_MOVE_UP ? _("Moved “%s” up.")
							     : _("Moved “%s” down."), name);
	else
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	load(g, ui, id);
	free(name);
}

static enum ui_result group_key(struct screen *s, struct ui *ui,
				enum ui_action act, const struct ui_key *key)
{
	struct groupscr *g = (struct groupscr *)s;
	struct la_usergroup *it = current(g);

	(void)key;
	if (pager_act(&g->pg, act))
		return UI_HANDLED;
	if (actions_changes(act) && ui_refuse_general(ui))
		return UI_HANDLED;
	if (!it && (act == ACT_EDIT || act == ACT_DELETE || act == ACT_RESTORE ||
		    act == ACT_MOVE_UP || act == ACT_MOVE_DOWN)) {
		ui_message(ui, ROLE_ERROR, "%s", _("No item is selected."));
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_EDIT:
		do_edit(g, ui, it);
		break;
	case ACT_ADD:
		do_edit(g, ui, NULL);
		break;
	case ACT_DELETE:
		do_delete(g, ui, it);
		break;
	case ACT_RESTORE:
		do_restore(g, ui, it);
		break;
	case ACT_MOVE_UP:
	case ACT_MOVE_DOWN:
		do_move(g, ui, it, act);
		break;
	case ACT_SHOW_DELETED:
		g->show_deleted = !g->show_deleted;
		load(g, ui, it ? it->id : 0);
		ui_message(ui, ROLE_INFO, "%s", g->show_deleted
			   ? _("Deleted items are shown, marked ✗.")
			   : _("Deleted items are hidden."));
		break;
	case ACT_BACK:
		return UI_CLOSE;
	default:
		break;
	}
	return UI_HANDLED;
}

static void group_close(struct screen *s)
{
	struct groupscr *g = (struct groupscr *)s;
	users_groups_free(g->groups, g->n);
	free(g);
}

static unsigned group_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_EDIT) | ACT_BIT(ACT_ADD) |
	       ACT_BIT(ACT_DELETE) | ACT_BIT(ACT_RESTORE) |
	       ACT_BIT(ACT_MOVE_UP) | ACT_BIT(ACT_MOVE_DOWN) |
	       ACT_BIT(ACT_SHOW_DELETED);
}

static const struct screen_ops group_ops = {
	.title = group_title,
	.draw = group_draw,
	.key = group_key,
	.resize = group_resize,
	.reload = group_reload,
	.close = group_close,
	.actions = group_actions,
	.help = N_("User groups: a user's primary group, which Distribute to owner can share new leads among. Members: users whose primary group it is. Only a General administrator changes them. ✗ marks a deleted group (shown with s)."),
};

struct screen *groupscr_new(struct ui *ui)
{
	struct groupscr *g = calloc(1, sizeof *g);

	if (!g)
		return NULL;
	g->base.ops = &group_ops;
	g->pg.rows = 1;
	load(g, ui, 0);
	/* Others see the list read-only, told why when they arrive. */
	ui_refuse_general(ui);
	return &g->base;
}
