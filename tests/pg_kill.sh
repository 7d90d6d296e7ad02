#!/bin/sh
# Reliability on PostgreSQL (tests/rel_kill.sh does it on SQLite): `kill -9`
# during an `import` and during a `submit` into a database on a real server
# (tests/pglib.sh). The server rolls back what the killed session had not
# committed: the import is all or nothing, each submission is whole (a
# contact with the submission that made it), the kept counts equal a count
# of the rows (setup-check --deep), and `submit` run again to the end gives
# one contact per person and one row per submission id.
# The import's rounds wait until its session holds the lock on category
# (it is inside its transaction), then sleep a pseudo-random 0-90 ms; the
# submit's rounds wait until a pseudo-random number of submissions is
# committed, then kill at once. PG_KILL_ROUNDS (3), PG_KILL_ITEMS (3000)
# and PG_KILL_LINES (6000) set the sizes; .ci/run runs it larger.
# Skips without PostgreSQL.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"

ROUNDS=${PG_KILL_ROUNDS:-3}
ITEMS=${PG_KILL_ITEMS:-3000}
LINES_=${PG_KILL_LINES:-6000}
pg_start leadadmin
# A copy of the binary: a rebuild during the run must not change it.
BIN=$TEST_TMP/leadadmin
cp "$LEADADMIN_BIN" "$BIN"
r=4242
# rand N: a pseudo-random number 0..N-1 in $R (an LCG, the same every run).
rand() {
	r=$(((r * 1103515245 + 12345) % 2147483648))
	R=$((r / 65536 % $1))
}

# q [DB] QUERY: one value from the server.
q() {
	if [ $# -eq 2 ]; then
		pg_psql -d "$1" -At -c "$2"
	else
		pg_psql -At -c "$1"
	fi
}

# locked: another session holds the lock that a change of the lists takes.
locked() {
	[ "$(q "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
		WHERE c.relname = 'category' AND l.mode = 'ShareRowExclusiveLock' AND l.granted
		AND l.pid <> pg_backend_pid()")" -gt 0 ]
}

# settled DB: once the killed client's session has ended on the server
# (it ends when the server notices the closed connection).
settled() {
	n=0
	while [ "$(q "$1" "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()
		AND pid <> pg_backend_pid() AND backend_type = 'client backend'")" -gt 0 ]; do
		n=$((n + 1))
		[ "$n" -lt 200 ] || return 1
		sleep 0.05
	done
}

deep_ok="the kept counts (in use, lead overview) equal a count of the rows"

# ------------------------------------------------------------ import
"$BIN" --db "$PG_URL" init >/dev/null 2>&1
is "$?" 0 "a PostgreSQL database to import into"
awk -v n="$ITEMS" 'BEGIN {
	printf "{\"format\": \"leadadmin-lists\", \"version\": 1, \"categories\": ["
	for (i = 1; i <= n; i++)
		printf "%s\n {\"name\": \"Imported %05d\", \"group\": \"%s\", \"lead_status\": %s, \"description\": \"item %d\"}",
			(i > 1 ? "," : ""), i, (i % 3 ? "potential-customer" : "partner"), (i % 3 ? "true" : "false"), i
	printf "],\n \"lead_statuses\": [{\"name\": \"Imported status\", \"default\": false}]}\n"
}' >"$TEST_TMP/import.json"
cats0=$(q "SELECT count(*) FROM category")
audit0=$(q "SELECT count(*) FROM audit")
last0=$(q "SELECT max(audit_id) FROM audit")

inside=0
round=1
while [ "$round" -le "$ROUNDS" ]; do
	"$BIN" --db "$PG_URL" import "$TEST_TMP/import.json" >/dev/null 2>"$TEST_TMP/import.err" &
	pid=$!
	# Until the importer is inside its transaction (or done; a minute at
	# most).
	t0=$(date +%s)
	while kill -0 "$pid" 2>/dev/null && ! locked && [ $(($(date +%s) - t0)) -lt 60 ]; do :; done
	rand 10
	sleep "0.0$R"
	if kill -9 "$pid" 2>/dev/null; then
		{ wait "$pid"; } 2>/dev/null
		got=$?
		echo "# import round $round: killed after the lock + 0.0$R s (exit $got)"
	else
		wait "$pid"
		got=$?
		echo "# import round $round: finished before the kill (exit $got)"
		is "$got" 0 "import round $round: the import that was not killed succeeded"
	fi
	settled "$PG_DB"
	ok $? "import round $round: the killed session ends on the server"
	n=$(q "SELECT count(*) FROM category WHERE name LIKE 'Imported %'")
	st=$(q "SELECT count(*) FROM leadstatus WHERE name = 'Imported status'")
	lg=$(q "SELECT count(*) FROM audit WHERE audit_id > $last0")
	ok "$({ [ "$n" -eq 0 ] && [ "$st" -eq 0 ] && [ "$lg" -eq 0 ]; } ||
		{ [ "$n" -eq "$ITEMS" ] && [ "$st" -eq 1 ] && [ "$lg" -gt "$ITEMS" ]; }; echo $?)" \
		"import round $round: all or nothing ($n of $ITEMS items, $st of 1 status, $lg change-log rows)"
	# A round counts as killed inside the transaction only when it left
	# nothing: a kill after the commit is no test of the rollback.
	[ "$got" -eq 137 ] && [ "$n" -eq 0 ] && inside=$((inside + 1))
	la --db "$PG_URL" setup-check --deep
	is "$RC" 0 "import round $round: setup-check --deep finds nothing (exit 0)"
	like "$OUT" "$deep_ok" "import round $round: the kept counts equal a count"
	if [ "$n" -eq "$ITEMS" ]; then
		echo "# import round $round: the import got through; its items are taken out again"
		pg_psql -q -c "DELETE FROM audit WHERE audit_id > $last0" \
			-c "DELETE FROM la_name_lang WHERE tbl = 'category' AND item IN (SELECT category_id FROM category WHERE name LIKE 'Imported %')" \
			-c "DELETE FROM category WHERE name LIKE 'Imported %'" \
			-c "DELETE FROM leadstatus WHERE name = 'Imported status'"
	fi
	round=$((round + 1))
done
ok "$([ "$inside" -ge 1 ]; echo $?)" "at least one import was killed inside its transaction ($inside of $ROUNDS)"
is "$(q "SELECT count(*) FROM category")" "$cats0" "no item of a killed import is left"
is "$(q "SELECT count(*) FROM audit")" "$audit0" "and no change-log row of one"
la --db "$PG_URL" import "$TEST_TMP/import.json"
is "$RC" 0 "the import run again goes through"
is "$(q "SELECT count(*) FROM category WHERE name LIKE 'Imported %'")" "$ITEMS" "all $ITEMS items are in"
is "$(q "SELECT count(*) FROM audit WHERE list = 'category' AND action = 'add' AND new_value LIKE '%Imported %'")" "$ITEMS" \
	"with one change-log row each"

# ------------------------------------------------------------ submit
pg_psql -d template1 -q -c "CREATE DATABASE submit OWNER \"$(id -un)\""
SURL=$(printf '%s' "$PG_URL" | sed "s|:///$PG_DB?|:///submit?|")
"$BIN" --db "$SURL" init >/dev/null 2>&1 &&
	"$BIN" --db "$SURL" licence enable marketing-premium >/dev/null 2>&1 &&
	"$BIN" --db "$SURL" marketing set --utm on --form-category Lead >/dev/null 2>&1
is "$?" 0 "a PostgreSQL database for submissions, with UTM transfer on"
# New people (most with a new or known company), and every 10th a second
# submission of an earlier person (a conversion).
awk -v n="$LINES_" 'BEGIN {
	for (i = 1; i <= n; i++) {
		p = (i % 10 == 0) ? i - 5 : i
		printf "{\"id\": \"sub-%06d\", \"email\": \"person%06d@example.com\", \"firstname\": \"First%d\", \"lastname\": \"Last%d\", \"company\": \"Company %d\", \"url\": \"https://example.com/form?utm_source=src%d&utm_campaign=c%d\", \"submitted\": \"2026-01-02T03:04:05Z\"}\n",
			i, p, p, p, p % 300, i % 7, i % 13
	}
}' >"$TEST_TMP/submit.jsonl"
persons_want=$(awk -v n="$LINES_" 'BEGIN { c = 0; for (i = 1; i <= n; i++) if (i % 10 != 0) c++; print c }')
round=1
killed=0
while [ "$round" -le "$ROUNDS" ]; do
	# Somewhere in the first half of what is left.
	rand 50
	before=$(q submit "SELECT count(*) FROM form_submission")
	goal=$((before + 1 + (R + 1) * (LINES_ - before) / 100))
	"$BIN" --db "$SURL" submit "$TEST_TMP/submit.jsonl" >/dev/null 2>"$TEST_TMP/submit.err" &
	pid=$!
	t0=$(date +%s)
	while kill -0 "$pid" 2>/dev/null && [ $(($(date +%s) - t0)) -lt 300 ] &&
		[ "$(q submit "SELECT count(*) FROM form_submission" 2>/dev/null || echo 0)" -lt "$goal" ]; do
		sleep 0.01
	done
	if kill -9 "$pid" 2>/dev/null; then
		{ wait "$pid"; } 2>/dev/null
		got=$?
	else
		wait "$pid"
		got=$?
	fi
	settled submit
	ok $? "submit round $round: the killed session ends on the server"
	n=$(q submit "SELECT count(*) FROM form_submission")
	# Killed mid-run: before its last submission was committed.
	[ "$got" -eq 137 ] && [ "$n" -lt "$LINES_" ] && killed=$((killed + 1))
	echo "# submit round $round: kill at >= $goal submissions, exit $got, $n committed"
	is "$(q submit "SELECT count(*) FROM person p WHERE NOT EXISTS
		(SELECT 1 FROM form_submission f WHERE f.person_id = p.person_id AND f.kind = 'created')")" 0 \
		"submit round $round: no contact without the submission that made it"
	is "$(q submit "SELECT count(*) FROM form_submission f WHERE f.person_id IS NULL")" 0 \
		"submit round $round: no submission without its contact"
	is "$(q submit "SELECT count(*) FROM person p WHERE NOT EXISTS
		(SELECT 1 FROM email e WHERE e.person_id = p.person_id)")" 0 \
		"submit round $round: no contact without its e-mail address"
	is "$(q submit "SELECT count(*) FROM form_submission f WHERE f.kind = 'created' AND NOT EXISTS
		(SELECT 1 FROM utm_parameters u WHERE u.created_person_id = f.person_id)")" 0 \
		"submit round $round: no new contact without its UTM data"
	is "$(q submit "SELECT count(*) FROM contact k WHERE NOT EXISTS
		(SELECT 1 FROM person p WHERE p.contact_id = k.contact_id)")" 0 \
		"submit round $round: no company without the contact it was made for"
	la --db "$SURL" setup-check --deep
	is "$RC" 0 "submit round $round: setup-check --deep finds nothing (exit 0)"
	like "$OUT" "$deep_ok" "submit round $round: the kept counts equal a count"
	round=$((round + 1))
done
ok "$([ "$killed" -ge $((ROUNDS - 1)) ]; echo $?)" "the submit was killed mid-run in $killed of $ROUNDS rounds"
la --db "$SURL" submit "$TEST_TMP/submit.jsonl"
is "$RC" 0 "submit run again to the end: exit 0"
like "$OUT" "skipped" "it skips the submissions already processed"
is "$(q submit "SELECT count(*) FROM form_submission")" "$LINES_" "one form_submission per line"
is "$(q submit "SELECT count(*) FROM person")" "$persons_want" "exactly one contact per person submitted"
is "$(q submit "SELECT count(*) FROM form_submission WHERE kind = 'created'")" "$persons_want" \
	"every contact was created by exactly one submission"
is "$(q submit "SELECT count(*) FROM (SELECT lower(email_address) FROM email GROUP BY 1 HAVING count(*) > 1) AS d")" 0 \
	"no e-mail address twice"
is "$(q submit "SELECT count(*) FROM utm_parameters")" "$persons_want" "one utm_parameters row per created contact"
is "$(q submit "SELECT count(*) FROM (SELECT la_name_key FROM contact GROUP BY 1 HAVING count(*) > 1) AS d")" 0 \
	"no company twice"
la --db "$SURL" setup-check --deep
is "$RC" 0 "setup-check --deep finds nothing at the end (exit 0)"
like "$OUT" "$deep_ok" "the kept counts equal a count at the end"

finish
