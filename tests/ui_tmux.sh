#!/bin/sh
# The real binary in a real terminal: tmux runs leadadmin in a pane, keys
# arrive as the terminal's escape sequences (send-keys), and the test
# reads the pane (capture-pane -p), polling for the expected text with a
# bounded loop instead of fixed sleeps. TAP; skips without tmux.

srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
bin=${LEADADMIN_BIN:-$srcdir/leadadmin}
SQLITE3=${SQLITE3:-sqlite3}

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # SKIP tmux is not installed"
	exit 0
fi
if [ ! -x "$bin" ]; then
	echo "1..0 # SKIP leadadmin binary not found: $bin"
	exit 0
fi
if ! command -v "$SQLITE3" >/dev/null 2>&1; then
	echo "1..0 # SKIP the sqlite3 shell is not installed"
	exit 0
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ui_tmux.XXXXXX") || exit 1
sock=leadadmin-test-$$-0
k=0
tmx() { tmux -L "$sock" -f /dev/null "$@"; }
# A fresh tmux server for each run: reusing a socket while the old server
# is still shutting down loses the new session.
fresh() {
	tmx kill-server >/dev/null 2>&1
	k=$((k + 1))
	sock=leadadmin-test-$$-$k
}
trap 'tmx kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT INT TERM

unset NO_COLOR LANGUAGE LANG LC_MESSAGES LEADADMIN_DB LEADADMIN_CONFIG ESCDELAY
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
	[ -f "$tmp/pane" ] && sed 's/^/# /' "$tmp/pane"
}
check() { if [ "$1" = 0 ]; then ok "$2"; else not_ok "$2"; fi; }

now_ms() { date +%s%3N; }
pane() { tmx capture-pane -p -t t >"$tmp/pane" 2>/dev/null; }
# Waits up to 5 s for text to show in the pane.
wait_for() {
	i=0
	while [ $i -lt 100 ]; do
		pane
		grep -qF -- "$1" "$tmp/pane" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
wait_gone() {
	i=0
	while [ $i -lt 100 ]; do
		pane
		grep -qF -- "$1" "$tmp/pane" || return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
keys() { tmx send-keys -t t "$@"; }

# Starts leadadmin on database $1 with TERM $2 in a fresh 80x24 session.
# The pane's shell records the pid, and afterwards the exit code and
# whether the terminal settings came back as they were.
start() {
	fresh
	cat >"$tmp/run.sh" <<SH
TERM=$2; export TERM
before=\$(stty -g)
sh -c 'echo \$\$ >"$tmp/pid"; exec "$bin" --db "$1"'
rc=\$?
[ "\$(stty -g)" = "\$before" ] && tty=restored || tty=broken
echo "EXIT \$rc TTY \$tty"
sleep 30
SH
	rm -f "$tmp/pid"
	tmx new-session -d -s t -x 80 -y 24 "sh $tmp/run.sh"
	wait_for "Settings and maintenance"
}

db=$tmp/crm.db
"$bin" --db "$db" init --language en >/dev/null || { echo "Bail out! init failed"; exit 1; }

echo "1..22"

# 1. Add a category with lead status, as a person types it.
start "$db" xterm-256color
keys Enter
wait_for "Company – Category" && keys Enter
wait_for "Lost opportunity" && keys a
wait_for "New category" && keys -l "Fair leads"
keys Tab Tab; keys -l "Met at the fair"; keys Tab Space
wait_for "[x] Enable lead status" && keys Enter
wait_for "Saved “Fair leads”."
got=$("$SQLITE3" "$db" "SELECT category_group, enable_lead_status, tooltip FROM category WHERE name = 'Fair leads'")
[ "$got" = "2|1|Met at the fair" ]
check $? "add a category with lead status (database: $got)"

# 2. F1 (sent as the terminal's F1 sequence) opens the help; Esc closes it.
keys F1
wait_for "Help: Company – Category" && keys Escape && wait_gone "Help: Company"
check $? "F1 opens the help, Esc closes it"

# 3. Esc answers at once (short ESCDELAY), not after the usual second.
keys a
wait_for "New category"
t0=$(now_ms)
keys Escape
wait_gone "New category"
rc=$?
t1=$(now_ms)
[ $rc = 0 ] && [ $((t1 - t0)) -lt 800 ]
check $? "Esc closes the dialog in $((t1 - t0)) ms"

# 4. Resizing reflows; too small shows the note; enlarging recovers.
tmx resize-window -t t -x 60 -y 16
wait_for "Potential customer Yes" && pane && [ "$(wc -L <"$tmp/pane")" -le 60 ]
r1=$?
tmx resize-window -t t -x 50 -y 12
wait_for "Terminal too small: 50×12"
r2=$?
tmx resize-window -t t -x 100 -y 30
wait_for "Description" && wait_gone "too small"
r3=$?
[ $r1 = 0 ] && [ $r2 = 0 ] && [ $r3 = 0 ]
check $? "resize to 60x16, to 50x12 (too small) and back to 100x30"

# 5. q leaves level by level; the terminal is restored, exit 0.
keys q
wait_for "> Company – Category" && keys q && wait_for "> Lists" && keys q
wait_for "EXIT 0 TTY restored"
check $? "q quits and restores the terminal"

# 6. TERM=vt100: keys decode (arrows, F1) and no colour is sent.
start "$db" vt100
keys Down Enter
wait_for "Lead management is ready"
r1=$?
keys F1
wait_for "Help: Lead management set-up"
r2=$?
tmx capture-pane -e -p -t t >"$tmp/esc"
! grep -q "$(printf '\033')\\[[0-9;]*3[0-7]m" "$tmp/esc"
r3=$?
[ $r1 = 0 ] && [ $r2 = 0 ] && [ $r3 = 0 ]
check $? "TERM=vt100: arrows and F1 decode, no colour codes"
keys Escape q q
wait_for "EXIT 0 TTY restored"
check $? "TERM=vt100: quits cleanly"

# 8. SIGHUP (an SSH drop) in the middle of an edit: no half-written
#    change, the database intact, the terminal restored.
start "$db" tmux-256color
keys Enter
wait_for "Company – Category" && keys Enter
wait_for "Fair leads" && keys Enter
wait_for "Edit category" && keys -l " unsaved"
wait_for "Lead unsaved"
kill -HUP "$(cat "$tmp/pid")"
wait_for "EXIT 129 TTY restored"
r1=$?
integrity=$("$SQLITE3" "$db" "PRAGMA integrity_check")
names=$("$SQLITE3" "$db" "SELECT count(*) FROM category WHERE name LIKE '%unsaved%'")
[ $r1 = 0 ] && [ "$integrity" = ok ] && [ "$names" = 0 ]
check $? "SIGHUP: exit 129, terminal restored, integrity $integrity, unsaved rows $names"

# 9. SIGTERM on the list screen also restores the terminal.
start "$db" xterm
keys Enter
wait_for "Company – Category"
kill -TERM "$(cat "$tmp/pid")"
wait_for "EXIT 143 TTY restored"
check $? "SIGTERM: exit 143 and the terminal restored"

# 10. NO_COLOR gets the mono look under a colour terminal ...
fresh
tmx new-session -d -s t -x 80 -y 24 "env TERM=xterm-256color NO_COLOR=1 '$bin' --db '$db'; sleep 30"
wait_for "Settings and maintenance"
tmx capture-pane -e -p -t t >"$tmp/esc"
! grep -q "$(printf '\033')\\[[0-9;]*3[0-7]m" "$tmp/esc" && grep -Eq "$(printf '\033')\\[([0-9]+;)*7m" "$tmp/esc"
check $? "NO_COLOR: no colour codes, the selection in reverse video"

# 11. ... and so does [ui] theme = mono in the configuration file.
printf '[ui]\ntheme = mono\n' >"$tmp/mono.ini"
fresh
tmx new-session -d -s t -x 80 -y 24 "env TERM=xterm-256color '$bin' --config '$tmp/mono.ini' --db '$db'; sleep 30"
wait_for "Settings and maintenance"
tmx capture-pane -e -p -t t >"$tmp/esc"
! grep -q "$(printf '\033')\\[[0-9;]*3[0-7]m" "$tmp/esc" && grep -Eq "$(printf '\033')\\[([0-9]+;)*7m" "$tmp/esc"
check $? "theme = mono: no colour codes, the selection in reverse video"

# 12-15. TERM=xterm, whose terminfo entry knows neither PuTTY's nor rxvt's
#    Home, End and F1: the keys as those terminals send them, raw bytes.
hex() { tmx send-keys -t t -H "$@"; }
# The selected row ("> " in the first column) names $1.
selected() {
	i=0
	while [ $i -lt 100 ]; do
		pane
		grep '^>' "$tmp/pane" | grep -qF -- "$1" && return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
start "$db" xterm
keys Enter
wait_for "Company – Category" && keys Enter
wait_for "Fair leads"
r=0
hex 1b 5b 34 7e; selected "Fair leads" || r=1          # PuTTY End   ESC [ 4 ~
hex 1b 5b 31 7e; selected "Lead " || r=1               # PuTTY Home  ESC [ 1 ~
hex 1b 5b 38 7e; selected "Fair leads" || r=1          # rxvt End    ESC [ 8 ~
hex 1b 5b 37 7e; selected "Lead " || r=1               # rxvt Home   ESC [ 7 ~
hex 1b 5b 46; selected "Fair leads" || r=1             # xterm End   ESC [ F
hex 1b 5b 48; selected "Lead " || r=1                  # xterm Home  ESC [ H
check $r "TERM=xterm: Home and End as PuTTY, rxvt and xterm send them"
hex 1b 5b 31 31 7e                                     # PuTTY, rxvt F1  ESC [ 1 1 ~
wait_for "Help: Company – Category" && keys Escape && wait_gone "Help: Company"
r=$?
hex 1b 5b 5b 41                                        # Linux console F1  ESC [ [ A
wait_for "Help: Company – Category" && keys Escape && wait_gone "Help: Company"
r2=$?
[ $r = 0 ] && [ $r2 = 0 ]
check $? "TERM=xterm: F1 as PuTTY, rxvt and the Linux console send it opens the help"
# Sequences no table knows (a made-up key, Ctrl-Up, an OSC string) are
# read whole and dropped: no "back" for their ESC, no "move up" for "[".
ranks=$("$SQLITE3" "$db" "SELECT group_concat(name || '=' || rank) FROM category ORDER BY rank")
keys Down
selected "Marketing qualified" &&
hex 1b 5b 39 39 7e 1b 5b 31 3b 35 41 1b 5d 35 32 3b 63 3b 07 1b 4f 5a &&
hex 1b 5b 34 7e && selected "Fair leads"
r=$?
pane
grep -qF "> Company – Category" "$tmp/pane" && ! grep -q "Help:" "$tmp/pane" &&
	[ "$("$SQLITE3" "$db" "SELECT group_concat(name || '=' || rank) FROM category ORDER BY rank")" = "$ranks" ]
r2=$?
[ $r = 0 ] && [ $r2 = 0 ]
check $? "TERM=xterm: unknown escape sequences are read whole and ignored"
keys q
wait_for "> Lists" && keys q q
wait_for "EXIT 0 TTY restored"
check $? "TERM=xterm: quits cleanly after the raw sequences"

# 16. A user [keys] file: J and K move an item, and the footer says so.
mkdir -p "$XDG_CONFIG_HOME/leadadmin"
printf '[keys]\nmove_up = K\nmove_down = J\n' >"$XDG_CONFIG_HOME/leadadmin/leadadmin.ini"
chmod 600 "$XDG_CONFIG_HOME/leadadmin/leadadmin.ini"
first=$("$SQLITE3" "$db" "SELECT name FROM category WHERE deleted = 0 ORDER BY rank LIMIT 1")
start "$db" xterm-256color
keys Enter
wait_for "Company – Category" && keys Enter
wait_for "K/J:Move" && selected "$first" && keys J
wait_for "Moved “$first” down."
r=$?
[ "$("$SQLITE3" "$db" "SELECT rank FROM category WHERE name = '$first'")" -gt \
  "$("$SQLITE3" "$db" "SELECT min(rank) FROM category WHERE deleted = 0")" ] || r=1
keys K
wait_for "Moved “$first” up." || r=1
[ "$("$SQLITE3" "$db" "SELECT name FROM category WHERE deleted = 0 ORDER BY rank LIMIT 1")" = "$first" ] || r=1
check $r "a user [keys] file: J and K move an item, the footer shows K/J:Move"
rm -f "$XDG_CONFIG_HOME/leadadmin/leadadmin.ini"
# 17-19. [ui] reader = on: the terminal cursor follows the selection and
#    the focus, where a screen reader or braille display reads it.
# The cursor as "x,y", once it is at $1 (waits up to 5 s).
cursor_at() {
	i=0
	while [ $i -lt 100 ]; do
		[ "$(tmx display -p -t t '#{cursor_x},#{cursor_y}')" = "$1" ] && return 0
		i=$((i + 1))
		sleep 0.05
	done
	return 1
}
printf '[ui]\nreader = on\n' >"$tmp/reader.ini"
fresh
tmx new-session -d -s t -x 80 -y 24 "env TERM=xterm-256color '$bin' --config '$tmp/reader.ini' --db '$db'; sleep 30"
wait_for "Settings and maintenance"
# The menu's first entry is on row 2, its text at column 2.
r=0
cursor_at 2,2 || r=1
keys Down; cursor_at 2,3 || r=1
keys Up Enter; wait_for "> Company – Category" && cursor_at 2,2 || r=1
keys Enter; wait_for "Lost opportunity"
# The list's rows start on row 2, their text at column 3 (after ">" and "✗").
cursor_at 3,2 || r=1
keys Down; selected "Marketing qualified" && cursor_at 3,3 || r=1
keys Down; selected "Opportunity" && cursor_at 3,4 || r=1
[ "$(tmx display -p -t t '#{cursor_flag}')" = 1 ] || r=1
check $r "reader = on: the cursor follows the selection through the menus and the list"
keys Enter
wait_for "Edit category"
# The dialog: Name's text ends at the cursor; Tab goes to the next field.
pane
nrow=$(grep -n "Name  *Opportunity" "$tmp/pane" | cut -d: -f1)
grow=$(grep -n "Category group" "$tmp/pane" | cut -d: -f1)
trow=$(grep -n "ticked  *Enable lead status" "$tmp/pane" | cut -d: -f1)
ncol=$(sed -n "${nrow}p" "$tmp/pane" | awk '{ print index($0, "Opportunity") - 1 + length("Opportunity") }')
r=0
[ -n "$nrow" ] && [ -n "$grow" ] && [ -n "$trow" ] || r=1
cursor_at "$ncol,$((nrow - 1))" || r=1
keys Tab; cursor_at "20,$((grow - 1))" || r=1
keys Tab Tab; cursor_at "4,$((trow - 1))" || r=1
grep -q "[┌─│]" "$tmp/pane" && r=1
grep -q "ticked  *Enable lead status for this category" "$tmp/pane" || r=1
check $r "reader = on: the cursor follows Tab through the dialog; no box drawing, the box in words"
keys Escape
wait_gone "Edit category" && keys q q q
fresh
tmx new-session -d -s t -x 80 -y 24 "env TERM=xterm-256color '$bin' --db '$db'; sleep 30"
wait_for "Settings and maintenance"
keys Enter Enter
wait_for "Lost opportunity"
keys Down
r=0
selected "Marketing qualified" && cursor_at 3,3 || r=1
[ "$(tmx display -p -t t '#{cursor_flag}')" = 1 ] || r=1
check $r "without reader mode the cursor also stands on the selected row"
# 20. [ui] mouse = on: the pane reports the mouse (SGR), and a real click
#     (press and release, ESC [ < 0 ; X ; Y M and m, 1-based) selects the
#     menu entry it is on.
mouse_flags() { tmx display -p -t t '#{mouse_standard_flag}#{mouse_button_flag}#{mouse_any_flag}#{mouse_sgr_flag}'; }
click_setup() { hex 1b 5b 3c 30 3b 36 3b 34 4d 1b 5b 3c 30 3b 36 3b 34 6d; }  # X 6, Y 4
printf '[ui]\nmouse = on\n' >"$tmp/mouse.ini"
LEADADMIN_CONFIG=$tmp/mouse.ini
export LEADADMIN_CONFIG
start "$db" xterm-256color
unset LEADADMIN_CONFIG
flags=$(mouse_flags)
click_setup
selected "Lead management set-up" && [ "$flags" = 1011 ]
check $? "mouse on: the pane reports the mouse ($flags), a click selects the entry"
keys q
wait_for "EXIT 0 TTY restored"

# 21. Off (the default): no mouse reporting is asked for, so the
#     terminal's own selection works, and the same bytes select nothing:
#     Down after them goes from Lists to the set-up entry.
start "$db" xterm-256color
flags=$(mouse_flags)
click_setup
keys Down
selected "Lead management set-up" && [ "$flags" = 0000 ]
check $? "mouse off: no mouse reporting ($flags), a click selects nothing"
keys q
wait_for "EXIT 0 TTY restored"

# 22. Mouse on: a real click on a dialog's [ OK ] (found in the pane)
#     saves the edit as Enter would.
first=$("$SQLITE3" "$db" "SELECT name FROM category WHERE deleted = 0 ORDER BY rank LIMIT 1")
LEADADMIN_CONFIG=$tmp/mouse.ini
export LEADADMIN_CONFIG
start "$db" xterm-256color
unset LEADADMIN_CONFIG
keys Enter
wait_for "Company – Category" && keys Enter
wait_for "Lost opportunity" && keys Enter
wait_for "[ OK ]" && keys End && keys -l " clicked"
wait_for "$first clicked"
r=$?
# The button's cell: its line (1-based Y) and the characters before it.
y=$(grep -n '\[ OK \]' "$tmp/pane" | head -n 1 | cut -d: -f1)
x=$(($(grep '\[ OK \]' "$tmp/pane" | head -n 1 | sed 's/\[ OK \].*//' | LC_ALL=C.UTF-8 wc -m) + 3))
hex $(printf '\033[<0;%d;%dM\033[<0;%d;%dm' "$x" "$y" "$x" "$y" | od -An -tx1)
wait_for "Saved" || r=1
[ "$("$SQLITE3" "$db" "SELECT count(*) FROM category WHERE name = '$first clicked'")" = 1 ] || r=1
check $r "mouse on: a click on [ OK ] ($x,$y) saves the dialog"
keys q q
wait_for "EXIT 0 TTY restored"

[ "$failed" -eq 0 ]
