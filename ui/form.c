/* The edit dialog of an item of any list, made from the list's fields
 * (category: Name, Category group, Description, Enable lead status; lead
 * status: Name, Description, Default for new leads; user group: Name,
 * Description) and run by the one form engine. Refusals from the domain
 * appear beside their field and the dialog keeps what was typed; a stale
 * save reloads the current values. */
#include "config.h"
#include "form.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialog.h"
#include "fform.h"
#include "i18n.h"
#include "rights.h"
#include "session.h"
#include "text.h"

#define FORM_FIELDS 12
#define FORM_LANGS 6   /* Name fields of a multi-language name, at most */
#define FORM_CHOICES 16

struct form {
	struct ui *ui;
	const struct la_listdef *def;
	struct la_item *item;          /* the stored state the dialog started from */
	const struct la_fielddef *src[FORM_FIELDS]; /* the list field of each form field */
	struct fform_field f[FORM_FIELDS];
	struct fform ff;
	/* per choice field: the offered choices' labels and values */
	const char *labels[FORM_FIELDS][FORM_CHOICES];
	int values[FORM_FIELDS][FORM_CHOICES];
	char *initial[FORM_FIELDS];    /* a text field as it was filled */
	struct la_item shown;          /* what the fields hold, as an item */
	bool readonly;                 /* the user may not change the list */
	/* A multi-language name: one Name field per language, each with its
	 * SuperOffice code ("US") and label ("Name (English)"). */
	char code[FORM_FIELDS][3];     /* "" for every other field */
	char label[FORM_FIELDS][64];
	int name_refused;              /* the field whose value the notation
					  refused (name_err), or -1 */
	struct la_err name_err;
};

bool form_refuse(struct ui *ui, enum la_list list)
{
	if (lists_def(list)->role == ROLE_GENERAL_ADMIN)
		return ui_refuse_general(ui);
	return ui_refuse_change(ui);
}

bool form_may_change(struct ui *ui, enum la_list list)
{
	struct la_err err;

	if (lists_def(list)->role != ROLE_GENERAL_ADMIN ||
	    session_writable(ui->db, NULL) != LA_OK)
		return ui->can_change;
	la_err_clear(&err);
	return rights_check_general(ui->db, &ui->actor, &err) == LA_OK;
}

static bool form_refuse_ctx(void *ctx, struct ui *ui)
{
	return form_refuse(ui, ((struct form *)ctx)->item->list);
}

/* The item the fields describe now (into f->shown). */
static void read_fields(struct form *f)
{
	bool langs = false, edited = false;

	lists_item_clear(&f->shown);
	lists_item_copy(&f->shown, f->item);
	for (int i = 0; i < f->ff.n; i++) {
		const struct la_fielddef *src = f->src[i];
		const struct fform_field *x = &f->f[i];

		char *now;

		if (f->code[i][0]) {
			/* Below: the values of every language at once. */
			now = field_get(&x->text);
			langs = true;
			edited |= !f->initial[i] || strcmp(now, f->initial[i]) != 0;
			free(now);
			continue;
		}
		switch (src->kind) {
		case LF_TEXT:
			/* A text nobody edited keeps its stored bytes: a legacy
			 * name that is not UTF-8 shows U+FFFD, and saving the
			 * other fields must not write that over it. */
			now = field_get(&x->text);
			if (f->initial[i] && strcmp(now, f->initial[i]) == 0) {
				free(now);
				now = strdup(lists_field_cstr(src, f->item));
				if (!now)
					abort();
			}
			free(*lists_field_str(src, &f->shown));
			*lists_field_str(src, &f->shown) = now;
			break;
		case LF_CHOICE:
			lists_field_set_int(src, &f->shown, x->choice >= 0 ? f->values[i][x->choice]
									    : src->choices[0].value);
			break;
		case LF_BOOL:
			lists_field_set_int(src, &f->shown, x->on);
			break;
		case LF_COUNT:
			break;
		}
	}
	/* A multi-language name nobody edited keeps its stored bytes; an
	 * edited one is the values of its fields in the notation. */
	f->name_refused = -1;
	if (langs && edited) {
		char *name = strdup("");

		if (!name)
			abort();
		for (int i = 0; i < f->ff.n; i++) {
			char *now;

			if (!f->code[i][0])
				continue;
			now = field_get(&f->f[i].text);
			la_err_clear(&f->name_err);
			if (lists_name_set_code(&name, f->code[i], now, &f->name_err) != LA_OK &&
			    f->name_refused < 0)
				f->name_refused = i;
			free(now);
		}
		free(f->shown.name);
		f->shown.name = name;
	}
}

/* What the rules say of each field now: greyed out, or not to change. */
static void follow_rules(struct form *f)
{
	read_fields(f);
	for (int i = 0; i < f->ff.n; i++) {
		const struct la_fielddef *src = f->src[i];
		struct fform_field *x = &f->f[i];
		const char *why = src->unavailable ? src->unavailable(&f->shown) : NULL;
		const char *locked = lists_field_locked(src, f->item);

		x->disabled = why != NULL;
		x->hint = why ? why : src->hint ? _(src->hint) : NULL;
		x->locked = locked != NULL;
		x->refusal = locked ? locked : src->refusal ? _(src->refusal) : NULL;
	}
}

static void form_fill(struct form *f)
{
	for (int i = 0; i < f->ff.n; i++) {
		const struct la_fielddef *src = f->src[i];
		struct fform_field *x = &f->f[i];

		switch (src->kind) {
		case LF_TEXT:
			if (f->code[i][0]) {
				char *v = lists_name_value(f->item->name, f->code[i]);

				field_set(&x->text, v);
				free(v);
			} else {
				field_set(&x->text, lists_field_cstr(src, f->item));
			}
			free(f->initial[i]);
			f->initial[i] = field_get(&x->text);
			break;
		case LF_CHOICE:
			x->choice = -1;
			for (int c = 0; c < x->nchoices; c++)
				if (f->values[i][c] == lists_field_int(src, f->item))
					x->choice = c;
			break;
		case LF_BOOL:
			x->on = lists_field_int(src, f->item) != 0;
			break;
		case LF_COUNT:
			break;
		}
	}
	fform_clear_errors(&f->ff);
	follow_rules(f);
}

static bool form_changed(void *ctx, const struct fform *ff)
{
	struct form *f = ctx;

	(void)ff;
	if (f->readonly)
		return false;
	read_fields(f);
	return !lists_item_same(&f->shown, f->item);
}

static const char *form_title(void *ctx, const struct ui *ui)
{
	const struct form *f = ctx;

	(void)ui;
	if (f->readonly)
		return _(f->def->readonly_title);
	return _(f->item->id ? f->def->edit_title : f->def->new_title);
}

/* After a change: what the list's rules imply (rule 1: lead status goes
 * off with Potential customer), said on the message line. */
static void form_field_changed(void *ctx, struct ui *ui, struct fform *ff, int i)
{
	struct form *f = ctx;
	struct la_item before;
	const char *note;

	(void)ff;
	(void)i;
	lists_item_copy(&before, &f->shown);
	read_fields(f);
	lists_adjust(&f->shown, &before, &note);
	lists_item_clear(&before);
	for (int k = 0; k < f->ff.n; k++)
		if (f->src[k]->kind == LF_BOOL)
			f->f[k].on = lists_field_int(f->src[k], &f->shown) != 0;
	if (note)
		ui_message(ui, ROLE_INFO, "%s", note);
	follow_rules(f);
}

/* Loads the stored state again after a stale save; the domain's message
 * (why) already says that the dialog shows the current values. */
static void form_reload(struct form *f, struct ui *ui, const char *why)
{
	struct la_item cur;
	struct la_err err;

	la_err_clear(&err);
	if (lists_get(ui->db, f->item->list, f->item->id, &cur, &err) == LA_OK) {
		lists_item_clear(f->item);
		*f->item = cur;
		form_fill(f);
		ui_message(ui, ROLE_ERROR, "%s", why);
	} else {
		ui_message(ui, ROLE_ERROR, "%s %s", why, err.msg);
	}
}

/* Saves; true when stored (the dialog closes). */
static bool form_save(void *ctx, struct ui *ui, struct fform *ff)
{
	struct form *f = ctx;
	struct la_item work;
	struct la_err err;
	enum la_status st;

	fform_clear_errors(ff);
	la_err_clear(&err);
	read_fields(f);
	if (f->name_refused >= 0) {
		snprintf(ff->f[f->name_refused].err, sizeof ff->f[f->name_refused].err, "%s",
			 f->name_err.msg);
		fform_focus(ff, f->name_refused);
		ui_message(ui, ROLE_ERROR, "%s", f->name_err.msg);
		return false;
	}
	lists_item_copy(&work, &f->shown);
	st = lists_save(ui->db, &ui->actor, &work, CONFIRM_NONE, &err);
	if (st == LA_CONFIRM) {
		if (!dialog_caution(ui, _("Save"), &err)) {
			ui_message(ui, ROLE_INFO, "%s", _("Not saved: the dialog still holds your changes."));
			lists_item_clear(&work);
			return false;
		}
		la_err_clear(&err);
		st = lists_save(ui->db, &ui->actor, &work, CONFIRM_YES, &err);
	}
	if (st == LA_OK) {
		char *name = lists_shown_visible(work.name);
		bool unchanged = f->item->id && work.updated_count == f->item->updated_count;

		lists_item_clear(f->item);
		*f->item = work;
		/* err.contacts counts the contacts this save gave the default
		 * status (rule 7). */
		if (err.contacts > 0)
			ui_message(ui, ROLE_INFO,
				   ngettext("Saved “%s”: %ld contact got the default lead status.",
					    "Saved “%s”: %ld contacts got the default lead status.",
					    (unsigned long)err.contacts),
				   name, err.contacts);
		else if (unchanged)
			ui_message(ui, ROLE_INFO, _("No changes to “%s”; nothing was saved."), name);
		else
			ui_message(ui, ROLE_INFO, _("Saved “%s”."), name);
		free(name);
		return true;
	}
	lists_item_clear(&work);
	if (st == LA_STALE) {
		form_reload(f, ui, err.msg);
		return false;
	}
	for (int i = 0, focused = 0; i < f->ff.n; i++)
		if (err.field != LA_FIELD_NONE && f->src[i]->id == err.field) {
			/* Once: beside the first of the Name fields of a
			 * multi-language name (the message names the language). */
			if (focused++)
				continue;
			snprintf(ff->f[i].err, sizeof ff->f[i].err, "%s", err.msg);
			fform_focus(ff, i);
		}
	ui_message(ui, ROLE_ERROR, "%s", err.msg);
	return false;
}

static void add_field(struct form *f, const struct la_fielddef *src);

/* The Name fields of a multi-language name: the item's languages in its
 * order, then English and German (the program's) where it lacks them. */
static void add_name_fields(struct form *f, const struct la_fielddef *src)
{
	char codes[FORM_LANGS][3];
	size_t n = lists_name_codes(f->item->name, codes, FORM_LANGS - 2);
	static const char *const own[] = { "en", "de" };

	for (size_t k = 0; k < 2; k++) {
		const char *c = lists_language_code(own[k]);
		bool have = false;

		for (size_t j = 0; j < n; j++)
			have |= strcmp(codes[j], c) == 0;
		if (!have)
			memcpy(codes[n++], c, 3);
	}
	for (size_t j = 0; j < n && f->ff.n < FORM_FIELDS; j++) {
		int i = f->ff.n;

		add_field(f, src);
		memcpy(f->code[i], codes[j], 3);
		/* "Name (English)", "Name (Deutsch)": each language by its own
		 * name, as SuperOffice's language menu shows them. */
		snprintf(f->label[i], sizeof f->label[i], _("%s (%s)"), _(src->label),
			 lists_language_name(codes[j]));
		f->f[i].label = f->label[i];
	}
}

/* The form field of list field src. */
static void add_field(struct form *f, const struct la_fielddef *src)
{
	int i = f->ff.n;
	struct fform_field *x = &f->f[i];

	/* Counts are shown in the list, not edited. */
	if (src->kind == LF_COUNT)
		return;
	f->src[i] = src;
	memset(x, 0, sizeof *x);
	x->label = _(src->label);
	x->help = src->help ? _(src->help) : NULL;
	switch (src->kind) {
	case LF_TEXT:
		x->kind = FF_TEXT;
		break;
	case LF_CHOICE:
		x->kind = FF_CHOICE;
		for (int c = 0; c < src->nchoices && x->nchoices < FORM_CHOICES; c++) {
			if (!src->choices[c].offered) {
				x->unset = _(src->choices[c].label);
				continue;
			}
			f->labels[i][x->nchoices] = _(src->choices[c].label);
			f->values[i][x->nchoices++] = src->choices[c].value;
		}
		x->choices = f->labels[i];
		break;
	case LF_BOOL:
		x->kind = FF_CHECK;
		break;
	case LF_COUNT:
		break;
	}
	f->ff.n++;
}

bool form_run(struct ui *ui, struct la_item *item)
{
	struct form f;
	bool saved;

	memset(&f, 0, sizeof f);
	f.ui = ui;
	f.def = lists_def(item->list);
	f.item = item;
	f.ff.f = f.f;
	lists_item_copy(&f.shown, item);
	f.name_refused = -1;
	{
		struct la_err err;
		bool ml = lists_name_multilang(item->name);

		/* A plain item of a list whose items are multi-language is
		 * edited the same way: its name is every language's. */
		la_err_clear(&err);
		if (!ml && lists_multilang(ui->db, item->list, &ml, &err) != LA_OK)
			ml = false;
		for (size_t i = 0; i < f.def->nfields && f.ff.n < FORM_FIELDS; i++)
			if (ml && f.def->fields[i].id == LA_FIELD_NAME)
				add_name_fields(&f, &f.def->fields[i]);
			else
				add_field(&f, &f.def->fields[i]);
	}
	form_fill(&f);
	bool ticks = false;

	for (int i = 0; i < f.ff.n; i++)
		ticks |= f.f[i].kind == FF_CHECK;
	/* Read-only users are told at once why they only see the values. */
	f.readonly = form_refuse(ui, item->list);
	struct fform_dialog d = {
		.title_of = form_title,
		.footer_actions = ticks ? ACT_DIALOG_TICKS : ACT_DIALOG,
		.refuse = form_refuse_ctx, .save = form_save, .changed = form_changed,
		.field_changed = form_field_changed, .ctx = &f,
		.readonly = f.readonly,
	};
	saved = fform_run(ui, &f.ff, &d);
	fform_free(&f.ff);
	for (int i = 0; i < FORM_FIELDS; i++)
		free(f.initial[i]);
	lists_item_clear(&f.shown);
	return saved;
}
