/* Modal dialogs drawn over the current screen: a yes/no question, a
 * picker and the F1 help. Each runs its own key loop through ui_key, so
 * resizes, the change poll and signals work inside them too. */
#ifndef UI_DIALOG_H
#define UI_DIALOG_H

#include <stdbool.h>

#include "app.h"

/* Asks text; true for yes (y, or the translated yes key), false for no,
 * Esc, or when the program has to stop. */
bool dialog_confirm(struct ui *ui, const char *title, const char *text);

/* Asks the domain's caution of an LA_CONFIRM answer: its message and the
 * number of companies and contacts affected. True to go on. */
struct la_err;
bool dialog_caution(struct ui *ui, const char *title, const struct la_err *err);

/* Lets the user pick one of n labels (shown through text_fit); returns its
 * index, or -1 when cancelled. */
int dialog_pick(struct ui *ui, const char *title, const char *prompt,
		const char *const *labels, int n);

/* Scrollable text of paragraphs (F1 help and the like). */
void dialog_text(struct ui *ui, const char *title, const char *const *paras,
		 int n);

/* The F1 help of a screen: what it is for and its keys, from the table. */
void dialog_help(struct ui *ui, struct screen *s);

#endif
