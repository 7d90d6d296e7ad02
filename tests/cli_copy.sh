#!/bin/sh
# `leadadmin copy`: a whole database into a new file and back shows the
# same lists, users, Marketing, lead overview and change log, with the same
# ids; a target with data is refused; a failure leaves no file; only a
# General administrator copies. tests/pg_both.sh copies to PostgreSQL.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/copylib.sh
. "$top_srcdir/tests/copylib.sh"
need_sqlite3

copy_fill "$DB"
ok $? "a database with something in every table"
before=$(checksum "$DB")

# Every table but the kept counts holds a row, so that a copy that
# dropped one would be seen.
empty=''
for t in $(sql "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY 1"); do
	case $t in usage_count | lead_tally | lead_company) continue ;; esac
	[ "$(sql "SELECT count(*) FROM \"$t\"")" -gt 0 ] || empty="$empty $t"
done
is "$empty" "" "no table of the source is empty"

# ------------------------------------------------------------------ --to
la --db "$DB" copy --to "$TEST_TMP/to.db"
is "$RC" 0 "copy --to FILE succeeds"
like "$OUT" "Copied $DB to $TEST_TMP/to.db: " "and says what it copied where"
is "$ERR" "" "without a message"
same_views "$DB" "$TEST_TMP/to.db" "the copy shows what the source shows"
same_tables "$DB" "$TEST_TMP/to.db" "and holds the same rows, every column of every table"
for t in contact person email form_submission utm_parameters audit category; do
	is "$(sql "$TEST_TMP/to.db" "SELECT group_concat(${t}_id) FROM (SELECT * FROM $t ORDER BY 1)")" \
		"$(sql "SELECT group_concat(${t}_id) FROM (SELECT * FROM $t ORDER BY 1)")" "$t keeps its ids"
done
is "$(sql "$TEST_TMP/to.db" 'SELECT * FROM usage_count ORDER BY 1, 2')" \
	"$(sql 'SELECT * FROM usage_count ORDER BY 1, 2')" "the kept counts are made again alike"
is "$(sql "$TEST_TMP/to.db" 'SELECT name, group_idx FROM associate ORDER BY 1')" \
	"$(sql 'SELECT name, group_idx FROM associate ORDER BY 1')" "users keep their user group"
is "$(sql "$TEST_TMP/to.db" 'PRAGMA user_version')" "$(sql 'PRAGMA user_version')" \
	"the copy has the source's schema version"
is "$(sql "$TEST_TMP/to.db" 'PRAGMA integrity_check')" ok "and passes integrity_check"
is "$(sql "$TEST_TMP/to.db" 'PRAGMA foreign_key_check')" "" "and every foreign key holds"
is "$(checksum "$DB")" "$before" "the source is unchanged"
# shellcheck disable=SC2012 # one known file
is "$(ls -l "$TEST_TMP/to.db" | cut -c1-10)" "-rw-------" "the copy is its maker's (0600)"
is "$(find "$TEST_TMP" -maxdepth 1 -name 'to.db.copy-*' | wc -l)" 0 "no file of the making is left"
la --db "$TEST_TMP/to.db" category add "After the copy"
is "$RC" 0 "the copy takes changes"
is "$(sql "$TEST_TMP/to.db" "SELECT category_id FROM category WHERE name = 'After the copy'")" \
	"$(($(sql 'SELECT max(category_id) FROM category') + 1))" "a new item gets the next id"

# ---------------------------------------------------------------- --from
la --db "$TEST_TMP/from.db" copy --from "$DB"
is "$RC" 0 "copy --from FILE succeeds"
like "$OUT" "Copied $DB to $TEST_TMP/from.db: " "and says so"
same_views "$DB" "$TEST_TMP/from.db" "the copy back shows what the source shows"
same_tables "$DB" "$TEST_TMP/from.db" "and holds the same rows"
is "$(checksum "$DB")" "$before" "the source is unchanged"

# An empty file is a new database, as for init.
: >"$TEST_TMP/empty.db"
la --db "$DB" copy --to "$TEST_TMP/empty.db"
is "$RC" 0 "copy into an empty file succeeds"
same_views "$DB" "$TEST_TMP/empty.db" "and shows what the source shows"

# ------------------------------------------------------------- refusals
sum=$(checksum "$TEST_TMP/to.db")
la --db "$DB" copy --to "$TEST_TMP/to.db"
is "$RC" 1 "a second copy to the same file is refused (exit 1)"
like "$ERR" "$TEST_TMP/to.db: already exists; a copy goes only into a new database" "and says why"
is "$(checksum "$TEST_TMP/to.db")" "$sum" "the target is unchanged"
la --db "$DB" copy --to "$DB"
is "$RC" 1 "a copy onto itself is refused"
ln -s "$TEST_TMP/nowhere.db" "$TEST_TMP/link.db"
la --db "$DB" copy --to "$TEST_TMP/link.db"
is "$RC" 1 "a symbolic link as the target is refused, even one to nothing"
ok "$([ -L "$TEST_TMP/link.db" ] && [ ! -e "$TEST_TMP/nowhere.db" ]; echo $?)" "and left as it was"
is "$(checksum "$DB")" "$before" "and changes nothing"
la --db "$TEST_TMP/to.db" copy --from "$DB"
is "$RC" 1 "copy --from into an existing database is refused"

la --db "$DB" copy
is "$RC" 2 "copy without --to or --from is a usage error"
like "$ERR" "copy needs either --to PATH|URL or --from PATH|URL" "and says what it needs"
la --db "$DB" copy --to "$TEST_TMP/x.db" --from "$TEST_TMP/to.db"
is "$RC" 2 "both --to and --from is a usage error"
la --db "$DB" copy --to "$TEST_TMP/x.db" --fast
is "$RC" 2 "an unknown option is a usage error"
la --db "$DB" copy --to
is "$RC" 2 "--to without a value is a usage error"
la --db "$DB" copy --to ''
is "$RC" 2 "an empty --to is a usage error"
is "$(find . "$TEST_TMP" -maxdepth 1 -name '.copy-*' | wc -l)" 0 "and makes no file (here or in the test's folder)"
ok "$([ ! -e "$TEST_TMP/x.db" ]; echo $?)" "and no file is made"
la --db "$TEST_TMP/y.db" copy --from "$TEST_TMP/missing.db"
is "$RC" 3 "copy --from a missing database fails (exit 3)"
like "$ERR" "missing.db" "and names it"
ok "$([ ! -e "$TEST_TMP/y.db" ]; echo $?)" "and makes no target"
la copy --help
is "$RC" 0 "copy --help"
like "$OUT" "Usage: leadadmin [--db PATH] copy --to PATH|URL" "shows the usage"

# A target whose folder is a file: a clear message, nothing left (also
# for root, whom no mode stops).
la --db "$DB" copy --to "$TEST_TMP/to.db/c.db"
is "$RC" 3 "a target under a file: exit 3"
like "$ERR" "$TEST_TMP/to.db/c.db: cannot be written" "and says so"
is "$(checksum "$TEST_TMP/to.db")" "$sum" "and the file is unchanged"

# A folder that cannot be written: a clear message, nothing left.
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$TEST_TMP/ro" && chmod 0555 "$TEST_TMP/ro"
	la --db "$DB" copy --to "$TEST_TMP/ro/c.db"
	is "$RC" 3 "a folder that cannot be written: exit 3"
	like "$ERR" "$TEST_TMP/ro/c.db: cannot be written" "and says so"
	is "$(find "$TEST_TMP/ro" -type f | wc -l)" 0 "and nothing is left there"
	chmod 0755 "$TEST_TMP/ro"
else
	echo "# skipped: the unwritable folder (root writes anywhere)"
fi

# A failure in the middle of the copy leaves no file: a source row the
# target refuses (another program's person of a company that is not there).
cp "$DB" "$TEST_TMP/bad.db"
sql "$TEST_TMP/bad.db" "PRAGMA foreign_keys = OFF; INSERT INTO person (person_id, contact_id) VALUES (9999, 424242)"
la --db "$TEST_TMP/bad.db" copy --to "$TEST_TMP/half.db"
is "$RC" 3 "a row the target refuses fails the copy (exit 3)"
like "$ERR" "(person)" "and the message names the table"
like "$ERR" "$TEST_TMP/half.db: " "and the target"
unlike "$ERR" ".copy-" "not the file made beside it"
ok "$([ ! -e "$TEST_TMP/half.db" ]; echo $?)" "and no target file is left"
is "$(find "$TEST_TMP" -maxdepth 1 -name 'half.db*' | wc -l)" 0 "nor a file of its making"

# Only a General administrator copies.
sql "UPDATE associate SET role = 1 WHERE name = '$(id -un)'"
la --db "$DB" copy --to "$TEST_TMP/l.db"
is "$RC" 1 "a List administrator may not copy (exit 1)"
like "$ERR" "General administrator" "and is told who may"
ok "$([ ! -e "$TEST_TMP/l.db" ]; echo $?)" "and no file is made"
sql "UPDATE associate SET role = 2 WHERE name = '$(id -un)'"

finish
