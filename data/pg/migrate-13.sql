-- PostgreSQL schema version 12 to 13 (src/schema.c, schema_upgrade_server).
-- The statement triggers on new persons, contacts and UTM rows look each
-- new row up in the tables by its key (a scalar subquery or a LATERAL ...
-- OFFSET 0) instead of joining: their plans are made once per session,
-- and with a few hundred new rows a statement (submit sends up to 256)
-- the planner took a hash join that reads contact or person whole.
-- The kept counts mean what they meant, so they are not made again. The
-- functions below are copies of data/pg/schema.sql's, letter for letter
-- (tests/pg_upgrade.sh compares pg_dump of an upgraded and a new
-- database).

CREATE OR REPLACE FUNCTION la_usage_person_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO usage_count AS u (list, item_id, companies, contacts)
	SELECT v.l, v.i, 0, count(*)::integer FROM (
		SELECT 'category' AS l, (SELECT c.category_idx FROM contact c
			WHERE c.contact_id = n.contact_id) AS i
		FROM la_new_person n WHERE n.contact_id IS NOT NULL
		UNION ALL SELECT 'leadstatus', n.leadstatus_id FROM la_new_person n
		OFFSET 0) AS v
	WHERE v.i IS NOT NULL
	GROUP BY v.l, v.i ORDER BY v.l, v.i
	ON CONFLICT (list, item_id) DO UPDATE SET contacts = u.contacts + excluded.contacts;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION la_lead_person_new() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	emptied boolean;
BEGIN
	WITH n AS MATERIALIZED (
		SELECT n.leadstatus_id, n.associate_id, n.contact_id, k.contact_id AS present,
			k.category_idx, coalesce(f.s, '') AS source, coalesce(f.c, '') AS campaign
		FROM la_new_person n LEFT JOIN LATERAL (
			SELECT k.contact_id, k.category_idx FROM contact k
			WHERE k.contact_id = n.contact_id OFFSET 0) AS k ON true
		LEFT JOIN LATERAL (
			SELECT firsttouch_source AS s, firsttouch_campaign AS c FROM utm_parameters
			WHERE created_person_id = n.person_id ORDER BY utm_parameters_id LIMIT 1) AS f ON true
		WHERE n.leadstatus_id IS NOT NULL
	), added AS (
		SELECT contact_id, count(*)::integer AS k, min(category_idx) AS category_idx,
			min(present) AS present
		FROM n WHERE contact_id IS NOT NULL
		GROUP BY contact_id
	), company AS (
		INSERT INTO lead_company AS l (contact_id, leads)
		SELECT contact_id, k FROM added ORDER BY contact_id
		ON CONFLICT (contact_id) DO UPDATE SET leads = l.leads + excluded.leads
		RETURNING contact_id, leads
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
			SELECT 1, CASE WHEN n.present IS NULL THEN 4 WHEN n.category_idx IS NULL THEN 3
				ELSE 0 END, coalesce(n.category_idx, 0), '', 1, 0 FROM n
			UNION ALL
			SELECT 1, CASE WHEN a.category_idx IS NULL THEN 3 ELSE 0 END,
				coalesce(a.category_idx, 0), '', 0, 1
			FROM company c JOIN added a USING (contact_id)
			WHERE c.leads >= 1 AND c.leads - a.k <= 0 AND a.present IS NOT NULL
			UNION ALL
			SELECT 3, 0, 0, n.source, 1, 0 FROM n
			UNION ALL
			SELECT 4, 0, 0, n.campaign, 1, 0 FROM n
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

CREATE OR REPLACE FUNCTION la_lead_contact_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO lead_tally AS t (dim, kind, item, value, contacts, companies)
	SELECT v.dim, v.kind, v.item, '', sum(v.contacts)::integer, sum(v.companies)::integer
	FROM la_new_contact c CROSS JOIN LATERAL (
			SELECT l.leads FROM lead_company l
			WHERE l.contact_id = c.contact_id AND l.leads > 0 OFFSET 0) AS l,
		LATERAL (VALUES (1, 4, 0::bigint, -l.leads, 0),
			(1, CASE WHEN c.category_idx IS NULL THEN 3 ELSE 0 END,
			 coalesce(c.category_idx, 0), l.leads, 1)) AS v (dim, kind, item, contacts, companies)
	GROUP BY v.dim, v.kind, v.item ORDER BY v.dim, v.kind, v.item
	ON CONFLICT (dim, kind, item, value) DO UPDATE SET contacts = t.contacts + excluded.contacts,
		companies = t.companies + excluded.companies;
	RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION la_lead_utm_new() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	WITH p AS (
		SELECT DISTINCT n.created_person_id AS id FROM la_new_utm n
		WHERE (SELECT s.leadstatus_id FROM person s
			WHERE s.person_id = n.created_person_id) IS NOT NULL
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

-- They run with their owner's rights again, as data/pg/schema.sql makes
-- them: CREATE OR REPLACE took their SECURITY DEFINER and search path (it
-- sets what it does not say).
DO $$
DECLARE
	s text := quote_ident(current_schema());
	f text;
BEGIN
	FOREACH f IN ARRAY ARRAY['la_usage_person_new', 'la_lead_person_new',
				 'la_lead_contact_new', 'la_lead_utm_new'] LOOP
		EXECUTE format('ALTER FUNCTION %I() SECURITY DEFINER SET search_path = %s, pg_temp',
			       f, s);
	END LOOP;
END $$;
