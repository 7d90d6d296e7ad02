#!/bin/sh
# Multi-language names in SuperOffice's notation (US:"Lead";GE:"Lead"):
# the column keeps the text, the command line shows the program's
# language (then US, then the first), lookups match any language, rule 2
# holds per language, --name-en and --name-de write the notation, export
# and import carry it as it is, and init --language en,de makes
# multi-language defaults. Results are read back with sqlite3.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

la --db "$DB" init --language en
is "$RC" 0 "init"

# ---------------------------------------------------------------- add
la --db "$DB" category add --name-en Prospect --name-de Interessent --group potential-customer
is "$RC:$OUT" "0:Added 'Prospect' (id 5)." "add with --name-en and --name-de"
is "$(sql "SELECT name FROM category WHERE category_id = 5")" 'US:"Prospect";GE:"Interessent"' \
	"the column keeps SuperOffice's notation"
is "$(sql "SELECT lang || '=' || key FROM la_name_lang WHERE tbl = 'category' ORDER BY lang")" \
	"GE=interessent
US=prospect" "one name key per language"
la --db "$DB" category add 'US:"Partner";GE:"Partnerfirma"' --group partner
is "$RC" 0 "the notation as NAME"
is "$(sql "SELECT name FROM category WHERE category_id = 6")" 'US:"Partner";GE:"Partnerfirma"' "is stored as given"

# ---------------------------------------------------------------- shown
la --db "$DB" category list
like "$OUT" " 5     5  Prospect" "list in English shows the US value"
unlike "$OUT" 'US:"' "and never the notation"
la --db "$DB" --lang de category list
like "$OUT" " 5     5  Interessent" "list in German shows the GE value"
la --db "$DB" category list --format tsv
like "$OUT" 'US:"Prospect";GE:"Interessent"' "TSV keeps the stored text"
la --db "$DB" category list --format json
like "$OUT" '"name": "US:\"Prospect\";GE:\"Interessent\""' "JSON keeps the stored text"
la --db "$DB" category add 'NO:"Bil";GE:"Auto"'
la --db "$DB" --lang en category list
like "$OUT" "  7  Bil " "a name without the program's language or US shows the first one"

# ---------------------------------------------------------------- lookups
la --db "$DB" category edit interessent --description "found in German"
is "$RC:$OUT" "0:Saved 'Prospect' (id 5)." "ITEM matches the German value"
la --db "$DB" category edit PROSPECT --description "found in English"
is "$RC" 0 "ITEM matches the English value in any case"
is "$(sql "SELECT tooltip FROM category WHERE category_id = 5")" "found in English" "both found the item"
la --db "$DB" category edit 'US:"Prospect";GE:"Interessent"' --description "by the stored text"
is "$RC" 0 "ITEM matches the stored text"

# ---------------------------------------------------------------- rule 2 per language
before=$(checksum "$DB")
la --db "$DB" category add --name-de INTERESSENT
is "$RC" 1 "the same German name (any case) is refused"
like "$ERR" "'INTERESSENT' (Deutsch) is already in this list: 'Prospect' (id 5)" "the refusal names the language and the item that has it"
la --db "$DB" category add Prospect
is "$RC" 1 "a plain name is every language's: refused against the US value"
la --db "$DB" category add 'US:"Lead";GE:"Neu"'
is "$RC" 1 "a US value equal to a plain name is refused"
la --db "$DB" category add 'US:"";GE:"Leer"'
is "$RC" 1 "an empty value is refused"
la --db "$DB" category add 'US:"a";US:"b"'
is "$RC" 1 "a language given twice is refused"
la --db "$DB" category add --name-de 'Mit "Anführung"'
is "$RC" 1 "a value with a double quote is refused"
like "$ERR" "double quote" "and says why"
is "$(checksum "$DB")" "$before" "the refusals changed nothing"
la --db "$DB" category add --name-en Interessent
is "$RC" 0 "the same word in another language is another name"
la --db "$DB" category edit interessent --description x
is "$RC" 1 "a word two items have in two languages is ambiguous as ITEM"
like "$ERR" "names two items" "and is refused, naming both"

# ---------------------------------------------------------------- edit per language
la --db "$DB" category edit Prospect --name-de Neukunde
is "$RC" 0 "edit --name-de"
is "$(sql "SELECT name FROM category WHERE category_id = 5")" 'US:"Prospect";GE:"Neukunde"' "changes only the German value"
is "$(sql "SELECT count(*) FROM la_name_lang WHERE key = 'interessent' AND item = 5")" 0 "the old German key is gone"
la --db "$DB" category edit Lead --name-de Interessent
is "$RC" 0 "--name-de on a plain name"
is "$(sql "SELECT name FROM category WHERE category_id = 1")" 'US:"Lead";GE:"Interessent"' \
	"makes it multi-language, the plain name in US"
la --db "$DB" category edit Partnerfirma --name Partner
is "$RC" 0 "--name still sets a plain name"
is "$(sql "SELECT name FROM category WHERE category_id = 6")" 'Partner' "stored plain"
is "$(sql "SELECT count(*) FROM la_name_lang WHERE item = 6 AND tbl = 'category'")" 0 "without keys per language"

# ---------------------------------------------------------------- limits: the whole text
long=$(printf '%0230d' 0 | tr 0 a)
la --db "$DB" category add --name-en "$long" --name-de b
is "$RC" 1 "a value that fits is refused when the whole text does not"
like "$ERR" "too long" "rule 3 on the stored text"

# ---------------------------------------------------------------- another program's change
if on_server; then
	# The server refuses a name without its key (rule 2 as a constraint).
	sql "UPDATE category SET name = 'US:\"Webinar\";GE:\"Seminar\"' WHERE category_id = 6" 2>"$TEST_TMP/sql.err"
	is "$?" 1 "on a server, another program's rename without its key is refused"
	like "$(cat "$TEST_TMP/sql.err")" "has no key (la_name_key)" "the server says why"
	is "$(sql "SELECT name FROM category WHERE category_id = 6")" Partner "the name is unchanged"
else
	sql "UPDATE category SET name = 'US:\"Webinar\";GE:\"Seminar\"' WHERE category_id = 6"
	la --db "$DB" category add Seminar
	is "$RC" 1 "a name another program wrote in the notation gets its keys before the next change"
	la --db "$DB" category edit webinar --description "by its English value"
	is "$RC" 0 "and is found by either value"
	is "$(sql "SELECT count(*) FROM la_name_lang WHERE item = 6 AND tbl = 'category'")" 2 "both keys are there"
fi

# ---------------------------------------------------------------- export and import
la --db "$DB" export "$TEST_TMP/ml.json"
is "$RC" 0 "export"
like "$(cat "$TEST_TMP/ml.json")" '"name": "US:\"Prospect\";GE:\"Neukunde\""' "export carries the stored text"
la --db "$TEST_TMP/fresh.db" init --language en
la --db "$TEST_TMP/fresh.db" import "$TEST_TMP/ml.json" --yes
is "$RC" 0 "import into a fresh database"
is "$(sql "$TEST_TMP/fresh.db" "SELECT name FROM category ORDER BY rank")" \
	"$(sql "SELECT name FROM category ORDER BY rank")" "the names arrive as they were, byte for byte"
la --db "$TEST_TMP/fresh.db" import "$TEST_TMP/ml.json" --yes
like "$OUT" "0 added, 0 updated" "a second import matches every item by name: nothing to do"

# ---------------------------------------------------------------- init --language en,de
la --db "$TEST_TMP/ende.db" init --language en,de
is "$RC" 0 "init --language en,de"
is "$(sql "$TEST_TMP/ende.db" "SELECT name FROM leadstatus WHERE is_default = 1")" 'US:"Open";GE:"Offen"' \
	"the default lead status is multi-language"
is "$(sql "$TEST_TMP/ende.db" "SELECT count(*) FROM category WHERE name GLOB '[A-Z][A-Z]:\"*'")" 4 \
	"so are the four lead categories"
is "$(sql "$TEST_TMP/ende.db" "SELECT count(*) FROM la_name_lang")" 18 "each with a key per language"
la --db "$TEST_TMP/ende.db" --lang de lead-status list
like "$OUT" "Offen" "German shows the German names"
la --db "$TEST_TMP/ende.db" --lang en lead-status list
like "$OUT" "Open" "English the English ones"
la --db "$TEST_TMP/ende.db" lead-status edit offen --description x
is "$RC:$OUT" "0:Saved 'Open' (id 1)." "found by its German name"
la --db "$TEST_TMP/ende.db" add-defaults
is "$RC" 0 "add-defaults finds the multi-language defaults"
is "$(sql "$TEST_TMP/ende.db" "SELECT count(*) FROM category")" 4 "and adds nothing"
la --db "$TEST_TMP/ende.db" setup-check
like "$OUT" "Lead status is on for: Lead, Marketing qualified lead (MQL), Opportunity, Lost opportunity" \
	"setup-check names the lead categories in the program's language"
like "$OUT" "5 statuses: Open, Contacting, Qualified, Disqualified, Re-nurture; default for new leads: Open" \
	"and the statuses and the default"
unlike "$OUT" 'US:"' "and shows no stored notation"
la --db "$TEST_TMP/ende.db" --lang de setup-check
like "$OUT" "Lead-Status ist aktiviert für: Lead, Marketingqualifiziertes Lead, Verkaufschance, Verlorene Chance" \
	"German: the German names of the lead categories"
like "$OUT" "Standard für neue Leads: Offen" "and of the default status"
la --db "$TEST_TMP/ende.db" usergroup add Sales
la --db "$TEST_TMP/ende.db" category grouping on
la --db "$TEST_TMP/ende.db" heading add --name-en Inbound --name-de Eingehend
is "$RC" 0 "a heading in both languages"
la --db "$TEST_TMP/ende.db" --lang de category headings Verkaufschance Eingehend
is "$OUT" "'Verkaufschance' (ID 3) steht unter 1 Überschrift." "category headings names the item as shown"
la --db "$TEST_TMP/ende.db" --lang de category visible-for Verkaufschance Sales
is "$OUT" "'Verkaufschance' (ID 3) ist für 1 Benutzergruppe sichtbar." "and so does visible-for"
la --db "$TEST_TMP/ende.db" --lang de category list --as-group Sales
is "$OUT" "$(printf "So sieht es ein Mitglied von 'Sales': 4 Elemente.\nEingehend\n  Verkaufschance\n(keine Überschrift)\n  Lead\n  Marketingqualifiziertes Lead\n  Verlorene Chance")" \
	"the preview shows headings and items in German"
la --db "$TEST_TMP/ende.db" category list --as-group Sales --format tsv
like "$OUT" "$(printf 'US:"Inbound";GE:"Eingehend"\tUS:"Opportunity";GE:"Verkaufschance"')" \
	"its tsv keeps the stored names, as the lists' tsv does"
la --db "$TEST_TMP/ende.db" automation set lead-status --category Verkaufschance --status Qualifiziert
la --db "$TEST_TMP/ende.db" --lang de automation show
like "$OUT" "lead-status      an   Verkaufschance           Qualifiziert  nein" \
	"automation show names the rule's category and status in German"
la --db "$TEST_TMP/ende.db" automation show --format tsv
like "$OUT" "$(printf 'lead_status\ton\tUS:"Opportunity";GE:"Verkaufschance"\tUS:"Qualified";GE:"Qualifiziert"')" \
	"and its tsv the stored names"
"$SQLITE3" "$TEST_TMP/ende.db" "INSERT INTO contact (contact_id, name, category_idx) VALUES (1, 'Acme', 1);
	INSERT INTO person (person_id, contact_id, firstname, lastname, leadstatus_id) VALUES (1, 1, 'Lea', 'Lind', 1);
	INSERT INTO email (person_id, contact_id, email_address) VALUES (1, 1, 'lea@example.org')"
la --db "$TEST_TMP/ende.db" --lang de lead set-status lea@example.org qualified
is "$OUT" "$(printf "lea@example.org: Lead-Status 'Qualifiziert'.\nDie Lead-Kategorisierung hat die Firma von 'Lead' nach 'Verkaufschance' verschoben.")" \
	"lead set-status names the status and the categories in German"
la --db "$TEST_TMP/ende.db" --lang de lead set-status lea@example.org Qualified
is "$OUT" "lea@example.org hat schon den Lead-Status 'Qualifiziert'; nichts wurde geändert." \
	"and so does its refusal"
"$SQLITE3" "$TEST_TMP/ende.db" "UPDATE category SET deleted = 1 WHERE category_id = 3"
la --db "$TEST_TMP/ende.db" --lang de setup-check --deep
like "$OUT" "leadadmin category delete --id 3 --move-to OTHER  # Verkaufschance" \
	"setup-check --deep: the comment after a fix names the category as shown"
la --db "$TEST_TMP/ende.db" usergroup add --name-en Support --name-de Kundendienst
la --db "$TEST_TMP/ende.db" user edit "$(id -un)" --group Kundendienst
is "$RC" 0 "the admin joins a user group named in both languages"
la --db "$TEST_TMP/ende.db" --lang de user list
like "$OUT" "Kundendienst" "user list names the user group in German"
unlike "$OUT" 'US:"' "and not in the stored notation"

la --db "$TEST_TMP/x.db" init --language fr
is "$RC" 2 "another language is a usage error"

# ------------------------------------------------- setup-check's twins note
# Names another program wrote that are one name in one language: the note
# says how names are compared, per language too, in English and German.
rm -f "$TEST_TMP/t.db"*
la --db "$TEST_TMP/t.db" init --demo
"$SQLITE3" "$TEST_TMP/t.db" "UPDATE category SET name = 'US:\"Lead\";GE:\"Kunde\"' WHERE name = 'Lead';
	UPDATE category SET name = 'US:\"Client\";GE:\"kunde\"' WHERE name = 'Opportunity'"
la --db "$TEST_TMP/t.db" setup-check
like "$OUT" "Note: these names are one name (Unicode compares them without regard to case, a multi-language name in each of its languages, and a plain name against every language's value); rename one of each so that they can be told apart: Company – Category: 'US:\"Lead\";GE:\"Kunde\"' = 'US:\"Client\";GE:\"kunde\"' (GE: 'Kunde')" \
	"setup-check: the twins note names the per-language comparison and the clash"
la --db "$TEST_TMP/t.db" --lang de setup-check
like "$OUT" "Hinweis: Diese Namen sind ein und derselbe Name (Unicode vergleicht sie ohne Rücksicht auf Groß- und Kleinschreibung, einen mehrsprachigen Namen in jeder seiner Sprachen und einen einfachen Namen mit dem Wert jeder Sprache); benennen Sie jeweils einen um" \
	"setup-check in German: the same note"

finish
