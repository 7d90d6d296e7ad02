/* Settings and maintenance > Lead overview, and the contacts of one lead
 * status. */
#ifndef UI_OVERVIEWSCR_H
#define UI_OVERVIEWSCR_H

#include <stdint.h>

#include "app.h"

struct screen *overviewscr_new(struct ui *ui);
/* The contacts whose lead status is status_id; status names the title. */
struct screen *overviewscr_contacts_new(struct ui *ui, int64_t status_id,
					const char *status);

#endif
