#!/bin/sh
# UTM values cleaned up from the command line: `utm values` groups the
# variants of a stored value, `utm alias` maps them to one canonical value
# for new submissions and the lead overview, and --rewrite (with --yes)
# changes the stored rows. On the demo database, with submissions that
# carry "google", "Google", "google-ads", "google_ads", "google.com".
# Everything is read back with sqlite3.
# shellcheck source=tests/lib.sh disable=SC2154
. "$top_srcdir/tests/lib.sh"
need_sqlite3

ME=$(id -un 2>/dev/null) || ME="uid$(id -u)"

la --db "$DB" init --demo
is "$RC" 0 "init --demo"
la --db "$DB" licence enable marketing-premium
la --db "$DB" marketing set --utm on --form-category Lead
is "$RC" 0 "UTM transfer on, new companies in Lead"

# form ID EMAIL SOURCE [CAMPAIGN]: one submission line.
form() {
	printf '{"id": "%s", "email": "%s@example.org", "firstname": "F", "lastname": "%s", "url": "https://www.example.com/?utm_source=%s&utm_medium=cpc&utm_campaign=%s", "submitted": "2026-03-02T09:00:00Z"}\n' \
		"$1" "$2" "$2" "$3" "${4:-spring}"
}
FORMS="$TEST_TMP/forms.jsonl"
{
	form u1 a1 google
	form u2 a2 google
	form u3 a3 Google
	form u4 a4 google-ads
	form u5 a5 google-ads
	form u6 a6 google-ads
	form u7 a7 google_ads
	form u8 a8 google.com
	form u9 a9 Google+Ads Spring
	form u10 a10 bing
} >"$FORMS"
la --db "$DB" submit "$FORMS"
is "$RC" 0 "ten submissions"
like "$OUT" "10 created" "ten new contacts"

# ------------------------------------------------------------ utm values
la --db "$DB" utm values
is "$RC" 0 "utm values"
like "$OUT" "Source: 7 values in 3 groups" "seven source values in three groups"
la --db "$DB" utm values --format tsv
is "$RC" 0 "utm values --format tsv"
is "$(printf '%s\n' "$OUT" | head -1)" "$(printf 'field\tgroup\tvalue\tsubmissions\tfirst_touches\talias_of')" \
	"the TSV head"
is "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR > 1 { printf "%s=%s:%s ", $3, $2, $4 }')" \
	"bing=bing:1 google=google:2 Google=google:1 google.com=google:1 google-ads=google-ads:3 Google Ads=google-ads:1 google_ads=google-ads:1 " \
	"case, a trailing .com and -/_/blank variants are grouped; the most used value first"
la --db "$DB" utm values --field campaign --format json
is "$RC" 0 "utm values --field campaign --format json"
is "$(printf '%s' "$OUT" | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["field"], [(g["key"], g["submissions"], [v["value"] for v in g["values"]]) for g in d["groups"]])')" \
	"campaign [('spring', 10, ['spring', 'Spring'])]" "the JSON groups spring and Spring with their counts"
la --db "$DB" utm values --field term
is "$RC:$ERR" "2:leadadmin utm: --field takes source, medium or campaign, not 'term' (see: leadadmin utm --help)" \
	"an unknown field is a usage error that names the fields"
la --db "$DB" utm values --format xml
is "$RC" 2 "an unknown format is a usage error"

la --db "$DB" leads --format tsv
SOURCES=$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == "source" && $6 == "item" { printf "%s=%s ", $2, $3 }')
is "$SOURCES" "google-ads=3 google=2 Google=1 Google Ads=1 bing=1 google.com=1 google_ads=1 " \
	"before any alias the overview counts each stored value"

# ------------------------------------------------------------ refusals
BEFORE=$(checksum "$DB")
la --db "$DB" utm alias google-ads --to ""
is "$RC:$ERR" "1:leadadmin: The canonical value must not be empty" "an empty canonical value is refused"
la --db "$DB" utm alias google-ads --to "$(printf 'goo\tgle')"
is "$RC" 1 "a canonical value with a tab is refused"
like "$ERR" "The canonical value must not contain control characters" "and says why"
la --db "$DB" utm alias google-ads --to "$(printf 'goo\342\200\213gle')"
like "$RC:$ERR" "1:leadadmin: The canonical value must not contain invisible characters" \
	"a canonical value with a zero-width space is refused"
la --db "$DB" utm alias google google-ads --to google
is "$RC:$ERR" "1:leadadmin: 'google' cannot be an alias of itself; give the variants to map to it" \
	"an alias of a value to itself is refused"
la --db "$DB" utm alias "  " --to google
is "$RC:$ERR" "1:leadadmin: A value to map must not be empty" "an empty value is refused"
la --db "$DB" utm alias google-ads
is "$RC" 2 "alias without --to is a usage error"
like "$ERR" "alias needs --to CANONICAL" "and says what is missing"
la --db "$DB" utm alias --to google
is "$RC" 2 "alias without values is a usage error"
la --db "$DB" utm alias google-ads --to google --yes
is "$RC" 2 "--yes without --rewrite is a usage error"
la --db "$DB" utm alias google-ads --to google --field content
is "$RC" 2 "alias with an unknown field is a usage error"
sql "UPDATE associate SET role = 1 WHERE name = '$ME'"
la --db "$DB" utm alias google-ads --to google
is "$RC" 1 "a List administrator may not change aliases (as the marketing settings)"
like "$ERR" "General administrator" "the refusal says who may"
sql "UPDATE associate SET role = 2 WHERE name = '$ME'"
is "$(checksum "$DB")" "$BEFORE" "the refusals changed nothing"
is "$(sql 'SELECT count(*) FROM utm_alias')" 0 "no alias is stored"

# ------------------------------------------------------------ alias
la --db "$DB" utm alias google-ads google_ads Google --to google
is "$RC" 0 "utm alias google-ads google_ads Google --to google"
like "$OUT" "Aliases of source values to 'google': 3 new, 0 changed, 0 unchanged." "it says what it stored"
is "$(sql "SELECT group_concat(value || '>' || canonical, ',') FROM (SELECT * FROM utm_alias WHERE field = 'source' ORDER BY value) AS a")" \
	"Google>google,google-ads>google,google_ads>google" "three aliases are stored"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'utm_alias' AND action = 'add'")" 3 "each alias is audited"
is "$(sql "SELECT count(*) FROM utm_parameters WHERE firsttouch_source IN ('google-ads', 'google_ads', 'Google')")" 5 \
	"an alias alone changes no stored row"

la --db "$DB" leads --format tsv
SOURCES=$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == "source" && $6 == "item" { printf "%s=%s ", $2, $3 }')
is "$SOURCES" "google=7 Google Ads=1 bing=1 google.com=1 " \
	"leads shows one google row whose count is the sum (2 + 3 + 1 + 1)"
la --db "$DB" leads
like "$OUT" "google                                  7" "the table has the one google row"
la --db "$DB" setup-check --deep
like "$OUT" "the kept counts (in use, lead overview) equal a count of the rows" "setup-check --deep is clean after the alias (the kept counts equal a recount)"
# The contacts behind the rows show the canonical value too, so that the
# drill-down agrees with the row it came from.
la --db "$DB" leads --status Open --format tsv
is "$(printf '%s\n' "$OUT" | awk -F'\t' 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "source") c = i; next }
	{ n[$c]++ } END { for (v in n) if (v ~ /oogle/) printf "%s=%d\n", v, n[v] }' | LC_ALL=C sort | tr '\n' ' ')" \
	"Google Ads=1 google.com=1 google=7 " \
	"leads --status shows each contact's first-touch source as its canonical value"

# A chain either way is refused.
la --db "$DB" utm alias bing --to google-ads
is "$RC:$ERR" "1:leadadmin: 'google-ads' is itself an alias of 'google' (source); aliases do not chain: map to 'google' instead" \
	"an alias to a value that is itself an alias is refused"
la --db "$DB" utm alias google --to Google-Search
is "$RC" 1 "an alias of a value that aliases map to is refused"
like "$ERR" "'google' is the canonical value of the alias 'Google' (source); aliases do not chain" "and names the alias"

# New submissions store the canonical value.
{
	form u11 a11 google-ads
	form u12 a12 Google
} >"$TEST_TMP/more.jsonl"
la --db "$DB" submit "$TEST_TMP/more.jsonl"
is "$RC" 0 "two more submissions"
is "$(sql "SELECT group_concat(source, ',') FROM form_submission WHERE submission_key IN ('u11', 'u12')")" "google,google" \
	"a variant with an alias is stored as its canonical value"
is "$(sql "SELECT group_concat(u.firsttouch_source || '/' || u.source, ',') FROM utm_parameters u JOIN form_submission f USING (form_submission_id) WHERE f.submission_key IN ('u11', 'u12')")" \
	"google/google,google/google" "in the first touch and the visit too"
la --db "$DB" leads --format tsv
is "$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == "source" && $2 == "google" { print $3 }')" 9 "the google row counts them"

# ------------------------------------------------------------ rewrite
BEFORE=$(checksum "$DB")
la --db "$DB" utm alias google-ads google_ads Google --to google --rewrite
is "$RC" 1 "--rewrite without --yes exits 1"
like "$OUT" "Would rewrite source 'google-ads' to 'google': form submissions 3, visits 3, first touches 3." \
	"it shows what it would change, value by value"
like "$OUT" "Nothing was changed; add --yes to go ahead." "and that nothing was changed"
is "$(checksum "$DB")" "$BEFORE" "the database is as it was"
la --db "$DB" utm alias google-ads google_ads Google --to google --rewrite --yes
is "$RC" 0 "--rewrite --yes"
like "$OUT" "Rewritten: form submissions 5, visits 5, first touches 5." "it says how many rows changed"
is "$(sql "SELECT count(*) FROM utm_parameters WHERE firsttouch_source IN ('google-ads', 'google_ads', 'Google') OR source IN ('google-ads', 'google_ads', 'Google')")" 0 \
	"no utm_parameters row keeps a variant"
is "$(sql "SELECT count(*) FROM form_submission WHERE source IN ('google-ads', 'google_ads', 'Google')")" 0 \
	"no form submission keeps a variant"
is "$(sql "SELECT count(*) FROM form_submission WHERE source = 'google'")" 9 "nine submissions have google"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'utm_alias' AND action = 'rewrite'")" 3 "each rewritten value is audited"
la --db "$DB" leads --format tsv
SOURCES=$(printf '%s\n' "$OUT" | awk -F'\t' '$1 == "source" && $6 == "item" { printf "%s=%s ", $2, $3 }')
is "$SOURCES" "google=9 Google Ads=1 bing=1 google.com=1 " "the overview is the same after the rewrite"
la --db "$DB" setup-check --deep
like "$OUT" "the kept counts (in use, lead overview) equal a count of the rows" "setup-check --deep is clean after the rewrite (the kept counts equal a recount)"
like "$OUT" "equal a count of the rows" "the kept counts equal a recount"
la --db "$DB" log --list utm
is "$RC" 0 "log --list utm"
like "$OUT" "rewrite  field: source; from: google-ads; to: google; submissions: 3; visits: 3; first_touches: 3" \
	"the log shows the rewrite"
like "$OUT" "add      field: source; value: Google; canonical: google" "and the aliases"

# ------------------------------------------------------------ list, remove, move
la --db "$DB" utm alias list --format tsv
is "$RC" 0 "utm alias list --format tsv"
is "$(printf '%s\n' "$OUT" | cut -f1-3 | tr '\t\n' ':;')" \
	"field:value:canonical;source:Google:google;source:google-ads:google;source:google_ads:google;" \
	"the aliases, by field and canonical value"
la --db "$DB" utm alias list --field medium
is "$RC:$OUT" "0:No aliases." "no medium aliases"
# Naming every alias of google moves them along with it.
la --db "$DB" utm alias google Google google-ads google_ads --to Google-Search
is "$RC" 0 "a value and all the aliases that map to it move together"
like "$OUT" "1 new, 3 changed, 0 unchanged" "one new alias, three changed"
is "$(sql "SELECT count(*) FROM utm_alias WHERE canonical = 'Google-Search'")" 4 "all four map to Google-Search"
is "$(sql "SELECT count(*) FROM utm_alias a JOIN utm_alias b ON b.field = a.field AND b.value = a.canonical")" 0 \
	"no alias maps to an alias"
la --db "$DB" utm alias remove google nothing-here
is "$RC" 1 "removing a value that is no alias is refused"
like "$ERR" "'nothing-here' is no alias of a source value; nothing was removed" "and says which"
is "$(sql "SELECT count(*) FROM utm_alias")" 4 "nothing was removed"
la --db "$DB" utm alias remove google
is "$RC" 0 "utm alias remove google"
is "$(sql "SELECT count(*) FROM utm_alias WHERE value = 'google'")" 0 "the alias is gone"
is "$(sql "SELECT count(*) FROM form_submission WHERE source = 'google'")" 9 "the stored rows keep their value"
is "$(sql "SELECT count(*) FROM audit WHERE list = 'utm_alias' AND action = 'delete'")" 1 "the removal is audited"
# remove takes the words that added the alias: both clean them alike.
la --db "$DB" utm alias "$(printf 'a\nb')" --to Google-Search
is "$RC" 0 "a value with a line break gets an alias"
is "$(sql "SELECT count(*) FROM utm_alias WHERE value = 'ab'")" 1 "stored as a submission stores it (ab)"
la --db "$DB" utm alias remove "$(printf 'a\nb')"
is "$RC" 0 "utm alias remove with the same words"
is "$(sql "SELECT count(*) FROM utm_alias WHERE value = 'ab'")" 0 "removes it"
# With --to every word is a value, also "list".
la --db "$DB" utm alias list --to newsletter --field medium
is "$RC" 0 "a value named list can have an alias"
is "$(sql "SELECT canonical FROM utm_alias WHERE field = 'medium' AND value = 'list'")" newsletter "it is stored"
la --db "$DB" utm alias cpc --field medium --to "  Paid search  "
is "$(sql "SELECT canonical FROM utm_alias WHERE field = 'medium' AND value = 'cpc'")" "Paid search" \
	"the canonical value is trimmed"
la --db "$DB" setup-check --deep
like "$OUT" "the kept counts (in use, lead overview) equal a count of the rows" "setup-check --deep is still clean (the kept counts equal a recount)"

# ---- export and import carry the aliases ("utm_aliases", optional)
aliases_of() {
	sql "$1" "SELECT group_concat(field || ':' || value || '>' || canonical, ' ') FROM (SELECT * FROM utm_alias ORDER BY field, value) AS a"
}
la --db "$DB" export "$TEST_TMP/aliases.json"
is "$RC" 0 "export"
like "$(cat "$TEST_TMP/aliases.json")" '"utm_aliases": [{"field": "source", "value": ' "the export has the aliases"
[ -n "$(aliases_of "$DB")" ]; ok $? "there are aliases to carry ($(sql "SELECT count(*) FROM utm_alias"))"
FRESH="$TEST_TMP/fresh.db"
"$LEADADMIN_BIN" --db "$FRESH" init >/dev/null 2>&1
la --db "$FRESH" import "$TEST_TMP/aliases.json" --dry-run
is "$RC" 0 "import --dry-run"
like "$OUT" "add the UTM alias: field: source; value: " "the plan names each alias"
is "$(sql "$FRESH" "SELECT count(*) FROM utm_alias")" 0 "a dry run stores no alias"
la --db "$FRESH" import "$TEST_TMP/aliases.json" --yes
is "$RC" 0 "import into a fresh database"
is "$(aliases_of "$FRESH")" "$(aliases_of "$DB")" "the aliases arrive as they were"
is "$(sql "$FRESH" "SELECT count(*) FROM audit WHERE list = 'utm_alias' AND action = 'add'")" \
	"$(sql "$FRESH" "SELECT count(*) FROM utm_alias")" "each alias added is audited"
before=$(checksum "$FRESH")
la --db "$FRESH" import "$TEST_TMP/aliases.json" --yes
is "$RC" 0 "the same file again"
is "$(checksum "$FRESH")" "$before" "changes nothing"
# Aliases stored as the file has them need no General administrator.
sql "$FRESH" "UPDATE associate SET role = 1 WHERE name = '$ME'"
la --db "$FRESH" import "$TEST_TMP/aliases.json" --yes
is "$RC" 0 "a List administrator imports a file whose aliases are stored already"
sql "$FRESH" "DELETE FROM utm_alias WHERE value = (SELECT min(value) FROM utm_alias)"
before=$(checksum "$FRESH")
la --db "$FRESH" import "$TEST_TMP/aliases.json" --yes
is "$RC" 1 "but not one that adds an alias"
like "$ERR" "utm_aliases[" "the refusal names the element"
like "$ERR" "General administrator" "and who may"
is "$(checksum "$FRESH")" "$before" "and changes nothing"
sql "$FRESH" "UPDATE associate SET role = 2 WHERE name = '$ME'"
# A file made before UTM aliases has no "utm_aliases": still imported.
sed ':a;N;$!ba;s/,\n  "utm_aliases": [^\n]*\n}/\n}/' "$TEST_TMP/aliases.json" >"$TEST_TMP/old.json"
unlike "$(cat "$TEST_TMP/old.json")" utm_aliases "the old file has no aliases"
OLD="$TEST_TMP/old.db"
"$LEADADMIN_BIN" --db "$OLD" init >/dev/null 2>&1
la --db "$OLD" import "$TEST_TMP/old.json" --yes
is "$RC:$(sql "$OLD" "SELECT count(*) FROM utm_alias")" "0:0" "a file without aliases imports, with none"
# Malformed members: each refused with what is wrong, nothing changed.
bad() {  # bad MEMBER: a file whose "utm_aliases" is MEMBER
	printf '%s\n' '{"format": "leadadmin-lists", "version": 2, "categories": [{"name": "Extra", "group": "other"}], "lead_statuses": [], "user_groups": [],' \
		"\"utm_aliases\": $1}" >"$TEST_TMP/bad.json"
	before=$(checksum "$OLD")
	la --db "$OLD" import "$TEST_TMP/bad.json" --yes
}
bad '{"field": "source"}'
is "$RC" 1 "not a list"
like "$ERR" '"utm_aliases" must be a list; nothing was imported' "not a list: the message"
is "$(checksum "$OLD")" "$before" "nothing changed (not even the category)"
bad '[{"field": "source", "value": "a", "canonical": "b"}, "x"]'
is "$RC" 1 "an element that is no object"
like "$ERR" 'utm_aliases[1]: must be an object with "field", "value" and "canonical"; nothing was imported' "an element that is no object: the message"
is "$(checksum "$OLD")" "$before" "nothing changed (not even the first alias)"
bad '[{"field": "term", "value": "a", "canonical": "b"}]'
is "$RC" 1 "a field without aliases"
like "$ERR" 'utm_aliases[0]: "field" must be source, medium or campaign; nothing was imported' "a field without aliases: the message"
is "$(checksum "$OLD")" "$before" "nothing changed"
bad '[{"field": "source", "canonical": "b"}]'
is "$RC" 1 "no value"
like "$ERR" 'utm_aliases[0]: "value" must be text; nothing was imported' "no value: the message"
bad '[{"field": "source", "value": "a", "canonical": 3}]'
is "$RC" 1 "a canonical value that is no text"
like "$ERR" 'utm_aliases[0]: "canonical" must be text; nothing was imported' "a canonical value that is no text: the message"
bad '[{"field": "source", "value": "a", "canonical": "b", "by": "me"}]'
is "$RC" 1 "an unknown key"
like "$ERR" 'utm_aliases[0]: by: unknown key; nothing was imported' "an unknown key: the message"
bad '[{"field": "source", "value": "a", "canonical": "b"}, {"field": "source", "value": "b", "canonical": "c"}]'
is "$RC" 1 "a chain is refused as utm alias refuses it"
like "$ERR" "utm_aliases[1]: " "naming the element"
is "$(checksum "$OLD")" "$before" "nothing changed"
bad '[{"field": "source", "value": "a", "canonical": ""}]'
is "$RC" 1 "an empty canonical value is refused"
like "$ERR" "utm_aliases[0]: The canonical value must not be empty" "saying why"
is "$(checksum "$OLD")" "$before" "nothing changed"
la --db "$OLD" --lang de import "$TEST_TMP/bad.json" --yes
like "$ERR" "utm_aliases[0]: Der kanonische Wert darf nicht leer sein" "the refusal in German"

la --db "$DB" --lang de utm alias bing --to ""
is "$ERR" "leadadmin: Der kanonische Wert darf nicht leer sein" "the refusal in German"
la --db "$DB" utm --help
is "$RC" 0 "utm --help"
like "$OUT" "alias VALUE... --to CANONICAL" "the help names alias"

finish
