-- Indexes of schema version 1, made after a legacy database has gained the
-- columns they use.
CREATE INDEX IF NOT EXISTS associate_name ON associate (name);
CREATE INDEX IF NOT EXISTS category_rank ON category (rank);
CREATE INDEX IF NOT EXISTS leadstatus_rank ON leadstatus (rank);
-- At most one active default lead status (rule 8).
CREATE UNIQUE INDEX IF NOT EXISTS leadstatus_one_default
	ON leadstatus (is_default) WHERE is_default = 1 AND deleted = 0;
CREATE INDEX IF NOT EXISTS contact_category ON contact (category_idx);
CREATE INDEX IF NOT EXISTS person_contact ON person (contact_id);
CREATE INDEX IF NOT EXISTS person_leadstatus ON person (leadstatus_id);
CREATE INDEX IF NOT EXISTS email_person ON email (person_id);
CREATE INDEX IF NOT EXISTS audit_at ON audit (at);
