/* Settings and maintenance > Users > Associates: the users of the CRM
 * database with their role, primary user group and whether they are
 * active. Only a General administrator changes anything; the rule that
 * the last active General administrator stays is the domain's. */
#include "config.h"
#include "usersscr.h"

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
#include "lists.h"
#include "users.h"

struct usersscr {
	struct screen base;
	struct la_user *users;
	size_t n;
	size_t *view;        /* indexes into users of the rows shown */
	struct pager pg;
	bool show_inactive;
};

static const char *users_title(const struct screen *s)
{
	(void)s;
	return _("Associates");
}

static struct la_user *current(struct usersscr *u)
{
	return u->pg.n ? &u->users[u->view[u->pg.sel]] : NULL;
}

static void build_view(struct usersscr *u, int64_t keep_id)
{
	size_t was = u->pg.sel;
	bool found = false;

	free(u->view);
	u->view = u->n ? calloc(u->n, sizeof *u->view) : NULL;
	u->pg.n = 0;
	for (size_t i = 0; u->view && i < u->n; i++) {
		if (!u->users[i].active && !u->show_inactive)
			continue;
		if (u->users[i].associate_id == keep_id) {
			u->pg.sel = u->pg.n;
			found = true;
		}
		u->view[u->pg.n++] = i;
	}
	/* A row that went away leaves the selection where it was. */
	if (!found)
		u->pg.sel = was;
	pager_fix(&u->pg);
}

static void load(struct usersscr *u, struct ui *ui, int64_t keep_id)
{
	struct la_err err;

	la_err_clear(&err);
	rights_users_free(u->users, u->n);
	u->users = NULL;
	u->n = 0;
	if (rights_users(ui->db, &u->users, &u->n, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	build_view(u, keep_id);
}

static void users_reload(struct screen *s, struct ui *ui)
{
	struct usersscr *u = (struct usersscr *)s;
	struct la_user *it = current(u);
	load(u, ui, it ? it->associate_id : 0);
}

static void users_resize(struct screen *s, const struct ui_rect *r)
{
	struct usersscr *u = (struct usersscr *)s;

	u->pg.rows = r->h - 2 > 0 ? r->h - 2 : 1;
	pager_fix(&u->pg);
}

struct cols {
	int login, full, role, group, active;
};

static int wmax(int a, const char *s)
{
	int w = text_width(s);
	return w > a ? w : a;
}

static void layout(const struct usersscr *u, int width, struct cols *c)
{
	c->login = wmax(0, _("Login"));
	for (size_t i = 0; i < u->pg.n; i++)
		c->login = wmax(c->login, u->users[u->view[i]].name);
	if (c->login > 16)
		c->login = 16;
	c->role = wmax(0, _("Role"));
	for (int r = ROLE_USER; r <= ROLE_GENERAL_ADMIN; r++)
		c->role = wmax(c->role, rights_role_label((enum la_role)r));
	c->active = wmax(wmax(wmax(0, _("Active")), _("Yes")), _("No"));
	int rest = width - 3 - c->login - 1 - c->role - 1 - c->active - 1;
	/* The narrow terminal cuts the role to what fits. */
	if (rest < 20) {
		c->role -= 20 - rest;
		if (c->role < 4)
			c->role = 4;
		rest = 20;
	}
	c->full = rest * 3 / 5 - 1;
	c->group = rest - c->full - 2;
}

static void draw_header(const struct cols *c, int y, int width)
{
	int x = 3;

	draw_fill(y, 0, width, ROLE_HEADER);
	draw_text(y, x, c->login, _("Login"), ROLE_HEADER, false);
	x += c->login + 1;
	draw_text(y, x, c->full, _("Full name"), ROLE_HEADER, false);
	x += c->full + 1;
	draw_text(y, x, c->role, _("Role"), ROLE_HEADER, false);
	x += c->role + 1;
	draw_text(y, x, c->group, _("Primary group"), ROLE_HEADER, false);
	x += c->group + 1;
	draw_text(y, x, c->active, _("Active"), ROLE_HEADER, false);
}

static void draw_row(const struct cols *c, int y, int width,
		     const struct la_user *it, enum ui_role role)
{
	int x = 3;

	draw_fill(y, 0, width, role);
	/* Markers that read without colour: > the selection, ✗ inactive. */
	draw_text(y, 0, 1, role == ROLE_SELECTED ? ">" : "", role, true);
	draw_text(y, 1, 1, it->active ? "" : "\u2717", role, true);
	draw_text(y, x, c->login, it->name, role, true);
	x += c->login + 1;
	draw_text(y, x, c->full, it->full_name, role, true);
	x += c->full + 1;
	draw_text(y, x, c->role, rights_role_label(it->role), role, true);
	x += c->role + 1;
	draw_text(y, x, c->group, it->group_name && it->group_name[0]
		  ? it->group_name : _("(none)"), role, true);
	x += c->group + 1;
	draw_text(y, x, c->active, it->active ? _("Yes") : _("No"), role, true);
}

static void users_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	struct usersscr *u = (struct usersscr *)s;
	struct cols c;
	char line[300];
	int len;

	(void)ui;
	layout(u, r->w, &c);
	draw_header(&c, r->y, r->w);
	for (int i = 0; i < u->pg.rows && u->pg.top + (size_t)i < u->pg.n; i++) {
		size_t pos = u->pg.top + (size_t)i;
		const struct la_user *it = &u->users[u->view[pos]];
		enum ui_role role = pos == u->pg.sel ? ROLE_SELECTED
				    : it->active ? ROLE_NORMAL : ROLE_DELETED;
		draw_row(&c, r->y + 1 + i, r->w, it, role);
	}
	len = snprintf(line, sizeof line,
		       ngettext("%zu user", "%zu users", (unsigned long)u->pg.n), u->pg.n);
	if (u->show_inactive && len > 0 && (size_t)len < sizeof line)
		snprintf(line + len, sizeof line - (size_t)len, "%s",
			 _(" · inactive users shown, marked ✗"));
	draw_text(r->y + r->h - 1, 1, r->w - 2, line, ROLE_NORMAL, false);
}

/* ---- the edit dialog */

struct user_edit {
	struct la_user *was;       /* NULL: a new user; what is stored */
	struct la_items groups;
	const char **group_labels;
	int64_t *group_ids;
	int nchoices;              /* group_labels in use */
	const char *role_labels[3];
	char *saved_login;         /* what was stored, for the message */
};

enum { F_LOGIN, F_FULL, F_ROLE, F_GROUP, F_ACTIVE, F_COUNT };

static int64_t chosen_group(const struct user_edit *e, const struct fform *ff)
{
	return e->group_ids[ff->f[F_GROUP].choice];
}

static bool user_changed(void *ctx, const struct fform *ff)
{
	const struct user_edit *e = ctx;
	const struct la_user *w = e->was;

	if (!w)
		return ff->f[F_LOGIN].text.len || ff->f[F_FULL].text.len ||
		       ff->f[F_ROLE].choice != ROLE_USER || chosen_group(e, ff) != 0;
	return !field_equals(&ff->f[F_FULL].text, w->full_name) ||
	       ff->f[F_ROLE].choice != (int)w->role ||
	       chosen_group(e, ff) != w->group_id ||
	       ff->f[F_ACTIVE].on != w->active;
}

/* A refusal beside its field and on the message line; false. */
static bool refused(struct ui *ui, struct fform *ff, int field,
		    const struct la_err *err)
{
	snprintf(ff->f[field].err, sizeof ff->f[field].err, "%s", err->msg);
	fform_focus(ff, field);
	ui_message(ui, ROLE_ERROR, "%s", err->msg);
	return false;
}

/* The form field a refusal of users_save is about. */
static int refused_field(const struct la_err *err)
{
	switch (err->field) {
	case LA_FIELD_DESCRIPTION: return F_FULL;
	case LA_FIELD_ROLE: return F_ROLE;
	case LA_FIELD_ACTIVE: return F_ACTIVE;
	case LA_FIELD_GROUP: return F_GROUP;
	default: return F_LOGIN;
	}
}

/* One users_save for what changed: all of it is saved, or none. */
static bool user_save(void *ctx, struct ui *ui, struct fform *ff)
{
	struct user_edit *e = ctx;
	struct la_user *w = e->was;
	struct users_change c = { 0 };
	struct la_err err;
	char *login = w ? NULL : field_get(&ff->f[F_LOGIN].text);
	char *full = field_get(&ff->f[F_FULL].text);
	bool ok;

	c.login = w ? w->name : (login ? login : "");
	c.add = !w;
	c.full_name = !w || (full && !field_equals(&ff->f[F_FULL].text, w->full_name))
		      ? (full ? full : "") : NULL;
	c.role = !w || ff->f[F_ROLE].choice != (int)w->role ? ff->f[F_ROLE].choice : -1;
	c.group_id = !w ? (chosen_group(e, ff) ? chosen_group(e, ff) : -1)
		     : chosen_group(e, ff) != w->group_id ? chosen_group(e, ff) : -1;
	c.active = w && ff->f[F_ACTIVE].on != w->active ? ff->f[F_ACTIVE].on : -1;
	la_err_clear(&err);
	ok = users_save(ui->db, &ui->actor, &c, &err) == LA_OK;
	if (!ok)
		refused(ui, ff, refused_field(&err), &err);
	else if (!(e->saved_login = strdup(c.login)))
		abort();
	free(login);
	free(full);
	return ok;
}

/* The groups a user can be given: none, the active ones, and the one the
 * user has now even when it is deleted. */
static void edit_groups(struct user_edit *e, struct ui *ui, int64_t current_id)
{
	struct la_err err;
	size_t k = 0;

	la_err_clear(&err);
	if (lists_load(ui->db, LIST_USERGROUP, true, &e->groups, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	e->group_labels = calloc(e->groups.n + 1, sizeof *e->group_labels);
	e->group_ids = calloc(e->groups.n + 1, sizeof *e->group_ids);
	if (!e->group_labels || !e->group_ids)
		abort();
	e->group_labels[k] = _("(none)");
	e->group_ids[k++] = 0;
	for (size_t i = 0; i < e->groups.n; i++) {
		if (e->groups.v[i].deleted && e->groups.v[i].id != current_id)
			continue;
		e->group_labels[k] = e->groups.v[i].name;
		e->group_ids[k++] = e->groups.v[i].id;
	}
	/* The labels point into groups: they are freed together. */
	e->nchoices = (int)k;
	e->role_labels[0] = rights_role_label(ROLE_USER);
	e->role_labels[1] = rights_role_label(ROLE_LIST_ADMIN);
	e->role_labels[2] = rights_role_label(ROLE_GENERAL_ADMIN);
}

static void do_edit(struct usersscr *u, struct ui *ui, const struct la_user *it)
{
	struct user_edit e;
	struct fform_field f[F_COUNT];
	struct fform ff = { f, F_COUNT, 0, 0 };
	struct la_user copy;
	char title[300];
	int64_t keep = it ? it->associate_id : 0;

	memset(&e, 0, sizeof e);
	memset(f, 0, sizeof f);
	memset(&copy, 0, sizeof copy);
	/* A copy: the change poll may reload the list while the dialog is open. */
	if (it) {
		copy = *it;
		copy.name = strdup(it->name);
		copy.full_name = strdup(it->full_name ? it->full_name : "");
		copy.group_name = NULL;
		if (!copy.name || !copy.full_name)
			abort();
		e.was = &copy;
	}
	edit_groups(&e, ui, it ? it->group_id : 0);
	f[F_LOGIN] = (struct fform_field){ .kind = FF_TEXT, .label = _("Login"),
		.hint = _("The operating-system login of the person."), .hidden = it != NULL };
	f[F_FULL] = (struct fform_field){ .kind = FF_TEXT, .label = _("Full name") };
	f[F_ROLE] = (struct fform_field){ .kind = FF_CHOICE, .label = _("Role"),
		.choices = e.role_labels, .nchoices = 3, .choice = it ? (int)it->role : ROLE_USER };
	f[F_GROUP] = (struct fform_field){ .kind = FF_CHOICE, .label = _("Primary group"),
		.choices = e.group_labels, .nchoices = e.nchoices,
		.hint = _("Distribute to owner can give leads to a group's members.") };
	f[F_ACTIVE] = (struct fform_field){ .kind = FF_CHECK, .label = _("Active"),
		.hint = _("An inactive user cannot change anything and gets no new leads."),
		.hidden = it == NULL, .on = it ? it->active : true };
	for (int i = 0; i < f[F_GROUP].nchoices; i++)
		if (it && e.group_ids[i] == it->group_id)
			f[F_GROUP].choice = i;
	if (it) {
		char *name = text_visible(it->name);
		field_set(&f[F_FULL].text, it->full_name);
		snprintf(title, sizeof title, _("Edit user “%s”"), name);
		free(name);
	} else {
		snprintf(title, sizeof title, "%s", _("New user"));
	}
	if (ui_refuse_general(ui))
		snprintf(title + strlen(title), sizeof title - strlen(title), " %s",
			 _("(read-only)"));
	struct fform_dialog d = {
		.title = title, .refuse = ui_refuse_general, .save = user_save,
		.changed = user_changed, .ctx = &e,
	};
	if (fform_run(ui, &ff, &d)) {
		char *name = text_visible(e.saved_login);
		if (!ui->msg[0])
			ui_message(ui, ROLE_INFO, _("Saved “%s”."), name);
		free(name);
	}
	load(u, ui, keep);
	if (e.saved_login && !keep)
		for (size_t i = 0; i < u->pg.n; i++)
			if (strcmp(u->users[u->view[i]].name, e.saved_login) == 0)
				pager_select(&u->pg, i);
	fform_free(&ff);
	free(e.saved_login);
	free(e.group_labels);
	free(e.group_ids);
	lists_items_free(&e.groups);
	free(copy.name);
	free(copy.full_name);
}

static void do_active(struct usersscr *u, struct ui *ui, const struct la_user *it,
		      bool active)
{
	struct la_err err;
	int64_t id = it->associate_id;
	char *name = text_visible(it->name), *login = strdup(it->name), q[600];

	if (!login)
		abort();
	la_err_clear(&err);
	if (it->active == active) {
		ui_message(ui, ROLE_ERROR, "%s", active
			   ? _("Only an inactive user can be reactivated: s shows the inactive users.")
			   : _("This user is already inactive: r reactivates them."));
		goto out;
	}
	if (!active) {
		snprintf(q, sizeof q, _("Deactivate “%s”? An inactive user cannot change anything and gets no new leads."),
			 name);
		if (!dialog_confirm(ui, _("Deactivate"), q))
			goto out;
	}
	if (users_set_active(ui->db, &ui->actor, login, active, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	else
		ui_message(ui, ROLE_INFO, active ? _("Reactivated “%s”.") : _("Deactivated “%s”."),
			   name);
	load(u, ui, id);
out:
	free(name);
	free(login);
}

static enum ui_result users_key(struct screen *s, struct ui *ui,
				enum ui_action act, const struct ui_key *key)
{
	struct usersscr *u = (struct usersscr *)s;
	struct la_user *it = current(u);

	(void)key;
	if (pager_act(&u->pg, act))
		return UI_HANDLED;
	if (actions_changes(act) && ui_refuse_general(ui))
		return UI_HANDLED;
	if (!it && (act == ACT_EDIT || act == ACT_DEACTIVATE || act == ACT_REACTIVATE)) {
		ui_message(ui, ROLE_ERROR, "%s", _("No user is selected."));
		return UI_HANDLED;
	}
	switch (act) {
	case ACT_EDIT:
		do_edit(u, ui, it);
		break;
	case ACT_ADD:
		do_edit(u, ui, NULL);
		break;
	case ACT_DEACTIVATE:
	case ACT_REACTIVATE:
		do_active(u, ui, it, act == ACT_REACTIVATE);
		break;
	case ACT_SHOW_INACTIVE:
		u->show_inactive = !u->show_inactive;
		build_view(u, it ? it->associate_id : 0);
		ui_message(ui, ROLE_INFO, "%s", u->show_inactive
			   ? _("Inactive users are shown, marked ✗.")
			   : _("Inactive users are hidden."));
		break;
	case ACT_BACK:
		return UI_CLOSE;
	default:
		break;
	}
	return UI_HANDLED;
}

static void users_close(struct screen *s)
{
	struct usersscr *u = (struct usersscr *)s;
	rights_users_free(u->users, u->n);
	free(u->view);
	free(u);
}

static unsigned users_actions(const struct screen *s)
{
	(void)s;
	return ACT_COMMON | ACT_BIT(ACT_EDIT) | ACT_BIT(ACT_ADD) |
	       ACT_BIT(ACT_DEACTIVATE) | ACT_BIT(ACT_REACTIVATE) |
	       ACT_BIT(ACT_SHOW_INACTIVE);
}

static const struct screen_ops users_ops = {
	.title = users_title,
	.draw = users_draw,
	.key = users_key,
	.resize = users_resize,
	.reload = users_reload,
	.close = users_close,
	.actions = users_actions,
	.help = N_("The users of this CRM database: their login, role, primary user group and whether they are active. Only a General administrator changes them; the last active General administrator keeps the role and stays active. ✗ marks an inactive user (shown with s)."),
};

struct screen *usersscr_new(struct ui *ui)
{
	struct usersscr *u = calloc(1, sizeof *u);

	if (!u)
		return NULL;
	u->base.ops = &users_ops;
	u->pg.rows = 1;
	load(u, ui, 0);
	/* Others see the list read-only, told why when they arrive. */
	ui_refuse_general(ui);
	return &u->base;
}
