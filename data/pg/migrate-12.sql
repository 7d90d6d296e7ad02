-- PostgreSQL schema version 11 to 12 (src/schema.c, schema_upgrade_server).
-- A server database of version 11 made before these changes of
-- data/pg/schema.sql, which came without a new version, gets them:
--   - a new lead's tallies in one upsert, the counting functions that
--     triggers call for each row in PL/pgSQL;
--   - the INSERT triggers usage_contact_insert, usage_person_insert,
--     lead_person_insert, lead_contact_insert and lead_utm_insert once for
--     each statement, with its new rows as a transition table;
--   - the *_notify triggers only for statements at trigger depth 0;
--   - the index utm_parameters_person on (created_person_id,
--     utm_parameters_id);
--   - the index person_leadstatus_registered on (leadstatus_id,
--     registered, person_id), which gives a status's page of contacts
--     in their order without sorting them.
-- The kept counts mean what they meant: the new triggers count as the old
-- ones did, so the rows stay right and are not made again.
-- Each statement may run again on a database that has it already: a
-- database made at version 11 after the changes gets nothing new. The
-- functions below are copies of data/pg/schema.sql's, letter for letter
-- (tests/pg_upgrade.sh compares pg_dump of an upgraded and a new
-- database).

CREATE OR REPLACE FUNCTION la_usage_add(l text, id bigint, dcompanies integer, dcontacts integer)
RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO usage_count AS u (list, item_id, companies, contacts)
	SELECT l, id, dcompanies, dcontacts WHERE id IS NOT NULL
	ON CONFLICT (list, item_id) DO UPDATE SET companies = u.companies + excluded.companies,
		contacts = u.contacts + excluded.contacts;
END $$;

CREATE OR REPLACE FUNCTION la_usage_contact_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO usage_count AS u (list, item_id, companies, contacts)
	SELECT 'category', n.category_idx, count(*)::integer,
		sum((SELECT count(*) FROM person p WHERE p.contact_id = n.contact_id))::integer
	FROM la_new_contact n WHERE n.category_idx IS NOT NULL
	GROUP BY n.category_idx ORDER BY n.category_idx
	ON CONFLICT (list, item_id) DO UPDATE SET companies = u.companies + excluded.companies,
		contacts = u.contacts + excluded.contacts;
	RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS usage_contact_insert ON contact;
CREATE TRIGGER usage_contact_insert AFTER INSERT ON contact
	REFERENCING NEW TABLE AS la_new_contact
	FOR EACH STATEMENT EXECUTE FUNCTION la_usage_contact_new();

CREATE OR REPLACE FUNCTION la_usage_person() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF TG_OP = 'INSERT' THEN
		INSERT INTO usage_count AS u (list, item_id, companies, contacts)
		SELECT v.l, v.i, 0, 1 FROM (VALUES
			('category', (SELECT category_idx FROM contact WHERE contact_id = NEW.contact_id)),
			('leadstatus', NEW.leadstatus_id)) AS v (l, i)
		WHERE v.i IS NOT NULL
		ON CONFLICT (list, item_id) DO UPDATE SET contacts = u.contacts + excluded.contacts;
	ELSIF TG_OP = 'DELETE' THEN
		UPDATE usage_count SET contacts = contacts - 1
		WHERE list = 'category' AND item_id = (SELECT category_idx FROM contact WHERE contact_id = OLD.contact_id);
		UPDATE usage_count SET contacts = contacts - 1
		WHERE list = 'leadstatus' AND item_id = OLD.leadstatus_id;
	ELSIF TG_ARGV[0] = 'company' THEN
		UPDATE usage_count SET contacts = contacts - 1
		WHERE list = 'category' AND item_id = (SELECT category_idx FROM contact WHERE contact_id = OLD.contact_id);
		PERFORM la_usage_add('category', (SELECT category_idx FROM contact WHERE contact_id = NEW.contact_id), 0, 1);
	ELSE
		UPDATE usage_count SET contacts = contacts - 1
		WHERE list = 'leadstatus' AND item_id = OLD.leadstatus_id;
		PERFORM la_usage_add('leadstatus', NEW.leadstatus_id, 0, 1);
	END IF;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION la_usage_person_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO usage_count AS u (list, item_id, companies, contacts)
	SELECT v.l, v.i, 0, count(*)::integer FROM (
		SELECT 'category' AS l, c.category_idx AS i
		FROM la_new_person n JOIN contact c ON c.contact_id = n.contact_id
		UNION ALL SELECT 'leadstatus', n.leadstatus_id FROM la_new_person n) AS v
	WHERE v.i IS NOT NULL
	GROUP BY v.l, v.i ORDER BY v.l, v.i
	ON CONFLICT (list, item_id) DO UPDATE SET contacts = u.contacts + excluded.contacts;
	RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS usage_person_insert ON person;
CREATE TRIGGER usage_person_insert AFTER INSERT ON person
	REFERENCING NEW TABLE AS la_new_person
	FOR EACH STATEMENT EXECUTE FUNCTION la_usage_person_new();

CREATE OR REPLACE FUNCTION la_tally_add(p_dim integer, p_kind integer, p_item bigint, p_value text,
	p_contacts integer, p_companies integer) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO lead_tally AS t (dim, kind, item, value, contacts, companies)
	VALUES (p_dim, p_kind, p_item, p_value, p_contacts, p_companies)
	ON CONFLICT (dim, kind, item, value) DO UPDATE SET contacts = t.contacts + excluded.contacts,
		companies = t.companies + excluded.companies;
END $$;

CREATE OR REPLACE FUNCTION la_first_touch(p bigint, drop_id bigint, add_id bigint, add_source text,
	add_campaign text, OUT source text, OUT campaign text) LANGUAGE plpgsql STABLE AS $$
BEGIN
	SELECT coalesce(min(f.s), ''), coalesce(min(f.c), '') INTO source, campaign FROM (
		SELECT r.s, r.c FROM (
			SELECT utm_parameters_id AS i, firsttouch_source AS s, firsttouch_campaign AS c
			FROM utm_parameters WHERE created_person_id = p
				AND utm_parameters_id IS DISTINCT FROM drop_id
			UNION ALL SELECT add_id, add_source, add_campaign WHERE add_id IS NOT NULL
		) r ORDER BY r.i LIMIT 1) f;
END $$;

CREATE OR REPLACE FUNCTION la_tally_person(p bigint, s bigint, a bigint, c bigint, d integer)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	k contact%ROWTYPE;
	n integer;
	f record;
BEGIN
	IF c IS NOT NULL THEN
		INSERT INTO lead_company AS l (contact_id, leads) VALUES (c, d)
		ON CONFLICT (contact_id) DO UPDATE SET leads = l.leads + excluded.leads
		RETURNING leads INTO n;
	END IF;
	SELECT * INTO k FROM contact WHERE contact_id = c;
	f := la_first_touch(p, NULL, NULL, NULL, NULL);
	INSERT INTO lead_tally AS t (dim, kind, item, value, contacts, companies) VALUES
		(0, 0, s, '', d, 0),
		(2, CASE WHEN a IS NULL THEN 1 ELSE 0 END, coalesce(a, 0), '', d, 0),
		(1, CASE WHEN k.contact_id IS NULL THEN 4 WHEN k.category_idx IS NULL THEN 3 ELSE 0 END,
			coalesce(k.category_idx, 0), '', d,
			CASE WHEN k.contact_id IS NOT NULL AND n = CASE WHEN d > 0 THEN 1 ELSE 0 END THEN d ELSE 0 END),
		(3, 0, 0, f.source, d, 0),
		(4, 0, 0, f.campaign, d, 0)
	ON CONFLICT (dim, kind, item, value) DO UPDATE SET contacts = t.contacts + excluded.contacts,
		companies = t.companies + excluded.companies;
	IF n = 0 THEN
		DELETE FROM lead_company WHERE contact_id = c AND leads = 0;
	END IF;
END $$;

CREATE OR REPLACE FUNCTION la_lead_person_new() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	emptied boolean;
BEGIN
	WITH n AS (
		SELECT * FROM la_new_person WHERE leadstatus_id IS NOT NULL
	), added AS (
		SELECT contact_id, count(*)::integer AS k FROM n WHERE contact_id IS NOT NULL
		GROUP BY contact_id
	), company AS (
		INSERT INTO lead_company AS l (contact_id, leads)
		SELECT contact_id, k FROM added ORDER BY contact_id
		ON CONFLICT (contact_id) DO UPDATE SET leads = l.leads + excluded.leads
		RETURNING contact_id, leads
	), firsts AS (
		SELECT c.contact_id FROM company c JOIN added a USING (contact_id)
		WHERE c.leads >= 1 AND c.leads - a.k <= 0
	), tally AS (
		INSERT INTO lead_tally AS t (dim, kind, item, value, contacts, companies)
		SELECT v.dim, v.kind, v.item, v.value, sum(v.contacts)::integer, sum(v.companies)::integer
		FROM (
			SELECT 0 AS dim, 0 AS kind, n.leadstatus_id AS item, '' AS value,
				1 AS contacts, 0 AS companies FROM n
			UNION ALL
			SELECT 2, CASE WHEN n.associate_id IS NULL THEN 1 ELSE 0 END,
				coalesce(n.associate_id, 0), '', 1, 0 FROM n
			UNION ALL
			SELECT 1, CASE WHEN k.contact_id IS NULL THEN 4 WHEN k.category_idx IS NULL THEN 3
				ELSE 0 END, coalesce(k.category_idx, 0), '', 1, 0
			FROM n LEFT JOIN contact k ON k.contact_id = n.contact_id
			UNION ALL
			SELECT 1, CASE WHEN k.category_idx IS NULL THEN 3 ELSE 0 END,
				coalesce(k.category_idx, 0), '', 0, 1
			FROM firsts f JOIN contact k ON k.contact_id = f.contact_id
			UNION ALL
			SELECT 3, 0, 0, coalesce(f.s, ''), 1, 0 FROM n LEFT JOIN LATERAL (
				SELECT firsttouch_source AS s FROM utm_parameters
				WHERE created_person_id = n.person_id ORDER BY utm_parameters_id LIMIT 1) AS f ON true
			UNION ALL
			SELECT 4, 0, 0, coalesce(f.c, ''), 1, 0 FROM n LEFT JOIN LATERAL (
				SELECT firsttouch_campaign AS c FROM utm_parameters
				WHERE created_person_id = n.person_id ORDER BY utm_parameters_id LIMIT 1) AS f ON true
		) AS v
		GROUP BY v.dim, v.kind, v.item, v.value ORDER BY v.dim, v.kind, v.item, v.value
		ON CONFLICT (dim, kind, item, value) DO UPDATE SET contacts = t.contacts + excluded.contacts,
			companies = t.companies + excluded.companies
	)
	SELECT coalesce(bool_or(leads = 0), false) INTO emptied FROM company;
	IF emptied THEN
		DELETE FROM lead_company
		WHERE contact_id IN (SELECT contact_id FROM la_new_person WHERE leadstatus_id IS NOT NULL)
			AND leads = 0;
	END IF;
	RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS lead_person_insert ON person;
CREATE TRIGGER lead_person_insert AFTER INSERT ON person
	REFERENCING NEW TABLE AS la_new_person
	FOR EACH STATEMENT EXECUTE FUNCTION la_lead_person_new();

CREATE OR REPLACE FUNCTION la_lead_contact_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO lead_tally AS t (dim, kind, item, value, contacts, companies)
	SELECT v.dim, v.kind, v.item, '', sum(v.contacts)::integer, sum(v.companies)::integer
	FROM la_new_contact c JOIN lead_company l ON l.contact_id = c.contact_id AND l.leads > 0,
		LATERAL (VALUES (1, 4, 0::bigint, -l.leads, 0),
			(1, CASE WHEN c.category_idx IS NULL THEN 3 ELSE 0 END,
			 coalesce(c.category_idx, 0), l.leads, 1)) AS v (dim, kind, item, contacts, companies)
	GROUP BY v.dim, v.kind, v.item ORDER BY v.dim, v.kind, v.item
	ON CONFLICT (dim, kind, item, value) DO UPDATE SET contacts = t.contacts + excluded.contacts,
		companies = t.companies + excluded.companies;
	RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS lead_contact_insert ON contact;
CREATE TRIGGER lead_contact_insert AFTER INSERT ON contact
	REFERENCING NEW TABLE AS la_new_contact
	FOR EACH STATEMENT EXECUTE FUNCTION la_lead_contact_new();

CREATE OR REPLACE FUNCTION la_touch_shift(p bigint, drop_id bigint, add_id bigint, add_source text,
	add_campaign text) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
	b record;
	a record;
BEGIN
	IF p IS NULL OR (SELECT leadstatus_id FROM person WHERE person_id = p) IS NULL THEN
		RETURN;
	END IF;
	b := la_first_touch(p, NULL, NULL, NULL, NULL);
	a := la_first_touch(p, drop_id, add_id, add_source, add_campaign);
	IF a.source IS DISTINCT FROM b.source OR a.campaign IS DISTINCT FROM b.campaign THEN
		INSERT INTO lead_tally AS t (dim, kind, item, value, contacts, companies)
		SELECT v.dim, 0, 0, v.value, v.d, 0 FROM (VALUES
			(3, b.source, -1, a.source IS DISTINCT FROM b.source),
			(3, a.source, 1, a.source IS DISTINCT FROM b.source),
			(4, b.campaign, -1, a.campaign IS DISTINCT FROM b.campaign),
			(4, a.campaign, 1, a.campaign IS DISTINCT FROM b.campaign)) AS v (dim, value, d, moved)
		WHERE v.moved
		ON CONFLICT (dim, kind, item, value) DO UPDATE SET contacts = t.contacts + excluded.contacts;
	END IF;
END $$;

CREATE OR REPLACE FUNCTION la_lead_utm_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	WITH p AS (
		SELECT DISTINCT n.created_person_id AS id FROM la_new_utm n
		JOIN person s ON s.person_id = n.created_person_id
		WHERE s.leadstatus_id IS NOT NULL
	), touch AS (
		SELECT coalesce(b.s, '') AS bs, coalesce(b.c, '') AS bc,
			coalesce(a.s, '') AS as_, coalesce(a.c, '') AS ac
		FROM p LEFT JOIN LATERAL (
			SELECT firsttouch_source AS s, firsttouch_campaign AS c FROM utm_parameters u
			WHERE u.created_person_id = p.id
				AND u.utm_parameters_id NOT IN (SELECT utm_parameters_id FROM la_new_utm)
			ORDER BY u.utm_parameters_id LIMIT 1) AS b ON true
		LEFT JOIN LATERAL (
			SELECT firsttouch_source AS s, firsttouch_campaign AS c FROM utm_parameters u
			WHERE u.created_person_id = p.id
			ORDER BY u.utm_parameters_id LIMIT 1) AS a ON true
	)
	INSERT INTO lead_tally AS t (dim, kind, item, value, contacts, companies)
	SELECT v.dim, 0, 0, v.value, sum(v.d)::integer, 0
	FROM touch, LATERAL (VALUES (3, bs, -1, as_ <> bs), (3, as_, 1, as_ <> bs),
		(4, bc, -1, ac <> bc), (4, ac, 1, ac <> bc)) AS v (dim, value, d, moved)
	WHERE v.moved
	GROUP BY v.dim, v.value ORDER BY v.dim, v.value
	ON CONFLICT (dim, kind, item, value) DO UPDATE SET contacts = t.contacts + excluded.contacts;
	RETURN NULL;
END $$;

DROP TRIGGER IF EXISTS lead_utm_insert ON utm_parameters;
CREATE TRIGGER lead_utm_insert AFTER INSERT ON utm_parameters
	REFERENCING NEW TABLE AS la_new_utm
	FOR EACH STATEMENT EXECUTE FUNCTION la_lead_utm_new();

-- Every table's change notifies only for a statement at depth 0.
DO $$
DECLARE
	t text;
BEGIN
	FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = current_schema() LOOP
		EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', t || '_notify', t);
		EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
			       'FOR EACH STATEMENT WHEN (pg_trigger_depth() = 0) EXECUTE FUNCTION la_notify()',
			       t || '_notify', t);
	END LOOP;
END $$;

DROP INDEX IF EXISTS utm_parameters_person;
CREATE INDEX utm_parameters_person ON utm_parameters (created_person_id, utm_parameters_id);
DROP INDEX IF EXISTS person_leadstatus_registered;
CREATE INDEX person_leadstatus_registered ON person (leadstatus_id, registered, person_id);

-- The counting triggers' functions run with their owner's rights, as
-- data/pg/schema.sql makes them: a replaced function lost its SECURITY
-- DEFINER and search path (CREATE OR REPLACE sets what it does not say),
-- and a new one belongs to whoever upgrades until it is given to the
-- owner of the tables.
DO $$
DECLARE
	s text := quote_ident(current_schema());
	o name := (SELECT pg_get_userbyid(relowner) FROM pg_class
		   WHERE oid = format('%s.setting', s)::regclass);
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['la_usage_contact', 'la_usage_person', 'la_lead_person',
				 'la_lead_contact', 'la_lead_utm', 'la_name_lang_drop',
				 'la_usage_contact_new', 'la_usage_person_new', 'la_lead_person_new',
				 'la_lead_contact_new', 'la_lead_utm_new'] LOOP
		EXECUTE format('ALTER FUNCTION %I() OWNER TO %I', f, o);
		EXECUTE format('ALTER FUNCTION %I() SECURITY DEFINER SET search_path = %s, pg_temp',
			       f, s);
	END LOOP;
END $$;
