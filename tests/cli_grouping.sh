#!/bin/sh
# User-group filtering and headings for Company – Category (issue 12, part
# 1): the switch, the headings list, visible-for, headings, the preview
# (list --as-group), setup-check's unreachable items, the rules, the
# rights and the change log, each change read back from the database; and
# the SuperOffice admin's flow of the issue, through export and import
# into a fresh database.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"
FRESH="$TEST_TMP/fresh.db"
FILE="$TEST_TMP/lists.json"
audits() { sql "${1:-$DB}" 'SELECT count(*) FROM audit'; }
links() {  # links CATEGORY: its user groups, by name, in rank order
	sql "${2:-$DB}" "SELECT group_concat(name, ',') FROM (SELECT g.name FROM category_group_link l
		JOIN usergroup g USING (usergroup_id) JOIN category c USING (category_id)
		WHERE c.name = '$1' ORDER BY g.rank) AS l"
}
filed() {  # filed CATEGORY: its headings, by name, in rank order
	sql "${2:-$DB}" "SELECT group_concat(name, ',') FROM (SELECT h.name FROM category_heading_link l
		JOIN heading h USING (heading_id) JOIN category c USING (category_id)
		WHERE c.name = '$1' ORDER BY h.rank) AS f"
}

la --db "$DB" init
is "$RC" 0 "init"
for t in heading category_heading_link category_group_link; do
	is "$(tables_named "$t")" 1 "the table $t is there"
done
is "$(sql "SELECT value FROM setting WHERE key = 'category.grouping'")" 0 "grouping is off in a new database"
la --db "$DB" category grouping
is "$RC:$OUT" "0:Grouping and user group filtering: off" "category grouping shows the switch"
la --db "$DB" usergroup add Sales
la --db "$DB" usergroup add Marketing

# ---------------------------------------------------------- the admin's flow
n=$(audits)
la --db "$DB" category grouping on
is "$RC" 0 "category grouping on"
is "$(sql "SELECT value FROM setting WHERE key = 'category.grouping'")" 1 "the switch is stored"
is "$(audits)" "$((n + 1))" "with one audit row"
is "$(sql "SELECT action || ':' || new_value FROM audit ORDER BY audit_id DESC LIMIT 1")" \
	'grouping:{"grouping": true}' "the row says what changed"
is "$(sql 'SELECT count(*) FROM category_group_link')" 8 "turning it on hides nothing: 4 items x 2 groups"
la --db "$DB" category grouping on
is "$RC:$(audits)" "0:$((n + 1))" "on again changes nothing and writes no row"
like "$OUT" "already on" "and says so"

for h in Inbound Outbound; do
	la --db "$DB" heading add "$h"
	is "$RC" 0 "heading add $h"
done
is "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM heading ORDER BY rank) AS h")" "Inbound,Outbound" \
	"the headings are stored in rank order"
n=$(audits)
la --db "$DB" category headings Lead Inbound
la --db "$DB" category headings "Marketing qualified lead (MQL)" Inbound
la --db "$DB" category headings Opportunity Outbound
la --db "$DB" category headings "Lost opportunity" Outbound
is "$RC" 0 "category headings"
like "$OUT" "filed under 1 heading" "it says how many"
is "$(audits)" "$((n + 4))" "one audit row per change"
is "$(filed Lead):$(filed Opportunity)" "Inbound:Outbound" "the links are stored"
la --db "$DB" category visible-for Opportunity Sales
is "$RC" 0 "category visible-for Opportunity Sales"
is "$(links Opportunity)" "Sales" "only Sales may see Opportunity"
is "$(sql "SELECT old_value || ' ' || new_value FROM audit ORDER BY audit_id DESC LIMIT 1")" \
	'{"user_groups":["Sales","Marketing"]} {"user_groups":["Sales"]}' "the audit row names the groups before and after"

la --db "$DB" category list --as-group Marketing
is "$RC" 0 "the preview as Marketing"
like "$OUT" "3 items" "Marketing sees three items"
unlike "$OUT" "  Opportunity" "not Opportunity"
is "$(printf '%s\n' "$OUT" | sed 1d)" "$(printf 'Inbound\n  Lead\n  Marketing qualified lead (MQL)\nOutbound\n  Lost opportunity')" \
	"grouped under its headings, in rank order"
la --db "$DB" category list --as-group Sales --format tsv
is "$OUT" "$(printf 'Inbound\tLead\nInbound\tMarketing qualified lead (MQL)\nOutbound\tOpportunity\nOutbound\tLost opportunity')" \
	"Sales sees all four (tsv: heading, item)"
MARKETING=$("$LEADADMIN_BIN" --db "$DB" category list --as-group Marketing)

# ----------------------------------------- export, import into a fresh one
la --db "$DB" export "$FILE"
is "$RC" 0 "export"
like "$(cat "$FILE")" '"category_grouping": true' "the export has the switch"
like "$(cat "$FILE")" '{"name": "Opportunity", "user_groups": ["Sales"], "headings": ["Outbound"]}' \
	"and each item's groups and headings"
"$LEADADMIN_BIN" --db "$FRESH" init >/dev/null 2>&1
la --db "$FRESH" import "$FILE" --dry-run
is "$RC" 0 "a dry run of the import"
like "$OUT" "turn grouping and user group filtering on" "its plan turns grouping on"
like "$OUT" "set the user groups of categories[3] 'Opportunity'" "and sets Opportunity's groups"
is "$(sql "$FRESH" 'SELECT count(*) FROM category_group_link'):$(sql "$FRESH" "SELECT value FROM setting WHERE key = 'category.grouping'")" \
	"0:0" "the dry run changed nothing"
la --db "$FRESH" import "$FILE"
is "$RC" 0 "import into a fresh database"
is "$(links Opportunity "$FRESH"):$(links Lead "$FRESH"):$(filed 'Lost opportunity' "$FRESH")" \
	"Sales:Sales,Marketing:Outbound" "the links came across"
la --db "$FRESH" category list --as-group Marketing
is "$OUT" "$MARKETING" "the preview as Marketing is the same"
la --db "$FRESH" export
is "$OUT" "$(cat "$FILE")" "and so is the export"
# A file of an older program has neither member: it imports, and changes
# no link.
OLD="$TEST_TMP/old.json"
sed -n '/"category_grouping"/q;p' "$FILE" | sed '$ s/,$//' > "$OLD"
echo '}' >> "$OLD"
sum=$(checksum "$FRESH")
la --db "$FRESH" import "$OLD"
is "$RC:$(checksum "$FRESH")" "0:$sum" "a file without grouping imports and changes nothing"
# A name that is not there is refused, naming the place.
sed 's/"headings": \["Outbound"\]}/"headings": ["Nowhere"]}/' "$FILE" > "$TEST_TMP/bad.json"
la --db "$FRESH" import "$TEST_TMP/bad.json"
is "$RC" 1 "a heading that is not there is refused"
like "$ERR" "category_links[3] 'Opportunity': there is no headings 'Nowhere'" "naming where"
is "$(checksum "$FRESH")" "$sum" "and nothing changed"

# ---------------------------------------------------------------- the rules
# Several headings; none; all groups.
la --db "$DB" category headings Lead Outbound,Inbound
is "$(filed Lead)" "Inbound,Outbound" "an item may be under several headings"
la --db "$DB" category list --as-group Sales --format tsv
is "$(printf '%s\n' "$OUT" | grep -c 'Lead$')" 2 "and shows under each"
la --db "$DB" category headings Lead none
is "$RC:$(filed Lead)" "0:" "none takes it out of every heading"
la --db "$DB" category list --as-group Sales
like "$OUT" "(no heading)" "an item under no heading shows after the headings"
la --db "$DB" category visible-for Opportunity all
is "$(links Opportunity)" "Sales,Marketing" "all: every user group"

# Deleting a heading or a user group deletes no item.
items=$(sql 'SELECT count(*) FROM category WHERE deleted = 0')
la --db "$DB" heading delete Outbound
is "$RC" 0 "heading delete"
is "$(sql 'SELECT count(*) FROM category WHERE deleted = 0'):$(filed Opportunity)" "$items:Outbound" \
	"no item is deleted, and the links stay"
la --db "$DB" category list --as-group Sales
unlike "$OUT" "Outbound" "a deleted heading is not shown"
like "$OUT" "  Opportunity" "its items still are"
la --db "$DB" heading restore Outbound
la --db "$DB" category list --as-group Sales
like "$OUT" "Outbound" "restoring it brings it back with its items"

la --db "$DB" category visible-for Opportunity Sales
la --db "$DB" setup-check
unlike "$OUT" "Unreachable" "nothing is unreachable while Sales sees Opportunity"
la --db "$DB" usergroup delete Sales
is "$RC:$(sql 'SELECT count(*) FROM category WHERE deleted = 0')" "0:$items" "deleting a user group deletes no item"
is "$(links Opportunity)" "Sales" "and its links stay"
la --db "$DB" setup-check
like "$OUT" "Unreachable: Company – Category: no user group may see 'Opportunity'" \
	"setup-check reports the item no group may see"
la --db "$DB" category visible-for Lead none
la --db "$DB" setup-check
like "$OUT" "'Lead', 'Opportunity'" "every unreachable item, in rank order"
la --db "$DB" category grouping off
la --db "$DB" setup-check
unlike "$OUT" "Unreachable" "with filtering off nothing is unreachable"
la --db "$DB" category list --as-group Marketing
like "$OUT" "Grouping is off" "the preview says grouping is off"
like "$OUT" "Opportunity" "and shows every item"
is "$(links Opportunity)" "Sales" "turning it off keeps the links"

# Contact – Lead status has no grouping.
la --db "$DB" lead-status grouping on
is "$RC" 2 "lead-status has no grouping"
la --db "$DB" lead-status list --as-group Sales
is "$RC" 2 "nor a preview"
la --db "$DB" lead-status visible-for Open Sales
is "$RC" 2 "nor visible-for"

# Usage errors.
la --db "$DB" category grouping maybe
is "$RC" 2 "grouping takes on or off"
la --db "$DB" category visible-for Lead
is "$RC" 2 "visible-for needs groups"
la --db "$DB" category headings Lead Nowhere
is "$RC" 1 "a heading that is not there is refused"
la --db "$DB" category visible-for Nothing Marketing
is "$RC" 1 "an item that is not there is refused"

# ---------------------------------------------------------------- rule 9
DB2="$TEST_TMP/two.db"
"$LEADADMIN_BIN" --db "$DB2" init >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" usergroup add Sales >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" user add boss --role general-admin >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" user set-role "$ME" list-admin >/dev/null 2>&1
la --db "$DB2" category grouping on
is "$RC" 0 "a List administrator may turn grouping on"
la --db "$DB2" heading add Inbound
is "$RC" 0 "and add headings"
DB2="$TEST_TMP/three.db"
"$LEADADMIN_BIN" --db "$DB2" init >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" usergroup add Sales >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" heading add Inbound >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" user add boss --role general-admin >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" user set-role "$ME" user >/dev/null 2>&1
is "$(sql "$DB2" "SELECT role FROM associate WHERE name = '$ME'")" 0 "$ME is a plain user"
sum=$(checksum "$DB2")
n=$(audits "$DB2")
for cmd in "category grouping on" "category visible-for Lead Sales" "category headings Lead Inbound" \
	"heading add Outbound"; do
	# shellcheck disable=SC2086
	la --db "$DB2" $cmd
	is "$RC" 1 "a plain user may not: $cmd"
done
like "$ERR" "boss" "the refusal names who can grant it"
is "$(checksum "$DB2"):$(audits "$DB2")" "$sum:$n" "nothing changed, no audit row"

# German.
la --db "$DB" --lang de category grouping
is "$OUT" "Gruppierung und Benutzergruppenfilterung: aus" "German: the switch"
la --db "$DB" --lang de category list --as-group Marketing
like "$OUT" "Gruppierung ist aus" "German: the preview"

finish
