#!/bin/sh
# The German catalogue is complete: every message of the program and the
# screens (as xgettext finds them in src/ and ui/) has a translation that is
# not fuzzy, and msgfmt accepts the catalogue with its format checks.
. "$top_srcdir/tests/lib.sh"

if ! command -v xgettext >/dev/null 2>&1 || ! command -v msgmerge >/dev/null 2>&1; then
	echo "1..0 # SKIP the gettext tools are not installed"
	exit 0
fi
cd "$top_srcdir" || exit 1
xgettext --from-code=UTF-8 -k_ -kN_ -kngettext:1,2 --package-name=leadadmin \
	-o "$TEST_TMP/now.pot" src/*.c ui/*.c
ok $? "xgettext reads the sources"
msgmerge --quiet -o "$TEST_TMP/merged.po" data/po/de.po "$TEST_TMP/now.pot"
ok $? "msgmerge merges the catalogue with the sources"
msgfmt --check -o /dev/null data/po/de.po
ok $? "msgfmt --check accepts data/po/de.po"
untranslated=$(msgattrib --untranslated --no-obsolete "$TEST_TMP/merged.po" | grep -c '^msgid ' )
# The header entry counts as one untranslated-looking msgid "" only when
# there are others; with none, msgattrib prints nothing.
is "$untranslated" 0 "every message has a German translation"
msgattrib --untranslated --no-obsolete "$TEST_TMP/merged.po" | grep -A1 '^msgid ' | head -20 | sed 's/^/#   /'
fuzzy=$(msgattrib --only-fuzzy --no-obsolete "$TEST_TMP/merged.po" | grep -c '^msgid ')
is "$fuzzy" 0 "no translation is fuzzy (out of date)"
finish
