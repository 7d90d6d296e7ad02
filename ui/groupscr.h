/* Settings and maintenance > Users > User groups. */
#ifndef UI_GROUPSCR_H
#define UI_GROUPSCR_H

#include "app.h"

struct screen *groupscr_new(struct ui *ui);

#endif
