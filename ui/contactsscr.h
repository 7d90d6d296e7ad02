/* Settings and maintenance > Lead overview > the contacts of one lead
 * status. */
#ifndef UI_CONTACTSSCR_H
#define UI_CONTACTSSCR_H

#include <stdint.h>

#include "app.h"

/* The contacts whose lead status is status_id; status names the title. */
struct screen *contactsscr_new(struct ui *ui, int64_t status_id, const char *status);

#endif
