#include "config.h"
#include "listdelete.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "i18n.h"

/* Lets the user pick one of the items of it's list that are not deleted,
 * other than it; false when cancelled or when there is none (then why
 * is said). */
static bool pick_other(struct ui *ui, const struct la_item *it, const char *title,
		       const char *prompt, const char *none, int64_t *id)
{
	struct la_items cand;
	struct la_err err;
	const char **labels;
	int pick;

	la_err_clear(&err);
	if (lists_default_candidates(ui->db, it->list, it->id, &cand, &err) != LA_OK) {
		ui_message(ui, ROLE_ERROR, "%s", err.msg);
		return false;
	}
	if (cand.n == 0) {
		ui_message(ui, ROLE_ERROR, "%s", none);
		lists_items_free(&cand);
		return false;
	}
	labels = calloc(cand.n, sizeof *labels);
	if (!labels)
		abort();
	lists_items_shown(&cand);
	for (size_t i = 0; i < cand.n; i++)
		labels[i] = cand.v[i].name;
	pick = dialog_pick(ui, title, prompt, labels, (int)cand.n);
	if (pick >= 0)
		*id = cand.v[pick].id;
	free(labels);
	lists_items_free(&cand);
	return pick >= 0;
}

bool listdelete_new_default(struct ui *ui, const struct la_item *it, int64_t *id)
{
	char prompt[600], *name = lists_shown_visible(it->name);
	bool picked;

	snprintf(prompt, sizeof prompt,
		 _("“%s” is the default for new leads. Choose the new default first:"), name);
	free(name);
	picked = pick_other(ui, it, _("New default lead status"), prompt,
			    _("The default status cannot be deleted while it is the only one: add another lead status first."),
			    id);
	return picked;
}

/* Is there an item (not deleted, not it) to put in its place? */
static bool has_other(struct ui *ui, const struct la_item *it)
{
	struct la_items cand;
	struct la_err err;
	bool any;

	la_err_clear(&err);
	if (lists_default_candidates(ui->db, it->list, it->id, &cand, &err) != LA_OK)
		return false;
	any = cand.n > 0;
	lists_items_free(&cand);
	return any;
}

/* An item that nothing uses may still be named by a setting (the group
 * Distribute to owner uses): when a plain delete would leave that setting
 * naming a deleted item, the user may put another item in its place, as
 * `delete --move-to OTHER` does. */
static enum listdelete_choice replace_named(struct ui *ui, const struct la_item *it, int64_t *to)
{
	const struct la_list_hooks *hooks = lists_def(it->list)->hooks;
	char prompt[600], *name;
	const char *labels[2];
	struct la_err err;
	int pick;

	if (it->deleted || !hooks || !hooks->moved)
		return LISTDELETE_PLAIN;
	la_err_clear(&err);
	if (lists_delete_move_check(ui->db, &ui->actor, it->list, it->id, 0, 0, &err) != LA_CONFIRM ||
	    !err.msg[0] || !has_other(ui, it))
		return LISTDELETE_PLAIN;
	labels[0] = _("Put another item in its place…");
	labels[1] = _("Delete it anyway");
	pick = dialog_pick(ui, _("Delete"), err.msg, labels, 2);
	if (pick == 0) {
		name = lists_shown_visible(it->name);
		snprintf(prompt, sizeof prompt, _("Put in the place of “%s”:"), name);
		free(name);
		if (!pick_other(ui, it, labels[0], prompt,
				_("There is no other item that is not deleted to put in its place: add one first."),
				to))
			pick = -1;
	}
	return pick == 0 ? LISTDELETE_MOVE : pick == 1 ? LISTDELETE_PLAIN : LISTDELETE_CANCEL;
}

enum listdelete_choice listdelete_move(struct ui *ui, const struct la_item *it, int64_t *to)
{
	char what[64], all[160], prompt[600], move[160], *name;
	const char *labels[2];
	int pick;
	long n;

	*to = 0;
	if ((n = lists_used_count(it, what, sizeof what)) == 0)
		return replace_named(ui, it, to);
	name = lists_shown_visible(it->name);
	lists_usage_text(it, all, sizeof all);
	/* TRANSLATORS: the item is a category, a lead status or a user group:
	 * a pronoun for it that fits one list's word is wrong for another. */
	if (it->deleted)
		snprintf(prompt, sizeof prompt, _("“%s” is deleted, and %s still use it."), name, all);
	else
		snprintf(prompt, sizeof prompt, _("“%s” is in use: %s."), name, all);
	/* TRANSLATORS: %s is a count with its noun ("22 companies", "1
	 * member"); the forms are for the article and verb that go with it. */
	snprintf(move, sizeof move, ngettext("Move its %s to…", "Move its %s to…", (unsigned long)n),
		 what);
	labels[0] = move;
	/* TRANSLATORS: "it" is the item (a category, a lead status or a user
	 * group); "they" are its companies, contacts or members. */
	labels[1] = _("Delete it; they keep it, shown as deleted");
	pick = dialog_pick(ui, _("Delete"), prompt, labels, it->deleted ? 1 : 2);
	if (pick == 0) {
		snprintf(prompt, sizeof prompt,
			 ngettext("Move the %s of “%s” to:", "Move the %s of “%s” to:", (unsigned long)n),
			 what, name);
		if (!pick_other(ui, it, move, prompt,
				_("There is no other item that is not deleted to move them to: add one first."),
				to))
			pick = -1;
	}
	free(name);
	return pick == 0 ? LISTDELETE_MOVE : pick == 1 ? LISTDELETE_PLAIN : LISTDELETE_CANCEL;
}
