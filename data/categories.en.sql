-- The four lead categories of a new English database: group Potential
-- customer (2), lead status on. `add-defaults` inserts the missing ones.
INSERT INTO category (name, rank, tooltip, category_group, enable_lead_status) VALUES
	('Lead', 1, 'A company that has shown interest but is not yet qualified.', 2, 1),
	('Marketing qualified lead (MQL)', 2, 'A lead that marketing has qualified for sales.', 2, 1),
	('Opportunity', 3, 'A qualified lead with an open sales opportunity.', 2, 1),
	('Lost opportunity', 4, 'A lead whose sales opportunity was lost.', 2, 1);
