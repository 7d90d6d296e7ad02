#!/bin/sh
# The test suite under valgrind memcheck: every unit test, and the
# command-line and screen tests with the program run under valgrind, with no
# error and no definite or indirect leak allowed, and the hostile-data
# test. The load, kill and tmux tests are left out: they measure timing,
# which valgrind distorts; so are the flat_ tests, which measure memory
# over hundreds of thousands of rows.
# Run from a built tree: make check-valgrind (or sh tests/valgrind.sh).
set -u
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
top_builddir=${top_builddir:-$PWD}
export top_srcdir top_builddir
export LEADADMIN_LOCALEDIR="$top_builddir/locale" SQLITE3=${SQLITE3:-sqlite3}

if ! command -v valgrind >/dev/null 2>&1; then
	echo "valgrind.sh: valgrind is not installed" >&2
	exit 77
fi
work=$(mktemp -d "${TMPDIR:-/tmp}/leadadmin-valgrind.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir "$work/logs"

VG="valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect"
cat > "$work/leadadmin" <<WRAP
#!/bin/sh
exec $VG --log-file="$work/logs/leadadmin.%p.log" "$top_builddir/leadadmin" "\$@"
WRAP
chmod +x "$work/leadadmin"
export LEADADMIN_BIN="$work/leadadmin"

# The random runs of the unit tests, fewer under valgrind (it is 20-50
# times slower); make check and .ci/run run them in full.
export LEADADMIN_COUNTS_RUNS=${LEADADMIN_COUNTS_RUNS:-2}

failed=0
for t in "$top_builddir"/tests/test_*; do
	case "$t" in *.o|*.c|*.log|*.trs) continue ;; esac
	[ -x "$t" ] || continue
	name=$(basename "$t")
	if CK_FORK=no $VG --log-file="$work/logs/$name.log" "$t" >"$work/$name.tap" 2>&1; then
		echo "ok - $name under valgrind"
	else
		echo "not ok - $name under valgrind"
		failed=$((failed + 1))
	fi
done
# The PostgreSQL engine's server cases (skipped without PostgreSQL).
if LEADADMIN_TEST_WRAP="$VG --log-file=$work/logs/test_dbpg-server.log" \
	sh "$top_srcdir/tests/pg_engine.sh" >"$work/pg_engine.tap" 2>&1 &&
	! grep -q '^not ok' "$work/pg_engine.tap"; then
	echo "ok - pg_engine.sh with test_dbpg under valgrind"
else
	echo "not ok - pg_engine.sh with test_dbpg under valgrind"
	grep '^not ok\|^Bail' "$work/pg_engine.tap" | head -5 | sed 's/^/#   /'
	failed=$((failed + 1))
fi
for t in "$top_srcdir"/tests/cli_*.sh "$top_srcdir"/tests/rel_hostile.sh "$top_srcdir"/tests/ui_screens.sh; do
	name=$(basename "$t")
	if sh "$t" >"$work/$name.tap" 2>&1 && ! grep -q '^not ok' "$work/$name.tap"; then
		echo "ok - $name with the program under valgrind"
	else
		echo "not ok - $name with the program under valgrind"
		grep '^not ok' "$work/$name.tap" | head -5 | sed 's/^/#   /'
		failed=$((failed + 1))
	fi
done
bad=$(grep -l -E 'ERROR SUMMARY: [1-9]|definitely lost: [1-9]|indirectly lost: [1-9]|Invalid (read|write)|uninitialised' "$work"/logs/*.log 2>/dev/null)
runs=$(ls "$work"/logs | wc -l)
if [ -n "$bad" ]; then
	echo "not ok - valgrind found errors or leaks in:"
	for f in $bad; do
		echo "# --- $f"
		sed 's/^/#   /' "$f" | head -40
	done
	failed=$((failed + 1))
else
	echo "ok - $runs runs under valgrind, no errors, no leaks"
fi
echo "valgrind: $failed failed"
[ "$failed" -eq 0 ]
