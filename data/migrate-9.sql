-- Multi-language names (SuperOffice's notation, US:"Lead";GE:"Lead").
--
-- A list item's name column keeps the text as SuperOffice stores it. Rule
-- 2 holds per language: la_name_lang holds one folded key (la_fold of the
-- value) per item and language of a multi-language name, indexed, next to
-- the item's la_name_key (the folded whole text, the key of a plain name).
-- leadadmin writes the rows with every save; a name that another program
-- changes loses them here, and its la_name_key (NULL, as before), so that
-- leadadmin computes both again before its next change.
CREATE TABLE IF NOT EXISTS la_name_lang (
	tbl  TEXT NOT NULL,      -- 'category', 'leadstatus', 'usergroup'
	item INTEGER NOT NULL,   -- the item's id in tbl
	lang TEXT NOT NULL,      -- SuperOffice's code: 'US', 'GE', ...
	key  TEXT NOT NULL,      -- la_fold(value)
	PRIMARY KEY (tbl, item, lang)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS la_name_lang_key ON la_name_lang (tbl, key, lang);

CREATE TRIGGER IF NOT EXISTS category_name_lang AFTER UPDATE OF name ON category
WHEN NEW.name IS NOT OLD.name
BEGIN
	DELETE FROM la_name_lang WHERE tbl = 'category' AND item = NEW.category_id;
END;
CREATE TRIGGER IF NOT EXISTS category_name_lang_gone AFTER DELETE ON category
BEGIN
	DELETE FROM la_name_lang WHERE tbl = 'category' AND item = OLD.category_id;
END;
CREATE TRIGGER IF NOT EXISTS leadstatus_name_lang AFTER UPDATE OF name ON leadstatus
WHEN NEW.name IS NOT OLD.name
BEGIN
	DELETE FROM la_name_lang WHERE tbl = 'leadstatus' AND item = NEW.leadstatus_id;
END;
CREATE TRIGGER IF NOT EXISTS leadstatus_name_lang_gone AFTER DELETE ON leadstatus
BEGIN
	DELETE FROM la_name_lang WHERE tbl = 'leadstatus' AND item = OLD.leadstatus_id;
END;
CREATE TRIGGER IF NOT EXISTS usergroup_name_lang AFTER UPDATE OF name ON usergroup
WHEN NEW.name IS NOT OLD.name
BEGIN
	DELETE FROM la_name_lang WHERE tbl = 'usergroup' AND item = NEW.usergroup_id;
END;
CREATE TRIGGER IF NOT EXISTS usergroup_name_lang_gone AFTER DELETE ON usergroup
BEGIN
	DELETE FROM la_name_lang WHERE tbl = 'usergroup' AND item = OLD.usergroup_id;
END;

-- The names already in the notation (a SuperOffice database) get their
-- keys per language with the next change.
UPDATE category SET la_name_key = NULL WHERE name GLOB '[A-Z][A-Z]:"*"';
UPDATE leadstatus SET la_name_key = NULL WHERE name GLOB '[A-Z][A-Z]:"*"';
UPDATE usergroup SET la_name_key = NULL WHERE name GLOB '[A-Z][A-Z]:"*"';
