-- The benchmark's data: fills a database made by `leadadmin init --demo`
-- up to @companies companies and @persons contact persons (one e-mail
-- address each), in one transaction. Deterministic: every "random" choice
-- is a fixed hash of the row number, so every run builds the same rows.
--
--   sqlite3 -cmd '.parameter set @companies 100000' \
--           -cmd '.parameter set @persons 1000000' DB < gen.sql
--
-- The rows go in through the normal tables, so schema v3's triggers keep
-- usage_count right (run.sh checks every counter afterwards). Names are
-- ASCII, so lower() is exactly leadadmin's la_fold() for la_name_key.
-- Persons of a category with lead status get one (40 % the default, the
-- rest spread over all statuses); persons and companies get an owner from
-- the demo's sales associates.

PRAGMA cache_size = -65536;
BEGIN IMMEDIATE;

CREATE TEMP TABLE g_cat AS SELECT row_number() OVER (ORDER BY category_id) - 1 AS k,
	category_id AS id FROM category WHERE deleted = 0;
CREATE TEMP TABLE g_own AS SELECT row_number() OVER (ORDER BY associate_id) - 1 AS k,
	associate_id AS id FROM associate WHERE role = 0 AND deleted = 0;
CREATE TEMP TABLE g_st AS SELECT row_number() OVER (ORDER BY leadstatus_id) - 1 AS k,
	leadstatus_id AS id FROM leadstatus WHERE deleted = 0;
CREATE TEMP TABLE g_word (k INTEGER PRIMARY KEY, w TEXT);
INSERT INTO g_word VALUES (0, 'Nord'), (1, 'Sued'), (2, 'Alpen'), (3, 'Rhein'), (4, 'Hansa'),
	(5, 'Delta'), (6, 'Nova'), (7, 'Blau'), (8, 'Stern'), (9, 'Ost'), (10, 'West'), (11, 'Berg');
CREATE TEMP TABLE g_kind (k INTEGER PRIMARY KEY, w TEXT);
INSERT INTO g_kind VALUES (0, 'GmbH'), (1, 'AG'), (2, 'KG'), (3, 'Logistik GmbH'),
	(4, 'Software AG'), (5, 'Handel KG');
CREATE TEMP TABLE g_first (k INTEGER PRIMARY KEY, w TEXT);
INSERT INTO g_first VALUES (0, 'Anna'), (1, 'Ben'), (2, 'Clara'), (3, 'David'), (4, 'Eva'),
	(5, 'Felix'), (6, 'Greta'), (7, 'Hannes'), (8, 'Ida'), (9, 'Jonas'), (10, 'Karin'),
	(11, 'Lukas'), (12, 'Mia'), (13, 'Noah'), (14, 'Olga'), (15, 'Paul');
CREATE TEMP TABLE g_last (k INTEGER PRIMARY KEY, w TEXT);
INSERT INTO g_last VALUES (0, 'Mueller'), (1, 'Schmidt'), (2, 'Fischer'), (3, 'Weber'),
	(4, 'Meyer'), (5, 'Wagner'), (6, 'Becker'), (7, 'Hoffmann'), (8, 'Schaefer'), (9, 'Koch'),
	(10, 'Bauer'), (11, 'Richter'), (12, 'Klein'), (13, 'Wolf');
-- What the demo already made counts towards the totals.
CREATE TEMP TABLE g_base AS SELECT
	(SELECT coalesce(max(contact_id), 0) FROM contact) AS c0,
	@companies - (SELECT count(*) FROM contact) AS nc,
	(SELECT coalesce(max(person_id), 0) FROM person) AS p0,
	@persons - (SELECT count(*) FROM person) AS np,
	(SELECT leadstatus_id FROM leadstatus WHERE is_default = 1 AND deleted = 0) AS def,
	(SELECT count(*) FROM g_cat) AS ncat,
	(SELECT count(*) FROM g_own) AS nown,
	(SELECT count(*) FROM g_st) AS nst;

INSERT INTO contact (contact_id, name, category_idx, associate_id, registered, la_name_key)
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < (SELECT nc FROM g_base)),
h(i, h) AS (SELECT i, (i * 2654435761 + 20261126) % 4294967291 FROM s),
n(i, h, nm) AS (SELECT i, h,
	(SELECT w FROM g_word WHERE k = h % 12) || (SELECT w FROM g_word WHERE k = (h / 12) % 12)
	|| ' ' || (SELECT w FROM g_kind WHERE k = (h / 144) % 6) || ' ' || i FROM h)
SELECT b.c0 + i, nm,
	(SELECT id FROM g_cat WHERE k = (h / 864) % b.ncat),
	(SELECT id FROM g_own WHERE k = (h / 7) % b.nown),
	'2026-01-01 00:00:00', lower(nm)
FROM n, g_base b;

INSERT INTO person (person_id, contact_id, firstname, lastname, leadstatus_id, associate_id, registered)
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < (SELECT np FROM g_base)),
h(i, h, c) AS (SELECT i, (i * 2246822519 + 3266489917) % 4294967291,
	b.c0 + 1 + (i - 1) * b.nc / b.np FROM s, g_base b)
SELECT b.p0 + i, c,
	(SELECT w FROM g_first WHERE k = h % 16),
	(SELECT w FROM g_last WHERE k = (h / 16) % 14),
	CASE WHEN (SELECT y.enable_lead_status FROM contact k JOIN category y ON y.category_id = k.category_idx
		   WHERE k.contact_id = c) = 1
	THEN CASE WHEN (h / 224) % 5 < 2 THEN b.def
		  ELSE (SELECT id FROM g_st WHERE k = (h / 1120) % b.nst) END END,
	(SELECT associate_id FROM contact WHERE contact_id = c),
	'2026-01-01 00:00:00'
FROM h, g_base b;

INSERT INTO email (person_id, contact_id, email_address)
SELECT person_id, contact_id, lower(firstname) || '.' || person_id || '@example.com'
FROM person WHERE person_id > (SELECT p0 FROM g_base) ORDER BY person_id;

COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
