/* The edit dialog of an item of any list (DESIGN §3: fields, keys, Enter
 * saves, Esc cancels). */
#ifndef UI_FORM_H
#define UI_FORM_H

#include <stdbool.h>

#include "app.h"
#include "lists.h"

/* Edits item (id 0: a new one) until saved or cancelled. True when saved;
 * item then holds the stored state. Read-only users see the values and
 * are told why they cannot change them. */
bool form_run(struct ui *ui, struct la_item *item);

/* True (and the message line says why) when the user may not change
 * list: who may is the list's definition's (rule 9). */
bool form_refuse(struct ui *ui, enum la_list list);
/* The same question without a message: true when the user may change
 * list. */
bool form_may_change(struct ui *ui, enum la_list list);

#endif
