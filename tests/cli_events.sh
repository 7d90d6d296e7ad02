#!/bin/sh
# Sale events from the command line (issue 12, part 3): `events FILE|-`
# applies the sale rules of Lead categorization to the companies the CRM's
# events name - only in Potential customer, idempotent by id, malformed
# lines reported as submit reports them, confirmation needing --yes or
# --category, a change-log row naming the rule. Read back with sqlite3.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"
audits() { sql 'SELECT count(*) FROM audit'; }
category_of() { sql "SELECT c.name FROM contact k JOIN category c ON c.category_id = k.category_idx WHERE k.contact_id = $1"; }
events() { sql 'SELECT count(*) FROM sale_event'; }

la --db "$DB" init
la --db "$DB" category add Customer --group customer
is "$RC" 0 "a Customer category"
sql "INSERT INTO contact (contact_id, name, category_idx) VALUES
	(1, 'Acme', (SELECT category_id FROM category WHERE name = 'Lead')),
	(2, 'Bigcorp', (SELECT category_id FROM category WHERE name = 'Customer')),
	(3, 'Carlton', (SELECT category_id FROM category WHERE name = 'Lead')),
	(4, 'Dorset', (SELECT category_id FROM category WHERE name = 'Lead'))$(keys_filled)"
la --db "$DB" automation set sale-sold --category Customer
is "$RC" 0 "sale-sold -> Customer"
la --db "$DB" automation set sale-lost --category 'Lost opportunity' --confirm on
is "$RC" 0 "sale-lost -> Lost opportunity, with confirmation"

# ------------------------------------------------------------ apply
cat >"$TEST_TMP/ev.jsonl" <<'JSON'
{"id": "e1", "sale": 100, "company": 1, "event": "sold", "when": "2026-11-30T10:00:00+01:00"}

{"id": "e2", "sale": "s-101", "company": "BIGCORP", "event": "sold"}
{"id": "e3", "sale": 102, "company": "Carlton", "event": "won"}
{"id": 4, "sale": 103, "company": "Dorset", "event": "registered"}
{"id": "e5", "sale": 104, "company": "Nobody", "event": "sold"}
JSON
n=$(audits)
la --db "$DB" events "$TEST_TMP/ev.jsonl"
is "$RC" 1 "a rejected line makes the exit status 1"
like "$OUT" "1 applied, 2 unchanged, 0 skipped, 0 awaiting confirmation, 2 rejected" "the summary counts"
like "$OUT" "ev.jsonl:1: Lead categorization moved the company from 'Lead' to 'Customer'" "the move, with its line"
is "$(category_of 1)" Customer "sold: the Lead company Acme became a Customer"
is "$(category_of 2)" Customer "the Customer company is left alone (not in Potential customer)"
is "$(category_of 4)" Lead "registered: its rule is off, nothing moved"
like "$ERR" "ev.jsonl:4: rejected: \"event\" is missing or not one of registered, sold, lost" \
	"a malformed line is reported with its line number, as submit reports it"
like "$ERR" "ev.jsonl:6: rejected: there is no company named 'Nobody'" "an unknown company is rejected"
is "$(category_of 3)" Lead "the malformed line changed nothing"
is "$(sql "SELECT group_concat(event_key || ':' || sale_key || ':' || contact_id || ':' || trigger_type || ':' || happened || ':' || coalesce(CAST(new_category AS TEXT), '-'), ' ') FROM sale_event")" \
	"e1:100:1:2:2026-11-30 09:00:00:$(sql "SELECT category_id FROM category WHERE name = 'Customer'") e2:s-101:2:2:$(sql "SELECT happened FROM sale_event WHERE event_key = 'e2'"):- 4:103:4:1:$(sql "SELECT happened FROM sale_event WHERE event_key = '4'"):-" \
	"the processed events are recorded by id, with the company, the event and UTC time"
is "$(audits)" "$((n + 1))" "one change-log row: the move"
is "$(sql "SELECT list || ':' || item_id || ':' || action || ':' || $(jget old_value category) || ':' || $(jget new_value category) || ':' || $(jget new_value rule) || ':' || $(jget new_value rule_id) || ':' || $(jget new_value event) || ':' || $(jget new_value sale) || ':' || login FROM audit ORDER BY audit_id DESC LIMIT 1")" \
	"contact:1:auto-category:Lead:Customer:sale_sold:2:e1:100:$ME" "the log row names the rule, the event and the sale"

# ------------------------------------------------------------ idempotent
n=$(audits)
la --db "$DB" events "$TEST_TMP/ev.jsonl"
like "$OUT" "0 applied, 0 unchanged, 3 skipped, 0 awaiting confirmation, 2 rejected" "a second run skips every processed id"
is "$(events):$(audits)" "3:$n" "and records and logs nothing"

# ------------------------------------------------------------ confirmation
printf '%s\n' '{"id": "L1", "sale": 200, "company": 3, "event": "lost"}' >"$TEST_TMP/lost.jsonl"
la --db "$DB" events "$TEST_TMP/lost.jsonl"
is "$RC" 1 "an event awaiting confirmation makes the exit status 1"
like "$OUT" "lost.jsonl:1: event 'L1' (sale '200') would move the company 'Carlton' from 'Lead' to 'Lost opportunity'" \
	"the output says what would change"
like "$OUT" "1 awaiting confirmation" "counted"
like "$ERR" "--yes" "and how to go ahead"
is "$(category_of 3):$(events):$(audits)" "Lead:3:$n" "nothing changed, the event is not recorded"
la --db "$DB" events - --category Opportunity <"$TEST_TMP/lost.jsonl"
is "$RC" 0 "--category ITEM confirms with another category (from stdin)"
is "$(category_of 3)" Opportunity "Carlton went to the category chosen"
is "$(sql "SELECT $(jget new_value chosen) || ':' || $(jget new_value rule) FROM audit ORDER BY audit_id DESC LIMIT 1")" \
	"1:sale_lost" "the log row says the category was chosen"
printf '%s\n' '{"id": "L2", "sale": 201, "company": "Dorset", "event": "lost"}' >"$TEST_TMP/lost2.jsonl"
la --db "$DB" events "$TEST_TMP/lost2.jsonl" --yes
is "$RC:$(category_of 4)" "0:Lost opportunity" "--yes takes the rule's category"
la --db "$DB" events "$TEST_TMP/lost2.jsonl" --yes
like "$OUT" "1 skipped" "and the event is processed once"

# ------------------------------------------------------------ strict, usage, rights
printf '%s\n' 'not json' '{"id": "S1", "sale": 1, "company": 1, "event": "registered"}' >"$TEST_TMP/strict.jsonl"
la --db "$DB" events "$TEST_TMP/strict.jsonl" --strict
is "$RC" 1 "--strict"
like "$ERR" "strict.jsonl:1: rejected: not valid JSON" "reports the line"
like "$ERR" "stopped at the first rejected line" "and stops there"
is "$(sql "SELECT count(*) FROM sale_event WHERE event_key = 'S1'")" 0 "the line after it was not read"
la --db "$DB" events "$TEST_TMP"
is "$RC" 1 "a folder is refused"
like "$ERR" "is a folder, not a file of sale events" "saying so"
la --db "$DB" events "$TEST_TMP/ev.jsonl" --category Nowhere
is "$RC" 1 "an unknown --category is refused"
la --db "$DB" events --bogus
is "$RC" 2 "an unknown option is a usage error"
la --db "$DB" user add boss --role general-admin
la --db "$DB" user set-role "$ME" user
printf '%s\n' '{"id": "P1", "sale": 300, "company": "Acme", "event": "sold"}' >"$TEST_TMP/plain.jsonl"
la --db "$DB" events "$TEST_TMP/plain.jsonl"
is "$RC" 0 "a plain active user processes sale events, as submit"
sql "UPDATE associate SET deleted = 1 WHERE name = '$ME'"
printf '%s\n' '{"id": "P2", "sale": 301, "company": "Acme", "event": "sold"}' >"$TEST_TMP/gone.jsonl"
la --db "$DB" events "$TEST_TMP/gone.jsonl"
is "$RC" 1 "a login that is no active user may not"
like "$ERR" "Sale events are processed for a user of this CRM database" "saying why"
is "$(sql "SELECT count(*) FROM sale_event WHERE event_key = 'P2'")" 0 "nothing recorded"
sql "UPDATE associate SET deleted = 0 WHERE name = '$ME'"

la --db "$DB" events --help
is "$RC" 0 "events --help"
like "$OUT" "registered" "names the events"
la --db "$DB" --help
like "$OUT" "events [FILE|-] [--strict] [--yes]" "leadadmin --help lists events"

finish
