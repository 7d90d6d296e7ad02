/* Colour roles: what a piece of the screen means, not which colour it has.
 * Each role has a look per theme; the mono theme uses attributes only. */
#ifndef UI_THEME_H
#define UI_THEME_H

#include <stdbool.h>

enum ui_role {
	ROLE_NORMAL = 0,
	ROLE_TITLE,      /* the breadcrumb line */
	ROLE_HEADER,     /* column headings */
	ROLE_SELECTED,   /* the selected row */
	ROLE_DELETED,    /* a deleted item (also marked with text) */
	ROLE_FOOTER,     /* the key line */
	ROLE_FOOTER_KEY, /* a key name in the footer and the help */
	ROLE_INFO,       /* the message line: what just happened */
	ROLE_ERROR,      /* the message line: what was refused */
	ROLE_DIALOG,     /* a dialog's body */
	ROLE_FIELD,      /* an input field */
	ROLE_FOCUS,      /* the field that has the focus */
	ROLE_DISABLED,   /* greyed out */
	ROLE_READY,      /* a set-up step that is done */
	ROLE_MISSING,    /* a set-up step that is not */
	ROLE_COUNT
};

/* Picks the theme ("default", "mono" or NULL) and sets up the colour pairs;
 * NO_COLOR and terminals without colour get mono. Call after initscr. */
void theme_init(const char *name);
/* The curses attributes of a role in the theme in use. */
int theme_attr(enum ui_role role);
bool theme_is_mono(void);

#endif
