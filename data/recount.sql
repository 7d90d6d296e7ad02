-- The counts that the screens keep (usage_count of version 3, lead_tally
-- and lead_company of version 6), made again from the rows:
-- `leadadmin recount`, the end of the upgrade to version 6, and (into
-- temporary tables of the same names) `leadadmin setup-check --deep`.
-- data/migrate-6.sql says what each row means. SQLite and PostgreSQL
-- both read it.
-- Each key that rows hold, also one that is not in its list (a legacy
-- database without foreign keys), as the triggers count them.
DELETE FROM usage_count;
INSERT INTO usage_count (list, item_id, companies, contacts)
SELECT 'category', item, sum(companies), sum(contacts) FROM (
	SELECT category_idx AS item, count(*) AS companies, 0 AS contacts FROM contact
	WHERE category_idx IS NOT NULL GROUP BY 1
	UNION ALL
	SELECT k.category_idx, 0, count(*) FROM person p JOIN contact k ON k.contact_id = p.contact_id
	WHERE k.category_idx IS NOT NULL GROUP BY 1) AS u
GROUP BY item;
INSERT INTO usage_count (list, item_id, companies, contacts)
SELECT 'leadstatus', leadstatus_id, 0, count(*) FROM person
WHERE leadstatus_id IS NOT NULL GROUP BY 2;

DELETE FROM lead_company;
INSERT INTO lead_company (contact_id, leads)
SELECT contact_id, count(*) FROM person
WHERE leadstatus_id IS NOT NULL AND contact_id IS NOT NULL GROUP BY contact_id;

DELETE FROM lead_tally;
INSERT INTO lead_tally (dim, kind, item, value, contacts, companies)
SELECT 0, 0, leadstatus_id, '', count(*), 0 FROM person
WHERE leadstatus_id IS NOT NULL GROUP BY leadstatus_id;
INSERT INTO lead_tally (dim, kind, item, value, contacts, companies)
SELECT 1, CASE WHEN k.contact_id IS NULL THEN 4 WHEN k.category_idx IS NULL THEN 3 ELSE 0 END AS kind,
	coalesce(k.category_idx, 0) AS item, '', count(*), count(DISTINCT k.contact_id)
FROM person p LEFT JOIN contact k ON k.contact_id = p.contact_id
WHERE p.leadstatus_id IS NOT NULL GROUP BY 2, 3;
INSERT INTO lead_tally (dim, kind, item, value, contacts, companies)
SELECT 2, CASE WHEN associate_id IS NULL THEN 1 ELSE 0 END, coalesce(associate_id, 0), '', count(*), 0 FROM person
WHERE leadstatus_id IS NOT NULL GROUP BY 2, 3;
WITH touch AS MATERIALIZED (
	SELECT coalesce(u.firsttouch_source, '') AS source, coalesce(u.firsttouch_campaign, '') AS campaign
	FROM person p LEFT JOIN utm_parameters u ON u.utm_parameters_id = (SELECT min(w.utm_parameters_id)
		FROM utm_parameters w WHERE w.created_person_id = p.person_id)
	WHERE p.leadstatus_id IS NOT NULL)
INSERT INTO lead_tally (dim, kind, item, value, contacts, companies)
SELECT 3, 0, 0, source, count(*), 0 FROM touch GROUP BY source
UNION ALL SELECT 4, 0, 0, campaign, count(*), 0 FROM touch GROUP BY campaign;
