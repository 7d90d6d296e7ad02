-- Schema version 4: the list model.
--
-- 1. User groups are a list like Company - Category and Contact - Lead
--    status: the same audit columns and the same indexed name key (rule 2).
-- 2. Every name key is made again: names are now compared by Unicode's
--    full case folding of their NFC form (utf8proc), where version 3 had a
--    table of its own. Two items whose names the new keys make equal are
--    both kept, and each such set is written to the audit log
--    (list 'schema', action 'name-collision'), so that an administrator can
--    rename one; until then both stay usable.

ALTER TABLE usergroup ADD COLUMN registered_associate_id INTEGER REFERENCES associate (associate_id);
ALTER TABLE usergroup ADD COLUMN updated_associate_id INTEGER REFERENCES associate (associate_id);
ALTER TABLE usergroup ADD COLUMN la_name_key TEXT;
CREATE INDEX usergroup_name_key ON usergroup (la_name_key);
CREATE TRIGGER usergroup_name_changed AFTER UPDATE OF name ON usergroup
WHEN NEW.name IS NOT OLD.name AND NEW.la_name_key IS OLD.la_name_key
BEGIN
	UPDATE usergroup SET la_name_key = NULL WHERE usergroup_id = NEW.usergroup_id;
END;

UPDATE category SET la_name_key = la_fold(name);
UPDATE leadstatus SET la_name_key = la_fold(name);
UPDATE usergroup SET la_name_key = la_fold(name);
UPDATE contact SET la_name_key = la_fold(name);

INSERT INTO audit (login, list, action, new_value)
SELECT coalesce((SELECT name FROM associate WHERE role = 2 AND deleted = 0
		 ORDER BY associate_id LIMIT 1), ''), 'schema', 'name-collision',
	json_object('list', 'category', 'names', json_group_array(name))
FROM (SELECT name, la_name_key FROM category ORDER BY category_id)
GROUP BY la_name_key HAVING count(*) > 1;
INSERT INTO audit (login, list, action, new_value)
SELECT coalesce((SELECT name FROM associate WHERE role = 2 AND deleted = 0
		 ORDER BY associate_id LIMIT 1), ''), 'schema', 'name-collision',
	json_object('list', 'leadstatus', 'names', json_group_array(name))
FROM (SELECT name, la_name_key FROM leadstatus ORDER BY leadstatus_id)
GROUP BY la_name_key HAVING count(*) > 1;
INSERT INTO audit (login, list, action, new_value)
SELECT coalesce((SELECT name FROM associate WHERE role = 2 AND deleted = 0
		 ORDER BY associate_id LIMIT 1), ''), 'schema', 'name-collision',
	json_object('list', 'usergroup', 'names', json_group_array(name))
FROM (SELECT name, la_name_key FROM usergroup ORDER BY usergroup_id)
GROUP BY la_name_key HAVING count(*) > 1;
