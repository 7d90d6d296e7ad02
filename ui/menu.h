/* The menus: Settings and maintenance (the top), Lists, Users and
 * Workflow. */
#ifndef UI_MENU_H
#define UI_MENU_H

#include "app.h"

struct screen *menu_main_new(struct ui *ui);
struct screen *menu_lists_new(struct ui *ui);
struct screen *menu_users_new(struct ui *ui);
struct screen *menu_workflow_new(struct ui *ui);

#endif
