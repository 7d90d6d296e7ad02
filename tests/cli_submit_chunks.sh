#!/bin/sh
# submit looks up a window of up to DB_ROWS_MAX lines in one statement
# and writes the rows of up to that many submissions to each table in one
# statement (src/submit.c, look_up_window, chunk_flush). The same lines
# submitted one process a line must give the same rows with the same ids:
# a line must see what an earlier line of its window made (its key, a
# person of its address in another case, a new company by its folded
# name, an address that is not ASCII, as each engine's lower() reads it)
# as a line at a time does.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

la --db "$DB" init --language de --demo
is "$RC" 0 "init --demo"
la --db "$DB" licence enable marketing-premium
la --db "$DB" marketing set --utm on --form-category Lead \
	--distribute associates --associates anna.berg,jonas.kraft,mia.stein
is "$RC" 0 "marketing set: UTM transfer, Distribute to three owners"
KNOWN=$(sql "SELECT email_address FROM email ORDER BY email_id LIMIT 1")
FIRM=$(sql "SELECT name FROM contact ORDER BY contact_id LIMIT 1")
# A person without an owner and with a second address: two lines of one
# window convert it, by one address and by the other; only the first may
# give it an owner (Distribute gives owners only to those without one).
TWO=$(sql "SELECT person_id FROM email ORDER BY email_id LIMIT 1 OFFSET 1")
TWO_A=$(sql "SELECT email_address FROM email WHERE person_id = $TWO ORDER BY email_id LIMIT 1")
sql "UPDATE person SET associate_id = NULL WHERE person_id = $TWO;
	INSERT INTO email (person_id, contact_id, email_address)
	SELECT person_id, contact_id, 'second.address@chunk.example' FROM person WHERE person_id = $TWO"
is "$(sql "SELECT count(*) FROM email WHERE person_id = $TWO")" 2 "a person with two addresses, without an owner"
B=$(second_db chunks_one)
copy_db "$B"

# Lines of more than two windows (64 lines on SQLite, 256 on PostgreSQL:
# db_rows_best): keys, addresses and companies again.
LINES=150
! on_server || LINES=600
awk -v n="$LINES" -v known="$KNOWN" -v firm="$FIRM" -v two="$TWO_A" 'BEGIN {
	for (i = 1; i <= n; i++) {
		key = "c-" i
		if (i % 17 == 0) key = "c-" (i - 3)
		email = "p" i "@chunk.example"
		if (i % 7 == 0) email = "P" (i - 2) "@Chunk.EXAMPLE"
		# Addresses that are not ASCII from line 101 on: before, the
		# lines are looked up a window at a time.
		if (i > 100 && i % 11 == 0) email = "j\303\266rg" int(i / 22) "@chunk.example"
		if (i > 100 && i % 13 == 0) email = "J\303\226RG" int(i / 26) "@chunk.example"
		if (i == 140) email = "J\303\226RG6@chunk.example"
		if (i % 19 == 0) email = known
		if (i == 40) email = two
		if (i == 44) email = "second.address@chunk.example"
		company = ""
		if (i % 4 == 1 || i % 4 == 2)
			company = (i % 2 ? "Neue Firma " : "NEUE FIRMA ") int((i + 2) / 4)
		if (i % 20 == 3) company = firm
		if (i % 23 == 0) { print "{\"id\": \"broken-" i "\", "; continue }
		printf "{\"id\":\"%s\",\"email\":\"%s\",\"firstname\":\"Vor%d\",\"lastname\":\"Nach%d\",", key, email, i, i
		printf "\"company\":\"%s\",\"url\":\"https://www.example.com/?utm_source=s%d&utm_campaign=k%d\",", company, i % 4, i % 3
		printf "\"submitted\":\"2026-03-01T10:%02d:00Z\"}\n", i % 60
	}
}' >"$TEST_TMP/lines.jsonl"

la --db "$DB" submit "$TEST_TMP/lines.jsonl"
is "$RC" 1 "the whole file in one run (exit 1: lines were rejected)"
WHOLE=$OUT
while IFS= read -r line; do
	printf '%s\n' "$line" >"$TEST_TMP/line.jsonl"
	"$LEADADMIN_BIN" --db "$B" --quiet submit "$TEST_TMP/line.jsonl" >/dev/null 2>&1
done <"$TEST_TMP/lines.jsonl"

# rows TABLE COLUMNS: the rows of TABLE (its stored times left out).
rows() {
	sql "$1" "SELECT $3 FROM $2 ORDER BY $3"
}
for t in "contact contact_id, name, category_idx, associate_id, la_name_key" \
	"person person_id, contact_id, firstname, lastname, leadstatus_id, associate_id" \
	"email email_id, person_id, contact_id, email_address, rank" \
	"form_submission form_submission_id, submission_key, person_id, contact_id, email_address, kind, submitted, url, source, campaign" \
	"utm_parameters utm_parameters_id, created_person_id, created_contact_id, form_submission_id, firsttouch_source, source, campaign" \
	"lead_tally dim, kind, item, value, contacts, companies" \
	"usage_count list, item_id, companies, contacts" \
	"lead_company contact_id, leads"; do
	table=${t%% *}
	a=$(rows "$DB" "$table" "${t#* }")
	b=$(rows "$B" "$table" "${t#* }")
	is "$a" "$b" "$table: the same rows as a line at a time"
done
is "$(sql "SELECT count(*) FROM form_submission WHERE submission_key LIKE 'c-%'")" \
	"$(sql "$B" "SELECT count(*) FROM form_submission WHERE submission_key LIKE 'c-%'")" \
	"as many submissions stored"
# Every 23rd line is broken; every 17th repeats the key of the line three
# before it, which was stored unless that one was broken.
BROKEN=$(awk -v n="$LINES" 'BEGIN { for (i = 1; i <= n; i++) k += i % 23 == 0; print k }')
AGAIN=$(awk -v n="$LINES" 'BEGIN { for (i = 1; i <= n; i++) k += i % 17 == 0 && i % 23 && (i - 3) % 23; print k }')
like "$WHOLE" "$BROKEN rejected" "the $BROKEN broken lines are rejected"
like "$WHOLE" "$AGAIN skipped" "the $AGAIN repeated keys are skipped"
NEW=$(sql "SELECT count(*) FROM contact WHERE la_name_key LIKE 'neue firma%'")
NAMING=$(grep -ci '"company":"neue firma' "$TEST_TMP/lines.jsonl")
ok "$([ "$NEW" -gt 5 ] && [ "$NEW" -lt "$NAMING" ]; echo $?)" \
	"a new company named again in any case or spacing is made once ($NEW companies, $NAMING lines)"
OWNER=$(sql "SELECT associate_id FROM person WHERE person_id = $TWO")
ok "$([ -n "$OWNER" ]; echo $?)" "the person of two addresses got one owner ($OWNER)"
ROT=$(sql "SELECT value FROM setting WHERE key = 'marketing.rotation_last'")
ok "$([ -n "$ROT" ]; echo $?)" "the rotation is stored ($ROT)"
is "$ROT" \
	"$(sql "$B" "SELECT value FROM setting WHERE key = 'marketing.rotation_last'")" \
	"the rotation ends where a line at a time ends it"

# A submission the database refuses (here a trigger) stops the run at its
# line: what its batch made is not kept, and a broken line after it is not
# reported, as a line at a time would not have reached it.
if on_server; then
	sql "CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS
		\$\$ BEGIN IF NEW.firstname = 'Boom' THEN RAISE EXCEPTION 'boom'; END IF; RETURN NEW; END \$\$;
		CREATE TRIGGER boom BEFORE INSERT ON person FOR EACH ROW EXECUTE FUNCTION boom()"
else
	sql "CREATE TRIGGER boom BEFORE INSERT ON person WHEN NEW.firstname = 'Boom'
		BEGIN SELECT RAISE(ABORT, 'boom'); END"
fi
P0=$(sql "SELECT count(*) FROM person")
printf '%s\n' '{"id":"boom-1","email":"fine@boom.example","firstname":"Fine"}' \
	'{"id":"boom-2","email":"boom@boom.example","firstname":"Boom"}' \
	'{"id": "boom-3", ' >"$TEST_TMP/boom.jsonl"
la --db "$DB" submit "$TEST_TMP/boom.jsonl"
ok "$([ "$RC" -ne 0 ] && [ "$RC" -ne 1 ]; echo $?)" "a refused submission fails the run (exit $RC)"
like "$ERR" "boom" "the database's reason is told"
unlike "$ERR" "boom.jsonl:3" "the broken line after it is not reached"
is "$(sql "SELECT count(*) FROM person")" "$P0" "nothing of the batch is kept"

finish
