-- Schema version 11: the deleted items of each list, through an index.
--
-- A list screen's count line counts the entries of the rank index less the
-- deleted items (src/lists_page.c, LQ_COUNT_ALL). Without an index the
-- deleted ones are found by reading every row: 20-30 ms at 200,000
-- categories, at every open. These partial indexes hold only the deleted
-- rows, so the count costs the same at any length. The WHERE clause is
-- the one the count's query uses, or SQLite would not take the index; a
-- legacy database's odd stored values (NULL, 2) count as the query counts
-- them.
CREATE INDEX IF NOT EXISTS category_deleted ON category (deleted) WHERE coalesce(deleted, 0) <> 0;
CREATE INDEX IF NOT EXISTS leadstatus_deleted ON leadstatus (deleted) WHERE coalesce(deleted, 0) <> 0;
CREATE INDEX IF NOT EXISTS usergroup_deleted ON usergroup (deleted) WHERE coalesce(deleted, 0) <> 0;
CREATE INDEX IF NOT EXISTS heading_deleted ON heading (deleted) WHERE coalesce(deleted, 0) <> 0;
