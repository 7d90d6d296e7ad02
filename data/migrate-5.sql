-- Schema version 5: every filter of `leadadmin log`, and the contacts of a
-- lead status page by page, read through an index.
--
-- audit_at (at), of version 1, gives the newest-first order and --since;
-- this one gives --list, alone and with --since. Both end in the rowid,
-- audit_id, which breaks ties of the order (ORDER BY at DESC, audit_id DESC),
-- so no query sorts and none reads a row it does not print.
CREATE INDEX IF NOT EXISTS audit_list_at ON audit (list, at);
-- The lead overview's drill-down and `leads --status` read the contacts of
-- one status newest first (registered, then person_id, the rowid that ends
-- every index) a page at a time: with this index a page is a range of it,
-- without it each page sorts all the status's contacts. It takes the place
-- of person_leadstatus (leadstatus_id), which it serves as well, so a new
-- person still updates as many indexes as before.
CREATE INDEX IF NOT EXISTS person_leadstatus_registered ON person (leadstatus_id, registered);
DROP INDEX IF EXISTS person_leadstatus;
