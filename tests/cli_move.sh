#!/bin/sh
# Delete with a move: category, lead-status and usergroup delete --move-to
# OTHER move what uses the item to OTHER, then delete it, in one
# transaction, audited per row and per move; the kept counts stay right.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

la --db "$DB" init --language en --demo
is "$RC" 0 "init --demo"

in_deleted() {
	sql "SELECT count(*) FROM contact k JOIN category c ON c.category_id = k.category_idx WHERE c.deleted = 1"
}
companies_of() {
	sql "SELECT count(*) FROM contact k JOIN category c ON c.category_id = k.category_idx WHERE c.name = '$1'"
}
deep_clean() {
	la --db "$DB" setup-check --deep
	is "$RC" 0 "$1: setup-check --deep exits 0"
	like "$OUT" "Deep check: the kept counts (in use, lead overview) equal a count of the rows." \
		"$1: setup-check --deep finds nothing"
}

# ---- without --move-to: as before, and the refusal names --move-to
before=$(checksum "$DB")
la --db "$DB" category delete "Lost opportunity"
is "$RC" 1 "delete of a category in use without --yes is refused"
like "$ERR" "is used by 22 companies and 54 contacts" "the caution has the counts"
like "$ERR" "add --yes to go ahead, or --move-to OTHER to move its 22 companies to another item first." \
	"the refusal says that --move-to exists"
is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "on one line"
is "$(checksum "$DB")" "$before" "nothing changed"

# ---- refusals of the target leave the data untouched
la --db "$DB" category delete "Lost opportunity" --move-to "lost opportunity"
is "$RC" 1 "moving to the item itself is refused"
like "$ERR" "What uses 'Lost opportunity' cannot move to 'Lost opportunity' itself" "and says why"
la --db "$DB" category delete "Lost opportunity" --move-to Nowhere
is "$RC" 1 "moving to an item that does not exist is refused"
like "$ERR" "there is no item 'Nowhere'" "and says which"
la --db "$DB" category add Old >/dev/null
la --db "$DB" category delete Old
la --db "$DB" category delete "Lost opportunity" --move-to Old
is "$RC" 1 "moving to a deleted item is refused"
like "$ERR" "'Old' is deleted; what uses 'Lost opportunity' can only move to an item that is not deleted" \
	"and says why"
la --db "$DB" heading delete X --move-to Y
is "$RC" 2 "headings have no --move-to (usage error)"
la --db "$DB" category delete "Lost opportunity" --move-to
is "$RC" 2 "--move-to without a value is a usage error"
before=$(checksum "$DB")
la --db "$DB" category delete "Lost opportunity" --move-to "Lost opportunity" --yes
is "$(checksum "$DB")" "$before" "no refusal changed anything"

# ---- the scenario: Lost opportunity into Lead
lead_before=$(companies_of Lead)
audit_before=$(sql "SELECT max(audit_id) FROM audit")
la --db "$DB" category delete "Lost opportunity" --move-to Lead
is "$RC" 0 "category delete 'Lost opportunity' --move-to Lead"
like "$OUT" "Moved 22 companies from 'Lost opportunity' to 'Lead'." "it says how many moved"
like "$OUT" "Deleted 'Lost opportunity'" "and that it is deleted"
is "$(in_deleted)" 0 "no company is left in a deleted category"
is "$(companies_of Lead)" "$((lead_before + 22))" "Lead has its own companies and the 22"
is "$(sql "SELECT deleted FROM category WHERE name = 'Lost opportunity'")" 1 "Lost opportunity is deleted"
deep_clean "after the move"
is "$(sql "SELECT count(*) FROM audit WHERE audit_id > $audit_before AND list = 'contact' AND action = 'move'")" 22 \
	"one audit row per company moved"
is "$(sql "SELECT new_value FROM audit WHERE audit_id > $audit_before AND list = 'contact' AND action = 'move' LIMIT 1")" \
	'{"category":"Lead"}' "each names the new category"
is "$(sql "SELECT old_value FROM audit WHERE audit_id > $audit_before AND list = 'contact' AND action = 'move' LIMIT 1")" \
	'{"category":"Lost opportunity"}' "and the old one"
is "$(sql "SELECT new_value FROM audit WHERE audit_id > $audit_before AND list = 'category' AND action = 'move'")" \
	'{"moved_to":"Lead","companies":22}' "one audit row for the move with its count"
is "$(sql "SELECT count(*) FROM audit WHERE audit_id > $audit_before AND list = 'category' AND action = 'delete'")" 1 \
	"and one for the delete"
la --db "$DB" log --list category --format table
like "$OUT" "moved_to: Lead; companies: 22" "log shows the move (table)"
la --db "$DB" log --list company --format tsv
like "$OUT" "$(printf 'move\tcategory: Lost opportunity → Lead')" "log shows each company's move (tsv)"
la --db "$DB" log --format json
printf '%s' "$OUT" | python3 -c 'import json,sys; rows=json.load(sys.stdin); m=[r for r in rows if r["action"]=="move" and r["list"]=="category"]; sys.exit(0 if m and m[0]["new"]=={"moved_to":"Lead","companies":22} else 1)'
ok $? "log shows the move (json)"

# ---- rule 7: contacts without a status get the default in a lead category
no_status=$(sql "SELECT count(*) FROM person p JOIN contact k ON k.contact_id = p.contact_id JOIN category c ON c.category_id = k.category_idx WHERE c.name = 'Customer' AND p.leadstatus_id IS NULL")
la --db "$DB" category delete Customer --move-to Opportunity
is "$RC" 0 "a category without lead status moves into one with it"
like "$OUT" "$no_status contacts got the default lead status." "it says how many contacts got the default status"
is "$(sql "SELECT count(*) FROM person p JOIN contact k ON k.contact_id = p.contact_id JOIN category c ON c.category_id = k.category_idx WHERE c.name = 'Opportunity' AND p.leadstatus_id IS NULL")" 0 \
	"no contact of a lead category is left without a status"
like "$(sql "SELECT new_value FROM audit WHERE list = 'category' AND action = 'move' ORDER BY audit_id DESC LIMIT 1")" \
	"\"default_status_given\":$no_status" "the move's audit row counts them"
deep_clean "after rule 7"

# ---- rule 6: a target without lead status needs --yes
before=$(checksum "$DB")
la --db "$DB" category delete Opportunity --move-to Partner
is "$RC" 1 "moving lead contacts into a category without lead status asks first"
like "$ERR" "'Partner' does not use lead status" "and says why"
is "$(checksum "$DB")" "$before" "nothing changed"
la --db "$DB" category delete Opportunity --move-to Partner --yes
is "$RC" 0 "with --yes it goes ahead"
is "$(companies_of Opportunity)" 0 "Opportunity has no company left"
# Their contacts keep a status Partner does not use: the deep check names
# them; its fix would make Partner a lead category, so it asks first.
la --db "$DB" setup-check --deep
is "$RC" 1 "after the move into Partner: setup-check --deep finds the frozen statuses"
like "$OUT" "Finding: Contacts whose lead status is frozen because their category no longer uses lead status: " \
	"it names them"
like "$OUT" "Fix: leadadmin category edit --id 6 --group potential-customer --lead-status  # Partner" \
	"and the fix, by id and without --yes"
la --db "$DB" category edit Partner --group potential-customer --lead-status --yes
is "$RC" 0 "the fix runs"

# ---- one transaction: a row that cannot move undoes the whole move
last_partner="(SELECT max(contact_id) FROM contact WHERE category_idx = (SELECT category_id FROM category WHERE name = 'Partner'))"
if on_server; then
	sql "CREATE FUNCTION no_move() RETURNS trigger LANGUAGE plpgsql AS \$\$
		BEGIN RAISE EXCEPTION 'stop'; END \$\$"
	sql "CREATE TRIGGER no_move BEFORE UPDATE OF category_idx ON contact FOR EACH ROW
		WHEN (OLD.contact_id = $(sql "SELECT $last_partner")) EXECUTE FUNCTION no_move()"
else
	sql "CREATE TRIGGER no_move BEFORE UPDATE OF category_idx ON contact
		WHEN OLD.contact_id = $last_partner
		BEGIN SELECT RAISE(ABORT, 'stop'); END"
fi
before=$(checksum "$DB")
la --db "$DB" category delete Partner --move-to Lead
[ "$RC" -ne 0 ]
ok $? "a failing row fails the delete with a move"
is "$(checksum "$DB")" "$before" "and nothing of it is kept"
if on_server; then
	sql "DROP TRIGGER no_move ON contact"
	sql "DROP FUNCTION no_move()"
else
	sql "DROP TRIGGER no_move"
fi

# ---- legacy: an item deleted by another program but still in use
sql "UPDATE category SET deleted = 1 WHERE name = 'Marketing qualified lead (MQL)'"
is "$(in_deleted)" 20 "20 companies are in a deleted category (legacy data)"
la --db "$DB" category delete "Marketing qualified lead (MQL)"
is "$RC" 1 "delete of a deleted item is refused"
like "$ERR" "is already deleted; --move-to OTHER moves its 20 companies to another item." "and names --move-to"
la --db "$DB" category delete "Marketing qualified lead (MQL)" --move-to Lead
is "$RC" 0 "--move-to on a deleted item in use moves what uses it"
like "$OUT" "Moved 20 companies from 'Marketing qualified lead (MQL)' to 'Lead'." "it says so"
unlike "$OUT" "Deleted" "and deletes nothing"
is "$(in_deleted)" 0 "no company is left in a deleted category"
deep_clean "after the legacy move"
la --db "$DB" category delete "Marketing qualified lead (MQL)" --move-to Lead
is "$RC" 1 "again: nothing to move"
like "$ERR" "is already deleted and nothing uses it" "and says so"

# ---- lead status: its contacts move
contacting=$(sql "SELECT count(*) FROM person p JOIN leadstatus l ON l.leadstatus_id = p.leadstatus_id WHERE l.name = 'Contacting'")
qualified=$(sql "SELECT count(*) FROM person p JOIN leadstatus l ON l.leadstatus_id = p.leadstatus_id WHERE l.name = 'Qualified'")
la --db "$DB" lead-status delete Contacting --move-to Qualified
is "$RC" 0 "lead-status delete --move-to"
like "$OUT" "Moved $contacting contacts from 'Contacting' to 'Qualified'." "it says how many"
is "$(sql "SELECT count(*) FROM person p JOIN leadstatus l ON l.leadstatus_id = p.leadstatus_id WHERE l.name = 'Qualified'")" \
	"$((contacting + qualified))" "Qualified has them all"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'person' AND action = 'move'")" "$contacting" "one audit row per contact"
deep_clean "after the status move"
la --db "$DB" lead-status delete Open --move-to Qualified
is "$RC" 1 "the default still needs a new default"
like "$ERR" "--new-default ITEM" "and says so"
la --db "$DB" lead-status delete Open --move-to Disqualified --new-default Qualified --yes
is "$RC" 0 "the default moves with --new-default and --yes"
is "$(sql "SELECT name FROM leadstatus WHERE is_default = 1")" Qualified "Qualified is the default"
is "$(sql "SELECT count(*) FROM person p JOIN leadstatus l ON l.leadstatus_id = p.leadstatus_id WHERE l.deleted = 1")" 0 \
	"no contact has a deleted status"
deep_clean "after moving the default's contacts"

# ---- user groups: members move
la --db "$DB" usergroup add Sales
la --db "$DB" usergroup add Support
la --db "$DB" user edit anna.berg --group Sales
la --db "$DB" user edit paul.roth --group Sales
la --db "$DB" usergroup delete Sales --move-to Support
is "$RC" 0 "usergroup delete --move-to"
like "$OUT" "Moved 2 members from 'Sales' to 'Support'." "it says how many"
is "$(sql "SELECT group_concat(name, ',') FROM (SELECT a.name FROM associate a JOIN usergroup g ON g.usergroup_id = a.group_idx WHERE g.name = 'Support' ORDER BY a.name) AS m")" \
	"anna.berg,paul.roth" "Support is their primary group"
la --db "$DB" log --list user
like "$OUT" "group: Sales → Support" "log shows each member's move"

# ---- user groups: Distribute to owner follows the members
la --db "$DB" usergroup add Field
la --db "$DB" user edit anna.berg --group Field
la --db "$DB" licence enable marketing-premium
la --db "$DB" marketing set --distribute group --group Field
is "$RC" 0 "Distribute to owner gives new leads to Field"
la --db "$DB" usergroup delete Field --move-to Support
is "$RC" 0 "usergroup delete --move-to on the group Distribute to owner uses"
like "$OUT" "Distribute to owner now gives new leads to the members of 'Support'." "it says Distribute moved along"
is "$(sql "SELECT g.name FROM setting s JOIN usergroup g ON g.usergroup_id = CAST(s.value AS INTEGER) WHERE s.key = 'marketing.distribute_group_id'")" \
	Support "Distribute to owner uses Support"
is "$(sql "SELECT value FROM setting WHERE key = 'marketing.distribute_mode'")" 2 "still evenly to a user group"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'marketing' AND new_value LIKE '%\"group_id\":' || (SELECT usergroup_id FROM usergroup WHERE name = 'Support') || ',%'")" \
	1 "the change of the marketing settings is in the log"
is "$(sql "SELECT deleted FROM usergroup WHERE name = 'Field'")" 1 "Field is deleted"
la --db "$DB" usergroup delete Support --move-to Sales
is "$RC" 1 "a move to a deleted group is refused"
is "$(sql "SELECT g.name FROM setting s JOIN usergroup g ON g.usergroup_id = CAST(s.value AS INTEGER) WHERE s.key = 'marketing.distribute_group_id'")" \
	Support "and Distribute to owner still uses Support"

# ---- a plain delete of the group Distribute to owner uses is a caution
dist_group() {
	sql "SELECT g.name FROM setting s JOIN usergroup g ON g.usergroup_id = CAST(s.value AS INTEGER) WHERE s.key = 'marketing.distribute_group_id'"
}
members=$(sql "SELECT count(*) FROM associate a JOIN usergroup g ON g.usergroup_id = a.group_idx WHERE g.name = 'Support'")
before=$(checksum "$DB")
la --db "$DB" usergroup delete Support
is "$RC" 1 "a plain delete of Distribute's group without --yes is refused"
like "$ERR" "Distribute to owner gives new leads to the members of 'Support': once it is deleted, new leads get no owner." \
	"the caution says that Distribute names it and new leads get no owner"
like "$ERR" "Nothing was changed; add --yes to go ahead, or --move-to OTHER to move its $members members to OTHER and make Distribute to owner use OTHER." \
	"and names --move-to OTHER"
is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "on one line"
is "$(checksum "$DB")" "$before" "the refusal changed nothing"
# a group nobody has as primary group: the alternative is only Distribute's
la --db "$DB" usergroup add Empty
la --db "$DB" marketing set --group Empty
is "$RC" 0 "Distribute to owner gives new leads to Empty"
before=$(checksum "$DB")
la --db "$DB" usergroup delete Empty
is "$RC" 1 "a plain delete of an unused group that Distribute names is refused"
like "$ERR" "leadadmin: Distribute to owner gives new leads to the members of 'Empty': once it is deleted, new leads get no owner. Nothing was changed; add --yes to go ahead, or --move-to OTHER to make Distribute to owner use OTHER instead." \
	"it says why and names --move-to OTHER"
is "$(checksum "$DB")" "$before" "the refusal changed nothing"
# with a fallback associate, the caution says where new leads go
la --db "$DB" marketing set --fallback mia.stein
is "$RC" 0 "a fallback associate"
before=$(checksum "$DB")
la --db "$DB" usergroup delete Empty
is "$RC" 1 "still refused with a fallback"
like "$ERR" "once it is deleted, they all go to the fallback associate." "the caution names the fallback"
is "$(checksum "$DB")" "$before" "the refusal changed nothing"
la --db "$DB" marketing set --fallback none
is "$RC" 0 "no fallback again"
# a group Distribute does not use: no caution
la --db "$DB" usergroup add Spare
la --db "$DB" usergroup delete Spare
is "$RC" 0 "a group Distribute does not use is deleted without --yes"
# Distribute off: no caution either
la --db "$DB" marketing set --distribute off
la --db "$DB" usergroup add Idle
la --db "$DB" marketing set --distribute group --group Idle
la --db "$DB" marketing set --distribute off
la --db "$DB" usergroup delete Idle
is "$RC" 0 "with Distribute off, its stored group is deleted without --yes"
la --db "$DB" marketing set --distribute group --group Empty
is "$RC" 0 "Distribute to owner uses Empty again"
# --yes deletes, and the deep check then finds Distribute's deleted group
la --db "$DB" usergroup delete Empty --yes
is "$RC" 0 "with --yes the group is deleted"
like "$OUT" "Deleted 'Empty'" "and it says so"
is "$(sql "SELECT deleted FROM usergroup WHERE name = 'Empty'")" 1 "Empty is deleted"
is "$(dist_group)" Empty "Distribute to owner still names Empty"
la --db "$DB" setup-check --deep
is "$RC" 1 "setup-check --deep finds Distribute's deleted group"
like "$OUT" "Finding: Distribute to owner names a deleted user group: 1." "the finding"
like "$OUT" "   Fix: leadadmin marketing set --group OTHER  # Empty" "its fix, without --yes"
fix=$(printf '%s\n' "$OUT" | sed -n 's/^   Fix: leadadmin marketing set --group OTHER .*/x/p')
is "$fix" x "the fix is printed once"
la --db "$DB" marketing set --group Support
is "$RC" 0 "the fix, with Support for OTHER"
deep_clean "after Distribute names Support again"

# ---- one company or member: the German messages are in the singular
la --db "$DB" category add Solo >/dev/null
sql "UPDATE contact SET category_idx = (SELECT category_id FROM category WHERE name = 'Solo')
	WHERE contact_id = (SELECT min(contact_id) FROM contact)"
before=$(checksum "$DB")
la --db "$DB" --lang de category delete Solo
is "$RC" 1 "German: the delete of a category with one company asks first"
like "$ERR" "„Solo“ wird von 1 Firma und " "the caution counts one company"
like "$ERR" "oder --move-to ANDERE, um 1 Firma zuerst zu einem anderen Eintrag zu verschieben." \
	"the alternative is in the singular (no plural article)"
is "$(checksum "$DB")" "$before" "the refusal changed nothing"
la --db "$DB" --lang de category delete Solo --move-to Lead
is "$RC" 0 "German: the move of one company"
like "$OUT" "1 Firma von „Solo“ nach „Lead“ verschoben." "it says so in the singular"
la --db "$DB" usergroup add Solo
la --db "$DB" user edit mia.stein --group Solo
la --db "$DB" marketing set --distribute group --group Solo
before=$(checksum "$DB")
la --db "$DB" --lang de usergroup delete Solo
is "$RC" 1 "German: the delete of Distribute's group with one member asks first"
like "$ERR" "oder --move-to ANDERE, um 1 Mitglied nach ANDERE zu verschieben, und „An Verantwortliche verteilen“ verwendet dann ANDERE." \
	"one member, in the singular"
is "$(checksum "$DB")" "$before" "the refusal changed nothing"

finish
