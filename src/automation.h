/* Lead categorization (SuperOffice 11.8, Workflow > Lead categorization):
 * the rules of automated_category_update that move a company to another
 * category when a sale is registered, sold or lost, or when a contact's
 * lead status is set to a value; and `lead set-status`, which sets a
 * contact's status and applies the lead-status rule. */
#ifndef LA_AUTOMATION_H
#define LA_AUTOMATION_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "db.h"
#include "rights.h"
#include "status.h"

/* SuperOffice's CategoryUpdateTrigger, by its stored values. */
enum auto_trigger {
	AUTO_SALE_REGISTERED = 1,
	AUTO_SALE_SOLD = 2,
	AUTO_SALE_LOST = 3,
	AUTO_LEAD_STATUS = 4,
};
#define AUTO_COUNT 4

struct auto_rule {
	enum auto_trigger trigger;
	bool enabled;
	int64_t category_id;   /* default_category: Set category to; 0 none */
	int64_t leadstatus_id; /* AUTO_LEAD_STATUS: the status that triggers; 0 none */
	bool confirm;          /* user_confirmation */
	int64_t updated_count; /* as read: a save refuses when it moved */
};

/* The command line's word ("sale-sold"), the export's key ("sale_sold")
 * and the screen's label (N_(): "Update category when a sale is sold"). */
const char *automation_trigger_word(enum auto_trigger t);
const char *automation_trigger_key(enum auto_trigger t);
const char *automation_trigger_label(enum auto_trigger t);
/* Takes the word or the key. */
bool automation_trigger_parse(const char *s, enum auto_trigger *t);

/* The four rules, rules[t - 1] for trigger t. */
enum la_status automation_load(struct db *db, struct auto_rule rules[AUTO_COUNT],
			       struct la_err *err);
/* The rule's own checks: an enabled rule names a category that exists and
 * is not deleted; the lead-status rule names a status that exists and is
 * not deleted; a sale rule names no status. A refusal about the status
 * has err->field LA_FIELD_LEAD_STATUS. */
enum la_status automation_check(struct db *db, const struct auto_rule *r,
				struct la_err *err);
/* Saves the rules that differ from the stored ones, each with its checks
 * and one audit row, all or none: General and List administrators only
 * (rule 9); LA_STALE when someone saved a rule since it was read. */
enum la_status automation_save(struct db *db, const struct la_actor *actor,
			       struct auto_rule rules[AUTO_COUNT], struct la_err *err);

struct jbuf;
struct json_t;

/* The rules as JSON, an array of {"trigger": "sale_sold", "enabled": true,
 * "category": NAME|null, "leadstatus": NAME|null, "confirm": false}, in
 * trigger order: `automation show --format json` and the export. */
enum la_status automation_json(struct db *db, struct jbuf *b, struct la_err *err);
/* Saves the rules an array in that shape names (by their names, as
 * lists_find finds them), the others as they are: import's "automation"
 * member, inside its transaction. */
enum la_status automation_import(struct db *db, const struct la_actor *actor,
				 const struct json_t *array, struct la_err *err);

/* What `lead set-status` did, or would do. */
struct auto_outcome {
	int64_t person_id, contact_id;   /* contact_id 0: no company */
	int64_t old_status, new_status;  /* 0: none */
	int64_t old_category;            /* the company's category before */
	int64_t suggested;               /* the rule's category; 0: no rule applies */
	int64_t new_category;            /* what the company got; 0: unchanged */
	bool status_changed;
	const char *why_not;             /* N_(): why the rule did not apply, or NULL */
};

/* The person with this e-mail address (any case; the first when several
 * share it), or "id:N" / N as an id: *id, or LA_NOT_FOUND. */
enum la_status automation_find_person(struct db *db, const char *key, int64_t *id,
				      struct la_err *err);

/* Sets person_id's lead status to status_id (not deleted) and applies
 * the lead-status rule: when it is on for that status and the person's
 * company is in a category of Potential customer with lead status on,
 * the company moves to the rule's category (or to category, when not 0),
 * with an audit row that names the rule. With the rule's confirmation
 * on, neither yes nor a category given, nothing changes: LA_CONFIRM and
 * out says what would. The status of a contact whose company's category
 * has lead status off cannot be set (rule 7). Any active user of the CRM
 * may set a status; all in one transaction. */
enum la_status automation_lead_set_status(struct db *db, const struct la_actor *actor,
					  int64_t person_id, int64_t status_id, bool yes,
					  int64_t category, struct auto_outcome *out,
					  struct la_err *err);

/* ---- Sale events: `events FILE|-`, the CRM's sales as JSON lines,
 * {"id": …, "sale": …, "company": …, "event": "registered|sold|lost",
 * "when": …}. "company" is the company's id (a number) or its name (a
 * text, matched as submit matches companies: any case, the first when
 * several share it). */
enum event_outcome {
	EVENT_APPLIED,    /* the sale rule moved the company */
	EVENT_UNCHANGED,  /* recorded; no rule applied (why_not says why) */
	EVENT_SKIPPED,    /* this id was processed before */
	EVENT_CONFIRM,    /* the rule asks for confirmation: nothing changed */
	EVENT_REJECTED,   /* malformed or unknown company: nothing changed */
};

struct event_result {
	enum event_outcome outcome;
	enum auto_trigger trigger;
	int64_t contact_id, old_category, suggested, new_category;
	const char *why_not;   /* N_(), or NULL */
	char reason[1024];     /* EVENT_REJECTED: why; EVENT_CONFIRM: what would change */
};

struct event_summary {
	long applied, unchanged, skipped, confirm, rejected;
	bool stopped;          /* strict stopped at a rejected line */
};

/* One event, in its own transaction: a processed id is skipped; else the
 * matching sale rule applies through the rule function of lead set-status
 * (only to a company in Potential customer), with an audit row naming the
 * rule, the event and the sale, and the id is recorded. With the rule's
 * confirmation on and neither yes nor category (not 0), nothing changes
 * and the id is not recorded (EVENT_CONFIRM). Any active user. */
enum la_status automation_event_one(struct db *db, const struct la_actor *actor,
				    const char *text, size_t len, bool yes, int64_t category,
				    struct event_result *res, struct la_err *err);
/* Every line of in, as submit_stream reads them; report gets every line's
 * result with its number. With strict the first rejected line stops. */
enum la_status automation_events(struct db *db, const struct la_actor *actor, FILE *in,
				 bool strict, bool yes, int64_t category,
				 void (*report)(void *ctx, long line, const struct event_result *res),
				 void *ctx, struct event_summary *sum, struct la_err *err);

#endif
