/* Colour roles with one column per theme (ncdu's UI_COLORS, htop's
 * CRT_colorSchemes). Nothing is told by colour alone: every role that
 * matters also has an attribute or a text marker. */
#include "config.h"
#include "theme.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"

struct role_look {
	short fg, bg;   /* default theme; -1 is the terminal's own colour */
	int attr;       /* default theme, on top of the colour */
	int mono;       /* mono theme */
};

static const struct role_look looks[ROLE_COUNT] = {
	[ROLE_NORMAL]     = { -1, -1, 0, 0 },
	[ROLE_TITLE]      = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_REVERSE | A_BOLD },
	[ROLE_HEADER]     = { COLOR_CYAN, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_SELECTED]   = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[ROLE_DELETED]    = { COLOR_RED, -1, 0, A_DIM },
	[ROLE_FOOTER]     = { COLOR_BLACK, COLOR_CYAN, 0, A_REVERSE },
	[ROLE_FOOTER_KEY] = { COLOR_WHITE, COLOR_BLUE, A_BOLD, A_BOLD },
	[ROLE_INFO]       = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[ROLE_ERROR]      = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
	[ROLE_DIALOG]     = { COLOR_BLACK, COLOR_WHITE, 0, 0 },
	[ROLE_FIELD]      = { COLOR_WHITE, COLOR_BLUE, 0, A_UNDERLINE },
	[ROLE_FOCUS]      = { COLOR_BLACK, COLOR_YELLOW, A_BOLD, A_REVERSE },
	[ROLE_DISABLED]   = { COLOR_BLACK, COLOR_WHITE, A_DIM, A_DIM },
	[ROLE_READY]      = { COLOR_GREEN, -1, A_BOLD, A_BOLD },
	[ROLE_MISSING]    = { COLOR_RED, -1, A_BOLD, A_BOLD | A_UNDERLINE },
};

/* Process-wide like the terminal itself: chosen once at start-up. */
static bool mono = true;

void theme_init(const char *name)
{
	const char *no_color = getenv("NO_COLOR");

	mono = true;
	if (name && strcmp(name, "mono") == 0)
		return;
	if (no_color && *no_color)
		return;
	if (!has_colors() || start_color() == ERR || COLOR_PAIRS < ROLE_COUNT + 1)
		return;
	/* Without default colours (vt100-like entries), -1 means white on black. */
	bool own = use_default_colors() == OK;
	for (int r = 1; r < ROLE_COUNT; r++) {
		short fg = looks[r].fg, bg = looks[r].bg;
		if (!own && fg < 0)
			fg = COLOR_WHITE;
		if (!own && bg < 0)
			bg = COLOR_BLACK;
		init_pair((short)r, fg, bg);
	}
	mono = false;
}

int theme_attr(enum ui_role role)
{
	if (role <= ROLE_NORMAL || role >= ROLE_COUNT)
		return A_NORMAL;
	if (mono)
		return looks[role].mono;
	return (int)COLOR_PAIR(role) | looks[role].attr;
}

bool theme_is_mono(void)
{
	return mono;
}
