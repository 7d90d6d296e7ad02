#!/bin/sh
# The audit log: `leadadmin log` shows who changed which item of which list,
# when, and the fields old and new, newest first; --since, --list, --limit
# and the three formats; stored text reaches the terminal only visibly.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3
ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"
ESC=$(printf '\033')

la --db "$DB" init
la --db "$DB" category add Warm --group potential-customer --lead-status
la --db "$DB" category edit Warm --name Hot --no-lead-status --yes
is "$RC" 0 "a category is added and edited"
la --db "$DB" lead-status add Nurture

# ------------------------------------------------------------ the table
la --db "$DB" log
is "$RC" 0 "log succeeds"
is "$(printf '%s\n' "$OUT" | head -1)" "When (UTC)           Who   List         Item     Action   Changes" "the table has its heading"
row2=$(printf '%s\n' "$OUT" | sed -n 3p)
like "$row2" "$ME" "each row says who"
like "$row2" "Category" "which list"
like "$row2" "Hot" "which item, by its current name"
like "$row2" "edit" "the action"
like "$row2" "name: Warm → Hot; lead_status: true → false" "and the changed fields, old → new"
like "$(printf '%s\n' "$OUT" | sed -n 2p)" "Nurture" "the newest change comes first"
like "$(printf '%s\n' "$OUT" | sed -n 4p)" "add      name: Warm" "an add lists the fields it set"
like "$(printf '%s\n' "$OUT" | sed -n 4p)" "Hot" "under the item's current name"

# ------------------------------------------------------------ tsv and json
la --db "$DB" log --format tsv --list category
is "$(printf '%s\n' "$OUT" | head -1)" "$(printf 'at\tlogin\tlist\titem\taction\tchanges')" "TSV names its columns"
is "$(printf '%s\n' "$OUT" | sed -n 2p | cut -f2-6)" \
	"$(printf '%s\tcategory\tHot\tedit\tname: Warm → Hot; lead_status: true → false' "$ME")" \
	"a TSV row: login, list key, item, action, changes"
is "$(printf '%s\n' "$OUT" | sed 1d | cut -f3 | sort -u)" category "--list category shows only categories"
la --db "$DB" log --format json
printf '%s' "$OUT" >"$TEST_TMP/log.json"
is "$(sql ":memory:" "SELECT json_valid(readfile('$TEST_TMP/log.json'))")" 1 "--format json is valid JSON"
is "$(sql ":memory:" "SELECT json_extract(readfile('$TEST_TMP/log.json'), '\$[1].old.name') || '>' || json_extract(readfile('$TEST_TMP/log.json'), '\$[1].new.name') || ' ' || json_extract(readfile('$TEST_TMP/log.json'), '\$[1].list') || ' ' || json_extract(readfile('$TEST_TMP/log.json'), '\$[1].item')")" \
	"Warm>Hot category Hot" "JSON holds the old and new values as objects"

# ------------------------------------------------------------ filters
la --db "$DB" log --list lead-status --format tsv
is "$(printf '%s\n' "$OUT" | sed 1d | cut -f3,4,5)" "$(printf 'lead-status\tNurture\tadd')" "--list lead-status"
la --db "$DB" log --since 2999-01-01 --format tsv
is "$(printf '%s\n' "$OUT" | wc -l)" 1 "--since in the future: only the heading"
sql "UPDATE audit SET at = '2020-05-01 12:00:00' WHERE action = 'upgrade'"
# init writes one row per step of the schema it took (SQLite: two).
upgrades=$(sql "SELECT count(*) FROM audit WHERE list = 'schema' AND action = 'upgrade'")
[ "$upgrades" -gt 0 ]; ok $? "init wrote its upgrade rows ($upgrades)"
on_server || is "$upgrades" 2 "SQLite's init: two"
la --db "$DB" log --since "2021-01-01" --list schema --format tsv
is "$(printf '%s\n' "$OUT" | wc -l)" 1 "--since leaves out older changes"
la --db "$DB" log --since "2020-05-01 12:00" --list schema --format tsv
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l)" "$upgrades" "and keeps those at or after it"
la --db "$DB" log --limit 1 --format tsv
is "$(printf '%s\n' "$OUT" | sed 1d | wc -l)" 1 "--limit 1 shows one change"
like "$ERR" "this is the newest change" "and says there are more"
la --db "$DB" log --limit 0 --format tsv
is "$ERR" "" "--limit 0 shows all, without a note"

# ------------------------------------------------------------ usage errors
la --db "$DB" log --since yesterday
is "$RC" 2 "a date that is not a date is a usage error"
like "$ERR" "--since" "naming the option"
la --db "$DB" log --list contacts
is "$RC" 2 "an unknown list is a usage error"
like "$ERR" "lead-status" "listing the known ones"
la --db "$DB" log --format xml
is "$RC" 2 "an unknown format is a usage error"
la --db "$DB" log --limit -3
is "$RC" 2 "a negative limit is a usage error"
la log --help
is "$RC" 0 "log --help"

# ------------------------------------------------------------ hostile stored text
sql "INSERT INTO audit (login, list, item_id, action, old_value, new_value) VALUES
	('intruder${ESC}[31m', 'category', 1, 'edit', '{\"name\":\"Lead\"}', '{\"name\":\"x\\u001b]0;pwned\\u0007\"}')"
la --db "$DB" log --limit 1
unlike "$OUT" "$ESC" "an escape sequence in the log never reaches the terminal raw"
like "$OUT" "intruder␛[31m" "it is shown as a visible replacement"
like "$OUT" "name: Lead → x␛]0;pwned␇" "in the values too"
la --db "$DB" log --limit 1 --format tsv
unlike "$OUT" "$ESC" "nor in TSV"

# ------------------------------------------------------------ schema version 5
# A database of version 4 (the same without the index of --list) is
# upgraded, and the upgrade says what it did.
V4="$TEST_TMP/v4.db"
la --db "$V4" init
sql "$V4" "DROP INDEX audit_list_at; PRAGMA user_version = 4"
la --db "$V4" log --list category
is "$RC" 3 "a version-4 database needs an upgrade before log reads it"
la --db "$V4" upgrade
is "$RC" 0 "upgrade brings it to version 11"
like "$OUT" "audit: an index for each filter of the change log" "and lists the step in its notes"
is "$(sql "$V4" "SELECT sql FROM sqlite_master WHERE name = 'audit_list_at'")" \
	"CREATE INDEX audit_list_at ON audit (list, at)" "the index of --list is there"
la --db "$V4" log --list schema --format tsv
like "$OUT" "$(printf 'schema\t\tupgrade')" "log --list reads through it"

finish
