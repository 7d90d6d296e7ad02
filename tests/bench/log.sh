#!/bin/sh
# `make bench-log`: `leadadmin log` over 1,000,000 audit rows (issue 11).
#
# Builds, deterministically, a database with 1,000,000 audit rows (edits
# and adds of categories, lead statuses, users and settings, a minute
# apart, their old and new values as the program stores them), then
# measures with benchrun (median wall time of BENCH_RUNS runs, peak memory,
# CPU time):
#   - log --limit 0 in each format (table, tsv, json);
#   - the floor: the sqlite3 shell running log's own statement (the rows
#     with the item's current name, newest first; auditlog_sql) to
#     /dev/null, as tab-separated text and, for reference, as JSON;
#   - the filters where no row matches: --list usergroup, --since (after
#     the newest row) and both; and, for reference, the default (the
#     newest 1000 rows).
# Prints the figures with PASS/MISS against the targets: every format
# at most 2x the sqlite3 floor (tab-separated) and under 16 MB at its
# peak; the filters without a match under 50 ms. Exits 1 when a target is missed.
#
# Environment: LEADADMIN_BIN, SQLITE3, CC, TMPDIR, BENCH_RUNS (default 3),
# BENCH_ROWS (default 1000000), BENCH_KEEP=1 keeps the temporary folder.
# Progress goes to stderr.
set -eu

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
SQLITE3=${SQLITE3:-sqlite3}
CC=${CC:-cc}
runs=${BENCH_RUNS:-3}
rows=${BENCH_ROWS:-1000000}

die() { echo "bench-log: $*" >&2; exit 2; }
say() { echo "bench-log: $*" >&2; }
. "$srcdir/tests/bench/lib.sh"

[ -x "$bin" ] || die "leadadmin binary not found: $bin (run make first)"
command -v "$SQLITE3" >/dev/null 2>&1 || die "the sqlite3 shell is needed: $SQLITE3"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadadmin-bench-log.XXXXXX") || exit 2
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
db=$tmp/log.db

say "building $rows audit rows ..."
t0=$(date +%s)
"$bin" --db "$db" init --language en --demo >/dev/null
bench_audit_rows "$db" "$rows"
total=$("$SQLITE3" "$db" "SELECT count(*) FROM audit")
say "built $total audit rows in $(( $(date +%s) - t0 )) s ($(du -m "$db" | cut -f1) MB)"

# log's statement for log --limit 0 (tests/bench/lib.sh).
bench_log_sql >"$tmp/floor.sql"
got=$("$SQLITE3" "$db" <"$tmp/floor.sql" | wc -l | tr -d ' ')
[ "$got" = "$total" ] || die "the floor read $got rows, not $total"
got=$("$bin" --db "$db" log --limit 0 --format tsv | wc -l | tr -d ' ')
[ "$got" = $((total + 1)) ] || die "log --format tsv printed $got lines, not $((total + 1))"

# run NAME ARGS...: "median_ms min max rss_kb cpu_ms" into $tmp/NAME.
run() {
	name=$1
	shift
	say "$name ($runs runs) ..."
	"$benchrun" -n "$runs" "$@" >"$tmp/$name" || die "$name failed"
}
for f in table tsv json; do
	run "log_$f" -- "$bin" --db "$db" log --limit 0 --format "$f"
done
run floor -i "$tmp/floor.sql" -- "$SQLITE3" -batch -separator "$(printf '\t')" "$db"
run floor_json -i "$tmp/floor.sql" -- "$SQLITE3" -batch -json "$db"
# The filters with no match: what they cost is finding that out.
run usergroup -- "$bin" --db "$db" log --list usergroup --limit 0
after=$("$SQLITE3" "$db" "SELECT date(max(at), '+1 day') FROM audit")
run since -- "$bin" --db "$db" log --since "$after" --limit 0
run both -- "$bin" --db "$db" log --list usergroup --since 2024-06-01 --limit 0
run newest -- "$bin" --db "$db" log --format tsv --limit 1000

awk -v rows="$total" -v runs="$runs" \
    -v table="$(cat "$tmp/log_table")" -v tsv="$(cat "$tmp/log_tsv")" -v json="$(cat "$tmp/log_json")" \
    -v floor="$(cat "$tmp/floor")" -v floor_json="$(cat "$tmp/floor_json")" \
    -v usergroup="$(cat "$tmp/usergroup")" -v since="$(cat "$tmp/since")" -v both="$(cat "$tmp/both")" \
    -v newest="$(cat "$tmp/newest")" '
function f(s, i) { split(s, a, " "); return a[i] + 0 }
function sec(v) { return sprintf("%.2f s", v / 1000) }
function mb(kb) { return sprintf("%.1f MB", kb / 1024) }
function line(what, time, mem, ratio, target, verdict) {
	printf "%-42s %9s %9s %7s  %-20s %s\n", what, time, mem, ratio, target, verdict
}
function judge(ok) { if (!ok) miss++; return ok ? "PASS" : "MISS" }
function fmt(name, r) {
	line("log --limit 0 --format " name, sec(f(r, 1)), mb(f(r, 4)),
	     sprintf("%.2fx", f(r, 1) / f(floor, 1)), "<= 2x floor, < 16 MB",
	     judge(f(r, 1) <= 2 * f(floor, 1) && f(r, 4) < 16384))
}
BEGIN {
	printf "%d audit rows; wall time (median of %d runs), peak memory, ratio to the floor\n", rows, runs
	line("measurement", "time", "memory", "ratio", "target", "")
	fmt("table", table)
	fmt("tsv", tsv)
	fmt("json", json)
	line("floor: sqlite3, the same statement, tabs", sec(f(floor, 1)), mb(f(floor, 4)), "1.00x", "", "")
	line("  sqlite3 -json, for reference", sec(f(floor_json, 1)), mb(f(floor_json, 4)),
	     sprintf("%.2fx", f(floor_json, 1) / f(floor, 1)), "", "")
	line("  CPU time / floor: table tsv json", "", "", "",
	     sprintf("%.2fx %.2fx %.2fx", f(table, 5) / f(floor, 5), f(tsv, 5) / f(floor, 5), f(json, 5) / f(floor, 5)), "")
	line("log --list usergroup (no match)", sprintf("%.1f ms", f(usergroup, 1)), mb(f(usergroup, 4)), "", "< 50 ms", judge(f(usergroup, 1) < 50))
	line("log --since (after the newest: no match)", sprintf("%.1f ms", f(since, 1)), mb(f(since, 4)), "", "< 50 ms", judge(f(since, 1) < 50))
	line("log --list usergroup --since (no match)", sprintf("%.1f ms", f(both, 1)), mb(f(both, 4)), "", "< 50 ms", judge(f(both, 1) < 50))
	line("log (the newest 1000 rows, for reference)", sprintf("%.1f ms", f(newest, 1)), mb(f(newest, 4)), "", "", "")
	printf "%s\n", miss ? miss " target(s) missed" : "all targets met"
	exit miss ? 1 : 0
}'
