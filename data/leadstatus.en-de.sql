-- The lead statuses of a new database in English and German (`init
-- --language en,de`): each name in SuperOffice's multi-language notation,
-- the description in English; Open is the default for new leads.
INSERT INTO leadstatus (name, rank, tooltip, is_default) VALUES
	('US:"Open";GE:"Offen"', 1, 'No outreach has been made by the sales team yet.', 1),
	('US:"Contacting";GE:"Kontaktaufnahme"', 2, 'The sales team is actively trying to reach the lead.', 0),
	('US:"Qualified";GE:"Qualifiziert"', 3, 'The lead meets all necessary criteria to initiate the sales process.', 0),
	('US:"Disqualified";GE:"Disqualifiziert"', 4, 'The lead does not meet our criteria and will not be contacted further.', 0),
	('US:"Re-nurture";GE:"Erneut bearbeiten"', 5, 'Not ready now but may be in the future; marketing can follow up.', 0);
