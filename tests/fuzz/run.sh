#!/bin/bash
# Builds the libFuzzer targets of tests/fuzz with clang and runs each for
# SECONDS seconds (default 30) on a copy of its seed corpus, then prints
# per target the executions run and the coverage (libFuzzer's cov:/ft: and,
# when llvm-profdata and llvm-cov are there, the line coverage of a replay
# of the grown corpus). Exits non-zero when a target crashes, naming the
# input that did it; keep that input under tests/fuzz/regressions/<target>/.
#
#   bash tests/fuzz/run.sh [SECONDS] [TARGET...]
#
# Needs a configured tree (config.h) and clang with libFuzzer
# (libclang-rt-14-dev). Everything it makes goes to tests/fuzz/build/.
# FUZZ_COVERAGE=0 skips the line coverage.
set -uo pipefail

secs=${1:-30}
shift 2>/dev/null || true
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(import submit ini name output mlname jsonflat)

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
build=$here/build
cd "$top" || exit 1

die() {
	echo "run.sh: $*" >&2
	exit 2
}

case $secs in
'' | *[!0-9]*) die "SECONDS must be a number, not '$secs'" ;;
esac
CC=${FUZZ_CC:-clang}
command -v "$CC" >/dev/null || die "$CC is missing (apt-get install clang libclang-rt-14-dev)"
[ -f config.h ] || die "config.h is missing: run ./configure first"
make -s src/embedded.c >/dev/null || die "cannot make src/embedded.c"

# The library's sources, as Makefile.am lists them (libleadadmin.a).
mapfile -t srcs < <(awk '/^(nodist_)?libleadadmin_a_SOURCES *=/ { on = 1 }
	on { for (i = 1; i <= NF; i++) if ($i ~ /\.c$/) print $i; if ($NF != "\\") on = 0 }' Makefile.am)
[ ${#srcs[@]} -gt 5 ] || die "cannot read libleadadmin_a_SOURCES from Makefile.am"
libs="-lsqlite3 -liniparser -lutf8proc -ljansson $(pkg-config --libs libpq)"
defs=(-DLOCALEDIR='"/usr/local/share/locale"' -DSYSCONFDIR='"/nonexistent/etc"')
# shellcheck disable=SC2207 # the words pkg-config gives
cflags=(-g -O1 -I. -Isrc -I"$here" "${defs[@]}" $(pkg-config --cflags libpq))
san=(-fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer)

# Sources of the program besides the library that a target needs.
extra_srcs() {
	case $1 in
	output) echo src/cli_util.c ;;
	esac
}

# build VARIANT FLAGS...: objects of the library and the targets.
build() {
	local variant=$1 obj f
	shift
	mkdir -p "$build/$variant"
	printf '%s\n' "${srcs[@]}" | xargs -P "$(nproc 2>/dev/null || echo 2)" -I{} \
		sh -c 'src=$1; shift; exec "$@" -c "$src" -o "$0/$(basename "$src" .c).o"' \
		"$build/$variant" {} "$CC" "${cflags[@]}" "$@" || return 1
	obj=()
	for f in "${srcs[@]}"; do
		obj+=("$build/$variant/$(basename "$f" .c).o")
	done
	for t in "${targets[@]}"; do
		# shellcheck disable=SC2046 # a list of files, or nothing
		"$CC" "${cflags[@]}" "$@" -fsanitize=fuzzer "$here/fuzz_$t.c" "${obj[@]}" \
			$(extra_srcs "$t") $libs -o "$build/$variant/fuzz_$t" || return 1
	done
}

mkdir -p "$build"
echo "== building ${targets[*]} with $CC ($($CC --version | head -n 1))"
build san "${san[@]}" -fsanitize=fuzzer-no-link || die "the build failed"

coverage=${FUZZ_COVERAGE:-1}
ver=$($CC -dumpversion 2>/dev/null | cut -d. -f1)
profdata=$(command -v "llvm-profdata-$ver" || command -v llvm-profdata || true)
llvmcov=$(command -v "llvm-cov-$ver" || command -v llvm-cov || true)
if [ "$coverage" = 1 ] && [ -n "$profdata" ] && [ -n "$llvmcov" ]; then
	build cov -fsanitize=fuzzer-no-link -fprofile-instr-generate -fcoverage-mapping ||
		coverage=0
else
	coverage=0
fi

# The sources whose line coverage a target is about.
cov_files() {
	case $1 in
	import) echo src/porting.c src/jsonread.c src/lists.c src/lists_ops.c ;;
	submit) echo src/submit.c src/utm.c src/jsonread.c src/marketing.c src/leads.c ;;
	ini) echo src/conf.c ;;
	name) echo src/text.c src/lists.c ;;
	mlname) echo src/mlname.c src/lists.c ;;
	jsonflat) echo src/jsonflat.c ;;
	output) echo src/text.c src/json.c src/cli_util.c src/porting.c ;;
	esac
}

status=0
summary=()
for t in "${targets[@]}"; do
	corpus=$build/corpus-$t
	crashes=$build/crashes-$t
	log=$build/$t.log
	rm -rf "$corpus" "$crashes"
	mkdir -p "$corpus" "$crashes"
	# A copy of the seeds and of every input that once crashed: the
	# committed corpus does not grow.
	for d in "$here/corpus/$t" "$here/regressions/$t"; do
		[ -d "$d" ] || continue
		find "$d" -maxdepth 1 -type f ! -name README ! -name '.*' \
			-exec cp {} "$corpus/" \;
	done
	dict=()
	[ -f "$here/$t.dict" ] && dict=(-dict="$here/$t.dict")
	echo "== fuzzing $t for ${secs}s"
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
		"$build/san/fuzz_$t" -max_total_time="$secs" -print_final_stats=1 \
		-timeout=25 -artifact_prefix="$crashes/" "${dict[@]}" "$corpus" \
		>"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n 1)
	last=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -n 1)
	cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
	ft=$(sed -n 's/.*ft: \([0-9]*\).*/\1/p' <<<"$last")
	units=$(find "$corpus" -type f | wc -l)
	line="$t: ${execs:-?} executions (${rate:-?}/s), cov: ${cov:-?} ft: ${ft:-?}, corpus ${units}"
	if [ "$rc" -ne 0 ]; then
		status=1
		crash=$(sed -n 's/.*Test unit written to \(.*\)$/\1/p' "$log" | tail -n 1)
		tail -n 60 "$log"
		line="$line, CRASHED: ${crash:-see $log}"
		echo "!! $t crashed; input: ${crash:-unknown} (log: $log)"
	fi
	if [ "$coverage" = 1 ]; then
		raw=$build/cov/$t.profraw
		rm -f "$raw"
		LLVM_PROFILE_FILE=$raw "$build/cov/fuzz_$t" -runs=0 "$corpus" \
			>"$build/cov/$t.replay.log" 2>&1
		if [ -f "$raw" ] && "$profdata" merge -sparse "$raw" -o "$build/cov/$t.profdata"; then
			# shellcheck disable=SC2046
			"$llvmcov" report "$build/cov/fuzz_$t" -instr-profile="$build/cov/$t.profdata" \
				$(cov_files "$t") >"$build/cov/$t.report" 2>/dev/null
			lines=$(awk '$1 == "TOTAL" { print $(NF-3) }' "$build/cov/$t.report")
			files=$(awk '$1 ~ /\.c$/ { f = $1; sub(/.*\//, "", f); printf "%s%s %s", sep, f, $(NF-3); sep = ", " }' \
				"$build/cov/$t.report")
			line="$line, lines ${lines:-?} ($files)"
		fi
	fi
	summary+=("$line")
done

echo "== fuzzing summary (${secs}s per target)"
printf '%s\n' "${summary[@]}"
exit "$status"
