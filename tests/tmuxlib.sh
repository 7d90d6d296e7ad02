# The screens in a real terminal, for the tests that watch one while
# another session changes the database (tests/pg_team.sh,
# tests/pg_logins.sh): a tmux server of the test's own, the pane's text in
# $TEST_TMP/pane, and waiting for a text to come or go. Use after lib.sh;
# the test kills the server at its end (tmx kill-server).

tmux_sock=leadadmin-$$
tmx() { tmux -L "$tmux_sock" -f /dev/null "$@"; }
pane() { tmx capture-pane -p -t t >"$TEST_TMP/pane" 2>/dev/null; }
# wait_for TEXT [TENTHS]: until the screen shows TEXT (3 s unless told).
wait_for() {
	i=0
	while [ $i -lt "${2:-30}" ]; do
		pane
		grep -qF -- "$1" "$TEST_TMP/pane" && return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
# wait_gone TEXT: until the screen no longer shows TEXT (3 s at most).
wait_gone() {
	i=0
	while [ $i -lt 30 ]; do
		pane
		grep -qF -- "$1" "$TEST_TMP/pane" || return 0
		i=$((i + 1))
		sleep 0.1
	done
	return 1
}
now_ms() { date +%s%3N; }
# open_categories BIN DB: BIN on DB in the session t (120x24), opened on
# Lists > Company – Category; false when it did not get there.
open_categories() {
	tmx new-session -d -s t -x 120 -y 24 "TERM=xterm-256color '$1' --db '$2'; sleep 30"
	wait_for "Settings and maintenance" && tmx send-keys -t t Enter
	wait_for "Company – Category" && tmx send-keys -t t Enter
	wait_for "Lost opportunity"
}
