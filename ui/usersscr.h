/* Settings and maintenance > Users > Associates. */
#ifndef UI_USERSSCR_H
#define UI_USERSSCR_H

#include "app.h"

struct screen *usersscr_new(struct ui *ui);

#endif
