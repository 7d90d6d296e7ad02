#!/bin/sh
# leads --status streams (issue 11): 200,000 contacts of one lead status
# are listed in every format with a peak memory (ru_maxrss, measured by
# tests/maxrss) that does not grow with them. Before the contacts were
# streamed, the same run took 100-130 MB; the bound is 32 MB. The output
# has every contact once, newest first, and a full disk still fails.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

MAXRSS=${top_builddir:-.}/tests/maxrss
N=200000
BOUND_KB=32768

la --db "$DB" init --language en
is "$RC" 0 "init"
sql "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $N)
INSERT INTO person (firstname, lastname, leadstatus_id, registered)
SELECT 'Stream', printf('Contact %06d', i), (SELECT leadstatus_id FROM leadstatus WHERE is_default = 1),
	printf('2026-01-01 %02d:%02d:00', i / 10000, (i / 1000) % 60) FROM s" >/dev/null
is "$(sql "SELECT count(*) FROM person")" "$N" "$N contacts of the default status"

# An address sanitizer's shadow memory is not the program's.
sanitized=no
if command -v ldd >/dev/null 2>&1 && ldd "$LEADADMIN_BIN" 2>/dev/null | grep -q 'libasan'; then
	sanitized=yes
fi

for fmt in table tsv json; do
	"$MAXRSS" "$TEST_TMP/rss" "$LEADADMIN_BIN" --db "$DB" leads --status Open \
		--format $fmt >"$TEST_TMP/out.$fmt" 2>"$TEST_TMP/err"
	is "$?" 0 "leads --status Open --format $fmt exits 0"
	rss=$(tail -n 1 "$TEST_TMP/rss")
	if [ "$sanitized" = yes ]; then
		ok 0 "# SKIP peak memory under the address sanitizer ($rss KB)"
	else
		ok "$([ "$rss" -lt "$BOUND_KB" ]; echo $?)" "--format $fmt: peak memory $rss KB < $BOUND_KB KB"
	fi
done

is "$(tail -n +2 "$TEST_TMP/out.tsv" | wc -l | tr -d ' ')" "$N" "TSV: a line per contact"
is "$(tail -n +2 "$TEST_TMP/out.tsv" | cut -f1 | sort -u | wc -l | tr -d ' ')" "$N" "TSV: each contact once"
is "$(sed -n '2p' "$TEST_TMP/out.tsv" | cut -f2)" "Stream Contact 200000" "TSV: the newest first"
is "$(tail -n 1 "$TEST_TMP/out.tsv" | cut -f2)" "Stream Contact 000001" "TSV: the oldest last"
is "$(tail -n +2 "$TEST_TMP/out.table" | wc -l | tr -d ' ')" "$N" "table: a line per contact"
is "$(awk 'NR > 1 { print length($0) }' "$TEST_TMP/out.table" | sort -u | wc -l | tr -d ' ')" "1" \
	"table: the columns line up over all rows (one line length)"
is "$("$SQLITE3" -batch :memory: "SELECT json_array_length(readfile('$TEST_TMP/out.json'))")" "$N" \
	"JSON: an array of every contact"

if [ -w /dev/full ]; then
	"$LEADADMIN_BIN" --db "$DB" leads --status Open --format tsv >/dev/full 2>"$TEST_TMP/err"
	RC=$?
	is "$([ "$RC" -ne 0 ] && echo failed):$(grep -c 'standard output: writing failed' "$TEST_TMP/err")" \
		"failed:1" "stdout on /dev/full: exits non-zero, one line on stderr"
fi
finish
