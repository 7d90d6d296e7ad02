-- Die vier Lead-Kategorien einer neuen deutschen Datenbank: Gruppe
-- Potenzieller Kunde (2), Lead-Status an.
INSERT INTO category (name, rank, tooltip, category_group, enable_lead_status) VALUES
	('Lead', 1, 'Eine Firma, die Interesse gezeigt hat, aber noch nicht qualifiziert ist.', 2, 1),
	('Marketingqualifiziertes Lead', 2, 'Ein Lead, den das Marketing für den Vertrieb qualifiziert hat.', 2, 1),
	('Verkaufschance', 3, 'Ein qualifizierter Lead mit einer offenen Verkaufschance.', 2, 1),
	('Verlorene Chance', 4, 'Ein Lead, dessen Verkaufschance verloren ging.', 2, 1);
