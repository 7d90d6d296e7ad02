/* The one table of actions: name, keys, labels. It feeds the key
 * dispatch, the footer and the F1 help, so they cannot disagree (tig's
 * REQ_ table, calcurse's keydef[]). */
#ifndef UI_ACTIONS_H
#define UI_ACTIONS_H

#include <stdbool.h>

#include "input.h"

enum ui_action {
	ACT_NONE = 0,
	ACT_HELP,
	ACT_UP,
	ACT_DOWN,
	ACT_PGUP,
	ACT_PGDN,
	ACT_HOME,
	ACT_END,
	ACT_OPEN,         /* Enter in a menu */
	ACT_EDIT,         /* Enter in a list */
	ACT_ADD,
	ACT_DELETE,
	ACT_RESTORE,
	ACT_MOVE_UP,
	ACT_MOVE_DOWN,
	ACT_SHOW_DELETED,
	ACT_FILTER,
	ACT_BACK,
	ACT_DEACTIVATE,   /* users: d instead of delete */
	ACT_REACTIVATE,
	ACT_SHOW_INACTIVE,
	ACT_SAVE,         /* Enter in a settings form */
	ACT_CHANGE,       /* Space in a settings form */
	ACT_COUNT
};

#define ACT_BIT(a) (1u << (a))
#define ACT_MOVES (ACT_BIT(ACT_UP) | ACT_BIT(ACT_DOWN) | ACT_BIT(ACT_PGUP) | \
		   ACT_BIT(ACT_PGDN) | ACT_BIT(ACT_HOME) | ACT_BIT(ACT_END))
#define ACT_COMMON (ACT_BIT(ACT_HELP) | ACT_MOVES | ACT_BIT(ACT_BACK))

/* The action that key stands for among those in mask, or ACT_NONE. */
enum ui_action actions_lookup(const struct ui_key *key, unsigned mask);
/* True when the action would change the database. */
bool actions_changes(enum ui_action act);
/* Draws the footer of the actions in mask on row y. */
void actions_footer(int y, int cols, unsigned mask);
/* The action of the footer key drawn at column x of that footer (a
 * click on it runs it), or ACT_NONE. */
enum ui_action actions_footer_hit(int x, int cols, unsigned mask);
/* The help lines for mask: "keys" and "what it does", translated. */
const char *actions_keys_label(enum ui_action act);
const char *actions_help_label(enum ui_action act);

#endif
