#!/bin/sh
# `make bench-lists`: the list screen Company - Category at 200,004
# categories against 20 (issue 11, "the Lists screens do not hold all
# items"). Builds both databases (leadadmin init, then the categories
# straight into the table as tests/flat_lists.sh does) and measures, with
# benchrun (wall time around fork and wait4, ru_maxrss of the child),
# BENCH_RUNS (default 7) runs each, in script mode:
#   - the base: the first screen and a :dump (the process, the database
#     opened, the menu drawn);
#   - the first screenful of the list: Lists > Company - Category and a
#     :dump, minus the base. A difference of two runs is at the mercy of
#     a shared machine's noise, so, as in drill.sh, the goal is judged on
#     the difference of the least CPU time (user + system, from wait4) of
#     the runs, the median wall time's difference shown beside it;
#   - End, and one filter key (a filter reads every item: a scan), over
#     the first screenful, for reference;
#   - the peak memory of each.
# Prints a table with PASS/MISS against the goals (first screenful
# < 50 ms, peak < 16 MB at both sizes, and at most 4 MB more at 200,004
# than at 20: SQLite's page cache is 2 MB) and exits 1 when one is missed.
#
# Environment: LEADADMIN_BIN, SQLITE3, CC, TMPDIR, BENCH_RUNS, BENCH_ITEMS
# (default 200000), BENCH_KEEP=1 keeps the temporary folder. Progress goes
# to stderr.
set -eu

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/../.." && pwd)}
here=$srcdir/tests/bench
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
SQLITE3=${SQLITE3:-sqlite3}
CC=${CC:-cc}
runs=${BENCH_RUNS:-7}
items=${BENCH_ITEMS:-200000}

die() { echo "bench-lists: $*" >&2; exit 2; }
say() { echo "bench-lists: $*" >&2; }

[ -x "$bin" ] || die "leadadmin binary not found: $bin (run make first)"
command -v "$SQLITE3" >/dev/null 2>&1 || die "the sqlite3 shell is needed: $SQLITE3"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/leadadmin-lists.XXXXXX") || exit 2
if [ "${BENCH_KEEP:-0}" = 1 ]; then
	say "keeping $tmp"
else
	trap 'rm -rf "$tmp"' EXIT
	trap 'exit 130' INT TERM
fi

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
benchrun=$tmp/benchrun

# make NAME N: a new database with N categories after the 4 of init.
make_db() {
	"$bin" --db "$tmp/$1.db" init --language en >/dev/null || die "init failed"
	"$SQLITE3" "$tmp/$1.db" "WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < $2)
		INSERT INTO category (name, rank, tooltip, category_group, la_name_key)
		SELECT 'Category ' || i, 100 + i, 'The description of category ' || i, 1,
		       'category ' || i FROM c;
		PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null || die "cannot fill $1.db"
}
say "building 16 and $items categories ..."
make_db small 16
make_db big "$items"
n_small=$("$SQLITE3" "$tmp/small.db" "SELECT count(*) FROM category")
n_big=$("$SQLITE3" "$tmp/big.db" "SELECT count(*) FROM category")

printf ':dump\n' >"$tmp/base.keys"
printf '<Enter><Enter>\n:dump\n' >"$tmp/open.keys"
printf '<Enter><Enter>\n<End>\n:dump\n' >"$tmp/end.keys"
printf '<Enter><Enter>\n/x\n:dump\n' >"$tmp/filter.keys"

# ui DB KEYS: "median_ms min max rss_kb median_cpu min_cpu" of the screens running KEYS.
ui() {
	"$benchrun" -n "$runs" -- "$bin" --db "$tmp/$1.db" --script "$tmp/$2.keys" \
		--dump "$tmp/$1-$2.out" || die "the screens failed on $1 $2.keys"
}
expect() {
	grep -q -- "$2" "$tmp/$1.out" || { sed 's/^/# /' "$tmp/$1.out" >&2; die "$1: no '$2' on the screen"; }
}
for db in small big; do
	say "the screens at $db ..."
	for k in base open end filter; do
		eval "${db}_$k=\$(ui $db $k)"
	done
done
expect small-open "$n_small items"
expect big-open "$n_big items"
expect big-open "> *Lead "
expect big-end "> *Category $items "
expect big-filter "Filter: x"

awk -v n_small="$n_small" -v n_big="$n_big" -v runs="$runs" \
    -v sb="$small_base" -v so="$small_open" -v se="$small_end" -v sf="$small_filter" \
    -v bb="$big_base" -v bo="$big_open" -v be="$big_end" -v bf="$big_filter" '
function f(s, i) { split(s, a, " "); return a[i] + 0 }
function mb(kb) { return sprintf("%.1f MB", kb / 1024) }
# Over a base run: the least CPU time (the median wall time).
function d(run, base) { return f(run, 6) - f(base, 6) }
function over(run, base) { return sprintf("%.1f ms (%.1f)", d(run, base), f(run, 1) - f(base, 1)) }
function line(what, small, big, goal, verdict) {
	printf "%-40s %16s %16s  %-16s %s\n", what, small, big, goal, verdict
}
function row(what, small, big, goal, ok) {
	line(what, small, big, goal, ok ? "PASS" : "MISS")
	if (!ok) miss++
}
BEGIN {
	printf "Company - Category in script mode, 80x24; least CPU time of %d runs (median wall time)\n", runs
	line("measurement", n_small " items", n_big " items", "goal", "")
	line("first screen alone (the base)", sprintf("%.1f ms (%.1f)", f(sb, 6), f(sb, 1)),
	     sprintf("%.1f ms (%.1f)", f(bb, 6), f(bb, 1)), "", "")
	row("list: first screenful, over the base", over(so, sb), over(bo, bb), "< 50 ms",
	    d(so, sb) < 50 && d(bo, bb) < 50)
	line("list: End, over the first screenful", over(se, so), over(be, bo), "", "")
	line("list: filter, one key (a scan)", over(sf, so), over(bf, bo), "", "")
	line("peak memory, first screen", mb(f(sb, 4)), mb(f(bb, 4)), "", "")
	row("peak memory, list", mb(f(so, 4)), mb(f(bo, 4)), "< 16 MB", f(so, 4) < 16384 && f(bo, 4) < 16384)
	row("peak memory, list, End, filter", mb(f(se, 4) > f(sf, 4) ? f(se, 4) : f(sf, 4)),
	    mb(f(be, 4) > f(bf, 4) ? f(be, 4) : f(bf, 4)), "< 16 MB",
	    f(be, 4) < 16384 && f(bf, 4) < 16384)
	row("  list: big minus small", "", sprintf("%+.1f MB", (f(bo, 4) - f(so, 4)) / 1024), "<= 4 MB",
	    f(bo, 4) - f(so, 4) <= 4096)
	printf "%s\n", miss ? miss " goal(s) missed" : "all goals met"
	exit miss ? 1 : 0
}'
