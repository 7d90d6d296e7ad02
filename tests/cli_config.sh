#!/bin/sh
# Configuration: which database is used (--db > LEADADMIN_DB > config file
# [database] path > the default, made on first use), which file is read
# (--config > LEADADMIN_CONFIG > the user file), bad files and values, and
# the language (--lang, [ui] language, the locale).
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

DEFAULT="$XDG_DATA_HOME/leadadmin/crm.db"
USERCONF="$XDG_CONFIG_HOME/leadadmin/leadadmin.ini"

# mode PATH: the permission bits as ls shows them ("-rw-------").
mode() {
	# shellcheck disable=SC2012 # one known file
	ls -ld "$1" | cut -c1-10
}

# names: the category names the last `la ... category list --format tsv` printed.
names() {
	printf '%s\n' "$OUT" | sed 1d | cut -f3 | tr '\n' ' '
}

# ------------------------------------------------------------ the default database
ok "$([ ! -e "$XDG_DATA_HOME/leadadmin" ]; echo $?)" "there is no default database yet"
old_umask=$(umask)
umask 000
la category list --format tsv
umask "$old_umask"
is "$RC" 0 "without --db, env or config the default database is used and made"
is "$ERR" "" "nothing on stderr"
ok "$([ -f "$DEFAULT" ]; echo $?)" "it is \$XDG_DATA_HOME/leadadmin/crm.db"
is "$(mode "$DEFAULT")" "-rw-------" "the database file has mode 0600 (even with umask 000)"
is "$(mode "$XDG_DATA_HOME/leadadmin")" "drwx------" "its folder has mode 0700"
is "$(sql "$DEFAULT" 'PRAGMA user_version')" 11 "it is a current leadadmin database"
like "$(names)" "Lead Marketing qualified lead (MQL) Opportunity Lost opportunity" "it has the default categories"
is "$(sql "$DEFAULT" 'SELECT count(*) FROM leadstatus')" 5 "and the default lead statuses"
"$LEADADMIN_BIN" category add in-default >/dev/null 2>&1
is "$(sql "$DEFAULT" "SELECT count(*) FROM category WHERE name = 'in-default'")" 1 "a change without --db goes to the default database"

# ------------------------------------------------------------ precedence of the database
for w in opt env conf; do
	"$LEADADMIN_BIN" --db "$TEST_TMP/$w.db" init >/dev/null 2>&1
	"$LEADADMIN_BIN" --db "$TEST_TMP/$w.db" category add "in-$w" >/dev/null 2>&1
done
printf '[database]\npath = %s\n' "$TEST_TMP/conf.db" >"$TEST_TMP/conf.ini"
mkdir -p "$XDG_CONFIG_HOME/leadadmin"
cp "$TEST_TMP/conf.ini" "$USERCONF"

la category list --format tsv
like "$(names)" "in-conf" "the user config file's [database] path beats the default"
LEADADMIN_DB="$TEST_TMP/env.db"
export LEADADMIN_DB
la category list --format tsv
like "$(names)" "in-env" "LEADADMIN_DB beats the config file"
unlike "$(names)" "in-conf" "and only that database is read"
la --db "$TEST_TMP/opt.db" category list --format tsv
like "$(names)" "in-opt" "--db beats LEADADMIN_DB"
la --db "$TEST_TMP/opt.db" category add via-opt
is "$(sql "$TEST_TMP/opt.db" "SELECT count(*) FROM category WHERE name = 'via-opt'")" 1 "a change with --db goes to that database"
is "$(sql "$TEST_TMP/env.db" "SELECT count(*) FROM category WHERE name = 'via-opt'"):$(sql "$TEST_TMP/conf.db" "SELECT count(*) FROM category WHERE name = 'via-opt'")" \
	"0:0" "and to no other"
la category add via-env
is "$(sql "$TEST_TMP/env.db" "SELECT count(*) FROM category WHERE name = 'via-env'")" 1 "a change with LEADADMIN_DB goes to that database"
unset LEADADMIN_DB
la category add via-conf
is "$(sql "$TEST_TMP/conf.db" "SELECT count(*) FROM category WHERE name = 'via-conf'")" 1 "a change with the config path goes to that database"
is "$(sql "$DEFAULT" "SELECT count(*) FROM category WHERE name LIKE 'via-%'")" 0 "the default database got none of them"
rm -f "$USERCONF"

# A named database (option, environment or config) must exist: no stray files.
LEADADMIN_DB="$TEST_TMP/env-typo.db"
export LEADADMIN_DB
la category list
unset LEADADMIN_DB
is "$RC" 3 "a missing LEADADMIN_DB database: exit 3"
like "$ERR" "env-typo.db" "the message names it"
ok "$([ ! -e "$TEST_TMP/env-typo.db" ]; echo $?)" "it was not made"

# ~ in the configured path is the home folder.
"$LEADADMIN_BIN" --db "$HOME/tilde.db" init >/dev/null 2>&1
"$LEADADMIN_BIN" --db "$HOME/tilde.db" category add in-tilde >/dev/null 2>&1
printf '[database]\npath = ~/tilde.db\n' >"$TEST_TMP/tilde.ini"
la --config "$TEST_TMP/tilde.ini" category list --format tsv
like "$(names)" "in-tilde" "path = ~/tilde.db means the home folder"

# ------------------------------------------------------------ which config file
printf '[database]\npath = %s\n' "$TEST_TMP/opt.db" >"$TEST_TMP/opt.ini"
printf '[database]\npath = %s\n' "$TEST_TMP/env.db" >"$TEST_TMP/env.ini"
cp "$TEST_TMP/conf.ini" "$USERCONF"
la --config "$TEST_TMP/opt.ini" category list --format tsv
like "$(names)" "in-opt" "--config FILE is read instead of the user file"
LEADADMIN_CONFIG="$TEST_TMP/env.ini"
export LEADADMIN_CONFIG
la category list --format tsv
like "$(names)" "in-env" "LEADADMIN_CONFIG is read instead of the user file"
la --config "$TEST_TMP/opt.ini" category list --format tsv
like "$(names)" "in-opt" "--config beats LEADADMIN_CONFIG"
unset LEADADMIN_CONFIG
la category list --format tsv
like "$(names)" "in-conf" "without them the user file is read"
rm -f "$USERCONF"

# ------------------------------------------------------------ bad files and values
"$LEADADMIN_BIN" --db "$DB" init >/dev/null 2>&1
sum=$(checksum "$DB")

printf '[database\npath = x\n' >"$TEST_TMP/broken.ini"
la --config "$TEST_TMP/broken.ini" --db "$DB" category list
is "$RC" 2 "a malformed config file: exit 2"
like "$ERR" "broken.ini" "the message names the file"
is "$(printf '%s\n' "$ERR" | wc -l | tr -d ' ')" 1 "one line on stderr"
is "$OUT" "" "nothing else is done"
LEADADMIN_CONFIG="$TEST_TMP/broken.ini"
export LEADADMIN_CONFIG
la --db "$DB" category list
unset LEADADMIN_CONFIG
is "$RC" 2 "a malformed LEADADMIN_CONFIG: exit 2"
cp "$TEST_TMP/broken.ini" "$USERCONF"
la --db "$DB" category list
is "$RC" 2 "a malformed user config file: exit 2"
like "$ERR" "$USERCONF" "the message names the user file"
rm -f "$USERCONF"

la --config "$TEST_TMP/no-such.ini" --db "$DB" category list
is "$RC" 2 "a missing --config file: exit 2"
like "$ERR" "no-such.ini" "the message names the file"

printf '[database]\nbusy_timeout = soon\n' >"$TEST_TMP/value.ini"
la --config "$TEST_TMP/value.ini" --db "$DB" category list
is "$RC" 2 "an invalid value: exit 2"
like "$ERR" "value.ini" "the message names the file"
like "$ERR" "busy_timeout" "the message names the key"
like "$ERR" "soon" "the message names the value"
# [keys]: a key bound to two actions of one screen is refused at start,
# naming the file, the line and both actions.
printf '[keys]\nadd = a Insert\nfilter = a\n' >"$TEST_TMP/keys.ini"
la --config "$TEST_TMP/keys.ini" --db "$DB" category list
is "$RC" 2 "a key bound twice: exit 2"
like "$ERR" "keys.ini:3:" "the message names the file and the line"
like "$ERR" "add and filter" "the message names both actions"
printf '[keys]\nmove_up = [ Kk\n' >"$TEST_TMP/keyname.ini"
la --config "$TEST_TMP/keyname.ini" --db "$DB" category list
is "$RC" 2 "an unknown key name: exit 2"
like "$ERR" "keyname.ini:2: [keys] move_up: 'Kk'" "the message names the file, the line, the action and the word"
printf '[keys]\nopen = x\nedit = x\n' >"$TEST_TMP/keyshare.ini"
la --config "$TEST_TMP/keyshare.ini" --db "$DB" category list
is "$RC" 0 "actions that never meet on a screen may share a key"
printf '[ui]\nlanguage = fr\n' >"$TEST_TMP/lang.ini"
la --config "$TEST_TMP/lang.ini" --db "$DB" category list
is "$RC" 2 "an unknown language in the config: exit 2"
like "$ERR" "language" "the message names the key"
like "$ERR" "fr" "the message names the value"
for theme in default mono colorblind light; do
	printf '[ui]\ntheme = %s\nreader = on\n' "$theme" >"$TEST_TMP/theme.ini"
	la --config "$TEST_TMP/theme.ini" --db "$DB" category list --format tsv
	is "$RC" 0 "theme = $theme with reader = on is accepted"
done
printf '; colours\n[ui]\nlanguage = en\ntheme = neon\n' >"$TEST_TMP/neon.ini"
la --config "$TEST_TMP/neon.ini" --db "$DB" category list
is "$RC" 2 "an unknown theme: exit 2"
like "$ERR" "neon.ini:4: [ui:theme] has the invalid value 'neon' (expected default, mono, colorblind, light)" \
	"the message names the file, the line, the value and the themes"
printf '[ui]\nreader = maybe\n' >"$TEST_TMP/reader.ini"
la --config "$TEST_TMP/reader.ini" --db "$DB" category list
is "$RC" 2 "reader = maybe: exit 2"
like "$ERR" "reader.ini:2: [ui:reader] has the invalid value 'maybe' (expected on, off)" \
	"the message names the file, the line and what is allowed"
la --reader --db "$DB" category list --format tsv
is "$RC" 0 "--reader is a global option that commands accept"
printf '[database]\npath =\n' >"$TEST_TMP/empty.ini"
la --config "$TEST_TMP/empty.ini" category list
is "$RC" 2 "an empty database path: exit 2"
like "$ERR" "path" "the message names the key"

printf '[database]\ncolour = blue\nbusy_timeout = 1000\n[ui]\ntheme = mono\n' >"$TEST_TMP/unknown.ini"
la --config "$TEST_TMP/unknown.ini" --db "$DB" category list --format tsv
is "$RC" 0 "an unknown key is not an error"
like "$ERR" "colour" "but a warning on stderr names it"
like "$ERR" "unknown.ini" "and the file"
like "$(names)" "Lead" "and the command works"

cp "$TEST_TMP/opt.ini" "$TEST_TMP/open.ini"
chmod 666 "$TEST_TMP/open.ini"
la --config "$TEST_TMP/open.ini" category list --format tsv
is "$RC" 2 "a world-writable config file is refused: exit 2"
like "$ERR" "open.ini" "the message names the file"
unlike "$(names)" "in-opt" "its database path was not used"
chmod 644 "$TEST_TMP/open.ini"
la --config "$TEST_TMP/open.ini" category list --format tsv
is "$RC" 0 "the same file, not world-writable, is used"
is "$(checksum "$DB")" "$sum" "none of the bad configurations touched the database"

# ------------------------------------------------------------ language
la --db "$DB" category list
english_group=$(printf '%s\n' "$OUT" | grep -c 'Potential customer')
is "$english_group" 4 "in English the group is 'Potential customer'"
la --lang de --db "$DB" category list
is "$RC" 0 "--lang de category list exits 0"
is "$(printf '%s\n' "$OUT" | grep -c 'Potenzieller Kunde')" 4 "--lang de shows the group as 'Potenzieller Kunde'"
la --help
english_help=$OUT
la --lang de --help
is "$RC" 0 "--lang de --help exits 0"
ok "$([ -n "$OUT" ] && [ "$OUT" != "$english_help" ]; echo $?)" "--lang de translates the help text"
unlike "$OUT" "Usage:" "the German help has no English 'Usage:'"
printf '[ui]\nlanguage = de\n' >"$TEST_TMP/de.ini"
la --config "$TEST_TMP/de.ini" --db "$DB" category list
is "$(printf '%s\n' "$OUT" | grep -c 'Potenzieller Kunde')" 4 "[ui] language = de gives German output"
la --config "$TEST_TMP/de.ini" --lang en --db "$DB" category list
is "$(printf '%s\n' "$OUT" | grep -c 'Potential customer')" 4 "--lang en beats the config file"
LC_ALL=de_DE.UTF-8
la --db "$DB" category list
LC_ALL=C.UTF-8
is "$(printf '%s\n' "$OUT" | grep -c 'Potenzieller Kunde')" 4 "a German locale gives German output"

# A new default database follows the program's language.
XDG_DATA_HOME="$TEST_TMP/de-data"
la --lang de lead-status list --format tsv
XDG_DATA_HOME="$HOME/.local/share"
is "$RC" 0 "a new default database with --lang de"
is "$(sql "$TEST_TMP/de-data/leadadmin/crm.db" "SELECT name FROM leadstatus WHERE is_default = 1")" Offen \
	"it gets the German defaults"
la --db "$TEST_TMP/de-init.db" --lang de init
is "$(sql "$TEST_TMP/de-init.db" "SELECT value FROM setting WHERE key = 'language'")" de "init under --lang de makes a German database"


# [database] url: a PostgreSQL database, used instead of path; not a URI
# is refused. (tests/pg_both.sh opens one on a real server.)
printf '[database]\npath = %s\nurl = postgresql:///crm?host=%s/nosocket\n' "$DB" "$TEST_TMP" >"$TEST_TMP/url.ini"
la --config "$TEST_TMP/url.ini" category list
is "$RC" 3 "[database] url with no server there: exit 3"
like "$ERR" "postgresql:///crm?host=$TEST_TMP/nosocket: cannot connect to the PostgreSQL database" \
	"url is used instead of path, and the message names it"
printf '[database]\nurl = %s\n' "$TEST_TMP/crm.db" >"$TEST_TMP/badurl.ini"
la --config "$TEST_TMP/badurl.ini" category list
is "$RC" 2 "[database] url that is not a URI is refused (exit 2, as any bad value)"
like "$ERR" "a PostgreSQL connection URI" "and the message says what url takes"

finish
