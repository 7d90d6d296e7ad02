#!/bin/sh
# Long lists keep memory flat: `list` prints each item as it reads it, in
# every format, so 100,000 categories take no more memory than 1,000 beyond
# the 2 MB that SQLite's page cache may fill
# (tests/maxrss measures the peak; a sanitizer build has memory of its
# own, so those checks are skipped there).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top_srcdir/tests/lib.sh"
MAXRSS=${top_builddir:-.}/tests/maxrss

# fill DB N: N more categories, straight into the table as a big CRM has them.
fill() {
	"$SQLITE3" "$1" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $2)
		INSERT INTO category (name, rank, tooltip, category_group, la_name_key)
		SELECT 'Category ' || i, 100 + i, 'The description of category ' || i, 1,
		       'category ' || i FROM c"
}

SMALL="$TEST_TMP/small.db"
BIG="$TEST_TMP/big.db"
la --db "$SMALL" init
la --db "$BIG" init
fill "$SMALL" 1000
fill "$BIG" 100000
is "$("$SQLITE3" "$BIG" "SELECT count(*) FROM category")" 100004 "set-up: 100,004 categories"

la --db "$BIG" category list --format tsv
is "$RC:$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "0:100005" "tsv: a header and every item"
la --db "$BIG" category list --format json
is "$RC:$(printf '%s\n' "$OUT" | grep -c '"id": ')" "0:100004" "json: every item"
like "$(printf '%s\n' "$OUT" | tail -2)" '"name": "Category 100000"' "json: the last item last"
is "$(printf '%s\n' "$OUT" | tail -1)" "]" "json: the array is closed"
la --db "$BIG" category list
is "$RC:$(printf '%s\n' "$OUT" | wc -l | tr -d ' ')" "0:100005" "table: a header and every item"
head_at=$(printf '%s\n' "$OUT" | head -1 | awk '{ print index($0, "Description") }')
last_at=$(printf '%s\n' "$OUT" | tail -1 | awk '{ print index($0, "The description of category 100000") }')
is "$last_at" "$head_at" "table: the widths of a first pass hold the longest row (column at $head_at)"

if ldd "$LEADADMIN_BIN" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	for fmt in table tsv json; do
		ok 0 "$fmt: memory flat # SKIP a sanitizer build has memory of its own"
	done
else
	for fmt in table tsv json; do
		"$MAXRSS" "$TEST_TMP/rss" "$LEADADMIN_BIN" --db "$SMALL" category list --format $fmt >/dev/null
		small=$(cat "$TEST_TMP/rss")
		"$MAXRSS" "$TEST_TMP/rss" "$LEADADMIN_BIN" --db "$BIG" category list --format $fmt >/dev/null
		big=$(cat "$TEST_TMP/rss")
		[ "$big" -lt $((small + 4096)) ]
		ok $? "$fmt: 100,004 categories take at most 4 MB more than 1,004 (SQLite's page cache is 2 MB) ($big kB, $small kB)"
	done
fi
finish
