-- Die Standard-Lead-Status einer neuen deutschen Datenbank, in Rangfolge.
INSERT INTO leadstatus (name, rank, tooltip, is_default) VALUES
	('Offen', 1, 'Das Vertriebsteam hat noch keinen Kontakt aufgenommen.', 1),
	('Kontaktaufnahme', 2, 'Das Vertriebsteam versucht aktiv, den Lead zu erreichen.', 0),
	('Qualifiziert', 3, 'Der Lead erfüllt alle Kriterien, um den Verkaufsprozess zu beginnen.', 0),
	('Disqualifiziert', 4, 'Der Lead erfüllt unsere Kriterien nicht und wird nicht weiter kontaktiert.', 0),
	('Erneut bearbeiten', 5, 'Jetzt nicht bereit, vielleicht aber später; das Marketing kann nachfassen.', 0);
