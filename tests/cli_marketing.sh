#!/bin/sh
# Marketing Premium from the command line (issue 4, "Done when"): a German
# demo database, the licence, UTM transfer and three sales people; a file of
# form submissions submitted twice; the lead overview; exit codes; users and
# user groups; the upgrade of a version-1 database; and two submit processes
# at once. Everything is read back with sqlite3.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"

# count SQL: a number from the main database.
persons() { sql "${1:-$DB}" 'SELECT count(*) FROM person'; }
companies() { sql "${1:-$DB}" 'SELECT count(*) FROM contact'; }

# ------------------------------------------------------------ set-up
la --db "$DB" init --language de --demo
is "$RC" 0 "init --language de --demo"
P0=$(persons)
C0=$(companies)
S0=$(sql "SELECT count(*) FROM person p JOIN leadstatus l USING (leadstatus_id) WHERE l.name = 'Offen'")
ok "$([ "$P0" -gt 0 ] && [ "$C0" -gt 0 ]; echo $?)" "the demo has contacts ($P0) and companies ($C0)"

la --db "$DB" marketing show
is "$RC" 0 "marketing show without the licence exits 0"
like "$OUT" "Marketing Premium licence: not enabled" "marketing show says the licence is not enabled"
like "$OUT" "Without the licence, submissions create contacts but store no UTM data and assign no owner" \
	"marketing show says what the licence is needed for"

la --db "$DB" licence list
is "$RC" 0 "licence list"
like "$OUT" "marketing-premium" "licence list names marketing-premium"
la --db "$DB" licence enable marketing-premium
is "$RC" 0 "licence enable marketing-premium"
is "$(sql "SELECT enabled FROM licence WHERE name = 'marketing-premium'")" 1 "the licence is stored as enabled"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'licence' AND action = 'enable'")" 1 \
	"enabling the licence is audited"
la --db "$DB" licence enable gold-plan
is "$RC" 1 "an unknown licence is refused with exit 1"

la --db "$DB" marketing set --utm on --distribute associates \
	--associates anna.berg,jonas.kraft,mia.stein --form-category Lead
is "$RC" 0 "marketing set --utm on --distribute associates ... --form-category Lead"
like "$OUT" "associates: anna.berg jonas.kraft mia.stein" "marketing set shows the three associates"
is "$(sql "SELECT group_concat(a.name, ',') FROM (SELECT name FROM associate JOIN distribute_associate USING (associate_id) ORDER BY name) a")" \
	"anna.berg,jonas.kraft,mia.stein" "the three associates are stored"
is "$(sql "SELECT value FROM setting WHERE key = 'marketing.utm_enabled'")" 1 "UTM transfer is stored as on"
is "$(sql "SELECT c.name FROM setting s JOIN category c ON c.category_id = CAST(s.value AS INTEGER) WHERE s.key = 'marketing.form_category_id'")" \
	"Lead" "the form category is Lead"
la --db "$DB" marketing set --utm maybe
is "$RC" 2 "marketing set --utm maybe is a usage error"
la --db "$DB" marketing set --associates nobody.here
is "$RC" 1 "marketing set with an unknown login exits 1"
la --db "$DB" category add Altlast --group customer
la --db "$DB" category delete Altlast
is "$(sql "SELECT deleted FROM category WHERE name = 'Altlast'")" 1 "a deleted category for the next check"
la --db "$DB" marketing set --form-category Altlast
is "$RC" 1 "marketing set with a deleted category is refused"
is "$(sql "SELECT c.name FROM setting s JOIN category c ON c.category_id = CAST(s.value AS INTEGER) WHERE s.key = 'marketing.form_category_id'")" \
	"Lead" "the form category is still Lead"

# ------------------------------------------------------------ submissions
FORMS="$TEST_TMP/forms.jsonl"
cat >"$FORMS" <<'EOF'
{"id": "web-1", "email": "lena.fischer@example.org", "firstname": "Lena", "lastname": "Fischer", "company": "Alpha Solar GmbH", "url": "https://www.example.com/kontakt?utm_source=google&utm_medium=cpc&utm_campaign=fruehjahr", "referrer": "https://www.Google.de/", "submitted": "2026-03-02T09:15:00+01:00"}
{"id": "web-2", "email": "tom.weber@example.org", "firstname": "Tom", "lastname": "Weber", "company": "Müller Technik AG", "url": "https://www.example.com/kontakt?utm_source=newsletter&utm_medium=email&utm_campaign=messe", "submitted": "2026-03-02T10:00:00Z"}
{"id": "web-3", "email": "sara.klein@example.org", "firstname": "Sara", "lastname": "Klein", "company": "MÜLLER TECHNIK AG", "url": "https://www.example.com/kontakt?UTM_SOURCE=linkedin&utm_campaign=webinar", "submitted": "2026-03-02T11:00:00Z"}
{"id": "web-4", "email": "jan.brandt@example.org", "firstname": "Jan", "lastname": "Brandt", "company": "Nordlicht KG", "url": "https://www.example.com/kontakt?utm_source=google&utm_campaign=fruehjahr", "submitted": "2026-03-02T12:00:00Z"}
{"id": "web-5", "email": "eva.lang@example.org", "firstname": "Eva", "lastname": "Lang", "company": "alpha solar gmbh", "url": "https://www.example.com/kontakt?utm_source=newsletter&utm_campaign=messe", "submitted": "2026-03-02T13:00:00Z"}
{"id": "web-6", "email": "ole.berg@example.org", "firstname": "Ole", "lastname": "Berg", "company": "Bergbau Consult", "url": "https://www.example.com/kontakt?utm_source=google&utm_campaign=webinar", "submitted": "2026-03-02T14:00:00Z"}
{"id": "web-7", "email": "ina.roth@example.org", "firstname": "Ina", "lastname": "Roth", "company": "Weber & Co", "url": "https://www.example.com/kontakt", "utm": {"source": "linkedin", "campaign": "messe"}, "submitted": "2026-03-02T15:00:00Z"}
{"id": "web-8", "email": "max.vogel@example.org", "firstname": "Max", "lastname": "Vogel", "company": "Nordlicht KG", "url": "https://www.example.com/kontakt?utm_source=newsletter&utm_campaign=fruehjahr", "submitted": "2026-03-02T16:00:00Z"}
{"id": "web-9", "email": "ute.stern@example.org", "firstname": "Ute", "lastname": "Stern", "company": "Sonnenschein e.V.", "url": "https://www.example.com/kontakt?utm_source=google&utm_campaign=webinar", "firsttouch": {"source": "bing", "campaign": "marke"}, "submitted": "2026-03-02T17:00:00Z"}

{"id": "web-10", "email": "CONTACT1.1@example.com", "firstname": "Bekannt", "lastname": "Kontakt", "url": "https://www.example.com/demo?utm_source=newsletter&utm_campaign=april", "submitted": "2026-03-03T08:00:00Z"}
EOF

la --db "$DB" submit "$FORMS"
is "$RC" 0 "submit exits 0"
like "$OUT" "9 created, 1 updated, 0 skipped, 0 rejected" "the summary counts created, updated, skipped, rejected"
like "$OUT" "assigned to anna.berg: 3" "the summary shows anna.berg got 3"
like "$OUT" "assigned to jonas.kraft: 3" "the summary shows jonas.kraft got 3"
like "$OUT" "assigned to mia.stein: 3" "the summary shows mia.stein got 3"
is "$ERR" "" "submit writes nothing to stderr"
is "$(persons)" "$((P0 + 9))" "nine new contacts"
is "$(companies)" "$((C0 + 6))" "six new companies (names matched case-insensitively)"
is "$(sql "SELECT count(*) FROM form_submission")" 10 "ten form submissions recorded"
is "$(sql "SELECT count(*) FROM form_submission WHERE kind = 'conversion' AND person_id = (SELECT person_id FROM email WHERE email_address = 'contact1.1@example.com')")" 1 \
	"the known e-mail (other case) is a conversion of the demo contact"

NEW="SELECT person_id FROM form_submission WHERE kind = 'created'"
is "$(sql "SELECT count(*) FROM person p JOIN contact k USING (contact_id) JOIN category c ON c.category_id = k.category_idx WHERE p.person_id IN ($NEW) AND c.enable_lead_status = 1 AND c.name = 'Lead'")" 9 \
	"every new contact is in the lead category Lead"
is "$(sql "SELECT count(*) FROM person p JOIN leadstatus l USING (leadstatus_id) WHERE p.person_id IN ($NEW) AND l.name = 'Offen'")" 9 \
	"every new contact has lead status Offen"
is "$(sql "SELECT count(*) FROM utm_parameters WHERE created_person_id IN ($NEW) AND firsttouch_source IS NOT NULL AND firsttouch_campaign IS NOT NULL")" 9 \
	"every new contact has its source and campaign in utm_parameters"
is "$(sql "SELECT firsttouch_source || '/' || firsttouch_campaign || '/' || source || '/' || medium || '/' || referrerdomain FROM utm_parameters u JOIN email e ON e.person_id = u.created_person_id WHERE e.email_address = 'lena.fischer@example.org'")" \
	"google/fruehjahr/google/cpc/www.google.de" "lena's source, campaign, medium and referrer domain"
is "$(sql "SELECT firsttouch_source || '/' || firsttouch_campaign || '/' || source || '/' || campaign FROM utm_parameters u JOIN email e ON e.person_id = u.created_person_id WHERE e.email_address = 'ute.stern@example.org'")" \
	"bing/marke/google/webinar" "ute's first touch comes from the firsttouch object"
is "$(sql "SELECT firsttouch_source FROM utm_parameters u JOIN email e ON e.person_id = u.created_person_id WHERE e.email_address = 'sara.klein@example.org'")" \
	"linkedin" "UTM_SOURCE in capitals is read"
is "$(sql "SELECT source || '/' || campaign FROM form_submission WHERE submission_key = 'web-7'")" \
	"linkedin/messe" "explicit utm values are stored"
is "$(sql "SELECT group_concat(x, ',') FROM (SELECT a.name || ':' || count(*) AS x FROM person p JOIN associate a USING (associate_id) WHERE p.person_id IN ($NEW) GROUP BY a.name ORDER BY a.name) AS o")" \
	"anna.berg:3,jonas.kraft:3,mia.stein:3" "owners shared out evenly (3/3/3)"
is "$(sql "SELECT count(*) FROM contact k WHERE k.contact_id IN (SELECT contact_id FROM person WHERE person_id IN ($NEW)) AND k.associate_id = (SELECT associate_id FROM person p WHERE p.contact_id = k.contact_id ORDER BY p.person_id LIMIT 1)")" 6 \
	"each new company takes its first contact's owner"
is "$(sql "SELECT count(*) FROM utm_parameters WHERE created_contact_id IS NOT NULL")" 6 \
	"the company source is recorded for the six new companies"
is "$(sql "SELECT count(*) FROM contact WHERE name IN ('Müller Technik AG', 'MÜLLER TECHNIK AG')")" 1 \
	"Müller Technik AG exists once"

# The second run: everything skipped, nothing changed.
before=$(checksum "$DB")
la --db "$DB" submit "$FORMS"
is "$RC" 0 "the second submit exits 0"
like "$OUT" "0 created, 0 updated, 10 skipped, 0 rejected" "the second run skips all ten"
unlike "$OUT" "assigned to" "the second run assigns no one"
is "$(checksum "$DB")" "$before" "the second run changes nothing"
is "$(persons)" "$((P0 + 9))" "no contact duplicated"
is "$(sql "SELECT count(*) FROM form_submission")" 10 "no form submission duplicated"

# ------------------------------------------------------------ lead overview
OFFEN=$(sql "SELECT count(*) FROM person p JOIN leadstatus l USING (leadstatus_id) WHERE l.name = 'Offen'")
is "$OFFEN" "$((S0 + 9))" "Offen has nine contacts more"
LEADS=$(sql "SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL")
ANNA=$(sql "SELECT count(*) FROM person p JOIN associate a USING (associate_id) WHERE a.name = 'anna.berg' AND p.leadstatus_id IS NOT NULL")

la --db "$DB" leads
is "$RC" 0 "leads exits 0"
like "$OUT" "Offen" "leads shows the status Offen"
like "$OUT" "anna.berg" "leads shows the owners"
like "$OUT" "fruehjahr" "leads shows the campaigns"
like "$OUT" "$LEADS" "leads shows the number of leads"

la --db "$DB" leads --format tsv
is "$RC" 0 "leads --format tsv exits 0"
is "$(printf '%s\n' "$OUT" | head -1)" "$(printf 'dimension\tname\tcontacts\tcompanies\tdeleted\tkind\tid')" "the TSV header"
is "$(printf '%s\n' "$OUT" | awk -F '\t' 'NR > 1 && NF != 7' | wc -l | tr -d ' ')" 0 "TSV: every row has the seven columns"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "status" && $2 == "Offen" { print $3 }')" "$OFFEN" \
	"TSV: contacts with status Offen match sqlite3"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "owner" && $2 == "anna.berg" { print $3 }')" "$ANNA" \
	"TSV: anna.berg's contacts match sqlite3"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "source" && $2 == "google" { print $3 }')" 3 \
	"TSV: three leads with first-touch source google"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "campaign" && $2 == "messe" { print $3 }')" 3 \
	"TSV: three leads with first-touch campaign messe"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "category" && $2 == "Lead" { print $3 "/" $4 "/" $7 }')" \
	"$(sql "SELECT count(*) || '/' || count(DISTINCT k.contact_id) || '/' || min(c.category_id) FROM person p JOIN contact k USING (contact_id) JOIN category c ON c.category_id = k.category_idx WHERE c.name = 'Lead' AND p.leadstatus_id IS NOT NULL")" \
	"TSV: the category Lead's contacts, companies (of those contacts) and id match sqlite3"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 != "category" && NR > 1 && $4 != ""' | wc -l | tr -d ' ')" 0 \
	"TSV: companies is empty, not 0, outside the category rows"

la --db "$DB" leads --format json
is "$RC" 0 "leads --format json exits 0"
printf '%s\n' "$OUT" >"$TEST_TMP/leads.json"
is "$("$SQLITE3" -batch :memory: "SELECT json_valid(readfile('$TEST_TMP/leads.json'))")" 1 "leads --format json is valid JSON"
is "$("$SQLITE3" -batch :memory: "SELECT json_extract(readfile('$TEST_TMP/leads.json'), '\$.leads')")" "$LEADS" \
	"JSON: the number of leads matches sqlite3"
is "$("$SQLITE3" -batch :memory: "SELECT json_extract(value, '\$.contacts') FROM json_each(readfile('$TEST_TMP/leads.json'), '\$.status') WHERE json_extract(value, '\$.name') = 'Offen'")" "$OFFEN" \
	"JSON: contacts with status Offen match sqlite3"
is "$("$SQLITE3" -batch :memory: "SELECT json_extract(value, '\$.contacts') FROM json_each(readfile('$TEST_TMP/leads.json'), '\$.source') WHERE json_extract(value, '\$.name') = 'newsletter'")" 3 \
	"JSON: three leads with first-touch source newsletter"

# Every dimension adds up to the number of leads, also when leads fall
# outside every item: a copy where the status Nachfassen is deleted while
# three contacts have it, Verlorene Chance's lead status is off, a company
# has no category and two leads have no company.
OV="$TEST_TMP/overview.db"
copy_db "$OV"
la --db "$OV" lead-status add Nachfassen
sql "$OV" "UPDATE person SET leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE name = 'Nachfassen') WHERE person_id IN (SELECT person_id FROM person WHERE leadstatus_id IS NOT NULL ORDER BY person_id LIMIT 3)"
la --db "$OV" lead-status delete Nachfassen --yes
is "$RC" 0 "a status that three contacts have is deleted"
la --db "$OV" category edit "Verlorene Chance" --no-lead-status --yes
is "$RC" 0 "Verlorene Chance's lead status is turned off"
sql "$OV" "UPDATE contact SET category_idx = NULL WHERE contact_id = (SELECT min(contact_id) FROM person WHERE leadstatus_id IS NOT NULL)"
sql "$OV" "UPDATE person SET contact_id = NULL WHERE person_id IN (SELECT person_id FROM person WHERE leadstatus_id IS NOT NULL AND contact_id IS NOT NULL ORDER BY person_id DESC LIMIT 2)"
OV_LEADS=$(sql "$OV" "SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL")
la --db "$OV" leads --format tsv
is "$RC" 0 "leads --format tsv on the copy exits 0"
for dim in status category owner source campaign; do
	is "$(printf '%s\n' "$OUT" | awk -F '\t' -v d="$dim" '$1 == d { n += $3 } END { print n + 0 }')" "$OV_LEADS" \
		"TSV: the $dim rows add up to the $OV_LEADS leads"
done
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "status" && $2 == "Nachfassen" { print $3 "/" $5 "/" $6 }')" "3/1/item" \
	"TSV: the deleted status Nachfassen has its three contacts and deleted 1"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "status" && $2 == "Offen" { print $5 }')" 0 \
	"TSV: an active status has deleted 0"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "category" && $6 == "no-company" { print $2 "|" $3 "|" $4 "|" $7 }')" "|2|0|" \
	"TSV: the two leads without a company have their row (no name, no companies, no id)"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "category" && $6 == "lead-status-off" { print $3 }')" \
	"$(sql "$OV" "SELECT count(*) FROM person p JOIN contact k USING (contact_id) JOIN category c ON c.category_id = k.category_idx WHERE p.leadstatus_id IS NOT NULL AND c.enable_lead_status = 0")" \
	"TSV: the leads in a category without lead status have their row"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "category" && $6 == "no-category" { print $3 "/" $4 }')" \
	"$(sql "$OV" "SELECT count(*) || '/' || count(DISTINCT p.contact_id) FROM person p JOIN contact k USING (contact_id) WHERE p.leadstatus_id IS NOT NULL AND k.category_idx IS NULL")" \
	"TSV: the leads of a company without a category have their row"
ok "$([ "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "category" && $6 == "no-category" { print $3 }')" -gt 0 ]; echo $?)" \
	"TSV: the row of a company without a category is not empty"
is "$(printf '%s\n' "$OUT" | awk -F '\t' '$1 == "category" && $2 == "Verlorene Chance"' | wc -l | tr -d ' ')" 0 \
	"TSV: a category without lead status has no row of its own"
la --db "$OV" leads
is "$RC" 0 "leads (table) on the copy exits 0"
like "$OUT" "(no company)" "the table names the row of leads without a company"
like "$OUT" "$(printf '\342\234\227  Nachfassen')" "the table marks the deleted status with ✗"
la --db "$OV" --lang de leads
like "$OUT" "(Kategorie ohne Lead-Status)" "the German table names the row of a category without lead status"
la --db "$OV" leads --format json
is "$RC" 0 "leads --format json on the copy exits 0"
printf '%s\n' "$OUT" >"$TEST_TMP/ov.json"
for dim in status category owner source campaign; do
	is "$("$SQLITE3" -batch :memory: "SELECT sum(json_extract(value, '\$.contacts')) FROM json_each(readfile('$TEST_TMP/ov.json'), '\$.$dim')")" "$OV_LEADS" \
		"JSON: the $dim rows add up to the $OV_LEADS leads"
done
is "$("$SQLITE3" -batch :memory: "SELECT json_extract(value, '\$.deleted') || '/' || json_extract(value, '\$.kind') FROM json_each(readfile('$TEST_TMP/ov.json'), '\$.status') WHERE json_extract(value, '\$.name') = 'Nachfassen'")" "1/item" \
	"JSON: the deleted status is flagged"
is "$("$SQLITE3" -batch :memory: "SELECT json_type(value, '\$.id') || '/' || json_extract(value, '\$.contacts') || '/' || json_extract(value, '\$.companies') FROM json_each(readfile('$TEST_TMP/ov.json'), '\$.category') WHERE json_extract(value, '\$.kind') = 'no-company'")" "null/2/0" \
	"JSON: the row of leads without a company has no id and no companies"
is "$("$SQLITE3" -batch :memory: "SELECT sum(json_extract(value, '\$.companies')) FROM json_each(readfile('$TEST_TMP/ov.json'), '\$.category')")" \
	"$(sql "$OV" "SELECT count(DISTINCT p.contact_id) FROM person p JOIN contact k USING (contact_id) WHERE p.leadstatus_id IS NOT NULL")" \
	"JSON: the companies of the category rows add up to the companies with leads"
is "$("$SQLITE3" -batch :memory: "SELECT group_concat(DISTINCT json_type(value, '\$.companies')) FROM json_each(readfile('$TEST_TMP/ov.json'), '\$.owner')")" "null" \
	"JSON: owner rows count no companies (null)"

la --db "$DB" leads --status Offen --format tsv
is "$RC" 0 "leads --status Offen exits 0"
is "$(printf '%s\n' "$OUT" | tail -n +2 | wc -l | tr -d ' ')" "$OFFEN" "leads --status Offen lists every contact with Offen"
line=$(printf '%s\n' "$OUT" | grep 'lena.fischer@example.org')
like "$line" "Alpha Solar GmbH" "lena's line names her company"
like "$line" "google" "lena's line names her source"
like "$line" "fruehjahr" "lena's line names her campaign"
like "$line" "anna.berg" "lena's line names her owner"
la --db "$DB" leads --status Offen --format json
is "$("$SQLITE3" -batch :memory: "SELECT json_array_length('$(printf '%s' "$OUT" | sed "s/'/''/g")')")" "$OFFEN" \
	"leads --status Offen --format json has every contact with Offen"
la --db "$DB" leads --status Nichtda
is "$RC" 1 "leads --status with an unknown status exits 1"
la --db "$DB" leads --format xml
is "$RC" 2 "leads --format xml is a usage error"

# ------------------------------------------------------------ exit codes
BAD="$TEST_TMP/bad.jsonl"
cat >"$BAD" <<'EOF'
{"id": "bad-1", "email": "gut.eins@example.org", "company": "Gut AG"}
{"id": "bad-2", "email": "kein-at-zeichen"}
{"id": "bad-3", "email": "gut.drei@example.org", "submitted": "gestern"}
{"id": "bad-4", "email": "gut.vier@example.org"}
EOF
before_p=$(persons)
la --db "$DB" submit "$BAD"
is "$RC" 1 "a rejected line makes submit exit 1"
like "$ERR" "$BAD:2: rejected: " "stderr names FILE:2 and says rejected"
like "$ERR" "$BAD:3: rejected: " "stderr names FILE:3 and says rejected"
is "$(printf '%s\n' "$ERR" | grep -c 'rejected')" 2 "one stderr line per rejected line"
like "$OUT" "2 created, 0 updated, 0 skipped, 2 rejected" "the other lines are processed"
is "$(persons)" "$((before_p + 2))" "two contacts created around the rejected lines"
is "$(sql "SELECT count(*) FROM form_submission WHERE submission_key IN ('bad-2', 'bad-3')")" 0 \
	"rejected lines leave no form submission"

# Lines that are not JSON as jansson reads it: a NUL byte after a number,
# a key twice, a Latin-1 byte. Each is named by its file line, then by the
# column within it.
ODD="$TEST_TMP/odd.jsonl"
printf '%s\n' '{"id": "odd-1", "email": "odd.eins@example.org"}' >"$ODD"
printf '{"id": 2\000, "email": "odd.zwei@example.org"}\n' >>"$ODD"
printf '%s\n' '{"id": "odd-3", "email": "a@example.org", "email": "b@example.org"}' >>"$ODD"
printf '{"id": "odd-4", "email": "odd.vier@example.org", "lastname": "M\374ller"}\n' >>"$ODD"
la --db "$DB" submit "$ODD"
is "$RC" 1 "lines that are not JSON make submit exit 1"
like "$ERR" "$ODD:2: rejected: not valid JSON: line 1, column 9: a NUL byte" \
	"a NUL byte after a number is rejected, with its line and column"
like "$ERR" "$ODD:3: rejected: not valid JSON: line 1, column 49: the key \"email\" appears twice" \
	"a key twice is rejected, naming the key"
like "$ERR" "$ODD:4: rejected: not valid JSON: line 1, column 64: byte 0xFC is not UTF-8" \
	"a byte that is not UTF-8 is rejected, naming the byte"
like "$OUT" "1 created, 0 updated, 0 skipped, 3 rejected" "the valid line is processed"
is "$(sql "SELECT count(*) FROM form_submission WHERE submission_key IN ('2', 'odd-3', 'odd-4')")" 0 \
	"the rejected lines leave no form submission"

STRICT="$TEST_TMP/strict.jsonl"
cat >"$STRICT" <<'EOF'
{"id": "strict-1", "email": "strikt.eins@example.org"}
{not json
{"id": "strict-3", "email": "strikt.drei@example.org"}
EOF
la --db "$DB" submit --strict "$STRICT"
is "$RC" 1 "submit --strict with a rejected line exits 1"
like "$ERR" "$STRICT:2: rejected: " "--strict names the rejected line"
like "$ERR" "--strict" "--strict says it stopped"
is "$(sql "SELECT group_concat(submission_key, ',') FROM form_submission WHERE submission_key LIKE 'strict-%'")" "strict-1" \
	"--strict keeps what came before and stops"
la --db "$DB" submit - <"$STRICT"
is "$RC" 1 "submit - reads standard input"
like "$ERR" "-:2: rejected: " "standard input is named '-'"
is "$(sql "SELECT count(*) FROM form_submission WHERE submission_key LIKE 'strict-%'")" 2 \
	"without --strict the line after the rejected one is processed"
la --db "$DB" submit "$TEST_TMP/missing.jsonl"
is "$RC" 1 "submit of a missing file exits 1"
la --db "$DB" submit --bogus
is "$RC" 2 "submit --bogus is a usage error"

# ------------------------------------------------------------ users and groups
la --db "$DB" user edit anna.berg --name "Anna Berg-Lind"
is "$RC" 0 "user edit --name"
is "$(sql "SELECT full_name FROM associate WHERE name = 'anna.berg'")" "Anna Berg-Lind" "the full name is stored"
la --db "$DB" usergroup add Vertrieb --description "Innen und außen"
is "$RC" 0 "usergroup add Vertrieb"
la --db "$DB" usergroup add VERTRIEB
is "$RC" 1 "usergroup add of the same name in other case is refused"
is "$(sql "SELECT count(*) FROM usergroup")" 1 "one user group"
la --db "$DB" user edit anna.berg --group vertrieb
is "$RC" 0 "user edit --group"
la --db "$DB" user edit jonas.kraft --group Vertrieb
is "$(sql "SELECT count(*) FROM associate a JOIN usergroup g ON g.usergroup_id = a.group_idx WHERE g.name = 'Vertrieb'")" 2 \
	"two members in Vertrieb"
la --db "$DB" usergroup list
is "$RC" 0 "usergroup list"
like "$(printf '%s\n' "$OUT" | grep Vertrieb)" " 2 " "usergroup list shows two members"
la --db "$DB" user list
like "$(printf '%s\n' "$OUT" | grep anna.berg)" "Vertrieb" "user list shows anna's group"
la --db "$DB" user edit anna.berg --group Vertrieb --no-group
is "$RC" 2 "--group with --no-group is a usage error"
la --db "$DB" usergroup edit Vertrieb --name Innendienst
is "$RC" 0 "usergroup edit --name"
is "$(sql "SELECT name FROM usergroup")" "Innendienst" "the group is renamed"
la --db "$DB" usergroup add Außendienst
is "$RC" 0 "a second group"
la --db "$DB" usergroup move Außendienst up
is "$RC" 0 "usergroup move up"
is "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM usergroup ORDER BY rank) AS g")" "Außendienst,Innendienst" \
	"the groups swapped places"
la --db "$DB" usergroup move Außendienst up
is "$RC" 1 "moving the first group up is refused"
like "$ERR" "already first" "and says why"
la --db "$DB" usergroup move Außendienst sideways
is "$RC" 2 "move takes up or down"
la --db "$DB" usergroup delete Außendienst
is "$RC" 0 "the second group is deleted again"

# Distribute to the group: its members at that moment.
la --db "$DB" marketing set --distribute group --group Innendienst
is "$RC" 0 "marketing set --distribute group --group Innendienst"
printf '%s\n' '{"id": "grp-1", "email": "grp1@example.org"}' '{"id": "grp-2", "email": "grp2@example.org"}' \
	'{"id": "grp-3", "email": "grp3@example.org"}' '{"id": "grp-4", "email": "grp4@example.org"}' >"$TEST_TMP/grp.jsonl"
la --db "$DB" submit "$TEST_TMP/grp.jsonl"
is "$RC" 0 "submit to the group"
is "$(sql "SELECT group_concat(x, ',') FROM (SELECT a.name || ':' || count(*) AS x FROM form_submission f JOIN person p USING (person_id) JOIN associate a ON a.associate_id = p.associate_id WHERE f.submission_key LIKE 'grp-%' GROUP BY a.name ORDER BY a.name) AS o")" \
	"anna.berg:2,jonas.kraft:2" "the group's two members get two each"

la --db "$DB" marketing set --distribute associates
is "$RC" 0 "back to the selected associates"
la --db "$DB" usergroup delete Innendienst
is "$RC" 0 "usergroup delete"
is "$(sql "SELECT deleted FROM usergroup WHERE name = 'Innendienst'")" 1 "the group is deleted (soft)"
la --db "$DB" usergroup list
unlike "$OUT" "Innendienst" "usergroup list hides the deleted group"
la --db "$DB" usergroup list --deleted
like "$OUT" "Innendienst" "usergroup list --deleted shows it"
la --db "$DB" usergroup add innendienst
is "$RC" 1 "the name of a deleted group cannot be reused"
la --db "$DB" usergroup restore Innendienst
is "$RC" 0 "usergroup restore"
is "$(sql "SELECT deleted FROM usergroup WHERE name = 'Innendienst'")" 0 "the group is back"

la --db "$DB" user edit paul.roth --inactive
is "$RC" 0 "user edit --inactive"
is "$(sql "SELECT deleted FROM associate WHERE name = 'paul.roth'")" 1 "paul.roth is inactive"
la --db "$DB" user edit paul.roth --active
is "$RC" 0 "user edit --active"
is "$(sql "SELECT deleted FROM associate WHERE name = 'paul.roth'")" 0 "paul.roth is active again"
la --db "$DB" user edit "$ME" --inactive
is "$RC" 1 "the last active General administrator cannot be deactivated"
la --db "$DB" user edit "$ME" --role user
is "$RC" 1 "the last active General administrator cannot be demoted"
is "$(sql "SELECT role || '' || deleted FROM associate WHERE name = '$ME'")" 20 "$ME is still an active General administrator"

# A user who is not General administrator may not change the licence.
la --db "$DB" user add boss --name "Die Chefin" --role general-admin
is "$RC" 0 "another General administrator is added"
la --db "$DB" user set-role "$ME" user
is "$RC" 0 "$ME demotes themself to user"
before=$(checksum "$DB")
la --db "$DB" licence disable marketing-premium
is "$RC" 1 "licence disable by a user is refused with exit 1"
ok "$([ -n "$ERR" ]; echo $?)" "the refusal says why on stderr"
is "$(checksum "$DB")" "$before" "the refused licence change changes nothing"
is "$(sql "SELECT enabled FROM licence WHERE name = 'marketing-premium'")" 1 "the licence stays enabled"
la --db "$DB" marketing set --utm off
is "$RC" 1 "marketing set by a user is refused with exit 1"
is "$(sql "SELECT value FROM setting WHERE key = 'marketing.utm_enabled'")" 1 "UTM transfer stays on"
la --db "$DB" usergroup add Fremd
is "$RC" 1 "usergroup add by a user is refused with exit 1"

# ------------------------------------------------------------ v1 -> current
V1="$TEST_TMP/v1.db"
"$SQLITE3" -batch "$V1" <"$top_srcdir/tests/fixtures/v1-demo.sql"
sql "$V1" "UPDATE associate SET name = '$ME' WHERE name = 'root'"
is "$(sql "$V1" 'PRAGMA user_version')" 1 "the fixture is schema version 1"
kept="SELECT (SELECT count(*) FROM person) || '|' || (SELECT count(*) FROM contact) || '|' || (SELECT count(*) FROM email) || '|' || (SELECT count(*) FROM category) || '|' || (SELECT count(*) FROM leadstatus) || '|' || (SELECT count(*) FROM associate) || '|' || (SELECT group_concat(name || deleted, ',') FROM category) || '|' || (SELECT group_concat(name, ',') FROM leadstatus) || '|' || (SELECT sum(person_id * 7 + coalesce(leadstatus_id, 0) * 11 + coalesce(associate_id, 0) * 13 + coalesce(contact_id, 0)) FROM person) || '|' || (SELECT count(*) FROM audit WHERE audit_id <= 5)"
v1=$(sql "$V1" "$kept")
like "$v1" "310|120|310|6|6|5|" "the fixture has its contacts, companies and lists"
la --db "$V1" category list
is "$RC" 3 "a command on the version-1 database says to upgrade it (exit 3)"
la --db "$V1" upgrade
is "$RC" 0 "upgrade on the version-1 database exits 0"
like "$OUT" "Its General administrators stay: $ME." "its General administrator stays the only one"
# A file's current version is a new file's (on a server, the suite's own
# database has the server's version, counted apart).
la --db "$TEST_TMP/new.db" init
is "$(sql "$V1" 'PRAGMA user_version')" "$(sql "$TEST_TMP/new.db" 'PRAGMA user_version')" \
	"it is upgraded to the current version"
ok "$([ "$(sql "$V1" 'PRAGMA user_version')" -ge 2 ]; echo $?)" "the current version is 2 or more"
is "$(sql "$V1" "$kept")" "$v1" "every contact, company, category, status, associate and audit row is kept"
is "$(sql "$V1" "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('usergroup', 'licence', 'distribute_associate', 'form_submission', 'utm_parameters')")" 5 \
	"the Marketing Premium tables are there"
is "$(sql "$V1" "SELECT count(*) FROM audit WHERE list = 'schema' AND new_value = 'version 2'")" 1 "the upgrade is audited"
is "$(sql "$V1" "SELECT enabled FROM licence WHERE name = 'marketing-premium'")" 0 "the licence starts disabled"
la --db "$V1" licence enable marketing-premium
is "$RC" 0 "the upgraded database takes the licence"

# ------------------------------------------------------------ two at once
C="$TEST_TMP/concurrent.db"
la --db "$C" init --demo
la --db "$C" licence enable marketing-premium
la --db "$C" marketing set --utm on --distribute associates --associates anna.berg,jonas.kraft,mia.stein --form-category Lead
is "$RC" 0 "the concurrent database is set up"
CP0=$(persons "$C")
# 400 ids; 350 e-mail addresses, so 50 are conversions of someone in the
# other file or the same. A: ids 1-220, B: ids 181-400 (40 in both).
gen() {
	awk -v from="$1" -v to="$2" 'BEGIN { for (i = from; i <= to; i++)
		printf "{\"id\": \"sub-%d\", \"email\": \"c%d@example.net\", \"firstname\": \"C\", \"lastname\": \"%d\", \"url\": \"https://x.example/?utm_source=s%d\"}\n", i, (i - 1) % 350 + 1, i, i % 5 }'
}
gen 1 220 >"$TEST_TMP/a.jsonl"
gen 181 400 >"$TEST_TMP/b.jsonl"
"$LEADADMIN_BIN" --db "$C" submit "$TEST_TMP/a.jsonl" >"$TEST_TMP/a.out" 2>"$TEST_TMP/a.err" &
pa=$!
"$LEADADMIN_BIN" --db "$C" submit "$TEST_TMP/b.jsonl" >"$TEST_TMP/b.out" 2>"$TEST_TMP/b.err" &
pb=$!
wait "$pa"
ra=$?
wait "$pb"
rb=$?
is "$ra" 0 "the first concurrent submit exits 0"
is "$rb" 0 "the second concurrent submit exits 0"
is "$(cat "$TEST_TMP/a.err" "$TEST_TMP/b.err")" "" "neither writes to stderr (no 'locked')"
unlike "$(cat "$TEST_TMP/a.err" "$TEST_TMP/b.err")" "locked" "no 'database is locked'"
is "$(sql "$C" "SELECT count(*) || '/' || count(DISTINCT submission_key) FROM form_submission")" "400/400" \
	"every distinct id is in form_submission exactly once"
is "$(sql "$C" "SELECT count(*) FROM form_submission WHERE submission_key NOT LIKE 'sub-%'")" 0 "no other submissions"
is "$(persons "$C")" "$((CP0 + 350))" "persons = distinct e-mail addresses"
is "$(sql "$C" "SELECT count(*) FROM email WHERE email_address LIKE 'c%@example.net'")" 350 "one e-mail row per address"
is "$(sql "$C" "SELECT count(*) FROM form_submission WHERE kind = 'created'")" 350 "350 created, one per address"
skipped=$(cat "$TEST_TMP/a.out" "$TEST_TMP/b.out" | sed -n 's/.* \([0-9]*\) skipped.*/\1/p' | awk '{ s += $1 } END { print s }')
is "$skipped" 40 "the 40 ids in both files are skipped once each"
is "$(sql "$C" "SELECT count(*) FROM person WHERE person_id IN (SELECT person_id FROM form_submission WHERE kind = 'created') AND associate_id IS NULL")" 0 \
	"every new contact has an owner"
is "$(sql "$C" "SELECT count(*) FROM (SELECT DISTINCT p.associate_id FROM person p JOIN form_submission f ON f.person_id = p.person_id AND f.kind = 'created')")" 3 \
	"three owners share the new contacts"
is "$(sql "$C" "SELECT max(n) - min(n) <= 1 FROM (SELECT count(*) AS n FROM person p JOIN form_submission f ON f.person_id = p.person_id AND f.kind = 'created' GROUP BY p.associate_id)")" 1 \
	"the rotation stays even (max - min <= 1)"

finish
