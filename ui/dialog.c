/* Yes/no questions, pickers and the help text. */
#include "config.h"
#include "dialog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "draw.h"
#include "fform.h"
#include "i18n.h"
#include "status.h"
#include "text.h"

/* A centred box of width w (cut to the terminal) and inner height h. */
static void centre_box(int w, int h, const char *title, int *y, int *x,
		       int *iw)
{
	if (w > COLS - 2)
		w = COLS - 2;
	if (h + 2 > LINES - 2)
		h = LINES - 4;
	*y = (LINES - h - 2) / 2;
	*x = (COLS - w) / 2;
	*iw = w - 4;
	draw_box(*y, *x, h + 2, w, title, ROLE_DIALOG);
}

/* The letter that answers yes in the language in use ("y", German "j"). */
static bool is_yes(const struct ui_key *key)
{
	/* TRANSLATORS: the key that answers yes in a confirmation */
	const char *yes = _("y");
	unsigned cp = 0;

	if (key->kind != UK_CHAR)
		return false;
	if (key->ch == 'y' || key->ch == 'Y')
		return true;
	text_decode(yes, strlen(yes), &cp);
	return cp && (key->ch == cp || (cp < 128 && key->ch == (wint_t)(cp - 32)));
}

bool dialog_confirm(struct ui *ui, const char *title, const char *text)
{
	struct ui_key key;
	/* No is marked first: Enter alone never confirms by accident. */
	struct fform_buttons b = { { _("Yes"), _("No") }, 2, 1, -1, { 0 }, { 0 } };
	const char *footer = ui->footer_text;
	bool yes = false;

	/* TRANSLATORS: the keys of a confirmation; keep y in step with the
	 * translation of "y" */
	ui->footer_text = _("y:Yes n:No Esc:No Tab:Next button Enter:Press");
	for (;;) {
		int cx = -1;
		ui_draw(ui);
		if (!ui_too_small()) {
			int w = COLS - 8 < 64 ? COLS - 8 : 64, y, x, iw;
			int lines = draw_wrap(0, 0, w - 4, 0, text, ROLE_DIALOG);
			centre_box(w, lines + 2, title, &y, &x, &iw);
			draw_wrap(y + 1, x + 2, iw, LINES - 6, text, ROLE_DIALOG);
			fform_buttons_draw(&b, y + lines + 2, x + 1, w - 2, ROLE_DIALOG, &cx);
			draw_cursor(b.y, cx);
		}
		ui_show();
		ui_key(ui, &key);
		if (key.kind == UK_END)
			break;
		if (is_yes(&key)) {
			yes = true;
			break;
		}
		if (key_is_esc(&key) || key_is(&key, 'n') || key_is(&key, 'N'))
			break;
		if (key_is_enter(&key) || key_is(&key, ' ')) {
			yes = b.focus == 0;
			break;
		}
		/* A click on a button presses it. */
		if (key_is_click(&key) && fform_buttons_at(&b, key.y, key.x) >= 0) {
			yes = fform_buttons_at(&b, key.y, key.x) == 0;
			break;
		}
		fform_buttons_key(&b, &key, true);
	}
	ui->footer_text = footer;
	return yes;
}

bool dialog_caution(struct ui *ui, const char *title, const struct la_err *err)
{
	char text[1200], part[200];
	size_t len = strlen(err->msg);
	int n = snprintf(text, sizeof text, "%s\n", err->msg);

	if (err->companies > 0 || err->contacts > 0) {
		n += snprintf(text + n, sizeof text - (size_t)n, "\n%s", _("Affected:"));
		if (err->companies > 0) {
			snprintf(part, sizeof part, ngettext("%ld company", "%ld companies",
							     (unsigned long)err->companies),
				 err->companies);
			n += snprintf(text + n, sizeof text - (size_t)n, " %s%s", part,
				      err->contacts > 0 ? "," : "");
		}
		if (err->contacts > 0) {
			snprintf(part, sizeof part, ngettext("%ld contact", "%ld contacts",
							     (unsigned long)err->contacts),
				 err->contacts);
			n += snprintf(text + n, sizeof text - (size_t)n, " %s", part);
		}
		n += snprintf(text + n, sizeof text - (size_t)n, "%s", ".\n");
	}
	/* The domain's text may already end in the question. */
	if (len == 0 || err->msg[len - 1] != '?')
		snprintf(text + n, sizeof text - (size_t)n, "%s", _("Go on?"));
	return dialog_confirm(ui, title, text);
}

int dialog_pick(struct ui *ui, const char *title, const char *prompt,
		const char *const *labels, int n)
{
	struct ui_key key;
	int sel = 0, top = 0;

	if (n <= 0)
		return -1;
	for (;;) {
		ui_draw(ui);
		if (!ui_too_small()) {
			int w = COLS - 8 < 60 ? COLS - 8 : 60, y, x, iw;
			int plines = draw_wrap(0, 0, w - 4, 0, prompt, ROLE_DIALOG);
			int rows = n;
			if (rows > LINES - 8 - plines)
				rows = LINES - 8 - plines;
			if (rows < 1)
				rows = 1;
			if (sel < top)
				top = sel;
			if (sel >= top + rows)
				top = sel - rows + 1;
			centre_box(w, plines + rows + 3, title, &y, &x, &iw);
			draw_wrap(y + 1, x + 2, iw, plines, prompt, ROLE_DIALOG);
			for (int i = 0; i < rows && top + i < n; i++)
			{
				enum ui_role role = top + i == sel ? ROLE_SELECTED : ROLE_DIALOG;
				draw_text(y + plines + 2 + i, x + 2, 2,
					  top + i == sel ? ">" : "", role, true);
				draw_text(y + plines + 2 + i, x + 4, iw - 2, labels[top + i],
					  role, true);
				if (top + i == sel)
					draw_cursor(y + plines + 2 + i, x + 4);
			}
			draw_text(y + plines + rows + 3, x + 2, iw,
				  _("Enter Choose   Esc Cancel"), ROLE_DIALOG, false);
		}
		ui_show();
		ui_key(ui, &key);
		if (key.kind == UK_END || key_is_esc(&key))
			return -1;
		if (key_is_enter(&key))
			return sel;
		if (key_is_code(&key, KEY_UP) && sel > 0)
			sel--;
		else if (key_is_code(&key, KEY_DOWN) && sel + 1 < n)
			sel++;
		else if (key_is_code(&key, KEY_HOME))
			sel = 0;
		else if (key_is_code(&key, KEY_END))
			sel = n - 1;
	}
}

/* Draws a paragraph (rows 0: only counts its rows). "KEYS\tTEXT", as the
 * help has them, wraps TEXT under its own column, not under KEYS. */
static int draw_para(int y, int x, int w, int rows, const char *p)
{
	const char *tab = strchr(p, '\t');

	if (!tab)
		return draw_wrap(y, x, w, rows, p, ROLE_DIALOG);
	char *keys = strndup(p, (size_t)(tab - p));
	if (!keys)
		return 0;
	int indent = text_width(keys);
	if (w - indent < 12)
		indent = 2;
	if (rows > 0)
		draw_text(y, x, w, keys, ROLE_DIALOG, false);
	free(keys);
	/* Keys wider than the column stand on a row of their own. */
	int first = text_width(p) > 0 && indent == 2 ? 1 : 0;
	int need = draw_wrap(0, 0, w - indent, 0, tab + 1, ROLE_DIALOG);
	if (rows > 0)
		draw_wrap(y + first, x + indent, w - indent, rows - first, tab + 1, ROLE_DIALOG);
	return first + need;
}

void dialog_text(struct ui *ui, const char *title, const char *const *paras,
		 int n)
{
	struct ui_key key;
	int first = 0;

	for (;;) {
		int more = 0;
		ui_draw(ui);
		if (!ui_too_small()) {
			int w = COLS - 4 < 76 ? COLS - 4 : 76, y, x, iw;
			int h = LINES - 6;
			centre_box(w, h, title, &y, &x, &iw);
			int row = 0;
			/* The cursor on the first line shown, for a reader. */
			draw_cursor(y + 1, x + 2);
			for (int i = first; i < n; i++) {
				int need = draw_para(0, 0, iw, 0, paras[i]);
				if (row + need > h - 1) {
					more = 1;
					break;
				}
				draw_para(y + 1 + row, x + 2, iw, need, paras[i]);
				row += need;
			}
			draw_text(y + h, x + 2, iw,
				  more || first ? _("Up/Down Scroll   Esc Close")
						: _("Esc Close"),
				  ROLE_DIALOG, false);
		}
		ui_show();
		ui_key(ui, &key);
		if (key.kind == UK_END)
			return;
		if (key.kind == UK_RESIZE || key.kind == UK_TIMEOUT)
			continue;
		/* The wheel scrolls; a click, like any other key, closes. */
		int wheel = key_wheel(&key);
		if ((key_is_code(&key, KEY_DOWN) || key_is_code(&key, KEY_NPAGE) || wheel > 0) && more)
			first++;
		else if ((key_is_code(&key, KEY_UP) || key_is_code(&key, KEY_PPAGE) || wheel < 0) && first)
			first--;
		else if (!key_is_code(&key, KEY_DOWN) && !key_is_code(&key, KEY_UP) &&
			 !key_is_code(&key, KEY_NPAGE) && !key_is_code(&key, KEY_PPAGE) && !wheel)
			return;
	}
}

void dialog_help(struct ui *ui, struct screen *s)
{
	const char *paras[ACT_COUNT + 4];
	char *lines[ACT_COUNT];
	int n = 0, nl = 0;
	act_mask mask = s->ops->actions(s);

	const char *help = s->ops->help_of ? s->ops->help_of(s) : s->ops->help;

	if (help)
		paras[n++] = _(help);
	paras[n++] = "";
	int kw = 0;
	for (int a = 1; a < ACT_COUNT; a++)
		if ((mask & ACT_BIT(a)) && text_width(actions_keys_label((enum ui_action)a)) > kw)
			kw = text_width(actions_keys_label((enum ui_action)a));
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(mask & ACT_BIT(a)) || !*actions_help_label((enum ui_action)a))
			continue;
		const char *k = actions_keys_label((enum ui_action)a);
		int pad = kw + 2 - text_width(k);
		size_t len = strlen(k) + (size_t)kw + 4 +
			     strlen(actions_help_label((enum ui_action)a));
		char *line = malloc(len);
		if (!line)
			continue;
		snprintf(line, len, "%s%*s\t%s", k, pad > 1 ? pad : 1, "",
			 actions_help_label((enum ui_action)a));
		lines[nl++] = line;
		paras[n++] = line;
	}
	if (!ui->can_change) {
		paras[n++] = "";
		paras[n++] = ui->denied;
	}
	char title[256];
	snprintf(title, sizeof title, _("Help: %s"), s->ops->title(s));
	dialog_text(ui, title, paras, n);
	for (int i = 0; i < nl; i++)
		free(lines[i]);
}
