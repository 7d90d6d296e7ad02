#!/bin/sh
# A database made before lead management (no category_group,
# enable_lead_status, leadstatus) is upgraded in place by the first command
# that opens it: data kept, the lead status list added, the four lead
# categories NOT added; add-defaults adds them on request.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

LEGACY="$TEST_TMP/legacy.db"
ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"

# The legacy schema and some data, as SQL (what an old CRM database holds).
"$SQLITE3" -batch "$LEGACY" <<'EOF'
CREATE TABLE associate (
	associate_id INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	deleted      INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE category (
	category_id INTEGER PRIMARY KEY,
	name        TEXT NOT NULL,
	rank        INTEGER NOT NULL DEFAULT 0,
	tooltip     TEXT NOT NULL DEFAULT '',
	deleted     INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE contact (
	contact_id   INTEGER PRIMARY KEY,
	name         TEXT NOT NULL,
	category_idx INTEGER REFERENCES category (category_id),
	associate_id INTEGER REFERENCES associate (associate_id)
);
CREATE TABLE person (
	person_id    INTEGER PRIMARY KEY,
	contact_id   INTEGER REFERENCES contact (contact_id),
	firstname    TEXT NOT NULL DEFAULT '',
	lastname     TEXT NOT NULL DEFAULT '',
	associate_id INTEGER REFERENCES associate (associate_id)
);
INSERT INTO associate VALUES (1, 'erika', 0), (2, 'olaf', 1);
INSERT INTO category VALUES
	(1, 'Kunde', 1, 'Zahlt uns', 0),
	(2, 'Interessent', 2, '', 0),
	(3, 'Lieferant', 3, 'Liefert uns', 0),
	(4, 'Alt', 4, '', 1);
INSERT INTO contact VALUES
	(1, 'ACME GmbH', 1, 1), (2, 'Globex AG', 2, 1), (3, 'Initech KG', 2, 2),
	(4, 'Umbrella', 3, NULL), (5, 'Stark', 4, 1), (6, 'Wayne', NULL, NULL);
INSERT INTO person VALUES
	(1, 1, 'Anna', 'Berg', 1), (2, 2, 'Bernd', 'Roth', 1), (3, 3, 'Cem', 'Yildiz', 2),
	(4, 3, 'Dora', 'Stein', NULL), (5, 4, 'Emil', 'Kraft', 1), (6, 5, 'Frida', 'Lang', NULL),
	(7, 6, 'Gus', 'Ohne', NULL);
EOF
is "$?" 0 "the legacy database is built from SQL"
is "$(sql "$LEGACY" "SELECT count(*) FROM sqlite_master WHERE name = 'leadstatus'")" 0 "it has no leadstatus table"

data() {
	sql "$1" 'SELECT category_id, name, rank, tooltip, deleted FROM category WHERE category_id <= 4 ORDER BY 1;
		SELECT contact_id, name, category_idx, associate_id FROM contact ORDER BY 1;
		SELECT person_id, contact_id, firstname, lastname, associate_id FROM person ORDER BY 1;
		SELECT associate_id, name FROM associate WHERE associate_id <= 2 ORDER BY 1' | md5sum
}
counts() {
	sql "$1" "SELECT (SELECT count(*) FROM category) || '|' || (SELECT count(*) FROM contact) || '|' || (SELECT count(*) FROM person)"
}
before_data=$(data "$LEGACY")
before_counts=$(counts "$LEGACY")

# Reading never writes: an older database is upgraded only when asked.
sum=$(md5sum <"$LEGACY")
la --db "$LEGACY" category list
is "$RC" 3 "category list on a database that needs an upgrade exits 3"
like "$ERR" "was made before lead management; upgrade it with: leadadmin --db $LEGACY upgrade" \
	"and says what to run"
is "$(md5sum <"$LEGACY")" "$sum" "the file is byte for byte as it was"
ok "$([ ! -e "$LEGACY-wal" ] && [ ! -e "$LEGACY.v0-backup" ]; echo $?)" "no file was made beside it"
la --db "$LEGACY" upgrade --dry-run
is "$RC" 0 "upgrade --dry-run exits 0"
like "$OUT" "Dry run: upgrading $LEGACY would do this; nothing was changed:" "and says it changed nothing"
like "$OUT" "category: added the columns category_group, enable_lead_status" "it names the columns it would add"
is "$(md5sum <"$LEGACY")" "$sum" "the dry run left the file byte for byte as it was"
la --db "$LEGACY" upgrade
is "$RC" 0 "upgrade exits 0"
like "$OUT" "Upgraded $LEGACY:" "it says it upgraded"
like "$OUT" "You ($ME) are its General administrator: it had none." "and who is its General administrator now"
like "$OUT" "The old file is kept as $LEGACY.v0-backup." "and where the copy is"
la --db "$LEGACY" upgrade
like "$RC:$OUT" "0:$LEGACY is up to date" "a second upgrade has nothing to do"

la --db "$LEGACY" category list --format tsv
is "$RC" 0 "category list on the legacy database exits 0"
is "$ERR" "" "and prints nothing on stderr"
is "$(printf '%s\n' "$OUT" | sed 1d | cut -f3 | tr '\n' '|')" "Kunde|Interessent|Lieferant|" \
	"it lists the legacy categories (not the deleted one) in rank order"
is "$(printf '%s\n' "$OUT" | awk -F'\t' '$3 == "Interessent" { print $4 "|" $5 "|" $6 "|" $7 }')" "unknown|0|2|3" \
	"a legacy category: group Unknown, no lead status, its companies and contacts counted"
is "$(sql "$LEGACY" 'PRAGMA user_version')" 11 "the database is upgraded to the current schema version (11)"
is "$(counts "$LEGACY")" "$before_counts" "categories, companies and persons are all kept"
is "$(data "$LEGACY")" "$before_data" "the legacy data is unchanged"
is "$(sql "$LEGACY" 'SELECT count(*) FROM leadstatus')" 5 "the lead status list arrived with 5 statuses"
is "$(sql "$LEGACY" 'SELECT group_concat(name) FROM leadstatus WHERE is_default = 1')" Open "Open is its default"
is "$(sql "$LEGACY" 'SELECT group_concat(name, "|") FROM (SELECT name FROM leadstatus ORDER BY rank)')" \
	"Open|Contacting|Qualified|Disqualified|Re-nurture" "the statuses in the documented order"
is "$(sql "$LEGACY" "SELECT count(*) FROM pragma_table_info('category') WHERE name IN ('category_group', 'enable_lead_status', 'registered', 'updatedCount')")" 4 \
	"category has the new columns"
is "$(sql "$LEGACY" "SELECT count(*) FROM pragma_table_info('person') WHERE name = 'leadstatus_id'")" 1 \
	"person has leadstatus_id"
is "$(sql "$LEGACY" 'SELECT count(*) FROM category WHERE category_group <> 0 OR enable_lead_status <> 0')" 0 \
	"legacy categories get group Unknown and no lead status"
is "$(sql "$LEGACY" 'SELECT count(*) FROM person WHERE leadstatus_id IS NOT NULL')" 0 \
	"no person got a lead status (no category uses lead status)"
for name in "Lead" "Marketing qualified lead (MQL)" "Opportunity" "Lost opportunity"; do
	is "$(sql "$LEGACY" "SELECT count(*) FROM category WHERE name = '$name'")" 0 "the upgrade did not add '$name'"
done
is "$(sql "$LEGACY" "SELECT role FROM associate WHERE name = '$ME' AND deleted = 0")" 2 \
	"the login that upgraded it ($ME) is its General administrator"
is "$(sql "$LEGACY" "SELECT group_concat(role) FROM associate WHERE name IN ('erika', 'olaf')")" "0,0" \
	"the legacy users are plain users"

sum=$(checksum "$LEGACY")
la --db "$LEGACY" lead-status list
is "$RC" 0 "a second command on the upgraded database exits 0"
is "$(checksum "$LEGACY")" "$sum" "opening it again changes nothing"

la --db "$LEGACY" setup-check
is "$RC" 1 "setup-check exits 1: no category has lead status yet"
like "$OUT" "1. [missing]" "step 1 is missing"

la --db "$LEGACY" add-defaults
is "$RC" 0 "add-defaults exits 0"
for name in "Lead" "Marketing qualified lead (MQL)" "Opportunity" "Lost opportunity"; do
	like "$OUT" "'$name'" "add-defaults reports that it added '$name'"
	is "$(sql "$LEGACY" "SELECT category_group || '|' || enable_lead_status || '|' || deleted FROM category WHERE name = '$name'")" "2|1|0" \
		"'$name' is stored in group 2 with lead status"
done
is "$(sql "$LEGACY" "SELECT min(rank) > 4 FROM category WHERE category_group = 2")" 1 "they go after the existing categories"
is "$(data "$LEGACY")" "$before_data" "the legacy data is still unchanged"
la --db "$LEGACY" category list --format tsv
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l | tr -d ' ')" 7 "category list shows 3 legacy and 4 lead categories"
la --db "$LEGACY" setup-check
is "$RC" 0 "setup-check exits 0 now"

sum=$(checksum "$LEGACY")
n=$(sql "$LEGACY" 'SELECT count(*) FROM audit')
la --db "$LEGACY" add-defaults
is "$RC" 0 "a second add-defaults exits 0"
like "$OUT" "nothing was added" "and says nothing was added"
unlike "$OUT" "Added" "it names no added category"
is "$(sql "$LEGACY" 'SELECT count(*) FROM category')" 8 "no category was added"
is "$(checksum "$LEGACY")" "$sum" "the database is unchanged"
is "$(sql "$LEGACY" 'SELECT count(*) FROM audit')" "$n" "no audit row"

# add-defaults compares names case-insensitively, deleted items included.
LEGACY2="$TEST_TMP/legacy2.db"
"$SQLITE3" -batch "$LEGACY2" <<'EOF'
CREATE TABLE associate (associate_id INTEGER PRIMARY KEY, name TEXT NOT NULL);
CREATE TABLE category (category_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
	rank INTEGER NOT NULL DEFAULT 0, tooltip TEXT NOT NULL DEFAULT '',
	deleted INTEGER NOT NULL DEFAULT 0);
CREATE TABLE contact (contact_id INTEGER PRIMARY KEY, name TEXT NOT NULL,
	category_idx INTEGER REFERENCES category (category_id));
CREATE TABLE person (person_id INTEGER PRIMARY KEY,
	contact_id INTEGER REFERENCES contact (contact_id),
	firstname TEXT NOT NULL DEFAULT '', lastname TEXT NOT NULL DEFAULT '');
INSERT INTO category VALUES (1, 'LEAD', 1, 'ours', 0), (2, 'opportunity', 2, '', 1);
INSERT INTO contact VALUES (1, 'ACME', 1);
INSERT INTO person VALUES (1, 1, 'Ann', 'A');
EOF
la --db "$LEGACY2" upgrade
la --db "$LEGACY2" add-defaults
is "$RC" 0 "add-defaults on a second legacy database exits 0"
is "$(sql "$LEGACY2" 'SELECT count(*) FROM category')" 4 "it adds only the two missing categories"
unlike "$OUT" "Added category 'Lead'" "an existing 'LEAD' counts as Lead"
like "$OUT" "Not added 'Lead': the category 'LEAD' (id 1) has that name and is in the group (not set)." \
	"and add-defaults says why it did not add Lead"
unlike "$OUT" "Added category 'Opportunity'" "a deleted 'opportunity' counts as Opportunity"
like "$OUT" "Not added 'Opportunity': the category 'opportunity' (id 2) has that name and is deleted." \
	"and add-defaults says why it did not add Opportunity"
like "$OUT" "leadadmin category restore --id 2 && leadadmin category edit --id 2 --group potential-customer --lead-status" \
	"and how to make it a lead category"
is "$(sql "$LEGACY2" "SELECT tooltip || '|' || category_group || '|' || deleted FROM category WHERE category_id IN (1, 2) ORDER BY category_id" | tr '\n' ' ')" \
	"ours|0|0 |0|1 " "the existing items are left as they were"

# The shared fixture, when another test has provided one: it upgrades too.
FIXTURE="$top_srcdir/tests/fixtures/legacy.sql"
if [ -s "$FIXTURE" ]; then
	FIX="$TEST_TMP/fixture.db"
	"$SQLITE3" -batch "$FIX" <"$FIXTURE" 2>/dev/null
	c=$(counts "$FIX" 2>/dev/null)
	la --db "$FIX" upgrade
	is "$RC:$(sql "$FIX" 'PRAGMA user_version'):$(sql "$FIX" 'SELECT count(*) FROM leadstatus')" "0:11:5" \
		"tests/fixtures/legacy.sql upgrades: exit 0, version 11, 5 statuses"
	is "$(counts "$FIX")" "$c" "tests/fixtures/legacy.sql keeps its data"
else
	ok 0 "tests/fixtures/legacy.sql upgrades # SKIP the fixture is empty"
	ok 0 "tests/fixtures/legacy.sql keeps its data # SKIP the fixture is empty"
fi

finish
