#!/bin/sh
# The progress line of long work (issue 16) in a real terminal: tmux runs
# `submit` of PROGRESS_LINES form submissions (default 30,000; .ci/run
# runs 100,000), an `export` of 200,000 categories and an `import` of
# 20,000 in a pane and records every byte the pane gets (pipe-pane). On a terminal the line
# shows ("Submitting: ... of ... (N %), .../s, ... left") and is erased
# before the summary; with stderr in a file, in a pipe or with --quiet
# there is none. Polls with a bounded loop, no fixed sleeps. TAP; skips
# without tmux.

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
lines=${PROGRESS_LINES:-30000}

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "1..0 # SKIP leadadmin binary not found: $bin"
	exit 0
fi
[ -f "$srcdir/tests/bench/lines.awk" ] || { echo "Bail out! tests/bench/lines.awk is missing"; exit 99; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ui_progress.XXXXXX") || exit 1
sock=leadadmin-progress-$$
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tmx kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM

unset NO_COLOR LANGUAGE LANG LC_MESSAGES LEADADMIN_DB LEADADMIN_CONFIG
HOME=$tmp/home
mkdir -p "$HOME"
export HOME TZ=UTC LC_ALL=C.UTF-8 XDG_CONFIG_HOME="$HOME/.config" XDG_DATA_HOME="$HOME/.local/share"

n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	[ -n "$2" ] && [ -f "$2" ] && head -c 2000 "$2" | cat -v | sed 's/^/# /'
}

# The database: the demo, UTM on, new contacts in Lead.
"$bin" --db "$tmp/base.db" init --language en --demo >/dev/null &&
	"$bin" --db "$tmp/base.db" licence enable marketing-premium >/dev/null &&
	"$bin" --db "$tmp/base.db" marketing set --utm on --form-category Lead >/dev/null ||
	{ echo "Bail out! the database could not be made"; exit 1; }
awk -v n="$lines" -v known=/dev/null -v companies=/dev/null \
	-f "$srcdir/tests/bench/lines.awk" >"$tmp/lines.jsonl"

# 200,000 categories to export, and a file of 20,000 to import.
cp "$tmp/base.db" "$tmp/cats.db"
"${SQLITE3:-sqlite3}" "$tmp/cats.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	WHERE i < 200000) INSERT INTO category (name, rank, category_group, la_name_key)
	SELECT 'Cat ' || i, 100 + i, 1, 'cat ' || i FROM n" ||
	{ echo "Bail out! the categories could not be made"; exit 1; }
cp "$tmp/base.db" "$tmp/some.db"
"${SQLITE3:-sqlite3}" "$tmp/some.db" "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n
	WHERE i < 20000) INSERT INTO category (name, rank, category_group, la_name_key)
	SELECT 'Cat ' || i, 100 + i, 1, 'cat ' || i FROM n" &&
	"$bin" --db "$tmp/some.db" export >"$tmp/some.json" ||
	{ echo "Bail out! the file to import could not be made"; exit 1; }

echo "1..12"

# run NAME COMMAND: runs the shell command in an 80x24 pane (on a fresh
# copy of the database, $DB), every byte the pane gets into NAME.raw;
# waits up to 120 s for it to end.
run() {
	cp "$tmp/base.db" "$tmp/$1.db"
	rm -f "$tmp/$1.raw" "$tmp/$1.rc"
	tmx kill-server >/dev/null 2>&1
	tmx new-session -d -s t -x 80 -y 24 "sh" || return 1
	tmx pipe-pane -t t -o "cat >>'$tmp/$1.raw'"
	tmx send-keys -t t "DB='$tmp/$1.db'; $2; echo \$? >'$tmp/$1.rc'" Enter
	i=0
	while [ ! -s "$tmp/$1.rc" ] && [ $i -lt 2400 ]; do
		i=$((i + 1))
		sleep 0.05
	done
	tmx capture-pane -p -t t >"$tmp/$1.pane"
	tmx kill-server >/dev/null 2>&1
	[ -s "$tmp/$1.rc" ]
}

created="Submissions: $lines created, 0 updated, 0 skipped, 0 rejected."

# 1-3: on a terminal the line shows, with a total, and is gone at the end.
run tty "'$bin' --db \"\$DB\" submit '$tmp/lines.jsonl'"
if grep -q "Submitting: .* of .* MB ([0-9]* %), .*/s, [0-9:]* left" "$tmp/tty.raw"; then
	ok "a submit of $lines lines shows its progress on a terminal"
else
	not_ok "a submit of $lines lines shows its progress on a terminal" "$tmp/tty.raw"
fi
# The last progress line is erased (CR, erase line) before the summary.
if tr '\r' '\n' <"$tmp/tty.raw" | grep -q "^$(printf '\033')\[KSubmissions: $lines created"; then
	ok "the line is erased before the summary"
else
	not_ok "the line is erased before the summary" "$tmp/tty.raw"
fi
if grep -qF "$created" "$tmp/tty.pane" && ! grep -q "Submitting" "$tmp/tty.pane"; then
	ok "the pane shows the summary and no progress line"
else
	not_ok "the pane shows the summary and no progress line" "$tmp/tty.pane"
fi

# 4-5: stderr in a file (stdout still the terminal).
run file "'$bin' --db \"\$DB\" submit '$tmp/lines.jsonl' 2>'$tmp/err.txt'"
if [ "$(cat "$tmp/file.rc")" = 0 ] && grep -qF "$created" "$tmp/file.raw"; then
	ok "the submit with stderr in a file ran"
else
	not_ok "the submit with stderr in a file ran" "$tmp/file.raw"
fi
if [ ! -s "$tmp/err.txt" ] && ! grep -q "Submitting" "$tmp/file.raw"; then
	ok "no progress line with stderr in a file"
else
	not_ok "no progress line with stderr in a file" "$tmp/err.txt"
fi

# 6-7: both into a pipe.
run pipe "'$bin' --db \"\$DB\" submit '$tmp/lines.jsonl' 2>&1 | cat >'$tmp/pipe.txt'"
if grep -qF "$created" "$tmp/pipe.txt"; then
	ok "the submit into a pipe ran"
else
	not_ok "the submit into a pipe ran" "$tmp/pipe.txt"
fi
if ! grep -q "Submitting" "$tmp/pipe.txt" && ! grep -q "$(printf '[\r\033]')" "$tmp/pipe.txt"; then
	ok "no progress line and no control characters in 'submit 2>&1 | cat'"
else
	not_ok "no progress line and no control characters in 'submit 2>&1 | cat'" "$tmp/pipe.txt"
fi

# 8: --quiet on a terminal.
run quiet "'$bin' --quiet --db \"\$DB\" submit '$tmp/lines.jsonl'"
if grep -qF "$created" "$tmp/quiet.raw" && ! grep -q "Submitting" "$tmp/quiet.raw"; then
	ok "--quiet turns the line off on a terminal"
else
	not_ok "--quiet turns the line off on a terminal" "$tmp/quiet.raw"
fi

# 9-10: export of 200,000 categories to a file shows its items; to the
# terminal itself (the JSON on the screen) it shows none.
run export "'$bin' --db '$tmp/cats.db' export '$tmp/cats.json'"
if grep -q "Exporting: [0-9]* items of 200[0-9]* items ([0-9]* %)" "$tmp/export.raw" &&
	! grep -q "Exporting" "$tmp/export.pane" && [ "$(cat "$tmp/export.rc")" = 0 ]; then
	ok "an export to a file shows its progress in items, and erases it"
else
	not_ok "an export to a file shows its progress in items, and erases it" "$tmp/export.raw"
fi
run export_tty "'$bin' --db '$tmp/cats.db' export | tail -n 1"
run export_out "'$bin' --db '$tmp/cats.db' export"
if grep -q "Exporting" "$tmp/export_tty.raw" && ! grep -q "Exporting" "$tmp/export_out.raw" &&
	grep -q '"Cat 200000"' "$tmp/export_out.raw"; then
	ok "export into a pipe shows the line; export onto the terminal does not"
else
	not_ok "export into a pipe shows the line; export onto the terminal does not" "$tmp/export_out.raw"
fi

# 11-12: import of 20,000 categories: bytes of the file's size, erased
# before the first line of what it did; none with --quiet.
run import "'$bin' --db \"\$DB\" import '$tmp/some.json'"
if grep -q "Importing: .* of .* MB ([0-9]* %)" "$tmp/import.raw" &&
	tr '\r' '\n' <"$tmp/import.raw" | grep -q "^$(printf '\033')\[Kadd categories" &&
	grep -q "Imported: 20000 added" "$tmp/import.pane"; then
	ok "an import shows its progress in bytes of the file and erases it before its lines"
else
	not_ok "an import shows its progress in bytes of the file and erases it before its lines" "$tmp/import.raw"
fi
run import_quiet "'$bin' --quiet --db \"\$DB\" import '$tmp/some.json'"
if grep -q "Imported: 20000 added" "$tmp/import_quiet.pane" && ! grep -q "Importing" "$tmp/import_quiet.raw"; then
	ok "--quiet: no line during the import"
else
	not_ok "--quiet: no line during the import" "$tmp/import_quiet.raw"
fi

[ "$failed" -eq 0 ]
