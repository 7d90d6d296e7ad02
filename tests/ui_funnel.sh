#!/bin/sh
# The lead overview's funnel (issue 16): in screen dumps at 80x24 and 60x16,
# English and German, every bar beside a count is as long, in eighths of a
# column, as the count is of its table's largest (rounded, at least one
# eighth for a count above zero); the mono theme draws '#' per column.
# `leads --chart` does the same on the command line and refuses TSV and
# JSON. The counts come from `leads --format tsv`, the lengths are read
# from the dumps and compared with the arithmetic done here. TAP.

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
case $bin in /*) ;; *) bin=$PWD/$bin ;; esac

if [ ! -x "$bin" ]; then
	echo "1..0 # SKIP leadadmin binary not found: $bin"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ui_funnel.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT INT TERM
unset NO_COLOR LANGUAGE LANG LC_MESSAGES LEADADMIN_DB LEADADMIN_CONFIG ESCDELAY
HOME=$tmp/home
mkdir -p "$HOME"
export HOME TZ=UTC LC_ALL=C.UTF-8 TERM=xterm-256color XDG_CONFIG_HOME="$HOME/.config" \
	XDG_DATA_HOME="$HOME/.local/share"

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -n "$2" ] && [ -f "$2" ] && sed 's/^/# /' "$2"
}

# Bars as letters: F a full block, 1-7 the eighths (U+258F is one eighth,
# U+2589 seven), so that awk counts them byte by byte.
letters() {
	sed 's/█/F/g; s/▏/\x01/g; s/▎/\x02/g; s/▍/\x03/g; s/▌/\x04/g; s/▋/\x05/g; s/▊/\x06/g; s/▉/\x07/g' "$1"
}

# check_bars OUT UNIT: every line of OUT "LABEL COUNT BAR" whose label is
# a row of $tmp/LANG.tsv (dimension, name, contacts) has a bar of
# round(COUNT * WIDTH * UNIT / MAX) units (at least 1), MAX the largest
# count of its dimension, WIDTH the width of the largest's bar. UNIT 8:
# eighths in block characters; 1: '#' columns. Prints what it checked,
# and exits non-zero on the first wrong bar or when fewer than 5 bars
# were checked (a layout that shows none must fail).
check_bars() {
	letters "$1" | LC_ALL=C awk -v unit="$2" -v tsv="$3" '
	BEGIN {
		FS = "\t"
		while ((getline l < tsv) > 0) {
			split(l, f, "\t")
			if (f[1] == "dimension") continue
			cnt[f[2]] = f[3]; dim[f[2]] = f[1]
			if (f[3] + 0 > max[f[1]]) max[f[1]] = f[3] + 0
		}
		FS = " "
	}
	function units(bar,    u, i, c) {
		u = 0
		for (i = 1; i <= length(bar); i++) {
			c = substr(bar, i, 1)
			if (c == "F") u += 8
			else if (c == "#") u += 1
			else u += index("\001\002\003\004\005\006\007", c)
		}
		return u
	}
	# A row: the label, the count, then the bar (and maybe companies).
	{
		if (!match($0, /[0-9]+ +[F#\001-\007]+/)) next
		lead = substr($0, 1, RSTART - 1); rest = substr($0, RSTART, RLENGTH)
		sub(/^[> ✗]+/, "", lead); sub(/ +$/, "", lead)
		split(rest, p, " ")
		if (!(lead in cnt) || cnt[lead] != p[1]) next
		row++; lab[row] = lead; c[row] = p[1] + 0; u[row] = units(p[2])
		if (c[row] == max[dim[lead]]) width = u[row] / unit
	}
	END {
		if (!width) { print "# no bar of a largest count"; exit 1 }
		for (i = 1; i <= row; i++) {
			m = max[dim[lab[i]]]
			want = c[i] >= m ? width * unit : int((c[i] * width * unit + int(m / 2)) / m)
			if (c[i] > 0 && want < 1) want = 1
			if (u[i] != want) {
				printf "# %s: %d of %d in %d columns: %d units, want %d\n", lab[i], c[i], m, width, u[i], want
				bad = 1
			}
		}
		printf "# %d bars checked, %d columns wide\n", row, width
		if (bad || row < 5) exit 1
	}'
}

echo "1..9"

for lang in en de; do
	db=$tmp/$lang.db
	"$bin" --db "$db" init --language $lang --demo >/dev/null || exit 1
	# A funnel with a small count: one Qualified lead of the demo moves
	# to Re-nurture until only a few are left.
	sqlite3 "$db" "UPDATE person SET leadstatus_id = (SELECT leadstatus_id FROM leadstatus WHERE rank = (SELECT max(rank) FROM leadstatus))
		WHERE person_id IN (SELECT person_id FROM person WHERE leadstatus_id = (SELECT leadstatus_id FROM leadstatus ORDER BY rank LIMIT 1 OFFSET 2) LIMIT 27)" 2>/dev/null
	"$bin" --lang $lang --db "$db" leads --format tsv >"$tmp/$lang.tsv" || exit 1
	printf '<End>\n<Enter>\n:dump\n' >"$tmp/keys"
	for size in 80x24 60x16; do
		out=$tmp/$lang-$size.out
		COLUMNS=${size%x*} LINES=${size#*x} "$bin" --lang $lang --db "$db" \
			--script "$tmp/keys" --dump "$out" </dev/null >/dev/null 2>&1
		if check_bars "$out" 8 "$tmp/$lang.tsv" >"$tmp/why" 2>&1; then
			ok "$lang $size: bars in eighths in proportion to the counts$(sed -n 's/^# \(.*checked.*\)/ (\1)/p' "$tmp/why")"
		else
			cat "$tmp/why" >>"$out"
			not_ok "$lang $size: bars in eighths in proportion to the counts" "$out"
		fi
	done
done

# The mono theme: '#' a column.
mkdir -p "$HOME/.config/leadadmin"
printf '[ui]\ntheme = mono\n' >"$HOME/.config/leadadmin/leadadmin.ini"
COLUMNS=80 LINES=24 "$bin" --lang en --db "$tmp/en.db" --script "$tmp/keys" --dump "$tmp/mono.out" \
	</dev/null >/dev/null 2>&1
if check_bars "$tmp/mono.out" 1 "$tmp/en.tsv" >"$tmp/why" 2>&1 && ! grep -q '█' "$tmp/mono.out"; then
	ok "mono theme: '#' bars in proportion"
else
	cat "$tmp/why" >>"$tmp/mono.out"
	not_ok "mono theme: '#' bars in proportion" "$tmp/mono.out"
fi
rm "$HOME/.config/leadadmin/leadadmin.ini"

# leads --chart: 20 columns of eighths; '#' under a locale without UTF-8.
"$bin" --db "$tmp/en.db" leads --chart >"$tmp/chart.out" 2>&1
if check_bars "$tmp/chart.out" 8 "$tmp/en.tsv" >"$tmp/why" 2>&1 &&
	grep -q '# .* 20 columns wide' "$tmp/why"; then
	ok "leads --chart: bars of 20 columns in proportion"
else
	cat "$tmp/why" >>"$tmp/chart.out"
	not_ok "leads --chart: bars of 20 columns in proportion" "$tmp/chart.out"
fi
LC_ALL=C "$bin" --db "$tmp/en.db" leads --chart >"$tmp/chart-c.out" 2>&1
if check_bars "$tmp/chart-c.out" 1 "$tmp/en.tsv" >"$tmp/why" 2>&1 && ! grep -q '█' "$tmp/chart-c.out"; then
	ok "leads --chart under LC_ALL=C: '#' bars in proportion"
else
	cat "$tmp/why" >>"$tmp/chart-c.out"
	not_ok "leads --chart under LC_ALL=C: '#' bars in proportion" "$tmp/chart-c.out"
fi
# Without --chart no bars.
"$bin" --db "$tmp/en.db" leads >"$tmp/plain.out"
"$bin" --db "$tmp/en.db" leads --chart --format tsv >"$tmp/tsv.out" 2>"$tmp/tsv.err"
rc=$?
if [ $rc = 2 ] && [ ! -s "$tmp/tsv.out" ] && grep -q -- "--chart draws bars in the table format only" "$tmp/tsv.err" &&
	! grep -q '█' "$tmp/plain.out"; then
	ok "leads --chart --format tsv is a usage error (exit 2); no bars without --chart"
else
	echo "exit $rc" >>"$tmp/tsv.err"
	not_ok "leads --chart --format tsv is a usage error (exit 2); no bars without --chart" "$tmp/tsv.err"
fi
"$bin" --db "$tmp/en.db" leads --chart --format json >"$tmp/json.out" 2>"$tmp/json.err"
rc=$?
if [ $rc = 2 ] && [ ! -s "$tmp/json.out" ] && [ -s "$tmp/json.err" ]; then
	ok "leads --chart --format json is a usage error (exit 2)"
else
	not_ok "leads --chart --format json is a usage error (exit 2)" "$tmp/json.err"
fi

[ "$failed" -eq 0 ]
