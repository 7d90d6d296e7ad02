/* The screens: Settings and maintenance > Lists, in ncursesw. The only
 * entry point that src/main.c calls. */
#ifndef LA_UI_H
#define LA_UI_H

#include <stdbool.h>

struct db;
struct la_keys;

struct ui_options {
	const char *script; /* read keys from this file instead of a keyboard */
	const char *dump;   /* write the screen(s) the script asks for here */
	const struct la_keys *keys; /* [keys]; NULL: the defaults */
	const char *theme;  /* [ui] theme: default, mono, colorblind, light */
	bool reader;        /* [ui] reader or --reader: for screen readers */
	bool mouse;         /* report the mouse ([ui] mouse, --mouse) */
};

/* Runs the screens on db until the user quits; returns the exit code. */
int ui_main(struct db *db, const struct ui_options *opts);

#endif
