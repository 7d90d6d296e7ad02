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

/* A check box's state: "[x]" or "[ ]"; for screen readers in words. */
static const char *tick_text(bool on)
{
	if (!theme_reader())
		return on ? "[x]" : "[ ]";
	/* TRANSLATORS: the state of a check box in screen-reader mode */
	return on ? _("ticked") : _("not ticked");
}

static int tick_width(void)
{
	int a = text_width(tick_text(true)), b = text_width(tick_text(false));

	return a > b ? a : b;
}

/* A check box's label, with "(not available)" when greyed out. */
static void check_label(const struct fform_field *f, char *buf, size_t size)
{
	snprintf(buf, size, "%s%s", f->label, f->disabled ? _(" (not available)") : "");
}

/* The text below the value: the refusal, else the hint. */
static const char *below(const struct fform_field *f)
{
	return f->err[0] ? f->err : f->hint ? f->hint : "";
}

/* How a field lies in w columns with labels lw wide: rows of its label
 * and value, the column of its hint (from the focus marker's) and the
 * rows of the hint, wrapped at words (at least one, blank or not). */
struct field_layout {
	int head, bx, tail;
};

static struct field_layout layout(const struct fform_field *f, int w, int lw)
{
	struct field_layout l = { 1, lw + 2, 1 };
	char label[600];
	int n;

	if (f->kind == FF_CHECK) {
		check_label(f, label, sizeof label);
		n = draw_wrap(0, 0, w - 2 - tick_width(), 0, label, ROLE_DIALOG);
		l.head = n > 1 ? n : 1;
		l.bx = tick_width() + 1;
	} else if (stacked(f, w)) {
		l.head = 2;
		l.bx = 4;
	}
	n = draw_wrap(0, 0, w - 1 - l.bx, 0, below(f), ROLE_DIALOG);
	l.tail = n > 1 ? n : 1;
	return l;
}

static int field_rows(const struct fform_field *f, int w, int lw)
{
	struct field_layout l;

	if (f->hidden)
		return 0;
	l = layout(f, w, lw);
	return l.head + l.tail;
}

/* Keeps the focused field among the shown ones. */
static void scroll_to_focus(struct fform *ff, int w, int lw, int h)
{
	if (ff->focus >= ff->n)
		return;
	if (ff->top > ff->focus)
		ff->top = ff->focus;
	for (;;) {
		int rows = 0;
		for (int i = ff->top; i <= ff->focus; i++)
			rows += field_rows(&ff->f[i], w, lw);
		if (rows <= h || ff->top >= ff->focus)
			break;
		ff->top++;
	}
}

/* Greyed out is said in words too where colour alone would tell it. */
static const char *unavailable(const struct fform_field *f)
{
	return f->disabled && theme_marks() ? _(" (not available)") : "";
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
		snprintf(buf, sizeof buf, "< %s >%s",
			 f->choice >= 0 && f->choice < f->nchoices ? f->choices[f->choice]
			 : f->unset ? f->unset : "", unavailable(f));
		draw_text(y, x, w, buf, role, false);
		*curx = x;
		break;
	case FF_PICK:
		snprintf(buf, sizeof buf, "[ %s ]%s", f->value ? f->value : "",
			 unavailable(f));
		draw_text(y, x, w, buf, role, false);
		*curx = x;
		break;
	case FF_CHECK:
		break;
	}
}

/* Draws field f from row y; *curx gets its cursor column (-1: none). */
static void draw_field(struct fform_field *f, int y, int x, int w, int lw,
		       bool focus, enum ui_role bg, int *cury, int *curx)
{
	enum ui_role frole = f->disabled ? ROLE_DISABLED : focus ? ROLE_FOCUS : ROLE_FIELD;
	struct field_layout l = layout(f, w - 1, lw);
	int row = y;

	*curx = -1;
	/* The focus reads without colour too. */
	if (focus)
		draw_text(row, x, 1, ">", ROLE_FOCUS, false);
	if (f->kind == FF_CHECK) {
		char label[600];
		check_label(f, label, sizeof label);
		int tw = tick_width();
		draw_text(row, x + 1, tw, tick_text(f->on), frole, true);
		draw_wrap(row, x + 2 + tw, w - 2 - tw, l.head, label,
			  f->disabled ? ROLE_DISABLED : bg);
		/* On the tick, or at the start of the words. */
		*curx = theme_reader() ? x + 1 : x + 2;
		*cury = row;
	} else {
		enum ui_role lrole = focus ? ROLE_FOCUS : f->disabled ? ROLE_DISABLED : bg;
		int vx = x + 1 + l.bx;
		if (l.head > 1)
			draw_text(row, x + 1, w - 1, f->label, lrole, false);
		else
			draw_text(row, x + 1, lw, f->label, lrole, true);
		row += l.head - 1;
		draw_value(f, row, vx, x + w - vx, frole, focus, curx);
		*cury = row;
	}
	draw_wrap(y + l.head, x + 1 + l.bx, w - 1 - l.bx, l.tail, below(f),
		  f->err[0] ? ROLE_ERROR : bg);
}

void fform_buttons_draw(struct fform_buttons *b, int y, int x, int w,
			enum ui_role bg, int *cx)
{
	char buf[300];
	int total = 0, bx;

	for (int i = 0; i < b->n; i++) {
		b->w[i] = text_width(b->label[i]) + 4;
		total += b->w[i] + (i ? 2 : 0);
	}
	bx = x + (w - total) / 2;
	if (bx < x + 1)
		bx = x + 1;
	b->y = y;
	for (int i = 0; i < b->n; i++) {
		bool focus = i == b->focus;
		snprintf(buf, sizeof buf, "[ %s ]", b->label[i]);
		b->x[i] = bx;
		if (focus) {
			draw_text(y, bx - 1, 1, ">", ROLE_FOCUS, false);
			*cx = bx + 2;
		}
		draw_text(y, bx, x + w - bx, buf, focus ? ROLE_FOCUS : bg, false);
		bx += b->w[i] + 2;
	}
}

int fform_buttons_at(const struct fform_buttons *b, int y, int x)
{
	for (int i = 0; i < b->n; i++)
		if (y == b->y && x >= b->x[i] && x < b->x[i] + b->w[i])
			return i;
	return -1;
}

bool fform_buttons_key(struct fform_buttons *b, const struct ui_key *key,
		       bool tab)
{
	int dir = key_is_code(key, KEY_RIGHT) || (tab && key_is(key, '\t')) ? 1
		  : key_is_code(key, KEY_LEFT) || (tab && key_is_code(key, KEY_BTAB)) ? -1
		  : 0;

	if (!dir || b->n <= 0)
		return false;
	b->focus = ((b->focus < 0 ? 0 : b->focus + dir) + b->n) % b->n;
	return true;
}

void fform_draw(struct fform *ff, int y, int x, int w, int h,
		enum ui_role bg, int *cy, int *cx)
{
	int lw = label_width(ff, w - 1), row = y;

	*cy = *cx = -1;
	ff->x = x;
	ff->w = w;
	ff->bt.y = -1;
	for (int i = 0; i < ff->n; i++)
		ff->f[i].rows = 0;
	if (ff->bt.n > 0)
		h--;
	if (h < 2 || w < 8)
		return;
	scroll_to_focus(ff, w - 1, lw, h);
	for (int i = ff->top; i < ff->n; i++) {
		struct fform_field *f = &ff->f[i];
		int rows = field_rows(f, w - 1, lw), cury, curx;

		if (f->hidden)
			continue;
		if (row + rows > y + h) {
			/* More fields below: Tab scrolls to them. */
			draw_text(y + h - 1, x + w - 1, 1, "↓", bg, false);
			break;
		}
		draw_field(f, row, x, w, lw, i == ff->focus, bg, &cury, &curx);
		if (i == ff->focus && curx >= 0)
			*cy = cury, *cx = curx, draw_cursor(cury, curx);
		f->row = row;
		f->rows = rows;
		row += rows;
	}
	for (int i = 0; i < ff->top; i++)
		if (!ff->f[i].hidden) {
			draw_text(y, x + w - 1, 1, "↑", bg, false);
			break;
		}
	if (ff->bt.n > 0) {
		ff->bt.focus = fform_button_focus(ff);
		fform_buttons_draw(&ff->bt, y + h, x, w, bg, cx);
		if (ff->bt.focus >= 0)
			*cy = y + h, draw_cursor(*cy, *cx);
	}
}

int fform_button_focus(const struct fform *ff)
{
	return ff->focus >= ff->n && ff->focus < ff->n + ff->bt.n ? ff->focus - ff->n : -1;
}

int fform_button_at(const struct fform *ff, int y, int x)
{
	return fform_buttons_at(&ff->bt, y, x);
}

int fform_field_at(const struct fform *ff, int y, int x)
{
	for (int i = 0; i < ff->n; i++) {
		const struct fform_field *f = &ff->f[i];
		if (f->rows > 0 && y >= f->row && y < f->row + f->rows &&
		    x >= ff->x && x < ff->x + ff->w)
			return i;
	}
	return -1;
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

/* Steps the focus through the shown fields, then the buttons. */
static void step_focus(struct fform *ff, int dir)
{
	int stops = ff->n + ff->bt.n;

	for (int k = 1; k <= stops; k++) {
		int j = ((ff->focus + dir * k) % stops + stops) % stops;
		if (j >= ff->n || !ff->f[j].hidden) {
			ff->focus = j;
			return;
		}
	}
}


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
	const struct fform_field *f;

	if (is_next(key) || is_prev(key) || fform_button_focus(ff) >= 0)
		return false;
	f = &ff->f[ff->focus];
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
	struct fform_field *f;

	if (is_next(key)) {
		step_focus(ff, 1);
		return FF_MOVED;
	}
	if (is_prev(key)) {
		step_focus(ff, -1);
		return FF_MOVED;
	}
	if (fform_button_focus(ff) >= 0) {
		ff->bt.focus = fform_button_focus(ff);
		if (!fform_buttons_key(&ff->bt, key, false))
			return FF_IGNORED;
		ff->focus = ff->n + ff->bt.focus;
		return FF_MOVED;
	}
	f = &ff->f[ff->focus];
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
				int tw = tick_width();
				draw_text(ry, x + 4, tw + 1, tick_text(on[top + i]), role, true);
				draw_text(ry, x + 5 + tw, w - 7 - tw, labels[top + i], role, true);
				if (top + i == sel)
					draw_cursor(ry, x + 4);
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
static void run_help(struct ui *ui, const struct fform *ff,
		     const struct fform_dialog *d)
{
	const char *generic[] = {
		d->readonly ? _("You may only look at this item: Esc or the Close button closes the dialog.")
		: _("Enter saves the item (OK); Esc cancels and asks first when something was changed."),
		_("Tab or Down: next field. Shift-Tab or Up: previous field. After the last field Tab reaches the buttons; Enter or Space presses the marked one, Left and Right move between them."),
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
	int rows = 0, w, h, y, x, lw, blank = 1;

	ui_draw(ui);
	*cy = *cx = -1;
	if (ui_too_small())
		return;
	w = COLS - 4 < 76 ? COLS - 4 : 76;
	lw = label_width(ff, w - 4);
	for (int i = 0; i < ff->n; i++)
		rows += field_rows(&ff->f[i], w - 4, lw);
	/* The frame, a blank row (unless rows are short), the fields, the
	 * buttons, the frame. */
	h = rows + 4;
	if (h > LINES - 3)
		h = LINES - 3, blank = 0;
	y = (LINES - 2 - h) / 2;
	if (y < 1)
		y = 1;
	x = (COLS - w) / 2;
	draw_box(y, x, h, w, title, ROLE_DIALOG);
	fform_draw(ff, y + 1 + blank, x + 1, w - 3, h - 2 - blank, ROLE_DIALOG, cy, cx);
	/* What was refused or changed must stay readable over the box. */
	if (ui->msg[0])
		ui_draw_message(ui);
}

/* Enter on OK, or in a field: saves unless the user may not. */
static int run_ok(struct ui *ui, struct fform *ff, const struct fform_dialog *d)
{
	if (d->refuse(d->ctx, ui))
		return 0;
	return d->save(d->ctx, ui, ff) ? 1 : 0;
}

/* Esc, Cancel or Close: asks first when something was changed. */
static int run_cancel(struct ui *ui, struct fform *ff, const struct fform_dialog *d)
{
	if (!d->changed(d->ctx, ff) ||
	    dialog_confirm(ui, _("Cancel"), _("Discard your changes?")))
		return -1;
	return 0;
}

int fform_press(struct ui *ui, struct fform *ff, const struct fform_dialog *d,
		int i)
{
	if (i < 0 || i >= ff->bt.n)
		return 0;
	ff->focus = ff->n + i;
	return ff->button[i] == FB_OK ? run_ok(ui, ff, d) : run_cancel(ui, ff, d);
}

/* The buttons of the dialog: OK and Cancel, or Close when read-only. */
static void run_buttons(struct fform *ff, const struct fform_dialog *d)
{
	if (d->readonly) {
		ff->button[0] = FB_CLOSE;
		ff->bt.label[0] = _("Close");
		ff->bt.n = 1;
	} else {
		ff->button[0] = FB_OK;
		ff->button[1] = FB_CANCEL;
		ff->bt.label[0] = _("OK");
		ff->bt.label[1] = _("Cancel");
		ff->bt.n = 2;
	}
}

static int run_key(struct ui *ui, struct fform *ff, const struct fform_dialog *d,
		   const struct ui_key *key);

/* Handles a mouse event in the dialog, as run_key a key (1 saved, -1
 * cancelled, 0 go on): every click of a dialog comes here. A click on
 * a button presses it, on a key of the footer does what the key does, on
 * a field focuses it; the wheel moves the focus. */
static int run_mouse(struct ui *ui, struct fform *ff, const struct fform_dialog *d,
		     const struct ui_key *key)
{
	int b = fform_button_at(ff, key->y, key->x);

	ui->msg[0] = '\0';
	if (b >= 0 && key_is_click(key))
		return fform_press(ui, ff, d, b);
	if (key_is_click(key) && key->y == LINES - 1) {
		/* The footer's keys: each does what its key does. */
		struct ui_key k = { .kind = UK_CHAR };
		switch (actions_footer_hit(key->x, COLS, ui->footer_actions)) {
		case ACT_OK:
			return run_ok(ui, ff, d);
		case ACT_CANCEL:
		case ACT_CLOSE:
			return run_cancel(ui, ff, d);
		case ACT_NEXT_FIELD:
			k.ch = '\t';
			break;
		case ACT_FIELD_CHANGE:
		case ACT_FIELD_TICK:
			k.ch = ' ';
			break;
		case ACT_HELP:
			k.kind = UK_CODE;
			k.ch = KEY_F(1);
			break;
		default:
			return 0;
		}
		return run_key(ui, ff, d, &k);
	}
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
		run_help(ui, ff, d);
	} else if (fform_button_focus(ff) >= 0 &&
		   (key_is_enter(key) || key_is(key, ' '))) {
		return fform_press(ui, ff, d, fform_button_focus(ff));
	} else if (key_is_enter(key)) {
		return run_ok(ui, ff, d);
	} else if (key_is_esc(key)) {
		return run_cancel(ui, ff, d);
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

	run_buttons(ff, d);
	if (ff->focus < ff->n)
		fform_focus(ff, ff->focus);
	ui->footer_actions = d->readonly ? ACT_DIALOG_READONLY
			     : d->footer_actions ? d->footer_actions : ACT_DIALOG;
	while (!done) {
		int cy, cx;
		/* fform_draw puts the cursor in the focused field. */
		run_draw(ui, ff, d->title_of ? d->title_of(d->ctx, ui) : d->title, &cy, &cx);
		ui_show();
		ui_key(ui, &key);
		if (key.kind == UK_END)
			done = -1;
		else if (key.kind == UK_CHAR || key.kind == UK_CODE)
			done = run_key(ui, ff, d, &key);
		else if (key.kind == UK_MOUSE)
			done = run_mouse(ui, ff, d, &key);
	}
	ui->footer_actions = 0;
	ff->bt.n = 0;
	return done > 0;
}

/* ---- the values of a choice field */

void fform_choices_free(struct fform_choices *c)
{
	for (int i = 0; i < c->n; i++)
		free(c->labels[i]);
	free(c->labels);
	free(c->ids);
	memset(c, 0, sizeof *c);
}

void fform_choices_add(struct fform_choices *c, int64_t id, const char *label,
		       const char *suffix)
{
	size_t len = strlen(label) + (suffix ? strlen(suffix) + 1 : 0) + 1;
	char **l = realloc(c->labels, (size_t)(c->n + 1) * sizeof *l);
	int64_t *ids = l ? realloc(c->ids, (size_t)(c->n + 1) * sizeof *ids) : NULL;

	if (!l || !ids)
		abort();
	c->labels = l;
	c->ids = ids;
	if (!(l[c->n] = malloc(len)))
		abort();
	snprintf(l[c->n], len, "%s%s%s", label, suffix ? " " : "", suffix ? suffix : "");
	ids[c->n++] = id;
}

int fform_choices_find(const struct fform_choices *c, int64_t id)
{
	for (int i = 0; i < c->n; i++)
		if (c->ids[i] == id)
			return i;
	return 0;
}
