/* A list screen: Company – Category or Contact – Lead status. */
#ifndef UI_LISTSCR_H
#define UI_LISTSCR_H

#include "app.h"
#include "lists.h"

struct screen *listscr_new(struct ui *ui, enum la_list list);

#endif
