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

enum ui_theme {
	THEME_DEFAULT,
	THEME_MONO,       /* attributes only; also NO_COLOR and no colours */
	THEME_COLORBLIND, /* blue and orange, never red against green */
	THEME_LIGHT,      /* dark text on a light background */
	THEME_COUNT
};

/* A colour the colour-blind theme uses: orange where the terminal has 256
 * colours, yellow where it has 8. */
#define THEME_ORANGE 208

/* One role's look in a colour theme: the colour pair (-1: the terminal's
 * own colour) and attributes on top of it; the mono theme has attr only. */
struct theme_look {
	short fg, bg;
	int attr;
};

/* The theme of a [ui] theme value; false when there is none of that name. */
bool theme_by_name(const char *name, enum ui_theme *out);
/* The theme names, comma-separated, for messages ("default, mono, ..."). */
const char *theme_names(void);
/* The look of role in theme, as the table has it. */
const struct theme_look *theme_look(enum ui_theme theme, enum ui_role role);

/* Picks the theme by name (NULL: default) and sets up the colour pairs;
 * NO_COLOR and terminals without colour get mono. Call after initscr. */
void theme_init(const char *name);
/* The curses attributes of a role in the theme in use. */
int theme_attr(enum ui_role role);
bool theme_is_mono(void);
/* True when states that the default theme tells by colour (an error on
 * the message line, a field that is not available) also carry a word or
 * a sign: in the mono and colour-blind themes and for screen readers. */
bool theme_marks(void);

/* Screen-reader mode ([ui] reader, --reader): no box drawing, check boxes
 * in words; set before the first draw. */
void theme_set_reader(bool on);
bool theme_reader(void);

#endif
