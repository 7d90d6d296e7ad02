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
like "$OUT" "delete ITEM [--yes] [--new-default ITEM]" "lead-status has a default to replace"
like "$OUT" "default ITEM" "and the default command"
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
is "$(sql "SELECT group_concat(name, ',') FROM (SELECT name FROM usergroup ORDER BY rank)")" "Inside sales,Sales" \
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

# The change log names every list.
la --db "$DB" log --list usergroup --format tsv
is "$RC" 0 "log --list usergroup"
like "$OUT" "$(printf 'usergroup\tInside sales\tmove-up')" "the move of a user group is in the log"
la --db "$DB" log --list nothing
is "$RC" 2 "an unknown list is a usage error"
like "$ERR" "category, lead-status, usergroup, user, licence, marketing, schema" "naming the lists"

finish
