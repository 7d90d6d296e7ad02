-- Schema version 5: every filter of `leadadmin log` reads through an index.
--
-- audit_at (at), of version 1, gives the newest-first order and --since;
-- this one gives --list, alone and with --since. Both end in the rowid,
-- audit_id, which breaks ties of the order (ORDER BY at DESC, audit_id DESC),
-- so no query sorts and none reads a row it does not print.
CREATE INDEX IF NOT EXISTS audit_list_at ON audit (list, at);
