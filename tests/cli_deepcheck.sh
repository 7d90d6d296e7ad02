#!/bin/sh
# setup-check --deep: each defect is made with sqlite3 (psql on a server) on a fresh database;
# the check names it with its count and the command that fixes it, exits
# 1, and after that command (where one exists) the finding is gone. The
# demo database is clean.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

CLEAN="Deep check: no frozen lead statuses, no lead status outside Potential customer, no rule that names a deleted item, no category that nobody may see, no person whose company is not there, no company in a deleted category, no deleted user group for Distribute to owner."
fresh() {  # fresh: a new demo database in $DB
	db_remove
	la --db "$DB" init --demo
}
deep() {  # deep: the findings of setup-check --deep (from the counts' line on)
	la --db "$DB" setup-check --deep
	FOUND=$(printf '%s\n' "$OUT" | sed -n '/^Deep check: the kept counts/,$p' | sed 1d)
}
fk_off() {  # fk_off TABLE: SQL after which another program writes TABLE past its foreign keys
	if on_server; then
		# A server has no switch for that: the program drops the key.
		[ "$1" != person ] || echo "ALTER TABLE person DROP CONSTRAINT IF EXISTS person_contact_id_fkey;"
	else
		echo "PRAGMA foreign_keys = OFF;"
	fi
}
runfix() {  # runfix N [OTHER [STATUS] [--yes]]: runs the Nth printed fix as the shell reads it
	FIX=$(printf '%s\n' "$FOUND" | sed -n 's/^   Fix: leadadmin //p' | sed -n "${1}p" |
		sed "s/OTHER/${2:-OTHER}/; s/STATUS/${3:-STATUS}/")
	# An option given here goes before the comment that names the item.
	eval "la --db \"\$DB\" ${FIX%%  # *} ${4:-} ${FIX#"${FIX%%  # *}"}"
}

# ---------------------------------------------------------- the demo is clean
fresh
deep
is "$RC" 0 "the demo database: setup-check --deep exits 0"
is "$FOUND" "$CLEAN" "the demo database: nothing found"
la --db "$DB" --lang de setup-check --deep
is "$RC" 0 "the demo database in German: exit 0"
like "$OUT" "Tiefe Prüfung: keine eingefrorenen Lead-Status" "the demo database in German: the German clean line"

# ---------------------------------------------------------- frozen lead status
fresh
la --db "$DB" category edit 'Lost opportunity' --no-lead-status --yes
is "$RC" 0 "turning Lost opportunity's lead status off"
n=$(sql "SELECT count(*) FROM person p JOIN contact k USING (contact_id) JOIN category c ON c.category_id = k.category_idx
	WHERE c.name = 'Lost opportunity' AND p.leadstatus_id IS NOT NULL")
[ "$n" -gt 0 ]; ok $? "Lost opportunity's contacts keep their status ($n)"
deep
is "$RC" 1 "frozen lead status: exit 1"
is "$FOUND" "Finding: Contacts whose lead status is frozen because their category no longer uses lead status: $n.
   Fix: leadadmin category edit --id 4 --group potential-customer --lead-status  # Lost opportunity" \
	"frozen lead status: the finding, its count and its fix (by id, without --yes)"
runfix 1
is "$RC" 0 "the fix runs (every contact has a status: nothing to ask)"
is "$(sql "SELECT enable_lead_status FROM category WHERE name = 'Lost opportunity'")" 1 "lead status is on again"
deep
is "$RC:$FOUND" "0:$CLEAN" "frozen lead status: gone after the fix"
# Frozen statuses the admin chose (delete --move-to a category without
# lead status, rule 7): the printed fix would make Partner a lead
# category and give its contacts the default status, so it asks first.
fresh
la --db "$DB" category delete 'Lost opportunity' --move-to Partner --yes
is "$RC" 0 "Lost opportunity's companies move to Partner"
deep
like "$FOUND" "   Fix: leadadmin category edit --id 6 --group potential-customer --lead-status  # Partner" \
	"the frozen statuses in Partner: the fix names Partner by id, without --yes"
before=$(checksum "$DB")
runfix 1
is "$RC" 1 "the fix as printed asks before it makes Partner a lead category"
is "$(checksum "$DB")" "$before" "and changes nothing"
# A deleted category's frozen statuses are not this finding: its fix
# (category edit) is refused for a deleted category; the companies of
# deleted categories finding moves them.
fresh
sql "UPDATE category SET enable_lead_status = 0, deleted = 1 WHERE name = 'Opportunity'"
deep
unlike "$FOUND" "Contacts whose lead status is frozen" "a deleted category's statuses are not reported as frozen"
like "$FOUND" "   Fix: leadadmin category delete --id 3 --move-to OTHER  # Opportunity" "its companies are"
runfix 1 Lead
is "$RC" 0 "that fix runs"
deep
is "$RC:$FOUND" "0:$CLEAN" "and nothing is left"
# Twin names: a live category with the deleted one's name. The fix names
# the deleted one by id and leaves the live twin alone.
fresh
twin="UPDATE category SET deleted = 1 WHERE category_id = 4;
	INSERT INTO category (name, rank, category_group, enable_lead_status, deleted) VALUES ('Lost opportunity', 7, 2, 1, 0)"
if on_server; then
	# Rule 2 is the server's unique key there: no twin can be written.
	sql "$twin$(keys_filled category)" 2>"$TEST_TMP/sql.err"
	is "$?" 1 "on a server, another program's twin name is refused"
	like "$(cat "$TEST_TMP/sql.err")" "category_name_key" "by rule 2's unique key"
else
	sql "$twin"
	deep
	is "$FOUND" "Finding: Companies of deleted categories: $(sql "SELECT count(*) FROM contact WHERE category_idx = 4").
   Fix: leadadmin category delete --id 4 --move-to OTHER  # Lost opportunity" "twin names: the fix names the deleted one by id"
	runfix 1 Lead
	is "$RC" 0 "the fix runs"
	is "$(sql "SELECT deleted FROM category WHERE category_id = 7")" 0 "the live twin is not deleted"
	is "$(sql "SELECT count(*) FROM contact WHERE category_idx = 4")" 0 "the deleted one's companies moved"
	deep
	is "$RC:$FOUND" "0:$CLEAN" "twin names: gone after the fix"
fi
# Names that start with '-' or hold a newline or shell words: the id
# names the item, the comment shows the name on one line.
fresh
sql "UPDATE category SET name = '--id', enable_lead_status = 0 WHERE category_id = 3;
	UPDATE category SET name = 'Lost' || $(chr)(10) || 'opp \$(touch $TEST_TMP/ran)', deleted = 1 WHERE category_id = 4$(keys_filled category)"
deep
like "$FOUND" "   Fix: leadadmin category edit --id 3 --group potential-customer --lead-status  # --id" "a name that starts with '-'"
like "$FOUND" "   Fix: leadadmin category delete --id 4 --move-to OTHER  # Lost?opp \$(touch $TEST_TMP/ran)" \
	"a name with a newline: one line, the newline as '?'"
runfix 2 Lead
is "$RC" 0 "the fix runs"
[ ! -e "$TEST_TMP/ran" ]; ok $? "the name in the comment runs nothing"
runfix 1 OTHER STATUS --yes
is "$RC" 0 "the fix for '--id' runs"
is "$(sql "SELECT enable_lead_status FROM category WHERE category_id = 3")" 1 "and changes the category named '--id'"

# ------------------------------------- lead status outside Potential customer
# Only a legacy table lacks the CHECK that forbids it: SuperOffice's own
# lead management, upgraded.
if on_server; then
	# The server's schema has that CHECK: no database there can hold it.
	fresh
	sql "UPDATE category SET enable_lead_status = 1 WHERE name = 'Customer'" 2>"$TEST_TMP/sql.err"
	is "$?" 1 "on a server, lead status on a Customer category is refused"
	like "$(cat "$TEST_TMP/sql.err")" "category_lead_status_group" "by the schema's CHECK"
else
	legacy() {  # legacy [SQL]: the legacy fixture with Customer lead-enabled, upgraded
		rm -f "$DB" "$DB-wal" "$DB-shm"
		sql "$DB" ".read $top_srcdir/tests/fixtures/legacy-leadstatus.sql"
		sql "UPDATE category SET enable_lead_status = 1 WHERE name = 'Customer'; ${1:-}"
		la --db "$DB" upgrade
	}
	legacy
	is "$RC" 0 "a legacy database with lead status on a Customer category is upgraded"
	deep
	is "$RC" 1 "lead status outside Potential customer: exit 1"
	is "$FOUND" "Finding: Categories with lead status outside the group Potential customer (legacy data): 1.
   Fix: leadadmin category edit --id 1 --no-lead-status  # Customer" \
		"lead status outside Potential customer: the finding, its count, its fix (no contact has a status)"
	runfix 1
	[ "$RC" -le 1 ]; ok $? "the fix as printed runs or asks first (rc $RC)"
	[ "$RC" = 0 ] || runfix 1 OTHER STATUS --yes
	is "$RC" 0 "the fix runs"
	is "$(sql "SELECT category_group, enable_lead_status FROM category WHERE name = 'Customer'")" "1|0" \
		"Customer keeps its group, lead status is off"
	deep
	is "$RC:$FOUND" "0:$CLEAN" "lead status outside Potential customer: gone after the fix"
	legacy "UPDATE person SET leadstatus_id = 2 WHERE firstname = 'Ann'"
	deep
	is "$FOUND" "Finding: Categories with lead status outside the group Potential customer (legacy data): 1.
   Fix: leadadmin category edit --id 1 --group potential-customer  # Customer" \
		"with a contact that has a status, the fix keeps the status alive (Potential customer)"
	runfix 1
	[ "$RC" -le 1 ]; ok $? "the fix as printed runs or asks first (rc $RC)"
	[ "$RC" = 0 ] || runfix 1 OTHER STATUS --yes
	is "$RC" 0 "the fix runs"
	is "$(sql "SELECT category_group, enable_lead_status FROM category WHERE name = 'Customer'")" "2|1" \
		"Customer is a Potential customer with lead status"
	deep
	is "$RC:$FOUND" "0:$CLEAN" "gone after the fix, and no frozen status instead"
fi

# ---------------------------------------------- rules that name deleted items
# A save judges only the rule it changes for deleted items, so each fix
# runs while other rules are still broken.
rule() {  # rule TRIGGER SQL: a fresh database whose rule TRIGGER SQL breaks
	fresh
	la --db "$DB" automation set sale-sold --category Opportunity
	la --db "$DB" automation set lead-status --category Opportunity --status Qualified
	la --db "$DB" automation set sale-lost --category Opportunity
	la --db "$DB" automation set sale-lost off
	sql "UPDATE automated_category_update SET default_category = NULL, leadstatus_id = NULL, enabled = 0
		WHERE trigger_type <> $1; $2"
}
rule 2 "UPDATE category SET deleted = 1 WHERE name = 'Opportunity'"
deep
is "$RC" 1 "a rule naming a deleted category: exit 1"
like "$FOUND" "Finding: Lead categorization rules that name a deleted item: 1.
   Fix: leadadmin automation set sale-sold --category OTHER" "a rule naming a deleted category: count and fix"
la --db "$DB" automation set sale-sold --category Lead
is "$RC" 0 "the fix runs (OTHER: Lead)"
is "$(sql "SELECT enabled || ':' || c.name FROM automated_category_update a JOIN category c ON c.category_id = a.default_category
	WHERE trigger_type = 2")" "1:Lead" "sale-sold is on and names Lead"
deep
unlike "$FOUND" "Lead categorization rules" "gone after the fix"
rule 3 "UPDATE category SET deleted = 1 WHERE name = 'Opportunity'"
deep
like "$FOUND" "Finding: Lead categorization rules that name a deleted item: 1.
   Fix: leadadmin automation set sale-lost off --category OTHER" \
	"a rule that is off and names a deleted category: the fix keeps it off"
runfix 1 Lead
is "$RC" 0 "the fix runs"
is "$(sql "SELECT enabled || ':' || default_category FROM automated_category_update WHERE trigger_type = 3")" "0:1" \
	"sale-lost is off and names Lead"
deep
unlike "$FOUND" "Lead categorization rules" "gone after the fix"
rule 4 "UPDATE leadstatus SET deleted = 1 WHERE name = 'Qualified'"
deep
is "$FOUND" "Finding: Lead categorization rules that name a deleted item: 1.
   Fix: leadadmin automation set lead-status --status STATUS" "the lead-status rule naming a deleted status: count and fix"
la --db "$DB" automation set lead-status --status Contacting
is "$RC" 0 "the fix runs (STATUS: Contacting)"
deep
is "$RC:$FOUND" "0:$CLEAN" "gone after the fix"
rule 4 "UPDATE leadstatus SET deleted = 1 WHERE name = 'Qualified'; UPDATE category SET deleted = 1 WHERE name = 'Opportunity'"
deep
like "$FOUND" "   Fix: leadadmin automation set lead-status --category OTHER --status STATUS" \
	"a rule naming a deleted category and a deleted status: the fix names both"

# Two broken rules, one on and one off: each fix runs while the other is
# still broken, in either order, and then nothing is found.
fresh
la --db "$DB" automation set sale-sold --category Opportunity
la --db "$DB" automation set sale-lost --category Opportunity
la --db "$DB" automation set sale-lost off
sql "UPDATE category SET deleted = 1 WHERE name = 'Opportunity'"
deep
like "$FOUND" "Finding: Lead categorization rules that name a deleted item: 2.
   Fix: leadadmin automation set sale-sold --category OTHER
   Fix: leadadmin automation set sale-lost off --category OTHER" \
	"two broken rules: count and both fixes"
runfix 2 Lead
is "$RC" 0 "the off rule's fix runs while sale-sold names a deleted category"
is "$(sql "SELECT enabled FROM automated_category_update WHERE trigger_type = 3")" 0 "and leaves it off"
la --db "$DB" automation set sale-sold --category Lead
is "$RC" 0 "then sale-sold's fix runs"
is "$(sql "SELECT group_concat(x, ' ') FROM (SELECT trigger_type || ':' || enabled || ':' || c.name AS x
	FROM automated_category_update a JOIN category c ON c.category_id = a.default_category
	WHERE trigger_type IN (2, 3) ORDER BY trigger_type) AS r")" \
	"2:1:Lead 3:0:Lead" "both rules name Lead; sale-lost is off"
deep
unlike "$FOUND" "Lead categorization rules" "two broken rules: gone after both fixes"
# Another rule's change is not refused because an unchanged rule that is
# off names a deleted item; the changed rule itself still is.
fresh
la --db "$DB" automation set sale-lost --category Opportunity
la --db "$DB" automation set sale-lost off
sql "UPDATE category SET deleted = 1 WHERE name = 'Opportunity'"
la --db "$DB" automation set sale-sold --category Lead
is "$RC" 0 "an off rule naming a deleted category does not block another rule"
la --db "$DB" automation set sale-lost --confirm on
is "$RC" 1 "changing the rule that names a deleted category is refused"
like "$ERR" "the category to set must be a category that is not deleted" "with the reason"
is "$(sql "SELECT enabled || '' || user_confirmation FROM automated_category_update WHERE trigger_type = 3")" "00" "it stays as it was"

# ---------------------------------------------- companies of deleted categories
fresh
n=$(sql "SELECT count(*) FROM contact k JOIN category c ON c.category_id = k.category_idx WHERE c.name = 'Lost opportunity'")
sql "UPDATE category SET deleted = 1 WHERE name = 'Lost opportunity'"
deep
is "$RC" 1 "companies of a deleted category: exit 1"
is "$FOUND" "Finding: Companies of deleted categories: $n.
   Fix: leadadmin category delete --id 4 --move-to OTHER  # Lost opportunity" \
	"companies of a deleted category: the finding, its count ($n) and its fix"
runfix 1 Lead
is "$RC" 0 "the fix runs (OTHER: Lead)"
is "$(sql "SELECT count(*) FROM contact k JOIN category c ON c.category_id = k.category_idx WHERE c.deleted = 1")" 0 \
	"no company is left in a deleted category"
deep
is "$RC:$FOUND" "0:$CLEAN" "companies of a deleted category: gone after the fix"
# The issue's check on the demo database: delete with a move, then clean.
fresh
la --db "$DB" category delete 'Lost opportunity' --move-to Lead --yes
is "$RC" 0 "the demo: delete Lost opportunity --move-to Lead"
deep
is "$RC:$FOUND" "0:$CLEAN" "the demo after delete --move-to: setup-check --deep is clean"

# ------------------------------------------------- categories nobody may see
fresh
la --db "$DB" usergroup add Sales
la --db "$DB" category grouping on
deep
is "$RC:$FOUND" "0:$CLEAN" "grouping on with every item visible to the group: clean"
la --db "$DB" category visible-for Partner none
la --db "$DB" category visible-for 'Marketing qualified lead (MQL)' none
deep
is "$RC" 1 "categories nobody may see: exit 1"
is "$FOUND" "Finding: Categories that no user group may see while grouping and filtering is on: 2.
   Fix: leadadmin category visible-for --id 2 all  # Marketing qualified lead (MQL)
   Fix: leadadmin category visible-for --id 6 all  # Partner" \
	"categories nobody may see: the finding, its count and a fix for each, in rank order"
like "$OUT" "Unreachable: Company – Category: no user group may see 'Marketing qualified lead (MQL)', 'Partner'" \
	"the plain check's line names the same items (one query)"
runfix 1
is "$RC" 0 "the first fix runs"
runfix 2
is "$RC" 0 "the second fix runs"
deep
is "$RC:$FOUND" "0:$CLEAN" "categories nobody may see: gone after the fixes"
la --db "$DB" category visible-for Partner none
la --db "$DB" category grouping off
deep
is "$RC:$FOUND" "0:$CLEAN" "with filtering off, nothing is unreachable"
# With no user group at all, visible-for ITEM all makes nothing visible:
# the finding first names usergroup add, then the fixes work in order.
fresh
la --db "$DB" category grouping on
deep
is "$RC" 1 "no user group at all: exit 1"
like "$FOUND" "Finding: Categories that no user group may see while grouping and filtering is on: 6.
   Fix: leadadmin usergroup add NAME
   Fix: leadadmin category visible-for --id 1 all  # Lead" \
	"no user group at all: the finding first says to add one"
la --db "$DB" usergroup add Sales
is "$RC" 0 "usergroup add runs (NAME: Sales)"
deep
unlike "$FOUND" "usergroup add" "with a user group, the finding no longer names usergroup add"
for item in Lead 'Marketing qualified lead (MQL)' Opportunity 'Lost opportunity' Customer Partner; do
	la --db "$DB" category visible-for "$item" all
done
is "$(sql "SELECT count(*) FROM category_group_link l JOIN usergroup g ON g.usergroup_id = l.usergroup_id WHERE g.name = 'Sales'")" \
	"$(sql "SELECT count(*) FROM category WHERE deleted = 0")" "Sales may see every category"
deep
is "$RC:$FOUND" "0:$CLEAN" "no user group at all: gone after the fixes"

# ------------------------------------------- persons whose company is not there
fresh
# (0 for none is legacy data, which a server's foreign key refuses.)
if on_server; then
	sql "INSERT INTO person (contact_id, firstname, lastname) VALUES (NULL, 'Ida', 'Alone')"
else
	sql "INSERT INTO person (contact_id, firstname, lastname) VALUES (NULL, 'Ida', 'Alone'), (0, 'Olga', 'Zero')"
fi
deep
is "$RC:$FOUND" "0:$CLEAN" "persons without a company (NULL or 0) are leads like any other: no finding"
sql "$(fk_off person) INSERT INTO person (contact_id, firstname, lastname) VALUES (999999, 'Gus', 'Gone'), (999998, 'Hal', 'Gone')"
deep
is "$RC" 1 "persons whose company is not there: exit 1"
is "$FOUND" "Finding: Persons whose company is not there: 2.
   No leadadmin command gives a person a company: give each one an existing company in the CRM, or none." \
	"persons whose company is not there: the count (not the company-less ones), and that no command fixes it"
la --db "$DB" --lang de setup-check --deep
like "$OUT" "Befund: Personen, deren Firma es nicht gibt: 2." "the finding in German"

# ------------------------------------ Distribute to owner's deleted group
fresh
la --db "$DB" usergroup add Field
la --db "$DB" usergroup add Sales
la --db "$DB" licence enable marketing-premium
la --db "$DB" marketing set --distribute group --group Field
is "$RC" 0 "Distribute to owner gives new leads to Field"
sql "UPDATE usergroup SET deleted = 1 WHERE name = 'Field'"
deep
is "$RC" 1 "Distribute to owner names a deleted user group: exit 1"
is "$FOUND" "Finding: Distribute to owner names a deleted user group: 1.
   Fix: leadadmin marketing set --group OTHER  # Field" \
	"Distribute's deleted group: the finding, its count and its fix (without --yes)"
la --db "$DB" --lang de setup-check --deep
like "$OUT" "Befund: „An Verantwortliche verteilen“ nennt eine gelöschte Benutzergruppe: 1." "the finding in German"
runfix 1 Sales
is "$RC" 0 "the fix runs (OTHER: Sales)"
is "$(sql "SELECT g.name FROM setting s JOIN usergroup g ON g.usergroup_id = CAST(s.value AS INTEGER) WHERE s.key = 'marketing.distribute_group_id'")" \
	Sales "Distribute to owner names Sales"
deep
is "$RC:$FOUND" "0:$CLEAN" "Distribute's deleted group: gone after the fix"
# a group row that is gone altogether: the fix has no comment
sql "$(fk_off setting) UPDATE setting SET value = '999999' WHERE key = 'marketing.distribute_group_id'"
deep
is "$FOUND" "Finding: Distribute to owner names a deleted user group: 1.
   Fix: leadadmin marketing set --group OTHER" "a group that is not there: the same finding"
# Distribute off: the stored group does not matter
sql "UPDATE setting SET value = '0' WHERE key = 'marketing.distribute_mode'"
deep
is "$RC:$FOUND" "0:$CLEAN" "with Distribute off, a deleted stored group is no finding"

# ---------------------------------------------------- all at once, read only
fresh
sql "UPDATE category SET deleted = 1 WHERE name = 'Opportunity'; $(fk_off person) INSERT INTO person (contact_id) VALUES (999999)"
before=$(checksum "$DB")
deep
is "$RC" 1 "two findings: exit 1"
is "$(printf '%s\n' "$FOUND" | grep -c '^Finding: ')" 2 "two findings, one line each"
is "$(checksum "$DB")" "$before" "the check changes nothing"
la --db "$DB" setup-check --deep extra
is "$RC" 2 "an extra word is a usage error"
la --db "$DB" setup-check --help
like "$OUT" "persons whose company is not there" "the help names the deep checks"

finish
