#!/bin/sh
# Backups and durability: `backup FILE` while another process writes gives
# a copy that passes integrity_check and holds whole transactions only; an
# existing FILE is kept unless --force; the copy is 0600 and usable. A
# schema upgrade first keeps the old file as FILE.vN-backup. [database]
# synchronous takes normal or full.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

# files GLOB...: how many of the globs name an existing file.
files() {
	n=0
	for f in "$@"; do
		[ -e "$f" ] && n=$((n + 1))
	done
	echo $n
}

# mode PATH: the permission bits as ls shows them ("-rw-------").
mode() {
	# shellcheck disable=SC2012 # one known file
	ls -ld "$1" | cut -c1-10
}

# busy QUERY: one query on $DB that waits while the writer holds a lock.
busy() {
	"$SQLITE3" -batch -cmd '.timeout 5000' "$DB" "$1"
}

la --db "$DB" init --demo
is "$RC" 0 "a demo database to back up"

# ------------------------------------------------------------ a quiet backup
la --db "$DB" backup "$TEST_TMP/copy.db"
is "$RC" 0 "backup FILE succeeds"
like "$OUT" "integrity check passed" "and says the copy was checked"
is "$(mode "$TEST_TMP/copy.db")" "-rw-------" "the copy has mode 0600"
is "$(sql "$TEST_TMP/copy.db" 'PRAGMA integrity_check')" ok "the copy passes integrity_check"
is "$(checksum "$TEST_TMP/copy.db")" "$(checksum "$DB")" "the copy holds what the database holds"
la --db "$DB" category list --format tsv
orig=$OUT
la --db "$TEST_TMP/copy.db" category list --format tsv
is "$OUT" "$orig" "leadadmin opens the copy and lists the same categories"

# ------------------------------------------------------------ existing files
printf 'precious\n' >"$TEST_TMP/precious"
la --db "$DB" backup "$TEST_TMP/precious"
is "$RC" 1 "an existing FILE is refused (exit 1)"
like "$ERR" "already exists" "with a message that says so"
like "$ERR" "--force" "and names --force"
is "$(cat "$TEST_TMP/precious")" precious "the existing file is untouched"
la --db "$DB" backup "$TEST_TMP/precious" --force
is "$RC" 0 "--force replaces it"
is "$(sql "$TEST_TMP/precious" 'PRAGMA integrity_check')" ok "with a checked copy"
is "$(files "$TEST_TMP"/precious.*)" 0 "no temporary file is left beside it"
la --db "$DB" backup "$DB" --force
is "$RC" 1 "the database itself is never the backup FILE"
is "$(sql "$DB" 'PRAGMA integrity_check')" ok "and stays whole"
la --db "$DB" backup
is "$RC" 2 "backup without FILE is a usage error"
la --db "$DB" backup "$TEST_TMP/no/such/folder.db"
is "$RC" 3 "a FILE in a missing folder cannot be written (exit 3)"
la backup --help
is "$RC" 0 "backup --help"
like "$OUT" "online backup" "explains the command"

# ------------------------------------------------------------ while another process writes
# The writer adds categories, each with its audit row in one transaction;
# a copy holds whole transactions only, so both counts agree in every copy.
(
	i=0
	while [ $i -lt 150 ]; do
		i=$((i + 1))
		"$LEADADMIN_BIN" --db "$DB" category add "Busy $i" >/dev/null 2>>"$TEST_TMP/writer.err" ||
			echo "add $i failed" >>"$TEST_TMP/writer.err"
	done
) &
writer=$!
: >"$TEST_TMP/writer.err"
# Wait (bounded) until the writer has begun.
n=0
while [ "$(busy "SELECT count(*) FROM category WHERE name LIKE 'Busy %'")" = 0 ] && [ $n -lt 2000 ]; do
	n=$((n + 1))
done
copies=0
during=0
bad=""
while [ $copies -lt 40 ]; do
	copies=$((copies + 1))
	alive=0
	kill -0 "$writer" 2>/dev/null && alive=1
	out="$TEST_TMP/busy$copies.db"
	if ! "$LEADADMIN_BIN" --db "$DB" backup "$out" >/dev/null 2>"$TEST_TMP/b.err"; then
		bad="$bad backup $copies failed: $(cat "$TEST_TMP/b.err");"
		continue
	fi
	[ $alive -eq 1 ] && kill -0 "$writer" 2>/dev/null && during=$((during + 1))
	[ "$(sql "$out" 'PRAGMA integrity_check')" = ok ] || bad="$bad copy $copies fails integrity_check;"
	items=$(sql "$out" "SELECT count(*) FROM category WHERE name LIKE 'Busy %'")
	audits=$(sql "$out" "SELECT count(*) FROM audit WHERE list = 'category' AND action = 'add' AND new_value LIKE '{\"name\":\"Busy %'")
	[ "$items" = "$audits" ] || bad="$bad copy $copies has $items items but $audits audit rows;"
	ranks=$(sql "$out" "SELECT count(*) - count(DISTINCT rank) FROM category")
	[ "$ranks" = 0 ] || bad="$bad copy $copies has duplicate ranks;"
	kill -0 "$writer" 2>/dev/null || break
done
wait "$writer"
is "$bad" "" "every copy made during the writes is whole and consistent"
ok "$([ $during -ge 1 ]; echo $?)" "at least one backup ran while the writer wrote ($during of $copies)"
is "$(cat "$TEST_TMP/writer.err")" "" "the writer was never refused or locked out"
is "$(sql "$DB" "SELECT count(*) FROM category WHERE name LIKE 'Busy %'")" 150 "all the writer's changes arrived"
first=$(sql "$TEST_TMP/busy1.db" "SELECT count(*) FROM category WHERE name LIKE 'Busy %'")
ok "$([ "$first" -lt 150 ]; echo $?)" "the first copy shows a state in the middle of the writes ($first of 150)"

# ------------------------------------------------------------ the upgrade copy
V1="$TEST_TMP/v1.db"
"$SQLITE3" -batch "$V1" <"$top_srcdir/tests/fixtures/v1-demo.sql"
is "$(sql "$V1" 'PRAGMA user_version')" 1 "the version-1 fixture is loaded"
"$SQLITE3" -batch "$V1" .dump >"$TEST_TMP/v1.before"
ok "$([ ! -e "$V1.v1-backup" ]; echo $?)" "there is no copy before the upgrade"
la --db "$V1" upgrade
is "$RC" 0 "upgrade upgrades it"
is "$(sql "$V1" 'PRAGMA user_version')" 11 "to schema version 11"
ok "$([ -f "$V1.v1-backup" ]; echo $?)" "the old file is kept as v1.db.v1-backup"
is "$(mode "$V1.v1-backup")" "-rw-------" "readable by its owner only"
is "$(sql "$V1.v1-backup" 'PRAGMA user_version')" 1 "the copy is still version 1"
"$SQLITE3" -batch "$V1.v1-backup" .dump >"$TEST_TMP/v1.kept"
ok "$(cmp -s "$TEST_TMP/v1.before" "$TEST_TMP/v1.kept"; echo $?)" "the copy equals the old content, row for row"
la --db "$V1" log --list schema --format tsv
like "$OUT" "copy: $V1.v1-backup" "the audit log says where the copy is"
la --db "$V1" category list
ok "$([ ! -e "$V1.v1-backup.2" ]; echo $?)" "a current database is not copied again"
la --db "$TEST_TMP/fresh.db" init
is "$(files "$TEST_TMP"/fresh.db.v*)" 0 "a new database gets no copy"

# ------------------------------------------------------------ synchronous
printf '[database]\nsynchronous = normal\n' >"$TEST_TMP/normal.ini"
la --config "$TEST_TMP/normal.ini" --db "$DB" category add "With normal"
is "$RC" 0 "synchronous = normal is accepted"
is "$ERR" "" "without a warning"
printf '[database]\nsynchronous = FULL\n' >"$TEST_TMP/full.ini"
la --config "$TEST_TMP/full.ini" --db "$DB" category list
is "$ERR" "" "synchronous = FULL is accepted"
printf '[database]\nsynchronous = off\n' >"$TEST_TMP/off.ini"
la --config "$TEST_TMP/off.ini" --db "$DB" category add "With off"
is "$RC" 2 "synchronous = off is refused (exit 2)"
like "$ERR" "[database:synchronous] has the invalid value 'off' (expected normal, full)" "naming the key, the value and what is allowed"
is "$(sql "$DB" "SELECT count(*) FROM category WHERE name = 'With off'")" 0 "and nothing was changed"

finish
