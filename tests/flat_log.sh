#!/bin/sh
# `leadadmin log --limit 0` streams: over 200,000 audit rows each format
# prints every row and stays under 16 MB of peak memory (holding the rows,
# as it did before, took about 160 MB). Memory, not time: ru_maxrss of the
# child (tests/bench/benchrun) is deterministic enough to assert.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3
RUN=${top_builddir:-.}/tests/bench/benchrun
ROWS=200000
LIMIT_KB=16384
if [ ! -x "$RUN" ]; then
	echo "Bail out! $RUN is not built (make check builds it)"
	exit 99
fi
# AddressSanitizer's shadow memory is no measure of the program's own.
SANITIZED=no
ldd "$LEADADMIN_BIN" 2>/dev/null | grep -q 'libasan\|libubsan' && SANITIZED=yes

la --db "$DB" init --demo
is "$RC" 0 "a database"
sql "BEGIN;
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $ROWS)
INSERT INTO audit (at, login, list, item_id, action, old_value, new_value)
SELECT strftime('%Y-%m-%d %H:%M:%S', '2024-01-01', '+' || (i * 60) || ' seconds'),
	CASE i % 3 WHEN 0 THEN 'anna.berg' WHEN 1 THEN 'jonas.kraft' ELSE 'root' END,
	CASE i % 10 WHEN 0 THEN 'leadstatus' WHEN 1 THEN 'associate' ELSE 'category' END,
	1 + i % 7, CASE i % 5 WHEN 0 THEN 'add' ELSE 'edit' END,
	CASE i % 5 WHEN 0 THEN NULL ELSE json_object('name', 'Item ' || (i - 1), 'rank', i % 100) END,
	json_object('name', 'Item ' || i, 'description', 'Description ' || i, 'rank', i % 100)
FROM s;
INSERT INTO audit (at, login, list, item_id, action, new_value) VALUES
	('2000-01-01 00:00:00', 'the-widest-login-of-all-comes-last', 'category', 1, 'add', '{}');
COMMIT;"
total=$(sql "SELECT count(*) FROM audit")
ok "$([ "$total" -gt "$ROWS" ]; echo $?)" "$total audit rows"

for f in tsv json table; do
	got=$("$RUN" -n 1 -- "$LEADADMIN_BIN" --db "$DB" log --limit 0 --format "$f")
	ok $? "log --limit 0 --format $f runs"
	kb=$(echo "$got" | cut -d' ' -f4)
	if [ "$SANITIZED" = yes ]; then
		ok 0 "--format $f: peak memory under $LIMIT_KB KB # SKIP a sanitizer build ($kb KB)"
	else
		ok "$([ "${kb:-999999}" -lt $LIMIT_KB ]; echo $?)" "--format $f: peak memory $kb KB, under $LIMIT_KB KB"
	fi
done

# Every row is there, and the output is whole.
"$LEADADMIN_BIN" --db "$DB" log --limit 0 --format tsv >"$TEST_TMP/log.tsv"
is "$(wc -l <"$TEST_TMP/log.tsv" | tr -d ' ')" $((total + 1)) "TSV: the heading and a line for each row"
"$LEADADMIN_BIN" --db "$DB" log --limit 0 --format table >"$TEST_TMP/log.txt"
is "$(wc -l <"$TEST_TMP/log.txt" | tr -d ' ')" $((total + 1)) "the table: the heading and a line for each row"
is "$(head -1 "$TEST_TMP/log.txt" | awk '{ print index($0, "List") }')" \
	"$(tail -1 "$TEST_TMP/log.txt" | awk '{ print index($0, "Category") }')" \
	"its columns are as wide as their widest cell, also when that is in the last row"
"$LEADADMIN_BIN" --db "$DB" log --limit 0 --format json >"$TEST_TMP/log.json"
is "$(sql ":memory:" "SELECT json_valid(readfile('$TEST_TMP/log.json')) || ' ' || json_array_length(readfile('$TEST_TMP/log.json'))")" \
	"1 $total" "JSON: valid, an object for each row"

finish
