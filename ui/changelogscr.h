/* Settings and maintenance > Change log: the audit log, newest first. */
#ifndef UI_CHANGELOGSCR_H
#define UI_CHANGELOGSCR_H

#include "app.h"

struct screen *changelogscr_new(struct ui *ui);

#endif
