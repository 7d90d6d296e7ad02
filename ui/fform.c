/* Forms of labelled fields, as a modal box or inside a screen. */
#include "config.h"
#include "fform.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "dialog.h"
#include "draw.h"
#include "i18n.h"
#include "text.h"

#define FIELD_ROWS 2 /* the value, then its hint or error */

/* Labels wider than this share of the width go on a row of their own,
 * above their value. */
static int label_cap(int w)
{
	return w * 2 / 5;
}

static bool stacked(const struct fform_field *f, int w)
{
	return f->kind != FF_CHECK && text_width(f->label) > label_cap(w);
}

static int field_rows(const struct fform_field *f, int w)
{
	return f->hidden ? 0 : stacked(f, w) ? FIELD_ROWS + 1 : FIELD_ROWS;
}

/* The label column: the widest label that is not stacked. */
static int label_width(const struct fform *ff, int w)
{
	int lw = 0;

	for (int i = 0; i < ff->n; i++) {
		const struct fform_field *f = &ff->f[i];
		if (!f->hidden && f->kind != FF_CHECK && !stacked(f, w) &&
		    text_width(f->label) > lw)
			lw = text_width(f->label);
	}
	return lw;
}

/* Keeps the focused field among the shown ones. */
static void scroll_to_focus(struct fform *ff, int w, int h)
{
	if (ff->top > ff->focus)
		ff->top = ff->focus;
	for (;;) {
		int rows = 0;
		for (int i = ff->top; i <= ff->focus; i++)
			rows += field_rows(&ff->f[i], w);
		if (rows <= h || ff->top >= ff->focus)
			break;
		ff->top++;
	}
}

static void draw_value(struct fform_field *f, int y, int x, int w,
		       enum ui_role role, bool focus, int *curx)
{
	char buf[600];

	switch (f->kind) {
	case FF_TEXT:
		field_draw(&f->text, y, x, w, role, focus, curx);
		break;
	case FF_CHOICE:
		snprintf(buf, sizeof buf, "< %s >",
			 f->choice >= 0 && f->choice < f->nchoices ? f->choices[f->choice]
			 : f->unset ? f->unset : "");
		draw_text(y, x, w, buf, role, false);
		*curx = x;
		break;
	case FF_PICK:
		snprintf(buf, sizeof buf, "[ %s ]", f->value ? f->value : "");
		draw_text(y, x, w, buf, role, false);
		*curx = x;
		break;
	case FF_CHECK:
		break;
	}
}

void fform_draw(struct fform *ff, int y, int x, int w, int h,
		enum ui_role bg, int *cy, int *cx)
{
	int lw = label_width(ff, w - 1), row = y;

	*cy = *cx = -1;
	ff->drawn_x = x;
	ff->drawn_w = w;
	for (int i = 0; i < ff->n; i++)
		ff->f[i].drawn_h = 0;
	if (h < FIELD_ROWS || w < 8)
		return;
	scroll_to_focus(ff, w - 1, h);
	for (int i = ff->top; i < ff->n; i++) {
		struct fform_field *f = &ff->f[i];
		bool focus = i == ff->focus;
		enum ui_role frole = f->disabled ? ROLE_DISABLED : focus ? ROLE_FOCUS : ROLE_FIELD;
		int curx = -1, bx;

		if (f->hidden)
			continue;
		if (row + field_rows(f, w - 1) > y + h)
			break;
		f->drawn_y = row;
		f->drawn_h = field_rows(f, w - 1);
		/* The focus reads without colour too. */
		if (focus)
			draw_text(row, x, 1, ">", ROLE_FOCUS, false);
		if (f->kind == FF_CHECK) {
			char label[600];
			snprintf(label, sizeof label, "%s%s", f->label,
				 f->disabled ? _(" (not available)") : "");
			draw_text(row, x + 1, 3, f->on ? "[x]" : "[ ]", frole, true);
			draw_text(row, x + 5, w - 5, label,
				  f->disabled ? ROLE_DISABLED : bg, false);
			curx = x + 2;
			bx = 4;
		} else {
			enum ui_role lrole = focus ? ROLE_FOCUS : f->disabled ? ROLE_DISABLED : bg;
			int vx = x + 1 + lw + 2;
			if (stacked(f, w - 1)) {
				draw_text(row++, x + 1, w - 1, f->label, lrole, false);
				vx = x + 5;
			} else {
				draw_text(row, x + 1, lw, f->label, lrole, true);
			}
			draw_value(f, row, vx, x + w - vx, frole, focus, &curx);
			bx = vx - x - 1;
		}
		if (focus && curx >= 0)
			*cy = row, *cx = curx;
		const char *below = f->err[0] ? f->err : f->hint ? f->hint : "";
		draw_text(row + 1, x + 1 + bx, w - 1 - bx, below,
			  f->err[0] ? ROLE_ERROR : bg, false);
		row += FIELD_ROWS;
	}
}

void fform_focus(struct fform *ff, int i)
{
	for (int k = 0; k < ff->n; k++) {
		int j = (i + k) % ff->n;
		if (!ff->f[j].hidden) {
			ff->focus = j;
			return;
		}
	}
}

static void step_focus(struct fform *ff, int dir)
{
	for (int k = 1; k <= ff->n; k++) {
		int j = ((ff->focus + dir * k) % ff->n + ff->n) % ff->n;
		if (!ff->f[j].hidden) {
			ff->focus = j;
			return;
		}
	}
}

int fform_field_at(const struct fform *ff, int y, int x)
{
	if (x < ff->drawn_x || x >= ff->drawn_x + ff->drawn_w)
		return -1;
	for (int i = 0; i < ff->n; i++) {
		const struct fform_field *f = &ff->f[i];
		if (f->drawn_h > 0 && y >= f->drawn_y && y < f->drawn_y + f->drawn_h)
			return i;
	}
	return -1;
}

static void step_focus(struct fform *ff, int dir);

enum fform_result fform_mouse(struct fform *ff, const struct ui_key *key)
{
	int i;

	if (key_wheel(key)) {
		step_focus(ff, key_wheel(key));
		return FF_MOVED;
	}
	if (!key_is_click(key) || (i = fform_field_at(ff, key->y, key->x)) < 0)
		return FF_IGNORED;
	ff->focus = i;
	return FF_MOVED;
}

static bool is_next(const struct ui_key *key)
{
	return key_is(key, '\t') || key_is_code(key, KEY_DOWN);
}

static bool is_prev(const struct ui_key *key)
{
	return key_is_code(key, KEY_BTAB) || key_is_code(key, KEY_UP);
}

bool fform_edits(const struct fform *ff, const struct ui_key *key)
{
	const struct fform_field *f = &ff->f[ff->focus];

	if (is_next(key) || is_prev(key))
		return false;
	switch (f->kind) {
	case FF_TEXT:
		return key_is_text(key) || key_is_backspace(key) ||
		       key_is_code(key, KEY_DC);
	case FF_CHOICE:
		return key_is_text(key) || key_is_code(key, KEY_LEFT) ||
		       key_is_code(key, KEY_RIGHT);
	case FF_CHECK:
	case FF_PICK:
		return key_is(key, ' ');
	}
	return false;
}

/* The next choice after the current one whose label starts with letter,
 * case-folded (the first from the top when none is chosen); -1: none. */
static int choice_by_letter(const struct fform_field *f, wint_t letter)
{
	char enc[8], *b;
	int found = -1;

	enc[text_encode((unsigned)letter, enc)] = '\0';
	if (!(b = text_fold(enc)))
		return -1;
	for (int k = 1; found < 0 && k <= f->nchoices; k++) {
		int i = (f->choice + k) % f->nchoices;
		char *a = text_fold(f->choices[i] ? f->choices[i] : "");
		if (a && strncmp(a, b, strlen(b)) == 0)
			found = i;
		free(a);
	}
	free(b);
	return found;
}

/* Changes a choice by key; false when it stays. */
static bool choose(struct fform_field *f, struct ui *ui, const struct ui_key *key)
{
	int was = f->choice;

	if (key_is(key, ' ')) {
		int pick = dialog_pick(ui, f->label, "", f->choices, f->nchoices);
		if (pick >= 0)
			f->choice = pick;
	} else if (key_is_text(key)) {
		int i = choice_by_letter(f, key->ch);
		if (i >= 0)
			f->choice = i;
	} else if (f->choice < 0) {
		/* From none: Right starts at the first, Left at the last. */
		f->choice = key_is_code(key, KEY_LEFT) ? f->nchoices - 1 : 0;
	} else {
		int dir = key_is_code(key, KEY_LEFT) ? -1 : 1;
		f->choice = (f->choice + dir + f->nchoices) % f->nchoices;
	}
	return f->choice != was;
}

enum fform_result fform_key(struct fform *ff, struct ui *ui,
			    const struct ui_key *key)
{
	struct fform_field *f = &ff->f[ff->focus];

	if (is_next(key)) {
		step_focus(ff, 1);
		return FF_MOVED;
	}
	if (is_prev(key)) {
		step_focus(ff, -1);
		return FF_MOVED;
	}
	if (f->kind == FF_TEXT && field_move_key(&f->text, key))
		return FF_MOVED;
	if (!fform_edits(ff, key))
		return FF_IGNORED;
	if (f->disabled || f->locked) {
		ui_message(ui, ROLE_ERROR, "%s", f->refusal ? f->refusal
				 : f->hint ? f->hint : "");
		return FF_IGNORED;
	}
	f->err[0] = '\0';
	switch (f->kind) {
	case FF_TEXT:
		field_edit_key(&f->text, key);
		break;
	case FF_CHOICE:
		if (f->nchoices <= 0 || !choose(f, ui, key))
			return FF_IGNORED;
		break;
	case FF_CHECK:
		f->on = !f->on;
		break;
	case FF_PICK:
		return FF_PICK_ASKED;
	}
	return FF_CHANGED;
}

void fform_clear_errors(struct fform *ff)
{
	for (int i = 0; i < ff->n; i++)
		ff->f[i].err[0] = '\0';
}

void fform_free(struct fform *ff)
{
	for (int i = 0; i < ff->n; i++)
		field_free(&ff->f[i].text);
}

bool fform_pick_many(struct ui *ui, const char *title, const char *prompt,
		     const char *const *labels, bool *on, int n)
{
	struct ui_key key;
	int sel = 0, top = 0;
	bool *was = calloc((size_t)(n > 0 ? n : 1), sizeof *was);

	if (!was)
		return false;
	memcpy(was, on, (size_t)n * sizeof *on);
	for (;;) {
		ui_draw(ui);
		if (!ui_too_small()) {
			int w = COLS - 8 < 60 ? COLS - 8 : 60;
			int plines = draw_wrap(0, 0, w - 4, 0, prompt, ROLE_DIALOG);
			int rows = n > 0 ? n : 1, h, y, x;
			if (rows > LINES - 8 - plines)
				rows = LINES - 8 - plines;
			if (rows < 1)
				rows = 1;
			if (sel < top)
				top = sel;
			if (sel >= top + rows)
				top = sel - rows + 1;
			h = plines + rows + 5;
			y = (LINES - h) / 2;
			x = (COLS - w) / 2;
			draw_box(y, x, h, w, title, ROLE_DIALOG);
			draw_wrap(y + 1, x + 2, w - 4, plines, prompt, ROLE_DIALOG);
			for (int i = 0; i < rows && top + i < n; i++) {
				enum ui_role role = top + i == sel ? ROLE_SELECTED : ROLE_DIALOG;
				int ry = y + plines + 2 + i;
				draw_text(ry, x + 2, 1, top + i == sel ? ">" : "", role, true);
				draw_text(ry, x + 4, 4, on[top + i] ? "[x]" : "[ ]", role, true);
				draw_text(ry, x + 8, w - 10, labels[top + i], role, true);
			}
			draw_text(y + h - 2, x + 2, w - 4,
				  _("Space Tick   Enter Take   Esc Cancel"), ROLE_DIALOG, false);
		}
		ui_show();
		ui_key(ui, &key);
		if (key.kind == UK_END || key_is_esc(&key)) {
			memcpy(on, was, (size_t)n * sizeof *on);
			free(was);
			return false;
		}
		if (key_is_enter(&key)) {
			free(was);
			return true;
		}
		if (key_is(&key, ' ') && n > 0)
			on[sel] = !on[sel];
		else if (key_is_code(&key, KEY_UP) && sel > 0)
			sel--;
		else if (key_is_code(&key, KEY_DOWN) && sel + 1 < n)
			sel++;
		else if (key_is_code(&key, KEY_HOME))
			sel = 0;
		else if (key_is_code(&key, KEY_END) && n > 0)
			sel = n - 1;
	}
}

/* The keys, then each shown field's help, a paragraph a line. */
static void run_help(struct ui *ui, const struct fform *ff)
{
	const char *generic[] = {
		_("Enter saves the item (OK); Esc cancels and asks first when something was changed."),
		_("Tab or Down: next field. Shift-Tab or Up: previous field."),
		_("In a text field: type to edit; Left, Right, Home, End, Backspace and Delete work as usual."),
	};
	size_t ng = sizeof generic / sizeof generic[0], n = 0, cap = ng + 1;
	const char **paras;
	char **own;
	size_t nown = 0;

	for (int i = 0; i < ff->n; i++)
		for (const char *h = ff->f[i].help; h && *h; h++)
			cap += h == ff->f[i].help || *h == '\n';
	paras = calloc(cap, sizeof *paras);
	own = calloc(cap, sizeof *own);
	if (!paras || !own)
		abort();
	for (size_t i = 0; i < ng; i++)
		paras[n++] = generic[i];
	for (int i = 0; i < ff->n; i++) {
		const char *h = ff->f[i].help;
		while (h && *h && !ff->f[i].hidden) {
			const char *nl = strchr(h, '\n');
			size_t len = nl ? (size_t)(nl - h) : strlen(h);
			if (!(own[nown] = strndup(h, len)))
				abort();
			paras[n++] = own[nown++];
			h = nl ? nl + 1 : NULL;
		}
	}
	if (nown == 0)
		paras[n++] = _("A value in < >: Left/Right shows the next or previous one, its first letter picks it, Space lists them all. Space ticks or unticks a check box.");
	dialog_text(ui, _("Help: edit dialog"), paras, (int)n);
	for (size_t i = 0; i < nown; i++)
		free(own[i]);
	free(own);
	free(paras);
}

static void run_draw(struct ui *ui, struct fform *ff, const char *title,
		     int *cy, int *cx)
{
	int rows = 0, w, h, y, x;

	ui_draw(ui);
	*cy = *cx = -1;
	if (ui_too_small())
		return;
	w = COLS - 4 < 76 ? COLS - 4 : 76;
	for (int i = 0; i < ff->n; i++)
		rows += field_rows(&ff->f[i], w - 4);
	h = rows + 4;
	if (h > LINES - 3)
		h = LINES - 3;
	y = (LINES - 2 - h) / 2;
	if (y < 1)
		y = 1;
	x = (COLS - w) / 2;
	draw_box(y, x, h, w, title, ROLE_DIALOG);
	fform_draw(ff, y + 2, x + 1, w - 3, h - 4, ROLE_DIALOG, cy, cx);
	/* What was refused or changed must stay readable over the box. */
	if (ui->msg[0])
		ui_draw_message(ui);
}

/* Handles a mouse event in the dialog, as run_key a key (1 saved, -1
 * cancelled, 0 go on): every click of a dialog comes here. A click on
 * a field focuses it, the wheel moves the focus; the footer's keys are
 * the dialog's own and are not clicked (yet). */
static int run_mouse(struct ui *ui, struct fform *ff, const struct fform_dialog *d,
		     const struct ui_key *key)
{
	(void)d;
	ui->msg[0] = '\0';
	fform_mouse(ff, key);
	return 0;
}

/* Handles a key; 1 saved, -1 cancelled, 0 go on. */
static int run_key(struct ui *ui, struct fform *ff, const struct fform_dialog *d,
		   const struct ui_key *key)
{
	enum fform_result res;
	int at = ff->focus;

	ui->msg[0] = '\0';
	if (key_is_code(key, KEY_F(1))) {
		run_help(ui, ff);
	} else if (key_is_enter(key)) {
		if (!d->refuse(d->ctx, ui))
			return d->save(d->ctx, ui, ff) ? 1 : 0;
	} else if (key_is_esc(key)) {
		if (!d->changed(d->ctx, ff) ||
		    dialog_confirm(ui, _("Cancel"), _("Discard your changes?")))
			return -1;
	} else if (fform_edits(ff, key) && d->refuse(d->ctx, ui)) {
		/* the message says why not */
	} else if ((res = fform_key(ff, ui, key)) == FF_PICK_ASKED && d->pick) {
		d->pick(d->ctx, ui, ff);
	} else if (res == FF_CHANGED && d->field_changed) {
		d->field_changed(d->ctx, ui, ff, at);
	}
	return 0;
}

bool fform_run(struct ui *ui, struct fform *ff, const struct fform_dialog *d)
{
	struct ui_key key;
	int done = 0;

	fform_focus(ff, ff->focus);
	ui->footer = d->footer ? d->footer
		     : _("F1:Help Enter:OK Esc:Cancel Tab:Next field Space:Change");
	while (!done) {
		int cy, cx;
		run_draw(ui, ff, d->title_of ? d->title_of(d->ctx, ui) : d->title, &cy, &cx);
		if (cy >= 0) {
			move(cy, cx);
			curs_set(1);
		} else {
			curs_set(0);
		}
		ui_show();
		ui_key(ui, &key);
		if (key.kind == UK_END)
			done = -1;
		else if (key.kind == UK_CHAR || key.kind == UK_CODE)
			done = run_key(ui, ff, d, &key);
		else if (key.kind == UK_MOUSE)
			done = run_mouse(ui, ff, d, &key);
	}
	curs_set(0);
	ui->footer = NULL;
	return done > 0;
}
