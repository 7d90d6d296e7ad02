-- Schema version 6: the lead overview's counts, kept.
--
-- The lead overview counts the leads (persons with a lead status) per
-- status, per company category, per owner and per first-touch source and
-- campaign. Counting them costs a scan of every person; these tables hold
-- the counts instead, and the triggers below keep them in the transaction
-- of every change that moves a lead, whichever program makes it, as
-- usage_count (version 3) does for the list screens.
--
-- A row holds the raw key; what it means is decided when the overview is
-- read, so that changing a list item (lead status on or off for a
-- category, a deleted item, a status that is not in the list) moves no
-- count:
--   dim 0 status:   item = person.leadstatus_id
--   dim 1 category: kind 0, item = the company's category_idx;
--                   kind 3, the company has no category;
--                   kind 4, the person has no company, or one that is not
--                   in contact
--   dim 2 owner:    kind 0, item = person.associate_id; kind 1, none
--   dim 3 source, dim 4 campaign: value = the person's first touch (the
--                   utm_parameters row with the smallest id made for the
--                   person), '' for none
-- `leadadmin recount` (data/recount.sql) fills them from the rows, and
-- `leadadmin setup-check --deep` compares them with a count.
CREATE TABLE IF NOT EXISTS lead_tally (
	dim       INTEGER NOT NULL,
	kind      INTEGER NOT NULL,
	item      INTEGER NOT NULL,
	value     TEXT NOT NULL,
	contacts  INTEGER NOT NULL DEFAULT 0,
	companies INTEGER NOT NULL DEFAULT 0,  -- dim 1: the companies with leads
	PRIMARY KEY (dim, kind, item, value)
) WITHOUT ROWID;

-- The leads of each company (of each value of person.contact_id, also one
-- that is not in contact), so that a category's companies move by one when
-- a company gets its first lead or loses its last.
CREATE TABLE IF NOT EXISTS lead_company (
	contact_id INTEGER PRIMARY KEY,
	leads      INTEGER NOT NULL
);

-- The overview's rows of the lead categories, in rank order, read without
-- reading the categories that have lead status off (there may be 200,000).
CREATE INDEX IF NOT EXISTS category_lead_status ON category (rank) WHERE enable_lead_status = 1;

-- Four views that are procedures: inserting a row into one applies d
-- (+1 or -1) to the counts. The triggers further down call them.

-- One lead of the company contact_id (NULL: none): its category's
-- contacts, and the category's companies when the company gets its first
-- lead or loses its last.
CREATE VIEW IF NOT EXISTS lead_tally_company (contact_id, d) AS SELECT NULL, NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS lead_tally_company INSTEAD OF INSERT ON lead_tally_company
BEGIN
	INSERT INTO lead_company (contact_id, leads) SELECT NEW.contact_id, NEW.d
	WHERE NEW.contact_id IS NOT NULL
	ON CONFLICT DO UPDATE SET leads = leads + excluded.leads;
	INSERT INTO lead_tally (dim, kind, item, value, contacts, companies)
	SELECT 1, CASE WHEN k.contact_id IS NULL THEN 4 WHEN k.category_idx IS NULL THEN 3 ELSE 0 END,
		coalesce(k.category_idx, 0), '', NEW.d,
		NEW.d * (k.contact_id IS NOT NULL AND coalesce((SELECT leads FROM lead_company
			WHERE contact_id = NEW.contact_id), 0) = (NEW.d > 0))
	FROM (SELECT 1) LEFT JOIN contact k ON k.contact_id = NEW.contact_id WHERE true
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts,
		companies = companies + excluded.companies;
	DELETE FROM lead_company WHERE contact_id = NEW.contact_id AND leads = 0;
END;

-- One lead's first touch: the source and campaign of the first
-- utm_parameters row made for person_id.
CREATE VIEW IF NOT EXISTS lead_tally_touch (person_id, d) AS SELECT NULL, NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS lead_tally_touch INSTEAD OF INSERT ON lead_tally_touch
BEGIN
	INSERT INTO lead_tally (dim, kind, item, value, contacts)
	SELECT t.dim, 0, 0, coalesce(CASE t.dim WHEN 3 THEN f.firsttouch_source
		ELSE f.firsttouch_campaign END, ''), NEW.d
	FROM (SELECT 3 AS dim UNION ALL SELECT 4) t
	LEFT JOIN (SELECT firsttouch_source, firsttouch_campaign FROM utm_parameters
		WHERE created_person_id = NEW.person_id ORDER BY utm_parameters_id LIMIT 1) f
	WHERE true
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts;
END;

-- One lead, whole: every dimension.
CREATE VIEW IF NOT EXISTS lead_tally_person (person_id, leadstatus_id, associate_id, contact_id, d) AS
SELECT NULL, NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS lead_tally_person INSTEAD OF INSERT ON lead_tally_person
BEGIN
	INSERT INTO lead_tally (dim, kind, item, value, contacts)
	VALUES (0, 0, NEW.leadstatus_id, '', NEW.d), (2, NEW.associate_id IS NULL, coalesce(NEW.associate_id, 0), '', NEW.d)
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts;
	INSERT INTO lead_tally_company VALUES (NEW.contact_id, NEW.d);
	INSERT INTO lead_tally_touch VALUES (NEW.person_id, NEW.d);
END;

-- All the leads of a company, at the category the company has (present:
-- the company is in contact).
CREATE VIEW IF NOT EXISTS lead_tally_leads (contact_id, category_idx, present, d) AS
SELECT NULL, NULL, NULL, NULL WHERE 0;
CREATE TRIGGER IF NOT EXISTS lead_tally_leads INSTEAD OF INSERT ON lead_tally_leads
BEGIN
	INSERT INTO lead_tally (dim, kind, item, value, contacts, companies)
	SELECT 1, CASE WHEN NOT NEW.present THEN 4 WHEN NEW.category_idx IS NULL THEN 3 ELSE 0 END,
		CASE WHEN NEW.present THEN coalesce(NEW.category_idx, 0) ELSE 0 END, '',
		NEW.d * c.leads, NEW.d * (NEW.present <> 0)
	FROM lead_company c WHERE c.contact_id = NEW.contact_id AND c.leads > 0
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts,
		companies = companies + excluded.companies;
END;

-- Persons.
-- A new lead: what lead_tally_person does with d = 1, written out in two
-- statements, as this one runs for every submitted form.
CREATE TRIGGER IF NOT EXISTS lead_person_insert AFTER INSERT ON person
WHEN NEW.leadstatus_id IS NOT NULL
BEGIN
	INSERT INTO lead_company (contact_id, leads) SELECT NEW.contact_id, 1 WHERE NEW.contact_id IS NOT NULL
	ON CONFLICT DO UPDATE SET leads = leads + 1;
	INSERT INTO lead_tally (dim, kind, item, value, contacts, companies)
	SELECT 0, 0, NEW.leadstatus_id, '', 1, 0
	UNION ALL SELECT 2, NEW.associate_id IS NULL, coalesce(NEW.associate_id, 0), '', 1, 0
	UNION ALL SELECT 1, CASE WHEN k.contact_id IS NULL THEN 4 WHEN k.category_idx IS NULL THEN 3 ELSE 0 END,
		coalesce(k.category_idx, 0), '', 1,
		k.contact_id IS NOT NULL AND (SELECT leads FROM lead_company WHERE contact_id = NEW.contact_id) = 1
	FROM (SELECT 1) LEFT JOIN contact k ON k.contact_id = NEW.contact_id
	UNION ALL SELECT t.dim, 0, 0, coalesce(CASE t.dim WHEN 3 THEN f.firsttouch_source
		ELSE f.firsttouch_campaign END, ''), 1, 0
	FROM (SELECT 3 AS dim UNION ALL SELECT 4) t
	LEFT JOIN (SELECT firsttouch_source, firsttouch_campaign FROM utm_parameters
		WHERE created_person_id = NEW.person_id ORDER BY utm_parameters_id LIMIT 1) f
	WHERE true
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts,
		companies = companies + excluded.companies;
END;
CREATE TRIGGER IF NOT EXISTS lead_person_delete AFTER DELETE ON person
WHEN OLD.leadstatus_id IS NOT NULL
BEGIN
	INSERT INTO lead_tally_person VALUES (OLD.person_id, OLD.leadstatus_id, OLD.associate_id, OLD.contact_id, -1);
END;
-- A person becomes a lead, or stops being one: every dimension; a lead
-- changes status: that count alone.
CREATE TRIGGER IF NOT EXISTS lead_person_status AFTER UPDATE OF leadstatus_id ON person
WHEN NEW.leadstatus_id IS NOT OLD.leadstatus_id
BEGIN
	INSERT INTO lead_tally_person SELECT OLD.person_id, OLD.leadstatus_id, OLD.associate_id, OLD.contact_id, -1
	WHERE OLD.leadstatus_id IS NOT NULL AND NEW.leadstatus_id IS NULL;
	INSERT INTO lead_tally_person SELECT NEW.person_id, NEW.leadstatus_id, NEW.associate_id, NEW.contact_id, 1
	WHERE OLD.leadstatus_id IS NULL AND NEW.leadstatus_id IS NOT NULL;
	INSERT INTO lead_tally (dim, kind, item, value, contacts)
	SELECT 0, 0, OLD.leadstatus_id, '', -1 WHERE OLD.leadstatus_id IS NOT NULL AND NEW.leadstatus_id IS NOT NULL
	UNION ALL SELECT 0, 0, NEW.leadstatus_id, '', 1 WHERE OLD.leadstatus_id IS NOT NULL AND NEW.leadstatus_id IS NOT NULL
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts;
END;
-- The other columns of a lead that stays one (a change of status at the
-- same time is the trigger above's).
CREATE TRIGGER IF NOT EXISTS lead_person_owner AFTER UPDATE OF associate_id ON person
WHEN NEW.associate_id IS NOT OLD.associate_id
	AND OLD.leadstatus_id IS NOT NULL AND NEW.leadstatus_id IS NOT NULL
BEGIN
	INSERT INTO lead_tally (dim, kind, item, value, contacts)
	VALUES (2, OLD.associate_id IS NULL, coalesce(OLD.associate_id, 0), '', -1),
		(2, NEW.associate_id IS NULL, coalesce(NEW.associate_id, 0), '', 1)
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts;
END;
CREATE TRIGGER IF NOT EXISTS lead_person_company AFTER UPDATE OF contact_id ON person
WHEN NEW.contact_id IS NOT OLD.contact_id
	AND OLD.leadstatus_id IS NOT NULL AND NEW.leadstatus_id IS NOT NULL
BEGIN
	INSERT INTO lead_tally_company VALUES (OLD.contact_id, -1);
	INSERT INTO lead_tally_company VALUES (NEW.contact_id, 1);
END;
CREATE TRIGGER IF NOT EXISTS lead_person_id AFTER UPDATE OF person_id ON person
WHEN NEW.person_id IS NOT OLD.person_id
	AND OLD.leadstatus_id IS NOT NULL AND NEW.leadstatus_id IS NOT NULL
BEGIN
	INSERT INTO lead_tally_touch VALUES (OLD.person_id, -1);
	INSERT INTO lead_tally_touch VALUES (NEW.person_id, 1);
END;

-- Companies: their leads follow the company's category.
CREATE TRIGGER IF NOT EXISTS lead_contact_insert AFTER INSERT ON contact
WHEN EXISTS (SELECT 1 FROM lead_company WHERE contact_id = NEW.contact_id)
BEGIN
	INSERT INTO lead_tally_leads VALUES (NEW.contact_id, NULL, 0, -1);
	INSERT INTO lead_tally_leads VALUES (NEW.contact_id, NEW.category_idx, 1, 1);
END;
CREATE TRIGGER IF NOT EXISTS lead_contact_delete AFTER DELETE ON contact
WHEN EXISTS (SELECT 1 FROM lead_company WHERE contact_id = OLD.contact_id)
BEGIN
	INSERT INTO lead_tally_leads VALUES (OLD.contact_id, OLD.category_idx, 1, -1);
	INSERT INTO lead_tally_leads VALUES (OLD.contact_id, NULL, 0, 1);
END;
CREATE TRIGGER IF NOT EXISTS lead_contact_category AFTER UPDATE OF category_idx ON contact
WHEN NEW.category_idx IS NOT OLD.category_idx
	AND EXISTS (SELECT 1 FROM lead_company WHERE contact_id = NEW.contact_id)
BEGIN
	INSERT INTO lead_tally_leads VALUES (OLD.contact_id, OLD.category_idx, 1, -1);
	INSERT INTO lead_tally_leads VALUES (NEW.contact_id, NEW.category_idx, 1, 1);
END;

-- First touches. For a deleted or changed row a lead's touch is taken away
-- before the row changes and given again after, from whichever row is
-- then the first.
-- A new row is the first touch when no row of the person comes before it:
-- it takes the place of the one that did, or of none. One statement, as
-- this runs for every submitted form.
CREATE TRIGGER IF NOT EXISTS lead_utm_insert AFTER INSERT ON utm_parameters
WHEN (SELECT leadstatus_id FROM person WHERE person_id = NEW.created_person_id) IS NOT NULL
	AND NOT EXISTS (SELECT 1 FROM utm_parameters WHERE created_person_id = NEW.created_person_id
		AND utm_parameters_id < NEW.utm_parameters_id)
BEGIN
	INSERT INTO lead_tally (dim, kind, item, value, contacts)
	SELECT t.dim, 0, 0, coalesce(CASE t.dim WHEN 3 THEN f.firsttouch_source
		ELSE f.firsttouch_campaign END, ''), -1
	FROM (SELECT 3 AS dim UNION ALL SELECT 4) t
	LEFT JOIN (SELECT firsttouch_source, firsttouch_campaign FROM utm_parameters
		WHERE created_person_id = NEW.created_person_id AND utm_parameters_id > NEW.utm_parameters_id
		ORDER BY utm_parameters_id LIMIT 1) f
	UNION ALL SELECT 3, 0, 0, coalesce(NEW.firsttouch_source, ''), 1
	UNION ALL SELECT 4, 0, 0, coalesce(NEW.firsttouch_campaign, ''), 1
	WHERE true
	ON CONFLICT DO UPDATE SET contacts = contacts + excluded.contacts;
END;
CREATE TRIGGER IF NOT EXISTS lead_utm_delete_before BEFORE DELETE ON utm_parameters
WHEN (SELECT leadstatus_id FROM person WHERE person_id = OLD.created_person_id) IS NOT NULL
BEGIN
	INSERT INTO lead_tally_touch VALUES (OLD.created_person_id, -1);
END;
CREATE TRIGGER IF NOT EXISTS lead_utm_delete_after AFTER DELETE ON utm_parameters
WHEN (SELECT leadstatus_id FROM person WHERE person_id = OLD.created_person_id) IS NOT NULL
BEGIN
	INSERT INTO lead_tally_touch VALUES (OLD.created_person_id, 1);
END;
CREATE TRIGGER IF NOT EXISTS lead_utm_update_before BEFORE UPDATE OF utm_parameters_id, created_person_id,
	firsttouch_source, firsttouch_campaign ON utm_parameters
BEGIN
	INSERT INTO lead_tally_touch SELECT p.person_id, -1 FROM person p
	WHERE p.person_id IN (OLD.created_person_id, NEW.created_person_id) AND p.leadstatus_id IS NOT NULL;
END;
CREATE TRIGGER IF NOT EXISTS lead_utm_update_after AFTER UPDATE OF utm_parameters_id, created_person_id,
	firsttouch_source, firsttouch_campaign ON utm_parameters
BEGIN
	INSERT INTO lead_tally_touch SELECT p.person_id, 1 FROM person p
	WHERE p.person_id IN (OLD.created_person_id, NEW.created_person_id) AND p.leadstatus_id IS NOT NULL;
END;

-- Version 3's count of a new company's category left out the persons that
-- already pointed at the company (rows of a legacy database, or a company
-- made again under its old id): they count now.
DROP TRIGGER IF EXISTS usage_contact_insert;
CREATE TRIGGER usage_contact_insert AFTER INSERT ON contact
WHEN NEW.category_idx IS NOT NULL
BEGIN
	INSERT INTO usage_count (list, item_id, companies, contacts)
	VALUES ('category', NEW.category_idx, 1, (SELECT count(*) FROM person WHERE contact_id = NEW.contact_id))
	ON CONFLICT (list, item_id) DO UPDATE SET companies = companies + 1,
		contacts = contacts + excluded.contacts;
END;
