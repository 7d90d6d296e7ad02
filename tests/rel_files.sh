#!/bin/sh
# Reliability 10: files.
#   - The default database and its -wal and -shm files are made 0600 in a
#     0700 folder, even with umask 000 (modes read with stat while the
#     screens hold the database open; a :run step of the key script).
#   - A read-only open makes no -wal or -shm (tests/rel_surroundings.sh).
#   - A configuration file writable by everyone is refused: see
#     tests/cli_config.sh ("a world-writable config file is refused").
#   - No shell is ever invoked: the source has no system(), popen() or
#     exec*() call but the key script's :run (which runs a program
#     directly, for tests); and under strace the commands and the screens
#     start no process at all.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

BIN=$LEADADMIN_BIN
DIR=$XDG_DATA_HOME/leadadmin
DEF=$DIR/crm.db

# ------------------------------------------------------------ modes
ok "$([ ! -e "$XDG_DATA_HOME" ]; echo $?)" "no data folder yet"
printf ':run stat -c "%%a %%n" "$DEF" "$DEF-wal" "$DEF-shm" "$DIR" "$XDG_DATA_HOME"\n<Enter><Enter>\n:dump\n' \
	>"$TEST_TMP/modes.keys"
old_umask=$(umask)
umask 000
DEF=$DEF DIR=$DIR COLUMNS=80 LINES=24 TERM=xterm \
	"$BIN" --script "$TEST_TMP/modes.keys" --dump "$TEST_TMP/modes.dump" >"$TEST_TMP/modes.out" 2>"$TEST_TMP/modes.err"
RC=$?
umask "$old_umask"
is "$RC" 0 "the screens on the default database (made on first use, umask 000)"
modes=$(cat "$TEST_TMP/modes.out")
like "$modes" "600 $DEF
" "the database file is 0600"
like "$modes" "600 $DEF-wal" "its -wal file is 0600 (while it is open)"
like "$modes" "600 $DEF-shm" "its -shm file is 0600 (while it is open)"
like "$modes" "700 $DIR
" "its folder is 0700"
like "$modes" "700 $XDG_DATA_HOME" "and so is every folder it had to make"
like "$(cat "$TEST_TMP/modes.dump")" "Company – Category" "(the screens did open the database)"
is "$(stat -c %a "$DEF")" 600 "the database file is still 0600 afterwards"

# A database made with init --db, and its -wal during a write.
umask 000
"$BIN" --db "$TEST_TMP/named.db" init >/dev/null 2>&1
umask "$old_umask"
is "$(stat -c %a "$TEST_TMP/named.db")" 600 "init --db makes the file 0600 too (umask 000)"

# ------------------------------------------------------------ no shell
hits=$(grep -rnE 'system[[:space:]]*\(|popen[[:space:]]*\(|exec[lv]p?e?[[:space:]]*\(|posix_spawn|fexecve' \
	"$top_srcdir/src" "$top_srcdir/ui" --include='*.c' --include='*.h' | sed "s|^$top_srcdir/||")
is "$(printf '%s\n' "$hits" | grep -c 'system\|popen\|posix_spawn')" 0 "no system(), popen() or posix_spawn() in src/ or ui/"
is "$(printf '%s\n' "$hits" | grep -v '^$' | grep -vc '^ui/input\.c:.*execvp(argv\[0\], argv)')" 0 \
	"the only exec*() is the key script's :run in ui/input.c, which runs the program itself"
printf '%s\n' "$hits" | sed 's/^/#   /'
is "$(grep -rn '"/bin/sh"\|"sh"\|"-c"' "$top_srcdir/src" "$top_srcdir/ui" --include='*.c' | wc -l | tr -d ' ')" 0 \
	"no \"/bin/sh\", \"sh\" or \"-c\" in the source"

# Under strace: one execve (leadadmin's own), no fork, no clone.
if ! command -v strace >/dev/null 2>&1 ||
	! strace -f -qq -e trace=process -o "$TEST_TMP/probe.trace" true >/dev/null 2>&1; then
	ok 0 "no process is started # SKIP strace is missing or not permitted here"
elif ldd "$BIN" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	# The sanitizers' runtime may start a symbolizer or re-execute the
	# program; the plain build is traced in the ordinary make check.
	ok 0 "no process is started # SKIP a sanitizer build starts processes of its own"
else
	printf '{"format": "leadadmin-lists", "version": 1, "categories": [{"name": "Traced", "group": "partner"}], "lead_statuses": []}\n' \
		>"$TEST_TMP/traced.json"
	printf '{"id": 1, "email": "traced@example.com", "lastname": "Traced", "company": "Traced Ltd"}\n' \
		>"$TEST_TMP/traced.jsonl"
	printf '<Enter><Enter>\na\nNew one<Enter>\n:dump\n<Esc><Esc>\n<Down><Enter>\n:dump\n' >"$TEST_TMP/traced.keys"
	bad=0
	runs=0
	trace() {
		runs=$((runs + 1))
		strace -f -qq -e trace=process -o "$TEST_TMP/trace" "$BIN" "$@" >/dev/null 2>&1 </dev/null
		n=$(grep -cE 'execve|fork|clone' "$TEST_TMP/trace")
		if [ "$n" -ne 1 ]; then
			bad=$((bad + 1))
			echo "# $*: $n process calls"
			sed 's/^/#   /' "$TEST_TMP/trace" | head -5
		fi
	}
	T=$TEST_TMP/traced.db
	trace --db "$T" init --demo
	trace --db "$T" category list
	trace --db "$T" category add "Traced category"
	trace --db "$T" category edit "Traced category" --description traced
	trace --db "$T" category move "Traced category" up
	trace --db "$T" category delete "Traced category" --yes
	trace --db "$T" category restore "Traced category"
	trace --db "$T" lead-status add "Traced status"
	trace --db "$T" lead-status default "Traced status"
	trace --db "$T" export
	trace --db "$T" import "$TEST_TMP/traced.json"
	trace --db "$T" setup-check
	trace --db "$T" licence enable marketing-premium
	trace --db "$T" submit "$TEST_TMP/traced.jsonl"
	trace --db "$T" leads
	trace --db "$T" user list
	COLUMNS=80 LINES=24 TERM=xterm
	export COLUMNS LINES TERM
	trace --db "$T" --script "$TEST_TMP/traced.keys" --dump "$TEST_TMP/traced.dump"
	is "$(sql "$T" "SELECT count(*) FROM category WHERE name IN ('Traced category', 'Traced', 'New one')")" 3 \
		"(the traced commands and screens did their work)"
	is "$bad" 0 "no traced run of leadadmin ($runs: commands and the screens) started a process: one execve, its own"
fi

finish
