/* Settings and maintenance > Lead overview. */
#ifndef UI_OVERVIEWSCR_H
#define UI_OVERVIEWSCR_H

#include <stdint.h>

#include "app.h"

struct screen *overviewscr_new(struct ui *ui);

#endif
