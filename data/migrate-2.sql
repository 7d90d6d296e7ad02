-- Schema version 2: Marketing Premium. User groups, the licence, the
-- marketing settings, form submissions and their UTM data. Runs in the same
-- transaction as the version bump; nothing of version 1 changes.

-- User groups (SuperOffice: UserGroup). An associate's primary group is
-- associate.group_idx.
CREATE TABLE usergroup (
	usergroup_id            INTEGER PRIMARY KEY,
	name                    TEXT NOT NULL,
	rank                    INTEGER NOT NULL DEFAULT 0,
	tooltip                 TEXT NOT NULL DEFAULT '',
	deleted                 INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	registered              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	updated                 TEXT,
	updatedCount            INTEGER NOT NULL DEFAULT 0
);
ALTER TABLE associate ADD COLUMN group_idx INTEGER REFERENCES usergroup (usergroup_id);

-- Licences the installation holds ("marketing-premium").
CREATE TABLE licence (
	name                 TEXT PRIMARY KEY,
	enabled              INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0, 1)),
	updated              TEXT,
	updated_associate_id INTEGER REFERENCES associate (associate_id)
);
INSERT INTO licence (name, enabled) VALUES ('marketing-premium', 0);

-- The associates that "Distribute to owner" picks from, when it picks
-- selected associates rather than a user group.
CREATE TABLE distribute_associate (
	associate_id INTEGER PRIMARY KEY REFERENCES associate (associate_id)
);

-- Every processed form submission, found again by its own id.
CREATE TABLE form_submission (
	form_submission_id INTEGER PRIMARY KEY,
	submission_key     TEXT NOT NULL UNIQUE,
	person_id          INTEGER REFERENCES person (person_id),
	contact_id         INTEGER REFERENCES contact (contact_id),
	email_address      TEXT NOT NULL,
	kind               TEXT NOT NULL CHECK (kind IN ('created', 'conversion')),
	submitted          TEXT NOT NULL,
	registered         TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	url                TEXT NOT NULL DEFAULT '',
	-- The conversion: the visit that sent this submission.
	source             TEXT,
	medium             TEXT,
	campaign           TEXT,
	term               TEXT,
	content            TEXT,
	referrerdomain     TEXT
);
CREATE INDEX form_submission_person ON form_submission (person_id);

-- UTM data of a new person and company (SuperOffice: utm_parameters): the
-- first touch and the visit that created the lead.
CREATE TABLE utm_parameters (
	utm_parameters_id          INTEGER PRIMARY KEY,
	created_person_id          INTEGER REFERENCES person (person_id),
	created_contact_id         INTEGER REFERENCES contact (contact_id),
	form_submission_id         INTEGER REFERENCES form_submission (form_submission_id),
	firsttouch_source          TEXT,
	firsttouch_medium          TEXT,
	firsttouch_campaign        TEXT,
	firsttouch_term            TEXT,
	firsttouch_content         TEXT,
	firsttouch_referrerdomain  TEXT,
	firsttouch_when            TEXT,
	source                     TEXT,
	medium                     TEXT,
	campaign                   TEXT,
	term                       TEXT,
	content                    TEXT,
	referrerdomain             TEXT,
	"when"                     TEXT
);
CREATE INDEX utm_parameters_person ON utm_parameters (created_person_id);
CREATE INDEX utm_parameters_contact ON utm_parameters (created_contact_id);

-- Finding a person by e-mail address, whatever its case.
CREATE INDEX email_address_lower ON email (lower(email_address));
CREATE INDEX person_associate ON person (associate_id);
