-- Schema version 7: Lead categorization (SuperOffice 11.8, Sales Premium:
-- Settings and maintenance > Workflow > Lead categorization).
--
-- SuperOffice's table AutomatedCategoryUpdate: one rule per trigger
-- (its enum CategoryUpdateTrigger: 1 SaleRegistered, 2 SaleSold,
-- 3 SaleLost, 4 LeadStatusChanged), with the category a company is moved
-- to (default_category), whether the user confirms first
-- (user_confirmation) and, for the lead-status rule, the status that
-- triggers it (leadstatus_id). `enabled` is leadadmin's own: a rule that
-- is turned off keeps its settings, as the toggle in SuperOffice's screen
-- does while it is open. A rule applies only to a company whose current
-- category is in the group Potential customer (and, for the lead-status
-- rule, has lead status on); src/automation.c applies it.
CREATE TABLE IF NOT EXISTS automated_category_update (
	automatedcategoryupdate_id INTEGER PRIMARY KEY,
	trigger_type            INTEGER NOT NULL UNIQUE CHECK (trigger_type BETWEEN 1 AND 4),
	enabled                 INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
	default_category        INTEGER REFERENCES category (category_id),
	user_confirmation       INTEGER NOT NULL DEFAULT 0 CHECK (user_confirmation IN (0, 1)),
	leadstatus_id           INTEGER REFERENCES leadstatus (leadstatus_id),
	registered              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	registered_associate_id INTEGER REFERENCES associate (associate_id),
	updated                 TEXT,
	updated_associate_id    INTEGER REFERENCES associate (associate_id),
	updatedCount            INTEGER NOT NULL DEFAULT 0,
	-- Saving is refused while an enabled rule lacks a category.
	CHECK (enabled = 0 OR default_category IS NOT NULL),
	-- Only the lead-status rule names a status, and it must when enabled.
	CHECK (trigger_type = 4 OR leadstatus_id IS NULL),
	CHECK (trigger_type <> 4 OR enabled = 0 OR leadstatus_id IS NOT NULL)
);

-- The four rules, all off: the screen and the command line edit them.
INSERT OR IGNORE INTO automated_category_update (automatedcategoryupdate_id, trigger_type)
VALUES (1, 1), (2, 2), (3, 3), (4, 4);

-- The rule that a status triggers, read on every lead set-status.
CREATE INDEX IF NOT EXISTS automated_category_update_leadstatus
	ON automated_category_update (leadstatus_id) WHERE enabled = 1;

-- Every processed sale event (`leadadmin events`), found again by the
-- CRM's own id, so that handing over the same events twice changes
-- nothing: the sale, the company, the event (1 registered, 2 sold, 3 lost:
-- the trigger of its rule), when it happened, who ran it and what the
-- company's category was before and after (new_category NULL: no rule
-- moved it). An event that waits for confirmation is not recorded.
CREATE TABLE IF NOT EXISTS sale_event (
	sale_event_id INTEGER PRIMARY KEY,
	event_key     TEXT NOT NULL UNIQUE,
	sale_key      TEXT NOT NULL,
	contact_id    INTEGER REFERENCES contact (contact_id),
	trigger_type  INTEGER NOT NULL CHECK (trigger_type BETWEEN 1 AND 3),
	happened      TEXT NOT NULL,
	registered    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	associate_id  INTEGER REFERENCES associate (associate_id),
	old_category  INTEGER,
	new_category  INTEGER
);
