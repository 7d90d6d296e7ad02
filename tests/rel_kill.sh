#!/bin/sh
# Reliability 2: killed mid-work. `kill -9` at pseudo-random moments during
# a 10,000-item `import` and a 100,000-line `submit`, several rounds each.
# Afterwards PRAGMA integrity_check is ok, the import is all or nothing
# (no new item, or all 10,000), and re-running `submit` to the end gives
# exactly one contact per submission id.
# The kill moment: the import's rounds wait (polling, no sleep) until the
# importer holds the write lock, i.e. is inside its transaction, then
# sleep a pseudo-random 0-90 ms (the fault being injected); the submit's
# rounds poll the database until a pseudo-random number of submissions is
# committed, then kill at once. REL_KILL_ROUNDS sets the rounds (4).
# The screens signalled with SIGTERM and SIGHUP in the middle of an edit
# exit without saving any of it (and tests/ui_tmux.sh, in a real terminal).
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ROUNDS=${REL_KILL_ROUNDS:-4}
ITEMS=${REL_KILL_ITEMS:-10000}
LINES_=${REL_KILL_LINES:-100000}
# A copy of the binary: a rebuild during the run must not change it.
BIN=$TEST_TMP/leadadmin
cp "$LEADADMIN_BIN" "$BIN"
r=4242
# rand N: a pseudo-random number 0..N-1 in $R (an LCG, the same every run).
rand() {
	r=$(((r * 1103515245 + 12345) % 2147483648))
	R=$((r / 65536 % $1))
}

# ms: milliseconds since the epoch.
ms() {
	t=$(date +%s%N)
	echo $((t / 1000000))
}

# locked: true while another connection holds the write lock.
locked() {
	! "$SQLITE3" -batch "$DB" "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;" >/dev/null 2>&1
}

# ------------------------------------------------------------ import
"$BIN" --db "$DB" init >/dev/null 2>&1
is "$?" 0 "a database to import into"
awk -v n="$ITEMS" 'BEGIN {
	printf "{\"format\": \"leadadmin-lists\", \"version\": 1, \"categories\": ["
	for (i = 1; i <= n; i++)
		printf "%s\n {\"name\": \"Imported %05d\", \"group\": \"%s\", \"lead_status\": %s, \"description\": \"item %d\"}",
			(i > 1 ? "," : ""), i, (i % 3 ? "potential-customer" : "partner"), (i % 3 ? "true" : "false"), i
	printf "],\n \"lead_statuses\": [{\"name\": \"Imported status\", \"default\": false}]}\n"
}' >"$TEST_TMP/import.json"
cats0=$(sql "SELECT count(*) FROM category")
"$BIN" --db "$TEST_TMP/timing.db" init >/dev/null 2>&1
start=$(ms)
"$BIN" --db "$TEST_TMP/timing.db" import "$TEST_TMP/import.json" >/dev/null 2>&1
is "$?" 0 "an import of $ITEMS items runs to the end (timing run on another database)"
echo "# an import of $ITEMS items took $(($(ms) - start)) ms"
is "$(sql "$TEST_TMP/timing.db" "SELECT count(*) FROM category WHERE name LIKE 'Imported %'")" "$ITEMS" \
	"and adds all $ITEMS items"

inside=0
round=1
while [ "$round" -le "$ROUNDS" ]; do
	"$BIN" --db "$DB" import "$TEST_TMP/import.json" >/dev/null 2>"$TEST_TMP/import.err" &
	pid=$!
	# Until the importer is inside its write transaction (or done).
	while kill -0 "$pid" 2>/dev/null && ! locked; do :; done
	rand 10
	sleep "0.0$R"
	if kill -9 "$pid" 2>/dev/null; then
		{ wait "$pid"; } 2>/dev/null
		got=$?
		[ "$got" -eq 137 ] && inside=$((inside + 1))
		echo "# import round $round: killed after the lock + 0.0$R s (exit $got)"
	else
		wait "$pid"
		echo "# import round $round: finished before the kill (exit $?)"
	fi
	n=$(sql "SELECT count(*) FROM category WHERE name LIKE 'Imported %'")
	ok "$([ "$n" -eq 0 ] || [ "$n" -eq "$ITEMS" ]; echo $?)" \
		"import round $round: all or nothing ($n of $ITEMS items)"
	is "$(sql 'PRAGMA integrity_check')" ok "import round $round: integrity_check ok"
	like "$("$BIN" --db "$DB" setup-check --deep 2>&1)" "the kept counts (in use, lead overview) equal a count of the rows" \
		"import round $round: the kept counts equal a count (setup-check --deep)"
	if [ "$n" -eq "$ITEMS" ]; then
		# It got through: take the items out again for the next round.
		sql "DELETE FROM audit WHERE list = 'category' AND item_id IN (SELECT category_id FROM category WHERE name LIKE 'Imported %');
			DELETE FROM category WHERE name LIKE 'Imported %'; DELETE FROM leadstatus WHERE name = 'Imported status'"
	fi
	round=$((round + 1))
done
ok "$([ "$inside" -ge 1 ]; echo $?)" "at least one import was killed inside its transaction ($inside of $ROUNDS)"
is "$(sql "SELECT count(*) FROM category")" "$cats0" "no item of a killed import is left"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'category' AND action = 'add' AND new_value LIKE '%Imported %'")" 0 \
	"and no audit row of one"
la --db "$DB" import "$TEST_TMP/import.json"
is "$RC" 0 "the import run again goes through"
is "$(sql "SELECT count(*) FROM category WHERE name LIKE 'Imported %'")" "$ITEMS" "all $ITEMS items are in"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'category' AND action = 'add' AND new_value LIKE '%Imported %'")" "$ITEMS" \
	"with one audit row each"
is "$(sql 'PRAGMA integrity_check')" ok "integrity_check ok after the import"

# ------------------------------------------------------------ submit
SDB=$TEST_TMP/submit.db
"$BIN" --db "$SDB" init >/dev/null 2>&1
"$BIN" --db "$SDB" licence enable marketing-premium >/dev/null 2>&1
"$BIN" --db "$SDB" marketing set --utm on --form-category Lead >/dev/null 2>&1
is "$?" 0 "a database for submissions, with UTM transfer on"
# 100,000 submissions: new people (most with a new or known company), and
# every 10th a second submission of an earlier person (a conversion).
awk -v n="$LINES_" 'BEGIN {
	for (i = 1; i <= n; i++) {
		p = (i % 10 == 0) ? i - 5 : i
		printf "{\"id\": \"sub-%06d\", \"email\": \"person%06d@example.com\", \"firstname\": \"First%d\", \"lastname\": \"Last%d\", \"company\": \"Company %d\", \"url\": \"https://example.com/form?utm_source=src%d&utm_campaign=c%d\", \"submitted\": \"2026-01-02T03:04:05Z\"}\n",
			i, p, p, p, p % 3000, i % 7, i % 13
	}
}' >"$TEST_TMP/submit.jsonl"
persons_want=$(awk -v n="$LINES_" 'BEGIN { c = 0; for (i = 1; i <= n; i++) if (i % 10 != 0) c++; print c }')
round=1
killed=0
while [ "$round" -le "$ROUNDS" ]; do
	# Somewhere in the first half of what is left.
	rand 50
	before=$(sql "$SDB" "SELECT count(*) FROM form_submission")
	goal=$((before + 1 + (R + 1) * (LINES_ - before) / 100))
	"$BIN" --db "$SDB" submit "$TEST_TMP/submit.jsonl" >/dev/null 2>"$TEST_TMP/submit.err" &
	pid=$!
	# Until that many submissions are committed (polling), then kill.
	while kill -0 "$pid" 2>/dev/null &&
		[ "$(sql "$SDB" "SELECT count(*) FROM form_submission" 2>/dev/null || echo 0)" -lt "$goal" ]; do
		:
	done
	if kill -9 "$pid" 2>/dev/null; then
		{ wait "$pid"; } 2>/dev/null
		got=$?
		[ "$got" -eq 137 ] && killed=$((killed + 1))
	else
		wait "$pid"
		got=$?
	fi
	n=$(sql "$SDB" "SELECT count(*) FROM form_submission")
	echo "# submit round $round: kill at >= $goal submissions, exit $got, $n committed"
	is "$(sql "$SDB" 'PRAGMA integrity_check')" ok "submit round $round: integrity_check ok"
	is "$(sql "$SDB" "SELECT count(*) FROM person p WHERE NOT EXISTS
		(SELECT 1 FROM form_submission f WHERE f.person_id = p.person_id AND f.kind = 'created')")" 0 \
		"submit round $round: no contact without the submission that made it (each one is atomic)"
	is "$(sql "$SDB" "SELECT count(*) FROM form_submission f WHERE f.person_id IS NULL
		OR NOT EXISTS (SELECT 1 FROM person p WHERE p.person_id = f.person_id)")" 0 \
		"submit round $round: no submission without its contact"
	like "$("$BIN" --db "$SDB" setup-check --deep 2>&1)" "the kept counts (in use, lead overview) equal a count of the rows" \
		"submit round $round: the kept counts equal a count (setup-check --deep)"
	round=$((round + 1))
done
ok "$([ "$killed" -ge $((ROUNDS - 1)) ]; echo $?)" "the submit was killed mid-run in $killed of $ROUNDS rounds"
start=$(ms)
la --db "$SDB" submit "$TEST_TMP/submit.jsonl"
took=$(($(ms) - start))
is "$RC" 0 "submit run again to the end: exit 0"
echo "# the last run took $took ms: $OUT"
like "$OUT" "skipped" "it skips the submissions already processed"
is "$(sql "$SDB" "SELECT count(*) FROM form_submission")" "$LINES_" "one form_submission per line"
is "$(sql "$SDB" "SELECT count(DISTINCT submission_key) FROM form_submission")" "$LINES_" "one per submission id"
is "$(sql "$SDB" "SELECT count(*) FROM person")" "$persons_want" "exactly one contact per person submitted"
is "$(sql "$SDB" "SELECT count(*) FROM form_submission WHERE kind = 'created'")" "$persons_want" \
	"every contact was created by exactly one submission"
is "$(sql "$SDB" "SELECT count(*) FROM (SELECT lower(email_address) FROM email GROUP BY 1 HAVING count(*) > 1)")" 0 \
	"no e-mail address twice"
is "$(sql "$SDB" "SELECT count(*) FROM utm_parameters")" "$persons_want" "one utm_parameters row per created contact"
is "$(sql "$SDB" "SELECT count(*) FROM (SELECT la_name_key FROM contact GROUP BY 1 HAVING count(*) > 1)")" 0 \
	"no company twice"
is "$(sql "$SDB" "SELECT count(*) FROM leadstatus l LEFT JOIN usage_count u ON u.list = 'leadstatus' AND u.item_id = l.leadstatus_id
	WHERE coalesce(u.contacts, 0) <> (SELECT count(*) FROM person p WHERE p.leadstatus_id = l.leadstatus_id)")" 0 \
	"the usage counters equal the real counts"
is "$(sql "$SDB" 'PRAGMA integrity_check')" ok "integrity_check ok at the end"

# ------------------------------------------------------------ the screens
# SIGTERM and SIGHUP while an edit dialog holds unsaved changes: a :run
# step of the key script signals leadadmin (its parent) just before the
# Enter that would save. (tests/ui_tmux.sh does the same for SIGHUP in a
# real terminal, and checks that the terminal is restored.)
for sig in TERM HUP; do
	GDB=$TEST_TMP/signal-$sig.db
	"$BIN" --db "$GDB" init >/dev/null 2>&1
	printf 'kill -%s "$PPID"\n' "$sig" >"$TEST_TMP/signal.sh"
	printf '<Enter><Enter>\n<Enter>\n<Tab><Tab>\n<End> (unsaved)\n:run sh "$SIGNAL_SH"\n<Enter>\n:dump\n' \
		>"$TEST_TMP/signal.keys"
	sum=$(checksum "$GDB")
	SIGNAL_SH=$TEST_TMP/signal.sh COLUMNS=80 LINES=24 TERM=xterm \
		"$BIN" --db "$GDB" --script "$TEST_TMP/signal.keys" --dump "$TEST_TMP/signal.dump" >/dev/null 2>&1
	got=$?
	[ "$sig" = TERM ] && want=143 || want=129
	is "$got" "$want" "the screens, SIG$sig during an edit: exit $want"
	is "$(sql "$GDB" "SELECT count(*) FROM category WHERE tooltip LIKE '%(unsaved)%'")" 0 \
		"the screens, SIG$sig during an edit: nothing of the edit was saved"
	is "$(checksum "$GDB")" "$sum" "the screens, SIG$sig during an edit: the database is unchanged"
	is "$(sql "$GDB" 'PRAGMA integrity_check')" ok "the screens, SIG$sig during an edit: integrity_check ok"
done

finish
