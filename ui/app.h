/* What every screen shares: the screen type with its ops table, the
 * screen stack and the chrome (title, message line, footer) around it. */
#ifndef UI_APP_H
#define UI_APP_H

#include <stdbool.h>
#include <stdint.h>

#include "actions.h"
#include "input.h"
#include "rights.h"
#include "theme.h"

#define UI_MIN_COLS 60
#define UI_MIN_LINES 16
#define UI_STACK_MAX 8
#define UI_MSG_MAX 512 /* bytes of the message line */

struct ui;
struct screen;

/* What a key handler asks the main loop to do (htop's HandlerResult). */
enum ui_result {
	UI_HANDLED,
	UI_CLOSE,   /* pop this screen */
	UI_QUIT,    /* leave the program */
};

/* The rows a screen may draw in: between the title and the message line. */
struct ui_rect {
	int y, x, h, w;
};

struct screen_ops {
	const char *(*title)(const struct screen *s);        /* breadcrumb */
	void (*draw)(struct screen *s, struct ui *ui, const struct ui_rect *r);
	enum ui_result (*key)(struct screen *s, struct ui *ui,
			      enum ui_action act, const struct ui_key *key);
	void (*resize)(struct screen *s, const struct ui_rect *r);
	void (*reload)(struct screen *s, struct ui *ui); /* data changed */
	void (*close)(struct screen *s);
	act_mask (*actions)(const struct screen *s);     /* keys that work */
	bool (*typing)(const struct screen *s); /* text keys are text, not actions */
	const char *help; /* what this screen is for, for F1 (untranslated) */
	/* the same when it depends on the screen (e.g. its list); else NULL */
	const char *(*help_of)(const struct screen *s);
	/* Optional: a mouse event (UK_MOUSE) off the footer: a click selects
	 * what it is on, the wheel scrolls. Returns the action it stands for,
	 * which the main loop runs as if its key was pressed (a double click
	 * on a row: Enter's action), or ACT_NONE. */
	enum ui_action (*mouse)(struct screen *s, struct ui *ui,
				const struct ui_key *key);
};

struct screen {
	const struct screen_ops *ops;
};

struct ui {
	struct db *db;
	struct input *in;
	struct la_actor actor;
	bool can_change;
	char denied[512];   /* why not, and who can grant access */
	struct screen *stack[UI_STACK_MAX];
	int depth;
	char msg[UI_MSG_MAX];
	enum ui_role msg_role;
	act_mask footer_actions; /* a dialog's own keys for the footer, or 0: the screen's */
	const char *footer_text; /* a confirmation's key line, drawn instead of keys, or NULL */
	int64_t seen;       /* session_mark of what the screens show */
	int64_t log_seen;   /* session_log_mark of the changes told of */
	double last_poll;
	bool quit;
};

/* Sets the message line (printf-style, la_vformat: a long %s argument is
 * shortened at a character, the format's own text kept); role ROLE_INFO
 * or ROLE_ERROR. */
void ui_message(struct ui *ui, enum ui_role role, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* True (and the message says why not) when the user may not change lists. */
bool ui_refuse_change(struct ui *ui);
/* The same for what only a General administrator may change (users,
 * marketing settings): true, with the domain's refusal as the message. */
bool ui_refuse_general(struct ui *ui);

void ui_push(struct ui *ui, struct screen *s);
/* The area screens draw in, for the current terminal size. */
void ui_body(struct ui_rect *r);
/* True when the terminal is below UI_MIN_COLS x UI_MIN_LINES. */
bool ui_too_small(void);

/* Draws the whole screen (the stack's top with its chrome) without
 * showing it yet: dialogs draw on top and then call ui_show(). */
void ui_draw(struct ui *ui);
/* The message line again, for a dialog that covers it. */
void ui_draw_message(struct ui *ui);
void ui_show(void);

/* The next key for a screen or dialog. A resize relayouts and a time-out
 * looks for other admins' changes before it returns; UK_END means stop. */
void ui_key(struct ui *ui, struct ui_key *key);

#endif
