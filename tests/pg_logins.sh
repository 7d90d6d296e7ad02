#!/bin/sh
# Three logins of this host on one PostgreSQL database (a real server that
# the test starts, tests/pglib.sh; peer authentication maps each login to
# the server role of its name): the first (the one who runs the test, as
# root) initialises it and adds the second as List administrator and the
# third as User. The second adds a category from its own session; the
# third is refused by leadadmin and, with psql, by the server ("permission
# denied"). Needs root (it makes the two logins with useradd); skips
# otherwise, or without PostgreSQL. The first login's screen, open
# meanwhile (in tmux), shows the second's change and says who made it.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"
# shellcheck source=tests/tmuxlib.sh
. "$top_srcdir/tests/tmuxlib.sh"

skip() {
	echo "1..0 # SKIP $1"
	exit 0
}
[ "$(id -u)" -eq 0 ] || skip "making logins needs root"
for tool in useradd userdel setpriv; do
	command -v "$tool" >/dev/null 2>&1 || skip "$tool is not installed"
done

pg_start leadadmin
BIN=$(cd "$(dirname "$LEADADMIN_BIN")" && pwd)/$(basename "$LEADADMIN_BIN")
L=lapl$$
U=lapu$$
cleanup() {
	for u in "$L" "$U"; do
		userdel "$u" >/dev/null 2>&1
		groupdel "$u" >/dev/null 2>&1
	done
	pg_cleanup
}
trap cleanup EXIT
pg_retry useradd -M -U "$L" && pg_retry useradd -M -U "$U" || skip "useradd failed"
for u in "$L" "$U"; do
	mkdir -p "$TEST_TMP/h-$u"
	chown "$u" "$TEST_TMP/h-$u"
done

# as USER PROGRAM ARGS...: PROGRAM as USER with its own HOME; stdout in
# $OUT, stderr in $ERR, exit in $RC.
as() {
	u=$1
	shift
	(HOME="$TEST_TMP/h-$u" XDG_CONFIG_HOME="$TEST_TMP/h-$u/.config" \
		XDG_DATA_HOME="$TEST_TMP/h-$u/.local/share" \
		setpriv --reuid="$u" --regid="$u" --init-groups "$@") \
		>"$TEST_TMP/out" 2>"$TEST_TMP/err"
	RC=$?
	OUT=$(cat "$TEST_TMP/out")
	ERR=$(cat "$TEST_TMP/err")
}
as "$L" "$BIN" --version
[ "$RC" -eq 0 ] || skip "another user cannot run $BIN ($ERR)"

la --db "$PG_URL" init --language en
is "$RC" 0 "the first login initialises the database"
# The server's administrator gives each login its role (createuser).
pg_psql -c "CREATE ROLE \"$L\" LOGIN" -c "CREATE ROLE \"$U\" LOGIN"
la --db "$PG_URL" user add "$L" --role list-admin
is "$RC" 0 "it adds the second login as List administrator"
la --db "$PG_URL" user add "$U" --role user
is "$RC" 0 "and the third as User"

# The first login's screen is open on Company – Category (in tmux, when
# there is one) while the second changes the list.
screen=no
if command -v tmux >/dev/null 2>&1; then
	trap 'tmx kill-server >/dev/null 2>&1; cleanup' EXIT
	open_categories "$BIN" "$PG_URL" && screen=yes
fi

as "$L" "$BIN" --db "$PG_URL" category add "Trade fair" --description "added by the second login"
is "$RC" 0 "the second login adds a category from its own session"
if [ "$screen" = yes ]; then
	t0=$(now_ms)
	wait_for "Trade fair"
	ok $? "the first login's open screen shows it after $(($(now_ms) - t0)) ms"
	if wait_for "$L changed Category"; then
		ok 0 "and says who changed which list"
	else
		ok 1 "and says who changed which list"
		sed 's/^/#   /' "$TEST_TMP/pane" | tail -4
	fi
else
	ok 0 "# SKIP tmux is not installed: the open screen"
	ok 0 "# SKIP tmux is not installed: who changed it"
fi
la --db "$PG_URL" category list --format tsv
like "$OUT" "Trade fair" "the first login sees it"
la --db "$PG_URL" log --list category
like "$OUT" "$L" "the change log names the second login"

as "$U" "$BIN" --db "$PG_URL" category add "Not mine"
is "$RC" 1 "leadadmin refuses the third login a change of a list"
like "$ERR" "List administrator" "and says who may"
as "$U" "$PG_BINDIR/psql" -X -d "$PG_URL" -c "UPDATE category SET name = 'Taken over' WHERE category_id = 1"
ok "$([ "$RC" -ne 0 ]; echo $?)" "psql refuses the third login UPDATE category"
like "$ERR" "permission denied for table category" "with the server's \"permission denied\""
la --db "$PG_URL" category list --format tsv
unlike "$OUT" "Taken over" "the category is as it was"
unlike "$OUT" "Not mine" "and nothing was added"

# What each may do, the server lets them do.
printf '%s\n' '{"id": "f-1", "email": "ada@example.org", "firstname": "Ada", "lastname": "Byron", "company": "Engines Ltd"}' >"$TEST_TMP/form.jsonl"
as "$U" "$BIN" --db "$PG_URL" submit "$TEST_TMP/form.jsonl"
is "$RC" 0 "the User submits a web form (a company, a person, the kept counts)"
printf '%s\n' '{"id": "f-2", "email": "ada@example.org", "firstname": "Ada", "lastname": "Lovelace", "company": "Engines Ltd", "url": "https://example.org/?utm_source=fair&utm_campaign=autumn"}' >"$TEST_TMP/form2.jsonl"
as "$U" "$BIN" --db "$PG_URL" submit "$TEST_TMP/form2.jsonl"
is "$RC" 0 "and one of a known e-mail address (an update, with UTM data)"
as "$U" "$BIN" --db "$PG_URL" lead set-status ada@example.org Qualified
is "$RC" 0 "and sets a lead status"
as "$L" "$BIN" --db "$PG_URL" recount
is "$RC" 0 "the List administrator counts again"
as "$L" "$BIN" --db "$PG_URL" setup-check --deep
like "$OUT" "equal a count of the rows" "and the counts are right"
as "$L" "$BIN" --db "$PG_URL" licence enable marketing-premium
is "$RC" 1 "a licence is not the List administrator's"

finish
