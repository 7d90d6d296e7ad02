/* Settings and maintenance > Marketing (Marketing Premium). */
#ifndef UI_MARKETINGSCR_H
#define UI_MARKETINGSCR_H

#include "app.h"

struct screen *marketingscr_new(struct ui *ui);

#endif
