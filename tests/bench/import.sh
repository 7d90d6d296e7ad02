#!/bin/sh
# `make bench-import`: import and export of 200,000 categories (issue 11).
#
# Generates an export file of BENCH_ITEMS categories (awk), then measures
# with benchrun (median of BENCH_RUNS runs, each on a fresh copy of a new
# database, synced to disk first; peak memory; CPU time):
#   - import FILE, and import FILE --dry-run;
#   - the floor: the sqlite3 shell inserting exactly the rows the import
#     made (the categories and their audit rows, read from a database the
#     import filled) into a fresh copy of the same database, same schema,
#     triggers, WAL and synchronous = FULL, in one transaction;
#   - export of the filled database, and for reference the sqlite3 shell
#     reading its categories as JSON.
# Prints the figures with PASS/MISS against the targets: the import at
# most 2x the floor (wall and CPU time are both shown; the CPU time is
# judged, since the machine may be shared) and under 16 MB at its peak;
# the export under 16 MB. Exits 1 when a target is missed.
#
# Environment: LEADADMIN_BIN, SQLITE3, CC, TMPDIR, BENCH_RUNS (default 3),
# BENCH_ITEMS (default 200000), BENCH_KEEP=1 keeps the temporary folder.
# Progress goes to stderr.
set -eu

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
SQLITE3=${SQLITE3:-sqlite3}
CC=${CC:-cc}
runs=${BENCH_RUNS:-3}
items=${BENCH_ITEMS:-200000}

die() { echo "bench-import: $*" >&2; exit 2; }
say() { echo "bench-import: $*" >&2; }
. "$srcdir/tests/bench/lib.sh"

[ -x "$bin" ] || die "leadadmin binary not found: $bin (run make first)"
command -v "$SQLITE3" >/dev/null 2>&1 || die "the sqlite3 shell is needed: $SQLITE3"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadadmin-bench-import.XXXXXX") || exit 2
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	say "keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
fi
unset LANGUAGE LANG LC_MESSAGES LEADADMIN_DB LEADADMIN_CONFIG
HOME=$tmp/home XDG_CONFIG_HOME=$tmp/home/.config XDG_DATA_HOME=$tmp/home/.local/share
TZ=UTC LC_ALL=C.UTF-8
export HOME XDG_CONFIG_HOME XDG_DATA_HOME TZ LC_ALL
mkdir -p "$HOME"

"$CC" -O2 -o "$tmp/benchrun" "$srcdir/tests/bench/benchrun.c" || die "cannot build benchrun with $CC"
benchrun=$tmp/benchrun

say "generating $items categories ..."
bench_categories_json "$items" >"$tmp/file.json"
"$bin" --db "$tmp/base.db" init --language en >/dev/null
"$SQLITE3" "$tmp/base.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
cp "$tmp/base.db" "$tmp/ref.db"
"$bin" --db "$tmp/ref.db" import "$tmp/file.json" >/dev/null || die "the import failed"
"$SQLITE3" "$tmp/ref.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
got=$("$SQLITE3" "$tmp/ref.db" "SELECT count(*) FROM category")
[ "$got" = $((items + 4)) ] || die "the import made $got categories, not $((items + 4))"

# The floor: the import's rows (its categories, its audit rows) into a
# fresh copy, as the program's own connection writes: WAL, synchronous
# FULL, foreign keys on, one transaction.
bench_import_floor_sql "$tmp/ref.db" >"$tmp/floor.sql"
cp "$tmp/base.db" "$tmp/floor.db"
"$SQLITE3" -bail "$tmp/floor.db" <"$tmp/floor.sql" >/dev/null || die "the floor failed"
for t in category audit; do
	a=$("$SQLITE3" "$tmp/floor.db" "SELECT count(*) FROM $t")
	b=$("$SQLITE3" "$tmp/ref.db" "SELECT count(*) FROM $t")
	[ "$a" = "$b" ] || die "the floor made $a rows of $t, the import $b"
done
audit=$(( $("$SQLITE3" "$tmp/ref.db" "SELECT count(*) FROM audit") - $("$SQLITE3" "$tmp/base.db" "SELECT count(*) FROM audit") ))
rows="$items category rows, $audit audit rows"

fresh="cp '$tmp/base.db' '$tmp/run.db' && rm -f '$tmp/run.db-wal' '$tmp/run.db-shm' && sync"
# run NAME ARGS...: "median_ms min max rss_kb cpu_ms min_cpu_ms" into $tmp/NAME.
run() {
	name=$1
	shift
	say "$name ($runs runs) ..."
	"$benchrun" -n "$runs" "$@" >"$tmp/$name" || die "$name failed"
}
run import -p "$fresh" -- "$bin" --db "$tmp/run.db" import "$tmp/file.json"
run dry -p "$fresh" -- "$bin" --db "$tmp/run.db" import "$tmp/file.json" --dry-run
run floor -p "$fresh" -i "$tmp/floor.sql" -- "$SQLITE3" -bail "$tmp/run.db"
run export -- "$bin" --db "$tmp/ref.db" export
echo "SELECT name, category_group, enable_lead_status, tooltip, deleted FROM category ORDER BY rank, category_id;" >"$tmp/read.sql"
run read -i "$tmp/read.sql" -- "$SQLITE3" -json "$tmp/ref.db"

awk -v items="$items" -v runs="$runs" -v rows="$rows" -v mb="$(( $(wc -c <"$tmp/file.json") / 1048576 ))" \
    -v imp="$(cat "$tmp/import")" -v dry="$(cat "$tmp/dry")" -v floor="$(cat "$tmp/floor")" \
    -v xp="$(cat "$tmp/export")" -v rd="$(cat "$tmp/read")" '
function f(s, i) { split(s, a, " "); return a[i] + 0 }
function sec(v) { return sprintf("%.2f s", v / 1000) }
function mem(kb) { return sprintf("%.1f MB", kb / 1024) }
function line(what, wall, cpu, m, ratio, target, verdict) {
	printf "%-36s %8s %8s %9s %13s  %-22s %s\n", what, wall, cpu, m, ratio, target, verdict
}
function judge(ok) { if (!ok) miss++; return ok ? "PASS" : "MISS" }
function ratio(r) { return sprintf("%.2fx %.2fx", f(r, 1) / f(floor, 1), f(r, 5) / f(floor, 5)) }
BEGIN {
	printf "%d categories (%d MB file; %s); median of %d runs\n", items, mb, rows, runs
	line("measurement", "wall", "CPU", "peak", "/floor w, cpu", "target", "")
	line("import FILE", sec(f(imp, 1)), sec(f(imp, 5)), mem(f(imp, 4)), ratio(imp),
	     "<= 2x floor, < 16 MB", judge(f(imp, 5) <= 2 * f(floor, 5) && f(imp, 4) < 16384))
	line("import FILE --dry-run", sec(f(dry, 1)), sec(f(dry, 5)), mem(f(dry, 4)), ratio(dry),
	     "< 16 MB", judge(f(dry, 4) < 16384))
	line("floor: sqlite3, the same rows", sec(f(floor, 1)), sec(f(floor, 5)), mem(f(floor, 4)), "1.00x 1.00x", "", "")
	line("export", sec(f(xp, 1)), sec(f(xp, 5)), mem(f(xp, 4)), "", "< 16 MB", judge(f(xp, 4) < 16384))
	line("  sqlite3 -json, the categories", sec(f(rd, 1)), sec(f(rd, 5)), mem(f(rd, 4)), "", "", "")
	printf "%s\n", miss ? miss " target(s) missed" : "all targets met"
	exit miss ? 1 : 0
}'
