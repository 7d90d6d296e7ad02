-- Schema version 3: what keeps the lists fast at a million contacts.
--
-- 1. A case-folded copy of each list item's name, indexed, so that the
--    uniqueness check of rule 2 is a look-up instead of a scan. leadadmin
--    fills it; a change of the name by any other program empties it (the
--    trigger), and leadadmin fills it again when it next opens the file.
-- 2. How many companies and contacts use each category and lead status,
--    kept by triggers on contact and person, so that a list screen shows
--    its in-use counts without counting a million rows.

ALTER TABLE category ADD COLUMN la_name_key TEXT;
ALTER TABLE leadstatus ADD COLUMN la_name_key TEXT;
ALTER TABLE contact ADD COLUMN la_name_key TEXT;
CREATE INDEX category_name_key ON category (la_name_key);
CREATE INDEX leadstatus_name_key ON leadstatus (la_name_key);
CREATE INDEX contact_name_key ON contact (la_name_key);

CREATE TRIGGER category_name_changed AFTER UPDATE OF name ON category
WHEN NEW.name IS NOT OLD.name AND NEW.la_name_key IS OLD.la_name_key
BEGIN
	UPDATE category SET la_name_key = NULL WHERE category_id = NEW.category_id;
END;
CREATE TRIGGER leadstatus_name_changed AFTER UPDATE OF name ON leadstatus
WHEN NEW.name IS NOT OLD.name AND NEW.la_name_key IS OLD.la_name_key
BEGIN
	UPDATE leadstatus SET la_name_key = NULL WHERE leadstatus_id = NEW.leadstatus_id;
END;
CREATE TRIGGER contact_name_changed AFTER UPDATE OF name ON contact
WHEN NEW.name IS NOT OLD.name AND NEW.la_name_key IS OLD.la_name_key
BEGIN
	UPDATE contact SET la_name_key = NULL WHERE contact_id = NEW.contact_id;
END;

-- list is 'category' or 'leadstatus'; companies counts only for categories.
CREATE TABLE usage_count (
	list      TEXT NOT NULL,
	item_id   INTEGER NOT NULL,
	companies INTEGER NOT NULL DEFAULT 0,
	contacts  INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (list, item_id)
) WITHOUT ROWID;

INSERT INTO usage_count (list, item_id, companies, contacts)
SELECT 'category', c.category_id,
	(SELECT count(*) FROM contact k WHERE k.category_idx = c.category_id),
	(SELECT count(*) FROM person p JOIN contact k ON k.contact_id = p.contact_id
	 WHERE k.category_idx = c.category_id)
FROM category c;
INSERT INTO usage_count (list, item_id, companies, contacts)
SELECT 'leadstatus', l.leadstatus_id, 0,
	(SELECT count(*) FROM person p WHERE p.leadstatus_id = l.leadstatus_id)
FROM leadstatus l;

-- Companies.
CREATE TRIGGER usage_contact_insert AFTER INSERT ON contact
WHEN NEW.category_idx IS NOT NULL
BEGIN
	INSERT INTO usage_count (list, item_id, companies) VALUES ('category', NEW.category_idx, 1)
	ON CONFLICT (list, item_id) DO UPDATE SET companies = companies + 1;
END;
CREATE TRIGGER usage_contact_delete AFTER DELETE ON contact
WHEN OLD.category_idx IS NOT NULL
BEGIN
	UPDATE usage_count SET companies = companies - 1,
		contacts = contacts - (SELECT count(*) FROM person WHERE contact_id = OLD.contact_id)
	WHERE list = 'category' AND item_id = OLD.category_idx;
END;
CREATE TRIGGER usage_contact_move AFTER UPDATE OF category_idx ON contact
WHEN NEW.category_idx IS NOT OLD.category_idx
BEGIN
	UPDATE usage_count SET companies = companies - 1,
		contacts = contacts - (SELECT count(*) FROM person WHERE contact_id = OLD.contact_id)
	WHERE list = 'category' AND item_id = OLD.category_idx;
	INSERT INTO usage_count (list, item_id, companies, contacts)
	SELECT 'category', NEW.category_idx, 1,
		(SELECT count(*) FROM person WHERE contact_id = NEW.contact_id)
	WHERE NEW.category_idx IS NOT NULL
	ON CONFLICT (list, item_id) DO UPDATE SET companies = companies + 1,
		contacts = contacts + excluded.contacts;
END;

-- Contact persons: in a company's category, and in a lead status.
CREATE TRIGGER usage_person_insert AFTER INSERT ON person
BEGIN
	INSERT INTO usage_count (list, item_id, contacts)
	SELECT 'category', k.category_idx, 1 FROM contact k
	WHERE k.contact_id = NEW.contact_id AND k.category_idx IS NOT NULL
	ON CONFLICT (list, item_id) DO UPDATE SET contacts = contacts + 1;
	INSERT INTO usage_count (list, item_id, contacts)
	SELECT 'leadstatus', NEW.leadstatus_id, 1 WHERE NEW.leadstatus_id IS NOT NULL
	ON CONFLICT (list, item_id) DO UPDATE SET contacts = contacts + 1;
END;
CREATE TRIGGER usage_person_delete AFTER DELETE ON person
BEGIN
	UPDATE usage_count SET contacts = contacts - 1
	WHERE list = 'category' AND item_id = (SELECT category_idx FROM contact WHERE contact_id = OLD.contact_id);
	UPDATE usage_count SET contacts = contacts - 1
	WHERE list = 'leadstatus' AND item_id = OLD.leadstatus_id;
END;
CREATE TRIGGER usage_person_company AFTER UPDATE OF contact_id ON person
WHEN NEW.contact_id IS NOT OLD.contact_id
BEGIN
	UPDATE usage_count SET contacts = contacts - 1
	WHERE list = 'category' AND item_id = (SELECT category_idx FROM contact WHERE contact_id = OLD.contact_id);
	INSERT INTO usage_count (list, item_id, contacts)
	SELECT 'category', k.category_idx, 1 FROM contact k
	WHERE k.contact_id = NEW.contact_id AND k.category_idx IS NOT NULL
	ON CONFLICT (list, item_id) DO UPDATE SET contacts = contacts + 1;
END;
CREATE TRIGGER usage_person_status AFTER UPDATE OF leadstatus_id ON person
WHEN NEW.leadstatus_id IS NOT OLD.leadstatus_id
BEGIN
	UPDATE usage_count SET contacts = contacts - 1
	WHERE list = 'leadstatus' AND item_id = OLD.leadstatus_id;
	INSERT INTO usage_count (list, item_id, contacts)
	SELECT 'leadstatus', NEW.leadstatus_id, 1 WHERE NEW.leadstatus_id IS NOT NULL
	ON CONFLICT (list, item_id) DO UPDATE SET contacts = contacts + 1;
END;
