/* The questions of a delete on the list screen, before the domain is
 * asked: the new default (rule 8), and whether and where what uses the
 * item moves. */
#ifndef UI_LISTDELETE_H
#define UI_LISTDELETE_H

#include <stdbool.h>
#include <stdint.h>

#include "app.h"
#include "lists.h"

/* The picker of a new default before the default item it is deleted:
 * the items that may become it (rule 8). False when cancelled. */
bool listdelete_new_default(struct ui *ui, const struct la_item *it, int64_t *id);

enum listdelete_choice {
	LISTDELETE_CANCEL,
	LISTDELETE_PLAIN,  /* delete and leave them where they are */
	LISTDELETE_MOVE,   /* move them to *to first */
};

/* For an item in use of a list whose users can move: shows the counts,
 * offers "Move its 12 companies to…" (and, unless it is deleted, to
 * delete without a move) and picks the item they move to. An item that
 * nothing uses, or of a list where nothing moves, gives
 * LISTDELETE_PLAIN without a question. */
enum listdelete_choice listdelete_move(struct ui *ui, const struct la_item *it, int64_t *to);

#endif
