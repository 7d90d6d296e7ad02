#!/bin/sh
# Lead categorization from the command line (issue 12, part 3): the rules
# of automated_category_update (automation show|set), their checks and
# rights, and lead set-status applying the lead-status rule - the "Done
# when" flow: Qualified -> Opportunity moves a Lead company and logs it, a
# Customer company is left alone, and with confirmation on nothing changes
# without --yes. Everything is read back with sqlite3.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"
audits() { sql "${1:-$DB}" 'SELECT count(*) FROM audit'; }
rule() { sql "SELECT enabled || '|' || coalesce(c.name, '') || '|' || coalesce(s.name, '') || '|' || user_confirmation
	FROM automated_category_update a LEFT JOIN category c ON c.category_id = a.default_category
	LEFT JOIN leadstatus s ON s.leadstatus_id = a.leadstatus_id WHERE trigger_type = $1"; }
# category_of COMPANY: the name of the company's category.
category_of() { sql "SELECT c.name FROM contact k JOIN category c ON c.category_id = k.category_idx WHERE k.name = '$1'"; }
status_of() { sql "SELECT coalesce(s.name, '') FROM email e JOIN person p USING (person_id)
	LEFT JOIN leadstatus s ON s.leadstatus_id = p.leadstatus_id WHERE e.email_address = '$1'"; }

la --db "$DB" init
is "$RC" 0 "init"
is "$(sql "SELECT count(*) || ':' || sum(enabled) FROM automated_category_update")" "4:0" \
	"a new database has the four rules, all off"

la --db "$DB" category add Customer --group customer
is "$RC" 0 "a Customer category"
# Companies and persons: a lead company, a customer, a second lead company.
sql "INSERT INTO contact (contact_id, name, category_idx) VALUES
	(1, 'Acme', (SELECT category_id FROM category WHERE name = 'Lead')),
	(2, 'Bigcorp', (SELECT category_id FROM category WHERE name = 'Customer')),
	(3, 'Carlton', (SELECT category_id FROM category WHERE name = 'Lead'));
INSERT INTO person (person_id, contact_id, leadstatus_id) VALUES
	(1, 1, (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open')),
	(2, 2, NULL),
	(3, 3, (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open')),
	(4, 1, (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open'));
INSERT INTO email (person_id, contact_id, email_address) VALUES
	(1, 1, 'lead@example.org'), (2, 2, 'buyer@example.org'), (3, 3, 'carl@example.org'),
	(4, 1, 'second@example.org')$(keys_filled)"

# ------------------------------------------------------------ show and set
la --db "$DB" automation show
is "$RC" 0 "automation show"
like "$OUT" "lead-status      off" "show lists the lead-status rule, off"
like "$OUT" "leadadmin events FILE" "show says what fires the sale rules"

n=$(audits)
la --db "$DB" automation set lead-status --category Opportunity
is "$RC" 1 "an enabled lead-status rule without a status is refused"
like "$ERR" "lead status that triggers it" "saying why"
la --db "$DB" automation set sale-sold --confirm on
is "$RC" 1 "an enabled rule without a category is refused (SuperOffice's Save waits for one)"
like "$ERR" "needs a category" "saying why"
la --db "$DB" automation set sale-sold --category Nowhere
is "$RC" 1 "an unknown category is refused"
sql "UPDATE category SET deleted = 1 WHERE name = 'Lost opportunity'"
la --db "$DB" automation set sale-lost --category 'Lost opportunity'
is "$RC" 1 "a deleted category is refused"
like "$ERR" "not deleted" "saying why"
sql "UPDATE category SET deleted = 0 WHERE name = 'Lost opportunity'"
la --db "$DB" automation set sale-sold --status Qualified --category Customer
is "$RC" 2 "--status on a sale rule is a usage error"
la --db "$DB" automation set sale-won --category Customer
is "$RC" 2 "an unknown rule is a usage error"
is "$(audits):$(sql 'SELECT sum(enabled) FROM automated_category_update')" "$n:0" \
	"the refusals saved nothing and wrote no audit row"

la --db "$DB" automation set sale-sold --category Customer
is "$RC" 0 "sale-sold -> Customer"
is "$(rule 2)" "1|Customer||0" "the sale-sold rule is on, with its category, no confirmation"
is "$(audits)" "$((n + 1))" "one audit row"
is "$(sql "SELECT list || ':' || item_id || ':' || action FROM audit ORDER BY audit_id DESC LIMIT 1")" \
	"automated_category_update:2:edit" "the audit row names the rule"
la --db "$DB" automation set sale-sold --category Customer
is "$(audits)" "$((n + 1))" "setting the same again writes nothing"
la --db "$DB" automation set sale-lost --category 'Lost opportunity' --confirm on
is "$(rule 3)" "1|Lost opportunity||1" "sale-lost with confirmation"
la --db "$DB" automation set sale-lost off
is "$RC" 0 "a rule turned off"
is "$(rule 3)" "0|Lost opportunity||1" "off keeps its category and confirmation"
la --db "$DB" automation set sale-lost off --category Lead
is "$RC" 0 "off with --category: an off rule's category changes"
is "$(rule 3)" "0|Lead||1" "and it stays off"
la --db "$DB" automation set sale-lost off --confirm off
is "$RC" 2 "off with --confirm is a usage error"
like "$ERR" "'off' takes --category and --status, not --confirm" "which says so"
is "$(rule 3)" "0|Lead||1" "nothing changed"
la --db "$DB" automation set sale-lost off --category 'Lost opportunity'
la --db "$DB" automation show --format json
like "$OUT" '{"trigger": "sale_sold", "enabled": true, "category": "Customer", "leadstatus": null, "confirm": false}' \
	"show --format json"
la --db "$DB" automation show --format tsv
like "$OUT" "$(printf 'sale_sold\ton\tCustomer\t\tno')" "show --format tsv"

la --db "$DB" automation set lead-status --category Opportunity --status Qualified --confirm off
is "$RC" 0 "the rule Qualified -> Opportunity, without confirmation"
is "$(rule 4)" "1|Opportunity|Qualified|0" "stored with its status"

# ------------------------------------------------------------ lead set-status
n=$(audits)
la --db "$DB" lead set-status lead@example.org Qualified
is "$RC" 0 "lead set-status lead@example.org Qualified"
is "$(status_of lead@example.org)" "Qualified" "the person's status is Qualified"
is "$(category_of Acme)" "Opportunity" "its company moved from Lead to Opportunity"
like "$OUT" "from 'Lead' to 'Opportunity'" "the output says so"
is "$(audits)" "$((n + 2))" "two audit rows: the status and the company"
is "$(sql "SELECT action || ':' || $(jget old_value category) || ':' || $(jget new_value category) || ':' || $(jget new_value rule)
	FROM audit WHERE list = 'contact' AND item_id = 1")" "auto-category:Lead:Opportunity:lead_status" \
	"the company's change is logged with the rule that made it"
la --db "$DB" log --list company
like "$OUT" "auto-category" "log --list company shows it"

# The rule applies to Potential customer companies only.
sql "UPDATE person SET leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open') WHERE person_id = 2"
n=$(audits)
la --db "$DB" lead set-status buyer@example.org Qualified
is "$RC" 1 "a contact of a Customer company has no lead status to set (rule 7)"
is "$(category_of Bigcorp):$(status_of buyer@example.org)" "Customer:Open" "the Customer company is left alone"
is "$(audits)" "$n" "and nothing is logged"
# A lead company in a category of another group with lead status on cannot
# exist (rule 1); one whose category is in Potential customer but is the
# rule's category already stays.
la --db "$DB" lead set-status second@example.org Qualified
is "$RC:$(category_of Acme)" "0:Opportunity" "a company in the rule's category already stays"
like "$OUT" "did not apply" "the output says the rule did not apply"

# Confirmation on: nothing changes without --yes.
la --db "$DB" automation set lead-status --confirm on
is "$(rule 4)" "1|Opportunity|Qualified|1" "confirmation on"
sum=$(checksum "$DB")
n=$(audits)
la --db "$DB" lead set-status carl@example.org Qualified
is "$RC" 1 "with confirmation on and no --yes, exit 1"
like "$OUT" "would move the company 'Carlton' from 'Lead' to 'Opportunity'" "the output says what would change"
like "$OUT" "Nothing was changed" "and that nothing was changed"
is "$(checksum "$DB"):$(audits)" "$sum:$n" "nothing changed"
is "$(status_of carl@example.org):$(category_of Carlton)" "Open:Lead" "neither the status nor the category"
la --db "$DB" lead set-status carl@example.org Qualified --category 'Marketing qualified lead (MQL)'
is "$RC" 0 "--category picks another category than the suggested one"
is "$(status_of carl@example.org):$(category_of Carlton)" "Qualified:Marketing qualified lead (MQL)" "it is taken"
is "$(sql "SELECT $(jget new_value chosen) FROM audit WHERE list = 'contact' AND item_id = 3")" 1 \
	"the log says the category was chosen"
sql "UPDATE contact SET category_idx = (SELECT category_id FROM category WHERE name = 'Lead') WHERE contact_id = 3;
	UPDATE person SET leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE name = 'Open') WHERE person_id = 3"
la --db "$DB" lead set-status id:3 Qualified --yes
is "$RC:$(category_of Carlton)" "0:Opportunity" "--yes takes the suggestion (person by id)"

# Other statuses leave the company where it is.
la --db "$DB" lead set-status carl@example.org Contacting
is "$RC:$(status_of carl@example.org):$(category_of Carlton)" "0:Contacting:Opportunity" \
	"another status moves no company"
la --db "$DB" lead set-status nobody@example.org Qualified
is "$RC" 1 "an unknown e-mail address is refused"
like "$ERR" "nobody@example.org" "naming it"
la --db "$DB" lead set-status carl@example.org Nonsense
is "$RC" 1 "an unknown status is refused"
la --db "$DB" lead set-status carl@example.org
is "$RC" 2 "a missing STATUS is a usage error"

# ------------------------------------------------------------ rights
la --db "$DB" user add boss --role general-admin
la --db "$DB" user set-role "$ME" user
n=$(audits)
la --db "$DB" automation set sale-registered --category Opportunity
is "$RC" 1 "a plain user may not change the rules (rule 9)"
like "$ERR" "boss" "the refusal names who can grant access"
is "$(rule 1):$(audits)" "0|||0:$n" "nothing changed"
la --db "$DB" automation show
is "$RC" 0 "a plain user can read the rules"
la --db "$DB" lead set-status carl@example.org Open
is "$RC:$(status_of carl@example.org)" "0:Open" "a plain user sets lead statuses"

# ------------------------------------------------------------ export and import
la --db "$DB" export "$TEST_TMP/rules.json"
is "$RC" 0 "export"
like "$(cat "$TEST_TMP/rules.json")" '"automation": [' "the export has the rules"
NEW="$TEST_TMP/new.db"
"$LEADADMIN_BIN" --db "$NEW" init >/dev/null 2>&1
la --db "$NEW" import "$TEST_TMP/rules.json" --dry-run
is "$RC" 0 "import --dry-run"
like "$OUT" "update the lead categorization rule lead_status" "the plan names the rule"
is "$(sql "$NEW" 'SELECT sum(enabled) FROM automated_category_update')" 0 "a dry run changes no rule"
la --db "$NEW" import "$TEST_TMP/rules.json" --yes
is "$RC" 0 "import into a fresh database"
is "$(sql "$NEW" "SELECT group_concat(a.trigger_type || ':' || a.enabled || ':' || coalesce(c.name, '') || ':' || coalesce(s.name, '') || ':' || a.user_confirmation, ' ')
	FROM automated_category_update a LEFT JOIN category c ON c.category_id = a.default_category
	LEFT JOIN leadstatus s ON s.leadstatus_id = a.leadstatus_id")" \
	"$(sql "SELECT group_concat(a.trigger_type || ':' || a.enabled || ':' || coalesce(c.name, '') || ':' || coalesce(s.name, '') || ':' || a.user_confirmation, ' ')
	FROM automated_category_update a LEFT JOIN category c ON c.category_id = a.default_category
	LEFT JOIN leadstatus s ON s.leadstatus_id = a.leadstatus_id")" "the rules arrive as they were"
# A file made before Lead categorization has no "automation": still imported.
sqlite3 :memory: "SELECT json_remove(readfile('$TEST_TMP/rules.json'), '\$.automation')" >"$TEST_TMP/old.json"
unlike "$(cat "$TEST_TMP/old.json")" '"automation"' "a file without the rules"
OLD="$TEST_TMP/old.db"
"$LEADADMIN_BIN" --db "$OLD" init >/dev/null 2>&1
la --db "$OLD" import "$TEST_TMP/old.json" --yes
is "$RC:$(sql "$OLD" 'SELECT sum(enabled) FROM automated_category_update')" "0:0" "a file without rules imports, its rules left off"
printf '%s\n' '{"format": "leadadmin-lists", "version": 2, "categories": [], "lead_statuses": [], "user_groups": [],' \
	'"automation": [{"trigger": "sale_sold", "enabled": true, "category": null}]}' >"$TEST_TMP/bad.json"
la --db "$OLD" import "$TEST_TMP/bad.json" --yes
is "$RC" 1 "an enabled rule without a category is refused by import too"
like "$ERR" "needs a category" "saying why"

la --db "$DB" automation --help
is "$RC" 0 "automation --help"
like "$OUT" "leadadmin events FILE" "the help says what fires the sale rules"
la --db "$DB" --help
like "$OUT" "lead set-status PERSON STATUS" "leadadmin --help lists lead set-status"

finish
