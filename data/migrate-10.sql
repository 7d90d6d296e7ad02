-- Schema version 10: UTM value aliases.
--
-- A web form's UTM values multiply: "Google", "google", "google-ads",
-- "google_ads". An alias maps one stored value of a field (source, medium
-- or campaign) to a canonical value: a submission stores the canonical
-- value instead (src/submit.c), the lead overview counts the kept first
-- touches (lead_tally, version 6) under it, and `leadadmin utm alias
-- --rewrite` changes the rows that hold the value. Values are matched
-- exactly, as stored. A canonical value is never itself an alias (no
-- chains); leadadmin refuses what would make one.
CREATE TABLE IF NOT EXISTS utm_alias (
	field                   TEXT NOT NULL CHECK (field IN ('source', 'medium', 'campaign')),
	value                   TEXT NOT NULL,
	canonical               TEXT NOT NULL CHECK (canonical <> value),
	registered              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	registered_associate_id INTEGER REFERENCES associate (associate_id),
	PRIMARY KEY (field, value)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS utm_alias_canonical ON utm_alias (field, canonical);
