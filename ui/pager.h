/* The selection and scroll position of a list of rows: what every list
 * screen moves with Up/Down, PgUp/PgDn and Home/End. */
#ifndef UI_PAGER_H
#define UI_PAGER_H

#include <stdbool.h>
#include <stddef.h>

#include "actions.h"

struct pager {
	size_t n;        /* rows in the list */
	size_t sel, top; /* the selected row, the first row shown */
	int rows;        /* rows that fit */
};

/* Moves for a movement action; false when act is not one. */
bool pager_act(struct pager *p, enum ui_action act);
/* Selects row sel (clamped) and scrolls it into view. */
void pager_select(struct pager *p, size_t sel);
/* After n or rows changed: the selection and the top stay valid. */
void pager_fix(struct pager *p);

struct ui_key;
/* Edits a list's filter (size bytes) with key: text is appended, Backspace
 * takes the last character, Enter ends the typing, Esc ends it and clears
 * the filter. False when the key is not the filter's. */
bool pager_filter_key(char *filter, size_t size, bool *filtering,
		      const struct ui_key *key);

#endif
