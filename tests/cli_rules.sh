#!/bin/sh
# The rules as the command line enforces them: cautions need --yes (rule 6),
# lead status effects on contacts (rule 7), rights (rule 9) and the audit
# log: each accepted change adds exactly one audit row, a refused one none.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"

audits() {
	sql "${1:-$DB}" 'SELECT count(*) FROM audit'
}

cat_id() {
	sql "SELECT category_id FROM category WHERE name = '$1'"
}

# contacts_in ID: persons whose company is in category ID.
contacts_in() {
	sql "SELECT count(*) FROM person JOIN contact USING (contact_id) WHERE category_idx = $1"
}

companies_in() {
	sql "SELECT count(*) FROM contact WHERE category_idx = $1"
}

# refused WHAT ARGS...: the change needs --yes: exit 1, a message with the
# counts and the way on, nothing changed, no audit row.
refused() {
	what=$1
	shift
	sum=$(checksum "$DB")
	n=$(audits)
	la --db "$DB" "$@"
	is "$RC" 1 "$what without --yes is refused with exit 1"
	like "$ERR" "--yes" "$what: the caution says to add --yes"
	is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "$what: the caution is one line"
	is "$(checksum "$DB")" "$sum" "$what: the database is unchanged"
	is "$(audits)" "$n" "$what: no audit row"
}

# accepted WHAT ARGS...: the change goes through with one audit row.
accepted() {
	what=$1
	shift
	n=$(audits)
	la --db "$DB" "$@"
	is "$RC" 0 "$what exits 0"
	is "$(audits)" "$((n + 1))" "$what adds exactly one audit row"
}

la --db "$DB" init --demo
is "$RC" 0 "init --demo"

# ------------------------------------------------------------ cautions
lead=$(cat_id Lead)
companies=$(companies_in "$lead")
contacts=$(contacts_in "$lead")
ok "$([ "$companies" -gt 0 ] && [ "$contacts" -gt 0 ]; echo $?)" "Lead is in use ($companies companies, $contacts contacts)"

refused "renaming in-use Lead" category edit Lead --name "Inbound lead"
like "$ERR" "$companies companies" "the rename caution counts the companies"
like "$ERR" "$contacts contacts" "the rename caution counts the contacts"
is "$(sql "SELECT count(*) FROM category WHERE name = 'Inbound lead'")" 0 "no item was renamed"
accepted "renaming in-use Lead with --yes" category edit Lead --name "Inbound lead" --yes
is "$(sql "SELECT name FROM category WHERE category_id = $lead")" "Inbound lead" "the item is renamed"
is "$(companies_in "$lead"):$(contacts_in "$lead")" "$companies:$contacts" "its companies and contacts still use it"
is "$(sql "SELECT action || '|' || login || '|' || list || '|' || item_id FROM audit ORDER BY audit_id DESC LIMIT 1")" \
	"edit|$ME|category|$lead" "the audit row says who changed which item"
like "$(sql 'SELECT old_value || new_value FROM audit ORDER BY audit_id DESC LIMIT 1')" "Inbound lead" \
	"the audit row holds the new name"
is "$(sql "SELECT CASE WHEN updatedCount > 0 AND updated_associate_id = (SELECT associate_id FROM associate WHERE name = '$ME') THEN 1 ELSE 0 END FROM category WHERE category_id = $lead")" 1 \
	"updated* and updatedCount are filled"

mql=$(cat_id "Marketing qualified lead (MQL)")
with_status=$(sql "SELECT count(*) FROM person JOIN contact USING (contact_id) WHERE category_idx = $mql AND leadstatus_id IS NOT NULL")
ok "$([ "$with_status" -gt 0 ]; echo $?)" "MQL's contacts have lead statuses ($with_status)"
refused "turning lead status off for in-use MQL" category edit "Marketing qualified lead (MQL)" --no-lead-status
is "$(sql "SELECT enable_lead_status FROM category WHERE category_id = $mql")" 1 "lead status is still on"
accepted "turning lead status off with --yes" category edit "Marketing qualified lead (MQL)" --no-lead-status --yes
is "$(sql "SELECT enable_lead_status || '|' || category_group FROM category WHERE category_id = $mql")" "0|2" \
	"lead status is off, the group stays"
is "$(sql "SELECT count(*) FROM person JOIN contact USING (contact_id) WHERE category_idx = $mql AND leadstatus_id IS NOT NULL")" \
	"$with_status" "its contacts keep their last lead status"

opp=$(cat_id Opportunity)
refused "changing the group of in-use Opportunity" category edit Opportunity --group customer
is "$(sql "SELECT category_group FROM category WHERE category_id = $opp")" 2 "the group is unchanged"
accepted "changing the group with --yes" category edit Opportunity --group customer --yes
is "$(sql "SELECT category_group || '|' || enable_lead_status FROM category WHERE category_id = $opp")" "1|0" \
	"the group is Customer and lead status went off with it"

lost=$(cat_id "Lost opportunity")
refused "deleting in-use Lost opportunity" category delete "Lost opportunity"
is "$(sql "SELECT deleted FROM category WHERE category_id = $lost")" 0 "the item is not deleted"
lost_companies=$(companies_in "$lost")
accepted "deleting with --yes" category delete "Lost opportunity" --yes
is "$(sql "SELECT deleted FROM category WHERE category_id = $lost")" 1 "the item is deleted"
is "$(companies_in "$lost")" "$lost_companies" "its companies keep it"

contacting=$(sql "SELECT count(*) FROM person WHERE leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE name = 'Contacting')")
if [ "$contacting" -gt 0 ]; then
	refused "deleting in-use lead status Contacting" lead-status delete Contacting
	accepted "deleting Contacting with --yes" lead-status delete Contacting --yes
	is "$(sql "SELECT deleted FROM leadstatus WHERE name = 'Contacting'")" 1 "Contacting is deleted"
	is "$(sql "SELECT count(*) FROM person WHERE leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE name = 'Contacting')")" \
		"$contacting" "its contacts keep it"
else
	ok 1 "the demo gives Contacting some contacts"
fi

# Rule 7: turning lead status on gives contacts without a status the default.
cust=$(cat_id Customer)
none=$(sql "SELECT count(*) FROM person JOIN contact USING (contact_id) WHERE category_idx = $cust AND leadstatus_id IS NULL")
ok "$([ "$none" -gt 0 ]; echo $?)" "Customer's contacts have no lead status ($none)"
refused "moving in-use Customer to Potential customer with lead status" \
	category edit Customer --group potential-customer --lead-status
like "$ERR" "$none contacts" "the caution says how many contacts get the default status"
accepted "the same with --yes" category edit Customer --group potential-customer --lead-status --yes
like "$OUT" "$none contacts" "the confirmation says how many contacts got the default"
is "$(sql "SELECT count(*) FROM person JOIN contact USING (contact_id) WHERE category_idx = $cust AND leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE is_default = 1)")" \
	"$none" "those contacts now have the default status"

# Not in use: no --yes needed, still one audit row each.
accepted "adding a category" category add Webinar --group other
accepted "editing its description" category edit Webinar --description "Sign-ups"
accepted "moving it up" category move Webinar up
accepted "deleting it (not in use)" category delete Webinar
accepted "restoring it" category restore Webinar
accepted "adding a lead status" lead-status add Nurture
accepted "making it the default" lead-status default Nurture
accepted "moving a lead status" lead-status move Nurture up
accepted "adding a user" user add carol --role list-admin
accepted "changing a role" user set-role carol user
n=$(audits)
la --db "$DB" category add webinar
is "$RC:$(audits)" "1:$n" "a refused duplicate adds no audit row"
la --db "$DB" category add "Bad" --group lost --lead-status
is "$RC:$(audits)" "1:$n" "a refused rule-1 add adds no audit row"
la --db "$DB" category move Lead up
is "$(audits)" "$n" "a refused move adds no audit row"

# ------------------------------------------------------------ rights
accepted "adding a second General administrator" user add boss --name "Big Boss" --role general-admin
is "$(sql "SELECT role FROM associate WHERE name = 'boss'")" 2 "boss is a General administrator"
accepted "demoting $ME to user" user set-role "$ME" user
is "$(sql "SELECT role FROM associate WHERE name = '$ME'")" 0 "$ME is a plain user now"

sum=$(checksum "$DB")
n=$(audits)
printf '{"format": "leadadmin-lists", "version": 1, "categories": [{"name": "Imported", "group": "other", "lead_status": false, "description": ""}], "lead_statuses": []}\n' \
	>"$TEST_TMP/one.json"
for cmd in "category add Intruder" "category edit Webinar --description x" \
	"category delete Webinar" "category restore $lost" "category move Webinar up" \
	"lead-status add Intruder" "lead-status edit Nurture --description x" \
	"lead-status delete Re-nurture" "lead-status restore Contacting" \
	"lead-status move Nurture down" "lead-status default Open" "add-defaults" \
	"import $TEST_TMP/one.json" "user add mallory --role general-admin" \
	"user set-role $ME general-admin"; do
	# shellcheck disable=SC2086 # the words of the command
	la --db "$DB" $cmd
	is "$RC" 1 "as a plain user, '$cmd' is refused with exit 1"
	like "$ERR" "boss" "'$cmd': the refusal names who can grant access"
done
is "$(checksum "$DB")" "$sum" "the refused changes left the database unchanged"
is "$(audits)" "$n" "the refused changes wrote no audit row"
la --db "$DB" category list
is "$RC" 0 "a plain user can still read the lists"
la --db "$DB" user list
is "$RC" 0 "a plain user can still read the users"

# A List administrator changes lists but not users.
DB2="$TEST_TMP/two.db"
"$LEADADMIN_BIN" --db "$DB2" init >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$DB2" user add boss --role general-admin >/dev/null 2>&1
la --db "$DB2" user set-role "$ME" list-admin
is "$RC:$(sql "$DB2" "SELECT role FROM associate WHERE name = '$ME'")" "0:1" "$ME is a List administrator"
n=$(audits "$DB2")
la --db "$DB2" category add Webinar
is "$RC" 0 "a List administrator may add a category"
is "$(sql "$DB2" "SELECT count(*) FROM category WHERE name = 'Webinar'")" 1 "the category is there"
is "$(audits "$DB2")" "$((n + 1))" "with one audit row"
sum=$(checksum "$DB2")
la --db "$DB2" user add dave
is "$RC" 1 "a List administrator may not add users"
like "$ERR" "boss" "the refusal names who can grant access"
is "$(checksum "$DB2"):$(audits "$DB2")" "$sum:$((n + 1))" "nothing changed"

# The last General administrator cannot be demoted.
DB3="$TEST_TMP/three.db"
"$LEADADMIN_BIN" --db "$DB3" init >/dev/null 2>&1
is "$(sql "$DB3" 'SELECT count(*) FROM associate WHERE role = 2 AND deleted = 0')" 1 "a new database has one General administrator"
sum=$(checksum "$DB3")
n=$(audits "$DB3")
for role in user list-admin; do
	la --db "$DB3" user set-role "$ME" "$role"
	is "$RC" 1 "the last General administrator cannot become $role"
	like "$ERR" "General administrator" "the refusal explains it"
done
is "$(sql "$DB3" "SELECT role FROM associate WHERE name = '$ME'")" 2 "$ME is still a General administrator"
is "$(checksum "$DB3"):$(audits "$DB3")" "$sum:$n" "the refusals changed nothing and wrote no audit row"

finish
