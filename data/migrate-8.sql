-- Schema version 8: user-group filtering and headings for Company –
-- Category, as SuperOffice's *Settings and maintenance > Lists* has them
-- (SuperOffice's tables Heading, CategoryHeadingLink, CategoryGroupLink).
-- It comes after version 7 and needs nothing of it.

-- The headings a list's items are filed under (SuperOffice: Heading). A
-- list of its own, like category: name, rank, tooltip, deleted and who
-- changed it when. SuperOffice keeps the headings of every list in one
-- table and says whose they are in listTableId; here only Company –
-- Category has headings, so these are its headings and the column is
-- left out.
CREATE TABLE IF NOT EXISTS heading (
	heading_id              INTEGER PRIMARY KEY,
	name                    TEXT NOT NULL,
	rank                    INTEGER NOT NULL DEFAULT 0,
	tooltip                 TEXT NOT NULL DEFAULT '',
	deleted                 INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),
	registered              TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%S', 'now')),
	registered_associate_id INTEGER REFERENCES associate (associate_id),
	updated                 TEXT,
	updated_associate_id    INTEGER REFERENCES associate (associate_id),
	updatedCount            INTEGER NOT NULL DEFAULT 0,
	la_name_key             TEXT
);
CREATE INDEX IF NOT EXISTS heading_rank ON heading (rank);
CREATE INDEX IF NOT EXISTS heading_name_key ON heading (la_name_key);

-- Which headings a category is filed under (SuperOffice:
-- CategoryHeadingLink); a category may be under several. Deleting a
-- heading or a category (both soft) keeps the links.
CREATE TABLE IF NOT EXISTS category_heading_link (
	category_id INTEGER NOT NULL REFERENCES category (category_id),
	heading_id  INTEGER NOT NULL REFERENCES heading (heading_id),
	PRIMARY KEY (category_id, heading_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS category_heading_link_heading ON category_heading_link (heading_id, category_id);

-- Which user groups may see a category while filtering is on
-- (SuperOffice: CategoryGroupLink). An item without a row here is seen by
-- no group: `setup-check` reports it as unreachable.
CREATE TABLE IF NOT EXISTS category_group_link (
	category_id  INTEGER NOT NULL REFERENCES category (category_id),
	usergroup_id INTEGER NOT NULL REFERENCES usergroup (usergroup_id),
	PRIMARY KEY (category_id, usergroup_id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS category_group_link_group ON category_group_link (usergroup_id, category_id);

-- The list's switch "Use grouping and user group filtering for this
-- list": off until an administrator turns it on.
INSERT OR IGNORE INTO setting (key, value) VALUES ('category.grouping', '0');
