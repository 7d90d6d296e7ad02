#!/bin/sh
# tests/bench/ptytime (make bench's clock for the screens) on a tiny
# database: it finds the screens' texts in a real pseudo-terminal and
# prints a figure for each step, fails when a text never comes, and its
# cursor steps end on the row the script mode shows. A few seconds.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
PT=${top_builddir:-.}/tests/bench/ptytime
if [ ! -x "$PT" ]; then
	echo "Bail out! $PT is not built (make check builds it)"
	exit 99
fi
TERM=xterm-256color
export TERM
unset COLUMNS LINES ESCDELAY NO_COLOR

# fields LINE: how many numbers LINE has (all of them numbers).
fields() { echo "$1" | awk '{ for (i = 1; i <= NF; i++) if ($i !~ /^[0-9]+(\.[0-9]+)?$/) { print "bad"; exit } print NF }'; }

la --db "$DB" init --language en --demo
is "$RC" 0 "a database"

got=$("$PT" -n 3 -w "leadadmin " -- "$LEADADMIN_BIN" --version)
is "$?" 0 "the process start: --version's text found"
is "$(fields "$got")" 3 "one time, the peak memory and the CPU time: $got"

got=$("$PT" -n 2 -w "Enter:Open" -k '\r' -w "Contact – Lead status" -k '\r' -w " items" \
	-- "$LEADADMIN_BIN" --db "$DB")
is "$?" 0 "the first screen, Lists, Company - Category: each screen's text found"
is "$(fields "$got")" 5 "three times, memory, CPU time: $got"
rss=$(echo "$got" | cut -d' ' -f4)
ok "$([ "${rss:-0}" -gt 1000 ]; echo $?)" "the peak memory is the program's ($rss kB)"

# A text that never comes: exit 1, the screen's output on stderr.
"$PT" -t 1500 -w "Enter:Open" -k '\r' -w "No such screen text" -- "$LEADADMIN_BIN" --db "$DB" \
	>"$TEST_TMP/out" 2>"$TEST_TMP/err"
is "$?" 1 "a text that does not come fails"
like "$(cat "$TEST_TMP/err")" "timed out waiting for 'No such screen text'" "it says which"
like "$(cat "$TEST_TMP/err")" "Company – Category" "and shows what the screen wrote"
is "$(cat "$TEST_TMP/out")" "" "and prints no figures"
"$PT" -w "never printed" -- "$LEADADMIN_BIN" --version >/dev/null 2>&1
is "$?" 1 "a program that ends without the text fails"

# Cursor steps: 4 Down keys in Company - Category; the terminal must show
# the row that script mode selects after them.
printf '<Enter><Enter><Down><Down><Down><Down>\n:dump\n' >"$TEST_TMP/steps.keys"
"$LEADADMIN_BIN" --db "$DB" --script "$TEST_TMP/steps.keys" --dump "$TEST_TMP/steps.out"
row=$(grep '^>' "$TEST_TMP/steps.out" | cut -c1-30)
like "$row" "Customer" "script mode selects Customer after 4 steps"
got=$("$PT" -w "Enter:Open" -k '\r\r' -w " items" -c "4:\eOB:$row" -r -- "$LEADADMIN_BIN" --db "$DB")
is "$?" 0 "the cursor steps end on that row in the terminal"
is "$(fields "$got")" 5 "with a per-step time: $got"
"$PT" -t 1500 -w "Enter:Open" -k '\r\r' -w " items" -c "3:\eOB:$row" -r -- "$LEADADMIN_BIN" --db "$DB" \
	>/dev/null 2>&1
is "$?" 1 "one step short, the row is not selected: it fails"

# The round trip of a key: a raw cat echoes each one back.
got=$("$PT" -w READY -c "5:x:x" -- /bin/sh -c 'stty raw -echo; echo READY; exec cat')
is "$?" 0 "a key's round trip through cat"
is "$(fields "$got")" 4 "the start, per-step time, memory, CPU time: $got"

# Latencies while the program runs: three keys, 50 ms apart.
got=$("$PT" -w "Enter:Open" -l '\eOB,\eOA,\eOB:50' -- "$LEADADMIN_BIN" --db "$DB")
is "$?" 0 "key latencies on the first screen"
is "$(fields "$got")" 4 "the start, the largest latency, memory, CPU time: $got"

"$PT" -w x >/dev/null 2>&1
is "$?" 2 "no command: a usage error"
finish
