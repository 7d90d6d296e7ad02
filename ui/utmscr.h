/* Settings and maintenance > Marketing > UTM values. */
#ifndef UI_UTMSCR_H
#define UI_UTMSCR_H

#include "app.h"

struct screen *utmscr_new(struct ui *ui);

#endif
