-- leadadmin schema, version 1. Table and column names follow SuperOffice's
-- database reference; `setting` and `audit` are leadadmin's own.
-- Every statement is safe to run on a database made before lead management
-- (IF NOT EXISTS): such a database keeps its tables, and the program adds
-- the columns that they lack before the indexes below are made.

CREATE TABLE IF NOT EXISTS setting (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- Users of the CRM. `name` is the login the operating system knows.
CREATE TABLE IF NOT EXISTS associate (
	associate_id INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	full_name    TEXT NOT NULL DEFAULT '',
	role         INTEGER NOT NULL DEFAULT 0 CHECK (role IN (0, 1, 2)),
	deleted      INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	registered   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	updated      TEXT
);

-- List Company - Category. Rule 1 holds in the schema as well.
CREATE TABLE IF NOT EXISTS category (
	category_id             INTEGER PRIMARY KEY,
	name                    TEXT NOT NULL,
	rank                    INTEGER NOT NULL DEFAULT 0,
	tooltip                 TEXT NOT NULL DEFAULT '',
	deleted                 INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	category_group          INTEGER NOT NULL DEFAULT 0 CHECK (category_group BETWEEN 0 AND 5),
	enable_lead_status      INTEGER NOT NULL DEFAULT 0 CHECK (enable_lead_status IN (0, 1)),
	registered              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	registered_associate_id INTEGER REFERENCES associate (associate_id),
	updated                 TEXT,
	updated_associate_id    INTEGER REFERENCES associate (associate_id),
	updatedCount            INTEGER NOT NULL DEFAULT 0,
	CHECK (enable_lead_status = 0 OR category_group = 2)
);

-- List Contact - Lead status.
CREATE TABLE IF NOT EXISTS leadstatus (
	leadstatus_id           INTEGER PRIMARY KEY,
	name                    TEXT NOT NULL,
	rank                    INTEGER NOT NULL DEFAULT 0,
	tooltip                 TEXT NOT NULL DEFAULT '',
	deleted                 INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	is_default              INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
	registered              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	registered_associate_id INTEGER REFERENCES associate (associate_id),
	updated                 TEXT,
	updated_associate_id    INTEGER REFERENCES associate (associate_id),
	updatedCount            INTEGER NOT NULL DEFAULT 0,
	CHECK (is_default = 0 OR deleted = 0)
);

-- Companies.
CREATE TABLE IF NOT EXISTS contact (
	contact_id   INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	category_idx INTEGER REFERENCES category (category_id),
	associate_id INTEGER REFERENCES associate (associate_id),
	registered   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	updated      TEXT
);

-- Contact persons.
CREATE TABLE IF NOT EXISTS person (
	person_id     INTEGER PRIMARY KEY,
	contact_id    INTEGER REFERENCES contact (contact_id),
	firstname     TEXT NOT NULL DEFAULT '',
	lastname      TEXT NOT NULL DEFAULT '',
	leadstatus_id INTEGER REFERENCES leadstatus (leadstatus_id),
	associate_id  INTEGER REFERENCES associate (associate_id),
	registered    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	updated       TEXT
);

-- E-mail addresses of persons, as SuperOffice keeps them.
CREATE TABLE IF NOT EXISTS email (
	email_id      INTEGER PRIMARY KEY,
	person_id     INTEGER REFERENCES person (person_id),
	contact_id    INTEGER REFERENCES contact (contact_id),
	email_address TEXT NOT NULL,
	rank          INTEGER NOT NULL DEFAULT 1
);

-- Every change to a list or a user: who, when, what before and after.
CREATE TABLE IF NOT EXISTS audit (
	audit_id     INTEGER PRIMARY KEY,
	at           TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	associate_id INTEGER REFERENCES associate (associate_id),
	login        TEXT NOT NULL,
	list         TEXT NOT NULL,
	item_id      INTEGER,
	action       TEXT NOT NULL,
	old_value    TEXT,
	new_value    TEXT
);
