#!/bin/sh
# The command line as a user types it: the examples of issue 2 ("What a user
# can do"), the list formats, every list command and --help everywhere.
# Each check looks at what is printed and, for changes, at what the database
# holds afterwards (read back with sqlite3).
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

OTHER="$TEST_TMP/other.db"
DEMO="$TEST_TMP/demo.db"
ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"
TAB=$(printf '\t')

# row TEXT NAME: the tsv line of TEXT whose name column (3) is NAME.
row() {
	printf '%s\n' "$1" | awk -F'\t' -v n="$2" '$3 == n'
}

# col TEXT NAME N: column N of that line.
col() {
	printf '%s\n' "$1" | awk -F'\t' -v n="$2" -v c="$3" '$3 == n { print $c }'
}

# ------------------------------------------------------------ the examples
la --db "$DB" init --language de
is "$RC" 0 "init --language de exits 0"
like "$OUT" "$DB" "init names the database it made"
is "$(sql "SELECT value FROM setting WHERE key = 'language'")" de "the database is German"
if on_server; then
	is "$(sql "SELECT value FROM setting WHERE key = 'schema.version'")" 13 \
		"the new database has the server's schema version 13"
else
	is "$(sql 'PRAGMA user_version')" 11 "the new database has schema version 11"
fi
is "$(sql "SELECT role FROM associate WHERE name = '$ME'")" 2 \
	"the creator ($ME) is a General administrator"
is "$(sql 'SELECT name FROM leadstatus WHERE is_default = 1')" Offen \
	"the German default status is Offen"

la --db "$DB" category list
is "$RC" 0 "category list exits 0"
for name in "Lead" "Marketingqualifiziertes Lead" "Verkaufschance" "Verlorene Chance"; do
	line=$(printf '%s\n' "$OUT" | grep -E "^ *[0-9]+ +[0-9]+  $name  ")
	like "$line" "Potential customer" "category list: '$name' is in group Potential customer"
	like "$line" "yes" "category list: '$name' has lead status on"
done
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 4 "category list shows exactly four categories"
is "$(sql 'SELECT count(*) FROM category WHERE category_group = 2 AND enable_lead_status = 1 AND deleted = 0')" 4 \
	"the database holds four lead categories of group 2 with lead status"
is "$(sql "SELECT group_concat(name, '|') FROM (SELECT name FROM category ORDER BY rank) AS c")" \
	"Lead|Marketingqualifiziertes Lead|Verkaufschance|Verlorene Chance" "the categories are in the documented order"

before=$(checksum "$DB")
la --db "$DB" category add Webinar --group customer --lead-status
is "$RC" 1 "Webinar with --group customer --lead-status is refused with exit 1"
like "$ERR" "Potential customer" "the refusal says why (only Potential customer)"
is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "the refusal is one line on stderr"
is "$(sql "SELECT count(*) FROM category WHERE name = 'Webinar'")" 0 "Webinar is not in the database"
is "$(checksum "$DB")" "$before" "the refused add changed nothing"

la --db "$DB" category add "Messe-Kontakt" --group potential-customer --lead-status --description "Kontakte von Messen"
is "$RC" 0 "Messe-Kontakt is added"
like "$OUT" "Messe-Kontakt" "the add names the item"
is "$(sql "SELECT category_group || '|' || enable_lead_status || '|' || tooltip || '|' || deleted FROM category WHERE name = 'Messe-Kontakt'")" \
	"2|1|Kontakte von Messen|0" "Messe-Kontakt: group 2, lead status 1, its description"
is "$(sql "SELECT CASE WHEN rank = (SELECT max(rank) FROM category) THEN 1 ELSE 0 END FROM category WHERE name = 'Messe-Kontakt'")" 1 \
	"a new item goes to the end"
is "$(sql "SELECT CASE WHEN registered_associate_id = (SELECT associate_id FROM associate WHERE name = '$ME') THEN 1 ELSE 0 END FROM category WHERE name = 'Messe-Kontakt'")" 1 \
	"the new item records who registered it"

q_rank=$(sql "SELECT rank FROM leadstatus WHERE name = 'Qualifiziert'")
k_rank=$(sql "SELECT rank FROM leadstatus WHERE name = 'Kontaktaufnahme'")
la --db "$DB" lead-status move Qualifiziert up
is "$RC" 0 "lead-status move Qualifiziert up exits 0"
is "$(sql "SELECT rank FROM leadstatus WHERE name = 'Qualifiziert'")" "$k_rank" "Qualifiziert takes the rank of Kontaktaufnahme"
is "$(sql "SELECT rank FROM leadstatus WHERE name = 'Kontaktaufnahme'")" "$q_rank" "Kontaktaufnahme takes the rank of Qualifiziert"
la --db "$DB" lead-status list --format tsv
is "$(printf '%s\n' "$OUT" | sed -n '2,4p' | cut -f3 | tr '\n' '|')" "Offen|Qualifiziert|Kontaktaufnahme|" \
	"lead-status list shows the new order"

la --db "$DB" category delete Lead --yes
is "$RC" 0 "category delete Lead --yes exits 0"
is "$(sql "SELECT deleted FROM category WHERE name = 'Lead'")" 1 "Lead is soft-deleted (deleted = 1, row kept)"
la --db "$DB" category list --format tsv
is "$(row "$OUT" Lead)" "" "category list no longer shows Lead"
before=$(checksum "$DB")
la --db "$DB" category add lead
is "$RC" 1 "re-adding 'lead' is refused (deleted names still count)"
like "$ERR" "lead" "the refusal names the item"
is "$(sql "SELECT count(*) FROM category WHERE lower(name) = 'lead'")" 1 "there is still just one Lead"
is "$(checksum "$DB")" "$before" "the refused add changed nothing"

la --db "$DB" setup-check
is "$RC" 0 "setup-check exits 0 when lead management is ready"
like "$OUT" "1. [ready]" "setup-check: step 1 ready"
like "$OUT" "2. [ready]" "setup-check: step 2 ready"
like "$OUT" "3. " "setup-check: step 3 is shown"
like "$OUT" "Messe-Kontakt" "setup-check names the categories with lead status"

la --db "$DB" export
is "$RC" 0 "export exits 0"
printf '%s\n' "$OUT" >"$TEST_TMP/lists.json"
like "$OUT" '"Messe-Kontakt"' "export holds the new category"
"$LEADADMIN_BIN" --db "$OTHER" init --language en >/dev/null 2>&1
before=$(checksum "$OTHER")
la --db "$OTHER" import "$TEST_TMP/lists.json" --dry-run
is "$RC" 0 "import --dry-run exits 0"
like "$OUT" "Messe-Kontakt" "the plan names the items"
like "$OUT" "nothing was changed" "the dry run says nothing was changed"
is "$(checksum "$OTHER")" "$before" "the dry run changed nothing in the other database"
is "$(sql "$OTHER" "SELECT count(*) FROM category WHERE name = 'Messe-Kontakt'")" 0 "Messe-Kontakt did not arrive"

# ------------------------------------------------------------ list formats
la --db "$DB" category list --format tsv
is "$RC" 0 "category list --format tsv exits 0"
is "$(printf '%s\n' "$OUT" | head -1)" \
	"id${TAB}rank${TAB}name${TAB}group${TAB}lead_status${TAB}companies${TAB}contacts${TAB}deleted${TAB}description" \
	"category tsv: header row with stable column keys"
is "$(printf '%s\n' "$OUT" | awk -F'\t' 'NF != 9' | wc -l | tr -d ' ')" 0 "category tsv: every line has 9 columns"
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" \
	"$(sql 'SELECT count(*) FROM category WHERE deleted = 0')" "category tsv: one line per active item"
is "$(row "$OUT" Messe-Kontakt | cut -f1)" "$(sql "SELECT category_id FROM category WHERE name = 'Messe-Kontakt'")" \
	"category tsv: the id column is the category_id"
is "$(row "$OUT" Messe-Kontakt | cut -f4,5,8,9)" "potential-customer${TAB}1${TAB}0${TAB}Kontakte von Messen" \
	"category tsv: group key, lead status, deleted and description"
is "$(printf '%s\n' "$OUT" | sed 1d | cut -f3 | tr '\n' '|')" \
	"$(sql "SELECT name FROM category WHERE deleted = 0 ORDER BY rank" | tr '\n' '|')" "category tsv: items in rank order"
la --db "$DB" lead-status list --format tsv
is "$(printf '%s\n' "$OUT" | head -1)" \
	"id${TAB}rank${TAB}name${TAB}default${TAB}contacts${TAB}deleted${TAB}description" \
	"lead-status tsv: header row with stable column keys"
is "$(printf '%s\n' "$OUT" | awk -F'\t' 'NF != 7' | wc -l | tr -d ' ')" 0 "lead-status tsv: every line has 7 columns"
is "$(col "$OUT" Offen 4)" 1 "lead-status tsv: Offen is the default"

la --db "$DB" category list --deleted --format tsv
is "$(col "$OUT" Lead 8)" 1 "list --deleted shows Lead with deleted 1"
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" "$(sql 'SELECT count(*) FROM category')" \
	"list --deleted shows every item"
la --db "$DB" category list --deleted
like "$(printf '%s\n' "$OUT" | grep -E '^ *[0-9]+ +[0-9]+  Lead  ')" "deleted" \
	"list --deleted marks Lead as deleted in the table"

la --db "$DB" category list --format json
is "$RC" 0 "category list --format json exits 0"
like "$OUT" '"name": "Messe-Kontakt"' "json holds the item names"
if command -v python3 >/dev/null 2>&1; then
	n=$(printf '%s\n' "$OUT" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' 2>&1)
	is "$n" "$(sql 'SELECT count(*) FROM category WHERE deleted = 0')" "category json parses, one object per item"
	la --db "$DB" lead-status list --deleted --format json
	n=$(printf '%s\n' "$OUT" | python3 -c 'import json,sys; print(sum(1 for i in json.load(sys.stdin) if i["default"]))' 2>&1)
	is "$n" 1 "lead-status json parses, exactly one default"
else
	ok 0 "category json parses # SKIP python3 is not installed"
	ok 0 "lead-status json parses # SKIP python3 is not installed"
fi

# ------------------------------------------------------------ lead status commands
la --db "$DB" lead-status add Nachfassen --description "Später wieder anrufen"
is "$RC" 0 "lead-status add exits 0"
is "$(sql "SELECT tooltip || '|' || is_default || '|' || deleted || '|' || CASE WHEN rank = (SELECT max(rank) FROM leadstatus) THEN 1 ELSE 0 END FROM leadstatus WHERE name = 'Nachfassen'")" \
	"Später wieder anrufen|0|0|1" "the new status is stored at the end, not default"
la --db "$DB" lead-status edit nachfassen --name "Nachfassen später" --description "Im Herbst"
is "$RC" 0 "lead-status edit (item found in any case) exits 0"
is "$(sql "SELECT name || '|' || tooltip || '|' || updatedCount FROM leadstatus WHERE name = 'Nachfassen später'")" \
	"Nachfassen später|Im Herbst|1" "edit --name and --description are stored, updatedCount bumped"
la --db "$DB" lead-status default "Nachfassen später"
is "$RC" 0 "lead-status default exits 0"
is "$(sql "SELECT group_concat(name, ',') FROM leadstatus WHERE is_default = 1")" "Nachfassen später" \
	"exactly one default, the new one"
before=$(checksum "$DB")
la --db "$DB" lead-status delete "Nachfassen später"
is "$RC" 1 "deleting the default without --new-default is refused"
like "$ERR" "--new-default" "the refusal says how to go ahead"
is "$(checksum "$DB")" "$before" "the refused delete changed nothing"
la --db "$DB" lead-status delete "Nachfassen später" --yes --new-default Offen
is "$RC" 0 "delete --yes --new-default Offen exits 0"
is "$(sql "SELECT deleted || '|' || is_default FROM leadstatus WHERE name = 'Nachfassen später'")" "1|0" \
	"the old default is deleted and no longer default"
is "$(sql "SELECT group_concat(name, ',') FROM leadstatus WHERE is_default = 1")" Offen "Offen is the default again"
la --db "$DB" lead-status restore "Nachfassen später"
is "$RC" 0 "lead-status restore exits 0"
is "$(sql "SELECT deleted FROM leadstatus WHERE name = 'Nachfassen später'")" 0 "the status is back"
prev=$(sql "SELECT name FROM leadstatus WHERE rank < (SELECT rank FROM leadstatus WHERE name = 'Nachfassen später') ORDER BY rank DESC LIMIT 1")
la --db "$DB" lead-status move "Nachfassen später" up
is "$RC" 0 "lead-status move up exits 0"
is "$(sql "SELECT name FROM leadstatus WHERE rank > (SELECT rank FROM leadstatus WHERE name = 'Nachfassen später') ORDER BY rank LIMIT 1")" \
	"$prev" "the status now stands before '$prev'"
la --db "$DB" lead-status move "Nachfassen später" down
is "$(sql "SELECT name FROM leadstatus ORDER BY rank DESC LIMIT 1")" "Nachfassen später" "move down brings it back to the end"
before=$(checksum "$DB")
la --db "$DB" lead-status move Offen up
is "$RC" 1 "moving the first item up is refused"
is "$(checksum "$DB")" "$before" "and changes nothing"

# ------------------------------------------------------------ category commands
la --db "$DB" category edit Messe-Kontakt --name Messe
is "$RC" 0 "category edit --name of an unused item needs no --yes"
is "$(sql "SELECT count(*) FROM category WHERE name = 'Messe' AND tooltip = 'Kontakte von Messen' AND enable_lead_status = 1")" 1 \
	"renamed, the rest kept"
id=$(sql "SELECT category_id FROM category WHERE name = 'Messe'")
la --db "$DB" category edit "$id" --group partner
is "$RC" 0 "category edit by id, --group partner"
is "$(sql "SELECT category_group || '|' || enable_lead_status FROM category WHERE category_id = $id")" "3|0" \
	"the group changes away from Potential customer and lead status goes off"
la --db "$DB" category restore Lead
is "$RC" 0 "category restore exits 0"
is "$(sql "SELECT deleted FROM category WHERE name = 'Lead'")" 0 "Lead is back"
prev=$(sql "SELECT name FROM category WHERE rank < (SELECT rank FROM category WHERE name = 'Messe') ORDER BY rank DESC LIMIT 1")
la --db "$DB" category move Messe up
is "$RC" 0 "category move up exits 0"
is "$(sql "SELECT name FROM category WHERE rank > (SELECT rank FROM category WHERE name = 'Messe') ORDER BY rank LIMIT 1")" \
	"$prev" "Messe now stands before '$prev'"
la --db "$DB" category delete Messe
is "$RC" 0 "deleting an unused category needs no --yes"
is "$(sql "SELECT deleted FROM category WHERE name = 'Messe'")" 1 "it is soft-deleted"
before=$(checksum "$DB")
la --db "$DB" category edit NoSuchThing --name X
is "$RC" 1 "editing an unknown item exits 1"
like "$ERR" "NoSuchThing" "the message names the item"
is "$(checksum "$DB")" "$before" "nothing changed"

# ------------------------------------------------------------ --help everywhere
none="$TEST_TMP/none.db"
for cmd in "--help" "init --help" "category --help" "category list --help" \
	"category add --help" "category edit --help" "category delete --help" \
	"category restore --help" "category move --help" "lead-status --help" \
	"lead-status list --help" "lead-status add --help" "lead-status edit --help" \
	"lead-status delete --help" "lead-status restore --help" "lead-status move --help" \
	"lead-status default --help" "add-defaults --help" "setup-check --help" \
	"export --help" "import --help" "user --help" "user list --help" \
	"user add --help" "user set-role --help" "user edit -h" "user help" \
	"licence --help" "licence enable --help" "marketing --help" "marketing set --help" \
	"marketing help" "-h" "--lang en --help"; do
	# shellcheck disable=SC2086 # the words of the command
	la --db "$none" $cmd
	is "$RC:$(printf '%s\n' "$OUT" | grep -c '^Usage')" 0:1 "leadadmin $cmd exits 0 and prints Usage"
done
ok "$([ ! -e "$none" ]; echo $?)" "--help made no database"

# The usage names every command; the German text matches it line by line:
# the same number of lines, and each command or option on the same line.
la --db "$none" --lang en --help
usage_en=$OUT
la --db "$none" --lang de --help
usage_de=$OUT
like "$usage_en" "marketing simulate" "--help names marketing simulate"
like "$usage_de" "marketing simulate" "the German --help names marketing simulate"
is "$(printf '%s\n' "$usage_de" | wc -l)" "$(printf '%s\n' "$usage_en" | wc -l)" \
	"the German --help has as many lines as the English one"
firsts() {
	printf '%s\n' "$1" | awk '/^  [-a-z]/ { print NR ": " $1 }'
}
is "$(firsts "$usage_de")" "$(firsts "$usage_en")" \
	"the German --help names each command and option on the English line"

# ------------------------------------------------------------ global options
la --db "$DB" category list --format tsv
spaced=$OUT
la --db="$DB" category list --format tsv
is "$RC:$OUT" "0:$spaced" "--db=PATH works as --db PATH"
la --db "$OTHER" --db="$DB" category list --format tsv
is "$RC:$OUT" "0:$spaced" "the last --db wins"
la --lang=de --db "$DB" -- category list --format tsv
is "$RC:$OUT" "0:$spaced" "-- ends the global options"
la --version
is "$RC" 0 "--version exits 0"
like "$OUT" "leadadmin " "--version names the program"
la --db "$DB" category list --db "$DB"
is "$RC" 2 "an option after the command is the command's: category list has no --db"
like "$ERR" "leadadmin category: unknown option '--db'" "the command says so"

# ------------------------------------------------------------ init --demo
la --db "$DEMO" init --demo
is "$RC" 0 "init --demo exits 0"
persons=$(sql "$DEMO" 'SELECT count(*) FROM person')
ok "$([ "$persons" -ge 200 ] && [ "$persons" -le 1000 ]; echo $?)" "init --demo makes a few hundred persons ($persons)"
ok "$([ "$(sql "$DEMO" 'SELECT count(*) FROM contact')" -gt 0 ]; echo $?)" "init --demo makes companies"
la --db "$DEMO" category list --format tsv
is "$(printf '%s\n' "$OUT" | sed 1d | awk -F'\t' '$6 > 0' | wc -l | tr -d ' ')" \
	"$(sql "$DEMO" 'SELECT count(DISTINCT category_idx) FROM contact JOIN category ON category_id = category_idx WHERE category.deleted = 0')" \
	"categories in use show non-zero company counts"
is "$(col "$OUT" Lead 6):$(col "$OUT" Lead 7)" \
	"$(sql "$DEMO" "SELECT count(*) FROM contact WHERE category_idx = (SELECT category_id FROM category WHERE name = 'Lead')"):$(sql "$DEMO" "SELECT count(*) FROM person JOIN contact USING (contact_id) WHERE category_idx = (SELECT category_id FROM category WHERE name = 'Lead')")" \
	"Lead's companies and contacts counts match the database"
ok "$([ "$(col "$OUT" Lead 6)" -gt 0 ]; echo $?)" "Lead is in use in the demo"
la --db "$DEMO" lead-status list --format tsv
is "$(col "$OUT" Open 5)" "$(sql "$DEMO" "SELECT count(*) FROM person WHERE leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open')")" \
	"Open's contact count matches the database"
ok "$([ "$(col "$OUT" Open 5)" -gt 0 ]; echo $?)" "the default status is in use in the demo"
cp "$DEMO" "$TEST_TMP/demo2.db" && rm -f "$DEMO" "$DEMO-wal" "$DEMO-shm"
"$LEADADMIN_BIN" --db "$DEMO" init --demo >/dev/null 2>&1
is "$(sql "$DEMO" 'SELECT group_concat(name || category_idx) FROM contact')" \
	"$(sql "$TEST_TMP/demo2.db" 'SELECT group_concat(name || category_idx) FROM contact')" "the demo is deterministic"

# ------------------------------------------------------------ users
la --db "$DB" user list
is "$RC" 0 "user list exits 0"
like "$(printf '%s\n' "$OUT" | grep "^$ME ")" "General administrator" "user list shows $ME as General administrator"
la --db "$DB" user add alice --name "Alice Amsel" --role list-admin
is "$RC" 0 "user add exits 0"
is "$(sql "SELECT full_name || '|' || role || '|' || deleted FROM associate WHERE name = 'alice'")" "Alice Amsel|1|0" \
	"alice is stored as List administrator"
la --db "$DB" user list
like "$(printf '%s\n' "$OUT" | grep '^alice ')" "List administrator" "user list shows alice's role"
la --db "$DB" user set-role alice user
is "$RC" 0 "user set-role exits 0"
is "$(sql "SELECT role FROM associate WHERE name = 'alice'")" 0 "alice is a plain user now"
before=$(checksum "$DB")
la --db "$DB" user add alice
is "$RC" 1 "adding an existing login is refused"
is "$(checksum "$DB")" "$before" "and changes nothing"
la --db "$DB" user set-role nobody-here list-admin
is "$RC" 1 "set-role of an unknown login exits 1"

finish
