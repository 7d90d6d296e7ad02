#!/bin/sh
# Two admins on one PostgreSQL database (a real server that the test
# starts, tests/pglib.sh): one has Lists > Company – Category open in a
# terminal (tmux), the other adds, renames and deletes a category from the
# command line; the open screen shows each change by itself, through the
# server's notifications (LISTEN/NOTIFY, data/pg/schema.sql), within the
# screens' poll of a second (a loaded machine gets 3). The open session
# still saves its own change. Then four admins add categories at once.
# Skips without PostgreSQL or tmux.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
# shellcheck source=tests/pglib.sh
. "$top_srcdir/tests/pglib.sh"
# shellcheck source=tests/tmuxlib.sh
. "$top_srcdir/tests/tmuxlib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
pg_start leadadmin
trap 'tmx kill-server >/dev/null 2>&1; pg_cleanup' EXIT

la --db "$PG_URL" init --language en
is "$RC" 0 "init on PostgreSQL"

open_categories "$LEADADMIN_BIN" "$PG_URL"
ok $? "the first admin's screen shows Company – Category"

# shown WHAT TEXT: another session's change, then the time until the open
# screen shows TEXT.
shown() {
	t0=$(now_ms)
	if wait_for "$2"; then
		ok 0 "$1: the open screen shows it after $(($(now_ms) - t0)) ms"
	else
		ok 1 "$1: the open screen shows it within 3 s"
		sed 's/^/#   /' "$TEST_TMP/pane"
	fi
}

la --db "$PG_URL" category add Zeppelin --description "from the other admin"
is "$RC" 0 "the second admin adds a category"
shown "an added category" "Zeppelin"

la --db "$PG_URL" category edit Zeppelin --name Luftschiff
t0=$(now_ms)
if wait_gone "Zeppelin" && grep -qF "Luftschiff" "$TEST_TMP/pane"; then
	ok 0 "a renamed category: the open screen shows the new name after $(($(now_ms) - t0)) ms"
else
	ok 1 "a renamed category: the open screen shows the new name within 3 s"
fi

la --db "$PG_URL" category delete Luftschiff
wait_gone "Luftschiff"
ok $? "a deleted category leaves the open screen"

# The open session's own change, while it listens.
tmx send-keys -t t a
wait_for "New category" && tmx send-keys -t t -l "Own change"
tmx send-keys -t t Enter
wait_for "Saved"
ok $? "the first admin adds a category in the screen"
la --db "$PG_URL" category list --format tsv
like "$OUT" "Own change" "it is in the database"

# Four admins add categories at once: each its own ten and the same ten
# names. Every command is done (0) or refused by rule 2 (1); each name is
# there once; no two have one rank; the kept counts equal a recount.
for w in 1 2 3 4; do
	(
		for i in 1 2 3 4 5 6 7 8 9 10; do
			"$LEADADMIN_BIN" --db "$PG_URL" category add "Writer $w item $i" >/dev/null 2>&1
			echo "own $?"
			"$LEADADMIN_BIN" --db "$PG_URL" category add "Shared $i" >/dev/null 2>>"$TEST_TMP/shared.$w"
			echo "shared $?"
		done >"$TEST_TMP/rc.$w"
	) &
done
wait
is "$(cat "$TEST_TMP"/rc.* | sort | uniq -c | sed 's/^ *//' | tr '\n' ' ')" \
	"40 own 0 10 shared 0 30 shared 1 " "four writers: every own name added, each shared name once, the rest refused"
like "$(cat "$TEST_TMP"/shared.*)" "is already in this list" "the refusals are rule 2's"
la --db "$PG_URL" category list --format tsv
is "$(printf '%s\n' "$OUT" | cut -f3 | grep -c '^Shared ')" 10 "ten shared names, one each"
is "$(printf '%s\n' "$OUT" | sed 1d | cut -f2 | sort | uniq -d | wc -l)" 0 "no two categories have one rank"
la --db "$PG_URL" setup-check --deep
like "$OUT" "the kept counts (in use, lead overview) equal a count of the rows" "the kept counts equal a recount"

finish
