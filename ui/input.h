/* The one input function of the screens: keys come from the keyboard or,
 * for tests, from a key script; a script can also dump the screen to a
 * file, resize the terminal and trigger the change poll. */
#ifndef UI_INPUT_H
#define UI_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <wchar.h>

enum ui_key_kind {
	UK_CHAR,    /* ch is a character */
	UK_CODE,    /* ch is a curses KEY_ code */
	UK_TIMEOUT, /* nothing typed in time: look for other admins' changes */
	UK_RESIZE,  /* the terminal has a new size */
	UK_END,     /* the script ended or a signal asks to stop */
	UK_MOUSE,   /* a mouse event (only with the mouse on): see mouse */
};

enum ui_mouse {
	UM_CLICK,       /* button 1 pressed and released */
	UM_DOUBLE,      /* button 1 clicked twice in quick succession */
	UM_WHEEL_UP,
	UM_WHEEL_DOWN,
};

struct ui_key {
	enum ui_key_kind kind;
	wint_t ch;
	enum ui_mouse mouse; /* UK_MOUSE: what happened, */
	int y, x;            /* and at which screen cell (zero-based) */
};

struct input;

/* Reads and checks the key script (NULL: the keyboard). On error returns
 * NULL with a message naming the line in errbuf. */
struct input *input_open(const char *script, const char *dump,
			 char *errbuf, size_t errlen);
void input_close(struct input *in);
bool input_scripted(const struct input *in);

/* Turns the mouse on ([ui] mouse, --mouse): only then does the terminal
 * report clicks and the wheel (mousemask), and only then do a script's
 * mouse events count. Off, the terminal's own text selection works and
 * no mouse reporting is asked for. Call after the terminal is set up. */
void input_mouse(struct input *in, bool on);

/* The next key. The screen must be up to date (doupdate done), because a
 * script's :dump writes what the terminal shows at that moment. */
void input_get(struct input *in, int timeout_ms, struct ui_key *key);

/* Teaches ncurses the keys that common terminals send but their terminfo
 * entry may not name (Home, End, F1-F4, Insert, Delete, PgUp, PgDn, the
 * arrows, from xterm, PuTTY, rxvt, the Linux console, screen, tmux and
 * the VT220); call after keypad(). Any other escape sequence is read
 * whole by input_get and dropped. */
void input_define_keys(void);

/* Appends what the terminal shows now to the dump file. */
void input_dump(struct input *in);

/* Key helpers shared by every screen and dialog. */
bool key_is(const struct ui_key *key, wint_t ch);
bool key_is_code(const struct ui_key *key, int code);
bool key_is_enter(const struct ui_key *key);
bool key_is_esc(const struct ui_key *key);
bool key_is_backspace(const struct ui_key *key);
/* A printable character (not a control, not a curses code). */
bool key_is_text(const struct ui_key *key);
/* A click or a double click (not the wheel). */
bool key_is_click(const struct ui_key *key);
/* The wheel: -1 up, 1 down, 0 not the wheel. */
int key_wheel(const struct ui_key *key);

#endif
