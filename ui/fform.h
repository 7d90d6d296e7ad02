/* The one form engine: labelled fields (text, a choice among values, a
 * check box and a value picked in a dialog of its own), drawn in a modal
 * box (every edit dialog) or in a screen's body (the Marketing screen),
 * with a refusal beside its field and a hint when there is none.
 *
 * Memory: the owner owns the fields array, every string a field points to
 * (labels, hints, help, choices) and the dialog's ctx; fform_free frees
 * only the text fields' buffers. */
#ifndef UI_FFORM_H
#define UI_FFORM_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "field.h"

enum fform_kind {
	FF_TEXT,
	FF_CHOICE,  /* Left/Right cycles, a letter picks the next choice that
		       starts with it, Space lists the choices */
	FF_CHECK,   /* Space ticks */
	FF_PICK,    /* Space asks the owner to pick (fform_key says so) */
};

struct fform_field {
	enum fform_kind kind;
	const char *label;             /* translated */
	const char *hint;              /* below the field without an error */
	const char *help;              /* F1 of fform_run: paragraphs ("\n"
					  between them) after the generic ones */
	bool hidden;                   /* not shown, never focused */
	bool disabled;                 /* greyed out ("(not available)" beside
					  a check box); a change is refused */
	bool locked;                   /* drawn as usual, a change is refused */
	const char *refusal;           /* the message of that refusal; NULL:
					  the hint */
	struct field text;             /* FF_TEXT */
	const char *const *choices;    /* FF_CHOICE, shown through text_fit */
	int nchoices, choice;          /* choice -1: none of them (yet) */
	const char *unset;             /* FF_CHOICE: shown while choice is -1 */
	bool on;                       /* FF_CHECK */
	const char *value;             /* FF_PICK: what is chosen, in words */
	char err[512];                 /* a refusal beside the field */
	int row, rows;                 /* where fform_draw put it last (rows
					  0: not shown) */
};

#define FF_MAX_BUTTONS 3

/* A row of buttons ("[ OK ]  [ Cancel ]"), the focused one marked ">",
 * and where each was drawn last (for a mouse click). */
struct fform_buttons {
	const char *label[FF_MAX_BUTTONS];  /* translated */
	int n, focus;                       /* focus -1: none */
	int y, x[FF_MAX_BUTTONS], w[FF_MAX_BUTTONS];
};

/* What a button of a dialog does. */
enum fform_button { FB_OK, FB_CANCEL, FB_CLOSE };

struct fform {
	struct fform_field *f;
	int n;
	int focus, top;                /* field with the focus (n + i: button
					  i), first shown */
	/* The button row below the fields; fform_run fills it (none in a
	 * screen's body unless its owner does). */
	enum fform_button button[FF_MAX_BUTTONS];
	struct fform_buttons bt;
	int x, w;                      /* the columns of the last fform_draw */
};

enum fform_result {
	FF_IGNORED,  /* not a key of the form */
	FF_MOVED,    /* focus or cursor moved */
	FF_CHANGED,  /* a value changed */
	FF_PICK_ASKED,
};

/* Draws b centred in w columns at (y, x); *cx gets the cursor (at the
 * focused button's label), else it stays. */
void fform_buttons_draw(struct fform_buttons *b, int y, int x, int w,
			enum ui_role bg, int *cx);
/* The button of b at screen position (y, x): its index, or -1. */
int fform_buttons_at(const struct fform_buttons *b, int y, int x);
/* Moves b's focus by a key (Left/Right; Tab, Shift-Tab when tab): true
 * when the key was one of them. */
bool fform_buttons_key(struct fform_buttons *b, const struct ui_key *key,
		       bool tab);

/* Draws the visible fields from row y in h rows, columns x (the focus
 * marker) to x + w - 1; *cy and *cx get the cursor (-1 when none): in a
 * text field at the cursor, on a check box at its tick, else at the value.
 * Scrolls ff->top so that the focused field shows. */
void fform_draw(struct fform *ff, int y, int x, int w, int h,
		enum ui_role bg, int *cy, int *cx);
/* True when key would change the value of the focused field. */
bool fform_edits(const struct fform *ff, const struct ui_key *key);
/* Moves the focus (Tab/Down, Shift-Tab/Up) or edits the focused field
 * with key; a change of a disabled or locked field is refused with its
 * .refusal (or hint) on the message line. A change clears the field's
 * err. The rights are the caller's to check (fform_edits says when). */
enum fform_result fform_key(struct fform *ff, struct ui *ui,
			    const struct ui_key *key);
/* A mouse event (UK_MOUSE): a click on a field focuses it, the wheel
 * moves the focus a field a notch (FF_MOVED); else FF_IGNORED. */
enum fform_result fform_mouse(struct fform *ff, const struct ui_key *key);
/* Puts the focus on the first shown field at or after i. */
void fform_focus(struct fform *ff, int i);
/* The button with the focus, or -1 (a field has it). */
int fform_button_focus(const struct fform *ff);
/* The button at screen position (y, x) of the form as last drawn: its
 * index, or -1. */
int fform_button_at(const struct fform *ff, int y, int x);
/* The shown field at screen position (y, x) as last drawn (its label,
 * value or hint): its index, or -1. fform_focus(ff, i) focuses it. */
int fform_field_at(const struct fform *ff, int y, int x);
/* Clears every field's err (e.g. after reloading the stored values). */
void fform_clear_errors(struct fform *ff);
/* Frees the text fields' buffers. */
void fform_free(struct fform *ff);

/* The values a choice field offers: labels (owned) and the ids behind
 * them, in the order shown. */
struct fform_choices {
	char **labels;
	int64_t *ids;
	int n;
};

void fform_choices_free(struct fform_choices *c);
/* Adds label, with " suffix" after it when suffix is not NULL. */
void fform_choices_add(struct fform_choices *c, int64_t id, const char *label,
		       const char *suffix);
/* The index of id, or 0 (the first choice) when it is not offered. */
int fform_choices_find(const struct fform_choices *c, int64_t id);

/* Lets the user tick any of n labels (Space ticks, Enter takes, Esc
 * cancels); on[] holds the ticks in and out. True when taken. */
bool fform_pick_many(struct ui *ui, const char *title, const char *prompt,
		     const char *const *labels, bool *on, int n);

struct fform_dialog {
	const char *title;
	/* Optional: the title, asked at every draw (so that it says
	 * read-only as soon as the rights go); overrides title. */
	const char *(*title_of)(void *ctx, const struct ui *ui);
	/* The actions of the footer (a mask of ACT_BIT, fitted to the width
	 * as every footer is); 0: ACT_DIALOG, F1:Help Enter:OK Esc:Cancel
	 * Tab:Next field Space:Change. */
	act_mask footer_actions;
	/* True (with the message set) when the user may not change values. */
	bool (*refuse)(void *ctx, struct ui *ui);
	/* Stores the values; true closes the dialog. On a refusal it sets the
	 * field's err, fform_focus and the message; on a stale save it puts
	 * the stored values into the fields (and may call field_changed's
	 * logic itself) and says so. */
	bool (*save)(void *ctx, struct ui *ui, struct fform *ff);
	/* True when the values differ from the stored ones (Esc asks). */
	bool (*changed)(void *ctx, const struct fform *ff);
	/* Optional: called after every change of a field's value by a key
	 * (not after pick, which is the owner's own), with its index: the
	 * owner re-evaluates which fields are disabled, their hints, values
	 * that follow (and may set the message). */
	void (*field_changed)(void *ctx, struct ui *ui, struct fform *ff, int field);
	/* Answers FF_PICK_ASKED for the focused field. */
	void (*pick)(void *ctx, struct ui *ui, struct fform *ff);
	void *ctx;
	/* The user may only look: a single [ Close ] button and a footer
	 * without Enter:OK and Space. */
	bool readonly;
};

/* Runs ff as a modal dialog with the buttons [ OK ] [ Cancel ] (read-only:
 * [ Close ]) below the fields, the last stops of Tab: Enter in a field
 * saves (OK), Enter or Space on a button presses it, Esc cancels and asks
 * first when something was changed, F1 explains the keys and then each
 * shown field's help (the generic paragraph on "< >" values and check
 * boxes only when no field has help of its own). True when saved. */
bool fform_run(struct ui *ui, struct fform *ff, const struct fform_dialog *d);
/* Presses button i of the dialog that fform_run shows as Enter or Space
 * on it would: 1 saved, -1 cancelled or closed, 0 the dialog stays. */
int fform_press(struct ui *ui, struct fform *ff, const struct fform_dialog *d,
		int i);

#endif
