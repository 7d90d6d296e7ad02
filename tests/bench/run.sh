#!/bin/sh
# `make bench-core`: leadadmin at a million contacts (issue 5, items 11 and 12).
#
# Builds, deterministically, a database of 100,000 companies and 1,000,000
# contact persons (and one 10x smaller), then measures in script mode
# (leadadmin --script KEYS --dump OUT, no terminal needed):
#   - the first screen, and each list screen with its in-use counts:
#     wall time of the whole process, median of BENCH_RUNS_UI runs;
#   - one cursor step: a list of 1,000 and of 10,000 categories, a script of
#     ~10,000 <Down>/<Up> keys minus the same script without them, divided
#     by the keys;
#   - `submit` of 100,000 JSON lines (licence on, UTM on, Distribute to
#     owner over 3 associates; 10 % known addresses, a quarter naming an
#     existing company), each run on a fresh copy of the database;
#   - the floor: exactly the rows that submit made (contact, person, email,
#     form_submission, utm_parameters), staged in a database of their own,
#     inserted into a fresh copy (same tables, indexes, triggers, foreign
#     keys, WAL, synchronous = FULL, temp_store = MEMORY) in one
#     transaction, three ways:
#       per row  tests/bench/floor.c: one prepared INSERT a table, bound and
#                stepped once a row (what inserting the rows one by one
#                costs at the least; the target's reference),
#       bulk     the sqlite3 shell, one INSERT ... SELECT a table,
#       script   the sqlite3 shell reading one INSERT statement a row;
#     submit and the floors run in turn, and ratios are of medians;
#   - peak memory (ru_maxrss of the child, from wait4) of each.
# Then prints the table with PASS/MISS against the targets of item 12, and
# exits 1 when a target is missed. Each timed run starts on a database
# copied and synced to disk beforehand.
#
# Environment: LEADADMIN_BIN (the binary), SQLITE3, CC, SQLITE_CFLAGS,
# SQLITE_LIBS (for floor.c), TMPDIR,
# BENCH_RUNS_UI (default 7), BENCH_RUNS_SUBMIT (default 3),
# BENCH_KEEP=1 keeps the temporary folder. Progress goes to stderr.
set -eu

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$srcdir/tests/bench
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
SQLITE3=${SQLITE3:-sqlite3}
CC=${CC:-cc}
runs_ui=${BENCH_RUNS_UI:-7}
runs_submit=${BENCH_RUNS_SUBMIT:-3}

FULL_COMPANIES=100000
FULL_PERSONS=1000000
SMALL_COMPANIES=10000
SMALL_PERSONS=100000
LINES_SUBMIT=100000

die() { echo "bench: $*" >&2; exit 2; }
say() { echo "bench: $*" >&2; }
. "$srcdir/tests/bench/lib.sh"

[ -x "$bin" ] || die "leadadmin binary not found: $bin (run make first)"
command -v "$SQLITE3" >/dev/null 2>&1 || die "the sqlite3 shell is needed: $SQLITE3"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadadmin-bench.XXXXXX") || exit 2
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	say "keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
fi

# The screens' environment, as in tests/ui_screens.sh.
unset NO_COLOR LANGUAGE LANG LC_MESSAGES LEADADMIN_DB LEADADMIN_CONFIG ESCDELAY
HOME=$tmp/home
XDG_CONFIG_HOME=$HOME/.config
XDG_DATA_HOME=$HOME/.local/share
TZ=UTC
LC_ALL=C.UTF-8
TERM=xterm-256color
COLUMNS=80
LINES=24
export HOME XDG_CONFIG_HOME XDG_DATA_HOME TZ LC_ALL TERM COLUMNS LINES
mkdir -p "$HOME"

"$CC" -O2 -o "$tmp/benchrun" "$here/benchrun.c" || die "cannot build benchrun with $CC"
# The flags are lists: unquoted on purpose.
"$CC" -O2 ${SQLITE_CFLAGS:-} -o "$tmp/floor" "$here/floor.c" ${SQLITE_LIBS:--lsqlite3} ||
	die "cannot build the per-row floor with $CC ${SQLITE_LIBS:--lsqlite3}"
benchrun=$tmp/benchrun
floor=$tmp/floor

# ------------------------------------------------------------ databases
# build_db DB COMPANIES PERSONS
build_db() {
	"$bin" --db "$1" init --language en --demo >/dev/null
	"$SQLITE3" -bail -cmd ".parameter set @companies $2" \
		-cmd ".parameter set @persons $3" "$1" <"$here/gen.sql" >/dev/null
	got=$("$SQLITE3" "$1" "SELECT (SELECT count(*) FROM contact) || ' ' || (SELECT count(*) FROM person)")
	[ "$got" = "$2 $3" ] || die "$1: built $got companies and persons, not $2 $3"
	check_counts "$1"
	"$bin" --db "$1" licence enable marketing-premium >/dev/null
	"$bin" --db "$1" marketing set --utm on --form-category Lead \
		--distribute associates --associates anna.berg,jonas.kraft,mia.stein >/dev/null
	"$SQLITE3" "$1" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
}

# The usage_count counters (kept by the triggers) against real counts,
# for every category and lead status.
check_counts() {
	bad=$("$SQLITE3" "$1" "
		SELECT count(*) FROM category c
		LEFT JOIN usage_count u ON u.list = 'category' AND u.item_id = c.category_id
		WHERE coalesce(u.companies, 0) <> (SELECT count(*) FROM contact WHERE category_idx = c.category_id)
		   OR coalesce(u.contacts, 0) <> (SELECT count(*) FROM person p JOIN contact k
			ON k.contact_id = p.contact_id WHERE k.category_idx = c.category_id);
		SELECT count(*) FROM leadstatus l
		LEFT JOIN usage_count u ON u.list = 'leadstatus' AND u.item_id = l.leadstatus_id
		WHERE coalesce(u.contacts, 0) <> (SELECT count(*) FROM person WHERE leadstatus_id = l.leadstatus_id);" | tr '\n' ' ')
	[ "$bad" = "0 0 " ] || die "$1: usage_count is wrong for (categories, statuses): $bad"
	items=$("$SQLITE3" "$1" "SELECT (SELECT count(*) FROM category) + (SELECT count(*) FROM leadstatus)")
	say "$(basename "$1"): usage_count right for all $items categories and lead statuses"
}

# build_list_db DB ITEMS: a database with ITEMS categories.
build_list_db() {
	"$bin" --db "$1" init --language en >/dev/null
	"$SQLITE3" -bail "$1" >/dev/null <<EOF
BEGIN IMMEDIATE;
INSERT INTO category (name, rank, tooltip, category_group, enable_lead_status, registered, la_name_key)
WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < $2 - (SELECT count(*) FROM category))
SELECT 'Bench category ' || printf('%05d', i), 100 + i, 'Category number ' || i || ' of the benchmark',
	1 + i % 5, CASE WHEN i % 5 = 1 THEN i % 2 ELSE 0 END, '2026-01-01 00:00:00',
	'bench category ' || printf('%05d', i) FROM s;
COMMIT;
PRAGMA wal_checkpoint(TRUNCATE);
EOF
}

# Submission lines for DB: every 10th a known address, every 4th an
# existing company (taken from DB, evenly spread).
make_lines() {
	"$SQLITE3" "$1" "SELECT email_address FROM email WHERE email_id % 97 = 0 ORDER BY email_id LIMIT 10000" >"$2.known"
	"$SQLITE3" "$1" "SELECT name FROM contact WHERE contact_id % 3 = 0 ORDER BY contact_id LIMIT 25000" >"$2.companies"
	awk -v n="$LINES_SUBMIT" -v known="$2.known" -v companies="$2.companies" \
		-f "$here/lines.awk" >"$2"
}

say "building $FULL_COMPANIES companies / $FULL_PERSONS persons ..."
t0=$(date +%s)
build_db "$tmp/full.db" $FULL_COMPANIES $FULL_PERSONS
say "built in $(( $(date +%s) - t0 )) s ($(du -m "$tmp/full.db" | cut -f1) MB)"
say "building $SMALL_COMPANIES companies / $SMALL_PERSONS persons ..."
build_db "$tmp/small.db" $SMALL_COMPANIES $SMALL_PERSONS
build_list_db "$tmp/list1k.db" 1000
build_list_db "$tmp/list10k.db" 10000
make_lines "$tmp/full.db" "$tmp/full.jsonl"
make_lines "$tmp/small.db" "$tmp/small.jsonl"

# ------------------------------------------------------------ scripts
printf ':dump\n' >"$tmp/first.keys"
printf '<Enter><Enter>\n:dump\n' >"$tmp/category.keys"
printf '<Enter><Down><Enter>\n:dump\n' >"$tmp/leadstatus.keys"
# 1,000 items: 5 times down to the end and back up (9,990 steps).
awk 'BEGIN { print "<Enter><Enter>"; for (r = 0; r < 5; r++) { for (i = 0; i < 999; i++) printf "<Down>"; print ""; for (i = 0; i < 999; i++) printf "<Up>"; print "" } print ":dump" }' >"$tmp/steps1k.keys"
# 10,000 items: from the first to the last (9,999 steps).
awk 'BEGIN { print "<Enter><Enter>"; for (i = 0; i < 9999; i++) printf "<Down>"; print ""; print ":dump" }' >"$tmp/steps10k.keys"

# ui DB KEYS: "median_ms min max rss_kb" of the screens running KEYS.
ui() {
	"$benchrun" -n "$runs_ui" -- "$bin" --db "$1" --script "$tmp/$2.keys" --dump "$tmp/$2.out" ||
		die "the screens failed on $2.keys"
}
# expect OUT TEXT: the last dump shows TEXT (the script reached its screen).
expect() {
	grep -q -- "$2" "$tmp/$1.out" || { sed 's/^/# /' "$tmp/$1.out" >&2; die "$1.keys: no '$2' on the screen"; }
}

for size in full small; do
	say "screens at $size size ..."
	eval "first_$size=\$(ui \"\$tmp/$size.db\" first)"
	expect first "Settings and maintenance"
	eval "cat_$size=\$(ui \"\$tmp/$size.db\" category)"
	expect category "Company – Category"
	# The in-use counts on the screen are the counters of the first item.
	n=$("$SQLITE3" "$tmp/$size.db" "SELECT u.companies || ' / ' || u.contacts FROM category c JOIN usage_count u ON u.list = 'category' AND u.item_id = c.category_id WHERE c.deleted = 0 ORDER BY c.rank LIMIT 1")
	expect category "$n"
	eval "ls_$size=\$(ui \"\$tmp/$size.db\" leadstatus)"
	expect leadstatus "Contact – Lead status"
done

say "cursor steps ..."
for n in 1k 10k; do
	eval "base_$n=\$(ui \"\$tmp/list$n.db\" category)"
	expect category "Company – Category"
	eval "steps_$n=\$(ui \"\$tmp/list$n.db\" steps$n)"
done
last=$("$SQLITE3" "$tmp/list10k.db" "SELECT name FROM category WHERE deleted = 0 ORDER BY rank DESC, category_id DESC LIMIT 1")
expect steps10k "^> *$last"
first=$("$SQLITE3" "$tmp/list1k.db" "SELECT name FROM category WHERE deleted = 0 ORDER BY rank, category_id LIMIT 1")
expect steps1k "^> *$first"

# ------------------------------------------------------------ submit
# The rows submit made and the bulk floor: tests/bench/lib.sh.
stage_rows() { bench_stage_rows "$@"; }
bulk_sql() { bench_bulk_sql "$@"; }

# The script floor: the sqlite3 shell reading one INSERT statement a row.
script_sql() {
	echo "PRAGMA foreign_keys = ON;"
	echo "PRAGMA synchronous = FULL;"
	echo "PRAGMA temp_store = MEMORY;"
	echo "BEGIN IMMEDIATE;"
	"$SQLITE3" -bail "$1" <<EOF
.mode insert contact
SELECT * FROM contact ORDER BY rowid;
.mode insert person
SELECT * FROM person ORDER BY rowid;
.mode insert email
SELECT * FROM email ORDER BY rowid;
.mode insert form_submission
SELECT * FROM form_submission ORDER BY rowid;
.mode insert utm_parameters
SELECT * FROM utm_parameters ORDER BY rowid;
EOF
	echo "COMMIT;"
}

maxof() { sort -n | tail -n 1; }
# fresh NAME SIZE: the prepare command of a run: a copy of SIZE.db, on disk
# (sync: the copy's write-back must not land in the timed run).
fresh() { echo "cp '$tmp/$2.db' '$tmp/$1.db' && rm -f '$tmp/$1.db-wal' '$tmp/$1.db-shm' && sync"; }
# summary FILE: "median_wall_ms max_rss_kb median_cpu_ms" of benchrun lines.
summary() { echo "$(cut -d' ' -f1 "$1" | median) $(cut -d' ' -f4 "$1" | maxof) $(cut -d' ' -f5 "$1" | median)"; }

# bench_submit SIZE RUNS: submit and the floors, one run of each in turn
# (so that the machine's noise falls on all of them alike); sets sub_SIZE,
# row_SIZE, bulk_SIZE and script_SIZE (the script floor runs once).
bench_submit() {
	size=$1
	for f in sub row bulk script; do : >"$tmp/$f.times"; done
	r=0
	while [ $r -lt "$2" ]; do
		r=$((r + 1))
		say "submit and floors at $size size, run $r of $2 ..."
		"$benchrun" -p "$(fresh run "$size")" \
			-- "$bin" --db "$tmp/run.db" submit "$tmp/$size.jsonl" >>"$tmp/sub.times" ||
			die "submit failed"
		if [ $r -eq 1 ]; then
			got=$("$SQLITE3" "$tmp/run.db" "SELECT kind || '=' || count(*) FROM form_submission GROUP BY kind ORDER BY kind" | tr '\n' ' ')
			say "submit made: $got(utm rows: $("$SQLITE3" "$tmp/run.db" "SELECT count(*) FROM utm_parameters"))"
			check_counts "$tmp/run.db"
			stage_rows "$tmp/$size.db" "$tmp/run.db" "$tmp/rows.db"
			bulk_sql "$tmp/rows.db" >"$tmp/bulk.sql"
			script_sql "$tmp/rows.db" >"$tmp/script.sql"
		fi
		"$benchrun" -p "$(fresh floor "$size")" \
			-- "$floor" "$tmp/floor.db" "$tmp/rows.db" >>"$tmp/row.times" ||
			die "the per-row floor failed"
		if [ $r -eq 1 ]; then
			got=$("$SQLITE3" "$tmp/floor.db" "SELECT count(*) FROM person")
			want=$("$SQLITE3" "$tmp/run.db" "SELECT count(*) FROM person")
			[ "$got" = "$want" ] || die "the per-row floor made $got persons, submit $want"
		fi
		"$benchrun" -p "$(fresh floor "$size")" -i "$tmp/bulk.sql" \
			-- "$SQLITE3" -bail "$tmp/floor.db" >>"$tmp/bulk.times" ||
			die "the bulk floor failed"
		if [ $r -eq 1 ]; then
			"$benchrun" -p "$(fresh floor "$size")" -i "$tmp/script.sql" \
				-- "$SQLITE3" -bail "$tmp/floor.db" >>"$tmp/script.times" ||
				die "the script floor failed"
		fi
	done
	for f in sub row bulk script; do
		eval "${f}_$size=\"\$(summary \"\$tmp/$f.times\")\""
	done
	rm -f "$tmp"/run.db* "$tmp"/floor.db* "$tmp/rows.db" "$tmp/bulk.sql" "$tmp/script.sql"
}
bench_submit full "$runs_submit"
bench_submit small "$runs_submit"

# ------------------------------------------------------------ the table
rss_max() { printf '%s\n' "$@" | awk '{ if ($4 > m) m = $4 } END { print m }'; }

awk -v first_full="$first_full" -v first_small="$first_small" \
    -v cat_full="$cat_full" -v cat_small="$cat_small" \
    -v ls_full="$ls_full" -v ls_small="$ls_small" \
    -v base_1k="$base_1k" -v steps_1k="$steps_1k" \
    -v base_10k="$base_10k" -v steps_10k="$steps_10k" \
    -v sub_full="$sub_full" -v sub_small="$sub_small" \
    -v row_full="$row_full" -v row_small="$row_small" \
    -v bulk_full="$bulk_full" -v bulk_small="$bulk_small" \
    -v script_full="$script_full" -v script_small="$script_small" \
    -v lists_full="$(rss_max "$cat_full" "$ls_full")" \
    -v lists_small="$(rss_max "$cat_small" "$ls_small")" \
    -v runs_ui="$runs_ui" -v runs_submit="$runs_submit" '
function f(s, i) { split(s, a, " "); return a[i] + 0 }
function ms(v) { return sprintf("%.1f ms", v) }
function sec(v) { return sprintf("%.2f s", v / 1000) }
function x(v) { return sprintf("%.2fx", v) }
function line(what, full, small, target, verdict) {
	printf "%-50s %10s %10s  %-13s %s\n", what, full, small, target, verdict
}
function row(what, full, small, target, ok) {
	line(what, full, small, target, ok ? "PASS" : "MISS")
	if (!ok) miss++
}
function mb(kb) { return sprintf("%.1f MB", kb / 1024) }
# Peak memory: under 16 MB, and at most 1 MB more at 10x the data.
function memrow(what, full, small) {
	row(what, mb(full), mb(small), "<16 MB, flat", full < 16384 && full - small < 1024)
}
BEGIN {
	line("measurement", "100k/1M", "10k/100k", "target", "")
	row("first screen, script mode (median of " runs_ui ")", ms(f(first_full, 1)), ms(f(first_small, 1)), "< 50 ms", f(first_full, 1) < 50)
	row("open Company - Category with in-use counts", ms(f(cat_full, 1)), ms(f(cat_small, 1)), "< 50 ms", f(cat_full, 1) < 50)
	row("open Contact - Lead status with in-use counts", ms(f(ls_full, 1)), ms(f(ls_small, 1)), "< 50 ms", f(ls_full, 1) < 50)
	s1 = (f(steps_1k, 1) - f(base_1k, 1)) / 9990 * 1000
	s10 = (f(steps_10k, 1) - f(base_10k, 1)) / 9999 * 1000
	row("cursor step, 1,000-item list (9,990 keys)", sprintf("%.0f us", s1), "", "< 1 ms", s1 < 1000)
	row("cursor step, 10,000-item list (9,999 keys)", sprintf("%.0f us", s10), "", "< 1 ms", s10 < 1000)
	line("open the 10,000-item list", ms(f(base_10k, 1)), "", "", "")
	line("submit 100,000 lines (median of " runs_submit ")", sec(f(sub_full, 1)), sec(f(sub_small, 1)), "", "")
	line("floor, per row: a prepared INSERT a row", sec(f(row_full, 1)), sec(f(row_small, 1)), "", "")
	line("floor, bulk: sqlite3, INSERT ... SELECT", sec(f(bulk_full, 1)), sec(f(bulk_small, 1)), "", "")
	line("floor, script: sqlite3, INSERT text a row (1 run)", sec(f(script_full, 1)), sec(f(script_small, 1)), "", "")
	row("submit / per-row floor (wall)", x(f(sub_full, 1) / f(row_full, 1)), x(f(sub_small, 1) / f(row_small, 1)), "<= 2x", f(sub_full, 1) / f(row_full, 1) <= 2)
	line("submit / per-row floor (CPU time)", x(f(sub_full, 3) / f(row_full, 3)), x(f(sub_small, 3) / f(row_small, 3)), "", "")
	line("submit / bulk floor (wall)", x(f(sub_full, 1) / f(bulk_full, 1)), x(f(sub_small, 1) / f(bulk_small, 1)), "", "")
	line("submit / script floor (wall)", x(f(sub_full, 1) / f(script_full, 1)), x(f(sub_small, 1) / f(script_small, 1)), "", "")
	memrow("peak memory, first screen", f(first_full, 4), f(first_small, 4))
	memrow("peak memory, list screens", lists_full, lists_small)
	memrow("peak memory, submit", f(sub_full, 2), f(sub_small, 2))
	line("peak memory, per-row floor (for reference)", mb(f(row_full, 2)), mb(f(row_small, 2)), "", "")
	printf "%s\n", miss ? miss " target(s) missed" : "all targets met"
	exit miss ? 1 : 0
}'
