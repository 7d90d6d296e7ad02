#!/bin/sh
# Legacy databases in the shapes that really occur, each built from SQL
# under tests/fixtures/legacy-*.sql: columns without defaults holding NULLs,
# SuperOffice's own leadstatus table, categories in group Unknown, names
# that differ only in case, and Windows-1252 text. Each is upgraded, then
# listed, added to, given the defaults, checked, exported and imported
# again (into itself and into a new database), with the data checked in
# the database after each step.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

FIX=$top_srcdir/tests/fixtures

# build SHAPE: the database of tests/fixtures/legacy-SHAPE.sql, as $D.
build() {
	D=$TEST_TMP/$1.db
	"$SQLITE3" -batch "$D" <"$FIX/legacy-$1.sql"
	is "$?" 0 "$1: the legacy database is built from SQL"
}

# people DB: who is in which company and category: what the upgrade and
# the lists must never change (text may be converted, ids may not move).
people() {
	sql "$1" "SELECT contact_id, category_idx FROM contact ORDER BY 1;
		SELECT person_id, contact_id FROM person ORDER BY 1" | md5sum
}

# listed DB: the names `category list` shows, one a line, in its order.
listed() {
	"$LEADADMIN_BIN" --db "$1" category list --format tsv | sed 1d | cut -f3
}

# stored DB: the names the database has not deleted, in rank order.
stored() {
	sql "$1" "SELECT name FROM category WHERE deleted = 0 ORDER BY rank, category_id"
}

audits() {
	sql "$1" 'SELECT count(*) FROM audit'
}

# items FILE: the item lines of an export (every list), without the
# header and without the commas between them.
items() {
	grep '^    {' "$1" | sed 's/,$//'
}

# upgrade_and_use SHAPE: the steps every shape goes through, up to an
# import of its own export.
upgrade_and_use() {
	s=$1
	build "$s"
	before=$(people "$D")
	sum=$(md5sum <"$D")

	la --db "$D" category list
	is "$RC" 3 "$s: category list before the upgrade exits 3"
	like "$ERR" "upgrade it with: leadadmin --db $D upgrade" "$s: and says what to run"
	la --db "$D" upgrade --dry-run
	is "$RC" 0 "$s: upgrade --dry-run exits 0"
	is "$(md5sum <"$D")" "$sum" "$s: reading and the dry run leave the file byte for byte as it was"

	la --db "$D" upgrade
	UPGRADE_OUT=$OUT
	is "$RC" 0 "$s: upgrade exits 0"
	is "$(sql "$D" 'PRAGMA user_version')" 11 "$s: the database has schema version 11"
	ok "$([ -s "$D.v0-backup" ]; echo $?)" "$s: the old file is kept beside it"
	is "$(people "$D")" "$before" "$s: companies and persons keep their categories"
	is "$(sql "$D" "SELECT count(*) FROM category WHERE name IS NULL OR rank IS NULL
		OR tooltip IS NULL OR deleted IS NULL OR category_group IS NULL
		OR enable_lead_status IS NULL OR updatedCount IS NULL")" 0 \
		"$s: no list column holds a NULL"
	is "$(listed "$D")" "$(stored "$D")" "$s: category list shows every category that is not deleted, in rank order"

	la --db "$D" category add Webinar --description "From the web seminar"
	is "$RC" 0 "$s: category add exits 0"
	is "$(sql "$D" "SELECT deleted || '|' || category_group || '|' || (rank = (SELECT max(rank) FROM category))
		FROM category WHERE name = 'Webinar'")" "0|2|1" \
		"$s: the new category is stored not deleted, in Potential customer, last"
	like "$(listed "$D")" "Webinar" "$s: and category list shows it"

	la --db "$D" add-defaults
	is "$RC" 0 "$s: add-defaults exits 0"
	for key in "lead" "marketing qualified lead (mql)" "opportunity" "lost opportunity"; do
		is "$(sql "$D" "SELECT count(*) FROM category WHERE la_name_key = '$key'")" 1 \
			"$s: after add-defaults there is one '$key', in any case"
	done
	is "$(sql "$D" "SELECT count(*) FROM category WHERE category_group = 2 AND enable_lead_status = 1 AND deleted = 0")" \
		"$(printf '%s\n' "$(listed "$D")" | grep -c -x -e Lead -e 'Marketing qualified lead (MQL)' -e Opportunity -e 'Lost opportunity' -e 'Trade fair')" \
		"$s: every lead category it stored is listed"
	n=$(audits "$D")
	la --db "$D" add-defaults
	is "$RC:$(audits "$D")" "0:$n" "$s: a second add-defaults exits 0 and changes nothing"

	la --db "$D" setup-check
	is "$RC" 0 "$s: setup-check says lead management is ready"

	la --db "$D" export "$TEST_TMP/$s.json"
	is "$RC" 0 "$s: export exits 0"
	sum=$(checksum "$D")
	n=$(audits "$D")
	la --db "$D" import "$TEST_TMP/$s.json"
	is "$RC" 0 "$s: its own export imports again"
	like "$OUT" "No changes: the lists are as the file says." "$s: and changes nothing"
	is "$(checksum "$D"):$(audits "$D")" "$sum:$n" "$s: not a byte, not an audit row"
	"$LEADADMIN_BIN" --db "$D" export "$TEST_TMP/$s.again.json"
	is "$(md5sum <"$TEST_TMP/$s.again.json")" "$(md5sum <"$TEST_TMP/$s.json")" \
		"$s: a second export is the first"
}

# into_new SHAPE: the export of the shape, imported with --replace into a
# new database, gives its lists: every item of the file as the file has
# it, in its order; the new database's own items that the file does not
# name are deleted. A second import changes nothing.
into_new() {
	s=$1
	N=$TEST_TMP/$s.new.db
	"$LEADADMIN_BIN" --db "$D" export "$TEST_TMP/$s.json"
	"$LEADADMIN_BIN" --db "$N" init >/dev/null
	la --db "$N" import "$TEST_TMP/$s.json" --replace --yes
	is "$RC" 0 "$s: its export imports into a new database"
	"$LEADADMIN_BIN" --db "$N" export "$TEST_TMP/$s.new.json"
	items "$TEST_TMP/$s.json" >"$TEST_TMP/want"
	is "$(items "$TEST_TMP/$s.new.json" | grep -x -F -f "$TEST_TMP/want")" "$(cat "$TEST_TMP/want")" \
		"$s: the new database has every item of the file, as the file has it, in its order"
	is "$(items "$TEST_TMP/$s.new.json" | grep -v -x -F -f "$TEST_TMP/want" | grep -c -v '"deleted": true}$')" 0 \
		"$s: its own items that the file does not name are deleted"
	n=$(audits "$N")
	la --db "$N" import "$TEST_TMP/$s.json" --replace
	like "$RC:$OUT" "0:No changes" "$s: a second import into it changes nothing"
	is "$(audits "$N")" "$n" "$s: and writes no audit row"
}

# ---- list columns without defaults, holding NULLs
upgrade_and_use null-deleted
like "$UPGRADE_OUT" "category: 2 items had an empty deleted column; it is set to 0." \
	"null-deleted: the upgrade says which NULLs it mended"
is "$(listed "$D" | head -3 | tr '\n' '|')" "Interessent|Kunde|Partner|" \
	"null-deleted: the rows whose deleted was NULL are listed (a NULL rank sorts first, as it did)"
is "$(sql "$D" "SELECT deleted FROM category WHERE name = 'Alt'")" 1 "null-deleted: the deleted row stays deleted"
# Legacy rows have no group: a new database takes only real ones.
la --db "$TEST_TMP/fresh.db" init
sum=$(checksum "$TEST_TMP/fresh.db")
la --db "$TEST_TMP/fresh.db" import "$TEST_TMP/null-deleted.json" --replace --yes
is "$RC" 1 "null-deleted: its export with groups not set is refused by a new database"
like "$ERR" "categories[1] 'Interessent': Choose a category group: only a category that has none already may stay without one" \
	"null-deleted: naming the first item without a group, and why"
is "$(checksum "$TEST_TMP/fresh.db")" "$sum" "null-deleted: the new database is unchanged"
for name in Interessent Kunde Partner; do
	"$LEADADMIN_BIN" --db "$D" category edit "$name" --group customer --yes >/dev/null
done
"$LEADADMIN_BIN" --db "$D" category restore Alt >/dev/null
"$LEADADMIN_BIN" --db "$D" category edit Alt --group lost --yes >/dev/null
"$LEADADMIN_BIN" --db "$D" category delete Alt --yes >/dev/null
is "$(sql "$D" 'SELECT count(*) FROM category WHERE category_group = 0')" 0 \
	"null-deleted: the admin gives every category a group"
into_new null-deleted

# ---- SuperOffice's own leadstatus table
upgrade_and_use leadstatus
like "$UPGRADE_OUT" "leadstatus: its 4 statuses are kept; 'New' is the default for new leads." \
	"leadstatus: the upgrade keeps the statuses and names the default"
is "$(sql "$D" "SELECT group_concat(name || ':' || is_default || deleted, ' ') FROM (SELECT * FROM leadstatus ORDER BY rank)")" \
	"Retired:01 New:10 Calling:00 Won:00" \
	"leadstatus: its statuses, and none of ours; the first one not deleted is the default"
is "$(sql "$D" 'SELECT group_concat(p, " ") FROM (SELECT person_id || ":" || coalesce(leadstatus_id, "-") AS p FROM person ORDER BY person_id)')" \
	"1:- 2:3 3:4 4:1" "leadstatus: every person keeps the status they had"
la --db "$D" lead-status list --format tsv
is "$(printf '%s\n' "$OUT" | sed 1d | cut -f3 | tr '\n' '|')" "New|Calling|Won|" "leadstatus: lead-status list shows them"
into_new leadstatus

# ---- categories in group Unknown
upgrade_and_use unknown-group
like "$(cat "$TEST_TMP/unknown-group.json")" '{"name": "Miscellaneous", "group": "unknown",' \
	"unknown-group: the export writes group unknown"
la --db "$D" category edit Miscellaneous --description "Sorted later"
is "$RC:$(sql "$D" "SELECT category_group || tooltip FROM category WHERE name = 'Miscellaneous'")" "0:0Sorted later" \
	"unknown-group: an item without a group can still be edited, and keeps none"
la --db "$D" category add Unsorted --group unknown
is "$RC" 2 "unknown-group: a new category without a group is refused"
like "$ERR" "unknown group 'unknown': use customer, potential-customer, partner, lost or other" \
	"unknown-group: naming the groups there are"
is "$(sql "$D" "SELECT count(*) FROM category WHERE name = 'Unsorted'")" 0 "unknown-group: and not stored"
"$LEADADMIN_BIN" --db "$D" export | sed 's/"description": "Sorted later"/"description": "Sorted by the file"/' \
	>"$TEST_TMP/ug-edit.json"
la --db "$D" import "$TEST_TMP/ug-edit.json"
is "$RC:$(sql "$D" "SELECT category_group || ':' || tooltip FROM category WHERE name = 'Miscellaneous'")" \
	"0:0:Sorted by the file" "unknown-group: an import takes group unknown back for the existing item"
like "$OUT" "update categories[2] 'Miscellaneous': description: Sorted later → Sorted by the file" \
	"unknown-group: and its plan names the change"
sql "$D" "SELECT name FROM category WHERE category_group = 0 AND deleted = 0" | while read -r name; do
	"$LEADADMIN_BIN" --db "$D" category edit "$name" --group other --yes >/dev/null
done
"$LEADADMIN_BIN" --db "$D" category restore Gone >/dev/null
"$LEADADMIN_BIN" --db "$D" category edit Gone --group lost --yes >/dev/null
"$LEADADMIN_BIN" --db "$D" category delete Gone --yes >/dev/null
is "$(sql "$D" 'SELECT count(*) FROM category WHERE category_group = 0')" 0 \
	"unknown-group: the admin gives every category a group"
into_new unknown-group

# ---- names that differ only in case
upgrade_and_use case-duplicates
like "$UPGRADE_OUT" "category: 'Kunde', 'KUNDE' are one name now" "case-duplicates: the upgrade names the first pair"
like "$UPGRADE_OUT" "category: 'Straße', 'STRASSE' are one name now" "case-duplicates: and the pair that folds alike in Unicode"
is "$(sql "$D" "SELECT count(*) FROM category WHERE name IN ('Kunde', 'KUNDE', 'Straße', 'STRASSE')")" 4 \
	"case-duplicates: all four are kept"
la --db "$D" setup-check
like "$OUT" "'Kunde' = 'KUNDE'" "case-duplicates: setup-check names them too"
la --db "$D" category edit KUNDE --description "The import of 2009"
is "$RC" 0 "case-duplicates: one of them can be edited"
is "$(sql "$D" "SELECT name || ':' || tooltip FROM category WHERE category_id IN (1, 2) ORDER BY 1" | tr '\n' '|')" \
	"KUNDE:The import of 2009|Kunde:Written by the web shop|" "case-duplicates: the edit went to the item of that exact name"
sum=$(checksum "$D")
la --db "$D" category edit kunde --description "Which one?"
is "$RC" 1 "case-duplicates: a name that is both twins but neither exactly is refused"
like "$ERR" "'kunde' names two items, 'Kunde' (id 1) and 'KUNDE' (id 2); say which with its exact name, id:1 or id:2" \
	"case-duplicates: naming both and how to say which"
is "$(checksum "$D")" "$sum" "case-duplicates: and nothing changed"
la --db "$D" category edit Kunde --name KUNDE --yes
is "$RC" 1 "case-duplicates: a rename onto the other is refused"
like "$ERR" "'KUNDE' (id 2)" "case-duplicates: naming the other item"
is "$(checksum "$D")" "$sum" "case-duplicates: and nothing changed"
# A new database has no twins to tell apart: the file's are refused there.
la --db "$TEST_TMP/fresh2.db" init
la --db "$TEST_TMP/fresh2.db" import "$TEST_TMP/case-duplicates.json"
is "$RC" 1 "case-duplicates: a new database refuses the file's twins"
# The import applies the file an item at a time and stops at the first
# item that breaks a rule: here the first twin, whose group is unknown.
like "$ERR" "categories[1] 'Kunde': Choose a category group" "case-duplicates: naming the first item refused"
la --db "$D" category edit KUNDE --name "Kunde (2009)" --yes
is "$RC" 0 "case-duplicates: a rename apart is taken"
la --db "$D" category edit STRASSE --name "Strasse (alt)"
la --db "$D" setup-check
unlike "$OUT" "one name" "case-duplicates: then setup-check has no twins to name"
for name in Kunde "Kunde (2009)" Straße "Strasse (alt)" Partner; do
	"$LEADADMIN_BIN" --db "$D" category edit "$name" --group customer --yes >/dev/null
done
into_new case-duplicates

# ---- Windows-1252 text
upgrade_and_use cp1252
is "$(sql "$D" "SELECT name || '|' || tooltip FROM category WHERE category_id = 1")" "Geschäftskunde|„Großkunden“ €" \
	"cp1252: names and descriptions are UTF-8 after the upgrade"
is "$(sql "$D" "SELECT c.name || '|' || p.firstname || ' ' || p.lastname FROM contact c JOIN person p USING (contact_id) WHERE p.person_id = 1")" \
	"Müller GmbH|Jürgen Müller" "cp1252: companies and persons too"
is "$(sql "$D" "SELECT hex(name) FROM category WHERE category_id = 3")" "$(printf 'Bäcker' | od -An -tx1 | tr -d ' \n' | tr a-f A-F)" \
	"cp1252: text that was UTF-8 already keeps its bytes"
is "$(sql "$D" "SELECT count(*) FROM audit WHERE action = 'convert-text'")" 5 "cp1252: each of the 5 conversions is in the change log"
is "$(sql "$D" "SELECT json_extract(old_value, '$.bytes') FROM audit WHERE action = 'convert-text' AND json_extract(new_value, '$.column') = 'tooltip'")" \
	"8447726FDF6B756E64656E932080" "cp1252: with the bytes it had"
like "$UPGRADE_OUT" "category 1: name was not UTF-8; read as Windows-1252 it is 'Geschäftskunde'." \
	"cp1252: the upgrade says what it converted"
la --db "$D" category list
like "$OUT" "„Großkunden“ €" "cp1252: category list shows the converted text"
for name in Geschäftskunde Partner Bäcker; do
	"$LEADADMIN_BIN" --db "$D" category edit "$name" --group customer --yes >/dev/null
done
into_new cp1252

finish
