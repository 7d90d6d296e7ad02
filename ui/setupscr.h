/* Lead management set-up: the three steps of the seed document and
 * their state; Enter on a step opens the screen that fixes it. */
#ifndef UI_SETUPSCR_H
#define UI_SETUPSCR_H

#include "app.h"

struct screen *setupscr_new(struct ui *ui);

#endif
