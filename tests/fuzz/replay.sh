#!/bin/sh
# make check: every seed of the fuzz corpus and every input that once made
# a fuzz target crash (tests/fuzz/regressions/<target>/) goes through the
# target's checks again, built with the normal compiler (replay.c instead
# of libFuzzer). One TAP line per input.
: "${top_srcdir:=.}" "${top_builddir:=.}"

n=0 failed=0
for t in import submit ini name output mlname jsonflat; do
	bin=$top_builddir/tests/fuzz/replay_$t
	for f in "$top_srcdir/tests/fuzz/corpus/$t"/* "$top_srcdir/tests/fuzz/regressions/$t"/*; do
		[ -f "$f" ] || continue
		case ${f##*/} in README | .*) continue ;; esac
		n=$((n + 1))
		name="$t ${f#"$top_srcdir"/tests/fuzz/}"
		if out=$("$bin" "$f" 2>&1); then
			echo "ok $n - $name"
		else
			failed=$((failed + 1))
			echo "not ok $n - $name"
			printf '%s\n' "$out" | tail -n 20 | sed 's/^/# /'
		fi
	done
done
echo "1..$n"
[ "$n" -gt 0 ] || echo "Bail out! no fuzz inputs under $top_srcdir/tests/fuzz"
exit 0
