/* A form of labelled fields: text, a choice among values, a check box and
 * a value picked in a dialog of its own. Drawn in a modal box (the user
 * and user group dialogs) or in a screen's body (the Marketing screen),
 * with a refusal beside its field and a hint when there is none. */
#ifndef UI_FFORM_H
#define UI_FFORM_H

#include <stdbool.h>

#include "app.h"
#include "field.h"

enum fform_kind {
	FF_TEXT,
	FF_CHOICE,  /* Left/Right cycles, Space lists the choices */
	FF_CHECK,   /* Space ticks */
	FF_PICK,    /* Space asks the owner to pick (fform_key says so) */
};

struct fform_field {
	enum fform_kind kind;
	const char *label;             /* translated */
	const char *hint;              /* below the field without an error */
	bool hidden;                   /* not shown, never focused */
	bool disabled;                 /* greyed out; hint says why */
	struct field text;             /* FF_TEXT */
	const char *const *choices;    /* FF_CHOICE, shown through text_fit */
	int nchoices, choice;
	bool on;                       /* FF_CHECK */
	const char *value;             /* FF_PICK: what is chosen, in words */
	char err[512];
};

struct fform {
	struct fform_field *f;
	int n;
	int focus, top;                /* field with the focus, first shown */
};

enum fform_result {
	FF_IGNORED,  /* not a key of the form */
	FF_MOVED,    /* focus or cursor moved */
	FF_CHANGED,  /* a value changed */
	FF_PICK_ASKED,
};

/* Draws the visible fields from row y in h rows, columns x (the focus
 * marker) to x + w - 1; *cy and *cx get the cursor (-1 when none). */
void fform_draw(struct fform *ff, int y, int x, int w, int h,
		enum ui_role bg, int *cy, int *cx);
/* True when key would change the value of the focused field. */
bool fform_edits(const struct fform *ff, const struct ui_key *key);
enum fform_result fform_key(struct fform *ff, struct ui *ui,
			    const struct ui_key *key);
/* Puts the focus on the first shown field at or after i. */
void fform_focus(struct fform *ff, int i);
void fform_free(struct fform *ff);

/* Lets the user tick any of n labels (Space ticks, Enter takes, Esc
 * cancels); on[] holds the ticks in and out. True when taken. */
bool fform_pick_many(struct ui *ui, const char *title, const char *prompt,
		     const char *const *labels, bool *on, int n);

struct fform_dialog {
	const char *title;
	/* True (with the message set) when the user may not change values. */
	bool (*refuse)(struct ui *ui);
	/* Stores the values; true closes the dialog. */
	bool (*save)(void *ctx, struct ui *ui, struct fform *ff);
	bool (*changed)(void *ctx, const struct fform *ff);
	/* Answers FF_PICK_ASKED for the focused field. */
	void (*pick)(void *ctx, struct ui *ui, struct fform *ff);
	void *ctx;
};

/* Runs ff as a modal dialog: Enter saves (OK), Esc cancels and asks first
 * when something was changed. True when saved. */
bool fform_run(struct ui *ui, struct fform *ff, const struct fform_dialog *d);

#endif
