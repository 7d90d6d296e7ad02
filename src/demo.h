/* A deterministic sample of companies and contact persons, so that in-use
 * counts and lead statuses have something to show (`init --demo`). */
#ifndef LA_DEMO_H
#define LA_DEMO_H

#include "db.h"
#include "rights.h"

/* Adds two non-lead categories, a few sales people, `companies` companies
 * and two to three contacts each, in one transaction. */
enum la_status demo_fill(struct db *db, const struct la_actor *actor,
			 int companies, struct la_err *err);

#endif
