/* The one table of actions: name, keys, labels. It feeds the key
 * dispatch, the footer and the F1 help, so they cannot disagree (tig's
 * REQ_ table, calcurse's keydef[]). */
#ifndef UI_ACTIONS_H
#define UI_ACTIONS_H

#include <stdbool.h>
#include <stdint.h>

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
	ACT_SET_STATUS,   /* the lead overview's contacts: set a lead status */
	/* The dialogs' own keys, fixed (the form engine reads them itself):
	 * only for their footer. */
	ACT_FIELD_HELP,   /* F1: help for the field */
	ACT_OK,           /* Enter */
	ACT_CANCEL,       /* Esc */
	ACT_NEXT_FIELD,   /* Tab */
	ACT_FIELD_CHANGE, /* Space: choose a value */
	ACT_FIELD_TICK,   /* Space: tick a box */
	ACT_CLOSE,        /* Esc: close a dialog that only shows */
	ACT_NEXT_TAB,     /* Tab: a list's next tab (grouping) */
	ACT_PREVIOUS_TAB, /* Shift-Tab: a list's previous tab (grouping) */
	ACT_PREVIEW,      /* p: the list as a user group sees it */
	ACT_GROUPING,     /* a list's grouping and user-group filtering on or off */
	ACT_DRY_RUN,      /* F5: Marketing's dry run of Distribute to owner */
	ACT_UTM_VALUES,   /* u: Marketing's UTM values */
	ACT_UTM_FIELD,    /* f: the UTM values of the next field */
	ACT_MERGE,        /* m: merge a group of UTM values into one */
	ACT_COUNT         /* at most 64: masks are act_mask (ACT_BIT) */
};

/* A set of actions: a bit an action. */
typedef uint64_t act_mask;
#define ACT_BIT(a) ((act_mask)1 << (a))
#define ACT_MOVES (ACT_BIT(ACT_UP) | ACT_BIT(ACT_DOWN) | ACT_BIT(ACT_PGUP) | \
		   ACT_BIT(ACT_PGDN) | ACT_BIT(ACT_HOME) | ACT_BIT(ACT_END))
#define ACT_COMMON (ACT_BIT(ACT_HELP) | ACT_MOVES | ACT_BIT(ACT_BACK))
/* The footer of a dialog made by the form engine. */
#define ACT_DIALOG (ACT_BIT(ACT_FIELD_HELP) | ACT_BIT(ACT_OK) | ACT_BIT(ACT_CANCEL) | \
		    ACT_BIT(ACT_NEXT_FIELD) | ACT_BIT(ACT_FIELD_CHANGE))
/* The same for a dialog with check boxes: Space:Tick. */
#define ACT_DIALOG_READONLY (ACT_BIT(ACT_FIELD_HELP) | ACT_BIT(ACT_CLOSE) | ACT_BIT(ACT_NEXT_FIELD))
#define ACT_DIALOG_TICKS ((ACT_DIALOG & ~ACT_BIT(ACT_FIELD_CHANGE)) | ACT_BIT(ACT_FIELD_TICK))

struct la_keys;

/* Puts the keys of the configuration's [keys] in force (NULL: the
 * defaults); before the first call the defaults are. */
void actions_bind(const struct la_keys *keys);

/* The action that key stands for among those in mask, or ACT_NONE. */
enum ui_action actions_lookup(const struct ui_key *key, act_mask mask);
/* True when the action would change the database. */
bool actions_changes(enum ui_action act);
/* Draws the footer of the actions in mask on row y: the keys that fit in
 * cols, the most important first, and "F1:more" when some do not. */
void actions_footer(int y, int cols, act_mask mask);
/* The action of the footer key drawn at column x (ACT_HELP for "F1:more"), or ACT_NONE. */
enum ui_action actions_footer_hit(int x, int cols, act_mask mask);
/* The help lines for mask: the keys in force ("a, Insert") and what the
 * action does, translated. The keys label stays valid until the next
 * call for the same action. */
const char *actions_keys_label(enum ui_action act);
const char *actions_help_label(enum ui_action act);

#endif
