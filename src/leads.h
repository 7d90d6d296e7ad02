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
struct leads_company_row {
	const char *name;
	int64_t category_id, owner_id;  /* 0: none */
};
/* The same for n companies (up to DB_ROWS_MAX) in one statement;
 * ids[0..n) receive their ids. */
enum la_status leads_companies_add(struct db *db, size_t n, const struct leads_company_row *rows,
				   int64_t *ids, struct la_err *err);
enum la_status leads_company_add(struct db *db, const char *name,
				 int64_t category_id, int64_t owner_id,
				 int64_t *id, struct la_err *err);
/* Adds a contact person to company contact_id (0 for none), with the
 * default status when the company's category has lead status on (rule 7);
 * a person without a company takes it when category (0: none) has it on. */
enum la_status leads_person_add(struct db *db, int64_t contact_id, int64_t category,
				const char *firstname, const char *lastname,
				const char *email, int64_t owner_id, int64_t *id,
				struct la_err *err);
/* The same, with the default lead status (0: none) already read by the
 * caller (lists_default_status) in the same transaction. */
struct leads_person_row {
	int64_t contact_id, category, owner_id, def;  /* 0: none */
	const char *firstname, *lastname, *email;     /* NULL: "" (email: none) */
};
/* leads_person_add_with for n persons (up to DB_ROWS_MAX) in one
 * statement (and one for their e-mail addresses); ids[0..n) receive
 * their ids. */
enum la_status leads_persons_add(struct db *db, size_t n, const struct leads_person_row *rows,
				 int64_t *ids, struct la_err *err);
enum la_status leads_person_add_with(struct db *db, int64_t contact_id, int64_t category,
				     const char *firstname, const char *lastname,
				     const char *email, int64_t owner_id,
				     int64_t default_status, int64_t *id,
				     struct la_err *err);
/* Moves a company to category_id; its contacts without a status get the
 * default one when the new category has lead status on, and *given (may
 * be NULL) grows by how many did. */
enum la_status leads_company_set_category(struct db *db, int64_t contact_id,
					  int64_t category_id, long *given,
					  struct la_err *err);

/* Where rule 7 gives contacts the default status. */
enum leads_scope {
	LEADS_IN_CATEGORY, /* the contacts of the companies in category id */
	LEADS_IN_COMPANY,  /* the contacts of company id */
	LEADS_PERSON,      /* person id; without a company, category says
			      whether it is a lead */
};

/* Rule 7: the contacts in scope that have no lead status get the default
 * status, where their company's category uses lead status; *given (may be
 * NULL) counts them. Nothing happens when there is no default. */
enum la_status leads_give_default_status(struct db *db, enum leads_scope scope,
					 int64_t id, int64_t category, long *given,
					 struct la_err *err);
/* Rule 7's count: contacts in companies of category_id without a status. */
enum la_status leads_without_status(struct db *db, int64_t category_id, long *n,
				    struct la_err *err);

#endif
