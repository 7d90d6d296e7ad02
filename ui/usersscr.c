/* Settings and maintenance > Users > Associates: the users of the CRM
 * database with their role, primary user group and whether they are
 * active. Only a General administrator changes anything; the rule that
 * the last active General administrator stays is the domain's. */
#include "config.h"
#include "usersscr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "fform.h"
#include "i18n.h"
#include "table.h"
#include "text.h"
#include "lists.h"
#include "users.h"

struct usersscr {
	struct screen base;
	struct la_user *users;
	size_t n;
	struct table t;      /* over users */
	bool show_inactive;
};

enum { C_LOGIN, C_FULL, C_ROLE, C_GROUP, C_ACTIVE, C_COUNT };

static const char *users_title(const struct screen *s)
{
	(void)s;
	return _("Associates");
}

static struct la_user *current(struct usersscr *u)
{
	size_t i = table_current(&u->t);
	return i == TABLE_NONE ? NULL : &u->users[i];
}

static void load(struct usersscr *u, struct ui *ui)
{
	struct la_err err;

	la_err_clear(&err);
	rights_users_free(u->users, u->n);
	u->users = NULL;
	u->n = 0;
	if (rights_users(ui->db, &u->users, &u->n, &err) != LA_OK)
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
	table_reload(&u->t, u->n);
}

static void users_reload(struct screen *s, struct ui *ui)
{
	load((struct usersscr *)s, ui);
}

static void users_resize(struct screen *s, const struct ui_rect *r)
{
	table_place(&((struct usersscr *)s)->t, r, 0);
}

static const char *users_cell(void *ctx, size_t row, int col, char *buf, size_t len)
{
	const struct la_user *it = &((struct usersscr *)ctx)->users[row];

	switch (col) {
	case C_LOGIN: return it->name;
	case C_FULL: return it->full_name;
	case C_ROLE: return rights_role_label(it->role);
	/* A group's name in the program's language (multi-language names). */
	case C_GROUP: return it->group_name && it->group_name[0]
			     ? lists_shown(it->group_name, buf, len) : _("(none)");
	default: return it->active ? _("Yes") : _("No");
	}
}

static const char *users_label(void *ctx, int col, int i)
{
	(void)ctx;
	if (col == C_ROLE)
		return i <= ROLE_GENERAL_ADMIN - ROLE_USER
		       ? rights_role_label((enum la_role)(ROLE_USER + i)) : NULL;
	if (col == C_ACTIVE)
		return i == 0 ? _("Yes") : i == 1 ? _("No") : NULL;
	return NULL;
}

/* Login, role and active as wide as their words (the login at most 16);
 * the full name takes 3/5 of the rest, the group what is left; a narrow
 * terminal cuts the role before the rest falls under 20. */
static void users_layout(void *ctx, const struct table *t, int width, int *w)
{
	int rest = width - 3 - w[C_LOGIN] - 1 - w[C_ROLE] - 1 - w[C_ACTIVE] - 1;

	(void)ctx;
	(void)t;
	if (rest < 20) {
		w[C_ROLE] -= 20 - rest;
		if (w[C_ROLE] < 4)
			w[C_ROLE] = 4;
		rest = 20;
	}
	w[C_FULL] = rest * 3 / 5 - 1;
	w[C_GROUP] = rest - w[C_FULL] - 2;
}

static void users_status(void *ctx, const struct table_count *c, char *buf, size_t len)
{
	const struct usersscr *u = ctx;
	int n = snprintf(buf, len, ngettext("%zu user", "%zu users", (unsigned long)c->shown),
			 c->shown);

	if (u->show_inactive && n > 0 && (size_t)n < len)
		snprintf(buf + n, len - (size_t)n, "%s", _(" · inactive users shown, marked ✗"));
}

static int64_t users_id(void *ctx, size_t row)
{
	return ((struct usersscr *)ctx)->users[row].associate_id;
}

static bool users_shown(void *ctx, size_t row)
{
	const struct usersscr *u = ctx;
	return u->users[row].active || u->show_inactive;
}

/* Inactive users are marked like deleted items. */
static bool users_inactive(void *ctx, size_t row)
{
	return !((struct usersscr *)ctx)->users[row].active;
}

static const struct table_col users_cols[C_COUNT] = {
	[C_LOGIN] = { .head = N_("Login"), .fit = true, .max = 16 },
	[C_FULL] = { .head = N_("Full name") },
	[C_ROLE] = { .head = N_("Role"), .fit = true },
	[C_GROUP] = { .head = N_("Primary group") },
	[C_ACTIVE] = { .head = N_("Active"), .fit = true },
};

static void users_draw(struct screen *s, struct ui *ui, const struct ui_rect *r)
{
	(void)ui;
	(void)r;
	table_draw(&((struct usersscr *)s)->t);
}

static const struct table_def users_table = {
	.cols = users_cols,
	.ncols = C_COUNT,
	.cell = users_cell,
	.status = users_status,
	.id = users_id,
	.shown = users_shown,
	.deleted = users_inactive,
	.label = users_label,
	.layout = users_layout,
};

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
/* Users are a General administrator's to change. */
static bool user_refuse(void *ctx, struct ui *ui)
{
	(void)ctx;
	return ui_refuse_general(ui);
}

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
	/* The picker shows each name in the program's language. */
	lists_items_shown(&e->groups);
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
	struct fform ff = { .f = f, .n = F_COUNT };
	struct la_user copy;
	char title[300];
	bool adding = it == NULL;

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
	bool readonly = ui_refuse_general(ui);
	if (readonly)
		snprintf(title + strlen(title), sizeof title - strlen(title), " %s",
			 _("(read-only)"));
	struct fform_dialog d = {
		.title = title, .refuse = user_refuse, .save = user_save,
		.changed = user_changed, .ctx = &e, .readonly = readonly,
	};
	if (fform_run(ui, &ff, &d)) {
		char *name = text_visible(e.saved_login);
		if (!ui->msg[0])
			ui_message(ui, ROLE_INFO, _("Saved “%s”."), name);
		free(name);
	}
	load(u, ui);
	if (e.saved_login && adding)
		for (size_t i = 0; i < u->n; i++)
			if (strcmp(u->users[i].name, e.saved_login) == 0)
				table_select_id(&u->t, u->users[i].associate_id);
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
	load(u, ui);
out:
	free(name);
	free(login);
}

static enum ui_result users_key(struct screen *s, struct ui *ui,
				enum ui_action act, const struct ui_key *key)
{
	struct usersscr *u = (struct usersscr *)s;
	struct la_user *it = current(u);

	switch (table_key(&u->t, act, key)) {
	case TABLE_IGNORED:
		break;
	case TABLE_CLOSE:
		return UI_CLOSE;
	default:
		return UI_HANDLED;
	}
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
		table_reload(&u->t, u->n);
		ui_message(ui, ROLE_INFO, "%s", u->show_inactive
			   ? _("Inactive users are shown, marked ✗.")
			   : _("Inactive users are hidden."));
		break;
	default:
		break;
	}
	return UI_HANDLED;
}

static enum ui_action users_mouse(struct screen *s, struct ui *ui, const struct ui_key *key)
{
	(void)ui;
	return table_mouse_action(&((struct usersscr *)s)->t, key, ACT_EDIT);
}

static void users_close(struct screen *s)
{
	struct usersscr *u = (struct usersscr *)s;
	rights_users_free(u->users, u->n);
	table_free(&u->t);
	free(u);
}

static act_mask users_actions(const struct screen *s)
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
	.mouse = users_mouse,
	.help = N_("The users of this CRM database: their login, role, primary user group and whether they are active. Only a General administrator changes them; the last active General administrator keeps the role and stays active. ✗ marks an inactive user (shown with s)."),
};

struct screen *usersscr_new(struct ui *ui)
{
	struct usersscr *u = calloc(1, sizeof *u);

	if (!u)
		return NULL;
	u->base.ops = &users_ops;
	table_init(&u->t, &users_table, u);
	load(u, ui);
	/* Others see the list read-only, told why when they arrive. */
	ui_refuse_general(ui);
	return &u->base;
}
