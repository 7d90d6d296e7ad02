/* Settings and maintenance > Workflow > Lead categorization. */
#ifndef UI_WORKFLOWSCR_H
#define UI_WORKFLOWSCR_H

#include "app.h"

struct screen *workflowscr_new(struct ui *ui);

#endif
