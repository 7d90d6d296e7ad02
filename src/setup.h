/* Is lead management ready? The three steps of the seed document. */
#ifndef LA_SETUP_H
#define LA_SETUP_H

#include <stdbool.h>
#include <stddef.h>

#include "db.h"
#include "status.h"

enum setup_state {
	SETUP_READY,
	SETUP_MISSING,
	SETUP_OPTIONAL,   /* step 3: not required */
};

struct setup_step {
	int number;              /* 1, 2, 3 */
	enum setup_state state;
	char title[128];         /* translated */
	char detail[512];        /* translated: what is there or what is missing */
};

struct setup_report {
	struct setup_step steps[3];
	bool ready;              /* steps 1 and 2 are ready */
	/* translated, "" for none: names that are one name under rule 2
	 * (a legacy database's), which block a rename onto each other */
	char twins[1024];
	/* translated, "" for none: the active categories that no active
	 * user group may see while filtering is on (grouping.h) */
	char unreachable[1024];
};

enum la_status setup_check(struct db *db, struct setup_report *out,
			   struct la_err *err);

#endif
