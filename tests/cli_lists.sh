#!/bin/sh
# One command line for every list, made from the list definition table:
# category, lead-status and usergroup take the same commands, formats and
# options, export and import carry every list, and the change log names
# them all.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

la --db "$DB" init --language en
is "$RC" 0 "init"

# Options without a command are a usage error, never a crash.
for cmd in category lead-status usergroup; do
	la --db "$DB" "$cmd" --description x
	is "$RC" 2 "$cmd with an option but no command exits 2"
	like "$ERR" "Usage: leadadmin $cmd COMMAND" "and shows $cmd's usage on stderr"
	la --db "$DB" "$cmd" --help
	is "$RC:$(printf '%s' "$OUT" | head -n 1)" "0:Usage: leadadmin $cmd COMMAND ..." "$cmd --help"
	la --db "$DB" "$cmd" sideways
	is "$RC" 2 "$cmd with an unknown command exits 2"
	like "$ERR" "unknown command 'sideways'" "and says which"
done

# The usage is made from the fields.
la --db "$DB" category --help
like "$OUT" "add NAME [--group G] [--description TEXT] [--lead-status]" "category add's options"
like "$OUT" "[--lead-status | --no-lead-status] [--yes]" "category edit's options"
la --db "$DB" lead-status --help
like "$OUT" "delete ITEM|--id N [--yes] [--new-default ITEM]" "lead-status has a default to replace"
like "$OUT" "default ITEM|--id N" "and the default command"
la --db "$DB" usergroup --help
unlike "$OUT" "default ITEM" "user groups have no default"
la --db "$DB" usergroup default Sales
is "$RC" 2 "so usergroup default is an unknown command"

# User groups: the same commands and formats as the lead lists.
la --db "$DB" usergroup add Sales --description "Inside and outside"
is "$RC" 0 "usergroup add"
like "$OUT" "Added 'Sales' (id 1)." "says what it added"
la --db "$DB" usergroup add "Inside sales"
la --db "$DB" usergroup list --format tsv
is "$(printf '%s\n' "$OUT" | head -n 1)" "$(printf 'id\trank\tname\tmembers\tdeleted\tdescription')" \
	"usergroup list --format tsv: the list's columns"
is "$(printf '%s\n' "$OUT" | sed -n 2p)" "$(printf '1\t1\tSales\t0\t0\tInside and outside')" "a row"
la --db "$DB" usergroup list --format json
is "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d[1]["name"], d[1]["members"], d[1]["deleted"])')" \
	"Inside sales 0 False" "usergroup list --format json is JSON with the members"
la --db "$DB" usergroup list --format csv
is "$RC" 2 "an unknown format is a usage error"
la --db "$DB" usergroup move "Inside sales" up
is "$RC" 0 "usergroup move"
is "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM usergroup ORDER BY rank) AS g")" "Inside sales,Sales" \
	"the order changed"

# An edit that changes nothing saves nothing.
before=$(sql "SELECT count(*) FROM audit")
la --db "$DB" category edit Lead --group potential-customer --lead-status
is "$RC" 0 "an edit to the values it has exits 0"
like "$OUT" "No changes to 'Lead' (id 1); nothing was saved." "and says nothing was saved"
is "$(sql "SELECT count(*) FROM audit")" "$before" "no audit row"
is "$(sql "SELECT updatedCount FROM category WHERE name = 'Lead'")" 0 "no new version of the item"
la --db "$DB" usergroup edit Sales --description "Inside and outside"
like "$OUT" "No changes to 'Sales'" "the same for a user group"

# Choices are checked against the field's choices.
la --db "$DB" category add Webinar --group gold
is "$RC" 2 "an unknown group is a usage error"
like "$ERR" "unknown group 'gold': use customer, potential-customer, partner, lost or other" \
	"naming the choices"
la --db "$DB" category edit Lead --lead-status --no-lead-status
is "$RC" 2 "a flag and its opposite exclude each other"

# Export and import carry every list.
la --db "$DB" export "$TEST_TMP/all.json"
is "$RC" 0 "export"
is "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(",".join(g["name"] for g in d["user_groups"]))' "$TEST_TMP/all.json")" \
	"Inside sales,Sales" "the export holds the user groups in rank order"
FRESH="$TEST_TMP/fresh.db"
la --db "$FRESH" init --language en
la --db "$FRESH" import "$TEST_TMP/all.json"
is "$RC" 0 "import into a new database"
like "$OUT" "add user_groups[1] 'Inside sales'" "the plan names the user groups"
is "$(sql "$FRESH" "SELECT group_concat(name || ':' || tooltip, ',') FROM (SELECT * FROM usergroup ORDER BY rank)")" \
	"Inside sales:,Sales:Inside and outside" "the user groups arrived with their order and description"

# ITEM is a name first; a number that is no name is an id; a number that
# is one item's name and another item's id is refused, naming both; --id N
# and id:N always mean the id. A fresh database: categories 1-4, statuses
# 1-5.
A="$TEST_TMP/addressing.db"
la --db "$A" init --language en
la --db "$A" category add 3 --group customer
is "$RC:$OUT" "0:Added '3' (id 5)." "a category named 3 gets the id 5"
before=$(checksum "$A")
la --db "$A" category edit 3 --description x
is "$RC" 1 "category edit 3 is refused: 3 is the name of one item and the id of another"
like "$ERR" "'3' is the name of one item (id 5) and the id of another ('Opportunity')" "the refusal names both"
like "$ERR" "id:5 or id:3" "and says how to name each"
is "$(checksum "$A")" "$before" "the refusal changes nothing"
for cmd in "delete 3 --yes" "restore 3" "move 3 up"; do
	# shellcheck disable=SC2086
	la --db "$A" category $cmd
	is "$RC" 1 "category $cmd is refused as well"
done
is "$(checksum "$A")" "$before" "and changes nothing"
la --db "$A" category edit --id 3 --description "by id"
is "$RC:$OUT" "0:Saved 'Opportunity' (id 3)." "category edit --id 3 edits the item with id 3"
la --db "$A" category edit --id=5 --description "by its id"
is "$RC:$OUT" "0:Saved '3' (id 5)." "category edit --id=5 edits the item named 3"
la --db "$A" category edit id:5 --description "by id:5"
is "$RC:$OUT" "0:Saved '3' (id 5)." "category edit id:5 does too"
is "$(sql "$A" "SELECT group_concat(category_id || '=' || tooltip, ',') FROM category WHERE category_id IN (3, 5)")" \
	"3=by id,5=by id:5" "each edit reached the item it named"
la --db "$A" category edit 2 --description two
is "$RC:$OUT" "0:Saved 'Marketing qualified lead (MQL)' (id 2)." "a number that is no name is still an id"
la --db "$A" category add 42 --group customer
la --db "$A" category edit 42 --description "forty-two"
is "$RC:$OUT" "0:Saved '42' (id 6)." "a number that is a name and no id is the name"
la --db "$A" category edit +2 --description plus
is "$RC" 1 "+2 is a name, not an id"
like "$ERR" "there is no item '+2'" "and there is no such name"
la --db "$A" category edit 3 --id 3 --description x
is "$RC" 2 "ITEM and --id together are a usage error"
la --db "$A" category edit --id three
is "$RC" 2 "--id takes a number"
like "$ERR" "--id takes an item's id (a number), not 'three'" "and says so"
la --db "$A" category edit --id 0
is "$RC" 2 "--id 0 is a usage error"
la --db "$A" category edit --description x
is "$RC" 2 "edit without ITEM or --id is a usage error"
la --db "$A" category edit --id 99 --description x
is "$RC" 1 "--id of no item exits 1"
like "$ERR" "there is no item with id 99" "and says so"
la --db "$A" category move --id 5 up
is "$RC:$OUT" "0:Moved '3' (id 5) up." "move --id N up"
la --db "$A" category move --id 5
is "$RC" 2 "move --id N without a direction is a usage error"
la --db "$A" category delete --id 5
is "$RC:$OUT" "0:Deleted '3' (id 5); restore brings it back." "delete --id N"
la --db "$A" category edit 3 --description x
is "$RC" 1 "a deleted item's name is still ambiguous with an id"
la --db "$A" category restore --id 5
is "$RC:$OUT" "0:Restored '3' (id 5)." "restore --id N"
# The default and its replacement: --new-default takes ITEM, id:N too.
la --db "$A" lead-status add 1
is "$RC:$OUT" "0:Added '1' (id 6)." "a status named 1"
la --db "$A" lead-status delete Open --yes --new-default 1
is "$RC" 1 "--new-default 1 is refused as ambiguous"
like "$ERR" "('Open'); say which with id:6 or id:1" "naming both"
la --db "$A" lead-status delete Open --yes --new-default id:6
is "$RC" 0 "--new-default id:6 names the status 1"
is "$(sql "$A" "SELECT name FROM leadstatus WHERE is_default = 1")" 1 "which is now the default"
la --db "$A" lead-status default --id 2
is "$RC:$OUT" "0:'Contacting' (id 2) is now the default for new leads." "default --id N"
# Options that take an item follow the same rule.
la --db "$A" leads --status 1
is "$RC" 1 "leads --status 1 is refused as ambiguous"
la --db "$A" leads --status id:6 --format tsv
is "$RC" 0 "leads --status id:6 lists the contacts of the status named 1"
la --db "$A" usergroup add Sales
la --db "$A" usergroup add 1
is "$RC:$OUT" "0:Added '1' (id 2)." "a user group named 1"
ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"
la --db "$A" user edit "$ME" --group 1
is "$RC" 1 "user edit --group 1 is refused as ambiguous"
like "$ERR" "('Sales')" "naming the group with id 1"
la --db "$A" user edit "$ME" --group id:2
is "$RC" 0 "user edit --group id:2"
is "$(sql "$A" "SELECT g.name FROM associate a JOIN usergroup g ON g.usergroup_id = a.group_idx WHERE a.name = '$ME'")" 1 \
	"the user's group is the one named 1"

# add-defaults says of each default what it did, why it did not add one,
# and how to make the category of its name a lead category; the commands
# it prints do that.
D="$TEST_TMP/defaults.db"
la --db "$D" init --language en
sql "$D" "UPDATE category SET deleted = 1, category_group = 1, enable_lead_status = 0 WHERE name = 'Lead'"
la --db "$D" category edit "Marketing qualified lead (MQL)" --name "MARKETING QUALIFIED LEAD (MQL)" --group partner
la --db "$D" category edit Opportunity --no-lead-status
la --db "$D" category delete "Lost opportunity"
la --db "$D" category add Webinar
before=$(checksum "$D")
la --db "$D" add-defaults
is "$RC" 0 "add-defaults exits 0 when it adds nothing"
is "$(printf '%s\n' "$OUT" | grep -c '^Not added')" 4 "one line for each default it did not add"
like "$OUT" "Not added 'Lead': the category 'Lead' (id 1) has that name and is deleted.
  To make it a lead category: leadadmin category restore --id 1 && leadadmin category edit --id 1 --group potential-customer --lead-status" \
	"Lead: deleted, in another group: restore, then edit"
like "$OUT" "Not added 'Marketing qualified lead (MQL)': the category 'MARKETING QUALIFIED LEAD (MQL)' (id 2) has that name and is in the group Partner.
  To make it a lead category: leadadmin category edit --id 2 --group potential-customer --lead-status" \
	"MQL: in another group (under another case)"
like "$OUT" "Not added 'Opportunity': the category 'Opportunity' (id 3) has that name and its lead status is off.
  To make it a lead category: leadadmin category edit --id 3 --lead-status" \
	"Opportunity: lead status off"
is "$(printf '%s\n' "$OUT" | tail -n 2)" "Not added 'Lost opportunity': the category 'Lost opportunity' (id 4) has that name and is deleted.
  To make it a lead category: leadadmin category restore --id 4" "Lost opportunity: only deleted, so restore alone"
unlike "$OUT" "nothing was added" "it does not claim that all defaults are there"
is "$(checksum "$D")" "$before" "and changes nothing"
printf '%s\n' "$OUT" | sed -n 's/^  To make it a lead category: //p' | sed "s|leadadmin |'$LEADADMIN_BIN' |g" >"$TEST_TMP/fix.sh"
LEADADMIN_DB="$D" sh "$TEST_TMP/fix.sh" >/dev/null 2>&1
is "$?" 0 "the printed commands run"
is "$(sql "$D" "SELECT count(*) FROM category WHERE category_id <= 4 AND deleted = 0 AND category_group = 2 AND enable_lead_status = 1")" 4 \
	"and make the four categories lead categories"
la --db "$D" add-defaults
is "$RC:$(printf '%s\n' "$OUT" | grep -c 'is a lead category already')" "0:4" "then each default is a lead category already"
like "$OUT" "All default lead categories are there; nothing was added." "and add-defaults says so"
sql "$D" "UPDATE category SET name = 'Leads' WHERE category_id = 1"
la --db "$D" add-defaults
like "$OUT" "Added category 'Lead' (id 6)." "a missing default is added, with its id"

# The change log names every list.
la --db "$DB" log --list usergroup --format tsv
is "$RC" 0 "log --list usergroup"
like "$OUT" "$(printf 'usergroup\tInside sales\tmove-up')" "the move of a user group is in the log"
la --db "$DB" log --list nothing
is "$RC" 2 "an unknown list is a usage error"
like "$ERR" "category, lead-status, usergroup, heading, user, licence, marketing, schema" "naming the lists"


# The demo's lists in every format, as `list` printed them before it
# streamed (the table measured every item first): byte for byte.
DEMO="$TEST_TMP/demo.db"
la --db "$DEMO" init --language en --demo
la --db "$DEMO" category delete "Marketing qualified lead (MQL)" --yes
is "$RC" 0 "demo: a category deleted"
cat >"$TEST_TMP/want" <<'EOF'
ID  Rank  Name              Group               Lead status  Companies  Contacts  Description
 1     1  Lead              Potential customer  yes                 24        61  A company that has shown interest but is not yet qualified.
 3     3  Opportunity       Potential customer  yes                 17        42  A qualified lead with an open sales opportunity.
 4     4  Lost opportunity  Potential customer  yes                 22        54  A lead whose sales opportunity was lost.
 5     5  Customer          Customer            no                  14        38
 6     6  Partner           Partner             no                  23        62
EOF
"$LEADADMIN_BIN" --db "$DEMO" category list --format table >"$TEST_TMP/got" 2>&1
cmp -s "$TEST_TMP/want" "$TEST_TMP/got"
ok $? "demo: category list --format table as before" || diff "$TEST_TMP/want" "$TEST_TMP/got" | sed 's/^/# /'
cat >"$TEST_TMP/want" <<'EOF'
ID  Rank  Name                            Group               Lead status  Companies  Contacts  Deleted  Description
 1     1  Lead                            Potential customer  yes                 24        61           A company that has shown interest but is not yet qualified.
 2     2  Marketing qualified lead (MQL)  Potential customer  yes                 20        53  deleted  A lead that marketing has qualified for sales.
 3     3  Opportunity                     Potential customer  yes                 17        42           A qualified lead with an open sales opportunity.
 4     4  Lost opportunity                Potential customer  yes                 22        54           A lead whose sales opportunity was lost.
 5     5  Customer                        Customer            no                  14        38
 6     6  Partner                         Partner             no                  23        62
EOF
"$LEADADMIN_BIN" --db "$DEMO" category list --format table --deleted >"$TEST_TMP/got" 2>&1
cmp -s "$TEST_TMP/want" "$TEST_TMP/got"
ok $? "demo: category list --format table --deleted as before" || diff "$TEST_TMP/want" "$TEST_TMP/got" | sed 's/^/# /'
cat >"$TEST_TMP/want" <<'EOF'
id	rank	name	group	lead_status	companies	contacts	deleted	description
1	1	Lead	potential-customer	1	24	61	0	A company that has shown interest but is not yet qualified.
2	2	Marketing qualified lead (MQL)	potential-customer	1	20	53	1	A lead that marketing has qualified for sales.
3	3	Opportunity	potential-customer	1	17	42	0	A qualified lead with an open sales opportunity.
4	4	Lost opportunity	potential-customer	1	22	54	0	A lead whose sales opportunity was lost.
5	5	Customer	customer	0	14	38	0	
6	6	Partner	partner	0	23	62	0	
EOF
"$LEADADMIN_BIN" --db "$DEMO" category list --format tsv --deleted >"$TEST_TMP/got" 2>&1
cmp -s "$TEST_TMP/want" "$TEST_TMP/got"
ok $? "demo: category list --format tsv --deleted as before" || diff "$TEST_TMP/want" "$TEST_TMP/got" | sed 's/^/# /'
cat >"$TEST_TMP/want" <<'EOF'
[
 {"id": 1, "rank": 1, "name": "Lead", "group": "potential-customer", "lead_status": true, "companies": 24, "contacts": 61, "deleted": false, "description": "A company that has shown interest but is not yet qualified."},
 {"id": 3, "rank": 3, "name": "Opportunity", "group": "potential-customer", "lead_status": true, "companies": 17, "contacts": 42, "deleted": false, "description": "A qualified lead with an open sales opportunity."},
 {"id": 4, "rank": 4, "name": "Lost opportunity", "group": "potential-customer", "lead_status": true, "companies": 22, "contacts": 54, "deleted": false, "description": "A lead whose sales opportunity was lost."},
 {"id": 5, "rank": 5, "name": "Customer", "group": "customer", "lead_status": false, "companies": 14, "contacts": 38, "deleted": false, "description": ""},
 {"id": 6, "rank": 6, "name": "Partner", "group": "partner", "lead_status": false, "companies": 23, "contacts": 62, "deleted": false, "description": ""}
]
EOF
"$LEADADMIN_BIN" --db "$DEMO" category list --format json >"$TEST_TMP/got" 2>&1
cmp -s "$TEST_TMP/want" "$TEST_TMP/got"
ok $? "demo: category list --format json as before" || diff "$TEST_TMP/want" "$TEST_TMP/got" | sed 's/^/# /'
cat >"$TEST_TMP/want" <<'EOF'
ID  Rank  Name          Default  Contacts  Description
 1     1  Open          default       115  No outreach has been made by the sales team yet.
 2     2  Contacting                   25  The sales team is actively trying to reach the lead.
 3     3  Qualified                    29  The lead meets all necessary criteria to initiate the sales process.
 4     4  Disqualified                 20  The lead does not meet our criteria and will not be contacted further.
 5     5  Re-nurture                   21  Not ready now but may be in the future; marketing can follow up.
EOF
"$LEADADMIN_BIN" --db "$DEMO" lead-status list --format table >"$TEST_TMP/got" 2>&1
cmp -s "$TEST_TMP/want" "$TEST_TMP/got"
ok $? "demo: lead-status list --format table as before" || diff "$TEST_TMP/want" "$TEST_TMP/got" | sed 's/^/# /'
cat >"$TEST_TMP/want" <<'EOF'
[
 {"id": 1, "rank": 1, "name": "Open", "default": true, "contacts": 115, "deleted": false, "description": "No outreach has been made by the sales team yet."},
 {"id": 2, "rank": 2, "name": "Contacting", "default": false, "contacts": 25, "deleted": false, "description": "The sales team is actively trying to reach the lead."},
 {"id": 3, "rank": 3, "name": "Qualified", "default": false, "contacts": 29, "deleted": false, "description": "The lead meets all necessary criteria to initiate the sales process."},
 {"id": 4, "rank": 4, "name": "Disqualified", "default": false, "contacts": 20, "deleted": false, "description": "The lead does not meet our criteria and will not be contacted further."},
 {"id": 5, "rank": 5, "name": "Re-nurture", "default": false, "contacts": 21, "deleted": false, "description": "Not ready now but may be in the future; marketing can follow up."}
]
EOF
"$LEADADMIN_BIN" --db "$DEMO" lead-status list --format json --deleted >"$TEST_TMP/got" 2>&1
cmp -s "$TEST_TMP/want" "$TEST_TMP/got"
ok $? "demo: lead-status list --format json --deleted as before" || diff "$TEST_TMP/want" "$TEST_TMP/got" | sed 's/^/# /'

finish
