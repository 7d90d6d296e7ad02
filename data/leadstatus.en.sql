-- The default lead statuses of a new English database, in rank order.
INSERT INTO leadstatus (name, rank, tooltip, is_default) VALUES
	('Open', 1, 'No outreach has been made by the sales team yet.', 1),
	('Contacting', 2, 'The sales team is actively trying to reach the lead.', 0),
	('Qualified', 3, 'The lead meets all necessary criteria to initiate the sales process.', 0),
	('Disqualified', 4, 'The lead does not meet our criteria and will not be contacted further.', 0),
	('Re-nurture', 5, 'Not ready now but may be in the future; marketing can follow up.', 0);
