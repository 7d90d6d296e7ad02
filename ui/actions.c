/* The action table of the screens (DESIGN §3, keys in the screens). */
#include "config.h"
#include "actions.h"

#include <stdlib.h>

#include "curses.h"
#include "draw.h"
#include "i18n.h"
#include "text.h"

#define MAX_KEYS 3

struct key_def {
	bool code; /* ch is a curses KEY_ code, else a character */
	int ch;
};

struct action_def {
	struct key_def keys[MAX_KEYS];
	const char *keys_label; /* as the help lists them */
	const char *footer_key; /* NULL: not in the footer */
	const char *footer;
	const char *help;
	bool changes;
};

static const struct action_def table[ACT_COUNT] = {
	[ACT_HELP] = { { { true, KEY_F(1) }, { false, '?' } },
		N_("F1, ?"), N_("F1"), N_("Help"), N_("help for this screen"), false },
	[ACT_UP] = { { { true, KEY_UP } },
		N_("Up/Down, PgUp/PgDn, Home/End"), NULL, NULL, N_("move the selection"), false },
	[ACT_DOWN] = { { { true, KEY_DOWN } },
		NULL, NULL, NULL, NULL, false },
	[ACT_PGUP] = { { { true, KEY_PPAGE } },
		NULL, NULL, NULL, NULL, false },
	[ACT_PGDN] = { { { true, KEY_NPAGE } },
		NULL, NULL, NULL, NULL, false },
	[ACT_HOME] = { { { true, KEY_HOME } },
		NULL, NULL, NULL, NULL, false },
	[ACT_END] = { { { true, KEY_END } },
		NULL, NULL, NULL, NULL, false },
	[ACT_OPEN] = { { { false, '\n' }, { false, '\r' }, { true, KEY_ENTER } },
		N_("Enter"), N_("Enter"), N_("Open"), N_("open the selected entry"), false },
	[ACT_EDIT] = { { { false, '\n' }, { false, '\r' }, { true, KEY_ENTER } },
		N_("Enter"), N_("Enter"), N_("Edit"), N_("edit the selected item"), false },
	[ACT_ADD] = { { { false, 'a' }, { true, KEY_IC } },
		N_("a, Insert"), N_("a"), N_("Add"), N_("add an item"), true },
	[ACT_DELETE] = { { { false, 'd' }, { true, KEY_DC } },
		N_("d, Delete"), N_("d"), N_("Delete"), N_("delete the selected item (asks first)"), true },
	[ACT_RESTORE] = { { { false, 'r' } },
		N_("r"), N_("r"), N_("Restore"), N_("restore the selected deleted item"), true },
	[ACT_MOVE_UP] = { { { false, '[' } },
		N_("["), N_("[]"), N_("Move"), N_("move the selected item up"), true },
	[ACT_MOVE_DOWN] = { { { false, ']' } },
		N_("]"), NULL, NULL, N_("move the selected item down"), true },
	[ACT_SHOW_DELETED] = { { { false, 's' } },
		N_("s"), N_("s"), N_("Deleted"), N_("show or hide deleted items"), false },
	[ACT_FILTER] = { { { false, '/' } },
		N_("/"), N_("/"), N_("Filter"), N_("filter the list as you type"), false },
	[ACT_BACK] = { { { false, 27 }, { false, 'q' } },
		N_("Esc, q"), N_("Esc"), N_("Back"), N_("back one level; at the top menu, quit"), false },
	[ACT_DEACTIVATE] = { { { false, 'd' }, { true, KEY_DC } },
		N_("d, Delete"), N_("d"), N_("Deactivate"), N_("deactivate the selected user (asks first)"), true },
	[ACT_REACTIVATE] = { { { false, 'r' } },
		N_("r"), N_("r"), N_("Reactivate"), N_("reactivate the selected inactive user"), true },
	[ACT_SHOW_INACTIVE] = { { { false, 's' } },
		N_("s"), N_("s"), N_("Inactive"), N_("show or hide inactive users"), false },
	[ACT_SAVE] = { { { false, '\n' }, { false, '\r' }, { true, KEY_ENTER } },
		N_("Enter"), N_("Enter"), N_("Save"), N_("save the settings and go back"), true },
	[ACT_CHANGE] = { { { false, ' ' } },
		N_("Space, Left/Right"), N_("Space"), N_("Change"), N_("tick a box or choose a value (Left/Right: the next or previous one)"), true },
};

enum ui_action actions_lookup(const struct ui_key *key, unsigned mask)
{
	if (key->kind != UK_CHAR && key->kind != UK_CODE)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(mask & ACT_BIT(a)))
			continue;
		for (int k = 0; k < MAX_KEYS; k++) {
			const struct key_def *d = &table[a].keys[k];
			if (!d->ch)
				break;
			if (d->code == (key->kind == UK_CODE) &&
			    (wint_t)d->ch == key->ch)
				return (enum ui_action)a;
		}
	}
	return ACT_NONE;
}

bool actions_changes(enum ui_action act)
{
	return act > ACT_NONE && act < ACT_COUNT && table[act].changes;
}

/* Lays the footer of the actions in mask out in cols columns: draws it
 * on row y (y < 0: draws nothing) and returns the action whose
 * "key:label" covers column hit (ACT_NONE when none does). */
static enum ui_action footer_layout(int y, int cols, unsigned mask, int hit)
{
	enum ui_action found = ACT_NONE;
	int x = 0;

	if (y >= 0)
		draw_fill(y, 0, cols, ROLE_FOOTER);
	/* Help and Back first: they are what a newcomer needs most. */
	static const enum ui_action order[] = {
		ACT_HELP, ACT_BACK, ACT_OPEN, ACT_EDIT, ACT_ADD, ACT_DELETE,
		ACT_RESTORE, ACT_MOVE_UP, ACT_SHOW_DELETED, ACT_FILTER,
		ACT_SAVE, ACT_CHANGE, ACT_DEACTIVATE, ACT_REACTIVATE,
		ACT_SHOW_INACTIVE,
	};
	for (size_t i = 0; i < sizeof order / sizeof order[0]; i++) {
		enum ui_action a = order[i];
		if (!(mask & ACT_BIT(a)) || !table[a].footer_key)
			continue;
		const char *k = _(table[a].footer_key), *l = _(table[a].footer);
		int need = text_width(k) + 1 + text_width(l);
		if (x + need > cols)
			continue;
		if (hit >= x && hit < x + need)
			found = a;
		if (y >= 0) {
			draw_text(y, x, need, k, ROLE_FOOTER_KEY, false);
			draw_text(y, x + text_width(k), 1, ":", ROLE_FOOTER, false);
			draw_text(y, x + text_width(k) + 1, text_width(l), l, ROLE_FOOTER, false);
		}
		x += need + 1;
	}
	return found;
}

void actions_footer(int y, int cols, unsigned mask)
{
	footer_layout(y, cols, mask, -1);
}

enum ui_action actions_footer_hit(int x, int cols, unsigned mask)
{
	return footer_layout(-1, cols, mask, x);
}

const char *actions_keys_label(enum ui_action act)
{
	return act > ACT_NONE && act < ACT_COUNT && table[act].keys_label
	       ? _(table[act].keys_label) : "";
}

const char *actions_help_label(enum ui_action act)
{
	return act > ACT_NONE && act < ACT_COUNT && table[act].help
	       ? _(table[act].help) : "";
}
