-- The four lead categories of a new database in English and German
-- (`init --language en,de`): each name in SuperOffice's multi-language
-- notation, the description in English. `add-defaults` inserts the
-- missing ones.
INSERT INTO category (name, rank, tooltip, category_group, enable_lead_status) VALUES
	('US:"Lead";GE:"Lead"', 1, 'A company that has shown interest but is not yet qualified.', 2, 1),
	('US:"Marketing qualified lead (MQL)";GE:"Marketingqualifiziertes Lead"', 2, 'A lead that marketing has qualified for sales.', 2, 1),
	('US:"Opportunity";GE:"Verkaufschance"', 3, 'A qualified lead with an open sales opportunity.', 2, 1),
	('US:"Lost opportunity";GE:"Verlorene Chance"', 4, 'A lead whose sales opportunity was lost.', 2, 1);
