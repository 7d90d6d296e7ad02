/* The edit dialog of a category or a lead status (DESIGN §3: fields,
 * keys, Enter saves, Esc cancels). */
#ifndef UI_FORM_H
#define UI_FORM_H

#include <stdbool.h>

#include "app.h"
#include "lists.h"

/* Edits item (id 0: a new one) until saved or cancelled. True when saved;
 * item then holds the stored state. Read-only users see the values and
 * are told why they cannot change them. */
bool form_run(struct ui *ui, struct la_item *item);

#endif
