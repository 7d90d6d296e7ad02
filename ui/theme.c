/* Colour roles with one column per theme (ncdu's UI_COLORS, htop's
 * CRT_colorSchemes). Nothing is told by colour alone: every role that
 * matters also has an attribute or a text marker. */
#include "config.h"
#include "theme.h"

#include <stdlib.h>
#include <string.h>

#include "curses.h"

static const char *const names[THEME_COUNT] = {
	[THEME_DEFAULT] = "default",
	[THEME_MONO] = "mono",
	[THEME_COLORBLIND] = "colorblind",
	[THEME_LIGHT] = "light",
};

/* The colour themes; THEME_MONO's row holds its attributes only. The
 * colour-blind row uses blue, orange (THEME_ORANGE), cyan, white and
 * black: no red and no green, so that no two states differ only by red
 * against green (deuteranopia, protanopia). */
static const struct theme_look looks[THEME_COUNT][ROLE_COUNT] = {
	[THEME_DEFAULT] = {
		[ROLE_NORMAL]     = { -1, -1, 0 },
		[ROLE_TITLE]      = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_HEADER]     = { COLOR_CYAN, -1, A_BOLD },
		[ROLE_SELECTED]   = { COLOR_BLACK, COLOR_CYAN, 0 },
		[ROLE_DELETED]    = { COLOR_RED, -1, 0 },
		[ROLE_FOOTER]     = { COLOR_BLACK, COLOR_CYAN, 0 },
		[ROLE_FOOTER_KEY] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_INFO]       = { COLOR_GREEN, -1, A_BOLD },
		[ROLE_ERROR]      = { COLOR_RED, -1, A_BOLD },
		[ROLE_DIALOG]     = { COLOR_BLACK, COLOR_WHITE, 0 },
		[ROLE_FIELD]      = { COLOR_WHITE, COLOR_BLUE, 0 },
		[ROLE_FOCUS]      = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[ROLE_DISABLED]   = { COLOR_BLACK, COLOR_WHITE, A_DIM },
		[ROLE_READY]      = { COLOR_GREEN, -1, A_BOLD },
		[ROLE_MISSING]    = { COLOR_RED, -1, A_BOLD },
	},
	[THEME_MONO] = {
		[ROLE_NORMAL]     = { -1, -1, 0 },
		[ROLE_TITLE]      = { -1, -1, A_REVERSE | A_BOLD },
		[ROLE_HEADER]     = { -1, -1, A_BOLD | A_UNDERLINE },
		[ROLE_SELECTED]   = { -1, -1, A_REVERSE },
		[ROLE_DELETED]    = { -1, -1, A_DIM },
		[ROLE_FOOTER]     = { -1, -1, A_REVERSE },
		/* Hotkeys underlined (mc #4775), not told by colour. */
		[ROLE_FOOTER_KEY] = { -1, -1, A_BOLD | A_UNDERLINE },
		[ROLE_INFO]       = { -1, -1, A_BOLD },
		[ROLE_ERROR]      = { -1, -1, A_BOLD | A_UNDERLINE },
		[ROLE_DIALOG]     = { -1, -1, 0 },
		[ROLE_FIELD]      = { -1, -1, A_UNDERLINE },
		[ROLE_FOCUS]      = { -1, -1, A_REVERSE },
		[ROLE_DISABLED]   = { -1, -1, A_DIM },
		[ROLE_READY]      = { -1, -1, A_BOLD },
		[ROLE_MISSING]    = { -1, -1, A_BOLD | A_UNDERLINE },
	},
	[THEME_COLORBLIND] = {
		[ROLE_NORMAL]     = { -1, -1, 0 },
		[ROLE_TITLE]      = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_HEADER]     = { COLOR_CYAN, -1, A_BOLD | A_UNDERLINE },
		[ROLE_SELECTED]   = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_DELETED]    = { THEME_ORANGE, -1, 0 },
		[ROLE_FOOTER]     = { COLOR_BLACK, COLOR_WHITE, 0 },
		[ROLE_FOOTER_KEY] = { COLOR_BLUE, COLOR_WHITE, A_BOLD | A_UNDERLINE },
		[ROLE_INFO]       = { COLOR_CYAN, -1, A_BOLD },
		[ROLE_ERROR]      = { THEME_ORANGE, COLOR_BLUE, A_BOLD },
		[ROLE_DIALOG]     = { COLOR_BLACK, COLOR_WHITE, 0 },
		[ROLE_FIELD]      = { COLOR_WHITE, COLOR_BLUE, 0 },
		[ROLE_FOCUS]      = { COLOR_BLACK, THEME_ORANGE, A_BOLD },
		[ROLE_DISABLED]   = { COLOR_BLACK, COLOR_WHITE, A_DIM },
		[ROLE_READY]      = { COLOR_BLUE, -1, A_BOLD },
		[ROLE_MISSING]    = { THEME_ORANGE, -1, A_BOLD | A_UNDERLINE },
	},
	[THEME_LIGHT] = {
		[ROLE_NORMAL]     = { COLOR_BLACK, COLOR_WHITE, 0 },
		[ROLE_TITLE]      = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_HEADER]     = { COLOR_BLUE, COLOR_WHITE, A_BOLD },
		[ROLE_SELECTED]   = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_DELETED]    = { COLOR_RED, COLOR_WHITE, 0 },
		[ROLE_FOOTER]     = { COLOR_BLACK, COLOR_CYAN, 0 },
		[ROLE_FOOTER_KEY] = { COLOR_WHITE, COLOR_BLUE, A_BOLD },
		[ROLE_INFO]       = { COLOR_BLUE, COLOR_WHITE, A_BOLD },
		[ROLE_ERROR]      = { COLOR_RED, COLOR_WHITE, A_BOLD },
		[ROLE_DIALOG]     = { COLOR_BLACK, COLOR_CYAN, 0 },
		[ROLE_FIELD]      = { COLOR_BLACK, COLOR_WHITE, A_UNDERLINE },
		[ROLE_FOCUS]      = { COLOR_BLACK, COLOR_YELLOW, A_BOLD },
		[ROLE_DISABLED]   = { COLOR_BLACK, COLOR_CYAN, A_DIM },
		[ROLE_READY]      = { COLOR_BLUE, COLOR_WHITE, A_BOLD },
		[ROLE_MISSING]    = { COLOR_RED, COLOR_WHITE, A_BOLD | A_UNDERLINE },
	},
};

/* Process-wide like the terminal itself: chosen once at start-up. */
static enum ui_theme in_use = THEME_MONO;
static bool reader;

bool theme_by_name(const char *name, enum ui_theme *out)
{
	for (int t = 0; t < THEME_COUNT; t++)
		if (name && strcmp(name, names[t]) == 0) {
			*out = (enum ui_theme)t;
			return true;
		}
	return false;
}

const char *theme_names(void)
{
	return "default, mono, colorblind, light";
}

const struct theme_look *theme_look(enum ui_theme theme, enum ui_role role)
{
	if ((int)theme < 0 || theme >= THEME_COUNT || (int)role < 0 || role >= ROLE_COUNT)
		return &looks[THEME_DEFAULT][ROLE_NORMAL];
	return &looks[theme][role];
}

/* A colour this terminal has: orange falls back to yellow with 8 colours,
 * and without default colours -1 is white (fg) or black (bg). */
static short terminal_colour(short c, bool own, short unset)
{
	if (c == THEME_ORANGE && COLORS < 256)
		return COLOR_YELLOW;
	if (c < 0 && !own)
		return unset;
	return c;
}

void theme_init(const char *name)
{
	const char *no_color = getenv("NO_COLOR");
	enum ui_theme want = THEME_DEFAULT;

	in_use = THEME_MONO;
	if (name && !theme_by_name(name, &want))
		want = THEME_DEFAULT;
	if (want == THEME_MONO)
		return;
	if (no_color && *no_color)
		return;
	if (!has_colors() || start_color() == ERR || COLOR_PAIRS < ROLE_COUNT + 1)
		return;
	/* Without default colours (vt100-like entries), -1 means white on black. */
	bool own = use_default_colors() == OK;
	for (int r = 0; r < ROLE_COUNT; r++) {
		const struct theme_look *l = &looks[want][r];
		init_pair((short)(r + 1), terminal_colour(l->fg, own, COLOR_WHITE),
			  terminal_colour(l->bg, own, COLOR_BLACK));
	}
	in_use = want;
	/* What is drawn without a role (erased rows, plain text) takes the
	 * theme's normal colours: the light theme's background. */
	if (looks[want][ROLE_NORMAL].fg >= 0 || looks[want][ROLE_NORMAL].bg >= 0)
		bkgd((chtype)COLOR_PAIR(ROLE_NORMAL + 1) | ' ');
}

int theme_attr(enum ui_role role)
{
	if ((int)role < 0 || role >= ROLE_COUNT)
		return A_NORMAL;
	if (in_use == THEME_MONO)
		return looks[THEME_MONO][role].attr;
	if (role == ROLE_NORMAL && looks[in_use][role].fg < 0 && looks[in_use][role].bg < 0)
		return A_NORMAL;
	return (int)COLOR_PAIR(role + 1) | looks[in_use][role].attr;
}

bool theme_is_mono(void)
{
	return in_use == THEME_MONO;
}

bool theme_marks(void)
{
	return in_use == THEME_MONO || in_use == THEME_COLORBLIND || reader;
}

void theme_set_reader(bool on)
{
	reader = on;
}

bool theme_reader(void)
{
	return reader;
}
