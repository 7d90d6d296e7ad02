#!/bin/sh
# The German catalogue speaks SuperOffice's German: every message that
# holds one of the English terms of data/po/terms.de has the German term
# of that line in its translation (and so no home-made variant such as
# "Kategoriegruppe"). One check per term; a failure lists the messages.
. "$top_srcdir/tests/lib.sh"

if ! command -v msgcat >/dev/null 2>&1; then
	echo "1..0 # SKIP the gettext tools are not installed"
	exit 0
fi
po=$top_srcdir/data/po/de.po
terms=$top_srcdir/data/po/terms.de

# One message a line: msgid TAB translation [TAB translation...].
msgcat --no-wrap --no-location "$po" | awk '
	function flush() {
		if (id != "" && !obsolete) print id "\t" strs
		id = ""; strs = ""; obsolete = 0; field = ""
	}
	function unquote(s) { sub(/^[^"]*"/, "", s); sub(/"$/, "", s); return s }
	/^#~/ { obsolete = 1; next }
	/^msgid / { flush(); id = unquote($0); field = "id"; next }
	/^msgid_plural / { field = "plural"; next }
	/^msgstr/ { s = unquote($0); strs = strs (strs == "" ? "" : "\t") s; field = "str"; next }
	/^"/ { if (field == "id") id = id unquote($0)
	       else if (field == "str") strs = strs unquote($0)
	       next }
	/^$/ { flush() }
	END { flush() }
' >"$TEST_TMP/messages"

total=$(wc -l <"$TEST_TMP/messages")
ok "$([ "$total" -gt 100 ] && echo 0 || echo 1)" "the catalogue has its messages ($total)"

tab=$(printf '\t')
grep -v -e '^#' -e '^$' "$terms" >"$TEST_TMP/terms"
while IFS="$tab" read -r en de; do
	# Messages that hold the English term as a whole word, and among them
	# those with a translation that lacks the German term.
	awk -F '\t' -v en="$en" -v de="$de" '
		function word(s, t,    i, before, after) {
			while ((i = index(s, t)) > 0) {
				before = i > 1 ? substr(s, i - 1, 1) : ""; after = substr(s, i + length(t), 1)
				if (before !~ /[A-Za-z]/ && after !~ /[A-Za-z]/) return 1
				s = substr(s, i + length(t))
			}
			return 0
		}
		word($1, en) { n++; for (f = 2; f <= NF; f++) if (index($f, de) == 0) { bad++; print "#   " $1 " -> " $f; break } }
		END { printf "%d %d\n", n, bad }
	' "$TEST_TMP/messages" >"$TEST_TMP/term"
	set -- $(tail -n 1 "$TEST_TMP/term")
	head -n -1 "$TEST_TMP/term" | head -n 10
	is "$2" 0 "“$en” is “$de” in all $1 messages that hold it"
done <"$TEST_TMP/terms"
finish
