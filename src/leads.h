/* Companies and contact persons as far as lead status touches them
 * (rule 7): a new contact, or one whose company moves into a lead-enabled
 * category, gets the default status. */
#ifndef LA_LEADS_H
#define LA_LEADS_H

#include <stdint.h>

#include "db.h"
#include "status.h"

/* Adds a company in category_id (0 for none); *id receives its id. Runs
 * inside the caller's transaction when there is one. */
enum la_status leads_company_add(struct db *db, const char *name,
				 int64_t category_id, int64_t owner_id,
				 int64_t *id, struct la_err *err);
/* Adds a contact person to company contact_id (0 for none), with the
 * default status when the company's category has lead status on. */
enum la_status leads_person_add(struct db *db, int64_t contact_id,
				const char *firstname, const char *lastname,
				const char *email, int64_t owner_id, int64_t *id,
				struct la_err *err);
/* Moves a company to category_id; its contacts without a status get the
 * default one when the new category has lead status on. */
enum la_status leads_company_set_category(struct db *db, int64_t contact_id,
					  int64_t category_id, struct la_err *err);

#endif
