#!/bin/sh
# import reads its file a value at a time and applies each item as it is
# read; export writes each item as it reads it: 200,000 categories take
# no more memory than 1,000 beyond SQLite's page caches (tests/maxrss
# measures the peak; a sanitizer build has memory of its own, so those
# checks are skipped there).
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
. "$top_srcdir/tests/lib.sh"
MAXRSS=${top_builddir:-.}/tests/maxrss

# gen FILE N: an export file of N categories.
gen() {
	awk -v n="$2" 'BEGIN {
		printf "{\n  \"format\": \"leadadmin-lists\",\n  \"version\": 2,\n  \"language\": \"en\",\n  \"categories\": ["
		for (i = 1; i <= n; i++)
			printf "%s\n    {\"name\": \"Category %d\", \"group\": \"customer\", \"lead_status\": false, \"description\": \"The description of category %d\", \"deleted\": false}", (i > 1 ? "," : ""), i, i
		printf "\n  ],\n  \"lead_statuses\": [],\n  \"user_groups\": []\n}\n"
	}' >"$1"
}

gen "$TEST_TMP/small.json" 1000
gen "$TEST_TMP/big.json" 200000
la --db "$TEST_TMP/init.db" init
for size in small big; do
	cp "$TEST_TMP/init.db" "$TEST_TMP/$size.db"
done

sanitized=false
ldd "$LEADADMIN_BIN" 2>/dev/null | grep -q 'libasan\|libubsan' && sanitized=true
# peak OUTFILE ARGS...: runs leadadmin, its output into OUTFILE; the peak
# memory in kB into $PEAK.
peak() {
	out=$1
	shift
	"$MAXRSS" "$TEST_TMP/rss" "$LEADADMIN_BIN" "$@" >"$out"
	RC=$?
	PEAK=$(cat "$TEST_TMP/rss")
}

peak "$TEST_TMP/out" --db "$TEST_TMP/small.db" import "$TEST_TMP/small.json" --dry-run
is "$RC:$(tail -1 "$TEST_TMP/out")" \
	"0:Dry run: 1000 to add, 0 to update, 0 unchanged; nothing was changed." "dry run: the plan's counts"
is "$("$SQLITE3" "$TEST_TMP/small.db" "SELECT count(*) FROM category")" 4 "dry run: nothing stored"
peak "$TEST_TMP/out" --db "$TEST_TMP/small.db" import "$TEST_TMP/small.json"
small=$PEAK
is "$RC:$(tail -1 "$TEST_TMP/out")" "0:Imported: 1000 added, 0 updated, 0 unchanged." "1,000: every item added"

peak "$TEST_TMP/out" --db "$TEST_TMP/big.db" import "$TEST_TMP/big.json"
big=$PEAK
is "$RC:$(tail -1 "$TEST_TMP/out")" "0:Imported: 200000 added, 0 updated, 0 unchanged." \
	"200,000: every item added"
is "$(grep -c '^add categories\[' "$TEST_TMP/out")" 200000 "200,000: one plan line an item"
like "$(sed -n 200000p "$TEST_TMP/out")" \
	"add categories[200000] 'Category 200000': name: Category 200000; description: The description of category 200000" \
	"200,000: the last item's line names its place"
is "$("$SQLITE3" "$TEST_TMP/big.db" "SELECT count(*) || ':' || max(rank) FROM category")" "200004:200004" \
	"200,000: stored, the file's order first"
is "$("$SQLITE3" "$TEST_TMP/big.db" "SELECT count(*) FROM audit WHERE action = 'add'")" 200000 \
	"200,000: one audit row an item"
if $sanitized; then
	ok 0 "import: memory flat # SKIP a sanitizer build has memory of its own"
else
	# SQLite's page caches (the database's and the temporary one's, 2 MB each),
	# its statement journals and the WAL index fill: 40,000 items took 12.8 MB.
	[ "$big" -lt $((small + 12288)) ]
	ok $? "import: 200,000 categories take at most 12 MB more than 1,000 ($big kB, $small kB)"
fi

peak "$TEST_TMP/small.export" --db "$TEST_TMP/small.db" export
small=$PEAK
peak "$TEST_TMP/big.export" --db "$TEST_TMP/big.db" export
big=$PEAK
is "$RC:$(grep '"name": "Category ' "$TEST_TMP/big.export" | grep -vc '"user_groups"')" "0:200000" "export: every item"
is "$(tail -1 "$TEST_TMP/big.export")" "}" "export: the document is closed"
if $sanitized; then
	ok 0 "export: memory flat # SKIP a sanitizer build has memory of its own"
else
	[ "$big" -lt $((small + 4096)) ]
	ok $? "export: 200,004 categories take at most 4 MB more than 1,004 ($big kB, $small kB)"
fi
la --db "$TEST_TMP/big.db" import "$TEST_TMP/big.export"
is "$RC:$(printf '%s\n' "$OUT" | tail -2 | tr '\n' '|')" \
	"0:No changes: the lists are as the file says.|Imported: 0 added, 0 updated, 200009 unchanged.|" \
	"the export imported again changes nothing (200,004 categories, 5 lead statuses)"
finish
