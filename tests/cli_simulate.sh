#!/bin/sh
# marketing simulate: the dry run of Distribute to owner. On the demo
# database it predicts exactly what submit then does with the same lines,
# and --last N what the stored submissions did from the same rotation; it
# writes nothing; who is skipped and why; bad input. Read back with sqlite3.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

# owners_of SQL-CONDITION: "login:count,..." of the persons of submissions.
owners_of() {
	sql "SELECT group_concat(x, ',') FROM (SELECT a.name || ':' || count(*) AS x FROM form_submission f
		JOIN person p USING (person_id) JOIN associate a ON a.associate_id = p.associate_id
		WHERE $1 GROUP BY a.name ORDER BY a.name) AS o"
}
# predicted: "login:count,..." of the owner rows of a TSV simulation in $OUT.
predicted() {
	printf '%s\n' "$OUT" | awk -F'\t' '$1 == "owner" || $1 == "fallback" { if ($4 > 0) print $2 ":" $4 }' |
		sort | paste -sd, -
}
rotation() { sql "SELECT coalesce((SELECT value FROM setting WHERE key = 'marketing.rotation_last'), 'none')"; }

la --db "$DB" init --demo
is "$RC" 0 "init --demo"

# ------------------------------------------------------------ refused
FORMS="$TEST_TMP/forms.jsonl"
i=1
while [ "$i" -le 200 ]; do
	printf '{"id": "sim-%d", "email": "lead%d@example.net", "firstname": "Lead", "lastname": "Number %d", "company": "Firma %d", "submitted": "2026-04-01T10:00:00Z"}\n' \
		"$i" "$i" "$i" $((i % 9))
	i=$((i + 1))
done >"$FORMS"
is "$(wc -l <"$FORMS" | tr -d ' ')" 200 "a file of 200 submissions"

la --db "$DB" marketing simulate "$FORMS"
is "$RC" 1 "without the licence simulate is refused with exit 1"
like "$ERR" "Marketing Premium licence is not enabled" "and says that the licence is off"
la --db "$DB" licence enable marketing-premium
la --db "$DB" marketing simulate "$FORMS"
is "$RC" 1 "with Distribute off simulate is refused with exit 1"
like "$ERR" "Distribute to owner is off" "and says that Distribute is off"
like "$ERR" "--distribute associates" "and how to preview it"

# Distribute off, but the associates stored: --distribute previews them.
la --db "$DB" marketing set --associates anna.berg,jonas.kraft,mia.stein,paul.roth
is "$RC" 0 "four associates stored while Distribute is off"
la --db "$DB" marketing simulate "$FORMS" --distribute associates --format tsv
is "$RC" 0 "--distribute associates previews while Distribute is off"
is "$(predicted)" "anna.berg:50,jonas.kraft:50,mia.stein:50,paul.roth:50" \
	"the preview shares 200 out evenly to the four"
is "$(sql "SELECT value FROM setting WHERE key = 'marketing.distribute_mode'")" 0 \
	"the preview leaves Distribute off in the database"

# ------------------------------------------------------------ FILE predicts submit
la --db "$DB" marketing set --distribute associates
is "$RC" 0 "Distribute to owner on (associates)"
la --db "$DB" user edit paul.roth --inactive
is "$RC" 0 "paul.roth deactivated"
# The rotation somewhere in the middle: it continues after jonas.kraft.
sql "INSERT INTO setting (key, value) VALUES ('marketing.rotation_last', (SELECT CAST(associate_id AS TEXT) FROM associate WHERE name = 'jonas.kraft')) ON CONFLICT (key) DO UPDATE SET value = excluded.value"
ROT0=$(rotation)

SUM0=$(checksum "$DB")
on_server || MD0=$(md5sum <"$DB")
la --db "$DB" marketing simulate "$FORMS" --format tsv
is "$RC" 0 "marketing simulate FILE --format tsv"
PRED=$(predicted)
is "$PRED" "anna.berg:67,jonas.kraft:66,mia.stein:67" "200 new contacts: 67, 66 and 67 from after jonas.kraft"
like "$OUT" "$(printf 'skipped\tpaul.roth\t')" "paul.roth is skipped"
like "$OUT" "$(printf '\tinactive')" "... as inactive"
is "$(printf '%s\n' "$OUT" | head -1)" "$(printf 'kind\tlogin\tid\tcontacts\twhy')" "the TSV header"
la --db "$DB" marketing simulate "$FORMS"
is "$RC" 0 "marketing simulate FILE (table)"
like "$OUT" "a dry run: nothing is saved" "the table says that nothing is saved"
like "$OUT" "The rotation continues after: jonas.kraft" "the table says where the rotation stands"
like "$OUT" "inactive (deactivated user)" "the table says why paul.roth is skipped"
like "$OUT" "Largest difference between two owners: 1" "the largest difference is 1"
la --db "$DB" --lang de marketing simulate "$FORMS"
like "$OUT" "ein Probelauf: nichts wird gespeichert" "in German the table says that nothing is saved"
like "$OUT" "inaktiv (deaktivierter Benutzer)" "... and why paul.roth is skipped"
la --db "$DB" marketing simulate - --format json <"$FORMS"
is "$RC" 0 "marketing simulate - (standard input) --format json"
is "$("$SQLITE3" -batch :memory: "SELECT json_extract('$OUT', '\$.given') || ' ' || json_extract('$OUT', '\$.largest_difference') || ' ' || json_extract('$OUT', '\$.skipped[0].why')")" \
	"200 1 inactive" "the JSON has given, largest_difference and skipped[].why"
is "$(checksum "$DB")" "$SUM0" "simulate changed no table"
on_server || is "$(md5sum <"$DB")" "$MD0" "simulate left the database file's bytes as they were"
is "$(rotation)" "$ROT0" "simulate left the rotation where it was"
is "$(sql "SELECT count(*) FROM form_submission")" 0 "simulate stored no submission"

la --db "$DB" submit "$FORMS"
is "$RC" 0 "submit the same 200 lines"
is "$(owners_of "f.submission_key LIKE 'sim-%'")" "$PRED" "submit gave exactly the owners simulate predicted"
ROT1=$(rotation)

# ------------------------------------------------------------ --last N
sql "UPDATE setting SET value = '$ROT0' WHERE key = 'marketing.rotation_last'"
la --db "$DB" marketing simulate --last 200 --format tsv
is "$RC" 0 "marketing simulate --last 200"
is "$(predicted)" "$PRED" "--last 200 from the same rotation predicts what those 200 did"
sql "UPDATE setting SET value = '$ROT1' WHERE key = 'marketing.rotation_last'"
la --db "$DB" marketing simulate --last 3 --format tsv
is "$(predicted)" "anna.berg:1,jonas.kraft:1,mia.stein:1" "--last 3 replays three from the rotation as it is now"
la --db "$DB" marketing simulate --format json
is "$("$SQLITE3" -batch :memory: "SELECT json_extract('$OUT', '\$.submissions')")" 100 \
	"without FILE and --last simulate replays the last 100"

# ------------------------------------------------------------ conversions, repeats
MORE="$TEST_TMP/more.jsonl"
cat >"$MORE" <<'EOF2'
{"id": "sim-1", "email": "lead1@example.net", "firstname": "Lead", "lastname": "Again", "submitted": "2026-04-02T10:00:00Z"}
{"id": "more-1", "email": "neu1@example.net", "firstname": "Neu", "lastname": "Eins", "submitted": "2026-04-02T10:00:00Z"}
{"id": "more-1", "email": "neu1@example.net", "firstname": "Neu", "lastname": "Eins", "submitted": "2026-04-02T10:00:00Z"}
{"id": "more-2", "email": "NEU1@example.net", "firstname": "Neu", "lastname": "Eins", "submitted": "2026-04-02T11:00:00Z"}
{"id": "more-3", "email": "lead2@example.net", "firstname": "Lead", "lastname": "Zwei", "submitted": "2026-04-02T12:00:00Z"}
{"id": "more-4", "email": "neu2@example.net", "firstname": "Neu", "lastname": "Zwei", "submitted": "2026-04-02T13:00:00Z"}
{"id": "more-5"}
EOF2
for only in on off; do
	la --db "$DB" marketing set --only-unassigned "$only"
	copy_db "$TEST_TMP/copy-$only.db"
	la --db "$TEST_TMP/copy-$only.db" marketing simulate "$MORE" --format json
	SIM=$OUT
	la --db "$TEST_TMP/copy-$only.db" submit "$MORE"
	SUB=$(printf '%s\n' "$OUT" | sed -n 's/^  assigned to \(.*\): \([0-9]*\)$/\1:\2/p' | sort | paste -sd, -)
	GOT=$("$SQLITE3" -batch :memory: "SELECT group_concat(x, ',') FROM (SELECT json_extract(value, '\$.login') || ':' || json_extract(value, '\$.contacts') AS x FROM json_each('$SIM', '\$.owners') WHERE json_extract(value, '\$.contacts') > 0 ORDER BY 1)")
	is "$GOT" "$SUB" "only-unassigned $only: repeats, conversions and case-folded addresses as submit did them"
	is "$("$SQLITE3" -batch :memory: "SELECT json_extract('$SIM', '\$.skipped_ids') || ' ' || json_extract('$SIM', '\$.rejected')")" \
		"2 1" "only-unassigned $only: two ids seen before, one rejected line"
done
is "$("$SQLITE3" -batch :memory: "SELECT json_extract('$SIM', '\$.kept')")" 0 "with only-unassigned off no conversion keeps its owner"
la --db "$TEST_TMP/copy-on.db" marketing simulate "$MORE" --format json
is "$("$SQLITE3" -batch :memory: "SELECT json_extract('$OUT', '\$.kept')")" 0 \
	"after the submit every line is an id seen before or rejected"

# ------------------------------------------------------------ group mode, fallback
la --db "$DB" usergroup add Vertrieb
la --db "$DB" user edit anna.berg --group Vertrieb
la --db "$DB" user edit paul.roth --group Vertrieb
la --db "$DB" marketing set --distribute group --group Vertrieb --fallback mia.stein
is "$RC" 0 "Distribute to the user group Vertrieb"
la --db "$DB" marketing simulate "$MORE" --format tsv
is "$(predicted)" "anna.berg:4" "only the active member anna.berg gets contacts"
like "$OUT" "$(printf 'skipped\tpaul.roth\t')" "the deactivated member is skipped"
like "$OUT" "$(printf '\tjonas.kraft\t3\t\tnot-in-group')" "a selected associate outside the group is skipped as not in the group"
la --db "$DB" user edit anna.berg --inactive
la --db "$DB" marketing simulate "$MORE" --format tsv
like "$OUT" "$(printf 'fallback\tmia.stein\t4\t4')" "with no active member the fallback gets them"
la --db "$DB" usergroup delete Vertrieb --yes
if [ "$RC" -eq 0 ]; then
	la --db "$DB" marketing simulate "$MORE" --format tsv
	like "$OUT" "group-deleted" "the members of a deleted user group are skipped as deleted"
else
	ok 0 "# SKIP a user group with members cannot be deleted"
fi

# ------------------------------------------------------------ bad input
SUM1=$(checksum "$DB")
la --db "$DB" marketing simulate --format xml
is "$RC" 2 "--format xml is a usage error"
for n in 0 -3 abc 5x ''; do
	la --db "$DB" marketing simulate --last "$n"
	is "$RC" 2 "--last '$n' is a usage error"
done
like "$ERR" "--last takes a positive whole number" "and says what --last takes"
la --db "$DB" marketing simulate --last 5 "$FORMS"
is "$RC" 2 "--last with a FILE is a usage error"
la --db "$DB" marketing simulate --distribute off
is "$RC" 2 "--distribute off is a usage error"
la --db "$DB" marketing simulate "$TEST_TMP/no-such-file"
is "$RC" 1 "a missing file exits 1"
la --db "$DB" marketing simulate "$TEST_TMP"
is "$RC" 1 "a folder exits 1"
like "$ERR" "is a folder" "and says so"
is "$(checksum "$DB")" "$SUM1" "bad input changed nothing"
la --db "$DB" marketing --help
like "$OUT" "simulate [--last N | FILE|-]" "marketing --help shows simulate"
like "$OUT" "from the rotation as it is now" "and says what --last N replays"

finish
