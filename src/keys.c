/* Key bindings of the configuration's [keys] section (keys.h). */
#include "config.h"
#include "keys.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "i18n.h"
#include "text.h"

/* The kinds of screen an action works on: two actions may share a key
 * only when no screen has both (DESIGN §3). */
enum {
	ON_MENU = 1 << 0,     /* menus, the set-up and the lead overview: Enter opens */
	ON_VIEW = 1 << 1,     /* the change log and the contacts: read and filter */
	ON_LIST = 1 << 2,     /* a list of items: edit, add, delete, move */
	ON_USERS = 1 << 3,    /* the associates: edit, add, deactivate */
	ON_SETTINGS = 1 << 4, /* the marketing settings form: save, change */
	ON_ALL = ON_MENU | ON_VIEW | ON_LIST | ON_USERS | ON_SETTINGS,
};

static const struct {
	const char *name;
	const char *defaults; /* in the configuration's own words */
	unsigned on;
} actions[LKA_COUNT] = {
	[LKA_HELP] = { "help", "F1 ?", ON_ALL },
	[LKA_UP] = { "up", "Up", ON_ALL },
	[LKA_DOWN] = { "down", "Down", ON_ALL },
	[LKA_PAGE_UP] = { "page_up", "PgUp", ON_ALL },
	[LKA_PAGE_DOWN] = { "page_down", "PgDn", ON_ALL },
	[LKA_HOME] = { "home", "Home", ON_ALL },
	[LKA_END] = { "end", "End", ON_ALL },
	[LKA_OPEN] = { "open", "Enter", ON_MENU },
	[LKA_EDIT] = { "edit", "Enter", ON_LIST | ON_USERS },
	[LKA_ADD] = { "add", "a Insert", ON_LIST | ON_USERS },
	[LKA_DELETE] = { "delete", "d Delete", ON_LIST },
	[LKA_RESTORE] = { "restore", "r", ON_LIST },
	[LKA_MOVE_UP] = { "move_up", "[", ON_LIST },
	[LKA_MOVE_DOWN] = { "move_down", "]", ON_LIST },
	[LKA_SHOW_DELETED] = { "show_deleted", "s", ON_LIST },
	[LKA_FILTER] = { "filter", "/", ON_VIEW | ON_LIST },
	[LKA_BACK] = { "back", "Esc q", ON_ALL },
	[LKA_DEACTIVATE] = { "deactivate", "d Delete", ON_USERS },
	[LKA_REACTIVATE] = { "reactivate", "r", ON_USERS },
	[LKA_SHOW_INACTIVE] = { "show_inactive", "s", ON_USERS },
	[LKA_SAVE] = { "save", "Enter", ON_SETTINGS },
	[LKA_CHANGE] = { "change", "Space", ON_SETTINGS },
	[LKA_SET_STATUS] = { "set_status", "t", ON_VIEW },
	[LKA_GROUPING] = { "grouping", "g", ON_LIST },
	[LKA_NEXT_TAB] = { "next_tab", "Tab", ON_LIST },
	[LKA_PREVIOUS_TAB] = { "previous_tab", "Shift-Tab", ON_LIST },
	[LKA_UTM_VALUES] = { "utm_values", "u", ON_SETTINGS },
	[LKA_UTM_FIELD] = { "utm_field", "f", ON_LIST },
	[LKA_MERGE] = { "merge", "m", ON_LIST },
};

/* Named keys: the configuration's name and the label the screens show. */
static const struct {
	int key;
	const char *name;
	const char *label;
} named[] = {
	{ LK_UP, "Up", N_("key|Up") },
	{ LK_DOWN, "Down", N_("key|Down") },
	{ LK_LEFT, "Left", N_("key|Left") },
	{ LK_RIGHT, "Right", N_("key|Right") },
	{ LK_PGUP, "PgUp", N_("key|PgUp") },
	{ LK_PGDN, "PgDn", N_("key|PgDn") },
	{ LK_HOME, "Home", N_("key|Home") },
	{ LK_END, "End", N_("key|End") },
	{ LK_INSERT, "Insert", N_("key|Insert") },
	{ LK_DELETE, "Delete", N_("key|Delete") },
	{ LK_BACKSPACE, "Backspace", N_("key|Backspace") },
	{ '\n', "Enter", N_("key|Enter") },
	{ 27, "Esc", N_("key|Esc") },
	{ '\t', "Tab", N_("key|Tab") },
	{ LK_BTAB, "Shift-Tab", N_("key|Shift-Tab") },
	{ ' ', "Space", N_("key|Space") },
};

const char *la_keys_action_name(enum la_key_action a)
{
	return a < LKA_COUNT ? actions[a].name : "";
}

int la_keys_action(const char *name)
{
	for (int a = 0; a < LKA_COUNT; a++)
		if (strcmp(actions[a].name, name) == 0)
			return a;
	return -1;
}

/* The key a word names (a character, a name, F1..F12), or 0. */
static int key_of_word(const char *w)
{
	unsigned cp;
	size_t len = strlen(w);

	if (len && text_decode(w, len, &cp) == len && cp > ' ' && cp != 127)
		return (int)cp;
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (strcasecmp(w, named[i].name) == 0)
			return named[i].key;
	if ((w[0] == 'F' || w[0] == 'f') && w[1] >= '1' && w[1] <= '9') {
		int n = w[1] - '0';
		if (w[2] >= '0' && w[2] <= '9' && !w[3])
			n = n * 10 + (w[2] - '0');
		else if (w[2])
			return 0;
		if (n >= 1 && n <= 12)
			return LK_F1 + n - 1;
	}
	return 0;
}

/* Parses value into keys[] (0-ended); the bad word into bad when not. */
static bool parse_keys(const char *value, int *keys, char *bad, size_t badlen,
		       bool *too_many)
{
	int n = 0;
	const char *p = value;

	*too_many = false;
	memset(keys, 0, sizeof(int) * LA_KEYS_PER_ACTION);
	while (*p) {
		char word[32];
		size_t len = strcspn(p, " \t");

		if (len == 0) {
			p++;
			continue;
		}
		snprintf(bad, badlen, "%.*s", (int)len, p);
		if (len >= sizeof word)
			return false;
		memcpy(word, p, len);
		word[len] = '\0';
		p += len;
		int key = key_of_word(word);
		if (!key)
			return false;
		bool seen = false;
		for (int i = 0; i < n; i++)
			seen |= keys[i] == key;
		if (seen)
			continue;
		if (n == LA_KEYS_PER_ACTION) {
			*too_many = true;
			return false;
		}
		keys[n++] = key;
	}
	bad[0] = '\0';
	return n > 0;
}

void la_keys_defaults(struct la_keys *k)
{
	char bad[32];
	bool many;

	memset(k, 0, sizeof *k);
	for (int a = 0; a < LKA_COUNT; a++)
		parse_keys(actions[a].defaults, k->key[a], bad, sizeof bad, &many);
}

enum la_status la_keys_bind(struct la_keys *k, enum la_key_action a,
			    const char *value, const char *where, int line,
			    struct la_err *err)
{
	int keys[LA_KEYS_PER_ACTION];
	char bad[32];
	bool many;

	if (!parse_keys(value, keys, bad, sizeof bad, &many)) {
		if (many)
			return la_fail(err, LA_USAGE, LA_FIELD_NONE,
				       _("%s:%d: [keys] %s has more than %d keys"),
				       where, line, actions[a].name, LA_KEYS_PER_ACTION);
		if (!bad[0])
			return la_fail(err, LA_USAGE, LA_FIELD_NONE,
				       _("%s:%d: [keys] %s names no key"),
				       where, line, actions[a].name);
		return la_fail(err, LA_USAGE, LA_FIELD_NONE,
			       _("%s:%d: [keys] %s: '%s' is not a key (a single character, or Up, Down, Left, Right, PgUp, PgDn, Home, End, Insert, Delete, Enter, Esc, Tab, Shift-Tab, Space, Backspace, F1 to F12)"),
			       where, line, actions[a].name, bad);
	}
	memcpy(k->key[a], keys, sizeof keys);
	k->line[a] = line;
	return LA_OK;
}

static bool has_key(const struct la_keys *k, int a, int key)
{
	for (int i = 0; i < LA_KEYS_PER_ACTION && k->key[a][i]; i++)
		if (k->key[a][i] == key)
			return true;
	return false;
}

enum la_status la_keys_check(const struct la_keys *k, const char *where,
			     struct la_err *err)
{
	for (int a = 0; a < LKA_COUNT; a++)
		for (int b = a + 1; b < LKA_COUNT; b++) {
			if (!(actions[a].on & actions[b].on))
				continue;
			for (int i = 0; i < LA_KEYS_PER_ACTION && k->key[a][i]; i++) {
				if (!has_key(k, b, k->key[a][i]))
					continue;
				char name[32];
				int line = k->line[a] > k->line[b] ? k->line[a] : k->line[b];

				la_keys_name(k->key[a][i], name, sizeof name);
				return la_fail(err, LA_USAGE, LA_FIELD_NONE,
					       _("%s:%d: [keys] the key %s is bound to both %s and %s"),
					       where, line, name, actions[a].name,
					       actions[b].name);
			}
		}
	return LA_OK;
}

static const char *key_text(int key, char *buf, size_t len, bool label)
{
	if (len == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			/* "key|Delete": the key, not the action, for the
			 * translators; English drops the prefix. */
			const char *t = label ? _(named[i].label) : named[i].name;
			const char *bar = label ? strchr(t, '|') : NULL;
			snprintf(buf, len, "%s", bar ? bar + 1 : t);
			return buf;
		}
	if (key >= LK_F1 && key <= LK_F12) {
		snprintf(buf, len, "F%d", key - LK_F1 + 1);
	} else if (key > 0 && key < LK_UP && len > 4) {
		size_t n = text_encode((unsigned)key, buf);
		buf[n] = '\0';
	}
	return buf;
}

const char *la_keys_name(int key, char *buf, size_t len)
{
	return key_text(key, buf, len, false);
}

const char *la_keys_label(int key, char *buf, size_t len)
{
	return key_text(key, buf, len, true);
}
