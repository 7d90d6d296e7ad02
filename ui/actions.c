/* The action table of the screens (DESIGN §3, keys in the screens). */
#include "config.h"
#include "actions.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curses.h"
#include "draw.h"
#include "i18n.h"
#include "keys.h"
#include "text.h"

#define NO_BINDING (-1)
#define KEY_LABEL_MAX 96

struct action_def {
	int bind;            /* its [keys] action (enum la_key_action), or NO_BINDING */
	int fixed;           /* the key of a dialog's own action */
	const char *footer;  /* NULL: not in the footer */
	const char *help;
	bool changes;
};

_Static_assert(ACT_COUNT <= 64, "an action mask is an act_mask (64 bits)");

static const struct action_def table[ACT_COUNT] = {
	[ACT_HELP] = { LKA_HELP, 0, N_("Help"), N_("help for this screen"), false },
	[ACT_UP] = { LKA_UP, 0, NULL, N_("move the selection"), false },
	[ACT_DOWN] = { LKA_DOWN, 0, NULL, NULL, false },
	[ACT_PGUP] = { LKA_PAGE_UP, 0, NULL, NULL, false },
	[ACT_PGDN] = { LKA_PAGE_DOWN, 0, NULL, NULL, false },
	[ACT_HOME] = { LKA_HOME, 0, NULL, NULL, false },
	[ACT_END] = { LKA_END, 0, NULL, NULL, false },
	[ACT_OPEN] = { LKA_OPEN, 0, N_("Open"), N_("open the selected entry"), false },
	[ACT_EDIT] = { LKA_EDIT, 0, N_("Edit"), N_("edit the selected item"), false },
	[ACT_ADD] = { LKA_ADD, 0, N_("Add"), N_("add an item"), true },
	[ACT_DELETE] = { LKA_DELETE, 0, N_("Delete"), N_("delete the selected item (asks first)"), true },
	[ACT_RESTORE] = { LKA_RESTORE, 0, N_("Restore"), N_("restore the selected deleted item"), true },
	[ACT_MOVE_UP] = { LKA_MOVE_UP, 0, N_("Move"), N_("move the selected item up"), true },
	[ACT_MOVE_DOWN] = { LKA_MOVE_DOWN, 0, NULL, N_("move the selected item down"), true },
	[ACT_SHOW_DELETED] = { LKA_SHOW_DELETED, 0, N_("Deleted"), N_("show or hide deleted items"), false },
	[ACT_FILTER] = { LKA_FILTER, 0, N_("Filter"), N_("filter the list as you type"), false },
	[ACT_BACK] = { LKA_BACK, 0, N_("Back"), N_("back one level; at the top menu, quit"), false },
	[ACT_DEACTIVATE] = { LKA_DEACTIVATE, 0, N_("Deactivate"), N_("deactivate the selected user (asks first)"), true },
	[ACT_REACTIVATE] = { LKA_REACTIVATE, 0, N_("Reactivate"), N_("reactivate the selected inactive user"), true },
	[ACT_SHOW_INACTIVE] = { LKA_SHOW_INACTIVE, 0, N_("Inactive"), N_("show or hide inactive users"), false },
	[ACT_SAVE] = { LKA_SAVE, 0, N_("Save"), N_("save the settings and go back"), true },
	[ACT_CHANGE] = { LKA_CHANGE, 0, N_("Change"), N_("tick a box or choose a value (Left/Right: the next or previous one)"), true },
	[ACT_SET_STATUS] = { LKA_SET_STATUS, 0, N_("Set status"), N_("set the selected contact's lead status (Lead categorization may move its company)"), true },
	[ACT_FIELD_HELP] = { NO_BINDING, LK_F1, N_("Help"), NULL, false },
	[ACT_OK] = { NO_BINDING, '\n', N_("OK"), NULL, false },
	[ACT_CANCEL] = { NO_BINDING, 27, N_("Cancel"), NULL, false },
	[ACT_NEXT_FIELD] = { NO_BINDING, '\t', N_("Next field"), NULL, false },
	[ACT_FIELD_CHANGE] = { NO_BINDING, ' ', N_("Change"), NULL, false },
	[ACT_FIELD_TICK] = { NO_BINDING, ' ', N_("Tick"), NULL, false },
	[ACT_CLOSE] = { NO_BINDING, 27, N_("Close"), NULL, false },
	[ACT_NEXT_TAB] = { LKA_NEXT_TAB, 0, N_("Tabs"), N_("the next tab: Items, User groups, Headings"), false },
	[ACT_PREVIOUS_TAB] = { LKA_PREVIOUS_TAB, 0, NULL, N_("the previous tab"), false },
	[ACT_PREVIEW] = { NO_BINDING, 'p', N_("Preview"), N_("the list as a member of a user group sees it"), false },
	[ACT_GROUPING] = { LKA_GROUPING, 0, N_("Grouping"), N_("turn grouping and user group filtering of this list on or off (asks first)"), true },
	[ACT_DRY_RUN] = { NO_BINDING, LK_F1 + 4, N_("Dry run"), N_("what Distribute to owner would do with the last 100 submissions; saves nothing"), false },
	[ACT_UTM_VALUES] = { LKA_UTM_VALUES, 0, N_("UTM values"), N_("the stored UTM values, their variants grouped, and their aliases"), false },
	[ACT_UTM_FIELD] = { LKA_UTM_FIELD, 0, N_("Field"), N_("the values of the next field: source, medium, campaign"), false },
	[ACT_MERGE] = { LKA_MERGE, 0, N_("Merge"), N_("map the selected group's values to one canonical value (asks first)"), true },
};

/* The footer's order: the most important first, cut from the end. */
static const enum ui_action footer_order[] = {
	/* Help and Back first: they are what a newcomer needs most. */
	ACT_HELP, ACT_BACK, ACT_NEXT_TAB, ACT_OPEN, ACT_EDIT, ACT_ADD, ACT_DELETE,
	ACT_RESTORE, ACT_MOVE_UP, ACT_SHOW_DELETED, ACT_SET_STATUS, ACT_FILTER,
	ACT_SAVE, ACT_CHANGE, ACT_DRY_RUN, ACT_UTM_VALUES, ACT_DEACTIVATE, ACT_REACTIVATE,
	ACT_SHOW_INACTIVE, ACT_PREVIEW, ACT_GROUPING, ACT_MERGE, ACT_UTM_FIELD,
	ACT_FIELD_HELP, ACT_OK, ACT_CANCEL, ACT_CLOSE, ACT_NEXT_FIELD,
	ACT_FIELD_CHANGE, ACT_FIELD_TICK,
};

/* The keys in force ([keys] of the configuration, or the defaults). */
static struct la_keys bound;
static bool bound_set;

void actions_bind(const struct la_keys *keys)
{
	if (keys)
		bound = *keys;
	else
		la_keys_defaults(&bound);
	bound_set = true;
}

/* The keys of act, 0-ended (at most LA_KEYS_PER_ACTION). */
static const int *keys_of(enum ui_action act)
{
	static const int none[1];
	static int fixed[ACT_COUNT][2];

	if (!bound_set)
		actions_bind(NULL);
	if (act <= ACT_NONE || act >= ACT_COUNT)
		return none;
	if (table[act].bind != NO_BINDING)
		return bound.key[table[act].bind];
	fixed[act][0] = table[act].fixed;
	return fixed[act];
}

/* The key as the configuration names it (keys.h) that a curses key is,
 * or 0. */
static int key_code(const struct ui_key *key)
{
	if (key->kind == UK_CHAR) {
		if (key->ch == '\r')
			return '\n';
		if (key->ch == 127 || key->ch == 8)
			return LK_BACKSPACE;
		return (int)key->ch;
	}
	if (key->kind != UK_CODE)
		return 0;
	static const struct { int code, key; } codes[] = {
		{ KEY_UP, LK_UP }, { KEY_DOWN, LK_DOWN }, { KEY_LEFT, LK_LEFT },
		{ KEY_RIGHT, LK_RIGHT }, { KEY_PPAGE, LK_PGUP }, { KEY_NPAGE, LK_PGDN },
		{ KEY_HOME, LK_HOME }, { KEY_END, LK_END }, { KEY_IC, LK_INSERT },
		{ KEY_DC, LK_DELETE }, { KEY_BACKSPACE, LK_BACKSPACE },
		{ KEY_ENTER, '\n' }, { KEY_BTAB, LK_BTAB },
	};
	for (size_t i = 0; i < sizeof codes / sizeof codes[0]; i++)
		if ((wint_t)codes[i].code == key->ch)
			return codes[i].key;
	for (int f = 1; f <= 12; f++)
		if ((wint_t)KEY_F(f) == key->ch)
			return LK_F1 + f - 1;
	return 0;
}

enum ui_action actions_lookup(const struct ui_key *key, act_mask mask)
{
	int k = key_code(key);

	if (!k)
		return ACT_NONE;
	for (int a = 1; a < ACT_COUNT; a++) {
		if (!(mask & ACT_BIT(a)) || table[a].bind == NO_BINDING)
			continue;
		for (const int *p = keys_of((enum ui_action)a); *p; p++)
			if (*p == k)
				return (enum ui_action)a;
	}
	return ACT_NONE;
}

bool actions_changes(enum ui_action act)
{
	return act > ACT_NONE && act < ACT_COUNT && table[act].changes;
}

/* The first key of act as the footer shows it. */
static void first_key(enum ui_action act, char *buf, size_t len)
{
	la_keys_label(keys_of(act)[0], buf, len);
}

/* One key of the footer: "a:Add". */
struct footer_item {
	enum ui_action act;
	int x, w, kw;
	char key[40];
	const char *label;
};

static void footer_key(enum ui_action act, struct footer_item *it)
{
	it->act = act;
	first_key(act, it->key, sizeof it->key);
	/* Move up and down share one footer key: "[]", or "K/J". */
	if (act == ACT_MOVE_UP) {
		char down[16];
		first_key(ACT_MOVE_DOWN, down, sizeof down);
		bool pair = text_width(it->key) == 1 && text_width(down) == 1 &&
			    strchr("[](){}<>", it->key[0]) && strchr("[](){}<>", down[0]);
		size_t n = strlen(it->key);
		snprintf(it->key + n, sizeof it->key - n, "%s%s", pair ? "" : "/", down);
	}
	it->kw = text_width(it->key);
	it->w = it->kw + 1 + text_width(it->label);
}

/* The one layout of the footer, for drawing and for the mouse: the items
 * and their columns; returns how many. */
static int footer_layout(int cols, act_mask mask, struct footer_item *it)
{
	enum { N = sizeof footer_order / sizeof footer_order[0] };
	int n = 0, total = -1, help = -1;

	for (int i = 0; i < N; i++) {
		enum ui_action a = footer_order[i];
		if (!(mask & ACT_BIT(a)) || !table[a].footer || !keys_of(a)[0])
			continue;
		if (a == ACT_HELP || a == ACT_FIELD_HELP)
			help = n;
		it[n].label = _(table[a].footer);
		footer_key(a, &it[n]);
		total += it[n].w + 1;
		n++;
	}
	if (total > cols && help >= 0) {
		/* Not all fit: help gives way to "F1:more" at the end (htop's
		 * function bar), which leads to the help that lists them all. */
		struct footer_item more = it[help];
		more.act = ACT_HELP;
		more.label = _("more");
		more.w = more.kw + 1 + text_width(more.label);
		memmove(&it[help], &it[help + 1], sizeof *it * (size_t)(n - help - 1));
		n--;
		int x = 0, k = 0;
		while (k < n && x + it[k].w + 1 + more.w <= cols) {
			it[k].x = x;
			x += it[k++].w + 1;
		}
		more.x = x;
		it[k++] = more;
		return k;
	}
	int x = 0, k = 0;
	while (k < n && x + it[k].w <= cols) {
		it[k].x = x;
		x += it[k++].w + 1;
	}
	return k;
}

void actions_footer(int y, int cols, act_mask mask)
{
	struct footer_item it[ACT_COUNT + 1];
	int n = footer_layout(cols, mask, it);

	draw_fill(y, 0, cols, ROLE_FOOTER);
	for (int i = 0; i < n; i++) {
		draw_text(y, it[i].x, it[i].kw, it[i].key, ROLE_FOOTER_KEY, false);
		draw_text(y, it[i].x + it[i].kw, 1, ":", ROLE_FOOTER, false);
		draw_text(y, it[i].x + it[i].kw + 1, it[i].w - it[i].kw - 1, it[i].label,
			  ROLE_FOOTER, false);
	}
}

enum ui_action actions_footer_hit(int x, int cols, act_mask mask)
{
	struct footer_item it[ACT_COUNT + 1];
	int n = footer_layout(cols, mask, it);

	for (int i = 0; i < n; i++)
		if (x >= it[i].x && x < it[i].x + it[i].w)
			return it[i].act == ACT_FIELD_HELP ? ACT_HELP : it[i].act;
	return ACT_NONE;
}

/* Appends the labels of act's keys, sep between them. */
static void append_keys(char *buf, size_t len, enum ui_action act, const char *sep)
{
	const int *k = keys_of(act);

	for (int i = 0; k[i]; i++) {
		char name[32];
		size_t n = strlen(buf);
		snprintf(buf + n, len - n, "%s%s", i ? sep : "",
			 la_keys_label(k[i], name, sizeof name));
	}
}

const char *actions_keys_label(enum ui_action act)
{
	static char labels[ACT_COUNT][KEY_LABEL_MAX];

	if (act <= ACT_NONE || act >= ACT_COUNT)
		return "";
	char *buf = labels[act];
	buf[0] = '\0';
	if (act == ACT_UP) {
		/* One line for the six moves: "Up/Down, PgUp/PgDn, Home/End". */
		static const enum ui_action pairs[] = {
			ACT_UP, ACT_DOWN, ACT_PGUP, ACT_PGDN, ACT_HOME, ACT_END,
		};
		for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++) {
			size_t n = strlen(buf);
			snprintf(buf + n, KEY_LABEL_MAX - n, "%s", i == 0 ? "" : i % 2 ? "/" : ", ");
			append_keys(buf, KEY_LABEL_MAX, pairs[i], " ");
		}
		return buf;
	}
	append_keys(buf, KEY_LABEL_MAX, act, ", ");
	if (act == ACT_CHANGE) {
		/* The settings form's own keys beside it. */
		size_t n = strlen(buf);
		char l[32], r[32];
		snprintf(buf + n, KEY_LABEL_MAX - n, ", %s/%s", la_keys_label(LK_LEFT, l, sizeof l),
			 la_keys_label(LK_RIGHT, r, sizeof r));
	}
	return buf;
}

const char *actions_help_label(enum ui_action act)
{
	return act > ACT_NONE && act < ACT_COUNT && table[act].help
	       ? _(table[act].help) : "";
}
