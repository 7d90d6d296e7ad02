/* Key bindings: the screens' actions as the configuration's [keys]
 * section names them, their default keys, and the key names (calcurse's
 * keydef[], htop #638). The terminal library stays out: a key is a Unicode character or
 * one of the named keys below; the screens map the terminal's key codes onto them. */
#ifndef LA_KEYS_H
#define LA_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

#define LA_KEYS_PER_ACTION 4

/* Named keys that are not characters; Enter, Esc, Tab and Space are the
 * characters '\n', 27, '\t' and ' '. LK_BTAB is Shift-Tab. */
enum la_key {
	LK_UP = 0x200000, LK_DOWN, LK_LEFT, LK_RIGHT, LK_PGUP, LK_PGDN,
	LK_HOME, LK_END, LK_INSERT, LK_DELETE, LK_BACKSPACE,
	LK_F1, /* ... LK_F1 + 11 is F12 */
	LK_F12 = LK_F1 + 11,
	LK_BTAB,
};

/* The bindable actions, in the order of the configuration's names. */
enum la_key_action {
	LKA_HELP, LKA_UP, LKA_DOWN, LKA_PAGE_UP, LKA_PAGE_DOWN, LKA_HOME,
	LKA_END, LKA_OPEN, LKA_EDIT, LKA_ADD, LKA_DELETE, LKA_RESTORE,
	LKA_MOVE_UP, LKA_MOVE_DOWN, LKA_SHOW_DELETED, LKA_FILTER, LKA_BACK,
	LKA_DEACTIVATE, LKA_REACTIVATE, LKA_SHOW_INACTIVE, LKA_SAVE,
	LKA_CHANGE, LKA_SET_STATUS, LKA_GROUPING, LKA_NEXT_TAB,
	LKA_PREVIOUS_TAB, LKA_UTM_VALUES, LKA_UTM_FIELD,
	LKA_MERGE,
	LKA_COUNT
};

/* The keys of every action; a 0 ends an action's list. */
struct la_keys {
	int key[LKA_COUNT][LA_KEYS_PER_ACTION];
	int line[LKA_COUNT]; /* the line that bound it in the file read last, or 0 */
};

/* The defaults (F1 ?, Up, ..., a Insert, d Delete, [, ], Esc q, ...). */
void la_keys_defaults(struct la_keys *k);
/* The configuration name of an action ("move_up"). */
const char *la_keys_action_name(enum la_key_action a);
/* The action a configuration name stands for, or -1. */
int la_keys_action(const char *name);
/* Binds action a to the keys value lists ("a Insert", words between
 * blanks; a binding replaces the defaults) and remembers line. On an
 * unknown key name or too many keys, LA_USAGE with a message that begins
 * with where (the file and line). */
enum la_status la_keys_bind(struct la_keys *k, enum la_key_action a,
			    const char *value, const char *where, int line,
			    struct la_err *err);
/* Finds two actions that share a key and meet on one screen: LA_USAGE,
 * the message naming where, the line and both actions. Pairs that never
 * meet (open, edit and save are all Enter) may share. */
enum la_status la_keys_check(const struct la_keys *k, const char *where,
			     struct la_err *err);
/* A key as the configuration spells it ("a", "PgUp", "Enter"). */
const char *la_keys_name(int key, char *buf, size_t len);
/* The same as the screens show it, translated ("Bild auf"). */
const char *la_keys_label(int key, char *buf, size_t len);

#endif
